"""The development CA, TSA and configuration-signing key (ADR 0036), issuing certificates from
CSRs, revocation, and external CAs (production: ICP-Brasil) registered by their certificate."""

from __future__ import annotations

import uuid
from datetime import timedelta

from cryptography import x509
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from plataforma.common.audit import audit_record

from .. import conf
from ..access import require_member, require_operator
from ..models import (
    CertificateAuthority,
    ConfigurationSigningKey,
    IssuedCertificate,
    Member,
    SecurityServer,
    TimeStampingAuthority,
)
from ..pki import keystore
from ..pki import x509 as px
from .common import changed

CA_VALIDITY = timedelta(days=3650)
TSA_VALIDITY = timedelta(days=1825)
CONFSIGN_VALIDITY = timedelta(days=1825)


def development_ca() -> CertificateAuthority | None:
    return CertificateAuthority.objects.filter(
        kind=CertificateAuthority.Kind.DEVELOPMENT, is_active=True
    ).first()


@transaction.atomic
def pki_init(*, actor=None) -> list[str]:
    """Create, when missing, the development CA, the development TSA (certificate issued by that
    CA with the critical timeStamping EKU) and the configuration-signing key. Idempotent; returns
    what it created. Keys go to files (0600) under conf.key_dir()."""
    created: list[str] = []
    ca = development_ca()
    if ca is None and conf.dev_ca_enabled():
        key = keystore.generate_ec_key()
        cert = px.self_signed_ca(
            key, name=f"X-VIA {conf.instance()} AC de desenvolvimento", validity=CA_VALIDITY
        )
        ca = CertificateAuthority.objects.create(
            name=f"X-VIA {conf.instance()} AC de desenvolvimento",
            kind=CertificateAuthority.Kind.DEVELOPMENT,
            certificate_pem=px.to_pem(cert),
            certificate_sha256=px.sha256_hex(cert),
            key_file=keystore.store_key(key, prefix="ca"),
        )
        changed(actor=actor, action="ca.create", target=ca, changes={"sha256": ca.certificate_sha256})
        created.append("ca")
    if ca is not None and not TimeStampingAuthority.objects.filter(key_file__gt="", is_active=True).exists():
        ca_key = keystore.load_key(ca.key_file)
        key = keystore.generate_ec_key()
        name = f"X-VIA {conf.instance()} TSA de desenvolvimento"
        cert = px.issue_tsa(
            ca_key, px.load_pem(ca.certificate_pem), key.public_key(), name=name, validity=TSA_VALIDITY
        )
        tsa = TimeStampingAuthority.objects.create(
            name=name,
            url=conf.tsa_url(),
            certificate_pem=px.to_pem(cert),
            certificate_sha256=px.sha256_hex(cert),
            key_file=keystore.store_key(key, prefix="tsa"),
            policy_oid=f"2.25.{uuid.uuid4().int}",  # a UUID-derived OID (ITU-T X.667): ours alone
        )
        changed(actor=actor, action="tsa.create", target=tsa, changes={"sha256": tsa.certificate_sha256})
        created.append("tsa")
    if not ConfigurationSigningKey.objects.filter(is_active=True).exists():
        key = keystore.generate_ec_key()
        cert = px.self_signed_configuration_signer(key, instance=conf.instance(), validity=CONFSIGN_VALIDITY)
        signer = ConfigurationSigningKey.objects.create(
            certificate_pem=px.to_pem(cert),
            certificate_sha256=px.sha256_hex(cert),
            key_file=keystore.store_key(key, prefix="confsign"),
        )
        audit_record(
            actor=actor,
            action="xvia.confsign.create",
            target=signer,
            changes={"kid": signer.certificate_sha256},
        )
        created.append("confsign")
    return created


