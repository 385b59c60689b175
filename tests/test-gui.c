/* test-gui.c — the window under Xvfb: loading on a thread, the empty and
 * error states, the Participants view (selection, detail pane, search,
 * sorting), and a PNG screenshot of every view in the build directory. */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "dag-application.h"
#include "dag-demo.h"
#include "dag-indication-item.h"
#include "dag-gui-test.h"
#include "dag-window.h"

typedef struct {
  char           *dir;
  char           *path;
  DagApplication *app;
  DagStore       *store;
  DagWindow      *window;
} Fixture;

/* What the database holds when a test starts. */
enum {
  DATA_EMPTY,
  DATA_SMALL,     /* make_org (SMALL_N): expectations computed by hand */
  DATA_DEMO,      /* the demo organisation, 150 participants */
};

#define SMALL_N 60

/* One registered application for all tests, as in the real program. */
static DagApplication *application;

static const char * const first_names[] = {
  "Bram", "Daan", "Emma", "Fatima", "Gerrit", "Hanneke", "Ingrid", "Joost",
  "Karin", "Lotte", "Mohamed", "Noor", "Pieter", "Rik", "Sanne", "Tom",
};
static const char * const last_names[] = {
  "de Boer", "Bakker", "Visser", "Smit", "Meijer", "de Groot", "Mulder",
  "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker", "Brouwer",
};
static const char * const municipality_names[] = { "Arnhem", "Renkum", "Rheden" };
static const char * const municipality_codes[] = { "0202", "0274", "0275" };

/* n participants: P1 is "Anna Aalders" (first by name) with an M3
 * indication that ends in 20 days and a VERVOER one for a year; the others
 * have one M3 indication for a year.  Participant i (0-based) lives in
 * municipality_names[i % 3] and travels by bus when i is even. */
