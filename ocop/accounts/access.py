"""Who the signed-in user is in the back office, and the checks every back-office page, form
and admin screen makes. The table of what a role may do is ocop.domain.roles; this module only
finds the user's role, province and commune, and which commune a record belongs to."""

from dataclasses import dataclass, field
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from ocop.domain.roles import Action, Role, allowed


@dataclass(frozen=True)
class Staff:
    """The signed-in user's place in the back office. `province_id` None means every province
    (a superuser without a profile)."""

    role: Role
    province_id: int | None
    commune_id: int | None
    # Commune id -> whether it lies in the province, asked once: an admin page asks it of the
    # same few communes for every field, inline row and permission (60 times for one product).
    # A Staff lives for one request: staff_of keeps it on the request's user.
    _in_province: dict = field(default_factory=dict, compare=False, repr=False)

    def can(self, action: Action | str, unit=None, *, province=None) -> bool:
        """May this user do `action`, on a record of commune/ward `unit` (a Unit, its id, or
        None for an action not tied to a place), or on a record of `province` (a Province or
        its id) that belongs to no commune (a letter's texts, a province's log)."""
        if unit is not None and not self.in_province(unit):
            return False
        if province is not None and not self.of_province(province):
            return False
        unit_id = getattr(unit, "pk", unit)
        own = unit_id is not None and unit_id == self.commune_id
        return allowed(self.role, action, own_commune=own)

    def can_somewhere(self, action: Action | str) -> bool:
        """May this user do `action` on some record: anywhere, or in their own commune."""
        return self.can(action) or (
            self.commune_id is not None and allowed(self.role, action, own_commune=True)
        )

    def of_province(self, province) -> bool:
        return self.province_id is None or getattr(province, "pk", province) == self.province_id

    def in_province(self, unit) -> bool:
        if self.province_id is None:
            return True
        if isinstance(unit, int):
            from ocop.registry.models import Unit

            if unit not in self._in_province:
                found = Unit.objects.filter(pk=unit, province_id=self.province_id).exists()
                self._in_province[unit] = found
            return self._in_province[unit]
        return unit.province_id == self.province_id

    def scope(self, queryset, unit_path: str = "unit", *, province_path: str | None = None):
        """Rows of the user's province only; `unit_path` leads from the model to its Unit
        (e.g. "product__unit" for decisions), or `province_path` to its Province for rows
        of no commune ("province"; "pk" for the provinces themselves)."""
        if self.province_id is None:
            return queryset
        path = province_path or f"{unit_path}__province_id"
        return queryset.filter(**{path: self.province_id})


def staff_of(user) -> Staff | None:
    """The user's Staff, or None for anonymous users and accounts without a role."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    cached = getattr(user, "_ocop_staff", False)
    if cached is not False:
        return cached
    from ocop.accounts.models import StaffProfile

    profile = StaffProfile.objects.filter(user=user).first()
    if profile is not None:
        staff = Staff(Role(profile.role), profile.province_id, profile.commune_id)
    elif user.is_superuser:
        staff = Staff(Role.ADMIN, None, None)
    else:
        staff = None
    user._ocop_staff = staff
    return staff


def require(action: Action | str = Action.VIEW):
    """A view decorator: sign-in first, then `action` somewhere (anywhere in the province, or
    in the user's own commune), else 403. Views that act on one record also check
    `request.staff.can(action, record.unit)` themselves."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            staff = staff_of(request.user)
            if staff is None or not staff.can_somewhere(action):
                raise PermissionDenied
            request.staff = staff
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
