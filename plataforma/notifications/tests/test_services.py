"""notification_send, marking as read and the preference: what is stored, what is sent, what is
refused, what is audited."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from plataforma.common.models import AuditEvent
from plataforma.identity.companies.tests.factories import CompanyFactory
from plataforma.notifications import services
from plataforma.notifications.models import Notification, NotificationPreference

from .factories import NotificationFactory, UserFactory, VerifiedUserFactory

pytestmark = pytest.mark.django_db


def send(user, **kwargs):
    data = {"title": "Sua solicitação foi recebida", "body": "Protocolo 2026.SEFAZ.000123-7."}
    data.update(kwargs)
    return services.notification_send(user=user, **data)


def test_sending_creates_the_notification_and_one_email_when_allowed(django_capture_on_commit_callbacks):
    user = VerifiedUserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        notification = send(user, url="/solicitacoes/abc/", category="solicitacao")
    stored = Notification.objects.get(pk=notification.pk)
    assert stored.user == user and stored.read_at is None and stored.category == "solicitacao"
    assert stored.title == "Sua solicitação foi recebida" and stored.url == "/solicitacoes/abc/"
    assert stored.emailed_at is not None
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [user.email] and message.subject == "Sua solicitação foi recebida"
    assert "Protocolo 2026.SEFAZ.000123-7." in message.body
    assert "http://127.0.0.1:8000/solicitacoes/abc/" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and 'href="http://127.0.0.1:8000/solicitacoes/abc/"' in html


def test_the_email_carries_nothing_about_the_person_but_the_title_and_body(
    django_capture_on_commit_callbacks,
):
    user = VerifiedUserFactory(full_name="Maria Aparecida Rondon", social_name="")
    with django_capture_on_commit_callbacks(execute=True):
        send(user)
    message = mail.outbox[0]
    html = message.alternatives[0][0]
    for text in (message.subject, message.body, html):
        assert "Maria" not in text and user.cpf not in text and user.email not in text


def test_no_email_when_the_preference_is_off(django_capture_on_commit_callbacks):
    user = VerifiedUserFactory()
    NotificationPreference.objects.create(user=user, email=False)
    with django_capture_on_commit_callbacks(execute=True):
        notification = send(user)
    assert Notification.objects.filter(pk=notification.pk).exists()
    assert mail.outbox == []
    notification.refresh_from_db()
    assert notification.emailed_at is None


def test_no_email_to_an_unconfirmed_address(django_capture_on_commit_callbacks):
    user = UserFactory(email_verified_at=None)
    with django_capture_on_commit_callbacks(execute=True):
        notification = send(user)
    assert Notification.objects.filter(pk=notification.pk).exists() and mail.outbox == []


def test_no_email_without_an_address_or_to_an_inactive_account(django_capture_on_commit_callbacks):
    without = VerifiedUserFactory(email="")
    inactive = VerifiedUserFactory(is_active=False)
    with django_capture_on_commit_callbacks(execute=True):
        send(without)
        send(inactive)
    assert Notification.objects.filter(user__in=[without, inactive]).count() == 2
    assert mail.outbox == []


def test_nothing_is_sent_when_the_callers_transaction_rolls_back(django_capture_on_commit_callbacks):
    user = VerifiedUserFactory()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                send(user)
                raise RuntimeError("the workflow failed")
        except RuntimeError:
            pass
    assert callbacks == [] and mail.outbox == []
    assert not Notification.objects.filter(user=user).exists()


def test_the_email_subject_and_a_company_can_be_given(django_capture_on_commit_callbacks):
    user = VerifiedUserFactory()
    company = CompanyFactory()
    with django_capture_on_commit_callbacks(execute=True):
        notification = send(user, company=company, email_subject="Protocolo 2026.SEFAZ.000123-7: recebida")
    assert Notification.objects.get(pk=notification.pk).company == company
    assert mail.outbox[0].subject == "Protocolo 2026.SEFAZ.000123-7: recebida"


def test_without_url_the_email_links_to_the_notification_centre(django_capture_on_commit_callbacks):
    user = VerifiedUserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        send(user, url="")
    assert "http://127.0.0.1:8000/conta/notificacoes/\n" in mail.outbox[0].body


def test_text_is_plain_in_the_text_part_and_escaped_in_the_html_part(django_capture_on_commit_callbacks):
    user = VerifiedUserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        send(user, title="Taxa & emolumentos", body="<script>alert(1)</script>\nSegunda linha")
    message = mail.outbox[0]
    html = message.alternatives[0][0]
    assert message.subject == "Taxa & emolumentos" and "<script>alert(1)</script>" in message.body
    assert "<script>" not in html and "&lt;script&gt;" in html and "Taxa &amp; emolumentos" in html
    assert "<br>Segunda linha" in html


@pytest.mark.parametrize(
    "url",
    [
        "https://exemplo.com/",
        "//exemplo.com/caminho",
        "/\\exemplo.com",
        "exemplo.com/caminho",
        "solicitacoes/abc/",
        "javascript:alert(1)",
        "/caminho com espaço",
        "/caminho\nSet-Cookie: x",
        "/" + "a" * 500,
    ],
)
def test_a_url_that_is_not_a_local_path_is_refused(url):
    user = VerifiedUserFactory()
    with pytest.raises(ValidationError) as error:
        send(user, url=url)
    assert "url" in error.value.message_dict
    assert not Notification.objects.filter(user=user).exists()


@pytest.mark.parametrize("url", ["/", "/solicitacoes/abc/", "/conta/notificacoes/?pagina=2#topo"])
def test_local_paths_are_accepted(url):
    assert send(VerifiedUserFactory(), url=url).url == url


def test_an_unknown_category_or_an_empty_title_is_refused():
    user = VerifiedUserFactory()
    with pytest.raises(ValidationError) as error:
        send(user, title="   \n ", category="spam")
    assert set(error.value.message_dict) == {"title", "category"}
    assert not Notification.objects.filter(user=user).exists()


def test_long_text_is_cut_and_control_characters_dropped():
    notification = send(
        VerifiedUserFactory(), title="Título\r\ncom quebra " + "t" * 300, body="a\x00b\r\n" + "c" * 3000
    )
    assert len(notification.title) == 200 and notification.title.endswith("…")
    assert notification.title.startswith("Título com quebra t")
    assert len(notification.body) == 2000 and notification.body.startswith("ab\nccc")
    assert notification.body.endswith("…")


def test_marking_as_read_once_is_audited_and_twice_changes_nothing():
    notification = NotificationFactory()
    user = notification.user
    assert services.notification_mark_read(user=user, notification=notification) is True
    assert services.notification_mark_read(user=user, notification=notification) is False
    notification.refresh_from_db()
    assert notification.read_at is not None
    events = AuditEvent.objects.filter(action="notifications.notification.read")
    assert events.count() == 1 and events.get().subject_user_id == user.pk


def test_nobody_marks_another_persons_notification_as_read():
    notification = NotificationFactory()
    with pytest.raises(PermissionDenied):
        services.notification_mark_read(user=VerifiedUserFactory(), notification=notification)
    notification.refresh_from_db()
    assert notification.read_at is None


def test_mark_all_read_touches_only_the_persons_unread_notifications():
    user = VerifiedUserFactory()
    mine = NotificationFactory.create_batch(3, user=user)
    other = NotificationFactory()
    assert services.notification_mark_all_read(user=user) == 3
    assert services.notification_mark_all_read(user=user) == 0
    assert all(n.read_at for n in Notification.objects.filter(pk__in=[n.pk for n in mine]))
    other.refresh_from_db()
    assert other.read_at is None
    event = AuditEvent.objects.get(action="notifications.notification.read_all")
    assert event.changes == {"count": 3} and event.actor == user


def test_changing_the_preference_is_audited_and_saving_it_unchanged_is_not():
    user = VerifiedUserFactory()
    preference, changed = services.notification_preference_update(user=user, email=False)
    assert changed and preference.email is False
    assert NotificationPreference.objects.get(user=user).email is False
    _, changed_again = services.notification_preference_update(user=user, email=False)
    assert not changed_again
    event = AuditEvent.objects.get(action="notifications.preference.update")
    assert event.changes == {"email": [True, False]} and event.subject_user_id == user.pk
    services.notification_preference_update(user=user, email=True)
    assert AuditEvent.objects.filter(action="notifications.preference.update").count() == 2


def test_saving_the_default_preference_for_the_first_time_is_not_a_change():
    user = VerifiedUserFactory()
    _, changed = services.notification_preference_update(user=user, email=True)
    assert not changed and NotificationPreference.objects.get(user=user).email is True
    assert not AuditEvent.objects.filter(action="notifications.preference.update").exists()
