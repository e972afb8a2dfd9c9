"""A city's criteria: the recommended set, weights 1..100, deactivation instead of deletion once scored."""

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from haastemoottori.audit.models import AuditEvent
from haastemoottori.backlog import services
from haastemoottori.backlog.models import Criterion
from haastemoottori.core.errors import ServiceConflict, ServicePermissionDenied, ServiceValidationError

from .conftest import criteria, sheet, single_candidate

pytestmark = pytest.mark.django_db


def test_recommended_criteria_on_the_first_visit(client, world):
    w = world
    client.force_login(w.people["espoo_owner"])
    url = reverse("backlog:criteria", args=["espoo"])
    page = client.get(url).content.decode()
    assert _("Use the recommended criteria") in page and "Vaikutus asukkaisiin" in page  # in the page language
    assert Criterion.objects.count() == 0  # a suggestion until the editor chooses it
    assert client.post(reverse("backlog:criteria-recommended", args=["espoo"])).status_code == 302
    made = list(Criterion.objects.filter(organisation=w.espoo).order_by("position"))
    assert [c.name["en"] for c in made] == [
        "Impact on residents",
        "Urgency",
        "Strategic fit",
        "Carbon-reduction potential",
        "Cross-city relevance",
        "Market readiness",
        "Feasibility",
    ]
    assert all(set(c.name) == {"fi", "sv", "en"} and set(c.description) == {"fi", "sv", "en"} for c in made)
    assert made[0].name["fi"] == "Vaikutus asukkaisiin" and made[3].name["sv"] == "Potential att minska utsläppen"
    assert sum(c.weight for c in made) == 100 and {c.scale_max for c in made} == {5}
    # Again: nothing is duplicated.
    client.post(reverse("backlog:criteria-recommended", args=["espoo"]))
    assert Criterion.objects.filter(organisation=w.espoo).count() == 7
    assert AuditEvent.objects.filter(target_type="backlog.criterion", action="created").count() == 7
    with translation.override("sv"):
        page = client.get(reverse("backlog:criteria", args=["espoo"])).content.decode()
    assert "Brådska" in page and "<caption" in page and 'scope="col"' in page


@pytest.mark.parametrize("weight", [0, 101, -5, "abc", ""])
def test_weights_from_1_to_100(client, world, weight):
    w = world
    client.force_login(w.people["espoo_owner"])
    url = reverse("backlog:criteria", args=["espoo"])
    response = client.post(url, {"name__fi": "Uusi", "weight": weight, "scale_max": 5})
    assert response.status_code == 400 and Criterion.objects.count() == 0
    with pytest.raises(ServiceValidationError) as exc:
        services.criterion_create(
            actor=w.people["espoo_owner"], city=w.espoo, name={"fi": "Uusi"}, weight=weight, language="fi"
        )
    assert exc.value.field == "weight"


def test_add_edit_and_bad_input(client, world):
    w = world
    client.force_login(w.people["espoo_owner"])
    url = reverse("backlog:criteria", args=["espoo"])
    assert (
        client.post(url, {"name__fi": "", "name__en": "Only English", "weight": 5, "scale_max": 5}).status_code == 400
    )  # the name is needed in the page's language
    assert client.post(url, {"name__fi": "Uusi", "weight": 5, "scale_max": 11}).status_code == 400
    assert client.post(url, {"name__fi": "Uusi", "weight": 5, "scale_max": 4}).status_code == 302
    criterion = Criterion.objects.get()
    assert (criterion.name, criterion.weight, criterion.scale_max, criterion.original_language) == (
        {"fi": "Uusi"},
        5,
        4,
        "fi",
    )
    edit = reverse("backlog:criterion", args=["espoo", criterion.pk])
    assert client.get(edit).status_code == 200
    response = client.post(edit, {"name__fi": "Uusi nimi", "weight": 40, "scale_max": 4, "position": 2})
    criterion.refresh_from_db()
    assert response.status_code == 302 and (criterion.name["fi"], criterion.weight, criterion.active) == (
        "Uusi nimi",
        40,
        False,
    )  # the "in use" box was not ticked
    assert client.get(reverse("backlog:criterion", args=["vantaa", criterion.pk])).status_code == 403
    assert client.get(reverse("backlog:criterion", args=["espoo", 999999])).status_code == 404


def test_a_scored_criterion_is_deactivated_not_deleted(world):
    w = world
    scored, unscored = criteria(w)
    editor = w.people["espoo_owner"]
    candidate = single_candidate(w, "X")
    sheet(w, "espoo_member", candidate, {scored: 3}, submit=False)
    assert services.criterion_remove(actor=editor, criterion=unscored) == "deleted"
    assert not Criterion.objects.filter(pk=unscored.pk).exists()
    with pytest.raises(ServiceConflict):
        services.criterion_update(actor=editor, criterion=scored, scale_max=7)  # the scores would change meaning
    assert services.criterion_remove(actor=editor, criterion=scored) == "deactivated"
    scored.refresh_from_db()
    assert scored.active is False and scored.scores.count() == 1
    services.criterion_update(actor=editor, criterion=scored, active=True, weight=100)
    scored.refresh_from_db()
    assert scored.active and scored.weight == 100


def test_only_the_citys_editors_configure(world):
    w = world
    for who in ("espoo_member", "vantaa_owner", "company_admin", "outsider"):
        with pytest.raises(ServicePermissionDenied):
            services.criterion_create(actor=w.people[who], city=w.espoo, name={"fi": "X"}, language="fi")
        with pytest.raises(ServicePermissionDenied):
            services.criteria_add_recommended(actor=w.people[who], city=w.espoo)
    assert Criterion.objects.count() == 0
    services.criterion_create(actor=w.people["platform_admin"], city=w.espoo, name={"fi": "X"}, language="fi")
    assert Criterion.objects.count() == 1
