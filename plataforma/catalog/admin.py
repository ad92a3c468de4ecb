"""Technical administration only. Editors use the back office at /gestao/carta/; the admin
never edits services or versions directly, so the workflow and audit trail cannot be bypassed.
"""

from django.contrib import admin

from .models import Agency, Category, ServiceUnit


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ("acronym", "name", "administration", "is_active")
    list_filter = ("administration", "is_active")
    search_fields = ("acronym", "name")
    prepopulated_fields = {"slug": ("acronym",)}


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ("name", "slug")
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}


@admin.register(ServiceUnit)
class ServiceUnitAdmin(admin.ModelAdmin):
    list_display = ("name", "agency", "city")
    list_filter = ("agency",)
    search_fields = ("name", "city")
