"""iCalendar feeds: public events, filters, per municipality and working group."""

import datetime

import icalendar
import pytest

from events import services
from tests.events.factories import EventFactory, WorkingGroupFactory

pytestmark = pytest.mark.django_db


def calendar(response) -> icalendar.Calendar:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return icalendar.Calendar.from_ical(response.content)


def uids(cal) -> set[str]:
    return {str(event["UID"]) for event in cal.walk("VEVENT")}


def test_the_feed_holds_public_events_with_timezones_and_alarms(anon):
    public = EventFactory(timezone="Europe/Moscow")
    EventFactory(is_public=False)
    cal = calendar(anon.get("/api/v1/events.ics"))
    assert uids(cal) == {public.ical_uid}
    [vevent] = cal.walk("VEVENT")
    assert vevent.decoded("DTSTART") == public.starts_at.replace(microsecond=0)
    assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["Europe/Moscow"]
    [alarm] = vevent.walk("VALARM")
    assert alarm.decoded("TRIGGER") == -datetime.timedelta(days=1)


def test_uids_are_stable_and_cancellations_are_marked(anon):
    event = EventFactory()
    before = calendar(anon.get("/api/v1/events.ics")).walk("VEVENT")[0]
    services.event_cancel(event=event)
    after = calendar(anon.get("/api/v1/events.ics")).walk("VEVENT")[0]
    assert str(before["UID"]) == str(after["UID"])
    assert str(after["STATUS"]) == "CANCELLED" and after["SEQUENCE"] > before["SEQUENCE"]
    assert not after.walk("VALARM")


def test_feeds_per_municipality_and_working_group_and_filters(anon):
    group = WorkingGroupFactory()
    meeting = EventFactory(working_group=group, kind="working_group")
    seminar = EventFactory(kind="seminar")
    assert uids(calendar(anon.get(f"/api/v1/working-groups/{group.pk}/events.ics"))) == {
        meeting.ical_uid
    }
    host = seminar.host_municipality
    assert uids(calendar(anon.get(f"/api/v1/municipalities/{host.pk}/events.ics"))) == {
        seminar.ical_uid
    }
    assert uids(calendar(anon.get("/api/v1/events.ics", {"kind": "seminar"}))) == {seminar.ical_uid}
    assert anon.get("/api/v1/municipalities/999999/events.ics").status_code == 404
