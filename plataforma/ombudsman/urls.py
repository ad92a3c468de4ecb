"""Public and citizen pages of the ouvidoria; included at "" in plataforma/urls.py."""

from django.urls import path

from .views import author, public

app_name = "ombudsman"

urlpatterns = [
    path("ouvidoria/", public.home, name="home"),
    path("ouvidoria/nova/", public.lodge, name="lodge"),
    path("ouvidoria/registrada/<str:protocol>/", public.lodged, name="lodged"),
    path("ouvidoria/acompanhar/", author.follow, name="follow"),
    path("ouvidoria/acompanhar/sair/", author.follow_exit, name="follow_exit"),
    path("ouvidoria/acompanhar/<str:protocol>/", author.follow_detail, name="follow_detail"),
    path("ouvidoria/acompanhar/<str:protocol>/comprovante/", author.follow_receipt, name="follow_receipt"),
    path(
        "ouvidoria/acompanhar/<str:protocol>/comprovante.pdf",
        author.follow_receipt_pdf,
        name="follow_receipt_pdf",
    ),
    path("ouvidoria/acompanhar/<str:protocol>/<slug:action>/", author.follow_act, name="follow_act"),
    path("conta/manifestacoes/", author.mine, name="mine"),
    path("conta/manifestacoes/<str:protocol>/", author.mine_detail, name="mine_detail"),
    path("conta/manifestacoes/<str:protocol>/comprovante/", author.mine_receipt, name="mine_receipt"),
    path(
        "conta/manifestacoes/<str:protocol>/comprovante.pdf", author.mine_receipt_pdf, name="mine_receipt_pdf"
    ),
    path("conta/manifestacoes/<str:protocol>/<slug:action>/", author.mine_act, name="mine_act"),
]
