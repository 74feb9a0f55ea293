"""Who in the back office is written to about a place: the commune officers of a commune or
ward, the department's staff of a province. Only active accounts with an address."""

from ocop.accounts.models import StaffProfile
from ocop.domain.roles import Role


def commune_officer_addresses(unit) -> list[str]:
    profiles = StaffProfile.objects.filter(role=Role.COMMUNE.value, commune=unit)
    return _addresses(profiles)


def department_addresses(province) -> list[str]:
    profiles = StaffProfile.objects.filter(
        role__in=[Role.ADMIN.value, Role.OFFICER.value], province=province
    )
    return _addresses(profiles)


def _addresses(profiles) -> list[str]:
    emails = profiles.filter(user__is_active=True).exclude(user__email="")
    return sorted(set(emails.values_list("user__email", flat=True)))
