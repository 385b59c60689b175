/* dag-schedule.c — unrolls the dated standing plan and staffing, with the
 * one-off changes, over a date range. */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "dag-holidays.h"
#include "dag-item-format.h"
#include "dag-schedule.h"

struct _DagSchedule
{
  const DagOrg *org;
  /* Indications and absences per participant, as index ranges (CSR). */
  guint  *ind_start;
  guint  *ind_list;
  guint  *abs_start;
  guint  *abs_list;
  guint  *sabs_start;           /* staff absences per staff member */
  guint  *sabs_list;
  /* Plan entries per weekday, sorted by participant then slot then from. */
  GArray *by_day[DAG_N_DAYS];
  /* Staffing entries per weekday, sorted by staff then slot then from. */
  GArray *staff_by_day[DAG_N_DAYS];
  /* One-off changes per date: DagDate → GArray of int (index into
   * org->one_offs), in file order. */
  GHashTable *one_offs;
  /* The (date, staff?, who, part) of every cancellation, so that the
   * sessions of a date with many one-offs need not scan them all. */
  GHashTable *cancel_keys;
  guint64    *cancel_key_data;
};

G_STATIC_ASSERT (sizeof (DagPlanEntry) == sizeof (DagStaffing));
G_STATIC_ASSERT (G_STRUCT_OFFSET (DagPlanEntry, group) == G_STRUCT_OFFSET (DagStaffing, group));
G_STATIC_ASSERT (G_STRUCT_OFFSET (DagPlanEntry, slot) == G_STRUCT_OFFSET (DagStaffing, slot));
G_STATIC_ASSERT (G_STRUCT_OFFSET (DagPlanEntry, from) == G_STRUCT_OFFSET (DagStaffing, from));
G_STATIC_ASSERT (G_STRUCT_OFFSET (DagPlanEntry, until) == G_STRUCT_OFFSET (DagStaffing, until));

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

/* Plan entries and staffing entries share one layout (who, group, slot,
 * from, until), so one comparison sorts both. */
static int
compare_entries (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  GArray *entries = user_data;
  const DagPlanEntry *ea = DAG_AT (entries, DagPlanEntry, *(const int *) a);
  const DagPlanEntry *eb = DAG_AT (entries, DagPlanEntry, *(const int *) b);

  if (ea->participant != eb->participant)
    return ea->participant < eb->participant ? -1 : 1;
  if (ea->slot != eb->slot)
    return ea->slot < eb->slot ? -1 : 1;
  if (ea->from != eb->from)
    return ea->from < eb->from ? -1 : 1;
  return *(const int *) a - *(const int *) b;
}

static void
index_by_day (GArray *entries,
              GArray *by_day[DAG_N_DAYS])
{
  for (int d = 0; d < DAG_N_DAYS; d++)
    by_day[d] = g_array_new (FALSE, FALSE, sizeof (int));
  for (guint i = 0; i < entries->len; i++)
    {
      const DagPlanEntry *e = DAG_AT (entries, DagPlanEntry, i);
      int idx = i;

      if (e->participant < 0 || e->group < 0 || e->slot < 0 || e->slot >= DAG_N_SLOTS)
        continue;
      g_array_append_val (by_day[DAG_SLOT_DAY (e->slot)], idx);
    }
  for (int d = 0; d < DAG_N_DAYS; d++)
    g_array_sort_with_data (by_day[d], compare_entries, entries);
}

static guint64
cancel_key (DagDate  date,
            gboolean staff,
            int      who,
            int      part)
{
  return ((guint64) date << 32) | ((guint64) (guint) who << 3) | ((guint64) staff << 2) | (guint) part;
}

