"""Webhooks: what is sent to whom, signed how, retried when.

A change of a partnership, project or event inserts one WebhookDelivery row per interested
subscription in the same transaction as the change, so a notification exists exactly when the
change was committed. After the commit a Celery task delivers it; a failure is retried with
back-off by the sweep ``webhooks.tasks.send_due_webhooks`` (every minute, from the database,
never as a long countdown in Redis). The body is fixed at the first attempt; every attempt sends
the same body with the same ``X-Portal-Delivery`` id and an HMAC-SHA256 signature of the body
with the subscriber's secret in ``X-Portal-Signature: sha256=<hex>``.
"""

import datetime
import hashlib
import hmac
import json
import logging
import urllib.error
import urllib.request
from functools import partial

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone, translation

from accounts.roles import is_coordinator
from core.tasks import enqueue

from .choices import WebhookDeliveryStatus
from .models import WebhookDelivery, WebhookSubscription

logger = logging.getLogger(__name__)

USER_AGENT = "MemorandumPortal-Webhooks/1.0"


def _tracked():
    """kind → (model label, selector, serializer), imported lazily to keep apps independent."""
    from events.api.serializers import EventSerializer
    from events.selectors import event_list
    from partnerships.api.serializers import PartnershipSerializer, ProjectSerializer
    from partnerships.selectors import partnership_list, project_list

    return {
        "partnership": (partnership_list, PartnershipSerializer),
        "project": (project_list, ProjectSerializer),
        "event": (event_list, EventSerializer),
    }


def _visible_to(owner, instance) -> bool:
    """A subscriber hears only of what its account may read through the API."""
    if is_coordinator(owner):
        return True
    if getattr(instance, "is_public", True) is False:
        return instance.is_editable_by(owner)
    if getattr(instance, "status", None) == "draft":
        return instance.is_editable_by(owner)
    return True


def webhooks_enqueue(*, kind: str, action: str, instance) -> int:
    """Record a notification of ``kind.action`` for every interested subscription; deliver
    them once the surrounding transaction commits. Returns how many were recorded."""
    event_type = f"{kind}.{action}"
    subscriptions = [
        subscription
        for subscription in WebhookSubscription.objects.filter(is_active=True).select_related(
            "owner"
        )
        if event_type in (subscription.event_types or [])
        and _visible_to(subscription.owner, instance)
    ]
    if not subscriptions:
        return 0
    now = timezone.now()
    deliveries = WebhookDelivery.objects.bulk_create(
        WebhookDelivery(
            subscription=subscription,
            event_type=event_type,
            object_id=instance.pk,
            next_attempt_at=now,
        )
        for subscription in subscriptions
    )
    ids = [delivery.pk for delivery in deliveries]
    transaction.on_commit(partial(_deliver_later, ids))
    return len(ids)


def _deliver_later(ids: list[int]) -> None:
    from .tasks import deliver_webhook

    for delivery_id in ids:
        enqueue(deliver_webhook, delivery_id)


def build_body(delivery: WebhookDelivery) -> str:
    kind, _dot, action = delivery.event_type.partition(".")
    payload = {
        "delivery_id": str(delivery.delivery_id),
        "event": delivery.event_type,
        "occurred_at": delivery.created,
        "object": {"type": kind, "id": delivery.object_id},
    }
    if action != "deleted":
        selector, serializer_class = _tracked()[kind]
        instance = selector().filter(pk=delivery.object_id).first()
        if instance is None:
            payload["object"]["deleted"] = True
        else:
            with translation.override(settings.LANGUAGE_CODE):
                payload["data"] = serializer_class(instance).data
    return json.dumps(payload, cls=DjangoJSONEncoder, ensure_ascii=False, sort_keys=True)


def sign(secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def _post(delivery: WebhookDelivery) -> int:
    body = delivery.body.encode()
    request = urllib.request.Request(
        delivery.subscription.url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json; charset=utf-8",
            "User-Agent": USER_AGENT,
            "X-Portal-Event": delivery.event_type,
            "X-Portal-Delivery": str(delivery.delivery_id),
            "X-Portal-Signature": sign(delivery.subscription.secret, body),
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=settings.WEBHOOK_TIMEOUT_SECONDS) as reply:
            return reply.status
    except urllib.error.HTTPError as error:
        return error.code


def _retry_delay(attempts: int) -> datetime.timedelta:
    seconds = settings.WEBHOOK_RETRY_BASE_SECONDS * 2 ** max(attempts - 1, 0)
    return datetime.timedelta(seconds=min(seconds, 6 * 3600))


def webhook_deliver(*, delivery_pk: int | None = None) -> bool:
    """Claim one due delivery (that one, or the oldest due), send it, stamp it; False when
    there was nothing to claim."""
    with transaction.atomic():
        due = WebhookDelivery.objects.select_for_update(skip_locked=True, of=("self",)).filter(
            status=WebhookDeliveryStatus.PENDING, next_attempt_at__lte=timezone.now()
        )
        if delivery_pk is not None:
            due = due.filter(pk=delivery_pk)
        delivery = due.select_related("subscription").order_by("next_attempt_at", "pk").first()
        if delivery is None:
            return False
        if not delivery.body:
            delivery.body = build_body(delivery)
        delivery.attempts += 1
        try:
            status_code = _post(delivery)
            error = "" if 200 <= status_code < 300 else f"HTTP {status_code}"
        except (OSError, ValueError) as failure:  # refused, timed out, bad URL
            status_code, error = None, f"{type(failure).__name__}: {failure}"[:2000]
        delivery.last_status_code = status_code
        if not error:
            delivery.status = WebhookDeliveryStatus.DELIVERED
            delivery.delivered_at = timezone.now()
        else:
            delivery.last_error = error
            if delivery.attempts >= settings.WEBHOOK_MAX_ATTEMPTS:
                delivery.status = WebhookDeliveryStatus.FAILED
            else:
                delivery.next_attempt_at = timezone.now() + _retry_delay(delivery.attempts)
            logger.warning(
                "Webhook %s to %s failed: %s",
                delivery.delivery_id,
                delivery.subscription.url,
                error,
            )
        delivery.save()
        return True


def webhooks_send_due(*, limit: int = 500) -> int:
    sent = 0
    while sent < limit and webhook_deliver():
        sent += 1
    return sent
