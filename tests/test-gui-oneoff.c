/* test-gui-oneoff.c — changes of one date in the window, under Xvfb on the
 * demo organisation: a participant's absence added, ended and removed in
 * the participant editor and shown in the Attendance list; an extra
 * dagdeel, a cancellation and a swap in the Attendance view, each on that
 * date only; staff one-offs in the Staff view; undo of each; refusals in
 * a frozen week that say why; and screenshots of the dialogs and rows.
 * "Today" is fixed (DAGRITME_TODAY) at Wednesday 11 November 2026; the
 * demo month (with attendance) is October 2026. */

#include "config.h"

#include <string.h>

#include "dag-application.h"
#include "dag-demo.h"
#include "dag-gui-test.h"
#include "dag-history.h"
#include "dag-participant-editor.h"
#include "dag-participant-item.h"
#include "dag-schedule.h"
#include "dag-store-absence.h"
#include "dag-window.h"

typedef struct {
  DagTestDemo  demo;
  DagWindow   *window;
} Fixture;

static DagApplication *application;

#define TODAY "2026-11-11"
/* Monday 16 November 2026: the next week, open for changes. */
static DagDate next_monday;
/* Monday 2 November 2026: a past week, frozen. */
static DagDate past_monday;
#define LOCATION 0

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  dag_test_demo_setup (&f->demo, "oneoff", 150, dag_date_from_ymd (2026, 10, 1));
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  if (f->window)
    gtk_window_destroy (GTK_WINDOW (f->window));
  dag_test_demo_teardown (&f->demo);
}

/* ---- helpers ------------------------------------------------------------ */

static gboolean
attendance_ready (gpointer data)
{
  return dag_attendance_view_is_ready (data);
}

static DagAttendanceView *
open_attendance (Fixture *f,
                 int      width,
                 int      height)
{
  DagAttendanceView *view;

  f->window = dag_test_open_window (application, f->demo.store, width, height);
  dag_window_set_view (f->window, "attendance");
  view = dag_window_get_attendance_view (f->window);
  dag_test_wait_until (attendance_ready, view);
  dag_attendance_view_set_location (view, LOCATION);
  return view;
}

static const DagOrg *
org_of (Fixture *f)
{
  return dag_window_get_org (f->window);
}

static void
undo (Fixture *f)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo", NULL));
}

static void
redo (Fixture *f)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.redo", NULL));
}

/* The row of participant in part on the shown date, or -1; the last
 * matching one when there are two (a cancelled row and its swap). */
static int
find_row (DagAttendanceView *view,
          int                participant,
          int                part,
          int                state)
{
  GListModel *rows = dag_attendance_view_get_rows (view);

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(DagAttendanceItem) item = g_list_model_get_item (rows, i);

      if (dag_attendance_item_get_participant (item) == participant && dag_attendance_item_get_part (item) == part &&
          (state < 0 || dag_attendance_item_get_state (item) == state))
        return (int) i;
    }
  return -1;
}

static DagAttendanceItem *
row_at (DagAttendanceView *view,
        int                position)
{
  g_assert_cmpint (position, >=, 0);
  return g_list_model_get_item (dag_attendance_view_get_rows (view), (guint) position);
}

/* The first row of the standing plan that takes place on the shown date. */
static int
first_planned (DagAttendanceView *view)
{
  GListModel *rows = dag_attendance_view_get_rows (view);

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(DagAttendanceItem) item = g_list_model_get_item (rows, i);

      if (dag_attendance_item_get_state (item) == DAG_SESSION_ON && !dag_attendance_item_is_extra (item))
        return (int) i;
    }
  g_assert_not_reached ();
}

/* The state of participant's row in part on date (-1 when none). */
static int
state_on (DagAttendanceView *view,
          DagDate            date,
          int                participant,
          int                part,
          gboolean          *extra)
{
  int pos;
  g_autoptr(DagAttendanceItem) item = NULL;

  dag_attendance_view_set_date (view, date);
  pos = find_row (view, participant, part, DAG_SESSION_ON);
  if (pos < 0)
    pos = find_row (view, participant, part, -1);
  if (pos < 0)
    return -1;
  item = row_at (view, pos);
  if (extra != NULL)
    *extra = dag_attendance_item_is_extra (item);
  return dag_attendance_item_get_state (item);
}

/* Chooses the item of dropdown whose string is text. */
static void
choose (GtkWidget  *dropdown,
        const char *text)
{
  GListModel *model = gtk_drop_down_get_model (GTK_DROP_DOWN (dropdown));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), i), text) == 0)
      {
        gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), i);
        return;
      }
  g_error ("“%s” is not among the choices", text);
}

static gboolean
brief_timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Opens a menu button's popover and waits until it shows, re-reading it
 * (a view's refresh may build it anew); NULL when it did not show within
 * ten seconds on a busy machine, which only costs the screenshot. */
static GtkPopover *
popup_shown (GtkMenuButton *button)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (10, brief_timeout_cb, &timed_out);
  GtkPopover *popover = NULL;

  gtk_menu_button_popup (button);
  while (!timed_out)
    {
      popover = gtk_menu_button_get_popover (button);
      if (popover != NULL && gtk_widget_get_mapped (GTK_WIDGET (popover)))
        break;
      popover = NULL;
      g_main_context_iteration (NULL, TRUE);
    }
  if (!timed_out)
    g_source_remove (id);
  return popover;
}

