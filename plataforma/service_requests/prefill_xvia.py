"""Once-only across agencies: prefill sources that read data other agencies hold, through X-VIA
(Resolução 002/2021 art. 1 IV; Lei 13.460 art. 5 XV; Lei 14.129 art. 40).

The portal is an information system of MTI's member, behind MTI's security server. It calls the
providers' services in X-Road's REST protocol (`xvia.client`) with the person's CPF and the
purpose, only after the person consents on the request page (`prefill.consent_sources`). When X-VIA
is not configured or does not answer, the source gives nothing and the person is simply asked.

Settings: `XVIA_PORTAL_SECURITY_SERVER` (the IS-side URL of the portal's security server; empty:
these sources are off), `XVIA_PORTAL_CLIENT` (the portal's subsystem id, or its code alone looked up
in the X-VIA registry), `XVIA_PREFILL_SERVICES`
(namespace → service id, or "SUBSYSTEM/SERVICE" looked up in the X-VIA registry).
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.utils.translation import gettext as _

from xvia.client import XViaClient, XViaError

from .prefill import PrefillSource, PrefillValues, register_source

logger = logging.getLogger(__name__)

DEFAULT_SERVICES = {"detran": "DETRAN-VEICULOS/veiculos", "sefaz": "SEFAZ-ARRECADACAO/situacao-fiscal"}


def _service_id(namespace: str) -> str:
    ref = getattr(settings, "XVIA_PREFILL_SERVICES", DEFAULT_SERVICES).get(namespace, "")
    if ref.count("/") >= 4:
        return ref
    subsystem, _sep, code = ref.partition("/")
    from xvia.central.selectors.catalogue import service_id_by_codes

    return service_id_by_codes(subsystem_code=subsystem, service_code=code) or ""


def _client_id() -> str:
    ref = getattr(settings, "XVIA_PORTAL_CLIENT", "")
    if ref.count("/") >= 3 or not ref:
        return ref
    from xvia.central.selectors.catalogue import subsystem_id_by_code

    return subsystem_id_by_code(ref) or ""


def _call(namespace: str, path: str, *, user, purpose: str):
    """The provider's JSON for this person, or None (not configured, refused or unavailable)."""
    url = getattr(settings, "XVIA_PORTAL_SECURITY_SERVER", "")
    client_id = _client_id() if url else ""
    service_id = _service_id(namespace) if client_id else ""
    if not service_id:
        return None
    client = XViaClient(url, client_id, timeout=getattr(settings, "XVIA_PREFILL_TIMEOUT", 3.0))
    try:
        answer = client.get(service_id, path, data_subject=user.cpf, purpose=purpose[:200])
    except XViaError as exc:
        # the fault type only: never the person's data
        logger.warning("X-VIA prefill %s failed: %s", namespace, exc.type)
        return None
    finally:
        client.close()
    if answer.status != 200:
        logger.warning("X-VIA prefill %s: provider answered %s", namespace, answer.status)
        return None
    try:
        return answer.json()
    except ValueError:
        logger.warning("X-VIA prefill %s: the answer is not JSON", namespace)
        return None


def _detran(*, user, company=None, wanted=None, purpose: str = "") -> PrefillValues:
    found = _call("detran", f"proprietarios/{user.cpf}/veiculos", user=user, purpose=purpose)
    vehicles = found.get("veiculos") if isinstance(found, dict) else None
    if not isinstance(vehicles, list):
        return {}
    plates = [v.get("placa", "") for v in vehicles if isinstance(v, dict)]
    return {
        "detran.vehicle_plate": plates[0] if len(plates) == 1 else "",
        "detran.vehicles": "; ".join(
            f"{v.get('placa', '')} ({v.get('marca_modelo', '')})" for v in vehicles if isinstance(v, dict)
        ),
    }


def _sefaz(*, user, company=None, wanted=None, purpose: str = "") -> PrefillValues:
    found = _call("sefaz", f"situacao-fiscal/{user.cpf}", user=user, purpose=purpose)
    if not isinstance(found, dict) or found.get("situacao") not in ("regular", "pendente"):
        return {}
    return {
        "sefaz.tax_status": _("Regular, com certidão negativa de débitos")
        if found["situacao"] == "regular"
        else _("Com pendências na Fazenda Estadual")
    }


def register() -> None:
    register_source(
        PrefillSource(
            namespace="detran",
            label="DETRAN-MT (pela X-VIA)",
            items={
                "vehicle_plate": ("Placa do veículo em seu nome (quando há só um)", ("text",)),
                "vehicles": ("Veículos em seu nome", ("text", "textarea")),
            },
            fetch=_detran,
            consent="DETRAN-MT",
        )
    )
    register_source(
        PrefillSource(
            namespace="sefaz",
            label="SEFAZ-MT (pela X-VIA)",
            items={"tax_status": ("Situação fiscal na Fazenda Estadual", ("text",))},
            fetch=_sefaz,
            consent="SEFAZ-MT",
        )
    )
