"""Issue 19: the desk of presumed issuers groups them by what they were presumed from (body,
date, stars, number pattern) so that one confirmation settles a group or a whole district,
with the evidence shown; department staff only; every change in the log; no district
committee for a decision of 01/07/2025 or later; the lists lose the mark once confirmed."""

from datetime import date

import pytest

from ocop.audit.models import Entry
from ocop.quality.issuer_groups import number_pattern
from ocop.registry.models import Decision, Product
from ocop.reports.lists import valid_list
from tests.factories import make_decision, make_product
from tests.staff import make_staff

pytestmark = pytest.mark.django_db

DESK = "/lam-viec/chat-luong/co-quan-ban-hanh/"
TAN_UYEN = "UBND huyện Tân Uyên"
THAN_UYEN = "UBND huyện Than Uyên"


@pytest.mark.parametrize(
    ("number", "pattern"),
    [
        ("332/QĐ-UBND", "…/QĐ-UBND"),
        ("  1204 /QĐ-UBND ", "…/QĐ-UBND"),
        ("Số 15/QĐ-SNN", "…/QĐ-SNN"),
        ("QĐ-UBND", "QĐ-UBND"),
        ("", "(không ghi số)"),
    ],
)
def test_a_decision_number_gives_its_pattern(number, pattern):
    assert number_pattern(number) == pattern


@pytest.fixture
def officer(client):
    client.force_login(make_staff("officer"))
    return client


def presumed(name, issuer, decided_on, number, stars=3):
    return make_decision(
        make_product(name),
        decided_on=decided_on,
        stars=stars,
        number=number,
        issuer=issuer,
        issuer_presumed=True,
    )


@pytest.fixture
def district():
    """Tân Uyên: two decisions of one day (one group), one of another day; Than Uyên: one."""
    return {
        "day": [
            presumed("Chè Shan tuyết", TAN_UYEN, date(2022, 5, 14), "665/QĐ-UBND"),
            presumed("Hồng trà", TAN_UYEN, date(2022, 5, 14), "666/QĐ-UBND"),
        ],
        "other day": [presumed("Bạch trà", TAN_UYEN, date(2023, 8, 2), "902/QĐ-UBND")],
        "other district": [presumed("Mật ong", THAN_UYEN, date(2022, 5, 14), "70/QĐ-UBND")],
    }


def states(decisions):
    for decision in decisions:
        decision.refresh_from_db()
    return [(d.issuer, d.issuer_presumed) for d in decisions]


def test_it_shows_the_groups_with_their_evidence(officer, district):
    page = officer.get(DESK).content.decode()
    assert "Cơ quan ban hành được suy ra (4)" in page
    assert 'UBND huyện Tân Uyên <span class="muted">— 3 quyết định, 2 nhóm' in page
    assert "Ngày 14/05/2022 · 3 sao · số …/QĐ-UBND" in page
    assert "Chè Shan tuyết" in page and "665/QĐ-UBND" in page
    assert "Xác nhận cả 3 quyết định của UBND huyện Tân Uyên" in page


def test_an_officer_confirms_a_whole_district_in_one_pass(officer, district):
    response = officer.post(DESK, {"presumed": TAN_UYEN}, follow=True)

    assert "Đã xác nhận cơ quan ban hành của 3 quyết định: UBND huyện Tân Uyên." in (
        response.content.decode()
    )
    assert states(district["day"] + district["other day"]) == [(TAN_UYEN, False)] * 3
    assert states(district["other district"]) == [(THAN_UYEN, True)]


def test_one_confirmation_settles_one_group(officer, district):
    page = officer.get(DESK).content.decode()
    key = "2022-05-14|3|…/QĐ-UBND"
    assert f'value="{key}"' in page

    officer.post(DESK, {"presumed": TAN_UYEN, "group": key})

    assert states(district["day"]) == [(TAN_UYEN, False)] * 2
    assert states(district["other day"] + district["other district"]) == [
        (TAN_UYEN, True),
        (THAN_UYEN, True),
    ]


def test_a_group_is_corrected_at_once(officer, district):
    officer.post(
        DESK,
        {"presumed": TAN_UYEN, "group": "2022-05-14|3|…/QĐ-UBND", "corrected": "UBND H. than uyên"},
    )
    assert states(district["day"]) == [(THAN_UYEN, False)] * 2


def test_every_confirmed_decision_is_in_the_log(officer, district):
    before = Entry.objects.filter(content_type__model="decision").count()
    officer.post(DESK, {"presumed": TAN_UYEN})
    entries = Entry.objects.filter(content_type__model="decision").order_by("id")[before:]
    changed = {entry.object_pk for entry in entries}
    assert changed == {str(d.pk) for d in district["day"] + district["other day"]}
    assert all("issuer_presumed" in entry.changes_dict for entry in entries)


def test_no_district_committee_after_the_first_of_july_2025(officer):
    late = presumed("Gạo Séng Cù", "UBND tỉnh Lai Châu", date(2025, 7, 4), "15/QĐ-UBND")

    response = officer.post(
        DESK,
        {"presumed": "UBND tỉnh Lai Châu", "corrected": "UBND huyện Phong Thổ"},
        follow=True,
    )

    assert "UBND cấp huyện đã chấm dứt hoạt động" in response.content.decode()
    assert states([late]) == [("UBND tỉnh Lai Châu", True)]
    single = officer.post(
        DESK, {"decision": late.pk, "issuer": "UBND huyện Phong Thổ"}, follow=True
    )
    assert "UBND cấp huyện đã chấm dứt hoạt động" in single.content.decode()
    assert states([late]) == [("UBND tỉnh Lai Châu", True)]


def test_a_stale_group_is_said_so(officer, district):
    officer.post(DESK, {"presumed": TAN_UYEN})
    response = officer.post(DESK, {"presumed": TAN_UYEN}, follow=True)
    assert "không còn quyết định nào cần xác nhận" in response.content.decode()


@pytest.mark.parametrize("role", ["commune", "viewer"])
def test_only_department_staff_may_confirm(client, district, role):
    client.force_login(make_staff(role))
    assert client.get(DESK).status_code == 403
    assert client.post(DESK, {"presumed": TAN_UYEN}).status_code == 403
    assert states(district["day"]) == [(TAN_UYEN, True)] * 2


def test_confirmed_issuers_lose_the_mark_in_the_lists(officer, district):
    day = date(2025, 3, 1)  # all four valid
    marked = {row.issuer_shown for row in valid_list(day, Product.objects.all()).rows}
    assert f"{TAN_UYEN}*" in marked

    officer.post(DESK, {"presumed": TAN_UYEN})

    shown = valid_list(day, Product.objects.all())
    assert {row.issuer_shown for row in shown.rows} == {TAN_UYEN, f"{THAN_UYEN}*"}
    assert "Còn 1/4 quyết định" in shown.presumed_note


def test_another_provinces_presumed_issuers_are_not_shown_nor_confirmed(officer, district):
    far = make_staff("officer", province="01")
    officer.force_login(far)
    assert "Không còn cơ quan ban hành nào cần xác nhận" in officer.get(DESK).content.decode()
    officer.post(DESK, {"presumed": TAN_UYEN})
    assert states(district["day"]) == [(TAN_UYEN, True)] * 2
    assert Decision.objects.filter(issuer_presumed=True).count() == 4
