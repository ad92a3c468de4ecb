"""The service desk's queue of company tie requests: an atendente or gestor checks the contrato
social or the procuração and validates or rejects the request."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from plataforma.identity.companies import selectors as company_selectors
from plataforma.identity.companies import services as company_services
from plataforma.identity.companies.forms import TieDecisionForm
from plataforma.identity.companies.views.errors import apply_errors

from .. import selectors
from .access import servant_required


def _desk_agencies(request: HttpRequest):
    """The agencies in which the person validates ties; none → 403 page."""
    ids = company_selectors.validating_agency_ids(request.user)
    return selectors.agency_model().objects.filter(pk__in=ids).order_by("acronym")


def _no_desk(request: HttpRequest) -> HttpResponse:
    return render(request, "servants/no_desk.html", status=403)


@servant_required
@require_http_methods(["GET", "HEAD"])
def tie_queue(request: HttpRequest) -> HttpResponse:
    if not _desk_agencies(request).exists():
        return _no_desk(request)
    page = Paginator(company_selectors.pending_ties(), 50).get_page(request.GET.get("pagina"))
    return render(request, "servants/tie_queue.html", {"page": page})


@servant_required
@require_http_methods(["GET", "HEAD", "POST"])
def tie_decide(request: HttpRequest, tie_id: UUID) -> HttpResponse:
    agencies = _desk_agencies(request)
    if not agencies.exists():
        return _no_desk(request)
    tie = company_selectors.pending_tie(tie_id)
    if tie is None:
        raise Http404
    own = tie.user_id == request.user.pk  # the service refuses it (403); the page says why
    if request.method != "POST":
        form = TieDecisionForm(agencies=agencies)
        return render(request, "servants/tie_decide.html", {"tie": tie, "form": form, "own": own})
    form = TieDecisionForm(request.POST, agencies=agencies)
    if form.is_valid():
        data = form.cleaned_data
        try:
            if data["decision"] == TieDecisionForm.VALIDATE:
                company_services.tie_validate(
                    actor=request.user,
                    tie=tie,
                    agency=data["agency"],
                    note=data["note"],
                    expires_at=data["expires_at"],
                )
                messages.success(request, _("Vínculo validado."))
            else:
                company_services.tie_reject(
                    actor=request.user, tie=tie, agency=data["agency"], note=data["note"]
                )
                messages.success(request, _("Pedido de vínculo recusado."))
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            return redirect("servants:tie_queue")
    return render(request, "servants/tie_decide.html", {"tie": tie, "form": form, "own": own}, status=400)
