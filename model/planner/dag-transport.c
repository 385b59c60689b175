/* dag-transport.c — plans a day's transport runs over the real fleet: who
 * needs a ride (from the schedule), then one search over every vehicle of
 * the day, with rounds, and drivers.  The checker of stored runs is apart,
 * in dag-transport-check.c.
 *
 * The problem (DOMAIN.md "Transport runs", the ride rule in
 * dag-transport.h):
 * - a trip is one participant to or from a location for a dagdeel; trips of
 *   the same location, dagdeel and direction form a wave, whose runs arrive
 *   in [start − early, start] or leave in [end, end + early];
 * - a run is one vehicle driving one wave's riders; a vehicle's day is a
 *   sequence of runs it can drive one after another from its home location
 *   within its hours, so it may make several rounds in one window;
 * - seats and wheelchair places hold per run, every ride is within the
 *   rider's limit, a rider over the limit rides alone (and is warned);
 * - a participant's drop-off at home comes before their next pick-up (two
 *   locations in one day): the time between is split between the two trips;
 * - the objective: fewest riders left out, then fewest vehicles, then the
 *   km priced with each vehicle's cost_per_km_cents, and on a re-plan the
 *   fewest riders whose pick-up time moves more than 5 minutes.
 *
 * The search: the routing core (dag-vrptw) builds each wave's runs, which
 * go onto vehicles where their days allow; cheapest insertion places the
 * rest (into free room on any run, or a new run on any vehicle where its
 * day allows); then ruin and recreate: empty some
 * runs, a vehicle or related riders and insert them again; a round is kept
 * when the objective does not get worse, the best plan is kept.  The rounds
 * are counted, so a seed gives one plan; the search stops on the time limit
 * (wall clock), on cancel, or after a number of rounds without a better
 * plan, so more time never gives a worse plan.
 *
 * Decisions (see also the report of issue 5):
 * - Travel minutes of every leg are rounded up to whole minutes, so that
 *   stored times are exact and checkable.
 * - A participant attending morning and afternoon at the same location gets
 *   a morning run there and an afternoon run home; one attending a single
 *   dagdeel gets a midday run (home after the morning, or to the afternoon).
 * - A vehicle waiting an hour or more goes home in between (for the km).
 * - Drivers: per run, a staff member with driver = true, available in the
 *   run's dagdeel, not driving elsewhere then and not staffed in a group at
 *   a time the run (and getting back to the group) overlaps; the vehicle
 *   keeps its driver while it can; else an external driver (-1). */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "dag-schedule.h"
#include "dag-transport.h"
#include "dag-vrptw.h"

G_DEFINE_QUARK (dag-transport-error-quark, dag_transport_error)

#define LOW (G_MININT / 4)          /* no lower bound on a time */
#define HIGH (G_MAXINT / 4)         /* no upper bound */
#define GAP_VIA_HOME 60             /* an idle vehicle goes home when it waits this long */
#define MAX_ROUNDS 64               /* runs of one vehicle in a day */
#define STABLE_MINUTES 5            /* a kept pick-up time moves at most this */
#define HORIZON 100000.0            /* minutes: the core's windows are open */
#define CORE_ITERATIONS 100         /* the core's budget per rider of a wave */
#define LEG_CACHE_BITS 17           /* legs remembered: 2^17 × 24 bytes */

/* The objective's weights: one rider left out outweighs any number of
 * vehicles, one vehicle any km; km are priced in cents (plus a hundredth
 * cent a km, so that km count where the price is 0). */
#define W_UNSERVED 1e12
#define W_VEHICLE 1e7
#define W_MOVED 5000.0              /* a rider whose pick-up time moved (€ 50) */
#define W_RUN 50.0                  /* a run (the driver's time): fewer runs at equal km */

int
dag_transport_leg_minutes (const DagTravel *travel,
                           int              from,
                           int              to,
                           double          *km,
                           gboolean        *imported)
{
  double minutes = 0, k = 0;
  gboolean imp = dag_travel_get (travel, from, to, &minutes, &k);

  if (km)
    *km = k;
  if (imported)
    *imported = imp;
  return (int) ceil (minutes - 1e-9);
}

const char *
dag_transport_reason_to_string (DagTransportReason reason)
{
  switch (reason)
    {
    case DAG_TRANSPORT_REASON_NO_INDICATION:
      return _("no transport indication (VERVOER) valid that day");
    case DAG_TRANSPORT_REASON_NO_COORDINATES:
      return _("the home address has no coordinates");
    case DAG_TRANSPORT_REASON_RIDE_TOO_LONG:
      return _("the ride is longer than the limit even when driven alone");
    case DAG_TRANSPORT_REASON_NO_WHEELCHAIR_PLACE:
      return _("no vehicle has a wheelchair place");
    case DAG_TRANSPORT_REASON_NO_SEAT:
      return _("no vehicle has a seat");
    case DAG_TRANSPORT_REASON_NO_VEHICLE_FREE:
      return _("no fitting vehicle is free in time");
    case DAG_TRANSPORT_REASON_NO_SLOT_TIMES:
      return _("the location has no times for this dagdeel");
    case DAG_TRANSPORT_REASON_NO_TIME_BETWEEN:
      return _("no time to go home between the two locations");
    case DAG_TRANSPORT_REASON_VEHICLE_HOURS:
      return _("no fitting vehicle is on the road at that time");
    default:
      return _("unknown reason");
    }
}

char *
dag_transport_unserved_describe (const DagOrg               *org,
                                 const DagTransportUnserved *u)
{
  g_return_val_if_fail (org != NULL && u != NULL, NULL);

  switch (u->reason)
    {
    case DAG_TRANSPORT_REASON_RIDE_TOO_LONG:
      /* TRANSLATORS: minutes of the direct ride, then the limit in minutes */
      return g_strdup_printf (_("direct ride %d min is above the limit of %d; rides alone"),
                              u->minutes, u->limit);
    case DAG_TRANSPORT_REASON_NO_VEHICLE_FREE:
      if (u->n_fitting > 0)
        {
          char from[6], to[6];

          dag_time_format (u->window_from, from);
          dag_time_format (u->window_to, to);
          /* TRANSLATORS: how many vehicles have room for the rider, then
           * the times between which the run would have to drive */
          return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "the %d vehicle with room for the rider is busy from %s to %s",
                                               "all %d vehicles with room for the rider are busy from %s to %s",
                                               u->n_fitting),
                                  u->n_fitting, from, to);
        }
      break;
    case DAG_TRANSPORT_REASON_NO_TIME_BETWEEN:
      if (u->other >= 0 && (guint) u->other < org->locations->len
          && u->location >= 0 && (guint) u->location < org->locations->len)
        {
          const DagLocation *here = DAG_AT (org->locations, DagLocation, u->location);
          const DagLocation *there = DAG_AT (org->locations, DagLocation, u->other);
          const DagLocation *first = u->direction == DAG_DIRECTION_TO ? there : here;
          const DagLocation *second = u->direction == DAG_DIRECTION_TO ? here : there;

          /* TRANSLATORS: two location names; the rider cannot be taken home
           * from the first and fetched for the second in time */
          return g_strdup_printf (_("no time to go home between %s and %s"),
                                  first->name, second->name);
        }
      break;
    default:
      break;
    }
  return g_strdup (dag_transport_reason_to_string (u->reason));
}

void
dag_transport_options_init (DagTransportOptions *options)
{
  g_return_if_fail (options != NULL);
  memset (options, 0, sizeof *options);
  options->time_limit = 8.0;
  options->iterations_per_stop = 40;
  options->keep_times = TRUE;
  options->core_start = TRUE;
  options->seed = 1;
}

static void
clear_run (gpointer p)
{
  DagRun *r = p;

  g_free (r->id);
  g_clear_pointer (&r->stops, g_array_unref);
}

void
dag_transport_result_free (DagTransportResult *result)
{
  if (result == NULL)
    return;
  g_array_unref (result->runs);
  g_array_unref (result->run_km);
  g_array_unref (result->unserved);
  g_array_unref (result->warnings);
  g_free (result);
}

/* ---- the problem -------------------------------------------------------- */

enum { DIM_SEATS, DIM_CHAIRS, DIM_PERSONS, N_DIMS };

typedef struct {
  int          location;
  int          part;
  DagDirection direction;
  int          at;           /* travel place of the location */
  int          lo, hi;       /* window of a run's time: arrival (to) or departure (from) */
  GArray      *trips;        /* of int */
  int         *minutes;      /* (n + 1)², 0 the location, i + 1 the wave's trip i */
  double      *km;
} Wave;

typedef struct {
  int      participant;
  int      wave;
  int      index;            /* in the wave's matrices */
  int      place;            /* home, a travel place */
  int      board;
  int      direct;
  int      limit;            /* longest ride */
  gboolean alone;            /* over the rule even alone: rides alone */
  gboolean chair;
  int      not_before;       /* to: the pick-up no earlier (a drop-off before it) */
  int      not_after;        /* from: home no later (a pick-up after it) */
  int      other;            /* the location of the trip that bound it, -1 */
  int      old_time;         /* stop time in the stored runs, -1 none */
  int      old_run;          /* index in org->runs, -1 */
  int      old_pos;
} Trip;

/* A run's measures follow from its wave and stops (measure()). */
typedef struct {
  int    wave;
  int    vehicle;            /* -1 when the slot is free */
  int    n;
  int    duration;           /* to: first stop → arrival; from: departure → last stop out */
  int    lo, hi;             /* window of time, with the riders' bounds */
  int    seats, chairs;
  int    first_place, last_place;
  double km;
  int    time;               /* placed: arrival (to) or departure (from) */
  int    done_by;            /* over at the earliest (with the runs before it) */
  int    start_by;           /* starts at the latest (with the runs after it) */
} Run;

/* A whole plan in flat arrays, so that it is copied with memcpy. */
typedef struct {
  Run    *runs;              /* n_trips slots */
  int    *stops;             /* cap per run: trip indices */
  int    *rel;               /* cap per run: minutes of each stop from the run's start */
  int    *free_ids;          /* unused run slots */
  int     n_free;
  int    *seq;               /* MAX_ROUNDS per vehicle: run ids in driving order */
  int    *len;               /* per vehicle */
  double *vcost;             /* per vehicle: its share of the objective */
  double *vkm;
  int    *vmoved;
  int    *trip_run;          /* per trip: run id or -1 */
  int     n_unserved;
} State;

/* One remembered leg (a direct-mapped cache: the same legs are asked for
 * again and again while vehicle days are tried). */
typedef struct {
  int    from, to;
  int    minutes;
  double km;
} LegCache;

typedef struct {
  DagOrg                    *org;
  const DagTravel           *travel;
  LegCache                  *legs;
  DagDate                    date;
  const DagTransportOptions *opt;
  GCancellable              *cancellable;
  gint64                     deadline;   /* monotonic µs, 0: none */
  int                        early;
  guint                      nv;
  int                        cap;        /* most riders of any run */
  int                        max_rounds;
  GArray                    *waves;      /* of Wave */
  GArray                    *trips;      /* of Trip */
  GArray                    *unserved;   /* the result's: trips that were never in the search */
  GArray                    *warnings;
  int                       *home;       /* per vehicle: travel place of its location */
  int                       *class_of;   /* per vehicle: the first vehicle alike (home, room, price, hours) */
  guint                     *class_tried;
  guint                      stamp;
  double                    *price;      /* per vehicle: cents a km, plus 0.01 */
  State                      cur, best, saved, trial;
  gboolean                  *forbid;     /* while emptying a vehicle: not to be used */
  gboolean                  *failed;     /* vehicles that could not be emptied lately */
  gboolean                   no_new;     /* … nor any vehicle not yet on the road */
  double                     cur_cost, best_cost;
  /* scratch */
  Run                      **list;       /* MAX_ROUNDS + 1 */
  int                       *early_at, *late_at;
  int                       *buf, *buf_rel, *order;
  gboolean                  *touched;
  guint32                    rng;
  guint64                    iterations;
  guint                      n_midday_trips;
  gboolean                   cancelled;
} Plan;

