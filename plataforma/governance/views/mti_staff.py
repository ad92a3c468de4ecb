"""MTI's catalogue in the Área do Servidor (/servidor/governanca/mti/…): the entry page, the
standard services, the price proposals with their market references, and the Núcleo's decisions.

Access: anonymous → sign-in; MTI staff edit (mti_required); Núcleo members decide
(nucleo_required); both read (nucleo_or_mti_required), the Núcleo never MTI's drafts (404).
Every write goes through the services, which check the role again and audit. Invalid input
re-renders the page with the errors and status 400; nothing is saved.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from .. import permissions
from ..forms.mti import DecisionForm, PriceForm, ReferenceForm, ServiceForm, apply_service_errors
from ..models.mti import MIN_MARKET_REFERENCES, PriceVersion
from ..selectors import mti as reads
from ..services import mti as services
from .common import STAFF, mti_required, nucleo_or_mti_required, nucleo_required, staff_crumbs

T = STAFF + "mti/"


def mti_crumbs(*pairs):
    return staff_crumbs((reverse("governance:mti_home"), _("Catálogo da MTI")), *pairs)


@nucleo_or_mti_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    is_mti = permissions.is_mti(request.user)
    is_nucleo = permissions.is_nucleo(request.user)
    context = {"crumbs": mti_crumbs(), "is_mti": is_mti, "is_nucleo": is_nucleo}
    if is_mti:
        context.update(
            services=reads.services_with_prices(),
            proposals=reads.open_proposals(),
            justifications=reads.justifications_for_mti(),
            guides=reads.guides_for_mti(),
        )
    if is_nucleo:
        context.update(
            awaiting_prices=reads.proposals_awaiting_decision(),
            awaiting_justifications=reads.justifications_awaiting_decision(),
        )
    return render(request, T + "home.html", context)


# --- standard services ---------------------------------------------------------------------------


def _service(service_id) -> object:
    service = reads.service_by_id(service_id)
    if service is None:
        raise Http404
    return service


def _service_data(data: dict) -> services.ServiceData:
    return services.ServiceData(
        code=data["code"],
        name=data["name"],
        category=data["category"],
        description=data["description"],
        unit=data["unit"],
        service_level=data["service_level"],
        is_active=data["is_active"],
    )


@mti_required
@require_http_methods(["GET", "POST"])
def service_new(request: HttpRequest) -> HttpResponse:
    form = ServiceForm(request.POST if request.method == "POST" else None, initial={"is_active": True})
    context = {"form": form, "crumbs": mti_crumbs(("", _("Novo serviço")))}
    if request.method == "POST":
        if form.is_valid():
            try:
                service = services.service_create(actor=request.user, data=_service_data(form.cleaned_data))
            except ValidationError as exc:
                apply_service_errors(form, exc)
            else:
                messages.success(request, _("Serviço incluído no catálogo. Agora proponha o preço."))
                return redirect("governance:mti_service", service.pk)
        return render(request, T + "service_form.html", context, status=400)
    return render(request, T + "service_form.html", context)


@mti_required
@require_http_methods(["GET", "POST"])
def service_edit(request: HttpRequest, service_id) -> HttpResponse:
    service = _service(service_id)
    initial = {f: getattr(service, f) for f in ("code", "name", "category", "description", "unit")}
    initial.update(service_level=service.service_level, is_active=service.is_active)
    form = ServiceForm(request.POST if request.method == "POST" else None, initial=initial)
    context = {
        "form": form,
        "service": service,
        "crumbs": mti_crumbs(
            (reverse("governance:mti_service", args=[service.pk]), service.code), ("", _("Editar"))
        ),
    }
    if request.method == "POST":
        if form.is_valid():
            try:
                services.service_update(
                    actor=request.user, service=service, data=_service_data(form.cleaned_data)
                )
            except ValidationError as exc:
                apply_service_errors(form, exc)
            else:
                messages.success(request, _("Serviço salvo."))
                return redirect("governance:mti_service", service.pk)
        return render(request, T + "service_form.html", context, status=400)
    return render(request, T + "service_form.html", context)


@nucleo_or_mti_required
@require_GET
def service_detail(request: HttpRequest, service_id) -> HttpResponse:
    service = _service(service_id)
    is_mti = permissions.is_mti(request.user)
    versions = reads.service_versions(service, include_drafts=is_mti)
    context = {
        "service": service,
        "is_mti": is_mti,
        "current": reads.current_price(service),
        "upcoming": reads.future_price(service),
        "versions": versions,
        "has_open": any(v.version.status in services.OPEN_STATUSES for v in versions),
        "crumbs": mti_crumbs(("", service.code)),
    }
    return render(request, T + "service.html", context)


# --- price proposals -----------------------------------------------------------------------------


def _version(request: HttpRequest, version_id) -> PriceVersion:
    version = reads.price_version_by_id(version_id)
    if version is None:
        raise Http404
    if version.status == PriceVersion.Status.DRAFT and not permissions.is_mti(request.user):
        raise Http404  # MTI's work in progress
    return version


def _price_data(data: dict) -> services.PriceData:
    return services.PriceData(
        price=data["price"], valid_from=data["valid_from"], justification=data["justification"]
    )


def _version_crumbs(version: PriceVersion, *more):
    service = version.service
    pairs = [(reverse("governance:mti_service", args=[service.pk]), service.code)]
    if more:
        pairs.append(
            (reverse("governance:mti_price", args=[version.pk]), _("Versão %(n)s") % {"n": version.number})
        )
        pairs.extend(more)
    else:
        pairs.append(("", _("Versão %(n)s") % {"n": version.number}))
    return mti_crumbs(*pairs)


def render_price(request, version, *, decision_form=None, problems=(), status=200) -> HttpResponse:
    user = request.user
    is_mti = permissions.is_mti(user)
    is_nucleo = permissions.is_nucleo(user)
    submitted = version.status == PriceVersion.Status.SUBMITTED
    context = {
        "version": version,
        "service": version.service,
        "view": reads.version_view(version),
        "current": reads.current_price(version.service),
        "is_draft": version.status == PriceVersion.Status.DRAFT and is_mti,
        "can_decide": submitted and is_nucleo and version.created_by_id != user.pk,
        "decision_form": decision_form or DecisionForm(),
        "problems": problems,
        "min_references": MIN_MARKET_REFERENCES,
        "crumbs": _version_crumbs(version),
    }
    if decision_form is not None and decision_form.errors and not context["can_decide"]:
        # decided twice (or by whom may not): the decision form is not on the page, say why here
        context["problems"] = [
            *problems,
            _("Esta proposta não está em análise pelo Núcleo (ou você não pode decidi-la). Nada foi mudado."),
        ]
    return render(request, T + "price.html", context, status=status)


@mti_required
@require_http_methods(["GET", "POST"])
def price_new(request: HttpRequest, service_id) -> HttpResponse:
    service = _service(service_id)
    current = reads.current_price(service)
    initial = {"valid_from": timezone.localdate()}
    if current is not None:
        initial["price"] = current.price
    form = PriceForm(request.POST if request.method == "POST" else None, initial=initial)
    context = {
        "form": form,
        "service": service,
        "current": current,
        "crumbs": mti_crumbs(
            (reverse("governance:mti_service", args=[service.pk]), service.code), ("", _("Propor preço"))
        ),
    }
    if request.method == "POST":
        if form.is_valid():
            try:
                version = services.price_draft_create(
                    actor=request.user, service=service, data=_price_data(form.cleaned_data)
                )
            except ValidationError as exc:
                apply_service_errors(form, exc)
            else:
                messages.success(
                    request,
                    _(
                        "Rascunho da proposta criado. Inclua ao menos %(n)s referências de mercado "
                        "e envie ao Núcleo."
                    )
                    % {"n": MIN_MARKET_REFERENCES},
                )
                return redirect("governance:mti_price", version.pk)
        return render(request, T + "price_form.html", context, status=400)
    return render(request, T + "price_form.html", context)


@mti_required
@require_http_methods(["GET", "POST"])
def price_edit(request: HttpRequest, version_id) -> HttpResponse:
    version = _version(request, version_id)
    if version.status != PriceVersion.Status.DRAFT:
        return render_price(request, version, problems=[_("Só um rascunho pode ser editado.")], status=400)
    initial = {
        "price": version.price,
        "valid_from": version.valid_from,
        "justification": version.justification,
    }
    form = PriceForm(request.POST if request.method == "POST" else None, initial=initial)
    context = {
        "form": form,
        "service": version.service,
        "version": version,
        "crumbs": _version_crumbs(version, ("", _("Editar"))),
    }
    if request.method == "POST":
        if form.is_valid():
            try:
                services.price_draft_update(
                    actor=request.user, version=version, data=_price_data(form.cleaned_data)
                )
            except ValidationError as exc:
                apply_service_errors(form, exc)
            else:
                messages.success(request, _("Rascunho salvo."))
                return redirect("governance:mti_price", version.pk)
        return render(request, T + "price_form.html", context, status=400)
    return render(request, T + "price_form.html", context)


@nucleo_or_mti_required
@require_GET
def price_detail(request: HttpRequest, version_id) -> HttpResponse:
    return render_price(request, _version(request, version_id))


def _action(request, version, call, success: str, target=None) -> HttpResponse:
    try:
        call()
    except ValidationError as exc:
        return render_price(request, version, problems=exc.messages, status=400)
    messages.success(request, success)
    return redirect(target or reverse("governance:mti_price", args=[version.pk]))


@mti_required
@require_POST
def price_submit(request: HttpRequest, version_id) -> HttpResponse:
    version = _version(request, version_id)
    return _action(
        request,
        version,
        lambda: services.price_submit(actor=request.user, version=version),
        _("Proposta enviada ao Núcleo de Governança Digital."),
    )


@mti_required
@require_POST
def price_discard(request: HttpRequest, version_id) -> HttpResponse:
    version = _version(request, version_id)
    return _action(
        request,
        version,
        lambda: services.price_discard(actor=request.user, version=version),
        _("Rascunho descartado."),
        target=reverse("governance:mti_service", args=[version.service_id]),
    )


@nucleo_required
@require_POST
def price_decide(request: HttpRequest, version_id) -> HttpResponse:
    version = _version(request, version_id)
    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            services.price_decide(
                actor=request.user,
                version=version,
                approve=form.approve,
                reasons=form.cleaned_data["reasons"],
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Decisão registrada e publicada."))
            return redirect("governance:mti_price", version.pk)
    return render_price(request, version, decision_form=form, status=400)


# --- market references ---------------------------------------------------------------------------


@mti_required
@require_http_methods(["GET", "POST"])
def reference_new(request: HttpRequest, version_id) -> HttpResponse:
    version = _version(request, version_id)
    if version.status != PriceVersion.Status.DRAFT:
        return render_price(request, version, problems=[_("Só um rascunho recebe referências.")], status=400)
    form = ReferenceForm(request.POST if request.method == "POST" else None)
    context = {
        "form": form,
        "version": version,
        "crumbs": _version_crumbs(version, ("", _("Nova referência"))),
    }
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.reference_add(
                    actor=request.user,
                    version=version,
                    data=services.ReferenceData(
                        kind=data["kind"],
                        source=data["source"],
                        price=data["price"],
                        reference_date=data["reference_date"],
                        url=data["url"],
                        note=data["note"],
                    ),
                )
            except ValidationError as exc:
                apply_service_errors(form, exc)
            else:
                messages.success(request, _("Referência incluída."))
                return redirect(reverse("governance:mti_price", args=[version.pk]) + "#referencias")
        return render(request, T + "reference_form.html", context, status=400)
    return render(request, T + "reference_form.html", context)


@mti_required
@require_POST
def reference_remove(request: HttpRequest, version_id, reference_id) -> HttpResponse:
    version = _version(request, version_id)
    reference = reads.reference_by_id(version, reference_id)
    if reference is None:
        raise Http404
    return _action(
        request,
        version,
        lambda: services.reference_remove(actor=request.user, reference=reference),
        _("Referência retirada."),
    )
