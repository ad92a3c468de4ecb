"""A data-tracker world for the central's tests: DETRAN-MT provides `veiculos` from ss-detran,
SEFAZ-MT's ARRECADACAO system is the client; both members hold signing certificates issued by
the development CA from their own keys, as security servers get them."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from xvia.central import services
from xvia.central.pki import x509 as px
from xvia.protocol.globalconf import format_time
from xvia.protocol.messages import FORMAT, sign_descriptor
from xvia.protocol.tracker import PushRecord, build_push

from .helpers import make_csr

CPF = "52998224725"
OTHER_CPF = "11144477735"


@dataclass
class Party:
    key: object
    cert: object
    issued: object


@dataclass
class TrackerWorld:
    world: object
    server: object
    service: object
    sefaz_service: object
    detran: Party
    sefaz: Party

    @property
    def server_id(self) -> str:
        return self.server.xroad_id

    @property
    def client_id(self) -> str:
        return self.world.sefaz_sub.xroad_id

    def request(
        self,
        *,
        cpf: str | None = CPF,
        purpose: str | None = "Pré-preenchimento de requerimento",
        service: str | None = None,
        signer: Party | None = None,
        message_id: str | None = None,
        sent_at: dt.datetime | None = None,
        headers: list | None = None,
    ) -> tuple[bytes, bytes, bytes]:
        """A request descriptor signed as SEFAZ's security server signs it (clientproxy)."""
        signer = signer or self.sefaz
        descriptor = {
            "v": FORMAT,
            "type": "request",
            "id": message_id or str(uuid.uuid4()),
            "request_id": str(uuid.uuid4()),
            "client": self.client_id,
            "service": service or self.service.xroad_id,
            "method": "GET",
            "path": "/veiculos/ABC1234",
            "query": "",
            "headers": headers or [["x-road-issue", "PROC-2026-1"], ["x-road-userid", "servidor-7"]],
            "body_sha512": None,
            "body_length": 0,
            "sent_at": format_time(sent_at or dt.datetime.now(dt.UTC)),
            "sender": f"SERVER:{self.world.sefaz.xroad_id}/ss-sefaz",
            "data_subject": cpf,
            "purpose": purpose,
        }
        raw, signature = sign_descriptor(descriptor, signer.key)
        return (
            raw,
            signature,
            px.load_pem(signer.issued.certificate_pem).public_bytes(serialization.Encoding.DER),
        )

    def record(self, seq: int = 1, **kwargs) -> PushRecord:
        raw, signature, signer = self.request(**kwargs)
        return PushRecord(
            seq=seq,
            logged_at=format_time(dt.datetime.now(dt.UTC)),
            descriptor=raw,
            signature=signature,
            signer_der=signer,
        )

    def push(
        self, records: list[PushRecord], *, party: Party | None = None, server: str | None = None
    ) -> bytes:
        """The JWS exactly as xvia.gateway.tracker builds it."""
        party = party or self.detran
        return build_push(
            instance="MT",
            server=server or self.server_id,
            records=records,
            sign_key=party.key,
            sign_cert=party.cert,
        )


def sign_party(member) -> Party:
    key = ec.generate_private_key(ec.SECP256R1())
    issued = services.issue_certificate(make_csr(member.xroad_id, key=key), "sign", member=member)
    return Party(key=key, cert=px.load_pem(issued.certificate_pem), issued=issued)


def build_tracker_world(world) -> TrackerWorld:
    server = services.server_create(
        actor=None, owner=world.detran, code="ss-detran", address="127.0.0.1:5501"
    )
    service = services.service_create(
        actor=None,
        subsystem=world.detran_sub,
        code="veiculos",
        title="Consulta de veículos",
        personal_data=True,
    )
    sefaz_service = services.service_create(
        actor=None, subsystem=world.sefaz_sub, code="situacao-fiscal", title="Situação fiscal"
    )
    return TrackerWorld(
        world=world,
        server=server,
        service=service,
        sefaz_service=sefaz_service,
        detran=sign_party(world.detran),
        sefaz=sign_party(world.sefaz),
    )
