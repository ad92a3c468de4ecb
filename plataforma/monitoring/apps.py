from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    name = "plataforma.monitoring"
    label = "monitoring"
    verbose_name = "Avaliação e painel de desempenho"

    def ready(self) -> None:
        from . import checks  # noqa: F401 - registers the system checks
