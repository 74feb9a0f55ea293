"""Checked rows + what the registry holds -> a plan of what to create and update.

Identity (OCOP.md §3): a producer is its tax code when the row has one, else (name key,
current unit); a product is (name key, producer); a decision is (product, number, date).
A producer's and a product's descriptive fields follow their latest decision: a later list
updates them, an older one does not, and a blank cell never erases a stored value. Their names
are the exception: the best-written form seen in any list, and never over an officer's."""

import operator
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Q

from ocop.domain.dates import format_date
from ocop.domain.display import better_name, producer_display_name, product_display_name
from ocop.domain.similar import near_matches
from ocop.imports.issues import Issue, Severity
from ocop.imports.rows import CheckedRow
from ocop.imports.unsaved import unsaved
from ocop.registry.models import Decision, Producer, Product
from ocop.registry.places import place_names_of_units


@dataclass(eq=False)
class Entity:
    """A producer or product of the plan: stored (pk set) or new."""

    instance: object
    rows: list[CheckedRow] = field(default_factory=list)
    is_new: bool = False
    stored_latest: date | None = None
    changed: set = field(default_factory=set)
    producer: "Entity | None" = None  # of a product
    planned: list[CheckedRow] = field(default_factory=list)  # new decisions of a product


@dataclass
class Counts:
    rows: int = 0
    producers_created: int = 0
    producers_updated: int = 0
    products_created: int = 0
    products_updated: int = 0
    decisions_added: int = 0
    decisions_updated: int = 0
    unchanged: int = 0
    contradictions: int = 0


@dataclass
class Plan:
    producers: list[Entity] = field(default_factory=list)
    products: list[Entity] = field(default_factory=list)
    new_decisions: list[tuple[Entity, CheckedRow]] = field(default_factory=list)
    updated_decisions: dict[int, Decision] = field(default_factory=dict)
    added_decisions: list[Decision] = field(default_factory=list)  # by write.apply, with ids
    issues: list[Issue] = field(default_factory=list)
    counts: dict[int, Counts] = field(default_factory=lambda: defaultdict(Counts))

    def is_empty(self) -> bool:
        return not (
            self.new_decisions
            or self.updated_decisions
            or any(e.is_new or e.changed for e in (*self.producers, *self.products))
        )


