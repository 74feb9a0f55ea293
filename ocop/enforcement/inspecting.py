"""Writing inspections, their findings, photos and follow-up, and triaging misuse reports.
Each write is all or nothing, record by record through the ORM so the audit log sees it."""

from django.db import transaction
from django.utils import timezone

from ocop.catalog.models import MisuseReport
from ocop.enforcement.models import Finding, Inspection, InspectionPhoto, Triage


class TriageRefused(ValueError):
    """Why a report cannot be triaged; `str()` is the message for the officer."""


def save_inspection(inspection: Inspection, kinds, photos, user, report=None) -> Inspection:
    """Save the inspection with exactly `kinds` as its findings and the cleaned `photos`
    added; with `report`, the report is triaged into this inspection in the same write."""
    stored = []
    try:
        with transaction.atomic():
            if inspection.pk is None:
                inspection.recorded_by = user
            inspection.save()
            _set_findings(inspection, kinds)
            for photo in photos:
                row = InspectionPhoto(inspection=inspection, uploaded_by=user)
                row.image.save(photo.name, photo, save=False)
                stored.append(row)
                row.save()
            if report is not None:
                _triage(report, user, Triage.Outcome.INSPECTION, inspection=inspection)
    except Exception:
        for row in stored:  # files written before a failed write are not left behind
            row.image.delete(save=False)
        raise
    return inspection


def _set_findings(inspection: Inspection, kinds) -> None:
    wanted = {str(kind) for kind in kinds}
    for finding in inspection.findings.all():
        if finding.kind not in wanted:
            finding.delete()
    present = set(inspection.findings.values_list("kind", flat=True))
    for kind in sorted(wanted - present):
        Finding.objects.create(inspection=inspection, kind=kind)


def record_follow_up(inspection: Inspection, action: str, outcome: str, user) -> list[str]:
    """Set the follow-up action and its outcome; each changed one keeps who and when.
    Returns the names of the parts changed."""
    changed, now = [], timezone.now()
    if action != inspection.action:
        inspection.action, inspection.action_by, inspection.action_at = action, user, now
        changed.append("action")
    if outcome != inspection.outcome:
        inspection.outcome, inspection.outcome_by, inspection.outcome_at = outcome, user, now
        changed.append("outcome")
    if changed:
        inspection.save()
    return changed


def dismiss(report: MisuseReport, reason: str, user) -> Triage:
    reason = " ".join(reason.split())
    if not reason:
        raise TriageRefused("Hãy ghi lý do không xử lý phản ánh này.")
    with transaction.atomic():
        return _triage(report, user, Triage.Outcome.DISMISSED, reason=reason)


def _triage(report: MisuseReport, user, outcome, **fields) -> Triage:
    report = MisuseReport.objects.select_for_update().get(pk=report.pk)
    if Triage.objects.filter(report=report).exists():
        raise TriageRefused(f"Phản ánh {report.reference} đã được phân loại trước đó.")
    triage = Triage.objects.create(report=report, outcome=outcome, decided_by=user, **fields)
    report.status = MisuseReport.Status.SEEN
    report.save(update_fields=["status"])
    return triage
