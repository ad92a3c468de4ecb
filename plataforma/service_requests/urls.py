"""The requester's pages (helper views in views/); included at "" in plataforma/urls.py."""

from django.urls import path

from .views import actions, consent, files, receipt, requests, submit

app_name = "service_requests"

urlpatterns = [
    path("servicos/<slug:slug>/solicitar/", submit.submit, name="submit"),
    path("servicos/<slug:slug>/solicitar/autorizar-busca/", consent.prefill_consent, name="prefill_consent"),
    path("conta/solicitacoes/", requests.mine, name="mine"),
    path("conta/solicitacoes/<str:protocol>/", requests.detail, name="detail"),
    path("conta/solicitacoes/<str:protocol>/comprovante/", receipt.receipt, name="receipt"),
    path("conta/solicitacoes/<str:protocol>/comprovante.pdf", receipt.receipt_pdf, name="receipt_pdf"),
    path("conta/solicitacoes/<str:protocol>/acao/<slug:action_key>/", actions.act, name="act"),
    path(
        "conta/solicitacoes/<str:protocol>/anexos/<uuid:attachment_id>/",
        files.attachment,
        name="attachment",
    ),
    path("conta/documentos/", files.documents, name="documents"),
    path("conta/documentos/<uuid:document_id>/", files.document_download, name="document_download"),
]
