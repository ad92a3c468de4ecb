"""The notification centre's pages, from the owner's side and from everybody else's."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from plataforma.common.models import AuditEvent
from plataforma.identity.companies.tests.factories import CompanyFactory
from plataforma.notifications.models import Notification, NotificationPreference

from .factories import NotificationFactory, UserFactory, VerifiedUserFactory

pytestmark = pytest.mark.django_db
SOME_ID = "3f2b8c1e-1111-4c3a-9a8b-0123456789ab"


def signed_in(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/conta/notificacoes/"),
        ("get", f"/conta/notificacoes/{SOME_ID}/"),
        ("post", f"/conta/notificacoes/{SOME_ID}/"),
        ("post", "/conta/notificacoes/marcar-todas-como-lidas/"),
        ("get", "/conta/notificacoes/preferencias/"),
        ("post", "/conta/notificacoes/preferencias/"),
    ],
)
def test_anonymous_visitors_are_sent_to_sign_in(client, method, path):
    response = getattr(client, method)(path)
    assert response.status_code == 302
    assert response.url.startswith(reverse("identity:login") + "?next=")


def test_the_inbox_shows_ones_own_notifications_newest_first_with_new_ones_tagged():
    user = VerifiedUserFactory()
    old = NotificationFactory(user=user, title="Primeira notificação", body="Linha 1\nLinha 2")
    Notification.objects.filter(pk=old.pk).update(read_at=old.created_at)
    NotificationFactory(user=user, title="Segunda notificação")
    NotificationFactory(title="Notificação de outra pessoa")
    response = signed_in(user).get(reverse("notifications:inbox"))
    page = response.content.decode()
    assert response.status_code == 200 and page.count("<h1") == 1
    assert page.index("Segunda notificação") < page.index("Primeira notificação")
    assert "Notificação de outra pessoa" not in page
    assert page.count(">Nova</span>") == 1 and "Linha 1<br>Linha 2" in page
    assert "Você tem 1 notificação nova." in page
    assert reverse("notifications:mark_all_read") in page


def test_a_company_badge_shows_when_the_notification_concerns_a_company():
    company = CompanyFactory(legal_name="Padaria Pantanal Ltda")
    notification = NotificationFactory(company=company)
    page = signed_in(notification.user).get(reverse("notifications:inbox")).content.decode()
    assert "Empresa: Padaria Pantanal Ltda" in page


def test_only_unread_filter():
    user = VerifiedUserFactory()
    read = NotificationFactory(user=user, title="Já lida")
    Notification.objects.filter(pk=read.pk).update(read_at=read.created_at)
    NotificationFactory(user=user, title="Ainda não lida")
    page = signed_in(user).get(reverse("notifications:inbox") + "?nao_lidas=1").content.decode()
    assert "Ainda não lida" in page and "Já lida" not in page
    assert re.search(r'href="/conta/notificacoes/\?nao_lidas=1" aria-current="page"', page)


def test_the_inbox_is_paginated_twenty_a_page_and_keeps_the_filter():
    user = VerifiedUserFactory()
    NotificationFactory.create_batch(21, user=user)
    c = signed_in(user)
    first = c.get(reverse("notifications:inbox") + "?nao_lidas=1").content.decode()
    assert first.count('class="notifications-item') == 20 and "Página 1 de 2" in first
    assert "nao_lidas=1&amp;pagina=2" in first
    second = c.get(reverse("notifications:inbox") + "?nao_lidas=1&pagina=2").content.decode()
    assert second.count('class="notifications-item') == 1
    assert c.get(reverse("notifications:inbox") + "?pagina=3").status_code == 404
    assert c.get(reverse("notifications:inbox") + "?pagina=abc").status_code == 404


def test_an_empty_inbox_says_so():
    page = signed_in(VerifiedUserFactory()).get(reverse("notifications:inbox")).content.decode()
    assert "Nenhuma notificação por enquanto" in page
    assert reverse("notifications:mark_all_read") not in page


@pytest.mark.parametrize("method", ["get", "post"])
def test_opening_ones_notification_marks_it_read_and_goes_to_its_page(method):
    notification = NotificationFactory(url="/solicitacoes/abc/")
    response = getattr(signed_in(notification.user), method)(
        reverse("notifications:open", args=[notification.pk])
    )
    assert response.status_code == 302 and response.url == "/solicitacoes/abc/"
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_a_notification_without_url_goes_back_to_the_inbox():
    notification = NotificationFactory(url="")
    response = signed_in(notification.user).get(reverse("notifications:open", args=[notification.pk]))
    assert response.url == reverse("notifications:inbox")


@pytest.mark.parametrize("method", ["get", "post"])
def test_another_persons_notification_is_a_404_and_stays_unread(method):
    notification = NotificationFactory()
    response = getattr(signed_in(VerifiedUserFactory()), method)(
        reverse("notifications:open", args=[notification.pk])
    )
    assert response.status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None
    assert not AuditEvent.objects.filter(action__startswith="notifications.").exists()


def test_an_unknown_notification_is_a_404():
    response = signed_in(VerifiedUserFactory()).get(f"/conta/notificacoes/{SOME_ID}/")
    assert response.status_code == 404
    assert signed_in(VerifiedUserFactory()).get("/conta/notificacoes/nao-e-um-id/").status_code == 404


def test_mark_all_read_marks_only_ones_own_and_is_post_only():
    user = VerifiedUserFactory()
    NotificationFactory.create_batch(2, user=user)
    other = NotificationFactory()
    c = signed_in(user)
    assert c.get(reverse("notifications:mark_all_read")).status_code == 405
    response = c.post(reverse("notifications:mark_all_read"), follow=True)
    assert "2 notificações marcadas como lidas." in response.content.decode()
    assert not Notification.objects.filter(user=user, read_at__isnull=True).exists()
    other.refresh_from_db()
    assert other.read_at is None
    assert AuditEvent.objects.filter(action="notifications.notification.read_all", actor=user).count() == 1


def test_the_preferences_page_says_the_portal_is_always_on_and_shows_the_choice():
    user = VerifiedUserFactory()
    response = signed_in(user).get(reverse("notifications:preferences"))
    page = response.content.decode()
    assert response.status_code == 200 and "Sempre ligado." in page
    assert "Receber também por e-mail" in page
    assert re.search(r'<input type="checkbox" name="email"[^>]*checked', page)
    assert 'aria-describedby="id_email_helptext"' in page


def test_turning_email_off_is_saved_and_audited():
    user = VerifiedUserFactory()
    c = signed_in(user)
    response = c.post(reverse("notifications:preferences"), {})
    assert response.status_code == 302 and response.url == reverse("notifications:preferences")
    assert NotificationPreference.objects.get(user=user).email is False
    event = AuditEvent.objects.get(action="notifications.preference.update")
    assert event.actor == user and event.changes == {"email": [True, False]}
    page = c.get(reverse("notifications:preferences")).content.decode()
    assert "Preferências salvas." in page
    assert not re.search(r'<input type="checkbox" name="email"[^>]*checked', page)


def test_choosing_email_without_an_address_is_a_field_error():
    user = VerifiedUserFactory(email="", email_verified_at=None)
    response = signed_in(user).post(reverse("notifications:preferences"), {"email": "on"})
    page = response.content.decode()
    assert response.status_code == 400
    assert 'id="id_email_error"' in page and "Você não tem e-mail cadastrado" in page
    assert not AuditEvent.objects.filter(action="notifications.preference.update").exists()


def test_an_unconfirmed_email_is_pointed_out():
    page = signed_in(UserFactory(email_verified_at=None)).get(reverse("notifications:preferences"))
    assert "ainda não foi confirmado" in page.content.decode()


def test_the_pages_have_no_inline_styles_or_scripts():
    notification = NotificationFactory()
    c = signed_in(notification.user)
    for name in ("notifications:inbox", "notifications:preferences"):
        page = c.get(reverse(name)).content.decode()
        assert "style=" not in page and "<script>" not in page and " onclick=" not in page
