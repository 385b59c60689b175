/* test-vrptw.c — tests of the VRPTW solver and its checker on small instances with known optima. */

#include <math.h>

#include "model/planner/dag-vrptw.h"

typedef struct
{
  double x, y, demand, ready, due, service;
} Site;

/* Builds a one-dimension problem with Euclidean travel times; sites[0] is the depot. */
static DagVrptwProblem *
problem_from_sites (const Site *sites,
                    guint       n,
                    int         capacity,
                    guint       max_vehicles)
{
  g_autofree double *m = g_new (double, n * n);
  DagVrptwProblem *p = dag_vrptw_problem_new (n, 1);

  for (guint i = 0; i < n; i++)
    {
      dag_vrptw_problem_set_node (p, i, sites[i].ready, sites[i].due, sites[i].service);
      dag_vrptw_problem_set_demand (p, i, 0, (int) sites[i].demand);
      for (guint j = 0; j < n; j++)
        m[i * n + j] = hypot (sites[i].x - sites[j].x, sites[i].y - sites[j].y);
    }
  dag_vrptw_problem_set_matrices (p, m, NULL);
  dag_vrptw_problem_set_fleet (p, max_vehicles, &capacity);
  return p;
}

static DagVrptwSolution *
solve_checked (const DagVrptwProblem *p,
               guint64                iterations,
               guint32                seed,
               DagVrptwCheck         *check)
{
  g_autoptr(GError) error = NULL;
  DagVrptwSolution *s;
  DagVrptwOptions options;

  dag_vrptw_options_init (&options);
  options.time_limit = 0;
  options.max_iterations = iterations;
  options.seed = seed;
  s = dag_vrptw_solve (p, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (s);
  dag_vrptw_check (p, s, check, &error);
  g_assert_no_error (error);
  return s;
}

static void
test_capacity (void)
{
  /* Four customers of 6 seats on a line, vehicles of 12: two runs of 4. */
  const Site sites[] = {
    { 0, 0, 0, 0, 1000, 0 },
    { 1, 0, 6, 0, 1000, 0 }, { 2, 0, 6, 0, 1000, 0 },
    { -1, 0, 6, 0, 1000, 0 }, { -2, 0, 6, 0, 1000, 0 },
  };
  g_autoptr(DagVrptwProblem) p = problem_from_sites (sites, G_N_ELEMENTS (sites), 12, 0);
  g_autoptr(DagVrptwSolution) s = NULL;
  DagVrptwCheck check;

  s = solve_checked (p, 500, 1, &check);
  g_assert_cmpuint (check.n_vehicles, ==, 2);
  g_assert_cmpfloat_with_epsilon (check.distance, 8.0, 1e-9);
  g_assert_cmpuint (check.n_unassigned, ==, 0);
}

static void
test_capacity_dims (void)
{
  /* Two wheelchair users and a vehicle with one wheelchair place. */
  const double m[] = {
    0, 1, 1,
    1, 0, 1,
    1, 1, 0,
  };
  const int cap[] = { 8, 1 };
  g_autoptr(DagVrptwProblem) p = dag_vrptw_problem_new (3, 2);
  g_autoptr(DagVrptwSolution) s = NULL;
  DagVrptwCheck check;

  dag_vrptw_problem_set_matrices (p, m, NULL);
  dag_vrptw_problem_set_fleet (p, 0, cap);
  for (guint i = 0; i < 3; i++)
    dag_vrptw_problem_set_node (p, i, 0, 100, 0);
  for (guint i = 1; i < 3; i++)
    {
      dag_vrptw_problem_set_demand (p, i, 0, 1);
      dag_vrptw_problem_set_demand (p, i, 1, 1);
    }
  s = solve_checked (p, 200, 1, &check);
  g_assert_cmpuint (check.n_vehicles, ==, 2);
  g_assert_cmpfloat_with_epsilon (check.distance, 4.0, 1e-9);
}

static void
test_time_windows (void)
{
  /* B must come before A; C and D share a place but their windows and
   * service times keep them in different vehicles, apart from A and B. */
  const Site sites[] = {
    { 0, 0, 0, 0, 1000, 0 },
    { 1, 0, 1, 10, 11, 0 },      /* A */
    { 2, 0, 1, 0, 3, 0 },        /* B */
    { 0, 5, 1, 5, 5, 10 },       /* C */
    { 0, 5, 1, 6, 6, 10 },       /* D */
  };
  g_autoptr(DagVrptwProblem) p = problem_from_sites (sites, G_N_ELEMENTS (sites), 100, 0);
  g_autoptr(DagVrptwSolution) s = NULL;
  DagVrptwCheck check;
  gboolean b_before_a = FALSE;

  s = solve_checked (p, 1000, 3, &check);
  /* No run can combine C or D with anything: 4 for B and A, 10 each for C and D. */
  g_assert_cmpuint (check.n_vehicles, ==, 3);
  g_assert_cmpfloat_with_epsilon (check.distance, 4.0 + 10.0 + 10.0, 1e-6);
  for (guint r = 0; r < dag_vrptw_solution_get_n_routes (s); r++)
    {
      guint len;
      const guint *stops = dag_vrptw_solution_get_route (s, r, &len);

      for (guint k = 0; k + 1 < len; k++)
        if (stops[k] == 2 && stops[k + 1] == 1)
          b_before_a = TRUE;
    }
  g_assert_true (b_before_a);
}

static void
test_ride_time (void)
{
  /* Together the two customers take one vehicle (34.14); a ride limit of 20
   * makes the detour too long and needs two vehicles (40). */
  const Site sites[] = {
    { 0, 0, 0, 0, 1000, 0 },
    { 10, 0, 1, 0, 1000, 0 },
    { 0, 10, 1, 0, 1000, 0 },
  };
  g_autoptr(DagVrptwProblem) p = problem_from_sites (sites, 3, 10, 0);
  DagVrptwCheck check;
  DagVrptwRideMode modes[] = { DAG_VRPTW_RIDE_TO_DEPOT, DAG_VRPTW_RIDE_FROM_DEPOT };

  dag_vrptw_solution_free (solve_checked (p, 300, 1, &check));
  g_assert_cmpuint (check.n_vehicles, ==, 1);
  g_assert_cmpfloat_with_epsilon (check.distance, 20 + sqrt (200), 1e-6);

  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      dag_vrptw_problem_set_ride_limit (p, modes[i], 20);
      dag_vrptw_solution_free (solve_checked (p, 300, 1, &check));
      g_assert_cmpuint (check.n_vehicles, ==, 2);
      g_assert_cmpfloat_with_epsilon (check.distance, 40, 1e-6);
      g_assert_cmpfloat (check.ride_time, <=, 20.0 + 1e-6);

      /* A limit for one customer only lets the other take the detour. */
      dag_vrptw_problem_set_ride_limit (p, modes[i], 0);
      dag_vrptw_problem_set_max_ride (p, 1, 10);
      dag_vrptw_solution_free (solve_checked (p, 300, 1, &check));
      g_assert_cmpuint (check.n_vehicles, ==, 1);
      dag_vrptw_problem_set_max_ride (p, 1, 0);
    }
}

