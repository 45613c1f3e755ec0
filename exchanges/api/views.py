"""API endpoints of the exchanges app, and the goals report as JSON."""

from django.db import transaction
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api.viewsets import PortalModelViewSet
from core.choices import Country

from .. import selectors
from ..filtersets import BestPracticeFilterSet, ExchangeFilterSet, PartnerRequestFilterSet
from ..models import PartnerRequestAnswer
from .serializers import (
    BestPracticeSerializer,
    ExchangeSerializer,
    PartnerRequestAnswerSerializer,
    PartnerRequestSerializer,
)


class ExchangeViewSet(PortalModelViewSet):
    queryset = selectors.exchange_list()
    serializer_class = ExchangeSerializer
    filterset_class = ExchangeFilterSet
    etag_models = ("partnerships.Municipality",)
    search_fields = ["title_ru", "title_ky", "title_en"]
    ordering_fields = ["starts_on", "updated", "id"]


class BestPracticeViewSet(PortalModelViewSet):
    queryset = selectors.best_practice_list()
    serializer_class = BestPracticeSerializer
    filterset_class = BestPracticeFilterSet
    etag_models = ("partnerships.Municipality", "exchanges.Adoption")
    search_fields = ["title_ru", "title_ky", "title_en", "summary_ru", "summary_ky", "summary_en"]
    ordering_fields = ["published_on", "updated", "id"]


class PartnerRequestViewSet(PortalModelViewSet):
    queryset = selectors.partner_request_list()
    serializer_class = PartnerRequestSerializer
    filterset_class = PartnerRequestFilterSet
    etag_models = ("partnerships.Municipality", "exchanges.PartnerRequestAnswer")
    search_fields = ["title_ru", "title_ky", "title_en", "purpose_ru"]
    ordering_fields = ["created", "valid_until", "id"]

    @extend_schema(
        request=PartnerRequestAnswerSerializer,
        responses={201: PartnerRequestAnswerSerializer},
        summary="Answer the request for one of your municipalities",
    )
    @action(
        detail=True,
        methods=["post"],
        serializer_class=PartnerRequestAnswerSerializer,
        filterset_class=None,
        pagination_class=None,
        permission_model=PartnerRequestAnswer,
    )
    def answers(self, request, pk=None):
        # Any editor may answer for their own municipality: the request is not theirs to
        # change, so the object permission of the request does not apply here.
        partner_request = get_object_or_404(self.get_queryset(), pk=pk)
        context = {**self.get_serializer_context(), "partner_request": partner_request}
        serializer = PartnerRequestAnswerSerializer(data=request.data, context=context)
        serializer.is_valid(raise_exception=True)
        with transaction.atomic():
            answer = serializer.save()
        return Response(PartnerRequestAnswerSerializer(answer).data, status=201)


class ReportFilters(serializers.Serializer):
    year_from = serializers.IntegerField(required=False, min_value=1900, max_value=2200)
    year_to = serializers.IntegerField(required=False, min_value=1900, max_value=2200)
    country = serializers.ChoiceField(choices=Country.choices, required=False)


@extend_schema(
    parameters=[ReportFilters],
    responses=OpenApiTypes.OBJECT,
    summary="The goals report: per goal and kind of activity, year and country",
)
class GoalsReportView(APIView):
    permission_classes = [AllowAny]

    def get(self, request):
        from ..reports import goals_report, report_as_dict

        return Response(report_as_dict(goals_report(**_report_filters(request))))


def _report_filters(request) -> dict:
    filters = ReportFilters(data=request.GET)
    filters.is_valid(raise_exception=True)
    return dict(filters.validated_data)
