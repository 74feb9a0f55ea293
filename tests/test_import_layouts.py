"""Every layout the department's lists come in, each written here with openpyxl or xlwt."""

import re
import unicodedata
from datetime import date, datetime

import pytest

from ocop.registry.models import Decision, Producer, Product
from tests.workbooks import HEADER, TITLE, row, run, simple_list, write_xls, write_xlsx

pytestmark = pytest.mark.django_db


def one_product(result):
    assert result.ok, [str(e) for e in result.errors]
    return Product.objects.get()


def messages(result, severity="errors") -> list[str]:
    return [str(issue) for issue in getattr(result, severity)]


def test_it_finds_the_header_below_title_and_subtitle_rows(tmp_path):
    rows = [TITLE, ["(Kèm theo Báo cáo số 12/BC-SNN)"], [], [], HEADER, row()]
    result = run(write_xlsx(tmp_path / "list.xlsx", {"Sheet1": rows}))
    product = one_product(result)
    assert (product.name, product.unit.name) == ("Chè Shan tuyết Nậm Sỏ", "Nậm Sỏ")
    assert Decision.objects.get().source == "list.xlsx › Sheet1 › dòng 6"


def test_it_reads_columns_in_any_order(tmp_path):
    order = [6, 3, 0, 4, 2, 5, 1]
    rows = [[HEADER[i] for i in order], [row()[i] for i in order]]
    product = one_product(run(write_xlsx(tmp_path / "l.xlsx", {"S": rows})))
    assert product.decisions.get().stars == 3


@pytest.mark.parametrize(
    "labels",
    [
        ["STT", "Tên sản phẩm", "Tên chủ thể", "Địa chỉ", "Số sao", "Số QĐ", "Ngày QĐ"],
        ["TT", "Sản phẩm", "Chủ thể", "Địa chỉ sản xuất", "Hạng sao", "Số quyết định", "Ngày"],
        ["Stt", "Tên sản phẩm OCOP", "Đơn vị", "Địa chỉ", "Phân hạng", "Số QĐ", "Ngày quyết định"],
        ["STT", "TÊN SẢN PHẨM", "TÊN CHỦ THỂ", "ĐỊA CHỈ", "XẾP HẠNG", "SỐ QĐ", "NGÀY QĐ"],
        ["STT", "Tên\nsản phẩm", "Tên  chủ thể", "Địa chỉ", "Số sao", "Số QĐ", "Ngày QĐ"],
    ],
)
def test_it_knows_the_label_variants(tmp_path, labels):
    result = run(write_xlsx(tmp_path / "l.xlsx", {"S": [labels, row()]}))
    one_product(result)
    assert result.warnings == []


def test_it_reads_a_two_row_header_with_merged_cells(tmp_path):
    rows = [
        TITLE,
        [],
        ["STT", "Tên sản phẩm", "Chủ thể", "Địa chỉ", "Hạng sao", "Quyết định công nhận", None],
        [None, None, None, None, None, "Số QĐ", "Ngày"],
        row(stars="4 sao", number="665/QĐ-UBND", decided_on="14/5/2022"),
    ]
    merged = {"S": ["A1:G1", "A3:A4", "B3:B4", "C3:C4", "D3:D4", "E3:E4", "F3:G3"]}
    product = one_product(run(write_xlsx(tmp_path / "l.xlsx", {"S": rows}, merged)))
    decision = product.decisions.get()
    assert (decision.number, decision.decided_on, decision.stars) == (
        "665/QĐ-UBND",
        date(2022, 5, 14),
        4,
    )


def test_it_reads_a_producer_group_header_over_name_and_address(tmp_path):
    rows = [
        ["STT", "Tên sản phẩm", "Chủ thể", None, "Số sao", "Quyết định công nhận"],
        [None, None, "Tên", "Địa chỉ", None, None],
        [1, "Mật ong Nậm Sỏ", "HTX Chè Nậm Sỏ", "xã Nậm Sỏ", 3, "Số 5/QĐ-UBND ngày 1/8/2025"],
    ]
    merged = {"S": ["C1:D1", "A1:A2", "B1:B2", "E1:E2", "F1:F2"]}
    product = one_product(run(write_xlsx(tmp_path / "l.xlsx", {"S": rows}, merged)))
    assert product.producer.name == "Hợp tác xã Chè Nậm Sỏ"  # its display name


def test_section_rows_are_not_products_and_give_their_commune(tmp_path):
    rows = [
        HEADER,
        ["I", "HUYỆN TAM ĐƯỜNG"],
        ["Xã Bình Lư"],
        row(1, "Chè Tam Đường", "HTX Chè Bình Lư", "Bản Mới"),
        ["II", "Xã Mường Than"],
        row(2, "Gạo Mường Than", "HTX Gạo Mường Than", "Bản Mi"),
    ]
    result = run(write_xlsx(tmp_path / "l.xlsx", {"S": rows}))
    assert result.ok, messages(result)
    units = dict(Product.objects.values_list("name", "unit__name"))
    # The old district of the first section makes "Bình Lư" the old commune; the second
    # section names a commune of today.
    assert units == {"Chè Tam Đường": "Bình Lư", "Gạo Mường Than": "Mường Than"}
    assert any("lấy theo dòng mục" in w for w in messages(result, "warnings"))


