/* dag-store-private.h — what the dag-store-*.c files share: the prepared
 * statement cache.  Only store files include this; nothing else writes SQL. */

#pragma once

#include "dag-store.h"

G_BEGIN_DECLS

/* A prepared statement of either backend (SQLite or PostgreSQL).  The SQL
 * is SQLite's and PostgreSQL's common part: ? or ?N parameters, ON
 * CONFLICT, rowid (every PostgreSQL table has one, see dag-store-pg.c). */
typedef struct _DagStmt DagStmt;
/* A column value captured to be written back later (an undo). */
typedef struct _DagValue DagValue;

/* What dag_stmt_step returns besides an error code (SQLite's values, which
 * the PostgreSQL backend maps its SQLSTATEs to). */
#define DAG_STMT_ROW  100
#define DAG_STMT_DONE 101

/* A cached prepared statement for sql (reset and unbound), or NULL with
 * error set.  The store owns it. */
DagStmt      *dag_store_prepare   (DagStore *self, const char *sql, GError **error);
/* Sets error from the connection's last error; returns FALSE. */
gboolean      dag_store_set_error (DagStore *self, GError **error);
/* A read transaction outside a write one: what is read in it is one state
 * of the database (a snapshot), in both backends. */
gboolean      dag_store_begin_read (DagStore *self, GError **error);
void          dag_store_end_read  (DagStore *self);
/* Whether the commits that follow wait for the disk (SQLite's
 * synchronous=FULL; PostgreSQL's commits always do).  Not inside a
 * transaction. */
gboolean      dag_store_set_durable (DagStore *self, gboolean durable, GError **error);
/* Runs a statement without results, e.g. "DELETE FROM x". */
gboolean      dag_store_exec      (DagStore *self, const char *sql, GError **error);

/* Notes, inside a transaction, which sections it changes (and, for runs,
 * of which day; DAG_DATE_NONE is every day), for other processes'
 * dag_store_check_current and dag_store_poll_changes.  A transaction that
 * changes rows and notes nothing counts as changing everything;
 * DAG_SECTION_NONE notes a change of nothing in the organisation. */
#define DAG_SECTION_NONE 0
void          dag_store_touch     (DagStore *self, DagSections sections, DagDate day);

/* Notes that the transaction changes one record of section, key (for
 * dag_store_check_current_key); a transaction that notes only keys
 * conflicts with others' only on those records. */
void          dag_store_touch_key (DagStore *self, DagSections section, const char *key);

/* The record keys other connections' revisions since this store last read
 * hold, when each of those revisions changed only records of section (one
 * by one); NULL otherwise (with error set only on a database error).
 * Inside a read transaction.  dag_store_keys_taken then takes those
 * revisions as read. */
GPtrArray    *dag_store_changed_keys (DagStore *self, DagSections section, GError **error);
void          dag_store_keys_taken (DagStore *self);

/* The revision this connection knows the file at (dag_store_load). */
void          dag_store_set_seen  (DagStore *self, gint64 revision);
gboolean      dag_store_in_transaction (DagStore *self);
/* Outside a transaction, resets every cached statement (a statement left
 * on a row keeps an old read snapshot open). */
void          dag_store_end_reads (DagStore *self);

/* sql (a SELECT … FROM table …) as this user may run it: unchanged, or
 * reading the table's _public view (what a begeleider may see), or NULL
 * when the user may read none of it.  Newly allocated. */
char         *dag_store_readable_sql (DagStore *self, const char *sql);

/* Rows the last statement inserted, changed or deleted. */
gint64        dag_store_changes   (DagStore *self);

int           dag_stmt_step       (DagStmt *stmt);
void          dag_stmt_reset      (DagStmt *stmt);
/* Resets and clears the bindings. */
void          dag_stmt_clear      (DagStmt *stmt);
/* Bindings copy their value and last until the next dag_store_prepare. */
void          dag_stmt_bind_text  (DagStmt *stmt, int i, const char *value);
void          dag_stmt_bind_int   (DagStmt *stmt, int i, int value);
void          dag_stmt_bind_int64 (DagStmt *stmt, int i, gint64 value);
void          dag_stmt_bind_double (DagStmt *stmt, int i, double value);
void          dag_stmt_bind_null  (DagStmt *stmt, int i);
void          dag_stmt_bind_value (DagStmt *stmt, int i, const DagValue *value);
/* NULL for an SQL NULL; valid until the next step or reset. */
const char   *dag_stmt_column_text (DagStmt *stmt, int col);
int           dag_stmt_column_int (DagStmt *stmt, int col);
gint64        dag_stmt_column_int64 (DagStmt *stmt, int col);
double        dag_stmt_column_double (DagStmt *stmt, int col);
gboolean      dag_stmt_column_is_null (DagStmt *stmt, int col);
DagValue     *dag_stmt_column_value (DagStmt *stmt, int col);
void          dag_value_free      (DagValue *value);
/* Whether a step's result is a broken constraint (a taken key). */
gboolean      dag_stmt_is_constraint (int rc);

G_END_DECLS
