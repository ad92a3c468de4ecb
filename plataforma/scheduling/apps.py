from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SchedulingConfig(AppConfig):
    name = "plataforma.scheduling"
    label = "scheduling"
    verbose_name = _("Agendamento")

    def ready(self) -> None:
        from plataforma.catalog.actions import service_action_register
        from plataforma.common.calendar import holidays_edited

        from .actions import booking_action
        from .tasks import holidays_edited_refresh

        # "Agendar atendimento" on the service's page in the Carta
        service_action_register(key="scheduling.booking", provider=booking_action)

        # a holiday decreed (or revoked) by staff re-makes every unit's slots in the background
        holidays_edited.connect(holidays_edited_refresh, dispatch_uid="scheduling.holidays_edited")
