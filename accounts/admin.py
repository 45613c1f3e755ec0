from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ("username", "email", "first_name", "last_name", "is_staff", "is_active")
    list_filter = ("is_staff", "is_active", "groups", "preferred_language")
    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        (_("Portal"), {"fields": ("position", "preferred_language", "edited_municipalities_list")}),
    )
    readonly_fields = ("edited_municipalities_list", "last_login", "date_joined")

    @admin.display(description=_("municipalities this user edits"))
    def edited_municipalities_list(self, obj: User) -> str:
        names = [str(m) for m in obj.edited_municipalities.all()] if obj.pk else []
        return ", ".join(names) or "—"

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        # Only a superuser grants superuser status or raw permissions; coordinators use groups.
        if not request.user.is_superuser:
            fields += ["is_superuser", "user_permissions"]
        return fields
