"""Top-level URLs: the admin, language switching; the API and public pages join here."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from core import views as public_views
from core.media import serve_media
from core.sitemaps import SITEMAPS

admin.site.site_header = _("Memorandum portal: Kyrgyzstan – Russia")
admin.site.site_title = _("Memorandum portal")
admin.site.index_title = _("Registry of inter-municipal cooperation")

urlpatterns = [
    path("admin/reports/", include("exchanges.report_urls")),
    path("admin/", admin.site.urls),
    path("api/", include("memorandum_portal.api_urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("robots.txt", public_views.robots_txt, name="robots"),
    # Uploaded files, served with permission checks and as downloads (core.media).
    path("media/<path:name>", serve_media, name="media"),
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"},
        name="sitemap-index",
    ),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS},
        name="sitemap-section",
    ),
]

# The public pages, under /ru/, /ky/ and /en/; "/" sends a visitor to their language.
urlpatterns += i18n_patterns(
    path("", include("partnerships.urls")),
    path("events/", include("events.urls")),
    path("", include("exchanges.urls")),
    prefix_default_language=True,
)


handler404 = "core.views.page_not_found"
handler500 = "core.views.server_error"

# The benchmark's raw-SQL floor views (bench/), only when BENCH_FLOOR_VIEWS is set.
if settings.BENCH_FLOOR_VIEWS:
    urlpatterns += [path("bench/", include("bench.urls"))]
