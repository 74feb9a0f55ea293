from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Who someone is and what they may do: roles, access, sign-in. The label is the one the
    app had when it was called the back office, so that existing registries keep their tables
    and migrations."""

    name = "ocop.accounts"
    label = "backoffice"
    verbose_name = "Bàn làm việc"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Every app has registered its admin by now (the admin's own ready() ran first).
        from django.contrib import admin
        from django_otp.plugins.otp_totp.models import TOTPDevice

        from ocop.accounts import admin_scope, sign_in_views

        # Second factors are enrolled and reset on the workspace's pages, not typed as rows.
        if admin.site.is_registered(TOTPDevice):
            admin.site.unregister(TOTPDevice)
        admin_scope.apply_policies(admin.site)
        # The admin is entered with a role, through the back office's sign-in page (the same
        # form, the same throttle and second factor), never with Django's is_staff alone.
        admin.site.has_permission = admin_scope.site_permission
        admin.site.login = sign_in_views.login
        admin.site.password_change = sign_in_views.admin_password_change
