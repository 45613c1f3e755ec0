from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class WebhookEventType(models.TextChoices):
    PARTNERSHIP_CREATED = "partnership.created", _("partnership created")
    PARTNERSHIP_CHANGED = "partnership.changed", _("partnership changed")
    PARTNERSHIP_DELETED = "partnership.deleted", _("partnership deleted")
    PROJECT_CREATED = "project.created", _("project created")
    PROJECT_CHANGED = "project.changed", _("project changed")
    PROJECT_DELETED = "project.deleted", _("project deleted")
    EVENT_CREATED = "event.created", _("event created")
    EVENT_CHANGED = "event.changed", _("event changed")
    EVENT_DELETED = "event.deleted", _("event deleted")


class WebhookDeliveryStatus(models.TextChoices):
    PENDING = "pending", pgettext_lazy("webhook delivery", "pending")
    DELIVERED = "delivered", pgettext_lazy("webhook delivery", "delivered")
    FAILED = "failed", pgettext_lazy("webhook delivery", "failed")
