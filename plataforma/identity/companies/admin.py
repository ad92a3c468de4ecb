"""Companies and ties in the technical administration: ties are read-only (they change only
through the audited services and pages); a company's razão social and nome fantasia may be
corrected, audited, since the first requester types them (ADR 0016)."""

from django.contrib import admin
from django.db import transaction

from plataforma.common.audit import audit_record

from .models import Company, CompanyTie


@admin.register(Company)
class CompanyAdmin(admin.ModelAdmin):
    list_display = ("legal_name", "cnpj_display", "trade_name", "created_at")
    search_fields = ("legal_name", "trade_name", "cnpj")
    fields = ("cnpj", "legal_name", "trade_name", "created_at")
    readonly_fields = ("cnpj", "created_at")

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            audit_record(
                actor=request.user,
                action="identity.companies.company_admin_change",
                target=obj,
                changes=dict.fromkeys(form.changed_data, "alterado"),
            )


@admin.register(CompanyTie)
class CompanyTieAdmin(admin.ModelAdmin):
    list_display = ("company", "user", "role", "status", "expires_at", "requested_at")
    list_filter = ("status", "role")
    search_fields = ("company__legal_name", "company__cnpj")
    list_select_related = ("company", "user")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
