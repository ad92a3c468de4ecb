"""Authentication codes for documents the platform issues (comprovantes of requests, ouvidoria
answers, booking confirmations), checked by anyone on the public page /autenticidade/ — as the
state's official gazette does for its acts (Resolução 002/2021/NGD; ADR 0018).

A code is 16 characters of Crockford's base-32 alphabet (80 random bits from `secrets`), stored
without separators and printed in groups of four: ``7K3M-9QXD-2HRT-V8WA``. People may type it in
any case, with or without hyphens and spaces, and with the letters O, I and L, which are read as
0, 1 and 1. The row keeps only what the public page shows: labels, an already-masked holder name
and the SHA-256 of the document's content, never the holder's CPF or full name (LGPD).
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import secrets
import uuid
from contextlib import nullcontext
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _

from .audit import audit_record
from .models import AuthenticatedDocument

CROCKFORD_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 16
_CONFUSABLES = str.maketrans({"O": "0", "I": "1", "L": "1"})
# Spaces and hyphens, including the typographic dashes a word processor puts in when pasting.
_SEPARATORS = re.compile("[\\s\\-\u2010\u2011\u2012\u2013\u2014]+")
_CODE_RE = re.compile(f"[{CROCKFORD_ALPHABET}]{{{CODE_LENGTH}}}")
_NAME_PARTICLES = frozenset({"da", "das", "de", "do", "dos", "e"})
_CREATE_ATTEMPTS = 3


def authcode_generate() -> str:
    """A fresh random code, normalised (16 Crockford base-32 characters, no separators)."""
    return "".join(secrets.choice(CROCKFORD_ALPHABET) for _ in range(CODE_LENGTH))


def authcode_normalise(text: str) -> str | None:
    """The stored form of a code typed by a person, or None when it cannot be one: case,
    hyphens and spaces are ignored; O is read as 0, I and L as 1 (Crockford's rule)."""
    if not isinstance(text, str) or len(text) > 64:
        return None
    compact = _SEPARATORS.sub("", text).upper().translate(_CONFUSABLES)
    return compact if _CODE_RE.fullmatch(compact) else None


def authcode_display(code: str) -> str:
    """The code as printed: groups of four joined by hyphens."""
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def _json_default(value: Any) -> str:
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, Decimal | uuid.UUID):
        return str(value)
    raise TypeError(f"{type(value).__name__} has no canonical JSON form")


def content_canonical_json(content: dict) -> bytes:
    """Canonical JSON of a document's content: keys sorted, UTF-8, no spaces; Decimal, UUID,
    dates and times as strings (ISO 8601). NaN and infinities are refused."""
    return json.dumps(
        content,
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
        allow_nan=False,
        default=_json_default,
    ).encode("utf-8")


def content_digest(content: dict) -> str:
    """SHA-256 (hex) of the canonical JSON of a document's content."""
    return hashlib.sha256(content_canonical_json(content)).hexdigest()


def mask_name(full_name: str) -> str:
    """A name as shown publicly: the initial of each word followed by ***, Portuguese particles
    kept as they are. "Maria Souza da Silva" → "M*** S*** da S***". Never returns the name."""
    words = (full_name or "").split()
    masked = []
    for word in words:
        if word.casefold() in _NAME_PARTICLES:
            masked.append(word.lower())
        else:
            masked.append(f"{word[0].upper()}***")
    return " ".join(masked)


def document_authenticate(
    *,
    kind: str,
    kind_label: str,
    reference: str,
    title: str,
    issuer_label: str,
    subject_label: str,
    content: dict,
    target: models.Model,
    audit: bool = True,
) -> AuthenticatedDocument:
    """Register a document the platform issues and give it an authentication code.

    Call inside the transaction that creates the document's subject (the request, the answer),
    so that the code exists exactly when the document does. `subject_label` must already be
    masked (`mask_name`). The digest is computed here from `content`; keep the same content to
    check it later. A code collision (80 random bits: practically never) draws a new code.
    `target` needs only its model and primary key, so it may be a row not yet inserted (its key
    is drawn in Python). `audit=False` when the caller's own audit row of the same transaction
    names the document (a request's submission does), instead of a second row.
    """
    digest = content_digest(content)
    # Inside the caller's transaction no savepoint of its own is needed (only the insert's, below,
    # so that even repeated collisions leave the caller's transaction usable); alone, it is one.
    outer = nullcontext() if transaction.get_connection().in_atomic_block else transaction.atomic()
    with outer:
        for attempt in range(_CREATE_ATTEMPTS):
            try:
                with transaction.atomic():  # a savepoint: a collision must not break the caller
                    document = AuthenticatedDocument.objects.create(
                        code=authcode_generate(),
                        kind=kind[:64],
                        kind_label=kind_label[:120],
                        reference=reference[:64],
                        title=title[:300],
                        issuer_label=issuer_label[:200],
                        subject_label=subject_label[:200],
                        issued_at=timezone.now(),
                        content_digest=digest,
                        target_type=target._meta.label_lower,
                        target_id=str(target.pk),
                    )
                break
            except IntegrityError:
                if attempt == _CREATE_ATTEMPTS - 1:
                    raise
        if audit:
            audit_record(
                actor=None,
                action="common.authenticated_document.issue",
                target=document,
                changes={"kind": kind, "target_type": document.target_type, "target_id": document.target_id},
            )
    return document


def authenticated_document_revoke(*, actor: Any, document: AuthenticatedDocument) -> AuthenticatedDocument:
    """Cancel a document: its code keeps answering, saying it was cancelled and when.
    Revoking twice keeps the first date."""
    with transaction.atomic():
        locked = AuthenticatedDocument.objects.select_for_update().get(pk=document.pk)
        if locked.revoked_at is None:
            locked.revoked_at = timezone.now()
            locked.save(update_fields=["revoked_at", "updated_at"])
            audit_record(
                actor=actor,
                action="common.authenticated_document.revoke",
                target=locked,
                changes={"kind": locked.kind},
            )
    return locked


def authenticated_document_verify(*, code: str) -> AuthenticatedDocument | None:
    """The document with this code (revoked ones included: check `is_revoked`), or None when
    the text is not a code or no document has it."""
    normalised = authcode_normalise(code)
    if normalised is None:
        return None
    return AuthenticatedDocument.objects.filter(code=normalised).first()


def authentication_qr_svg(*, url: str) -> str:
    """Inline SVG of a QR code pointing at `url` (the verification page with ?codigo=…), for
    comprovantes. Accessible (role="img" with a Portuguese name) and free of inline styles, so
    it can be embedded in a page under the strict CSP and in PDFs."""
    import segno

    qr = segno.make(url, error="m")
    out = io.BytesIO()
    qr.save(
        out,
        kind="svg",
        scale=4,
        border=4,
        dark="#000",
        light="#fff",
        xmldecl=False,
        svgns=True,
        title=None,
        desc=None,
        svgclass="authenticity-qr",
        lineclass=None,
        omitsize=False,
    )
    svg = re.sub(r'\sstyle="[^"]*"', "", out.getvalue().decode())
    name = _("QR code que abre a verificação de autenticidade deste documento")
    return svg.replace("<svg ", f'<svg role="img" aria-label="{escape(name)}" ', 1)
