"""Accounts, groups and the login throttle's records in the admin, for administrators
(Action.USERS) and only of their province. Django, django-axes and django-otp register their
own screens first (their apps come earlier in INSTALLED_APPS); each is replaced here by a
scoped subclass, Django's documented way to change another app's admin. Accounts are managed
on the users page (/lam-viec/nguoi-dung/); these screens stay for what it does not show."""

from axes import admin as axes_admin
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth import admin as auth_admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django_otp.plugins.otp_totp.models import TOTPDevice

from ocop.accounts.access import staff_of
from ocop.accounts.admin_scope import SHARED, Scope, ScopedAdmin
from ocop.domain.roles import Action

User = get_user_model()

# Second factors are enrolled and reset on the workspace's pages, never typed as rows.
for model in (User, Group, AccessAttempt, AccessLog, AccessFailureLog, TOTPDevice):
    admin.site.unregister(model)


@admin.register(User)
class UserAdmin(ScopedAdmin, auth_admin.UserAdmin):
    # An account belongs to the province of its role; one without (`createsuperuser`'s) is
    # the operator's, seen by administrators of every province only.
    scope = Scope(province="staff_profile__province")
    view = edit = Action.USERS

    def get_readonly_fields(self, request, obj=None):
        # Rights beyond the role table are the operator's: an administrator of one province
        # cannot make anyone, themselves included, a superuser of every province.
        fields = list(super().get_readonly_fields(request, obj))
        staff = staff_of(request.user)
        if staff is not None and staff.province_id is not None:
            fields += ["is_superuser", "user_permissions"]
        return fields


@admin.register(Group)
class GroupAdmin(ScopedAdmin, auth_admin.GroupAdmin):
    scope = SHARED  # groups give nothing here (roles do), and are no province's
    view = edit = Action.USERS


def throttled_seen_by(queryset, staff):
    """Login records a province's administrators see: those of their province's accounts, and
    those of names no account has (someone guessing: it could be anyone's)."""
    elsewhere = User.objects.exclude(staff_profile__province_id=staff.province_id)
    return queryset.exclude(username__in=elsewhere.values("username"))


class ThrottleAdmin(ScopedAdmin):
    """Read and deleted (deleting lifts a lock), never added: the throttle writes them."""

    scope = Scope(seen_by=throttled_seen_by)
    view = edit = Action.USERS

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(AccessAttempt)
class AccessAttemptAdmin(ThrottleAdmin, axes_admin.AccessAttemptAdmin):
    # Not axes' "clean up expired attempts": it ignores the selection (every province's
    # expired attempts go) and fails outside a sign-in request. Deleting the selected ones
    # (Django's own action) lifts a lock.
    actions = []


@admin.register(AccessLog)
class AccessLogAdmin(ThrottleAdmin, axes_admin.AccessLogAdmin):
    pass


@admin.register(AccessFailureLog)
class AccessFailureLogAdmin(ThrottleAdmin, axes_admin.AccessFailureLogAdmin):
    pass
