"""The technical administration of accounts. Not an omnipotent back office: the level changes only
through the levels services (prata/ouro validations), the CPF is fixed once the account exists,
passwords only through Django's own form, and every change to someone's account is audited."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from plataforma.common.audit import audit_record

from .models import AgencyRole, SignInSession, User

AUDITED_VALUES = {"is_active", "is_staff", "is_superuser"}  # the others: field names only (LGPD)


class AccountCreationForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ("cpf", "full_name", "email")


class ActiveSignInSessionInline(admin.TabularInline):
    model = SignInSession
    verbose_name = _("sessão aberta")
    verbose_name_plural = _("sessões abertas")
    fields = ("device_label", "ip_address", "auth_time", "last_seen_at", "acr", "amr")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = False

    def get_queryset(self, request):
        return super().get_queryset(request).filter(ended_at__isnull=True)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    add_form = AccountCreationForm
    ordering = ("full_name",)
    list_display = ("full_name", "masked_cpf", "level", "email_verified", "is_active", "is_staff")
    list_filter = ("level", "is_active", "is_staff")
    search_fields = ("full_name", "cpf")
    fieldsets = (
        (None, {"fields": ("cpf", "password")}),
        (
            _("Dados pessoais"),
            {
                "fields": (
                    "full_name",
                    "social_name",
                    "email",
                    "email_verified_at",
                    "pending_email",
                    "phone_number",
                )
            },
        ),
        (_("Nível da conta"), {"fields": ("level", "level_changed_at")}),
        (_("Permissões"), {"fields": ("is_active", "is_staff", "is_superuser")}),
        (_("Datas"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("cpf", "full_name", "email", "usable_password", "password1", "password2"),
            },
        ),
    )
    readonly_fields = (
        "level",
        "level_changed_at",
        "email_verified_at",
        "pending_email",
        "last_login",
        "date_joined",
    )
    inlines = [ActiveSignInSessionInline]
    actions = ["end_all_sessions"]

    @admin.action(description=_("Encerrar todas as sessões das contas selecionadas"))
    def end_all_sessions(self, request, queryset):
        from .services import sign_in_sessions_end_by_admin

        ended = sum(sign_in_sessions_end_by_admin(actor=request.user, user=user) for user in queryset)
        self.message_user(request, _("Sessões encerradas: %(n)d.") % {"n": ended})

    @admin.display(boolean=True, description=_("e-mail confirmado"))
    def email_verified(self, obj: User) -> bool:
        return obj.email_verified

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        return (*fields, "cpf") if obj is not None else fields

    def get_inlines(self, request, obj):
        return self.inlines if obj is not None else []

    def save_model(self, request, obj, form, change):
        with transaction.atomic():
            if change and "email" in form.changed_data:
                # A new address is not confirmed by the administrator typing it.
                obj.email_verified_at = None
                obj.pending_email = ""
            super().save_model(request, obj, form, change)
            changes = {
                name: (form.cleaned_data.get(name) if name in AUDITED_VALUES else "alterado")
                for name in form.changed_data
                if name not in {"password", "password1", "password2", "usable_password"}
            }
            audit_record(
                actor=request.user,
                action="identity.account.admin_change" if change else "identity.account.admin_create",
                target=obj,
                changes=changes,
                subject_user_id=obj.pk,
            )


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
