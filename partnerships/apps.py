from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnershipsConfig(AppConfig):
    """The registry: regions, municipalities, parties, the memorandum, links and joint projects."""

    name = "partnerships"
    verbose_name = _("Partnerships")
