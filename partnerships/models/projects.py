"""Joint projects of municipalities."""

from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from core.choices import Currency
from core.links import record_url
from core.models import Document, TimeStampedModel
from core.scoping import ScopedModel, ScopedQuerySet

from ..choices import ProjectKind, ProjectRole, ProjectStatus
from .geography import Municipality
from .links import Partnership
from .reference import ActivityType, Goal, Sector

__all__ = ["Project", "ProjectDocument", "ProjectParticipation"]


class ProjectQuerySet(ScopedQuerySet):
    def public(self) -> "ProjectQuerySet":
        """What anonymous visitors see: everything but drafts."""
        return self.exclude(status=ProjectStatus.DRAFT)


class Project(ScopedModel, TimeStampedModel):
    """A joint project of municipalities of both countries (memorandum 3.2): economic, social,
    cultural, educational and others, with its budget, dates and results."""

    title = models.CharField(_("title"), max_length=500)
    summary = models.TextField(_("summary"), blank=True)
    results = models.TextField(_("results"), blank=True)
    kind = models.CharField(_("kind"), max_length=16, choices=ProjectKind.choices)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=ProjectStatus.choices,
        default=ProjectStatus.DRAFT,
        db_index=True,
    )
    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="projects",
        verbose_name=_("partnership"),
    )
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    budget = models.DecimalField(
        _("budget"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices, blank=True)
    municipalities = models.ManyToManyField(
        Municipality,
        through="ProjectParticipation",
        related_name="projects",
        verbose_name=_("municipalities"),
    )
    goals = models.ManyToManyField(
        Goal, related_name="projects", blank=True, verbose_name=_("goals")
    )
    activity_types = models.ManyToManyField(
        ActivityType, related_name="projects", blank=True, verbose_name=_("kinds of activity")
    )
    sectors = models.ManyToManyField(
        Sector, related_name="projects", blank=True, verbose_name=_("sectors")
    )
    is_demo = models.BooleanField(
        _("demo record"), default=False, help_text=_("Made up to show the portal; not real.")
    )

    objects = ProjectQuerySet.as_manager()

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["-starts_on", "-created"]
        constraints = [
            models.CheckConstraint(
                condition=Q(starts_on__isnull=True)
                | Q(ends_on__isnull=True)
                | Q(ends_on__gte=F("starts_on")),
                name="%(app_label)s_%(class)s_ends_after_start",
                violation_error_message=_("A project cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=Q(budget__isnull=True) | Q(budget__gte=0),
                name="%(app_label)s_%(class)s_budget_not_negative",
                violation_error_message=_("The budget cannot be negative."),
            ),
            models.CheckConstraint(
                condition=Q(budget__isnull=True) | ~Q(currency=""),
                name="%(app_label)s_%(class)s_budget_has_currency",
                violation_error_message=_("Give the currency of the budget."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return record_url("partnerships:project_detail", self.pk)

    @classmethod
    def editor_scope(cls, municipality_ids: frozenset[int]) -> Q:
        return Q(
            Exists(
                ProjectParticipation.objects.filter(
                    project=OuterRef("pk"), municipality__in=municipality_ids
                )
            )
        )


class ProjectParticipation(models.Model):
    """A municipality taking part in a project, and its role there."""

    project = models.ForeignKey(
        Project,
        on_delete=models.CASCADE,
        related_name="participations",
        verbose_name=_("project"),
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="project_participations",
        verbose_name=_("municipality"),
    )
    role = models.CharField(
        _("role"), max_length=16, choices=ProjectRole.choices, default=ProjectRole.PARTNER
    )

    class Meta:
        verbose_name = _("participating municipality")
        verbose_name_plural = _("participating municipalities")
        # In the order they were added: a project's page and the API list them the same way.
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "municipality"],
                name="%(app_label)s_%(class)s_once_per_project",
                violation_error_message=_("This municipality already takes part in the project."),
            ),
            models.UniqueConstraint(
                fields=["project"],
                condition=Q(role=ProjectRole.LEAD),
                name="%(app_label)s_%(class)s_one_lead",
                violation_error_message=_("A project has only one lead partner."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.municipality} ({self.get_role_display()})"


class ProjectDocument(ScopedModel, Document):
    """A file of a project: an application, a contract, a report."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="documents", verbose_name=_("project")
    )

    objects = ScopedQuerySet.as_manager()

    class Meta(Document.Meta):
        verbose_name = _("project document")
        verbose_name_plural = _("project documents")

    @property
    def is_public(self) -> bool:
        return self.project.status != ProjectStatus.DRAFT

    @classmethod
    def editor_scope(cls, municipality_ids: frozenset[int]) -> Q:
        return Q(
            Exists(
                ProjectParticipation.objects.filter(
                    project=OuterRef("project"), municipality__in=municipality_ids
                )
            )
        )
