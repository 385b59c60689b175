/* dag-planner-bound.c — a true upper bound on the dagdelen a week plan can
 * place, staffing rules included, for the "placed n of at most m" shown to
 * the coordinator (PLANNER.md "Bounds").
 *
 * The relaxation.  Take the LP relaxation of the planning model with
 * x[d,g,s] in [0,1] (demand d in candidate group g on dagdeel s) and
 *
 *   (a) per participant and dagdeel: Σ x ≤ 1;
 *   (b) per demand: Σ x ≤ max;
 *   (c) per group slot (g,s): Σ x ≤ capacity(g);
 *   (d) per dagdeel s: L_s = Σ share·x / unit ≤ P_s, the staff who work s
 *       (any plan needs ceil(load) ≥ load positions in each group slot,
 *       and a staff member fills at most one position a dagdeel);
 *   (e) per dagdeel s: H_s = Σ_{d high} x / capacity(g) ≤ PH_s, the HBO
 *       staff who work s (a group slot with a high participant needs an
 *       HBO member, and holds at most capacity(g) high participants);
 *   (f) P and PH come from a staffing y[staff,s] in [0,1], y = 0 where the
 *       member is unavailable (or busy at another location in a plan of
 *       one location), Σ_s y ≤ the contract dagdelen left.
 *
 * Every plan that obeys the rules is a 0/1 point of this polytope, so its
 * maximum of Σ x is a bound.  The duo rule and "at least one staff member
 * when anyone comes" are left out: they only cut off more (and are why the
 * bound is loose when scarce staff is spread over many small group slots).
 *
 * We bound that LP by Lagrangian relaxation: (c), (d) and (e) are moved
 * into the objective with prices μ[g,s], α_s, β_s ≥ 0.  For any such
 * prices the maximum of
 *
 *   Σ x + Σ μ (capacity − count) + Σ α (P − L) + Σ β (PH − H)
 *
 * over (a), (b), (f) is at least Σ x of every feasible point (the added
 * terms are ≥ 0 there): weak duality, so each evaluation is a true bound
 * and we keep the least.  The maximum separates: per participant, the
 * best dagdelen of its demands by reduced value 1 − share·α/unit −
 * [high]·β/capacity − μ (a tiny assignment under (a) and (b)); per staff
 * member, the contract's best available dagdelen by α (+ β for HBO).  The
 * prices follow a fixed number of subgradient steps (Polyak steps to a
 * variable target, deflected by the last direction against zigzagging;
 * first the staff prices alone, then all), a number that depends only on
 * the problem's size, so a problem always gives the same bound.  At prices 0 the value is the
 * trivial bound (every demand in full on the dagdelen it can reach); with
 * only μ it tends to the max-flow bound without staff (PLANNER.md); with α
 * and β it charges for staff.
 *
 * The value is summed in doubles; the bound is floor(value + 1e-6), so
 * rounding error can never make it fall below the true LP value's floor.
 *
 * Speed: demands whose candidate masks are all group_slots ∩ reach (all
 * but a few that fall under several indications) are grouped by their
 * candidate group set; the best group of a set per dagdeel is computed
 * once per step for all its demands. */

#include "config.h"

#include <math.h>
#include <string.h>

#include "dag-planner-private.h"

/* Subgradient steps: up to 300, fewer on large weeks to stay well under a
 * second (a step costs about a microsecond per demand); depends only on the
 * problem's size, so the bound is deterministic. */
#define MAX_STEPS  300
#define MIN_STEPS  20
#define STEP_WORK  80000
#define EPSILON  1e-6
#define PATIENCE 10   /* steps without a better bound before the gap halves */
#define DEFL     0.7  /* share of the last direction kept (against zigzag) */

typedef struct {
  int     first, n;            /* into set_groups */
  /* Per dagdeel: least price and its group, for demands without and with
   * the HBO need; -1 when no group of the set runs the dagdeel. */
  double  price[DAG_N_SLOTS][2];
  int     arg[DAG_N_SLOTS][2];
} GroupSet;

