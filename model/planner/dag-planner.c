/* dag-planner.c — the participant planner (construction, then local search
 * with delta evaluation), its cooperation with the staff planner, the
 * change set, and the synchronous and GTask APIs. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "dag-planner-private.h"
#include "dag-schedule.h"
#include "dag-store-plan.h"

G_DEFINE_QUARK (dag-planner-error-quark, dag_planner_error)

typedef struct {
  Problem            *pb;
  GCancellable       *cancellable;
  DagPlannerProgress  progress;
  gpointer            progress_data;
  gint64              deadline;      /* monotonic µs, 0 = none */
  guint               iterations;
  gboolean            stopped;       /* cancelled or out of time */
  double              fraction;      /* progress reported so far */
} Search;

void
dag_planner_options_init (DagPlannerOptions *options)
{
  memset (options, 0, sizeof *options);
  options->week = DAG_DATE_NONE;
  options->seed = 1;
  options->location = -1;
}

const char *
dag_wait_reason_name (DagWaitReason reason)
{
  switch (reason)
    {
    case DAG_WAIT_NO_CAPACITY: return _("no capacity");
    case DAG_WAIT_NO_GROUP: return _("no matching group (product or level)");
    case DAG_WAIT_NO_STAFF: return _("no staff");
    case DAG_WAIT_UNAVAILABLE: return _("participant unavailable");
    case DAG_WAIT_OUT_OF_REACH: return _("no matching group within the ride-time limit");
    case DAG_N_WAIT_REASONS:
    default: return "";
    }
}

const char *
dag_change_why_text (DagChangeWhy why)
{
  switch (why)
    {
    case DAG_CHANGE_WHY_WAITING:
      return _("From the waiting list: the indication allows more dagdelen than were planned");
    case DAG_CHANGE_WHY_NO_INDICATION:
      return _("No valid indication covers the old dagdeel in this group");
    case DAG_CHANGE_WHY_UNAVAILABLE:
      return _("The participant is not available on the old dagdeel");
    case DAG_CHANGE_WHY_GROUP:
      return _("The old group no longer runs then, or no longer fits the indication");
    case DAG_CHANGE_WHY_VOLUME:
      return _("More dagdelen were planned than the indication allows");
    case DAG_CHANGE_WHY_PREFERRED:
      return _("To a day the participant prefers");
    case DAG_CHANGE_WHY_NO_STAFF:
      return _("The group cannot be staffed on that dagdeel");
    case DAG_CHANGE_WHY_BETTER:
      return _("Makes room: with it the plan places more dagdelen, or staffs or transports them better");
    case DAG_N_CHANGE_WHYS:
    default:
      return "";
    }
}

/* ---- state changes ------------------------------------------------------- */

static inline int
gs_index (int group, int slot)
{
  return group * DAG_N_SLOTS + slot;
}

static void
assign (Problem *pb, int pi, int d, int g, int s)
{
  Part *p = &pb->parts[pi];
  Demand *dm = &pb->demands[d];
  int gs = gs_index (g, s);

  g_assert (p->group_at[s] < 0);
  g_assert (pb->gs_count[gs] < pb->group_capacity[g]);
  p->group_at[s] = g;
  p->demand_at[s] = d;
  p->used |= DAG_SLOT_BIT (s);
  dm->placed++;
  pb->gs_members[pb->gs_off[gs] + pb->gs_count[gs]] = pi;
  pb->gs_count[gs]++;
  pb->gs_load[gs] += dm->share;
  pb->gs_high[gs] += dm->high;
}

static void
unassign (Problem *pb, int pi, int s)
{
  Part *p = &pb->parts[pi];
  int g = p->group_at[s];
  Demand *dm = &pb->demands[p->demand_at[s]];
  int gs = gs_index (g, s);
  int *members = pb->gs_members + pb->gs_off[gs];

  for (int k = 0; k < pb->gs_count[gs]; k++)
    if (members[k] == pi)
      {
        members[k] = members[pb->gs_count[gs] - 1];
        break;
      }
  pb->gs_count[gs]--;
  pb->gs_load[gs] -= dm->share;
  pb->gs_high[gs] -= dm->high;
  dm->placed--;
  p->group_at[s] = -1;
  p->demand_at[s] = -1;
  p->used &= ~DAG_SLOT_BIT (s);
}

/* ---- objective ----------------------------------------------------------- */

/* The participant's own part of the objective (everything but balance). */
static gint64
part_score (const Problem *pb, const Part *p)
{
  gint64 score = 0;
  int groups[DAG_N_SLOTS];
  int n_groups = 0;

  for (int s = 0; s < DAG_N_SLOTS; s++)
    {
      int g = p->group_at[s];
      gboolean seen = FALSE;

      if (g < 0)
        continue;
      score += W_PLACED;
      if (pb->keep && p->old_at[s] == g)
        score += W_KEEP;
      if (p->preferred & (1u << DAG_SLOT_DAY (s)))
        score += W_PREF;
      for (int k = 0; k < n_groups; k++)
        seen |= groups[k] == g;
      if (!seen)
        groups[n_groups++] = g;
    }
  if (n_groups > 1)
    score -= (gint64) W_GROUP * (n_groups - 1);
  if (p->bus)
    for (int day = 0; day < DAG_N_DAYS; day++)
      {
        int am = p->group_at[DAG_SLOT (day, DAG_PART_AM)];
        int pm = p->group_at[DAG_SLOT (day, DAG_PART_PM)];

        if ((am >= 0) != (pm >= 0) ||
            (am >= 0 && pb->group_location[am] != pb->group_location[pm]))
          score -= W_HALF;
        if ((am >= 0) != (pm >= 0))
          {
            int l = pb->group_location[am >= 0 ? am : pm];
            int s = DAG_SLOT (day, am >= 0 ? DAG_PART_AM : DAG_PART_PM);
            if (l >= 0 && pb->lone_slot[l] == s)
              score += W_LONE;
          }
      }
  return score;
}

/* Balance: minus the sum of squared group slot sizes. */
static inline gint64
add_cost (const Problem *pb, int gs)
{
  return -(gint64) W_BALANCE * (2 * pb->gs_count[gs] + 1);
}

static inline gint64
remove_gain (const Problem *pb, int gs)
{
  return (gint64) W_BALANCE * (2 * pb->gs_count[gs] - 1);
}

gint64
dag_problem_objective (Problem *pb)
{
  gint64 total = 0;

  for (int i = 0; i < pb->n_parts; i++)
    total += part_score (pb, &pb->parts[i]);
  for (int gs = 0; gs < pb->n_groups * DAG_N_SLOTS; gs++)
    total -= (gint64) W_BALANCE * pb->gs_count[gs] * pb->gs_count[gs];
  return total;
}

/* Whether group slot gs can take one more participant with that demand. */
static gboolean
can_take (const Problem *pb, int gs, int g, const Demand *dm)
{
  DagStaffNeed need;

  if (pb->gs_count[gs] >= pb->group_capacity[g])
    return FALSE;
  if (!pb->staff_fixed)
    return TRUE;
  dag_rules_staff_need (pb->unit, pb->gs_load[gs] + dm->share, pb->gs_count[gs] + 1,
                        pb->gs_high[gs] + dm->high > 0, &need);
  return dag_rules_staff_covers (&need, pb->gs_hbo[gs], pb->gs_mbo[gs]);
}

/* ---- search control ------------------------------------------------------ */

