/* dag-ical.c — builds the iCalendar files of the dated week plan: which
 * weekly sessions a participant, staff member, group, location or vehicle
 * has, from dag-schedule (the one answer to "which plan applies on date
 * D"), turned into recurring VEVENTs with libical.
 *
 * Format decisions:
 * - One VEVENT per dated plan entry (participant) or staffing entry (staff
 *   member), DTSTART at the location's part start on the first date in the
 *   range the session takes place (so at the entry's from date, or later),
 *   RRULE weekly UNTIL the end (23:59:59 local, written in UTC) of the
 *   earliest of: the range, the entry's until date, and (participants) the
 *   indication of the last session in the range.  A change "from week N"
 *   thus gives an event that ends on the Sunday before N and a new one from
 *   N.  Every weekly date in between that does not take place gets an
 *   EXDATE: holiday, closure, absence (a participant's or a staff member's),
 *   one-off cancellation, no valid indication.
 * - One-off additions (an extra dagdeel, the new half of a swap) are a
 *   single VEVENT each, not an RDATE of a recurring one: the group, place
 *   and times may differ from every standing event, Outlook and some web
 *   calendars ignore RDATE, and the standing event's SEQUENCE does not move
 *   for a one-off.  Its description says it is on that date only.
 * - Group and location calendars: one VEVENT per group slot on every date
 *   the group runs (holidays and closures left out), split where what the
 *   event says changes: the number of participants planned and the staff
 *   on the slot, by the dated plan and staffing of each week.  A staff
 *   member's events split likewise where the number planned changes.  A
 *   split's later event ends the old one on the Sunday before.
 * - Vehicles: one single VEVENT per stored run in the range (runs are
 *   dated), DTSTART at the first pick-up (or the departure), DTEND at the
 *   arrival (or the last drop-off); runs on a holiday or closure are left out.
 * - A staff member's file also has the runs they drive, a single VEVENT
 *   each with the same times, saying only the direction, the location and
 *   how many ride (who rides is in the vehicle's file); its UID rests on
 *   the driver, date, direction, location and rank that day, not on the
 *   run's id, which re-planning changes.
 * - Pick-up: runs are dated, so a participant's event says "Pickup around
 *   HH:MM" when every run "to" that location in the range picks them up at
 *   the same time for that session (the first of their day), "see the
 *   transport schedule" when the times differ, and nothing without runs.
 * - UIDs are a SHA-256 of kind, subject, group and slot (vehicle: date,
 *   direction, location and the run's rank that day) @dagritme-<AGB code>,
 *   so no id or name can be read from them.  Dated entries: the earliest
 *   entry of a person in a group slot keeps that undated key, whatever its
 *   from date (so the store's migration, which dates every entry, and a
 *   change that ends the entry keep its UID); a later entry of the same
 *   person in the same group slot (back after a change, or after "only
 *   this week") adds its from date.  A split of a group-slot series adds
 *   the Monday it starts; a one-off addition's key is person, date, group
 *   and slot.
 * - DTSTAMP and LAST-MODIFIED are the time the event's content last changed,
 *   as recorded in the store, never the time of the export: a re-export of an
 *   unchanged plan gives the same bytes.  (The default range starts on this
 *   week's Monday, so a re-export in a later week moves DTSTART and raises
 *   SEQUENCE.)
 * - Privacy: no BSN, birth date, intensity level, product code, allocation
 *   number, absence or change reason or wheelchair need is ever written.
 *   Participant files carry no names at all; staff files the number of
 *   participants planned (and of riders on a run they drive); group and location files that number and the
 *   names of the staff on the slot (not of participants: calendar files
 *   end up on third-party servers); vehicle files name the passengers with
 *   their address (the driver must find them). */

#define _GNU_SOURCE 1   /* syncfs () */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <libical/ical.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dag-ical.h"
#include "dag-schedule.h"
#include "dag-store-ical.h"

G_DEFINE_QUARK (dag-ical-error-quark, dag_ical_error)

/* A weekly session in a participant's plan, per date of its weekday in the
 * range: whether it takes place and under which indication. */
typedef struct {
  guint8 *state;        /* DagSessionState per week */
  int    *indication;   /* per week, -1 when none */
} EntryDates;

/* State of a week that is not part of a weekly series (a dated entry that
 * does not apply that week). */
#define SERIES_NONE 0xff

/* Plan or staffing entries per person, sorted by slot then from (CSR). */
typedef struct {
  guint *start;
  guint *list;
} EntryIndex;

typedef struct {
  char    *uid;
  char     hash[65];
  char    *summary;
  char    *location;
  char    *description;
  DagDate  first;       /* date of DTSTART */
  int      start, end;  /* minutes */
  gboolean recurring;
  DagDate  until;       /* last date the rule may give (recurring only) */
  GArray  *exdates;     /* of DagDate, ascending */
  int      sequence;
  gint64   changed;
} Event;

typedef struct {
  DagKind    kind;
  int        index;
  GPtrArray *events;    /* of Event */
} Calendar;

struct _DagIcalExport
{
  const DagOrg *org;
  DagDate       from, to;
  GArray       *calendars;   /* of Calendar */
  DagSchedule  *schedule;
  /* Filled in by build (). */
  EntryDates   *entries;     /* per plan entry; state NULL when not needed */
  GHashTable   *pickups;     /* participant index + 1 → GArray of Pickup */
  guint        *plan_start;  /* plan entries per participant (CSR) */
  guint        *plan_list;
  guint8       *want;        /* per participant: whether its calendar is asked for */
  GArray       *additions;   /* of DagSession: one-off additions that take place */
  /* Staff calendars. */
  EntryIndex    staffing_of; /* staffing entries per staff member */
  guint8      **staff_state; /* per staffing entry: state per week, NULL when not needed */
  GArray       *staff_additions; /* of DagStaffSession, taking place */
  /* Plan and staffing entries per group slot (group * DAG_N_SLOTS + slot). */
  EntryIndex    plan_of_slot;
  EntryIndex    staffing_of_slot;
  char         *vtimezone_text;
};

typedef struct {
  DagDate date;
  int     location;
  int     time;
} Pickup;

/* ---- time ---------------------------------------------------------------- */

static DagDate
last_sunday (int year,
             int month)
{
  int dim = dag_date_days_in_month (year, month);
  DagDate last = dag_date_from_ymd (year, month, dim);

  return last - (dag_date_weekday (last) + 1) % 7;
}

/* The UTC offset of Europe/Amsterdam in minutes at a local wall time.  Summer
 * time runs from the last Sunday of March 02:00 (which becomes 03:00) to the
 * last Sunday of October 03:00 (the hour 02:00–03:00 that day is taken as
 * winter time). */
static int
amsterdam_offset (DagDate date,
                  int     minutes)
{
  int y, m, d;
  DagDate spring, autumn;

  dag_date_to_ymd (date, &y, &m, &d);
  spring = last_sunday (y, 3);
  autumn = last_sunday (y, 10);
  if (date < spring || date > autumn)
    return 60;
  if (date == spring)
    return minutes >= 2 * 60 ? 120 : 60;
  if (date == autumn)
    return minutes < 2 * 60 ? 120 : 60;
  return 120;
}

gint64
dag_ical_local_to_unix (DagDate date,
                        int     minutes)
{
  DagDate epoch = dag_date_from_ymd (1970, 1, 1);

  return ((gint64) date - epoch) * 86400 + (gint64) (minutes - amsterdam_offset (date, minutes)) * 60;
}

static struct icaltimetype
local_time (DagDate date,
            int     minutes,
            int     seconds)
{
  struct icaltimetype t = icaltime_null_time ();
  int y, m, d;

  dag_date_to_ymd (date, &y, &m, &d);
  t.year = y;
  t.month = m;
  t.day = d;
  t.hour = minutes / 60;
  t.minute = minutes % 60;
  t.second = seconds;
  return t;
}

static struct icaltimetype
utc_time (gint64 unix_time)
{
  return icaltime_from_timet_with_zone ((time_t) unix_time, 0, icaltimezone_get_utc_timezone ());
}

/* ---- the export ---------------------------------------------------------- */

static void
event_free (gpointer p)
{
  Event *e = p;

  g_free (e->uid);
  g_free (e->summary);
  g_free (e->location);
  g_free (e->description);
  g_array_unref (e->exdates);
  g_free (e);
}

static void
calendar_clear (gpointer p)
{
  Calendar *c = p;

  g_clear_pointer (&c->events, g_ptr_array_unref);
}

DagIcalExport *
dag_ical_export_new (const DagOrg *org,
                     DagDate       from,
                     DagDate       to,
                     GError      **error)
{
  DagIcalExport *self;

  g_return_val_if_fail (org != NULL, NULL);

  if (from == DAG_DATE_NONE)
    {
      DagDate today = dag_date_today ();
      from = today - dag_date_weekday (today);
    }
  if (to == DAG_DATE_NONE)
    to = from + DAG_ICAL_DEFAULT_WEEKS * 7 - 1;
  if (to < from)
    {
      char a[DAG_DATE_BUF], b[DAG_DATE_BUF];

      g_set_error (error, DAG_ICAL_ERROR, DAG_ICAL_ERROR_RANGE,
                   _("The calendar range ends (%s) before it starts (%s)"),
                   dag_date_format (to, b), dag_date_format (from, a));
      return NULL;
    }

  self = g_new0 (DagIcalExport, 1);
  self->org = org;
  self->from = from;
  self->to = to;
  self->calendars = g_array_new (FALSE, TRUE, sizeof (Calendar));
  g_array_set_clear_func (self->calendars, calendar_clear);
  return self;
}

