from django.apps import AppConfig


class BackofficeConfig(AppConfig):
    name = "ocop.backoffice"
    label = "backoffice"
    verbose_name = "Bàn làm việc"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Every app has registered its admin by now (the admin's own ready() ran first).
        from django.contrib import admin
        from django_otp.plugins.otp_totp.models import TOTPDevice

        from ocop.backoffice import accounts_views, admin_scope

        # Second factors are enrolled and reset on the workspace's pages, not typed as rows.
        if admin.site.is_registered(TOTPDevice):
            admin.site.unregister(TOTPDevice)
        admin_scope.apply_policies(admin.site)
        # The admin is entered with a role, through the back office's sign-in page (the same
        # form, the same throttle and second factor), never with Django's is_staff alone.
        admin.site.has_permission = admin_scope.site_permission
        admin.site.login = accounts_views.login
        admin.site.password_change = accounts_views.admin_password_change
