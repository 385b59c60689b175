/* bench-midday.c — whether the week planner's whole-day preference for
 * transported participants reduces midday runs (issue 5, item 3): on the
 * demo organisations given as arguments (default 1,000 and 5,000), the week
 * of 2026-11-02 (demo month 2026-11) is planned three ways — the demo's own
 * plan, "plan" from scratch and "plan --keep-existing" on the demo plan —
 * and the real run planner plans Monday to Friday for each; printed are the
 * lone days of transported participants in the standing plan, midday runs,
 * all runs, km and vehicles (summed over the five days), and planner time.
 * DAG_BENCH_SEED sets the planner's seed (default 1); DAG_BENCH_DETAIL=1
 * also prints why the lone days are there. */

#include "config.h"

#include <stdlib.h>

#include "dag-demo.h"
#include "dag-planner.h"
#include "dag-rules.h"
#include "dag-transport.h"

#define MONDAY dag_date_from_ymd (2026, 11, 2)

/* Days of the standing week on which a participant with transport "bus"
 * has one of morning and afternoon, or the two at different locations. */
static guint
lone_days (const DagOrg *org)
{
  guint n = 0, np = org->participants->len;
  g_autofree int *loc = g_new (int, np * DAG_N_SLOTS + 1);

  for (guint k = 0; k < np * DAG_N_SLOTS; k++)
    loc[k] = -1;
  for (guint e = 0; e < org->plan->len; e++)
    {
      const DagPlanEntry *pe = DAG_AT (org->plan, DagPlanEntry, e);
      loc[pe->participant * DAG_N_SLOTS + pe->slot] = DAG_AT (org->groups, DagGroup, pe->group)->location;
    }
  guint odd = 0, unavailable = 0, split = 0, by_bus = 0;

  for (guint p = 0; p < np; p++)
    {
      const DagParticipant *pa = DAG_AT (org->participants, DagParticipant, p);
      guint count = 0, lone = 0;

      if (pa->transport != DAG_TRANSPORT_BUS)
        continue;
      by_bus++;
      for (int day = 0; day < DAG_N_DAYS; day++)
        {
          int am = loc[p * DAG_N_SLOTS + DAG_SLOT (day, DAG_PART_AM)];
          int pm = loc[p * DAG_N_SLOTS + DAG_SLOT (day, DAG_PART_PM)];
          DagSlotMask both = DAG_SLOT_BIT (DAG_SLOT (day, DAG_PART_AM)) | DAG_SLOT_BIT (DAG_SLOT (day, DAG_PART_PM));

          count += (am >= 0) + (pm >= 0);
          if (am == pm)
            continue;
          lone++;
          if (am >= 0 && pm >= 0)
            split++;
          else if (pa->unavailable & both)
            unavailable++;
        }
      n += lone;
      /* An odd number of dagdelen leaves one lone day at least. */
      if (lone > 0 && (count & 1))
        odd++;
    }
  if (g_getenv ("DAG_BENCH_DETAIL"))
    g_print ("  %u by bus; lone days %u: %u participants with an odd number of dagdelen, "
             "%u with the other half unavailable, %u at two locations\n", by_bus, n, odd, unavailable, split);
  return n;
}

static int
measure (DagOrg          *org,
         const DagTravel *travel,
         int              participants,
         const char      *label,
         double           plan_seconds,
         guint            placed,
         guint            indicated,
         guint            errors)
{
  DagTransportOptions options;
  guint midday = 0, runs = 0, vehicles = 0, max_vehicles = 0, riding = 0, too_far = 0;
  double km = 0;

  dag_transport_options_init (&options);
  for (int day = 0; day < 5; day++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(DagTransportResult) res = dag_transport_plan (org, travel, MONDAY + day, &options, NULL, &error);

      if (res == NULL)
        {
          g_printerr ("bench-midday: %s\n", error->message);
          return 1;
        }
      midday += res->n_midday_runs;
      riding += res->n_requests - res->unserved->len;
      for (guint i = 0; i < res->unserved->len; i++)
        too_far += g_array_index (res->unserved, DagTransportUnserved, i).reason == DAG_TRANSPORT_REASON_RIDE_TOO_LONG;
      runs += res->runs->len;
      km += res->km;
      vehicles += res->n_vehicles;
      max_vehicles = MAX (max_vehicles, res->n_vehicles);
    }
  g_print ("%6d  %-22s %9u %7u %6u %9.0f %6u %5u %6u %6u ", participants, label,
           lone_days (org), midday, runs, km, vehicles, max_vehicles, riding, too_far);
  if (indicated > 0)
    g_print ("%6.1f %% %6u %7.2f\n", 100.0 * placed / indicated, errors, plan_seconds);
  else
    g_print ("%8s %6u %7s\n", "-", errors, "-");
  return 0;
}

