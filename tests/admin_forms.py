"""Posting an admin change form as a browser does: the fields of the page's main form
(form_of); the page's inline formsets each send their
management fields, including inlines other apps add to the form (the catalog's photos, the
notices' read-only lists), so a test names only the fields it changes."""

import re
from html.parser import HTMLParser

_MANAGEMENT = re.compile(
    r'<input type="hidden" name="([\w-]+-(?:TOTAL|INITIAL|MIN_NUM|MAX_NUM)_FORMS)"'
    r'[^>]*?value="(\d*)"'
)


def management_fields(client, url: str) -> dict:
    """Every inline formset's management fields as the change page at `url` renders them."""
    html = client.get(url).content.decode()
    return dict(_MANAGEMENT.findall(html))


class FormReader(HTMLParser):
    """The fields a browser would send from the page's main form."""

    def __init__(self):
        super().__init__()
        self.data, self.select, self.textarea = {}, None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        name = a.get("name")
        if tag == "input" and name and a.get("type") not in ("submit", "button", "file"):
            if a.get("type") in ("checkbox", "radio") and "checked" not in a:
                return
            self.data[name] = a.get("value", "on" if a.get("type") == "checkbox" else "")
        elif tag == "select" and name:
            self.select = name
            # A list box of several choices sends each chosen one, and nothing if none is.
            self.data.setdefault(name, [] if "multiple" in a else "")
        elif tag == "option" and self.select and "selected" in a:
            if isinstance(self.data[self.select], list):
                self.data[self.select].append(a.get("value", ""))
            else:
                self.data[self.select] = a.get("value", "")
        elif tag == "textarea" and name:
            self.textarea = name
            self.data[name] = ""

    def handle_endtag(self, tag):
        if tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None

    def handle_data(self, data):
        if self.textarea:
            self.data[self.textarea] += data


def form_of(client, url) -> dict:
    reader = FormReader()
    reader.feed(client.get(url).content.decode())
    return reader.data
