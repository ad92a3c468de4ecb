from django.urls import path

from . import views

app_name = "request_inbox"

urlpatterns = [
    path("", views.inbox_list, name="list"),
    path("<str:protocol>/", views.detail, name="detail"),
    path("<str:protocol>/acao/<slug:action_key>/", views.act, name="act"),
    path("<str:protocol>/assumir/", views.take, name="take"),
    path("<str:protocol>/atribuir/", views.assign, name="assign"),
    path("<str:protocol>/observacao/", views.internal_note, name="note"),
    path("<str:protocol>/anexos/<uuid:attachment_id>/", views.attachment, name="attachment"),
]
