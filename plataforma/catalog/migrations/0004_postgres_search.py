"""PostgreSQL full-text search for the Carta (acts only on PostgreSQL; a no-op elsewhere).

- the `unaccent` extension and the `pt_unaccent` text search configuration (a copy of
  `portuguese` whose words go through unaccent before the Portuguese stemmer);
- `catalog_service.search_vector`, a STORED generated tsvector column (title A, terms B, body C)
  computed by PostgreSQL from the folded search columns that publishing fills. It is not a model
  field: Django never writes it (PostgreSQL does, on every INSERT/UPDATE) and search/engines.py reads it
  with SQL. Storing it matters: ranking thousands of matches by recomputing to_tsvector on every
  query cost ~0.15 ms per matching row (300+ ms for a common word on 10,000 services);
- a partial GIN index on it for published services.

Columns the vector is computed from (search_title, search_terms, search_body) cannot change type
while the generated column exists: a later migration doing so must drop and re-add it.
"""

from django.db import migrations

VECTOR = (
    "setweight(to_tsvector('pt_unaccent'::regconfig, search_title), 'A') || "
    "setweight(to_tsvector('pt_unaccent'::regconfig, search_terms), 'B') || "
    "setweight(to_tsvector('pt_unaccent'::regconfig, search_body), 'C')"
)

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS pt_unaccent CASCADE",
    "CREATE TEXT SEARCH CONFIGURATION pt_unaccent (COPY = portuguese)",
    "ALTER TEXT SEARCH CONFIGURATION pt_unaccent "
    "ALTER MAPPING FOR hword, hword_part, word WITH unaccent, portuguese_stem",
    f"ALTER TABLE catalog_service ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ({VECTOR}) STORED",
    # Keep the vector in the table row (compressed if need be) rather than in the TOAST table:
    # reading it from TOAST for every candidate row made a common word 4x slower.
    "ALTER TABLE catalog_service ALTER COLUMN search_vector SET STORAGE MAIN",
    "CREATE INDEX catalog_service_search_vector ON catalog_service USING GIN (search_vector) WHERE is_published",
]

BACKWARD = [
    "DROP INDEX IF EXISTS catalog_service_search_vector",
    "ALTER TABLE catalog_service DROP COLUMN IF EXISTS search_vector",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS pt_unaccent",
    # The unaccent extension is left in place: other objects may depend on it.
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        with schema_editor.connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("catalog", "0003_audiences")]
    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD), elidable=False)]
