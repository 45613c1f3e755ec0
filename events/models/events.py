"""Events: consultations, round tables, seminars, conferences, working-group meetings..."""

import datetime
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from core.models import Document, TimeStampedModel
from core.query import earliest_of
from core.scoping import ScopedModel, ScopedQuerySet
from partnerships.models import (
    ActivityType,
    Goal,
    Municipality,
    Partnership,
    Party,
    Project,
)

from ..choices import EventKind, EventStatus
from .groups import WorkingGroup

__all__ = ["AgendaItem", "Event", "EventDocument", "validate_timezone"]


def validate_timezone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(
            _("“%(value)s” is not a time zone name such as Asia/Bishkek or Europe/Moscow."),
            code="timezone",
            params={"value": value},
        )


class EventQuerySet(ScopedQuerySet):
    def public(self) -> "EventQuerySet":
        return self.filter(is_public=True)

    def involving(self, municipalities: models.QuerySet) -> "EventQuerySet":
        """Events hosted or organised by any of ``municipalities`` (a queryset of their ids).

        The ids come from a UNION of two index scans: "host in (...) OR id in (organised)"
        would make PostgreSQL read every event.
        """
        hosted = Event.objects.filter(host_municipality__in=municipalities).order_by().values("pk")
        organised = Event.organising_municipalities.through.objects.filter(
            municipality__in=municipalities
        ).values("event_id")
        return self.filter(pk__in=hosted.union(organised, all=True))

    def not_over(self, now: datetime.datetime) -> "EventQuerySet":
        """Events that have not ended by ``now``: under way or to come.

        Besides ``ends_at >= now`` the filter bounds ``starts_at`` below by the earliest start of
        an event under way (``now`` when there is none): a list of these in ``starts_at`` order
        then reads the starts_at index from there, not from the first event ever held.
        """
        # "Among those not over, the ones that have begun" (an aggregate FILTER) rather than
        # both conditions in WHERE: PostgreSQL would then answer MIN from the starts_at index,
        # from the first event ever held, instead of from event_ends_starts_idx.
        earliest = earliest_of(
            Event.objects.filter(ends_at__gte=now),
            "starts_at",
            models.DateTimeField(),
            now,
            among=Q(starts_at__lt=now),
        )
        return self.filter(ends_at__gte=now, starts_at__gte=earliest)


