"""`ocop export` writes the registry in one clean layout that imports back to the same state."""

from datetime import date
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from ocop.registry.models import Decision, Producer, Product, ProductSet
from tests.factories import SAMPLES, make_decision, make_producer, make_product
from tests.workbooks import registry_state, run

pytestmark = pytest.mark.django_db


@pytest.fixture
def registry():
    run(SAMPLES / "ocop-mau-2019-2026.xlsx")
    producer = make_producer(
        "Công ty TNHH Ong Mật",
        "Mường Tè",
        tax_code="6200123456",
        representative="Lò Văn A",
        phone="0912 345 678",
        email="ongmat@example.vn",
        address="Khu phố 3, xã Mường Tè",
    )
    product = make_product(
        "Mật ong hoa ban",
        producer,
        unit=producer.unit,
        address="Bản Nà Khuổng, xã Mường Tè",
        product_set=ProductSet.objects.get(key="I.2.b"),
        group_as_written="Thực phẩm",
        description="Mật ong rừng, chai 500 ml",
    )
    make_decision(
        product,
        date(2022, 4, 1),
        4,
        number="45/QĐ-UBND",
        score=Decimal("78.50"),
        issuer="UBND tỉnh Lai Châu",
        criteria_version="1048/QĐ-TTg",
        revoked_on=date(2024, 5, 2),
        revocation_number="12/QĐ-UBND",
        revocation_reason="Không duy trì chất lượng",
        source="nhập tay",
    )
    make_decision(product, date(2024, 6, 1), 3, number="77/QĐ-UBND", issuer="UBND tỉnh Lai Châu",
                  criteria_version="148/QĐ-TTg", source="nhập tay")  # fmt: skip
    return registry_state()


def empty_registry():
    Decision.objects.all().delete()
    Product.objects.all().delete()
    Producer.objects.all().delete()


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_an_export_imports_back_to_the_identical_state(tmp_path, registry, fmt):
    path = tmp_path / f"so-dang-ky.{fmt}"
    out = StringIO()
    call_command("export", "--format", fmt, str(path), stdout=out)
    assert "Đã xuất 225 quyết định" in out.getvalue()
    empty_registry()
    result = run(path)
    assert result.ok, [str(e) for e in result.errors]
    assert result.warnings == []
    assert _diff(registry_state(), registry) is None


def test_re_importing_an_export_over_its_own_registry_changes_nothing(tmp_path, registry):
    path = tmp_path / "so-dang-ky.xlsx"
    call_command("export", str(path), stdout=StringIO())
    counts = run(path).totals()
    assert (counts.unchanged, counts.decisions_added, counts.products_updated) == (225, 0, 0)
    assert _diff(registry_state(), registry) is None


def test_it_refuses_an_unknown_format(tmp_path):
    with pytest.raises(CommandError) as raised:
        call_command("export", str(tmp_path / "x.pdf"), stdout=StringIO())
    assert raised.value.returncode == 2


def _diff(a, b):
    for part_a, part_b in zip(a, b, strict=True):
        for x, y in zip(part_a, part_b, strict=True):
            if x != y:
                return [(i, u, v) for i, (u, v) in enumerate(zip(x, y, strict=True)) if u != v]
    return None


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_formula_like_text_is_exported_as_text_and_imports_back_as_typed(tmp_path, fmt):
    product = make_product('=HYPERLINK("http://x","Mật ong")', make_producer("@HTX Lạ"))
    make_decision(product, date(2024, 6, 1), 3, number="5/QĐ-UBND", issuer="+UBND tỉnh",
                  criteria_version="148/QĐ-TTg", source="-nhập tay")  # fmt: skip
    before = registry_state()
    path = tmp_path / f"so-dang-ky.{fmt}"
    call_command("export", "--format", fmt, str(path), stdout=StringIO())
    if fmt == "xlsx":
        from openpyxl import load_workbook

        cells = [c for row in load_workbook(path).active.iter_rows() for c in row]
        formulas = [c.value for c in cells if c.data_type == "f"]
        assert formulas == []
        name = next(c for c in cells if str(c.value).startswith("=HYPERLINK"))
        assert name.data_type == "s" and name.quotePrefix
    else:
        text = path.read_text(encoding="utf-8-sig")
        assert (
            "'=HYPERLINK" in text
            and "'@HTX Lạ" in text
            and "'+UBND tỉnh" in text
            and "'-nhập tay" in text
        )
    empty_registry()
    assert run(path).ok
    assert _diff(registry_state(), before) is None


@pytest.mark.parametrize(
    ("name", "fmt"),
    [("so-dang-ky.xlsx", "csv"), ("so-dang-ky.csv", "xlsx"), ("so-dang-ky", "xlsx")],
)
def test_it_refuses_a_format_the_file_name_contradicts(tmp_path, name, fmt):
    with pytest.raises(CommandError) as raised:
        call_command("export", "--format", fmt, str(tmp_path / name), stdout=StringIO())
    assert raised.value.returncode == 2
    assert "đuôi" in str(raised.value)
    assert list(tmp_path.iterdir()) == []


def test_it_takes_the_format_from_the_extension(tmp_path):
    make_decision()
    call_command("export", str(tmp_path / "so-dang-ky.CSV"), stdout=StringIO())
    assert (tmp_path / "so-dang-ky.CSV").read_text(encoding="utf-8-sig").startswith("STT,")


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_a_real_leading_apostrophe_survives_export_and_import(tmp_path, fmt):
    producer = make_producer("'Hợp tác xã Nháy")
    for name in ["'Mật ong", "'=1+1", "''Hai dấu nháy", "'-Âm", "Chè 'ngon'"]:
        make_decision(make_product(name, producer), date(2024, 6, 1), 3,
                      issuer="UBND tỉnh Lai Châu", criteria_version="148/QĐ-TTg",
                      source="'nguồn")  # fmt: skip
    before = registry_state()
    path = tmp_path / f"so-dang-ky.{fmt}"
    call_command("export", str(path), stdout=StringIO())
    empty_registry()
    result = run(path)
    assert result.ok, [str(e) for e in result.errors]
    assert _diff(registry_state(), before) is None
