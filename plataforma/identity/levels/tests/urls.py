"""The project's URLs plus the desk, mounted where the lead mounts it (/servidor/validacao/)."""

from django.urls import include, path

from plataforma.urls import handler400, handler403, handler404, handler500  # noqa: F401
from plataforma.urls import urlpatterns as project_urlpatterns

urlpatterns = [
    path("servidor/validacao/", include("plataforma.identity.levels.servant_urls")),
    *project_urlpatterns,
]
