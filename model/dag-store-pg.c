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

#include <glib/gi18n-lib.h>
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

/* Who may see what (dagritme admin init-server): three group roles, and
 * for begeleiders views that leave out the BSN and every health field and
 * rows of other locations than theirs, so the server refuses them what
 * the window would not show.  Users are roles that log in and are members
 * of one of these; a begeleider's login is tied to their staff id in
 * staff_login. */
static const char access_sql[] =
  "DO $r$ BEGIN"
  " IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'dagritme_admin') THEN"
  "  CREATE ROLE dagritme_admin NOLOGIN; END IF;"
  " IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'dagritme_coordinator') THEN"
  "  CREATE ROLE dagritme_coordinator NOLOGIN; END IF;"
  " IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'dagritme_begeleider') THEN"
  "  CREATE ROLE dagritme_begeleider NOLOGIN; END IF;"
  "END $r$;"
  /* Which staff member a login is (filled by the administrator), and
   * what that begeleider may read of: the locations they work at, their
   * groups, the participants planned there.  SECURITY DEFINER: they read
   * the staffing and the plan as the owner does, whatever the row rules. */
  "CREATE TABLE IF NOT EXISTS staff_login (login TEXT PRIMARY KEY, staff TEXT NOT NULL);"
  "CREATE OR REPLACE FUNCTION dag_my_locations () RETURNS SETOF text LANGUAGE sql STABLE SECURITY DEFINER"
  " SET search_path FROM CURRENT AS $f$"
  "  SELECT DISTINCT g.location FROM staff_login l JOIN staffing s ON s.staff = l.staff"
  "   JOIN grp g ON g.id = s.grp WHERE l.login = session_user $f$;"
  "CREATE OR REPLACE FUNCTION dag_my_groups () RETURNS SETOF text LANGUAGE sql STABLE SECURITY DEFINER"
  " SET search_path FROM CURRENT AS $f$"
  "  SELECT id FROM grp WHERE location IN (SELECT dag_my_locations ()) $f$;"
  "CREATE OR REPLACE FUNCTION dag_my_participants () RETURNS SETOF text LANGUAGE sql STABLE SECURITY DEFINER"
  " SET search_path FROM CURRENT AS $f$"
  "  SELECT DISTINCT participant FROM plan WHERE grp IN (SELECT dag_my_groups ()) $f$;"
  "CREATE OR REPLACE VIEW participant_public AS"
  " SELECT rowid, id, name, ''::text AS birth_date, ''::text AS bsn, ''::text AS address,"
  "  NULL::double precision AS lat, NULL::double precision AS lon, municipality, transport,"
  "  0::bigint AS wheelchair, unavailable, preferred_days FROM participant"
  "  WHERE id IN (SELECT dag_my_participants ());"
  "CREATE OR REPLACE VIEW absence_public AS"
  " SELECT rowid, id, participant, from_date, to_date, NULL::text AS reason FROM absence"
  "  WHERE participant IN (SELECT dag_my_participants ());"
  "CREATE OR REPLACE VIEW staff_absence_public AS"
  " SELECT rowid, id, staff, from_date, to_date, NULL::text AS reason FROM staff_absence;"
  "CREATE OR REPLACE VIEW one_off_public AS"
  " SELECT rowid, id, kind, participant, staff, date, part, grp, NULL::text AS reason FROM one_off"
  "  WHERE (participant IS NULL OR participant IN (SELECT dag_my_participants ()))"
  "   AND (grp IS NULL OR grp IN (SELECT dag_my_groups ()));"
  /* The rows of the plan, the staffing and the runs: all for
   * administrators and coordinators, those of their locations for
   * begeleiders (the table's owner is not bound by these). */
  "DO $p$ DECLARE t text; BEGIN"
  " FOREACH t IN ARRAY ARRAY['plan', 'staffing', 'run', 'run_stop'] LOOP"
  "  EXECUTE format ('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);"
  "  EXECUTE format ('DROP POLICY IF EXISTS dag_all ON %I', t);"
  "  EXECUTE format ('CREATE POLICY dag_all ON %I TO dagritme_admin, dagritme_coordinator"
  "                   USING (true) WITH CHECK (true)', t);"
  "  EXECUTE format ('DROP POLICY IF EXISTS dag_begeleider ON %I', t);"
  " END LOOP;"
  "END $p$;"
  "CREATE POLICY dag_begeleider ON plan FOR SELECT TO dagritme_begeleider"
  " USING (grp IN (SELECT dag_my_groups ()));"
  "CREATE POLICY dag_begeleider ON staffing FOR SELECT TO dagritme_begeleider"
  " USING (grp IN (SELECT dag_my_groups ()));"
  "CREATE POLICY dag_begeleider ON run FOR SELECT TO dagritme_begeleider"
  " USING (location IN (SELECT dag_my_locations ()));"
  "CREATE POLICY dag_begeleider ON run_stop FOR SELECT TO dagritme_begeleider"
  " USING (participant IN (SELECT dag_my_participants ()) AND run IN (SELECT id FROM run));"
  "DO $g$ DECLARE s text := quote_ident (current_schema ()); BEGIN"
  " EXECUTE 'REVOKE ALL ON ALL TABLES IN SCHEMA ' || s || ' FROM PUBLIC';"
  " EXECUTE 'GRANT USAGE ON SCHEMA ' || s || ' TO dagritme_admin, dagritme_coordinator, dagritme_begeleider';"
  " EXECUTE 'GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ' || s"
  "  || ' TO dagritme_admin, dagritme_coordinator';"
  " EXECUTE 'GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA ' || s"
  "  || ' TO dagritme_admin, dagritme_coordinator';"
  "END $g$;"
  /* Coordinators: no declarations, but which months are final. */
  "REVOKE ALL ON declaration_line FROM dagritme_coordinator;"
  "REVOKE INSERT, UPDATE, DELETE ON declaration FROM dagritme_coordinator;"
  /* Begeleiders: read the plan and the staffing, nothing personal or
   * about health, write nothing. */
  "GRANT SELECT ON dagritme_schema, revision, organisation, settings, level, municipality, contract,"
  " product, staffel, location, location_part, closure, grp, group_product, staff, vehicle, plan,"
  " staffing, run, run_stop, declaration, participant_public, absence_public, staff_absence_public,"
  " one_off_public TO dagritme_begeleider;"
  /* …but for the stamps of their own calendar file. */
  "GRANT SELECT, INSERT, UPDATE, DELETE ON ical_event TO dagritme_begeleider;"
  "GRANT INSERT, DELETE ON revision TO dagritme_begeleider;"
  "GRANT USAGE, SELECT, UPDATE ON SEQUENCE dag_rowid TO dagritme_begeleider;";

