/* bench-gui-views.c — times the Attendance and Production views on a demo
 * organisation of N participants under Xvfb: switching to each view until
 * drawn, showing another day, registering one change, and computing a
 * month.  Prints medians of 5 with the range. */

#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>

#include "dag-application.h"
#include "dag-demo.h"
#include "dag-gui-test.h"
#include "dag-window.h"

#define RUNS 5

int
main (int   argc,
      char *argv[])
{
  int participants = argc > 1 ? atoi (argv[1]) : 5000;
  g_autofree char *dir = g_dir_make_tmp ("dagritme-bench-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "bench.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DagStore) store = NULL;
  g_autoptr(DagApplication) app = NULL;
  double to_attendance[RUNS], day[RUNS], change[RUNS], to_production[RUNS], production_drawn[RUNS], month[RUNS];
  DagDemoOptions options;
  DagWindow *window;
  DagAttendanceView *attendance;
  DagProductionView *production;
  int year, mon, d;

  dag_demo_options_init (&options);
  options.participants = participants;
  store = dag_store_open (path, &error);
  if (store != NULL)
    {
      g_autoptr(DagOrg) org = dag_demo_generate (&options);

      dag_store_save (store, org, DAG_SECTION_ALL, "bench", &error);
    }
  if (error != NULL)
    {
      g_printerr ("bench-gui-views: %s\n", error->message);
      return 1;
    }
  app = dag_application_new ();
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    {
      g_printerr ("bench-gui-views: %s\n", error->message);
      return 1;
    }
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  window = dag_window_new (app, store, NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  dag_window_set_view (window, "participants");
  gtk_window_present (GTK_WINDOW (window));
  while (g_strcmp0 (dag_window_get_state (window), "loading") == 0)
    g_main_context_iteration (NULL, TRUE);
  dag_test_wait_for_frames (GTK_WIDGET (window), 1);
  attendance = dag_window_get_attendance_view (window);
  production = dag_window_get_production_view (window);
  dag_date_to_ymd (options.month, &year, &mon, &d);

  for (int run = 0; run < RUNS; run++)
    {
      DagDate date = options.month + run;
      gint64 t0;

      dag_window_set_view (window, "participants");
      dag_test_wait_for_frames (GTK_WIDGET (window), 1);
      t0 = g_get_monotonic_time ();
      dag_window_set_view (window, "attendance");
      dag_test_wait_for_frames (GTK_WIDGET (window), 1);
      to_attendance[run] = (g_get_monotonic_time () - t0) / 1000.0;

      while (dag_date_weekday (date) > 4)
        date++;
      t0 = g_get_monotonic_time ();
      dag_attendance_view_set_date (attendance, date);
      dag_test_wait_for_frames (GTK_WIDGET (window), 1);
      day[run] = (g_get_monotonic_time () - t0) / 1000.0;

      dag_attendance_view_select (attendance, 0);
      t0 = g_get_monotonic_time ();
      gtk_widget_activate_action (GTK_WIDGET (attendance), "attendance.set-status", "i", run % 3);
      dag_test_wait_for_frames (GTK_WIDGET (window), 1);
      change[run] = (g_get_monotonic_time () - t0) / 1000.0;

      dag_production_view_set_month (production, year, mon);
      t0 = g_get_monotonic_time ();
      dag_window_set_view (window, "production");
      dag_test_wait_for_frames (GTK_WIDGET (window), 1);
      production_drawn[run] = (g_get_monotonic_time () - t0) / 1000.0;
      while (dag_production_view_is_busy (production))
        g_main_context_iteration (NULL, TRUE);
      dag_test_wait_for_frames (GTK_WIDGET (window), 1);
      to_production[run] = (g_get_monotonic_time () - t0) / 1000.0;

      t0 = g_get_monotonic_time ();
      dag_production_view_set_month (production, mon == 1 ? year - 1 : year, mon == 1 ? 12 : mon - 1);
      while (dag_production_view_is_busy (production))
        g_main_context_iteration (NULL, TRUE);
      dag_test_wait_for_frames (GTK_WIDGET (window), 1);
      month[run] = (g_get_monotonic_time () - t0) / 1000.0;
    }
  g_print ("%d participants, %u attendance records:\n", participants, dag_window_get_org (window)->attendance->len);
  dag_test_report_ms ("switch to Attendance, drawn", to_attendance, RUNS);
  dag_test_report_ms ("show another day, drawn", day, RUNS);
  dag_test_report_ms ("register one status, drawn", change, RUNS);
  dag_test_report_ms ("switch to Production, first frame", production_drawn, RUNS);
  dag_test_report_ms ("switch to Production, month computed", to_production, RUNS);
  dag_test_report_ms ("compute the previous month, drawn", month, RUNS);

  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&store);
  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (dir);
  return 0;
}
