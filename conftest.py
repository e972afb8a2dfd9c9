"""Shared test fixtures: a small capital region written for the tests, and people in every role."""

from datetime import timedelta

import pytest
from django.utils import timezone

from haastemoottori.accounts.models import User
from haastemoottori.challenges import services
from haastemoottori.organisations.models import Membership, Organisation, OrganisationIdentifier
from haastemoottori.platforms.models import DevelopmentPlatform
from haastemoottori.taxonomy.models import Theme

Role = Membership.Role


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """Under ``--dist loadgroup`` every test marked ``xdist_group`` must carry its group in its node id (that is how
    pytest-xdist keeps a group on one worker). pytest 9.2 with pytest-xdist 3.8 silently dropped it, so the
    module-scoped demo data and whole-platform worlds were built once per worker: stop instead of running slowly."""
    if not getattr(config.option, "loadgroup", False):  # set on the workers of --dist loadgroup
        return
    lost = [item.nodeid for item in items if item.get_closest_marker("xdist_group") and "@" not in item.nodeid]
    if lost:
        raise pytest.UsageError(f"pytest-xdist could not group {len(lost)} tests (first: {lost[0]}); check the pins")


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in the default language (a test client request leaves its page's language active)."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


def make_org(
    slug: str, kind: str = "city", name: dict | None = None, business_id: str | None = None, verified: bool = True
):
    """An organisation; verified unless asked otherwise (the tests of verification make unverified ones)."""
    org = Organisation.objects.create(
        slug=slug,
        kind=kind,
        name=name or {"fi": slug.title()},
        original_language="fi",
        verification_status="verified" if verified else "unverified",
        verification_method="seed" if verified else "",
    )
    if business_id:
        OrganisationIdentifier.objects.create(organisation=org, scheme="FI-PRO", identifier=business_id)
    return org


def make_user(email: str, org: Organisation | None = None, role: str | None = None, **extra) -> User:
    user = User.objects.create_user(email, "test-password-123", **extra)
    if org is not None:
        Membership.objects.create(user=user, organisation=org, role=role or Role.MEMBER)
    return user


@pytest.fixture
def region(db):
    """Three cities, a company, a platform, themes, and one person per role."""
    espoo = make_org(
        "espoo", name={"fi": "Espoon kaupunki", "sv": "Esbo stad", "en": "City of Espoo"}, business_id="0101263-6"
    )
    vantaa = make_org(
        "vantaa", name={"fi": "Vantaan kaupunki", "sv": "Vanda stad", "en": "City of Vantaa"}, business_id="0124610-9"
    )
    helsinki = make_org(
        "helsinki",
        name={"fi": "Helsingin kaupunki", "sv": "Helsingfors stad", "en": "City of Helsinki"},
        business_id="0201256-6",
    )
    company = make_org("testiyritys", kind="company", name={"fi": "Testiyritys Oy"})
    platform = DevelopmentPlatform.objects.create(
        slug="testikyla", owner=espoo, name={"fi": "Testikylä", "sv": "Testbyn", "en": "Test Village"}
    )
    themes = [
        Theme.objects.create(
            slug="sdg-11",
            kind="sdg",
            number=11,
            name={"fi": "Kestävät kaupungit", "sv": "Hållbara städer", "en": "Sustainable cities"},
        ),
        Theme.objects.create(
            slug="carbon-neutrality",
            kind="city",
            name={"fi": "Hiilineutraalius", "sv": "Klimatneutralitet", "en": "Carbon neutrality"},
        ),
    ]
    people = {
        "espoo_admin": make_user("admin@espoo.test", espoo, Role.ADMIN),
        "espoo_owner": make_user("owner@espoo.test", espoo, Role.CHALLENGE_OWNER),
        "espoo_evaluator": make_user("evaluator@espoo.test", espoo, Role.EVALUATOR),
        "espoo_member": make_user("member@espoo.test", espoo, Role.MEMBER),
        "vantaa_owner": make_user("owner@vantaa.test", vantaa, Role.CHALLENGE_OWNER),
        "vantaa_member": make_user("member@vantaa.test", vantaa, Role.MEMBER),
        "helsinki_owner": make_user("owner@helsinki.test", helsinki, Role.CHALLENGE_OWNER),
        "company_admin": make_user("admin@company.test", company, Role.ADMIN),
        "outsider": make_user("someone@example.test"),
        "platform_admin": User.objects.create_superuser("root@platform.test", "test-password-123"),
    }

    class Region:
        pass

    r = Region()
    r.espoo, r.vantaa, r.helsinki, r.company, r.platform, r.themes, r.people = (
        espoo,
        vantaa,
        helsinki,
        company,
        platform,
        themes,
        people,
    )
    return r


FULL_CANVAS = {
    "summary": {"fi": "Tiivistelmä", "sv": "Sammanfattning", "en": "Summary"},
    "problem": {"fi": "Ongelma kuvattuna."},
    "affected": {"fi": "Asukkaat."},
    "root_causes": {"fi": "Syyt."},
    "tried": {"fi": "Kokeiltu."},
    "desired_outcome": {"fi": "Päästöt laskevat."},
    "constraints": {"fi": "Rajoitteet."},
    "data_available": {"fi": "Avoin data."},
    "ip_terms": {"fi": "IPR yritykselle."},
    "route": "agile_pilot",
    "budget_min": 10000,
    "budget_max": 50000,
}


@pytest.fixture
def make_challenge(region):
    """A draft challenge led by Espoo, filled in enough to pass review."""

    def _make(*, lead=None, actor=None, title=None, full=True, **extra):
        actor = actor or region.people["espoo_owner"]
        lead = lead or region.espoo
        canvas = {**FULL_CANVAS, **extra} if full else extra
        challenge = services.challenge_create(
            actor=actor,
            lead=lead,
            original_language="fi",
            title=title
            or {"fi": "Hiilineutraali lämmitys", "sv": "Klimatneutral uppvärmning", "en": "Carbon-neutral heating"},
            **canvas,
        )
        return challenge

    return _make


def publishable(challenge, region, *, deadline_days: int = 30):
    """Put a draft in review with every owner's approval and a future deadline."""
    owner = region.people["espoo_owner"]
    services.challenge_update(
        actor=owner, challenge=challenge, call_deadline=timezone.now() + timedelta(days=deadline_days)
    )
    services.challenge_transition(actor=owner, challenge=challenge, target="in_review")
    services.challenge_approve(actor=owner, challenge=challenge, organisation=region.espoo)
    challenge.refresh_from_db()
    return challenge
