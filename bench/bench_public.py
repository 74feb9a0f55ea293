"""The public site under load at national scale, run through `make bench` (bench/run.py).

On the SQLite bench database of bench_summary.py (50,000 products) it starts the production
server (gunicorn, DEBUG off, as docs/deployment.md says) on a free loopback port, and Datasette
on a copy of the same database with full-text search on the same folded product names (the
peer). Locust (headless, FastHttpUser) then sends each scenario for BENCH_LOAD_SECONDS (20)
with BENCH_USERS (10) visitors, twice: saturated (no pause between requests: latency under
queueing, and the throughput) and paced (0.5-1 s between a visitor's requests, as people
browse: the latency a visitor sees). It prints requests, failures, p50, p95 and requests/s.

Goals (issue 9): search and product pages p95 < 50 ms, verification page p95 < 20 ms; search
throughput at least twice Datasette's (issue 17), saturated, stated on a goal line (goals.py).
A page not built yet is reported as skipped.
Traffic goes to 127.0.0.1 only; every run is bounded in time."""

import csv
import json
import os
import random
import secrets
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import django
import inprocess  # production-like settings for the in-process figures, before setup

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ocop.settings")
django.setup()

from bench_summary import ensure_data  # noqa: E402
from django.conf import settings  # noqa: E402
from django.urls import Resolver404, resolve  # noqa: E402
from goals import goal  # noqa: E402
from inprocess import cpu_per_request, print_cpu, print_cpu_header  # noqa: E402

from ocop.registry.models import Decision, Product  # noqa: E402

HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
SECONDS = int(os.environ.get("BENCH_LOAD_SECONDS", "20"))
USERS = int(os.environ.get("BENCH_USERS", "10"))
WORKERS = int(os.environ.get("BENCH_WORKERS", str(os.cpu_count() or 2)))
SAMPLE = 500
MODES = [("saturated", "0,0"), ("paced", "0.5,1")]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(url: str, server: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"the server stopped before answering {url}")
        try:
            urllib.request.urlopen(url, timeout=5).close()
            return
        except (OSError, urllib.error.HTTPError):
            time.sleep(0.3)
    raise RuntimeError(f"no answer from {url} within {seconds} s")


def stop(server: subprocess.Popen) -> None:
    server.terminate()
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def page_exists(path: str) -> bool:
    try:
        resolve(path)
    except Resolver404:
        return False
    return True


def sample_urls(rng: random.Random) -> dict[str, list[str] | None]:
    """Addresses for each scenario, drawn once from the whole registry (None: page not built)."""
    ids = list(Product.objects.values_list("pk", flat=True))
    products = list(Product.objects.filter(pk__in=rng.sample(ids, SAMPLE)))
    codes = Decision.objects.filter(product__in=products).values_list("public_code", flat=True)
    # Accent-free searches as people type them: the first two words of a product's name.
    queries = [" ".join(p.search_key.split()[:2]) for p in products]
    has_product_page = callable(getattr(Product, "get_public_url", None))
    return {
        "verification /xac-minh/<code>/": [f"/xac-minh/{code}/" for code in codes],
        "product /san-pham/<id>-<slug>/": (
            [p.get_public_url() for p in products] if has_product_page else None
        ),
        "search /san-pham/?q=": (
            [f"/san-pham/?q={q.replace(' ', '+')}" for q in queries]
            if page_exists("/san-pham/")
            else None
        ),
        "_queries": queries,
    }


