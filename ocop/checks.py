"""Configuration checked at start (Django system checks): a production install must not run
with development secrets or demo accounts."""

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register

from ocop.settings import DEV_SECRET_KEY


@register(Tags.security, deploy=False)
def check_production_settings(app_configs, **kwargs):
    problems = []
    if not settings.DEBUG and settings.SECRET_KEY == DEV_SECRET_KEY:
        problems.append(
            Error(
                "SECRET_KEY is the development placeholder while DEBUG is off.",
                hint="Set SECRET_KEY to a long random value (docs/configuration.md).",
                id="ocop.E001",
            )
        )
    if not settings.DEBUG and settings.DEMO_MODE:
        problems.append(
            Error(
                "OCOP_DEMO is on while DEBUG is off: demo accounts must never reach production.",
                hint="Unset OCOP_DEMO.",
                id="ocop.E002",
            )
        )
    if not settings.DEBUG and not settings.ALLOWED_HOSTS:
        problems.append(Error("ALLOWED_HOSTS is empty while DEBUG is off.", id="ocop.E003"))
    if len(settings.OCOP_PROVINCE) not in (1, 2) or not settings.OCOP_PROVINCE.isdigit():
        problems.append(
            Warning(
                f"OCOP_PROVINCE={settings.OCOP_PROVINCE!r} does not look like a province code.",
                hint="Use the two-digit code, e.g. 12 for Lai Châu.",
                id="ocop.W001",
            )
        )
    return problems
