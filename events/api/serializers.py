"""API representations of the events app. Personal data (participants' names and e-mails)
appears only in the participants endpoint, which only coordinators and organisers reach."""

import json

from django.conf import settings
from django.db.models import F, JSONField, TextField
from django.db.models.functions import Cast
from rest_framework import serializers

from core import json_sql
from core.api.serializers import (
    MunicipalitySummarySerializer,
    PortalModelSerializer,
    SummarySerializer,
)
from events.forms import format_offsets

from ..models import AgendaItem, Event, Participant, WorkingGroup


class AgendaItemSerializer(PortalModelSerializer):
    class Meta:
        model = AgendaItem
        fields = ["order", "starts_at", "title", "speaker"]


def _reminder_times_sql(prefix: str):
    """get_reminder_times in SQL: the effective reminder offsets (none when reminders are off;
    the portal's default when the event sets none), distinct, largest first, each in the
    largest whole unit (format_offsets)."""
    return json_sql.Template(
        "CASE WHEN NOT {enabled} THEN '' ELSE COALESCE((SELECT string_agg(CASE "
        "WHEN o.minutes %% 1440 = 0 THEN (o.minutes / 1440) || 'd' "
        "WHEN o.minutes %% 60 = 0 THEN (o.minutes / 60) || 'h' "
        "ELSE o.minutes || 'm' END, ', ' ORDER BY o.minutes DESC) FROM (SELECT DISTINCT "
        "value::int AS minutes FROM jsonb_array_elements_text(COALESCE({offsets}, {default}))) o"
        "), '') END",
        enabled=F(prefix + "reminders_enabled"),
        offsets=F(prefix + "reminder_offsets"),
        default=Cast(json_sql.text(json.dumps(settings.EVENT_REMINDER_OFFSETS)), JSONField()),
    )


def _ical_uid_sql(prefix: str):
    """Event.ical_uid in SQL."""
    return json_sql.concat(
        json_sql.text("event-"),
        Cast(F(prefix + "pk"), TextField()),
        json_sql.text(f"@{settings.PORTAL_DOMAIN}"),
    )


class EventSerializer(PortalModelSerializer):
    host_municipality_summary = MunicipalitySummarySerializer(
        source="host_municipality", read_only=True, allow_null=True
    )
    working_group_summary = SummarySerializer(
        source="working_group", read_only=True, allow_null=True
    )
    agenda = AgendaItemSerializer(source="agenda_items", many=True, read_only=True)
    participant_count = serializers.IntegerField(read_only=True)
    ical_uid = serializers.CharField(read_only=True)
    reminder_times = serializers.SerializerMethodField()

    class Meta:
        model = Event
        fields = [
            "id",
            "kind",
            "title",
            "description",
            "outcomes",
            "status",
            "starts_at",
            "ends_at",
            "timezone",
            "venue",
            "host_municipality",
            "host_municipality_summary",
            "online_url",
            "organising_parties",
            "organising_municipalities",
            "working_group",
            "working_group_summary",
            "partnership",
            "project",
            "goals",
            "activity_types",
            "is_public",
            "reminders_enabled",
            "reminder_offsets",
            "reminder_times",
            "reminder_note",
            "agenda",
            "participant_count",
            "ical_uid",
            "sequence",
            "is_demo",
            "created",
            "updated",
        ]
        read_only_fields = ["sequence"]

    # Lists written by the database (core.api.json_rows).
    json_sql = {"reminder_times": _reminder_times_sql, "ical_uid": _ical_uid_sql}

    def get_reminder_times(self, event) -> str:
        return format_offsets(event.effective_reminder_offsets)

    def validate_reminder_offsets(self, value):
        if value is not None and (
            not isinstance(value, list)
            or not all(isinstance(m, int) and not isinstance(m, bool) and m > 0 for m in value)
        ):
            raise serializers.ValidationError("Give reminder times as positive numbers of minutes.")
        return value

    def scope_municipality_ids(self, attrs):
        host = attrs.get("host_municipality", getattr(self.instance, "host_municipality", None))
        if "organising_municipalities" in attrs:
            organisers = {m.pk for m in attrs["organising_municipalities"]}
        elif self.instance is not None:
            organisers = set(self.instance.organising_municipalities.values_list("pk", flat=True))
        else:
            organisers = set()
        return organisers | ({host.pk} if host else set())


class WorkingGroupSerializer(PortalModelSerializer):
    meeting_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = WorkingGroup
        fields = ["id", "name", "description", "parties", "is_active", "meeting_count", "updated"]


class ParticipantSerializer(PortalModelSerializer):
    municipality_summary = MunicipalitySummarySerializer(
        source="municipality", read_only=True, allow_null=True
    )
    consent = serializers.BooleanField(
        write_only=True,
        required=False,
        help_text="The participant agreed to the processing of personal data (required with "
        "an e-mail).",
    )
    consent_version = serializers.CharField(
        source="consent_text.version", read_only=True, default=None
    )

    class Meta:
        model = Participant
        fields = [
            "id",
            "name",
            "email",
            "organisation",
            "municipality",
            "municipality_summary",
            "role",
            "preferred_language",
            "timezone",
            "attendance",
            "consent",
            "consent_version",
            "consent_given_at",
            "erased_at",
            "created",
            "updated",
        ]
        read_only_fields = ["consent_given_at", "erased_at"]

    def validate(self, attrs):
        # The event comes from the URL (events/{id}/participants/), not from the body.
        if self.instance is None and "event" in self.context:
            attrs["event"] = self.context["event"]
        return super().validate(attrs)
