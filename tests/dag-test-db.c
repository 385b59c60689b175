/* dag-test-db.c — see dag-test-db.h. */

#include "config.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifdef HAVE_LIBPQ
#include <libpq-fe.h>
#endif

#include "dag-test-db.h"

static GHashTable *places;   /* path → URI */
static guint counter;

gboolean
dag_test_db_is_pg (void)
{
  return g_strcmp0 (g_getenv ("DAG_TEST_BACKEND"), "postgresql") == 0;
}

void
dag_test_db_init (void)
{
  if (!dag_test_db_is_pg ())
    return;
#ifdef HAVE_LIBPQ
  if (g_getenv ("DAG_TEST_PG") != NULL && *g_getenv ("DAG_TEST_PG") != '\0')
    return;
  printf ("1..0 # SKIP no PostgreSQL server for the tests (DAG_TEST_PG is not set)\n");
#else
  printf ("1..0 # SKIP built without PostgreSQL\n");
#endif
  fflush (stdout);
  exit (0);
}

gboolean
dag_test_db_skip_pg (const char *why)
{
  if (!dag_test_db_is_pg ())
    return FALSE;
  g_test_skip (why);
  return TRUE;
}

#ifdef HAVE_LIBPQ
static PGconn *
connect_to (const char *uri)
{
  PGconn *conn = PQconnectdb (uri);

  if (PQstatus (conn) != CONNECTION_OK)
    g_error ("cannot connect to %s: %s", uri, PQerrorMessage (conn));
  return conn;
}
#endif

const char *
dag_test_db (const char *path)
{
#ifdef HAVE_LIBPQ
  const char *base = g_getenv ("DAG_TEST_PG");
  g_autofree char *schema = NULL;
  g_autofree char *sql = NULL;
  PGconn *conn;
  PGresult *res;
  char *uri;

  if (!dag_test_db_is_pg ())
    return path;
  if (places == NULL)
    places = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  uri = g_hash_table_lookup (places, path);
  if (uri != NULL)
    return uri;
  schema = g_strdup_printf ("t%d_%u_%u", (int) getpid (), ++counter, g_random_int ());
  conn = connect_to (base);
  sql = g_strdup_printf ("CREATE SCHEMA %s", schema);
  res = PQexec (conn, sql);
  if (PQresultStatus (res) != PGRES_COMMAND_OK)
    g_error ("cannot create a schema: %s", PQerrorMessage (conn));
  PQclear (res);
  PQfinish (conn);
  uri = g_strdup_printf ("%s%coptions=-csearch_path%%3D%s", base, strchr (base, '?') ? '&' : '?', schema);
  g_hash_table_insert (places, g_strdup (path), uri);
  return uri;
#else
  return path;
#endif
}

char *
dag_test_db_query (const char *where,
                   const char *sql)
{
  char *out = NULL;

  if (g_str_has_prefix (where, "postgresql://"))
    {
#ifdef HAVE_LIBPQ
      PGconn *conn = connect_to (where);
      PGresult *res = PQexec (conn, sql);

      if (PQresultStatus (res) == PGRES_TUPLES_OK && PQntuples (res) > 0 && !PQgetisnull (res, 0, 0))
        out = g_strdup (PQgetvalue (res, 0, 0));
      PQclear (res);
      PQfinish (conn);
#endif
      return out;
    }
  {
    sqlite3 *db = NULL;
    sqlite3_stmt *stmt = NULL;

    if (sqlite3_open_v2 (where, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
        sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK &&
        sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_text (stmt, 0) != NULL)
      out = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
    sqlite3_finalize (stmt);
    sqlite3_close (db);
  }
  return out;
}

gboolean
dag_test_db_exec (const char *where,
                  const char *sql)
{
  gboolean ok = FALSE;

  if (g_str_has_prefix (where, "postgresql://"))
    {
#ifdef HAVE_LIBPQ
      PGconn *conn = connect_to (where);
      PGresult *res = PQexec (conn, sql);

      ok = PQresultStatus (res) == PGRES_COMMAND_OK || PQresultStatus (res) == PGRES_TUPLES_OK;
      PQclear (res);
      PQfinish (conn);
#endif
      return ok;
    }
  {
    sqlite3 *db = NULL;

    ok = sqlite3_open_v2 (where, &db, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK &&
         sqlite3_exec (db, sql, NULL, NULL, NULL) == SQLITE_OK;
    sqlite3_close (db);
  }
  return ok;
}