void
dag_ical_export_free (DagIcalExport *self)
{
  if (self == NULL)
    return;
  if (self->entries != NULL)
    {
      for (guint i = 0; i < self->org->plan->len; i++)
        {
          g_free (self->entries[i].state);
          g_free (self->entries[i].indication);
        }
      g_free (self->entries);
    }
  if (self->staff_state != NULL)
    {
      for (guint i = 0; i < self->org->staffing->len; i++)
        g_free (self->staff_state[i]);
      g_free (self->staff_state);
    }
  g_clear_pointer (&self->pickups, g_hash_table_unref);
  g_clear_pointer (&self->schedule, dag_schedule_free);
  g_clear_pointer (&self->additions, g_array_unref);
  g_clear_pointer (&self->staff_additions, g_array_unref);
  g_free (self->plan_start);
  g_free (self->plan_list);
  g_free (self->want);
  g_free (self->staffing_of.start);
  g_free (self->staffing_of.list);
  g_free (self->plan_of_slot.start);
  g_free (self->plan_of_slot.list);
  g_free (self->staffing_of_slot.start);
  g_free (self->staffing_of_slot.list);
  g_free (self->vtimezone_text);
  g_array_unref (self->calendars);
  g_free (self);
}

DagDate
dag_ical_export_get_from (DagIcalExport *self)
{
  return self->from;
}

DagDate
dag_ical_export_get_to (DagIcalExport *self)
{
  return self->to;
}

guint
dag_ical_export_get_n_calendars (DagIcalExport *self)
{
  return self->calendars->len;
}

guint
dag_ical_export_get_n_events (DagIcalExport *self,
                              guint          i)
{
  Calendar *c;

  g_return_val_if_fail (i < self->calendars->len, 0);
  c = DAG_AT (self->calendars, Calendar, i);
  return c->events ? c->events->len : 0;
}

int
dag_ical_export_add (DagIcalExport *self,
                     DagKind        kind,
                     const char    *id,
                     GError       **error)
{
  Calendar c = { kind, -1, NULL };

  if (kind != DAG_KIND_PARTICIPANT && kind != DAG_KIND_STAFF && kind != DAG_KIND_GROUP &&
      kind != DAG_KIND_LOCATION && kind != DAG_KIND_VEHICLE)
    {
      g_set_error_literal (error, DAG_ICAL_ERROR, DAG_ICAL_ERROR_KIND,
                           _("Only participants, staff members, groups, locations and vehicles have a calendar"));
      return -1;
    }

  c.index = dag_org_lookup ((DagOrg *) self->org, kind, id);
  if (c.index >= 0)
    {
      g_array_append_val (self->calendars, c);
      return self->calendars->len - 1;
    }
  switch (kind)
    {
    case DAG_KIND_PARTICIPANT:
      g_set_error (error, DAG_ICAL_ERROR, DAG_ICAL_ERROR_UNKNOWN_ID, _("There is no participant with id “%s”"), id);
      break;
    case DAG_KIND_STAFF:
      g_set_error (error, DAG_ICAL_ERROR, DAG_ICAL_ERROR_UNKNOWN_ID, _("There is no staff member with id “%s”"), id);
      break;
    case DAG_KIND_GROUP:
      g_set_error (error, DAG_ICAL_ERROR, DAG_ICAL_ERROR_UNKNOWN_ID, _("There is no group with id “%s”"), id);
      break;
    case DAG_KIND_LOCATION:
      g_set_error (error, DAG_ICAL_ERROR, DAG_ICAL_ERROR_UNKNOWN_ID, _("There is no location with id “%s”"), id);
      break;
    default:
      g_set_error (error, DAG_ICAL_ERROR, DAG_ICAL_ERROR_UNKNOWN_ID, _("There is no vehicle with id “%s”"), id);
      break;
    }
  return -1;
}

/* ---- dates of participants' sessions --------------------------------- */

/* The first date on or after from that falls on weekday wd. */
static DagDate
first_on_weekday (DagDate from,
                  int     wd)
{
  return from + (wd - dag_date_weekday (from) + 7) % 7;
}

static guint
n_weeks (DagIcalExport *self,
         int            wd)
{
  DagDate first = first_on_weekday (self->from, wd);

  return first > self->to ? 0 : (self->to - first) / 7 + 1;
}

/* Plan and staffing entries share one layout (who, group, slot, from,
 * until): the indexes below read both as DagPlanEntry. */
G_STATIC_ASSERT (sizeof (DagPlanEntry) == sizeof (DagStaffing));
G_STATIC_ASSERT (G_STRUCT_OFFSET (DagPlanEntry, participant) == G_STRUCT_OFFSET (DagStaffing, staff));
G_STATIC_ASSERT (G_STRUCT_OFFSET (DagPlanEntry, group) == G_STRUCT_OFFSET (DagStaffing, group));
G_STATIC_ASSERT (G_STRUCT_OFFSET (DagPlanEntry, slot) == G_STRUCT_OFFSET (DagStaffing, slot));
G_STATIC_ASSERT (G_STRUCT_OFFSET (DagPlanEntry, from) == G_STRUCT_OFFSET (DagStaffing, from));
G_STATIC_ASSERT (G_STRUCT_OFFSET (DagPlanEntry, until) == G_STRUCT_OFFSET (DagStaffing, until));

/* The owner of entry e in an index: its person, or its group slot. */
static int
entry_owner (const DagPlanEntry *e,
             guint               n_groups,
             gboolean            by_slot)
{
  if (e->slot < 0 || e->slot >= DAG_N_SLOTS || e->group < 0 || (guint) e->group >= n_groups)
    return -1;
  return by_slot ? e->group * DAG_N_SLOTS + e->slot : e->participant;
}

/* Indexes entries (org->plan or org->staffing) per person (by_slot FALSE,
 * n_owners people) or per group slot, each list in slot, from order. */
static void
entry_index_build (EntryIndex *index,
                   GArray     *entries,
                   guint       n_owners,
                   guint       n_groups,
                   gboolean    by_slot)
{
  guint *fill;

  index->start = g_new0 (guint, n_owners + 1);
  index->list = g_new (guint, entries->len + 1);
  for (guint i = 0; i < entries->len; i++)
    {
      int o = entry_owner (DAG_AT (entries, DagPlanEntry, i), n_groups, by_slot);
      if (o >= 0 && (guint) o < n_owners)
        index->start[o + 1]++;
    }
  for (guint o = 0; o < n_owners; o++)
    index->start[o + 1] += index->start[o];
  fill = g_memdup2 (index->start, sizeof (guint) * (n_owners + 1));
  for (guint i = 0; i < entries->len; i++)
    {
      int o = entry_owner (DAG_AT (entries, DagPlanEntry, i), n_groups, by_slot);
      if (o >= 0 && (guint) o < n_owners)
        index->list[fill[o]++] = i;
    }
  g_free (fill);
  for (guint o = 0; o < n_owners; o++)
    {
      guint *list = index->list + index->start[o];
      guint n = index->start[o + 1] - index->start[o];

      /* Insertion sort: a person has a few dozen entries at most. */
      for (guint a = 1; a < n; a++)
        for (guint b = a; b > 0; b--)
          {
            const DagPlanEntry *x = DAG_AT (entries, DagPlanEntry, list[b - 1]);
            const DagPlanEntry *y = DAG_AT (entries, DagPlanEntry, list[b]);
            guint t;

            if (x->slot < y->slot || (x->slot == y->slot && x->from <= y->from))
              break;
            t = list[b];
            list[b] = list[b - 1];
            list[b - 1] = t;
          }
    }
}

/* Whether a dated entry applies on some date of the range. */
static gboolean
entry_in_range (DagIcalExport      *self,
                const DagPlanEntry *e)
{
  return (e->from == DAG_DATE_NONE || e->from <= self->to) &&
         (e->until == DAG_DATE_NONE || e->until >= self->from);
}

/* The UID key of a dated entry: who, group and slot; an entry that takes
 * up the same group slot again after an earlier entry of the same person
 * (a later piece, e.g. after "only this week" or a return to the group)
 * adds its from date.  So the first entry keeps the UID it had before
 * plans were dated, and a change from week N leaves the old event's UID
 * alone and gives the new entries their own. */
static char *
entry_key (const DagOrg *org,
           GArray       *entries,
           const guint  *list,
           guint         n,
           guint         ei,
           const char   *kind,
           const char   *who)
{
  const DagPlanEntry *e = DAG_AT (entries, DagPlanEntry, ei);
  const DagGroup *g = DAG_AT (org->groups, DagGroup, e->group);
  gboolean later = FALSE;

  for (guint k = 0; k < n && !later; k++)
    {
      const DagPlanEntry *o = DAG_AT (entries, DagPlanEntry, list[k]);
      /* (Entries never overlap; should two start together, file order
       * decides, so UIDs stay unique.) */
      later = list[k] != ei && o->group == e->group && o->slot == e->slot &&
              (o->from < e->from || (o->from == e->from && list[k] < ei));
    }
  if (later)
    {
      char buf[DAG_DATE_BUF];
      return g_strdup_printf ("%s\x1f%s\x1f%s\x1f%s\x1f%s", kind, who, g->id, dag_slot_name (e->slot),
                              dag_date_format (e->from, buf));
    }
  return g_strdup_printf ("%s\x1f%s\x1f%s\x1f%s", kind, who, g->id, dag_slot_name (e->slot));
}

static gboolean
record_session (const DagSession *s,
                gpointer          user_data)
{
  DagIcalExport *self = user_data;
  EntryDates *e;
  guint week;

  if (s->plan_entry < 0)
    {
      /* A one-off addition: an event of its own when it takes place. */
      if (s->state == DAG_SESSION_ON && s->participant >= 0 && self->want[s->participant])
        g_array_append_val (self->additions, *s);
      return TRUE;
    }
  e = &self->entries[s->plan_entry];
  if (e->state == NULL)
    return TRUE;
  week = (s->date - first_on_weekday (self->from, DAG_SLOT_DAY (s->slot))) / 7;
  e->state[week] = s->state;
  e->indication[week] = s->indication;
  return TRUE;
}

