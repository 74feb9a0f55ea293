"""Summary time at national scale on the database of DATABASE_URL, against one hand-written SQL
aggregate that computes the same figures (the floor). Run through `make bench`."""

import os
import statistics
import sys
import time
from datetime import date

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ocop.settings")
django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from ocop.registry.generate import generate  # noqa: E402
from ocop.registry.models import Decision, Product  # noqa: E402
from ocop.registry.summary import summarize  # noqa: E402

PRODUCTS = int(os.environ.get("BENCH_PRODUCTS", "50000"))
DAYS = [date(2023, 6, 30), date(2025, 12, 31), date(2027, 3, 1)]
RUNS = 5

# The best single statement we could write by hand on the same schema: each product's latest
# decision as of the day (next_decided_on), valid or lapsed or revoked, plus the rare product
# whose latest decision was revoked while an earlier one is still valid (OCOP.md §2).
VALID = (
    "{t}.decided_on <= %(day)s AND {t}.last_valid_day >= %(day)s"
    " AND ({t}.revoked_on IS NULL OR {t}.revoked_on > %(day)s)"
)
FLOOR_SQL = f"""
WITH latest AS (
    SELECT product_id, stars, last_valid_day, revoked_on FROM registry_decision
    WHERE decided_on <= %(day)s AND (next_decided_on IS NULL OR next_decided_on > %(day)s)
), valid AS (
    SELECT product_id, stars FROM latest
    WHERE last_valid_day >= %(day)s AND (revoked_on IS NULL OR revoked_on > %(day)s)
    UNION ALL
    SELECT l.product_id, (
        SELECT w.stars FROM registry_decision w WHERE w.product_id = l.product_id
        AND {VALID.format(t="w")} ORDER BY w.decided_on DESC, w.id DESC LIMIT 1)
    FROM latest l WHERE l.revoked_on <= %(day)s AND EXISTS (
        SELECT 1 FROM registry_decision w WHERE w.product_id = l.product_id
        AND {VALID.format(t="w")})
)
SELECT
    (SELECT COUNT(*) FROM valid),
    (SELECT SUM(CASE WHEN stars = 3 THEN 1 ELSE 0 END) FROM valid),
    (SELECT SUM(CASE WHEN stars = 4 THEN 1 ELSE 0 END) FROM valid),
    (SELECT SUM(CASE WHEN stars = 5 THEN 1 ELSE 0 END) FROM valid),
    (SELECT COUNT(DISTINCT p.producer_id) FROM valid v JOIN registry_product p
        ON p.id = v.product_id),
    (SELECT COUNT(DISTINCT p.unit_id) FROM valid v JOIN registry_product p
        ON p.id = v.product_id),
    (SELECT COUNT(*) FROM latest WHERE last_valid_day < %(day)s
        AND (revoked_on IS NULL OR revoked_on > %(day)s)),
    (SELECT COUNT(*) FROM latest l WHERE l.revoked_on <= %(day)s AND NOT EXISTS (
        SELECT 1 FROM registry_decision w WHERE w.product_id = l.product_id
        AND {VALID.format(t="w")}))
"""


def floor(day: date) -> tuple:
    # Named parameters: SQLite takes the pyformat style through Django's cursor too.
    with connection.cursor() as cursor:
        cursor.execute(FLOOR_SQL, {"day": day})
        return tuple(int(x or 0) for x in cursor.fetchone())


def timed(fn, *args) -> tuple[float, object]:
    times, result = [], None
    for _ in range(RUNS):
        start = time.perf_counter()
        result = fn(*args)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000, result


def ensure_data() -> None:
    """The national-scale data set, generated once into the benchmark's database (the search
    benchmark, bench_search.py, uses it too)."""
    call_command("migrate", verbosity=0)
    if Product.objects.count() < PRODUCTS:
        start = time.perf_counter()
        counts = generate(
            PRODUCTS - Product.objects.count(),
            provinces=34,
            seed=50,
            today=date(2026, 11, 1),
            first_day=date(2011, 1, 1),
            reevaluate=0.95,
            force=True,  # the benchmark's own database, possibly filled before sources were set
        )
        print(
            f"  generated {counts.products} products, {counts.producers} producers, "
            f"{counts.decisions} decisions in {time.perf_counter() - start:.1f} s"
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def main() -> None:
    ensure_data()
    print(
        f"  {connection.vendor}: {Product.objects.count()} products, "
        f"{Decision.objects.count()} decisions"
    )
    print(f"  {'day':<12}{'summary ms':>12}{'floor ms':>10}{'ratio':>8}  figures agree")
    for day in DAYS:
        ms, summary = timed(summarize, day)
        floor_ms, figures = timed(floor, day)
        ours = (
            summary.valid_products,
            *(summary.valid_by_stars[s] for s in "345"),
            summary.producers,
            summary.communes,
            summary.expired_products,
            summary.revoked_products,
        )
        agree = "yes" if ours == figures else f"NO: {ours} vs {figures}"
        print(f"  {day.isoformat():<12}{ms:>12.1f}{floor_ms:>10.1f}{ms / floor_ms:>8.2f}  {agree}")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
