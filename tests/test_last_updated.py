"""The public footer's "last updated": the day of the newest write to the public data, from the
registry's change log (whatever wrote it: a page, an import, raw SQL), on kept pages too."""

import re
from datetime import date

import pytest
from django.db import connection
from django.utils import timezone

from ocop.registry.models import Product
from ocop.shared import freshness
from tests.factories import make_decision, make_product

pytestmark = pytest.mark.django_db


def footer_day(client, path="/") -> str | None:
    response = client.get(path)
    assert response.status_code == 200, path
    found = re.search(
        r'(?:Cập nhật lần cuối|Last updated): <time datetime="[\d-]+">([\d/]+)</time>',
        response.content.decode(),
    )
    return found.group(1) if found else None


def date_the_log(day: date) -> None:
    """Every row of the change log written on `day`, as if nothing had changed since."""
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {freshness.CHANGES} SET at = %s", [f"{day:%Y-%m-%d} 03:00:00"])


def test_after_a_product_write_the_footer_shows_that_day(client):
    product = make_product("Chè Shan tuyết Tả Ngảo")
    make_decision(product, date(2024, 5, 4), stars=4)
    date_the_log(date(2025, 3, 9))
    assert footer_day(client) == "09/03/2025"
    assert footer_day(client, product.get_public_url()) == "09/03/2025"

    before = timezone.localdate()
    Product.objects.filter(pk=product.pk).update(name="Chè Shan tuyết cổ thụ Tả Ngảo")
    shown = footer_day(client)  # the kept page was dropped with the write: rendered again
    assert shown in {f"{before:%d/%m/%Y}", f"{timezone.localdate():%d/%m/%Y}"}


def test_installing_the_triggers_again_does_not_date_the_data(client):
    make_product()
    date_the_log(date(2025, 3, 9))
    freshness.install(connection)  # what every migrate does: a new version, no data changed
    assert footer_day(client) == "09/03/2025"


def test_the_english_footer_says_last_updated(client):
    make_product()
    date_the_log(date(2025, 3, 9))
    page = client.get("/en/").content.decode()
    assert 'Last updated: <time datetime="2025-03-09">09/03/2025</time>' in page


def test_the_day_is_the_day_in_vietnam(client):
    make_product()
    with connection.cursor() as cursor:  # 20:00 UTC is 03:00 the next morning in Lai Châu
        cursor.execute(f"UPDATE {freshness.CHANGES} SET at = %s", ["2025-03-09 20:00:00+00:00"])
    assert footer_day(client) == "10/03/2025"


def test_a_log_of_an_earlier_release_gets_its_time_column_on_install(client):
    with connection.cursor() as cursor:
        cursor.execute(f"ALTER TABLE {freshness.CHANGES} DROP COLUMN at")
    freshness.install(connection)  # what the next `migrate` does
    assert footer_day(client) is None  # the rows logged before have no time
    make_product()
    assert footer_day(client) == f"{timezone.localdate():%d/%m/%Y}"
