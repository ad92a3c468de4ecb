"""In-person validation desk of the Área do Servidor (namespace "levels_servant"); the project
mounts it at /servidor/validacao/."""

from django.urls import path

from .views import desk

app_name = "levels_servant"

urlpatterns = [
    path("", desk.lookup, name="lookup"),
    path("validar/", desk.validate, name="validate"),
]
