/* dag-store-absence.c — the SQL that adds, ends and deletes one absence of
 * a participant or a staff member, and adds or deletes one one-off extra
 * dagdeel.  Rows are found by their contents, not by a position, so the
 * loaded organisation and the file only have to agree on what is there. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dag-schedule.h"
#include "dag-store-absence.h"
#include "dag-store-private.h"

/* DagAbsence and DagStaffAbsence share a layout: who, from, to, reason. */
G_STATIC_ASSERT (sizeof (DagAbsence) == sizeof (DagStaffAbsence));
G_STATIC_ASSERT (G_STRUCT_OFFSET (DagAbsence, from) == G_STRUCT_OFFSET (DagStaffAbsence, from));
G_STATIC_ASSERT (G_STRUCT_OFFSET (DagAbsence, to) == G_STRUCT_OFFSET (DagStaffAbsence, to));
G_STATIC_ASSERT (G_STRUCT_OFFSET (DagAbsence, reason) == G_STRUCT_OFFSET (DagStaffAbsence, reason));
G_STATIC_ASSERT (G_STRUCT_OFFSET (DagParticipant, id) == 0 && G_STRUCT_OFFSET (DagStaff, id) == 0);

typedef struct {
  GArray     *array;      /* of DagAbsence or DagStaffAbsence */
  GArray     *people;     /* org->participants or org->staff */
  const char *table;
  const char *column;
} Kind;

static void
kind_init (Kind *k, DagOrg *org, DagAbsenceOf of)
{
  if (of == DAG_ABSENCE_STAFF)
    *k = (Kind) { org->staff_absences, org->staff, "staff_absence", "staff" };
  else
    *k = (Kind) { org->absences, org->participants, "absence", "participant" };
}

static const char *
person_id (const Kind *k, int who)
{
  /* DagParticipant and DagStaff both start with their id. */
  return *(char **) (k->people->data + (gsize) who * g_array_get_element_size (k->people));
}

static const DagAbsence *
absence_at (const Kind *k, guint i)
{
  return (const DagAbsence *) (k->array->data + (gsize) i * g_array_get_element_size (k->array));
}

static void
bind_date (sqlite3_stmt *stmt, int col, DagDate date)
{
  char buf[DAG_DATE_BUF];

  if (date == DAG_DATE_NONE)
    sqlite3_bind_null (stmt, col);
  else
    sqlite3_bind_text (stmt, col, dag_date_format (date, buf), -1, SQLITE_TRANSIENT);
}

/* Runs a bound statement without results; the number of rows it changed,
 * or -1 with error set. */
static int
run (DagStore *store, sqlite3_stmt *stmt, GError **error)
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

/* The dates and overlaps an absence of who from..to must respect; skip is
 * the index of the absence being changed (G_MAXUINT for a new one). */