@transaction.atomic
def issue_certificate(
    csr_pem: str | bytes,
    kind: str,
    *,
    member: Member | None = None,
    server: SecurityServer | None = None,
    actor=None,
) -> IssuedCertificate:
    """Issue a certificate from a CSR with the development CA.

    kind "auth": a security server's TLS certificate (pass `server`); subject serialNumber must
    be the server id without "SERVER:"; SANs are the server's registered host.
    kind "sign": a member's signing certificate (pass `member`); serialNumber = member id.
    Raises ValidationError with a Portuguese message when the CSR is not acceptable.
    """
    if kind == IssuedCertificate.Kind.AUTH:
        if server is None:
            raise ValueError("an authentication certificate needs its security server")
        member = server.owner
    elif kind == IssuedCertificate.Kind.SIGN:
        if member is None or server is not None:
            raise ValueError("a signing certificate needs its member and no server")
    else:
        raise ValueError(f"unknown certificate kind {kind!r}")
    require_member(actor, member)
    ca = development_ca()
    if ca is None or not conf.dev_ca_enabled():
        raise ValidationError(
            _("A autoridade certificadora de desenvolvimento não está ativa nesta instalação.")
        )
    try:
        if kind == IssuedCertificate.Kind.AUTH:
            checked = px.check_csr(
                csr_pem, expected_serial_number=server.server_id, allowed_hosts=[server.host]
            )
        else:
            checked = px.check_csr(csr_pem, expected_serial_number=member.xroad_id)
    except px.CsrError as exc:
        raise ValidationError({"csr": str(exc)}) from None
    ca_key = keystore.load_key(ca.key_file)
    ca_cert = px.load_pem(ca.certificate_pem)
    if kind == IssuedCertificate.Kind.AUTH:
        cert = px.issue_authentication(
            ca_key,
            ca_cert,
            checked.public_key,
            server_id=server.server_id,
            owner_name=member.name,
            hosts=checked.hosts,
            validity=conf.certificate_validity(),
        )
    else:
        cert = px.issue_signing(
            ca_key,
            ca_cert,
            checked.public_key,
            member_id=member.xroad_id,
            member_name=member.name,
            validity=conf.certificate_validity(),
        )
    issued = _record(ca=ca, kind=kind, member=member, server=server, cert=cert, actor=actor)
    changed(
        actor=actor,
        action=f"certificate.issue_{kind}",
        target=issued,
        changes={"serial": issued.serial_hex, "sha256": issued.certificate_sha256},
    )
    return issued


def _record(*, ca, kind, member, server, cert: x509.Certificate, actor) -> IssuedCertificate:
    return IssuedCertificate.objects.create(
        ca=ca,
        kind=kind,
        member=member,
        security_server=server,
        serial_hex=px.serial_hex(cert),
        subject=cert.subject.rfc4514_string()[:500],
        certificate_pem=px.to_pem(cert),
        certificate_sha256=px.sha256_hex(cert),
        not_before=cert.not_valid_before_utc,
        not_after=cert.not_valid_after_utc,
        issued_by=actor if actor is not None and actor.is_authenticated else None,
    )


@transaction.atomic
def certificate_revoke(*, actor, certificate: IssuedCertificate, reason: str) -> IssuedCertificate:
    """Revoke: the serial appears in its CA's `revoked_serials` in the next global configuration
    and a revoked authentication certificate leaves its server's list."""
    require_member(actor, certificate.member)
    certificate = IssuedCertificate.objects.select_for_update().get(pk=certificate.pk)
    if certificate.revoked_at is not None:
        raise ValidationError(_("Este certificado já foi revogado."))
    if reason not in IssuedCertificate.RevocationReason.values:
        raise ValidationError({"reason": _("Escolha o motivo da revogação.")})
    certificate.revoked_at, certificate.revocation_reason = timezone.now(), reason
    certificate.save(update_fields=["revoked_at", "revocation_reason", "updated_at"])
    changed(
        actor=actor,
        action="certificate.revoke",
        target=certificate,
        changes={"serial": certificate.serial_hex, "reason": reason},
    )
    return certificate


@transaction.atomic
def external_ca_add(*, actor, name: str, certificate_pem: str) -> CertificateAuthority:
    """Trust an external CA (for production, an ICP-Brasil CA) by its certificate only."""
    require_operator(actor)
    try:
        cert = px.load_pem(certificate_pem.strip())
    except ValueError:
        raise ValidationError({"certificate_pem": _("O arquivo não é um certificado PEM válido.")}) from None
    try:
        constraints = cert.extensions.get_extension_for_class(x509.BasicConstraints).value
    except x509.ExtensionNotFound:
        constraints = None
    if constraints is None or not constraints.ca:
        raise ValidationError({"certificate_pem": _("O certificado não é de uma autoridade certificadora.")})
    digest = px.sha256_hex(cert)
    if CertificateAuthority.objects.filter(certificate_sha256=digest).exists():
        raise ValidationError({"certificate_pem": _("Esta autoridade certificadora já está cadastrada.")})
    ca = CertificateAuthority.objects.create(
        name=name.strip()[:200],
        kind=CertificateAuthority.Kind.EXTERNAL,
        certificate_pem=px.to_pem(cert),
        certificate_sha256=digest,
    )
    changed(actor=actor, action="ca.add_external", target=ca, changes={"sha256": digest})
    return ca


@transaction.atomic
def ca_set_trusted(*, actor, ca: CertificateAuthority, trusted: bool) -> CertificateAuthority:
    require_operator(actor)
    ca.is_active = trusted
    ca.save(update_fields=["is_active", "updated_at"])
    changed(actor=actor, action="ca.set_trusted", target=ca, changes={"trusted": trusted})
    return ca