/* Shows the end of the list, where who is absent or cancelled is. */
static void
scroll_to_end (DagAttendanceView *view)
{
  GtkWidget *list = GTK_WIDGET (dag_attendance_view_get_list_view (view));
  GtkWidget *scrolled = gtk_widget_get_ancestor (list, GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));

  dag_test_wait_for_frames (list, 2);
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
}

/* The menu button of the shown row of name, or NULL. */
static GtkWidget *
row_menu_button (DagAttendanceView *view,
                 const char        *name)
{
  GtkWidget *list = GTK_WIDGET (dag_attendance_view_get_list_view (view));

  dag_test_wait_for_frames (list, 2);
  for (GtkWidget *item = gtk_widget_get_first_child (list); item != NULL; item = gtk_widget_get_next_sibling (item))
    {
      GtkWidget *box = gtk_widget_get_first_child (item);
      GtkWidget *label = box != NULL ? gtk_widget_get_first_child (box) : NULL;

      if (!GTK_IS_LABEL (label) || !gtk_widget_get_child_visible (item) ||
          g_strcmp0 (gtk_label_get_text (GTK_LABEL (label)), name) != 0)
        continue;
      for (GtkWidget *c = label; c != NULL; c = gtk_widget_get_next_sibling (c))
        if (GTK_IS_MENU_BUTTON (c))
          return c;
    }
  return NULL;
}

/* Sends a key press to the key controller of the session list, as GTK
 * does when the list has the focus; returns whether it was handled. */
static gboolean
press_key (DagAttendanceView *view,
           guint              keyval,
           GdkModifierType    state)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (dag_attendance_view_get_list_view (view)));
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !handled; i++)
    {
      g_autoptr(GtkEventController) c = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (c))
        g_signal_emit_by_name (c, "key-pressed", keyval, 0, state, &handled);
    }
  return handled;
}

static gboolean
can_apply (DagChangeDialog *dialog)
{
  return adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "apply");
}

/* What choosing "apply" does; the dialog is then gone. */
static void
apply (DagChangeDialog *dialog)
{
  g_assert_true (can_apply (dialog));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "apply");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
set_text (DagChangeDialog *dialog,
          const char      *row,
          const char      *text)
{
  gtk_editable_set_text (GTK_EDITABLE (dag_change_dialog_get_row (dialog, row)), text);
}

static guint
n_one_offs (Fixture *f)
{
  return org_of (f)->one_offs->len;
}

/* ---- absences in the participant editor --------------------------------- */

static DagParticipantEditor *
open_editor (Fixture    *f,
             const char *id)
{
  DagParticipantsView *participants = dag_window_get_participants_view (f->window);

  dag_window_set_view (f->window, "participants");
  dag_participants_view_set_search (participants, id);
  dag_participants_view_select (participants, 0);
  g_assert_cmpstr (dag_participant_item_get_id (dag_participants_view_get_selected (participants)), ==, id);
  return DAG_PARTICIPANT_EDITOR (dag_participants_view_edit_selected (participants));
}

/* Add an absence in the participant editor: the Attendance list of a date
 * in it shows the participant as absent; End… and remove; undo of each;
 * bad input and the frozen past said in the dialog. */
