"""One archive of the whole registry (docs/backup.md): the database copied whole
(ocop.shared.database_copy) and every file under MEDIA_ROOT (product photos, misuse reports'
photos, the private folders of dossiers, revocations and inspections), with a manifest that
says what it holds and the SHA-256 of each member. `ocop backup` writes it, `ocop restore`
checks every checksum before it touches anything, then puts it back.

The archive is a gzip-compressed tar: `database.sqlite3` or `database.pgdump`, `media/…`, and
`manifest.json` last (its checksums are taken as the members are written, so a file changing
while the archive is made cannot slip in unnoticed)."""

import gzip
import hashlib
import io
import json
import shutil
import tarfile
import tempfile
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.db import connection as default_connection
from django.db.migrations.loader import MigrationLoader

from ocop.shared import database_copy, freshness

FORMAT = 1
MANIFEST = "manifest.json"
MEDIA = "media"
DATABASE_FILE = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
# Tables whose rows make an install "not empty": what the department entered. A migrated
# install holds reference data (provinces, units, product sets) and nothing of these.
OWN_DATA = ("registry_producer", "registry_product", "registry_decision", "auth_user")
_CHUNK = 1 << 20


class BackupError(Exception):
    """What the operator is told, in Vietnamese; nothing was changed."""


@dataclass(frozen=True)
class Made:
    path: Path
    files: int
    size: int
    created: str


def backup(path: Path, connection=default_connection) -> Made:
    """Write the archive at `path` (through a temporary file beside it: a failed run leaves
    no half archive under the name a nightly job keeps), and record it as the last backup."""
    created = datetime.now(UTC).isoformat(timespec="seconds")
    # The database's copy is made beside the archive, not in /tmp (often a small tmpfs).
    with tempfile.TemporaryDirectory(prefix=".ocop-backup-", dir=path.parent) as work:
        database = Path(work) / DATABASE_FILE[connection.vendor]
        # The database first: a file it names was written before the copy, so it is in the
        # folder when the files are read after it.
        database_copy.dump(database, connection)
        partial = path.with_name(f".{path.name}.partial")
        try:
            with tarfile.open(partial, "w:gz") as archive:
                members = [_add(archive, database, database.name)]
                members += [_add(archive, file, name) for file, name in _media_files()]
                manifest = _manifest(connection, members, created)
                _add_bytes(archive, MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1))
        except BaseException:
            partial.unlink(missing_ok=True)  # a full disk must not stay fuller
            raise
    partial.replace(path)
    made = Made(path, len(members) - 1, path.stat().st_size, created)
    record(made)
    return made


def _media_files():
    root = Path(settings.MEDIA_ROOT)
    if not root.is_dir():
        return
    for file in sorted(root.rglob("*")):
        if file.is_file():
            yield file, str(PurePosixPath(MEDIA, *file.relative_to(root).parts))


def _add(archive: tarfile.TarFile, file: Path, name: str) -> dict:
    info = archive.gettarinfo(file, arcname=name)
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    with file.open("rb") as source:
        hashing = _Hashing(source)
        archive.addfile(info, hashing)
    return {"path": name, "size": info.size, "sha256": hashing.digest.hexdigest()}


def _add_bytes(archive: tarfile.TarFile, name: str, text: str) -> None:
    data = text.encode()
    info = tarfile.TarInfo(name)
    info.size, info.mtime = len(data), int(datetime.now(UTC).timestamp())
    archive.addfile(info, io.BytesIO(data))


class _Hashing:
    """A file read through, its SHA-256 taken on the way."""

    def __init__(self, source):
        self.source, self.digest = source, hashlib.sha256()

    def read(self, size=-1):
        data = self.source.read(size)
        self.digest.update(data)
        return data


def _manifest(connection, members: list[dict], created: str) -> dict:
    return {
        "format": FORMAT,
        "application": "ocop-registry",
        "version": version("ocop-registry"),
        "database": connection.vendor,
        "migrations": applied_migrations(connection),
        "created": created,
        "files": members,
    }


def applied_migrations(connection=default_connection) -> list[str]:
    loader = MigrationLoader(connection, ignore_no_migrations=True)
    return sorted(f"{app}.{name}" for app, name in loader.applied_migrations)


# --- The last backup: a small file in the data folder --------------------------------------


def record_path() -> Path:
    return Path(settings.DATA_DIR) / "last-backup.json"


def record(made: Made) -> None:
    text = json.dumps(
        {"created": made.created, "path": str(made.path.resolve()), "size": made.size},
        ensure_ascii=False,
    )
    record_path().parent.mkdir(parents=True, exist_ok=True)
    record_path().write_text(text, encoding="utf-8")


def last_backup() -> datetime | None:
    """When the last archive was made on this machine (None: never, or not recorded)."""
    try:
        return datetime.fromisoformat(json.loads(record_path().read_text("utf-8"))["created"])
    except FileNotFoundError:
        return None


def last_backup_age_hours() -> float | None:
    made = last_backup()
    return None if made is None else (datetime.now(UTC) - made).total_seconds() / 3600


# --- Restoring --------------------------------------------------------------------------


