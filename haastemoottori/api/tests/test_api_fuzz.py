"""Schemathesis against our own OpenAPI schema: no 500, documented status codes, valid response bodies."""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from config.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


@pytest.fixture
def keep_test_connection():
    """Requests through the WSGI app must not close the test's database connection (as Django's own
    test client ensures): on PostgreSQL that would end the test transaction."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def data(region, make_challenge, keep_test_connection):
    from conftest import publishable
    from haastemoottori.challenges import services

    challenge = publishable(make_challenge(), region)
    services.challenge_transition(actor=region.people["espoo_owner"], challenge=challenge, target="co_definition")


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_schema(data, case):
    case.call_and_validate()
