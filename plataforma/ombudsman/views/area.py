"""The responsible area's pages (/servidor/ouvidoria/area/): analysts and gestores of an agency
read the pseudonymised extracts the ouvidoria sent them and answer within 20 days (+20 once).
They never see the manifestação itself nor who lodged it, unless the author consented and the
ouvidoria shared it (ADR 0029)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from plataforma.common.documents import format_cpf

from ..access import area_agency_ids
from ..forms import AreaAnswerForm, AreaExtendForm
from ..models import Forwarding
from ..selectors import staff as selectors
from ..services import forwarding_answer, forwarding_extend
from .common import apply_errors, no_store, see_other, signed_in


@signed_in
@require_GET
def area_list(request: HttpRequest) -> HttpResponse:
    if not area_agency_ids(request.user):
        return render(request, "ombudsman/staff/no_role.html", {"area": True}, status=403)
    show = request.GET.get("situacao", "aberto")
    if show not in Forwarding.Status.values:
        show = "aberto"
    rows = selectors.area_forwardings(user=request.user, status=show)
    return no_store(
        render(
            request,
            "ombudsman/staff/area_list.html",
            {"rows": rows, "show": show, "Status": Forwarding.Status},
        )
    )


def _forwarding_or_404(request: HttpRequest, forwarding_id: str) -> Forwarding:
    found = selectors.forwarding_for_area(user=request.user, forwarding_id=forwarding_id)
    if found is None:
        raise Http404
    return found


@signed_in
@require_http_methods(["GET", "HEAD", "POST"])
def area_detail(request: HttpRequest, forwarding_id: str) -> HttpResponse:
    forwarding = _forwarding_or_404(request, forwarding_id)
    answer_form = AreaAnswerForm(request.POST if request.POST.get("acao") == "responder" else None)
    extend_form = AreaExtendForm(request.POST if request.POST.get("acao") == "prorrogar" else None)
    status = 200
    if request.method == "POST":
        status = 400
        action = request.POST.get("acao")
        form = answer_form if action == "responder" else extend_form if action == "prorrogar" else None
        if form is None:
            return no_store(render(request, "400.html", {"errors": [_("Ação desconhecida.")]}, status=400))
        if form.is_valid():
            try:
                if action == "responder":
                    forwarding_answer(
                        actor=request.user, forwarding=forwarding, answer=form.cleaned_data["resposta"]
                    )
                    done = _("Resposta enviada à ouvidoria.")
                else:
                    forwarding_extend(
                        actor=request.user, forwarding=forwarding, reason=form.cleaned_data["justificativa"]
                    )
                    done = _("Prazo prorrogado por 20 dias.")
            except PermissionDenied:
                raise Http404 from None
            except ValidationError as exc:
                apply_errors(form, exc, field_map={"answer": "resposta", "reason": "justificativa"})
            else:
                messages.success(request, done)
                return see_other(reverse("ombudsman_staff:area_detail", args=[forwarding.pk]))
    identity = selectors.shared_identity(user=request.user, forwarding=forwarding)
    context = {
        "f": forwarding,
        "m": forwarding.manifestation,
        "identity": identity,
        "cpf": format_cpf(identity.cpf) if identity and identity.cpf else "",
        "answer_form": answer_form,
        "extend_form": extend_form,
    }
    return no_store(render(request, "ombudsman/staff/area_detail.html", context, status=status))
