"""The "add an organisation" select on the manage page offers only cities not yet in the challenge."""

import re

from haastemoottori.challenges import services


def _offered(client, challenge) -> set[str]:
    page = client.get(f"/fi/challenges/{challenge.slug}/manage/").content.decode()
    select = re.search(r'<select name="organisation"[^>]*>(.*?)</select>', page, re.S).group(1)
    return set(re.findall(r'<option value="(\d+)"', select))


def test_the_lead_and_invited_cities_are_not_offered(client, region, make_challenge):
    owner = region.people["espoo_owner"]
    challenge = make_challenge()
    client.force_login(owner)
    offered = _offered(client, challenge)
    assert str(region.espoo.pk) not in offered
    assert {str(region.vantaa.pk), str(region.helsinki.pk)} <= offered
    services.challenge_add_owner(actor=owner, challenge=challenge, organisation=region.vantaa, role="co_owner")
    offered = _offered(client, challenge)
    assert str(region.vantaa.pk) not in offered and str(region.helsinki.pk) in offered


def test_adding_the_lead_again_is_refused_at_the_field(client, region, make_challenge):
    challenge = make_challenge()
    client.force_login(region.people["espoo_owner"])
    response = client.post(
        f"/fi/challenges/{challenge.slug}/owners/", {"organisation": region.espoo.pk, "role": "co_owner"}
    )
    assert response.status_code == 400
    assert 'href="#id_organisation"' in response.content.decode()
