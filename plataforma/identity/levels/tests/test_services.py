"""level_raise: the evidence, the audit row, the security log and the e-mail; the level never
goes down; every invalid validation is refused with nothing written."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from plataforma.common.models import AuditEvent
from plataforma.identity.levels.certificates import PersonCertificate
from plataforma.identity.levels.models import LevelValidation
from plataforma.identity.levels.services import level_raise
from plataforma.identity.models import AgencyRole, Level, SecurityEvent

from .conftest import make_servant

pytestmark = pytest.mark.django_db
DESK = LevelValidation.Method.DESK


def _desk(person, attendant, agency, place, **overrides):
    kwargs = {
        "user": person,
        "level": Level.PRATA,
        "method": DESK,
        "actor": attendant,
        "agency": agency,
        "unit": place,
        "document_type": LevelValidation.Document.CNH,
        "document_reference": "12ab",
    }
    kwargs.update(overrides)
    return level_raise(**kwargs)


def _cert(cpf: str) -> PersonCertificate:
    return PersonCertificate(
        cpf=cpf,
        birth_date=None,
        subject="CN=MARIA",
        issuer="CN=AC Teste",
        fingerprint="ab" * 32,
        serial_number=1,
        not_after=timezone.now() + dt.timedelta(days=30),
    )


def test_a_desk_validation_raises_bronze_to_prata_with_the_evidence(
    person, attendant, agency, unit, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        validation = _desk(person, attendant, agency, unit)
    person.refresh_from_db()
    assert person.level == Level.PRATA
    assert person.level_changed_at is not None
    assert (validation.validated_by, validation.agency, validation.unit) == (attendant, agency, unit)
    assert (validation.document_type, validation.document_reference) == ("cnh", "12AB")
    audit = AuditEvent.objects.get(action="identity.level.raise")
    assert audit.actor == attendant
    assert audit.subject_user_id == person.pk
    assert audit.changes["document_type"] == "cnh"
    assert person.cpf not in str(audit.changes)
    assert "12AB" not in str(audit.changes)
    event = SecurityEvent.objects.get(user=person, kind=SecurityEvent.Kind.LEVEL_CHANGED)
    assert event.details == {"level": "prata", "previous": "bronze", "method": "balcao"}
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [person.email]
    assert "Ganha Tempo Cuiabá" in mailoutbox[0].body
    assert "Prata" in mailoutbox[0].body


def test_the_level_never_goes_down(person, attendant, agency, unit):
    person.level = Level.OURO
    person.save(update_fields=["level"])
    _desk(person, attendant, agency, unit)
    person.refresh_from_db()
    assert person.level == Level.OURO
    assert LevelValidation.objects.filter(user=person).count() == 1  # recorded as evidence
    assert not SecurityEvent.objects.filter(user=person, kind=SecurityEvent.Kind.LEVEL_CHANGED).exists()
    assert AuditEvent.objects.get(action="identity.level.raise").changes["changed"] is False


def test_a_certificate_with_the_account_cpf_raises_to_ouro(person):
    validation = level_raise(
        user=person,
        level=Level.OURO,
        method=LevelValidation.Method.CERTIFICATE,
        certificate=_cert(person.cpf),
    )
    person.refresh_from_db()
    assert person.level == Level.OURO
    assert validation.certificate_fingerprint == "ab" * 32
    assert validation.certificate_issuer == "CN=AC Teste"


def test_an_external_validation_raises_to_prata_with_the_provider(person):
    validation = level_raise(
        user=person,
        level=Level.PRATA,
        method=LevelValidation.Method.EXTERNAL,
        provider="detran-mt",
        external_reference="protocolo-123",
    )
    assert (validation.provider, validation.external_reference) == ("detran-mt", "protocolo-123")


def _assert_nothing_written(person):
    person.refresh_from_db()
    assert person.level == Level.BRONZE
    assert not LevelValidation.objects.exists()
    assert not AuditEvent.objects.filter(action="identity.level.raise").exists()
    assert not SecurityEvent.objects.filter(kind=SecurityEvent.Kind.LEVEL_CHANGED).exists()


@pytest.mark.parametrize(
    "overrides",
    [
        {"document_reference": "123"},
        {"document_reference": "12345678"},
        {"document_reference": "12-4"},
        {"document_type": "certidao"},
        {"level": Level.OURO},
        {"unit": None},
    ],
)
def test_invalid_desk_validations_are_refused(person, attendant, agency, unit, overrides):
    with pytest.raises(ValidationError):
        _desk(person, attendant, agency, unit, **overrides)
    _assert_nothing_written(person)


def test_a_unit_of_another_agency_is_refused(person, attendant, agency, other_unit):
    with pytest.raises(ValidationError):
        _desk(person, attendant, agency, other_unit)
    _assert_nothing_written(person)


def test_a_servant_cannot_validate_themselves(attendant, agency, unit):
    with pytest.raises(ValidationError):
        _desk(attendant, attendant, agency, unit)
    _assert_nothing_written(attendant)


@pytest.mark.parametrize(
    "role", [AgencyRole.Role.CARTA_EDITOR, AgencyRole.Role.ANALYST, AgencyRole.Role.OMBUDSMAN]
)
def test_other_roles_cannot_validate(person, agency, unit, role):
    servant = make_servant(agency, role=role)
    with pytest.raises(PermissionDenied):
        _desk(person, servant, agency, unit)
    _assert_nothing_written(person)


def test_a_manager_can_validate(person, agency, unit):
    manager = make_servant(agency, role=AgencyRole.Role.MANAGER)
    _desk(person, manager, agency, unit)
    person.refresh_from_db()
    assert person.level == Level.PRATA


def test_a_revoked_attendant_cannot_validate(person, attendant, agency, unit):
    AgencyRole.objects.filter(user=attendant).update(revoked_at=timezone.now())
    with pytest.raises(PermissionDenied):
        _desk(person, attendant, agency, unit)
    _assert_nothing_written(person)


def test_an_attendant_of_another_agency_cannot_validate_for_this_one(person, agency, unit, other_agency):
    stranger = make_servant(other_agency)
    with pytest.raises(PermissionDenied):
        _desk(person, stranger, agency, unit)
    _assert_nothing_written(person)


def test_a_certificate_of_another_cpf_is_refused(person):
    with pytest.raises(ValidationError):
        level_raise(
            user=person,
            level=Level.OURO,
            method=LevelValidation.Method.CERTIFICATE,
            certificate=_cert("52998224725"),
        )
    _assert_nothing_written(person)


def test_an_external_validation_needs_its_provider_and_gives_only_prata(person):
    with pytest.raises(ValidationError):
        level_raise(user=person, level=Level.PRATA, method=LevelValidation.Method.EXTERNAL)
    with pytest.raises(ValidationError):
        level_raise(user=person, level=Level.OURO, method=LevelValidation.Method.EXTERNAL, provider="x")
    _assert_nothing_written(person)


def test_an_inactive_account_is_not_validated(person):
    person.is_active = False
    person.save(update_fields=["is_active"])
    with pytest.raises(ValidationError):
        level_raise(user=person, level=Level.PRATA, method=LevelValidation.Method.EXTERNAL, provider="x")
    assert not LevelValidation.objects.exists()


def test_an_unknown_method_is_refused(person):
    with pytest.raises(ValidationError):
        level_raise(user=person, level=Level.PRATA, method="telefone")
    _assert_nothing_written(person)


def test_the_email_task_skips_accounts_without_email_and_unknown_ids(person, mailoutbox):
    from plataforma.identity.levels.tasks import send_level_validation_email

    validation = level_raise(
        user=person, level=Level.PRATA, method=LevelValidation.Method.EXTERNAL, provider="x"
    )
    assert send_level_validation_email(str(validation.pk)) == 1
    person.email = ""
    person.save(update_fields=["email"])
    assert send_level_validation_email(str(validation.pk)) == 0
    assert send_level_validation_email("00000000-0000-0000-0000-000000000000") == 0
    assert len(mailoutbox) == 1
