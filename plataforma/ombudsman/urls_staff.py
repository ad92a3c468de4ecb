"""The ouvidores' and agencies' pages; included at "servidor/ouvidoria/" in plataforma/urls.py."""

from django.urls import path

from .views import area, desk, staff

app_name = "ombudsman_staff"

urlpatterns = [
    path("", staff.inbox, name="inbox"),
    path("registrar/", desk.register, name="register"),
    path("registrada/<str:protocol>/", desk.registered, name="registered"),
    path("area/", area.area_list, name="area_list"),
    path("area/<uuid:forwarding_id>/", area.area_detail, name="area_detail"),
    path("<str:protocol>/", staff.detail, name="detail"),
    path("<str:protocol>/identificacao/", staff.identity, name="identity"),
    path("<str:protocol>/<slug:action>/", staff.act, name="act"),
]
