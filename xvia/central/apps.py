from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class XviaCentralConfig(AppConfig):
    name = "xvia.central"
    label = "xvia_central"
    verbose_name = _("X-VIA — central")
    default_auto_field = "django.db.models.BigAutoField"
