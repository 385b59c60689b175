/* dag-transport-check.c — checks stored transport runs (DagOrg runs of one
 * date) against the travel times, vehicles, settings and schedule, written
 * apart from the planner so that it can catch the planner's mistakes. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "dag-rules.h"
#include "dag-schedule.h"
#include "dag-transport-check.h"
#include "dag-transport.h"

/* The same rule as the planner's documented one: a leg takes its travel
 * minutes rounded up. */
static int
leg (const DagTravel *travel,
     int              from,
     int              to,
     double          *km)
{
  double minutes = 0, k = 0;

  dag_travel_get (travel, from, to, &minutes, &k);
  if (km)
    *km = k;
  return (int) ceil (minutes - 1e-9);
}

/* "09:14" (buf holds at least 8 bytes). */
static const char *
hhmm (int   minutes,
      char *buf)
{
  if (minutes < 0)
    g_snprintf (buf, 8, "-%02d:%02d", -minutes / 60, -minutes % 60);
  else
    g_snprintf (buf, 8, "%02d:%02d", minutes / 60, minutes % 60);
  return buf;
}

/* Whether the run's references can be followed at all (the check says
 * which one is broken; the driver findings skip such runs). */
static gboolean
run_is_sound (const DagOrg *org,
              const DagRun *run)
{
  if (run->vehicle < 0 || (guint) run->vehicle >= org->vehicles->len || run->location < 0
      || (guint) run->location >= org->locations->len || run->stops == NULL || run->stops->len == 0)
    return FALSE;
  for (guint j = 0; j < run->stops->len; j++)
    {
      int p = DAG_AT (run->stops, DagStop, j)->participant;

      if (p < 0 || (guint) p >= org->participants->len)
        return FALSE;
    }
  return TRUE;
}

typedef struct {
  int run;
  int start, end;           /* minutes */
  int start_place, end_place;
  int vehicle, driver;
} Interval;

/* When and where the vehicle is busy with a run: a pick-up run from the
 * first pick-up to the arrival, a drop-off run from the departure until
 * the last rider is out. */
static void
run_interval (const DagOrg    *org,
              const DagTravel *travel,
              guint            ri,
              Interval        *in)
{
  const DagRun *run = DAG_AT (org->runs, DagRun, ri);
  const DagStop *first = DAG_AT (run->stops, DagStop, 0);
  const DagStop *last = DAG_AT (run->stops, DagStop, run->stops->len - 1);
  int place = dag_travel_place_location (travel, run->location);

  in->run = ri;
  in->vehicle = run->vehicle;
  in->driver = run->driver;
  if (run->direction == DAG_DIRECTION_TO)
    {
      in->start = first->time;
      in->end = run->time;
      in->start_place = dag_travel_place_participant (travel, first->participant);
      in->end_place = place;
    }
  else
    {
      in->start = run->time;
      in->end = last->time + dag_transport_boarding (org, last->participant);
      in->start_place = place;
      in->end_place = dag_travel_place_participant (travel, last->participant);
    }
}

/* ---- drivers staffed in a group ----------------------------------------- */

typedef struct {
  int     staff, group, part;
  DagDate date;
} Work;

typedef struct {
  const DagOrg *org;
  const guint8 *drives;     /* per staff member: drives a run in the range */
  GArray       *work;       /* of Work */
} WorkData;

static gboolean
note_work (const DagStaffSession *s,
           gpointer               user_data)
{
  WorkData *d = user_data;

  if (s->state == DAG_SESSION_ON && s->staff >= 0 && (guint) s->staff < d->org->staff->len
      && d->drives[s->staff] && s->group >= 0 && (guint) s->group < d->org->groups->len)
    {
      Work w = { s->staff, s->group, s->part, s->date };

      g_array_append_val (d->work, w);
    }
  return TRUE;
}

typedef struct {
  guint   run;              /* index into org->runs */
  int     staff, group, part;
  DagDate date;
  int     start, end;       /* the run */
  int     group_start, group_end;
} Clash;

/* Every stored run of from..to whose staff driver works in a group that
 * day at a time the run, with the way between it and the group's
 * location, overlaps: the run must end and reach the location by the
 * dagdeel's start, or start after its end and the way to the run's first
 * place.  In run order. */
