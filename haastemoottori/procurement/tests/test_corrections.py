"""Tester findings: correcting awards and contracts, confirmation before deleting, formatting, tender status."""

import json
from datetime import timedelta
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from haastemoottori.audit.models import AuditEvent
from haastemoottori.challenges.models import Challenge
from haastemoottori.core.errors import ServiceConflict, ServicePermissionDenied, ServiceValidationError
from haastemoottori.procurement import services
from haastemoottori.procurement.forms import AwardForm, ContractForm
from haastemoottori.procurement.models import Award, Contract, ProcurementNotice
from haastemoottori.procurement.selectors import award_choices, proposal_suppliers, selected_proposals

from .conftest import a_date
from .ocds_schema import codelist_errors, require_schema, schema_errors

pytestmark = pytest.mark.django_db


def audit_actions(obj):
    return list(
        AuditEvent.objects.filter(target_type=obj._meta.label_lower, target_id=str(obj.pk))
        .order_by("created_at", "id")
        .values_list("action", flat=True)
    )


# --- services -----------------------------------------------------------------------------------------


def test_award_date_not_in_the_future(path_world):
    w = path_world
    with pytest.raises(ServiceValidationError) as exc:
        services.award_add(actor=w.owner, challenge=w.challenge, proposal=w.proposal, value="1", date=a_date(1))
    assert exc.value.message == _("An award cannot be dated in the future.") and not Award.objects.exists()


def test_award_update_and_its_contracts(full_path):
    w = full_path
    Challenge.objects.filter(pk=w.challenge.pk).update(published_at=timezone.now() - timedelta(days=30))
    w.challenge.refresh_from_db()
    w.award.path.challenge = w.challenge
    award = services.award_update(
        actor=w.owner, award=w.award, proposal=w.proposal, value=Decimal("50000"), date=a_date()
    )
    award.refresh_from_db()
    assert (award.value, award.date) == (Decimal("50000.00"), a_date())
    assert audit_actions(award) == ["created", "updated"]
    change = AuditEvent.objects.filter(target_type="procurement.award", action="updated").get().changes
    assert change["value"] == {"old": "48500.50", "new": "50000.00"}
    Award.objects.filter(pk=award.pk).update(date=a_date(-5))
    Contract.objects.filter(pk=w.contract.pk).update(signed_on=a_date(-3), start_date=a_date(-3))
    with pytest.raises(ServiceValidationError) as exc:  # the award cannot move past its contract
        services.award_update(actor=w.owner, award=award, proposal=w.proposal, value="1", date=a_date(-2))
    assert exc.value.field == "date" and date_format(a_date(-3), "SHORT_DATE_FORMAT") in exc.value.message


def test_award_with_contracts_is_not_deleted(full_path):
    w = full_path
    with pytest.raises(ServiceConflict):
        services.award_delete(actor=w.owner, award=w.award)
    assert Award.objects.filter(pk=w.award.pk).exists()
    services.contract_delete(actor=w.owner, contract=w.contract)
    services.award_delete(actor=w.owner, award=w.award)
    assert not Award.objects.exists() and not Contract.objects.exists()
    assert AuditEvent.objects.filter(action="deleted", target_type="procurement.contract").get().data["value"] == (
        "48500.50"
    )
    deleted = AuditEvent.objects.filter(action="deleted", target_type="procurement.award").get()
    assert deleted.is_public and deleted.data["supplier"] == w.award.supplier_name


def test_contract_update(full_path):
    w = full_path
    contract = services.contract_update(
        actor=w.owner,
        contract=w.contract,
        value="40000",
        signed_on=a_date(),
        start_date=a_date(),
        end_date=None,
        status="terminated",
    )
    contract.refresh_from_db()
    assert (contract.value, contract.status, contract.end_date) == (Decimal("40000.00"), "terminated", None)
    with pytest.raises(ServiceValidationError):
        services.contract_update(
            actor=w.owner, contract=contract, value="1", signed_on=a_date(-400), start_date=a_date(), status="active"
        )


def test_only_editors_correct(full_path, people):
    w = full_path
    for who in ("company", "contributor", "contributor_editor"):
        with pytest.raises(ServicePermissionDenied):
            services.award_update(actor=people[who], award=w.award, proposal=w.proposal, value="1", date=a_date())
        with pytest.raises(ServicePermissionDenied):
            services.contract_delete(actor=people[who], contract=w.contract)
    assert Contract.objects.filter(pk=w.contract.pk).exists()


# --- pages --------------------------------------------------------------------------------------------


def test_notice_removal_is_confirmed_first(full_path, client):
    w = full_path
    client.force_login(w.owner)
    notice = w.notices[0]
    url = reverse("procurement:notice-remove", args=[w.challenge.slug, notice.pk])
    edit = client.get(reverse("procurement:edit", args=[w.challenge.slug])).content.decode()
    assert f'href="{url}"' in edit and f'action="{url}"' not in edit  # a link to a confirmation, not a button
    page = client.get(url)
    assert page.status_code == 200 and 'method="post"' in page.content.decode()
    assert ProcurementNotice.objects.filter(pk=notice.pk).exists()
    assert client.post(url).status_code == 302 and not ProcurementNotice.objects.filter(pk=notice.pk).exists()


