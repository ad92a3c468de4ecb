import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from plataforma.notifications.context_processors import unread

from .factories import NotificationFactory, VerifiedUserFactory

pytestmark = pytest.mark.django_db


def request_for(user):
    request = RequestFactory().get("/")
    request.user = user
    return request


def test_visitors_get_zero_without_a_query(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert unread(request_for(AnonymousUser())) == {"notifications_unread": 0}


def test_the_signed_in_person_gets_their_unread_count_in_one_query(django_assert_num_queries):
    user = VerifiedUserFactory()
    NotificationFactory.create_batch(2, user=user)
    read = NotificationFactory(user=user)
    read.read_at = read.created_at
    read.save()
    NotificationFactory()
    with django_assert_num_queries(1):
        assert unread(request_for(user)) == {"notifications_unread": 2}


def test_pages_receive_the_count():
    from django.test import Client

    user = VerifiedUserFactory()
    NotificationFactory(user=user)
    c = Client()
    c.force_login(user)
    response = c.get("/conta/notificacoes/")
    assert response.context["notifications_unread"] == 1