typedef struct {
  int         qual;            /* 0 HBO, 1 MBO */
  DagSlotMask available;
  int         contract;
  int         count;
} StaffClass;

typedef struct {
  const Problem *pb;
  int        ns;               /* slots */
  /* Prices. */
  double    *mu;               /* per group slot */
  double     alpha[DAG_N_SLOTS], beta[DAG_N_SLOTS];
  /* Sets. */
  GArray    *sets;             /* of GroupSet */
  GArray    *set_groups;       /* of int */
  int       *set_of;           /* per demand, or -1: scan its candidates */
  GArray    *staff;            /* of StaffClass */
  double    *inv_cap;          /* per group: 1 / capacity, 0 for none */
  double    *cap;
  /* Subgradient of the last evaluation. */
  int       *count;            /* per group slot */
  double     load[DAG_N_SLOTS], high[DAG_N_SLOTS];
  int        p_all[DAG_N_SLOTS], p_hbo[DAG_N_SLOTS];
  double    *dmu;
  double     dalpha[DAG_N_SLOTS], dbeta[DAG_N_SLOTS];
} Bound;

/* ---- set-up -------------------------------------------------------------- */

/* Largest capacity first, then by index. */
static int
compare_capacity (gconstpointer a, gconstpointer b, gpointer data)
{
  const Problem *pb = data;
  int x = *(const int *) a, y = *(const int *) b;

  if (pb->group_capacity[x] != pb->group_capacity[y])
    return pb->group_capacity[y] - pb->group_capacity[x];
  return x - y;
}

static int
compare_class (gconstpointer a, gconstpointer b)
{
  const StaffClass *x = a, *y = b;

  if (x->qual != y->qual)
    return x->qual - y->qual;
  if (x->available != y->available)
    return x->available < y->available ? -1 : 1;
  return x->contract - y->contract;
}

