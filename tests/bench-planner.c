/* bench-planner.c — measures the week planner on demo organisations: wall
 * time, placed share, error findings, peak memory; a re-plan after one new
 * participant; and writes the exact model with staffing for the comparison
 * with cbc (tests/bench-planner-lp.sh), and checks cbc's solution.
 *
 *   bench-planner [--family F] [--seed S] [--runs R] [--construct-only] N...
 *                                           plan demo organisations of N
 *   bench-planner --replan [--runs R] N     add one participant, re-plan
 *   bench-planner --mip FILE [--relax] [--family F] [--seed S] N
 *                                           write the model (dag-planner-mip),
 *                                           run our planner; prints "placed
 *                                           indicated seconds columns rows"
 *   bench-planner --check-sol FILE [--family F] [--seed S] N
 *                                           read cbc's solution of that model
 *                                           back as a plan and check it with
 *                                           the rules; prints "placed errors"
 *
 * Families (the demo generator's staff options): slack (the demo's usual
 * staff, 1.25 × the positions a first plan needs), tight (0.5: the demo
 * sizes staff from a rough first plan, so 1.0 still leaves staff to
 * spare) and scarce (0.7, 20 % HBO among paid staff, 60 % of
 * participants at level 3–4);
 * --staff F, --hbo F and --heavy F override the family's values. */

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "dag-demo.h"
#include "dag-planner.h"
#include "dag-planner-mip.h"
#include "dag-rules.h"

static DagDate
bench_week (void)
{
  /* A fixed Monday, so runs compare. */
  return dag_date_from_ymd (2026, 11, 30);
}

static const char *family = "slack";
/* Overrides of the family's demo options; 0 keeps the family's. */
static double staff_factor, hbo_share, heavy_share;

static DagOrg *
demo (int n, guint32 seed)
{
  DagDemoOptions o;

  dag_demo_options_init (&o);
  o.participants = n;
  o.seed = seed;
  o.month = dag_date_from_ymd (2026, 10, 1);
  if (strcmp (family, "tight") == 0)
    o.staff = 0.5;   /* 1.0 still leaves staff to spare in the demo */
  else if (strcmp (family, "scarce") == 0)
    {
      o.staff = 0.7;
      o.hbo = 0.2;
      o.heavy = 0.6;
    }
  else
    g_assert (strcmp (family, "slack") == 0);
  if (staff_factor > 0)
    o.staff = staff_factor;
  if (hbo_share > 0)
    o.hbo = hbo_share;
  if (heavy_share > 0)
    o.heavy = heavy_share;
  return dag_demo_generate (&o);
}

