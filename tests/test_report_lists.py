"""Phụ lục I and II and the expiring list: rows from the registry, grouped and ordered in
Vietnamese, checked against the figures, and written to Excel that opens back as it should."""

from dataclasses import replace
from datetime import date, datetime
from io import BytesIO, StringIO
from zipfile import ZipFile

import openpyxl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from ocop.registry.generate import generate
from ocop.registry.models import Product, Province, Unit
from ocop.registry.summary import Figures, summarize
from ocop.reports import lists
from ocop.reports.documents import expiring_file, lists_file
from ocop.reports.lists import FiguresMismatch, checked_lists, expiring_list
from ocop.shared.exports import FORMULA_TRIGGERS, safe_cell
from tests.factories import make_decision, make_producer, make_product
from tests.report_data import DAY, EXPIRED_ROWS, GROUPS, VALID_ROWS, small_registry

pytestmark = pytest.mark.django_db


@pytest.fixture
def registry():
    small_registry()


def numbered(product_list):
    return [(row.number, row.product, row.unit) for row in product_list.rows]


def sheet_rows(sheet):
    """(number, product, commune heading above) of the data rows; the group header rows
    apart."""
    rows, groups = [], []
    for values in sheet.iter_rows(min_row=6, values_only=True):
        if values[0] is None:
            groups.append(values[1])
        else:
            rows.append((values[0], values[1], groups[-1]))
    return rows, groups


def workbook(file):
    return openpyxl.load_workbook(BytesIO(file.content))


def test_it_lists_valid_and_expired_products_grouped_and_numbered_in_vietnamese_order(registry):
    checked = checked_lists(DAY)
    assert numbered(checked.valid) == VALID_ROWS
    assert numbered(checked.expired) == EXPIRED_ROWS
    assert [group.unit for group in checked.valid.groups] == GROUPS


def test_it_shows_the_stars_and_decision_that_count_on_the_day(registry):
    honey = next(row for row in checked_lists(DAY).valid.rows if row.product == "Mật ong bạc hà")
    assert (honey.stars, honey.decision_number, honey.decided_on) == (
        4,
        "202/QĐ-UBND",
        date(2024, 2, 20),
    )
    assert (honey.issuer, honey.last_valid_day) == ("UBND tỉnh", date(2027, 2, 20))
    on_2023 = checked_lists(date(2023, 6, 30)).valid.rows
    honey_2023 = next(row for row in on_2023 if row.product == "Mật ong bạc hà")
    assert (honey_2023.stars, honey_2023.decision_number) == (3, "201/QĐ-UBND")


def test_the_figures_recomputed_from_the_lists_equal_the_summary(registry):
    checked = checked_lists(DAY)
    from_lists = Figures.from_lists(checked.valid, checked.expired)
    assert from_lists.revoked_products is None  # no appendix lists the revoked products
    assert checked.figures == replace(from_lists, revoked_products=1)
    assert checked.figures == Figures(DAY, 5, {4: 2, 3: 3}, 3, 3, 2, 1)
    assert checked.figures == Figures.from_rules(DAY, Product.objects.all())


@pytest.mark.parametrize("day", [date(2022, 6, 30), date(2024, 12, 31), DAY, date(2027, 3, 1)])
def test_the_lists_agree_with_the_summary_on_generated_data(day):
    generate(150, seed=7, today=date(2026, 6, 30))
    checked = checked_lists(day)
    summary = summarize(day)
    assert len(checked.valid) == summary.valid_products
    assert len(checked.expired) == summary.expired_products


def test_it_refuses_lists_that_lost_a_row(registry, monkeypatch):
    build = lists.valid_list

    def one_row_short(day, products):
        product_list = build(day, products)
        product_list.groups[0].rows.pop()
        return product_list

    monkeypatch.setattr(lists, "valid_list", one_row_short)
    with pytest.raises(FiguresMismatch, match="valid_products: số liệu 5, danh sách 4"):
        checked_lists(DAY)


def test_it_refuses_figures_when_the_status_in_sql_goes_wrong(registry, monkeypatch):
    """A fault in the one SQL statement of the statuses misleads the summary and the lists
    alike; the check by the pure rules of ocop.domain, which shares no SQL with them, sees it."""
    from ocop.registry.querysets import DecisionQuerySet

    statuses = DecisionQuerySet.with_product_status

    def forgets_four_stars(self, day):
        return statuses(self, day).exclude(stars=4)

    monkeypatch.setattr(DecisionQuerySet, "with_product_status", forgets_four_stars)
    with pytest.raises(FiguresMismatch, match="valid_products: số liệu 3, quy tắc 5"):
        checked_lists(DAY)


