"""The comments pages: who sees and does what, bad input, hidden text, and the number of queries."""

import pytest
from django.urls import reverse
from django.utils.translation import gettext as _

from haastemoottori.comments import services
from haastemoottori.comments.models import Comment, CommentReport

from .conftest import ROLES

EDITORS = {"espoo_owner", "espoo_admin", "vantaa_owner", "platform_admin"}
OWNER_MEMBERS = EDITORS | {"espoo_member", "espoo_evaluator", "vantaa_member", "helsinki_owner"}


def _url(challenge, name="list", *args):
    return reverse(f"comments:{name}", args=[challenge.slug, *args])


def _login(client, people, role):
    if role != "anonymous":
        client.force_login(people[role])


@pytest.mark.parametrize("role", ROLES)
def test_comment_page_per_role(client, people, codef, comment, role):
    _login(client, people, role)
    response = client.get(_url(codef))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Talvella laitteet jäätyvät." in html and "Aino Yrittäjä" in html and "Testiyritys Oy" in html
    assert "admin@company.test" not in html
    assert ('id="id_text"' in html) is (role != "anonymous")  # the form: every signed-in person
    assert (_url(codef, "hide", comment.pk) in html) is (role in EDITORS)
    assert (_url(codef, "moderation") in html) is (role in OWNER_MEMBERS)
    # Moderators hide directly; the author cannot report their own comment.
    assert (_url(codef, "report", comment.pk) in html) is (role not in ("anonymous", "company_admin", *EDITORS))
    assert (_("Report this comment") in html) is (role not in ("anonymous", "company_admin", *EDITORS))


@pytest.mark.parametrize("role", ROLES)
def test_post_a_comment_per_role(client, people, codef, role):
    _login(client, people, role)
    response = client.post(_url(codef), {"section": "tried", "text": "Kokeilkaa lämpöpumppua.", "language": "fi"})
    if role == "anonymous":
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
        assert not Comment.objects.exists()
    else:
        comment = Comment.objects.get()
        assert response.status_code == 302 and response["Location"].endswith(f"#comment-{comment.pk}")


def test_bad_comment_input_is_400_with_the_error_and_nothing_saved(client, region, codef):
    client.force_login(region.people["outsider"])
    response = client.post(_url(codef), {"section": "budget", "text": "", "language": "fi"})
    assert response.status_code == 400
    assert _("This field is required.") in response.content.decode()
    assert not Comment.objects.exists()
    client.force_login(region.people["espoo_member"])
    response = client.post(
        _url(codef), {"section": "general", "text": "Hyvä", "language": "fi", "organisation": region.company.pk}
    )  # not the person's organisation
    assert response.status_code == 400 and not Comment.objects.exists()


def test_rate_limited_and_duplicate_are_shown_in_the_form(client, region, codef, comment):
    client.force_login(comment.author)
    response = client.post(_url(codef), {"section": "constraints", "text": comment.text, "language": "fi"})
    assert response.status_code == 409
    assert _("You have already written this same comment.") in response.content.decode()
    assert Comment.objects.count() == 1


def test_closed_page_is_read_only(client, region, codef, comment):
    from haastemoottori.challenges import services as challenge_services

    challenge_services.challenge_transition(actor=region.people["espoo_owner"], challenge=codef, target="open_call")
    client.force_login(region.people["outsider"])
    response = client.get(_url(codef))
    assert response.status_code == 200 and 'id="id_text"' not in response.content.decode()
    assert "Talvella laitteet jäätyvät." in response.content.decode()
    response = client.post(_url(codef), {"section": "general", "text": "Myöhässä", "language": "fi"})
    assert response.status_code == 409 and Comment.objects.count() == 1


def test_draft_comments_page_is_404_for_outsiders(client, region, draft):
    assert client.get(_url(draft)).status_code == 404
    client.force_login(region.people["company_admin"])
    assert client.get(_url(draft)).status_code == 404
    client.force_login(region.people["espoo_member"])
    assert client.get(_url(draft)).status_code == 200


