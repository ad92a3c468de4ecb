"""Test data for service requests: a published digital service with a request form, people in
every role, and submitted requests. Forms are written straight to the database here; the
editor's own services are tested in tests/editor/."""

from __future__ import annotations

import uuid
from decimal import Decimal
from typing import Any

from django.utils import timezone

from plataforma.catalog.tests.factories import AgencyFactory, published_service
from plataforma.identity.models import AgencyRole, Level
from plataforma.identity.tests.factories import UserFactory, make_editor

from ..models import RequestForm, RequestFormVersion, ServiceRequest
from ..services import service_request_submit

SIMPLE_FIELDS: list[dict[str, Any]] = [
    {"key": "nome", "type": "text", "label": "Nome completo", "prefill": "person.full_name"},
    {"key": "email", "type": "email", "label": "E-mail", "prefill": "person.email"},
    {"key": "placa", "type": "text", "label": "Placa do veículo", "min_length": 7, "max_length": 8},
    {"key": "motivo", "type": "textarea", "label": "Motivo do pedido", "required": False},
]


def citizen(**kwargs) -> Any:
    kwargs.setdefault("email_verified_at", timezone.now())
    kwargs.setdefault("level", Level.PRATA)
    return UserFactory(**kwargs)


def servant(agency, *roles: str, **kwargs) -> Any:
    user = citizen(**kwargs)
    for role in roles:
        AgencyRole.objects.create(user=user, agency=agency, role=role)
    return user


def service_with_form(
    *,
    agency=None,
    editor=None,
    fields: list[dict[str, Any]] | None = None,
    fee: Decimal | None = None,
    min_login_level: str = "bronze",
    **content: Any,
):
    """A published, digital service of `agency` whose request form is open, with one published
    form version holding `fields`."""
    agency = agency or AgencyFactory()
    editor = editor or make_editor(agency)
    content.setdefault("name", f"Serviço de teste {uuid.uuid4().hex[:6]}")
    content.setdefault("is_digital", True)
    content.setdefault("digital_url", None)
    content.setdefault("min_login_level", min_login_level)
    content.setdefault("total_time", {"kind": "ate", "max": 10, "unit": "dias-uteis"})
    if fee is not None:
        content.setdefault("is_free", False)
    service = _published(agency=agency, editor=editor, content=content)
    form = RequestForm.objects.create(service=service, fee_amount=fee, fee_description="Taxa" if fee else "")
    version = RequestFormVersion.objects.create(
        form=form,
        number=1,
        state=RequestFormVersion.State.PUBLISHED,
        spec={"fields": SIMPLE_FIELDS if fields is None else fields},
        published_at=timezone.now(),
        published_by=editor,
    )
    form.current_version = version
    form.accepts_requests = True
    form.save()
    return service


def _published(*, agency, editor, content):
    try:
        return published_service(agency=agency, editor=editor, **content)
    except Exception:
        # A digital service needs its URL in the Carta when it is not requested on the platform;
        # fall back to giving it one.
        content["digital_url"] = "https://servicos.mt.gov.br/teste"
        return published_service(agency=agency, editor=editor, **content)


def submit(service, user, *, company=None, data: dict[str, Any] | None = None, key: str | None = None):
    request, _created = service_request_submit(
        user=user,
        service=service,
        data=data if data is not None else {"nome": user.full_name, "placa": "QBX1A23", "motivo": ""},
        files={},
        idempotency_key=key or uuid.uuid4().hex,
        session_level=Level.OURO,
        company=company,
    )
    return request


def reload(request: ServiceRequest) -> ServiceRequest:
    return ServiceRequest.objects.get(pk=request.pk)