def test_it_refuses_an_expired_list_that_disagrees(registry, monkeypatch):
    monkeypatch.setattr(lists, "expired_list", lambda day, products: lists.ProductList("", day))
    with pytest.raises(FiguresMismatch, match="expired_products"):
        checked_lists(DAY)


def test_the_command_writes_no_file_when_the_figures_disagree(registry, monkeypatch, tmp_path):
    monkeypatch.setattr(lists, "expired_list", lambda day, products: lists.ProductList("", day))
    target = tmp_path / "danh-sach.xlsx"
    with pytest.raises(CommandError, match="không khớp") as error:
        call_command("report", "lists", "--as-of", "2025-12-31", "-o", str(target))
    assert error.value.returncode == 1
    assert not target.exists()


def test_it_keeps_to_the_province(registry):
    other = Unit.objects.create(
        code="X11001", name="Mường Lay", kind="phường", province=Province.objects.get(code="11")
    )
    product = make_product("Chè Mường Lay", make_producer("HTX Mường Lay", unit_name="Nậm Sỏ"))
    Product.objects.filter(pk=product.pk).update(unit=other)
    make_decision(product, date(2024, 1, 1))
    lai_chau = Product.objects.in_province(Province.objects.get(code="12"))
    assert len(checked_lists(DAY, lai_chau).valid) == 5
    assert len(checked_lists(DAY).valid) == 6


def test_the_workbook_holds_both_lists_with_dates_as_date_cells(registry):
    book = workbook(lists_file(DAY, ".xlsx"))
    assert book.sheetnames == ["Phụ lục I", "Phụ lục II"]
    first, second = book["Phụ lục I"], book["Phụ lục II"]
    assert first["A1"].value == "Phụ lục I"
    assert first["A3"].value == "(Tính đến ngày 31/12/2025)"
    assert [c.value for c in first[5]][:5] == [
        "STT",
        "Tên sản phẩm",
        "Chủ thể",
        "Địa chỉ",
        "Hạng sao",
    ]
    assert sheet_rows(first) == (VALID_ROWS, GROUPS)
    assert sheet_rows(second) == (EXPIRED_ROWS, ["Xã Bum Tở", "Xã Nậm Sỏ"])
    honey = next(row for row in first.iter_rows(min_row=6) if row[1].value == "Mật ong bạc hà")
    assert [cell.value for cell in honey[4:9]] == [
        4,
        "202/QĐ-UBND",
        datetime(2024, 2, 20),
        "UBND tỉnh",
        datetime(2027, 2, 20),
    ]
    assert honey[6].number_format == honey[8].number_format == "DD/MM/YYYY"
    assert honey[6].is_date


def test_the_workbook_is_ready_to_filter_and_print(registry):
    sheet = workbook(lists_file(DAY, ".xlsx"))["Phụ lục I"]
    assert sheet.freeze_panes == "A6"
    assert sheet.auto_filter.ref == "A5:I13"  # header, 3 groups, 5 products
    assert sheet.print_title_rows == "$5:$5"
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.page_setup.paperSize == 9  # A4
    assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0)
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    widths = [sheet.column_dimensions[letter].width for letter in "ABCDEFGHI"]
    assert widths[0] < 10 and max(widths) == widths[3]  # the address, the widest


@pytest.mark.parametrize("trigger", FORMULA_TRIGGERS)
def test_safe_cell_keeps_formula_like_text_as_text(trigger, tmp_path):
    book = openpyxl.Workbook()
    text = f'{trigger}HYPERLINK("http://example.com","bấm")'
    safe_cell(book.active["A1"], text)
    safe_cell(book.active["A2"], "Chè Shan tuyết")
    book.save(tmp_path / "t.xlsx")
    cell = openpyxl.load_workbook(tmp_path / "t.xlsx").active["A1"]
    assert (cell.value, cell.data_type, cell.quotePrefix) == (text, "s", True)
    assert not openpyxl.load_workbook(tmp_path / "t.xlsx").active["A2"].quotePrefix
    assert b"<f>" not in ZipFile(tmp_path / "t.xlsx").read("xl/worksheets/sheet1.xml")


