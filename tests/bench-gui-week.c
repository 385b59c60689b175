/* bench-gui-week.c — times the Week Plan view on a demo organisation of N
 * participants under Xvfb: switching to it until drawn, moving one
 * participant to another dagdeel as a drop does (saved, rules checked,
 * drawn), undoing that through the window's history, and going to the
 * next week (rules checked for it, drawn).  Prints medians of 5 with the
 * range.  "Today" is fixed after the demo month, whose weeks have
 * attendance and cannot be changed, and the moves are made in the week
 * after it, from that week on. */

#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>
#include <time.h>

#include "dag-application.h"
#include "dag-demo.h"
#include "dag-gui-test.h"
#include "dag-history.h"
#include "dag-window.h"

#define RUNS 5

/* CPU time of this (the main) thread in ms: other programs on a busy
 * machine do not count, and GTK lays out and draws in this thread. */
static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
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
  double to_week[RUNS], move[RUNS], undo[RUNS], next_week[RUNS];
  double move_cpu[RUNS], undo_cpu[RUNS], next_week_cpu[RUNS], next_week_sync[RUNS];
  DagDemoOptions options;
  DagWindow *window;
  DagWeekView *view;
  const DagOrg *org;

  g_setenv ("DAGRITME_TODAY", "2026-11-04", TRUE);
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
      g_printerr ("bench-gui-week: %s\n", error->message);
      return 1;
    }
  app = dag_application_new ();
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    {
      g_printerr ("bench-gui-week: %s\n", error->message);
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
  view = dag_window_get_week_view (window);
  org = dag_window_get_org (window);
  if (org->plan->len == 0)
    {
      g_printerr ("bench-gui-week: the demo has no plan\n");
      return 1;
    }
  dag_week_view_set_week (view, dag_date_from_ymd (2026, 11, 9));

  for (int run = 0; run < RUNS; run++)
    {
      const DagPlanEntry *e = DAG_AT (org->plan, DagPlanEntry, 0);
      int p, group, slot;

      int to = -1;

      /* The first entry that applies in the week moved in, of someone
       * free on Monday's other dagdeel. */
      for (guint i = 0; i < org->plan->len && to < 0; i++)
        {
          gboolean busy = FALSE;

          e = DAG_AT (org->plan, DagPlanEntry, i);
          if (!DAG_DATED_APPLIES (e->from, e->until, dag_date_from_ymd (2026, 11, 9)))
            continue;
          to = e->slot == DAG_SLOT (0, DAG_PART_AM) ? DAG_SLOT (0, DAG_PART_PM) : DAG_SLOT (0, DAG_PART_AM);
          for (guint k = 0; k < org->plan->len; k++)
            {
              const DagPlanEntry *o = DAG_AT (org->plan, DagPlanEntry, k);
              busy |= o->participant == e->participant && o->slot == to &&
                      DAG_DATED_APPLIES (o->from, o->until, dag_date_from_ymd (2026, 11, 9));
            }
          if (busy || !(DAG_AT (org->groups, DagGroup, e->group)->slots & DAG_SLOT_BIT (to)))
            to = -1;
        }
      p = e->participant;
      group = e->group;
      slot = e->slot;
      gint64 t0;
      double c0;

      dag_window_set_view (window, "participants");
      dag_test_wait_for_frames (GTK_WIDGET (window), 1);
      t0 = g_get_monotonic_time ();
      dag_window_set_view (window, "week");
      dag_test_wait_for_frames (GTK_WIDGET (window), 1);
      to_week[run] = (g_get_monotonic_time () - t0) / 1000.0;
      dag_week_view_set_location (view, DAG_AT (org->groups, DagGroup, group)->location);
      dag_test_wait_for_frames (GTK_WIDGET (window), 1);

      /* Move the first entry to Monday's other dagdeel, then undo it. */
      c0 = cpu_ms ();
      t0 = g_get_monotonic_time ();
      if (!dag_week_view_move (view, p, group, slot, group, to, DAG_SCOPE_FROM_WEEK, &error))
        {
          g_printerr ("bench-gui-week: %s\n", error->message);
          return 1;
        }
      dag_test_wait_for_frames (GTK_WIDGET (window), 1);
      move[run] = (g_get_monotonic_time () - t0) / 1000.0;
      move_cpu[run] = cpu_ms () - c0;
      c0 = cpu_ms ();
      t0 = g_get_monotonic_time ();
      if (!dag_history_undo (dag_window_get_history (window), &error))
        {
          g_printerr ("bench-gui-week: %s\n", error ? error->message : "nothing to undo");
          return 1;
        }
      dag_test_wait_for_frames (GTK_WIDGET (window), 1);
      undo[run] = (g_get_monotonic_time () - t0) / 1000.0;
      undo_cpu[run] = cpu_ms () - c0;

      c0 = cpu_ms ();
      t0 = g_get_monotonic_time ();
      dag_week_view_set_week (view, dag_week_view_get_week (view) + 7);
      next_week_sync[run] = cpu_ms () - c0;
      dag_test_wait_for_frames (GTK_WIDGET (window), 1);
      next_week[run] = (g_get_monotonic_time () - t0) / 1000.0;
      next_week_cpu[run] = cpu_ms () - c0;
      dag_week_view_set_week (view, dag_date_from_ymd (2026, 11, 9));
      dag_test_wait_for_frames (GTK_WIDGET (window), 1);
    }
  g_print ("%d participants, %u plan entries:\n", participants, org->plan->len);
  dag_test_report_ms ("switch to Week Plan, drawn", to_week, RUNS);
  dag_test_report_ms ("move one participant (saved, checked), drawn", move, RUNS);
  dag_test_report_ms ("undo the move (window history), drawn", undo, RUNS);
  dag_test_report_ms ("next week (checked), drawn", next_week, RUNS);
  g_print ("CPU time of the main thread (robust when the machine is busy):\n");
  dag_test_report_ms ("move one participant, CPU", move_cpu, RUNS);
  dag_test_report_ms ("undo the move, CPU", undo_cpu, RUNS);
  dag_test_report_ms ("next week, CPU", next_week_cpu, RUNS);
  dag_test_report_ms ("next week, CPU before drawing", next_week_sync, RUNS);

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
