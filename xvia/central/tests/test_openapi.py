"""OpenAPI descriptions: accepted, hashed, endpoints derived; bad ones refused in Portuguese."""

from __future__ import annotations

import hashlib
import json

import pytest
from django.core.exceptions import ValidationError

from xvia.central import services
from xvia.central.models import Endpoint
from xvia.central.openapi import MAX_OPENAPI_BYTES, parse_openapi

from .helpers import OPENAPI


def test_endpoints_come_from_the_paths():
    parsed = parse_openapi(OPENAPI)
    assert [(m, p) for m, p, _ in parsed.endpoints] == [
        ("GET", "/veiculos/{placa}"),
        ("GET", "/proprietarios/{cpf}/veiculos"),
        ("GET", "/veiculos/{placa}/debitos"),
    ]
    assert parsed.sha256 == hashlib.sha256(parsed.text.encode()).hexdigest()
    assert json.loads(parsed.text)["openapi"] == "3.0.3"


def test_yaml_is_accepted_when_pyyaml_is_installed():
    pytest.importorskip("yaml")
    text = "openapi: 3.1.0\ninfo: {title: T, version: '1'}\npaths:\n  /x:\n    post: {summary: cria}\n"
    assert parse_openapi(text).endpoints == [("POST", "/x", "cria")]


@pytest.mark.parametrize(
    "document",
    [
        "não é json nem yaml: [",
        json.dumps([1, 2]),
        json.dumps({"swagger": "2.0", "info": {"title": "t", "version": "1"}, "paths": {"/a": {"get": {}}}}),
        json.dumps({"openapi": "3.0.0", "paths": {"/a": {"get": {}}}}),
        json.dumps({"openapi": "3.0.0", "info": {"title": "t", "version": "1"}, "paths": {}}),
        json.dumps({"openapi": "3.0.0", "info": {"title": "t", "version": "1"}, "paths": {"a": {"get": {}}}}),
        json.dumps({"openapi": "3.0.0", "info": {"title": "t", "version": "1"}, "paths": {"/a": {"x": {}}}}),
        json.dumps(
            {"openapi": "3.0.0", "info": {"title": "t", "version": "1"}, "paths": {"/a/../b": {"get": {}}}}
        ),
    ],
)
def test_unusable_descriptions_are_refused(document):
    with pytest.raises(ValidationError):
        parse_openapi(document)


def test_oversized_and_non_utf8_are_refused():
    with pytest.raises(ValidationError):
        parse_openapi(b"{" + b" " * MAX_OPENAPI_BYTES + b"}")
    with pytest.raises(ValidationError):
        parse_openapi(b"\xff\xfe\x00")


@pytest.mark.django_db
def test_replacing_the_description_replaces_the_endpoints(world):
    service = services.service_create(
        actor=None, subsystem=world.detran_sub, code="veiculos", title="Veículos", openapi=OPENAPI
    )
    assert service.endpoints.count() == 3
    other = json.dumps(
        {
            "openapi": "3.0.0",
            "info": {"title": "t", "version": "2"},
            "paths": {"/novo": {"get": {}, "delete": {}}},
        }
    )
    services.service_openapi_set(actor=None, service=service, openapi=other)
    assert set(Endpoint.objects.filter(service=service).values_list("method", "path")) == {
        ("GET", "/novo"),
        ("DELETE", "/novo"),
    }
