/* dag-planner.c — the participant planner (construction, then local search
 * with delta evaluation), its cooperation with the staff planner, the
 * change set, and the synchronous and GTask APIs. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "dag-planner-private.h"
#include "dag-schedule.h"
#include "dag-store-plan.h"

G_DEFINE_QUARK (dag-planner-error-quark, dag_planner_error)

typedef struct {
  Problem            *pb;
  GCancellable       *cancellable;
  GCancellable       *stop;          /* ends the search, keeps the plan */
  volatile gint      *placed_now;
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

/* The positions a group slot needs: HBO-only, MBO-only and either. */
static void
need_of (const Problem *pb, guint load, int count, gboolean high, int out[3])
{
  DagStaffNeed need;

  dag_rules_staff_need (pb->unit, load, count, high, &need);
  out[0] = need.hbo;
  out[1] = need.mbo;
  out[2] = need.total - need.hbo - need.mbo;
}

/* The change of the pool's positions when group slot gs gains (sign 1) or
 * loses (-1) one dagdeel of demand dm. */
static void
need_delta (const Problem *pb, int gs, const Demand *dm, int sign, int delta[3])
{
  int after[3];
  const int *now = pb->gs_need + 3 * gs;

  need_of (pb, pb->gs_load[gs] + sign * (int) dm->share, pb->gs_count[gs] + sign,
           pb->gs_high[gs] + sign * dm->high > 0, after);
  for (int k = 0; k < 3; k++)
    delta[k] = after[k] - now[k];
}

typedef struct {
  int pi, s, g, d;
  gboolean added;
} LogEntry;

static gint64 part_score  (const Problem *pb, const Part *p);
static gint64 add_cost    (const Problem *pb, int gs, const Demand *dm);
static gint64 remove_gain (const Problem *pb, int gs, const Demand *dm);

/* Places one dagdeel of demand d of participant pi in group g on slot s.
 * FALSE, and nothing changes, when the staff cannot cover the group slot
 * with it. */
static gboolean
assign (Problem *pb, int pi, int d, int g, int s)
{
  Part *p = &pb->parts[pi];
  Demand *dm = &pb->demands[d];
  int gs = gs_index (g, s);
  int delta[3];

  gint64 before;

  g_assert (p->group_at[s] < 0);
  g_assert (pb->gs_count[gs] < pb->group_capacity[g]);
  need_delta (pb, gs, dm, 1, delta);
  if (!dag_staff_pool_change (pb->pool, s, delta, TRUE))
    return FALSE;
  before = part_score (pb, p);
  pb->objective += add_cost (pb, gs, dm);
  for (int k = 0; k < 3; k++)
    pb->gs_need[3 * gs + k] += delta[k];
  p->group_at[s] = g;
  p->demand_at[s] = d;
  p->used |= DAG_SLOT_BIT (s);
  dm->placed++;
  pb->gs_members[pb->gs_off[gs] + pb->gs_count[gs]] = pi;
  pb->gs_count[gs]++;
  pb->gs_load[gs] += dm->share;
  pb->gs_high[gs] += dm->high;
  pb->objective += part_score (pb, p) - before;
  pb->placed++;
  if (pb->log_depth > 0)
    {
      LogEntry e = { pi, s, g, d, TRUE };
      g_array_append_val (pb->log, e);
    }
  return TRUE;
}

static void
unassign (Problem *pb, int pi, int s)
{
  Part *p = &pb->parts[pi];
  int g = p->group_at[s];
  int d = p->demand_at[s];
  Demand *dm = &pb->demands[d];
  int gs = gs_index (g, s);
  int *members = pb->gs_members + pb->gs_off[gs];
  int delta[3];
  gboolean ok;
  gint64 before = part_score (pb, p);

  pb->objective += remove_gain (pb, gs, dm);
  need_delta (pb, gs, dm, -1, delta);
  /* Fewer positions can always be staffed. */
  ok = dag_staff_pool_change (pb->pool, s, delta, TRUE);
  g_assert (ok);
  for (int k = 0; k < 3; k++)
    pb->gs_need[3 * gs + k] += delta[k];
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
  pb->objective += part_score (pb, p) - before;
  pb->placed--;
  if (pb->log_depth > 0)
    {
      LogEntry e = { pi, s, g, d, FALSE };
      g_array_append_val (pb->log, e);
    }
}