def test_a_producer_merged_down_several_rows_holds_for_each(tmp_path):
    rows = [
        HEADER,
        row(1, "Chè xanh", "HTX Chè Nậm Sỏ", number="1/QĐ-UBND"),
        row(2, "Hồng trà", None, None, number="2/QĐ-UBND"),
        row(3, "Bạch trà", None, None, number="3/QĐ-UBND"),
    ]
    result = run(write_xlsx(tmp_path / "l.xlsx", {"S": rows}, {"S": ["C2:C4", "D2:D4"]}))
    assert result.ok, messages(result)
    assert Producer.objects.get().products.count() == 3


def test_it_skips_empty_rows_column_numbers_totals_and_signatures(tmp_path):
    rows = [
        HEADER,
        ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)"],
        row(1, number="1/QĐ-UBND"),
        [],
        [None, None],
        row(2, "Hồng trà Nậm Sỏ", number="2/QĐ-UBND"),
        [None, "Tổng cộng", None, None, 2],
        [],
        [None, None, None, None, "Người lập biểu"],
    ]
    result = run(write_xlsx(tmp_path / "l.xlsx", {"S": rows}))
    assert result.ok, messages(result)
    assert Decision.objects.count() == 2


def test_it_reads_old_excel_files(tmp_path):
    rows = [
        TITLE,
        ["STT", "Tên sản phẩm", "Chủ thể", "Địa chỉ", "Hạng sao", "Quyết định công nhận", None],
        [None, None, None, None, None, "Số QĐ", "Ngày"],
        row(decided_on=date(2023, 3, 15)),
    ]
    merged = {"Năm 2023": [(0, 0, 0, 6), (1, 5, 1, 6), (1, 0, 2, 0), (1, 1, 2, 1)]}
    path = write_xls(tmp_path / "cu.xls", {"Năm 2023": rows}, merged)
    product = one_product(run(path))
    assert product.decisions.get().decided_on == date(2023, 3, 15)


def test_it_imports_every_product_sheet_and_reports_the_others(tmp_path):
    sheets = {
        "Năm 2022": [HEADER, row(number="1/QĐ-UBND", decided_on=date(2022, 5, 1))],
        "Tổng hợp": [["Huyện", "Số sản phẩm"], ["Tân Uyên", 1]],
        "Năm 2023": [HEADER, row(number="2/QĐ-UBND")],
        "Cũ": [HEADER, row(number="9/QĐ-UBND", decided_on=date(2021, 1, 1))],
    }
    result = run(write_xlsx(tmp_path / "l.xlsx", sheets, hidden=("Cũ",)))
    assert result.ok
    assert Decision.objects.count() == 2
    skipped = {s.name: s.skipped for s in result.files[0].sheets if s.skipped}
    assert skipped == {
        "Tổng hợp": "không có dòng tiêu đề của danh sách sản phẩm",
        "Cũ": "trang bị ẩn",
    }
    assert "trang Tổng hợp: bỏ qua" in "\n".join(result.lines())


@pytest.mark.parametrize(
    ("stars", "decision", "day"),
    [
        ("3 sao", "Số 123/QĐ-UBND ngày 15/3/2023", date(2023, 3, 15)),
        ("Ba sao", "QĐ số 123/QĐ-UBND ngày 06-08-2025", date(2025, 8, 6)),
        ("3*", "123/QĐ-UBND, 15/03/2023", date(2023, 3, 15)),
        ("3 SAO", "123/QĐ-UBND ngày 15 tháng 3 năm 2023", date(2023, 3, 15)),
    ],
)
def test_it_reads_one_decision_column_in_many_forms(tmp_path, stars, decision, day):
    header = ["TT", "Chủ thể", "Sản phẩm", "Phân hạng", "Quyết định công nhận", "Địa chỉ"]
    line = [1, "HTX Chè Nậm Sỏ", "Chè xanh", stars, decision, "xã Nậm Sỏ"]
    product = one_product(run(write_xlsx(tmp_path / "l.xlsx", {"S": [header, line]})))
    assert product.decisions.values_list("number", "decided_on", "stars").get() == (
        "123/QĐ-UBND",
        day,
        3,
    )


@pytest.mark.parametrize(
    "written",
    [date(2023, 3, 15), datetime(2023, 3, 15), 45000, "15/03/2023", "15/3/2023", "15-03-2023",
     "ngày 15 tháng 3 năm 2023"],
)  # fmt: skip
def test_it_reads_dates_in_every_form(tmp_path, written):
    one_product(run(simple_list(tmp_path / "l.xlsx", row(decided_on=written))))
    assert Decision.objects.get().decided_on == date(2023, 3, 15)


