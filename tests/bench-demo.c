/* bench-demo.c — times generating the demo organisation and saving it into
 * a fresh database (the target: 20,000 participants in under 5 s), a few
 * runs, and prints each run and the medians. */

#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>
#include <time.h>

#include "dag-demo.h"
#include "dag-store.h"

#define MAX_RUNS 9

typedef struct {
  double wall_generate, wall_save, cpu_total;
} Run;

static double
cpu_seconds (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median (double *values,
        int     n)
{
  qsort (values, n, sizeof (double), compare_doubles);
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

static gboolean
one_run (int      participants,
         Run     *run,
         gboolean print_sizes)
{
  g_autofree char *dir = g_dir_make_tmp ("dagritme-bench-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "demo.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DagStore) store = NULL;
  g_autoptr(DagOrg) org = NULL;
  DagDemoOptions options = { participants, DAG_DEMO_DEFAULT_SEED, dag_date_from_ymd (2026, 10, 1) };
  gint64 t0, t1, t2;
  double c0 = cpu_seconds ();

  t0 = g_get_monotonic_time ();
  org = dag_demo_generate (&options);
  t1 = g_get_monotonic_time ();
  store = dag_store_open (path, &error);
  if (store == NULL || !dag_store_save (store, org, DAG_SECTION_ALL, "demo", &error))
    {
      g_printerr ("bench-demo: %s\n", error->message);
      return FALSE;
    }
  t2 = g_get_monotonic_time ();
  run->wall_generate = (t1 - t0) / 1e6;
  run->wall_save = (t2 - t1) / 1e6;
  run->cpu_total = cpu_seconds () - c0;

  if (print_sizes)
    g_print ("%d participants: %u locations, %u groups, %u staff, %u vehicles, %u indications, "
             "%u plan entries, %u staffing, %u absences, %u attendance rows\n",
             participants, org->locations->len, org->groups->len, org->staff->len,
             org->vehicles->len, org->indications->len, org->plan->len, org->staffing->len,
             org->absences->len, org->attendance->len);

  g_clear_object (&store);
  g_unlink (path);
  g_rmdir (dir);
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  int participants = argc > 1 ? atoi (argv[1]) : 20000;
  int runs = argc > 2 ? CLAMP (atoi (argv[2]), 1, MAX_RUNS) : 3;
  double gen[MAX_RUNS], save[MAX_RUNS], total[MAX_RUNS], cpu[MAX_RUNS];

  for (int i = 0; i < runs; i++)
    {
      Run run;

      if (!one_run (participants, &run, i == 0))
        return 1;
      gen[i] = run.wall_generate;
      save[i] = run.wall_save;
      total[i] = run.wall_generate + run.wall_save;
      cpu[i] = run.cpu_total;
      g_print ("run %d: generate %.3f s, save %.3f s, total %.3f s wall (%.3f s CPU)\n",
               i + 1, gen[i], save[i], total[i], cpu[i]);
    }
  g_print ("median of %d: generate %.3f s, save %.3f s, total %.3f s wall (%.3f s CPU)\n",
           runs, median (gen, runs), median (save, runs), median (total, runs), median (cpu, runs));
  return 0;
}
