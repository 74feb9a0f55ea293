"""Text typed with TCVN3 (ABC) or VNI fonts: detected, converted to Unicode, with a warning."""

import pytest

from ocop.imports.legacy import TCVN3, VNI, convert, detect, from_unicode
from ocop.registry.models import Producer, Product
from tests.workbooks import HEADER, TITLE, row, run, write_csv, write_xlsx

pytestmark = pytest.mark.django_db

TEXTS = [
    "Hợp tác xã Chè Nậm Sỏ",
    "Công ty TNHH Nông sản Mường Kim",
    "Hộ kinh doanh Giàng Mý Sình",
    "Xã Bình Lư, huyện Tam Đường",
    "Quyết định công nhận",
    "Ưu Đãi ở Đường Thượng",
]


@pytest.mark.parametrize("font", [TCVN3, VNI])
@pytest.mark.parametrize("text", TEXTS)
def test_it_converts_legacy_text_to_unicode(font, text):
    assert convert(from_unicode(text, font)) == (text, font)


@pytest.mark.parametrize(
    ("legacy", "font"),
    [
        ("Hîp t¸c x· ChÌ NËm Sá", TCVN3),
        ("Tªn s¶n phÈm", TCVN3),
        ("Hôïp taùc xaõ Cheø Naäm Soû", VNI),
        ("Teân saûn phaåm", VNI),
    ],
)
def test_it_detects_text_as_excel_shows_it(legacy, font):
    assert detect(legacy) == font


@pytest.mark.parametrize(
    "text",
    [*TEXTS, "Mù Cả", "Hoà Bình", "Thuê", "Xuân", "Điện Biên", "Chè Shan tuyết", "Café 100%", ""],
)
def test_it_leaves_unicode_alone(text):
    assert convert(text) == (text, None)


def legacy_rows(font):
    encode = lambda values: [from_unicode(v, font) if isinstance(v, str) else v for v in values]  # noqa: E731
    return [encode(TITLE), encode(HEADER), encode(row()), encode(row(2, "Hồng trà Nậm Sỏ"))]


@pytest.mark.parametrize("font", [TCVN3, VNI])
def test_it_imports_a_sheet_typed_in_a_legacy_font(tmp_path, font):
    result = run(write_xlsx(tmp_path / "cu.xlsx", {"S": legacy_rows(font)}))
    assert result.ok, [str(e) for e in result.errors]
    assert Producer.objects.get().name == "Hợp tác xã Chè Nậm Sỏ"
    assert set(Product.objects.values_list("unit__name", flat=True)) == {"Nậm Sỏ"}
    warnings = [str(w) for w in result.warnings]
    assert (
        f'cu.xlsx › S › cột C "Tên chủ thể" — 3 ô gõ bằng phông {font}, đã chuyển sang Unicode'
        in warnings
    )


def test_it_imports_a_csv_saved_from_a_tcvn3_sheet(tmp_path):
    path = tmp_path / "cu.csv"
    write_csv(path, legacy_rows(TCVN3), encoding="cp1252")
    result = run(path)
    assert result.ok, [str(e) for e in result.errors]
    assert Producer.objects.get().name == "Hợp tác xã Chè Nậm Sỏ"


def test_a_unicode_sheet_with_one_odd_cell_keeps_its_latin_letters(tmp_path):
    rows = [
        HEADER,
        row(),
        row(2, "Mù Cả", number="2/QĐ-UBND"),
        row(3, "Tªn s¶n phÈm", number="3/QĐ-UBND"),
    ]
    result = run(write_xlsx(tmp_path / "l.xlsx", {"S": rows}))
    assert result.ok
    # The cell that shows TCVN3 by itself is converted; "Mù Cả" stays as typed.
    assert set(Product.objects.values_list("name", flat=True)) == {
        "Chè Shan tuyết Nậm Sỏ",
        "Mù Cả",
        "Tên sản phẩm",
    }
