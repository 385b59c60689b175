/* bench-schedule.c — times the expansion of one month of the demo
 * organisation (dag_schedule_new, then dag_schedule_foreach and
 * dag_schedule_foreach_staff over every date of November 2026) in three
 * versions: the undated plan the demo makes; 10 % of the plan and staffing
 * entries ended at the Sunday before week 47 and replaced from its Monday;
 * and that with one-off swaps and cancellations added.  The target: the
 * dated month with one-offs takes at most twice as long as the undated
 * one.  Runs rotate over the versions so drift on a busy machine hits all
 * alike; prints the medians, the spread and the ratios.
 *
 * bench-schedule [PARTICIPANTS [RUNS [ONE_OFF_EVERY]]]: one swap per
 * ONE_OFF_EVERY plan entries (default 50: about 4,000 one-offs a month for
 * 20,000 participants). */

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dag-demo.h"
#include "dag-schedule.h"

#define MAX_RUNS 51
#define N_VERSIONS 3

typedef struct {
  guint sessions, on, staff_sessions, one_offs;
} Count;

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
count_session (const DagSession *s,
               gpointer          user_data)
{
  Count *c = user_data;

  c->sessions++;
  c->on += s->state == DAG_SESSION_ON;
  c->one_offs += s->plan_entry < 0;
  return TRUE;
}

static gboolean
count_staff_session (const DagStaffSession *s,
                     gpointer               user_data)
{
  Count *c = user_data;

  c->staff_sessions++;
  return TRUE;
}

/* One expansion of first..last; returns wall seconds, adds CPU seconds. */
static double
expand (const DagOrg *org,
        DagDate       first,
        DagDate       last,
        Count        *count,
        double       *cpu)
{
  double c0 = cpu_seconds ();
  gint64 t0 = g_get_monotonic_time ();
  DagSchedule *schedule = dag_schedule_new (org);

  memset (count, 0, sizeof *count);
  dag_schedule_foreach (schedule, first, last, count_session, count);
  dag_schedule_foreach_staff (schedule, first, last, count_staff_session, count);
  dag_schedule_free (schedule);
  *cpu = cpu_seconds () - c0;
  return (g_get_monotonic_time () - t0) / 1e6;
}

/* Ends every tenth entry (plan or staffing: one layout) at the Sunday
 * before monday and adds its replacement from monday: for the plan in
 * another slot of the same group where the participant has nothing (the
 * same slot when there is none), for the staffing in the same slot. */
static void
date_tenth (GArray       *entries,
            const DagOrg *org,
            guint         n_who,
            DagDate       monday,
            gboolean      plan)
{
  g_autofree DagSlotMask *busy = g_new0 (DagSlotMask, n_who + 1);
  guint n = entries->len;

  for (guint i = 0; i < n; i++)
    {
      const DagPlanEntry *e = &g_array_index (entries, DagPlanEntry, i);
      busy[e->participant] |= DAG_SLOT_BIT (e->slot);
    }
  for (guint i = 0; i < n; i += 10)
    {
      DagPlanEntry *e = &g_array_index (entries, DagPlanEntry, i);
      DagPlanEntry next = *e;

      e->until = monday - 1;
      next.from = monday;
      next.until = DAG_DATE_NONE;
      if (plan)
        {
          const DagGroup *g = DAG_AT (org->groups, DagGroup, e->group);

          for (int s = 0; s < DAG_N_SLOTS; s++)
            if ((g->slots & DAG_SLOT_BIT (s)) && !(busy[e->participant] & DAG_SLOT_BIT (s)))
              {
                next.slot = s;
                busy[e->participant] |= DAG_SLOT_BIT (s);
                break;
              }
        }
      g_array_append_val (entries, next);
    }
}

/* Every every-th plan entry (50th by default): that session cancelled on
 * one date of the month and, where the group runs another dagdeel that
 * day, swapped to it; every (every/2)-th staffing entry cancelled on one
 * date. */
static void
add_one_offs (DagOrg  *org,
              DagDate  first,
              guint    every)
{
  guint n_plan = org->plan->len, n_staffing = org->staffing->len;

  for (guint i = 0; i < n_plan; i += every)
    {
      const DagPlanEntry *e = DAG_AT (org->plan, DagPlanEntry, i);
      int day = DAG_SLOT_DAY (e->slot), part = DAG_SLOT_PART (e->slot);
      DagDate date = first;
      DagOneOff cancel = { DAG_ONE_OFF_CANCEL, e->participant, -1, 0, part, e->group, NULL };

      while (dag_date_weekday (date) != day)
        date++;
      date += 7 * (i / every % 4);
      cancel.date = date;
      g_array_append_val (org->one_offs, cancel);
      for (int p = 0; p < DAG_N_PARTS; p++)
        if (p != part && (DAG_AT (org->groups, DagGroup, e->group)->slots & DAG_SLOT_BIT (DAG_SLOT (day, p))))
          {
            DagOneOff add = { DAG_ONE_OFF_ADD, e->participant, -1, date, p, e->group, NULL };
            g_array_append_val (org->one_offs, add);
            break;
          }
    }
  for (guint i = 0; i < n_staffing; i += (every + 1) / 2)
    {
      const DagStaffing *e = DAG_AT (org->staffing, DagStaffing, i);
      DagDate date = first;
      DagOneOff cancel = { DAG_ONE_OFF_CANCEL, -1, e->staff, 0, DAG_SLOT_PART (e->slot), e->group, NULL };

      while (dag_date_weekday (date) != DAG_SLOT_DAY (e->slot))
        date++;
      cancel.date = date + 7 * (i / ((every + 1) / 2) % 4);
      g_array_append_val (org->one_offs, cancel);
    }
}

