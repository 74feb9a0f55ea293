"""Django's i18n is the site's one translation system: Vietnamese is the source language, the
English of the public pages (/en/...) comes from the catalogue ocop/locale/en, and the address
alone decides the language. The .mo files are committed (installing needs no gettext): here they
must say what their .po files say, every text must have its English, and the home-made system
(texts modules, `lang` in templates) must not come back."""

import ast
import gettext
import re
from pathlib import Path

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from ocop.catalog.pages import PRODUCER_TYPES, STATUS_WORDS
from ocop.domain.producers import ProducerType
from ocop.domain.status import Status
from tests.factories import make_decision, make_producer, make_product
from tests.staff import make_staff

PACKAGE = Path(__file__).resolve().parent.parent / "ocop"
LOCALE = PACKAGE / "locale"


# --- the catalogues ---------------------------------------------------------------------------


def read_po(path: Path) -> list[dict]:
    """The entries of a .po file: msgctxt, msgid, msgid_plural, msgstr[n] and flags."""
    entries, entry, field = [], None, None
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if not line.strip():
            if entry:
                entries.append(entry)
            entry = field = None
            continue
        entry = entry if entry is not None else {"flags": "", "msgstr": {}}
        if line.startswith("#,"):
            entry["flags"] = line
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            _add(entry, field, ast.literal_eval(line))
        else:
            keyword, text = line.split(" ", 1)
            field = keyword
            _add(entry, field, ast.literal_eval(text))
    return entries


def _add(entry: dict, field: str, text: str) -> None:
    plural = re.fullmatch(r"msgstr\[(\d)\]", field)
    if plural or field == "msgstr":
        index = int(plural.group(1)) if plural else 0
        entry["msgstr"][index] = entry["msgstr"].get(index, "") + text
    else:
        entry[field] = entry.get(field, "") + text


def expected_catalog(entries: list[dict]) -> dict:
    """What Python's gettext reads from a .mo compiled from these entries (msgfmt leaves the
    header's dates out)."""
    catalog = {}
    for entry in entries:
        key = entry["msgid"]
        if key == "":
            header = entry["msgstr"][0].splitlines(keepends=True)
            catalog[""] = "".join(line for line in header if "-Date:" not in line)
            continue
        if "msgctxt" in entry:
            key = f"{entry['msgctxt']}\x04{key}"
        if "msgid_plural" in entry:
            catalog.update({(key, i): text for i, text in entry["msgstr"].items()})
        else:
            catalog[key] = entry["msgstr"][0]
    return catalog


CATALOGUES = sorted(LOCALE.glob("*/LC_MESSAGES/*.po"))


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda p: str(p.relative_to(LOCALE)))
def test_each_committed_mo_says_what_its_po_says(po):
    with po.with_suffix(".mo").open("rb") as compiled:
        found = gettext.GNUTranslations(compiled)._catalog
    # Run `make messages` after editing a .po: this fails until its .mo is compiled again.
    assert found == expected_catalog(read_po(po))


def test_every_english_text_is_translated_and_none_is_fuzzy():
    entries = read_po(LOCALE / "en" / "LC_MESSAGES" / "django.po")[1:]  # after the header
    assert len(entries) > 200
    assert [e["msgid"] for e in entries if not all(e["msgstr"].values())] == []
    assert [e["msgid"] for e in entries if "fuzzy" in e["flags"]] == []


def test_the_translations_keep_their_placeholders():
    for entry in read_po(LOCALE / "en" / "LC_MESSAGES" / "django.po")[1:]:
        wanted = set(re.findall(r"%\(\w+\)s", entry["msgid"]))
        for text in entry["msgstr"].values():
            assert set(re.findall(r"%\(\w+\)s", text)) == wanted, entry["msgid"]


def test_no_home_made_translation_is_left():
    assert sorted(PACKAGE.rglob("*texts*.py")) == []
    assert not (PACKAGE / "catalog" / "bilingual.py").exists()
    branching = [
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.html")
        if re.search(r"\blang\s*==", path.read_text(encoding="utf-8"))
    ]
    assert branching == []


def test_the_status_and_producer_words_are_the_domains_in_vietnamese():
    # ocop.domain names them in Vietnamese without Django; the pages mark the same words for
    # the catalogue.
    with translation.override("vi"):
        assert {s: str(w) for s, w in STATUS_WORDS.items()} == {s: s.label for s in Status}
        assert {t: str(w) for t, w in PRODUCER_TYPES.items()} == {t: t.label for t in ProducerType}
    with translation.override("en"):
        assert str(STATUS_WORDS[Status.VALID]) == "Valid"
        assert str(PRODUCER_TYPES[ProducerType.COOPERATIVE]) == "Cooperative"


# --- the address decides ----------------------------------------------------------------------


