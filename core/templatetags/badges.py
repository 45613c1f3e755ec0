"""``{% demo_badge record %}``: the "demo" badge after the title of a record that is
demonstration data, as a tag rather than an include: a list showed one include per row, each
a sub-template rendered in its own context."""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag
def demo_badge(record) -> str:
    if not getattr(record, "is_demo", False):
        return ""
    return format_html(' <span class="badge demo">{}</span>', _("demo"))
