from django.contrib import admin
from django.db import transaction

from .calendar import holiday_delete, holiday_save
from .models import AuditEvent, AuthenticatedDocument, Holiday, ProtocolSequence


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: the audit trail is append-only, nobody edits or deletes it."""

    list_display = (
        "occurred_at",
        "kind",
        "action",
        "actor_label",
        "on_behalf_of_label",
        "target_label",
        "ip_address",
    )
    list_filter = ("kind", "action")
    search_fields = ("action", "target_id", "target_label", "request_id")
    date_hierarchy = "occurred_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Holiday)
class HolidayAdmin(admin.ModelAdmin):
    """Staff add state decrees (pontos facultativos, transferred holidays) here. Saves and
    deletions go through the calendar services: validated, audited, cache refreshed."""

    list_display = ("date", "name", "scope", "municipality")
    list_filter = ("scope", "municipality")
    search_fields = ("name", "municipality")
    date_hierarchy = "date"
    ordering = ("-date",)

    def save_model(self, request, obj, form, change):
        holiday_save(actor=request.user, holiday=obj)

    def delete_model(self, request, obj):
        holiday_delete(actor=request.user, holiday=obj)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            for holiday in queryset:
                holiday_delete(actor=request.user, holiday=holiday)


@admin.register(AuthenticatedDocument)
class AuthenticatedDocumentAdmin(admin.ModelAdmin):
    """Read-only: documents are registered by the services that issue them; the public page
    /autenticidade/ is where anyone checks one."""

    list_display = ("display_code", "kind_label", "reference", "issuer_label", "issued_at", "revoked_at")
    list_filter = ("kind",)
    search_fields = ("code", "reference")
    date_hierarchy = "issued_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ProtocolSequence)
class ProtocolSequenceAdmin(admin.ModelAdmin):
    """Read-only: counters move only through protocols.protocol_issue."""

    list_display = ("prefix", "year", "last_number")
    list_filter = ("year",)
    search_fields = ("prefix",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
