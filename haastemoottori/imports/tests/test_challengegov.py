"""The Challenge.gov importer: mapping, idempotency, reporting, and what the public sees afterwards."""

import importlib.machinery
import json
import sys
import types
from datetime import time
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

import haastemoottori.search
from haastemoottori.audit.models import AuditEvent
from haastemoottori.challenges.models import Challenge
from haastemoottori.imports.models import ImportedRecord
from haastemoottori.imports.services import challengegov_import, challengegov_read
from haastemoottori.imports.services.dates import US_EASTERN as EASTERN
from haastemoottori.organisations.models import Organisation

FEED = Path(__file__).parent / "fixtures" / "challengegov-feed.json"
GOOD = 5  # T-100, T-101, T-102, T-105, T-106


def run(*paths, **kwargs):
    records = [r for p in paths or (FEED,) for r in challengegov_read(p)]
    return challengegov_import(records, **kwargs)


def imported(source_id):
    return Challenge.objects.get(imported_from__source="challengegov", imported_from__source_id=source_id)


@pytest.fixture
def feed_copy(tmp_path):
    def _write(change=None):
        data = json.loads(FEED.read_text())
        if change:
            change(data["_challenge"])
        path = tmp_path / "feed-open.json"
        path.write_text(json.dumps(data))
        return path

    return _write


@pytest.mark.django_db
def test_maps_fields_and_sanitises_html():
    summary = run()
    assert (summary.imported, summary.updated, summary.unchanged) == (GOOD, 0, 0)
    c = imported("T-100")
    assert c.original_language == "en" and c.title == {"en": "Quiet Streets Sensor Prize"}
    assert c.summary == {"en": "Measure street noise with cheap sensors"}
    problem = c.problem["en"]
    assert problem.startswith("Cities need quiet streets.\n\nRead the brief (https://example.org/brief) or this.")
    assert "• Low cost\n• Open data" in problem
    assert "Originally published on Challenge.gov: https://www.challenge.gov/challenge/quiet-streets/" in problem
    assert "Partners: Test Bureau of Sound" in problem
    for field in ("problem", "summary", "constraints", "desired_outcome"):
        text = json.dumps(getattr(c, field))
        for bad in ("<", "steal", "alert", "javascript", "onerror"):
            assert bad not in text
    assert c.constraints["en"] == (
        "Prizes:\n\nTotal cash prizes: $50,000\n\nThree prizes of $10,000.\n\n"
        "Rules:\n\nEligibility\n\nTeams of any size.\n\n"
        "How to enter:\n\nSend a short paper."
    )
    assert c.desired_outcome == {"en": "Accuracy and cost."}
    assert c.budget_min is None and c.budget_max is None  # prizes are dollars, the budget is euros
    assert c.stage == "open_call" and c.published_at is not None
    assert c.call_deadline.isoformat() == "2100-01-01T04:59:00+00:00" and "streets" in c.search_text
    lead = c.ownerships.get()
    assert lead.role == "lead" and lead.organisation.kind == "public"
    assert lead.organisation.name == {"en": "Test Department of Streets"}
    assert [(s.from_stage, s.to_stage) for s in c.stage_changes.all()] == [("draft", "open_call")]
    event = AuditEvent.objects.for_object(c).get()
    assert event.action == "created" and event.is_public and event.actor_id is None
    assert event.data["source"] == "challengegov" and event.data["source_id"] == "T-100"


@pytest.mark.django_db
def test_one_owner_per_agency_and_stages():
    run()
    assert Organisation.objects.filter(kind="public").count() == 3  # two agencies and the fallback owner
    assert imported("T-101").ownerships.get().organisation == imported("T-100").ownerships.get().organisation
    closed = imported("T-101")
    # A date-only deadline lasts the whole day, US Eastern time.
    assert closed.stage == "closed" and closed.call_deadline.astimezone(EASTERN).time() == time(23, 59, 59)
    assert closed.published_at == closed.call_opens_at
    assert imported("T-106").stage == "closed"  # listed as open, but the deadline of the range has passed


@pytest.mark.django_db
def test_missing_fields_and_garbage_dates_are_tolerated_with_warnings():
    summary = run()
    bare = imported("T-102")
    # In a feed of open challenges and without a deadline: an open call, with a warning.
    assert bare.summary == {} and bare.call_deadline is None and bare.stage == "open_call"
    assert any("no readable deadline" in msg for ref, msg in summary.warnings if "T-102" in ref)
    assert bare.ownerships.get().organisation.name == {"en": "Challenge.gov"}
    dates = imported("T-105")
    assert dates.call_opens_at is None and dates.call_deadline is None
    warnings = dict.fromkeys(ref for ref, _msg in summary.warnings)
    assert "challengegov-feed.json#6 (id T-105)" in warnings
    messages = " ".join(msg for ref, msg in summary.warnings if "T-105" in ref)
    assert "04/23/ 10:00 AM" in messages and "TBD" in messages
    # The deadline in Helsinki time, in the language's short date format: 4 March in the US is 5 March here.
    assert any("deadline 5 Mar 2020 has passed" in msg for ref, msg in summary.warnings if "T-106" in ref)


