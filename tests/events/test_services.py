"""Participants' personal data: consent on registration, erasure keeping the anonymous count."""

import pytest
from django.core.exceptions import ValidationError

from events import services
from events.choices import Attendance
from events.models import Participant
from tests.events.factories import EventFactory, ParticipantFactory

pytestmark = pytest.mark.django_db


def test_registration_records_consent_against_the_current_text():
    event = EventFactory()
    participant = services.participant_register(
        event=event,
        name="Айгүл",
        email="aigul@example.org",
        preferred_language="ky",
        consent=True,
    )
    assert participant.consent_text.version == "2026-1"
    assert participant.consent_given_at is not None
    with pytest.raises(ValidationError):
        services.participant_register(
            event=event,
            name="Без согласия",
            email="no@example.org",
            preferred_language="ru",
            consent=False,
        )
    assert Participant.objects.count() == 1


def test_erasure_removes_personal_data_but_keeps_the_count():
    event = EventFactory()
    kept = ParticipantFactory(event=event, attendance=Attendance.ATTENDED)
    erased = ParticipantFactory(
        event=event,
        name="Айгүл",
        email="aigul@example.org",
        attendance=Attendance.ATTENDED,
        timezone="Asia/Bishkek",
    )
    services.participant_erase(participant=erased)
    erased.refresh_from_db()
    assert (erased.name, erased.email, erased.timezone) == ("", None, "")
    assert erased.erased_at is not None
    assert str(erased) == "(erased participant)"
    assert event.participants.filter(attendance=Attendance.ATTENDED).count() == 2
    assert list(event.participants.present()) == [kept]
