/* dag-staff-pool.c — staffing as counts per dagdeel (PLANNER.md).
 *
 * No rule ties a staff member to a group within a dagdeel, so whether the
 * staff can cover the plan is a question of counts: per dagdeel, so many
 * positions that need an HBO member, so many that need an MBO member and
 * so many either may fill.  Staff members with the same qualification,
 * availability and contract form a class.  The pool is a flow network
 *
 *   source → class (count × contract dagdelen)
 *          → HBO or MBO pool of a dagdeel (count: one dagdeel each)
 *          → HBO-only, MBO-only or either positions of the dagdeel → sink
 *
 * whose flow always fills every position exactly.  Merging identical staff
 * into a class is exact: a class flow of f_s ≤ n on each dagdeel with
 * Σ f_s ≤ n × contract splits over the n members round-robin.  Adding a
 * position is one augmenting path (a staff member may move from one
 * dagdeel to another to free the one asked for); taking one away cancels a
 * unit of flow.  A change that cannot be staffed is rolled back from a
 * journal, so the pool never holds an infeasible state. */

#include "config.h"

#include <string.h>

#include "dag-planner-private.h"

#define INF_CAP (1 << 28)

typedef struct {
  int to;
  int cap;
  int flow;
} Edge;

struct _StaffPool {
  int     n_nodes;
  int     n_classes;
  GArray *edges;          /* of Edge; edge e's reverse is e ^ 1 */
  int    *adj_start;      /* CSR of edge indexes per node */
  int    *adj;
  /* Per class: qualification (0 HBO, 1 MBO), members. */
  int    *class_qual;
  GArray *class_members;  /* of int (org staff index), grouped by class */
  int    *class_first;    /* into class_members */
  int    *class_edge;     /* source → class edge */
  int    *class_contract; /* dagdelen each member may still work */
  /* Position demand edges per slot and kind (0 HBO, 1 MBO, 2 either). */
  int     demand_edge[DAG_N_SLOTS][3];
  int     hbo_pool[DAG_N_SLOTS], mbo_pool[DAG_N_SLOTS];
  /* Search scratch. */
  int    *prev_edge;
  int    *queue;
  int    *mark;
  int     stamp;
  /* Undo journal of flow changes (edge, delta) and of capacity changes. */
  GArray *journal;
  /* Answers to trial changes of at most one position of each kind, per
   * slot and change.  Feasibility is monotone in the positions: a yes
   * holds until positions are added anywhere, a no until some are taken
   * away (versions 1 and up; 0 is unknown). */
  guint    added, removed;
  guint    memo_added[DAG_N_SLOTS][27];
  guint    memo_removed[DAG_N_SLOTS][27];
  gboolean memo[DAG_N_SLOTS][27];
};

enum { SOURCE = 0, SINK = 1 };

static int
demand_node (int slot, int kind)
{
  return 2 + slot * 5 + kind;
}

static int
pool_node (int slot, int qual)
{
  return 2 + slot * 5 + 3 + qual;
}

typedef struct {
  int from;
  int to;
  int cap;
} EdgeSpec;

static void
add_edge (GArray *specs, int from, int to, int cap)
{
  EdgeSpec e = { from, to, cap };
  g_array_append_val (specs, e);
}

typedef struct {
  int         qual;
  DagSlotMask available;
  int         contract;
  int         staff;
} StaffKey;

static int
compare_key (gconstpointer a, gconstpointer b)
{
  const StaffKey *x = a, *y = b;
  if (x->qual != y->qual)
    return x->qual - y->qual;
  if (x->available != y->available)
    return x->available < y->available ? -1 : 1;
  if (x->contract != y->contract)
    return x->contract - y->contract;
  return x->staff - y->staff;
}

