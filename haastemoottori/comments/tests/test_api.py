"""The open API: visible comments in full, hidden ones only as id and reason, no e-mail addresses."""

from haastemoottori.comments import services


def test_api_lists_comments_and_hides_hidden_text(client, region, codef, comment, django_assert_max_num_queries):
    other = services.comment_create(
        actor=region.people["outsider"],
        challenge=codef,
        section="general",
        text="Ostakaa halpoja kelloja!",
        language="fi",
    )
    services.comment_take_into_account(actor=region.people["espoo_owner"], comment=comment, note="Lisätty.")
    services.comment_hide(actor=region.people["espoo_owner"], comment=other, reason="Mainontaa.")
    with django_assert_max_num_queries(3):
        response = client.get(f"/api/v1/challenges/{codef.slug}/comments")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    first, second = body["results"]
    assert first["text"] == "Talvella laitteet jäätyvät." and first["author_name"] == "Aino Yrittäjä"
    assert first["author_organisation"]["slug"] == "testiyritys" and first["owner_note"] == "Lisätty."
    assert second == {
        "id": other.pk,
        "status": "hidden",
        "hidden_reason": "Mainontaa.",
        "section": None,
        "text": None,
        "language": None,
        "created_at": None,
        "author_name": None,
        "author_organisation": None,
        "taken_into_account_at": None,
        "owner_note": None,
    }
    raw = response.content.decode()
    assert "kelloja" not in raw and "@" not in raw


def test_api_404_for_unpublished_and_unknown(client, draft):
    assert client.get(f"/api/v1/challenges/{draft.slug}/comments").status_code == 404
    assert client.get("/api/v1/challenges/nothing-here/comments").status_code == 404