def test_no_registry_text_becomes_a_formula_in_any_export(registry):
    producer = make_producer("@SUM(1+1)*cmd|' /C calc'!A0", "Nậm Sỏ")
    make_decision(make_product("=1+2", producer), date(2025, 1, 2), number="-2+3/QĐ")
    files = [lists_file(DAY, ".xlsx"), expiring_file(date(2025, 1, 1), date(2029, 1, 1), ".xlsx")]
    for file in files:
        archive = ZipFile(BytesIO(file.content))
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in archive.read(name), name
    sheet = workbook(files[0])["Phụ lục I"]
    cells = {cell.value: cell for row in sheet.iter_rows(min_row=6) for cell in row}
    for text in ["=1+2", "@SUM(1+1)*cmd|' /C calc'!A0", "-2+3/QĐ"]:
        assert (cells[text].data_type, cells[text].quotePrefix) == ("s", True)
    contacts = workbook(files[1])["Sắp hết hạn"]
    phone = next(
        c for row in contacts.iter_rows(min_row=6) for c in row if c.value == "+84 912 345 678"
    )
    assert phone.quotePrefix


def test_the_expiring_list_names_products_ending_in_the_window_with_contacts(registry):
    window = expiring_list(date(2025, 12, 1), date(2026, 3, 31), Product.objects.all())
    assert numbered(window) == [
        (1, "Bạch trà", "Xã Nậm Sỏ"),
        (2, "Chè Shan tuyết", "Xã Nậm Sỏ"),
        (3, "Hồng trà", "Xã Nậm Sỏ"),
    ]
    later = expiring_list(date(2027, 1, 1), date(2027, 3, 31), Product.objects.all())
    assert [(row.product, row.phone, row.representative) for row in later.rows] == [
        ("Mật ong bạc hà", "+84 912 345 678", "Lò Văn Thanh")
    ]
    assert later.rows[0].last_valid_day == date(2027, 2, 20)


def test_the_expiring_command_prints_the_list_grouped_by_commune(registry):
    out = StringIO()
    call_command("report", "expiring", "--from", "2027-01-01", "--to", "2027-03-31", stdout=out)
    text = out.getvalue()
    assert "(1 sản phẩm)" in text
    assert "Xã Bum Tở\n  1. Mật ong bạc hà — Hộ kinh doanh Lò Văn Thanh" in text
    assert "(Lò Văn Thanh, +84 912 345 678) — 4 sao, 202/QĐ-UBND ngày 20/02/2024" in text
    assert "hiệu lực đến hết ngày 20/02/2027" in text


def test_the_expiring_workbook_has_the_contacts_columns(registry, tmp_path):
    target = tmp_path / "sap-het-han.xlsx"
    call_command(
        "report",
        "expiring",
        "--from",
        "2027-01-01",
        "--to",
        "2027-03-31",
        "-o",
        str(target),
        stdout=StringIO(),
    )
    sheet = openpyxl.load_workbook(target)["Sắp hết hạn"]
    headings = [cell.value for cell in sheet[5]]
    assert headings[3:6] == ["Người đại diện", "Điện thoại", "Thư điện tử"]
    assert [c.value for c in sheet[7]][:5] == [
        1,
        "Mật ong bạc hà",
        "Hộ kinh doanh Lò Văn Thanh",
        "Lò Văn Thanh",
        "+84 912 345 678",
    ]
    assert sheet["A2"].value == "(Hết thời hạn công nhận từ ngày 01/01/2027 đến ngày 31/03/2027)"


def test_the_lists_command_writes_the_workbook_and_says_what_it_holds(registry, tmp_path):
    out = StringIO()
    target = tmp_path / "danh-sach.xlsx"
    call_command("report", "lists", "--as-of", "2025-12-31", "-o", str(target), stdout=out)
    assert "Phụ lục I: 5 sản phẩm; Phụ lục II: 2 sản phẩm." in out.getvalue()
    assert sheet_rows(openpyxl.load_workbook(target)["Phụ lục II"])[0] == EXPIRED_ROWS


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["lists", "--as-of", "2025-12-31", "-o", "x.csv"], "đuôi .xlsx, .docx, .pdf"),
        (["letter", "--as-of", "2025-12-31", "-o", "x.xlsx"], "đuôi .docx, .pdf"),
        (["letter", "--as-of", "2025-12-31"], "Cần tên tệp"),
        (["expiring", "--from", "2026-03-01", "--to", "2026-01-01"], "--to 01/01/2026 trước"),
        (["lists", "--province", "99", "-o", "x.xlsx"], "Không có tỉnh mã '99'"),
    ],
)
def test_it_refuses_bad_options_with_status_2(args, message):
    # Bad dates are argparse's usage errors (status 2 from the real command line):
    # tests/test_dates_input.py runs them.
    with pytest.raises(CommandError, match=message.replace(".", r"\.")) as error:
        call_command("report", *args)
    assert error.value.returncode == 2
