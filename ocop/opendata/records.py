"""The registry on a date as open data: one record per product recognised by then, with the
columns of the data dictionary (COLUMNS). The status and the stars come from
DecisionQuerySet.with_product_status, never from a rule written here; the rows stream from
the database in chunks, so a download of the whole registry keeps a constant memory."""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from django.db.models import Case, F, When
from django.urls import reverse

from ocop.domain.producers import ProducerType
from ocop.domain.slugs import slug
from ocop.domain.status import Status
from ocop.registry.models import Decision
from ocop.shared.public_url import public_url

RECOGNISED_STATUSES = (Status.VALID, Status.EXPIRED, Status.REVOKED)


@dataclass(frozen=True)
class Column:
    key: str
    label: str  # the CSV/XLSX header
    type: str  # as the data dictionary names it
    meaning: str


COLUMNS = (
    Column("public_code", "Mã công khai", "văn bản (9 ký tự)",
           "Mã in trên giấy chứng nhận và dưới mã QR của quyết định công nhận mới nhất; không "
           "bao giờ thay đổi."),
    Column("product_id", "Mã sản phẩm", "số nguyên",
           "Số định danh của sản phẩm trong sổ đăng ký (không đổi khi sản phẩm được công nhận "
           "lại)."),
    Column("product_name", "Tên sản phẩm", "văn bản", "Tên sản phẩm như sổ đăng ký in."),
    Column("producer_id", "Mã chủ thể", "số nguyên", "Số định danh của chủ thể trong sổ đăng ký."),
    Column("producer_name", "Tên chủ thể", "văn bản",
           "Hợp tác xã, công ty, hộ kinh doanh hoặc tổ hợp tác sản xuất sản phẩm."),
    Column("producer_type", "Loại hình chủ thể (mã)", "một trong: cooperative, company, "
           "household, cooperative_group, other", "Loại hình của chủ thể, dạng mã."),
    Column("producer_type_label", "Loại hình chủ thể", "văn bản",
           "Loại hình của chủ thể: Hợp tác xã, Công ty, Hộ kinh doanh, Tổ hợp tác, Khác."),
    Column("commune_code", "Mã xã/phường", "văn bản (mã đơn vị hành chính)",
           "Mã của xã, phường, đặc khu nơi sản xuất (theo đơn vị hành chính từ 01/07/2025)."),
    Column("commune_name", "Xã/phường", "văn bản", "Tên xã, phường, đặc khu nơi sản xuất."),
    Column("product_set_key", "Mã bộ sản phẩm", "văn bản (ví dụ I.1.a)",
           "Bộ sản phẩm OCOP (26 bộ); trống nếu chưa xếp bộ."),
    Column("product_group", "Nhóm sản phẩm", "văn bản",
           "Nhóm sản phẩm OCOP (17 nhóm), hoặc nhóm như danh sách gốc ghi khi chưa xếp bộ."),
    Column("stars", "Hạng sao", "số nguyên 3, 4 hoặc 5; trống",
           "Hạng sao có hiệu lực vào ngày của dữ liệu; trống khi sản phẩm không còn hiệu lực."),
    Column("status", "Tình trạng (mã)", "một trong: valid, expired, revoked",
           "Tình trạng vào ngày của dữ liệu, dạng mã."),
    Column("status_label", "Tình trạng", "văn bản",
           "Còn hiệu lực; Hết thời hạn, chưa đánh giá lại; Đã thu hồi."),
    Column("decision_number", "Số quyết định", "văn bản",
           "Số của quyết định công nhận mới nhất đã ký đến ngày của dữ liệu."),
    Column("decided_on", "Ngày quyết định", "ngày (dd/mm/yyyy; JSON: yyyy-mm-dd)",
           "Ngày ký quyết định đó."),
    Column("issuer", "Cơ quan ban hành", "văn bản", "Cơ quan ký quyết định đó."),
    Column("last_valid_day", "Hiệu lực đến hết ngày", "ngày (dd/mm/yyyy; JSON: yyyy-mm-dd)",
           "Ngày cuối cùng quyết định đó còn hiệu lực (36 tháng kể từ ngày ký)."),
    Column("revoked_on", "Ngày thu hồi", "ngày (dd/mm/yyyy; JSON: yyyy-mm-dd); trống",
           "Ngày quyết định đó bị thu hồi, nếu đã thu hồi đến ngày của dữ liệu."),
    Column("product_url", "Trang sản phẩm", "địa chỉ web", "Trang công khai của sản phẩm."),
    Column("verify_url", "Trang xác minh", "địa chỉ web",
           "Trang xác minh giấy chứng nhận theo mã công khai (như khi quét mã QR)."),
)  # fmt: skip
COLUMN_KEYS = tuple(column.key for column in COLUMNS)
DATE_COLUMNS = frozenset({"decided_on", "last_valid_day", "revoked_on"})


