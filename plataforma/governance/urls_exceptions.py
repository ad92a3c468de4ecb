"""Routes of the governance part 'exceptions' (see urls.py): the servants' pages under
/servidor/governanca/excecoes/ and the public ones under /governanca/excecoes/."""

from django.urls import path

from .views import exceptions as staff
from .views import exceptions_public as public

S = "servidor/governanca/excecoes/"

urlpatterns = [
    path("governanca/excecoes/", public.exception_list, name="exc_public_list"),
    path("governanca/excecoes/<str:number>/", public.exception_detail, name="exc_public_detail"),
    path(S, staff.home, name="exc_home"),
    path(S + "novo/", staff.new, name="exc_new"),
    path(S + "<uuid:pk>/", staff.detail, name="exc_detail"),
    path(S + "<uuid:pk>/editar/", staff.edit, name="exc_edit"),
    path(S + "<uuid:pk>/excluir/", staff.withdraw, name="exc_withdraw"),
    path(S + "<uuid:pk>/enviar/", staff.submit, name="exc_submit"),
    path(S + "<uuid:pk>/acoes/", staff.action_add, name="exc_action_add"),
    path(S + "<uuid:pk>/acoes/<uuid:action_pk>/editar/", staff.action_edit, name="exc_action_edit"),
    path(S + "<uuid:pk>/acoes/<uuid:action_pk>/remover/", staff.action_remove, name="exc_action_remove"),
    path(S + "<uuid:pk>/acoes/<uuid:action_pk>/concluir/", staff.action_done, name="exc_action_done"),
    path(S + "<uuid:pk>/decidir/", staff.decide, name="exc_decide"),
    path(S + "<uuid:pk>/revisar/", staff.review, name="exc_review"),
]
