import pytest

from haastemoottori.pilots.tests.conftest import pilot, tracked, world  # noqa: F401 - the pilots' fixtures

from .factories import finish, issue_all


@pytest.fixture
def finished(world, tracked):  # noqa: F811 - the fixtures imported above
    return finish(tracked, world.people["espoo_owner"])


@pytest.fixture
def issued(world, finished):  # noqa: F811
    return issue_all(finished, world.people["espoo_owner"])
