"""Public pages of the partnerships app (under /ru/, /ky/, /en/)."""

from django.urls import path

from . import views

app_name = "partnerships"

urlpatterns = [
    path("", views.home, name="home"),
    path("map.json", views.map_data, name="map_data"),
    path("municipalities/", views.municipality_list, name="municipality_list"),
    path("municipalities/<int:pk>/", views.municipality_detail, name="municipality_detail"),
    path("partnerships/", views.partnership_list, name="partnership_list"),
    path("partnerships/<int:pk>/", views.partnership_detail, name="partnership_detail"),
    path("projects/", views.project_list, name="project_list"),
    path("projects/<int:pk>/", views.project_detail, name="project_detail"),
    path("memorandum/", views.memorandum, name="memorandum"),
    path("statistics/", views.statistics_page, name="statistics"),
]
