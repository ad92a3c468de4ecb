"""Who calls the ouvidoria API: a person, through an MT Login access token (RFC 6750) with the
scope `manifestacoes`. The same checks as the requests API (service_requests/api/auth.py), with
this API's scope and pace (OMBUDSMAN_API_RATE, calls per token per window, default 120/min).
Manifestações are the natural person's own: X-Empresa is ignored."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from plataforma.service_requests.api.auth import MTLoginBearer

SCOPE = "manifestacoes"


class ManifestationsBearer(MTLoginBearer):
    def __init__(self):
        super().__init__(
            scope=SCOPE,
            rate_setting="OMBUDSMAN_API_RATE",
            scope_message=_(
                "Este token não dá acesso às suas manifestações: peça o escopo “manifestacoes” ao entrar."
            ),
            who=_("Este token não representa uma pessoa: use o token de quem se manifesta."),
            companies=False,
        )


bearer = ManifestationsBearer()
