"""Acting on behalf of a company, checked on every request."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.utils.translation import gettext as _

from . import selectors
from .acting import DROPPED_NOTICE_KEY, SESSION_KEY, on_behalf_of
from .models import Company


class ActingCompanyMiddleware:
    """Sets `request.acting_company` (a Company or None) and, while the person acts for a
    company, `request.acting_on_behalf_of`, which RequestContextMiddleware (further down the
    chain) puts into the acting context read by every audit row.

    The tie is checked again on every request: once it is revoked or expired, the acting
    context is dropped and the person is told so on the next page. This middleware runs before
    MessageMiddleware, so the notice waits in the session and `process_view` adds the message.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.acting_company = None
        session = getattr(request, "session", None)
        company_id = session.get(SESSION_KEY) if session is not None else None
        if company_id:
            company_id = self._as_uuid(company_id)
            tie = self._effective_tie(request, company_id) if company_id else None
            if tie is None:
                session.pop(SESSION_KEY, None)
                if request.user.is_authenticated and company_id:
                    name = Company.objects.filter(pk=company_id).values_list("legal_name", flat=True).first()
                    session[DROPPED_NOTICE_KEY] = name or ""
            else:
                request.acting_company = tie.company
                request.acting_tie = tie
                request.acting_on_behalf_of = on_behalf_of(tie.company)
        return self.get_response(request)

    @staticmethod
    def _as_uuid(value) -> uuid.UUID | None:
        try:
            return uuid.UUID(str(value))
        except ValueError:  # not a company id: dropped like an ended tie
            return None

    @staticmethod
    def _effective_tie(request, company_id: uuid.UUID):
        if not request.user.is_authenticated:
            return None
        return selectors.effective_tie(user=request.user, company_id=company_id)

    def process_view(self, request, view_func, view_args, view_kwargs):
        session = getattr(request, "session", None)
        if session is not None and DROPPED_NOTICE_KEY in session and hasattr(request, "_messages"):
            name = session.pop(DROPPED_NOTICE_KEY)
            messages.warning(
                request,
                _(
                    "Você voltou a atuar como pessoa física: o seu vínculo com %(empresa)s "
                    "não está mais ativo."
                )
                % {"empresa": name or _("a empresa")},
            )
        return None
