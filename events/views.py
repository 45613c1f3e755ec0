"""Public pages of the events app: the calendar (month grid and list), an event, its .ics file.

Every time is shown in the event's own time zone with its UTC offset, so a meeting at 10:00 in
Vladivostok reads 10:00 (UTC+10:00) wherever the visitor is; the month grid puts an event on
the day it has where it takes place. Participants appear only as a count, never by name.
"""

import calendar as pycalendar
import datetime
import zoneinfo
from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.templatetags.tz import do_timezone
from django.utils import formats, timezone
from django.utils.dates import WEEKDAYS, WEEKDAYS_ABBR

from core.choices import Country
from core.response_cache import public_page
from partnerships.choices import ProjectStatus
from partnerships.models import Goal
from partnerships.selectors import chosen_municipality

from . import selectors
from .choices import EventKind
from .filtersets import EventFilterSet
from .ical import build_calendar
from .messages import format_moment
from .models import Event, WorkingGroup

PAGE_SIZE = 20
# Events a day of the month grid shows; the others are a link to the day's list.
DAY_LIMIT = 4
# Local dates of the world's zones run from UTC-12 to UTC+14: the month's events in any zone
# start before its last local midnight + 12 h and end after its first local midnight - 14 h.
EARLIEST_OFFSET = datetime.timedelta(hours=14)
LATEST_OFFSET = datetime.timedelta(hours=12)
# The query parameters of the filter form (events.filtersets.EventFilterSet).
FILTERS = ("kind", "country", "place", "municipality", "working_group", "goal")


def utc_offset(moment: datetime.datetime) -> str:
    """'UTC+06:00' for an aware datetime."""
    offset = moment.strftime("%z")
    return f"UTC{offset[:3]}:{offset[3:]}"


def _localize(event: Event) -> Event:
    """Attach the event's start and end in its own zone, ready for the templates.

    ``shown_start``/``shown_end`` carry Django's "do not convert" flag (the ``timezone`` filter's
    own), so the ``date`` and ``time`` filters show them as they are, not in the portal's zone.
    """
    event.shown_start = do_timezone(event.starts_at, event.timezone)
    event.shown_end = do_timezone(event.ends_at, event.timezone)
    event.start_offset = utc_offset(event.shown_start)
    return event


def _annotate_times(event: Event) -> Event:
    """_localize, and the start in words ("12 July 2026, 10:00 (UTC+06:00)") for lists."""
    _localize(event)
    event.when = format_moment(event.starts_at, event.timezone)
    return event


def _filter_options(request) -> dict:
    """Choices of the filter form: a fixed number of queries, however many events there are
    (municipalities are searched by name, not listed)."""
    return {
        "kinds": EventKind.choices,
        "countries": Country.choices,
        "chosen_municipality": chosen_municipality(request.GET.get("municipality")),
        "working_groups": list(WorkingGroup.objects.all()),
        "goals": list(Goal.objects.all()),
    }


def _month(value: str | None) -> datetime.date:
    """The first day of ``?month=YYYY-MM``, or of the current month."""
    if value:
        try:
            first = datetime.datetime.strptime(value, "%Y-%m").date()
        except ValueError:
            pass
        else:
            if 1900 <= first.year <= 2200:
                return first
    return timezone.localdate().replace(day=1)


@dataclass
class Day:
    date: datetime.date
    in_month: bool
    is_today: bool
    events: list = field(default_factory=list)
    # Events of the day beyond DAY_LIMIT: the grid links to the day's list instead.
    more: int = 0

    @property
    def css_class(self) -> str:
        """site.css's calendar classes: other-month, today, and empty-day (hidden on phones)."""
        names = [
            "other-month" if not self.in_month else "",
            "today" if self.is_today else "",
            "empty-day" if not self.events else "",
        ]
        return " ".join(name for name in names if name)


def _local_span(
    starts_at: datetime.datetime, ends_at: datetime.datetime, zone_name: str
) -> tuple[datetime.date, datetime.date]:
    """The first and last day of an event in its own time zone (an event ending at midnight
    ends on the day before)."""
    zone = zoneinfo.ZoneInfo(zone_name)
    start = starts_at.astimezone(zone).date()
    end = (ends_at.astimezone(zone) - datetime.timedelta(microseconds=1)).date()
    return start, max(start, end)


def _local_days(event: Event) -> tuple[datetime.date, datetime.date]:
    return _local_span(event.starts_at, event.ends_at, event.timezone)


def _month_grid(first: datetime.date, spans) -> list[list[Day]]:
    """Monday-first weeks of the month; each day of the month lists the events held on it, in
    the event's own time zone (an event over several days is on each of them), at most
    DAY_LIMIT of them with the number of the others. ``spans`` are (event id, first day, last
    day) in start order; a day's ``events`` are (event id, whether it starts that day)."""
    today = timezone.localdate()
    weeks = pycalendar.Calendar(firstweekday=pycalendar.MONDAY).monthdatescalendar(
        first.year, first.month
    )
    days = {
        date: Day(date=date, in_month=date.month == first.month, is_today=date == today)
        for week in weeks
        for date in week
    }
    last = first.replace(day=pycalendar.monthrange(first.year, first.month)[1])
    for pk, start, end in spans:
        date = max(start, first)
        while date <= min(end, last):
            day = days[date]
            if len(day.events) < DAY_LIMIT:
                day.events.append((pk, date == start))
            else:
                day.more += 1
            date += datetime.timedelta(days=1)
    return [[days[date] for date in week] for week in weeks]


