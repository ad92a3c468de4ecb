"""Once-only across agencies: prefill sources that read data other agencies hold, through X-VIA
(Resolução 002/2021 art. 1 IV; Lei 13.460 art. 5 XV; Lei 14.129 art. 40).

The portal is an information system of MTI's member, behind MTI's security server. It calls the
providers' services in X-Road's REST protocol (`xvia.client`) with the person's CPF and the
purpose, only after the person consents on the request page (`prefill.consent_sources`). When X-VIA
is not configured or does not answer, the source gives nothing and the person is simply asked.

Only a session of level prata or ouro may use these sources: a bronze account's CPF is not proven,
and the data belongs to whoever really holds that CPF. What a source fetched is kept in the cache
for a few minutes (the page and its submission make one query, not two), and a failure for a
minute (an outage does not slow every page down).

Settings: `XVIA_PORTAL_SECURITY_SERVER` (the IS-side URL of the portal's security server; empty:
these sources are off), `XVIA_PORTAL_CLIENT` (the portal's subsystem id; empty: MTI's `PORTAL`
subsystem in the registry) and `XVIA_PREFILL_SERVICES` (namespace → service id; missing: the
service of the member tied to the agency below, looked up in the registry).
"""

from __future__ import annotations

import hashlib
import logging

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext as _

from xvia.client import XViaClient, XViaError

from .prefill import PrefillSource, PrefillValues, register_source

logger = logging.getLogger(__name__)

MIN_LEVEL = "prata"
# namespace → (catalogue agency, subsystem, service): looked up only among the member tied to that
# agency by the operator, never by codes alone (another agency could register the same codes)
DEFAULT_SERVICES = {
    "detran": ("DETRAN-MT", "DETRAN-VEICULOS", "veiculos"),
    "sefaz": ("SEFAZ", "SEFAZ-ARRECADACAO", "situacao-fiscal"),
}
PORTAL_CLIENT = ("MTI", "PORTAL")
CACHE_SECONDS = 600
FAILURE_CACHE_SECONDS = 60
_FAILED = "failed"


def _service_id(namespace: str) -> str:
    configured = getattr(settings, "XVIA_PREFILL_SERVICES", {}) or {}
    if configured.get(namespace):
        return configured[namespace]
    if namespace not in DEFAULT_SERVICES:
        return ""
    from xvia.central.selectors.catalogue import service_id_for_agency

    agency, subsystem, code = DEFAULT_SERVICES[namespace]
    return service_id_for_agency(agency_acronym=agency, subsystem_code=subsystem, service_code=code) or ""


def _client_id() -> str:
    configured = getattr(settings, "XVIA_PORTAL_CLIENT", "")
    if configured:
        return configured
    from xvia.central.selectors.catalogue import subsystem_id_for_agency

    agency, subsystem = PORTAL_CLIENT
    return subsystem_id_for_agency(agency_acronym=agency, subsystem_code=subsystem) or ""


def _cache_key(namespace: str, path: str, user, purpose: str) -> str:
    digest = hashlib.sha256(f"{namespace}|{user.pk}|{path}|{purpose}".encode()).hexdigest()
    return f"xvia-prefill:{digest}"


def _call(namespace: str, path: str, *, user, purpose: str):
    """The provider's JSON for this person, or None (not configured, refused or unavailable)."""
    key = _cache_key(namespace, path, user, purpose)
    cached = cache.get(key)
    if cached is not None:
        return None if cached == _FAILED else cached
    found = _query(namespace, path, user=user, purpose=purpose)
    if found is None:
        cache.set(key, _FAILED, FAILURE_CACHE_SECONDS)
    else:
        cache.set(key, found, CACHE_SECONDS)
    return found


def _query(namespace: str, path: str, *, user, purpose: str):
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
            min_level=MIN_LEVEL,
        )
    )
    register_source(
        PrefillSource(
            namespace="sefaz",
            label="SEFAZ-MT (pela X-VIA)",
            items={"tax_status": ("Situação fiscal na Fazenda Estadual", ("text",))},
            fetch=_sefaz,
            consent="SEFAZ-MT",
            min_level=MIN_LEVEL,
        )
    )
