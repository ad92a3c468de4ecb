from django.apps import AppConfig


class IdentityConfig(AppConfig):
    name = "plataforma.identity"
    label = "identity"
    verbose_name = "MT Login"