static gboolean
should_stop (Search *se)
{
  if (se->stopped)
    return TRUE;
  if ((++se->iterations & 63) != 0)
    return FALSE;
  if (g_cancellable_is_cancelled (se->cancellable))
    se->stopped = TRUE;
  else if (se->deadline != 0 && g_get_monotonic_time () > se->deadline)
    se->stopped = TRUE;
  return se->stopped;
}

static void
report (Search *se, double fraction)
{
  /* Phases run more than once; progress never goes back. */
  se->fraction = MAX (se->fraction, fraction);
  if (se->progress)
    se->progress (se->fraction, se->progress_data);
}

/* ---- moves --------------------------------------------------------------- */

/* The best free (group, slot) for one more dagdeel of demand d; FALSE when
 * none.  delta receives the change of the objective. */
static gboolean
best_insert (Problem *pb, int d, int *best_g, int *best_s, gint64 *delta)
{
  Demand *dm = &pb->demands[d];
  Part *p = &pb->parts[dm->part];
  gint64 base = part_score (pb, p), best = G_MININT64;

  if (dm->placed >= dm->max)
    return FALSE;
  for (int c = dm->cand_start; c < dm->cand_end; c++)
    {
      int g = pb->cand_group[c];
      DagSlotMask mask = pb->cand_mask[c] & ~p->used;

      while (mask)
        {
          int s = __builtin_ctz (mask);
          int gs = gs_index (g, s);
          gint64 v;

          mask &= mask - 1;
          if (!can_take (pb, gs, g, dm))
            continue;
          p->group_at[s] = g;
          v = part_score (pb, p) - base + add_cost (pb, gs);
          p->group_at[s] = -1;
          if (v > best)
            {
              best = v;
              *best_g = g;
              *best_s = s;
            }
        }
    }
  *delta = best;
  return best != G_MININT64;
}

/* Places one more dagdeel of d by moving one participant out of a full
 * group slot to any other place it may have.  Only when that gains. */
static gboolean
eject_insert (Problem *pb, int d)
{
  Demand *dm = &pb->demands[d];
  int pi = dm->part;
  Part *p = &pb->parts[pi];
  gint64 best = 0;
  int bg = -1, bs = -1, bq = -1, bg2 = -1, bs2 = -1;
  gint64 base_p = part_score (pb, p);

  for (int c = dm->cand_start; c < dm->cand_end; c++)
    {
      int g = pb->cand_group[c];
      DagSlotMask mask = pb->cand_mask[c] & ~p->used;

      while (mask)
        {
          int s = __builtin_ctz (mask);
          int gs = gs_index (g, s);
          const int *members = pb->gs_members + pb->gs_off[gs];
          gint64 gain_p;

          mask &= mask - 1;
          if (pb->gs_count[gs] < pb->group_capacity[g] || pb->staff_fixed)
            continue;
          p->group_at[s] = g;
          gain_p = part_score (pb, p) - base_p;
          p->group_at[s] = -1;
          if (gain_p <= best)
            continue;

          for (int k = 0; k < pb->gs_count[gs]; k++)
            {
              int qi = members[k];
              Part *q = &pb->parts[qi];
              Demand *dq = &pb->demands[q->demand_at[s]];
              gint64 base_q = part_score (pb, q);

              for (int c2 = dq->cand_start; c2 < dq->cand_end; c2++)
                {
                  int g2 = pb->cand_group[c2];
                  DagSlotMask m2 = pb->cand_mask[c2] & ~(q->used & ~DAG_SLOT_BIT (s));

                  /* Anywhere but where it was. */
                  if (g2 == g)
                    m2 &= ~DAG_SLOT_BIT (s);
                  while (m2)
                    {
                      int s2 = __builtin_ctz (m2);
                      int gs2 = gs_index (g2, s2);
                      gint64 v;

                      m2 &= m2 - 1;
                      if (pb->gs_count[gs2] >= pb->group_capacity[g2])
                        continue;
                      q->group_at[s] = -1;
                      q->group_at[s2] = g2;
                      v = gain_p + part_score (pb, q) - base_q + add_cost (pb, gs2);
                      q->group_at[s2] = -1;
                      q->group_at[s] = g;
                      if (v > best)
                        {
                          best = v;
                          bg = g; bs = s; bq = qi; bg2 = g2; bs2 = s2;
                        }
                    }
                }
            }
        }
    }
  if (bq < 0)
    return FALSE;
  {
    int dq = pb->parts[bq].demand_at[bs];
    unassign (pb, bq, bs);
    assign (pb, pi, d, bg, bs);
    assign (pb, bq, dq, bg2, bs2);
  }
  return TRUE;
}

/* Moves one dagdeel of participant pi to a better (group, slot). */
static gboolean
improve_entry (Problem *pb, int pi, int s)
{
  Part *p = &pb->parts[pi];
  int g = p->group_at[s];
  int d = p->demand_at[s];
  Demand *dm = &pb->demands[d];
  int gs = gs_index (g, s);
  gint64 base = part_score (pb, p), best = 0;
  int bg = -1, bs = -1;

  for (int c = dm->cand_start; c < dm->cand_end; c++)
    {
      int g2 = pb->cand_group[c];
      DagSlotMask mask = pb->cand_mask[c] & (~p->used | DAG_SLOT_BIT (s));

      while (mask)
        {
          int s2 = __builtin_ctz (mask);
          int gs2 = gs_index (g2, s2);
          gint64 v;

          mask &= mask - 1;
          if (gs2 == gs || !can_take (pb, gs2, g2, dm))
            continue;
          p->group_at[s] = -1;
          p->group_at[s2] = g2;
          v = part_score (pb, p) - base + remove_gain (pb, gs) + add_cost (pb, gs2);
          p->group_at[s2] = -1;
          p->group_at[s] = g;
          if (v > best)
            {
              best = v;
              bg = g2;
              bs = s2;
            }
        }
    }
  if (bg < 0)
    return FALSE;
  unassign (pb, pi, s);
  assign (pb, pi, d, bg, bs);
  return TRUE;
}

/* Moves every dagdeel of participant pi it can into group target, on the
 * same dagdeel where the group has room, else on a free dagdeel of the
 * group: one move that joins a participant's week in one group. */
static gboolean
regroup (Problem *pb, int pi, int target)
{
  Part *p = &pb->parts[pi];
  int from[DAG_N_SLOTS], to[DAG_N_SLOTS], n = 0;
  gint64 base = part_score (pb, p), delta = 0;
  int save[DAG_N_SLOTS];
  DagSlotMask used = p->used;

  memcpy (save, p->group_at, sizeof save);
  for (int s = 0; s < DAG_N_SLOTS; s++)
    {
      int g = save[s];
      const Demand *dm;
      DagSlotMask mask = 0;
      int s2 = -1;

      if (g < 0 || g == target)
        continue;
      dm = &pb->demands[p->demand_at[s]];
      for (int c = dm->cand_start; c < dm->cand_end; c++)
        if (pb->cand_group[c] == target)
          mask = pb->cand_mask[c];
      if ((mask & DAG_SLOT_BIT (s)) && can_take (pb, gs_index (target, s), target, dm))
        s2 = s;
      else
        for (DagSlotMask m = mask & ~used; m && s2 < 0; m &= m - 1)
          if (can_take (pb, gs_index (target, __builtin_ctz (m)), target, dm))
            s2 = __builtin_ctz (m);
      if (s2 < 0)
        continue;
      delta += remove_gain (pb, gs_index (g, s)) + add_cost (pb, gs_index (target, s2));
      p->group_at[s] = -1;
      p->group_at[s2] = target;
      used = (used & ~DAG_SLOT_BIT (s)) | DAG_SLOT_BIT (s2);
      from[n] = s;
      to[n++] = s2;
    }
  if (n == 0)
    return FALSE;
  delta += part_score (pb, p) - base;
  memcpy (p->group_at, save, sizeof save);
  if (delta <= 0)
    return FALSE;
  {
    int demand[DAG_N_SLOTS];
    for (int k = 0; k < n; k++)
      {
        demand[k] = p->demand_at[from[k]];
        unassign (pb, pi, from[k]);
      }
    for (int k = 0; k < n; k++)
      assign (pb, pi, demand[k], target, to[k]);
  }
  return TRUE;
}