static DagOrg *
make_org (guint n)
{
  DagOrg *org = dag_org_new ();
  DagDate today = dag_date_today ();
  DagContract *c;
  DagProduct *p;
  DagLocation *l;
  DagGroup *g;
  DagStaff s = { g_strdup ("S1"), g_strdup ("Anouk de Vries"), DAG_QUAL_HBO, 32,
                 DAG_SLOT_BIT (0) | DAG_SLOT_BIT (1), TRUE, g_strdup ("anouk@example.org") };
  DagVehicle v = { g_strdup ("V1"), g_strdup ("Bus 1"), 8, 2, 0, 45 };

  g_free (org->name);
  org->name = g_strdup ("Zorgboerderij De Linde");
  g_free (org->agb_code);
  org->agb_code = g_strdup ("98765432");
  for (guint i = 0; i < G_N_ELEMENTS (municipality_names); i++)
    {
      DagMunicipality m = { g_strdup (municipality_codes[i]), g_strdup (municipality_names[i]) };
      g_array_append_val (org->municipalities, m);
    }

  c = dag_org_add_contract (org);
  c->id = g_strdup ("C-ARN");
  c->municipality = 0;
  p = dag_contract_add_product (c);
  p->product = g_strdup ("M3");
  p->code = g_strdup ("04A03");
  p->name = g_strdup ("Dagbesteding");
  p->unit = g_strdup ("dagdeel");
  p->tariff_cents = 3450;
  p = dag_contract_add_product (c);
  p->product = g_strdup ("VERVOER");
  p->code = g_strdup ("08A01");
  p->name = g_strdup ("Vervoer dagbesteding");
  p->unit = g_strdup ("rit");
  p->tariff_cents = 1250;

  l = dag_org_add_location (org);
  l->id = g_strdup ("L1");
  l->name = g_strdup ("De Linde");
  l->address = g_strdup ("Lindelaan 1, 6800 AA Arnhem");
  l->lat = 51.985;
  l->lon = 5.898;
  l->has_part[DAG_PART_AM] = l->has_part[DAG_PART_PM] = TRUE;
  l->part_start[0] = 540; l->part_end[0] = 780;
  l->part_start[1] = 780; l->part_end[1] = 1020;

  g = dag_org_add_group (org);
  g->id = g_strdup ("G1");
  g->location = 0;
  g->name = g_strdup ("Houtwerkplaats");
  g_ptr_array_add (g->products, g_strdup ("M3"));
  g->min_level = 1;
  g->max_level = 3;
  g->capacity = 8;
  g->slots = DAG_SLOT_BIT (0) | DAG_SLOT_BIT (1);

  g_array_append_val (org->staff, s);
  g_array_append_val (org->vehicles, v);

  for (guint i = 0; i < n; i++)
    {
      DagParticipant pa = { 0, };
      DagIndication ind = { 0, };

      pa.id = g_strdup_printf ("P%u", i + 1);
      if (i == 0)
        pa.name = g_strdup ("Anna Aalders");
      else
        pa.name = g_strdup_printf ("%s %s", first_names[i % G_N_ELEMENTS (first_names)],
                                   last_names[(i / 3) % G_N_ELEMENTS (last_names)]);
      pa.birth_date = dag_date_from_ymd (1950 + i % 50, 1 + i % 12, 1 + i % 28);
      pa.bsn = g_strdup ("111222333");
      pa.address = g_strdup_printf ("Steenstraat %u, 6828 CA Arnhem", i + 1);
      pa.has_coords = TRUE;
      pa.lat = 51.977;
      pa.lon = 5.925;
      pa.municipality = (int) (i % 3);
      pa.transport = i % 2 == 0 ? DAG_TRANSPORT_BUS : DAG_TRANSPORT_OWN;
      pa.wheelchair = i % 7 == 3;
      g_array_append_val (org->participants, pa);

      ind.id = g_strdup_printf ("I%u", i + 1);
      ind.participant = (int) i;
      ind.contract = 0;
      ind.product = 0;
      ind.level = 1 + i % 4;
      ind.allocation_number = g_strdup_printf ("A-2026-%04u", i + 1);
      ind.start = today - 200;
      ind.end = i == 0 ? today + 20 : today + 165 + i;
      ind.units = 2 + i % 4;
      ind.per = DAG_PER_WEEK;
      ind.min_units = -1;
      g_array_append_val (org->indications, ind);
    }

  {
    DagIndication ind = { g_strdup ("I-VERVOER-1"), 0, 0, 1, 1, g_strdup ("A-2026-9001"),
                          today - 10, today + 355, 8, DAG_PER_WEEK, -1 };
    g_array_append_val (org->indications, ind);
  }
  return org;
}

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DagOrg) org = NULL;

  f->dir = g_dir_make_tmp ("dagritme-gui-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "test.db", NULL);
  f->store = dag_store_open (f->path, &error);
  g_assert_no_error (error);
  switch (GPOINTER_TO_INT (data))
    {
    case DATA_SMALL:
      org = make_org (SMALL_N);
      break;
    case DATA_DEMO:
      {
        DagDemoOptions options;

        dag_demo_options_init (&options);
        options.participants = 150;
        org = dag_demo_generate (&options);
      }
      break;
    default:
      break;
    }
  if (org != NULL)
    {
      g_assert_true (dag_store_save (f->store, org, DAG_SECTION_ALL, "test", &error));
      g_assert_no_error (error);
    }

  f->app = application;
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  if (f->window)
    gtk_window_destroy (GTK_WINDOW (f->window));
  /* Let the window finish disposing before the store goes away. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&f->store);
  dag_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

/* ---- waiting ------------------------------------------------------------ */

static gboolean
timed_out_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
wait_for_load (DagWindow *window)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (60, timed_out_cb, &timed_out);

  while (g_strcmp0 (dag_window_get_state (window), "loading") == 0 && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (id);
}

/* ---- screenshots -------------------------------------------------------- */

/* ---- helpers ------------------------------------------------------------ */

static void
open_window (Fixture *f)
{
  f->window = dag_window_new (f->app, f->store, NULL);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1280, 800);
  gtk_window_present (GTK_WINDOW (f->window));
  wait_for_load (f->window);
}

static void
collect_text (GtkWidget *widget,
              GString   *out)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget))
    {
      g_string_append (out, gtk_label_get_text (GTK_LABEL (widget)));
      g_string_append_c (out, '\n');
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    collect_text (child, out);
}

static gboolean
has_css_class_below (GtkWidget  *widget,
                     const char *css_class)
{
  if (gtk_widget_has_css_class (widget, css_class))
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    if (has_css_class_below (child, css_class))
      return TRUE;
  return FALSE;
}

static guint
count_rows (GtkListBox *list)
{
  guint n = 0;

  while (gtk_list_box_get_row_at_index (list, (int) n) != NULL)
    n++;
  return n;
}

/* Sorting is incremental: lets it finish. */
static void
wait_for_sorting (GListModel *shown)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (20, timed_out_cb, &timed_out);

  while (gtk_sort_list_model_get_pending (GTK_SORT_LIST_MODEL (shown)) > 0 && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (id);
}

