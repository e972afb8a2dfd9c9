"""An integer too large for any database column matches nothing; it never reaches SQLite (OverflowError, a 500)."""

import pytest
from django.apps import apps
from django.db import models

from haastemoottori.challenges.models import Challenge
from haastemoottori.organisations.models import Organisation
from haastemoottori.taxonomy.models import Theme

HUGE = 99999999999999999999999


def _integer_lookups():
    """Every integer column and every relation to an integer key, of every model of the project."""
    for model in apps.get_models():
        if not model.__module__.startswith("haastemoottori."):
            continue
        for field in model._meta.get_fields():
            if field.is_relation and (field.many_to_many or field.many_to_one) and not field.auto_created:
                target = field.related_model._meta.pk
                if isinstance(target, models.IntegerField):
                    yield model, field.name
            elif isinstance(field, models.IntegerField) and not field.is_relation:
                yield model, field.name


LOOKUPS = sorted({(m._meta.label, name) for m, name in _integer_lookups()})


def test_the_walk_covers_keys_relations_and_plain_integers():
    assert ("organisations.Organisation", "id") in LOOKUPS
    assert ("organisations.Organisation", "themes") in LOOKUPS
    assert ("organisations.Organisation", "home_city") in LOOKUPS
    assert ("organisations.Organisation", "trl") in LOOKUPS
    assert len(LOOKUPS) > 100


@pytest.mark.django_db
def test_a_huge_integer_matches_nothing_in_any_integer_lookup():
    for label, name in LOOKUPS:
        manager = apps.get_model(label)._default_manager
        for value in (HUGE, -HUGE):
            assert not manager.filter(**{name: value}).exists(), (label, name)
            assert not manager.filter(**{f"{name}__in": [value]}).exists(), (label, name)
            assert not manager.filter(**{f"{name}__in": [value, "1"]}).exclude(**{name: 1}).exists(), (label, name)


def test_a_huge_integer_among_others_keeps_the_others(region):
    theme = region.themes[0]
    assert list(Theme.objects.filter(pk__in=[HUGE, theme.pk])) == [theme]
    assert Organisation.objects.exclude(home_city=HUGE).count() == Organisation.objects.count()
    assert not Challenge.objects.filter(themes__in=[HUGE]).exists()
    assert Organisation.objects.filter(home_city_id__in=[HUGE, None]).count() == 0


@pytest.mark.parametrize(
    ("url", "person", "field"),
    [
        ("/fi/signals/new/", "espoo_owner", "themes"),
        ("/fi/events/new/", "espoo_owner", "challenges"),
        ("/fi/organisations/testiyritys/profile/", "company_admin", "cities_served"),
        ("/fi/organisations/testiyritys/profile/", "company_admin", "industry_codes"),
        ("/fi/organisations/testiyritys/profile/", "company_admin", "themes"),
    ],
)
def test_a_huge_id_in_a_multiple_choice_is_the_fields_error(client, region, url, person, field):
    client.force_login(region.people[person])
    response = client.post(url, {field: [str(HUGE)]})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Valitse oikea vaihtoehto" in page and str(HUGE) in page


@pytest.mark.parametrize("url", ["/fi/signals/?city={n}&department={n}&theme={n}", "/fi/challenges/?theme={n}"])
def test_a_huge_id_in_a_filter_is_no_500(client, region, url):
    client.force_login(region.people["espoo_owner"])
    assert client.get(url.format(n=HUGE)).status_code in (200, 400)
