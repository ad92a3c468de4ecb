"""Bodies in transit: kept in memory up to a threshold, then spooled to an anonymous temp file.

The SHA-512 is computed while the body streams in, so the signature and the request hash never
need a second pass, and memory stays flat whatever the body size. Besides each body's own limit,
every spool of the gateway draws on one ``SpoolBudget``: the bytes of all exchanges in progress
stay under a cap, so many concurrent large bodies cannot fill the disk.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import AsyncIterator, Iterator

CHUNK = 64 * 1024


class BodyTooLarge(Exception):
    """The body exceeded the configured limit."""


class SpoolBudgetExhausted(Exception):
    """The bytes spooled by all exchanges in progress would pass the gateway's cap."""


class SpoolBudget:
    """The gateway-wide cap on spooled bytes; spools take from it as they grow and give back on close.

    Used from the event loop only (spools are written and closed there), so no lock is needed.
    """

    __slots__ = ("limit", "used")

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.used = 0

    def take(self, n: int) -> None:
        if self.used + n > self.limit:
            raise SpoolBudgetExhausted(self.used)
        self.used += n

    def give_back(self, n: int) -> None:
        self.used -= n


class Spool:
    __slots__ = (
        "_budget",
        "_buf",
        "_file",
        "_hash",
        "_taken",
        "digest",
        "directory",
        "limit",
        "size",
        "threshold",
    )

    def __init__(
        self,
        *,
        threshold: int,
        limit: int,
        directory: str | os.PathLike | None = None,
        budget: SpoolBudget | None = None,
    ) -> None:
        self._budget = budget
        self._taken = 0
        self._buf = bytearray()
        self._file = None
        self._hash = hashlib.sha512()
        self.size = 0
        self.threshold = threshold
        self.limit = limit
        self.directory = directory
        self.digest: bytes | None = None

    def write(self, chunk: bytes) -> None:
        if not chunk:
            return
        self.size += len(chunk)
        if self.size > self.limit:
            raise BodyTooLarge(self.size)
        if self._budget is not None:
            self._budget.take(len(chunk))
            self._taken += len(chunk)
        self._hash.update(chunk)
        if self._file is not None:
            self._file.write(chunk)
            return
        self._buf += chunk
        if len(self._buf) > self.threshold:
            self._file = tempfile.TemporaryFile(dir=self.directory)  # noqa: SIM115 - closed in close()
            self._file.write(self._buf)
            self._buf = bytearray()

    def finish(self) -> bytes | None:
        """Seal the spool; return the SHA-512 of the body (None when empty)."""
        if self._file is not None:
            self._file.flush()
        self.digest = self._hash.digest() if self.size else None
        return self.digest

    @property
    def in_memory(self) -> bool:
        return self._file is None

    def bytes(self) -> bytes:
        """The whole body (only for in-memory spools)."""
        return bytes(self._buf) if self._file is None else self.read_range(0, self.size)

    def read_range(self, offset: int, length: int) -> bytes:
        if self._file is None:
            return bytes(self._buf[offset : offset + length])
        return os.pread(self._file.fileno(), length, offset)

    def iter_sync(self, chunk: int = CHUNK) -> Iterator[bytes]:
        offset = 0
        while offset < self.size:
            data = self.read_range(offset, min(chunk, self.size - offset))
            if not data:
                break
            offset += len(data)
            yield data

    async def aiter(self, chunk: int = CHUNK) -> AsyncIterator[bytes]:
        if self._file is None:
            if self._buf:
                yield bytes(self._buf)
            return
        for data in self.iter_sync(chunk):
            yield data

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None
        self._buf = bytearray()
        if self._taken:
            self._budget.give_back(self._taken)
            self._taken = 0
