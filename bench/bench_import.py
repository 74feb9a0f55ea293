"""Import of a generated 50,000-row workbook into a fresh database (DATABASE_URL), against
the raw read of the same file by openpyxl (read-only) and python-calamine: the floor is the
faster of the two. Run through `make bench`; `python bench/bench_import.py` alone works too."""

import os
import resource
import sys
import tempfile
import time
from pathlib import Path

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ocop.settings")
django.setup()

import openpyxl  # noqa: E402
import python_calamine  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from ocop.imports.engine import import_files  # noqa: E402
from ocop.imports.generate import write_workbook  # noqa: E402
from ocop.registry.models import Decision, Producer, Product  # noqa: E402

ROWS = int(os.environ.get("BENCH_IMPORT_ROWS", "50000"))
GOAL_RATIO, GOAL_SECONDS, GOAL_MB = 3.0, 20.0, 500


def read_openpyxl(path: Path) -> int:
    book = openpyxl.load_workbook(path, read_only=True)
    count = sum(1 for sheet in book.worksheets for _ in sheet.iter_rows(values_only=True))
    book.close()
    return count


def read_calamine(path: Path) -> int:
    book = python_calamine.CalamineWorkbook.from_path(str(path))
    return sum(len(book.get_sheet_by_name(name).to_python()) for name in book.sheet_names)


def timed(fn, *args) -> tuple[float, object]:
    start = time.perf_counter()
    result = fn(*args)
    return time.perf_counter() - start, result


def empty_registry() -> None:
    call_command("migrate", verbosity=0)
    Decision.objects.all().delete()
    Product.objects.all().delete()
    Producer.objects.all().delete()


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "ocop-50000.xlsx"
        seconds, _ = timed(write_workbook, path, ROWS)
        print(f"  generated {ROWS} rows ({path.stat().st_size // 1024} KiB) in {seconds:.1f} s")
        openpyxl_s, _ = timed(read_openpyxl, path)
        calamine_s, _ = timed(read_calamine, path)
        floor = min(openpyxl_s, calamine_s)
        empty_registry()
        import_s, result = timed(import_files, [path])
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    totals = result.totals()
    ratio = import_s / floor
    print(f"  raw read: openpyxl {openpyxl_s:.2f} s, calamine {calamine_s:.2f} s (floor)")
    print(
        f"  {connection.vendor}: import {import_s:.2f} s = {ratio:.1f}x the floor; "
        f"peak memory {peak_mb:.0f} MB; {totals.decisions_added} decisions, "
        f"{totals.products_created} products, {totals.producers_created} producers, "
        f"{len(result.warnings)} warnings"
    )
    goals = [
        (ratio <= GOAL_RATIO, f"<= {GOAL_RATIO:g}x the floor"),
        (import_s < GOAL_SECONDS, f"< {GOAL_SECONDS:g} s"),
        (peak_mb < GOAL_MB, f"< {GOAL_MB} MB"),
    ]
    print("  goals: " + ", ".join(f"{text} {'met' if ok else 'NOT met'}" for ok, text in goals))
    sys.stdout.flush()
    return 0 if result.ok else 1


if __name__ == "__main__":
    sys.exit(main())
