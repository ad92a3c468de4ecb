"""ICP-Brasil client certificates: read the one the TLS proxy passed on, verify it, find the CPF.

- The browser presents its certificate to the TLS-terminating proxy (nginx
  `ssl_verify_client optional_no_ca`), which passes it URL-encoded in a header
  (`$ssl_client_escaped_cert`). The header is believed only from the configured proxy addresses
  (MTLOGIN_CLIENT_CERT_TRUSTED_PROXIES); from anywhere else anybody could forge it.
- The chain is verified here, not by the proxy, against the configured trust anchors
  (MTLOGIN_CERT_TRUST_ANCHORS) with `cryptography.x509.verification` (RFC 5280 path building,
  validity period, key usage, client-authentication EKU), plus the configured CRLs
  (MTLOGIN_CERT_CRLS): a revoked certificate, or a CRL that is stale or badly signed, refuses.
- The CPF comes from the subjectAltName otherName 2.16.76.1.3.1 (DOC-ICP-04, item 7.1.3.1:
  DDMMAAAA birth date + 11-digit CPF + 11-digit NIS + 15-character RG + 6-character issuer), and
  its check digits must be right.
See ADR 0015 and docs/operations/mt-login-certificates.md.
"""

from __future__ import annotations

import datetime as dt
import functools
import ipaddress
import itertools
import logging
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.x509.verification import PolicyBuilder, Store, VerificationError
from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from plataforma.common.documents import is_valid_cpf

logger = logging.getLogger(__name__)

OID_PERSON_DATA = x509.ObjectIdentifier("2.16.76.1.3.1")
MAX_HEADER_CHARS = 20_000  # a person certificate is 1-3 kB; a chain of three stays well below
CERT_SUFFIXES = {".pem", ".crt", ".cer", ".der"}
CRL_SUFFIXES = {".pem", ".crl", ".der"}

MESSAGES = {
    "missing": _("Nenhum certificado digital foi apresentado pelo navegador."),
    "untrusted_proxy": _("O certificado não chegou por um caminho confiável e foi ignorado."),
    "bad_pem": _("O certificado apresentado não pôde ser lido."),
    "not_configured": _("A entrada com certificado digital ainda não está disponível neste portal."),
    "untrusted": _("O certificado não foi emitido por uma autoridade certificadora aceita (ICP-Brasil)."),
    "expired": _("O certificado está vencido."),
    "not_yet_valid": _("O certificado ainda não está dentro do período de validade."),
    "revoked": _("O certificado foi revogado pela autoridade certificadora."),
    "crl_unusable": _(
        "Não foi possível confirmar agora que o certificado não foi revogado. Tente de novo mais tarde."
    ),
    "no_cpf": _("O certificado não traz um CPF no formato da ICP-Brasil (certificado de pessoa física)."),
    "bad_cpf": _("O CPF que consta no certificado não é válido."),
}


class CertificateError(Exception):
    """Why a certificate was refused; `message` is what the person reads (Portuguese)."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code
        self.message = MESSAGES[code]

    @property
    def status(self) -> int:
        return 403 if self.code == "untrusted_proxy" else 400


@dataclass(frozen=True)
class PersonCertificate:
    """A verified ICP-Brasil person certificate."""

    cpf: str
    birth_date: dt.date | None
    subject: str
    issuer: str
    fingerprint: str  # SHA-256 of the DER, hex
    serial_number: int
    not_after: dt.datetime


@dataclass(frozen=True)
class Trust:
    anchors: tuple[x509.Certificate, ...]
    intermediates: tuple[x509.Certificate, ...] = ()
    crls: tuple[x509.CertificateRevocationList, ...] = ()


# --- reading the header ------------------------------------------------------------------------


def _address_trusted(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    for entry in settings.MTLOGIN_CLIENT_CERT_TRUSTED_PROXIES:
        try:
            if ip in ipaddress.ip_network(entry, strict=False):
                return True
        except ValueError:
            logger.warning("MTLOGIN_CLIENT_CERT_TRUSTED_PROXIES has an invalid entry")
    return False


def certificate_text(request: HttpRequest) -> str:
    """The PEM the proxy passed on. Raises CertificateError when there is none, or when the
    header comes from an address that is not a trusted proxy (it is then ignored)."""
    raw = request.META.get(settings.MTLOGIN_CLIENT_CERT_HEADER, "")
    if not raw or raw == "(null)":
        raise CertificateError("missing")
    if not _address_trusted(request.META.get("REMOTE_ADDR", "")):
        raise CertificateError("untrusted_proxy")
    if len(raw) > MAX_HEADER_CHARS:
        raise CertificateError("bad_pem")
    text = unquote(raw) if "%" in raw else raw
    # nginx's older $ssl_client_cert puts a tab at the start of every line but the first.
    return text.replace("\t", "")


def parse_pem(text: str) -> list[x509.Certificate]:
    """Every certificate in a PEM text, the person's first."""
    try:
        certificates = x509.load_pem_x509_certificates(text.encode("ascii"))
    except (ValueError, UnicodeEncodeError) as exc:
        raise CertificateError("bad_pem") from exc
    if not certificates:
        raise CertificateError("bad_pem")
    return certificates


