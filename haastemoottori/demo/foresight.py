"""Loads the foresight demo (``data/signals.json``): signals, clusters, candidate challenges, the ranked backlog and
the public "coming needs" page.

Everything goes through the services of the signals and backlog apps, acting as the person who would do it:
city staff record expert notes, strategy goals and foresight trends; residents suggest needs on the public site
and the city's editor accepts (and classifies) or rejects them, three wait for moderation; the signals are
embedded and clustered as the background task would; editors curate and name two cross-city clusters, promote
them and one signal to draft challenges, configure the recommended criteria, score, compare pairs and publish
two candidates with their reasons.

The observation dates in the file are day offsets from the loading day (negative = past). A resident's
suggestion is observed when it is sent, so its ``observed_at`` comes from the service's ``now``; the
``created_at`` timestamps of all signals are then backdated to the observation (only that timestamp), so the
lists and the daily suggestion limit read as if the signals came in over the year.
"""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path
from typing import Any

from django.utils import translation

from haastemoottori.accounts.models import User
from haastemoottori.backlog import services as backlog_services
from haastemoottori.backlog.models import Candidate, Criterion, ScoreSheet
from haastemoottori.challenges.services import challenge_update
from haastemoottori.organisations.models import Department, Organisation
from haastemoottori.signals import clustering
from haastemoottori.signals import services as signal_services
from haastemoottori.signals.models import Signal, SignalCluster
from haastemoottori.signals.services.clusters import cluster_merge, cluster_rename, signals_move
from haastemoottori.taxonomy.models import Theme

DATA_FILE = Path(__file__).parent / "data" / "signals.json"


def read_data() -> dict:
    return json.loads(DATA_FILE.read_text(encoding="utf-8"))


