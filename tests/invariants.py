"""Re-check every CheckConstraint of the portal's models against the rows in the database:
after fuzzing or a load test, no row may break a rule."""

from django.apps import apps
from django.db import models

PORTAL_APPS = ("partnerships", "events", "exchanges", "webhooks", "accounts")


def broken_invariants() -> list[str]:
    broken = []
    for app_label in PORTAL_APPS:
        for model in apps.get_app_config(app_label).get_models():
            for constraint in model._meta.constraints:
                if isinstance(constraint, models.CheckConstraint):
                    count = model._base_manager.exclude(constraint.condition).count()
                    if count:
                        broken.append(f"{constraint.name}: {count} row(s)")
    return broken
