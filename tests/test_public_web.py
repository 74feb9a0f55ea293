"""The public site as the web sees it: sitemap and robots.txt on OCOP_PUBLIC_URL, canonical
addresses and Open Graph cards, HTTP caching (ETag, 304), and a production start under gunicorn
with WhiteNoise serving the static files."""

import http.cookiejar
import os
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest
from django.http import HttpResponse
from django.test import override_settings
from django.urls import reverse

from ocop.shared.caching import public_page
from tests.factories import make_decision, make_producer, make_product

PUBLIC = "https://ocop.laichau.gov.vn"
ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}

pytestmark = pytest.mark.django_db


@pytest.fixture
def tea():
    producer = make_producer("Hợp tác xã Chè Tả Ngảo", unit_name="Tả Lèng")
    product = make_product("Chè Shan tuyết Tả Ngảo", producer)
    return make_decision(product, date(2024, 5, 4), stars=4)


def locations(client, path: str) -> list[str]:
    response = client.get(path)
    assert response.status_code == 200, path
    assert response["Content-Type"].startswith("application/xml")
    return [loc.text for loc in ET.fromstring(response.content).iter(f"{{{NS['sm']}}}loc")]


def every_address(client, site=PUBLIC) -> list[str]:
    """The index, then each of its sections, as a crawler reads them."""
    addresses = []
    for section in locations(client, "/sitemap.xml"):
        assert section.startswith(f"{site}/sitemap-"), section
        addresses += locations(client, section.removeprefix(site))
    return addresses


@override_settings(OCOP_PUBLIC_URL=PUBLIC)
def test_the_sitemap_lists_products_producers_and_communes_on_the_public_address(client, tea):
    addresses = every_address(client)
    product, producer = tea.product, tea.product.producer
    assert f"{PUBLIC}{product.get_public_url()}" in addresses
    assert f"{PUBLIC}/xac-minh/" in addresses
    assert f"{PUBLIC}/" in addresses
    assert {f"{PUBLIC}/en/", f"{PUBLIC}/en/san-pham/", f"{PUBLIC}/en/xac-minh/"} <= set(addresses)
    assert f"{PUBLIC}{reverse('producer_page', args=[producer.pk])}" in addresses
    assert f"{PUBLIC}{reverse('commune_page', args=[product.unit.code])}" in addresses
    assert all(address.startswith(f"{PUBLIC}/") for address in addresses)
    assert not any("/admin/" in address or "/bao-cao/" in address for address in addresses)


def test_the_sitemap_lists_only_communes_that_have_a_product(client, tea):
    communes = [a for a in every_address(client, "http://testserver") if "/xa-phuong/" in a]
    commune = reverse("commune_page", args=[tea.product.unit.code])
    assert communes == [f"http://testserver{commune}"]


def test_the_sitemap_refuses_a_section_it_does_not_have(client):
    assert client.get("/sitemap-khong-co.xml").status_code == 404


@override_settings(OCOP_PUBLIC_URL=PUBLIC)
def test_robots_txt_keeps_crawlers_out_of_the_back_office_and_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    assert {"Allow: /", "Disallow: /admin/", "Disallow: /bao-cao/"} <= set(lines)
    assert f"Sitemap: {PUBLIC}/sitemap.xml" in lines


def head_tags(html: str) -> dict[str, str]:
    tags = dict(re.findall(r'<meta property="(og:[a-z_]+)" content="([^"]*)">', html))
    canonical = re.findall(r'<link rel="canonical" href="([^"]*)">', html)
    tags["canonical"] = canonical[0] if len(canonical) == 1 else canonical
    return tags


@override_settings(OCOP_PUBLIC_URL=PUBLIC)
def test_the_home_page_names_its_public_address_and_a_card_for_shared_links(client, tea):
    tags = head_tags(client.get("/?ngay=31/12/2025").content.decode())
    assert tags["canonical"] == f"{PUBLIC}/"
    assert tags["og:url"] == f"{PUBLIC}/"
    assert tags["og:locale"] == "vi_VN"
    assert tags["og:title"] and tags["og:description"]
    assert tags["og:image"].startswith(f"{PUBLIC}/static/")


@override_settings(OCOP_PUBLIC_URL=PUBLIC)
def test_the_verification_page_card_shows_the_product_and_its_verdict(client, tea):
    code = tea.public_code
    tags = head_tags(client.get(f"/xac-minh/{code}/").content.decode())
    assert tags["canonical"] == tags["og:url"] == f"{PUBLIC}/xac-minh/{code}/"
    assert tags["og:title"].startswith("Chè Shan tuyết Tả Ngảo: Còn hiệu lực")
    assert tags["og:description"] == f"Hợp tác xã Chè Tả Ngảo · Mã {code}"
    assert tags["og:image"] == f"{PUBLIC}/xac-minh/{code}/qr.png"
    english = head_tags(client.get(f"/en/xac-minh/{code}/").content.decode())
    assert english["canonical"] == f"{PUBLIC}/en/xac-minh/{code}/"
    assert english["og:locale"] == "en_GB"


def test_a_page_not_found_is_neither_canonical_nor_shared(client):
    html = client.get("/khong-co-trang-nay/").content.decode()
    assert head_tags(html) == {"canonical": []}
    assert '<meta name="robots" content="noindex">' in html


