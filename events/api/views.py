"""API endpoints of the events app, and its iCalendar feeds."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.exceptions import NotAuthenticated, PermissionDenied
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.views import APIView

from core.api.serializers import as_drf_detail
from core.api.viewsets import PortalModelViewSet
from partnerships.models import Municipality

from .. import selectors, services
from ..filtersets import EventFilterSet
from ..ical import build_calendar
from ..models import Event, Participant, WorkingGroup
from .serializers import EventSerializer, ParticipantSerializer, WorkingGroupSerializer


class EventViewSet(PortalModelViewSet):
    queryset = selectors.event_list()
    serializer_class = EventSerializer
    filterset_class = EventFilterSet
    etag_models = (
        "events.AgendaItem",
        "events.Participant",
        "partnerships.Municipality",
        "events.WorkingGroup",
    )
    search_fields = ["title_ru", "title_ky", "title_en", "venue_ru"]
    ordering_fields = ["starts_at", "updated", "id"]


class WorkingGroupViewSet(PortalModelViewSet):
    queryset = selectors.working_group_list()
    serializer_class = WorkingGroupSerializer
    coordinators_only = True
    etag_models = ("events.Event",)
    search_fields = ["name_ru", "name_ky", "name_en"]
    ordering_fields = ["name_ru", "id"]


class ParticipantViewSet(
    mixins.ListModelMixin,
    mixins.CreateModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Participants of an event: personal data, for coordinators and the event's organisers
    (editors of its host and organising municipalities) only."""

    serializer_class = ParticipantSerializer
    read_requires_auth = True
    filterset_fields = ["attendance", "role", "preferred_language"]
    search_fields = ["name", "email", "organisation"]
    ordering_fields = ["name", "created", "id"]
    queryset = Participant.objects.none()  # for the schema; get_queryset is per event

    def event(self) -> Event:
        if not hasattr(self, "_event"):
            user = self.request.user
            if not user.is_authenticated:
                raise NotAuthenticated()
            try:
                event_pk = int(self.kwargs["event_pk"])
            except (TypeError, ValueError) as error:
                raise Http404 from error
            event = get_object_or_404(Event, pk=event_pk)
            if not event.is_editable_by(user):
                raise PermissionDenied(
                    _("Only coordinators and the event's organisers see its participants.")
                )
            self._event = event
        return self._event

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Participant.objects.none()
        return selectors.participant_list(self.event())

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if self.request is not None and self.action == "create":
            context["event"] = self.event()
        return context

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("event", None)
        consent = data.pop("consent", False)
        if data.get("email") and not consent:
            raise serializers.ValidationError(
                {"consent": [_("Record the participant's consent before storing their e-mail.")]}
            )
        if not consent:
            raise serializers.ValidationError(
                {"consent": [_("A participant must agree to the processing of personal data.")]}
            )
        try:
            with transaction.atomic():
                serializer.instance = services.participant_register(
                    event=self.event(), consent=True, **data
                )
        except DjangoValidationError as error:
            raise serializers.ValidationError(as_drf_detail(error)) from error

    def perform_update(self, serializer):
        serializer.validated_data.pop("consent", None)
        with transaction.atomic():
            serializer.save()


@extend_schema(
    responses={
        (200, "text/calendar"): OpenApiResponse(OpenApiTypes.STR, description="An iCalendar file.")
    },
    summary="Public events as an iCalendar feed (filters as in the events list)",
    filters=True,
)
class EventFeedView(APIView):
    """iCalendar (RFC 5545) of public events: all, one municipality's (host or organiser) or
    one working group's. Filters of the events list apply. Cancelled events stay in the feed,
    marked cancelled, so subscribed calendars remove them."""

    permission_classes = [AllowAny]
    # The calendar itself is an HttpResponse; errors are JSON like everywhere in the API.
    renderer_classes = [JSONRenderer]
    filterset_class = EventFilterSet
    queryset = Event.objects.none()

    def get(self, request, municipality_id=None, working_group_id=None):
        events = selectors.event_list().public()
        name = _("Memorandum portal: events")
        if municipality_id is not None:
            municipality = get_object_or_404(Municipality, pk=municipality_id)
            events = EventFilterSet().filter_municipality(events, "municipality", municipality.pk)
            name = f"{name} – {municipality}"
        if working_group_id is not None:
            group = get_object_or_404(WorkingGroup, pk=working_group_id)
            events = events.filter(working_group=group)
            name = f"{name} – {group}"
        filterset = EventFilterSet(request.GET, queryset=events)
        if not filterset.is_valid():
            return HttpResponse(
                status=400, content=filterset.errors.as_json(), content_type="application/json"
            )
        calendar = build_calendar(filterset.qs.order_by("starts_at")[:2000], name=name)
        response = HttpResponse(calendar, content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = 'inline; filename="events.ics"'
        return response
