"""Deployment security: HTTPS behind a proxy passes Django's deployment checks, weak secrets
are refused, every response carries a Content-Security-Policy, and repeated wrong passwords
lock a client out (and are logged)."""

import logging
import os
import re
import secrets
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from axes.models import AccessAttempt
from django.db.models import F
from django.test import RequestFactory, override_settings

from ocop import checks
from ocop.shared.client_address import client_address
from ocop.shared.templatetags.ocop import duration
from tests.factories import make_decision

ROOT = Path(__file__).resolve().parents[1]
OCOP = Path(sys.executable).with_name("ocop")


def documented_production_environment() -> dict[str, str]:
    """The variables of the example in docs/deployment.md, so the test checks what we tell
    people to set."""
    text = (ROOT / "docs" / "deployment.md").read_text(encoding="utf-8")
    block = re.search(r"```sh\n# /etc/ocop/ocop.env\n(.*?)```", text, re.S).group(1)
    return dict(line.split("=", 1) for line in block.splitlines() if re.match(r"[A-Z_]+=", line))


def run_check(tmp_path, **overrides) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        **documented_production_environment(),
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": f"sqlite:///{tmp_path}/x.sqlite3",
        **overrides,
    }
    # Set by the browser tests' fixture for this process; a server never has it.
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    return subprocess.run(
        [OCOP, "check", "--deploy"], capture_output=True, text=True, env=env, timeout=120
    )


def test_the_documented_production_environment_passes_the_deployment_checks(tmp_path):
    result = run_check(tmp_path)
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout, result.stdout + result.stderr
    assert "WARNING" not in result.stdout + result.stderr


def test_a_production_start_refuses_a_short_secret_key(tmp_path):
    result = run_check(tmp_path, SECRET_KEY=secrets.token_urlsafe(20))
    assert result.returncode != 0
    assert "ocop.E004" in result.stderr


@pytest.mark.parametrize(
    "key",
    [
        secrets.token_urlsafe(30),  # 40 characters
        "abcd" * 20,  # long, but only 4 distinct characters
        "django-insecure-" + secrets.token_urlsafe(50),  # startproject's throwaway key
        "k7Qx-2pLm9" * 5,  # 50 characters, 10 distinct, one piece repeated
        (secrets.token_urlsafe(6) * 10)[:55],  # repeated, the last piece cut short
    ],
    ids=["short", "few-distinct-characters", "django-insecure", "repeated", "repeated-cut"],
)
def test_checks_refuse_a_weak_secret_key_in_production(key):
    with override_settings(DEBUG=False, SECRET_KEY=key, ALLOWED_HOSTS=["ocop.vn"]):
        ids = {problem.id for problem in checks.check_production_settings(None)}
    assert "ocop.E004" in ids


@pytest.mark.parametrize(
    ("variables", "refused"),
    [
        ({"ALLOWED_HOSTS": "*"}, "ocop.E005"),
        ({"ALLOWED_HOSTS": "ocop.laichau.gov.vn,*"}, "ocop.E005"),
        ({"OCOP_PUBLIC_URL": ""}, "ocop.E006"),
        ({"OCOP_PUBLIC_URL": "ocop.laichau.gov.vn"}, "ocop.E006"),
    ],
)
def test_a_production_start_refuses_an_unknown_own_address(tmp_path, variables, refused):
    result = run_check(tmp_path, **variables)
    assert result.returncode != 0
    assert refused in result.stderr


def test_checks_accept_a_weak_secret_key_while_debugging():
    with override_settings(DEBUG=True, SECRET_KEY="abcd"):
        assert checks.check_production_settings(None) == []


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/admin/login/", "/khong-co-trang-nay/"])
def test_every_response_carries_a_content_security_policy(client, path):
    response = client.get(path)
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy


@pytest.mark.django_db
def test_the_pages_have_no_inline_styles_or_scripts_the_policy_would_block(client):
    html = client.get("/").content.decode()
    assert "<style" not in html and "style=" not in html
    assert not re.search(r"<script(?![^>]*\bsrc=)", html)


# --- failed logins -------------------------------------------------------------------------


