"""The ouvidoria's pages in the Área do Servidor (/servidor/ouvidoria/): the inbox, one
manifestação with its timeline and the actions its status allows, and the audited reveal of who
lodged it. Only ouvidores of the manifestação's agency and of the Ouvidoria-Geral get in; every
other person gets 403 on the inbox and 404 on a manifestação (nothing tells it exists)."""

from __future__ import annotations

from django import forms
from django.apps import apps
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from plataforma.common.calendar import CUIABA
from plataforma.common.documents import format_cpf

from .. import services
from ..deadlines import deadline_state, soon_limit
from ..forms import (
    AnswerForm,
    ArchiveForm,
    ClassifyForm,
    ExtendForm,
    ForwardForm,
    InboxFilterForm,
    MeasureForm,
    QuestionForm,
    ReasonForm,
    RerouteForm,
)
from ..models import Forwarding, Manifestation
from ..selectors import inbox as inbox_selectors
from ..selectors import staff as selectors
from ..services.forwarding import extract_suggestion
from ..transitions import EVENT_LABELS, transition_allowed
from .common import apply_errors, no_store, see_other, signed_in


class ConfirmForm(forms.Form):
    """An action that only needs confirming."""


# slug → (transition key, form class, title)
ACTIONS: dict[str, tuple[str, type, str]] = {
    "analisar": ("analysis_started", ConfirmForm, gettext_lazy("Iniciar a análise")),
    "classificar": ("classified", ClassifyForm, gettext_lazy("Classificar")),
    "encaminhar": ("forwarded", ForwardForm, gettext_lazy("Encaminhar à área responsável")),
    "pedir-informacoes": ("info_requested", QuestionForm, gettext_lazy("Pedir informações ao usuário")),
    "prorrogar": ("extended", ExtendForm, gettext_lazy("Prorrogar o prazo de resposta")),
    "responder": ("answered", AnswerForm, gettext_lazy("Responder ao usuário")),
    "arquivar": ("archived", ArchiveForm, gettext_lazy("Arquivar")),
    "redirecionar": ("rerouted", RerouteForm, gettext_lazy("Redirecionar a outro órgão")),
    "providencia": ("measure_recorded", MeasureForm, gettext_lazy("Registrar providência adotada")),
    "cancelar-encaminhamento": (
        "forwarding_cancelled",
        ReasonForm,
        gettext_lazy("Cancelar o encaminhamento"),
    ),
    "prorrogar-encaminhamento": (
        "forwarding_extended",
        ExtendForm,
        gettext_lazy("Prorrogar o prazo da área"),
    ),
}
# service field → the form fields it may be called on the page
FIELD_CANDIDATES = {
    "kind": ("tipo",),
    "subject": ("assunto",),
    "area": ("area",),
    "extract": ("extrato",),
    "question": ("pergunta",),
    "share_identity": ("compartilhar_identidade",),
    "reason": ("justificativa", "motivo"),
    "text": ("resposta", "texto"),
    "agency": ("orgao",),
    "description": ("descricao", "providencia_descricao"),
}


def _field_map(form) -> dict[str, str]:
    return {
        key: next((name for name in names if name in form.fields), key)
        for key, names in FIELD_CANDIDATES.items()
    }


def _forbidden(request: HttpRequest) -> HttpResponse:
    return render(request, "ombudsman/staff/no_role.html", status=403)


def _handled_or_404(request: HttpRequest, protocol: str, *, audited: bool = False) -> Manifestation:
    found = selectors.manifestation_for_ombudsman(user=request.user, protocol=protocol, audited=audited)
    if found is None:
        raise Http404
    return found


def _agencies(general: bool, agency_ids: set) -> list:
    Agency = apps.get_model("catalog", "Agency")
    qs = Agency.objects.all() if general else Agency.objects.filter(pk__in=agency_ids)
    return list(qs.only("id", "slug", "acronym", "name").order_by("acronym")[:300])


