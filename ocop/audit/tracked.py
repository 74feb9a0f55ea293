"""Which models the log follows, and which of their fields it leaves out: values derived from
others (name, search and sort keys, the next decision's date), timestamps the database
stamps, and secrets (a password's hash is logged as changed, never shown).

Registered from this app (ocop.audit.apps) so that no other app's models change. A model an
app adds later is named here; one whose app is not installed is skipped."""

from auditlog.registry import auditlog
from django.apps import apps

_DERIVED = ["name_key", "search_key", "sort_key", "created_at", "updated_at"]

TRACKED: dict[str, dict] = {
    "registry.Province": {},
    "registry.Unit": {"exclude_fields": ["name_key", "sort_key"]},
    "registry.Holiday": {},
    "registry.ProductSet": {},
    "registry.Producer": {"exclude_fields": _DERIVED},
    "registry.Product": {"exclude_fields": _DERIVED},
    "registry.Decision": {"exclude_fields": [*_DERIVED, "next_decided_on"]},
    "catalog.ProductPhoto": {"exclude_fields": ["width", "height", "copies"]},
    "catalog.PointOfSale": {},
    "catalog.MisuseReport": {},
    "reports.LetterTexts": {"exclude_fields": ["updated_at"]},
    "imports.ImportRun": {},
    "imports.ImportJob": {},  # imports from the browser (upload10)
    "quality.MergeRecord": {},  # the data-quality desk: merges and their undoing (desk10)
    "quality.DistinctPair": {},  # pairs confirmed as different (desk10)
    "dossiers.Dossier": {"exclude_fields": ["created_at", "updated_at"]},  # dossier11
    "dossiers.DossierStep": {},
    "dossiers.DossierFile": {"exclude_fields": ["uploaded_at"]},
    # Revocations, inspections and the triage of misuse reports (enforce11).
    "enforcement.Revocation": {"exclude_fields": ["recorded_at"]},
    "enforcement.Inspection": {"exclude_fields": ["recorded_at"]},
    "enforcement.Finding": {},
    "enforcement.InspectionPhoto": {"exclude_fields": ["uploaded_at"]},
    "enforcement.Triage": {"exclude_fields": ["decided_at"]},
    "auth.User": {
        "exclude_fields": ["last_login"],
        "mask_fields": ["password"],
        "mask_callable": "ocop.audit.tracked.hidden",
    },
    "auth.Group": {},
    "backoffice.StaffProfile": {},
    # Buyers' inquiries, their steps and trade fairs (trade11; docs/trade.md).
    "trade.Inquiry": {},
    "trade.InquiryStep": {},
    "trade.TradeFair": {},
}


def hidden(value) -> str:
    return "(đã ẩn)"


def register_all() -> None:
    for label, options in TRACKED.items():
        try:
            model = apps.get_model(label)
        except LookupError:  # an app of this list not installed in this deployment
            continue
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
