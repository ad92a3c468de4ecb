"""The project's URLs plus the developers' page at /desenvolvedores/, as the project mounts it."""

from django.urls import include, path

from plataforma.urls import urlpatterns as project_urlpatterns

urlpatterns = [
    path("desenvolvedores/", include("plataforma.identity.oidc.developer.urls")),
    *project_urlpatterns,
]
