from django.shortcuts import render
from django.utils import timezone

from ocop.accounts.access import require
from ocop.domain.roles import Action
from ocop.registry.models import Province, Unit
from ocop.workspace import today


@require(Action.VIEW)
def home(request):
    staff, day = request.staff, timezone.localdate()
    commune = Unit.objects.filter(pk=staff.commune_id).first() if staff.commune_id else None
    province = Province.objects.filter(pk=staff.province_id).first() if staff.province_id else None
    context = {"staff": staff, "today": day, "province": province, "commune": commune}
    context.update(today.panels(staff, day))
    return render(request, "workspace/home.html", context)
