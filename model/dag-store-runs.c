/* dag-store-runs.c — the SQL that replaces the transport runs of one day:
 * planning or undoing a day touches only that day's rows, so it stays fast
 * however many days of runs are stored. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dag-store-private.h"
#include "dag-store-runs.h"

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

static void
bind_ref (DagStmt *stmt,
          int           col,
          const char   *id)
{
  if (id != NULL)
    dag_stmt_bind_text (stmt, col, id);
  else
    dag_stmt_bind_null (stmt, col);
}

#define REF(array, Type, i, field) ((i) >= 0 ? DAG_AT ((array), Type, (i))->field : NULL)

static gboolean
delete_day (DagStore   *store,
            const char *day,
            GError    **error)
{
  DagStmt *stmt;

  /* Stops first: they refer to their run. */
  stmt = dag_store_prepare (store, "DELETE FROM run_stop WHERE run IN (SELECT id FROM run WHERE date = ?)", error);
  if (stmt == NULL)
    return FALSE;
  dag_stmt_bind_text (stmt, 1, day);
  if (!step_done (store, stmt, error))
    return FALSE;
  stmt = dag_store_prepare (store, "DELETE FROM run WHERE date = ?", error);
  if (stmt == NULL)
    return FALSE;
  dag_stmt_bind_text (stmt, 1, day);
  return step_done (store, stmt, error);
}

static gboolean
insert_run (DagStore     *store,
            const DagOrg *org,
            const char   *day,
            const DagRun *run,
            GError      **error)
{
  DagStmt *stmt;

  stmt = dag_store_prepare (store, "INSERT INTO run (id, date, vehicle, driver, location, direction, minute)"
                            " VALUES (?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  bind_ref (stmt, 1, run->id);
  bind_ref (stmt, 2, day);
  bind_ref (stmt, 3, REF (org->vehicles, DagVehicle, run->vehicle, id));
  bind_ref (stmt, 4, REF (org->staff, DagStaff, run->driver, id));
  bind_ref (stmt, 5, REF (org->locations, DagLocation, run->location, id));
  bind_ref (stmt, 6, run->direction == DAG_DIRECTION_FROM ? "from" : "to");
  dag_stmt_bind_int (stmt, 7, run->time);
  if (!step_done (store, stmt, error))
    return FALSE;

  for (guint j = 0; j < run->stops->len; j++)
    {
      const DagStop *s = DAG_AT (run->stops, DagStop, j);

      stmt = dag_store_prepare (store, "INSERT INTO run_stop (run, seq, participant, minute) VALUES (?, ?, ?, ?)",
                                error);
      if (stmt == NULL)
        return FALSE;
      bind_ref (stmt, 1, run->id);
      dag_stmt_bind_int (stmt, 2, j);
      bind_ref (stmt, 3, REF (org->participants, DagParticipant, s->participant, id));
      dag_stmt_bind_int (stmt, 4, s->time);
      if (!step_done (store, stmt, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
dag_store_replace_day_runs (DagStore     *store,
                            const DagOrg *org,
                            DagDate       date,
                            const GArray *runs,
                            const char   *action,
                            GError      **error)
{
  char day[DAG_DATE_BUF];
  g_autofree char *detail = NULL;
  gboolean ok;

  g_return_val_if_fail (DAG_IS_STORE (store), FALSE);
  g_return_val_if_fail (org != NULL && runs != NULL, FALSE);
  g_return_val_if_fail (date != DAG_DATE_NONE, FALSE);

  for (guint i = 0; i < runs->len; i++)
    if (DAG_AT (runs, DagRun, i)->date != date)
      {
        g_set_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_CONSTRAINT,
                     _("Run %u is not of the day whose runs are replaced"), i + 1);
        return FALSE;
      }
  dag_date_format (date, day);
  if (!dag_store_begin (store, error))
    return FALSE;
  /* The runs were planned from the plan, staffing, absences, changes and
   * attendance as read, and from this day's stored runs: if another
   * process changed any of them meanwhile the runs may be wrong.  Runs of
   * other days do not matter: two days are planned at once. */
  dag_store_touch (store, DAG_SECTION_RUNS, date);
  ok = dag_store_check_current (store, DAG_SECTION_ALL & ~DAG_SECTION_DECLARATIONS, date, error);
  if (ok)
    ok = delete_day (store, day, error);
  for (guint i = 0; ok && i < runs->len; i++)
    ok = insert_run (store, org, day, DAG_AT (runs, DagRun, i), error);
  if (ok)
    {
      detail = g_strdup_printf ("date=%s runs=%u", day, runs->len);
      ok = dag_store_audit (store, action ? action : "runs", detail, error);
    }
  if (!ok)
    {
      dag_store_rollback (store);
      return FALSE;
    }
  return dag_store_commit (store, error);
}
