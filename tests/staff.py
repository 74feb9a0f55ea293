"""Back-office accounts for tests: a user with a role, a province and (for commune officers) a
commune, made the way `ocop createuser` makes them, minus the one-time password."""

from django.contrib.auth import get_user_model

from ocop.accounts.models import StaffProfile
from ocop.domain.roles import Role
from ocop.registry.models import Province, Unit

PASSWORD = "mat-khau-thu-nghiem-2025"
# The commune a commune officer gets unless told: tests/factories.make_producer's default.
DEFAULT_COMMUNE = "Nậm Sỏ"
OTHER_COMMUNE = "Tân Uyên"


def commune(name: str = DEFAULT_COMMUNE, province: str = "12") -> Unit:
    return Unit.objects.get(province__code=province, name=name)


def other_province(code: str = "01") -> Province:
    """A second province for cross-province tests (reference data holds every province's
    row; only Lai Châu's units are loaded, so a test makes the unit it needs)."""
    return Province.objects.get(code=code)


def make_staff(
    role: Role | str,
    *,
    province: Province | str | None = None,
    commune: Unit | str | None = None,
    username: str | None = None,
    password: str | None = None,
    email: str = "",
    must_change_password: bool = False,
):
    """A user with a StaffProfile. `province`/`commune` take a model or a code/name; the
    province defaults to Lai Châu ("12") and, for the commune role, the commune to Nậm Sỏ.
    The password defaults to tests.staff.PASSWORD."""
    role = Role(role)
    if isinstance(province, str):
        province = Province.objects.get(code=province)
    if isinstance(commune, str):
        commune = Unit.objects.get(
            province=province or Province.objects.get(code="12"), name=commune
        )
    if province is None:
        province = commune.province if commune is not None else Province.objects.get(code="12")
    if commune is None and role is Role.COMMUNE:
        commune = Unit.objects.get(province=province, name=DEFAULT_COMMUNE)
    username = username or f"{role.value}-{province.code}-{commune.pk if commune else 0}"
    user = get_user_model().objects.create_user(
        username, email=email, password=password or PASSWORD, is_staff=True
    )
    StaffProfile.objects.create(
        user=user,
        role=role.value,
        province=province,
        commune=commune,
        must_change_password=must_change_password,
    )
    return user
