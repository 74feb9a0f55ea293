"""One cache for all server processes (settings.CACHES, ocop.shared.file_cache): the embedded
default (files in the data folder) and Redis, each tested for real. A count made by several
processes at the same moment loses none (the API's rate limit is then N across all workers),
and what one process kept for a registry version is found by the others until a write.

Redis is tested when OCOP_TEST_REDIS_URL names a server (CI sets it: .ci/run)."""

import json
import os
import subprocess
import sys
import uuid
from datetime import date
from pathlib import Path

import pytest

from ocop.shared.kept_values import kept
from tests.factories import make_decision, make_product

ROOT = Path(__file__).resolve().parent.parent
REDIS = os.environ.get("OCOP_TEST_REDIS_URL", "")
PROCESSES, EACH = 3, 150

# Counts `EACH` requests of one client in one fixed minute, as the API does for each request,
# and prints the count each one saw.
COUNTER = """
import json, django
django.setup()
from django.test import RequestFactory
from ocop.opendata.throttle import count_request
request = RequestFactory().get("/api/v1/summary", REMOTE_ADDR="203.0.113.7")
print(json.dumps([count_request(request, now=1_800_000_000.0).used for _ in range({each})]))
"""


@pytest.fixture(params=["files", "redis"])
def shared(request, settings, tmp_path):
    """The environment a server process gets, and this process set up the same way."""
    prefix = f"test-{uuid.uuid4().hex}"
    if request.param == "redis":
        if not REDIS:
            pytest.skip("no Redis to test against: set OCOP_TEST_REDIS_URL (CI does)")
        environment = {"CACHE_URL": REDIS}
        backend = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS}
    else:
        environment = {"CACHE_DIR": str(tmp_path / "cache")}
        backend = {
            "BACKEND": "ocop.shared.file_cache.FileCache",
            "LOCATION": str(tmp_path / "cache"),
        }
    settings.CACHES = {"default": {**backend, "KEY_PREFIX": prefix, "TIMEOUT": 600}}
    # Entries of a test's own prefix, gone with their timeout: clearing would empty the whole
    # Redis database, other test processes' entries with it.
    return {**environment, "CACHE_KEY_PREFIX": prefix}


def test_counts_made_by_processes_at_once_are_all_counted(shared):
    environment = {**os.environ, **shared, "DJANGO_SETTINGS_MODULE": "ocop.settings"}
    environment.pop("DATABASE_URL", None)  # counting needs no database
    code = COUNTER.format(each=EACH)
    running = [
        subprocess.Popen(
            [sys.executable, "-c", code], cwd=ROOT, env=environment, stdout=subprocess.PIPE
        )
        for _ in range(PROCESSES)
    ]
    seen = []
    for process in running:
        out, _ = process.communicate(timeout=120)
        assert process.returncode == 0
        seen.extend(json.loads(out))
    # Every request got a count of its own: 1, 2, … with none lost or given twice, so a limit
    # of N lets exactly N through whichever process answers.
    assert sorted(seen) == list(range(1, PROCESSES * EACH + 1))


def test_a_value_is_computed_once_per_registry_version(shared, db):
    tea = make_decision(make_product("Chè Shan tuyết"), date(2024, 5, 4), stars=4)
    built = []

    def build():
        built.append(1)
        return {"products": 1}

    day = date(2026, 1, 10)
    assert kept("figures", day, ("all",), build) == {"products": 1}
    assert kept("figures", day, ("all",), build) == {"products": 1}
    assert len(built) == 1
    tea.product.name = "Chè mới"
    tea.product.save()
    kept("figures", day, ("all",), build)
    assert len(built) == 2
    kept("figures", date(2026, 1, 11), ("all",), build)
    assert len(built) == 3


def test_a_cache_url_that_is_not_redis_is_refused():
    environment = {**os.environ, "CACHE_URL": "memcached://127.0.0.1:11211"}
    done = subprocess.run(
        [str(Path(sys.executable).parent / "ocop"), "check"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode != 0
    assert "CACHE_URL='memcached://127.0.0.1:11211': expected redis://host:port/db" in done.stderr


def test_a_full_file_cache_drops_the_entries_used_longest_ago(tmp_path):
    from ocop.shared import file_cache

    cache = file_cache.FileCache(str(tmp_path), {"OPTIONS": {"MAX_ENTRIES": 30}})
    for number in range(30):
        cache.set(f"old-{number}", number)
        os.utime(cache._key_to_file(f"old-{number}"), (1000 + number,) * 2)
    cache.set("hot", "today's page")
    assert cache.get("old-0") == 0  # written first, read now
    cache._sets = file_cache.CULL_EVERY - 1  # the next set looks
    cache.set("new", 1)
    assert cache.get("hot") == "today's page" and cache.get("new") == 1
    assert cache.get("old-0") == 0
    assert [cache.get(f"old-{n}") for n in range(1, 11)] == [None] * 10  # a third, the oldest
    assert all(cache.get(f"old-{n}") == n for n in range(11, 30))
