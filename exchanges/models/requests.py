"""Partner requests: a municipality publishes what partner it seeks; others answer."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.formats import localize
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from core.choices import Country
from core.models import TimeStampedModel
from core.scoping import ScopedModel, ScopedQuerySet
from partnerships.models import Municipality, Partnership, Sector

from ..choices import PartnerRequestStatus

__all__ = ["PartnerRequest", "PartnerRequestAnswer", "answers_text", "size_wanted"]


def answers_text(count: int) -> str:
    """How many answers a request has had, in words in the active language ("3 answers")."""
    return ngettext("%(counter)s answer", "%(counter)s answers", count) % {
        "counter": localize(count)
    }


def size_wanted(population_min: int | None, population_max: int | None) -> str:
    """The size of the partner a request wants, in words in the active language: "population
    10,000 to 50,000", "population from 10,000", "population up to 50,000" or "Any size"."""
    if population_min is not None and population_max is not None:
        text = gettext("population %(low)s to %(high)s")
    elif population_min is not None:
        text = gettext("population from %(low)s")
    elif population_max is not None:
        text = gettext("population up to %(high)s")
    else:
        return gettext("Any size")
    return text % {"low": localize(population_min), "high": localize(population_max)}


class PartnerRequestQuerySet(ScopedQuerySet):
    def open(self, today=None) -> "PartnerRequestQuerySet":
        """Open and not past their date: what the partner search board shows."""
        today = today or timezone.localdate()
        return self.filter(status=PartnerRequestStatus.OPEN).filter(
            Q(valid_until__isnull=True) | Q(valid_until__gte=today)
        )


class PartnerRequest(ScopedModel, TimeStampedModel):
    """A municipality's published search for a partner: in which sectors, in which country, of
    what size, for what purpose, until when."""

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="partner_requests",
        verbose_name=_("municipality"),
    )
    title = models.CharField(_("title"), max_length=500)
    purpose = models.TextField(_("purpose"))
    sectors = models.ManyToManyField(
        Sector, related_name="partner_requests", blank=True, verbose_name=_("sectors")
    )
    country = models.CharField(
        _("partner's country"),
        max_length=2,
        choices=Country.choices,
        blank=True,
        help_text=_("Empty: any other country."),
    )
    population_min = models.IntegerField(_("population from"), null=True, blank=True)
    population_max = models.IntegerField(_("population up to"), null=True, blank=True)
    valid_until = models.DateField(_("open until"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=PartnerRequestStatus.choices,
        default=PartnerRequestStatus.OPEN,
        db_index=True,
    )
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=255, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    is_demo = models.BooleanField(
        _("demo record"), default=False, help_text=_("Made up to show the portal; not real.")
    )

    objects = PartnerRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("partner request")
        verbose_name_plural = _("partner requests")
        ordering = ["-created"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(population_min__isnull=True) | Q(population_min__gte=0))
                & (Q(population_max__isnull=True) | Q(population_max__gte=0)),
                name="%(app_label)s_%(class)s_population_not_negative",
                violation_error_message=_("The population cannot be negative."),
            ),
            models.CheckConstraint(
                condition=Q(population_min__isnull=True)
                | Q(population_max__isnull=True)
                | Q(population_max__gte=F("population_min")),
                name="%(app_label)s_%(class)s_population_range",
                violation_error_message=_("The population range is upside down."),
            ),
            models.CheckConstraint(
                condition=Q(status=PartnerRequestStatus.OPEN) | Q(closed_on__isnull=False),
                name="%(app_label)s_%(class)s_closed_is_dated",
                violation_error_message=_("Give the date the request was closed."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def country_name(self) -> str:
        """The partner's wanted country in words, as the board's rows name it ("" for any)."""
        return self.get_country_display()

    @property
    def size_wanted(self) -> str:
        return size_wanted(self.population_min, self.population_max)

    @classmethod
    def editor_scope(cls, municipality_ids: frozenset[int]) -> Q:
        return Q(municipality__in=municipality_ids)


class PartnerRequestAnswer(ScopedModel, TimeStampedModel):
    """A municipality answering a partner request; when it leads to a partnership, the answer
    links to it."""

    request = models.ForeignKey(
        PartnerRequest,
        on_delete=models.CASCADE,
        related_name="answers",
        verbose_name=_("partner request"),
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="partner_request_answers",
        verbose_name=_("answering municipality"),
    )
    message = models.TextField(_("message"))
    contact_name = models.CharField(_("contact person"), max_length=255, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="request_answers",
        verbose_name=_("resulting partnership"),
    )

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("answer to a partner request")
        verbose_name_plural = _("answers to partner requests")
        ordering = ["request", "created"]
        constraints = [
            models.UniqueConstraint(
                fields=["request", "municipality"],
                name="%(app_label)s_%(class)s_once_per_municipality",
                violation_error_message=_("This municipality has already answered the request."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.municipality} → {self.request}"

    def clean(self) -> None:
        super().clean()
        if self.request_id and self.municipality_id == self.request.municipality_id:
            raise ValidationError(
                {"municipality": _("A municipality does not answer its own request.")}
            )

    @classmethod
    def editor_scope(cls, municipality_ids: frozenset[int]) -> Q:
        return Q(municipality__in=municipality_ids) | Q(request__municipality__in=municipality_ids)
