"""Imports from the browser. The uploaded files are kept in the data folder (never served),
each with its SHA-256; each step is a task on the queue (run_step, docs/tasks.md), which the
worker (`ocop worker`) runs in a process of its own (`ocop run_import_job ID`), so that a long
import goes on when the browser is closed or the web server restarts: first the check (the
engine's dry run, the same report as `ocop import --dry-run`), then, once a person confirms,
the write. The write refuses when a file changed since the check, or when the registry changed
so that the plan is no longer the one the person saw: they check again then. A job whose
process died is failed, saying so; one whose task still waits in the queue is not."""

import copy
import hashlib
import logging
import os
import shutil
import subprocess
import sys
import time
from dataclasses import asdict
from pathlib import Path

from django.conf import settings
from django.db import OperationalError, connection, transaction
from django.db.utils import load_backend
from django.utils import timezone
from django_tasks import TaskResultStatus, task
from django_tasks.exceptions import TaskResultDoesNotExist

from ocop.imports.engine import ImportFile, ImportResult, import_files
from ocop.imports.filetype import UnreadableFile, kind_of, refuse_wrong_spreadsheet
from ocop.imports.issues import Issue, Issues, Severity
from ocop.imports.lock import is_busy
from ocop.imports.models import ImportJob, ImportRun
from ocop.shared import change_source

log = logging.getLogger(__name__)
State = ImportJob.State

DIED = (
    "Tiến trình nhập đã dừng giữa chừng (máy chủ khởi động lại hoặc tiến trình bị tắt); "
    "sổ đăng ký không bị thay đổi dở dang. Bấm “Kiểm tra lại” để chạy lại."
)
STALE = (
    "sổ đăng ký đã thay đổi từ lúc kiểm tra (có lần nhập hoặc sửa khác ghi vào), kết quả "
    "kiểm tra không còn đúng; chưa ghi gì: bấm “Kiểm tra lại” rồi xác nhận lại"
)
# A job whose process has not said where it is for this long, with no process to be seen and
# no task of the queue to wait for (a queue that cannot tell: OCOP_TASKS=immediate).
START_GRACE_SECONDS = 60


def storage_root() -> Path:
    """Under the data folder, beside the database, never under MEDIA_ROOT (which is served)."""
    return Path(settings.DATA_DIR) / "imports"


def folder_of(job: ImportJob) -> Path:
    return storage_root() / str(job.pk)


# Uploading.


def create(uploads, *, owner, province) -> ImportJob:
    """A queued job holding the uploaded files, or UnreadableFile (naming the file) and
    nothing kept when one of them is not a spreadsheet at all."""
    job = ImportJob.objects.create(owner=owner, province=province, phase="Đang chờ kiểm tra")
    folder = folder_of(job)
    try:
        job.files = [_store(upload, folder, index) for index, upload in enumerate(uploads, 1)]
        job.save(update_fields=["files"])
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        job.delete()
        raise
    return job


def _store(upload, folder: Path, index: int) -> dict:
    # Stored under a name of our own: the uploaded name is only shown, never used as a path.
    stored = f"{index}{Path(upload.name).suffix.lower()}"
    path = folder / stored
    path.parent.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    with path.open("wb") as out:
        for chunk in upload.chunks():
            digest.update(chunk)
            out.write(chunk)
    try:
        kind = kind_of(path)
        if path.suffix != ".csv":
            refuse_wrong_spreadsheet(path, kind)
    except UnreadableFile as error:
        raise UnreadableFile(f"{upload.name}: {error}") from None
    return {"name": upload.name, "stored": stored, "sha256": digest.hexdigest(),
            "size": path.stat().st_size}  # fmt: skip


# Queueing a step; the worker runs it in a process of its own.


def start(job: ImportJob) -> None:
    """Queue the job's next step (check or write, from its state) for the worker."""
    queued = run_step.enqueue(job.pk)
    ImportJob.objects.filter(pk=job.pk, state__in=ImportJob.RUNNING).update(task_id=queued.id)


@task()
def run_step(job_id: int) -> int:
    """Run the job's next step in a child process and wait for it (its exit status): a
    50,000-row import's memory goes back to the system when it ends, a step that crashes takes
    down itself and not the worker, and the process's command line names the job (reap)."""
    folder = storage_root() / str(job_id)
    folder.mkdir(parents=True, exist_ok=True)
    command = [sys.executable, "-c", "from ocop.cli import main; main()", "run_import_job",
               str(job_id)]  # fmt: skip
    with (folder / "worker.log").open("ab") as output:
        step = subprocess.run(command, stdin=subprocess.DEVNULL, stdout=output, stderr=output)
    return step.returncode