def test_award_and_contract_pages(full_path, client):
    w = full_path
    slug = w.challenge.slug
    client.force_login(w.owner)
    edit = reverse("procurement:award-edit", args=[slug, w.award.pk])
    assert client.get(edit).status_code == 200
    response = client.post(
        edit, {"award-proposal": str(w.proposal.pk), "award-value": "12345,50", "award-date": a_date().isoformat()}
    )
    assert response.status_code == 302
    w.award.refresh_from_db()
    assert w.award.value == Decimal("12345.50")  # a decimal comma is accepted
    response = client.post(
        edit, {"award-proposal": str(w.proposal.pk), "award-value": "1", "award-date": a_date(3).isoformat()}
    )
    assert response.status_code == 400 and w.award.value == Decimal("12345.50")
    delete = reverse("procurement:award-delete", args=[slug, w.award.pk])
    page = client.get(delete).content.decode()
    assert services.award_delete_refusal(w.award) in page.replace("&#x27;", "'")
    assert client.post(delete).status_code == 409 and Award.objects.exists()
    contract_edit = reverse("procurement:contract-edit", args=[slug, w.contract.pk])
    assert client.get(contract_edit).status_code == 200
    response = client.post(
        contract_edit,
        {
            "contract-value": "100",
            "contract-signed_on": a_date().isoformat(),
            "contract-start_date": a_date().isoformat(),
            "contract-status": "cancelled",
        },
    )
    assert response.status_code == 302 and Contract.objects.get().status == "cancelled"
    contract_delete = reverse("procurement:contract-delete", args=[slug, w.contract.pk])
    assert client.get(contract_delete).status_code == 200 and Contract.objects.exists()
    assert client.post(contract_delete).status_code == 302 and not Contract.objects.exists()
    assert client.post(delete).status_code == 302 and not Award.objects.exists()


@pytest.mark.parametrize("who", ["anonymous", "company", "contributor", "contributor_editor"])
def test_correction_pages_for_others(full_path, people, client, who):
    w = full_path
    if people[who] is not None:
        client.force_login(people[who])
    slug = w.challenge.slug
    for name, pk in (
        ("award-edit", w.award.pk),
        ("award-delete", w.award.pk),
        ("contract-edit", w.contract.pk),
        ("contract-delete", w.contract.pk),
        ("notice-remove", w.notices[0].pk),
    ):
        for method in ("get", "post"):
            response = getattr(client, method)(reverse(f"procurement:{name}", args=[slug, pk]))
            assert response.status_code == (302 if who == "anonymous" else 403), (name, method)
    assert Contract.objects.exists() and ProcurementNotice.objects.count() == 2


def test_supplier_list_offers_the_proposal_first(full_path, region):
    proposals = selected_proposals(challenge=full_path.challenge)
    form = AwardForm(proposals=proposals, suppliers=proposal_suppliers(proposals=proposals))
    choices = list(form.fields["supplier"].choices)
    assert choices[1][1][0] == (region.company.pk, str(region.company))  # the selected proposal's lead
    assert str(form.fields["supplier"].help_text) == _(
        "Leave empty to award the lead of the selected proposal. With a selected proposal the supplier must be "
        "its lead or a confirmed partner. Without one (for example after an open tender) any company or "
        "research organisation can be chosen."
    )


@pytest.mark.parametrize("language", ["fi", "en"])
def test_money_is_formatted_in_the_page_language(full_path, language):
    w = full_path
    Award.objects.filter(pk=w.award.pk).update(value=Decimal("850000.00"))
    with translation.override(language):
        form = ContractForm(awards=award_choices(path=w.path))
        label = next(label for value, label in form.fields["award"].choices if value)
        amount = number_format(Decimal("850000.00"), 2, force_grouping=True)
        assert label == f"{w.award.supplier_name}, {amount} EUR, {date_format(w.award.date, 'SHORT_DATE_FORMAT')}"
        assert "850000.00" not in label


def test_challenge_section_says_edit_once_a_path_exists(path_world):
    w = path_world

    def section():
        request = RequestFactory().get("/")
        request.user = w.owner
        return Template("{% load procurement_tags %}{% procurement_section challenge %}").render(
            Context({"challenge": w.challenge, "user": w.owner, "request": request})
        )

    assert _("Record the procurement path") in section()
    services.path_update(actor=w.owner, challenge=w.challenge, route="pcp")
    html = section()
    assert _("Edit the procurement path") in html and _("Record the procurement path") not in html


# --- the export ---------------------------------------------------------------------------------------


def test_tender_is_complete_once_awarded_even_in_evaluation(full_path, client):
    w = full_path
    Challenge.objects.filter(pk=w.challenge.pk).update(stage="evaluation")
    package = json.loads(client.get(f"/fi/challenges/{w.challenge.slug}/procurement/ocds.json").content)
    tender = next(r for r in package["releases"] if r["tag"] == ["tender"])["tender"]
    assert tender["status"] == "complete"
    Contract.objects.all().delete()
    Award.objects.all().delete()
    package = json.loads(client.get(f"/fi/challenges/{w.challenge.slug}/procurement/ocds.json").content)
    assert next(r for r in package["releases"] if r["tag"] == ["tender"])["tender"]["status"] == "active"
    require_schema()
    assert schema_errors(package) == [] and codelist_errors(package) == []


def test_an_award_edit_makes_a_new_release_id(full_path, client):
    w = full_path
    url = f"/fi/challenges/{w.challenge.slug}/procurement/ocds.json"

    def award_release_id():
        package = json.loads(client.get(url).content)
        return next(r for r in package["releases"] if r["tag"] == ["award"])["id"]

    before = award_release_id()
    Award.objects.filter(pk=w.award.pk).update(updated_at=w.award.updated_at + timedelta(seconds=5))
    from haastemoottori.core.page_cache import public_content_changed

    public_content_changed()
    assert award_release_id() != before
