/* dag-store-absence.c — the SQL that adds, ends and deletes one absence of
 * a participant or a staff member, and adds or deletes the one-off changes
 * of one date (extra dagdelen, cancellations, swaps), with the checks the
 * dialogs also ask before anything is written.  Rows are found by their
 * contents, not by a position, so the loaded organisation and the file
 * only have to agree on what is there. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "dag-schedule.h"
#include "dag-store-absence.h"
#include "dag-store-private.h"
#include "dag-validate.h"

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
kind_init (Kind *k, const DagOrg *org, DagAbsenceOf of)
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
bind_date (DagStmt *stmt, int col, DagDate date)
{
  char buf[DAG_DATE_BUF];

  if (date == DAG_DATE_NONE)
    dag_stmt_bind_null (stmt, col);
  else
    dag_stmt_bind_text (stmt, col, dag_date_format (date, buf));
}

/* Runs a bound statement without results; the number of rows it changed,
 * or -1 with error set. */
static int
run (DagStore *store, DagStmt *stmt, GError **error)
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

/* A reason as the import takes it: no control characters, at most
 * DAG_TEXT_MAX_REASON characters (the message names the field, never the
 * reason itself: it may be health data). */
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
  DagStmt *stmt;
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
  if (!check_dates (&k, who, from, to, G_MAXUINT, error) ||
      !dag_validate_reason (reason, error))
    return FALSE;
  id = person_id (&k, who);
  why = reason != NULL ? g_strstrip (g_strdup (reason)) : NULL;
  if (why != NULL && why[0] == '\0')
    g_clear_pointer (&why, g_free);

  if (!dag_store_begin (store, error))
    return FALSE;
  dag_store_touch (store, DAG_SECTION_ABSENCES, DAG_DATE_NONE);
  sql = g_strdup_printf ("INSERT INTO %s (%s, from_date, to_date, reason) VALUES (?, ?, ?, ?)",
                         k.table, k.column);
  stmt = dag_store_prepare (store, sql, error);
  ok = stmt != NULL;
  if (ok)
    {
      dag_stmt_bind_text (stmt, 1, id);
      bind_date (stmt, 2, from);
      bind_date (stmt, 3, to);
      if (why != NULL)
        dag_stmt_bind_text (stmt, 4, why);
      else
        dag_stmt_bind_null (stmt, 4);
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
static gint64
find_row (DagStore   *store,
          const Kind *k,
          guint       i,
          GError    **error)
{
  const DagAbsence *a = absence_at (k, i);
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM %s WHERE %s = ? AND from_date = ? AND to_date = ?"
                                          " ORDER BY id LIMIT 1", k->table, k->column);
  DagStmt *stmt = dag_store_prepare (store, sql, error);
  gint64 row = 0;
  int rc;

  if (stmt == NULL)
    return 0;
  dag_stmt_bind_text (stmt, 1, person_id (k, a->participant));
  bind_date (stmt, 2, a->from);
  bind_date (stmt, 3, a->to);
  rc = dag_stmt_step (stmt);
  if (rc == DAG_STMT_ROW)
    row = dag_stmt_column_int64 (stmt, 0);
  else if (rc != DAG_STMT_DONE)
    dag_store_set_error (store, error);
  else
    g_set_error_literal (error, DAG_STORE_ERROR, DAG_STORE_ERROR_NOT_FOUND,
                         _("The absence is no longer in the database; reload the organisation"));
  dag_stmt_reset (stmt);
  dag_stmt_clear (stmt);
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
  DagStmt *stmt;
  gint64 row;
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
  dag_store_touch (store, DAG_SECTION_ABSENCES, DAG_DATE_NONE);
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
          dag_stmt_bind_int64 (stmt, 2, row);
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
  DagStmt *stmt;
  gint64 row;
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
  dag_store_touch (store, DAG_SECTION_ABSENCES, DAG_DATE_NONE);
  row = find_row (store, &k, index, error);
  ok = row > 0;
  if (ok)
    {
      sql = g_strdup_printf ("DELETE FROM %s WHERE id = ?", k.table);
      stmt = dag_store_prepare (store, sql, error);
      ok = stmt != NULL;
      if (ok)
        {
          dag_stmt_bind_int64 (stmt, 1, row);
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

gboolean
dag_store_check_absence (const DagOrg *org,
                         DagAbsenceOf  of,
                         int           who,
                         DagDate       from,
                         DagDate       to,
                         int           index,
                         GError      **error)
{
  Kind k;

  g_return_val_if_fail (org != NULL, FALSE);

  kind_init (&k, org, of);
  if (index >= 0 && !check_index (&k, (guint) index, error))
    return FALSE;
  if (who < 0 || (guint) who >= k.people->len)
    {
      g_set_error_literal (error, DAG_STORE_ERROR, DAG_STORE_ERROR_NOT_FOUND,
                           of == DAG_ABSENCE_STAFF ? _("There is no staff member with that id")
                                                   : _("There is no participant with that id"));
      return FALSE;
    }
  return check_dates (&k, who, from, to, index >= 0 ? (guint) index : G_MAXUINT, error);
}

int
dag_absence_find (const DagOrg *org,
                  DagAbsenceOf  of,
                  int           who,
                  DagDate       from,
                  DagDate       to)
{
  Kind k;

  g_return_val_if_fail (org != NULL, -1);

  kind_init (&k, org, of);
  for (guint i = 0; i < k.array->len; i++)
    {
      const DagAbsence *a = absence_at (&k, i);

      if (a->participant == who && a->from == from && a->to == to)
        return (int) i;
    }
  return -1;
}

gboolean
dag_store_check_dates_open (const DagOrg *org,
                            DagDate       from,
                            DagDate       to,
                            DagDate       today,
                            GError      **error)
{
  char buf[DAG_DATE_BUF];

  g_return_val_if_fail (org != NULL, FALSE);

  if (from == DAG_DATE_NONE || to == DAG_DATE_NONE || to < from)
    return TRUE;    /* the other checks say what is wrong */
  /* A change of dates (an absence, a one-off) is what a coordinator enters
   * on the day: a sick call in the morning, an unexpected extra.  Unlike
   * the standing plan, it is refused only for the days gone by; today and
   * the rest of a week with attendance stay open. */
  if (from < today)
    {
      g_set_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_FROZEN,
                   /* Translators: %s is a date, YYYY-MM-DD */
                   _("%s is in the past: what was planned and registered then stays as it was"),
                   dag_date_format (from, buf));
      return FALSE;
    }
  return TRUE;
}

/* ---- one-off changes ---------------------------------------------------- */

static const char *
participant_name (const DagOrg *org,
                  int           participant)
{
  return DAG_AT (org->participants, DagParticipant, participant)->name;
}

/* A date and a dagdeel that exist: a weekday with dagdelen (Monday to
 * Saturday) and a part. */
static gboolean
check_date_part (DagDate   date,
                 int       part,
                 GError  **error)
{
  if (date == DAG_DATE_NONE || part < 0 || part >= DAG_N_PARTS || dag_date_weekday (date) >= DAG_N_DAYS)
    {
      g_set_error_literal (error, DAG_STORE_ERROR, DAG_STORE_ERROR_CONSTRAINT,
                           _("Choose a weekday and a dagdeel"));
      return FALSE;
    }
  return TRUE;
}

/* Whether group meets on date in part: it runs that dagdeel, and it is no
 * holiday and its location is not closed. */
static gboolean
check_group_meets (const DagOrg *org,
                   DagSchedule  *schedule,
                   int           group,
                   DagDate       date,
                   int           part,
                   GError      **error)
{
  const DagGroup *g;
  char buf[DAG_DATE_BUF];

  if (group < 0 || (guint) group >= org->groups->len)
    {
      g_set_error_literal (error, DAG_STORE_ERROR, DAG_STORE_ERROR_NOT_FOUND,
                           _("There is no group with that id"));
      return FALSE;
    }
  g = DAG_AT (org->groups, DagGroup, group);
  if (!(g->slots & DAG_SLOT_BIT (DAG_SLOT (dag_date_weekday (date), part))))
    {
      g_set_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_CONSTRAINT,
                   _("Group %s does not meet then"), g->name);
      return FALSE;
    }
  if (dag_schedule_is_holiday (schedule, date, NULL))
    {
      g_set_error_literal (error, DAG_STORE_ERROR, DAG_STORE_ERROR_CONSTRAINT,
                           _("It is a public holiday: no group meets"));
      return FALSE;
    }
  if (g->location >= 0 && (guint) g->location < org->locations->len &&
      dag_location_is_closed (DAG_AT (org->locations, DagLocation, g->location), date))
    {
      g_set_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_CONSTRAINT,
                   _("The location of group %s is closed on %s"), g->name, dag_date_format (date, buf));
      return FALSE;
    }
  return TRUE;
}

