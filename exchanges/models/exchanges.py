"""Exchanges of people between municipalities (memorandum 2.6, 2.7, 3.5)."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from core.models import Document, TimeStampedModel
from core.scoping import ScopedModel, ScopedQuerySet
from events.models import Event
from partnerships.models import ActivityType, Goal, Municipality, Partnership, Project, Sector

from ..choices import ExchangeKind

__all__ = ["Exchange", "ExchangeDocument"]


class ExchangeQuerySet(ScopedQuerySet):
    def public(self) -> "ExchangeQuerySet":
        return self.filter(is_public=True)


class Exchange(ScopedModel, TimeStampedModel):
    """A delegation visit, youth exchange, specialist internship, cultural exchange, tourist group
    or university cooperation: people of one municipality going to another."""

    kind = models.CharField(_("kind"), max_length=20, choices=ExchangeKind.choices)
    title = models.CharField(_("title"), max_length=500)
    programme = models.TextField(_("programme"), blank=True)
    outcomes = models.TextField(_("outcomes"), blank=True)
    sending_municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="exchanges_sent",
        verbose_name=_("sending municipality"),
    )
    hosting_municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="exchanges_hosted",
        verbose_name=_("hosting municipality"),
    )
    starts_on = models.DateField(_("starts on"), db_index=True)
    ends_on = models.DateField(_("ends on"))
    participants_count = models.IntegerField(_("number of participants"), default=0)
    youth_count = models.IntegerField(_("of them under 30"), default=0)
    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="exchanges",
        verbose_name=_("partnership"),
    )
    event = models.ForeignKey(
        Event,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="exchanges",
        verbose_name=_("event"),
    )
    project = models.ForeignKey(
        Project,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="exchanges",
        verbose_name=_("project"),
    )
    goals = models.ManyToManyField(
        Goal, related_name="exchanges", blank=True, verbose_name=_("goals")
    )
    activity_types = models.ManyToManyField(
        ActivityType, related_name="exchanges", blank=True, verbose_name=_("kinds of activity")
    )
    sectors = models.ManyToManyField(
        Sector, related_name="exchanges", blank=True, verbose_name=_("sectors")
    )
    is_public = models.BooleanField(_("public"), default=True)
    is_demo = models.BooleanField(
        _("demo record"), default=False, help_text=_("Made up to show the portal; not real.")
    )

    objects = ExchangeQuerySet.as_manager()

    class Meta:
        verbose_name = _("exchange")
        verbose_name_plural = _("exchanges")
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="%(app_label)s_%(class)s_ends_after_start",
                violation_error_message=_("An exchange cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=Q(participants_count__gte=0, youth_count__gte=0),
                name="%(app_label)s_%(class)s_counts_not_negative",
                violation_error_message=_("The numbers of participants cannot be negative."),
            ),
            models.CheckConstraint(
                condition=Q(youth_count__lte=F("participants_count")),
                name="%(app_label)s_%(class)s_youth_within_total",
                violation_error_message=_(
                    "There cannot be more participants under 30 than participants."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(sending_municipality=F("hosting_municipality")),
                name="%(app_label)s_%(class)s_between_two",
                violation_error_message=_("The sending and hosting municipalities must differ."),
            ),
        ]
        indexes = [
            models.Index(fields=["sending_municipality", "starts_on"], name="exchange_sending_idx"),
            models.Index(fields=["hosting_municipality", "starts_on"], name="exchange_hosting_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    @classmethod
    def editor_scope(cls, municipality_ids: frozenset[int]) -> Q:
        return Q(sending_municipality__in=municipality_ids) | Q(
            hosting_municipality__in=municipality_ids
        )


class ExchangeDocument(ScopedModel, Document):
    """A file of an exchange: the programme, a report, a list of participants."""

    exchange = models.ForeignKey(
        Exchange, on_delete=models.CASCADE, related_name="documents", verbose_name=_("exchange")
    )

    objects = ScopedQuerySet.as_manager()

    class Meta(Document.Meta):
        verbose_name = _("exchange document")
        verbose_name_plural = _("exchange documents")

    @property
    def is_public(self) -> bool:
        return self.exchange.is_public

    @classmethod
    def editor_scope(cls, municipality_ids: frozenset[int]) -> Q:
        return Q(exchange__sending_municipality__in=municipality_ids) | Q(
            exchange__hosting_municipality__in=municipality_ids
        )
