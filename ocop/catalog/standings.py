"""Every product's standing of the day, as the public search reads it: its status and counted
stars (DecisionQuerySet.with_product_status, the one SQL statement of the statuses), its facet
values and its place in dictionary order, plus the folded names of communes and product sets
and the products each word of the index finds.

Computed once per day in each server process and kept: a search then reads no status from the
database, only the words typed from the text index (and those too are kept for the most common
words). A write to the registry changes the version (ocop.shared.freshness); the next search
asks the change log which products the writes touched and recomputes those alone, into a new
copy (the old one stays whole for a request still reading it). A write of "any product" (a
commune renamed, an import), a new day or a reader that fell too far behind computes everything
again. Inside a transaction (a writer reading its own writes, which may still roll back) the
standings are computed for that version alone and never patched from."""

import bisect
import threading
from collections import OrderedDict, defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db import connections

from ocop.catalog import fulltext
from ocop.domain.names import fold
from ocop.registry.models import Decision, Product, ProductSet, Unit
from ocop.shared import freshness
from ocop.shared.replica import reading_alias

# Row layout: the product's id, status value, counted stars, product set, commune, producer
# type and rank in dictionary order (sort key, name, id).
PK, STATUS, STARS, SET, UNIT, KIND, RANK = range(7)
FACET_COLUMNS = {"sao": STARS, "bo": SET, "xa": UNIT, "loai": KIND}
_WORDS_KEPT = 256
# What earlier standings found by word, carried from copy to copy with the products changed
# since: at most this many words, each until this many products have changed since it was
# found (then it is asked of the whole index again).
_WORDS_CARRIED = 2048
_CHANGED_SINCE_WORD = 200
# Standings kept per database: the newest few (a request may still read an older one).
_HELD_PER_DATABASE = 3
_LOCK = threading.Lock()
_HELD: dict = {}  # (alias, database name) -> [Standings, newest first]