@signed_in
@require_GET
def inbox(request: HttpRequest) -> HttpResponse:
    general, agency_ids = inbox_selectors.inbox_scope(request.user)
    if not general and not agency_ids:
        return _forbidden(request)
    agencies = _agencies(general, agency_ids)
    form = InboxFilterForm(request.GET or None, agencies=agencies, general=general)
    context = {"form": form, "page": None, "general": general, "multi": general or len(agencies) > 1}
    if request.GET and not form.is_valid():
        return no_store(render(request, "ombudsman/staff/inbox.html", context, status=400))
    data = form.cleaned_data if request.GET else {}
    slug = data.get("orgao", "")
    agency_id = inbox_selectors.NO_AGENCY if slug == inbox_selectors.NO_AGENCY else None
    if slug and agency_id is None:
        agency_id = next((a.pk for a in agencies if a.slug == slug), None)
    if not slug and not general and len(agencies) == 1:
        agency_id = agencies[0].pk
    filters = inbox_selectors.InboxFilters(
        status=data.get("situacao", ""),
        kind=data.get("tipo", ""),
        channel=data.get("canal", ""),
        agency_id=agency_id,
        deadline=data.get("prazo", ""),
        protocol=data.get("protocolo", ""),
    )
    open_order = inbox_selectors.deadline_ordered(filters)
    cursor = None
    if request.GET.get("apos"):
        cursor = inbox_selectors.cursor_decode(request.GET["apos"], open_order=open_order)
        if cursor is None:
            form.add_error(None, _("O endereço da página não é válido. Volte à primeira página."))
            return no_store(render(request, "ombudsman/staff/inbox.html", context, status=400))
    page = inbox_selectors.inbox_page(user=request.user, filters=filters, cursor=cursor)
    query = request.GET.copy()
    query.pop("apos", None)
    context.update(
        {
            "page": page,
            "count_limit": inbox_selectors.COUNT_LIMIT,
            "next_url": f"?{query.urlencode()}&apos={page.next_cursor}" if page.next_cursor else "",
            "first_url": f"?{query.urlencode()}" if cursor is not None else "",
        }
    )
    return no_store(render(request, "ombudsman/staff/inbox.html", context))


def _actions_for(manifestation: Manifestation, forwarding: Forwarding | None) -> list[tuple[str, str]]:
    out = []
    now = timezone.now()
    for slug, (key, _form, title) in ACTIONS.items():
        if slug in ("cancelar-encaminhamento", "prorrogar-encaminhamento") and (
            forwarding is None
            or (
                slug == "prorrogar-encaminhamento"
                and (forwarding.extended_at is not None or now > forwarding.due_at)
            )
        ):
            continue
        # an extension is asked for before the deadline ends, once (Lei 13.460 art. 16)
        if slug == "prorrogar" and (
            manifestation.answer_extended_at is not None
            or (manifestation.clock_paused_at or now) > manifestation.answer_due_at
        ):
            continue
        if slug == "encaminhar" and manifestation.agency_id is None:
            continue
        if transition_allowed(manifestation.status, key):
            out.append((slug, str(title)))
    return out


@signed_in
@require_GET
def detail(request: HttpRequest, protocol: str) -> HttpResponse:
    manifestation = _handled_or_404(request, protocol, audited=True)
    forwarding = selectors.open_forwarding(manifestation)
    timeline = selectors.staff_timeline(manifestation)
    for event in timeline:
        event.label = EVENT_LABELS.get(event.action, event.action)
    now = timezone.now()
    context = {
        "m": manifestation,
        "deadline_state": deadline_state(manifestation, now, soon_limit(now)),
        "timeline": timeline,
        "forwardings": selectors.forwardings_of(manifestation),
        "answers": selectors.answers_of(manifestation),
        "measures": selectors.measures_of(manifestation),
        "actions": _actions_for(manifestation, forwarding),
    }
    return no_store(render(request, "ombudsman/staff/detail.html", context))


@signed_in
@require_POST
def identity(request: HttpRequest, protocol: str) -> HttpResponse:
    """Who lodged it — shown in the answer of this POST only, never cached, always audited."""
    manifestation = _handled_or_404(request, protocol)
    found = selectors.identity_reveal(user=request.user, manifestation=manifestation)
    if found is None:
        raise Http404
    context = {"m": manifestation, "identity": found, "cpf": format_cpf(found.cpf) if found.cpf else ""}
    return no_store(render(request, "ombudsman/staff/identity.html", context))


