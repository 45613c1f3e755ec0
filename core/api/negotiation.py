"""DRF's content negotiation with its answer kept per process.

Why: which renderer answers depends only on the view's renderers, the requested format and the
Accept header, and nearly every request of a client repeats the same ones; parsing the Accept
header and matching it against the renderers was about 15 µs of a 1 ms cold list (make bench).
A request that DRF refuses (an unknown format, nothing acceptable) is refused every time, as
before, and never kept.
"""

from rest_framework.negotiation import DefaultContentNegotiation

KEPT = 256

# (renderer classes, format, Accept header) -> (the chosen renderer's class, the media type)
_chosen: dict[tuple, tuple[type, str]] = {}


class PortalContentNegotiation(DefaultContentNegotiation):
    def select_renderer(self, request, renderers, format_suffix=None):
        format = format_suffix or request.query_params.get(self.settings.URL_FORMAT_OVERRIDE)
        key = (tuple(map(type, renderers)), format, request.META.get("HTTP_ACCEPT"))
        chosen = _chosen.get(key)
        if chosen is not None:
            renderer_class, media_type = chosen
            for renderer in renderers:
                if type(renderer) is renderer_class:
                    return renderer, media_type
        renderer, media_type = super().select_renderer(request, renderers, format_suffix)
        if len(_chosen) >= KEPT:
            _chosen.clear()
        _chosen[key] = (type(renderer), media_type)
        return renderer, media_type
