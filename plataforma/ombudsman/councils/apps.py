from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CouncilsConfig(AppConfig):
    name = "plataforma.ombudsman.councils"
    label = "councils"
    verbose_name = _("Conselhos de usuários")