static void
test_editor_absence (Fixture *f, gconstpointer data)
{
  DagAttendanceView *view = open_attendance (f, 1280, 860);
  DagParticipantEditor *editor;
  DagChangeDialog *dialog;
  g_autoptr(DagAttendanceItem) item = NULL;
  g_autofree char *id = NULL;
  DagDate monday = next_monday;
  int participant, part, pos;
  guint n_before;

  dag_attendance_view_set_date (view, monday);
  item = row_at (view, first_planned (view));
  participant = dag_attendance_item_get_participant (item);
  part = dag_attendance_item_get_part (item);
  g_clear_object (&item);
  id = g_strdup (DAG_AT (org_of (f)->participants, DagParticipant, participant)->id);

  editor = open_editor (f, id);
  g_assert_nonnull (editor);
  g_assert_true (gtk_widget_get_visible (dag_participant_editor_get_absences_group (editor)));
  n_before = dag_participant_editor_get_n_absences (editor);

  /* Bad input: said in the dialog, "apply" stays off, nothing changes. */
  dialog = dag_participant_editor_add_absence (editor);
  g_assert_nonnull (dialog);
  set_text (dialog, "from", "2026-11-20");
  set_text (dialog, "to", "2026-11-16");
  g_assert_false (can_apply (dialog));
  g_assert_nonnull (strstr (dag_change_dialog_get_message (dialog), "before it starts"));
  set_text (dialog, "to", "someday");
  g_assert_nonnull (strstr (dag_change_dialog_get_message (dialog), "not a date"));
  /* The past is frozen. */
  set_text (dialog, "from", "2026-11-02");
  set_text (dialog, "to", "2026-11-03");
  g_assert_false (can_apply (dialog));
  g_assert_nonnull (strstr (dag_change_dialog_get_message (dialog), "past"));
  dag_test_save_screenshot (GTK_WIDGET (dialog), "oneoff-absence-frozen");
  /* "apply" without its button: still nothing. */
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "apply");
  g_assert_cmpuint (dag_participant_editor_get_n_absences (editor), ==, n_before);

  set_text (dialog, "from", "2026-11-16");
  set_text (dialog, "to", "2026-11-20");
  set_text (dialog, "reason", "griep");
  g_assert_null (dag_change_dialog_get_message (dialog));
  dag_test_save_screenshot (GTK_WIDGET (dialog), "oneoff-absence-dialog");
  apply (dialog);
  g_assert_cmpuint (dag_participant_editor_get_n_absences (editor), ==, n_before + 1);

  /* The same days again: an overlap, said in the dialog. */
  dialog = dag_participant_editor_add_absence (editor);
  set_text (dialog, "from", "2026-11-18");
  set_text (dialog, "to", "2026-11-25");
  g_assert_false (can_apply (dialog));
  g_assert_nonnull (strstr (dag_change_dialog_get_message (dialog), "overlaps"));
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_cmpuint (dag_participant_editor_get_n_absences (editor), ==, n_before + 1);
  dag_test_wait_for_frames (GTK_WIDGET (editor), 2);
  {
    GtkWidget *group = dag_participant_editor_get_absences_group (editor);
    GtkWidget *scrolled = gtk_widget_get_ancestor (group, GTK_TYPE_SCROLLED_WINDOW);
    GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));

    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
    dag_test_save_screenshot (GTK_WIDGET (editor), "oneoff-editor-absences");
  }

  /* The Attendance list of a date in it: absent, with until when. */
  g_assert_cmpint (state_on (view, monday, participant, part, NULL), ==, DAG_SESSION_ABSENT);
  pos = find_row (view, participant, part, DAG_SESSION_ABSENT);
  item = row_at (view, pos);
  g_assert_nonnull (strstr (dag_attendance_item_get_note (item), "Absent until"));
  g_assert_nonnull (strstr (dag_attendance_item_get_note (item), "griep"));
  g_clear_object (&item);
  g_assert_cmpint (state_on (view, monday + 7, participant, part, NULL), ==, DAG_SESSION_ON);

  /* End…: back on Wednesday, so the last day away is Tuesday. */
  {
    guint row = dag_participant_editor_get_n_absences (editor) - 1;
    int index = dag_participant_editor_get_absence (editor, row);

    g_assert_cmpuint (DAG_AT (org_of (f)->absences, DagAbsence, index)->from, ==, monday);
    dialog = dag_participant_editor_end_absence (editor, row);
    g_assert_nonnull (dialog);
    set_text (dialog, "to", "2026-11-15");
    g_assert_false (can_apply (dialog));
    g_assert_nonnull (strstr (dag_change_dialog_get_message (dialog), "before it starts"));
    set_text (dialog, "to", "2026-11-17");
    dag_test_save_screenshot (GTK_WIDGET (dialog), "oneoff-end-absence");
    apply (dialog);
  }
  g_assert_cmpint (dag_absence_find (org_of (f), DAG_ABSENCE_PARTICIPANT, participant, monday, monday + 1), >=, 0);
  g_assert_cmpint (state_on (view, monday, participant, part, NULL), ==, DAG_SESSION_ABSENT);

  /* Undo the end, then the absence itself: on the window's stack. */
  undo (f);
  g_assert_cmpint (dag_absence_find (org_of (f), DAG_ABSENCE_PARTICIPANT, participant, monday, monday + 4), >=, 0);
  g_assert_nonnull (strstr (dag_history_get_redo_label (dag_window_get_history (f->window)), "End the absence"));
  undo (f);
  g_assert_cmpint (state_on (view, monday, participant, part, NULL), ==, DAG_SESSION_ON);
  g_assert_cmpuint (dag_participant_editor_get_n_absences (editor), ==, n_before);
  redo (f);
  g_assert_cmpint (state_on (view, monday, participant, part, NULL), ==, DAG_SESSION_ABSENT);
  g_assert_cmpuint (dag_participant_editor_get_n_absences (editor), ==, n_before + 1);

  /* Remove: the week expects them again; undo brings the absence back. */
  g_assert_true (dag_participant_editor_remove_absence (editor, dag_participant_editor_get_n_absences (editor) - 1));
  g_assert_cmpint (state_on (view, monday, participant, part, NULL), ==, DAG_SESSION_ON);
  undo (f);
  g_assert_cmpint (state_on (view, monday, participant, part, NULL), ==, DAG_SESSION_ABSENT);
  gtk_window_destroy (GTK_WINDOW (editor));

  /* An absence in the past (the demo's October ones) cannot be removed:
   * the editor says why, and it stays. */
  {
    const DagOrg *org = org_of (f);
    int old = -1;
    guint row;

    for (guint i = 0; i < org->absences->len && old < 0; i++)
      if (DAG_AT (org->absences, DagAbsence, i)->to < past_monday)
        old = (int) i;
    g_assert_cmpint (old, >=, 0);
    editor = open_editor (f, DAG_AT (org->participants, DagParticipant,
                                     DAG_AT (org->absences, DagAbsence, old)->participant)->id);
    for (row = 0; row < dag_participant_editor_get_n_absences (editor); row++)
      if (dag_participant_editor_get_absence (editor, row) == old)
        break;
    g_assert_cmpuint (row, <, dag_participant_editor_get_n_absences (editor));
    g_assert_false (dag_participant_editor_remove_absence (editor, row));
    g_assert_nonnull (strstr (dag_participant_editor_get_last_message (editor), "past"));
    g_assert_cmpint (dag_participant_editor_get_absence (editor, row), ==, old);
    gtk_window_destroy (GTK_WINDOW (editor));
  }
}

