from __future__ import annotations

import pytest

from xvia.protocol import testing
from xvia.protocol.certs import generate_private_key

SEFAZ = "MT/GOV/03507415000178"
DETRAN = "MT/GOV/03507415000144"


@pytest.fixture(scope="session")
def ca():
    return testing.TestCA()


@pytest.fixture(scope="session")
def tsa(ca):
    return testing.TestTSA(ca)


@pytest.fixture(scope="session")
def central():
    return testing.TestCentral()


@pytest.fixture(scope="session")
def member_keys(ca):
    """Signing key and certificate of each member."""
    out = {}
    for member, org in ((SEFAZ, "SEFAZ-MT"), (DETRAN, "DETRAN-MT")):
        key = generate_private_key()
        out[member] = (key, ca.issue(key.public_key(), common_name=org, serial_number=member, org=org))
    return out


def payload(ca, tsa=None, **overrides):
    base = {
        "cas": [ca.trust_entry()],
        "tsas": [testing.tsa_entry(tsa, "http://127.0.0.1:9/tsa")] if tsa else [],
        "members": [
            {
                "id": SEFAZ,
                "name": "SEFAZ",
                "subsystems": [{"id": f"{SEFAZ}/ARRECADACAO", "name": "Arrecadação"}],
            },
            {
                "id": DETRAN,
                "name": "DETRAN",
                "subsystems": [{"id": f"{DETRAN}/VEICULOS", "name": "Veículos", "message_log": "metadata"}],
            },
        ],
        "security_servers": [
            {
                "id": f"SERVER:{DETRAN}/ss-detran",
                "owner": DETRAN,
                "address": "127.0.0.1:5501",
                "auth_certificate_sha256": ["AB" * 32],
                "clients": [f"{DETRAN}/VEICULOS"],
            }
        ],
        "services": [
            {
                "id": f"{DETRAN}/VEICULOS/veiculos",
                "title": "Consulta de veículos",
                "personal_data": True,
                "endpoints": [{"method": "GET", "path": "/veiculos/{placa}"}],
            }
        ],
        "global_groups": [{"id": "MT/basica", "description": "", "members": [f"{SEFAZ}/ARRECADACAO"]}],
        "access_rights": [
            {
                "service": f"{DETRAN}/VEICULOS/veiculos",
                "subject": f"{SEFAZ}/ARRECADACAO",
                "method": "GET",
                "path": "/veiculos/{placa}",
            },
            {
                "service": f"{DETRAN}/VEICULOS/veiculos",
                "subject": "GROUP:MT/basica",
                "method": "POST",
                "path": "/consultas/**",
            },
        ],
    }
    base.update(overrides)
    return testing.globalconf_payload(**base)
