"""The author's pages: "Minhas manifestações" for people signed in (/conta/manifestacoes/), and
the follow-up by protocol and access code for anonymous manifestações and those registered at a
desk for a person without an account (/ouvidoria/acompanhar/). Same detail, actions and
comprovante for both; only the way in differs."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from plataforma.common.calendar import CUIABA
from plataforma.common.ratelimit import hit

from .. import receipt as receipts
from ..access_codes import FOLLOW_LIMIT_PER_ADDRESS
from ..forms import ConsentForm, FollowForm, RateForm, ReopenForm, ReplyForm
from ..models import Manifestation, ManifestationAnswer, Status
from ..selectors import author as selectors
from ..services import identity_consent_set, manifestation_rate, manifestation_reopen, manifestation_reply
from ..services.author import can_reopen, reopen_deadline
from ..transitions import EVENT_LABELS
from .common import (
    ACT_LIMIT,
    RECEIPT_PDF_LIMIT,
    apply_errors,
    client_address,
    follow_grant,
    follow_grants,
    follow_revoke_all,
    no_store,
    see_other,
    signed_in,
    too_many,
)

PER_PAGE = 20

# action slug → (form, title, service call)
ACTIONS = {
    "responder": (ReplyForm, _("Responder à ouvidoria")),
    "avaliar": (RateForm, _("Avaliar a resposta")),
    "reabrir": (ReopenForm, _("Reabrir a manifestação")),
    "autorizacao": (ConsentForm, _("Compartilhamento da identidade")),
}


def urls_for(manifestation: Manifestation, *, by_code: bool) -> dict[str, str]:
    prefix = "ombudsman:follow_" if by_code else "ombudsman:mine_"
    protocol = manifestation.protocol
    urls = {
        "detail": reverse(f"{prefix}detail", args=[protocol]),
        "receipt": reverse(f"{prefix}receipt", args=[protocol]),
        "receipt_pdf": reverse(f"{prefix}receipt_pdf", args=[protocol]),
    }
    for slug in ACTIONS:
        urls[slug] = reverse(f"{prefix}act", args=[protocol, slug])
    return urls


def _available(manifestation: Manifestation, *, by_code: bool, answers: list, rating) -> dict[str, bool]:
    now = timezone.now()
    answered_now = any(a.cycle == manifestation.cycle for a in answers)
    return {
        "responder": manifestation.status == Status.AWAITING_USER,
        "avaliar": manifestation.is_closed and answered_now and rating is None,
        "reabrir": can_reopen(manifestation, now),
        # consent may be withdrawn at any time, also after the answer (LGPD art. 8 §5)
        "autorizacao": not by_code and not manifestation.is_anonymous,
    }


def _detail_context(manifestation: Manifestation, *, by_code: bool) -> dict:
    answers = selectors.answers(manifestation)
    rating = selectors.current_rating(manifestation)
    timeline = selectors.public_timeline(manifestation)
    for event in timeline:
        event.label = EVENT_LABELS.get(event.action, event.action)
    until = reopen_deadline(manifestation)
    return {
        "m": manifestation,
        "by_code": by_code,
        "timeline": timeline,
        "answers": answers,
        "rating": rating,
        "available": _available(manifestation, by_code=by_code, answers=answers, rating=rating),
        "reopen_until": until.astimezone(CUIABA) if until else None,
        "urls": urls_for(manifestation, by_code=by_code),
        "Answer": ManifestationAnswer,
    }


def _act(request: HttpRequest, manifestation: Manifestation, slug: str, *, by_code: bool) -> HttpResponse:
    if slug not in ACTIONS:
        raise Http404
    form_class, title = ACTIONS[slug]
    context = _detail_context(manifestation, by_code=by_code)
    if not context["available"][slug]:
        messages.info(request, _("Esta ação não está disponível agora."))
        return see_other(context["urls"]["detail"])
    initial = {"autorizo": manifestation.identity_consent_at is not None} if slug == "autorizacao" else None
    form = form_class(request.POST if request.method == "POST" else None, initial=initial)
    status = 200
    if request.method == "POST":
        if not hit(
            ACT_LIMIT, str(request.user.pk) if request.user.is_authenticated else client_address(request)
        ):
            return too_many(request)
        if form.is_valid():
            actor = request.user if request.user.is_authenticated else None
            data = form.cleaned_data
            try:
                if slug == "responder":
                    manifestation_reply(
                        actor=actor, manifestation=manifestation, text=data["texto"], by_code=by_code
                    )
                    done = _("Resposta enviada. A ouvidoria continua a análise.")
                elif slug == "avaliar":
                    manifestation_rate(
                        actor=actor,
                        manifestation=manifestation,
                        resolved=data["resolvida"],
                        satisfaction=data["satisfacao"],
                        comment=data["comentario"],
                        by_code=by_code,
                    )
                    done = _("Obrigado pela avaliação.")
                elif slug == "reabrir":
                    manifestation_reopen(
                        actor=actor, manifestation=manifestation, reason=data["motivo"], by_code=by_code
                    )
                    done = _("Manifestação reaberta. A ouvidoria tem 30 dias para responder de novo.")
                else:
                    identity_consent_set(actor=actor, manifestation=manifestation, consent=data["autorizo"])
                    done = _("Preferência registrada.")
            except PermissionDenied:
                raise Http404 from None
            except ValidationError as exc:
                apply_errors(
                    form,
                    exc,
                    field_map={
                        "text": "texto",
                        "reason": "motivo",
                        "satisfaction": "satisfacao",
                        "resolved": "resolvida",
                        "comment": "comentario",
                    },
                )
            else:
                messages.success(request, done)
                return see_other(context["urls"]["detail"])
        status = 400
    context.update({"form": form, "slug": slug, "title": title})
    return no_store(render(request, "ombudsman/author/act.html", context, status=status))


# --- people signed in --------------------------------------------------------------------------


def _mine_or_404(request: HttpRequest, protocol: str) -> Manifestation:
    found = selectors.manifestation_for_author(user=request.user, protocol=protocol)
    if found is None:
        raise Http404
    return found


@signed_in
@require_GET
def mine(request: HttpRequest) -> HttpResponse:
    paginator = Paginator(selectors.manifestations_of(user=request.user), PER_PAGE)
    page = paginator.get_page(request.GET.get("pagina"))
    return no_store(render(request, "ombudsman/author/mine.html", {"page": page}))


@signed_in
@require_GET
def mine_detail(request: HttpRequest, protocol: str) -> HttpResponse:
    manifestation = _mine_or_404(request, protocol)
    return no_store(
        render(request, "ombudsman/author/detail.html", _detail_context(manifestation, by_code=False))
    )


@signed_in
@require_http_methods(["GET", "HEAD", "POST"])
def mine_act(request: HttpRequest, protocol: str, action: str) -> HttpResponse:
    return _act(request, _mine_or_404(request, protocol), action, by_code=False)


# --- by protocol and access code ---------------------------------------------------------------


def _held_or_redirect(request: HttpRequest, protocol: str) -> Manifestation | None:
    return selectors.manifestation_for_code_holder(protocol=protocol, granted=follow_grants(request))


@require_http_methods(["GET", "HEAD", "POST"])
def follow(request: HttpRequest) -> HttpResponse:
    """Acompanhar com protocolo e código de acesso (rate-limited per address; ADR 0029)."""
    form = FollowForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            protocol = form.cleaned_data["protocolo"].strip().upper()
            if not hit(FOLLOW_LIMIT_PER_ADDRESS, client_address(request)):
                return too_many(
                    request, _("Foram feitas muitas tentativas. Aguarde alguns minutos e tente de novo.")
                )
            found = selectors.manifestation_by_code(protocol=protocol, code=form.cleaned_data["codigo"])
            if found is not None:
                follow_grant(request, str(found.pk))
                return see_other(reverse("ombudsman:follow_detail", args=[found.protocol]))
            form.add_error(
                None, _("Protocolo ou código de acesso não conferem. Confira os dois e tente de novo.")
            )
    return no_store(render(request, "ombudsman/author/follow.html", {"form": form}, status=status))


def _held_or_404(request: HttpRequest, protocol: str) -> Manifestation:
    found = _held_or_redirect(request, protocol)
    if found is None:
        raise Http404
    return found


@require_GET
def follow_detail(request: HttpRequest, protocol: str) -> HttpResponse:
    found = _held_or_redirect(request, protocol)
    if found is None:
        return see_other(reverse("ombudsman:follow"))
    return no_store(render(request, "ombudsman/author/detail.html", _detail_context(found, by_code=True)))


@require_http_methods(["GET", "HEAD", "POST"])
def follow_act(request: HttpRequest, protocol: str, action: str) -> HttpResponse:
    return _act(request, _held_or_404(request, protocol), action, by_code=True)


@require_POST
def follow_exit(request: HttpRequest) -> HttpResponse:
    follow_revoke_all(request)
    messages.info(
        request, _("Pronto. Para ver a manifestação de novo, informe o protocolo e o código de acesso.")
    )
    return see_other(reverse("ombudsman:follow"))


# --- comprovante ---------------------------------------------------------------------------------


def _receipt_page(request: HttpRequest, manifestation: Manifestation, *, by_code: bool) -> HttpResponse:
    urls = urls_for(manifestation, by_code=by_code)
    context = {
        **receipts.receipt_context(request=request, manifestation=manifestation, urls=urls),
        "base_template": "base.html",
        "for_pdf": False,
        "by_code": by_code,
    }
    return no_store(render(request, "ombudsman/author/receipt.html", context))


def _receipt_pdf(request: HttpRequest, manifestation: Manifestation, *, by_code: bool) -> HttpResponse:
    subject = str(request.user.pk) if request.user.is_authenticated else client_address(request)
    if not hit(RECEIPT_PDF_LIMIT, subject):
        return too_many(
            request, _("Foram pedidos muitos comprovantes em pouco tempo. Aguarde alguns minutos.")
        )
    pdf = receipts.receipt_pdf(
        request=request, manifestation=manifestation, urls=urls_for(manifestation, by_code=by_code)
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="manifestacao-{manifestation.protocol}.pdf"'
    return no_store(response)


@signed_in
@require_GET
def mine_receipt(request: HttpRequest, protocol: str) -> HttpResponse:
    return _receipt_page(request, _mine_or_404(request, protocol), by_code=False)


@signed_in
@require_GET
def mine_receipt_pdf(request: HttpRequest, protocol: str) -> HttpResponse:
    return _receipt_pdf(request, _mine_or_404(request, protocol), by_code=False)


@require_GET
def follow_receipt(request: HttpRequest, protocol: str) -> HttpResponse:
    return _receipt_page(request, _held_or_404(request, protocol), by_code=True)


@require_GET
def follow_receipt_pdf(request: HttpRequest, protocol: str) -> HttpResponse:
    return _receipt_pdf(request, _held_or_404(request, protocol), by_code=True)