static int
leg (Plan   *pl,
     int     from,
     int     to,
     double *km)
{
  LegCache *c;

  if (from == to)
    {
      if (km)
        *km = 0;
      return 0;
    }
  c = &pl->legs[(((guint) from * 2654435761u) ^ ((guint) to * 40503u)) & ((1u << LEG_CACHE_BITS) - 1)];
  if (c->from != from || c->to != to)
    {
      c->minutes = dag_transport_leg_minutes (pl->travel, from, to, &c->km, NULL);
      c->from = from;
      c->to = to;
    }
  if (km)
    *km = c->km;
  return c->minutes;
}

static guint32
rnd (Plan *pl)
{
  /* xorshift32: the same sequence on every machine. */
  guint32 x = pl->rng;

  x ^= x << 13;
  x ^= x >> 17;
  x ^= x << 5;
  pl->rng = x;
  return x;
}

static int
rnd_below (Plan *pl,
           int   n)
{
  return n <= 1 ? 0 : (int) (rnd (pl) % (guint32) n);
}

static void
add_unserved (GArray            *out,
              int                participant,
              int                location,
              int                part,
              DagDirection       direction,
              DagTransportReason reason)
{
  DagTransportUnserved u = { participant, location, part, direction, reason, 0, 0, -1, 0, 0, 0 };

  g_array_append_val (out, u);
}

/* ---- who needs a ride --------------------------------------------------- */

static int
wave_for (Plan        *pl,
          int          location,
          int          part,
          DagDirection direction)
{
  const DagLocation *loc = DAG_AT (pl->org->locations, DagLocation, location);
  Wave w = { 0 };

  for (guint i = 0; i < pl->waves->len; i++)
    {
      Wave *x = &g_array_index (pl->waves, Wave, i);

      if (x->location == location && x->part == part && x->direction == direction)
        return i;
    }
  w.location = location;
  w.part = part;
  w.direction = direction;
  w.at = dag_travel_place_location (pl->travel, location);
  if (direction == DAG_DIRECTION_TO)
    {
      w.lo = loc->part_start[part] - pl->early;
      w.hi = loc->part_start[part];
    }
  else
    {
      w.lo = loc->part_end[part];
      w.hi = loc->part_end[part] + pl->early;
    }
  w.trips = g_array_new (FALSE, FALSE, sizeof (int));
  g_array_append_val (pl->waves, w);
  return pl->waves->len - 1;
}

typedef struct {
  const DagOrg *org;
  int          *loc;
} CollectData;

static gboolean
collect_on (const DagSession *s,
            gpointer          user_data)
{
  CollectData *c = user_data;
  const DagParticipant *pa = DAG_AT (c->org->participants, DagParticipant, s->participant);

  if (s->state == DAG_SESSION_ON && pa->transport == DAG_TRANSPORT_BUS)
    c->loc[s->participant * DAG_N_PARTS + s->part] =
      DAG_AT (c->org->groups, DagGroup, s->group)->location;
  return TRUE;
}

/* Whether the participant has a VERVOER indication valid on date. */
static gboolean *
transport_indicated (const DagOrg *org,
                     DagDate       date)
{
  gboolean *ok = g_new0 (gboolean, org->participants->len + 1);

  for (guint i = 0; i < org->indications->len; i++)
    {
      const DagIndication *ind = DAG_AT (org->indications, DagIndication, i);
      const DagContract *c;

      if (ind->participant < 0 || ind->contract < 0 || ind->product < 0)
        continue;
      if (date < ind->start || date > ind->end)
        continue;
      c = DAG_AT (org->contracts, DagContract, ind->contract);
      if (g_strcmp0 (DAG_AT (c->products, DagProduct, ind->product)->product, "VERVOER") == 0)
        ok[ind->participant] = TRUE;
    }
  return ok;
}

/* A trip of the day before the checks: one leg of a participant's day. */
typedef struct {
  int          location;
  int          part;
  DagDirection direction;
} Leg;

/* Adds a participant's trips of the day (in time order) to the waves, or
 * to the unserved list with the reason; a drop-off at home and the next
 * pick-up share the time between them. */
static void
add_trips (Plan          *pl,
           gboolean       indicated,
           int            participant,
           const Leg     *legs,
           int            n)
{
  const DagOrg *org = pl->org;
  const DagParticipant *pa = DAG_AT (org->participants, DagParticipant, participant);
  int home = dag_travel_place_participant (pl->travel, participant);
  int board = dag_transport_boarding (org, participant);
  Trip trip[2 * DAG_N_PARTS];
  gboolean ok[2 * DAG_N_PARTS];

  for (int i = 0; i < n; i++)
    {
      const Leg *l = &legs[i];
      const DagLocation *loc = DAG_AT (org->locations, DagLocation, l->location);
      DagTransportReason reason = DAG_TRANSPORT_REASON_NO_INDICATION;
      Trip *t = &trip[i];
      int at = dag_travel_place_location (pl->travel, l->location);
      int rule;

      if ((l->part == DAG_PART_AM && l->direction == DAG_DIRECTION_FROM)
          || (l->part == DAG_PART_PM && l->direction == DAG_DIRECTION_TO))
        pl->n_midday_trips++;
      memset (t, 0, sizeof *t);
      t->participant = participant;
      t->place = home;
      t->board = board;
      t->chair = pa->wheelchair;
      t->not_before = LOW;
      t->not_after = HIGH;
      t->other = -1;
      t->old_time = -1;
      t->old_run = -1;
      ok[i] = FALSE;
      if (!indicated)
        reason = DAG_TRANSPORT_REASON_NO_INDICATION;
      else if (!loc->has_part[l->part])
        reason = DAG_TRANSPORT_REASON_NO_SLOT_TIMES;
      else if (!pa->has_coords)
        reason = DAG_TRANSPORT_REASON_NO_COORDINATES;
      else
        {
          gboolean any = FALSE;

          for (guint v = 0; v < pl->nv && !any; v++)
            {
              const DagVehicle *veh = DAG_AT (org->vehicles, DagVehicle, v);

              any = pa->wheelchair ? veh->wheelchair_places > 0 : veh->seats > 0;
            }
          if (!any)
            reason = pa->wheelchair ? DAG_TRANSPORT_REASON_NO_WHEELCHAIR_PLACE
                                    : DAG_TRANSPORT_REASON_NO_SEAT;
          else
            ok[i] = TRUE;
        }
      if (!ok[i])
        {
          add_unserved (pl->unserved, participant, l->location, l->part, l->direction, reason);
          continue;
        }
      t->direct = l->direction == DAG_DIRECTION_TO ? leg (pl, home, at, NULL) : leg (pl, at, home, NULL);
      rule = dag_transport_ride_limit (org, t->direct);
      t->limit = rule;
      if (t->direct + board > rule)
        {
          DagTransportUnserved w = { participant, l->location, l->part, l->direction,
                                     DAG_TRANSPORT_REASON_RIDE_TOO_LONG, t->direct + board, rule, -1,
                                     0, 0, 0 };

          t->alone = TRUE;
          t->limit = t->direct + board;
          g_array_append_val (pl->warnings, w);
        }
      t->wave = wave_for (pl, l->location, l->part, l->direction);
    }

  /* A drop-off at home, then the next pick-up: split the time between. */
  for (int i = 0; i + 1 < n; i++)
    {
      const Leg *a = &legs[i], *b = &legs[i + 1];
      const DagLocation *la, *lb;
      int home_at, fetch_by;

      if (a->direction != DAG_DIRECTION_FROM || b->direction != DAG_DIRECTION_TO || !ok[i] || !ok[i + 1])
        continue;
      la = DAG_AT (org->locations, DagLocation, a->location);
      lb = DAG_AT (org->locations, DagLocation, b->location);
      home_at = la->part_end[a->part] + trip[i].direct + board;
      fetch_by = lb->part_start[b->part] - trip[i + 1].direct - board;
      if (home_at > fetch_by)
        {
          DagTransportUnserved u = { participant, b->location, b->part, b->direction,
                                     DAG_TRANSPORT_REASON_NO_TIME_BETWEEN, 0, 0, a->location, 0, 0, 0 };

          g_array_append_val (pl->unserved, u);
          ok[i + 1] = FALSE;
          continue;
        }
      trip[i].not_after = home_at + (fetch_by - home_at) / 2;
      trip[i + 1].not_before = trip[i].not_after;
      trip[i].other = b->location;
      trip[i + 1].other = a->location;
    }

  for (int i = 0; i < n; i++)
    if (ok[i])
      {
        Wave *w = &g_array_index (pl->waves, Wave, trip[i].wave);
        int index = pl->trips->len;

        g_array_append_val (pl->trips, trip[i]);
        g_array_append_val (w->trips, index);
      }
}

/* Every trip of the day, from the one schedule expansion. */
static guint
collect_trips (Plan *pl)
{
  const DagOrg *org = pl->org;
  guint np = org->participants->len;
  g_autofree int *loc = g_new (int, np * DAG_N_PARTS + 1);
  g_autofree gboolean *indicated = transport_indicated (org, pl->date);
  g_autoptr(DagSchedule) schedule = dag_schedule_new (org);
  CollectData data = { org, loc };
  guint n = 0;

  for (guint i = 0; i < np * DAG_N_PARTS; i++)
    loc[i] = -1;
  if (pl->opt->standing)
    {
      int day = dag_date_weekday (pl->date);

      for (guint i = 0; i < org->plan->len; i++)
        {
          const DagPlanEntry *e = DAG_AT (org->plan, DagPlanEntry, i);

          if (e->participant < 0 || e->group < 0 || DAG_SLOT_DAY (e->slot) != day
              || !DAG_DATED_APPLIES (e->from, e->until, pl->date)
              || DAG_AT (org->participants, DagParticipant, e->participant)->transport != DAG_TRANSPORT_BUS)
            continue;
          loc[e->participant * DAG_N_PARTS + DAG_SLOT_PART (e->slot)] =
            DAG_AT (org->groups, DagGroup, e->group)->location;
        }
    }
  else
    dag_schedule_foreach (schedule, pl->date, pl->date, collect_on, &data);

  for (guint p = 0; p < np; p++)
    {
      const int *l = loc + p * DAG_N_PARTS;
      Leg legs[2 * DAG_N_PARTS];
      int k = 0;

      for (int part = 0; part < DAG_N_PARTS; part++)
        {
          if (l[part] < 0)
            continue;
          /* A whole day at one location: there in the morning, home after
           * the afternoon, no midday run. */
          if (part == DAG_PART_AM && l[DAG_PART_PM] == l[part])
            {
              legs[k++] = (Leg) { l[part], DAG_PART_AM, DAG_DIRECTION_TO };
              legs[k++] = (Leg) { l[part], DAG_PART_PM, DAG_DIRECTION_FROM };
              part = DAG_PART_PM;
              continue;
            }
          legs[k++] = (Leg) { l[part], part, DAG_DIRECTION_TO };
          legs[k++] = (Leg) { l[part], part, DAG_DIRECTION_FROM };
        }
      if (k > 0)
        add_trips (pl, indicated[p], p, legs, k);
      n += k;
    }
  return n;
}

/* The wave's leg minutes and km among its location (0) and its trips. */
static void
wave_matrices (Plan *pl,
               Wave *w)
{
  guint n = w->trips->len + 1;

  w->minutes = g_new (int, (gsize) n * n);
  w->km = g_new (double, (gsize) n * n);
  for (guint i = 0; i < n; i++)
    {
      int a = i == 0 ? w->at : g_array_index (pl->trips, Trip, g_array_index (w->trips, int, i - 1)).place;

      for (guint j = 0; j < n; j++)
        {
          int b = j == 0 ? w->at : g_array_index (pl->trips, Trip, g_array_index (w->trips, int, j - 1)).place;

          w->minutes[i * n + j] = leg (pl, a, b, &w->km[i * n + j]);
        }
    }
  for (guint i = 0; i + 1 < n; i++)
    g_array_index (pl->trips, Trip, g_array_index (w->trips, int, i)).index = i + 1;
}

