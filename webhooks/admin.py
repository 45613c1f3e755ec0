from django import forms
from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.admin import PortalModelAdmin
from core.tasks import enqueue

from .choices import WebhookDeliveryStatus, WebhookEventType
from .models import WebhookDelivery, WebhookSubscription


class WebhookSubscriptionForm(forms.ModelForm):
    event_types = forms.MultipleChoiceField(
        label=_("kinds of change"),
        choices=WebhookEventType.choices,
        widget=forms.CheckboxSelectMultiple,
    )


@admin.register(WebhookSubscription)
class WebhookSubscriptionAdmin(PortalModelAdmin):
    form = WebhookSubscriptionForm
    list_display = ("name", "url", "owner", "is_active", "created")
    list_filter = ("is_active",)
    search_fields = ("name", "url")
    autocomplete_fields = ("owner",)


@admin.action(description=_("Send again"))
def redeliver(modeladmin, request, queryset):
    queryset.update(status=WebhookDeliveryStatus.PENDING, next_attempt_at=timezone.now())
    from .tasks import send_due_webhooks

    enqueue(send_due_webhooks)


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(PortalModelAdmin):
    list_display = (
        "event_type",
        "object_id",
        "subscription",
        "status",
        "attempts",
        "last_status_code",
        "created",
        "delivered_at",
        "next_attempt_at",
    )
    list_filter = ("status", "event_type", "subscription")
    search_fields = ("delivery_id",)
    readonly_fields = [field.name for field in WebhookDelivery._meta.fields]
    actions = (redeliver,)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