static void
bound_init (Bound *b, const Problem *pb)
{
  const DagOrg *org = pb->org;
  int ng = pb->n_groups;
  g_autoptr(GHashTable) index = g_hash_table_new_full (g_bytes_hash, g_bytes_equal,
                                                       (GDestroyNotify) g_bytes_unref, NULL);
  g_autoptr(GArray) list = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GArray) classes = g_array_new (FALSE, FALSE, sizeof (StaffClass));

  memset (b, 0, sizeof *b);
  b->pb = pb;
  b->mu = g_new0 (double, ng * DAG_N_SLOTS + 1);
  b->count = g_new0 (int, ng * DAG_N_SLOTS + 1);
  b->dmu = g_new0 (double, ng * DAG_N_SLOTS + 1);
  b->inv_cap = g_new0 (double, ng + 1);
  b->cap = g_new0 (double, ng + 1);
  for (int g = 0; g < ng; g++)
    {
      b->cap[g] = pb->group_capacity[g];
      b->inv_cap[g] = pb->group_capacity[g] > 0 ? 1.0 / pb->group_capacity[g] : 0;
    }

  /* Demands by candidate group set. */
  b->sets = g_array_new (FALSE, FALSE, sizeof (GroupSet));
  b->set_groups = g_array_new (FALSE, FALSE, sizeof (int));
  b->set_of = g_new (int, pb->n_demands + 1);
  {
    /* The key of a set is the bitmap of its groups: no sorting per demand. */
    int words = (ng + 63) / 64;
    g_autofree guint64 *bits = g_new0 (guint64, words + 1);

    for (int d = 0; d < pb->n_demands; d++)
      {
        const Demand *dm = &pb->demands[d];
        gboolean regular = TRUE;
        GBytes *key;
        gpointer found;

        b->set_of[d] = -1;
        if (dm->max <= 0)
          continue;
        memset (bits, 0, sizeof (guint64) * words);
        for (int c = dm->cand_start; c < dm->cand_end && regular; c++)
          {
            int g = pb->cand_group[c];
            if (pb->cand_mask[c] != (pb->group_slots[g] & dm->reach))
              regular = FALSE;
            if (pb->group_capacity[g] > 0)
              bits[g / 64] |= (guint64) 1 << (g % 64);
          }
        if (!regular)
          continue;
        key = g_bytes_new (bits, sizeof (guint64) * words);
        if (g_hash_table_lookup_extended (index, key, NULL, &found))
          {
            b->set_of[d] = GPOINTER_TO_INT (found);
            g_bytes_unref (key);
          }
        else
          {
            GroupSet set = { 0 };

            g_array_set_size (list, 0);
            for (int g = 0; g < ng; g++)
              if (bits[g / 64] & ((guint64) 1 << (g % 64)))
                g_array_append_val (list, g);
            g_array_sort_with_data (list, compare_capacity, (gpointer) pb);
            set.first = b->set_groups->len;
            set.n = list->len;
            g_array_append_vals (b->set_groups, list->data, list->len);
            b->set_of[d] = b->sets->len;
            g_array_append_val (b->sets, set);
            g_hash_table_insert (index, key, GINT_TO_POINTER (b->set_of[d]));
          }
      }
  }

  /* Staff by qualification, free dagdelen and contract left. */
  for (guint s = 0; s < org->staff->len; s++)
    {
      const DagStaff *st = DAG_AT (org->staff, DagStaff, s);
      StaffClass k = { 0 };

      if (st->qualification == DAG_QUAL_VOLUNTEER)
        continue;
      k.qual = st->qualification == DAG_QUAL_HBO ? 0 : 1;
      k.available = st->available & ((1u << DAG_N_SLOTS) - 1);
      if (pb->staff_busy != NULL)
        k.available &= ~(DagSlotMask) pb->staff_busy[s];
      k.contract = dag_rules_staff_max_slots (&org->settings, st) -
                   (pb->staff_used != NULL ? pb->staff_used[s] : 0);
      k.contract = MIN (k.contract, __builtin_popcount (k.available));
      if (k.contract <= 0)
        continue;
      k.count = 1;
      g_array_append_val (classes, k);
    }
  g_array_sort (classes, compare_class);
  b->staff = g_array_new (FALSE, FALSE, sizeof (StaffClass));
  for (guint i = 0; i < classes->len; i++)
    {
      StaffClass *k = &g_array_index (classes, StaffClass, i);
      StaffClass *last = b->staff->len > 0 ?
        &g_array_index (b->staff, StaffClass, b->staff->len - 1) : NULL;

      if (last != NULL && compare_class (last, k) == 0)
        last->count++;
      else
        g_array_append_val (b->staff, *k);
    }
}

static void
bound_clear (Bound *b)
{
  g_free (b->mu);
  g_free (b->count);
  g_free (b->dmu);
  g_free (b->inv_cap);
  g_free (b->cap);
  g_free (b->set_of);
  g_array_unref (b->sets);
  g_array_unref (b->set_groups);
  g_array_unref (b->staff);
}

/* ---- one evaluation ------------------------------------------------------ */

/* The reduced value of demand dm in group g on slot s. */
static inline double
reduced (const Bound *b, const Demand *dm, int g, int s)
{
  const Problem *pb = b->pb;

  return 1.0 - b->alpha[s] * dm->share / pb->unit -
         (dm->high ? b->beta[s] * b->inv_cap[g] : 0) - b->mu[gs_index (g, s)];
}

