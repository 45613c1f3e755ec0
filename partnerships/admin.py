from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils import formats
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationStackedInline

from accounts.roles import is_coordinator
from core.admin import ScopedHistoryAdmin, TranslatedModelAdmin, TranslatedTabularInline

from . import selectors, services
from .choices import Health, PartnershipStatus
from .forms import MemorandumAdminForm, ProjectParticipationFormSet
from .models import (
    ActivityType,
    Goal,
    Memorandum,
    Municipality,
    Partnership,
    PartnershipDocument,
    Party,
    Project,
    ProjectDocument,
    ProjectParticipation,
    Region,
    Sector,
    Signatory,
)

TRANSLATED_SEARCH = ("name_ru", "name_ky", "name_en")


@admin.register(Region)
class RegionAdmin(TranslatedModelAdmin):
    list_display = ("name", "kind", "country", "code", "federal_district")
    list_filter = ("country", "kind", "federal_district")
    search_fields = (*TRANSLATED_SEARCH, "code")


@admin.register(Sector)
class SectorAdmin(TranslatedModelAdmin):
    list_display = ("name", "code", "order")
    search_fields = (*TRANSLATED_SEARCH, "code")


@admin.register(Party)
class PartyAdmin(ScopedHistoryAdmin, TranslatedModelAdmin):
    list_display = ("abbreviation", "name", "country", "website")
    list_filter = ("country",)
    search_fields = (*TRANSLATED_SEARCH, "abbreviation_ru", "abbreviation_en", "code")


class SignatoryInline(TranslationStackedInline):
    model = Signatory
    extra = 0
    autocomplete_fields = ("party",)


class GoalInline(TranslatedTabularInline):
    model = Goal
    fields = ("number", "short_name", "text")


class ActivityTypeInline(TranslatedTabularInline):
    model = ActivityType
    fields = ("number", "short_name", "text")


@admin.register(Memorandum)
class MemorandumAdmin(ScopedHistoryAdmin, TranslatedModelAdmin):
    form = MemorandumAdminForm
    list_display = ("title", "signed_on", "place", "status")
    list_filter = ("status",)
    search_fields = ("title_ru", "title_ky", "title_en", "slug")
    date_hierarchy = "signed_on"
    inlines = (SignatoryInline, GoalInline, ActivityTypeInline)


@admin.register(Goal)
class GoalAdmin(TranslatedModelAdmin):
    list_display = ("number", "short_name", "memorandum")
    list_filter = ("memorandum",)
    search_fields = ("number", "short_name_ru", "short_name_ky", "short_name_en", "text_ru")


@admin.register(ActivityType)
class ActivityTypeAdmin(TranslatedModelAdmin):
    list_display = ("number", "short_name", "memorandum")
    list_filter = ("memorandum",)
    search_fields = ("number", "short_name_ru", "short_name_ky", "short_name_en", "text_ru")


@admin.register(Municipality)
class MunicipalityAdmin(ScopedHistoryAdmin, TranslatedModelAdmin):
    list_display = ("name", "kind", "region", "country_display", "population", "seeking_partners")
    list_filter = ("region__country", "kind", "seeking_partners", "sectors", "region")
    list_select_related = ("region",)
    search_fields = (*TRANSLATED_SEARCH, "official_code")
    autocomplete_fields = ("region", "association", "editors")
    filter_horizontal = ("sectors",)
    fieldsets = (
        (None, {"fields": ("name", "kind", "region", "official_code", "description", "emblem")}),
        (_("Figures"), {"fields": ("population", "population_year", "area_km2")}),
        (_("Location"), {"fields": ("latitude", "longitude", "timezone")}),
        (
            _("Contacts"),
            {
                "fields": (
                    "website",
                    "email",
                    "phone",
                    "head_name",
                    "head_title",
                    "liaison_name",
                    "liaison_email",
                    "liaison_phone",
                )
            },
        ),
        (
            _("Cooperation"),
            {"fields": ("sectors", "seeking_partners", "partner_wishes", "association")},
        ),
        (_("Administration"), {"fields": ("editors", "source")}),
    )
    # What only coordinators may change: identity and who edits the record.
    COORDINATOR_ONLY = ("kind", "region", "official_code", "association", "editors", "source")

    @admin.display(description=_("country"), ordering="region__country")
    def country_display(self, obj: Municipality) -> str:
        return obj.region.get_country_display()

    def scope_applies(self, request) -> bool:
        # Choosing a partner (autocomplete) searches every municipality, not only the editor's.
        match = getattr(request, "resolver_match", None)
        if match and match.url_name == "autocomplete":
            return False
        return super().scope_applies(request)

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not is_coordinator(request.user):
            fields += list(self.COORDINATOR_ONLY)
        return fields


class PartnershipDocumentInline(TranslatedTabularInline):
    model = PartnershipDocument
    fields = ("title", "file", "language", "issued_on")


