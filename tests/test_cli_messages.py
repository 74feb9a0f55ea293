"""The command line answers in Vietnamese: usage errors (exit status 2), the commands' own
refusals without Django's "CommandError:" prefix, and files that cannot be read or written."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

OCOP = Path(sys.executable).with_name("ocop")
ENGLISH = ("usage:", "error:", "CommandError", "Traceback", "No such file", "invalid", "argument")


@pytest.fixture(scope="module")
def migrated(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cli")
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{folder / 'cli.sqlite3'}"}
    subprocess.run([OCOP, "migrate", "--no-input"], env=env, check=True, capture_output=True)
    return folder, env


def ocop(migrated, *args):
    folder, env = migrated
    return subprocess.run(
        [OCOP, *args], capture_output=True, text=True, env=env, cwd=folder, timeout=120
    )


def assert_vietnamese(stderr: str) -> None:
    for word in ENGLISH:
        assert word not in stderr, stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["summary", "--as-of"], "cần một giá trị"),
        (["summary", "--khong-co"], "tham số không nhận ra: --khong-co"),
        (["load_units"], "thiếu tham số bắt buộc: file, --province"),
        (["generate", "--products", "0"], "cần một số nguyên dương"),
        (["generate", "--seed", "mot"], "giá trị không hợp lệ: 'mot'"),
        (["export", "x.xlsx", "--format", "pdf"], "lựa chọn không hợp lệ: 'pdf'"),
        (["report", "thu"], "lựa chọn không hợp lệ: 'thu'"),
    ],
)
def test_a_usage_error_is_explained_in_vietnamese_with_status_2(migrated, args, message):
    result = ocop(migrated, *args)
    assert result.returncode == 2
    assert message in result.stderr
    assert "cách dùng: ocop" in result.stderr and "lỗi:" in result.stderr
    assert_vietnamese(result.stderr)


def test_an_unknown_command_is_a_usage_error_in_vietnamese(migrated):
    result = ocop(migrated, "sumary")
    assert result.returncode == 2
    assert "Không có lệnh 'sumary'" in result.stderr
    assert "ocop summary" in result.stderr
    assert_vietnamese(result.stderr)


def test_a_commands_refusal_has_no_commanderror_prefix(migrated):
    result = ocop(migrated, "summary", "--province", "99")
    assert result.returncode == 2
    assert result.stderr.strip() == "Không có tỉnh mã '99'."


def test_a_file_that_cannot_be_written_is_explained_in_vietnamese(migrated):
    result = ocop(migrated, "report", "letter", "--as-of", "31/12/2025", "-o", "khong-co/cv.docx")
    assert result.returncode == 1
    assert "Không ghi được tệp khong-co/cv.docx: không có thư mục hoặc tệp này." in result.stderr
    assert_vietnamese(result.stderr)


def test_a_missing_file_to_import_is_explained_in_vietnamese(migrated):
    result = ocop(migrated, "import", "khong-co.xlsx")
    assert result.returncode == 2
    assert "Không tìm thấy tệp: khong-co.xlsx" in result.stderr
    assert_vietnamese(result.stderr)


def test_the_help_speaks_vietnamese(migrated):
    result = ocop(migrated, "summary", "--help")
    assert result.returncode == 0
    assert "cách dùng: ocop summary" in result.stdout
    assert "hiện trợ giúp này rồi thoát" in result.stdout
    assert "show this help" not in result.stdout
