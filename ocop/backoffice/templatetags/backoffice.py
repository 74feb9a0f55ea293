from django import template

from ocop.backoffice.access import staff_of
from ocop.backoffice.navigation import menu_for

register = template.Library()


@register.inclusion_tag("backoffice/menu.html", takes_context=True)
def backoffice_menu(context):
    request = context["request"]
    return {"items": menu_for(staff_of(request.user), request.path)}
