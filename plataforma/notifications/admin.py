"""Notifications in the technical administration: a read-only list for staff, to answer "was
it sent?". It shows delivery metadata only, not the title or the text (they may hold personal
data), and nothing can be added, changed or deleted here."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import Notification, NotificationPreference


class _ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_staff


@admin.register(Notification)
class NotificationAdmin(_ReadOnlyAdmin):
    list_display = ("id", "user_id", "category", "company_id", "created_at", "read_at", "emailed_at")
    list_filter = (
        "category",
        ("read_at", admin.EmptyFieldListFilter),
        ("emailed_at", admin.EmptyFieldListFilter),
    )
    fields = ("id", "user_id", "company_id", "category", "created_at", "read_at", "emailed_at")
    readonly_fields = fields
    search_fields = ("=id", "=user__id")
    date_hierarchy = "created_at"
    show_full_result_count = False

    @admin.display(description=_("destinatário (identificador)"))
    def user_id(self, obj):
        return obj.user_id

    @admin.display(description=_("empresa (identificador)"))
    def company_id(self, obj):
        return obj.company_id or "—"


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(_ReadOnlyAdmin):
    list_display = ("user_id", "email", "updated_at")
    list_filter = ("email",)
    fields = ("user_id", "email", "created_at", "updated_at")
    readonly_fields = fields
    search_fields = ("=user__id",)

    @admin.display(description=_("pessoa (identificador)"))
    def user_id(self, obj):
        return obj.user_id
