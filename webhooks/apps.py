from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebhooksConfig(AppConfig):
    """Signed notifications to partner systems when partnerships, projects or events change."""

    name = "webhooks"
    verbose_name = _("Webhooks")

    def ready(self) -> None:
        from .signals import connect

        connect()
