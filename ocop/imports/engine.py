"""The importer: read every file -> check every row -> match identities -> a plan -> apply
the plan in one transaction. Nothing is written when any row has an error; the result says
what was done (or would be, for a dry run) and lists every error and warning. Imports read
and check side by side, then take turns to plan and write (lock.py). The command line and
the back office both call `import_files` and print its result."""

import functools
import gc
import hashlib
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import OperationalError
from django.utils import timezone

from ocop.domain.addresses import AddressResolver, CurrentUnit, MergedUnit
from ocop.domain.names import text_key
from ocop.imports import write
from ocop.imports.issues import Issue, Issues, Severity
from ocop.imports.lock import ImportBusy, import_lock, is_busy
from ocop.imports.models import ImportRun
from ocop.imports.plan import Counts, Plan, Planner
from ocop.imports.readers import UnreadableFile, read
from ocop.imports.rows import Reference, RowChecker
from ocop.imports.sheets import sheet_rows
from ocop.registry.models import OldUnit, ProductSet, Province, Unit


@dataclass
class ImportFile:
    path: Path
    name: str = ""  # as the person knows it (an upload's original name); the path's by default

    def __post_init__(self):
        self.path = Path(self.path)
        self.name = self.name or self.path.name


@dataclass
class SheetReport:
    name: str
    rows: int = 0
    skipped: str = ""


@dataclass
class FileReport:
    name: str
    sha256: str = ""
    sheets: list[SheetReport] = field(default_factory=list)
    counts: Counts = field(default_factory=Counts)


@dataclass
class ImportResult:
    status: str
    files: list[FileReport]
    issues: list[Issue]

    @property
    def ok(self) -> bool:
        return self.status != ImportRun.Status.REFUSED

    def of(self, severity: Severity) -> list[Issue]:
        return [issue for issue in self.issues if issue.severity == severity]

    @property
    def errors(self) -> list[Issue]:
        return self.of(Severity.ERROR)

    @property
    def warnings(self) -> list[Issue]:
        return self.of(Severity.WARNING)

    @property
    def contradictions(self) -> list[Issue]:
        return self.of(Severity.CONTRADICTION)

    def totals(self) -> Counts:
        total = Counts()
        for report in self.files:
            for name, value in asdict(report.counts).items():
                setattr(total, name, getattr(total, name) + value)
        return total

    def lines(self) -> list[str]:
        """The report as a person reads it, in Vietnamese."""
        from ocop.imports.report import result_lines

        return result_lines(self)