/* "Report Absent…" on a row of the Attendance view, then "End Absence…"
 * and "Remove Absence" on the absent row. */
static void
test_report_absent (Fixture *f, gconstpointer data)
{
  DagAttendanceView *view = open_attendance (f, 1280, 860);
  g_autoptr(DagAttendanceItem) item = NULL;
  DagChangeDialog *dialog;
  DagDate day = next_monday + 1;
  int participant, part, pos;
  guint n = org_of (f)->absences->len;

  dag_attendance_view_set_date (view, day);
  pos = first_planned (view);
  item = row_at (view, pos);
  participant = dag_attendance_item_get_participant (item);
  part = dag_attendance_item_get_part (item);
  g_clear_object (&item);

  dag_attendance_view_select (view, (guint) pos);
  /* The Menu key (or Shift+F10) opens the selected row's menu. */
  {
    GtkWidget *button = row_menu_button (view, DAG_AT (org_of (f)->participants, DagParticipant, participant)->name);

    g_assert_nonnull (button);
    g_assert_true (press_key (view, GDK_KEY_F10, GDK_SHIFT_MASK));
    g_assert_false (press_key (view, GDK_KEY_F10, 0));
    gtk_menu_button_popdown (GTK_MENU_BUTTON (button));
  }
  dialog = dag_attendance_view_report_absent (view);
  g_assert_nonnull (dialog);
  g_assert_cmpuint (dag_change_dialog_get_date (dialog, "from"), ==, day);
  set_text (dialog, "to", "2026-11-27");
  apply (dialog);
  g_assert_cmpuint (org_of (f)->absences->len, ==, n + 1);
  /* The row is now among those not expected, at the end, and says so. */
  pos = find_row (view, participant, part, DAG_SESSION_ABSENT);
  g_assert_cmpint (pos, >=, 0);
  g_assert_cmpint (find_row (view, participant, part, DAG_SESSION_ON), ==, -1);
  dag_attendance_view_select (view, (guint) pos);
  scroll_to_end (view);
  dag_test_save_screenshot (GTK_WIDGET (f->window), "oneoff-attendance-absent");

  /* Ended: back on Thursday the 19th. */
  dialog = dag_attendance_view_end_absence (view);
  g_assert_nonnull (dialog);
  set_text (dialog, "to", "2026-11-18");
  apply (dialog);
  g_assert_cmpuint (DAG_AT (org_of (f)->absences, DagAbsence, n)->to, ==, dag_date_from_ymd (2026, 11, 18));
  g_assert_cmpint (state_on (view, day + 7, participant, part, NULL), ==, DAG_SESSION_ON);
  g_assert_cmpint (state_on (view, day, participant, part, NULL), ==, DAG_SESSION_ABSENT);

  /* Removed, and back with undo. */
  dag_attendance_view_select (view, (guint) find_row (view, participant, part, DAG_SESSION_ABSENT));
  g_assert_true (dag_attendance_view_remove_absence (view));
  g_assert_cmpint (state_on (view, day, participant, part, NULL), ==, DAG_SESSION_ON);
  g_assert_cmpuint (org_of (f)->absences->len, ==, n);
  undo (f);
  g_assert_cmpint (state_on (view, day, participant, part, NULL), ==, DAG_SESSION_ABSENT);
  undo (f);
  undo (f);
  g_assert_cmpint (state_on (view, day, participant, part, NULL), ==, DAG_SESSION_ON);
  g_assert_cmpuint (org_of (f)->absences->len, ==, n);
  g_assert_false (dag_history_can_undo (dag_window_get_history (f->window)));
}

/* A participant, dagdeel and group of the shown location for an extra
 * dagdeel on date that the checks accept. */
static gboolean
find_extra (const DagOrg *org,
            DagDate       date,
            int          *participant,
            int          *part,
            int          *group)
{
  for (guint p = 0; p < org->participants->len; p++)
    for (int pt = DAG_PART_AM; pt <= DAG_PART_PM; pt++)
      for (guint g = 0; g < org->groups->len; g++)
        if (DAG_AT (org->groups, DagGroup, g)->location == LOCATION &&
            dag_store_check_extra_session (org, (int) p, (int) g, date, pt, NULL))
          {
            *participant = (int) p;
            *part = pt;
            *group = (int) g;
            return TRUE;
          }
  return FALSE;
}

/* An extra dagdeel: on that date only, undone and redone, and removed
 * from its row. */
