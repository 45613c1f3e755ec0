"""Admin building blocks shared by the apps: role scoping and translated tabs."""

from django.apps import apps
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline
from simple_history.admin import SimpleHistoryAdmin

from accounts.roles import editor_municipality_ids, is_coordinator

from .scoping import ScopedModel


def _links_to_municipalities(model, form_fields) -> list[str]:
    """Form fields that tie a record to municipalities: relations to Municipality or to
    another municipality-owned (scoped) record."""
    Municipality = apps.get_model("partnerships", "Municipality")
    names = []
    for name in form_fields:
        try:
            field = model._meta.get_field(name)
        except Exception:
            continue
        related = getattr(field, "related_model", None)
        if (
            isinstance(field, models.ForeignKey | models.ManyToManyField)
            and related
            and (related is Municipality or issubclass(related, ScopedModel))
        ):
            names.append(name)
    return names


def scope_error(user, model, cleaned_data: dict, form_fields) -> ValidationError | None:
    """Why an editor may not save a record with these values (None when they may): it must
    involve one of their municipalities, directly or through a record of theirs."""
    if is_coordinator(user) or not issubclass(model, ScopedModel):
        return None
    links = _links_to_municipalities(model, form_fields)
    if not links:
        return None
    Municipality = apps.get_model("partnerships", "Municipality")
    own = editor_municipality_ids(user)
    for name in links:
        value = cleaned_data.get(name)
        if isinstance(value, Municipality) and value.pk in own:
            return None
        if isinstance(value, models.QuerySet | list):
            values = list(value)
            if any(isinstance(v, Municipality) and v.pk in own for v in values):
                return None
        if isinstance(value, ScopedModel) and value.is_editable_by(user):
            return None
    return ValidationError(
        _("You can only save records that involve one of your own municipalities."),
        code="outside_scope",
    )


class ScopedAdminMixin:
    """Editors see and change only their municipalities' rows; coordinators see everything.

    The list, the change form and the delete action all go through ``editable_by``; the form
    gets the request's user as ``form.current_user`` for the checks that need the new values.
    """

    def scope_applies(self, request) -> bool:
        return issubclass(self.model, ScopedModel) and not is_coordinator(request.user)

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if self.scope_applies(request):
            return queryset.editable_by(request.user)
        return queryset

    # Set where the scope is checked elsewhere (e.g. a project's participations inline).
    scope_checked_by_inlines = False

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        # modelform_factory made a fresh class for this request, so a class attribute is safe.
        form.current_user = request.user
        if not self.scope_checked_by_inlines:
            model = self.model
            clean = form.clean

            def clean_within_scope(form_self):
                cleaned = clean(form_self)
                error = scope_error(request.user, model, form_self.cleaned_data, form_self.fields)
                if error is not None:
                    form_self.add_error(None, error)
                return cleaned

            form.clean = clean_within_scope
        return form


class ScopedHistoryAdmin(SimpleHistoryAdmin):
    """simple-history's history pages, limited to the records the user may see: its own views
    look rows up without the admin's scoped queryset, and its revert form would let an editor
    overwrite another municipality's record."""

    def _check_scope(self, request, object_id) -> None:
        if not self.get_queryset(request).filter(pk=object_id).exists():
            raise Http404

    def history_view(self, request, object_id, extra_context=None):
        self._check_scope(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        self._check_scope(request, object_id)
        return super().history_form_view(request, object_id, version_id, extra_context)


class PortalModelAdmin(ScopedAdminMixin, admin.ModelAdmin):
    """A model without translated fields."""


class TranslatedModelAdmin(ScopedAdminMixin, TabbedTranslationAdmin):
    """A model with translated fields: one tab per language."""


class TranslatedTabularInline(TranslationTabularInline):
    extra = 0
