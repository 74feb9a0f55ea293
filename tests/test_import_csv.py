"""CSV lists: UTF-8 with or without BOM, Windows-1258, comma or semicolon."""

import pytest

from ocop.domain.names import normalize_text
from ocop.imports.readers import decode
from ocop.registry.models import Producer, Product
from tests.workbooks import HEADER, TITLE, row, run, to_cp1258, write_csv

pytestmark = pytest.mark.django_db

ROWS = [TITLE, HEADER, row(decided_on="15/03/2023")]


@pytest.mark.parametrize(
    ("encoding", "delimiter"),
    [("utf-8", ","), ("utf-8-sig", ","), ("utf-8-sig", ";"), ("cp1258", ","), ("cp1258", ";")],
)
def test_it_reads_csv_in_the_encodings_offices_save(tmp_path, encoding, delimiter):
    path = write_csv(tmp_path / "ds.csv", ROWS, encoding, delimiter)
    result = run(path)
    assert result.ok, [str(e) for e in result.errors]
    product = Product.objects.get()
    assert (product.name, product.producer.name, product.unit.name) == (
        "Chè Shan tuyết Nậm Sỏ",
        "Hợp tác xã Chè Nậm Sỏ",
        "Nậm Sỏ",
    )
    assert product.decisions.get().source == "ds.csv › dòng 3"


def test_windows_1258_text_is_normalised_to_composed_unicode():
    # Windows-1258 stores many letters as a base letter and a combining tone mark.
    text, encoding = decode(to_cp1258("Hợp tác xã Chè Nậm Sỏ"))
    assert encoding == "Windows-1258"
    assert text != "Hợp tác xã Chè Nậm Sỏ"  # decomposed as decoded...
    assert normalize_text(text) == "Hợp tác xã Chè Nậm Sỏ"  # ...composed once cleaned


def test_a_windows_1258_file_is_reported_as_such(tmp_path):
    result = run(write_csv(tmp_path / "ds.csv", ROWS, "cp1258"))
    assert [str(w) for w in result.warnings] == ["ds.csv — tệp CSV được đọc theo mã Windows-1258"]


def test_a_two_row_header_in_csv_takes_its_parent_label(tmp_path):
    rows = [
        ["STT", "Tên sản phẩm", "Chủ thể", "Địa chỉ", "Hạng sao", "Quyết định công nhận", ""],
        ["", "", "", "", "", "Số QĐ", "Ngày"],
        row(decided_on="15/3/2023"),
    ]
    assert run(write_csv(tmp_path / "ds.csv", rows)).ok
    assert Producer.objects.count() == 1