static void
test_extra (Fixture *f, gconstpointer data)
{
  DagAttendanceView *view = open_attendance (f, 1280, 860);
  DagChangeDialog *dialog;
  DagDate day = next_monday + 1;
  int participant = -1, part = -1, group = -1, pos;
  guint n = n_one_offs (f);
  gboolean extra = FALSE;
  const char *group_name;

  dag_attendance_view_set_date (view, day);
  g_assert_true (find_extra (org_of (f), day, &participant, &part, &group));
  group_name = DAG_AT (org_of (f)->groups, DagGroup, group)->name;
  dialog = dag_attendance_view_add_extra (view);
  g_assert_nonnull (dialog);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dag_change_dialog_get_row (dialog, "participant")), (guint) participant);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dag_change_dialog_get_row (dialog, "part")), (guint) part);
  choose (dag_change_dialog_get_row (dialog, "group"), group_name);
  g_assert_null (dag_change_dialog_get_message (dialog));
  set_text (dialog, "reason", "inhaaldag");
  dag_test_save_screenshot (GTK_WIDGET (dialog), "oneoff-extra-dialog");
  apply (dialog);
  g_assert_cmpuint (n_one_offs (f), ==, n + 1);

  g_assert_cmpint (state_on (view, day, participant, part, &extra), ==, DAG_SESSION_ON);
  g_assert_true (extra);
  {
    g_autoptr(DagAttendanceItem) item = row_at (view, find_row (view, participant, part, DAG_SESSION_ON));

    /* Listed with its group marked "(extra)". */
    g_assert_cmpint (dag_attendance_item_get_group (item), ==, group);
    dag_attendance_view_select (view, (guint) find_row (view, participant, part, DAG_SESSION_ON));
    dag_test_save_screenshot (GTK_WIDGET (f->window), "oneoff-attendance-extra");
  }
  /* That date only: not the same weekday a week later. */
  if (state_on (view, day + 7, participant, part, &extra) >= 0)
    g_assert_false (extra);

  /* The same again is refused in the dialog: planned then now. */
  dag_attendance_view_set_date (view, day);
  dialog = dag_attendance_view_add_extra (view);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dag_change_dialog_get_row (dialog, "participant")), (guint) participant);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dag_change_dialog_get_row (dialog, "part")), (guint) part);
  choose (dag_change_dialog_get_row (dialog, "group"), group_name);
  g_assert_false (can_apply (dialog));
  g_assert_nonnull (strstr (dag_change_dialog_get_message (dialog), "already planned"));
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_cmpuint (n_one_offs (f), ==, n + 1);

  undo (f);
  g_assert_cmpuint (n_one_offs (f), ==, n);
  g_assert_cmpint (find_row (view, participant, part, -1), ==, -1);
  redo (f);
  g_assert_cmpuint (n_one_offs (f), ==, n + 1);
  pos = find_row (view, participant, part, DAG_SESSION_ON);
  g_assert_cmpint (pos, >=, 0);

  /* Removed from its row's menu, and back with undo. */
  dag_attendance_view_select (view, (guint) pos);
  g_assert_true (dag_attendance_view_remove_change (view));
  g_assert_cmpint (find_row (view, participant, part, -1), ==, -1);
  undo (f);
  g_assert_cmpint (state_on (view, day, participant, part, &extra), ==, DAG_SESSION_ON);
  g_assert_true (extra);
}

/* "Cancel for This Date": that date only; undo, redo, and "Restore for
 * This Date". */
static void
test_cancel (Fixture *f, gconstpointer data)
{
  DagAttendanceView *view = open_attendance (f, 1280, 860);
  g_autoptr(DagAttendanceItem) item = NULL;
  DagDate day = next_monday + 3;
  int participant, part, pos;
  guint n = n_one_offs (f);

  dag_attendance_view_set_date (view, day);
  pos = first_planned (view);
  item = row_at (view, pos);
  participant = dag_attendance_item_get_participant (item);
  part = dag_attendance_item_get_part (item);
  g_clear_object (&item);

  /* Through the row's menu: opening it selects the row, and its item
   * "Cancel for This Date" is the view's action. */
  dag_attendance_view_select (view, (guint) (pos == 0 ? 1 : 0));
  {
    const char *name = DAG_AT (org_of (f)->participants, DagParticipant, participant)->name;
    GtkWidget *button = row_menu_button (view, name);
    GtkPopover *popover;

    g_assert_nonnull (button);
    popover = popup_shown (GTK_MENU_BUTTON (button));
    if (popover != NULL)
      dag_test_save_screenshot (GTK_WIDGET (popover), "oneoff-row-menu");
    item = g_object_ref (gtk_single_selection_get_selected_item (
      GTK_SINGLE_SELECTION (gtk_list_view_get_model (dag_attendance_view_get_list_view (view)))));
    g_assert_cmpint (dag_attendance_item_get_participant (item), ==, participant);
    /* Their morning or afternoon: the row whose menu opened. */
    part = dag_attendance_item_get_part (item);
    g_clear_object (&item);
    gtk_menu_button_popdown (GTK_MENU_BUTTON (button));
    g_assert_true (gtk_widget_activate_action (button, "attendance.cancel-date", NULL));
  }
  g_assert_cmpuint (n_one_offs (f), ==, n + 1);
  g_assert_cmpint (state_on (view, day, participant, part, NULL), ==, DAG_SESSION_CANCELLED);
  item = row_at (view, find_row (view, participant, part, DAG_SESSION_CANCELLED));
  g_assert_nonnull (strstr (dag_attendance_item_get_note (item), "Cancelled for this date"));
  g_clear_object (&item);
  dag_attendance_view_select (view, (guint) find_row (view, participant, part, DAG_SESSION_CANCELLED));
  scroll_to_end (view);
  dag_test_save_screenshot (GTK_WIDGET (f->window), "oneoff-attendance-cancelled");
  /* The week after and the week before keep it. */
  g_assert_cmpint (state_on (view, day + 7, participant, part, NULL), ==, DAG_SESSION_ON);
  g_assert_cmpint (state_on (view, day - 7, participant, part, NULL), ==, DAG_SESSION_ON);

  undo (f);
  g_assert_cmpuint (dag_attendance_view_get_date (view), ==, day);
  g_assert_cmpint (state_on (view, day, participant, part, NULL), ==, DAG_SESSION_ON);
  redo (f);
  g_assert_cmpint (state_on (view, day, participant, part, NULL), ==, DAG_SESSION_CANCELLED);

  dag_attendance_view_select (view, (guint) find_row (view, participant, part, DAG_SESSION_CANCELLED));
  g_assert_true (dag_attendance_view_remove_change (view));
  g_assert_cmpint (state_on (view, day, participant, part, NULL), ==, DAG_SESSION_ON);
  g_assert_cmpuint (n_one_offs (f), ==, n);
}

