"""Presumed issuers grouped by what they were presumed from (issue 19), so that one confirmation
settles a whole group: the body presumed (which says the old district for a district
committee), the decision's date, its stars, and the pattern of its number ("…/QĐ-UBND"): a
council's decisions of one day share all four. Groups of one body form a section, confirmed
in one pass too ("every issuer of huyện Tam Đường")."""

import re
from dataclasses import dataclass, field
from datetime import date
from itertools import groupby

from ocop.domain.issuers import TWO_LEVEL_GOVERNMENT, is_district_committee
from ocop.domain.names import vn_sort_key
from ocop.registry.models import Decision

_LEADING_NUMBER = re.compile(r"^\s*(?:số\s*)?\d+\s*", re.IGNORECASE)
NO_NUMBER = "(không ghi số)"


def number_pattern(number: str) -> str:
    """ "332/QĐ-UBND" -> "…/QĐ-UBND": what a body's decisions of a year have in common."""
    number = " ".join(number.split())
    if not number:
        return NO_NUMBER
    return _LEADING_NUMBER.sub("…", number, count=1)


@dataclass
class IssuerGroup:
    issuer: str
    decided_on: date
    stars: int
    pattern: str
    decisions: list[Decision] = field(default_factory=list)

    @property
    def key(self) -> str:
        return f"{self.decided_on.isoformat()}|{self.stars}|{self.pattern}"

    def __len__(self) -> int:
        return len(self.decisions)


@dataclass
class IssuerSection:
    issuer: str
    groups: list[IssuerGroup]
    district: str = ""  # the old district a district committee stands for

    @property
    def count(self) -> int:
        return sum(map(len, self.groups))


def presumed_decisions(staff, issuer: str | None = None):
    decisions = Decision.objects.filter(issuer_presumed=True).exclude(issuer="")
    if issuer is not None:
        decisions = decisions.filter(issuer=issuer)
    return staff.scope(decisions, "product__unit").select_related(
        "product__producer", "product__unit__province"
    )


def presumed_sections(staff) -> list[IssuerSection]:
    """Sections by body (districts first, then the province, the ministry), each with its
    groups by date, stars and number pattern."""
    decisions = sorted(presumed_decisions(staff), key=_group_order)
    sections = []
    for issuer, members in groupby(decisions, key=lambda d: d.issuer):
        members = list(members)
        groups = [
            IssuerGroup(issuer, day, stars, pattern, list(rows))
            for (day, stars, pattern), rows in groupby(
                members, key=lambda d: (d.decided_on, d.stars, _p(d))
            )
        ]
        province = province_name(members[0])
        district = issuer[len("UBND ") :] if is_district_committee(issuer, province) else ""
        sections.append(IssuerSection(issuer, groups, district))
    return sorted(sections, key=lambda section: not section.district)


def province_name(decision: Decision) -> str:
    province = decision.product.unit.province
    return f"{province.kind} {province.name}"


def group_decisions(staff, issuer: str, key: str = "") -> list[Decision]:
    """The presumed decisions of one body, of one of its groups when `key` says which."""
    decisions = list(presumed_decisions(staff, issuer))
    if not key:
        return decisions
    return [d for d in decisions if IssuerGroup(issuer, d.decided_on, d.stars, _p(d)).key == key]


def after_districts(decisions: list[Decision], issuer: str, province: str) -> list[Decision]:
    """The decisions a district committee cannot have signed: 01/07/2025 or later (OCOP.md §5)."""
    if not is_district_committee(issuer, province):
        return []
    return [d for d in decisions if d.decided_on >= TWO_LEVEL_GOVERNMENT]


def _p(decision: Decision) -> str:
    return number_pattern(decision.number)


def _group_order(decision: Decision) -> tuple:
    return (
        vn_sort_key(decision.issuer),
        decision.decided_on,
        decision.stars,
        number_pattern(decision.number),
        vn_sort_key(decision.product.name),
        decision.pk,
    )
