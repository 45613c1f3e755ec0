"""Choices shared by every app."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Country(models.TextChoices):
    """ISO 3166-1 alpha-2 codes of the countries the portal covers; add a member to add one."""

    KYRGYZSTAN = "KG", _("Kyrgyzstan")
    RUSSIA = "RU", _("Russia")


class Language(models.TextChoices):
    """The portal's languages (also what a participant may prefer for e-mails)."""

    RUSSIAN = "ru", _("Russian")
    KYRGYZ = "ky", _("Kyrgyz")
    ENGLISH = "en", _("English")


class Currency(models.TextChoices):
    """Currencies of budgets (ISO 4217)."""

    RUB = "RUB", pgettext_lazy("currency", "Russian rouble")
    KGS = "KGS", pgettext_lazy("currency", "Kyrgyz som")
    USD = "USD", pgettext_lazy("currency", "US dollar")
    EUR = "EUR", pgettext_lazy("currency", "Euro")


class DatePrecision(models.TextChoices):
    """How much of a recorded date a source actually gave (many agreements give only a year)."""

    DAY = "day", _("exact day")
    MONTH = "month", _("month only")
    YEAR = "year", _("year only")


def labels_of(choices: type[models.Choices]) -> dict[str, str]:
    """The choices' values and their labels in the active language, as plain text: for list
    pages that read their rows as values and write a label for each."""
    return {value: str(label) for value, label in choices.choices}
