/* dag-transport.c — plans a day's transport runs: who needs a ride (from the
 * schedule), one VRPTW per location, dagdeel and direction solved by the
 * core, runs chained onto a heterogeneous, shared fleet (greedy in several
 * variants, then vehicle elimination and run relocation), drivers assigned.
 * The checker of stored runs is apart, in dag-transport-check.c.
 *
 * - Participants with transport "bus" but no valid VERVOER indication that
 *   day travel on their own (DOMAIN.md) and are listed with that reason.
 * - Runs the core builds for the biggest vehicle are split (re-solved with
 *   the room of a vehicle that is free) when no free vehicle can take them.
 * - Deterministic: the budget is in core iterations; the time limit only
 *   stops the search early as a safety net.
 *
 * Decisions (see also the report of issue 5):
 * - Travel minutes of every leg are rounded up to whole minutes (this also
 *   covers boarding), so that stored times are exact and checkable.
 * - A participant attending morning and afternoon at the same location gets
 *   a morning run there and an afternoon run home; one attending a single
 *   dagdeel gets a midday run (home after the morning, or to the afternoon);
 *   different locations in the morning and afternoon are two separate
 *   blocks (no run from location to location).
 * - Arrival lies in [start − early_arrival, start]; a run home leaves in
 *   [end, end + early_arrival] (the same allowance after the dagdeel).
 * - Any vehicle may serve any location; a vehicle may drive several runs
 *   when times allow.  Drivers: a staff member with driver = true, available
 *   in the dagdelen of the runs, drives one vehicle for the day (so never two
 *   places at once); runs without one get an external driver (-1). */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "dag-schedule.h"
#include "dag-transport.h"
#include "dag-vrptw.h"

G_DEFINE_QUARK (dag-transport-error-quark, dag_transport_error)

#define NO_TIME G_MININT
#define HORIZON 100000.0   /* minutes; time windows are open within a day */
#define GAP_VIA_HOME 60    /* an idle vehicle goes home when it waits this long */
#define N_VARIANTS 6       /* assignment variants tried: 3 vehicle choices × 2 orders */

enum { DIM_SEATS, DIM_CHAIRS, DIM_PERSONS, N_DIMS };

/* Whole minutes of a leg, rounded up, and its km. */
static int
leg_minutes (const DagTravel *travel,
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
    default:
      return _("unknown reason");
    }
}

void
dag_transport_options_init (DagTransportOptions *options)
{
  g_return_if_fail (options != NULL);
  memset (options, 0, sizeof *options);
  options->time_limit = 10.0;
  options->iterations_per_stop = 200;
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
  g_free (result);
}

/* ---- the planner -------------------------------------------------------- */

typedef struct {
  int          location;
  int          part;
  DagDirection direction;
  int          target;       /* to: start of the dagdeel; from: its end */
  GArray      *participants; /* of int */
} Wave;

typedef struct {
  int     wave;
  GArray *stops;           /* of int participant, in driving order */
  int     duration;        /* to: first pick-up → arrival; from: departure → last drop-off */
  int     load[N_DIMS];
  double  km;
  int     first_place;     /* where the vehicle must be when the run starts */
  int     last_place;      /* where it is when the run ends */
  int     vehicle;
  int     time;            /* to: arrival; from: departure */
  int     key;             /* the order of assignment: earliest start, perhaps with noise */
  int     key_early;       /* earliest start */
} PRun;

typedef struct {
  int      free_at;        /* NO_TIME before its first run */
  int      place;
  gboolean used;
  GPtrArray *runs;         /* of PRun *, in time order */
} VehState;

typedef struct {
  DagOrg                    *org;
  const DagTravel           *travel;
  DagDate                    date;
  const DagTransportOptions *opt;
  GCancellable              *cancellable;
  gint64                     deadline;      /* monotonic µs, 0 = none */
  int                        early;
  int                        max_ride;
  int                        max_seats;
  int                        max_chairs;
  GArray                    *waves;         /* of Wave */
  GPtrArray                 *queue;         /* of PRun *, by key */
  GPtrArray                 *all_runs;      /* owns every PRun */
  GArray                    *unserved;
  VehState                  *veh;
  guint64                    iterations;
  guint                      n_midday_trips;
  guint                      jitter;        /* variant: seed of the order's noise, 0 = none */
  int                        choice;        /* variant: how a used vehicle is picked */
  guint32                    seed;
  gboolean                   cancelled;
} Plan;

static void
prun_free (gpointer p)
{
  PRun *r = p;

  g_array_unref (r->stops);
  g_free (r);
}

static void
add_unserved (Plan              *pl,
              int                participant,
              int                location,
              int                part,
              DagDirection       direction,
              DagTransportReason reason)
{
  DagTransportUnserved u = { participant, location, part, direction, reason };

  g_array_append_val (pl->unserved, u);
}

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
  w.target = direction == DAG_DIRECTION_TO ? loc->part_start[part] : loc->part_end[part];
  w.participants = g_array_new (FALSE, FALSE, sizeof (int));
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

