"""Proposal benchmark: submitting a proposal and the owners' proposal list with 1,000 proposals on one call.

    createdb -h 127.0.0.1 -U postgres bench_proposals   # an empty database
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_proposals .venv/bin/python bench/run_proposals.py

Builds one open call with six questions (public and confidential text, numbers, a choice) and N companies,
each with one person and one draft proposal filled in through the services. Then, in one process with
Django's test client (the whole request path: middleware, sessions, permissions, templates), it times:

- the minimal view (``/healthz``), the baseline,
- submitting each of the N drafts (``POST /fi/proposals/<id>/submit/``; validation, hash, receipt e-mail
  queued on commit, notifications, audit), so the last submissions run with N-1 proposals already in,
- the owners' proposal list, its CSV export and one proposal's page, with all N submitted.

Reports p50/p95 in milliseconds, the ratio of p95 to the minimal view's p95, and the SQL queries of one
request. Prints a Markdown table and writes bench/results/proposals-<time>.json. Run by hand, not in CI.
"""

import argparse
import json
import os
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DJANGO_DEBUG", "0")
os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-secret")
os.environ.setdefault("DJANGO_PLAIN_STATIC", "1")
os.environ.setdefault("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
os.environ.setdefault("DJANGO_TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend")
os.environ.setdefault("HAASTEMOOTTORI_PAGE_CACHE_SECONDS", "0")
os.environ.setdefault("DJANGO_LOG_LEVEL", "WARNING")

import django

django.setup()

from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from haastemoottori.accounts.models import User
from haastemoottori.challenges.models import Challenge, ChallengeOwnership
from haastemoottori.organisations.models import Membership, Organisation
from haastemoottori.proposals import services
from haastemoottori.proposals.models import Proposal

SLUG = "bench-call"
QUESTIONS = [
    {"label": {"fi": "Julkinen tiivistelmä"}, "kind": "text", "required": True, "max_length": 2000},
    {"label": {"fi": "Tekninen kuvaus"}, "kind": "text", "required": True, "confidential": True, "max_length": 8000},
    {
        "label": {"fi": "Hinta-arvio (EUR)"},
        "kind": "number",
        "required": True,
        "confidential": True,
        "min_value": 0,
        "max_value": 10_000_000,
    },
    {
        "label": {"fi": "Kypsyystaso"},
        "kind": "choice",
        "required": True,
        "choices": [{"fi": "TRL 3–5"}, {"fi": "TRL 6–7"}, {"fi": "TRL 8–9"}],
    },
    {"label": {"fi": "Pilotin kesto (kk)"}, "kind": "number", "required": True, "min_value": 1, "max_value": 36},
    {"label": {"fi": "Referenssit"}, "kind": "text", "required": False, "confidential": True, "max_length": 4000},
]
TEXT = (
    "Ratkaisumme mittaa kiinteistön energiankulutusta tunneittain ja ohjaa lämmitystä kysynnän mukaan. "
    "Pilotissa asennamme anturit kymmeneen kouluun ja raportoimme säästöt kuukausittain. "
) * 6


def build(n: int) -> tuple[Challenge, User, list[tuple[User, Proposal]]]:
    """The call and N drafts (created once; a second run reuses them if they are still drafts)."""
    challenge = Challenge.objects.filter(slug=SLUG).first()
    if challenge is None:
        with transaction.atomic():
            city = Organisation.objects.create(
                slug="benchkaupunki",
                kind="city",
                name={"fi": "Benchkaupunki"},
                original_language="fi",
                verification_status="verified",
                verification_method="seed",
            )
            owner = User.objects.create_user("owner@bench.test", "x", full_name="Bench Owner")
            Membership.objects.create(organisation=city, user=owner, role=Membership.Role.CHALLENGE_OWNER)
            now = timezone.now()
            challenge = Challenge.objects.create(
                slug=SLUG,
                original_language="fi",
                title={"fi": "Koulujen energiankulutuksen kysyntäjousto"},
                summary={"fi": "Benchmark"},
                stage="open_call",
                published_at=now - timedelta(days=10),
                call_deadline=now + timedelta(days=60),
            )
            ChallengeOwnership.objects.create(challenge=challenge, organisation=city, role="lead")
            for i, values in enumerate(QUESTIONS):
                services.question_add(actor=owner, challenge=challenge, values={**values, "order": i})
    owner = User.objects.get(email="owner@bench.test")
    questions = list(challenge.call.questions.order_by("order"))
    have = Proposal.objects.filter(call__challenge=challenge).count()
    started = time.perf_counter()
    for i in range(have, n):
        with transaction.atomic():
            company = Organisation.objects.create(
                slug=f"bench-yritys-{i}",
                kind="company",
                name={"fi": f"Bench Yritys {i} Oy"},
                original_language="fi",
                verification_status="verified",
                verification_method="seed",
            )
            person = User.objects.create_user(f"p{i}@bench.test", None, full_name=f"Person {i}")
            Membership.objects.create(organisation=company, user=person, role=Membership.Role.ADMIN)
            proposal = services.proposal_start(
                actor=person, challenge=challenge, lead=company, title=f"Ratkaisu {i}: kysyntäjousto kouluissa"
            )
            answers = {
                questions[0].pk: TEXT[:1500],
                questions[1].pk: TEXT * 2,
                questions[2].pk: 50_000 + i,
                questions[3].pk: i % 3,
                questions[4].pk: 6 + i % 12,
                questions[5].pk: TEXT[:800],
            }
            services.proposal_save(actor=person, proposal=proposal, version=proposal.version, answers=answers)
        if (i + 1) % 100 == 0:
            print(f"  drafts {i + 1}/{n} ({time.perf_counter() - started:.0f} s)", flush=True)
    drafts = (
        Proposal.objects.filter(call__challenge=challenge, status="draft")
        .select_related("created_by")
        .order_by("created_at")
    )
    return challenge, owner, [(p.created_by, p) for p in drafts]


def timed(client: Client, method: str, url: str, data=None) -> float:
    started = time.perf_counter()
    response = client.post(url, data) if method == "POST" else client.get(url)
    elapsed = (time.perf_counter() - started) * 1000
    assert response.status_code in (200, 302), (url, response.status_code)
    return elapsed


def queries(client: Client, method: str, url: str, data=None) -> int:
    with CaptureQueriesContext(connection) as ctx:
        client.post(url, data) if method == "POST" else client.get(url)
    return len(ctx.captured_queries)


def summary(samples: list[float]) -> dict:
    ordered = sorted(samples)
    return {
        "n": len(ordered),
        "p50_ms": round(statistics.median(ordered), 1),
        "p95_ms": round(ordered[max(0, int(len(ordered) * 0.95) - 1)], 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--proposals", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=50, help="requests per page measured")
    args = parser.parse_args()

    call_command("migrate", verbosity=0)
    challenge, owner, drafts = build(args.proposals)
    client = Client(HTTP_HOST="127.0.0.1")
    results: dict[str, dict] = {}

    results["minimal view (/healthz)"] = {
        **summary([timed(client, "GET", "/healthz") for _ in range(200)]),
        "queries": queries(client, "GET", "/healthz"),
    }

    submit_times, submit_queries = [], None
    for i, (person, proposal) in enumerate(drafts):
        client.force_login(person)
        url = f"/fi/proposals/{proposal.pk}/submit/"
        if submit_queries is None:
            with CaptureQueriesContext(connection) as ctx:
                client.post(url, {"version": proposal.version})
            submit_queries = len(ctx.captured_queries)
        else:
            submit_times.append(timed(client, "POST", url, {"version": proposal.version}))
        if (i + 1) % 200 == 0:
            print(f"  submitted {i + 1}/{len(drafts)}", flush=True)
    submitted = Proposal.objects.filter(call__challenge=challenge, status="submitted").count()
    if submit_times:
        results["submit a proposal (POST)"] = {**summary(submit_times), "queries": submit_queries}

    client.force_login(owner)
    any_proposal = Proposal.objects.filter(call__challenge=challenge, status="submitted").first()
    pages = {
        f"owners' proposal list ({submitted} proposals)": f"/fi/challenges/{SLUG}/call/proposals/",
        f"CSV export ({submitted} proposals)": f"/fi/challenges/{SLUG}/call/proposals.csv",
        "one proposal, owner's view": f"/fi/proposals/{any_proposal.pk}/",
    }
    for name, url in pages.items():
        client.get(url)  # warm
        results[name] = {
            **summary([timed(client, "GET", url) for _ in range(args.repeat)]),
            "queries": queries(client, "GET", url),
        }

    base = results["minimal view (/healthz)"]["p95_ms"]
    print(f"\n{connection.vendor}, {submitted} submitted proposals on one call\n")
    print("| request | p50 ms | p95 ms | p95 / minimal view | queries |")
    print("|---|---|---|---|---|")
    for name, r in results.items():
        print(f"| {name} | {r['p50_ms']} | {r['p95_ms']} | {r['p95_ms'] / base:.1f}× | {r['queries']} |")
    out = ROOT / "bench" / "results" / f"proposals-{time.strftime('%Y%m%dT%H%M%S')}.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps({"database": connection.vendor, "proposals": submitted, "results": results}, indent=2))
    print(f"\nwrote {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
