"""Who may do what through the API.

Anyone may read what is public. Writing needs a token (or a staff session) of a coordinator or
of a municipality editor; an editor may only change records of their own municipalities
(checked on the object for updates and deletes, and on the new values for creates and updates,
in the serializers).
"""

from rest_framework.permissions import SAFE_METHODS, BasePermission

from accounts.roles import editor_municipality_ids, is_coordinator


def can_write(user) -> bool:
    return is_coordinator(user) or bool(editor_municipality_ids(user))


ACTIONS = {"POST": "add", "PUT": "change", "PATCH": "change", "DELETE": "delete"}


def has_model_permission(user, model, method: str) -> bool:
    """An editor writes through the API what the roles table lets them write in the admin
    (accounts.roles): adding municipalities or deleting partnerships, for example, is not
    theirs to do in either."""
    if is_coordinator(user):
        return True
    opts = model._meta
    return user.has_perm(f"{opts.app_label}.{ACTIONS[method]}_{opts.model_name}")


def _model(view):
    return getattr(view, "permission_model", None) or view.get_queryset().model


class PortalPermission(BasePermission):
    message = None  # DRF's own translated message

    def has_permission(self, request, view) -> bool:
        if request.method in SAFE_METHODS:
            return True
        if not (request.user and request.user.is_authenticated):
            return False
        if getattr(view, "coordinators_only", False):
            return is_coordinator(request.user)
        return can_write(request.user) and has_model_permission(
            request.user, _model(view), request.method
        )

    def has_object_permission(self, request, view, obj) -> bool:
        if request.method in SAFE_METHODS:
            return True
        if getattr(view, "coordinators_only", False):
            return is_coordinator(request.user)
        is_editable_by = getattr(obj, "is_editable_by", None)
        if is_editable_by is None:
            return is_coordinator(request.user)
        return is_editable_by(request.user)
