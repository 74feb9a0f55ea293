"""/healthz: what a monitor polls (docs/backup.md#monitoring). Each part of the installation
is asked plainly (the database answers a query, the cache gives back what it was given, the
queue's oldest waiting task is young, the data folder has room, a backup is recent); the
answer is JSON naming each, 200 when all are well and 503 otherwise. It names no host, path,
user or setting value: the address is public."""

import shutil
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.db.models import Case, F, Min, When
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult, get_date_max

from ocop.shared.backup import last_backup_age_hours

# django-tasks-db's worker keeps no heartbeat: a task ready this long and not taken means no
# worker is running (the worker looks every second when the queue is empty).
QUEUE_STUCK_MINUTES = 15


def database() -> dict:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError as exc:
        return {"ok": False, "error": type(exc).__name__}
    return {"ok": True}


def cache_reachable() -> dict:
    key, token = "healthz", uuid.uuid4().hex
    try:
        cache.set(key, token, 60)
        ok = cache.get(key) == token
    except Exception as exc:  # each cache backend raises its own (redis.ConnectionError, OSError)
        return {"ok": False, "error": type(exc).__name__}
    return {"ok": ok}


def worker() -> dict:
    """The age of the oldest task ready to run: a worker alive takes it within seconds."""
    if settings.OCOP_TASKS != "database":
        return {"ok": True, "queue": "immediate"}
    try:
        oldest = _ready().aggregate(since=Min("waiting_since"))["since"]
    except DatabaseError as exc:
        return {"ok": False, "error": type(exc).__name__}
    waited = 0 if oldest is None else int((timezone.now() - oldest).total_seconds())
    return {
        "ok": waited < QUEUE_STUCK_MINUTES * 60,
        "oldest_waiting_seconds": waited,
    }


def _ready():
    # A task queued to run at once has run_after at the far future's mark (django-tasks-db);
    # one retried later waits from its run_after.
    waiting_since = Case(
        When(run_after=get_date_max(), then=F("enqueued_at")), default=F("run_after")
    )
    ready = DBTaskResult.objects.filter(status=TaskResultStatus.READY)
    return ready.annotate(waiting_since=waiting_since).filter(waiting_since__lte=timezone.now())


def disk() -> dict:
    free_mb = shutil.disk_usage(_existing(settings.DATA_DIR)).free // 2**20
    return {"ok": free_mb >= settings.OCOP_DISK_MIN_FREE_MB, "free_mb": free_mb}


def _existing(path):
    while not path.exists():
        path = path.parent
    return path


def backup() -> dict:
    age = last_backup_age_hours()
    if age is None:
        return {"ok": False, "age_hours": None}
    return {"ok": age <= settings.OCOP_BACKUP_MAX_AGE_HOURS, "age_hours": round(age, 1)}


CHECKS = {
    "database": database,
    "cache": cache_reachable,
    "worker": worker,
    "disk": disk,
    "backup": backup,
}


def report() -> dict:
    checks = {name: check() for name, check in CHECKS.items()}
    healthy = all(check["ok"] for check in checks.values())
    return {"status": "ok" if healthy else "fail", "checks": checks}


@never_cache
def healthz(request):
    found = report()
    return JsonResponse(found, status=200 if found["status"] == "ok" else 503)
