"""Celery tasks of the webhooks app: thin wrappers around webhooks.services."""

from celery import shared_task

from .services import webhook_deliver, webhooks_send_due


@shared_task(name="webhooks.tasks.deliver_webhook", ignore_result=True)
def deliver_webhook(delivery_pk: int) -> bool:
    """Deliver one notification right after the change committed (retries: see below)."""
    return webhook_deliver(delivery_pk=delivery_pk)


@shared_task(name="webhooks.tasks.send_due_webhooks", ignore_result=True)
def send_due_webhooks() -> int:
    """Every minute (beat): deliver notifications whose retry time has come."""
    return webhooks_send_due()
