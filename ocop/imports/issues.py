"""One shape for every error and warning of an import: where (file, sheet, row as Excel shows
it, column letter and label as written), the value, and what is wrong, in Vietnamese."""

import enum
from dataclasses import dataclass


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
    if hasattr(value, "strftime"):
        return value.strftime("%d/%m/%Y")
    return str(value)
