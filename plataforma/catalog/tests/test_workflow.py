import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from plataforma.catalog import services
from plataforma.catalog.models import Service, ServiceVersion
from plataforma.common.models import AuditEvent
from plataforma.identity.tests.factories import UserFactory, make_editor

from .factories import AgencyFactory, content_data, published_service

pytestmark = pytest.mark.django_db
State = ServiceVersion.State


def test_a_new_service_is_a_draft_and_not_public():
    agency = AgencyFactory()
    editor = make_editor(agency)
    version = services.service_create(actor=editor, agency=agency, content=content_data())
    assert version.state == State.DRAFT
    assert not Service.objects.filter(is_published=True).exists()


def test_publishing_mirrors_content_and_keeps_previous_versions():
    agency = AgencyFactory()
    editor = make_editor(agency)
    service = published_service(agency=agency, editor=editor)
    assert service.is_published and service.name == "Emitir segunda via da carteira de identidade"
    assert "licenca" not in service.search_title and "identidade" in service.search_title

    draft = services.service_draft_start(actor=editor, service=service)
    services.version_update(actor=editor, version=draft, content=content_data(name="Emitir 2ª via do RG"))
    services.version_submit(actor=editor, version=draft)
    services.version_publish(actor=editor, version=draft)
    service.refresh_from_db()
    assert service.name == "Emitir 2ª via do RG"
    states = list(service.versions.order_by("number").values_list("state", flat=True))
    assert states == [State.SUPERSEDED, State.PUBLISHED]
    actions = set(AuditEvent.objects.filter(actor=editor).values_list("action", flat=True))
    assert {"catalog.service.create", "catalog.version.submit", "catalog.version.publish"} <= actions


def test_an_editor_of_another_agency_cannot_touch_the_service():
    agency, other = AgencyFactory(), AgencyFactory()
    editor, outsider = make_editor(agency), make_editor(other)
    version = services.service_create(actor=editor, agency=agency, content=content_data())
    for action in (services.version_submit, services.version_publish, services.version_discard):
        with pytest.raises(PermissionDenied):
            action(actor=outsider, version=version)
    with pytest.raises(PermissionDenied):
        services.service_create(actor=UserFactory(), agency=agency, content=content_data())


def test_invalid_content_is_rejected_with_field_errors_and_changes_nothing():
    agency = AgencyFactory()
    editor = make_editor(agency)
    with pytest.raises(ValidationError) as exc:
        services.service_create(actor=editor, agency=agency, content=content_data(name="", steps=[]))
    assert "name" in exc.value.message_dict and "steps" in exc.value.message_dict
    assert not Service.objects.exists()


def test_a_published_version_cannot_be_edited_or_published_twice():
    agency = AgencyFactory()
    editor = make_editor(agency)
    service = published_service(agency=agency, editor=editor)
    with pytest.raises(ValidationError):
        services.version_update(actor=editor, version=service.published_version, content=content_data())
    with pytest.raises(ValidationError):
        services.version_publish(actor=editor, version=service.published_version)


def test_publishing_counts_as_a_review_and_clears_the_overdue_flag():
    from django.utils import timezone

    agency = AgencyFactory()
    editor = make_editor(agency)
    service = published_service(agency=agency, editor=editor)
    Service.objects.filter(pk=service.pk).update(last_reviewed_at=None, review_overdue_since=timezone.now())
    draft = services.service_draft_start(actor=editor, service=service)
    services.version_submit(actor=editor, version=draft)
    services.version_publish(actor=editor, version=draft)
    service.refresh_from_db()
    assert service.last_reviewed_by == editor
    assert service.last_reviewed_at is not None
    assert service.review_overdue_since is None
