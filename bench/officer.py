"""An officer at work in the back office, over HTTP as a browser does it: signs in on the sign-in
page, then every few seconds opens a product's change form in the admin, changes its
description and saves ("Lưu và tiếp tục sửa"). Used by bench_writes.py for the writes that the
public pages are read under: each save goes through the whole application (session, CSRF, the
admin's form and inlines, the log of changes with the page as its source).

Cookies are kept by hand, not by http.cookiejar: with DEBUG off the server marks them Secure,
and the bench talks plain HTTP on loopback (TLS is nginx's in production)."""

import re
import statistics
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from html.parser import HTMLParser
from http.cookies import SimpleCookie

SIGN_IN = "/lam-viec/dang-nhap/"
CHANGE = "/admin/registry/product/{}/change/"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    # A save answers 302; following it would time a second page the officer did not ask for.
    def redirect_request(self, *args, **kwargs):
        return None


class FormFields(HTMLParser):
    """What a browser would send back, unchanged, from the first form whose attributes include
    `match` ({"id": "product_form"}): inputs (checked boxes only, no files or buttons),
    selected options, text areas."""

    def __init__(self, match: dict):
        super().__init__()
        self.match, self.inside, self.done = match, False, False
        self.fields: list[tuple[str, str]] = []
        self._select = self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and not self.done:
            self.inside = all(attrs.get(k) == v for k, v in self.match.items())
        elif self.inside and (attrs.get("name") is not None or tag == "option"):
            self._field(tag, attrs)

    def _field(self, tag, attrs):
        name = attrs.get("name")
        if tag == "input" and self._sent(attrs):
            self.fields.append((name, attrs.get("value") or ""))
        elif tag == "select":
            self._select = name
        elif tag == "option" and self._select and "selected" in attrs:
            self.fields.append((self._select, attrs.get("value") or ""))
        elif tag == "textarea":
            self._textarea = [name, ""]

    @staticmethod
    def _sent(attrs) -> bool:
        kind = (attrs.get("type") or "text").lower()
        if kind in ("file", "submit", "button", "image", "reset"):
            return False
        return kind not in ("checkbox", "radio") or "checked" in attrs

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form" and self.inside:
            self.inside, self.done = False, True
        elif tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            # The HTML parser drops the one newline that follows <textarea>, as browsers do.
            self.fields.append(tuple(self._textarea))
            self._textarea = None


class Session:
    """One signed-in browser: its cookies, sent back with every request."""

    def __init__(self, host: str):
        self.host, self.cookies = host, SimpleCookie()
        self.opener = urllib.request.build_opener(_NoRedirect)

    def request(self, path: str, data: list[tuple[str, str]] | None = None) -> tuple[int, str]:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(self.host + path, data=body)
        if self.cookies:
            cookies = "; ".join(f"{name}={m.value}" for name, m in self.cookies.items())
            request.add_header("Cookie", cookies)
        try:
            response = self.opener.open(request, timeout=60)
        except urllib.error.HTTPError as answer:  # 302 included, since redirects are not followed
            response = answer
        with response:
            for header in response.headers.get_all("Set-Cookie") or []:
                self.cookies.load(header)
            return response.status, response.read().decode("utf-8", errors="replace")

    def form(self, path: str, **match: str) -> list[tuple[str, str]]:
        status, html = self.request(path)
        if status != 200:
            raise RuntimeError(f"GET {path}: HTTP {status}")
        parser = FormFields(match)
        parser.feed(html)
        if not parser.fields:
            raise RuntimeError(f"GET {path}: no form {match}")
        return parser.fields

    def sign_in(self, username: str, password: str) -> None:
        fields = self.form(SIGN_IN, method="post")
        fields += [("username", username), ("password", password)]
        status, _ = self.request(SIGN_IN, fields)
        if status != 302:
            raise RuntimeError(f"signing in as {username}: HTTP {status}, not a redirect")


def save_product(session: Session, product_id: int, stamp: str) -> None:
    """Open the product's change form, change its description, save; the save must redirect."""
    path = CHANGE.format(product_id)
    fields = [(k, v) for k, v in session.form(path, id="product_form") if k != "description"]
    fields += [("description", f"Mô tả cập nhật lúc {stamp}."), ("_continue", "1")]
    status, html = session.request(path, fields)
    if status != 302:
        refused = re.findall(r'<ul class="errorlist[^"]*"[^>]*>(.*?)</ul>', html, re.S)
        said = re.sub(r"<[^>]+>", " ", " | ".join(refused))[:300]
        raise RuntimeError(f"saving product {product_id}: HTTP {status} {said}".strip())


@dataclass
class Saves:
    seconds: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def line(self) -> str:
        if not self.seconds:
            return f"0 saves, {len(self.errors)} failed"
        ms = sorted(s * 1000 for s in self.seconds)
        return (
            f"{len(ms)} saves, {len(self.errors)} failed; open + save p50 "
            f"{statistics.median(ms):.0f} ms, max {ms[-1]:.0f} ms"
        )


def save_every(session: Session, product_ids: list[int], every: float, stop: threading.Event):
    """Save the products in turn, one every `every` seconds (at once when a save took longer),
    until `stop` is set; returns how it went."""
    saves, turn = Saves(), 0
    next_start = time.monotonic()
    while not stop.wait(max(0.0, next_start - time.monotonic())):
        next_start += every
        started = time.perf_counter()
        try:
            save_product(session, product_ids[turn % len(product_ids)], time.strftime("%H:%M:%S"))
            saves.seconds.append(time.perf_counter() - started)
        except (OSError, RuntimeError) as exc:
            saves.errors.append(str(exc))
        turn += 1
    return saves
