"""Routes of the governance part 'mti' (see urls.py): MTI's catalogue, technical justifications and
integration guidance, for MTI staff and the Núcleo under /servidor/governanca/mti/ and for
everyone under /governanca/."""

from django.urls import path

from .views import mti_public as public
from .views import mti_staff as staff
from .views import mti_staff_docs as docs

S = "servidor/governanca/mti/"

urlpatterns = [
    # public
    path("governanca/catalogo-mti/", public.catalogue, name="mti_public_catalogue"),
    path("governanca/catalogo-mti/<str:code>/", public.service, name="mti_public_service"),
    path("governanca/justificativas/", public.justifications, name="mti_public_justifications"),
    path("governanca/justificativas/<str:number>/", public.justification, name="mti_public_justification"),
    path("governanca/orientacoes/", public.guides, name="mti_public_guides"),
    path("governanca/orientacoes/<str:slug>/", public.guide, name="mti_public_guide"),
    # staff: catalogue and prices
    path(S, staff.home, name="mti_home"),
    path(S + "servicos/novo/", staff.service_new, name="mti_service_new"),
    path(S + "servicos/<uuid:service_id>/", staff.service_detail, name="mti_service"),
    path(S + "servicos/<uuid:service_id>/editar/", staff.service_edit, name="mti_service_edit"),
    path(S + "servicos/<uuid:service_id>/propor-preco/", staff.price_new, name="mti_price_new"),
    path(S + "precos/<uuid:version_id>/", staff.price_detail, name="mti_price"),
    path(S + "precos/<uuid:version_id>/editar/", staff.price_edit, name="mti_price_edit"),
    path(S + "precos/<uuid:version_id>/enviar/", staff.price_submit, name="mti_price_submit"),
    path(S + "precos/<uuid:version_id>/descartar/", staff.price_discard, name="mti_price_discard"),
    path(S + "precos/<uuid:version_id>/decidir/", staff.price_decide, name="mti_price_decide"),
    path(S + "precos/<uuid:version_id>/referencias/nova/", staff.reference_new, name="mti_reference_new"),
    path(
        S + "precos/<uuid:version_id>/referencias/<uuid:reference_id>/retirar/",
        staff.reference_remove,
        name="mti_reference_remove",
    ),
    # staff: technical justifications
    path(S + "justificativas/nova/", docs.justification_new, name="mti_justification_new"),
    path(S + "justificativas/<uuid:item_id>/", docs.justification_detail, name="mti_justification"),
    path(S + "justificativas/<uuid:item_id>/editar/", docs.justification_edit, name="mti_justification_edit"),
    path(
        S + "justificativas/<uuid:item_id>/enviar/",
        docs.justification_submit,
        name="mti_justification_submit",
    ),
    path(
        S + "justificativas/<uuid:item_id>/descartar/",
        docs.justification_discard,
        name="mti_justification_discard",
    ),
    path(
        S + "justificativas/<uuid:item_id>/decidir/",
        docs.justification_decide,
        name="mti_justification_decide",
    ),
    # staff: guidance pages
    path(S + "orientacoes/nova/", docs.guide_new, name="mti_guide_new"),
    path(S + "orientacoes/<uuid:page_id>/", docs.guide_detail, name="mti_guide"),
    path(S + "orientacoes/<uuid:page_id>/editar/", docs.guide_edit, name="mti_guide_edit"),
    path(S + "orientacoes/<uuid:page_id>/publicar/", docs.guide_publish, name="mti_guide_publish"),
    path(S + "orientacoes/<uuid:page_id>/despublicar/", docs.guide_unpublish, name="mti_guide_unpublish"),
]
