/* test-gui-views.c — the Attendance and Production views under Xvfb on the
 * demo organisation: registering, undo and redo through the store, the
 * Attendance headings per group and dagdeel with "All Present" and the
 * day's completeness, the
 * production totals against dag_production_compute, a plan changed from
 * next week on that leaves the past week's Attendance and Staff views as
 * they were, and screenshots (English, Dutch, dark) in the build
 * directory. */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "dag-application.h"
#include "dag-demo.h"
#include "dag-schedule.h"
#include "dag-gui-test.h"
#include "dag-window.h"
#include "export/dag-production-export.h"

typedef struct {
  DagTestDemo     demo;
  DagWindow      *window;
} Fixture;

static DagApplication *application;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  dag_test_demo_setup (&f->demo, "views", 150, DAG_DATE_NONE);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  if (f->window)
    gtk_window_destroy (GTK_WINDOW (f->window));
  dag_test_demo_teardown (&f->demo);
}

/* ---- waiting ------------------------------------------------------------ */

static gboolean
attendance_ready (gpointer data)
{
  return dag_attendance_view_is_ready (data);
}

/* ---- helpers ------------------------------------------------------------ */

static void
open_window (Fixture *f)
{
  f->window = dag_test_open_window (application, f->demo.store, 1280, 800);
}

/* The status stored for participant on date and part, -1 when none:
 * read back from the database, not from the window's copy. */
static int
stored_status_minutes (Fixture    *f,
                       const char *participant_id,
                       DagDate     date,
                       int         part,
                       int        *minutes)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DagOrg) org = dag_store_load (f->demo.store, &error);
  int p;

  g_assert_no_error (error);
  p = dag_org_lookup (org, DAG_KIND_PARTICIPANT, participant_id);
  g_assert_cmpint (p, >=, 0);
  for (guint i = 0; i < org->attendance->len; i++)
    {
      const DagAttendance *a = DAG_AT (org->attendance, DagAttendance, i);

      if (a->participant == p && a->date == date && a->part == part)
        {
          if (minutes)
            *minutes = a->minutes;
          return (int) a->status;
        }
    }
  if (minutes)
    *minutes = -1;
  return -1;
}

static int
stored_status (Fixture    *f,
               const char *participant_id,
               DagDate     date,
               int         part)
{
  return stored_status_minutes (f, participant_id, date, part, NULL);
}

/* The first Monday of the demo month: groups meet on weekdays. */
static DagDate
first_monday (DagDate month)
{
  DagDate d = month;

  while (dag_date_weekday (d) != 0)
    d++;
  return d;
}


static gboolean
production_ready (gpointer data)
{
  return !dag_production_view_is_busy (data);
}

static void
month_of (DagDate date,
          int    *year,
          int    *month)
{
  int day;

  dag_date_to_ymd (date, year, month, &day);
}

/* The production view's totals against dag_production_compute on the
 * window's organisation: the same municipalities and products with the
 * same units and amounts.  Returns the number of problems expected. */
static guint
check_totals (Fixture           *f,
              DagProductionView *view)
{
  const DagOrg *org = dag_window_get_org (f->window);
  GListModel *totals = dag_production_view_get_totals (view);
  g_autoptr(GHashTable) units = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) cents = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(DagProduction) production = NULL;
  int year, month, sum_view = 0, sum_lines = 0;

  dag_production_view_get_month (view, &year, &month);
  production = dag_production_compute (org, year, month, dag_date_today ());
  for (guint i = 0; i < production->lines->len; i++)
    {
      const DagProductionLine *l = DAG_AT (production->lines, DagProductionLine, i);
      const DagContract *c = DAG_AT (org->contracts, DagContract, l->contract);
      const DagProduct *p = DAG_AT (c->products, DagProduct, l->product);
      char *key = g_strdup_printf ("%s|%s", DAG_AT (org->municipalities, DagMunicipality, l->municipality)->name,
                                   p->code);
      gint64 *amount = g_hash_table_lookup (cents, key);

      if (amount == NULL)
        {
          amount = g_new0 (gint64, 1);
          g_hash_table_insert (cents, g_strdup (key), amount);
        }
      *amount += l->amount_cents;
      g_hash_table_insert (units, key,
                           GINT_TO_POINTER (GPOINTER_TO_INT (g_hash_table_lookup (units, key)) + l->units));
      sum_lines += l->units;
    }
  g_assert_cmpuint (g_list_model_get_n_items (totals), ==, g_hash_table_size (units));
  for (guint i = 0; i < g_list_model_get_n_items (totals); i++)
    {
      g_autoptr(DagProductionTotal) t = g_list_model_get_item (totals, i);
      g_autofree char *code = g_strdup (dag_production_total_get_product (t));
      g_autofree char *key = NULL;
      gint64 *amount;

      /* "04A03 · Dagbesteding": the code comes first. */
      *strchr (code, ' ') = '\0';
      key = g_strdup_printf ("%s|%s", dag_production_total_get_municipality (t), code);
      g_assert_cmpint (dag_production_total_get_units (t), ==, GPOINTER_TO_INT (g_hash_table_lookup (units, key)));
      amount = g_hash_table_lookup (cents, key);
      g_assert_nonnull (amount);
      g_assert_cmpint (dag_production_total_get_amount_cents (t), ==, *amount);
      sum_view += dag_production_total_get_units (t);
    }
  g_assert_cmpint (sum_view, ==, sum_lines);
  g_assert_cmpint (sum_lines, >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (dag_production_view_get_problems (view)), ==,
                    production->problems->len);
  return production->problems->len;
}

