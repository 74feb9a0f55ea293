"""Revoked products are counted and worded alike on the home page, by `ocop summary` and in the
letter; `summary --json` carries only the breakdowns it computed."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from ocop.registry.models import Province
from ocop.reports.letter import build_letter
from tests.report_data import DAY, small_registry

pytestmark = pytest.mark.django_db
REVOKED = "; 1 sản phẩm OCOP bị thu hồi"


@pytest.fixture
def registry():
    small_registry()


def test_the_summary_sentence_the_letter_and_the_home_page_word_the_revoked_alike(
    registry, visitor
):
    out = StringIO()
    call_command("summary", "--as-of", "31/12/2025", stdout=out)
    letter = build_letter(DAY, Province.objects.get(code="12"))
    home = visitor.get("/", {"ngay": "2025-12-31"}).content.decode()
    assert out.getvalue() == f"{letter.figures.sentence()}\n"
    assert REVOKED in out.getvalue()
    assert letter.figures.revoked_products == 1
    revoked_item = "3. Số sản phẩm OCOP bị thu hồi giấy chứng nhận: 1 sản phẩm;"
    assert revoked_item in [paragraph.text for paragraph in letter.paragraphs]
    assert '<div class="n" data-figure="revoked_products">1</div>' in home
    assert '<div class="l">sản phẩm bị thu hồi</div>' in home
    assert REVOKED in home


def test_summary_json_leaves_out_the_breakdowns_it_did_not_compute(registry):
    out = StringIO()
    call_command("summary", "--as-of", "31/12/2025", "--json", stdout=out)
    figures = json.loads(out.getvalue())
    assert figures["revoked_products"] == 1
    assert not {"by_commune", "by_group", "by_producer_type"} & set(figures)
    out = StringIO()
    call_command("summary", "--as-of", "31/12/2025", "--json", "--breakdowns", stdout=out)
    assert json.loads(out.getvalue())["by_commune"]["Nậm Sỏ"] == 3