/* The best group of dm on each slot: value[s] and group[s] (-1: none). */
static void
best_groups (const Bound *b, int d, double value[DAG_N_SLOTS], int group[DAG_N_SLOTS])
{
  const Problem *pb = b->pb;
  const Demand *dm = &pb->demands[d];
  int set = b->set_of[d];

  for (int s = 0; s < DAG_N_SLOTS; s++)
    {
      value[s] = 0;
      group[s] = -1;
    }
  if (set >= 0)
    {
      const GroupSet *gs = &g_array_index (b->sets, GroupSet, set);
      int h = dm->high ? 1 : 0;

      for (int s = 0; s < DAG_N_SLOTS; s++)
        if ((dm->reach & DAG_SLOT_BIT (s)) && gs->arg[s][h] >= 0)
          {
            group[s] = gs->arg[s][h];
            value[s] = 1.0 - b->alpha[s] * dm->share / pb->unit - gs->price[s][h];
          }
      return;
    }
  for (int c = dm->cand_start; c < dm->cand_end; c++)
    {
      int g = pb->cand_group[c];

      if (pb->group_capacity[g] <= 0)
        continue;
      for (int s = 0; s < DAG_N_SLOTS; s++)
        if (pb->cand_mask[c] & DAG_SLOT_BIT (s))
          {
            double v = reduced (b, dm, g, s);
            if (group[s] < 0 || v > value[s])
              {
                value[s] = v;
                group[s] = g;
              }
          }
    }
}

static void
take (Bound *b, const Demand *dm, int g, int s)
{
  b->count[gs_index (g, s)]++;
  b->load[s] += (double) dm->share / b->pb->unit;
  if (dm->high)
    b->high[s] += b->inv_cap[g];
}

/* Sorts the n slots in order[] best value first.  Values within TIE of
 * each other count as equal and go by slot rotated by rot, so that equal
 * prices spread the relaxed placements (and staff) over the dagdelen
 * instead of piling them on the first: the subgradient then points at the
 * common price level rather than zigzagging between dagdelen.  The value
 * of the relaxation is always summed from the exact best values. */
#define TIE 1e-7

static void
sort_slots (int *order, int n, const double *value, int rot)
{
  for (int i = 1; i < n; i++)
    for (int j = i; j > 0; j--)
      {
        int a = order[j], b = order[j - 1];
        gboolean before;

        if (value[a] > value[b] + TIE)
          before = TRUE;
        else if (value[a] < value[b] - TIE)
          before = FALSE;
        else
          before = (a + rot) % DAG_N_SLOTS < (b + rot) % DAG_N_SLOTS;
        if (!before)
          break;
        order[j] = b;
        order[j - 1] = a;
      }
}

/* The sum of the k largest of the n values value[order[]]. */
static double
top_sum (const int *order, int n, const double *value, int k)
{
  double top[DAG_N_SLOTS], total = 0;

  for (int i = 0; i < n; i++)
    {
      int j = i;
      for (; j > 0 && value[order[i]] > top[j - 1]; j--)
        top[j] = top[j - 1];
      top[j] = value[order[i]];
    }
  for (int i = 0; i < n && i < k; i++)
    total += top[i];
  return total;
}

/* The best dagdelen of one demand alone: its max best positive values. */
static double
solve_single (Bound *b, int d, int rot)
{
  const Demand *dm = &b->pb->demands[d];
  double value[DAG_N_SLOTS];
  int group[DAG_N_SLOTS];
  int order[DAG_N_SLOTS], n = 0;

  best_groups (b, d, value, group);
  for (int s = 0; s < DAG_N_SLOTS; s++)
    if (group[s] >= 0 && value[s] > 0)
      order[n++] = s;
  sort_slots (order, n, value, rot);
  for (int i = 0; i < n && i < dm->max; i++)
    take (b, dm, group[order[i]], order[i]);
  return top_sum (order, n, value, dm->max);
}

/* A participant with several demands: a maximum-weight assignment of
 * dagdelen to demands (each dagdeel once, each demand up to its max), by
 * successive longest augmenting paths (Bellman–Ford; tiny graph). */
#define MAX_PART_DEMANDS 8

