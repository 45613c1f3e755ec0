"""The Celery application: reads CELERY_* settings from Django settings."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "memorandum_portal.settings.local")

app = Celery("memorandum_portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
