"""The account rules of city sign-in, on verified claims (the flow itself: test_sign_in.py)."""

import pytest

from conftest import make_org
from haastemoottori.accounts.models import User
from haastemoottori.audit.models import AuditEvent
from haastemoottori.core.errors import ServiceError
from haastemoottori.organisations.models import Department, Membership
from haastemoottori.sso import services
from haastemoottori.sso.errors import ErrorCode
from haastemoottori.sso.models import OidcProvider, OidcRoleMapping


@pytest.fixture
def helsinki(db):
    city = make_org("helsinki", name={"fi": "Helsingin kaupunki"})
    provider = OidcProvider.objects.create(
        slug="helsinki",
        organisation=city,
        issuer="https://tunnistus.example.test/auth/realms/helsinki",
        client_id="haastemoottori",
        client_secret_env="HAASTEMOOTTORI_OIDC_HELSINKI_SECRET",
        roles_claim="ad_groups",
        is_enabled=True,
    )
    kymp = Department.objects.create(organisation=city, slug="kymp", name={"fi": "Kaupunkiympäristö"})
    OidcRoleMapping.objects.create(provider=provider, claim_value="sg_haaste_arvioijat", role="evaluator")
    OidcRoleMapping.objects.create(
        provider=provider, claim_value="sg_kymp_haasteet", role="challenge_owner", department=kymp
    )
    return provider, kymp


def claims(**extra):
    return {"sub": "0f4c-uuid", "email": "Hilkka@Hel.example", "name": "Hilkka Helsinkiläinen", **extra}


def test_the_strongest_mapped_role_wins_and_a_single_string_claim_counts(helsinki):
    provider, kymp = helsinki
    user = services.sign_in(provider=provider, claims=claims(ad_groups=["sg_haaste_arvioijat", "sg_kymp_haasteet"]))
    assert user.email == "hilkka@hel.example"
    membership = Membership.objects.get(user=user)
    assert (membership.role, membership.department) == ("challenge_owner", kymp)
    user = services.sign_in(provider=provider, claims=claims(ad_groups="sg_haaste_arvioijat"))
    membership.refresh_from_db()
    assert (membership.role, membership.department) == ("evaluator", None)
    assert AuditEvent.objects.get(action="sso_role_changed").data["claim_value"] == "sg_haaste_arvioijat"


def test_a_sign_in_without_changes_audits_nothing_new(helsinki):
    provider, _ = helsinki
    services.sign_in(provider=provider, claims=claims(ad_groups=["sg_haaste_arvioijat"]))
    count = AuditEvent.objects.count()
    services.sign_in(provider=provider, claims=claims(ad_groups=["sg_haaste_arvioijat"]))
    assert AuditEvent.objects.count() == count


@pytest.mark.parametrize("email", [None, "", "not-an-address", ["a@b.example"], "x" * 250 + "@hel.example"])
def test_no_usable_email_no_account(helsinki, email):
    provider, _ = helsinki
    with pytest.raises(ServiceError) as exc:
        services.sign_in(provider=provider, claims=claims(email=email, ad_groups=["sg_haaste_arvioijat"]))
    assert exc.value.code == ErrorCode.NO_EMAIL
    assert not User.objects.exists()


def test_a_closed_account_is_not_signed_in_and_keeps_its_roles(helsinki):
    provider, _ = helsinki
    user = services.sign_in(provider=provider, claims=claims(ad_groups=["sg_haaste_arvioijat"]))
    user.is_active = False
    user.save()
    with pytest.raises(ServiceError) as exc:
        services.sign_in(provider=provider, claims=claims(ad_groups=["sg_kymp_haasteet"]))
    assert exc.value.code == ErrorCode.ACCOUNT_INACTIVE
    assert Membership.objects.get(user=user).role == "evaluator"


def test_an_unverified_address_is_not_linked_to_an_existing_account(helsinki):
    provider, _ = helsinki
    provider.email_domains = "hel.example"
    provider.save()
    User.objects.create_user("hilkka@hel.example", "test-password-123")
    with pytest.raises(ServiceError) as exc:
        services.sign_in(provider=provider, claims=claims(email_verified=False, ad_groups=["sg_haaste_arvioijat"]))
    assert exc.value.code == ErrorCode.EMAIL_TAKEN
    assert not Membership.objects.exists()


def test_other_memberships_of_the_person_are_left_alone(helsinki):
    provider, _ = helsinki
    company = make_org("yritys", kind="company")
    user = services.sign_in(provider=provider, claims=claims(ad_groups=["sg_haaste_arvioijat"]))
    Membership.objects.create(user=user, organisation=company, role="admin")
    with pytest.raises(ServiceError):
        services.sign_in(provider=provider, claims=claims(ad_groups=[]))
    assert list(Membership.objects.filter(user=user).values_list("organisation__slug", "role")) == [("yritys", "admin")]


def test_the_session_backend_is_the_first_model_backend_configured(settings):
    from haastemoottori.sso.views import session_backend

    settings.AUTHENTICATION_BACKENDS = [
        "rules.permissions.ObjectPermissionBackend",
        "django.contrib.auth.backends.AllowAllUsersModelBackend",
        "django.contrib.auth.backends.ModelBackend",
    ]
    assert session_backend() == "django.contrib.auth.backends.AllowAllUsersModelBackend"
    settings.AUTHENTICATION_BACKENDS = ["rules.permissions.ObjectPermissionBackend"]
    assert session_backend() == "django.contrib.auth.backends.ModelBackend"


def test_city_sign_ins_use_their_own_backend_which_the_second_factor_check_exempts(settings):
    from haastemoottori.sso.backends import CitySignInBackend
    from haastemoottori.sso.views import CITY_SIGN_IN_BACKEND, session_backend

    assert CITY_SIGN_IN_BACKEND in settings.AUTHENTICATION_BACKENDS
    assert session_backend() == CITY_SIGN_IN_BACKEND
    assert CITY_SIGN_IN_BACKEND in settings.HAASTEMOOTTORI_MFA_EXEMPT_BACKENDS
    # It never signs anyone in by password.
    assert CitySignInBackend().authenticate(None, username="x@example.test", password="anything") is None
