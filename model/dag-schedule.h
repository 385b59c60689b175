/* dag-schedule.h — the one answer to "which plan applies on date D": the
 * dated standing plan and staffing, with the one-off changes of that date,
 * unrolled over dates: which sessions take place, and why the others do
 * not (holiday, closure, absence, cancelled, no valid indication).
 * Attendance, production, calendars, transport, the rules and the views
 * all use this one expansion. */

#pragma once

#include "dag-org.h"

G_BEGIN_DECLS

typedef enum {
  DAG_SESSION_ON,             /* the session takes place */
  DAG_SESSION_HOLIDAY,        /* public holiday */
  DAG_SESSION_CLOSED,         /* the group's location is closed */
  DAG_SESSION_ABSENT,         /* the participant reported an absence */
  DAG_SESSION_NO_INDICATION,  /* no indication of the group's products is valid that day */
  DAG_SESSION_CANCELLED,      /* a one-off change cancelled this date's session */
} DagSessionState;

typedef struct {
  int             plan_entry;   /* index into org->plan, -1 for a one-off addition */
  int             one_off;      /* index into org->one_offs for a one-off addition
                                 * or a cancelled session, else -1 */
  int             participant;
  int             group;
  int             slot;
  int             part;
  DagDate         date;
  int             indication;   /* the indication the session falls under, or -1 */
  DagSessionState state;
} DagSession;

/* Return FALSE to stop. */
typedef gboolean (*DagSessionFunc) (const DagSession *session, gpointer user_data);

/* A staff member's work in a group slot on a date. */
typedef struct {
  int             staffing;     /* index into org->staffing, -1 for a one-off addition */
  int             one_off;      /* index into org->one_offs, or -1 */
  int             staff;
  int             group;
  int             slot;
  int             part;
  DagDate         date;
  DagSessionState state;        /* ON, HOLIDAY, CLOSED, ABSENT (staff absence) or CANCELLED */
} DagStaffSession;

typedef gboolean (*DagStaffSessionFunc) (const DagStaffSession *session, gpointer user_data);

/* Why a week cannot be changed any more (see dag_schedule_week_frozen). */
typedef enum {
  DAG_FROZEN_NO,
  DAG_FROZEN_PAST,            /* the week ended before today */
  DAG_FROZEN_ATTENDANCE,      /* attendance was registered in the week */
  DAG_FROZEN_DECLARED,        /* a day of the week lies in a declared month */
} DagFrozen;

typedef struct _DagSchedule DagSchedule;

/* Builds the indexes for org (which must outlive the schedule and not
 * change while it is used). */
DagSchedule *dag_schedule_new     (const DagOrg *org);
void         dag_schedule_free    (DagSchedule *self);

/* Calls func for every plan entry that applies on each date from..to
 * (inclusive), and every one-off addition of those dates, in date order,
 * then participant order, then slot order; sessions that do not take place
 * are reported too, with their state. */
void         dag_schedule_foreach (DagSchedule   *self,
                                   DagDate        from,
                                   DagDate        to,
                                   DagSessionFunc func,
                                   gpointer       user_data);

/* The same for the staffing: every staffing entry that applies on each
 * date and every one-off staff addition, in date, staff, slot order. */
void         dag_schedule_foreach_staff (DagSchedule        *self,
                                         DagDate             from,
                                         DagDate             to,
                                         DagStaffSessionFunc func,
                                         gpointer            user_data);

/* Fills session with the planned session of participant in slot on date
 * (the same answer dag_schedule_foreach gives, one-offs included); FALSE
 * when the participant has nothing planned in that slot on that date or
 * date is not on the slot's weekday. */
gboolean     dag_schedule_session_at (DagSchedule *self,
                                      int          participant,
                                      int          slot,
                                      DagDate      date,
                                      DagSession  *session);

/* The indication under which participant attends group on date: valid that
 * day, of a product the group takes, the first in file order; -1 if none. */
int          dag_schedule_indication_for (DagSchedule *self,
                                          int          participant,
                                          int          group,
                                          DagDate      date);
gboolean     dag_schedule_is_holiday (DagSchedule *self, DagDate date, const char **name);
gboolean     dag_schedule_is_absent  (DagSchedule *self, int participant, DagDate date);
gboolean     dag_schedule_staff_is_absent (DagSchedule *self, int staff, DagDate date);

/* Whether the week of monday may no longer be changed by the planners and
 * by moves, and why: it ended before today, attendance was registered in
 * it, or one of its days lies in a month that was declared to a
 * municipality (dag_org_month_declared).  today is a parameter so tests
 * can fix it (dag_date_today () in the program). */
DagFrozen    dag_schedule_week_frozen (const DagOrg *org, DagDate monday, DagDate today);
/* A sentence for the user that says why the week of monday is frozen
 * (newly allocated), or NULL when it is not. */
char        *dag_schedule_frozen_message (DagFrozen frozen, DagDate monday);

/* ---- changing the dated plan ------------------------------------------- */

typedef enum {
  DAG_SCOPE_FROM_WEEK,        /* this week and every week after it */
  DAG_SCOPE_ONLY_WEEK,        /* this week only; the weeks after keep the old plan */
} DagPlanScope;

/* Makes week_entries (an array of DagPlanEntry or of DagStaffing, dates
 * ignored) what applies in the week of monday in entries (org->plan or
 * org->staffing, the same type): the entries that applied that week end on
 * the Sunday before (or, for ONLY_WEEK, pause for that week), unchanged
 * ones are kept as they are, and new ones start that Monday.  Weeks before
 * monday are never changed.  With who >= 0 only that participant's (or
 * staff member's) entries are touched and week_entries holds only theirs.
 * FROM_WEEK also drops changes that were planned for later weeks.
 * Returns whether anything changed. */
gboolean     dag_dated_replace (GArray       *entries,
                                DagDate       monday,
                                DagPlanScope  scope,
                                int           who,
                                GArray       *week_entries);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DagSchedule, dag_schedule_free)

G_END_DECLS