class Planner:
    def __init__(self, units: dict[str, int], product_sets: dict[str, int]):
        self.units = units
        self.product_sets = product_sets
        self.plan = Plan()

    def build(self, rows: list[CheckedRow]) -> Plan:
        self._load(rows)
        for row in rows:
            self.plan.counts[row.file_index].rows += 1
            producer = self._producer(row)
            product = self._product(producer, row)
            self._decision(product, row)
        for entity in self.plan.producers:
            self._name(entity, "producer_name", producer=True)
            self._describe(entity, self._producer_values, _producer_key, "producers")
        for entity in self.plan.products:
            self._name(entity, "product_name", producer=False)
            self._describe(entity, self._product_values, _product_key, "products")
        self._near_matches()
        return self.plan

    # Loading what is stored, once, with a few queries.

    def _load(self, rows: list[CheckedRow]) -> None:
        unit_ids = {self.units[row.producer_unit_code] for row in rows}
        taxes = {row.tax_code for row in rows if row.tax_code}
        # Subqueries rather than lists of ids: no limit on query parameters at any size.
        taxed = Q(tax_code__in=taxes) if len(taxes) < 5000 else Q(tax_code__isnull=False)
        producers = Producer.objects.filter(Q(unit_id__in=unit_ids) | taxed)
        self.by_tax, self.by_name = {}, defaultdict(list)
        for producer in producers:
            if producer.tax_code:
                self.by_tax[producer.tax_code] = producer
            self.by_name[(producer.name_key, producer.unit_id)].append(producer)
        products = Product.objects.filter(producer__in=producers.values("pk"))
        self.stored_products = {(p.producer_id, p.name_key): p for p in products}
        self.product_keys = defaultdict(dict)
        for (producer_id, key), product in self.stored_products.items():
            self.product_keys[producer_id][key] = product.name
        self.producer_keys = defaultdict(dict)
        for (key, unit_id), same in self.by_name.items():
            self.producer_keys[unit_id][key] = same[0].name
        self.stored_decisions = defaultdict(list)
        self.producer_latest = {}
        owner = {p.pk: p.producer_id for p in self.stored_products.values()}
        decisions = Decision.objects.filter(product__producer__in=producers.values("pk"))
        for decision in decisions.only(*_DECISION_FIELDS):
            self.stored_decisions[decision.product_id].append(decision)
            producer_id = owner[decision.product_id]
            latest = self.producer_latest.get(producer_id)
            if latest is None or decision.decided_on > latest:
                self.producer_latest[producer_id] = decision.decided_on
        self.entities: dict[tuple, Entity] = {}
        self.places = place_names_of_units(self.units.values())

    # Identity.

    def _producer(self, row: CheckedRow) -> Entity:
        unit_id = self.units[row.producer_unit_code]
        key = ("tax", row.tax_code) if row.tax_code else ("name", row.producer_key, unit_id)
        alias = ("name", row.producer_key, unit_id)
        entity = self.entities.get(key)
        same_name = self.entities.get(alias)
        if entity is None and same_name and same_name.instance.tax_code in (None, row.tax_code):
            entity = self.entities[key] = same_name
        if entity is None:
            entity = self._stored_producer(row, unit_id, key)
            self.entities[key] = entity
            self.entities.setdefault(alias, entity)
        entity.rows.append(row)
        return entity

    def _stored_producer(self, row: CheckedRow, unit_id: int, key: tuple) -> Entity:
        same_name = self.by_name.get((row.producer_key, unit_id), [])
        found = self.by_tax.get(row.tax_code) if row.tax_code else None
        if found is None and same_name:
            untaxed = [p for p in same_name if not p.tax_code or p.tax_code == row.tax_code]
            found = (untaxed or (same_name if not row.tax_code else []) or [None])[0]
        if found is not None:
            entity = Entity(found, stored_latest=self.producer_latest.get(found.pk))
        else:
            entity = Entity(unsaved(Producer, unit_id=unit_id, tax_code=row.tax_code), is_new=True)
            self.plan.counts[row.file_index].producers_created += 1
        self.plan.producers.append(entity)
        return entity

    def _product(self, producer: Entity, row: CheckedRow) -> Entity:
        key = ("product", producer, row.product_key)
        entity = self.entities.get(key)
        if entity is None:
            stored = None
            if not producer.is_new:
                stored = self.stored_products.get((producer.instance.pk, row.product_key))
            if stored is not None:
                latest = max((d.decided_on for d in self.stored_decisions[stored.pk]), default=None)
                entity = Entity(stored, stored_latest=latest)
            else:
                entity = Entity(unsaved(Product), is_new=True)
                self.plan.counts[row.file_index].products_created += 1
            entity.producer = producer
            self.entities[key] = entity
            self.plan.products.append(entity)
        entity.rows.append(row)
        return entity

    # Decisions: new, unchanged, or contradicting what is stored.

    def _decision(self, product: Entity, row: CheckedRow) -> None:
        counts = self.plan.counts[row.file_index]
        known = [] if product.is_new else self.stored_decisions[product.instance.pk]
        for other in product.planned:
            if other.number == row.number and other.decided_on.year == row.decided_on.year:
                if (other.decided_on, other.stars) == (row.decided_on, row.stars):
                    counts.unchanged += 1
                    self._note(row, f"trùng với {_where(other)}; bỏ qua", Severity.WARNING)
                else:
                    self._note(row, _conflict(other.decided_on, other.stars, _where(other)))
                return
        for stored in known:
            if stored.number == row.number and stored.decided_on.year == row.decided_on.year:
                self._against_stored(stored, row, counts)
                return
        product.planned.append(row)
        self.plan.new_decisions.append((product, row))
        counts.decisions_added += 1

    def _against_stored(self, stored: Decision, row: CheckedRow, counts: Counts) -> None:
        if (stored.decided_on, stored.stars) != (row.decided_on, row.stars):
            counts.contradictions += 1
            message = _conflict(stored.decided_on, stored.stars, "sổ đăng ký")
            self._note(row, message + "; không áp dụng dòng này", Severity.CONTRADICTION)
            return
        changes = _decision_changes(stored, row)
        if changes is None:
            counts.contradictions += 1
            self._note(
                row,
                f"sổ đăng ký ghi thu hồi ngày {format_date(stored.revoked_on)}, tệp ghi khác; "
                "không áp dụng dòng này",
                Severity.CONTRADICTION,
            )
        elif changes:
            for name, value in changes.items():
                setattr(stored, name, value)
            if stored.pk not in self.plan.updated_decisions:
                counts.decisions_updated += 1
            self.plan.updated_decisions[stored.pk] = stored
        else:
            counts.unchanged += 1

    # Names: the best-written form seen, whatever the order of the lists (ocop.domain.display);
    # an officer's name is never changed.

    def _name(self, entity: Entity, attribute: str, *, producer: bool) -> None:
        instance = entity.instance
        if instance.name_set_by_officer:
            return
        rows = sorted(entity.rows, key=lambda row: row.decided_on, reverse=True)
        key_of = operator.attrgetter(f"{attribute[:-4]}key")  # producer_key, product_key
        # A producer known by its tax code may have been renamed: the latest list's name.
        renamed = not entity.is_new and key_of(rows[0]) != instance.name_key
        if renamed and entity.stored_latest and rows[0].decided_on < entity.stored_latest:
            renamed = False
        best = None if entity.is_new or renamed else instance.name
        wanted = key_of(rows[0]) if best is None else instance.name_key
        # On a tie the stored name stays, else the latest row's.
        for written in dict.fromkeys(getattr(r, attribute) for r in rows if key_of(r) == wanted):
            if best is None:
                display = producer_display_name if producer else product_display_name
                best = display(written, self.places)
            else:
                best = better_name(best, written, self.places, producer=producer)
        if best != instance.name:
            instance.name = best
            entity.changed.add("name")

    # Other descriptive fields: from the latest row; blanks never erase.

    def _describe(self, entity: Entity, values_of, key_of, noun: str) -> None:
        rows = sorted(entity.rows, key=lambda row: row.decided_on, reverse=True)
        if not entity.stored_latest or rows[0].decided_on >= entity.stored_latest:
            self._follow_latest(entity, rows, values_of)
        if entity.is_new:
            entity.instance.name_key = key_of(rows[0])
        if entity.changed and not entity.is_new:
            counts = self.plan.counts[rows[0].file_index]
            setattr(counts, f"{noun}_updated", getattr(counts, f"{noun}_updated") + 1)

    @staticmethod
    def _follow_latest(entity: Entity, rows: list[CheckedRow], values_of) -> None:
        wanted = {}
        for row in rows:
            for name, value in values_of(row).items():
                if value not in ("", None) and name not in wanted:
                    wanted[name] = value
        for name, value in wanted.items():
            if getattr(entity.instance, name) != value:
                setattr(entity.instance, name, value)
                entity.changed.add(name)

    def _producer_values(self, row: CheckedRow) -> dict:
        return {
            "kind": row.producer_kind,
            "tax_code": row.tax_code,
            "address": row.producer_address,
            "unit_id": self.units[row.producer_unit_code],
            "representative": row.representative,
            "phone": row.phone,
            "email": row.email,
        }

    def _product_values(self, row: CheckedRow) -> dict:
        return {
            "unit_id": self.units[row.unit_code],
            "address": row.address,
            "group_as_written": row.group,
            "product_set_id": self.product_sets.get(row.product_set),
            "description": row.description,
        }

    # Near-matches: reported for a person to confirm, never merged.

    def _near_matches(self) -> None:
        self._near(
            self.plan.producers,
            lambda e: e.instance.unit_id,
            lambda e: e.rows[0].producer_key,
            lambda unit_id: self.producer_keys[unit_id],
            "chủ thể",
            "cùng xã/phường",
        )
        self._near(
            self.plan.products,
            lambda e: e.producer,
            lambda e: e.rows[0].product_key,
            lambda p: {} if p.is_new else self.product_keys[p.instance.pk],
            "sản phẩm",
            "cùng chủ thể",
        )

    def _near(self, entities, group_of, key_of, stored_keys, noun: str, scope: str) -> None:
        groups = defaultdict(list)
        for entity in entities:
            groups[group_of(entity)].append(entity)
        for group, members in groups.items():
            new = [e for e in members if e.is_new]
            stored = stored_keys(group)
            if not new or len(members) + len(stored) < 2:
                continue
            keys = {key_of(e): e for e in members}
            attribute = "producer_name" if noun == "chủ thể" else "product_name"
            pairs = set()
            for key, alike in near_matches([key_of(e) for e in new], [*keys, *stored]).items():
                if frozenset((key, alike)) in pairs:  # two new look-alikes: say it once
                    continue
                pairs.add(frozenset((key, alike)))
                row = keys[key].rows[0]
                shown = getattr(keys[alike].rows[0], attribute) if alike in keys else stored[alike]
                self._note(
                    row,
                    f'gần giống {noun} "{shown}" ({scope}); đã coi là {noun} khác — '
                    "cần người kiểm tra có phải một không",
                    Severity.WARNING,
                )

    def _note(self, row: CheckedRow, message: str, severity=Severity.ERROR) -> None:
        file, sheet, number = row.where
        self.plan.issues.append(Issue(file, sheet, number, "", "", "", message, severity))


