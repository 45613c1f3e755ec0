"""``{% record_url 'app:view' record.pk %}``: ``{% url 'app:view' pk=record.pk %}`` without a URL
reversal per row (core/links.py)."""

from django import template

from core.links import record_url as _record_url

register = template.Library()


@register.simple_tag
def record_url(viewname: str, pk) -> str:
    return _record_url(viewname, pk)
