"""The admin site of the back office (/admin/): entered with a role through the accounts'
sign-in page, never with Django's is_staff alone, and only with model admins that decide by
the role's table (ocop.accounts.admin_scope). Its index links to the workspace's reports page,
which is why it lives on the top floor."""

from django.contrib import admin
from django.core.exceptions import ImproperlyConfigured

from ocop.accounts import sign_in_views
from ocop.accounts.access import staff_of
from ocop.accounts.admin_scope import (
    Scope,
    ScopedAdmin,
    ScopedAutocompleteJsonView,
    ScopedInline,
)


class OcopAdminSite(admin.AdminSite):
    site_header = "Quản trị sản phẩm OCOP"
    site_title = "OCOP"
    index_title = "Sổ đăng ký sản phẩm OCOP"
    index_template = "workspace/admin_index.html"

    def has_permission(self, request) -> bool:
        """An active account with a role (staff_of); what it may do is its role's."""
        return staff_of(request.user) is not None

    def login(self, request, extra_context=None):
        # The one sign-in page: the same form, throttle and second factor as /lam-viec/.
        return sign_in_views.login(request, extra_context)

    def password_change(self, request, extra_context=None):
        return sign_in_views.admin_password_change(request, extra_context)

    def autocomplete_view(self, request):
        return ScopedAutocompleteJsonView.as_view(admin_site=self)(request)

    def get_urls(self):
        unscoped = unscoped_admins(self)
        if unscoped:
            # A model admin that does not decide by the role's table would be a back door
            # (a third-party app's own registration): the admin does not start with one.
            raise ImproperlyConfigured(
                f"Model admins without a declared scope: {', '.join(unscoped)}. Subclass "
                "ocop.accounts.admin_scope.ScopedAdmin (docs/backoffice.md)."
            )
        return super().get_urls()


def unscoped_admins(site) -> list[str]:
    """The registered models whose admin, or one of its inlines, is not scoped."""
    found = []
    for model, model_admin in site._registry.items():
        scoped = isinstance(model_admin, ScopedAdmin) and isinstance(
            getattr(model_admin, "scope", None), Scope
        )
        if not scoped or not all(issubclass(i, ScopedInline) for i in model_admin.inlines):
            found.append(model._meta.label)
    return sorted(found)