@admin.action(description=_("Mark as active (agreement signed)"))
def mark_active(modeladmin, request, queryset):
    _change_status(modeladmin, request, queryset, PartnershipStatus.ACTIVE)


@admin.action(description=_("Suspend"))
def mark_suspended(modeladmin, request, queryset):
    _change_status(modeladmin, request, queryset, PartnershipStatus.SUSPENDED)


@admin.action(description=_("Terminate"))
def mark_terminated(modeladmin, request, queryset):
    _change_status(modeladmin, request, queryset, PartnershipStatus.TERMINATED)


def _change_status(modeladmin, request, queryset, status):
    changed = 0
    for partnership in queryset:
        try:
            services.partnership_change_status(partnership=partnership, status=status)
        except ValidationError as error:
            modeladmin.message_user(
                request, f"{partnership}: {' '.join(error.messages)}", messages.ERROR
            )
        else:
            changed += 1
    if changed:
        modeladmin.message_user(
            request,
            _("Status changed for %(count)d partnership(s).") % {"count": changed},
            messages.SUCCESS,
        )


class HealthFilter(admin.SimpleListFilter):
    title = _("health")
    parameter_name = "health"

    def lookups(self, request, model_admin):
        return Health.choices

    def queryset(self, request, queryset):
        if self.value() in Health.values:
            return selectors.of_health(queryset, self.value())
        return queryset


@admin.register(Partnership)
class PartnershipAdmin(ScopedHistoryAdmin, TranslatedModelAdmin):
    list_display = (
        "__str__",
        "kind",
        "status",
        "signed_display",
        "health_display",
        "last_activity_display",
    )
    list_filter = ("status", HealthFilter, "kind", "municipality_a__region__country")
    list_select_related = ("municipality_a", "municipality_b")
    search_fields = (
        "municipality_a__name_ru",
        "municipality_a__name_ky",
        "municipality_a__name_en",
        "municipality_b__name_ru",
        "municipality_b__name_ky",
        "municipality_b__name_en",
        "title_ru",
    )
    autocomplete_fields = ("municipality_a", "municipality_b")
    filter_horizontal = ("sectors",)
    inlines = (PartnershipDocumentInline,)
    actions = (mark_active, mark_suspended, mark_terminated)
    fieldsets = (
        (None, {"fields": ("municipality_a", "municipality_b", "kind", "status", "title")}),
        (
            _("Dates"),
            {
                "fields": (
                    "proposed_on",
                    "negotiations_started_on",
                    ("signed_on", "signed_on_precision"),
                    "suspended_on",
                    "terminated_on",
                )
            },
        ),
        (_("Content"), {"fields": ("description", "sectors", "source")}),
    )

    @admin.display(description=_("signed"), ordering="signed_on")
    def signed_display(self, obj: Partnership) -> str:
        return services.format_partial_date(obj.signed_on, obj.signed_on_precision)

    @admin.display(description=_("health"), ordering="health")
    def health_display(self, obj: Partnership) -> str:
        return Health(obj.health).label

    @admin.display(description=_("last activity"), ordering="last_activity_on")
    def last_activity_display(self, obj: Partnership) -> str:
        if obj.last_activity_on == selectors.NO_ACTIVITY:
            return "—"
        return formats.date_format(obj.last_activity_on, "DATE_FORMAT")

    def get_queryset(self, request):
        return selectors.with_health(super().get_queryset(request))

    def save_model(self, request, obj, form, change):
        obj.stamp_step_date()
        super().save_model(request, obj, form, change)


class ProjectParticipationInline(admin.TabularInline):
    model = ProjectParticipation
    formset = ProjectParticipationFormSet
    autocomplete_fields = ("municipality",)
    extra = 0
    min_num = 1

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.current_user = request.user
        return formset


class ProjectDocumentInline(TranslatedTabularInline):
    model = ProjectDocument
    fields = ("title", "file", "language", "issued_on")


@admin.register(Project)
class ProjectAdmin(ScopedHistoryAdmin, TranslatedModelAdmin):
    list_display = (
        "title",
        "kind",
        "status",
        "starts_on",
        "ends_on",
        "budget",
        "currency",
        "is_demo",
    )
    list_filter = ("status", "kind", "goals", "activity_types", "is_demo")
    search_fields = ("title_ru", "title_ky", "title_en")
    date_hierarchy = "starts_on"
    autocomplete_fields = ("partnership",)
    filter_horizontal = ("goals", "activity_types", "sectors")
    inlines = (ProjectParticipationInline, ProjectDocumentInline)
    # An editor's project must keep one of their municipalities among the participants.
    scope_checked_by_inlines = True
    fieldsets = (
        (None, {"fields": ("title", "kind", "status", "partnership", "is_demo")}),
        (_("Content"), {"fields": ("summary", "results", "goals", "activity_types", "sectors")}),
        (_("Dates and budget"), {"fields": ("starts_on", "ends_on", ("budget", "currency"))}),
    )
