import zoneinfo

from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from accounts.roles import is_coordinator
from core.admin import (
    PortalModelAdmin,
    ScopedHistoryAdmin,
    TranslatedModelAdmin,
    TranslatedTabularInline,
)

from . import services
from .choices import ResolutionStatus
from .forms import EventAdminForm, ParticipantAdminForm, format_offsets
from .messages import format_moment
from .models import (
    AgendaItem,
    ConsentText,
    Event,
    EventDocument,
    Participant,
    ReminderDelivery,
    Resolution,
    WorkingGroup,
    WorkingGroupMember,
)


def resolutions_table(resolutions) -> str:
    """Open and overdue resolutions as a small HTML table for a change page."""
    rows = [r for r in resolutions if r.status == ResolutionStatus.OPEN]
    if not rows:
        return _("No open resolutions.")
    return format_html(
        "<table><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead>"
        "<tbody>{}</tbody></table>",
        _("decision"),
        _("responsible"),
        _("due on"),
        _("status"),
        format_html_join(
            "",
            '<tr><td><a href="{}">{}</a></td><td>{}</td><td>{}</td><td>{}</td></tr>',
            (
                (
                    reverse("admin:events_resolution_change", args=[r.pk]),
                    str(r)[:80],
                    r.responsible_municipality or r.responsible_party or "—",
                    r.due_on or "—",
                    _("overdue") if r.is_overdue else _("open"),
                )
                for r in rows
            ),
        ),
    )


class WorkingGroupMemberInline(admin.TabularInline):
    model = WorkingGroupMember
    extra = 0
    autocomplete_fields = ("party", "municipality")


@admin.register(WorkingGroup)
class WorkingGroupAdmin(ScopedHistoryAdmin, TranslatedModelAdmin):
    list_display = ("name", "is_active", "meeting_count")
    list_filter = ("is_active", "parties")
    search_fields = ("name_ru", "name_ky", "name_en")
    filter_horizontal = ("parties",)
    inlines = (WorkingGroupMemberInline,)
    readonly_fields = ("open_resolutions",)
    fields = ("name", "description", "parties", "is_active", "open_resolutions")

    @admin.display(description=_("meetings"))
    def meeting_count(self, group: WorkingGroup) -> int:
        return group.meetings.count()

    @admin.display(description=_("open and overdue resolutions"))
    def open_resolutions(self, group: WorkingGroup) -> str:
        if not group.pk:
            return "—"
        return resolutions_table(
            Resolution.objects.filter(event__working_group=group).select_related(
                "responsible_party", "responsible_municipality"
            )
        )


class AgendaItemInline(TranslatedTabularInline):
    model = AgendaItem
    fields = ("order", "starts_at", "title", "speaker")


class ParticipantInline(admin.TabularInline):
    model = Participant
    form = ParticipantAdminForm
    extra = 0
    autocomplete_fields = ("municipality",)
    fields = (
        "name",
        "email",
        "organisation",
        "municipality",
        "role",
        "preferred_language",
        "timezone",
        "attendance",
        "consent",
    )
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("municipality")


class EventDocumentInline(TranslatedTabularInline):
    model = EventDocument
    fields = ("title", "file", "language", "issued_on")


class ResolutionInline(TranslatedTabularInline):
    model = Resolution
    fields = (
        "text",
        "responsible_party",
        "responsible_municipality",
        "contact_name",
        "contact_email",
        "contact_language",
        "due_on",
        "status",
        "done_on",
        "overdue",
    )
    readonly_fields = ("overdue",)
    autocomplete_fields = ("responsible_party", "responsible_municipality")

    @admin.display(description=_("overdue"), boolean=True)
    def overdue(self, resolution: Resolution) -> bool:
        return resolution.is_overdue


@admin.action(description=_("Send a test reminder to me"))
def send_test_reminder(modeladmin, request, queryset):
    for event in queryset:
        try:
            services.reminder_send_test(event=event, user=request.user)
        except ValidationError as error:
            modeladmin.message_user(request, " ".join(error.messages), messages.ERROR)
            return
        except OSError as error:
            modeladmin.message_user(
                request,
                _("The mail server refused the message: %(error)s") % {"error": error},
                messages.ERROR,
            )
            return
    modeladmin.message_user(
        request,
        _("Test reminder sent to %(email)s.") % {"email": request.user.email},
        messages.SUCCESS,
    )


@admin.action(description=_("Cancel the selected events (participants are notified)"))
def cancel_events(modeladmin, request, queryset):
    for event in queryset:
        try:
            services.event_cancel(event=event)
        except ValidationError as error:
            modeladmin.message_user(request, f"{event}: {' '.join(error.messages)}", messages.ERROR)