static void
test_ride_time_waiting (void)
{
  /* A opens at 100: a vehicle that collects B first must wait, and the
   * ride time counts from the latest pick-up that still makes it. */
  const Site sites[] = {
    { 0, 0, 0, 0, 1000, 0 },
    { 10, 0, 1, 100, 1000, 0 },
    { 0, 10, 1, 0, 1000, 0 },
  };
  g_autoptr(DagVrptwProblem) p = problem_from_sites (sites, 3, 10, 0);
  DagVrptwCheck check;

  dag_vrptw_problem_set_ride_limit (p, DAG_VRPTW_RIDE_TO_DEPOT, 30);
  dag_vrptw_solution_free (solve_checked (p, 300, 1, &check));
  g_assert_cmpuint (check.n_vehicles, ==, 1);
  g_assert_cmpfloat_with_epsilon (check.ride_time, 10 + 10 + sqrt (200), 1e-6);
}

static void
test_duration (void)
{
  /* Two customers 10 apart at opposite sides: one route lasts 40 + 2 × 5
   * service; a limit of 30 needs two. */
  const Site sites[] = {
    { 0, 0, 0, 0, 1000, 0 },
    { 10, 0, 1, 0, 1000, 5 },
    { -10, 0, 1, 0, 1000, 5 },
  };
  g_autoptr(DagVrptwProblem) p = problem_from_sites (sites, 3, 10, 0);
  DagVrptwCheck check;

  dag_vrptw_solution_free (solve_checked (p, 300, 1, &check));
  g_assert_cmpuint (check.n_vehicles, ==, 1);
  g_assert_cmpfloat_with_epsilon (check.duration, 50, 1e-6);
  dag_vrptw_problem_set_max_route_duration (p, 30);
  dag_vrptw_solution_free (solve_checked (p, 300, 1, &check));
  g_assert_cmpuint (check.n_vehicles, ==, 2);
}

