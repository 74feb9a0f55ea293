"""`ocop import` and `ocop export` on the command line: exit codes and messages, never a
traceback for bad input."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from ocop.registry.models import Decision
from tests.workbooks import row, simple_list

pytestmark = pytest.mark.django_db


def ocop(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out, stderr=StringIO())
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("khong-co.xlsx", "Không tìm thấy tệp"),
        ("ghi-chu.txt", "chỉ nhận .xlsx, .xlsm, .xls, .ods, .csv"),
    ],
)
def test_bad_command_line_input_exits_with_2(tmp_path, name, message):
    if name.endswith(".txt"):
        (tmp_path / name).write_text("x")
    with pytest.raises(CommandError, match=message) as raised:
        ocop("import", str(tmp_path / name))
    assert raised.value.returncode == 2


def test_a_damaged_file_is_an_error_not_a_traceback(tmp_path):
    path = tmp_path / "hong.xlsx"
    path.write_bytes(b"not a workbook")
    out = StringIO()
    with pytest.raises(CommandError) as raised:
        call_command("import", str(path), stdout=out, stderr=StringIO())
    assert raised.value.returncode == 1
    assert "hong.xlsx — không đọc được tệp" in out.getvalue()


def test_a_dry_run_says_what_it_would_do_and_writes_nothing(tmp_path):
    out = ocop("import", "--dry-run", str(simple_list(tmp_path / "a.xlsx", row())))
    assert "Sẽ ghi (chạy thử, chưa ghi gì): 1 dòng đọc được" in out
    assert "1 quyết định thêm mới" in out
    assert Decision.objects.count() == 0


def test_an_unknown_user_exits_with_2(tmp_path):
    with pytest.raises(CommandError) as raised:
        ocop("import", "--user", "ai-do", str(simple_list(tmp_path / "a.xlsx", row())))
    assert raised.value.returncode == 2
