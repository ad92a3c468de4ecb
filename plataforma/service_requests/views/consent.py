"""Consent to fetch data other agencies hold for one request (prefill_xvia.py): the person
chooses, source by source, on the request page. The consent lasts for this sign-in session and
this service only, and is audited; the query itself is then logged by X-VIA with its purpose."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from plataforma.catalog import selectors as catalog_selectors
from plataforma.common.audit import audit_record
from plataforma.identity.auth_flow import session_level

from ..prefill import PrefillSource, consent_sources
from ..services import request_form_for_submission
from .common import see_other

SESSION_KEY = "prefill_consents"


def consented(request: HttpRequest, slug: str) -> frozenset[str]:
    return frozenset(request.session.get(SESSION_KEY, {}).get(slug, []))


def consent_offers(*, keys, already: frozenset[str], level: str) -> list[tuple[PrefillSource, list[str]]]:
    """(source, the labels of what it would fill in this form) for each source still to ask that
    this session's level may use."""
    offers = []
    for source in consent_sources(keys):
        if source.namespace in already or not source.level_allows(level):
            continue
        labels = [label for item, (label, _t) in source.items.items() if f"{source.namespace}.{item}" in keys]
        offers.append((source, labels))
    return offers


def consent_needs_level(*, keys, level: str) -> str:
    """The level this session would need to use other agencies' data in this form ('' if none)."""
    needed = [s.min_level for s in consent_sources(keys) if not s.level_allows(level)]
    return needed[0] if needed else ""


@login_required
@require_POST
def prefill_consent(request: HttpRequest, slug: str) -> HttpResponse:
    view = catalog_selectors.service_detail(slug=slug)  # 404: unknown or unpublished
    try:
        request_form = request_form_for_submission(service=view.service)
    except PermissionDenied:
        raise Http404 from None
    keys = request_form.current_version.form_spec.prefill_keys
    wanted = request.POST.get("fonte", "")
    source = next((s for s in consent_sources(keys) if s.namespace == wanted), None)
    if source is None:
        errors = [_("Este formulário não usa dados dessa origem. Volte ao pedido e escolha de novo.")]
        return render(request, "400.html", {"errors": errors}, status=400)
    if not source.level_allows(session_level(request)):
        # a bronze account's CPF is not proven: the data is whoever really holds that CPF's
        raise PermissionDenied
    consents = dict(request.session.get(SESSION_KEY, {}))
    consents[slug] = sorted({*consents.get(slug, []), source.namespace})
    request.session[SESSION_KEY] = consents
    audit_record(
        actor=request.user,
        action="service_requests.prefill_consent",
        target=view.service,
        changes={"source": source.namespace},
        subject_user_id=request.user.pk,
    )
    return see_other(reverse("service_requests:submit", args=[slug]) + "#dados-conhecidos")