/* ---- runs and vehicle days ---------------------------------------------- */

#define TRIP(pl, t) (&g_array_index ((pl)->trips, Trip, (t)))
#define WAVE(pl, w) (&g_array_index ((pl)->waves, Wave, (w)))

/* Measures a run of wave with these stops into r (rel: each stop's minutes
 * from the run's start); FALSE when a ride is too long, a rider who must
 * ride alone is not alone, or the riders' bounds leave no time. */
static gboolean
measure (Plan      *pl,
         int        wave,
         const int *stops,
         int        n,
         Run       *r,
         int       *rel)
{
  const Wave *w = WAVE (pl, wave);
  guint m = w->trips->len + 1;
  int pos = 0;

  r->wave = wave;
  r->n = n;
  r->lo = w->lo;
  r->hi = w->hi;
  r->seats = r->chairs = 0;
  r->km = 0;
  if (n == 0)
    return FALSE;
  for (int i = 0; i < n; i++)
    {
      const Trip *t = TRIP (pl, stops[i]);

      if (t->alone && n > 1)
        return FALSE;
      if (t->chair)
        r->chairs++;
      else
        r->seats++;
    }
  if (w->direction == DAG_DIRECTION_TO)
    {
      for (int i = 0; i < n; i++)
        {
          const Trip *t = TRIP (pl, stops[i]);
          int next = i + 1 < n ? TRIP (pl, stops[i + 1])->index : 0;

          rel[i] = pos;
          pos += t->board + w->minutes[t->index * m + next];
          r->km += w->km[t->index * m + next];
        }
      r->duration = pos;
      for (int i = 0; i < n; i++)
        {
          const Trip *t = TRIP (pl, stops[i]);

          if (pos - rel[i] > t->limit)
            return FALSE;
          if (t->not_before != LOW)
            r->lo = MAX (r->lo, t->not_before + pos - rel[i]);
        }
      r->first_place = TRIP (pl, stops[0])->place;
      r->last_place = w->at;
    }
  else
    {
      int prev = 0;

      for (int i = 0; i < n; i++)
        {
          const Trip *t = TRIP (pl, stops[i]);

          pos += w->minutes[prev * m + t->index];
          r->km += w->km[prev * m + t->index];
          rel[i] = pos;
          pos += t->board;
          if (pos > t->limit)
            return FALSE;
          if (t->not_after != HIGH)
            r->hi = MIN (r->hi, t->not_after - pos);
          prev = t->index;
        }
      r->duration = pos;
      r->first_place = w->at;
      r->last_place = TRIP (pl, stops[n - 1])->place;
    }
  return r->lo <= r->hi;
}

static gboolean
fits (const DagVehicle *v,
      const Run        *r)
{
  return r->seats <= v->seats && r->chairs <= v->wheelchair_places;
}


static gboolean
is_to (Plan      *pl,
       const Run *r)
{
  return WAVE (pl, r->wave)->direction == DAG_DIRECTION_TO;
}

/* The earliest time of r when its vehicle can be at its first place at
 * reach (LOW: any time); end is when it is over. */
static gboolean
earliest (Plan      *pl,
          const Run *r,
          int        reach,
          int       *time,
          int       *end)
{
  int t;

  if (is_to (pl, r))
    {
      t = reach == LOW ? r->lo : MAX (r->lo, reach + r->duration);
      if (t > r->hi)
        return FALSE;
      *time = t;
      *end = t;
    }
  else
    {
      t = reach == LOW ? r->lo : MAX (r->lo, reach);
      if (t > r->hi)
        return FALSE;
      *time = t;
      *end = t + r->duration;
    }
  return TRUE;
}

/* Whether vehicle v can drive these runs in this order within its hours;
 * fills early_at (each run's earliest time) when given. */
static gboolean
forward (Plan       *pl,
         guint       v,
         Run *const *runs,
         int         n,
         int        *early_at)
{
  const DagVehicle *veh = DAG_AT (pl->org->vehicles, DagVehicle, v);
  int place = pl->home[v];
  int free_at = veh->available_from > 0 ? veh->available_from : LOW;

  for (int k = 0; k < n; k++)
    {
      const Run *r = runs[k];
      int reach = free_at == LOW ? LOW : free_at + leg (pl, place, r->first_place, NULL);
      int t, end;

      if (!earliest (pl, r, reach, &t, &end))
        return FALSE;
      if (early_at)
        early_at[k] = t;
      free_at = end;
      place = r->last_place;
    }
  if (n > 0 && veh->available_until > 0
      && free_at + leg (pl, place, pl->home[v], NULL) > veh->available_until)
    return FALSE;
  return TRUE;
}

/* The latest time of each run such that the ones after it still fit. */
static void
backward (Plan       *pl,
          guint       v,
          Run *const *runs,
          int         n,
          int        *late_at)
{
  const DagVehicle *veh = DAG_AT (pl->org->vehicles, DagVehicle, v);
  int next_start = HIGH;

  for (int k = n; k-- > 0;)
    {
      const Run *r = runs[k];
      int end_by;

      if (k == n - 1)
        end_by = veh->available_until > 0
                 ? veh->available_until - leg (pl, r->last_place, pl->home[v], NULL) : HIGH;
      else
        end_by = next_start - leg (pl, r->last_place, runs[k + 1]->first_place, NULL);
      if (is_to (pl, r))
        {
          late_at[k] = MIN (r->hi, end_by);
          next_start = late_at[k] - r->duration;
        }
      else
        {
          late_at[k] = MIN (r->hi, end_by - r->duration);
          next_start = late_at[k];
        }
    }
}

#define SEQ(pl, s, v) ((s)->seq + (gsize) (v) * (pl)->max_rounds)

/* Notes in each run of v's day when it is over at the earliest and when it
 * must start at the latest, so that a run put between two others is
 * checked in constant time (slack()). */
static void
vehicle_slack (Plan  *pl,
               State *s,
               guint  v)
{
  const int *seq = SEQ (pl, s, v);
  int n = s->len[v];

  for (int k = 0; k < n; k++)
    pl->list[k] = &s->runs[seq[k]];
  if (!forward (pl, v, pl->list, n, pl->early_at))
    g_warn_if_reached ();
  backward (pl, v, pl->list, n, pl->late_at);
  for (int k = 0; k < n; k++)
    {
      Run *r = pl->list[k];

      r->done_by = is_to (pl, r) ? pl->early_at[k] : pl->early_at[k] + r->duration;
      r->start_by = is_to (pl, r) ? pl->late_at[k] - r->duration : pl->late_at[k];
    }
}

/* Whether x fits in v's day between the runs before position k and those
 * from position after on (after = k: put in; k + 1: instead of run k). */
static gboolean
slack (Plan      *pl,
       State     *s,
       guint      v,
       int        k,
       int        after,
       const Run *x)
{
  const DagVehicle *veh = DAG_AT (pl->org->vehicles, DagVehicle, v);
  const int *seq = SEQ (pl, s, v);
  int reach, t, end;

  if (k == 0)
    reach = veh->available_from > 0 ? veh->available_from + leg (pl, pl->home[v], x->first_place, NULL) : LOW;
  else
    {
      const Run *prev = &s->runs[seq[k - 1]];

      reach = prev->done_by + leg (pl, prev->last_place, x->first_place, NULL);
    }
  if (!earliest (pl, x, reach, &t, &end))
    return FALSE;
  if (after < s->len[v])
    {
      const Run *next = &s->runs[seq[after]];

      return end + leg (pl, x->last_place, next->first_place, NULL) <= next->start_by;
    }
  return veh->available_until <= 0
         || end + leg (pl, x->last_place, pl->home[v], NULL) <= veh->available_until;
}
#define STOPS(pl, s, id) ((s)->stops + (gsize) (id) * (pl)->cap)
#define REL(pl, s, id) ((s)->rel + (gsize) (id) * (pl)->cap)

static double
km_between (Plan *pl,
            int   from,
            int   to)
{
  double km = 0;

  leg (pl, from, to, &km);
  return km;
}

/* The time the run would like: that of the riders' stored pick-ups (their
 * median), else arriving as late and leaving as early as allowed. */
static int
preferred (Plan      *pl,
           State     *s,
           int        id)
{
  const Run *r = &s->runs[id];
  const int *stops = STOPS (pl, s, id), *rel = REL (pl, s, id);
  int *want = pl->buf;
  int n = 0;

  for (int i = 0; i < r->n; i++)
    {
      const Trip *t = TRIP (pl, stops[i]);

      if (t->old_time < 0)
        continue;
      want[n++] = is_to (pl, r) ? t->old_time + r->duration - rel[i] : t->old_time - rel[i];
    }
  if (n == 0)
    return is_to (pl, r) ? r->hi : r->lo;
  for (int i = 1; i < n; i++)
    for (int j = i; j > 0 && want[j] < want[j - 1]; j--)
      {
        int tmp = want[j];

        want[j] = want[j - 1];
        want[j - 1] = tmp;
      }
  return want[n / 2];
}

/* Places vehicle v's runs in time (each as close to its preferred time as
 * the others allow) and sets its share of the objective. */
static void
vehicle_eval (Plan  *pl,
              State *s,
              guint  v)
{
  const int *seq = SEQ (pl, s, v);
  int n = s->len[v];
  int place = pl->home[v];
  int free_at = DAG_AT (pl->org->vehicles, DagVehicle, v)->available_from;
  double km = 0;
  int moved = 0;

  if (free_at <= 0)
    free_at = LOW;
  s->vcost[v] = s->vkm[v] = 0;
  s->vmoved[v] = 0;
  if (n == 0)
    return;
  for (int k = 0; k < n; k++)
    pl->list[k] = &s->runs[seq[k]];
  backward (pl, v, pl->list, n, pl->late_at);

  for (int k = 0; k < n; k++)
    {
      Run *r = pl->list[k];
      const int *stops = STOPS (pl, s, seq[k]), *rel = REL (pl, s, seq[k]);
      int reach = free_at == LOW ? LOW : free_at + leg (pl, place, r->first_place, NULL);
      int t = 0, end = 0, start;

      if (!earliest (pl, r, reach, &t, &end))
        g_warn_if_reached ();
      t = CLAMP (preferred (pl, s, seq[k]), t, MAX (t, pl->late_at[k]));
      r->time = t;
      start = is_to (pl, r) ? t - r->duration : t;
      end = is_to (pl, r) ? t : t + r->duration;

      if (free_at != LOW && start - free_at >= GAP_VIA_HOME + leg (pl, place, pl->home[v], NULL))
        {
          km += km_between (pl, place, pl->home[v]);
          place = pl->home[v];
        }
      km += km_between (pl, place, r->first_place) + r->km;
      for (int i = 0; i < r->n; i++)
        {
          const Trip *tr = TRIP (pl, stops[i]);
          int at = is_to (pl, r) ? t - r->duration + rel[i] : t + rel[i];

          if (tr->old_time >= 0 && ABS (at - tr->old_time) > STABLE_MINUTES)
            moved++;
        }
      place = r->last_place;
      free_at = end;
    }
  km += km_between (pl, place, pl->home[v]);
  s->vkm[v] = km;
  s->vmoved[v] = moved;
  s->vcost[v] = W_VEHICLE + km * pl->price[v] + W_RUN * n + W_MOVED * moved;
}

static double
total_cost (Plan  *pl,
            State *s)
{
  double cost = W_UNSERVED * s->n_unserved;

  for (guint v = 0; v < pl->nv; v++)
    {
      if (pl->touched[v])
        {
          vehicle_eval (pl, s, v);
          pl->touched[v] = FALSE;
        }
      cost += s->vcost[v];
    }
  return cost;
}

