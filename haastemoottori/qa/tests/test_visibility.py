"""Equal treatment on every public surface: the page, the challenge page, the exports and the API show
published items only, and never who asked."""

import csv
import io
import json

import pytest
from django.urls import reverse

from haastemoottori.accounts.models import User
from haastemoottori.challenges.models import Challenge

from .conftest import answer, ask

pytestmark = pytest.mark.django_db

PRIVATE = "Meidän Salainen Oy kysyy: saako käyttää patentoitua menetelmäämme X-77?"
PUBLIC = "Saako ratkaisussa käyttää patentoitua menetelmää?"


def public_surfaces(client, challenge) -> dict[str, str]:
    slug = challenge.slug
    return {
        "log": client.get(reverse("qa:log", args=[slug])).content.decode(),
        "detail": client.get(reverse("challenges:detail", args=[slug])).content.decode(),
        "csv": client.get(reverse("qa:export-csv", args=[slug])).content.decode(),
        "json": client.get(reverse("qa:export-json", args=[slug])).content.decode(),
        "api": client.get(f"/api/v1/challenges/{slug}/questions").content.decode(),
    }


@pytest.fixture
def asker(people):
    User.objects.filter(pk=people["company_admin"].pk).update(full_name="Kalle Kysyjä")
    return User.objects.get(pk=people["company_admin"].pk)


def test_an_unanswered_question_is_invisible_to_everyone_but_its_asker_and_the_owners(
    client, challenge, people, asker, region
):
    ask(challenge, asker, text=PRIVATE, asker_organisation=region.company)
    for who in (None, "outsider", "other_company", "researcher"):
        client.logout()
        if who:
            client.force_login(people[who])
        for name, body in public_surfaces(client, challenge).items():
            assert "X-77" not in body, (who, name)
            assert asker.email not in body and "Kalle" not in body, (who, name)
    client.force_login(asker)
    page = client.get(reverse("qa:log", args=[challenge.slug])).content.decode()
    assert "X-77" in page and 'id="your-questions"' in page
    for owner in ("espoo_owner", "espoo_member", "vantaa_owner", "platform_admin"):
        client.force_login(people[owner])
        assert "X-77" in client.get(reverse("qa:manage", args=[challenge.slug])).content.decode(), owner
        assert "X-77" not in client.get(reverse("qa:log", args=[challenge.slug])).content.decode(), owner


def test_the_askers_identity_and_private_wording_appear_nowhere_public(client, challenge, people, asker, region):
    q = ask(challenge, asker, text=PRIVATE, asker_organisation=region.company)
    answer(q, people["espoo_owner"], text="Saa, kun oikeudet ovat kunnossa.", public_text=PUBLIC)
    for who in (None, "outsider", "espoo_owner"):
        client.logout()
        if who:
            client.force_login(people[who])
        for name, body in public_surfaces(client, challenge).items():
            assert "patentoitua menetelmää" in body.replace("\\u00e4", "ä"), (who, name)
            for secret in ("X-77", "Salainen", asker.email, "Kalle", "Testiyritys", "admin@company"):
                assert secret not in body, (who, name, secret)
    # The asker still sees their own wording, and that it was answered.
    client.force_login(asker)
    page = client.get(reverse("qa:log", args=[challenge.slug])).content.decode()
    assert "X-77" in page and 'href="#q1"' in page


def test_the_exports_and_the_api_have_the_documented_fields(client, challenge, people):
    answer(ask(challenge, people["outsider"], text="Kysymys yksi"), people["espoo_owner"], text="Vastaus yksi")
    from haastemoottori.qa import services

    services.clarification_publish(
        actor=people["espoo_owner"],
        challenge=challenge,
        text={"fi": "Tarkennus", "sv": "Precisering"},
        original_language="fi",
    )
    ask(challenge, people["researcher"], text="Odottava kysymys")
    body = client.get(reverse("qa:export-csv", args=[challenge.slug])).content.decode()
    assert body.startswith("\ufeff")  # the byte order mark: spreadsheet programs read UTF-8 (ä, ö)
    rows = list(csv.reader(io.StringIO(body.removeprefix("\ufeff"))))
    assert rows[0] == [
        "number",
        "kind",
        "question",
        "question_language",
        "answer_fi",
        "answer_sv",
        "answer_en",
        "answer_original_language",
        "published_at",
        "url",
    ]
    assert [r[:3] for r in rows[1:]] == [["1", "question", "Kysymys yksi"], ["2", "clarification", ""]]
    assert rows[2][5] == "Precisering" and rows[1][9].endswith(f"/challenges/{challenge.slug}/questions/#q1")
    data = json.loads(client.get(reverse("qa:export-json", args=[challenge.slug])).content)
    assert data["challenge"] == challenge.slug and [q["number"] for q in data["questions"]] == [1, 2]
    assert set(data["questions"][0]) == {
        "number",
        "kind",
        "question",
        "question_language",
        "answer",
        "answer_original_language",
        "published_at",
        "url",
    }
    api = client.get(f"/api/v1/challenges/{challenge.slug}/questions").json()
    assert api["count"] == 2 and api["results"][0]["answer"] == {"fi": "Vastaus yksi"}
    assert "Odottava" not in json.dumps(api)


