from django.contrib import admin

from ocop.imports.models import ImportRun


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin):
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

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
