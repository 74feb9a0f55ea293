"""The public search /san-pham/?q=…: the products matching what was typed (without accents,
one typo forgiven per word), filtered by facets with their counts, ranked or in dictionary
order, 20 to a page. Statuses and stars are those of today, from the registry's QuerySets
(DecisionQuerySet.with_product_status); the verdict words from ocop.domain.verdict."""

import heapq
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date
from urllib.parse import urlencode

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Case, IntegerField, Value, When

from ocop.catalog import fulltext
from ocop.catalog.verification import judge
from ocop.domain.names import fold, text_key
from ocop.domain.status import Status
from ocop.domain.typos import corrections
from ocop.domain.verdict import Verdict
from ocop.registry.models import Decision, ProducerType, Product, ProductSet, Unit

PER_PAGE = 20
MAX_WORDS = 10
MAX_LENGTH = 200
# The status filter's values in the address, and the status each one keeps (None: all).
STATUSES = {
    "con-hieu-luc": Status.VALID,
    "het-han": Status.EXPIRED,
    "thu-hoi": Status.REVOKED,
    "tat-ca": None,
}
DEFAULT_STATUS = "con-hieu-luc"
STATUS_PARAMETER = {status: key for key, status in STATUSES.items() if status}
# Facets: address parameter -> the field of the product's latest decision grouped on.
FACETS = {
    "sao": "counted_stars",
    "bo": "product__product_set",
    "xa": "product__unit",
    "loai": "product__producer__kind",
}
MAX_FACET_VALUES = 12


@dataclass(frozen=True)
class Criteria:
    """What the address asks for. Unknown or malformed values are dropped, so any address
    gives a page; `url()` writes the canonical address of the same criteria."""

    q: str = ""
    status: str = DEFAULT_STATUS
    chosen: dict = field(default_factory=dict)  # facet parameter -> tuple of values
    sort: str = ""  # "" by relevance, "ten" in dictionary order
    page: int = 1

    @classmethod
    def from_query(cls, query) -> "Criteria":
        status = query.get("tinh_trang", DEFAULT_STATUS)
        chosen = {name: _values(query.getlist(name), name) for name in FACETS}
        page = query.get("trang", "1")
        return cls(
            q=" ".join(query.get("q", "").split())[:MAX_LENGTH],
            status=status if status in STATUSES else DEFAULT_STATUS,
            chosen={name: values for name, values in chosen.items() if values},
            sort="ten" if query.get("sap_xep") == "ten" else "",
            page=int(page) if page.isdecimal() and 0 < int(page) < 10_000 else 1,
        )

    def url(self, path: str, **changes) -> str:
        """The address of these criteria with `changes`, parameters always in one order."""
        criteria = replace(self, **changes)
        pairs = [("q", criteria.q)] if criteria.q else []
        if criteria.status != DEFAULT_STATUS:
            pairs.append(("tinh_trang", criteria.status))
        for name in FACETS:
            pairs.extend((name, value) for value in criteria.chosen.get(name, ()))
        if criteria.sort:
            pairs.append(("sap_xep", criteria.sort))
        if criteria.page > 1:
            pairs.append(("trang", criteria.page))
        return f"{path}?{urlencode(pairs)}" if pairs else path


def _values(raw: list[str], name: str) -> tuple:
    kinds = set(ProducerType.values)
    valid = (lambda v: v in kinds) if name == "loai" else str.isdecimal
    return tuple(sorted({v for v in raw if valid(v)}, key=lambda v: (len(v), v)))[:50]


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: object  # a model or a value the template words
    count: int
    chosen: bool


@dataclass(frozen=True)
class Result:
    product: Product
    stars: int | None
    verdict: Verdict
    url: str


@dataclass
class Found:
    results: list[Result]
    total: int
    pages: int
    statuses: dict  # status parameter -> count
    facets: dict  # facet parameter -> [FacetValue]
    corrected: bool  # a word matched nothing and was read as a near word