int
main (int   argc,
      char *argv[])
{
  int participants = argc > 1 ? atoi (argv[1]) : 20000;
  int runs = argc > 2 ? CLAMP (atoi (argv[2]), 1, MAX_RUNS) : 7;
  DagDemoOptions options;
  g_autoptr(DagOrg) org = NULL;
  DagDate first = dag_date_from_ymd (2026, 11, 1), last = dag_date_from_ymd (2026, 11, 30);
  DagDate monday = dag_date_from_ymd (2026, 11, 16);
  GArray *plain[3];
  /* Three versions of plan, staffing and one-offs, swapped into org
   * before each run: undated, dated without one-offs, dated with them. */
  GArray *version[N_VERSIONS][3];
  static const char *const names[N_VERSIONS] = { "undated", "dated, no one-offs", "dated + one-offs" };
  double wall[N_VERSIONS][MAX_RUNS], cpu[N_VERSIONS][MAX_RUNS], med[N_VERSIONS];
  Count counts[N_VERSIONS];
  gint64 t0;
  double generate, ratio;
  guint one_off_every = argc > 3 ? MAX (1, atoi (argv[3])) : 50;

  dag_demo_options_init (&options);
  options.participants = participants;
  options.month = dag_date_from_ymd (2026, 10, 1);
  t0 = g_get_monotonic_time ();
  org = dag_demo_generate (&options);
  generate = (g_get_monotonic_time () - t0) / 1e6;

  for (int v = 0; v < N_VERSIONS; v++)
    {
      if (v == 1)
        {
          date_tenth (org->plan, org, org->participants->len, monday, TRUE);
          date_tenth (org->staffing, org, org->staff->len, monday, FALSE);
        }
      else if (v == 2)
        add_one_offs (org, first, one_off_every);
      version[v][0] = g_array_copy (org->plan);
      version[v][1] = g_array_copy (org->staffing);
      version[v][2] = g_array_copy (org->one_offs);
    }
  /* org's own arrays are freed with it; the copies by hand below. */
  plain[0] = org->plan;
  plain[1] = org->staffing;
  plain[2] = org->one_offs;

  g_print ("schedule 2026-11, %d participants (demo generated in %.2f s): "
           "%u plan entries, %u staffing undated; %u plan entries, %u staffing dated; %u one-offs\n",
           participants, generate, version[0][0]->len, version[0][1]->len,
           version[1][0]->len, version[1][1]->len, version[2][2]->len);

  for (int r = 0; r < runs; r++)
    for (int k = 0; k < N_VERSIONS; k++)
      {
        /* Rotate which goes first, so drift hits every version alike. */
        int v = (r + k) % N_VERSIONS;

        org->plan = version[v][0];
        org->staffing = version[v][1];
        org->one_offs = version[v][2];
        wall[v][r] = expand (org, first, last, &counts[v], &cpu[v][r]);
      }
  org->plan = plain[0];
  org->staffing = plain[1];
  org->one_offs = plain[2];
  for (int v = 0; v < N_VERSIONS; v++)
    for (int i = 0; i < 3; i++)
      g_array_unref (version[v][i]);

  for (int v = 0; v < N_VERSIONS; v++)
    {
      double lo, hi, cpu_med;

      med[v] = median (wall[v], runs);
      lo = wall[v][0];
      hi = wall[v][runs - 1];
      cpu_med = median (cpu[v], runs);
      g_print ("  %-18s %u sessions (%u take place, %u one-off additions), %u staff sessions\n"
               "  %-18s median of %d %.3f s (min %.3f, max %.3f, spread %.0f %%), CPU %.3f s\n",
               names[v], counts[v].sessions, counts[v].on, counts[v].one_offs, counts[v].staff_sessions,
               "", runs, med[v], lo, hi, med[v] > 0 ? 100 * (hi - lo) / med[v] : 0, cpu_med);
    }
  ratio = med[0] > 0 ? med[2] / med[0] : 0;
  g_print ("  dated / undated: %.2f without one-offs, %.2f with them (target at most 2)\n",
           med[0] > 0 ? med[1] / med[0] : 0, ratio);
  return ratio <= 2.0 ? 0 : 1;
}
