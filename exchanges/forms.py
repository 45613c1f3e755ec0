"""Forms of the exchanges app."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.choices import Country
from core.scoping import ensure_within_scope

from . import reports


class PartnerRequestAnswerAdminForm(forms.ModelForm):
    """An editor answers only for one of their own municipalities."""

    current_user = None

    def clean(self):
        cleaned = super().clean()
        municipality = cleaned.get("municipality")
        if municipality is not None and self.current_user is not None:
            try:
                ensure_within_scope(self.current_user, [municipality.pk])
            except ValidationError as error:
                self.add_error("municipality", error)
        return cleaned


class GoalsReportFilterForm(forms.Form):
    """The report's optional filter: a range of years (both ends included) and a country."""

    year_from = forms.IntegerField(
        label=_("From year"), required=False, min_value=1991, max_value=2100
    )
    year_to = forms.IntegerField(label=_("To year"), required=False, min_value=1991, max_value=2100)
    country = forms.ChoiceField(
        label=_("Country"),
        required=False,
        choices=[(reports.ALL_COUNTRIES, _("All countries")), *Country.choices],
    )

    def clean(self):
        cleaned = super().clean()
        year_from, year_to = cleaned.get("year_from"), cleaned.get("year_to")
        if year_from is not None and year_to is not None and year_from > year_to:
            raise ValidationError(
                _("The first year of the range comes after the last."), code="year_range"
            )
        return cleaned
