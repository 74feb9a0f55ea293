"""The open-data pages in a real Chromium: no WCAG 2.2 AA violation (axe-core) at phone and
desktop width, nothing refused by the Content-Security-Policy, the widget shown inside another
page's iframe, and screenshots kept in test-artifacts/."""

from datetime import date
from http.server import BaseHTTPRequestHandler, HTTPServer
from threading import Thread

import pytest
from django.utils import timezone

from tests.browser_checks import PageChecker
from tests.factories import make_decision, make_product, unit


def cast():
    today = timezone.localdate()
    make_decision(make_product("Chè Shan tuyết Nậm Sỏ"), today.replace(year=today.year - 1), 4)
    make_decision(make_product("Mật ong bạc hà Nậm Sỏ"), date(2024, 5, 4), stars=3)
    code = unit("Nậm Sỏ").code
    return {
        "opendata": "/du-lieu/",
        "opendata-dictionary": "/du-lieu/tu-dien/",
        "opendata-widget": f"/du-lieu/nhung/?xa={code}",
        "opendata-widget-error": "/du-lieu/nhung/?xa=0",
    }


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width", [360, 1280])
def test_the_open_data_pages_pass_axe_at_phone_and_desktop_width(live_server, page, width):
    checker = PageChecker(page, width)
    for name, path in cast().items():
        checker.visit(live_server.url + path, name)
    assert checker.refused == []


@pytest.fixture
def portal():
    """A commune's portal: a page of another origin (its own server on loopback) that frames
    what `portal.frame(url)` names, as the snippet on /du-lieu/ does."""
    framed = {}

    class Portal(BaseHTTPRequestHandler):
        def do_GET(self):
            body = f'<!doctype html><title>Xã</title><iframe src="{framed["url"]}" title="OCOP">'
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(body.encode())

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Portal)
    Thread(target=server.serve_forever, daemon=True).start()
    yield lambda url: framed.update(url=url) or f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_another_site_can_show_the_widget_in_an_iframe(live_server, page, portal):
    cast()
    page.goto(portal(f"{live_server.url}/du-lieu/nhung/?xa={unit('Nậm Sỏ').code}"))
    frame = page.frame_locator("iframe")
    assert "Chè Shan tuyết Nậm Sỏ" in frame.locator("ul.products").inner_text(timeout=5000)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_other_pages_refuse_to_be_framed(live_server, page, portal):
    page.goto(portal(f"{live_server.url}/du-lieu/"))
    (child,) = page.main_frame.child_frames
    # Until the frame's navigation ends (the page, or the refusal), its content says nothing.
    child.wait_for_url(lambda url: url != "")
    assert "Dữ liệu mở" not in child.content()  # Chromium shows its own refusal page
