from django.contrib import admin
from django.urls import include, path

from plataforma.catalog.api import api as catalog_api
from plataforma.common.views import health
from plataforma.identity import admin_access

# The administration opens only through MT Login's sign-in (ADR 0013).
admin_access.install(admin.site)

urlpatterns = [
    path("healthz", health, name="health"),
    path("", include("plataforma.portal.urls")),
    path("", include("plataforma.common.urls")),
    path("", include("plataforma.service_requests.urls")),
    path("", include("plataforma.scheduling.urls_citizen")),
    path("", include("plataforma.ombudsman.urls")),
    path("", include("plataforma.ombudsman.reports.urls")),
    path("", include("plataforma.ombudsman.councils.urls")),
    path("", include("plataforma.monitoring.urls")),
    path("", include("plataforma.service_requests.payments.urls")),
    path("", include("plataforma.catalog.urls")),
    path("conta/notificacoes/", include("plataforma.notifications.urls")),
    path("conta/", include("plataforma.identity.urls")),
    path("conta/segundo-fator/", include("plataforma.identity.mfa.urls")),
    path("conta/nivel/", include("plataforma.identity.levels.urls")),
    path("empresas/", include("plataforma.identity.companies.urls")),
    path("servidor/solicitacoes/", include("plataforma.service_requests.inbox.urls")),
    path("", include("plataforma.scheduling.urls_unit")),
    path("servidor/ouvidoria/", include("plataforma.ombudsman.urls_staff")),
    path("", include("xvia.central.urls")),
    path("", include("plataforma.governance.urls")),
    path("servidor/", include("plataforma.identity.servants.urls")),
    path("servidor/validacao/", include("plataforma.identity.levels.servant_urls")),
    path("", include("plataforma.identity.oidc.urls")),
    path("desenvolvedores/", include("plataforma.identity.oidc.developer.urls")),
    path("gestao/carta/", include("plataforma.catalog.editor_urls")),
    path("gestao/solicitacoes/", include("plataforma.service_requests.editor.urls")),
    path("gestao/agendamento/", include("plataforma.scheduling.urls_manage")),
    path("api/v1/", catalog_api.urls),
    path("administracao/", admin.site.urls),
]

handler400 = "plataforma.portal.views.bad_request"
handler403 = "plataforma.portal.views.permission_denied"
handler404 = "plataforma.portal.views.page_not_found"
handler500 = "plataforma.portal.views.server_error"
