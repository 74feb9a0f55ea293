"""An administrator reads the log of changes in a real browser, on a phone and on an
officer's 1366 px laptop: search, an import's records, a record's history."""

import pytest
from django.test import Client

from ocop.shared.change_source import source
from tests.browser_checks import PageChecker
from tests.factories import make_decision
from tests.staff import make_staff
from tests.workbooks import row, run, simple_list


def sign_in(page, live_server, user):
    client = Client()
    client.force_login(user)
    cookie = client.cookies["sessionid"].value
    page.context.add_cookies([{"name": "sessionid", "value": cookie, "url": live_server.url}])


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width", [360, 1366])
def test_an_administrator_reads_the_log_and_a_records_history(page, live_server, tmp_path, width):
    admin = make_staff("admin", username="quan.tri")
    run(simple_list(tmp_path / "danh-sach-2025.xlsx", row(1, product="Mật ong bạc hà")),
        user=admin)  # fmt: skip
    decision = make_decision()
    with source("page", actor=admin, path="/admin/registry/decision/1/change/"):
        decision.revoked_on = decision.decided_on.replace(year=2024)
        decision.revocation_number = "45/QĐ-UBND"
        decision.save()
    sign_in(page, live_server, admin)
    checker = PageChecker(page, width)

    checker.visit(live_server.url + "/lam-viec/nhat-ky/", "audit-log")
    assert page.get_by_role("heading", name="Nhật ký thay đổi").is_visible()
    assert page.get_by_text("Ngày thu hồi").first.is_visible()
    page.fill("#id_q", "danh sach 2025")
    page.get_by_role("button", name="Lọc").click()
    page.wait_for_load_state("load")
    checker.check("audit-log-search")
    assert page.get_by_text("danh-sach-2025.xlsx").first.is_visible()
    assert page.get_by_text("Chè Shan tuyết").count() == 0

    page.get_by_role("link", name="Xem từng bản ghi của lần nhập này").click()
    page.wait_for_load_state("load")
    checker.check("audit-import")
    page.get_by_role("link", name="Mật ong bạc hà").first.click()
    page.wait_for_load_state("load")
    checker.check("audit-record")
    assert page.get_by_role("heading", name="Lịch sử thay đổi: Mật ong bạc hà").is_visible()

    page.goto(live_server.url + "/lam-viec/nhat-ky/?since=31/02/2025")
    checker.check("audit-log-bad-date")
    assert page.get_by_text("Ngày không hợp lệ").is_visible()
    assert not checker.refused
