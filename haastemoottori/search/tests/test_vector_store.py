"""Vectors in the database: one interface over pgvector (HNSW, SQL filters) and the exact scan.

The same expectations run on SQLite (exact scan), on PostgreSQL without pgvector (exact scan) and on
PostgreSQL with pgvector (.ci/run starts one with bin/pgvector-server and runs these tests against it), so a
passing run on each shows the same results on each. The pgvector-only tests skip where the database lacks
the extension, saying so.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from django.db import connection

from haastemoottori.challenges.models import Challenge
from haastemoottori.discovery import recommendations
from haastemoottori.search import embedding, pgvector, selectors, services, vectors
from haastemoottori.search.embeddings import get_embedder
from haastemoottori.search.models import SearchDocument

from .conftest import reindex

CHALLENGE = SearchDocument.Kind.CHALLENGE
ROOT = Path(__file__).resolve().parents[3]

TOPICS = {
    "water": ("Hulevesien hallinta", "Rankkasateet tulvivat keskustassa; hulevesien viivytys ja viherkatot."),
    "heat": ("Koulujen lämmitys", "Koulurakennusten lämmitysenergian kulutus ja maalämpö."),
    "meals": ("Kouluruoan hävikki", "Ruokahävikki kouluissa ja päiväkodeissa pienemmäksi."),
    "snow": ("Lumen auraus", "Katujen auraus ja liukkauden torjunta talvella."),
    "bikes": ("Kaupunkipyörät", "Kaupunkipyörien saatavuus ja pyöräpysäkit asemilla."),
}


def _require_pgvector():
    if not pgvector.available(connection):
        pytest.skip(
            "this database has no pgvector (SQLite, or PostgreSQL without the extension): "
            "run bin/pgvector-server and DATABASE_URL=$(bin/pgvector-server url h_NAME), as .ci/run does"
        )


@pytest.fixture
def corpus(region, make_challenge, publish):
    """Five published challenges on five topics, a draft on the first topic, all indexed and embedded."""
    made = {}
    for key, (title, summary) in TOPICS.items():
        made[key] = publish(make_challenge(title={"fi": title}, summary={"fi": summary}))
    made["draft"] = make_challenge(
        title={"fi": "Salainen hulevesien hallinta"}, summary={"fi": "Hulevesien viivytys ja viherkatot, luonnos."}
    )
    reindex()
    return made


def _names(corpus, ids):
    by_id = {c.pk: key for key, c in corpus.items()}
    return [by_id.get(i, i) for i in ids]


def _query(text):
    return get_embedder().embed_queries([text])[0]


def test_nearest_documents_same_on_every_database(corpus, settings):
    hits, background = vectors.semantic_neighbours(kind=CHALLENGE, query_vector=_query("hulevesien viivytys"))
    names = _names(corpus, [object_id for object_id, _score in hits])
    assert names[0] == "water"
    assert "draft" not in names and len(names) == 5  # every public challenge has a vector; the draft none here
    assert len(background) == 5  # the relevance floor's background: every public document's cosine
    # the same answer from the exact scan, whichever engine answered above
    settings.HAASTEMOOTTORI_VECTOR_ENGINE = "scan"
    scanned, scanned_background = vectors.semantic_neighbours(
        kind=CHALLENGE, query_vector=_query("hulevesien viivytys")
    )
    assert [i for i, _s in scanned] == [i for i, _s in hits]
    assert np.allclose([s for _i, s in scanned], [s for _i, s in hits], atol=1e-5)
    assert np.allclose(np.sort(scanned_background), np.sort(background), atol=1e-5)


def test_search_and_suggestions_same_on_every_database(corpus, region):
    assert _names(corpus, selectors.search_ids(kind=CHALLENGE, query="hulevesien viivytys"))[0] == "water"
    assert _names(corpus, selectors.search_ids(kind=CHALLENGE, query="koulujen lämmitys maalämpö"))[0] == "heat"
    assert _names(corpus, selectors.search_ids(kind=CHALLENGE, query="liukkauden torjunta"))[0] == "snow"
    company = region.company
    company.offering = {"fi": "Kaupunkipyörien huolto ja pyöräpysäkit"}
    company.save()
    reindex()
    found = [s.challenge.pk for s in recommendations.challenges_for_solver(organisation=company)]
    assert _names(corpus, found)[0] == "bikes" and corpus["draft"].pk not in found


def test_pgvector_answers_in_sql_and_filters_there(corpus):
    _require_pgvector()
    assert vectors.engine() == "pgvector"
    draft_doc = SearchDocument.objects.get(kind=CHALLENGE, object_id=corpus["draft"].pk)
    # give the draft a vector (as if it had been embedded): it is in the table, so only the SQL filter keeps it out
    matrix = get_embedder().embed_passages(["Hulevesien viivytys"])
    vectors.store([(draft_doc.pk, CHALLENGE, draft_doc.object_id, False, get_embedder().name, matrix)])
    SearchDocument.objects.filter(pk=draft_doc.pk).update(embedding_model=get_embedder().name)
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM search_vector WHERE doc_id = %s", [draft_doc.pk])
        assert cursor.fetchone()[0] == 1
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE tablename = 'search_vector' AND indexdef LIKE '%%hnsw%%'"
        )
        assert cursor.fetchall()  # the HNSW index of this dimension exists
    hits, _ = vectors.semantic_neighbours(kind=CHALLENGE, query_vector=_query("hulevesien viivytys"))
    assert corpus["draft"].pk not in [i for i, _s in hits]
    # the restriction (e.g. open stages, a city) is part of the same SQL
    only = SearchDocument.objects.filter(object_id__in=[corpus["snow"].pk, corpus["draft"].pk]).values("object_id")
    hits, _ = vectors.semantic_neighbours(kind=CHALLENGE, query_vector=_query("hulevesien viivytys"), restrict=only)
    assert [i for i, _s in hits] == [corpus["snow"].pk]


def test_unpublished_and_unlisted_never_returned(corpus, region):
    """Whatever the engine: a record that is not public is not a neighbour, even with a vector stored."""
    draft_doc = SearchDocument.objects.get(kind=CHALLENGE, object_id=corpus["draft"].pk)
    matrix = get_embedder().embed_passages(["Hulevesien viivytys"])
    SearchDocument.objects.filter(pk=draft_doc.pk).update(
        vectors=matrix.tobytes(), embedding_model=get_embedder().name, passages=[["Hulevesien viivytys", "fi"]]
    )
    vectors.store([(draft_doc.pk, CHALLENGE, draft_doc.object_id, False, get_embedder().name, matrix)])
    hidden = region.company
    hidden.offering = {"fi": "Hulevesien viivytys"}
    hidden.is_listed = False
    hidden.save()
    reindex()
    for kind, secret in ((CHALLENGE, corpus["draft"].pk), (SearchDocument.Kind.ORGANISATION, hidden.pk)):
        hits, _ = vectors.semantic_neighbours(kind=kind, query_vector=_query("hulevesien viivytys"))
        assert secret not in [i for i, _s in hits]
        assert secret not in selectors.search_ids(kind=kind, query="hulevesien viivytys")


def test_edit_found_without_restart_in_this_process(corpus):
    """No per-process copy to refresh or forget: the next query after the worker's run sees the new text."""
    query = _query("tuulivoimala merellä")
    assert _names(corpus, [i for i, _s in vectors.semantic_search(kind=CHALLENGE, query_vector=query)])[0] != "snow"
    _edit(corpus["snow"], "Tuulivoimala merellä", "Merelle rakennettava tuulivoimala ja sen huolto.")
    assert _names(corpus, [i for i, _s in vectors.semantic_search(kind=CHALLENGE, query_vector=query)])[0] == "snow"


