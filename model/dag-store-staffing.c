/* dag-store-staffing.c — the SQL that assigns one staff member to one
 * group slot, undated or from a week on.  Saving the whole staffing section
 * for one tick in the Staff view rewrote thousands of rows on the main
 * thread; a tick now rewrites the few rows of one staff member. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dag-store-private.h"
#include "dag-store-plan.h"
#include "dag-store-staffing.h"

/* Whether a row of table has that id; NOT_FOUND with message if not. */
static gboolean
record_exists (DagStore   *store,
               const char *sql,
               const char *id,
               const char *message,
               GError    **error)
{
  DagStmt *stmt = dag_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  dag_stmt_bind_text (stmt, 1, id);
  rc = dag_stmt_step (stmt);
  dag_stmt_reset (stmt);
  if (rc == DAG_STMT_ROW)
    return TRUE;
  if (rc != DAG_STMT_DONE)
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
  DagStmt *stmt = dag_store_prepare (store, "SELECT grp FROM staffing WHERE staff = ? AND slot = ?", error);
  char *group = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  dag_stmt_bind_text (stmt, 1, staff_id);
  dag_stmt_bind_int (stmt, 2, slot);
  rc = dag_stmt_step (stmt);
  if (rc == DAG_STMT_ROW)
    group = g_strdup (dag_stmt_column_text (stmt, 0));
  else if (rc != DAG_STMT_DONE)
    dag_store_set_error (store, error);
  dag_stmt_reset (stmt);
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
  DagStmt *stmt;
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
  dag_stmt_bind_text (stmt, 1, staff_id);
  dag_stmt_bind_text (stmt, 2, group_id);
  dag_stmt_bind_int (stmt, 3, slot);
  rc = dag_stmt_step (stmt);
  dag_stmt_reset (stmt);
  if (rc != DAG_STMT_DONE)
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

static void
bind_date (DagStmt *stmt,
           int           col,
           DagDate       date)
{
  char buf[DAG_DATE_BUF];

  if (date == DAG_DATE_NONE)
    dag_stmt_bind_null (stmt, col);
  else
    dag_stmt_bind_text (stmt, col, dag_date_format (date, buf));
}

static gboolean
step_done (DagStore     *store,
           DagStmt *stmt,
           GError      **error)
{
  int rc = dag_stmt_step (stmt);

  dag_stmt_reset (stmt);
  dag_stmt_clear (stmt);
  if (rc != DAG_STMT_DONE)
    return dag_store_set_error (store, error);
  return TRUE;
}

/* The entries of staff in org->staffing, in order (a new array). */
static GArray *
staff_entries (const DagOrg *org,
               int           staff)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (DagStaffing));

  for (guint i = 0; i < org->staffing->len; i++)
    {
      const DagStaffing *e = DAG_AT (org->staffing, DagStaffing, i);
      if (e->staff == staff)
        g_array_append_val (out, *e);
    }
  return out;
}

gboolean
dag_store_set_staff_staffing (DagStore   *store,
                              DagOrg     *org,
                              int         staff,
                              GArray     *entries,
                              const char *action,
                              GError    **error)
{
  const DagStaff *st;
  g_autofree char *detail = NULL;
  DagStmt *stmt;
  gboolean ok;
  guint kept = 0;

  g_return_val_if_fail (DAG_IS_STORE (store), FALSE);
  g_return_val_if_fail (org != NULL && entries != NULL, FALSE);
  g_return_val_if_fail (staff >= 0 && (guint) staff < org->staff->len, FALSE);

  st = DAG_AT (org->staff, DagStaff, staff);
  for (guint i = 0; i < entries->len; i++)
    {
      const DagStaffing *e = DAG_AT (entries, DagStaffing, i);
      g_return_val_if_fail (e->staff == staff, FALSE);
      g_return_val_if_fail (e->group >= 0 && (guint) e->group < org->groups->len, FALSE);
      g_return_val_if_fail (e->slot >= 0 && e->slot < DAG_N_SLOTS, FALSE);
    }

  if (!dag_store_begin (store, error))
    return FALSE;
  /* The entries were made from the staffing as read. */
  dag_store_touch (store, DAG_SECTION_STAFFING, DAG_DATE_NONE);
  ok = dag_store_check_current (store, DAG_SECTION_STAFFING, DAG_DATE_NONE, error);
  stmt = ok ? dag_store_prepare (store, "DELETE FROM staffing WHERE staff = ?", error) : NULL;
  ok = stmt != NULL;
  if (ok)
    {
      dag_stmt_bind_text (stmt, 1, st->id);
      ok = step_done (store, stmt, error);
    }
  for (guint i = 0; ok && i < entries->len; i++)
    {
      const DagStaffing *e = DAG_AT (entries, DagStaffing, i);

      stmt = dag_store_prepare (store, "INSERT INTO staffing (staff, grp, slot, from_date, until_date)"
                                " VALUES (?, ?, ?, ?, ?)", error);
      ok = stmt != NULL;
      if (!ok)
        break;
      dag_stmt_bind_text (stmt, 1, st->id);
      dag_stmt_bind_text (stmt, 2, DAG_AT (org->groups, DagGroup, e->group)->id);
      dag_stmt_bind_int (stmt, 3, e->slot);
      bind_date (stmt, 4, e->from);
      bind_date (stmt, 5, e->until);
      ok = step_done (store, stmt, error);
    }
  if (ok)
    {
      detail = g_strdup_printf ("staff=%s entries=%u", st->id, entries->len);
      ok = dag_store_audit (store, action ? action : "staffing", detail, error);
    }
  if (!ok)
    {
      dag_store_rollback (store);
      return FALSE;
    }
  if (!dag_store_commit (store, error))
    return FALSE;

  /* The store changed: now the snapshot, keeping the others' order. */
  for (guint i = 0; i < org->staffing->len; i++)
    {
      const DagStaffing *e = DAG_AT (org->staffing, DagStaffing, i);
      if (e->staff != staff)
        g_array_index (org->staffing, DagStaffing, kept++) = *e;
    }
  g_array_set_size (org->staffing, kept);
  g_array_append_vals (org->staffing, entries->data, entries->len);
  return TRUE;
}

