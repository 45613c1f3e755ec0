"""Filtersets made one after another, as concurrent requests make them, keep their own filters
(core.filters copies a class's filters one by one for each filterset, not deeply)."""

import pytest

from exchanges.filtersets import ExchangeFilterSet
from exchanges.models import Exchange
from tests.exchanges.factories import ExchangeFactory

pytestmark = pytest.mark.django_db


def test_filtersets_alive_at_once_filter_each_by_its_own_values():
    first, second = ExchangeFactory(), ExchangeFactory()
    everything = Exchange.objects.all()

    by_sender = ExchangeFilterSet(
        {"municipality": first.sending_municipality_id, "country": "KG"}, queryset=everything
    )
    by_host = ExchangeFilterSet({"municipality": second.hosting_municipality_id}, everything)

    assert list(by_host.qs) == [second]
    assert list(by_sender.qs) == [first]
    # Each method filter answers to its own filterset (its data, its request), not to the last.
    for name in ("municipality", "country", "kind"):
        assert by_sender.filters[name] is not by_host.filters[name]
        assert by_sender.filters[name].parent is by_sender
        assert by_host.filters[name].parent is by_host
    assert getattr(ExchangeFilterSet.base_filters["municipality"], "parent", None) is None
