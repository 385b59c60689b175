/* dag-attendance-view-private.h — what the files of the Attendance view
 * share: dag-attendance-view.c (the day's sessions and their attendance),
 * dag-attendance-rows.c (the widgets of a row, the list's keys) and
 * dag-attendance-changes.c (the changes of the day: extra dagdelen,
 * cancellations, swaps, absences).  Nothing else includes it. */

#pragma once

#include "dag-attendance-view.h"
#include "dag-schedule.h"

G_BEGIN_DECLS

/* One session of the shown day, or the heading above a group's sessions
 * of one dagdeel (header TRUE, participant -1).  Headings are only in the
 * list that is shown, never in dag_attendance_view_get_rows(). */
struct _DagAttendanceItem
{
  GObject  parent_instance;

  gboolean header;
  guint    n_expected;   /* a heading: its sessions that take place */
  guint    n_registered; /* … and of those, the registered ones */
  int      participant;
  int      part;
  char    *name;
  char    *group;
  char    *group_key;    /* collation key of the group's name */
  char    *sort_key;     /* collation key of the name */
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
  GListStore         *rows;          /* the sessions */
  GListStore         *display;       /* the sessions under their headings */
  GArray             *row_positions; /* a session's position in display */
  GtkSingleSelection *selection;     /* of display */
  char               *notice;
  char               *last_message;  /* the last toast, for tests */
  guint               focus_tick;    /* to put the keyboard in the list once shown */
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

/* A change of item's registration from the user: one store transaction
 * and one undo step; a failure is said in a toast. */
void               _dag_attendance_view_change_item  (DagAttendanceView *self,
                                                      DagAttendanceItem *item,
                                                      int                status,
                                                      int                minutes,
                                                      const char        *reason);
/* Shows message in a toast and keeps it for get_last_message. */
void               _dag_attendance_view_show_toast   (DagAttendanceView *self,
                                                      const char        *message);

/* dag-attendance-rows.c */
/* Gives the list its factory of rows and its keys. */
void               _dag_attendance_rows_init         (DagAttendanceView *self);

/* dag-attendance-changes.c */
/* The menu of a row of kind (ROW_PLANNED, …); the caller owns it. */
GMenuModel        *_dag_attendance_row_menu          (int                kind);
/* The actions attendance.add-extra, report-absent, end-absence,
 * remove-absence, cancel-date, swap and remove-change. */
void               _dag_attendance_view_change_action (GtkWidget        *widget,
                                                       const char       *action_name,
                                                       GVariant         *parameter);

G_END_DECLS
