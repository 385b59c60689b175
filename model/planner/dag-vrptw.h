/* dag-vrptw.h — a vehicle-routing solver with time windows, capacities and ride-time limits on an index-based problem. */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define DAG_VRPTW_ERROR (dag_vrptw_error_quark ())
#define DAG_VRPTW_MAX_DIMS 4

typedef enum
{
  DAG_VRPTW_ERROR_INVALID,    /* the problem data are inconsistent */
  DAG_VRPTW_ERROR_INFEASIBLE, /* a solution breaks a constraint */
  DAG_VRPTW_ERROR_PARSE,      /* an instance file could not be read */
} DagVrptwError;

/* How a participant's ride time is measured, if it is limited at all. */
typedef enum
{
  DAG_VRPTW_RIDE_NONE,
  /* Pick-ups: from leaving the stop until arriving at the end depot. */
  DAG_VRPTW_RIDE_TO_DEPOT,
  /* Drop-offs: from leaving the start depot until service starts at the stop. */
  DAG_VRPTW_RIDE_FROM_DEPOT,
} DagVrptwRideMode;

typedef double (*DagVrptwCostFunc) (guint    from,
                                    guint    to,
                                    gpointer user_data);

typedef struct
{
  guint   phase;          /* 0 construction, 1 route elimination, 2 distance */
  double  fraction;       /* share of the budget used, 0..1 */
  guint64 iterations;
  guint   best_vehicles;
  double  best_distance;
} DagVrptwProgress;

/* Called from the thread that solves, every 1024 iterations. */
typedef void (*DagVrptwProgressFunc) (const DagVrptwProgress *progress,
                                      gpointer                user_data);

/* With time_limit 0 the run depends only on the seed and max_iterations,
 * so it repeats exactly on any machine. */
typedef struct
{
  guint64              max_iterations; /* 0: no limit */
  double               time_limit;     /* seconds, 0: no limit */
  guint32              seed;
  double               fleet_fraction; /* share of the budget for route elimination */
  DagVrptwProgressFunc progress;
  gpointer             progress_data;
} DagVrptwOptions;

typedef struct _DagVrptwProblem  DagVrptwProblem;
typedef struct _DagVrptwSolution DagVrptwSolution;

typedef struct
{
  guint  n_vehicles;
  guint  n_unassigned;
  double distance;
  double ride_time;  /* sum over served customers, under the problem's ride mode */
  double duration;   /* sum of the shortest possible route durations */
} DagVrptwCheck;

GQuark            dag_vrptw_error_quark                  (void);

/* Node 0 is the depot, 1 .. n_nodes-1 the customers; n_dims capacity dimensions. */
DagVrptwProblem  *dag_vrptw_problem_new                  (guint                   n_nodes,
                                                          guint                   n_dims);
void              dag_vrptw_problem_free                 (DagVrptwProblem        *self);
guint             dag_vrptw_problem_get_n_nodes          (const DagVrptwProblem  *self);
void              dag_vrptw_problem_set_node             (DagVrptwProblem        *self,
                                                          guint                   node,
                                                          double                  ready,
                                                          double                  due,
                                                          double                  service);
void              dag_vrptw_problem_set_demand           (DagVrptwProblem        *self,
                                                          guint                   node,
                                                          guint                   dim,
                                                          int                     demand);
/* Copies row-major n×n matrices; distance may be NULL to use the travel times. */
void              dag_vrptw_problem_set_matrices         (DagVrptwProblem        *self,
                                                          const double           *travel_time,
                                                          const double           *distance);
/* Calls the functions once for every pair and keeps the results. */
void              dag_vrptw_problem_set_cost_funcs       (DagVrptwProblem        *self,
                                                          DagVrptwCostFunc        travel_time,
                                                          DagVrptwCostFunc        distance,
                                                          gpointer                user_data);
/* capacity holds n_dims values; max_vehicles 0 means unlimited. */
void              dag_vrptw_problem_set_fleet            (DagVrptwProblem        *self,
                                                          guint                   max_vehicles,
                                                          const int              *capacity);
/* Longest route from leaving the depot to coming back; <= 0 switches it off. */
void              dag_vrptw_problem_set_max_route_duration (DagVrptwProblem      *self,
                                                          double                  max_duration);
/* Sets the ride mode and the same ride-time limit for every customer. */
void              dag_vrptw_problem_set_ride_limit       (DagVrptwProblem        *self,
                                                          DagVrptwRideMode        mode,
                                                          double                  max_ride);
/* Overrides one customer's ride-time limit; <= 0 means no limit. */
void              dag_vrptw_problem_set_max_ride         (DagVrptwProblem        *self,
                                                          guint                   node,
                                                          double                  max_ride);
/* Reads Solomon's text layout (Euclidean distances, travel time = distance). */
DagVrptwProblem  *dag_vrptw_problem_new_from_solomon     (const char             *path,
                                                          GError                **error);

void              dag_vrptw_options_init                 (DagVrptwOptions        *options);

/* Solves the problem; returns a new solution (free it), or NULL when cancelled. */
DagVrptwSolution *dag_vrptw_solve                        (const DagVrptwProblem  *problem,
                                                          const DagVrptwOptions  *options,
                                                          GCancellable           *cancellable,
                                                          GError                **error);

/* An empty solution to be filled with dag_vrptw_solution_add_route (for checks). */
DagVrptwSolution *dag_vrptw_solution_new                 (void);
void              dag_vrptw_solution_free                (DagVrptwSolution       *self);
void              dag_vrptw_solution_add_route           (DagVrptwSolution       *self,
                                                          const guint            *stops,
                                                          guint                   n_stops);
void              dag_vrptw_solution_add_unassigned      (DagVrptwSolution       *self,
                                                          guint                   node);
guint             dag_vrptw_solution_get_n_routes        (const DagVrptwSolution *self);
/* The customers of route i in order, without the depot; owned by the solution. */
const guint      *dag_vrptw_solution_get_route           (const DagVrptwSolution *self,
                                                          guint                   i,
                                                          guint                  *n_stops);
/* Customers no vehicle can serve; owned by the solution. */
const guint      *dag_vrptw_solution_get_unassigned      (const DagVrptwSolution *self,
                                                          guint                  *n);
double            dag_vrptw_solution_get_distance        (const DagVrptwSolution *self);
guint64           dag_vrptw_solution_get_iterations      (const DagVrptwSolution *self);

/* Recomputes times, loads and limits of every route independently of the solver. */
gboolean          dag_vrptw_check                        (const DagVrptwProblem  *problem,
                                                          const DagVrptwSolution *solution,
                                                          DagVrptwCheck          *report,
                                                          GError                **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DagVrptwProblem, dag_vrptw_problem_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DagVrptwSolution, dag_vrptw_solution_free)

G_END_DECLS
