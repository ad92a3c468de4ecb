from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "plataforma.catalog"
    label = "catalog"
    verbose_name = "Carta de Serviços"
