"""The public search /san-pham/?q=…: the products matching what was typed (without accents,
one typo forgiven per word), filtered by facets with their counts, ranked or in dictionary
order, 20 to a page. Every status is shown unless one is chosen, valid products first, and the
products whose own name matches before those found by their producer, commune or product set.
A word also finds the other words of the same product (chè/trà, honey/mật ong:
ocop.domain.product_words). Statuses and stars are those of the day asked (?ngay=, today by
default), from the registry's QuerySets (DecisionQuerySet.with_product_status); the verdict
words from ocop.domain.verdict."""

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from operator import itemgetter
from urllib.parse import urlencode

from django.utils import timezone

from ocop.catalog import fulltext
from ocop.catalog.standings import FACET_COLUMNS, PK, RANK, STARS, STATUS, Standings, standings
from ocop.catalog.verification import judge
from ocop.domain.dates import asked_day, format_date
from ocop.domain.names import fold, text_key
from ocop.domain.product_words import same_product
from ocop.domain.status import Status
from ocop.domain.typos import corrections
from ocop.domain.verdict import Verdict
from ocop.registry.models import ProducerType, Product

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
# Every status by default: a search never says "not found" of a product the registry holds.
DEFAULT_STATUS = "tat-ca"
STATUS_PARAMETER = {status: key for key, status in STATUSES.items() if status}
# Facets: address parameter -> the field of the product's latest decision grouped on.
FACETS = {
    "sao": "counted_stars",
    "bo": "product__product_set",
    "xa": "product__unit",
    "loai": "product__producer__kind",
}
MAX_FACET_VALUES = 12
# Products kept with their verdict of the day, for the result lists (a few MB at most).
KEPT_PRODUCTS = 5000