/* The checks of an extra dagdeel; the session of free_date and free_part
 * is one the same change cancels (a swap), so it does not count as busy. */
static gboolean
check_extra (const DagOrg *org,
             DagSchedule  *schedule,
             int           participant,
             int           group,
             DagDate       date,
             int           part,
             DagDate       free_date,
             int           free_part,
             GError      **error)
{
  DagSession session;
  char buf[DAG_DATE_BUF];
  const char *name;

  if (participant < 0 || (guint) participant >= org->participants->len)
    {
      g_set_error_literal (error, DAG_STORE_ERROR, DAG_STORE_ERROR_NOT_FOUND,
                           _("There is no participant with that id"));
      return FALSE;
    }
  if (!check_date_part (date, part, error) ||
      !check_group_meets (org, schedule, group, date, part, error))
    return FALSE;
  name = participant_name (org, participant);
  if (dag_schedule_is_absent (schedule, participant, date))
    {
      g_set_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_CONSTRAINT,
                   _("%s is absent on %s"), name, dag_date_format (date, buf));
      return FALSE;
    }
  if (dag_schedule_session_at (schedule, participant, DAG_SLOT (dag_date_weekday (date), part),
                               date, &session) &&
      session.state != DAG_SESSION_CANCELLED && !(date == free_date && part == free_part))
    {
      g_set_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_CONSTRAINT,
                   _("%s is already planned in group %s then"), name,
                   DAG_AT (org->groups, DagGroup, session.group)->name);
      return FALSE;
    }
  if (dag_schedule_indication_for (schedule, participant, group, date) < 0)
    {
      g_set_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_CONSTRAINT,
                   _("%s has no indication valid on %s for a product of group %s"), name,
                   dag_date_format (date, buf), DAG_AT (org->groups, DagGroup, group)->name);
      return FALSE;
    }
  return TRUE;
}