static double
solve_multi (Bound *b, const Part *part)
{
  const Problem *pb = b->pb;
  int k = MIN (part->d_end - part->d_start, MAX_PART_DEMANDS);
  double value[MAX_PART_DEMANDS][DAG_N_SLOTS];
  int group[MAX_PART_DEMANDS][DAG_N_SLOTS];
  int slot_of[DAG_N_SLOTS];       /* demand holding the slot, -1 */
  int used[MAX_PART_DEMANDS] = { 0 };
  double total = 0;

  for (int i = 0; i < k; i++)
    best_groups (b, part->d_start + i, value[i], group[i]);
  for (int s = 0; s < DAG_N_SLOTS; s++)
    slot_of[s] = -1;

  for (;;)
    {
      /* Nodes: demands 0..k-1, slots k..k+N-1.  dist = best gain reaching
       * the node from the source (a demand with room left). */
      double dist[MAX_PART_DEMANDS + DAG_N_SLOTS];
      int prev[MAX_PART_DEMANDS + DAG_N_SLOTS];
      int n = k + DAG_N_SLOTS;
      int best = -1;
      gboolean changed = TRUE;

      for (int v = 0; v < n; v++)
        {
          dist[v] = -INFINITY;
          prev[v] = -1;
        }
      for (int i = 0; i < k; i++)
        if (used[i] < pb->demands[part->d_start + i].max)
          dist[i] = 0;
      for (int round = 0; changed && round < n; round++)
        {
          changed = FALSE;
          for (int i = 0; i < k; i++)
            {
              if (dist[i] == -INFINITY)
                continue;
              for (int s = 0; s < DAG_N_SLOTS; s++)
                if (group[i][s] >= 0 && slot_of[s] != i &&
                    dist[i] + value[i][s] > dist[k + s] + 1e-12)
                  {
                    dist[k + s] = dist[i] + value[i][s];
                    prev[k + s] = i;
                    changed = TRUE;
                  }
            }
          for (int s = 0; s < DAG_N_SLOTS; s++)
            {
              int i = slot_of[s];
              if (i < 0 || dist[k + s] == -INFINITY)
                continue;
              /* Back along the held edge: the demand gives the slot up. */
              if (dist[k + s] - value[i][s] > dist[i] + 1e-12)
                {
                  dist[i] = dist[k + s] - value[i][s];
                  prev[i] = k + s;
                  changed = TRUE;
                }
            }
        }
      for (int s = 0; s < DAG_N_SLOTS; s++)
        if (slot_of[s] < 0 && dist[k + s] > 1e-12 &&
            (best < 0 || dist[k + s] > dist[k + best]))
          best = s;
      if (best < 0)
        break;
      /* Augment: flip the path's edges. */
      {
        int v = k + best;
        int steps = 0;

        while (v >= k && steps++ < n)
          {
            int s = v - k;
            int i = prev[v];

            slot_of[s] = i;
            if (prev[i] < 0)
              {
                used[i]++;
                break;
              }
            v = prev[i];   /* the slot i gave up, now taken by another demand */
          }
      }
    }

  for (int s = 0; s < DAG_N_SLOTS; s++)
    if (slot_of[s] >= 0)
      {
        int i = slot_of[s];
        total += value[i][s];
        take (b, &pb->demands[part->d_start + i], group[i][s], s);
      }
  /* Demands past the first few each on their own: dropping (a) between
   * them only loosens the bound. */
  for (int d = part->d_start + k; d < part->d_end; d++)
    if (pb->demands[d].max > 0 && pb->demands[d].reach != 0)
      total += solve_single (b, d, d);
  return total;
}

