"""People registered for events, and the consent they gave to the processing of their data."""

from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from core.choices import Language
from core.models import TimeStampedModel
from core.scoping import ScopedModel, ScopedQuerySet
from partnerships.models import Municipality

from ..choices import Attendance, ParticipantRole
from .events import Event, validate_timezone

__all__ = ["ConsentText", "Participant"]


class ConsentText(models.Model):
    """A version of the text by which a participant agrees to the processing of personal data.

    Participants point at the version they agreed to, so a later change of the wording does not
    rewrite what someone consented to.
    """

    version = models.CharField(_("version"), max_length=32, unique=True)
    text = models.TextField(_("text"))
    published_on = models.DateField(_("published on"))

    class Meta:
        verbose_name = _("consent text")
        verbose_name_plural = _("consent texts")
        ordering = ["-published_on"]
        get_latest_by = "published_on"

    def __str__(self) -> str:
        return self.version


class ParticipantQuerySet(ScopedQuerySet):
    def present(self) -> "ParticipantQuerySet":
        """Participants whose personal data has not been erased."""
        return self.filter(erased_at__isnull=True)


class Participant(ScopedModel, TimeStampedModel):
    """A person registered for an event.

    Their name and e-mail are personal data: only coordinators and the event's organisers see
    them. A coordinator may erase them (``erased_at``); the row stays, so the event keeps its
    anonymous count of who took part, by role, municipality and attendance.
    """

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="participants", verbose_name=_("event")
    )
    name = models.CharField(_("name"), max_length=255, blank=True)
    # NULL, not "", for "no e-mail": the once-per-event constraint then ignores such rows.
    email = models.EmailField(_("e-mail"), null=True, blank=True)  # noqa: DJ001
    organisation = models.CharField(_("organisation"), max_length=255, blank=True)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="event_participants",
        verbose_name=_("municipality"),
    )
    role = models.CharField(
        _("role"),
        max_length=16,
        choices=ParticipantRole.choices,
        default=ParticipantRole.DELEGATE,
    )
    preferred_language = models.CharField(
        _("preferred language"), max_length=8, choices=Language.choices, default=Language.RUSSIAN
    )
    timezone = models.CharField(
        _("time zone"),
        max_length=64,
        blank=True,
        validators=[validate_timezone],
        help_text=_("Where the participant lives, to show the time there too."),
    )
    attendance = models.CharField(
        _("attendance"),
        max_length=12,
        choices=Attendance.choices,
        default=Attendance.REGISTERED,
    )
    consent_text = models.ForeignKey(
        ConsentText,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="participants",
        verbose_name=_("consent given to"),
    )
    consent_given_at = models.DateTimeField(_("consent given at"), null=True, blank=True)
    erased_at = models.DateTimeField(
        _("personal data erased at"), null=True, blank=True, editable=False
    )

    objects = ParticipantQuerySet.as_manager()

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["event", "name"]
        constraints = [
            models.UniqueConstraint(
                F("event"),
                Lower("email"),
                condition=Q(email__isnull=False),
                name="%(app_label)s_%(class)s_once_per_event",
                violation_error_message=_(
                    "A participant with this e-mail is already registered for this event."
                ),
            ),
            models.CheckConstraint(
                condition=Q(consent_text__isnull=True, consent_given_at__isnull=True)
                | Q(consent_text__isnull=False, consent_given_at__isnull=False),
                name="%(app_label)s_%(class)s_consent_dated",
                violation_error_message=_("Record both the consent text and when it was given."),
            ),
            models.CheckConstraint(
                condition=Q(erased_at__isnull=True) | Q(email__isnull=True, name=""),
                name="%(app_label)s_%(class)s_erased_is_anonymous",
                violation_error_message=_("An erased participant keeps no name or e-mail."),
            ),
        ]

    def __str__(self) -> str:
        if self.erased_at:
            return str(_("(erased participant)"))
        return self.name or self.email or str(_("participant"))

    def save(self, *args, **kwargs):
        # E-mail addresses are compared case-insensitively; an empty one is "none".
        self.email = self.email.strip().lower() if self.email else None
        super().save(*args, **kwargs)

    @classmethod
    def editor_scope(cls, municipality_ids: frozenset[int]) -> Q:
        return Q(event__in=Event.objects.filter(Event.editor_scope(municipality_ids)))