/* g_int64_hash only folds the two halves together. */
static guint
cancel_key_hash (gconstpointer key)
{
  return (guint) ((*(const guint64 *) key * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15)) >> 32);
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
  self->sabs_start = build_csr (org->staff->len, org->staff_absences,
                                G_STRUCT_OFFSET (DagStaffAbsence, staff), &self->sabs_list);
  index_by_day (org->plan, self->by_day);
  index_by_day (org->staffing, self->staff_by_day);

  self->one_offs = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_array_unref);
  self->cancel_keys = g_hash_table_new (cancel_key_hash, g_int64_equal);
  self->cancel_key_data = g_new (guint64, org->one_offs->len + 1);
  for (guint i = 0; i < org->one_offs->len; i++)
    {
      const DagOneOff *c = DAG_AT (org->one_offs, DagOneOff, i);
      GArray *list = g_hash_table_lookup (self->one_offs, GUINT_TO_POINTER (c->date));
      int idx = i;

      if (c->part < 0 || c->part >= DAG_N_PARTS || (c->participant < 0 && c->staff < 0))
        continue;
      if (list == NULL)
        {
          list = g_array_new (FALSE, FALSE, sizeof (int));
          g_hash_table_insert (self->one_offs, GUINT_TO_POINTER (c->date), list);
        }
      g_array_append_val (list, idx);
      if (c->kind == DAG_ONE_OFF_CANCEL)
        {
          guint64 *key = &self->cancel_key_data[i];

          *key = cancel_key (c->date, c->participant < 0, c->participant < 0 ? c->staff : c->participant,
                             c->part);
          g_hash_table_add (self->cancel_keys, key);
        }
    }
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
  g_free (self->sabs_start);
  g_free (self->sabs_list);
  for (int d = 0; d < DAG_N_DAYS; d++)
    {
      g_array_unref (self->by_day[d]);
      g_array_unref (self->staff_by_day[d]);
    }
  g_hash_table_unref (self->one_offs);
  g_hash_table_unref (self->cancel_keys);
  g_free (self->cancel_key_data);
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

gboolean
dag_schedule_staff_is_absent (DagSchedule *self,
                              int          staff,
                              DagDate      date)
{
  const DagOrg *org = self->org;

  if (staff < 0 || (guint) staff >= org->staff->len)
    return FALSE;
  for (guint k = self->sabs_start[staff]; k < self->sabs_start[staff + 1]; k++)
    {
      const DagStaffAbsence *a = DAG_AT (org->staff_absences, DagStaffAbsence, self->sabs_list[k]);
      if (date >= a->from && date <= a->to)
        return TRUE;
    }
  return FALSE;
}

/* The one-off changes of date, or NULL. */
static GArray *
one_offs_on (DagSchedule *self,
             DagDate      date)
{
  return g_hash_table_lookup (self->one_offs, GUINT_TO_POINTER (date));
}

/* The cancellation among list that takes away the session of who
 * (participant, or staff when staff is TRUE) in group on part, or -1. */
static int
find_cancel (DagSchedule *self,
             GArray      *list,
             DagDate      date,
             gboolean     staff,
             int          who,
             int          group,
             int          part)
{
  guint64 key = cancel_key (date, staff, who, part);

  if (list == NULL || !g_hash_table_contains (self->cancel_keys, &key))
    return -1;
  for (guint k = 0; k < list->len; k++)
    {
      int ci = g_array_index (list, int, k);
      const DagOneOff *c = DAG_AT (self->org->one_offs, DagOneOff, ci);

      if (c->kind == DAG_ONE_OFF_CANCEL && (staff ? c->staff : c->participant) == who &&
          c->part == part && (c->group < 0 || c->group == group))
        return ci;
    }
  return -1;
}

static DagSessionState
place_state (DagSchedule *self,
             int          group,
             DagDate      date,
             gboolean     holiday)
{
  const DagOrg *org = self->org;
  const DagGroup *g = DAG_AT (org->groups, DagGroup, group);

  if (holiday)
    return DAG_SESSION_HOLIDAY;
  if (g->location >= 0 &&
      dag_location_is_closed (DAG_AT (org->locations, DagLocation, g->location), date))
    return DAG_SESSION_CLOSED;
  return DAG_SESSION_ON;
}

/* The one place that decides whether a planned session takes place: ei is
 * a plan entry (one_off -1) or -1 for the one-off addition one_off. */
static void
fill_session (DagSchedule *self,
              int          ei,
              int          one_off,
              GArray      *list,
              DagDate      date,
              gboolean     holiday,
              DagSession  *s)
{
  const DagOrg *org = self->org;

  s->plan_entry = ei;
  s->one_off = one_off;
  if (ei >= 0)
    {
      const DagPlanEntry *e = DAG_AT (org->plan, DagPlanEntry, ei);
      s->participant = e->participant;
      s->group = e->group;
      s->slot = e->slot;
    }
  else
    {
      const DagOneOff *c = DAG_AT (org->one_offs, DagOneOff, one_off);
      s->participant = c->participant;
      s->group = c->group;
      s->slot = DAG_SLOT (dag_date_weekday (date), c->part);
    }
  s->part = DAG_SLOT_PART (s->slot);
  s->date = date;
  s->indication = dag_schedule_indication_for (self, s->participant, s->group, date);
  s->state = place_state (self, s->group, date, holiday);
  if (s->state != DAG_SESSION_ON)
    return;
  if (ei >= 0 && (s->one_off = find_cancel (self, list, date, FALSE, s->participant, s->group, s->part)) >= 0)
    s->state = DAG_SESSION_CANCELLED;
  else if (s->indication < 0)
    s->state = DAG_SESSION_NO_INDICATION;
  else if (dag_schedule_is_absent (self, s->participant, date))
    s->state = DAG_SESSION_ABSENT;
}

