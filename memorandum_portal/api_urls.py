"""The REST API, version 1: every app's router under /api/v1/, the feeds, the schema and docs."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView

from accounts.api.views import TokenView
from events.api.urls import feed_urls
from events.api.urls import router as events_router
from exchanges.api.urls import report_urls
from exchanges.api.urls import router as exchanges_router
from partnerships.api.urls import router as partnerships_router

app_name = "api"

v1 = [
    path("auth/token/", TokenView.as_view(), name="token"),
    *feed_urls,
    *report_urls,
    path("", include(partnerships_router.urls)),
    path("", include(events_router.urls)),
    path("", include(exchanges_router.urls)),
]

urlpatterns = [
    path("v1/", include(v1)),
    path("schema/", SpectacularAPIView.as_view(api_version="1.0.0"), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
    path("redoc/", SpectacularRedocView.as_view(url_name="api:schema"), name="redoc"),
]
