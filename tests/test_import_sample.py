"""The shared sample list and its broken twin, through `ocop import` and `ocop summary`."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from ocop.imports.models import ImportRun
from ocop.registry.models import Decision, Producer, Product
from tests.factories import SAMPLES
from tests.workbooks import registry_state

SAMPLE = SAMPLES / "ocop-mau-2019-2026.xlsx"
BROKEN = SAMPLES / "ocop-mau-2019-2026-loi.xlsx"
EXPECTED = json.loads((SAMPLES / "ocop-mau-2019-2026.expected.json").read_text())
DAYS = [day for day in EXPECTED if day[:1].isdigit()]
FIGURES = ["valid_products", "valid_by_stars", "producers", "communes", "expired_products"]

pytestmark = pytest.mark.django_db


def ocop(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out, stderr=StringIO())
    return out.getvalue()


@pytest.fixture
def imported():
    ocop("import", str(SAMPLE))


def test_it_imports_every_row_of_the_sample(imported):
    assert Decision.objects.count() == EXPECTED["rows"]
    assert Product.objects.count() == EXPECTED["products"]


@pytest.mark.parametrize("day", DAYS)
def test_the_summary_matches_the_expected_figures(imported, day):
    summary = json.loads(ocop("summary", "--as-of", day, "--json"))
    assert {k: summary[k] for k in FIGURES} == {k: EXPECTED[day][k] for k in FIGURES}


def test_it_reports_rows_read_per_sheet():
    out = ocop("import", str(SAMPLE))
    assert "trang Năm 2019: 15 dòng sản phẩm" in out
    assert "trang Năm 2023: 52 dòng sản phẩm" in out
    assert "223 quyết định thêm mới" in out


def test_it_takes_the_issuer_from_the_notes_of_old_sheets(imported):
    decision = Decision.objects.get(number="332/QĐ-UBND", decided_on="2019-08-27")
    assert (decision.issuer, decision.issuer_presumed) == ("UBND huyện Nậm Nhùn", False)
    presumed = Decision.objects.get(number="665/QĐ-UBND", decided_on="2022-05-14")
    assert (presumed.issuer, presumed.issuer_presumed) == ("UBND huyện Mường Tè", True)
    assert presumed.criteria_version == "1048/QĐ-TTg"
    assert presumed.source == "ocop-mau-2019-2026.xlsx › Năm 2022 › dòng 7"


def test_it_keeps_the_address_as_written_beside_the_resolved_unit(imported):
    product = Product.objects.get(name="Trang phục dân tộc Dao Mường Tè")
    assert product.address == "Bản Cốc Pa, Thị trấn Mường Tè, Huyện Mường Tè"
    assert product.unit.name == "Bum Tở"


def test_abbreviated_and_written_out_producers_are_one(imported):
    assert Producer.objects.filter(name_key="hộ kinh doanh giàng mý sình").count() == 1
    # One household name in two communes is two producers.
    assert Producer.objects.filter(name_key="hộ kinh doanh lò văn thanh").count() == 2


def test_importing_the_sample_twice_changes_nothing(imported):
    before = registry_state()
    out = ocop("import", str(SAMPLE))
    assert "223 dòng không thay đổi" in out
    assert "0 quyết định thêm mới" in out
    assert registry_state() == before


def test_the_broken_twin_fails_naming_its_three_rows_and_writes_nothing(imported):
    before = registry_state()
    out = StringIO()
    with pytest.raises(CommandError) as raised:
        call_command("import", str(BROKEN), stdout=out, stderr=StringIO())
    assert raised.value.returncode == 1
    text = out.getvalue()
    assert (
        'ocop-mau-2019-2026-loi.xlsx › Năm 2025 › dòng 6 › cột D "Phân hạng": "7 sao" — '
        "hạng sao phải là 3, 4 hoặc 5"
    ) in text
    assert "Năm 2025 › dòng 8 › cột E" in text and "31/02/2024 không tồn tại" in text
    assert 'Năm 2025 › dòng 9 › cột C "Sản phẩm" — thiếu tên sản phẩm' in text
    assert "Lỗi (3):" in text
    assert text.rstrip().endswith("Không ghi gì vào cơ sở dữ liệu.")
    assert registry_state() == before


def test_every_run_is_recorded_with_its_checksum(department_officer):
    ocop("import", str(SAMPLE), "--user", department_officer.username)
    with pytest.raises(CommandError):
        ocop("import", str(BROKEN))
    applied, refused = ImportRun.objects.order_by("id")
    assert (applied.status, applied.user, applied.file_name) == (
        ImportRun.Status.APPLIED,
        department_officer,
        SAMPLE.name,
    )
    assert applied.counts["decisions_added"] == 223
    assert applied.counts["sheets"]["Năm 2025"] == 48
    assert len(applied.sha256) == 64
    assert (refused.status, refused.errors_count) == (ImportRun.Status.REFUSED, 3)
    assert refused.user is None
    assert refused.operator.endswith("(dòng lệnh)") and "@" in refused.operator
