"""One demo account per role for `ocop demo_setup` (OCOP_DEMO=1 only: the command refuses
otherwise), so that each role's view of the workspace can be tried."""

from django.conf import settings
from django.contrib.auth import get_user_model

from ocop.accounts.models import StaffProfile
from ocop.domain.roles import ROLE_LABELS, Role
from ocop.registry.models import Province, Unit

DEMO_COMMUNE = "Nậm Sỏ"
USERNAMES = {
    Role.ADMIN: "quan-tri",
    Role.OFFICER: "can-bo-so",
    Role.COMMUNE: "can-bo-xa",
    Role.VIEWER: "chi-xem",
}


def demo_staff(password: str) -> list[str]:
    province = Province.objects.get(code=settings.OCOP_PROVINCE)
    commune = (
        Unit.objects.filter(province=province, name=DEMO_COMMUNE).first()
        or Unit.objects.filter(province=province).first()
    )
    lines = []
    for role, username in USERNAMES.items():
        user, _ = get_user_model().objects.get_or_create(
            username=username, defaults={"is_staff": True}
        )
        user.set_password(password)
        user.is_active = user.is_staff = True
        user.save()
        place = commune if role is Role.COMMUNE else None
        StaffProfile.objects.update_or_create(
            user=user,
            defaults={"role": role.value, "province": province, "commune": place},
        )
        where = f" ({place})" if place else ""
        lines.append(f"{username}: {ROLE_LABELS[role]}{where}")
    return lines
