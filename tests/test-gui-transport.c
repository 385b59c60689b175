/* test-gui-transport.c — the Transport view under Xvfb on the demo
 * organisation: planning a day's runs through the view, which must save
 * runs that the independent checker accepts, selecting a run, and
 * screenshots (light and dark) in the build directory. */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <stdlib.h>

#include "dag-application.h"
#include "dag-demo.h"
#include "dag-gui-test.h"
#include "dag-window.h"
#include "planner/dag-transport.h"
#include "planner/dag-travel.h"

typedef struct {
  char      *dir;
  char      *path;
  DagStore  *store;
  DagWindow *window;
} Fixture;

static DagApplication *application;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DagOrg) org = NULL;
  DagDemoOptions options;

  f->dir = g_dir_make_tmp ("dagritme-transport-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "test.db", NULL);
  f->store = dag_store_open (f->path, &error);
  g_assert_no_error (error);
  dag_demo_options_init (&options);
  /* DAGRITME_TEST_PARTICIPANTS=1000 gives the timings of a larger demo. */
  options.participants = g_getenv ("DAGRITME_TEST_PARTICIPANTS")
                         ? atoi (g_getenv ("DAGRITME_TEST_PARTICIPANTS")) : 150;
  options.month = dag_date_from_ymd (2026, 11, 1);
  org = dag_demo_generate (&options);
  g_assert_true (dag_store_save (f->store, org, DAG_SECTION_ALL, "test", &error));
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  if (f->window)
    gtk_window_destroy (GTK_WINDOW (f->window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&f->store);
  dag_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

/* ---- waiting ------------------------------------------------------------ */

static gboolean
window_loaded (gpointer data)
{
  return g_strcmp0 (dag_window_get_state (data), "loading") != 0;
}

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
  DagOrg *org = dag_store_load (f->store, &error);
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

  f->window = dag_window_new (application, f->store, NULL);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1280, 800);
  gtk_window_present (GTK_WINDOW (f->window));
  dag_test_wait_until (window_loaded, f->window);
  g_assert_cmpstr (dag_window_get_state (f->window), ==, "views");

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

  f->window = dag_window_new (application, f->store, NULL);
  gtk_window_present (GTK_WINDOW (f->window));
  dag_test_wait_until (window_loaded, f->window);
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

  f->window = dag_window_new (application, f->store, NULL);
  gtk_window_present (GTK_WINDOW (f->window));
  dag_test_wait_until (window_loaded, f->window);
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

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  application = dag_application_new ();
  g_application_register (G_APPLICATION (application), NULL, &error);
  g_assert_no_error (error);
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add ("/gui-transport/plan", Fixture, NULL, fixture_setup, test_plan, fixture_teardown);
  g_test_add ("/gui-transport/cancel", Fixture, NULL, fixture_setup, test_cancel, fixture_teardown);
  g_test_add ("/gui-transport/close-while-planning", Fixture, NULL, fixture_setup,
              test_close_while_planning, fixture_teardown);
  status = g_test_run ();
  g_clear_object (&application);
  return status;
}