def restore(path: Path, force: bool = False, connection=default_connection) -> dict:
    """Check the whole archive, then replace the database and MEDIA_ROOT with it; returns the
    manifest. Refuses (BackupError, nothing changed) a damaged archive, one of another
    database or newer migrations, and a target holding data unless `force`."""
    media_root = Path(settings.MEDIA_ROOT)
    media_root.parent.mkdir(parents=True, exist_ok=True)
    # Unpacked beside MEDIA_ROOT, so the files move into place by a rename.
    with tempfile.TemporaryDirectory(prefix=".ocop-restore-", dir=media_root.parent) as work:
        manifest = unpack(path, Path(work))
        _check_fits(manifest, connection)
        if not force:
            _check_empty(connection, media_root)
        database_copy.load(Path(work) / DATABASE_FILE[manifest["database"]], connection)
        _put_media(Path(work) / MEDIA, media_root)
    # Caches kept for the old database's version must not serve the restored one; and a
    # trigger the archive lacks (an older install) is put back.
    freshness.install(connection)
    return manifest


def unpack(path: Path, folder: Path) -> dict:
    """Unpack the archive into `folder`, checking each member against the manifest."""
    if not path.is_file():
        raise BackupError(f"Không có tệp sao lưu {path}.")
    try:
        with tarfile.open(path, "r:gz") as archive:
            manifest = _read_manifest(archive, path)
            expected = {member["path"]: member for member in manifest["files"]}
            for info in archive:
                if info.name == MANIFEST:
                    continue
                if info.name not in expected or not info.isfile():
                    raise BackupError(_damaged(path, f"có mục lạ {info.name!r}"))
                _extract(archive, info, folder, expected.pop(info.name), path)
    except (tarfile.TarError, gzip.BadGzipFile, EOFError, zlib.error) as exc:
        raise BackupError(_damaged(path, f"không đọc được: {exc}")) from exc
    if expected:
        raise BackupError(_damaged(path, f"thiếu {len(expected)} tệp, như {next(iter(expected))}"))
    return manifest


def _read_manifest(archive: tarfile.TarFile, path: Path) -> dict:
    try:
        manifest = json.load(archive.extractfile(MANIFEST))
    except KeyError:
        raise BackupError(_damaged(path, f"không có {MANIFEST}")) from None
    except ValueError as exc:
        raise BackupError(_damaged(path, f"{MANIFEST} không đọc được ({exc})")) from None
    if manifest.get("format") != FORMAT:
        raise BackupError(
            f"Tệp sao lưu {path} có định dạng {manifest.get('format')!r}; "
            f"phiên bản này chỉ đọc định dạng {FORMAT}."
        )
    return manifest


def _extract(archive, info: tarfile.TarInfo, folder: Path, expected: dict, path: Path) -> None:
    name = PurePosixPath(info.name)
    if name.is_absolute() or ".." in name.parts:
        raise BackupError(_damaged(path, f"đường dẫn không hợp lệ {info.name!r}"))
    target = folder.joinpath(*name.parts)
    target.parent.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    with archive.extractfile(info) as source, target.open("wb") as out:
        while chunk := source.read(_CHUNK):
            digest.update(chunk)
            out.write(chunk)
    if digest.hexdigest() != expected["sha256"] or info.size != expected["size"]:
        raise BackupError(_damaged(path, f"{info.name} không khớp mã kiểm tra SHA-256"))


def _damaged(path: Path, why: str) -> str:
    return f"Tệp sao lưu {path} bị hỏng ({why}). Không khôi phục gì; hãy dùng một bản sao lưu khác."


def _check_fits(manifest: dict, connection) -> None:
    if manifest["database"] != connection.vendor:
        raise BackupError(
            f"Tệp sao lưu là của cơ sở dữ liệu {manifest['database']}, còn cài đặt này dùng "
            f"{connection.vendor}: không khôi phục được."
        )
    known = {f"{app}.{name}" for app, name in MigrationLoader(None).disk_migrations}
    newer = sorted(set(manifest["migrations"]) - known)
    if newer:
        raise BackupError(
            f"Tệp sao lưu được tạo bởi phiên bản mới hơn ({manifest['version']}; các bước "
            f"chuyển đổi chưa có ở đây: {', '.join(newer[:3])}). Hãy cài phiên bản đó rồi "
            "khôi phục."
        )


def _check_empty(connection, media_root: Path) -> None:
    tables = set(connection.introspection.table_names())
    with connection.cursor() as cursor:
        for table in OWN_DATA:
            if table in tables:
                cursor.execute(f"SELECT 1 FROM {table} LIMIT 1")
                if cursor.fetchone():
                    raise BackupError(_not_empty(f"cơ sở dữ liệu đã có dữ liệu (bảng {table})"))
    if media_root.is_dir() and any(media_root.iterdir()):
        raise BackupError(_not_empty(f"thư mục tệp {media_root} không trống"))


def _not_empty(why: str) -> str:
    return (
        f"Nơi khôi phục không trống: {why}. Khôi phục sẽ xóa và thay toàn bộ; "
        "nếu đúng là muốn vậy, chạy lại với --force."
    )


def _put_media(unpacked: Path, media_root: Path) -> None:
    if media_root.exists():
        shutil.rmtree(media_root)
    if unpacked.is_dir():
        unpacked.replace(media_root)
    else:
        media_root.mkdir()
