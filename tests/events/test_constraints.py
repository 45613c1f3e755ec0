"""Invariants of the events app held by Postgres."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from events.models import Participant
from tests.events.factories import EventFactory, ParticipantFactory, ResolutionFactory

pytestmark = pytest.mark.django_db


def refused(make, constraint: str) -> None:
    with pytest.raises(IntegrityError) as caught, transaction.atomic():
        make()
    assert constraint in str(caught.value)


def test_an_event_cannot_end_before_it_starts():
    start = timezone.now()
    refused(
        lambda: EventFactory(starts_at=start, ends_at=start - datetime.timedelta(minutes=1)),
        "events_event_ends_after_start",
    )


def test_a_participant_is_registered_once_per_event_whatever_the_case_of_the_email():
    first = ParticipantFactory(email="Aigul@Example.org")
    refused(
        lambda: Participant.objects.create(event=first.event, name="x", email="aigul@example.org"),
        "events_participant_once_per_event",
    )
    # The same person may attend another event.
    ParticipantFactory(email="aigul@example.org")


def test_consent_is_recorded_with_its_text_and_date():
    refused(lambda: ParticipantFactory(consent_given_at=None), "events_participant_consent_dated")


def test_an_erased_participant_keeps_no_personal_data():
    refused(
        lambda: ParticipantFactory(erased_at=timezone.now()),
        "events_participant_erased_is_anonymous",
    )


def test_a_resolution_names_who_is_responsible():
    refused(
        lambda: ResolutionFactory(responsible_municipality=None, responsible_party=None),
        "events_resolution_has_responsible",
    )
