"""`ocop backup` and `ocop restore` between two real installations, each its own data folder
and database (SQLite files, or PostgreSQL databases in that pass of CI), run as the commands
an operator types: the restored one has the same figures on every date, the same product page
and search, the same files and the same audit log, its triggers in place; a damaged archive or
a target holding data is refused in Vietnamese, and nothing is changed."""

import io
import json
import os
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from django.conf import settings

from tests.test_import_concurrent import ENGINE, PostgresDatabase, SqliteFile

CLI = "from ocop.cli import main; main()"
ROOT = Path(__file__).resolve().parents[1]


class Install:
    """One installation: a data folder (media, cache, last-backup record) and a database."""

    def __init__(self, folder: Path, database):
        self.folder, self.database = folder, database

    def ocop(self, *args) -> subprocess.CompletedProcess:
        env = {k: v for k, v in os.environ.items() if k not in ("MEDIA_ROOT", "CACHE_DIR")}
        env.update(DATABASE_URL=self.database.url, OCOP_DATA_DIR=str(self.folder))
        return subprocess.run(
            [sys.executable, "-c", CLI, *args],
            env=env, cwd=ROOT, capture_output=True, text=True, timeout=300,
        )  # fmt: skip

    def must(self, *args) -> str:
        done = self.ocop(*args)
        assert done.returncode == 0, done.stdout + done.stderr
        return done.stdout

    def describe(self) -> dict:
        code = "from tests.backup_scene import describe; describe()"
        return json.loads(self.must("shell", "--no-imports", "-c", code))

    @property
    def media(self) -> Path:
        return self.folder / "media"


def new_database(tmp_path: Path, name: str):
    if ENGINE == "django.db.backends.postgresql":
        prefix = settings.DATABASES["default"]["NAME"].removeprefix("test_")
        return PostgresDatabase(f"{prefix}_{name}").create()
    return SqliteFile(tmp_path / "data" / "ocop.sqlite3")


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    """A registry with decisions, photos, a misuse report and its audit log, backed up."""
    folder = tmp_path_factory.mktemp("source")
    source = Install(folder / "data", new_database(folder, "backup_source"))
    source.must("migrate", "--no-input")
    source.must("shell", "-c", "from tests.backup_scene import make; make()")
    archive = folder / "ocop.tar.gz"
    said = source.must("backup", str(archive))
    yield source, archive, said, source.describe()
    source.database.drop()


@pytest.fixture
def target(tmp_path):
    """A new installation: an empty data folder, a database with no tables at all."""
    install = Install(tmp_path / "data", new_database(tmp_path, "backup_target"))
    yield install
    install.database.drop()


def test_the_archive_holds_the_database_the_files_and_a_manifest(made):
    source, archive, said, _ = made
    with tarfile.open(archive) as opened:
        names = opened.getnames()
        manifest = json.load(opened.extractfile("manifest.json"))
    assert "Đã sao lưu vào" in said
    assert manifest["format"] == 1 and manifest["application"] == "ocop-registry"
    assert manifest["database"] == ("postgresql" if "postgresql" in ENGINE else "sqlite")
    assert "registry.0001_initial" in manifest["migrations"]
    listed = {member["path"] for member in manifest["files"]}
    assert listed == set(names) - {"manifest.json"}
    media = {n for n in listed if n.startswith("media/")}
    assert {n.split("/")[1] for n in media} == {"san-pham", "phan-anh", "ho-so"}
    assert all(len(member["sha256"]) == 64 for member in manifest["files"])
    recorded = json.loads((source.folder / "last-backup.json").read_text("utf-8"))
    assert recorded["created"] == manifest["created"]