/* Sends a key press to the key controller of the session list, as GTK
 * does when the list has the focus; returns whether it was handled. */
static gboolean
press_key (DagAttendanceView *view,
           guint              keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (dag_attendance_view_get_list_view (view)));
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !handled; i++)
    {
      g_autoptr(GtkEventController) c = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (c))
        g_signal_emit_by_name (c, "key-pressed", keyval, 0, (GdkModifierType) 0, &handled);
    }
  return handled;
}

/* ---- attendance --------------------------------------------------------- */

static void
test_attendance (Fixture *f, gconstpointer data)
{
  DagAttendanceView *view;
  g_autoptr(DagAttendanceItem) item = NULL;
  const DagOrg *org;
  g_autofree char *pid = NULL;
  DagDate day;
  int part, before, y, m, d;

  open_window (f);
  dag_window_set_view (f->window, "attendance");
  view = dag_window_get_attendance_view (f->window);
  dag_test_wait_until (attendance_ready, view);
  org = dag_window_get_org (f->window);

  day = first_monday (f->demo.month);
  dag_attendance_view_set_date (view, day);
  g_assert_cmpuint (dag_attendance_view_get_date (view), ==, day);
  g_assert_cmpuint (g_list_model_get_n_items (dag_attendance_view_get_rows (view)), >, 0);
  g_assert_cmpstr (dag_attendance_view_get_notice (view), ==, "");

  /* Coming back to the view puts the keyboard in the list. */
  dag_window_set_view (f->window, "participants");
  dag_window_set_view (f->window, "attendance");
  {
    GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (f->window));
    GtkWidget *list = GTK_WIDGET (dag_attendance_view_get_list_view (view));

    g_assert_true (focus == list || (focus != NULL && gtk_widget_is_ancestor (focus, list)));
  }

  dag_attendance_view_select (view, 0);
  item = g_list_model_get_item (dag_attendance_view_get_rows (view), 0);
  pid = g_strdup (DAG_AT (org->participants, DagParticipant, dag_attendance_item_get_participant (item))->id);
  part = dag_attendance_item_get_part (item);
  before = stored_status (f, pid, day, part);
  g_assert_cmpint (dag_attendance_item_get_status (item), ==, before);
  g_assert_cmpint (before, !=, DAG_ATTEND_NO_SHOW);

  /* What the key 3 (or n) does on the selected row. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "attendance.set-status", "i", DAG_ATTEND_NO_SHOW));
  g_assert_cmpint (dag_attendance_item_get_status (item), ==, DAG_ATTEND_NO_SHOW);
  g_assert_cmpint (stored_status (f, pid, day, part), ==, DAG_ATTEND_NO_SHOW);

  /* Ctrl+Z: back to what was stored before, in the store too. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "win.undo", NULL));
  g_assert_cmpint (stored_status (f, pid, day, part), ==, before);
  g_assert_cmpint (dag_attendance_item_get_status (item), ==, before);

  /* Ctrl+Shift+Z, from another day: the view goes back to the change's day. */
  dag_attendance_view_set_date (view, day + 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "win.redo", NULL));
  g_assert_cmpuint (dag_attendance_view_get_date (view), ==, day);
  g_assert_cmpint (stored_status (f, pid, day, part), ==, DAG_ATTEND_NO_SHOW);
  /* The day was shown anew: its rows are new items. */
  g_clear_object (&item);
  dag_attendance_view_select (view, 0);
  item = g_list_model_get_item (dag_attendance_view_get_rows (view), 0);
  g_assert_cmpint (dag_attendance_item_get_participant (item), ==, dag_org_lookup ((DagOrg *) org, DAG_KIND_PARTICIPANT, pid));
  g_assert_cmpint (dag_attendance_item_get_status (item), ==, DAG_ATTEND_NO_SHOW);

  /* Delete clears the registration. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "attendance.set-status", "i", -1));
  g_assert_cmpint (stored_status (f, pid, day, part), ==, -1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "win.undo", NULL));
  g_assert_cmpint (stored_status (f, pid, day, part), ==, DAG_ATTEND_NO_SHOW);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "win.undo", NULL));
  g_assert_cmpint (stored_status (f, pid, day, part), ==, before);

  /* The keys: 2 or c cancels, n is a no-show, p present, Delete clears;
   * other keys are left to the list. */
  g_assert_true (press_key (view, GDK_KEY_c));
  g_assert_cmpint (stored_status (f, pid, day, part), ==, DAG_ATTEND_CANCELLED);
  g_assert_true (press_key (view, GDK_KEY_n));
  g_assert_cmpint (stored_status (f, pid, day, part), ==, DAG_ATTEND_NO_SHOW);
  g_assert_true (press_key (view, GDK_KEY_1));
  g_assert_cmpint (stored_status (f, pid, day, part), ==, DAG_ATTEND_PRESENT);
  g_assert_true (press_key (view, GDK_KEY_Delete));
  g_assert_cmpint (stored_status (f, pid, day, part), ==, -1);
  g_assert_false (press_key (view, GDK_KEY_x));
  for (int i = 0; i < 4; i++)
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "win.undo", NULL));
  g_assert_cmpint (stored_status (f, pid, day, part), ==, before);

  /* Hours attended (what typing 3:30 and Enter in the row does). */
  {
    int minutes, before_minutes;

    stored_status_minutes (f, pid, day, part, &before_minutes);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "attendance.set-minutes", "i", 210));
    g_assert_cmpint (stored_status_minutes (f, pid, day, part, &minutes), ==, DAG_ATTEND_PRESENT);
    g_assert_cmpint (minutes, ==, 210);
    g_assert_cmpint (dag_attendance_item_get_minutes (item), ==, 210);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "win.undo", NULL));
    g_assert_cmpint (stored_status_minutes (f, pid, day, part, &minutes), ==, before);
    g_assert_cmpint (minutes, ==, before_minutes);
  }

  /* Show a cancelled and a no-show row in the screenshot. */
  dag_attendance_view_select (view, 1);
  gtk_widget_activate_action (GTK_WIDGET (view), "attendance.set-status", "i", DAG_ATTEND_CANCELLED);
  dag_attendance_view_select (view, 2);
  gtk_widget_activate_action (GTK_WIDGET (view), "attendance.set-status", "i", DAG_ATTEND_NO_SHOW);
  dag_test_save_screenshot (GTK_WIDGET (f->window), "attendance");

  /* A public holiday says so instead of showing an empty list: Christmas
   * Day of the demo month's year, a holiday on any weekday. */
  dag_date_to_ymd (f->demo.month, &y, &m, &d);
  dag_attendance_view_set_date (view, dag_date_from_ymd (y, 12, 25));
  g_assert_cmpuint (g_list_model_get_n_items (dag_attendance_view_get_rows (view)), ==, 0);
  g_assert_nonnull (strstr (dag_attendance_view_get_notice (view), "no sessions"));
  dag_test_save_screenshot (GTK_WIDGET (f->window), "attendance-holiday");
}