def test_the_same_url_names_give_the_address_in_the_active_language():
    assert reverse("search") == "/san-pham/"
    with translation.override("en"):
        assert reverse("search") == "/en/san-pham/"
        assert reverse("verify", args=["H7KQ-3MXP"]) == "/en/xac-minh/H7KQ-3MXP/"
        # The back office and the API have one address, in Vietnamese.
        assert reverse("admin:index") == "/admin/"


BROWSER_IN_ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en-GB,en;q=0.9"}


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/san-pham/", "/thong-ke/", "/xac-minh/", "/phan-anh/"])
def test_the_vietnamese_pages_stay_vietnamese_whatever_the_browser_asks(client, path):
    client.cookies["django_language"] = "en"
    response = client.get(path, **BROWSER_IN_ENGLISH)
    html = response.content.decode()
    assert '<html lang="vi">' in html and "Sản phẩm OCOP Lai Châu" in html
    assert response["Content-Language"] == "vi"
    # The headers never choose, so caches need not keep a copy per browser language.
    assert "Accept-Language" not in response.get("Vary", "")


@pytest.mark.django_db
def test_the_back_office_and_the_admin_stay_vietnamese_for_a_browser_in_english(client):
    client.force_login(make_staff("officer"))
    client.cookies["django_language"] = "en"

    admin = client.get("/admin/", **BROWSER_IN_ENGLISH)
    workspace = client.get("/lam-viec/", **BROWSER_IN_ENGLISH)

    assert admin["Content-Language"] == "vi" and "Quản trị" in admin.content.decode()
    assert workspace["Content-Language"] == "vi"
    assert workspace.status_code == 200 and "Đăng xuất" in workspace.content.decode()


@pytest.mark.django_db
def test_the_api_and_the_open_data_pages_stay_vietnamese(client):
    api = client.get("/api/v1/so-lieu/?ngay=31-31-2025", **BROWSER_IN_ENGLISH)
    data = client.get("/du-lieu/", **BROWSER_IN_ENGLISH)
    assert api["Content-Language"] == "vi" and data["Content-Language"] == "vi"
    assert "Dữ liệu mở" in data.content.decode()


@pytest.mark.django_db
def test_a_missing_english_page_says_so_in_english(client):
    response = client.get("/en/khong-co-trang-nay/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    assert "Không tìm thấy trang" in client.get("/khong-co-trang-nay/").content.decode()


@pytest.mark.django_db
def test_an_english_page_leaves_the_next_request_in_vietnamese(client):
    client.get("/en/")
    assert translation.get_language() == "vi"
    assert client.get("/")["Content-Language"] == "vi"


# --- the language switch ----------------------------------------------------------------------


def switch(html: str) -> tuple[str, str]:
    found = re.search(r'<a class="lang-switch" href="([^"]*)" lang="(\w+)"', html)
    assert found, "no language switch"
    return found.group(1).replace("&amp;", "&"), found.group(2)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "vietnamese",
    [
        "/",
        "/san-pham/?q=che&sao=4&tinh_trang=tat-ca",
        "/thong-ke/?ngay=31/12/2024",
        "/xac-minh/?q=H7KQ-3MXX",
        "/xac-minh/H7KQ-3MXX/",  # a code that does not exist: the page still has its twin
        "/phan-anh/",
    ],
)
def test_the_language_switch_keeps_the_page_and_its_query(client, vietnamese):
    english = f"/en{vietnamese}"
    assert switch(client.get(vietnamese).content.decode()) == (english, "en")
    assert switch(client.get(english).content.decode()) == (vietnamese, "vi")


@pytest.mark.django_db
def test_the_switch_of_a_product_page_leads_to_the_same_product(client):
    product = make_decision().product
    page = product.get_public_url()
    assert switch(client.get(page).content.decode()) == (f"/en{page}", "en")
    assert switch(client.get(f"/en{page}").content.decode()) == (page, "vi")


@pytest.mark.django_db
def test_pages_in_one_language_only_have_no_switch(client):
    assert 'class="lang-switch"' not in client.get("/du-lieu/").content.decode()


# --- e-mails are the office's: Vietnamese ------------------------------------------------------


@pytest.mark.django_db
def test_an_inquiry_from_an_english_page_is_mailed_in_vietnamese(
    client, django_capture_on_commit_callbacks
):
    producer = make_producer(email="htx.namso@example.vn")
    product = make_decision(make_product(producer=producer)).product
    form = {
        "quantity": "2",
        "quantity_unit": "kg",
        "place": "Hanoi",
        "name": "Jane Doe",
        "email": "jane@example.com",
    }

    # The message is queued when the inquiry commits (ocop.notices.sending), then delivered.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/en/hoi-mua/{product.pk}/", form)

    assert response.status_code == 302 and response["Location"].startswith("/en/hoi-mua/")
    [message] = mail.outbox
    assert message.subject.startswith("Nhu cầu mua Chè Shan tuyết Nậm Sỏ — NC-")
    assert message.body.startswith("Kính gửi Hợp tác xã Chè Nậm Sỏ,\n\n")
    assert "(Người mua gửi từ trang tiếng Anh.)" in message.body
