"""The lexical index beside search_searchdocument, in each database's own full-text engine.

SQLite: an FTS5 table whose rowid is the document id (bm25 ranking). PostgreSQL: a ``tsvector`` column
built with the per-language text search configurations (finnish, swedish, english, simple for Voikko
lemmas), with a GIN index. Neither is a Django field: indexing.py and backends.py write and read them.
"""

from django.db import migrations

SQLITE_FORWARD = "CREATE VIRTUAL TABLE search_fts USING fts5(terms, tokenize = 'unicode61 remove_diacritics 0')"
SQLITE_BACKWARD = "DROP TABLE IF EXISTS search_fts"
PG_FORWARD = [
    "ALTER TABLE search_searchdocument ADD COLUMN tsv tsvector",
    "CREATE INDEX search_doc_tsv_idx ON search_searchdocument USING GIN (tsv)",
]
PG_BACKWARD = [
    "DROP INDEX IF EXISTS search_doc_tsv_idx",
    "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS tsv",
]


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
