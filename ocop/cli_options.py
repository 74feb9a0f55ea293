"""Options the registry's commands share. Values are read by the domain's rules, so a day typed
on the command line means what it means on the web."""

import argparse
from datetime import date

from django.core.management.base import BaseCommand
from django.utils import timezone

from ocop.domain.dates import outside_programme, parse_day

DAY = "NGÀY"
DAY_FORMS = "dd/mm/yyyy hoặc yyyy-mm-dd"


def day(text: str) -> date:
    """argparse type: a bad or empty day is a usage error (status 2) naming the option."""
    try:
        return parse_day(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"cần một số nguyên dương, không phải '{text}'")
    return value


def warn_outside_programme(command: BaseCommand, *days: date | None) -> None:
    """The command line still answers for a far-away day (someone may mean it), but says so."""
    today = timezone.localdate()
    for value in days:
        problem = value and outside_programme(value, today)
        if problem:
            command.stderr.write(f"Cảnh báo: {problem}")
