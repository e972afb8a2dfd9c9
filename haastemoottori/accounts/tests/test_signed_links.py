"""A person's signed links can be revoked on their own (a generation per person and purpose), not only by
changing the secret key for everyone."""

import re

from django.core import signing
from django.urls import reverse

from conftest import make_user
from haastemoottori.accounts.audit_actions import AuditAction
from haastemoottori.accounts.services import signed_links_renew
from haastemoottori.accounts.signed_links import user_from_token, user_token
from haastemoottori.audit.models import AuditEvent
from haastemoottori.events.ics import FEED_SALT

SALT, OTHER_SALT = "test.feed", "test.unsubscribe"


def test_renewing_revokes_that_persons_links_of_that_purpose_only(db):
    anna, ben = make_user("anna@example.test"), make_user("ben@example.test")
    old, other_purpose, bens = (
        user_token(anna, salt=SALT),
        user_token(anna, salt=OTHER_SALT),
        user_token(ben, salt=SALT),
    )
    assert user_from_token(old, salt=SALT) == anna

    assert signed_links_renew(actor=anna, purpose=SALT) == 1

    assert user_from_token(old, salt=SALT) is None  # revoked
    new = user_token(anna, salt=SALT)
    assert new != old and user_from_token(new, salt=SALT) == anna
    assert user_from_token(other_purpose, salt=OTHER_SALT) == anna  # another purpose keeps working
    assert user_from_token(bens, salt=SALT) == ben  # another person's too
    signed_links_renew(actor=anna, purpose=SALT)
    assert user_from_token(new, salt=SALT) is None
    event = AuditEvent.objects.for_object(anna).filter(action=AuditAction.SIGNED_LINKS_RENEWED).latest("id")
    assert event.actor == anna and event.data == {"purpose": SALT}


def test_links_made_before_generations_existed_still_work_until_renewed(db):
    anna = make_user("anna@example.test")
    legacy = signing.dumps({"u": anna.pk}, salt=SALT)
    assert user_from_token(legacy, salt=SALT) == anna
    signed_links_renew(actor=anna, purpose=SALT)
    assert user_from_token(legacy, salt=SALT) is None


def test_a_forged_generation_is_refused(db):
    anna = make_user("anna@example.test")
    signed_links_renew(actor=anna, purpose=SALT)
    assert user_from_token(signing.dumps({"u": anna.pk, "g": "1"}, salt=SALT), salt=SALT) is None
    assert user_from_token(signing.dumps({"u": anna.pk, "g": 0}, salt=SALT), salt=SALT) is None


def _feed_path(html: str) -> str:
    return re.search(r'id="feed-url" type="url" readonly value="https?://[^/]+(/[^"]+)"', html).group(1)


def test_the_calendar_feed_address_is_renewed_from_my_events(client, db):
    anna = make_user("anna@example.test")
    client.force_login(anna)
    my = reverse("events:my")
    old = _feed_path(client.get(my).content.decode())
    assert client.get(old).status_code == 200
    assert client.get(reverse("events:my-feed-renew")).status_code == 405  # a change is a POST

    response = client.post(reverse("events:my-feed-renew"), follow=True)
    assert response.status_code == 200
    new = _feed_path(response.content.decode())
    assert new != old
    assert client.get(old).status_code == 404 and client.get(new).status_code == 200
    assert AuditEvent.objects.for_object(anna).filter(action=AuditAction.SIGNED_LINKS_RENEWED).count() == 1
    assert user_from_token(new.rsplit("/", 1)[1].removesuffix(".ics"), salt=FEED_SALT) == anna


def test_renewing_needs_signing_in(client, db):
    response = client.post(reverse("events:my-feed-renew"))
    assert response.status_code == 302 and "login" in response["Location"]
