"""The one per-client counter of the public forms (shared.ClientCount): each form counts under
its own kind against its own limit, so a client who used up one form's hour can still send
through the other; the counts keep no address in the clear."""

import pytest
from django.utils import timezone

from ocop.shared.models import ClientCount
from tests.factories import make_decision
from tests.test_misuse_reports import report
from tests.test_trade_inquiries import send

pytestmark = pytest.mark.django_db


def test_it_counts_each_kind_client_and_hour_apart():
    hour = timezone.now().replace(minute=0, second=0, microsecond=0)
    for _ in range(3):
        ClientCount.record("inquiry", "a", hour)
    ClientCount.record("misuse_report", "a", hour)

    assert ClientCount.used("inquiry", "a", hour) == 3
    assert ClientCount.used("misuse_report", "a", hour) == 1
    assert ClientCount.used("inquiry", "b", hour) == 0
    assert ClientCount.objects.count() == 2


def test_reports_do_not_use_up_the_inquiries_allowance(visitor, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"  # the reports' photos
    settings.OCOP_MISUSE_PER_HOUR = settings.OCOP_INQUIRY_PER_HOUR = 2
    product = make_decision().product
    assert [report(visitor).status_code for _ in range(3)] == [302, 302, 429]

    assert [send(visitor, product).status_code for _ in range(3)] == [302, 302, 429]
    counts = dict(ClientCount.objects.values_list("kind", "count"))
    assert counts == {"misuse_report": 2, "inquiry": 2}
    assert all("127.0.0.1" not in row.client for row in ClientCount.objects.all())
