"""Reads under writes (issue 17), run through `make bench` (bench/run.py) on SQLite and on
PostgreSQL: do the public pages keep their speed while the registry is being written?

On a copy of the national bench database (50,000 products, bench_summary.py; the copy is
written to, the bench database is left as it is), the documented production start (gunicorn,
3 workers, DEBUG off: docs/deployment.md) serves 8 visitors without pause (locust, headless)
a mix of the search, product and verification pages of 500 random products, in three phases
of BENCH_PHASE_SECONDS (25; 10 with BENCH_QUICK=1), each on a freshly started, warmed server
that has served the same reads for BENCH_WARM_SECONDS (15; 5) first, not measured:
- alone: nothing else happens;
- officer: an officer signed in to the back office saves a product every 2 s (opens its change
  form in the admin, changes its description, saves: officer.py), over HTTP like the visitors;
  signed in, and having opened ADMIN_WARM change forms, before the phase is timed;
- import: `ocop import` of a generated 5,000-row workbook starts with the phase, which lasts
  until BENCH_PHASE_SECONDS after the import has finished: an import commits once, at its end,
  and what its commit makes stale is rebuilt after it.
It prints requests, failures, p50, p95 and requests/s per phase and per kind of page, the
server's CPU (seconds, and milliseconds per request), the phase's length and the machine's load
average, then the ratios to the reads alone. Goal (issue 17): under writes,
throughput >= 0.8x and p95 < 2x the reads alone, with no error. Traffic goes to 127.0.0.1
only; every phase is bounded in time."""

import os
import random
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import psutil
from bench_data import fill
from copies import copy_database, drop_database
from goals import goal
from officer import CHANGE, Session, save_every

BIN = Path(sys.executable).parent
QUICK = os.environ.get("BENCH_QUICK") == "1"
SECONDS = int(os.environ.get("BENCH_PHASE_SECONDS", "10" if QUICK else "25"))
PRODUCTS = int(os.environ.get("BENCH_PRODUCTS", "50000"))
IMPORT_ROWS = int(os.environ.get("BENCH_WRITES_IMPORT_ROWS", "5000"))
USERS, WORKERS, SAMPLE = 8, 3, 500
SAVE_EVERY = 2.0
LONGEST = 900  # seconds a phase may take at most, whatever happens
# Seconds of the same reads before each phase, not measured: the pages the workers keep are
# then those of a server that has been up a while, which a write makes stale.
WARM = int(os.environ.get("BENCH_WARM_SECONDS", "5" if QUICK else "15"))
OFFICER = "bench.officer"
ADMIN_WARM = 9  # change forms opened before the officer's phase is timed (3 workers)
GOAL_THROUGHPUT, GOAL_P95 = 0.8, 2.0


@dataclass
class Outcome:
    """What the writes of a phase did: lines to print under its figures, and their errors."""

    notes: list[str] = field(default_factory=list)
    errors: int = 0


def mixed_urls(sample_urls) -> list[list[str]]:
    """[kind, address] pairs, as many of each kind (bench_public's sample of the registry)."""
    urls = sample_urls(random.Random(17))
    del urls["_queries"]
    return [
        [name.split()[0], address]
        for name, addresses in urls.items()
        if addresses is not None
        for address in addresses[:SAMPLE]
    ]


def officer_account() -> tuple[str, list[int]]:
    """A department officer of the province with most products, able to sign in at once (no
    one-time password); their password and 20 of their province's products."""
    from django.db.models import Count

    from ocop.accounts.making import create_account, place_of
    from ocop.accounts.models import StaffProfile
    from ocop.registry.models import Product, Province

    busiest = (
        Product.objects.values("unit__province").annotate(n=Count("pk")).order_by("-n").first()
    )
    province = Province.objects.get(pk=busiest["unit__province"])
    place = place_of("officer", province=province)
    user, _ = create_account(OFFICER, place, "can.bo.do.tai@example.org", full_name="Cán bộ đo")
    password = secrets.token_urlsafe(16)
    user.set_password(password)
    user.save(update_fields=["password"])
    StaffProfile.objects.filter(user=user).update(must_change_password=False)
    ids = list(Product.objects.filter(unit__province=province).values_list("pk", flat=True))
    return password, random.Random(2).sample(ids, min(20, len(ids)))


