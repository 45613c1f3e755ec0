"""Public pages of the exchanges app: exchanges, the library of best practices and the partner
search board. Only public exchanges, published practices and open partner requests are shown.

(The staff's goals report lives in report_views.py.)
"""

from django.db.models import Q
from django.shortcuts import get_object_or_404, render
from django.utils.html import escape
from django.utils.translation import gettext as _

from core import kept_queries
from core.choices import Country
from core.response_cache import public_page
from partnerships.choices import ProjectStatus
from partnerships.models import Sector
from partnerships.selectors import chosen_municipality

from . import selectors
from .choices import ExchangeKind
from .filtersets import BestPracticeFilterSet, ExchangeFilterSet
from .models import PartnerRequest
from .suggestions import suggest_for_request

PAGE_SIZE = 20
# The fields the library's search looks in, in every language.
PRACTICE_SEARCH_FIELDS = (
    "title_ru",
    "title_ky",
    "title_en",
    "summary_ru",
    "summary_ky",
    "summary_en",
)


def _facts_labels() -> dict[str, str]:
    """The labels of a partner request's facts (exchanges/_request_facts.html), translated and
    HTML-escaped once per page rather than once per request on the board (escaping each of the
    140 a board shows was a tenth of its rendering)."""
    labels = {
        "sectors": _("Sectors"),
        "any_sector": _("Any sector"),
        "country": _("Partner wanted in"),
        "any_country": _("Any other country"),
        "size": _("Size of the partner"),
        "until": _("Open until"),
        "no_closing": _("No closing date"),
    }
    return {key: escape(label) for key, label in labels.items()}


def _current(request, names: tuple[str, ...]) -> dict[str, str]:
    """The filter values as the form shows them again."""
    return {name: request.GET.get(name, "").strip() for name in names}


@public_page
def exchange_list(request):
    """Public exchanges, latest first; filters: kind, country, municipality (by name or id)."""
    exchanges = selectors.exchange_list().public().order_by("-starts_on", "-pk")
    filterset = ExchangeFilterSet(request.GET, queryset=exchanges)
    context = {
        "page_obj": kept_queries.page(request, filterset.qs, PAGE_SIZE, filterset),
        "current": _current(request, ("kind", "country", "place", "municipality")),
        "kinds": ExchangeKind.choices,
        "countries": Country.choices,
        "chosen_municipality": chosen_municipality(request.GET.get("municipality")),
    }
    return render(request, "exchanges/exchange_list.html", context)


@public_page
def exchange_detail(request, pk: int):
    exchange = get_object_or_404(selectors.exchange_detail().public(), pk=pk)
    event, project = exchange.event, exchange.project
    context = {
        "exchange": exchange,
        # Links only to records that have a public page.
        "event": event if event and event.is_public else None,
        "project": project if project and project.status != ProjectStatus.DRAFT else None,
    }
    return render(request, "exchanges/exchange_detail.html", context)


@public_page
def practice_list(request):
    """The library of published best practices: search in every language, sector, country."""
    practices = selectors.best_practice_cards().public().order_by("-published_on", "-pk")
    query = request.GET.get("q", "").strip()
    if query:
        condition = Q()
        for name in PRACTICE_SEARCH_FIELDS:
            condition |= Q(**{f"{name}__icontains": query})
        practices = practices.filter(condition)
    filterset = BestPracticeFilterSet(request.GET, queryset=practices)
    page = kept_queries.page(request, filterset.qs, PAGE_SIZE, filterset)
    page.object_list = selectors.best_practice_rows(
        page.object_list, kept=page.paginator.rows_key(page)
    )
    context = {
        "page_obj": page,
        "current": _current(request, ("q", "sector", "country")),
        "sectors": list(Sector.objects.all()),
        "countries": Country.choices,
    }
    return render(request, "exchanges/practice_list.html", context)


@public_page
def practice_detail(request, pk: int):
    practice = get_object_or_404(selectors.best_practice_detail().public(), pk=pk)
    return render(request, "exchanges/practice_detail.html", {"practice": practice})


@public_page
def request_board(request):
    """Open partner requests, newest first, and how to answer them."""
    requests = PartnerRequest.objects.open().order_by("-created", "-pk")
    page = kept_queries.page(request, requests, PAGE_SIZE)
    page.object_list = selectors.partner_request_rows(
        page.object_list, kept=page.paginator.rows_key(page)
    )
    context = {"page_obj": page, "facts_labels": _facts_labels()}
    return render(request, "exchanges/request_board.html", context)


@public_page
def request_detail(request, pk: int):
    """An open partner request with the municipalities that might suit it, and why."""
    partner_request = get_object_or_404(selectors.partner_request_page().open(), pk=pk)
    context = {
        "partner_request": partner_request,
        "facts_labels": _facts_labels(),
        "suggestions": suggest_for_request(request=partner_request),
    }
    return render(request, "exchanges/request_detail.html", context)
