"""Registry writes (ADR 0033/0036): members, subsystems, security servers and their clients.
Each function validates first, then writes, audits and bumps the registry revision in one
transaction. `actor=None` is the system (management commands)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from plataforma.common.fields import validate_cnpj

from ..access import require_member, require_operator
from ..models import Member, MemberClass, SecurityServer, SecurityServerClient, Subsystem
from ..pki.x509 import MAX_SERIAL_NUMBER
from ..validation import validate_address
from .common import changed


def save_checked(obj) -> None:
    """full_clean (fields, unique and check constraints) then save; a race that slips past the
    check still ends as a ValidationError, not a 500."""
    obj.full_clean()
    try:
        with transaction.atomic():
            obj.save()
    except IntegrityError:
        raise ValidationError(_("Já existe um registro com esses dados.")) from None


@transaction.atomic
def member_class_ensure(*, actor, code: str, description: str) -> MemberClass:
    require_operator(actor)
    found = MemberClass.objects.filter(code=code).first()
    if found:
        return found
    member_class = MemberClass(code=code, description=description)
    save_checked(member_class)
    changed(actor=actor, action="member_class.create", target=member_class, changes={"code": code})
    return member_class


@transaction.atomic
def member_create(*, actor, member_class: MemberClass, code: str, name: str, agency=None) -> Member:
    """Register an agency or entity by its CNPJ. When linked to a catalogue agency, the CNPJ
    must be the agency's (one member per agency)."""
    require_operator(actor)
    validate_cnpj(code)
    if agency is not None and agency.cnpj != code:
        raise ValidationError({"agency": _("O CNPJ do membro deve ser o mesmo do órgão escolhido.")})
    member = Member(member_class=member_class, code=code, name=name.strip(), agency=agency)
    save_checked(member)
    changed(
        actor=actor,
        action="member.create",
        target=member,
        changes={"class": member_class.code, "code": code, "agency": str(agency.pk) if agency else ""},
    )
    return member


@transaction.atomic
def member_rename(*, actor, member: Member, name: str) -> Member:
    require_operator(actor)
    member.name = name.strip()
    save_checked(member)
    changed(actor=actor, action="member.rename", target=member)
    return member


@transaction.atomic
def subsystem_create(*, actor, member: Member, code: str, name: str, message_log: str = "full") -> Subsystem:
    require_member(actor, member)
    subsystem = Subsystem(member=member, code=code.strip(), name=name.strip(), message_log=message_log)
    save_checked(subsystem)
    changed(
        actor=actor,
        action="subsystem.create",
        target=subsystem,
        changes={"code": subsystem.code, "message_log": message_log},
    )
    return subsystem


@transaction.atomic
def subsystem_update(*, actor, subsystem: Subsystem, name: str, message_log: str) -> Subsystem:
    require_member(actor, subsystem.member)
    subsystem.name, subsystem.message_log = name.strip(), message_log
    save_checked(subsystem)
    changed(actor=actor, action="subsystem.update", target=subsystem, changes={"message_log": message_log})
    return subsystem


@transaction.atomic
def server_create(*, actor, owner: Member, code: str, address: str) -> SecurityServer:
    require_member(actor, owner)
    server = SecurityServer(owner=owner, code=code.strip(), address=validate_address(address))
    room = MAX_SERIAL_NUMBER - len(server.server_id) + len(server.code)
    if len(server.code) > room:
        # the server id is its authentication certificate's serialNumber (at most 64 characters)
        raise ValidationError(
            {
                "code": _(
                    "Use no máximo %(room)s caracteres: o identificador do servidor (%(id)s) "
                    "precisa caber em 64 caracteres no certificado."
                )
                % {"room": max(room, 0), "id": server.server_id}
            }
        )
    save_checked(server)
    changed(
        actor=actor,
        action="server.create",
        target=server,
        changes={"code": server.code, "address": server.address},
    )
    return server


@transaction.atomic
def server_move(*, actor, server: SecurityServer, address: str) -> SecurityServer:
    """A new address; authentication certificates naming the old one must be issued again."""
    require_member(actor, server.owner)
    server.address = validate_address(address)
    save_checked(server)
    changed(actor=actor, action="server.move", target=server, changes={"address": server.address})
    return server


@transaction.atomic
def server_client_add(*, actor, server: SecurityServer, subsystem: Subsystem) -> SecurityServerClient:
    """Register a subsystem on a security server. The actor must manage both the server's owner
    and the subsystem's member (a hosting arrangement between agencies is set by the operator)."""
    require_member(actor, server.owner)
    require_member(actor, subsystem.member)
    link = SecurityServerClient(server=server, subsystem=subsystem)
    save_checked(link)
    changed(actor=actor, action="server.client_add", target=server, changes={"subsystem": subsystem.xroad_id})
    return link


@transaction.atomic
def server_client_remove(*, actor, link: SecurityServerClient) -> None:
    require_member(actor, link.server.owner)
    server, subsystem_id = link.server, link.subsystem.xroad_id
    link.delete()
    changed(actor=actor, action="server.client_remove", target=server, changes={"subsystem": subsystem_id})
