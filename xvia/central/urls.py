"""X-VIA central's addresses; included at "" in plataforma/urls.py."""

from django.urls import path

from .views import api_tracker, catalogue, public, staff, staff_servers, staff_trust

app_name = "xvia"

urlpatterns = [
    # machines: security servers and clients of the TSA
    path("xvia/globalconf/v1/shared", public.globalconf_shared, name="globalconf"),
    path("xvia/globalconf/v1/anchor.json", public.anchor_download, name="anchor"),
    path("xvia/tsa/", public.timestamp, name="tsa"),
    # data tracker: provider security servers report queries about persons (ADR 0037)
    path(
        "xvia/api/v1/data-subject-records",
        api_tracker.data_subject_records,
        name="data_subject_records",
    ),
    # developers' catalogue
    path("xvia/servicos/", catalogue.service_list, name="catalogue"),
    path("xvia/servicos/<uuid:pk>/", catalogue.service_detail, name="catalogue_service"),
    path("xvia/servicos/<uuid:pk>/openapi.json", catalogue.service_openapi, name="catalogue_openapi"),
    # administration (Área do Servidor)
    path("servidor/xvia/", staff.home, name="home"),
    path("servidor/xvia/membros/novo/", staff.member_create, name="member_create"),
    path("servidor/xvia/membros/<uuid:pk>/", staff.member_detail, name="member"),
    path("servidor/xvia/membros/<uuid:pk>/servicos/novo/", staff.service_create, name="service_create"),
    path("servidor/xvia/servicos/<uuid:pk>/", staff.service_detail, name="service"),
    path("servidor/xvia/servidores/<uuid:pk>/", staff_servers.server_detail, name="server"),
    path("servidor/xvia/certificados/<uuid:pk>/", staff_servers.certificate_download, name="certificate"),
    path(
        "servidor/xvia/certificados/<uuid:pk>/revogar/",
        staff_servers.certificate_revoke,
        name="certificate_revoke",
    ),
    path("servidor/xvia/grupos/", staff_trust.groups, name="groups"),
    path("servidor/xvia/autoridades/", staff_trust.authorities, name="authorities"),
    path("servidor/xvia/auditoria/", staff_trust.audit, name="audit"),
]
