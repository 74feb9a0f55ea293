"""The `ocop` command: Django management with the project's settings, answering in Vietnamese.

Every command run from here gets the same treatment: argparse's usage errors in Vietnamese
(exit status 2), a command's refusal printed as the plain message (no "CommandError:"), a
database that is missing its tables or cannot be reached explained with what to run, and a
file the system cannot open named with the reason in Vietnamese."""

import os
import sys
from difflib import get_close_matches

from django.core.management import BaseCommand, CommandError, ManagementUtility, get_commands
from django.core.management.base import SystemCheckError
from django.db.utils import DatabaseError

from ocop import cli_messages
from ocop.database_state import UNREACHABLE, find_problem

# The commands that create, drop or replace tables and triggers: with DATABASE_OWNER_URL set,
# they connect as the schema's owner, every other command and the site as DATABASE_URL's role.
OWNER_COMMANDS = ("migrate", "restore", "flush")


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ocop.settings")
    cli_messages.install()
    _ensure_data_dir()
    _connect_as_owner(sys.argv[1] if len(sys.argv) > 1 else "")
    from ocop.shared.change_source import source

    # What a command writes is logged as from the command line, with who ran it where.
    name = f"ocop {sys.argv[1]}" if len(sys.argv) > 1 else "ocop"
    with source("command", path=name, operator=_operator()):
        Utility(sys.argv).execute()


def _operator() -> str:
    import getpass
    import socket

    try:
        return f"{getpass.getuser()}@{socket.gethostname()}"
    except (KeyError, OSError):  # no name for this uid (a container)
        return socket.gethostname()


def _connect_as_owner(command: str) -> None:
    from django.conf import settings

    from ocop.settings import database_from_url

    if command in OWNER_COMMANDS and settings.DATABASE_OWNER_URL:
        # Before the first query: Django reads DATABASES when it opens its first connection.
        settings.DATABASES["default"] = database_from_url(settings.DATABASE_OWNER_URL)


def _ensure_data_dir() -> None:
    # SQLite creates the file but not its folder; the default folder is made on first use.
    from django.conf import settings

    name = str(settings.DATABASES["default"].get("NAME", ""))
    if name.startswith(str(settings.DATA_DIR)):
        settings.DATA_DIR.mkdir(parents=True, exist_ok=True)


class Utility(ManagementUtility):
    def fetch_command(self, subcommand):
        commands = get_commands()
        if subcommand not in commands:
            guess = get_close_matches(subcommand, commands, n=1)
            hint = f" Có phải là `ocop {guess[0]}`?" if guess else ""
            sys.stderr.write(
                f"Không có lệnh '{subcommand}'.{hint} Xem danh sách lệnh: `ocop help`.\n"
            )
            sys.exit(2)
        command = super().fetch_command(subcommand)
        if isinstance(command, BaseCommand):
            speak_vietnamese(command, subcommand)
        return command


def speak_vietnamese(command: BaseCommand, name: str) -> None:
    """Wrap one command instance: its parser's help and its errors."""
    create_parser, execute = command.create_parser, command.execute

    def vietnamese_parser(*args, **kwargs):
        return cli_messages.translate_django_options(create_parser(*args, **kwargs))

    def plain_errors(*args, **options):
        if options.get("traceback"):
            return execute(*args, **options)
        try:
            return execute(*args, **options)
        except SystemCheckError:
            raise  # Django formats the system checks' report itself
        except CommandError as exc:
            _stop(command, str(exc), exc.returncode)
        except DatabaseError:
            problem = find_problem()
            # `migrate` is what fixes missing tables: only an unreachable database is its problem.
            if problem is None or (name == "migrate" and problem.kind != UNREACHABLE):
                raise
            _stop(command, problem.message(), 1)
        except OSError as exc:
            if exc.filename is None:
                raise
            _stop(command, f"Lỗi tệp {exc.filename}: {cli_messages.os_error_reason(exc)}.", 1)

    command.create_parser = vietnamese_parser
    command.execute = plain_errors


def _stop(command: BaseCommand, message: str, status: int):
    command.stderr.write(message)
    sys.exit(status)
