"""Seeded generator of plausible OCOP lists: the demo's Lai Châu list on the real communes, and
national-scale data sets for benchmarks. Same seed, same data."""

import random
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property

from django.db import transaction
from django.db.models import Exists, OuterRef

from ocop.domain import criteria
from ocop.domain.addresses import MergedUnit, old_district
from ocop.domain.display import producer_display_name, product_display_name
from ocop.domain.issuers import presumed_issuer
from ocop.domain.validity import VALIDITY_MONTHS, add_months
from ocop.registry.models import (
    Decision,
    OldUnit,
    Producer,
    ProducerType,
    Product,
    ProductSet,
    Province,
    Unit,
)

FIRST_DAY = date(2019, 3, 1)
REORGANISED = date(2025, 7, 1)

# (product name stem, product set number of product_sets.csv)
PRODUCT_STEMS = [
    ("Chè Shan tuyết", 11),
    ("Chè xanh", 11),
    ("Hồng trà", 11),
    ("Bạch trà", 11),
    ("Trà hoa vàng", 12),
    ("Trà giảo cổ lam", 12),
    ("Mật ong", 4),
    ("Mật ong bạc hà", 4),
    ("Gạo Séng Cù", 3),
    ("Gạo tẻ Râu", 3),
    ("Gạo nếp Tan", 3),
    ("Miến dong", 6),
    ("Thịt trâu gác bếp", 8),
    ("Thịt lợn gác bếp", 8),
    ("Lạp xưởng", 8),
    ("Cá hồi", 2),
    ("Cá tầm", 2),
    ("Măng khô", 7),
    ("Thảo quả", 10),
    ("Ớt khô", 10),
    ("Hạt mắc ca", 1),
    ("Mận Tam Hoa", 1),
    ("Lê Tai Nung", 1),
    ("Chuối tiêu hồng", 1),
    ("Sâm Lai Châu", 20),
    ("Đông trùng hạ thảo", 18),
    ("Rượu ngô", 14),
    ("Rượu San Lùng", 14),
    ("Rượu đào", 15),
    ("Nước uống đóng chai", 16),
    ("Xà phòng thảo dược", 19),
    ("Tinh dầu sả", 20),
    ("Túi thổ cẩm", 21),
    ("Trang phục dân tộc Dao", 22),
    ("Du lịch cộng đồng bản", 26),
    ("Lan Hài", 23),
    ("Gừng", 1),
    ("Bột sắn dây", 7),
    ("Nấm hương", 1),
    ("Mác mật", 10),
]
COOPERATIVE_TRADES = [
    "Chè",
    "Nông nghiệp",
    "Dịch vụ nông nghiệp",
    "Thảo dược",
    "Mật ong",
    "Thổ cẩm",
    "Nông lâm nghiệp",
    "Chăn nuôi",
    "Dược liệu",
    "Du lịch cộng đồng",
]
FAMILY_NAMES = ["Lò", "Lý", "Tẩn", "Giàng", "Vàng", "Hoàng", "Nguyễn", "Đỗ", "Chu", "Sùng", "Lê"]
MIDDLE_NAMES = ["Văn", "Thị", "Mý", "A", "Seo", "Đức", "Nhù"]
GIVEN_NAMES = ["Thanh", "Chiển", "Hơn", "Khánh", "Mai", "Hải", "Sình", "Quyết", "Ơn", "Páo"]
HAMLETS = ["Bản Mới", "Bản Hon", "Bản Cốc Pa", "Bản Lao Chải", "Thôn Đông Pao", "Khu phố 12"]
REVOCATION_REASONS = [
    "Sản xuất không còn đáp ứng tiêu chuẩn đã được công nhận",
    "Vi phạm quy định về an toàn thực phẩm",
    "Chủ thể ngừng hoạt động sản xuất, kinh doanh",
]


# Every generated decision says so in its `source`, the field that names where a decision came
# from: imported ones name their file, sheet and row, and those entered in the back office have
# their own text or none. So "made by the generator" is a fact stored on each row, and the
# generator can tell a demo registry from a real one without guessing from names or numbers.
GENERATED_SOURCE = "dữ liệu mẫu (ocop generate)"


class RealDataPresent(Exception):
    """The registry holds products someone imported or entered: made-up ones must not mix in."""


@dataclass
class Counts:
    producers: int = 0
    products: int = 0
    decisions: int = 0


@dataclass
class Place:
    unit: Unit
    old: list  # the old units merged into it, for addresses written before 01/07/2025

    @cached_property
    def old_district(self) -> str | None:
        merged = [
            MergedUnit(o.kind, o.name, o.district, self.unit.code, district_kind=o.district_kind)
            for o in sorted(self.old, key=lambda o: o.pk)  # the merger table's order
        ]
        return old_district(self.unit.name, merged)


