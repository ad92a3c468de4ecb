from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    name = "plataforma.monitoring"
    label = "monitoring"
    verbose_name = "Avaliação e painel de desempenho"
