"""Passage vectors in PostgreSQL with the pgvector extension: nearest neighbours in SQL, HNSW (cosine).

``search_vector`` holds one row per embedded passage of a search document (not a Django model, like the
lexical table of migration 0002): ``doc_id`` is the document's id, ``kind`` its kind, ``dims`` the vector's
length. The column is an unsized ``vector`` so that a change of embedding model needs no migration; each
dimension in use gets a partial expression index ``USING hnsw ((embedding::vector(D)) vector_cosine_ops)
WHERE dims = D``, created on the first write of that size. Whether a document may be found (``is_public``)
and which model embedded it are read from ``search_searchdocument`` in the same query, so they are never
out of step. The table exists only where ``CREATE EXTENSION vector`` succeeded (migration 0005);
``available()`` asks the database, so a PostgreSQL without pgvector runs the exact scan of vectors.py.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
from django.db import connection, transaction
from django.db.backends.base.base import BaseDatabaseWrapper

TABLE = "search_vector"
CREATE_TABLE = [
    "CREATE TABLE IF NOT EXISTS search_vector ("
    " doc_id bigint NOT NULL, passage smallint NOT NULL, kind varchar(20) NOT NULL, object_id bigint NOT NULL,"
    " is_public boolean NOT NULL, model varchar(80) NOT NULL, dims smallint NOT NULL, embedding vector NOT NULL,"
    " PRIMARY KEY (doc_id, passage))",
    "CREATE INDEX IF NOT EXISTS search_vector_kind_idx ON search_vector (kind, is_public, object_id)",
]
DROP_TABLE = "DROP TABLE IF EXISTS search_vector"
# HNSW visits about this many candidates per query at least (pgvector's default is 40); more when more are asked
EF_SEARCH_MIN = 100
EF_SEARCH_MAX = 1000
# The relevance floor needs the query's median cosine to the corpus: up to this many documents give it
BACKGROUND_SAMPLE = 2000


def _key(conn: BaseDatabaseWrapper) -> tuple[str, str]:
    return (conn.alias, str(conn.settings_dict.get("NAME")))


_version: dict[tuple[str, str], tuple[int, ...] | None] = {}


def version(conn: BaseDatabaseWrapper | None = None) -> tuple[int, ...] | None:
    """pgvector's version when this database has the extension and the vector table, else None."""
    conn = conn or connection
    if conn.vendor != "postgresql":
        return None
    key = _key(conn)
    if key not in _version:
        with conn.cursor() as cursor:
            cursor.execute(
                "SELECT extversion FROM pg_extension WHERE extname = 'vector' AND to_regclass(%s) IS NOT NULL", [TABLE]
            )
            row = cursor.fetchone()
        _version[key] = tuple(int(p) for p in row[0].split(".") if p.isdigit()) if row else None
    return _version[key]


def available(conn: BaseDatabaseWrapper | None = None) -> bool:
    return version(conn) is not None


def forget() -> None:
    """Ask the database again next time (after a migration or ``CREATE EXTENSION``)."""
    _version.clear()
    _indexed.clear()


def install(conn: BaseDatabaseWrapper) -> bool:
    """Create the extension and the table when the server has pgvector; False (nothing changed) when not."""
    if conn.vendor != "postgresql":
        return False
    try:
        with transaction.atomic(using=conn.alias), conn.cursor() as cursor:
            cursor.execute("CREATE EXTENSION IF NOT EXISTS vector")
    except Exception:  # no pgvector on this server (or no right to create it): the exact scan serves
        return False
    with conn.cursor() as cursor:
        for sql in CREATE_TABLE:
            cursor.execute(sql)
    forget()
    return True


def literal(vector: np.ndarray) -> str:
    """pgvector's text form; float32 values written exactly (repr of the float)."""
    return "[" + ",".join(map(repr, np.asarray(vector, dtype=np.float32).reshape(-1).tolist())) + "]"


_indexed: set[tuple[str, str, int]] = set()


def _ensure_index(conn: BaseDatabaseWrapper, cursor: object, dim: int) -> None:
    key = (*_key(conn), dim)
    if key in _indexed:
        return
    cursor.execute(  # type: ignore[attr-defined]
        f"CREATE INDEX IF NOT EXISTS search_vector_hnsw_{int(dim)} ON search_vector "
        f"USING hnsw ((embedding::vector({int(dim)})) vector_cosine_ops) WHERE dims = {int(dim)}"
    )
    _indexed.add(key)


# (document id, kind, object id, public, embedding model, (passages, dim) matrix or None)
Row = tuple[int, str, int, bool, str, np.ndarray | None]


def write(rows: Iterable[Row], conn: BaseDatabaseWrapper | None = None, *, index: bool = True) -> None:
    """Replace the passage vectors of these documents (``index=False``: the caller builds the HNSW index)."""
    conn = conn or connection
    rows = list(rows)
    if not rows:
        return
    with conn.cursor() as cursor:
        cursor.execute("DELETE FROM search_vector WHERE doc_id = ANY(%s)", [[row[0] for row in rows]])
        values = []
        for doc_id, kind, object_id, is_public, model, matrix in rows:
            if matrix is None or not len(matrix):
                continue
            if index:
                _ensure_index(conn, cursor, matrix.shape[1])
            values += [
                (doc_id, n, kind, object_id, is_public, model, matrix.shape[1], literal(vector))
                for n, vector in enumerate(matrix)
            ]
        if values:
            cursor.executemany(
                "INSERT INTO search_vector (doc_id, passage, kind, object_id, is_public, model, dims, embedding) "
                "VALUES (%s, %s, %s, %s, %s, %s, %s, %s::vector)",
                values,
            )


