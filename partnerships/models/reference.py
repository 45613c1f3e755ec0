"""Reference data: cooperation sectors and the memorandum's goals and kinds of activity."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .parties import Memorandum

__all__ = ["ActivityType", "Goal", "Sector"]


class Sector(models.Model):
    """A field of cooperation (tourism, education, utilities...) that municipalities are
    interested in and that links, projects and best practices belong to."""

    code = models.SlugField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=255)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.name


class MemorandumClause(models.Model):
    """A numbered clause of a memorandum, e.g. goal "2.3" or kind of activity "3.5"."""

    memorandum = models.ForeignKey(
        Memorandum, on_delete=models.CASCADE, related_name="+", verbose_name=_("memorandum")
    )
    number = models.CharField(_("number"), max_length=8)
    short_name = models.CharField(_("short name"), max_length=255)
    text = models.TextField(_("text"))

    class Meta:
        abstract = True
        ordering = ["memorandum", "number"]

    def __str__(self) -> str:
        return f"{self.number}. {self.short_name}"


class Goal(MemorandumClause):
    """A goal of the parties (memorandum section 2, items 2.1-2.7); projects, events and exchanges
    are tagged with the goals they serve, so the portal can report how each goal is pursued."""

    memorandum = models.ForeignKey(
        Memorandum, on_delete=models.CASCADE, related_name="goals", verbose_name=_("memorandum")
    )

    class Meta(MemorandumClause.Meta):
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        constraints = [
            models.UniqueConstraint(
                fields=["memorandum", "number"], name="%(app_label)s_%(class)s_unique_number"
            ),
        ]


class ActivityType(MemorandumClause):
    """A kind of activity the parties carry out (memorandum section 3, items 3.1-3.6)."""

    memorandum = models.ForeignKey(
        Memorandum,
        on_delete=models.CASCADE,
        related_name="activity_types",
        verbose_name=_("memorandum"),
    )

    class Meta(MemorandumClause.Meta):
        verbose_name = _("kind of activity")
        verbose_name_plural = _("kinds of activity")
        constraints = [
            models.UniqueConstraint(
                fields=["memorandum", "number"], name="%(app_label)s_%(class)s_unique_number"
            ),
        ]