@pytest.mark.parametrize("path", ["/robots.txt", "/sitemap.xml", "/sitemap-trang.xml", "/"])
def test_a_public_page_is_cached_and_answers_304_when_unchanged(client, tea, path):
    first = client.get(path)
    assert first.status_code == 200
    assert "public" in first["Cache-Control"] and "max-age=" in first["Cache-Control"]
    again = client.get(path, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again.content == b""
    assert again["ETag"] == first["ETag"]


def test_a_public_page_gets_a_new_etag_when_its_data_changes(client, tea):
    first = client.get("/sitemap-trang.xml")
    products = "/sitemap-san-pham.xml"
    before = client.get(products)
    make_product("Mật ong bạc hà", tea.product.producer)
    after = client.get(products, HTTP_IF_NONE_MATCH=before["ETag"])
    assert after.status_code == 200 and after["ETag"] != before["ETag"]
    assert client.get("/sitemap-trang.xml")["ETag"] == first["ETag"]


def test_a_page_that_sets_a_cookie_or_fails_is_never_marked_public(rf):
    def with_cookie(request):
        response = HttpResponse("formulaire")
        response.set_cookie("csrftoken", "abc")
        return response

    def failing(request):
        return HttpResponse("không có", status=404)

    for view in (with_cookie, failing):
        response = public_page(max_age=60)(view)(rf.get("/"))
        assert not response.has_header("Cache-Control") and not response.has_header("ETag")
    posted = public_page(lambda request: HttpResponse("gửi rồi"))(rf.post("/"))
    assert not posted.has_header("ETag")


# --- Production start: gunicorn, DEBUG off, WhiteNoise -------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def production_env(tmp_path: Path) -> dict[str, str]:
    return {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "OCOP_PUBLIC_URL": "http://127.0.0.1",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'ocop.sqlite3'}",
        "STATIC_ROOT": str(tmp_path / "static"),
        # No TLS proxy in front of the test: answer plain HTTP instead of redirecting.
        "SECURE_SSL_REDIRECT": "false",
        "OCOP_DEMO": "false",
    }


def get(url: str) -> tuple[int, dict[str, str], bytes]:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.status, dict(response.headers), response.read()


def wait_until_up(url: str, server: subprocess.Popen, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert server.poll() is None, server.stderr.read().decode()
        try:
            get(url)
            return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"gunicorn did not answer {url} within {seconds} s")


@contextmanager
def gunicorn_serving(env: dict[str, str], port: int):
    """The command of docs/deployment.md, after migrate and collectstatic, on a free loopback
    port with one worker; yields its base address and stops it on leaving."""
    for command in (["migrate", "--no-input"], ["collectstatic", "--no-input"]):
        subprocess.run([BIN / "ocop", *command], env=env, check=True, capture_output=True, cwd=ROOT)
    server = subprocess.Popen(
        [
            *(BIN / "gunicorn", "ocop.wsgi", "-c", "python:ocop.gunicorn_conf"),
            *("--bind", f"127.0.0.1:{port}", "--workers", "1"),
        ],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        wait_until_up(f"{base}/robots.txt", server)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)
        server.stderr.close()


def test_gunicorn_serves_the_site_and_whitenoise_its_static_files_in_production(tmp_path):
    with gunicorn_serving(production_env(tmp_path), free_port()) as base:
        status, _, body = get(f"{base}/")
        html = body.decode()
        assert status == 200 and "OCOP" in html
        stylesheet = re.search(r'href="(/static/web/site\.[0-9a-f]{12}\.css)"', html).group(1)
        status, headers, css = get(f"{base}{stylesheet}")
        assert status == 200 and headers["Content-Type"].startswith("text/css")
        assert "max-age=315360000" in headers["Cache-Control"]
        assert css == (ROOT / "ocop/shared/static/web/site.css").read_bytes()


def local_trial_env(tmp_path: Path, port: int) -> dict[str, str]:
    """The local-trial.env block of docs/deployment.md, on this port and in `tmp_path`."""
    doc = (ROOT / "docs/deployment.md").read_text()
    block = doc.split("# local-trial.env: NOT FOR PRODUCTION")[1].split("```")[0]
    env = dict(line.split("=", 1) for line in block.strip().splitlines()[1:])
    env = {name: value.replace("8000", str(port)) for name, value in env.items()}
    return {
        **os.environ,
        **env,
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'trial.sqlite3'}",
        "STATIC_ROOT": str(tmp_path / "static"),
        "OCOP_DEMO": "false",
    }


def test_the_documented_local_trial_answers_plain_http_and_its_forms_work(tmp_path):
    port = free_port()
    env = local_trial_env(tmp_path, port)
    assert env["DEBUG"] == "false" and env["SECURE_SSL_REDIRECT"] == "false"
    with gunicorn_serving(env, port) as base:
        jar = http.cookiejar.CookieJar()
        browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        with browser.open(f"{base}/admin/login/", timeout=10) as response:
            assert response.status == 200 and response.url == f"{base}/admin/login/"
            assert "Secure" not in response.headers["Set-Cookie"]
            assert "Strict-Transport-Security" not in response.headers
        token = next(c.value for c in jar if c.name == "csrftoken")
        form = urllib.parse.urlencode(
            {"csrfmiddlewaretoken": token, "username": "khach", "password": "sai-mat-khau-1"}
        ).encode()
        request = urllib.request.Request(
            f"{base}/admin/login/", data=form, headers={"Referer": f"{base}/admin/login/"}
        )
        # The form is checked (a wrong password), not refused for its CSRF cookie (403).
        with browser.open(request, timeout=10) as response:
            assert response.status == 200
