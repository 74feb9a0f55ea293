"""Which models the log follows, where each one's entries are filed, and which of their fields
it leaves out: values derived from others (name, search and sort keys, the next decision's
date), timestamps the database stamps, and secrets (a password's hash is logged as changed,
never shown).

Each line says, under "province", how a record leads to its province (ocop.audit.writing
files every entry under the record's province, never the actor's): a lookup ("unit__province";
"pk" for a province; several, the first that finds one), a function of the record, or SHARED
for rows of no province. Registered from this app (ocop.audit.apps) so that no other app's
models change. A model an app adds later is named here."""

from auditlog.registry import auditlog
from django.apps import apps

_DERIVED = ["name_key", "search_key", "sort_key", "created_at", "updated_at"]
# Rows every province shares (holidays, product sets, groups): filed under the install's own
# province (OCOP_PROVINCE), as a registry serves one.
SHARED = None


def quoted_code_province(code: str) -> int | None:
    """A misuse report belongs to the province of the decision whose public code it quotes
    (as MisuseReport.objects.seen_by shows it); one without a known code, to none."""
    from ocop.registry.models import Decision

    decisions = Decision.objects.filter(public_code=code) if code else Decision.objects.none()
    return decisions.values_list("product__unit__province", flat=True).first()


def misuse_report_province(report) -> int | None:
    return quoted_code_province(report.code)


def triage_province(triage) -> int | None:
    from ocop.catalog.models import MisuseReport

    report = MisuseReport.objects.filter(pk=triage.report_id).values_list("code", flat=True)
    return quoted_code_province(report.first() or "")


TRACKED: dict[str, dict] = {
    "registry.Province": {"province": "pk"},
    "registry.Unit": {"province": "province", "exclude_fields": ["name_key", "sort_key"]},
    "registry.Holiday": {"province": SHARED},
    "registry.ProductSet": {"province": SHARED},
    "registry.Producer": {"province": "unit__province", "exclude_fields": _DERIVED},
    "registry.Product": {"province": "unit__province", "exclude_fields": _DERIVED},
    "registry.Decision": {
        "province": "product__unit__province",
        "exclude_fields": [*_DERIVED, "next_decided_on"],
    },
    "catalog.ProductPhoto": {
        "province": "product__unit__province",
        "exclude_fields": ["width", "height", "copies"],
    },
    # A point of sale is a product's or, for all of them, its producer's.
    "catalog.PointOfSale": {"province": ("product__unit__province", "producer__unit__province")},
    "catalog.MisuseReport": {"province": misuse_report_province},
    "reports.LetterTexts": {"province": "province", "exclude_fields": ["updated_at"]},
    "imports.ImportRun": {"province": "province"},
    "imports.ImportJob": {"province": "province"},  # imports from the browser (upload10)
    # The data-quality desk: merges and their undoing, pairs confirmed as different (desk10).
    "quality.MergeRecord": {"province": "province"},
    "quality.DistinctPair": {"province": "province"},
    "dossiers.Dossier": {  # dossier11
        "province": "product__unit__province",
        "exclude_fields": ["created_at", "updated_at"],
    },
    "dossiers.DossierStep": {"province": "dossier__product__unit__province"},
    "dossiers.DossierFile": {
        "province": "dossier__product__unit__province",
        "exclude_fields": ["uploaded_at"],
    },
    # Revocations, inspections and the triage of misuse reports (enforce11).
    "enforcement.Revocation": {
        "province": "decision__product__unit__province",
        "exclude_fields": ["recorded_at"],
    },
    "enforcement.Inspection": {"province": "unit__province", "exclude_fields": ["recorded_at"]},
    "enforcement.Finding": {"province": "inspection__unit__province"},
    "enforcement.InspectionPhoto": {
        "province": "inspection__unit__province",
        "exclude_fields": ["uploaded_at"],
    },
    "enforcement.Triage": {
        "province": triage_province,
        "exclude_fields": ["decided_at"],
    },
    "auth.User": {
        "province": "staff_profile__province",
        "exclude_fields": ["last_login"],
        "mask_fields": ["password"],
        "mask_callable": "ocop.audit.tracked.hidden",
    },
    "auth.Group": {"province": SHARED},
    "backoffice.StaffProfile": {"province": "province"},
    # Buyers' inquiries, their steps and trade fairs (trade11; docs/trade.md).
    "trade.Inquiry": {"province": "product__unit__province"},
    "trade.InquiryStep": {"province": "inquiry__product__unit__province"},
    "trade.TradeFair": {"province": "province"},
}


def hidden(value) -> str:
    return "(đã ẩn)"


def register_all() -> None:
    for label, line in TRACKED.items():
        model = apps.get_model(label)
        options = {name: value for name, value in line.items() if name != "province"}
        if not auditlog.contains(model):
            auditlog.register(model, include_fields=_own_fields(model, options), **options)


def _own_fields(model, options) -> list[str]:
    # Only the model's own columns: django-auditlog would otherwise log a reverse relation
    # (a product's decisions) as the text of its manager on every creation and deletion.
    # Nor the id, which the entry keeps as the record's own.
    excluded = set(options.get("exclude_fields", ()))
    return [
        f.name for f in model._meta.concrete_fields if f.name not in excluded and not f.primary_key
    ]
