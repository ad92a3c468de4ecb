"""Fixtures of the inbox tests: the service-request fixtures (DETRAN-MT, its servants, another
agency) plus the test URL configuration and helpers to make requests in any state."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from ...models import ServiceRequest
from ...services import service_request_act
from ..factories import submit


@pytest.fixture
def make_request(service, person):
    """make_request(state=..., due_in=days, assignee=..., user=...) → a submitted request moved to
    the state by the workflow itself, with its deadline set `due_in` days from now."""

    def _make(
        *,
        state: str = "recebida",
        due_in: float | None = None,
        assignee=None,
        user=None,
        svc=None,
        analyst=None,
    ):
        request = submit(svc or service, user or person)
        if state != "recebida":
            assert analyst is not None, "moving a request needs an analyst of its agency"
            service_request_act(request_id=request.pk, actor=analyst, action_key="iniciar_analise")
            if state == "pendente":
                service_request_act(
                    request_id=request.pk,
                    actor=analyst,
                    action_key="solicitar_informacoes",
                    note="Envie o CRV.",
                )
            elif state == "deferida":
                service_request_act(request_id=request.pk, actor=analyst, action_key="deferir")
        updates = {}
        if due_in is not None:
            updates["due_at"] = timezone.now() + timedelta(days=due_in)
        if assignee is not None:
            updates["assignee"] = assignee
        if updates:
            ServiceRequest.objects.filter(pk=request.pk).update(**updates)
        return ServiceRequest.objects.get(pk=request.pk)

    return _make


@pytest.fixture
def documents_dir(tmp_path, settings):
    """The `documents` storage in a temporary folder for the test."""
    settings.STORAGES = {
        **settings.STORAGES,
        "documents": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "documents"), "base_url": None},
        },
    }
    return tmp_path / "documents"
