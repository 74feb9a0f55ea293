"""Spreadsheet formula injection (CSV/formula injection): text that a spreadsheet would run as
a formula is written as text. Every spreadsheet and CSV the registry writes goes through here;
the importer undoes the CSV quote so a round trip keeps the text as typed."""

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
CSV_QUOTE = "'"


def safe_cell(cell, value):
    """Put `value` in an openpyxl cell (also a write-only cell). Formula-like text is stored
    as text with Excel's own "quote prefix", so it shows as typed and stays text even when
    someone edits the cell."""
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    cell.value = value
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def safe_csv_value(value):
    """CSV has no cell types: a leading apostrophe makes spreadsheets show formula-like text
    as text (the OWASP advice). Text that itself begins with an apostrophe gets one too, so
    that the importer can always take exactly one off: "'=1" is written "''=1" and "'Chè"
    is written "''Chè", and both read back as typed."""
    if isinstance(value, str) and value.startswith((*FORMULA_TRIGGERS, CSV_QUOTE)):
        return CSV_QUOTE + value
    return value


def unquote_csv_value(value: str) -> str:
    """The reverse of safe_csv_value, for the importer. A lone leading apostrophe before
    ordinary text ("'Chè", as a person may type it) is not ours and is kept."""
    if value.startswith(CSV_QUOTE) and value[1:].startswith((*FORMULA_TRIGGERS, CSV_QUOTE)):
        return value[1:]
    return value
