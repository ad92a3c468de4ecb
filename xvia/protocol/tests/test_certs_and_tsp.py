import datetime as dt
import hashlib

import pytest

from xvia.protocol import testing, tsp
from xvia.protocol.certs import (
    CertificateError,
    TrustedCA,
    TrustStore,
    generate_private_key,
    member_id_from_signing_cert,
    server_id_from_auth_cert,
)


def test_certificates_chain_to_listed_cas_within_validity_and_not_revoked(ca):
    key = generate_private_key()
    cert = ca.issue(
        key.public_key(), common_name="ss", serial_number="MT/GOV/1/ss-1", kind="auth", sans=("127.0.0.1",)
    )
    store = TrustStore([TrustedCA("ca", ca.certificate)])
    assert store.validate(cert).name == "ca"
    assert str(server_id_from_auth_cert(cert)) == "SERVER:MT/GOV/1/ss-1"
    with pytest.raises(CertificateError, match="revoked"):
        TrustStore([TrustedCA("ca", ca.certificate, frozenset({cert.serial_number}))]).validate(cert)
    with pytest.raises(CertificateError, match="validity"):
        store.validate(cert, now=testing.utcnow() + dt.timedelta(days=400))
    with pytest.raises(CertificateError, match="chain"):
        TrustStore([TrustedCA("other", testing.TestCA(name="Other CA").certificate)]).validate(cert)


def test_member_id_comes_from_subject_serial_number(ca):
    key = generate_private_key()
    cert = ca.issue(key.public_key(), common_name="SEFAZ", serial_number="MT/GOV/03507415000178")
    assert str(member_id_from_signing_cert(cert)) == "MT/GOV/03507415000178"
    bad = ca.issue(key.public_key(), common_name="x", serial_number="MT/GOV/1/SUB")
    with pytest.raises(CertificateError):
        member_id_from_signing_cert(bad)


def test_time_stamp_round_trip_and_checks(ca, tsa):
    trust = TrustStore([TrustedCA("ca", ca.certificate)])
    digest = hashlib.sha256(b"seal").digest()
    request, nonce = tsp.build_request(digest)
    token = tsp.verify_response(
        tsa.respond(request), digest=digest, nonce=nonce, trust=trust, tsa_certificates=[tsa.certificate]
    )
    assert abs((token.gen_time - testing.utcnow()).total_seconds()) < 60
    assert (
        tsp.verify_token(
            token.token_der, digest=digest, trust=trust, tsa_certificates=[tsa.certificate]
        ).serial_number
        == token.serial_number
    )
    with pytest.raises(tsp.TimestampError, match="another imprint"):
        tsp.verify_token(
            token.token_der,
            digest=hashlib.sha256(b"other").digest(),
            trust=trust,
            tsa_certificates=[tsa.certificate],
        )
    with pytest.raises(tsp.TimestampError, match="nonce"):
        tsp.verify_response(
            tsa.respond(request),
            digest=digest,
            nonce=nonce + 1,
            trust=trust,
            tsa_certificates=[tsa.certificate],
        )
    untrusting = TrustStore([TrustedCA("other", testing.TestCA(name="Other").certificate)])
    with pytest.raises(tsp.TimestampError, match="untrusted"):
        tsp.verify_token(token.token_der, digest=digest, trust=untrusting, tsa_certificates=[tsa.certificate])


def test_time_stamp_tampering_and_refusals_are_detected(ca, tsa):
    trust = TrustStore([TrustedCA("ca", ca.certificate)])
    digest = hashlib.sha256(b"seal").digest()
    request, nonce = tsp.build_request(digest)
    der = bytearray(tsa.respond(request))
    index = der.find(digest)
    der[index] ^= 1  # flip a bit of the imprint inside the signed TSTInfo
    with pytest.raises(tsp.TimestampError):
        tsp.verify_response(
            bytes(der), digest=digest, nonce=nonce, trust=trust, tsa_certificates=[tsa.certificate]
        )
    tsa.fail = True
    try:
        with pytest.raises(tsp.TimestampError, match="refused"):
            tsp.verify_response(
                tsa.respond(request),
                digest=digest,
                nonce=nonce,
                trust=trust,
                tsa_certificates=[tsa.certificate],
            )
    finally:
        tsa.fail = False
    with pytest.raises(tsp.TimestampError):
        tsp.verify_response(
            b"garbage", digest=digest, nonce=nonce, trust=trust, tsa_certificates=[tsa.certificate]
        )


def test_a_signing_certificate_cannot_act_as_tsa(ca):
    impostor = testing.TestTSA(ca)
    impostor.certificate = ca.issue(impostor.key.public_key(), common_name="not a tsa")  # no EKU
    trust = TrustStore([TrustedCA("ca", ca.certificate)])
    digest = hashlib.sha256(b"x").digest()
    request, nonce = tsp.build_request(digest)
    with pytest.raises(tsp.TimestampError, match="EKU"):
        tsp.verify_response(
            impostor.respond(request),
            digest=digest,
            nonce=nonce,
            trust=trust,
            tsa_certificates=[impostor.certificate],
        )


def test_a_tsa_not_listed_in_global_configuration_is_refused(ca, tsa):
    """A CA-issued certificate with the timeStamping EKU, embedded in the token, is not enough."""
    rogue = testing.TestTSA(ca, name="Rogue TSA")  # same trusted CA, has the EKU
    trust = TrustStore([TrustedCA("ca", ca.certificate)])
    digest = hashlib.sha256(b"seal").digest()
    request, nonce = tsp.build_request(digest)
    with pytest.raises(tsp.TimestampError, match="not signed by a TSA listed"):
        tsp.verify_response(
            rogue.respond(request),
            digest=digest,
            nonce=nonce,
            trust=trust,
            tsa_certificates=[tsa.certificate],
        )
    with pytest.raises(tsp.TimestampError, match="not signed by a TSA listed"):
        tsp.verify_response(
            rogue.respond(request), digest=digest, nonce=nonce, trust=trust, tsa_certificates=[]
        )
