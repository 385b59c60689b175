/* dag-transport.h — the transport planner: the day's bus runs (morning,
 * midday and afternoon) with vehicles and drivers, built on the VRPTW core,
 * and an independent checker of stored runs. */

#pragma once

#include <gio/gio.h>
#include <math.h>

#include "dag-org.h"
#include "dag-travel.h"

G_BEGIN_DECLS

#define DAG_TRANSPORT_ERROR (dag_transport_error_quark ())

typedef enum {
  DAG_TRANSPORT_ERROR_INVALID,     /* the date or the data cannot be planned */
  DAG_TRANSPORT_ERROR_CHECK,       /* a run breaks a rule (the checker) */
} DagTransportError;

/* Why a participant who needs transport is not on a run. */
typedef enum {
  DAG_TRANSPORT_REASON_NO_INDICATION,       /* no valid VERVOER indication that day */
  DAG_TRANSPORT_REASON_NO_COORDINATES,      /* the home has no coordinates */
  DAG_TRANSPORT_REASON_RIDE_TOO_LONG,       /* over the ride limit even when driven alone */
  DAG_TRANSPORT_REASON_NO_WHEELCHAIR_PLACE, /* no vehicle has a wheelchair place */
  DAG_TRANSPORT_REASON_NO_SEAT,             /* no vehicle has a seat */
  DAG_TRANSPORT_REASON_NO_VEHICLE_FREE,     /* every fitting vehicle is busy then */
  DAG_TRANSPORT_REASON_NO_SLOT_TIMES,       /* the location has no times for that dagdeel */
  DAG_TRANSPORT_REASON_NO_TIME_BETWEEN,     /* no time to go home between two locations */
  DAG_TRANSPORT_REASON_VEHICLE_HOURS,       /* no fitting vehicle is on the road then */
} DagTransportReason;

/* One trip (to or from a location for a dagdeel) that got no run, or (in
 * the result's warnings) that rides alone because its direct ride is above
 * the limit (reason DAG_TRANSPORT_REASON_RIDE_TOO_LONG). */
typedef struct {
  int                participant;
  int                location;
  int                part;
  DagDirection       direction;
  DagTransportReason reason;
  int                minutes;       /* RIDE_TOO_LONG: the direct ride with boarding */
  int                limit;         /* RIDE_TOO_LONG: the rider's limit */
  int                other;         /* NO_TIME_BETWEEN: the other location */
  int                window_from;   /* NO_VEHICLE_FREE: when the run would be (minutes) */
  int                window_to;
  int                n_fitting;     /* NO_VEHICLE_FREE: vehicles with room for the rider */
} DagTransportUnserved;

typedef struct {
  double  time_limit;               /* wall-clock seconds for the whole day, 0: none */
  /* Without use_all_time the search stops when this × trips rounds (at
   * least 2,000) gave no better plan, or at the time limit; with it, only
   * at the time limit (more time never gives a worse plan). */
  guint   iterations_per_stop;
  gboolean use_all_time;
  /* Keep the pick-up times of the date's stored runs where possible (a
   * re-plan after a change). */
  gboolean keep_times;
  /* Start from runs the routing core (dag-vrptw) builds per wave, instead
   * of inserting rider by rider. */
  gboolean core_start;
  guint32 seed;
  /* Plan the standing week day of the date instead: every planned session
   * of that weekday, ignoring holidays, closures and absences. */
  gboolean standing;
} DagTransportOptions;

/* What the planner found for one date. */
typedef struct {
  DagDate date;
  GArray *runs;                     /* of DagRun (ids "R-<date>-<location>-<to|from>-<n>") */
  GArray *run_km;                   /* of double, per run: km from first to last stop */
  GArray *unserved;                 /* of DagTransportUnserved */
  guint   n_requests;               /* trips that needed a run */
  guint   n_vehicles;               /* distinct vehicles used */
  guint   n_midday_runs;            /* runs home after the morning or to the afternoon */
  guint   n_midday_trips;           /* trips needing such a run (one-dagdeel days) */
  guint   n_external_drivers;       /* runs without a staff driver */
  double  km;                       /* all km driven, with empty legs and going home */
  double  empty_km;                 /* of which without passengers */
  int     max_ride;                 /* minutes */
  gint64  total_ride;               /* minutes, summed over participants */
  guint   n_legs_imported;          /* legs of the runs timed by the imported matrix */
  guint   n_legs_estimated;         /* legs that fell back to the coordinate estimate */
  gint64  cost_cents;               /* km × each vehicle's cost_per_km_cents */
  GArray *warnings;                 /* of DagTransportUnserved: riders alone over the limit */
  guint   n_rounds;                 /* runs of a vehicle after its first in the same window */
  guint   n_times_kept;             /* riders of the stored runs whose pick-up moved ≤ 5 min */
  guint   n_times_changed;          /* … and moved more */
  guint64 iterations;
  double  seconds;
} DagTransportResult;

