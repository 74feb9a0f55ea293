from django import template

from ocop.accounts.access import staff_of
from ocop.workspace.navigation import menu_for

register = template.Library()


@register.inclusion_tag("workspace/menu.html", takes_context=True)
def workspace_menu(context):
    request = context["request"]
    return {"items": menu_for(staff_of(request.user), request.path)}
