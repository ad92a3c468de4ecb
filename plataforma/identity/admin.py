from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import AgencyRole, User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ("full_name",)
    list_display = ("full_name", "masked_cpf", "is_active", "is_staff")
    search_fields = ("full_name", "cpf")
    fieldsets = (
        (None, {"fields": ("cpf", "password")}),
        (_("Dados pessoais"), {"fields": ("full_name", "social_name", "email")}),
        (_("Permissões"), {"fields": ("is_active", "is_staff", "is_superuser")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("cpf", "full_name", "password1", "password2")}),
    )
    readonly_fields = ("date_joined",)


@admin.register(AgencyRole)
class AgencyRoleAdmin(admin.ModelAdmin):
    list_display = ("user", "agency", "role", "granted_at", "revoked_at")
    list_filter = ("role", "agency")
    autocomplete_fields = ("user", "agency")
    readonly_fields = ("granted_by", "granted_at", "revoked_at")

    def save_model(self, request, obj, form, change):
        # Roles change only through the audited services.
        from .services import agency_role_grant

        if not change:
            grant = agency_role_grant(actor=request.user, user=obj.user, agency=obj.agency, role=obj.role)
            obj.pk = grant.pk

    def has_change_permission(self, request, obj=None):
        return False
