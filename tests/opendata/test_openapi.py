"""The OpenAPI 3.1 description: valid (openapi-spec-validator), and the demo's answers match it."""

import jsonschema
import pytest
from openapi_spec_validator import validate

from reading.openapi import document


def test_the_document_is_valid_openapi_3_1(client, db):
    data = client.get("/api/openapi.json").json()
    assert data["openapi"] == "3.1.0"
    validate(data)


def schema_for(data, path, status="200"):
    schema = data["paths"][path]["get"]["responses"][status]["content"]["application/json"]["schema"]
    return {**schema, "components": data["components"]}


@pytest.mark.parametrize(
    "template, url, status",
    [
        ("/people.json", "/people.json?q=ma", "200"),
        ("/people/{slug}.json", "/people/yang-meng.json", "200"),
        ("/people/{slug}.json", "/people/dai-shan.json", "200"),
        ("/events.json", "/events.json", "200"),
        ("/events.json", "/events.json?year=abc", "400"),
        ("/articles.json", "/articles.json", "200"),
        ("/articles/{slug}.json", "/articles/alibaba-b2b-18-years.json", "200"),
        ("/organizations/{slug}.json", "/organizations/cbu.json", "200"),
        ("/people/{slug}.json", "/people/nobody.json", "404"),
    ],
)
def test_demo_answers_validate_against_the_documented_schema(client, demo, template, url, status):
    response = client.get(url)
    assert str(response.status_code) == status
    jsonschema.validate(response.json(), schema_for(document("http://testserver"), template, status))
