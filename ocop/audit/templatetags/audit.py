from django import template
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from ocop.audit.records import record_key

register = template.Library()


@register.simple_tag
def history_url(record) -> str:
    """The workspace's history page of a record (the admin's "History" link goes there)."""
    content_type = ContentType.objects.get_for_model(record, for_concrete_model=False)
    return reverse("audit:record", args=[record_key(content_type), record.pk])
