from django.urls import path

from .views import account, address, passwords, sign_in, sign_up

app_name = "identity"

urlpatterns = [
    path("", account.account, name="account"),
    path("entrar/", sign_in.SignInView.as_view(), name="login"),
    path("sair/", sign_in.sign_out, name="logout"),
    path("cadastro/", sign_up.sign_up, name="sign_up"),
    path("cadastro/concluido/", sign_up.sign_up_done, name="sign_up_done"),
    path("email/confirmar/<str:token>/", sign_up.email_confirm, name="email_confirm"),
    path("email/reenviar/", sign_up.email_resend, name="email_resend"),
    path("senha/recuperar/", passwords.password_reset, name="password_reset"),
    path("senha/recuperar/enviado/", passwords.password_reset_sent, name="password_reset_sent"),
    path(
        "senha/redefinir/<str:uidb64>/<str:token>/",
        passwords.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("senha/redefinida/", passwords.password_reset_complete, name="password_reset_complete"),
    path("senha/alterar/", passwords.password_change, name="password_change"),
    path("dados/", account.profile_edit, name="profile_edit"),
    path("endereco/", address.address_edit, name="address"),
    path("seguranca/", account.security, name="security"),
    path("seguranca/sessoes/<uuid:pk>/encerrar/", account.session_end, name="session_end"),
    path("seguranca/sessoes/encerrar-outras/", account.sessions_end_others, name="sessions_end_others"),
    path(
        "seguranca/aplicativos/<str:client_pk>/remover/",
        account.application_revoke,
        name="application_revoke",
    ),
]
