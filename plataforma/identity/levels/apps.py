from django.apps import AppConfig


class LevelsConfig(AppConfig):
    name = "plataforma.identity.levels"
    label = "levels"
    verbose_name = "MT Login — níveis de confiabilidade"
