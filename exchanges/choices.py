"""Named choices of the exchanges app."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ExchangeKind(models.TextChoices):
    DELEGATION_VISIT = "delegation_visit", _("delegation visit")
    YOUTH_EXCHANGE = "youth_exchange", _("youth exchange")
    INTERNSHIP = "internship", _("specialist internship")
    CULTURAL_EXCHANGE = "cultural_exchange", _("cultural exchange")
    TOURIST_GROUP = "tourist_group", _("tourist group")
    UNIVERSITY_COOPERATION = "university", _("university cooperation")


class PartnerRequestStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("partner request status", "open")
    FULFILLED = "fulfilled", pgettext_lazy("partner request status", "partner found")
    CLOSED = "closed", pgettext_lazy("partner request status", "closed")