def test_section_filter(client, region, codef, comment):
    services.comment_create(
        actor=region.people["outsider"], challenge=codef, section="problem", text="Ongelma on", language="fi"
    )
    html = client.get(_url(codef) + "?section=problem").content.decode()
    assert "Ongelma on" in html and "Talvella" not in html
    assert client.get(_url(codef) + "?section=budget").status_code == 400


def test_hidden_comment_shows_the_reason_only(client, region, codef, comment):
    services.comment_hide(actor=region.people["espoo_owner"], comment=comment, reason="Sisältää henkilötietoja.")
    for role in ("anonymous", "outsider", "espoo_owner"):
        client.logout()
        if role != "anonymous":
            client.force_login(region.people[role])
        html = client.get(_url(codef)).content.decode()
        assert "Talvella laitteet" not in html
        assert _("Hidden by the moderator: %(reason)s") % {"reason": "Sisältää henkilötietoja."} in html
    # Owners see the hidden text on the moderation page only.
    assert "Talvella laitteet" in client.get(_url(codef, "moderation")).content.decode()
    client.logout()
    detail = client.get(reverse("challenges:detail", args=[codef.slug])).content.decode()
    assert "Talvella laitteet" not in detail


@pytest.mark.parametrize("role", ROLES)
def test_moderation_actions_per_role(client, people, codef, comment, role):
    _login(client, people, role)
    hide = client.post(_url(codef, "hide", comment.pk), {"reason": "Asiaton."})
    take = client.post(_url(codef, "take-into-account", comment.pk), {"note": "Lisätty."})
    comment.refresh_from_db()
    if role == "anonymous":
        assert hide.status_code == take.status_code == 302 and "/accounts/login/" in hide["Location"]
    elif role in EDITORS:
        assert hide.status_code == 302
        assert take.status_code == 409  # a hidden comment cannot be taken into account
        assert comment.is_hidden
        assert client.post(_url(codef, "unhide", comment.pk)).status_code == 302
        assert client.post(_url(codef, "take-into-account", comment.pk), {"note": "Lisätty."}).status_code == 302
        assert client.post(_url(codef, "undo-taken", comment.pk)).status_code == 302
        comment.refresh_from_db()
        assert not comment.is_hidden and not comment.is_taken_into_account
        return
    elif role in OWNER_MEMBERS:  # may see the moderation but not act
        assert hide.status_code == take.status_code == 403
    else:  # may not see the moderation at all: 404, like the Q&A owners' page
        assert hide.status_code == take.status_code == 404
    assert not comment.is_hidden and not comment.is_taken_into_account


@pytest.mark.parametrize("role", ROLES)
def test_moderation_page_per_role(client, people, codef, comment, role):
    services.comment_report(actor=people["outsider"], comment=comment, reason="spam") if role != "outsider" else None
    _login(client, people, role)
    response = client.get(_url(codef, "moderation"))
    export = client.get(_url(codef, "export"))
    if role == "anonymous":
        assert response.status_code == export.status_code == 302
    elif role in OWNER_MEMBERS:
        assert response.status_code == export.status_code == 200
        html = response.content.decode()
        assert (_url(codef, "resolve", CommentReport.objects.get().pk) in html) is (role in EDITORS)
        assert export["Content-Type"].startswith("text/csv")
        assert "Talvella laitteet jäätyvät." in export.content.decode()
    else:  # the challenge is visible but its moderation is not: 404, like the Q&A owners' page
        assert response.status_code == export.status_code == 404


@pytest.mark.parametrize("role", ROLES)
def test_report_per_role(client, people, codef, comment, role):
    _login(client, people, role)
    response = client.post(_url(codef, "report", comment.pk), {"reason": "spam"})
    if role == "anonymous":
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    elif role == "company_admin":  # the author
        assert response.status_code == 403
    else:
        assert response.status_code == 302
        assert CommentReport.objects.filter(reporter=people[role]).count() == 1
        again = client.post(_url(codef, "report", comment.pk), {"reason": "spam"})
        assert again.status_code == 409
        assert _("You have already reported this comment.") in again.content.decode()
        return
    assert not CommentReport.objects.exists()


