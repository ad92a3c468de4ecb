from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "plataforma.portal"
    label = "portal"
    verbose_name = "Portal"