def start_after_commit(job: ImportJob) -> None:
    """Queue the step once the request's transaction (if any) has committed: the worker
    reads the job through its own connection."""
    transaction.on_commit(lambda: start(job))


def confirm(job: ImportJob, user) -> bool:
    """Checked -> applying, once: a second click (or a second officer) finds it taken."""
    return bool(
        ImportJob.objects.filter(pk=job.pk, state=State.CHECKED).update(
            state=State.APPLYING,
            confirmed_by=user,
            phase="Đang chờ bắt đầu ghi",
            pid=None,
            task_id="",
            rows_done=0,
            updated_at=timezone.now(),
        )
    )


def recheck(job: ImportJob) -> bool:
    """A finished job (checked, refused, failed) goes back to be checked again."""
    return bool(
        ImportJob.objects.filter(
            pk=job.pk, state__in=[State.CHECKED, State.REFUSED, State.FAILED]
        ).update(
            state=State.QUEUED,
            result=None,
            message="",
            phase="Đang chờ kiểm tra",
            pid=None,
            task_id="",
            rows_done=0,
            rows_total=0,
            confirmed_by=None,
            updated_at=timezone.now(),
        )
    )


# Seeing whether a step's process is still there.


def reap(job: ImportJob) -> ImportJob:
    """The job as it is: one shown as running whose process is gone is failed, saying so."""
    if not job.is_running or _alive(job):
        return job
    ImportJob.objects.filter(pk=job.pk, state=job.state).update(
        state=State.FAILED, message=DIED, phase="", updated_at=timezone.now()
    )
    job.refresh_from_db()
    return job


def _alive(job: ImportJob) -> bool:
    if job.pid is None:  # not started yet
        return _waiting(job)
    return process_is_running(job.pid, f"run_import_job\0{job.pk}")


def _waiting(job: ImportJob) -> bool:
    """Its task still waits in the queue, or its worker is starting the step: however long
    the queue is (another import, the national export), or while no worker runs."""
    if job.task_id and run_step.get_backend().supports_get_result:
        try:
            queued = run_step.get_result(job.task_id)
        except TaskResultDoesNotExist:
            return False
        return queued.status in (TaskResultStatus.READY, TaskResultStatus.RUNNING)
    # Not queued yet (the request commits first), or a queue that cannot tell.
    return (timezone.now() - job.updated_at).total_seconds() < START_GRACE_SECONDS


def process_is_running(pid: int, marker: str) -> bool:
    """`pid` runs and is the process we started (its command line holds `marker`): a pid
    can be reused after a restart, and a finished child stays a zombie until reaped."""
    proc = Path("/proc") / str(pid)
    if Path("/proc/self/stat").exists():
        try:
            stat = (proc / "stat").read_text()
            command = (proc / "cmdline").read_bytes()
        except OSError:
            return False
        state = stat.rsplit(")", 1)[-1].split()[0]
        return state not in ("Z", "X") and marker.encode() in command
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


# The step itself, in the worker process.


def run(job_id: int) -> ImportJob:
    """Do the job's next step: check a queued job, write an applying one; anything else is
    done already. Any failure leaves the job failed with the reason."""
    job = ImportJob.objects.select_related("province", "owner", "confirmed_by").get(pk=job_id)
    ImportJob.objects.filter(pk=job.pk).update(pid=os.getpid())
    try:
        if job.state == State.QUEUED:
            _check(job)
        elif job.state == State.APPLYING:
            _apply(job)
    except Exception as error:
        log.exception("import job %s failed", job.pk)
        _save(job.pk, state=State.FAILED, phase="",
              message=f"Gặp sự cố khi xử lý, chưa ghi gì vào sổ đăng ký: {error}")  # fmt: skip
    job.refresh_from_db()
    return job


def _check(job: ImportJob) -> None:
    if not ImportJob.objects.filter(pk=job.pk, state=State.QUEUED).update(
        state=State.CHECKING, phase="Bắt đầu kiểm tra"
    ):
        return
    with ProgressWriter(job.pk) as on_progress:
        result = import_files(
            sources(job), user=job.owner, operator=_operator(job.owner), dry_run=True,
            province_code=job.province.code, on_progress=on_progress, job=job,
        )  # fmt: skip
    _save(job.pk, state=State.CHECKED if result.ok else State.REFUSED, phase="",
          result=report_of(result), checked_at=timezone.now())  # fmt: skip


