/* dag-test-db.h — where a test's store lives: the SQLite file the test
 * names, or, when DAG_TEST_BACKEND is "postgresql", a fresh schema of the
 * PostgreSQL database whose URI is in DAG_TEST_PG (build-aux/pg-cluster
 * starts one), so the same test runs against both backends. */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* After g_test_init: a PostgreSQL run without DAG_TEST_PG is skipped as a
 * whole (TAP "1..0 # SKIP"). */
void        dag_test_db_init   (void);
gboolean    dag_test_db_is_pg  (void);
/* What to give dag_store_open for the file path: path itself, or the URI
 * of a schema made for it (the same one each time for the same path). */
const char *dag_test_db        (const char *path);
/* The first column of the first row of sql in the database at where
 * (a path or a URI from dag_test_db), or NULL; for checks behind the
 * store's back (the audit).  The SQL must be valid in both backends. */
char       *dag_test_db_query  (const char *where, const char *sql);
/* Runs sql without results behind the store's back; FALSE on error. */
gboolean    dag_test_db_exec   (const char *where, const char *sql);
/* In a test that only means something for SQLite files: TRUE (and the
 * test marked skipped) under PostgreSQL. */
gboolean    dag_test_db_skip_pg (const char *why);

G_END_DECLS