_DECISION_FIELDS = (
    "id",
    "product_id",
    "number",
    "decided_on",
    "stars",
    "issuer",
    "issuer_presumed",
    "score",
    "revoked_on",
    "revocation_number",
    "revocation_reason",
)


def _producer_key(row: CheckedRow) -> str:
    return row.producer_key


def _product_key(row: CheckedRow) -> str:
    return row.product_key


def _decision_changes(stored: Decision, row: CheckedRow) -> dict | None:
    """What a row adds to a stored decision: a revocation, a written issuer, a score. None
    when the row contradicts a stored revocation."""
    changes = {}
    if row.revoked_on:
        if stored.revoked_on and stored.revoked_on != row.revoked_on:
            return None
        if not stored.revoked_on:
            changes["revoked_on"] = row.revoked_on
        for name in ("revocation_number", "revocation_reason"):
            if getattr(row, name) and not getattr(stored, name):
                changes[name] = getattr(row, name)
    if stored.issuer_presumed and not row.issuer_presumed:
        changes.update(issuer=row.issuer, issuer_presumed=False)
    if stored.score is None and row.score is not None:
        changes["score"] = row.score
    return changes


def _conflict(day: date, stars: int, where: str) -> str:
    return f"mâu thuẫn: cùng số quyết định, {where} ghi ngày {format_date(day)}, {stars} sao"


def _where(row: CheckedRow) -> str:
    file, sheet, number = row.where
    return " › ".join(filter(None, [file, sheet, f"dòng {number}"]))
