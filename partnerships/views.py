"""Public pages of the partnerships app: home, municipalities, partnerships, projects, the
memorandum and statistics. Each view asks a selector for its rows and hands them to a template;
only public records are shown and no personal data."""

from django.db.models import Q
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from core import kept_queries
from core.response_cache import public_page
from events.models import Event
from events.selectors import event_list
from exchanges.models import BestPractice, Exchange, PartnerRequest
from exchanges.selectors import best_practice_list, exchange_list
from exchanges.suggestions import cached_suggestions

from . import selectors, statistics
from .forms import MunicipalitySearchForm, PartnershipSearchForm, ProjectSearchForm
from .models import Memorandum, Municipality

PAGE_SIZE = 30


def _markers(municipalities) -> list[dict]:
    """Map markers of the directory's rows (selectors.directory_rows) that have coordinates."""
    return [
        {
            "id": town["id"],
            "name": town["name"],
            "lat": float(town["latitude"]),
            "lon": float(town["longitude"]),
            "country": town["country"],
            "url": town["url"],
        }
        for town in municipalities
        if town["latitude"] is not None
    ]


@require_GET
@public_page
def home(request):
    now = timezone.now()
    context = {
        "figures": selectors.home_figures(),
        "upcoming_events": event_list()
        .public()
        .filter(starts_at__gte=now)
        .exclude(status="cancelled")
        .order_by("starts_at")[:5],
        "best_practices": best_practice_list().public().order_by("-published_on")[:4],
        "memorandum": Memorandum.objects.order_by("signed_on").first(),
    }
    return render(request, "partnerships/home.html", context)


@require_GET
def map_data(request):
    """Markers and partnership lines of the map, as JSON (loaded by the page's script)."""
    return JsonResponse(selectors.map_points())


@require_GET
@public_page
def municipality_list(request):
    form = MunicipalitySearchForm(request.GET or None)
    municipalities = form.filter(selectors.municipality_directory())
    page = kept_queries.page(request, municipalities, PAGE_SIZE, form)
    page.object_list = selectors.directory_rows(
        page.object_list, kept=page.paginator.rows_key(page)
    )
    return render(
        request,
        "partnerships/municipality_list.html",
        {
            "form": form,
            "page_obj": page,
            "markers": _markers(page),
        },
    )


@require_GET
@public_page
def municipality_detail(request, pk: int):
    municipality = get_object_or_404(
        Municipality.objects.select_related("region", "association").prefetch_related("sectors"),
        pk=pk,
    )
    now = timezone.now()
    # What the page shows of events and exchanges: titles, dates, who sends and hosts.
    events = (
        Event.objects.public()
        .involving(Municipality.objects.filter(pk=pk).values("pk"))
        .only(*selectors.texts("title"), "starts_at", "timezone")
    )
    context = {
        "municipality": municipality,
        "partnerships": selectors.partnership_rows(countries=True)
        .involving(pk)
        .order_by("status", "-signed_on"),
        "projects": selectors.municipality_projects(pk)[:20],
        "upcoming_events": events.filter(starts_at__gte=now).order_by("starts_at")[:10],
        "past_events": events.filter(starts_at__lt=now).order_by("-starts_at")[:10],
        "exchanges": Exchange.objects.public()
        .filter(Q(sending_municipality_id=pk) | Q(hosting_municipality_id=pk))
        .select_related("sending_municipality", "hosting_municipality")
        .only(
            *selectors.texts("title"),
            "starts_on",
            *selectors.names("sending_municipality", "hosting_municipality"),
        )
        .order_by("-starts_on")[:10],
        "best_practices": BestPractice.objects.public()
        .filter(municipality_id=pk)
        .select_related("sector")[:10],
        "requests": PartnerRequest.objects.open()
        .filter(municipality_id=pk)
        .prefetch_related("sectors"),
        "suggestions": cached_suggestions(municipality=municipality, limit=5),
        "point": _markers(
            [
                {
                    "id": municipality.pk,
                    "name": municipality.name,
                    "latitude": municipality.latitude,
                    "longitude": municipality.longitude,
                    "country": municipality.region.country,
                    "url": municipality.get_absolute_url(),
                }
            ]
        ),
    }
    return render(request, "partnerships/municipality_detail.html", context)


