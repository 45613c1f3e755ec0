"""``{% demo_badge record %}``: the "demo" badge after the title of a record that is
demonstration data, written in one place for every template that shows one."""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag
def demo_badge(record) -> str:
    """``record``: a model instance, or a list page's row (a dict)."""
    is_demo = record.get("is_demo") if isinstance(record, dict) else getattr(record, "is_demo", 0)
    if not is_demo:
        return ""
    return format_html(' <span class="badge demo">{}</span>', _("demo"))
