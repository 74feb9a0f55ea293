"""A stored import report (jobs.report_of) arranged for its page: the same lines as
`ocop import --dry-run` prints, grouped by what a person does about them."""

from ocop.imports.issues import KEPT, Severity
from ocop.imports.jobs import issues_of
from ocop.imports.report import COUNT_LABELS

# The planner's wording for names one slip apart (plan.Planner._near): reported among the
# warnings, shown apart because each asks a person to decide.
NEAR_MATCH = "gần giống "


def report_sections(report: dict) -> dict:
    issues = issues_of(report)
    totals, not_kept = report["issue_totals"], report["not_kept"]
    warnings = [i for i in issues if i.severity == Severity.WARNING]
    near = [i for i in warnings if i.message.startswith(NEAR_MATCH)]
    sections = [
        _section("loi", "Lỗi", _of(issues, Severity.ERROR), totals, not_kept, Severity.ERROR),
        _section("mau-thuan", "Mâu thuẫn với sổ đăng ký (không áp dụng)",
                 _of(issues, Severity.CONTRADICTION), totals, not_kept, Severity.CONTRADICTION),
        {"id": "gan-giong", "title": "Gần giống (cần người kiểm tra có phải một không)",
         "lines": [str(i) for i in near], "total": len(near), "not_kept": []},
        _section("canh-bao", "Cảnh báo khác", [i for i in warnings if i not in near], totals,
                 not_kept, Severity.WARNING, minus=len(near)),
    ]  # fmt: skip
    totals_counts = report["totals"]
    return {
        "files": report["files"],
        "status": report["status"],
        "errors": totals[Severity.ERROR],
        "sections": [s for s in sections if s["total"]],
        "rows": totals_counts["rows"],
        "counts": [(label, totals_counts[name]) for name, label in COUNT_LABELS],
        "warnings": totals[Severity.WARNING],
        "kept": KEPT,
    }


def _of(issues, severity):
    return [i for i in issues if i.severity == severity]


def _section(anchor, title, issues, totals, not_kept, severity, minus=0) -> dict:
    return {
        "id": anchor,
        "title": title,
        "lines": [str(i) for i in issues],
        "total": totals[severity] - minus,
        "not_kept": not_kept[severity],
    }
