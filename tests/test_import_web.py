"""Imports from the browser (/lam-viec/nhap/): upload, the check's report (the same lines as
`ocop import --dry-run`), confirm once, refusals, the list, who may use it. The job's steps
run here in the test's process when the request commits (tests/test_import_web_process.py
runs them in their own processes, as in production)."""

import contextlib
import html
import json
import subprocess
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from ocop.imports import jobs
from ocop.imports.engine import import_files
from ocop.imports.models import ImportJob, ImportRun
from ocop.registry.models import Decision, Product
from tests.staff import make_staff, other_province
from tests.test_import_sample import BROKEN, EXPECTED, SAMPLE
from tests.workbooks import registry_state

pytestmark = pytest.mark.django_db
INDEX = "/lam-viec/nhap/"


@pytest.fixture(autouse=True)
def data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    return tmp_path


@pytest.fixture(autouse=True)
def in_this_process(monkeypatch):
    """Each step runs as the request commits, in this process, instead of a subprocess."""
    monkeypatch.setattr(jobs, "start", lambda job: jobs.run(job.pk))


@pytest.fixture
def officer(client):
    user = make_staff("officer")
    client.force_login(user)
    return user


def upload(client, capture, *paths, name=None):
    files = [SimpleUploadedFile(name or path.name, path.read_bytes()) for path in paths]
    with capture(execute=True):
        return client.post(INDEX, {"files": files})


def post(client, capture, url):
    """POST, let the step run as the request commits, then show where it redirected."""
    with capture(execute=True):
        response = client.post(url)
    assert response.status_code == 302
    return client.get(response["Location"])


def page_text(response) -> str:
    return html.unescape(response.content.decode())


def dry_run_lines(path) -> list[str]:
    out = StringIO()
    with contextlib.suppress(CommandError):  # the broken list's exit status 1
        call_command("import", str(path), "--dry-run", stdout=out, stderr=StringIO())
    return [line.strip() for line in out.getvalue().splitlines()]


def test_the_broken_twin_gets_the_command_lines_report_and_writes_nothing(
    client, officer, django_capture_on_commit_callbacks
):
    expected = dry_run_lines(BROKEN)
    errors = [line for line in expected if " — " in line and "Năm 2025 › dòng" in line]
    assert len(errors) == 3
    response = upload(client, django_capture_on_commit_callbacks, BROKEN)
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    assert job.state == ImportJob.State.REFUSED
    text = page_text(client.get(job.get_absolute_url()))
    assert "Lỗi (3)" in text
    for line in errors:
        assert line in text
    assert (
        'ocop-mau-2019-2026-loi.xlsx › Năm 2025 › dòng 6 › cột D "Phân hạng": "7 sao" — '
        "hạng sao phải là 3, 4 hoặc 5"
    ) in text
    assert "Xác nhận nhập" not in text
    assert Decision.objects.count() == 0


def test_the_report_lists_what_the_command_line_lists(
    client, officer, django_capture_on_commit_callbacks
):
    upload(client, django_capture_on_commit_callbacks, SAMPLE)
    job = ImportJob.objects.get()
    cli = [line for line in dry_run_lines(SAMPLE) if line and not line.startswith("Tệp ")]
    assert [line.strip() for line in job.result["lines"] if not line.startswith("Tệp ")] == cli
    text = page_text(client.get(job.get_absolute_url()))
    for line in cli:
        if " — " in line or line.startswith("trang "):
            assert line in text


def test_an_officer_uploads_checks_and_confirms_once(
    client, officer, django_capture_on_commit_callbacks
):
    response = upload(client, django_capture_on_commit_callbacks, SAMPLE)
    job = ImportJob.objects.get()
    assert job.state == ImportJob.State.CHECKED
    assert job.files[0]["name"] == SAMPLE.name and len(job.files[0]["sha256"]) == 64
    stored = jobs.folder_of(job) / job.files[0]["stored"]
    assert stored.read_bytes() == SAMPLE.read_bytes()
    text = page_text(client.get(response["Location"]))
    assert "Sẽ ghi (chưa ghi gì): 223 dòng đọc được" in text
    assert "trang Năm 2019: 15 dòng sản phẩm" in text
    assert "Xác nhận nhập" in text
    assert Decision.objects.count() == 0

    confirm = reverse("imports:confirm", args=[job.pk])
    done = post(client, django_capture_on_commit_callbacks, confirm)
    assert "Đã ghi vào sổ đăng ký" in page_text(done)
    after_first = registry_state()
    again = post(client, django_capture_on_commit_callbacks, confirm)
    assert "không còn chờ xác nhận" in page_text(again)
    assert registry_state() == after_first
    assert Decision.objects.count() == EXPECTED["rows"]
    assert Product.objects.count() == EXPECTED["products"]
    job.refresh_from_db()
    assert (job.state, job.confirmed_by, job.owner) == ("applied", officer, officer)
    runs = ImportRun.objects.filter(job=job).order_by("id")
    assert [(r.dry_run, r.status, r.user) for r in runs] == [
        (True, "dry_run", officer),
        (False, "applied", officer),
    ]
    assert {r.province.code for r in runs} == {"12"}


