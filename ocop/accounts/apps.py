from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Who someone is and what they may do: roles, access, sign-in. The label is the one the
    app had when it was called the back office, so that existing registries keep their tables
    and migrations. Its admin screens (accounts, groups, the login throttle's records) are in
    admin.py, scoped like every other (admin_scope.py)."""

    name = "ocop.accounts"
    label = "backoffice"
    verbose_name = "Bàn làm việc"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from ocop.accounts.session_limits import remember_sign_in

        user_logged_in.connect(remember_sign_in, dispatch_uid="ocop-remember-sign-in")