@dataclass(frozen=True)
class Criteria:
    """What the address asks for. Unknown or malformed values are dropped, so any address
    gives a page; `url()` writes the canonical address of the same criteria."""

    q: str = ""
    status: str = DEFAULT_STATUS
    chosen: dict = field(default_factory=dict)  # facet parameter -> tuple of values
    sort: str = ""  # "" by relevance, "ten" in dictionary order
    page: int = 1
    day: date | None = None  # the day of ?ngay= (None: today)

    @classmethod
    def from_query(cls, query, today: date | None = None) -> "Criteria":
        status = query.get("tinh_trang", DEFAULT_STATUS)
        day = None
        if query.get("ngay") and today is not None:
            asked, error = asked_day(query.get("ngay"), today)
            day = None if error or asked == today else asked
        chosen = {name: _values(query.getlist(name), name) for name in FACETS}
        page = query.get("trang", "1")
        return cls(
            q=" ".join(query.get("q", "").split())[:MAX_LENGTH],
            status=status if status in STATUSES else DEFAULT_STATUS,
            chosen={name: values for name, values in chosen.items() if values},
            sort="ten" if query.get("sap_xep") == "ten" else "",
            page=int(page) if page.isdecimal() and 0 < int(page) < 10_000 else 1,
            day=day,
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
        if criteria.day:
            pairs.append(("ngay", format_date(criteria.day)))
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
    suggestions: list = field(default_factory=list)  # (words, count) when nothing was found


def matching_products(typed: str) -> tuple[list[int] | None, bool]:
    """The ids of the products matching every word typed (as the start of a word of the
    product's, producer's, commune's or product set's name); a word that matches nothing is
    read as the words one typo away. None when nothing was typed (every product). Returns
    the ids and whether a word was corrected."""
    found, corrected = _matching(typed, standings(timezone.localdate()))
    return (None if found is None else sorted(found)), corrected


def _matching(typed: str, standing: Standings) -> tuple[frozenset | None, bool]:
    words = fulltext.words(fold(typed))[:MAX_WORDS]
    if not words:
        return None, False
    exact = {w: _word_matches(w, standing) for w in words}
    found = _intersection(exact.values())
    if found:
        return found, False
    # Only a search that finds nothing looks for typos: a word that matched nothing alone.
    dead = {w for w in words if not exact[w]}
    near = {w: corrections(w, standing.vocabulary(w)) for w in dead}
    if not dead or not all(near.values()):
        return frozenset(), False
    corrected = [standing.matching(near[w], prefix=False) if w in dead else exact[w] for w in words]
    return _intersection(corrected), True


def _word_matches(word: str, standing: Standings) -> frozenset:
    """The products a typed word finds: a word of theirs beginning with it, or, as whole
    words, another way of writing the same product ("che" also finds "trà" and "tea")."""
    found = standing.matching([word], prefix=True)
    others = same_product(word)
    single = sorted(entry[0] for entry in others if len(entry) == 1)
    if single:  # one look-up for them all
        found = found | standing.matching(single, prefix=False)
    for entry in (entry for entry in others if len(entry) > 1):
        found = found | _intersection([standing.matching([w], prefix=False) for w in entry])
    return found


def _intersection(sets) -> frozenset:
    smallest_first = sorted(sets, key=len)
    return smallest_first[0].intersection(*smallest_first[1:])


def search(criteria: Criteria, day: date) -> Found:
    """The page of results of `criteria` as of `day` (the criteria's own day when they have
    one: ?ngay=)."""
    day = criteria.day or day
    standing = standings(day)
    key = (criteria.q, criteria.status, tuple(sorted(criteria.chosen.items())), criteria.sort)
    tally = standing.remembered(("tally", key), lambda: _tally(criteria, standing))
    pages = max(1, -(-len(tally.chosen) // PER_PAGE))
    page = min(criteria.page, pages)
    shown = tally.chosen[(page - 1) * PER_PAGE : page * PER_PAGE]
    return Found(
        results=_results(standing, [(row[PK], row[STARS]) for row in shown], day),
        total=len(tally.chosen),
        pages=pages,
        statuses=tally.statuses,
        facets=tally.facets,
        corrected=tally.corrected,
        suggestions=tally.suggestions,
    )


@dataclass(frozen=True)
class _Tally:
    chosen: list  # the rows passing every test, in the order shown
    statuses: dict
    facets: dict
    corrected: bool
    suggestions: list


def _tally(criteria: Criteria, standing: Standings) -> _Tally:
    matched, corrected = _matching(criteria.q, standing)
    rows = standing.rows
    if matched is None:
        candidates = list(rows.values())
    else:
        candidates = [rows[pk] for pk in matched if pk in rows]
    tests = _tests(criteria)
    if not tests or (len(tests) == 1 and tests[0][0] == "tinh_trang"):
        # The common cases, no filter or the status alone: every row counts for the status
        # facet and the chosen rows for the others.
        kept = tests[0][2] if tests else None
        chosen = [row for row in candidates if row[STATUS] in kept] if kept else candidates
        statuses = Counter(map(itemgetter(STATUS), candidates))
        facets = {
            name: _facet(name, Counter(map(itemgetter(column), chosen)), criteria, standing)
            for name, column in FACET_COLUMNS.items()
        }
    else:
        # Each row with the one test it fails (None: none); rows failing two never count.
        near = list(_near_misses(candidates, tests))
        statuses = Counter(row[STATUS] for row, miss in near if miss in (None, "tinh_trang"))
        facets = {
            name: _facet(
                name,
                Counter(row[column] for row, miss in near if miss in (None, name)),
                criteria,
                standing,
            )
            for name, column in FACET_COLUMNS.items()
        }
        chosen = [row for row, miss in near if miss is None]
    # Put in order once: every page of these criteria is then a slice.
    chosen.sort(key=_order(criteria, standing))
    return _Tally(
        chosen=chosen,
        statuses={STATUS_PARAMETER[Status(k)]: n for k, n in statuses.items()},
        facets=facets,
        corrected=corrected,
        suggestions=[] if chosen else _suggestions(criteria, standing, candidates),
    )


# Valid products first, then expired, then revoked.
_STATUS_ORDER = {Status.VALID.value: 0, Status.EXPIRED.value: 1, Status.REVOKED.value: 2}


def _order(criteria: Criteria, standing: Standings):
    """Valid products first. By relevance: first the products whose own name matches every
    word typed (before those found only by their producer, commune or product set), among
    them first those whose name holds the typed text as written, accents and all; then
    dictionary order. One number per row (ranks lie below rank_span): the lists are long."""
    key = text_key(criteria.q)
    later, statuses = standing.rank_span, _STATUS_ORDER
    if criteria.sort == "ten" or not key:
        return lambda row: statuses.get(row[STATUS], 3) * later + row[RANK]
    own_name = _own_name(fulltext.words(fold(criteria.q))[:MAX_WORDS]).match
    names, folded = standing.name_keys, _folded
    # Steps of `later`: name not matching +8, status +0/2/4/6, accents not as typed +1.
    steps = {status: n * 2 * later for status, n in statuses.items()}
    other_name, other_status = 8 * later, 6 * later

    def order(row):
        name = names[row[PK]]
        at = row[RANK] + steps.get(row[STATUS], other_status)
        if key not in name:
            at += later
        return at if own_name(folded(name)) else at + other_name

    return order


def _own_name(words: list[str]) -> re.Pattern:
    """A pattern matching a folded product name that matches every typed word as the search
    does (a word of the name beginning with it, or another way of writing the product)."""
    each = []
    for word in words:
        ways = [rf".*\b{re.escape(word)}"]
        for entry in same_product(word):
            ways.append("".join(rf"(?=.*\b{re.escape(w)}\b)" for w in entry))
        each.append(f"(?={'|'.join(ways)})")
    return re.compile("".join(each), re.S)


@lru_cache(maxsize=100_000)
def _folded(name_key: str) -> str:
    return fold(name_key)


def _suggestions(criteria: Criteria, standing: Standings, candidates: list) -> list:
    """What to try when nothing was found: the same words without the filters (when they
    find products), else the words typed less one, each with how many products it finds."""
    if candidates and (criteria.chosen or criteria.status != DEFAULT_STATUS):
        return [(criteria.q, len(candidates))]
    words = fulltext.words(fold(criteria.q))[:MAX_WORDS]
    found = []
    for left_out in range(len(words) if len(words) > 1 else 0):
        fewer = " ".join(w for at, w in enumerate(words) if at != left_out)
        matched, _ = _matching(fewer, standing)
        count = len([pk for pk in matched or () if pk in standing.rows])
        if count:
            found.append((fewer, count))
    return sorted(found, key=lambda s: -s[1])[:3]


def _tests(criteria: Criteria) -> list[tuple[str, int, set]]:
    """(parameter, column, values kept) for the status and each chosen facet."""
    status = STATUSES[criteria.status]
    tests = [("tinh_trang", STATUS, {status.value})] if status else []
    for name, column in FACET_COLUMNS.items():
        if name in criteria.chosen:
            cast = str if name == "loai" else int
            tests.append((name, column, {cast(v) for v in criteria.chosen[name]}))
    return tests


def _near_misses(rows, tests):
    for row in rows:
        missed = [name for name, column, values in tests if row[column] not in values]
        if len(missed) < 2:
            yield row, (missed[0] if missed else None)


def _facet(name: str, counts: Counter, criteria: Criteria, standing: Standings) -> list:
    """The values of one facet among the rows passing every other test, with their counts."""
    counts.pop(None, None)
    chosen = set(criteria.chosen.get(name, ()))
    shown = sorted(counts, key=lambda v: (-counts[v], str(v)))[:MAX_FACET_VALUES]
    shown += [v for v in counts if str(v) in chosen and v not in shown]
    labels = _labels(name, shown, standing)
    values = [FacetValue(str(v), labels[v], counts[v], str(v) in chosen) for v in shown]
    if name in ("xa", "bo"):
        values.sort(key=lambda f: f.label.sort_key if name == "xa" else f.label.number)
    else:
        values.sort(key=lambda f: f.value)
    return values


def _labels(name: str, values: list, standing: Standings) -> dict:
    if name in ("xa", "bo"):
        return standing.labels(name, values)
    if name == "loai":
        return {v: ProducerType(v) for v in values}
    return {v: v for v in values}


def _results(standing: Standings, rows: list[tuple], day: date) -> list[Result]:
    """The page's products with their verdicts and their pages in the active language; each
    product read once for these standings."""
    kept = standing.products
    missing = [pk for pk, _ in rows if pk not in kept]
    if missing:
        products = (
            Product.objects.select_related("producer", "unit", "product_set")
            .prefetch_related("decisions")
            .in_bulk(missing)
        )
        if len(kept) + len(products) > KEPT_PRODUCTS:
            kept.clear()
        for pk, product in products.items():
            decisions = sorted(product.decisions.all(), key=lambda d: (d.decided_on, d.pk))
            kept[pk] = (product, judge(decisions, day)[1])
    return [
        Result(kept[pk][0], stars, kept[pk][1], kept[pk][0].get_public_url()) for pk, stars in rows
    ]