def test_the_same_rows_as_the_command_line_import(
    client, officer, django_capture_on_commit_callbacks
):
    upload(client, django_capture_on_commit_callbacks, SAMPLE)
    job = ImportJob.objects.get()
    post(client, django_capture_on_commit_callbacks, reverse("imports:confirm", args=[job.pk]))
    from_the_web = registry_state()
    Decision.objects.all().delete()
    Product.objects.all().delete()
    from ocop.registry.models import Producer

    Producer.objects.all().delete()
    import_files([SAMPLE])
    assert registry_state() == from_the_web


def test_a_registry_changed_since_the_check_refuses_and_asks_to_check_again(
    client, officer, django_capture_on_commit_callbacks
):
    upload(client, django_capture_on_commit_callbacks, SAMPLE)
    job = ImportJob.objects.get()
    import_files([SAMPLE])  # another import wrote the same rows meanwhile
    before = registry_state()
    page = post(
        client, django_capture_on_commit_callbacks, reverse("imports:confirm", args=[job.pk])
    )
    job.refresh_from_db()
    assert job.state == ImportJob.State.REFUSED
    assert "sổ đăng ký đã thay đổi từ lúc kiểm tra" in page_text(page)
    assert registry_state() == before
    again = post(
        client, django_capture_on_commit_callbacks, reverse("imports:recheck", args=[job.pk])
    )
    job.refresh_from_db()
    assert job.state == ImportJob.State.CHECKED
    assert "223 dòng không thay đổi" in page_text(again).replace('</td><th scope="row">', " ")


def test_a_file_changed_since_the_check_refuses(
    client, officer, django_capture_on_commit_callbacks, tmp_path
):
    upload(client, django_capture_on_commit_callbacks, SAMPLE)
    job = ImportJob.objects.get()
    stored = jobs.folder_of(job) / job.files[0]["stored"]
    stored.write_bytes(BROKEN.read_bytes())
    page = post(
        client, django_capture_on_commit_callbacks, reverse("imports:confirm", args=[job.pk])
    )
    assert "đã thay đổi hoặc không còn từ lúc kiểm tra" in page_text(page)
    assert Decision.objects.count() == 0


def test_several_files_at_once(client, officer, django_capture_on_commit_callbacks, tmp_path):
    from tests.workbooks import row, simple_list

    other = simple_list(tmp_path / "bo-sung.xlsx", row())
    upload(client, django_capture_on_commit_callbacks, SAMPLE, other)
    job = ImportJob.objects.get()
    assert job.file_names == f"{SAMPLE.name}, bo-sung.xlsx"
    assert job.state == ImportJob.State.CHECKED
    assert job.result["totals"]["rows"] == EXPECTED["rows"] + 1


