"""One registry whatever the folder `ocop` is run from: the default SQLite file lives in the data
folder (OCOP_DATA_DIR, by default var/ in the checkout), and a database that is missing its
tables or cannot be reached gets a Vietnamese answer saying what to do, not a traceback."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

OCOP = Path(sys.executable).with_name("ocop")
CHECKOUT = Path(__file__).resolve().parents[1]


def environment(**values) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "OCOP_DATA_DIR")}
    return {**env, **values}


def ocop(*args, cwd, env):
    return subprocess.run(
        [OCOP, *args], capture_output=True, text=True, env=env, cwd=cwd, timeout=120
    )


def settings_value(expression: str, cwd, env) -> str:
    code = f"import ocop.settings as s; print({expression})"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=cwd
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_the_default_database_and_static_folder_are_in_the_checkouts_var_folder(tmp_path):
    env = environment()
    name = settings_value("s.DATABASES['default']['NAME']", cwd=tmp_path, env=env)
    static = settings_value("s.STATIC_ROOT", cwd=tmp_path, env=env)
    assert Path(name) == CHECKOUT / "var" / "ocop.sqlite3"
    assert Path(static) == CHECKOUT / "var" / "static"


def test_ocop_data_dir_moves_the_database_and_static_files(tmp_path):
    env = environment(OCOP_DATA_DIR=str(tmp_path / "du-lieu"))
    name = settings_value("s.DATABASES['default']['NAME']", cwd=CHECKOUT, env=env)
    assert Path(name) == tmp_path / "du-lieu" / "ocop.sqlite3"
    assert Path(settings_value("s.STATIC_ROOT", cwd=CHECKOUT, env=env)) == (
        tmp_path / "du-lieu" / "static"
    )


def test_a_relative_data_dir_is_refused(tmp_path):
    env = environment(OCOP_DATA_DIR="du-lieu")
    result = ocop("check", cwd=tmp_path, env=env)
    assert result.returncode != 0
    assert "OCOP_DATA_DIR" in result.stderr


def test_every_folder_sees_the_same_registry(tmp_path):
    env = environment(OCOP_DATA_DIR=str(tmp_path / "du-lieu"))
    here, there = tmp_path / "mot", tmp_path / "hai"
    here.mkdir(), there.mkdir()
    assert ocop("migrate", "--no-input", cwd=here, env=env).returncode == 0
    made = ocop("generate", "--products", "10", "--today", "2026-01-31", cwd=here, env=env)
    assert made.returncode == 0, made.stderr
    result = ocop("summary", "--as-of", "31/01/2026", "--json", cwd=there, env=env)
    assert result.returncode == 0, result.stderr
    assert '"valid_products": 0' not in result.stdout
    assert list(here.iterdir()) == [] and list(there.iterdir()) == []
    assert (tmp_path / "du-lieu" / "ocop.sqlite3").is_file()


@pytest.mark.parametrize(
    "args",
    [
        ["summary"],
        ["report", "expiring"],
        ["export", "so-dang-ky.xlsx"],
        ["generate", "--products", "3"],
        ["createsuperuser", "--no-input", "--username", "a", "--email", "a@b.vn"],
    ],
)
def test_an_unmigrated_database_gets_told_to_run_migrate(tmp_path, args):
    env = environment(OCOP_DATA_DIR=str(tmp_path / "du-lieu"))
    result = ocop(*args, cwd=tmp_path, env=env)
    assert result.returncode == 1
    assert "chưa được tạo bảng" in result.stderr
    assert "ocop migrate" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "ocop.sqlite3").exists()


def test_a_database_that_cannot_be_opened_is_named(tmp_path):
    missing = tmp_path / "khong-co" / "ocop.sqlite3"
    env = environment(DATABASE_URL=f"sqlite:///{missing}")
    result = ocop("summary", cwd=tmp_path, env=env)
    assert result.returncode == 1
    assert f"Không kết nối được cơ sở dữ liệu {missing}" in result.stderr
    assert "DATABASE_URL" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_unreachable_postgresql_server_is_named(tmp_path):
    env = environment(DATABASE_URL="postgres://postgres@127.0.0.1:1/ocop")
    result = ocop("summary", cwd=tmp_path, env=env)
    assert result.returncode == 1
    assert "Không kết nối được cơ sở dữ liệu ocop (127.0.0.1:1)" in result.stderr
    assert "Traceback" not in result.stderr


PAGE = """
from django.test import Client
response = Client(HTTP_HOST="localhost").get("/")
print(response.status_code)
print(response.content.decode())
"""


def test_the_web_pages_explain_an_unmigrated_database(tmp_path):
    env = environment(OCOP_DATA_DIR=str(tmp_path / "du-lieu"))
    result = ocop("shell", "-v", "0", "-c", PAGE, cwd=tmp_path, env=env)
    status, html = result.stdout.split("\n", 1)
    assert status == "503", result.stderr
    assert "chưa được tạo bảng" in html and "ocop migrate" in html
    assert "Sản phẩm OCOP Lai Châu" in html  # the site's own layout