static gboolean
check_dates (const Kind *k,
             int         who,
             DagDate     from,
             DagDate     to,
             guint       skip,
             GError    **error)
{
  char b1[DAG_DATE_BUF], b2[DAG_DATE_BUF];

  if (from == DAG_DATE_NONE)
    {
      g_set_error_literal (error, DAG_STORE_ERROR, DAG_STORE_ERROR_CONSTRAINT,
                           _("The absence needs a first day"));
      return FALSE;
    }
  if (to == DAG_DATE_NONE)
    {
      g_set_error_literal (error, DAG_STORE_ERROR, DAG_STORE_ERROR_CONSTRAINT,
                           _("The absence needs a last day"));
      return FALSE;
    }
  if (to < from)
    {
      g_set_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_CONSTRAINT,
                   _("The absence ends on %s, before it starts on %s"),
                   dag_date_format (to, b1), dag_date_format (from, b2));
      return FALSE;
    }
  for (guint i = 0; i < k->array->len; i++)
    {
      const DagAbsence *a = absence_at (k, i);

      if (i == skip || a->participant != who)
        continue;
      if (a->from <= to && from <= a->to)
        {
          g_set_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_CONSTRAINT,
                       _("The absence overlaps the one from %s to %s"),
                       dag_date_format (a->from, b1), dag_date_format (a->to, b2));
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
audit (DagStore   *store,
       const Kind *k,
       const char *id,
       DagDate     from,
       DagDate     to,
       const char *what,
       GError    **error)
{
  char b1[DAG_DATE_BUF], b2[DAG_DATE_BUF];
  g_autofree char *detail = g_strdup_printf ("%s=%s from=%s to=%s %s", k->column, id,
                                             dag_date_format (from, b1), dag_date_format (to, b2), what);

  return dag_store_audit (store, k->table, detail, error);
}

gboolean
dag_store_add_absence (DagStore     *store,
                       DagOrg       *org,
                       DagAbsenceOf  of,
                       int           who,
                       DagDate       from,
                       DagDate       to,
                       const char   *reason,
                       GError      **error)
{
  g_autofree char *sql = NULL;
  g_autofree char *why = NULL;
  sqlite3_stmt *stmt;
  const char *id;
  DagAbsence a;
  Kind k;
  gboolean ok;

  g_return_val_if_fail (DAG_IS_STORE (store), FALSE);
  g_return_val_if_fail (org != NULL, FALSE);

  kind_init (&k, org, of);
  if (who < 0 || (guint) who >= k.people->len)
    {
      g_set_error_literal (error, DAG_STORE_ERROR, DAG_STORE_ERROR_NOT_FOUND,
                           of == DAG_ABSENCE_STAFF ? _("There is no staff member with that id")
                                                   : _("There is no participant with that id"));
      return FALSE;
    }
  if (!check_dates (&k, who, from, to, G_MAXUINT, error))
    return FALSE;
  id = person_id (&k, who);
  why = reason != NULL ? g_strstrip (g_strdup (reason)) : NULL;
  if (why != NULL && why[0] == '\0')
    g_clear_pointer (&why, g_free);

  if (!dag_store_begin (store, error))
    return FALSE;
  sql = g_strdup_printf ("INSERT INTO %s (%s, from_date, to_date, reason) VALUES (?, ?, ?, ?)",
                         k.table, k.column);
  stmt = dag_store_prepare (store, sql, error);
  ok = stmt != NULL;
  if (ok)
    {
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
      bind_date (stmt, 2, from);
      bind_date (stmt, 3, to);
      if (why != NULL)
        sqlite3_bind_text (stmt, 4, why, -1, SQLITE_TRANSIENT);
      else
        sqlite3_bind_null (stmt, 4);
      ok = run (store, stmt, error) == 1;
    }
  ok = ok && audit (store, &k, id, from, to, "added", error);
  if (!ok || !dag_store_commit (store, error))
    {
      dag_store_rollback (store);
      return FALSE;
    }
  a = (DagAbsence) { who, from, to, g_steal_pointer (&why) };
  g_array_append_vals (k.array, &a, 1);
  return TRUE;
}

/* The rowid of a row with the contents of absence i, or 0 (then error may
 * be set). */
static sqlite3_int64
find_row (DagStore   *store,
          const Kind *k,
          guint       i,
          GError    **error)
{
  const DagAbsence *a = absence_at (k, i);
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM %s WHERE %s = ? AND from_date = ? AND to_date = ?"
                                          " ORDER BY id LIMIT 1", k->table, k->column);
  sqlite3_stmt *stmt = dag_store_prepare (store, sql, error);
  sqlite3_int64 row = 0;
  int rc;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, person_id (k, a->participant), -1, SQLITE_TRANSIENT);
  bind_date (stmt, 2, a->from);
  bind_date (stmt, 3, a->to);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    row = sqlite3_column_int64 (stmt, 0);
  else if (rc != SQLITE_DONE)
    dag_store_set_error (store, error);
  else
    g_set_error_literal (error, DAG_STORE_ERROR, DAG_STORE_ERROR_NOT_FOUND,
                         _("The absence is no longer in the database; reload the organisation"));
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return row;
}

/* Checks index and that its person is known. */
static gboolean
check_index (const Kind *k,
             guint       index,
             GError    **error)
{
  const DagAbsence *a;

  if (index >= k->array->len)
    {
      g_set_error_literal (error, DAG_STORE_ERROR, DAG_STORE_ERROR_NOT_FOUND,
                           _("There is no such absence"));
      return FALSE;
    }
  a = absence_at (k, index);
  if (a->participant < 0 || (guint) a->participant >= k->people->len)
    {
      g_set_error_literal (error, DAG_STORE_ERROR, DAG_STORE_ERROR_NOT_FOUND,
                           _("The absence belongs to nobody known"));
      return FALSE;
    }
  return TRUE;
}

gboolean
dag_store_end_absence (DagStore     *store,
                       DagOrg       *org,
                       DagAbsenceOf  of,
                       guint         index,
                       DagDate       to,
                       GError      **error)
{
  g_autofree char *sql = NULL;
  DagAbsence *a;
  sqlite3_stmt *stmt;
  sqlite3_int64 row;
  gboolean ok;
  Kind k;

  g_return_val_if_fail (DAG_IS_STORE (store), FALSE);
  g_return_val_if_fail (org != NULL, FALSE);

  kind_init (&k, org, of);
  if (!check_index (&k, index, error))
    return FALSE;
  a = (DagAbsence *) absence_at (&k, index);
  if (!check_dates (&k, a->participant, a->from, to, index, error))
    return FALSE;
  if (!dag_store_begin (store, error))
    return FALSE;
  row = find_row (store, &k, index, error);
  ok = row > 0;
  if (ok)
    {
      sql = g_strdup_printf ("UPDATE %s SET to_date = ? WHERE id = ?", k.table);
      stmt = dag_store_prepare (store, sql, error);
      ok = stmt != NULL;
      if (ok)
        {
          bind_date (stmt, 1, to);
          sqlite3_bind_int64 (stmt, 2, row);
          ok = run (store, stmt, error) == 1;
        }
    }
  ok = ok && audit (store, &k, person_id (&k, a->participant), a->from, to, "ended", error);
  if (!ok || !dag_store_commit (store, error))
    {
      dag_store_rollback (store);
      return FALSE;
    }
  a->to = to;
  return TRUE;
}

