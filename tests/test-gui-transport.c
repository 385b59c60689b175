/* test-gui-transport.c — the Transport view under Xvfb on the demo
 * organisation: planning a day's runs through the view, which must save
 * runs that the independent checker accepts, undoing and redoing a
 * planning, selecting a run in the list, no "Plan Runs" on a day no
 * location is open (a Sunday, a public holiday, closures) but the reason,
 * and screenshots (light, dark and Dutch) in the build directory. */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "dag-application.h"
#include "dag-demo.h"
#include "dag-gui-test.h"
#include "dag-history.h"
#include "dag-window.h"
#include "planner/dag-transport.h"
#include "planner/dag-travel.h"

typedef struct {
  DagTestDemo     demo;
  DagWindow *window;
} Fixture;

static DagApplication *application;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(DagOrg) org = NULL;
  DagDemoOptions options;

  dag_demo_options_init (&options);
  /* DAGRITME_TEST_PARTICIPANTS=1000 gives the timings of a larger demo. */
  options.participants = g_getenv ("DAGRITME_TEST_PARTICIPANTS")
                         ? atoi (g_getenv ("DAGRITME_TEST_PARTICIPANTS")) : 150;
  options.month = dag_date_from_ymd (2026, 11, 1);
  org = dag_demo_generate (&options);
  if (data != NULL)
    {
      /* One run stored by hand on Monday 2 November: participants 0 and 1
       * to the first location in the first vehicle. */
      DagRun *run = dag_org_add_run (org);
      DagStop stops[] = { { 0, 8 * 60 + 5 }, { 1, 8 * 60 + 20 } };

      g_free (run->id);
      run->id = g_strdup ("R-TEST");
      run->date = dag_date_from_ymd (2026, 11, 2);
      run->vehicle = 0;
      run->driver = -1;
      run->location = 0;
      run->direction = DAG_DIRECTION_TO;
      run->time = 8 * 60 + 45;
      g_array_append_vals (run->stops, stops, G_N_ELEMENTS (stops));
      dag_org_invalidate_index (org);
    }
  dag_test_demo_setup_org (&f->demo, "transport", org);
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
planning_done (gpointer data)
{
  return !dag_transport_view_is_planning (data);
}

/* ---- tests -------------------------------------------------------------- */

/* The runs of date as stored in the database, not the window's copy. */
static guint
stored_runs (Fixture *f,
             DagDate  date,
             DagOrg **org_out)
{
  g_autoptr(GError) error = NULL;
  DagOrg *org = dag_store_load (f->demo.store, &error);
  guint n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < org->runs->len; i++)
    if (DAG_AT (org->runs, DagRun, i)->date == date)
      n++;
  *org_out = org;
  return n;
}

static void
test_plan (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DagOrg) before = NULL;
  g_autoptr(DagOrg) after = NULL;
  g_autoptr(DagTravel) travel = NULL;
  DagDate monday = dag_date_from_ymd (2026, 11, 2);
  DagTransportView *view;
  DagRouteMap *map;
  DagTransportCheck report;
  gint64 t0;
  guint n;

  g_assert_cmpint (dag_date_weekday (monday), ==, 0);
  g_assert_cmpuint (stored_runs (f, monday, &before), ==, 0);

  f->window = dag_test_open_window (application, f->demo.store, 1280, 800);

  view = dag_window_get_transport_view (f->window);
  dag_transport_view_set_date (view, monday);
  t0 = g_get_monotonic_time ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-view", "s", "transport"));
  dag_test_wait_for_frames (GTK_WIDGET (f->window), 1);
  g_test_message ("switched to the view in %.0f ms", (g_get_monotonic_time () - t0) / 1000.0);
  g_assert_cmpuint (dag_transport_view_get_n_runs (view), ==, 0);

  /* The "Plan Runs" button's action; the main loop keeps running. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "transport.plan", NULL));
  g_assert_true (dag_transport_view_is_planning (view));
  t0 = g_get_monotonic_time ();
  dag_test_wait_until (planning_done, view);
  g_test_message ("planned and saved the day in %.0f ms", (g_get_monotonic_time () - t0) / 1000.0);

  n = stored_runs (f, monday, &after);
  g_assert_cmpuint (n, >, 0);
  g_assert_cmpuint (dag_transport_view_get_n_runs (view), ==, n);
  travel = dag_travel_new (after, NULL);
  if (!dag_transport_check (after, travel, monday, &report, &error))
    g_error ("the stored runs should pass the checker: %s", error->message);
  g_assert_cmpuint (report.n_runs, ==, n);

  map = dag_transport_view_get_map (view);
  g_assert_true (g_str_has_prefix (dag_route_map_get_summary (map), "Map of "));
  dag_transport_view_select_run (view, 1);
  g_assert_cmpint (dag_transport_view_get_selected (view), ==, 1);
  g_assert_cmpint (dag_route_map_get_selected (map), ==, 1);
  dag_test_save_screenshot (GTK_WIDGET (f->window), "transport");

  /* Showing a day with runs again, as when switching days. */
  dag_transport_view_set_date (view, monday + 7);
  t0 = g_get_monotonic_time ();
  dag_transport_view_set_date (view, monday);
  dag_test_wait_for_frames (GTK_WIDGET (f->window), 1);
  g_test_message ("showed the day's %u runs in %.0f ms", n, (g_get_monotonic_time () - t0) / 1000.0);
  dag_transport_view_select_run (view, 1);

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  g_assert_true (adw_style_manager_get_dark (adw_style_manager_get_default ()));
  dag_transport_view_select_run (view, -1);
  g_assert_cmpint (dag_route_map_get_selected (map), ==, -1);
  dag_test_save_screenshot (GTK_WIDGET (f->window), "transport-dark");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);

  /* Another day shows none of Monday's runs. */
  dag_transport_view_set_date (view, monday + 5);
  g_assert_cmpuint (dag_transport_view_get_n_runs (view), ==, 0);
}

