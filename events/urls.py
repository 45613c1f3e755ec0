"""Public pages of the events app, under /<language>/events/."""

from django.urls import path

from . import views

app_name = "events"

urlpatterns = [
    path("", views.calendar, name="calendar"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/event.ics", views.ics, name="ics"),
]
