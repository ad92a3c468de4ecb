from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    name = "plataforma.governance"
    label = "governance"
    verbose_name = _("Núcleo de Governança Digital")
