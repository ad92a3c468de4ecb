"""Password hashers of MT Login (ADR 0013).

People's passwords: Argon2id with OWASP's recommended parameters (19 MiB, 2 passes, 1 lane),
cheap enough to sustain the sign-in rate MT Login needs on small machines, far beyond what a GPU
can brute-force. Django upgrades older hashes on the next successful sign-in.

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
    time_cost = 2
    memory_cost = 19 * 1024  # KiB
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
