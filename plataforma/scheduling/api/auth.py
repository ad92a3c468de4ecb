"""Who calls the scheduling API: a person, through an MT Login access token (RFC 6750) with the
scope `agendamentos` ("Ver, marcar, remarcar e cancelar seus agendamentos").

The same checks as the requests API (service_requests/api/auth.py — DOT's validator, tokens kept
only as checksums, the account and the client must be active, the level of the sign-in behind
the token), with this API's own scope and pace (SCHEDULING_API_RATE, calls per token per window).
A token with only `solicitacoes` does not open appointments, and the other way round: each app
asks for what it needs (least privilege). Appointments are always the natural person's own: the
X-Empresa header has no meaning here and is ignored.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from plataforma.service_requests.api.auth import MTLoginBearer

SCOPE = "agendamentos"


class AppointmentsBearer(MTLoginBearer):
    """The requests API's bearer check with this API's scope, pace and words; X-Empresa ignored."""

    def __init__(self):
        super().__init__(
            scope=SCOPE,
            rate_setting="SCHEDULING_API_RATE",
            scope_message=_(
                "Este token não dá acesso aos seus agendamentos: peça o escopo “agendamentos” ao entrar."
            ),
            who=_("Este token não representa uma pessoa: use o token de quem agenda."),
            companies=False,
        )


bearer = AppointmentsBearer()
