"""Documentation that stays true: a setting, command or option missing from docs/ fails here."""

import re
from pathlib import Path

from ocop import cli_docs

ROOT = Path(__file__).resolve().parents[1]
SETTINGS_SOURCE = (ROOT / "ocop" / "settings.py").read_text(encoding="utf-8")


def env_variables() -> set[str]:
    return set(re.findall(r'env(?:bool|int|list)?\(\s*"([A-Z_]+)"', SETTINGS_SOURCE))


def test_it_reads_some_environment_variables():
    assert {"DATABASE_URL", "SECRET_KEY", "DEBUG", "ALLOWED_HOSTS"} <= env_variables()


def test_every_environment_variable_is_documented():
    documented = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    missing = [name for name in sorted(env_variables()) if f"`{name}`" not in documented]
    assert not missing, f"add these to docs/configuration.md: {missing}"


def test_the_command_reference_is_generated_from_the_code(monkeypatch):
    monkeypatch.setenv("COLUMNS", "100")
    written = (ROOT / "docs" / "commands.md").read_text(encoding="utf-8")
    assert written == cli_docs.render(), "docs/commands.md is stale: run `make docs`"


def test_the_command_reference_names_every_command():
    written = (ROOT / "docs" / "commands.md").read_text(encoding="utf-8")
    for name, _ in cli_docs.own_commands():
        assert f"## `ocop {name}`" in written


def test_the_readme_shows_the_two_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make demo" in readme and "make test" in readme
    for link in re.findall(r"\]\((docs/[^)]+)\)", readme):
        assert (ROOT / link).exists(), link
