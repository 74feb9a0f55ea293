"""The API's per-minute limit across gunicorn's workers (issue 17), run through `make bench`
(bench/run.py) on SQLite: does OCOP_API_PER_MINUTE hold for the server, not for each worker?

On a copy of the national bench database (bench_summary.py), the documented production start
(gunicorn, 3 workers, DEBUG off: docs/deployment.md) runs with OCOP_API_PER_MINUTE=100. One
client (one address, 8 connections at a time) sends 600 requests to /api/v1/ as fast as the
server answers, all within one of the limit's one-minute windows (it waits for the next window
when too little of the current one is left); the answers are counted: 200 (let through), 429
(refused), anything else (an error). Goal: at most 110 let through (the limit, and a few that
a shared counter may let slip between workers), no error.

Twice: with the default cache settings (CACHE_URL and REDIS_URL removed from the server's
environment), then with a Redis cache: CACHE_URL and REDIS_URL set to BENCH_REDIS_URL
(default redis://127.0.0.1:6379/5), skipped when no Redis answers there. The keys in that
Redis database before and after the run say whether the server used it at all. Traffic goes
to 127.0.0.1 only; every run is bounded in time."""

import os
import shutil
import socket
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

from bench_data import fill
from copies import copy_database, drop_database
from goals import goal

PRODUCTS = int(os.environ.get("BENCH_PRODUCTS", "50000"))
REDIS = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/5")
LIMIT, REQUESTS, CONNECTIONS, WORKERS = 100, 600, 8, 3
GOAL_THROUGH = 110
# The limit counts in fixed windows of the clock's minutes (ocop.opendata.throttle); a burst
# that began with less than this left of its window would be counted in two.
WINDOW, ROOM = 60, 40
ADDRESSES = [f"/api/v1/summary?as_of=2025-12-{day:02d}" for day in range(1, 32)] + [
    f"/api/v1/products?as_of=2025-12-31&page={page}&page_size=20" for page in range(1, 11)
]


def ask(url: str) -> tuple[float, int | str]:
    sent = time.time()
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            response.read()
            return sent, response.status
    except urllib.error.HTTPError as answer:
        return sent, answer.code
    except OSError as exc:
        return sent, type(exc).__name__


def burst(host: str) -> tuple[list[tuple[float, int | str]], float]:
    """REQUESTS requests from one client, CONNECTIONS at a time, within one window."""
    left = WINDOW - time.time() % WINDOW
    if left < ROOM:
        # Waiting for the clock, not for a process: the limit's windows are the clock's.
        time.sleep(left + 0.2)
    urls = [host + ADDRESSES[i % len(ADDRESSES)] for i in range(REQUESTS)]
    started = time.perf_counter()
    with ThreadPoolExecutor(CONNECTIONS) as pool:
        answers = list(pool.map(ask, urls))
    return answers, time.perf_counter() - started


def redis_keys(url: str) -> int | None:
    """Keys in the Redis database of `url` (its DBSIZE, asked in Redis's own protocol, so the
    bench needs no client library), or None when nothing answers there."""
    parts = urlsplit(url)
    database = parts.path.lstrip("/") or "0"
    command = f"*2\r\n$6\r\nSELECT\r\n${len(database)}\r\n{database}\r\n*1\r\n$6\r\nDBSIZE\r\n"
    try:
        with socket.create_connection((parts.hostname, parts.port or 6379), timeout=5) as sock:
            sock.sendall(command.encode())
            reply = b""
            while reply.count(b"\r\n") < 2:
                piece = sock.recv(256)
                if not piece:
                    return None
                reply += piece
    except OSError:
        return None
    ok, size = reply.split(b"\r\n")[:2]
    return int(size[1:]) if ok == b"+OK" and size.startswith(b":") else None


def run(label: str, workdir: Path, database: str, cache_env: dict) -> None:
    from bench_public import start_ours, stop

    env = {"OCOP_API_PER_MINUTE": str(LIMIT), **cache_env}
    server, host = start_ours(workdir, database, workers=WORKERS, extra_env=env)
    try:
        answers, seconds = burst(host)
    finally:
        stop(server)
    statuses = Counter(status for _, status in answers)
    through, refused = statuses.pop(200, 0), statuses.pop(429, 0)
    windows = Counter(int(sent // WINDOW) for sent, status in answers if status == 200)
    errors = sum(statuses.values())
    print(
        f"  {label:<24}{through:>9}{refused:>9}{errors:>7}{seconds:>9.1f}{len(windows):>9}"
        + "".join(f"  {n} x {s}" for s, n in statuses.items())
    )
    goal(
        f"API limit {LIMIT}/min, {WORKERS} workers, {label}: {through} of {REQUESTS} let "
        f"through in {len(windows)} window(s) (<= {GOAL_THROUGH} a window), {errors} errors",
        max(windows.values(), default=0) <= GOAL_THROUGH and errors == 0,
    )


def measure(workdir: Path, database: str) -> None:
    print(
        f"  one client, {REQUESTS} requests to /api/v1/ ({CONNECTIONS} at a time), gunicorn "
        f"{WORKERS} workers, OCOP_API_PER_MINUTE={LIMIT}"
    )
    print(f"  {'cache':<24}{'200':>9}{'429':>9}{'other':>7}{'seconds':>9}{'windows':>9}")
    run("default cache", workdir, database, {"CACHE_URL": None, "REDIS_URL": None})
    before = redis_keys(REDIS)
    if before is None:
        print(f"  Redis cache: nothing answers at {REDIS}; skipped")
        return
    run("Redis cache", workdir, database, {"CACHE_URL": REDIS, "REDIS_URL": REDIS})
    after = redis_keys(REDIS)
    used = "used it" if after is not None and after != before else "did not use it"
    print(f"    keys in {REDIS}: {before} before, {after} after: the server {used}")


def main() -> int:
    original = os.environ["DATABASE_URL"]
    fill(original, PRODUCTS)
    workdir = Path(tempfile.mkdtemp(prefix="ocop-bench-api-limit-"))
    # The copy: the server's cache may be kept in the database, which the bench's is not for.
    copy = copy_database(original, workdir, "api_limit")
    os.environ["DATABASE_URL"] = copy  # Django is set up by bench_public, on the copy
    try:
        measure(workdir, copy)
    finally:
        drop_database(copy)
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