gboolean
dag_store_delete_absence (DagStore     *store,
                          DagOrg       *org,
                          DagAbsenceOf  of,
                          guint         index,
                          GError      **error)
{
  g_autofree char *sql = NULL;
  const DagAbsence *a;
  sqlite3_stmt *stmt;
  sqlite3_int64 row;
  gboolean ok;
  Kind k;

  g_return_val_if_fail (DAG_IS_STORE (store), FALSE);
  g_return_val_if_fail (org != NULL, FALSE);

  kind_init (&k, org, of);
  if (!check_index (&k, index, error))
    return FALSE;
  a = absence_at (&k, index);
  if (!dag_store_begin (store, error))
    return FALSE;
  row = find_row (store, &k, index, error);
  ok = row > 0;
  if (ok)
    {
      sql = g_strdup_printf ("DELETE FROM %s WHERE id = ?", k.table);
      stmt = dag_store_prepare (store, sql, error);
      ok = stmt != NULL;
      if (ok)
        {
          sqlite3_bind_int64 (stmt, 1, row);
          ok = run (store, stmt, error) == 1;
        }
    }
  ok = ok && audit (store, &k, person_id (&k, a->participant), a->from, a->to, "deleted", error);
  if (!ok || !dag_store_commit (store, error))
    {
      dag_store_rollback (store);
      return FALSE;
    }
  /* Keeps the order, so the array stays in the file's order. */
  g_array_remove_index (k.array, index);
  return TRUE;
}

/* ---- one-off extra dagdelen -------------------------------------------- */

gboolean
dag_store_add_extra_session (DagStore   *store,
                             DagOrg     *org,
                             int         participant,
                             int         group,
                             DagDate     date,
                             int         part,
                             const char *reason,
                             GError    **error)
{
  g_autoptr(DagSchedule) schedule = NULL;
  g_autofree char *why = NULL;
  g_autofree char *detail = NULL;
  const DagParticipant *p;
  const DagGroup *g;
  DagSession session;
  sqlite3_stmt *stmt;
  char buf[DAG_DATE_BUF];
  DagOneOff c;
  int day, slot;
  gboolean ok;

  g_return_val_if_fail (DAG_IS_STORE (store), FALSE);
  g_return_val_if_fail (org != NULL, FALSE);

  if (participant < 0 || (guint) participant >= org->participants->len)
    {
      g_set_error_literal (error, DAG_STORE_ERROR, DAG_STORE_ERROR_NOT_FOUND,
                           _("There is no participant with that id"));
      return FALSE;
    }
  if (group < 0 || (guint) group >= org->groups->len)
    {
      g_set_error_literal (error, DAG_STORE_ERROR, DAG_STORE_ERROR_NOT_FOUND,
                           _("There is no group with that id"));
      return FALSE;
    }
  if (date == DAG_DATE_NONE || part < 0 || part >= DAG_N_PARTS)
    {
      g_set_error_literal (error, DAG_STORE_ERROR, DAG_STORE_ERROR_CONSTRAINT,
                           _("The extra dagdeel needs a date and a part of the day"));
      return FALSE;
    }
  p = DAG_AT (org->participants, DagParticipant, participant);
  g = DAG_AT (org->groups, DagGroup, group);
  day = dag_date_weekday (date);
  slot = DAG_SLOT (day, part);
  if (day >= DAG_N_DAYS || !(g->slots & DAG_SLOT_BIT (slot)))
    {
      g_set_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_CONSTRAINT,
                   _("Group %s does not meet then"), g->name);
      return FALSE;
    }
  schedule = dag_schedule_new (org);
  if (dag_schedule_is_holiday (schedule, date, NULL))
    {
      g_set_error_literal (error, DAG_STORE_ERROR, DAG_STORE_ERROR_CONSTRAINT,
                           _("It is a public holiday: no group meets"));
      return FALSE;
    }
  if (dag_schedule_session_at (schedule, participant, slot, date, &session) &&
      session.state != DAG_SESSION_CANCELLED)
    {
      g_set_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_CONSTRAINT,
                   _("%s is already planned in group %s then"), p->name,
                   DAG_AT (org->groups, DagGroup, session.group)->name);
      return FALSE;
    }
  why = reason != NULL ? g_strstrip (g_strdup (reason)) : NULL;
  if (why != NULL && why[0] == '\0')
    g_clear_pointer (&why, g_free);

  if (!dag_store_begin (store, error))
    return FALSE;
  stmt = dag_store_prepare (store, "INSERT INTO one_off (kind, participant, staff, date, part, grp, reason)"
                            " VALUES ('add', ?, NULL, ?, ?, ?, ?)", error);
  ok = stmt != NULL;
  if (ok)
    {
      sqlite3_bind_text (stmt, 1, p->id, -1, SQLITE_TRANSIENT);
      bind_date (stmt, 2, date);
      sqlite3_bind_int (stmt, 3, part);
      sqlite3_bind_text (stmt, 4, g->id, -1, SQLITE_TRANSIENT);
      if (why != NULL)
        sqlite3_bind_text (stmt, 5, why, -1, SQLITE_TRANSIENT);
      else
        sqlite3_bind_null (stmt, 5);
      ok = run (store, stmt, error) == 1;
    }
  if (ok)
    {
      detail = g_strdup_printf ("add participant=%s group=%s date=%s part=%s", p->id, g->id,
                                dag_date_format (date, buf), dag_part_name (part));
      ok = dag_store_audit (store, "one-off", detail, error);
    }
  if (!ok || !dag_store_commit (store, error))
    {
      dag_store_rollback (store);
      return FALSE;
    }
  c = (DagOneOff) { DAG_ONE_OFF_ADD, participant, -1, date, part, group, g_steal_pointer (&why) };
  g_array_append_val (org->one_offs, c);
  return TRUE;
}

