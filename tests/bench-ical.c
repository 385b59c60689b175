/* bench-ical.c — how long the calendar export of every participant of the
 * 5,000-participant demo organisation takes (target: 5 s), phase by phase:
 * loading the store, building the events (with the SEQUENCE transaction),
 * rendering the text and writing the files into a new folder ("total" is
 * what "export ical --all-participants" does: load, build, write), and
 * writing them again over unchanged files ("again").  Prints the median of
 * the runs, and the CPU time of "total".
 *
 * Usage: bench-ical [PARTICIPANTS [RUNS [FOLDER]]]   (FOLDER: where to write,
 * default the working folder) */

#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>
#include <time.h>

#include "dag-demo.h"
#include "dag-ical.h"
#include "dag-store.h"

#define N_PHASES 7

static const char *const phase_names[N_PHASES] = { "load", "build", "render", "write", "total", "again", "cpu" };

/* CPU time of the process (all threads): steadier than the wall clock on a
 * busy machine, where creating thousands of files waits on the disk. */
static double
cpu_seconds (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int
compare_doubles (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d && (name = g_dir_read_name (d)))
    {
      g_autofree char *p = g_build_filename (dir, name, NULL);
      if (g_file_test (p, G_FILE_TEST_IS_DIR))
        remove_tree (p);
      else
        g_unlink (p);
    }
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  int participants = argc > 1 ? atoi (argv[1]) : 5000;
  int runs = argc > 2 ? atoi (argv[2]) : 5;
  g_autoptr(GError) error = NULL;
  /* In the working folder (meson: the build folder), like a user's own
   * folder: on a shared machine /tmp can be so full of just-deleted files
   * that ext4 spends seconds finding free inodes for the 5,000 new ones. */
  const char *base = argc > 3 ? argv[3] : ".";
  g_autofree char *template = g_build_filename (base, "bench-ical-XXXXXX", NULL);
  g_autofree char *dir = g_strdup (g_mkdtemp_full (template, 0700));
  g_autofree char *path = g_build_filename (dir, "bench.db", NULL);
  g_autoptr(DagStore) store = NULL;
  DagDemoOptions options;
  double times[N_PHASES][32];
  gsize bytes = 0;
  guint events = 0;

  runs = CLAMP (runs, 1, 32);
  if (dir == NULL)
    {
      g_printerr ("bench-ical: cannot create a folder in %s\n", base);
      return 1;
    }
  dag_demo_options_init (&options);
  options.participants = participants;
  {
    g_autoptr(DagOrg) demo = dag_demo_generate (&options);

    store = dag_store_open (path, &error);
    if (store == NULL || !dag_store_save (store, demo, DAG_SECTION_ALL, "bench", &error))
      {
        g_printerr ("bench-ical: %s\n", error->message);
        return 1;
      }
  }

  for (int r = 0; r < runs; r++)
    {
      g_autofree char *out = g_strdup_printf ("%s/run%d", dir, r);
      g_autoptr(DagOrg) org = NULL;
      g_autoptr(DagIcalExport) ex = NULL;
      gint64 t0, t1, t2, t3, t4;
      double c0, c_render;

      c0 = cpu_seconds ();
      t0 = g_get_monotonic_time ();
      org = dag_store_load (store, &error);
      t1 = g_get_monotonic_time ();
      ex = dag_ical_export_new (org, DAG_DATE_NONE, DAG_DATE_NONE, &error);
      for (guint p = 0; ex != NULL && p < org->participants->len; p++)
        dag_ical_export_add (ex, DAG_KIND_PARTICIPANT, DAG_AT (org->participants, DagParticipant, p)->id, NULL);
      if (ex == NULL || !dag_ical_export_build (ex, store, -1, &error))
        {
          g_printerr ("bench-ical: %s\n", error->message);
          return 1;
        }
      t2 = g_get_monotonic_time ();
      c_render = cpu_seconds ();
      bytes = 0;
      events = 0;
      for (guint i = 0; i < dag_ical_export_get_n_calendars (ex); i++)
        {
          gsize length;
          g_autofree char *text = dag_ical_export_render (ex, i, &length);
          bytes += length;
          events += dag_ical_export_get_n_events (ex, i);
        }
      t3 = g_get_monotonic_time ();
      c_render = cpu_seconds () - c_render;
      /* Writing renders again: the write phase is render + files. */
      if (!dag_ical_export_write_all (ex, out, &error))
        {
          g_printerr ("bench-ical: %s\n", error->message);
          return 1;
        }
      t4 = g_get_monotonic_time ();
      /* CPU time of load, build and write (the render phase left out). */
      times[6][r] = cpu_seconds () - c0 - c_render;
      /* The same files once more: a re-export of an unchanged plan. */
      {
        gint64 t5 = g_get_monotonic_time ();
        if (!dag_ical_export_write_all (ex, out, &error))
          {
            g_printerr ("bench-ical: %s\n", error->message);
            return 1;
          }
        times[5][r] = (g_get_monotonic_time () - t5) / 1e6;
      }
      g_print ("  run %d: total %.3f s, write %.3f s, cpu %.3f s\n", r + 1,
               (t4 - t0 - (t3 - t2)) / 1e6, (t4 - t3) / 1e6, cpu_seconds () - c0 - c_render);
      times[0][r] = (t1 - t0) / 1e6;
      times[1][r] = (t2 - t1) / 1e6;
      times[2][r] = (t3 - t2) / 1e6;
      times[3][r] = (t4 - t3) / 1e6;
      times[4][r] = (t4 - t0 - (t3 - t2)) / 1e6;
    }

  g_print ("calendar export of %d participants: %u events, %.1f MB, %d runs\n",
           participants, events, bytes / 1e6, runs);
  for (int ph = 0; ph < N_PHASES; ph++)
    {
      qsort (times[ph], runs, sizeof (double), compare_doubles);
      g_print ("  %-6s median %.3f s (min %.3f, max %.3f)\n", phase_names[ph], times[ph][runs / 2],
               times[ph][0], times[ph][runs - 1]);
    }
  g_print ("target: total ≤ 5 s: %s\n", times[4][runs / 2] <= 5.0 ? "met" : "NOT met");

  /* The calendars of every staff member, group and location (built and
   * rendered, not written): these follow the dated staffing and plan per
   * week. */
  {
    g_autoptr(DagOrg) org = dag_store_load (store, &error);
    g_autoptr(DagIcalExport) ex = dag_ical_export_new (org, DAG_DATE_NONE, DAG_DATE_NONE, &error);
    gint64 t0 = g_get_monotonic_time ();
    guint n_events = 0;

    for (guint i = 0; i < org->staff->len; i++)
      dag_ical_export_add (ex, DAG_KIND_STAFF, DAG_AT (org->staff, DagStaff, i)->id, NULL);
    for (guint i = 0; i < org->groups->len; i++)
      dag_ical_export_add (ex, DAG_KIND_GROUP, DAG_AT (org->groups, DagGroup, i)->id, NULL);
    for (guint i = 0; i < org->locations->len; i++)
      dag_ical_export_add (ex, DAG_KIND_LOCATION, DAG_AT (org->locations, DagLocation, i)->id, NULL);
    if (!dag_ical_export_build (ex, NULL, -1, &error))
      {
        g_printerr ("bench-ical: %s\n", error->message);
        return 1;
      }
    for (guint i = 0; i < dag_ical_export_get_n_calendars (ex); i++)
      {
        g_autofree char *text = dag_ical_export_render (ex, i, NULL);
        n_events += dag_ical_export_get_n_events (ex, i);
      }
    g_print ("staff, group and location calendars: %u calendars, %u events, %.3f s\n",
             dag_ical_export_get_n_calendars (ex), n_events, (g_get_monotonic_time () - t0) / 1e6);
  }

  g_clear_object (&store);
  remove_tree (dir);
  return times[4][runs / 2] <= 5.0 ? 0 : 1;
}
