"""API representations of the exchanges app."""

from django.utils.translation import gettext as _
from rest_framework import serializers

from core.api.serializers import MunicipalitySummarySerializer, PortalModelSerializer

from ..choices import PartnerRequestStatus
from ..models import Adoption, BestPractice, Exchange, PartnerRequest, PartnerRequestAnswer


class ExchangeSerializer(PortalModelSerializer):
    sending_municipality_summary = MunicipalitySummarySerializer(
        source="sending_municipality", read_only=True
    )
    hosting_municipality_summary = MunicipalitySummarySerializer(
        source="hosting_municipality", read_only=True
    )

    class Meta:
        model = Exchange
        fields = [
            "id",
            "kind",
            "title",
            "programme",
            "outcomes",
            "sending_municipality",
            "sending_municipality_summary",
            "hosting_municipality",
            "hosting_municipality_summary",
            "starts_on",
            "ends_on",
            "participants_count",
            "youth_count",
            "partnership",
            "event",
            "project",
            "goals",
            "activity_types",
            "sectors",
            "is_public",
            "is_demo",
            "created",
            "updated",
        ]

    def scope_municipality_ids(self, attrs):
        sides = [
            attrs.get(name, getattr(self.instance, name, None))
            for name in ("sending_municipality", "hosting_municipality")
        ]
        return {m.pk for m in sides if m is not None}


class AdoptionSerializer(PortalModelSerializer):
    municipality_summary = MunicipalitySummarySerializer(source="municipality", read_only=True)

    class Meta:
        model = Adoption
        fields = ["municipality", "municipality_summary", "adopted_on", "result"]


class BestPracticeSerializer(PortalModelSerializer):
    municipality_summary = MunicipalitySummarySerializer(source="municipality", read_only=True)
    adoptions = AdoptionSerializer(many=True, read_only=True)

    class Meta:
        model = BestPractice
        fields = [
            "id",
            "municipality",
            "municipality_summary",
            "sector",
            "title",
            "summary",
            "body",
            "is_published",
            "published_on",
            "adoptions",
            "is_demo",
            "created",
            "updated",
        ]

    def scope_municipality_ids(self, attrs):
        municipality = attrs.get("municipality", getattr(self.instance, "municipality", None))
        return {municipality.pk} if municipality else set()


class PartnerRequestSerializer(PortalModelSerializer):
    municipality_summary = MunicipalitySummarySerializer(source="municipality", read_only=True)
    answer_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = PartnerRequest
        fields = [
            "id",
            "municipality",
            "municipality_summary",
            "title",
            "purpose",
            "sectors",
            "country",
            "population_min",
            "population_max",
            "valid_until",
            "status",
            "closed_on",
            "contact_name",
            "contact_email",
            "answer_count",
            "is_demo",
            "created",
            "updated",
        ]

    def scope_municipality_ids(self, attrs):
        municipality = attrs.get("municipality", getattr(self.instance, "municipality", None))
        return {municipality.pk} if municipality else set()


class PartnerRequestAnswerSerializer(PortalModelSerializer):
    municipality_summary = MunicipalitySummarySerializer(source="municipality", read_only=True)

    class Meta:
        model = PartnerRequestAnswer
        fields = [
            "id",
            "request",
            "municipality",
            "municipality_summary",
            "message",
            "contact_name",
            "contact_email",
            "partnership",
            "created",
        ]
        read_only_fields = ["request"]

    def validate(self, attrs):
        partner_request = self.context.get("partner_request")
        if partner_request is not None:
            if partner_request.status != PartnerRequestStatus.OPEN:
                raise serializers.ValidationError(
                    {"non_field_errors": [_("This request is no longer open.")]}
                )
            attrs["request"] = partner_request
        return super().validate(attrs)

    def scope_municipality_ids(self, attrs):
        municipality = attrs.get("municipality")
        return {municipality.pk} if municipality else set()