def ensure_sample_units(provinces: int, per_province: int = 30) -> None:
    """Benchmark data only: provinces other than those with a real unit table get made-up
    communes (codes start with X) so national-scale data has somewhere to live."""
    for province in Province.objects.exclude(units__isnull=False)[: max(provinces - 1, 0)]:
        units = [
            Unit(code=f"X{province.code}{n:03d}", name=f"Mẫu {n}", kind="xã", province=province)
            for n in range(1, per_province + 1)
        ]
        for unit in units:
            unit.derive()
        Unit.objects.bulk_create(units, ignore_conflicts=True)


class Generator:
    def __init__(self, seed: int, today: date, first_day: date, reevaluate: float):
        self.rng = random.Random(seed)
        self.today = today
        self.first_day = first_day
        self.reevaluate = reevaluate
        self.numbers: dict[int, int] = {}
        self.sets = {s.number: s for s in ProductSet.objects.all()}

    def places(self, provinces: int) -> list[Place]:
        old_by_unit: dict[int, list] = {}
        for old in OldUnit.objects.all():
            old_by_unit.setdefault(old.successor_id, []).append(old)
        codes = list(
            Province.objects.filter(units__isnull=False)
            .distinct()
            .order_by("code")
            .values_list("code", flat=True)
        )
        chosen = [c for c in codes if c == "12"] + [c for c in codes if c != "12"]
        units = Unit.objects.filter(province__code__in=chosen[:provinces]).select_related(
            "province"
        )
        return [Place(u, old_by_unit.get(u.pk, [])) for u in units]

    def producer(self, place: Place) -> Producer:
        rng = self.rng
        kind = rng.choices(
            [
                ProducerType.COOPERATIVE,
                ProducerType.COMPANY,
                ProducerType.HOUSEHOLD,
                ProducerType.COOPERATIVE_GROUP,
            ],
            weights=[45, 20, 30, 5],
        )[0]
        place_name = place.unit.name
        person = f"{rng.choice(FAMILY_NAMES)} {rng.choice(MIDDLE_NAMES)} {rng.choice(GIVEN_NAMES)}"
        name = {
            ProducerType.COOPERATIVE: f"Hợp tác xã {rng.choice(COOPERATIVE_TRADES)} {place_name}",
            ProducerType.COMPANY: f"Công ty {rng.choice(['TNHH', 'Cổ phần'])} "
            f"{rng.choice(COOPERATIVE_TRADES)} {place_name}",
            ProducerType.HOUSEHOLD: f"Hộ kinh doanh {person}",
            ProducerType.COOPERATIVE_GROUP: f"Tổ hợp tác {rng.choice(COOPERATIVE_TRADES).lower()}"
            f" {place_name}",
        }[kind]
        producer = Producer(
            name=producer_display_name(name),  # places come from the unit table, capitalised
            kind=kind,
            representative=person,
            phone=f"0{rng.choice([2, 9, 8, 3])}{rng.randrange(10**8):08d}",
            address=f"{rng.choice(HAMLETS)}, xã {place_name}",
            unit=place.unit,
        )
        producer.derive()
        return producer

    def decision_number(self, day: date) -> str:
        self.numbers[day.year] = self.numbers.get(day.year, 100) + self.rng.randint(1, 9)
        return f"{self.numbers[day.year]}/QĐ-UBND"

    def issuer(self, stars: int, day: date, place: Place) -> str:
        # Made-up benchmark units have no old district: no body rather than a placeholder.
        province = place.unit.province
        district = place.old_district
        return presumed_issuer(stars, day, district, f"{province.kind} {province.name}") or ""

    def decisions_for(self, product: Product, place: Place) -> list[Decision]:
        rng = self.rng
        span = (self.today - self.first_day).days
        day = self.first_day + timedelta(days=rng.randrange(span))
        stars = rng.choices([3, 4, 5], weights=[88, 11.5, 0.5])[0]
        decisions = []
        while day <= self.today:
            decision = Decision(
                product=product,
                stars=stars,
                number=self.decision_number(day),
                decided_on=day,
                issuer=self.issuer(stars, day, place),
                criteria_version=criteria.criteria_version_on(day),
                source=GENERATED_SOURCE,
            )
            if rng.random() < 0.015:
                decision.revoked_on = day + timedelta(days=rng.randrange(60, 900))
                decision.revocation_number = self.decision_number(decision.revoked_on)
                decision.revocation_reason = rng.choice(REVOCATION_REASONS)
                decisions.append(decision)
                break
            decisions.append(decision)
            if rng.random() > self.reevaluate:  # not re-evaluated: the product expires
                break
            day = add_months(day, VALIDITY_MONTHS) + timedelta(days=rng.randrange(-90, 120))
            stars = min(4, stars + 1) if rng.random() < 0.12 else stars
        return decisions

    def address(self, product_day: date, place: Place) -> str:
        hamlet = self.rng.choice(HAMLETS)
        if product_day < REORGANISED and place.old:
            old = self.rng.choice(place.old)
            return f"{hamlet}, {old.kind} {old.name}, {old.district_kind} {old.district}"
        return f"{hamlet}, {place.unit.kind} {place.unit.name}"