static double
staff_value (Bound *b)
{
  double total = 0;

  memset (b->p_all, 0, sizeof b->p_all);
  memset (b->p_hbo, 0, sizeof b->p_hbo);
  for (guint i = 0; i < b->staff->len; i++)
    {
      const StaffClass *k = &g_array_index (b->staff, StaffClass, i);
      double value[DAG_N_SLOTS];
      int order[DAG_N_SLOTS], n = 0;

      for (int s = 0; s < DAG_N_SLOTS; s++)
        if (k->available & DAG_SLOT_BIT (s))
          {
            value[s] = b->alpha[s] + (k->qual == 0 ? b->beta[s] : 0);
            order[n++] = s;
          }
      sort_slots (order, n, value, i);
      total += k->count * top_sum (order, n, value, k->contract);
      for (int a = 0; a < n && a < k->contract; a++)
        {
          int s = order[a];
          b->p_all[s] += k->count;
          if (k->qual == 0)
            b->p_hbo[s] += k->count;
        }
    }
  return total;
}

/* The Lagrangian value at the current prices (without the fixed dagdelen),
 * leaving the subgradient in b. */
static double
evaluate (Bound *b)
{
  const Problem *pb = b->pb;
  double total = 0;

  /* Best group per set and dagdeel. */
  for (guint i = 0; i < b->sets->len; i++)
    {
      GroupSet *set = &g_array_index (b->sets, GroupSet, i);
      const int *groups = &g_array_index (b->set_groups, int, set->first);

      for (int s = 0; s < DAG_N_SLOTS; s++)
        for (int h = 0; h < 2; h++)
          {
            set->price[s][h] = 0;
            set->arg[s][h] = -1;
          }
      /* The set's groups go largest first, so the scan stops at the
       * first free group (price 0) without the HBO need, and once β/capacity
       * alone exceeds the best with it. */
      for (int s = 0; s < DAG_N_SLOTS; s++)
        {
          DagSlotMask bit = DAG_SLOT_BIT (s);
          gboolean done0 = FALSE, done1 = FALSE;

          for (int j = 0; j < set->n && !(done0 && done1); j++)
            {
              int g = groups[j];
              double p, q;

              if (!(pb->group_slots[g] & bit))
                continue;
              p = b->mu[gs_index (g, s)];
              if (!done0 && (set->arg[s][0] < 0 || p < set->price[s][0]))
                {
                  set->price[s][0] = p;
                  set->arg[s][0] = g;
                }
              done0 |= p <= 0;
              q = b->beta[s] * b->inv_cap[g];
              if (set->arg[s][1] >= 0 && q >= set->price[s][1])
                done1 = TRUE;
              else if (set->arg[s][1] < 0 || p + q < set->price[s][1])
                {
                  set->price[s][1] = p + q;
                  set->arg[s][1] = g;
                }
            }
        }
    }

  memset (b->count, 0, sizeof (int) * pb->n_groups * DAG_N_SLOTS);
  memset (b->load, 0, sizeof b->load);
  memset (b->high, 0, sizeof b->high);
  for (int p = 0; p < pb->n_parts; p++)
    {
      const Part *part = &pb->parts[p];
      int live = 0, last = -1;

      for (int d = part->d_start; d < part->d_end; d++)
        if (pb->demands[d].max > 0 && pb->demands[d].reach != 0)
          {
            live++;
            last = d;
          }
      if (live == 1)
        total += solve_single (b, last, p);
      else if (live > 1)
        total += solve_multi (b, part);
    }

  for (int k = 0; k < pb->n_groups * DAG_N_SLOTS; k++)
    if (b->mu[k] > 0)
      total += b->mu[k] * b->cap[k / DAG_N_SLOTS];
  total += staff_value (b);
  return total;
}

/* ---- the bound ----------------------------------------------------------- */

static guint
trivial_bound (const Problem *pb)
{
  guint total = 0;

  for (int p = 0; p < pb->n_parts; p++)
    {
      const Part *part = &pb->parts[p];
      DagSlotMask all = 0;
      guint sum = 0;

      for (int d = part->d_start; d < part->d_end; d++)
        {
          const Demand *dm = &pb->demands[d];
          sum += MIN (MAX (dm->max, 0), __builtin_popcount (dm->reach));
          all |= dm->reach;
        }
      total += MIN (sum, (guint) __builtin_popcount (all));
    }
  return total;
}

