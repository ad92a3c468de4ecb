"""The ouvidoria's public pages: what a manifestação is, the form to lodge one (identified with
MT Login, or anonymous without signing in), and the confirmation with the protocol and — once —
the access code."""

from __future__ import annotations

import uuid

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from plataforma.common.calendar import CUIABA
from plataforma.common.ratelimit import hit

from ..access import general_agency_acronym
from ..deadlines import ANSWER_DAYS, REOPEN_WINDOW_DAYS
from ..forms import LodgeForm
from ..models import Channel, Kind
from ..models.manifestations import TEXT_MAX_LENGTH
from ..selectors import author as selectors
from ..services import SubmissionInProgress, manifestation_lodge
from .common import (
    LODGE_LIMIT,
    NEW_CODE_SESSION_KEY,
    apply_errors,
    client_address,
    follow_grant,
    follow_grants,
    follow_revoke,
    no_store,
    see_other,
    too_many,
)

FIELD_MAP = {
    "kind": "tipo",
    "title": "resumo",
    "description": "relato",
    "facts_location": "local",
    "facts_date": "data",
    "agency": "orgao",
    "service": "servico",
    "idempotency_key": None,
}


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "ombudsman/public/home.html",
        {
            "kinds": Kind,
            "answer_days": ANSWER_DAYS,
            "reopen_days": REOPEN_WINDOW_DAYS,
            "general": general_agency_acronym(),
        },
    )


def _initial(request: HttpRequest) -> dict:
    initial = {}
    for name in ("servico", "orgao"):
        value = request.GET.get(name, "")
        if value and len(value) <= 220:
            initial[name] = value
    if request.GET.get("tipo") in Kind.values:
        initial["tipo"] = request.GET["tipo"]
    return initial


@require_http_methods(["GET", "HEAD", "POST"])
def lodge(request: HttpRequest) -> HttpResponse:
    signed_in = request.user.is_authenticated
    form = LodgeForm(
        request.POST if request.method == "POST" else None, initial=_initial(request), signed_in=signed_in
    )
    key = request.POST.get("chave", "") if request.method == "POST" else uuid.uuid4().hex
    status = 200
    if request.method == "POST":
        status = 400
        if not hit(LODGE_LIMIT, str(request.user.pk) if signed_in else client_address(request)):
            return too_many(request)
        if form.is_valid():
            data = form.cleaned_data
            anonymous = form.anonymous if signed_in else True
            try:
                result = manifestation_lodge(
                    actor=request.user if signed_in else None,
                    kind=data["tipo"],
                    title=data["resumo"],
                    description=data["relato"],
                    channel=Channel.INTERNET,
                    agency=data.get("orgao"),
                    service=data.get("servico"),
                    facts_location=data.get("local", ""),
                    facts_date=data.get("data"),
                    anonymous=anonymous,
                    identity_consent=bool(data.get("autorizacao")) and not anonymous,
                    idempotency_key=key[:80],
                )
            except SubmissionInProgress as exc:
                form.add_error(None, exc.messages)
            except PermissionDenied as exc:
                form.add_error(None, str(exc))
            except ValidationError as exc:
                apply_errors(form, exc, field_map={k: v for k, v in FIELD_MAP.items() if v})
            else:
                manifestation = result.manifestation
                if manifestation.requester_id is None:
                    follow_grant(request, str(manifestation.pk))
                    if result.access_code:
                        request.session[NEW_CODE_SESSION_KEY] = {manifestation.protocol: result.access_code}
                return see_other(reverse("ombudsman:lodged", args=[manifestation.protocol]))
    context = {
        "form": form,
        "key": key,
        "signed_in": signed_in,
        "text_max": TEXT_MAX_LENGTH,
        "login_url": f"{reverse('identity:login')}?next={reverse('ombudsman:lodge')}",
    }
    return no_store(render(request, "ombudsman/public/lodge.html", context, status=status))


@require_GET
def lodged(request: HttpRequest, protocol: str) -> HttpResponse:
    """The confirmation: protocol, deadline, comprovante and — only on the first view — the access code."""
    manifestation = None
    by_code = False
    if request.user.is_authenticated:
        manifestation = selectors.manifestation_for_author(user=request.user, protocol=protocol)
    if manifestation is None:
        manifestation = selectors.manifestation_for_code_holder(
            protocol=protocol, granted=follow_grants(request)
        )
        by_code = manifestation is not None
    if manifestation is None:
        raise Http404
    codes = request.session.get(NEW_CODE_SESSION_KEY, {})
    code = codes.get(manifestation.protocol, "") if isinstance(codes, dict) else ""
    if code:
        request.session.pop(NEW_CODE_SESSION_KEY, None)
    if by_code and request.user.is_authenticated:
        # Lodged anonymously while signed in: the grant that shows this page once must not stay in
        # a session row that also names the account (ADR 0029). Following it needs the code again.
        follow_revoke(request, str(manifestation.pk))
    from .author import urls_for

    context = {
        "m": manifestation,
        "code": code,
        "by_code": by_code,
        "due": manifestation.answer_due_at.astimezone(CUIABA),
        "urls": urls_for(manifestation, by_code=by_code),
    }
    return no_store(render(request, "ombudsman/public/lodged.html", context))
