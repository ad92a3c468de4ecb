"""MTI's technical justifications and integration guidance in the Área do Servidor
(/servidor/governanca/mti/justificativas/…, …/orientacoes/…). Same rules as mti_staff: MTI writes,
the Núcleo decides the justifications (never its own), invalid input → 400 with the errors."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from .. import permissions
from ..forms.mti import DecisionForm, GuideForm, JustificationForm, apply_service_errors
from ..models.mti import GuidancePage, TechJustification
from ..selectors import mti as reads
from ..services import mti_docs as services
from .common import mti_required, nucleo_or_mti_required, nucleo_required
from .mti_staff import T, mti_crumbs

JUSTIFICATION_FIELDS = ("title", "technology", "context", "justification", "alternatives", "costs")
GUIDE_FIELDS = ("slug", "title", "summary", "body", "order")


# --- technical justifications --------------------------------------------------------------------


def _justification(request: HttpRequest, item_id) -> TechJustification:
    item = reads.justification_by_id(item_id)
    if item is None:
        raise Http404
    if item.status == TechJustification.Status.DRAFT and not permissions.is_mti(request.user):
        raise Http404
    return item


def _justification_label(item: TechJustification) -> str:
    return _("Rascunho") if item.status == TechJustification.Status.DRAFT else item.number


def render_justification(request, item, *, decision_form=None, problems=(), status=200) -> HttpResponse:
    user = request.user
    context = {
        "item": item,
        "is_draft": item.status == TechJustification.Status.DRAFT and permissions.is_mti(user),
        "can_decide": item.status == TechJustification.Status.SUBMITTED
        and permissions.is_nucleo(user)
        and item.created_by_id != user.pk,
        "decision_form": decision_form or DecisionForm(),
        "problems": problems,
        "crumbs": mti_crumbs(("", _justification_label(item))),
    }
    if decision_form is not None and decision_form.errors and not context["can_decide"]:
        # decided twice (or by whom may not): the decision form is not on the page, say why here
        context["problems"] = [
            *problems,
            _(
                "Esta justificativa não está em análise pelo Núcleo (ou você não pode decidi-la). "
                "Nada foi mudado."
            ),
        ]
    return render(request, T + "justification.html", context, status=status)


def _justification_form_page(request, form, item=None, status=200) -> HttpResponse:
    if item is None:
        crumbs = mti_crumbs(("", _("Nova justificativa técnica")))
    else:
        crumbs = mti_crumbs(
            (reverse("governance:mti_justification", args=[item.pk]), _justification_label(item)),
            ("", _("Editar")),
        )
    context = {"form": form, "item": item, "crumbs": crumbs}
    return render(request, T + "justification_form.html", context, status=status)


@mti_required
@require_http_methods(["GET", "POST"])
def justification_new(request: HttpRequest) -> HttpResponse:
    form = JustificationForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if form.is_valid():
            try:
                item = services.justification_create(
                    actor=request.user, data=services.JustificationData(**form.cleaned_data)
                )
            except ValidationError as exc:
                apply_service_errors(form, exc)
            else:
                messages.success(request, _("Rascunho salvo. Confira e envie ao Núcleo."))
                return redirect("governance:mti_justification", item.pk)
        return _justification_form_page(request, form, status=400)
    return _justification_form_page(request, form)


@mti_required
@require_http_methods(["GET", "POST"])
def justification_edit(request: HttpRequest, item_id) -> HttpResponse:
    item = _justification(request, item_id)
    if item.status != TechJustification.Status.DRAFT:
        return render_justification(
            request, item, problems=[_("Só um rascunho pode ser editado.")], status=400
        )
    form = JustificationForm(
        request.POST if request.method == "POST" else None,
        initial={f: getattr(item, f) for f in JUSTIFICATION_FIELDS},
    )
    if request.method == "POST":
        if form.is_valid():
            try:
                services.justification_update(
                    actor=request.user, item=item, data=services.JustificationData(**form.cleaned_data)
                )
            except ValidationError as exc:
                apply_service_errors(form, exc)
            else:
                messages.success(request, _("Rascunho salvo."))
                return redirect("governance:mti_justification", item.pk)
        return _justification_form_page(request, form, item, status=400)
    return _justification_form_page(request, form, item)


@nucleo_or_mti_required
@require_GET
def justification_detail(request: HttpRequest, item_id) -> HttpResponse:
    return render_justification(request, _justification(request, item_id))


def _justification_action(request, item, call, success: str, target=None) -> HttpResponse:
    try:
        call()
    except ValidationError as exc:
        return render_justification(request, item, problems=exc.messages, status=400)
    messages.success(request, success)
    return redirect(target or reverse("governance:mti_justification", args=[item.pk]))


@mti_required
@require_POST
def justification_submit(request: HttpRequest, item_id) -> HttpResponse:
    item = _justification(request, item_id)
    return _justification_action(
        request,
        item,
        lambda: services.justification_submit(actor=request.user, item=item),
        _("Justificativa enviada ao Núcleo de Governança Digital."),
    )


@mti_required
@require_POST
def justification_discard(request: HttpRequest, item_id) -> HttpResponse:
    item = _justification(request, item_id)
    return _justification_action(
        request,
        item,
        lambda: services.justification_discard(actor=request.user, item=item),
        _("Rascunho descartado."),
        target=reverse("governance:mti_home"),
    )


@nucleo_required
@require_POST
def justification_decide(request: HttpRequest, item_id) -> HttpResponse:
    item = _justification(request, item_id)
    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            services.justification_decide(
                actor=request.user, item=item, approve=form.approve, reasons=form.cleaned_data["reasons"]
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Decisão registrada e publicada."))
            return redirect("governance:mti_justification", item.pk)
    return render_justification(request, item, decision_form=form, status=400)


# --- guidance pages ------------------------------------------------------------------------------


def _guide(page_id) -> GuidancePage:
    page = reads.guide_by_id(page_id)
    if page is None:
        raise Http404
    return page


def _guide_form_page(request, form, page=None, status=200) -> HttpResponse:
    if page is None:
        crumbs = mti_crumbs(("", _("Nova orientação")))
    else:
        crumbs = mti_crumbs((reverse("governance:mti_guide", args=[page.pk]), page.title), ("", _("Editar")))
    return render(
        request, T + "guide_form.html", {"form": form, "page": page, "crumbs": crumbs}, status=status
    )


@mti_required
@require_http_methods(["GET", "POST"])
def guide_new(request: HttpRequest) -> HttpResponse:
    form = GuideForm(request.POST if request.method == "POST" else None, initial={"order": 100})
    if request.method == "POST":
        if form.is_valid():
            try:
                page = services.guide_create(actor=request.user, data=services.GuideData(**form.cleaned_data))
            except ValidationError as exc:
                apply_service_errors(form, exc)
            else:
                messages.success(
                    request, _("Orientação salva, ainda não publicada. Confira a prévia e publique.")
                )
                return redirect("governance:mti_guide", page.pk)
        return _guide_form_page(request, form, status=400)
    return _guide_form_page(request, form)


@mti_required
@require_http_methods(["GET", "POST"])
def guide_edit(request: HttpRequest, page_id) -> HttpResponse:
    page = _guide(page_id)
    form = GuideForm(
        request.POST if request.method == "POST" else None,
        initial={f: getattr(page, f) for f in GUIDE_FIELDS},
    )
    if request.method == "POST":
        if form.is_valid():
            try:
                services.guide_update(
                    actor=request.user, page=page, data=services.GuideData(**form.cleaned_data)
                )
            except ValidationError as exc:
                apply_service_errors(form, exc)
            else:
                messages.success(request, _("Orientação salva."))
                return redirect("governance:mti_guide", page.pk)
        return _guide_form_page(request, form, page, status=400)
    return _guide_form_page(request, form, page)


@mti_required
@require_GET
def guide_detail(request: HttpRequest, page_id) -> HttpResponse:
    page = _guide(page_id)
    context = {"page": page, "blocks": reads.guide_blocks(page), "crumbs": mti_crumbs(("", page.title))}
    return render(request, T + "guide.html", context)


def _guide_publish(request: HttpRequest, page_id, published: bool) -> HttpResponse:
    page = _guide(page_id)
    services.guide_set_published(actor=request.user, page=page, published=published)
    messages.success(
        request, _("Orientação publicada no portal.") if published else _("Orientação retirada do portal.")
    )
    return redirect("governance:mti_guide", page.pk)


@mti_required
@require_POST
def guide_publish(request: HttpRequest, page_id) -> HttpResponse:
    return _guide_publish(request, page_id, True)


@mti_required
@require_POST
def guide_unpublish(request: HttpRequest, page_id) -> HttpResponse:
    return _guide_publish(request, page_id, False)
