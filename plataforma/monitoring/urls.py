"""Monitoring: the public panel, its open data, and the requester's rating page."""

from django.urls import path

from .views import data, evaluation, ombudsman, panel

app_name = "monitoring"

urlpatterns = [
    path("painel/", panel.platform, name="panel"),
    path("painel/orgaos/<slug:slug>/", panel.agency, name="panel_agency"),
    path("painel/servicos/<slug:slug>/", panel.service, name="panel_service"),
    path("painel/dados/", data.dictionary, name="data"),
    path("painel/dados/indicadores.csv", data.indicators_csv, name="data_csv"),
    path("painel/dados/indicadores.json", data.indicators_json, name="data_json"),
    path("painel/dados/agendamento.csv", data.scheduling_csv, name="data_scheduling_csv"),
    path("painel/dados/agendamento.json", data.scheduling_json, name="data_scheduling_json"),
    path("painel/ouvidoria/", ombudsman.ranking, name="ombudsman"),
    path("painel/dados/ouvidoria.csv", ombudsman.ombudsman_csv, name="ombudsman_csv"),
    path("painel/dados/ouvidoria.json", ombudsman.ombudsman_json, name="ombudsman_json"),
    path("conta/solicitacoes/<str:protocol>/avaliar/", evaluation.rate, name="rate"),
]
