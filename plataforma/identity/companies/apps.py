from django.apps import AppConfig


class CompaniesConfig(AppConfig):
    name = "plataforma.identity.companies"
    label = "companies"
    verbose_name = "MT Login — empresas"
