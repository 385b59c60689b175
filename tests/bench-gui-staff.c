/* bench-gui-staff.c — times the Staff view on a demo organisation of N
 * participants under Xvfb: switching to it until drawn (also on My Week),
 * a week on (Staffing and My Week), changing the
 * location, and removing one assignment (saved and checked).  Prints
 * medians of 5 with the range. */

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
  double to_staff[RUNS], location[RUNS], change[RUNS], next_week[RUNS], my_next_week[RUNS], to_my_week[RUNS];
  DagDemoOptions options;
  DagWindow *window;
  DagStaffView *view;
  const DagOrg *org;
  const DagStaffing *first;
  int other;

  dag_demo_options_init (&options);
  options.participants = participants;
  options.month = dag_date_from_ymd (2026, 10, 1);
  store = dag_store_open (path, &error);
  if (store != NULL)
    {
      g_autoptr(DagOrg) o = dag_demo_generate (&options);

      dag_store_save (store, o, DAG_SECTION_ALL, "bench", &error);
    }
  if (error != NULL)
    {
      g_printerr ("bench-gui-staff: %s\n", error->message);
      return 1;
    }
  app = dag_application_new ();
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    {
      g_printerr ("bench-gui-staff: %s\n", error->message);
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
  view = dag_window_get_staff_view (window);
  org = dag_window_get_org (window);
  if (org->staffing->len == 0 || org->locations->len < 2)
    {
      g_printerr ("bench-gui-staff: the demo has no staffing or one location\n");
      return 1;
    }
  first = DAG_AT (org->staffing, DagStaffing, 0);

  for (int run = 0; run < RUNS; run++)
    {
      gint64 t0;
      int staff = first->staff, group = first->group, slot = first->slot;

      other = DAG_AT (org->groups, DagGroup, group)->location == 0 ? 1 : 0;

      dag_window_set_view (window, "participants");
      dag_test_wait_for_frames (GTK_WIDGET (window), 1);
      t0 = g_get_monotonic_time ();
      dag_window_set_view (window, "staff");
      dag_test_wait_for_frames (GTK_WIDGET (window), 1);
      to_staff[run] = (g_get_monotonic_time () - t0) / 1000.0;

      t0 = g_get_monotonic_time ();
      dag_staff_view_set_location (view, other);
      dag_test_wait_for_frames (GTK_WIDGET (window), 1);
      location[run] = (g_get_monotonic_time () - t0) / 1000.0;
      dag_staff_view_set_location (view, DAG_AT (org->groups, DagGroup, group)->location);
      dag_test_wait_for_frames (GTK_WIDGET (window), 1);

      /* Remove the first assignment, then put it back (not timed). */
      t0 = g_get_monotonic_time ();
      dag_staff_view_toggle (view, staff, group, slot, NULL);
      dag_test_wait_for_frames (GTK_WIDGET (window), 1);
      change[run] = (g_get_monotonic_time () - t0) / 1000.0;
      gtk_widget_activate_action (GTK_WIDGET (view), "win.undo", NULL);
      dag_test_wait_for_frames (GTK_WIDGET (window), 1);
      first = DAG_AT (org->staffing, DagStaffing, 0);

      /* A week on and back, on each page (Alt+Right's action). */
      t0 = g_get_monotonic_time ();
      gtk_widget_activate_action (GTK_WIDGET (view), "staff.next-week", NULL);
      dag_test_wait_for_frames (GTK_WIDGET (window), 1);
      next_week[run] = (g_get_monotonic_time () - t0) / 1000.0;
      gtk_widget_activate_action (GTK_WIDGET (view), "staff.previous-week", NULL);
      dag_staff_view_set_page (view, "my-week");
      dag_staff_view_set_staff (view, staff);
      dag_test_wait_for_frames (GTK_WIDGET (window), 1);
      t0 = g_get_monotonic_time ();
      gtk_widget_activate_action (GTK_WIDGET (view), "staff.next-week", NULL);
      dag_test_wait_for_frames (GTK_WIDGET (window), 1);
      my_next_week[run] = (g_get_monotonic_time () - t0) / 1000.0;
      gtk_widget_activate_action (GTK_WIDGET (view), "staff.previous-week", NULL);
      dag_window_set_view (window, "participants");
      dag_test_wait_for_frames (GTK_WIDGET (window), 1);
      t0 = g_get_monotonic_time ();
      dag_window_set_view (window, "staff");
      dag_test_wait_for_frames (GTK_WIDGET (window), 1);
      to_my_week[run] = (g_get_monotonic_time () - t0) / 1000.0;
      dag_staff_view_set_page (view, "staffing");
      dag_test_wait_for_frames (GTK_WIDGET (window), 1);
    }
  g_print ("%d participants, %u assignments:\n", participants, org->staffing->len);
  dag_test_report_ms ("switch to Staff, drawn", to_staff, RUNS);
  dag_test_report_ms ("change location, drawn", location, RUNS);
  dag_test_report_ms ("remove one assignment (saved), drawn", change, RUNS);
  dag_test_report_ms ("next week (Staffing), drawn", next_week, RUNS);
  dag_test_report_ms ("next week (My Week), drawn", my_next_week, RUNS);
  dag_test_report_ms ("switch to Staff on My Week, drawn", to_my_week, RUNS);

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
