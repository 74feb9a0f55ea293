"""Property-based tests of the API against its own OpenAPI document (schemathesis): for
generated requests to every operation, no answer is a server error and every answer matches
the status codes, content type and schema the document declares. Bounded: 30 examples per
operation, on the database the suite runs on (SQLite, or PostgreSQL with DATABASE_URL)."""

from datetime import date, timedelta

import pytest
import schemathesis
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.utils import timezone
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    positive_data_acceptance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.factories import make_decision, make_producer, make_product

EXAMPLES = 30
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    negative_data_rejection,
]


# Read once, when the tests are collected: the document needs no database.
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())


@pytest.fixture
def registry(db, settings):
    """A small registry behind the API: valid, expired and
    revoked products, one recognised after today, so that the generated codes and dates meet
    real rows as well as missing ones."""
    settings.OCOP_API_PER_MINUTE = 0  # the generator sends hundreds of requests a minute
    cache.clear()
    # The WSGI handler closes the database connection after each request, which would end the
    # test's transaction; Django's test client disconnects the same handlers.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    today = timezone.localdate()
    tea = make_producer("Hợp tác xã Chè Nậm Sỏ", "Nậm Sỏ")
    make_decision(make_product("Chè Shan tuyết Nậm Sỏ", tea), date(2024, 3, 1), stars=4)
    make_decision(make_product("Hồng trà Nậm Sỏ", tea), date(2021, 6, 1))
    honey = make_producer("Hộ kinh doanh Lò Văn Thanh", "Bum Tở")
    make_decision(
        make_product("Mật ong rừng Bum Tở", honey),
        date(2024, 1, 5),
        revoked_on=date(2025, 6, 1),
        revocation_reason="Không duy trì chất lượng",
    )
    make_decision(make_product("Gạo Séng Cù", honey), today + timedelta(days=10), stars=5)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_every_operation_answers_as_its_document_says(case, registry):
    # Not positive_data_acceptance: a rule across two parameters (the changes' range: `from`
    # after `to`, or longer than ten years) is a 400 that no JSON schema of one value can say.
    case.call_and_validate(checks=CHECKS, excluded_checks=[positive_data_acceptance])
