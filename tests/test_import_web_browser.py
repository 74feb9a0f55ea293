"""The officer's path in a real browser: upload a list, read the check's report, confirm, see
it written; and a running import's page following its progress by itself. axe at 360 and
1366 px (officers' laptops), screenshots in test-artifacts/."""

import subprocess
import sys

import pytest
from django.test import Client

from ocop.imports import jobs
from ocop.imports.engine import import_files
from ocop.imports.models import ImportJob
from ocop.registry.models import Decision, Province
from tests.browser_checks import PageChecker
from tests.staff import make_staff
from tests.test_import_sample import EXPECTED, SAMPLE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
WIDTHS = (360, 1366)


@pytest.fixture
def officer_page(live_server, page, settings, tmp_path, monkeypatch):
    settings.DATA_DIR = tmp_path
    # The live server's database may live in this process's memory: each step runs as the
    # request commits instead of in a process of its own (test_import_web_process.py).
    monkeypatch.setattr(jobs, "start", lambda job: jobs.run(job.pk))
    user = make_staff("officer", username="can-bo-so")
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value,
          "url": live_server.url}]
    )  # fmt: skip
    return page


def check_widths(page, name: str) -> None:
    for width in WIDTHS:
        checker = PageChecker(page, width)
        checker.check(name)
        assert not checker.refused


def test_an_officer_uploads_reads_the_report_confirms_and_is_done(live_server, officer_page):
    page = officer_page
    page.goto(live_server.url + "/lam-viec/nhap/")
    check_widths(page, "nhap-danh-sach")
    page.set_input_files("#id_files", str(SAMPLE))
    page.get_by_role("button", name="Tải lên và kiểm tra").click()
    page.wait_for_selector("text=Kiểm tra xong, không có lỗi")
    assert page.is_visible("text=Sẽ ghi (chưa ghi gì): 223 dòng đọc được")
    check_widths(page, "nhap-bao-cao")
    assert Decision.objects.count() == 0
    page.get_by_role("button", name="Xác nhận nhập").click()
    page.wait_for_selector("text=Đã ghi vào sổ đăng ký.")
    check_widths(page, "nhap-da-ghi")
    assert Decision.objects.count() == EXPECTED["rows"]
    page.get_by_role("link", name="Nhập danh sách khác").click()
    assert page.is_visible(f"td >> text={SAMPLE.name}")


def test_a_running_import_follows_its_progress_and_shows_the_report(live_server, officer_page):
    page = officer_page
    job = ImportJob.objects.create(
        province=Province.objects.get(code="12"), state="checking",
        phase=f"Đọc và kiểm tra {SAMPLE.name}", rows_done=100, rows_total=223,
        files=[{"name": SAMPLE.name, "stored": "1.xlsx", "sha256": "0" * 64, "size": 1}],
    )  # fmt: skip
    # Stands for the worker: a live process whose command line names this job.
    worker = subprocess.Popen(
        [sys.executable, "-c", "import time; time.sleep(120)", "run_import_job", str(job.pk)]
    )
    try:
        ImportJob.objects.filter(pk=job.pk).update(pid=worker.pid)
        page.goto(live_server.url + job.get_absolute_url())
        assert page.is_visible("progress")
        check_widths(page, "nhap-dang-kiem-tra")
        ImportJob.objects.filter(pk=job.pk).update(rows_done=200)
        page.wait_for_selector("text=200/223 dòng")
        report = jobs.report_of(import_files([SAMPLE], dry_run=True))
        ImportJob.objects.filter(pk=job.pk).update(state="checked", result=report, phase="")
        page.wait_for_selector("text=Kiểm tra xong, không có lỗi", timeout=15000)
    finally:
        worker.kill()
        worker.wait()
