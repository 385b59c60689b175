/* dag-store-plan.c — the SQL that changes one participant's dated plan
 * entries, as the Week Plan view does for every move and its undo. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dag-store-plan.h"
#include "dag-store-private.h"

/* Runs stmt (bound) and says how many rows it changed, -1 on error. */
static int
step_changes (DagStore     *store,
              DagStmt *stmt,
              GError      **error)
{
  int rc = dag_stmt_step (stmt);

  dag_stmt_reset (stmt);
  dag_stmt_clear (stmt);
  if (rc != DAG_STMT_DONE)
    {
      dag_store_set_error (store, error);
      return -1;
    }
  return dag_store_changes (store);
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

/* The entries of participant in org->plan, in order (a new array). */
static GArray *
participant_entries (const DagOrg *org,
                     int           participant)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (DagPlanEntry));

  for (guint i = 0; i < org->plan->len; i++)
    {
      const DagPlanEntry *e = DAG_AT (org->plan, DagPlanEntry, i);
      if (e->participant == participant)
        g_array_append_val (out, *e);
    }
  return out;
}

gboolean
dag_store_set_participant_plan (DagStore   *store,
                                DagOrg     *org,
                                int         participant,
                                GArray     *entries,
                                const char *action,
                                GError    **error)
{
  const DagParticipant *p;
  g_autofree char *detail = NULL;
  g_autofree char *key = NULL;
  DagStmt *stmt;
  gboolean ok;
  guint kept = 0;

  g_return_val_if_fail (DAG_IS_STORE (store), FALSE);
  g_return_val_if_fail (org != NULL && entries != NULL, FALSE);
  g_return_val_if_fail (participant >= 0 && (guint) participant < org->participants->len, FALSE);

  p = DAG_AT (org->participants, DagParticipant, participant);
  for (guint i = 0; i < entries->len; i++)
    {
      const DagPlanEntry *e = DAG_AT (entries, DagPlanEntry, i);
      g_return_val_if_fail (e->participant == participant, FALSE);
      g_return_val_if_fail (e->group >= 0 && (guint) e->group < org->groups->len, FALSE);
      g_return_val_if_fail (e->slot >= 0 && e->slot < DAG_N_SLOTS, FALSE);
    }

  if (!dag_store_begin (store, error))
    return FALSE;
  /* The entries were made from the participant's plan as read: another
   * process's change of it since would be undone (of someone else's it
   * would not). */
  key = g_strconcat ("plan:", p->id, NULL);
  dag_store_touch_key (store, DAG_SECTION_PLAN, key);
  ok = dag_store_check_current_key (store, DAG_SECTION_PLAN, key, error);
  stmt = ok ? dag_store_prepare (store, "DELETE FROM plan WHERE participant = ?", error) : NULL;
  ok = stmt != NULL;
  if (ok)
    {
      dag_stmt_bind_text (stmt, 1, p->id);
      ok = step_changes (store, stmt, error) >= 0;
    }
  for (guint i = 0; ok && i < entries->len; i++)
    {
      const DagPlanEntry *e = DAG_AT (entries, DagPlanEntry, i);

      stmt = dag_store_prepare (store, "INSERT INTO plan (participant, grp, slot, from_date, until_date)"
                                " VALUES (?, ?, ?, ?, ?)", error);
      ok = stmt != NULL;
      if (!ok)
        break;
      dag_stmt_bind_text (stmt, 1, p->id);
      dag_stmt_bind_text (stmt, 2, DAG_AT (org->groups, DagGroup, e->group)->id);
      dag_stmt_bind_int (stmt, 3, e->slot);
      bind_date (stmt, 4, e->from);
      bind_date (stmt, 5, e->until);
      ok = step_changes (store, stmt, error) >= 0;
    }
  if (ok)
    {
      detail = g_strdup_printf ("participant=%s entries=%u", p->id, entries->len);
      ok = dag_store_audit (store, action ? action : "plan", detail, error);
    }
  if (!ok)
    {
      dag_store_rollback (store);
      return FALSE;
    }
  if (!dag_store_commit (store, error))
    return FALSE;

  /* The store changed: now the snapshot, keeping the others' order. */
  for (guint i = 0; i < org->plan->len; i++)
    {
      const DagPlanEntry *e = DAG_AT (org->plan, DagPlanEntry, i);
      if (e->participant != participant)
        g_array_index (org->plan, DagPlanEntry, kept++) = *e;
    }
  g_array_set_size (org->plan, kept);
  g_array_append_vals (org->plan, entries->data, entries->len);
  return TRUE;
}