def load(
    host: str,
    urls: list,
    wait: str,
    workdir: Path,
    name: str,
    *,
    users: int = USERS,
    seconds: int = SECONDS,
    until: threading.Event | None = None,
) -> dict:
    """One locust run, headless and bounded (`seconds`, or sooner once `until` is set); its
    aggregated figures, and under "kinds" those of each name when the addresses are
    [name, address] pairs (locustfile.py)."""
    url_file = workdir / f"{name}.json"
    url_file.write_text(json.dumps(urls), encoding="utf-8")
    prefix = workdir / name
    command = [
        BIN / "locust", "-f", HERE / "locustfile.py", "--headless", "--only-summary",
        "-u", str(users), "-r", str(users), "-t", f"{seconds}s", "--stop-timeout", "5",
        "--host", host, "--csv", prefix, "--loglevel", "ERROR",
    ]  # fmt: skip
    env = {**os.environ, "BENCH_URLS": str(url_file), "BENCH_WAIT": wait}
    locust = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        if until is not None and until.wait(seconds) and locust.poll() is None:
            locust.terminate()  # locust ends the run on SIGTERM as at its time limit
        locust.wait(timeout=seconds + 60)
    finally:
        if locust.poll() is None:
            locust.kill()
            locust.wait()
    with open(f"{prefix}_stats.csv", encoding="utf-8") as stats:
        rows = {r["Name"]: r for r in csv.DictReader(stats)}
    with open(f"{prefix}_failures.csv", encoding="utf-8") as failures:
        errors = [f"{r['Occurrences']} x {r['Error']}" for r in csv.DictReader(failures)]
    kinds = {n: _figures(r) for n, r in rows.items() if n not in ("Aggregated", "page")}
    return {"errors": errors, **_figures(rows["Aggregated"]), "kinds": kinds}


def _figures(row: dict) -> dict:
    return {
        "requests": int(row["Request Count"]),
        "failures": int(row["Failure Count"]),
        "p50": float(row["50%"]),
        "p95": float(row["95%"]),
        "rps": float(row["Requests/s"]),
    }


def start_ours(
    workdir: Path, database: str, workers: int = WORKERS, extra_env: dict | None = None
) -> tuple[subprocess.Popen, str]:
    """The documented production start (docs/deployment.md) on a free loopback port, once every
    worker is warmed; `extra_env` adds to (or, with None values, removes from) its environment."""
    env = {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": database,
        "STATIC_ROOT": str(workdir / "static"),
        "SECURE_SSL_REDIRECT": "false",
        "LOG_LEVEL": "ERROR",
        # One connection per worker kept open, as docs/deployment.md recommends.
        "DATABASE_CONN_MAX_AGE": os.environ.get("DATABASE_CONN_MAX_AGE", "600"),
    }
    for name, value in (extra_env or {}).items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    subprocess.run(
        [BIN / "ocop", "collectstatic", "--no-input"], env=env, check=True, capture_output=True
    )
    port = free_port()
    log = workdir / "gunicorn.log"
    log.unlink(missing_ok=True)  # a server started before in this folder: not its warm-up
    # The application's own log (errors and their tracebacks) goes to the same file.
    with open(log, "ab") as errors:
        server = subprocess.Popen(
            [BIN / "gunicorn", "ocop.wsgi", "-c", "python:ocop.gunicorn_conf",
             "--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--error-logfile", log],
            env=env,
            cwd=HERE.parent,
            stdout=subprocess.DEVNULL,
            stderr=errors,
        )  # fmt: skip
    host = f"http://127.0.0.1:{port}"
    wait_until_up(f"{host}/robots.txt", server)
    wait_until_warm(log, workers)
    return server, host


def wait_until_warm(log: Path, workers: int = WORKERS, seconds: float = 180) -> None:
    """Until every worker says it has built what the first visitors would wait for
    (ocop.gunicorn_conf), as a server that has been up a while has."""
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        text = log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""
        if text.count("Worker warmed") + text.count("Worker not warmed") >= workers:
            print(f"  workers warmed in {time.monotonic() - started:.0f} s")
            return
        time.sleep(0.5)
    print(f"  workers not warmed after {seconds:.0f} s; measuring anyway")