/* The checks of a cancellation; fills session with the one cancelled. */
static gboolean
check_cancel (const DagOrg *org,
              DagSchedule  *schedule,
              int           participant,
              DagDate       date,
              int           part,
              DagSession   *session,
              GError      **error)
{
  char buf[DAG_DATE_BUF];
  const char *name, *when;
  int slot;

  if (participant < 0 || (guint) participant >= org->participants->len)
    {
      g_set_error_literal (error, DAG_STORE_ERROR, DAG_STORE_ERROR_NOT_FOUND,
                           _("There is no participant with that id"));
      return FALSE;
    }
  if (!check_date_part (date, part, error))
    return FALSE;
  name = participant_name (org, participant);
  slot = DAG_SLOT (dag_date_weekday (date), part);
  when = dag_slot_label (slot);
  dag_date_format (date, buf);
  if (!dag_schedule_session_at (schedule, participant, slot, date, session))
    {
      /* Translators: a participant's name, a date and "Monday morning". */
      g_set_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_CONSTRAINT,
                   _("%s has no dagdeel planned on %s, %s"), name, buf, when);
      return FALSE;
    }
  if (session->plan_entry < 0)
    {
      g_set_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_CONSTRAINT,
                   _("%s comes on %s, %s as an extra dagdeel: remove that change instead"), name, buf, when);
      return FALSE;
    }
  switch (session->state)
    {
    case DAG_SESSION_ON:
      return TRUE;
    case DAG_SESSION_CANCELLED:
      g_set_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_CONSTRAINT,
                   _("The dagdeel of %s on %s, %s is already cancelled"), name, buf, when);
      return FALSE;
    case DAG_SESSION_HOLIDAY:
      g_set_error_literal (error, DAG_STORE_ERROR, DAG_STORE_ERROR_CONSTRAINT,
                           _("It is a public holiday: no group meets"));
      return FALSE;
    case DAG_SESSION_CLOSED:
      g_set_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_CONSTRAINT,
                   _("The location of group %s is closed on %s"),
                   DAG_AT (org->groups, DagGroup, session->group)->name, buf);
      return FALSE;
    case DAG_SESSION_ABSENT:
      g_set_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_CONSTRAINT,
                   _("%s is absent on %s"), name, buf);
      return FALSE;
    case DAG_SESSION_NO_INDICATION:
    default:
      g_set_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_CONSTRAINT,
                   _("%s has no indication valid on %s: the dagdeel does not take place"), name, buf);
      return FALSE;
    }
}

gboolean
dag_store_check_extra_session (const DagOrg *org,
                               int           participant,
                               int           group,
                               DagDate       date,
                               int           part,
                               GError      **error)
{
  g_autoptr(DagSchedule) schedule = NULL;

  g_return_val_if_fail (org != NULL, FALSE);

  schedule = dag_schedule_new (org);
  return check_extra (org, schedule, participant, group, date, part, DAG_DATE_NONE, -1, error);
}

static gboolean
check_swap (const DagOrg *org,
            DagSchedule  *schedule,
            int           participant,
            DagDate       date,
            int           part,
            int           to_group,
            DagDate       to_date,
            int           to_part,
            DagSession   *session,
            GError      **error)
{
  if (!check_cancel (org, schedule, participant, date, part, session, error))
    return FALSE;
  if (to_group == session->group && to_date == date && to_part == part)
    {
      g_set_error_literal (error, DAG_STORE_ERROR, DAG_STORE_ERROR_CONSTRAINT,
                           _("Choose another day, dagdeel or group"));
      return FALSE;
    }
  return check_extra (org, schedule, participant, to_group, to_date, to_part, date, part, error);
}