/* ---- the plan as flat arrays -------------------------------------------- */

static void
state_init (Plan  *pl,
            State *s)
{
  guint nt = MAX (pl->trips->len, 1);

  s->runs = g_new0 (Run, nt);
  s->stops = g_new0 (int, (gsize) nt * pl->cap);
  s->rel = g_new0 (int, (gsize) nt * pl->cap);
  s->free_ids = g_new (int, nt);
  s->seq = g_new0 (int, (gsize) MAX (pl->nv, 1) * pl->max_rounds);
  s->len = g_new0 (int, pl->nv + 1);
  s->vcost = g_new0 (double, pl->nv + 1);
  s->vkm = g_new0 (double, pl->nv + 1);
  s->vmoved = g_new0 (int, pl->nv + 1);
  s->trip_run = g_new (int, nt);
  s->n_free = nt;
  for (guint i = 0; i < nt; i++)
    {
      s->free_ids[i] = nt - 1 - i;   /* popped from the end: run 0 first */
      s->runs[i].vehicle = -1;
      s->trip_run[i] = -1;
    }
  s->n_unserved = pl->trips->len;
}

static void
state_clear (State *s)
{
  g_free (s->runs);
  g_free (s->stops);
  g_free (s->rel);
  g_free (s->free_ids);
  g_free (s->seq);
  g_free (s->len);
  g_free (s->vcost);
  g_free (s->vkm);
  g_free (s->vmoved);
  g_free (s->trip_run);
}

static void
state_copy (Plan        *pl,
            State       *dst,
            const State *src)
{
  guint nt = MAX (pl->trips->len, 1);

  memcpy (dst->runs, src->runs, sizeof (Run) * nt);
  memcpy (dst->stops, src->stops, sizeof (int) * nt * pl->cap);
  memcpy (dst->rel, src->rel, sizeof (int) * nt * pl->cap);
  memcpy (dst->free_ids, src->free_ids, sizeof (int) * nt);
  memcpy (dst->seq, src->seq, sizeof (int) * MAX (pl->nv, 1) * pl->max_rounds);
  memcpy (dst->len, src->len, sizeof (int) * (pl->nv + 1));
  memcpy (dst->vcost, src->vcost, sizeof (double) * (pl->nv + 1));
  memcpy (dst->vkm, src->vkm, sizeof (double) * (pl->nv + 1));
  memcpy (dst->vmoved, src->vmoved, sizeof (int) * (pl->nv + 1));
  memcpy (dst->trip_run, src->trip_run, sizeof (int) * nt);
  dst->n_free = src->n_free;
  dst->n_unserved = src->n_unserved;
}

/* ---- moves -------------------------------------------------------------- */

static void
seq_remove (Plan  *pl,
            State *s,
            guint  v,
            int    id)
{
  int *seq = SEQ (pl, s, v);

  for (int k = 0; k < s->len[v]; k++)
    if (seq[k] == id)
      {
        memmove (seq + k, seq + k + 1, sizeof (int) * (s->len[v] - k - 1));
        s->len[v]--;
        return;
      }
  g_warn_if_reached ();
}

static void
free_run (Plan  *pl,
          State *s,
          int    id)
{
  seq_remove (pl, s, s->runs[id].vehicle, id);
  s->runs[id].vehicle = -1;
  s->runs[id].n = 0;
  s->free_ids[s->n_free++] = id;
}

/* Takes trip t off its run (a run left empty is deleted). */
static void
remove_trip (Plan  *pl,
             State *s,
             int    t)
{
  int id = s->trip_run[t];
  Run *r;
  int *stops;

  if (id < 0)
    return;
  r = &s->runs[id];
  stops = STOPS (pl, s, id);
  for (int i = 0; i < r->n; i++)
    if (stops[i] == t)
      {
        memmove (stops + i, stops + i + 1, sizeof (int) * (r->n - i - 1));
        break;
      }
  s->trip_run[t] = -1;
  s->n_unserved++;
  pl->touched[r->vehicle] = TRUE;
  if (r->n == 1)
    {
      free_run (pl, s, id);
      return;
    }
  /* Shorter is never longer where travel times obey the triangle rule; an
   * imported matrix need not, and then the run goes as a whole. */
  if (!measure (pl, r->wave, stops, r->n - 1, r, REL (pl, s, id)))
    while (s->runs[id].vehicle >= 0 && s->runs[id].n > 0)
      remove_trip (pl, s, STOPS (pl, s, id)[0]);
}

/* After removals: a vehicle day that no longer fits (only with a
 * non-metric imported matrix) is emptied. */
static void
repair (Plan  *pl,
        State *s)
{
  for (guint v = 0; v < pl->nv; v++)
    {
      const int *seq = SEQ (pl, s, v);

      if (!pl->touched[v] || s->len[v] == 0)
        continue;
      for (int k = 0; k < s->len[v]; k++)
        pl->list[k] = &s->runs[seq[k]];
      if (forward (pl, v, pl->list, s->len[v], NULL))
        continue;
      while (s->len[v] > 0)
        {
          int id = SEQ (pl, s, v)[0];

          while (s->runs[id].vehicle >= 0)
            remove_trip (pl, s, STOPS (pl, s, id)[0]);
        }
    }
}

typedef struct {
  double delta;
  guint  v;
  int    run;                /* -1: a new run */
  int    pos;                /* in the run */
  int    k;                  /* in the vehicle's sequence */
} Move;

/* Km of getting to a run and away from it at position k of v's day. */
static double
context_km (Plan      *pl,
            State     *s,
            guint      v,
            int        k,
            gboolean   replace,
            int        first,
            int        last)
{
  const int *seq = SEQ (pl, s, v);
  int n = s->len[v];
  int before = k == 0 ? pl->home[v] : s->runs[seq[k - 1]].last_place;
  int after_k = replace ? k + 1 : k;
  int after = after_k >= n ? pl->home[v] : s->runs[seq[after_k]].first_place;

  return km_between (pl, before, first) + km_between (pl, last, after)
         - (replace ? 0 : km_between (pl, before, after));
}

static double
noisy (Plan   *pl,
       double  delta,
       double  noise)
{
  if (noise <= 0)
    return delta;
  return delta * (1.0 + noise * (rnd (pl) / 4294967296.0));
}

/* The cheapest place for trip t: free room on a run of its wave, or a new
 * run somewhere in a vehicle's day. */
static gboolean
best_insertion (Plan   *pl,
                State  *s,
                int     t,
                double  noise,
                Move   *best)
{
  const Trip *tr = TRIP (pl, t);
  Run single, cand;
  gboolean single_ok;

  best->delta = G_MAXDOUBLE;
  best->run = -2;
  single_ok = measure (pl, tr->wave, &t, 1, &single, pl->buf_rel);
  pl->stamp++;

  for (guint v = 0; v < pl->nv; v++)
    {
      const DagVehicle *veh = DAG_AT (pl->org->vehicles, DagVehicle, v);
      const int *seq = SEQ (pl, s, v);
      int n = s->len[v];

      if (tr->chair ? veh->wheelchair_places <= 0 : veh->seats <= 0)
        continue;
      if (pl->forbid != NULL && (pl->forbid[v] || (pl->no_new && n == 0)))
        continue;
      for (int k = 0; k < n && !tr->alone; k++)
        {
          int id = seq[k];
          const Run *r = &s->runs[id];
          const int *stops = STOPS (pl, s, id);
          double here;

          if (r->wave != tr->wave || r->n >= pl->cap
              || (tr->chair ? r->chairs >= veh->wheelchair_places : r->seats >= veh->seats))
            continue;
          here = r->km + context_km (pl, s, v, k, TRUE, r->first_place, r->last_place);
          for (int pos = 0; pos <= r->n; pos++)
            {
              double d, around;

              memcpy (pl->buf, stops, sizeof (int) * pos);
              pl->buf[pos] = t;
              memcpy (pl->buf + pos + 1, stops + pos, sizeof (int) * (r->n - pos));
              if (!measure (pl, tr->wave, pl->buf, r->n + 1, &cand, pl->buf_rel))
                continue;
              /* Getting there and away changes only with the first or last place. */
              around = cand.first_place == r->first_place && cand.last_place == r->last_place
                       ? here - r->km
                       : context_km (pl, s, v, k, TRUE, cand.first_place, cand.last_place);
              d = noisy (pl, (cand.km + around - here) * pl->price[v], noise);
              if (d >= best->delta || !slack (pl, s, v, k, k + 1, &cand))
                continue;
              *best = (Move) { d, v, id, pos, k };
            }
        }

      if (!single_ok || n >= pl->max_rounds || !fits (veh, &single)
          || single.km * pl->price[v] + W_RUN + (n == 0 ? W_VEHICLE : 0) >= best->delta)
        continue;
      /* Vehicles not on the road yet that are alike give the same. */
      if (n == 0)
        {
          if (pl->class_tried[pl->class_of[v]] == pl->stamp)
            continue;
          pl->class_tried[pl->class_of[v]] = pl->stamp;
        }
      for (int k = 0; k <= n; k++)
        {
          double d;
          int at, end;

          /* By time alone (legs take no less than nothing): the runs are in
           * time order, so once the one before ends too late, so do the
           * ones after it. */
          if (k > 0 && !earliest (pl, &single, s->runs[seq[k - 1]].done_by, &at, &end))
            break;
          if (k < n && k > 0 && end > s->runs[seq[k]].start_by)
            continue;
          d = (single.km + context_km (pl, s, v, k, FALSE, single.first_place, single.last_place))
              * pl->price[v];

          d = noisy (pl, d, noise) + W_RUN + (n == 0 ? W_VEHICLE : 0);
          if (d >= best->delta || !slack (pl, s, v, k, k, &single))
            continue;
          *best = (Move) { d, v, -1, 0, k };
        }
    }
  return best->run != -2;
}

static void
apply_move (Plan       *pl,
            State      *s,
            int         t,
            const Move *m)
{
  int id;
  int *stops;
  Run *r;

  if (m->run >= 0)
    {
      id = m->run;
      r = &s->runs[id];
      stops = STOPS (pl, s, id);
      memmove (stops + m->pos + 1, stops + m->pos, sizeof (int) * (r->n - m->pos));
      stops[m->pos] = t;
      if (!measure (pl, r->wave, stops, r->n + 1, r, REL (pl, s, id)))
        g_warn_if_reached ();
    }
  else
    {
      int *seq = SEQ (pl, s, m->v);

      g_assert (s->n_free > 0);
      id = s->free_ids[--s->n_free];
      r = &s->runs[id];
      r->vehicle = m->v;
      stops = STOPS (pl, s, id);
      stops[0] = t;
      if (!measure (pl, TRIP (pl, t)->wave, stops, 1, r, REL (pl, s, id)))
        g_warn_if_reached ();
      memmove (seq + m->k + 1, seq + m->k, sizeof (int) * (s->len[m->v] - m->k));
      seq[m->k] = id;
      s->len[m->v]++;
    }
  s->trip_run[t] = id;
  s->n_unserved--;
  pl->touched[m->v] = TRUE;
  vehicle_slack (pl, s, m->v);
}

/* Inserts the trips in this order where each is cheapest. */
static void
recreate (Plan   *pl,
          State  *s,
          int    *trips,
          int     n,
          double  noise)
{
  for (guint v = 0; v < pl->nv; v++)
    if (pl->touched[v])
      vehicle_slack (pl, s, v);
  for (int i = 0; i < n; i++)
    {
      Move m;

      if (s->trip_run[trips[i]] < 0 && best_insertion (pl, s, trips[i], noise, &m))
        apply_move (pl, s, trips[i], &m);
    }
}

