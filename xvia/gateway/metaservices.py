"""X-Road REST metaservices (PR-MREST): listMethods, allowedMethods, getOpenAPI.

They are answered by the provider's security server, signed and logged like any response.
``getOpenAPI`` serves the OpenAPI file named in local settings; without one it answers that the
description is not available.
"""

from __future__ import annotations

import json
from urllib.parse import parse_qs

from xvia.protocol.access import is_allowed
from xvia.protocol.globalconf import GlobalConf
from xvia.protocol.identifiers import ClientId, IdentifierError, ServiceId

from .core import read_openapi
from .errors import CLIENT, SERVER_PROXY, XRoadFault
from .spool import Spool

META_SERVICES = frozenset({"listMethods", "allowedMethods", "getOpenAPI"})


def _spool(gw, data: bytes) -> Spool:
    spool = Spool(threshold=1 << 30, limit=1 << 30)
    spool.write(data)
    spool.finish()
    return spool


def _service_entry(service, endpoints) -> dict:
    p = service.id.provider
    return {
        "member_class": p.member_class,
        "member_code": p.member_code,
        "object_type": "SERVICE",
        "service_code": service.id.service_code,
        "service_type": "OPENAPI" if service.openapi_sha256 else "REST",
        "subsystem_code": p.subsystem,
        "xroad_instance": p.instance,
        "endpoint_list": [{"method": e.method, "path": e.path} for e in endpoints],
    }


def _json(gw, status: int, doc: dict):
    body = json.dumps(doc, ensure_ascii=False).encode()
    return status, [["content-type", "application/json;charset=utf-8"]], _spool(gw, body)


def _error(gw, fault: XRoadFault):
    """A fault as the body of the (signed) metaservice response, with X-Road's fields."""
    return _json(gw, fault.status, fault.as_dict())


def answer_metaservice(gw, conf: GlobalConf, client: ClientId, service: ServiceId, req: dict):
    provider = service.provider
    services = [s for s in conf.services if s.id.provider == provider]
    code = service.service_code
    if code == "listMethods":
        return _json(gw, 200, {"service": [_service_entry(s, s.endpoints) for s in services]})
    if code == "allowedMethods":
        entries = []
        for s in services:
            allowed = [e for e in s.endpoints if is_allowed(conf, client, s.id, e.method, e.path)]
            if allowed:
                entries.append(_service_entry(s, allowed))
        return _json(gw, 200, {"service": entries})
    # getOpenAPI?serviceCode=...
    codes = parse_qs(req["query"]).get("serviceCode", [])
    if len(codes) != 1:
        return _error(gw, XRoadFault(CLIENT, "BadRequest", "service_code_required"))
    try:
        target = ServiceId(provider, codes[0])
    except IdentifierError:
        return _error(gw, XRoadFault(CLIENT, "BadRequest", "service_code_malformed"))
    if target not in conf.services_by_id:
        return _error(gw, XRoadFault(CLIENT, "BadRequest", "service_unknown", service=target))
    local = gw.settings.services.get(target)
    found = read_openapi(local.openapi_file if local else None)
    if found is None:
        return _error(gw, XRoadFault(SERVER_PROXY, "ServiceFailed", "openapi_unavailable", service=target))
    body, ctype = found
    return 200, [["content-type", ctype.decode() + ";charset=utf-8"]], _spool(gw, body)