def _apply(job: ImportJob) -> None:
    changed = changed_files(job)
    if changed:
        message = (f"Tệp {', '.join(changed)} đã thay đổi hoặc không còn từ lúc kiểm tra; chưa "
                   "ghi gì: bấm “Kiểm tra lại”")  # fmt: skip
        _save(job.pk, state=State.REFUSED, phase="", message=message)
        return
    checked = job.result
    with ProgressWriter(job.pk) as on_progress, _audited(job):
        result = import_files(
            sources(job), user=job.confirmed_by, operator=_operator(job.confirmed_by),
            province_code=job.province.code, on_progress=on_progress, job=job,
            stale=lambda planned: STALE if is_stale(checked, planned) else "",
        )  # fmt: skip
    applied = result.status == ImportRun.Status.APPLIED
    _save(job.pk, state=State.APPLIED if applied else State.REFUSED, phase="",
          result=report_of(result), applied_at=timezone.now() if applied else None)  # fmt: skip


def _audited(job: ImportJob):
    """The write as one entry of the audit, from the import, by whoever confirmed it."""
    return change_source.source("import", actor=job.confirmed_by, job=job.pk)


def sources(job: ImportJob) -> list[ImportFile]:
    folder = folder_of(job)
    return [ImportFile(folder / f["stored"], f["name"]) for f in job.files]


def changed_files(job: ImportJob) -> list[str]:
    """Names of the files that are gone or whose SHA-256 is not the one uploaded."""
    changed = []
    for source, stored in zip(sources(job), job.files, strict=True):
        try:
            with source.path.open("rb") as file:
                digest = hashlib.file_digest(file, "sha256").hexdigest()
        except OSError:
            digest = ""
        if digest != stored["sha256"]:
            changed.append(source.name)
    return changed


def _operator(user) -> str:
    return f"{user.get_username()} (trình duyệt)" if user else "(trình duyệt)"


def _save(job_id: int, **fields) -> None:
    """The step's outcome must land: on SQLite, wait out another import's write lock."""
    deadline = time.monotonic() + settings.OCOP_IMPORT_LOCK_WAIT + 600
    while True:
        try:
            ImportJob.objects.filter(pk=job_id).update(**fields, updated_at=timezone.now())
            return
        except OperationalError as error:
            if not is_busy(error) or time.monotonic() > deadline:
                raise
            time.sleep(1)


# The report, as stored and as compared.


def report_of(result: ImportResult) -> dict:
    everything = Issues(result.issues)
    return {
        "status": str(result.status),
        "files": [
            {
                "name": report.name,
                "sha256": report.sha256,
                "sheets": [asdict(sheet) for sheet in report.sheets],
                "counts": asdict(report.counts),
            }
            for report in result.files
        ],
        "totals": asdict(result.totals()),
        "issues": [issue.to_dict() for issue in result.issues],
        "issue_totals": {str(s): everything.total(s) for s in Severity},
        "not_kept": {str(s): everything.not_kept(s) for s in Severity},
        "lines": result.lines(),
    }


def issues_of(report: dict) -> list[Issue]:
    return [Issue(**{**d, "severity": Severity(d["severity"])}) for d in report["issues"]]


def is_stale(checked: dict | None, planned: ImportResult) -> bool:
    """The plan about to be written differs from the checked one: other counts (another
    import wrote some of these rows meanwhile), other contradictions or near matches."""
    if not checked:
        return True
    now = report_of(planned)

    def essence(report: dict) -> tuple:
        counts = [(f["name"], f["sha256"], f["counts"]) for f in report["files"]]
        # A trace the check could not write (SQLite busy) says nothing about the plan.
        issues = [i for i in report["issues"] if "không ghi được nhật ký" not in i["message"]]
        return counts, issues

    return essence(checked) != essence(now)


class ProgressWriter:
    """Writes a job's progress through a database connection of its own: the import's own
    connection is inside its write transaction while it waits and writes, where nobody else
    would see it until the end. Progress is worth a try, never a wait: a busy database skips
    a beat (at most one write a second)."""

    INTERVAL = 1.0

    def __init__(self, job_id: int):
        self.job_id, self.last, self.phase = job_id, 0.0, None
        config = copy.deepcopy(connection.settings_dict)
        if connection.vendor == "sqlite":
            config.setdefault("OPTIONS", {})["timeout"] = 0.05
        self.connection = load_backend(config["ENGINE"]).DatabaseWrapper(config, "progress")
        table = connection.ops.quote_name(ImportJob._meta.db_table)
        self.sql = f"UPDATE {table} SET phase = %s, rows_done = %s, rows_total = %s WHERE id = %s"

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.connection.close()

    def __call__(self, phase: str, done: int, total: int) -> None:
        now = time.monotonic()
        if phase == self.phase and now - self.last < self.INTERVAL:
            return
        self.phase, self.last = phase, now
        try:
            with self.connection.cursor() as cursor:
                cursor.execute(self.sql, [phase[:300], done, total, self.job_id])
        except Exception:
            log.debug("progress of import job %s not written", self.job_id, exc_info=True)