/* ---- attendance by group and dagdeel ------------------------------------ */

/* At 1024 pixels the window's view switcher at the bottom makes GTK 4.8
 * warn about widgets allocated -1 high (in any view; see test-gui-oneoff):
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

/* The widget named name under widget, or NULL. */
static GtkWidget *
find_named (GtkWidget  *widget,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_named (c, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The text above the list, "34 of 41 registered". */
static const char *
completeness (DagAttendanceView *view)
{
  GtkWidget *label = find_named (GTK_WIDGET (view), "completeness");

  g_assert_nonnull (label);
  return gtk_label_get_text (GTK_LABEL (label));
}

/* What the completeness should say, counted from the rows. */
static char *
expected_completeness (DagAttendanceView *view)
{
  GListModel *rows = dag_attendance_view_get_rows (view);
  guint on = 0, registered = 0, off = 0;
  char *text;

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(DagAttendanceItem) item = g_list_model_get_item (rows, i);

      if (dag_attendance_item_get_state (item) != DAG_SESSION_ON)
        off++;
      else
        {
          on++;
          registered += dag_attendance_item_get_status (item) >= 0;
        }
    }
  text = registered == on ? g_strdup_printf ("All %u registered", on) : g_strdup_printf ("%u of %u registered", registered, on);
  if (off > 0)
    {
      char *more = g_strdup_printf ("%s · %u absent or cancelled", text, off);

      g_free (text);
      text = more;
    }
  return text;
}

/* The list as shown: sessions under headings. */
static GListModel *
shown_list (DagAttendanceView *view)
{
  return G_LIST_MODEL (gtk_list_view_get_model (dag_attendance_view_get_list_view (view)));
}

/* Positions in rows of the expected sessions of part and group. */
static GArray *
group_rows (DagAttendanceView *view,
            int                part,
            int                group)
{
  GListModel *rows = dag_attendance_view_get_rows (view);
  GArray *positions = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(DagAttendanceItem) item = g_list_model_get_item (rows, i);

      if (dag_attendance_item_get_state (item) == DAG_SESSION_ON && dag_attendance_item_get_part (item) == part &&
          dag_attendance_item_get_group (item) == group)
        g_array_append_val (positions, i);
    }
  return positions;
}