StaffPool *
dag_staff_pool_new (const DagOrg *org,
                    const int    *busy_slots,
                    const int    *used_contract)
{
  StaffPool *sp = g_new0 (StaffPool, 1);
  int ns = org->staff->len;
  g_autoptr(GArray) keys = g_array_new (FALSE, FALSE, sizeof (StaffKey));
  g_autoptr(GArray) specs = g_array_new (FALSE, FALSE, sizeof (EdgeSpec));
  g_autoptr(GArray) class_spec = g_array_new (FALSE, FALSE, sizeof (int));
  g_autofree int *degree = NULL;
  int base;

  for (int s = 0; s < ns; s++)
    {
      const DagStaff *st = DAG_AT (org->staff, DagStaff, s);
      StaffKey k;

      if (st->qualification == DAG_QUAL_VOLUNTEER)
        continue;
      k.qual = st->qualification == DAG_QUAL_HBO ? 0 : 1;
      k.available = st->available & ((1u << DAG_N_SLOTS) - 1);
      if (busy_slots != NULL)
        k.available &= ~(DagSlotMask) busy_slots[s];
      k.contract = dag_rules_staff_max_slots (&org->settings, st) -
                   (used_contract != NULL ? used_contract[s] : 0);
      k.contract = MIN (k.contract, __builtin_popcount (k.available));
      k.staff = s;
      if (k.contract <= 0 || k.available == 0)
        continue;
      g_array_append_val (keys, k);
    }
  g_array_sort (keys, compare_key);

  sp->class_members = g_array_new (FALSE, FALSE, sizeof (int));
  sp->class_first = g_new (int, keys->len + 2);
  sp->class_qual = g_new (int, keys->len + 1);
  sp->class_contract = g_new (int, keys->len + 1);
  base = 2 + DAG_N_SLOTS * 5;
  for (guint i = 0; i < keys->len;)
    {
      const StaffKey *k = &g_array_index (keys, StaffKey, i);
      guint j = i;
      int c = sp->n_classes++;

      sp->class_first[c] = sp->class_members->len;
      sp->class_qual[c] = k->qual;
      sp->class_contract[c] = k->contract;
      while (j < keys->len && g_array_index (keys, StaffKey, j).qual == k->qual &&
             g_array_index (keys, StaffKey, j).available == k->available &&
             g_array_index (keys, StaffKey, j).contract == k->contract)
        {
          g_array_append_val (sp->class_members, g_array_index (keys, StaffKey, j).staff);
          j++;
        }
      add_edge (specs, SOURCE, base + c, (int) (j - i) * k->contract);
      g_array_append_val (class_spec, specs->len);
      for (int slot = 0; slot < DAG_N_SLOTS; slot++)
        if (k->available & DAG_SLOT_BIT (slot))
          add_edge (specs, base + c, pool_node (slot, k->qual), (int) (j - i));
      i = j;
    }
  sp->class_first[sp->n_classes] = sp->class_members->len;
  for (int slot = 0; slot < DAG_N_SLOTS; slot++)
    {
      add_edge (specs, pool_node (slot, 0), demand_node (slot, 0), INF_CAP);
      add_edge (specs, pool_node (slot, 0), demand_node (slot, 2), INF_CAP);
      add_edge (specs, pool_node (slot, 1), demand_node (slot, 1), INF_CAP);
      add_edge (specs, pool_node (slot, 1), demand_node (slot, 2), INF_CAP);
    }
  for (int slot = 0; slot < DAG_N_SLOTS; slot++)
    for (int kind = 0; kind < 3; kind++)
      add_edge (specs, demand_node (slot, kind), SINK, 0);

  /* Edges in pairs, CSR per node. */
  sp->n_nodes = base + sp->n_classes;
  sp->edges = g_array_sized_new (FALSE, FALSE, sizeof (Edge), specs->len * 2);
  degree = g_new0 (int, sp->n_nodes + 1);
  sp->class_edge = g_new (int, sp->n_classes + 1);
  for (guint i = 0; i < specs->len; i++)
    {
      const EdgeSpec *e = &g_array_index (specs, EdgeSpec, i);
      Edge fwd = { e->to, e->cap, 0 }, rev = { e->from, 0, 0 };
      g_array_append_val (sp->edges, fwd);
      g_array_append_val (sp->edges, rev);
      degree[e->from]++;
      degree[e->to]++;
      if (e->from == SOURCE)
        sp->class_edge[e->to - base] = 2 * i;
      if (e->to == SINK)
        sp->demand_edge[(e->from - 2) / 5][(e->from - 2) % 5] = 2 * i;
    }
  sp->adj_start = g_new0 (int, sp->n_nodes + 1);
  for (int v = 0; v < sp->n_nodes; v++)
    sp->adj_start[v + 1] = sp->adj_start[v] + degree[v];
  sp->adj = g_new (int, sp->edges->len + 1);
  memset (degree, 0, sizeof (int) * sp->n_nodes);
  for (guint i = 0; i < specs->len; i++)
    {
      const EdgeSpec *e = &g_array_index (specs, EdgeSpec, i);
      sp->adj[sp->adj_start[e->from] + degree[e->from]++] = 2 * i;
      sp->adj[sp->adj_start[e->to] + degree[e->to]++] = 2 * i + 1;
    }
  for (int slot = 0; slot < DAG_N_SLOTS; slot++)
    {
      sp->hbo_pool[slot] = pool_node (slot, 0);
      sp->mbo_pool[slot] = pool_node (slot, 1);
    }
  sp->prev_edge = g_new (int, sp->n_nodes + 1);
  sp->queue = g_new (int, sp->n_nodes + 1);
  sp->mark = g_new0 (int, sp->n_nodes + 1);
  sp->journal = g_array_new (FALSE, FALSE, sizeof (int) * 2);
  /* Versions start at 1, so that the zeroed memo is unknown. */
  sp->added = sp->removed = 1;
  return sp;
}

