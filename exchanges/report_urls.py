"""Staff reports, mounted under the admin (memorandum_portal/urls.py: admin/reports/)."""

from django.urls import path

from . import report_views as views

app_name = "reports"

urlpatterns = [
    path("goals/", views.GoalsReportView.as_view(), name="goals"),
    path("goals.csv", views.GoalsReportCsvView.as_view(), name="goals_csv"),
    path("goals.xlsx", views.GoalsReportXlsxView.as_view(), name="goals_xlsx"),
]