@contextmanager
def _no_cycle_collection():
    """An import builds a few hundred thousand objects that all live until it ends: the cycle
    collector would only walk them over and over (a fifth of the time at 50,000 rows). The
    few cycles it makes are collected once it is over."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class Tally:
    """Progress for `on_progress(phase, rows_done, rows_total)`: called at each phase and every
    EVERY rows checked. The total grows as each sheet is found."""

    EVERY = 500

    def __init__(self, on_progress: Callable[[str, int, int], None] | None):
        self.on_progress = on_progress or (lambda phase, done, total: None)
        self.phase_name, self.done, self.total = "", 0, 0

    def phase(self, name: str) -> None:
        self.phase_name = name
        self.on_progress(name, self.done, self.total)

    def found(self, rows: int) -> None:
        self.total += rows
        self.on_progress(self.phase_name, self.done, self.total)

    def checked(self) -> None:
        self.done += 1
        if self.done % self.EVERY == 0:
            self.on_progress(self.phase_name, self.done, self.total)


@_no_cycle_collection()
def import_files(
    files: list[ImportFile | Path | str],
    *,
    user=None,
    operator: str = "",
    dry_run: bool = False,
    province_code: str | None = None,
    progress=lambda message: None,
    on_progress: Callable[[str, int, int], None] | None = None,
    stale: Callable[["ImportResult"], str] | None = None,
    job=None,
) -> ImportResult:
    """`on_progress(phase, rows_done, rows_total)`: see Tally. `stale(result)`: called under
    the lock with the plan about to be written; a non-empty answer (why the plan is not the
    one a person confirmed) refuses the import with that message. `job`: the back office's
    ImportJob, named in the trace."""
    started_at = timezone.now()
    files = [f if isinstance(f, ImportFile) else ImportFile(Path(f)) for f in files]
    province = Province.objects.get(code=province_code or settings.OCOP_PROVINCE)
    reference, units = _reference(province)
    reports, rows, issues = [], [], Issues()
    tally = Tally(on_progress)
    for index, source in enumerate(files):
        progress(f"Đọc {source.name}")
        tally.phase(f"Đọc và kiểm tra {source.name}")
        report, file_rows, file_issues = _check_file(index, source, reference, tally)
        reports.append(report)
        rows.extend(file_rows)
        issues.extend(file_issues)
    trace = functools.partial(
        _runs, user=user, operator=operator, started_at=started_at, dry_run=dry_run,
        province=province, job=job,
    )  # fmt: skip
    if dry_run or _refused(issues):
        if not _refused(issues):
            tally.phase("Đối chiếu với sổ đăng ký")
            _plan(units, rows, reports, issues)
        return _record(ImportResult(_status(issues, dry_run), reports, issues), trace)
    waiting = "Đang chờ lần nhập khác ghi xong"
    try:
        with import_lock(on_wait=lambda: (progress(waiting), tally.phase(waiting))):
            # Planned under the lock: against what an import that wrote meanwhile left.
            tally.phase("Đối chiếu với sổ đăng ký")
            plan = _plan(units, rows, reports, issues)
            result = ImportResult(_status(issues, dry_run), reports, issues)
            reason = stale(result) if stale is not None and result.ok else ""
            if reason:
                issues.append(Issue(", ".join(r.name for r in reports), "", None, "", "", "",
                                    reason))  # fmt: skip
                result = ImportResult(ImportRun.Status.REFUSED, reports, issues)
            if not result.ok:
                return _record(result, trace)
            progress("Đang ghi vào cơ sở dữ liệu")
            tally.phase("Đang ghi vào cơ sở dữ liệu")
            write.apply(plan, province, trace(result))
            return result
    except ImportBusy as busy:
        issues.extend(_busy(source.name, busy.waited) for source in files)
        return _record(ImportResult(ImportRun.Status.REFUSED, reports, issues), trace)


def _refused(issues: list[Issue]) -> bool:
    return any(issue.severity == Severity.ERROR for issue in issues)


def _status(issues: list[Issue], dry_run: bool) -> str:
    if _refused(issues):
        return ImportRun.Status.REFUSED
    return ImportRun.Status.DRY_RUN if dry_run else ImportRun.Status.APPLIED


def _plan(units: dict[str, int], rows, reports: list[FileReport], issues: list[Issue]) -> Plan:
    plan = Planner(units, _product_sets()).build(rows)
    issues.extend(plan.issues)
    for index, counts in plan.counts.items():
        reports[index].counts = counts
    return plan


def _busy(file_name: str, waited: float) -> Issue:
    return Issue(
        file_name, "", None, "", "", "",
        f"đang có lần nhập khác ghi vào sổ đăng ký, đã chờ {waited:g} giây; "
        "thử lại khi lần đó xong",
    )  # fmt: skip


def _record(result: ImportResult, trace) -> ImportResult:
    """The trace of an import that writes nothing to the registry (refused, dry run)."""
    try:
        ImportRun.objects.bulk_create(trace(result))
    except OperationalError as error:
        # SQLite: the trace needs the one write lock too, which another import still holds.
        if not is_busy(error):
            raise
        names = ", ".join(report.name for report in result.files)
        result.issues.append(Issue(names, "", None, "", "", "", _UNTRACED, Severity.WARNING))
    return result


_UNTRACED = "không ghi được nhật ký lần nhập này: cơ sở dữ liệu đang bận với lần nhập khác"


def _reference(province: Province) -> tuple[Reference, dict[str, int]]:
    units = list(Unit.objects.filter(province=province).values_list("pk", "code", "name", "kind"))
    # In the merger table's order: the first old unit decides an otherwise ambiguous district.
    merged = (
        OldUnit.objects.filter(province=province)
        .order_by("pk")
        .values_list("kind", "name", "district", "successor__code", "confidence", "district_kind")
    )
    resolver = AddressResolver(
        [CurrentUnit(code, name, kind) for _, code, name, kind in units],
        [
            MergedUnit(kind, name, district, code, confidence == OldUnit.Confidence.LOW, dkind)
            for kind, name, district, code, confidence, dkind in merged
        ],
    )
    sets = {}
    for key, name in ProductSet.objects.values_list("key", "name"):
        sets[text_key(key)] = key
        sets.setdefault(text_key(name), key)
    # With its level: a city-province's committee is "UBND thành phố Hà Nội".
    reference = Reference(resolver, f"{province.kind} {province.name}", sets)
    return reference, {code: pk for pk, code, _, _ in units}


def _product_sets() -> dict[str, int]:
    return dict(ProductSet.objects.values_list("key", "pk"))


def _check_file(index: int, source: ImportFile, reference: Reference, tally: Tally):
    report = FileReport(source.name)
    rows, issues = [], Issues()
    try:
        with source.path.open("rb") as file:
            report.sha256 = hashlib.file_digest(file, "sha256").hexdigest()
        workbook = read(source.path)
    except (OSError, UnreadableFile) as exc:
        message = exc.strerror if isinstance(exc, OSError) else str(exc)
        sheet = getattr(exc, "sheet", "")
        issues.append(Issue(source.name, sheet, None, "", "", "", f"không đọc được tệp: {message}"))
        return report, rows, issues
    for note in workbook.notes:
        issues.append(Issue(source.name, "", None, "", "", "", note, Severity.WARNING))
    for sheet in workbook.sheets:
        found = sheet_rows(sheet, source.name)
        issues.extend(found.issues)
        report.sheets.append(SheetReport(sheet.name, len(found.rows), found.skipped))
        if found.header is None:
            continue
        checker = RowChecker(reference, index, source.name, sheet.name, found.header)
        tally.found(len(found.rows))
        for row in found.rows:
            checked = checker.check(row)
            if checked is not None:
                rows.append(checked)
            tally.checked()
        issues.extend(checker.issues)
    if not any(s.rows for s in report.sheets) and not any(
        issue.severity == Severity.ERROR for issue in issues
    ):
        issues.append(
            Issue(source.name, "", None, "", "", "", "không có trang nào chứa danh sách sản phẩm")
        )
    return report, rows, issues


def _runs(
    result: ImportResult, user, operator, started_at, dry_run, province, job
) -> list[ImportRun]:
    finished_at = timezone.now()
    runs = []
    for report in result.files:
        issues = Issues(result.issues)
        counts = asdict(report.counts)
        counts["sheets"] = {s.name: s.rows for s in report.sheets if not s.skipped}
        counts["skipped_sheets"] = {s.name: s.skipped for s in report.sheets if s.skipped}
        runs.append(
            ImportRun(
                user=user if getattr(user, "pk", None) else None,
                operator=operator or (user.get_username() if user else ""),
                started_at=started_at,
                finished_at=finished_at,
                file_name=report.name,
                sha256=report.sha256,
                dry_run=dry_run,
                status=result.status,
                counts=counts,
                warnings_count=issues.total(Severity.WARNING, report.name)
                + issues.total(Severity.CONTRADICTION, report.name),
                errors_count=issues.total(Severity.ERROR, report.name),
                province=province,
                job=job,
            )
        )
    return runs
