"""The representatives' side: a company's people, granting, approving and ending ties."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from plataforma.identity import selectors as identity_selectors

from .. import limits, selectors, services
from ..forms import ExpiryForm, TieGrantForm
from ..models import Company, CompanyTie
from .errors import apply_errors


def _managed(request: HttpRequest, company_id: UUID) -> Company:
    """The company, if the person is one of its active representatives. Someone tied to it in
    another role is told they lack the right (403); anyone else gets the 404 of an unknown id."""
    company = selectors.managed_company(user=request.user, company_id=company_id)
    if company is not None:
        return company
    if selectors.effective_tie(user=request.user, company_id=company_id) is not None:
        raise PermissionDenied(_("Só sócios e representantes legais gerenciam os vínculos da empresa."))
    raise Http404


def _approve_prefix(tie_id) -> str:
    return f"aprovar-{tie_id}"


def _page(request, company, *, grant_form=None, approve_form=None, status=200) -> HttpResponse:
    people = selectors.people_of_company(company)
    for tie in people:
        if tie.status == CompanyTie.Status.PENDING:
            bound = approve_form is not None and approve_form.prefix == _approve_prefix(tie.pk)
            tie.approve_form = approve_form if bound else ExpiryForm(prefix=_approve_prefix(tie.pk))
    return render(
        request,
        "companies/company.html",
        {
            "company": company,
            "people": people,
            "grant_form": grant_form or TieGrantForm(),
            "history": selectors.history_of_company(company),
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "HEAD"])
def company_detail(request: HttpRequest, company_id: UUID) -> HttpResponse:
    return _page(request, _managed(request, company_id))


@login_required
@require_POST
def company_grant(request: HttpRequest, company_id: UUID) -> HttpResponse:
    company = _managed(request, company_id)
    form = TieGrantForm(request.POST)
    if form.is_valid():
        if not limits.allowed(request, limits.cpf_lookup_limit()):
            return limits.too_many(request)
        person = identity_selectors.account_by_cpf(cpf=form.cleaned_data["cpf"])
        if person is None:
            form.add_error("cpf", identity_selectors.NO_ACCOUNT_FOR_CPF)
        else:
            try:
                tie = services.tie_grant(
                    actor=request.user,
                    company=company,
                    user=person,
                    role=form.cleaned_data["role"],
                    expires_at=form.cleaned_data["expires_at"],
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("Vínculo de %(pessoa)s concedido como %(vinculo)s.")
                    % {"pessoa": person.audit_label(), "vinculo": tie.get_role_display()},
                )
                return redirect("companies:company", company_id=company.pk)
    return _page(request, company, grant_form=form, status=400)


@login_required
@require_POST
def tie_approve(request: HttpRequest, company_id: UUID, tie_id: UUID) -> HttpResponse:
    """A representative approves a pending request, in the role asked for."""
    company = _managed(request, company_id)
    tie = (
        CompanyTie.objects.filter(pk=tie_id, company=company, status=CompanyTie.Status.PENDING)
        .select_related("user")
        .first()
    )
    if tie is None:
        raise Http404
    form = ExpiryForm(request.POST, prefix=_approve_prefix(tie.pk))
    if form.is_valid():
        try:
            services.tie_grant(
                actor=request.user,
                company=company,
                user=tie.user,
                role=tie.role,
                expires_at=form.cleaned_data["expires_at"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request, _("Pedido de %(pessoa)s aprovado.") % {"pessoa": tie.user.audit_label()}
            )
            return redirect("companies:company", company_id=company.pk)
    return _page(request, company, approve_form=form, status=400)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def tie_revoke(request: HttpRequest, tie_id: UUID) -> HttpResponse:
    """End a tie (or withdraw a request) after a confirmation page: one's own, or, for a
    representative, anyone's in the company."""
    tie = selectors.tie_for_revocation(user=request.user, tie_id=tie_id)
    if tie is None:
        raise Http404
    own = tie.user_id == request.user.pk
    back = reverse("companies:home") if own else reverse("companies:company", args=[tie.company_id])
    context = {"tie": tie, "own": own, "back": back}
    if request.method == "POST":
        try:
            services.tie_revoke(actor=request.user, tie=tie)
        except ValidationError as exc:
            context["error"] = " ".join(exc.messages)
            return render(request, "companies/revoke_confirm.html", context, status=400)
        messages.success(request, _("Vínculo encerrado."))
        return redirect(back)
    return render(request, "companies/revoke_confirm.html", context)
