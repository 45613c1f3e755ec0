"""Decisions taken at meetings, with who does what by when."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.choices import Language
from core.models import TimeStampedModel
from core.scoping import ScopedModel, ScopedQuerySet
from partnerships.models import Municipality, Party

from ..choices import ResolutionStatus
from .events import Event

__all__ = ["Resolution"]


class ResolutionQuerySet(ScopedQuerySet):
    def open(self) -> "ResolutionQuerySet":
        return self.filter(status=ResolutionStatus.OPEN)

    def overdue(self, today=None) -> "ResolutionQuerySet":
        return self.open().filter(due_on__lt=today or timezone.localdate())


class Resolution(ScopedModel, TimeStampedModel):
    """A decision recorded in an event's outcomes: what is to be done, by which side or
    municipality, who to ask, and by when. Its contact is reminded before the due date and
    once when it is overdue."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="resolutions", verbose_name=_("event")
    )
    text = models.TextField(_("decision"))
    responsible_party = models.ForeignKey(
        Party,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="resolutions",
        verbose_name=_("responsible party"),
    )
    responsible_municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="resolutions",
        verbose_name=_("responsible municipality"),
    )
    contact_name = models.CharField(_("contact person"), max_length=255, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_language = models.CharField(
        _("contact's language"),
        max_length=8,
        choices=Language.choices,
        default=Language.RUSSIAN,
    )
    due_on = models.DateField(_("due on"), null=True, blank=True, db_index=True)
    status = models.CharField(
        _("status"),
        max_length=8,
        choices=ResolutionStatus.choices,
        default=ResolutionStatus.OPEN,
        db_index=True,
    )
    done_on = models.DateField(_("done on"), null=True, blank=True)

    objects = ResolutionQuerySet.as_manager()

    class Meta:
        verbose_name = _("resolution")
        verbose_name_plural = _("resolutions")
        ordering = ["due_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(responsible_party__isnull=False)
                | Q(responsible_municipality__isnull=False),
                name="%(app_label)s_%(class)s_has_responsible",
                violation_error_message=_("Name the responsible party or municipality."),
            ),
            models.CheckConstraint(
                condition=Q(done_on__isnull=True) | Q(status=ResolutionStatus.DONE),
                name="%(app_label)s_%(class)s_done_date_only_when_done",
                violation_error_message=_("Only a resolution that is done has a date of doing."),
            ),
        ]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def is_overdue(self) -> bool:
        return (
            self.status == ResolutionStatus.OPEN
            and self.due_on is not None
            and self.due_on < timezone.localdate()
        )

    @classmethod
    def editor_scope(cls, municipality_ids: frozenset[int]) -> Q:
        return Q(responsible_municipality__in=municipality_ids) | Q(
            event__in=Event.objects.filter(Event.editor_scope(municipality_ids))
        )