gboolean
dag_store_check_swap (const DagOrg *org,
                      int           participant,
                      DagDate       date,
                      int           part,
                      int           to_group,
                      DagDate       to_date,
                      int           to_part,
                      GError      **error)
{
  g_autoptr(DagSchedule) schedule = NULL;
  DagSession session;

  g_return_val_if_fail (org != NULL, FALSE);

  schedule = dag_schedule_new (org);
  return check_swap (org, schedule, participant, date, part, to_group, to_date, to_part, &session, error);
}

static char *
clean_reason (const char *reason)
{
  char *why = reason != NULL ? g_strstrip (g_strdup (reason)) : NULL;

  if (why != NULL && why[0] == '\0')
    g_clear_pointer (&why, g_free);
  return why;
}

/* Writes c and its audit entry (which never holds the reason: it may be
 * health data), inside a transaction of the caller. */
static gboolean
insert_one_off (DagStore        *store,
                const DagOrg    *org,
                const DagOneOff *c,
                GError         **error)
{
  g_autofree char *detail = NULL;
  const char *who_id, *group_id;
  char buf[DAG_DATE_BUF];
  DagStmt *stmt;

  stmt = dag_store_prepare (store, "INSERT INTO one_off (kind, participant, staff, date, part, grp, reason)"
                            " VALUES (?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  who_id = c->participant >= 0 ? DAG_AT (org->participants, DagParticipant, c->participant)->id
                               : DAG_AT (org->staff, DagStaff, c->staff)->id;
  group_id = c->group >= 0 ? DAG_AT (org->groups, DagGroup, c->group)->id : NULL;
  dag_stmt_bind_text (stmt, 1, c->kind == DAG_ONE_OFF_ADD ? "add" : "cancel");
  dag_stmt_bind_text (stmt, c->participant >= 0 ? 2 : 3, who_id);
  bind_date (stmt, 4, c->date);
  dag_stmt_bind_int (stmt, 5, c->part);
  if (group_id != NULL)
    dag_stmt_bind_text (stmt, 6, group_id);
  if (c->reason != NULL)
    dag_stmt_bind_text (stmt, 7, c->reason);
  if (run (store, stmt, error) != 1)
    return FALSE;
  detail = g_strdup_printf ("%s %s=%s group=%s date=%s part=%s", c->kind == DAG_ONE_OFF_ADD ? "add" : "cancel",
                            c->participant >= 0 ? "participant" : "staff", who_id,
                            group_id != NULL ? group_id : "-", dag_date_format (c->date, buf),
                            dag_part_name (c->part));
  return dag_store_audit (store, "one-off", detail, error);
}

/* Writes the n changes in one transaction, then appends them to org (which
 * takes their reasons). */
static gboolean
add_one_offs (DagStore  *store,
              DagOrg    *org,
              DagOneOff *changes,
              guint      n,
              GError   **error)
{
  gboolean ok;

  for (guint i = 0; i < n; i++)
    if (!dag_validate_reason (changes[i].reason, error))
      return FALSE;
  if (!dag_store_begin (store, error))
    return FALSE;
  dag_store_touch (store, DAG_SECTION_ONE_OFFS, DAG_DATE_NONE);
  ok = TRUE;
  for (guint i = 0; ok && i < n; i++)
    ok = insert_one_off (store, org, &changes[i], error);
  if (!ok || !dag_store_commit (store, error))
    {
      dag_store_rollback (store);
      return FALSE;
    }
  g_array_append_vals (org->one_offs, changes, n);
  return TRUE;
}

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
  DagOneOff c;

  g_return_val_if_fail (DAG_IS_STORE (store), FALSE);
  g_return_val_if_fail (org != NULL, FALSE);

  schedule = dag_schedule_new (org);
  if (!check_extra (org, schedule, participant, group, date, part, DAG_DATE_NONE, -1, error))
    return FALSE;
  c = (DagOneOff) { DAG_ONE_OFF_ADD, participant, -1, date, part, group, clean_reason (reason) };
  if (!add_one_offs (store, org, &c, 1, error))
    {
      g_free (c.reason);
      return FALSE;
    }
  return TRUE;
}

gboolean
dag_store_cancel_session (DagStore   *store,
                          DagOrg     *org,
                          int         participant,
                          DagDate     date,
                          int         part,
                          const char *reason,
                          GError    **error)
{
  g_autoptr(DagSchedule) schedule = NULL;
  DagSession session;
  DagOneOff c;

  g_return_val_if_fail (DAG_IS_STORE (store), FALSE);
  g_return_val_if_fail (org != NULL, FALSE);

  schedule = dag_schedule_new (org);
  if (!check_cancel (org, schedule, participant, date, part, &session, error))
    return FALSE;
  /* Of that group: an addition in the same dagdeel elsewhere (the other
   * half of a swap) still takes place. */
  c = (DagOneOff) { DAG_ONE_OFF_CANCEL, participant, -1, date, part, session.group, clean_reason (reason) };
  if (!add_one_offs (store, org, &c, 1, error))
    {
      g_free (c.reason);
      return FALSE;
    }
  return TRUE;
}

