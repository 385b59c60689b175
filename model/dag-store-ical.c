/* dag-store-ical.c — the ical_event table: content hashes, SEQUENCE and the
 * last-change time of exported calendar events. */

#include "config.h"

#include <string.h>

#include "dag-store-ical.h"
#include "dag-store-private.h"

/* Times are kept as ISO 8601 UTC text, like the audit log. */
static char *
format_utc (gint64 t)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (t);

  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ");
}

static gint64
parse_utc (const char *text,
           gint64      fallback)
{
  g_autoptr(GDateTime) dt = NULL;

  if (text != NULL)
    dt = g_date_time_new_from_iso8601 (text, NULL);
  return dt ? g_date_time_to_unix (dt) : fallback;
}

static gboolean
stamp_one (DagStore     *self,
           DagIcalStamp *stamp,
           gint64        now,
           const char   *now_text,
           GError      **error)
{
  DagStmt *stmt;
  int rc;

  stmt = dag_store_prepare (self, "SELECT hash, sequence, changed FROM ical_event WHERE uid = ?", error);
  if (stmt == NULL)
    return FALSE;
  dag_stmt_bind_text (stmt, 1, stamp->uid);
  rc = dag_stmt_step (stmt);
  if (rc == DAG_STMT_ROW)
    {
      const char *hash = dag_stmt_column_text (stmt, 0);
      int sequence = dag_stmt_column_int (stmt, 1);

      if (hash != NULL && strcmp (hash, stamp->hash) == 0)
        {
          stamp->sequence = sequence;
          stamp->changed = parse_utc (dag_stmt_column_text (stmt, 2), now);
          dag_stmt_reset (stmt);
          return TRUE;
        }
      dag_stmt_reset (stmt);
      stamp->sequence = sequence + 1;
      stamp->changed = now;
      stmt = dag_store_prepare (self, "UPDATE ical_event SET hash = ?, sequence = ?, changed = ? WHERE uid = ?",
                                error);
    }
  else if (rc == DAG_STMT_DONE)
    {
      dag_stmt_reset (stmt);
      stamp->sequence = 0;
      stamp->changed = now;
      stmt = dag_store_prepare (self, "INSERT INTO ical_event (hash, sequence, changed, uid) VALUES (?, ?, ?, ?)",
                                error);
    }
  else
    return dag_store_set_error (self, error);

  if (stmt == NULL)
    return FALSE;
  dag_stmt_bind_text (stmt, 1, stamp->hash);
  dag_stmt_bind_int (stmt, 2, stamp->sequence);
  dag_stmt_bind_text (stmt, 3, now_text);
  dag_stmt_bind_text (stmt, 4, stamp->uid);
  rc = dag_stmt_step (stmt);
  dag_stmt_reset (stmt);
  if (rc != DAG_STMT_DONE)
    return dag_store_set_error (self, error);
  return TRUE;
}

gboolean
dag_store_ical_stamp (DagStore     *self,
                      DagIcalStamp *stamps,
                      guint         n_stamps,
                      gint64        now,
                      GError      **error)
{
  g_autofree char *now_text = format_utc (now);

  g_return_val_if_fail (DAG_IS_STORE (self), FALSE);
  g_return_val_if_fail (stamps != NULL || n_stamps == 0, FALSE);

  if (!dag_store_begin (self, error))
    return FALSE;
  /* Calendar stamps are nothing an open window shows. */
  dag_store_touch (self, DAG_SECTION_NONE, DAG_DATE_NONE);
  for (guint i = 0; i < n_stamps; i++)
    if (!stamp_one (self, &stamps[i], now, now_text, error))
      {
        dag_store_rollback (self);
        return FALSE;
      }
  return dag_store_commit (self, error);
}
