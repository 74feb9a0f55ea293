"""One shape for every error and warning of an import: where (file, sheet, row as Excel shows
it, column letter and label as written), the value, and what is wrong, in Vietnamese."""

import enum
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date

from ocop.domain.dates import format_date

# A list of four million errors helps nobody and fills memory: the first ones of each
# severity are kept in full, the rest counted by kind.
KEPT = 200
_DIGITS = re.compile(r"\d+")


class Severity(enum.StrEnum):
    ERROR = "error"
    WARNING = "warning"
    CONTRADICTION = "contradiction"


@dataclass(frozen=True)
class Issue:
    file: str
    sheet: str
    row: int | None
    column: str
    label: str
    value: str
    message: str
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        where = [self.file]
        if self.sheet:
            where.append(self.sheet)
        if self.row:
            where.append(f"dòng {self.row}")
        if self.column:
            where.append(
                f'cột {self.column} "{self.label}"' if self.label else f"cột {self.column}"
            )
        text = " › ".join(where)
        if self.value != "":
            text += f': "{self.value}"'
        return f"{text} — {self.message}"

    def to_dict(self) -> dict:
        return {
            "file": self.file,
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "label": self.label,
            "value": self.value,
            "message": self.message,
            "severity": str(self.severity),
        }


def shown(value) -> str:
    """A cell value as a person would read it in the message."""
    if value is None or value == "":
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, date):  # a datetime too: the sheets' dates carry a midnight
        return format_date(value)
    return str(value)


class Issues(list):
    """A list of issues that keeps the first KEPT of each severity and counts the others by
    file, severity and kind (column and message, numbers left out)."""

    def __init__(self, issues=()):
        super().__init__()
        self.kept: Counter = Counter()
        self.more: Counter = Counter()
        self.extend(issues)

    def append(self, issue: Issue) -> None:
        if self.kept[issue.severity] < KEPT:
            self.kept[issue.severity] += 1
            super().append(issue)
        else:
            self.more[(issue.file, issue.severity, kind(issue))] += 1

    def extend(self, issues) -> None:
        for issue in list.__iter__(issues) if isinstance(issues, Issues) else issues:
            self.append(issue)
        self.more.update(getattr(issues, "more", {}))

    def total(self, severity: Severity, file: str | None = None) -> int:
        kept = sum(1 for i in self if i.severity == severity and file in (None, i.file))
        more = sum(n for (f, s, _), n in self.more.items() if s == severity and file in (None, f))
        return kept + more

    def not_kept(self, severity: Severity) -> list[tuple[str, int]]:
        """(kind, count) of the issues left out, the most frequent first."""
        counts = Counter()
        for (_, s, what), n in self.more.items():
            if s == severity:
                counts[what] += n
        return counts.most_common()


def kind(issue: Issue) -> str:
    where = f'cột {issue.column} "{issue.label}" — ' if issue.label else ""
    if issue.column and not issue.label:
        where = f"cột {issue.column} — "
    return where + _DIGITS.sub("…", issue.message.split(":")[0])