gboolean
dag_store_swap_session (DagStore   *store,
                        DagOrg     *org,
                        int         participant,
                        DagDate     date,
                        int         part,
                        int         to_group,
                        DagDate     to_date,
                        int         to_part,
                        const char *reason,
                        GError    **error)
{
  g_autoptr(DagSchedule) schedule = NULL;
  DagSession session;
  DagOneOff c[2];

  g_return_val_if_fail (DAG_IS_STORE (store), FALSE);
  g_return_val_if_fail (org != NULL, FALSE);

  schedule = dag_schedule_new (org);
  if (!check_swap (org, schedule, participant, date, part, to_group, to_date, to_part, &session, error))
    return FALSE;
  c[0] = (DagOneOff) { DAG_ONE_OFF_CANCEL, participant, -1, date, part, session.group, clean_reason (reason) };
  c[1] = (DagOneOff) { DAG_ONE_OFF_ADD, participant, -1, to_date, to_part, to_group, clean_reason (reason) };
  if (!add_one_offs (store, org, c, 2, error))
    {
      g_free (c[0].reason);
      g_free (c[1].reason);
      return FALSE;
    }
  return TRUE;
}

/* ---- staff one-offs ----------------------------------------------------- */

typedef struct {
  int             staff;
  int             part;
  int             group;      /* -1: any */
  gboolean        found;
  DagStaffSession session;
} StaffFind;

static gboolean
find_staff_session (const DagStaffSession *s,
                    gpointer               user_data)
{
  StaffFind *f = user_data;

  if (s->staff != f->staff || s->part != f->part || (f->group >= 0 && s->group != f->group))
    return TRUE;
  /* A cancelled one gives way to another of the same dagdeel. */
  if (!f->found || f->session.state == DAG_SESSION_CANCELLED)
    {
      f->session = *s;
      f->found = TRUE;
    }
  return TRUE;
}

static gboolean
check_staff (const DagOrg *org,
             int           staff,
             GError      **error)
{
  if (staff < 0 || (guint) staff >= org->staff->len)
    {
      g_set_error_literal (error, DAG_STORE_ERROR, DAG_STORE_ERROR_NOT_FOUND,
                           _("There is no staff member with that id"));
      return FALSE;
    }
  return TRUE;
}

gboolean
dag_store_add_staff_extra (DagStore   *store,
                           DagOrg     *org,
                           int         staff,
                           int         group,
                           DagDate     date,
                           int         part,
                           const char *reason,
                           GError    **error)
{
  g_autoptr(DagSchedule) schedule = NULL;
  StaffFind f = { staff, part, -1, FALSE, { 0 } };
  char buf[DAG_DATE_BUF];
  const char *name;
  DagOneOff c;

  g_return_val_if_fail (DAG_IS_STORE (store), FALSE);
  g_return_val_if_fail (org != NULL, FALSE);

  if (!check_staff (org, staff, error) || !check_date_part (date, part, error))
    return FALSE;
  schedule = dag_schedule_new (org);
  if (!check_group_meets (org, schedule, group, date, part, error))
    return FALSE;
  name = DAG_AT (org->staff, DagStaff, staff)->name;
  if (dag_schedule_staff_is_absent (schedule, staff, date))
    {
      g_set_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_CONSTRAINT,
                   _("%s is absent on %s"), name, dag_date_format (date, buf));
      return FALSE;
    }
  dag_schedule_foreach_staff (schedule, date, date, find_staff_session, &f);
  if (f.found && f.session.state != DAG_SESSION_CANCELLED)
    {
      g_set_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_CONSTRAINT,
                   _("%s already works in group %s then"), name,
                   DAG_AT (org->groups, DagGroup, f.session.group)->name);
      return FALSE;
    }
  c = (DagOneOff) { DAG_ONE_OFF_ADD, -1, staff, date, part, group, clean_reason (reason) };
  if (!add_one_offs (store, org, &c, 1, error))
    {
      g_free (c.reason);
      return FALSE;
    }
  return TRUE;
}

