"""The client registry for platform administrators (is_staff), replacing DOT's Application admin:
exact redirect URIs, allowed scopes from the known list, the secret shown once."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from . import services
from .models import Consent, OIDCClient, SigningKey
from .registry import known_scopes

if admin.site.is_registered(OIDCClient):
    admin.site.unregister(OIDCClient)


class OIDCClientForm(forms.ModelForm):
    scopes = forms.MultipleChoiceField(
        label=_("escopos permitidos"),
        choices=[],
        widget=forms.CheckboxSelectMultiple,
        required=True,
    )

    class Meta:
        model = OIDCClient
        fields = [
            "name",
            "agency",
            "description",
            "contact_email",
            "client_type",
            "authorization_grant_type",
            "redirect_uris",
            "post_logout_redirect_uris",
            "algorithm",
            "subject_type",
            "sector_identifier",
            "skip_authorization",
            "enabled",
        ]
        labels = {
            "name": _("nome"),
            "client_type": _("tipo de cliente"),
            "authorization_grant_type": _("fluxo"),
            "redirect_uris": _("endereços de retorno (um por linha, exatos)"),
            "post_logout_redirect_uris": _("endereços de retorno após sair (um por linha, exatos)"),
            "skip_authorization": _("aplicativo do próprio governo (não pedir consentimento)"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].required = True
        self.fields["name"].max_length = 255
        self.fields["scopes"].choices = [(scope, scope) for scope in known_scopes()]
        self.fields["authorization_grant_type"].choices = [
            (OIDCClient.GRANT_AUTHORIZATION_CODE, _("Código de autorização (com PKCE)")),
            (OIDCClient.GRANT_CLIENT_CREDENTIALS, _("Credenciais do cliente (sistema a sistema)")),
        ]
        self.fields["client_type"].choices = [
            (OIDCClient.CLIENT_CONFIDENTIAL, _("Confidencial (servidor que guarda segredo)")),
            (OIDCClient.CLIENT_PUBLIC, _("Público (aplicativo móvel ou navegador, sem segredo)")),
        ]
        if self.instance.pk:
            self.initial["scopes"] = self.instance.scope_list()

    def clean_redirect_uris(self):
        return " ".join(self.cleaned_data["redirect_uris"].split())

    def clean_post_logout_redirect_uris(self):
        return " ".join(self.cleaned_data["post_logout_redirect_uris"].split())

    def _post_clean(self):
        self.instance.allowed_scopes = " ".join(self.cleaned_data.get("scopes") or [])
        super()._post_clean()

    def _update_errors(self, errors: ValidationError):
        if hasattr(errors, "error_dict") and "allowed_scopes" in errors.error_dict:
            errors.error_dict["scopes"] = errors.error_dict.pop("allowed_scopes")
        super()._update_errors(errors)


@admin.register(OIDCClient)
class OIDCClientAdmin(admin.ModelAdmin):
    form = OIDCClientForm
    list_display = ["name", "client_id", "agency", "client_type", "authorization_grant_type", "enabled"]
    list_filter = ["enabled", "client_type", "authorization_grant_type", "subject_type"]
    search_fields = ["name", "client_id"]
    readonly_fields = ["client_id", "created", "updated"]
    actions = ["rotate_secret"]

    def get_fields(self, request, obj=None):
        fields = [*self.form.Meta.fields, "scopes"]
        return (["client_id", *fields, "created", "updated"]) if obj else fields

    def save_model(self, request, obj, form, change):
        secret = services.client_save(client=obj, actor=request.user, changed=form.changed_data)
        request._mtlogin_new_secret = secret

    def response_add(self, request, obj, post_url_continue=None):
        secret = getattr(request, "_mtlogin_new_secret", None)
        return self._show_secret(request, obj, secret) if secret else super().response_add(request, obj)

    def _show_secret(self, request, obj, secret):
        context = {
            **self.admin_site.each_context(request),
            "client": obj,
            "secret": secret,
            "opts": self.opts,
        }
        response = TemplateResponse(request, "oidc/admin_client_secret.html", context)
        response["Cache-Control"] = "no-store"
        return response

    @admin.action(description=_("Gerar novo segredo (o atual deixa de valer)"))
    def rotate_secret(self, request, queryset):
        confidential = [client for client in queryset if client.client_type == OIDCClient.CLIENT_CONFIDENTIAL]
        if len(confidential) != 1:
            self.message_user(
                request, _("Selecione exatamente um aplicativo confidencial."), level=messages.ERROR
            )
            return None
        secret = services.client_secret_rotate(client=confidential[0], actor=request.user)
        return self._show_secret(request, confidential[0], secret)


@admin.register(SigningKey)
class SigningKeyAdmin(admin.ModelAdmin):
    list_display = ["kid", "algorithm", "state", "created_at", "activated_at", "retired_at"]
    list_filter = ["algorithm", "state"]
    fields = ["kid", "algorithm", "state", "public_jwk", "created_at", "activated_at", "retired_at"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Consent)
class ConsentAdmin(admin.ModelAdmin):
    list_display = ["client", "granted_at", "revoked_at"]
    list_filter = ["client"]
    fields = ["client", "scopes", "granted_at", "revoked_at"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
