"""Forms of the events app."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import ConsentText, Participant

_UNITS = {"d": 24 * 60, "h": 60, "m": 1}
_OFFSET = re.compile(r"^(\d+)\s*([dhm])$")


def format_offsets(minutes: list[int] | None) -> str:
    """[10080, 1440, 120] → '7d, 1d, 2h'."""
    if minutes is None:
        return ""
    parts = []
    for value in sorted(minutes, reverse=True):
        for unit, size in _UNITS.items():
            if value % size == 0:
                parts.append(f"{value // size}{unit}")
                break
    return ", ".join(parts)


class ReminderOffsetsField(forms.CharField):
    """Reminder times typed as '7d, 1d, 2h' (days, hours, minutes before the start)."""

    default_error_messages = {
        "invalid": _("Write reminder times like “7d, 1d, 2h” (days, hours, minutes before)."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault(
            "help_text",
            _("Before the start, e.g. “7d, 1d, 2h”. Empty: the portal's default (7d, 1d, 2h)."),
        )
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return format_offsets(value) if isinstance(value, list) else value

    def to_python(self, value):
        text = (value or "").strip()
        if not text:
            return None
        minutes = []
        for part in text.replace(";", ",").split(","):
            match = _OFFSET.match(part.strip().lower())
            if not match or int(match.group(1)) == 0:
                raise ValidationError(self.error_messages["invalid"], code="invalid")
            minutes.append(int(match.group(1)) * _UNITS[match.group(2)])
        return sorted(set(minutes), reverse=True)


class EventAdminForm(forms.ModelForm):
    reminder_offsets = ReminderOffsetsField(label=_("reminder times"))


class ParticipantAdminForm(forms.ModelForm):
    """Organisers record the participant's consent with a tick; the form stamps which text they
    agreed to and when."""

    consent = forms.BooleanField(
        label=_("agreed to the processing of personal data"), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consent"].initial = bool(self.instance.consent_given_at)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("email") and not cleaned.get("consent"):
            self.add_error(
                "consent",
                _("Record the participant's consent before storing their e-mail."),
            )
        return cleaned

    def save(self, commit=True):
        participant: Participant = super().save(commit=False)
        if self.cleaned_data.get("consent") and participant.consent_given_at is None:
            participant.consent_text = ConsentText.objects.latest()
            participant.consent_given_at = timezone.now()
        if commit:
            participant.save()
        return participant
