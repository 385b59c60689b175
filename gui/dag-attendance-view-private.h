/* dag-attendance-view-private.h — what the two files of the Attendance
 * view share: dag-attendance-view.c (the day's rows and their attendance)
 * and dag-attendance-changes.c (the changes of the day: extra dagdelen,
 * cancellations, swaps, absences).  Nothing else includes it. */

#pragma once

#include "dag-attendance-view.h"
#include "dag-schedule.h"

G_BEGIN_DECLS

/* One session of the shown day. */
struct _DagAttendanceItem
{
  GObject  parent_instance;

  int      participant;
  int      part;
  char    *name;
  char    *group;
  char    *sort_key;     /* collation key of group and name */
  int      status;       /* DagAttendStatus or -1 */
  int      minutes;
  char    *reason;
  int      group_index;
  int      state;        /* DagSessionState: ON, ABSENT or CANCELLED */
  gboolean extra;        /* a one-off addition for this date only */
  int      one_off;      /* the one-off of an extra or cancelled row, or -1 */
  char    *note;         /* why a row that does not take place does not */
};

struct _DagAttendanceView
{
  AdwBin              parent_instance;

  DagStore           *store;
  DagOrg             *org;           /* owned by the window */
  DagSchedule        *schedule;
  DagDate             date;
  int                 location;
  GListStore         *rows;
  GtkSingleSelection *selection;
  char               *notice;
  char               *last_message;  /* the last toast, for tests */
  /* The menus of the rows, one per kind of row (see _dag_attendance_row_kind()). */
  GMenuModel         *row_menus[4];

  /* template widgets */
  AdwToastOverlay    *toast_overlay;  /* the child */
  GtkMenuButton      *date_button;
  GtkPopover         *date_popover;
  GtkCalendar        *calendar;
  GtkDropDown        *location_dropdown;
  GtkLabel           *count_label;
  GtkStack           *stack;
  GtkListView        *list_view;
  AdwStatusPage      *notice_page;
};

/* Which menu a row has: the changes that make sense for it. */
enum {
  ROW_PLANNED,        /* a session of the standing plan */
  ROW_EXTRA,          /* a one-off addition for this date */
  ROW_ABSENT,
  ROW_CANCELLED,
};

static inline int
_dag_attendance_row_kind (const DagAttendanceItem *item)
{
  if (item->state == DAG_SESSION_ABSENT)
    return ROW_ABSENT;
  if (item->state == DAG_SESSION_CANCELLED)
    return ROW_CANCELLED;
  return item->extra ? ROW_EXTRA : ROW_PLANNED;
}

/* dag-attendance-view.c */
void               _dag_attendance_view_show_day     (DagAttendanceView *self);
/* Emits "changed" (the production counts what changed). */
void               _dag_attendance_view_emit_changed (DagAttendanceView *self);
DagAttendanceItem *_dag_attendance_view_get_selected (DagAttendanceView *self);
/* "Morning", "Afternoon", "Evening", in the user's language. */
const char        *_dag_attendance_part_label        (int                part);
/* The absence of participant that covers date (index into org->absences),
 * or -1. */
int                _dag_attendance_absence_on        (const DagOrg      *org,
                                                      int                participant,
                                                      DagDate            date);

/* dag-attendance-changes.c */
/* The menu of a row of kind (ROW_PLANNED, …); the caller owns it. */
GMenuModel        *_dag_attendance_row_menu          (int                kind);
/* The actions attendance.add-extra, report-absent, end-absence,
 * remove-absence, cancel-date, swap and remove-change. */
void               _dag_attendance_view_change_action (GtkWidget        *widget,
                                                       const char       *action_name,
                                                       GVariant         *parameter);

G_END_DECLS