static const char *
municipality_at (GListModel *model,
                 guint       position)
{
  g_autoptr(DagParticipantItem) item = g_list_model_get_item (model, position);

  return dag_participant_item_get_municipality (item);
}

/* ---- tests -------------------------------------------------------------- */

/* ---- the undo stack ----------------------------------------------------- */

typedef struct {
  int      *value;      /* what the step changes */
  int       before, after;
  gboolean  fail;       /* the store refuses */
} CounterStep;

static int n_steps_freed;

static void
counter_free (gpointer data)
{
  n_steps_freed++;
  g_free (data);
}

static gboolean
counter_apply (gpointer data, gboolean undo, GError **error)
{
  CounterStep *step = data;

  if (step->fail)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "refused");
      return FALSE;
    }
  *step->value = undo ? step->before : step->after;
  return TRUE;
}

static void
push_counter (DagHistory *history, gpointer owner, int *value, int after, int *n_pushed)
{
  CounterStep *step = g_new0 (CounterStep, 1);
  g_autofree char *label = g_strdup_printf ("set %d", after);

  step->value = value;
  step->before = *value;
  step->after = after;
  *value = after;
  dag_history_push (history, owner, label, "week", counter_apply, step, counter_free);
  (*n_pushed)++;
}

static void
test_history (void)
{
  g_autoptr(DagHistory) history = dag_history_new ();
  g_autoptr(GError) error = NULL;
  int value = 0, a = 0, pushed = 0;
  int owner_a, owner_b;

  g_assert_false (dag_history_can_undo (history));
  g_assert_false (dag_history_undo (history, &error));
  g_assert_no_error (error);

  push_counter (history, &owner_a, &value, 1, &pushed);
  push_counter (history, &owner_a, &value, 2, &pushed);
  push_counter (history, &owner_a, &value, 3, &pushed);
  g_assert_cmpstr (dag_history_get_undo_label (history), ==, "set 3");
  g_assert_null (dag_history_get_redo_label (history));

  /* Undo goes back step by step, redo forward. */
  g_assert_true (dag_history_undo (history, &error));
  g_assert_cmpint (value, ==, 2);
  g_assert_true (dag_history_undo (history, &error));
  g_assert_cmpint (value, ==, 1);
  g_assert_cmpstr (dag_history_get_redo_label (history), ==, "set 2");
  g_assert_true (dag_history_redo (history, &error));
  g_assert_cmpint (value, ==, 2);

  /* A new step drops (and frees) what was undone: "set 3" cannot come back. */
  n_steps_freed = 0;
  push_counter (history, &owner_a, &value, 7, &pushed);
  g_assert_cmpint (n_steps_freed, ==, 1);
  g_assert_false (dag_history_can_redo (history));
  g_assert_true (dag_history_undo (history, &error));
  g_assert_cmpint (value, ==, 2);
  g_assert_true (dag_history_redo (history, &error));
  g_assert_cmpint (value, ==, 7);
  g_assert_false (dag_history_redo (history, &error));
  g_assert_no_error (error);

  /* A step that fails stays where it was, and says why. */
  push_counter (history, &owner_b, &a, 5, &pushed);
  {
    /* Reach the last step through a failing twin pushed on top. */
    CounterStep *bad = g_new0 (CounterStep, 1);

    bad->value = &a;
    bad->before = 5;
    bad->after = 6;
    bad->fail = TRUE;
    a = 6;
    dag_history_push (history, &owner_b, "set 6", "week", counter_apply, bad, counter_free);
  }
  g_assert_false (dag_history_undo (history, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_cmpint (a, ==, 6);
  g_assert_cmpstr (dag_history_get_undo_label (history), ==, "set 6");

  /* Forgetting an owner's steps keeps the others in order. */
  dag_history_forget (history, &owner_b);
  g_assert_cmpstr (dag_history_get_undo_label (history), ==, "set 7");
  g_assert_true (dag_history_undo (history, &error));
  g_assert_cmpint (value, ==, 2);
  dag_history_forget (history, &owner_a);
  g_assert_false (dag_history_can_undo (history));
  g_assert_false (dag_history_can_redo (history));
  /* Every step was freed once: the five counters and the failing one. */
  g_assert_cmpint (n_steps_freed, ==, pushed + 1);
}

/* Ctrl+Z and Ctrl+Shift+Z are the window's, whatever view is shown. */
static gboolean
window_binds (DagWindow *window, const char *accel, const char *action)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));
  g_autoptr(GtkShortcutTrigger) wanted = gtk_shortcut_trigger_parse_string (accel);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) c = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (c))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (c)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (c), j);
          GtkShortcutAction *a = gtk_shortcut_get_action (shortcut);

          if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), wanted)
              && GTK_IS_NAMED_ACTION (a)
              && g_str_equal (gtk_named_action_get_action_name (GTK_NAMED_ACTION (a)), action))
            return TRUE;
        }
    }
  return FALSE;
}