static GArray *
find_clashes (const DagOrg    *org,
              const DagTravel *travel,
              DagSchedule     *schedule,
              DagDate          from,
              DagDate          to)
{
  GArray *clashes = g_array_new (FALSE, FALSE, sizeof (Clash));
  g_autofree guint8 *drives = g_new0 (guint8, org->staff->len + 1);
  g_autoptr(GArray) work = NULL;
  g_autoptr(DagSchedule) own = NULL;
  gboolean any = FALSE;
  WorkData d;

  for (guint ri = 0; ri < org->runs->len; ri++)
    {
      const DagRun *run = DAG_AT (org->runs, DagRun, ri);

      if (run->date >= from && run->date <= to && run->driver >= 0
          && (guint) run->driver < org->staff->len && run_is_sound (org, run))
        {
          drives[run->driver] = 1;
          any = TRUE;
        }
    }
  if (!any)
    return clashes;

  if (schedule == NULL)
    schedule = own = dag_schedule_new (org);
  work = g_array_new (FALSE, FALSE, sizeof (Work));
  d = (WorkData) { org, drives, work };
  dag_schedule_foreach_staff (schedule, from, to, note_work, &d);

  for (guint ri = 0; ri < org->runs->len && work->len > 0; ri++)
    {
      const DagRun *run = DAG_AT (org->runs, DagRun, ri);
      Interval in;

      if (run->date < from || run->date > to || run->driver < 0
          || (guint) run->driver >= org->staff->len || !run_is_sound (org, run))
        continue;
      run_interval (org, travel, ri, &in);
      for (guint k = 0; k < work->len; k++)
        {
          const Work *w = &g_array_index (work, Work, k);
          const DagGroup *g = DAG_AT (org->groups, DagGroup, w->group);
          const DagLocation *loc;
          int place, s, e;

          if (w->staff != run->driver || w->date != run->date
              || g->location < 0 || (guint) g->location >= org->locations->len)
            continue;
          loc = DAG_AT (org->locations, DagLocation, g->location);
          if (!loc->has_part[w->part])
            continue;
          place = dag_travel_place_location (travel, g->location);
          s = loc->part_start[w->part];
          e = loc->part_end[w->part];
          if (in.end + leg (travel, in.end_place, place, NULL) > s
              && e + leg (travel, place, in.start_place, NULL) > in.start)
            {
              Clash c = { ri, w->staff, w->group, w->part, w->date, in.start, in.end, s, e };

              g_array_append_val (clashes, c);
            }
        }
    }
  return clashes;
}

/* "Staff member Ann (S1) drives run R1 from 09:14 to 09:30 on 2026-11-02
 * while staffed in group Atelier (G1) on Monday morning, 09:00–13:00". */
static char *
clash_message (const DagOrg *org,
               const Clash  *c)
{
  const DagStaff *st = DAG_AT (org->staff, DagStaff, c->staff);
  const DagGroup *g = DAG_AT (org->groups, DagGroup, c->group);
  char date[DAG_DATE_BUF], a[8], b[8], s[8], e[8];
  int day = dag_date_weekday (c->date);

  /* Translators: staff member "Name (ID)", run id, from, to, date, group
   * "Name (ID)", the dagdeel ("Monday morning") and its hours. */
  return g_strdup_printf (_("Staff member %s (%s) drives run %s from %s to %s on %s while staffed in group %s (%s) on %s, %s–%s"),
                          st->name, st->id, DAG_AT (org->runs, DagRun, c->run)->id,
                          hhmm (c->start, a), hhmm (c->end, b), dag_date_format (c->date, date),
                          g->name, g->id,
                          day < DAG_N_DAYS ? dag_slot_label (DAG_SLOT (day, c->part)) : "",
                          hhmm (c->group_start, s), hhmm (c->group_end, e));
}

GArray *
dag_transport_check_drivers (const DagOrg    *org,
                             const DagTravel *travel,
                             DagSchedule     *schedule,
                             DagDate          from,
                             DagDate          to)
{
  GArray *findings;
  g_autoptr(GArray) clashes = NULL;

  g_return_val_if_fail (org != NULL && travel != NULL, NULL);

  findings = dag_rules_findings_new ();
  clashes = find_clashes (org, travel, schedule, from, to);
  for (guint i = 0; i < clashes->len; i++)
    {
      const Clash *c = &g_array_index (clashes, Clash, i);
      int day = dag_date_weekday (c->date);
      DagFinding f = { DAG_RULE_DRIVER_CLASH, DAG_SEVERITY_ERROR, -1, -1, c->group, c->staff,
                       day < DAG_N_DAYS ? DAG_SLOT (day, c->part) : -1, c->date,
                       clash_message (org, c) };

      g_array_append_val (findings, f);
    }
  return findings;
}