static void
expand_participants (DagIcalExport *self)
{
  const DagOrg *org = self->org;
  guint np = org->participants->len;
  EntryIndex index;
  gboolean any = FALSE;

  /* Plan entries per participant, in slot order. */
  entry_index_build (&index, org->plan, np, org->groups->len, FALSE);
  self->plan_start = index.start;
  self->plan_list = index.list;
  self->want = g_new0 (guint8, np + 1);
  self->additions = g_array_new (FALSE, FALSE, sizeof (DagSession));

  /* Only the entries of participants whose calendar is asked for, and
   * only those that apply in the range. */
  self->entries = g_new0 (EntryDates, org->plan->len + 1);
  for (guint c = 0; c < self->calendars->len; c++)
    {
      Calendar *cal = DAG_AT (self->calendars, Calendar, c);

      if (cal->kind != DAG_KIND_PARTICIPANT)
        continue;
      self->want[cal->index] = TRUE;
      any = TRUE;
      for (guint k = self->plan_start[cal->index]; k < self->plan_start[cal->index + 1]; k++)
        {
          guint ei = self->plan_list[k];
          const DagPlanEntry *pe = DAG_AT (org->plan, DagPlanEntry, ei);
          EntryDates *ed = &self->entries[ei];
          guint n;

          if (ed->state != NULL || !entry_in_range (self, pe))
            continue;
          n = n_weeks (self, DAG_SLOT_DAY (pe->slot));
          /* Dates the schedule does not report (the entry does not apply)
           * stay "no indication": they are never given as taking place. */
          ed->state = g_malloc (n + 1);
          memset (ed->state, DAG_SESSION_NO_INDICATION, n + 1);
          ed->indication = g_new (int, n + 1);
          for (guint w = 0; w <= n; w++)
            ed->indication[w] = -1;
        }
    }
  /* One-off additions count even for a participant without plan entries. */
  if (any)
    dag_schedule_foreach (self->schedule, self->from, self->to, record_session, self);
}

static gboolean
record_staff_session (const DagStaffSession *s,
                      gpointer               user_data)
{
  DagIcalExport *self = user_data;
  guint8 *state;

  if (s->staffing < 0)
    {
      if (s->state == DAG_SESSION_ON && s->staff >= 0 && s->group >= 0)
        g_array_append_val (self->staff_additions, *s);
      return TRUE;
    }
  state = self->staff_state[s->staffing];
  if (state != NULL)
    state[(s->date - first_on_weekday (self->from, DAG_SLOT_DAY (s->slot))) / 7] = s->state;
  return TRUE;
}

/* The staffing of the staff members whose calendar is asked for, per
 * week (dag_schedule_foreach_staff: dated entries, one-off changes, staff
 * absences), and the indexes per group slot that event descriptions use. */
static void
expand_staff (DagIcalExport *self)
{
  const DagOrg *org = self->org;
  guint n_group_slots = org->groups->len * DAG_N_SLOTS;
  gboolean any_staff = FALSE, any_group = FALSE;

  for (guint c = 0; c < self->calendars->len; c++)
    {
      DagKind kind = DAG_AT (self->calendars, Calendar, c)->kind;
      any_staff |= kind == DAG_KIND_STAFF;
      any_group |= kind == DAG_KIND_STAFF || kind == DAG_KIND_GROUP || kind == DAG_KIND_LOCATION;
    }
  if (!any_group)
    return;

  entry_index_build (&self->plan_of_slot, org->plan, n_group_slots, org->groups->len, TRUE);
  entry_index_build (&self->staffing_of_slot, org->staffing, n_group_slots, org->groups->len, TRUE);
  if (!any_staff)
    return;

  entry_index_build (&self->staffing_of, org->staffing, org->staff->len, org->groups->len, FALSE);
  self->staff_state = g_new0 (guint8 *, org->staffing->len + 1);
  self->staff_additions = g_array_new (FALSE, FALSE, sizeof (DagStaffSession));
  for (guint c = 0; c < self->calendars->len; c++)
    {
      Calendar *cal = DAG_AT (self->calendars, Calendar, c);

      if (cal->kind != DAG_KIND_STAFF)
        continue;
      for (guint k = self->staffing_of.start[cal->index]; k < self->staffing_of.start[cal->index + 1]; k++)
        {
          guint ei = self->staffing_of.list[k];
          const DagPlanEntry *e = DAG_AT (org->staffing, DagPlanEntry, ei);
          guint n;

          if (self->staff_state[ei] != NULL || !entry_in_range (self, e))
            continue;
          n = n_weeks (self, DAG_SLOT_DAY (e->slot));
          self->staff_state[ei] = g_malloc (n + 1);
          memset (self->staff_state[ei], SERIES_NONE, n + 1);
        }
    }
  dag_schedule_foreach_staff (self->schedule, self->from, self->to, record_staff_session, self);
}

static int
compare_pickups (gconstpointer a,
                 gconstpointer b)
{
  const Pickup *pa = a, *pb = b;

  return pa->date < pb->date ? -1 : pa->date > pb->date;
}

static void
index_pickups (DagIcalExport *self)
{
  const DagOrg *org = self->org;

  self->pickups = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_array_unref);
  for (guint r = 0; r < org->runs->len; r++)
    {
      const DagRun *run = DAG_AT (org->runs, DagRun, r);

      if (run->direction != DAG_DIRECTION_TO || run->date < self->from || run->date > self->to)
        continue;
      for (guint s = 0; s < run->stops->len; s++)
        {
          const DagStop *stop = DAG_AT (run->stops, DagStop, s);
          gpointer key = GINT_TO_POINTER (stop->participant + 1);
          GArray *list = g_hash_table_lookup (self->pickups, key);
          Pickup p = { run->date, run->location, stop->time };

          if (list == NULL)
            {
              list = g_array_new (FALSE, FALSE, sizeof (Pickup));
              g_hash_table_insert (self->pickups, key, list);
            }
          g_array_append_val (list, p);
        }
    }
  /* By date, for the binary search of find_pickup (). */
  {
    GHashTableIter iter;
    gpointer value;

    g_hash_table_iter_init (&iter, self->pickups);
    while (g_hash_table_iter_next (&iter, NULL, &value))
      g_array_sort (value, compare_pickups);
  }
}

/* The pick-up time of participant for location on date, or -1. */
static int
find_pickup (DagIcalExport *self,
             int            participant,
             int            location,
             DagDate        date)
{
  GArray *list = g_hash_table_lookup (self->pickups, GINT_TO_POINTER (participant + 1));
  guint lo = 0, hi = list ? list->len : 0;
  int best = -1;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      if (DAG_AT (list, Pickup, mid)->date < date)
        lo = mid + 1;
      else
        hi = mid;
    }
  for (guint i = lo; list != NULL && i < list->len && DAG_AT (list, Pickup, i)->date == date; i++)
    {
      const Pickup *p = DAG_AT (list, Pickup, i);
      if (p->location == location && (best < 0 || p->time < best))
        best = p->time;
    }
  return best;
}

/* ---- event content ------------------------------------------------------- */

static const char *
part_label (int part)
{
  switch (part)
    {
    case DAG_PART_AM: return C_("calendar", "Morning");
    case DAG_PART_PM: return C_("calendar", "Afternoon");
    default: return C_("calendar", "Evening");
    }
}

/* The times of a part at a location, with the defaults of DOMAIN.md when the
 * location does not set them. */
static void
part_times (const DagOrg *org,
            int           location,
            int           part,
            int          *start,
            int          *end)
{
  static const int default_start[DAG_N_PARTS] = { 9 * 60, 13 * 60, 18 * 60 };
  static const int default_end[DAG_N_PARTS] = { 13 * 60, 17 * 60, 21 * 60 };
  const DagLocation *l = location >= 0 ? DAG_AT (org->locations, DagLocation, location) : NULL;

  if (l != NULL && l->has_part[part] && l->part_end[part] > l->part_start[part])
    {
      *start = l->part_start[part];
      *end = l->part_end[part];
    }
  else
    {
      *start = default_start[part];
      *end = default_end[part];
    }
}

static char *
location_text (const DagOrg *org,
               int           location)
{
  const DagLocation *l;

  if (location < 0)
    return g_strdup ("");
  l = DAG_AT (org->locations, DagLocation, location);
  if (l->address == NULL || *l->address == '\0')
    return g_strdup (l->name);
  return g_strdup_printf ("%s, %s", l->name, l->address);
}

static const char *
product_name (const DagOrg *org,
              const char   *product)
{
  for (guint c = 0; c < org->contracts->len; c++)
    {
      const DagContract *ct = DAG_AT (org->contracts, DagContract, c);
      for (guint p = 0; p < ct->products->len; p++)
        {
          const DagProduct *pr = DAG_AT (ct->products, DagProduct, p);
          if (g_strcmp0 (pr->product, product) == 0)
            return pr->name ? pr->name : product;
        }
    }
  return product;
}

/* "Houtwerkplaats (Arbeidsmatig, Dagbesteding)": the group and what it does. */
static char *
group_summary (const DagOrg *org,
               int           group)
{
  const DagGroup *g = DAG_AT (org->groups, DagGroup, group);
  GString *s = g_string_new (g->name);
  g_autoptr(GPtrArray) seen = g_ptr_array_new ();

  for (guint i = 0; i < g->products->len; i++)
    {
      const char *name = product_name (org, g_ptr_array_index (g->products, i));
      gboolean dup = FALSE;

      for (guint k = 0; k < seen->len; k++)
        dup |= strcmp (g_ptr_array_index (seen, k), name) == 0;
      if (dup)
        continue;
      g_string_append (s, seen->len == 0 ? " (" : ", ");
      g_string_append (s, name);
      g_ptr_array_add (seen, (gpointer) name);
    }
  if (seen->len > 0)
    g_string_append_c (s, ')');
  return g_string_free (s, FALSE);
}

static char *
times_line (int part,
            int start,
            int end)
{
  char a[6], b[6];

  /* TRANSLATORS: "Morning, 09:00–13:00". */
  return g_strdup_printf (C_("calendar", "%s, %s–%s"), part_label (part), dag_time_format (start, a), dag_time_format (end, b));
}