@dataclass
class _Names:
    """Communes and product sets by the words of their folded names: few enough to fold at
    query time, so they cannot go stale."""

    units: dict = field(default_factory=dict)
    sets: dict = field(default_factory=dict)

    @classmethod
    def load(cls) -> "_Names":
        units = {pk: set(fulltext.words(fold(name))) for pk, name in _unit_names()}
        sets = {
            pk: set(fulltext.words(fold(f"{name} {group}")))
            for pk, name, group in ProductSet.objects.values_list("pk", "name", "group")
        }
        return cls(units, sets)

    def selecting(self, alternatives: list[str], prefix: bool) -> tuple[str, list]:
        """SQL selecting the products in the communes or product sets whose name has a word
        equal to (or beginning with) one of `alternatives`."""

        def hit(words):
            return any(w.startswith(a) if prefix else w == a for w in words for a in alternatives)

        parts, params = [], []
        for column, names in (("unit_id", self.units), ("product_set_id", self.sets)):
            ids = [pk for pk, words in names.items() if hit(words)]
            if ids:
                marks = ", ".join(["%s"] * len(ids))
                parts.append(f"SELECT id FROM registry_product WHERE {column} IN ({marks})")
                params += ids
        return " UNION ALL ".join(parts), params

    def vocabulary(self) -> set[str]:
        return set().union(*self.units.values(), *self.sets.values())


def _unit_names():
    return Unit.objects.order_by().values_list("pk", "name")


def matching_products(typed: str) -> tuple[list[int] | None, bool]:
    """The ids of the products matching every word typed (as the start of a word of the
    product's, producer's, commune's or product set's name); a word that matches nothing is
    read as the words one typo away. None when nothing was typed (every product). Returns
    the ids and whether a word was corrected."""
    words = fulltext.words(fold(typed))[:MAX_WORDS]
    if not words:
        return None, False
    names = _Names.load()
    exact = {w: _word(names, [w], prefix=True) for w in words}
    found = _fetch(_intersection(exact.values()))
    if found:
        return found, False
    dead = {w for w in words if not _fetch(exact[w], limit=1)}
    near = {w: corrections(w, fulltext.vocabulary(w) | names.vocabulary()) for w in dead}
    if not dead or not all(near.values()):
        return [], False
    corrected = [_word(names, near[w], prefix=False) if w in dead else exact[w] for w in words]
    return _fetch(_intersection(corrected)), True


def _word(names: _Names, alternatives: list[str], prefix: bool) -> tuple[str, list]:
    sql, params = fulltext.selecting(alternatives, prefix)
    more, more_params = names.selecting(alternatives, prefix)
    return (f"{sql} UNION ALL {more}", params + more_params) if more else (sql, params)


def _intersection(selects) -> tuple[str, list]:
    selects = list(selects)
    sql = " INTERSECT ".join(f"SELECT id FROM ({s}) AS w{i}" for i, (s, _) in enumerate(selects))
    return sql, [p for _, params in selects for p in params]


def _fetch(select: tuple[str, list], limit: int | None = None) -> list[int]:
    sql, params = select
    with connection.cursor() as cursor:
        cursor.execute(f"{sql} LIMIT {int(limit)}" if limit else sql, params)
        return [row[0] for row in cursor.fetchall()]


# One row per matching product (its latest decision as of the day): what the facets, the
# filters and the order need. One query, then counted and sorted here: five grouped queries
# over the same rows cost five times as much.
_COLUMNS = ["product", "product_status", *FACETS.values(), "product__sort_key", "product__name"]