def start_datasette(workdir: Path) -> tuple[subprocess.Popen, str]:
    """Datasette on a copy of the bench database, with FTS5 over the same folded names our
    search reads (search_key), served immutable: the peer at its fastest."""
    import sqlite_utils

    copy = workdir / "peer.db"
    source = sqlite3.connect(settings.DATABASES["default"]["NAME"])
    with sqlite3.connect(copy) as target:
        source.backup(target)
    source.close()
    database = sqlite_utils.Database(copy)
    database["registry_product"].enable_fts(["search_key", "name"], fts_version="FTS5")
    database.conn.execute("PRAGMA journal_mode=DELETE")
    database.close()
    port = free_port()
    server = subprocess.Popen(
        [BIN / "datasette", "serve", "-i", copy, "--host", "127.0.0.1", "--port", str(port),
         "--setting", "default_page_size", "20", "--setting", "suggest_facets", "off"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    host = f"http://127.0.0.1:{port}"
    wait_until_up(f"{host}/peer/registry_product?_search=che&_size=20", server)
    return server, host


def report(name: str, figures: dict, goal: str) -> None:
    print(
        f"  {name:<38}{figures['requests']:>9}{figures['failures']:>6}{figures['p50']:>8.0f}"
        f"{figures['p95']:>8.0f}{figures['rps']:>9.1f}  {goal}"
    )
    for error in figures["errors"][:3]:  # why requests failed, so a failure is never silent
        print(f"    failed: {error}")


def against_peer(search: dict, peer: dict) -> None:
    ratio = search["rps"] / peer["rps"] if peer["rps"] else 0.0
    goal(
        f"search >= 2x Datasette's throughput: {search['rps']:.1f} against "
        f"{peer['rps']:.1f} req/s, {ratio:.2f}x",
        ratio >= 2 and not search["failures"],
    )


def in_process(urls: dict, goals: dict, count: int = 100) -> None:
    """CPU per request in this process, once the day's standings are built as a warmed worker
    has them: each address asked a first time (new), then again (rep, a kept page)."""
    from django.utils import timezone

    from ocop.catalog.standings import standings

    inprocess.prepare()
    standings(timezone.localdate())
    print_cpu_header(count)
    for name, addresses in urls.items():
        if addresses is None:
            continue
        cpu_per_request(addresses[count : count + 1])  # what every address shares, built
        sample = addresses[:count]
        first, again = cpu_per_request(sample), cpu_per_request(sample)
        print_cpu(name, first, again, goals.get(name.split()[0], "goal p95 < 50 ms"))
    sys.stdout.flush()


def main() -> None:
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
        print("  (the public-site bench runs on SQLite, the peer's engine; skipped)")
        return
    ensure_data()
    rng = random.Random(9)
    urls = sample_urls(rng)
    queries = urls.pop("_queries")
    peer_urls = [f"/peer/registry_product?_search={q.replace(' ', '+')}&_size=20" for q in queries]
    goals = {"verification": "goal p95 < 20 ms", "product": "goal p95 < 50 ms"}
    in_process(urls, goals)
    workdir = Path(tempfile.mkdtemp(prefix="ocop-bench-public-"))
    ours, host = start_ours(workdir, os.environ["DATABASE_URL"])
    peer = None
    try:
        peer, peer_host = start_datasette(workdir)
        print(
            f"  {Product.objects.count()} products; gunicorn {WORKERS} workers; "
            f"{USERS} users, {SECONDS} s a run; times in ms"
        )
        for mode, wait in MODES:
            print(f"  -- {mode}")
            print(f"  {'scenario':<38}{'requests':>9}{'fail':>6}{'p50':>8}{'p95':>8}{'req/s':>9}")
            search = None
            for name, addresses in urls.items():
                if addresses is None:
                    print(f"  {name:<38}skipped: the page does not exist yet")
                    continue
                kind = name.split()[0]
                figures = load(host, addresses, wait, workdir, f"{kind}-{mode}")
                report(name, figures, goals.get(kind, "goal p95 < 50 ms, req/s >= 2x Datasette"))
                search = figures if kind == "search" else search
            figures = load(peer_host, peer_urls, wait, workdir, f"datasette-{mode}")
            report("Datasette search (FTS5, immutable)", figures, "the peer")
            if mode == "saturated" and search is not None:  # paced: the pause sets the rate
                against_peer(search, figures)
            sys.stdout.flush()
    finally:
        stop(ours)
        if peer is not None:
            stop(peer)
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