static void
test_undo_window (Fixture *f, gconstpointer data)
{
  DagHistory *history;
  int value = 0, pushed = 0;

  open_window (f);
  history = dag_window_get_history (f->window);
  g_assert_true (dag_history_for_widget (GTK_WIDGET (dag_window_get_staff_view (f->window))) == history);
  g_assert_true (window_binds (f->window, "<Control>z", "win.undo"));
  g_assert_true (window_binds (f->window, "<Control><Shift>z", "win.redo"));
  /* Nothing done yet: nothing to undo. */
  g_assert_false (dag_history_can_undo (history));

  /* Undo from another view brings back the view of the step. */
  dag_window_set_view (f->window, "participants");
  push_counter (history, f, &value, 4, &pushed);
  dag_window_set_view (f->window, "production");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo", NULL));
  g_assert_cmpint (value, ==, 0);
  g_assert_cmpstr (dag_window_get_view (f->window), ==, "week");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.redo", NULL));
  g_assert_cmpint (value, ==, 4);
  dag_history_clear (history);
}

static void
reloaded_cb (GObject *object, GAsyncResult *res, gpointer user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (dag_window_reload_finish (DAG_WINDOW (object), res, &error));
  g_assert_no_error (error);
  *(int *) user_data += 1;
}

static gboolean
two_reloaded (gpointer data)
{
  return *(int *) data == 2;
}

/* A reload gives every view the new organisation, keeps the views on
 * screen, serves calls that come meanwhile, and clears the undo stack. */
static void
test_reload (Fixture *f, gconstpointer data)
{
  DagHistory *history;
  const DagOrg *before;
  int value = 0, pushed = 0, done = 0;
  guint n;

  open_window (f);
  history = dag_window_get_history (f->window);
  before = dag_window_get_org (f->window);
  n = before->participants->len;
  push_counter (history, f, &value, 1, &pushed);
  dag_window_reload_async (f->window, NULL, reloaded_cb, &done);
  dag_window_reload_async (f->window, NULL, reloaded_cb, &done);
  g_assert_cmpstr (dag_window_get_state (f->window), ==, "views");
  dag_test_wait_until (two_reloaded, &done);
  g_assert_cmpstr (dag_window_get_state (f->window), ==, "views");
  g_assert_true (dag_window_get_org (f->window) != NULL);
  g_assert_cmpuint (dag_window_get_org (f->window)->participants->len, ==, n);
  g_assert_false (dag_history_can_undo (history));
}

static void
test_views (Fixture *f, gconstpointer data)
{
  static const char * const views[] = {
    "week", "participants", "staff", "transport", "attendance", "production",
  };
  DagParticipantsView *view;

  open_window (f);
  g_assert_cmpstr (dag_window_get_state (f->window), ==, "views");
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      g_autofree char *action = g_strdup_printf ("win.show-view::%s", views[i]);
      g_autoptr(GVariant) target = NULL;
      g_autofree char *name = NULL;

      /* Through the action that Alt+1 … Alt+6 trigger. */
      g_assert_true (g_action_parse_detailed_name (action, &name, &target, NULL));
      g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (f->window), name, target));
      g_assert_cmpstr (dag_window_get_view (f->window), ==, views[i]);
      /* test-gui-views, test-gui-staff, test-gui-transport and
       * test-gui-week take the pictures of their views. */
      if (!g_str_equal (views[i], "attendance") && !g_str_equal (views[i], "production") &&
          !g_str_equal (views[i], "staff") && !g_str_equal (views[i], "transport") &&
          !g_str_equal (views[i], "week"))
        dag_test_save_screenshot (GTK_WIDGET (f->window), views[i]);
    }

  /* The demo participants, with the first one's details. */
  dag_window_set_view (f->window, "participants");
  view = dag_window_get_participants_view (f->window);
  g_assert_cmpuint (g_list_model_get_n_items (dag_participants_view_get_shown (view)), ==, 150);
  dag_participants_view_select (view, 0);
  g_assert_nonnull (dag_participants_view_get_selected (view));
  dag_test_save_screenshot (GTK_WIDGET (f->window), "participants-selected");
}

