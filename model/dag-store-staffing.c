/* dag-store-staffing.c — the SQL that assigns one staff member to one
 * group slot.  Saving the whole staffing section for one tick in the Staff
 * view rewrote thousands of rows on the main thread. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dag-store-private.h"
#include "dag-store-staffing.h"

/* Whether a row of table has that id; NOT_FOUND with message if not. */
static gboolean
record_exists (DagStore   *store,
               const char *sql,
               const char *id,
               const char *message,
               GError    **error)
{
  sqlite3_stmt *stmt = dag_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc != SQLITE_DONE)
    return dag_store_set_error (store, error);
  g_set_error_literal (error, DAG_STORE_ERROR, DAG_STORE_ERROR_NOT_FOUND, message);
  return FALSE;
}

/* What the staff member does in slot, or NULL (then *error may be set). */
static char *
group_in_slot (DagStore   *store,
               const char *staff_id,
               int         slot,
               GError    **error)
{
  sqlite3_stmt *stmt = dag_store_prepare (store, "SELECT grp FROM staffing WHERE staff = ? AND slot = ?", error);
  char *group = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, staff_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, slot);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    group = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  else if (rc != SQLITE_DONE)
    dag_store_set_error (store, error);
  sqlite3_reset (stmt);
  return group;
}

static gboolean
change (DagStore   *store,
        const char *staff_id,
        const char *group_id,
        int         slot,
        gboolean    assigned,
        GError    **error)
{
  g_autoptr(GError) local = NULL;
  g_autofree char *current = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if (!record_exists (store, "SELECT 1 FROM staff WHERE id = ?", staff_id,
                      _("There is no staff member with that id"), error)
      || !record_exists (store, "SELECT 1 FROM grp WHERE id = ?", group_id,
                         _("There is no group with that id"), error))
    return FALSE;
  current = group_in_slot (store, staff_id, slot, &local);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (assigned && current != NULL)
    {
      g_set_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_CONSTRAINT,
                   _("The staff member already works in group %s in that dagdeel"), current);
      return FALSE;
    }
  if (!assigned && g_strcmp0 (current, group_id) != 0)
    {
      g_set_error_literal (error, DAG_STORE_ERROR, DAG_STORE_ERROR_NOT_FOUND,
                           _("The staff member is not assigned to that group in that dagdeel"));
      return FALSE;
    }

  stmt = dag_store_prepare (store, assigned
                                   ? "INSERT INTO staffing (staff, grp, slot) VALUES (?, ?, ?)"
                                   : "DELETE FROM staffing WHERE staff = ? AND grp = ? AND slot = ?",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, staff_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, group_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 3, slot);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return dag_store_set_error (store, error);
  return TRUE;
}

gboolean
dag_store_set_staffing (DagStore   *store,
                        const char *staff_id,
                        const char *group_id,
                        int         slot,
                        gboolean    assigned,
                        GError    **error)
{
  g_autofree char *detail = NULL;

  g_return_val_if_fail (DAG_IS_STORE (store), FALSE);
  g_return_val_if_fail (staff_id != NULL && group_id != NULL, FALSE);
  g_return_val_if_fail (slot >= 0 && slot < DAG_N_SLOTS, FALSE);

  if (!dag_store_begin (store, error))
    return FALSE;
  detail = g_strdup_printf ("staff=%s group=%s slot=%s %s", staff_id, group_id,
                            dag_slot_name (slot), assigned ? "assigned" : "removed");
  if (!change (store, staff_id, group_id, slot, assigned, error)
      || !dag_store_audit (store, "staffing", detail, error))
    {
      dag_store_rollback (store);
      return FALSE;
    }
  return dag_store_commit (store, error);
}
