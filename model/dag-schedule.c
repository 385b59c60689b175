/* dag-schedule.c — unrolls the standing week plan over a date range. */

#include "config.h"

#include <string.h>

#include "dag-holidays.h"
#include "dag-schedule.h"

struct _DagSchedule
{
  const DagOrg *org;
  /* Indications and absences per participant, as index ranges (CSR). */
  guint  *ind_start;
  guint  *ind_list;
  guint  *abs_start;
  guint  *abs_list;
  /* Plan entries per weekday, sorted by participant then slot. */
  GArray *by_day[DAG_N_DAYS];
};

static guint *
build_csr (guint        n_owners,
           GArray      *records,
           gsize        owner_offset,
           guint      **list_out)
{
  guint *start = g_new0 (guint, n_owners + 1);
  guint *fill = g_new0 (guint, n_owners + 1);
  guint *list = g_new (guint, records->len + 1);

  for (guint i = 0; i < records->len; i++)
    {
      int owner = *(int *) (records->data + i * g_array_get_element_size (records) + owner_offset);
      if (owner >= 0 && (guint) owner < n_owners)
        start[owner + 1]++;
    }
  for (guint o = 0; o < n_owners; o++)
    start[o + 1] += start[o];
  memcpy (fill, start, sizeof (guint) * (n_owners + 1));
  for (guint i = 0; i < records->len; i++)
    {
      int owner = *(int *) (records->data + i * g_array_get_element_size (records) + owner_offset);
      if (owner >= 0 && (guint) owner < n_owners)
        list[fill[owner]++] = i;
    }
  g_free (fill);
  *list_out = list;
  return start;
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  const DagOrg *org = user_data;
  const DagPlanEntry *ea = DAG_AT (org->plan, DagPlanEntry, *(const int *) a);
  const DagPlanEntry *eb = DAG_AT (org->plan, DagPlanEntry, *(const int *) b);

  if (ea->participant != eb->participant)
    return ea->participant < eb->participant ? -1 : 1;
  if (ea->slot != eb->slot)
    return ea->slot < eb->slot ? -1 : 1;
  return *(const int *) a - *(const int *) b;
}

DagSchedule *
dag_schedule_new (const DagOrg *org)
{
  DagSchedule *self = g_new0 (DagSchedule, 1);
  guint np = org->participants->len;

  self->org = org;
  self->ind_start = build_csr (np, org->indications, G_STRUCT_OFFSET (DagIndication, participant),
                               &self->ind_list);
  self->abs_start = build_csr (np, org->absences, G_STRUCT_OFFSET (DagAbsence, participant),
                               &self->abs_list);

  for (int d = 0; d < DAG_N_DAYS; d++)
    self->by_day[d] = g_array_new (FALSE, FALSE, sizeof (int));
  for (guint i = 0; i < org->plan->len; i++)
    {
      const DagPlanEntry *e = DAG_AT (org->plan, DagPlanEntry, i);
      int idx = i;

      if (e->participant < 0 || e->group < 0 || e->slot < 0 || e->slot >= DAG_N_SLOTS)
        continue;
      g_array_append_val (self->by_day[DAG_SLOT_DAY (e->slot)], idx);
    }
  for (int d = 0; d < DAG_N_DAYS; d++)
    g_array_sort_with_data (self->by_day[d], compare_entries, (gpointer) org);
  return self;
}

void
dag_schedule_free (DagSchedule *self)
{
  if (self == NULL)
    return;
  g_free (self->ind_start);
  g_free (self->ind_list);
  g_free (self->abs_start);
  g_free (self->abs_list);
  for (int d = 0; d < DAG_N_DAYS; d++)
    g_array_unref (self->by_day[d]);
  g_free (self);
}

static gboolean
group_takes (const DagGroup *group,
             const char     *product)
{
  for (guint i = 0; i < group->products->len; i++)
    if (strcmp (g_ptr_array_index (group->products, i), product) == 0)
      return TRUE;
  return FALSE;
}