static int
plan_and_measure (DagOrg          *org,
                  const DagTravel *travel,
                  int              participants,
                  const char      *label,
                  gboolean         keep)
{
  DagPlannerOptions options;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) findings = NULL;
  DagPlanResult *result;
  gint64 t0 = g_get_monotonic_time ();
  double seconds;
  guint placed, indicated;

  dag_planner_options_init (&options);
  options.week = MONDAY;
  options.keep_existing = keep;
  if (g_getenv ("DAG_BENCH_SEED") != NULL)
    options.seed = g_ascii_strtoull (g_getenv ("DAG_BENCH_SEED"), NULL, 10);
  options.travel = travel;
  result = dag_planner_run (org, &options, NULL, NULL, NULL, &error);
  seconds = (g_get_monotonic_time () - t0) / 1e6;
  if (result == NULL)
    {
      g_printerr ("bench-midday: %s\n", error->message);
      return 1;
    }
  dag_plan_result_apply (result, org);
  placed = result->placed;
  indicated = result->indicated;
  dag_plan_result_free (result);
  findings = dag_rules_check (org, MONDAY);
  return measure (org, travel, participants, label, seconds, placed, indicated,
                  dag_rules_count_errors (findings));
}

int
main (int   argc,
      char *argv[])
{
  int status = 0;

  g_print ("  demo  plan                   lone days  midday   runs        km   veh. max  trips  too far  placed  errors  plan s\n");
  for (int a = 1; a < MAX (argc, 2) + (argc < 2); a++)
    {
      int participants = argc > 1 ? atoi (argv[a]) : (a == 1 ? 1000 : 5000);
      DagDemoOptions demo;
      g_autoptr(DagOrg) org = NULL;
      g_autoptr(DagTravel) travel = NULL;
      g_autoptr(GArray) demo_plan = NULL;
      g_autoptr(GArray) demo_staffing = NULL;
      g_autoptr(GArray) findings = NULL;

      dag_demo_options_init (&demo);
      demo.participants = participants;
      demo.month = dag_date_from_ymd (2026, 11, 1);
      org = dag_demo_generate (&demo);
      travel = dag_travel_new (org, NULL);
      demo_plan = g_array_copy (org->plan);
      demo_staffing = g_array_copy (org->staffing);
      findings = dag_rules_check (org, MONDAY);
      status |= measure (org, travel, participants, "demo plan", 0, 0, 0, dag_rules_count_errors (findings));
      status |= plan_and_measure (org, travel, participants, "plan", FALSE);
      /* The re-plan starts again from the demo's plan. */
      g_array_set_size (org->plan, 0);
      g_array_append_vals (org->plan, demo_plan->data, demo_plan->len);
      g_array_set_size (org->staffing, 0);
      g_array_append_vals (org->staffing, demo_staffing->data, demo_staffing->len);
      status |= plan_and_measure (org, travel, participants, "plan --keep-existing", TRUE);
    }
  g_print ("(midday, runs, km, veh., trips: Monday-Friday summed; max: most vehicles on one day;\n"
           " trips: rides on a run; too far: rides left out, over the ride-time limit even alone;\n"
           " lone days: days of participants by bus with one dagdeel or two locations)\n");
  return status;
}
