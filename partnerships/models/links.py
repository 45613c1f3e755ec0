"""Partnerships (twinning links and agreements) between two municipalities."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Greatest, Least
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import json_sql
from core.choices import DatePrecision
from core.links import record_url
from core.models import Document, TimeStampedModel
from core.scoping import ScopedModel, ScopedQuerySet

from ..choices import (
    LIVE_PARTNERSHIP_STATUSES,
    PARTNERSHIP_TRANSITIONS,
    PartnershipKind,
    PartnershipStatus,
)
from .geography import Municipality
from .reference import Sector

__all__ = ["Partnership", "PartnershipDocument"]

# Dates of the lifecycle's steps, earliest first: each pair must be in this order when both exist.
_DATE_ORDER = (
    ("proposed_on", "negotiations_started_on"),
    ("proposed_on", "signed_on"),
    ("negotiations_started_on", "signed_on"),
    ("signed_on", "suspended_on"),
    ("signed_on", "terminated_on"),
    ("proposed_on", "terminated_on"),
)


# Which date records the step a status stands for.
STEP_DATE_FIELDS = {
    PartnershipStatus.PROPOSED: "proposed_on",
    PartnershipStatus.NEGOTIATING: "negotiations_started_on",
    PartnershipStatus.ACTIVE: "signed_on",
    PartnershipStatus.SUSPENDED: "suspended_on",
    PartnershipStatus.TERMINATED: "terminated_on",
}


def _in_order(earlier: str, later: str) -> Q:
    return (
        Q(**{f"{earlier}__isnull": True})
        | Q(**{f"{later}__isnull": True})
        | Q(**{f"{later}__gte": F(earlier)})
    )


class PartnershipQuerySet(ScopedQuerySet):
    def live(self) -> "PartnershipQuerySet":
        return self.filter(status__in=LIVE_PARTNERSHIP_STATUSES)

    def involving(self, municipality_id: int) -> "PartnershipQuerySet":
        return self.filter(
            Q(municipality_a_id=municipality_id) | Q(municipality_b_id=municipality_id)
        )

    def between(self, first_id: int, second_id: int) -> "PartnershipQuerySet":
        """Links of an unordered pair."""
        return self.filter(
            Q(municipality_a_id=first_id, municipality_b_id=second_id)
            | Q(municipality_a_id=second_id, municipality_b_id=first_id)
        )


class Partnership(ScopedModel, TimeStampedModel):
    """A link between two municipalities: twinning, a cooperation agreement or a protocol of
    intent, from proposal through negotiation to an active, suspended or terminated link.

    The pair is unordered (A–B is B–A); while a link is live, its pair may not have a second link
    of the same kind.
    """

    municipality_a = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="partnerships_as_a",
        verbose_name=_("municipality"),
    )
    municipality_b = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="partnerships_as_b",
        verbose_name=_("partner municipality"),
    )
    kind = models.CharField(_("kind"), max_length=16, choices=PartnershipKind.choices)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=PartnershipStatus.choices,
        default=PartnershipStatus.PROPOSED,
        db_index=True,
    )
    proposed_on = models.DateField(_("proposed on"), null=True, blank=True)
    negotiations_started_on = models.DateField(_("negotiations started on"), null=True, blank=True)
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    signed_on_precision = models.CharField(
        _("precision of the signing date"),
        max_length=8,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
    )
    suspended_on = models.DateField(_("suspended on"), null=True, blank=True)
    terminated_on = models.DateField(_("terminated on"), null=True, blank=True)
    title = models.CharField(_("title of the agreement"), max_length=500, blank=True)
    description = models.TextField(_("description"), blank=True)
    sectors = models.ManyToManyField(
        Sector, related_name="partnerships", blank=True, verbose_name=_("sectors")
    )
    source = models.TextField(_("sources"), blank=True)

    objects = PartnershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")
        ordering = ["-signed_on", "-created"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(municipality_a=F("municipality_b")),
                name="%(app_label)s_%(class)s_not_with_itself",
                violation_error_message=_("A municipality cannot be its own partner."),
            ),
            models.UniqueConstraint(
                Least("municipality_a", "municipality_b"),
                Greatest("municipality_a", "municipality_b"),
                F("kind"),
                condition=Q(status__in=LIVE_PARTNERSHIP_STATUSES),
                name="%(app_label)s_%(class)s_one_live_per_pair_and_kind",
                violation_error_message=_(
                    "These two municipalities already have a live partnership of this kind."
                ),
            ),
            *(
                models.CheckConstraint(
                    condition=_in_order(earlier, later),
                    name="%(app_label)s_%(class)s_{}_after_{}".format(
                        later.split("_")[0], earlier.split("_")[0]
                    ),
                    violation_error_message=_("The dates of the partnership are not in order."),
                )
                for earlier, later in _DATE_ORDER
            ),
        ]
        indexes = [
            models.Index(fields=["municipality_b", "status"], name="partnership_b_status_idx"),
            models.Index(fields=["municipality_a", "status"], name="partnership_a_status_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.municipality_a} — {self.municipality_b}"

    @classmethod
    def text_sql(cls, prefix: str = ""):
        """``__str__`` in SQL, for lists the database writes (core.api.json_rows)."""
        return json_sql.concat(
            Municipality.text_sql(f"{prefix}municipality_a__"),
            json_sql.text(" — "),
            Municipality.text_sql(f"{prefix}municipality_b__"),
        )

    def get_absolute_url(self) -> str:
        return record_url("partnerships:partnership_detail", self.pk)

    @property
    def is_live(self) -> bool:
        return self.status in LIVE_PARTNERSHIP_STATUSES

    def partner_of(self, municipality_id: int) -> Municipality:
        if self.municipality_a_id == municipality_id:
            return self.municipality_b
        return self.municipality_a

    def stamp_step_date(self, on_date=None) -> None:
        """Record today (or on_date) as the date of the current status's step, if none is set."""
        field = STEP_DATE_FIELDS[self.status]
        if getattr(self, field) is None:
            setattr(self, field, on_date or timezone.localdate())

    def can_move_to(self, status: str) -> bool:
        return status == self.status or status in PARTNERSHIP_TRANSITIONS[self.status]

    def clean(self) -> None:
        super().clean()
        if self.pk:
            previous = (
                type(self).objects.filter(pk=self.pk).values_list("status", flat=True).first()
            )
            if (
                previous
                and self.status != previous
                and self.status not in PARTNERSHIP_TRANSITIONS[previous]
            ):
                raise ValidationError(
                    {
                        "status": _("A partnership cannot go from “%(old)s” to “%(new)s”.")
                        % {
                            "old": PartnershipStatus(previous).label,
                            "new": PartnershipStatus(self.status).label,
                        }
                    }
                )

    @classmethod
    def editor_scope(cls, municipality_ids: frozenset[int]) -> Q:
        return Q(municipality_a__in=municipality_ids) | Q(municipality_b__in=municipality_ids)


class PartnershipDocument(ScopedModel, Document):
    """An agreement, protocol or programme of a partnership, as a file."""

    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.CASCADE,
        related_name="documents",
        verbose_name=_("partnership"),
    )

    objects = ScopedQuerySet.as_manager()

    class Meta(Document.Meta):
        verbose_name = _("partnership document")
        verbose_name_plural = _("partnership documents")

    @property
    def is_public(self) -> bool:
        return True

    @classmethod
    def editor_scope(cls, municipality_ids: frozenset[int]) -> Q:
        return Q(partnership__municipality_a__in=municipality_ids) | Q(
            partnership__municipality_b__in=municipality_ids
        )
