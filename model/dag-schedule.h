/* dag-schedule.h — the standing week plan unrolled over dates: which
 * sessions take place, and why the others do not (holiday, closure,
 * absence, no valid indication).  Attendance, production, calendars and
 * transport all use this one expansion. */

#pragma once

#include "dag-org.h"

G_BEGIN_DECLS

typedef enum {
  DAG_SESSION_ON,             /* the session takes place */
  DAG_SESSION_HOLIDAY,        /* public holiday */
  DAG_SESSION_CLOSED,         /* the group's location is closed */
  DAG_SESSION_ABSENT,         /* the participant reported an absence */
  DAG_SESSION_NO_INDICATION,  /* no indication of the group's products is valid that day */
} DagSessionState;

typedef struct {
  int             plan_entry;   /* index into org->plan */
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

typedef struct _DagSchedule DagSchedule;

/* Builds the indexes for org (which must outlive the schedule and not
 * change while it is used). */
DagSchedule *dag_schedule_new     (const DagOrg *org);
void         dag_schedule_free    (DagSchedule *self);

/* Calls func for every plan entry on every date from..to (inclusive), in date
 * order, then participant order, then slot order; sessions that do not take
 * place are reported too, with their state. */
void         dag_schedule_foreach (DagSchedule   *self,
                                   DagDate        from,
                                   DagDate        to,
                                   DagSessionFunc func,
                                   gpointer       user_data);

/* Fills session with the planned session of participant in slot on date
 * (the same answer dag_schedule_foreach gives); FALSE when the participant
 * has no plan entry in that slot or date is not on the slot's weekday. */
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

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DagSchedule, dag_schedule_free)

G_END_DECLS