gboolean
dag_store_staff_in_week (DagStore   *store,
                         DagOrg     *org,
                         int         staff,
                         int         group,
                         int         slot,
                         gboolean    assigned,
                         DagDate     monday,
                         DagDate     today,
                         GArray    **before,
                         GArray    **after,
                         GError    **error)
{
  g_autoptr(GArray) person = NULL;
  g_autoptr(GArray) week = NULL;
  g_autoptr(GArray) old = NULL;
  int at = -1;

  g_return_val_if_fail (DAG_IS_STORE (store), FALSE);
  g_return_val_if_fail (org != NULL, FALSE);
  g_return_val_if_fail (staff >= 0 && (guint) staff < org->staff->len, FALSE);
  g_return_val_if_fail (group >= 0 && (guint) group < org->groups->len, FALSE);
  g_return_val_if_fail (slot >= 0 && slot < DAG_N_SLOTS, FALSE);
  g_return_val_if_fail (dag_date_weekday (monday) == 0, FALSE);

  if (!dag_store_check_week_open (org, monday, today, error))
    return FALSE;

  person = staff_entries (org, staff);
  week = g_array_new (FALSE, FALSE, sizeof (DagStaffing));
  for (guint i = 0; i < person->len; i++)
    {
      const DagStaffing *e = DAG_AT (person, DagStaffing, i);

      if (!DAG_DATED_APPLIES (e->from, e->until, monday))
        continue;
      if (e->slot == slot && e->group == group)
        at = week->len;
      else if (e->slot == slot && assigned)
        {
          g_set_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_CONSTRAINT,
                       _("The staff member already works in group %s in that dagdeel"),
                       DAG_AT (org->groups, DagGroup, e->group)->name);
          return FALSE;
        }
      g_array_append_val (week, *e);
    }
  if (assigned && at >= 0)
    {
      g_set_error_literal (error, DAG_STORE_ERROR, DAG_STORE_ERROR_CONSTRAINT,
                           _("The staff member is already assigned to that group in that dagdeel"));
      return FALSE;
    }
  if (!assigned && at < 0)
    {
      g_set_error_literal (error, DAG_STORE_ERROR, DAG_STORE_ERROR_NOT_FOUND,
                           _("The staff member is not assigned to that group in that dagdeel"));
      return FALSE;
    }
  if (assigned)
    {
      DagStaffing e = { staff, group, slot, DAG_DATE_NONE, DAG_DATE_NONE };
      g_array_append_val (week, e);
    }
  else
    g_array_remove_index (week, at);

  old = g_array_copy (person);
  dag_dated_replace (person, monday, DAG_SCOPE_FROM_WEEK, staff, week);
  if (!dag_store_set_staff_staffing (store, org, staff, person, "staffing", error))
    return FALSE;
  if (before != NULL)
    *before = g_steal_pointer (&old);
  if (after != NULL)
    *after = g_array_copy (person);
  return TRUE;
}