static DagVrptwProblem *
random_problem (guint32 seed,
                guint   n)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autofree Site *sites = g_new0 (Site, n);

  sites[0] = (Site) { 50, 50, 0, 0, 400, 0 };
  for (guint i = 1; i < n; i++)
    {
      double x = g_rand_double_range (rand, 0, 100);
      double y = g_rand_double_range (rand, 0, 100);
      double ready = g_rand_double_range (rand, 0, 250);

      sites[i] = (Site) { x, y, g_rand_int_range (rand, 1, 20), ready, ready + 60, 10 };
    }
  return problem_from_sites (sites, n, 100, 0);
}

static void
test_determinism (void)
{
  g_autoptr(DagVrptwProblem) p = random_problem (7, 60);
  g_autoptr(DagVrptwSolution) a = NULL;
  g_autoptr(DagVrptwSolution) b = NULL;
  g_autoptr(DagVrptwSolution) c = NULL;
  DagVrptwCheck ca, cb, cc;

  a = solve_checked (p, 3000, 42, &ca);
  b = solve_checked (p, 3000, 42, &cb);
  g_assert_cmpuint (dag_vrptw_solution_get_n_routes (a), ==, dag_vrptw_solution_get_n_routes (b));
  for (guint r = 0; r < dag_vrptw_solution_get_n_routes (a); r++)
    {
      guint la, lb;
      const guint *ra = dag_vrptw_solution_get_route (a, r, &la);
      const guint *rb = dag_vrptw_solution_get_route (b, r, &lb);

      g_assert_cmpmem (ra, la * sizeof (guint), rb, lb * sizeof (guint));
    }
  g_assert_cmpfloat (ca.distance, ==, cb.distance);

  /* Another seed searches differently, but must still be valid. */
  c = solve_checked (p, 3000, 43, &cc);
  g_assert_cmpuint (cc.n_unassigned, ==, 0);
}

static void
test_limits_agree (void)
{
  /* On a larger instance every solution the solver returns under ride and
   * duration limits must pass the independent checker. */
  DagVrptwRideMode modes[] = { DAG_VRPTW_RIDE_TO_DEPOT, DAG_VRPTW_RIDE_FROM_DEPOT };

  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      g_autoptr(DagVrptwProblem) p = random_problem (11 + i, 50);
      DagVrptwCheck check;

      dag_vrptw_problem_set_ride_limit (p, modes[i], 90);
      dag_vrptw_problem_set_max_route_duration (p, 200);
      dag_vrptw_solution_free (solve_checked (p, 2000, 5, &check));
      g_assert_cmpuint (check.n_unassigned, ==, 0);
    }
}

static void
cancel_on_progress (const DagVrptwProgress *progress,
                    gpointer                user_data)
{
  if (progress->iterations > 0)
    g_cancellable_cancel (user_data);
}

static void
test_cancel (void)
{
  g_autoptr(DagVrptwProblem) p = random_problem (3, 80);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(DagVrptwSolution) s = NULL;
  DagVrptwOptions options;
  gint64 t0;

  dag_vrptw_options_init (&options);
  options.time_limit = 60;
  options.progress = cancel_on_progress;
  options.progress_data = cancellable;
  t0 = g_get_monotonic_time ();
  s = dag_vrptw_solve (p, &options, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (s);
  g_assert_cmpint (g_get_monotonic_time () - t0, <, 10 * G_USEC_PER_SEC);
}

static void
test_checker (void)
{
  const Site sites[] = {
    { 0, 0, 0, 0, 100, 0 },
    { 3, 4, 6, 0, 100, 0 },
    { 6, 8, 6, 0, 12, 0 },
    { -3, -4, 6, 50, 60, 0 },
  };
  g_autoptr(DagVrptwProblem) p = problem_from_sites (sites, 4, 12, 2);
  const guint ok1[] = { 1, 2 }, ok2[] = { 3 };
  const guint late[] = { 3, 2 };
  const guint heavy[] = { 1, 2, 3 };
  const guint twice[] = { 1, 1 };
  struct { const guint *r1; guint n1; const guint *r2; guint n2; gboolean valid; } cases[] = {
    { ok1, 2, ok2, 1, TRUE },
    { late, 2, NULL, 0, FALSE },     /* 2 reached after 12; 1 missing too */
    { heavy, 3, NULL, 0, FALSE },    /* 18 seats in a vehicle of 12 */
    { twice, 2, ok2, 1, FALSE },     /* 1 twice, 2 missing */
    { ok1, 2, NULL, 0, FALSE },      /* 3 missing */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(DagVrptwSolution) s = dag_vrptw_solution_new ();
      g_autoptr(GError) error = NULL;
      DagVrptwCheck check;
      gboolean ok;

      dag_vrptw_solution_add_route (s, cases[i].r1, cases[i].n1);
      if (cases[i].r2 != NULL)
        dag_vrptw_solution_add_route (s, cases[i].r2, cases[i].n2);
      ok = dag_vrptw_check (p, s, &check, &error);
      if (cases[i].valid)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
          g_assert_cmpuint (check.n_vehicles, ==, 2);
          g_assert_cmpfloat_with_epsilon (check.distance, 20 + 10, 1e-9);
        }
      else
        {
          g_assert_error (error, DAG_VRPTW_ERROR, DAG_VRPTW_ERROR_INFEASIBLE);
          g_assert_false (ok);
        }
    }

  /* A customer listed as unassigned is accepted and counted. */
  {
    g_autoptr(DagVrptwSolution) s = dag_vrptw_solution_new ();
    g_autoptr(GError) error = NULL;
    DagVrptwCheck check;

    dag_vrptw_solution_add_route (s, ok1, 2);
    dag_vrptw_solution_add_unassigned (s, 3);
    g_assert_true (dag_vrptw_check (p, s, &check, &error));
    g_assert_cmpuint (check.n_unassigned, ==, 1);
  }
}

