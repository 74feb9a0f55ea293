"""docs/commands.md is generated from the commands' own help, so it cannot drift from the code.
`make docs` rewrites it; tests/test_docs.py fails when it is stale."""

from django.core.management import get_commands, load_command_class
from django.core.management.base import CommandParser

from ocop import cli_messages

HEADER = """# Các lệnh `ocop` (command reference)

Generated from the code by `make docs`; do not edit by hand. `ocop` is Django's `manage.py`
with the project's settings, so Django's own commands (`migrate`, `runserver`,
`createsuperuser`, `check`, …) work too; below are the registry's own.

"""


def own_commands() -> list[tuple[str, str]]:
    return sorted((name, app) for name, app in get_commands().items() if app.startswith("ocop."))


def command_help(name: str, app: str) -> str:
    """The command's own options, without the dozen Django adds to every command."""
    command = load_command_class(app, name)
    parser = CommandParser(prog=f"ocop {name}", description=str(command.help or ""))
    command.add_arguments(parser)
    return parser.format_help()


def render() -> str:
    cli_messages.install()  # the headings as `ocop x --help` prints them
    parts = [HEADER]
    for name, app in own_commands():
        parts.append(f"## `ocop {name}`\n\n```text\n{command_help(name, app).rstrip()}\n```\n\n")
    return "".join(parts).rstrip() + "\n"
