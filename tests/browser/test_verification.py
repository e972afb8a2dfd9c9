"""The verification queue in a real browser: a company registered with a real Business ID waits unverified;
its admin sees the profile marked unverified with the register's data; the platform staff verify it in the
queue, and it appears on the public list. Every page: zero axe violations."""

from datetime import timedelta

import pytest
from django.utils import timezone

from conftest import make_org, make_user
from haastemoottori.accounts.models import User
from haastemoottori.organisations.models import Membership, OrganisationIdentifier
from haastemoottori.registry.models import RegisterEntry

from .conftest import axe_violations
from .test_evaluation import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def check(page):
    violations = axe_violations(page)
    assert violations == [], f"{page.url}: {violations}"


def test_the_staff_verify_a_company_in_the_queue(live_server, page):
    base = live_server.url
    company = make_org("nokia-oyj", kind="company", name={"fi": "Nokia Oyj"}, verified=False)
    OrganisationIdentifier.objects.create(organisation=company, scheme="FI-PRO", identifier="0112038-9")
    RegisterEntry.objects.create(
        business_id="0112038-9",
        name="Nokia Oyj",
        company_form="17",
        company_form_names={"fi": "Julkinen osakeyhtiö", "en": "Public limited company"},
        main_business_line="70100",
        main_business_line_names={"en": "Activities of head offices"},
        website="www.nokia.com",
        address={"street": "Karakaari 7", "post_code": "02610", "city": "ESPOO"},
        fetched_at=timezone.now() - timedelta(days=2),
    )
    admin = make_user("it@nokia.test", company, Membership.Role.ADMIN)
    sign_in(page, base, admin)
    page.goto(f"{base}/en/organisations/nokia-oyj/")
    assert page.get_by_text("not verified yet").count() == 1
    assert page.get_by_role("heading", name="In the trade register").count() == 1
    check(page)
    page.context.clear_cookies()
    page.goto(f"{base}/en/organisations/")
    assert page.get_by_text("Nokia Oyj").count() == 0

    staff = User.objects.create_superuser("root@platform.test", "test-password-123")
    sign_in(page, base, staff)
    page.goto(f"{base}/en/organisations/verification/")
    check(page)
    page.get_by_label("Reason or note").first.fill("Register entry and nokia.com checked")
    page.get_by_role("button", name="Verify Nokia Oyj").click()
    assert page.get_by_text("Nokia Oyj is verified.").count() == 1
    check(page)
    page.context.clear_cookies()
    page.goto(f"{base}/en/organisations/")
    assert page.get_by_role("link", name="Nokia Oyj").count() == 1