void
dag_staff_pool_free (StaffPool *sp)
{
  if (sp == NULL)
    return;
  g_array_unref (sp->edges);
  g_array_unref (sp->class_members);
  g_array_unref (sp->journal);
  g_free (sp->class_first);
  g_free (sp->class_qual);
  g_free (sp->class_contract);
  g_free (sp->class_edge);
  g_free (sp->adj_start);
  g_free (sp->adj);
  g_free (sp->prev_edge);
  g_free (sp->queue);
  g_free (sp->mark);
  g_free (sp);
}

static inline Edge *
edge (StaffPool *sp, int e)
{
  return &g_array_index (sp->edges, Edge, e);
}

/* Pushes delta along edge e (and -delta on its reverse), journalled. */
static void
push (StaffPool *sp, int e, int delta)
{
  int rec[2] = { e, delta };

  edge (sp, e)->flow += delta;
  edge (sp, e ^ 1)->flow -= delta;
  g_array_append_val (sp->journal, rec);
}

static inline int
residual (StaffPool *sp, int e)
{
  const Edge *x = edge (sp, e);
  return x->cap - x->flow;
}

/* Breadth-first search from the source over edges with room, marking
 * what it reaches (mark == stamp, prev_edge); TRUE when the sink is. */
static gboolean
search (StaffPool *sp)
{
  int head = 0, tail = 0;

  sp->stamp++;
  sp->mark[SOURCE] = sp->stamp;
  sp->queue[tail++] = SOURCE;
  while (head < tail)
    {
      int v = sp->queue[head++];
      for (int k = sp->adj_start[v]; k < sp->adj_start[v + 1]; k++)
        {
          int e = sp->adj[k], w = edge (sp, e)->to;
          if (sp->mark[w] == sp->stamp || residual (sp, e) <= 0)
            continue;
          sp->mark[w] = sp->stamp;
          sp->prev_edge[w] = e;
          if (w == SINK)
            return TRUE;
          sp->queue[tail++] = w;
        }
    }
  return FALSE;
}

/* One augmenting path from the source to the sink; FALSE when none. */
static gboolean
augment (StaffPool *sp)
{
  if (!search (sp))
    return FALSE;
  for (int x = SINK; x != SOURCE; x = edge (sp, sp->prev_edge[x] ^ 1)->to)
    push (sp, sp->prev_edge[x], 1);
  return TRUE;
}

/* Takes one unit of flow off the path that ends in demand edge de. */
static void
cancel_unit (StaffPool *sp, int de)
{
  int v = edge (sp, de ^ 1)->to;   /* the demand node */

  push (sp, de, -1);
  while (v != SOURCE)
    {
      int back = -1;
      /* An incoming edge with flow: a reverse edge with negative flow. */
      for (int k = sp->adj_start[v]; k < sp->adj_start[v + 1]; k++)
        {
          int e = sp->adj[k];
          if ((e & 1) && edge (sp, e)->flow < 0)
            {
              back = e ^ 1;
              break;
            }
        }
      g_assert (back >= 0);
      push (sp, back, -1);
      v = edge (sp, back ^ 1)->to;
    }
}

static void
set_cap (StaffPool *sp, int e, int cap)
{
  int rec[2] = { -1 - e, edge (sp, e)->cap };

  g_array_append_val (sp->journal, rec);
  edge (sp, e)->cap = cap;
}

static void
rollback (StaffPool *sp, guint mark)
{
  while (sp->journal->len > mark)
    {
      const int *rec = &g_array_index (sp->journal, int, 2 * (sp->journal->len - 1));
      if (rec[0] >= 0)
        {
          edge (sp, rec[0])->flow -= rec[1];
          edge (sp, rec[0] ^ 1)->flow += rec[1];
        }
      else
        edge (sp, -1 - rec[0])->cap = rec[1];
      g_array_set_size (sp->journal, sp->journal->len - 1);
    }
}

static void
remember (StaffPool *sp, int slot, int code, gboolean ok)
{
  sp->memo[slot][code] = ok;
  sp->memo_added[slot][code] = sp->added;
  sp->memo_removed[slot][code] = sp->removed;
}

/* What the source reaches in the residual network decides, for every slot
 * and kind, whether one more position can be filled. */
static void
reach (StaffPool *sp)
{
  /* The demand edges are full (the flow fills every position), so the
   * search never reaches the sink and marks all it can reach. */
  gboolean through = search (sp);

  g_assert (!through);
  for (int slot = 0; slot < DAG_N_SLOTS; slot++)
    for (int kind = 0; kind < 3; kind++)
      {
        static const int codes[3] = { 2 * 9 + 1 * 3 + 1, 1 * 9 + 2 * 3 + 1, 1 * 9 + 1 * 3 + 2 };
        remember (sp, slot, codes[kind], sp->mark[demand_node (slot, kind)] == sp->stamp);
      }
}