@admin.register(Event)
class EventAdmin(ScopedHistoryAdmin, TranslatedModelAdmin):
    form = EventAdminForm
    list_display = (
        "title",
        "kind",
        "status",
        "local_start",
        "host_municipality",
        "working_group",
        "is_public",
        "participant_count",
    )
    list_filter = ("kind", "status", "starts_at", "working_group", "is_public", "is_demo")
    list_select_related = ("host_municipality", "working_group")
    date_hierarchy = "starts_at"
    search_fields = ("title_ru", "title_ky", "title_en", "venue_ru")
    autocomplete_fields = (
        "host_municipality",
        "organising_municipalities",
        "working_group",
        "partnership",
        "project",
    )
    filter_horizontal = ("organising_parties", "goals", "activity_types")
    inlines = (AgendaItemInline, ParticipantInline, ResolutionInline, EventDocumentInline)
    actions = (send_test_reminder, cancel_events)
    readonly_fields = ("reminder_log", "sequence")
    fieldsets = (
        (None, {"fields": ("title", "kind", "status", "is_public", "is_demo")}),
        (
            _("Time and place"),
            {
                "fields": (
                    "timezone",
                    ("starts_at", "ends_at"),
                    "venue",
                    "host_municipality",
                    "online_url",
                ),
                "description": _("Times are entered and shown in the event's own time zone."),
            },
        ),
        (
            _("Organisers and links"),
            {
                "fields": (
                    "organising_parties",
                    "organising_municipalities",
                    "working_group",
                    "partnership",
                    "project",
                    "goals",
                    "activity_types",
                )
            },
        ),
        (_("Content"), {"fields": ("description", "outcomes")}),
        (
            _("Reminders"),
            {"fields": ("reminders_enabled", "reminder_offsets", "reminder_note", "reminder_log")},
        ),
    )

    @admin.display(description=_("starts"), ordering="starts_at")
    def local_start(self, event: Event) -> str:
        return format_moment(event.starts_at, event.timezone)

    @admin.display(description=_("participants"))
    def participant_count(self, event: Event) -> int:
        return event.participants.count()

    @admin.display(description=_("reminder log"))
    def reminder_log(self, event: Event) -> str:
        if not event.pk:
            return "—"
        offsets = format_offsets(event.effective_reminder_offsets) or _("off")
        url = reverse("admin:events_reminderdelivery_changelist") + f"?event__id__exact={event.pk}"
        return format_html(
            '{}: {} · <a href="{}">{}</a>',
            _("reminders at"),
            offsets,
            url,
            _("%(count)d message(s) in the log") % {"count": event.deliveries.count()},
        )

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        """Show and read the times in the event's own time zone, not the portal's."""
        zone_name = request.POST.get("timezone")
        if not zone_name and object_id:
            zone_name = (
                Event.objects.filter(pk=object_id).values_list("timezone", flat=True).first()
            )
        try:
            zone = zoneinfo.ZoneInfo(zone_name or settings.TIME_ZONE)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
        with timezone.override(zone):
            response = super().changeform_view(request, object_id, form_url, extra_context)
            # A TemplateResponse renders after the view returns; render it in the zone too.
            if hasattr(response, "render"):
                response.render()
            return response


@admin.action(description=_("Erase the personal data of the selected participants"))
def erase_personal_data(modeladmin, request, queryset):
    if not is_coordinator(request.user):
        modeladmin.message_user(
            request, _("Only coordinators may erase personal data."), messages.ERROR
        )
        return
    for participant in queryset:
        services.participant_erase(participant=participant)
    modeladmin.message_user(
        request,
        _("Personal data erased for %(count)d participant(s).") % {"count": queryset.count()},
        messages.SUCCESS,
    )


@admin.register(Participant)
class ParticipantAdmin(PortalModelAdmin):
    form = ParticipantAdminForm
    list_display = (
        "__str__",
        "email",
        "event",
        "municipality",
        "role",
        "attendance",
        "preferred_language",
        "consent_given_at",
        "erased_at",
    )
    list_filter = (
        "attendance",
        "role",
        "preferred_language",
        "event__kind",
        ("erased_at", admin.EmptyFieldListFilter),
    )
    list_select_related = ("event", "municipality")
    search_fields = ("name", "email", "organisation")
    autocomplete_fields = ("event", "municipality")
    readonly_fields = ("consent_text", "consent_given_at", "erased_at")
    fields = (
        "event",
        "name",
        "email",
        "organisation",
        "municipality",
        "role",
        "preferred_language",
        "timezone",
        "attendance",
        "consent",
        "consent_text",
        "consent_given_at",
        "erased_at",
    )
    actions = (erase_personal_data,)


@admin.register(Resolution)
class ResolutionAdmin(ScopedHistoryAdmin, TranslatedModelAdmin):
    list_display = (
        "__str__",
        "event",
        "responsible_party",
        "responsible_municipality",
        "due_on",
        "status",
        "overdue",
    )
    list_filter = ("status", "due_on", "event__working_group")
    list_select_related = ("event", "responsible_party", "responsible_municipality")
    search_fields = ("text_ru", "text_ky", "text_en", "contact_name")
    autocomplete_fields = ("event", "responsible_party", "responsible_municipality")

    @admin.display(description=_("overdue"), boolean=True)
    def overdue(self, resolution: Resolution) -> bool:
        return resolution.is_overdue


@admin.register(ReminderDelivery)
class ReminderDeliveryAdmin(PortalModelAdmin):
    """The reminder log: what went out to whom and when, read-only."""

    list_display = (
        "kind",
        "event",
        "recipient",
        "offset_minutes",
        "due_at",
        "status",
        "sent_at",
        "attempts",
        "skip_reason",
        "last_error",
    )
    list_filter = ("status", "kind", "skip_reason", "due_at")
    list_select_related = ("event", "participant", "resolution")
    search_fields = ("event__title_ru", "participant__email")
    date_hierarchy = "due_at"

    @admin.display(description=_("recipient"))
    def recipient(self, delivery: ReminderDelivery) -> str:
        if delivery.participant_id:
            return str(delivery.participant)
        return delivery.resolution.contact_email if delivery.resolution_id else "—"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ConsentText)
class ConsentTextAdmin(TranslatedModelAdmin):
    list_display = ("version", "published_on")