class Record(NamedTuple):
    """One product on a day. A tuple: 50,000 of them are made for one download, and a tuple
    is built several times faster than a frozen dataclass."""

    public_code: str
    product_id: int
    product_name: str
    producer_id: int
    producer_name: str
    producer_type: str
    producer_type_label: str
    commune_code: str
    commune_name: str
    product_set_key: str
    product_group: str
    stars: int | None
    status: str
    status_label: str
    decision_number: str
    decided_on: date
    issuer: str
    last_valid_day: date
    revoked_on: date | None
    product_url: str
    verify_url: str

    def values(self) -> list:
        return list(self)

    def to_dict(self) -> dict:
        return {
            key: value.isoformat() if isinstance(value, date) else value
            for key, value in zip(self._fields, self, strict=True)
        }


_FIELDS = (
    "public_code", "product_id", "product__name", "product__producer_id",
    "product__producer__name", "product__producer__kind", "product__unit__code",
    "product__unit__kind", "product__unit__name", "product__product_set__key",
    "product__product_set__group", "product__group_as_written", "counted_stars",
    "product_status", "number", "decided_on", "issuer", "last_valid_day", "revoked_by_day",
)  # fmt: skip
# Vietnamese dictionary order (names.sort_text), as the other lists of the registry.
ORDER = ("product__sort_key", "product__producer__sort_key", "product_id")


def site_root(request) -> str:
    """The site's absolute root without a trailing slash: OCOP_PUBLIC_URL, or the host the
    request came to."""
    return public_url(request, "/").rstrip("/")


def registry_queryset(day: date, statuses: Iterable[Status] | None = None, products=None):
    """Each product's latest decision signed by `day`, with its status on `day`, as the
    value rows records_from_rows reads; slice it to paginate, count() it for a total."""
    # A revocation dated after `day` was not known on that day.
    revoked = Case(When(revoked_on__lte=day, then=F("revoked_on")), default=None)
    rows = Decision.objects.with_product_status(day).annotate(revoked_by_day=revoked)
    if statuses is not None:
        rows = rows.filter(product_status__in=[Status(s).value for s in statuses])
    if products is not None:
        rows = rows.filter(product__in=products.values("pk"))
    return rows.order_by(*ORDER).values(*_FIELDS)


def registry_on(
    day: date,
    base: str = "",
    *,
    statuses: Iterable[Status] | None = None,
    products=None,
    chunk_size: int = 2000,
) -> Iterator[Record]:
    """Every product recognised by `day` (a product whose first decision is signed later is
    not in the registry on that day), one Record each, streamed from the database."""
    rows = registry_queryset(day, statuses, products).iterator(chunk_size=chunk_size)
    return records_from_rows(rows, base)


def records_from_rows(rows: Iterable[dict], base: str) -> Iterator[Record]:
    urls = PublicUrls(base)
    for row in rows:
        yield record_from_row(row, urls)


class PublicUrls:
    """The public addresses, reversed once: reverse() per row would cost more than the row's
    query at 50,000 products."""

    def __init__(self, base: str):
        product = reverse("product_page", args=[987654321, "slug"])
        self.product_start, self.product_end = product.split("987654321-slug")
        verify = reverse("verify", args=["CODE"])
        self.verify_start, self.verify_end = verify.split("CODE")
        self.base = base

    def product(self, pk: int, name: str) -> str:
        return f"{self.base}{self.product_start}{pk}-{slug(name)}{self.product_end}"

    def verify(self, code: str) -> str:
        return f"{self.base}{self.verify_start}{code}{self.verify_end}"


_STATUSES = {status.value: status for status in Status}
_KINDS = {kind.value: kind for kind in ProducerType}


def record_from_row(row: dict, urls: PublicUrls) -> Record:
    status = _STATUSES[row["product_status"]]
    kind = _KINDS[row["product__producer__kind"]]
    return Record(
        public_code=row["public_code"],
        product_id=row["product_id"],
        product_name=row["product__name"],
        producer_id=row["product__producer_id"],
        producer_name=row["product__producer__name"],
        producer_type=kind.value,
        producer_type_label=kind.label,
        commune_code=row["product__unit__code"],
        commune_name=f"{row['product__unit__kind'].capitalize()} {row['product__unit__name']}",
        product_set_key=row["product__product_set__key"] or "",
        product_group=row["product__product_set__group"] or row["product__group_as_written"],
        stars=row["counted_stars"] if status == Status.VALID else None,
        status=status.value,
        status_label=status.label,
        decision_number=row["number"],
        decided_on=row["decided_on"],
        issuer=row["issuer"],
        last_valid_day=row["last_valid_day"],
        revoked_on=row["revoked_by_day"],
        product_url=urls.product(row["product_id"], row["product__name"]),
        verify_url=urls.verify(row["public_code"]),
    )
