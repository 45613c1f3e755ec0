"""Meeting and resolution reminders, swept in-process with a controlled clock (time-machine)."""

import datetime
import zoneinfo

import icalendar
import pytest
import time_machine

from events import services
from events.choices import Attendance, DeliveryKind, DeliveryStatus, EventStatus, SkipReason
from events.models import ReminderDelivery
from events.reminders import reminders_sweep
from tests.events.factories import (
    AgendaItemFactory,
    EventFactory,
    ParticipantFactory,
    ResolutionFactory,
)

pytestmark = pytest.mark.django_db

BISHKEK = zoneinfo.ZoneInfo("Asia/Bishkek")
UTC = datetime.UTC
START = datetime.datetime(2026, 3, 20, 10, 0, tzinfo=BISHKEK)  # 04:00 UTC


def sweep_at(moment: datetime.datetime):
    with time_machine.travel(moment, tick=False):
        return reminders_sweep()


def reminders_to(outbox, address: str) -> list:
    return [message for message in outbox if message.to == [address]]


@pytest.fixture
def meeting():
    event = EventFactory(
        starts_at=START,
        ends_at=START + datetime.timedelta(hours=6),
        timezone="Asia/Bishkek",
        title_ru="Заседание рабочей группы",
        title_ky="Жумушчу топтун жыйыны",
        title_en="Working group meeting",
        reminder_note_ru="Возьмите паспорт для пропуска.",
        reminder_note_ky="Өткөрмө үчүн паспортуңузду алыңыз.",
    )
    AgendaItemFactory(event=event, order=1, title_ru="Открытие", title_ky="Ачылыш")
    AgendaItemFactory(event=event, order=2, title_ru="План обменов", title_ky="Алмашуу планы")
    return event


def test_a_due_reminder_reaches_the_outbox_in_the_participants_language(meeting, outbox):
    participant = ParticipantFactory(
        event=meeting, preferred_language="ky", name="Айгүл", email="aigul@example.org"
    )
    report = sweep_at(START - datetime.timedelta(days=7))
    assert report.sent == 1
    [message] = outbox
    assert message.to == ["aigul@example.org"]
    assert "Жумушчу топтун жыйыны" in message.subject
    body = message.body
    # Date and time in the event's zone with its offset, the place, agenda and organisers' note.
    assert "10:00 (UTC+06:00, Asia/Bishkek)" in body
    assert "Бишкек, ул. Чуй, 1" in body
    assert "Ачылыш" in body and "Алмашуу планы" in body
    assert "Өткөрмө үчүн паспортуңузду алыңыз." in body
    assert "Урматтуу Айгүл" in body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and 'lang="ky"' in html
    delivery = ReminderDelivery.objects.get(participant=participant)
    assert delivery.status == DeliveryStatus.SENT and delivery.offset_minutes == 7 * 24 * 60


def test_calendar_attachment_has_stable_uid_and_timezone(meeting, outbox):
    ParticipantFactory(event=meeting)
    sweep_at(START - datetime.timedelta(days=7))
    [(filename, content, mimetype)] = outbox[0].attachments
    assert filename == "invitation.ics" and mimetype.startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(content)
    [vevent] = calendar.walk("VEVENT")
    assert str(vevent["UID"]) == meeting.ical_uid
    assert vevent.decoded("DTSTART") == START
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Asia/Bishkek"]


def test_each_offset_once_and_never_after_the_start(meeting, outbox):
    participant = ParticipantFactory(event=meeting)
    moments = [
        START - datetime.timedelta(days=8),  # nothing due yet
        START - datetime.timedelta(days=7),  # 7 days
        START - datetime.timedelta(days=7) + datetime.timedelta(minutes=1),  # again: nothing
        START - datetime.timedelta(days=1),  # 1 day
        START - datetime.timedelta(hours=2),  # 2 hours
        START - datetime.timedelta(minutes=30),
        START + datetime.timedelta(minutes=5),  # begun
    ]
    sent = [sweep_at(moment).sent for moment in moments]
    assert sent == [0, 1, 0, 1, 1, 0, 0]
    offsets = sorted(
        ReminderDelivery.objects.filter(participant=participant).values_list(
            "offset_minutes", flat=True
        )
    )
    assert offsets == [120, 1440, 10080]
    assert len(outbox) == 3


