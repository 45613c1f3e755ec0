"""Reminders and notices that go out exactly once.

A sweep (``reminders_sweep``, run every minute by Celery beat as
``events.tasks.send_due_reminders``) does two things:

1. **Plan.** It inserts a ReminderDelivery row for every message that has come due and has no
   row yet: the current reminder of each upcoming meeting for each expected participant, a
   cancellation notice for each participant already reminded of a meeting that is now
   cancelled, and the due/overdue reminders of open resolutions. The rows' unique constraints
   make a second planner (another beat, another worker) harmless: its inserts are ignored.

2. **Send.** It claims a batch of due rows in one short transaction — ``SELECT ... FOR UPDATE
   SKIP LOCKED``, then marks them "sending" until a lease runs out — and sends them one by one,
   stamping each row "sent" (its own commit) once the mail server accepts the message, before
   the next message goes out (events.delivery_stamps writes it while the next is rendered).
   Why a lease and not one transaction per row held open while sending: the claim must keep a
   second sender off the rows while they are on their way (the lock during the claim, the lease
   after it), and the stamp must be committed row by row, so that a sender that dies has
   committed every message it sent and nothing else. The rows it had claimed but not sent go
   back to the sweeps when the lease runs out (REMINDER_CLAIM_LEASE_SECONDS), so nothing is
   lost; a message can only be repeated if the sender dies in the instant between the mail
   server accepting it and the stamp. (Claiming in batches instead of one row per transaction
   is what keeps the sweep within twice the cost of just rendering and sending the messages.)

Nothing waits in Redis: a reminder due next week is a row with a due time, not a task with an
ETA, because the Redis transport re-delivers unacknowledged tasks after its visibility timeout.
A sweep that missed its time (workers down, Redis restarted) catches up: rows are planned from
the database's state, and only the reminder that is current now is sent (a participant does not
get the 7-day and the 1-day reminder at once), and never after the meeting has begun.
"""

import datetime
import logging
import time
import zoneinfo
from dataclasses import asdict, dataclass

from django.conf import settings
from django.core.mail import get_connection
from django.db import connection, transaction
from django.db.models import Exists, OuterRef, Value
from django.utils import timezone

from .choices import (
    REMINDED_ATTENDANCE,
    REMINDED_EVENT_STATUSES,
    DeliveryKind,
    DeliveryStatus,
    EventStatus,
    ResolutionStatus,
    SkipReason,
)
from .delivery_stamps import Stamps, still_claimed
from .messages import MeetingMessages, participant_recipient, resolution_message
from .models import Event, Participant, ReminderDelivery, Resolution

logger = logging.getLogger(__name__)

# A cancellation is still announced this long after the meeting's planned start.
CANCELLATION_GRACE = datetime.timedelta(days=1)
# Overdue resolutions are reminded once, if they became overdue within this window.
OVERDUE_WINDOW = datetime.timedelta(days=30)
# Resolution reminders go out at this local hour of the portal's time zone.
RESOLUTION_REMINDER_HOUR = 9


@dataclass
class SweepReport:
    planned: int = 0
    sent: int = 0
    retried: int = 0
    failed: int = 0
    skipped: int = 0

    def as_dict(self) -> dict:
        return asdict(self)


def current_offset(
    offsets: list[int], starts_at: datetime.datetime, now: datetime.datetime
) -> int | None:
    """The reminder that is current: the smallest offset whose time has come, or None."""
    due = [minutes for minutes in offsets if starts_at - datetime.timedelta(minutes=minutes) <= now]
    return min(due) if due else None


def _expected_participants():
    return Participant.objects.filter(
        attendance__in=REMINDED_ATTENDANCE, erased_at__isnull=True, email__isnull=False
    )


# --- Planning ---------------------------------------------------------------------------------


