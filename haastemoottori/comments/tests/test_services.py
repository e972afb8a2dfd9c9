"""The rules of commenting: when, how often, what, and who hears of it."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django.utils.translation import gettext as _

from haastemoottori.audit.models import AuditEvent
from haastemoottori.challenges import services as challenge_services
from haastemoottori.comments import services
from haastemoottori.comments.models import Comment, CommentReport
from haastemoottori.core.errors import ServiceConflict, ServicePermissionDenied, ServiceValidationError
from haastemoottori.notifications.models import Notification


def _write(actor, challenge, text="Hyvä huomio.", now=None, **extra):
    return services.comment_create(
        actor=actor,
        challenge=challenge,
        section=extra.pop("section", "general"),
        text=text,
        language=extra.pop("language", "fi"),
        now=now,
        **extra,
    )


def test_a_resident_comments_in_co_definition(region, codef):
    resident = region.people["outsider"]
    comment = _write(resident, codef, section="problem")
    assert comment.status == Comment.Status.VISIBLE and comment.author_organisation is None
    assert comment.author_name == _("A resident")


def test_no_comments_before_or_after_co_definition(region, draft, codef):
    with pytest.raises(ServiceConflict) as exc:
        _write(region.people["outsider"], draft)
    assert exc.value.code == "closed"
    codef = challenge_services.challenge_transition(
        actor=region.people["espoo_owner"], challenge=codef, target="open_call"
    )
    with pytest.raises(ServiceConflict) as exc:
        _write(region.people["platform_admin"], codef)
    assert str(exc.value.message) == _("Comments are taken only while the challenge is in co-definition.")
    assert not Comment.objects.exists()


def test_anonymous_and_inactive_cannot_comment(region, codef):
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(ServicePermissionDenied):
        _write(AnonymousUser(), codef)
    user = region.people["outsider"]
    user.is_active = False
    user.save()
    with pytest.raises(ServicePermissionDenied):
        _write(user, codef)


def test_rate_limit_per_ten_minutes_then_free_again(region, codef):
    user = region.people["outsider"]
    start = timezone.now()
    for i in range(services.SHORT_LIMIT[1]):
        _write(user, codef, text=f"Huomio {i}", now=start + timedelta(minutes=i))
    with pytest.raises(ServiceConflict) as exc:
        _write(user, codef, text="Yksi liikaa", now=start + timedelta(minutes=6))
    assert exc.value.code == "rate_limited"
    assert "10" in str(exc.value.message)
    assert Comment.objects.count() == 5
    # Ten minutes after the first, one more fits.
    _write(user, codef, text="Nyt taas", now=start + timedelta(minutes=10, seconds=1))


def test_daily_limit_across_challenges(region, codef, make_challenge):
    user = region.people["outsider"]
    start = timezone.now() - timedelta(hours=23)
    for i in range(services.DAILY_LIMIT[1]):
        _write(user, codef, text=f"Huomio {i}", now=start + timedelta(minutes=11 * i))
    with pytest.raises(ServiceConflict) as exc:
        _write(user, codef, text="Liikaa", now=start + timedelta(minutes=11 * 30))
    assert "30" in str(exc.value.message)
    # Another person is not limited.
    _write(region.people["company_admin"], codef, text="Liikaa", now=start + timedelta(minutes=11 * 30))


def test_the_same_text_twice_is_refused(region, codef):
    user = region.people["outsider"]
    _write(user, codef, text="Sama  teksti")
    with pytest.raises(ServiceConflict) as exc:
        _write(user, codef, text="sama teksti ", section="problem")
    assert exc.value.code == "duplicate"
    assert Comment.objects.count() == 1
    _write(region.people["company_admin"], codef, text="Sama teksti")  # someone else may say the same


@pytest.mark.parametrize(
    "values, field",
    [
        ({"text": " "}, "text"),
        ({"text": "x" * (services.MAX_LENGTH + 1)}, "text"),
        ({"section": "budget"}, "section"),
        ({"language": "de"}, "language"),
    ],
)
def test_bad_input_changes_nothing(region, codef, values, field):
    args = {"text": "Hyvä", "section": "general", "language": "fi", **values}
    with pytest.raises(ServiceValidationError) as exc:
        services.comment_create(actor=region.people["outsider"], challenge=codef, **args)
    assert exc.value.field == field
    assert not Comment.objects.exists() and not AuditEvent.objects.filter(target_type="comments.comment").exists()


def test_only_on_behalf_of_an_own_organisation(region, codef):
    with pytest.raises(ServiceValidationError):
        _write(region.people["outsider"], codef, organisation=region.company)


def test_new_comment_notifies_owner_editors(region, codef, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _write(region.people["company_admin"], codef)
    notified = set(Notification.objects.filter(kind="comments.new_comment").values_list("user__email", flat=True))
    assert notified == {"owner@espoo.test", "admin@espoo.test", "owner@vantaa.test"}


def test_taken_into_account_notifies_the_author_once(region, codef, comment, django_capture_on_commit_callbacks):
    owner = region.people["vantaa_owner"]
    with django_capture_on_commit_callbacks(execute=True):
        services.comment_take_into_account(actor=owner, comment=comment, note="Lisätty rajoitteisiin.")
        services.comment_take_into_account(actor=owner, comment=comment, note="Lisätty rajoitteisiin (2).")
        services.comment_undo_taken_into_account(actor=owner, comment=comment)
        comment = services.comment_take_into_account(actor=owner, comment=comment, note="Taas.")
    assert comment.is_taken_into_account and comment.owner_note == "Taas."
    sent = Notification.objects.filter(kind="comments.taken_into_account")
    assert [n.user for n in sent] == [comment.author]
    events = AuditEvent.objects.for_object(comment).filter(action="updated")
    assert events.count() == 4 and all(e.is_public for e in events)


def test_only_moderators_take_into_account_or_hide(region, comment):
    for role in ("espoo_member", "helsinki_owner", "outsider"):
        with pytest.raises(ServicePermissionDenied):
            services.comment_take_into_account(actor=region.people[role], comment=comment, note="x")
        with pytest.raises(ServicePermissionDenied):
            services.comment_hide(actor=region.people[role], comment=comment, reason="x")
    comment.refresh_from_db()
    assert not comment.is_taken_into_account and not comment.is_hidden


def test_hide_needs_a_reason_and_keeps_the_text_out_of_public_audit(
    region, comment, django_capture_on_commit_callbacks
):
    owner = region.people["espoo_owner"]
    with pytest.raises(ServiceValidationError):
        services.comment_hide(actor=owner, comment=comment, reason="  ")
    with django_capture_on_commit_callbacks(execute=True):
        comment = services.comment_hide(actor=owner, comment=comment, reason="Mainontaa.")
    assert comment.is_hidden and comment.hidden_by == owner
    assert Notification.objects.filter(kind="comments.hidden", user=comment.author).count() == 1
    for event in AuditEvent.objects.for_object(comment).public():
        assert "jäätyvät" not in str(event.changes) + str(event.data) + event.target_label
    with pytest.raises(ServiceConflict):
        services.comment_take_into_account(actor=owner, comment=comment, note="x")
    comment = services.comment_unhide(actor=owner, comment=comment)
    assert not comment.is_hidden and comment.hidden_reason == ""


def test_report_once_notifies_owners_and_resolving_hides(region, comment, django_capture_on_commit_callbacks):
    reporter = region.people["outsider"]
    with django_capture_on_commit_callbacks(execute=True):
        report = services.comment_report(actor=reporter, comment=comment, reason="spam")
    notified = set(Notification.objects.filter(kind="comments.reported").values_list("user__email", flat=True))
    assert notified == {"owner@espoo.test", "admin@espoo.test", "owner@vantaa.test"}
    with pytest.raises(ServiceConflict) as exc:
        services.comment_report(actor=reporter, comment=comment, reason="other", text="x")
    assert str(exc.value.message) == _("You have already reported this comment.")
    with pytest.raises(ServicePermissionDenied):
        services.comment_report(actor=comment.author, comment=comment, reason="spam")
    with pytest.raises(ServiceValidationError):
        services.comment_report(actor=region.people["espoo_member"], comment=comment, reason="other")
    second = services.comment_report(actor=region.people["espoo_member"], comment=comment, reason="offensive")
    with pytest.raises(ServiceValidationError):
        services.report_resolve(actor=region.people["espoo_owner"], report=report, resolution="hidden", reason="")
    report = services.report_resolve(
        actor=region.people["espoo_owner"], report=report, resolution="hidden", reason="Mainontaa."
    )
    assert report.resolution == "hidden" and report.resolved_by == region.people["espoo_owner"]
    second.refresh_from_db()
    assert second.resolution == "hidden"  # the other open report was resolved with it
    comment.refresh_from_db()
    assert comment.is_hidden and comment.hidden_reason == "Mainontaa."
    assert AuditEvent.objects.for_object(report).filter(is_public=False).count() == 2
    with pytest.raises(ServiceConflict):
        services.report_resolve(actor=region.people["espoo_owner"], report=report, resolution="kept")


def test_keeping_a_comment_resolves_the_report(region, comment):
    report = services.comment_report(actor=region.people["outsider"], comment=comment, reason="off_topic")
    report = services.report_resolve(actor=region.people["vantaa_owner"], report=report, resolution="kept")
    assert report.resolution == CommentReport.Resolution.KEPT
    comment.refresh_from_db()
    assert not comment.is_hidden


def test_creation_is_audited_publicly_without_the_text(region, comment):
    event = AuditEvent.objects.for_object(comment).get()
    assert event.action == "created" and event.is_public
    assert event.data["section"] == "constraints" and "jäätyvät" not in str(event.data)
