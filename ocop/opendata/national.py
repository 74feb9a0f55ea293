"""The whole registry as of today in one workbook (/du-lieu/so-dang-ky.xlsx without a day or a
status): about 25 s of CPU at 50,000 products, too long for a request and the same for every
visitor until the registry or the day changes. A task builds it once into a file under the
data folder, named after (day, registry version, site address), and the download serves that
file; while none is ready the visitor is told it is being prepared and the build is queued
once (a marker file beside it says it is queued)."""

import hashlib
import os
import time
from datetime import date
from pathlib import Path

from django.conf import settings
from django.db import connections
from django_tasks import task

from ocop.domain.dates import format_date
from ocop.opendata.records import COLUMNS, registry_on
from ocop.shared.exports import Layout, xlsx_file
from ocop.shared.freshness import token

# A queued build not done after this long is queued again (no worker ran it, or it died).
QUEUED_FOR_SECONDS = 15 * 60


def folder() -> Path:
    """Beside the database, never under MEDIA_ROOT: only the download view serves it."""
    return Path(settings.DATA_DIR) / "du-lieu"


def built(day: date, version: str, base: str) -> Path:
    """The file of `day`'s registry at `version`, its links written on `base`."""
    return folder() / f"so-dang-ky-{day.isoformat()}-{_key(version)}-{_key(base)[:8]}.xlsx"


def _version(connection=None) -> str:
    # A registry without a version token (never on a migrated database) is one version.
    return token(connection) or "-"


def _key(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def title(day: date) -> str:
    return f"DANH SÁCH SẢN PHẨM OCOP NGÀY {format_date(day)}"


def ready(day: date, base: str) -> Path | None:
    """The built file for the registry as this request reads it, or None after queueing its
    build (once: a build already queued is not queued again)."""
    path = built(day, _version(), base)
    if path.exists():
        return path
    if _mark_queued(path):
        build.enqueue(day.isoformat(), base)
    return path if path.exists() else None  # the immediate backend built it just now


def _mark_queued(path: Path) -> bool:
    marker = path.with_suffix(".queued")
    marker.parent.mkdir(parents=True, exist_ok=True)
    try:
        if time.time() - marker.stat().st_mtime < QUEUED_FOR_SECONDS:
            return False
        marker.unlink(missing_ok=True)
    except FileNotFoundError:
        pass
    try:
        os.close(os.open(marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
    except FileExistsError:  # another request queued it between the two lines
        return False
    return True


@task()
def build(day: str, base: str) -> str:
    """Write the workbook of `day`'s registry; kept only when the registry did not change while
    it was written (else the next download queues a build of the new version)."""
    day_, version = date.fromisoformat(day), _version(connections["default"])
    path = built(day_, version, base)
    try:
        if path.exists():
            return path.name
        rows = (record.values() for record in registry_on(day_, base))
        layout = Layout(sheet="Dữ liệu OCOP", title=[title(day_), ""])
        with xlsx_file([c.label for c in COLUMNS], rows, layout) as workbook:
            if _version(connections["default"]) != version:
                return "changed"
            partial = path.with_name(f"{path.name}.{os.getpid()}.part")
            with partial.open("wb") as out:
                while chunk := workbook.read(1024 * 1024):
                    out.write(chunk)
            os.replace(partial, path)  # whole or absent: a download never reads half a file
        _forget_others(path)
        return path.name
    finally:
        # Whatever happened, the next download may queue it again.
        path.with_suffix(".queued").unlink(missing_ok=True)


def _forget_others(kept: Path) -> None:
    """Files of other days or versions for the same address are of no use any more."""
    address = kept.stem.rsplit("-", 1)[1]
    for old in folder().glob(f"so-dang-ky-*-{address}.*"):
        if old != kept and old.suffix in (".xlsx", ".queued"):
            old.unlink(missing_ok=True)
