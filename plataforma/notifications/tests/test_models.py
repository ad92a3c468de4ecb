"""The database refuses what the service refuses, for writes that bypass it."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from plataforma.notifications.models import Notification, is_local_path

from .factories import NotificationFactory, VerifiedUserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "field",
    [
        {"url": "//exemplo.com/"},
        {"url": "/\\exemplo.com"},
        {"url": "https://exemplo.com/"},
        {"title": ""},
        {"category": "spam"},
    ],
)
def test_the_database_refuses_invalid_rows(field):
    user = VerifiedUserFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Notification.objects.create(user=user, **{"title": "Título", "category": "geral", **field})


def test_the_model_validator_refuses_a_foreign_url():
    notification = NotificationFactory.build(user=VerifiedUserFactory(), url="//exemplo.com/")
    with pytest.raises(ValidationError) as error:
        notification.full_clean()
    assert "url" in error.value.message_dict


@pytest.mark.parametrize(
    ("url", "local"),
    [
        ("/", True),
        ("/a/b?c=d", True),
        ("", False),
        ("//a", False),
        ("/\\a", False),
        ("a/b", False),
        ("/a\tb", False),
    ],
)
def test_is_local_path(url, local):
    assert is_local_path(url) is local


def test_str_does_not_show_the_title():
    notification = NotificationFactory(title="Maria, sua CNH está pronta")
    assert "Maria" not in str(notification) and str(notification.pk) in str(notification)
