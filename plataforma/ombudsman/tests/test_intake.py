"""Lodging a manifestação: never refused, no motive, CPF suffices, identity kept apart, anonymous
followed by code, protocol and comprovante checkable at /autenticidade/ (Lei 13.460 arts. 10-12)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from plataforma.common.authcodes import authenticated_document_verify
from plataforma.common.models import AuditEvent
from plataforma.common.protocols import protocol_is_valid
from plataforma.notifications.models import Notification

from ..access_codes import access_code_matches
from ..models import Channel, Kind, Manifestation, ManifestationEvent, ManifestationIdentity, Status
from ..models.manifestations import TEXT_MAX_LENGTH
from ..services import DeskIdentity, manifestation_lodge
from .factories import lodge, person, servant, service_of

pytestmark = pytest.mark.django_db


def test_an_identified_manifestation_gets_a_protocol_deadline_receipt_and_protected_identity(world):
    result = lodge(world.author, agency=world.agency, service=world.service, identity_consent=True)
    m = result.manifestation
    assert result.created and result.access_code == ""
    assert m.protocol.startswith(m.received_at.astimezone().strftime("%Y")) and ".OUV." in m.protocol
    assert protocol_is_valid(m.protocol)
    assert m.status == Status.RECEIVED and m.channel == Channel.INTERNET
    assert m.requester == world.author and m.access_code_hash == ""
    assert (m.answer_due_at - m.received_at).days >= 29
    assert m.identity_consent_at is not None
    identity = ManifestationIdentity.objects.get(manifestation=m)
    assert identity.cpf == world.author.cpf and identity.full_name == world.author.full_name
    document = authenticated_document_verify(code=m.receipt_code)
    assert document.reference == m.protocol and document.target_id == str(m.pk)
    assert (
        world.author.full_name not in document.subject_label
        and world.author.cpf not in document.subject_label
    )
    assert ManifestationEvent.objects.filter(manifestation=m, action="lodged").count() == 1
    audit = AuditEvent.objects.get(action="ombudsman.manifestation.lodge")
    assert audit.subject_user_id == world.author.pk and audit.actor == world.author
    assert Notification.objects.filter(user=world.author, title__contains=m.protocol).exists()


def test_the_service_decides_the_agency(world):
    m = lodge(world.author, service=world.service).manifestation
    assert m.agency == world.agency


def test_without_agency_it_goes_to_the_general_ouvidoria_triage(world):
    m = lodge(world.author).manifestation
    assert m.agency is None and m.status == Status.RECEIVED


def test_an_anonymous_manifestation_is_tied_to_nobody_and_opens_only_with_its_code(world):
    result = lodge(
        world.author, agency=world.agency, kind=Kind.DENUNCIATION, anonymous=True, identity_consent=True
    )
    m = result.manifestation
    assert m.is_anonymous and m.requester is None and m.identity_consent_at is None
    assert not ManifestationIdentity.objects.filter(manifestation=m).exists()
    assert len(result.access_code) == 19 and result.access_code not in m.access_code_hash
    assert access_code_matches(manifestation=m, code=result.access_code)
    assert access_code_matches(manifestation=m, code=result.access_code.lower().replace("-", ""))
    assert not access_code_matches(manifestation=m, code="0000-0000-0000-0000")
    assert not access_code_matches(manifestation=m, code="")
    audit = AuditEvent.objects.get(action="ombudsman.manifestation.lodge")
    assert (
        audit.actor is None
        and audit.actor_label == ""
        and audit.ip_address is None
        and audit.subject_user_id is None
    )
    assert not Notification.objects.filter(user=world.author).exists()
    assert not Manifestation.objects.filter(requester=world.author).exists()


def test_anyone_may_lodge_anonymously_without_signing_in(world):
    m = lodge(None, agency=world.agency, anonymous=True).manifestation
    assert m.is_anonymous


def test_without_signing_in_an_identified_manifestation_is_refused_with_a_clear_message(world):
    with pytest.raises(PermissionDenied, match="MT Login"):
        lodge(None, agency=world.agency, anonymous=False)
    assert not Manifestation.objects.exists()


def test_a_long_text_is_kept_whole_up_to_the_limit(world):
    text = ("Relato longo com acentuação: ação, coração, pé. " * 500)[: TEXT_MAX_LENGTH - 1] + "!"
    m = lodge(world.author, agency=world.agency, description=text).manifestation
    m.refresh_from_db()
    assert m.description == text.strip() and len(m.description) == TEXT_MAX_LENGTH


def test_a_text_over_the_limit_is_refused_and_nothing_is_stored(world):
    with pytest.raises(ValidationError) as exc:
        lodge(world.author, agency=world.agency, description="x" * (TEXT_MAX_LENGTH + 1))
    assert "description" in exc.value.message_dict and "20.000" in exc.value.message_dict["description"][0]
    assert not Manifestation.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "key"),
    [("title", "   ", "title"), ("description", "", "description"), ("kind", "xingamento", "kind")],
)
def test_bad_input_gets_a_field_error_and_nothing_is_stored(world, field, value, key):
    with pytest.raises(ValidationError) as exc:
        lodge(world.author, agency=world.agency, **{field: value})
    assert key in exc.value.message_dict
    assert not Manifestation.objects.exists()


def test_control_characters_are_dropped_but_line_breaks_kept(world):
    m = lodge(world.author, agency=world.agency, description="linha 1\r\nlinha\x07 2").manifestation
    assert m.description == "linha 1\nlinha 2"


def test_a_service_of_another_agency_is_refused(world):
    with pytest.raises(ValidationError) as exc:
        lodge(world.author, agency=world.other_agency, service=world.service)
    assert "service" in exc.value.message_dict


def test_the_same_key_returns_the_first_manifestation(world):
    first = lodge(world.author, agency=world.agency, idempotency_key="k-1")
    again = lodge(world.author, agency=world.agency, idempotency_key="k-1", title="Outro")
    assert not again.created and again.manifestation.pk == first.manifestation.pk
    assert Manifestation.objects.count() == 1


def test_an_anonymous_repeat_with_the_same_key_returns_the_same_manifestation_and_code(world):
    first = lodge(world.author, agency=world.agency, anonymous=True, idempotency_key="anon-1")
    again = lodge(world.author, agency=world.agency, anonymous=True, idempotency_key="anon-1")
    assert not again.created and again.manifestation.pk == first.manifestation.pk
    assert again.access_code == first.access_code
    assert Manifestation.objects.count() == 1
    other = lodge(world.other_citizen, agency=world.agency, anonymous=True, idempotency_key="anon-1")
    assert other.created  # keys are per person


def test_a_desk_registration_of_a_person_with_an_account_lands_in_their_list(world):
    result = manifestation_lodge(
        actor=world.attendant,
        kind=Kind.COMPLAINT,
        title="Reclamação no balcão",
        description="Relato ditado pela pessoa.",
        channel=Channel.IN_PERSON,
        agency=world.agency,
        desk_identity=DeskIdentity(cpf=world.author.cpf),
    )
    m = result.manifestation
    assert m.requester == world.author and m.registered_by == world.attendant and result.access_code == ""
    assert m.channel == Channel.IN_PERSON
    assert AuditEvent.objects.get(action="ombudsman.manifestation.lodge").actor == world.attendant


def test_a_desk_registration_without_an_account_is_followed_by_code_with_cpf_only(world):
    result = manifestation_lodge(
        actor=world.ouvidor,
        kind=Kind.COMPLAINT,
        title="Por telefone",
        description="Relato.",
        channel=Channel.PHONE,
        agency=world.agency,
        desk_identity=DeskIdentity(cpf="529.982.247-25"),
    )
    assert result.manifestation.requester is None and result.access_code
    assert ManifestationIdentity.objects.get(manifestation=result.manifestation).cpf == "52998224725"


def test_desk_registration_checks_cpf_and_needs_cpf_or_name(world):
    base = {
        "actor": world.ouvidor,
        "kind": Kind.COMPLAINT,
        "title": "t",
        "description": "d",
        "channel": Channel.LETTER,
    }
    with pytest.raises(ValidationError) as exc:
        manifestation_lodge(**base, desk_identity=DeskIdentity(cpf="111.111.111-12"))
    assert "cpf" in exc.value.message_dict
    with pytest.raises(ValidationError):
        manifestation_lodge(**base, desk_identity=DeskIdentity())
    assert manifestation_lodge(**base, desk_identity=DeskIdentity(full_name="José da Silva")).created


@pytest.mark.parametrize("role", ["analista", "gestor", "carta_editor"])
def test_only_ouvidores_and_attendants_register_at_a_desk(world, role):
    other = servant(world.agency, role)
    with pytest.raises(PermissionDenied):
        manifestation_lodge(
            actor=other,
            kind=Kind.COMPLAINT,
            title="t",
            description="d",
            channel=Channel.PHONE,
            desk_identity=DeskIdentity(cpf=world.author.cpf),
        )
    with pytest.raises(PermissionDenied):
        manifestation_lodge(
            actor=person(),
            kind=Kind.COMPLAINT,
            title="t",
            description="d",
            channel=Channel.PHONE,
            anonymous=True,
        )
    assert not Manifestation.objects.exists()


def test_an_unpublished_service_is_refused(world):
    service = service_of(world.agency)
    service.is_published = False
    service.save()
    with pytest.raises(ValidationError):
        lodge(world.author, service=service)
