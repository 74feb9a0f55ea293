"""The cast the tests share. Reference data (provinces, Lai Châu's units, product sets) comes
from the data migration, as in production; row helpers are in tests/factories.py."""

import pytest


@pytest.fixture
def department_officer(django_user_model):
    return django_user_model.objects.create_user(
        "can.bo.so", password="mat-khau-thu-nghiem", is_staff=True, is_superuser=True
    )


@pytest.fixture
def visitor(client):
    return client
