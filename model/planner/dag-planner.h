/* dag-planner.h — the automatic week planner: places participants in group
 * slots and staff in those slots, and returns the change set against the
 * current plan. */

#pragma once

#include <gio/gio.h>

#include "dag-org.h"
#include "dag-store.h"
#include "dag-travel.h"

G_BEGIN_DECLS

#define DAG_PLANNER_ERROR (dag_planner_error_quark ())

typedef enum {
  DAG_PLANNER_ERROR_INVALID,   /* the options make no sense */
} DagPlannerError;

typedef struct {
  DagDate  week;            /* a date in the week to plan for (its Monday is used) */
  guint    time_limit_ms;   /* 0: no limit */
  guint64  seed;
  gboolean keep_existing;   /* re-plan: change the current plan as little as possible */
  gboolean construct_only;  /* skip the local search: fast, a little less good
                             * (for generated demo data) */
  const DagTravel *travel;  /* travel times (with the imported matrix) for the
                             * ride-time limit of transported participants;
                             * NULL: estimated from coordinates */
  int      location;        /* -1 (the default): plan every location; else
                             * only this location's groups and their staffing
                             * change, and what is planned at the other
                             * locations stays as it is */
  GCancellable *stop;       /* NULL, or when cancelled the search ends at
                             * once and the best plan found so far is
                             * returned (unlike the cancellable of
                             * dag_planner_run, which returns nothing) */
  volatile gint *placed_now;  /* NULL, or set (g_atomic_int_set) to the dagdelen
                               * placed by the best plan so far while the
                               * planner runs, for a progress display */
  volatile gint *bound_now;   /* NULL, or set once the upper bound is known */
} DagPlannerOptions;

typedef enum {
  DAG_WAIT_NO_CAPACITY,     /* every matching group is full on the free dagdelen */
  DAG_WAIT_NO_GROUP,        /* no group with the product and level runs enough dagdelen */
  DAG_WAIT_NO_STAFF,        /* the group slots could not be staffed */
  DAG_WAIT_UNAVAILABLE,     /* the participant is unavailable on the dagdelen left */
  DAG_WAIT_OUT_OF_REACH,    /* transported, and every matching group is beyond the
                             * ride-time limit even driven alone */
  DAG_N_WAIT_REASONS
} DagWaitReason;

typedef struct {
  int           participant;
  int           indication;
  int           units;      /* dagdelen a week not placed for this reason */
  DagWaitReason reason;
} DagWaitEntry;

typedef enum {
  DAG_CHANGE_ADD,
  DAG_CHANGE_REMOVE,
  DAG_CHANGE_MOVE,
} DagChangeKind;

/* Why the planner proposes a change, from the facts of the week. */
typedef enum {
  DAG_CHANGE_WHY_WAITING,       /* an addition: the indication allows more dagdelen */
  DAG_CHANGE_WHY_NO_INDICATION, /* no valid indication covers the old dagdeel */
  DAG_CHANGE_WHY_UNAVAILABLE,   /* the participant is unavailable on the old dagdeel */
  DAG_CHANGE_WHY_GROUP,         /* the old group no longer runs then or no longer fits */
  DAG_CHANGE_WHY_VOLUME,        /* more dagdelen were planned than the indication allows */
  DAG_CHANGE_WHY_PREFERRED,     /* a move to a day the participant prefers */
  DAG_CHANGE_WHY_NO_STAFF,      /* a removal: the group slots could not be staffed */
  DAG_CHANGE_WHY_BETTER,        /* the plan places more, or staffs or transports better, with it */
  DAG_N_CHANGE_WHYS
} DagChangeWhy;

typedef struct {
  DagChangeKind kind;
  int           participant;
  int           from_group, from_slot;   /* -1 for an addition */
  int           to_group, to_slot;       /* -1 for a removal */
  DagChangeWhy  why;
} DagPlanChange;

typedef struct {
  DagDate week;             /* the Monday planned for */
  int     location;         /* the location planned, -1 for all (options) */
  GArray *plan;             /* of DagPlanEntry: the new standing plan */
  GArray *staffing;         /* of DagStaffing: the new staffing */
  GArray *changes;          /* of DagPlanChange against org->plan */
  GArray *waiting;          /* of DagWaitEntry */
  guint   indicated;        /* dagdelen a week the valid indications allow */
  guint   placed;           /* of which placed */
  guint   bound;            /* a true upper bound on placed: no plan of this
                             * week places more (dag-planner-bound.c) */
  guint   participants_changed;  /* participants with an existing entry that changed */
  guint   staffing_changes; /* staffing entries added or removed */
  gint64  objective;        /* the planner's objective (higher is better) */
  guint   iterations;
} DagPlanResult;

/* Called with a fraction 0..1, in the thread that runs the planner. */
typedef void (*DagPlannerProgress) (double fraction, gpointer user_data);

GQuark         dag_planner_error_quark   (void);
void           dag_planner_options_init  (DagPlannerOptions *options);
const char    *dag_wait_reason_name      (DagWaitReason reason);
/* The reason of a change in words, for the coordinator. */
const char    *dag_change_why_text       (DagChangeWhy  why);

/* Plans org for options->week.  Returns NULL with G_IO_ERROR_CANCELLED when
 * cancelled.  org is only read.  Free the result with dag_plan_result_free. */
DagPlanResult *dag_planner_run           (const DagOrg             *org,
                                          const DagPlannerOptions  *options,
                                          DagPlannerProgress        progress,
                                          gpointer                  progress_data,
                                          GCancellable             *cancellable,
                                          GError                  **error);

/* The same in a GTask thread; org must stay alive and unchanged until the
 * callback runs. */
void           dag_planner_run_async     (const DagOrg             *org,
                                          const DagPlannerOptions  *options,
                                          DagPlannerProgress        progress,
                                          gpointer                  progress_data,
                                          GCancellable             *cancellable,
                                          GAsyncReadyCallback       callback,
                                          gpointer                  user_data);
DagPlanResult *dag_planner_run_finish    (GAsyncResult             *result,
                                          GError                  **error);

void           dag_plan_result_free      (DagPlanResult *result);
/* Makes the result's plan and staffing org's from the planned week on
 * (dag_dated_replace); the weeks before keep theirs.  A result for one
 * location replaces only the entries of that location's groups. */
void           dag_plan_result_apply     (const DagPlanResult *result,
                                          DagOrg              *org);
/* The same for a copy of org's plan and staffing arrays. */
void           dag_plan_result_replace   (const DagPlanResult *result,
                                          const DagOrg        *org,
                                          GArray              *plan,
                                          GArray              *staffing);
/* Applies the result to org and saves the plan and staffing entries that
 * changed in one transaction (audit action "plan").  A frozen week
 * (dag_schedule_week_frozen, today) is DAG_STORE_ERROR_FROZEN with the
 * reason; DAG_STORE_ERROR_CHANGED when another process changed what org
 * was read from since (plan again from a fresh load); in both cases
 * nothing changes. */
gboolean       dag_plan_result_save      (const DagPlanResult *result,
                                          DagStore            *store,
                                          DagOrg              *org,
                                          GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DagPlanResult, dag_plan_result_free)

G_END_DECLS