def _plan_meeting_reminders(now: datetime.datetime) -> int:
    window_end = now + datetime.timedelta(minutes=settings.EVENT_REMINDER_MAX_OFFSET)
    events = Event.objects.filter(
        status__in=REMINDED_EVENT_STATUSES,
        reminders_enabled=True,
        starts_at__gt=now,
        starts_at__lte=window_end,
    ).only("pk", "starts_at", "reminder_offsets", "reminders_enabled")
    planned = 0
    for event in events.iterator():
        offset = current_offset(event.effective_reminder_offsets, event.starts_at, now)
        if offset is None:
            continue
        due_at = event.starts_at - datetime.timedelta(minutes=offset)
        planned += _insert_rows(
            _expected_participants()
            .filter(event=event)
            .order_by()
            .values_list(
                Value(str(DeliveryKind.REMINDER)),
                Value(event.pk),
                "pk",
                Value(offset),
                Value(event.starts_at),
                Value(due_at),
                Value(now),
            )
        )
    return planned


# The columns _insert_rows fills from its query, in order; the rest take their defaults below.
_PLANNED_COLUMNS = (
    "kind",
    "event_id",
    "participant_id",
    "offset_minutes",
    "scheduled_for",
    "due_at",
    "next_attempt_at",
)


def _insert_rows(rows) -> int:
    """INSERT ... SELECT the delivery rows that ``rows`` (values of _PLANNED_COLUMNS) gives, in
    the database; returns how many were new.

    A row planned already is skipped by ON CONFLICT on the once-per-participant constraint: a
    probe of its unique index per row, whose leading column is the participant. (Excluding
    them with NOT IN over the event's rows let PostgreSQL read that index without its leading
    column, 20 ms an event once the table had grown; building a model instance per row for
    bulk_create cost a tenth of a sweep of 100,000 due reminders, make bench.)
    """
    select, params = rows.query.sql_with_params()
    table = ReminderDelivery._meta.db_table
    sql = (
        f"INSERT INTO {table} ({', '.join(_PLANNED_COLUMNS)}, status, attempts, last_error, "
        f"skip_reason, created) SELECT *, %s, 0, '', '', %s FROM ({select}) AS planned "
        # WHERE true: SQLite (make run) reads "ON CONFLICT" after a bare FROM as a join's ON.
        "WHERE true ON CONFLICT DO NOTHING"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [str(DeliveryStatus.PENDING), timezone.now(), *params])
        return cursor.rowcount


def _plan_cancellations(now: datetime.datetime) -> int:
    reminded = ReminderDelivery.objects.filter(
        participant=OuterRef("pk"), kind=DeliveryKind.REMINDER, status=DeliveryStatus.SENT
    )
    noticed = ReminderDelivery.objects.filter(
        participant=OuterRef("pk"),
        kind=DeliveryKind.CANCELLATION,
        scheduled_for=OuterRef("event__starts_at"),
    )
    # Only the cancelled meetings that had a reminder sent: the participants of every cancelled
    # meeting to come, each probed for a sent reminder, took 0.3-0.5 s of every minute's sweep at
    # national scale; the meetings' own probes take a few milliseconds (make bench).
    announced = Event.objects.filter(
        status=EventStatus.CANCELLED, starts_at__gt=now - CANCELLATION_GRACE
    ).filter(
        Exists(
            ReminderDelivery.objects.filter(
                event=OuterRef("pk"), kind=DeliveryKind.REMINDER, status=DeliveryStatus.SENT
            )
        )
    )
    candidates = (
        _expected_participants()
        .filter(event__in=announced.values("pk"))
        .filter(Exists(reminded))
        .exclude(Exists(noticed))
        .values_list("pk", "event_id", "event__starts_at")
    )
    rows = [
        ReminderDelivery(
            kind=DeliveryKind.CANCELLATION,
            event_id=event_id,
            participant_id=participant_id,
            offset_minutes=0,
            scheduled_for=starts_at,
            due_at=now,
            next_attempt_at=now,
        )
        for participant_id, event_id, starts_at in candidates
    ]
    return len(ReminderDelivery.objects.bulk_create(rows, ignore_conflicts=True, batch_size=1000))


