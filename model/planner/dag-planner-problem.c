/* dag-planner-problem.c — builds the compact planning problem from an
 * organisation in one pass, with the candidate groups of every indication
 * taken from the rules module. */

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "dag-planner-private.h"
#include "dag-schedule.h"
#include "dag-travel.h"

static DagSlotMask
day_slots (int day)
{
  return (DagSlotMask) 7 << (day * DAG_N_PARTS);
}

typedef struct {
  double dist;
  int    location;
} LocRank;

static int
compare_rank (gconstpointer a,
              gconstpointer b)
{
  const LocRank *ra = a, *rb = b;

  if (ra->dist != rb->dist)
    return ra->dist < rb->dist ? -1 : 1;
  return ra->location - rb->location;
}

/* Per participant, whether a VERVOER indication is valid on some day of
 * the week: only then is the provider's transport theirs (dag-transport). */
static gboolean *
transport_indicated (const DagOrg *org,
                     DagDate       week)
{
  gboolean *ok = g_new0 (gboolean, org->participants->len + 1);

  for (guint i = 0; i < org->indications->len; i++)
    {
      const DagIndication *ind = DAG_AT (org->indications, DagIndication, i);
      const DagContract *c;

      if (ind->participant < 0 || (guint) ind->participant >= org->participants->len ||
          ind->contract < 0 || (guint) ind->contract >= org->contracts->len || ind->product < 0)
        continue;
      if (ind->start > week + DAG_N_DAYS - 1 || ind->end < week)
        continue;
      c = DAG_AT (org->contracts, DagContract, ind->contract);
      if ((guint) ind->product < c->products->len &&
          g_strcmp0 (DAG_AT (c->products, DagProduct, ind->product)->product, "VERVOER") == 0)
        ok[ind->participant] = TRUE;
    }
  return ok;
}

/* The same, remembered per location for one participant in ride[]. */
static gboolean
out_of_reach (guint8          *ride,
              const DagTravel *travel,
              int              participant,
              int              l,
              int              max_ride)
{
  if (ride[l] == 0)
    ride[l] = dag_travel_within_ride (travel, participant, l, max_ride) ? 1 : 2;
  return ride[l] == 2;
}

