/* dag-store-backend.h — what only the store's backend files share: the
 * connection of either backend and the PostgreSQL part.  dag-store.c holds
 * the SQLite connection, dag-store-pg.c every line of PostgreSQL-only SQL,
 * dag-store-stmt.c the statements of both. */

#pragma once

#include <sqlite3.h>

#include "config.h"
#include "dag-store-private.h"

#ifdef HAVE_LIBPQ
#include <libpq-fe.h>
#else
typedef struct pg_conn PGconn;
typedef struct pg_result PGresult;
#endif

G_BEGIN_DECLS

sqlite3      *dag_store_get_db    (DagStore *self);
/* The PostgreSQL connection, NULL for an SQLite store. */
PGconn       *dag_store_get_pg    (DagStore *self);
/* Keeps a failed PostgreSQL result's error (as an SQLite-like code and the
 * server's message) for dag_store_set_error; returns the code. */
int           dag_store_note_pg_error (DagStore *self, const PGresult *result);
void          dag_store_note_error (DagStore *self, int code, const char *message);
/* Rows a PostgreSQL statement changed (for dag_store_changes and the
 * check whether a transaction changed anything). */
void          dag_store_add_changes (DagStore *self, gint64 n);
/* A fresh name for a server-side prepared statement. */
char         *dag_store_next_statement_name (DagStore *self);

/* uri as it may be shown: without a password (newly allocated). */
char         *dag_store_uri_for_display (const char *uri);

/* ---- dag-store-stmt.c ---- */

/* A statement of self's backend, or NULL with error set. */
DagStmt      *dag_stmt_new        (DagStore *self, const char *sql, GError **error);
void          dag_stmt_free       (DagStmt *stmt);

/* ---- dag-store-pg.c ---- */

/* Whether where names a PostgreSQL database (a postgresql:// or
 * postgres:// URI, or key=value connection words). */
gboolean      dag_pg_is_uri       (const char *where);
/* SQLite's SQL with ? and ?N parameters as PostgreSQL's $N; n_params is
 * the highest number. */
char         *dag_pg_translate    (const char *sql, int *n_params);
/* A migration's SQL as PostgreSQL runs it (types, rowids; see the file). */
char         *dag_pg_migration    (int version, const char *sqlite_sql);
/* The SQL that gives every table its rowid (after each migration). */
const char   *dag_pg_rowid_sql    (void);
/* The roles, grants and views of who may see what. */
const char   *dag_pg_access_sql   (void);
/* An SQLite-like result code for a SQLSTATE. */
int           dag_pg_code         (const char *sqlstate);

G_END_DECLS
