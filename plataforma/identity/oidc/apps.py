from django.apps import AppConfig


class OidcConfig(AppConfig):
    name = "plataforma.identity.oidc"
    label = "oidc"
    verbose_name = "MT Login — OpenID Connect"

    def ready(self) -> None:
        from plataforma.identity.signals import sign_in_session_ended

        from .receivers import revoke_tokens_of_ended_session

        sign_in_session_ended.connect(
            revoke_tokens_of_ended_session, dispatch_uid="oidc-revoke-session-tokens"
        )