/* A move that may fail half-way: log_begin, the assigns and unassigns,
 * then log_commit, or log_undo to put back what it changed. */
static guint
log_begin (Problem *pb)
{
  pb->log_depth++;
  return pb->log->len;
}

static void
log_commit (Problem *pb, guint mark)
{
  pb->log_depth--;
  if (pb->log_depth == 0)
    g_array_set_size (pb->log, 0);
  else
    (void) mark;
}

static void
log_undo (Problem *pb, guint mark)
{
  int depth = pb->log_depth;

  /* Undoing is not logged; every step back restores a state (or a part of
   * one) that the staff covered, so it can be staffed again. */
  pb->log_depth = 0;
  while (pb->log->len > mark)
    {
      LogEntry e = g_array_index (pb->log, LogEntry, pb->log->len - 1);
      g_array_set_size (pb->log, pb->log->len - 1);
      if (e.added)
        unassign (pb, e.pi, e.s);
      else
        {
          gboolean ok = assign (pb, e.pi, e.d, e.g, e.s);
          g_assert (ok);
        }
    }
  pb->log_depth = depth - 1;
  if (pb->log_depth == 0)
    g_array_set_size (pb->log, 0);
}

/* ---- objective ----------------------------------------------------------- */

/* Objective (5) for one day of a transported participant. */
static gint64
day_score (const Problem *pb, const Part *p, int day)
{
  int am = p->group_at[DAG_SLOT (day, DAG_PART_AM)];
  int pm = p->group_at[DAG_SLOT (day, DAG_PART_PM)];
  gint64 score = 0;

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
  return score;
}

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
      score += day_score (pb, p, day);
  return score;
}

/* part_score (p with group g on slot s) - part_score (p), slot s free. */
static gint64
insert_gain (const Problem *pb, Part *p, int g, int s)
{
  gint64 v = W_PLACED;
  gboolean seen = FALSE;

  if (pb->keep && p->old_at[s] == g)
    v += W_KEEP;
  if (p->preferred & (1u << DAG_SLOT_DAY (s)))
    v += W_PREF;
  for (int t = 0; t < DAG_N_SLOTS && !seen; t++)
    seen = p->group_at[t] == g;
  if (p->used != 0 && !seen)
    v -= W_GROUP;
  if (p->bus)
    {
      int day = DAG_SLOT_DAY (s);
      v -= day_score (pb, p, day);
      p->group_at[s] = g;
      v += day_score (pb, p, day);
      p->group_at[s] = -1;
    }
  return v;
}

/* Balance: minus the sum of squared group slot sizes; and each staff
 * position the group slot needs costs W_STAFF, so that a dagdeel goes
 * where the staff already there can take it. */
static gint64
add_cost_delta (const Problem *pb, int gs, const Demand *dm, const int delta[3])
{
  return -(gint64) W_BALANCE * (2 * pb->gs_count[gs] + 1) -
         (gint64) pb->w_staff * (delta[0] + delta[1] + delta[2]) -
         (gint64) pb->w_mix * (dm->high ? pb->gs_count[gs] - pb->gs_high[gs] : pb->gs_high[gs] > 0);
}

static gint64
add_cost (const Problem *pb, int gs, const Demand *dm)
{
  int delta[3];

  need_delta (pb, gs, dm, 1, delta);
  return add_cost_delta (pb, gs, dm, delta);
}

