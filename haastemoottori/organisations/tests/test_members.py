"""'Our organisation': permissions per role, invitations (create, accept, dead ends) and join decisions."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from haastemoottori.accounts.models import User
from haastemoottori.audit.models import AuditEvent
from haastemoottori.core.errors import ServiceConflict, ServicePermissionDenied, ServiceValidationError
from haastemoottori.organisations import services_members
from haastemoottori.organisations.models import Invitation, JoinRequest, Membership
from haastemoottori.organisations.models.invitation import token_digest

from .conftest import ROLES

TEAM = "/en/organisations/testiyritys/team/"

EXPECTED = {
    "organisations.view_members": {"admin", "challenge_owner", "evaluator", "member", "platform_admin"},
    "organisations.manage_members": {"admin", "platform_admin"},
    "organisations.change_profile": {"admin", "platform_admin"},
}


def _link(message) -> str:
    return re.search(r"https?://\S+", message.body).group(0)


def _path(link: str) -> str:
    return re.sub(r"^https?://[^/]+", "", link)


@pytest.mark.parametrize("perm", sorted(EXPECTED))
@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(region, team, perm, role):
    assert team[role].has_perm(perm, region.company) is (role in EXPECTED[perm])


@pytest.mark.parametrize("role", ROLES)
def test_an_unlisted_organisation_is_seen_by_its_members_only(region, team, role):
    assert team[role].has_perm("organisations.view_organisation", region.company)
    region.company.is_listed = False
    region.company.save()
    expected = role in EXPECTED["organisations.view_members"]
    assert team[role].has_perm("organisations.view_organisation", region.company) is expected


@pytest.mark.parametrize("role", ROLES)
def test_team_page_per_role(client, region, as_role, role):
    as_role(role)
    response = client.get(TEAM)
    expected = {
        "admin": 200,
        "challenge_owner": 200,
        "evaluator": 200,
        "member": 200,
        "platform_admin": 200,
        "outsider": 403,
        "anonymous": 302,
    }[role]
    assert response.status_code == expected
    if expected == 200:
        page = response.content.decode()
        assert "admin@company.test" in page
        assert ("Invite a colleague" in page) is (role in EXPECTED["organisations.manage_members"])


@pytest.mark.parametrize("role", ROLES)
def test_inviting_per_role(client, region, as_role, role, django_capture_on_commit_callbacks):
    as_role(role)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            TEAM + "invite/", {"email": "New.Person@Example.test", "role": "evaluator", "language": "sv"}
        )
    allowed = role in EXPECTED["organisations.manage_members"]
    assert response.status_code == (302 if allowed or role == "anonymous" else 403)
    assert Invitation.objects.exists() is allowed
    assert len(mail.outbox) == (1 if allowed else 0)
    if allowed:
        invitation = Invitation.objects.get()
        assert invitation.email == "new.person@example.test" and invitation.role == "evaluator"
        # The e-mail is in the language chosen for it: its link opens the Swedish page.
        assert "/sv/accounts/invitations/" in _link(mail.outbox[0])
        assert invitation.token_hash not in mail.outbox[0].body  # only the hash is stored
        assert AuditEvent.objects.for_object(invitation).filter(action="created").exists()


@pytest.mark.parametrize("role", ROLES)
def test_invitation_service_needs_the_permission(region, team, role):
    call = lambda: services_members.invitation_create(  # noqa: E731
        actor=team[role],
        organisation=region.company,
        email="x@example.test",
        role="member",
        language="fi",
        base_url="http://testserver",
    )
    if role in EXPECTED["organisations.manage_members"]:
        call()
    else:
        with pytest.raises(ServicePermissionDenied):
            call()


def test_invitation_input_is_checked(client, region, as_role):
    as_role("admin")
    assert (
        client.post(TEAM + "invite/", {"email": "not-an-address", "role": "member", "language": "fi"}).status_code
        == 400
    )
    assert client.post(TEAM + "invite/", {"email": "a@b.test", "role": "king", "language": "fi"}).status_code == 400
    response = client.post(TEAM + "invite/", {"email": "MEMBER@company.test", "role": "member", "language": "fi"})
    assert response.status_code == 409 and "already a member" in response.content.decode()
    assert not Invitation.objects.exists()
    with pytest.raises(ServiceValidationError):
        services_members.invitation_create(
            actor=region.people["company_admin"],
            organisation=region.company,
            email="a@b.test",
            role="member",
            language="xx",
            base_url="",
        )


def test_a_new_invitation_replaces_the_open_one(client, region, as_role):
    as_role("admin")
    for _ in range(2):
        client.post(TEAM + "invite/", {"email": "a@b.test", "role": "member", "language": "fi"})
    first, second = Invitation.objects.order_by("id")
    assert first.revoked_at is not None and second.revoked_at is None
    assert list(Invitation.objects.open()) == [second]


def _invite(client, team, django_capture_on_commit_callbacks, email="new@example.test", role="challenge_owner"):
    client.force_login(team["admin"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(TEAM + "invite/", {"email": email, "role": role, "language": "en"})
    client.logout()
    return _path(_link(mail.outbox[-1]))


def test_a_new_person_accepts_with_a_new_account(client, region, team, django_capture_on_commit_callbacks):
    path = _invite(client, team, django_capture_on_commit_callbacks)
    page = client.get(path)
    assert page.status_code == 200 and "Create the account and join" in page.content.decode()
    assert client.post(path, {"full_name": "Uusi", "password": "short", "language": "fi"}).status_code == 400
    response = client.post(path, {"full_name": "Uusi Ihminen", "password": "pitkä-salasana-123", "language": "fi"})
    assert response.status_code == 302 and response["Location"] == TEAM
    user = User.objects.get(email="new@example.test")
    assert user.is_active and user.preferred_language == "fi"
    assert Membership.objects.get(user=user, organisation=region.company).role == "challenge_owner"
    assert Invitation.objects.get().accepted_by == user
    assert client.get(TEAM).status_code == 200  # signed in
    assert AuditEvent.objects.filter(action="member_added", target_id=str(region.company.pk)).exists()
    # The link works once.
    client.logout()
    again = client.get(path)
    assert again.status_code == 410 and "already been used" in again.content.decode()


def test_an_existing_user_signs_in_and_accepts(client, region, team, django_capture_on_commit_callbacks):
    existing = region.people["outsider"]
    path = _invite(client, team, django_capture_on_commit_callbacks, email=existing.email.upper(), role="member")
    page = client.get(path)
    assert page.status_code == 200 and "Sign in to accept" in page.content.decode()
    client.force_login(existing)
    assert "Join Testiyritys" in client.get(path).content.decode()
    response = client.post(path)
    assert response.status_code == 302
    assert Membership.objects.get(user=existing, organisation=region.company).role == "member"


def test_another_account_cannot_use_the_invitation(client, region, team, django_capture_on_commit_callbacks):
    path = _invite(client, team, django_capture_on_commit_callbacks)
    client.force_login(region.people["espoo_member"])
    response = client.get(path)
    assert response.status_code == 403 and "new@example.test" in response.content.decode()
    assert client.post(path).status_code == 403
    assert not Membership.objects.filter(user=region.people["espoo_member"], organisation=region.company).exists()
    with pytest.raises(ServicePermissionDenied):
        services_members.invitation_accept(actor=region.people["espoo_member"], token=path.rstrip("/").split("/")[-1])


def test_expired_withdrawn_and_invalid_links_explain_themselves(
    client, region, team, django_capture_on_commit_callbacks
):
    path = _invite(client, team, django_capture_on_commit_callbacks)
    Invitation.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    response = client.get(path)
    assert response.status_code == 410 and "expired" in response.content.decode()
    assert client.post(path, {"full_name": "X", "password": "pitkä-salasana-123", "language": "fi"}).status_code == 410
    assert not User.objects.filter(email="new@example.test").exists()
    response = client.get("/en/accounts/invitations/not-a-real-token/")
    assert response.status_code == 404 and "not valid" in response.content.decode()

    path = _invite(client, team, django_capture_on_commit_callbacks, email="other@example.test")
    invitation = Invitation.objects.open().get()
    client.force_login(team["admin"])
    assert client.post(f"{TEAM}invitations/{invitation.pk}/revoke/").status_code == 302
    client.logout()
    response = client.get(path)
    assert response.status_code == 410 and "withdrawn" in response.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_withdrawing_an_invitation_per_role(client, region, team, as_role, role):
    invitation = services_members.invitation_create(
        actor=team["admin"], organisation=region.company, email="a@b.test", role="member", language="fi", base_url=""
    )
    as_role(role)
    response = client.post(f"{TEAM}invitations/{invitation.pk}/revoke/")
    allowed = role in EXPECTED["organisations.manage_members"]
    assert response.status_code == (302 if allowed or role == "anonymous" else 403)
    invitation.refresh_from_db()
    assert (invitation.revoked_at is not None) is allowed


# Join requests: the sign-up side is tested in signup/tests/test_join_signup.py -------------------------------


def _request(region, user=None, message="Hei!"):
    user = user or User.objects.create_user(
        "hakija@example.test", "x-password-123", full_name="Hanna Hakija", preferred_language="sv"
    )
    return services_members.join_request_create(user=user, organisation=region.company, message=message)


@pytest.mark.parametrize("role", ROLES)
def test_deciding_a_join_request_per_role(client, region, team, as_role, role, django_capture_on_commit_callbacks):
    join_request = _request(region)
    as_role(role)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{TEAM}requests/{join_request.pk}/", {"decision": "approve"})
    allowed = role in EXPECTED["organisations.manage_members"]
    assert response.status_code == (302 if allowed or role == "anonymous" else 403)
    join_request.refresh_from_db()
    assert (join_request.status == "approved") is allowed
    assert Membership.objects.filter(user=join_request.user, organisation=region.company).exists() is allowed
    if not allowed:
        with pytest.raises(ServicePermissionDenied):
            services_members.join_request_decide(actor=team[role], join_request=join_request, approve=True)


def test_approving_makes_a_member_and_tells_the_person(client, region, team, django_capture_on_commit_callbacks):
    join_request = _request(region)
    client.force_login(team["admin"])
    assert "Hanna Hakija" in client.get(TEAM).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"{TEAM}requests/{join_request.pk}/", {"decision": "approve"})
    membership = Membership.objects.get(user=join_request.user, organisation=region.company)
    assert membership.role == "member"
    join_request.refresh_from_db()
    assert join_request.decided_by == team["admin"] and join_request.decided_at
    decision = mail.outbox[-1]
    assert decision.to == ["hakija@example.test"]
    assert "/sv/" in _link(decision)  # in the requester's language
    assert AuditEvent.objects.for_object(join_request).filter(action="updated").count() == 1
    # Deciding again is refused with a message, not an error page.
    response = client.post(f"{TEAM}requests/{join_request.pk}/", {"decision": "decline"}, follow=True)
    assert "already been decided" in response.content.decode()
    assert "Hanna Hakija" not in client.get(TEAM).content.decode().split("Members")[0]


def test_declining_adds_no_member_and_tells_the_person(client, region, team, django_capture_on_commit_callbacks):
    join_request = _request(region)
    client.force_login(team["admin"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"{TEAM}requests/{join_request.pk}/", {"decision": "decline"})
    join_request.refresh_from_db()
    assert join_request.status == "declined"
    assert not Membership.objects.filter(user=join_request.user, organisation=region.company).exists()
    # the person chose Swedish: the decision comes in Swedish
    assert mail.outbox[-1].to == ["hakija@example.test"] and "avslagits" in mail.outbox[-1].subject


def test_an_unconfirmed_request_is_hidden_and_cannot_be_decided(client, region, team):
    user = User.objects.create_user("eivahvistettu@example.test", "x-password-123", is_active=False)
    join_request = _request(region, user=user)
    client.force_login(team["admin"])
    assert "eivahvistettu@example.test" not in client.get(TEAM).content.decode()
    with pytest.raises(ServiceConflict):
        services_members.join_request_decide(actor=team["admin"], join_request=join_request, approve=True)
    assert JoinRequest.objects.get().status == "pending"


def test_one_pending_request_per_person_and_none_from_members(region, team):
    join_request = _request(region)
    with pytest.raises(ServiceConflict):
        _request(region, user=join_request.user)
    with pytest.raises(ServiceConflict):
        _request(region, user=team["member"])
    with pytest.raises(ServiceValidationError):
        _request(region, user=region.people["outsider"], message="x" * 2001)


def test_accepting_an_invitation_answers_a_pending_request(region, team):
    join_request = _request(region)
    invitation = services_members.invitation_create(
        actor=team["admin"],
        organisation=region.company,
        email=join_request.user.email,
        role="evaluator",
        language="fi",
        base_url="",
    )
    Invitation.objects.filter(pk=invitation.pk).update(token_hash=token_digest("known-token"))
    services_members.invitation_accept(actor=join_request.user, token="known-token")
    join_request.refresh_from_db()
    assert join_request.status == "approved"
    assert Membership.objects.get(user=join_request.user, organisation=region.company).role == "evaluator"


def test_the_workspace_links_to_our_organisation(client, region, team):
    _request(region)
    client.force_login(team["admin"])
    page = client.get("/en/challenges/workspace/").content.decode()
    assert TEAM in page and "1 request to join" in page
    client.force_login(team["member"])
    page = client.get("/en/challenges/workspace/").content.decode()
    assert TEAM in page and "request to join" not in page


def test_team_page_queries_are_bounded(client, region, team, django_assert_max_num_queries):
    for i in range(5):
        _request(region, user=User.objects.create_user(f"p{i}@example.test", "x-password-123"))
        services_members.invitation_create(
            actor=team["admin"],
            organisation=region.company,
            email=f"i{i}@example.test",
            role="member",
            language="fi",
            base_url="",
        )
    client.force_login(team["admin"])
    with django_assert_max_num_queries(15):
        assert client.get(TEAM).status_code == 200
