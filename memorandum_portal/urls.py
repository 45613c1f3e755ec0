"""Top-level URLs: the admin, language switching; the API and public pages join here."""

from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView

admin.site.site_header = _("Memorandum portal: Kyrgyzstan – Russia")
admin.site.site_title = _("Memorandum portal")
admin.site.index_title = _("Registry of inter-municipal cooperation")

urlpatterns = [
    path("admin/reports/", include("exchanges.report_urls")),
    path("admin/", admin.site.urls),
    path("api/", include("memorandum_portal.api_urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", RedirectView.as_view(pattern_name="admin:index", permanent=False)),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler404 = "core.views.page_not_found"
handler500 = "core.views.server_error"
