/* dag-store-pg.c — every line of SQL that only PostgreSQL runs, and the
 * translation of the SQL both backends share.
 *
 * The store's SQL is written for SQLite and kept to what PostgreSQL also
 * takes, but for three things handled here:
 *  - parameters: SQLite's ? and ?N become $N;
 *  - types in the migrations: REAL is a 4-byte float in PostgreSQL, so it
 *    becomes DOUBLE PRECISION; INTEGER becomes BIGINT (SQLite's integers
 *    are 64-bit);
 *  - rowid: SQLite gives every row one, in insertion order, and the store
 *    uses it to keep the order rows were written in and to address a row.
 *    Every PostgreSQL table gets a rowid column filled by a trigger from
 *    one sequence (an explicit rowid is kept, and moves the sequence on);
 *    where SQLite's rowid is the id (INTEGER PRIMARY KEY), id is filled
 *    the same way and rowid follows it. */

#include "config.h"

#include <string.h>

#include "dag-store-backend.h"

gboolean
dag_pg_is_uri (const char *where)
{
  return where != NULL &&
         (g_str_has_prefix (where, "postgresql://") || g_str_has_prefix (where, "postgres://"));
}

char *
dag_pg_translate (const char *sql,
                  int        *n_params)
{
  GString *out = g_string_sized_new (strlen (sql) + 16);
  int next = 0, max = 0;
  char quote = 0;

  for (const char *p = sql; *p; p++)
    {
      if (quote != 0)
        {
          if (*p == quote)
            quote = 0;
          g_string_append_c (out, *p);
          continue;
        }
      if (*p == '\'' || *p == '"')
        {
          quote = *p;
          g_string_append_c (out, *p);
          continue;
        }
      if (*p != '?')
        {
          g_string_append_c (out, *p);
          continue;
        }
      if (g_ascii_isdigit (p[1]))
        {
          int n = 0;

          while (g_ascii_isdigit (p[1]))
            n = n * 10 + (*++p - '0');
          g_string_append_printf (out, "$%d", n);
          max = MAX (max, n);
        }
      else
        {
          g_string_append_printf (out, "$%d", ++next);
          max = MAX (max, next);
        }
    }
  *n_params = max;
  return g_string_free (out, FALSE);
}

/* Replaces every whole-word from in s by to. */
static void
replace_word (GString    *s,
              const char *from,
              const char *to)
{
  gsize len = strlen (from);
  gsize i = 0;

  while (i < s->len)
    {
      char *hit = strstr (s->str + i, from);
      gsize at;

      if (hit == NULL)
        break;
      at = (gsize) (hit - s->str);
      if ((at > 0 && (g_ascii_isalnum (s->str[at - 1]) || s->str[at - 1] == '_')) ||
          g_ascii_isalnum (s->str[at + len]) || s->str[at + len] == '_')
        {
          i = at + len;
          continue;
        }
      g_string_erase (s, (gssize) at, (gssize) len);
      g_string_insert (s, (gssize) at, to);
      i = at + strlen (to);
    }
}

/* Migration 2 → 3 finds the Monday of the earliest date with SQLite's date
 * functions; this is the same in PostgreSQL's. */
static const char earliest_sqlite[] =
  "CREATE TEMP TABLE earliest AS SELECT MIN(d) AS d FROM ("
  "  SELECT MIN(date) AS d FROM attendance UNION ALL"
  "  SELECT MIN(date) FROM run UNION ALL"
  "  SELECT MIN(from_date) FROM absence UNION ALL"
  "  SELECT MIN(start_date) FROM indication);"
  "UPDATE earliest SET d = date(d, '-' || ((CAST(strftime('%w', d) AS INTEGER) + 6) % 7) || ' days')"
  "  WHERE d IS NOT NULL;";
static const char earliest_pg[] =
  "CREATE TEMP TABLE earliest AS SELECT MIN(d) AS d FROM ("
  "  SELECT MIN(date) AS d FROM attendance UNION ALL"
  "  SELECT MIN(date) FROM run UNION ALL"
  "  SELECT MIN(from_date) FROM absence UNION ALL"
  "  SELECT MIN(start_date) FROM indication) AS dates;"
  "UPDATE earliest SET d = to_char(date_trunc('week', d::date), 'YYYY-MM-DD')"
  "  WHERE d IS NOT NULL;";