def test_the_csv_export_neutralises_spreadsheet_formulas(client, challenge, people):
    """A cell starting with =, +, -, @, tab or CR gets a leading apostrophe, like comments.csv."""
    texts = [
        '=HYPERLINK("http://evil.example")',
        "+358 40 123 4567?",
        "-1 kysymys tähän",
        "@SUM(A1:A9) vai?",
        "\tSarkain alussa",
        "\rRivinvaihto alussa",
    ]
    for text in texts:
        answer(ask(challenge, people["outsider"], text=text), people["espoo_owner"], text="=1+1 on kaksi")
    body = client.get(reverse("qa:export-csv", args=[challenge.slug])).content.decode()
    rows = list(csv.reader(io.StringIO(body.removeprefix("\ufeff"))))[1:]
    assert [r[2] for r in rows] == ["'" + t.strip() if t.strip() == t else t.strip() for t in texts]
    assert {r[4] for r in rows} == {"'=1+1 on kaksi"}
    assert all(cell[:1] not in ("=", "+", "-", "@", "\t", "\r") for r in rows for cell in r)


def test_unpublished_challenges_have_no_log(client, make_challenge, people):
    draft = make_challenge(title={"fi": "Luonnos"})
    assert client.get(f"/api/v1/challenges/{draft.slug}/questions").status_code == 404
    assert client.get("/api/v1/challenges/nothing-here/questions").status_code == 404
    client.force_login(people["espoo_owner"])
    for name in ("qa:log", "qa:export-csv", "qa:export-json"):
        assert client.get(reverse(name, args=[draft.slug])).status_code == 404


@pytest.mark.parametrize("stage", ["evaluation", "piloting", "closed", "withdrawn"])
def test_the_log_stays_readable_after_the_call_and_asking_is_closed(client, challenge, people, stage):
    answer(ask(challenge, people["outsider"], text="Kysymys ennen"), people["espoo_owner"])
    Challenge.objects.filter(pk=challenge.pk).update(stage=stage)
    page = client.get(reverse("qa:log", args=[challenge.slug])).content.decode()
    assert "Kysymys ennen" in page and 'name="text"' not in page
    assert client.get(reverse("qa:export-csv", args=[challenge.slug])).status_code == 200
    assert client.get(f"/api/v1/challenges/{challenge.slug}/questions").json()["count"] == 1
    client.force_login(people["outsider"])
    response = client.post(reverse("qa:ask", args=[challenge.slug]), {"text": "Myöhästynyt kysymys", "language": "fi"})
    assert response.status_code == 409
    assert challenge.questions.count() == 1


def test_the_challenge_page_section_shows_the_count_and_the_latest_three(
    client, challenge, people, rf, django_assert_num_queries
):
    from django.contrib.auth.models import AnonymousUser

    from haastemoottori.challenges.selectors import challenge_detail_queryset
    from haastemoottori.qa.templatetags.qa_tags import qa_section

    for i in range(4):
        answer(ask(challenge, people["outsider"], text=f"Julkinen kysymys {i}"), people["espoo_owner"])
    ask(challenge, people["researcher"], text="Vielä odottava")
    request = rf.get("/fi/")
    request.user = AnonymousUser()
    loaded = challenge_detail_queryset().get(pk=challenge.pk)  # as the challenge page loads it
    with django_assert_num_queries(1):
        html = qa_section({"request": request}, loaded)
    assert "Julkinen kysymys 3" in html and "Julkinen kysymys 1" in html and "Julkinen kysymys 0" not in html
    assert "Vielä odottava" not in html and reverse("qa:log", args=[challenge.slug]) in html
    assert reverse("qa:manage", args=[challenge.slug]) not in html
    page = client.get(reverse("challenges:detail", args=[challenge.slug])).content.decode()
    assert "Julkinen kysymys 3" in page and "Vielä odottava" not in page
    client.force_login(people["espoo_member"])  # an owner contributor gets a link to the pending questions
    page = client.get(reverse("challenges:detail", args=[challenge.slug])).content.decode()
    assert reverse("qa:manage", args=[challenge.slug]) in page
