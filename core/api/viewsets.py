"""The API's base viewset: visibility by role, conditional requests, If-Match on writes.

A viewset of an app is a queryset from a selector, a serializer and a filterset, and little else
(NetBox's shape):

    class MunicipalityViewSet(PortalModelViewSet):
        queryset = selectors.municipality_list()
        serializer_class = MunicipalitySerializer
        filterset_class = MunicipalityFilterSet
"""

import functools
import hashlib
import re

from django.conf import settings
from django.db import connections, transaction
from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.http import http_date, parse_http_date_safe, quote_etag
from django.utils.translation import gettext as _
from rest_framework import status, viewsets
from rest_framework.exceptions import APIException
from rest_framework.permissions import SAFE_METHODS
from rest_framework.response import Response

from accounts.roles import editor_municipality_ids, is_coordinator
from core import kept_queries, response_cache, versioning
from core.api import json_rows, kept_statements
from core.api.renderers import PortalJSONRenderer
from core.api.serializers import attach_many_ids

_PAGE_NUMBER = re.compile(r"[0-9]{1,9}")


class PreconditionFailed(APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_code = "precondition_failed"

    def __init__(self):
        super().__init__(
            _("The record has changed since you read it; fetch it again before changing it.")
        )


def _etag(*parts) -> str:
    digest = hashlib.sha256("|".join(str(part) for part in parts).encode()).hexdigest()[:32]
    return quote_etag(digest)


@functools.lru_cache(maxsize=256)
def _http_date(seconds: int) -> str:
    """An HTTP date, written once for each moment (a list's stamps change only with its data)."""
    return http_date(seconds)


def _matches(header: str, etag: str) -> bool:
    candidates = [value.strip() for value in header.split(",")]
    return "*" in candidates or etag in candidates


class PortalModelViewSet(viewsets.ModelViewSet):
    """CRUD with the portal's rules. Subclasses set ``queryset`` (from a selector),
    ``serializer_class``, ``filterset_class``, and list in ``etag_models`` the other models whose
    rows the representation shows (summaries of related records)."""

    etag_models: tuple[str, ...] = ()
    # The model whose add/change/delete permission a write needs (default: the queryset's).
    permission_model = None
    lookup_value_regex = r"\d+"
    http_method_names = ["get", "post", "put", "patch", "delete", "head", "options"]

    # Allow (and Vary) headers by viewset class and the HTTP methods its route maps to actions.
    _default_headers: dict[tuple, dict[str, str]] = {}

    @property
    def default_response_headers(self) -> dict[str, str]:
        """DRF's (the Allow header), worked out once per viewset and route: DRF asks the view
        whether it has a handler for each HTTP method at every response. A copy, for DRF pops
        from it."""
        key = (type(self), frozenset(getattr(self, "action_map", None) or ()))
        headers = self._default_headers.get(key)
        if headers is None:
            headers = self._default_headers[key] = super().default_response_headers
        return dict(headers)

    # --- Visibility ---------------------------------------------------------------------------

    def scope_key(self) -> str:
        """What the user is allowed to see, as part of cache validators."""
        user = self.request.user
        if is_coordinator(user):
            return "all"
        ids = editor_municipality_ids(user)
        return "editor:" + ",".join(map(str, sorted(ids))) if ids else "public"

    def base_queryset(self):
        """The selector's queryset, before the user's scope and the request's filters. A viewset
        whose selector depends on the day (partnership health) builds it anew here."""
        return self.queryset.all()

    def get_queryset(self):
        queryset = self.base_queryset()
        user = self.request.user
        if is_coordinator(user):
            return queryset
        public = queryset.public() if hasattr(queryset, "public") else queryset
        if editor_municipality_ids(user) and hasattr(queryset, "editable_by"):
            # Editors also see, and may change, their own records that are not public yet.
            return public | queryset.editable_by(user)
        if self.request.method not in SAFE_METHODS:
            return queryset.none()
        return public

    def filter_queryset(self, queryset):
        """The filtered list in its order, with the id as the last sort key: rows that sort
        equal (PostgreSQL returns ties in any order) would otherwise move between pages, so a
        client walking the pages could see one twice and miss another."""
        queryset = super().filter_queryset(queryset)
        ordering = list(queryset.query.order_by)
        if not ordering and queryset.query.default_ordering:
            ordering = list(queryset.model._meta.ordering)
        last = ordering[-1] if ordering else "pk"
        name = last.lstrip("-") if isinstance(last, str) else None
        if name in ("pk", queryset.model._meta.pk.name):
            return queryset
        descending = last.startswith("-") if isinstance(last, str) else last.descending
        return queryset.order_by(*ordering, "-pk" if descending else "pk")

    def paginate_queryset(self, queryset):
        """The page, with the ids of the many-to-many fields the serializer shows as ids read
        from the link tables (core.api.serializers.attach_many_ids) in place of the selector's
        prefetch of whole related rows."""
        sources = getattr(self.get_serializer_class(), "many_id_sources", frozenset)()
        if not sources or self.paginator is None:
            return super().paginate_queryset(queryset)
        kept = [lookup for lookup in queryset._prefetch_related_lookups if lookup not in sources]
        page = super().paginate_queryset(queryset.prefetch_related(None).prefetch_related(*kept))
        if page is not None:
            attach_many_ids(page, sources)
        return page

    # --- Writes -------------------------------------------------------------------------------

    def perform_create(self, serializer):
        with transaction.atomic():
            serializer.save()
        self._reload(serializer)

    def perform_update(self, serializer):
        self._check_if_match(serializer.instance)
        with transaction.atomic():
            serializer.save()
        self._reload(serializer)

    def _reload(self, serializer) -> None:
        """Answer a write with the row as the selector shapes it (annotations included)."""
        fresh = self.base_queryset().filter(pk=serializer.instance.pk).first()
        if fresh is not None:
            serializer.instance = fresh

    def perform_destroy(self, instance):
        self._check_if_match(instance)
        with transaction.atomic():
            instance.delete()

    def _check_if_match(self, instance) -> None:
        header = self.request.headers.get("If-Match")
        if header and not _matches(header, self._detail_etag(instance)):
            raise PreconditionFailed()

    # --- Conditional GET ----------------------------------------------------------------------

    def _table_labels(self) -> list[str]:
        return [self.queryset.model._meta.label, *self.etag_models]

    def _detail_etag(self, instance) -> str:
        stamps = versioning.stamps(list(self.etag_models)) or {}
        return _etag(
            instance._meta.label,
            instance.pk,
            getattr(instance, "updated", ""),
            translation.get_language(),
            sorted(stamps.items()),
        )

    def _not_modified(self, etag: str, last_modified) -> Response | None:
        request = self.request
        if_none_match = request.headers.get("If-None-Match")
        if if_none_match is not None:
            if _matches(if_none_match, etag):
                return Response(status=status.HTTP_304_NOT_MODIFIED)
            return None
        since = parse_http_date_safe(request.headers.get("If-Modified-Since", ""))
        if since is not None and last_modified is not None and int(last_modified) <= since:
            return Response(status=status.HTTP_304_NOT_MODIFIED)
        return None

    @staticmethod
    def _stamp(response: Response, etag: str, last_modified) -> Response:
        response["ETag"] = etag
        if last_modified is not None:
            response["Last-Modified"] = _http_date(int(last_modified))
        return response

    # --- Lists --------------------------------------------------------------------------------

    _list_reads: tuple[str, str, str | None] | None = None  # URL, scope and kept list's key
    _values_read: dict | None = None  # what the throttle read for the list (cache_keys_to_read)
    _filtered = None  # the request's filtered list, once made (_filtered_list)

    def _reads(self) -> tuple[str, str, str | None]:
        """The request's absolute URL (its host, path and query string), the client's scope and
        the key of the list kept for this request, worked out once."""
        if self._list_reads is None:
            url = self.request.build_absolute_uri()
            scope = self.scope_key()
            self._list_reads = (url, scope, response_cache.api_list_key(self.request, url, scope))
        return self._list_reads

    def cache_keys_to_read(self) -> list[str]:
        """The cache keys a list reads before anything else (its tables' stamps and its kept
        response), for the throttle to read in its own round trip (core.api.throttling)."""
        if self.action != "list" or self._values_read is not None:
            return []
        _url, _scope, key = self._reads()
        return [*versioning.keys_of(self._table_labels()), *([key] if key else [])]

    def cache_values_read(self, values: dict) -> None:
        self._values_read = values

    def list(self, request, *args, **kwargs):
        url, scope, key = self._reads()
        stamps, kept = versioning.stamps_and(
            self._table_labels(), [key] if key else [], read=self._values_read
        )
        if stamps is None:
            return self._list(request, scope)
        etag = _etag(
            url,
            translation.get_language(),
            scope,
            sorted(stamps.items()),
            # What a list shows may depend on the day as well (partnership health's window).
            timezone.localdate(),
        )
        last_modified = max(stamps.values()) // 1_000_000_000
        response = self._not_modified(etag, last_modified)
        if response is None and key:
            # Rendered once per ETag: later requests get the kept bytes.
            response = response_cache.kept_response(kept.get(key), etag)
        if response is None:
            response = self._list(request, scope)
            if key:
                response_cache.keep_when_sent(key, etag, response)
        return self._stamp(response, etag, last_modified)

    def _list(self, request, scope: str) -> Response:
        """The page of the list: written by PostgreSQL where it can be (core.api.json_rows),
        else serialized by DRF."""
        written = self._list_written_by_database(request, scope)
        if written is not None:
            # Sent as the bytes it is, as a kept page is: DRF's Response would only wrap it in
            # a template response for the renderer to copy the same text.
            renderer = request.accepted_renderer
            return HttpResponse(
                renderer.render(written, request.accepted_media_type, {}),
                content_type=renderer.media_type,
            )
        queryset = self._filtered_list()
        page = self.paginate_queryset(queryset)
        if page is not None:
            return self.get_paginated_response(self.get_serializer(page, many=True).data)
        return Response(self.get_serializer(queryset, many=True).data)

    def _list_written_by_database(self, request, scope: str) -> json_rows.RenderedJSON | None:
        paginator = self.paginator
        database = self.queryset.db
        if (
            not settings.API_LISTS_IN_DATABASE
            or connections[database].vendor != "postgresql"
            or not isinstance(request.accepted_renderer, PortalJSONRenderer)
            or paginator is None
        ):
            return None
        size = paginator.get_page_size(request)
        number = request.query_params.get(paginator.page_query_param) or "1"
        if not size or not _PAGE_NUMBER.fullmatch(number) or int(number) < 1:
            return None  # "last", or a page DRF answers with its own error
        number = int(number)
        url, _scope, _key = self._reads()
        key = kept_statements.key_of(self, url, scope)
        statement = kept_statements.kept(key)
        if statement is None:
            with kept_queries.queries_run(connections[database]) as run:
                statement = self._page_statement(request, number=number, size=size)
            if statement is None:
                return None
            if not run:  # made from the request alone, not from looked-up rows
                kept_statements.keep(key, statement)
        # The first page of a list is asked for again and again: prepared at its first read.
        page = json_rows.read(statement, recurring=number == 1)
        if not page.rows and number > 1:
            return None  # past the last page: DRF's 404
        return json_rows.paginated(paginator, request, page, number=number, size=size)

    def _page_statement(self, request, *, number: int, size: int) -> json_rows.Statement | None:
        """The statement of the requested page of the filtered list (filters that are invalid
        raise here), or None when the database cannot write this list."""
        queryset = self._filtered_list()
        if not json_rows.readable(queryset):
            return None
        plan = json_rows.plan(self.get_serializer_class(), self.base_queryset(), request)
        if plan is None:
            return None
        return json_rows.page_statement(queryset, plan, number=number, size=size)

    def _filtered_list(self):
        """The list filtered for this request, made once: DRF's serializers take the list that
        the database could not write (DISTINCT, past the last page) as it was filtered."""
        if self._filtered is None:
            self._filtered = self.filter_queryset(self.get_queryset())
        return self._filtered

    def retrieve(self, request, *args, **kwargs):
        instance = self.get_object()
        etag = self._detail_etag(instance)
        updated = getattr(instance, "updated", None)
        last_modified = int(updated.timestamp()) if updated else None
        response = self._not_modified(etag, last_modified)
        if response is None:
            response = Response(self.get_serializer(instance).data)
        return self._stamp(response, etag, last_modified)


class PortalReadOnlyViewSet(PortalModelViewSet):
    """Reference data anyone may read and only coordinators change."""

    coordinators_only = True
