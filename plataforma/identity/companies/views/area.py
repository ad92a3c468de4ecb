"""The person's side of the Área Empresarial: their ties, requests and acting context."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from plataforma.identity.auth_flow import safe_next

from .. import limits, selectors, services
from ..acting import acting_start as start_acting
from ..acting import acting_stop as stop_acting
from ..forms import TieRequestForm
from .errors import apply_errors


@login_required
@require_http_methods(["GET", "HEAD"])
def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "companies/home.html",
        {
            "ties": selectors.ties_of_person(request.user),
            "history": selectors.history_of_person(request.user),
            "acting_panel": True,
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def tie_request(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return render(request, "companies/request.html", {"form": TieRequestForm()})
    form = TieRequestForm(request.POST)
    if form.is_valid():
        if not limits.allowed(request, limits.tie_request_limit()):
            return limits.too_many(request)
        try:
            services.tie_request(
                actor=request.user,
                cnpj=form.cleaned_data["cnpj"],
                legal_name=form.cleaned_data["legal_name"],
                role=form.cleaned_data["role"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request,
                _(
                    "Pedido de vínculo registrado. Ele fica em análise até que um representante da "
                    "empresa o aprove ou que você apresente os documentos em uma unidade de atendimento."
                ),
            )
            return redirect("companies:home")
    return render(request, "companies/request.html", {"form": form}, status=400)


@login_required
@require_POST
def acting_start(request: HttpRequest, company_id: UUID) -> HttpResponse:
    tie = selectors.effective_tie(user=request.user, company_id=company_id)
    if tie is None:
        raise Http404
    start_acting(request=request, company=tie.company)
    messages.success(request, _("Agora você está atuando como %(empresa)s.") % {"empresa": tie.company})
    return redirect(safe_next(request, request.POST.get("next"), reverse("companies:home")))


@login_required
@require_POST
def acting_stop(request: HttpRequest) -> HttpResponse:
    was_acting = getattr(request, "acting_company", None) is not None
    stop_acting(request=request)
    if was_acting:
        messages.success(request, _("Você voltou a atuar como pessoa física."))
    return redirect(safe_next(request, request.POST.get("next"), reverse("companies:home")))