/* Adds one trip: to the wave, or to the unserved list with its reason. */
static void
add_trip (Plan        *pl,
          gboolean     indicated,
          int          participant,
          int          location,
          int          part,
          DagDirection direction)
{
  const DagParticipant *pa = DAG_AT (pl->org->participants, DagParticipant, participant);
  const DagLocation *loc = DAG_AT (pl->org->locations, DagLocation, location);
  int home = dag_travel_place_participant (pl->travel, participant);
  int at = dag_travel_place_location (pl->travel, location);
  int direct, wi;
  Wave *w;

  if ((part == DAG_PART_AM && direction == DAG_DIRECTION_FROM)
      || (part == DAG_PART_PM && direction == DAG_DIRECTION_TO))
    pl->n_midday_trips++;
  if (!indicated)
    {
      add_unserved (pl, participant, location, part, direction, DAG_TRANSPORT_REASON_NO_INDICATION);
      return;
    }
  if (!loc->has_part[part])
    {
      add_unserved (pl, participant, location, part, direction, DAG_TRANSPORT_REASON_NO_SLOT_TIMES);
      return;
    }
  if (!pa->has_coords)
    {
      add_unserved (pl, participant, location, part, direction, DAG_TRANSPORT_REASON_NO_COORDINATES);
      return;
    }
  direct = direction == DAG_DIRECTION_TO
           ? leg_minutes (pl->travel, home, at, NULL, NULL)
           : leg_minutes (pl->travel, at, home, NULL, NULL);
  if (direct > pl->max_ride)
    {
      add_unserved (pl, participant, location, part, direction, DAG_TRANSPORT_REASON_RIDE_TOO_LONG);
      return;
    }
  if (pa->wheelchair ? pl->max_chairs <= 0 : pl->max_seats <= 0)
    {
      add_unserved (pl, participant, location, part, direction,
                    pa->wheelchair ? DAG_TRANSPORT_REASON_NO_WHEELCHAIR_PLACE
                                   : DAG_TRANSPORT_REASON_NO_SEAT);
      return;
    }
  wi = wave_for (pl, location, part, direction);
  w = &g_array_index (pl->waves, Wave, wi);
  g_array_append_val (w->participants, participant);
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

      if (l[DAG_PART_AM] >= 0 && l[DAG_PART_AM] == l[DAG_PART_PM])
        {
          /* A whole day at one location: there in the morning, home after. */
          add_trip (pl, indicated[p], p, l[DAG_PART_AM], DAG_PART_AM, DAG_DIRECTION_TO);
          add_trip (pl, indicated[p], p, l[DAG_PART_PM], DAG_PART_PM, DAG_DIRECTION_FROM);
          n += 2;
          if (l[DAG_PART_EV] >= 0)
            {
              add_trip (pl, indicated[p], p, l[DAG_PART_EV], DAG_PART_EV, DAG_DIRECTION_TO);
              add_trip (pl, indicated[p], p, l[DAG_PART_EV], DAG_PART_EV, DAG_DIRECTION_FROM);
              n += 2;
            }
          continue;
        }
      for (int part = 0; part < DAG_N_PARTS; part++)
        if (l[part] >= 0)
          {
            add_trip (pl, indicated[p], p, l[part], part, DAG_DIRECTION_TO);
            add_trip (pl, indicated[p], p, l[part], part, DAG_DIRECTION_FROM);
            n += 2;
          }
    }
  return n;
}

static double
remaining_seconds (Plan *pl)
{
  if (pl->deadline == 0)
    return 0;
  return MAX (0.001, (pl->deadline - g_get_monotonic_time ()) / (double) G_USEC_PER_SEC);
}

/* Computes a run's duration, loads, km and end places from its stops. */
static void
prun_measure (Plan *pl,
              PRun *r)
{
  const Wave *w = &g_array_index (pl->waves, Wave, r->wave);
  int at = dag_travel_place_location (pl->travel, w->location);
  int prev;

  memset (r->load, 0, sizeof r->load);
  r->duration = 0;
  r->km = 0;
  prev = w->direction == DAG_DIRECTION_TO ? -1 : at;
  for (guint k = 0; k < r->stops->len; k++)
    {
      int p = g_array_index (r->stops, int, k);
      int place = dag_travel_place_participant (pl->travel, p);
      double km;

      if (DAG_AT (pl->org->participants, DagParticipant, p)->wheelchair)
        r->load[DIM_CHAIRS]++;
      else
        r->load[DIM_SEATS]++;
      r->load[DIM_PERSONS]++;
      if (prev >= 0)
        {
          r->duration += leg_minutes (pl->travel, prev, place, &km, NULL);
          r->km += km;
        }
      else
        r->first_place = place;
      prev = place;
    }
  if (w->direction == DAG_DIRECTION_TO)
    {
      double km;

      r->duration += leg_minutes (pl->travel, prev, at, &km, NULL);
      r->km += km;
      r->last_place = at;
      r->key_early = w->target - pl->early - r->duration;
    }
  else
    {
      r->first_place = at;
      r->last_place = prev;
      r->key_early = w->target;
    }
  r->key = r->key_early;
}

/* Solves one group of participants of a wave with the core under the given
 * capacity; appends the runs to out and the participants it could not
 * place to left.  Returns FALSE when cancelled. */
static gboolean
solve_group (Plan       *pl,
             int         wave,
             const int  *participants,
             guint       n,
             const int  *capacity,
             GPtrArray  *out,
             GArray     *left)
{
  const Wave *w = &g_array_index (pl->waves, Wave, wave);
  guint nn = n + 1;
  g_autofree int *place = g_new (int, nn);
  g_autofree double *time = g_new (double, (gsize) nn * nn);
  g_autofree double *dist = g_new (double, (gsize) nn * nn);
  g_autoptr(DagVrptwProblem) problem = NULL;
  g_autoptr(DagVrptwSolution) solution = NULL;
  g_autoptr(GError) error = NULL;
  DagVrptwOptions options;
  const guint *unassigned;
  guint n_unassigned;

  if (n == 0)
    return TRUE;

  place[0] = dag_travel_place_location (pl->travel, w->location);
  for (guint i = 0; i < n; i++)
    place[i + 1] = dag_travel_place_participant (pl->travel, participants[i]);
  for (guint i = 0; i < nn; i++)
    for (guint j = 0; j < nn; j++)
      {
        double km = 0;

        time[i * nn + j] = i == j ? 0 : leg_minutes (pl->travel, place[i], place[j], &km, NULL);
        dist[i * nn + j] = i == j ? 0 : km;
      }

  problem = dag_vrptw_problem_new (nn, N_DIMS);
  dag_vrptw_problem_set_matrices (problem, time, dist);
  dag_vrptw_problem_set_fleet (problem, 0, capacity);
  for (guint i = 0; i < nn; i++)
    dag_vrptw_problem_set_node (problem, i, 0, HORIZON, 0);
  for (guint i = 0; i < n; i++)
    {
      gboolean chair = DAG_AT (pl->org->participants, DagParticipant, participants[i])->wheelchair;

      dag_vrptw_problem_set_demand (problem, i + 1, DIM_SEATS, chair ? 0 : 1);
      dag_vrptw_problem_set_demand (problem, i + 1, DIM_CHAIRS, chair ? 1 : 0);
      dag_vrptw_problem_set_demand (problem, i + 1, DIM_PERSONS, 1);
    }
  dag_vrptw_problem_set_ride_limit (problem,
                                    w->direction == DAG_DIRECTION_TO ? DAG_VRPTW_RIDE_TO_DEPOT
                                                                     : DAG_VRPTW_RIDE_FROM_DEPOT,
                                    pl->max_ride);

  dag_vrptw_options_init (&options);
  options.seed = pl->seed + wave;
  options.max_iterations = MAX (1, (guint64) pl->opt->iterations_per_stop * n);
  options.time_limit = remaining_seconds (pl);
  if (n == 1)
    options.max_iterations = 1;

  solution = dag_vrptw_solve (problem, &options, pl->cancellable, &error);
  if (solution == NULL)
    {
      pl->cancelled = TRUE;
      return FALSE;
    }
  pl->iterations += dag_vrptw_solution_get_iterations (solution);

  for (guint ri = 0; ri < dag_vrptw_solution_get_n_routes (solution); ri++)
    {
      guint len;
      const guint *stops = dag_vrptw_solution_get_route (solution, ri, &len);
      PRun *r;

      if (len == 0)
        continue;
      r = g_new0 (PRun, 1);
      r->wave = wave;
      r->vehicle = -1;
      r->stops = g_array_sized_new (FALSE, FALSE, sizeof (int), len);
      for (guint k = 0; k < len; k++)
        g_array_append_val (r->stops, participants[stops[k] - 1]);
      prun_measure (pl, r);
      g_ptr_array_add (pl->all_runs, r);
      g_ptr_array_add (out, r);
    }
  unassigned = dag_vrptw_solution_get_unassigned (solution, &n_unassigned);
  for (guint k = 0; k < n_unassigned; k++)
    g_array_append_val (left, participants[unassigned[k] - 1]);
  return TRUE;
}