@pytest.mark.parametrize("migrated", [False, True], ids=["new", "migrated"])
def test_a_restore_gives_back_the_same_registry(made, target, migrated):
    _, archive, _, before = made
    if migrated:
        target.must("migrate", "--no-input")

    said = target.must("restore", str(archive))

    assert "Đã khôi phục" in said
    after = target.describe()
    assert after["figures"] == before["figures"]
    assert "Chè búp một tôm hai lá" in after["page"] and after["page"] == before["page"]
    assert "Chè Shan tuyết Nậm Sỏ" in after["search"] and after["search"] == before["search"]
    assert after["files"] == before["files"] and len(after["files"]) >= 5
    assert after["audit"] == before["audit"] and len(after["audit"]) >= 6
    # Every entry chained, the same hashes, and the chain checked whole on the restored side.
    assert [str(entry_id) for _, entry_id, _ in before["chain"]] == [e[0] for e in before["audit"]]
    assert after["chain"] == before["chain"]
    head = before["chain"][-1]
    assert after["chain_verdict"] == before["chain_verdict"] == f"{head[0]}:{head[2]}"
    assert after["triggers"] == before["triggers"]
    assert after["audit_guarded"] and after["freshness_missing"] == []
    assert after["registry_version"]


def test_a_target_holding_data_is_refused_unless_forced(made, target):
    _, archive, _, before = made
    target.must("restore", str(archive))

    refused = target.ocop("restore", str(archive))

    assert refused.returncode == 1
    assert "Nơi khôi phục không trống" in refused.stderr and "--force" in refused.stderr
    target.must("restore", "--force", str(archive))
    assert target.describe()["audit"] == before["audit"]


def test_a_damaged_archive_is_refused_and_nothing_is_restored(made, target, tmp_path):
    _, archive, _, _ = made
    damaged = tmp_path / "damaged.tar.gz"
    data = bytearray(archive.read_bytes())
    data[len(data) // 2] ^= 0xFF
    damaged.write_bytes(bytes(data))

    refused = target.ocop("restore", str(damaged))

    assert refused.returncode == 1
    assert "bị hỏng" in refused.stderr and "Không khôi phục gì" in refused.stderr
    assert not target.media.exists()
    assert "chưa được tạo bảng" in target.ocop("doctor").stdout


def test_a_file_changed_inside_the_archive_fails_its_checksum(made, target, tmp_path):
    _, archive, _, _ = made
    changed = tmp_path / "changed.tar.gz"
    with tarfile.open(archive) as original, tarfile.open(changed, "w:gz") as copy:
        for info in original:
            data = original.extractfile(info).read()
            if info.name.startswith("media/ho-so/"):
                data = data.replace("Biên".encode(), "BIÊN".encode())
                info.size = len(data)
            copy.addfile(info, io.BytesIO(data))

    refused = target.ocop("restore", str(changed))

    assert refused.returncode == 1
    assert "media/ho-so/ghi-chu.txt không khớp mã kiểm tra SHA-256" in refused.stderr
    assert not target.media.exists()


@pytest.mark.parametrize(
    ("where", "said"),
    [("khong-co/ocop.tar.gz", "Không có thư mục"), (".", "là một thư mục: hãy cho tên tệp")],
)
def test_backup_refuses_a_place_it_cannot_write_to(made, tmp_path, where, said):
    source = made[0]

    refused = source.ocop("backup", str(tmp_path / where))

    assert refused.returncode == 1 and said in refused.stderr
    assert list(tmp_path.iterdir()) == []


def rewrite_manifest(archive: Path, copy: Path, change) -> None:
    with tarfile.open(archive) as original, tarfile.open(copy, "w:gz") as out:
        for info in original:
            data = original.extractfile(info).read()
            if info.name == "manifest.json":
                manifest = json.loads(data)
                change(manifest)
                data = json.dumps(manifest).encode()
                info.size = len(data)
            out.addfile(info, io.BytesIO(data))


def test_an_archive_of_a_newer_version_is_refused(made, target, tmp_path):
    newer = tmp_path / "newer.tar.gz"
    rewrite_manifest(
        made[1], newer, lambda m: m.update(migrations=[*m["migrations"], "registry.9999_later"])
    )

    refused = target.ocop("restore", str(newer))

    assert refused.returncode == 1
    assert "phiên bản mới hơn" in refused.stderr and "registry.9999_later" in refused.stderr
    assert not target.media.exists()


def test_an_archive_of_the_other_database_is_refused(made, target, tmp_path):
    other = "sqlite" if "postgresql" in ENGINE else "postgresql"
    moved = tmp_path / "other.tar.gz"
    rewrite_manifest(made[1], moved, lambda m: m.update(database=other))

    refused = target.ocop("restore", str(moved))

    assert refused.returncode == 1 and f"cơ sở dữ liệu {other}" in refused.stderr