@require_GET
@public_page
def partnership_list(request):
    form = PartnershipSearchForm(request.GET or None)
    partnerships = form.filter(selectors.partnership_rows()).order_by("status", "-signed_on", "pk")
    return render(
        request,
        "partnerships/partnership_list.html",
        {
            "form": form,
            "page_obj": kept_queries.page(request, partnerships, PAGE_SIZE, form),
        },
    )


@require_GET
@public_page
def partnership_detail(request, pk: int):
    partnership = get_object_or_404(
        selectors.partnership_list().prefetch_related("documents"), pk=pk
    )
    a, b = partnership.municipality_a_id, partnership.municipality_b_id
    pair = Q(sending_municipality_id=a, hosting_municipality_id=b) | Q(
        sending_municipality_id=b, hosting_municipality_id=a
    )
    return render(
        request,
        "partnerships/partnership_detail.html",
        {
            "partnership": partnership,
            "projects": selectors.project_list().public().filter(partnership=partnership),
            "events": event_list().public().filter(partnership=partnership).order_by("-starts_at"),
            "exchanges": exchange_list()
            .public()
            .filter(Q(partnership=partnership) | pair)
            .order_by("-starts_on"),
        },
    )


@require_GET
@public_page
def project_list(request):
    form = ProjectSearchForm(request.GET or None)
    projects = form.filter(selectors.project_cards().public()).order_by("-starts_on", "-pk")
    return render(
        request,
        "partnerships/project_list.html",
        {
            "form": form,
            "page_obj": kept_queries.page(request, projects, 20, form),
        },
    )


@require_GET
@public_page
def project_detail(request, pk: int):
    project = get_object_or_404(
        selectors.project_list().public().prefetch_related("documents"), pk=pk
    )
    return render(
        request,
        "partnerships/project_detail.html",
        {
            "project": project,
            "events": event_list().public().filter(project=project).order_by("-starts_at"),
            "exchanges": Exchange.objects.public()
            .filter(project=project)
            .select_related("sending_municipality", "hosting_municipality"),
        },
    )


@require_GET
@public_page
def memorandum(request):
    memorandum = get_object_or_404(selectors.memorandum_list().order_by("signed_on")[:1])
    goals = statistics.goal_implementation(memorandum)
    chart = goals["chart"]
    return render(
        request,
        "partnerships/memorandum.html",
        {
            "memorandum": memorandum,
            "goals": goals["goals"],
            "activity_types": goals["activity_types"],
            "chart_spec": {
                "type": "bar",
                "labels": chart["labels"],
                "datasets": [
                    {"label": str(_("Projects")), "data": chart["projects"]},
                    {"label": str(_("Events")), "data": chart["events"]},
                    {"label": str(_("Exchanges")), "data": chart["exchanges"]},
                ],
            },
        },
    )


@require_GET
@public_page
def statistics_page(request):
    series = statistics.yearly_series()
    measures = {
        "partnerships": _("Partnerships signed"),
        "projects": _("Projects started"),
        "events": _("Events"),
        "exchanges": _("Exchanges"),
    }
    rows = [
        {
            "year": year,
            **{name: series[name][index] for name in (*measures, "exchange_participants")},
        }
        for index, year in enumerate(series["years"])
    ]
    return render(
        request,
        "partnerships/statistics.html",
        {
            "figures": selectors.home_figures(),
            "rows": rows,
            "charts": {
                "activity": {
                    "type": "line",
                    "labels": series["years"],
                    "datasets": [
                        {"label": str(label), "data": series[name]}
                        for name, label in measures.items()
                    ],
                },
            },
        },
    )
