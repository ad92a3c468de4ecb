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


# --- hostile uploads (review findings H1, M2, LOW-4): refused with a message, never a 500 -------

_VALID_HEAD = "openapi: '3.0.0'\ninfo: {title: t, version: '1'}\npaths: {'/a': {get: {}}}\n"


def _laughs(levels: int) -> str:
    """~500 bytes of YAML whose aliases expand to 4**levels strings if followed."""
    lines = [_VALID_HEAD.rstrip("\n"), "l0: &l0 ['xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx']"]
    lines += [f"l{i}: &l{i} [*l{i - 1}, *l{i - 1}, *l{i - 1}, *l{i - 1}]" for i in range(1, levels + 1)]
    return "\n".join(lines) + "\n"


def test_yaml_aliases_are_refused_not_expanded():
    pytest.importorskip("yaml")
    # 4**8 strings once expanded (several MB of canonical text): small enough that a regression
    # fails this test instead of exhausting memory; real attacks use more levels, refused alike
    document = _laughs(8)
    assert len(document) < 1000
    with pytest.raises(ValidationError) as refused:
        parse_openapi(document)
    assert refused.value.code == "openapi_yaml_alias"
    assert "âncoras" in refused.value.messages[0]


@pytest.mark.parametrize(
    "document",
    [
        "a: &a [*a]\n",  # recursive alias: cannot be written as JSON
        "openapi: '3.0.0'\ninfo: &i {title: t, version: '1', self: *i}\npaths: {'/a': {get: {}}}\n",
        _VALID_HEAD + "x: &unused 1\n",  # an anchor alone is refused too
    ],
)
def test_recursive_aliases_and_anchors_are_refused(document):
    pytest.importorskip("yaml")
    with pytest.raises(ValidationError) as refused:
        parse_openapi(document)
    assert refused.value.code == "openapi_yaml_alias"


@pytest.mark.parametrize(
    "document",
    [
        "[" * 100_000 + "]" * 100_000,  # past the JSON parser's recursion limit
        '{"openapi":"3.0.0","info":{"title":"t","version":"1"},"paths":{"/a":{"get":{}}},"x":'
        + "[" * 5000
        + "]" * 5000
        + "}",
        '{"openapi":"3.0.0","info":{"title":"t","version":"1"},"paths":{"/a":{"get":{}}},"x":'
        + "[" * 500
        + "]" * 500
        + "}",  # parses, but deeper than MAX_DEPTH
        "x:\n" + "".join("  " * i + "- \n" for i in range(1, 200)),  # deep YAML
        _VALID_HEAD + "x: " + "[" * 5000 + "]" * 5000 + "\n",
    ],
)
def test_deep_nesting_is_refused(document):
    with pytest.raises(ValidationError) as refused:
        parse_openapi(document)
    assert refused.value.code in ("openapi_depth", "openapi_syntax")


def test_the_canonical_text_is_limited_too():
    # 1 MiB of input whose canonical form (indented JSON) is several times larger
    document = {"openapi": "3.0.0", "info": {"title": "t", "version": "1"}, "paths": {"/a": {"get": {}}}}
    document["x"] = [[[[[[[[[[0] * 60_000]]]]]]]]]
    text = json.dumps(document, separators=(",", ":"))
    assert len(text) < MAX_OPENAPI_BYTES
    with pytest.raises(ValidationError) as refused:
        parse_openapi(text)
    assert refused.value.code == "openapi_size"


def test_yaml_that_json_cannot_hold_is_refused():
    pytest.importorskip("yaml")
    with pytest.raises(ValidationError):
        parse_openapi(_VALID_HEAD + "x: {2020-01-01: data}\n")


@pytest.mark.parametrize(
    "path",
    ["/a/./b", "/a/..", "/a/%2e%2E/b", "/a/{placa", "/a/placa}", "/a/{}", "/a/{{x}}", "/a/{x/y}", "/{a}{b"],
)
def test_dot_segments_and_unbalanced_braces_are_refused(path):
    document = {"openapi": "3.0.0", "info": {"title": "t", "version": "1"}, "paths": {path: {"get": {}}}}
    with pytest.raises(ValidationError) as refused:
        parse_openapi(json.dumps(document))
    assert "segmento" in refused.value.messages[0]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "content",
    [
        b"[" * 100_000 + b"]" * 100_000,
        b"a: &a [*a]\n",
        _laughs(8).encode(),
    ],
)
def test_a_hostile_upload_is_a_field_error_on_the_page(client, world, content):
    import io

    from django.urls import reverse

    client.force_login(world.detran_admin)
    upload = io.BytesIO(content)
    upload.name = "servico.yaml"
    response = client.post(
        reverse("xvia:service_create", args=[world.detran.pk]),
        {"subsystem": str(world.detran_sub.pk), "code": "svc", "title": "t", "openapi": upload},
    )
    assert response.status_code == 400
    assert response.context["form"].errors["openapi"]
    assert not world.detran_sub.services.exists()
