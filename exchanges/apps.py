from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExchangesConfig(AppConfig):
    """Exchanges of people, the best-practice library, partner requests and suggestions."""

    name = "exchanges"
    verbose_name = _("Exchanges and best practices")

    def ready(self) -> None:
        from .activity import connect

        connect()
