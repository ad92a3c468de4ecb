"""The admin holds only the ouvidoria's subjects (classification list). Manifestações, their
authors and answers are never edited here: they change only through the audited services and
the ouvidoria's pages (ADR 0029)."""

from django.contrib import admin

from .models import Subject


@admin.register(Subject)
class SubjectAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "is_active")
    list_filter = ("is_active",)
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}

    def has_delete_permission(self, request, obj=None):
        # a subject in use is kept for the reports: retire it with "em uso" instead
        return obj is not None and not obj.manifestations.exists()