/* Whether vehicle state vs can drive r after what it already drives, and
 * when (time: arrival or departure; end: when the run is over). */
static gboolean
vehicle_can (Plan           *pl,
             const VehState *vs,
             const PRun     *r,
             int            *time,
             int            *end)
{
  const Wave *w = &g_array_index (pl->waves, Wave, r->wave);
  int reach = vs->free_at == NO_TIME ? NO_TIME
              : vs->free_at + leg_minutes (pl->travel, vs->place, r->first_place, NULL, NULL);

  if (w->direction == DAG_DIRECTION_TO)
    {
      int start = MAX (reach, w->target - pl->early - r->duration);

      if (start + r->duration > w->target)
        return FALSE;
      *time = start + r->duration;
      *end = *time;
    }
  else
    {
      int depart = MAX (reach, w->target);

      if (depart > w->target + pl->early)
        return FALSE;
      *time = depart;
      *end = depart + r->duration;
    }
  return TRUE;
}

static gboolean
fits (const DagVehicle *v,
      const PRun       *r)
{
  return r->load[DIM_SEATS] <= v->seats && r->load[DIM_CHAIRS] <= v->wheelchair_places;
}

static int
cmp_key (gconstpointer a,
         gconstpointer b)
{
  const PRun *ra = *(PRun * const *) a, *rb = *(PRun * const *) b;

  if (ra->key != rb->key)
    return ra->key < rb->key ? -1 : 1;
  if (ra->wave != rb->wave)
    return ra->wave < rb->wave ? -1 : 1;
  return g_array_index (ra->stops, int, 0) - g_array_index (rb->stops, int, 0);
}

/* Inserts r into the queue after position after, in key order. */
static void
queue_insert (Plan *pl,
              PRun *r,
              guint after)
{
  guint i = after + 1;

  while (i < pl->queue->len && cmp_key (&g_ptr_array_index (pl->queue, i), &r) <= 0)
    i++;
  g_ptr_array_insert (pl->queue, i, r);
}

/* Picks the vehicle for r: one already on the road before a new one; then
 * the shortest empty leg; a new one preferably from the run's location and
 * as small as fits.  Returns -1 when none can. */
static int
choose_vehicle (Plan *pl,
                PRun *r,
                int  *time,
                int  *end)
{
  const DagOrg *org = pl->org;
  const Wave *w = &g_array_index (pl->waves, Wave, r->wave);
  int best = -1;
  int best_key[4] = { 0 };

  for (guint v = 0; v < org->vehicles->len; v++)
    {
      const DagVehicle *veh = DAG_AT (org->vehicles, DagVehicle, v);
      const VehState *vs = &pl->veh[v];
      int t, e, key[4];

      if (!fits (veh, r) || !vehicle_can (pl, vs, r, &t, &e))
        continue;
      key[0] = vs->used ? 0 : 1;
      if (vs->used)
        {
          int deadhead = leg_minutes (pl->travel, vs->place, r->first_place, NULL, NULL);
          int start = w->direction == DAG_DIRECTION_TO ? t - r->duration : t;

          /* Variants: the shortest empty leg, the shortest wait, or the
           * smallest vehicle that fits. */
          key[1] = pl->choice == 0 ? deadhead
                   : pl->choice == 1 ? start - vs->free_at
                   : veh->seats + veh->wheelchair_places;
          key[2] = pl->choice == 2 ? deadhead : veh->seats + veh->wheelchair_places;
        }
      else
        {
          key[1] = veh->location == w->location ? 0 : 1;
          key[2] = veh->seats + veh->wheelchair_places;
        }
      key[3] = veh->location == w->location ? 0
               : leg_minutes (pl->travel, dag_travel_place_location (pl->travel, veh->location),
                              r->first_place, NULL, NULL);
      if (best >= 0)
        {
          gboolean better = FALSE;

          for (int k = 0; k < 4; k++)
            if (key[k] != best_key[k])
              {
                better = key[k] < best_key[k];
                break;
              }
          if (!better)
            continue;
        }
      best = v;
      memcpy (best_key, key, sizeof key);
      *time = t;
      *end = e;
    }
  return best;
}

/* Splits a run that no vehicle can take into smaller ones (re-solved by the
 * core) and queues them; single riders that still fit nowhere are listed. */
