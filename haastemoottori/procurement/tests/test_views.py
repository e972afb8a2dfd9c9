"""Pages: every role on every view, bad input gives 400 and no change, query counts, the challenge section."""

from decimal import Decimal

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse
from django.utils.translation import gettext as _

from haastemoottori.procurement import services
from haastemoottori.procurement.models import Award, Contract, ProcurementNotice, ProcurementPath

from .conftest import a_date

pytestmark = pytest.mark.django_db

EDITORS = {"owner", "co_owner", "platform_admin"}
ROLES = [
    "anonymous",
    "resident",
    "company",
    "other_company",
    "contributor",
    "contributor_editor",
    "owner",
    "co_owner",
    "platform_admin",
]


def login(client, people, who):
    if people[who] is not None:
        client.force_login(people[who])


def state():
    return (
        ProcurementPath.objects.count(),
        ProcurementNotice.objects.count(),
        Award.objects.count(),
        Contract.objects.count(),
        list(ProcurementPath.objects.values_list("route", flat=True)),
    )


@pytest.mark.parametrize("who", ROLES)
def test_public_pages_for_every_role(full_path, people, client, who):
    login(client, people, who)
    slug = full_path.challenge.slug
    page = client.get(reverse("procurement:detail", args=[slug]))
    assert page.status_code == 200
    body = page.content.decode()
    assert "2024-002" in body and full_path.notices[1].url in body and reverse("procurement:ocds", args=[slug]) in body
    assert "48 500,50" in body or "48\xa0500,50" in body
    assert (reverse("procurement:edit", args=[slug]) in body) == (who in EDITORS)
    assert client.get(reverse("procurement:ocds", args=[slug])).status_code == 200


@pytest.mark.parametrize("who", ROLES)
def test_owner_views_for_every_role(full_path, people, client, who):
    login(client, people, who)
    w = full_path
    slug = w.challenge.slug
    notice = w.notices[0]
    today = a_date().isoformat()
    requests = [
        ("get", reverse("procurement:edit", args=[slug]), {}),
        ("post", reverse("procurement:edit", args=[slug]), {"path-route": "pcp"}),
        (
            "post",
            reverse("procurement:notice-add", args=[slug]),
            {
                "notice-kind": "award_notice",
                "notice-notice_id": f"N-{who}",
                "notice-url": "https://example.test/a",
                "notice-published_on": today,
            },
        ),
        (
            "post",
            reverse("procurement:award-add", args=[slug]),
            {"award-proposal": str(w.proposal.pk), "award-value": "10", "award-date": today},
        ),
        (
            "post",
            reverse("procurement:contract-add", args=[slug]),
            {
                "contract-award": str(w.award.pk),
                "contract-value": "10",
                "contract-signed_on": today,
                "contract-start_date": today,
                "contract-status": "pending",
            },
        ),
        ("post", reverse("procurement:notice-remove", args=[slug, notice.pk]), {}),
    ]
    before = state()
    for method, url, data in requests:
        response = getattr(client, method)(url, data)
        if who == "anonymous":
            assert response.status_code == 302 and "/login" in response["Location"], url
        elif who in EDITORS:
            assert response.status_code == (200 if method == "get" else 302), (url, response.content[:2000])
        else:
            assert response.status_code == 403, url
    if who in EDITORS:
        assert ProcurementPath.objects.get().route == "pcp"
        assert Award.objects.count() == 2 and Contract.objects.count() == 2
        assert not ProcurementNotice.objects.filter(pk=notice.pk).exists()
    else:
        assert state() == before


def test_post_only_views_refuse_get(full_path, client, people):
    client.force_login(people["owner"])
    assert client.get(reverse("procurement:award-add", args=[full_path.challenge.slug])).status_code == 405


def test_unpublished_challenge_is_404_to_outsiders(region, make_challenge, people, client):
    draft = make_challenge()
    services.path_update(actor=people["owner"], challenge=draft, route="pcp")
    for who in ("resident", "company", "contributor_editor"):
        client.force_login(people[who])
        assert client.get(reverse("procurement:detail", args=[draft.slug])).status_code == 404
        assert client.get(reverse("procurement:edit", args=[draft.slug])).status_code == 404
    client.force_login(people["owner"])
    assert client.get(reverse("procurement:edit", args=[draft.slug])).status_code == 200
    assert client.get(reverse("procurement:detail", args=[draft.slug])).status_code == 200


