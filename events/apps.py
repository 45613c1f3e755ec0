from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    """Meetings of the parties and municipalities, working groups, participants, reminders."""

    name = "events"
    verbose_name = _("Events")
