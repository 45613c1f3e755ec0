"""Portal users: coordinators of the parties and editors of municipalities."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.choices import Language


class User(AbstractUser):
    """A person who signs in: staff of the Agency or the Union, or a municipality's editor.

    The municipalities an editor may change are ``Municipality.editors`` (``edited_municipalities``
    here); the role comes from the group (accounts.roles).
    """

    preferred_language = models.CharField(
        _("preferred language"), max_length=8, choices=Language.choices, default=Language.RUSSIAN
    )
    position = models.CharField(_("position"), max_length=255, blank=True)

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")
