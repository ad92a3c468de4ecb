from django.urls import path

from .views import challenge, manage, security_keys

app_name = "mfa"

urlpatterns = [
    path("", manage.manage, name="manage"),
    # second step of sign-in
    path("verificar/", challenge.challenge, name="challenge"),
    path("verificar/cancelar/", challenge.cancel, name="challenge_cancel"),
    path("verificar/chave/opcoes/", challenge.webauthn_options, name="webauthn_auth_options"),
    path("verificar/chave/", challenge.webauthn_verify, name="webauthn_auth"),
    # authenticator app and recovery codes
    path("aplicativo/", manage.totp_setup, name="totp_setup"),
    path("aplicativo/remover/", manage.totp_remove, name="totp_remove"),
    path("codigos/", manage.recovery_codes, name="recovery_codes"),
    path("codigos/baixar/", manage.recovery_codes_download, name="recovery_codes_download"),
    path("codigos/gerar/", manage.recovery_regenerate, name="recovery_regenerate"),
    # security keys and passkeys
    path("chaves/nova/", security_keys.register, name="webauthn_register"),
    path("chaves/nova/opcoes/", security_keys.register_options, name="webauthn_register_options"),
    path("chaves/<uuid:pk>/nome/", security_keys.rename, name="webauthn_rename"),
    path("chaves/<uuid:pk>/remover/", security_keys.remove, name="webauthn_remove"),
]
