"""An agency's members: its gestor (or a platform administrator) grants and revokes roles.
Other agencies' pages and grants answer 404, like unknown ones (ADR 0009)."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from plataforma.identity import selectors as identity_selectors
from plataforma.identity.companies import limits
from plataforma.identity.companies.views.errors import apply_errors
from plataforma.identity.models import AgencyRole

from .. import selectors, services
from ..forms import MemberGrantForm
from .access import servant_required


def _agency(request: HttpRequest, agency_slug: str):
    agency = selectors.managed_agency(user=request.user, slug=agency_slug)
    if agency is None:
        raise Http404
    return agency


def _page(request, agency, form, status=200) -> HttpResponse:
    return render(
        request,
        "servants/members.html",
        {"agency": agency, "members": selectors.members_of(agency), "form": form},
        status=status,
    )


@servant_required
@require_http_methods(["GET", "HEAD", "POST"])
def members(request: HttpRequest, agency_slug: str) -> HttpResponse:
    agency = _agency(request, agency_slug)
    if request.method != "POST":
        return _page(request, agency, MemberGrantForm(roles=selectors.grantable_roles(agency)))
    form = MemberGrantForm(request.POST, roles=selectors.grantable_roles(agency))
    if form.is_valid():
        if not limits.allowed(request, limits.cpf_lookup_limit()):
            return limits.too_many(request, back="servants:home")
        person = identity_selectors.account_by_cpf(cpf=form.cleaned_data["cpf"])
        if person is None:
            form.add_error("cpf", identity_selectors.NO_ACCOUNT_FOR_CPF)
        else:
            try:
                grant = services.member_grant(
                    actor=request.user, agency=agency, user=person, role=form.cleaned_data["role"]
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("Papel %(papel)s concedido a %(pessoa)s.")
                    % {"papel": grant.get_role_display(), "pessoa": person.audit_label()},
                )
                return redirect("servants:members", agency_slug=agency.slug)
    return _page(request, agency, form, status=400)


@servant_required
@require_http_methods(["GET", "HEAD", "POST"])
def member_revoke(request: HttpRequest, agency_slug: str, grant_id: UUID) -> HttpResponse:
    agency = _agency(request, agency_slug)
    grant: AgencyRole | None = selectors.active_grant(agency=agency, grant_id=grant_id)
    if grant is None:
        raise Http404
    context = {"agency": agency, "grant": grant}
    if request.method == "POST":
        try:
            services.member_revoke(actor=request.user, grant=grant)
        except ValidationError as exc:
            context["error"] = " ".join(exc.messages)
            return render(request, "servants/member_revoke.html", context, status=400)
        messages.success(
            request,
            _("Papel %(papel)s de %(pessoa)s revogado.")
            % {"papel": grant.get_role_display(), "pessoa": grant.user.audit_label()},
        )
        return redirect("servants:members", agency_slug=agency.slug)
    return render(request, "servants/member_revoke.html", context)
