/* bench-solomon.c — solves Solomon's VRPTW instances and compares the results with the best known solutions. */

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/planner/dag-vrptw.h"

static const char *families[] = { "C1", "C2", "R1", "R2", "RC1", "RC2" };

typedef struct
{
  guint  n;
  guint  at_bks_vehicles;
  double vehicles_over;
  double gap_sum;
  double gap_at_bks_sum;
  double wall_sum;
  GArray *gaps;   /* of double, at the BKS vehicle count */
} Family;

static const char *
family_of (const char *name)
{
  if (g_str_has_prefix (name, "RC"))
    return name[2] == '1' ? "RC1" : "RC2";
  if (name[0] == 'R')
    return name[1] == '1' ? "R1" : "R2";
  return name[1] == '1' ? "C1" : "C2";
}

static int
cmp_double (gconstpointer a,
            gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static int
cmp_name (gconstpointer a,
          gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

static GHashTable *
read_bks (const char  *dir,
          GError     **error)
{
  g_autofree char *path = g_build_filename (dir, "bks.csv", NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  GHashTable *bks;

  if (!g_file_get_contents (path, &text, NULL, error))
    return NULL;
  bks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_auto(GStrv) f = g_strsplit (g_strstrip (lines[i]), ",", 3);
      double *v;

      if (g_strv_length (f) != 3)
        continue;
      v = g_new (double, 2);
      v[0] = g_ascii_strtod (f[1], NULL);
      v[1] = g_ascii_strtod (f[2], NULL);
      g_hash_table_insert (bks, g_strdup (f[0]), v);
    }
  return bks;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) bks = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  Family fam[G_N_ELEMENTS (families)] = { 0 };
  const char *dirname;
  const char *filter = NULL;
  double limit = 10.0;
  guint64 iterations = 0;
  guint32 seed = 1;
  double fleet_fraction = -1;
  const char *entry;

  if (argc < 2)
    {
      g_printerr ("Usage: %s DIR [SECONDS] [PREFIX] [SEED] [ITERATIONS] [FLEET-FRACTION]\n", argv[0]);
      return 2;
    }
  dirname = argv[1];
  if (argc > 2)
    limit = g_ascii_strtod (argv[2], NULL);
  if (argc > 3 && argv[3][0] != '\0' && strcmp (argv[3], "all") != 0)
    filter = argv[3];
  if (argc > 4)
    seed = (guint32) g_ascii_strtoull (argv[4], NULL, 10);
  if (argc > 5)
    iterations = g_ascii_strtoull (argv[5], NULL, 10);
  if (argc > 6)
    fleet_fraction = g_ascii_strtod (argv[6], NULL);

  bks = read_bks (dirname, &error);
  if (bks == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  dir = g_dir_open (dirname, 0, &error);
  if (dir == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  while ((entry = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (entry, ".txt")
        && (filter == NULL || g_str_has_prefix (entry, filter)))
      g_ptr_array_add (names, g_strndup (entry, strlen (entry) - 4));
  g_ptr_array_sort (names, cmp_name);

  for (guint i = 0; i < G_N_ELEMENTS (fam); i++)
    fam[i].gaps = g_array_new (FALSE, FALSE, sizeof (double));

  printf ("%-7s %4s %9s %4s %9s %7s %6s %9s\n",
          "inst", "veh", "dist", "bksv", "bksd", "gap%", "wall", "iter");
  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      g_autofree char *file = g_strdup_printf ("%s/%s.txt", dirname, name);
      g_autoptr(DagVrptwProblem) problem = NULL;
      g_autoptr(DagVrptwSolution) solution = NULL;
      g_autoptr(GError) local_error = NULL;
      const double *best = g_hash_table_lookup (bks, name);
      DagVrptwOptions options;
      DagVrptwCheck check;
      gint64 t0;
      double wall, gap;
      Family *f = NULL;

      problem = dag_vrptw_problem_new_from_solomon (file, &local_error);
      if (problem == NULL)
        {
          g_printerr ("%s\n", local_error->message);
          return 1;
        }
      dag_vrptw_options_init (&options);
      options.time_limit = iterations > 0 ? 0 : limit;
      options.max_iterations = iterations;
      options.seed = seed;
      if (fleet_fraction >= 0)
        options.fleet_fraction = fleet_fraction;
      t0 = g_get_monotonic_time ();
      solution = dag_vrptw_solve (problem, &options, NULL, &local_error);
      wall = (g_get_monotonic_time () - t0) / (double) G_USEC_PER_SEC;
      if (solution == NULL || !dag_vrptw_check (problem, solution, &check, &local_error))
        {
          g_printerr ("%s: %s\n", name, local_error->message);
          return 1;
        }
      gap = best != NULL ? 100.0 * (check.distance - best[1]) / best[1] : NAN;
      printf ("%-7s %4u %9.2f %4.0f %9.2f %7.2f %6.2f %9" G_GUINT64_FORMAT "\n", name,
              check.n_vehicles, check.distance, best ? best[0] : NAN, best ? best[1] : NAN,
              gap, wall, dag_vrptw_solution_get_iterations (solution));
      fflush (stdout);

      for (guint k = 0; k < G_N_ELEMENTS (families); k++)
        if (strcmp (families[k], family_of (name)) == 0)
          f = &fam[k];
      if (f != NULL && best != NULL)
        {
          f->n++;
          f->vehicles_over += check.n_vehicles - best[0];
          f->gap_sum += gap;
          f->wall_sum += wall;
          if (check.n_vehicles <= best[0])
            {
              f->at_bks_vehicles++;
              g_array_append_val (f->gaps, gap);
            }
        }
    }

  printf ("\n%-4s %3s %9s %8s %9s %9s %7s\n", "fam", "n", "at-bks-v", "+veh", "gap%all",
          "gap%@bks", "median");
  for (guint k = 0; k < G_N_ELEMENTS (fam); k++)
    {
      Family *f = &fam[k];
      double mean_at = 0, median = NAN;

      if (f->n == 0)
        continue;
      for (guint j = 0; j < f->gaps->len; j++)
        mean_at += g_array_index (f->gaps, double, j);
      if (f->gaps->len > 0)
        {
          mean_at /= f->gaps->len;
          g_array_sort (f->gaps, cmp_double);
          median = g_array_index (f->gaps, double, f->gaps->len / 2);
          if (f->gaps->len % 2 == 0)
            median = (median + g_array_index (f->gaps, double, f->gaps->len / 2 - 1)) / 2;
        }
      else
        mean_at = NAN;
      printf ("%-4s %3u %5u/%-3u %8.2f %9.2f %9.2f %7.2f  (%.1f s avg)\n", families[k], f->n,
              f->at_bks_vehicles, f->n, f->vehicles_over / f->n, f->gap_sum / f->n,
              mean_at, median, f->wall_sum / f->n);
    }
  for (guint k = 0; k < G_N_ELEMENTS (fam); k++)
    g_array_unref (fam[k].gaps);
  return 0;
}
