"""The expiry desk (Action.VIEW): products running out soon or expired, by commune, with the
producer's contacts, the reminders sent and the dossier's state; and its Excel export."""

from urllib.parse import urlencode

from django.shortcuts import render
from django.utils import timezone

from ocop.accounts.access import require
from ocop.domain.roles import Action
from ocop.notices import desk as desks
from ocop.notices import export as exports
from ocop.registry.models import Unit
from ocop.shared.exports import xlsx_response


def _asked(request):
    """The tab and the commune asked for. A commune officer starts on their own commune;
    "tat-ca" is the whole province. Anything else unknown falls back to the default."""
    staff = request.staff
    tab = request.GET.get("trong", desks.DEFAULT_TAB)
    if tab not in desks.TABS:
        tab = desks.DEFAULT_TAB
    asked = request.GET.get("xa", "")
    commune = None
    if asked == "" and staff.commune_id is not None:
        commune = Unit.objects.filter(pk=staff.commune_id).first()
    elif asked.isdigit():
        units = Unit.objects.filter(pk=int(asked))
        if staff.province_id is not None:
            units = units.filter(province_id=staff.province_id)
        commune = units.first()
    return tab, commune


@require(Action.VIEW)
def desk(request):
    tab, commune = _asked(request)
    today = timezone.localdate()
    found = desks.desk(request.staff, tab, commune, today, limit=desks.PAGE_LIMIT)
    commune_key = str(commune.pk) if commune else desks.ALL_COMMUNES
    tabs = [
        {
            "key": key,
            "label": label,
            "url": "?" + urlencode({"trong": key, "xa": commune_key}),
            "current": key == tab,
        }
        for key, label in desks.TABS.items()
    ]
    context = {
        "desk": found,
        "tabs": tabs,
        "tab_label": desks.TABS[tab],
        "communes": desks.communes_for(request.staff),
        "commune_key": commune_key,
        "all_communes": desks.ALL_COMMUNES,
        "export_query": urlencode({"trong": tab, "xa": commune_key}),
        "expired_tab": tab == desks.EXPIRED,
    }
    return render(request, "notices/desk.html", context)


@require(Action.VIEW)
def export(request):
    tab, commune = _asked(request)
    found = desks.desk(request.staff, tab, commune, timezone.localdate())
    name = f"het-han-{tab}-{found.today.isoformat()}.xlsx"
    layout = exports.layout(found, desks.TABS[tab])
    return xlsx_response(name, exports.HEADER, exports.rows(found), layout)