def test_a_file_too_big_is_refused_with_the_limit(
    client, officer, settings, django_capture_on_commit_callbacks
):
    settings.OCOP_IMPORT_MAX_FILE_MB = 1
    big = SimpleUploadedFile("lon.xlsx", b"PK\x03\x04" + b"0" * (1024 * 1024))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(INDEX, {"files": [big]})
    assert response.status_code == 400
    text = page_text(response)
    assert "Không nhập được tệp lon.xlsx: tệp nặng 1 MB, quá giới hạn 1 MB" in text
    assert not ImportJob.objects.exists()


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("danh-sach.pdf", b"%PDF-1.4", "chỉ nhận .xlsx"),
        ("danh-sach.xlsx", b"%PDF-1.4 ...", "tệp này là tệp PDF, không phải bảng tính"),
        ("danh-sach.xlsx", b"<html><body>", "tệp này là một trang web (HTML)"),
        ("danh-sach.xlsx", b"", "Không nhập được tệp danh-sach.xlsx: tệp rỗng (0 byte)"),
    ],
)
def test_a_file_of_the_wrong_type_is_refused(
    client, officer, data_dir, name, content, message, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(INDEX, {"files": [SimpleUploadedFile(name, content)]})
    assert response.status_code == 400
    assert message in page_text(response)
    assert not ImportJob.objects.exists()
    assert not any((data_dir / "imports").glob("*/*.xlsx"))


def test_no_file_is_refused(client, officer):
    response = client.post(INDEX, {})
    assert response.status_code == 400
    assert "Chọn ít nhất một tệp danh sách." in page_text(response)


def test_a_job_whose_process_died_is_shown_failed(client, officer):
    gone = subprocess.Popen(["true"])
    gone.wait()
    job = ImportJob.objects.create(
        owner=officer, province=other_province("12"), state="checking", pid=gone.pid,
        files=[{"name": "ds.xlsx", "stored": "1.xlsx", "sha256": "0" * 64, "size": 1}],
    )  # fmt: skip
    status = client.get(reverse("imports:status", args=[job.pk])).json()
    assert (status["state"], status["running"]) == ("failed", False)
    text = page_text(client.get(job.get_absolute_url()))
    assert "Tiến trình nhập đã dừng giữa chừng" in text
    assert "Kiểm tra lại" in text


def test_a_running_job_shows_its_progress_and_polls(client, officer):
    runner = subprocess.Popen(["sleep", "30"])  # not our worker: its command line says so
    try:
        job = ImportJob.objects.create(
            owner=officer, province=other_province("12"), state="queued", pid=None,
            phase="Đọc và kiểm tra ds.xlsx", rows_done=500, rows_total=2000,
            files=[{"name": "ds.xlsx", "stored": "1.xlsx", "sha256": "0" * 64, "size": 1}],
        )  # fmt: skip
        response = client.get(job.get_absolute_url())
        text = page_text(response)
        assert "Đọc và kiểm tra ds.xlsx: 500/2000 dòng" in text
        assert 'http-equiv="refresh"' in text and "imports/job.js" in text
        status = client.get(reverse("imports:status", args=[job.pk]))
        assert status["Cache-Control"] == "no-store"
        assert status.json() == {
            "id": job.pk, "state": "queued", "state_label": "đang chờ kiểm tra",
            "running": True, "phase": "Đọc và kiểm tra ds.xlsx", "rows_done": 500,
            "rows_total": 2000, "percent": 25,
        }  # fmt: skip
        ImportJob.objects.filter(pk=job.pk).update(state="checking", pid=runner.pid)
        assert client.get(reverse("imports:status", args=[job.pk])).json()["state"] == "failed"
    finally:
        runner.kill()
        runner.wait()


def test_the_engine_reports_its_progress_by_phase_and_rows():
    seen = []
    import_files([SAMPLE], dry_run=True, on_progress=lambda *a: seen.append(a))
    phases = [phase for phase, _, _ in seen]
    assert phases[0] == f"Đọc và kiểm tra {SAMPLE.name}"
    assert phases[-1] == "Đối chiếu với sổ đăng ký"
    assert seen[-1][1:] == (223, 223)
    totals = [total for _, _, total in seen]
    assert totals == sorted(totals)


def test_the_list_shows_the_provinces_imports_from_the_browser_and_the_command_line(
    client, officer, django_capture_on_commit_callbacks
):
    upload(client, django_capture_on_commit_callbacks, BROKEN)
    call_command("import", str(SAMPLE), stdout=StringIO(), stderr=StringIO())
    elsewhere = make_staff("officer", province="01", username="can-bo-ha-noi")
    ImportJob.objects.create(owner=elsewhere, province=other_province("01"), state="applied",
                             files=[{"name": "ha-noi.xlsx"}])  # fmt: skip
    text = page_text(client.get(INDEX))
    assert BROKEN.name in text and "bị từ chối" in text
    assert "Nhập bằng dòng lệnh" in text and SAMPLE.name in text
    assert "ha-noi.xlsx" not in text
    assert 'href="/lam-viec/nhap/"' in text  # the menu's entry


@pytest.mark.parametrize("role", ["viewer", "commune"])
def test_viewers_and_commune_officers_may_not_import(client, role):
    job = ImportJob.objects.create(province=other_province("12"), state="checked", result=None)
    client.force_login(make_staff(role))
    for url in (INDEX, job.get_absolute_url(), reverse("imports:status", args=[job.pk])):
        assert client.get(url).status_code == 403
    for name in ("confirm", "recheck"):
        assert client.post(reverse(f"imports:{name}", args=[job.pk])).status_code == 403
    upload_attempt = client.post(INDEX, {"files": [SimpleUploadedFile("a.xlsx", b"PK")]})
    assert upload_attempt.status_code == 403
    job.refresh_from_db()
    assert job.state == "checked" and not ImportJob.objects.exclude(pk=job.pk).exists()
    assert 'href="/lam-viec/nhap/"' not in client.get("/lam-viec/").content.decode()


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(INDEX)
    assert response.status_code == 302 and "/lam-viec/dang-nhap/" in response["Location"]


def test_another_provinces_job_is_not_found(client):
    job = ImportJob.objects.create(province=other_province("12"), state="checked")
    client.force_login(make_staff("officer", province="01"))
    assert client.get(job.get_absolute_url()).status_code == 404
    assert client.post(reverse("imports:confirm", args=[job.pk])).status_code == 404


def test_the_status_is_json(client, officer, django_capture_on_commit_callbacks):
    upload(client, django_capture_on_commit_callbacks, BROKEN)
    job = ImportJob.objects.get()
    response = client.get(reverse("imports:status", args=[job.pk]))
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content)["state"] == "refused"
