"""sitemap.xml: every public page in every language, with hreflang alternates.

Imported by the URLconf only, which Django loads once the apps are ready.
"""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from events.models import Event
from exchanges.models import BestPractice, Exchange, PartnerRequest
from partnerships.models import Municipality, Partnership, Project


class PortalSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    limit = 5000


class StaticPages(PortalSitemap):
    priority = 0.8

    def items(self):
        return [
            "partnerships:home",
            "partnerships:municipality_list",
            "partnerships:partnership_list",
            "partnerships:project_list",
            "partnerships:memorandum",
            "partnerships:statistics",
            "events:calendar",
            "exchanges:exchange_list",
            "exchanges:practice_list",
            "exchanges:request_board",
        ]

    def location(self, item):
        return reverse(item)


class ModelPages(PortalSitemap):
    """Detail pages of a model's public rows."""

    url_name = ""

    def queryset(self):  # pragma: no cover - overridden
        raise NotImplementedError

    def items(self):
        return self.queryset().order_by("pk").only("pk", "updated")

    def location(self, item):
        return reverse(self.url_name, kwargs={"pk": item.pk})

    def lastmod(self, item):
        return item.updated


def _model_sitemap(url_name: str, queryset_factory) -> type:
    return type(
        f"Sitemap_{url_name.replace(':', '_')}",
        (ModelPages,),
        {"url_name": url_name, "queryset": lambda self: queryset_factory()},
    )


SITEMAPS = {
    "pages": StaticPages,
    "municipalities": _model_sitemap("partnerships:municipality_detail", Municipality.objects.all),
    "partnerships": _model_sitemap("partnerships:partnership_detail", Partnership.objects.all),
    "projects": _model_sitemap("partnerships:project_detail", lambda: Project.objects.public()),
    "events": _model_sitemap("events:detail", lambda: Event.objects.public()),
    "exchanges": _model_sitemap("exchanges:exchange_detail", lambda: Exchange.objects.public()),
    "practices": _model_sitemap("exchanges:practice_detail", lambda: BestPractice.objects.public()),
    "requests": _model_sitemap("exchanges:request_detail", lambda: PartnerRequest.objects.open()),
}
