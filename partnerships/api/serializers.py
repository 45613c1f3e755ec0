"""API representations of the partnerships app."""

from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import NullIf
from django.utils.translation import gettext as _
from rest_framework import serializers

from accounts.roles import is_coordinator
from core.api.serializers import (
    MunicipalitySummarySerializer,
    PortalModelSerializer,
    SummarySerializer,
)

from .. import services
from ..choices import Health, ProjectRole
from ..models import (
    ActivityType,
    Goal,
    Memorandum,
    Municipality,
    Partnership,
    Party,
    Project,
    Region,
    Sector,
    Signatory,
)
from ..selectors import NO_ACTIVITY


class RegionSerializer(PortalModelSerializer):
    class Meta:
        model = Region
        fields = ["id", "country", "kind", "name", "code", "federal_district", "updated"]


class SectorSerializer(PortalModelSerializer):
    class Meta:
        model = Sector
        fields = ["id", "code", "name", "order"]


class PartySerializer(PortalModelSerializer):
    class Meta:
        model = Party
        fields = [
            "id",
            "code",
            "name",
            "abbreviation",
            "country",
            "website",
            "description",
            "updated",
        ]


class SignatorySerializer(PortalModelSerializer):
    party = SummarySerializer(read_only=True)

    class Meta:
        model = Signatory
        fields = ["party", "person_name", "position"]


class ClauseSerializer(PortalModelSerializer):
    class Meta:
        fields = ["id", "memorandum", "number", "short_name", "text"]


class GoalSerializer(ClauseSerializer):
    class Meta(ClauseSerializer.Meta):
        model = Goal


class ActivityTypeSerializer(ClauseSerializer):
    class Meta(ClauseSerializer.Meta):
        model = ActivityType


class MemorandumSerializer(PortalModelSerializer):
    signatories = SignatorySerializer(many=True, read_only=True)
    languages = serializers.ListField(
        child=serializers.ChoiceField(choices=["ru", "ky", "en"]), required=False
    )

    class Meta:
        model = Memorandum
        fields = [
            "id",
            "slug",
            "title",
            "subject",
            "text",
            "signed_on",
            "place",
            "languages",
            "status",
            "valid_until",
            "signatories",
            "updated",
        ]


class MunicipalitySerializer(PortalModelSerializer):
    region_summary = SummarySerializer(source="region", read_only=True)
    country = serializers.CharField(source="region.country", read_only=True)
    emblem = serializers.ImageField(read_only=True)

    # Identity and association are the coordinators' to change, not the editors'.
    COORDINATOR_ONLY = ("kind", "region", "official_code", "association")

    class Meta:
        model = Municipality
        fields = [
            "id",
            "kind",
            "region",
            "region_summary",
            "country",
            "name",
            "description",
            "official_code",
            "population",
            "population_year",
            "area_km2",
            "latitude",
            "longitude",
            "timezone",
            "website",
            "email",
            "phone",
            "head_name",
            "head_title",
            "liaison_name",
            "liaison_email",
            "liaison_phone",
            "emblem",
            "sectors",
            "seeking_partners",
            "partner_wishes",
            "association",
            "created",
            "updated",
        ]

    def scope_municipality_ids(self, attrs):
        return {self.instance.pk} if self.instance is not None else set()

    def validate(self, attrs):
        request = self.context.get("request")
        if request is not None and not is_coordinator(request.user) and self.instance:
            changed = [
                name
                for name in self.COORDINATOR_ONLY
                if name in attrs and attrs[name] != getattr(self.instance, name)
            ]
            if changed:
                raise serializers.ValidationError(
                    {name: [_("Only coordinators may change this.")] for name in changed}
                )
        return super().validate(attrs)


class PartnershipSerializer(PortalModelSerializer):
    municipality_a_summary = MunicipalitySummarySerializer(source="municipality_a", read_only=True)
    municipality_b_summary = MunicipalitySummarySerializer(source="municipality_b", read_only=True)
    health = serializers.ChoiceField(choices=Health.choices, read_only=True)
    last_activity_on = serializers.SerializerMethodField()

    class Meta:
        model = Partnership
        fields = [
            "id",
            "municipality_a",
            "municipality_a_summary",
            "municipality_b",
            "municipality_b_summary",
            "kind",
            "status",
            "proposed_on",
            "negotiations_started_on",
            "signed_on",
            "signed_on_precision",
            "suspended_on",
            "terminated_on",
            "title",
            "description",
            "sectors",
            "source",
            "health",
            "last_activity_on",
            "created",
            "updated",
        ]

    # Lists written by the database (core.api.json_rows).
    json_sql = {
        "last_activity_on": lambda prefix: NullIf(
            F(prefix + "last_activity_on"), Value(NO_ACTIVITY)
        )
    }

    def get_last_activity_on(self, partnership) -> str | None:
        value = getattr(partnership, "last_activity_on", None)
        return None if value in (None, NO_ACTIVITY) else value.isoformat()

    def scope_municipality_ids(self, attrs):
        a = attrs.get("municipality_a", getattr(self.instance, "municipality_a", None))
        b = attrs.get("municipality_b", getattr(self.instance, "municipality_b", None))
        return {m.pk for m in (a, b) if m is not None}


class ParticipationSerializer(serializers.Serializer):
    municipality = serializers.PrimaryKeyRelatedField(queryset=Municipality.objects.all())
    municipality_summary = MunicipalitySummarySerializer(source="municipality", read_only=True)
    role = serializers.ChoiceField(choices=ProjectRole.choices, default=ProjectRole.PARTNER)


class ProjectSerializer(PortalModelSerializer):
    participations = ParticipationSerializer(many=True, required=False)
    partnership_summary = SummarySerializer(source="partnership", read_only=True, allow_null=True)

    class Meta:
        model = Project
        fields = [
            "id",
            "title",
            "summary",
            "results",
            "kind",
            "status",
            "partnership",
            "partnership_summary",
            "starts_on",
            "ends_on",
            "budget",
            "currency",
            "participations",
            "goals",
            "activity_types",
            "sectors",
            "is_demo",
            "created",
            "updated",
        ]

    def validate_participations(self, participations):
        # In a PATCH nested fields are optional too; a participation still needs its municipality.
        if any("municipality" not in p for p in participations):
            raise serializers.ValidationError(_("Give the municipality of each participation."))
        for participation in participations:
            participation.setdefault("role", ProjectRole.PARTNER)
        municipalities = [p["municipality"].pk for p in participations]
        if len(municipalities) != len(set(municipalities)):
            raise serializers.ValidationError(
                _("A municipality takes part in a project only once.")
            )
        if sum(1 for p in participations if p["role"] == ProjectRole.LEAD) > 1:
            raise serializers.ValidationError(_("A project has only one lead partner."))
        return participations

    def scope_municipality_ids(self, attrs):
        if "participations" in attrs:
            return {p["municipality"].pk for p in attrs["participations"]}
        if self.instance is not None:
            return set(self.instance.participations.values_list("municipality_id", flat=True))
        return set()

    @transaction.atomic
    def create(self, validated_data):
        participations = validated_data.pop("participations", [])
        project = super().create(validated_data)
        services.project_set_participations(project=project, participations=participations)
        return project

    @transaction.atomic
    def update(self, instance, validated_data):
        participations = validated_data.pop("participations", None)
        project = super().update(instance, validated_data)
        if participations is not None:
            services.project_set_participations(project=project, participations=participations)
        return project
