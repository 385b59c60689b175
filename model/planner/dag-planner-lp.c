/* dag-planner-lp.c — writes the participant planning problem as a CPLEX-LP
 * model with the planner's own objective, so an exact solver (glpsol, cbc)
 * can tell how far the planner is from the optimum or the LP bound.  Staff
 * are left out: the model is the participant planner's problem. */

#include "config.h"

#include "dag-planner-private.h"

typedef struct {
  GString *s;
  int      terms;
} Line;

static void
term (Line *l, gint64 coef, const char *fmt, ...) G_GNUC_PRINTF (3, 4);

static void
term (Line *l, gint64 coef, const char *fmt, ...)
{
  va_list ap;

  /* Keep lines short: some readers limit their length. */
  if (++l->terms % 8 == 0)
    g_string_append (l->s, "\n   ");
  g_string_append_printf (l->s, " %c %" G_GINT64_FORMAT " ", coef < 0 ? '-' : '+', coef < 0 ? -coef : coef);
  va_start (ap, fmt);
  g_string_append_vprintf (l->s, fmt, ap);
  va_end (ap);
}

char *
dag_planner_write_lp (const DagOrg            *org,
                      const DagPlannerOptions *options,
                      gboolean                 relax)
{
  Problem *pb = dag_problem_new (org, options);
  GString *s = g_string_new (NULL);
  Line l = { s, 0 };
  int ngs = pb->n_groups * DAG_N_SLOTS;
  g_autofree int *x_first = g_new (int, pb->n_cands + 1);   /* first x of a candidate */
  g_autofree int *gs_used = g_new0 (int, ngs + 1);
  int nx = 0;

  for (int c = 0; c < pb->n_cands; c++)
    {
      x_first[c] = nx;
      nx += __builtin_popcount (pb->cand_mask[c]);
    }

/* Every x of demand d: candidate c, slot, variable number x. */
#define FOR_X(d, c, slot, x) \
  for (int c = pb->demands[d].cand_start; c < pb->demands[d].cand_end; c++) \
    for (int slot = 0, x = x_first[c]; slot < DAG_N_SLOTS; \
         x += (pb->cand_mask[c] & DAG_SLOT_BIT (slot)) != 0, slot++) \
      if (pb->cand_mask[c] & DAG_SLOT_BIT (slot))

  g_string_append_printf (s, "\\ Dagritme week plan, %d demands, %d variables x\nMaximize\n obj:", pb->n_demands, nx);
  for (int d = 0; d < pb->n_demands; d++)
    {
      const Part *p = &pb->parts[pb->demands[d].part];
      FOR_X (d, c, slot, x)
        {
          int g = pb->cand_group[c];
          gint64 coef = W_PLACED;
          if (pb->keep && p->old_at[slot] == g)
            coef += W_KEEP;
          if (p->preferred & (1u << DAG_SLOT_DAY (slot)))
            coef += W_PREF;
          term (&l, coef, "x%d", x);
          gs_used[g * DAG_N_SLOTS + slot] = 1;
        }
    }
  for (int pi = 0; pi < pb->n_parts; pi++)
    {
      const Part *p = &pb->parts[pi];
      g_autoptr(GHashTable) groups = g_hash_table_new (g_direct_hash, g_direct_equal);
      for (int d = p->d_start; d < p->d_end; d++)
        for (int c = pb->demands[d].cand_start; c < pb->demands[d].cand_end; c++)
          g_hash_table_add (groups, GINT_TO_POINTER (pb->cand_group[c] + 1));
      {
        GHashTableIter it;
        gpointer key;
        g_hash_table_iter_init (&it, groups);
        while (g_hash_table_iter_next (&it, &key, NULL))
          term (&l, -W_GROUP, "u%d_%d", pi, GPOINTER_TO_INT (key) - 1);
      }
      term (&l, W_GROUP, "v%d", pi);
      if (p->bus)
        for (int day = 0; day < DAG_N_DAYS; day++)
          term (&l, -W_HALF, "z%d_%d", pi, day);
    }
  for (int gs = 0; gs < ngs; gs++)
    if (gs_used[gs])
      for (int k = 1; k <= pb->group_capacity[gs / DAG_N_SLOTS]; k++)
        term (&l, -(gint64) W_BALANCE * (2 * k - 1), "y%d_%d", gs, k);

  g_string_append (s, "\nSubject To\n");
  /* Weekly volume. */
  for (int d = 0; d < pb->n_demands; d++)
    {
      l.terms = 0;
      if (pb->demands[d].cand_start == pb->demands[d].cand_end)
        continue;
      g_string_append_printf (s, " vol%d:", d);
      FOR_X (d, c, slot, x)
        {
          (void) slot;
          term (&l, 1, "x%d", x);
        }
      g_string_append_printf (s, " <= %d\n", pb->demands[d].max);
    }
  /* One group per participant per slot; whole days for bus travellers;
   * u and v count the groups a participant attends. */
  for (int pi = 0; pi < pb->n_parts; pi++)
    {
      const Part *p = &pb->parts[pi];
      g_autoptr(GHashTable) groups = g_hash_table_new (g_direct_hash, g_direct_equal);

      for (int slot = 0; slot < DAG_N_SLOTS; slot++)
        {
          gboolean any = FALSE;
          l.terms = 0;
          for (int d = p->d_start; d < p->d_end; d++)
            FOR_X (d, c, sl, x)
              if (sl == slot)
                {
                  if (!any)
                    g_string_append_printf (s, " one%d_%d:", pi, slot);
                  term (&l, 1, "x%d", x);
                  any = TRUE;
                }
          if (any)
            g_string_append (s, " <= 1\n");
        }
      for (int d = p->d_start; d < p->d_end; d++)
        FOR_X (d, c, slot, x)
          {
            int g = pb->cand_group[c];
            g_string_append_printf (s, " grp%d: x%d - u%d_%d <= 0\n", x, x, pi, g);
            g_hash_table_add (groups, GINT_TO_POINTER (g + 1));
            (void) slot;
          }
      {
        GHashTableIter it;
        gpointer key;
        l.terms = 0;
        g_string_append_printf (s, " any%d: v%d", pi, pi);
        g_hash_table_iter_init (&it, groups);
        while (g_hash_table_iter_next (&it, &key, NULL))
          term (&l, -1, "u%d_%d", pi, GPOINTER_TO_INT (key) - 1);
        g_string_append (s, " <= 0\n");
      }
      if (p->bus)
        for (int day = 0; day < DAG_N_DAYS; day++)
          {
            g_autoptr(GHashTable) locs = g_hash_table_new (g_direct_hash, g_direct_equal);
            GHashTableIter it;
            gpointer key;

            for (int d = p->d_start; d < p->d_end; d++)
              for (int c = pb->demands[d].cand_start; c < pb->demands[d].cand_end; c++)
                g_hash_table_add (locs, GINT_TO_POINTER (pb->group_location[pb->cand_group[c]] + 2));
            g_hash_table_iter_init (&it, locs);
            while (g_hash_table_iter_next (&it, &key, NULL))
              {
                int loc = GPOINTER_TO_INT (key) - 2;
                for (int sign = 1; sign >= -1; sign -= 2)
                  {
                    l.terms = 0;
                    g_string_append_printf (s, " half%d_%d_%d_%c: - z%d_%d", pi, day, loc + 1,
                                            sign > 0 ? 'a' : 'b', pi, day);
                    for (int d = p->d_start; d < p->d_end; d++)
                      FOR_X (d, c, slot, x)
                        {
                          int g = pb->cand_group[c];
                          if (pb->group_location[g] != loc || DAG_SLOT_DAY (slot) != day)
                            continue;
                          if (DAG_SLOT_PART (slot) == DAG_PART_AM)
                            term (&l, sign, "x%d", x);
                          else if (DAG_SLOT_PART (slot) == DAG_PART_PM)
                            term (&l, -sign, "x%d", x);
                        }
                    g_string_append (s, " <= 0\n");
                  }
              }
          }
    }
  /* Group slot sizes: y counts the places taken (capacity is their number). */
  {
    GString **rows = g_new0 (GString *, ngs + 1);
    for (int d = 0; d < pb->n_demands; d++)
      FOR_X (d, c, slot, x)
        {
          int gs = pb->cand_group[c] * DAG_N_SLOTS + slot;
          if (rows[gs] == NULL)
            rows[gs] = g_string_new (NULL);
          if (rows[gs]->len % 120 > 100)
            g_string_append (rows[gs], "\n   ");
          g_string_append_printf (rows[gs], " + x%d", x);
        }
    for (int gs = 0; gs < ngs; gs++)
      if (rows[gs] != NULL)
        {
          l.terms = 0;
          g_string_append_printf (s, " cap%d:%s", gs, rows[gs]->str);
          for (int k = 1; k <= pb->group_capacity[gs / DAG_N_SLOTS]; k++)
            term (&l, -1, "y%d_%d", gs, k);
          g_string_append (s, " = 0\n");
          g_string_free (rows[gs], TRUE);
        }
    g_free (rows);
  }

  g_string_append (s, "Bounds\n");
  for (int i = 0; i < nx; i++)
    g_string_append_printf (s, " 0 <= x%d <= 1\n", i);
  for (int pi = 0; pi < pb->n_parts; pi++)
    {
      g_string_append_printf (s, " 0 <= v%d <= 1\n", pi);
    }
  for (int gs = 0; gs < ngs; gs++)
    if (gs_used[gs])
      for (int k = 1; k <= pb->group_capacity[gs / DAG_N_SLOTS]; k++)
        g_string_append_printf (s, " 0 <= y%d_%d <= 1\n", gs, k);
  if (!relax && nx > 0)
    {
      g_string_append (s, "General\n");
      for (int i = 0; i < nx; i++)
        g_string_append_printf (s, " x%d\n", i);
    }
  g_string_append (s, "End\n");
#undef FOR_X
  dag_problem_free (pb);
  return g_string_free (s, FALSE);
}