gboolean
dag_store_check_week_open (const DagOrg *org,
                           DagDate       monday,
                           DagDate       today,
                           GError      **error)
{
  DagFrozen frozen = dag_schedule_week_frozen (org, monday, today);
  g_autofree char *why = NULL;

  if (frozen == DAG_FROZEN_NO)
    return TRUE;
  why = dag_schedule_frozen_message (frozen, monday);
  g_set_error_literal (error, DAG_STORE_ERROR, DAG_STORE_ERROR_FROZEN, why);
  return FALSE;
}

gboolean
dag_store_move_in_week (DagStore     *store,
                        DagOrg       *org,
                        int           participant,
                        int           from_group,
                        int           from_slot,
                        int           to_group,
                        int           to_slot,
                        DagDate       monday,
                        DagPlanScope  scope,
                        DagDate       today,
                        const char   *action,
                        GArray      **before,
                        GError      **error)
{
  g_autoptr(GArray) person = NULL;
  g_autoptr(GArray) week = NULL;
  int at = -1;

  g_return_val_if_fail (DAG_IS_STORE (store), FALSE);
  g_return_val_if_fail (org != NULL, FALSE);
  g_return_val_if_fail (participant >= 0 && (guint) participant < org->participants->len, FALSE);
  g_return_val_if_fail (from_group >= 0 || to_group >= 0, FALSE);
  g_return_val_if_fail (from_group < 0 || (from_slot >= 0 && from_slot < DAG_N_SLOTS), FALSE);
  g_return_val_if_fail (to_group < 0 || ((guint) to_group < org->groups->len &&
                                          to_slot >= 0 && to_slot < DAG_N_SLOTS), FALSE);
  g_return_val_if_fail (dag_date_weekday (monday) == 0, FALSE);

  if (!dag_store_check_week_open (org, monday, today, error))
    return FALSE;

  person = participant_entries (org, participant);
  week = g_array_new (FALSE, FALSE, sizeof (DagPlanEntry));
  for (guint i = 0; i < person->len; i++)
    {
      const DagPlanEntry *e = DAG_AT (person, DagPlanEntry, i);

      if (!DAG_DATED_APPLIES (e->from, e->until, monday))
        continue;
      if (from_group >= 0 && e->group == from_group && e->slot == from_slot)
        at = week->len;
      g_array_append_val (week, *e);
    }
  if (from_group >= 0 && at < 0)
    {
      g_set_error_literal (error, DAG_STORE_ERROR, DAG_STORE_ERROR_NOT_FOUND,
                           _("The participant is not planned in that group on that dagdeel"));
      return FALSE;
    }
  if (to_group >= 0)
    for (guint i = 0; i < week->len; i++)
      if ((int) i != at && DAG_AT (week, DagPlanEntry, i)->slot == to_slot)
        {
          g_set_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_CONSTRAINT,
                       _("The participant is already planned on %s"), dag_slot_label (to_slot));
          return FALSE;
        }

  if (at >= 0 && to_group >= 0)
    {
      DagPlanEntry *e = DAG_AT (week, DagPlanEntry, at);
      e->group = to_group;
      e->slot = to_slot;
    }
  else if (at >= 0)
    g_array_remove_index (week, at);
  else
    {
      DagPlanEntry e = { participant, to_group, to_slot, DAG_DATE_NONE, DAG_DATE_NONE };
      g_array_append_val (week, e);
    }

  if (before != NULL)
    *before = g_array_copy (person);
  dag_dated_replace (person, monday, scope, participant, week);
  if (!dag_store_set_participant_plan (store, org, participant, person, action ? action : "move", error))
    {
      if (before != NULL)
        g_clear_pointer (before, g_array_unref);
      return FALSE;
    }
  return TRUE;
}