/* The stored status of every session of positions equals status, or
 * (want < -1) is what was saved in before. */
static void
assert_stored (Fixture           *f,
               DagAttendanceView *view,
               GArray            *positions,
               int                status,
               const int         *before)
{
  const DagOrg *org = dag_window_get_org (f->window);
  GListModel *rows = dag_attendance_view_get_rows (view);

  for (guint i = 0; i < positions->len; i++)
    {
      g_autoptr(DagAttendanceItem) item = g_list_model_get_item (rows, g_array_index (positions, guint, i));
      const char *pid = DAG_AT (org->participants, DagParticipant, dag_attendance_item_get_participant (item))->id;
      int want = before != NULL ? before[i] : status;

      g_assert_cmpint (stored_status (f, pid, dag_attendance_view_get_date (view), dag_attendance_item_get_part (item)), ==, want);
      g_assert_cmpint (dag_attendance_item_get_status (item), ==, want);
    }
}

/* Headings per group and dagdeel, the day's completeness, "All Present"
 * for a group as one undo step (by key, on a heading and by its button),
 * the day keys right after the view is shown, at two window sizes. */
static void
test_attendance_groups (Fixture *f, gconstpointer data)
{
  DagAttendanceView *view;
  g_autoptr(DagAttendanceItem) first = NULL;
  g_autoptr(GArray) positions = NULL;
  g_autofree int *registered = NULL;
  GListModel *shown;
  DagDate day;
  int part, group, last_part = -1, last_group = -2;
  guint headings = 0;
  gboolean off_seen = FALSE;

  open_window (f);
  view = dag_window_get_attendance_view (f->window);
  dag_window_set_view (f->window, "attendance");
  dag_test_wait_until (attendance_ready, view);
  day = first_monday (f->demo.month);
  dag_attendance_view_set_date (view, day);

  /* Every expected session under the heading of its dagdeel and group,
   * each heading once; who is not expected under one heading at the end. */
  shown = shown_list (view);
  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(DagAttendanceItem) item = g_list_model_get_item (shown, i);
      gboolean heading = dag_attendance_item_get_participant (item) < 0;

      if (heading)
        {
          headings++;
          g_assert_false (off_seen);
          if (dag_attendance_item_get_state (item) != DAG_SESSION_ON)
            off_seen = TRUE;
          else
            g_assert_true (dag_attendance_item_get_part (item) != last_part ||
                           dag_attendance_item_get_group (item) != last_group);
          last_part = dag_attendance_item_get_part (item);
          last_group = dag_attendance_item_get_group (item);
          continue;
        }
      g_assert_cmpuint (i, >, 0);
      if (dag_attendance_item_get_state (item) == DAG_SESSION_ON)
        {
          g_assert_false (off_seen);
          g_assert_cmpint (dag_attendance_item_get_part (item), ==, last_part);
          g_assert_cmpint (dag_attendance_item_get_group (item), ==, last_group);
        }
      else
        g_assert_true (off_seen);
    }
  g_assert_cmpuint (headings, >, 1);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==,
                    g_list_model_get_n_items (dag_attendance_view_get_rows (view)) + headings);
  {
    g_autofree char *want = expected_completeness (view);

    g_assert_cmpstr (completeness (view), ==, want);
  }

  /* The first group of the day, none of it registered yet. */
  first = g_list_model_get_item (dag_attendance_view_get_rows (view), 0);
  part = dag_attendance_item_get_part (first);
  group = dag_attendance_item_get_group (first);
  positions = group_rows (view, part, group);
  g_assert_cmpuint (positions->len, >, 1);
  for (guint i = 0; i < positions->len; i++)
    {
      dag_attendance_view_select (view, g_array_index (positions, guint, i));
      gtk_widget_activate_action (GTK_WIDGET (view), "attendance.set-status", "i", -1);
    }
  /* One exception known in advance: it keeps its cancellation. */
  dag_attendance_view_select (view, g_array_index (positions, guint, 1));
  g_assert_true (press_key (view, GDK_KEY_c));
  registered = g_new (int, positions->len);
  for (guint i = 0; i < positions->len; i++)
    registered[i] = i == 1 ? DAG_ATTEND_CANCELLED : -1;
  assert_stored (f, view, positions, 0, registered);
  {
    g_autofree char *want = expected_completeness (view);

    g_assert_cmpstr (completeness (view), ==, want);
    g_assert_true (strstr (want, " of ") != NULL);
  }
  dag_test_save_screenshot (GTK_WIDGET (f->window), "attendance-groups-open");

  /* a: the selected row's group present, one store transaction and one
   * undo step; the cancellation stays. */
  dag_attendance_view_select (view, g_array_index (positions, guint, 0));
  g_assert_true (press_key (view, GDK_KEY_a));
  for (guint i = 0; i < positions->len; i++)
    if (i != 1)
      {
        g_autoptr(DagAttendanceItem) item = g_list_model_get_item (dag_attendance_view_get_rows (view),
                                                                   g_array_index (positions, guint, i));

        g_assert_cmpint (dag_attendance_item_get_status (item), ==, DAG_ATTEND_PRESENT);
      }
  {
    g_autofree char *want = expected_completeness (view);

    g_assert_cmpstr (completeness (view), ==, want);
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "win.undo", NULL));
  assert_stored (f, view, positions, 0, registered);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "win.redo", NULL));
  for (guint i = 0; i < positions->len; i++)
    if (i != 1)
      {
        g_autoptr(DagAttendanceItem) item = g_list_model_get_item (dag_attendance_view_get_rows (view),
                                                                   g_array_index (positions, guint, i));

        g_assert_cmpint (dag_attendance_item_get_status (item), ==, DAG_ATTEND_PRESENT);
      }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "win.undo", NULL));
  assert_stored (f, view, positions, 0, registered);

  /* The heading's button, then 1 on the heading itself. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "attendance.group-present", "(ii)", part, group));
  g_assert_cmpint (dag_attendance_item_get_status (first), ==, DAG_ATTEND_PRESENT);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "win.undo", NULL));
  g_assert_cmpint (dag_attendance_item_get_status (first), ==, -1);
  {
    GtkSelectionModel *selection = gtk_list_view_get_model (dag_attendance_view_get_list_view (view));

    gtk_selection_model_select_item (selection, 0, TRUE);
    g_assert_true (press_key (view, GDK_KEY_1));
    g_assert_cmpint (dag_attendance_item_get_status (first), ==, DAG_ATTEND_PRESENT);
    /* The other status keys do nothing on a heading. */
    g_assert_false (press_key (view, GDK_KEY_n));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "win.undo", NULL));
    assert_stored (f, view, positions, 0, registered);
  }

  /* A day to come: nobody can be present yet, the group stays as it is. */
  dag_attendance_view_set_date (view, dag_date_today () + 7);
  if (g_list_model_get_n_items (dag_attendance_view_get_rows (view)) > 0)
    {
      g_autoptr(DagAttendanceItem) item = g_list_model_get_item (dag_attendance_view_get_rows (view), 0);

      dag_attendance_view_select (view, 0);
      press_key (view, GDK_KEY_a);
      g_assert_cmpint (dag_attendance_item_get_status (item), !=, DAG_ATTEND_PRESENT);
    }
  dag_attendance_view_set_date (view, day);

  /* Right after switching to the view (Alt+5) the keyboard is in the
   * list, and Alt+Left/Right work wherever it is: the view's shortcuts
   * are managed by the window. */
  dag_window_set_view (f->window, "participants");
  dag_test_wait_for_frames (GTK_WIDGET (f->window), 2);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-view", "s", "attendance"));
  dag_test_wait_for_frames (GTK_WIDGET (f->window), 2);
  {
    GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (f->window));
    GtkWidget *list = GTK_WIDGET (dag_attendance_view_get_list_view (view));
    g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (view));
    gboolean found = FALSE;

    g_assert_true (focus != NULL && gtk_widget_is_ancestor (focus, list));
    for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
      {
        g_autoptr(GtkEventController) c = g_list_model_get_item (controllers, i);

        if (!GTK_IS_SHORTCUT_CONTROLLER (c) ||
            gtk_shortcut_controller_get_scope (GTK_SHORTCUT_CONTROLLER (c)) != GTK_SHORTCUT_SCOPE_MANAGED)
          continue;
        for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (c)); j++)
          {
            g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (c), j);
            g_autofree char *trigger = gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));

            if (g_str_equal (trigger, "<Alt>Right"))
              {
                g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, GTK_WIDGET (view), NULL));
                found = TRUE;
              }
          }
      }
    g_assert_true (found);
    g_assert_cmpuint (dag_attendance_view_get_date (view), ==, day + 1);
  }
  dag_attendance_view_set_date (view, day);
  dag_attendance_view_select (view, g_array_index (positions, guint, 0));
  dag_test_save_screenshot (GTK_WIDGET (f->window), "attendance-groups");

  /* The two window sizes, to look at. */
  gtk_window_destroy (GTK_WINDOW (f->window));
  {
    static const int sizes[][2] = { { 1024, 700 }, { 1600, 1000 } };

    for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
      {
        g_autofree char *name = g_strdup_printf ("attendance-%dx%d", sizes[i][0], sizes[i][1]);

        tolerate_narrow = sizes[i][0] < 1200;
        f->window = dag_test_open_window (application, f->demo.store, sizes[i][0], sizes[i][1]);
        view = dag_window_get_attendance_view (f->window);
        dag_window_set_view (f->window, "attendance");
        dag_test_wait_until (attendance_ready, view);
        dag_attendance_view_set_date (view, day);
        dag_test_save_screenshot (GTK_WIDGET (f->window), name);
        if (i + 1 < G_N_ELEMENTS (sizes))
          gtk_window_destroy (GTK_WINDOW (f->window));
        tolerate_narrow = FALSE;
      }
  }
}

