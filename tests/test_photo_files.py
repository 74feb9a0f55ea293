"""A product photo replaced or deleted leaves no file behind (the image and all its narrower
copies), and only once the change is committed: a rolled-back change keeps its files."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from ocop.catalog.models import ProductPhoto
from tests.admin_forms import management_fields
from tests.test_public_pages import photo_with_gps, tea, upload_photo

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


@pytest.fixture
def officer(client, department_officer):
    client.force_login(department_officer)
    return client


def files_in(media) -> set[str]:
    return {str(p.relative_to(media)) for p in media.rglob("*") if p.is_file()}


def stored_photo(client, capture) -> ProductPhoto:
    product = tea()
    with capture(execute=True):
        upload_photo(client, product, photo_with_gps((1600, 1200)))
    return ProductPhoto.objects.get()


def change_form(client, photo: ProductPhoto, **row) -> dict:
    product = photo.product
    url = f"/admin/registry/product/{product.pk}/change/"
    return {
        **management_fields(client, url),
        "name": product.name,
        "producer": product.producer_id,
        "product_set": product.product_set_id or "",
        "unit": product.unit_id,
        "decisions-TOTAL_FORMS": 0,
        "decisions-INITIAL_FORMS": 0,
        "photos-TOTAL_FORMS": 1,
        "photos-INITIAL_FORMS": 1,
        "photos-0-id": photo.pk,
        "photos-0-product": product.pk,
        "photos-0-alt": photo.alt,
        "photos-0-order": 0,
        "points_of_sale-TOTAL_FORMS": 0,
        "points_of_sale-INITIAL_FORMS": 0,
        **row,
    }


def test_a_new_photo_has_its_image_and_three_copies(
    officer, media, django_capture_on_commit_callbacks
):
    photo = stored_photo(officer, django_capture_on_commit_callbacks)

    assert len(files_in(media)) == 4
    assert photo.copies == "320,640,1280"


def test_a_replaced_photo_leaves_none_of_its_old_files(
    officer, media, django_capture_on_commit_callbacks
):
    photo = stored_photo(officer, django_capture_on_commit_callbacks)
    old = files_in(media)
    new = SimpleUploadedFile("moi.jpg", photo_with_gps((800, 600)), content_type="image/jpeg")

    with django_capture_on_commit_callbacks(execute=True):
        response = officer.post(
            f"/admin/registry/product/{photo.product_id}/change/",
            change_form(officer, photo, **{"photos-0-image": new}),
        )

    assert response.status_code == 302
    photo.refresh_from_db()
    assert files_in(media).isdisjoint(old)
    assert files_in(media) == {
        photo.image.name,
        photo.image.name.replace(".jpg", "-320.jpg"),
        photo.image.name.replace(".jpg", "-640.jpg"),
    }


def test_a_photo_deleted_in_the_admin_leaves_no_file(
    officer, media, django_capture_on_commit_callbacks
):
    photo = stored_photo(officer, django_capture_on_commit_callbacks)

    with django_capture_on_commit_callbacks(execute=True):
        response = officer.post(
            f"/admin/registry/product/{photo.product_id}/change/",
            change_form(officer, photo, **{"photos-0-DELETE": "on"}),
        )

    assert response.status_code == 302
    assert not ProductPhoto.objects.exists()
    assert files_in(media) == set()


def test_deleting_the_product_deletes_its_photos_files(
    officer, media, django_capture_on_commit_callbacks
):
    photo = stored_photo(officer, django_capture_on_commit_callbacks)

    with django_capture_on_commit_callbacks(execute=True):
        photo.product.delete()

    assert files_in(media) == set()


def test_a_delete_rolled_back_keeps_the_files(officer, media, django_capture_on_commit_callbacks):
    photo = stored_photo(officer, django_capture_on_commit_callbacks)
    before = files_in(media)

    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        ProductPhoto.objects.filter(pk=photo.pk).delete()
        raise RuntimeError("the save failed further on")

    assert callbacks == []
    assert ProductPhoto.objects.filter(pk=photo.pk).exists()
    assert files_in(media) == before
