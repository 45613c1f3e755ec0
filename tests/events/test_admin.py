"""The events admin: times in the event's zone, test reminders, erasure, resolutions."""

import datetime
import zoneinfo

import pytest
from django.core import mail
from django.urls import reverse

from events.choices import EventKind, EventStatus
from events.models import Event, Participant
from tests.events.factories import EventFactory, ParticipantFactory, ResolutionFactory
from tests.partnerships.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db


def event_form(**extra) -> dict:
    data = {
        "title_ru": "Форум городов",
        "kind": EventKind.FORUM,
        "status": EventStatus.PLANNED,
        "is_public": "on",
        "timezone": "Europe/Moscow",
        "starts_at_0": "2026-06-01",
        "starts_at_1": "10:00",
        "ends_at_0": "2026-06-01",
        "ends_at_1": "18:00",
        "reminders_enabled": "on",
        "reminder_offsets": "3d, 4h",
    }
    for prefix in ("agenda_items", "participants", "resolutions", "documents"):
        data[f"{prefix}-TOTAL_FORMS"] = 0
        data[f"{prefix}-INITIAL_FORMS"] = 0
    data.update(extra)
    return data


def test_times_are_entered_in_the_events_own_time_zone(coordinator_client):
    response = coordinator_client.post(reverse("admin:events_event_add"), event_form())
    assert response.status_code == 302, response.context["adminform"].form.errors
    event = Event.objects.get()
    moscow = zoneinfo.ZoneInfo("Europe/Moscow")
    assert event.starts_at == datetime.datetime(2026, 6, 1, 10, 0, tzinfo=moscow)
    assert event.reminder_offsets == [3 * 24 * 60, 4 * 60]
    page = coordinator_client.get(reverse("admin:events_event_change", args=[event.pk])).text
    assert 'value="10:00:00"' in page or 'value="10:00"' in page
    assert "3d, 4h" in page


def test_an_end_before_the_start_is_refused_with_a_message(coordinator_client):
    response = coordinator_client.post(
        reverse("admin:events_event_add"),
        event_form(ends_at_1="09:00"),
        headers={"accept-language": "ru"},
    )
    assert response.status_code == 200
    assert not Event.objects.exists()


def test_send_a_test_reminder_to_me(coordinator, coordinator_client):
    coordinator.email = "staff@example.org"
    coordinator.preferred_language = "ky"
    coordinator.save()
    event = EventFactory(title_ky="Сыноо жыйыны")
    mail.outbox = []
    response = coordinator_client.post(
        reverse("admin:events_event_changelist"),
        {"action": "send_test_reminder", "_selected_action": [event.pk]},
    )
    assert response.status_code == 302
    [message] = mail.outbox
    assert message.to == ["staff@example.org"] and "Сыноо жыйыны" in message.subject
    assert not event.deliveries.exists()  # a test is not logged as a delivery


def test_coordinator_erases_personal_data_editor_cannot(
    coordinator_client, editor_client, own_municipality
):
    event = EventFactory(host_municipality=own_municipality)
    participant = ParticipantFactory(event=event, name="Айгүл", email="aigul@example.org")
    url = reverse("admin:events_participant_changelist")
    editor_client.post(url, {"action": "erase_personal_data", "_selected_action": [participant.pk]})
    participant.refresh_from_db()
    assert participant.email == "aigul@example.org"
    coordinator_client.post(
        url, {"action": "erase_personal_data", "_selected_action": [participant.pk]}
    )
    participant.refresh_from_db()
    assert participant.email is None and participant.erased_at is not None
    assert Participant.objects.filter(event=event).count() == 1


def test_editor_sees_participants_of_own_events_only(editor_client, own_municipality):
    ParticipantFactory(
        event=EventFactory(host_municipality=own_municipality), email="mine@example.org"
    )
    ParticipantFactory(
        event=EventFactory(host_municipality=MunicipalityFactory()), email="theirs@example.org"
    )
    page = editor_client.get(reverse("admin:events_participant_changelist")).text
    assert "mine@example.org" in page and "theirs@example.org" not in page


def test_working_group_page_lists_open_and_overdue_resolutions(coordinator_client):
    from tests.events.factories import WorkingGroupFactory

    group = WorkingGroupFactory()
    meeting = EventFactory(working_group=group)
    overdue = ResolutionFactory(
        event=meeting, text_ru="Просрочено", due_on=datetime.date(2020, 1, 1)
    )
    ResolutionFactory(
        event=meeting, text_ru="Выполнено", status="done", done_on=datetime.date(2020, 1, 1)
    )
    page = coordinator_client.get(reverse("admin:events_workinggroup_change", args=[group.pk])).text
    assert "Просрочено" in page and "Выполнено" not in page
    assert overdue.is_overdue
