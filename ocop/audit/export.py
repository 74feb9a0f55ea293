"""The log as a spreadsheet (CSV or XLSX), what the page shows, one entry a row, written by the
shared writer (ocop.shared.exports): an entry records what people typed, and a name typed as
"=HYPERLINK(…)" must open as text."""

from ocop.audit.display import changes_text, model_label, moment
from ocop.shared.exports import Layout

HEADER = [
    "Thời điểm", "Thao tác", "Loại bản ghi", "Mã bản ghi", "Bản ghi", "Người thực hiện",
    "Nguồn", "Trang, lệnh", "Địa chỉ IP", "Thay đổi",
]  # fmt: skip
LAYOUT = Layout(sheet="Nhật ký thay đổi")


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