@pytest.fixture
def officer(django_user_model):
    return django_user_model.objects.create_user(
        "can.bo.so", password="mat-khau-dung", is_staff=True, is_superuser=True
    )


def log_in(client, password, address="203.0.113.7", username="can.bo.so"):
    return client.post(
        "/admin/login/",
        {"username": username, "password": password},
        REMOTE_ADDR=address,
    )


@pytest.fixture
def someone_else(django_user_model):
    """Another account, the attacker's own say."""
    return django_user_model.objects.create_user(
        "nguoi.khac", password="mat-khau-khac", is_staff=True, is_superuser=True
    )


@pytest.mark.django_db
def test_twenty_wrong_passwords_lock_the_client_out_even_with_the_right_one(client, officer):
    for _ in range(19):
        assert log_in(client, "sai-mat-khau").status_code == 200
    for _ in range(2):
        locked = log_in(client, "sai-mat-khau")
        assert locked.status_code == 429
    page = locked.content.decode()
    assert "Tạm khoá đăng nhập" in page
    assert "sai mật khẩu 20 lần" in page and "sau 1 giờ" in page
    right = log_in(client, "mat-khau-dung")
    assert right.status_code == 429
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(
    ("wait", "said"),
    [
        (timedelta(hours=1), "1 giờ"),
        (timedelta(minutes=30), "30 phút"),
        (timedelta(minutes=90), "1 giờ 30 phút"),
        (timedelta(seconds=10), "1 phút"),
    ],
)
def test_the_lockout_page_says_the_wait_as_people_do(wait, said):
    assert duration(wait) == said


@pytest.mark.django_db
def test_a_locked_out_client_does_not_lock_out_another(client, officer, someone_else):
    for _ in range(20):
        log_in(client, "sai-mat-khau", username="nguoi.khac")
    response = log_in(client, "mat-khau-dung", address="198.51.100.4")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(officer.pk)


@pytest.mark.django_db
def test_wrong_passwords_for_one_account_from_many_addresses_lock_the_account(client, officer):
    for n in range(19):
        assert log_in(client, "sai-mat-khau", address=f"198.51.100.{n}").status_code == 200
    for n in range(19, 60):
        assert log_in(client, "sai-mat-khau", address=f"198.51.100.{n}").status_code == 429
    # Locked whatever the address, even with the right password; another account is not.
    assert log_in(client, "mat-khau-dung", address="192.0.2.1").status_code == 429
    assert "_auth_user_id" not in client.session
    assert "Tài khoản này hoặc máy của bạn" in log_in(client, "x").content.decode()


@pytest.mark.django_db
def test_signing_in_to_ones_own_account_does_not_reset_the_count(client, officer, someone_else):
    for _ in range(19):
        log_in(client, "sai-mat-khau")
    assert log_in(client, "mat-khau-khac", username="nguoi.khac").status_code == 302
    client.logout()
    # The officer's account had 19 failures from several addresses over time; the attacker's
    # success changed nothing in its count.
    log_in(client, "sai-mat-khau", address="198.51.100.4")
    assert log_in(client, "mat-khau-dung", address="192.0.2.1").status_code == 429


@pytest.mark.django_db
def test_an_administrator_lifts_an_accounts_lock_in_the_admin(client, officer, django_user_model):
    for n in range(20):
        log_in(client, "sai-mat-khau", address=f"198.51.100.{n}")
    assert log_in(client, "mat-khau-dung", address="192.0.2.1").status_code == 429
    client.force_login(django_user_model.objects.create_superuser("quan.tri", "", "x"))
    attempts = list(AccessAttempt.objects.filter(username="can.bo.so").values_list("pk", flat=True))
    response = client.post(
        "/admin/axes/accessattempt/",
        {"action": "delete_selected", "_selected_action": attempts, "post": "yes"},
    )
    assert response.status_code == 302
    client.logout()
    assert log_in(client, "mat-khau-dung", address="192.0.2.1").status_code == 302


def test_a_lock_without_end_is_refused(tmp_path):
    result = run_check(tmp_path, LOGIN_LOCKOUT_MINUTES="0")
    assert result.returncode != 0
    assert "LOGIN_LOCKOUT_MINUTES=0" in result.stderr


