from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Staff and editor accounts, and the two roles (Coordinators, Municipality editors)."""

    name = "accounts"
    verbose_name = _("Accounts and roles")

    def ready(self) -> None:
        from .roles import sync_role_permissions_after_migrate

        # Runs after every `migrate`, so a model added later gets its permissions in the roles.
        post_migrate.connect(sync_role_permissions_after_migrate, dispatch_uid="accounts.roles")
