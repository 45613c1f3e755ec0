from django.urls import path
from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter(trailing_slash=True)
router.register("events", views.EventViewSet)
router.register("working-groups", views.WorkingGroupViewSet)
router.register(
    r"events/(?P<event_pk>\d+)/participants", views.ParticipantViewSet, basename="event-participant"
)

feed_urls = [
    path("events.ics", views.EventFeedView.as_view(), name="events-feed"),
    path(
        "municipalities/<int:municipality_id>/events.ics",
        views.EventFeedView.as_view(),
        name="municipality-events-feed",
    ),
    path(
        "working-groups/<int:working_group_id>/events.ics",
        views.EventFeedView.as_view(),
        name="working-group-events-feed",
    ),
]