static void
test_participants (Fixture *f, gconstpointer data)
{
  const guint n = SMALL_N;
  DagParticipantsView *view;
  GListModel *shown;
  GtkColumnView *column_view;
  g_autoptr(GtkColumnViewColumn) municipality_column = NULL;
  GtkListBox *indications;
  DagParticipantItem *selected;
  g_autoptr(GString) text = g_string_new (NULL);

  open_window (f);
  dag_window_set_view (f->window, "participants");
  view = dag_window_get_participants_view (f->window);
  shown = dag_participants_view_get_shown (view);
  wait_for_sorting (shown);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, n);

  /* Sorted by name, Anna Aalders comes first; she has two indications, the
   * M3 one ending in 20 days, which the detail pane flags as a warning. */
  dag_participants_view_select (view, 0);
  selected = dag_participants_view_get_selected (view);
  g_assert_nonnull (selected);
  g_assert_cmpstr (dag_participant_item_get_name (selected), ==, "Anna Aalders");
  indications = dag_participants_view_get_indication_list (view);
  dag_test_wait_for_frames (GTK_WIDGET (f->window), 2);
  g_assert_cmpuint (count_rows (indications), ==, 2);
  collect_text (GTK_WIDGET (indications), text);
  g_test_message ("detail indications:\n%s", text->str);
  g_assert_nonnull (strstr (text->str, "M3 · Dagbesteding"));
  g_assert_nonnull (strstr (text->str, "VERVOER · Vervoer dagbesteding"));
  g_assert_nonnull (strstr (text->str, "Ends in 20 days"));
  g_assert_true (has_css_class_below (GTK_WIDGET (indications), "warning"));
  g_string_truncate (text, 0);
  collect_text (GTK_WIDGET (view), text);
  /* The BSN only masked (111222333 → *****2333). */
  g_assert_nonnull (strstr (text->str, "*****2333"));
  g_assert_null (strstr (text->str, "111222333"));
  /* The list shows her birth date, to tell namesakes apart, and marks her
   * indication that ends within six weeks. */
  column_view = dag_participants_view_get_column_view (view);
  g_string_truncate (text, 0);
  collect_text (GTK_WIDGET (column_view), text);
  g_assert_nonnull (strstr (text->str, "Birth Date"));
  g_assert_nonnull (strstr (text->str, "1 Jan 1950"));
  g_assert_true (has_css_class_below (GTK_WIDGET (column_view), "warning"));
  dag_test_save_screenshot (GTK_WIDGET (f->window), "participants-warning");

  /* Search: a third of the participants live in Renkum (i % 3 == 1);
   * "p7" matches the id P7 only (there is no P70). */
  dag_participants_view_set_search (view, "Renkum");
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, n / 3);
  dag_participants_view_set_search (view, "p7");
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 1);
  dag_participants_view_set_search (view, "no such participant");
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 0);
  dag_test_save_screenshot (GTK_WIDGET (f->window), "participants-no-results");
  dag_participants_view_set_search (view, "");
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, n);

  /* Sorting by the Municipality column: Arnhem first, Rheden last;
   * descending the other way round. */
  municipality_column = g_list_model_get_item (gtk_column_view_get_columns (column_view), 2);
  g_assert_cmpstr (gtk_column_view_column_get_title (municipality_column), ==, "Municipality");
  gtk_column_view_sort_by_column (column_view, municipality_column, GTK_SORT_ASCENDING);
  wait_for_sorting (shown);
  g_assert_cmpstr (municipality_at (shown, 0), ==, "Arnhem");
  g_assert_cmpstr (municipality_at (shown, n - 1), ==, "Rheden");
  for (guint i = 1; i < n; i++)
    g_assert_cmpint (g_utf8_collate (municipality_at (shown, i - 1), municipality_at (shown, i)), <=, 0);
  gtk_column_view_sort_by_column (column_view, municipality_column, GTK_SORT_DESCENDING);
  wait_for_sorting (shown);
  g_assert_cmpstr (municipality_at (shown, 0), ==, "Rheden");
  dag_test_save_screenshot (GTK_WIDGET (f->window), "participants-sorted");
}

