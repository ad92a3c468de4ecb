"""The administration lists notifications read-only and without their content."""

import pytest
from django.test import Client

from plataforma.identity.models import User

from .factories import NotificationFactory, VerifiedUserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client():
    admin = User.objects.create_superuser("111.444.777-35", "senha-do-admin-987", full_name="Admin")
    c = Client()
    c.force_login(admin)
    return c


def test_staff_see_delivery_metadata_but_not_the_content(admin_client):
    notification = NotificationFactory(title="Título com dado pessoal", body="Texto reservado")
    page = admin_client.get("/administracao/notifications/notification/").content.decode()
    assert str(notification.pk) in page
    assert "Título com dado pessoal" not in page and notification.user.full_name not in page
    detail = admin_client.get(f"/administracao/notifications/notification/{notification.pk}/change/")
    assert detail.status_code == 200
    body = detail.content.decode()
    assert "Texto reservado" not in body and 'name="category"' not in body


def test_nothing_can_be_added_changed_or_deleted(admin_client):
    notification = NotificationFactory()
    base = "/administracao/notifications/notification/"
    assert admin_client.get(base + "add/").status_code == 403
    assert admin_client.post(f"{base}{notification.pk}/change/", {"category": "geral"}).status_code == 403
    assert admin_client.post(f"{base}{notification.pk}/delete/", {"post": "yes"}).status_code == 403
    assert admin_client.get("/administracao/notifications/notificationpreference/add/").status_code == 403


def test_search_by_an_invalid_id_does_not_break_the_list(admin_client):
    NotificationFactory()
    assert admin_client.get("/administracao/notifications/notification/?q=abc").status_code == 200


def test_people_who_are_not_staff_are_kept_out():
    c = Client()
    c.force_login(VerifiedUserFactory())
    response = c.get("/administracao/notifications/notification/")
    assert response.status_code in (302, 403, 404)
