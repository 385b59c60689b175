/* dag-store-plan.c — the SQL that changes one entry of the week plan. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dag-store-plan.h"
#include "dag-store-private.h"

/* Runs stmt (bound) and says how many rows it changed, -1 on error. */
static int
step_changes (DagStore     *store,
              sqlite3_stmt *stmt,
              GError      **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE)
    {
      dag_store_set_error (store, error);
      return -1;
    }
  return sqlite3_changes (dag_store_get_db (store));
}

static int
change_entry (DagStore   *store,
              const char *participant_id,
              const char *from_group_id,
              int         from_slot,
              const char *to_group_id,
              int         to_slot,
              GError    **error)
{
  sqlite3_stmt *stmt;

  if (from_group_id == NULL)
    {
      stmt = dag_store_prepare (store, "INSERT INTO plan (participant, grp, slot) VALUES (?, ?, ?)", error);
      if (stmt == NULL)
        return -1;
      sqlite3_bind_text (stmt, 1, participant_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, to_group_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 3, to_slot);
      return step_changes (store, stmt, error);
    }
  if (to_group_id == NULL)
    {
      stmt = dag_store_prepare (store, "DELETE FROM plan WHERE participant = ? AND grp = ? AND slot = ?", error);
      if (stmt == NULL)
        return -1;
      sqlite3_bind_text (stmt, 1, participant_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, from_group_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 3, from_slot);
      return step_changes (store, stmt, error);
    }
  stmt = dag_store_prepare (store, "UPDATE plan SET grp = ?, slot = ?"
                            " WHERE participant = ? AND grp = ? AND slot = ?", error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, to_group_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, to_slot);
  sqlite3_bind_text (stmt, 3, participant_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, from_group_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 5, from_slot);
  return step_changes (store, stmt, error);
}

gboolean
dag_store_move_plan_entry (DagStore   *store,
                           const char *participant_id,
                           const char *from_group_id,
                           int         from_slot,
                           const char *to_group_id,
                           int         to_slot,
                           const char *action,
                           GError    **error)
{
  g_autofree char *detail = NULL;
  gboolean ok;
  int changed;

  g_return_val_if_fail (DAG_IS_STORE (store), FALSE);
  g_return_val_if_fail (participant_id != NULL, FALSE);
  g_return_val_if_fail (from_group_id != NULL || to_group_id != NULL, FALSE);
  g_return_val_if_fail (from_group_id == NULL || (from_slot >= 0 && from_slot < DAG_N_SLOTS), FALSE);
  g_return_val_if_fail (to_group_id == NULL || (to_slot >= 0 && to_slot < DAG_N_SLOTS), FALSE);

  if (!dag_store_begin (store, error))
    return FALSE;
  changed = change_entry (store, participant_id, from_group_id, from_slot, to_group_id, to_slot, error);
  ok = changed >= 0;
  if (changed == 0)
    {
      g_set_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_NOT_FOUND,
                   _("The participant is not planned in that group on that dagdeel"));
      ok = FALSE;
    }
  if (ok)
    {
      detail = g_strdup_printf ("participant=%s from=%s/%d to=%s/%d", participant_id,
                                from_group_id ? from_group_id : "-", from_group_id ? from_slot : -1,
                                to_group_id ? to_group_id : "-", to_group_id ? to_slot : -1);
      ok = dag_store_audit (store, action ? action : "move", detail, error);
    }
  if (!ok)
    {
      dag_store_rollback (store);
      return FALSE;
    }
  return dag_store_commit (store, error);
}
