/* dag-ical.c — builds the iCalendar files of the standing week plan: which
 * weekly sessions a participant, staff member, group, location or vehicle
 * has, from dag-schedule, turned into recurring VEVENTs with libical.
 *
 * Format decisions:
 * - One VEVENT per weekly session (participant: per plan entry; staff: per
 *   staffing entry; group and location: per group slot), DTSTART at the
 *   location's part start on the first date in the range the session takes
 *   place, RRULE weekly UNTIL the end (23:59:59 local, written in UTC) of the
 *   indication of the last session in the range, or of the range, and one
 *   EXDATE for every weekly date in between that does not take place
 *   (holiday, closure, absence, no valid indication).  Group-slot events
 *   (staff, group, location) leave out holidays and closures only and run
 *   to the end of the range.
 * - Vehicles: one single VEVENT per stored run in the range (runs are
 *   dated), DTSTART at the first pick-up (or the departure), DTEND at the
 *   arrival (or the last drop-off); runs on a holiday or closure are left out.
 * - Pick-up: runs are dated, so a participant's event says "Pickup around
 *   HH:MM" when every run "to" that location in the range picks them up at
 *   the same time for that session (the first of their day), "see the
 *   transport schedule" when the times differ, and nothing without runs.
 * - UIDs are a SHA-256 of kind, subject, group and slot (vehicle: date,
 *   direction, location and the run's rank that day) @dagritme-<AGB code>,
 *   so no id or name can be read from them.
 * - DTSTAMP and LAST-MODIFIED are the time the event's content last changed,
 *   as recorded in the store, never the time of the export: a re-export of an
 *   unchanged plan gives the same bytes.  (The default range starts on this
 *   week's Monday, so a re-export in a later week moves DTSTART and raises
 *   SEQUENCE.)
 * - Privacy: no BSN, birth date, intensity level, product code, allocation
 *   number, absence reason or wheelchair need is ever written.  Participant
 *   files carry no names at all; staff files the number of participants
 *   planned; group and location files that number and the names of the
 *   staff on the slot (not of participants: calendar files end up on
 *   third-party servers); vehicle files name the passengers with their
 *   address (the driver must find them). */

#define _GNU_SOURCE 1   /* syncfs () */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <libical/ical.h>
#include <string.h>
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
  g_clear_pointer (&self->pickups, g_hash_table_unref);
  g_clear_pointer (&self->schedule, dag_schedule_free);
  g_free (self->plan_start);
  g_free (self->plan_list);
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

