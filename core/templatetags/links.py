"""Links without a URL reversal on every use (core/links.py):

- ``{% record_url 'app:view' record.pk %}``: ``{% url 'app:view' pk=record.pk %}``;
- ``{% page_url 'app:view' %}``: ``{% url 'app:view' %}`` of a view without arguments.
"""

from django import template

from core.links import page_url as _page_url
from core.links import record_url as _record_url

register = template.Library()


@register.simple_tag
def record_url(viewname: str, pk) -> str:
    return _record_url(viewname, pk)


@register.simple_tag
def page_url(viewname: str) -> str:
    return _page_url(viewname)
