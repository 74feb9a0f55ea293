"""An import's result as lines of Vietnamese text, for the command line and the back office."""

from ocop.imports.issues import KEPT, Issues, Severity
from ocop.imports.limits import number

COUNT_LABELS = (
    ("producers_created", "chủ thể tạo mới"),
    ("producers_updated", "chủ thể cập nhật"),
    ("products_created", "sản phẩm tạo mới"),
    ("products_updated", "sản phẩm cập nhật"),
    ("decisions_added", "quyết định thêm mới"),
    ("decisions_updated", "quyết định cập nhật"),
    ("unchanged", "dòng không thay đổi"),
    ("contradictions", "dòng mâu thuẫn (không áp dụng)"),
)
_HEADINGS = {
    Severity.ERROR: "Lỗi",
    Severity.CONTRADICTION: "Mâu thuẫn với sổ đăng ký (không áp dụng)",
    Severity.WARNING: "Cảnh báo",
}


def result_lines(result) -> list[str]:
    lines = []
    for report in result.files:
        lines.append(f"Tệp {report.name} (SHA-256 {report.sha256[:12]}…):")
        for sheet in report.sheets:
            name = sheet.name or "(CSV)"
            if sheet.skipped:
                lines.append(f"  trang {name}: bỏ qua — {sheet.skipped}")
            else:
                lines.append(f"  trang {name}: {sheet.rows} dòng sản phẩm")
    everything = Issues(result.issues)
    for severity in (Severity.ERROR, Severity.CONTRADICTION, Severity.WARNING):
        issues = result.of(severity)
        if issues:
            lines.append(f"{_HEADINGS[severity]} ({number(everything.total(severity))}):")
            lines.extend(f"  {issue}" for issue in issues)
            lines.extend(_not_kept(everything, severity))
    if result.errors:
        return lines
    totals = result.totals()
    verb = "Sẽ ghi (chạy thử, chưa ghi gì)" if result.status == "dry_run" else "Đã ghi"
    lines.append(f"{verb}: {totals.rows} dòng đọc được")
    lines.extend(f"  {getattr(totals, name)} {label}" for name, label in COUNT_LABELS)
    lines.append(f"  {everything.total(Severity.WARNING)} cảnh báo")
    return lines


def _not_kept(issues: Issues, severity: Severity) -> list[str]:
    kinds = issues.not_kept(severity)
    if not kinds:
        return []
    left = sum(n for _, n in kinds)
    lines = [f"  … và {number(left)} dòng khác sau {KEPT} dòng đầu, theo loại:"]
    lines.extend(f"    {number(n)} × {what}" for what, n in kinds[:50])
    if len(kinds) > 50:
        lines.append(f"    … và {number(sum(n for _, n in kinds[50:]))} dòng thuộc các loại khác")
    return lines