static void
fill_staff_session (DagSchedule     *self,
                    int              ei,
                    int              one_off,
                    GArray          *list,
                    DagDate          date,
                    gboolean         holiday,
                    DagStaffSession *s)
{
  const DagOrg *org = self->org;

  s->staffing = ei;
  s->one_off = one_off;
  if (ei >= 0)
    {
      const DagStaffing *e = DAG_AT (org->staffing, DagStaffing, ei);
      s->staff = e->staff;
      s->group = e->group;
      s->slot = e->slot;
    }
  else
    {
      const DagOneOff *c = DAG_AT (org->one_offs, DagOneOff, one_off);
      s->staff = c->staff;
      s->group = c->group;
      s->slot = DAG_SLOT (dag_date_weekday (date), c->part);
    }
  s->part = DAG_SLOT_PART (s->slot);
  s->date = date;
  s->state = place_state (self, s->group, date, holiday);
  if (s->state != DAG_SESSION_ON)
    return;
  if (ei >= 0 && (s->one_off = find_cancel (self, list, date, TRUE, s->staff, s->group, s->part)) >= 0)
    s->state = DAG_SESSION_CANCELLED;
  else if (dag_schedule_staff_is_absent (self, s->staff, date))
    s->state = DAG_SESSION_ABSENT;
}

/* The one-off additions of a date for participants (staff FALSE) or staff,
 * sorted by who then part, as indexes into org->one_offs. */
static GArray *
additions_on (DagSchedule *self,
              GArray      *list,
              gboolean     staff)
{
  const DagOrg *org = self->org;
  GArray *adds = g_array_new (FALSE, FALSE, sizeof (int));

  for (guint k = 0; list != NULL && k < list->len; k++)
    {
      int ci = g_array_index (list, int, k);
      const DagOneOff *c = DAG_AT (org->one_offs, DagOneOff, ci);

      if (c->kind == DAG_ONE_OFF_ADD && c->group >= 0 && (staff ? c->staff : c->participant) >= 0)
        g_array_append_val (adds, ci);
    }
  /* Insertion sort: a date has a handful of one-offs. */
  for (guint i = 1; i < adds->len; i++)
    for (guint j = i; j > 0; j--)
      {
        const DagOneOff *a = DAG_AT (org->one_offs, DagOneOff, g_array_index (adds, int, j - 1));
        const DagOneOff *b = DAG_AT (org->one_offs, DagOneOff, g_array_index (adds, int, j));
        int wa = staff ? a->staff : a->participant, wb = staff ? b->staff : b->participant;
        int t;

        if (wa < wb || (wa == wb && a->part <= b->part))
          break;
        t = g_array_index (adds, int, j - 1);
        g_array_index (adds, int, j - 1) = g_array_index (adds, int, j);
        g_array_index (adds, int, j) = t;
      }
  return adds;
}

/* Walks one date: the entries of that weekday that apply (sorted by who
 * and slot) merged with the one-off additions, calling emit for each. */
typedef gboolean (*EmitFunc) (DagSchedule *self, int ei, int one_off, GArray *list,
                              DagDate date, gboolean holiday, gpointer data);

static gboolean
walk_date (DagSchedule *self,
           GArray      *entries,
           GArray      *by_day,
           gboolean     staff,
           DagDate      date,
           EmitFunc     emit,
           gpointer     data)
{
  const DagOrg *org = self->org;
  GArray *list = one_offs_on (self, date);
  g_autoptr(GArray) adds = NULL;
  gboolean holiday;
  guint a = 0;

  if (by_day->len == 0 && list == NULL)
    return TRUE;
  holiday = dag_holiday_check (&org->settings, date, NULL);
  adds = additions_on (self, list, staff);

  for (guint k = 0; k <= by_day->len; k++)
    {
      const DagPlanEntry *e = NULL;
      int ei = -1;

      if (k < by_day->len)
        {
          ei = g_array_index (by_day, int, k);
          e = DAG_AT (entries, DagPlanEntry, ei);
          if (!DAG_DATED_APPLIES (e->from, e->until, date))
            continue;
        }
      while (a < adds->len)
        {
          int ci = g_array_index (adds, int, a);
          const DagOneOff *c = DAG_AT (org->one_offs, DagOneOff, ci);
          int who = staff ? c->staff : c->participant;

          if (e != NULL && (who > e->participant ||
                            (who == e->participant && c->part > DAG_SLOT_PART (e->slot))))
            break;
          a++;
          if (!emit (self, -1, ci, list, date, holiday, data))
            return FALSE;
        }
      if (e != NULL && !emit (self, ei, -1, list, date, holiday, data))
        return FALSE;
    }
  return TRUE;
}