static gboolean
split_run (Plan *pl,
           PRun *r,
           guint at)
{
  const DagOrg *org = pl->org;
  const Wave *w = &g_array_index (pl->waves, Wave, r->wave);
  g_autoptr(GPtrArray) out = g_ptr_array_new ();
  g_autoptr(GArray) left = g_array_new (FALSE, FALSE, sizeof (int));
  int capacity[N_DIMS];
  int best = -1;

  if (r->stops->len == 1)
    {
      add_unserved (pl, g_array_index (r->stops, int, 0), w->location, w->part, w->direction,
                    DAG_TRANSPORT_REASON_NO_VEHICLE_FREE);
      return TRUE;
    }

  /* The biggest vehicle that is free in time sets the size of the parts. */
  for (guint v = 0; v < org->vehicles->len; v++)
    {
      const DagVehicle *veh = DAG_AT (org->vehicles, DagVehicle, v);
      int t, e;

      if (!vehicle_can (pl, &pl->veh[v], r, &t, &e))
        continue;
      if (best < 0 || veh->seats + veh->wheelchair_places
                      > DAG_AT (org->vehicles, DagVehicle, best)->seats
                        + DAG_AT (org->vehicles, DagVehicle, best)->wheelchair_places)
        best = v;
    }
  if (best >= 0)
    {
      const DagVehicle *veh = DAG_AT (org->vehicles, DagVehicle, best);

      capacity[DIM_SEATS] = veh->seats;
      capacity[DIM_CHAIRS] = veh->wheelchair_places;
      capacity[DIM_PERSONS] = r->stops->len - 1;
    }
  else
    {
      capacity[DIM_SEATS] = pl->max_seats;
      capacity[DIM_CHAIRS] = pl->max_chairs;
      capacity[DIM_PERSONS] = (r->stops->len + 1) / 2;
    }

  if (!solve_group (pl, r->wave, (const int *) r->stops->data, r->stops->len, capacity, out, left))
    return FALSE;
  /* Riders that fit no part (a wheelchair in a vehicle without places) ride alone. */
  capacity[DIM_SEATS] = pl->max_seats;
  capacity[DIM_CHAIRS] = pl->max_chairs;
  capacity[DIM_PERSONS] = 1;
  for (guint k = 0; k < left->len; k++)
    {
      g_autoptr(GArray) none = g_array_new (FALSE, FALSE, sizeof (int));

      if (!solve_group (pl, r->wave, &g_array_index (left, int, k), 1, capacity, out, none))
        return FALSE;
      for (guint j = 0; j < none->len; j++)
        add_unserved (pl, g_array_index (none, int, j), w->location, w->part, w->direction,
                      DAG_TRANSPORT_REASON_NO_VEHICLE_FREE);
    }
  for (guint k = 0; k < out->len; k++)
    queue_insert (pl, g_ptr_array_index (out, k), at);
  return TRUE;
}

/* Puts every queued run on a vehicle, in order of earliest start. */
static gboolean
assign_vehicles (Plan *pl)
{
  for (guint i = 0; i < pl->queue->len; i++)
    {
      PRun *r = g_ptr_array_index (pl->queue, i);
      int time = 0, end = 0;
      int v;

      if (g_cancellable_is_cancelled (pl->cancellable))
        {
          pl->cancelled = TRUE;
          return FALSE;
        }
      v = choose_vehicle (pl, r, &time, &end);
      if (v < 0)
        {
          if (!split_run (pl, r, i))
            return FALSE;
          continue;
        }
      r->vehicle = v;
      r->time = time;
      pl->veh[v].used = TRUE;
      pl->veh[v].free_at = end;
      pl->veh[v].place = r->last_place;
      g_ptr_array_add (pl->veh[v].runs, r);
    }
  return TRUE;
}

static void shift_arrivals (Plan *pl);
static double vehicle_km (Plan *pl, guint v, DagTransportResult *res);

/* Gives a vehicle's runs in this order their earliest times (when apply);
 * FALSE when the order cannot be driven. */
static gboolean
sequence_feasible (Plan      *pl,
                   guint      v,
                   GPtrArray *runs,
                   gboolean   apply)
{
  const DagVehicle *veh = DAG_AT (pl->org->vehicles, DagVehicle, v);
  VehState vs = { NO_TIME, dag_travel_place_location (pl->travel, veh->location), TRUE, NULL };

  for (guint k = 0; k < runs->len; k++)
    {
      PRun *r = g_ptr_array_index (runs, k);
      int t, e;

      if (!fits (veh, r) || !vehicle_can (pl, &vs, r, &t, &e))
        return FALSE;
      if (apply)
        {
          r->time = t;
          r->vehicle = v;
        }
      vs.free_at = e;
      vs.place = r->last_place;
    }
  return TRUE;
}

/* Empty km added by putting r between positions k-1 and k of runs. */
static double
insertion_km (Plan      *pl,
              guint      v,
              GPtrArray *runs,
              PRun      *r,
              guint      k)
{
  int home = dag_travel_place_location (pl->travel, DAG_AT (pl->org->vehicles, DagVehicle, v)->location);
  int before = k == 0 ? home : ((PRun *) g_ptr_array_index (runs, k - 1))->last_place;
  int after = k == runs->len ? home : ((PRun *) g_ptr_array_index (runs, k))->first_place;
  double a = 0, b = 0, c = 0;

  leg_minutes (pl->travel, before, r->first_place, &a, NULL);
  leg_minutes (pl->travel, r->last_place, after, &b, NULL);
  leg_minutes (pl->travel, before, after, &c, NULL);
  return a + b - c;
}

/* The earliest state of vehicle v after each prefix of runs: free_at[k]
 * and place[k] after the first k runs, time[k] of run k.  Returns FALSE
 * when the runs cannot be driven in this order. */
static gboolean
prefix_states (Plan      *pl,
               guint      v,
               GPtrArray *runs,
               int       *free_at,
               int       *place,
               int       *time)
{
  const DagVehicle *veh = DAG_AT (pl->org->vehicles, DagVehicle, v);
  VehState vs = { NO_TIME, dag_travel_place_location (pl->travel, veh->location), TRUE, NULL };

  free_at[0] = vs.free_at;
  place[0] = vs.place;
  for (guint k = 0; k < runs->len; k++)
    {
      PRun *r = g_ptr_array_index (runs, k);
      int e;

      if (!vehicle_can (pl, &vs, r, &time[k], &e))
        return FALSE;
      vs.free_at = free_at[k + 1] = e;
      vs.place = place[k + 1] = r->last_place;
    }
  return TRUE;
}

/* Whether r fits before run pos of runs, given the prefix states: the runs
 * after it are checked only until one keeps its earlier time. */