def set_public(public: list[int], hidden: list[int]) -> None:
    """Indexing decided again whether these documents may be found (same transaction as the documents)."""
    with connection.cursor() as cursor:
        for ids, flag in ((public, True), (hidden, False)):
            if ids:
                cursor.execute(
                    "UPDATE search_vector SET is_public = %s WHERE doc_id = ANY(%s) AND is_public <> %s",
                    [flag, ids, flag],
                )


def delete(doc_ids: list[int]) -> None:
    if doc_ids:
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM search_vector WHERE doc_id = ANY(%s)", [doc_ids])


def nearest(
    *, kind: str, model: str, query_vector: np.ndarray, limit: int, restrict_sql: tuple[str, list[Any]] | None
) -> list[tuple[int, float]]:
    """Public documents of ``kind`` by their best passage's cosine to the query, best first (HNSW)."""
    dim = len(query_vector)
    q = literal(query_vector)
    where, params = "", []  # type: tuple[str, list[Any]]
    if restrict_sql is not None:
        where, params = f" AND v.object_id IN ({restrict_sql[0]})", list(restrict_sql[1])
    take = limit * 2  # a document appears once per passage: room for several passages of the nearest ones
    ef = max(EF_SEARCH_MIN, min(EF_SEARCH_MAX, take))
    sql = (
        f"SELECT v.object_id, v.embedding::vector({dim}) <=> %s::vector({dim}) AS distance "  # noqa: S608 - dim is an int
        "FROM search_vector v "
        f"WHERE v.dims = {dim} AND v.kind = %s AND v.is_public AND v.model = %s{where} "
        f"ORDER BY v.embedding::vector({dim}) <=> %s::vector({dim}) LIMIT %s"
    )
    with transaction.atomic(), connection.cursor() as cursor:  # SET LOCAL lasts until the end of this block
        cursor.execute(f"SET LOCAL hnsw.ef_search = {int(ef)}")
        if (version() or ()) >= (0, 8):  # filtered queries keep scanning until LIMIT rows pass the filters
            cursor.execute("SET LOCAL hnsw.iterative_scan = relaxed_order")
        cursor.execute(sql, [q, kind, model, *params, q, take])
        best: dict[int, float] = {}
        for object_id, distance in cursor.fetchall():
            similarity = 1.0 - float(distance)
            if similarity > best.get(object_id, -np.inf):
                best[object_id] = similarity
    return sorted(best.items(), key=lambda item: (-item[1], item[0]))[:limit]


def background(*, kind: str, model: str, query_vector: np.ndarray) -> np.ndarray:
    """The query's best-passage cosine to every public document of ``kind`` (up to ``BACKGROUND_SAMPLE``
    of them), or to a fixed block sample of about that many in a larger corpus (``TABLESAMPLE SYSTEM ...
    REPEATABLE``: reads only the sampled pages), for the median of the relevance floor."""
    dim = len(query_vector)
    q = literal(query_vector)
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM search_searchdocument WHERE kind = %s AND is_public", [kind])
        total = cursor.fetchone()[0]
        sample = ""
        if total > BACKGROUND_SAMPLE:
            sample = f" TABLESAMPLE SYSTEM ({100.0 * BACKGROUND_SAMPLE / total:.4f}) REPEATABLE (0)"
        cursor.execute(
            f"SELECT max(1 - (v.embedding::vector({dim}) <=> %s::vector({dim}))) "  # noqa: S608 - numbers only
            f"FROM search_vector v{sample} "
            f"WHERE v.kind = %s AND v.dims = {dim} AND v.is_public AND v.model = %s "
            "GROUP BY v.doc_id",
            [q, kind, model],
        )
        return np.array([row[0] for row in cursor.fetchall()], dtype=np.float32)


def fill(conn: BaseDatabaseWrapper | None = None, *, chunk: int = 1000) -> int:
    """Copy the vectors stored with every document into the table (after ``install``); returns documents.
    The HNSW indexes are built once at the end (faster than growing them row by row)."""
    conn = conn or connection
    done, last, dims = 0, 0, set()
    with conn.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename = %s AND indexname LIKE %s", [TABLE, "%hnsw%"])
        for (name,) in cursor.fetchall():
            cursor.execute(f'DROP INDEX IF EXISTS "{name}"')
    _indexed.clear()
    while True:
        with conn.cursor() as cursor:
            cursor.execute(
                "SELECT id, kind, object_id, is_public, embedding_model, vectors, jsonb_array_length(passages) "
                "FROM search_searchdocument WHERE vectors IS NOT NULL AND id > %s ORDER BY id LIMIT %s",
                [last, chunk],
            )
            rows = cursor.fetchall()
        if not rows:
            break
        batch: list[Row] = []
        for doc_id, kind, object_id, is_public, model, data, n in rows:
            if n:
                matrix = np.frombuffer(bytes(data), dtype=np.float32).reshape(n, -1)
                dims.add(matrix.shape[1])
                batch.append((doc_id, kind, object_id, is_public, model, matrix))
        write(batch, conn, index=False)
        done += len(batch)
        last = rows[-1][0]
    with conn.cursor() as cursor:
        for dim in sorted(dims):
            _ensure_index(conn, cursor, dim)
    return done
