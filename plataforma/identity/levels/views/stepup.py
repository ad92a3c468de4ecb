"""The step-up page (/conta/nivel/): the account's level, what each level allows and how to
reach the next one. With ?necessario=<level>&next=<url> it explains why the person was sent
here and, once the level is reached, offers to continue."""

from __future__ import annotations

import logging
from urllib.parse import urlencode

from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from plataforma.identity.auth_flow import safe_next, session_level, session_meets_level
from plataforma.identity.models import Level

from .. import selectors
from ..external import configured_validators
from ..forms import StepUpQueryForm
from .common import certificate_entry_url

logger = logging.getLogger(__name__)

LEVEL_ALLOWS = {
    Level.BRONZE: _(
        "Serviços que pedem só a identificação básica: consultas, agendamentos e pedidos simples. "
        "É o nível de quem criou a conta e confirmou o e-mail."
    ),
    Level.PRATA: _(
        "A maior parte dos serviços digitais, inclusive os que mostram ou alteram os seus dados "
        "pessoais. A sua identidade foi conferida por um servidor ou por uma validação externa."
    ),
    Level.OURO: _(
        "Todos os serviços, inclusive os que exigem o nível mais alto de segurança. A sua identidade "
        "foi confirmada por um certificado digital ICP-Brasil."
    ),
}


def enabled_validators() -> list:
    try:
        return list(configured_validators().values())
    except ImproperlyConfigured:
        logger.exception("MTLOGIN_EXTERNAL_VALIDATORS is misconfigured; no external validation offered")
        return []


@require_GET
def raise_level(request: HttpRequest) -> HttpResponse:
    form = StepUpQueryForm(request.GET)
    if not form.is_valid():
        errors = [e for field_errors in form.errors.values() for e in field_errors]
        return render(request, "400.html", {"errors": errors}, status=400)
    required = form.cleaned_data["necessario"]
    raw_next = form.cleaned_data["next"]
    next_url = raw_next if raw_next and safe_next(request, raw_next) == raw_next else ""
    user = request.user
    current = user.level if user.is_authenticated else ""
    levels = [
        {
            "value": value,
            "label": label,
            "allows": LEVEL_ALLOWS[value],
            "current": value == current,
            "reached": bool(current) and Level.rank(current) >= Level.rank(value),
        }
        for value, label in Level.choices
    ]
    query = urlencode({"next": next_url or request.get_full_path()})
    context = {
        "levels": levels,
        "current": current,
        "current_label": Level(current).label if current else "",
        "required": required,
        "required_label": Level(required).label if required else "",
        # What counts is the level this sign-in reached: ouro needs the certificate sign-in.
        "meets": bool(required) and session_meets_level(request, required),
        "session_level": session_level(request),
        "next_url": next_url,
        "validators": enabled_validators(),
        "agencies": selectors.attendance_agencies(),
        "certificate_url": f"{certificate_entry_url()}?{query}",
        "validations": selectors.validations_of(user=user) if user.is_authenticated else [],
        "at_least_prata": bool(current) and Level.rank(current) >= Level.rank(Level.PRATA),
        # The certificate button stays while this sign-in is below ouro, even on an ouro account.
        "is_ouro": session_level(request) == Level.OURO,
    }
    return render(request, "levels/raise.html", context)
