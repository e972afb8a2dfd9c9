"""The lexical index beside search_searchdocument, in each database's own full-text engine.

SQLite: an FTS5 table whose rowid is the document id (bm25 ranking). PostgreSQL: a narrow table of
``tsvector``s built with the per-language text search configurations (finnish, swedish, english, simple
for Voikko lemmas), with a GIN index; narrow, because a word found in most documents makes Postgres scan
it, and scanning the wide document rows took twice as long. Neither is a Django model: indexing.py
writes them and lexical.py reads them.
"""

from django.db import migrations

SQLITE_FORWARD = "CREATE VIRTUAL TABLE search_fts USING fts5(terms, tokenize = 'unicode61 remove_diacritics 0')"
SQLITE_BACKWARD = "DROP TABLE IF EXISTS search_fts"
PG_FORWARD = [
    "CREATE TABLE search_lexical ("
    " doc_id bigint PRIMARY KEY,"
    " kind varchar(20) NOT NULL, object_id bigint NOT NULL, is_public boolean NOT NULL, tsv tsvector NOT NULL)",
    "CREATE INDEX search_lexical_tsv_idx ON search_lexical USING GIN (tsv)",
]
PG_BACKWARD = ["DROP TABLE IF EXISTS search_lexical"]


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(SQLITE_FORWARD)
    elif vendor == "postgresql":
        for sql in PG_FORWARD:
            schema_editor.execute(sql)


def backward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(SQLITE_BACKWARD)
    elif vendor == "postgresql":
        for sql in PG_BACKWARD:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]
    operations = [migrations.RunPython(forward, backward)]
