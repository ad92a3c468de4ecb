"""Files on the requester's side: a request's attachments, and "Meus documentos" — the files a
person (or the company they act for) keeps to attach again without uploading (once-only,
Lei 13.460 art. 5 XV). Files are never served by URL from storage: these views check who asks
and stream them."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from plataforma.common.ratelimit import hit

from ..documents import check_upload, document_open, document_remove_from_area, document_upload_to_area
from ..models import Document
from .common import (
    UPLOAD_LIMIT,
    acting_company,
    area_documents,
    bad_request,
    requester_request_or_404,
    see_other,
)
from .common import too_many as too_many_page

AREA_KINDS = ["pdf", "jpeg", "png"]
PER_PAGE = 20


def stream_document(document: Document) -> FileResponse:
    try:
        handle = document_open(document)
    except (FileNotFoundError, OSError):
        raise Http404 from None
    response = FileResponse(
        handle, as_attachment=True, filename=document.name, content_type=document.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def attachment(request: HttpRequest, protocol: str, attachment_id) -> HttpResponse:
    """A file of a request (an answer or a step of its timeline the requester can see)."""
    service_request = requester_request_or_404(request, protocol)
    found = (
        service_request.attachments.select_related("document")
        .filter(pk=attachment_id)
        .filter(Q(event__isnull=True) | Q(event__visible_to_requester=True))
        .first()
    )
    if found is None:
        raise Http404
    return stream_document(found.document)


class UploadForm(forms.Form):
    arquivo = forms.FileField(
        label=gettext_lazy("Arquivo"),
        help_text=gettext_lazy("PDF, JPEG ou PNG."),
    )

    def clean_arquivo(self):
        upload = self.cleaned_data["arquivo"]
        check_upload(upload, allowed_kinds=AREA_KINDS, max_mb=None)
        return upload


def _page_number(request: HttpRequest) -> int:
    raw = request.GET.get("pagina", "1")
    if not raw.isdigit() or len(raw) > 6 or int(raw) < 1:
        raise Http404
    return int(raw)


@login_required
@require_http_methods(["GET", "POST"])
def documents(request: HttpRequest) -> HttpResponse:
    """'Meus documentos': list, upload (POST with a file) and remove (POST with `excluir`)."""
    company = acting_company(request)
    listing = area_documents(user=request.user, company=company).only(
        "id", "name", "content_type", "size", "created_at", "owner_id", "company_id"
    )
    form = UploadForm()
    status = 200
    if request.method == "POST":
        if "excluir" in request.POST:
            return _remove(request, listing)
        if not hit(UPLOAD_LIMIT, str(request.user.pk)):
            return too_many_page(request)
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                document = document_upload_to_area(
                    actor=request.user, upload=form.cleaned_data["arquivo"], company=company
                )
            except ValidationError as exc:
                form.add_error("arquivo", exc.messages)
            else:
                messages.success(request, _("Documento guardado: %(name)s.") % {"name": document.name})
                return see_other(reverse("service_requests:documents"))
        status = 400
    paginator = Paginator(listing, PER_PAGE)
    number = _page_number(request)
    if number > max(paginator.num_pages, 1):
        raise Http404
    context = {"page": paginator.page(number), "form": form, "company": company}
    return render(request, "service_requests/citizen/documents.html", context, status=status)


def _remove(request: HttpRequest, listing) -> HttpResponse:
    try:
        document = listing.filter(pk=request.POST.get("excluir", "")[:40]).first()
    except ValidationError:  # not a UUID
        document = None
    if document is None:
        return bad_request(request, [_("Documento não encontrado.")])
    try:
        document_remove_from_area(actor=request.user, document=document)
    except PermissionDenied:
        return bad_request(request, [_("Só quem guardou o documento pode excluí-lo.")])
    messages.success(
        request,
        _("Documento excluído: %(name)s. Os pedidos que já o usam continuam com ele.")
        % {"name": document.name},
    )
    return see_other(reverse("service_requests:documents"))


@login_required
@require_GET
def document_download(request: HttpRequest, document_id) -> HttpResponse:
    document = (
        area_documents(user=request.user, company=acting_company(request)).filter(pk=document_id).first()
    )
    if document is None:
        raise Http404
    return stream_document(document)
