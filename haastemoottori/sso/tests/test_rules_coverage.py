"""The named permission of city sign-in, allowed and denied, and the admin pages it guards."""

from conftest import make_org, make_user
from haastemoottori.accounts.models import User
from haastemoottori.audit.models import AuditEvent
from haastemoottori.organisations.models import Membership
from haastemoottori.sso.models import OidcProvider, OidcRoleMapping


def test_only_platform_admins_manage_identity_providers(db):
    espoo = make_org("espoo")
    root = User.objects.create_superuser("root@platform.test", "test-password-123")
    city_admin = make_user("admin@espoo.test", espoo, Membership.Role.ADMIN, is_staff=True)
    assert root.has_perm("sso.manage_providers")
    assert not city_admin.has_perm("sso.manage_providers")
    assert not make_user("someone@example.test").has_perm("sso.manage_providers")


def test_the_admin_page_configures_a_provider_with_the_secrets_name_only(client, db, monkeypatch):
    espoo = make_org("espoo")
    root = User.objects.create_superuser("root@platform.test", "test-password-123")
    client.force_login(root)
    form = {
        "slug": "espoo",
        "organisation": espoo.pk,
        "issuer": "https://login.microsoftonline.com/tenant-id/v2.0",
        "discovery_url": "",
        "client_id": "00000000-aaaa-bbbb-cccc-000000000000",
        "client_secret_env": "HAASTEMOOTTORI_OIDC_ESPOO_SECRET",
        "scopes": "openid email profile",
        "roles_claim": "groups",
        "email_claim": "email",
        "email_domains": "espoo.fi",
        "is_enabled": "on",
        "mappings-TOTAL_FORMS": "1",
        "mappings-INITIAL_FORMS": "0",
        "mappings-0-claim_value": "1b2c3d4e-group-object-id",
        "mappings-0-role": "challenge_owner",
    }
    bad = client.post("/admin/sso/oidcprovider/add/", {**form, "client_secret_env": "the secret itself!"})
    assert bad.status_code == 200 and not OidcProvider.objects.exists()
    response = client.post("/admin/sso/oidcprovider/add/", form)
    assert response.status_code == 302, response.content.decode()[:2000]
    provider = OidcProvider.objects.get()
    assert provider.metadata_url == (
        "https://login.microsoftonline.com/tenant-id/v2.0/.well-known/openid-configuration"
    )
    assert OidcRoleMapping.objects.get().role == "challenge_owner"
    assert set(AuditEvent.objects.values_list("action", flat=True)) == {"created"}
    assert AuditEvent.objects.count() == 2  # the provider and its mapping
    monkeypatch.setenv("HAASTEMOOTTORI_OIDC_ESPOO_SECRET", "s3cret")
    page = client.get(f"/admin/sso/oidcprovider/{provider.pk}/change/").content.decode()
    assert "/sso/espoo/callback/" in page and "s3cret" not in page


def test_the_admin_page_is_closed_to_others(client, db):
    espoo = make_org("espoo")
    client.force_login(make_user("admin@espoo.test", espoo, Membership.Role.ADMIN, is_staff=True))
    assert client.get("/admin/sso/oidcprovider/").status_code == 403