@pytest.mark.parametrize(
    "url_name, data, field_error",
    [
        ("procurement:award-add", {"award-proposal": "PROPOSAL", "award-value": "-5", "award-date": "TODAY"}, None),
        (
            "procurement:award-add",
            {"award-supplier": "", "award-value": "5", "award-date": "TODAY"},
            "Choose the supplier or the selected proposal.",
        ),
        (
            "procurement:contract-add",
            {
                "contract-award": "AWARD",
                "contract-value": "10",
                "contract-signed_on": "TODAY",
                "contract-start_date": "TODAY",
                "contract-end_date": "YESTERDAY",
                "contract-status": "active",
            },
            "The end date must be on or after the start date.",
        ),
        (
            "procurement:notice-add",
            {
                "notice-kind": "contract_notice",
                "notice-notice_id": "A",
                "notice-url": "https://example.test/",
                "notice-published_on": "TOMORROW",
            },
            "A notice cannot be published in the future.",
        ),
        (
            "procurement:notice-add",
            {
                "notice-kind": "contract_notice",
                "notice-notice_id": "A",
                "notice-url": "not a url",
                "notice-published_on": "TODAY",
            },
            None,
        ),
        ("procurement:edit", {"path-route": "auction"}, None),
    ],
)
def test_bad_input_gives_400_and_no_change(full_path, people, client, url_name, data, field_error):
    client.force_login(people["owner"])
    replace = {
        "PROPOSAL": str(full_path.proposal.pk),
        "AWARD": str(full_path.award.pk),
        "TODAY": a_date().isoformat(),
        "TOMORROW": a_date(1).isoformat(),
        "YESTERDAY": a_date(-1).isoformat(),
    }
    data = {k: replace.get(v, v) for k, v in data.items()}
    before = state()
    response = client.post(reverse(url_name, args=[full_path.challenge.slug]), data)
    assert response.status_code == 400
    assert 'id="error-summary"' in response.content.decode()
    if field_error:
        assert _(field_error) in response.content.decode()
    assert state() == before


def test_query_counts(full_path, people, client, django_assert_max_num_queries):
    slug = full_path.challenge.slug
    with django_assert_max_num_queries(10):
        assert client.get(reverse("procurement:detail", args=[slug])).status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get(reverse("procurement:ocds", args=[slug])).status_code == 200
    client.force_login(people["owner"])
    with django_assert_max_num_queries(25):
        assert client.get(reverse("procurement:edit", args=[slug])).status_code == 200
    with django_assert_max_num_queries(25):
        assert client.get(reverse("procurement:detail", args=[slug])).status_code == 200


def _render_section(challenge, user=None):
    request = RequestFactory().get("/")
    request.user = user
    return Template("{% load procurement_tags %}{% procurement_section challenge %}").render(
        Context({"challenge": challenge, "request": request, "user": user})
    )


def test_challenge_section_makes_no_query_before_the_call(region, make_challenge, django_assert_num_queries):
    from django.contrib.auth.models import AnonymousUser

    challenge = make_challenge()
    with django_assert_num_queries(0):
        assert _render_section(challenge, AnonymousUser()) == ""


def test_challenge_section_shows_the_path_with_one_query(full_path, django_assert_num_queries):
    from django.contrib.auth.models import AnonymousUser

    with django_assert_num_queries(1):
        html = _render_section(full_path.challenge, AnonymousUser())
    assert reverse("procurement:ocds", args=[full_path.challenge.slug]) in html


def test_challenge_section_offers_editors_to_start(path_world, people):
    html = _render_section(path_world.challenge, people["owner"])
    assert reverse("procurement:edit", args=[path_world.challenge.slug]) in html
    assert _render_section(path_world.challenge, people["company"]) == ""


def test_valid_award_form_records_the_value(path_world, people, client):
    client.force_login(people["co_owner"])
    response = client.post(
        reverse("procurement:award-add", args=[path_world.challenge.slug]),
        {"award-proposal": str(path_world.proposal.pk), "award-value": "1234.5", "award-date": a_date().isoformat()},
    )
    assert response.status_code == 302
    award = Award.objects.get()
    assert award.value == Decimal("1234.50") and award.path.ocid.endswith(f"-{path_world.challenge.pk}")