static char *
make_uid (const DagOrg *org,
          const char   *key)
{
  g_autofree char *digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, key, -1);

  digest[32] = '\0';
  return g_strdup_printf ("%s@dagritme-%s", digest, org->agb_code ? org->agb_code : "");
}

static Event *
event_new (void)
{
  Event *e = g_new0 (Event, 1);

  e->exdates = g_array_new (FALSE, FALSE, sizeof (DagDate));
  return e;
}

/* A date of a weekly group session takes place unless it is a holiday or
 * the location is closed: the same checks dag_schedule_foreach() makes. */
static gboolean
group_date_on (DagIcalExport *self,
               int            location,
               DagDate        date)
{
  if (dag_schedule_is_holiday (self->schedule, date, NULL))
    return FALSE;
  return location < 0 ||
         !dag_location_is_closed (DAG_AT (self->org->locations, DagLocation, location), date);
}

/* The week (index into an entry's per-week states) of date. */
static guint
week_of (DagIcalExport *self,
         DagDate        date)
{
  return (date - first_on_weekday (self->from, dag_date_weekday (date))) / 7;
}

/* Whether participant has a session that takes place on date before part
 * (a standing one or a one-off addition): the morning run then brought
 * them, and no pick-up time belongs to the later session. */
static gboolean
on_earlier (DagIcalExport *self,
            int            participant,
            DagDate        date,
            int            part)
{
  const DagOrg *org = self->org;
  int day = dag_date_weekday (date);

  for (guint j = self->plan_start[participant]; j < self->plan_start[participant + 1]; j++)
    {
      guint oi = self->plan_list[j];
      const DagPlanEntry *o = DAG_AT (org->plan, DagPlanEntry, oi);

      if (DAG_SLOT_DAY (o->slot) == day && DAG_SLOT_PART (o->slot) < part &&
          self->entries[oi].state != NULL && self->entries[oi].state[week_of (self, date)] == DAG_SESSION_ON)
        return TRUE;
    }
  for (guint i = 0; i < self->additions->len; i++)
    {
      const DagSession *a = DAG_AT (self->additions, DagSession, i);
      if (a->participant == participant && a->date == date && a->part < part)
        return TRUE;
    }
  return FALSE;
}

static const char *
one_off_note (void)
{
  return _("A one-off change: on this date only");
}

/* "Houtwerkplaats (Dagbesteding)": the group and the product of the
 * participant's indication. */
static char *
participant_summary (const DagOrg *org,
                     const DagGroup *g,
                     int            indication)
{
  const DagIndication *ind = DAG_AT (org->indications, DagIndication, indication);
  const DagContract *c = DAG_AT (org->contracts, DagContract, ind->contract);
  const DagProduct *p = DAG_AT (c->products, DagProduct, ind->product);

  /* TRANSLATORS: the group's name and the activity, "Houtwerkplaats (Dagbesteding)". */
  return g_strdup_printf (C_("calendar", "%s (%s)"), g->name, p->name ? p->name : p->product);
}

static void
append_pickup (GString *desc,
               int      pickup,
               gboolean differs)
{
  char buf[6];

  g_string_append_c (desc, '\n');
  if (!differs)
    g_string_append_printf (desc, _("Pickup around %s"), dag_time_format (pickup, buf));
  else
    g_string_append (desc, _("The pickup time differs per week: see the transport schedule"));
}

/* A one-off addition of a participant: a single event on its date (not an
 * RDATE of a recurring event: the group, place and time may differ, and
 * not every calendar reads RDATE). */
static void
participant_addition (DagIcalExport    *self,
                      Calendar         *cal,
                      const DagSession *s)
{
  const DagOrg *org = self->org;
  const DagParticipant *pa = DAG_AT (org->participants, DagParticipant, s->participant);
  const DagGroup *g = DAG_AT (org->groups, DagGroup, s->group);
  Event *e = event_new ();
  g_autofree char *key = NULL;
  g_autofree char *times = NULL;
  char buf[DAG_DATE_BUF];
  GString *desc;

  key = g_strdup_printf ("participant-once\x1f%s\x1f%s\x1f%s\x1f%s", pa->id, dag_date_format (s->date, buf),
                         g->id, dag_slot_name (s->slot));
  e->uid = make_uid (org, key);
  e->first = s->date;
  e->recurring = FALSE;
  part_times (org, g->location, s->part, &e->start, &e->end);
  e->summary = participant_summary (org, g, s->indication);
  e->location = location_text (org, g->location);
  times = times_line (s->part, e->start, e->end);
  desc = g_string_new (times);
  g_string_append_c (desc, '\n');
  g_string_append (desc, one_off_note ());
  if (pa->transport == DAG_TRANSPORT_BUS && !on_earlier (self, s->participant, s->date, s->part))
    {
      int t = find_pickup (self, s->participant, g->location, s->date);
      if (t >= 0)
        append_pickup (desc, t, FALSE);
    }
  e->description = g_string_free (desc, FALSE);
  g_ptr_array_add (cal->events, e);
}

static void
participant_events (DagIcalExport *self,
                    Calendar      *cal)
{
  const DagOrg *org = self->org;
  const DagParticipant *pa = DAG_AT (org->participants, DagParticipant, cal->index);
  guint n_entries = self->plan_start[cal->index + 1] - self->plan_start[cal->index];

  for (guint k = self->plan_start[cal->index]; k < self->plan_start[cal->index + 1]; k++)
    {
      guint ei = self->plan_list[k];
      const DagPlanEntry *pe = DAG_AT (org->plan, DagPlanEntry, ei);
      const EntryDates *ed = &self->entries[ei];
      const DagGroup *g;
      int day, part, location, first = -1, last = -1;
      guint n;
      DagDate base, until;
      const DagIndication *ind;
      Event *e;
      GString *desc;
      g_autofree char *key = NULL;
      g_autofree char *times = NULL;

      if (ed->state == NULL)
        continue;
      day = DAG_SLOT_DAY (pe->slot);
      part = DAG_SLOT_PART (pe->slot);
      n = n_weeks (self, day);
      for (guint w = 0; w < n; w++)
        if (ed->state[w] == DAG_SESSION_ON)
          {
            if (first < 0)
              first = w;
            last = w;
          }
      if (first < 0)
        continue;

      g = DAG_AT (org->groups, DagGroup, pe->group);
      location = g->location;
      base = first_on_weekday (self->from, day);
      /* The rule runs to the end of the indication of the last session in
       * the range, so a calendar shows the session ending with it, or to
       * the entry's last date when the plan changes before that. */
      ind = DAG_AT (org->indications, DagIndication, ed->indication[last]);
      until = MIN (self->to, ind->end);
      if (pe->until != DAG_DATE_NONE)
        until = MIN (until, pe->until);

      e = event_new ();
      key = entry_key (org, org->plan, self->plan_list + self->plan_start[cal->index], n_entries, ei,
                       "participant", pa->id);
      e->uid = make_uid (org, key);
      e->recurring = TRUE;
      e->first = base + 7 * first;
      e->until = until;
      part_times (org, location, part, &e->start, &e->end);
      /* Holidays, closures, absences, one-off cancellations and dates
       * without a valid indication. */
      for (DagDate d = e->first + 7; d <= until; d += 7)
        if (ed->state[(d - base) / 7] != DAG_SESSION_ON)
          g_array_append_val (e->exdates, d);

      e->summary = participant_summary (org, g, ed->indication[first]);
      e->location = location_text (org, location);

      times = times_line (part, e->start, e->end);
      desc = g_string_new (times);
      if (pa->transport == DAG_TRANSPORT_BUS)
        {
          int pickup = -1, n_found = 0;
          gboolean differs = FALSE;

          for (guint w = first; w <= (guint) last; w++)
            {
              DagDate d = base + 7 * w;
              int t;

              if (ed->state[w] != DAG_SESSION_ON)
                continue;
              /* The morning run brings them to the first session of the day. */
              if (on_earlier (self, cal->index, d, part))
                continue;
              t = find_pickup (self, cal->index, location, d);
              if (t < 0)
                continue;
              if (n_found++ > 0 && t != pickup)
                differs = TRUE;
              pickup = t;
            }
          if (n_found > 0)
            append_pickup (desc, pickup, differs);
        }
      e->description = g_string_free (desc, FALSE);
      g_ptr_array_add (cal->events, e);
    }

  /* additions holds the sessions in date, participant, slot order. */
  for (guint i = 0; i < self->additions->len; i++)
    {
      const DagSession *s = DAG_AT (self->additions, DagSession, i);
      if (s->participant == cal->index)
        participant_addition (self, cal, s);
    }
}

/* The standing plan entries of a group slot that apply on date. */
static int
planned_count (DagIcalExport *self,
               int            group,
               int            slot,
               DagDate        date)
{
  const EntryIndex *index = &self->plan_of_slot;
  int gs = group * DAG_N_SLOTS + slot, n = 0;

  for (guint k = index->start[gs]; k < index->start[gs + 1]; k++)
    {
      const DagPlanEntry *e = DAG_AT (self->org->plan, DagPlanEntry, index->list[k]);
      n += DAG_DATED_APPLIES (e->from, e->until, date);
    }
  return n;
}

static int
compare_guints (gconstpointer a,
                gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return x < y ? -1 : x > y;
}

/* What a group slot's event says on date: its times, the number of
 * participants planned then and (with_staff) who staffs it then, by the
 * dated standing plan and staffing. */
