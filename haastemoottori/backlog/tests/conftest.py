"""Signals and a cross-city cluster written for the backlog tests, and helpers to promote and score."""

from datetime import UTC, datetime

import pytest

from conftest import make_user
from haastemoottori.backlog import services
from haastemoottori.organisations.models import Department
from haastemoottori.signals.models import Signal, SignalCluster


def when(day: int) -> datetime:
    return datetime(2025, 3, day, 12, 0, tzinfo=UTC)


def make_signal(
    city,
    title,
    *,
    status="accepted",
    cluster=None,
    author=None,
    department=None,
    themes=(),
    source="expert",
    language="fi",
    text="",
    evidence_url="",
    day=1,
):
    signal = Signal.objects.create(
        city=city,
        title=title,
        text=text,
        status=status,
        cluster=cluster,
        author=author,
        department=department,
        source=source,
        language=language,
        evidence_url=evidence_url,
        observed_at=when(day),
    )
    signal.themes.set(themes)
    return signal


@pytest.fixture
def world(region):
    """A cluster about indoor air in schools: three accepted signals from Espoo and Vantaa (two by the same Espoo
    member, one by a Swedish-speaking resident), one pending and one rejected suggestion by other residents."""
    people = dict(region.people)
    people["resident"] = make_user("resident@example.test", preferred_language="sv")
    people["pending_resident"] = make_user("pending@example.test")
    people["rejected_resident"] = make_user("rejected@example.test")
    env = Department.objects.create(
        organisation=region.espoo,
        slug="ymparisto",
        name={"fi": "Ympäristökeskus", "sv": "Miljöcentralen", "en": "Environment"},
    )
    edu = Department.objects.create(
        organisation=region.vantaa, slug="kasvatus", name={"fi": "Kasvatus ja oppiminen", "en": "Education"}
    )
    sdg, carbon = region.themes
    cluster = SignalCluster.objects.create(
        name={"fi": "Koulujen sisäilma", "sv": "Inomhusluft i skolor"}, signal_count=3, city_count=2, department_count=2
    )
    s1 = make_signal(
        region.espoo,
        "Sisäilmaongelmia Tapiolan koulussa",
        cluster=cluster,
        author=people["espoo_member"],
        department=env,
        themes=[sdg],
        text="Oppilaat oireilevat syksyisin.",
        evidence_url="https://example.test/mittaukset",
        day=3,
    )
    s2 = make_signal(
        region.vantaa,
        "Dålig luft i skolan",
        cluster=cluster,
        author=people["resident"],
        source="resident",
        language="sv",
        department=edu,
        themes=[carbon],
        text="Barnen har huvudvärk.",
        day=2,
    )
    s3 = make_signal(
        region.espoo,
        "Ilmanvaihto ei riitä",
        cluster=cluster,
        author=people["espoo_member"],
        department=env,
        themes=[sdg],
        day=1,
    )
    pending = make_signal(
        region.espoo,
        "Odottava ehdotus",
        cluster=cluster,
        author=people["pending_resident"],
        status="pending",
        source="resident",
        day=4,
    )
    rejected = make_signal(
        region.vantaa,
        "Hylätty ehdotus",
        cluster=cluster,
        author=people["rejected_resident"],
        status="rejected",
        source="resident",
        day=5,
    )

    class World:
        pass

    w = World()
    w.region, w.people, w.cluster, w.env, w.edu = region, people, cluster, env, edu
    w.s1, w.s2, w.s3, w.pending, w.rejected = s1, s2, s3, pending, rejected
    w.espoo, w.vantaa, w.helsinki = region.espoo, region.vantaa, region.helsinki
    return w


def promote(w, *, actor="espoo_owner", lead=None, co_owners=(), cluster=True, signal=None, language="fi", **extra):
    return services.candidate_promote(
        w.people[actor],
        cluster=w.cluster if cluster and signal is None else None,
        signal=signal,
        lead=lead or w.espoo,
        co_owners=list(co_owners),
        language=language,
        **extra,
    )


def criteria(w, city=None, specs=((3, 5), (1, 5))):
    """Criteria ``(weight, scale_max)`` for the city (Espoo by default), created by its editor."""
    city = city or w.espoo
    editor = w.people["espoo_owner"] if city == w.espoo else w.people[f"{city.slug}_owner"]
    return [
        services.criterion_create(
            actor=editor, city=city, name={"fi": f"Kriteeri {i}"}, weight=weight, scale_max=scale, language="fi"
        )
        for i, (weight, scale) in enumerate(specs, start=1)
    ]


def sheet(w, who, candidate, values, *, city=None, submit=True, comment=""):
    return services.score_sheet_save(
        actor=w.people[who],
        candidate=candidate,
        city=city or w.espoo,
        values={c.pk: v for c, v in values.items()},
        comment=comment,
        submit=submit,
    )


def single_candidate(w, title, *, actor="espoo_owner", lead=None, day=10):
    """A candidate promoted from a fresh accepted signal of the lead city."""
    lead = lead or w.espoo
    signal = make_signal(lead, title, day=day)
    return services.candidate_promote(w.people[actor], signal=signal, lead=lead, language="fi")
