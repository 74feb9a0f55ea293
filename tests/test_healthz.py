"""/healthz for monitoring: 200 and "ok" when the database, the cache, the queue, the disk and
the last backup are well; 503 naming the part that is not; never cached, no secrets, and
answered over plain HTTP even where the site redirects to HTTPS."""

import json
import os
import subprocess
import sys
from datetime import timedelta

import pytest
from django.db.models import F
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult, get_date_max

from tests.test_doctor import backed_up

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def data_folder(settings, tmp_path):
    settings.DATA_DIR = tmp_path / "data"
    settings.OCOP_TASKS = "database"


def health(client) -> tuple[int, dict]:
    response = client.get("/healthz")
    assert response["Content-Type"] == "application/json"
    assert "no-cache" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    return response.status_code, response.json()


def failing(answer: dict) -> list[str]:
    return [name for name, check in answer["checks"].items() if not check["ok"]]


def queue_a_task(waited: timedelta) -> None:
    task = DBTaskResult.objects.create(
        task_path="ocop.notices.sending.send_mail_task", args_kwargs={"args": [], "kwargs": {}},
        backend_name="default", queue_name="default", run_after=get_date_max(),
        status=TaskResultStatus.READY,
    )  # fmt: skip
    DBTaskResult.objects.filter(pk=task.pk).update(enqueued_at=F("enqueued_at") - waited)


def test_a_healthy_install_answers_200(client, settings):
    backed_up(hours_ago=2)
    queue_a_task(timedelta(seconds=5))

    status, answer = health(client)

    assert status == 200 and answer["status"] == "ok" and failing(answer) == []
    assert set(answer["checks"]) == {"database", "cache", "worker", "disk", "backup"}
    assert answer["checks"]["backup"]["age_hours"] == 2.0
    assert 5 <= answer["checks"]["worker"]["oldest_waiting_seconds"] < 60


def test_it_names_no_path_database_or_secret(client, settings):
    backed_up(hours_ago=2)

    body = client.get("/healthz").content.decode()

    for secret in [str(settings.DATA_DIR), settings.SECRET_KEY, "sqlite", "/srv/"]:
        assert secret not in body


def test_without_a_backup_it_answers_503(client):
    status, answer = health(client)

    assert status == 503 and answer["status"] == "fail"
    assert failing(answer) == ["backup"] and answer["checks"]["backup"]["age_hours"] is None


def test_a_task_waiting_for_twenty_minutes_means_no_worker(client):
    backed_up(hours_ago=2)
    queue_a_task(timedelta(minutes=20))

    status, answer = health(client)

    assert status == 503 and failing(answer) == ["worker"]
    assert answer["checks"]["worker"]["oldest_waiting_seconds"] >= 20 * 60


def test_a_task_waiting_to_be_retried_later_is_not_late(client):
    backed_up(hours_ago=2)
    queue_a_task(timedelta(hours=2))
    DBTaskResult.objects.update(run_after=timezone.now() + timedelta(minutes=10))

    assert health(client)[0] == 200


def test_a_full_disk_answers_503(client, settings):
    backed_up(hours_ago=2)
    settings.OCOP_DISK_MIN_FREE_MB = 10**12

    status, answer = health(client)

    assert status == 503 and failing(answer) == ["disk"]


def test_an_unreachable_cache_answers_503(client, settings):
    backed_up(hours_ago=2)
    # A Redis server on a port where none listens.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",
        }
    }

    status, answer = health(client)

    assert status == 503 and failing(answer) == ["cache"]
    assert answer["checks"]["cache"]["error"] == "ConnectionError"


def test_it_answers_over_plain_http_where_the_site_redirects_to_https(client, settings):
    backed_up(hours_ago=2)
    settings.SECURE_SSL_REDIRECT = True

    assert client.get("/").status_code == 301
    assert health(client)[0] == 200


def test_an_unreachable_database_answers_503_in_json(tmp_path):
    """A server process whose database does not answer (nothing listens on the port)."""
    code = (
        "from django.test import Client; "
        "r = Client(HTTP_HOST='localhost').get('/healthz'); "
        "print(r.status_code, r.content.decode())"
    )
    env = {**os.environ, "DATABASE_URL": "postgres://ocop@127.0.0.1:9/ocop"}
    env["OCOP_DATA_DIR"] = str(tmp_path)
    done = subprocess.run(
        [sys.executable, "-c", "from ocop.cli import main; main()", "shell", "--no-imports",
         "-c", code],
        env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip

    status, body = done.stdout.split(" ", 1)
    answer = json.loads(body)
    assert status == "503" and answer["status"] == "fail"
    assert answer["checks"]["database"] == {"ok": False, "error": "OperationalError"}
    assert answer["checks"]["cache"]["ok"] and answer["checks"]["disk"]["ok"]
