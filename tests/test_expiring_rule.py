"""One expiring rule (issue 16): the letter's expiring list, the expiry desk, the workspace
home, the reminders, the statistics and the API name the same products for the same window,
because all of them ask Product.objects.expiring_between. The cast holds the cases where
copies of the rule drifted apart: a decision revoked after the window, one revoked inside it,
one re-evaluated inside it, one re-evaluated before it, and a revoked renewal that hands the
recognition back to the decision before it."""

from collections import Counter
from datetime import date, timedelta

import pytest
from django.core.cache import cache

from ocop.accounts.access import staff_of
from ocop.catalog.statistics import expiries_by_month
from ocop.notices.desk import desk
from ocop.notices.reminders import due_reminders
from ocop.registry.models import Product, Province
from ocop.reports.lists import expiring_list
from ocop.workspace.today import expiring as workspace_expiring
from tests.factories import make_decision, make_producer, make_product
from tests.staff import make_staff

pytestmark = pytest.mark.django_db

TODAY = date(2026, 1, 5)
DAYS = 90  # the expiry desk's default tab, the reminders' first interval, the home's window
END = TODAY + timedelta(days=DAYS)
# What every reader must name: in force on TODAY, as known on TODAY, and running out by END.
EXPECTED = sorted(
    [
        "Chè búp tím",  # plainly running out on 10/02/2026
        "Gạo Séng Cù",  # revoked on 01/06/2026, after the window: not known on TODAY
        "Hồng trà",  # revoked on 01/02/2026, inside the window: not known on TODAY either
        "Mật ong bạc hà",  # re-evaluated on 01/03/2026, inside the window: not signed by TODAY
        "Miến dong",  # its renewal was revoked before TODAY: the earlier decision counts again
    ]
)


@pytest.fixture
def cast():
    cache.clear()  # the API keeps lists per registry version; start from nothing
    tea = make_producer("Hợp tác xã Chè Nậm Sỏ", "Nậm Sỏ", email="htx.namso@example.vn")
    farm = make_producer("Hộ kinh doanh Lò Văn Thanh", "Bum Tở", email="thanh@example.vn")

    def product(name, producer, *decisions):
        made = make_product(name, producer)
        for decided_on, revoked_on in decisions:
            make_decision(made, decided_on, revoked_on=revoked_on)

    product("Chè búp tím", tea, (date(2023, 2, 10), None))
    product("Gạo Séng Cù", farm, (date(2023, 2, 15), date(2026, 6, 1)))
    product("Hồng trà", tea, (date(2023, 3, 1), date(2026, 2, 1)))
    product("Mật ong bạc hà", farm, (date(2023, 3, 10), None), (date(2026, 3, 1), None))
    product("Miến dong", farm, (date(2023, 3, 20), None), (date(2025, 6, 1), date(2025, 10, 1)))
    # Not running out in the window, as known on TODAY:
    product("Bạch trà", tea, (date(2023, 3, 5), date(2025, 12, 1)))  # revoked before TODAY
    product("Chè xanh", tea, (date(2023, 2, 20), None), (date(2025, 11, 20), None))  # renewed
    product("Măng khô", farm, (date(2024, 6, 1), None))  # runs out in 2027
    product("Ớt khô", farm, (date(2022, 12, 1), None))  # ran out on 01/12/2025


def test_every_reader_names_the_same_products_for_the_same_window(cast, client):
    officer = staff_of(make_staff("officer"))
    letter = expiring_list(TODAY, END, Product.objects.all())
    at_desk = desk(officer, str(DAYS), None, TODAY)
    home = workspace_expiring(officer, TODAY)
    reminders = due_reminders(Province.objects.get(code="12"), TODAY, (DAYS, 30))
    api = client.get(
        "/api/v1/products",
        {"as_of": TODAY.isoformat(), "expiring_by": END.isoformat(), "page_size": 1000},
    )

    assert sorted(row.product for row in letter.rows) == EXPECTED
    assert sorted(row.product.name for _, rows in at_desk.groups for row in rows) == EXPECTED
    assert (home["windows"][-1].days, home["windows"][-1].count) == (DAYS, len(EXPECTED))
    assert sorted(product.name for product in home["rows"]) == EXPECTED
    reminded = {row.product.name for message in reminders for row, _ in message.items}
    assert sorted(reminded) == EXPECTED
    assert sorted(record["product_name"] for record in api.json()["results"]) == EXPECTED


def test_the_statistics_count_the_same_products_month_by_month(cast):
    letter = expiring_list(TODAY, END, Product.objects.all())
    chart = expiries_by_month(TODAY)

    by_month = Counter(f"{row.last_valid_day:%m/%Y}" for row in letter.rows)
    assert {month: n for month, n in chart.rows if n} == by_month
    assert sum(n for _, n in chart.rows) == len(EXPECTED)


def test_every_listed_product_carries_the_decision_that_ends_it(cast):
    letter = expiring_list(TODAY, END, Product.objects.all())
    at_desk = desk(staff_of(make_staff("officer")), str(DAYS), None, TODAY)

    ends = {row.product: (row.decision_number, row.last_valid_day) for row in letter.rows}
    assert ends == {
        row.product.name: (row.decision.number, row.valid_until)
        for _, rows in at_desk.groups
        for row in rows
    }
    assert ends["Miến dong"][1] == date(2026, 3, 20)
    assert ends["Mật ong bạc hà"][1] == date(2026, 3, 10)