gboolean
dag_store_cancel_staff_session (DagStore   *store,
                                DagOrg     *org,
                                int         staff,
                                int         group,
                                DagDate     date,
                                int         part,
                                const char *reason,
                                GError    **error)
{
  g_autoptr(DagSchedule) schedule = NULL;
  StaffFind f = { staff, part, group, FALSE, { 0 } };
  char buf[DAG_DATE_BUF];
  const char *name, *when, *group_name;
  DagOneOff c;

  g_return_val_if_fail (DAG_IS_STORE (store), FALSE);
  g_return_val_if_fail (org != NULL, FALSE);

  if (!check_staff (org, staff, error) || !check_date_part (date, part, error))
    return FALSE;
  if (group < 0 || (guint) group >= org->groups->len)
    {
      g_set_error_literal (error, DAG_STORE_ERROR, DAG_STORE_ERROR_NOT_FOUND,
                           _("There is no group with that id"));
      return FALSE;
    }
  schedule = dag_schedule_new (org);
  dag_schedule_foreach_staff (schedule, date, date, find_staff_session, &f);
  name = DAG_AT (org->staff, DagStaff, staff)->name;
  group_name = DAG_AT (org->groups, DagGroup, group)->name;
  when = dag_slot_label (DAG_SLOT (dag_date_weekday (date), part));
  dag_date_format (date, buf);
  if (!f.found)
    {
      /* Translators: a staff member, a group, a date and "Monday morning". */
      g_set_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_CONSTRAINT,
                   _("%s does not work in group %s on %s, %s"), name, group_name, buf, when);
      return FALSE;
    }
  if (f.session.staffing < 0)
    {
      g_set_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_CONSTRAINT,
                   _("%s works in group %s on %s, %s as an extra dagdeel: remove that change instead"),
                   name, group_name, buf, when);
      return FALSE;
    }
  switch (f.session.state)
    {
    case DAG_SESSION_ON:
      break;
    case DAG_SESSION_CANCELLED:
      g_set_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_CONSTRAINT,
                   _("The work of %s in group %s on %s, %s is already cancelled"), name, group_name, buf, when);
      return FALSE;
    case DAG_SESSION_ABSENT:
      g_set_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_CONSTRAINT, _("%s is absent on %s"), name, buf);
      return FALSE;
    case DAG_SESSION_CLOSED:
      g_set_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_CONSTRAINT,
                   _("The location of group %s is closed on %s"), group_name, buf);
      return FALSE;
    case DAG_SESSION_HOLIDAY:
    default:
      g_set_error_literal (error, DAG_STORE_ERROR, DAG_STORE_ERROR_CONSTRAINT,
                           _("It is a public holiday: no group meets"));
      return FALSE;
    }
  c = (DagOneOff) { DAG_ONE_OFF_CANCEL, -1, staff, date, part, group, clean_reason (reason) };
  if (!add_one_offs (store, org, &c, 1, error))
    {
      g_free (c.reason);
      return FALSE;
    }
  return TRUE;
}

/* ---- adding back, finding and deleting ---------------------------------- */

static gboolean
one_off_known (const DagOrg    *org,
               const DagOneOff *c)
{
  return c->part >= 0 && c->part < DAG_N_PARTS && c->date != DAG_DATE_NONE &&
         ((c->participant >= 0 && (guint) c->participant < org->participants->len && c->staff < 0) ||
          (c->staff >= 0 && (guint) c->staff < org->staff->len && c->participant < 0)) &&
         (c->group < 0 ? c->kind == DAG_ONE_OFF_CANCEL : (guint) c->group < org->groups->len);
}

gboolean
dag_store_add_one_offs (DagStore        *store,
                        DagOrg          *org,
                        const DagOneOff *changes,
                        guint            n,
                        GError         **error)
{
  g_autofree DagOneOff *copies = NULL;

  g_return_val_if_fail (DAG_IS_STORE (store), FALSE);
  g_return_val_if_fail (org != NULL && (changes != NULL || n == 0), FALSE);

  for (guint i = 0; i < n; i++)
    if (!one_off_known (org, &changes[i]))
      {
        g_set_error_literal (error, DAG_STORE_ERROR, DAG_STORE_ERROR_NOT_FOUND,
                             _("The change refers to someone or a group that is no longer there"));
        return FALSE;
      }
  copies = g_new (DagOneOff, n + 1);
  for (guint i = 0; i < n; i++)
    {
      copies[i] = changes[i];
      copies[i].reason = clean_reason (changes[i].reason);
    }
  if (!add_one_offs (store, org, copies, n, error))
    {
      for (guint i = 0; i < n; i++)
        g_free (copies[i].reason);
      return FALSE;
    }
  return TRUE;
}

int
dag_one_off_find (const DagOrg    *org,
                  const DagOneOff *c)
{
  g_return_val_if_fail (org != NULL && c != NULL, -1);

  for (guint i = 0; i < org->one_offs->len; i++)
    {
      const DagOneOff *o = DAG_AT (org->one_offs, DagOneOff, i);

      if (o->kind == c->kind && o->participant == c->participant && o->staff == c->staff &&
          o->date == c->date && o->part == c->part && o->group == c->group)
        return (int) i;
    }
  return -1;
}

/* Deletes the row of one-off index and writes its audit entry, inside a
 * transaction of the caller. */
