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

G_END_DECLS
