"""The full CSV download of the registry (/du-lieu/so-dang-ky.csv) at national scale: it must
stream in < 5 s with constant memory. Each download runs in a fresh process that reads the
response piece by piece, as a client does; its peak resident memory (RSS) at 50,000 products is
compared with the same download at 5,000 products. Run through `make bench` (DATABASE_URL is
the 50,000-product database of bench_summary.py; the small one is made beside it)."""

import os
import resource
import subprocess
import sys
import time
from pathlib import Path

TARGET_SECONDS = 5.0
# What "constant" allows: the 50,000-product download may use this much more memory at its
# peak than the 5,000-product one (interpreter noise, the database's own page cache).
MAX_GROWTH_MB = 25
SMALL = 5000
HERE = Path(__file__).resolve().parent


def setup():
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ocop.settings")
    django.setup()


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(path: str) -> None:
    """In the child: one download through the whole Django stack, read in pieces."""
    setup()
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    client.get("/du-lieu/so-dang-ky.csv", {"tinh_trang": "thu-hoi", "ngay": "01/01/2019"})
    before = peak_mb()
    start, cpu = time.perf_counter(), time.process_time()
    response = client.get(path)
    size = rows = 0
    for piece in response.streaming_content:
        size += len(piece)
        rows += piece.count(b"\n")
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    print(f"{seconds:.3f} {cpu:.3f} {before:.1f} {peak_mb():.1f} {size} {rows - 1}")


def child(database_url: str, path: str) -> tuple[float, float, float, float, int, int]:
    env = {**os.environ, "DATABASE_URL": database_url, "PYTHONPATH": str(HERE.parent)}
    out = subprocess.check_output([sys.executable, __file__, "--measure", path], env=env)
    seconds, cpu, before, peak, size, rows = out.split()
    return float(seconds), float(cpu), float(before), float(peak), int(size), int(rows)


def small_database(url: str) -> str:
    if url.startswith("sqlite:///"):
        return url.removesuffix(".sqlite3") + f"-{SMALL}.sqlite3"
    server, _, name = url.rpartition("/")
    small = f"{name}_{SMALL}"
    import psycopg

    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [small]).fetchone():
            conn.execute(f"CREATE DATABASE {small}")
    return f"{server}/{small}"


def fill(database_url: str, products: int) -> None:
    """Generate `products` into the database (bench_summary's data set, same seed)."""
    script = (
        f"import os, sys; sys.argv = ['x']; os.environ['BENCH_PRODUCTS'] = '{products}'\n"
        "import bench_summary; bench_summary.ensure_data()"
    )
    env = {**os.environ, "DATABASE_URL": database_url, "PYTHONPATH": f"{HERE}:{HERE.parent}"}
    subprocess.check_call([sys.executable, "-c", script], env=env)


def main() -> int:
    big = os.environ["DATABASE_URL"]
    small = small_database(big)
    fill(big, int(os.environ.get("BENCH_PRODUCTS", "50000")))
    fill(small, SMALL)
    # Wall time is what a client waits; CPU time says what it would be on an idle machine.
    print(f"  load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"  {'download':<26}{'products':>9}{'MB':>6}{'seconds':>9}{'CPU s':>7}"
          f"{'peak RSS MB':>13}{'growth MB':>11}")  # fmt: skip
    results = {}
    for label, url in (("small", small), ("national", big)):
        for path in ("/du-lieu/so-dang-ky.csv", "/du-lieu/so-dang-ky.json"):
            seconds, cpu, before, peak, size, rows = child(url, path)
            results[label, path] = (seconds, peak)
            print(f"  {path:<26}{rows:>9}{size / 1e6:>6.1f}{seconds:>9.2f}{cpu:>7.2f}"
                  f"{peak:>13.1f}{peak - before:>11.1f}")  # fmt: skip
    csv = "/du-lieu/so-dang-ky.csv"
    seconds, peak = results["national", csv]
    growth = peak - results["small", csv][1]
    ok = seconds < TARGET_SECONDS and growth < MAX_GROWTH_MB
    print(
        f"  CSV at national scale: {seconds:.2f} s (target < {TARGET_SECONDS:.0f} s), peak RSS "
        f"{growth:+.1f} MB against {SMALL} products (allowed < {MAX_GROWTH_MB}): "
        f"{'ok' if ok else 'MISSED'}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    if sys.argv[1:2] == ["--measure"]:
        measure(sys.argv[2])
    else:
        sys.exit(main())
