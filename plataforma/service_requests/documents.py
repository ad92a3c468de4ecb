"""Citizens' files: what kind a file really is (by content, never by its name), storing it in the
private `documents` storage, and reading it back.

Issue #4: "types allowed by content, not by extension; size limits; stored through Django
storage, never under the web root, served only to people allowed to see them". A file's kind is
decided by its first bytes (magic numbers) and, for the office formats that are ZIP containers
(ODT, DOCX), by the members the format requires. Anything else is refused — an executable named
"contrato.pdf" and a PDF named "foto.png" alike (the latter is a PDF, and is accepted only where
PDFs are).
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import re
import unicodedata
import uuid
import zipfile
from collections.abc import Iterable
from typing import IO

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from plataforma.common.audit import audit_record

from .formspec import FILE_KIND_LABELS
from .models import Document
from .storage import documents_storage

logger = logging.getLogger(__name__)

KIND_CONTENT_TYPES = {
    "pdf": "application/pdf",
    "jpeg": "image/jpeg",
    "png": "image/png",
    "webp": "image/webp",
    "odt": "application/vnd.oasis.opendocument.text",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
CONTENT_TYPE_KINDS = {v: k for k, v in KIND_CONTENT_TYPES.items()}
KIND_EXTENSIONS = {"pdf": "pdf", "jpeg": "jpg", "png": "png", "webp": "webp", "odt": "odt", "docx": "docx"}
ALL_KINDS = list(KIND_CONTENT_TYPES)

_HEAD_BYTES = 262  # what filetype needs to recognise every format it knows
_ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
_FILETYPE_KINDS = {"jpg": "jpeg", "png": "png", "webp": "webp"}


def _rewind(upload: IO[bytes]) -> None:
    with contextlib.suppress(AttributeError, OSError, ValueError):
        upload.seek(0)


def _zip_kind(upload: IO[bytes]) -> str | None:
    """ODT or DOCX, checked by the members each format requires. Only the tiny `mimetype`
    member is read (never the whole archive), so a ZIP bomb costs nothing."""
    _rewind(upload)
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                info = archive.getinfo("mimetype")
                if info.file_size <= 100:
                    with archive.open(info) as member:
                        if member.read(100).strip() == _ODT_MIMETYPE:
                            return "odt"
            if "[Content_Types].xml" in names and "word/document.xml" in names:
                return "docx"
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, NotImplementedError):
        return None
    finally:
        _rewind(upload)
    return None


def sniff_kind(upload: IO[bytes]) -> str | None:
    """The file's kind from its content: "pdf", "jpeg", "png", "webp", "odt", "docx", or None for
    anything else (executables, scripts, archives, unknown formats, empty files)."""
    _rewind(upload)
    head = upload.read(_HEAD_BYTES) or b""
    _rewind(upload)
    if not head:
        return None
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(upload)
    guessed = filetype.guess(head)
    if guessed is not None:
        return _FILETYPE_KINDS.get(guessed.extension)
    return None


def kinds_label(kinds: Iterable[str]) -> str:
    """ "PDF, JPEG ou PNG" — for help texts and error messages."""
    labels = [FILE_KIND_LABELS.get(k, k.upper()) for k in kinds]
    if len(labels) <= 1:
        return "".join(labels)
    return _("%(first)s ou %(last)s") % {"first": ", ".join(labels[:-1]), "last": labels[-1]}


def effective_max_mb(max_mb: int | None) -> int:
    """The field's limit, never above the platform's (settings.REQUESTS_MAX_UPLOAD_MB)."""
    platform = int(getattr(settings, "REQUESTS_MAX_UPLOAD_MB", 20))
    return min(max_mb, platform) if max_mb else platform


def check_upload(upload: UploadedFile, *, allowed_kinds: Iterable[str], max_mb: int | None) -> str:
    """Size and kind of one upload; returns its kind or raises ValidationError in Portuguese."""
    allowed = list(allowed_kinds)
    limit = effective_max_mb(max_mb)
    size = getattr(upload, "size", None) or 0
    if size <= 0:
        raise ValidationError(_("O arquivo “%(name)s” está vazio.") % {"name": display_name(upload.name)})
    if size > limit * 1024 * 1024:
        raise ValidationError(
            _("O arquivo “%(name)s” tem mais de %(mb)s MB. Envie um arquivo menor.")
            % {"name": display_name(upload.name), "mb": limit},
            code="file_too_large",
        )
    kind = sniff_kind(upload)
    if kind is None or kind not in allowed:
        raise ValidationError(
            _(
                "O arquivo “%(name)s” não é do tipo aceito (%(kinds)s). "
                "O tipo é conferido pelo conteúdo do arquivo, não pelo nome."
            )
            % {"name": display_name(upload.name), "kinds": kinds_label(allowed)},
            code="file_kind",
        )
    return kind


_UNSAFE = re.compile(r"[^\w .()\-]+", re.UNICODE)


def display_name(filename: str | None, kind: str | None = None) -> str:
    """A safe name to show (never used on disk): no folders, no control or odd characters, at
    most 150 characters, and the extension of the kind the content really is."""
    base = re.split(r"[\\/]", filename or "")[-1]
    base = unicodedata.normalize("NFKC", base)
    base = "".join(c for c in base if unicodedata.category(c)[0] != "C")
    stem, dot, ext = base.rpartition(".")
    if not dot:
        stem, ext = base, ""
    stem = re.sub(r"\s+", " ", _UNSAFE.sub("_", stem)).strip(" ._") or _("documento")
    stem = stem[:150]
    if kind:
        return f"{stem}.{KIND_EXTENSIONS[kind]}"
    ext = _UNSAFE.sub("", ext)[:10]
    return f"{stem}.{ext}" if ext else stem


def _storage_path() -> str:
    return f"documentos/{timezone.now():%Y/%m}/{uuid.uuid4().hex}"


def _sha256(upload: UploadedFile) -> tuple[str, int]:
    _rewind(upload)
    digest = hashlib.sha256()
    size = 0
    for chunk in upload.chunks() if hasattr(upload, "chunks") else iter(lambda: upload.read(65536), b""):
        digest.update(chunk)
        size += len(chunk)
    _rewind(upload)
    return digest.hexdigest(), size


DEFAULT_QUOTA_MB = 500


def quota_mb() -> int:
    """Total size a person (or a company) may keep in documents (settings.REQUESTS_DOCUMENTS_QUOTA_MB)."""
    return int(getattr(settings, "REQUESTS_DOCUMENTS_QUOTA_MB", DEFAULT_QUOTA_MB))


def documents_in_use_bytes(*, owner, company=None) -> int:
    """Bytes of the documents kept (not removed) in the area the upload goes to: the company's
    when acting for one, otherwise the person's own."""
    documents = Document.objects.filter(deleted_at__isnull=True)
    documents = (
        documents.filter(company=company)
        if company is not None
        else documents.filter(owner=owner, company__isnull=True)
    )
    return documents.aggregate(total=Sum("size"))["total"] or 0