class Event(ScopedModel, TimeStampedModel):
    """A meeting: a consultation, round table, seminar, conference, forum, working-group
    meeting, delegation visit or festival, held somewhere at a time in its own time zone.

    ``starts_at`` and ``ends_at`` are instants (stored in UTC); ``timezone`` is where the event
    happens, and every time shown to a person is shown in it, with its UTC offset.
    ``sequence`` counts the changes of time and status, as iCalendar's SEQUENCE, so calendars
    that imported the event update it.
    """

    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices)
    title = models.CharField(_("title"), max_length=500)
    description = models.TextField(_("description"), blank=True)
    outcomes = models.TextField(_("outcomes"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=EventStatus.choices,
        default=EventStatus.PLANNED,
        db_index=True,
    )
    starts_at = models.DateTimeField(_("starts at"), db_index=True)
    ends_at = models.DateTimeField(_("ends at"))
    timezone = models.CharField(
        _("time zone"),
        max_length=64,
        default=settings.TIME_ZONE,
        validators=[validate_timezone],
        help_text=_("Where the event takes place, e.g. Asia/Bishkek or Europe/Moscow."),
    )
    venue = models.CharField(_("venue"), max_length=500, blank=True)
    host_municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hosted_events",
        verbose_name=_("host municipality"),
    )
    online_url = models.URLField(_("online link"), blank=True)
    organising_parties = models.ManyToManyField(
        Party, related_name="organised_events", blank=True, verbose_name=_("organising parties")
    )
    organising_municipalities = models.ManyToManyField(
        Municipality,
        related_name="organised_events",
        blank=True,
        verbose_name=_("organising municipalities"),
    )
    working_group = models.ForeignKey(
        WorkingGroup,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meetings",
        verbose_name=_("working group"),
    )
    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("partnership"),
    )
    project = models.ForeignKey(
        Project,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("project"),
    )
    goals = models.ManyToManyField(Goal, related_name="events", blank=True, verbose_name=_("goals"))
    activity_types = models.ManyToManyField(
        ActivityType, related_name="events", blank=True, verbose_name=_("kinds of activity")
    )
    is_public = models.BooleanField(
        _("public"), default=True, help_text=_("Shown on the public pages, feeds and API.")
    )
    reminders_enabled = models.BooleanField(_("send reminders"), default=True)
    reminder_offsets = models.JSONField(
        _("reminder times"),
        null=True,
        blank=True,
        help_text=_("Minutes before the start; empty means the portal's default set."),
    )
    reminder_note = models.TextField(
        _("note for the reminders"),
        blank=True,
        help_text=_("An extra message from the organisers, included in every reminder."),
    )
    sequence = models.PositiveIntegerField(_("revision"), default=0, editable=False)
    is_demo = models.BooleanField(
        _("demo record"), default=False, help_text=_("Made up to show the portal; not real.")
    )

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["-starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gte=F("starts_at")),
                name="%(app_label)s_%(class)s_ends_after_start",
                violation_error_message=_("An event cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=~Q(timezone=""),
                name="%(app_label)s_%(class)s_has_timezone",
                violation_error_message=_("Give the time zone of the event."),
            ),
        ]
        indexes = [
            models.Index(fields=["host_municipality", "starts_at"], name="event_host_starts_idx"),
            # The events under way (EventQuerySet.not_over), found from the index alone.
            models.Index(fields=["ends_at", "starts_at"], name="event_ends_starts_idx"),
        ]

    # Changes to these make calendars update the entry (SEQUENCE) and reminders follow them.
    REVISED_FIELDS = ("starts_at", "ends_at", "timezone", "status")

    def __str__(self) -> str:
        return self.title

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._as_loaded = {
            name: instance.__dict__.get(name) for name in cls.REVISED_FIELDS if name in field_names
        }
        return instance

    def save(self, *args, **kwargs):
        as_loaded = getattr(self, "_as_loaded", {})
        if any(self.__dict__.get(name) != value for name, value in as_loaded.items()):
            self.sequence += 1
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "sequence"}
        super().save(*args, **kwargs)
        self._as_loaded = {name: self.__dict__.get(name) for name in self.REVISED_FIELDS}

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.timezone)

    @property
    def local_start(self):
        return self.starts_at.astimezone(self.zone)

    @property
    def local_end(self):
        return self.ends_at.astimezone(self.zone)

    @property
    def effective_reminder_offsets(self) -> list[int]:
        """Minutes before the start at which participants are reminded, largest first."""
        if not self.reminders_enabled:
            return []
        offsets = (
            self.reminder_offsets
            if self.reminder_offsets is not None
            else settings.EVENT_REMINDER_OFFSETS
        )
        return sorted({int(minutes) for minutes in offsets}, reverse=True)

    @property
    def ical_uid(self) -> str:
        """Stable for the life of the event, so calendars update it rather than duplicate it."""
        return f"event-{self.pk}@{settings.PORTAL_DOMAIN}"

    def clean(self) -> None:
        super().clean()
        offsets = self.reminder_offsets
        if offsets is not None and (
            not isinstance(offsets, list)
            or not all(isinstance(minutes, int) and minutes > 0 for minutes in offsets)
        ):
            raise ValidationError(
                {"reminder_offsets": _("Give reminder times as positive numbers of minutes.")}
            )

    @classmethod
    def editor_scope(cls, municipality_ids: frozenset[int]) -> Q:
        """Editors organise the events their municipalities host or co-organise."""
        organised = cls.organising_municipalities.through.objects.filter(
            event=OuterRef("pk"), municipality__in=municipality_ids
        )
        return Q(host_municipality__in=municipality_ids) | Q(Exists(organised))


class AgendaItem(models.Model):
    """One item of an event's agenda."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="agenda_items", verbose_name=_("event")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    starts_at = models.TimeField(_("time"), null=True, blank=True)
    title = models.CharField(_("item"), max_length=500)
    speaker = models.CharField(_("speaker"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda")
        ordering = ["order", "starts_at", "pk"]

    def __str__(self) -> str:
        return self.title


class EventDocument(ScopedModel, Document):
    """A file of an event: the programme, minutes, presentations."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="documents", verbose_name=_("event")
    )

    objects = ScopedQuerySet.as_manager()

    class Meta(Document.Meta):
        verbose_name = _("event document")
        verbose_name_plural = _("event documents")

    @property
    def is_public(self) -> bool:
        return self.event.is_public

    @classmethod
    def editor_scope(cls, municipality_ids: frozenset[int]) -> Q:
        return Q(event__in=Event.objects.filter(Event.editor_scope(municipality_ids)))