@pytest.mark.django_db
def test_the_lockout_lifts_after_the_cool_off(client, officer, settings):
    for _ in range(20):
        log_in(client, "sai-mat-khau")
    assert log_in(client, "mat-khau-dung").status_code == 429
    # The cool-off passes: the failures become as old as it is long. (A real wait needed a
    # cool-off short enough that a slow request outlived it and lifted the lockout early.)
    cool_off = settings.AXES_COOLOFF_TIME
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - cool_off)
    assert log_in(client, "mat-khau-dung").status_code == 302


@pytest.mark.django_db
def test_failed_logins_and_the_lockout_are_logged_with_user_and_address(client, officer, caplog):
    caplog.set_level(logging.WARNING)
    log_in(client, "sai-mat-khau")
    first = caplog.records[-1].getMessage()
    assert "can.bo.so" in first and "203.0.113.7" in first
    for _ in range(19):
        log_in(client, "sai-mat-khau")
    lockout = [r.getMessage() for r in caplog.records if "Locking out" in r.getMessage()]
    assert lockout and "can.bo.so" in lockout[0] and "203.0.113.7" in lockout[0]
    assert all("sai-mat-khau" not in r.getMessage() for r in caplog.records)


# --- the client's address behind a reverse proxy ------------------------------------------


def request_from(remote, forwarded=None):
    headers = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote, **headers)


@override_settings(REVERSE_PROXY_COUNT=0)
def test_without_a_proxy_a_forwarded_header_is_ignored():
    assert client_address(request_from("203.0.113.7", "10.0.0.1")) == "203.0.113.7"


@override_settings(REVERSE_PROXY_COUNT=1)
def test_behind_one_proxy_the_address_it_saw_is_the_client():
    # A client may send its own X-Forwarded-For; nginx appends the address it saw last.
    request = request_from("127.0.0.1", "10.0.0.1, 203.0.113.7")
    assert client_address(request) == "203.0.113.7"


@override_settings(REVERSE_PROXY_COUNT=2)
def test_behind_two_proxies_the_outer_proxys_entry_is_the_client():
    request = request_from("127.0.0.1", "10.0.0.1, 203.0.113.7, 192.0.2.10")
    assert client_address(request) == "203.0.113.7"


@override_settings(REVERSE_PROXY_COUNT=1)
def test_behind_a_proxy_a_request_without_the_header_falls_back_to_the_peer():
    assert client_address(request_from("203.0.113.7")) == "203.0.113.7"


@pytest.mark.django_db
@override_settings(REVERSE_PROXY_COUNT=1)
def test_behind_a_proxy_clients_are_locked_out_one_by_one(client, officer, someone_else):
    for _ in range(20):
        client.post(
            "/admin/login/",
            {"username": "nguoi.khac", "password": "sai"},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR="203.0.113.7",
        )
    response = client.post(
        "/admin/login/",
        {"username": "can.bo.so", "password": "mat-khau-dung"},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="198.51.100.4",
    )
    assert response.status_code == 302


# --- in a real browser ---------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_site_and_the_admin_work_under_the_policy(live_server, page, department_officer):
    product = make_decision().product
    messages = []
    page.on("console", lambda message: messages.append(message.text))
    home = page.goto(live_server.url + "/")
    assert "default-src 'self'" in home.headers["content-security-policy"]
    # The stylesheet moved out of the page still applies.
    header = page.eval_on_selector("header", "e => getComputedStyle(e).backgroundColor")
    assert header == "rgb(27, 110, 58)"
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "can.bo.so")
    page.fill("#id_password", "mat-khau-thu-nghiem")
    page.click("button[type=submit]")
    page.wait_for_url(live_server.url + "/admin/")
    for path in [
        "/admin/registry/product/",
        f"/admin/registry/product/{product.pk}/change/",
        "/admin/registry/decision/add/",
        "/bao-cao/",
    ]:
        page.goto(live_server.url + path)
        page.wait_for_load_state("networkidle")
    assert [text for text in messages if "Content Security Policy" in text] == []