/* ---- the check of one date ---------------------------------------------- */

typedef struct {
  const DagOrg *org;
  int          *at;      /* participant × part → location, -1 */
} Attend;

static gboolean
note_session (const DagSession *s,
              gpointer          user_data)
{
  Attend *a = user_data;

  if (s->state == DAG_SESSION_ON)
    a->at[s->participant * DAG_N_PARTS + s->part] =
      DAG_AT (a->org->groups, DagGroup, s->group)->location;
  return TRUE;
}

static int
cmp_interval (gconstpointer a,
              gconstpointer b)
{
  const Interval *x = a, *y = b;

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  return x->run - y->run;
}

/* Consecutive runs of one vehicle or driver must leave time to get from the
 * end of one to the start of the next. */
static gboolean
check_sequence (const DagOrg    *org,
                const DagTravel *travel,
                GArray          *iv,
                gboolean         vehicle,
                GError         **error)
{
  for (guint k = 1; k < iv->len; k++)
    {
      const Interval *a = &g_array_index (iv, Interval, k - 1);
      const Interval *b = &g_array_index (iv, Interval, k);

      if (a->end + leg (travel, a->end_place, b->start_place, NULL) > b->start)
        {
          const char *first = DAG_AT (org->runs, DagRun, a->run)->id;
          const char *second = DAG_AT (org->runs, DagRun, b->run)->id;

          if (vehicle)
            g_set_error (error, DAG_TRANSPORT_ERROR, DAG_TRANSPORT_ERROR_CHECK,
                         _("Runs %s and %s of the same vehicle overlap"), first, second);
          else
            g_set_error (error, DAG_TRANSPORT_ERROR, DAG_TRANSPORT_ERROR_CHECK,
                         _("Runs %s and %s of the same driver overlap"), first, second);
          return FALSE;
        }
    }
  return TRUE;
}

/* One rider on one run: where the rider is from start to end (a pick-up
 * from the stop to the arrival, a drop-off from the departure until out
 * of the vehicle), in the order of the day (dagdeel, to before from). */
typedef struct {
  int participant;
  int order;                /* part * 2 + (0 to, 1 from) */
  int start, end;
  int run;
} Trip;

static int
cmp_trip (gconstpointer a,
          gconstpointer b)
{
  const Trip *x = a, *y = b;

  if (x->participant != y->participant)
    return x->participant < y->participant ? -1 : 1;
  return x->order - y->order;
}

/* Nobody is in two places at once: each trip of a rider ends before their
 * next one of the day starts (home before the next pick-up, at the
 * location before the drop-off run leaves). */
static gboolean
check_riders (const DagOrg *org,
              GArray       *trips,
              GError      **error)
{
  g_array_sort (trips, cmp_trip);
  for (guint k = 1; k < trips->len; k++)
    {
      const Trip *a = &g_array_index (trips, Trip, k - 1);
      const Trip *b = &g_array_index (trips, Trip, k);
      const char *pid, *ra, *rb;
      char ta[8], tb[8];

      if (a->participant != b->participant || a->end <= b->start)
        continue;
      pid = DAG_AT (org->participants, DagParticipant, a->participant)->id;
      ra = DAG_AT (org->runs, DagRun, a->run)->id;
      rb = DAG_AT (org->runs, DagRun, b->run)->id;
      hhmm (a->end, ta);
      hhmm (b->start, tb);
      if (a->order % 2 == 1 && b->order % 2 == 0)
        g_set_error (error, DAG_TRANSPORT_ERROR, DAG_TRANSPORT_ERROR_CHECK,
                     _("Participant %s is picked up by run %s at %s, before run %s has taken them home at %s"),
                     pid, rb, tb, ra, ta);
      else if (a->order % 2 == 0 && b->order % 2 == 1)
        g_set_error (error, DAG_TRANSPORT_ERROR, DAG_TRANSPORT_ERROR_CHECK,
                     _("Participant %s leaves on run %s at %s, before run %s has brought them there at %s"),
                     pid, rb, tb, ra, ta);
      else
        g_set_error (error, DAG_TRANSPORT_ERROR, DAG_TRANSPORT_ERROR_CHECK,
                     _("Participant %s starts run %s at %s, before their run %s has ended at %s"),
                     pid, rb, tb, ra, ta);
      return FALSE;
    }
  return TRUE;
}

