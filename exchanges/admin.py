from django.contrib import admin
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _

from core import versioning
from core.admin import (
    PortalModelAdmin,
    ScopedHistoryAdmin,
    TranslatedModelAdmin,
    TranslatedTabularInline,
)

from .choices import PartnerRequestStatus
from .forms import PartnerRequestAnswerAdminForm
from .models import (
    Adoption,
    BestPractice,
    BestPracticeDocument,
    DigestDelivery,
    Exchange,
    ExchangeDocument,
    PartnerRequest,
    PartnerRequestAnswer,
)
from .suggestions import suggest_for_request


class ExchangeDocumentInline(TranslatedTabularInline):
    model = ExchangeDocument
    fields = ("title", "file", "language", "issued_on")


@admin.register(Exchange)
class ExchangeAdmin(ScopedHistoryAdmin, TranslatedModelAdmin):
    list_display = (
        "title",
        "kind",
        "sending_municipality",
        "hosting_municipality",
        "starts_on",
        "ends_on",
        "participants_count",
        "youth_count",
        "is_public",
    )
    list_filter = (
        "kind",
        "starts_on",
        "sending_municipality__region__country",
        "goals",
        "is_public",
        "is_demo",
    )
    list_select_related = ("sending_municipality", "hosting_municipality")
    date_hierarchy = "starts_on"
    search_fields = ("title_ru", "title_ky", "title_en")
    autocomplete_fields = (
        "sending_municipality",
        "hosting_municipality",
        "partnership",
        "event",
        "project",
    )
    filter_horizontal = ("goals", "activity_types", "sectors")
    inlines = (ExchangeDocumentInline,)
    fieldsets = (
        (None, {"fields": ("title", "kind", "is_public", "is_demo")}),
        (
            _("Who and when"),
            {
                "fields": (
                    "sending_municipality",
                    "hosting_municipality",
                    ("starts_on", "ends_on"),
                    ("participants_count", "youth_count"),
                )
            },
        ),
        (_("Content"), {"fields": ("programme", "outcomes", "goals", "activity_types", "sectors")}),
        (_("Related records"), {"fields": ("partnership", "event", "project")}),
    )


class BestPracticeDocumentInline(TranslatedTabularInline):
    model = BestPracticeDocument
    fields = ("title", "file", "language", "issued_on")


class AdoptionInline(TranslatedTabularInline):
    model = Adoption
    fields = ("municipality", "adopted_on", "result")
    autocomplete_fields = ("municipality",)


@admin.register(BestPractice)
class BestPracticeAdmin(ScopedHistoryAdmin, TranslatedModelAdmin):
    list_display = (
        "title",
        "municipality",
        "sector",
        "is_published",
        "published_on",
        "adoption_count",
    )
    list_filter = ("sector", "is_published", "municipality__region__country", "is_demo")
    list_select_related = ("municipality", "sector")
    search_fields = ("title_ru", "title_ky", "title_en", "summary_ru")
    autocomplete_fields = ("municipality",)
    inlines = (AdoptionInline, BestPracticeDocumentInline)

    @admin.display(description=_("adopted by"))
    def adoption_count(self, practice: BestPractice) -> int:
        return practice.adoptions.count()


class PartnerRequestAnswerInline(admin.StackedInline):
    model = PartnerRequestAnswer
    extra = 0
    autocomplete_fields = ("municipality", "partnership")
    fields = ("municipality", "message", "contact_name", "contact_email", "partnership")


@admin.action(description=_("Close the selected requests"))
def close_requests(modeladmin, request, queryset):
    updated = queryset.filter(status=PartnerRequestStatus.OPEN).update(
        status=PartnerRequestStatus.CLOSED, closed_on=timezone.localdate()
    )
    # A bulk UPDATE sends no signals: renew the table's stamp by hand, or API clients would keep
    # getting "not modified" for lists that show these requests open.
    versioning.bump(PartnerRequest._meta.label)
    modeladmin.message_user(request, _("%(count)d request(s) closed.") % {"count": updated})


@admin.register(PartnerRequestAnswer)
class PartnerRequestAnswerAdmin(PortalModelAdmin):
    """Editors answer other municipalities' requests here, for their own municipality."""

    form = PartnerRequestAnswerAdminForm
    list_display = ("request", "municipality", "partnership", "created")
    list_filter = ("request__status",)
    list_select_related = ("request", "municipality", "partnership")
    search_fields = ("request__title_ru", "municipality__name_ru", "message")
    autocomplete_fields = ("request", "municipality", "partnership")


@admin.register(PartnerRequest)
class PartnerRequestAdmin(ScopedHistoryAdmin, TranslatedModelAdmin):
    list_display = (
        "title",
        "municipality",
        "country",
        "status",
        "valid_until",
        "answer_count",
        "created",
    )
    list_filter = ("status", "country", "sectors", "municipality__region__country", "is_demo")
    list_select_related = ("municipality",)
    search_fields = ("title_ru", "title_ky", "title_en", "purpose_ru")
    autocomplete_fields = ("municipality",)
    filter_horizontal = ("sectors",)
    inlines = (PartnerRequestAnswerInline,)
    actions = (close_requests,)
    readonly_fields = ("suggested_partners",)

    def scope_applies(self, request) -> bool:
        # Answering a request means choosing it: every editor may search all requests.
        match = getattr(request, "resolver_match", None)
        if match and match.url_name == "autocomplete":
            return False
        return super().scope_applies(request)

    @admin.display(description=_("answers"))
    def answer_count(self, partner_request: PartnerRequest) -> int:
        return partner_request.answers.count()

    @admin.display(description=_("suggested partners"))
    def suggested_partners(self, partner_request: PartnerRequest) -> str:
        if not partner_request.pk:
            return "—"
        suggestions = suggest_for_request(request=partner_request)
        if not suggestions:
            return _("No candidates match the request.")
        return format_html_join(
            "",
            "<p><strong>{}</strong> ({}): {}</p>",
            ((s.municipality, s.municipality.region, "; ".join(s.reasons)) for s in suggestions),
        )


@admin.register(DigestDelivery)
class DigestDeliveryAdmin(PortalModelAdmin):
    list_display = ("recipient", "week", "sent_at")
    list_filter = ("week",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
