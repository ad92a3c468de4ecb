"""A software WebAuthn authenticator for tests: what a browser plus a security key would send.

It holds one EC P-256 credential (COSE alg -7, ES256) and produces, following W3C Web
Authentication Level 2:
- for navigator.credentials.create(): clientDataJSON (type "webauthn.create"), authenticatorData
  (rpIdHash, flags UP|UV|AT, signCount, attested credential data with the COSE_Key in CBOR) in an
  attestationObject of format "none" (§6.5, §8.7);
- for navigator.credentials.get(): clientDataJSON (type "webauthn.get"), authenticatorData (flags
  UP|UV, signCount) and an ECDSA-SHA256 signature over authenticatorData || SHA-256(clientDataJSON)
  (§6.3.3, §7.2).
Everything is returned in the JSON shape webauthn.js posts (base64url, no padding).
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets

import cbor2
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec

FLAG_UP = 0x01
FLAG_UV = 0x04
FLAG_AT = 0x40


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def unb64url(value: str) -> bytes:
    return base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))


class NotAllowed(Exception):
    """What the browser raises when no allowed credential is on this authenticator."""


class SoftAuthenticator:
    def __init__(self, *, origin: str = "http://testserver", sign_count: int = 0):
        self.origin = origin
        self.private_key = ec.generate_private_key(ec.SECP256R1())
        self.credential_id = secrets.token_bytes(32)
        self.aaguid = bytes(16)
        self.sign_count = sign_count
        self.user_handle: bytes | None = None

    @property
    def id(self) -> str:
        return b64url(self.credential_id)

    def cose_public_key(self) -> bytes:
        numbers = self.private_key.public_key().public_numbers()
        return cbor2.dumps(
            {
                1: 2,  # kty: EC2
                3: -7,  # alg: ES256
                -1: 1,  # crv: P-256
                -2: numbers.x.to_bytes(32, "big"),
                -3: numbers.y.to_bytes(32, "big"),
            }
        )

    @staticmethod
    def client_data(kind: str, challenge: str, origin: str) -> bytes:
        return json.dumps(
            {"type": kind, "challenge": challenge, "origin": origin, "crossOrigin": False},
            separators=(",", ":"),
        ).encode()

    def authenticator_data(self, rp_id: str, *, flags: int, sign_count: int, attested: bool) -> bytes:
        data = hashlib.sha256(rp_id.encode()).digest() + bytes([flags]) + sign_count.to_bytes(4, "big")
        if attested:
            data += (
                self.aaguid
                + len(self.credential_id).to_bytes(2, "big")
                + self.credential_id
                + self.cose_public_key()
            )
        return data

    def create(self, options: dict, *, origin: str | None = None, rp_id: str | None = None) -> dict:
        """Answer navigator.credentials.create() with the options the server sent."""
        excluded = {item["id"] for item in options.get("excludeCredentials", [])}
        if self.id in excluded:
            raise NotAllowed("InvalidStateError: credential already registered")
        self.user_handle = unb64url(options["user"]["id"])
        client_data = self.client_data("webauthn.create", options["challenge"], origin or self.origin)
        auth_data = self.authenticator_data(
            rp_id or options["rp"]["id"],
            flags=FLAG_UP | FLAG_UV | FLAG_AT,
            sign_count=self.sign_count,
            attested=True,
        )
        attestation = cbor2.dumps({"fmt": "none", "attStmt": {}, "authData": auth_data})
        return {
            "id": self.id,
            "rawId": self.id,
            "type": "public-key",
            "authenticatorAttachment": "cross-platform",
            "clientExtensionResults": {},
            "response": {
                "clientDataJSON": b64url(client_data),
                "attestationObject": b64url(attestation),
                "transports": ["usb", "nfc"],
            },
        }

    def get(
        self,
        options: dict,
        *,
        origin: str | None = None,
        rp_id: str | None = None,
        sign_count: int | None = None,
        ignore_allow_list: bool = False,
    ) -> dict:
        """Answer navigator.credentials.get(): sign the challenge with the credential's key."""
        allowed = {item["id"] for item in options.get("allowCredentials", [])}
        if not ignore_allow_list and self.id not in allowed:
            raise NotAllowed("NotAllowedError: no allowed credential on this authenticator")
        if sign_count is None:
            self.sign_count += 1
            sign_count = self.sign_count
        client_data = self.client_data("webauthn.get", options["challenge"], origin or self.origin)
        auth_data = self.authenticator_data(
            rp_id or options["rpId"], flags=FLAG_UP | FLAG_UV, sign_count=sign_count, attested=False
        )
        signature = self.private_key.sign(
            auth_data + hashlib.sha256(client_data).digest(), ec.ECDSA(hashes.SHA256())
        )
        response = {
            "clientDataJSON": b64url(client_data),
            "authenticatorData": b64url(auth_data),
            "signature": b64url(signature),
        }
        if self.user_handle:
            response["userHandle"] = b64url(self.user_handle)
        return {
            "id": self.id,
            "rawId": self.id,
            "type": "public-key",
            "authenticatorAttachment": "cross-platform",
            "clientExtensionResults": {},
            "response": response,
        }
