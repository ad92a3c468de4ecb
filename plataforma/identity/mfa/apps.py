from django.apps import AppConfig


class MfaConfig(AppConfig):
    name = "plataforma.identity.mfa"
    label = "mfa"
    verbose_name = "MT Login — segundo fator"
