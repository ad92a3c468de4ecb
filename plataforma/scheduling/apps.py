from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SchedulingConfig(AppConfig):
    name = "plataforma.scheduling"
    label = "scheduling"
    verbose_name = _("Agendamento")

    def ready(self) -> None:
        from plataforma.common.calendar import holidays_edited

        from .tasks import holidays_edited_refresh

        # a holiday decreed (or revoked) by staff re-makes every unit's slots in the background
        holidays_edited.connect(holidays_edited_refresh, dispatch_uid="scheduling.holidays_edited")
