"""The `ocop` command line: real processes for exit codes, call_command for output."""

import json
import os
import shutil
import subprocess
import sys
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings
from django.utils import timezone
from PIL import Image

from ocop.catalog.pages import FEATURED, featured
from ocop.registry.models import Decision, Producer, Product
from tests.factories import make_decision

OCOP = Path(sys.executable).with_name("ocop")


def run_ocop(*args, tmp_path):
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'cli.sqlite3'}"}
    return subprocess.run([OCOP, *args], capture_output=True, text=True, env=env, timeout=120)


@pytest.mark.django_db
def test_it_prints_the_summary_as_json_with_the_letters_keys():
    make_decision(decided_on=date(2023, 2, 1), stars=4)
    out = StringIO()
    call_command("summary", "--as-of", "2025-12-31", "--json", stdout=out)
    figures = json.loads(out.getvalue())
    assert figures["as_of"] == "2025-12-31"
    assert figures["valid_products"] == 1
    assert figures["valid_by_stars"] == {"3": 0, "4": 1, "5": 0}
    assert {"producers", "communes", "expired_products", "revoked_products"} <= set(figures)


@pytest.mark.django_db
def test_it_prints_the_letters_sentence_by_default():
    make_decision(decided_on=date(2023, 2, 1))
    out = StringIO()
    call_command("summary", "--as-of", "2025-12-31", stdout=out)
    assert out.getvalue().startswith("Tính đến ngày 31/12/2025, có 1 sản phẩm OCOP còn thời hạn")


@pytest.mark.parametrize("bad", ["2025-02-30", "30/02/2025", "hôm qua", "2025-13-01"])
def test_it_refuses_a_bad_date_with_exit_status_2_and_no_traceback(bad, tmp_path):
    result = run_ocop("summary", "--as-of", bad, tmp_path=tmp_path)
    assert result.returncode == 2
    assert "Ngày không hợp lệ" in result.stderr
    assert bad in result.stderr
    assert "Traceback" not in result.stderr


def test_it_runs_migrate_summary_and_generate_end_to_end(tmp_path):
    assert run_ocop("migrate", "--no-input", tmp_path=tmp_path).returncode == 0
    generated = run_ocop("generate", "--products", "40", "--today", "2026-11-29", tmp_path=tmp_path)
    assert generated.returncode == 0, generated.stderr
    assert "Đã sinh" in generated.stdout
    result = run_ocop("summary", "--as-of", "2026-11-29", "--json", tmp_path=tmp_path)
    figures = json.loads(result.stdout)
    assert 0 < figures["valid_products"] <= 40
    assert sum(figures["valid_by_stars"].values()) == figures["valid_products"]


@pytest.fixture(scope="module")
def migrated(tmp_path_factory) -> Path:
    """A migrated registry, made once (a migration takes seconds): each test takes a copy."""
    folder = tmp_path_factory.mktemp("cli")
    assert run_ocop("migrate", "--no-input", tmp_path=folder).returncode == 0
    return folder / "cli.sqlite3"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["generate", "--products", "0"], "cần một số nguyên dương"),
        (["generate", "--provinces", "35"], "34 tỉnh"),
        (["generate", "--today", "2026-02-29"], "Ngày không hợp lệ"),
        (["load_units", "khong-co.csv", "--province", "12"], "Không tìm thấy tệp"),
        (["recompute_validity", "--province", "99"], "Không có tỉnh mã"),
        (["summary", "--province", "99"], "Không có tỉnh mã"),
    ],
)
def test_it_refuses_bad_options_with_a_clear_message(args, message, tmp_path, migrated):
    shutil.copy(migrated, tmp_path / "cli.sqlite3")
    result = run_ocop(*args, tmp_path=tmp_path)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.django_db
def test_it_refuses_demo_setup_outside_demo_mode():
    with pytest.raises(CommandError, match="OCOP_DEMO=1"):
        call_command("demo_setup")


@pytest.mark.django_db
@override_settings(DEMO_MODE=True)
def test_demo_setup_loads_data_once_and_prints_the_demo_account():
    out = StringIO()
    call_command("demo_setup", stdout=out)
    assert "admin / mật khẩu: ocop-demo" in out.getvalue()
    products = Product.objects.count()
    assert products > 250
    call_command("demo_setup", stdout=StringIO())
    assert Product.objects.count() == products


@pytest.mark.django_db
@override_settings(DEMO_MODE=True)
def test_demo_setup_gives_the_featured_products_drawn_photos_and_their_producers_contacts(
    settings, tmp_path, client
):
    settings.MEDIA_ROOT = tmp_path
    out = StringIO()
    call_command("demo_setup", stdout=out)
    shown = featured(timezone.localdate())
    assert len(shown) == FEATURED and f"{FEATURED} ảnh vẽ minh hoạ" in out.getvalue()
    for product in shown:
        photo = product.photos.get()
        with Image.open(photo.image.path) as image:
            assert image.size == (photo.width, photo.height) == (1200, 900)
        assert photo.copies  # the narrower copies, as for an upload
        assert product.producer.phone and "@" in product.producer.email
    html = client.get(shown[0].get_public_url()).content.decode()
    assert 'alt="Ảnh minh hoạ bản trình diễn: ' in html and '<img src="/media/' in html
    assert shown[0].producer.phone in html


@pytest.mark.django_db
def test_generate_is_repeatable_for_a_seed():
    call_command(
        "generate", "--products", "30", "--seed", "9", "--today", "2026-01-01", stdout=StringIO()
    )
    first = list(
        Decision.objects.order_by("pk").values_list("product__name", "decided_on", "stars")
    )
    Product.objects.all().delete()
    Producer.objects.all().delete()
    call_command(
        "generate", "--products", "30", "--seed", "9", "--today", "2026-01-01", stdout=StringIO()
    )
    again = list(
        Decision.objects.order_by("pk").values_list("product__name", "decided_on", "stars")
    )
    assert first == again
    assert all(day <= date(2026, 1, 1) for _, day, _ in first)


@pytest.mark.django_db
def test_it_narrows_the_summary_to_one_province():
    make_decision(decided_on=date(2024, 2, 1))
    out = StringIO()
    call_command("summary", "--as-of", "2025-01-01", "--province", "11", "--json", stdout=out)
    assert json.loads(out.getvalue())["valid_products"] == 0
    out = StringIO()
    call_command("summary", "--as-of", "2025-01-01", "--province", "12", "--json", stdout=out)
    assert json.loads(out.getvalue())["valid_products"] == 1
