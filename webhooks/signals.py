"""Changes of partnerships, projects and events become webhook notifications."""

from django.db.models.signals import post_delete, post_save

TRACKED = {
    "partnerships.Partnership": "partnership",
    "partnerships.Project": "project",
    "events.Event": "event",
}


def _saved(sender, instance, created, raw=False, **kwargs):
    if raw:  # loading fixtures is not a change partner systems need to hear of
        return
    from .services import webhooks_enqueue

    webhooks_enqueue(
        kind=TRACKED[sender._meta.label],
        action="created" if created else "changed",
        instance=instance,
    )


def _deleted(sender, instance, **kwargs):
    from .services import webhooks_enqueue

    webhooks_enqueue(kind=TRACKED[sender._meta.label], action="deleted", instance=instance)


def connect() -> None:
    from django.apps import apps

    for label in TRACKED:
        model = apps.get_model(label)
        post_save.connect(_saved, sender=model, dispatch_uid=f"webhooks-save-{label}")
        post_delete.connect(_deleted, sender=model, dispatch_uid=f"webhooks-delete-{label}")
