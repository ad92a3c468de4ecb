"""Password hashers of MT Login (ADR 0013).

People's passwords: Argon2id with one of OWASP's equivalent recommended configurations (7 MiB,
5 passes, 1 lane; the Password Storage Cheat Sheet lists it beside 19 MiB / 2 passes as giving
the same defence, trading memory for passes). It is also Keycloak's default, and on this
platform's machines it costs about 14 ms of CPU per verification against 20 ms for the 19 MiB
variant, which is what lets a core sustain 30+ password sign-ins per second. Django upgrades
older hashes (other parameters) on the next successful sign-in.

Client secrets of OIDC applications are 128 random characters: they need no key stretching, only a
salted one-way hash, so the token endpoint does not spend an Argon2 computation per request.
This hasher is never the first in PASSWORD_HASHERS, so it is never used for people's passwords.
"""

import hashlib
import secrets

from django.contrib.auth.hashers import Argon2PasswordHasher, BasePasswordHasher, mask_hash
from django.utils.translation import gettext_noop as _


class MTLoginArgon2Hasher(Argon2PasswordHasher):
    algorithm = "argon2"  # the same encoded format as Django's: parameters live in each hash
    time_cost = 5
    memory_cost = 7 * 1024  # KiB
    parallelism = 1


class ClientSecretHasher(BasePasswordHasher):
    algorithm = "mtlogin_secret_sha256"

    def salt(self):
        return secrets.token_hex(16)

    def encode(self, password, salt):
        self._check_encode_args(password, salt)
        digest = hashlib.sha256(f"{salt}${password}".encode()).hexdigest()
        return f"{self.algorithm}${salt}${digest}"

    def decode(self, encoded):
        algorithm, salt, digest = encoded.split("$", 2)
        assert algorithm == self.algorithm  # noqa: S101 - Django's hashers contract
        return {"algorithm": algorithm, "hash": digest, "salt": salt}

    def verify(self, password, encoded):
        decoded = self.decode(encoded)
        return secrets.compare_digest(self.encode(password, decoded["salt"]), encoded)

    def safe_summary(self, encoded):
        decoded = self.decode(encoded)
        return {_("algorithm"): decoded["algorithm"], _("hash"): mask_hash(decoded["hash"])}

    def harden_runtime(self, password, encoded):
        pass
