"""The portal's form renderer: Django's, with select boxes written in Python.

Django renders a select box through a template, and each of its options through a template
included once per option; the public filter forms (45 regions, 17 sectors, statuses and kinds)
spent half of a list page's rendering there (make bench). ``render_select`` writes the same
markup, byte for byte, as django/forms/widgets/select.html with select_option.html and
attrs.html; any other widget, and a select whose options use another template, goes through
the templates as before (tests/core/test_form_rendering.py compares the two).
"""

from django.forms.renderers import DjangoTemplates
from django.template.base import render_value_in_context
from django.template.context import Context
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, mark_safe

SELECT = "django/forms/widgets/select.html"
OPTION = "django/forms/widgets/select_option.html"
# render_value_in_context only reads these settings of a context: autoescape on, the
# project's localization and time zone, as a template's {{ value }} has them.
_CONTEXT = Context(autoescape=True)


def _text(value) -> str:
    """``{{ value }}`` as a template writes it: localized and escaped."""
    return render_value_in_context(value, _CONTEXT)


def _formatted(value) -> str:
    """``{{ value|stringformat:'s' }}``: the filter keeps a safe value safe, else it is escaped."""
    try:
        text = "%s" % (str(value) if isinstance(value, tuple) else value)
    except (ValueError, TypeError):
        text = ""
    return text if isinstance(value, SafeData) else conditional_escape(text)


def _attrs(attrs: dict) -> str:
    """attrs.html: `` name="value"`` for each, bare for True, left out for False."""
    out = []
    for name, value in attrs.items():
        if value is False:
            continue
        out.append(f" {_text(name)}")
        if value is not True:
            out.append(f'="{_formatted(value)}"')
    return "".join(out)


def render_select(widget: dict) -> str:
    parts = [f'<select name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{_text(group_name)}">')
        for option in group_choices:
            parts.append(
                f'\n  <option value="{_formatted(option["value"])}"'
                f"{_attrs(option['attrs'])}>{_text(option['label'])}</option>\n"
            )
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")  # the renderer strips the template's final newline
    return "".join(parts)


class PortalFormRenderer(DjangoTemplates):
    def render(self, template_name, context, request=None):
        widget = context.get("widget") if isinstance(context, dict) else None
        if (
            template_name == SELECT
            and widget is not None
            and all(
                option["template_name"] == OPTION
                for _name, options, _index in widget["optgroups"]
                for option in options
            )
        ):
            return mark_safe(render_select(widget))
        return super().render(template_name, context, request)
