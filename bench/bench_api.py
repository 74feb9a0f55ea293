"""The public API under load at national scale, run through `make bench` (bench/run.py).

On the bench database of bench_summary.py (50,000 products) it starts the production server
(gunicorn, DEBUG off) as bench_public.py does, with the API's rate limit off
(OCOP_API_PER_MINUTE=0: the load comes from one address), and sends with locust (headless,
BENCH_USERS visitors for BENCH_LOAD_SECONDS each run, saturated then paced):
- /api/v1/summary?as_of=… on days drawn from 2015-2026 (goal p95 < 100 ms);
- /api/v1/products?as_of=2025-12-31&status=all&page_size=100&page=… on pages drawn from the
  whole registry (goal p95 < 50 ms).
Every answer is computed: locust sends no If-None-Match (an address asked again may be
answered from what the worker kept for this registry version, as in production). Before the
load, the CPU time per request in this process (bench/inprocess.py): the figure to compare
with the goals on a busy machine. Traffic goes to 127.0.0.1 only."""

import os
import random
import shutil
import sys
import tempfile
import urllib.request
from datetime import date, timedelta
from pathlib import Path

from bench_public import MODES, SECONDS, USERS, WORKERS, load, report, start_ours, stop
from bench_summary import ensure_data
from inprocess import cpu_per_request, prepare, print_cpu, print_cpu_header

from ocop.registry.models import Product

PAGE_SIZE = 100
SAMPLE = 300
DAY = "2025-12-31"


def sample_urls(rng: random.Random) -> dict[str, tuple[list[str], str]]:
    first = date(2015, 1, 1)
    days = [first + timedelta(days=rng.randrange(12 * 365)) for _ in range(SAMPLE)]
    pages = -(-Product.objects.count() // PAGE_SIZE)
    producer_pages = 1 + Product.objects.values("producer").distinct().count() // PAGE_SIZE
    return {
        "producers /api/v1/producers": (
            [
                f"/api/v1/producers?as_of={DAY}&page={rng.randint(1, producer_pages)}"
                for _ in range(SAMPLE)
            ],
            "",
        ),
        "summary /api/v1/summary?as_of=": (
            [f"/api/v1/summary?as_of={day.isoformat()}" for day in days],
            "goal p95 < 100 ms",
        ),
        "100 products /api/v1/products": (
            [
                f"/api/v1/products?as_of={DAY}&status=all&page_size={PAGE_SIZE}"
                f"&page={rng.randint(1, pages)}"
                for _ in range(SAMPLE)
            ],
            "goal p95 < 50 ms",
        ),
    }


def in_process(urls: dict, count: int = 100) -> None:
    """CPU per request in this process, once what a warmed worker holds is built (the figures'
    timeline): each address asked a first time (new), then again (rep, a kept answer)."""
    from django.conf import settings

    from ocop.opendata import api_timeline

    settings.OCOP_API_PER_MINUTE = 0
    prepare()
    api_timeline.figures_on(date.today())
    print_cpu_header(count)
    for name, (addresses, goal) in urls.items():
        cpu_per_request(addresses[count : count + 1])  # what every address shares, built
        sample = addresses[:count]
        first, again = cpu_per_request(sample), cpu_per_request(sample)
        print_cpu(name, first, again, goal)
    sys.stdout.flush()


def warm_up(host: str, addresses: list[str]) -> None:
    """A few requests first, so each worker has found the list asked (once per registry
    version): the figures are then those of a server that has been up a while."""
    for address in addresses:
        urllib.request.urlopen(host + address, timeout=120).close()


def main() -> None:
    ensure_data()
    os.environ["OCOP_API_PER_MINUTE"] = "0"
    urls = sample_urls(random.Random(12))
    in_process(urls)
    del urls["producers /api/v1/producers"]  # under load: the two endpoints of the goals
    workdir = Path(tempfile.mkdtemp(prefix="ocop-bench-api-"))
    server, host = start_ours(workdir, os.environ["DATABASE_URL"])
    try:
        print(
            f"  {Product.objects.count()} products; gunicorn {WORKERS} workers; "
            f"{USERS} users, {SECONDS} s a run; times in ms"
        )
        for mode, wait in MODES:
            print(f"  -- {mode}")
            print(f"  {'scenario':<38}{'requests':>9}{'fail':>6}{'p50':>8}{'p95':>8}{'req/s':>9}")
            for name, (addresses, goal) in urls.items():
                warm_up(host, addresses[-8:])
                try:
                    figures = load(host, addresses, wait, workdir, f"api-{name.split()[0]}-{mode}")
                except ValueError:  # locust writes N/A when no request finished in the run
                    print(f"  {name:<38}no request finished within {SECONDS} s  {goal}")
                    continue
                report(name, figures, goal)
            sys.stdout.flush()
    finally:
        stop(server)
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
