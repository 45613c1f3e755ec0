"""The API's JSON renderer: DRF's, passing through bodies the database already wrote."""

import json

from rest_framework.renderers import JSONRenderer

from core.api.json_rows import RenderedJSON


class PortalJSONRenderer(JSONRenderer):
    """DRF's JSON renderer that sends a list page written by PostgreSQL (core.api.json_rows)
    as it is, with the same escaping of U+2028 and U+2029 DRF applies; a client asking for
    indented JSON gets it re-indented."""

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if isinstance(data, RenderedJSON):
            if self.get_indent(accepted_media_type, renderer_context or {}) is None:
                return data.text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029").encode()
            data = json.loads(data.text)
        return super().render(data, accepted_media_type, renderer_context)