@dataclass
class Standings:
    day: date
    seen: freshness.Look | None  # the registry as it was looked at before reading it
    statuses: dict  # product id -> (status, stars, set, unit, kind, sort key, name, name key)
    placements: dict  # product id -> (commune, product set), every product
    unit_words: dict  # commune id -> words of its folded name
    set_words: dict  # product set id -> words of its folded name and group
    settled: bool = False  # read outside a transaction: later versions may be patched from it
    rows: dict = field(default_factory=dict)  # id -> row (products with a decision by the day)
    name_keys: dict = field(default_factory=dict)  # id -> name as typed, "exact accents first"
    by_unit: dict = field(default_factory=dict)  # commune id -> ids of its products
    by_set: dict = field(default_factory=dict)  # product set id -> ids of its products
    units_by_word: dict = field(default_factory=dict)  # word -> commune ids
    sets_by_word: dict = field(default_factory=dict)  # word -> product set ids
    place_words: list = field(default_factory=list)  # both lists' words, in order
    # The rows' dictionary order, (sort key, name, id), and the bound of their ranks: every rank
    # lies in [-1, rank_span - 1), so a rank plus rank_span comes after all of them.
    order: list = field(default_factory=list)
    rank_span: int = 0

    def __post_init__(self):
        if not self.order and self.statuses:
            self._rank_all()
        if not self.by_unit and self.placements:
            by_unit, by_set = defaultdict(list), defaultdict(list)
            for pk, (unit, product_set) in self.placements.items():
                by_unit[unit].append(pk)
                by_set[product_set].append(pk)
            self.by_unit, self.by_set = dict(by_unit), dict(by_set)
        if not self.place_words:
            for names, by_word in ((self.unit_words, self.units_by_word),
                                   (self.set_words, self.sets_by_word)):  # fmt: skip
                for pk, words in names.items():
                    for word in words:
                        by_word.setdefault(word, []).append(pk)
            self.place_words = sorted({*self.units_by_word, *self.sets_by_word})

    def _rank_all(self) -> None:
        self.order = sorted((v[5], v[6], pk) for pk, v in self.statuses.items())
        self.rows, self.name_keys = {}, {}
        for rank, (_, _, pk) in enumerate(self.order):
            self.rows[pk] = _row(pk, self.statuses[pk], rank)
            self.name_keys[pk] = self.statuses[pk][7]
        self.rank_span = len(self.order) + 1

    def patched(self, changed: frozenset, seen: freshness.Look, settled: bool) -> "Standings":
        """A copy with the products `changed` read again (communes and product sets are
        unchanged: a write to them is "any product"). What stays is shared or copied, not
        computed again: a product taken out of the dictionary order or put in is found by
        bisection, and its rank is halfway between its neighbours' (all are ranked anew only
        when two neighbours' ranks are too close to halve)."""
        fresh, placed = _statuses(self.day, changed), _placements(changed)
        statuses, placements = dict(self.statuses), dict(self.placements)
        rows, name_keys, order = dict(self.rows), dict(self.name_keys), list(self.order)
        by_unit, by_set = dict(self.by_unit), dict(self.by_set)
        for pk in changed:
            old = statuses.pop(pk, None)
            if old is not None:
                del order[bisect.bisect_left(order, (old[5], old[6], pk))]
                del rows[pk], name_keys[pk]
            where = placements.pop(pk, None)
            if where is not None:
                _move(by_unit, where[0], pk, add=False)
                _move(by_set, where[1], pk, add=False)
        for pk, (unit, product_set) in placed.items():
            placements[pk] = (unit, product_set)
            _move(by_unit, unit, pk, add=True)
            _move(by_set, product_set, pk, add=True)
        copy = Standings(
            self.day, seen, statuses, placements, self.unit_words, self.set_words, settled,
            rows, name_keys, by_unit, by_set, self.units_by_word, self.sets_by_word,
            self.place_words, order, self.rank_span,
        )  # fmt: skip
        statuses.update(fresh)
        name_keys.update((pk, values[7]) for pk, values in fresh.items())
        for pk, values in fresh.items():
            at = bisect.bisect_left(order, (values[5], values[6], pk))
            order.insert(at, (values[5], values[6], pk))
            low = rows[order[at - 1][2]][RANK] if at > 0 else -1
            high = rows[order[at + 1][2]][RANK] if at + 1 < len(order) else self.rank_span - 1
            rank = (low + high) / 2
            if not low < rank < high:
                copy._rank_all()
                break
            rows[pk] = _row(pk, values, rank)
        copy._labels = self._labels
        with self._lock:
            copy._inherited = self._carried(changed)
            vocabulary = {size: set(words) for size, words in self._vocabulary.items()}
        if vocabulary:
            # The index's words gain the changed products' (a word no product has any more
            # stays until the next rebuild: a correction towards it finds nothing, no more).
            # Asked again, the whole vocabulary costs a scan of the index (ts_stat).
            new = {
                word
                for keys in Product.objects.filter(pk__in=changed).values_list(
                    "search_key", "producer__search_key"
                )
                for key in keys
                for word in fulltext.words(key or "")
            }
            for size, words in vocabulary.items():
                words.update(w for w in new if size - 1 <= len(w) <= size + 1)
            copy._vocabulary = vocabulary
        copy.products = {pk: v for pk, v in self.products.items() if pk not in changed}
        return copy

    _words: OrderedDict = field(default_factory=OrderedDict)
    # What earlier standings had found by word: word -> (ids, the products changed since).
    _inherited: dict = field(default_factory=dict)
    _vocabulary: dict = field(default_factory=dict)
    _labels: dict = field(default_factory=dict)
    _memo: OrderedDict = field(default_factory=OrderedDict)
    products: dict = field(default_factory=dict)  # id -> (product, verdict), for result lists
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def matching(self, alternatives: list[str], prefix: bool) -> frozenset:
        """Ids of the products whose name, producer's name, commune's name or product set's
        name has a word equal to (or, with `prefix`, beginning with) one of `alternatives`."""
        key = (tuple(alternatives), prefix)
        with self._lock:
            if key in self._words:
                self._words.move_to_end(key)
                return self._words[key]
        sql, params = fulltext.selecting(alternatives, prefix)
        earlier, changed = self._inherited.get(key, (None, None))
        if earlier is not None:
            # Found for earlier standings: only the products changed since are asked again
            # (the text index is as fast for a few as for all, and on PostgreSQL a word costs
            # tens of milliseconds).
            ids = set(earlier - changed)
            sql = f"SELECT id FROM ({sql}) found WHERE id IN ({', '.join(['%s'] * len(changed))})"
            params = [*params, *changed]
        else:
            ids = set()
        if earlier is None or changed:
            with connections[reading_alias()].cursor() as cursor:
                cursor.execute(sql, params)
                ids.update(row[0] for row in cursor.fetchall())

        for word in self._place_words(alternatives, prefix):
            for unit in self.units_by_word.get(word, ()):
                ids.update(self.by_unit.get(unit, ()))
            for product_set in self.sets_by_word.get(word, ()):
                ids.update(self.by_set.get(product_set, ()))
        found = frozenset(ids)
        with self._lock:
            self._words[key] = found
            while len(self._words) > _WORDS_KEPT:
                self._words.popitem(last=False)
        return found

    def _carried(self, changed: frozenset) -> dict:
        """What a copy patched for `changed` inherits by word: what these standings found
        (changed since: `changed`) and what they inherited and did not ask (changed since: one
        more set), the newest `_WORDS_CARRIED`, those too far behind dropped. Called locked."""
        grown: dict = {}  # one union per earlier set of changes, shared by its words
        carried = {}
        for key, (ids, since) in self._inherited.items():
            if key not in self._words and len(since) + len(changed) <= _CHANGED_SINCE_WORD:
                if id(since) not in grown:
                    grown[id(since)] = since | changed
                carried[key] = (ids, grown[id(since)])
        carried.update((key, (ids, changed)) for key, ids in self._words.items())
        return dict(list(carried.items())[-_WORDS_CARRIED:])

    def _place_words(self, alternatives: list[str], prefix: bool) -> set[str]:
        if not prefix:
            return set(alternatives)
        found = set()
        for start in alternatives:
            # The words beginning with `start` follow it in order.
            at = bisect.bisect_left(self.place_words, start)
            while at < len(self.place_words) and self.place_words[at].startswith(start):
                found.add(self.place_words[at])
                at += 1
        return found

    def vocabulary(self, near: str) -> set[str]:
        """The words of the index and of the place and product set names one letter longer
        or shorter than `near`, or as long: where its corrections are."""
        size = len(near)
        if size not in self._vocabulary:
            places = set().union(*self.unit_words.values(), *self.set_words.values())
            close = {w for w in places if size - 1 <= len(w) <= size + 1}
            self._vocabulary[size] = fulltext.vocabulary(near) | close
        return self._vocabulary[size]

    def labels(self, name: str, values: list) -> dict:
        """Communes (with their province) and product sets by id, read once."""
        kept = self._labels.setdefault(name, {})
        missing = [v for v in values if v not in kept]
        if missing:
            if name == "xa":
                kept.update(Unit.objects.select_related("province").in_bulk(missing))
            else:
                kept.update(ProductSet.objects.in_bulk(missing))
        return {v: kept[v] for v in values if v in kept}

    def remembered(self, key, build, size: int = 32):
        """What `build` returns, kept for these standings (at most `size` such values)."""
        with self._lock:
            if key in self._memo:
                self._memo.move_to_end(key)
                return self._memo[key]
        value = build()
        with self._lock:
            self._memo[key] = value
            while len(self._memo) > size:
                self._memo.popitem(last=False)
        return value


