"""Citizen side of the levels (/conta/nivel/, namespace "levels")."""

from django.urls import path

from .views import certificate, external, stepup

app_name = "levels"

urlpatterns = [
    path("", stepup.raise_level, name="raise"),
    path("certificado/", certificate.certificate, name="certificate"),
    path("validacao-externa/<slug:name>/", external.external_validation, name="external"),
]
