"""Impact dashboard benchmark: 10,000 challenges, 50,000 proposals and 2,000 pilots.

    createdb -h 127.0.0.1 -U postgres bench_impact
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_impact .venv/bin/python bench/generate.py \\
        --challenges 10000 --companies 5000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_impact .venv/bin/python bench/run_impact.py

On top of generate.py's challenges and companies it adds, once (straight to the database, a benchmark
fixture): stage changes for every public challenge, a call on 4,000 challenges with 50,000 submitted
proposals (a tenth with a confirmed partner), 2,000 pilots with two KPIs (one CO2e) and three
measurements each, and 500 procurement paths with an award and a contract. Then, in one process with
Django's test client, it times the minimal view, the public dashboard (unfiltered, by city, last 12
months), the staff dashboard, one figure's CSV and the all-figures workbook, every request computed
(``HAASTEMOOTTORI_PAGE_CACHE_SECONDS=0``: no page cache, no figures cache); then, with the caches on
(60 s), the public dashboard for a signed-in person (never served from the page cache, so it shows the
figures cache) and the workbook. Reports p50/p95 in ms, their ratios to the minimal view's, the SQL
queries of one request and the load average; writes bench/results/impact-<time>.json.

To compare two versions of the code in the same conditions, run this script from each checkout in turn
(``python /other/checkout/bench/run_impact.py``: it imports the code beside it) on the same database.
"""

import argparse
import itertools
import json
import os
import random
import statistics
import sys
import time
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DJANGO_DEBUG", "0")
os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-secret")
os.environ.setdefault("DJANGO_PLAIN_STATIC", "1")
os.environ.setdefault("HAASTEMOOTTORI_PAGE_CACHE_SECONDS", "0")
os.environ.setdefault("DJANGO_LOG_LEVEL", "WARNING")

import django

django.setup()

from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from haastemoottori.accounts.models import User
from haastemoottori.challenges.lifecycle import MAIN_PATH, Stage
from haastemoottori.challenges.models import Challenge, StageChange
from haastemoottori.organisations.models import Membership, Organisation
from haastemoottori.pilots.models import KPI, KPIMeasurement, Pilot
from haastemoottori.procurement.models import Award, Contract, ProcurementPath
from haastemoottori.proposals.models import Call, Proposal, ProposalPartner

PROPOSALS, PILOTS, PATHS, CALLS = 50_000, 2_000, 500, 4_000


def fill(rng: random.Random) -> None:
    if Proposal.objects.exists():
        return
    now = timezone.now()
    challenges = list(Challenge.objects.filter(published_at__isnull=False).order_by("id"))
    companies = list(Organisation.objects.filter(kind="company").values_list("pk", flat=True))
    if len(challenges) < CALLS or not companies:
        sys.exit("Run bench/generate.py first (10,000 challenges and some thousands of companies).")
    started = time.time()
    with transaction.atomic():
        changes = []
        for c in challenges:
            path = MAIN_PATH[: MAIN_PATH.index(Stage(c.stage)) + 1] if c.stage in MAIN_PATH else MAIN_PATH[:3]
            at = now - timedelta(days=rng.randint(200, 900))
            for source, target in itertools.pairwise(path):
                at += timedelta(days=rng.randint(5, 60))
                changes.append(StageChange(challenge=c, from_stage=source, to_stage=target, changed_at=min(at, now)))
        StageChange.objects.bulk_create(changes, batch_size=5000)
    print(f"  stage changes {len(changes)} ({time.time() - started:.0f} s)", flush=True)
    with transaction.atomic():
        calls = Call.objects.bulk_create([Call(challenge=c) for c in rng.sample(challenges, CALLS)])
    for start in range(0, PROPOSALS, 10_000):
        with transaction.atomic():
            rows = [
                Proposal(
                    call=rng.choice(calls),
                    lead_id=rng.choice(companies),
                    title=f"Ehdotus {i}",
                    status="submitted",
                    submitted_at=now - timedelta(days=rng.randint(1, 700)),
                    content_hash="0" * 64,
                )
                for i in range(start, start + 10_000)
            ]
            created = Proposal.objects.bulk_create(rows)
            ProposalPartner.objects.bulk_create(
                [
                    ProposalPartner(
                        proposal=p,
                        organisation_id=rng.choice(companies),
                        business_id="0000000-0",
                        status="confirmed",
                        confirmed_at=now,
                    )
                    for p in created
                    if rng.random() < 0.1
                ]
            )
        print(f"  proposals {start + 10_000} ({time.time() - started:.0f} s)", flush=True)
    with transaction.atomic():
        pilots = Pilot.objects.bulk_create(
            [
                Pilot(
                    challenge=rng.choice(challenges),
                    title={"fi": f"Pilotti {i}"},
                    original_language="fi",
                    status=rng.choice(["planned", "running", "finished", "stopped"]),
                    start_date=(now - timedelta(days=rng.randint(30, 700))).date(),
                    end_date=(now + timedelta(days=rng.randint(-20, 300))).date(),
                    budget_total=Decimal(rng.randint(20, 500) * 1000),
                )
                for i in range(PILOTS)
            ]
        )
        kpis = KPI.objects.bulk_create(
            [
                KPI(
                    pilot=p,
                    name={"fi": name},
                    original_language="fi",
                    unit=unit,
                    method="mittaus",
                    baseline=Decimal(1000),
                    target=Decimal(600),
                    direction="decrease",
                    is_co2e=co2e,
                )
                for p in pilots
                for name, unit, co2e in (("Päästöt", "t CO2e/a", True), ("Energia", "MWh/a", False))
            ]
        )
        KPIMeasurement.objects.bulk_create(
            [
                KPIMeasurement(
                    kpi=k, value=Decimal(rng.randint(500, 1000)), measured_on=(now - timedelta(days=30 * m)).date()
                )
                for k in kpis
                for m in range(3)
            ]
        )
        paths = ProcurementPath.objects.bulk_create(
            [ProcurementPath(challenge=c, ocid=f"ocds-bench1-{c.pk}") for c in rng.sample(challenges, PATHS)]
        )
        awards = Award.objects.bulk_create(
            [
                Award(
                    path=p,
                    supplier_id=rng.choice(companies),
                    supplier_name="Toimittaja Oy",
                    value=Decimal(rng.randint(50, 900) * 1000),
                    date=(now - timedelta(days=rng.randint(10, 600))).date(),
                )
                for p in paths
            ]
        )
        Contract.objects.bulk_create(
            [Contract(award=a, value=a.value, signed_on=a.date, start_date=a.date) for a in awards]
        )
    print(f"  pilots, KPIs, procurement ({time.time() - started:.0f} s)", flush=True)


