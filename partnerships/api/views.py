"""API endpoints of the partnerships app: a selector, a serializer and a filterset each."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from accounts.roles import is_coordinator
from core.api.serializers import MunicipalitySummarySerializer
from core.api.viewsets import PortalModelViewSet, PortalReadOnlyViewSet
from exchanges.suggestions import suggest_partners

from .. import selectors
from ..filtersets import (
    ActivityTypeFilterSet,
    GoalFilterSet,
    MunicipalityFilterSet,
    PartnershipFilterSet,
    ProjectFilterSet,
    RegionFilterSet,
)
from ..models import ActivityType, Goal, Party, Region, Sector
from .serializers import (
    ActivityTypeSerializer,
    GoalSerializer,
    MemorandumSerializer,
    MunicipalitySerializer,
    PartnershipSerializer,
    PartySerializer,
    ProjectSerializer,
    RegionSerializer,
    SectorSerializer,
)

TRANSLATED_NAME = ["name_ru", "name_ky", "name_en"]


class RegionViewSet(PortalReadOnlyViewSet):
    queryset = Region.objects.all()
    serializer_class = RegionSerializer
    filterset_class = RegionFilterSet
    search_fields = [*TRANSLATED_NAME, "code"]
    ordering_fields = ["name_ru", "country", "id"]


class SectorViewSet(PortalReadOnlyViewSet):
    queryset = Sector.objects.all()
    serializer_class = SectorSerializer
    search_fields = [*TRANSLATED_NAME, "code"]
    ordering_fields = ["order", "id"]


class PartyViewSet(PortalReadOnlyViewSet):
    queryset = Party.objects.all()
    serializer_class = PartySerializer
    filterset_fields = ["country"]
    search_fields = [*TRANSLATED_NAME, "code"]
    ordering_fields = ["code", "id"]


class MemorandumViewSet(PortalReadOnlyViewSet):
    queryset = selectors.memorandum_list()
    serializer_class = MemorandumSerializer
    etag_models = ("partnerships.Signatory", "partnerships.Party")
    filterset_fields = ["status"]
    search_fields = ["title_ru", "title_ky", "title_en"]
    ordering_fields = ["signed_on", "id"]


class GoalViewSet(PortalReadOnlyViewSet):
    queryset = Goal.objects.all()
    serializer_class = GoalSerializer
    filterset_class = GoalFilterSet
    ordering_fields = ["number", "id"]


class ActivityTypeViewSet(PortalReadOnlyViewSet):
    queryset = ActivityType.objects.all()
    serializer_class = ActivityTypeSerializer
    filterset_class = ActivityTypeFilterSet
    ordering_fields = ["number", "id"]


class SuggestionSerializer(serializers.Serializer):
    municipality = MunicipalitySummarySerializer()
    score = serializers.FloatField()
    shared_sectors = serializers.SerializerMethodField()
    reasons = serializers.ListField(child=serializers.CharField())

    def get_shared_sectors(self, suggestion) -> list[int]:
        return [sector.pk for sector in suggestion.shared_sectors]


class MunicipalityViewSet(PortalModelViewSet):
    queryset = selectors.municipality_list()
    serializer_class = MunicipalitySerializer
    filterset_class = MunicipalityFilterSet
    etag_models = ("partnerships.Region", "partnerships.Sector")
    search_fields = [*TRANSLATED_NAME, "official_code"]
    ordering_fields = ["name_ru", "population", "updated", "id"]

    def perform_create(self, serializer):
        # A new municipality belongs to no editor yet: only coordinators add them.
        if not is_coordinator(self.request.user):
            raise PermissionDenied()
        super().perform_create(serializer)

    @extend_schema(
        responses=SuggestionSerializer(many=True),
        summary="Partner suggestions for the municipality, best first, with reasons",
        filters=False,
    )
    @action(detail=True, methods=["get"], pagination_class=None, filterset_class=None)
    def suggestions(self, request, pk=None):
        municipality = self.get_object()
        return Response(
            SuggestionSerializer(suggest_partners(municipality=municipality), many=True).data
        )


class PartnershipViewSet(PortalModelViewSet):
    queryset = selectors.partnership_list()
    serializer_class = PartnershipSerializer
    filterset_class = PartnershipFilterSet
    etag_models = (
        "partnerships.Municipality",
        "events.Event",
        "exchanges.Exchange",
        "partnerships.Project",
    )
    search_fields = [
        f"municipality_{side}__name_{language}" for side in "ab" for language in ("ru", "ky", "en")
    ]
    ordering_fields = ["signed_on", "status", "updated", "id"]

    def base_queryset(self):
        # Health is measured from today: annotated per request, not once when the module loads.
        return selectors.partnership_list()


class ProjectViewSet(PortalModelViewSet):
    queryset = selectors.project_list()
    serializer_class = ProjectSerializer
    filterset_class = ProjectFilterSet
    etag_models = (
        "partnerships.ProjectParticipation",
        "partnerships.Municipality",
        "partnerships.Partnership",
    )
    search_fields = ["title_ru", "title_ky", "title_en"]
    ordering_fields = ["starts_on", "updated", "id"]
