"""Webhook subscriptions of partner systems and the log of what was delivered to them."""

import secrets
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel

from .choices import WebhookDeliveryStatus, WebhookEventType


def new_secret() -> str:
    return secrets.token_hex(32)


class WebhookSubscription(TimeStampedModel):
    """A partner system's URL and the kinds of change it wants to hear about. Each body sent is
    signed with ``secret`` (HMAC-SHA256), so the receiver can check it came from the portal."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="webhook_subscriptions",
        verbose_name=_("owner"),
        help_text=_("The partner system's account: it receives what this user may read."),
    )
    name = models.CharField(_("name"), max_length=255)
    url = models.URLField(_("URL"), max_length=500)
    secret = models.CharField(_("secret"), max_length=128, default=new_secret)
    event_types = models.JSONField(_("kinds of change"), default=list)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("webhook subscription")
        verbose_name_plural = _("webhook subscriptions")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        unknown = set(self.event_types or []) - set(WebhookEventType.values)
        if not isinstance(self.event_types, list) or unknown:
            raise ValidationError({"event_types": _("Choose kinds of change from the list.")})


class WebhookDelivery(models.Model):
    """One notification to one subscriber. ``delivery_id`` is sent along, so a receiver can
    ignore a repeat; the body is fixed at the first attempt and re-sent unchanged on retries."""

    delivery_id = models.UUIDField(
        _("delivery id"), default=uuid.uuid4, unique=True, editable=False
    )
    subscription = models.ForeignKey(
        WebhookSubscription,
        on_delete=models.CASCADE,
        related_name="deliveries",
        verbose_name=_("subscription"),
    )
    event_type = models.CharField(
        _("kind of change"), max_length=32, choices=WebhookEventType.choices
    )
    object_id = models.BigIntegerField(_("record id"))
    body = models.TextField(_("body sent"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=WebhookDeliveryStatus.choices,
        default=WebhookDeliveryStatus.PENDING,
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt at"))
    last_status_code = models.PositiveSmallIntegerField(
        _("last HTTP status"), null=True, blank=True
    )
    last_error = models.TextField(_("last error"), blank=True)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        ordering = ["-created"]
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                condition=Q(status=WebhookDeliveryStatus.PENDING),
                name="webhook_pending_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.event_type} → {self.subscription}"
