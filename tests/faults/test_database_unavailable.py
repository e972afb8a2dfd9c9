"""The database going away (PostgreSQL restarted, a connection dropped) gives a 503 that says so in the
user's language with Retry-After, never a bare 500; and no write that was answered as saved is lost."""

import pytest
from django.db import OperationalError, connection
from django.test import Client, RequestFactory

from conftest import make_user
from haastemoottori.challenges.models import Challenge
from haastemoottori.core import views as core_views
from haastemoottori.core.db_unavailable import DatabaseUnavailableMiddleware
from haastemoottori.organisations.models import Membership

MESSAGES = {
    "fi": "Palvelu on hetken poissa käytöstä.",
    "sv": "Tjänsten är tillfälligt otillgänglig.",
    "en": "The service is briefly unavailable.",
}


def _drop(*args, **kwargs):
    raise OperationalError("server closed the connection unexpectedly")


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_a_lost_connection_in_a_page_is_a_503_in_the_users_language(client, db, monkeypatch, language):
    monkeypatch.setattr("haastemoottori.challenges.views.challenge_get_visible", _drop)
    response = client.get(f"/{language}/challenges/jokin-haaste/")
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    html = response.content.decode()
    assert MESSAGES[language] in html and f'<html lang="{language}">' in html


def test_the_api_answers_503_with_a_code(db):
    request = RequestFactory().get("/api/v1/challenges")
    response = DatabaseUnavailableMiddleware(lambda r: None).process_exception(request, _exc())
    assert response.status_code == 503 and response["Retry-After"] == "5"
    assert b'"code": "database_unavailable"' in response.content


def _exc() -> OperationalError:
    return OperationalError("terminating connection due to administrator command")


def test_an_error_after_the_view_reaches_the_500_handler_which_answers_503(db):
    request = RequestFactory().get("/fi/")
    try:
        raise _exc()  # e.g. saving the session when PostgreSQL has just gone away
    except OperationalError:
        response = core_views.server_error(request)
    assert response.status_code == 503 and "Retry-After" in response


def test_other_errors_stay_500(db):
    request = RequestFactory().get("/fi/")
    try:
        raise ValueError("bug")
    except ValueError:
        response = core_views.server_error(request)
    assert response.status_code == 500


on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="terminates a PostgreSQL backend (CI runs the suite on PostgreSQL too)"
)


def _terminate_this_connection() -> None:
    """Kill this test's database session from another connection, as a PostgreSQL restart would."""
    import psycopg

    connection.ensure_connection()
    pid = connection.connection.info.backend_pid
    settings = connection.settings_dict
    with psycopg.connect(
        host=settings["HOST"] or "127.0.0.1",
        port=settings["PORT"] or 5432,
        user=settings["USER"],
        password=settings["PASSWORD"] or None,
        dbname=settings["NAME"],
        autocommit=True,
    ) as other:
        other.execute("SELECT pg_terminate_backend(%s)", [pid])


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_writes_under_a_dropped_connection_are_saved_or_clearly_refused(region):
    owner = make_user("kirjoittaja@espoo.test", region.espoo, Membership.Role.CHALLENGE_OWNER)
    browser = Client()
    browser.force_login(owner)
    answered: list[tuple[str, int]] = []
    for n in range(6):
        if n in (2, 4):
            _terminate_this_connection()
        title = f"Kirjoitus {n}"
        response = browser.post(
            "/fi/challenges/new/", {"lead": region.espoo.pk, "original_language": "fi", "title": title}
        )
        answered.append((title, response.status_code))
        if response.status_code == 503:
            assert MESSAGES["fi"] in response.content.decode() and response["Retry-After"] == "5"
    assert [status for _title, status in answered] == [302, 302, 503, 302, 503, 302]
    saved = set(Challenge.objects.values_list("title__fi", flat=True))
    assert saved == {title for title, status in answered if status == 302}  # every accepted write is there
    # The refused ones can simply be sent again.
    retry = browser.post(
        "/fi/challenges/new/", {"lead": region.espoo.pk, "original_language": "fi", "title": "Kirjoitus 2"}
    )
    assert retry.status_code == 302 and Challenge.objects.filter(title__fi="Kirjoitus 2").exists()