def _window(first: datetime.date, last: datetime.date) -> dict:
    """Lookups for the events that can fall on local days first..last in some time zone."""
    window_start = datetime.datetime.combine(first, datetime.time(), datetime.UTC)
    window_end = datetime.datetime.combine(
        last + datetime.timedelta(days=1), datetime.time(), datetime.UTC
    )
    return {
        "starts_at__lt": window_end + LATEST_OFFSET,
        "ends_at__gte": window_start - EARLIEST_OFFSET,
    }


def _filtered(request, queryset):
    """The events that pass the page's filters; a malformed filter value is ignored."""
    return EventFilterSet(request.GET, queryset=queryset).qs


@public_page
def calendar(request):
    """The events: a month grid (default) or a list of upcoming or past events, with filters."""
    view = "list" if request.GET.get("view") == "list" else "month"
    context = {
        "view": view,
        "current": {name: request.GET.get(name, "") for name in FILTERS},
        **_filter_options(request),
    }
    if view == "month":
        context.update(_month_context(request))
    else:
        context.update(_list_context(request))
    return render(request, "events/calendar.html", context)


def _month_context(request) -> dict:
    """The month grid in two queries: the times of all the month's events, to place them on
    their days, then the events the grid shows (at most DAY_LIMIT a day)."""
    first = _month(request.GET.get("month"))
    last = first.replace(day=pycalendar.monthrange(first.year, first.month)[1])
    month = Event.objects.public().filter(**_window(first, last))
    times = _filtered(request, month).order_by("starts_at", "pk")
    weeks = _month_grid(
        first,
        (
            (pk, *_local_span(starts_at, ends_at, zone))
            for pk, starts_at, ends_at, zone in times.values_list(
                "pk", "starts_at", "ends_at", "timezone"
            )
        ),
    )
    shown = {pk for week in weeks for day in week for pk, _starts_here in day.events}
    events = {
        event.pk: _localize(event) for event in selectors.event_calendar_list().filter(pk__in=shown)
    }
    for week in weeks:
        for day in week:
            day.events = [(events[pk], starts_here) for pk, starts_here in day.events]
    previous_month = (first - datetime.timedelta(days=1)).replace(day=1)
    next_month = last + datetime.timedelta(days=1)
    return {
        "month": first,
        "weeks": weeks,
        "weekdays": [(WEEKDAYS[day], WEEKDAYS_ABBR[day]) for day in range(7)],
        "month_has_events": any(day.events for week in weeks for day in week),
        "previous_month": previous_month,
        "next_month": next_month,
    }


def _day(value: str | None) -> datetime.date | None:
    """The date of ``?day=YYYY-MM-DD``, if it is one."""
    try:
        day = datetime.date.fromisoformat(value or "")
    except ValueError:
        return None
    return day if 1900 <= day.year <= 2200 else None


def _list_context(request) -> dict:
    """Upcoming (soonest first) or past (latest first) events, 20 a page; with ``?day=`` the
    events held on that day in their own time zone, as the month grid counts them."""
    day = _day(request.GET.get("day"))
    if day is not None:
        events = selectors.event_list().public().filter(**_window(day, day))
        events = [
            event
            for event in map(
                _annotate_times, _filtered(request, events).order_by("starts_at", "pk")
            )
            if _local_days(event)[0] <= day <= _local_days(event)[1]
        ]
        page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
        return {"when": "day", "day": day, "page_obj": page}
    when = "past" if request.GET.get("when") == "past" else "upcoming"
    now = timezone.now()
    events = selectors.event_list().public()
    if when == "past":
        events = events.filter(ends_at__lt=now).order_by("-starts_at", "-pk")
    else:
        events = events.not_over(now).order_by("starts_at", "pk")
    page = Paginator(_filtered(request, events), PAGE_SIZE).get_page(request.GET.get("page"))
    for event in page:
        _annotate_times(event)
    return {"when": when, "page_obj": page}


@public_page
def detail(request, pk: int):
    """A public event: when (in its zone and in UTC), where, who organises it, what it is
    about; of its participants only their number."""
    event = _annotate_times(get_object_or_404(selectors.event_detail().public(), pk=pk))
    project = event.project
    context = {
        "event": event,
        "ends": format_moment(event.ends_at, event.timezone),
        "same_day": event.shown_start.date() == event.shown_end.date(),
        "starts_utc": _utc_text(event.starts_at),
        "ends_utc": _utc_text(event.ends_at),
        # A draft project has no public page.
        "project": project if project and project.status != ProjectStatus.DRAFT else None,
    }
    return render(request, "events/detail.html", context)


def _utc_text(moment: datetime.datetime) -> str:
    """'12 July 2026, 04:00 UTC' in the active language."""
    moment = moment.astimezone(datetime.UTC)
    return "{date}, {time} UTC".format(
        date=formats.date_format(moment, "DATE_FORMAT"), time=moment.strftime("%H:%M")
    )


def ics(request, pk: int):
    """The event as an iCalendar file, to add it to a calendar program."""
    event = get_object_or_404(selectors.event_list().public(), pk=pk)
    response = HttpResponse(
        build_calendar([event], name=event.title), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="event-{event.pk}.ics"'
    return response