@pytest.mark.django_db
def test_bad_records_are_reported_and_the_rest_imported(tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text("{not json")
    records = []
    rejected = []
    for path in (FEED, broken):
        try:
            records.extend(challengegov_read(path))
        except Exception as exc:
            rejected.append((str(path), str(exc)))
    summary = challengegov_import(records)
    assert summary.imported == GOOD
    assert summary.rejected == [
        ("challengegov-feed.json#4 (id T-103)", "The record has no title."),
        ("challengegov-feed.json#5", "The record is not a JSON object."),
    ]
    assert rejected and "cannot be read as JSON" in rejected[0][1]


@pytest.mark.django_db
def test_rerun_is_idempotent_and_updates_changed_records(feed_copy):
    path = feed_copy()
    run(path)
    counts = (Challenge.objects.count(), Organisation.objects.count(), AuditEvent.objects.count())
    again = run(path)
    assert (again.imported, again.updated, again.unchanged, len(again.rejected)) == (0, 0, GOOD, 2)
    assert (Challenge.objects.count(), Organisation.objects.count(), AuditEvent.objects.count()) == counts

    def change(items):
        items[0]["tagline"] = "Measure street noise <b>well</b>"
        items[1]["challenge_status"] = "open"
        items[1]["submission-end"] = "01/15/2099 5:00 PM"

    path = feed_copy(change)
    third = run(path)
    assert (third.imported, third.updated, third.unchanged) == (0, 2, GOOD - 2)
    assert Challenge.objects.count() == counts[0]
    c = imported("T-100")
    assert c.summary == {"en": "Measure street noise well"} and c.version == 2
    event = AuditEvent.objects.for_object(c).filter(action="updated").get()
    assert event.changes["summary"]["new"] == {"en": "Measure street noise well"}
    reopened = imported("T-101")
    assert reopened.stage == "open_call"
    assert [(s.from_stage, s.to_stage) for s in reopened.stage_changes.all()] == [
        ("draft", "closed"),
        ("closed", "open_call"),
    ]


@pytest.mark.django_db
def test_limit_counts_written_records_so_a_rerun_continues():
    first = run(limit=2)
    assert first.imported == 2 and first.stopped_at_limit
    second = run(limit=2)
    assert (second.imported, second.unchanged) == (2, 2)
    third = run()
    assert (third.imported, third.unchanged) == (1, 4) and not third.stopped_at_limit
    assert ImportedRecord.objects.filter(source="challengegov").count() == GOOD


@pytest.mark.django_db
def test_command_prints_summary_and_reasons(tmp_path):
    out, err = StringIO(), StringIO()
    call_command("import_challengegov", str(FEED), str(tmp_path / "missing.json"), stdout=out, stderr=err)
    text = out.getvalue()
    assert "Imported 5, updated 0, unchanged 0, rejected 3" in text
    assert "challengegov-feed.json#4 (id T-103): The record has no title." in text
    assert "missing.json: The file cannot be read as JSON" in text
    assert "submission-start “04/23/ 10:00 AM” was left empty" in text
    assert err.getvalue() == ""  # no progress bar when stderr is not a terminal
    out = StringIO()
    call_command("import_challengegov", str(FEED), "--no-progress", stdout=out)
    assert "Imported 0, updated 0, unchanged 5, rejected 2" in out.getvalue()


@pytest.mark.django_db
def test_imported_challenges_are_public_on_pages_and_api(client):
    run()
    c = imported("T-100")
    with translation.override("en"):
        list_url, detail_url = reverse("challenges:list"), reverse("challenges:detail", args=[c.slug])
    assert "Quiet Streets Sensor Prize" in client.get(list_url).content.decode()
    assert "Quiet Streets Sensor Prize" in client.get(list_url, {"q": "quiet"}).content.decode()
    detail = client.get(detail_url)
    assert detail.status_code == 200
    html = detail.content.decode()
    assert "Cities need quiet streets." in html and "steal()" not in html
    body = client.get("/api/v1/challenges", {"page_size": 100}).json()
    assert body["count"] == GOOD
    item = next(i for i in body["results"] if i["slug"] == c.slug)
    assert item["stage"] == "open_call" and item["owners"][0]["organisation"]["kind"] == "public"
    api_detail = client.get(f"/api/v1/challenges/{c.slug}").json()
    assert api_detail["constraints"]["en"].startswith("Prizes:")
    assert api_detail["timeline"][0]["to_stage"] == "open_call"


@pytest.mark.django_db
def test_search_index_is_scheduled_when_the_search_app_offers_it(monkeypatch):
    calls = []
    fake = types.ModuleType("haastemoottori.search.services")
    fake.__spec__ = importlib.machinery.ModuleSpec("haastemoottori.search.services", None)
    fake.search_index_schedule = lambda objects: calls.append(list(objects))
    monkeypatch.setitem(sys.modules, "haastemoottori.search.services", fake)
    monkeypatch.setattr(haastemoottori.search, "services", fake, raising=False)
    run()
    assert {c.imported_from.source_id for objects in calls for c in objects} == {
        "T-100",
        "T-101",
        "T-102",
        "T-105",
        "T-106",
    }
    count = len(calls)
    run()
    assert len(calls) == count  # nothing changed, nothing to re-index
