"""SQLite full-text search for the Carta (acts only on SQLite; a no-op elsewhere, like 0004).

- `catalog_service_fts`, an FTS5 external-content table over the folded search columns of
  `catalog_service` (search_title, search_terms, search_body) keyed by the table's implicit rowid.
  It stores only the index, not a second copy of the text. Tokenizer unicode61 with
  remove_diacritics 2 (the columns are already folded; this also folds anything that is not),
  prefix indexes of 2, 3 and 4 characters so that prefix queries ("licen*") stay cheap;
- triggers AFTER INSERT / AFTER UPDATE OF the three columns / AFTER DELETE on catalog_service that
  keep the index in sync (the FTS5 'delete' command removes a row's old terms);
- a rebuild that indexes the rows already there.

It is not a model: Django never writes it (the triggers do) and search/engines.py reads it with SQL.

Caveats for later migrations and operations on SQLite:
- A migration that makes Django rebuild `catalog_service` on SQLite (most AlterField /
  RemoveField operations copy it into a new table) drops these triggers and may renumber rowids.
  Such a migration must afterwards run this migration's FORWARD statements again (they can run
  twice: they drop and re-create the table and the triggers, then re-index every row).
  tests/test_search_index.py fails if the triggers are missing after all migrations.
- `VACUUM` may renumber the implicit rowids of tables without an INTEGER PRIMARY KEY (SQLite's
  documentation; current versions keep them in practice). After a VACUUM, re-index with
  `INSERT INTO catalog_service_fts(catalog_service_fts) VALUES('rebuild')`.
"""

from django.db import migrations

FORWARD = [
    "DROP TABLE IF EXISTS catalog_service_fts",
    "CREATE VIRTUAL TABLE catalog_service_fts USING fts5("
    "search_title, search_terms, search_body, "
    "content='catalog_service', content_rowid='rowid', "
    "tokenize='unicode61 remove_diacritics 2', prefix='2 3 4')",
    "DROP TRIGGER IF EXISTS catalog_service_fts_insert",
    "DROP TRIGGER IF EXISTS catalog_service_fts_update",
    "DROP TRIGGER IF EXISTS catalog_service_fts_delete",
    """CREATE TRIGGER catalog_service_fts_insert AFTER INSERT ON catalog_service BEGIN
        INSERT INTO catalog_service_fts(rowid, search_title, search_terms, search_body)
        VALUES (new.rowid, new.search_title, new.search_terms, new.search_body);
    END""",
    """CREATE TRIGGER catalog_service_fts_update
    AFTER UPDATE OF search_title, search_terms, search_body ON catalog_service BEGIN
        INSERT INTO catalog_service_fts(catalog_service_fts, rowid, search_title, search_terms, search_body)
        VALUES ('delete', old.rowid, old.search_title, old.search_terms, old.search_body);
        INSERT INTO catalog_service_fts(rowid, search_title, search_terms, search_body)
        VALUES (new.rowid, new.search_title, new.search_terms, new.search_body);
    END""",
    """CREATE TRIGGER catalog_service_fts_delete AFTER DELETE ON catalog_service BEGIN
        INSERT INTO catalog_service_fts(catalog_service_fts, rowid, search_title, search_terms, search_body)
        VALUES ('delete', old.rowid, old.search_title, old.search_terms, old.search_body);
    END""",
    "INSERT INTO catalog_service_fts(catalog_service_fts) VALUES ('rebuild')",
]

BACKWARD = [
    "DROP TRIGGER IF EXISTS catalog_service_fts_insert",
    "DROP TRIGGER IF EXISTS catalog_service_fts_update",
    "DROP TRIGGER IF EXISTS catalog_service_fts_delete",
    "DROP TABLE IF EXISTS catalog_service_fts",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "sqlite":
            return
        with schema_editor.connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("catalog", "0004_postgres_search")]
    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD), elidable=False)]