const char *
dag_pg_access_sql (void)
{
  return access_sql;
}

gboolean
dag_store_create_database (const char *uri,
                           gboolean   *created,
                           GError    **error)
{
#ifdef HAVE_LIBPQ
  PQconninfoOption *options, *o;
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  g_autoptr(GPtrArray) values = g_ptr_array_new ();
  g_autofree char *dbname = NULL;
  char *message = NULL;
  PGconn *conn;
  PGresult *res;
  const char *params[1];
  gboolean ok = FALSE;

  *created = FALSE;
  options = PQconninfoParse (uri, &message);
  if (options == NULL)
    {
      g_autofree char *shown = dag_store_uri_for_display (uri);
      g_auto(GStrv) parts = g_strsplit (message ? message : uri, uri, -1);
      g_autofree char *why = g_strjoinv (shown, parts);

      /* libpq quotes the address it could not read, password and all. */
      g_set_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_OPEN, _("Not a database address: %s"), g_strchomp (why));
      PQfreemem (message);
      return FALSE;
    }
  /* The same server, its maintenance database. */
  for (o = options; o->keyword != NULL; o++)
    {
      if (g_str_equal (o->keyword, "dbname"))
        {
          dbname = g_strdup (o->val);
          continue;
        }
      if (o->val != NULL && *o->val != '\0')
        {
          g_ptr_array_add (keys, o->keyword);
          g_ptr_array_add (values, o->val);
        }
    }
  if (dbname == NULL || *dbname == '\0')
    {
      g_set_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_OPEN,
                   _("The address %s names no database"), uri);
      PQconninfoFree (options);
      return FALSE;
    }
  g_ptr_array_add (keys, (char *) "dbname");
  g_ptr_array_add (values, (char *) "postgres");
  g_ptr_array_add (keys, NULL);
  g_ptr_array_add (values, NULL);
  conn = PQconnectdbParams ((const char *const *) keys->pdata, (const char *const *) values->pdata, 0);
  PQconninfoFree (options);
  if (PQstatus (conn) != CONNECTION_OK)
    {
      g_autofree char *why = g_strdup (PQerrorMessage (conn));

      g_set_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_OPEN,
                   _("Cannot connect to the database server: %s"), g_strchomp (why));
      PQfinish (conn);
      return FALSE;
    }
  params[0] = dbname;
  res = PQexecParams (conn, "SELECT count (*) FROM pg_database WHERE datname = $1", 1, NULL, params, NULL, NULL, 0);
  if (PQresultStatus (res) == PGRES_TUPLES_OK && g_str_equal (PQgetvalue (res, 0, 0), "0"))
    {
      char *ident = PQescapeIdentifier (conn, dbname, strlen (dbname));
      /* The C collation: text sorts as in SQLite, whatever the server's
       * locale. */
      g_autofree char *sql = g_strdup_printf ("CREATE DATABASE %s TEMPLATE template0 ENCODING 'UTF8'"
                                              " LC_COLLATE 'C' LC_CTYPE 'C'", ident);

      PQfreemem (ident);
      PQclear (res);
      res = PQexec (conn, sql);
      ok = PQresultStatus (res) == PGRES_COMMAND_OK;
      *created = ok;
    }
  else
    ok = PQresultStatus (res) == PGRES_TUPLES_OK;
  if (!ok)
    {
      g_autofree char *why = g_strdup (PQerrorMessage (conn));

      g_set_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_OPEN,
                   _("Cannot create the database %s: %s"), dbname, g_strchomp (why));
    }
  PQclear (res);
  PQfinish (conn);
  return ok;
#else
  g_set_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_OPEN,
               _("This Dagritme was built without PostgreSQL; it cannot open %s"), uri);
  return FALSE;
#endif
}
