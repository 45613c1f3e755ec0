"""The parties' joint working groups and their members."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core import json_sql
from core.choices import Language
from core.models import TimeStampedModel
from partnerships.models import Municipality, Party

from ..choices import MemberRole

__all__ = ["WorkingGroup", "WorkingGroupMember"]


class WorkingGroup(TimeStampedModel):
    """A joint working group of the parties (the memorandum's "объединённые рабочие группы"):
    representatives who meet periodically; its meetings are events."""

    name = models.CharField(_("name"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    parties = models.ManyToManyField(
        Party, related_name="working_groups", blank=True, verbose_name=_("parties")
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("working group")
        verbose_name_plural = _("working groups")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @classmethod
    def text_sql(cls, prefix: str = ""):
        """``__str__`` in SQL, for lists the database writes (core.api.json_rows)."""
        return json_sql.translated(cls, "name", prefix)


class WorkingGroupMember(models.Model):
    """A person in a working group, for a party or a municipality."""

    group = models.ForeignKey(
        WorkingGroup,
        on_delete=models.CASCADE,
        related_name="members",
        verbose_name=_("working group"),
    )
    name = models.CharField(_("name"), max_length=255)
    email = models.EmailField(_("e-mail"), blank=True)
    position = models.CharField(_("position"), max_length=255, blank=True)
    party = models.ForeignKey(
        Party,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("party"),
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipality"),
    )
    role = models.CharField(
        _("role"), max_length=16, choices=MemberRole.choices, default=MemberRole.MEMBER
    )
    preferred_language = models.CharField(
        _("preferred language"), max_length=8, choices=Language.choices, default=Language.RUSSIAN
    )

    class Meta:
        verbose_name = _("working group member")
        verbose_name_plural = _("working group members")
        ordering = ["role", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "email"],
                condition=~Q(email=""),
                name="%(app_label)s_%(class)s_unique_email",
                violation_error_message=_("This person is already a member of the group."),
            ),
        ]

    def __str__(self) -> str:
        return self.name
