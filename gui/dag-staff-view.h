/* dag-staff-view.h — the Staff view: per location and week the groups ×
 * dagdelen with the staff needed and assigned and the staffing rules'
 * findings (the Staffing page); a staff member's week with its dates,
 * co-workers, runs and absences, and "me" with my calendar file (the My
 * Week page); assigning staff from the shown week on, with undo and redo. */

#pragma once

#include <adwaita.h>

#include "dag-store.h"

G_BEGIN_DECLS

#define DAG_TYPE_STAFF_VIEW (dag_staff_view_get_type ())
G_DECLARE_FINAL_TYPE (DagStaffView, dag_staff_view, DAG, STAFF_VIEW, AdwBin)

/* Shows org (owned by the caller, which keeps it alive until the next call
 * or NULL): the view saves org->staffing to store after every change. */
void         dag_staff_view_set_org        (DagStaffView *self,
                                            DagStore     *store,
                                            DagOrg       *org);
/* location is an index into org->locations. */
void         dag_staff_view_set_location   (DagStaffView *self,
                                            int           location);
/* staff is an index into org->staff: whose week is shown. */
void         dag_staff_view_set_staff      (DagStaffView *self,
                                            int           staff);
/* The cell of group (index into org->groups, at the shown location) and
 * slot (Monday–Friday am/pm), NULL when not shown. */
GtkWidget   *dag_staff_view_get_cell       (DagStaffView *self,
                                            int           group,
                                            int           slot);
/* The staff the cell says are needed, -1 when the cell is not shown. */
int          dag_staff_view_get_need       (DagStaffView *self,
                                            int           group,
                                            int           slot);
/* The findings of the cell, one a line, or NULL when there are none. */
const char  *dag_staff_view_get_problems   (DagStaffView *self,
                                            int           group,
                                            int           slot);
/* The text of the shown staff member's contract use ("6 of 8 dagdelen"). */
const char  *dag_staff_view_get_contract_text (DagStaffView *self);
/* Assigns staff to (or, when assigned, removes them from) the group slot
 * from the shown week on (the weeks before keep theirs), saves that staff
 * member's staffing in one transaction and puts the change on the undo
 * stack.  A frozen week is DAG_STORE_ERROR_FROZEN.  On error nothing
 * changes. */
gboolean     dag_staff_view_toggle         (DagStaffView *self,
                                            int           staff,
                                            int           group,
                                            int           slot,
                                            GError      **error);

/* Shows the week of date (any day of it; the view starts at this week). */
void         dag_staff_view_set_week       (DagStaffView *self,
                                            DagDate       date);
/* The Monday of the shown week. */
DagDate      dag_staff_view_get_week       (DagStaffView *self);
/* Why the shown week is read-only, or NULL when it can be changed. */
const char  *dag_staff_view_get_frozen_message (DagStaffView *self);
/* Who the cell shows as working there that week, "Name, Name (absent)";
 * NULL when the cell is not shown. */
const char  *dag_staff_view_get_assigned   (DagStaffView *self,
                                            int           group,
                                            int           slot);
/* The shown staff member's week as text, a line per day heading and
 * dagdeel (for tests); NULL when nobody is shown. */
const char  *dag_staff_view_get_week_text  (DagStaffView *self);
/* Absences of staff (sickness, leave), as the Absences popover makes
 * them: through dag-store-absence, then the view shows them anew. */
gboolean     dag_staff_view_add_absence    (DagStaffView *self,
                                            int           staff,
                                            DagDate       from,
                                            DagDate       to,
                                            const char   *reason,
                                            GError      **error);
/* The Absences button, whose popover lists the shown staff member's
 * absences and adds one (for tests). */
GtkMenuButton *dag_staff_view_get_absence_button (DagStaffView *self);
/* index is into org->staff_absences. */
gboolean     dag_staff_view_end_absence    (DagStaffView *self,
                                            guint         index,
                                            DagDate       to,
                                            GError      **error);
gboolean     dag_staff_view_delete_absence (DagStaffView *self,
                                            guint         index,
                                            GError      **error);

/* Changes of one date only (one-offs) in the group slot's date of the
 * shown week: staff works there extra, or not (cancel_date), or such a
 * change (index into org->one_offs) is taken away.  Each is one
 * transaction and an undo step; a frozen week is DAG_STORE_ERROR_FROZEN
 * with the reason.  On error nothing changes. */
gboolean     dag_staff_view_add_extra      (DagStaffView *self,
                                            int           staff,
                                            int           group,
                                            int           slot,
                                            GError      **error);
gboolean     dag_staff_view_cancel_date    (DagStaffView *self,
                                            int           staff,
                                            int           group,
                                            int           slot,
                                            GError      **error);
gboolean     dag_staff_view_remove_one_off (DagStaffView *self,
                                            guint         index,
                                            GError      **error);
/* The last refusal or error a one-off change in the view showed, or NULL. */
const char  *dag_staff_view_get_last_message (DagStaffView *self);

/* ---- My Week ------------------------------------------------------------ */

/* Whose week is shown (index into org->staff), or -1. */
int          dag_staff_view_get_staff      (DagStaffView *self);
/* Remembers staff (index into org->staff; -1 forgets) as the user, by id
 * in GSettings "my-staff-id" (a new view, or the next start, shows their
 * week on the My Week page), shows their week, and forgets the calendar
 * file of whoever was "me" before. */
void         dag_staff_view_set_me         (DagStaffView *self,
                                            int           staff);
/* The remembered user as an index into org->staff, or -1. */
int          dag_staff_view_get_me         (DagStaffView *self);
/* "staffing" or "my-week". */
void         dag_staff_view_set_page       (DagStaffView *self,
                                            const char   *page);
const char  *dag_staff_view_get_page       (DagStaffView *self);
/* Writes the user's calendar (iCalendar, as "dagritme export ical --staff
 * ID": the stored plan from this week on, UIDs and SEQUENCE kept by the
 * store, so rewriting it updates the events a calendar program shows
 * instead of adding new ones) to path atomically on a worker thread, and
 * remembers path (GSettings "my-calendar-file") for "Refresh Calendar
 * File" before callback runs. */
void         dag_staff_view_export_calendar_async  (DagStaffView        *self,
                                                    const char          *path,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean     dag_staff_view_export_calendar_finish (DagStaffView  *self,
                                                    GAsyncResult  *result,
                                                    GError       **error);

G_END_DECLS
