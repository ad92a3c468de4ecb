"""The apps' JSON API, mounted as the project will mount it: with an auth class whose result is
the person (here a tiny bearer class standing in for MT Login's access tokens)."""

import uuid

import pytest
from ninja import NinjaAPI
from ninja.security import HttpBearer
from ninja.testing import TestClient

from plataforma.common.models import AuditEvent
from plataforma.identity.companies.tests.factories import CompanyFactory
from plataforma.identity.models import User
from plataforma.notifications.api import router
from plataforma.notifications.models import Notification

from .factories import NotificationFactory, VerifiedUserFactory

pytestmark = pytest.mark.django_db


class TokenIsUserId(HttpBearer):
    """Stands in for MT Login's access-token auth class: the token is the user's id."""

    def authenticate(self, request, token):
        try:
            pk = uuid.UUID(token)
        except ValueError:
            return None
        return User.objects.filter(pk=pk, is_active=True).first()


api = NinjaAPI(urls_namespace="notifications-test-api")
api.add_router("/", router, auth=TokenIsUserId())
unauthenticated_api = NinjaAPI(urls_namespace="notifications-test-noauth")
unauthenticated_api.add_router("/", router)


@pytest.fixture
def http():
    return TestClient(api)


def bearer(user) -> dict:
    return {"headers": {"Authorization": f"Bearer {user.pk}"}}


def test_the_list_holds_only_ones_own_newest_first_with_total_and_unread(http):
    user = VerifiedUserFactory()
    first = NotificationFactory(user=user, title="Primeira")
    Notification.objects.filter(pk=first.pk).update(read_at=first.created_at)
    NotificationFactory(
        user=user, title="Segunda", company=CompanyFactory(legal_name="Padaria Pantanal Ltda")
    )
    NotificationFactory(title="De outra pessoa")
    response = http.get("/notificacoes", **bearer(user))
    assert response.status_code == 200
    data = response.json()
    assert data["total"] == 2 and data["unread"] == 1 and data["limit"] == 20 and data["offset"] == 0
    assert [item["title"] for item in data["items"]] == ["Segunda", "Primeira"]
    newest = data["items"][0]
    assert newest["read"] is False and newest["company"]["name"] == "Padaria Pantanal Ltda"
    assert newest["category"] == "solicitacao" and newest["category_label"] == "Solicitação"
    assert data["items"][1]["read"] is True and data["items"][1]["company"] is None


def test_limit_offset_and_the_unread_filter(http):
    user = VerifiedUserFactory()
    NotificationFactory.create_batch(5, user=user)
    read = NotificationFactory(user=user)
    Notification.objects.filter(pk=read.pk).update(read_at=read.created_at)
    data = http.get("/notificacoes?limit=2&offset=4", **bearer(user)).json()
    assert data["total"] == 6 and data["unread"] == 5 and len(data["items"]) == 2
    unread_only = http.get("/notificacoes?nao_lidas=true", **bearer(user)).json()
    assert unread_only["total"] == 5 and all(not item["read"] for item in unread_only["items"])


@pytest.mark.parametrize("query", ["limit=0", "limit=101", "offset=-1", "limit=abc"])
def test_bad_paging_is_a_422(http, query):
    assert http.get(f"/notificacoes?{query}", **bearer(VerifiedUserFactory())).status_code == 422


def test_marking_ones_own_as_read(http):
    notification = NotificationFactory()
    response = http.post(f"/notificacoes/{notification.pk}/lida", **bearer(notification.user))
    assert response.status_code == 200 and response.json()["read"] is True
    notification.refresh_from_db()
    assert notification.read_at is not None
    assert AuditEvent.objects.filter(action="notifications.notification.read").count() == 1
    again = http.post(f"/notificacoes/{notification.pk}/lida", **bearer(notification.user))
    assert again.status_code == 200
    assert AuditEvent.objects.filter(action="notifications.notification.read").count() == 1


def test_another_persons_notification_is_a_404(http):
    notification = NotificationFactory()
    response = http.post(f"/notificacoes/{notification.pk}/lida", **bearer(VerifiedUserFactory()))
    assert response.status_code == 404 and response.json() == {"detail": "Notificação não encontrada."}
    notification.refresh_from_db()
    assert notification.read_at is None


def test_a_malformed_id_is_refused(http):
    response = http.post("/notificacoes/nao-e-um-id/lida", **bearer(VerifiedUserFactory()))
    assert response.status_code in (404, 422)


def test_without_a_valid_token_the_answer_is_401(http):
    assert http.get("/notificacoes").status_code == 401
    assert http.get("/notificacoes", headers={"Authorization": "Bearer " + "0" * 36}).status_code == 401
    assert http.get("/notificacoes", headers={"Authorization": "Bearer xyz"}).status_code == 401


def test_mounted_without_auth_the_router_fails_closed():
    user = VerifiedUserFactory()
    NotificationFactory(user=user)
    client = TestClient(unauthenticated_api)
    response = client.get("/notificacoes", user=user)
    assert response.status_code == 401
    assert response.json() == {"detail": "Entre com a sua conta MT Login."}


def test_the_openapi_document_describes_the_operations():
    schema = api.get_openapi_schema(path_prefix="")
    assert "/notificacoes" in schema["paths"] and "/notificacoes/{notification_id}/lida" in schema["paths"]
    assert schema["paths"]["/notificacoes"]["get"]["tags"] == ["Notificações"]
