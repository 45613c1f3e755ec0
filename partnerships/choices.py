"""Named choices of the partnerships app."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class RegionKind(models.TextChoices):
    """First-level subdivisions: Kyrgyz oblasts and cities, Russian federal subjects."""

    OBLAST = "oblast", pgettext_lazy("region kind", "oblast")
    CITY = "city", pgettext_lazy("region kind", "city of republican or federal significance")
    REPUBLIC = "republic", pgettext_lazy("region kind", "republic")
    KRAI = "krai", pgettext_lazy("region kind", "krai")
    AUTONOMOUS_OKRUG = "autonomous_okrug", pgettext_lazy("region kind", "autonomous okrug")
    AUTONOMOUS_OBLAST = "autonomous_oblast", pgettext_lazy("region kind", "autonomous oblast")


class MunicipalityKind(models.TextChoices):
    CAPITAL_CITY = "national_city", _("city of republican or federal significance")
    CITY = "city", _("city")
    TOWN = "town", _("town")
    RURAL = "rural", _("rural municipality (ayil aimak)")
    DISTRICT = "district", _("municipal district")
    CITY_DISTRICT = "city_district", _("city district")


class MemorandumStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("memorandum status", "draft")
    IN_FORCE = "in_force", pgettext_lazy("memorandum status", "in force")
    EXPIRED = "expired", pgettext_lazy("memorandum status", "expired")
    TERMINATED = "terminated", pgettext_lazy("memorandum status", "terminated")


class PartnershipKind(models.TextChoices):
    TWINNING = "twinning", _("twinning (sister cities)")
    COOPERATION_AGREEMENT = "cooperation", _("cooperation agreement")
    PROTOCOL_OF_INTENT = "protocol", _("protocol of intent")


class PartnershipStatus(models.TextChoices):
    PROPOSED = "proposed", pgettext_lazy("partnership status", "proposed")
    NEGOTIATING = "negotiating", pgettext_lazy("partnership status", "negotiating")
    ACTIVE = "active", pgettext_lazy("partnership status", "active")
    SUSPENDED = "suspended", pgettext_lazy("partnership status", "suspended")
    TERMINATED = "terminated", pgettext_lazy("partnership status", "terminated")


# A "live" link still binds its pair; only a terminated one makes room for a new link.
LIVE_PARTNERSHIP_STATUSES = (
    PartnershipStatus.PROPOSED,
    PartnershipStatus.NEGOTIATING,
    PartnershipStatus.ACTIVE,
    PartnershipStatus.SUSPENDED,
)

# The lifecycle: which status may follow which.
PARTNERSHIP_TRANSITIONS: dict[str, tuple[str, ...]] = {
    PartnershipStatus.PROPOSED: (
        PartnershipStatus.NEGOTIATING,
        PartnershipStatus.ACTIVE,
        PartnershipStatus.TERMINATED,
    ),
    PartnershipStatus.NEGOTIATING: (PartnershipStatus.ACTIVE, PartnershipStatus.TERMINATED),
    PartnershipStatus.ACTIVE: (PartnershipStatus.SUSPENDED, PartnershipStatus.TERMINATED),
    PartnershipStatus.SUSPENDED: (PartnershipStatus.ACTIVE, PartnershipStatus.TERMINATED),
    PartnershipStatus.TERMINATED: (),
}


class ProjectKind(models.TextChoices):
    ECONOMIC = "economic", pgettext_lazy("project kind", "economic")
    SOCIAL = "social", pgettext_lazy("project kind", "social")
    CULTURAL = "cultural", pgettext_lazy("project kind", "cultural")
    EDUCATIONAL = "educational", pgettext_lazy("project kind", "educational")
    YOUTH = "youth", pgettext_lazy("project kind", "youth")
    URBAN = "urban", pgettext_lazy("project kind", "urban development and services")
    OTHER = "other", pgettext_lazy("project kind", "other")


class ProjectStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("project status", "draft")
    PLANNED = "planned", pgettext_lazy("project status", "planned")
    IN_PROGRESS = "in_progress", pgettext_lazy("project status", "in progress")
    COMPLETED = "completed", pgettext_lazy("project status", "completed")
    CANCELLED = "cancelled", pgettext_lazy("project status", "cancelled")


class ProjectRole(models.TextChoices):
    LEAD = "lead", pgettext_lazy("project role", "lead partner")
    PARTNER = "partner", pgettext_lazy("project role", "partner")
    ASSOCIATE = "associate", pgettext_lazy("project role", "associate")


class Health(models.TextChoices):
    """Whether a partnership lives: an event, exchange or project within the recent window."""

    ACTIVE = "active", pgettext_lazy("partnership health", "active")
    DORMANT = "dormant", pgettext_lazy("partnership health", "dormant")