def _run(request: HttpRequest, slug: str, manifestation: Manifestation, data: dict, forwarding):
    actor = request.user
    if slug == "analisar":
        services.manifestation_start_analysis(actor=actor, manifestation=manifestation)
        return _("Análise iniciada.")
    if slug == "classificar":
        services.manifestation_classify(
            actor=actor, manifestation=manifestation, kind=data["tipo"], subject=data["assunto"]
        )
        return _("Classificação salva.")
    if slug == "encaminhar":
        services.manifestation_forward(
            actor=actor,
            manifestation=manifestation,
            area=data["area"],
            extract=data["extrato"],
            question=data["pergunta"],
            share_identity=bool(data.get("compartilhar_identidade")),
        )
        return _("Encaminhada à área responsável, que tem 20 dias para responder.")
    if slug == "pedir-informacoes":
        services.manifestation_request_info(
            actor=actor, manifestation=manifestation, question=data["pergunta"]
        )
        return _("Pedido enviado ao usuário.")
    if slug == "prorrogar":
        services.manifestation_extend(actor=actor, manifestation=manifestation, reason=data["justificativa"])
        return _("Prazo prorrogado por 30 dias. O usuário foi avisado com a justificativa.")
    if slug == "responder":
        services.manifestation_answer(actor=actor, manifestation=manifestation, text=data["resposta"])
        if data.get("providencia_tipo"):
            services.measure_record(
                actor=actor,
                manifestation=manifestation,
                kind=data["providencia_tipo"],
                description=data.get("providencia_descricao", ""),
            )
        return _("Resposta enviada. O usuário foi informado.")
    if slug == "arquivar":
        services.manifestation_archive(
            actor=actor, manifestation=manifestation, reason=data["motivo"], text=data["texto"]
        )
        return _("Manifestação arquivada. O usuário foi informado do motivo.")
    if slug == "redirecionar":
        services.manifestation_reroute(
            actor=actor, manifestation=manifestation, agency=data["orgao"], reason=data["motivo"]
        )
        return _("Manifestação enviada à ouvidoria do órgão competente.")
    if slug == "providencia":
        services.measure_record(
            actor=actor, manifestation=manifestation, kind=data["tipo"], description=data["descricao"]
        )
        return _("Providência registrada.")
    if slug == "cancelar-encaminhamento":
        services.forwarding_cancel(actor=actor, forwarding=forwarding, reason=data["motivo"])
        return _("Encaminhamento cancelado.")
    services.forwarding_extend(actor=actor, forwarding=forwarding, reason=data["justificativa"])
    return _("Prazo da área prorrogado por 20 dias.")


def _form_for(slug: str, manifestation: Manifestation, data=None):
    form_class = ACTIONS[slug][1]
    if form_class is ForwardForm:
        consent = manifestation.identity_consent_at is not None and not manifestation.is_anonymous
        initial = {"extrato": extract_suggestion(manifestation)} if data is None else None
        return ForwardForm(data, consent=consent, initial=initial)
    if form_class is ClassifyForm:
        return ClassifyForm(data, initial={"tipo": manifestation.kind, "assunto": manifestation.subject_id})
    return form_class(data)


@signed_in
@require_http_methods(["GET", "HEAD", "POST"])
def act(request: HttpRequest, protocol: str, action: str) -> HttpResponse:
    if action not in ACTIONS:
        raise Http404
    manifestation = _handled_or_404(request, protocol, audited=action == "encaminhar")
    forwarding = selectors.open_forwarding(manifestation)
    detail_url = reverse("ombudsman_staff:detail", args=[manifestation.protocol])
    if action not in dict(_actions_for(manifestation, forwarding)):
        messages.info(request, _("Esta ação não se aplica à manifestação na situação atual."))
        return see_other(detail_url)
    form = _form_for(action, manifestation, request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                done = _run(request, action, manifestation, form.cleaned_data, forwarding)
            except PermissionDenied:
                raise Http404 from None
            except ValidationError as exc:
                apply_errors(form, exc, field_map=_field_map(form))
            else:
                messages.success(request, done)
                return see_other(detail_url)
    context = {
        "m": manifestation,
        "form": form,
        "slug": action,
        "title": ACTIONS[action][2],
        "forwarding": forwarding,
        "due": manifestation.answer_due_at.astimezone(CUIABA),
    }
    return no_store(render(request, "ombudsman/staff/act.html", context, status=status))
