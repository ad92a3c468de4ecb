"""What the person sees about the security of their own account: sign-in sessions (which they
can end) and the security log (sign-ins, new devices, password and factor changes)."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SignInSession(models.Model):
    """One signed-in browser. Ending it deletes the Django session and every token issued under it."""

    class EndReason(models.TextChoices):
        SIGN_OUT = "sign_out", _("Saída pelo usuário")
        ENDED_BY_USER = "ended_by_user", _("Encerrada pelo usuário em outro dispositivo")
        PASSWORD_CHANGED = "password_changed", _("Senha alterada")
        ADMIN = "admin", _("Encerrada pela administração")
        EXPIRED = "expired", _("Expirada")
        REPLACED = "replaced", _("Substituída por uma nova entrada no mesmo navegador")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sign_in_sessions"
    )
    session_key = models.CharField(max_length=64, db_index=True)
    amr = models.JSONField(_("métodos de autenticação"), default=list)
    acr = models.CharField(_("nível alcançado"), max_length=10)
    auth_time = models.DateTimeField(_("autenticado em"), default=timezone.now)
    ip_address = models.GenericIPAddressField(_("endereço IP"), null=True, blank=True)
    user_agent = models.CharField(max_length=300, blank=True)
    device_label = models.CharField(_("dispositivo"), max_length=120, blank=True)
    device_hash = models.CharField(max_length=64, blank=True, db_index=True)
    last_seen_at = models.DateTimeField(_("último acesso"), default=timezone.now)
    ended_at = models.DateTimeField(_("encerrada em"), null=True, blank=True)
    end_reason = models.CharField(max_length=20, choices=EndReason.choices, blank=True)

    class Meta:
        ordering = ["-auth_time"]
        verbose_name = _("sessão")
        verbose_name_plural = _("sessões")
        indexes = [models.Index(fields=["user", "ended_at"])]

    def __str__(self) -> str:
        return f"{self.device_label or self.user_agent[:40]} — {self.auth_time:%d/%m/%Y %H:%M}"

    @property
    def active(self) -> bool:
        return self.ended_at is None


class SecurityEvent(models.Model):
    """The account's security log, shown to its owner. Never holds a secret or a password."""

    class Kind(models.TextChoices):
        SIGN_IN = "sign_in", _("Entrada na conta")
        SIGN_IN_FAILED = "sign_in_failed", _("Tentativa de entrada sem sucesso")
        NEW_DEVICE = "new_device", _("Entrada a partir de um novo dispositivo")
        LOCKED = "locked", _("Conta bloqueada temporariamente por tentativas erradas")
        SIGN_OUT = "sign_out", _("Saída da conta")
        SESSION_ENDED = "session_ended", _("Sessão encerrada")
        SIGN_UP = "sign_up", _("Conta criada")
        EMAIL_VERIFIED = "email_verified", _("E-mail confirmado")
        EMAIL_CHANGED = "email_changed", _("E-mail alterado")
        PROFILE_CHANGED = "profile_changed", _("Dados pessoais alterados")
        PASSWORD_CHANGED = "password_changed", _("Senha alterada")
        PASSWORD_RESET = "password_reset", _("Senha redefinida por e-mail")
        TOTP_ADDED = "totp_added", _("Aplicativo autenticador cadastrado")
        TOTP_REMOVED = "totp_removed", _("Aplicativo autenticador removido")
        WEBAUTHN_ADDED = "webauthn_added", _("Chave de segurança cadastrada")
        WEBAUTHN_REMOVED = "webauthn_removed", _("Chave de segurança removida")
        RECOVERY_CODES = "recovery_codes", _("Novos códigos de recuperação gerados")
        RECOVERY_CODE_USED = "recovery_code_used", _("Código de recuperação usado")
        LEVEL_CHANGED = "level_changed", _("Nível da conta alterado")
        CERTIFICATE_SIGN_IN = "certificate_sign_in", _("Entrada com certificado digital")
        APP_AUTHORIZED = "app_authorized", _("Aplicativo autorizado")
        APP_REVOKED = "app_revoked", _("Acesso de aplicativo removido")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="security_events"
    )
    kind = models.CharField(max_length=30, choices=Kind.choices)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    device_label = models.CharField(max_length=120, blank=True)
    details = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("evento de segurança")
        verbose_name_plural = _("eventos de segurança")
        indexes = [models.Index(fields=["user", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.created_at:%d/%m/%Y %H:%M}"