/* Cancel stops the planning without saving anything. */
static void
test_cancel (Fixture *f, gconstpointer data)
{
  g_autoptr(DagOrg) after = NULL;
  DagDate monday = dag_date_from_ymd (2026, 11, 2);
  DagTransportView *view;

  f->window = dag_window_new (application, f->demo.store, NULL);
  gtk_window_present (GTK_WINDOW (f->window));
  dag_test_wait_until (dag_test_window_loaded, f->window);
  view = dag_window_get_transport_view (f->window);
  dag_transport_view_set_date (view, monday);
  dag_transport_view_plan (view);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "transport.cancel", NULL));
  dag_test_wait_until (planning_done, view);
  g_assert_cmpuint (stored_runs (f, monday, &after), ==, 0);
  g_assert_cmpuint (dag_transport_view_get_n_runs (view), ==, 0);
}

/* Closing the window while planning neither crashes nor saves: the
 * planning thread keeps the organisation alive until it has stopped. */
static void
test_close_while_planning (Fixture *f, gconstpointer data)
{
  g_autoptr(DagOrg) after = NULL;
  DagDate monday = dag_date_from_ymd (2026, 11, 2);
  DagTransportView *view;

  f->window = dag_window_new (application, f->demo.store, NULL);
  gtk_window_present (GTK_WINDOW (f->window));
  dag_test_wait_until (dag_test_window_loaded, f->window);
  view = dag_window_get_transport_view (f->window);
  dag_transport_view_set_date (view, monday);
  dag_transport_view_plan (view);
  g_assert_true (dag_transport_view_is_planning (view));
  gtk_window_destroy (GTK_WINDOW (f->window));
  f->window = NULL;
  /* Until the thread's callback has run and released everything. */
  for (int i = 0; i < 200; i++)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (5000);
    }
  g_assert_cmpuint (stored_runs (f, monday, &after), ==, 0);
}

/* The hand-made run R-TEST, as fixture_setup stored it. */
static void
assert_test_run (DagOrg     *org,
                 DagDate     date,
                 const char *where)
{
  int i = dag_org_lookup (org, DAG_KIND_RUN, "R-TEST");
  const DagRun *run;
  const DagStop *stop;

  if (i < 0)
    g_error ("%s should have the run R-TEST back", where);
  run = DAG_AT (org->runs, DagRun, i);
  g_assert_cmpint (run->date, ==, date);
  g_assert_cmpint (run->time, ==, 8 * 60 + 45);
  g_assert_cmpint (run->driver, ==, -1);
  g_assert_cmpuint (run->stops->len, ==, 2);
  stop = DAG_AT (run->stops, DagStop, 0);
  g_assert_cmpstr (DAG_AT (org->participants, DagParticipant, stop->participant)->id, ==,
                   DAG_AT (org->participants, DagParticipant, 0)->id);
  g_assert_cmpint (stop->time, ==, 8 * 60 + 5);
  stop = DAG_AT (run->stops, DagStop, 1);
  g_assert_cmpint (stop->time, ==, 8 * 60 + 20);
}

