/* dag-staff-planner.c — who works which group slot.  The participant
 * planner kept the staff pool (dag-staff-pool.c) able to fill every group
 * slot's positions on every dagdeel; this turns its counts into people:
 * per dagdeel the pool's staff, then per group slot first the positions
 * that need an HBO or an MBO member, then the rest, each time preferring
 * who worked the group already this week or in the existing plan. */

#include "config.h"

#include <string.h>

#include "dag-planner-private.h"

typedef struct {
  Problem    *pb;
  GHashTable *old;         /* existing staffing, for a re-plan */
  GArray    **team;        /* per group: staff who work it this week */
} Staffer;

static gpointer
old_key (int staff, int group, int slot)
{
  return GSIZE_TO_POINTER (((gsize) staff * 65536u + group) * 32u + slot + 1);
}

static int
affinity (Staffer *st, int s, int g, int slot)
{
  int v = 0;

  if (st->old != NULL && g_hash_table_contains (st->old, old_key (s, g, slot)))
    v += 2;
  for (guint k = 0; st->team[g] != NULL && k < st->team[g]->len; k++)
    if (g_array_index (st->team[g], int, k) == s)
      {
        v += 1;
        break;
      }
  return v;
}

/* Takes the member of list with the most affinity to group g (removed
 * from list); -1 when the list is empty. */
static int
take_best (Staffer *st, GArray *list, int g, int slot)
{
  int best = -1, best_v = -1;

  for (guint k = 0; k < list->len; k++)
    {
      int v = affinity (st, g_array_index (list, int, k), g, slot);
      if (v > best_v)
        {
          best_v = v;
          best = k;
        }
    }
  if (best < 0)
    return -1;
  {
    int s = g_array_index (list, int, best);
    g_array_remove_index (list, best);
    return s;
  }
}

static void
staff_group (Staffer *st, GArray *staffing, int s, int g, int slot)
{
  DagStaffing e = { s, g, slot, DAG_DATE_NONE, DAG_DATE_NONE };
  gboolean known = FALSE;

  g_array_append_val (staffing, e);
  if (st->team[g] == NULL)
    st->team[g] = g_array_new (FALSE, FALSE, sizeof (int));
  for (guint k = 0; k < st->team[g]->len && !known; k++)
    known = g_array_index (st->team[g], int, k) == s;
  if (!known)
    g_array_append_val (st->team[g], s);
}

/* Staffs the positions need (3 per group slot) with the people of pool. */
static void
staff_from_pool (Staffer *st, StaffPool *pool, const int *needs, GArray *staffing)
{
  Problem *pb = st->pb;
  int ng = pb->n_groups, ns = pb->org->staff->len;
  g_autofree int *left = g_new0 (int, ns + 1);
  g_autoptr(GArray) hbo = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GArray) mbo = g_array_new (FALSE, FALSE, sizeof (int));

  dag_staff_pool_init_left (pool, left);
  for (int slot = 0; slot < DAG_N_SLOTS; slot++)
    {
      g_array_set_size (hbo, 0);
      g_array_set_size (mbo, 0);
      dag_staff_pool_slot_staff (pool, slot, left, hbo, mbo);
      /* The positions only one qualification may fill, then the rest. */
      for (int g = 0; g < ng; g++)
        {
          const int *need = needs + 3 * gs_index (g, slot);
          for (int k = 0; k < need[0]; k++)
            staff_group (st, staffing, take_best (st, hbo, g, slot), g, slot);
          for (int k = 0; k < need[1]; k++)
            staff_group (st, staffing, take_best (st, mbo, g, slot), g, slot);
        }
      for (int g = 0; g < ng; g++)
        {
          const int *need = needs + 3 * gs_index (g, slot);
          for (int k = 0; k < need[2]; k++)
            {
              /* Either qualification: whoever knows the group best, MBO
               * first on a tie (HBO staff lead elsewhere). */
              int ih = -1, im = -1, vh = -1, vm = -1;
              for (guint j = 0; j < hbo->len; j++)
                {
                  int v = affinity (st, g_array_index (hbo, int, j), g, slot);
                  if (v > vh)
                    {
                      vh = v;
                      ih = j;
                    }
                }
              for (guint j = 0; j < mbo->len; j++)
                {
                  int v = affinity (st, g_array_index (mbo, int, j), g, slot);
                  if (v > vm)
                    {
                      vm = v;
                      im = j;
                    }
                }
              g_assert (ih >= 0 || im >= 0);
              if (im >= 0 && (ih < 0 || vm >= vh))
                {
                  staff_group (st, staffing, g_array_index (mbo, int, im), g, slot);
                  g_array_remove_index (mbo, im);
                }
              else
                {
                  staff_group (st, staffing, g_array_index (hbo, int, ih), g, slot);
                  g_array_remove_index (hbo, ih);
                }
            }
        }
    }
}