typedef struct {
  DagSessionFunc      func;
  DagStaffSessionFunc staff_func;
  gpointer            user_data;
} Walk;

static gboolean
emit_session (DagSchedule *self, int ei, int one_off, GArray *list,
              DagDate date, gboolean holiday, gpointer data)
{
  Walk *w = data;
  DagSession s;

  fill_session (self, ei, one_off, list, date, holiday, &s);
  return w->func (&s, w->user_data);
}

static gboolean
emit_staff_session (DagSchedule *self, int ei, int one_off, GArray *list,
                    DagDate date, gboolean holiday, gpointer data)
{
  Walk *w = data;
  DagStaffSession s;

  fill_staff_session (self, ei, one_off, list, date, holiday, &s);
  return w->staff_func (&s, w->user_data);
}

void
dag_schedule_foreach (DagSchedule   *self,
                      DagDate        from,
                      DagDate        to,
                      DagSessionFunc func,
                      gpointer       user_data)
{
  Walk w = { func, NULL, user_data };

  for (DagDate date = from; date <= to; date++)
    {
      int wd = dag_date_weekday (date);

      if (wd >= DAG_N_DAYS)
        continue;
      if (!walk_date (self, self->org->plan, self->by_day[wd], FALSE, date, emit_session, &w))
        return;
    }
}