# --- the CPF ---------------------------------------------------------------------------------


def _der_string(value: bytes) -> bytes:
    """The content of a DER primitive (OCTET, Printable, UTF8 or IA5 string), unwrapping one
    explicit [0] tag and one OCTET STRING around a character string, as issuers write either."""
    for _depth in range(3):
        if len(value) < 2:
            raise CertificateError("no_cpf")
        tag, length = value[0], value[1]
        offset = 2
        if length & 0x80:
            size = length & 0x7F
            if size == 0 or size > 2 or len(value) < 2 + size:
                raise CertificateError("no_cpf")
            length = int.from_bytes(value[2 : 2 + size], "big")
            offset += size
        content = value[offset : offset + length]
        if len(content) != length:
            raise CertificateError("no_cpf")
        if tag in (0xA0, 0x04) and content[:1] in (b"\x04", b"\x13", b"\x0c", b"\x16"):
            value = content  # a wrapper around the real string
            continue
        if tag in (0x04, 0x13, 0x0C, 0x16):
            return content
        raise CertificateError("no_cpf")
    raise CertificateError("no_cpf")


def person_data(certificate: x509.Certificate) -> tuple[str, dt.date | None]:
    """(CPF, birth date or None) from the ICP-Brasil otherName 2.16.76.1.3.1."""
    try:
        san = certificate.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    except x509.ExtensionNotFound as exc:
        raise CertificateError("no_cpf") from exc
    values = [n.value for n in san.get_values_for_type(x509.OtherName) if n.type_id == OID_PERSON_DATA]
    if len(values) != 1:
        raise CertificateError("no_cpf")
    try:
        text = _der_string(values[0]).decode("ascii")
    except UnicodeDecodeError as exc:
        raise CertificateError("no_cpf") from exc
    if len(text) < 19 or not text[:19].isdigit():
        raise CertificateError("no_cpf")
    cpf = text[8:19]
    if not is_valid_cpf(cpf):
        raise CertificateError("bad_cpf")
    try:
        birth = dt.datetime.strptime(text[:8], "%d%m%Y").date()  # noqa: DTZ007 — a date, no time
    except ValueError:
        birth = None  # "00000000" when the issuer did not record it
    return cpf, birth


# --- verification ----------------------------------------------------------------------------


def _check_crls(
    chain: list[x509.Certificate], crls: tuple[x509.CertificateRevocationList, ...], now: dt.datetime
):
    """Each certificate below the anchor against the CRLs of its issuer (RFC 5280 §6.3)."""
    for cert, issuer in itertools.pairwise(chain):
        for crl in crls:
            if crl.issuer != cert.issuer:
                continue
            if not crl.is_signature_valid(issuer.public_key()):
                logger.warning("A configured CRL does not verify against its issuer; refusing")
                raise CertificateError("crl_unusable")
            if crl.next_update_utc is not None and crl.next_update_utc < now:
                logger.warning("A configured CRL is past its next update; refusing")
                raise CertificateError("crl_unusable")
            if crl.get_revoked_certificate_by_serial_number(cert.serial_number) is not None:
                raise CertificateError("revoked")


