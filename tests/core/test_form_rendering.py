"""Select boxes written in Python are, byte for byte, what Django's templates write."""

import datetime

import pytest
from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect
from django.forms.renderers import DjangoTemplates
from django.test import override_settings
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from core.form_rendering import PortalFormRenderer
from partnerships.models import Municipality, Region, Sector
from tests.partnerships.factories import RegionFactory, SectorFactory

CHOICES = [
    ("", _("All countries")),
    ("a&b", 'Tom & "Jerry" <b>'),
    (3, 12500),
    (
        _("Group"),
        [("g1", mark_safe("<i>safe</i>")), (datetime.date(2026, 5, 1), _("Kyrgyzstan"))],
    ),
]


def _widgets():
    yield forms.Select(choices=CHOICES), "a&b"
    yield forms.Select(choices=CHOICES, attrs={"class": "x", "data-safe": mark_safe("&amp;")}), 3
    yield forms.Select(choices=CHOICES, attrs={"required": True, "disabled": False}), None
    yield forms.SelectMultiple(choices=CHOICES), ["a&b", "3", "g1"]
    yield forms.NullBooleanSelect(), True
    yield forms.Select(choices=[]), ""


def _both(widget, value):
    attrs = {"id": "id_field"}
    return (
        widget.render("field", value, attrs, renderer=DjangoTemplates()),
        widget.render("field", value, attrs, renderer=PortalFormRenderer()),
    )


@pytest.mark.parametrize("language", ["ru", "ky", "en"])
@pytest.mark.parametrize("thousands", [False, True])
def test_select_boxes_match_the_templates(language, thousands):
    with translation.override(language), override_settings(USE_THOUSAND_SEPARATOR=thousands):
        for widget, value in _widgets():
            templates, python = _both(widget, value)
            assert python == templates
            assert "<option" in python or not widget.choices


@pytest.mark.django_db
def test_model_choices_and_admin_widgets_match_the_templates():
    region = RegionFactory(name_ru="Чуйская область", name_ky="Чүй облусу")
    chosen = SectorFactory(name_ru="Туризм <и> отдых")
    field = forms.ModelChoiceField(queryset=Sector.objects.all(), empty_label=_("All sectors"))
    with translation.override("ky"):
        templates, python = _both(field.widget, chosen.pk)
        assert python == templates
        assert f'<option value="{chosen.pk}" selected>' in python
        regions = forms.ModelChoiceField(queryset=Region.objects.all()).widget
        assert _both(regions, None)[0] == _both(regions, None)[1]
    # The admin's autocomplete box has attributes of its own, and Django's option template.
    widget = AutocompleteSelect(Municipality._meta.get_field("region"), admin.site)
    widget.choices = forms.ModelChoiceField(queryset=Region.objects.all()).choices
    templates, python = _both(widget, region.pk)
    assert python == templates
    assert "data-ajax--url" in python