static gboolean
delete_one_off_row (DagStore     *store,
                    const DagOrg *org,
                    guint         index,
                    GError      **error)
{
  const DagOneOff *c = DAG_AT (org->one_offs, DagOneOff, index);
  g_autofree char *detail = NULL;
  char buf[DAG_DATE_BUF];
  DagStmt *stmt;
  gint64 row = 0;
  int rc;

  stmt = dag_store_prepare (store, "SELECT id FROM one_off WHERE kind = ? AND participant IS NOT DISTINCT FROM ? AND staff IS NOT DISTINCT FROM ?"
                            " AND date = ? AND part = ? AND grp IS NOT DISTINCT FROM ? ORDER BY id LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  dag_stmt_bind_text (stmt, 1, c->kind == DAG_ONE_OFF_ADD ? "add" : "cancel");
  if (c->participant >= 0)
    dag_stmt_bind_text (stmt, 2, DAG_AT (org->participants, DagParticipant, c->participant)->id);
  if (c->staff >= 0)
    dag_stmt_bind_text (stmt, 3, DAG_AT (org->staff, DagStaff, c->staff)->id);
  bind_date (stmt, 4, c->date);
  dag_stmt_bind_int (stmt, 5, c->part);
  if (c->group >= 0)
    dag_stmt_bind_text (stmt, 6, DAG_AT (org->groups, DagGroup, c->group)->id);
  rc = dag_stmt_step (stmt);
  if (rc == DAG_STMT_ROW)
    row = dag_stmt_column_int64 (stmt, 0);
  else if (rc != DAG_STMT_DONE)
    dag_store_set_error (store, error);
  else
    g_set_error_literal (error, DAG_STORE_ERROR, DAG_STORE_ERROR_NOT_FOUND,
                         _("The change is no longer in the database; reload the organisation"));
  dag_stmt_reset (stmt);
  dag_stmt_clear (stmt);
  if (row <= 0)
    return FALSE;

  stmt = dag_store_prepare (store, "DELETE FROM one_off WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  dag_stmt_bind_int64 (stmt, 1, row);
  if (run (store, stmt, error) != 1)
    return FALSE;
  detail = g_strdup_printf ("delete %s date=%s part=%s", c->kind == DAG_ONE_OFF_ADD ? "add" : "cancel",
                            dag_date_format (c->date, buf), dag_part_name (c->part));
  return dag_store_audit (store, "one-off", detail, error);
}

static int
compare_indices_down (gconstpointer a,
                      gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return x < y ? 1 : x > y ? -1 : 0;
}

gboolean
dag_store_delete_one_offs (DagStore    *store,
                           DagOrg      *org,
                           const guint *indices,
                           guint        n,
                           GError     **error)
{
  g_autofree guint *order = NULL;
  gboolean ok = TRUE;

  g_return_val_if_fail (DAG_IS_STORE (store), FALSE);
  g_return_val_if_fail (org != NULL && (indices != NULL || n == 0), FALSE);

  for (guint i = 0; i < n; i++)
    if (indices[i] >= org->one_offs->len)
      {
        g_set_error_literal (error, DAG_STORE_ERROR, DAG_STORE_ERROR_NOT_FOUND,
                             _("There is no such one-off change"));
        return FALSE;
      }
  order = g_new (guint, n + 1);
  if (n > 0)
    memcpy (order, indices, sizeof (guint) * n);
  qsort (order, n, sizeof (guint), compare_indices_down);
  for (guint i = 1; i < n; i++)
    g_return_val_if_fail (order[i] != order[i - 1], FALSE);
  if (!dag_store_begin (store, error))
    return FALSE;
  dag_store_touch (store, DAG_SECTION_ONE_OFFS, DAG_DATE_NONE);
  for (guint i = 0; ok && i < n; i++)
    ok = delete_one_off_row (store, org, order[i], error);
  if (!ok || !dag_store_commit (store, error))
    {
      dag_store_rollback (store);
      return FALSE;
    }
  /* From the last: the indices before stay valid, the order is kept. */
  for (guint i = 0; i < n; i++)
    g_array_remove_index (org->one_offs, order[i]);
  return TRUE;
}

gboolean
dag_store_delete_one_off (DagStore   *store,
                          DagOrg     *org,
                          guint       index,
                          GError    **error)
{
  return dag_store_delete_one_offs (store, org, &index, 1, error);
}

/* ---- undo ---------------------------------------------------------------- */

static void
clear_change_one_off (gpointer data)
{
  g_free (((DagOneOff *) data)->reason);
}

DagDateChange *
dag_date_change_new_one_offs (gboolean         added,
                              const DagOneOff *changes,
                              guint            n)
{
  DagDateChange *change = g_new0 (DagDateChange, 1);

  change->kind = added ? DAG_DATE_CHANGE_ADD_ONE_OFFS : DAG_DATE_CHANGE_DELETE_ONE_OFFS;
  change->one_offs = g_array_sized_new (FALSE, FALSE, sizeof (DagOneOff), n);
  g_array_set_clear_func (change->one_offs, clear_change_one_off);
  for (guint i = 0; i < n; i++)
    {
      DagOneOff c = changes[i];

      c.reason = g_strdup (changes[i].reason);
      g_array_append_val (change->one_offs, c);
    }
  return change;
}

DagDateChange *
dag_date_change_new_absence (DagDateChangeKind kind,
                             DagAbsenceOf      of,
                             int               who,
                             DagDate           from,
                             DagDate           to,
                             DagDate           old_to,
                             const char       *reason)
{
  DagDateChange *change;

  g_return_val_if_fail (kind >= DAG_DATE_CHANGE_ADD_ABSENCE, NULL);

  change = g_new0 (DagDateChange, 1);
  change->kind = kind;
  change->of = of;
  change->who = who;
  change->from = from;
  change->to = to;
  change->old_to = old_to;
  change->reason = g_strdup (reason);
  return change;
}

void
dag_date_change_free (DagDateChange *change)
{
  if (change == NULL)
    return;
  g_clear_pointer (&change->one_offs, g_array_unref);
  g_free (change->reason);
  g_free (change);
}

/* The indices of the one-offs of change in org, each once; FALSE with
 * error when one is no longer there. */
static gboolean
find_one_offs (const DagOrg        *org,
               const DagDateChange *change,
               guint               *indices,
               GError             **error)
{
  for (guint i = 0; i < change->one_offs->len; i++)
    {
      const DagOneOff *c = DAG_AT (change->one_offs, DagOneOff, i);
      gboolean found = FALSE;

      for (guint k = 0; k < org->one_offs->len && !found; k++)
        {
          const DagOneOff *o = DAG_AT (org->one_offs, DagOneOff, k);
          gboolean taken = FALSE;

          for (guint j = 0; j < i; j++)
            taken |= indices[j] == k;
          if (!taken && o->kind == c->kind && o->participant == c->participant && o->staff == c->staff &&
              o->date == c->date && o->part == c->part && o->group == c->group)
            {
              indices[i] = k;
              found = TRUE;
            }
        }
      if (!found)
        {
          g_set_error_literal (error, DAG_STORE_ERROR, DAG_STORE_ERROR_NOT_FOUND,
                               _("The change is no longer in the database; reload the organisation"));
          return FALSE;
        }
    }
  return TRUE;
}

static int
find_absence_or_fail (const DagOrg *org,
                      DagAbsenceOf  of,
                      int           who,
                      DagDate       from,
                      DagDate       to,
                      GError      **error)
{
  int index = dag_absence_find (org, of, who, from, to);

  if (index < 0)
    g_set_error_literal (error, DAG_STORE_ERROR, DAG_STORE_ERROR_NOT_FOUND,
                         _("The absence is no longer in the database; reload the organisation"));
  return index;
}

gboolean
dag_store_apply_date_change (DagStore            *store,
                             DagOrg              *org,
                             const DagDateChange *change,
                             gboolean             undo,
                             GError             **error)
{
  gboolean add;
  int index;

  g_return_val_if_fail (DAG_IS_STORE (store), FALSE);
  g_return_val_if_fail (org != NULL && change != NULL, FALSE);

  switch (change->kind)
    {
    case DAG_DATE_CHANGE_ADD_ONE_OFFS:
    case DAG_DATE_CHANGE_DELETE_ONE_OFFS:
      add = (change->kind == DAG_DATE_CHANGE_ADD_ONE_OFFS) != undo;
      if (add)
        return dag_store_add_one_offs (store, org, (const DagOneOff *) change->one_offs->data,
                                       change->one_offs->len, error);
      else
        {
          g_autofree guint *indices = g_new0 (guint, change->one_offs->len + 1);

          return find_one_offs (org, change, indices, error) &&
                 dag_store_delete_one_offs (store, org, indices, change->one_offs->len, error);
        }
    case DAG_DATE_CHANGE_ADD_ABSENCE:
    case DAG_DATE_CHANGE_DELETE_ABSENCE:
      add = (change->kind == DAG_DATE_CHANGE_ADD_ABSENCE) != undo;
      if (add)
        return dag_store_add_absence (store, org, change->of, change->who, change->from, change->to,
                                      change->reason, error);
      index = find_absence_or_fail (org, change->of, change->who, change->from, change->to, error);
      return index >= 0 && dag_store_delete_absence (store, org, change->of, (guint) index, error);
    case DAG_DATE_CHANGE_END_ABSENCE:
    default:
      index = find_absence_or_fail (org, change->of, change->who, change->from,
                                    undo ? change->to : change->old_to, error);
      return index >= 0 && dag_store_end_absence (store, org, change->of, (guint) index,
                                                  undo ? change->old_to : change->to, error);
    }
}
