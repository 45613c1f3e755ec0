from django.urls import path
from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter(trailing_slash=True)
router.register("exchanges", views.ExchangeViewSet)
router.register("best-practices", views.BestPracticeViewSet)
router.register("partner-requests", views.PartnerRequestViewSet)

report_urls = [
    path("reports/goals/", views.GoalsReportView.as_view(), name="goals-report"),
]