/* A re-plan keeps who worked a group slot where the slot still needs
 * someone of that qualification, and staffs the rest with who is left;
 * FALSE (staffing unchanged) when who is left cannot. */
static gboolean
staff_keeping (Staffer *st, GArray *staffing)
{
  Problem *pb = st->pb;
  const DagOrg *org = pb->org;
  int ng = pb->n_groups, ns = org->staff->len;
  g_autofree int *busy = g_memdup2 (pb->staff_busy, sizeof (int) * (ns + 1));
  g_autofree int *used = g_memdup2 (pb->staff_used, sizeof (int) * (ns + 1));
  g_autofree int *rest = g_memdup2 (pb->gs_need, sizeof (int) * (3 * ng * DAG_N_SLOTS + 1));
  g_autoptr(GArray) kept = g_array_new (FALSE, FALSE, sizeof (DagStaffing));
  StaffPool *pool;
  gboolean ok = TRUE;

  for (guint e = 0; e < org->staffing->len; e++)
    {
      const DagStaffing *old = DAG_AT (org->staffing, DagStaffing, e);
      const DagStaff *staff;
      int *need;

      if (old->staff < 0 || old->staff >= ns || old->group < 0 || old->group >= ng ||
          old->slot < 0 || old->slot >= DAG_N_SLOTS ||
          (pb->location >= 0 && pb->group_location[old->group] != pb->location))
        continue;
      staff = DAG_AT (org->staff, DagStaff, old->staff);
      need = rest + 3 * gs_index (old->group, old->slot);
      if (staff->qualification == DAG_QUAL_VOLUNTEER || !(staff->available & DAG_SLOT_BIT (old->slot)) ||
          (busy[old->staff] & DAG_SLOT_BIT (old->slot)) ||
          used[old->staff] >= dag_rules_staff_max_slots (&org->settings, staff))
        continue;
      if (staff->qualification == DAG_QUAL_HBO && need[0] > 0)
        need[0]--;
      else if (staff->qualification == DAG_QUAL_MBO && need[1] > 0)
        need[1]--;
      else if (need[2] > 0)
        need[2]--;
      else
        continue;
      busy[old->staff] |= DAG_SLOT_BIT (old->slot);
      used[old->staff]++;
      g_array_append_vals (kept, old, 1);
    }
  pool = dag_staff_pool_new (org, busy, used);
  for (int slot = 0; slot < DAG_N_SLOTS && ok; slot++)
    {
      int delta[3] = { 0, 0, 0 };
      for (int g = 0; g < ng; g++)
        for (int k = 0; k < 3; k++)
          delta[k] += rest[3 * gs_index (g, slot) + k];
      ok = dag_staff_pool_change (pool, slot, delta, TRUE);
    }
  if (ok)
    {
      for (guint e = 0; e < kept->len; e++)
        {
          const DagStaffing *k = DAG_AT (kept, DagStaffing, e);
          staff_group (st, staffing, k->staff, k->group, k->slot);
        }
      staff_from_pool (st, pool, rest, staffing);
    }
  dag_staff_pool_free (pool);
  return ok;
}

GArray *
dag_staff_plan (Problem *pb)
{
  const DagOrg *org = pb->org;
  int ng = pb->n_groups;
  GArray *staffing = g_array_new (FALSE, FALSE, sizeof (DagStaffing));
  Staffer st = { pb, NULL, g_new0 (GArray *, ng + 1) };

  if (pb->keep && org->staffing->len > 0)
    {
      st.old = g_hash_table_new (g_direct_hash, g_direct_equal);
      for (guint e = 0; e < org->staffing->len; e++)
        {
          const DagStaffing *old = DAG_AT (org->staffing, DagStaffing, e);
          g_hash_table_add (st.old, old_key (old->staff, old->group, old->slot));
        }
    }
  if (st.old == NULL || !staff_keeping (&st, staffing))
    staff_from_pool (&st, pb->pool, pb->gs_need, staffing);
  for (int g = 0; g < ng; g++)
    if (st.team[g] != NULL)
      g_array_unref (st.team[g]);
  g_free (st.team);
  g_clear_pointer (&st.old, g_hash_table_unref);
  return staffing;
}
