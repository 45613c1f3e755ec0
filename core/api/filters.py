"""The API's filter backend: django-filter's, with derived filtersets built once."""

from django_filters.rest_framework import DjangoFilterBackend, FilterSet

from core.filters import FormOnce


class _DerivedFilterSet(FormOnce, FilterSet):
    """The base of filtersets derived from filterset_fields."""


class PortalFilterBackend(DjangoFilterBackend):
    """django-filter's backend, keeping the filterset it derives from a view's
    ``filterset_fields``: it built that class anew on every request (a third of a millisecond,
    as much as the rest of filtering a small list; make bench)."""

    filterset_base = _DerivedFilterSet
    _derived: dict[tuple, type] = {}

    def get_filterset_class(self, view, queryset=None):
        if getattr(view, "filterset_class", None) or not getattr(view, "filterset_fields", None):
            return super().get_filterset_class(view, queryset)
        key = (type(view), getattr(queryset, "model", None))
        derived = self._derived.get(key)
        if derived is None:
            derived = self._derived[key] = super().get_filterset_class(view, queryset)
        return derived
