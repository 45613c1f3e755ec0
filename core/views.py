"""Error pages: JSON for the API, HTML for people."""

from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import defaults


def page_not_found(request, exception=None):
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": _("Not found.")}, status=404)
    return defaults.page_not_found(request, exception)


def server_error(request):
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": _("A server error occurred.")}, status=500)
    return defaults.server_error(request)


def robots_txt(request):
    """Crawlers may read the public pages; the admin, the API and downloads are not for them."""
    sitemap = request.build_absolute_uri(reverse("sitemap-index"))
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /api/",
        "Disallow: /media/",
        f"Sitemap: {sitemap}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
