"""Organisations that sign memoranda, and the memoranda they sign."""

from django.db import models
from django.db.models import F, Q, TextField
from django.db.models.functions import Coalesce, NullIf
from django.utils.translation import gettext_lazy as _

from core import json_sql
from core.choices import Country, Language
from core.models import TimeStampedModel
from core.uploads import document_upload_to, validate_document

from ..choices import MemorandumStatus

__all__ = ["Memorandum", "Party", "Signatory"]


class Party(TimeStampedModel):
    """An organisation that signs memoranda: the Kyrgyz State Agency for Local Self-Government and
    Interethnic Relations, the Union of Russian Cities, and later others."""

    code = models.SlugField(
        _("code"), max_length=32, unique=True, help_text=_("Short stable identifier, e.g. URC.")
    )
    name = models.CharField(_("name"), max_length=500)
    abbreviation = models.CharField(_("abbreviation"), max_length=32, blank=True)
    country = models.CharField(_("country"), max_length=2, choices=Country.choices)
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)
    source = models.TextField(_("sources"), blank=True)

    class Meta:
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        ordering = ["country", "code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(country__regex=r"^[A-Z]{2}$"),
                name="%(app_label)s_%(class)s_country_iso",
                violation_error_message=_("The country must be an ISO 3166-1 alpha-2 code."),
            ),
        ]

    def __str__(self) -> str:
        return self.abbreviation or self.name

    @classmethod
    def text_sql(cls, prefix: str = ""):
        """``__str__`` in SQL, for lists the database writes (core.api.json_rows)."""
        abbreviation = json_sql.translated(cls, "abbreviation", prefix)
        name = json_sql.translated(cls, "name", prefix)
        return Coalesce(NullIf(abbreviation, json_sql.text("")), name, output_field=TextField())


class Memorandum(TimeStampedModel):
    """A signed framework document between parties, such as the Memorandum of Cooperation of
    12 July 2017 between the Agency and the Union of Russian Cities."""

    slug = models.SlugField(_("identifier"), max_length=64, unique=True)
    title = models.CharField(_("title"), max_length=500)
    subject = models.TextField(_("subject"), blank=True)
    text = models.TextField(_("full text"), blank=True)
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    place = models.CharField(_("place of signing"), max_length=255, blank=True)
    languages = models.JSONField(
        _("languages of the signed text"),
        default=list,
        blank=True,
        help_text=_('Language codes of the authentic texts, e.g. ["ky", "ru"].'),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=MemorandumStatus.choices, default=MemorandumStatus.DRAFT
    )
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    file = models.FileField(
        _("signed copy"),
        upload_to=document_upload_to,
        validators=[validate_document],
        blank=True,
        max_length=255,
    )
    parties = models.ManyToManyField(
        Party, through="Signatory", related_name="memoranda", verbose_name=_("parties")
    )

    class Meta:
        verbose_name = _("memorandum")
        verbose_name_plural = _("memoranda")
        ordering = ["-signed_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True)
                | Q(signed_on__isnull=True)
                | Q(valid_until__gte=F("signed_on")),
                name="%(app_label)s_%(class)s_valid_after_signing",
                violation_error_message=_("A memorandum cannot expire before it is signed."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def language_labels(self) -> list[str]:
        labels = dict(Language.choices)
        return [str(labels.get(code, code)) for code in self.languages]


class Signatory(models.Model):
    """Who signed a memorandum for a party, and in what position."""

    memorandum = models.ForeignKey(
        Memorandum,
        on_delete=models.CASCADE,
        related_name="signatories",
        verbose_name=_("memorandum"),
    )
    # A party that signed something cannot disappear from the record of it.
    party = models.ForeignKey(
        Party, on_delete=models.PROTECT, related_name="signatures", verbose_name=_("party")
    )
    person_name = models.CharField(_("signed by"), max_length=255)
    position = models.CharField(_("position"), max_length=500, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("signatory")
        verbose_name_plural = _("signatories")
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["memorandum", "party"],
                name="%(app_label)s_%(class)s_one_per_party",
                violation_error_message=_("This party already has a signatory on this memorandum."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_name} ({self.party})"
