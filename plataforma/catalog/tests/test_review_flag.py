"""Lei 13.460 art. 7 §4: services not reviewed within CATALOG_REVIEW_PERIOD are flagged to their
agency — on the dashboard and by one e-mail per agency to its editors."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from plataforma.catalog import services, tasks
from plataforma.catalog.models import Service
from plataforma.common.models import AuditEvent
from plataforma.identity.models import AgencyRole
from plataforma.identity.tests.factories import UserFactory, make_editor

from .factories import AgencyFactory, published_service

pytestmark = pytest.mark.django_db


def _reviewed_days_ago(service: Service, days: int) -> None:
    Service.objects.filter(pk=service.pk).update(last_reviewed_at=timezone.now() - timedelta(days=days))


@pytest.fixture
def two_agencies():
    a, b = AgencyFactory(acronym="SEFAZ"), AgencyFactory(acronym="DETRAN")
    editor_a1, _colleague = (
        make_editor(a, email="ana@sefaz.mt.gov.br"),
        make_editor(a, email="beto@sefaz.mt.gov.br"),
    )
    editor_b = make_editor(b, email="carla@detran.mt.gov.br")
    old_a1 = published_service(agency=a, editor=editor_a1, name="Emitir certidão negativa de débitos")
    old_a2 = published_service(agency=a, editor=editor_a1, name="Parcelar débitos de ICMS")
    recent_a = published_service(agency=a, editor=editor_a1, name="Consultar nota fiscal")
    old_b = published_service(agency=b, editor=editor_b, name="Renovar a CNH")
    for service in (old_a1, old_a2, old_b):
        _reviewed_days_ago(service, 40)
    _reviewed_days_ago(recent_a, 10)
    return {
        "a": a,
        "b": b,
        "editor_a1": editor_a1,
        "editor_b": editor_b,
        "old": [old_a1, old_a2, old_b],
        "recent": recent_a,
    }


@override_settings(CATALOG_REVIEW_PERIOD=timedelta(days=30), SITE_URL="https://servicos.mt.gov.br")
def test_overdue_services_are_flagged_and_each_agency_gets_one_email(
    two_agencies, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert tasks.flag_overdue_reviews.delay().get() == 3
    assert len(callbacks) == 2
    flagged = set(Service.objects.filter(review_overdue_since__isnull=False).values_list("name", flat=True))
    assert flagged == {s.name for s in two_agencies["old"]}

    assert len(mail.outbox) == 2
    by_subject = {m.subject: m for m in mail.outbox}
    sefaz = by_subject["Carta de Serviços (SEFAZ): 2 serviços com revisão atrasada"]
    assert sorted(sefaz.to) == ["ana@sefaz.mt.gov.br", "beto@sefaz.mt.gov.br"]
    assert "Emitir certidão negativa de débitos" in sefaz.body and "Parcelar débitos de ICMS" in sefaz.body
    assert "Consultar nota fiscal" not in sefaz.body and "Renovar a CNH" not in sefaz.body
    assert "há mais de 30 dias" in sefaz.body
    assert "https://servicos.mt.gov.br/gestao/carta/?orgao=sefaz&atrasados=1" in sefaz.body
    detran = by_subject["Carta de Serviços (DETRAN): 1 serviço com revisão atrasada"]
    assert detran.to == ["carla@detran.mt.gov.br"] and "Renovar a CNH" in detran.body
    assert AuditEvent.objects.filter(action="catalog.service.review_overdue", actor=None).count() == 3

    # the next daily run flags nothing new and sends nothing
    with django_capture_on_commit_callbacks(execute=True):
        assert services.flag_overdue_reviews() == 0
    assert len(mail.outbox) == 2


def test_with_the_default_period_of_twelve_months_nothing_is_overdue_yet(
    two_agencies, django_capture_on_commit_callbacks
):
    period = settings.CATALOG_REVIEW_PERIOD
    assert period == timedelta(days=365)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.flag_overdue_reviews() == 0
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        assert services.flag_overdue_reviews(now=timezone.now() + timedelta(days=340)) == 3
    assert len(mail.outbox) == 2


@override_settings(CATALOG_REVIEW_PERIOD=timedelta(days=30))
def test_revoked_inactive_and_other_role_servants_and_editors_without_email_get_no_email(
    two_agencies, django_capture_on_commit_callbacks
):
    b = two_agencies["b"]
    AgencyRole.objects.filter(user=two_agencies["editor_b"]).update(revoked_at=timezone.now())
    make_editor(b, email="", full_name="Sem E-mail")
    make_editor(b, email="inativo@detran.mt.gov.br", is_active=False)
    attendant = UserFactory(email="atendente@detran.mt.gov.br")
    AgencyRole.objects.create(user=attendant, agency=b, role=AgencyRole.Role.ATTENDANT)
    with django_capture_on_commit_callbacks(execute=True):
        services.flag_overdue_reviews()
    recipients = [address for message in mail.outbox for address in message.to]
    assert "carla@detran.mt.gov.br" not in recipients
    assert "inativo@detran.mt.gov.br" not in recipients and "atendente@detran.mt.gov.br" not in recipients
    assert len(mail.outbox) == 1  # SEFAZ only


@override_settings(CATALOG_REVIEW_PERIOD=timedelta(days=30))
def test_nothing_is_sent_when_the_transaction_is_rolled_back(
    two_agencies, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.flag_overdue_reviews()
    assert len(callbacks) == 2 and mail.outbox == []  # e-mails wait for the commit


@override_settings(CATALOG_REVIEW_PERIOD=timedelta(days=30))
def test_the_dashboard_shows_and_filters_overdue_services_and_confirming_the_review_clears_the_flag(
    client, two_agencies, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.flag_overdue_reviews()
    client.force_login(two_agencies["editor_a1"])
    url = reverse("catalog_editor:dashboard")
    page = client.get(url).content.decode()
    assert "2 serviços com revisão atrasada." in page and "Revisão atrasada" in page
    filtered = client.get(url + "?atrasados=1")
    names = [s.name for s in filtered.context["page"]]
    assert sorted(names) == ["Emitir certidão negativa de débitos", "Parcelar débitos de ICMS"]

    service = Service.objects.get(name="Parcelar débitos de ICMS")
    response = client.post(reverse("catalog_editor:service_action", args=[service.pk, "confirmar-revisao"]))
    assert response.status_code == 302
    service.refresh_from_db()
    assert service.review_overdue_since is None
    assert service.last_reviewed_at > timezone.now() - timedelta(minutes=1)
    assert service.last_reviewed_by == two_agencies["editor_a1"]
    names = [s.name for s in client.get(url + "?atrasados=1").context["page"]]
    assert names == ["Emitir certidão negativa de débitos"]


def test_the_daily_job_is_scheduled():
    entry = settings.CELERY_BEAT_SCHEDULE["catalog-flag-overdue-reviews"]
    assert entry["task"] == "plataforma.catalog.tasks.flag_overdue_reviews"
    assert tasks.flag_overdue_reviews.name == entry["task"]