/* The demo month's totals, and a registration in the Attendance view
 * shows in the Production view; then both views in dark mode. */
static void
test_production (Fixture *f, gconstpointer data)
{
  DagProductionView *production;
  DagAttendanceView *attendance;
  int year, month;
  guint problems;

  open_window (f);
  production = dag_window_get_production_view (f->window);
  month_of (f->demo.month, &year, &month);
  dag_production_view_set_month (production, year, month);
  dag_window_set_view (f->window, "production");
  dag_test_wait_until (production_ready, production);
  problems = check_totals (f, production);
  dag_test_save_screenshot (GTK_WIDGET (f->window), "production");

  /* The exports write what the command line writes. */
  {
    g_autofree char *csv_path = g_build_filename (f->demo.dir, "production.csv", NULL);
    g_autofree char *written = NULL;
    g_autofree char *expected = NULL;
    g_autoptr(DagProduction) p = dag_production_compute (dag_window_get_org (f->window), year, month,
                                                         dag_date_today ());
    g_autoptr(GError) error = NULL;
    gsize length, expected_length;
    guint n_files = 0, n_municipalities = 0;

    g_assert_true (dag_production_view_save (production, "csv", csv_path, &n_files, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (n_files, ==, 1);
    g_assert_true (g_file_get_contents (csv_path, &written, &length, NULL));
    expected = dag_production_to_csv (dag_window_get_org (f->window), p, -1, DAG_CSV_DIALECT_RFC4180,
                                      &expected_length);
    g_assert_cmpmem (written, length, expected, expected_length);

    for (guint m = 0; m < dag_window_get_org (f->window)->municipalities->len; m++)
      n_municipalities += dag_production_has_lines (p, (int) m);
    g_assert_cmpuint (n_municipalities, >, 0);
    /* Declaring writes one WMO323 per municipality, records them in the
     * ledger (written, not sent) and lists them under the totals. */
    g_assert_true (dag_production_view_save (production, "declare", f->demo.dir, &n_files, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (n_files, ==, n_municipalities);
    g_assert_cmpuint (dag_window_get_org (f->window)->declarations->len, ==, n_municipalities);
    for (guint i = 0; i < n_municipalities; i++)
      g_assert_cmpuint (DAG_AT (dag_window_get_org (f->window)->declarations, DagDeclaration, i)->sent, ==,
                        DAG_DATE_NONE);
    {
      g_autoptr(DagOrg) stored = dag_store_load (f->demo.store, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (stored->declarations->len, ==, n_municipalities);
    }
    dag_test_wait_until (production_ready, production);
    dag_test_save_screenshot (GTK_WIDGET (f->window), "production-declared");
  }

  /* Clearing a registration of the (past) demo month leaves a session
   * unregistered: one problem more. */
  dag_window_set_view (f->window, "attendance");
  attendance = dag_window_get_attendance_view (f->window);
  dag_test_wait_until (attendance_ready, attendance);
  dag_attendance_view_set_date (attendance, first_monday (f->demo.month));
  dag_attendance_view_select (attendance, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (attendance), "attendance.set-status", "i", -1));
  dag_window_set_view (f->window, "production");
  dag_test_wait_until (production_ready, production);
  g_assert_cmpuint (check_totals (f, production), ==, problems + 1);
  dag_test_save_screenshot (GTK_WIDGET (f->window), "production-problems");

  /* Undo from the Production view puts it back: the window has one undo
   * stack, and it shows the view of the step undone. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (production), "win.undo", NULL));
  g_assert_cmpstr (dag_window_get_view (f->window), ==, "attendance");
  dag_window_set_view (f->window, "production");
  dag_test_wait_until (production_ready, production);
  g_assert_cmpuint (check_totals (f, production), ==, problems);

  /* Both views in dark mode, to look at. */
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  dag_test_save_screenshot (GTK_WIDGET (f->window), "production-dark");
  dag_window_set_view (f->window, "attendance");
  dag_test_save_screenshot (GTK_WIDGET (f->window), "attendance-dark");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
  g_assert_false (adw_style_manager_get_dark (adw_style_manager_get_default ()));
}

/* Both views in Dutch, to look at; needs the nl_NL.UTF-8 locale. */
static void
test_dutch (Fixture *f, gconstpointer data)
{
  DagProductionView *production;
  DagAttendanceView *attendance;
  g_autoptr(GString) text = g_string_new (NULL);
  int year, month;

  if (setlocale (LC_ALL, "nl_NL.UTF-8") == NULL)
    {
      g_test_skip ("the nl_NL.UTF-8 locale is not installed");
      return;
    }
  g_setenv ("LANGUAGE", "nl", TRUE);
  bindtextdomain (GETTEXT_PACKAGE, DAGRITME_TEST_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  open_window (f);
  attendance = dag_window_get_attendance_view (f->window);
  dag_window_set_view (f->window, "attendance");
  dag_test_wait_until (attendance_ready, attendance);
  dag_attendance_view_set_date (attendance, first_monday (f->demo.month));
  dag_test_save_screenshot (GTK_WIDGET (f->window), "attendance-nl");
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (find_named (GTK_WIDGET (attendance), "completeness"))),
                            "geregistreerd"));
  production = dag_window_get_production_view (f->window);
  month_of (f->demo.month, &year, &month);
  dag_production_view_set_month (production, year, month);
  dag_window_set_view (f->window, "production");
  dag_test_wait_until (production_ready, production);
  dag_test_save_screenshot (GTK_WIDGET (f->window), "production-nl");
  /* A translated string of each view. */
  g_assert_cmpstr (_("No sessions"), ==, "Geen dagdelen");
  /* "No-show" as an attendance status, in each row. */
  g_assert_cmpstr (C_("attendance status", "No-show"), ==, "Niet verschenen");
  g_assert_cmpstr (_("Occupancy per Group"), !=, "Occupancy per Group");

  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "en", TRUE);
}

/* ---- a plan changed from next week on ----------------------------------- */

static void
dated_setup (Fixture *f, gconstpointer data)
{
  /* Wednesday 11 November 2026: the week of 2 November is past. */
  g_setenv ("DAGRITME_TODAY", "2026-11-11", TRUE);
  dag_test_demo_setup (&f->demo, "views-dated", 150, dag_date_from_ymd (2026, 10, 1));
}

static void
dated_teardown (Fixture *f, gconstpointer data)
{
  fixture_teardown (f, data);
  g_unsetenv ("DAGRITME_TODAY");
}

/* The rows of the Attendance view on date: "participant/part" a line. */
static char *
attendance_rows (DagAttendanceView *view,
                 DagDate            date)
{
  GListModel *rows;
  GString *text = g_string_new (NULL);

  dag_attendance_view_set_date (view, date);
  rows = dag_attendance_view_get_rows (view);
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(DagAttendanceItem) item = g_list_model_get_item (rows, i);

      g_string_append_printf (text, "%d/%d\n", dag_attendance_item_get_participant (item),
                              dag_attendance_item_get_part (item));
    }
  return g_string_free (text, FALSE);
}

