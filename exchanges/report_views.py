"""Staff pages of the exchanges app: the goals report (page, CSV, XLSX), for coordinators.

The views only read the filter from the query string and hand it to ``exchanges.reports``; the
definitions of what is counted live there.
"""

from django.conf import settings
from django.contrib import admin
from django.contrib.auth.mixins import AccessMixin
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseBadRequest
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.utils.http import content_disposition_header, urlencode
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from accounts.roles import is_coordinator

from . import reports
from .forms import GoalsReportFilterForm

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@method_decorator(never_cache, name="dispatch")
class CoordinatorRequiredMixin(AccessMixin):
    """Staff coordinators only: anonymous visitors are sent to the admin's login, anyone else
    signed in is refused (403)."""

    def get_login_url(self) -> str:
        return reverse("admin:login")

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not (request.user.is_staff and is_coordinator(request.user)):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class GoalsReportMixin(CoordinatorRequiredMixin):
    """Reads ``?year_from=&year_to=&country=`` and builds the report."""

    filter_fields = ("year_from", "year_to", "country")

    @cached_property
    def filter_form(self) -> GoalsReportFilterForm:
        query = self.request.GET
        given = any(query.get(name) for name in self.filter_fields)
        return GoalsReportFilterForm(query if given else None)

    def get_filters(self) -> dict:
        """The filter's valid values; an invalid filter filters nothing (the page says why)."""
        form = self.filter_form
        if not form.is_bound or not form.is_valid():
            return {}
        return {name: form.cleaned_data[name] or None for name in self.filter_fields}

    def get_report(self) -> reports.GoalsReport:
        return reports.goals_report(**self.get_filters())

    def filename(self, extension: str) -> str:
        """The filter is in the name: goals-report.csv, goals-report_2023-2025_kg.xlsx,
        goals-report_2024.csv (one year), goals-report_2020-.csv (from 2020 on)."""
        filters = self.get_filters()
        parts = ["goals-report"]
        year_from, year_to = filters.get("year_from"), filters.get("year_to")
        if year_from and year_from == year_to:
            parts.append(str(year_from))
        elif year_from or year_to:
            parts.append(f"{year_from or ''}-{year_to or ''}")
        if filters.get("country"):
            parts.append(filters["country"].lower())
        return f"{'_'.join(parts)}.{extension}"


class GoalsReportView(GoalsReportMixin, TemplateView):
    """The report as two tables and a bar chart, in the admin's frame."""

    template_name = "exchanges/goals_report.html"

    def _url(self, name: str) -> str:
        """A download of the report as shown: the same (valid) filter."""
        query = urlencode({name: value for name, value in self.get_filters().items() if value})
        return reverse(name) + (f"?{query}" if query else "")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        report = self.get_report()
        context.update(admin.site.each_context(self.request))
        context.update(
            form=self.filter_form,
            report=report,
            sections=[
                {
                    "dimension": dimension,
                    "rows": report.rows_of(dimension),
                    "without_rows": report.clauses_without_rows(dimension),
                }
                for dimension in reports.DIMENSIONS
            ],
            data=reports.report_chart_data(report),
            csv_url=self._url("reports:goals_csv"),
            xlsx_url=self._url("reports:goals_xlsx"),
            partnership_goal=reports.PARTNERSHIP_GOAL_NUMBER,
            partnership_activity=reports.PARTNERSHIP_ACTIVITY_NUMBER,
            time_zone=settings.TIME_ZONE,
        )
        return context


class GoalsReportDownloadView(GoalsReportMixin, View):
    """The report as a file; a filter that is not valid is refused rather than ignored."""

    extension = ""
    content_type = ""

    def render(self, report: reports.GoalsReport) -> bytes:  # pragma: no cover - abstract
        raise NotImplementedError

    def get(self, request, *args, **kwargs):
        form = self.filter_form
        if form.is_bound and not form.is_valid():
            message = " ".join(str(error) for errors in form.errors.values() for error in errors)
            return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
        return HttpResponse(
            self.render(self.get_report()),
            content_type=self.content_type,
            headers={
                "Content-Disposition": content_disposition_header(
                    as_attachment=True, filename=self.filename(self.extension)
                )
            },
        )


class GoalsReportCsvView(GoalsReportDownloadView):
    extension = "csv"
    content_type = "text/csv; charset=utf-8"

    def render(self, report: reports.GoalsReport) -> bytes:
        # With a byte order mark, Excel reads the Cyrillic text as UTF-8.
        return reports.report_to_csv(report).encode("utf-8-sig")


class GoalsReportXlsxView(GoalsReportDownloadView):
    extension = "xlsx"
    content_type = XLSX_CONTENT_TYPE

    def render(self, report: reports.GoalsReport) -> bytes:
        return reports.report_to_xlsx(report)
