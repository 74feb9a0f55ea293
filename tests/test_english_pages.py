"""The English pages (/en/...) of the demo data speak English: once the names the registry
holds are set aside (products, producers, communes and provinces, issuers, addresses, photo
descriptions, points of sale: proper names and what officers typed), no Vietnamese word with
diacritics is left. Product sets and groups are the programme's classification, not names:
they are in English (ocop/catalog/product_sets_en.py)."""

import csv
import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.apps import apps
from django.utils import timezone

from ocop.catalog.product_sets_en import GROUPS, SECTORS, SETS
from ocop.registry.generate import generate

pytestmark = pytest.mark.django_db
DAY = date(2025, 12, 31)
MARKED = re.compile(
    r"[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]", re.IGNORECASE
)
# Text the registry holds as typed: names and free text are shown as they are in every language.
TYPED = {
    "registry.Product": ["name", "address", "description"],
    "registry.Producer": ["name", "address", "representative"],
    "registry.Unit": ["name"],
    "registry.Province": ["name"],
    "registry.Decision": ["number", "issuer"],
    "catalog.PointOfSale": ["name", "address"],
    "catalog.ProductPhoto": ["alt"],
}
START = ["/en/", "/en/san-pham/", "/en/thong-ke/", "/en/xac-minh/", "/en/phan-anh/"]
PER_KIND = 5


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: DAY)


class Text(HTMLParser):
    """The words a reader sees, without scripts, styles and what is marked lang="vi" (the
    language switch "Tiếng Việt")."""

    VOID = {"br", "img", "input", "link", "meta", "hr", "source", "area", "wbr", "col"}

    def __init__(self):
        super().__init__()
        self.parts, self.skipping = [], []

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        attrs = dict(attrs)
        self.skipping.append(tag in ("script", "style") or attrs.get("lang") == "vi")

    def handle_endtag(self, tag):
        if tag not in self.VOID and self.skipping:
            self.skipping.pop()

    def handle_data(self, data):
        if not any(self.skipping):
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = Text()
    parser.feed(html)
    return re.sub(r"\s+", " ", " ".join(parser.parts))


def typed_values() -> re.Pattern:
    values = set()
    for label, fields in TYPED.items():
        model = apps.get_model(label)
        present = [f for f in fields if any(x.name == f for x in model._meta.fields)]
        for row in model.objects.values_list(*present):
            values.update(v for v in row if isinstance(v, str) and MARKED.search(v))
    ordered = sorted(values, key=len, reverse=True)
    return re.compile("|".join(re.escape(v) for v in ordered))


def kind_of(url: str) -> str:
    """A page's kind: its address up to the first digit, a query counting as a kind of its own
    (the home page's many search links must not use up the product pages' turn)."""
    return re.sub(r"\d.*", "", re.sub(r"\?.*", "?", url))


def crawl(client) -> dict[str, str]:
    """Every kind of English page, PER_KIND of each, found by following links from START."""
    pages, queue, kinds = {}, list(START), {}
    while queue:
        url = queue.pop(0)
        kind = kind_of(url)
        if url in pages or kinds.get(kind, 0) >= PER_KIND:
            continue
        response = client.get(url)
        assert response.status_code == 200, url
        kinds[kind] = kinds.get(kind, 0) + 1
        pages[url] = response.content.decode()
        for link in re.findall(r'href="(/en/[^"#]*)"', pages[url]):
            link = link.replace("&amp;", "&")
            # A label sheet (/nhan/) is for staff and the producer: it asks a visitor to sign in.
            if not link.endswith((".csv", ".svg", ".png", "/nhan/")) and link not in pages:
                queue.append(link)
    return pages


def test_the_english_pages_leave_no_vietnamese_word_outside_names(client):
    generate(60, seed=9, today=DAY)
    names = typed_values()

    pages = crawl(client)
    left = {}
    for url, html in pages.items():
        text = names.sub(" ", visible_text(html))
        words = sorted({w for w in re.findall(r"\w+", text) if MARKED.search(w)})
        if words:
            left[url] = words

    kinds = {kind_of(url) for url in pages}
    assert {"/en/san-pham/", "/en/chu-the/", "/en/xa-phuong/", "/en/xac-minh/"} <= kinds
    assert any(re.match(r"/en/san-pham/\d", url) for url in pages)
    assert left == {}


def test_the_english_statistics_csv_names_product_groups_in_english(client):
    generate(60, seed=9, today=DAY)

    body = client.get("/en/thong-ke/nhom.csv?ngay=31/12/2025").content.decode("utf-8-sig")

    groups = [row[0] for row in csv.reader(body.splitlines()[1:])]
    assert groups and all(not MARKED.search(g) for g in groups)
    assert groups == sorted(groups, key=str.casefold)


def test_every_product_set_group_and_sector_has_an_english_name():
    table = Path(apps.get_app_config("registry").path) / "data" / "product_sets.csv"
    with table.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))

    assert {r["key"] for r in rows} == set(SETS)
    assert {r["group"] for r in rows} == set(GROUPS)
    assert {r["sector"] for r in rows} == set(SECTORS)
    assert not any(MARKED.search(name) for name in [*SETS.values(), *GROUPS.values()])