def resolution_due_start(due_on: datetime.date) -> datetime.datetime:
    """The start of a due date in the portal's time zone: what resolution rows are computed for."""
    zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    return datetime.datetime.combine(due_on, datetime.time(0), tzinfo=zone)


def _resolution_moment(due_on: datetime.date, days_before: int) -> datetime.datetime:
    zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    day = due_on - datetime.timedelta(days=days_before)
    return datetime.datetime.combine(day, datetime.time(RESOLUTION_REMINDER_HOUR), tzinfo=zone)


def _resolution_plan(resolution: Resolution, now: datetime.datetime):
    """(kind, offset in minutes, due moment) of the resolution's current reminder, or None."""
    overdue_at = _resolution_moment(resolution.due_on, -1)
    if now >= overdue_at:
        return DeliveryKind.RESOLUTION_OVERDUE, 0, overdue_at
    due_days = [
        days
        for days in settings.RESOLUTION_REMINDER_DAYS
        if _resolution_moment(resolution.due_on, days) <= now
    ]
    if not due_days:
        return None
    days = min(due_days)
    return DeliveryKind.RESOLUTION_DUE, days * 24 * 60, _resolution_moment(resolution.due_on, days)


def _plan_resolution_reminders(now: datetime.datetime) -> int:
    today = timezone.localdate(now)
    horizon = today + datetime.timedelta(days=max(settings.RESOLUTION_REMINDER_DAYS, default=0))
    resolutions = (
        Resolution.objects.open()
        .exclude(contact_email="")
        .filter(due_on__isnull=False, due_on__lte=horizon, due_on__gte=today - OVERDUE_WINDOW)
        .only("pk", "event_id", "due_on")
    )
    rows = []
    for resolution in resolutions.iterator():
        plan = _resolution_plan(resolution, now)
        if plan is None:
            continue
        kind, offset, due_at = plan
        rows.append(
            ReminderDelivery(
                kind=kind,
                event_id=resolution.event_id,
                resolution_id=resolution.pk,
                offset_minutes=offset,
                scheduled_for=resolution_due_start(resolution.due_on),
                due_at=due_at,
                next_attempt_at=now,
            )
        )
    return len(ReminderDelivery.objects.bulk_create(rows, ignore_conflicts=True, batch_size=1000))


# After planning this many rows at once, the sweep refreshes the reminder log's statistics.
REFRESH_STATISTICS_AFTER = 5000


def reminders_plan(*, now: datetime.datetime | None = None) -> int:
    """Insert the rows of every message that has come due; returns how many were new.

    A burst of new rows (a large meeting's reminder, a catch-up after the workers were down) is
    followed by an ANALYZE of the log: statistics that do not yet know rows planned a moment ago
    make PostgreSQL read and sort every due row for each batch claimed, instead of reading the
    batch off delivery_pending_idx (a sweep of 100,000 due reminders spent about a tenth of its
    time claiming, make bench). The ANALYZE samples a bounded number of rows, however long the
    log has grown.
    """
    now = now or timezone.now()
    planned = (
        _plan_meeting_reminders(now) + _plan_cancellations(now) + _plan_resolution_reminders(now)
    )
    if planned >= REFRESH_STATISTICS_AFTER:
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {ReminderDelivery._meta.db_table}")
    return planned


# --- Sending ----------------------------------------------------------------------------------


def _participant_gone(participant: Participant) -> bool:
    return (
        participant.erased_at is not None
        or not participant.email
        or participant.attendance not in REMINDED_ATTENDANCE
    )


