"""Forms of the partnerships app (admin and, later, public pages)."""

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _

from core.choices import Language
from core.scoping import ensure_within_scope


class MemorandumAdminForm(forms.ModelForm):
    languages = forms.MultipleChoiceField(
        label=_("languages of the signed text"),
        choices=Language.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


class PartnershipAdminForm(forms.ModelForm):
    """Checks that an editor's partnership involves one of their municipalities."""

    current_user = None

    def clean(self):
        cleaned = super().clean()
        sides = [m.pk for m in (cleaned.get("municipality_a"), cleaned.get("municipality_b")) if m]
        if len(sides) == 2 and self.current_user is not None:
            try:
                ensure_within_scope(self.current_user, sides)
            except ValidationError as error:
                self.add_error(None, error)
        return cleaned


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