@contextmanager
def officer_saving(host: str, password: str, product_ids: list[int], outcome: Outcome):
    session = Session(host)
    session.sign_in(OFFICER, password)
    # Before the phase is timed, as the sign-in: the officer opens a few change forms, so that
    # each worker has served the admin once (its first admin page costs ~0.6 s of CPU, once per
    # worker's life), as in a server an officer has worked on a while.
    for product_id in product_ids[:ADMIN_WARM]:
        session.form(CHANGE.format(product_id), id="product_form")
    stop, done = threading.Event(), {}
    worker = threading.Thread(
        target=lambda: done.update(saves=save_every(session, product_ids, SAVE_EVERY, stop))
    )
    worker.start()
    try:
        yield None
    finally:
        stop.set()
        worker.join(timeout=120)
        saves = done.get("saves")
        errors = saves.errors if saves else ["the officer did not stop within 120 s"]
        outcome.notes.append(f"officer: {saves.line() if saves else 'hung'}")
        outcome.notes += [f"  failed: {error}" for error in errors[:3]]
        outcome.errors += len(errors)


@contextmanager
def importing(workbook: Path, database: str, outcome: Outcome):
    """`ocop import` of the workbook, started with the phase. The reads go on until SECONDS
    after it has finished, while the workers rebuild what its commit made stale: the event
    yielded is set then."""
    log = workbook.with_suffix(".log").open("w+b")
    started, settled, done = time.perf_counter(), threading.Event(), {}
    process = subprocess.Popen(
        [BIN / "ocop", "import", str(workbook)],
        env={**os.environ, "DATABASE_URL": database},
        stdout=subprocess.DEVNULL,
        stderr=log,
    )

    def reap():  # os.wait4: the kernel's account of the child's CPU, which Popen.wait drops
        _, status, usage = os.wait4(process.pid, 0)
        done.update(status=status, cpu=usage.ru_utime + usage.ru_stime)
        done["wall"] = time.perf_counter() - started
        timer = threading.Timer(SECONDS, settled.set)
        timer.daemon = True
        timer.start()

    reaper = threading.Thread(target=reap, daemon=True)
    reaper.start()
    try:
        yield settled
    finally:
        reaper.join(LONGEST)
        if reaper.is_alive():
            process.kill()
            reaper.join()
        process.returncode = os.waitstatus_to_exitcode(done["status"])
        outcome.notes.append(
            f"import of {IMPORT_ROWS} rows: {done['wall']:.1f} s wall, {done['cpu']:.1f} s CPU, "
            f"exit {process.returncode}; the reads went on {SECONDS} s after it"
        )
        if process.returncode != 0:
            log.seek(0)
            outcome.notes.append(f"  failed: {log.read().decode(errors='replace')[-500:]}")
            outcome.errors += 1
        log.close()


@contextmanager
def nothing(outcome: Outcome):
    yield None


def server_cpu(server: subprocess.Popen) -> float:
    """CPU seconds of gunicorn and its workers so far."""
    master = psutil.Process(server.pid)
    total = 0.0
    for process in [master, *master.children(recursive=True)]:
        try:
            times = process.cpu_times()
        except psutil.NoSuchProcess:
            continue
        total += times.user + times.system
    return total


def phase(name: str, workdir: Path, database: str, urls: list, disturbance) -> dict:
    """One phase on a freshly started, warmed server: the reads, while `disturbance` runs."""
    from bench_public import load, start_ours, stop

    server, host = start_ours(workdir, database, workers=WORKERS)
    outcome = Outcome()
    try:
        load(host, urls, "0,0", workdir, f"warm-{name}", users=USERS, seconds=WARM)
        with disturbance(host, outcome) as until:
            before, started = server_cpu(server), time.perf_counter()
            figures = load(host, urls, "0,0", workdir, f"writes-{name}", users=USERS,
                           seconds=SECONDS if until is None else LONGEST, until=until)  # fmt: skip
            figures["cpu"] = server_cpu(server) - before
            figures["seconds"] = time.perf_counter() - started
            figures["load"] = os.getloadavg()[0]
    finally:
        stop(server)
    if outcome.errors or figures["failures"]:
        outcome.notes += [f"  server: {line}" for line in server_errors(workdir / "gunicorn.log")]
    figures["outcome"] = outcome
    return figures


