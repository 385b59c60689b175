/* dag-store-private.h — what the dag-store-*.c files share: the prepared
 * statement cache.  Only store files include this; nothing else writes SQL. */

#pragma once

#include <sqlite3.h>

#include "dag-store.h"

G_BEGIN_DECLS

/* A cached prepared statement for sql (reset and unbound), or NULL with
 * error set.  The store owns it. */
sqlite3_stmt *dag_store_prepare   (DagStore *self, const char *sql, GError **error);
sqlite3      *dag_store_get_db    (DagStore *self);
/* Sets error from the connection's last error; returns FALSE. */
gboolean      dag_store_set_error (DagStore *self, GError **error);
/* Runs a statement without results, e.g. "DELETE FROM x". */
gboolean      dag_store_exec      (DagStore *self, const char *sql, GError **error);

/* Notes, inside a transaction, which sections it changes (and, for runs,
 * of which day; DAG_DATE_NONE is every day), for other processes'
 * dag_store_check_current and dag_store_poll_changes.  A transaction that
 * changes rows and notes nothing counts as changing everything;
 * DAG_SECTION_NONE notes a change of nothing in the organisation. */
#define DAG_SECTION_NONE 0
void          dag_store_touch     (DagStore *self, DagSections sections, DagDate day);

/* The revision this connection knows the file at (dag_store_load). */
void          dag_store_set_seen  (DagStore *self, gint64 revision);
gboolean      dag_store_in_transaction (DagStore *self);
/* Outside a transaction, resets every cached statement (a statement left
 * on a row keeps an old read snapshot open). */
void          dag_store_end_reads (DagStore *self);

G_END_DECLS
