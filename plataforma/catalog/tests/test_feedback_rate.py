import hashlib

import pytest
from django.core.cache import cache
from django.urls import reverse

from plataforma.catalog.models import ServiceFeedback
from plataforma.catalog.services.feedback import FEEDBACK_LIMIT_PER_HOUR
from plataforma.identity.tests.factories import make_editor

from .factories import AgencyFactory, published_service

pytestmark = pytest.mark.django_db


@pytest.fixture
def service():
    agency = AgencyFactory()
    return published_service(agency=agency, editor=make_editor(agency))


def test_a_flood_of_answers_from_one_address_is_refused_with_429_and_not_counted(client, service):
    url = reverse("catalog:service_feedback", args=[service.slug])
    for _ in range(FEEDBACK_LIMIT_PER_HOUR):
        assert client.post(url, {"util": "sim"}, REMOTE_ADDR="203.0.113.5").status_code == 302
    response = client.post(url, {"util": "nao"}, REMOTE_ADDR="203.0.113.5")
    assert response.status_code == 429
    assert "Recebemos muitas respostas deste endereço" in response.content.decode()
    assert ServiceFeedback.objects.filter(service=service).count() == FEEDBACK_LIMIT_PER_HOUR
    assert ServiceFeedback.objects.filter(service=service, helpful=False).count() == 0


def test_other_addresses_are_still_counted(client, service):
    url = reverse("catalog:service_feedback", args=[service.slug])
    for _ in range(FEEDBACK_LIMIT_PER_HOUR + 1):
        client.post(url, {"util": "sim"}, REMOTE_ADDR="203.0.113.5")
    assert client.post(url, {"util": "sim"}, REMOTE_ADDR="198.51.100.8").status_code == 302
    assert ServiceFeedback.objects.filter(service=service).count() == FEEDBACK_LIMIT_PER_HOUR + 1


def test_the_rate_is_kept_under_a_hash_not_under_the_visitors_address(client, service):
    url = reverse("catalog:service_feedback", args=[service.slug])
    client.post(url, {"util": "sim"}, REMOTE_ADDR="203.0.113.77")
    hashed = hashlib.sha256(f"203.0.113.77|{service.pk}".encode()).hexdigest()
    assert cache.get("feedback-rate:" + hashed) == 1
