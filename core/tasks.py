"""Enqueueing Celery tasks without making a request depend on the broker."""

import logging

from kombu.exceptions import OperationalError

logger = logging.getLogger(__name__)


def enqueue(task, *args, **kwargs) -> bool:
    """Send ``task`` to the broker now; if Redis cannot be reached, log it and go on.

    Only work that a beat sweep also finds in the database is enqueued this way (reminders,
    webhook deliveries), so a message lost while Redis is down is done by the next sweep after
    it returns, and the request that triggered it still succeeds.
    """
    try:
        task.apply_async(args=args, kwargs=kwargs, retry=False)
    except (OperationalError, ConnectionError, OSError) as error:
        logger.warning("Broker unavailable, %s left to the periodic sweep: %s", task.name, error)
        return False
    return True