gboolean
dag_transport_check (DagOrg            *org,
                     const DagTravel   *travel,
                     DagDate            date,
                     DagTransportCheck *report,
                     GError           **error)
{
  guint np, nv, ns;
  g_autofree int *at = NULL;
  g_autofree double *vkm = NULL;
  g_autoptr(DagSchedule) schedule = NULL;
  g_autoptr(GHashTable) trips = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_autoptr(GArray) iv = g_array_new (FALSE, FALSE, sizeof (Interval));
  g_autoptr(GArray) rides = g_array_new (FALSE, FALSE, sizeof (Trip));
  g_autoptr(GArray) clashes = NULL;
  DagTransportCheck r = { 0 };
  int early = MAX (0, org->settings.early_arrival_minutes);
  Attend attend;

  g_return_val_if_fail (org != NULL && travel != NULL, FALSE);

  np = org->participants->len;
  nv = org->vehicles->len;
  vkm = g_new0 (double, nv + 1);
  ns = org->staff->len;
  at = g_new (int, np * DAG_N_PARTS + 1);
  for (guint i = 0; i < np * DAG_N_PARTS; i++)
    at[i] = -1;
  schedule = dag_schedule_new (org);
  attend.org = org;
  attend.at = at;
  dag_schedule_foreach (schedule, date, date, note_session, &attend);

  for (guint ri = 0; ri < org->runs->len; ri++)
    {
      const DagRun *run = DAG_AT (org->runs, DagRun, ri);
      const DagVehicle *veh;
      const DagLocation *loc;
      int place, seats = 0, chairs = 0, part = -1;
      gboolean to;
      Interval in;

      if (run->date != date)
        continue;
      r.n_runs++;
      if (run->vehicle < 0 || (guint) run->vehicle >= nv || run->location < 0
          || (guint) run->location >= org->locations->len || run->stops == NULL || run->stops->len == 0)
        {
          g_set_error (error, DAG_TRANSPORT_ERROR, DAG_TRANSPORT_ERROR_CHECK,
                       _("Run %s has no vehicle, location or stops"), run->id);
          return FALSE;
        }
      if (run->driver >= 0 && ((guint) run->driver >= ns
                               || !DAG_AT (org->staff, DagStaff, run->driver)->driver))
        {
          g_set_error (error, DAG_TRANSPORT_ERROR, DAG_TRANSPORT_ERROR_CHECK,
                       _("Run %s is driven by a staff member who is not a driver"), run->id);
          return FALSE;
        }
      veh = DAG_AT (org->vehicles, DagVehicle, run->vehicle);
      loc = DAG_AT (org->locations, DagLocation, run->location);
      place = dag_travel_place_location (travel, run->location);
      to = run->direction == DAG_DIRECTION_TO;

      /* Which dagdeel the run serves: its time must fit that dagdeel's window. */
      for (int k = 0; k < DAG_N_PARTS && part < 0; k++)
        {
          gboolean riders_attend = TRUE;

          if (!loc->has_part[k])
            continue;
          if (to ? (run->time > loc->part_start[k] || run->time < loc->part_start[k] - early)
                 : (run->time < loc->part_end[k] || run->time > loc->part_end[k] + early))
            continue;
          for (guint j = 0; j < run->stops->len; j++)
            {
              int p = DAG_AT (run->stops, DagStop, j)->participant;

              if (p < 0 || (guint) p >= np || at[p * DAG_N_PARTS + k] != run->location)
                riders_attend = FALSE;
            }
          if (riders_attend)
            part = k;
        }
      if (part < 0)
        {
          g_set_error (error, DAG_TRANSPORT_ERROR, DAG_TRANSPORT_ERROR_CHECK,
                       _("Run %s is outside the allowed window of every dagdeel its riders attend"),
                       run->id);
          return FALSE;
        }

      /* Times, loads and rides, stop by stop.  The vehicle reaches a stop
       * at its time and stands there the rider's boarding minutes. */
      for (guint j = 0; j < run->stops->len; j++)
        {
          const DagStop *s = DAG_AT (run->stops, DagStop, j);
          const DagParticipant *pa = DAG_AT (org->participants, DagParticipant, s->participant);
          int home = dag_travel_place_participant (travel, s->participant);
          int board = dag_transport_boarding (org, s->participant);
          int prev_place = j == 0 ? place
                           : dag_travel_place_participant (travel, DAG_AT (run->stops, DagStop, j - 1)->participant);
          int prev_ready = j == 0 ? run->time
                           : DAG_AT (run->stops, DagStop, j - 1)->time
                             + dag_transport_boarding (org, DAG_AT (run->stops, DagStop, j - 1)->participant);
          int ride = to ? run->time - s->time : s->time + board - run->time;
          int direct = to ? leg (travel, home, place, NULL) : leg (travel, place, home, NULL);
          int limit = dag_transport_ride_limit (org, direct);
          gpointer key = GINT_TO_POINTER ((s->participant * 2 + (to ? 0 : 1)) * DAG_N_PARTS + part + 1);
          Trip trip = { s->participant, part * 2 + (to ? 0 : 1),
                        to ? s->time : run->time, to ? run->time : s->time + board, ri };

          if (pa->wheelchair)
            chairs++;
          else
            seats++;
          if (!g_hash_table_add (trips, key))
            {
              g_set_error (error, DAG_TRANSPORT_ERROR, DAG_TRANSPORT_ERROR_CHECK,
                           _("Participant %s rides twice in the same direction for one dagdeel (run %s)"),
                           pa->id, run->id);
              return FALSE;
            }
          /* A pick-up run comes from anywhere to its first stop; a drop-off
           * run leaves the location at its time. */
          if ((!to || j > 0) && s->time < prev_ready + leg (travel, prev_place, home, NULL))
            {
              g_set_error (error, DAG_TRANSPORT_ERROR, DAG_TRANSPORT_ERROR_CHECK,
                           _("Run %s reaches stop %u (participant %s) earlier than the travel and boarding times allow"),
                           run->id, j + 1, pa->id);
              return FALSE;
            }
          if (ride < 0)
            {
              g_set_error (error, DAG_TRANSPORT_ERROR, DAG_TRANSPORT_ERROR_CHECK,
                           _("Participant %s rides %d minutes on run %s"), pa->id, ride, run->id);
              return FALSE;
            }
          /* Whose direct ride with boarding is over the limit already rides
           * alone, and then no longer than that. */
          if (direct + board > limit)
            {
              if (run->stops->len > 1)
                {
                  g_set_error (error, DAG_TRANSPORT_ERROR, DAG_TRANSPORT_ERROR_CHECK,
                               _("Participant %s rides %d minutes even when driven directly, over the limit of %d, and must ride alone; run %s has %u riders"),
                               pa->id, direct + board, limit, run->id, run->stops->len);
                  return FALSE;
                }
              limit = direct + board;
            }
          if (ride > limit)
            {
              g_set_error (error, DAG_TRANSPORT_ERROR, DAG_TRANSPORT_ERROR_CHECK,
                           _("Participant %s rides %d minutes on run %s; the limit is %d"),
                           pa->id, ride, run->id, limit);
              return FALSE;
            }
          g_array_append_val (rides, trip);
          r.n_stops++;
          r.total_ride += ride;
          r.max_ride = MAX (r.max_ride, ride);
        }
      if (to)
        {
          const DagStop *last = DAG_AT (run->stops, DagStop, run->stops->len - 1);

          if (run->time < last->time + dag_transport_boarding (org, last->participant)
                          + leg (travel, dag_travel_place_participant (travel, last->participant), place, NULL))
            {
              g_set_error (error, DAG_TRANSPORT_ERROR, DAG_TRANSPORT_ERROR_CHECK,
                           _("Run %s arrives earlier than the travel and boarding times allow"), run->id);
              return FALSE;
            }
        }
      if (seats > veh->seats || chairs > veh->wheelchair_places)
        {
          g_set_error (error, DAG_TRANSPORT_ERROR, DAG_TRANSPORT_ERROR_CHECK,
                       _("Run %s carries %d seated and %d in wheelchairs; vehicle %s has %d seats and %d wheelchair places"),
                       run->id, seats, chairs, veh->id, veh->seats, veh->wheelchair_places);
          return FALSE;
        }

      /* Loaded km, and the run's span for the overlap checks. */
      {
        int prev = to ? -1 : place;

        for (guint j = 0; j < run->stops->len; j++)
          {
            int p = dag_travel_place_participant (travel, DAG_AT (run->stops, DagStop, j)->participant);
            double km = 0;

            if (prev >= 0)
              {
                leg (travel, prev, p, &km);
                r.km += km;
                vkm[run->vehicle] += km;
              }
            prev = p;
          }
        if (to)
          {
            double km = 0;

            leg (travel, prev, place, &km);
            r.km += km;
            vkm[run->vehicle] += km;
          }
      }
      run_interval (org, travel, ri, &in);
      g_array_append_val (iv, in);
    }

  if (!check_riders (org, rides, error))
    return FALSE;

  g_array_sort (iv, cmp_interval);

  /* Per vehicle: no overlap, within its hours, and the empty km (home,
   * between runs, home). */
  for (guint v = 0; v < nv; v++)
    {
      g_autoptr(GArray) mine = g_array_new (FALSE, FALSE, sizeof (Interval));
      const DagVehicle *veh = DAG_AT (org->vehicles, DagVehicle, v);
      int home = dag_travel_place_location (travel, veh->location);
      int place = home;
      double km = 0;

      for (guint k = 0; k < iv->len; k++)
        if (g_array_index (iv, Interval, k).vehicle == (int) v)
          g_array_append_val (mine, g_array_index (iv, Interval, k));
      if (mine->len == 0)
        continue;
      r.n_vehicles++;
      if (!check_sequence (org, travel, mine, TRUE, error))
        return FALSE;
      {
        const Interval *first = &g_array_index (mine, Interval, 0);
        /* Without overlaps the last to start is the last to end. */
        const Interval *last = &g_array_index (mine, Interval, mine->len - 1);
        int leaves = first->start - leg (travel, home, first->start_place, NULL);
        int back = last->end + leg (travel, last->end_place, home, NULL);
        char t[8], limit[8];

        if (veh->available_from > 0 && leaves < veh->available_from)
          {
            g_set_error (error, DAG_TRANSPORT_ERROR, DAG_TRANSPORT_ERROR_CHECK,
                         _("Vehicle %s must leave at %s for run %s; it is available from %s"),
                         veh->id, hhmm (leaves, t), DAG_AT (org->runs, DagRun, first->run)->id,
                         hhmm (veh->available_from, limit));
            return FALSE;
          }
        if (veh->available_until > 0 && back > veh->available_until)
          {
            g_set_error (error, DAG_TRANSPORT_ERROR, DAG_TRANSPORT_ERROR_CHECK,
                         _("Vehicle %s is back at %s after run %s; it is available until %s"),
                         veh->id, hhmm (back, t), DAG_AT (org->runs, DagRun, last->run)->id,
                         hhmm (veh->available_until, limit));
            return FALSE;
          }
      }
      for (guint k = 0; k < mine->len; k++)
        {
          const Interval *in = &g_array_index (mine, Interval, k);

          if (k > 0 && in->start - g_array_index (mine, Interval, k - 1).end
                       >= 60 + leg (travel, place, home, NULL))
            {
              leg (travel, place, home, &km);
              r.km += km;
              vkm[v] += km;
              place = home;
            }
          if (place != in->start_place)
            {
              leg (travel, place, in->start_place, &km);
              r.km += km;
              vkm[v] += km;
            }
          place = in->end_place;
        }
      if (place != home)
        {
          leg (travel, place, home, &km);
          r.km += km;
          vkm[v] += km;
        }
      r.cost_cents += (gint64) llround (vkm[v] * MAX (veh->cost_per_km_cents, 0));
    }

  /* Per driver: no overlap. */
  for (guint s = 0; s < ns; s++)
    {
      g_autoptr(GArray) mine = g_array_new (FALSE, FALSE, sizeof (Interval));

      for (guint k = 0; k < iv->len; k++)
        if (g_array_index (iv, Interval, k).driver == (int) s)
          g_array_append_val (mine, g_array_index (iv, Interval, k));
      if (!check_sequence (org, travel, mine, FALSE, error))
        return FALSE;
    }

  /* Per staff driver: not while staffed in a group. */
  clashes = find_clashes (org, travel, schedule, date, date);
  if (clashes->len > 0)
    {
      g_autofree char *message = clash_message (org, &g_array_index (clashes, Clash, 0));

      g_set_error_literal (error, DAG_TRANSPORT_ERROR, DAG_TRANSPORT_ERROR_CHECK, message);
      return FALSE;
    }

  if (report)
    *report = r;
  return TRUE;
}