static gboolean
insertion_feasible_at (Plan      *pl,
                       GPtrArray *runs,
                       PRun      *r,
                       guint      pos,
                       const int *free_at,
                       const int *place,
                       const int *time)
{
  VehState vs = { free_at[pos], place[pos], TRUE, NULL };
  int t, e;

  if (!vehicle_can (pl, &vs, r, &t, &e))
    return FALSE;
  vs.free_at = e;
  vs.place = r->last_place;
  for (guint k = pos; k < runs->len; k++)
    {
      PRun *next = g_ptr_array_index (runs, k);

      if (!vehicle_can (pl, &vs, next, &t, &e))
        return FALSE;
      if (t == time[k])
        return TRUE;   /* from here on nothing changes */
      vs.free_at = e;
      vs.place = next->last_place;
    }
  return TRUE;
}

static void
unref_or_null (gpointer p)
{
  if (p != NULL)
    g_ptr_array_unref (p);
}

/* Vehicle elimination: empties the vehicle with the fewest runs when every
 * one of its runs fits into another vehicle's day, and repeats. */
static void
eliminate_vehicles (Plan *pl)
{
  guint nv = pl->org->vehicles->len;
  guint max_runs = pl->all_runs->len + 2;
  g_autofree int *free_at = g_new (int, max_runs);
  g_autofree int *place = g_new (int, max_runs);
  g_autofree int *time = g_new (int, max_runs);
  g_autofree guint *order = g_new (guint, nv + 1);
  gboolean improved = TRUE;

  while (improved)
    {
      guint n = 0;

      improved = FALSE;
      for (guint v = 0; v < nv; v++)
        if (pl->veh[v].runs->len > 0)
          order[n++] = v;
      /* Fewest runs first (insertion sort keeps ties in index order). */
      for (guint i = 1; i < n; i++)
        for (guint j = i; j > 0 && pl->veh[order[j]].runs->len < pl->veh[order[j - 1]].runs->len; j--)
          {
            guint tmp = order[j];

            order[j] = order[j - 1];
            order[j - 1] = tmp;
          }

      for (guint i = 0; i < n && !improved; i++)
        {
          guint victim = order[i];
          g_autoptr(GPtrArray) trial = g_ptr_array_new_full (nv, unref_or_null);
          gboolean all = TRUE;

          /* Stop when cancelled or out of time: the day is valid as it is. */
          if (g_cancellable_is_cancelled (pl->cancellable)
              || (pl->deadline != 0 && g_get_monotonic_time () > pl->deadline))
            return;
          g_ptr_array_set_size (trial, nv);
          for (guint k = 0; all && k < pl->veh[victim].runs->len; k++)
            {
              PRun *r = g_ptr_array_index (pl->veh[victim].runs, k);
              int best_u = -1;
              guint best_pos = 0;
              double best_km = G_MAXDOUBLE;

              for (guint u = 0; u < nv; u++)
                {
                  GPtrArray *runs;

                  if (u == victim || pl->veh[u].runs->len == 0
                      || !fits (DAG_AT (pl->org->vehicles, DagVehicle, u), r))
                    continue;
                  runs = g_ptr_array_index (trial, u) ? g_ptr_array_index (trial, u) : pl->veh[u].runs;
                  if (!prefix_states (pl, u, runs, free_at, place, time))
                    continue;
                  for (guint pos = 0; pos <= runs->len; pos++)
                    {
                      double km = insertion_km (pl, u, runs, r, pos);

                      if (km >= best_km
                          || !insertion_feasible_at (pl, runs, r, pos, free_at, place, time))
                        continue;
                      best_u = u;
                      best_pos = pos;
                      best_km = km;
                    }
                }
              if (best_u < 0)
                all = FALSE;
              else
                {
                  if (g_ptr_array_index (trial, best_u) == NULL)
                    g_ptr_array_index (trial, best_u) = g_ptr_array_copy (pl->veh[best_u].runs, NULL, NULL);
                  g_ptr_array_insert (g_ptr_array_index (trial, best_u), best_pos, r);
                }
            }
          if (!all)
            continue;

          /* Commit: the victim is free for the day. */
          for (guint u = 0; u < nv; u++)
            if (g_ptr_array_index (trial, u) != NULL)
              {
                GPtrArray *runs = g_ptr_array_index (trial, u);

                g_ptr_array_index (trial, u) = NULL;
                g_ptr_array_unref (pl->veh[u].runs);
                pl->veh[u].runs = runs;
                sequence_feasible (pl, u, runs, TRUE);
              }
          g_ptr_array_set_size (pl->veh[victim].runs, 0);
          pl->veh[victim].used = FALSE;
          improved = TRUE;
        }
    }
}

/* Empty km saved by taking run k out of runs. */
static double
removal_km (Plan      *pl,
            guint      v,
            GPtrArray *runs,
            guint      k)
{
  int home = dag_travel_place_location (pl->travel, DAG_AT (pl->org->vehicles, DagVehicle, v)->location);
  PRun *r = g_ptr_array_index (runs, k);
  int before = k == 0 ? home : ((PRun *) g_ptr_array_index (runs, k - 1))->last_place;
  int after = k + 1 == runs->len ? home : ((PRun *) g_ptr_array_index (runs, k + 1))->first_place;
  double a = 0, b = 0, c = 0;

  leg_minutes (pl->travel, before, r->first_place, &a, NULL);
  leg_minutes (pl->travel, r->last_place, after, &b, NULL);
  leg_minutes (pl->travel, before, after, &c, NULL);
  return a + b - c;
}

/* Km descent: moves single runs to the place in another vehicle's day where
 * they cost fewer empty km, never opening a vehicle. */
