"""The misuse reports' photos and limits: the photos only for the back office, served by a view
that never lets them into a cache; the limits are settings; refusals in the page's language."""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from ocop.catalog import misuse_form
from ocop.catalog.models import MisuseReport
from ocop.domain.roles import Role
from tests.staff import make_staff
from tests.test_misuse_reports import files_in, photo, report

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def photo_url(stored: MisuseReport) -> str:
    return f"/admin/catalog/misusereport/{stored.pk}/anh/"


def test_staff_see_the_photo_with_no_cache(client, department_officer):
    report(Client())
    stored = MisuseReport.objects.get()
    client.force_login(department_officer)

    response = client.get(photo_url(stored))

    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    directives = {d.strip() for d in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= directives and "public" not in directives
    assert b"".join(response.streaming_content) == stored.photo.open("rb").read()


def test_a_visitor_is_sent_to_the_login_and_never_gets_the_photo(visitor):
    report(visitor)
    stored = MisuseReport.objects.get()

    response = visitor.get(photo_url(stored))

    assert response.status_code == 302
    # The admin's login (/admin/login/) is the back office's sign-in page.
    assert response["Location"].split("?")[0] in ("/admin/login/", "/lam-viec/dang-nhap/")


@pytest.mark.parametrize("role", [Role.COMMUNE, Role.VIEWER])
def test_staff_whose_role_does_not_triage_reports_are_refused(client, rf, role):
    report(Client())
    stored = MisuseReport.objects.get()
    clerk = make_staff(role)
    client.force_login(clerk)
    request = rf.get(photo_url(stored))
    request.user = clerk

    assert client.get(photo_url(stored)).status_code in (302, 403)
    with pytest.raises(PermissionDenied):
        misuse_form.photo(request, stored.pk)


def test_a_department_officer_gets_the_photo_through_the_view(rf):
    report(Client())
    stored = MisuseReport.objects.get()
    request = rf.get(photo_url(stored))
    request.user = make_staff(Role.OFFICER)

    assert misuse_form.photo(request, stored.pk).status_code == 200


def test_an_unknown_report_is_404(client, department_officer):
    client.force_login(department_officer)

    assert client.get("/admin/catalog/misusereport/999/anh/").status_code == 404


def test_the_admin_list_links_each_photo_through_the_staff_view(client, department_officer):
    report(Client())
    stored = MisuseReport.objects.get()
    client.force_login(department_officer)

    listing = client.get("/admin/catalog/misusereport/").content.decode()
    detail = client.get(f"/admin/catalog/misusereport/{stored.pk}/change/").content.decode()

    assert f'href="{photo_url(stored)}"' in listing
    assert f'href="{photo_url(stored)}"' in detail
    assert "/media/phan-anh/" not in listing + detail


def test_deleting_a_report_deletes_its_photo(
    client, department_officer, media, django_capture_on_commit_callbacks
):
    report(Client())
    stored = MisuseReport.objects.get()
    client.force_login(department_officer)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/catalog/misusereport/{stored.pk}/delete/", {"post": "yes"})

    assert response.status_code == 302
    assert files_in(media) == []


def test_the_limit_per_hour_is_a_setting(visitor, settings):
    settings.OCOP_MISUSE_PER_HOUR = 2
    assert report(visitor).status_code == 302
    assert report(visitor).status_code == 302

    third = report(visitor)

    assert third.status_code == 429
    assert "Bạn đã gửi 2 phản ánh trong một giờ qua" in third.content.decode()


def test_the_photo_size_limit_is_a_setting_and_shown_on_the_form(visitor, settings, media):
    settings.OCOP_MISUSE_PHOTO_MAX_MB = 1

    form = visitor.get("/phan-anh/").content.decode()
    refused = report(visitor, photo=photo(b"\xff\xd8" + b"0" * 1_000_001))

    assert "tối đa 1 MB" in form
    assert refused.status_code == 400
    assert "Ảnh “anh-chup.jpg” quá lớn; dung lượng tối đa là 1 MB." in refused.content.decode()
    assert files_in(media) == []


def test_refusals_on_the_english_form_are_in_english(visitor, settings):
    settings.OCOP_MISUSE_PHOTO_MAX_MB = 1
    big = report(visitor, url="/en/phan-anh/", photo=photo(b"\xff\xd8" + b"0" * 1_000_001))
    not_photo = report(visitor, url="/en/phan-anh/", photo=photo(b"khong", name="a.txt"))

    assert (
        "The photo “anh-chup.jpg” is too large; the largest accepted is 1 MB."
        in big.content.decode()
    )
    html = not_photo.content.decode()
    assert "Photo “a.txt”: The file cannot be read as a JPEG, PNG or WebP photo" in html
    assert "Tệp" not in html and "Ảnh" not in html
    assert "at most 1 MB" in visitor.get("/en/phan-anh/").content.decode()