static int
compare_double (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static double
median (double *v, int n)
{
  qsort (v, n, sizeof (double), compare_double);
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static gboolean quick;

static void
plan_once (int n, guint32 seed, int runs)
{
  g_autoptr(DagOrg) org = demo (n, seed);
  g_autofree double *times = g_new (double, runs);
  DagPlannerOptions opt;
  guint errors = 0;
  DagPlanResult *r = NULL;
  struct rusage ru;

  dag_planner_options_init (&opt);
  opt.week = bench_week ();
  opt.seed = seed;
  opt.construct_only = quick;
  for (int k = 0; k < runs; k++)
    {
      gint64 t0 = g_get_monotonic_time ();
      g_clear_pointer (&r, dag_plan_result_free);
      r = dag_planner_run (org, &opt, NULL, NULL, NULL, NULL);
      times[k] = (g_get_monotonic_time () - t0) / 1e6;
    }
  dag_plan_result_apply (r, org);
  {
    g_autoptr(GArray) findings = dag_rules_check (org, opt.week);
    errors = dag_rules_count_errors (findings);
    for (guint i = 0; i < findings->len && i < 5; i++)
      if (DAG_AT (findings, DagFinding, i)->severity == DAG_SEVERITY_ERROR)
        g_printerr ("  %s\n", DAG_AT (findings, DagFinding, i)->message);
  }
  {
    guint wait[DAG_N_WAIT_REASONS] = { 0 };
    for (guint i = 0; i < r->waiting->len; i++)
      wait[DAG_AT (r->waiting, DagWaitEntry, i)->reason] += DAG_AT (r->waiting, DagWaitEntry, i)->units;
    getrusage (RUSAGE_SELF, &ru);
    qsort (times, runs, sizeof (double), compare_double);
    g_print ("plan %s n=%d seed=%u: median %.3f s (min %.3f, max %.3f, %d runs); placed %u/%u = %.2f %%; "
             "errors %u; objective %" G_GINT64_FORMAT "; waiting: capacity %u, group %u, staff %u, unavailable %u, out of reach %u; "
             "staffing %u; peak RSS %ld MB\n",
             family, n, seed, median (times, runs), times[0], times[runs - 1], runs, r->placed, r->indicated,
             100.0 * r->placed / MAX (r->indicated, 1), errors, r->objective,
             wait[DAG_WAIT_NO_CAPACITY], wait[DAG_WAIT_NO_GROUP], wait[DAG_WAIT_NO_STAFF],
             wait[DAG_WAIT_UNAVAILABLE], wait[DAG_WAIT_OUT_OF_REACH], r->staffing->len, ru.ru_maxrss / 1024);
  }
  dag_plan_result_free (r);
}

/* Adds a participant like participant 0 with a new 4-dagdelen indication. */
static int
add_newcomer (DagOrg *org)
{
  const DagParticipant *p0 = DAG_AT (org->participants, DagParticipant, 0);
  DagParticipant p = *p0;
  DagIndication ind = { 0 };
  int first = -1;

  for (guint i = 0; i < org->indications->len && first < 0; i++)
    {
      const DagIndication *in = DAG_AT (org->indications, DagIndication, i);
      if (dag_rules_is_day_activity (org, in))
        first = i;
    }
  g_assert (first >= 0);
  p.id = g_strdup ("P-NEW");
  p.name = g_strdup ("Nieuwe Deelnemer");
  p.bsn = g_strdup ("111222333");
  p.address = g_strdup (p0->address);
  p.unavailable = 0;
  g_array_append_val (org->participants, p);
  ind = *DAG_AT (org->indications, DagIndication, first);
  ind.id = g_strdup ("I-NEW");
  ind.participant = org->participants->len - 1;
  ind.allocation_number = g_strdup ("A-NEW");
  ind.start = dag_date_from_ymd (2026, 1, 1);
  ind.end = dag_date_from_ymd (2027, 12, 31);
  ind.units = 4;
  ind.per = DAG_PER_WEEK;
  ind.min_units = -1;
  ind.level = 1;
  g_array_append_val (org->indications, ind);
  dag_org_invalidate_index (org);
  return org->participants->len - 1;
}

static void
replan (int n, int runs)
{
  g_autofree double *times = g_new (double, runs);
  g_autofree double *moved = g_new (double, runs);
  guint placed_new = 0, errors = 0;

  for (int k = 0; k < runs; k++)
    {
      g_autoptr(DagOrg) org = demo (n, 1);
      DagPlannerOptions opt;
      DagPlanResult *r;
      int newcomer;
      gint64 t0;
      guint others = 0;

      dag_planner_options_init (&opt);
      opt.week = bench_week ();
      opt.seed = 1;
      r = dag_planner_run (org, &opt, NULL, NULL, NULL, NULL);
      dag_plan_result_apply (r, org);
      dag_plan_result_free (r);
      newcomer = add_newcomer (org);

      opt.keep_existing = TRUE;
      t0 = g_get_monotonic_time ();
      r = dag_planner_run (org, &opt, NULL, NULL, NULL, NULL);
      times[k] = (g_get_monotonic_time () - t0) / 1e3;
      {
        g_autoptr(GHashTable) seen = g_hash_table_new (g_direct_hash, g_direct_equal);
        for (guint i = 0; i < r->changes->len; i++)
          {
            const DagPlanChange *c = DAG_AT (r->changes, DagPlanChange, i);
            if (c->participant != newcomer && c->kind != DAG_CHANGE_ADD)
              g_hash_table_add (seen, GINT_TO_POINTER (c->participant + 1));
          }
        others = g_hash_table_size (seen);
      }
      moved[k] = others;
      placed_new = 0;
      for (guint i = 0; i < r->plan->len; i++)
        placed_new += DAG_AT (r->plan, DagPlanEntry, i)->participant == newcomer;
      dag_plan_result_apply (r, org);
      {
        g_autoptr(GArray) findings = dag_rules_check (org, opt.week);
        errors = dag_rules_count_errors (findings);
      }
      dag_plan_result_free (r);
    }
  qsort (times, runs, sizeof (double), compare_double);
  g_print ("replan n=%d +1 participant (4 dagdelen): median %.1f ms (min %.1f, max %.1f, %d runs); "
           "newcomer placed %u/4; other participants moved: median %.0f; errors %u\n",
           n, median (times, runs), times[0], times[runs - 1], runs, placed_new,
           median (moved, runs), errors);
}

/* Writes the exact model of the demo of n to path and runs our planner
 * with its default options on the same week. */
static int
write_mip (const char *path, gboolean relax, int n, guint32 seed)
{
  g_autoptr(DagOrg) org = demo (n, seed);
  g_autoptr(DagPlannerMip) mip = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *model = NULL;
  DagPlannerOptions opt;
  DagPlanResult *r;
  guint columns, rows;
  gint64 t0;
  double seconds;

  mip = dag_planner_mip_new (org, bench_week ());
  model = dag_planner_mip_write (mip, relax);
  dag_planner_mip_size (mip, &columns, &rows);
  if (!g_file_set_contents (path, model, -1, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  dag_planner_options_init (&opt);
  opt.week = bench_week ();
  opt.seed = seed;
  t0 = g_get_monotonic_time ();
  r = dag_planner_run (org, &opt, NULL, NULL, NULL, NULL);
  seconds = (g_get_monotonic_time () - t0) / 1e6;
  g_print ("%u %u %.3f %u %u\n", r->placed, r->indicated, seconds, columns, rows);
  dag_plan_result_free (r);
  return 0;
}

/* Reads cbc's solution of the model of the demo of n back as a plan and
 * staffing and checks it with the rules. */
static int
check_solution (const char *path, int n, guint32 seed)
{
  g_autoptr(DagOrg) org = demo (n, seed);
  g_autoptr(DagPlannerMip) mip = dag_planner_mip_new (org, bench_week ());
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GArray) findings = NULL;
  guint errors, shown = 0;

  if (!g_file_get_contents (path, &text, NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  /* The standing plan and staffing become the solution's. */
  g_array_set_size (org->plan, 0);
  g_array_set_size (org->staffing, 0);
  if (!dag_planner_mip_read_solution (mip, text, org->plan, org->staffing, &error))
    {
      g_printerr ("%s: %s\n", path, error->message);
      return 1;
    }
  findings = dag_rules_check (org, bench_week ());
  errors = dag_rules_count_errors (findings);
  for (guint i = 0; i < findings->len && shown < 10; i++)
    if (DAG_AT (findings, DagFinding, i)->severity == DAG_SEVERITY_ERROR)
      {
        g_printerr ("  %s: %s\n", DAG_AT (findings, DagFinding, i)->rule,
                    DAG_AT (findings, DagFinding, i)->message);
        shown++;
      }
  g_print ("%u %u\n", org->plan->len, errors);
  return errors == 0 ? 0 : 1;
}

int
main (int argc, char **argv)
{
  int runs = 3;
  gboolean do_replan = FALSE, relax = FALSE;
  const char *mip = NULL, *sol = NULL;
  guint32 seed = 1;
  int i;

  for (i = 1; i < argc && argv[i][0] == '-'; i++)
    {
      if (strcmp (argv[i], "--runs") == 0 && i + 1 < argc)
        {
          runs = atoi (argv[++i]);
          runs = MAX (runs, 1);
        }
      else if (strcmp (argv[i], "--replan") == 0)
        do_replan = TRUE;
      else if (strcmp (argv[i], "--construct-only") == 0)
        quick = TRUE;
      else if (strcmp (argv[i], "--relax") == 0)
        relax = TRUE;
      else if (strcmp (argv[i], "--mip") == 0 && i + 1 < argc)
        mip = argv[++i];
      else if (strcmp (argv[i], "--check-sol") == 0 && i + 1 < argc)
        sol = argv[++i];
      else if (strcmp (argv[i], "--seed") == 0 && i + 1 < argc)
        seed = atoi (argv[++i]);
      else if (strcmp (argv[i], "--staff") == 0 && i + 1 < argc)
        staff_factor = g_ascii_strtod (argv[++i], NULL);
      else if (strcmp (argv[i], "--hbo") == 0 && i + 1 < argc)
        hbo_share = g_ascii_strtod (argv[++i], NULL);
      else if (strcmp (argv[i], "--heavy") == 0 && i + 1 < argc)
        heavy_share = g_ascii_strtod (argv[++i], NULL);
      else if (strcmp (argv[i], "--family") == 0 && i + 1 < argc &&
               (strcmp (argv[i + 1], "slack") == 0 || strcmp (argv[i + 1], "tight") == 0 ||
                strcmp (argv[i + 1], "scarce") == 0))
        family = argv[++i];
      else
        {
          g_printerr ("unknown option %s\n", argv[i]);
          return 2;
        }
    }
  if (i == argc)
    {
      static char *defaults[] = { "150", "1000", "5000", "20000" };
      argv = defaults;
      argc = 4;
      i = 0;
    }
  for (; i < argc; i++)
    {
      int n = atoi (argv[i]);
      int status = 0;

      if (mip != NULL)
        status = write_mip (mip, relax, n, seed);
      else if (sol != NULL)
        status = check_solution (sol, n, seed);
      else if (do_replan)
        replan (n, runs);
      else
        plan_once (n, seed, runs);
      if (status != 0)
        return status;
    }
  return 0;
}