/* A swap to another day of the week or another group: one transaction,
 * one undo step for both halves. */
static void
test_swap (Fixture *f, gconstpointer data)
{
  DagAttendanceView *view = open_attendance (f, 1280, 860);
  g_autoptr(DagAttendanceItem) item = NULL;
  DagChangeDialog *dialog;
  DagDate day = next_monday + 2, to_date = DAG_DATE_NONE;
  int participant, part, group, pos, to_group = -1, to_part = -1;
  guint n = n_one_offs (f);
  gboolean extra = FALSE;
  const DagOrg *org = org_of (f);

  dag_attendance_view_set_date (view, day);
  pos = first_planned (view);
  item = row_at (view, pos);
  participant = dag_attendance_item_get_participant (item);
  part = dag_attendance_item_get_part (item);
  group = dag_attendance_item_get_group (item);
  g_clear_object (&item);

  /* Another day of that week, or another group at the location. */
  for (int d = 0; d < 5 && to_group < 0; d++)
    for (int pt = DAG_PART_AM; pt <= DAG_PART_PM && to_group < 0; pt++)
      for (guint g = 0; g < org->groups->len && to_group < 0; g++)
        if (DAG_AT (org->groups, DagGroup, g)->location == LOCATION && (d != 2 || (int) g != group) &&
            dag_store_check_swap (org, participant, day, part, (int) g, next_monday + d, pt, NULL))
          {
            to_date = next_monday + d;
            to_part = pt;
            to_group = (int) g;
          }
  g_assert_cmpint (to_group, >=, 0);

  dag_attendance_view_select (view, (guint) pos);
  dialog = dag_attendance_view_swap (view);
  g_assert_nonnull (dialog);
  /* The same day, dagdeel and group is no swap. */
  g_assert_false (can_apply (dialog));
  g_assert_nonnull (dag_change_dialog_get_message (dialog));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dag_change_dialog_get_row (dialog, "day")),
                              (guint) dag_date_weekday (to_date));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dag_change_dialog_get_row (dialog, "part")), (guint) to_part);
  choose (dag_change_dialog_get_row (dialog, "group"), DAG_AT (org->groups, DagGroup, to_group)->name);
  g_assert_null (dag_change_dialog_get_message (dialog));
  dag_test_save_screenshot (GTK_WIDGET (dialog), "oneoff-swap-dialog");
  apply (dialog);
  g_assert_cmpuint (n_one_offs (f), ==, n + 2);

  /* The old dagdeel cancelled, the new one extra, that week only. */
  if (to_date != day || to_part != part)
    g_assert_cmpint (state_on (view, day, participant, part, NULL), ==, DAG_SESSION_CANCELLED);
  else
    g_assert_cmpint (find_row (view, participant, part, DAG_SESSION_CANCELLED), >=, 0);
  g_assert_cmpint (state_on (view, to_date, participant, to_part, &extra), ==, DAG_SESSION_ON);
  g_assert_true (extra);
  g_assert_cmpint (state_on (view, day + 7, participant, part, NULL), ==, DAG_SESSION_ON);
  if (state_on (view, to_date + 7, participant, to_part, &extra) >= 0)
    g_assert_false (extra);

  /* One undo takes both halves back. */
  g_assert_nonnull (strstr (dag_history_get_undo_label (dag_window_get_history (f->window)), "Swap"));
  undo (f);
  g_assert_cmpuint (n_one_offs (f), ==, n);
  g_assert_cmpint (state_on (view, day, participant, part, &extra), ==, DAG_SESSION_ON);
  g_assert_false (extra);
  g_assert_cmpint (find_row (view, participant, part, DAG_SESSION_CANCELLED), ==, -1);
  redo (f);
  g_assert_cmpuint (n_one_offs (f), ==, n + 2);
}

