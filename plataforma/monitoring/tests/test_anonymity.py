"""What an anonymous rating keeps of its time, and what staff can read about ratings (ADR 0023):
the month only; in the admin and the audit trail, never a score, a dimension or a comment, nor
a way to filter by them."""

from __future__ import annotations

import importlib
import re
import uuid
from datetime import datetime, timedelta

import pytest
from django.apps import apps
from django.test import Client
from django.utils import timezone
from django.utils.formats import date_format

from plataforma.common.models import AuditEvent
from plataforma.monitoring.disclosure import anonymous_timestamp, month_start
from plataforma.monitoring.models import Evaluation, MonthlyIndicator
from plataforma.monitoring.services import indicators_refresh

from .factories import local, make_evaluation
from .test_evaluations import conclude, rate

pytestmark = pytest.mark.django_db

protect_existing = importlib.import_module("plataforma.monitoring.migrations.0003_protect_existing_ratings")


@pytest.fixture
def concluded(service, person, analyst):
    from plataforma.service_requests.tests.factories import submit

    return conclude(submit(service, person), analyst)


def test_an_anonymous_rating_keeps_only_its_month(concluded, person):
    before = timezone.now()
    evaluation = rate(concluded, person, anonymous=True, score=2)
    evaluation.refresh_from_db()
    local_before = timezone.localtime(before)
    start = month_start(local_before.year, local_before.month)
    if timezone.localtime(timezone.now()).month != local_before.month:  # pragma: no cover - midnight
        start = anonymous_timestamp(timezone.now())
    assert evaluation.created_at == evaluation.updated_at == start
    assert timezone.localtime(evaluation.created_at).day == 1
    assert timezone.localtime(evaluation.created_at).time() == datetime.min.time()


def test_a_signed_rating_keeps_its_time(concluded, person):
    before = timezone.now()
    evaluation = rate(concluded, person, anonymous=False)
    evaluation.refresh_from_db()
    assert before <= evaluation.created_at <= timezone.now()
    assert evaluation.updated_at == evaluation.created_at


def test_a_coarse_rating_counts_in_the_month_it_was_made(agency):
    """The first instant of the month, in the platform's time zone, is inside that month."""
    late = local(2025, 3, 31, 23) + timedelta(minutes=59, seconds=59)
    assert timezone.localtime(anonymous_timestamp(late)).date().isoformat() == "2025-03-01"
    from plataforma.service_requests.tests.factories import service_with_form

    service = service_with_form(agency=agency, name="Serviço de março")
    for _ in range(5):
        make_evaluation(service=service, created_at=anonymous_timestamp(late), score=3)
    indicators_refresh(months=[(2025, 2), (2025, 3)])
    march = MonthlyIndicator.objects.get(scope="servico", service=service, year=2025, month=3)
    assert march.evaluations == 5
    assert not MonthlyIndicator.objects.filter(scope="servico", service=service, year=2025, month=2).exists()


def test_the_audit_trail_holds_no_score(concluded, person):
    evaluation = rate(concluded, person, anonymous=True, score=2, comment="Demorou demais.")
    audit = AuditEvent.objects.get(action="monitoring.evaluation.submit")
    assert audit.changes == {"step": "conclusao", "anonymous": True}
    assert "2" not in audit.target_label and str(evaluation.score) not in str(evaluation)
    assert "Demorou" not in str(audit.changes) + audit.target_label


# --- The data migration -------------------------------------------------------------------------


def test_the_migration_coarsens_the_existing_anonymous_ratings_and_no_signed_one(service):
    exact = local(2025, 3, 17, 15)
    anonymous = make_evaluation(service=service, created_at=exact, score=4)
    Evaluation.objects.filter(pk=anonymous.pk).update(updated_at=exact)
    january = make_evaluation(service=service, created_at=local(2025, 1, 31, 23), score=1)
    signed = make_evaluation(service=service, created_at=exact, score=5)
    Evaluation.objects.filter(pk=signed.pk).update(anonymous=False, updated_at=exact)
    protect_existing.coarsen_anonymous_ratings(apps, None)
    anonymous.refresh_from_db()
    january.refresh_from_db()
    signed.refresh_from_db()
    assert anonymous.created_at == anonymous.updated_at == month_start(2025, 3)
    assert january.created_at == month_start(2025, 1)
    assert (signed.created_at, signed.updated_at) == (exact, exact)
    protect_existing.coarsen_anonymous_ratings(apps, None)  # again: nothing changes
    anonymous.refresh_from_db()
    assert anonymous.created_at == month_start(2025, 3)