static void
test_participant_columns (Fixture *f, gconstpointer data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_auto(GStrv) hidden = NULL;
  DagParticipantsView *view;
  GtkColumnView *column_view;
  GListModel *columns;
  g_autoptr(GtkColumnViewColumn) birth_column = NULL;
  g_autoptr(GtkColumnViewColumn) municipality_column = NULL;

  open_window (f);
  dag_window_set_view (f->window, "participants");
  view = dag_window_get_participants_view (f->window);
  column_view = dag_participants_view_get_column_view (view);
  columns = gtk_column_view_get_columns (column_view);
  /* No mostly empty Wheelchair column: an icon beside Transport says it. */
  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      g_assert_cmpstr (gtk_column_view_column_get_title (column), !=, "Wheelchair");
      g_assert_nonnull (gtk_column_view_column_get_header_menu (column));
    }
  birth_column = g_list_model_get_item (columns, 1);
  g_assert_cmpstr (gtk_column_view_column_get_title (birth_column), ==, "Birth Date");
  municipality_column = g_list_model_get_item (columns, 2);
  g_assert_true (gtk_column_view_column_get_visible (municipality_column));

  /* Hiding a column from the menu hides it and is remembered… */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "columns.municipality", NULL));
  g_assert_false (gtk_column_view_column_get_visible (municipality_column));
  hidden = g_settings_get_strv (settings, "participant-hidden-columns");
  g_assert_true (g_strv_contains ((const char * const *) hidden, "municipality"));
  g_assert_cmpuint (g_strv_length (hidden), ==, 1);
  dag_test_wait_for_frames (GTK_WIDGET (f->window), 2);
  dag_test_save_screenshot (GTK_WIDGET (f->window), "participants-column-hidden");

  /* …by the next window too; showing it again forgets it. */
  gtk_window_destroy (GTK_WINDOW (f->window));
  f->window = NULL;
  while (g_main_context_iteration (NULL, FALSE))
    ;
  open_window (f);
  dag_window_set_view (f->window, "participants");
  view = dag_window_get_participants_view (f->window);
  g_clear_object (&municipality_column);
  municipality_column = g_list_model_get_item (gtk_column_view_get_columns (dag_participants_view_get_column_view (view)), 2);
  g_assert_cmpstr (gtk_column_view_column_get_title (municipality_column), ==, "Municipality");
  g_assert_false (gtk_column_view_column_get_visible (municipality_column));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "columns.municipality", NULL));
  g_assert_true (gtk_column_view_column_get_visible (municipality_column));
  g_clear_pointer (&hidden, g_strfreev);
  hidden = g_settings_get_strv (settings, "participant-hidden-columns");
  g_assert_cmpuint (g_strv_length (hidden), ==, 0);
  g_settings_reset (settings, "participant-hidden-columns");
}

/* At 1024 px the window reveals its bottom AdwViewSwitcherBar, whose
 * revealer animation (libadwaita 1.2) allocates the bar's boxes 0 px and
 * GTK warns.  That warning alone, and only for widgets in that bar, is
 * not fatal here: the window's own tests are where it is to be fixed. */
static GLogWriterOutput
switcher_bar_tolerant_writer (GLogLevelFlags   log_level,
                              const GLogField *fields,
                              gsize            n_fields,
                              gpointer         user_data)
{
  for (gsize i = 0; i < n_fields; i++)
    {
      const char *message = fields[i].value;
      const char *address;

      if (!g_str_equal (fields[i].key, "MESSAGE") || fields[i].length != -1
          || strstr (message, "attempt to allocate ") == NULL
          || (address = strstr (message, "0x")) == NULL)
        continue;
      for (GtkWidget *w = GSIZE_TO_POINTER (g_ascii_strtoull (address, NULL, 16)); w;
           w = gtk_widget_get_parent (w))
        if (ADW_IS_VIEW_SWITCHER_BAR (w))
          {
            g_test_message ("tolerated: %s", message);
            return G_LOG_WRITER_HANDLED;
          }
    }
  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

/* The demo's participants at 1024×700: names get the room, birth dates and
 * the ends of indications show. */
static void
test_participants_small_window (Fixture *f, gconstpointer data)
{
  DagParticipantsView *view;
  GListModel *shown;
  guint ended = 0;

  static gsize writer_set = 0;

  if (g_once_init_enter (&writer_set))
    {
      g_log_set_writer_func (switcher_bar_tolerant_writer, NULL, NULL);
      g_once_init_leave (&writer_set, 1);
    }
  f->window = dag_test_open_window (f->app, f->store, 1024, 700);
  wait_for_load (f->window);
  dag_window_set_view (f->window, "participants");
  view = dag_window_get_participants_view (f->window);
  shown = dag_participants_view_get_shown (view);
  wait_for_sorting (shown);
  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(DagParticipantItem) item = g_list_model_get_item (shown, i);

      ended += dag_participant_item_get_ended (item);
    }
  g_test_message ("%u participants whose indications have all ended", ended);
  dag_participants_view_select (view, 0);
  dag_test_wait_for_frames (GTK_WIDGET (f->window), 3);
  dag_test_save_screenshot (GTK_WIDGET (f->window), "participants-1024");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  dag_test_wait_for_frames (GTK_WIDGET (f->window), 3);
  dag_test_save_screenshot (GTK_WIDGET (f->window), "participants-1024-dark");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
}

