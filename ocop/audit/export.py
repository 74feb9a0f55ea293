"""The log as a spreadsheet (CSV or XLSX), what the page shows, one entry a row. Every text
cell goes through ocop.formula_injection: an entry records what people typed, and a name
typed as "=HYPERLINK(…)" must open as text."""

import csv
import io

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from ocop.audit.display import changes_text, model_label, moment
from ocop.formula_injection import safe_cell, safe_csv_value

HEADER = [
    "Thời điểm", "Thao tác", "Loại bản ghi", "Mã bản ghi", "Bản ghi", "Người thực hiện",
    "Nguồn", "Trang, lệnh", "Địa chỉ IP", "Thay đổi",
]  # fmt: skip


def rows(entries):
    for entry in entries.select_related("content_type").iterator(chunk_size=2000):
        yield [
            moment(entry.timestamp),
            entry.get_action_display(),
            model_label(entry.content_type),
            entry.object_pk,
            entry.object_repr,
            entry.actor_name,
            entry.get_source_display(),
            entry.path,
            entry.remote_addr or "",
            changes_text(entry.content_type, entry.changes) or _import_note(entry),
        ]


def _import_note(entry) -> str:
    data = entry.additional_data or {}
    if entry.source == "import" and "files" in data:
        return f"Nhập tệp {', '.join(data['files'])}: {entry.import_changes.count()} bản ghi"
    return ""


def as_csv(entries) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADER)
    for row in rows(entries):
        writer.writerow([safe_csv_value(value) for value in row])
    # With a byte-order mark: Excel opens UTF-8 as such only then, diacritics intact.
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def as_xlsx(entries) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Nhật ký thay đổi")
    sheet.append(HEADER)
    for row in rows(entries):
        sheet.append([safe_cell(WriteOnlyCell(sheet), value) for value in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
