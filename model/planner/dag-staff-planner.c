/* dag-staff-planner.c — assigns staff to the group slots the participant
 * planner filled: required staff, the duo rule and HBO presence (from the
 * rules module), within availability and contract hours, keeping the same
 * staff with the same group across the week. */

#include "config.h"

#include <string.h>

#include "dag-planner-private.h"

enum { WANT_HBO, WANT_MBO, WANT_ANY };

/* How many free staff of a slot to weigh for one place (the continuity
 * candidates, the group's own team, are always weighed). */
#define SCAN_LIMIT 48

typedef struct {
  Problem     *pb;
  const DagOrg *org;
  int          ns;
  int         *remaining;      /* dagdelen left in the contract */
  DagSlotMask *used;
  GArray      *free_list[DAG_N_SLOTS];
  GArray     **team;           /* per group: staff who work it */
  GHashTable  *old;            /* existing staffing, for a re-plan */
  GArray      *staffing;
} Staffer;

static gpointer
old_key (int staff, int group, int slot)
{
  return GSIZE_TO_POINTER (((gsize) staff * 65536u + group) * 32u + slot + 1);
}

static gboolean
usable (Staffer *st, int s, int slot, int want)
{
  const DagStaff *staff = DAG_AT (st->org->staff, DagStaff, s);

  if (st->remaining[s] <= 0 || (st->used[s] & DAG_SLOT_BIT (slot)) ||
      !(staff->available & DAG_SLOT_BIT (slot)))
    return FALSE;
  switch (want)
    {
    case WANT_HBO: return staff->qualification == DAG_QUAL_HBO;
    case WANT_MBO: return staff->qualification == DAG_QUAL_MBO;
    default: return staff->qualification != DAG_QUAL_VOLUNTEER;
    }
}

static void
take (Staffer *st, int s, int g, int slot)
{
  Problem *pb = st->pb;
  DagStaffing e = { s, g, slot };
  int gs = g * DAG_N_SLOTS + slot;
  gboolean in_team = FALSE;

  g_array_append_val (st->staffing, e);
  st->used[s] |= DAG_SLOT_BIT (slot);
  st->remaining[s]--;
  if (DAG_AT (st->org->staff, DagStaff, s)->qualification == DAG_QUAL_HBO)
    pb->gs_hbo[gs]++;
  else
    pb->gs_mbo[gs]++;
  if (st->team[g] == NULL)
    st->team[g] = g_array_new (FALSE, FALSE, sizeof (int));
  for (guint k = 0; k < st->team[g]->len; k++)
    in_team |= g_array_index (st->team[g], int, k) == s;
  if (!in_team)
    g_array_append_val (st->team[g], s);
}

static int
score (Staffer *st, int s, int g, int slot, DagSlotMask open, int want)
{
  const DagStaff *staff = DAG_AT (st->org->staff, DagStaff, s);
  int v = 100 * __builtin_popcount (staff->available & open);

  if (st->old && g_hash_table_contains (st->old, old_key (s, g, slot)))
    v += 1000000;
  /* HBO staff are the scarcer: spend them where an HBO is required. */
  if (want == WANT_ANY && staff->qualification == DAG_QUAL_MBO)
    v += 50;
  /* Fewer dagdelen left than open slots: less continuity to offer. */
  v += MIN (st->remaining[s], __builtin_popcount (open));
  return v;
}

static int
pick (Staffer *st, int g, int slot, DagSlotMask open, int want)
{
  int best = -1, best_score = G_MININT;
  GArray *list = st->free_list[slot];
  int seen = 0;

  if (st->team[g] != NULL)
    for (guint k = 0; k < st->team[g]->len; k++)
      {
        int s = g_array_index (st->team[g], int, k);
        int v;
        if (!usable (st, s, slot, want))
          continue;
        v = 10000000 + score (st, s, g, slot, open, want);
        if (v > best_score)
          {
            best_score = v;
            best = s;
          }
      }
  if (best >= 0)
    return best;

  for (guint k = 0; k < list->len && seen < SCAN_LIMIT;)
    {
      int s = g_array_index (list, int, k);
      int v;

      /* Drop those who can no longer work this slot at all. */
      if (st->remaining[s] <= 0 || (st->used[s] & DAG_SLOT_BIT (slot)))
        {
          g_array_remove_index_fast (list, k);
          continue;
        }
      k++;
      if (!usable (st, s, slot, want))
        continue;
      seen++;
      v = score (st, s, g, slot, open, want);
      if (v > best_score)
        {
          best_score = v;
          best = s;
        }
    }
  return best;
}

typedef struct {
  int g;
  int need;
} GroupNeed;

static int
compare_need (gconstpointer a, gconstpointer b)
{
  const GroupNeed *ga = a, *gb = b;
  if (ga->need != gb->need)
    return gb->need - ga->need;
  return ga->g - gb->g;
}