def verify(text: str, *, trust: Trust, now: dt.datetime | None = None) -> PersonCertificate:
    """Verify a PEM client certificate and return who it names. Raises CertificateError."""
    now = now or dt.datetime.now(dt.UTC)
    if not trust.anchors:
        raise CertificateError("not_configured")
    certificates = parse_pem(text)
    leaf, extra = certificates[0], certificates[1:]
    if leaf.not_valid_after_utc < now:
        raise CertificateError("expired")
    if leaf.not_valid_before_utc > now:
        raise CertificateError("not_yet_valid")
    verifier = PolicyBuilder().store(Store(list(trust.anchors))).time(now).build_client_verifier()
    try:
        verified = verifier.verify(leaf, [*extra, *trust.intermediates])
    except VerificationError as exc:
        # Only the kind of failure: the library's message names the certificate's subject (a
        # person's name and CPF), which must never reach the logs.
        logger.info("Client certificate refused: %s", type(exc).__name__)
        raise CertificateError("untrusted") from exc
    _check_crls(list(verified.chain), trust.crls, now)
    cpf, birth = person_data(leaf)
    return PersonCertificate(
        cpf=cpf,
        birth_date=birth,
        subject=leaf.subject.rfc4514_string()[:300],
        issuer=leaf.issuer.rfc4514_string()[:300],
        fingerprint=leaf.fingerprint(hashes.SHA256()).hex(),
        serial_number=leaf.serial_number,
        not_after=leaf.not_valid_after_utc,
    )


# --- configured trust ------------------------------------------------------------------------


def _files(paths: list[str], suffixes: set[str]) -> tuple[tuple[str, int, int], ...]:
    found = []
    for entry in paths:
        path = Path(entry)
        candidates = (
            sorted(p for p in path.iterdir() if p.suffix.lower() in suffixes) if path.is_dir() else [path]
        )
        for p in candidates:
            try:
                stat = p.stat()
            except OSError:
                logger.warning("A configured certificate or CRL file cannot be read: %s", p)
                continue
            found.append((str(p), stat.st_mtime_ns, stat.st_size))
    return tuple(found)


@functools.lru_cache(maxsize=16)
def _load_certificates(files: tuple[tuple[str, int, int], ...]) -> tuple[x509.Certificate, ...]:
    out: list[x509.Certificate] = []
    for name, _mtime, _size in files:
        data = Path(name).read_bytes()
        out.extend(
            x509.load_pem_x509_certificates(data)
            if b"-----BEGIN" in data
            else [x509.load_der_x509_certificate(data)]
        )
    return tuple(out)


@functools.lru_cache(maxsize=16)
def _load_crls(files: tuple[tuple[str, int, int], ...]) -> tuple[x509.CertificateRevocationList, ...]:
    out = []
    for name, _mtime, _size in files:
        data = Path(name).read_bytes()
        out.append(x509.load_pem_x509_crl(data) if b"-----BEGIN" in data else x509.load_der_x509_crl(data))
    return tuple(out)


def configured_trust() -> Trust:
    """Anchors, intermediates and CRLs from settings; files are re-read when they change."""
    try:
        return Trust(
            anchors=_load_certificates(_files(settings.MTLOGIN_CERT_TRUST_ANCHORS, CERT_SUFFIXES)),
            intermediates=_load_certificates(_files(settings.MTLOGIN_CERT_INTERMEDIATES, CERT_SUFFIXES)),
            crls=_load_crls(_files(settings.MTLOGIN_CERT_CRLS, CRL_SUFFIXES)),
        )
    except (OSError, ValueError) as exc:
        logger.error("The configured trust anchors, intermediates or CRLs cannot be loaded: %s", exc)
        raise CertificateError("not_configured") from exc


def certificate_from_request(request: HttpRequest) -> PersonCertificate:
    """The verified person certificate of this request. Raises CertificateError."""
    text = certificate_text(request)
    return verify(text, trust=configured_trust())
