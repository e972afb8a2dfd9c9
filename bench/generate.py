"""Deterministic synthetic data: many challenges and companies with realistic multilingual text lengths.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench .venv/bin/python bench/generate.py \
        --challenges 10000 --companies 100000 --seed 1

Writes straight to the database in batches (a benchmark fixture, not a product import), with a
progress line per batch. Re-running with the same arguments on an empty database gives the same data.
"""

import argparse
import os
import random
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DJANGO_DEBUG", "1")

import django

django.setup()

from django.db import transaction
from django.utils import timezone

from haastemoottori.challenges.lifecycle import Stage
from haastemoottori.challenges.models import Challenge, ChallengeOwnership, Indicator
from haastemoottori.organisations.business_id import business_id_check_digit
from haastemoottori.organisations.models import Organisation, OrganisationIdentifier
from haastemoottori.platforms.models import DevelopmentPlatform
from haastemoottori.taxonomy.models import Theme

WORDS = {
    "fi": (
        "kaupunki asukkaat energia liikenne päästöt hiilineutraali asuminen koulu palvelu data kokeilu "
        "ratkaisu alue rakennus lämmitys jätteet kierrätys työllisyys kotoutuminen terveys ikääntyneet "
        "digitaalinen kestävä kehitys pilotti hankinta yritys tutkimus mittari tavoite"
    ).split(),
    "sv": (
        "stad invånare energi trafik utsläpp klimatneutral boende skola tjänst data försök lösning "
        "område byggnad uppvärmning avfall återvinning sysselsättning integration hälsa äldre digital "
        "hållbar utveckling pilot upphandling företag forskning mätare mål"
    ).split(),
    "en": (
        "city residents energy traffic emissions carbon-neutral housing school service data trial "
        "solution district building heating waste recycling employment integration health elderly "
        "digital sustainable development pilot procurement company research indicator target"
    ).split(),
}
PUBLIC_STAGES = [Stage.CO_DEFINITION, Stage.OPEN_CALL, Stage.EVALUATION, Stage.PILOTING, Stage.CLOSED]


def text(rng: random.Random, lang: str, words: int) -> str:
    pool = WORDS[lang]
    sentences, left = [], words
    while left > 0:
        n = min(left, rng.randint(6, 14))
        sentence = " ".join(rng.choice(pool) for _ in range(n))
        sentences.append(sentence[0].upper() + sentence[1:] + ".")
        left -= n
    return " ".join(sentences)


def translated(rng, words, langs=("fi", "sv", "en"), coverage=0.8) -> dict:
    out = {"fi": text(rng, "fi", words)}
    for lang in langs[1:]:
        if rng.random() < coverage:
            out[lang] = text(rng, lang, words)
    return out


def business_id(n: int) -> str:
    digits = f"{n:07d}"
    check = business_id_check_digit(digits)
    return f"{digits}-{check}" if check is not None else ""


def progress(label: str, done: int, total: int, started: float) -> None:
    rate = done / max(time.time() - started, 1e-9)
    print(f"\r{label}: {done}/{total} ({rate:,.0f}/s)", end="" if done < total else "\n", flush=True)


def ensure_base(rng):
    cities = []
    for slug, fi, sv, en in (
        ("helsinki", "Helsingin kaupunki", "Helsingfors stad", "City of Helsinki"),
        ("espoo", "Espoon kaupunki", "Esbo stad", "City of Espoo"),
        ("vantaa", "Vantaan kaupunki", "Vanda stad", "City of Vantaa"),
    ):
        org, _ = Organisation.objects.get_or_create(
            slug=slug, defaults={"kind": "city", "name": {"fi": fi, "sv": sv, "en": en}}
        )
        cities.append(org)
    themes = []
    for n in range(1, 18):
        theme, _ = Theme.objects.get_or_create(
            slug=f"sdg-{n}",
            defaults={"kind": "sdg", "number": n, "name": {"fi": f"Tavoite {n}", "sv": f"Mål {n}", "en": f"Goal {n}"}},
        )
        themes.append(theme)
    platforms = []
    for city in cities:
        platform, _ = DevelopmentPlatform.objects.get_or_create(
            slug=f"{city.slug}-alusta", defaults={"owner": city, "name": {"fi": f"{city.slug.title()} alusta"}}
        )
        platforms.append(platform)
    return cities, themes, platforms


