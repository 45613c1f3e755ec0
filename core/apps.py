from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Shared building blocks: abstract models, choices, uploads, scoping, admin helpers."""

    name = "core"
    verbose_name = _("Portal")

    def ready(self) -> None:
        from .versioning import connect_signals

        connect_signals()
