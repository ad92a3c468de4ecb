"""The notification centre for the apps (MT Cidadão, MT Empresarial), in the JSON API.

The router brings no authentication of its own: whoever mounts it passes the MT Login bearer
token auth class, whose result (`request.auth`) is the person's User, e.g.

    api.add_router("/", notifications_router, auth=MTLoginBearer())

Without a user in `request.auth` every operation answers 401, so a router mounted without auth
fails closed. Paths in Portuguese, fields in English, errors as {"detail": "…"} (ADR 0006).
"""

from __future__ import annotations

import uuid
from datetime import datetime

from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.errors import HttpError
from pydantic import Field

from . import selectors, services
from .models import Notification

router = Router(tags=["Notificações"])

MAX_LIMIT = 100
MAX_OFFSET = 100_000


class ErrorOut(Schema):
    detail: str


class FieldErrorOut(Schema):
    field: str
    message: str


class ValidationErrorOut(Schema):
    """422: a malformed parameter (the API's error handler lists each field)."""

    detail: str
    errors: list[FieldErrorOut]


class CompanyOut(Schema):
    id: uuid.UUID
    name: str = Field(description="Razão social")


class NotificationOut(Schema):
    id: uuid.UUID
    category: str = Field(description="solicitacao, pagamento, avaliacao, seguranca ou geral")
    category_label: str
    title: str
    body: str = Field(description="Texto simples (não é HTML)")
    url: str = Field(description="Caminho no portal (começa com /), ou vazio")
    company: CompanyOut | None = Field(None, description="Empresa a que a notificação se refere")
    read: bool
    read_at: datetime | None
    created_at: datetime


class NotificationList(Schema):
    total: int = Field(description="Quantas notificações há com o filtro pedido")
    unread: int = Field(description="Quantas notificações não lidas a pessoa tem")
    limit: int
    offset: int
    items: list[NotificationOut]


class NotificationListQuery(Schema):
    limit: int = Field(20, ge=1, le=MAX_LIMIT, description="Quantos itens (1 a 100)")
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description="Quantos itens pular")
    nao_lidas: bool = Field(False, description="Só as não lidas")


def _user(request: HttpRequest):
    user = getattr(request, "auth", None)
    # The requests API's bearer auth answers a Caller (user, token, level, company).
    user = getattr(user, "user", user)
    if user is None or not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False):
        raise HttpError(401, "Entre com a sua conta MT Login.")
    return user


def _out(notification: Notification) -> dict:
    company = notification.company
    return {
        "id": notification.pk,
        "category": notification.category,
        "category_label": str(notification.get_category_display()),
        "title": notification.title,
        "body": notification.body,
        "url": notification.url,
        "company": {"id": company.pk, "name": company.legal_name} if company else None,
        "read": notification.read_at is not None,
        "read_at": notification.read_at,
        "created_at": notification.created_at,
    }


@router.get(
    "/notificacoes",
    response={200: NotificationList, 401: ErrorOut, 422: ValidationErrorOut},
    summary="Minhas notificações",
    description="As notificações da pessoa, das mais novas para as mais antigas, com o total e "
    "quantas não foram lidas (Lei 14.129, art. 21).",
)
def list_notifications(request: HttpRequest, params: Query[NotificationListQuery]):
    user = _user(request)
    qs = selectors.notification_list(user=user, unread_only=params.nao_lidas)
    total = qs.count()
    unread = total if params.nao_lidas else selectors.notification_unread_count(user=user)
    items = [_out(n) for n in qs[params.offset : params.offset + params.limit]]
    return {"total": total, "unread": unread, "limit": params.limit, "offset": params.offset, "items": items}


@router.post(
    "/notificacoes/{notification_id}/lida",
    response={200: NotificationOut, 401: ErrorOut, 404: ErrorOut, 422: ValidationErrorOut},
    summary="Marcar uma notificação como lida",
    description="Marcar de novo uma notificação já lida não muda nada. A notificação de outra "
    "pessoa responde 404, como uma que não existe.",
)
def mark_read(request: HttpRequest, notification_id: uuid.UUID):
    user = _user(request)
    notification = selectors.notification_get(user=user, notification_id=notification_id)
    if notification is None:
        raise HttpError(404, "Notificação não encontrada.")
    services.notification_mark_read(user=user, notification=notification)
    return _out(notification)
