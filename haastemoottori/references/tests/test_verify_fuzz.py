"""Whatever is pasted, uploaded or posted to the API, verifying answers with an outcome, never a 500."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from haastemoottori.credentials.verification import Outcome

quick = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
OUTCOMES = {o.value for o in Outcome}
token_like = st.builds(
    lambda a, b, c: f"{a}.{b}.{c}",
    *[st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", min_size=1)] * 3,
)


@pytest.mark.django_db
@quick
@given(text=st.one_of(st.text(max_size=500), token_like, st.sampled_from(['{"id": "data:application/vc+jwt,a.b.c"}'])))
def test_pasted_text(client, text):
    response = client.post("/fi/verify/", {"reference": text.replace("\x00", "")})
    assert response.status_code in (200, 400)
    assert any(f'data-outcome="{o}"' in response.content.decode() for o in OUTCOMES)


@pytest.mark.django_db
@quick
@given(data=st.binary(max_size=500))
def test_uploaded_bytes(client, data):
    response = client.post("/en/verify/", {"file": SimpleUploadedFile("x.json", data)})
    assert response.status_code in (200, 400)


@pytest.mark.django_db
@quick
@given(text=st.one_of(st.text(max_size=300), token_like))
def test_api(client, text):
    response = client.post("/api/v1/references/verify", {"credential": text}, content_type="application/json")
    assert response.status_code == 200 and response.json()["outcome"] in OUTCOMES