/* Whether demand d may be placed in group g on slot s. */
static gboolean
allowed (const Problem *pb, const Demand *dm, int g, int s)
{
  for (int c = dm->cand_start; c < dm->cand_end; c++)
    if (pb->cand_group[c] == g)
      return (pb->cand_mask[c] & DAG_SLOT_BIT (s)) != 0;
  return FALSE;
}

/* Exchanges participant pi's place in its group on slot s with someone in
 * group target on the same slot, when target is full: sizes stay the same,
 * so only the two participants' own objectives change. */
static gboolean
swap_entry (Problem *pb, int pi, int s, int target)
{
  Part *p = &pb->parts[pi];
  int g = p->group_at[s];
  int gs_t = gs_index (target, s);
  const int *members = pb->gs_members + pb->gs_off[gs_t];
  gint64 base_p, gain_p;

  if (g == target || !allowed (pb, &pb->demands[p->demand_at[s]], target, s))
    return FALSE;
  base_p = part_score (pb, p);
  p->group_at[s] = target;
  gain_p = part_score (pb, p) - base_p;
  p->group_at[s] = g;
  if (gain_p <= 0)
    return FALSE;
  for (int k = 0; k < pb->gs_count[gs_t]; k++)
    {
      int qi = members[k];
      Part *q = &pb->parts[qi];
      gint64 base_q;

      if (qi == pi || !allowed (pb, &pb->demands[q->demand_at[s]], g, s))
        continue;
      base_q = part_score (pb, q);
      q->group_at[s] = g;
      if (gain_p + part_score (pb, q) - base_q > 0)
        {
          int dp = p->demand_at[s], dq = q->demand_at[s];
          q->group_at[s] = target;
          unassign (pb, pi, s);
          unassign (pb, qi, s);
          assign (pb, pi, dp, target, s);
          assign (pb, qi, dq, g, s);
          return TRUE;
        }
      q->group_at[s] = target;
    }
  return FALSE;
}

/* Objective 5 for a transported participant pi: moves the dagdeel of one
 * lone day (a day with one dagdeel only) to the free other half of another
 * lone day, into a group at that day's location.  When that group slot is
 * full, one of its members takes the place pi leaves in exchange, so no
 * group slot changes size.  Single-dagdeel moves rarely find this, because
 * the other half of the day is usually full. */
static gboolean
pair_day (Problem *pb, int pi)
{
  Part *p = &pb->parts[pi];
  int lone[DAG_N_DAYS], n_lone = 0;
  gint64 base, best = 0;
  int bb = -1, bt = -1, bg = -1, bq = -1;

  for (int day = 0; day < DAG_N_DAYS; day++)
    if ((p->group_at[DAG_SLOT (day, DAG_PART_AM)] >= 0) != (p->group_at[DAG_SLOT (day, DAG_PART_PM)] >= 0))
      lone[n_lone++] = day;
  if (n_lone < 2)
    return FALSE;
  base = part_score (pb, p);
  for (int i = 0; i < n_lone; i++)
    for (int j = 0; j < n_lone; j++)
      {
        int a = DAG_SLOT (lone[i], DAG_PART_AM), t = DAG_SLOT (lone[i], DAG_PART_PM);
        int b = DAG_SLOT (lone[j], DAG_PART_AM);
        int gb, loc;
        const Demand *dm;

        if (i == j)
          continue;
        if (p->group_at[a] < 0)
          {
            int swap = a;
            a = t;
            t = swap;
          }
        if (p->group_at[b] < 0)
          b = DAG_SLOT (lone[j], DAG_PART_PM);
        loc = pb->group_location[p->group_at[a]];
        gb = p->group_at[b];
        dm = &pb->demands[p->demand_at[b]];
        for (int c = dm->cand_start; c < dm->cand_end; c++)
          {
            int g2 = pb->cand_group[c];
            int gs2 = gs_index (g2, t), gsb = gs_index (gb, b);
            const int *members = pb->gs_members + pb->gs_off[gs2];
            gint64 gain_p;

            if (pb->group_location[g2] != loc || !(pb->cand_mask[c] & DAG_SLOT_BIT (t)))
              continue;
            p->group_at[b] = -1;
            p->group_at[t] = g2;
            gain_p = part_score (pb, p) - base;
            p->group_at[t] = -1;
            p->group_at[b] = gb;
            if (gain_p <= best)
              continue;
            if (can_take (pb, gs2, g2, dm))
              {
                gint64 v = gain_p + remove_gain (pb, gsb) + add_cost (pb, gs2);
                if (v > best)
                  {
                    best = v;
                    bb = b; bt = t; bg = g2; bq = -1;
                  }
                continue;
              }
            if (pb->staff_fixed)
              continue;
            for (int k = 0; k < pb->gs_count[gs2]; k++)
              {
                int qi = members[k];
                Part *q = &pb->parts[qi];
                gint64 base_q, v;

                if (qi == pi || (q->used & DAG_SLOT_BIT (b)) ||
                    !allowed (pb, &pb->demands[q->demand_at[t]], gb, b))
                  continue;
                base_q = part_score (pb, q);
                q->group_at[t] = -1;
                q->group_at[b] = gb;
                v = gain_p + part_score (pb, q) - base_q;
                q->group_at[b] = -1;
                q->group_at[t] = g2;
                if (v > best)
                  {
                    best = v;
                    bb = b; bt = t; bg = g2; bq = qi;
                  }
              }
          }
      }
  if (bb < 0)
    return FALSE;
  {
    int gb = p->group_at[bb], dp = p->demand_at[bb];

    unassign (pb, pi, bb);
    if (bq >= 0)
      {
        int dq = pb->parts[bq].demand_at[bt];
        unassign (pb, bq, bt);
        assign (pb, bq, dq, gb, bb);
      }
    assign (pb, pi, dp, bg, bt);
  }
  return TRUE;
}

/* ---- staff after the staff planner ------------------------------------- */

/* The staffing as it stands, so a dagdeel can still be placed where one more
 * free staff member makes the group slot coverable. */
typedef struct {
  GArray      *staffing;
  int         *remaining;
  DagSlotMask *used;
  GArray      *free[DAG_N_SLOTS][2];   /* per slot: free HBO, free MBO */
} StaffState;

enum { WANT_HBO, WANT_MBO, WANT_ANY };