class ForesightLoader:
    def __init__(self, *, loader) -> None:
        self.loader = loader
        self.data = read_data()
        self.residents: dict[str, User] = {}
        self.signals: dict[str, Signal] = {}  # by the key in signals.json
        self.clusters: dict[str, SignalCluster] = {}
        self.candidates: dict[str, Candidate] = {}
        self.curation: list[str] = []  # what the editors had to fix by hand after automatic clustering

    def load(self) -> None:
        with translation.override("fi"):
            self._residents()
            for spec in self.data["signals"]:
                self.signals[spec["key"]] = self._signal(spec)
            clustering.cluster_pending()
            for spec in self.data["clusters"]:
                self.clusters[spec["key"]] = self._curate(spec)
            for spec in self.data["promotions"]:
                self.candidates[spec["key"]] = self._promote(spec)
            self._prioritise()
            for spec in self.data["publications"]:
                backlog_services.candidate_publish(
                    actor=self.user(spec["by"]),
                    candidate=self.candidates[spec["candidate"]],
                    public_reason=spec["reason"],
                    language=spec["language"],
                )
        sheets = ScoreSheet.objects.filter(submitted_at__isnull=False).count()
        curated = f" (curated by hand: {'; '.join(self.curation)})" if self.curation else ""
        self.loader.log(
            f"  {Signal.objects.accepted().count()} accepted signals, {Signal.objects.pending().count()} "
            f"waiting for moderation, {SignalCluster.objects.count()} clusters{curated}, "
            f"{Candidate.objects.count()} candidates, {sheets} score sheets, "
            f"{Candidate.objects.filter(published_at__isnull=False).count()} published"
        )

    # --- people and places --------------------------------------------------------------------------

    def user(self, key: str) -> User:
        return self.residents[key] if key in self.residents else User.objects.get(email=key)

    def at(self, days: int):
        return self.loader._at(days)

    def _residents(self) -> None:
        from .settings import DEMO_PASSWORD

        for spec in self.data["residents"]:
            self.residents[spec["key"]] = User.objects.create_user(
                spec["email"], DEMO_PASSWORD, full_name=spec["name"], preferred_language=spec["language"]
            )

    # --- signals ------------------------------------------------------------------------------------

    def _signal(self, spec: dict) -> Signal:
        city = Organisation.objects.get(slug=spec["city"])
        department = Department.objects.filter(organisation=city, slug=spec.get("department") or "").first()
        themes = list(Theme.objects.filter(slug__in=spec.get("themes", [])).order_by("pk"))
        observed = self.at(spec["observed"])
        if spec["source"] == Signal.Source.RESIDENT:
            signal = self._suggestion(spec, city, department, themes, observed)
        else:
            signal = signal_services.signal_create(
                actor=self.user(spec["author"]),
                city=city,
                source=spec["source"],
                title=spec["title"],
                language=spec["language"],
                text=spec["text"],
                department=department,
                themes=themes,
                location_name=spec.get("place", ""),
                latitude=spec.get("latitude"),
                longitude=spec.get("longitude"),
                evidence_url=spec.get("evidence_url", ""),
                observed_at=observed,
                now=self.loader.now,
            )
        Signal.objects.filter(pk=signal.pk).update(created_at=observed)
        return signal

    def _suggestion(self, spec: dict, city, department, themes, observed) -> Signal:
        """A resident's suggestion from the public form, then the city editor's decision and classification."""
        signal = signal_services.signal_suggest(
            actor=self.user(spec["author"]),
            city=city,
            title=spec["title"],
            text=spec["text"],
            language=spec["language"],
            location_name=spec.get("place", ""),
            theme=themes[0] if themes else None,
            evidence_url=spec.get("evidence_url", ""),
            now=observed,
        )
        Signal.objects.filter(pk=signal.pk).update(created_at=observed)  # before the next one's daily limit
        status = spec.get("status", Signal.Status.PENDING)
        if status == Signal.Status.PENDING:
            return signal
        editor = self.loader.editors[city.slug]
        decided = min(observed + timedelta(days=1), self.loader.now)
        if status == Signal.Status.REJECTED:
            return signal_services.signal_moderate(
                actor=editor, signal=signal, decision=signal_services.REJECT, reason=spec["reason"], now=decided
            )
        signal = signal_services.signal_moderate(
            actor=editor, signal=signal, decision=signal_services.ACCEPT, now=decided
        )
        # The editor classifies it (department, themes) and places it on the map when the resident named a place.
        coordinates = {"latitude": spec["latitude"], "longitude": spec["longitude"]} if "latitude" in spec else {}
        return signal_services.signal_update(
            actor=editor, signal=signal, department=department, themes=themes, **coordinates
        )

    # --- clusters -----------------------------------------------------------------------------------

    def _curate(self, spec: dict) -> SignalCluster:
        """Make the cluster of one need hold exactly its signals, as an editor would after reading it, and name it.
        With the multilingual model the automatic clusters need little or no fixing; what was fixed is logged."""
        editor = self.user(spec["by"])
        members = [self.signals[key].pk for key in spec["members"]]
        placed = dict(Signal.objects.filter(pk__in=members).values_list("pk", "cluster_id"))
        counts: dict[int, int] = {}  # cluster -> the need's signals in it, in the order the clusters first appear
        for pk in members:
            if placed[pk]:
                counts[placed[pk]] = counts.get(placed[pk], 0) + 1
        if not counts:
            raise RuntimeError(f"Clustering placed none of the signals of “{spec['key']}” in a cluster.")
        target = SignalCluster.objects.get(pk=max(counts, key=lambda c: counts[c]))  # the first one on a tie
        for other in sorted(set(counts) - {target.pk}):
            size = Signal.objects.filter(cluster_id=other).count()
            if 2 * counts[other] >= size:  # mostly this need: merge it (others are moved out below)
                cluster_merge(actor=editor, cluster=target, others=[other])
                self.curation.append(f"{spec['key']}: merged a cluster of {size}")
            else:
                chosen = sorted(pk for pk in members if placed[pk] == other)
                signals_move(actor=editor, signals=chosen, source=SignalCluster.objects.get(pk=other), target=target)
                self.curation.append(f"{spec['key']}: moved {len(chosen)} in")
        loose = sorted(pk for pk in members if placed[pk] is None)
        if loose:
            signals_move(actor=editor, signals=loose, source=None, target=target)
            self.curation.append(f"{spec['key']}: moved {len(loose)} in")
        strays = sorted(set(Signal.objects.filter(cluster=target).values_list("pk", flat=True)) - set(members))
        if strays:
            signals_move(actor=editor, signals=strays, source=target, target=None)
            self.curation.append(f"{spec['key']}: moved {len(strays)} out")
        return cluster_rename(actor=editor, cluster=target, name=spec["name"])

    # --- the backlog --------------------------------------------------------------------------------

    def _promote(self, spec: dict) -> Candidate:
        actor = self.user(spec["by"])
        source: dict[str, Any] = (
            {"cluster": self.clusters[spec["cluster"]]}
            if spec.get("cluster")
            else {"signal": self.signals[spec["signal"]]}
        )
        candidate = backlog_services.candidate_promote(
            actor,
            **source,
            lead=Organisation.objects.get(slug=spec["lead"]),
            co_owners=list(Organisation.objects.filter(slug__in=spec.get("co_owners", [])).order_by("slug")),
            language=spec["language"],
        )
        if spec.get("edit"):  # the promoter rewrites the draft before anyone else reads it
            challenge_update(actor=actor, challenge=candidate.challenge, **spec["edit"])
        return candidate

    def _prioritise(self) -> None:
        for spec in self.data["criteria"]:
            backlog_services.criteria_add_recommended(
                actor=self.user(spec["by"]), city=Organisation.objects.get(slug=spec["city"]), language="fi"
            )
        for spec in self.data["scores"]:
            city = Organisation.objects.get(slug=spec["city"])
            criteria = list(Criterion.objects.filter(organisation=city, active=True).order_by("position", "id"))
            backlog_services.score_sheet_save(
                actor=self.user(spec["scorer"]),
                candidate=self.candidates[spec["candidate"]],
                city=city,
                values={c.pk: v for c, v in zip(criteria, spec["values"], strict=True)},
                comment=spec["comment"],
                submit=True,
            )
        for spec in self.data["comparisons"]:
            backlog_services.comparison_record(
                actor=self.user(spec["voter"]),
                city=Organisation.objects.get(slug=spec["city"]),
                winner=self.candidates[spec["winner"]],
                loser=self.candidates[spec["loser"]],
            )
