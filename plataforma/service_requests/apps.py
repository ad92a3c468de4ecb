from django.apps import AppConfig


class ServiceRequestsConfig(AppConfig):
    name = "plataforma.service_requests"
    label = "service_requests"
    verbose_name = "Solicitações de serviços"

    def ready(self) -> None:
        # other agencies' data through X-VIA, with the person's consent (prefill_xvia.py)
        from . import prefill_xvia

        prefill_xvia.register()
