from django.apps import AppConfig


class CommonConfig(AppConfig):
    name = "plataforma.common"
    label = "common"
    verbose_name = "Comum"
