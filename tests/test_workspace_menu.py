"""The back office's menu: every entry leads to a page that answers, and a role sees the
entries of the actions it may do. A URL name that does not reverse fails here (and on every
page), instead of the entry silently leaving the menu."""

import pytest
from django.urls import NoReverseMatch, reverse

from ocop.accounts.access import Staff
from ocop.domain.roles import Action, Role
from ocop.workspace import navigation
from ocop.workspace.navigation import MENU, Entry, menu_for
from tests.staff import make_staff

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("entry", MENU, ids=[e.url_name for e in MENU])
def test_every_entry_leads_to_a_page_that_answers(client, entry):
    client.force_login(make_staff("admin"))
    assert client.get(reverse(entry.url_name)).status_code == 200


def test_an_administrator_sees_every_entry_and_a_viewer_those_of_view():
    everything = menu_for(Staff(Role.ADMIN, None, None), "/lam-viec/")
    assert [item["label"] for item in everything] == [entry.label for entry in MENU]
    viewer = menu_for(Staff(Role.VIEWER, None, None), "/lam-viec/")
    assert [item["label"] for item in viewer] == [
        entry.label for entry in MENU if entry.action == Action.VIEW
    ]


def test_an_entry_whose_url_name_does_not_reverse_fails(monkeypatch):
    monkeypatch.setattr(navigation, "MENU", [*MENU, Entry("Trang cũ", "cu:trang", Action.VIEW)])
    with pytest.raises(NoReverseMatch):
        menu_for(Staff(Role.ADMIN, None, None), "/lam-viec/")
