from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OmbudsmanReportsConfig(AppConfig):
    name = "plataforma.ombudsman.reports"
    label = "ombudsman_reports"
    verbose_name = _("Relatórios de gestão da ouvidoria")
