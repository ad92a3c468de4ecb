"""Scheduling configuration and figures for the agency's gestor, mounted at /gestao/agendamento/
(namespace "scheduling_manage")."""

from django.urls import path

from .views import manage, manage_offerings

app_name = "scheduling_manage"

_U = "unidades/<uuid:unit_id>/"

urlpatterns = [
    path("", manage.dashboard, name="dashboard"),
    path("numeros/", manage.figures, name="figures"),
    path(_U, manage.unit_detail, name="unit"),
    path(f"{_U}agenda/", manage.calendar_save, name="calendar"),
    path(f"{_U}horarios/", manage.hours_edit, name="hours"),
    path(f"{_U}fechamentos/novo/", manage.closure_add, name="closure_add"),
    path(f"{_U}fechamentos/<uuid:closure_id>/remover/", manage.closure_remove, name="closure_remove"),
    path(f"{_U}guiches/novo/", manage_offerings.desk_add, name="desk_add"),
    path(f"{_U}guiches/<uuid:desk_id>/", manage_offerings.desk_edit, name="desk"),
    path(f"{_U}servicos/novo/", manage_offerings.offering_new, name="offering_new"),
    path(f"{_U}servicos/<uuid:offering_id>/", manage_offerings.offering_edit, name="offering"),
    path(f"{_U}fora-do-horario/cancelar/", manage.cancel_outside, name="cancel_outside"),
]