static gboolean
record_session (const DagSession *s,
                gpointer          user_data)
{
  DagIcalExport *self = user_data;
  EntryDates *e = &self->entries[s->plan_entry];
  guint week;

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
  guint *fill;
  gboolean any = FALSE;

  /* Plan entries per participant, in slot order. */
  self->plan_start = g_new0 (guint, np + 1);
  self->plan_list = g_new (guint, org->plan->len + 1);
  for (guint i = 0; i < org->plan->len; i++)
    {
      const DagPlanEntry *e = DAG_AT (org->plan, DagPlanEntry, i);
      if (e->participant >= 0 && (guint) e->participant < np)
        self->plan_start[e->participant + 1]++;
    }
  for (guint p = 0; p < np; p++)
    self->plan_start[p + 1] += self->plan_start[p];
  fill = g_memdup2 (self->plan_start, sizeof (guint) * (np + 1));
  for (guint i = 0; i < org->plan->len; i++)
    {
      const DagPlanEntry *e = DAG_AT (org->plan, DagPlanEntry, i);
      if (e->participant >= 0 && (guint) e->participant < np)
        self->plan_list[fill[e->participant]++] = i;
    }
  g_free (fill);
  for (guint p = 0; p < np; p++)
    {
      guint *list = self->plan_list + self->plan_start[p];
      guint n = self->plan_start[p + 1] - self->plan_start[p];

      /* Insertion sort: a participant has at most DAG_N_SLOTS entries. */
      for (guint a = 1; a < n; a++)
        for (guint b = a; b > 0 &&
             DAG_AT (org->plan, DagPlanEntry, list[b - 1])->slot >
             DAG_AT (org->plan, DagPlanEntry, list[b])->slot; b--)
          {
            guint t = list[b];
            list[b] = list[b - 1];
            list[b - 1] = t;
          }
    }

  /* Only the entries of participants whose calendar is asked for. */
  self->entries = g_new0 (EntryDates, org->plan->len + 1);
  for (guint c = 0; c < self->calendars->len; c++)
    {
      Calendar *cal = DAG_AT (self->calendars, Calendar, c);

      if (cal->kind != DAG_KIND_PARTICIPANT)
        continue;
      for (guint k = self->plan_start[cal->index]; k < self->plan_start[cal->index + 1]; k++)
        {
          guint ei = self->plan_list[k];
          const DagPlanEntry *pe = DAG_AT (org->plan, DagPlanEntry, ei);
          EntryDates *ed = &self->entries[ei];
          guint n;

          if (ed->state != NULL || pe->slot < 0 || pe->slot >= DAG_N_SLOTS || pe->group < 0)
            continue;
          n = n_weeks (self, DAG_SLOT_DAY (pe->slot));
          /* Dates the schedule does not report (none should exist) stay
           * "no indication": they are never given as taking place. */
          ed->state = g_malloc (n + 1);
          memset (ed->state, DAG_SESSION_NO_INDICATION, n + 1);
          ed->indication = g_new (int, n + 1);
          for (guint w = 0; w <= n; w++)
            ed->indication[w] = -1;
          any = TRUE;
        }
    }
  if (any)
    dag_schedule_foreach (self->schedule, self->from, self->to, record_session, self);
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

/* Fills first, until and exdates of a weekly session of a group slot that
 * takes place on every date the group runs, from the range's start to its
 * end.  Returns FALSE when no date in the range takes place. */
static gboolean
group_dates (DagIcalExport *self,
             Event         *e,
             int            location,
             int            day)
{
  DagDate d = first_on_weekday (self->from, day);

  for (; d <= self->to && !group_date_on (self, location, d); d += 7)
    ;
  if (d > self->to)
    return FALSE;
  e->first = d;
  e->until = self->to;
  e->recurring = TRUE;
  for (d += 7; d <= e->until; d += 7)
    if (!group_date_on (self, location, d))
      g_array_append_val (e->exdates, d);
  return TRUE;
}

static void
participant_events (DagIcalExport *self,
                    Calendar      *cal)
{
  const DagOrg *org = self->org;
  const DagParticipant *pa = DAG_AT (org->participants, DagParticipant, cal->index);

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
       * the range, so a calendar shows the session ending with it. */
      ind = DAG_AT (org->indications, DagIndication, ed->indication[last]);
      until = MIN (self->to, ind->end);

      e = event_new ();
      key = g_strdup_printf ("participant\x1f%s\x1f%s\x1f%s", pa->id, g->id, dag_slot_name (pe->slot));
      e->uid = make_uid (org, key);
      e->recurring = TRUE;
      e->first = base + 7 * first;
      e->until = until;
      part_times (org, location, part, &e->start, &e->end);
      for (DagDate d = e->first + 7; d <= until; d += 7)
        if (ed->state[(d - base) / 7] != DAG_SESSION_ON)
          g_array_append_val (e->exdates, d);

      {
        const DagIndication *first_ind = DAG_AT (org->indications, DagIndication, ed->indication[first]);
        const DagContract *c = DAG_AT (org->contracts, DagContract, first_ind->contract);
        const DagProduct *p = DAG_AT (c->products, DagProduct, first_ind->product);

        /* TRANSLATORS: the group's name and the activity, "Houtwerkplaats (Dagbesteding)". */
        e->summary = g_strdup_printf (C_("calendar", "%s (%s)"), g->name, p->name ? p->name : p->product);
      }
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
              gboolean earlier = FALSE;
              int t;

              if (ed->state[w] != DAG_SESSION_ON)
                continue;
              /* The morning run brings them to the first session of the day. */
              for (guint j = self->plan_start[cal->index]; j < k; j++)
                {
                  guint oi = self->plan_list[j];
                  const DagPlanEntry *o = DAG_AT (org->plan, DagPlanEntry, oi);
                  if (DAG_SLOT_DAY (o->slot) == day && self->entries[oi].state != NULL &&
                      self->entries[oi].state[w] == DAG_SESSION_ON)
                    earlier = TRUE;
                }
              if (earlier)
                continue;
              t = find_pickup (self, cal->index, location, d);
              if (t < 0)
                continue;
              if (n_found++ > 0 && t != pickup)
                differs = TRUE;
              pickup = t;
            }
          if (n_found > 0 && !differs)
            {
              char buf[6];
              g_string_append_c (desc, '\n');
              g_string_append_printf (desc, _("Pickup around %s"), dag_time_format (pickup, buf));
            }
          else if (n_found > 0)
            {
              g_string_append_c (desc, '\n');
              g_string_append (desc, _("The pickup time differs per week: see the transport schedule"));
            }
        }
      e->description = g_string_free (desc, FALSE);
      g_ptr_array_add (cal->events, e);
    }
}

