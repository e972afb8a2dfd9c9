"""The profile of a company or research organisation: editing (per role, validation), references, and what
the public sees (an unlisted profile only by its members)."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from haastemoottori.audit.models import AuditEvent
from haastemoottori.core.errors import ServicePermissionDenied, ServiceValidationError
from haastemoottori.organisations import services_profile
from haastemoottori.organisations.models import Organisation, Reference
from haastemoottori.taxonomy.models import IndustryCode

from .conftest import ROLES

PROFILE = "/en/organisations/testiyritys/profile/"
PUBLIC = "/en/organisations/testiyritys/"
CAN_EDIT = {"admin", "platform_admin"}


@pytest.fixture
def codes(db):
    return [
        IndustryCode.objects.create(
            code="62010", name={"fi": "Ohjelmistojen suunnittelu ja valmistus", "en": "Computer programming"}
        ),
        IndustryCode.objects.create(
            code="72", name={"fi": "Tieteellinen tutkimus ja kehittäminen", "en": "Scientific research and development"}
        ),
    ]


def _form(region, codes, **changes):
    data = {
        "name__fi": "Testiyritys Oy",
        "name__sv": "Testföretaget Ab",
        "description__fi": "Kuvaus.",
        "offering__fi": "Tarjoamme lämpöpumppuja.",
        "offering__sv": "Vi erbjuder värmepumpar.",
        "capabilities__en": "We design ground-source heat.",
        "website": "https://testiyritys.example",
        "trl": "7",
        "is_sme": "true",
        "languages_served": ["fi", "sv", "et"],
        "cities_served": [region.espoo.pk, region.vantaa.pk],
        "industry_codes": [codes[0].pk],
        "themes": [region.themes[1].pk],
        "is_listed": "on",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


@pytest.mark.parametrize("role", ROLES)
def test_profile_page_per_role(client, region, as_role, role):
    as_role(role)
    response = client.get(PROFILE)
    expected = 200 if role in CAN_EDIT else 302 if role == "anonymous" else 403
    assert response.status_code == expected


@pytest.mark.parametrize("role", ROLES)
def test_saving_the_profile_per_role(client, region, codes, as_role, role):
    as_role(role)
    response = client.post(PROFILE, _form(region, codes))
    allowed = role in CAN_EDIT
    assert response.status_code == (302 if allowed or role == "anonymous" else 403)
    company = Organisation.objects.get(pk=region.company.pk)
    assert (company.trl == 7) is allowed


@pytest.mark.parametrize("role", ROLES)
def test_profile_service_needs_the_permission(region, team, role):
    call = lambda: services_profile.organisation_update_profile(  # noqa: E731
        actor=team[role], organisation=region.company, trl=5
    )
    if role in CAN_EDIT:
        call()
    else:
        with pytest.raises(ServicePermissionDenied):
            call()


def test_the_saved_profile_is_shown_publicly(client, region, team, codes, django_capture_on_commit_callbacks):
    client.force_login(team["admin"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(PROFILE, _form(region, codes))
    assert response.status_code == 302
    company = Organisation.objects.get(pk=region.company.pk)
    assert company.offering == {"fi": "Tarjoamme lämpöpumppuja.", "sv": "Vi erbjuder värmepumpar."}
    assert company.capabilities == {"en": "We design ground-source heat."}
    assert company.name == {"fi": "Testiyritys Oy", "sv": "Testföretaget Ab"}
    assert (company.trl, company.is_sme, company.languages_served) == (7, True, ["fi", "sv", "et"])
    assert set(company.cities_served.all()) == {region.espoo, region.vantaa}
    assert list(company.industry_codes.all()) == [codes[0]]
    event = AuditEvent.objects.for_object(company).get(action="updated")
    assert event.is_public and {"offering", "trl", "cities_served", "languages_served"} <= set(event.changes)
    client.logout()
    page = client.get(PUBLIC).content.decode()
    for text in (
        "Tarjoamme lämpöpumppuja.",
        "We design ground-source heat.",
        "Prototype demonstrated in real use",
        "Estonian",
        "City of Espoo",
        "Computer programming",
        "Carbon neutrality",
    ):
        assert text in page, text
    assert 'lang="fi"' in page  # the Finnish offering is marked on the English page


def test_a_save_without_changes_records_nothing(client, region, team, codes):
    client.force_login(team["admin"])
    client.post(PROFILE, _form(region, codes))
    client.post(PROFILE, _form(region, codes))
    assert AuditEvent.objects.for_object(region.company).filter(action="updated").count() == 1


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"trl": 12}, "trl"),
        ({"trl": "5"}, "trl"),
        ({"trl": True}, "trl"),
        ({"languages_served": ["fi", "xx"]}, "languages_served"),
        ({"languages_served": "fi"}, "languages_served"),
        ({"name": {"sv": "Bara svenska"}}, "name"),
        ({"name": {"zz": "Tuntematon"}}, "name"),
        ({"website": "javascript:alert(1)"}, "website"),
        ({"is_sme": "maybe"}, "is_sme"),
        ({"industry_codes": [999999]}, "industry_codes"),
    ],
)
def test_bad_profile_values_are_refused_and_nothing_changes(region, team, changes, field):
    with pytest.raises(ServiceValidationError) as exc:
        services_profile.organisation_update_profile(
            actor=team["admin"], organisation=region.company, offering={"fi": "Ei tallennu"}, **changes
        )
    assert exc.value.field == field and str(exc.value.message)
    company = Organisation.objects.get(pk=region.company.pk)
    assert company.offering == {} and company.trl is None
    assert not AuditEvent.objects.for_object(company).filter(action="updated").exists()


def test_only_cities_are_cities_served(region, team):
    with pytest.raises(ServiceValidationError) as exc:
        services_profile.organisation_update_profile(
            actor=team["admin"], organisation=region.company, cities_served=[region.espoo, region.company]
        )
    assert exc.value.code == "not_a_city" and "Testiyritys Oy ei ole kaupunki" in str(exc.value.message)
    assert not region.company.cities_served.exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"trl": "12"}, "Select a valid choice"),
        ({"languages_served": ["fi", "xx"]}, "Select a valid choice"),
        ({"name__fi": ""}, "This field is required"),
        ({"website": "not a url"}, "Enter a valid URL"),
    ],
)
def test_bad_form_input_shows_the_errors_and_changes_nothing(client, region, team, codes, changes, message):
    client.force_login(team["admin"])
    response = client.post(PROFILE, _form(region, codes, **changes))
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page and 'id="error-summary"' in page
    assert "Tarjoamme lämpöpumppuja." in page  # the typed text is kept
    assert Organisation.objects.get(pk=region.company.pk).offering == {}


def test_a_company_is_not_a_city_served_in_the_form(client, region, team, codes):
    client.force_login(team["admin"])
    response = client.post(PROFILE, _form(region, codes, cities_served=[region.company.pk]))
    assert response.status_code == 400 and "Select a valid choice" in response.content.decode()
    assert not region.company.cities_served.exists()


def test_logo_upload_and_removal(client, region, team, codes, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(team["admin"])
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8)).save(buffer, "PNG")
    png = SimpleUploadedFile("logo.png", buffer.getvalue(), content_type="image/png")
    assert client.post(PROFILE, {**_form(region, codes), "logo": png}).status_code == 302
    assert Organisation.objects.get(pk=region.company.pk).logo.name.startswith("logos/")
    svg = SimpleUploadedFile("logo.svg", b"<svg></svg>", content_type="image/svg+xml")
    response = client.post(PROFILE, {**_form(region, codes), "logo": svg})
    assert response.status_code == 400 and "PNG, JPEG or WebP" in response.content.decode()
    assert client.post(PROFILE, {**_form(region, codes), "remove_logo": "on"}).status_code == 302
    assert not Organisation.objects.get(pk=region.company.pk).logo


def test_a_city_profile_has_no_solver_fields(client, region):
    client.force_login(region.people["espoo_admin"])
    page = client.get("/en/organisations/espoo/profile/").content.decode()
    assert 'name="name__sv"' in page and 'name="trl"' not in page and 'name="offering__fi"' not in page
    with pytest.raises(ServiceValidationError):
        services_profile.organisation_update_profile(
            actor=region.people["espoo_admin"], organisation=region.espoo, trl=5
        )
    assert client.get("/en/organisations/espoo/references/new/").status_code == 404


def test_profile_changes_ask_the_search_index_to_refresh(region, team, monkeypatch):
    from haastemoottori.search import services as search_services

    calls = []
    monkeypatch.setattr(
        search_services, "search_index_schedule", lambda objects: calls.append(list(objects)), raising=False
    )
    services_profile.organisation_update_profile(actor=team["admin"], organisation=region.company, trl=4)
    services_profile.reference_create(actor=team["admin"], organisation=region.company, title={"fi": "Pilotti"})
    assert [[o.pk for o in objs] for objs in calls] == [[region.company.pk], [region.company.pk]]


# References ---------------------------------------------------------------------------------------------------

REFERENCE = {
    "title__fi": "Koulujen maalämpö",
    "title__en": "Ground-source heat for schools",
    "description__fi": "Kolme koulua siirtyi maalämpöön.",
    "client": "Espoon kaupunki",
    "year": "2024",
    "is_pilot": "on",
    "url": "https://example.fi/koulut",
}


def test_references_are_added_edited_and_deleted(client, region, team, django_capture_on_commit_callbacks):
    client.force_login(team["admin"])
    response = client.post(
        "/en/organisations/testiyritys/references/new/", {**REFERENCE, "client_organisation": region.espoo.pk}
    )
    assert response.status_code == 302 and response["Location"] == PROFILE
    reference = Reference.objects.get()
    assert reference.title["en"] == "Ground-source heat for schools" and reference.original_language == "fi"
    assert (reference.year, reference.is_pilot, reference.client_organisation) == (2024, True, region.espoo)
    client.logout()
    page = client.get(PUBLIC).content.decode()
    assert "Ground-source heat for schools" in page and "/en/organisations/espoo/" in page and "Pilot" in page

    client.force_login(team["admin"])
    edit = f"/en/organisations/testiyritys/references/{reference.pk}/"
    assert "Koulujen maalämpö" in client.get(edit).content.decode()
    assert client.post(edit, {**REFERENCE, "year": "2023", "is_pilot": ""}).status_code == 302
    reference.refresh_from_db()
    assert (reference.year, reference.is_pilot) == (2023, False)

    assert "cannot be undone" in client.get(edit + "delete/").content.decode()
    assert client.post(edit + "delete/").status_code == 302
    assert not Reference.objects.exists()
    actions = list(AuditEvent.objects.filter(target_type="organisations.reference").values_list("action", flat=True))
    assert sorted(actions) == ["created", "deleted", "updated"]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"title__fi": "", "title__en": ""}, "title in at least one language"),
        ({"year": "1800"}, "greater than or equal to 1900"),
        ({"year": "2999"}, "less than or equal to"),
        ({"url": "ftp://x"}, "Enter a valid URL"),
    ],
)
def test_bad_reference_input_is_refused(client, region, team, changes, message):
    client.force_login(team["admin"])
    response = client.post("/en/organisations/testiyritys/references/new/", {**REFERENCE, **changes})
    assert response.status_code == 400 and message in response.content.decode()
    assert not Reference.objects.exists()


@pytest.mark.parametrize("role", ROLES)
def test_references_per_role(client, region, team, as_role, role):
    reference = services_profile.reference_create(
        actor=team["admin"], organisation=region.company, title={"fi": "Vanha"}
    )
    as_role(role)
    allowed = role in CAN_EDIT
    denied = 302 if role == "anonymous" else 403
    base = "/en/organisations/testiyritys/references/"
    assert client.get(base + "new/").status_code == (200 if allowed else denied)
    assert client.post(base + "new/", REFERENCE).status_code == (302 if allowed else denied)
    assert client.post(f"{base}{reference.pk}/", REFERENCE).status_code == (302 if allowed else denied)
    assert client.post(f"{base}{reference.pk}/delete/").status_code == (302 if allowed else denied)
    assert Reference.objects.filter(pk=reference.pk).exists() is not allowed
    if not allowed:
        with pytest.raises(ServicePermissionDenied):
            services_profile.reference_delete(actor=team[role], reference=reference)


def test_a_reference_of_another_organisation_is_not_found(client, region, team):
    other = Organisation.objects.create(slug="muu", kind="company", name={"fi": "Muu Oy"})
    reference = Reference.objects.create(organisation=other, title={"fi": "Muun"})
    client.force_login(team["admin"])
    assert client.get(f"/en/organisations/testiyritys/references/{reference.pk}/").status_code == 404
    assert client.post(f"/en/organisations/testiyritys/references/{reference.pk}/delete/").status_code == 404


# Unlisted profiles ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_an_unlisted_profile_is_hidden_from_outsiders(client, region, team, as_role, role):
    services_profile.organisation_update_profile(actor=team["admin"], organisation=region.company, is_listed=False)
    as_role(role)
    member = role in {"admin", "challenge_owner", "evaluator", "member", "platform_admin"}
    response = client.get(PUBLIC)
    assert response.status_code == (200 if member else 404)
    if member:
        assert "This profile is unlisted" in response.content.decode()
    assert "Testiyritys Oy" not in client.get("/en/organisations/").content.decode()
    assert client.get("/api/v1/organisations/testiyritys").status_code == 404
    assert "testiyritys" not in client.get("/api/v1/organisations?kind=company").content.decode()
    event = AuditEvent.objects.for_object(region.company).get(action="updated")
    assert not event.is_public


def test_a_listed_profile_is_in_the_list(client, region):
    assert "Testiyritys Oy" in client.get("/en/organisations/").content.decode()


def test_public_profile_page_queries_are_bounded(client, region, team, codes, django_assert_max_num_queries):
    services_profile.organisation_update_profile(
        actor=team["admin"],
        organisation=region.company,
        offering={"fi": "Tarjous"},
        trl=6,
        is_sme=False,
        languages_served=["fi", "en"],
        cities_served=[region.espoo, region.vantaa, region.helsinki],
        industry_codes=codes,
        themes=region.themes,
    )
    for i in range(5):
        services_profile.reference_create(
            actor=team["admin"],
            organisation=region.company,
            title={"fi": f"Referenssi {i}"},
            client_organisation=region.espoo,
        )
    with django_assert_max_num_queries(10):
        assert client.get(PUBLIC).status_code == 200
    client.force_login(team["admin"])
    with django_assert_max_num_queries(25):
        assert client.get(PROFILE).status_code == 200