guint
dag_problem_bound (const Problem *pb)
{
  Bound b;
  guint fixed = 0, trivial, bound;
  double best, delta;
  int since_best = 0, n_steps;

  for (int d = 0; d < pb->n_demands; d++)
    fixed += pb->demands[d].fixed;
  trivial = trivial_bound (pb);
  if (trivial == 0)
    return fixed;

  bound_init (&b, pb);
  best = evaluate (&b);
  /* Polyak steps towards a target delta below the best bound so far; the
   * gap delta halves when steps stop improving (a variable target). */
  delta = MAX (1.0, 0.2 * best);
  n_steps = CLAMP (STEP_WORK / MAX (pb->n_demands, 1), MIN_STEPS, MAX_STEPS);
  for (int step = 0; step < n_steps; step++)
    {
      double value = step == 0 ? best : evaluate (&b);
      double norm = 0, t;
      /* First the staff prices alone (capacity prices 0, also a valid
       * choice): the many capacity subgradients would otherwise drown the
       * few staff ones and keep those steps tiny.  Then all prices. */
      gboolean with_mu = step >= n_steps / 2;

      if (step == n_steps / 2)
        {
          delta = MAX (1.0, 0.05 * best);
          since_best = 0;
        }

      if (value < best - 1e-9)
        {
          best = value;
          since_best = 0;
        }
      else if (++since_best >= PATIENCE)
        {
          delta /= 2;
          since_best = 0;
        }
      if (best < 1 - EPSILON)
        break;
      if (delta < 0.01)
        {
          if (with_mu)
            break;
          step = n_steps / 2 - 1;   /* on to the second phase */
          continue;
        }

      /* Subgradient g = ∂value/∂price, deflected by the last direction;
       * prices step against it. */
      for (int k = 0; with_mu && k < pb->n_groups * DAG_N_SLOTS; k++)
        {
          double gk = b.cap[k / DAG_N_SLOTS] - b.count[k];
          double dk = gk + DEFL * b.dmu[k];

          if (b.mu[k] <= 0 && dk > 0)
            dk = 0;
          b.dmu[k] = dk;
          norm += dk * dk;
        }
      for (int s = 0; s < DAG_N_SLOTS; s++)
        {
          double da = b.p_all[s] - b.load[s] + DEFL * b.dalpha[s];
          double db = b.p_hbo[s] - b.high[s] + DEFL * b.dbeta[s];

          if (b.alpha[s] <= 0 && da > 0)
            da = 0;
          if (b.beta[s] <= 0 && db > 0)
            db = 0;
          b.dalpha[s] = da;
          b.dbeta[s] = db;
          norm += da * da + db * db;
        }
      if (norm < 1e-12)
        {
          if (with_mu)
            break;   /* the relaxed solution is feasible: the bound is exact */
          step = n_steps / 2 - 1;
          continue;
        }
      t = (value - (best - delta)) / norm;
      for (int k = 0; with_mu && k < pb->n_groups * DAG_N_SLOTS; k++)
        if (b.dmu[k] != 0)
          b.mu[k] = MAX (0, b.mu[k] - t * b.dmu[k]);
      for (int s = 0; s < DAG_N_SLOTS; s++)
        {
          b.alpha[s] = MAX (0, b.alpha[s] - t * b.dalpha[s]);
          b.beta[s] = MAX (0, b.beta[s] - t * b.dbeta[s]);
        }
    }
  {
    double last = evaluate (&b);
    best = MIN (best, last);
  }
  bound_clear (&b);

  bound = best < 0 ? 0 : (guint) floor (best + EPSILON);
  return MIN (bound, trivial) + fixed;
}
