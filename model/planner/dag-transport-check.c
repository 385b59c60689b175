/* dag-transport-check.c — checks stored transport runs (DagOrg runs of one
 * date) against the travel times, vehicles, settings and schedule, written
 * apart from the planner so that it can catch the planner's mistakes. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "dag-schedule.h"
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

typedef struct {
  int run;
  int start, end;           /* minutes */
  int start_place, end_place;
  int vehicle, driver;
} Interval;

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

gboolean
dag_transport_check (DagOrg            *org,
                     const DagTravel   *travel,
                     DagDate            date,
                     DagTransportCheck *report,
                     GError           **error)
{
  guint np, nv, ns;
  g_autofree int *at = NULL;
  g_autoptr(DagSchedule) schedule = NULL;
  g_autoptr(GHashTable) trips = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_autoptr(GArray) iv = g_array_new (FALSE, FALSE, sizeof (Interval));
  DagTransportCheck r = { 0 };
  int early = MAX (0, org->settings.early_arrival_minutes);
  int max_ride = org->settings.max_ride_minutes > 0 ? org->settings.max_ride_minutes : 30;
  Attend attend;

  g_return_val_if_fail (org != NULL && travel != NULL, FALSE);

  np = org->participants->len;
  nv = org->vehicles->len;
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

      /* Times, loads and rides, stop by stop. */
      for (guint j = 0; j < run->stops->len; j++)
        {
          const DagStop *s = DAG_AT (run->stops, DagStop, j);
          const DagParticipant *pa = DAG_AT (org->participants, DagParticipant, s->participant);
          int home = dag_travel_place_participant (travel, s->participant);
          int prev_place = j == 0 ? place
                           : dag_travel_place_participant (travel, DAG_AT (run->stops, DagStop, j - 1)->participant);
          int prev_time = j == 0 ? run->time : DAG_AT (run->stops, DagStop, j - 1)->time;
          int ride = to ? run->time - s->time : s->time - run->time;
          gpointer key = GINT_TO_POINTER ((s->participant * 2 + (to ? 0 : 1)) * DAG_N_PARTS + part + 1);

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
          if (!to && s->time < prev_time + leg (travel, prev_place, home, NULL))
            {
              g_set_error (error, DAG_TRANSPORT_ERROR, DAG_TRANSPORT_ERROR_CHECK,
                           _("Run %s reaches stop %u earlier than the travel time allows"), run->id, j + 1);
              return FALSE;
            }
          if (to && j > 0 && s->time < prev_time + leg (travel, prev_place, home, NULL))
            {
              g_set_error (error, DAG_TRANSPORT_ERROR, DAG_TRANSPORT_ERROR_CHECK,
                           _("Run %s reaches stop %u earlier than the travel time allows"), run->id, j + 1);
              return FALSE;
            }
          if (ride > max_ride || ride < 0)
            {
              g_set_error (error, DAG_TRANSPORT_ERROR, DAG_TRANSPORT_ERROR_CHECK,
                           _("Participant %s rides %d minutes on run %s; the limit is %d"),
                           pa->id, ride, run->id, max_ride);
              return FALSE;
            }
          r.n_stops++;
          r.total_ride += ride;
          r.max_ride = MAX (r.max_ride, ride);
        }
      if (to)
        {
          const DagStop *last = DAG_AT (run->stops, DagStop, run->stops->len - 1);

          if (run->time < last->time + leg (travel, dag_travel_place_participant (travel, last->participant),
                                            place, NULL))
            {
              g_set_error (error, DAG_TRANSPORT_ERROR, DAG_TRANSPORT_ERROR_CHECK,
                           _("Run %s arrives earlier than the travel time allows"), run->id);
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
              }
            prev = p;
          }
        if (to)
          {
            double km = 0;

            leg (travel, prev, place, &km);
            r.km += km;
          }
      }
      in.run = ri;
      in.vehicle = run->vehicle;
      in.driver = run->driver;
      if (to)
        {
          in.start = DAG_AT (run->stops, DagStop, 0)->time;
          in.end = run->time;
          in.start_place = dag_travel_place_participant (travel, DAG_AT (run->stops, DagStop, 0)->participant);
          in.end_place = place;
        }
      else
        {
          in.start = run->time;
          in.end = DAG_AT (run->stops, DagStop, run->stops->len - 1)->time;
          in.start_place = place;
          in.end_place = dag_travel_place_participant (travel,
                                                       DAG_AT (run->stops, DagStop, run->stops->len - 1)->participant);
        }
      g_array_append_val (iv, in);
    }

  g_array_sort (iv, cmp_interval);

  /* Per vehicle: no overlap, and the empty km (home, between runs, home). */
  for (guint v = 0; v < nv; v++)
    {
      g_autoptr(GArray) mine = g_array_new (FALSE, FALSE, sizeof (Interval));
      int home = dag_travel_place_location (travel, DAG_AT (org->vehicles, DagVehicle, v)->location);
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
      for (guint k = 0; k < mine->len; k++)
        {
          const Interval *in = &g_array_index (mine, Interval, k);

          if (k > 0 && in->start - g_array_index (mine, Interval, k - 1).end
                       >= 60 + leg (travel, place, home, NULL))
            {
              leg (travel, place, home, &km);
              r.km += km;
              place = home;
            }
          if (place != in->start_place)
            {
              leg (travel, place, in->start_place, &km);
              r.km += km;
            }
          place = in->end_place;
        }
      if (place != home)
        {
          leg (travel, place, home, &km);
          r.km += km;
        }
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

  if (report)
    *report = r;
  return TRUE;
}