static char *
group_slot_description (DagIcalExport *self,
                        int            group,
                        int            slot,
                        DagDate        date,
                        int            start,
                        int            end,
                        gboolean       with_staff)
{
  const DagOrg *org = self->org;
  g_autofree char *times = times_line (DAG_SLOT_PART (slot), start, end);
  GString *s = g_string_new (times);
  int n = planned_count (self, group, slot, date);
  int gs = group * DAG_N_SLOTS + slot;
  const EntryIndex *index = &self->staffing_of_slot;
  g_autoptr(GArray) staffing = NULL;
  gboolean first = TRUE;

  g_string_append_c (s, '\n');
  g_string_append_printf (s, g_dngettext (GETTEXT_PACKAGE, "%d participant planned",
                                          "%d participants planned", n), n);
  if (!with_staff)
    return g_string_free (s, FALSE);
  staffing = g_array_new (FALSE, FALSE, sizeof (guint));
  /* The staffing of the slot that applies on date, in file order (as the
   * staffing was entered). */
  for (guint k = index->start[gs]; k < index->start[gs + 1]; k++)
    {
      guint ei = index->list[k];
      const DagStaffing *st = DAG_AT (org->staffing, DagStaffing, ei);

      if (st->staff >= 0 && DAG_DATED_APPLIES (st->from, st->until, date))
        g_array_append_val (staffing, ei);
    }
  g_array_sort (staffing, compare_guints);
  for (guint i = 0; i < staffing->len; i++)
    {
      const DagStaffing *st = DAG_AT (org->staffing, DagStaffing, g_array_index (staffing, guint, i));
      if (first)
        {
          g_string_append_c (s, '\n');
          g_string_append (s, C_("calendar", "Staff:"));
          g_string_append_c (s, ' ');
        }
      else
        g_string_append (s, ", ");
      g_string_append (s, DAG_AT (org->staff, DagStaff, st->staff)->name);
      first = FALSE;
    }
  return g_string_free (s, FALSE);
}

/* Adds the events of a weekly series of a group slot to cal.  Week w of
 * the range (the date base + 7 w of the slot's weekday) is not part of the
 * series (state SERIES_NONE), takes place (DAG_SESSION_ON) or not (any
 * other state: an EXDATE); desc[w] is what the event says that week.  One
 * recurring event per run of weeks of the series with the same text: a
 * change of the plan or staffing from week N ends the event on the Sunday
 * before N and starts a new one, whose UID key adds N's Monday. */
static void
series_events (DagIcalExport *self,
               Calendar      *cal,
               const char    *key,
               int            group,
               int            slot,
               const guint8  *state,
               char         **desc)
{
  const DagOrg *org = self->org;
  const DagGroup *g = DAG_AT (org->groups, DagGroup, group);
  int day = DAG_SLOT_DAY (slot);
  guint n = n_weeks (self, day);
  DagDate base = first_on_weekday (self->from, day);

  for (guint a = 0; a < n;)
    {
      guint b = a, first;
      Event *e;
      DagDate sunday;

      if (state[a] == SERIES_NONE)
        {
          a++;
          continue;
        }
      while (b + 1 < n && state[b + 1] != SERIES_NONE && strcmp (desc[b + 1], desc[a]) == 0)
        b++;
      for (first = a; first <= b && state[first] != DAG_SESSION_ON; first++)
        ;
      if (first > b)
        {
          a = b + 1;
          continue;
        }

      e = event_new ();
      if (a > 0 && state[a - 1] != SERIES_NONE)
        {
          char buf[DAG_DATE_BUF];
          DagDate monday = base + 7 * a - day;
          g_autofree char *k = g_strdup_printf ("%s\x1f%s", key, dag_date_format (monday, buf));
          e->uid = make_uid (org, k);
        }
      else
        e->uid = make_uid (org, key);
      e->recurring = TRUE;
      e->first = base + 7 * first;
      sunday = base + 7 * b - day + 6;
      e->until = MIN (self->to, sunday);
      for (guint w = first + 1; w <= b; w++)
        if (state[w] != DAG_SESSION_ON)
          {
            DagDate d = base + 7 * w;
            g_array_append_val (e->exdates, d);
          }
      part_times (org, g->location, DAG_SLOT_PART (slot), &e->start, &e->end);
      e->summary = group_summary (org, group);
      e->location = location_text (org, g->location);
      e->description = g_strdup (desc[a]);
      g_ptr_array_add (cal->events, e);
      a = b + 1;
    }
}

/* The weekly session of a group slot in a group's or location's calendar:
 * every date the group runs (not on holidays and closures), split where
 * the plan or staffing of the slot changes. */
static void
group_slot_event (DagIcalExport *self,
                  Calendar      *cal,
                  const char    *kind,
                  const char    *subject,
                  int            group,
                  int            slot)
{
  const DagOrg *org = self->org;
  const DagGroup *g = DAG_AT (org->groups, DagGroup, group);
  int day = DAG_SLOT_DAY (slot), start, end;
  guint n = n_weeks (self, day);
  DagDate base = first_on_weekday (self->from, day);
  g_autofree guint8 *state = g_malloc (n + 1);
  g_auto(GStrv) desc = g_new0 (char *, n + 1);
  g_autofree char *key = g_strdup_printf ("%s\x1f%s\x1f%s\x1f%s", kind, subject, g->id, dag_slot_name (slot));

  part_times (org, g->location, DAG_SLOT_PART (slot), &start, &end);
  for (guint w = 0; w < n; w++)
    {
      DagDate d = base + 7 * w;
      state[w] = group_date_on (self, g->location, d) ? DAG_SESSION_ON : DAG_SESSION_CLOSED;
      desc[w] = group_slot_description (self, group, slot, d, start, end, TRUE);
    }
  series_events (self, cal, key, group, slot, state, desc);
}

static void
staff_events (DagIcalExport *self,
              Calendar      *cal)
{
  const DagOrg *org = self->org;
  const DagStaff *staff = DAG_AT (org->staff, DagStaff, cal->index);
  const guint *list = self->staffing_of.list + self->staffing_of.start[cal->index];
  guint n_entries = self->staffing_of.start[cal->index + 1] - self->staffing_of.start[cal->index];

  /* In slot order, then from. */
  for (guint k = 0; k < n_entries; k++)
    {
      guint ei = list[k];
      const DagStaffing *st = DAG_AT (org->staffing, DagStaffing, ei);
      const guint8 *state = self->staff_state[ei];
      int day = DAG_SLOT_DAY (st->slot), start, end;
      guint n = n_weeks (self, day);
      DagDate base = first_on_weekday (self->from, day);
      g_auto(GStrv) desc = NULL;
      g_autofree char *key = NULL;

      if (state == NULL)
        continue;
      part_times (org, DAG_AT (org->groups, DagGroup, st->group)->location, DAG_SLOT_PART (st->slot),
                  &start, &end);
      desc = g_new0 (char *, n + 1);
      for (guint w = 0; w < n; w++)
        desc[w] = state[w] == SERIES_NONE ? g_strdup ("")
                  : group_slot_description (self, st->group, st->slot, base + 7 * w, start, end, FALSE);
      key = entry_key (org, org->staffing, list, n_entries, ei, "staff", staff->id);
      series_events (self, cal, key, st->group, st->slot, state, desc);
    }

  /* One-off additions: a single event each. */
  for (guint i = 0; i < self->staff_additions->len; i++)
    {
      const DagStaffSession *s = DAG_AT (self->staff_additions, DagStaffSession, i);
      const DagGroup *g;
      Event *e;
      g_autofree char *key = NULL;
      g_autofree char *text = NULL;
      char buf[DAG_DATE_BUF];

      if (s->staff != cal->index)
        continue;
      g = DAG_AT (org->groups, DagGroup, s->group);
      e = event_new ();
      key = g_strdup_printf ("staff-once\x1f%s\x1f%s\x1f%s\x1f%s", staff->id, dag_date_format (s->date, buf),
                             g->id, dag_slot_name (s->slot));
      e->uid = make_uid (org, key);
      e->first = s->date;
      e->recurring = FALSE;
      part_times (org, g->location, s->part, &e->start, &e->end);
      e->summary = group_summary (org, s->group);
      e->location = location_text (org, g->location);
      text = group_slot_description (self, s->group, s->slot, s->date, e->start, e->end, FALSE);
      e->description = g_strconcat (text, "\n", one_off_note (), NULL);
      g_ptr_array_add (cal->events, e);
    }
}

static void
group_events (DagIcalExport *self,
              Calendar      *cal,
              int            group,
              const char    *kind,
              const char    *subject)
{
  const DagGroup *g = DAG_AT (self->org->groups, DagGroup, group);

  for (int slot = 0; slot < DAG_N_SLOTS; slot++)
    if (g->slots & DAG_SLOT_BIT (slot))
      group_slot_event (self, cal, kind, subject, group, slot);
}

static int
compare_runs (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  const DagOrg *org = user_data;
  const DagRun *ra = DAG_AT (org->runs, DagRun, *(const guint *) a);
  const DagRun *rb = DAG_AT (org->runs, DagRun, *(const guint *) b);

  if (ra->date != rb->date)
    return ra->date < rb->date ? -1 : 1;
  if (ra->time != rb->time)
    return ra->time < rb->time ? -1 : 1;
  return strcmp (ra->id, rb->id);
}

/* A run's event times: from the first pick-up to the arrival, or from
 * the departure to the last drop-off; never empty. */
static void
run_times (const DagRun *run,
           int          *start,
           int          *end)
{
  int first_stop = run->stops->len ? DAG_AT (run->stops, DagStop, 0)->time : run->time;
  int last_stop = run->stops->len ? DAG_AT (run->stops, DagStop, run->stops->len - 1)->time : run->time;

  if (run->direction == DAG_DIRECTION_TO)
    {
      *start = MIN (first_stop, run->time);
      *end = run->time;
    }
  else
    {
      *start = run->time;
      *end = MAX (last_stop, run->time);
    }
  if (*end <= *start)
    *end = *start + 1;
}

/* The runs in the range of vehicle, or (vehicle -1) driven by driver,
 * sorted, each with its rank among that day's runs of the same direction
 * and location: runs get new ids when transport is re-planned, so their
 * UIDs rest on what stays.  A run stored on a holiday or closure would
 * send the driver to a closed location: such runs are left out. */