/* Undo puts back the day's runs from before the planning, in the store,
 * the window's organisation and the view; redo the planned ones. */
static void
test_undo (Fixture *f, gconstpointer data)
{
  g_autoptr(DagOrg) stored = NULL;
  DagDate monday = dag_date_from_ymd (2026, 11, 2);
  DagTransportView *view;
  DagHistory *history;
  guint n;

  f->window = dag_window_new (application, f->demo.store, NULL);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1280, 800);
  gtk_window_present (GTK_WINDOW (f->window));
  dag_test_wait_until (dag_test_window_loaded, f->window);
  view = dag_window_get_transport_view (f->window);
  history = dag_window_get_history (f->window);
  dag_transport_view_set_date (view, monday);
  g_assert_cmpuint (dag_transport_view_get_n_runs (view), ==, 1);
  g_assert_false (dag_history_can_undo (history));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "transport.plan", NULL));
  dag_test_wait_until (planning_done, view);
  n = dag_transport_view_get_n_runs (view);
  g_assert_cmpuint (n, >, 1);
  g_assert_cmpuint (stored_runs (f, monday, &stored), ==, n);
  g_assert_cmpint (dag_org_lookup (stored, DAG_KIND_RUN, "R-TEST"), ==, -1);
  g_clear_pointer (&stored, dag_org_free);
  g_assert_cmpstr (dag_history_get_undo_label (history), ==, "Plan the runs of Monday 2 November");

  /* Undo from another view: the window shows the Transport view again. */
  dag_window_set_view (f->window, "participants");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo", NULL));
  g_assert_cmpstr (dag_window_get_view (f->window), ==, "transport");
  g_assert_cmpuint (stored_runs (f, monday, &stored), ==, 1);
  assert_test_run (stored, monday, "the store after undo");
  g_clear_pointer (&stored, dag_org_free);
  assert_test_run ((DagOrg *) dag_window_get_org (f->window), monday, "the window's organisation after undo");
  g_assert_cmpuint (dag_transport_view_get_n_runs (view), ==, 1);
  g_assert_true (dag_history_can_redo (history));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.redo", NULL));
  g_assert_cmpuint (stored_runs (f, monday, &stored), ==, n);
  g_assert_cmpint (dag_org_lookup (stored, DAG_KIND_RUN, "R-TEST"), ==, -1);
  g_assert_cmpuint (dag_transport_view_get_n_runs (view), ==, n);
  /* Only Monday was touched: no runs on other days. */
  g_assert_cmpuint (stored->runs->len, ==, n);
}

static GtkListView *
find_list_view (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkListView *found;

      if (GTK_IS_LIST_VIEW (child))
        return GTK_LIST_VIEW (child);
      if ((found = find_list_view (child)) != NULL)
        return found;
    }
  return NULL;
}

/* The map as drawn now, as pixels. */
static GBytes *
render_map (DagRouteMap *map)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (GTK_WIDGET (map));
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int width = gtk_widget_get_width (GTK_WIDGET (map));
  int height = gtk_widget_get_height (GTK_WIDGET (map));
  guchar *data = g_malloc ((gsize) width * height * 4);

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (GTK_WIDGET (map))),
                                         node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gdk_texture_download (texture, data, (gsize) width * 4);
  return g_bytes_new_take (data, (gsize) width * height * 4);
}

/* Selecting a run in the list (as a click does) emphasises it on the map,
 * and the view's API selects in the list. */