def _edit(challenge, title, summary):
    Challenge.objects.filter(pk=challenge.pk).update(title={"fi": title}, summary={"fi": summary})
    challenge.refresh_from_db()
    services.search_index_schedule([challenge])  # what the challenge services do on every edit
    embedding.embed_dirty()  # the worker


READER = """
import json, sys
import django
django.setup()
from haastemoottori.search import selectors
for line in sys.stdin:
    print(json.dumps(selectors.search_ids(kind="challenge", query=line.strip())), flush=True)
"""


@pytest.mark.django_db(transaction=True)
def test_edit_found_by_another_running_process(corpus):
    """Another web process, started before the edit and never restarted, finds the new text once indexed."""
    if connection.vendor == "sqlite":
        pytest.skip("the SQLite test database lives in this process' memory: another process cannot open it")
    db = connection.settings_dict
    url = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "config.settings_test"}
    env["DATABASE_TEST_NAME"] = db["NAME"]
    reader = subprocess.Popen(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", READER], cwd=ROOT, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:

        def ask(query):
            assert reader.stdin is not None and reader.stdout is not None
            reader.stdin.write(query + "\n")
            reader.stdin.flush()
            return json.loads(reader.stdout.readline())

        assert corpus["snow"].pk not in ask("tuulivoimala merellä")
        assert ask("liukkauden torjunta")[0] == corpus["snow"].pk  # the reader has answered from the old text
        _edit(corpus["snow"], "Tuulivoimala merellä", "Merelle rakennettava tuulivoimala ja sen huolto.")
        assert ask("tuulivoimala merellä")[0] == corpus["snow"].pk
        assert corpus["snow"].pk not in ask("liukkauden torjunta")
    finally:
        assert reader.stdin is not None
        reader.stdin.close()
        reader.wait(timeout=60)