static gint64
remove_gain (const Problem *pb, int gs, const Demand *dm)
{
  int delta[3];

  need_delta (pb, gs, dm, -1, delta);
  return (gint64) W_BALANCE * (2 * pb->gs_count[gs] - 1) -
         (gint64) pb->w_staff * (delta[0] + delta[1] + delta[2]) +
         (gint64) pb->w_mix * (dm->high ? pb->gs_count[gs] - pb->gs_high[gs]
                                        : pb->gs_high[gs] > 0);
}

gint64
dag_problem_objective (Problem *pb)
{
  gint64 total = 0;

  for (int i = 0; i < pb->n_parts; i++)
    total += part_score (pb, &pb->parts[i]);
  for (int gs = 0; gs < pb->n_groups * DAG_N_SLOTS; gs++)
    total -= (gint64) W_BALANCE * pb->gs_count[gs] * pb->gs_count[gs] +
             (gint64) pb->w_staff * (pb->gs_need[3 * gs] + pb->gs_need[3 * gs + 1] + pb->gs_need[3 * gs + 2]);
  return total;
}

/* Whether group slot gs can take one more participant with that demand:
 * room in the group, and staff for it. */
static gboolean
can_take (const Problem *pb, int gs, int g, const Demand *dm)
{
  int delta[3];

  if (pb->gs_count[gs] >= pb->group_capacity[g])
    return FALSE;
  need_delta (pb, gs, dm, 1, delta);
  return dag_staff_pool_change (pb->pool, gs % DAG_N_SLOTS, delta, FALSE);
}

/* Where the moves stop weighing the candidates (SCAN_CANDIDATES). */
static inline int
scan_end (const Demand *dm)
{
  return MIN (dm->cand_end, dm->cand_start + SCAN_CANDIDATES);
}

/* The dagdelen of a demand that could be placed at all: the volume, or
 * fewer when the participant can reach fewer dagdelen. */
static inline int
wanted (const Demand *dm)
{
  return dm->cand_end > dm->cand_start ? MIN (dm->max, __builtin_popcount (dm->reach)) : 0;
}

/* ---- search control ------------------------------------------------------ */