def skip_reason(delivery: ReminderDelivery, now: datetime.datetime) -> str | None:
    """Why this row must not be sent now, or None when it should go out."""
    event = delivery.event
    if delivery.kind == DeliveryKind.REMINDER:
        if event.status not in REMINDED_EVENT_STATUSES or not event.reminders_enabled:
            return SkipReason.NOT_REMINDED
        if event.starts_at != delivery.scheduled_for:
            return SkipReason.RESCHEDULED
        if event.starts_at <= now:
            return SkipReason.BEGUN
        offset = current_offset(event.effective_reminder_offsets, event.starts_at, now)
        if offset != delivery.offset_minutes:
            return SkipReason.SUPERSEDED
        return SkipReason.RECIPIENT_GONE if _participant_gone(delivery.participant) else None
    if delivery.kind == DeliveryKind.CANCELLATION:
        if event.status != EventStatus.CANCELLED:
            return SkipReason.NOT_CANCELLED
        participant = delivery.participant
        gone = participant.erased_at is not None or not participant.email
        return SkipReason.RECIPIENT_GONE if gone else None
    resolution = delivery.resolution
    if resolution.status != ResolutionStatus.OPEN:
        return SkipReason.RESOLUTION_CLOSED
    if resolution.due_on is None or resolution_due_start(resolution.due_on) != (
        delivery.scheduled_for
    ):
        return SkipReason.DUE_DATE_CHANGED
    if not resolution.contact_email:
        return SkipReason.RECIPIENT_GONE
    if delivery.kind == DeliveryKind.RESOLUTION_DUE and now >= _resolution_moment(
        resolution.due_on, -1
    ):
        return SkipReason.NOW_OVERDUE
    return None


def _retry_delay(attempts: int) -> datetime.timedelta:
    seconds = settings.REMINDER_RETRY_BASE_SECONDS * 2 ** max(attempts - 1, 0)
    return datetime.timedelta(seconds=min(seconds, 3600))


def claim_batch(size: int) -> list[int]:
    """Claim up to ``size`` due rows for this sender, in one short transaction: first rows whose
    claim has lapsed (their sender died), then pending rows whose time has come, oldest first.

    The rows are locked with SELECT ... FOR UPDATE SKIP LOCKED, so a concurrent sweep takes
    other rows, and marked "sending" until a lease expires; the lock is released at the commit
    and the lease keeps other sweeps off the rows while this one sends them. Each of the two
    reads is answered by its partial index (delivery_sending_idx, delivery_pending_idx) in
    order, so a claim costs the same with a hundred due rows as with a hundred thousand, once
    the statistics know them (see reminders_plan).
    """
    now = timezone.now()
    lease = datetime.timedelta(seconds=settings.REMINDER_CLAIM_LEASE_SECONDS)
    locked = ReminderDelivery.objects.select_for_update(skip_locked=True)
    with transaction.atomic():
        ids = list(
            locked.filter(status=DeliveryStatus.SENDING, claimed_until__lt=now)
            .order_by("claimed_until", "pk")
            .values_list("pk", flat=True)[:size]
        )
        if len(ids) < size:
            ids += (
                locked.filter(status=DeliveryStatus.PENDING, next_attempt_at__lte=now)
                .order_by("next_attempt_at", "pk")
                .values_list("pk", flat=True)[: size - len(ids)]
            )
        if ids:
            ReminderDelivery.objects.filter(pk__in=ids).update(
                status=DeliveryStatus.SENDING, claimed_until=now + lease
            )
    return ids