@transaction.atomic
def generate(
    products: int,
    provinces: int = 1,
    seed: int = 2025,
    today: date | None = None,
    first_day: date = FIRST_DAY,
    reevaluate: float = 0.55,
    force: bool = False,
):
    """Add `products` products with their producers and decisions; returns the counts.
    `reevaluate` is the chance that an expiring product is re-evaluated; an earlier
    `first_day` and a high `reevaluate` give the long histories of national-scale data.
    Refuses (RealDataPresent) a registry holding real data unless `force`."""
    if not force:
        refuse_real_data(products)
    today = today or date.today()
    ensure_sample_units(provinces)
    gen = Generator(seed, today, first_day, reevaluate)
    places = gen.places(provinces)
    counts = Counts()
    batch = 2000
    while counts.products < products:
        size = min(batch, products - counts.products)
        producers = [gen.producer(gen.rng.choice(places)) for _ in range(max(1, size * 3 // 5))]
        producers, reused = _new_or_existing(producers)
        Producer.objects.bulk_create(producers)
        counts.producers += len(producers)
        producers += reused
        place_of = {p.unit.pk: p for p in places}
        new_products, plans = [], []
        for _ in range(size):
            producer = gen.rng.choice(producers)
            place = place_of[producer.unit_id]
            stem, set_number = gen.rng.choice(PRODUCT_STEMS)
            where = gen.rng.choice([o.name for o in place.old] or [place.unit.name])
            product = Product(
                name=product_display_name(f"{stem} {where}"),
                producer=producer,
                product_set=gen.sets.get(set_number),
                unit=place.unit,
            )
            product.derive()
            new_products.append(product)
            plans.append(place)
        new_products = _dedupe_products(new_products, plans)
        Product.objects.bulk_create([p for p, _ in new_products])
        decisions = []
        for product, place in new_products:
            product_decisions = gen.decisions_for(product, place)
            product.address = gen.address(product_decisions[0].decided_on, place)
            decisions.extend(product_decisions)
        Product.objects.bulk_update([p for p, _ in new_products], ["address"])
        Decision.objects.bulk_create(decisions, batch_size=5000)
        counts.products += len(new_products)
        counts.decisions += len(decisions)
    return counts


def refuse_real_data(adding: int) -> None:
    """Raise RealDataPresent, saying what is there and what would be added, when the registry
    holds a decision not made by the generator or a product with none of its decisions."""
    generated = Decision.objects.filter(product=OuterRef("pk"), source=GENERATED_SOURCE)
    products = Product.objects.exclude(Exists(generated)).count()
    decisions = Decision.objects.exclude(source=GENERATED_SOURCE).count()
    if products or decisions:
        raise RealDataPresent(
            f"Sổ đăng ký đã có dữ liệu thật ({products} sản phẩm, {decisions} quyết định nhập "
            f"từ tệp hoặc nhập tay): không sinh thêm {adding} sản phẩm mẫu (tự sinh) vào đó, vì "
            "chúng sẽ lẫn vào số liệu và công văn. Dùng một cơ sở dữ liệu riêng cho dữ liệu mẫu "
            "(DATABASE_URL hoặc OCOP_DATA_DIR), hoặc thêm --force nếu thật sự muốn."
        )


def _new_or_existing(producers: list[Producer]) -> tuple[list[Producer], list[Producer]]:
    """Split generated producers into new ones and, for names already taken in their
    commune, the producers that exist: re-running the generator never breaks identity."""
    existing = {
        (p.name_key, p.unit_id): p
        for p in Producer.objects.filter(name_key__in=[p.name_key for p in producers])
    }
    new, reused = {}, {}
    for p in producers:
        key = (p.name_key, p.unit_id)
        if key in existing:
            reused[key] = existing[key]
        else:
            new.setdefault(key, p)
    return list(new.values()), list(reused.values())


def _dedupe_products(products: list[Product], places: list[Place]):
    producer_ids = {p.producer.pk for p in products}
    seen = set(
        Product.objects.filter(producer__in=producer_ids).values_list("producer_id", "name_key")
    )
    kept = []
    for product, place in zip(products, places, strict=True):
        key = (product.producer.pk, product.name_key)
        if key not in seen:
            seen.add(key)
            kept.append((product, place))
    return kept
