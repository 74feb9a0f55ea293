"""Criteria sets in force; who signed a decision is in ocop.domain.issuers."""

from datetime import date

# The 2018 pilot criteria that 1048/QĐ-TTg replaced are not in our data.
CRITERIA_VERSIONS = (("1048/QĐ-TTg", date(2019, 8, 21)), ("148/QĐ-TTg", date(2023, 2, 24)))


def criteria_version_on(day: date) -> str:
    in_force = [name for name, effective in CRITERIA_VERSIONS if effective <= day]
    return in_force[-1] if in_force else CRITERIA_VERSIONS[0][0]