static void
test_select (Fixture *f, gconstpointer data)
{
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  DagDate monday = dag_date_from_ymd (2026, 11, 2);
  DagTransportView *view;
  DagRouteMap *map;
  GtkListView *list;
  GtkSelectionModel *model;

  f->window = dag_window_new (application, f->demo.store, NULL);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1280, 800);
  dag_window_set_view (f->window, "transport");
  gtk_window_present (GTK_WINDOW (f->window));
  dag_test_wait_until (dag_test_window_loaded, f->window);
  view = dag_window_get_transport_view (f->window);
  map = dag_transport_view_get_map (view);
  dag_transport_view_set_date (view, monday);
  dag_transport_view_plan (view);
  dag_test_wait_until (planning_done, view);
  g_assert_cmpuint (dag_transport_view_get_n_runs (view), >=, 3);
  dag_test_wait_for_frames (GTK_WIDGET (f->window), 2);

  list = find_list_view (GTK_WIDGET (view));
  g_assert_nonnull (list);
  model = gtk_list_view_get_model (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, dag_transport_view_get_n_runs (view));
  g_assert_cmpint (dag_route_map_get_selected (map), ==, -1);
  before = render_map (map);

  g_assert_true (gtk_selection_model_select_item (model, 2, TRUE));
  g_assert_cmpint (dag_transport_view_get_selected (view), ==, 2);
  g_assert_cmpint (dag_route_map_get_selected (map), ==, 2);
  dag_test_wait_for_frames (GTK_WIDGET (f->window), 1);
  after = render_map (map);
  if (g_bytes_equal (before, after))
    g_error ("selecting a run should change how the map is drawn");

  dag_transport_view_select_run (view, 1);
  g_assert_true (gtk_selection_model_is_selected (model, 1));
  g_assert_false (gtk_selection_model_is_selected (model, 2));
  g_assert_cmpint (dag_route_map_get_selected (map), ==, 1);
  dag_transport_view_select_run (view, -1);
  g_assert_false (gtk_selection_model_is_selected (model, 1));
  g_assert_cmpint (dag_route_map_get_selected (map), ==, -1);
}

static GtkWidget *
find_button (GtkWidget  *widget,
             const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_button (c, label);
      if (found)
        return found;
    }
  return NULL;
}

/* Every location closed on Wednesday 18 November 2026. */
static void
fixture_setup_closed (Fixture *f, gconstpointer data)
{
  g_autoptr(DagOrg) org = NULL;
  DagDemoOptions options;
  DagDate closed = dag_date_from_ymd (2026, 11, 18);

  dag_demo_options_init (&options);
  options.participants = 150;
  options.month = dag_date_from_ymd (2026, 11, 1);
  org = dag_demo_generate (&options);
  for (guint l = 0; l < org->locations->len; l++)
    {
      DagLocation *loc = DAG_AT (org->locations, DagLocation, l);
      guint at = 0;

      while (at < loc->closures->len && g_array_index (loc->closures, DagDate, at) < closed)
        at++;
      g_array_insert_val (loc->closures, at, closed);
    }
  dag_test_demo_setup_org (&f->demo, "transport-closed", org);
}

/* Whether a group of org meets on weekday day (0 Monday). */
static gboolean
meets_on (const DagOrg *org, int day)
{
  for (guint g = 0; g < org->groups->len; g++)
    for (int part = 0; part < DAG_N_PARTS; part++)
      if (DAG_AT (org->groups, DagGroup, g)->slots & DAG_SLOT_BIT (DAG_SLOT (day, part)))
        return TRUE;
  return FALSE;
}

/* No "Plan Runs" on a day no location is open, and the view says why. */
static void
test_closed_day (Fixture *f, gconstpointer data)
{
  DagDate monday = dag_date_from_ymd (2026, 11, 2);
  DagDate saturday = monday + 5, sunday = monday + 6;
  DagDate christmas = dag_date_from_ymd (2026, 12, 25), closed = dag_date_from_ymd (2026, 11, 18);
  DagTransportView *view;
  GtkWidget *plan;
  const char *why;

  f->window = dag_test_open_window (application, f->demo.store, 1024, 700);
  view = dag_window_get_transport_view (f->window);
  dag_window_set_view (f->window, "transport");
  plan = find_button (GTK_WIDGET (view), _("_Plan Runs"));
  g_assert_nonnull (plan);

  /* An open day offers it. */
  dag_transport_view_set_date (view, monday);
  g_assert_null (dag_transport_view_get_closed_message (view));
  g_assert_true (gtk_widget_is_sensitive (plan));

  dag_transport_view_set_date (view, sunday);
  why = dag_transport_view_get_closed_message (view);
  g_assert_nonnull (why);
  g_assert_nonnull (strstr (why, "No group meets on this day of the week"));
  g_assert_false (gtk_widget_is_sensitive (plan));
  /* Not by its action, nor asked for directly. */
  gtk_widget_activate_action (GTK_WIDGET (view), "transport.plan", NULL);
  g_assert_false (dag_transport_view_is_planning (view));
  dag_transport_view_plan (view);
  g_assert_false (dag_transport_view_is_planning (view));
  dag_test_wait_for_frames (GTK_WIDGET (f->window), 2);
  dag_test_save_screenshot (GTK_WIDGET (f->window), "transport-closed-sunday");

  /* Saturday: open only where a group meets then. */
  dag_transport_view_set_date (view, saturday);
  if (meets_on (dag_window_get_org (f->window), 5))
    g_assert_null (dag_transport_view_get_closed_message (view));
  else
    {
      g_assert_nonnull (dag_transport_view_get_closed_message (view));
      g_assert_false (gtk_widget_is_sensitive (plan));
    }

  dag_transport_view_set_date (view, christmas);
  why = dag_transport_view_get_closed_message (view);
  g_assert_nonnull (why);
  g_assert_nonnull (strstr (why, "is a public holiday"));
  g_assert_false (gtk_widget_is_sensitive (plan));
  dag_test_wait_for_frames (GTK_WIDGET (f->window), 2);
  dag_test_save_screenshot (GTK_WIDGET (f->window), "transport-closed-holiday");

  dag_transport_view_set_date (view, closed);
  why = dag_transport_view_get_closed_message (view);
  g_assert_nonnull (why);
  g_assert_nonnull (strstr (why, "Every location is closed"));
  g_assert_false (gtk_widget_is_sensitive (plan));

  /* And open again the day after. */
  dag_transport_view_set_date (view, closed + 1);
  g_assert_null (dag_transport_view_get_closed_message (view));
  g_assert_true (gtk_widget_is_sensitive (plan));
}