char *
dag_pg_migration (int         version,
                  const char *sqlite_sql)
{
  GString *s = g_string_new (sqlite_sql);
  char *hit = strstr (s->str, earliest_sqlite);

  if (hit != NULL)
    {
      gsize at = (gsize) (hit - s->str);

      g_string_erase (s, (gssize) at, (gssize) strlen (earliest_sqlite));
      g_string_insert (s, (gssize) at, earliest_pg);
    }
  replace_word (s, "INTEGER PRIMARY KEY AUTOINCREMENT", "BIGINT PRIMARY KEY");
  replace_word (s, "INTEGER", "BIGINT");
  replace_word (s, "REAL", "DOUBLE PRECISION");
  (void) version;
  return g_string_free (s, FALSE);
}

/* Run after each migration: gives tables made by it their rowid. */
static const char rowid_sql[] =
  "CREATE SEQUENCE IF NOT EXISTS dag_rowid;"
  "CREATE OR REPLACE FUNCTION dag_rowid () RETURNS trigger LANGUAGE plpgsql AS $f$"
  " BEGIN"
  "  IF NEW.rowid IS NULL THEN"
  "   NEW.rowid := nextval ('dag_rowid');"
  "  ELSIF NEW.rowid >= (SELECT last_value FROM dag_rowid) THEN"
  "   PERFORM setval ('dag_rowid', NEW.rowid);"
  "  END IF;"
  "  RETURN NEW;"
  " END $f$;"
  "CREATE OR REPLACE FUNCTION dag_rowid_id () RETURNS trigger LANGUAGE plpgsql AS $f$"
  " BEGIN"
  "  IF NEW.id IS NULL THEN"
  "   NEW.id := nextval ('dag_rowid');"
  "  ELSIF NEW.id >= (SELECT last_value FROM dag_rowid) THEN"
  "   PERFORM setval ('dag_rowid', NEW.id);"
  "  END IF;"
  "  NEW.rowid := NEW.id;"
  "  RETURN NEW;"
  " END $f$;"
  "DO $d$ DECLARE t record; BEGIN"
  " FOR t IN SELECT c.relname FROM pg_class c"
  "   WHERE c.relkind = 'r' AND c.relnamespace = current_schema ()::regnamespace"
  "     AND c.relname <> 'dagritme_schema'"
  "     AND NOT EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'rowid'"
  "                     AND NOT a.attisdropped)"
  " LOOP"
  "  EXECUTE format ('ALTER TABLE %I ADD COLUMN rowid BIGINT', t.relname);"
  "  IF t.relname IN ('absence', 'one_off', 'staff_absence', 'revision', 'audit') THEN"
  "   EXECUTE format ('UPDATE %I SET rowid = id', t.relname);"
  "   EXECUTE format ('CREATE TRIGGER %I BEFORE INSERT ON %I FOR EACH ROW EXECUTE FUNCTION dag_rowid_id ()',"
  "                   t.relname || '_rowid', t.relname);"
  "  ELSE"
  "   EXECUTE format ('UPDATE %I SET rowid = nextval (''dag_rowid'')', t.relname);"
  "   EXECUTE format ('CREATE TRIGGER %I BEFORE INSERT ON %I FOR EACH ROW EXECUTE FUNCTION dag_rowid ()',"
  "                   t.relname || '_rowid', t.relname);"
  "  END IF;"
  "  EXECUTE format ('CREATE UNIQUE INDEX %I ON %I (rowid)', t.relname || '_rowid', t.relname);"
  " END LOOP;"
  " PERFORM setval ('dag_rowid', greatest ((SELECT last_value FROM dag_rowid),"
  "                 coalesce ((SELECT max (id) FROM audit), 1)));"
  "END $d$;";

const char *
dag_pg_rowid_sql (void)
{
  return rowid_sql;
}

int
dag_pg_code (const char *sqlstate)
{
  if (sqlstate == NULL)
    return SQLITE_ERROR;
  if (g_str_has_prefix (sqlstate, "23"))
    return SQLITE_CONSTRAINT;
  if (g_str_equal (sqlstate, "53100"))
    return SQLITE_FULL;
  if (g_str_equal (sqlstate, "42501"))
    return SQLITE_PERM;
  if (g_str_equal (sqlstate, "25006"))
    return SQLITE_READONLY;
  if (g_str_equal (sqlstate, "55P03") || g_str_equal (sqlstate, "40001") || g_str_equal (sqlstate, "40P01"))
    return SQLITE_BUSY;
  if (g_str_has_prefix (sqlstate, "08") || g_str_has_prefix (sqlstate, "57P"))
    return SQLITE_IOERR;
  return SQLITE_ERROR;
}
