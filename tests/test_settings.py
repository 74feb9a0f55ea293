"""Settings come from the environment through typed helpers; checks refuse unsafe production."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings

from ocop import checks, settings

OCOP = Path(sys.executable).with_name("ocop")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1", True),
        ("true", True),
        ("Yes", True),
        ("on", True),
        ("0", False),
        ("false", False),
        ("no", False),
        ("OFF", False),
        ("", True),
    ],
)
def test_envbool_reads_the_usual_spellings(monkeypatch, raw, expected):
    monkeypatch.setenv("OCOP_TEST_FLAG", raw)
    assert settings.envbool("OCOP_TEST_FLAG", True) is expected


def test_envbool_refuses_anything_else(monkeypatch):
    monkeypatch.setenv("OCOP_TEST_FLAG", "có")
    with pytest.raises(ImproperlyConfigured, match="OCOP_TEST_FLAG"):
        settings.envbool("OCOP_TEST_FLAG", False)


def test_envint_refuses_a_word(monkeypatch):
    monkeypatch.setenv("EMAIL_PORT", "hai lăm")
    with pytest.raises(ImproperlyConfigured, match="EMAIL_PORT"):
        settings.envint("EMAIL_PORT", 25)


def test_a_bad_database_url_is_named():
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL"):
        settings.database_from_url("khong-phai-url")


def test_it_defaults_to_vietnamese_in_hanoi_time():
    assert settings.LANGUAGE_CODE == "vi"
    assert settings.TIME_ZONE == "Asia/Ho_Chi_Minh"


def test_sqlite_waits_for_locks_and_uses_wal():
    config = settings.database_from_url("sqlite:////tmp/x.sqlite3")
    assert config["OPTIONS"]["timeout"] == 20
    assert "journal_mode=WAL" in config["OPTIONS"]["init_command"]


@override_settings(DEBUG=False, SECRET_KEY=settings.DEV_SECRET_KEY, DEMO_MODE=True)
def test_checks_refuse_development_secrets_and_demo_mode_in_production():
    ids = {problem.id for problem in checks.check_production_settings(None)}
    assert {"ocop.E001", "ocop.E002"} <= ids


@override_settings(
    DEBUG=False,
    SECRET_KEY="k7Qx-2pLm9vB8sRt4Zw1Nc6Hy3Jd5Fg0aPeUiOoYTqXnMbLrKhGjSfDz",
    DEMO_MODE=False,
    ALLOWED_HOSTS=["ocop.vn"],
    OCOP_PUBLIC_URL="https://ocop.vn",
)
def test_checks_pass_a_production_configuration():
    assert checks.check_production_settings(None) == []


def test_a_real_start_with_a_bad_boolean_fails_with_a_clear_message(tmp_path):
    env = {**os.environ, "DEBUG": "có lẽ", "DATABASE_URL": f"sqlite:///{tmp_path}/x.sqlite3"}
    result = subprocess.run([OCOP, "check"], capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode != 0
    assert "DEBUG='có lẽ'" in result.stderr


def test_a_production_start_with_the_development_secret_is_refused(tmp_path):
    env = {**os.environ, "DEBUG": "false", "DATABASE_URL": f"sqlite:///{tmp_path}/x.sqlite3"}
    env.pop("SECRET_KEY", None)
    result = subprocess.run([OCOP, "check"], capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode != 0
    assert "ocop.E001" in result.stderr


def test_postgresql_connections_run_without_jit_compilation():
    config = settings.database_from_url("postgres://postgres@127.0.0.1:5432/ocop")
    assert config["OPTIONS"]["options"] == "-c jit=off -c cursor_tuple_fraction=1"
    sqlite = settings.database_from_url("sqlite:////tmp/x.sqlite3")
    assert "options" not in sqlite["OPTIONS"]