/* Everything the Staff view shows of the week of monday at location. */
static char *
staff_cells (DagStaffView *view,
             const DagOrg *org,
             int           location,
             DagDate       monday)
{
  GString *text = g_string_new (NULL);

  dag_staff_view_set_week (view, monday);
  for (guint g = 0; g < org->groups->len; g++)
    {
      if (DAG_AT (org->groups, DagGroup, g)->location != location)
        continue;
      for (int slot = 0; slot < DAG_SLOT (5, 0); slot++)
        {
          const char *assigned = dag_staff_view_get_assigned (view, (int) g, slot);

          if (assigned != NULL)
            g_string_append_printf (text, "%u/%d: %s (%d needed)\n", g, slot, assigned,
                                    dag_staff_view_get_need (view, (int) g, slot));
        }
    }
  return g_string_free (text, FALSE);
}

static void
reloaded_cb (GObject *object, GAsyncResult *res, gpointer user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (dag_window_reload_finish (DAG_WINDOW (object), res, &error));
  *(gboolean *) user_data = TRUE;
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *) data;
}

/* A plan saved from next week on (the way an accepted plan is): the past
 * week's Attendance and Staff views are unchanged, next week's show the
 * new plan. */
static void
test_dated_plan (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DagOrg) edit = NULL;
  g_autoptr(DagOrg) week = NULL;
  g_autoptr(GArray) plan = NULL;
  g_autoptr(GArray) staffing = NULL;
  g_autofree char *past_rows = NULL, *next_rows = NULL, *past_staff = NULL, *next_staff = NULL;
  g_autofree char *gone = NULL;
  DagAttendanceView *attendance;
  DagStaffView *staff_view;
  const DagOrg *org;
  DagDate past_monday = dag_date_from_ymd (2026, 11, 2), next_monday = dag_date_from_ymd (2026, 11, 16);
  DagDate past_day = past_monday + 3, next_day = next_monday + 3;
  int dropped = -1, dropped_staff = -1, location = 0;
  gboolean reloaded = FALSE;

  open_window (f);
  attendance = dag_window_get_attendance_view (f->window);
  staff_view = dag_window_get_staff_view (f->window);
  dag_test_wait_until (attendance_ready, attendance);
  org = dag_window_get_org (f->window);
  dag_attendance_view_set_location (attendance, location);
  dag_staff_view_set_location (staff_view, location);
  past_rows = attendance_rows (attendance, past_day);
  next_rows = attendance_rows (attendance, next_day);
  g_assert_cmpstr (past_rows, !=, "");
  past_staff = staff_cells (staff_view, org, location, past_monday);
  g_assert_nonnull (dag_staff_view_get_frozen_message (staff_view));

  /* From next week on: the first participant of next Thursday is no longer
   * planned, and the first staff member of the location has no work. */
  {
    g_autoptr(DagAttendanceItem) item = g_list_model_get_item (dag_attendance_view_get_rows (attendance), 0);
    dropped = dag_attendance_item_get_participant (item);
  }
  edit = dag_store_load (f->demo.store, &error);
  g_assert_no_error (error);
  week = dag_org_for_week (edit, next_monday);
  plan = g_array_new (FALSE, FALSE, sizeof (DagPlanEntry));
  for (guint i = 0; i < week->plan->len; i++)
    if (DAG_AT (week->plan, DagPlanEntry, i)->participant != dropped)
      g_array_append_val (plan, g_array_index (week->plan, DagPlanEntry, i));
  staffing = g_array_new (FALSE, FALSE, sizeof (DagStaffing));
  for (guint i = 0; i < week->staffing->len; i++)
    {
      const DagStaffing *s = DAG_AT (week->staffing, DagStaffing, i);

      if (dropped_staff < 0 && DAG_AT (edit->groups, DagGroup, s->group)->location == location &&
          DAG_SLOT_PART (s->slot) <= DAG_PART_PM)
        dropped_staff = s->staff;
      if (s->staff != dropped_staff)
        g_array_append_val (staffing, *s);
    }
  g_assert_cmpint (dropped_staff, >=, 0);
  g_assert_true (dag_dated_replace (edit->plan, next_monday, DAG_SCOPE_FROM_WEEK, -1, plan));
  g_assert_true (dag_dated_replace (edit->staffing, next_monday, DAG_SCOPE_FROM_WEEK, -1, staffing));
  g_assert_true (dag_store_save (f->demo.store, edit, DAG_SECTION_PLAN | DAG_SECTION_STAFFING, "plan", &error));
  g_assert_no_error (error);
  dag_window_reload_async (f->window, NULL, reloaded_cb, &reloaded);
  dag_test_wait_until (is_true, &reloaded);
  org = dag_window_get_org (f->window);

  /* The past week: the same sessions and the same staff. */
  dag_attendance_view_set_location (attendance, location);
  dag_staff_view_set_location (staff_view, location);
  {
    g_autofree char *now = attendance_rows (attendance, past_day);
    g_assert_cmpstr (now, ==, past_rows);
  }
  {
    g_autofree char *now = staff_cells (staff_view, org, location, past_monday);
    g_assert_cmpstr (now, ==, past_staff);
  }

  /* Next week: without them. */
  g_clear_pointer (&next_rows, g_free);
  next_rows = attendance_rows (attendance, next_day);
  gone = g_strdup_printf ("\n%d/", dropped);
  g_assert_null (strstr (next_rows, gone));
  g_assert_false (g_str_has_prefix (next_rows, gone + 1));
  next_staff = staff_cells (staff_view, org, location, next_monday);
  g_assert_null (strstr (next_staff, DAG_AT (org->staff, DagStaff, dropped_staff)->name));
  g_assert_nonnull (strstr (past_staff, DAG_AT (org->staff, DagStaff, dropped_staff)->name));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, DAGRITME_TEST_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_test_init (&argc, &argv, NULL);
  g_log_set_writer_func (log_writer, NULL, NULL);
  application = dag_application_new ();
  g_application_register (G_APPLICATION (application), NULL, &error);
  g_assert_no_error (error);
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add ("/gui-views/attendance", Fixture, NULL, fixture_setup, test_attendance, fixture_teardown);
  g_test_add ("/gui-views/attendance-groups", Fixture, NULL, fixture_setup, test_attendance_groups, fixture_teardown);
  g_test_add ("/gui-views/production", Fixture, NULL, fixture_setup, test_production, fixture_teardown);
  g_test_add ("/gui-views/dutch", Fixture, NULL, fixture_setup, test_dutch, fixture_teardown);
  g_test_add ("/gui-views/dated-plan", Fixture, NULL, dated_setup, test_dated_plan, dated_teardown);
  status = g_test_run ();
  g_clear_object (&application);
  return status;
}
