"""Posting an admin change form as a browser does: the page's inline formsets each send their
management fields, including inlines other apps add to the form (the catalog's photos, the
notices' read-only lists), so a test names only the fields it changes."""

import re

_MANAGEMENT = re.compile(
    r'<input type="hidden" name="([\w-]+-(?:TOTAL|INITIAL|MIN_NUM|MAX_NUM)_FORMS)"'
    r'[^>]*?value="(\d*)"'
)


def management_fields(client, url: str) -> dict:
    """Every inline formset's management fields as the change page at `url` renders them."""
    html = client.get(url).content.decode()
    return dict(_MANAGEMENT.findall(html))