def timed(client: Client, url: str) -> float:
    started = time.perf_counter()
    response = client.get(url)
    elapsed = (time.perf_counter() - started) * 1000
    assert response.status_code == 200, (url, response.status_code)
    return elapsed


def queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        client.get(url)
    return len(ctx.captured_queries)


def measure(client: Client, url: str, n: int) -> dict:
    client.get(url)  # warm
    samples = sorted(timed(client, url) for _ in range(n))
    return {
        "n": n,
        "p50_ms": round(statistics.median(samples), 1),
        "p95_ms": round(samples[max(0, int(n * 0.95) - 1)], 1),
        "queries": queries(client, url),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    fill(random.Random(args.seed))
    load_before = os.getloadavg()

    staff = User.objects.filter(email="impact-staff@bench.test").first()
    if staff is None:
        staff = User.objects.create_user("impact-staff@bench.test", None, full_name="Bench Staff")
        city = Organisation.objects.filter(kind="city").order_by("pk").first()
        Membership.objects.create(organisation=city, user=staff, role=Membership.Role.MEMBER)
    city_slug = Organisation.objects.filter(kind="city").order_by("pk").values_list("slug", flat=True).first()
    anonymous, signed_in = Client(HTTP_HOST="127.0.0.1"), Client(HTTP_HOST="127.0.0.1")
    signed_in.force_login(staff)
    pages = {
        "minimal view (/healthz)": (anonymous, "/healthz", 200),
        "public dashboard": (anonymous, "/fi/impact/", args.repeat),
        "public dashboard, one city": (anonymous, f"/fi/impact/?city={city_slug}", args.repeat),
        "public dashboard, last 12 months": (anonymous, "/fi/impact/?period=last_12_months", args.repeat),
        "staff dashboard": (signed_in, "/fi/impact/staff/", args.repeat),
        "one figure as CSV": (anonymous, "/fi/impact/challenges-by-stage.csv", args.repeat),
        "all figures as XLSX": (anonymous, "/fi/impact/impact.xlsx", max(5, args.repeat // 3)),
    }
    results = {name: measure(client, url, n) for name, (client, url, n) in pages.items()}
    # The caches on: a signed-in person is never served from the page cache, so this is the figures cache
    # (each public change empties it; the first request after one costs what "public dashboard" does).
    with override_settings(PUBLIC_PAGE_CACHE_SECONDS=60):
        cache.clear()
        results["public dashboard, signed in, caches on"] = measure(signed_in, "/fi/impact/", args.repeat)
        results["all figures as XLSX, caches on"] = measure(anonymous, "/fi/impact/impact.xlsx", args.repeat)
    load = [round(x, 2) for x in (*load_before, *os.getloadavg())]
    counts = {
        "challenges": Challenge.objects.count(),
        "proposals": Proposal.objects.count(),
        "pilots": Pilot.objects.count(),
    }
    base = results["minimal view (/healthz)"]
    print(f"\n{connection.vendor}: {counts}; code: {ROOT}")
    print(f"load average (1, 5, 15 min) before: {load[:3]}, after: {load[3:]} on {os.cpu_count()} cores\n")
    print("| request | p50 ms | p95 ms | p50 / minimal view | p95 / minimal view | queries |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, r in results.items():
        print(
            f"| {name} | {r['p50_ms']:,} | {r['p95_ms']:,} | {r['p50_ms'] / base['p50_ms']:,.0f}× "
            f"| {r['p95_ms'] / base['p95_ms']:,.0f}× | {r['queries']} |"
        )
    out = ROOT / "bench" / "results" / f"impact-{time.strftime('%Y%m%dT%H%M%S')}.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(
        json.dumps(
            {
                "database": connection.vendor,
                "counts": counts,
                "code": str(ROOT),
                "load_average": load,
                "results": results,
            },
            indent=2,
        )
    )
    print(f"\nwrote {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
