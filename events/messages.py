"""E-mails about events and resolutions, rendered in the recipient's language.

Every message is built under ``translation.override(language)``, shows times in the event's own
time zone with its UTC offset (and in the recipient's zone where known), has a plain-text and an
HTML part, and meeting messages carry the event as an .ics attachment.
"""

import datetime
import zoneinfo
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import formats, translation

from .choices import DeliveryKind
from .ical import build_calendar
from .models import Event, Participant, Resolution


def format_moment(moment: datetime.datetime, zone_name: str) -> str:
    """'12 июля 2026 г., 10:00 (UTC+06:00, Asia/Bishkek)' in the active language."""
    local = moment.astimezone(zoneinfo.ZoneInfo(zone_name))
    offset = local.strftime("%z")
    offset = f"UTC{offset[:3]}:{offset[3:]}"
    return "{date}, {time} ({offset}, {zone})".format(
        date=formats.date_format(local, "DATE_FORMAT"),
        time=local.strftime("%H:%M"),
        offset=offset,
        zone=zone_name,
    )


@dataclass
class Recipient:
    email: str
    name: str
    language: str
    timezone: str = ""


def _language(code: str | None) -> str:
    available = {code for code, _name in settings.LANGUAGES}
    return code if code in available else settings.LANGUAGE_CODE


def _event_context(event: Event, recipient: Recipient, agenda: list) -> dict:
    context = {
        "event": event,
        "recipient": recipient,
        "starts": format_moment(event.starts_at, event.timezone),
        "ends": format_moment(event.ends_at, event.timezone),
        "agenda": agenda,
        "portal_url": settings.PORTAL_BASE_URL,
    }
    if recipient.timezone and recipient.timezone != event.timezone:
        context["starts_for_recipient"] = format_moment(event.starts_at, recipient.timezone)
    return context


def _message(
    template: str,
    context: dict,
    recipient: Recipient,
    attachment: bytes | None,
    method: str = "PUBLISH",
) -> EmailMultiAlternatives:
    subject = " ".join(render_to_string(f"events/email/{template}_subject.txt", context).split())
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"events/email/{template}.txt", context),
        to=[recipient.email],
        headers={"Auto-Submitted": "auto-generated"},
    )
    message.attach_alternative(
        render_to_string(f"events/email/{template}.html", context), "text/html"
    )
    if attachment is not None:
        message.attach("invitation.ics", attachment, f"text/calendar; method={method}")
    return message


class MeetingMessages:
    """Builds reminders and cancellation notices of meetings.

    One instance serves a whole sweep: an event's agenda and its calendar file (per language)
    are computed once and reused for every participant, keyed by the event's revision so that an
    event changed during the sweep is rendered afresh.
    """

    def __init__(self) -> None:
        self._agenda: dict[tuple, list] = {}
        self._calendars: dict[tuple, bytes] = {}

    def build(self, event: Event, recipient: Recipient, kind: str) -> EmailMultiAlternatives:
        language = _language(recipient.language)
        revision = (event.pk, event.updated, event.sequence)
        cancelled = kind == DeliveryKind.CANCELLATION
        method = "CANCEL" if cancelled else "PUBLISH"
        with translation.override(language):
            if revision not in self._agenda:
                self._agenda[revision] = list(event.agenda_items.all())
            agenda = self._agenda[revision]
            calendar_key = (*revision, language, method)
            if calendar_key not in self._calendars:
                self._calendars[calendar_key] = build_calendar(
                    [event], name=event.title, method=method
                )
            context = _event_context(event, recipient, agenda)
            template = "cancellation" if cancelled else "reminder"
            return _message(template, context, recipient, self._calendars[calendar_key], method)


def meeting_message(event: Event, recipient: Recipient, kind: str) -> EmailMultiAlternatives:
    """A reminder of a meeting, or the notice that it is cancelled."""
    return MeetingMessages().build(event, recipient, kind)


def participant_recipient(participant: Participant) -> Recipient:
    return Recipient(
        email=participant.email or "",
        name=participant.name,
        language=participant.preferred_language,
        timezone=participant.timezone,
    )


def resolution_message(resolution: Resolution, kind: str) -> EmailMultiAlternatives:
    """A reminder that a resolution is due soon, or that it is overdue."""
    recipient = Recipient(
        email=resolution.contact_email,
        name=resolution.contact_name,
        language=resolution.contact_language,
    )
    with translation.override(_language(recipient.language)):
        context = {
            "resolution": resolution,
            "event": resolution.event,
            "recipient": recipient,
            "due": formats.date_format(resolution.due_on, "DATE_FORMAT"),
            "overdue": kind == DeliveryKind.RESOLUTION_OVERDUE,
            "portal_url": settings.PORTAL_BASE_URL,
        }
        return _message("resolution", context, recipient, attachment=None)
