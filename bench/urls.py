"""The floor views of the benchmark, under /bench/ (only with BENCH_FLOOR_VIEWS)."""

from django.urls import path

from . import floor_views

urlpatterns = [
    path("floor/api/<str:resource>/", floor_views.api_floor, name="bench-floor-api"),
    path("floor/page/<str:page>/", floor_views.page_floor, name="bench-floor-page"),
]
