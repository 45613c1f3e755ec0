"""iCalendar (RFC 5545) for events: e-mail attachments and subscribable feeds.

Each event keeps one UID for its life (Event.ical_uid) and a SEQUENCE that grows with every
change of time or status, so calendar programs update or cancel the entry they already hold
instead of adding a second one. Times carry their TZID and the calendar carries the matching
VTIMEZONE blocks, so the event shows at the right hour wherever it is opened.
"""

import datetime
import functools
from collections.abc import Iterable

import icalendar
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from .choices import EventStatus
from .models import Event

ICAL_STATUS = {
    EventStatus.PLANNED: "TENTATIVE",
    EventStatus.POSTPONED: "TENTATIVE",
    EventStatus.CONFIRMED: "CONFIRMED",
    EventStatus.HELD: "CONFIRMED",
    EventStatus.CANCELLED: "CANCELLED",
}


def _description(event: Event) -> str:
    parts = [event.description or ""]
    agenda = [item.title for item in event.agenda_items.all()]
    if agenda:
        parts.append(_("Agenda:") + "\n" + "\n".join(f"– {title}" for title in agenda))
    if event.online_url:
        parts.append(_("Online: %(url)s") % {"url": event.online_url})
    return "\n\n".join(part for part in parts if part).strip()


def event_component(event: Event, *, alarm: bool = True) -> icalendar.Event:
    """The VEVENT of an event, in the active language."""
    zone = event.zone
    component = icalendar.Event()
    component.add("uid", event.ical_uid)
    component.add("dtstamp", event.updated or timezone.now())
    component.add("dtstart", event.starts_at.astimezone(zone))
    component.add("dtend", event.ends_at.astimezone(zone))
    component.add("summary", event.title)
    description = _description(event)
    if description:
        component.add("description", description)
    location = event.venue or event.online_url
    if location:
        component.add("location", location)
    if event.is_public and event.pk:
        component.add("url", f"{settings.PORTAL_BASE_URL}/events/{event.pk}/")
    component.add("status", ICAL_STATUS[event.status])
    component.add("sequence", event.sequence)
    if alarm and event.status != EventStatus.CANCELLED:
        reminder = icalendar.Alarm()
        reminder.add("action", "DISPLAY")
        reminder.add("description", event.title)
        reminder.add("trigger", datetime.timedelta(days=-1))
        component.add_component(reminder)
    return component


def build_calendar(events: Iterable[Event], *, name: str, method: str = "PUBLISH") -> bytes:
    """A VCALENDAR with the events and the VTIMEZONE blocks they need."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Memorandum portal//Kyrgyzstan-Russia//EN")
    calendar.add("version", "2.0")
    calendar.add("method", method)
    calendar.add("x-wr-calname", name)
    first = last = None
    for event in events:
        calendar.add_component(event_component(event))
        first = min(first or event.starts_at, event.starts_at)
        last = max(last or event.ends_at, event.ends_at)
    if first is not None:
        # Transitions from the year before the first event to the year after the last one: a
        # compact VTIMEZONE that still has the offsets around them.
        first_date = datetime.date(max(first.year - 1, 1), 1, 1)
        last_date = datetime.date(min(last.year + 1, 9999), 12, 31)
        for position, tzid in enumerate(sorted(calendar.get_missing_tzids())):
            component = _vtimezone(tzid, first_date, last_date)
            if component is not None:
                calendar.subcomponents.insert(position, component)
    return calendar.to_ical()


@functools.lru_cache(maxsize=512)
def _vtimezone(
    tzid: str, first_date: datetime.date, last_date: datetime.date
) -> icalendar.Timezone | None:
    """The VTIMEZONE of a zone over whole years. Building one walks every hour of the range
    (about 30 ms), so a reminder sweep builds each once, not once per message."""
    try:
        return icalendar.Timezone.from_tzid(tzid, first_date=first_date, last_date=last_date)
    except ValueError:  # a zone icalendar does not know: the TZID stays without a VTIMEZONE
        return None