def check_quota(*, owner, company=None, size: int) -> None:
    """Refuse an upload that would take the area over its quota (unbounded storage is abuse)."""
    limit = quota_mb()
    if documents_in_use_bytes(owner=owner, company=company) + size > limit * 1024 * 1024:
        raise ValidationError(
            _(
                "Não há mais espaço para guardar arquivos: o limite é de %(mb)s MB de documentos. "
                "Remova em “Meus documentos” os arquivos de que não precisa mais e tente de novo."
            )
            % {"mb": limit},
            code="quota_exceeded",
        )


def document_store(
    *,
    owner,
    company=None,
    upload: UploadedFile,
    allowed_kinds: Iterable[str],
    max_mb: int | None,
    enforce_quota: bool = True,
) -> Document:
    """Check and store one upload as the owner's (or the company's) document.

    Raises ValidationError (Portuguese) for an empty or too large file, a kind not allowed, or
    when the file would take the person's (or the company's) documents over the quota.
    The file is streamed to the `documents` storage under a random name; the row keeps a safe
    display name, the real content type and the SHA-256. Storage writes are not transactional:
    a caller running this inside a transaction that may fail calls `documents_discard` on the
    documents it stored.
    """
    kind = check_upload(upload, allowed_kinds=allowed_kinds, max_mb=max_mb)
    sha256, size = _sha256(upload)
    if enforce_quota:  # servants' uploads in the inbox are the agency's work, not their own area
        check_quota(owner=owner, company=company, size=size)
    name = documents_storage().save(_storage_path(), upload)
    try:
        return Document.objects.create(
            owner=owner,
            company=company,
            file=name,
            name=display_name(upload.name, kind),
            content_type=KIND_CONTENT_TYPES[kind],
            size=size,
            sha256=sha256,
        )
    except Exception:
        _delete_file(name)
        raise


def _delete_file(name: str) -> None:
    try:
        documents_storage().delete(name)
    except Exception:  # a missing file must not hide the error being handled
        logger.warning("could not delete a stored document file")


def documents_discard(documents: Iterable[Document]) -> None:
    """Remove the files (and rows, if they still exist) of documents stored for a change that
    did not happen — e.g. a submission whose transaction rolled back. Never raises."""
    documents = list(documents)
    for document in documents:
        if document.file and document.file.name:
            _delete_file(document.file.name)
    ids = [d.pk for d in documents if d.pk]
    if ids:
        try:
            Document.objects.filter(pk__in=ids, attachments__isnull=True).delete()
        except Exception:
            logger.warning("could not delete discarded document rows")


def document_open(document: Document) -> IO[bytes]:
    """The stored file, opened for reading (for streaming with FileResponse). The caller has
    already checked that the person may read it."""
    return documents_storage().open(document.file.name, "rb")


def document_kind(document: Document) -> str | None:
    return CONTENT_TYPE_KINDS.get(document.content_type)


def document_upload_to_area(*, actor, upload: UploadedFile, company=None) -> Document:
    """A person adds a file to "Meus documentos" (or to the company's, acting for it), to attach
    later by reference (once-only, Lei 13.460 art. 5 XV). Any accepted kind, platform size
    limit. Audited with ids only."""
    stored: list[Document] = []
    try:
        with transaction.atomic():
            document = document_store(
                owner=actor, company=company, upload=upload, allowed_kinds=ALL_KINDS, max_mb=None
            )
            stored.append(document)
            audit_record(
                actor=actor,
                action="service_requests.document_upload",
                target=document,
                changes={"size": document.size, "content_type": document.content_type},
                subject_user_id=actor.pk,
            )
    except Exception:
        documents_discard(stored)
        raise
    return document


def document_remove_from_area(*, actor, document: Document) -> Document:
    """Hide a document from the person's area. The file is kept (immutable) while requests
    that attached it need it; it can no longer be chosen for new requests."""
    with transaction.atomic():
        locked = Document.objects.select_for_update().get(pk=document.pk)
        if locked.owner_id != actor.pk:
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied(_("Este documento não é seu."))
        if locked.deleted_at is None:
            locked.deleted_at = timezone.now()
            locked.save(update_fields=["deleted_at", "updated_at"])
            audit_record(
                actor=actor,
                action="service_requests.document_remove",
                target=locked,
                changes={"deleted": True},
                subject_user_id=actor.pk,
            )
    return locked