typedef struct {
  guint run;
  int   rank;
} RankedRun;

static GArray *
runs_in_range (DagIcalExport *self,
               int            vehicle,
               int            driver)
{
  const DagOrg *org = self->org;
  g_autoptr(GArray) runs = g_array_new (FALSE, FALSE, sizeof (guint));
  GArray *ranked = g_array_new (FALSE, FALSE, sizeof (RankedRun));

  for (guint r = 0; r < org->runs->len; r++)
    {
      const DagRun *run = DAG_AT (org->runs, DagRun, r);

      if ((vehicle >= 0 ? run->vehicle == vehicle : run->driver == driver) &&
          run->date >= self->from && run->date <= self->to && group_date_on (self, run->location, run->date))
        g_array_append_val (runs, r);
    }
  g_array_sort_with_data (runs, compare_runs, (gpointer) org);
  for (guint i = 0; i < runs->len; i++)
    {
      const DagRun *run = DAG_AT (org->runs, DagRun, g_array_index (runs, guint, i));
      RankedRun rr = { g_array_index (runs, guint, i), 0 };

      /* The sort puts a day's runs together: look back over that day. */
      for (guint j = i; j-- > 0;)
        {
          const DagRun *o = DAG_AT (org->runs, DagRun, g_array_index (runs, guint, j));

          if (o->date != run->date)
            break;
          rr.rank += o->direction == run->direction && o->location == run->location;
        }
      g_array_append_val (ranked, rr);
    }
  return ranked;
}

/* A single event for run, its UID made from key (what = "drive" or
 * "vehicle", who = the staff or vehicle id, and the run's rank). */
static Event *
run_event (const DagOrg    *org,
           const DagRun    *run,
           const char      *what,
           const char      *who,
           int              rank)
{
  const DagLocation *l = run->location >= 0 && (guint) run->location < org->locations->len
                         ? DAG_AT (org->locations, DagLocation, run->location) : NULL;
  g_autofree char *key = g_strdup_printf ("%s\x1f%s\x1f%u\x1f%d\x1f%s\x1f%d", what, who, run->date,
                                          run->direction, l ? l->id : "", rank);
  Event *e = event_new ();

  e->uid = make_uid (org, key);
  e->first = run->date;
  e->recurring = FALSE;
  run_times (run, &e->start, &e->end);
  e->location = location_text (org, run->location);
  return e;
}

/* "Arrival at the location: 09:30" or "Departure from the location: …". */
static char *
run_time_text (const DagRun *run)
{
  char buf[6];

  if (run->direction == DAG_DIRECTION_TO)
    return g_strdup_printf (_("Arrival at the location: %s"), dag_time_format (run->time, buf));
  return g_strdup_printf (_("Departure from the location: %s"), dag_time_format (run->time, buf));
}

/* The runs staff member cal->index drives in the range, a single event
 * each: where, when and how many ride, no participant's name. */
static void
driving_events (DagIcalExport *self,
                Calendar      *cal)
{
  const DagOrg *org = self->org;
  const DagStaff *staff = DAG_AT (org->staff, DagStaff, cal->index);
  g_autoptr(GArray) runs = runs_in_range (self, -1, cal->index);

  for (guint i = 0; i < runs->len; i++)
    {
      const RankedRun *rr = &g_array_index (runs, RankedRun, i);
      const DagRun *run = DAG_AT (org->runs, DagRun, rr->run);
      const DagLocation *l = run->location >= 0 && (guint) run->location < org->locations->len
                             ? DAG_AT (org->locations, DagLocation, run->location) : NULL;
      g_autofree char *riders = NULL;
      g_autofree char *when = run_time_text (run);
      guint n = run->stops->len;
      Event *e = run_event (org, run, "drive", staff->id, rr->rank);

      if (run->direction == DAG_DIRECTION_TO)
        /* TRANSLATORS: a run in a driver's calendar, "Driving to De Linde". */
        e->summary = g_strdup_printf (_("Driving to %s"), l ? l->name : "");
      else
        /* TRANSLATORS: a run in a driver's calendar, "Driving from De Linde". */
        e->summary = g_strdup_printf (_("Driving from %s"), l ? l->name : "");
      /* TRANSLATORS: how many participants ride on a run a staff member drives */
      riders = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u rider", "%u riders", n), n);
      e->description = g_strconcat (riders, "\n", when, NULL);
      g_ptr_array_add (cal->events, e);
    }
}

static void
vehicle_events (DagIcalExport *self,
                Calendar      *cal)
{
  const DagOrg *org = self->org;
  const DagVehicle *v = DAG_AT (org->vehicles, DagVehicle, cal->index);
  g_autoptr(GArray) runs = runs_in_range (self, cal->index, -1);

  for (guint i = 0; i < runs->len; i++)
    {
      const RankedRun *rr = &g_array_index (runs, RankedRun, i);
      const DagRun *run = DAG_AT (org->runs, DagRun, rr->run);
      const DagLocation *l = run->location >= 0 ? DAG_AT (org->locations, DagLocation, run->location) : NULL;
      g_autofree char *when = run_time_text (run);
      Event *e = run_event (org, run, "vehicle", v->id, rr->rank);
      GString *desc;
      char buf[6];

      if (run->direction == DAG_DIRECTION_TO)
        /* TRANSLATORS: "Bus 1: to De Linde". */
        e->summary = g_strdup_printf (_("%s: to %s"), v->name, l ? l->name : "");
      else
        /* TRANSLATORS: "Bus 1: from De Linde". */
        e->summary = g_strdup_printf (_("%s: from %s"), v->name, l ? l->name : "");

      desc = g_string_new (NULL);
      if (run->driver >= 0)
        g_string_append_printf (desc, _("Driver: %s"), DAG_AT (org->staff, DagStaff, run->driver)->name);
      else
        g_string_append (desc, _("Driver: external"));
      for (guint s = 0; s < run->stops->len; s++)
        {
          const DagStop *stop = DAG_AT (run->stops, DagStop, s);
          const DagParticipant *pa = DAG_AT (org->participants, DagParticipant, stop->participant);

          g_string_append_printf (desc, "\n%s %s, %s", dag_time_format (stop->time, buf), pa->name, pa->address);
        }
      g_string_append_c (desc, '\n');
      g_string_append (desc, when);
      e->description = g_string_free (desc, FALSE);
      g_ptr_array_add (cal->events, e);
    }
}

/* The content an event's SEQUENCE follows: everything but UID, SEQUENCE and
 * the stamps. */
static void
hash_event (Event *e)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  char buf[64];
  int n;

  n = g_snprintf (buf, sizeof buf, "%u %d %d %d %u\x1f", e->first, e->start, e->end, e->recurring, e->until);
  g_checksum_update (sum, (const guchar *) buf, n);
  for (guint i = 0; i < e->exdates->len; i++)
    {
      n = g_snprintf (buf, sizeof buf, "%u,", g_array_index (e->exdates, DagDate, i));
      g_checksum_update (sum, (const guchar *) buf, n);
    }
  g_checksum_update (sum, (const guchar *) "\x1f", 1);
  g_checksum_update (sum, (const guchar *) e->summary, -1);
  g_checksum_update (sum, (const guchar *) "\x1f", 1);
  g_checksum_update (sum, (const guchar *) e->location, -1);
  g_checksum_update (sum, (const guchar *) "\x1f", 1);
  g_checksum_update (sum, (const guchar *) e->description, -1);
  g_strlcpy (e->hash, g_checksum_get_string (sum), sizeof e->hash);
}

gboolean
dag_ical_export_build (DagIcalExport *self,
                       DagStore      *store,
                       gint64         now,
                       GError       **error)
{
  g_autoptr(GArray) stamps = g_array_new (FALSE, FALSE, sizeof (DagIcalStamp));

  g_return_val_if_fail (self->schedule == NULL, FALSE);

  if (now < 0)
    now = g_get_real_time () / G_USEC_PER_SEC;

  self->schedule = dag_schedule_new (self->org);
  expand_participants (self);
  expand_staff (self);
  index_pickups (self);

  for (guint c = 0; c < self->calendars->len; c++)
    {
      Calendar *cal = DAG_AT (self->calendars, Calendar, c);

      cal->events = g_ptr_array_new_with_free_func (event_free);
      switch (cal->kind)
        {
        case DAG_KIND_PARTICIPANT:
          participant_events (self, cal);
          break;
        case DAG_KIND_STAFF:
          staff_events (self, cal);
          driving_events (self, cal);
          break;
        case DAG_KIND_GROUP:
          group_events (self, cal, cal->index, "group",
                        DAG_AT (self->org->groups, DagGroup, cal->index)->id);
          break;
        case DAG_KIND_LOCATION:
          for (guint g = 0; g < self->org->groups->len; g++)
            if (DAG_AT (self->org->groups, DagGroup, g)->location == cal->index)
              group_events (self, cal, g, "location",
                            DAG_AT (self->org->locations, DagLocation, cal->index)->id);
          break;
        case DAG_KIND_VEHICLE:
          vehicle_events (self, cal);
          break;
        default:
          g_assert_not_reached ();
        }
      for (guint i = 0; i < cal->events->len; i++)
        {
          Event *e = g_ptr_array_index (cal->events, i);
          DagIcalStamp st;

          hash_event (e);
          st.uid = e->uid;
          st.hash = e->hash;
          st.sequence = 0;
          st.changed = now;
          g_array_append_val (stamps, st);
        }
    }

  if (store != NULL &&
      !dag_store_ical_stamp (store, (DagIcalStamp *) stamps->data, stamps->len, now, error))
    return FALSE;

  for (guint c = 0, k = 0; c < self->calendars->len; c++)
    {
      Calendar *cal = DAG_AT (self->calendars, Calendar, c);
      for (guint i = 0; i < cal->events->len; i++, k++)
        {
          Event *e = g_ptr_array_index (cal->events, i);
          const DagIcalStamp *st = DAG_AT (stamps, DagIcalStamp, k);

          e->sequence = st->sequence;
          e->changed = st->changed;
        }
    }
  return TRUE;
}

