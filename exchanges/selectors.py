"""The read side of the exchanges app."""

from django.db.models import F, OuterRef, Prefetch, QuerySet

from core import kept_queries
from core.choices import Country, labels_of
from core.json_sql import translated
from core.links import record_url
from core.query import built_once, built_per_language, count_of, names_of
from partnerships.models import Municipality, Region, Sector
from partnerships.selectors import beyond_summary

from .models import (
    Adoption,
    BestPractice,
    Exchange,
    PartnerRequest,
    PartnerRequestAnswer,
    answers_text,
    size_wanted,
)


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
    """Practices as the public library filters, counts and pages them, with how many
    municipalities took each up (a count, not the adoptions and their municipalities; make
    bench); ``best_practice_rows`` reads a page of them."""
    return BestPractice.objects.annotate(
        adoption_count=count_of(Adoption.objects.filter(practice=OuterRef("pk")))
    )


def best_practice_rows(page: QuerySet[BestPractice], *, kept: tuple | None = None) -> list[dict]:
    """A page of the library (a slice of ``best_practice_cards``) as its cards show it: title,
    summary, sector, the municipality by name and country, the adoptions' count. Read as rows,
    the texts in the page's language with django-modeltranslation's fallbacks worked out by the
    query: a page built 60 model instances (each practice, its sector and its municipality)
    and read every text through a translation descriptor (make bench). ``kept``: the key under
    which the process keeps the rows' SQL (core.kept_queries)."""
    rows = kept_queries.values(
        kept,
        lambda: page.raw_values(
            "id",
            "published_on",
            "is_demo",
            "adoption_count",
            "municipality_id",
            **_practice_columns(),
        ),
    )
    countries = labels_of(Country)
    return [
        {
            "id": row["id"],
            "url": record_url("exchanges:practice_detail", row["id"]),
            "title": row["shown_title"],
            "summary": row["shown_summary"],
            "is_demo": row["is_demo"],
            "published_on": row["published_on"],
            "adoption_count": row["adoption_count"],
            "sector": row["sector_name"],
            "municipality": row["municipality_name"],
            "municipality_url": record_url(
                "partnerships:municipality_detail", row["municipality_id"]
            ),
            "country_name": countries.get(row["country"], row["country"]),
        }
        for row in rows
    ]


def partner_request_rows(
    page: QuerySet[PartnerRequest], *, kept: tuple | None = None
) -> list[dict]:
    """A page of the board (a slice of open requests) as its cards show it: the
    title, the municipality by name, region and country, the answers' count, and the facts
    (sectors, wanted country and size, closing date); not the purpose (a long text, in every
    language) or the contact, which the request's own page shows. Read as rows, the texts in the
    page's language with django-modeltranslation's fallbacks worked out by the query: a page
    built 60 model instances (each request, its municipality and region) and read every name
    through a translation descriptor (make bench). ``kept``: the key under which the process
    keeps the rows' SQL (core.kept_queries)."""
    rows = kept_queries.values(
        kept,
        lambda: page.raw_values(
            "id",
            "country",
            "population_min",
            "population_max",
            "valid_until",
            "is_demo",
            "municipality_id",
            **_request_columns(),
        ),
    )
    countries = labels_of(Country)
    return [
        {
            "id": row["id"],
            "url": record_url("exchanges:request_detail", row["id"]),
            "title": row["shown_title"],
            "is_demo": row["is_demo"],
            "municipality": row["municipality_name"],
            "municipality_url": record_url(
                "partnerships:municipality_detail", row["municipality_id"]
            ),
            "region": row["region_name"],
            "municipality_country_name": countries.get(
                row["municipality_country"], row["municipality_country"]
            ),
            "answers": answers_text(row["answer_count"]),
            "sector_names": row["sector_names"],
            "country": row["country"],
            "country_name": countries.get(row["country"], row["country"]),
            "size_wanted": size_wanted(row["population_min"], row["population_max"]),
            "valid_until": row["valid_until"],
        }
        for row in rows
    ]


@built_per_language
def _practice_columns() -> dict:
    return {
        "country": F("municipality__region__country"),
        "shown_title": translated(BestPractice, "title"),
        "shown_summary": translated(BestPractice, "summary"),
        "sector_name": translated(Sector, "name", "sector__"),
        "municipality_name": translated(Municipality, "name", "municipality__"),
    }


@built_per_language
def _request_columns() -> dict:
    return {
        "municipality_country": F("municipality__region__country"),
        "shown_title": translated(PartnerRequest, "title"),
        "municipality_name": translated(Municipality, "name", "municipality__"),
        "region_name": translated(Region, "name", "municipality__region__"),
        "answer_count": count_of(PartnerRequestAnswer.objects.filter(request=OuterRef("pk"))),
        "sector_names": _sector_names(),
    }


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