def test_a_missed_sweep_catches_up_with_the_current_reminder_only(meeting, outbox):
    """Workers were down for a week: only the 1-day reminder goes out, not 7-day and 1-day."""
    ParticipantFactory(event=meeting)
    report = sweep_at(START - datetime.timedelta(hours=20))
    assert report.sent == 1
    assert ReminderDelivery.objects.get().offset_minutes == 1440


def test_a_pending_reminder_is_not_sent_once_the_meeting_has_begun(meeting, outbox):
    ParticipantFactory(event=meeting)
    with time_machine.travel(START - datetime.timedelta(hours=2), tick=False):
        from events.reminders import reminders_plan

        assert reminders_plan() == 1
    report = sweep_at(START + datetime.timedelta(minutes=1))
    assert report.sent == 0 and report.skipped == 1
    assert ReminderDelivery.objects.get().skip_reason == SkipReason.BEGUN
    assert outbox == []


def test_reminders_per_event_offsets_and_switch(outbox):
    custom = EventFactory(
        starts_at=START, ends_at=START + datetime.timedelta(hours=1), reminder_offsets=[3 * 24 * 60]
    )
    silent = EventFactory(
        starts_at=START, ends_at=START + datetime.timedelta(hours=1), reminders_enabled=False
    )
    ParticipantFactory(event=custom, email="custom@example.org")
    ParticipantFactory(event=silent, email="silent@example.org")
    assert sweep_at(START - datetime.timedelta(days=7)).sent == 0
    assert sweep_at(START - datetime.timedelta(days=3)).sent == 1
    assert sweep_at(START - datetime.timedelta(hours=2)).sent == 0
    assert [m.to for m in outbox] == [["custom@example.org"]]


def test_only_expected_participants_are_reminded(meeting, outbox):
    ParticipantFactory(event=meeting, email="coming@example.org")
    ParticipantFactory(event=meeting, email="declined@example.org", attendance=Attendance.DECLINED)
    erased = ParticipantFactory(event=meeting, email="erased@example.org")
    services.participant_erase(participant=erased)
    sweep_at(START - datetime.timedelta(days=7))
    assert [m.to for m in outbox] == [["coming@example.org"]]


def test_a_postponed_meeting_is_reminded_of_its_new_time_only(meeting, outbox):
    participant = ParticipantFactory(event=meeting, email="p@example.org")
    sweep_at(START - datetime.timedelta(days=7))
    assert len(outbox) == 1
    new_start = START + datetime.timedelta(days=14)
    with time_machine.travel(START - datetime.timedelta(days=6), tick=False):
        meeting = services.event_reschedule(
            event=meeting, starts_at=new_start, ends_at=new_start + datetime.timedelta(hours=6)
        )
    assert meeting.status == EventStatus.POSTPONED and meeting.sequence == 1
    # The old 1-day reminder is never due; the new time's reminders come at their own moments.
    assert sweep_at(START - datetime.timedelta(days=1)).sent == 0
    assert sweep_at(new_start - datetime.timedelta(days=7)).sent == 1
    assert sweep_at(new_start - datetime.timedelta(days=1)).sent == 1
    assert len(outbox) == 3
    last = outbox[-1]
    assert "03.04.2026" in last.body or "3 апреля 2026" in last.body
    calendar = icalendar.Calendar.from_ical(last.attachments[0][1])
    [vevent] = calendar.walk("VEVENT")
    assert vevent["SEQUENCE"] == 1 and str(vevent["UID"]) == meeting.ical_uid
    scheduled = set(
        ReminderDelivery.objects.filter(participant=participant).values_list(
            "scheduled_for", flat=True
        )
    )
    assert scheduled == {START, new_start}


