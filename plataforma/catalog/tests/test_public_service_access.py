"""'Solicitar pela internet' goes through MT Login: sign-in, then the level the Carta declares."""

import pytest
from django.urls import reverse
from django.utils import timezone

from plataforma.identity.models import Level
from plataforma.identity.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _access(catalogue):
    return reverse("catalog:service_access", args=[catalogue["licence"].slug])


def test_the_service_page_links_to_the_access_door(client, catalogue):
    page = client.get(reverse("catalog:service_detail", args=[catalogue["licence"].slug]))
    assert _access(catalogue) in page.content.decode()


def test_anonymous_people_are_sent_to_sign_in_first(client, catalogue):
    response = client.get(_access(catalogue))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("identity:login"))
    assert "next=" in response["Location"]


def test_a_bronze_account_meets_the_step_up_page_for_a_prata_service(client, catalogue):
    client.force_login(UserFactory(level=Level.BRONZE, email_verified_at=timezone.now()))
    response = client.get(_access(catalogue))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("levels:raise"))
    assert "necessario=prata" in response["Location"]


def test_an_account_at_the_level_goes_to_the_digital_service(client, catalogue):
    client.force_login(UserFactory(level=Level.PRATA, email_verified_at=timezone.now()))
    response = client.get(_access(catalogue))
    assert response.status_code == 302
    assert response["Location"] == "https://servicos.detran.mt.gov.br/renovar-cnh"


def test_services_without_a_digital_channel_or_unpublished_answer_404(client, catalogue):
    client.force_login(UserFactory(level=Level.OURO))
    assert client.get(reverse("catalog:service_access", args=[catalogue["paid"].slug])).status_code == 404
    assert client.get(reverse("catalog:service_access", args=[catalogue["gone"].slug])).status_code == 404
    assert client.get(reverse("catalog:service_access", args=["nao-existe"])).status_code == 404
