from django.contrib import admin

from ocop.accounts.admin_scope import Scope, ScopedAdmin
from ocop.domain.roles import Action
from ocop.imports.models import ImportRun


@admin.register(ImportRun)
class ImportRunAdmin(ScopedAdmin):
    """The log of imports, read by those who import: written by the importer only."""

    scope = Scope(province="province")
    view, edit = Action.IMPORT, None
    list_display = [
        "started_at",
        "file_name",
        "status",
        "user",
        "operator",
        "warnings_count",
        "errors_count",
    ]
    list_filter = ["status", "dry_run"]
    search_fields = ["file_name", "sha256"]
    readonly_fields = [f.name for f in ImportRun._meta.fields]
