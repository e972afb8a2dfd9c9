"""Each named permission of the Q&A (the object is the challenge): who is allowed, who is refused, and the
service or page that enforces it.

The challenge (conftest): in its open call, Espoo leads and Vantaa co-owns; Helsinki does not own it.
"""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import timezone

from haastemoottori.core.errors import ServicePermissionDenied
from haastemoottori.qa import services
from haastemoottori.qa.models import Question

from .conftest import ask

pytestmark = pytest.mark.django_db

OWNER_EDITORS = {"espoo_admin", "espoo_owner", "vantaa_owner", "platform_admin"}
OWNER_MEMBERS = OWNER_EDITORS | {"espoo_evaluator", "espoo_member", "vantaa_member"}
NOT_OWNERS = {"helsinki_owner", "company_admin", "other_company", "researcher", "outsider"}
EVERYONE = [*sorted(OWNER_MEMBERS | NOT_OWNERS), "anonymous"]


def _user(people, who):
    return AnonymousUser() if who == "anonymous" else people[who]


# ---- qa.ask_question ------------------------------------------------------------------------------------


@pytest.mark.parametrize("who", EVERYONE)
def test_ask_question(challenge, people, who):
    # Anyone signed in asks about a published challenge, except the owners' people (they answer); a platform
    # admin belongs to no owner.
    allowed = NOT_OWNERS | {"platform_admin"}
    assert _user(people, who).has_perm("qa.ask_question", challenge) is (who in allowed)


def test_nobody_asks_about_an_unpublished_challenge(region, make_challenge, people):
    draft = make_challenge(title={"fi": "Luonnos"})
    assert not people["company_admin"].has_perm("qa.ask_question", draft)


def test_a_deactivated_person_does_not_ask(challenge, people):
    person = people["outsider"]
    person.is_active = False
    person.save(update_fields=["is_active"])
    assert not person.has_perm("qa.ask_question", challenge)


def test_ask_question_is_enforced(challenge, people):
    with pytest.raises(ServicePermissionDenied):
        ask(challenge, people["espoo_member"])
    assert not Question.objects.exists()
    ask(challenge, people["researcher"])
    assert Question.objects.get().asker == people["researcher"]


# ---- qa.answer_question ---------------------------------------------------------------------------------


@pytest.mark.parametrize("who", EVERYONE)
def test_answer_question(challenge, people, who):
    assert _user(people, who).has_perm("qa.answer_question", challenge) is (who in OWNER_EDITORS)


def test_answer_question_is_enforced(client, challenge, people):
    question = ask(challenge, people["company_admin"])
    with pytest.raises(ServicePermissionDenied):
        services.question_publish(
            actor=people["vantaa_member"],
            question=question,
            public_text=question.public_text,
            answer={"fi": "Kyllä."},
            original_language="fi",
        )
    url = reverse("qa:publish", args=[challenge.slug, question.pk])
    client.force_login(people["espoo_evaluator"])
    assert client.post(url, {}).status_code == 403
    client.force_login(people["helsinki_owner"])
    assert client.post(url, {}).status_code == 404
    question.refresh_from_db()
    assert question.status == Question.Status.PENDING
    services.question_publish(
        actor=people["vantaa_owner"],
        question=question,
        public_text=question.public_text,
        answer={"fi": "Kyllä."},
        original_language="fi",
    )
    question.refresh_from_db()
    assert question.status == Question.Status.PUBLISHED


# ---- qa.view_pending_questions --------------------------------------------------------------------------


@pytest.mark.parametrize("who", EVERYONE)
def test_view_pending_questions(challenge, people, who):
    assert _user(people, who).has_perm("qa.view_pending_questions", challenge) is (who in OWNER_MEMBERS)


def test_view_pending_questions_is_enforced(client, challenge, people):
    ask(challenge, people["company_admin"], text="Onko budjetti kiinteä vai joustava?")
    url = reverse("qa:manage", args=[challenge.slug])
    client.force_login(people["helsinki_owner"])
    assert client.get(url).status_code == 404
    client.force_login(people["vantaa_member"])
    response = client.get(url)
    assert response.status_code == 200 and "Onko budjetti kiinteä" in response.content.decode()


# ---- qa.set_questions_deadline --------------------------------------------------------------------------


@pytest.mark.parametrize("who", EVERYONE)
def test_set_questions_deadline(challenge, people, who):
    assert _user(people, who).has_perm("qa.set_questions_deadline", challenge) is (who in OWNER_EDITORS)


def test_set_questions_deadline_is_enforced(client, challenge, people):
    deadline = challenge.call_deadline - timedelta(days=7)
    with pytest.raises(ServicePermissionDenied):
        services.questions_deadline_set(actor=people["espoo_member"], challenge=challenge, deadline=deadline)
    url = reverse("qa:deadline", args=[challenge.slug])
    local = timezone.localtime(deadline).strftime("%Y-%m-%dT%H:%M")
    client.force_login(people["espoo_member"])
    assert client.post(url, {"questions_deadline": local}).status_code == 403
    client.force_login(people["helsinki_owner"])
    assert client.post(url, {"questions_deadline": local}).status_code == 404
    challenge.refresh_from_db()
    assert challenge.questions_deadline is None
    client.force_login(people["vantaa_owner"])
    assert client.post(url, {"questions_deadline": local}).status_code == 302
    challenge.refresh_from_db()
    assert challenge.questions_deadline is not None
