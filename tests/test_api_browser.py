"""The API's docs page in a real browser: readable on a phone and a desktop, no accessibility
violation, nothing refused by the Content-Security-Policy, nothing fetched from elsewhere."""

import pytest

from tests.browser_checks import PageChecker

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("width", [360, 1280])
def test_the_api_docs_page_passes_the_checks_offline(page, live_server, width):
    elsewhere = []
    page.on(
        "request",
        lambda r: None if r.url.startswith(live_server.url) else elsewhere.append(r.url),
    )
    checker = PageChecker(page, width)
    checker.visit(f"{live_server.url}/api/v1/docs", "api-docs")
    assert checker.refused == [] and elsewhere == []
    assert page.get_by_role("heading", name="GET /api/v1/products", exact=True).count() == 1
    # Nothing wider than the screen: long URLs and tables scroll within their box.
    assert page.evaluate("document.documentElement.scrollWidth") <= width
