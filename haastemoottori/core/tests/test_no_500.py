"""No input gives a 500: random query strings and form posts against pages and the API."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from haastemoottori.challenges.tests.test_pages import bulk_public_challenges

PARAMS = ["q", "city", "theme", "stage", "platform", "deadline", "sort", "page", "page_size", "kind"]
values = st.one_of(st.text(max_size=300), st.integers().map(str), st.sampled_from(["", "-1", "0", "1e9", "None"]))
queries = st.dictionaries(st.sampled_from(PARAMS), values, max_size=5)
quick = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture
def data(region):
    bulk_public_challenges(region, 3)
    return region


@quick
@given(
    params=queries,
    path=st.sampled_from(
        ["/fi/challenges/", "/sv/organisations/", "/api/v1/challenges", "/api/v1/organisations", "/en/"]
    ),
)
def test_get_with_any_query_string(client, data, params, path):
    cleaned = {k: v.replace("\x00", "") for k, v in params.items()}
    response = client.get(path, cleaned)
    assert response.status_code in (200, 400, 404, 422), (path, params, response.status_code)


@quick
@given(
    post=st.dictionaries(
        st.sampled_from(
            [
                "title__fi",
                "summary__sv",
                "budget_min",
                "budget_max",
                "route",
                "platform",
                "themes",
                "call_deadline",
                "unknown",
            ]
        ),
        st.text(max_size=50),
        max_size=6,
    )
)
def test_edit_form_with_any_post(client, data, make_challenge, post):
    challenge = make_challenge()
    client.force_login(data.people["espoo_owner"])
    cleaned = {k: v.replace("\x00", "") for k, v in post.items()}
    response = client.post(f"/fi/challenges/{challenge.slug}/edit/", cleaned)
    assert response.status_code in (302, 400), (post, response.status_code)
