"""The service page's extension point (catalog/actions.py): the feature apps offer actions without
the catalogue importing them; a provider that offers nothing draws nothing."""

from __future__ import annotations

import pytest
from django.template import Context, Template

from plataforma.catalog import actions
from plataforma.catalog.actions import ServiceAction, service_action_register
from plataforma.catalog.models import Service


class _Published:
    is_published = True
    slug = "servico-de-teste"
    name = "Serviço de teste"


@pytest.fixture
def providers(monkeypatch):
    monkeypatch.setattr(actions, "_providers", {})
    return actions._providers


def _render(service) -> str:
    return Template("{% load catalog_actions %}{% service_actions service %}").render(
        Context({"service": service})
    )


def test_registered_actions_are_drawn_in_order_and_none_draws_nothing(providers):
    service_action_register(
        key="b", provider=lambda s: ServiceAction("catalog/tests/_action.html", {"label": "B"})
    )
    service_action_register(key="none", provider=lambda s: None)
    service_action_register(
        key="a", provider=lambda s: ServiceAction("catalog/tests/_action.html", {"label": "A"})
    )
    html = _render(_Published())
    assert html.index("[B servico-de-teste]") < html.index("[A servico-de-teste]")
    assert html.count("[") == 2


def test_registering_the_same_key_again_replaces_the_provider(providers):
    service_action_register(
        key="x", provider=lambda s: ServiceAction("catalog/tests/_action.html", {"label": "1"})
    )
    service_action_register(
        key="x", provider=lambda s: ServiceAction("catalog/tests/_action.html", {"label": "2"})
    )
    assert _render(_Published()).strip() == "[2 servico-de-teste]"


def test_an_unpublished_service_or_none_gets_no_actions(providers):
    service_action_register(
        key="x", provider=lambda s: ServiceAction("catalog/tests/_action.html", {"label": "1"})
    )
    assert _render(Service(is_published=False)).strip() == ""
    assert _render(None).strip() == ""


def test_the_context_is_autoescaped(providers):
    service_action_register(
        key="x", provider=lambda s: ServiceAction("catalog/tests/_action.html", {"label": "<script>"})
    )
    assert "<script>" not in _render(_Published()) and "&lt;script&gt;" in _render(_Published())
