"""Regions and municipalities of the countries in the registry."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core import json_sql
from core.choices import Country
from core.links import record_url
from core.models import TimeStampedModel
from core.scoping import ScopedModel, ScopedQuerySet
from core.uploads import image_upload_to, validate_image

from ..choices import MunicipalityKind, RegionKind
from .parties import Party
from .reference import Sector

__all__ = ["Municipality", "Region"]


class Region(TimeStampedModel):
    """A first-level subdivision of a country: a Kyrgyz oblast or city of republican
    significance, a Russian federal subject."""

    country = models.CharField(_("country"), max_length=2, choices=Country.choices)
    kind = models.CharField(_("kind"), max_length=24, choices=RegionKind.choices)
    name = models.CharField(_("name"), max_length=255)
    code = models.CharField(
        _("code"), max_length=16, blank=True, help_text=_("ISO 3166-2 code, e.g. KG-C.")
    )
    federal_district = models.CharField(_("federal district"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["country", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(country__regex=r"^[A-Z]{2}$"),
                name="%(app_label)s_%(class)s_country_iso",
                violation_error_message=_("The country must be an ISO 3166-1 alpha-2 code."),
            ),
            models.UniqueConstraint(
                fields=["code"],
                condition=~Q(code=""),
                name="%(app_label)s_%(class)s_unique_code",
                violation_error_message=_("A region with this code already exists."),
            ),
            models.UniqueConstraint(
                fields=["country", "name_ru"],
                name="%(app_label)s_%(class)s_unique_name",
                violation_error_message=_("This country already has a region of this name."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @classmethod
    def text_sql(cls, prefix: str = ""):
        """``__str__`` in SQL, for lists the database writes (core.api.json_rows)."""
        return json_sql.translated(cls, "name", prefix)


class MunicipalityQuerySet(ScopedQuerySet):
    def in_country(self, country: str) -> "MunicipalityQuerySet":
        return self.filter(region__country=country)

    def named(self, text: str) -> "MunicipalityQuerySet":
        """Municipalities whose name contains ``text`` in any of the three languages (trigram
        indexes answer it on PostgreSQL: migration partnerships 0002)."""
        text = text.strip()
        return self.filter(
            Q(name_ru__icontains=text) | Q(name_ky__icontains=text) | Q(name_en__icontains=text)
        )


class Municipality(ScopedModel, TimeStampedModel):
    """A local self-government unit: a city, town, ayil aimak, municipal or city district.

    Its country is its region's. ``editors`` are the users who keep its records in the admin.
    """

    kind = models.CharField(_("kind"), max_length=16, choices=MunicipalityKind.choices)
    # A region with municipalities is never deleted by accident.
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="municipalities", verbose_name=_("region")
    )
    name = models.CharField(_("name"), max_length=255, db_index=True)
    description = models.TextField(_("description"), blank=True)
    official_code = models.CharField(
        _("official code"),
        max_length=32,
        blank=True,
        help_text=_("SOATE code in Kyrgyzstan, OKTMO code in Russia."),
    )
    population = models.IntegerField(_("population"), null=True, blank=True)
    population_year = models.PositiveSmallIntegerField(
        _("population as of year"), null=True, blank=True
    )
    area_km2 = models.DecimalField(
        _("area, km²"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    timezone = models.CharField(
        _("time zone"), max_length=64, blank=True, help_text=_("IANA name, e.g. Asia/Bishkek.")
    )
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("official e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=64, blank=True)
    head_name = models.CharField(_("head of the municipality"), max_length=255, blank=True)
    head_title = models.CharField(_("title of the head"), max_length=255, blank=True)
    liaison_name = models.CharField(
        _("international relations officer"), max_length=255, blank=True
    )
    liaison_email = models.EmailField(_("officer's e-mail"), blank=True)
    liaison_phone = models.CharField(_("officer's phone"), max_length=64, blank=True)
    emblem = models.ImageField(
        _("emblem"),
        upload_to=image_upload_to,
        validators=[validate_image],
        blank=True,
        max_length=255,
    )
    sectors = models.ManyToManyField(
        Sector, related_name="municipalities", blank=True, verbose_name=_("cooperation interests")
    )
    seeking_partners = models.BooleanField(_("seeking partners"), default=False, db_index=True)
    partner_wishes = models.TextField(_("what partners it seeks"), blank=True)
    association = models.ForeignKey(
        Party,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="member_municipalities",
        verbose_name=_("member of the national association"),
    )
    editors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="edited_municipalities",
        blank=True,
        verbose_name=_("editors"),
    )
    source = models.TextField(_("sources"), blank=True)

    objects = MunicipalityQuerySet.as_manager()

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(population__isnull=True) | Q(population__gte=0),
                name="%(app_label)s_%(class)s_population_not_negative",
                violation_error_message=_("The population cannot be negative."),
            ),
            models.CheckConstraint(
                condition=Q(area_km2__isnull=True) | Q(area_km2__gt=0),
                name="%(app_label)s_%(class)s_area_positive",
                violation_error_message=_("The area must be greater than zero."),
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True) | Q(latitude__gte=-90, latitude__lte=90),
                name="%(app_label)s_%(class)s_latitude_range",
                violation_error_message=_("The latitude must be between -90 and 90 degrees."),
            ),
            models.CheckConstraint(
                condition=Q(longitude__isnull=True) | Q(longitude__gte=-180, longitude__lte=180),
                name="%(app_label)s_%(class)s_longitude_range",
                violation_error_message=_("The longitude must be between -180 and 180 degrees."),
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(latitude__isnull=False, longitude__isnull=False),
                name="%(app_label)s_%(class)s_coordinates_paired",
                violation_error_message=_("Give both the latitude and the longitude, or neither."),
            ),
            models.UniqueConstraint(
                fields=["official_code"],
                condition=~Q(official_code=""),
                name="%(app_label)s_%(class)s_unique_official_code",
                violation_error_message=_("A municipality with this official code already exists."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @classmethod
    def text_sql(cls, prefix: str = ""):
        """``__str__`` in SQL, for lists the database writes (core.api.json_rows)."""
        return json_sql.translated(cls, "name", prefix)

    def get_absolute_url(self) -> str:
        return record_url("partnerships:municipality_detail", self.pk)

    @property
    def country(self) -> str:
        return self.region.country

    @classmethod
    def editor_scope(cls, municipality_ids: frozenset[int]) -> Q:
        return Q(pk__in=municipality_ids)
