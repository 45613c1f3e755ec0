"""The log of reminders and notices: one row per message that is to go out exactly once."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.scoping import ScopedModel, ScopedQuerySet

from ..choices import DeliveryKind, DeliveryStatus, SkipReason
from .events import Event
from .participants import Participant
from .resolutions import Resolution

__all__ = ["ReminderDelivery"]


class ReminderDelivery(ScopedModel):
    """One message to one person: a meeting reminder, a cancellation notice, or a reminder about
    a resolution that is due or overdue.

    The row exists before the message goes out and is unique for what the message is about:
    (participant, kind, offset, the start time it was computed for) or (resolution, kind,
    offset, the due date). A sender claims a due row with SELECT ... FOR UPDATE SKIP LOCKED,
    marks it "sending" under a lease, sends, and stamps it (events.reminders), so two sweeps
    never send the same row and the rows of a sender that dies go back to the next sweeps.
    ``scheduled_for`` makes a rescheduled meeting a new set of rows, while the rows of the old
    time are skipped rather than sent.
    """

    kind = models.CharField(_("kind"), max_length=20, choices=DeliveryKind.choices)
    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="deliveries", verbose_name=_("event")
    )
    # No index of their own: the once-per-participant and once-per-resolution unique indexes
    # begin with these columns and answer every lookup by them. Each index is one more entry to
    # write for every row planned and every message stamped (a status change is never a HOT
    # update: the claim indexes are partial on the status).
    participant = models.ForeignKey(
        Participant,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="deliveries",
        verbose_name=_("participant"),
        db_index=False,
    )
    resolution = models.ForeignKey(
        Resolution,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="deliveries",
        verbose_name=_("resolution"),
        db_index=False,
    )
    offset_minutes = models.PositiveIntegerField(_("minutes before"), default=0)
    scheduled_for = models.DateTimeField(
        _("for the time"), help_text=_("The meeting's start, or the resolution's due date.")
    )
    due_at = models.DateTimeField(_("due at"))
    status = models.CharField(
        _("status"),
        max_length=8,
        choices=DeliveryStatus.choices,
        default=DeliveryStatus.PENDING,
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt at"))
    claimed_until = models.DateTimeField(
        _("claimed until"),
        null=True,
        blank=True,
        help_text=_("A sender is sending it; after this time another sweep may take it over."),
    )
    last_error = models.TextField(_("last error"), blank=True)
    skip_reason = models.CharField(
        _("reason for skipping"), max_length=20, choices=SkipReason.choices, blank=True
    )
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("reminder delivery")
        verbose_name_plural = _("reminder log")
        ordering = ["-due_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "kind", "offset_minutes", "scheduled_for"],
                condition=Q(participant__isnull=False),
                name="%(app_label)s_%(class)s_once_per_participant",
            ),
            models.UniqueConstraint(
                fields=["resolution", "kind", "offset_minutes", "scheduled_for"],
                condition=Q(resolution__isnull=False),
                name="%(app_label)s_%(class)s_once_per_resolution",
            ),
            models.CheckConstraint(
                condition=(
                    Q(
                        participant__isnull=False,
                        resolution__isnull=True,
                        kind__in=[DeliveryKind.REMINDER, DeliveryKind.CANCELLATION],
                    )
                    | Q(
                        participant__isnull=True,
                        resolution__isnull=False,
                        kind__in=[DeliveryKind.RESOLUTION_DUE, DeliveryKind.RESOLUTION_OVERDUE],
                    )
                ),
                name="%(app_label)s_%(class)s_one_recipient",
            ),
            models.CheckConstraint(
                condition=Q(sent_at__isnull=False) | ~Q(status=DeliveryStatus.SENT),
                name="%(app_label)s_%(class)s_sent_is_dated",
            ),
        ]
        indexes = [
            # The sweep's claim: pending rows by next attempt time in the claim's whole order
            # (the id breaks ties), so that a claim reads its batch off the index and stops: on
            # the time alone PostgreSQL read and sorted every due row for each batch, as a sweep
            # plans all its rows with one next attempt time. Lapsed claims, by lease: rows of
            # dead senders only, few enough to sort.
            models.Index(
                fields=["next_attempt_at", "id"],
                condition=Q(status=DeliveryStatus.PENDING),
                name="delivery_pending_idx",
            ),
            models.Index(
                fields=["claimed_until"],
                condition=Q(status=DeliveryStatus.SENDING),
                name="delivery_sending_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"

    @classmethod
    def editor_scope(cls, municipality_ids: frozenset[int]) -> Q:
        return Q(event__in=Event.objects.filter(Event.editor_scope(municipality_ids)))
