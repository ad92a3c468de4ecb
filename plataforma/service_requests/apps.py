from django.apps import AppConfig


class ServiceRequestsConfig(AppConfig):
    name = "plataforma.service_requests"
    label = "service_requests"
    verbose_name = "Solicitações de serviços"