/* Harder trips first: a wheelchair, riding alone, far from the location. */
static int
difficulty (Plan *pl,
            int   t)
{
  const Trip *tr = TRIP (pl, t);

  return (tr->chair ? 100000 : 0) + (tr->alone ? 50000 : 0) + tr->direct;
}

static void
sort_by_difficulty (Plan *pl,
                    int  *trips,
                    int   n,
                    int   jitter)
{
  int *key = g_new (int, n + 1);

  for (int i = 0; i < n; i++)
    key[i] = difficulty (pl, trips[i]) + (jitter > 0 ? rnd_below (pl, jitter) : 0);
  for (int i = 1; i < n; i++)
    for (int j = i; j > 0 && key[j] > key[j - 1]; j--)
      {
        int a = key[j], b = trips[j];

        key[j] = key[j - 1];
        trips[j] = trips[j - 1];
        key[j - 1] = a;
        trips[j - 1] = b;
      }
  g_free (key);
}

static void
shuffle (Plan *pl,
         int  *trips,
         int   n)
{
  for (int i = n - 1; i > 0; i--)
    {
      int j = rnd_below (pl, i + 1), tmp = trips[i];

      trips[i] = trips[j];
      trips[j] = tmp;
    }
}

/* ---- the stored runs as the start of a re-plan -------------------------- */

static int
cmp_old_run (gconstpointer a,
             gconstpointer b,
             gpointer      user_data)
{
  const DagOrg *org = user_data;
  const DagRun *x = DAG_AT (org->runs, DagRun, *(const int *) a);
  const DagRun *y = DAG_AT (org->runs, DagRun, *(const int *) b);

  if (x->vehicle != y->vehicle)
    return x->vehicle < y->vehicle ? -1 : 1;
  if (x->time != y->time)
    return x->time < y->time ? -1 : 1;
  return *(const int *) a - *(const int *) b;
}

/* Notes each trip's stored pick-up time, and puts the stored runs back on
 * their vehicles where they still fit, so that a re-plan starts from them. */
static void
warm_start (Plan  *pl,
            State *s)
{
  const DagOrg *org = pl->org;
  g_autoptr(GHashTable) by_participant = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_autoptr(GArray) old = g_array_new (FALSE, FALSE, sizeof (int));

  for (guint t = 0; t < pl->trips->len; t++)
    {
      int p = TRIP (pl, t)->participant;

      /* Each participant's first trip; the others follow it in order. */
      if (!g_hash_table_contains (by_participant, GINT_TO_POINTER (p)))
        g_hash_table_insert (by_participant, GINT_TO_POINTER (p), GINT_TO_POINTER (t));
    }

  for (guint i = 0; i < org->runs->len; i++)
    {
      const DagRun *run = DAG_AT (org->runs, DagRun, i);
      gboolean any = FALSE;

      if (run->date != pl->date || run->stops == NULL)
        continue;
      for (guint j = 0; j < run->stops->len; j++)
        {
          const DagStop *st = DAG_AT (run->stops, DagStop, j);
          gpointer first;
          int best = -1, best_gap = 0;

          if (!g_hash_table_lookup_extended (by_participant, GINT_TO_POINTER (st->participant), NULL, &first))
            continue;
          for (guint t = GPOINTER_TO_INT (first);
               t < pl->trips->len && TRIP (pl, t)->participant == st->participant; t++)
            {
              const Wave *w = WAVE (pl, TRIP (pl, t)->wave);
              int gap = run->time < w->lo ? w->lo - run->time : run->time > w->hi ? run->time - w->hi : 0;

              if (w->location != run->location || w->direction != run->direction)
                continue;
              if (best < 0 || gap < best_gap)
                {
                  best = t;
                  best_gap = gap;
                }
            }
          if (best < 0 || TRIP (pl, best)->old_run >= 0)
            continue;
          TRIP (pl, best)->old_time = st->time;
          TRIP (pl, best)->old_run = i;
          TRIP (pl, best)->old_pos = j;
          any = TRUE;
        }
      if (any && run->vehicle >= 0 && (guint) run->vehicle < pl->nv)
        g_array_append_val (old, i);
    }
  g_array_sort_with_data (old, cmp_old_run, (gpointer) org);

  for (guint i = 0; i < old->len; i++)
    {
      int oi = g_array_index (old, int, i);
      const DagRun *run = DAG_AT (org->runs, DagRun, oi);
      const DagVehicle *veh = DAG_AT (org->vehicles, DagVehicle, run->vehicle);
      guint v = run->vehicle;
      int n = 0, wave = -1, id;
      Run cand;

      for (guint j = 0; j < run->stops->len && n < pl->cap; j++)
        for (guint t = 0; t < pl->trips->len; t++)
          {
            const Trip *tr = TRIP (pl, t);

            if (tr->old_run != oi || tr->old_pos != (int) j || s->trip_run[t] >= 0)
              continue;
            if (wave < 0)
              wave = tr->wave;
            if (tr->wave == wave)
              pl->order[n++] = t;
            break;
          }
      if (n == 0 || s->len[v] >= pl->max_rounds
          || !measure (pl, wave, pl->order, n, &cand, pl->buf_rel) || !fits (veh, &cand))
        continue;
      for (int k = 0; k < s->len[v]; k++)
        pl->list[k] = &s->runs[SEQ (pl, s, v)[k]];
      pl->list[s->len[v]] = &cand;
      if (!forward (pl, v, pl->list, s->len[v] + 1, NULL))
        continue;
      id = s->free_ids[--s->n_free];
      s->runs[id] = cand;
      s->runs[id].vehicle = v;
      memcpy (STOPS (pl, s, id), pl->order, sizeof (int) * n);
      memcpy (REL (pl, s, id), pl->buf_rel, sizeof (int) * n);
      SEQ (pl, s, v)[s->len[v]++] = id;
      for (int k = 0; k < n; k++)
        s->trip_run[pl->order[k]] = id;
      s->n_unserved -= n;
      pl->touched[v] = TRUE;
    }
}

/* ---- a start from the routing core --------------------------------------- */

static int
cmp_route (gconstpointer a,
           gconstpointer b,
           gpointer      user_data)
{
  Plan *pl = user_data;
  const GArray *x = *(GArray * const *) a, *y = *(GArray * const *) b;
  const Wave *wx = WAVE (pl, g_array_index (x, int, 0)), *wy = WAVE (pl, g_array_index (y, int, 0));

  if (wx->lo != wy->lo)
    return wx->lo < wy->lo ? -1 : 1;
  if (x->len != y->len)
    return x->len > y->len ? -1 : 1;
  return g_array_index (x, int, 1) - g_array_index (y, int, 1);
}

/* Routes each wave's riders with the VRPTW core (the room of the biggest
 * vehicle, boarding as service time, each rider's own ride limit), puts
 * those runs on vehicles where their days allow (the earliest runs
 * first, the cheapest place), and leaves the riders of runs that fit
 * nowhere to the insertion that follows. */
static void
core_start (Plan  *pl,
            State *s)
{
  int capacity[N_DIMS] = { 0, 0, 0 };
  g_autoptr(GPtrArray) routes = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);

  for (guint v = 0; v < pl->nv; v++)
    {
      const DagVehicle *veh = DAG_AT (pl->org->vehicles, DagVehicle, v);

      capacity[DIM_SEATS] = MAX (capacity[DIM_SEATS], veh->seats);
      capacity[DIM_CHAIRS] = MAX (capacity[DIM_CHAIRS], veh->wheelchair_places);
    }
  capacity[DIM_PERSONS] = pl->cap;

  for (guint wi = 0; wi < pl->waves->len; wi++)
    {
      const Wave *w = WAVE (pl, wi);
      guint m = w->trips->len, nn = m + 1;
      g_autoptr(DagVrptwProblem) problem = NULL;
      g_autoptr(DagVrptwSolution) solution = NULL;
      g_autofree double *time = NULL, *dist = NULL;
      DagVrptwOptions options;

      if (m == 0 || g_cancellable_is_cancelled (pl->cancellable))
        continue;
      time = g_new (double, (gsize) nn * nn);
      dist = g_new (double, (gsize) nn * nn);
      for (guint i = 0; i < nn * nn; i++)
        {
          time[i] = w->minutes[i];
          dist[i] = w->km[i];
        }
      problem = dag_vrptw_problem_new (nn, N_DIMS);
      dag_vrptw_problem_set_matrices (problem, time, dist);
      dag_vrptw_problem_set_fleet (problem, 0, capacity);
      dag_vrptw_problem_set_ride_limit (problem,
                                        w->direction == DAG_DIRECTION_TO ? DAG_VRPTW_RIDE_TO_DEPOT
                                                                         : DAG_VRPTW_RIDE_FROM_DEPOT,
                                        0);
      dag_vrptw_problem_set_node (problem, 0, 0, HORIZON, 0);
      for (guint i = 0; i < m; i++)
        {
          const Trip *t = TRIP (pl, g_array_index (w->trips, int, i));

          dag_vrptw_problem_set_node (problem, t->index, 0, HORIZON, t->board);
          dag_vrptw_problem_set_demand (problem, t->index, DIM_SEATS, t->chair ? 0 : 1);
          dag_vrptw_problem_set_demand (problem, t->index, DIM_CHAIRS, t->chair ? 1 : 0);
          /* A rider alone takes a whole vehicle. */
          dag_vrptw_problem_set_demand (problem, t->index, DIM_PERSONS, t->alone ? pl->cap : 1);
          /* The core counts the ride from leaving the stop, or up to the
           * stop: without the rider's own boarding. */
          dag_vrptw_problem_set_max_ride (problem, t->index, MAX (0.001, t->limit - t->board));
        }
      dag_vrptw_options_init (&options);
      options.seed = pl->opt->seed + wi;
      options.max_iterations = m == 1 ? 1 : (guint64) CORE_ITERATIONS * m;
      solution = dag_vrptw_solve (problem, &options, pl->cancellable, NULL);
      if (solution == NULL)
        continue;
      for (guint ri = 0; ri < dag_vrptw_solution_get_n_routes (solution); ri++)
        {
          guint len;
          const guint *stops = dag_vrptw_solution_get_route (solution, ri, &len);
          GArray *route = g_array_sized_new (FALSE, FALSE, sizeof (int), len + 1);

          g_array_append_val (route, wi);
          for (guint k = 0; k < len; k++)
            g_array_append_val (route, g_array_index (w->trips, int, stops[k] - 1));
          g_ptr_array_add (routes, route);
        }
    }

  /* The runs in order of their window, each where it costs least. */
  g_ptr_array_sort_with_data (routes, cmp_route, pl);
  for (guint i = 0; i < routes->len; i++)
    {
      GArray *route = g_ptr_array_index (routes, i);
      int wave = g_array_index (route, int, 0), n = route->len - 1;
      const int *stops = &g_array_index (route, int, 1);
      Run cand;
      double best = G_MAXDOUBLE;
      int best_v = -1, best_k = 0, id;

      if (n > pl->cap || !measure (pl, wave, stops, n, &cand, pl->buf_rel))
        continue;
      for (guint v = 0; v < pl->nv; v++)
        {
          const DagVehicle *veh = DAG_AT (pl->org->vehicles, DagVehicle, v);
          int len = s->len[v];

          if (!fits (veh, &cand) || len >= pl->max_rounds)
            continue;
          for (int k = 0; k <= len; k++)
            {
              double d = (len == 0 ? W_VEHICLE : 0)
                         + (cand.km + context_km (pl, s, v, k, FALSE, cand.first_place, cand.last_place))
                           * pl->price[v];

              /* A smaller vehicle that fits, for the bigger ones later. */
              d += veh->seats + veh->wheelchair_places;
              if (d < best && slack (pl, s, v, k, k, &cand))
                {
                  best = d;
                  best_v = v;
                  best_k = k;
                }
            }
        }
      if (best_v < 0)
        continue;
      id = s->free_ids[--s->n_free];
      s->runs[id] = cand;
      s->runs[id].vehicle = best_v;
      memcpy (STOPS (pl, s, id), stops, sizeof (int) * n);
      memcpy (REL (pl, s, id), pl->buf_rel, sizeof (int) * n);
      memmove (SEQ (pl, s, best_v) + best_k + 1, SEQ (pl, s, best_v) + best_k,
               sizeof (int) * (s->len[best_v] - best_k));
      SEQ (pl, s, best_v)[best_k] = id;
      s->len[best_v]++;
      for (int k = 0; k < n; k++)
        s->trip_run[stops[k]] = id;
      s->n_unserved -= n;
      pl->touched[best_v] = TRUE;
      vehicle_slack (pl, s, best_v);
    }
}