static void
test_search_action (Fixture *f, gconstpointer data)
{
  DagParticipantsView *view;

  open_window (f);
  dag_window_set_view (f->window, "week");
  /* Ctrl+F: to the Participants view, focus in the search entry. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.search", NULL));
  g_assert_cmpstr (dag_window_get_view (f->window), ==, "participants");
  view = dag_window_get_participants_view (f->window);
  dag_test_wait_for_frames (GTK_WIDGET (f->window), 2);
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (f->window)), GTK_WIDGET (view)));
}

static void
test_settings (Fixture *f, gconstpointer data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *view = NULL;

  /* Closing the window remembers its size and view (the memory backend
   * is shared within the process). */
  open_window (f);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 900, 700);
  dag_window_set_view (f->window, "staff");
  gtk_window_close (GTK_WINDOW (f->window));
  f->window = NULL;      /* closing destroyed it */
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 900);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 700);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));
  view = g_settings_get_string (settings, "last-view");
  g_assert_cmpstr (view, ==, "staff");

  /* …and the next window comes back to that view. */
  f->window = dag_window_new (f->app, f->store, NULL);
  g_assert_cmpstr (dag_window_get_view (f->window), ==, "staff");
  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
  g_settings_reset (settings, "last-view");
}

static void
test_quit (Fixture *f, gconstpointer data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *view = NULL;

  /* Ctrl+Q closes the windows (saving their state) rather than leaving
   * them behind. */
  open_window (f);
  dag_window_set_view (f->window, "transport");
  g_action_group_activate_action (G_ACTION_GROUP (f->app), "quit", NULL);
  f->window = NULL;
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (f->app)));
  view = g_settings_get_string (settings, "last-view");
  g_assert_cmpstr (view, ==, "transport");
  g_settings_reset (settings, "last-view");
  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
}

static void
test_about (Fixture *f, gconstpointer data)
{
  GList *windows;
  GtkWidget *about = NULL;

  open_window (f);
  g_action_group_activate_action (G_ACTION_GROUP (f->app), "about", NULL);
  windows = gtk_application_get_windows (GTK_APPLICATION (f->app));
  for (GList *l = windows; l; l = l->next)
    if (ADW_IS_ABOUT_WINDOW (l->data))
      about = l->data;
  g_assert_nonnull (about);
  g_assert_cmpstr (adw_about_window_get_application_name (ADW_ABOUT_WINDOW (about)), ==, "Dagritme");
  g_assert_cmpstr (adw_about_window_get_version (ADW_ABOUT_WINDOW (about)), ==, PACKAGE_VERSION);
  gtk_window_destroy (GTK_WINDOW (about));

  /* The shortcuts window comes from gtk/help-overlay.ui in the resources. */
  g_assert_nonnull (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (f->window)));
}

static void
test_empty (Fixture *f, gconstpointer data)
{
  open_window (f);
  g_assert_cmpstr (dag_window_get_state (f->window), ==, "empty");
  dag_test_save_screenshot (GTK_WIDGET (f->window), "empty");
}

