"""Passage vectors in pgvector's table (search/pgvector.py), where the server has the extension.

On a PostgreSQL without pgvector (Debian's packages here) ``CREATE EXTENSION vector`` fails inside a
savepoint and nothing is created: search then scans the vectors stored with each document, exactly. Run
``manage.py search_vectors`` after installing pgvector later to create the table and fill it. SQLite: nothing.
"""

from django.db import migrations


def forward(apps, schema_editor):
    from haastemoottori.search import pgvector

    if pgvector.install(schema_editor.connection):
        pgvector.fill(schema_editor.connection)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP TABLE IF EXISTS search_vector")


class Migration(migrations.Migration):
    dependencies = [("search", "0004_matchfeedback_to_discovery")]
    operations = [migrations.RunPython(forward, backward)]
