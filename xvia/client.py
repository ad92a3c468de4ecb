"""A small client for information systems that call services through their X-VIA security
server, in X-Road's REST message protocol (PR-REST): `METHOD /r1/{service id}/{path}` with the
`X-Road-Client` header. The portal uses it for the once-only prefill; any Python system of an
agency can too. No Django here.

Queries about a person carry the person's CPF and the purpose (`X-VIA-Data-Subject`,
`X-VIA-Purpose`): the provider's security server refuses a personal-data service without them,
logs them, and the person sees the query in "Quem acessou meus dados".
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

import httpx


@dataclass(frozen=True)
class XViaResponse:
    status: int
    headers: httpx.Headers
    body: bytes

    @property
    def request_id(self) -> str:
        return self.headers.get("x-road-request-id", "")

    def json(self):
        return httpx.Response(self.status, content=self.body).json()


class XViaError(Exception):
    """The call did not reach the service, or the service said no. `type` is X-Road's fault
    code (for example `Server.ServerProxy.AccessDenied`), or `Client.Unreachable` when the
    security server itself could not be reached."""

    def __init__(self, type_: str, message: str, *, status: int = 0, detail: str = ""):
        super().__init__(f"{type_}: {message}")
        self.type = type_
        self.message = message
        self.status = status
        self.detail = detail


def _encode_id(identifier: str) -> str:
    return "/".join(quote(part, safe="") for part in identifier.split("/"))


class XViaClient:
    """`XViaClient(security_server_url, client_id)`; `client_id` is the calling subsystem,
    `INSTANCE/CLASS/MEMBER/SUBSYSTEM`."""

    def __init__(
        self,
        security_server_url: str,
        client_id: str,
        *,
        timeout: float = 5.0,
        transport: httpx.BaseTransport | None = None,
        verify: bool | str = True,
        cert: tuple[str, str] | None = None,
    ):
        self.client_id = client_id
        self._http = httpx.Client(
            base_url=security_server_url.rstrip("/"),
            timeout=timeout,
            transport=transport,
            verify=verify,
            cert=cert,
            follow_redirects=False,
        )

    def close(self) -> None:
        self._http.close()

    def request(
        self,
        method: str,
        service_id: str,
        path: str = "",
        *,
        params: dict | None = None,
        json=None,
        data_subject: str = "",
        purpose: str = "",
        user_id: str = "",
        issue: str = "",
        message_id: str = "",
    ) -> XViaResponse:
        """Call a service. The provider's answer comes back whatever its status; a fault of
        X-VIA itself (the answer carries `X-Road-Error`) raises XViaError."""
        url = f"/r1/{_encode_id(service_id)}"
        if path:
            url += "/" + "/".join(quote(part, safe="") for part in path.strip("/").split("/"))
        headers: dict[str, str | bytes] = {"X-Road-Client": _encode_id(self.client_id)}
        for name, value in (
            ("X-VIA-Data-Subject", data_subject),
            ("X-VIA-Purpose", purpose),
            ("X-Road-UserId", user_id),
            ("X-Road-Issue", issue),
            ("X-Road-Id", message_id),
        ):
            if value:
                # raw UTF-8 on the wire: the purpose is Portuguese text (the gateway reads it so)
                headers[name] = value.encode("utf-8")
        try:
            response = self._http.request(method, url, params=params, json=json, headers=headers)
        except httpx.HTTPError as exc:
            raise XViaError(
                "Client.Unreachable", "O servidor de segurança não respondeu.", detail=type(exc).__name__
            ) from exc
        if "x-road-error" not in response.headers:
            return XViaResponse(response.status_code, response.headers, response.content)
        try:
            fault = response.json()
        except ValueError:
            fault = {}
        if not isinstance(fault, dict):
            fault = {}
        raise XViaError(
            str(fault.get("type") or response.headers["x-road-error"]),
            str(fault.get("message", "")),
            status=response.status_code,
            detail=str(fault.get("detail", "")),
        )

    def get(self, service_id: str, path: str = "", **kwargs) -> XViaResponse:
        return self.request("GET", service_id, path, **kwargs)
