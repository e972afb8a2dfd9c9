"""Every Q&A view for every role, bad input (400, nothing changed) and bounded queries."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from haastemoottori.qa.models import Question
from haastemoottori.qa.selectors import MAX_PENDING_PER_PERSON

from .conftest import answer, ask

pytestmark = pytest.mark.django_db

# role → status of GET manage, and of a POST action that needs qa.answer_question
ROLES = {
    None: ("login", "login"),
    "outsider": (404, 404),
    "company_admin": (404, 404),
    "other_company": (404, 404),
    "researcher": (404, 404),
    "helsinki_owner": (404, 404),  # a city that does not own this challenge
    "espoo_member": (200, 403),  # owner contributor: may read the pending questions, not act
    "espoo_evaluator": (200, 403),
    "espoo_owner": (200, 302),
    "vantaa_owner": (200, 302),  # co-owner editor
    "platform_admin": (200, 302),
}


def login(client, people, role):
    client.logout()
    if role:
        client.force_login(people[role])


def expect(response, status):
    if status == "login":
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    else:
        assert response.status_code == status, response.content.decode()[:500]


@pytest.mark.parametrize("role", list(ROLES))
def test_log_and_exports_are_public(client, challenge, people, role):
    login(client, people, role)
    for name in ("qa:log", "qa:export-csv", "qa:export-json"):
        assert client.get(reverse(name, args=[challenge.slug])).status_code == 200


@pytest.mark.parametrize("role", list(ROLES))
def test_manage_page_per_role(client, challenge, people, role):
    ask(challenge, people["researcher"], text="Odottaa vastausta")
    login(client, people, role)
    response = client.get(reverse("qa:manage", args=[challenge.slug]))
    expect(response, ROLES[role][0])
    if response.status_code == 200:
        body = response.content.decode()
        assert "Odottaa vastausta" in body
        can_act = ROLES[role][1] == 302
        assert (
            ('action="' + reverse("qa:publish", args=[challenge.slug, Question.objects.get().pk])) in body
            if can_act
            else 'name="p' not in body
        )
        assert ("researcher@uni.test" in body) == can_act  # the asker is shown to those who answer only


@pytest.mark.parametrize("role", list(ROLES))
def test_publish_per_role(client, challenge, people, role):
    q = ask(challenge, people["researcher"])
    login(client, people, role)
    data = {f"p{q.pk}-public_text": "Julkinen muoto", f"p{q.pk}-text_fi": "Vastaus", f"p{q.pk}-original_language": "fi"}
    expect(client.post(reverse("qa:publish", args=[challenge.slug, q.pk]), data), ROLES[role][1])
    q.refresh_from_db()
    assert (q.status == "published") == (ROLES[role][1] == 302)
    if q.status == "published":
        assert q.public_text == "Julkinen muoto" and q.answer == {"fi": "Vastaus"}


@pytest.mark.parametrize("role", list(ROLES))
def test_merge_decline_clarify_and_deadline_per_role(client, challenge, people, role):
    target, dup, bad = (ask(challenge, people["researcher"], text=f"Kysymys {t}: miten?") for t in ("A", "B", "C"))
    login(client, people, role)
    slug = challenge.slug
    status = ROLES[role][1]
    expect(client.post(reverse("qa:merge", args=[slug, dup.pk]), {f"m{dup.pk}-target": target.pk}), status)
    expect(client.post(reverse("qa:decline", args=[slug, bad.pk]), {f"d{bad.pk}-reason": "Asiaton"}), status)
    expect(
        client.post(reverse("qa:clarify", args=[slug]), {"c-text_fi": "Tarkennus", "c-original_language": "fi"}), status
    )
    deadline = timezone.localtime(timezone.now() + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    expect(client.post(reverse("qa:deadline", args=[slug]), {"questions_deadline": deadline}), status)
    dup.refresh_from_db()
    bad.refresh_from_db()
    challenge.refresh_from_db()
    changed = status == 302
    assert (dup.status == "merged") == changed and (bad.status == "declined") == changed
    assert Question.objects.filter(kind="clarification").exists() == changed
    assert (challenge.questions_deadline is not None) == changed


@pytest.mark.parametrize(
    "role,status",
    [
        (None, "login"),
        ("outsider", 302),
        ("company_admin", 302),
        ("other_company", 302),
        ("researcher", 302),
        ("helsinki_owner", 302),
        ("espoo_member", 403),
        ("espoo_owner", 403),
        ("vantaa_owner", 403),
    ],
)
def test_ask_per_role(client, challenge, people, role, status):
    login(client, people, role)
    response = client.post(reverse("qa:ask", args=[challenge.slug]), {"text": "Onko kysymys?", "language": "fi"})
    expect(response, status)
    assert Question.objects.exists() == (status == 302)


def test_ask_through_the_form_shows_the_question_to_its_asker_only(client, challenge, people, region):
    client.force_login(people["company_admin"])
    page = client.get(reverse("qa:log", args=[challenge.slug])).content.decode()
    assert 'name="asker_organisation"' in page and "Testiyritys" in page
    response = client.post(
        reverse("qa:ask", args=[challenge.slug]),
        {"text": "Voiko konsortio tarjota?", "language": "fi", "asker_organisation": region.company.pk},
        follow=True,
    )
    assert response.status_code == 200
    q = Question.objects.get()
    assert q.asker == people["company_admin"] and q.asker_organisation == region.company
    body = response.content.decode()
    assert "Voiko konsortio tarjota?" in body and str(Question.Status.PENDING.label) in body
    client.force_login(people["outsider"])
    assert "Voiko konsortio tarjota?" not in client.get(reverse("qa:log", args=[challenge.slug])).content.decode()


@pytest.mark.parametrize(
    "data",
    [
        {"text": "", "language": "fi"},
        {"text": "Kysymys kielellä", "language": "xx"},
        {"text": "x" * 4001, "language": "fi"},
        {"text": "Kysymys yrityksestä", "language": "fi", "asker_organisation": "999999"},
        {"text": "a", "language": "fi"},
    ],
)
def test_bad_questions_get_400_and_nothing_is_saved(client, challenge, people, data):
    client.force_login(people["company_admin"])
    response = client.post(reverse("qa:ask", args=[challenge.slug]), data)
    assert response.status_code == 400 and 'id="error-summary"' in response.content.decode()
    assert not Question.objects.exists()


def test_a_too_short_question_is_refused_with_a_clear_message(client, challenge, people):
    client.force_login(people["outsider"])
    for text in ("a", "  Miksi?  "):
        response = client.post(reverse("qa:ask", args=[challenge.slug]), {"text": text, "language": "fi"})
        assert response.status_code == 400
        assert (
            _("Write at least %(min)s characters so that the owners can understand and answer your question.")
            % {"min": 10}
            in response.content.decode()
        )
    assert 'minlength="10"' in client.get(reverse("qa:log", args=[challenge.slug])).content.decode()
    assert not Question.objects.exists()
    assert (
        client.post(reverse("qa:ask", args=[challenge.slug]), {"text": "Miksi näin?", "language": "fi"}).status_code
        == 302
    )


def test_the_rate_limit_is_a_clear_message(client, challenge, people):
    for i in range(MAX_PENDING_PER_PERSON):
        ask(challenge, people["outsider"], text=f"Kysymys numero {i}")
    client.force_login(people["outsider"])
    response = client.post(reverse("qa:ask", args=[challenge.slug]), {"text": "Yksi kysymys liikaa", "language": "fi"})
    assert response.status_code == 400
    assert _("Please wait for the answers before asking more.").split()[0] in response.content.decode()
    assert Question.objects.count() == MAX_PENDING_PER_PERSON


def test_the_ask_form_closes_at_the_deadline(client, challenge, people, time_machine):
    client.force_login(people["outsider"])
    assert 'name="text"' in client.get(reverse("qa:log", args=[challenge.slug])).content.decode()
    time_machine.move_to(challenge.call_deadline, tick=False)
    client.force_login(people["outsider"])  # the session of a month ago has expired
    page = client.get(reverse("qa:log", args=[challenge.slug])).content.decode()
    assert 'name="text"' not in page and _("Questions about this challenge are not accepted now.") in page
    response = client.post(reverse("qa:ask", args=[challenge.slug]), {"text": "Ehdinkö vielä kysyä?", "language": "fi"})
    assert response.status_code == 409 and not Question.objects.exists()


def test_bad_owner_input_gets_400_and_changes_nothing(client, challenge, people):
    q = ask(challenge, people["researcher"], text="Ensimmäinen kysymys")
    other = ask(challenge, people["outsider"], text="Toinen kysymys")
    client.force_login(people["espoo_owner"])
    slug = challenge.slug
    cases = [
        (
            reverse("qa:publish", args=[slug, q.pk]),
            {f"p{q.pk}-public_text": "", f"p{q.pk}-text_fi": "V", f"p{q.pk}-original_language": "fi"},
        ),
        (
            reverse("qa:publish", args=[slug, q.pk]),
            {f"p{q.pk}-public_text": "K", f"p{q.pk}-text_en": "A", f"p{q.pk}-original_language": "fi"},
        ),
        (
            reverse("qa:publish", args=[slug, q.pk]),
            {f"p{q.pk}-public_text": "K", f"p{q.pk}-text_fi": "V", f"p{q.pk}-original_language": "de"},
        ),
        (reverse("qa:merge", args=[slug, q.pk]), {f"m{q.pk}-target": q.pk}),
        (reverse("qa:merge", args=[slug, q.pk]), {f"m{q.pk}-target": "abc"}),
        (reverse("qa:decline", args=[slug, q.pk]), {f"d{q.pk}-reason": "  "}),
        (reverse("qa:clarify", args=[slug]), {"c-text_fi": "", "c-original_language": "fi"}),
        (reverse("qa:deadline", args=[slug]), {"questions_deadline": "ei päivä"}),
        (reverse("qa:deadline", args=[slug]), {"questions_deadline": "2020-01-01T10:00"}),
        (
            reverse("qa:deadline", args=[slug]),
            {
                "questions_deadline": timezone.localtime(challenge.call_deadline + timedelta(days=1)).strftime(
                    "%Y-%m-%dT%H:%M"
                )
            },
        ),
    ]
    for url, data in cases:
        response = client.post(url, data)
        assert response.status_code == 400, (url, data)
        assert 'id="error-summary"' in response.content.decode(), (url, data)
    assert set(Question.objects.values_list("status", flat=True)) == {"pending"}
    assert Question.objects.count() == 2 and other.pk
    challenge.refresh_from_db()
    assert challenge.questions_deadline is None
    assert client.post(reverse("qa:publish", args=[slug, 999999]), {}).status_code == 404


def test_publishing_twice_through_the_page_is_refused(client, challenge, people):
    q = answer(ask(challenge, people["researcher"]), people["espoo_owner"])
    client.force_login(people["espoo_owner"])
    response = client.post(
        reverse("qa:publish", args=[challenge.slug, q.pk]),
        {f"p{q.pk}-public_text": "K", f"p{q.pk}-text_fi": "V", f"p{q.pk}-original_language": "fi"},
    )
    assert response.status_code == 409
    assert _("This question has already been published.") in response.content.decode()


def test_pages_use_few_queries(client, challenge, people, django_assert_max_num_queries):
    for i in range(5):
        answer(ask(challenge, people["outsider"], text=f"Kysymys numero {i}"), people["espoo_owner"])
    for i in range(5):
        ask(challenge, people["researcher"], text=f"Odottava kysymys {i}")
    url = reverse("qa:log", args=[challenge.slug])
    with django_assert_max_num_queries(10):
        assert client.get(url).status_code == 200
    client.force_login(people["researcher"])
    with django_assert_max_num_queries(25):
        assert client.get(url).status_code == 200
    client.force_login(people["espoo_owner"])
    with django_assert_max_num_queries(25):
        assert client.get(url).status_code == 200
    with django_assert_max_num_queries(25):
        assert client.get(reverse("qa:manage", args=[challenge.slug])).status_code == 200


def test_owners_see_the_pending_count_on_the_log(client, challenge, people):
    ask(challenge, people["researcher"])
    ask(challenge, people["outsider"])
    client.force_login(people["espoo_member"])
    page = client.get(reverse("qa:log", args=[challenge.slug])).content.decode()
    assert reverse("qa:manage", args=[challenge.slug]) in page and "2" in page
    client.force_login(people["company_admin"])
    assert (
        reverse("qa:manage", args=[challenge.slug])
        not in client.get(reverse("qa:log", args=[challenge.slug])).content.decode()
    )