void
dag_schedule_foreach_staff (DagSchedule        *self,
                            DagDate             from,
                            DagDate             to,
                            DagStaffSessionFunc func,
                            gpointer            user_data)
{
  Walk w = { NULL, func, user_data };

  for (DagDate date = from; date <= to; date++)
    {
      int wd = dag_date_weekday (date);

      if (wd >= DAG_N_DAYS)
        continue;
      if (!walk_date (self, self->org->staffing, self->staff_by_day[wd], TRUE, date,
                      emit_staff_session, &w))
        return;
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
  {
    GArray *list = one_offs_on (self, date);
    gboolean holiday = dag_holiday_check (&org->settings, date, NULL);
    int part = DAG_SLOT_PART (slot);
    gboolean found = FALSE;

    for (; lo < entries->len; lo++)
      {
        int ei = g_array_index (entries, int, lo);
        const DagPlanEntry *e = DAG_AT (org->plan, DagPlanEntry, ei);

        if (e->participant != participant || e->slot != slot)
          break;
        if (!DAG_DATED_APPLIES (e->from, e->until, date))
          continue;
        fill_session (self, ei, -1, list, date, holiday, session);
        found = TRUE;
        /* A cancelled standing session gives way to a one-off addition
         * in the same dagdeel (a swap to another group). */
        if (session->state != DAG_SESSION_CANCELLED)
          return TRUE;
        break;
      }
    for (guint k = 0; list != NULL && k < list->len; k++)
      {
        int ci = g_array_index (list, int, k);
        const DagOneOff *c = DAG_AT (org->one_offs, DagOneOff, ci);

        if (c->kind == DAG_ONE_OFF_ADD && c->participant == participant && c->part == part &&
            c->group >= 0)
          {
            fill_session (self, -1, ci, list, date, holiday, session);
            return TRUE;
          }
      }
    return found;
  }
}

DagFrozen
dag_schedule_week_frozen (const DagOrg *org,
                          DagDate       monday,
                          DagDate       today)
{
  DagDate sunday = monday + 6;

  if (sunday < today)
    return DAG_FROZEN_PAST;
  for (guint i = 0; i < org->attendance->len; i++)
    {
      DagDate d = DAG_AT (org->attendance, DagAttendance, i)->date;
      if (d >= monday && d <= sunday)
        return DAG_FROZEN_ATTENDANCE;
    }
  /* A week may straddle two months; the months of its ends are all it
   * touches. */
  if (dag_org_month_declared (org, monday) || dag_org_month_declared (org, sunday))
    return DAG_FROZEN_DECLARED;
  return DAG_FROZEN_NO;
}

char *
dag_schedule_frozen_message (DagFrozen frozen,
                             DagDate   monday)
{
  g_autofree char *buf = dag_date_format_message (monday);

  switch (frozen)
    {
    case DAG_FROZEN_PAST:
      /* Translators: %s is the Monday of the week (see "message date"). */
      return g_strdup_printf (_("The week of %s is in the past: its plan stays as it was, because "
                                "attendance, transport and invoices were made from it"), buf);
    case DAG_FROZEN_ATTENDANCE:
      return g_strdup_printf (_("Attendance was registered in the week of %s: its plan stays as it was"),
                              buf);
    case DAG_FROZEN_DECLARED:
      /* Translators: %s is the Monday of the week (see "message date"). */
      return g_strdup_printf (_("The week of %s lies in a month that was declared to the municipality: "
                                "its plan stays as it was"), buf);
    case DAG_FROZEN_NO:
    default:
      return NULL;
    }
}

/* ---- changing the dated plan ------------------------------------------- */

gboolean
dag_dated_replace (GArray       *entries,
                   DagDate       monday,
                   DagPlanScope  scope,
                   int           who,
                   GArray       *week_entries)
{
  DagDate sunday = monday + 6;
  g_autoptr(GArray) out = g_array_sized_new (FALSE, FALSE, sizeof (DagPlanEntry), entries->len + 16);
  g_autofree gboolean *used = g_new0 (gboolean, week_entries->len + 1);
  g_autoptr(GHashTable) wanted = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GArray) keys = g_array_sized_new (FALSE, FALSE, sizeof (gint64), week_entries->len);
  gboolean changed = FALSE;

  g_return_val_if_fail (g_array_get_element_size (entries) == sizeof (DagPlanEntry), FALSE);
  g_return_val_if_fail (g_array_get_element_size (week_entries) == sizeof (DagPlanEntry), FALSE);

  /* (who, group, slot) → position in week_entries + 1. */
  g_array_set_size (keys, week_entries->len);
  for (guint i = 0; i < week_entries->len; i++)
    {
      const DagPlanEntry *w = DAG_AT (week_entries, DagPlanEntry, i);
      gint64 *key = &g_array_index (keys, gint64, i);

      *key = ((gint64) w->participant << 32) | ((gint64) w->group << 8) | w->slot;
      if (!g_hash_table_contains (wanted, key))
        g_hash_table_insert (wanted, key, GUINT_TO_POINTER (i + 1));
      else
        used[i] = TRUE;   /* a duplicate: added once */
    }

  for (guint i = 0; i < entries->len; i++)
    {
      DagPlanEntry e = *DAG_AT (entries, DagPlanEntry, i);
      gint64 key = ((gint64) e.participant << 32) | ((gint64) e.group << 8) | e.slot;
      guint pos;

      if ((who >= 0 && e.participant != who) ||
          (e.until != DAG_DATE_NONE && e.until < monday))
        {
          g_array_append_val (out, e);
          continue;
        }
      if (e.from != DAG_DATE_NONE && e.from > sunday)
        {
          /* Planned for a later week: a change from this week on replaces
           * it; a change of this week only leaves it. */
          if (scope == DAG_SCOPE_ONLY_WEEK)
            g_array_append_val (out, e);
          else
            changed = TRUE;
          continue;
        }
      pos = GPOINTER_TO_UINT (g_hash_table_lookup (wanted, &key));
      if (pos > 0 && !used[pos - 1])
        {
          used[pos - 1] = TRUE;
          if (scope == DAG_SCOPE_FROM_WEEK && e.until != DAG_DATE_NONE)
            {
              e.until = DAG_DATE_NONE;
              changed = TRUE;
            }
          g_array_append_val (out, e);
          continue;
        }
      changed = TRUE;
      if (e.from == DAG_DATE_NONE || e.from < monday)
        {
          DagPlanEntry before = e;
          before.until = monday - 1;
          g_array_append_val (out, before);
        }
      if (scope == DAG_SCOPE_ONLY_WEEK && (e.until == DAG_DATE_NONE || e.until > sunday))
        {
          DagPlanEntry after = e;
          after.from = sunday + 1;
          g_array_append_val (out, after);
        }
    }
  for (guint i = 0; i < week_entries->len; i++)
    {
      DagPlanEntry e;

      if (used[i])
        continue;
      e = *DAG_AT (week_entries, DagPlanEntry, i);
      g_return_val_if_fail (who < 0 || e.participant == who, FALSE);
      e.from = monday;
      e.until = scope == DAG_SCOPE_ONLY_WEEK ? sunday : DAG_DATE_NONE;
      g_array_append_val (out, e);
      changed = TRUE;
    }
  if (changed)
    {
      g_array_set_size (entries, 0);
      g_array_append_vals (entries, out->data, out->len);
    }
  return changed;
}