int
dag_schedule_indication_for (DagSchedule *self,
                             int          participant,
                             int          group,
                             DagDate      date)
{
  const DagOrg *org = self->org;
  const DagGroup *g = DAG_AT (org->groups, DagGroup, group);

  for (guint k = self->ind_start[participant]; k < self->ind_start[participant + 1]; k++)
    {
      const DagIndication *ind = DAG_AT (org->indications, DagIndication, self->ind_list[k]);
      const DagContract *c;

      if (date < ind->start || date > ind->end || ind->contract < 0 || ind->product < 0)
        continue;
      c = DAG_AT (org->contracts, DagContract, ind->contract);
      if (group_takes (g, DAG_AT (c->products, DagProduct, ind->product)->product))
        return self->ind_list[k];
    }
  return -1;
}

gboolean
dag_schedule_is_holiday (DagSchedule *self,
                         DagDate      date,
                         const char **name)
{
  return dag_holiday_check (&self->org->settings, date, name);
}

gboolean
dag_schedule_is_absent (DagSchedule *self,
                        int          participant,
                        DagDate      date)
{
  const DagOrg *org = self->org;

  for (guint k = self->abs_start[participant]; k < self->abs_start[participant + 1]; k++)
    {
      const DagAbsence *a = DAG_AT (org->absences, DagAbsence, self->abs_list[k]);
      if (date >= a->from && date <= a->to)
        return TRUE;
    }
  return FALSE;
}

/* The one place that decides whether a planned session takes place. */
static void
fill_session (DagSchedule *self,
              int          ei,
              DagDate      date,
              gboolean     holiday,
              DagSession  *s)
{
  const DagOrg *org = self->org;
  const DagPlanEntry *e = DAG_AT (org->plan, DagPlanEntry, ei);
  const DagGroup *g = DAG_AT (org->groups, DagGroup, e->group);

  s->plan_entry = ei;
  s->participant = e->participant;
  s->group = e->group;
  s->slot = e->slot;
  s->part = DAG_SLOT_PART (e->slot);
  s->date = date;
  s->indication = dag_schedule_indication_for (self, e->participant, e->group, date);

  if (holiday)
    s->state = DAG_SESSION_HOLIDAY;
  else if (g->location >= 0 &&
           dag_location_is_closed (DAG_AT (org->locations, DagLocation, g->location), date))
    s->state = DAG_SESSION_CLOSED;
  else if (s->indication < 0)
    s->state = DAG_SESSION_NO_INDICATION;
  else if (dag_schedule_is_absent (self, e->participant, date))
    s->state = DAG_SESSION_ABSENT;
  else
    s->state = DAG_SESSION_ON;
}

void
dag_schedule_foreach (DagSchedule   *self,
                      DagDate        from,
                      DagDate        to,
                      DagSessionFunc func,
                      gpointer       user_data)
{
  const DagOrg *org = self->org;

  for (DagDate date = from; date <= to; date++)
    {
      int wd = dag_date_weekday (date);
      gboolean holiday;
      GArray *entries;

      if (wd >= DAG_N_DAYS)
        continue;
      entries = self->by_day[wd];
      if (entries->len == 0)
        continue;
      holiday = dag_holiday_check (&org->settings, date, NULL);

      for (guint k = 0; k < entries->len; k++)
        {
          int ei = g_array_index (entries, int, k);
          DagSession s;

          fill_session (self, ei, date, holiday, &s);
          if (!func (&s, user_data))
            return;
        }
    }
}

gboolean
dag_schedule_session_at (DagSchedule *self,
                         int          participant,
                         int          slot,
                         DagDate      date,
                         DagSession  *session)
{
  const DagOrg *org = self->org;
  int day = DAG_SLOT_DAY (slot);
  GArray *entries;
  guint lo = 0, hi;

  g_return_val_if_fail (self != NULL && session != NULL, FALSE);

  if (slot < 0 || slot >= DAG_N_SLOTS || dag_date_weekday (date) != day)
    return FALSE;
  /* by_day is sorted by participant, then slot: binary search. */
  entries = self->by_day[day];
  hi = entries->len;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      const DagPlanEntry *e = DAG_AT (org->plan, DagPlanEntry, g_array_index (entries, int, mid));

      if (e->participant < participant || (e->participant == participant && e->slot < slot))
        lo = mid + 1;
      else
        hi = mid;
    }
  if (lo < entries->len)
    {
      int ei = g_array_index (entries, int, lo);
      const DagPlanEntry *e = DAG_AT (org->plan, DagPlanEntry, ei);

      if (e->participant == participant && e->slot == slot)
        {
          fill_session (self, ei, date, dag_holiday_check (&org->settings, date, NULL), session);
          return TRUE;
        }
    }
  return FALSE;
}
