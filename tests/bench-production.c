/* bench-production.c — times the production export (CSV) of one month of
 * the 20,000-participant demo organisation: load from the database,
 * compute, write the CSV (the target: at most 2 s).  Prints the median of
 * five runs, the spread, and the median CPU time (steadier on a busy
 * machine). */

#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>
#include <time.h>

#include "dag-demo.h"
#include "dag-production-export.h"
#include "dag-store.h"

#define RUNS 5

static double
cpu_seconds (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

int
main (int   argc,
      char *argv[])
{
  int participants = argc > 1 ? atoi (argv[1]) : 20000;
  g_autofree char *dir = g_dir_make_tmp ("dagritme-bench-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "demo.db", NULL);
  g_autofree char *csv_path = g_build_filename (dir, "production.csv", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DagStore) store = NULL;
  g_autoptr(DagOrg) demo = NULL;
  DagDemoOptions options;
  double load[RUNS], compute[RUNS], write[RUNS], total[RUNS], cpu[RUNS];
  guint lines = 0, problems = 0;
  gsize bytes = 0;

  dag_demo_options_init (&options);
  options.participants = participants;
  options.month = dag_date_from_ymd (2026, 10, 1);
  demo = dag_demo_generate (&options);
  store = dag_store_open (path, &error);
  if (store == NULL || !dag_store_save (store, demo, DAG_SECTION_ALL, "demo", &error))
    {
      g_printerr ("bench-production: %s\n", error->message);
      return 1;
    }

  for (int r = 0; r < RUNS; r++)
    {
      g_autoptr(DagOrg) org = NULL;
      g_autoptr(DagProduction) production = NULL;
      g_autofree char *csv = NULL;
      gint64 t0, t1, t2, t3;
      double c0 = cpu_seconds ();

      t0 = g_get_monotonic_time ();
      org = dag_store_load (store, &error);
      if (org == NULL)
        {
          g_printerr ("bench-production: %s\n", error->message);
          return 1;
        }
      t1 = g_get_monotonic_time ();
      production = dag_production_compute (org, 2026, 10, dag_date_from_ymd (2026, 11, 1));
      t2 = g_get_monotonic_time ();
      csv = dag_production_to_csv (org, production, -1, DAG_CSV_DIALECT_RFC4180, &bytes);
      if (!g_file_set_contents_full (csv_path, csv, bytes, G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error))
        {
          g_printerr ("bench-production: %s\n", error->message);
          return 1;
        }
      t3 = g_get_monotonic_time ();
      load[r] = (t1 - t0) / 1e6;
      compute[r] = (t2 - t1) / 1e6;
      write[r] = (t3 - t2) / 1e6;
      total[r] = (t3 - t0) / 1e6;
      cpu[r] = cpu_seconds () - c0;
      lines = production->lines->len;
      problems = production->problems->len;
    }
  qsort (load, RUNS, sizeof (double), compare_doubles);
  qsort (compute, RUNS, sizeof (double), compare_doubles);
  qsort (write, RUNS, sizeof (double), compare_doubles);
  qsort (total, RUNS, sizeof (double), compare_doubles);
  qsort (cpu, RUNS, sizeof (double), compare_doubles);

  g_print ("production 2026-10, %d participants, %u attendance rows: %u lines, %u problems, %" G_GSIZE_FORMAT " bytes\n",
           participants, demo->attendance->len, lines, problems, bytes);
  g_print ("  median of %d: load %.3f s, compute %.3f s, csv %.3f s, total %.3f s (min %.3f, max %.3f)\n",
           RUNS, load[RUNS / 2], compute[RUNS / 2], write[RUNS / 2], total[RUNS / 2], total[0], total[RUNS - 1]);
  g_print ("  median CPU time %.3f s\n", cpu[RUNS / 2]);

  g_clear_object (&store);
  g_unlink (csv_path);
  g_unlink (path);
  g_rmdir (dir);
  return total[RUNS / 2] <= 2.0 ? 0 : 1;
}