GArray *
dag_staff_plan (Problem      *pb,
                GCancellable *cancellable)
{
  const DagOrg *org = pb->org;
  Staffer st = { 0 };
  int ng = pb->n_groups;
  g_autofree GroupNeed *order = g_new (GroupNeed, ng + 1);
  g_autofree DagStaffNeed *needs = g_new0 (DagStaffNeed, ng * DAG_N_SLOTS + 1);

  st.pb = pb;
  st.org = org;
  st.ns = org->staff->len;
  st.remaining = g_new (int, st.ns + 1);
  st.used = g_new0 (DagSlotMask, st.ns + 1);
  st.team = g_new0 (GArray *, ng + 1);
  st.staffing = g_array_new (FALSE, FALSE, sizeof (DagStaffing));
  for (int slot = 0; slot < DAG_N_SLOTS; slot++)
    st.free_list[slot] = g_array_new (FALSE, FALSE, sizeof (int));
  for (int s = 0; s < st.ns; s++)
    {
      const DagStaff *staff = DAG_AT (org->staff, DagStaff, s);
      st.remaining[s] = dag_rules_staff_max_slots (&org->settings, staff);
      if (staff->qualification == DAG_QUAL_VOLUNTEER)
        continue;
      for (int slot = 0; slot < DAG_N_SLOTS; slot++)
        if (staff->available & DAG_SLOT_BIT (slot))
          g_array_append_val (st.free_list[slot], s);
    }
  /* A plan of one location keeps the staffing of the others: who works
   * there is busy then, and those dagdelen count in the contract. */
  for (guint e = 0; pb->location >= 0 && e < org->staffing->len; e++)
    {
      const DagStaffing *fixed = DAG_AT (org->staffing, DagStaffing, e);

      if (fixed->staff < 0 || fixed->staff >= st.ns || fixed->group < 0 || fixed->group >= ng ||
          fixed->slot < 0 || fixed->slot >= DAG_N_SLOTS || pb->group_location[fixed->group] == pb->location)
        continue;
      if (!(st.used[fixed->staff] & DAG_SLOT_BIT (fixed->slot)))
        st.remaining[fixed->staff]--;
      st.used[fixed->staff] |= DAG_SLOT_BIT (fixed->slot);
    }
  memset (pb->gs_hbo, 0, sizeof (int) * ng * DAG_N_SLOTS);
  memset (pb->gs_mbo, 0, sizeof (int) * ng * DAG_N_SLOTS);

  for (int g = 0; g < ng; g++)
    {
      order[g].g = g;
      order[g].need = 0;
      for (int slot = 0; slot < DAG_N_SLOTS; slot++)
        {
          int gs = g * DAG_N_SLOTS + slot;
          dag_rules_staff_need (pb->unit, pb->gs_load[gs], pb->gs_count[gs], pb->gs_high[gs] > 0,
                                &needs[gs]);
          order[g].need += needs[gs].total;
        }
    }
  qsort (order, ng, sizeof (GroupNeed), compare_need);

  /* A re-plan first keeps the staffing that is still needed. */
  if (pb->keep && org->staffing->len > 0)
    {
      st.old = g_hash_table_new (g_direct_hash, g_direct_equal);
      for (guint e = 0; e < org->staffing->len; e++)
        {
          const DagStaffing *old = DAG_AT (org->staffing, DagStaffing, e);
          int gs;
          const DagStaff *staff;
          int want;

          if (old->staff < 0 || old->staff >= st.ns || old->group < 0 || old->group >= ng ||
              old->slot < 0 || old->slot >= DAG_N_SLOTS)
            continue;
          g_hash_table_add (st.old, old_key (old->staff, old->group, old->slot));
          gs = old->group * DAG_N_SLOTS + old->slot;
          staff = DAG_AT (org->staff, DagStaff, old->staff);
          want = staff->qualification == DAG_QUAL_HBO ? WANT_HBO : WANT_MBO;
          if (needs[gs].total == 0 || dag_rules_staff_covers (&needs[gs], pb->gs_hbo[gs], pb->gs_mbo[gs]))
            continue;
          /* Only where this qualification still helps. */
          if ((want == WANT_HBO && pb->gs_hbo[gs] >= MAX (needs[gs].hbo, needs[gs].total - needs[gs].mbo)) ||
              (want == WANT_MBO && pb->gs_mbo[gs] >= needs[gs].total - needs[gs].hbo))
            continue;
          if (usable (&st, old->staff, old->slot, want))
            take (&st, old->staff, old->group, old->slot);
        }
    }

  for (int k = 0; k < ng && !g_cancellable_is_cancelled (cancellable); k++)
    {
      int g = order[k].g;
      DagSlotMask open = 0;

      if (order[k].need == 0)
        break;
      for (int slot = 0; slot < DAG_N_SLOTS; slot++)
        {
          int gs = g * DAG_N_SLOTS + slot;
          if (needs[gs].total > 0 && !dag_rules_staff_covers (&needs[gs], pb->gs_hbo[gs], pb->gs_mbo[gs]))
            open |= DAG_SLOT_BIT (slot);
        }
      for (int slot = 0; slot < DAG_N_SLOTS; slot++)
        {
          int gs = g * DAG_N_SLOTS + slot;
          const DagStaffNeed *need = &needs[gs];

          if (!(open & DAG_SLOT_BIT (slot)))
            continue;
          while (!dag_rules_staff_covers (need, pb->gs_hbo[gs], pb->gs_mbo[gs]))
            {
              int s = -1;

              /* What is missing most first; when no HBO is to be had, an
               * MBO still covers part of the load (the participant planner
               * then takes out who needs the HBO). */
              if (pb->gs_hbo[gs] < need->hbo)
                s = pick (&st, g, slot, open, WANT_HBO);
              if (s < 0 && pb->gs_mbo[gs] < need->mbo)
                s = pick (&st, g, slot, open, WANT_MBO);
              if (s < 0 && pb->gs_hbo[gs] + pb->gs_mbo[gs] < need->total)
                s = pick (&st, g, slot, open, WANT_ANY);
              if (s < 0)
                break;
              take (&st, s, g, slot);
            }
          open &= ~DAG_SLOT_BIT (slot);
        }
    }

  for (int slot = 0; slot < DAG_N_SLOTS; slot++)
    g_array_unref (st.free_list[slot]);
  for (int g = 0; g < ng; g++)
    if (st.team[g])
      g_array_unref (st.team[g]);
  g_free (st.team);
  g_free (st.remaining);
  g_free (st.used);
  g_clear_pointer (&st.old, g_hash_table_unref);
  return st.staffing;
}
