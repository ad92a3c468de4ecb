from django.contrib import admin

from .models import AuditEvent


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
