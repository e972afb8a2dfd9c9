"""An evaluation edited in two tabs: the later save is refused with what differs, nothing is overwritten."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from haastemoottori.core.concurrency import EditConflict
from haastemoottori.evaluation import services
from haastemoottori.evaluation.models import Score

from .conftest import clear, fresh

pytestmark = pytest.mark.django_db


def _token(response) -> str:
    match = re.search(r'name="edit_token" value="([^"]*)"', response.content.decode())
    assert match, "the scoring form carries the token of the scores it shows"
    return match.group(1)


def _scores(ev, value: str, comment: str, token: str) -> dict[str, str]:
    return {
        f"score_{ev.c_num.pk}": value,
        f"comment_{ev.c_num.pk}": comment,
        f"score_{ev.c_rating.pk}": "2",
        f"score_{ev.c_pass.pk}": "1",
        "action": "save",
        "edit_token": token,
    }


def test_scores_saved_in_another_tab_are_not_overwritten(client, ev):
    clear(ev, "evaluator", "p1")
    client.force_login(ev.people["evaluator"])
    a = ev.a["evaluator", "p1"]
    url = reverse("evaluation:assignment", args=[a.pk])
    tab_one, tab_two = _token(client.get(url)), _token(client.get(url))

    assert client.post(url, _scores(ev, "7", "Ensimmäinen välilehti", tab_one)).status_code == 302
    response = client.post(url, _scores(ev, "4", "Toinen välilehti", tab_two))

    assert response.status_code == 409
    html = response.content.decode()
    assert "Someone else saved first" in html or "Joku muu tallensi ensin" in html
    assert "Ensimmäinen välilehti" in html and "Toinen välilehti" in html
    score = Score.objects.get(evaluation__assignment=a, criterion=ev.c_num)
    assert (score.value, score.comment) == (Decimal(7), "Ensimmäinen välilehti")

    # Saving again from the refused page (it carries the token of what is saved now) keeps the second tab's.
    assert client.post(url, _scores(ev, "4", "Toinen välilehti", _token(response))).status_code == 302
    score.refresh_from_db()
    assert (score.value, score.comment) == (Decimal(4), "Toinen välilehti")


def test_the_service_names_the_scores_that_differ(ev):
    clear(ev, "evaluator", "p1")
    evaluator = ev.people["evaluator"]
    values = {ev.c_num.pk: ("7", "Perustelu"), ev.c_rating.pk: ("2", ""), ev.c_pass.pk: ("1", "")}
    services.evaluation_save(actor=evaluator, assignment=fresh(ev.a["evaluator", "p1"]), values=values, token="")
    changed = {**values, ev.c_num.pk: ("5", "Perustelu")}
    with pytest.raises(EditConflict) as exc:
        services.evaluation_save(actor=evaluator, assignment=fresh(ev.a["evaluator", "p1"]), values=changed, token="")
    assert [(d.field, d.theirs, d.yours) for d in exc.value.differences] == [(f"score_{ev.c_num.pk}", "7", "5")]
    assert Score.objects.get(evaluation__assignment=ev.a["evaluator", "p1"], criterion=ev.c_num).value == 7
