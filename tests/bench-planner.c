/* bench-planner.c — measures the week planner on demo organisations: wall
 * time, placed share, error findings, peak memory; a re-plan after one new
 * participant; and writes LP models for the exact comparison
 * (tests/bench-planner-lp.sh).
 *
 *   bench-planner [--runs R] [--construct-only] N...
 *                                           plan demo organisations of N
 *   bench-planner --replan [--runs R] N     add one participant, re-plan
 *   bench-planner --lp FILE [--relax] [--seed S] N
 *                                           write the model, print our objective */

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "dag-demo.h"
#include "dag-planner.h"
#include "dag-rules.h"

static DagDate
bench_week (void)
{
  /* A fixed Monday, so runs compare. */
  return dag_date_from_ymd (2026, 11, 30);
}

static DagOrg *
demo (int n, guint32 seed)
{
  DagDemoOptions o;

  dag_demo_options_init (&o);
  o.participants = n;
  o.seed = seed;
  o.month = dag_date_from_ymd (2026, 10, 1);
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
plan_once (int n, int runs)
{
  g_autoptr(DagOrg) org = demo (n, 1);
  g_autofree double *times = g_new (double, runs);
  DagPlannerOptions opt;
  guint errors = 0;
  DagPlanResult *r = NULL;
  struct rusage ru;

  dag_planner_options_init (&opt);
  opt.week = bench_week ();
  opt.seed = 1;
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
    g_print ("plan n=%d: median %.3f s (min %.3f, max %.3f, %d runs); placed %u/%u = %.2f %%; "
             "errors %u; objective %" G_GINT64_FORMAT "; waiting: capacity %u, group %u, staff %u, unavailable %u, out of reach %u; "
             "staffing %u; peak RSS %ld MB\n",
             n, median (times, runs), times[0], times[runs - 1], runs, r->placed, r->indicated,
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

int
main (int argc, char **argv)
{
  int runs = 3;
  gboolean do_replan = FALSE, relax = FALSE;
  const char *lp = NULL;
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
      else if (strcmp (argv[i], "--lp") == 0 && i + 1 < argc)
        lp = argv[++i];
      else if (strcmp (argv[i], "--seed") == 0 && i + 1 < argc)
        seed = atoi (argv[++i]);
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
      if (lp != NULL)
        {
          g_autoptr(DagOrg) org = demo (n, seed);
          g_autoptr(GError) error = NULL;
          DagPlannerOptions opt;
          g_autofree char *model = NULL;
          DagPlanResult *r;

          dag_planner_options_init (&opt);
          opt.week = bench_week ();
          model = dag_planner_write_lp (org, &opt, relax);
          if (!g_file_set_contents (lp, model, -1, &error))
            {
              g_printerr ("%s\n", error->message);
              return 1;
            }
          r = dag_planner_run (org, &opt, NULL, NULL, NULL, NULL);
          g_print ("%" G_GINT64_FORMAT " %u %u %u\n", r->objective, r->placed, r->indicated,
                   r->staffing->len);
          dag_plan_result_free (r);
        }
      else if (do_replan)
        replan (n, runs);
      else
        plan_once (n, runs);
    }
  return 0;
}
