"""Forms of the partnerships app (admin and, later, public pages)."""

from django import forms
from django.db.models import Q
from django.forms.models import BaseInlineFormSet
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core import versioning
from core.choices import Country, Language
from core.scoping import ensure_within_scope

from . import selectors
from .choices import (
    Health,
    MunicipalityKind,
    PartnershipKind,
    PartnershipStatus,
    ProjectKind,
    ProjectStatus,
)
from .models import Goal, Region, Sector


class MemorandumAdminForm(forms.ModelForm):
    languages = forms.MultipleChoiceField(
        label=_("languages of the signed text"),
        choices=Language.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


class ProjectParticipationFormSet(BaseInlineFormSet):
    """An editor's project must keep at least one of their municipalities among participants."""

    current_user = None

    def clean(self):
        super().clean()
        if self.current_user is None or any(self.errors):
            return
        municipalities = [
            form.cleaned_data["municipality"].pk
            for form in self.forms
            if form.cleaned_data
            and not form.cleaned_data.get("DELETE")
            and form.cleaned_data.get("municipality")
        ]
        ensure_within_scope(self.current_user, municipalities)


class SearchForm(forms.Form):
    """A public list's filters; ``filter(queryset)`` applies those that are valid.

    The options of its reference-table fields (regions, sectors, goals) are kept in the shared
    cache per language until one of those tables changes: reading and instantiating them for
    every page view was a third of rendering the municipality directory (make bench). Choosing
    one is still checked against the table.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        fields = {
            name: field
            for name, field in self.fields.items()
            if isinstance(field, forms.ModelChoiceField)
        }
        if not fields:
            return
        options = versioning.cached(
            f"form-options:{type(self).__name__}:{get_language()}",
            sorted({field.queryset.model._meta.label for field in fields.values()}),
            # Labels as plain text in the key's language: a lazy label ("All regions") comes
            # back from the cache as a lazy object that is rebuilt, class and all, on every read.
            lambda: {
                name: [
                    (getattr(value, "value", value), str(label)) for value, label in field.choices
                ]
                for name, field in fields.items()
            },
            timeout=24 * 3600,
        )
        for name, field in fields.items():
            field.choices = options[name]

    def filter(self, queryset):
        if not self.is_bound or not self.is_valid():
            return queryset
        return self.apply(queryset, self.cleaned_data)

    def apply(self, queryset, data):  # pragma: no cover - overridden
        return queryset


def _country_field():
    return forms.ChoiceField(
        label=_("Country"), required=False, choices=[("", _("All countries")), *Country.choices]
    )


class MunicipalitySearchForm(SearchForm):
    q = forms.CharField(label=_("Name"), required=False, max_length=100)
    country = _country_field()
    region = forms.ModelChoiceField(
        label=_("Region"),
        required=False,
        queryset=Region.objects.all(),
        empty_label=_("All regions"),
    )
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *MunicipalityKind.choices]
    )
    sector = forms.ModelChoiceField(
        label=_("Sector"),
        required=False,
        queryset=Sector.objects.all(),
        empty_label=_("All sectors"),
    )
    seeking = forms.BooleanField(label=_("Seeking partners"), required=False)

    def apply(self, queryset, data):
        if data["q"]:
            queryset = queryset.named(data["q"])
        if data["country"]:
            queryset = queryset.filter(region__country=data["country"])
        if data["region"]:
            queryset = queryset.filter(region=data["region"])
        if data["kind"]:
            queryset = queryset.filter(kind=data["kind"])
        if data["sector"]:
            queryset = queryset.filter(sectors=data["sector"])
        if data["seeking"]:
            queryset = queryset.filter(seeking_partners=True)
        return queryset


class PartnershipSearchForm(SearchForm):
    country = _country_field()
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *PartnershipKind.choices]
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All statuses")), *PartnershipStatus.choices],
    )
    health = forms.ChoiceField(
        label=_("Health"), required=False, choices=[("", _("Active and dormant")), *Health.choices]
    )

    def apply(self, queryset, data):
        if data["country"]:
            queryset = queryset.filter(
                Q(municipality_a__region__country=data["country"])
                | Q(municipality_b__region__country=data["country"])
            )
        for name in ("kind", "status"):
            if data[name]:
                queryset = queryset.filter(**{name: data[name]})
        if data["health"]:
            queryset = selectors.of_health(queryset, data["health"])
        return queryset


class ProjectSearchForm(SearchForm):
    q = forms.CharField(label=_("Title"), required=False, max_length=100)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *ProjectKind.choices]
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            ("", _("All statuses")),
            *[choice for choice in ProjectStatus.choices if choice[0] != "draft"],
        ],
    )
    goal = forms.ModelChoiceField(
        label=_("Goal"), required=False, queryset=Goal.objects.all(), empty_label=_("All goals")
    )

    def apply(self, queryset, data):
        if data["q"]:
            text = data["q"].strip()
            queryset = queryset.filter(
                Q(title_ru__icontains=text)
                | Q(title_ky__icontains=text)
                | Q(title_en__icontains=text)
            )
        for name in ("kind", "status"):
            if data[name]:
                queryset = queryset.filter(**{name: data[name]})
        if data["goal"]:
            queryset = queryset.filter(goals=data["goal"])
        return queryset