static void
staff_state_init (StaffState *ss, Problem *pb, GArray *staffing)
{
  const DagOrg *org = pb->org;
  int ns = org->staff->len;

  ss->staffing = staffing;
  ss->remaining = g_new (int, ns + 1);
  ss->used = g_new0 (DagSlotMask, ns + 1);
  for (int s = 0; s < ns; s++)
    ss->remaining[s] = dag_rules_staff_max_slots (&org->settings, DAG_AT (org->staff, DagStaff, s));
  for (guint e = 0; e < staffing->len; e++)
    {
      const DagStaffing *st = DAG_AT (staffing, DagStaffing, e);
      ss->remaining[st->staff]--;
      ss->used[st->staff] |= DAG_SLOT_BIT (st->slot);
    }
  for (int slot = 0; slot < DAG_N_SLOTS; slot++)
    for (int q = 0; q < 2; q++)
      ss->free[slot][q] = g_array_new (FALSE, FALSE, sizeof (int));
  for (int s = 0; s < ns; s++)
    {
      const DagStaff *staff = DAG_AT (org->staff, DagStaff, s);
      if (staff->qualification == DAG_QUAL_VOLUNTEER || ss->remaining[s] <= 0)
        continue;
      for (int slot = 0; slot < DAG_N_SLOTS; slot++)
        if ((staff->available & DAG_SLOT_BIT (slot)) && !(ss->used[s] & DAG_SLOT_BIT (slot)))
          g_array_append_val (ss->free[slot][staff->qualification == DAG_QUAL_HBO ? 0 : 1], s);
    }
}

static void
staff_state_clear (StaffState *ss)
{
  g_free (ss->remaining);
  g_free (ss->used);
  for (int slot = 0; slot < DAG_N_SLOTS; slot++)
    for (int q = 0; q < 2; q++)
      g_array_unref (ss->free[slot][q]);
}

/* A free staff member of that qualification on slot, not among skip. */
static int
free_staff (StaffState *ss, int slot, int qual, const int *skip, int n_skip)
{
  GArray *list = ss->free[slot][qual];

  for (guint k = 0; k < list->len;)
    {
      int s = g_array_index (list, int, k);
      gboolean skipped = FALSE;

      if (ss->remaining[s] <= 0 || (ss->used[s] & DAG_SLOT_BIT (slot)))
        {
          g_array_remove_index_fast (list, k);
          continue;
        }
      for (int j = 0; j < n_skip; j++)
        skipped |= skip[j] == s;
      if (!skipped)
        return s;
      k++;
    }
  return -1;
}

/* The staff to add so group slot (g, slot) covers its participants plus
 * one of demand dm (NULL: as they are); their number, or -1 when the free
 * staff cannot do it. */
static int
extra_staff (Problem *pb, StaffState *ss, int g, int slot, const Demand *dm, int *out)
{
  int gs = gs_index (g, slot);
  int h = pb->gs_hbo[gs], m = pb->gs_mbo[gs], n = 0;
  DagStaffNeed need;

  dag_rules_staff_need (pb->unit, pb->gs_load[gs] + (dm ? dm->share : 0),
                        pb->gs_count[gs] + (dm ? 1 : 0),
                        pb->gs_high[gs] + (dm ? dm->high : 0) > 0, &need);
  while (!dag_rules_staff_covers (&need, h, m))
    {
      int s = -1;

      if (n >= 4)
        return -1;
      if (h < need.hbo)
        s = free_staff (ss, slot, 0, out, n);
      else if (m < need.mbo)
        s = free_staff (ss, slot, 1, out, n);
      else
        {
          s = free_staff (ss, slot, 1, out, n);
          if (s < 0)
            s = free_staff (ss, slot, 0, out, n);
        }
      if (s < 0)
        return -1;
      out[n++] = s;
      if (DAG_AT (pb->org->staff, DagStaff, s)->qualification == DAG_QUAL_HBO)
        h++;
      else
        m++;
    }
  return n;
}

static void
add_staff (Problem *pb, StaffState *ss, int g, int slot, const int *staff, int n)
{
  for (int k = 0; k < n; k++)
    {
      DagStaffing e = { staff[k], g, slot };
      g_array_append_val (ss->staffing, e);
      ss->remaining[staff[k]]--;
      ss->used[staff[k]] |= DAG_SLOT_BIT (slot);
      if (DAG_AT (pb->org->staff, DagStaff, staff[k])->qualification == DAG_QUAL_HBO)
        pb->gs_hbo[gs_index (g, slot)]++;
      else
        pb->gs_mbo[gs_index (g, slot)]++;
    }
}

/* Places one more dagdeel of d where the staff cover it, adding free staff
 * where that makes the difference (each extra staff member counts against
 * the gain a little, so existing staff are used first). */
static gboolean
insert_with_staff (Problem *pb, StaffState *ss, int d)
{
  Demand *dm = &pb->demands[d];
  Part *p = &pb->parts[dm->part];
  gint64 base = part_score (pb, p), best = G_MININT64;
  int bg = -1, bs = -1, bn = 0, bstaff[4], staff[4];

  if (dm->placed >= dm->max)
    return FALSE;
  for (int c = dm->cand_start; c < dm->cand_end; c++)
    {
      int g = pb->cand_group[c];
      DagSlotMask mask = pb->cand_mask[c] & ~p->used;

      while (mask)
        {
          int s = __builtin_ctz (mask);
          int gs = gs_index (g, s);
          int n;
          gint64 v;

          mask &= mask - 1;
          if (pb->gs_count[gs] >= pb->group_capacity[g])
            continue;
          n = extra_staff (pb, ss, g, s, dm, staff);
          if (n < 0)
            continue;
          p->group_at[s] = g;
          v = part_score (pb, p) - base + add_cost (pb, gs) - (gint64) W_BALANCE * 20 * n;
          p->group_at[s] = -1;
          if (v > best)
            {
              best = v;
              bg = g;
              bs = s;
              bn = n;
              memcpy (bstaff, staff, sizeof staff);
            }
        }
    }
  if (bg < 0)
    return FALSE;
  add_staff (pb, ss, bg, bs, bstaff, bn);
  assign (pb, dm->part, d, bg, bs);
  return TRUE;
}

/* ---- phases -------------------------------------------------------------- */

