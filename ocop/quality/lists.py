"""The desk's other lists, each a queryset of the user's province: decisions without a number,
products without a product set, issuers presumed by the rule that a person should confirm, and
the imports that left warnings nobody has looked at."""

from ocop.imports.models import ImportJob, ImportRun
from ocop.quality.models import ReviewedImport
from ocop.registry.models import Decision, Product

# A number "typed" as nothing, a dash or a question mark is no number.
_NO_NUMBER = r"^[\s.?–—-]*$"


def decisions_without_number(staff):
    decisions = Decision.objects.filter(number__regex=_NO_NUMBER)
    return (
        staff.scope(decisions, "product__unit")
        .select_related("product", "product__producer", "product__unit")
        .order_by("decided_on", "pk")
    )


def products_without_set(staff):
    products = Product.objects.filter(product_set__isnull=True)
    return staff.scope(products).select_related("producer", "unit").order_by("sort_key", "pk")


def presumed_issuers(staff):
    decisions = Decision.objects.filter(issuer_presumed=True)
    return (
        staff.scope(decisions, "product__unit")
        .select_related("product", "product__producer", "product__unit")
        .order_by("decided_on", "pk")
    )


def import_warnings(staff) -> list[tuple]:
    """(job, its warnings) of each import written from the browser whose warnings nobody has
    marked as seen yet; the warnings are the check report's (ImportJob.result["issues"])."""
    jobs = scoped(staff, ImportJob.objects.filter(state=ImportJob.State.APPLIED))
    jobs = jobs.exclude(pk__in=ReviewedImport.objects.filter(job__isnull=False).values("job"))
    found = []
    for job in jobs.select_related("owner").order_by("-applied_at", "-pk"):
        warnings = [
            i for i in (job.result or {}).get("issues", []) if i.get("severity") == "warning"
        ]
        if warnings:
            found.append((job, warnings))
    return found


def command_line_runs(staff):
    """Imports written from the command line with warnings: only their count was kept."""
    runs = ImportRun.objects.filter(
        job__isnull=True, status=ImportRun.Status.APPLIED, warnings_count__gt=0
    )
    runs = runs.exclude(pk__in=ReviewedImport.objects.filter(run__isnull=False).values("run"))
    return scoped(staff, runs).select_related("user")


def import_warning_rows_count(staff) -> int:
    rows = sum(len(warnings) for _, warnings in import_warnings(staff))
    return rows + sum(command_line_runs(staff).values_list("warnings_count", flat=True))


def scoped(staff, queryset):
    """Rows of a table that names its province (imports)."""
    if staff.province_id is None:
        return queryset
    return queryset.filter(province_id=staff.province_id)