static void
test_unservable (void)
{
  /* Customer 2 opens after the depot closes: it is reported, not routed. */
  const Site sites[] = {
    { 0, 0, 0, 0, 100, 0 },
    { 1, 0, 1, 0, 100, 0 },
    { 2, 0, 1, 200, 300, 0 },
  };
  g_autoptr(DagVrptwProblem) p = problem_from_sites (sites, 3, 10, 0);
  g_autoptr(DagVrptwSolution) s = NULL;
  DagVrptwCheck check;
  const guint *out;
  guint n_out;

  s = solve_checked (p, 100, 1, &check);
  out = dag_vrptw_solution_get_unassigned (s, &n_out);
  g_assert_cmpuint (n_out, ==, 1);
  g_assert_cmpuint (out[0], ==, 2);
  g_assert_cmpuint (check.n_vehicles, ==, 1);
  g_clear_pointer (&s, dag_vrptw_solution_free);

  /* With only the late customer there is no route at all, and the solver
   * returns at once even with a time limit. */
  {
    const Site only_late[] = { sites[0], sites[2] };
    g_autoptr(DagVrptwProblem) late = problem_from_sites (only_late, 2, 10, 0);
    g_autoptr(GError) error = NULL;
    DagVrptwOptions options;
    gint64 t0 = g_get_monotonic_time ();

    dag_vrptw_options_init (&options);
    options.time_limit = 5;
    s = dag_vrptw_solve (late, &options, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (dag_vrptw_solution_get_n_routes (s), ==, 0);
    g_assert_cmpint (g_get_monotonic_time () - t0, <, G_USEC_PER_SEC);
  }
}

static void
test_solomon_c101 (void)
{
  const char *dir = g_getenv ("DAG_SOLOMON_DIR");
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DagVrptwProblem) p = NULL;
  g_autoptr(DagVrptwSolution) s = NULL;
  DagVrptwCheck check;

  path = g_build_filename (dir != NULL ? dir : "../shared/data/solomon", "C101.txt", NULL);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("Solomon's C101 not found; set DAG_SOLOMON_DIR");
      return;
    }
  p = dag_vrptw_problem_new_from_solomon (path, &error);
  g_assert_no_error (error);
  s = solve_checked (p, 20000, 1, &check);
  g_assert_cmpuint (check.n_vehicles, ==, 10);
  g_assert_cmpfloat (check.distance, <, 828.94 + 0.005);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/vrptw/capacity", test_capacity);
  g_test_add_func ("/vrptw/capacity-dims", test_capacity_dims);
  g_test_add_func ("/vrptw/time-windows", test_time_windows);
  g_test_add_func ("/vrptw/ride-time", test_ride_time);
  g_test_add_func ("/vrptw/ride-time-waiting", test_ride_time_waiting);
  g_test_add_func ("/vrptw/duration", test_duration);
  g_test_add_func ("/vrptw/unservable", test_unservable);
  g_test_add_func ("/vrptw/limits-agree", test_limits_agree);
  g_test_add_func ("/vrptw/determinism", test_determinism);
  g_test_add_func ("/vrptw/cancel", test_cancel);
  g_test_add_func ("/vrptw/checker", test_checker);
  g_test_add_func ("/vrptw/solomon-c101", test_solomon_c101);

  return g_test_run ();
}