gboolean
dag_store_delete_one_off (DagStore   *store,
                          DagOrg     *org,
                          guint       index,
                          GError    **error)
{
  const DagOneOff *c;
  sqlite3_stmt *stmt;
  g_autofree char *detail = NULL;
  char buf[DAG_DATE_BUF];
  sqlite3_int64 row = 0;
  gboolean ok;
  int rc;

  g_return_val_if_fail (DAG_IS_STORE (store), FALSE);
  g_return_val_if_fail (org != NULL, FALSE);

  if (index >= org->one_offs->len)
    {
      g_set_error_literal (error, DAG_STORE_ERROR, DAG_STORE_ERROR_NOT_FOUND,
                           _("There is no such one-off change"));
      return FALSE;
    }
  c = DAG_AT (org->one_offs, DagOneOff, index);
  if (!dag_store_begin (store, error))
    return FALSE;
  stmt = dag_store_prepare (store, "SELECT id FROM one_off WHERE kind = ? AND participant IS ? AND staff IS ?"
                            " AND date = ? AND part = ? AND grp IS ? ORDER BY id LIMIT 1", error);
  ok = stmt != NULL;
  if (ok)
    {
      sqlite3_bind_text (stmt, 1, c->kind == DAG_ONE_OFF_ADD ? "add" : "cancel", -1, SQLITE_STATIC);
      if (c->participant >= 0)
        sqlite3_bind_text (stmt, 2, DAG_AT (org->participants, DagParticipant, c->participant)->id, -1,
                           SQLITE_TRANSIENT);
      if (c->staff >= 0)
        sqlite3_bind_text (stmt, 3, DAG_AT (org->staff, DagStaff, c->staff)->id, -1, SQLITE_TRANSIENT);
      bind_date (stmt, 4, c->date);
      sqlite3_bind_int (stmt, 5, c->part);
      if (c->group >= 0)
        sqlite3_bind_text (stmt, 6, DAG_AT (org->groups, DagGroup, c->group)->id, -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        row = sqlite3_column_int64 (stmt, 0);
      else if (rc != SQLITE_DONE)
        dag_store_set_error (store, error);
      else
        g_set_error_literal (error, DAG_STORE_ERROR, DAG_STORE_ERROR_NOT_FOUND,
                             _("The change is no longer in the database; reload the organisation"));
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      ok = row > 0;
    }
  if (ok)
    {
      stmt = dag_store_prepare (store, "DELETE FROM one_off WHERE id = ?", error);
      ok = stmt != NULL;
      if (ok)
        {
          sqlite3_bind_int64 (stmt, 1, row);
          ok = run (store, stmt, error) == 1;
        }
    }
  if (ok)
    {
      detail = g_strdup_printf ("delete %s date=%s part=%s", c->kind == DAG_ONE_OFF_ADD ? "add" : "cancel",
                                dag_date_format (c->date, buf), dag_part_name (c->part));
      ok = dag_store_audit (store, "one-off", detail, error);
    }
  if (!ok || !dag_store_commit (store, error))
    {
      dag_store_rollback (store);
      return FALSE;
    }
  g_array_remove_index (org->one_offs, index);
  return TRUE;
}
