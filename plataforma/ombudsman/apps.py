from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OmbudsmanConfig(AppConfig):
    name = "plataforma.ombudsman"
    label = "ombudsman"
    verbose_name = _("Ouvidoria")

    def ready(self) -> None:
        from plataforma.catalog.actions import service_action_register

        from .actions import manifestation_action

        # "Reclamar, elogiar ou sugerir" on the service's page in the Carta (Lei 13.460 art. 7 §2 VI)
        service_action_register(key="ombudsman.manifestation", provider=manifestation_action)
