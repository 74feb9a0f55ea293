"""Importing names each issuing body in one form, and presumes the real body (never a
placeholder) when a list does not write it (issue 8, OCOP.md §5)."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command

from ocop.registry.models import Decision
from tests.factories import SAMPLES
from tests.workbooks import HEADER, row, simple_list

pytestmark = pytest.mark.django_db


def ocop_import(path) -> str:
    out = StringIO()
    call_command("import", str(path), stdout=out, stderr=StringIO())
    return out.getvalue()


@pytest.fixture
def sample():
    ocop_import(SAMPLES / "ocop-mau-2019-2026.xlsx")


def test_the_sample_names_no_placeholder_and_no_bare_province(sample):
    issuers = set(Decision.objects.values_list("issuer", flat=True))
    assert "UBND cấp huyện" not in issuers
    assert "UBND tỉnh" not in issuers
    assert "" not in issuers
    assert all(i.startswith(("UBND huyện ", "UBND tỉnh Lai Châu", "Bộ ")) for i in issuers)


def test_it_writes_the_province_written_bare_in_full_and_keeps_it_written(sample):
    decision = Decision.objects.get(source="ocop-mau-2019-2026.xlsx › Năm 2019 › dòng 12")
    assert (decision.issuer, decision.issuer_presumed) == ("UBND tỉnh Lai Châu", False)


def test_it_presumes_no_district_once_district_committees_have_ceased(sample):
    # "Bản Mới, xã Mù Cả", 3 stars on 03/07/2025: the old xã Mù Cả was in huyện Mường Tè, but
    # district committees ceased on 01/07/2025 (OCOP.md §5, issue 19): the province's.
    decision = Decision.objects.get(source="ocop-mau-2019-2026.xlsx › Năm 2025 › dòng 29")
    assert (decision.issuer, decision.issuer_presumed) == ("UBND tỉnh Lai Châu", True)


def test_every_presumed_issuer_is_flagged_and_every_written_one_not(sample):
    presumed = Decision.objects.filter(issuer_presumed=True)
    assert presumed.exists()
    written_in_sample = Decision.objects.filter(issuer_presumed=False)
    assert set(written_in_sample.values_list("issuer", flat=True)) <= {
        "UBND tỉnh Lai Châu",
        *(f"UBND huyện {d}" for d in ["Phong Thổ", "Sìn Hồ", "Nậm Nhùn", "Than Uyên"]),
        *(f"UBND huyện {d}" for d in ["Mường Tè", "Tam Đường", "Tân Uyên"]),
    }


@pytest.mark.parametrize(
    ("address", "decided_on", "expected"),
    [
        # Named after its old commune of Sìn Hồ, though most of its old communes were Nậm Nhùn's.
        ("Bản Hon, xã Pa Tần", date(2024, 3, 1), "UBND huyện Sìn Hồ"),
        ("Bản Hon, xã Nậm Ban, huyện Nậm Nhùn", date(2024, 3, 1), "UBND huyện Nậm Nhùn"),
        ("Tổ 5, phường Tân Phong", date(2024, 3, 1), "UBND thành phố Lai Châu"),
        ("Bản Hon, xã Pa Tần", date(2025, 8, 1), "UBND tỉnh Lai Châu"),
    ],
)
def test_it_presumes_the_real_district_committee(tmp_path, address, decided_on, expected):
    path = simple_list(tmp_path / "danh-sach.xlsx", row(address=address, decided_on=decided_on))
    ocop_import(path)
    decision = Decision.objects.get()
    assert (decision.issuer, decision.issuer_presumed) == (expected, True)


@pytest.mark.parametrize(
    ("written", "expected", "presumed"),
    [
        ("UBND tỉnh", "UBND tỉnh Lai Châu", False),
        ("Ủy ban nhân dân H. Tân Uyên", "UBND huyện Tân Uyên", False),
        ("UBND cấp huyện", "UBND huyện Tân Uyên", True),
    ],
)
def test_it_writes_a_written_issuer_in_one_form(tmp_path, written, expected, presumed):
    header = [*HEADER, "Cơ quan ban hành"]
    path = simple_list(tmp_path / "danh-sach.xlsx", [*row(), written], header=header)
    ocop_import(path)
    decision = Decision.objects.get()
    assert (decision.issuer, decision.issuer_presumed) == (expected, presumed)


def test_a_district_written_after_the_cut_over_is_presumed_again_with_a_warning(tmp_path):
    # District committees ceased on 01/07/2025 (OCOP.md §5, issue 19).
    header = [*HEADER, "Cơ quan ban hành"]
    late = [*row(decided_on=date(2025, 7, 4)), "UBND huyện Tân Uyên"]
    out = ocop_import(simple_list(tmp_path / "danh-sach.xlsx", late, header=header))
    decision = Decision.objects.get()
    assert (decision.issuer, decision.issuer_presumed) == ("UBND tỉnh Lai Châu", True)
    assert "UBND huyện Tân Uyên không thể ban hành quyết định từ ngày 01/07/2025" in out