def search(criteria: Criteria, day: date, lang: str = "vi") -> Found:
    matched, corrected = matching_products(criteria.q)
    latest = Decision.objects.with_product_status(day).order_by()
    if matched is not None:
        latest = latest.filter(product__in=matched)
    rows = _plain_rows(latest.annotate(first=_first(criteria)).values_list(*_COLUMNS, "first"))
    # Each row with the one test it fails (None: none); rows failing two never count.
    near = list(_near_misses(rows, _tests(criteria)))
    statuses = Counter(row[1] for row, miss in near if miss in (None, "tinh_trang"))
    facets = {name: _facet(name, near, criteria) for name in FACETS}
    chosen = [row for row, miss in near if miss is None]
    pages = max(1, -(-len(chosen) // PER_PAGE))
    page = min(criteria.page, pages)
    # Only as many rows as this page needs are put in order.
    ordered = heapq.nsmallest(page * PER_PAGE, chosen, key=_order)
    shown = ordered[(page - 1) * PER_PAGE :]
    return Found(
        results=_results([(row[0], row[2]) for row in shown], day, lang),
        total=len(chosen),
        pages=pages,
        statuses={STATUS_PARAMETER[Status(k)]: n for k, n in statuses.items()},
        facets=facets,
        corrected=corrected,
    )


def _plain_rows(query) -> list[tuple]:
    # Tens of thousands of rows for a short word: Django's per-value converters would take
    # longer than the query, and these columns (text, integers) need none.
    try:
        sql = query.query.sql_with_params()
    except EmptyResultSet:  # a word that matches nothing, nor anything near it
        return []
    with connection.cursor() as cursor:
        cursor.execute(*sql)
        return cursor.fetchall()


def _order(row):
    first, sort_key, name, pk = row[-1], row[-3], row[-2], row[0]
    return first, sort_key, name, pk


def _tests(criteria: Criteria) -> list[tuple[str, int, set]]:
    """(parameter, column, values kept) for the status and each chosen facet."""
    status = STATUSES[criteria.status]
    tests = [("tinh_trang", 1, {status.value})] if status else []
    for column, name in enumerate(FACETS, start=2):
        if name in criteria.chosen:
            cast = str if name == "loai" else int
            tests.append((name, column, {cast(v) for v in criteria.chosen[name]}))
    return tests


def _near_misses(rows, tests):
    for row in rows:
        missed = [name for name, column, values in tests if row[column] not in values]
        if len(missed) < 2:
            yield row, (missed[0] if missed else None)


def _facet(name: str, near, criteria: Criteria) -> list[FacetValue]:
    """The values of one facet among the rows passing every other test, with their counts."""
    column = 2 + list(FACETS).index(name)
    counts = Counter(row[column] for row, miss in near if miss in (None, name))
    counts.pop(None, None)
    chosen = set(criteria.chosen.get(name, ()))
    shown = sorted(counts, key=lambda v: (-counts[v], str(v)))[:MAX_FACET_VALUES]
    shown += [v for v in counts if str(v) in chosen and v not in shown]
    labels = _labels(name, shown)
    values = [FacetValue(str(v), labels[v], counts[v], str(v) in chosen) for v in shown]
    if name in ("xa", "bo"):
        values.sort(key=lambda f: f.label.sort_key if name == "xa" else f.label.number)
    else:
        values.sort(key=lambda f: f.value)
    return values


def _labels(name: str, values: list) -> dict:
    if name == "xa":
        return Unit.objects.select_related("province").in_bulk(values)
    if name == "bo":
        return ProductSet.objects.in_bulk(values)
    if name == "loai":
        return {v: ProducerType(v) for v in values}
    return {v: v for v in values}


def _first(criteria: Criteria):
    """0 for a product whose name holds the typed text as written, accents and all (it comes
    first), else 1; always 1 when sorting by name."""
    key = text_key(criteria.q)
    if criteria.sort == "ten" or not key:
        return Value(1, output_field=IntegerField())
    return Case(
        When(product__name_key__contains=key, then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )


def _results(rows: list[tuple[int, int | None]], day: date, lang: str) -> list[Result]:
    products = (
        Product.objects.select_related("producer", "unit", "product_set")
        .prefetch_related("decisions")
        .in_bulk([pk for pk, _ in rows])
    )
    results = []
    for pk, stars in rows:
        product = products[pk]
        decisions = sorted(product.decisions.all(), key=lambda d: (d.decided_on, d.pk))
        _, said = judge(decisions, day)
        results.append(Result(product, stars, said, product.get_public_url(lang)))
    return results
