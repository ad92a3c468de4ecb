"""Public pages of the shared infrastructure; included at "" in plataforma/urls.py."""

from django.urls import path

from . import authenticity_views

app_name = "common"

urlpatterns = [
    path("autenticidade/", authenticity_views.authenticity, name="authenticity"),
    path("autenticidade/<str:code>.json", authenticity_views.authenticity_json, name="authenticity_json"),
]