def server_errors(log: Path) -> list[str]:
    """Each different exception in the server's log, with the registry's own code it went
    through last (the line of a traceback that says where to look)."""
    lines = log.read_text(encoding="utf-8", errors="replace").splitlines() if log.exists() else []
    found, where = [], ""
    for line in lines:
        frame = re.search(r'File ".*?/(ocop/[^"]+)", line (\d+), in (\w+)', line)
        if frame:
            where = f"{frame[1]}:{frame[2]} in {frame[3]}"
        elif re.match(r"[\w.]+(Error|Exception)\b.*:", line):
            found.append(f"{line} (last in {where or 'no registry code'})")
            where = ""
    return list(dict.fromkeys(found))[:3]


def print_phase(name: str, figures: dict) -> None:
    rows = [("all", figures), *sorted(figures["kinds"].items())]
    for index, (kind, row) in enumerate(rows):
        whole = ""
        if index == 0:  # the server's CPU, the phase's length and the machine's load
            per_request = figures["cpu"] * 1000 / max(1, row["requests"])
            whole = (
                f"{figures['cpu']:>7.1f}{per_request:>8.0f}{figures['seconds']:>6.0f}"
                f"{figures['load']:>6.1f}"
            )
        print(
            f"  {name if index == 0 else '':<9}{kind:<14}{row['requests']:>9}{row['failures']:>6}"
            f"{row['p50']:>8.0f}{row['p95']:>8.0f}{row['rps']:>9.1f}{whole}"
        )
    for note in figures["outcome"].notes:
        print(f"    {note}")
    for error in figures["errors"][:3]:
        print(f"    failed: {error}")
    sys.stdout.flush()


def judge(label: str, figures: dict, alone: dict) -> bool:
    throughput = figures["rps"] / alone["rps"] if alone["rps"] else 0.0
    p95 = figures["p95"] / alone["p95"] if alone["p95"] else float("inf")
    errors = figures["failures"] + figures["outcome"].errors
    # The load averages: other work on a shared machine moves the ratios, and says so here.
    return goal(
        f"reads {label}: throughput {throughput:.2f}x (>= {GOAL_THROUGHPUT}x), p95 {p95:.2f}x "
        f"(< {GOAL_P95:g}x), {errors} errors (0) against the reads alone (load average "
        f"{alone['load']:.1f} then, {figures['load']:.1f} now)",
        throughput >= GOAL_THROUGHPUT and p95 < GOAL_P95 and errors == 0,
    )


def measure(workdir: Path, database: str) -> None:
    # Django is set up here, by bench_public, once DATABASE_URL names the copy.
    from bench_public import sample_urls
    from django.db import connection, connections

    from ocop.imports.generate import write_workbook

    urls = mixed_urls(sample_urls)
    password, product_ids = officer_account()
    workbook = write_workbook(workdir / f"import-{IMPORT_ROWS}.xlsx", IMPORT_ROWS)
    print(
        f"  {connection.vendor}: {PRODUCTS} products; gunicorn {WORKERS} workers; {USERS} "
        f"visitors without pause; {SECONDS} s a phase; times in ms; load average "
        f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    )
    connections.close_all()  # nothing of this process in the way of the server's writes
    print(f"  {'phase':<9}{'page':<14}{'requests':>9}{'fail':>6}{'p50':>8}{'p95':>8}"
          f"{'req/s':>9}{'CPU s':>7}{'ms/req':>8}{'s':>6}{'load':>6}")  # fmt: skip
    disturbances = {
        "alone": lambda host, outcome: nothing(outcome),
        "officer": lambda host, outcome: officer_saving(host, password, product_ids, outcome),
        "import": lambda host, outcome: importing(workbook, database, outcome),
    }
    results = {}
    for name, disturbance in disturbances.items():
        results[name] = phase(name, workdir, database, urls, disturbance)
        print_phase(name, results[name])
    judge("while an officer saves a product every 2 s", results["officer"], results["alone"])
    judge(f"while a {IMPORT_ROWS}-row import runs", results["import"], results["alone"])


def main() -> int:
    original = os.environ["DATABASE_URL"]
    fill(original, PRODUCTS)
    workdir = Path(tempfile.mkdtemp(prefix="ocop-bench-writes-"))
    copy = copy_database(original, workdir, "writes")
    os.environ["DATABASE_URL"] = copy
    try:
        measure(workdir, copy)
    finally:
        drop_database(copy)
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