/* A frozen week refuses each change and says why; nothing changes. */
static void
test_frozen (Fixture *f, gconstpointer data)
{
  DagAttendanceView *view = open_attendance (f, 1280, 860);
  DagChangeDialog *dialog;
  DagDate day = past_monday + 1;
  guint n = n_one_offs (f), na = org_of (f)->absences->len;
  int pos;

  dag_attendance_view_set_date (view, day);
  g_assert_null (dag_attendance_view_add_extra (view));
  g_assert_nonnull (strstr (dag_attendance_view_get_last_message (view), "past"));
  pos = first_planned (view);
  dag_attendance_view_select (view, (guint) pos);
  g_assert_false (dag_attendance_view_cancel_date (view));
  g_assert_nonnull (strstr (dag_attendance_view_get_last_message (view), "2026-11-03"));
  g_assert_null (dag_attendance_view_swap (view));
  dag_test_save_screenshot (GTK_WIDGET (f->window), "oneoff-attendance-frozen");
  /* Reported absent from a past day: said in the dialog. */
  dialog = dag_attendance_view_report_absent (view);
  g_assert_nonnull (dialog);
  g_assert_false (can_apply (dialog));
  g_assert_nonnull (strstr (dag_change_dialog_get_message (dialog), "past"));
  gtk_window_destroy (GTK_WINDOW (dialog));
  /* A week with registered attendance (October) says that. */
  dag_attendance_view_set_date (view, dag_date_from_ymd (2026, 10, 13));
  dag_attendance_view_select (view, (guint) first_planned (view));
  g_assert_false (dag_attendance_view_cancel_date (view));
  g_assert_nonnull (dag_attendance_view_get_last_message (view));

  g_assert_cmpuint (n_one_offs (f), ==, n);
  g_assert_cmpuint (org_of (f)->absences->len, ==, na);
  g_assert_false (dag_history_can_undo (dag_window_get_history (f->window)));
}

/* ---- staff ---------------------------------------------------------------- */

static gboolean
contains (const char *text,
          const char *part)
{
  return text != NULL && strstr (text, part) != NULL;
}

/* Staff one-offs in the Staff view: a date off, someone extra; undo;
 * refused in a frozen week. */
