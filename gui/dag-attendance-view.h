/* dag-attendance-view.h — the Attendance view: per day and location the
 * planned participants, whose attendance is registered with the keyboard
 * or the mouse, with undo and redo. */

#pragma once

#include <adwaita.h>

#include "dag-change-dialog.h"
#include "dag-store.h"
#include "dag-store-attendance.h"

G_BEGIN_DECLS

#define DAG_TYPE_ATTENDANCE_ITEM (dag_attendance_item_get_type ())
G_DECLARE_FINAL_TYPE (DagAttendanceItem, dag_attendance_item, DAG, ATTENDANCE_ITEM, GObject)

/* One planned session of the shown day. */
int          dag_attendance_item_get_participant (DagAttendanceItem *item);
int          dag_attendance_item_get_part        (DagAttendanceItem *item);
/* A DagAttendStatus, or -1 when nothing is registered. */
int          dag_attendance_item_get_status      (DagAttendanceItem *item);
const char  *dag_attendance_item_get_reason      (DagAttendanceItem *item);
/* The minutes attended, -1 when not registered. */
int          dag_attendance_item_get_minutes     (DagAttendanceItem *item);
/* The group (an index into org->groups). */
int          dag_attendance_item_get_group       (DagAttendanceItem *item);
/* A DagSessionState: ON, or ABSENT or CANCELLED for who is not expected
 * (listed after the others). */
int          dag_attendance_item_get_state       (DagAttendanceItem *item);
/* Whether it is a one-off addition for this date (an extra dagdeel, the
 * new half of a swap). */
gboolean     dag_attendance_item_is_extra        (DagAttendanceItem *item);
/* What an absent or cancelled row says ("Absent until …"), else "". */
const char  *dag_attendance_item_get_note        (DagAttendanceItem *item);

#define DAG_TYPE_ATTENDANCE_VIEW (dag_attendance_view_get_type ())
G_DECLARE_FINAL_TYPE (DagAttendanceView, dag_attendance_view, DAG, ATTENDANCE_VIEW, AdwBin)

/* Shows org (owned by the caller, which keeps it alive until the next call
 * or NULL): the view registers attendance in store and keeps
 * org->attendance in step with it.  Emits "changed" after every change. */
void        dag_attendance_view_set_org      (DagAttendanceView *self,
                                              DagStore          *store,
                                              DagOrg            *org);
void        dag_attendance_view_set_date     (DagAttendanceView *self,
                                              DagDate            date);
/* Registrations another user committed (DagAttendanceChange, read with
 * dag_store_read_attendance_changes): the organisation and the rows shown
 * follow them as they follow this view's own, and "changed" is emitted.
 * FALSE, with nothing changed, when one names a participant the loaded
 * organisation does not have (then read it all again). */
gboolean    dag_attendance_view_apply_remote (DagAttendanceView *self,
                                              GArray            *changes);
DagDate     dag_attendance_view_get_date     (DagAttendanceView *self);
/* location is an index into org->locations. */
void        dag_attendance_view_set_location (DagAttendanceView *self,
                                              int                location);
/* The sessions of the shown day and location (DagAttendanceItem). */
GListModel *dag_attendance_view_get_rows     (DagAttendanceView *self);
/* Selects (and focuses) the row at position. */
void        dag_attendance_view_select       (DagAttendanceView *self,
                                              guint              position);
/* The text of the banner or status page, "" when sessions are shown. */
const char *dag_attendance_view_get_notice   (DagAttendanceView *self);
/* The list of sessions; its key controller takes 1/2/3, p/c/n and Delete. */
GtkListView *dag_attendance_view_get_list_view (DagAttendanceView *self);
/* Whether the sessions can be shown (the schedule is built). */
gboolean    dag_attendance_view_is_ready     (DagAttendanceView *self);

/* Changes of the shown date, each one store transaction and one step on
 * the window's undo stack; a date in a frozen week is refused with the
 * reason in a toast (see get_last_message).  The dialogs (owned by GTK,
 * presented) make the change when their "apply" is chosen, and say in
 * the dialog what is wrong until then; NULL when refused. */
/* An extra dagdeel on the shown date: a participant, a dagdeel and a
 * group that meets then at any location. */
DagChangeDialog *dag_attendance_view_add_extra     (DagAttendanceView *self);
/* The selected row's participant absent from the shown date until a date. */
DagChangeDialog *dag_attendance_view_report_absent (DagAttendanceView *self);
/* The last day of the absence of the selected (absent) row. */
DagChangeDialog *dag_attendance_view_end_absence   (DagAttendanceView *self);
/* The selected row's dagdeel to another day of the week, dagdeel or group,
 * for the shown date only. */
DagChangeDialog *dag_attendance_view_swap          (DagAttendanceView *self);
/* Cancels the selected row's dagdeel for the shown date only. */
gboolean    dag_attendance_view_cancel_date      (DagAttendanceView *self);
/* Takes away the one-off change of the selected row: an extra dagdeel, or
 * the cancellation of a cancelled row. */
gboolean    dag_attendance_view_remove_change    (DagAttendanceView *self);
/* Deletes the absence of the selected (absent) row, all its days. */
gboolean    dag_attendance_view_remove_absence   (DagAttendanceView *self);
/* Shows the day anew after one-offs or absences were changed elsewhere
 * (the participant editor), and emits "changed". */
void        dag_attendance_view_refresh          (DagAttendanceView *self);
/* The text of the last toast the view showed (a refusal, an error), or
 * NULL. */
const char *dag_attendance_view_get_last_message (DagAttendanceView *self);

G_END_DECLS
