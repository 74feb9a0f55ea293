"""Within a province, through the admin (issue 18): a commune officer picks only their own
commune's records for a record of their commune (the producer box of a new product offered
the whole province, and took another commune's producer), and a row they may not add is
refused with a message: the admin used to answer "saved successfully" and save nothing."""

import json

import pytest

from ocop.registry.models import Decision, Product
from tests.admin_forms import form_of
from tests.factories import make_decision, make_producer, make_product
from tests.staff import make_staff

pytestmark = pytest.mark.django_db

ADD = "/admin/registry/product/add/"


@pytest.fixture
def producers():
    return make_producer("HTX Zqx Nậm Sỏ"), make_producer("HTX Zqx Tân Uyên", unit_name="Tân Uyên")


def offered(client) -> list[str]:
    box = {"app_label": "registry", "model_name": "product", "field_name": "producer"}
    response = client.get("/admin/autocomplete/", {**box, "term": "Zqx"})
    return [row["text"] for row in json.loads(response.content)["results"]]


def test_a_commune_officer_is_offered_only_their_communes_producers(client, producers):
    client.force_login(make_staff("commune"))
    assert offered(client) == ["HTX Zqx Nậm Sỏ"]

    client.force_login(make_staff("officer"))
    assert sorted(offered(client)) == ["HTX Zqx Nậm Sỏ", "HTX Zqx Tân Uyên"]


def test_a_commune_officers_product_cannot_take_another_communes_producer(client, producers):
    mine, theirs = producers
    client.force_login(make_staff("commune"))
    form = {**form_of(client, ADD), "name": "Chè Zqx", "unit": str(mine.unit_id)}

    refused = client.post(ADD, {**form, "producer": str(theirs.pk)})
    assert refused.status_code == 200
    assert "Hãy chọn một lựa chọn hợp lệ" in refused.content.decode()
    assert not Product.objects.filter(name="Chè Zqx").exists()

    assert client.post(ADD, {**form, "producer": str(mine.pk)}).status_code == 302
    assert Product.objects.get(name="Chè Zqx").producer == mine


def post_a_decision(client, product):
    url = f"/admin/registry/product/{product.pk}/change/"
    form = form_of(client, url)
    form.update(
        {
            "decisions-TOTAL_FORMS": "1",
            "decisions-0-product": str(product.pk),
            "decisions-0-stars": "4",
            "decisions-0-number": "12/QĐ-Zqx",
            "decisions-0-decided_on": "01/02/2024",
        }
    )
    return client.post(url, form, follow=True)


def test_a_decision_a_commune_officer_may_not_add_is_refused_with_a_message(client):
    product = make_product("Chè Zqx", make_producer("HTX Zqx"))
    client.force_login(make_staff("commune"))

    response = post_a_decision(client, product)

    page = response.content.decode()
    assert response.status_code == 200
    assert "Bạn không có quyền thêm quyết định" in page
    assert "thành công" not in page
    assert not Decision.objects.exists()


def test_a_field_a_commune_officer_may_not_change_is_refused_with_a_message(client):
    decision = make_decision(make_product("Chè Zqx", make_producer("HTX Zqx")), stars=3)
    client.force_login(make_staff("commune"))
    url = f"/admin/registry/product/{decision.product_id}/change/"

    form = {**form_of(client, url), "decisions-0-stars": "5"}
    assert "decisions-0-stars" not in form_of(client, url)  # shown as text
    response = client.post(url, form, follow=True)

    assert "Bạn không có quyền sửa hoặc xoá quyết định" in response.content.decode()
    assert Decision.objects.get().stars == 3
    # What the page sends by itself still saves.
    assert client.post(url, form_of(client, url)).status_code == 302


def test_a_department_officer_adds_a_decision_on_the_products_page(client):
    product = make_product("Chè Zqx", make_producer("HTX Zqx"))
    client.force_login(make_staff("officer"))

    response = post_a_decision(client, product)

    assert "thành công" in response.content.decode()
    assert Decision.objects.get().number == "12/QĐ-Zqx"
