"""Whether the database can serve the registry: reachable, and with every migration applied.
The command line and the web pages turn a database error into this plain answer (what is
wrong, what to run) instead of a traceback or "no such table"."""

from dataclasses import dataclass
from pathlib import Path

from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.utils import DatabaseError

UNREACHABLE, UNMIGRATED, OUTDATED = "unreachable", "unmigrated", "outdated"


@dataclass(frozen=True)
class Problem:
    kind: str
    database: str
    detail: str = ""
    missing: int = 0

    def message(self) -> str:
        """For the command line: names the database and what to do."""
        if self.kind == UNREACHABLE:
            return (
                f"Không kết nối được cơ sở dữ liệu {self.database} ({self.detail}). "
                "Kiểm tra DATABASE_URL và OCOP_DATA_DIR (xem docs/configuration.md)."
            )
        return f"Cơ sở dữ liệu {self.database} {self.state()}: chạy `ocop migrate` rồi thử lại."

    def state(self) -> str:
        if self.kind == UNMIGRATED:
            return "chưa được tạo bảng"
        return f"chưa được cập nhật ({self.missing} bước chuyển đổi chưa chạy)"


def database_name() -> str:
    config = connection.settings_dict
    if connection.vendor == "sqlite":
        return str(config["NAME"])
    return f"{config['NAME']} ({config.get('HOST') or 'localhost'}:{config.get('PORT') or 5432})"


def find_problem() -> Problem | None:
    """None when the database is reachable and fully migrated."""
    try:
        connection.ensure_connection()
        executor = MigrationExecutor(connection)
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except DatabaseError as exc:
        return Problem(UNREACHABLE, database_name(), _cause(exc))
    if not plan:
        return None
    kind = OUTDATED if executor.loader.applied_migrations else UNMIGRATED
    return Problem(kind, database_name(), missing=len(plan))


def _cause(exc: DatabaseError) -> str:
    if connection.vendor == "sqlite":
        folder = Path(connection.settings_dict["NAME"]).parent
        if not folder.is_dir():
            return f"không có thư mục {folder}"
    # The driver's own words, first line only: they name the cause (refused, bad password).
    lines = str(exc).strip().splitlines()
    return f"chi tiết: {lines[0]}" if lines else type(exc).__name__
