"""The request-form and workflow editors, mounted at /gestao/solicitacoes/ (namespace
"request_editor")."""

from django.urls import path

from . import views

app_name = "request_editor"

_S = "servicos/<uuid:service_id>/"
_W = "fluxos/<uuid:workflow_id>/"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path(_S, views.service_detail, name="service"),
    path(f"{_S}configuracoes/", views.settings_save, name="settings"),
    path(f"{_S}rascunho/", views.draft_start, name="draft_start"),
    path(f"{_S}rascunho/publicar/", views.draft_publish, name="draft_publish"),
    path(f"{_S}rascunho/descartar/", views.draft_discard, name="draft_discard"),
    path(f"{_S}previa/", views.preview, name="preview"),
    path(f"{_S}campos/novo/", views.field_new, name="field_new"),
    path(f"{_S}campos/<slug:key>/editar/", views.field_edit, name="field_edit"),
    path(f"{_S}campos/<slug:key>/remover/", views.field_remove, name="field_remove"),
    path(f"{_S}campos/<slug:key>/mover/<slug:direction>/", views.field_move, name="field_move"),
    path(f"{_S}versoes/", views.history, name="history"),
    path(f"{_S}versoes/<int:number>/", views.version_detail, name="version"),
    path("fluxos/", views.workflow_list, name="workflows"),
    path("fluxos/copiar-padrao/", views.workflow_copy_default, name="workflow_copy_default"),
    path(_W, views.workflow_detail, name="workflow"),
    path(f"{_W}configuracoes/", views.workflow_settings, name="workflow_settings"),
    path(f"{_W}<slug:kind>/nova/", views.workflow_row, name="workflow_row_new"),
    path(f"{_W}<slug:kind>/<slug:key>/editar/", views.workflow_row, name="workflow_row"),
    path(f"{_W}<slug:kind>/<slug:key>/remover/", views.workflow_row_remove, name="workflow_row_remove"),
]