/* The view in Dutch, to look at; needs the nl_NL.UTF-8 locale. */
static void
test_dutch (Fixture *f, gconstpointer data)
{
  DagDate monday = dag_date_from_ymd (2026, 11, 2);
  DagTransportView *view;

  if (setlocale (LC_ALL, "nl_NL.UTF-8") == NULL)
    {
      g_test_skip ("the nl_NL.UTF-8 locale is not installed");
      return;
    }
  g_setenv ("LANGUAGE", "nl", TRUE);

  f->window = dag_window_new (application, f->demo.store, NULL);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1280, 800);
  dag_window_set_view (f->window, "transport");
  gtk_window_present (GTK_WINDOW (f->window));
  dag_test_wait_until (dag_test_window_loaded, f->window);
  view = dag_window_get_transport_view (f->window);
  dag_transport_view_set_date (view, monday);
  dag_transport_view_plan (view);
  dag_test_wait_until (planning_done, view);
  dag_transport_view_select_run (view, 1);
  g_assert_cmpstr (dag_history_get_undo_label (dag_window_get_history (f->window)), ==,
                   "Ritten plannen voor maandag 2 november");
  g_assert_cmpstr (g_dngettext (GETTEXT_PACKAGE, "%u stop", "%u stops", 2), ==, "%u haltes");
  dag_test_save_screenshot (GTK_WIDGET (f->window), "transport-nl");

  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "en", TRUE);
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
  /* GLib decides once, at the first g_dgettext(), whether to translate at
   * all; after textdomain() in the tests' C.UTF-8 locale it would decide
   * not to, and the Dutch test would show English plurals. */
  (void) g_dgettext (GETTEXT_PACKAGE, "");
  textdomain (GETTEXT_PACKAGE);
  g_test_init (&argc, &argv, NULL);
  application = dag_application_new ();
  g_application_register (G_APPLICATION (application), NULL, &error);
  g_assert_no_error (error);
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add ("/gui-transport/plan", Fixture, NULL, fixture_setup, test_plan, fixture_teardown);
  g_test_add ("/gui-transport/cancel", Fixture, NULL, fixture_setup, test_cancel, fixture_teardown);
  g_test_add ("/gui-transport/close-while-planning", Fixture, NULL, fixture_setup,
              test_close_while_planning, fixture_teardown);
  g_test_add ("/gui-transport/undo", Fixture, "with a run", fixture_setup, test_undo, fixture_teardown);
  g_test_add ("/gui-transport/select", Fixture, NULL, fixture_setup, test_select, fixture_teardown);
  g_test_add ("/gui-transport/closed-day", Fixture, NULL, fixture_setup_closed, test_closed_day, fixture_teardown);
  g_test_add ("/gui-transport/dutch", Fixture, NULL, fixture_setup, test_dutch, fixture_teardown);
  status = g_test_run ();
  g_clear_object (&application);
  return status;
}