static void
relocate_runs (Plan *pl)
{
  guint nv = pl->org->vehicles->len;
  guint max_runs = pl->all_runs->len + 2;
  g_autofree int *free_at = g_new (int, max_runs);
  g_autofree int *place = g_new (int, max_runs);
  g_autofree int *time = g_new (int, max_runs);
  gboolean improved = TRUE;

  for (int pass = 0; improved && pass < 10; pass++)
    {
      improved = FALSE;
      for (guint v = 0; v < nv; v++)
        for (guint k = 0; k < pl->veh[v].runs->len; k++)
          {
            GPtrArray *from = pl->veh[v].runs;
            PRun *r = g_ptr_array_index (from, k);
            double gain = removal_km (pl, v, from, k);
            int best_u = -1;
            guint best_pos = 0;
            double best_km = gain - 0.05;   /* at least 50 m better */

            if (gain <= 0.05)
              continue;
            if (pl->deadline != 0 && g_get_monotonic_time () > pl->deadline)
              return;
            for (guint u = 0; u < nv; u++)
              {
                GPtrArray *runs = pl->veh[u].runs;

                if (u == v || runs->len == 0 || !fits (DAG_AT (pl->org->vehicles, DagVehicle, u), r))
                  continue;
                if (!prefix_states (pl, u, runs, free_at, place, time))
                  continue;
                for (guint pos = 0; pos <= runs->len; pos++)
                  {
                    double km = insertion_km (pl, u, runs, r, pos);

                    if (km >= best_km
                        || !insertion_feasible_at (pl, runs, r, pos, free_at, place, time))
                      continue;
                    best_u = u;
                    best_pos = pos;
                    best_km = km;
                  }
              }
            if (best_u < 0)
              continue;
            g_ptr_array_remove_index (from, k);
            if (!sequence_feasible (pl, v, from, FALSE))
              {
                g_ptr_array_insert (from, k, r);
                continue;
              }
            g_ptr_array_insert (pl->veh[best_u].runs, best_pos, r);
            sequence_feasible (pl, v, from, TRUE);
            sequence_feasible (pl, best_u, pl->veh[best_u].runs, TRUE);
            if (from->len == 0)
              pl->veh[v].used = FALSE;
            improved = TRUE;
            k--;  /* the next run moved into position k */
          }
    }
}

static int
cmp_key_with (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  return cmp_key (a, b);
}

typedef struct {
  guint  unserved;
  guint  vehicles;
  double km;
} Score;

/* One assignment of the wave runs with the current variant, from scratch;
 * fills score.  Returns FALSE when cancelled. */
static gboolean
assign_attempt (Plan      *pl,
                GPtrArray *initial,
                guint      n_unserved,
                Score     *score)
{
  g_ptr_array_set_size (pl->queue, 0);
  for (guint i = 0; i < initial->len; i++)
    {
      PRun *r = g_ptr_array_index (initial, i);

      r->key = r->key_early;
      r->vehicle = -1;
      g_ptr_array_add (pl->queue, r);
    }
  g_ptr_array_sort_with_data (pl->queue, cmp_key_with, NULL);
  g_array_set_size (pl->unserved, n_unserved);
  for (guint v = 0; v < pl->org->vehicles->len; v++)
    {
      pl->veh[v].used = FALSE;
      pl->veh[v].free_at = NO_TIME;
      pl->veh[v].place = dag_travel_place_location (pl->travel,
                                                    DAG_AT (pl->org->vehicles, DagVehicle, v)->location);
      g_ptr_array_set_size (pl->veh[v].runs, 0);
    }
  if (!assign_vehicles (pl))
    return FALSE;
  eliminate_vehicles (pl);
  relocate_runs (pl);
  shift_arrivals (pl);
  score->unserved = pl->unserved->len;
  score->vehicles = 0;
  score->km = 0;
  for (guint v = 0; v < pl->org->vehicles->len; v++)
    if (pl->veh[v].runs->len > 0)
      {
        score->vehicles++;
        score->km += vehicle_km (pl, v, NULL);
      }
  return TRUE;
}

/* Tries every assignment variant and ends with the best one in place:
 * fewest riders left out, then fewest vehicles, then fewest km. */
static gboolean
assign_best (Plan *pl)
{
  g_autoptr(GPtrArray) initial = g_ptr_array_copy (pl->queue, NULL, NULL);
  guint n_unserved = pl->unserved->len;
  int best = -1, last = -1;
  Score best_score = { 0 };
  Score score;

  for (int variant = 0; variant < N_VARIANTS; variant++)
    {
      last = variant;
      pl->jitter = variant / 3;
      pl->choice = variant % 3;
      if (!assign_attempt (pl, initial, n_unserved, &score))
        return FALSE;
      if (best < 0 || score.unserved < best_score.unserved
          || (score.unserved == best_score.unserved
              && (score.vehicles < best_score.vehicles
                  || (score.vehicles == best_score.vehicles && score.km < best_score.km - 1e-9))))
        {
          best = variant;
          best_score = score;
        }
      if (pl->deadline != 0 && g_get_monotonic_time () > pl->deadline)
        break;
    }
  if (best == last)
    return TRUE;
  pl->jitter = best / 3;
  pl->choice = best % 3;
  return assign_attempt (pl, initial, n_unserved, &score);
}

/* Moves each vehicle's runs to the location as late as its next run
 * allows (at most to the start), so that nobody waits longer than needed. */
static void
shift_arrivals (Plan *pl)
{
  for (guint v = 0; v < pl->org->vehicles->len; v++)
    {
      GPtrArray *runs = pl->veh[v].runs;
      int next_start = G_MAXINT / 2;
      int next_place = -1;

      for (guint k = runs->len; k-- > 0;)
        {
          PRun *r = g_ptr_array_index (runs, k);
          const Wave *w = &g_array_index (pl->waves, Wave, r->wave);

          if (w->direction == DAG_DIRECTION_TO)
            {
              int latest = w->target;

              if (next_place >= 0)
                latest = MIN (latest, next_start - leg_minutes (pl->travel, r->last_place,
                                                                next_place, NULL, NULL));
              if (latest > r->time)
                r->time = latest;
              next_start = r->time - r->duration;
            }
          else
            next_start = r->time;
          next_place = r->first_place;
        }
    }
}

static int
period_of (const Wave *w)
{
  if (w->part == DAG_PART_EV)
    return 3;
  if (w->part == DAG_PART_AM)
    return w->direction == DAG_DIRECTION_TO ? 0 : 1;
  return w->direction == DAG_DIRECTION_TO ? 1 : 2;
}

typedef struct {
  const DagOrg *org;
  int          *works_at;
  guint         ns;
} WorksAt;

static gboolean
note_works_at (const DagStaffSession *s,
               gpointer               user_data)
{
  WorksAt *wa = user_data;

  if (s->state == DAG_SESSION_ON && s->staff >= 0 && (guint) s->staff < wa->ns &&
      wa->works_at[s->staff] < 0 && s->group >= 0)
    wa->works_at[s->staff] = DAG_AT (wa->org->groups, DagGroup, s->group)->location;
  return TRUE;
}

