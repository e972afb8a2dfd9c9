"""The Q&A log's API answer matches its OpenAPI schema, and no two schemas of the API share a name (one would
silently replace the other in ``components``: schemathesis ST108 on ``/challenges/{slug}/questions``)."""

import json

import jsonschema
import pytest
from referencing import Registry, Resource

from .conftest import answer, ask


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def test_no_two_api_schemas_share_a_component_name():
    """django-ninja names a component after its class and a later one silently replaces an earlier one of the
    same name: two schema classes of one name must describe the same thing (as the routers' ErrorOut do)."""
    from ninja import Schema

    import haastemoottori.api.api  # noqa: F401 (imports every router and its schemas)

    shapes: dict[str, dict[str, str]] = {}
    for cls in _subclasses(Schema):
        if cls.__module__.startswith("haastemoottori."):
            shape = json.dumps(cls.model_json_schema(), sort_keys=True)
            shapes.setdefault(cls.__name__, {})[shape] = f"{cls.__module__}.{cls.__qualname__}"
    assert {name: sorted(by_shape.values()) for name, by_shape in shapes.items() if len(by_shape) > 1} == {}


@pytest.mark.django_db
def test_the_questions_response_validates_against_the_openapi_schema(client, challenge, people):
    question = ask(challenge, people["other_company"])
    answer(question, people["espoo_owner"])
    schema = client.get("/api/v1/openapi.json").json()
    names = list(schema["components"]["schemas"])
    assert len(names) == len(set(names))
    response = client.get(f"/api/v1/challenges/{challenge.slug}/questions")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1 and body["results"][0]["answer"] == {"fi": "Kyllä saa."}
    operation = schema["paths"]["/api/v1/challenges/{slug}/questions"]["get"]
    response_schema = operation["responses"]["200"]["content"]["application/json"]["schema"]
    # The response schema's "$ref": "#/components/schemas/…" resolve against the whole OpenAPI document.
    document = {**schema, "$schema": "https://json-schema.org/draft/2020-12/schema"}
    registry = Registry().with_resource("urn:openapi", Resource.from_contents(document))
    validator = jsonschema.Draft202012Validator({"$ref": "urn:openapi" + response_schema["$ref"]}, registry=registry)
    errors = sorted(str(e.message) for e in validator.iter_errors(body))
    assert errors == []
