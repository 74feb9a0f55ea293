"""The figures of the statistics page (/thong-ke/), each chart as a table: a heading row and
rows of (label, numbers...), in the active language. Everything is counted by the registry
(summarize() and the QuerySets); this module only lays the counts out."""

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count
from django.db.models.functions import ExtractYear
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from ocop.catalog.product_sets_en import group_name
from ocop.domain.dates import format_date
from ocop.domain.validity import add_months
from ocop.registry.models import Decision, Product
from ocop.registry.summary import Figures, summarize

MONTHS_AHEAD = 12
STARS = sorted(Decision.Stars.values, reverse=True)

TITLES = {
    "hang-sao": gettext_lazy("Sản phẩm còn hiệu lực theo hạng sao"),
    "xa-phuong": gettext_lazy("Sản phẩm còn hiệu lực theo xã, phường"),
    "nhom": gettext_lazy("Sản phẩm còn hiệu lực theo nhóm sản phẩm"),
    "cong-nhan-theo-nam": gettext_lazy("Số lượt công nhận theo năm"),
    "het-han-theo-thang": gettext_lazy("Sản phẩm sẽ hết thời hạn công nhận trong 12 tháng tới"),
}


def source_line(day: date) -> str:
    """Where the figures come from, under the charts on the page and inside each chart's image."""
    return _(
        "Nguồn: Sổ đăng ký sản phẩm OCOP của Sở Nông nghiệp và Môi trường tỉnh Lai Châu, theo các"
        " quyết định đã ghi trong sổ, tính đến ngày %(day)s. Số liệu được dùng lại tự do khi ghi"
        " nguồn."
    ) % {"day": format_date(day)}


@dataclass
class Chart:
    slug: str
    columns: list[str]
    rows: list[tuple]
    # The columns after the label that are drawn, one bar series each (stacked when several);
    # a total after them is for the table and the CSV only.
    drawn: int = 1
    # Products the registry has no value for (no product group recorded): in the table and the
    # CSV, never drawn as a bar of its own (a one-bar "Chưa xác định" chart says nothing).
    unknown: int = 0

    @property
    def table(self) -> list[tuple]:
        """The rows with the products of no value last, as the table and the CSV show them."""
        return [*self.rows, (_("Chưa xác định"), self.unknown)] if self.unknown else self.rows

    def to_dict(self) -> dict:
        series = [
            {"label": self.columns[i], "data": [row[i] for row in self.rows]}
            for i in range(1, 1 + self.drawn)
        ]
        return {"labels": [str(row[0]) for row in self.rows], "series": series}


def charts(day: date) -> tuple[Figures, list[Chart]]:
    """Every chart on `day`."""
    summary = summarize(day, breakdowns=True)
    return summary, [*_from_summary(summary), *_from_decisions(day)]


def chart(slug: str, day: date) -> Chart | None:
    """One chart (for its CSV), counting no more than it needs."""
    if slug in ("cong-nhan-theo-nam", "het-han-theo-thang"):
        found = _from_decisions(day)
    else:
        found = _from_summary(summarize(day, breakdowns=True))
    return next((c for c in found if c.slug == slug), None)


def _from_summary(summary: Figures) -> list[Chart]:
    return [
        by_stars(summary),
        by_mapping("xa-phuong", summary.by_commune, _("Xã, phường")),
        by_mapping("nhom", _groups_in(summary.by_group), _("Nhóm sản phẩm")),
    ]


def _groups_in(counts: dict[str, int]) -> dict[str, int]:
    """The product groups' names in the page's language: as counted (Vietnamese dictionary
    order) on the Vietnamese page, in English alphabetical order on the English one."""
    if translation.get_language() != "en":
        return counts
    named = {group_name(group) if group else group: n for group, n in counts.items()}
    return dict(sorted(named.items(), key=lambda item: (not item[0], (item[0] or "").casefold())))


def _from_decisions(day: date) -> list[Chart]:
    return [recognitions_per_year(day), expiries_by_month(day)]


def n_stars(n: int) -> str:
    return ngettext("%(n)s sao", "%(n)s sao", n) % {"n": n}


def by_stars(summary: Figures) -> Chart:
    rows = [(n_stars(s), summary.valid_by_stars[str(s)]) for s in STARS]
    return Chart("hang-sao", [_("Hạng sao"), _("Số sản phẩm còn hiệu lực")], rows)


def by_mapping(slug: str, counts: dict[str, int], heading: str) -> Chart:
    rows = [(name, n) for name, n in counts.items() if name]
    unknown = sum(n for name, n in counts.items() if not name)
    return Chart(slug, [heading, _("Số sản phẩm còn hiệu lực")], rows, unknown=unknown)


def recognitions_per_year(day: date) -> Chart:
    """Decisions signed by `day`, per year and stars (a product recognised again counts again:
    each decision is one recognition)."""
    counted = (
        Decision.objects.signed_by(day)
        .annotate(year=ExtractYear("decided_on"))
        .values_list("year", "stars")
        .annotate(n=Count("pk"))
        .order_by()
    )
    table: dict[int, Counter] = {}
    for year, stars, n in counted:
        table.setdefault(year, Counter())[stars] = n
    rows = [
        (year, *(table[year][s] for s in STARS), sum(table[year].values()))
        for year in sorted(table)
    ]
    columns = [_("Năm"), *(n_stars(s) for s in STARS), _("Tổng")]
    return Chart("cong-nhan-theo-nam", columns, rows, drawn=len(STARS))


def expiries_by_month(day: date) -> Chart:
    """Products whose recognition, as known on `day`, runs out in each of the next months."""
    months = [add_months(day.replace(day=1), i) for i in range(MONTHS_AHEAD)]
    end = add_months(months[-1], 1) - timedelta(days=1)
    ending = Product.objects.expiring_between(day, end).values_list("valid_until", flat=True)
    per_month = Counter(d.replace(day=1) for d in ending)
    rows = [(f"{m.month:02d}/{m.year}", per_month[m]) for m in months]
    return Chart("het-han-theo-thang", [_("Tháng"), _("Số sản phẩm hết thời hạn")], rows)