/* ---- the search --------------------------------------------------------- */

/* The riders of seed's wave on a run, nearest to it first (seed itself
 * when on a run); returns how many, in out. */
static int
nearest (Plan  *pl,
         State *s,
         int    seed,
         int   *out)
{
  const Trip *tr = TRIP (pl, seed);
  const Wave *w = WAVE (pl, tr->wave);
  guint m = w->trips->len + 1;
  int n = 0;

  for (guint i = 0; i < w->trips->len; i++)
    {
      int t = g_array_index (w->trips, int, i);

      if (s->trip_run[t] >= 0)
        out[n++] = t;
    }
  for (int i = 1; i < n; i++)
    for (int j = i; j > 0
         && w->minutes[tr->index * m + TRIP (pl, out[j])->index]
            < w->minutes[tr->index * m + TRIP (pl, out[j - 1])->index]; j--)
      {
        int tmp = out[j];

        out[j] = out[j - 1];
        out[j - 1] = tmp;
      }
  return n;
}

static int
served_trip (Plan  *pl,
             State *s)
{
  guint nt = pl->trips->len;

  if (s->n_unserved >= (int) nt)
    return -1;
  for (;;)
    {
      int t = rnd_below (pl, nt);

      if (s->trip_run[t] >= 0)
        return t;
    }
}

/* Takes some trips off their runs; returns how many (in out). */
static int
ruin (Plan  *pl,
      State *s,
      int   *out)
{
  int n = 0;
  int kind = rnd_below (pl, 10);
  int seed = served_trip (pl, s);

  if (seed < 0)
    return 0;
  if (kind < 4)
    {
      /* Related: the seed and the riders of its wave nearest to it. */
      int q = 3 + rnd_below (pl, 8);
      int nn = nearest (pl, s, seed, pl->buf);

      for (int i = 0; i < nn && i < q; i++)
        out[n++] = pl->buf[i];
    }
  else if (kind < 7)
    {
      /* One or two whole runs. */
      int runs = 1 + rnd_below (pl, 2);

      for (int i = 0; i < runs && seed >= 0; i++, seed = served_trip (pl, s))
        {
          int id = s->trip_run[seed];

          for (int j = 0; j < s->runs[id].n; j++)
            out[n++] = STOPS (pl, s, id)[j];
          /* Taken off below, so that a second pick sees them served. */
          for (int j = n - s->runs[id].n; j < n; j++)
            remove_trip (pl, s, out[j]);
        }
      return n;
    }
  else
    {
      /* A vehicle's whole day: can the others do without it? */
      guint v = s->runs[s->trip_run[seed]].vehicle;

      for (int k = 0; k < s->len[v]; k++)
        {
          int id = SEQ (pl, s, v)[k];

          for (int j = 0; j < s->runs[id].n; j++)
            out[n++] = STOPS (pl, s, id)[j];
        }
    }
  for (int i = 0; i < n; i++)
    remove_trip (pl, s, out[i]);
  return n;
}

static gboolean
out_of_time (Plan *pl)
{
  return pl->deadline != 0 && g_get_monotonic_time () > pl->deadline;
}

static int
unserved_trips (Plan  *pl,
                State *s,
                int   *out)
{
  int n = 0;

  for (guint t = 0; t < pl->trips->len; t++)
    if (s->trip_run[t] < 0)
      out[n++] = t;
  return n;
}

/* Riders left over push related riders (of their wave, or a run at about
 * their time) out of the plan, and all are inserted again; a round is kept
 * when no more riders are left over.  Stops at goal or after budget rounds;
 * returns how many are left over. */
static int
squeeze (Plan *pl,
         int  *list,
         int   goal,
         int   budget)
{
  State *cur = &pl->cur;
  int left = cur->n_unserved, n;

  for (int round = 0; round < budget && left > goal; round++)
    {
      int seed, q;

      pl->iterations++;
      state_copy (pl, &pl->trial, cur);
      /* Push out riders near a leftover one (in its wave), or a run of
       * another vehicle at about its time, to free room or time. */
      n = unserved_trips (pl, cur, list);
      seed = list[rnd_below (pl, n)];
      if (rnd_below (pl, 2) == 0)
        {
          int *near = pl->buf;
          int nn = nearest (pl, cur, seed, near);

          q = 1 + rnd_below (pl, 6);
          for (int i = 0; i < nn && i < q; i++)
            list[n++] = near[i];
          for (int i = 0; i < nn && i < q; i++)
            remove_trip (pl, cur, near[i]);
        }
      else
        {
          const Wave *w = WAVE (pl, TRIP (pl, seed)->wave);
          int chosen = -1, seen = 0;

          /* A run whose window meets the leftover's, chosen at random. */
          for (guint v = 0; v < pl->nv; v++)
            for (int k = 0; k < cur->len[v]; k++)
              {
                int id = SEQ (pl, cur, v)[k];
                const Run *r = &cur->runs[id];

                if (r->hi + 30 < w->lo || r->lo - 30 > w->hi)
                  continue;
                if (rnd_below (pl, ++seen) == 0)
                  chosen = id;
              }
          if (chosen >= 0)
            while (cur->runs[chosen].vehicle >= 0)
              {
                int t = STOPS (pl, cur, chosen)[0];

                list[n++] = t;
                remove_trip (pl, cur, t);
              }
        }
      repair (pl, cur);
      if (rnd_below (pl, 2) == 0)
        shuffle (pl, list, n);
      else
        sort_by_difficulty (pl, list, n, 40);
      recreate (pl, cur, list, n, 0.2);
      if (cur->n_unserved <= left)
        left = cur->n_unserved;
      else
        state_copy (pl, cur, &pl->trial);
    }
  return left;
}

/* Tries to do without one vehicle: its riders go elsewhere, and riders
 * who find no room push related riders of other vehicles out until all
 * fit (or the budget is spent), without opening a vehicle.  Fewer
 * vehicles always lower the objective; on success the result is the
 * current plan.  Returns whether it succeeded; exhausted when every
 * vehicle was tried since the plan last got better. */
static gboolean
eliminate_vehicle (Plan     *pl,
                   int      *list,
                   gboolean *exhausted)
{
  State *cur = &pl->cur;
  g_autofree gboolean *forbid = g_new0 (gboolean, pl->nv + 1);
  int before = cur->n_unserved;
  int victim = -1, fewest = G_MAXINT, n, left;
  guint used = 0;

  for (guint v = 0; v < pl->nv; v++)
    if (cur->len[v] > 0)
      {
        int riders = 0;

        used++;
        if (pl->failed[v])
          continue;
        for (int k = 0; k < cur->len[v]; k++)
          riders += cur->runs[SEQ (pl, cur, v)[k]].n;
        /* The emptiest that was not tried since the plan last got better. */
        if (riders < fewest)
          {
            fewest = riders;
            victim = v;
          }
      }
  if (used < 2 || victim < 0)
    {
      /* All tried: try them all again, later. */
      memset (pl->failed, 0, sizeof (gboolean) * pl->nv);
      *exhausted = TRUE;
      return FALSE;
    }
  pl->failed[victim] = TRUE;

  state_copy (pl, &pl->saved, cur);
  forbid[victim] = TRUE;
  pl->forbid = forbid;
  pl->no_new = TRUE;
  n = 0;
  while (cur->len[victim] > 0)
    {
      int id = SEQ (pl, cur, victim)[0];

      while (cur->runs[id].vehicle >= 0)
        {
          list[n++] = STOPS (pl, cur, id)[0];
          remove_trip (pl, cur, STOPS (pl, cur, id)[0]);
        }
    }
  sort_by_difficulty (pl, list, n, 0);
  recreate (pl, cur, list, n, 0);
  left = cur->n_unserved;

  left = squeeze (pl, list, before, 50 + 4 * fewest);
  pl->forbid = NULL;
  pl->no_new = FALSE;

  if (left > before)
    {
      state_copy (pl, cur, &pl->saved);
      for (guint v = 0; v < pl->nv; v++)
        pl->touched[v] = FALSE;
      return FALSE;
    }
  pl->cur_cost = total_cost (pl, cur);
  return TRUE;
}

/* Greedy start, then ruin and recreate until the limit. */
static void
search (Plan *pl)
{
  State *cur = &pl->cur;
  guint nt = pl->trips->len;
  g_autofree int *list = g_new (int, nt + 1);
  guint64 patience = MAX ((guint64) 2000, (guint64) pl->opt->iterations_per_stop * nt);
  guint64 last_gain = 0, next_elimination = 10, every = 10;
  int n = 0;

  if (cur->n_unserved == (int) nt && pl->opt->core_start)
    core_start (pl, cur);
  for (guint t = 0; t < nt; t++)
    if (cur->trip_run[t] < 0)
      list[n++] = t;
  sort_by_difficulty (pl, list, n, 0);
  recreate (pl, cur, list, n, 0);
  pl->cur_cost = total_cost (pl, cur);
  state_copy (pl, &pl->best, cur);
  pl->best_cost = pl->cur_cost;

  for (guint64 round = 1; nt > 0; round++)
    {
      double cost;

      if (g_cancellable_is_cancelled (pl->cancellable))
        {
          pl->cancelled = TRUE;
          break;
        }
      if ((round & 7) == 0 && out_of_time (pl))
        break;
      if (!pl->opt->use_all_time && pl->iterations - last_gain > patience)
        break;
      pl->iterations++;

      /* Now and then: try a plan with one vehicle less; less often while
       * that fails. */
      if (round >= next_elimination && cur->n_unserved > 0)
        {
          /* Riders left over: push others out to make room for them. */
          int before = cur->n_unserved;

          state_copy (pl, &pl->saved, cur);
          if (squeeze (pl, list, 0, 50 + 10 * before) < before)
            {
              every = 10;
              pl->cur_cost = total_cost (pl, cur);
              if (pl->cur_cost < pl->best_cost - 1e-6)
                {
                  state_copy (pl, &pl->best, cur);
                  pl->best_cost = pl->cur_cost;
                  last_gain = pl->iterations;
                }
            }
          else
            {
              state_copy (pl, cur, &pl->saved);
              for (guint v = 0; v < pl->nv; v++)
                pl->touched[v] = FALSE;
              every = MIN (every * 2, 640);
            }
          next_elimination = round + every;
          continue;
        }
      if (round >= next_elimination)
        {
          gboolean exhausted = FALSE;

          if (eliminate_vehicle (pl, list, &exhausted))
            {
              every = 10;
              memset (pl->failed, 0, sizeof (gboolean) * pl->nv);
              if (pl->cur_cost < pl->best_cost - 1e-6)
                {
                  state_copy (pl, &pl->best, cur);
                  pl->best_cost = pl->cur_cost;
                  last_gain = pl->iterations;
                }
            }
          else if (exhausted)
            every = MIN (every * 2, 640);
          next_elimination = round + every;
          continue;
        }

      state_copy (pl, &pl->saved, cur);
      n = ruin (pl, cur, list);
      repair (pl, cur);
      for (guint t = 0; t < nt; t++)
        if (cur->trip_run[t] < 0)
          {
            gboolean listed = FALSE;

            for (int i = 0; i < n && !listed; i++)
              listed = list[i] == (int) t;
            if (!listed)
              list[n++] = t;
          }
      if (rnd_below (pl, 2) == 0)
        shuffle (pl, list, n);
      else
        sort_by_difficulty (pl, list, n, 40);
      recreate (pl, cur, list, n, rnd_below (pl, 2) == 0 ? 0.0 : 0.3);
      cost = total_cost (pl, cur);

      if (cost <= pl->cur_cost + 1e-6)
        {
          pl->cur_cost = cost;
          if (cost < pl->best_cost - 1e-6)
            {
              state_copy (pl, &pl->best, cur);
              pl->best_cost = cost;
              last_gain = pl->iterations;
            }
        }
      else
        state_copy (pl, cur, &pl->saved);
    }
}