def test_bad_moderation_input_is_400_and_changes_nothing(client, region, codef, comment):
    client.force_login(region.people["espoo_owner"])
    response = client.post(_url(codef, "hide", comment.pk), {"reason": ""})
    assert response.status_code == 400 and _("This field is required.") in response.content.decode()
    assert client.post(_url(codef, "take-into-account", comment.pk), {"note": ""}).status_code == 400
    report = services.comment_report(actor=region.people["outsider"], comment=comment, reason="spam")
    assert client.post(_url(codef, "resolve", report.pk), {"resolution": "hidden"}).status_code == 400
    assert client.post(_url(codef, "resolve", report.pk), {"resolution": "delete"}).status_code == 400
    client.force_login(region.people["outsider"])
    assert client.post(_url(codef, "report", comment.pk), {"reason": "boring"}).status_code == 400
    comment.refresh_from_db()
    report.refresh_from_db()
    assert not comment.is_hidden and not comment.is_taken_into_account and report.resolved_at is None
    assert client.get(_url(codef, "hide", comment.pk)).status_code == 405
    assert client.post(_url(codef, "hide", 999999), {"reason": "x"}).status_code in (403, 404)


def test_resolve_from_the_moderation_page(client, region, codef, comment):
    report = services.comment_report(actor=region.people["outsider"], comment=comment, reason="spam")
    client.force_login(region.people["vantaa_owner"])
    response = client.post(_url(codef, "resolve", report.pk), {"resolution": "hidden", "reason": "Mainos."})
    assert response.status_code == 302 and response["Location"] == _url(codef, "moderation")
    comment.refresh_from_db()
    assert comment.is_hidden and comment.hidden_reason == "Mainos."


def test_taken_into_account_badge_is_public(client, region, codef, comment):
    services.comment_take_into_account(
        actor=region.people["espoo_owner"], comment=comment, note="Lisäsimme tämän rajoitteisiin."
    )
    html = client.get(_url(codef)).content.decode()
    assert _("Taken into account") in html and "Lisäsimme tämän rajoitteisiin." in html


def _many(region, codef, n=30):
    from django.utils import timezone

    authors = [region.people[r] for r in ("outsider", "company_admin", "espoo_member", "vantaa_member")]
    now = timezone.now()
    for i in range(n):
        author = authors[i % len(authors)]
        Comment.objects.create(
            challenge=codef,
            author=author,
            section=["problem", "general", "tried"][i % 3],
            text=f"Kommentti {i}",
            language="fi",
            fingerprint=str(i),
            created_at=now,
            author_organisation=region.company if author == authors[1] else None,
            taken_into_account_at=now if i % 5 == 0 else None,
            status="hidden" if i % 7 == 0 else "visible",
            hidden_reason="Syy",
        )


@pytest.mark.parametrize("n", [1, 30])
def test_query_counts(client, region, codef, n, django_assert_max_num_queries):
    _many(region, codef, n)
    with django_assert_max_num_queries(4):
        assert client.get(_url(codef)).status_code == 200
    # The challenge page's share is one query (test_challenge_section_counts_and_invitation); the whole
    # page is counted in core/tests/test_every_view.py.
    client.force_login(region.people["espoo_owner"])
    for name in ("list", "moderation", "export"):
        with django_assert_max_num_queries(12):
            assert client.get(_url(codef, name)).status_code == 200, name


def test_challenge_section_counts_and_invitation(client, region, codef, comment, django_assert_num_queries):
    from django.contrib.auth.models import AnonymousUser
    from django.template import Context, Template

    services.comment_take_into_account(actor=region.people["espoo_owner"], comment=comment, note="Ok.")
    template = Template("{% load comments_tags %}{% comments_section challenge %}")
    with django_assert_num_queries(1):
        html = template.render(Context({"challenge": codef, "user": AnonymousUser()}))
    assert _url(codef) in html and "1" in html
    assert _("The challenge is in co-definition: tell the owners what is missing or should be changed.") in html
