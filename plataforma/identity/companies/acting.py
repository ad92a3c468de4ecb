"""Acting on behalf of a company (Área Empresarial). The session holds only the company's id;
ActingCompanyMiddleware re-checks the tie on every request, and RequestContextMiddleware puts
the company into the acting context, so every audit row records both the person and the company.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _

from plataforma.common.audit import audit_record
from plataforma.common.context import OnBehalfOf
from plataforma.common.models import AuditEvent

from . import selectors
from .models import Company

SESSION_KEY = "companies_acting_company_id"
DROPPED_NOTICE_KEY = "companies_acting_dropped"


def on_behalf_of(company: Company) -> OnBehalfOf:
    """The company as the audit trail names it: razão social and CNPJ (public registry data)."""
    return OnBehalfOf(kind="company", id=str(company.pk), label=str(company))


@transaction.atomic
def acting_start(*, request: HttpRequest, company: Company) -> None:
    """Start acting for `company`; the person needs an effective tie to it (any role)."""
    user = request.user
    if selectors.effective_tie(user=user, company_id=company.pk) is None:
        raise PermissionDenied(_("Você não tem vínculo ativo com esta empresa."))
    audit_record(
        actor=user,
        action="identity.companies.acting_start",
        target=company,
        kind=AuditEvent.Kind.SECURITY,
        on_behalf_of=on_behalf_of(company),
        subject_user_id=user.pk,
    )
    request.session[SESSION_KEY] = str(company.pk)


@transaction.atomic
def acting_stop(*, request: HttpRequest) -> None:
    """Go back to acting as a natural person (pessoa física)."""
    company = getattr(request, "acting_company", None)
    request.session.pop(SESSION_KEY, None)
    if company is not None:
        audit_record(
            actor=request.user,
            action="identity.companies.acting_stop",
            target=company,
            kind=AuditEvent.Kind.SECURITY,
            on_behalf_of=on_behalf_of(company),
            subject_user_id=request.user.pk,
        )
