/* dag-attendance.h — the expected sessions of a date range (from the
 * standing plan, through dag_schedule_foreach) joined with the attendance
 * that was registered for them. */

#pragma once

#include "dag-org.h"
#include "dag-schedule.h"

G_BEGIN_DECLS

/* Registered attendance per participant, sorted by date then part, for
 * lookups that do not scan the whole attendance array. */
typedef struct _DagAttendanceIndex DagAttendanceIndex;

DagAttendanceIndex *dag_attendance_index_new  (const DagOrg *org);
void                dag_attendance_index_free (DagAttendanceIndex *self);
/* The index into org->attendance of the record of participant on date and
 * part, or -1 when nothing is registered. */
int                 dag_attendance_index_find (const DagAttendanceIndex *self,
                                               int                       participant,
                                               DagDate                   date,
                                               int                       part);
/* The records of participant (indexes into org->attendance, by date and
 * part); *n_records is set to their number.  Owned by the index. */
const guint        *dag_attendance_index_records (const DagAttendanceIndex *self,
                                                  int                       participant,
                                                  guint                    *n_records);

typedef struct {
  /* The planned session; session.plan_entry is -1 (and group -1) for
   * attendance registered on a slot where nothing was planned. */
  DagSession session;
  /* Index into org->attendance, or -1 when not registered. */
  int        attendance;
} DagAttendanceRow;

/* The sessions that take place from..to (inclusive), optionally only at
 * one location (-1 for all), each with its registered attendance; then the
 * attendance registered in the range that matches no session taking place
 * (only when location is -1).  A new array of DagAttendanceRow. */
GArray     *dag_attendance_list (const DagOrg             *org,
                                 DagSchedule              *schedule,
                                 const DagAttendanceIndex *index,
                                 DagDate                   from,
                                 DagDate                   to,
                                 int                       location);

/* "present", "cancelled", "no_show" (the file format's names). */
const char *dag_attend_status_name  (DagAttendStatus status);
gboolean    dag_attend_status_parse (const char *text, DagAttendStatus *status);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DagAttendanceIndex, dag_attendance_index_free)

G_END_DECLS
