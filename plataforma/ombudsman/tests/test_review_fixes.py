"""Defects found by the independent review of issue #6, each pinned by a test: the audit trail of
an anonymous manifestação, withdrawn consent, the code holders' pace, extensions after the
deadline, the suspended clock at archiving, the measures' text and the ouvidor's own manifestação."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from plataforma.common.context import ActingContext, OnBehalfOf, acting_context
from plataforma.common.models import AuditEvent

from .. import services
from ..models import AdoptedMeasure, Manifestation
from ..models.manifestations import ArchiveReason
from ..selectors.inbox import InboxFilters, inbox_queryset
from ..selectors.staff import shared_identity
from ..transitions import TransitionNotAllowed
from .factories import forwarded, lodge, person, servant

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_limits():
    cache.clear()
    yield
    cache.clear()


def test_an_anonymous_manifestation_lodged_while_acting_for_a_company_names_no_company(world):
    company = OnBehalfOf(
        kind="company", id="42", label="Comércio de Peças Pantanal Ltda (12.345.000/1000-85)"
    )
    with acting_context(ActingContext(ip_address="10.0.0.9", user_agent="Firefox", on_behalf_of=company)):
        result = lodge(world.author, anonymous=True, kind="denuncia")
    rows = AuditEvent.objects.filter(target_id=str(result.manifestation.pk))
    assert rows.exists()
    for row in rows:
        assert row.actor_id is None and not row.ip_address and not row.user_agent
        assert not row.on_behalf_of_type and not row.on_behalf_of_id and not row.on_behalf_of_label


def test_withdrawn_consent_hides_the_identity_from_the_area_at_once(world):
    manifestation, forwarding = forwarded(
        world.author, world.agency, world.ouvidor, identity_consent=True, share_identity=True
    )
    assert shared_identity(user=world.analyst, forwarding=forwarding) is not None
    services.identity_consent_set(actor=world.author, manifestation=manifestation, consent=False)
    assert shared_identity(user=world.analyst, forwarding=forwarding) is None
    page = Client()
    page.force_login(world.analyst)
    html = page.get(f"/servidor/ouvidoria/area/{forwarding.pk}/").content.decode()
    assert world.author.full_name not in html and world.author.email not in html


def test_consent_can_be_withdrawn_after_the_answer(world):
    manifestation, _forwarding = forwarded(
        world.author, world.agency, world.ouvidor, identity_consent=True, share_identity=True
    )
    services.forwarding_answer(actor=world.analyst, forwarding=_forwarding, answer="Apurado e corrigido.")
    services.manifestation_answer(actor=world.ouvidor, manifestation=manifestation, text="Resposta final.")
    client = Client()
    client.force_login(world.author)
    url = f"/conta/manifestacoes/{manifestation.protocol}/autorizacao/"
    assert client.get(url).status_code == 200
    client.post(url, {})
    assert Manifestation.objects.get(pk=manifestation.pk).identity_consent_at is None


def test_wrong_codes_from_many_addresses_do_not_lock_the_author_out(world):
    result = lodge(None, anonymous=True, kind="denuncia")
    protocol = result.manifestation.protocol
    for n in range(12):
        Client(REMOTE_ADDR=f"10.1.0.{n}").post(
            "/ouvidoria/acompanhar/", {"protocolo": protocol, "codigo": "X" * 16}
        )
    response = Client(REMOTE_ADDR="10.2.0.1").post(
        "/ouvidoria/acompanhar/", {"protocolo": protocol, "codigo": result.access_code}
    )
    assert response.status_code == 303


def test_an_answer_deadline_already_missed_cannot_be_extended(world):
    manifestation = lodge(world.author, agency=world.agency).manifestation
    manifestation = services.manifestation_start_analysis(actor=world.ouvidor, manifestation=manifestation)
    Manifestation.objects.filter(pk=manifestation.pk).update(answer_due_at=timezone.now() - timedelta(days=1))
    with pytest.raises(TransitionNotAllowed):
        services.manifestation_extend(
            actor=world.ouvidor, manifestation=manifestation, reason="Muito trabalho."
        )
    row = Manifestation.objects.get(pk=manifestation.pk)
    assert row.answer_extended_at is None and row.answer_due_at < timezone.now()


def test_an_area_deadline_already_missed_cannot_be_extended(world):
    _manifestation, forwarding = forwarded(world.author, world.agency, world.ouvidor)
    type(forwarding).objects.filter(pk=forwarding.pk).update(due_at=timezone.now() - timedelta(hours=1))
    forwarding.refresh_from_db()
    with pytest.raises(TransitionNotAllowed):
        services.forwarding_extend(actor=world.analyst, forwarding=forwarding, reason="Muito trabalho.")
    forwarding.refresh_from_db()
    assert forwarding.extended_at is None


def test_archiving_while_waiting_for_the_user_does_not_count_the_time_waited(world):
    manifestation = lodge(world.author, agency=world.agency).manifestation
    manifestation = services.manifestation_start_analysis(actor=world.ouvidor, manifestation=manifestation)
    manifestation = services.manifestation_request_info(
        actor=world.ouvidor, manifestation=manifestation, question="Qual o número do processo?"
    )
    # the clock stopped 5 days before the deadline; the user never replied and the deadline passed
    now = timezone.now()
    Manifestation.objects.filter(pk=manifestation.pk).update(
        clock_paused_at=now - timedelta(days=25),
        answer_due_at=now - timedelta(days=20),
        user_reply_due_at=now - timedelta(days=5),
    )
    answer = services.manifestation_archive(
        actor=world.ouvidor,
        manifestation=Manifestation.objects.get(pk=manifestation.pk),
        reason=ArchiveReason.NO_REPLY,
        text="Sem resposta do usuário no prazo.",
    )
    assert answer.on_time is True


def test_the_authors_name_typed_in_a_measure_is_masked_before_it_is_kept(world):
    manifestation = lodge(world.author, agency=world.agency).manifestation
    manifestation = services.manifestation_start_analysis(actor=world.ouvidor, manifestation=manifestation)
    measure = services.measure_record(
        actor=world.ouvidor,
        manifestation=manifestation,
        kind=AdoptedMeasure.Kind.values[0],
        description=f"Orientamos a equipe após o relato de {world.author.full_name}.",
    )
    for word in world.author.full_name.split():
        assert word not in measure.description


def test_an_ouvidor_does_not_find_their_own_manifestation_in_the_inbox(world):
    ouvidor = servant(world.agency, "ouvidor")
    own = lodge(ouvidor, agency=world.agency).manifestation
    other = lodge(person(), agency=world.agency).manifestation
    listed = set(
        inbox_queryset(user=ouvidor, filters=InboxFilters(status="todas")).values_list("pk", flat=True)
    )
    assert other.pk in listed and own.pk not in listed


@pytest.mark.parametrize("path", ["/conta/conselhos/"])
def test_the_persons_council_pages_are_never_cached(world, path):
    client = Client()
    client.force_login(world.author)
    response = client.get(path)
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