/* Why trip t found no place: its bounds, the vehicles' hours, or all busy
 * (then u gets the window and how many vehicles have room for it). */
static DagTransportReason
why_unserved (Plan                 *pl,
              int                   t,
              DagTransportUnserved *u)
{
  const Trip *tr = TRIP (pl, t);
  Run single;
  Run *one = &single;
  int n_fitting = 0, n_free = 0;

  if (!measure (pl, tr->wave, &t, 1, &single, pl->buf_rel))
    return DAG_TRANSPORT_REASON_NO_TIME_BETWEEN;
  for (guint v = 0; v < pl->nv; v++)
    if (fits (DAG_AT (pl->org->vehicles, DagVehicle, v), &single))
      {
        n_fitting++;
        if (forward (pl, v, &one, 1, NULL))
          n_free++;
      }
  if (n_free == 0)
    return DAG_TRANSPORT_REASON_VEHICLE_HOURS;
  u->n_fitting = n_fitting;
  u->window_from = is_to (pl, &single) ? single.lo - single.duration : single.lo;
  u->window_to = is_to (pl, &single) ? single.hi : single.hi + single.duration;
  return DAG_TRANSPORT_REASON_NO_VEHICLE_FREE;
}

/* ---- drivers ------------------------------------------------------------ */

typedef struct {
  int start, end;            /* minutes */
  int first, last;           /* travel places */
} Busy;

typedef struct {
  Plan    *pl;
  GArray **works;            /* per staff: of Busy, the group slots of the date */
} WorksData;

static gboolean
note_work (const DagStaffSession *s,
           gpointer               user_data)
{
  WorksData *wd = user_data;
  const DagOrg *org = wd->pl->org;
  const DagLocation *loc;
  Busy b;

  if (s->state != DAG_SESSION_ON || s->staff < 0 || (guint) s->staff >= org->staff->len || s->group < 0)
    return TRUE;
  loc = DAG_AT (org->locations, DagLocation, DAG_AT (org->groups, DagGroup, s->group)->location);
  if (!loc->has_part[s->part])
    return TRUE;
  b.start = loc->part_start[s->part];
  b.end = loc->part_end[s->part];
  b.first = b.last = dag_travel_place_location (wd->pl->travel,
                                                DAG_AT (org->groups, DagGroup, s->group)->location);
  if (wd->works[s->staff] == NULL)
    wd->works[s->staff] = g_array_new (FALSE, FALSE, sizeof (Busy));
  g_array_append_val (wd->works[s->staff], b);
  return TRUE;
}

/* Whether interval x can be done by someone busy with b: with time to get
 * from the one to the other. */
static gboolean
apart (Plan       *pl,
       const Busy *x,
       const Busy *b)
{
  return x->end + leg (pl, x->last, b->first, NULL) <= b->start
         || b->end + leg (pl, b->last, x->first, NULL) <= x->start;
}

static gboolean
free_for (Plan       *pl,
          GArray     *busy,
          const Busy *x)
{
  for (guint i = 0; busy != NULL && i < busy->len; i++)
    if (!apart (pl, x, &g_array_index (busy, Busy, i)))
      return FALSE;
  return TRUE;
}

static void
run_busy (Plan      *pl,
          const Run *r,
          const int *stops,
          Busy      *b)
{
  b->start = is_to (pl, r) ? r->time - r->duration : r->time;
  b->end = is_to (pl, r) ? r->time : r->time + r->duration;
  b->first = r->first_place;
  b->last = r->last_place;
}

/* The driver of every run of state s (by run id): the vehicle's previous
 * driver while they can, else the staff driver who fits best, else -1. */
static void
assign_drivers (Plan  *pl,
                State *s,
                int   *driver_of)
{
  const DagOrg *org = pl->org;
  int day = dag_date_weekday (pl->date);
  guint ns = org->staff->len;
  g_autofree GArray **works = g_new0 (GArray *, ns + 1);
  g_autofree GArray **drives = g_new0 (GArray *, ns + 1);
  g_autofree int *works_at = g_new (int, ns + 1);

  for (guint i = 0; i < MAX (pl->trips->len, 1); i++)
    driver_of[i] = -1;
  if (day >= DAG_N_DAYS)
    return;
  if (!pl->opt->standing)
    {
      g_autoptr(DagSchedule) schedule = dag_schedule_new (org);
      WorksData wd = { pl, works };

      dag_schedule_foreach_staff (schedule, pl->date, pl->date, note_work, &wd);
    }
  for (guint st = 0; st < ns; st++)
    works_at[st] = works[st] != NULL ? g_array_index (works[st], Busy, 0).first : -1;

  for (guint v = 0; v < pl->nv; v++)
    {
      int prev = -1;

      for (int k = 0; k < s->len[v]; k++)
        {
          int id = SEQ (pl, s, v)[k];
          const Run *r = &s->runs[id];
          const Wave *w = WAVE (pl, r->wave);
          DagSlotMask need = DAG_SLOT_BIT (DAG_SLOT (day, w->part));
          int best = -1, best_score = 0;
          Busy x;

          run_busy (pl, r, STOPS (pl, s, id), &x);
          for (guint st = 0; st < ns; st++)
            {
              const DagStaff *staff = DAG_AT (org->staff, DagStaff, st);
              int score;

              if (!staff->driver || (staff->available & need) == 0
                  || !free_for (pl, works[st], &x) || !free_for (pl, drives[st], &x))
                continue;
              /* Keep the vehicle's driver; else someone working at the
               * run's location, then someone not working that day. */
              score = (int) st == prev ? 0 : works_at[st] == w->at ? 1 : works_at[st] < 0 ? 2 : 3;
              if (best < 0 || score < best_score)
                {
                  best = st;
                  best_score = score;
                }
            }
          if (best >= 0)
            {
              if (drives[best] == NULL)
                drives[best] = g_array_new (FALSE, FALSE, sizeof (Busy));
              g_array_append_val (drives[best], x);
            }
          driver_of[id] = best;
          prev = best;
        }
    }
  for (guint st = 0; st < ns; st++)
    {
      if (works[st] != NULL)
        g_array_unref (works[st]);
      if (drives[st] != NULL)
        g_array_unref (drives[st]);
    }
}

/* ---- the result --------------------------------------------------------- */

typedef struct {
  Plan  *pl;
  State *s;
} FinalData;

static int
cmp_final (gconstpointer a,
           gconstpointer b,
           gpointer      user_data)
{
  FinalData *fd = user_data;
  Plan *pl = fd->pl;
  int ia = *(const int *) a, ib = *(const int *) b;
  const Run *ra = &fd->s->runs[ia], *rb = &fd->s->runs[ib];
  const Wave *wa = WAVE (pl, ra->wave), *wb = WAVE (pl, rb->wave);
  int sa = is_to (pl, ra) ? ra->time - ra->duration : ra->time;
  int sb = is_to (pl, rb) ? rb->time - rb->duration : rb->time;

  if (wa->location != wb->location)
    return wa->location < wb->location ? -1 : 1;
  if (wa->direction != wb->direction)
    return wa->direction == DAG_DIRECTION_TO ? -1 : 1;
  if (sa != sb)
    return sa < sb ? -1 : 1;
  if (ra->vehicle != rb->vehicle)
    return ra->vehicle < rb->vehicle ? -1 : 1;
  return TRIP (pl, STOPS (pl, fd->s, ia)[0])->participant - TRIP (pl, STOPS (pl, fd->s, ib)[0])->participant;
}

/* Adds a leg to the result's totals. */
static void
count_leg (Plan               *pl,
           DagTransportResult *res,
           int                 from,
           int                 to,
           gboolean            empty)
{
  double km = 0;
  gboolean imported = FALSE;

  if (from == to)
    return;
  dag_transport_leg_minutes (pl->travel, from, to, &km, &imported);
  res->km += km;
  if (empty)
    res->empty_km += km;
  if (imported)
    res->n_legs_imported++;
  else
    res->n_legs_estimated++;
}

/* Counts vehicle v's legs of the day as vehicle_eval() drove them. */
static void
count_vehicle (Plan               *pl,
               State              *s,
               guint               v,
               DagTransportResult *res)
{
  int place = pl->home[v];
  int free_at = LOW;

  for (int k = 0; k < s->len[v]; k++)
    {
      int id = SEQ (pl, s, v)[k];
      const Run *r = &s->runs[id];
      const int *stops = STOPS (pl, s, id);
      int start = is_to (pl, r) ? r->time - r->duration : r->time;
      int prev;

      if (free_at != LOW && start - free_at >= GAP_VIA_HOME + leg (pl, place, pl->home[v], NULL))
        {
          count_leg (pl, res, place, pl->home[v], TRUE);
          place = pl->home[v];
        }
      count_leg (pl, res, place, r->first_place, TRUE);
      prev = is_to (pl, r) ? -1 : r->first_place;
      for (int i = 0; i < r->n; i++)
        {
          int p = TRIP (pl, stops[i])->place;

          if (prev >= 0)
            count_leg (pl, res, prev, p, FALSE);
          prev = p;
        }
      if (is_to (pl, r))
        count_leg (pl, res, prev, r->last_place, FALSE);
      place = r->last_place;
      free_at = is_to (pl, r) ? r->time : r->time + r->duration;
    }
  if (s->len[v] > 0)
    count_leg (pl, res, place, pl->home[v], TRUE);
}

