from django.apps import AppConfig


class OidcConfig(AppConfig):
    name = "plataforma.identity.oidc"
    label = "oidc"
    verbose_name = "MT Login — OpenID Connect"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from plataforma.identity.signals import sign_in_session_ended

        from .models import OIDCClient
        from .receivers import forget_cached_client, revoke_tokens_of_ended_session

        sign_in_session_ended.connect(
            revoke_tokens_of_ended_session, dispatch_uid="oidc-revoke-session-tokens"
        )
        post_save.connect(forget_cached_client, sender=OIDCClient, dispatch_uid="oidc-forget-client")
        post_delete.connect(forget_cached_client, sender=OIDCClient, dispatch_uid="oidc-forget-client-del")
