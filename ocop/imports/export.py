"""The whole registry in one clean layout, one row per decision, that `ocop import` reads
back to the identical state (tests/test_export_roundtrip.py); written by the shared writer
(ocop.shared.exports), formula-safe, dates dd/mm/yyyy."""

from collections.abc import Iterator
from pathlib import Path

from ocop.domain.producers import ProducerType
from ocop.registry.models import Decision
from ocop.shared.exports import Layout, write_csv, write_xlsx

TITLE = "DANH SÁCH SẢN PHẨM OCOP (xuất từ sổ đăng ký)"
COLUMNS = (
    ("STT", lambda d, i: i),
    ("Tên sản phẩm", lambda d, i: d.product.name),
    ("Tên chủ thể", lambda d, i: d.product.producer.name),
    ("Loại hình", lambda d, i: ProducerType(d.product.producer.kind).label),
    ("Mã số thuế", lambda d, i: d.product.producer.tax_code or ""),
    ("Địa chỉ sản xuất", lambda d, i: d.product.address),
    ("Mã xã/phường", lambda d, i: d.product.unit.code),
    ("Xã/phường", lambda d, i: str(d.product.unit)),
    ("Địa chỉ chủ thể", lambda d, i: d.product.producer.address),
    ("Mã xã/phường chủ thể", lambda d, i: d.product.producer.unit.code),
    ("Người đại diện", lambda d, i: d.product.producer.representative),
    ("Điện thoại", lambda d, i: d.product.producer.phone),
    ("Thư điện tử", lambda d, i: d.product.producer.email),
    ("Nhóm sản phẩm (như ghi)", lambda d, i: d.product.group_as_written),
    ("Mã bộ sản phẩm", lambda d, i: d.product.product_set.key if d.product.product_set else ""),
    ("Mô tả", lambda d, i: d.product.description),
    ("Số sao", lambda d, i: d.stars),
    ("Điểm", lambda d, i: float(d.score) if d.score is not None else None),
    ("Số quyết định", lambda d, i: d.number),
    ("Ngày quyết định", lambda d, i: d.decided_on),
    ("Cơ quan ban hành", lambda d, i: d.issuer),
    ("Cơ quan ban hành được suy ra", lambda d, i: "có" if d.issuer_presumed else ""),
    ("Bộ tiêu chí", lambda d, i: d.criteria_version),
    ("Ngày thu hồi", lambda d, i: d.revoked_on),
    ("Số QĐ thu hồi", lambda d, i: d.revocation_number),
    ("Lý do thu hồi", lambda d, i: d.revocation_reason),
    ("Nguồn", lambda d, i: d.source),
)
HEADER = [label for label, _ in COLUMNS]
# Codes stay text so that Excel keeps their leading zeros.
_TEXT_COLUMNS = {"Mã số thuế", "Mã xã/phường", "Mã xã/phường chủ thể", "Điện thoại"}
LAYOUT = Layout(
    sheet="Danh sách OCOP",
    title=[TITLE, ""],
    text_columns=frozenset(n for n, label in enumerate(HEADER) if label in _TEXT_COLUMNS),
)


def decisions():
    return Decision.objects.select_related(
        "product__producer__unit", "product__unit", "product__product_set"
    ).order_by(  # Vietnamese dictionary order (names.sort_text), each product's history in turn
        "product__sort_key", "product__producer__sort_key", "product_id", "decided_on", "pk"
    )


def rows() -> Iterator[list]:
    for index, decision in enumerate(decisions().iterator(chunk_size=2000), start=1):
        yield [value(decision, index) for _, value in COLUMNS]


def export(path: Path, fmt: str) -> int:
    """Write every decision to `path` as xlsx or csv; returns the number of rows."""
    # Ask the database once before any file is open: a database without its tables then fails
    # here, not inside openpyxl's half-written sheet (which prints its own traceback).
    decisions().exists()
    if fmt == "xlsx":
        return write_xlsx(path, HEADER, rows(), LAYOUT)
    return write_csv(path, HEADER, rows())
