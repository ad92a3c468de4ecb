"""Small real files of every kind (and some impostors) for upload tests, and a fixture that
points the `documents` storage to a temporary folder."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from PIL import Image


def _image(fmt: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), (0, 90, 160)).save(buffer, format=fmt)
    return buffer.getvalue()


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = _image("PNG")
JPEG = _image("JPEG")
WEBP = _image("WEBP")
ODT = _zip({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<office/>"})
DOCX = _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})
ZIP = _zip({"leia-me.txt": b"ola"})
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200
SCRIPT = b"#!/bin/sh\nrm -rf /\n"
HTML = b"<html><script>alert(1)</script></html>"


def upload(name: str, content: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


@pytest.fixture
def documents_dir(tmp_path):
    """The `documents` storage in a temporary folder for the test."""
    from django.conf import settings

    storages = {**settings.STORAGES}
    storages["documents"] = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(tmp_path / "documents"), "base_url": None},
    }
    with override_settings(STORAGES=storages):
        yield tmp_path / "documents"
