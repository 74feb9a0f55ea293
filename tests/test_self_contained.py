"""The project carries everything its tests, demo and benchmarks use: a clone placed in an
empty folder has no sibling shared/ folder to read from."""

import re
import subprocess
from pathlib import Path

from tests.factories import SAMPLES

ROOT = Path(__file__).resolve().parents[1]
# A path that climbs out of the checkout into the steering folder.
OUTSIDE = re.compile(r"""(\.\./shared|parents\[\d\]\s*/\s*["']shared["'])""")


def tracked_code() -> list[Path]:
    names = subprocess.run(
        ["git", "ls-files", "*.py", "Makefile", "*.sh", ".ci/*", "*.toml", "*.cfg"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return [ROOT / name for name in names if (ROOT / name).is_file()]


def test_it_reads_nothing_outside_the_checkout():
    this_file = Path(__file__).resolve()
    offenders = [
        str(path.relative_to(ROOT))
        for path in tracked_code()
        if path.resolve() != this_file and OUTSIDE.search(path.read_text(errors="replace"))
    ]
    assert offenders == []


def test_the_sample_lists_live_inside_the_repository():
    assert SAMPLES.resolve().is_relative_to(ROOT)
    for name in [
        "ocop-mau-2019-2026.xlsx",
        "ocop-mau-2019-2026-loi.xlsx",
        "ocop-mau-2019-2026.expected.json",
    ]:
        assert (SAMPLES / name).stat().st_size > 0