static gboolean
should_stop (Search *se)
{
  if (se->stopped)
    return TRUE;
  if ((++se->iterations & 63) != 0)
    return FALSE;
  if (g_cancellable_is_cancelled (se->cancellable) ||
      (se->stop != NULL && g_cancellable_is_cancelled (se->stop)))
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
  gint64 best = G_MININT64;

  if (dm->placed >= dm->max)
    return FALSE;
  /* Nearest first, and beyond the first SCAN_CANDIDATES groups that can
   * take it no further. */
  for (int c = dm->cand_start, open = 0; c < dm->cand_end && open < SCAN_CANDIDATES; c++)
    {
      int g = pb->cand_group[c];
      DagSlotMask mask = pb->cand_mask[c] & ~p->used;
      gboolean took = FALSE;

      while (mask)
        {
          int s = __builtin_ctz (mask);
          int gs = gs_index (g, s);
          int need[3];
          gint64 v;

          mask &= mask - 1;
          if (pb->gs_count[gs] >= pb->group_capacity[g])
            continue;
          need_delta (pb, gs, dm, 1, need);
          if (!dag_staff_pool_change (pb->pool, s, need, FALSE))
            continue;
          if (!took)
            open++;
          took = TRUE;
          v = insert_gain (pb, p, g, s) + add_cost_delta (pb, gs, dm, need);
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

  for (int c = dm->cand_start; c < scan_end (dm); c++)
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
          if (pb->gs_count[gs] < pb->group_capacity[g])
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

              for (int c2 = dq->cand_start; c2 < scan_end (dq); c2++)
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
                      v = gain_p + part_score (pb, q) - base_q + add_cost (pb, gs2, dq);
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
    guint mark = log_begin (pb);

    unassign (pb, bq, bs);
    if (!assign (pb, pi, d, bg, bs) || !assign (pb, bq, dq, bg2, bs2))
      {
        log_undo (pb, mark);
        return FALSE;
      }
    log_commit (pb, mark);
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

  for (int c = dm->cand_start; c < scan_end (dm); c++)
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
          v = part_score (pb, p) - base + remove_gain (pb, gs, dm) + add_cost (pb, gs2, dm);
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
  {
    guint mark = log_begin (pb);

    unassign (pb, pi, s);
    if (!assign (pb, pi, d, bg, bs))
      {
        log_undo (pb, mark);
        return FALSE;
      }
    log_commit (pb, mark);
  }
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
      delta += remove_gain (pb, gs_index (g, s), dm) + add_cost (pb, gs_index (target, s2), dm);
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
    guint mark = log_begin (pb);

    for (int k = 0; k < n; k++)
      {
        demand[k] = p->demand_at[from[k]];
        unassign (pb, pi, from[k]);
      }
    for (int k = 0; k < n; k++)
      if (!assign (pb, pi, demand[k], target, to[k]))
        {
          log_undo (pb, mark);
          return FALSE;
        }
    log_commit (pb, mark);
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
          guint mark;

          q->group_at[s] = target;
          mark = log_begin (pb);
          unassign (pb, pi, s);
          unassign (pb, qi, s);
          if (!assign (pb, pi, dp, target, s) || !assign (pb, qi, dq, g, s))
            {
              log_undo (pb, mark);
              return FALSE;
            }
          log_commit (pb, mark);
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
                gint64 v = gain_p + remove_gain (pb, gsb, dm) + add_cost (pb, gs2, dm);
                if (v > best)
                  {
                    best = v;
                    bb = b; bt = t; bg = g2; bq = -1;
                  }
                continue;
              }
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
    guint mark = log_begin (pb);
    gboolean ok = TRUE;

    unassign (pb, pi, bb);
    if (bq >= 0)
      {
        int dq = pb->parts[bq].demand_at[bt];
        unassign (pb, bq, bt);
        ok = assign (pb, bq, dq, gb, bb);
      }
    if (!ok || !assign (pb, pi, dp, bg, bt))
      {
        log_undo (pb, mark);
        return FALSE;
      }
    log_commit (pb, mark);
  }
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

/* An index (participant or demand) with a sort key. */
typedef struct {
  int   index;
  guint key;
} Order;

static int
compare_order (gconstpointer a, gconstpointer b)
{
  const Order *oa = a, *ob = b;
  if (oa->key != ob->key)
    return oa->key < ob->key ? -1 : 1;
  return oa->index - ob->index;
}

/* Greedy construction: the participants with the fewest options first,
 * each dagdeel where the objective gains most (with the staff weights of
 * dag_problem_new, that is where the staff already there can take it).
 * Measured on scarce weeks, this order did better than the least staff
 * per dagdeel first; the search after it does the rest. */
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
      order[pi].index = pi;
      options = MIN (options * 4 / MAX (units, 1), 255u);
      order[pi].key = (options << 24) | (g_rand_int (pb->rand) & 0xffffff);
    }
  qsort (order, pb->n_parts, sizeof (Order), compare_order);

  for (int k = 0; k < pb->n_parts; k++)
    {
      int pi = order[k].index;
      Part *p = &pb->parts[pi];

      for (int d = p->d_start; d < p->d_end; d++)
        {
          int g, s;
          gint64 delta;
          while (best_insert (pb, d, &g, &s, &delta) && assign (pb, pi, d, g, s))
            ;
        }
      /* Dagdeel by dagdeel, the greedy makes whole the day where a lone
       * dagdeel would gather with others (W_LONE); one pass over the
       * participant's own entries puts that right at once. */
      for (int s = 0; p->bus && s < DAG_N_SLOTS; s++)
        if (p->group_at[s] >= 0)
          improve_entry (pb, pi, s);
      if ((k & 255) == 0)
        {
          if (should_stop (se))
            return;
          report (se, 0.3 * k / MAX (pb->n_parts, 1));
        }
    }
}

