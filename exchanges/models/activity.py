"""When each municipality and partnership was last active: what partner suggestions rank by and
partnership health is read from."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from partnerships.models import Municipality, Partnership

__all__ = ["MunicipalityActivity", "PartnershipActivity"]


class MunicipalityActivity(models.Model):
    """The start of the latest event a municipality hosts and of the latest exchange it sends or
    hosts (planned ones included). Derived data, kept by exchanges.activity whenever an event
    or exchange is saved or deleted, so that ranking every candidate by "active recently" is one
    join instead of three index probes per candidate (make bench: the suggestions part)."""

    municipality = models.OneToOneField(
        Municipality,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="activity",
        verbose_name=_("municipality"),
    )
    last_event_at = models.DateTimeField(_("latest event hosted"), null=True, blank=True)
    last_exchange_on = models.DateField(_("latest exchange"), null=True, blank=True)

    class Meta:
        verbose_name = _("municipality activity")
        verbose_name_plural = _("municipality activity")

    def __str__(self) -> str:
        return str(self.municipality_id)


class PartnershipActivity(models.Model):
    """The latest event, exchange and project of a partnership, which its health is read from:
    events linked to it (not cancelled), exchanges linked to it or between its two
    municipalities either way, projects linked to it (not drafts or cancelled), and whether one
    of those projects is under way with no end date (it counts as activity today). Derived
    data, kept by exchanges.activity like MunicipalityActivity: filtering partnerships by health
    was three subqueries per partnership, about a second at national scale (make bench)."""

    partnership = models.OneToOneField(
        Partnership,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="activity",
        verbose_name=_("partnership"),
    )
    last_event_at = models.DateTimeField(_("latest event"), null=True, blank=True)
    last_exchange_on = models.DateField(_("latest exchange"), null=True, blank=True)
    last_project_on = models.DateField(_("latest project"), null=True, blank=True)
    ongoing_project = models.BooleanField(_("project under way"), default=False)

    class Meta:
        verbose_name = _("partnership activity")
        verbose_name_plural = _("partnership activity")

    def __str__(self) -> str:
        return str(self.partnership_id)
