"""One OpenAPI document serves every app's API (ADR 0006): django-ninja names each component after
its schema class, and two classes with the same name from different apps silently share one
component, so one API's answers would be documented with the other's fields (found by
Schemathesis when the ouvidoria's EventOut replaced the requests' one)."""

from __future__ import annotations

from collections import defaultdict

from ninja import Schema

from plataforma.catalog.api import api


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def _shape(schema: dict) -> tuple:
    """Field names, types and required ones: what a client relies on (not the descriptions)."""
    props = schema.get("properties", {})
    return (
        tuple(sorted((name, str(p.get("type")), str(p.get("$ref", ""))) for name, p in props.items())),
        tuple(sorted(schema.get("required", []))),
    )


def test_no_two_different_api_schemas_of_the_platform_share_a_component_name():
    components = api.get_openapi_schema()["components"]["schemas"]
    by_name = defaultdict(dict)
    for cls in _subclasses(Schema):
        if cls.__module__.startswith("plataforma.") and cls.__name__ in components:
            by_name[cls.__name__][cls.__module__] = _shape(cls.model_json_schema(ref_template="{model}"))
    shared = {name: sorted(shapes) for name, shapes in by_name.items() if len(set(shapes.values())) > 1}
    assert not shared, shared
