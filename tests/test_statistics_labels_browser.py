"""The product-group chart of /thong-ke/ keeps its long labels whole on a phone: broken into
lines that fit left of the bars, never cut at the page's edge (the full name is in the table)."""

from datetime import date

import pytest

from ocop.registry.models import ProductSet
from tests.browser_checks import PageChecker
from tests.factories import make_decision, make_product

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Each label's widest line against the room the y axis has, measured in the page's canvas.
MEASURE = """canvas => {
  const scale = window.Chart.getChart(canvas).scales.y;
  const ctx = canvas.getContext("2d");
  ctx.font = scale._resolveTickFontOptions(0).string;
  const lines = scale.ticks.flatMap(t => Array.isArray(t.label) ? t.label : [t.label]);
  return {widest: Math.max(...lines.map(l => ctx.measureText(l).width)), room: scale.width,
          wrapped: scale.ticks.filter(t => Array.isArray(t.label)).length, left: scale.left};
}"""


@pytest.mark.parametrize("width", [360, 1280])
def test_long_group_labels_wrap_inside_the_chart(live_server, page, width):
    for n, product_set in enumerate(ProductSet.objects.order_by("number")):
        make_decision(make_product(f"Sản phẩm {n}", product_set=product_set), date(2025, 6, 1))
    checker = PageChecker(page, width)
    checker.visit(live_server.url + "/thong-ke/?ngay=31/12/2025", "thong-ke-nhom")

    sizes = page.locator('canvas[data-chart="nhom"]').evaluate(MEASURE)

    assert sizes["wrapped"] >= 1
    assert sizes["left"] >= 0 and sizes["widest"] <= sizes["room"]
    assert "Dịch vụ du lịch cộng đồng, du lịch sinh thái và điểm du lịch" in page.content()
