"""Search time at national scale (the data set of bench_summary: 50,000 products) on the
database of DATABASE_URL, in process: the whole /san-pham/ search (matching, the status of
today, five facets with counts, one page of results with their verdicts), p50 and p95 over
several runs of each query, each run as a query never asked before (only the day's standings
of every product, ocop.catalog.standings, are kept between runs; their build time is printed
first). Run through `make bench`.

The HTTP load benchmark (bench_public.py, locustfile.py) asks the same queries: SEARCH_URL and
QUERIES below are its list."""

import os
import statistics
import sys
import time
from datetime import date

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ocop.settings")
django.setup()

from django.http import QueryDict  # noqa: E402

from bench.bench_summary import ensure_data  # noqa: E402
from ocop.catalog.product_search import Criteria, search  # noqa: E402
from ocop.catalog.standings import standings  # noqa: E402

SEARCH_URL = "/san-pham/"
# What people type: accent-free product words, a producer, a commune with a word, a typo, one
# letter, English and the other word of a product, and the bare list (no words: every product,
# valid first, in dictionary order).
QUERIES = [
    "q=che+shan+tuyet",
    "q=mat+ong+bac+ha",
    "q=dong+trung+ha+thao",
    "q=gao+seng+cu",
    "q=hop+tac+xa+thao+duoc",
    "q=khun+ha+hong+tra",
    "q=che",  # also "trà", product names first
    "q=honey",  # English: "mật ong"
    "q=thao+quaa",  # one typo
    "q=d",
    "q=trang+phuc+dao&tinh_trang=tat-ca&sap_xep=ten&trang=3",
    "q=mat+ong&sao=4&sao=5",
    "",
]
DAY = date(2026, 11, 1)
RUNS = int(os.environ.get("BENCH_RUNS", "15"))


def percentile(times: list[float], share: float) -> float:
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def forget_searches() -> None:
    """Each run a query never seen: the day's standings stay (built once a day and registry
    version), the words' matches, counts and result products are computed again."""
    kept = standings(DAY)
    kept._memo.clear()
    kept._words.clear()
    kept.products.clear()


def main() -> None:
    ensure_data()
    every = []
    start = time.perf_counter()
    standings(DAY)
    print(
        f"  the day's standings of every product: {(time.perf_counter() - start) * 1000:.0f} ms"
        " (once a day and after each write to the registry, per server process)"
    )
    print(f"  {'query':<58}{'found':>7}{'p50 ms':>9}{'p95 ms':>9}")
    for query in QUERIES:
        criteria = Criteria.from_query(QueryDict(query))
        times = []
        for _ in range(RUNS):
            forget_searches()
            start = time.perf_counter()
            found = search(criteria, DAY)
            times.append((time.perf_counter() - start) * 1000)
        every += times[1:]  # the first run warms the caches
        label = f"{SEARCH_URL}?{query}" if query else SEARCH_URL
        p50, p95 = statistics.median(times[1:]), percentile(times[1:], 0.95)
        print(f"  {label:<58}{found.total:>7}{p50:>9.1f}{p95:>9.1f}")
    p50, p95 = statistics.median(every), percentile(every, 0.95)
    print(f"  all queries: p50 {p50:.1f} ms, p95 {p95:.1f} ms")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