/* Places what is still unplaced, directly or by moving one other. */
static void
fill (Search *se, gboolean eject)
{
  Problem *pb = se->pb;
  g_autofree int *order = g_new (int, pb->n_demands + 1);
  int n = 0;

  for (int d = 0; d < pb->n_demands; d++)
    if (pb->demands[d].placed < wanted (&pb->demands[d]))
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

          if (best_insert (pb, d, &g, &s, &delta) && assign (pb, dm->part, d, g, s))
            continue;
          if (!eject || !eject_insert (pb, d))
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
              for (int c = pb->demands[d].cand_start; c < scan_end (&pb->demands[d]); c++)
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

/* Large-neighbourhood search: takes every participant out of a few group
 * slots of one dagdeel (their staff positions go with them): around a
 * placed participant, or every other round around a waiting dagdeel; then
 * places the waiting one first and the others with a few more waiting
 * dagdelen in a random order, each where it gains most; keeps the result
 * when the objective (placed dagdelen first, then staff positions and the
 * other goals) did not fall, else puts everything back.  Counts rounds,
 * so a seed gives one result; stops on the limit between rounds, so more
 * time never gives less, or when long without placing more. */
static void
lns (Search *se, guint max_rounds)
{
  Problem *pb = se->pb;
  g_autoptr(GArray) pending = g_array_new (FALSE, FALSE, sizeof (Order));
  g_autofree int *waiting = g_new (int, pb->n_demands + 1);
  int n_waiting = 0;

  guint last_gain = 0;

  if (pb->n_parts == 0)
    return;
  for (guint round = 0; round < max_rounds; round++)
    {
      int pi = g_rand_int_range (pb->rand, 0, pb->n_parts);
      Part *p = &pb->parts[pi];
      gint64 before = pb->objective;
      int before_placed = pb->placed;
      guint mark;
      int s = -1, ruined[LNS_RUIN], n_ruined = 0, first;
      const Demand *dm_ruin;

      if (should_stop (se))
        return;
      /* Long without placing more: the search has settled. */
      if (round - last_gain > MAX (LNS_PATIENCE, 5 * (guint) pb->n_parts))
        return;
      if ((round & 1023) == 0)
        {
          /* The waiting dagdelen, refreshed now and then. */
          n_waiting = 0;
          for (int d = 0; d < pb->n_demands; d++)
            if (pb->demands[d].placed < wanted (&pb->demands[d]))
              waiting[n_waiting++] = d;
          /* Nothing waits that could be placed: the rounds left serve
           * the other goals only, a few suffice. */
          if (n_waiting == 0 && max_rounds > round + 2 * (guint) pb->n_parts)
            max_rounds = round + 2 * (guint) pb->n_parts;
          /* A re-plan keeps what is planned: with nothing waiting there is
           * nothing to search for. */
          if (n_waiting == 0 && pb->keep)
            return;
          if (se->placed_now)
            g_atomic_int_set (se->placed_now, pb->placed + pb->fixed_total);
          if (max_rounds != G_MAXUINT)
            report (se, 0.5 + 0.4 * round / max_rounds);
        }
      first = -1;
      if (n_waiting > 0 && (round & 1))
        {
          /* Every other round, room for a waiting dagdeel: its groups on
           * one of the dagdelen it can come, and it goes in first. */
          int d = waiting[g_rand_int_range (pb->rand, 0, n_waiting)];
          const Demand *dw = &pb->demands[d];
          DagSlotMask free = dw->reach & ~pb->parts[dw->part].used;

          if (dw->placed >= dw->max || free == 0)
            continue;
          {
            int k = g_rand_int_range (pb->rand, 0, __builtin_popcount (free));
            for (DagSlotMask m = free; m; m &= m - 1)
              if (k-- == 0)
                s = __builtin_ctz (m);
          }
          first = d;
          dm_ruin = dw;
        }
      else
        {
          if (p->used == 0)
            continue;
          {
            int k = g_rand_int_range (pb->rand, 0, __builtin_popcount (p->used));
            for (DagSlotMask m = p->used; m; m &= m - 1)
              if (k-- == 0)
                s = __builtin_ctz (m);
          }
          /* The participant's group slot and others of the same dagdeel,
           * taken from its other candidate groups. */
          ruined[n_ruined++] = p->group_at[s];
          dm_ruin = &pb->demands[p->demand_at[s]];
        }
      for (int t = 0; t < 4 * LNS_RUIN && n_ruined < LNS_RUIN; t++)
        {
          const Demand *dm = dm_ruin;
          int c = dm->cand_start + g_rand_int_range (pb->rand, 0, scan_end (dm) - dm->cand_start);
          int g = pb->cand_group[c];
          gboolean dup = FALSE;

          if (!(pb->group_slots[g] & DAG_SLOT_BIT (s)))
            continue;
          for (int j = 0; j < n_ruined; j++)
            dup |= ruined[j] == g;
          if (!dup)
            ruined[n_ruined++] = g;
        }

      mark = log_begin (pb);
      g_array_set_size (pending, 0);
      for (int j = 0; j < n_ruined; j++)
        {
          int gs = gs_index (ruined[j], s);
          while (pb->gs_count[gs] > 0)
            {
              int qi = pb->gs_members[pb->gs_off[gs]];
              Order e = { pb->parts[qi].demand_at[s], 0 };
              unassign (pb, qi, s);
              g_array_append_val (pending, e);
            }
        }
      /* A few waiting dagdelen may take the room. */
      for (int t = 0; t < LNS_WAITING && n_waiting > 0; t++)
        {
          Order e = { waiting[g_rand_int_range (pb->rand, 0, n_waiting)], 0 };
          if (pb->demands[e.index].placed < pb->demands[e.index].max)
            g_array_append_val (pending, e);
        }
      /* In a random order: measured on scarce weeks, better than the
       * least staff or the most staff first. */
      for (guint k = 0; k < pending->len; k++)
        g_array_index (pending, Order, k).key = g_rand_int (pb->rand) | 1;
      if (first >= 0)
        {
          Order e = { first, 0 };
          g_array_append_val (pending, e);
        }
      g_array_sort (pending, compare_order);
      for (guint k = 0; k < pending->len; k++)
        {
          int d = g_array_index (pending, Order, k).index;
          int g, s2;
          gint64 delta;

          if (pb->demands[d].placed < pb->demands[d].max &&
              best_insert (pb, d, &g, &s2, &delta))
            assign (pb, pb->demands[d].part, d, g, s2);
        }
      if (pb->placed > before_placed)
        last_gain = round;
      if (pb->objective >= before)
        log_commit (pb, mark);
      else
        log_undo (pb, mark);
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

/* Whether a group slot demand d fits on one of its participant's free
 * dagdelen has room for it, though the staff cannot cover it there. */
static gboolean
room_without_staff (const Problem *pb, int d)
{
  const Demand *dm = &pb->demands[d];
  const Part *p = &pb->parts[dm->part];

  for (int c = dm->cand_start; c < dm->cand_end; c++)
    {
      int g = pb->cand_group[c];
      for (DagSlotMask m = pb->cand_mask[c] & ~p->used; m; m &= m - 1)
        {
          int gs = gs_index (g, __builtin_ctz (m));
          if (pb->gs_count[gs] < pb->group_capacity[g] && !can_take (pb, gs, g, dm))
            return TRUE;
        }
    }
  return FALSE;
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
      /* Staff is what stops the rest when a fitting group slot on a free
       * dagdeel has room but no staff for it; else every one is full. */
      no_staff = left > 0 && room_without_staff (pb, d) ? left : 0;
      ((Demand *) dm)->no_staff = no_staff;
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
  gboolean ok;

  /* Under the write lock, and only when nothing the plan was made from
   * (master data, plan, staffing, absences, changes, attendance and the
   * declarations that freeze weeks) changed since org was read: then the
   * frozen check on org holds, and only the entries that differ are
   * written. */
  const DagSections made_from = DAG_SECTION_MASTER | DAG_SECTION_PLAN | DAG_SECTION_STAFFING |
                                DAG_SECTION_ABSENCES | DAG_SECTION_ONE_OFFS;
  g_autoptr(DagOrg) fresh = NULL;
  g_autoptr(GError) local = NULL;
  const DagOrg *freezing = org;

  if (!dag_store_begin (store, error))
    return FALSE;
  if (!dag_store_check_current (store, made_from, DAG_DATE_NONE, error))
    {
      dag_store_rollback (store);
      return FALSE;
    }
  /* Attendance registered or a month declared meanwhile does not change
   * the plan, but may freeze its week: that is read again, under the lock. */
  if (!dag_store_check_current (store, DAG_SECTION_ATTENDANCE | DAG_SECTION_DECLARATIONS, DAG_DATE_NONE, &local))
    {
      if (!g_error_matches (local, DAG_STORE_ERROR, DAG_STORE_ERROR_CHANGED) ||
          (fresh = dag_store_load (store, error)) == NULL)
        {
          if (fresh == NULL && local != NULL && !g_error_matches (local, DAG_STORE_ERROR, DAG_STORE_ERROR_CHANGED))
            g_propagate_error (error, g_steal_pointer (&local));
          dag_store_rollback (store);
          return FALSE;
        }
      freezing = fresh;
    }
  if (!dag_store_check_week_open (freezing, result->week, dag_date_today (), error))
    {
      dag_store_rollback (store);
      return FALSE;
    }
  old_plan = g_array_copy (org->plan);
  old_staffing = g_array_copy (org->staffing);
  dag_plan_result_apply (result, org);
  ok = dag_store_save (store, org, DAG_SECTION_PLAN | DAG_SECTION_STAFFING, "plan", error);
  if (ok)
    ok = dag_store_commit (store, error);
  else
    dag_store_rollback (store);
  if (!ok)
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
  Problem *pb;
  guint bound;
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
  se.stop = options->stop;
  se.placed_now = options->placed_now;
  se.progress = progress;
  se.progress_data = progress_data;
  if (options->time_limit_ms > 0)
    se.deadline = g_get_monotonic_time () + (gint64) options->time_limit_ms * 1000;

  pb = dag_problem_new (org, options);
  se.pb = pb;
  for (int d = 0; d < pb->n_demands; d++)
    pb->fixed_total += pb->demands[d].fixed;
  bound = dag_problem_bound (pb);
  if (options->bound_now)
    g_atomic_int_set (options->bound_now, (gint) bound);
  report (&se, 0.0);
  if (pb->keep)
    place_existing (pb);
  construct (&se);
  if (!options->construct_only)
    {
      /* Without a time limit a fixed number of rounds; with one, rounds
       * until the limit. */
      guint rounds = options->time_limit_ms > 0 ? G_MAXUINT
                                                : (guint) CLAMP (100 * pb->n_parts, 5000, 25000);

      fill (&se, TRUE);
      report (&se, 0.4);
      improve (&se);
      report (&se, 0.5);
      lns (&se, rounds);
      improve (&se);
      fill (&se, TRUE);
    }
  if (se.placed_now)
    g_atomic_int_set (se.placed_now, pb->placed + pb->fixed_total);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      dag_problem_free (pb);
      return NULL;
    }

  /* Who works where: the pool covers every group slot by construction. */
  staffing = dag_staff_plan (pb);
  report (&se, 1.0);

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
  /* Rounding aside the bound holds for the whole week: never below what
   * was placed. */
  result->bound = MAX (bound, result->placed);
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