def standings(day: date) -> Standings:
    """The standings of `day` as the registry is now."""
    connection = connections[reading_alias()]
    now = freshness.look(connection)
    if now is None:
        return _build(day, None, settled=False)
    key = freshness.database_key(connection)
    held = _HELD.get(key, [])
    for kept in held:
        if kept.day == day and kept.seen.version == now.version:
            return kept
    settled = not connection.in_atomic_block
    base = next((k for k in held if k.day == day and k.settled), None) if settled else None
    changed = freshness.changed_products(base.seen, connection) if base else None
    found = _build(day, now, settled) if changed is None else base.patched(changed, now, settled)
    with _LOCK:
        _HELD[key] = [found, *(k for k in _HELD.get(key, []) if k is not found)][
            :_HELD_PER_DATABASE
        ]
    return found


def _row(pk: int, values: tuple, rank) -> tuple:
    status, stars, product_set, unit, kind = values[:5]
    return (pk, status, stars, product_set, unit, kind, rank)


def _move(lists: dict, key, pk: int, add: bool) -> None:
    """`pk` added to, or taken from, the list under `key`: a new list, the old one shared with
    the standings patched from."""
    kept = [p for p in lists.get(key, ()) if p != pk]
    if add:
        kept.append(pk)
    lists[key] = kept


def forget() -> None:
    with _LOCK:
        _HELD.clear()


def _statuses(day: date, products=None) -> dict:
    latest = Decision.objects.with_product_status(day).order_by()
    if products is not None:
        latest = latest.filter(product__in=products)
    columns = [
        "product",
        "product_status",
        "counted_stars",
        "product__product_set",
        "product__unit",
        "product__producer__kind",
        "product__sort_key",
        "product__name",
        "product__name_key",
    ]
    sql, params = latest.values_list(*columns).query.sql_with_params()
    with connections[reading_alias()].cursor() as cursor:
        # Plain rows: Django's per-value converters would take longer than the query.
        cursor.execute(sql, params)
        return {row[0]: row[1:] for row in cursor.fetchall()}


def _placements(products=None) -> dict:
    found = Product.objects.order_by()
    if products is not None:
        found = found.filter(pk__in=products)
    return {pk: (unit, product_set) for pk, unit, product_set in found.values_list(
        "pk", "unit", "product_set"
    )}  # fmt: skip


def _build(day: date, seen, settled: bool) -> Standings:
    unit_words = {
        pk: set(fulltext.words(fold(name)))
        for pk, name in Unit.objects.order_by().values_list("pk", "name")
    }
    set_words = {
        pk: set(fulltext.words(fold(f"{name} {group}")))
        for pk, name, group in ProductSet.objects.order_by().values_list("pk", "name", "group")
    }
    return Standings(
        day, seen, _statuses(day), _placements(), unit_words, set_words, settled=settled
    )
