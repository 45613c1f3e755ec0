"""The portal's two roles and what each may do.

Coordinators (Agency and Union staff) keep the whole registry. Municipality editors keep the
records of the municipalities they are linked to (``Municipality.editors``); which rows those are
is decided in core.scoping. The groups are created by a migration (accounts 0002); their
permissions are kept equal to the tables below after every ``migrate``.
"""

from django.db.models import Q

COORDINATORS = "Coordinators"
MUNICIPALITY_EDITORS = "Municipality editors"

# Coordinators hold every permission of these apps...
COORDINATOR_APPS = (
    "partnerships",
    "events",
    "exchanges",
    "webhooks",
    "django_celery_beat",
    "authtoken",
)
# ...and these single permissions (they manage accounts but cannot grant superuser status).
COORDINATOR_EXTRA = (
    "accounts.view_user",
    "accounts.add_user",
    "accounts.change_user",
    "auth.view_group",
)

# Editors: read the reference data, change their own municipality's records. A permission of a
# model not installed yet is skipped and granted by the migrate that installs it.
EDITOR_PERMISSIONS = (
    "partnerships.view_region",
    "partnerships.view_sector",
    "partnerships.view_party",
    "partnerships.view_memorandum",
    "partnerships.view_goal",
    "partnerships.view_activitytype",
    "partnerships.view_municipality",
    "partnerships.change_municipality",
    "partnerships.view_partnership",
    "partnerships.add_partnership",
    "partnerships.change_partnership",
    "partnerships.view_partnershipdocument",
    "partnerships.add_partnershipdocument",
    "partnerships.change_partnershipdocument",
    "partnerships.delete_partnershipdocument",
    "partnerships.view_project",
    "partnerships.add_project",
    "partnerships.change_project",
    "partnerships.delete_project",
    "partnerships.view_projectparticipation",
    "partnerships.add_projectparticipation",
    "partnerships.change_projectparticipation",
    "partnerships.delete_projectparticipation",
    "partnerships.view_projectdocument",
    "partnerships.add_projectdocument",
    "partnerships.change_projectdocument",
    "partnerships.delete_projectdocument",
    "events.view_event",
    "events.add_event",
    "events.change_event",
    "events.view_agendaitem",
    "events.add_agendaitem",
    "events.change_agendaitem",
    "events.delete_agendaitem",
    "events.view_participant",
    "events.add_participant",
    "events.change_participant",
    "events.delete_participant",
    "events.view_eventdocument",
    "events.add_eventdocument",
    "events.change_eventdocument",
    "events.delete_eventdocument",
    "events.view_resolution",
    "events.add_resolution",
    "events.change_resolution",
    "events.view_workinggroup",
    "events.view_reminderdelivery",
    "events.view_consenttext",
    "exchanges.view_exchange",
    "exchanges.add_exchange",
    "exchanges.change_exchange",
    "exchanges.view_exchangedocument",
    "exchanges.add_exchangedocument",
    "exchanges.change_exchangedocument",
    "exchanges.delete_exchangedocument",
    "exchanges.view_bestpractice",
    "exchanges.add_bestpractice",
    "exchanges.change_bestpractice",
    "exchanges.view_bestpracticedocument",
    "exchanges.add_bestpracticedocument",
    "exchanges.change_bestpracticedocument",
    "exchanges.delete_bestpracticedocument",
    "exchanges.view_adoption",
    "exchanges.add_adoption",
    "exchanges.change_adoption",
    "exchanges.delete_adoption",
    "exchanges.view_partnerrequest",
    "exchanges.add_partnerrequest",
    "exchanges.change_partnerrequest",
    "exchanges.view_partnerrequestanswer",
    "exchanges.add_partnerrequestanswer",
    "exchanges.change_partnerrequestanswer",
)


def is_coordinator(user) -> bool:
    """Superusers and members of the Coordinators group; cached on the user object."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    cached = getattr(user, "_portal_is_coordinator", None)
    if cached is None:
        cached = user.is_superuser or user.groups.filter(name=COORDINATORS).exists()
        user._portal_is_coordinator = cached
    return cached


def editor_municipality_ids(user) -> frozenset[int]:
    """Ids of the municipalities this user edits; cached on the user object."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    cached = getattr(user, "_portal_municipality_ids", None)
    if cached is None:
        cached = frozenset(user.edited_municipalities.values_list("pk", flat=True))
        user._portal_municipality_ids = cached
    return cached


def sync_role_permissions() -> None:
    """Make both groups hold exactly the permissions of the tables above."""
    from django.contrib.auth.models import Group, Permission

    coordinators, _ = Group.objects.get_or_create(name=COORDINATORS)
    editors, _ = Group.objects.get_or_create(name=MUNICIPALITY_EDITORS)

    coordinator_q = Q(content_type__app_label__in=COORDINATOR_APPS)
    for dotted in COORDINATOR_EXTRA:
        app_label, codename = dotted.split(".")
        coordinator_q |= Q(content_type__app_label=app_label, codename=codename)
    coordinators.permissions.set(Permission.objects.filter(coordinator_q))

    editor_q = Q(pk__in=[])
    for dotted in EDITOR_PERMISSIONS:
        app_label, codename = dotted.split(".")
        editor_q |= Q(content_type__app_label=app_label, codename=codename)
    editors.permissions.set(Permission.objects.filter(editor_q))


def sync_role_permissions_after_migrate(sender, using="default", **kwargs) -> None:
    """post_migrate fires once per app; act once, after making every app's permissions exist."""
    if sender.name != "accounts":
        return
    from django.apps import apps
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0, using=using)
    sync_role_permissions()