Problem *
dag_problem_new (const DagOrg            *org,
                 const DagPlannerOptions *options)
{
  Problem *pb = g_new0 (Problem, 1);
  guint np = org->participants->len, ni = org->indications->len;
  int nl = org->locations->len;
  int ng = org->groups->len;
  g_autofree guint *ind_start = g_new0 (guint, np + 2);
  g_autofree guint *ind_list = g_new (guint, ni + 1);
  g_autofree int *loc_start = g_new0 (int, nl + 2);
  g_autofree int *loc_groups = g_new (int, ng + 1);
  g_autofree LocRank *ranks = g_new (LocRank, nl + 1);
  g_autofree int *ind_of_part = g_new (int, ni + 1);
  g_autoptr(DagSchedule) schedule = dag_schedule_new (org);
  GArray *parts = g_array_new (FALSE, FALSE, sizeof (Part));
  GArray *demands = g_array_new (FALSE, FALSE, sizeof (Demand));
  GArray *cgroup = g_array_new (FALSE, FALSE, sizeof (int));
  GArray *cmask = g_array_new (FALSE, FALSE, sizeof (DagSlotMask));
  DagDate week = options->week;
  g_autofree int *old_group = NULL;
  g_autofree int *fixed_group = NULL;
  int n_sorted = 0;
  g_autofree gboolean *vervoer = NULL;
  g_autoptr(DagTravel) own_travel = NULL;
  const DagTravel *travel = options->travel;
  int max_ride = org->settings.max_ride_minutes > 0 ? org->settings.max_ride_minutes : 30;
  /* Per location for the participant at hand: 0 unknown, 1 within the
   * ride-time limit, 2 beyond it. */
  g_autofree guint8 *ride = g_new (guint8, nl + 1);

  if (week == DAG_DATE_NONE)
    {
      DagDate today = dag_date_today ();
      week = today + (7 - dag_date_weekday (today));
    }
  vervoer = transport_indicated (org, dag_rules_week_start (week));
  if (travel == NULL)
    {
      /* Only read: DagTravel keeps org but never changes it. */
      own_travel = dag_travel_new ((DagOrg *) org, NULL);
      travel = own_travel;
    }
  pb->org = org;
  pb->week = dag_rules_week_start (week);
  pb->location = options->location >= 0 && options->location < nl ? options->location : -1;
  pb->keep = options->keep_existing;
  pb->unit = dag_rules_load_unit (&org->settings);
  pb->hbo_from_level = org->settings.hbo_from_level;
  pb->rand = g_rand_new_with_seed ((guint32) (options->seed ^ (options->seed >> 32)));

  pb->n_groups = ng;
  pb->group_location = g_new (int, ng + 1);
  pb->group_capacity = g_new (int, ng + 1);
  pb->group_slots = g_new (DagSlotMask, ng + 1);
  for (int g = 0; g < ng; g++)
    {
      const DagGroup *gr = DAG_AT (org->groups, DagGroup, g);
      pb->group_location[g] = gr->location;
      pb->group_capacity[g] = MAX (gr->capacity, 0);
      pb->group_slots[g] = gr->slots & ((1u << DAG_N_SLOTS) - 1);
    }

  /* Where lone dagdelen gather: the locations by size (places a week),
   * largest first, take the mornings of the week (Monday to Saturday) in
   * turn, then the afternoons, so that the extra load falls on different
   * days.  A location whose groups do not run that dagdeel gathers none
   * (measured on the demo, gathering on Monday to Friday only gave no
   * fewer midday runs). */
  pb->lone_slot = g_new (int, nl + 1);
  {
    g_autofree LocRank *size = g_new (LocRank, nl + 1);

    for (int l = 0; l < nl; l++)
      {
        size[l].location = l;
        size[l].dist = 0;
      }
    for (int g = 0; g < ng; g++)
      if (pb->group_location[g] >= 0 && pb->group_location[g] < nl)
        size[pb->group_location[g]].dist -= (double) pb->group_capacity[g] *
                                            __builtin_popcount (pb->group_slots[g]);
    qsort (size, nl, sizeof (LocRank), compare_rank);
    for (int k = 0; k < nl; k++)
      pb->lone_slot[size[k].location] =
        DAG_SLOT (k % DAG_N_DAYS, (k / DAG_N_DAYS) % 2 ? DAG_PART_PM : DAG_PART_AM);
  }

  /* Groups per location (CSR; groups without a location last). */
  for (int g = 0; g < ng; g++)
    {
      int l = pb->group_location[g];
      loc_start[(l >= 0 && l < nl ? l : nl) + 1]++;
    }
  for (int l = 0; l <= nl; l++)
    loc_start[l + 1] += loc_start[l];
  {
    g_autofree int *fill = g_memdup2 (loc_start, sizeof (int) * (nl + 2));
    for (int g = 0; g < ng; g++)
      {
        int l = pb->group_location[g];
        loc_groups[fill[l >= 0 && l < nl ? l : nl]++] = g;
      }
  }

  /* Indications per participant, in file order. */
  for (guint i = 0; i < ni; i++)
    {
      int p = DAG_AT (org->indications, DagIndication, i)->participant;
      if (p >= 0 && (guint) p < np)
        ind_start[p + 1]++;
    }
  for (guint p = 0; p < np; p++)
    ind_start[p + 1] += ind_start[p];
  {
    g_autofree guint *fill = g_memdup2 (ind_start, sizeof (guint) * (np + 1));
    for (guint i = 0; i < ni; i++)
      {
        int p = DAG_AT (org->indications, DagIndication, i)->participant;
        if (p >= 0 && (guint) p < np)
          ind_list[fill[p]++] = i;
      }
  }

  /* A plan of one location keeps what is planned at the others. */
  if (pb->location >= 0)
    {
      fixed_group = g_new (int, np * DAG_N_SLOTS + 1);
      for (guint k = 0; k < np * DAG_N_SLOTS; k++)
        fixed_group[k] = -1;
      for (guint e = 0; e < org->plan->len; e++)
        {
          const DagPlanEntry *pe = DAG_AT (org->plan, DagPlanEntry, e);
          if (pe->participant >= 0 && (guint) pe->participant < np && pe->slot >= 0 &&
              pe->slot < DAG_N_SLOTS && pe->group >= 0 && pe->group < ng &&
              pb->group_location[pe->group] != pb->location)
            fixed_group[pe->participant * DAG_N_SLOTS + pe->slot] = pe->group;
        }
    }

  if (pb->keep)
    {
      old_group = g_new (int, np * DAG_N_SLOTS + 1);
      for (guint k = 0; k < np * DAG_N_SLOTS; k++)
        old_group[k] = -1;
      for (guint e = 0; e < org->plan->len; e++)
        {
          const DagPlanEntry *pe = DAG_AT (org->plan, DagPlanEntry, e);
          if (pe->participant >= 0 && (guint) pe->participant < np && pe->slot >= 0 &&
              pe->slot < DAG_N_SLOTS && pe->group >= 0 && pe->group < ng &&
              (pb->location < 0 || pb->group_location[pe->group] == pb->location))
            old_group[pe->participant * DAG_N_SLOTS + pe->slot] = pe->group;
        }
    }

  pb->part_of_participant = g_new (int, np + 1);
  for (guint p = 0; p < np; p++)
    {
      const DagParticipant *pa = DAG_AT (org->participants, DagParticipant, p);
      int n_ind = 0;
      Part part = { 0 };

      pb->part_of_participant[p] = -1;
      /* The day-activity indications valid on some day of the week. */
      for (guint k = ind_start[p]; k < ind_start[p + 1]; k++)
        {
          const DagIndication *ind = DAG_AT (org->indications, DagIndication, ind_list[k]);
          if (dag_rules_is_day_activity (org, ind) &&
              ind->start <= pb->week + DAG_N_DAYS - 1 && ind->end >= pb->week)
            ind_of_part[n_ind++] = ind_list[k];
        }
      if (n_ind == 0)
        continue;

      part.org_index = p;
      part.bus = pa->transport == DAG_TRANSPORT_BUS && vervoer[p];
      memset (ride, 0, nl + 1);
      part.preferred = pa->preferred_days;
      part.d_start = demands->len;
      for (int s = 0; s < DAG_N_SLOTS; s++)
        {
          part.group_at[s] = part.demand_at[s] = part.old_at[s] = -1;
          if (fixed_group != NULL && fixed_group[p * DAG_N_SLOTS + s] >= 0)
            part.fixed |= DAG_SLOT_BIT (s);
        }

      /* Locations nearest first; without coordinates spread participants
       * over the locations so no location is everyone's first choice. */
      for (int l = 0; l < nl; l++)
        {
          const DagLocation *loc = DAG_AT (org->locations, DagLocation, l);
          ranks[l].location = l;
          if (pa->has_coords)
            {
              double dy = loc->lat - pa->lat;
              double dx = (loc->lon - pa->lon) * cos (pa->lat * G_PI / 180.0);
              ranks[l].dist = dx * dx + dy * dy;
            }
          else
            ranks[l].dist = (double) ((l + nl - (int) (p % MAX (nl, 1))) % MAX (nl, 1));
        }
      /* Sorted lazily below: usually the nearest few locations suffice. */
      n_sorted = 0;
      ranks[nl].location = nl;

      for (int k = 0; k < n_ind; k++)
        {
          const DagIndication *ind = DAG_AT (org->indications, DagIndication, ind_of_part[k]);
          const char *product = dag_rules_indication_product (org, ind);
          DagSlotMask days = 0;
          Demand d = { 0 };

          for (int day = 0; day < DAG_N_DAYS; day++)
            if (dag_rules_valid_on (ind, pb->week + day))
              days |= day_slots (day);

          d.part = parts->len;
          d.indication = ind_of_part[k];
          dag_rules_weekly_volume (ind, &d.max, &d.min);
          d.share = dag_rules_share (&org->settings, pb->unit, ind->level);
          d.high = dag_rules_needs_hbo (&org->settings, ind->level);
          d.cand_start = cgroup->len;

          /* Every group the rules allow, its locations nearest first
           * (the moves weigh the nearest first, SCAN_CANDIDATES). */
          if (pb->location < 0 && n_sorted == 0)
            {
              qsort (ranks, nl, sizeof (LocRank), compare_rank);
              n_sorted = nl;
            }
          for (int r = 0; r <= nl; r++)
            {
              int l;

              if (pb->location >= 0)
                {
                  /* One location: its groups are the candidates. */
                  if (r > 0)
                    break;
                  l = pb->location;
                }
              else
                l = ranks[r].location;
              for (int j = loc_start[l]; j < loc_start[l + 1]; j++)
                {
                  int g = loc_groups[j];
                  const DagGroup *gr = DAG_AT (org->groups, DagGroup, g);
                  DagSlotMask mask;

                  if (!dag_rules_group_takes (gr, product) || !dag_rules_group_level_fits (gr, ind->level))
                    continue;
                  mask = pb->group_slots[g] & days & ~part.fixed;
                  if (part.bus && l < nl && out_of_reach (ride, travel, p, l, max_ride))
                    {
                      d.reach_ride |= mask;
                      continue;
                    }
                  if (n_ind > 1)
                    {
                      /* Sessions fall under the first valid indication of a
                       * product the group takes (dag-schedule); plan this
                       * one only where that is this indication. */
                      for (int day = 0; day < DAG_N_DAYS; day++)
                        if ((mask & day_slots (day)) &&
                            dag_schedule_indication_for (schedule, p, g, pb->week + day) != d.indication)
                          mask &= ~day_slots (day);
                    }
                  d.reach_all |= mask;
                  mask &= ~pa->unavailable;
                  d.reach |= mask;
                  if (mask == 0)
                    continue;
                  g_array_append_val (cgroup, g);
                  g_array_append_val (cmask, mask);
                }
            }
          /* A re-plan can keep an existing group (one without a location,
           * say, is not among the above). */
          for (int s = 0; pb->keep && s < DAG_N_SLOTS; s++)
            {
              int g = old_group[p * DAG_N_SLOTS + s];
              const DagGroup *gr;
              DagSlotMask mask;
              gboolean known = FALSE;

              if (g < 0)
                continue;
              for (guint j = d.cand_start; j < cgroup->len; j++)
                known |= g_array_index (cgroup, int, j) == g;
              gr = DAG_AT (org->groups, DagGroup, g);
              if (known || !dag_rules_group_takes (gr, product) ||
                  !dag_rules_group_level_fits (gr, ind->level))
                continue;
              mask = pb->group_slots[g] & days & ~part.fixed;
              if (part.bus && gr->location >= 0 && gr->location < nl &&
                  out_of_reach (ride, travel, p, gr->location, max_ride))
                continue;
              for (int day = 0; n_ind > 1 && day < DAG_N_DAYS; day++)
                if ((mask & day_slots (day)) &&
                    dag_schedule_indication_for (schedule, p, g, pb->week + day) != d.indication)
                  mask &= ~day_slots (day);
              d.reach_all |= mask;
              mask &= ~pa->unavailable;
              d.reach |= mask;
              if (mask == 0)
                continue;
              g_array_append_val (cgroup, g);
              g_array_append_val (cmask, mask);
            }
          d.cand_end = cgroup->len;
          g_array_append_val (demands, d);
        }
      part.d_end = demands->len;
      /* The dagdelen planned at other locations count against the
       * indication they fall under. */
      for (int s = 0; fixed_group != NULL && s < DAG_N_SLOTS; s++)
        {
          int g = fixed_group[p * DAG_N_SLOTS + s];
          int ind;

          if (g < 0)
            continue;
          ind = dag_schedule_indication_for (schedule, p, g, pb->week + DAG_SLOT_DAY (s));
          for (guint k = part.d_start; k < demands->len; k++)
            {
              Demand *dm = &g_array_index (demands, Demand, k);
              if (dm->indication == ind && dm->max > 0)
                {
                  dm->max--;
                  dm->min = MIN (dm->min, dm->max);
                  dm->fixed++;
                  break;
                }
            }
        }
      pb->part_of_participant[p] = parts->len;
      g_array_append_val (parts, part);
    }

  pb->n_parts = parts->len;
  pb->parts = (Part *) g_array_free (parts, FALSE);
  pb->n_demands = demands->len;
  pb->demands = (Demand *) g_array_free (demands, FALSE);
  pb->n_cands = cgroup->len;
  pb->cand_group = (int *) g_array_free (cgroup, FALSE);
  pb->cand_mask = (DagSlotMask *) g_array_free (cmask, FALSE);

  /* The existing plan, as far as it concerns planned participants. */
  for (guint e = 0; e < org->plan->len; e++)
    {
      const DagPlanEntry *pe = DAG_AT (org->plan, DagPlanEntry, e);
      int pi;
      if (pe->participant < 0 || (guint) pe->participant >= np || pe->slot < 0 ||
          pe->slot >= DAG_N_SLOTS || pe->group < 0 || pe->group >= ng ||
          (pb->location >= 0 && pb->group_location[pe->group] != pb->location))
        continue;
      pi = pb->part_of_participant[pe->participant];
      if (pi >= 0 && pb->parts[pi].old_at[pe->slot] < 0)
        pb->parts[pi].old_at[pe->slot] = pe->group;
    }

  pb->gs_count = g_new0 (int, ng * DAG_N_SLOTS + 1);
  pb->gs_load = g_new0 (guint, ng * DAG_N_SLOTS + 1);
  pb->gs_high = g_new0 (int, ng * DAG_N_SLOTS + 1);
  pb->gs_off = g_new0 (int, ng * DAG_N_SLOTS + 1);
  {
    int off = 0;
    for (int g = 0; g < ng; g++)
      for (int s = 0; s < DAG_N_SLOTS; s++)
        {
          pb->gs_off[g * DAG_N_SLOTS + s] = off;
          if (pb->group_slots[g] & DAG_SLOT_BIT (s))
            off += pb->group_capacity[g];
        }
    pb->gs_members = g_new (int, off + 1);
  }
  pb->gs_need = g_new0 (int, 3 * ng * DAG_N_SLOTS + 1);
  pb->log = g_array_new (FALSE, FALSE, sizeof (int) * 5);

  /* The staff: in a plan of one location, who works at another is busy
   * then, and those dagdelen count in the contract. */
  {
    int ns = org->staff->len;
    int *busy = pb->staff_busy = g_new0 (int, ns + 1);
    int *used = pb->staff_used = g_new0 (int, ns + 1);

    for (guint e = 0; pb->location >= 0 && e < org->staffing->len; e++)
      {
        const DagStaffing *st = DAG_AT (org->staffing, DagStaffing, e);

        if (st->staff < 0 || st->staff >= ns || st->group < 0 || st->group >= ng ||
            st->slot < 0 || st->slot >= DAG_N_SLOTS || pb->group_location[st->group] == pb->location ||
            (busy[st->staff] & DAG_SLOT_BIT (st->slot)))
          continue;
        busy[st->staff] |= DAG_SLOT_BIT (st->slot);
        used[st->staff]++;
      }
    pb->pool = dag_staff_pool_new (org, busy, used);
  }

  /* When the staff may not cover everyone (the care load with a margin
   * for the rounding up per group slot and the duo and HBO rules exceeds
   * their contracts), a staff position weighs more than the secondary
   * goals, and a group slot best keeps to one kind of participant: those
   * who need an HBO present, or those who do not (HBO staff are few).
   * Measured on scarce demo weeks against CBC's optimum. */
  {
    guint64 load = 0;

    for (int d = 0; d < pb->n_demands; d++)
      load += (guint64) pb->demands[d].max * pb->demands[d].share;
    if (load * 5 / 4 > (guint64) dag_staff_pool_capacity (pb->pool) * pb->unit)
      {
        pb->w_staff = W_STAFF_SCARCE;
        pb->w_mix = W_MIX_SCARCE;
      }
    else
      {
        pb->w_staff = W_STAFF;
        pb->w_mix = 0;
      }
  }
  return pb;
}

void
dag_problem_free (Problem *pb)
{
  if (pb == NULL)
    return;
  dag_staff_pool_free (pb->pool);
  g_free (pb->gs_need);
  g_free (pb->staff_busy);
  g_free (pb->staff_used);
  g_array_unref (pb->log);
  g_free (pb->group_location);
  g_free (pb->lone_slot);
  g_free (pb->group_capacity);
  g_free (pb->group_slots);
  g_free (pb->parts);
  g_free (pb->part_of_participant);
  g_free (pb->demands);
  g_free (pb->cand_group);
  g_free (pb->cand_mask);
  g_free (pb->gs_count);
  g_free (pb->gs_load);
  g_free (pb->gs_high);
  g_free (pb->gs_off);
  g_free (pb->gs_members);
  g_rand_free (pb->rand);
  g_free (pb);
}
