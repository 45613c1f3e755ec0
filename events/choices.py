"""Named choices of the events app."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class EventKind(models.TextChoices):
    CONSULTATION = "consultation", _("consultation")
    ROUND_TABLE = "round_table", _("round table")
    SEMINAR = "seminar", _("seminar")
    CONFERENCE = "conference", _("conference")
    FORUM = "forum", _("forum")
    WORKING_GROUP_MEETING = "working_group", _("working group meeting")
    DELEGATION_VISIT = "delegation_visit", _("delegation visit")
    FESTIVAL = "festival", _("festival")
    OTHER = "other", pgettext_lazy("event kind", "other")


class EventStatus(models.TextChoices):
    PLANNED = "planned", pgettext_lazy("event status", "planned")
    CONFIRMED = "confirmed", pgettext_lazy("event status", "confirmed")
    HELD = "held", pgettext_lazy("event status", "held")
    POSTPONED = "postponed", pgettext_lazy("event status", "postponed")
    CANCELLED = "cancelled", pgettext_lazy("event status", "cancelled")


# Events whose participants are reminded: a postponed event is reminded of its new time.
REMINDED_EVENT_STATUSES = (EventStatus.PLANNED, EventStatus.CONFIRMED, EventStatus.POSTPONED)


class ParticipantRole(models.TextChoices):
    DELEGATE = "delegate", _("delegate")
    SPEAKER = "speaker", _("speaker")
    ORGANISER = "organiser", _("organiser")
    OBSERVER = "observer", _("observer")
    GUEST = "guest", _("guest")
    INTERPRETER = "interpreter", _("interpreter")


class Attendance(models.TextChoices):
    REGISTERED = "registered", pgettext_lazy("attendance", "registered")
    CONFIRMED = "confirmed", pgettext_lazy("attendance", "confirmed")
    ATTENDED = "attended", pgettext_lazy("attendance", "attended")
    ABSENT = "absent", pgettext_lazy("attendance", "absent")
    DECLINED = "declined", pgettext_lazy("attendance", "declined")


# Participants who are still expected, and therefore reminded.
REMINDED_ATTENDANCE = (Attendance.REGISTERED, Attendance.CONFIRMED)


class MemberRole(models.TextChoices):
    CO_CHAIR = "co_chair", _("co-chair")
    SECRETARY = "secretary", _("secretary")
    MEMBER = "member", pgettext_lazy("working group", "member")


class ResolutionStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("resolution status", "open")
    DONE = "done", pgettext_lazy("resolution status", "done")
    DROPPED = "dropped", pgettext_lazy("resolution status", "dropped")


class DeliveryKind(models.TextChoices):
    REMINDER = "reminder", _("meeting reminder")
    CANCELLATION = "cancellation", _("cancellation notice")
    RESOLUTION_DUE = "resolution_due", _("resolution due soon")
    RESOLUTION_OVERDUE = "resolution_overdue", _("resolution overdue")


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", pgettext_lazy("delivery status", "pending")
    SENDING = "sending", pgettext_lazy("delivery status", "being sent")
    SENT = "sent", pgettext_lazy("delivery status", "sent")
    FAILED = "failed", pgettext_lazy("delivery status", "failed")
    SKIPPED = "skipped", pgettext_lazy("delivery status", "skipped")


class SkipReason(models.TextChoices):
    """Why a planned message was not sent; it stays in the log with this reason."""

    RESCHEDULED = "rescheduled", _("the meeting was moved to another time")
    NOT_REMINDED = "not_reminded", _("the meeting is cancelled, held or has reminders switched off")
    BEGUN = "begun", _("the meeting had already begun")
    SUPERSEDED = "superseded", _("a later reminder replaced it")
    RECIPIENT_GONE = "recipient_gone", _("the recipient is no longer expected or has no e-mail")
    NOT_CANCELLED = "not_cancelled", _("the meeting is no longer cancelled")
    RESOLUTION_CLOSED = "resolution_closed", _("the resolution is done or dropped")
    DUE_DATE_CHANGED = "due_changed", _("the due date changed")
    NOW_OVERDUE = "now_overdue", _("the resolution became overdue first")
