"""Public pages of the Portal Único de Serviços."""

from django.urls import path

from .views import access, public

app_name = "catalog"

urlpatterns = [
    path("busca/", public.search, name="search"),
    path("servicos/", public.service_list, name="service_list"),
    path("servicos/<slug:slug>/", public.service_detail, name="service_detail"),
    path("servicos/<slug:slug>/acessar/", access.service_access, name="service_access"),
    path("servicos/<slug:slug>/avaliacao/", public.service_feedback, name="service_feedback"),
    path("publico/<slug:code>/", public.audience_detail, name="audience_detail"),
    path("areas/", public.category_list, name="category_list"),
    path("areas/<slug:slug>/", public.category_detail, name="category_detail"),
    path("orgaos/", public.agency_list, name="agency_list"),
    path("orgaos/<slug:slug>/", public.agency_detail, name="agency_detail"),
    path("orgaos/<slug:slug>/carta/", public.agency_carta, name="agency_carta"),
    path("orgaos/<slug:slug>/carta.pdf", public.agency_carta_pdf, name="agency_carta_pdf"),
    path("quadro-geral/", public.quadro_geral, name="quadro_geral"),
]