/* ---- rendering ----------------------------------------------------------- */

static icalcomponent *
tz_rule (icalcomponent *rule,
         int            from_minutes,
         int            to_minutes,
         const char    *name,
         DagDate        start,
         int            start_minutes,
         int            month)
{
  struct icalrecurrencetype r;

  icalrecurrencetype_clear (&r);
  r.freq = ICAL_YEARLY_RECURRENCE;
  r.by_month[0] = month;
  r.by_month[1] = ICAL_RECURRENCE_ARRAY_MAX;
  /* -1SU: the last Sunday of the month. */
  r.by_day[0] = -(8 + ICAL_SUNDAY_WEEKDAY);
  r.by_day[1] = ICAL_RECURRENCE_ARRAY_MAX;

  icalcomponent_add_property (rule, icalproperty_new_tzoffsetfrom (from_minutes * 60));
  icalcomponent_add_property (rule, icalproperty_new_tzoffsetto (to_minutes * 60));
  icalcomponent_add_property (rule, icalproperty_new_tzname (name));
  icalcomponent_add_property (rule, icalproperty_new_dtstart (local_time (start, start_minutes, 0)));
  icalcomponent_add_property (rule, icalproperty_new_rrule (r));
  return rule;
}

/* Europe/Amsterdam by the EU rules (since 1996), written out here so the
 * file does not depend on this machine's zoneinfo or libical's copy. */
static icalcomponent *
amsterdam_vtimezone (void)
{
  icalcomponent *tz = icalcomponent_new_vtimezone ();

  icalcomponent_add_property (tz, icalproperty_new_tzid (DAG_ICAL_TZID));
  icalcomponent_add_component (tz, tz_rule (icalcomponent_new_xdaylight (), 60, 120, "CEST",
                                            dag_date_from_ymd (1981, 3, 29), 2 * 60, 3));
  icalcomponent_add_component (tz, tz_rule (icalcomponent_new_xstandard (), 120, 60, "CET",
                                            dag_date_from_ymd (1996, 10, 27), 3 * 60, 10));
  return tz;
}

static icalproperty *
with_tzid (icalproperty *prop)
{
  icalproperty_add_parameter (prop, icalparameter_new_tzid (DAG_ICAL_TZID));
  return prop;
}

static icalcomponent *
render_event (const Event *e)
{
  icalcomponent *ev = icalcomponent_new_vevent ();
  struct icaltimetype changed = utc_time (e->changed);

  icalcomponent_add_property (ev, icalproperty_new_uid (e->uid));
  icalcomponent_add_property (ev, icalproperty_new_dtstamp (changed));
  icalcomponent_add_property (ev, icalproperty_new_lastmodified (changed));
  icalcomponent_add_property (ev, icalproperty_new_sequence (e->sequence));
  icalcomponent_add_property (ev, with_tzid (icalproperty_new_dtstart (local_time (e->first, e->start, 0))));
  icalcomponent_add_property (ev, with_tzid (icalproperty_new_dtend (local_time (e->first, e->end, 0))));
  if (e->recurring)
    {
      struct icalrecurrencetype r;

      icalrecurrencetype_clear (&r);
      r.freq = ICAL_WEEKLY_RECURRENCE;
      /* With a TZID on DTSTART, RFC 5545 wants UNTIL in UTC. */
      r.until = utc_time (dag_ical_local_to_unix (e->until, 23 * 60 + 59) + 59);
      icalcomponent_add_property (ev, icalproperty_new_rrule (r));
      for (guint i = 0; i < e->exdates->len; i++)
        {
          DagDate d = g_array_index (e->exdates, DagDate, i);
          icalcomponent_add_property (ev, with_tzid (icalproperty_new_exdate (local_time (d, e->start, 0))));
        }
    }
  icalcomponent_add_property (ev, icalproperty_new_summary (e->summary));
  icalcomponent_add_property (ev, icalproperty_new_location (e->location));
  icalcomponent_add_property (ev, icalproperty_new_description (e->description));
  icalcomponent_add_property (ev, icalproperty_new_transp (ICAL_TRANSP_OPAQUE));
  return ev;
}

static const char *
calendar_name (DagIcalExport *self,
               const Calendar *cal)
{
  const DagOrg *org = self->org;

  switch (cal->kind)
    {
    /* A participant's own file names no one: it is named after the provider. */
    case DAG_KIND_PARTICIPANT: return org->name;
    case DAG_KIND_STAFF: return DAG_AT (org->staff, DagStaff, cal->index)->name;
    case DAG_KIND_GROUP: return DAG_AT (org->groups, DagGroup, cal->index)->name;
    case DAG_KIND_LOCATION: return DAG_AT (org->locations, DagLocation, cal->index)->name;
    case DAG_KIND_VEHICLE: return DAG_AT (org->vehicles, DagVehicle, cal->index)->name;
    default: return org->name;
    }
}

/* Appends the text of a component and frees it. */
static void
append_component (GString       *out,
                  icalcomponent *comp)
{
  char *text = icalcomponent_as_ical_string_r (comp);

  g_string_append (out, text);
  icalmemory_free_buffer (text);
  icalcomponent_free (comp);
}

char *
dag_ical_export_render (DagIcalExport *self,
                        guint          i,
                        gsize         *length)
{
  static const char end[] = "END:VCALENDAR\r\n";
  Calendar *cal;
  icalcomponent *vcal;
  icalproperty *prop;
  GString *out;

  g_return_val_if_fail (i < self->calendars->len, NULL);
  cal = DAG_AT (self->calendars, Calendar, i);
  g_return_val_if_fail (cal->events != NULL, NULL);

  /* The calendar is written piece by piece (its properties, the time zone
   * rendered once per export, each event) rather than as one tree: libical
   * then never holds a whole calendar, which halves the time for thousands
   * of files.  The text is the same. */
  vcal = icalcomponent_new_vcalendar ();
  icalcomponent_add_property (vcal, icalproperty_new_prodid ("-//Dagritme//Dagritme//NL"));
  icalcomponent_add_property (vcal, icalproperty_new_version ("2.0"));
  icalcomponent_add_property (vcal, icalproperty_new_calscale ("GREGORIAN"));
  icalcomponent_add_property (vcal, icalproperty_new_method (ICAL_METHOD_PUBLISH));
  prop = icalproperty_new_x (calendar_name (self, cal));
  icalproperty_set_x_name (prop, "X-WR-CALNAME");
  icalcomponent_add_property (vcal, prop);
  prop = icalproperty_new_x (DAG_ICAL_TZID);
  icalproperty_set_x_name (prop, "X-WR-TIMEZONE");
  icalcomponent_add_property (vcal, prop);

  out = g_string_sized_new (2048 + 1024 * cal->events->len);
  append_component (out, vcal);
  g_assert (g_str_has_suffix (out->str, end));
  g_string_truncate (out, out->len - strlen (end));

  if (self->vtimezone_text == NULL)
    {
      g_autoptr(GString) tz = g_string_new (NULL);
      append_component (tz, amsterdam_vtimezone ());
      self->vtimezone_text = g_string_free (g_steal_pointer (&tz), FALSE);
    }
  g_string_append (out, self->vtimezone_text);
  for (guint k = 0; k < cal->events->len; k++)
    append_component (out, render_event (g_ptr_array_index (cal->events, k)));
  g_string_append (out, end);

  if (length != NULL)
    *length = out->len;
  return g_string_free (out, FALSE);
}

/* ---- files --------------------------------------------------------------- */

static const char *
kind_name (DagKind kind)
{
  switch (kind)
    {
    case DAG_KIND_PARTICIPANT: return "participant";
    case DAG_KIND_STAFF: return "staff";
    case DAG_KIND_GROUP: return "group";
    case DAG_KIND_LOCATION: return "location";
    case DAG_KIND_VEHICLE: return "vehicle";
    default: return "calendar";
    }
}

static const char *
subject_id (DagIcalExport  *self,
            const Calendar *cal)
{
  const DagOrg *org = self->org;

  switch (cal->kind)
    {
    case DAG_KIND_PARTICIPANT: return DAG_AT (org->participants, DagParticipant, cal->index)->id;
    case DAG_KIND_STAFF: return DAG_AT (org->staff, DagStaff, cal->index)->id;
    case DAG_KIND_GROUP: return DAG_AT (org->groups, DagGroup, cal->index)->id;
    case DAG_KIND_LOCATION: return DAG_AT (org->locations, DagLocation, cal->index)->id;
    case DAG_KIND_VEHICLE: return DAG_AT (org->vehicles, DagVehicle, cal->index)->id;
    default: return "";
    }
}

char *
dag_ical_export_file_name (DagIcalExport *self,
                           guint          i)
{
  const Calendar *cal;
  const char *id;
  gboolean safe;

  g_return_val_if_fail (i < self->calendars->len, NULL);
  cal = DAG_AT (self->calendars, Calendar, i);
  id = subject_id (self, cal);

  /* Ids may hold any character but spaces ("/", ".."): use them only when
   * they make a plain file name. */
  safe = id[0] != '.' && id[0] != '\0';
  for (const char *p = id; safe && *p; p++)
    safe = g_ascii_isalnum (*p) || *p == '-' || *p == '_' || *p == '.';
  if (safe)
    return g_strconcat (id, ".ics", NULL);
  {
    g_autofree char *digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, id, -1);
    digest[16] = '\0';
    return g_strdup_printf ("%s-%s.ics", kind_name (cal->kind), digest);
  }
}

/* Sets error from errno value saved with message (owned); returns FALSE. */
static gboolean
io_error (GError **error,
          int      saved,
          char    *message)
{
  g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved), message);
  g_free (message);
  return FALSE;
}

