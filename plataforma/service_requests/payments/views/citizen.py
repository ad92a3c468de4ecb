"""The citizen's side: the sandbox's "Simular pagamento" button (never in production)."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from plataforma.common.net import client_ip

from ...services.access import is_requester
from ..models import Charge
from ..providers import SANDBOX, provider_get, sandbox_simulation_enabled
from ..selectors import charge_is_payable
from ..services import webhook_receive


@login_required
@require_POST
def simulate_payment(request: HttpRequest, charge_id: UUID) -> HttpResponse:
    """Pay the charge in the sandbox: builds the webhook the sandbox provider would send, signed
    with its secret, and hands it to the same handler as the webhook endpoint."""
    if not sandbox_simulation_enabled():
        raise Http404
    charge = Charge.objects.select_related("request").filter(pk=charge_id, provider=SANDBOX).first()
    acting_company = getattr(request, "acting_company", None)
    if charge is None or not is_requester(
        user=request.user, request=charge.request, acting_company=acting_company
    ):
        raise Http404
    if not charge_is_payable(charge):
        messages.warning(request, _("Esta cobrança não pode mais ser paga."))
        return redirect("service_requests:detail", protocol=charge.request.protocol)
    headers, body = provider_get(SANDBOX).signed_notification(
        txid=charge.txid, amount=charge.amount, payer_name=request.user.full_name
    )
    result = webhook_receive(provider_key=SANDBOX, headers=headers, body=body, source=client_ip(request))
    if result.status == 200 and result.outcome == "aplicada":
        messages.success(request, _("Pagamento simulado e confirmado."))
    else:
        messages.warning(request, _("O pagamento simulado não foi aplicado: %(m)s") % {"m": result.message})
    return redirect("service_requests:detail", protocol=charge.request.protocol)