static void
test_create_demo (Fixture *f, gconstpointer data)
{
  gboolean timed_out = FALSE;
  guint id;

  /* The empty state's button creates the demo organisation (150
   * participants) on a thread and then shows it. */
  open_window (f);
  g_assert_cmpstr (dag_window_get_state (f->window), ==, "empty");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.create-demo", NULL));
  g_assert_cmpstr (dag_window_get_state (f->window), ==, "loading");
  id = g_timeout_add_seconds (120, timed_out_cb, &timed_out);
  while (g_strcmp0 (dag_window_get_state (f->window), "loading") == 0 && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (id);
  g_assert_cmpstr (dag_window_get_state (f->window), ==, "views");
  g_assert_cmpuint (dag_window_get_org (f->window)->participants->len, ==, DAG_DEMO_DEFAULT_PARTICIPANTS);
  g_assert_cmpuint (g_list_model_get_n_items (dag_participants_view_get_shown (dag_window_get_participants_view (f->window))),
                    ==, DAG_DEMO_DEFAULT_PARTICIPANTS);
}

static void
test_error (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DagStore) store = NULL;
  g_autofree char *not_a_db = g_build_filename (f->dir, "not-a-database", NULL);
  g_autoptr(GString) text = g_string_new (NULL);

  /* A file that is not SQLite cannot be opened: the window says why. */
  g_assert_true (g_file_set_contents (not_a_db, "this is not a database\n", -1, NULL));
  store = dag_store_open (not_a_db, &error);
  g_assert_null (store);
  g_assert_nonnull (error);
  f->window = dag_window_new (f->app, NULL, error);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1280, 800);
  gtk_window_present (GTK_WINDOW (f->window));
  g_assert_cmpstr (dag_window_get_state (f->window), ==, "error");
  dag_test_wait_for_frames (GTK_WIDGET (f->window), 2);
  collect_text (GTK_WIDGET (f->window), text);
  g_assert_nonnull (strstr (text->str, error->message));
  dag_test_save_screenshot (GTK_WIDGET (f->window), "error");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  setlocale (LC_ALL, "");
  /* To look at the translated window: DAGRITME_LOCALEDIR=_build/po
   * LANGUAGE=nl test-gui -p /gui/views (the other cases check English). */
  if (g_getenv ("DAGRITME_LOCALEDIR") != NULL)
    {
      bindtextdomain (GETTEXT_PACKAGE, g_getenv ("DAGRITME_LOCALEDIR"));
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      textdomain (GETTEXT_PACKAGE);
    }
  g_test_init (&argc, &argv, NULL);
  application = dag_application_new ();
  g_application_register (G_APPLICATION (application), NULL, &error);
  g_assert_no_error (error);
  /* Screenshots show the end state, not a crossfade halfway. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add ("/gui/views", Fixture, GINT_TO_POINTER (DATA_DEMO), fixture_setup, test_views, fixture_teardown);
  g_test_add ("/gui/participants", Fixture, GINT_TO_POINTER (DATA_SMALL), fixture_setup, test_participants, fixture_teardown);
  g_test_add ("/gui/participant-columns", Fixture, GINT_TO_POINTER (DATA_SMALL), fixture_setup, test_participant_columns, fixture_teardown);
  g_test_add ("/gui/participants-1024", Fixture, GINT_TO_POINTER (DATA_DEMO), fixture_setup, test_participants_small_window, fixture_teardown);
  g_test_add ("/gui/search-action", Fixture, GINT_TO_POINTER (DATA_SMALL), fixture_setup, test_search_action, fixture_teardown);
  g_test_add ("/gui/settings", Fixture, GINT_TO_POINTER (DATA_SMALL), fixture_setup, test_settings, fixture_teardown);
  g_test_add ("/gui/quit", Fixture, GINT_TO_POINTER (DATA_EMPTY), fixture_setup, test_quit, fixture_teardown);
  g_test_add ("/gui/about", Fixture, GINT_TO_POINTER (DATA_EMPTY), fixture_setup, test_about, fixture_teardown);
  g_test_add ("/gui/empty", Fixture, GINT_TO_POINTER (DATA_EMPTY), fixture_setup, test_empty, fixture_teardown);
  g_test_add ("/gui/create-demo", Fixture, GINT_TO_POINTER (DATA_EMPTY), fixture_setup, test_create_demo, fixture_teardown);
  g_test_add_func ("/gui/history", test_history);
  g_test_add ("/gui/undo-window", Fixture, GINT_TO_POINTER (DATA_SMALL), fixture_setup, test_undo_window, fixture_teardown);
  g_test_add ("/gui/reload", Fixture, GINT_TO_POINTER (DATA_SMALL), fixture_setup, test_reload, fixture_teardown);
  g_test_add ("/gui/error", Fixture, GINT_TO_POINTER (DATA_EMPTY), fixture_setup, test_error, fixture_teardown);
  status = g_test_run ();
  g_clear_object (&application);
  return status;
}
