"""The weekly digest's delivery log: one row per coordinator and week."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["DigestDelivery"]


class DigestDelivery(models.Model):
    """That a coordinator's digest for a week went out. The row is created and locked before the
    e-mail is sent and committed after, so a repeated or redelivered weekly task sends nobody a
    second digest for the same week."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="digests",
        verbose_name=_("recipient"),
    )
    week = models.DateField(_("week starting"))
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("weekly digest")
        verbose_name_plural = _("weekly digests")
        ordering = ["-week"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "week"], name="%(app_label)s_%(class)s_once_a_week"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.recipient} {self.week}"