/* The staff member who drives each vehicle (one vehicle per driver per day),
 * -1 for an external driver. */
static void
assign_drivers (Plan *pl,
                int  *driver_of)
{
  const DagOrg *org = pl->org;
  int day = dag_date_weekday (pl->date);
  guint ns = org->staff->len;
  g_autofree gboolean *taken = g_new0 (gboolean, ns + 1);
  g_autofree int *works_at = g_new (int, ns + 1);

  for (guint s = 0; s < ns; s++)
    works_at[s] = -1;
  if (day < DAG_N_DAYS)
    {
      /* Who works where that day: the dated staffing of the date, without
       * the absent and with the one-off changes. */
      g_autoptr(DagSchedule) schedule = dag_schedule_new (org);
      WorksAt wa = { org, works_at, ns };

      dag_schedule_foreach_staff (schedule, pl->date, pl->date, note_works_at, &wa);
    }

  for (guint v = 0; v < org->vehicles->len; v++)
    {
      const DagVehicle *veh = DAG_AT (org->vehicles, DagVehicle, v);
      GPtrArray *runs = pl->veh[v].runs;
      DagSlotMask need[4] = { 0 };
      gboolean period_used[4] = { FALSE };
      int best = -1, best_score = 0;

      driver_of[v] = -1;
      if (runs->len == 0 || day >= DAG_N_DAYS)
        continue;
      for (guint k = 0; k < runs->len; k++)
        period_used[period_of (&g_array_index (pl->waves, Wave,
                                               ((PRun *) g_ptr_array_index (runs, k))->wave))] = TRUE;
      need[0] = DAG_SLOT_BIT (DAG_SLOT (day, DAG_PART_AM));
      need[1] = DAG_SLOT_BIT (DAG_SLOT (day, DAG_PART_AM)) | DAG_SLOT_BIT (DAG_SLOT (day, DAG_PART_PM));
      need[2] = DAG_SLOT_BIT (DAG_SLOT (day, DAG_PART_PM));
      need[3] = DAG_SLOT_BIT (DAG_SLOT (day, DAG_PART_EV));

      for (guint s = 0; s < ns; s++)
        {
          const DagStaff *st = DAG_AT (org->staff, DagStaff, s);
          gboolean ok = st->driver && !taken[s];
          int score;

          /* Available in a dagdeel of each period the vehicle drives in. */
          for (int p = 0; ok && p < 4; p++)
            if (period_used[p] && (st->available & need[p]) == 0)
              ok = FALSE;
          if (!ok)
            continue;
          score = works_at[s] == veh->location ? 0 : works_at[s] < 0 ? 1 : 2;
          if (best < 0 || score < best_score)
            {
              best = s;
              best_score = score;
            }
        }
      if (best >= 0)
        {
          taken[best] = TRUE;
          driver_of[v] = best;
        }
    }
}

static int
cmp_final (gconstpointer a,
           gconstpointer b,
           gpointer      user_data)
{
  Plan *pl = user_data;
  const PRun *ra = *(PRun * const *) a, *rb = *(PRun * const *) b;
  const Wave *wa = &g_array_index (pl->waves, Wave, ra->wave);
  const Wave *wb = &g_array_index (pl->waves, Wave, rb->wave);
  int sa = wa->direction == DAG_DIRECTION_TO ? ra->time - ra->duration : ra->time;
  int sb = wb->direction == DAG_DIRECTION_TO ? rb->time - rb->duration : rb->time;

  if (wa->location != wb->location)
    return wa->location < wb->location ? -1 : 1;
  if (wa->direction != wb->direction)
    return wa->direction == DAG_DIRECTION_TO ? -1 : 1;
  if (sa != sb)
    return sa < sb ? -1 : 1;
  if (ra->vehicle != rb->vehicle)
    return ra->vehicle < rb->vehicle ? -1 : 1;
  return g_array_index (ra->stops, int, 0) - g_array_index (rb->stops, int, 0);
}

/* Adds a leg to the result's totals (when res is given); returns its km. */
static double
count_leg (Plan               *pl,
           DagTransportResult *res,
           int                 from,
           int                 to,
           gboolean            empty)
{
  double km = 0;
  gboolean imported = FALSE;

  if (from == to)
    return 0;
  leg_minutes (pl->travel, from, to, &km, &imported);
  if (res == NULL)
    return km;
  res->km += km;
  if (empty)
    res->empty_km += km;
  if (imported)
    res->n_legs_imported++;
  else
    res->n_legs_estimated++;
  return km;
}

/* The km vehicle v drives in the day: from home, its runs, the empty legs
 * between them (home in between when it waits long), and home again. */
static double
vehicle_km (Plan               *pl,
            guint               v,
            DagTransportResult *res)
{
  GPtrArray *runs = pl->veh[v].runs;
  int home = dag_travel_place_location (pl->travel, DAG_AT (pl->org->vehicles, DagVehicle, v)->location);
  int place = home;
  int free_at = NO_TIME;
  double km = 0;

  if (runs->len == 0)
    return 0;
  for (guint k = 0; k < runs->len; k++)
    {
      PRun *r = g_ptr_array_index (runs, k);
      const Wave *w = &g_array_index (pl->waves, Wave, r->wave);
      int start = w->direction == DAG_DIRECTION_TO ? r->time - r->duration : r->time;
      int prev;

      if (free_at != NO_TIME && start - free_at >= GAP_VIA_HOME
          + leg_minutes (pl->travel, place, home, NULL, NULL))
        {
          km += count_leg (pl, res, place, home, TRUE);
          place = home;
        }
      km += count_leg (pl, res, place, r->first_place, TRUE);
      prev = w->direction == DAG_DIRECTION_TO ? -1 : r->first_place;
      for (guint j = 0; j < r->stops->len; j++)
        {
          int p = dag_travel_place_participant (pl->travel, g_array_index (r->stops, int, j));

          if (prev >= 0)
            km += count_leg (pl, res, prev, p, FALSE);
          prev = p;
        }
      if (w->direction == DAG_DIRECTION_TO)
        km += count_leg (pl, res, prev, r->last_place, FALSE);
      place = r->last_place;
      free_at = w->direction == DAG_DIRECTION_TO ? r->time : r->time + r->duration;
    }
  km += count_leg (pl, res, place, home, TRUE);
  return km;
}