def generate_challenges(rng, n, cities, themes, platforms, batch=1000):
    now = timezone.now()
    started = time.time()
    Through = Challenge.themes.through
    for start in range(0, n, batch):
        rows = []
        for i in range(start, min(n, start + batch)):
            stage = rng.choice(PUBLIC_STAGES) if rng.random() < 0.85 else rng.choice([Stage.DRAFT, Stage.IN_REVIEW])
            public = stage in PUBLIC_STAGES
            title = translated(rng, rng.randint(5, 10))
            summary = translated(rng, rng.randint(40, 80))
            rows.append(
                Challenge(
                    slug=f"synthetic-{i}",
                    original_language="fi",
                    title=title,
                    summary=summary,
                    problem=translated(rng, rng.randint(80, 160)),
                    desired_outcome=translated(rng, rng.randint(30, 60)),
                    stage=stage,
                    route=rng.choice(["agile_pilot", "pcp", "innovation_procurement", "market_dialogue"]),
                    platform=rng.choice(platforms) if rng.random() < 0.6 else None,
                    budget_min=rng.randrange(10_000, 100_000, 5_000),
                    budget_max=rng.randrange(100_000, 900_000, 5_000),
                    call_deadline=now + timedelta(days=rng.randint(-400, 120)),
                    published_at=now - timedelta(minutes=i) if public else None,
                    search_text="\n".join([*title.values(), *summary.values()]).lower(),
                )
            )
        with transaction.atomic():
            created = Challenge.objects.bulk_create(rows)
            owners, links, indicators = [], [], []
            for c in created:
                lead, *others = rng.sample(cities, k=rng.choice([1, 1, 2, 3]))
                owners.append(ChallengeOwnership(challenge=c, organisation=lead, role="lead"))
                owners += [ChallengeOwnership(challenge=c, organisation=o, role="co_owner") for o in others]
                links += [Through(challenge=c, theme=t) for t in rng.sample(themes, k=rng.randint(1, 3))]
                indicators.append(
                    Indicator(
                        challenge=c,
                        name={"fi": "Päästöt"},
                        unit="t CO2e/a",
                        baseline=rng.randint(500, 5000),
                        target=rng.randint(100, 500),
                    )
                )
            ChallengeOwnership.objects.bulk_create(owners)
            Through.objects.bulk_create(links)
            Indicator.objects.bulk_create(indicators)
        progress("challenges", min(n, start + batch), n, started)


def generate_companies(rng, n, themes, batch=2000):
    started = time.time()
    offset = 1_000_000
    for start in range(0, n, batch):
        orgs, ids = [], []
        for i in range(start, min(n, start + batch)):
            lang = rng.choices(["fi", "sv", "en"], weights=[6, 1, 3])[0]
            orgs.append(
                Organisation(
                    slug=f"company-{i}",
                    kind="company",
                    name={lang: f"Yritys {i} Oy"},
                    original_language=lang,
                    # Bench data is vouched for by the generator, so it is listed and matched (docs/identity.md).
                    verification_status="verified",
                    verification_method="seed",
                    is_sme=rng.random() < 0.9,
                    capabilities={lang: text(rng, lang, rng.randint(60, 150))},
                    description={lang: text(rng, lang, rng.randint(20, 40))},
                )
            )
        with transaction.atomic():
            created = Organisation.objects.bulk_create(orgs)
            for j, org in enumerate(created):
                bid = business_id(offset + start + j)
                if bid:
                    ids.append(OrganisationIdentifier(organisation=org, scheme="FI-PRO", identifier=bid))
            OrganisationIdentifier.objects.bulk_create(ids)
        progress("companies", min(n, start + batch), n, started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--challenges", type=int, default=10_000)
    parser.add_argument("--companies", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if Challenge.objects.filter(slug__startswith="synthetic-").exists():
        sys.exit("Synthetic data is already present: use an empty database.")
    rng = random.Random(args.seed)
    cities, themes, platforms = ensure_base(rng)
    generate_challenges(rng, args.challenges, cities, themes, platforms)
    generate_companies(rng, args.companies, themes)


if __name__ == "__main__":
    main()
