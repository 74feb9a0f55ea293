"""Every date a person types (command options, web fields) is read by one rule: dd/mm/yyyy as
the system prints it, or ISO; never empty; years far outside the programme are refused on the
web and warned about on the command line."""

import json
import os
import subprocess
import sys
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django import forms
from django.core.management import call_command
from django.core.management.base import CommandError

from ocop.shared.date_range import DateRangeFilter, DayField
from tests.factories import make_decision
from tests.report_data import small_registry

OCOP = Path(sys.executable).with_name("ocop")


def ocop(*args, tmp_path):
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'ngay.sqlite3'}"}
    return subprocess.run(
        [OCOP, *args], capture_output=True, text=True, env=env, timeout=120, cwd=tmp_path
    )


def summary_json(*args) -> dict:
    out = StringIO()
    call_command("summary", "--json", *args, stdout=out, stderr=StringIO())
    return json.loads(out.getvalue())


@pytest.mark.django_db
@pytest.mark.parametrize("typed", ["31/12/2025", "2025-12-31", "31/12/2025 "])
def test_summary_takes_the_day_as_printed_or_in_iso(typed):
    make_decision(decided_on=date(2022, 12, 31))
    assert summary_json("--as-of", typed)["as_of"] == "2025-12-31"
    assert summary_json("--as-of", typed)["valid_products"] == 1


@pytest.mark.django_db
def test_report_expiring_takes_day_first_dates():
    make_decision(decided_on=date(2023, 3, 15))
    out = StringIO()
    call_command("report", "expiring", "--from", "01/03/2026", "--to", "31/03/2026", stdout=out)
    assert "(1 sản phẩm)" in out.getvalue()


@pytest.mark.django_db
def test_generate_takes_a_day_first_today():
    call_command("generate", "--products", "5", "--today", "31/01/2026", stdout=StringIO())
    assert summary_json("--as-of", "31/01/2026")["valid_products"] > 0


@pytest.mark.django_db
def test_it_refuses_an_empty_day_instead_of_taking_today():
    with pytest.raises(CommandError, match="Chưa nhập ngày"):
        summary_json("--as-of", "")


def test_an_empty_or_bad_day_is_a_usage_error_in_vietnamese(tmp_path):
    for args in (
        ["summary", "--as-of", ""],
        ["report", "expiring", "--from", "32/01/2026"],
        ["report", "lists", "--as-of", "2025-02-30", "-o", "x.xlsx"],
        ["report", "expiring", "--from", "1/13/2026"],
    ):
        result = ocop(*args, tmp_path=tmp_path)
        assert result.returncode == 2, result.stderr
        assert "Chưa nhập ngày" in result.stderr or "Ngày không hợp lệ" in result.stderr
        assert "error" not in result.stderr and "usage" not in result.stderr


@pytest.mark.django_db
def test_the_command_line_warns_about_a_year_far_outside_the_programme():
    err = StringIO()
    call_command("summary", "--as-of", "31/12/1025", stdout=StringIO(), stderr=err)
    assert "Cảnh báo: Ngày 31/12/1025 nằm ngoài thời gian của Chương trình OCOP" in err.getvalue()
    err = StringIO()
    call_command("summary", "--as-of", "31/12/2025", stdout=StringIO(), stderr=err)
    assert err.getvalue() == ""


@pytest.mark.django_db
def test_the_home_page_takes_a_day_first_date(visitor):
    make_decision(decided_on=date(2022, 12, 31))
    response = visitor.get("/?ngay=31/12/2025")
    assert response.status_code == 200
    assert '<div class="n" data-figure="valid_products">1</div>' in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Chưa nhập ngày"),
        ("1025-12-31", "nằm ngoài thời gian của Chương trình OCOP"),
        ("01/01/2099", "nằm ngoài thời gian của Chương trình OCOP"),
    ],
)
def test_the_home_page_refuses_an_empty_or_far_away_day(visitor, typed, message):
    response = visitor.get("/", {"ngay": typed})
    assert response.status_code == 400
    assert message in response.content.decode()


@pytest.fixture
def officer(client, department_officer):
    client.force_login(department_officer)
    small_registry()
    return client


@pytest.mark.django_db
def test_the_reports_page_takes_a_day_first_date(officer):
    response = officer.get("/bao-cao/danh-sach.xlsx", {"ngay": "31/12/2025"})
    assert response.status_code == 200
    assert "danh-sach-ocop-2025-12-31.xlsx" in response["Content-Disposition"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"ngay": ""}, "Chưa nhập ngày"),
        ({"ngay": "31/12/1025"}, "nằm ngoài thời gian của Chương trình OCOP"),
        ({"tu": "2026-01-01", "den": ""}, "Chưa nhập ngày"),
    ],
)
def test_the_reports_page_refuses_an_empty_or_far_away_day(officer, query, message):
    url = "/bao-cao/sap-het-han.xlsx" if "tu" in query else "/bao-cao/cong-van.docx"
    response = officer.get(url, query)
    assert response.status_code == 400
    assert message in response.content.decode()


class Filter(DateRangeFilter):
    q = forms.CharField(required=False)


class Typed(forms.Form):
    any_day = DayField()
    programme_day = DayField(programme=True)


@pytest.mark.parametrize(
    ("typed", "day", "in_programme"),
    [
        ("05/01/2026", date(2026, 1, 5), True),
        ("2026-01-05", date(2026, 1, 5), True),
        ("01/01/1990", date(1990, 1, 1), False),
    ],
)
def test_one_day_field_reads_both_forms_and_the_programme_check_is_asked_for(
    typed, day, in_programme
):
    form = Typed({"any_day": typed, "programme_day": typed})
    form.is_valid()
    assert form.cleaned_data["any_day"] == day
    assert form.cleaned_data.get("programme_day") == (day if in_programme else None)
    if not in_programme:
        assert "nằm ngoài thời gian của Chương trình OCOP" in form.errors["programme_day"][0]


def test_a_day_field_shows_a_day_as_the_department_writes_it():
    html = str(Typed(initial={"any_day": date(2026, 3, 15)})["any_day"])
    assert 'value="15/03/2026"' in html and 'placeholder="dd/mm/yyyy"' in html


def test_a_date_range_filter_puts_the_days_last_and_keeps_what_is_valid():
    form = Filter({"q": "chè", "since": "31/12/2025", "until": "01/12/2025"})
    assert list(form.fields) == ["q", "since", "until"]
    assert form.valid_part() == {"q": "chè", "since": date(2025, 12, 31)}
    assert form.errors["until"] == ["Ngày cuối trước ngày đầu: đổi lại thứ tự hai ngày."]
    unreadable = Filter({"q": "chè", "since": "31/13/2025"})
    assert unreadable.valid_part() == {"q": "chè", "until": None}
    assert unreadable.errors["since"][0].startswith("Ngày không hợp lệ: '31/13/2025'")
