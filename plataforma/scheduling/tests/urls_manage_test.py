"""The project's URLs plus the gestor's scheduling pages, for tests that run before (or after)
the lead wires /gestao/agendamento/ into plataforma/urls.py."""

from django.urls import include, path

from plataforma import urls as project

_wired = any(getattr(p, "namespace", None) == "scheduling_manage" for p in project.urlpatterns)

urlpatterns = [
    *([] if _wired else [path("gestao/agendamento/", include("plataforma.scheduling.urls_manage"))]),
    *project.urlpatterns,
]
handler400 = project.handler400
handler403 = project.handler403
handler404 = project.handler404
handler500 = project.handler500