static void
build_result (Plan               *pl,
              DagTransportResult *res)
{
  const DagOrg *org = pl->org;
  State *s = &pl->best;
  g_autofree int *driver_of = g_new (int, MAX (pl->trips->len, 1));
  g_autoptr(GArray) done = g_array_new (FALSE, FALSE, sizeof (int));
  FinalData fd = { pl, s };
  char date[DAG_DATE_BUF];
  int counter_loc = -1, counter_dir = -1, counter = 0;

  dag_date_format (pl->date, date);
  for (guint v = 0; v < pl->nv; v++)
    {
      pl->touched[v] = TRUE;
      if (s->len[v] == 0)
        continue;
      res->n_vehicles++;
      for (int k = 0; k < s->len[v]; k++)
        {
          int id = SEQ (pl, s, v)[k];

          g_array_append_val (done, id);
          for (int j = 0; j < k; j++)
            if (s->runs[SEQ (pl, s, v)[j]].wave == s->runs[id].wave)
              {
                res->n_rounds++;
                break;
              }
        }
    }
  total_cost (pl, s);    /* places every run in time */
  for (guint v = 0; v < pl->nv; v++)
    {
      const DagVehicle *veh = DAG_AT (org->vehicles, DagVehicle, v);

      count_vehicle (pl, s, v, res);
      res->cost_cents += (gint64) llround (s->vkm[v] * MAX (veh->cost_per_km_cents, 0));
    }
  assign_drivers (pl, s, driver_of);

  g_array_sort_with_data (done, cmp_final, &fd);
  for (guint i = 0; i < done->len; i++)
    {
      int id = g_array_index (done, int, i);
      const Run *r = &s->runs[id];
      const int *stops = STOPS (pl, s, id), *rel = REL (pl, s, id);
      const Wave *w = WAVE (pl, r->wave);
      const DagLocation *loc = DAG_AT (org->locations, DagLocation, w->location);
      DagRun run = { 0 };

      if (w->location != counter_loc || (int) w->direction != counter_dir)
        {
          counter_loc = w->location;
          counter_dir = w->direction;
          counter = 0;
        }
      run.id = g_strdup_printf ("R-%s-%s-%s-%d", date, loc->id,
                                w->direction == DAG_DIRECTION_TO ? "to" : "from", ++counter);
      run.date = pl->date;
      run.vehicle = r->vehicle;
      run.driver = driver_of[id];
      run.location = w->location;
      run.direction = w->direction;
      run.time = r->time;
      run.stops = g_array_sized_new (FALSE, FALSE, sizeof (DagStop), r->n);
      for (int j = 0; j < r->n; j++)
        {
          const Trip *tr = TRIP (pl, stops[j]);
          DagStop stop;
          int ride;

          stop.participant = tr->participant;
          stop.time = is_to (pl, r) ? r->time - r->duration + rel[j] : r->time + rel[j];
          ride = is_to (pl, r) ? r->time - stop.time : stop.time + tr->board - r->time;
          g_array_append_val (run.stops, stop);
          res->total_ride += ride;
          res->max_ride = MAX (res->max_ride, ride);
          if (tr->old_time >= 0)
            {
              if (ABS (stop.time - tr->old_time) > STABLE_MINUTES)
                res->n_times_changed++;
              else
                res->n_times_kept++;
            }
        }
      if (run.driver < 0)
        res->n_external_drivers++;
      if ((w->part == DAG_PART_AM && w->direction == DAG_DIRECTION_FROM)
          || (w->part == DAG_PART_PM && w->direction == DAG_DIRECTION_TO))
        res->n_midday_runs++;
      g_array_append_val (res->runs, run);
      g_array_append_val (res->run_km, r->km);
    }

  for (guint t = 0; t < pl->trips->len; t++)
    {
      const Trip *tr = TRIP (pl, t);
      const Wave *w = WAVE (pl, tr->wave);

      if (s->trip_run[t] >= 0)
        continue;
      if (tr->old_time >= 0)
        res->n_times_changed++;
      {
        DagTransportUnserved u = { tr->participant, w->location, w->part, w->direction,
                                   DAG_TRANSPORT_REASON_NO_VEHICLE_FREE, 0, 0, tr->other, 0, 0, 0 };

        u.reason = why_unserved (pl, t, &u);
        g_array_append_val (res->unserved, u);
      }
    }
  /* Warnings only for riders who ride. */
  for (guint i = res->warnings->len; i-- > 0;)
    {
      const DagTransportUnserved *u = DAG_AT (res->warnings, DagTransportUnserved, i);

      for (guint j = 0; j < res->unserved->len; j++)
        {
          const DagTransportUnserved *x = DAG_AT (res->unserved, DagTransportUnserved, j);

          if (x->participant == u->participant && x->location == u->location
              && x->part == u->part && x->direction == u->direction)
            {
              g_array_remove_index (res->warnings, i);
              break;
            }
        }
    }
}

static int
cmp_unserved (gconstpointer a,
              gconstpointer b)
{
  const DagTransportUnserved *ua = a, *ub = b;

  if (ua->participant != ub->participant)
    return ua->participant < ub->participant ? -1 : 1;
  if (ua->part != ub->part)
    return ua->part < ub->part ? -1 : 1;
  return (int) ua->direction - (int) ub->direction;
}

DagTransportResult *
dag_transport_plan (DagOrg                    *org,
                    const DagTravel           *travel,
                    DagDate                    date,
                    const DagTransportOptions *options,
                    GCancellable              *cancellable,
                    GError                   **error)
{
  g_autoptr(DagTransportResult) res = NULL;
  DagTransportOptions defaults;
  Plan pl = { 0 };
  gint64 t0 = g_get_monotonic_time ();
  guint nt;

  g_return_val_if_fail (org != NULL && travel != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);

  if (options == NULL)
    {
      dag_transport_options_init (&defaults);
      options = &defaults;
    }
  if (date == DAG_DATE_NONE)
    {
      g_set_error_literal (error, DAG_TRANSPORT_ERROR, DAG_TRANSPORT_ERROR_INVALID,
                           _("No date was given for the transport runs"));
      return NULL;
    }

  res = g_new0 (DagTransportResult, 1);
  res->date = date;
  res->runs = g_array_new (FALSE, TRUE, sizeof (DagRun));
  g_array_set_clear_func (res->runs, clear_run);
  res->run_km = g_array_new (FALSE, TRUE, sizeof (double));
  res->unserved = g_array_new (FALSE, TRUE, sizeof (DagTransportUnserved));
  res->warnings = g_array_new (FALSE, TRUE, sizeof (DagTransportUnserved));

  pl.org = org;
  pl.travel = travel;
  pl.date = date;
  pl.opt = options;
  pl.cancellable = cancellable;
  pl.deadline = options->time_limit > 0 ? t0 + (gint64) (options->time_limit * G_USEC_PER_SEC) : 0;
  pl.early = MAX (0, org->settings.early_arrival_minutes);
  pl.nv = org->vehicles->len;
  pl.rng = options->seed != 0 ? options->seed : 0x9e3779b9u;
  pl.waves = g_array_new (FALSE, TRUE, sizeof (Wave));
  pl.trips = g_array_new (FALSE, TRUE, sizeof (Trip));
  pl.unserved = res->unserved;
  pl.warnings = res->warnings;
  pl.legs = g_new (LegCache, 1u << LEG_CACHE_BITS);
  for (guint i = 0; i < 1u << LEG_CACHE_BITS; i++)
    pl.legs[i].from = -1;
  pl.home = g_new (int, pl.nv + 1);
  pl.price = g_new (double, pl.nv + 1);
  pl.cap = 1;
  pl.class_of = g_new (int, pl.nv + 1);
  pl.class_tried = g_new0 (guint, pl.nv + 1);
  pl.failed = g_new0 (gboolean, pl.nv + 1);
  for (guint v = 0; v < pl.nv; v++)
    {
      const DagVehicle *veh = DAG_AT (org->vehicles, DagVehicle, v);

      pl.class_of[v] = v;
      for (guint u = 0; u < v; u++)
        {
          const DagVehicle *x = DAG_AT (org->vehicles, DagVehicle, u);

          if (x->location == veh->location && x->seats == veh->seats
              && x->wheelchair_places == veh->wheelchair_places
              && x->cost_per_km_cents == veh->cost_per_km_cents
              && x->available_from == veh->available_from && x->available_until == veh->available_until)
            {
              pl.class_of[v] = pl.class_of[u];
              break;
            }
        }

      pl.home[v] = dag_travel_place_location (travel, veh->location);
      pl.price[v] = MAX (veh->cost_per_km_cents, 0) + 0.01;
      pl.cap = MAX (pl.cap, MAX (veh->seats, 0) + MAX (veh->wheelchair_places, 0));
    }

  res->n_requests = collect_trips (&pl);
  nt = pl.trips->len;
  pl.max_rounds = MAX (1, MIN ((int) nt, MAX_ROUNDS));
  for (guint wi = 0; wi < pl.waves->len; wi++)
    wave_matrices (&pl, WAVE (&pl, wi));
  pl.list = g_new (Run *, pl.max_rounds + 2);
  pl.early_at = g_new (int, pl.max_rounds + 2);
  pl.late_at = g_new (int, pl.max_rounds + 2);
  pl.buf = g_new (int, nt + pl.cap + 2);
  pl.buf_rel = g_new (int, pl.cap + 2);
  pl.order = g_new (int, pl.cap + 2);
  pl.touched = g_new0 (gboolean, pl.nv + 1);
  state_init (&pl, &pl.cur);
  state_init (&pl, &pl.best);
  state_init (&pl, &pl.saved);
  state_init (&pl, &pl.trial);

  if (options->keep_times && !options->standing)
    warm_start (&pl, &pl.cur);
  search (&pl);
  if (!pl.cancelled)
    {
      build_result (&pl, res);
      g_array_sort (res->unserved, cmp_unserved);
    }

  for (guint wi = 0; wi < pl.waves->len; wi++)
    {
      Wave *w = WAVE (&pl, wi);

      g_array_unref (w->trips);
      g_free (w->minutes);
      g_free (w->km);
    }
  g_array_unref (pl.waves);
  g_array_unref (pl.trips);
  state_clear (&pl.cur);
  state_clear (&pl.best);
  state_clear (&pl.saved);
  state_clear (&pl.trial);
  g_free (pl.legs);
  g_free (pl.class_of);
  g_free (pl.class_tried);
  g_free (pl.failed);
  g_free (pl.home);
  g_free (pl.price);
  g_free (pl.list);
  g_free (pl.early_at);
  g_free (pl.late_at);
  g_free (pl.buf);
  g_free (pl.buf_rel);
  g_free (pl.order);
  g_free (pl.touched);

  if (pl.cancelled)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                           _("Planning the transport runs was cancelled"));
      return NULL;
    }
  res->iterations = pl.iterations;
  res->n_midday_trips = pl.n_midday_trips;
  res->seconds = (g_get_monotonic_time () - t0) / (double) G_USEC_PER_SEC;
  g_debug ("Transport: %u trips, %" G_GUINT64_FORMAT " rounds of search in %.2f s",
           nt, pl.iterations, res->seconds);
  return g_steal_pointer (&res);
}

/* ---- in a thread -------------------------------------------------------- */

typedef struct {
  DagOrg              *org;
  const DagTravel     *travel;
  DagDate              date;
  DagTransportOptions  options;
} TaskData;

static void
plan_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  TaskData *d = task_data;
  GError *error = NULL;
  DagTransportResult *res;

  res = dag_transport_plan (d->org, d->travel, d->date, &d->options, cancellable, &error);
  if (res == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, res, (GDestroyNotify) dag_transport_result_free);
}

void
dag_transport_plan_async (DagOrg                    *org,
                          const DagTravel           *travel,
                          DagDate                    date,
                          const DagTransportOptions *options,
                          GCancellable              *cancellable,
                          GAsyncReadyCallback        callback,
                          gpointer                   user_data)
{
  g_autoptr(GTask) task = NULL;
  TaskData *d;

  g_return_if_fail (org != NULL && travel != NULL);

  /* dag_org_lookup() builds its index lazily: do it here, not in the thread. */
  if (org->locations->len > 0)
    dag_org_lookup (org, DAG_KIND_LOCATION, DAG_AT (org->locations, DagLocation, 0)->id);

  d = g_new0 (TaskData, 1);
  d->org = org;
  d->travel = travel;
  d->date = date;
  if (options != NULL)
    d->options = *options;
  else
    dag_transport_options_init (&d->options);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, dag_transport_plan_async);
  g_task_set_task_data (task, d, g_free);
  g_task_run_in_thread (task, plan_thread);
}

DagTransportResult *
dag_transport_plan_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- applying ----------------------------------------------------------- */

void
dag_transport_apply (DagOrg                   *org,
                     const DagTransportResult *result)
{
  g_return_if_fail (org != NULL && result != NULL);

  for (guint i = org->runs->len; i-- > 0;)
    if (DAG_AT (org->runs, DagRun, i)->date == result->date)
      g_array_remove_index (org->runs, i);
  for (guint i = 0; i < result->runs->len; i++)
    {
      const DagRun *src = DAG_AT (result->runs, DagRun, i);
      DagRun *dst = dag_org_add_run (org);

      g_free (dst->id);
      dst->id = g_strdup (src->id);
      dst->date = src->date;
      dst->vehicle = src->vehicle;
      dst->driver = src->driver;
      dst->location = src->location;
      dst->direction = src->direction;
      dst->time = src->time;
      g_array_set_size (dst->stops, 0);
      g_array_append_vals (dst->stops, src->stops->data, src->stops->len);
    }
  dag_org_invalidate_index (org);
}
