"""Calibrate the relevance floor for semantic-only search hits (haastemoottori/search/relevance.py).

Corpus: the demo challenges (haastemoottori/demo/data/challenges.json), one passage each as the index
builds it (title, summary, problem, desired outcome in the original language, ≤1,200 characters).
Queries, written for this bench in fi/sv/en: ones that should find a named challenge (paraphrases, most
in another language than the challenge, so the hit is semantic) and ones that should find nothing
(nonsense strings, out-of-domain questions, city needs that no demo challenge is about).

For each query: the cosine of the target challenge (should-match) or of the best challenge (should-not),
minus the query's best background cosine (relevance.BACKGROUND_TEXTS), minus the median cosine of the
corpus (alone, and pooled with the background texts as the product does below
relevance.MIN_CORPUS documents), and the mean of both margins (the product's rule, relevance.passes).
A threshold is chosen on one half
of the queries (even positions in each list) and reported on the other half (odd positions), next to the
same procedure on the plain absolute cosine (no background). Uses the real model:

    .venv/bin/python bench/relevance_floor.py [--embedder haastemoottori.search.embeddings.E5Embedder]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# target slug -> queries that should find it (semantic paraphrases, mostly cross-lingual)
SHOULD_MATCH: list[tuple[str, str]] = [
    ("kera-purkumateriaalit", "reuse of concrete elements from demolished buildings"),
    ("kera-purkumateriaalit", "återanvändning av byggdelar från rivna hus"),
    ("kera-purkumateriaalit", "rakennusosien kierrätys purkutyömailta"),
    ("aviapolis-viimeinen-kilometri", "zero-emission parcel delivery in the last mile"),
    ("aviapolis-viimeinen-kilometri", "utsläppsfri paketleverans till kunder"),
    ("aviapolis-viimeinen-kilometri", "päästöttömät pakettikuljetukset"),
    ("koulujen-kysyntajousto", "flexible electricity use in school buildings"),
    ("koulujen-kysyntajousto", "efterfrågeflexibilitet för el i skolor och daghem"),
    ("jatkasaari-lastausalueet", "loading bays for delivery trucks in a busy district"),
    ("jatkasaari-lastausalueet", "lastplatser för varutransporter i realtid"),
    ("tyopaikan-kielipolku", "learning Finnish at work for immigrants"),
    ("tyopaikan-kielipolku", "språkinlärning på arbetsplatsen för invandrare"),
    ("kivisto-hulevedet", "rainwater flooding in streets and green infrastructure"),
    ("kivisto-hulevedet", "dagvattenhantering på gröna gator"),
    ("kivisto-hulevedet", "sadevesien hallinta kaduilla"),
    ("keilaniemi-autonominen-syottoliikenne", "self-driving shuttle bus from the metro station"),
    ("keilaniemi-autonominen-syottoliikenne", "självkörande buss till tunnelbanan"),
    ("ikaihmisten-etaryhmat", "loneliness of elderly people, online group activities"),
    ("ikaihmisten-etaryhmat", "ensamhet bland äldre och distansgrupper"),
    ("erityisoppilaiden-koulukuljetukset", "route planning for school taxis of special needs pupils"),
    ("erityisoppilaiden-koulukuljetukset", "skolskjutsar för elever med särskilda behov"),
    ("koulujen-poistotekstiilit", "recycling old textiles from schools"),
    ("koulujen-poistotekstiilit", "återvinning av kasserade textilier"),
    ("liukkauden-ennakointi", "forecasting icy sidewalks and cycle paths in winter"),
    ("liukkauden-ennakointi", "halka på gång- och cykelvägar"),
    ("paivakotien-tilat-ja-sisailma", "indoor air quality sensors in kindergartens"),
    ("paivakotien-tilat-ja-sisailma", "inomhusluft och beläggning i daghem"),
    ("taloyhtioiden-energiaremontit", "energy renovation decisions in apartment buildings"),
    ("taloyhtioiden-energiaremontit", "energirenovering i bostadsbolag"),
    ("pienet-hukkalammonlahteet", "recovering waste heat from small sources in public buildings"),
    ("pienet-hukkalammonlahteet", "spillvärme från små källor i stadens byggnader"),
    ("oppimisen-tuen-varhainen-tunnistaminen", "early detection of pupils who need learning support"),
    ("oppimisen-tuen-varhainen-tunnistaminen", "tidig identifiering av stödbehov i grundskolan"),
    ("lahiokeskusten-tyhjat-liiketilat", "vacant shop premises in suburban centres"),
    ("lahiokeskusten-tyhjat-liiketilat", "tomma affärslokaler i förortscentrum"),
]

# queries that should find nothing in this corpus
SHOULD_NOT_MATCH: list[str] = [
    "zzzqqxx",
    "asdfghjkl",
    "qwerty uiop",
    "xyzzy plugh",
    "blorf gnarp",
    "kjhgf lkjh",
    "aaaaaaa",
    "123456789",
    "mjölkpaket",
    "suklaakakun resepti",
    "chocolate cake recipe",
    "hockey world championship results",
    "jääkiekon tulokset",
    "Taylor Swift concert tickets",
    "konsertbiljetter till Taylor Swift",
    "how to knit a scarf",
    "hur man stickar en halsduk",
    "kissanruoka tarjous",
    "best pizza in Naples",
    "Harry Potter kirjat",
    "horoskop för vecka 12",
    "cheap flights to Bangkok",
    "halvat lennot Thaimaahan",
    "gitarrlektioner för nybörjare",
    "medieval castles of Scotland",
    "dinosaurusten sukupuutto",
    "quantum chromodynamics lecture notes",
    "vintage stamp collection",
    "sienestys syksyllä",
    "fiskeresa till Lappland",
]


def passage(challenge: dict) -> str:
    lang = challenge["original_language"]
    parts = [(challenge.get(f) or {}).get(lang) or "" for f in ("title", "summary", "problem", "desired_outcome")]
    return "\n".join(p for p in parts if p)[:1200]


def short_passage(challenge: dict) -> str:
    lang = challenge["original_language"]
    return (challenge["title"].get(lang) or "") + "\n" + (challenge["summary"].get(lang) or "")[:150]


def choose(pos: np.ndarray, neg: np.ndarray) -> float:
    """The threshold with the best balanced accuracy on these scores (midpoint between neighbours)."""
    values = np.unique(np.concatenate([pos, neg]))
    cands = np.concatenate([[values[0] - 1e-3], (values[:-1] + values[1:]) / 2, [values[-1] + 1e-3]])
    best, best_t = -1.0, 0.0
    for t in cands:
        acc = (np.mean(pos >= t) + np.mean(neg < t)) / 2
        if acc > best:
            best, best_t = acc, float(t)
    return best_t


def report(name: str, pos: np.ndarray, neg: np.ndarray, t: float) -> str:
    return (
        f"{name:<40} threshold {t:.4f}: "
        f"should-match kept {np.mean(pos >= t):.2f} ({int(np.sum(pos >= t))}/{len(pos)}), "
        f"should-not empty {np.mean(neg < t):.2f} ({int(np.sum(neg < t))}/{len(neg)})"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--embedder", default="haastemoottori.search.embeddings.E5Embedder")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ["HAASTEMOOTTORI_EMBEDDER"] = args.embedder
    import django

    django.setup()
    from haastemoottori.search import relevance
    from haastemoottori.search.embeddings import get_embedder

    challenges = json.loads((ROOT / "haastemoottori/demo/data/challenges.json").read_text())
    slugs = [c["slug"] for c in challenges]
    embedder = get_embedder()
    started = time.monotonic()
    pos_q = embedder.embed_queries([q for _, q in SHOULD_MATCH])
    neg_q = embedder.embed_queries(SHOULD_NOT_MATCH)
    corpora = {
        "product passages (≤1,200 characters)": embedder.embed_passages([passage(c) for c in challenges]),
        "short passages (title + 150 characters)": embedder.embed_passages([short_passage(c) for c in challenges]),
    }
    print(
        f"{embedder.name}: {len(challenges)} challenges, {len(SHOULD_MATCH)} should-match and "
        f"{len(SHOULD_NOT_MATCH)} should-not queries, embedded in {time.monotonic() - started:.1f} s"
    )
    for label, docs in corpora.items():
        print(f"\n## {label}")
        evaluate(relevance, slugs, docs, pos_q, neg_q)


def evaluate(relevance, slugs: list[str], docs: np.ndarray, pos_q: np.ndarray, neg_q: np.ndarray) -> None:
    bgs_pos = np.array([relevance.background_similarities(v) for v in pos_q])
    bgs_neg = np.array([relevance.background_similarities(v) for v in neg_q])
    bg_pos = np.array([relevance.background_similarity(v) for v in pos_q])  # the product's aggregate (mean)
    bg_neg = np.array([relevance.background_similarity(v) for v in neg_q])
    sims_pos = pos_q @ docs.T
    sims_neg = neg_q @ docs.T
    target = np.array([sims_pos[i, slugs.index(slug)] for i, (slug, _) in enumerate(SHOULD_MATCH)])
    top1 = np.mean([slugs[int(np.argmax(sims_pos[i]))] == slug for i, (slug, _) in enumerate(SHOULD_MATCH)])
    best_neg = sims_neg.max(axis=1)
    print(f"target challenge is the nearest for {top1:.2f} of should-match queries")
    print(
        f"absolute cosine: should-match target mean {target.mean():.3f} (min {target.min():.3f}); "
        f"should-not best mean {best_neg.mean():.3f} (max {best_neg.max():.3f})"
    )
    margin_pos, margin_neg = target - bg_pos, best_neg - bg_neg
    print(
        f"margin over background: should-match mean {margin_pos.mean():.3f} (min {margin_pos.min():.3f}); "
        f"should-not mean {margin_neg.mean():.3f} (max {margin_neg.max():.3f})"
    )
    # tried alongside: the margin over the corpus' median cosine for the same query (needs a corpus of
    # varied topics) and the mean of the two margins
    med_pos = target - np.median(sims_pos, axis=1)
    med_neg = best_neg - np.median(sims_neg, axis=1)
    max_pos, max_neg = target - bgs_pos.max(axis=1), best_neg - bgs_neg.max(axis=1)
    # tried: the corpus always pooled with the background texts (the product pools below MIN_CORPUS only)
    pmed_pos_all = np.median(np.concatenate([sims_pos, bgs_pos], axis=1), axis=1)
    pmed_neg_all = np.median(np.concatenate([sims_neg, bgs_neg], axis=1), axis=1)
    pmed_pos, pmed_neg = target - pmed_pos_all, best_neg - pmed_neg_all
    features = (
        ("absolute cosine", target, best_neg),
        ("margin over nearest background", max_pos, max_neg),
        ("nearest background, both margins", (max_pos + med_pos) / 2, (max_neg + med_neg) / 2),
        ("margin over background mean", margin_pos, margin_neg),
        ("margin over corpus median", med_pos, med_neg),
        ("background mean, both margins", (margin_pos + med_pos) / 2, (margin_neg + med_neg) / 2),
        ("background mean, always pooled median", (margin_pos + pmed_pos) / 2, (margin_neg + pmed_neg) / 2),
    )
    for name, pos, neg in features:
        t = choose(pos[0::2], neg[0::2])
        print(report(name + " (tune)", pos[0::2], neg[0::2], t))
        print(report(name + " (test)", pos[1::2], neg[1::2], t))
    # the rule as the product applies it (relevance.passes), with the configured floor, on every query
    floor = relevance.semantic_floor()
    med_p = [relevance.pooled_median(sims_pos[i], bgs_pos[i]) for i in range(len(target))]
    med_n = [relevance.pooled_median(sims_neg[i], bgs_neg[i]) for i in range(len(best_neg))]
    kept = [relevance.passes(target[i], bg_pos[i], med_p[i], floor) for i in range(len(target))]
    empty = [not relevance.passes(best_neg[i], bg_neg[i], med_n[i], floor) for i in range(len(best_neg))]
    print(
        f"product rule, floor {floor}, all queries: should-match kept {np.mean(kept):.2f} ({sum(kept)}/{len(kept)}), "
        f"should-not empty {np.mean(empty):.2f} ({sum(empty)}/{len(empty)})"
    )
    for i in np.argsort(margin_neg)[::-1][:5]:
        print(f"  hardest should-not: {SHOULD_NOT_MATCH[i]!r} margin {margin_neg[i]:.3f}")
    for i in np.argsort(margin_pos)[:5]:
        print(f"  hardest should-match: {SHOULD_MATCH[i][1]!r} margin {margin_pos[i]:.3f}")


if __name__ == "__main__":
    main()