static void
build_result (Plan               *pl,
              DagTransportResult *res)
{
  const DagOrg *org = pl->org;
  g_autofree int *driver_of = g_new (int, org->vehicles->len + 1);
  g_autoptr(GPtrArray) done = g_ptr_array_new ();
  char date[DAG_DATE_BUF];
  int counter_loc = -1, counter_dir = -1, counter = 0;

  dag_date_format (pl->date, date);
  assign_drivers (pl, driver_of);

  for (guint v = 0; v < org->vehicles->len; v++)
    {
      GPtrArray *runs = pl->veh[v].runs;

      if (runs->len == 0)
        continue;
      res->n_vehicles++;
      vehicle_km (pl, v, res);
      for (guint k = 0; k < runs->len; k++)
        g_ptr_array_add (done, g_ptr_array_index (runs, k));
    }

  g_ptr_array_sort_with_data (done, cmp_final, pl);
  for (guint i = 0; i < done->len; i++)
    {
      PRun *r = g_ptr_array_index (done, i);
      const Wave *w = &g_array_index (pl->waves, Wave, r->wave);
      const DagLocation *loc = DAG_AT (org->locations, DagLocation, w->location);
      DagRun run = { 0 };
      int t;

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
      run.driver = driver_of[r->vehicle];
      run.location = w->location;
      run.direction = w->direction;
      run.time = r->time;
      run.stops = g_array_sized_new (FALSE, FALSE, sizeof (DagStop), r->stops->len);

      /* Stop times: back from the arrival, or on from the departure. */
      if (w->direction == DAG_DIRECTION_TO)
        {
          int at = dag_travel_place_location (pl->travel, w->location);

          g_array_set_size (run.stops, r->stops->len);
          t = r->time;
          for (guint j = r->stops->len; j-- > 0;)
            {
              int p = g_array_index (r->stops, int, j);
              int here = dag_travel_place_participant (pl->travel, p);
              int next = j + 1 < r->stops->len
                         ? dag_travel_place_participant (pl->travel, g_array_index (r->stops, int, j + 1))
                         : at;
              DagStop *s = DAG_AT (run.stops, DagStop, j);

              t -= leg_minutes (pl->travel, here, next, NULL, NULL);
              s->participant = p;
              s->time = t;
              res->total_ride += r->time - t;
              res->max_ride = MAX (res->max_ride, r->time - t);
            }
        }
      else
        {
          int prev = dag_travel_place_location (pl->travel, w->location);

          t = r->time;
          for (guint j = 0; j < r->stops->len; j++)
            {
              int p = g_array_index (r->stops, int, j);
              int here = dag_travel_place_participant (pl->travel, p);
              DagStop s;

              t += leg_minutes (pl->travel, prev, here, NULL, NULL);
              s.participant = p;
              s.time = t;
              g_array_append_val (run.stops, s);
              res->total_ride += t - r->time;
              res->max_ride = MAX (res->max_ride, t - r->time);
              prev = here;
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
  gboolean ok = TRUE;

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

  pl.org = org;
  pl.travel = travel;
  pl.date = date;
  pl.opt = options;
  pl.cancellable = cancellable;
  pl.deadline = options->time_limit > 0 ? t0 + (gint64) (options->time_limit * G_USEC_PER_SEC) : 0;
  pl.early = MAX (0, org->settings.early_arrival_minutes);
  pl.max_ride = org->settings.max_ride_minutes > 0 ? org->settings.max_ride_minutes : 30;
  pl.seed = options->seed;
  pl.waves = g_array_new (FALSE, TRUE, sizeof (Wave));
  pl.queue = g_ptr_array_new ();
  pl.all_runs = g_ptr_array_new_with_free_func (prun_free);
  pl.unserved = res->unserved;
  pl.veh = g_new0 (VehState, org->vehicles->len + 1);
  for (guint v = 0; v < org->vehicles->len; v++)
    {
      const DagVehicle *veh = DAG_AT (org->vehicles, DagVehicle, v);

      pl.max_seats = MAX (pl.max_seats, veh->seats);
      pl.max_chairs = MAX (pl.max_chairs, veh->wheelchair_places);
      pl.veh[v].free_at = NO_TIME;
      pl.veh[v].place = dag_travel_place_location (travel, veh->location);
      pl.veh[v].runs = g_ptr_array_new ();
    }

  res->n_requests = collect_trips (&pl);

  /* One VRPTW per location, dagdeel and direction, with the biggest
   * vehicle's room; runs that fit no free vehicle are split later. */
  for (guint wi = 0; ok && wi < pl.waves->len; wi++)
    {
      Wave *w = &g_array_index (pl.waves, Wave, wi);
      g_autoptr(GArray) left = g_array_new (FALSE, FALSE, sizeof (int));
      int capacity[N_DIMS] = { pl.max_seats, pl.max_chairs, pl.max_seats + pl.max_chairs };

      if (g_cancellable_is_cancelled (cancellable))
        {
          ok = FALSE;
          break;
        }
      ok = solve_group (&pl, wi, (const int *) w->participants->data, w->participants->len,
                        capacity, pl.queue, left);
      for (guint k = 0; ok && k < left->len; k++)
        add_unserved (&pl, g_array_index (left, int, k), w->location, w->part, w->direction,
                      DAG_TRANSPORT_REASON_NO_VEHICLE_FREE);
    }
  if (ok)
    {
      ok = assign_best (&pl);
    }
  if (ok)
    {
      build_result (&pl, res);
      g_array_sort (res->unserved, cmp_unserved);
    }

  for (guint wi = 0; wi < pl.waves->len; wi++)
    g_array_unref (g_array_index (pl.waves, Wave, wi).participants);
  g_array_unref (pl.waves);
  for (guint v = 0; v < org->vehicles->len; v++)
    g_ptr_array_unref (pl.veh[v].runs);
  g_free (pl.veh);
  g_ptr_array_unref (pl.queue);
  g_ptr_array_unref (pl.all_runs);

  if (!ok)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                           _("Planning the transport runs was cancelled"));
      return NULL;
    }
  res->iterations = pl.iterations;
  res->n_midday_trips = pl.n_midday_trips;
  res->seconds = (g_get_monotonic_time () - t0) / (double) G_USEC_PER_SEC;
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