static void
test_staff (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  DagStaffView *view;
  const DagOrg *org;
  const DagStaffing *st = NULL;
  guint n;
  int extra = -1;

  f->window = dag_test_open_window (application, f->demo.store, 1400, 900);
  dag_window_set_view (f->window, "staff");
  view = dag_window_get_staff_view (f->window);
  org = org_of (f);
  dag_staff_view_set_location (view, LOCATION);
  dag_staff_view_set_week (view, next_monday);
  n = n_one_offs (f);
  for (guint i = 0; i < org->staffing->len && st == NULL; i++)
    {
      const DagStaffing *s = DAG_AT (org->staffing, DagStaffing, i);

      if (DAG_AT (org->groups, DagGroup, s->group)->location == LOCATION && DAG_SLOT_PART (s->slot) <= DAG_PART_PM &&
          DAG_SLOT_DAY (s->slot) < 5 && DAG_DATED_APPLIES (s->from, s->until, next_monday + DAG_SLOT_DAY (s->slot)))
        st = s;
    }
  g_assert_nonnull (st);
  {
    int staff = st->staff, group = st->group, slot = st->slot;
    const char *name = DAG_AT (org->staff, DagStaff, staff)->name;

    g_assert_true (dag_staff_view_cancel_date (view, staff, group, slot, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (n_one_offs (f), ==, n + 1);
    g_assert_true (contains (dag_staff_view_get_assigned (view, group, slot), "(not this date)"));
    dag_staff_view_set_staff (view, staff);
    g_assert_true (contains (dag_staff_view_get_week_text (view), "(cancelled)"));
    /* The week after is as planned. */
    dag_staff_view_set_week (view, next_monday + 7);
    g_assert_false (contains (dag_staff_view_get_assigned (view, group, slot), "(not this date)"));
    dag_staff_view_set_week (view, next_monday);

    /* Someone extra in the same group slot that date. */
    for (guint s = 0; s < org->staff->len && extra < 0; s++)
      {
        if ((int) s == staff)
          continue;
        if (dag_staff_view_add_extra (view, (int) s, group, slot, &error))
          extra = (int) s;
        g_clear_error (&error);
      }
    g_assert_cmpint (extra, >=, 0);
    g_assert_true (contains (dag_staff_view_get_assigned (view, group, slot), "(extra)"));
    g_assert_true (contains (dag_staff_view_get_assigned (view, group, slot),
                             DAG_AT (org->staff, DagStaff, extra)->name));
    dag_test_save_screenshot (GTK_WIDGET (f->window), "oneoff-staff");
    {
      GtkWidget *cell = dag_staff_view_get_cell (view, group, slot);
      GtkPopover *popover;

      popover = popup_shown (GTK_MENU_BUTTON (cell));
      if (popover != NULL)
        dag_test_save_screenshot (GTK_WIDGET (popover), "oneoff-staff-popover");
      gtk_menu_button_popdown (GTK_MENU_BUTTON (cell));
    }

    /* Undo both, one step each. */
    undo (f);
    g_assert_false (contains (dag_staff_view_get_assigned (view, group, slot), "(extra)"));
    undo (f);
    g_assert_false (contains (dag_staff_view_get_assigned (view, group, slot), "(not this date)"));
    g_assert_true (contains (dag_staff_view_get_assigned (view, group, slot), name));
    g_assert_cmpuint (n_one_offs (f), ==, n);
    redo (f);
    g_assert_true (contains (dag_staff_view_get_assigned (view, group, slot), "(not this date)"));
    /* Taken away again in the view ("Restore"). */
    g_assert_true (dag_staff_view_remove_one_off (view, n, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (n_one_offs (f), ==, n);

    /* The past week is frozen: refused, with the reason. */
    dag_staff_view_set_week (view, past_monday);
    g_assert_false (dag_staff_view_cancel_date (view, staff, group, slot, &error));
    g_assert_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_FROZEN);
    g_assert_true (contains (error->message, "past"));
    g_clear_error (&error);
    g_assert_cmpuint (n_one_offs (f), ==, n);
  }
}

/* At 1024 pixels the window shows its view switcher at the bottom, whose
 * revealer makes GTK 4.8 warn about widgets allocated -1 high (also without
 * any of this test's changes, in any view; not this test's business):
 * while tolerate_narrow is set, that warning only is not fatal. */
static gboolean tolerate_narrow;

static GLogWriterOutput
log_writer (GLogLevelFlags   level,
            const GLogField *fields,
            gsize            n_fields,
            gpointer         user_data)
{
  const char *domain = NULL, *message = NULL;

  for (gsize i = 0; i < n_fields && tolerate_narrow; i++)
    {
      if (g_str_equal (fields[i].key, "GLIB_DOMAIN") && fields[i].length < 0)
        domain = fields[i].value;
      else if (g_str_equal (fields[i].key, "MESSAGE") && fields[i].length < 0)
        message = fields[i].value;
    }
  if (tolerate_narrow && (level & G_LOG_LEVEL_WARNING) && g_strcmp0 (domain, "Gtk") == 0 && message != NULL &&
      g_str_has_prefix (message, "gtk_widget_size_allocate(): attempt to allocate ") &&
      g_str_has_suffix (message, " and height -1"))
    return g_log_writer_standard_streams (level, fields, n_fields, user_data);
  return g_log_writer_default (level, fields, n_fields, user_data);
}

/* The window at 1024 pixels wide: the Attendance rows and the header with
 * "Add Extra Dagdeel…" still fit. */
static void
test_narrow (Fixture *f, gconstpointer data)
{
  DagAttendanceView *view;

  tolerate_narrow = TRUE;
  view = open_attendance (f, 1024, 860);
  DagDate day = next_monday + 1;
  int pos;

  dag_attendance_view_set_date (view, day);
  pos = first_planned (view);
  dag_attendance_view_select (view, (guint) pos);
  g_assert_true (dag_attendance_view_cancel_date (view));
  dag_attendance_view_select (view, 0);
  g_assert_nonnull (dag_attendance_view_report_absent (view));
  {
    GList *toplevels = gtk_window_list_toplevels ();

    for (GList *l = toplevels; l != NULL; l = l->next)
      if (DAG_IS_CHANGE_DIALOG (l->data))
        {
          DagChangeDialog *dialog = l->data;

          set_text (dialog, "to", "2026-11-20");
          apply (dialog);
          break;
        }
    g_list_free (toplevels);
  }
  scroll_to_end (view);
  dag_test_save_screenshot (GTK_WIDGET (f->window), "oneoff-attendance-1024");
  gtk_window_destroy (GTK_WINDOW (f->window));
  f->window = NULL;
  while (g_main_context_iteration (NULL, FALSE))
    ;
  tolerate_narrow = FALSE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_log_set_writer_func (log_writer, NULL, NULL);
  /* Before any thread: setenv() is not thread-safe. */
  g_setenv ("DAGRITME_TODAY", TODAY, TRUE);
  g_test_init (&argc, &argv, NULL);
  next_monday = dag_date_from_ymd (2026, 11, 16);
  past_monday = dag_date_from_ymd (2026, 11, 2);
  application = dag_application_new ();
  g_application_register (G_APPLICATION (application), NULL, &error);
  g_assert_no_error (error);
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add ("/gui-oneoff/editor-absence", Fixture, NULL, fixture_setup, test_editor_absence, fixture_teardown);
  g_test_add ("/gui-oneoff/report-absent", Fixture, NULL, fixture_setup, test_report_absent, fixture_teardown);
  g_test_add ("/gui-oneoff/extra", Fixture, NULL, fixture_setup, test_extra, fixture_teardown);
  g_test_add ("/gui-oneoff/cancel", Fixture, NULL, fixture_setup, test_cancel, fixture_teardown);
  g_test_add ("/gui-oneoff/swap", Fixture, NULL, fixture_setup, test_swap, fixture_teardown);
  g_test_add ("/gui-oneoff/frozen", Fixture, NULL, fixture_setup, test_frozen, fixture_teardown);
  g_test_add ("/gui-oneoff/staff", Fixture, NULL, fixture_setup, test_staff, fixture_teardown);
  g_test_add ("/gui-oneoff/narrow", Fixture, NULL, fixture_setup, test_narrow, fixture_teardown);
  status = g_test_run ();
  g_clear_object (&application);
  return status;
}
