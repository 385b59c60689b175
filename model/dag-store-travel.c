/* dag-store-travel.c — SQL for the travel_time table: load the imported
 * matrix and replace it in one transaction. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dag-store-private.h"
#include "dag-store-travel.h"
#include "dag-travel.h"

/* The ranges dag_travel_parse_csv() documents: 0–600 minutes, 0–1,000 km
 * (NaN is outside). */
static gboolean
travel_in_range (const DagTravelEntry *e)
{
  return e->minutes >= 0 && e->minutes <= 600 && e->km >= 0 && e->km <= 1000;
}

GArray *
dag_store_load_travel_times (DagStore  *self,
                             GError   **error)
{
  g_autoptr(GArray) entries = dag_travel_entries_new ();
  DagStmt *stmt;
  int rc;

  g_return_val_if_fail (DAG_IS_STORE (self), NULL);

  stmt = dag_store_prepare (self, "SELECT from_id, to_id, minutes, km, rowid FROM travel_time"
                            " ORDER BY from_id, to_id", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = dag_stmt_step (stmt)) == DAG_STMT_ROW)
    {
      DagTravelEntry e;

      e.from_id = g_strdup (dag_stmt_column_text (stmt, 0));
      e.to_id = g_strdup (dag_stmt_column_text (stmt, 1));
      e.minutes = dag_stmt_column_double (stmt, 2);
      e.km = dag_stmt_column_double (stmt, 3);
      g_array_append_val (entries, e);
      /* The import keeps to its ranges; an older file may hold more,
       * which overflowed ride times in the planner. */
      if (!travel_in_range (&e))
        {
          g_autofree char *row = g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) dag_stmt_column_int64 (stmt, 4));

          g_set_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_CONSTRAINT,
                       _("travel_time row %s: the travel time is out of range; import the travel times again"),
                       row);
          dag_stmt_reset (stmt);
          return NULL;
        }
    }
  dag_stmt_reset (stmt);
  if (rc != DAG_STMT_DONE)
    {
      dag_store_set_error (self, error);
      return NULL;
    }
  return g_steal_pointer (&entries);
}

gboolean
dag_store_replace_travel_times (DagStore     *self,
                                const GArray *entries,
                                const char   *action,
                                GError      **error)
{
  g_autofree char *detail = NULL;

  g_return_val_if_fail (DAG_IS_STORE (self), FALSE);
  g_return_val_if_fail (entries != NULL, FALSE);

  if (!dag_store_begin (self, error))
    return FALSE;
  if (!dag_store_exec (self, "DELETE FROM travel_time", error))
    goto fail;
  for (guint i = 0; i < entries->len; i++)
    {
      const DagTravelEntry *e = &g_array_index (entries, DagTravelEntry, i);
      DagStmt *stmt = dag_store_prepare (self, "INSERT INTO travel_time (from_id, to_id, minutes, km)"
                                              " VALUES (?, ?, ?, ?)", error);
      int rc;

      if (stmt == NULL)
        goto fail;
      if (!travel_in_range (e))
        {
          g_set_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_CONSTRAINT,
                       _("travel time %u of %u is out of range (0–600 minutes, 0–1,000 km)"),
                       i + 1, entries->len);
          goto fail;
        }
      dag_stmt_bind_text (stmt, 1, e->from_id);
      dag_stmt_bind_text (stmt, 2, e->to_id);
      dag_stmt_bind_double (stmt, 3, e->minutes);
      dag_stmt_bind_double (stmt, 4, e->km);
      rc = dag_stmt_step (stmt);
      dag_stmt_reset (stmt);
      dag_stmt_clear (stmt);
      if (rc != DAG_STMT_DONE)
        {
          dag_store_set_error (self, error);
          goto fail;
        }
    }
  detail = g_strdup_printf ("travel_time: %u pairs", entries->len);
  if (!dag_store_audit (self, action ? action : "import travel-times", detail, error))
    goto fail;
  return dag_store_commit (self, error);

fail:
  dag_store_rollback (self);
  return FALSE;
}

gint64
dag_store_count_travel_times (DagStore  *self,
                              GError   **error)
{
  DagStmt *stmt;
  gint64 n = -1;

  g_return_val_if_fail (DAG_IS_STORE (self), -1);

  stmt = dag_store_prepare (self, "SELECT COUNT(*) FROM travel_time", error);
  if (stmt == NULL)
    return -1;
  if (dag_stmt_step (stmt) == DAG_STMT_ROW)
    n = dag_stmt_column_int64 (stmt, 0);
  else
    dag_store_set_error (self, error);
  dag_stmt_reset (stmt);
  return n;
}
