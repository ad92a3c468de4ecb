"""Registering at a desk (/servidor/ouvidoria/registrar/): ouvidores and attendants record a
manifestação received in person, by phone, e-mail or letter, on behalf of the person (Lei
13.460 art. 10: any channel; art. 11: never refused). The person gets the protocol and, without
an MT Login account, the access code — shown here once, to be handed to them."""

from __future__ import annotations

import uuid

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from plataforma.common.authcodes import authcode_display
from plataforma.common.calendar import CUIABA
from plataforma.common.protocols import protocol_normalise
from plataforma.common.ratelimit import hit

from ..access import desk_agency_ids
from ..forms import DeskForm
from ..models import Manifestation
from ..services import DeskIdentity, SubmissionInProgress, manifestation_lodge
from .common import LODGE_LIMIT, apply_errors, no_store, see_other, signed_in, too_many
from .public import FIELD_MAP

DESK_CODE_SESSION_KEY = "ombudsman_desk_code"
DESK_FIELD_MAP = {
    **{k: v for k, v in FIELD_MAP.items() if v},
    "channel": "canal",
    "cpf": "cpf",
    "full_name": "nome",
    "email": "email",
    "phone": "telefone",
}


@signed_in
@require_http_methods(["GET", "HEAD", "POST"])
def register(request: HttpRequest) -> HttpResponse:
    if not desk_agency_ids(request.user):
        return render(request, "ombudsman/staff/no_role.html", status=403)
    form = DeskForm(request.POST if request.method == "POST" else None)
    key = request.POST.get("chave", "") if request.method == "POST" else uuid.uuid4().hex
    status = 200
    if request.method == "POST":
        status = 400
        if not hit(LODGE_LIMIT, f"desk:{request.user.pk}"):
            return too_many(request)
        if form.is_valid():
            data = form.cleaned_data
            anonymous = form.anonymous
            try:
                result = manifestation_lodge(
                    actor=request.user,
                    kind=data["tipo"],
                    title=data["resumo"],
                    description=data["relato"],
                    channel=data["canal"],
                    agency=data.get("orgao"),
                    service=data.get("servico"),
                    facts_location=data.get("local", ""),
                    facts_date=data.get("data"),
                    anonymous=anonymous,
                    identity_consent=bool(data.get("autorizacao")) and not anonymous,
                    idempotency_key=key[:80],
                    desk_identity=None
                    if anonymous
                    else DeskIdentity(
                        full_name=data["nome"], cpf=data["cpf"], email=data["email"], phone=data["telefone"]
                    ),
                )
            except SubmissionInProgress as exc:
                form.add_error(None, exc.messages)
            except PermissionDenied as exc:
                form.add_error(None, str(exc))
            except ValidationError as exc:
                apply_errors(form, exc, field_map=DESK_FIELD_MAP)
            else:
                request.session[DESK_CODE_SESSION_KEY] = {result.manifestation.protocol: result.access_code}
                return see_other(reverse("ombudsman_staff:registered", args=[result.manifestation.protocol]))
    return no_store(render(request, "ombudsman/staff/desk.html", {"form": form, "key": key}, status=status))


@signed_in
@require_GET
def registered(request: HttpRequest, protocol: str) -> HttpResponse:
    """The protocol (and access code, once) to hand to the person; only for whoever registered it."""
    normalised = protocol_normalise(protocol)
    found = (
        Manifestation.objects.select_related("agency")
        .filter(protocol=normalised, registered_by=request.user)
        .first()
        if normalised
        else None
    )
    if found is None:
        raise Http404
    codes = request.session.get(DESK_CODE_SESSION_KEY, {})
    code = codes.get(found.protocol, "") if isinstance(codes, dict) else ""
    if code:
        request.session.pop(DESK_CODE_SESSION_KEY, None)
    context = {
        "m": found,
        "code": code,
        "due": found.answer_due_at.astimezone(CUIABA),
        "receipt_code": authcode_display(found.receipt_code) if found.receipt_code else "",
        "has_account": found.requester_id is not None,
    }
    return no_store(render(request, "ombudsman/staff/registered.html", context))
