"""Business rules of the events app: event lifecycle, participants and their personal data."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.choices import Language
from core.tasks import enqueue

from .choices import DeliveryKind, DeliveryStatus, EventStatus
from .messages import Recipient, meeting_message
from .models import ConsentText, Event, Participant, ReminderDelivery


def _sweep_after_commit() -> None:
    """Send what a change made due (e.g. cancellation notices) without waiting for beat."""
    from .tasks import send_due_reminders

    transaction.on_commit(lambda: enqueue(send_due_reminders))


@transaction.atomic
def event_reschedule(
    *, event: Event, starts_at: datetime.datetime, ends_at: datetime.datetime
) -> Event:
    """Move a meeting to a new time. Reminders follow the new time; those planned for the old
    time are skipped, never sent."""
    locked = Event.objects.select_for_update().get(pk=event.pk)
    locked.starts_at, locked.ends_at = starts_at, ends_at
    if locked.status in (EventStatus.PLANNED, EventStatus.CONFIRMED):
        locked.status = EventStatus.POSTPONED
    locked.full_clean()
    locked.save()
    _sweep_after_commit()
    return locked


@transaction.atomic
def event_cancel(*, event: Event) -> Event:
    """Cancel a meeting: participants already reminded get one cancellation notice."""
    locked = Event.objects.select_for_update().get(pk=event.pk)
    if locked.status == EventStatus.HELD:
        raise ValidationError(_("A meeting that has been held cannot be cancelled."))
    locked.status = EventStatus.CANCELLED
    locked.save()
    _sweep_after_commit()
    return locked


@transaction.atomic
def participant_register(
    *,
    event: Event,
    consent: bool,
    name: str = "",
    email: str | None = None,
    preferred_language: str = Language.RUSSIAN,
    **details,
) -> Participant:
    """Register a person for an event, recording their consent to the processing of their
    personal data against the current consent text. Only the event and the consent are required
    (a participant may be registered by name alone, or by role and organisation)."""
    if not consent:
        raise ValidationError(
            _("A participant must agree to the processing of personal data."), code="consent"
        )
    participant = Participant(
        event=event,
        name=name,
        email=email,
        preferred_language=preferred_language,
        consent_text=ConsentText.objects.latest(),
        consent_given_at=timezone.now(),
        **details,
    )
    participant.full_clean()
    participant.save()
    return participant


@transaction.atomic
def participant_erase(*, participant: Participant) -> Participant:
    """Erase a participant's personal data, keeping the anonymous row (role, municipality,
    attendance) so the event still counts who took part; pending messages to them are dropped."""
    locked = Participant.objects.select_for_update().get(pk=participant.pk)
    locked.name = ""
    locked.email = None
    locked.timezone = ""
    locked.erased_at = timezone.now()
    locked.save()
    ReminderDelivery.objects.filter(participant=locked, status=DeliveryStatus.PENDING).update(
        status=DeliveryStatus.SKIPPED
    )
    return locked


def reminder_send_test(*, event: Event, user) -> None:
    """Send the event's reminder to a staff member, as a participant would receive it."""
    if not user.email:
        raise ValidationError(_("Your account has no e-mail address."))
    recipient = Recipient(
        email=user.email,
        name=user.get_full_name() or user.get_username(),
        language=user.preferred_language,
    )
    meeting_message(event, recipient, DeliveryKind.REMINDER).send()