static void
shuffle (GRand *rand, int *a, int n)
{
  for (int i = n - 1; i > 0; i--)
    {
      int j = g_rand_int_range (rand, 0, i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
}

/* In a re-plan, first keep every existing entry the rules still allow. */
static void
place_existing (Problem *pb)
{
  for (int pi = 0; pi < pb->n_parts; pi++)
    {
      Part *p = &pb->parts[pi];
      for (int s = 0; s < DAG_N_SLOTS; s++)
        {
          int g = p->old_at[s];
          if (g < 0)
            continue;
          for (int d = p->d_start; d < p->d_end && p->group_at[s] < 0; d++)
            {
              Demand *dm = &pb->demands[d];
              if (dm->placed >= dm->max)
                continue;
              for (int c = dm->cand_start; c < dm->cand_end; c++)
                if (pb->cand_group[c] == g && (pb->cand_mask[c] & DAG_SLOT_BIT (s)) &&
                    can_take (pb, gs_index (g, s), g, dm))
                  {
                    assign (pb, pi, d, g, s);
                    break;
                  }
            }
        }
    }
}

typedef struct {
  int   part;
  guint key;
} Order;

static int
compare_order (gconstpointer a, gconstpointer b)
{
  const Order *oa = a, *ob = b;
  if (oa->key != ob->key)
    return oa->key < ob->key ? -1 : 1;
  return oa->part - ob->part;
}

/* Greedy construction: the participants with the fewest options first, each
 * dagdeel where the objective gains most. */
static void
construct (Search *se)
{
  Problem *pb = se->pb;
  g_autofree Order *order = g_new (Order, pb->n_parts + 1);

  for (int pi = 0; pi < pb->n_parts; pi++)
    {
      Part *p = &pb->parts[pi];
      guint options = 0, units = 0;

      for (int d = p->d_start; d < p->d_end; d++)
        {
          Demand *dm = &pb->demands[d];
          for (int c = dm->cand_start; c < dm->cand_end; c++)
            options += __builtin_popcount (pb->cand_mask[c]);
          units += dm->max;
        }
      order[pi].part = pi;
      /* Options per dagdeel, coarse, then a seeded random tie-break. */
      order[pi].key = (MIN (options * 4 / MAX (units, 1), 255u) << 24) |
                      (g_rand_int (pb->rand) & 0xffffff);
    }
  qsort (order, pb->n_parts, sizeof (Order), compare_order);

  for (int k = 0; k < pb->n_parts; k++)
    {
      int pi = order[k].part;
      Part *p = &pb->parts[pi];

      for (int d = p->d_start; d < p->d_end; d++)
        {
          int g, s;
          gint64 delta;
          while (best_insert (pb, d, &g, &s, &delta))
            assign (pb, pi, d, g, s);
        }
      /* Dagdeel by dagdeel, the greedy makes whole the day where a lone
       * dagdeel would gather with others (W_LONE); one pass over the
       * participant's own entries puts that right at once. */
      for (int s = 0; p->bus && s < DAG_N_SLOTS; s++)
        if (p->group_at[s] >= 0)
          improve_entry (pb, pi, s);
      if ((k & 1023) == 0)
        {
          if (should_stop (se))
            return;
          report (se, 0.4 * k / MAX (pb->n_parts, 1));
        }
    }
}

/* Places what is still unplaced, directly or by moving one other. */
static void
fill (Search *se, gboolean eject, StaffState *ss)
{
  Problem *pb = se->pb;
  g_autofree int *order = g_new (int, pb->n_demands + 1);
  int n = 0;

  for (int d = 0; d < pb->n_demands; d++)
    if (pb->demands[d].placed < pb->demands[d].max && pb->demands[d].cand_end > pb->demands[d].cand_start)
      order[n++] = d;
  shuffle (pb->rand, order, n);
  for (int k = 0; k < n && !should_stop (se); k++)
    {
      int d = order[k];
      Demand *dm = &pb->demands[d];

      while (dm->placed < dm->max)
        {
          int g, s;
          gint64 delta;

          if (best_insert (pb, d, &g, &s, &delta))
            assign (pb, dm->part, d, g, s);
          else if (ss != NULL && insert_with_staff (pb, ss, d))
            continue;
          else if (!eject || !eject_insert (pb, d))
            break;
        }
    }
}

/* Local search on the secondary objectives. */
static void
improve (Search *se)
{
  Problem *pb = se->pb;
  g_autofree int *order = g_new (int, pb->n_parts + 1);

  for (int i = 0; i < pb->n_parts; i++)
    order[i] = i;
  for (int pass = 0; pass < 8; pass++)
    {
      guint moves = 0;

      shuffle (pb->rand, order, pb->n_parts);
      for (int k = 0; k < pb->n_parts; k++)
        {
          int pi = order[k];
          Part *p = &pb->parts[pi];
          int groups[DAG_N_SLOTS], n_groups = 0;

          if (should_stop (se))
            return;
          for (int s = 0; s < DAG_N_SLOTS; s++)
            if (p->group_at[s] >= 0)
              {
                gboolean seen = FALSE;
                for (int j = 0; j < n_groups; j++)
                  seen |= groups[j] == p->group_at[s];
                if (!seen)
                  groups[n_groups++] = p->group_at[s];
                moves += improve_entry (pb, pi, s);
              }
          if (p->bus)
            moves += pair_day (pb, pi);
          if (n_groups > 1)
            for (int d = p->d_start; d < p->d_end; d++)
              for (int c = pb->demands[d].cand_start; c < pb->demands[d].cand_end; c++)
                moves += regroup (pb, pi, pb->cand_group[c]);
          for (int s = 0; n_groups > 1 && s < DAG_N_SLOTS; s++)
            for (int j = 0; p->group_at[s] >= 0 && j < n_groups; j++)
              if (pb->gs_count[gs_index (groups[j], s)] >= pb->group_capacity[groups[j]])
                moves += swap_entry (pb, pi, s, groups[j]);
        }
      report (se, 0.4 + 0.4 * (pass + 1) / 8);
      if (moves == 0)
        break;
    }
}

/* Ruin and recreate: takes a participant and two others from one of its
 * group slots out of the plan, places them again greedily in a random
 * order, and keeps the result only when the objective does not get worse.
 * A fixed number of rounds, so a seed gives one result. */
static void
recreate (Search *se)
{
  Problem *pb = se->pb;
  int ngs = pb->n_groups * DAG_N_SLOTS;
  g_autofree int *mark = g_new0 (int, ngs + 1);
  g_autofree int *touched = NULL;
  g_autofree int *before = NULL;
  int rounds = MIN (20 * pb->n_parts, 5000);
  int max_touched = 3 * (DAG_N_SLOTS + MAX_CANDIDATES * DAG_N_SLOTS * 2) + 1;

  touched = g_new (int, max_touched);
  before = g_new (int, max_touched);
  for (int round = 1; round <= rounds && pb->n_parts > 0; round++)
    {
      int set[3], n_set = 0, n_touched = 0;
      int old_g[3][DAG_N_SLOTS], old_d[3][DAG_N_SLOTS];
      gint64 delta = 0;
      int pi = g_rand_int_range (pb->rand, 0, pb->n_parts);
      Part *p = &pb->parts[pi];

      if (should_stop (se))
        return;
      if (p->used == 0)
        continue;
      set[n_set++] = pi;
      {
        /* Two others from one of its group slots. */
        int s = -1, k = g_rand_int_range (pb->rand, 0, __builtin_popcount (p->used));
        for (DagSlotMask m = p->used; m; m &= m - 1)
          if (k-- == 0)
            s = __builtin_ctz (m);
        {
          int gs = gs_index (p->group_at[s], s);
          const int *members = pb->gs_members + pb->gs_off[gs];
          for (int t = 0; t < 2 && pb->gs_count[gs] > 1; t++)
            {
              int qi = members[g_rand_int_range (pb->rand, 0, pb->gs_count[gs])];
              gboolean dup = FALSE;
              for (int j = 0; j < n_set; j++)
                dup |= set[j] == qi;
              if (!dup)
                set[n_set++] = qi;
            }
        }
      }

      /* The group slots this can change, and their sizes now. */
      for (int j = 0; j < n_set; j++)
        {
          Part *q = &pb->parts[set[j]];
          for (int d = q->d_start; d < q->d_end; d++)
            for (int c = pb->demands[d].cand_start; c < pb->demands[d].cand_end; c++)
              for (DagSlotMask m = pb->cand_mask[c]; m; m &= m - 1)
                {
                  int gs = gs_index (pb->cand_group[c], __builtin_ctz (m));
                  if (mark[gs] != round && n_touched < max_touched)
                    {
                      mark[gs] = round;
                      before[n_touched] = pb->gs_count[gs];
                      touched[n_touched++] = gs;
                    }
                }
          delta -= part_score (pb, q);
          memcpy (old_g[j], q->group_at, sizeof old_g[j]);
          memcpy (old_d[j], q->demand_at, sizeof old_d[j]);
        }
      for (int j = 0; j < n_set; j++)
        for (int s = 0; s < DAG_N_SLOTS; s++)
          if (pb->parts[set[j]].group_at[s] >= 0)
            unassign (pb, set[j], s);

      for (int j = n_set - 1; j > 0; j--)
        {
          int r = g_rand_int_range (pb->rand, 0, j + 1);
          int t = set[j];
          int t_g[DAG_N_SLOTS], t_d[DAG_N_SLOTS];
          set[j] = set[r];
          set[r] = t;
          memcpy (t_g, old_g[j], sizeof t_g);
          memcpy (t_d, old_d[j], sizeof t_d);
          memcpy (old_g[j], old_g[r], sizeof t_g);
          memcpy (old_d[j], old_d[r], sizeof t_d);
          memcpy (old_g[r], t_g, sizeof t_g);
          memcpy (old_d[r], t_d, sizeof t_d);
        }
      for (int j = 0; j < n_set; j++)
        {
          Part *q = &pb->parts[set[j]];
          for (int d = q->d_start; d < q->d_end; d++)
            {
              int g, s;
              gint64 v;
              while (best_insert (pb, d, &g, &s, &v))
                assign (pb, set[j], d, g, s);
            }
          delta += part_score (pb, q);
        }
      for (int k = 0; k < n_touched; k++)
        {
          gint64 a = pb->gs_count[touched[k]], b = before[k];
          delta -= (gint64) W_BALANCE * (a * a - b * b);
        }
      if (delta >= 0)
        continue;

      /* Worse: put everything back. */
      for (int j = 0; j < n_set; j++)
        for (int s = 0; s < DAG_N_SLOTS; s++)
          if (pb->parts[set[j]].group_at[s] >= 0)
            unassign (pb, set[j], s);
      for (int j = 0; j < n_set; j++)
        for (int s = 0; s < DAG_N_SLOTS; s++)
          if (old_g[j][s] >= 0)
            assign (pb, set[j], old_d[j][s], old_g[j][s], s);
    }
}

/* Takes participants out of group slots the staff cannot cover, moving
 * them where the assigned staff can take them, else to the waiting list. */
static void
reduce_to_staff (Problem *pb, StaffState *ss)
{
  pb->staff_fixed = TRUE;
  for (int gs = 0; gs < pb->n_groups * DAG_N_SLOTS; gs++)
    {
      int s = gs % DAG_N_SLOTS;
      int extra[4], n;

      /* Free staff the staff planner did not reach may still cover it. */
      if (pb->gs_count[gs] > 0 &&
          (n = extra_staff (pb, ss, gs / DAG_N_SLOTS, s, NULL, extra)) > 0)
        add_staff (pb, ss, gs / DAG_N_SLOTS, s, extra, n);

      for (;;)
        {
          DagStaffNeed need;
          const int *members = pb->gs_members + pb->gs_off[gs];
          int worst = -1;
          guint worst_share = 0;
          gboolean want_high;
          int pi, d, g2, s2;
          gint64 delta;

          if (pb->gs_count[gs] == 0)
            break;
          dag_rules_staff_need (pb->unit, pb->gs_load[gs], pb->gs_count[gs], pb->gs_high[gs] > 0, &need);
          if (dag_rules_staff_covers (&need, pb->gs_hbo[gs], pb->gs_mbo[gs]))
            break;
          /* Without an HBO the participants who need one go first. */
          want_high = pb->gs_high[gs] > 0 && pb->gs_hbo[gs] == 0;
          for (int k = 0; k < pb->gs_count[gs]; k++)
            {
              Part *q = &pb->parts[members[k]];
              Demand *dq = &pb->demands[q->demand_at[s]];
              guint key = dq->share + (want_high && dq->high ? 1000000u : 0);
              if (worst < 0 || key > worst_share ||
                  (key == worst_share && members[k] > worst))
                {
                  worst = members[k];
                  worst_share = key;
                }
            }
          pi = worst;
          d = pb->parts[pi].demand_at[s];
          unassign (pb, pi, s);
          if (best_insert (pb, d, &g2, &s2, &delta))
            assign (pb, pi, d, g2, s2);
          else if (!insert_with_staff (pb, ss, d))
            pb->demands[d].no_staff++;
        }
    }
}

/* ---- result -------------------------------------------------------------- */

static void
add_wait (GArray *waiting, const Problem *pb, const Demand *dm, int units, DagWaitReason reason)
{
  DagWaitEntry w;

  if (units <= 0)
    return;
  w.participant = pb->parts[dm->part].org_index;
  w.indication = dm->indication;
  w.units = units;
  w.reason = reason;
  g_array_append_val (waiting, w);
}

static int
compare_plan (gconstpointer a, gconstpointer b)
{
  const DagPlanEntry *ea = a, *eb = b;
  if (ea->participant != eb->participant)
    return ea->participant - eb->participant;
  return ea->slot - eb->slot;
}

/* Gives each change the reason the facts of the week show: what no longer
 * holds for the old entry, else what the new one gains. */
static void
explain_changes (const Problem *pb, DagPlanResult *r)
{
  const DagOrg *org = pb->org;
  g_autoptr(DagSchedule) schedule = NULL;
  g_autofree int *old_n = NULL;

  if (r->changes->len == 0)
    return;
  schedule = dag_schedule_new (org);
  old_n = g_new0 (int, org->participants->len + 1);
  for (guint e = 0; e < org->plan->len; e++)
    {
      int p = DAG_AT (org->plan, DagPlanEntry, e)->participant;
      if (p >= 0 && (guint) p < org->participants->len)
        old_n[p]++;
    }
  for (guint i = 0; i < r->changes->len; i++)
    {
      DagPlanChange *c = &g_array_index (r->changes, DagPlanChange, i);
      const DagParticipant *pa = DAG_AT (org->participants, DagParticipant, c->participant);
      int pi = pb->part_of_participant[c->participant];
      int allowed = 0, no_staff = 0;

      for (int d = pi >= 0 ? pb->parts[pi].d_start : 0; pi >= 0 && d < pb->parts[pi].d_end; d++)
        {
          allowed += pb->demands[d].max + pb->demands[d].fixed;
          no_staff += pb->demands[d].no_staff;
        }
      if (c->kind == DAG_CHANGE_ADD)
        c->why = DAG_CHANGE_WHY_WAITING;
      else
        {
          const DagGroup *gr = DAG_AT (org->groups, DagGroup, c->from_group);
          DagDate date = pb->week + DAG_SLOT_DAY (c->from_slot);
          int ind = dag_schedule_indication_for (schedule, c->participant, c->from_group, date);

          if (!(gr->slots & DAG_SLOT_BIT (c->from_slot)))
            c->why = DAG_CHANGE_WHY_GROUP;
          else if (ind < 0)
            c->why = DAG_CHANGE_WHY_NO_INDICATION;
          else if (!dag_rules_group_level_fits (gr, DAG_AT (org->indications, DagIndication, ind)->level))
            c->why = DAG_CHANGE_WHY_GROUP;
          else if (pa->unavailable & DAG_SLOT_BIT (c->from_slot))
            c->why = DAG_CHANGE_WHY_UNAVAILABLE;
          else if (old_n[c->participant] > allowed)
            c->why = DAG_CHANGE_WHY_VOLUME;
          else if (c->kind == DAG_CHANGE_MOVE &&
                   (pa->preferred_days & (1u << DAG_SLOT_DAY (c->to_slot))) &&
                   !(pa->preferred_days & (1u << DAG_SLOT_DAY (c->from_slot))))
            c->why = DAG_CHANGE_WHY_PREFERRED;
          else if (c->kind == DAG_CHANGE_REMOVE && no_staff > 0)
            c->why = DAG_CHANGE_WHY_NO_STAFF;
          else
            c->why = DAG_CHANGE_WHY_BETTER;
        }
    }
}

static DagPlanResult *
make_result (Problem *pb, GArray *staffing, guint iterations)
{
  const DagOrg *org = pb->org;
  DagPlanResult *r = g_new0 (DagPlanResult, 1);
  guint np = org->participants->len;
  g_autofree int *old_n = g_new0 (int, np + 1);
  g_autofree int *old_first = g_new (int, np + 1);
  GArray *old_sorted;

  r->week = pb->week;
  r->location = pb->location;
  r->plan = g_array_new (FALSE, FALSE, sizeof (DagPlanEntry));
  r->changes = g_array_new (FALSE, FALSE, sizeof (DagPlanChange));
  r->waiting = g_array_new (FALSE, FALSE, sizeof (DagWaitEntry));
  r->staffing = staffing;
  r->objective = dag_problem_objective (pb);
  r->iterations = iterations;

  for (int pi = 0; pi < pb->n_parts; pi++)
    {
      const Part *p = &pb->parts[pi];
      for (int s = 0; s < DAG_N_SLOTS; s++)
        if (p->group_at[s] >= 0)
          {
            DagPlanEntry e = { p->org_index, p->group_at[s], s };
            g_array_append_val (r->plan, e);
          }
    }
  /* A plan of one location keeps the entries at the others. */
  for (guint e = 0; pb->location >= 0 && e < org->plan->len; e++)
    {
      const DagPlanEntry *pe = DAG_AT (org->plan, DagPlanEntry, e);
      if (pe->group >= 0 && pe->group < pb->n_groups && pb->group_location[pe->group] != pb->location)
        {
          DagPlanEntry kept = { pe->participant, pe->group, pe->slot, DAG_DATE_NONE, DAG_DATE_NONE };
          g_array_append_val (r->plan, kept);
        }
    }
  g_array_sort (r->plan, compare_plan);

  for (int d = 0; d < pb->n_demands; d++)
    {
      const Demand *dm = &pb->demands[d];
      int left = dm->max - dm->placed;
      int short_any = MAX (0, dm->max - __builtin_popcount (dm->reach_all | dm->reach_ride));
      int short_ride = MAX (0, dm->max - __builtin_popcount (dm->reach_all)) - short_any;
      int no_group = MIN (left, short_any);
      int unavailable, no_staff, out_of_reach;

      r->indicated += dm->max + dm->fixed;
      r->placed += dm->placed + dm->fixed;
      left -= no_group;
      out_of_reach = MIN (left, MAX (0, short_ride));
      left -= out_of_reach;
      unavailable = MIN (left, MAX (0, __builtin_popcount (dm->reach_all) - __builtin_popcount (dm->reach)));
      left -= unavailable;
      no_staff = MIN (left, dm->no_staff);
      left -= no_staff;
      add_wait (r->waiting, pb, dm, no_group, DAG_WAIT_NO_GROUP);
      add_wait (r->waiting, pb, dm, out_of_reach, DAG_WAIT_OUT_OF_REACH);
      add_wait (r->waiting, pb, dm, unavailable, DAG_WAIT_UNAVAILABLE);
      add_wait (r->waiting, pb, dm, no_staff, DAG_WAIT_NO_STAFF);
      add_wait (r->waiting, pb, dm, left, DAG_WAIT_NO_CAPACITY);
    }

  /* The change set: per participant, removed and added entries, paired
   * into moves in slot order. */
  old_sorted = g_array_sized_new (FALSE, FALSE, sizeof (DagPlanEntry), org->plan->len);
  g_array_append_vals (old_sorted, org->plan->data, org->plan->len);
  g_array_sort (old_sorted, compare_plan);
  for (guint k = 0; k < np; k++)
    old_first[k] = -1;
  for (guint e = 0; e < old_sorted->len; e++)
    {
      const DagPlanEntry *pe = DAG_AT (old_sorted, DagPlanEntry, e);
      if (pe->participant < 0 || (guint) pe->participant >= np)
        continue;
      if (old_first[pe->participant] < 0)
        old_first[pe->participant] = e;
      old_n[pe->participant]++;
    }
  {
    guint e_new = 0;
    for (guint p = 0; p < np; p++)
      {
        DagPlanEntry removed[64], added[DAG_N_SLOTS];
        int n_removed = 0, n_added = 0, n_old = MIN (old_n[p], 64);
        guint first_new = e_new;

        while (e_new < r->plan->len && (guint) DAG_AT (r->plan, DagPlanEntry, e_new)->participant == p)
          e_new++;
        for (int k = 0; k < n_old; k++)
          {
            const DagPlanEntry *o = DAG_AT (old_sorted, DagPlanEntry, old_first[p] + k);
            gboolean found = FALSE;
            for (guint j = first_new; j < e_new && !found; j++)
              {
                const DagPlanEntry *nw = DAG_AT (r->plan, DagPlanEntry, j);
                found = nw->group == o->group && nw->slot == o->slot;
              }
            if (!found)
              removed[n_removed++] = *o;
          }
        for (guint j = first_new; j < e_new; j++)
          {
            const DagPlanEntry *nw = DAG_AT (r->plan, DagPlanEntry, j);
            gboolean found = FALSE;
            for (int k = 0; k < n_old && !found; k++)
              {
                const DagPlanEntry *o = DAG_AT (old_sorted, DagPlanEntry, old_first[p] + k);
                found = nw->group == o->group && nw->slot == o->slot;
              }
            if (!found)
              added[n_added++] = *nw;
          }
        if (n_removed > 0)
          r->participants_changed++;
        for (int k = 0; k < MAX (n_removed, n_added); k++)
          {
            DagPlanChange c = { DAG_CHANGE_MOVE, p, -1, -1, -1, -1, DAG_CHANGE_WHY_BETTER };
            if (k < n_removed)
              {
                c.from_group = removed[k].group;
                c.from_slot = removed[k].slot;
              }
            else
              c.kind = DAG_CHANGE_ADD;
            if (k < n_added)
              {
                c.to_group = added[k].group;
                c.to_slot = added[k].slot;
              }
            else
              c.kind = DAG_CHANGE_REMOVE;
            g_array_append_val (r->changes, c);
          }
      }
  }
  g_array_unref (old_sorted);
  explain_changes (pb, r);

  /* Staffing changes: entries in one and not the other. */
  {
    g_autoptr(GHashTable) old = g_hash_table_new (g_direct_hash, g_direct_equal);
    guint same = 0;
    for (guint e = 0; e < org->staffing->len; e++)
      {
        const DagStaffing *st = DAG_AT (org->staffing, DagStaffing, e);
        g_hash_table_add (old, GINT_TO_POINTER (((st->staff * 4096 + st->group) * 32 + st->slot) + 1));
      }
    for (guint e = 0; e < staffing->len; e++)
      {
        const DagStaffing *st = DAG_AT (staffing, DagStaffing, e);
        same += g_hash_table_contains (old, GINT_TO_POINTER (((st->staff * 4096 + st->group) * 32 + st->slot) + 1));
      }
    r->staffing_changes = (org->staffing->len - same) + (staffing->len - same);
  }
  return r;
}

void
dag_plan_result_free (DagPlanResult *result)
{
  if (result == NULL)
    return;
  g_clear_pointer (&result->plan, g_array_unref);
  g_clear_pointer (&result->staffing, g_array_unref);
  g_clear_pointer (&result->changes, g_array_unref);
  g_clear_pointer (&result->waiting, g_array_unref);
  g_free (result);
}

static gboolean
at_location (const DagOrg *org, int group, int location)
{
  return location < 0 ||
         (group >= 0 && (guint) group < org->groups->len &&
          DAG_AT (org->groups, DagGroup, group)->location == location);
}

/* dag_dated_replace from week on, for the entries (plan or staffing: the
 * same layout) of one location's groups, or all for location -1; the
 * other locations' dated entries stay as they are, later changes too. */
static void
replace_at_location (const DagOrg *org,
                     GArray       *entries,
                     DagDate       week,
                     int           location,
                     GArray       *week_entries)
{
  g_autoptr(GArray) here = NULL;
  g_autoptr(GArray) week_here = NULL;
  guint kept = 0;

  if (location < 0)
    {
      dag_dated_replace (entries, week, DAG_SCOPE_FROM_WEEK, -1, week_entries);
      return;
    }
  here = g_array_new (FALSE, FALSE, sizeof (DagPlanEntry));
  week_here = g_array_new (FALSE, FALSE, sizeof (DagPlanEntry));
  for (guint i = 0; i < entries->len; i++)
    {
      const DagPlanEntry *e = DAG_AT (entries, DagPlanEntry, i);
      if (at_location (org, e->group, location))
        g_array_append_vals (here, e, 1);
      else
        g_array_index (entries, DagPlanEntry, kept++) = *e;
    }
  g_array_set_size (entries, kept);
  for (guint i = 0; i < week_entries->len; i++)
    {
      const DagPlanEntry *e = DAG_AT (week_entries, DagPlanEntry, i);
      if (at_location (org, e->group, location))
        g_array_append_vals (week_here, e, 1);
    }
  dag_dated_replace (here, week, DAG_SCOPE_FROM_WEEK, -1, week_here);
  g_array_append_vals (entries, here->data, here->len);
}

void
dag_plan_result_apply (const DagPlanResult *result,
                       DagOrg              *org)
{
  dag_plan_result_replace (result, org, org->plan, org->staffing);
}

void
dag_plan_result_replace (const DagPlanResult *result,
                         const DagOrg        *org,
                         GArray              *plan,
                         GArray              *staffing)
{
  /* From the planned week on; the weeks before keep their plan. */
  replace_at_location (org, plan, result->week, result->location, result->plan);
  replace_at_location (org, staffing, result->week, result->location, result->staffing);
}

gboolean
dag_plan_result_save (const DagPlanResult *result,
                      DagStore            *store,
                      DagOrg              *org,
                      GError             **error)
{
  g_autoptr(GArray) old_plan = NULL;
  g_autoptr(GArray) old_staffing = NULL;

  if (!dag_store_check_week_open (org, result->week, dag_date_today (), error))
    return FALSE;
  old_plan = g_array_copy (org->plan);
  old_staffing = g_array_copy (org->staffing);
  dag_plan_result_apply (result, org);
  if (!dag_store_save (store, org, DAG_SECTION_PLAN | DAG_SECTION_STAFFING, "plan", error))
    {
      /* Nothing was saved: leave org as it was, too. */
      g_array_set_size (org->plan, 0);
      g_array_append_vals (org->plan, old_plan->data, old_plan->len);
      g_array_set_size (org->staffing, 0);
      g_array_append_vals (org->staffing, old_staffing->data, old_staffing->len);
      return FALSE;
    }
  return TRUE;
}

/* ---- entry points -------------------------------------------------------- */

DagPlanResult *
dag_planner_run (const DagOrg             *org,
                 const DagPlannerOptions  *options,
                 DagPlannerProgress        progress,
                 gpointer                  progress_data,
                 GCancellable             *cancellable,
                 GError                  **error)
{
  Search se = { 0 };
  StaffState ss;
  Problem *pb;
  GArray *staffing;
  DagPlanResult *result;
  g_autoptr(DagOrg) week_org = NULL;
  DagPlannerOptions week_options;

  g_return_val_if_fail (org != NULL && options != NULL, NULL);

  /* The planner plans one week of the dated plan: it sees the entries that
   * apply in that week as the current plan. */
  week_options = *options;
  if (week_options.week == DAG_DATE_NONE)
    {
      DagDate today = dag_date_today ();
      week_options.week = today + (7 - dag_date_weekday (today));
    }
  week_options.week = dag_rules_week_start (week_options.week);
  options = &week_options;
  week_org = dag_org_for_week (org, week_options.week);
  org = week_org;

  se.cancellable = cancellable;
  se.progress = progress;
  se.progress_data = progress_data;
  if (options->time_limit_ms > 0)
    se.deadline = g_get_monotonic_time () + (gint64) options->time_limit_ms * 1000;

  pb = dag_problem_new (org, options);
  se.pb = pb;
  report (&se, 0.0);
  if (pb->keep)
    place_existing (pb);
  construct (&se);
  if (!options->construct_only)
    {
      fill (&se, TRUE, NULL);
      improve (&se);
      if (!pb->keep)
        recreate (&se);
      improve (&se);
      fill (&se, TRUE, NULL);
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      dag_problem_free (pb);
      return NULL;
    }

  /* Staff, then take out what they cannot cover; the time limit does not
   * apply here, because only a staffed plan may be returned. */
  staffing = dag_staff_plan (pb, cancellable);
  staff_state_init (&ss, pb, staffing);
  reduce_to_staff (pb, &ss);
  se.stopped = FALSE;
  se.deadline = 0;
  fill (&se, FALSE, &ss);
  staff_state_clear (&ss);
  report (&se, 1.0);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      g_array_unref (staffing);
      dag_problem_free (pb);
      return NULL;
    }
  /* Staff left on group slots that lost all their participants go. */
  for (guint e = staffing->len; e-- > 0;)
    {
      const DagStaffing *st = DAG_AT (staffing, DagStaffing, e);
      if (pb->gs_count[gs_index (st->group, st->slot)] == 0)
        g_array_remove_index (staffing, e);
    }
  /* A plan of one location keeps the others' staffing. */
  for (guint e = 0; pb->location >= 0 && e < org->staffing->len; e++)
    {
      const DagStaffing *st = DAG_AT (org->staffing, DagStaffing, e);
      if (st->group >= 0 && st->group < pb->n_groups && pb->group_location[st->group] != pb->location)
        {
          DagStaffing kept = { st->staff, st->group, st->slot, DAG_DATE_NONE, DAG_DATE_NONE };
          g_array_append_val (staffing, kept);
        }
    }
  result = make_result (pb, staffing, se.iterations);
  dag_problem_free (pb);
  return result;
}

typedef struct {
  const DagOrg      *org;
  DagPlannerOptions  options;
  DagPlannerProgress progress;
  gpointer           progress_data;
} TaskData;

static void
run_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  TaskData *td = task_data;
  GError *error = NULL;
  DagPlanResult *r = dag_planner_run (td->org, &td->options, td->progress, td->progress_data,
                                      cancellable, &error);

  if (r == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, r, (GDestroyNotify) dag_plan_result_free);
}

void
dag_planner_run_async (const DagOrg             *org,
                       const DagPlannerOptions  *options,
                       DagPlannerProgress        progress,
                       gpointer                  progress_data,
                       GCancellable             *cancellable,
                       GAsyncReadyCallback       callback,
                       gpointer                  user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  TaskData *td = g_new0 (TaskData, 1);

  td->org = org;
  td->options = *options;
  td->progress = progress;
  td->progress_data = progress_data;
  g_task_set_source_tag (task, dag_planner_run_async);
  g_task_set_task_data (task, td, g_free);
  g_task_run_in_thread (task, run_thread);
}

DagPlanResult *
dag_planner_run_finish (GAsyncResult *result,
                        GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
