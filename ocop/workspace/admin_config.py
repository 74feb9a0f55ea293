from django.contrib.admin.apps import AdminConfig


class OcopAdminConfig(AdminConfig):
    """Django's admin, with the back office's site as `admin.site` (Django's documented way to
    override the default site): installed in place of "django.contrib.admin", so every app's
    admin module registers on it. Its own module, light enough to be imported while the
    applications are still loading."""

    default_site = "ocop.workspace.admin_site.OcopAdminSite"
