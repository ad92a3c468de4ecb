"""The ouvidoria's yearly relatório de gestão (Lei 13.460 arts. 14-15; ADR 0032); included at "" in
plataforma/urls.py. Public pages under ouvidoria/relatorios/; the ouvidoria's editing pages under
servidor/ouvidoria/relatorios/ (this module is included before ombudsman.urls_staff, whose
`<protocol>/` pattern would otherwise take "relatorios")."""

from django.urls import path

from .views import public, staff

app_name = "ombudsman_reports"

urlpatterns = [
    path("ouvidoria/relatorios/", public.index, name="index"),
    path("ouvidoria/relatorios/<int:year>/", public.report, name="report"),
    path("ouvidoria/relatorios/<int:year>/relatorio.pdf", public.report_pdf, name="pdf"),
    path("ouvidoria/relatorios/<int:year>/dados.csv", public.report_csv, name="csv"),
    path("ouvidoria/relatorios/<int:year>/dados.json", public.report_json, name="json"),
    path("ouvidoria/relatorios/<int:year>/providencias.csv", public.measures_csv, name="measures_csv"),
    path("ouvidoria/relatorios/<int:year>/orgaos/<slug:slug>/", public.agency_report, name="agency_report"),
    path(
        "ouvidoria/relatorios/<int:year>/orgaos/<slug:slug>/relatorio.pdf",
        public.agency_report_pdf,
        name="pdf_agency",
    ),
    path(
        "ouvidoria/relatorios/<int:year>/orgaos/<slug:slug>/dados.csv",
        public.agency_report_csv,
        name="csv_agency",
    ),
    path(
        "ouvidoria/relatorios/<int:year>/orgaos/<slug:slug>/dados.json",
        public.agency_report_json,
        name="json_agency",
    ),
    path(
        "ouvidoria/relatorios/<int:year>/orgaos/<slug:slug>/providencias.csv",
        public.agency_measures_csv,
        name="measures_csv_agency",
    ),
    path("servidor/ouvidoria/relatorios/", staff.index, name="staff_index"),
    path("servidor/ouvidoria/relatorios/<int:year>/", staff.edit, name="edit"),
    path(
        "servidor/ouvidoria/relatorios/<int:year>/orgaos/<slug:slug>/", staff.edit_agency, name="edit_agency"
    ),
]
