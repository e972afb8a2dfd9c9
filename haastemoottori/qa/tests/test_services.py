"""The Q&A rules, service by service: who may ask and answer, when, what is notified and audited."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from django.utils.translation import gettext as _

from haastemoottori.alerts.services import challenge_follow
from haastemoottori.audit.models import AuditEvent
from haastemoottori.core.errors import ServiceConflict, ServicePermissionDenied, ServiceValidationError
from haastemoottori.notifications.models import Notification
from haastemoottori.qa import services
from haastemoottori.qa.models import Question
from haastemoottori.qa.selectors import MAX_PENDING_PER_PERSON

from .conftest import answer, ask

pytestmark = pytest.mark.django_db


def test_a_question_is_pending_private_and_tells_the_owner_editors(
    challenge, people, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        q = ask(
            challenge,
            people["company_admin"],
            asker_organisation=people["company_admin"].memberships.get().organisation,
        )
    assert q.status == "pending" and q.number is None and q.public_text == q.text
    received = Notification.objects.filter(kind="qa.question_received")
    assert {n.user.email for n in received} == {"admin@espoo.test", "owner@espoo.test", "owner@vantaa.test"}
    assert {m.to[0] for m in mail.outbox} == {"admin@espoo.test", "owner@espoo.test", "owner@vantaa.test"}
    assert all("admin@company.test" not in m.body and q.text not in m.body for m in mail.outbox)
    event = AuditEvent.objects.get(target_type="qa.question", action="created")
    assert event.is_public is False


@pytest.mark.parametrize("role", ["espoo_owner", "espoo_member", "espoo_admin", "vantaa_member"])
def test_owners_cannot_ask_their_own_challenge(challenge, people, role):
    with pytest.raises(ServicePermissionDenied):
        ask(challenge, people[role])
    assert not Question.objects.exists()


@pytest.mark.parametrize("role", ["outsider", "company_admin", "other_company", "researcher", "helsinki_owner"])
def test_anyone_else_signed_in_may_ask(challenge, people, role):
    assert ask(challenge, people[role]).status == "pending"


def test_asking_closes_exactly_at_the_questions_deadline(challenge, people):
    deadline = timezone.now() + timedelta(days=3)
    services.questions_deadline_set(actor=people["espoo_owner"], challenge=challenge, deadline=deadline)
    challenge.refresh_from_db()
    assert ask(challenge, people["outsider"], now=deadline - timedelta(seconds=1))
    with pytest.raises(ServiceConflict) as exc:
        ask(challenge, people["outsider"], now=deadline)
    assert exc.value.message == _("Questions about this challenge are not accepted now.")
    with pytest.raises(ServiceConflict):
        ask(challenge, people["outsider"], now=deadline + timedelta(hours=1))
    assert Question.objects.count() == 1


def test_without_a_questions_deadline_asking_closes_at_the_call_deadline(challenge, people):
    assert challenge.questions_deadline is None
    with pytest.raises(ServiceConflict):
        ask(challenge, people["outsider"], now=challenge.call_deadline)
    assert ask(challenge, people["outsider"], now=challenge.call_deadline - timedelta(minutes=1))


def test_a_stage_that_takes_no_questions_refuses_them(challenge, people):
    from haastemoottori.challenges.models import Challenge

    Challenge.objects.filter(pk=challenge.pk).update(stage="evaluation")
    challenge.refresh_from_db()
    with pytest.raises(ServiceConflict):
        ask(challenge, people["outsider"])


def test_pending_questions_are_limited_per_person(challenge, people):
    for i in range(MAX_PENDING_PER_PERSON):
        ask(challenge, people["outsider"], text=f"Kysymys numero {i}")
    with pytest.raises(ServiceValidationError) as exc:
        ask(challenge, people["outsider"], text="Yksi liikaa")
    assert exc.value.code == "too_many_pending" and str(MAX_PENDING_PER_PERSON) in str(exc.value.message)
    assert ask(challenge, people["company_admin"])  # others are not limited by it
    answer(Question.objects.filter(asker=people["outsider"]).first(), people["espoo_owner"])
    assert ask(challenge, people["outsider"], text="Nyt mahtuu")  # an answer frees a place


@pytest.mark.parametrize(
    "text,language,code",
    [
        ("   ", "fi", "required"),
        ("x" * 4001, "fi", "too_long"),
        ("Kysymys kielellä", "de", "unknown_language"),
        ("a", "fi", "too_short"),
        (" lyhyt?  ", "fi", "too_short"),
    ],
)
def test_bad_questions_are_refused(challenge, people, text, language, code):
    with pytest.raises(ServiceValidationError) as exc:
        ask(challenge, people["outsider"], text=text, language=language)
    assert exc.value.code == code
    assert not Question.objects.exists()


def test_the_asker_cannot_claim_someone_elses_organisation(challenge, people, region):
    with pytest.raises(ServiceValidationError):
        ask(challenge, people["outsider"], asker_organisation=region.company)


def test_an_answer_reaches_every_follower_and_the_asker_once(challenge, people, django_capture_on_commit_callbacks):
    asker = people["company_admin"]
    for role in ("outsider", "researcher", "company_admin"):  # the asker follows too: still one message
        challenge_follow(actor=people[role], challenge=challenge, follow=True)
    q = ask(challenge, asker)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        q = answer(q, people["vantaa_owner"], text="Kyllä, englanti käy.")
    assert q.status == "published" and q.number == 1 and q.published_at and q.answered_by == people["vantaa_owner"]
    rows = Notification.objects.filter(kind="qa.answer_published")
    assert sorted(n.user.email for n in rows) == ["admin@company.test", "researcher@uni.test", "someone@example.test"]
    assert sorted(m.to[0] for m in mail.outbox) == ["admin@company.test", "researcher@uni.test", "someone@example.test"]
    follower_mail = next(m for m in mail.outbox if m.to == ["researcher@uni.test"])
    assert "Kyllä, englanti käy." in follower_mail.body and "admin@company.test" not in follower_mail.body
    assert "Testiyritys" not in follower_mail.body

    with pytest.raises(ServiceConflict) as exc:
        answer(q, people["espoo_owner"])
    assert exc.value.code == "already_published"
    assert Notification.objects.filter(kind="qa.answer_published").count() == 3


def test_numbers_follow_publication_order_across_questions_and_clarifications(challenge, people):
    first = ask(challenge, people["outsider"], text="Ensimmäinen kysymys")
    second = ask(challenge, people["researcher"], text="Toinen kysymys")
    assert answer(second, people["espoo_owner"]).number == 1
    clarification = services.clarification_publish(
        actor=people["espoo_owner"],
        challenge=challenge,
        text={"fi": "Tarkennus", "en": "Clarification"},
        original_language="fi",
    )
    assert clarification.number == 2 and clarification.asker is None and clarification.kind == "clarification"
    assert answer(first, people["espoo_owner"]).number == 3


def test_a_clarification_reaches_the_followers(challenge, people, django_capture_on_commit_callbacks):
    challenge_follow(actor=people["outsider"], challenge=challenge, follow=True)
    with django_capture_on_commit_callbacks(execute=True):
        services.clarification_publish(
            actor=people["espoo_admin"],
            challenge=challenge,
            text={"fi": "Liitteeseen tuli korjaus."},
            original_language="fi",
        )
    assert [n.user.email for n in Notification.objects.filter(kind="qa.clarification_published")] == [
        "someone@example.test"
    ]
    assert len(mail.outbox) == 1 and "Liitteeseen tuli korjaus." in mail.outbox[0].body


@pytest.mark.parametrize("role", ["espoo_member", "company_admin", "outsider", "helsinki_owner", "vantaa_member"])
def test_only_owner_editors_and_platform_admins_answer(challenge, people, role):
    q = ask(challenge, people["researcher"])
    with pytest.raises(ServicePermissionDenied):
        answer(q, people[role])
    with pytest.raises(ServicePermissionDenied):
        services.question_decline(actor=people[role], question=q, reason="Ei")
    with pytest.raises(ServicePermissionDenied):
        services.clarification_publish(
            actor=people[role], challenge=challenge, text={"fi": "x"}, original_language="fi"
        )
    q.refresh_from_db()
    assert q.status == "pending"
    assert answer(q, people["platform_admin"]).status == "published"


def test_publishing_needs_the_answer_in_its_original_language(challenge, people):
    q = ask(challenge, people["researcher"])
    with pytest.raises(ServiceValidationError):
        services.question_publish(
            actor=people["espoo_owner"], question=q, public_text="Kysymys", answer={"en": "Yes"}, original_language="fi"
        )
    with pytest.raises(ServiceValidationError):
        services.question_publish(
            actor=people["espoo_owner"], question=q, public_text="  ", answer={"fi": "Kyllä"}, original_language="fi"
        )
    with pytest.raises(ServiceValidationError):
        services.question_publish(
            actor=people["espoo_owner"],
            question=q,
            public_text="Kysymys",
            answer={"de": "Ja", "fi": "Kyllä"},
            original_language="fi",
        )
    q.refresh_from_db()
    assert q.status == "pending" and q.answer == {}


def test_merge_into_a_pending_question_tells_its_asker_when_the_target_is_answered(
    challenge, people, django_capture_on_commit_callbacks
):
    target = ask(challenge, people["researcher"], text="Mikä on budjetti?")
    duplicate = ask(challenge, people["other_company"], text="Paljonko rahaa on?")
    services.question_merge(actor=people["espoo_owner"], question=duplicate, target=target)
    duplicate.refresh_from_db()
    assert duplicate.status == "merged" and duplicate.merged_into == target
    assert not Notification.objects.filter(kind="qa.answer_published").exists()
    with pytest.raises(ServiceConflict):
        answer(duplicate, people["espoo_owner"])  # a merged question is not published on its own
    with django_capture_on_commit_callbacks(execute=True):
        answer(target, people["espoo_owner"])
    assert sorted(n.user.email for n in Notification.objects.filter(kind="qa.answer_published")) == [
        "member@other.test",
        "researcher@uni.test",
    ]


def test_merge_into_a_published_question_tells_the_asker_at_once(challenge, people):
    target = answer(ask(challenge, people["researcher"]), people["espoo_owner"])
    duplicate = ask(challenge, people["other_company"])
    services.question_merge(actor=people["espoo_owner"], question=duplicate, target=target)
    n = Notification.objects.get(kind="qa.answer_published", user=people["other_company"])
    assert target.label in n.subject and "Kyllä saa." in n.body


def test_merge_refuses_itself_other_challenges_and_declined_targets(challenge, people, make_challenge):
    q = ask(challenge, people["researcher"])
    declined = ask(challenge, people["outsider"])
    services.question_decline(actor=people["espoo_owner"], question=declined, reason="Ei koske haastetta")
    for target in (q, declined):
        with pytest.raises(ServiceValidationError):
            services.question_merge(actor=people["espoo_owner"], question=q, target=target)
    q.refresh_from_db()
    assert q.status == "pending"


def test_decline_tells_only_the_asker_and_returns_duplicates_to_pending(
    challenge, people, django_capture_on_commit_callbacks
):
    challenge_follow(actor=people["outsider"], challenge=challenge, follow=True)
    q = ask(challenge, people["researcher"])
    dup = ask(challenge, people["other_company"])
    services.question_merge(actor=people["espoo_owner"], question=dup, target=q)
    with pytest.raises(ServiceValidationError):
        services.question_decline(actor=people["espoo_owner"], question=q, reason="  ")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.question_decline(actor=people["espoo_owner"], question=q, reason="Kysytty jo sivulla 3.")
    q.refresh_from_db()
    dup.refresh_from_db()
    assert q.status == "declined" and q.decline_reason == "Kysytty jo sivulla 3." and q.number is None
    assert dup.status == "pending" and dup.merged_into is None
    assert [m.to for m in mail.outbox] == [["researcher@uni.test"]]
    assert "Kysytty jo sivulla 3." in mail.outbox[0].body
    assert Notification.objects.filter(kind="qa.question_declined").count() == 1
    with pytest.raises(ServiceConflict):
        services.question_decline(actor=people["espoo_owner"], question=q, reason="Uudestaan")


def test_public_audit_events_never_carry_the_asker_or_private_text(challenge, people):
    asker = people["company_admin"]
    q = ask(challenge, asker, text="Olemme Testiyritys Oy ja kysymme salaisesta asiasta")
    answer(q, people["espoo_owner"], public_text="Voiko tarjoaja kysyä salaisesta asiasta?")
    services.clarification_publish(
        actor=people["espoo_owner"], challenge=challenge, text={"fi": "Tarkennus"}, original_language="fi"
    )
    public = AuditEvent.objects.filter(is_public=True)
    assert public.filter(target_type="qa.question").count() == 2
    for event in public:
        blob = f"{event.actor_label} {event.target_label} {event.changes} {event.data}"
        assert asker.email not in blob and "Testiyritys" not in blob and "salaisesta" not in blob


def test_questions_deadline_must_be_in_the_future_and_before_the_call_deadline(challenge, people):
    owner = people["espoo_owner"]
    now = timezone.now()
    for bad in (now - timedelta(minutes=1), challenge.call_deadline, challenge.call_deadline + timedelta(days=1)):
        with pytest.raises(ServiceValidationError):
            services.questions_deadline_set(actor=owner, challenge=challenge, deadline=bad, now=now)
    for role in ("espoo_member", "company_admin", "outsider"):
        with pytest.raises(ServicePermissionDenied):
            services.questions_deadline_set(actor=people[role], challenge=challenge, deadline=now + timedelta(days=1))
    challenge.refresh_from_db()
    assert challenge.questions_deadline is None
    services.questions_deadline_set(actor=people["vantaa_owner"], challenge=challenge, deadline=now + timedelta(days=2))
    event = AuditEvent.objects.filter(target_type="challenges.challenge", action="updated").latest("id")
    assert "questions_deadline" in event.changes and event.is_public
    services.questions_deadline_set(actor=owner, challenge=challenge, deadline=None)
    challenge.refresh_from_db()
    assert challenge.questions_deadline is None


def test_the_call_cannot_open_with_questions_closing_after_it(region, make_challenge):
    from conftest import publishable
    from haastemoottori.challenges import services as challenge_services
    from haastemoottori.challenges.models import Challenge

    owner = region.people["espoo_owner"]
    challenge = publishable(make_challenge(), region)
    challenge = challenge_services.challenge_transition(actor=owner, challenge=challenge, target="co_definition")
    Challenge.objects.filter(pk=challenge.pk).update(questions_deadline=challenge.call_deadline + timedelta(days=1))
    challenge.refresh_from_db()
    with pytest.raises(ServiceConflict) as exc:
        challenge_services.challenge_transition(actor=owner, challenge=challenge, target="open_call")
    assert "questions_deadline_after_call" in [r.code for r in exc.value.reasons]
    Challenge.objects.filter(pk=challenge.pk).update(questions_deadline=challenge.call_deadline - timedelta(days=1))
    challenge.refresh_from_db()
    assert (
        challenge_services.challenge_transition(actor=owner, challenge=challenge, target="open_call").stage
        == "open_call"
    )