def test_a_postponed_meetings_stale_pending_reminder_is_skipped(meeting, outbox):
    ParticipantFactory(event=meeting)
    with time_machine.travel(START - datetime.timedelta(days=1), tick=False):
        from events.reminders import reminders_plan

        reminders_plan()  # planned for the old time, not yet sent
        services.event_reschedule(
            event=meeting,
            starts_at=START + datetime.timedelta(days=30),
            ends_at=START + datetime.timedelta(days=30, hours=2),
        )
    report = sweep_at(START - datetime.timedelta(days=1) + datetime.timedelta(minutes=1))
    assert report.sent == 0 and report.skipped == 1
    assert ReminderDelivery.objects.get().skip_reason == SkipReason.RESCHEDULED


def test_a_cancelled_meeting_sends_one_notice_to_those_reminded(meeting, outbox):
    reminded = ParticipantFactory(
        event=meeting, email="reminded@example.org", preferred_language="en"
    )
    sweep_at(START - datetime.timedelta(days=7))
    ParticipantFactory(event=meeting, email="late@example.org")  # registered after the reminder
    with time_machine.travel(START - datetime.timedelta(days=3), tick=False):
        services.event_cancel(event=meeting)
    for minutes in (1, 2, 60 * 24):
        sweep_at(START - datetime.timedelta(days=3) + datetime.timedelta(minutes=minutes))
    notices = [m for m in outbox if m.subject.startswith("Cancelled")]
    assert [m.to for m in notices] == [["reminded@example.org"]]
    assert "Working group meeting" in notices[0].subject
    calendar = icalendar.Calendar.from_ical(notices[0].attachments[0][1])
    assert str(calendar["METHOD"]) == "CANCEL"
    assert str(calendar.walk("VEVENT")[0]["STATUS"]) == "CANCELLED"
    # No reminder reaches anyone after the cancellation.
    assert len(outbox) == 2
    assert (
        ReminderDelivery.objects.filter(
            participant=reminded, kind=DeliveryKind.CANCELLATION
        ).count()
        == 1
    )


def test_reminder_across_time_zones_fires_at_the_right_instant(outbox):
    """An event in Bishkek at 10:00 (04:00 UTC); participants in Moscow and Vladivostok get the
    2-hour reminder at 02:00 UTC, each with the time at home too."""
    start = datetime.datetime(2026, 3, 20, 10, 0, tzinfo=BISHKEK)
    event = EventFactory(
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=3),
        timezone="Asia/Bishkek",
        reminder_offsets=[120],
    )
    ParticipantFactory(event=event, email="moscow@example.org", timezone="Europe/Moscow")
    ParticipantFactory(
        event=event,
        email="vladivostok@example.org",
        timezone="Asia/Vladivostok",
        preferred_language="en",
    )
    instant = datetime.datetime(2026, 3, 20, 2, 0, tzinfo=UTC)
    assert sweep_at(instant - datetime.timedelta(seconds=1)).sent == 0
    assert sweep_at(instant).sent == 2
    moscow = reminders_to(outbox, "moscow@example.org")[0].body
    vladivostok = reminders_to(outbox, "vladivostok@example.org")[0].body
    assert "10:00 (UTC+06:00, Asia/Bishkek)" in moscow
    assert "07:00 (UTC+03:00, Europe/Moscow)" in moscow
    assert "10:00 (UTC+06:00, Asia/Bishkek)" in vladivostok
    assert "14:00 (UTC+10:00, Asia/Vladivostok)" in vladivostok


