"""The read side of the exchanges app."""

from django.db.models import OuterRef, Prefetch, QuerySet

from core.query import built_once, count_of, names_of
from partnerships.models import Sector
from partnerships.selectors import beyond_summary, names, texts

from .models import Adoption, BestPractice, Exchange, PartnerRequest, PartnerRequestAnswer


def exchange_list() -> QuerySet[Exchange]:
    return (
        Exchange.objects.select_related(
            "sending_municipality__region", "hosting_municipality__region"
        )
        .defer(*beyond_summary("sending_municipality", "hosting_municipality"))
        .prefetch_related("goals", "activity_types", "sectors")
    )


def best_practice_list() -> QuerySet[BestPractice]:
    return (
        BestPractice.objects.select_related("municipality__region", "sector")
        .defer(*beyond_summary("municipality"))
        .prefetch_related(
            Prefetch(
                "adoptions",
                queryset=Adoption.objects.select_related("municipality__region").defer(
                    *beyond_summary("municipality")
                ),
            )
        )
    )


@built_once
def best_practice_cards() -> QuerySet[BestPractice]:
    """Published practices as the public library lists them: title, summary, sector, the
    municipality by name and country, and how many municipalities took each up (a count, not
    the adoptions and their municipalities; make bench)."""
    return (
        BestPractice.objects.select_related("municipality__region", "sector")
        .only(
            *texts("title", "summary"),
            "published_on",
            "is_demo",
            *names("sector", "municipality"),
            "municipality__region__country",
        )
        .annotate(adoption_count=count_of(Adoption.objects.filter(practice=OuterRef("pk"))))
    )


@built_once
def partner_request_cards() -> QuerySet[PartnerRequest]:
    """Open requests as the partner search board lists them: the fields its cards show, not the
    purpose (a long text, in every language) or the contact, which the request's own page shows;
    the municipality by name, region and country, not its whole profile (which a request's own
    page ranks partners by)."""
    return (
        PartnerRequest.objects.select_related("municipality__region")
        .only(
            *texts("title"),
            "country",
            "population_min",
            "population_max",
            "valid_until",
            "is_demo",
            *names("municipality", "municipality__region"),
            "municipality__region__country",
        )
        .annotate(
            answer_count=count_of(PartnerRequestAnswer.objects.filter(request=OuterRef("pk"))),
            sector_names=_sector_names(),
        )
    )


def _sector_names():
    """The names of a request's sectors, for the board and a request's page: a page of the
    board built a model instance for each of its ~50 sectors, and a related manager per row."""
    sectors = Sector.objects.filter(partner_requests=OuterRef("pk"))
    return names_of(sectors.order_by(*Sector._meta.ordering))  # as sectors list everywhere


def partner_request_list() -> QuerySet[PartnerRequest]:
    return (
        # Whole municipalities: a request's page ranks partners by the requester's profile.
        PartnerRequest.objects.select_related("municipality__region")
        .prefetch_related("sectors")
        # A correlated count, computed for the page's rows only (core.query), not a JOIN of
        # every answer with GROUP BY.
        .annotate(
            answer_count=count_of(PartnerRequestAnswer.objects.filter(request=OuterRef("pk")))
        )
    )


def partner_request_page() -> QuerySet[PartnerRequest]:
    """Requests as their public page shows them: as the API has them, with their sectors'
    names as the board lists them."""
    return partner_request_list().annotate(sector_names=_sector_names())


def exchange_detail() -> QuerySet[Exchange]:
    """Exchanges with what their public page shows: both municipalities and related records."""
    return (
        exchange_list()
        .select_related(
            "partnership__municipality_a",
            "partnership__municipality_b",
            "event",
            "project",
        )
        .prefetch_related("documents")
    )


def best_practice_detail() -> QuerySet[BestPractice]:
    return best_practice_list().prefetch_related("documents")
