/* dag-store-attendance.c — the SQL that registers attendance. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dag-attendance.h"
#include "dag-store-attendance.h"
#include "dag-validate.h"
#include "dag-store-private.h"

static gboolean
participant_exists (DagStore   *store,
                    const char *participant_id,
                    GError    **error)
{
  DagStmt *stmt = dag_store_prepare (store, "SELECT 1 FROM participant WHERE id = ?", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  dag_stmt_bind_text (stmt, 1, participant_id);
  rc = dag_stmt_step (stmt);
  dag_stmt_reset (stmt);
  if (rc == DAG_STMT_ROW)
    return TRUE;
  if (rc != DAG_STMT_DONE)
    return dag_store_set_error (store, error);
  g_set_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_NOT_FOUND,
               _("There is no participant with that id"));
  return FALSE;
}

static gboolean
step_done (DagStore     *store,
           DagStmt *stmt,
           GError      **error)
{
  int rc = dag_stmt_step (stmt);

  dag_stmt_reset (stmt);
  if (rc != DAG_STMT_DONE)
    return dag_store_set_error (store, error);
  return TRUE;
}

/* The audit detail names the record, never the reason: a cancellation
 * reason is often health data. */
static char *
audit_detail (const char *participant_id,
              DagDate     date,
              int         part,
              const char *what)
{
  char buf[DAG_DATE_BUF];

  return g_strdup_printf ("participant=%s date=%s part=%s%s%s", participant_id,
                          dag_date_format (date, buf), dag_part_name (part),
                          what ? " status=" : "", what ? what : "");
}

gboolean
dag_store_set_attendance (DagStore        *store,
                          const char      *participant_id,
                          DagDate          date,
                          int              part,
                          DagAttendStatus  status,
                          int              minutes,
                          const char      *reason,
                          GError         **error)
{
  char buf[DAG_DATE_BUF];
  g_autofree char *detail = NULL;
  g_autofree char *key = NULL;
  DagStmt *stmt;
  gboolean ok;

  g_return_val_if_fail (DAG_IS_STORE (store), FALSE);
  g_return_val_if_fail (participant_id != NULL, FALSE);
  g_return_val_if_fail (date != DAG_DATE_NONE, FALSE);
  g_return_val_if_fail (part >= 0 && part < DAG_N_PARTS, FALSE);
  g_return_val_if_fail (status <= DAG_ATTEND_NO_SHOW, FALSE);
  g_return_val_if_fail (minutes >= -1, FALSE);

  if (!dag_validate_attendance (status, date, dag_date_today (), error) ||
      (reason != NULL && !dag_validate_reason (reason, error)))
    return FALSE;
  if (!dag_store_begin (store, error))
    return FALSE;
  /* One record: registrations of others' attendance go on at the same
   * time without conflict. */
  key = g_strdup_printf ("attendance:%s:%s:%d", participant_id, dag_date_format (date, buf), part);
  dag_store_touch_key (store, DAG_SECTION_ATTENDANCE, key);

  ok = participant_exists (store, participant_id, error);
  if (ok)
    {
      /* What SQLite's INSERT OR REPLACE does, in SQL both backends run:
       * the record goes, and comes back as the newest row. */
      stmt = dag_store_prepare (store, "DELETE FROM attendance WHERE participant = ? AND date = ? AND part = ?",
                                error);
      ok = stmt != NULL;
      if (ok)
        {
          dag_stmt_bind_text (stmt, 1, participant_id);
          dag_stmt_bind_text (stmt, 2, dag_date_format (date, buf));
          dag_stmt_bind_int (stmt, 3, part);
          ok = step_done (store, stmt, error);
        }
      stmt = ok ? dag_store_prepare (store,
                                     "INSERT INTO attendance (participant, date, part, status, minutes, reason)"
                                     " VALUES (?, ?, ?, ?, ?, ?)", error) : NULL;
      ok = stmt != NULL;
      if (ok)
        {
          dag_stmt_bind_text (stmt, 1, participant_id);
          dag_stmt_bind_text (stmt, 2, dag_date_format (date, buf));
          dag_stmt_bind_int (stmt, 3, part);
          dag_stmt_bind_text (stmt, 4, dag_attend_status_name (status));
          if (minutes >= 0)
            dag_stmt_bind_int (stmt, 5, minutes);
          else
            dag_stmt_bind_null (stmt, 5);
          if (reason != NULL && *reason != '\0')
            dag_stmt_bind_text (stmt, 6, reason);
          else
            dag_stmt_bind_null (stmt, 6);
          ok = step_done (store, stmt, error);
        }
    }
  if (ok)
    {
      detail = audit_detail (participant_id, date, part, dag_attend_status_name (status));
      ok = dag_store_audit (store, "attendance", detail, error);
    }
  if (!ok)
    {
      dag_store_rollback (store);
      return FALSE;
    }
  return dag_store_commit (store, error);
}

gboolean
dag_store_clear_attendance (DagStore   *store,
                            const char *participant_id,
                            DagDate     date,
                            int         part,
                            GError    **error)
{
  char buf[DAG_DATE_BUF];
  g_autofree char *detail = NULL;
  g_autofree char *key = NULL;
  DagStmt *stmt;
  gboolean ok;

  g_return_val_if_fail (DAG_IS_STORE (store), FALSE);
  g_return_val_if_fail (participant_id != NULL, FALSE);
  g_return_val_if_fail (part >= 0 && part < DAG_N_PARTS, FALSE);

  if (!dag_store_begin (store, error))
    return FALSE;
  dag_store_touch (store, DAG_SECTION_ATTENDANCE, DAG_DATE_NONE);

  stmt = dag_store_prepare (store, "DELETE FROM attendance WHERE participant = ? AND date = ? AND part = ?", error);
  ok = stmt != NULL;
  if (ok)
    {
      dag_stmt_bind_text (stmt, 1, participant_id);
      dag_stmt_bind_text (stmt, 2, dag_date_format (date, buf));
      dag_stmt_bind_int (stmt, 3, part);
      ok = step_done (store, stmt, error);
    }
  if (ok)
    {
      detail = audit_detail (participant_id, date, part, "cleared");
      ok = dag_store_audit (store, "attendance", detail, error);
    }
  if (!ok)
    {
      dag_store_rollback (store);
      return FALSE;
    }
  return dag_store_commit (store, error);
}
