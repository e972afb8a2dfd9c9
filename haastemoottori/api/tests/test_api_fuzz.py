"""Schemathesis against our own OpenAPI schema: no 500, documented status codes, valid response bodies."""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from config.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


@pytest.fixture
def data(region, make_challenge):
    from conftest import publishable
    from haastemoottori.challenges import services

    challenge = publishable(make_challenge(), region)
    services.challenge_transition(actor=region.people["espoo_owner"], challenge=challenge, target="co_definition")


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_schema(data, case):
    case.call_and_validate()
