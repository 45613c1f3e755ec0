"""Admin building blocks shared by the apps: role scoping and translated tabs."""

from django.contrib import admin
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline

from accounts.roles import is_coordinator

from .scoping import ScopedModel


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

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        # modelform_factory made a fresh class for this request, so a class attribute is safe.
        form.current_user = request.user
        return form


class PortalModelAdmin(ScopedAdminMixin, admin.ModelAdmin):
    """A model without translated fields."""


class TranslatedModelAdmin(ScopedAdminMixin, TabbedTranslationAdmin):
    """A model with translated fields: one tab per language."""


class TranslatedTabularInline(TranslationTabularInline):
    extra = 0
