"""'Solicitar': the request form of a digital service (Lei 14.129 art. 21 II). Once-only: what the
platform knows is prefilled and not asked again (Lei 13.460 art. 5 XV). Submission is
idempotent: the page carries a key, and the same key from the same person never makes a second
request (double click, retry, network repeat)."""

from __future__ import annotations

import uuid

from django.contrib.auth.views import redirect_to_login
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from plataforma.catalog import selectors as catalog_selectors
from plataforma.common.documents import mask_cpf
from plataforma.common.ratelimit import hit
from plataforma.identity.auth_flow import session_level, session_meets_level
from plataforma.identity.levels.selectors import level_gate_url

from ..documents import document_store, documents_discard
from ..dynamic_forms import build_request_form
from ..models import Document, ServiceRequest
from ..prefill import prefill_values
from ..receipt import answer_text
from ..services import request_form_for_submission, service_request_submit
from .common import SUBMIT_LIMIT, acting_company, apply_errors, area_documents, forbidden, see_other, too_many
from .consent import consent_needs_level, consent_offers, consented

KEY_FIELD = "_envio"


class _AlreadySubmitted(Exception):
    """Raised inside the submit transaction to roll back files stored for a request that
    already existed (the same key raced in from another tab or process)."""

    def __init__(self, request: ServiceRequest):
        self.request = request


def _signer(user) -> signing.Signer:
    return signing.Signer(salt=f"service_requests.submit:{user.pk}")


def new_submission_key(user) -> str:
    return _signer(user).sign(uuid.uuid4().hex)


def read_submission_key(user, signed: str) -> str | None:
    """The idempotency key from the page's signed value, or None if it was tampered with."""
    try:
        value = _signer(user).unsign((signed or "")[:200])
    except signing.BadSignature:
        return None
    return value if len(value) == 32 and value.isalnum() else None


def _receipt_url(service_request: ServiceRequest) -> str:
    return reverse("service_requests:receipt", kwargs={"protocol": service_request.protocol})


def known_data(*, form_class) -> list[tuple[str, str]]:
    """(label, shown value) of each form field the platform fills in itself; the CPF is masked
    (the page may be seen over the person's shoulder; they know their own CPF)."""
    rows = []
    for spec in form_class.spec.fields:
        if spec.key not in form_class.prefilled:
            continue
        value = form_class.prefilled[spec.key]
        shown = mask_cpf(str(value)) if spec.type == "cpf" else answer_text(spec, value)
        rows.append((spec.label, shown))
    return rows


def _summary(view, request_form) -> dict:
    content = view.content
    documents = list(dict.fromkeys(d for step in content.steps for d in step.documents))
    return {
        "service": view.service,
        "agency": view.service.agency,
        "total_time": str(content.total_time),
        "documents_needed": documents,
        "fee": request_form.fee_amount if request_form.charges_fee else None,
        "fee_description": request_form.fee_description,
    }


def _level_url(request: HttpRequest, needed: str) -> str:
    return level_gate_url(required=needed, next_url=request.get_full_path()) if needed else ""


@require_http_methods(["GET", "POST"])
def submit(request: HttpRequest, slug: str) -> HttpResponse:
    view = catalog_selectors.service_detail(slug=slug)  # 404: unknown or unpublished
    try:
        request_form = request_form_for_submission(service=view.service)
    except PermissionDenied:
        raise Http404 from None
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    required = view.service.min_login_level
    if not session_meets_level(request, required):
        return HttpResponseRedirect(level_gate_url(required=required, next_url=request.get_full_path()))

    user, company = request.user, acting_company(request)
    version = request_form.current_version
    keys = version.form_spec.prefill_keys
    allowed = consented(request, slug)
    level = session_level(request)
    known = prefill_values(
        user=user,
        company=company,
        keys=keys,
        consented=allowed,
        purpose=_("Preenchimento do pedido: %(service)s") % {"service": view.service.name},
        level=level,
    )
    form_class = build_request_form(
        version=version, known=known, documents=area_documents(user=user, company=company)
    )
    context = {
        **_summary(view, request_form),
        "company": company,
        "requester_name": user.display_name,
        "requester_cpf": user.masked_cpf,
        "known": known_data(form_class=form_class),
        "consent_offers": consent_offers(keys=keys, already=allowed, level=level),
        "consent_level_url": _level_url(request, consent_needs_level(keys=keys, level=level)),
        "key_field": KEY_FIELD,
    }

    if request.method == "GET":
        context.update(form=form_class(), submission_key=new_submission_key(user))
        return render(request, "service_requests/citizen/submit.html", context)

    signed = request.POST.get(KEY_FIELD, "")
    key = read_submission_key(user, signed)
    form = form_class(data=request.POST, files=request.FILES)
    context.update(form=form, submission_key=signed)
    if key is None:
        form.is_valid()
        form.add_error(None, _("O formulário expirou ou foi alterado. Recarregue a página e envie de novo."))
        context["submission_key"] = new_submission_key(user)
        return render(request, "service_requests/citizen/submit.html", context, status=400)
    # A retry of a request already made goes straight to its comprovante.
    existing = ServiceRequest.objects.filter(requester=user, idempotency_key=key).only("protocol").first()
    if existing is not None:
        return see_other(_receipt_url(existing))
    if not hit(SUBMIT_LIMIT, str(user.pk)):
        return too_many(request)
    if not form.is_valid():
        return render(request, "service_requests/citizen/submit.html", context, status=400)

    stored: list[Document] = []
    try:
        with transaction.atomic():
            files = _store_files(form=form, version=version, user=user, company=company, stored=stored)
            service_request, created = service_request_submit(
                user=user,
                service=view.service,
                data=form.answers(),
                files=files,
                idempotency_key=key,
                session_level=session_level(request),
                company=company,
                form=request_form,
            )
            if not created:
                raise _AlreadySubmitted(service_request)
    except _AlreadySubmitted as already:
        documents_discard(stored)
        return see_other(_receipt_url(already.request))
    except ValidationError as exc:
        documents_discard(stored)
        apply_errors(form, exc)
        return render(request, "service_requests/citizen/submit.html", context, status=400)
    except PermissionDenied as exc:
        documents_discard(stored)
        return forbidden(request, str(exc) or _("Você não pode fazer este pedido."))
    except BaseException:
        documents_discard(stored)
        raise
    return see_other(_receipt_url(service_request))


def _store_files(*, form, version, user, company, stored: list[Document]) -> dict[str, list[Document]]:
    """Store the uploads of each file field (inside the caller's transaction); errors are put on
    their field."""
    files: dict[str, list[Document]] = {}
    for field_key, choice in form.file_choices().items():
        spec = version.form_spec.field(field_key)
        documents = list(choice.get("reuse") or [])
        for upload in choice.get("uploads") or []:
            try:
                document = document_store(
                    owner=user,
                    company=company,
                    upload=upload,
                    allowed_kinds=list(spec.file_kinds) if spec else [],
                    max_mb=spec.max_file_mb if spec else None,
                )
            except ValidationError as exc:
                raise ValidationError({field_key: exc.messages}) from exc
            stored.append(document)
            documents.append(document)
        if documents:
            files[field_key] = documents
    return files
