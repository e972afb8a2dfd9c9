"""The challenge page section, the public summaries, the API, the owners' list, export and evaluators."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from haastemoottori.proposals import services

from .conftest import close_call, make_proposal

pytestmark = pytest.mark.django_db


def test_challenge_page_section_open_and_closed(client, world):
    """No query of ours while the call is open, one count after (the page's total is the other apps' too)."""
    url = f"/en/challenges/{world.challenge.slug}/"
    with CaptureQueriesContext(connection) as queries:
        page = client.get(url).content.decode()
    assert not [q for q in queries.captured_queries if "proposals_" in q["sql"]]  # none while open
    assert f"/en/challenges/{world.challenge.slug}/call/start/" in page and "left" in page
    make_proposal(world, submit=True)
    close_call(world.challenge)
    with CaptureQueriesContext(connection) as queries:
        page = client.get(url + "?after").content.decode()
    assert len([q for q in queries.captured_queries if "proposals_" in q["sql"]]) == 1
    assert "1 proposal was submitted." in page


def test_summaries_only_after_deadline_and_only_public_answers(client, world):
    make_proposal(world, submit=True, hidden="PIILOSSA")
    make_proposal(world, title="Keskeneräinen")
    url = f"/fi/challenges/{world.challenge.slug}/call/summaries/"
    assert "Lämpöpumppu" not in client.get(url).content.decode()
    close_call(world.challenge)
    page = client.get(url).content.decode()
    assert "Lämpöpumppu" in page and "Julkinen tiivistelmä" in page
    assert "PIILOSSA" not in page and "Keskeneräinen" not in page and "12345" not in page


def test_api_call_and_summaries(client, world):
    make_proposal(world, submit=True, hidden="PIILOSSA")
    call = client.get(f"/api/v1/challenges/{world.challenge.slug}/call").json()
    assert [q["kind"] for q in call["questions"]] == ["text", "text", "number", "choice", "file"]
    assert call["criteria"][0]["weight"] == 60 and call["open"] is True
    assert client.get(f"/api/v1/challenges/{world.challenge.slug}/proposals").json() == []
    close_call(world.challenge)
    items = client.get(f"/api/v1/challenges/{world.challenge.slug}/proposals").json()
    assert [i["title"] for i in items] == ["Lämpöpumppu"]
    assert "PIILOSSA" not in str(items) and "12345" not in str(items)
    assert [a["value"] for a in items[0]["answers"]] == ["Julkinen tiivistelmä", "Valmis"]
    assert client.get("/api/v1/challenges/nope/call").status_code == 404


def test_owner_list_export_and_evaluator_assignment(client, world):
    p = make_proposal(world, submit=True, hidden="OMISTAJILLE")
    draft = make_proposal(world, title="Luonnos")
    client.force_login(world.people["espoo_owner"])
    page = client.get(f"/fi/challenges/{world.challenge.slug}/call/proposals/").content.decode()
    assert p.content_hash in page and "Luonnos" not in page
    rows = list(
        csv.reader(
            io.StringIO(
                client.get(f"/fi/challenges/{world.challenge.slug}/call/proposals.csv").content.decode("utf-8-sig")
            )
        )
    )
    assert rows[0][:8] == [
        "id",
        "title",
        "lead",
        "lead_business_id",
        "partners",
        "submitted_at",
        "submitted_by",
        "content_hash",
    ]
    assert len(rows) == 2 and "OMISTAJILLE" in rows[1] and p.content_hash in rows[1]
    response = client.post(
        f"/fi/challenges/{world.challenge.slug}/evaluation/assignments/add/",
        {"email": "evaluator@example.test", "proposal": ""},
    )
    assert response.status_code == 302
    assert p.evaluators.filter(evaluator=world.people["evaluator"]).exists()
    assert not draft.evaluators.exists()
    client.force_login(world.people["espoo_member"])  # a contributor sees but does not assign
    assert (
        client.post(
            f"/fi/challenges/{world.challenge.slug}/evaluation/assignments/add/", {"email": "unassigned@example.test"}
        ).status_code
        == 403
    )
    with pytest.raises(services.ServicePermissionDenied if hasattr(services, "ServicePermissionDenied") else Exception):
        services.evaluator_assign(
            actor=world.people["espoo_member"], challenge=world.challenge, email="unassigned@example.test"
        )


def test_configure_and_start_pages_post(client, world):
    client.force_login(world.people["espoo_owner"])
    base = f"/fi/challenges/{world.challenge.slug}/call/"
    assert client.post(base + "configure/", {"max_file_size_mb": "0", "max_files": "2"}).status_code == 400
    assert (
        client.post(
            base + "configure/", {"max_file_size_mb": "5", "max_files": "2", "eligibility__fi": "Kaikki"}
        ).status_code
        == 302
    )
    world.challenge.call.refresh_from_db()
    assert world.challenge.call.max_files == 2
    assert (
        client.post(
            base + "questions/",
            {"question-kind": "choice", "question-label__fi": "Valinta", "question-choices__fi": "Yksi"},
        ).status_code
        == 400
    )
    client.force_login(world.people["other_company"])
    response = client.post(base + "start/", {"lead": world.other.pk, "title": "Oma"})
    assert response.status_code == 302 and "/edit/" in response["Location"]
    assert client.post(base + "start/", {"lead": world.lead.pk, "title": "Vieras"}).status_code == 400


def test_owner_list_is_paged_and_assigns_to_a_proposal_on_another_page(
    client, world, monkeypatch, django_assert_max_num_queries
):
    from haastemoottori.proposals import views_call

    monkeypatch.setattr(views_call, "OWNER_LIST_PAGE_SIZE", 2)
    first, second, third = (make_proposal(world, title=f"Ehdotus {i}", submit=True) for i in range(3))
    client.force_login(world.people["espoo_owner"])
    url = f"/fi/challenges/{world.challenge.slug}/call/proposals/"
    with django_assert_max_num_queries(25):
        page = client.get(url).content.decode()
    assert "Ehdotus 0" in page and "Ehdotus 1" in page and "Ehdotus 2" not in page
    assert "page=2" in page
    assert "Ehdotus 2" in client.get(url + "?page=2").content.decode()
    response = client.post(
        f"/fi/challenges/{world.challenge.slug}/evaluation/assignments/add/",
        {"email": "evaluator@example.test", "proposal": str(third.pk)},
    )
    assert response.status_code == 302
    assert list(third.evaluators.values_list("evaluator__email", flat=True)) == ["evaluator@example.test"]
    assert not first.evaluators.exists() and not second.evaluators.exists()
