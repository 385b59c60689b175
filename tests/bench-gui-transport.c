/* bench-gui-transport.c — times the Transport view on a demo organisation
 * of N participants under Xvfb, with two planned days stored: switching to
 * the view until drawn (the first time in a new window, and again),
 * showing the other day, selecting a run, scrolling the run list, and
 * saving one day's runs as planning and undo do.  Prints medians of 5
 * with the range. */

#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>

#include "dag-application.h"
#include "dag-demo.h"
#include "dag-gui-test.h"
#include "dag-window.h"
#include "dag-store-runs.h"
#include "planner/dag-transport.h"

#define RUNS 5

/* Plans date into org (fewer iterations than the view: only the number of
 * runs matters here, not their quality). */
static gboolean
plan_day (DagOrg   *org,
          DagDate   date,
          GError  **error)
{
  g_autoptr(DagTravel) travel = dag_travel_new (org, NULL);
  g_autoptr(DagTransportResult) result = NULL;
  DagTransportOptions options;

  dag_transport_options_init (&options);
  options.iterations_per_stop = 20;
  result = dag_transport_plan (org, travel, date, &options, NULL, error);
  if (result == NULL)
    return FALSE;
  dag_transport_apply (org, result);
  return TRUE;
}

static GtkScrolledWindow *
find_scrolled (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkScrolledWindow *found;

      if (GTK_IS_SCROLLED_WINDOW (child) && gtk_widget_get_mapped (child))
        return GTK_SCROLLED_WINDOW (child);
      if ((found = find_scrolled (child)) != NULL)
        return found;
    }
  return NULL;
}

int
main (int   argc,
      char *argv[])
{
  int participants = argc > 1 ? atoi (argv[1]) : 1000;
  g_autofree char *dir = g_dir_make_tmp ("dagritme-bench-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "bench.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DagStore) store = NULL;
  g_autoptr(DagApplication) app = NULL;
  double first_view[RUNS], to_view[RUNS], day[RUNS], select[RUNS], scroll[RUNS], save_day[RUNS];
  DagDate monday = dag_date_from_ymd (2026, 11, 2);
  DagDemoOptions options;
  DagWindow *window;
  DagTransportView *view;
  GtkScrolledWindow *scrolled;
  guint n_monday = 0, n_tuesday = 0;

  dag_demo_options_init (&options);
  options.participants = participants;
  options.month = dag_date_from_ymd (2026, 10, 1);
  store = dag_store_open (path, &error);
  if (store != NULL)
    {
      g_autoptr(DagOrg) org = dag_demo_generate (&options);

      if (plan_day (org, monday, &error) && plan_day (org, monday + 1, &error))
        dag_store_save (store, org, DAG_SECTION_ALL, "bench", &error);
      /* What planning, undo and redo save: one day's runs (here the same
       * again), in one transaction. */
      if (error == NULL)
        {
          g_autoptr(GArray) runs = g_array_new (FALSE, FALSE, sizeof (DagRun));

          for (guint i = 0; i < org->runs->len; i++)
            if (DAG_AT (org->runs, DagRun, i)->date == monday)
              g_array_append_val (runs, *DAG_AT (org->runs, DagRun, i));
          for (int run = 0; run < RUNS && error == NULL; run++)
            {
              gint64 t0 = g_get_monotonic_time ();

              dag_store_replace_day_runs (store, org, monday, runs, "bench", &error);
              save_day[run] = (g_get_monotonic_time () - t0) / 1000.0;
            }
        }
    }
  if (error != NULL)
    {
      g_printerr ("bench-gui-transport: %s\n", error->message);
      return 1;
    }
  app = dag_application_new ();
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    {
      g_printerr ("bench-gui-transport: %s\n", error->message);
      return 1;
    }
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  /* A new window each time: the first switch to the view is the one a
   * user waits for (its widgets are made and styled then). */
  for (int run = 0; run < RUNS; run++)
    {
      GtkAdjustment *adj;
      gint64 t0;

      window = dag_window_new (app, store, NULL);
      gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
      dag_window_set_view (window, "participants");
      gtk_window_present (GTK_WINDOW (window));
      while (g_strcmp0 (dag_window_get_state (window), "loading") == 0)
        g_main_context_iteration (NULL, TRUE);
      dag_test_wait_for_frames (GTK_WIDGET (window), 2);
      view = dag_window_get_transport_view (window);
      dag_transport_view_set_date (view, monday + 1);
      n_tuesday = dag_transport_view_get_n_runs (view);
      dag_transport_view_set_date (view, monday);
      n_monday = dag_transport_view_get_n_runs (view);
      if (n_monday == 0 || n_tuesday == 0)
        {
          g_printerr ("bench-gui-transport: no runs were planned\n");
          return 1;
        }
      dag_test_wait_for_frames (GTK_WIDGET (window), 1);

      t0 = g_get_monotonic_time ();
      dag_window_set_view (window, "transport");
      dag_test_wait_for_frames (GTK_WIDGET (window), 1);
      first_view[run] = (g_get_monotonic_time () - t0) / 1000.0;

      dag_window_set_view (window, "participants");
      dag_test_wait_for_frames (GTK_WIDGET (window), 1);
      t0 = g_get_monotonic_time ();
      dag_window_set_view (window, "transport");
      dag_test_wait_for_frames (GTK_WIDGET (window), 1);
      to_view[run] = (g_get_monotonic_time () - t0) / 1000.0;

      t0 = g_get_monotonic_time ();
      dag_transport_view_set_date (view, monday + 1);
      dag_test_wait_for_frames (GTK_WIDGET (window), 1);
      day[run] = (g_get_monotonic_time () - t0) / 1000.0;

      t0 = g_get_monotonic_time ();
      dag_transport_view_select_run (view, run + 1);
      dag_test_wait_for_frames (GTK_WIDGET (window), 1);
      select[run] = (g_get_monotonic_time () - t0) / 1000.0;

      /* Ten frames, each a page further down the list. */
      scrolled = find_scrolled (GTK_WIDGET (view));
      if (scrolled == NULL)
        {
          g_printerr ("bench-gui-transport: the view has no run list\n");
          return 1;
        }
      adj = gtk_scrolled_window_get_vadjustment (scrolled);
      t0 = g_get_monotonic_time ();
      for (int page = 1; page <= 10; page++)
        {
          gtk_adjustment_set_value (adj, gtk_adjustment_get_page_size (adj) * page);
          dag_test_wait_for_frames (GTK_WIDGET (window), 1);
        }
      scroll[run] = (g_get_monotonic_time () - t0) / 1000.0 / 10;

      gtk_window_destroy (GTK_WINDOW (window));
      while (g_main_context_iteration (NULL, FALSE))
        ;
    }
  g_print ("%d participants, %u and %u runs on the two days:\n", participants, n_monday, n_tuesday);
  dag_test_report_ms ("first switch to Transport, drawn", first_view, RUNS);
  dag_test_report_ms ("switch to Transport again, drawn", to_view, RUNS);
  dag_test_report_ms ("show another day, drawn", day, RUNS);
  dag_test_report_ms ("select a run, drawn", select, RUNS);
  dag_test_report_ms ("scroll a page of runs, per frame", scroll, RUNS);
  dag_test_report_ms ("save one day's runs (planning, undo)", save_day, RUNS);

  g_clear_object (&store);
  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (dir);
  return 0;
}