/* Writes text into the new file path (mode 0600), removing it on failure. */
static gboolean
write_new (const char *path,
           const char *text,
           gsize       length,
           GError    **error)
{
  int fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  gsize done = 0;

  if (fd < 0)
    {
      int saved = errno;
      return io_error (error, saved, g_strdup_printf (_("Cannot write the calendar %s: %s"), path, g_strerror (saved)));
    }
  while (done < length)
    {
      gssize n = write (fd, text + done, length - done);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          int saved = n < 0 ? errno : ENOSPC;
          close (fd);
          g_unlink (path);
          return io_error (error, saved, g_strdup_printf (_("Cannot write the calendar %s: %s"), path, g_strerror (saved)));
        }
      done += n;
    }
  if (close (fd) != 0)
    {
      int saved = errno;
      g_unlink (path);
      return io_error (error, saved, g_strdup_printf (_("Cannot write the calendar %s: %s"), path, g_strerror (saved)));
    }
  return TRUE;
}

/* Flushes everything written to the file system of dir to disk. */
static gboolean
sync_dir (const char *dir,
          GError    **error)
{
  int fd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
  int saved = 0;

  if (fd < 0)
    saved = errno;
#ifdef __linux__
  else if (syncfs (fd) != 0)
    saved = errno;
#else
  else
    sync ();
#endif
  if (fd >= 0)
    close (fd);
  if (saved != 0)
    return io_error (error, saved, g_strdup_printf (_("Cannot write the calendar %s: %s"), dir, g_strerror (saved)));
  return TRUE;
}

typedef struct {
  DagIcalExport *self;
  char         **texts;
  gsize         *lengths;
  gint           next;      /* atomic: the next calendar to render */
} RenderJob;

static gpointer
render_worker (gpointer data)
{
  RenderJob *job = data;
  guint n = job->self->calendars->len;
  guint i;

  while ((i = (guint) g_atomic_int_add (&job->next, 1)) < n)
    job->texts[i] = dag_ical_export_render (job->self, i, &job->lengths[i]);
  return NULL;
}

/* Renders every calendar, on as many threads as there are processors (up
 * to 4): libical works on separate components in parallel, and rendering
 * is most of an export's CPU time. */
static void
render_all (DagIcalExport *self,
            char         **texts,
            gsize         *lengths)
{
  RenderJob job = { self, texts, lengths, 0 };
  GThread *threads[4];
  guint n_threads = CLAMP (g_get_num_processors (), 1, G_N_ELEMENTS (threads));

  n_threads = MIN (n_threads, MAX (1, self->calendars->len / 64));
  /* Made once here, before any thread reads it. */
  if (self->vtimezone_text == NULL)
    {
      GString *tz = g_string_new (NULL);
      append_component (tz, amsterdam_vtimezone ());
      self->vtimezone_text = g_string_free (tz, FALSE);
    }
  for (guint t = 1; t < n_threads; t++)
    threads[t] = g_thread_new ("dag-ical-render", render_worker, &job);
  render_worker (&job);
  for (guint t = 1; t < n_threads; t++)
    g_thread_join (threads[t]);
}

/* A folder export is staged in DIR/.dagritme-new-XXXXXX (only the files
 * that change), which, once its data is on disk, is renamed to
 * DIR/.dagritme-done-XXXXXX: that rename is the moment the export counts
 * as written.  Its files are then renamed into DIR one by one.  DIR itself
 * stays what the user made it (its other files, its permissions, a symlink
 * or mount point, unchanged calendars untouched), and an export killed at
 * any moment is finished or undone by the next export into DIR: a "done"
 * folder is moved into place, a "new" one removed.  So DIR never keeps a
 * mix of old and new calendars past the next export. */
#define STAGING_NEW  ".dagritme-new-"
#define STAGING_DONE ".dagritme-done-"

static gboolean
is_dir (const char *path)
{
  GStatBuf st;

  return g_lstat (path, &st) == 0 && S_ISDIR (st.st_mode);
}

/* Removes a staging folder and the files in it (it holds no folders). */
static void
remove_staging (const char *staging)
{
  g_autoptr(GDir) d = g_dir_open (staging, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (staging, name, NULL);
      g_unlink (path);
    }
  g_rmdir (staging);
}

/* Moves every file of a complete staging folder into dir, replacing the
 * old calendars, then removes the folder. */
static gboolean
move_into_place (const char *staging,
                 const char *dir,
                 GError    **error)
{
  g_autoptr(GDir) d = NULL;
  const char *name;

  d = g_dir_open (staging, 0, error);
  if (d == NULL)
    return FALSE;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *from = g_build_filename (staging, name, NULL);
      g_autofree char *to = g_build_filename (dir, name, NULL);

      if (g_rename (from, to) != 0)
        {
          int saved = errno;
          return io_error (error, saved, g_strdup_printf (_("Cannot write the calendar %s: %s"), to, g_strerror (saved)));
        }
    }
  if (g_rmdir (staging) != 0)
    {
      int saved = errno;
      return io_error (error, saved, g_strdup_printf (_("Cannot write the calendar %s: %s"), staging, g_strerror (saved)));
    }
  return TRUE;
}

/* Whether name is a temp file of an older Dagritme: ".P1.ics.AbC123". */
static gboolean
is_old_temp (const char *name)
{
  const char *ics = strstr (name, ".ics.");

  return name[0] == '.' && ics != NULL && ics > name + 1 && strlen (ics + 5) == 6;
}

/* Finishes or undoes what an export killed before its end left in dir.
 * Runs under the folder's lock, so no other export is busy there. */
static gboolean
recover (const char *dir,
         GError    **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) d = NULL;
  const char *name;

  d = g_dir_open (dir, 0, error);
  if (d == NULL)
    return FALSE;
  while ((name = g_dir_read_name (d)) != NULL)
    if (name[0] == '.')
      g_ptr_array_add (names, g_strdup (name));
  for (guint i = 0; i < names->len; i++)
    {
      const char *n = g_ptr_array_index (names, i);
      g_autofree char *path = g_build_filename (dir, n, NULL);

      if (g_str_has_prefix (n, STAGING_DONE) && is_dir (path))
        {
          if (!move_into_place (path, dir, error))
            return FALSE;
        }
      else if (g_str_has_prefix (n, STAGING_NEW) && is_dir (path))
        remove_staging (path);
      else if (is_old_temp (n) && g_file_test (path, G_FILE_TEST_IS_REGULAR))
        g_unlink (path);
    }
  return TRUE;
}

static gboolean
write_all (DagIcalExport *self,
           const char    *dir,
           int            dir_fd,
           char         **staging_out,
           GError       **error)
{
  g_autofree char *staging = g_build_filename (dir, STAGING_NEW "XXXXXX", NULL);
  g_autofree char *done = NULL;
  guint n = self->calendars->len;
  g_auto(GStrv) texts = g_new0 (char *, n + 1);
  g_autofree gsize *lengths = g_new0 (gsize, n + 1);
  guint written = 0;

  if (!recover (dir, error))
    return FALSE;
  render_all (self, texts, lengths);
  if (g_mkdtemp_full (staging, 0700) == NULL)
    {
      int saved = errno;
      return io_error (error, saved, g_strdup_printf (_("Cannot create a calendar file in %s: %s"), dir, g_strerror (saved)));
    }
  *staging_out = g_strdup (staging);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = dag_ical_export_file_name (self, i);
      g_autofree char *final = g_build_filename (dir, name, NULL);
      g_autofree char *path = NULL;
      g_autofree char *old = NULL;
      gsize old_length;

      /* A file that would not change is left alone: replacing thousands of
       * files costs far more than reading them, and calendar clients and
       * sync tools see no change. */
      if (g_file_get_contents (final, &old, &old_length, NULL) &&
          old_length == lengths[i] && memcmp (old, texts[i], lengths[i]) == 0)
        continue;
      path = g_build_filename (staging, name, NULL);
      if (!write_new (path, texts[i], lengths[i], error))
        return FALSE;
      written++;
    }
  if (written == 0)
    {
      g_rmdir (staging);
      g_clear_pointer (staging_out, g_free);
      return TRUE;
    }

  /* One sync for all files instead of an fsync each (thousands of those on
   * a busy disk take minutes): the data is on disk before the commit. */
  if (!sync_dir (staging, error))
    return FALSE;
  done = g_strconcat (dir, G_DIR_SEPARATOR_S STAGING_DONE,
                      staging + strlen (staging) - 6, NULL);
  if (g_rename (staging, done) != 0)
    {
      int saved = errno;
      return io_error (error, saved, g_strdup_printf (_("Cannot write the calendar %s: %s"), done, g_strerror (saved)));
    }
  g_clear_pointer (staging_out, g_free);
  fsync (dir_fd);
  /* From here a failure leaves the "done" folder for the next export to
   * move into place: the new set is complete on disk. */
  if (!move_into_place (done, dir, error))
    return FALSE;
  fsync (dir_fd);
  return TRUE;
}

gboolean
dag_ical_export_write_all (DagIcalExport *self,
                           const char    *dir,
                           GError       **error)
{
  g_autofree char *staging = NULL;
  gboolean ok;
  int fd;

  g_return_val_if_fail (dir != NULL, FALSE);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      return io_error (error, saved, g_strdup_printf (_("Cannot create the calendar folder %s: %s"), dir, g_strerror (saved)));
    }
  /* One export at a time in a folder: recover() must not take another's
   * staging folder for one left by a kill. */
  fd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
  if (fd < 0 || flock (fd, LOCK_EX) != 0)
    {
      int saved = errno;
      if (fd >= 0)
        close (fd);
      return io_error (error, saved, g_strdup_printf (_("Cannot create the calendar folder %s: %s"), dir, g_strerror (saved)));
    }
  ok = write_all (self, dir, fd, &staging, error);
  /* A staging folder not committed yet is removed; a committed one is
   * complete and left for the next export to move into place. */
  if (staging != NULL)
    remove_staging (staging);
  close (fd);
  return ok;
}
