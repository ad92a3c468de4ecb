"""The editors' back office, mounted at /gestao/carta/ (namespace "catalog_editor")."""

from django.urls import path

from .editor import views

app_name = "catalog_editor"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("servicos/novo/", views.service_create, name="service_create"),
    path("servicos/<uuid:service_id>/", views.service_detail, name="service_detail"),
    path("servicos/<uuid:service_id>/editar/", views.version_edit, name="version_edit"),
    path("servicos/<uuid:service_id>/nova-versao/", views.draft_start, name="draft_start"),
    path("servicos/<uuid:service_id>/versoes/", views.version_history, name="version_history"),
    path("servicos/<uuid:service_id>/comparar/", views.version_compare, name="version_compare"),
    path("servicos/<uuid:service_id>/auditoria/", views.service_audit, name="service_audit"),
    path(
        "servicos/<uuid:service_id>/versoes/<int:number>/previa/",
        views.version_preview,
        name="version_preview",
    ),
    path(
        "servicos/<uuid:service_id>/versoes/<int:number>/<slug:action>/",
        views.version_action,
        name="version_action",
    ),
    path("servicos/<uuid:service_id>/<slug:action>/", views.service_action, name="service_action"),
    path("unidades/", views.unit_list, name="unit_list"),
    path("unidades/nova/", views.unit_create, name="unit_create"),
    path("unidades/<uuid:unit_id>/editar/", views.unit_edit, name="unit_edit"),
]
