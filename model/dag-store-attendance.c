/* dag-store-attendance.c — the SQL that registers attendance. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

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

#define KEY_PREFIX "attendance:"

/* The record's key for other users' writers and readers:
 * "attendance:P00001:2026-11-02:0". */
static char *
attendance_key (const char *participant_id,
                DagDate     date,
                int         part)
{
  char buf[DAG_DATE_BUF];

  return g_strdup_printf (KEY_PREFIX "%s:%s:%d", participant_id, dag_date_format (date, buf), part);
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
  key = attendance_key (participant_id, date, part);
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
  key = attendance_key (participant_id, date, part);
  dag_store_touch_key (store, DAG_SECTION_ATTENDANCE, key);

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

/* ---- other users' registrations ---------------------------------------- */

void
dag_attendance_change_clear (DagAttendanceChange *change)
{
  g_clear_pointer (&change->participant_id, g_free);
  g_clear_pointer (&change->reason, g_free);
}

/* Reads one key's record as it is now into change. */
static gboolean
read_change (DagStore            *store,
             const char          *key,
             DagAttendanceChange *change,
             GError             **error)
{
  const char *rest = key + strlen (KEY_PREFIX);
  const char *last = strrchr (rest, ':');
  const char *date_at;
  g_autofree char *date_text = NULL;
  DagStmt *stmt;
  int rc;

  /* The id may hold a colon; the date and the part do not. */
  if (last == NULL || last - rest < 12)
    return FALSE;
  date_at = last - 10;
  if (date_at[-1] != ':')
    return FALSE;
  date_text = g_strndup (date_at, 10);
  if (!dag_date_parse (date_text, &change->date))
    return FALSE;
  change->part = atoi (last + 1);
  if (change->part < 0 || change->part >= DAG_N_PARTS)
    return FALSE;
  change->participant_id = g_strndup (rest, (gsize) (date_at - 1 - rest));
  change->status = -1;
  change->minutes = -1;

  stmt = dag_store_prepare (store, "SELECT status, minutes, reason FROM attendance"
                            " WHERE participant = ? AND date = ? AND part = ?", error);
  if (stmt == NULL)
    return FALSE;
  dag_stmt_bind_text (stmt, 1, change->participant_id);
  dag_stmt_bind_text (stmt, 2, date_text);
  dag_stmt_bind_int (stmt, 3, change->part);
  rc = dag_stmt_step (stmt);
  if (rc == DAG_STMT_ROW)
    {
      const char *status = dag_stmt_column_text (stmt, 0);

      for (int s = 0; s <= DAG_ATTEND_NO_SHOW; s++)
        if (g_strcmp0 (status, dag_attend_status_name (s)) == 0)
          change->status = s;
      change->minutes = dag_stmt_column_is_null (stmt, 1) ? -1 : dag_stmt_column_int (stmt, 1);
      change->reason = g_strdup (dag_stmt_column_text (stmt, 2));
    }
  dag_stmt_reset (stmt);
  if (rc != DAG_STMT_ROW && rc != DAG_STMT_DONE)
    return dag_store_set_error (store, error);
  return TRUE;
}

gboolean
dag_store_read_attendance_changes (DagStore *store,
                                   GArray  **changes,
                                   gboolean *complete,
                                   GError  **error)
{
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(GArray) out = NULL;
  g_autoptr(GHashTable) seen_keys = NULL;
  gboolean ok = TRUE;

  g_return_val_if_fail (DAG_IS_STORE (store), FALSE);
  g_return_val_if_fail (changes != NULL && complete != NULL, FALSE);

  *changes = NULL;
  *complete = FALSE;
  if (dag_store_in_transaction (store))
    return TRUE;
  /* One read transaction: the records as of the revisions read. */
  if (!dag_store_begin_read (store, error))
    return FALSE;
  keys = dag_store_changed_keys (store, DAG_SECTION_ATTENDANCE, error);
  if (keys == NULL)
    {
      dag_store_end_read (store);
      if (error != NULL && *error != NULL)
        return FALSE;
      return TRUE;   /* not only records of attendance: read everything */
    }
  out = g_array_new (FALSE, TRUE, sizeof (DagAttendanceChange));
  g_array_set_clear_func (out, (GDestroyNotify) dag_attendance_change_clear);
  seen_keys = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; ok && i < keys->len; i++)
    {
      const char *key = g_ptr_array_index (keys, i);
      DagAttendanceChange change = { 0 };

      if (!g_str_has_prefix (key, KEY_PREFIX) || !g_hash_table_add (seen_keys, (gpointer) key))
        {
          if (!g_str_has_prefix (key, KEY_PREFIX))
            ok = FALSE;
          continue;
        }
      if (!read_change (store, key, &change, error))
        {
          dag_attendance_change_clear (&change);
          ok = FALSE;
          break;
        }
      g_array_append_val (out, change);
    }
  dag_store_end_read (store);
  if (!ok)
    return error == NULL || *error == NULL;
  dag_store_keys_taken (store);
  *complete = TRUE;
  *changes = g_steal_pointer (&out);
  return TRUE;
}
