"""The library of best practices (memorandum 3.3) and where they were taken up."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.models import Document, TimeStampedModel
from core.scoping import ScopedModel, ScopedQuerySet
from partnerships.models import Municipality, Sector

__all__ = ["Adoption", "BestPractice", "BestPracticeDocument"]


class BestPracticeQuerySet(ScopedQuerySet):
    def public(self) -> "BestPracticeQuerySet":
        return self.filter(is_published=True)


class BestPractice(ScopedModel, TimeStampedModel):
    """A municipality's practice worth copying: what was done, how, and with what result."""

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="best_practices",
        verbose_name=_("municipality"),
    )
    sector = models.ForeignKey(
        Sector, on_delete=models.PROTECT, related_name="best_practices", verbose_name=_("sector")
    )
    title = models.CharField(_("title"), max_length=500)
    summary = models.TextField(_("summary"))
    body = models.TextField(_("description"), blank=True)
    is_published = models.BooleanField(_("published"), default=False, db_index=True)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    is_demo = models.BooleanField(
        _("demo record"), default=False, help_text=_("Made up to show the portal; not real.")
    )

    objects = BestPracticeQuerySet.as_manager()

    class Meta:
        verbose_name = _("best practice")
        verbose_name_plural = _("best practices")
        ordering = ["-published_on", "-created"]
        constraints = [
            models.CheckConstraint(
                condition=Q(is_published=False) | Q(published_on__isnull=False),
                name="%(app_label)s_%(class)s_published_is_dated",
                violation_error_message=_("Give the date of publication."),
            ),
        ]
        indexes = [
            # Partner suggestions ask, for each candidate, for its published practices in some
            # sectors: answered from this index alone.
            models.Index(
                fields=["municipality", "sector"],
                condition=Q(is_published=True),
                name="practice_published_sector_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @classmethod
    def editor_scope(cls, municipality_ids: frozenset[int]) -> Q:
        return Q(municipality__in=municipality_ids)


class BestPracticeDocument(ScopedModel, Document):
    """A file describing a best practice: regulations, a presentation, a manual."""

    practice = models.ForeignKey(
        BestPractice,
        on_delete=models.CASCADE,
        related_name="documents",
        verbose_name=_("best practice"),
    )

    objects = ScopedQuerySet.as_manager()

    class Meta(Document.Meta):
        verbose_name = _("best practice document")
        verbose_name_plural = _("best practice documents")

    @property
    def is_public(self) -> bool:
        return self.practice.is_published

    @classmethod
    def editor_scope(cls, municipality_ids: frozenset[int]) -> Q:
        return Q(practice__municipality__in=municipality_ids)


class Adoption(ScopedModel, TimeStampedModel):
    """Another municipality taking up a best practice, and what came of it."""

    practice = models.ForeignKey(
        BestPractice,
        on_delete=models.CASCADE,
        related_name="adoptions",
        verbose_name=_("best practice"),
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="adoptions",
        verbose_name=_("adopting municipality"),
    )
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    result = models.TextField(_("result"), blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("adoption")
        verbose_name_plural = _("adoptions")
        # The id last: adoptions of one day (or of no recorded day) always in the same order.
        ordering = ["-adopted_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["practice", "municipality"],
                name="%(app_label)s_%(class)s_once_per_municipality",
                violation_error_message=_("This municipality has already adopted the practice."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.practice} → {self.municipality}"

    def clean(self) -> None:
        super().clean()
        if self.practice_id and self.municipality_id == self.practice.municipality_id:
            raise ValidationError(
                {"municipality": _("A municipality does not adopt its own practice.")}
            )

    @classmethod
    def editor_scope(cls, municipality_ids: frozenset[int]) -> Q:
        return Q(municipality__in=municipality_ids) | Q(practice__municipality__in=municipality_ids)