gboolean
dag_staff_pool_change (StaffPool *sp,
                       int        slot,
                       const int  delta[3],
                       gboolean   apply)
{
  guint mark = sp->journal->len;
  gboolean ok = TRUE;

  int code = -1;

  if (delta[0] == 0 && delta[1] == 0 && delta[2] == 0)
    return TRUE;
  if (ABS (delta[0]) <= 1 && ABS (delta[1]) <= 1 && ABS (delta[2]) <= 1)
    {
      code = (delta[0] + 1) * 9 + (delta[1] + 1) * 3 + delta[2] + 1;
      if (!apply)
        {
          if (sp->memo[slot][code] ? sp->memo_added[slot][code] == sp->added
                                   : sp->memo_removed[slot][code] == sp->removed)
            return sp->memo[slot][code];
          if (delta[0] + delta[1] + delta[2] == 1 && delta[0] >= 0 && delta[1] >= 0 && delta[2] >= 0)
            {
              /* One more position of one kind: answered for every slot
               * and kind at once by what the source reaches. */
              reach (sp);
              return sp->memo[slot][code];
            }
        }
    }
  /* Fewer positions first: what they free may serve the new ones. */
  for (int kind = 0; kind < 3; kind++)
    for (int k = 0; k < -delta[kind]; k++)
      {
        int de = sp->demand_edge[slot][kind];
        if (edge (sp, de)->flow >= edge (sp, de)->cap)
          cancel_unit (sp, de);
        set_cap (sp, de, edge (sp, de)->cap - 1);
      }
  for (int kind = 0; kind < 3 && ok; kind++)
    for (int k = 0; k < delta[kind] && ok; k++)
      {
        int de = sp->demand_edge[slot][kind];
        set_cap (sp, de, edge (sp, de)->cap + 1);
        ok = augment (sp);
      }
  if (!ok || !apply)
    rollback (sp, mark);
  g_array_set_size (sp->journal, mark);
  if (ok && apply)
    {
      if (delta[0] > 0 || delta[1] > 0 || delta[2] > 0)
        sp->added++;
      if (delta[0] < 0 || delta[1] < 0 || delta[2] < 0)
        sp->removed++;
    }
  else if (code >= 0)
    remember (sp, slot, code, ok);
  return ok;
}

int
dag_staff_pool_positions (StaffPool *sp)
{
  int total = 0;

  for (int slot = 0; slot < DAG_N_SLOTS; slot++)
    for (int kind = 0; kind < 3; kind++)
      total += edge (sp, sp->demand_edge[slot][kind])->cap;
  return total;
}

int
dag_staff_pool_capacity (StaffPool *sp)
{
  int total = 0;

  for (int c = 0; c < sp->n_classes; c++)
    total += edge (sp, sp->class_edge[c])->cap;
  return total;
}

void
dag_staff_pool_init_left (StaffPool *sp,
                          int       *left)
{
  for (int c = 0; c < sp->n_classes; c++)
    for (int m = sp->class_first[c]; m < sp->class_first[c + 1]; m++)
      left[g_array_index (sp->class_members, int, m)] = sp->class_contract[c];
}

/* The staff who fill the positions of one slot, as the flow has them:
 * per class, the flow into the slot's pool, split over the class members
 * with the most contract left (a round-robin that keeps every member
 * within the contract; left[] is per org staff member). */
void
dag_staff_pool_slot_staff (StaffPool *sp,
                           int        slot,
                           int       *left,
                           GArray    *hbo,
                           GArray    *mbo)
{
  int base = 2 + DAG_N_SLOTS * 5;

  for (int c = 0; c < sp->n_classes; c++)
    {
      int v = base + c, flow = 0;

      for (int k = sp->adj_start[v]; k < sp->adj_start[v + 1]; k++)
        {
          int e = sp->adj[k];
          if (!(e & 1) && edge (sp, e)->to == pool_node (slot, sp->class_qual[c]))
            flow = edge (sp, e)->flow;
        }
      for (int n = 0; n < flow; n++)
        {
          int best = -1;
          for (int m = sp->class_first[c]; m < sp->class_first[c + 1]; m++)
            {
              int s = g_array_index (sp->class_members, int, m);
              gboolean taken = FALSE;
              GArray *list = sp->class_qual[c] == 0 ? hbo : mbo;
              for (guint j = 0; j < list->len && !taken; j++)
                taken = g_array_index (list, int, j) == s;
              if (taken)
                continue;
              if (best < 0 || left[s] > left[best])
                best = s;
            }
          g_assert (best >= 0);
          left[best]--;
          g_array_append_val (sp->class_qual[c] == 0 ? hbo : mbo, best);
        }
    }
}
