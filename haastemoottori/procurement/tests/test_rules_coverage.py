"""``procurement.change_procurement`` per role (the object is the challenge), and the service and page enforcing it.

The challenge: Espoo leads, Vantaa co-owns, Helsinki contributes (``contributor_editor`` is Helsinki's challenge
owner; ``contributor`` is a lead-city member without an editor role).
"""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from haastemoottori.challenges import services as challenge_services
from haastemoottori.core.errors import ServicePermissionDenied
from haastemoottori.procurement import services
from haastemoottori.procurement.models import ProcurementPath

pytestmark = pytest.mark.django_db

PERM = "procurement.change_procurement"
ALLOWED = {"owner", "co_owner", "platform_admin"}


@pytest.fixture
def challenge(region, make_challenge):
    owner = region.people["espoo_owner"]
    challenge = make_challenge()
    challenge_services.challenge_add_owner(
        actor=owner, challenge=challenge, organisation=region.vantaa, role="co_owner"
    )
    challenge_services.challenge_add_owner(
        actor=owner, challenge=challenge, organisation=region.helsinki, role="contributor"
    )
    return type(challenge).objects.get(pk=challenge.pk)


@pytest.mark.parametrize(
    "who",
    [
        "anonymous",
        "resident",
        "company",
        "other_company",
        "contributor",
        "contributor_editor",
        "owner",
        "co_owner",
        "platform_admin",
    ],
)
def test_change_procurement(challenge, people, who):
    user = people[who] or AnonymousUser()
    assert user.has_perm(PERM, challenge) is (who in ALLOWED)


def test_change_procurement_is_enforced(client, challenge, people):
    with pytest.raises(ServicePermissionDenied):
        services.path_update(actor=people["contributor_editor"], challenge=challenge, route="innovation_procurement")
    assert not ProcurementPath.objects.exists()
    url = reverse("procurement:edit", args=[challenge.slug])
    client.force_login(people["contributor"])
    assert client.get(url).status_code == 403
    client.force_login(people["co_owner"])
    assert client.get(url).status_code == 200
    services.path_update(actor=people["co_owner"], challenge=challenge, route="innovation_procurement")
    assert ProcurementPath.objects.get().route == "innovation_procurement"
