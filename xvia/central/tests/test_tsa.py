"""The development TSA over HTTP (RFC 3161): tokens verified with cryptography, nonces echoed,
bad requests rejected with a TimeStampResp status, never a 500."""

from __future__ import annotations

import hashlib
import os

import pytest
from asn1crypto import algos, cms, tsp
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec

from xvia.central.models import CertificateAuthority, TimeStampingAuthority
from xvia.central.pki.tsa import TimeStampResponse

pytestmark = pytest.mark.django_db
URL = "/xvia/tsa/"
HASHES = {"sha256": hashlib.sha256, "sha384": hashlib.sha384, "sha512": hashlib.sha512}


def query(algorithm="sha256", digest=None, nonce=None, cert_req=True, policy=None) -> bytes:
    digest = digest if digest is not None else HASHES.get(algorithm, hashlib.sha256)(b"registro 42").digest()
    request = {
        "version": "v1",
        "message_imprint": {"hash_algorithm": {"algorithm": algorithm}, "hashed_message": digest},
        "cert_req": cert_req,
    }
    if nonce is not None:
        request["nonce"] = nonce
    if policy:
        request["req_policy"] = policy
    return tsp.TimeStampReq(request).dump()


def post(client, body: bytes, content_type="application/timestamp-query"):
    return client.post(URL, data=body, content_type=content_type)


def status_of(response) -> dict:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/timestamp-reply"
    return TimeStampResponse.load(response.content)["status"].native


def verify_token(content: bytes) -> tsp.TSTInfo:
    """Check the token as a relying party would, with cryptography."""
    signed = tsp.TimeStampResp.load(content)["time_stamp_token"]["content"]
    tst_der = signed["encap_content_info"]["content"].native
    if not isinstance(tst_der, bytes):
        tst_der = signed["encap_content_info"]["content"].parsed.dump()
    signer = signed["signer_infos"][0]
    attrs = {a["type"].native: a["values"][0] for a in signer["signed_attrs"]}
    assert attrs["content_type"].native == "tst_info"
    assert attrs["message_digest"].native == hashlib.sha256(tst_der).digest()
    tsa_cert = x509.load_der_x509_certificate(signed["certificates"][0].chosen.dump())
    ess = attrs["signing_certificate_v2"]["certs"][0]
    assert ess["cert_hash"].native == hashlib.sha256(signed["certificates"][0].chosen.dump()).digest()
    signed_attrs_der = cms.CMSAttributes(list(signer["signed_attrs"])).dump()
    assert signer["signature_algorithm"]["algorithm"].native == "sha256_ecdsa"
    tsa_cert.public_key().verify(signer["signature"].native, signed_attrs_der, ec.ECDSA(hashes.SHA256()))
    ca = x509.load_pem_x509_certificate(CertificateAuthority.objects.get().certificate_pem.encode())
    tsa_cert.verify_directly_issued_by(ca)
    return tsp.TSTInfo.load(tst_der)


@pytest.mark.parametrize("algorithm", ["sha256", "sha384", "sha512"])
def test_granted_token_verifies_and_echoes_the_nonce(client, pki, algorithm):
    nonce = int.from_bytes(os.urandom(8), "big")
    digest = HASHES[algorithm](b"registro 42").digest()
    response = post(client, query(algorithm, digest=digest, nonce=nonce))
    assert status_of(response)["status"] == "granted"
    info = verify_token(response.content).native
    assert info["nonce"] == nonce
    assert info["message_imprint"]["hashed_message"] == digest
    assert info["message_imprint"]["hash_algorithm"]["algorithm"] == algorithm
    assert info["policy"] == TimeStampingAuthority.objects.get().policy_oid
    assert response["Cache-Control"] == "no-store"


def test_two_tokens_have_different_serials(client, pki):
    first = verify_token(post(client, query()).content).native["serial_number"]
    second = verify_token(post(client, query()).content).native["serial_number"]
    assert first != second


def test_certificate_left_out_when_not_requested(client, pki):
    response = post(client, query(cert_req=False))
    signed = tsp.TimeStampResp.load(response.content)["time_stamp_token"]["content"]
    assert not signed["certificates"].native


@pytest.mark.parametrize(
    "body, content_type, failure",
    [
        (b"\x30\x03\x02\x01", "application/timestamp-query", "bad_data_format"),
        (b"", "application/timestamp-query", "bad_data_format"),
        (query(), "application/octet-stream", "bad_request"),
        (query("sha1", digest=hashlib.sha1(b"x").digest()), "application/timestamp-query", "bad_alg"),  # noqa: S324
        (query("sha256", digest=b"curto"), "application/timestamp-query", "bad_data_format"),
        (query(policy="1.2.3.4"), "application/timestamp-query", "unaccepted_policy"),
        (b"\x30" + b"\x82\xff\xff" + b"\x00" * 5000, "application/timestamp-query", "bad_data_format"),
    ],
)
def test_bad_requests_get_a_rejection_not_a_500(client, pki, body, content_type, failure):
    status = status_of(post(client, body, content_type))
    assert status["status"] == "rejection"
    assert status["fail_info"] == {failure}


def test_md5_or_unknown_algorithm_is_bad_alg(client, pki):
    request = tsp.TimeStampReq(
        {
            "version": "v1",
            "message_imprint": {
                "hash_algorithm": algos.DigestAlgorithm({"algorithm": "md5"}),
                "hashed_message": b"\x00" * 16,
            },
        }
    ).dump()
    assert status_of(post(client, request))["fail_info"] == {"bad_alg"}


def test_only_post(client, pki):
    assert client.get(URL).status_code == 405


def test_no_tsa_yet_is_503(client, db):
    assert post(client, query()).status_code == 503


def test_a_request_that_asn1crypto_mis_parses_is_rejected_not_a_500(client, pki):
    # found by fuzzing: the algorithm parameters decode as an ObjectDescriptor, which has no
    # .native; the TSA used to answer 500
    body = bytes.fromhex(
        "30440201013031300d06096086480165030402ab870004202d711642b726b04401627ca9fbac32f5c8530fb190"
        "3cc4db02258717921a4881020900ab54a98ce21f0ad20101ff"
    )
    status = status_of(post(client, body))
    assert status["status"] == "rejection" and status["fail_info"] == {"bad_data_format"}


def test_mutated_requests_always_get_a_time_stamp_response(pki):
    """Fuzz-style, fixed seed: bytes flipped, deleted and inserted in a valid request. Every
    answer must be a TimeStampResp (granted or rejection), never an exception."""
    import random

    from xvia.central.pki import keystore, tsa
    from xvia.central.pki import x509 as px

    authority = TimeStampingAuthority.objects.get()
    key = keystore.load_key(authority.key_file)
    certificate = px.load_pem(authority.certificate_pem)
    base = query(nonce=12345678901234567890, policy=authority.policy_oid)
    rnd = random.Random(20261126)
    outcomes = set()
    for _ in range(2000):
        data = bytearray(base)
        for _ in range(rnd.randint(1, 4)):
            operation = rnd.random()
            if operation < 0.5 and data:
                data[rnd.randrange(len(data))] = rnd.randrange(256)
            elif operation < 0.75 and data:
                del data[rnd.randrange(len(data))]
            else:
                data.insert(rnd.randrange(len(data) + 1), rnd.randrange(256))
        answer = tsa.respond(bytes(data), key=key, certificate=certificate, policy_oid=authority.policy_oid)
        outcomes.add(TimeStampResponse.load(answer)["status"]["status"].native)
    assert outcomes == {"granted", "rejection"}
