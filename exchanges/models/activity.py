"""When each municipality was last active: what partner suggestions read to rank by activity."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from partnerships.models import Municipality

__all__ = ["MunicipalityActivity"]


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
