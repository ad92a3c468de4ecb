"""The project's URLs, plus the citizen's scheduling pages and API when plataforma/urls.py and the
catalogue's NinjaAPI do not mount them yet (the lead wires them in). Once they are mounted, this is
exactly plataforma.urls. Used by the citizen, API, ics and reminder tests through
`pytest.mark.urls`."""

from __future__ import annotations

from django.urls import include, path
from ninja import NinjaAPI

from plataforma import urls as project
from plataforma.catalog.api import api as catalog_api
from plataforma.catalog.api.errors import install_error_handlers
from plataforma.scheduling.api import router


def _has_namespace(patterns, namespace: str) -> bool:
    return any(getattr(p, "namespace", None) == namespace for p in patterns)


urlpatterns = []
if not _has_namespace(project.urlpatterns, "scheduling_citizen"):
    urlpatterns.append(path("", include("plataforma.scheduling.urls_citizen")))
if not any(mounted is router for _prefix, mounted in catalog_api._routers):
    _api = NinjaAPI(title="Agendamento (testes)", urls_namespace="api-v1-agendamento-testes", docs_url=None)
    install_error_handlers(_api)
    _api.add_router("/", router)
    urlpatterns.append(path("api/v1/", _api.urls))
urlpatterns += project.urlpatterns

handler400 = project.handler400
handler403 = project.handler403
handler404 = project.handler404
handler500 = project.handler500