class _Sender:
    """Sends claimed rows through one reused mail connection and one message cache."""

    def __init__(self, report: SweepReport) -> None:
        self.connection = get_connection()
        self.meetings = MeetingMessages()
        self.stamps = Stamps()
        self.report = report

    def build(self, delivery: ReminderDelivery):
        if delivery.kind in (DeliveryKind.REMINDER, DeliveryKind.CANCELLATION):
            recipient = participant_recipient(delivery.participant)
            return self.meetings.build(delivery.event, recipient, delivery.kind)
        return resolution_message(delivery.resolution, delivery.kind)

    @staticmethod
    def _claimed(delivery: ReminderDelivery):
        return still_claimed([delivery.pk], delivery.claimed_until)

    def send(self, delivery: ReminderDelivery) -> None:
        """Send one claimed row and have it stamped: its stamp is written while the next row
        is rendered, and committed before the next message goes out (events.delivery_stamps)."""
        now = timezone.now()
        reason = skip_reason(delivery, now)
        if reason:
            self._claimed(delivery).update(status=DeliveryStatus.SKIPPED, skip_reason=reason)
            self.report.skipped += 1
            return
        attempts = delivery.attempts + 1
        try:
            message = self.build(delivery)
        except Exception as error:  # a failure of rendering
            self._failed(delivery, attempts, now, error)
            return
        self.stamps.wait()
        try:
            # An open connection is reused for the whole sweep (open() is a no-op then).
            self.connection.open()
            message.connection = self.connection
            message.send()
        except Exception as error:  # any failure of the mail server
            self._failed(delivery, attempts, now, error)
            # The connection may be broken; the next message opens a new one.
            self.connection.close()
            return
        self.stamps.stamp(delivery, attempts)
        self.report.sent += 1

    def _failed(self, delivery, attempts: int, now: datetime.datetime, error: Exception) -> None:
        failed = attempts >= settings.REMINDER_MAX_ATTEMPTS
        self._claimed(delivery).update(
            attempts=attempts,
            last_error=f"{type(error).__name__}: {error}"[:2000],
            status=DeliveryStatus.FAILED if failed else DeliveryStatus.PENDING,
            next_attempt_at=now + _retry_delay(attempts),
        )
        if failed:
            self.report.failed += 1
        else:
            self.report.retried += 1
        # The error stays in the delivery row, for staff; the log names only its kind, because
        # mail servers quote the recipient's address in their errors.
        logger.warning(
            "Delivery %s failed (attempt %s): %s", delivery.pk, attempts, type(error).__name__
        )

    def close(self) -> None:
        try:
            self.stamps.close()
        finally:
            self.connection.close()


def reminders_send_due(
    *, limit: int | None = None, deadline: float | None = None, report: SweepReport | None = None
) -> SweepReport:
    """Claim due rows in batches and send them one by one, until none is due, ``limit`` rows
    were handled, or the monotonic clock passes ``deadline`` (rows claimed but not reached are
    handed back at once)."""
    report = report or SweepReport()
    sender = _Sender(report)
    handled = 0
    try:
        while limit is None or handled < limit:
            if deadline is not None and time.monotonic() > deadline:
                break
            size = settings.REMINDER_CLAIM_BATCH
            if limit is not None:
                size = min(size, limit - handled)
            ids = claim_batch(size)
            if not ids:
                break
            # Stop using a claim well before its lease runs out, so that no other sweep can take
            # over a row while this one still works through the batch.
            hand_back_at = time.monotonic() + settings.REMINDER_CLAIM_LEASE_SECONDS / 2
            if deadline is not None:
                hand_back_at = min(hand_back_at, deadline)
            batch = list(
                ReminderDelivery.objects.filter(pk__in=ids)
                .select_related("event", "participant", "resolution", "resolution__event")
                .order_by("next_attempt_at", "pk")
            )
            for position, delivery in enumerate(batch):
                if time.monotonic() > hand_back_at:
                    _release([row.pk for row in batch[position:]], delivery.claimed_until)
                    break
                sender.send(delivery)
                handled += 1
    finally:
        sender.close()
    return report


def _release(ids: list[int], claimed_until: datetime.datetime) -> None:
    """Hand claimed rows back to the next sweep."""
    still_claimed(ids, claimed_until).update(status=DeliveryStatus.PENDING)


def reminders_sweep(*, limit: int | None = None, deadline: float | None = None) -> SweepReport:
    """Plan what has come due, then send it."""
    report = SweepReport(planned=reminders_plan())
    return reminders_send_due(limit=limit, deadline=deadline, report=report)