static int
planned_count (const DagOrg *org,
               int           group,
               int           slot)
{
  int n = 0;

  for (guint i = 0; i < org->plan->len; i++)
    {
      const DagPlanEntry *e = DAG_AT (org->plan, DagPlanEntry, i);
      n += e->group == group && e->slot == slot;
    }
  return n;
}

static char *
group_slot_description (const DagOrg *org,
                        int           group,
                        int           slot,
                        int           start,
                        int           end,
                        gboolean      with_staff)
{
  g_autofree char *times = times_line (DAG_SLOT_PART (slot), start, end);
  GString *s = g_string_new (times);
  int n = planned_count (org, group, slot);
  gboolean first = TRUE;

  g_string_append_c (s, '\n');
  g_string_append_printf (s, g_dngettext (GETTEXT_PACKAGE, "%d participant planned",
                                          "%d participants planned", n), n);
  if (!with_staff)
    return g_string_free (s, FALSE);
  for (guint i = 0; i < org->staffing->len; i++)
    {
      const DagStaffing *st = DAG_AT (org->staffing, DagStaffing, i);
      if (st->group != group || st->slot != slot || st->staff < 0)
        continue;
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

static void
group_slot_event (DagIcalExport *self,
                  Calendar      *cal,
                  const char    *kind,
                  const char    *subject,
                  int            group,
                  int            slot,
                  gboolean       with_staff)
{
  const DagOrg *org = self->org;
  const DagGroup *g = DAG_AT (org->groups, DagGroup, group);
  g_autofree char *key = NULL;
  Event *e = event_new ();

  if (!group_dates (self, e, g->location, DAG_SLOT_DAY (slot)))
    {
      event_free (e);
      return;
    }
  key = g_strdup_printf ("%s\x1f%s\x1f%s\x1f%s", kind, subject, g->id, dag_slot_name (slot));
  e->uid = make_uid (org, key);
  part_times (org, g->location, DAG_SLOT_PART (slot), &e->start, &e->end);
  e->summary = group_summary (org, group);
  e->location = location_text (org, g->location);
  e->description = group_slot_description (org, group, slot, e->start, e->end, with_staff);
  g_ptr_array_add (cal->events, e);
}

static void
staff_events (DagIcalExport *self,
              Calendar      *cal)
{
  const DagOrg *org = self->org;
  const DagStaff *staff = DAG_AT (org->staff, DagStaff, cal->index);

  for (int slot = 0; slot < DAG_N_SLOTS; slot++)
    for (guint i = 0; i < org->staffing->len; i++)
      {
        const DagStaffing *st = DAG_AT (org->staffing, DagStaffing, i);
        if (st->staff == cal->index && st->slot == slot && st->group >= 0)
          group_slot_event (self, cal, "staff", staff->id, st->group, slot, FALSE);
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
      group_slot_event (self, cal, kind, subject, group, slot, TRUE);
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

static void
vehicle_events (DagIcalExport *self,
                Calendar      *cal)
{
  const DagOrg *org = self->org;
  const DagVehicle *v = DAG_AT (org->vehicles, DagVehicle, cal->index);
  g_autoptr(GArray) runs = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint r = 0; r < org->runs->len; r++)
    {
      const DagRun *run = DAG_AT (org->runs, DagRun, r);

      /* A run stored on a holiday or closure would send the driver to a
       * closed location: such runs are left out. */
      if (run->vehicle == cal->index && run->date >= self->from && run->date <= self->to &&
          group_date_on (self, run->location, run->date))
        g_array_append_val (runs, r);
    }
  g_array_sort_with_data (runs, compare_runs, (gpointer) org);

  for (guint i = 0; i < runs->len; i++)
    {
      const DagRun *run = DAG_AT (org->runs, DagRun, g_array_index (runs, guint, i));
      const DagLocation *l = run->location >= 0 ? DAG_AT (org->locations, DagLocation, run->location) : NULL;
      g_autofree char *key = NULL;
      int rank = 0, first_stop, last_stop;
      Event *e;
      GString *desc;
      char buf[6];

      /* Runs get new ids when transport is re-planned; the UID rests on what
       * stays: the vehicle, date, direction, location and rank that day. */
      for (guint j = 0; j < i; j++)
        {
          const DagRun *o = DAG_AT (org->runs, DagRun, g_array_index (runs, guint, j));
          rank += o->date == run->date && o->direction == run->direction && o->location == run->location;
        }
      key = g_strdup_printf ("vehicle\x1f%s\x1f%u\x1f%d\x1f%s\x1f%d", v->id, run->date, run->direction,
                             l ? l->id : "", rank);

      first_stop = run->stops->len ? DAG_AT (run->stops, DagStop, 0)->time : run->time;
      last_stop = run->stops->len ? DAG_AT (run->stops, DagStop, run->stops->len - 1)->time : run->time;
      e = event_new ();
      e->uid = make_uid (org, key);
      e->first = run->date;
      e->recurring = FALSE;
      if (run->direction == DAG_DIRECTION_TO)
        {
          e->start = MIN (first_stop, run->time);
          e->end = run->time;
          /* TRANSLATORS: "Bus 1: to De Linde". */
          e->summary = g_strdup_printf (_("%s: to %s"), v->name, l ? l->name : "");
        }
      else
        {
          e->start = run->time;
          e->end = MAX (last_stop, run->time);
          /* TRANSLATORS: "Bus 1: from De Linde". */
          e->summary = g_strdup_printf (_("%s: from %s"), v->name, l ? l->name : "");
        }
      if (e->end <= e->start)
        e->end = e->start + 1;
      e->location = location_text (org, run->location);

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
      if (run->direction == DAG_DIRECTION_TO)
        g_string_append_printf (desc, _("Arrival at the location: %s"), dag_time_format (run->time, buf));
      else
        g_string_append_printf (desc, _("Departure from the location: %s"), dag_time_format (run->time, buf));
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

static gboolean
write_temp (const char *dir,
            const char *name,
            const char *text,
            gsize       length,
            char      **temp_out,
            GError    **error)
{
  g_autofree char *temp = g_strdup_printf ("%s/.%s.XXXXXX", dir, name);
  int fd = g_mkstemp_full (temp, O_WRONLY | O_CLOEXEC, 0600);
  gsize done = 0;

  if (fd < 0)
    {
      int saved = errno;
      return io_error (error, saved, g_strdup_printf (_("Cannot create a calendar file in %s: %s"), dir, g_strerror (saved)));
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
          g_unlink (temp);
          return io_error (error, saved, g_strdup_printf (_("Cannot write the calendar %s: %s"), temp, g_strerror (saved)));
        }
      done += n;
    }
  if (close (fd) != 0)
    {
      int saved = errno;
      g_unlink (temp);
      return io_error (error, saved, g_strdup_printf (_("Cannot write the calendar %s: %s"), temp, g_strerror (saved)));
    }
  *temp_out = g_steal_pointer (&temp);
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

static gboolean
write_all (DagIcalExport *self,
           const char    *dir,
           GPtrArray     *temps,
           GError       **error)
{
  g_autoptr(GPtrArray) finals = g_ptr_array_new_with_free_func (g_free);
  guint n = self->calendars->len;
  g_auto(GStrv) texts = g_new0 (char *, n + 1);
  g_autofree gsize *lengths = g_new0 (gsize, n + 1);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      return io_error (error, saved, g_strdup_printf (_("Cannot create the calendar folder %s: %s"), dir, g_strerror (saved)));
    }
  render_all (self, texts, lengths);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = dag_ical_export_file_name (self, i);
      g_autofree char *final = g_build_filename (dir, name, NULL);
      const char *text = texts[i];
      gsize length = lengths[i];
      g_autofree char *old = NULL;
      char *temp = NULL;
      gsize old_length;

      /* A file that would not change is left alone: replacing thousands of
       * files costs far more than reading them, and calendar clients and
       * sync tools see no change. */
      if (g_file_get_contents (final, &old, &old_length, NULL) &&
          old_length == length && memcmp (old, text, length) == 0)
        continue;
      if (!write_temp (dir, name, text, length, &temp, error))
        return FALSE;
      g_ptr_array_add (temps, temp);
      g_ptr_array_add (finals, g_steal_pointer (&final));
    }

  /* One sync for all files instead of an fsync each (thousands of those on
   * a busy disk take minutes): the data is on disk before any rename. */
  if (temps->len > 0 && !sync_dir (dir, error))
    return FALSE;
  for (guint i = 0; i < temps->len; i++)
    if (g_rename (g_ptr_array_index (temps, i), g_ptr_array_index (finals, i)) != 0)
      {
        int saved = errno;
        return io_error (error, saved, g_strdup_printf (_("Cannot write the calendar %s: %s"),
                                                        (char *) g_ptr_array_index (finals, i),
                                                        g_strerror (saved)));
      }
  g_ptr_array_set_size (temps, 0);
  return TRUE;
}

gboolean
dag_ical_export_write_all (DagIcalExport *self,
                           const char    *dir,
                           GError       **error)
{
  g_autoptr(GPtrArray) temps = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (dir != NULL, FALSE);

  if (write_all (self, dir, temps, error))
    return TRUE;
  /* Temp files not renamed yet are removed; renamed ones are complete. */
  for (guint i = 0; i < temps->len; i++)
    g_unlink (g_ptr_array_index (temps, i));
  return FALSE;
}