/* Recomputed by dag_transport_check(). */
typedef struct {
  guint  n_runs;
  guint  n_vehicles;
  guint  n_stops;
  double km;                        /* with the empty legs */
  gint64 cost_cents;                /* each vehicle's km at its price */
  int    max_ride;
  gint64 total_ride;
} DagTransportCheck;

/* The ride rule, shared by the planner and the checkers (DOMAIN.md,
 * "Transport runs"; the settings in dag-org.h):
 * - a leg lasts dag_transport_leg_minutes (whole minutes, rounded up);
 * - at every stop the vehicle stands dag_transport_boarding() minutes
 *   (the rider getting in or out); a stop's time is when the vehicle is
 *   there;
 * - a pick-up's ride runs from its stop time to the arrival at the
 *   location; a drop-off's from the departure to its stop time plus its
 *   boarding;
 * - every rider's ride is at most dag_transport_ride_limit() of the direct
 *   leg, except a rider whose direct ride with boarding is already over
 *   it: they ride alone, and then at most the direct leg plus boarding. */
static inline int
dag_transport_boarding (const DagOrg *org,
                        int           participant)
{
  return DAG_AT (org->participants, DagParticipant, participant)->wheelchair
         ? org->settings.boarding_wheelchair_minutes
         : org->settings.boarding_minutes;
}

static inline int
dag_transport_ride_limit (const DagOrg *org,
                          int           direct)
{
  int limit = org->settings.max_ride_minutes > 0 ? org->settings.max_ride_minutes : 30;

  if (org->settings.ride_factor > 0)
    {
      double rule = direct * org->settings.ride_factor + org->settings.ride_extra_minutes;
      int r = (int) ceil (rule - 1e-9);

      limit = MIN (limit, r);
    }
  return limit;
}

/* Whole minutes of a leg between two travel places, rounded up (km when
 * given).  Returns whether the matrix gave it. */
int                 dag_transport_leg_minutes   (const DagTravel           *travel,
                                                 int                        from,
                                                 int                        to,
                                                 double                    *km,
                                                 gboolean                  *imported);

GQuark              dag_transport_error_quark   (void);
const char         *dag_transport_reason_to_string (DagTransportReason reason);
/* The reason in words with its figures, e.g. "direct ride 41 min is above
 * the limit of 30; rides alone". */
char               *dag_transport_unserved_describe (const DagOrg              *org,
                                                     const DagTransportUnserved *u);

void                dag_transport_options_init  (DagTransportOptions *options);

/* Plans the runs of date for org (which is not changed).  Deterministic for
 * the same input and seed as long as the time limit is not reached (the
 * budget is in iterations; the limit is a safety net).  Returns NULL with
 * G_IO_ERROR_CANCELLED when cancelled.  Free with dag_transport_result_free(). */
DagTransportResult *dag_transport_plan          (DagOrg                    *org,
                                                 const DagTravel           *travel,
                                                 DagDate                    date,
                                                 const DagTransportOptions *options,
                                                 GCancellable              *cancellable,
                                                 GError                   **error);

/* The same in a GTask thread.  org and travel must stay alive and unchanged
 * until the callback has run. */
void                dag_transport_plan_async    (DagOrg                    *org,
                                                 const DagTravel           *travel,
                                                 DagDate                    date,
                                                 const DagTransportOptions *options,
                                                 GCancellable              *cancellable,
                                                 GAsyncReadyCallback        callback,
                                                 gpointer                   user_data);
DagTransportResult *dag_transport_plan_finish   (GAsyncResult              *result,
                                                 GError                   **error);

void                dag_transport_result_free   (DagTransportResult        *result);

/* Replaces the runs of the result's date in org->runs by the result's runs
 * (runs of other dates stay), e.g. before dag_store_save (…, DAG_SECTION_RUNS, …). */
void                dag_transport_apply         (DagOrg                    *org,
                                                 const DagTransportResult  *result);

/* Checks the runs of date in org->runs independently of the planner: stop
 * times against the travel times, seats and wheelchair places, ride times,
 * arrival windows, that every rider attends the location that day, and that
 * no vehicle or driver has overlapping runs.  Fills report when given. */
gboolean            dag_transport_check         (DagOrg                    *org,
                                                 const DagTravel           *travel,
                                                 DagDate                    date,
                                                 DagTransportCheck         *report,
                                                 GError                   **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DagTransportResult, dag_transport_result_free)

G_END_DECLS
