/* dag-attendance-view.h — the Attendance view: per day and location the
 * planned participants, whose attendance is registered with the keyboard
 * or the mouse, with undo and redo. */

#pragma once

#include <adwaita.h>

#include "dag-store.h"

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

G_END_DECLS
