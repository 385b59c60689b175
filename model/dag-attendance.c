/* dag-attendance.c — expected sessions joined with registered attendance. */

#include "config.h"

#include <string.h>

#include "dag-attendance.h"

struct _DagAttendanceIndex
{
  const DagOrg *org;
  guint        *start;   /* per participant, CSR offsets into list */
  guint        *list;    /* attendance indexes, by participant, date, part */
};

static const char *const status_names[] = { "present", "cancelled", "no_show" };

const char *
dag_attend_status_name (DagAttendStatus status)
{
  g_return_val_if_fail ((guint) status < G_N_ELEMENTS (status_names), NULL);
  return status_names[status];
}

gboolean
dag_attend_status_parse (const char      *text,
                         DagAttendStatus *status)
{
  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (status_names); i++)
    if (strcmp (text, status_names[i]) == 0)
      {
        *status = (DagAttendStatus) i;
        return TRUE;
      }
  return FALSE;
}

static int
compare_records (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  const DagOrg *org = user_data;
  const DagAttendance *ra = DAG_AT (org->attendance, DagAttendance, *(const guint *) a);
  const DagAttendance *rb = DAG_AT (org->attendance, DagAttendance, *(const guint *) b);

  if (ra->date != rb->date)
    return ra->date < rb->date ? -1 : 1;
  if (ra->part != rb->part)
    return ra->part < rb->part ? -1 : 1;
  return (*(const guint *) a > *(const guint *) b) - (*(const guint *) a < *(const guint *) b);
}

DagAttendanceIndex *
dag_attendance_index_new (const DagOrg *org)
{
  DagAttendanceIndex *self = g_new0 (DagAttendanceIndex, 1);
  guint np = org->participants->len;
  g_autofree guint *fill = NULL;

  self->org = org;
  self->start = g_new0 (guint, np + 1);
  self->list = g_new (guint, org->attendance->len + 1);

  for (guint i = 0; i < org->attendance->len; i++)
    {
      int p = DAG_AT (org->attendance, DagAttendance, i)->participant;
      if (p >= 0 && (guint) p < np)
        self->start[p + 1]++;
    }
  for (guint p = 0; p < np; p++)
    self->start[p + 1] += self->start[p];
  fill = g_memdup2 (self->start, sizeof (guint) * (np + 1));
  for (guint i = 0; i < org->attendance->len; i++)
    {
      int p = DAG_AT (org->attendance, DagAttendance, i)->participant;
      if (p >= 0 && (guint) p < np)
        self->list[fill[p]++] = i;
    }
  for (guint p = 0; p < np; p++)
    if (self->start[p + 1] - self->start[p] > 1)
      g_qsort_with_data (self->list + self->start[p], self->start[p + 1] - self->start[p],
                         sizeof (guint), compare_records, (gpointer) org);
  return self;
}

void
dag_attendance_index_free (DagAttendanceIndex *self)
{
  if (self == NULL)
    return;
  g_free (self->start);
  g_free (self->list);
  g_free (self);
}

const guint *
dag_attendance_index_records (const DagAttendanceIndex *self,
                              int                       participant,
                              guint                    *n_records)
{
  if (participant < 0 || (guint) participant >= self->org->participants->len)
    {
      *n_records = 0;
      return self->list;
    }
  *n_records = self->start[participant + 1] - self->start[participant];
  return self->list + self->start[participant];
}

int
dag_attendance_index_find (const DagAttendanceIndex *self,
                           int                       participant,
                           DagDate                   date,
                           int                       part)
{
  guint n, lo = 0, hi;
  const guint *records = dag_attendance_index_records (self, participant, &n);
  guint64 key = (guint64) date * DAG_N_PARTS + (guint) part;

  hi = n;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      const DagAttendance *a = DAG_AT (self->org->attendance, DagAttendance, records[mid]);

      if ((guint64) a->date * DAG_N_PARTS + (guint) a->part < key)
        lo = mid + 1;
      else
        hi = mid;
    }
  if (lo < n)
    {
      const DagAttendance *a = DAG_AT (self->org->attendance, DagAttendance, records[lo]);
      if (a->date == date && a->part == part)
        return records[lo];
    }
  return -1;
}

typedef struct {
  const DagOrg             *org;
  const DagAttendanceIndex *index;
  int                       location;
  GArray                   *rows;
  guint8                   *matched;   /* per attendance record */
} ListData;

static gboolean
list_session (const DagSession *session,
              gpointer          user_data)
{
  ListData *d = user_data;
  DagAttendanceRow row;

  if (session->state != DAG_SESSION_ON)
    return TRUE;
  if (d->location >= 0 && DAG_AT (d->org->groups, DagGroup, session->group)->location != d->location)
    return TRUE;
  row.session = *session;
  row.attendance = dag_attendance_index_find (d->index, session->participant, session->date, session->part);
  if (row.attendance >= 0)
    d->matched[row.attendance] = 1;
  g_array_append_val (d->rows, row);
  return TRUE;
}

GArray *
dag_attendance_list (const DagOrg             *org,
                     DagSchedule              *schedule,
                     const DagAttendanceIndex *index,
                     DagDate                   from,
                     DagDate                   to,
                     int                       location)
{
  ListData d = { org, index, location, g_array_new (FALSE, FALSE, sizeof (DagAttendanceRow)), NULL };

  d.matched = g_new0 (guint8, org->attendance->len + 1);
  dag_schedule_foreach (schedule, from, to, list_session, &d);

  /* Registered but not expected: a holiday, a closure, a slot that is not
   * (or no longer) planned.  The administrator must see these too. */
  if (location < 0)
    for (guint i = 0; i < org->attendance->len; i++)
      {
        const DagAttendance *a = DAG_AT (org->attendance, DagAttendance, i);
        DagAttendanceRow row;

        if (d.matched[i] || a->date < from || a->date > to || a->participant < 0)
          continue;
        memset (&row, 0, sizeof row);
        if (!dag_schedule_session_at (schedule, a->participant,
                                      DAG_SLOT (dag_date_weekday (a->date), a->part),
                                      a->date, &row.session))
          {
            row.session.plan_entry = -1;
            row.session.one_off = -1;
            row.session.participant = a->participant;
            row.session.group = -1;
            row.session.slot = dag_date_weekday (a->date) < DAG_N_DAYS
              ? DAG_SLOT (dag_date_weekday (a->date), a->part) : -1;
            row.session.part = a->part;
            row.session.date = a->date;
            row.session.indication = -1;
            row.session.state = DAG_SESSION_NO_INDICATION;
          }
        row.attendance = i;
        g_array_append_val (d.rows, row);
      }
  g_free (d.matched);
  return d.rows;
}
