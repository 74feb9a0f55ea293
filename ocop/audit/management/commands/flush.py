"""Django's `flush`, which empties every table (the registry as well), with the log's
append-only triggers lifted for its own run and put back after: the test runner empties the
database this way between browser tests."""

from django.core.management.commands.flush import Command as FlushCommand
from django.db import connections

from ocop.audit import triggers


class Command(FlushCommand):
    help = (
        "Xóa mọi dữ liệu trong cơ sở dữ liệu (sổ đăng ký, tài khoản và nhật ký thay đổi), giữ "
        "nguyên các bảng. Chỉ dùng cho cơ sở dữ liệu thử."
    )

    def handle(self, **options):
        connection = connections[options["database"]]
        # Only the log's tables there: a database migrated part of the way has fewer.
        tables = set(connection.introspection.table_names())
        guarded = [table for table in triggers.TABLES if table in tables]
        if not guarded:
            return super().handle(**options)  # not migrated yet: no log, no triggers
        triggers.drop(connection, guarded)
        try:
            return super().handle(**options)
        finally:
            triggers.create(connection, guarded)
