"""The figures of the statistics page (/thong-ke/), each chart as a table: a heading row and
rows of (label, numbers...). Everything is counted by the registry (summarize() and the
QuerySets); this module only lays the counts out."""

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count
from django.db.models.functions import ExtractYear

from ocop.catalog.product_sets_en import group_name
from ocop.domain.dates import format_month
from ocop.domain.validity import add_months
from ocop.registry.models import Decision, Product
from ocop.registry.summary import Figures, summarize

MONTHS_AHEAD = 12
STARS = sorted(Decision.Stars.values, reverse=True)


@dataclass
class Chart:
    slug: str
    columns: list[str]
    rows: list[tuple]
    # The columns after the label that are drawn, one bar series each (stacked when several);
    # a total after them is for the table and the CSV only.
    drawn: int = 1

    def to_dict(self) -> dict:
        series = [
            {"label": self.columns[i], "data": [row[i] for row in self.rows]}
            for i in range(1, 1 + self.drawn)
        ]
        return {"labels": [str(row[0]) for row in self.rows], "series": series}


def charts(day: date, words: dict) -> tuple[Figures, list[Chart]]:
    """Every chart on `day`, headed with `words` (ocop.catalog.texts_statistics)."""
    summary = summarize(day, breakdowns=True)
    return summary, [*_from_summary(summary, words), *_from_decisions(day, words)]


def chart(slug: str, day: date, words: dict) -> Chart | None:
    """One chart (for its CSV), counting no more than it needs."""
    if slug in ("cong-nhan-theo-nam", "het-han-theo-thang"):
        found = _from_decisions(day, words)
    else:
        found = _from_summary(summarize(day, breakdowns=True), words)
    return next((c for c in found if c.slug == slug), None)


def _from_summary(summary: Figures, words: dict) -> list[Chart]:
    return [
        by_stars(summary, words),
        by_mapping("xa-phuong", summary.by_commune, words["commune"], words),
        by_mapping("nhom", _groups_in(summary.by_group, words["lang"]), words["group"], words),
    ]


def _groups_in(counts: dict[str, int], lang: str) -> dict[str, int]:
    """The product groups' names in the page's language: as counted (Vietnamese dictionary
    order) on the Vietnamese page, in English alphabetical order on the English one."""
    if lang == "vi":
        return counts
    named = {group_name(group, lang) if group else group: n for group, n in counts.items()}
    return dict(sorted(named.items(), key=lambda item: (not item[0], (item[0] or "").casefold())))


def _from_decisions(day: date, words: dict) -> list[Chart]:
    return [recognitions_per_year(day, words), expiries_by_month(day, words)]


def by_stars(summary: Figures, words: dict) -> Chart:
    rows = [(words["n_stars"].format(n=s), summary.valid_by_stars[str(s)]) for s in STARS]
    return Chart("hang-sao", [words["stars"], words["valid_products"]], rows)


def by_mapping(slug: str, counts: dict[str, int], heading: str, words: dict) -> Chart:
    rows = [(name or words["unknown"], n) for name, n in counts.items()]
    return Chart(slug, [heading, words["valid_products"]], rows)


def recognitions_per_year(day: date, words: dict) -> Chart:
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
    columns = [words["year"], *(words["n_stars"].format(n=s) for s in STARS), words["total"]]
    return Chart("cong-nhan-theo-nam", columns, rows, drawn=len(STARS))


def expiries_by_month(day: date, words: dict) -> Chart:
    """Products whose recognition, as known on `day`, runs out in each of the next months."""
    months = [add_months(day.replace(day=1), i) for i in range(MONTHS_AHEAD)]
    end = add_months(months[-1], 1) - timedelta(days=1)
    ending = Product.objects.expiring_between(day, end).values_list("valid_until", flat=True)
    per_month = Counter(d.replace(day=1) for d in ending)
    rows = [(format_month(m), per_month[m]) for m in months]
    return Chart("het-han-theo-thang", [words["month"], words["expiring"]], rows)