def test_a_failed_send_is_retried_with_back_off_and_its_error_kept(meeting, outbox, settings):
    from tests.smtp import RecordingHandler, SMTPServer

    ParticipantFactory(event=meeting, email="p@example.org")
    handler = RecordingHandler(refuse_first=2)
    with SMTPServer(handler) as server:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", server.port
        settings.EMAIL_USE_TLS = False
        settings.REMINDER_RETRY_BASE_SECONDS = 60
        first = START - datetime.timedelta(days=7)
        assert sweep_at(first).retried == 1
        delivery = ReminderDelivery.objects.get()
        assert delivery.status == DeliveryStatus.PENDING and delivery.attempts == 1
        assert "451" in delivery.last_error
        assert delivery.next_attempt_at == first + datetime.timedelta(seconds=60)
        # Not before the back-off has passed; then a second failure doubles it.
        assert sweep_at(first + datetime.timedelta(seconds=30)).retried == 0
        assert sweep_at(first + datetime.timedelta(seconds=60)).retried == 1
        delivery.refresh_from_db()
        assert delivery.next_attempt_at == first + datetime.timedelta(seconds=180)
        assert sweep_at(first + datetime.timedelta(seconds=180)).sent == 1
        assert sweep_at(first + datetime.timedelta(seconds=600)).sent == 0
    assert handler.recipients() == ["p@example.org"]
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.SENT and delivery.attempts == 3
    assert "451" in delivery.last_error  # the error stays visible in the log


def test_message_received_over_real_smtp_carries_a_parsable_calendar(meeting, settings):
    from tests.smtp import RecordingHandler, SMTPServer

    ParticipantFactory(event=meeting, email="smtp@example.org", preferred_language="ru")
    handler = RecordingHandler()
    with SMTPServer(handler) as server:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", server.port
        settings.EMAIL_USE_TLS = False
        sweep_at(START - datetime.timedelta(days=1))
        [received] = handler.wait_for(1)
    assert received["To"] == "smtp@example.org"
    assert "Заседание рабочей группы" in received["Subject"]
    parts = {part.get_content_type(): part for part in received.walk()}
    assert {"text/plain", "text/html", "text/calendar"} <= set(parts)
    calendar = icalendar.Calendar.from_ical(parts["text/calendar"].get_payload(decode=True))
    [vevent] = calendar.walk("VEVENT")
    assert vevent.decoded("DTSTART") == START
    assert str(vevent["UID"]) == meeting.ical_uid
    assert calendar.walk("VTIMEZONE")[0]["TZID"] == "Asia/Bishkek"
    assert calendar.walk("VALARM"), "subscribed calendars remind a day before too"


def test_resolutions_are_reminded_before_due_and_once_overdue(outbox):
    due = datetime.date(2026, 5, 15)
    resolution = ResolutionFactory(
        due_on=due, contact_email="owner@example.org", contact_language="ky"
    )
    at_nine = lambda day: datetime.datetime.combine(day, datetime.time(9), tzinfo=BISHKEK)  # noqa: E731
    assert sweep_at(at_nine(due - datetime.timedelta(days=8))).sent == 0
    assert sweep_at(at_nine(due - datetime.timedelta(days=7))).sent == 1
    assert sweep_at(at_nine(due - datetime.timedelta(days=1))).sent == 1
    assert sweep_at(at_nine(due)).sent == 0
    assert sweep_at(at_nine(due + datetime.timedelta(days=1))).sent == 1
    assert sweep_at(at_nine(due + datetime.timedelta(days=2))).sent == 0
    kinds = list(resolution.deliveries.order_by("due_at").values_list("kind", flat=True))
    assert kinds == [
        DeliveryKind.RESOLUTION_DUE,
        DeliveryKind.RESOLUTION_DUE,
        DeliveryKind.RESOLUTION_OVERDUE,
    ]
    assert all(m.to == ["owner@example.org"] for m in outbox)
    assert "15 мая 2026" not in outbox[0].body  # in Kyrgyz, not Russian


def test_a_done_resolution_is_not_reminded(outbox):
    due = datetime.date(2026, 5, 15)
    resolution = ResolutionFactory(due_on=due)
    resolution.status = "done"
    resolution.done_on = due
    resolution.save()
    sweep_at(datetime.datetime(2026, 5, 20, 9, tzinfo=BISHKEK))
    assert outbox == []