def test_the_migration_withholds_indicators_computed_before_the_control(known):
    indicators_refresh(months=[(2025, 3)])
    assert MonthlyIndicator.objects.filter(ratings_withheld="").exists()
    protect_existing.withhold_existing_indicator_ratings(apps, None)
    for row in MonthlyIndicator.objects.all():
        assert (row.ratings_withheld, row.evaluations, row.score_sum, row.dimensions) == (
            "pendente",
            None,
            None,
            {},
        )
        assert set(row.dimensions_withheld.values()) == {"pendente"}
    assert row.submitted  # the request figures stay


# --- The admin ----------------------------------------------------------------------------------


@pytest.fixture
def staff_client(db):
    from plataforma.identity.models import User

    admin = User.objects.create_superuser(
        "111.444.777-35", "senha-do-admin-987", full_name="Admin da Plataforma"
    )
    client = Client()
    client.force_login(admin)
    return client


def test_the_admin_lists_which_ratings_exist_but_not_what_they_say(staff_client, concluded, person):
    evaluation = rate(
        concluded, person, anonymous=True, score=1, dimensions={"clareza": 2}, comment="Atendente grosseiro."
    )
    changelist = staff_client.get("/administracao/monitoring/evaluation/")
    assert changelist.status_code == 200
    html = changelist.content.decode()
    month = timezone.localtime(evaluation.created_at)
    assert concluded.service.name in html
    assert "Atendente grosseiro" not in html
    assert "column-score" not in html and "column-created_at" not in html
    detail = staff_client.get(f"/administracao/monitoring/evaluation/{evaluation.pk}/change/")
    assert detail.status_code == 200
    text = detail.content.decode()
    assert "Atendente grosseiro" not in text
    assert "field-score" not in text and "field-comment" not in text and "field-dim_clareza" not in text
    assert "field-user" not in text and "field-request_digest" not in text
    made_in = re.search(r'field-made_in.*?<div class="readonly">(.*?)</div>', text, re.S).group(1)
    assert made_in.strip() == date_format(month, "F \\d\\e Y")  # the month: no day, no time


@pytest.mark.parametrize(
    "query",
    [
        "score=1",
        "score__exact=1",
        "score__lte=2",
        "dim_clareza=2",
        "comment__icontains=a",
        "created_at__gte=2025-01-01",
    ],
)
def test_the_admin_refuses_to_filter_ratings_by_what_they_say(staff_client, query):
    response = staff_client.get(f"/administracao/monitoring/evaluation/?{query}")
    assert response.status_code == 400


def test_the_admin_still_filters_by_agency_and_anonymity(staff_client, concluded, person):
    rate(concluded, person, anonymous=True)
    response = staff_client.get(
        f"/administracao/monitoring/evaluation/?anonymous__exact=1&agency__id__exact={concluded.agency_id}"
    )
    assert response.status_code == 200


def test_the_indicator_admin_shows_no_withheld_figure(staff_client, service):
    for _ in range(3):
        make_evaluation(service=service, created_at=local(2025, 3, 4), score=1)
    indicators_refresh(months=[(2025, 3)])
    row = MonthlyIndicator.objects.get(scope="servico", year=2025, month=3)
    assert (row.ratings_withheld, row.evaluations) == ("poucas", None)
    response = staff_client.get(f"/administracao/monitoring/monthlyindicator/{row.pk}/change/")
    assert response.status_code == 200


def test_timestamps_are_not_automatic(service):
    """The model keeps the time it is given (evaluation_submit decides it), not the clock's."""
    from plataforma.monitoring.digest import request_digest

    moment = month_start(2025, 3)
    evaluation = Evaluation.objects.create(
        service=service,
        agency_id=service.agency_id,
        step="conclusao",
        score=3,
        anonymous=True,
        request_digest=request_digest(uuid.uuid4()),
        created_at=moment,
        updated_at=moment,
    )
    evaluation.refresh_from_db()
    assert evaluation.created_at == evaluation.updated_at == moment
