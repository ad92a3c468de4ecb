from django.apps import AppConfig


class OidcConfig(AppConfig):
    name = "plataforma.identity.oidc"
    label = "oidc"
    verbose_name = "MT Login — OpenID Connect"
