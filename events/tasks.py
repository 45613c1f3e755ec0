"""Celery tasks of the events app: thin wrappers around events.reminders."""

import time

from celery import shared_task
from django.conf import settings

from .reminders import reminders_sweep


@shared_task(name="events.tasks.send_due_reminders", ignore_result=True)
def send_due_reminders() -> dict:
    """Plan and send every reminder and notice that is due (run every minute by beat).

    Safe to run in several workers at once and to repeat: see events.reminders. It stops well
    before the soft time limit; what is left is sent by the next run.
    """
    deadline = time.monotonic() + settings.CELERY_TASK_SOFT_TIME_LIMIT * 0.8
    return reminders_sweep(deadline=deadline).as_dict()