def test_abbreviated_producer_types_are_the_same_producer(tmp_path):
    path = simple_list(
        tmp_path / "l.xlsx",
        row(1, "Chè xanh", "HTX Chè Nậm Sỏ", number="1/QĐ-UBND"),
        row(2, "Hồng trà", "Hợp tác xã chè nậm sỏ", number="2/QĐ-UBND"),
        row(3, "Túi thổ cẩm", "Cty CP Dệt Nậm Sỏ", number="3/QĐ-UBND"),
        row(4, "Khăn thổ cẩm", "Công ty Cổ phần Dệt Nậm Sỏ", number="4/QĐ-UBND"),
        row(5, "Mật ong", "HKD Lò Văn A", number="5/QĐ-UBND"),
        row(6, "Mật ong bạc hà", "Hộ kinh doanh Lò Văn A", number="6/QĐ-UBND"),
        row(7, "Thảo quả", "THT Nậm Sỏ", number="7/QĐ-UBND"),
        row(8, "Ớt khô", "Tổ hợp tác Nậm Sỏ", number="8/QĐ-UBND"),
    )
    assert run(path).ok
    assert Producer.objects.count() == 4
    assert set(Producer.objects.values_list("kind", flat=True)) == {
        "cooperative",
        "company",
        "household",
        "cooperative_group",
    }


def test_it_cleans_stray_spaces_and_decomposed_unicode(tmp_path):
    nfd = unicodedata.normalize("NFD", "Chè Shan tuyết Nậm Sỏ")
    # A keyboard that types the tone before the vowel's shape mark: e + acute + circumflex.
    odd = "Hợp tác xã Che\u0301\u0302 Nậm Sỏ".replace("Che\u0301\u0302", "Che\u0300")
    path = simple_list(
        tmp_path / "l.xlsx",
        row(1, f"  {nfd}  ", "Hợp  tác   xã Chè Nậm Sỏ ", number="1/QĐ-UBND"),
        row(2, "Chè Shan tuyết Nậm Sỏ", odd, number="2/QĐ-UBND", decided_on="1/1/2024"),
        row(3, "Bánh t\u00e9\u0302t", "Hợp tác xã Chè Nậm Sỏ", number="3/QĐ-UBND"),
    )
    result = run(path)
    assert result.ok, messages(result)
    assert Producer.objects.get().name == "Hợp tác xã Chè Nậm Sỏ"
    assert set(Product.objects.values_list("name", flat=True)) == {
        "Chè Shan tuyết Nậm Sỏ",
        "Bánh tết",
    }


def test_a_column_known_only_by_a_keyword_is_guessed_with_a_warning(tmp_path):
    header = ["STT", "Tên sản phẩm", "Tên chủ thể", "Địa chỉ", "Sao đạt được", "Số QĐ", "Ngày QĐ"]
    result = run(write_xlsx(tmp_path / "l.xlsx", {"S": [header, row()]}))
    assert result.ok
    assert messages(result, "warnings") == [
        'l.xlsx › S › cột E "Sao đạt được" — đoán là cột hạng sao (nhãn không quen): cần kiểm tra'
    ]


WHERE = "l.xlsx › S › dòng 2 › cột"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (row(stars="7 sao"), f'{WHERE} E "Số sao": "7 sao" — hạng sao phải là 3, 4 hoặc 5'),
        (
            row(decided_on="31/02/2024"),
            f'{WHERE} G "Ngày QĐ": "31/02/2024" — ngày 31/02/2024 không tồn tại',
        ),
        (row(product=None), f'{WHERE} B "Tên sản phẩm" — thiếu tên sản phẩm'),
        (
            row(address="Bản Mới, xã Hà Nội"),
            f'{WHERE} D "Địa chỉ": "Bản Mới, xã Hà Nội" — địa chỉ không khớp xã/phường nào: '
            "không tìm thấy xã Hà Nội trong danh sách xã/phường",
        ),
        (row(number=None), f'{WHERE} F "Số QĐ" — thiếu số quyết định'),
    ],
)
def test_each_error_names_file_sheet_row_column_value_and_fault(tmp_path, line, expected):
    result = run(write_xlsx(tmp_path / "l.xlsx", {"S": [HEADER, line]}))
    assert messages(result) == [expected]
    assert Product.objects.count() == 0


def test_a_list_without_a_stars_column_is_refused_as_a_whole(tmp_path):
    header = ["STT", "Tên sản phẩm", "Tên chủ thể", "Địa chỉ", "Số QĐ", "Ngày QĐ"]
    line = [1, "Chè xanh", "HTX Chè Nậm Sỏ", "xã Nậm Sỏ", "1/QĐ-UBND", "1/8/2025"]
    result = run(write_xlsx(tmp_path / "l.xlsx", {"S": [header, line]}))
    assert messages(result) == ["l.xlsx › S › dòng 2 — thiếu hạng sao (không có cột hạng sao)"]


def test_the_import_docs_list_every_known_label():
    from pathlib import Path

    from ocop.imports.header import KNOWN_LABELS, label_key

    docs = (Path(__file__).resolve().parents[1] / "docs" / "import.md").read_text("utf-8")
    docs = re.sub(r"```.*?```", "", docs, flags=re.DOTALL)
    documented = {label_key(label) for label in re.findall(r"`([^`]+)`", docs)}
    missing = [label for labels in KNOWN_LABELS.values() for label in labels]
    assert [label for label in missing if label not in documented] == []
