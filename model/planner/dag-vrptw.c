/* dag-vrptw.c — route construction, route elimination and string-removal ruin-and-recreate for the VRPTW. */

#include "dag-vrptw.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define EPS 1e-9
#define BLINK_RATE 0.01
#define MAX_STRING 10
#define AVG_REMOVED 10.0
#define SPLIT_BETA 0.01
#define CHECK_EVERY 64
#define SEED_AT_ABSENT 0.5
#define STALL_LIMIT 30000

G_DEFINE_QUARK (dag-vrptw-error-quark, dag_vrptw_error)

struct _DagVrptwProblem
{
  guint            n;
  guint            dims;
  double          *ready;
  double          *due;
  double          *service;
  int             *demand;   /* n × dims */
  double          *time;     /* n × n */
  double          *dist;     /* n × n */
  guint            max_vehicles;
  int              capacity[DAG_VRPTW_MAX_DIMS];
  double           max_duration;
  DagVrptwRideMode ride_mode;
  double          *max_ride;
};

struct _DagVrptwSolution
{
  GPtrArray *routes;     /* of GArray of guint */
  GArray    *unassigned; /* of guint */
  double     distance;
  guint64    iterations;
};

/* ------------------------------------------------------------------ */
/* Problem                                                             */

DagVrptwProblem *
dag_vrptw_problem_new (guint n_nodes,
                       guint n_dims)
{
  DagVrptwProblem *self;

  g_return_val_if_fail (n_nodes >= 1, NULL);
  g_return_val_if_fail (n_dims >= 1 && n_dims <= DAG_VRPTW_MAX_DIMS, NULL);

  self = g_new0 (DagVrptwProblem, 1);
  self->n = n_nodes;
  self->dims = n_dims;
  self->ready = g_new0 (double, n_nodes);
  self->due = g_new0 (double, n_nodes);
  self->service = g_new0 (double, n_nodes);
  self->demand = g_new0 (int, (gsize) n_nodes * n_dims);
  self->time = g_new0 (double, (gsize) n_nodes * n_nodes);
  self->dist = g_new0 (double, (gsize) n_nodes * n_nodes);
  self->max_ride = g_new0 (double, n_nodes);
  for (guint i = 0; i < n_nodes; i++)
    self->due[i] = G_MAXDOUBLE / 4;
  for (guint d = 0; d < DAG_VRPTW_MAX_DIMS; d++)
    self->capacity[d] = G_MAXINT / 4;

  return self;
}

void
dag_vrptw_problem_free (DagVrptwProblem *self)
{
  if (self == NULL)
    return;
  g_free (self->ready);
  g_free (self->due);
  g_free (self->service);
  g_free (self->demand);
  g_free (self->time);
  g_free (self->dist);
  g_free (self->max_ride);
  g_free (self);
}

guint
dag_vrptw_problem_get_n_nodes (const DagVrptwProblem *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n;
}

void
dag_vrptw_problem_set_node (DagVrptwProblem *self,
                            guint            node,
                            double           ready,
                            double           due,
                            double           service)
{
  g_return_if_fail (self != NULL && node < self->n);
  self->ready[node] = ready;
  self->due[node] = due;
  self->service[node] = service;
}

void
dag_vrptw_problem_set_demand (DagVrptwProblem *self,
                              guint            node,
                              guint            dim,
                              int              demand)
{
  g_return_if_fail (self != NULL && node < self->n && dim < self->dims);
  self->demand[node * self->dims + dim] = demand;
}

void
dag_vrptw_problem_set_matrices (DagVrptwProblem *self,
                                const double    *travel_time,
                                const double    *distance)
{
  gsize size;

  g_return_if_fail (self != NULL && travel_time != NULL);
  size = (gsize) self->n * self->n * sizeof (double);
  memcpy (self->time, travel_time, size);
  memcpy (self->dist, distance != NULL ? distance : travel_time, size);
}

void
dag_vrptw_problem_set_cost_funcs (DagVrptwProblem  *self,
                                  DagVrptwCostFunc  travel_time,
                                  DagVrptwCostFunc  distance,
                                  gpointer          user_data)
{
  g_return_if_fail (self != NULL && travel_time != NULL);
  for (guint i = 0; i < self->n; i++)
    for (guint j = 0; j < self->n; j++)
      {
        double t = travel_time (i, j, user_data);

        self->time[i * self->n + j] = t;
        self->dist[i * self->n + j] = distance != NULL ? distance (i, j, user_data) : t;
      }
}

void
dag_vrptw_problem_set_fleet (DagVrptwProblem *self,
                             guint            max_vehicles,
                             const int       *capacity)
{
  g_return_if_fail (self != NULL && capacity != NULL);
  self->max_vehicles = max_vehicles;
  for (guint d = 0; d < self->dims; d++)
    self->capacity[d] = capacity[d];
}

void
dag_vrptw_problem_set_max_route_duration (DagVrptwProblem *self,
                                          double           max_duration)
{
  g_return_if_fail (self != NULL);
  self->max_duration = max_duration;
}

void
dag_vrptw_problem_set_ride_limit (DagVrptwProblem  *self,
                                  DagVrptwRideMode  mode,
                                  double            max_ride)
{
  g_return_if_fail (self != NULL);
  self->ride_mode = mode;
  for (guint i = 1; i < self->n; i++)
    self->max_ride[i] = max_ride;
}

void
dag_vrptw_problem_set_max_ride (DagVrptwProblem *self,
                                guint            node,
                                double           max_ride)
{
  g_return_if_fail (self != NULL && node < self->n);
  self->max_ride[node] = max_ride;
}

DagVrptwProblem *
dag_vrptw_problem_new_from_solomon (const char  *path,
                                    GError     **error)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GArray) rows = NULL;
  g_autoptr(DagVrptwProblem) self = NULL;
  int capacity = 0;
  guint n_vehicles = 0;
  gboolean in_customers = FALSE;
  guint n;

  if (!g_file_get_contents (path, &text, NULL, error))
    return NULL;

  rows = g_array_new (FALSE, FALSE, sizeof (double) * 7);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) tokens = g_strsplit_set (g_strstrip (lines[i]), " \t\r", -1);
      double v[7];
      guint got = 0;

      if (strstr (lines[i], "CUST") != NULL)
        {
          in_customers = TRUE;
          continue;
        }
      /* g_ascii_strtod, not sscanf: the files use '.' whatever the locale. */
      for (guint k = 0; tokens[k] != NULL; k++)
        {
          char *end;
          double x;

          if (tokens[k][0] == '\0')
            continue;
          x = g_ascii_strtod (tokens[k], &end);
          if (*end != '\0' || got == 7)
            {
              got = G_MAXUINT;
              break;
            }
          v[got++] = x;
        }
      if (!in_customers)
        {
          if (got == 2)
            {
              n_vehicles = (guint) v[0];
              capacity = (int) v[1];
            }
          continue;
        }
      if (got == 7)
        g_array_append_vals (rows, v, 1);
      else if (got > 0)
        {
          g_set_error (error, DAG_VRPTW_ERROR, DAG_VRPTW_ERROR_PARSE,
                       "%s:%u: expected 7 numbers", path, i + 1);
          return NULL;
        }
    }

  if (rows->len < 2 || capacity <= 0)
    {
      g_set_error (error, DAG_VRPTW_ERROR, DAG_VRPTW_ERROR_PARSE,
                   "%s: no vehicle capacity or customers found", path);
      return NULL;
    }

  n = rows->len;
  self = dag_vrptw_problem_new (n, 1);
  dag_vrptw_problem_set_fleet (self, n_vehicles, &capacity);
  for (guint i = 0; i < n; i++)
    {
      const double *r = &g_array_index (rows, double, i * 7);

      if ((guint) r[0] != i)
        {
          g_set_error (error, DAG_VRPTW_ERROR, DAG_VRPTW_ERROR_PARSE,
                       "%s: node %u is numbered %g", path, i, r[0]);
          return NULL;
        }
      dag_vrptw_problem_set_node (self, i, r[4], r[5], r[6]);
      dag_vrptw_problem_set_demand (self, i, 0, (int) r[3]);
      for (guint j = 0; j < n; j++)
        {
          const double *q = &g_array_index (rows, double, j * 7);
          double d = hypot (r[1] - q[1], r[2] - q[2]);

          self->time[i * n + j] = d;
          self->dist[i * n + j] = d;
        }
    }

  return g_steal_pointer (&self);
}

void
dag_vrptw_options_init (DagVrptwOptions *options)
{
  g_return_if_fail (options != NULL);
  memset (options, 0, sizeof *options);
  options->time_limit = 10.0;
  options->seed = 1;
  options->fleet_fraction = 0.5;
}

/* ------------------------------------------------------------------ */
/* Solution                                                            */

DagVrptwSolution *
dag_vrptw_solution_new (void)
{
  DagVrptwSolution *self = g_new0 (DagVrptwSolution, 1);

  self->routes = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  self->unassigned = g_array_new (FALSE, FALSE, sizeof (guint));
  return self;
}

void
dag_vrptw_solution_free (DagVrptwSolution *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->routes);
  g_array_unref (self->unassigned);
  g_free (self);
}

void
dag_vrptw_solution_add_route (DagVrptwSolution *self,
                              const guint      *stops,
                              guint             n_stops)
{
  GArray *route;

  g_return_if_fail (self != NULL);
  route = g_array_sized_new (FALSE, FALSE, sizeof (guint), n_stops);
  g_array_append_vals (route, stops, n_stops);
  g_ptr_array_add (self->routes, route);
}

void
dag_vrptw_solution_add_unassigned (DagVrptwSolution *self,
                                   guint             node)
{
  g_return_if_fail (self != NULL);
  g_array_append_val (self->unassigned, node);
}

guint
dag_vrptw_solution_get_n_routes (const DagVrptwSolution *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->routes->len;
}

const guint *
dag_vrptw_solution_get_route (const DagVrptwSolution *self,
                              guint                   i,
                              guint                  *n_stops)
{
  GArray *route;

  g_return_val_if_fail (self != NULL && i < self->routes->len, NULL);
  route = g_ptr_array_index (self->routes, i);
  if (n_stops != NULL)
    *n_stops = route->len;
  return (const guint *) route->data;
}

const guint *
dag_vrptw_solution_get_unassigned (const DagVrptwSolution *self,
                                   guint                  *n)
{
  g_return_val_if_fail (self != NULL, NULL);
  if (n != NULL)
    *n = self->unassigned->len;
  return (const guint *) self->unassigned->data;
}

double
dag_vrptw_solution_get_distance (const DagVrptwSolution *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->distance;
}

guint64
dag_vrptw_solution_get_iterations (const DagVrptwSolution *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->iterations;
}

/* ------------------------------------------------------------------ */
/* Checker: deliberately written apart from the solver's bookkeeping.  */

gboolean
dag_vrptw_check (const DagVrptwProblem  *p,
                 const DagVrptwSolution *solution,
                 DagVrptwCheck          *report,
                 GError                **error)
{
  g_autofree guint *seen = NULL;
  g_autofree double *start = NULL;
  g_autofree double *latest = NULL;
  DagVrptwCheck r = { 0 };
  guint n;

  g_return_val_if_fail (p != NULL && solution != NULL, FALSE);

  n = p->n;
  seen = g_new0 (guint, n);
  start = g_new0 (double, n + 2);
  latest = g_new0 (double, n + 2);

  for (guint k = 0; k < solution->unassigned->len; k++)
    {
      guint c = g_array_index (solution->unassigned, guint, k);

      if (c == 0 || c >= n || seen[c]++)
        {
          g_set_error (error, DAG_VRPTW_ERROR, DAG_VRPTW_ERROR_INFEASIBLE,
                       "Unassigned node %u is invalid or listed twice", c);
          return FALSE;
        }
      r.n_unassigned++;
    }

  for (guint ri = 0; ri < solution->routes->len; ri++)
    {
      GArray *route = g_ptr_array_index (solution->routes, ri);
      const guint *stop = (const guint *) route->data;
      guint len = route->len;
      int load[DAG_VRPTW_MAX_DIMS] = { 0 };
      double t, end, departure;
      guint prev = 0;

      if (len == 0)
        continue;
      r.n_vehicles++;

      /* Earliest schedule, leaving the depot when it opens. */
      t = p->ready[0];
      for (guint k = 0; k <= len; k++)
        {
          guint c = k < len ? stop[k] : 0;
          double arrive = t + p->service[prev] + p->time[prev * n + c];

          if (k < len)
            {
              if (c == 0 || c >= n || seen[c]++)
                {
                  g_set_error (error, DAG_VRPTW_ERROR, DAG_VRPTW_ERROR_INFEASIBLE,
                               "Route %u visits node %u, which is invalid or visited twice", ri, c);
                  return FALSE;
                }
              for (guint d = 0; d < p->dims; d++)
                load[d] += p->demand[c * p->dims + d];
            }
          t = MAX (arrive, p->ready[c]);
          if (t > p->due[c] + 1e-6)
            {
              g_set_error (error, DAG_VRPTW_ERROR, DAG_VRPTW_ERROR_INFEASIBLE,
                           "Route %u reaches node %u at %.3f, after its due time %.3f",
                           ri, c, t, p->due[c]);
              return FALSE;
            }
          start[k + 1] = t;
          r.distance += p->dist[prev * n + c];
          prev = c;
        }
      for (guint d = 0; d < p->dims; d++)
        if (load[d] > p->capacity[d])
          {
            g_set_error (error, DAG_VRPTW_ERROR, DAG_VRPTW_ERROR_INFEASIBLE,
                         "Route %u loads %d in dimension %u, above the capacity %d",
                         ri, load[d], d, p->capacity[d]);
            return FALSE;
          }

      /* Latest schedule that still comes back at the earliest end: it
       * leaves as late as possible, which gives the shortest duration and
       * the shortest rides to the depot. */
      end = start[len + 1];
      latest[len + 1] = end;
      for (guint k = len + 1; k-- > 0;)
        {
          guint c = k == 0 ? 0 : stop[k - 1];
          guint next = k == len ? 0 : stop[k];
          double l = latest[k + 1] - p->time[c * n + next] - p->service[c];

          latest[k] = k == 0 ? l : MIN (l, p->due[c]);
        }
      departure = latest[0];
      r.duration += end - departure;
      if (p->max_duration > 0 && end - departure > p->max_duration + 1e-6)
        {
          g_set_error (error, DAG_VRPTW_ERROR, DAG_VRPTW_ERROR_INFEASIBLE,
                       "Route %u lasts %.3f, above the limit %.3f",
                       ri, end - departure, p->max_duration);
          return FALSE;
        }

      if (p->ride_mode == DAG_VRPTW_RIDE_FROM_DEPOT)
        {
          /* Latest departure from the depot that keeps every window. */
          double leave = p->due[0];

          for (guint k = len + 1; k-- > 0;)
            {
              guint c = k == 0 ? 0 : stop[k - 1];
              guint next = k == len ? 0 : stop[k];

              leave = MIN (leave - p->time[c * n + next] - p->service[c], p->due[c]);
              if (k == 0)
                break;
            }
          leave = MAX (leave, p->ready[0]);
          t = leave;
          prev = 0;
          for (guint k = 0; k < len; k++)
            {
              guint c = stop[k];
              double ride;

              t = MAX (t + p->service[prev] + p->time[prev * n + c], p->ready[c]);
              ride = t - leave;
              r.ride_time += ride;
              if (p->max_ride[c] > 0 && ride > p->max_ride[c] + 1e-6)
                {
                  g_set_error (error, DAG_VRPTW_ERROR, DAG_VRPTW_ERROR_INFEASIBLE,
                               "Node %u rides %.3f, above its limit %.3f",
                               c, ride, p->max_ride[c]);
                  return FALSE;
                }
              prev = c;
            }
        }
      else if (p->ride_mode == DAG_VRPTW_RIDE_TO_DEPOT)
        {
          for (guint k = 0; k < len; k++)
            {
              guint c = stop[k];
              double ride = end - (latest[k + 1] + p->service[c]);

              r.ride_time += ride;
              if (p->max_ride[c] > 0 && ride > p->max_ride[c] + 1e-6)
                {
                  g_set_error (error, DAG_VRPTW_ERROR, DAG_VRPTW_ERROR_INFEASIBLE,
                               "Node %u rides %.3f, above its limit %.3f",
                               c, ride, p->max_ride[c]);
                  return FALSE;
                }
            }
        }
    }

  if (p->max_vehicles > 0 && r.n_vehicles > p->max_vehicles)
    {
      g_set_error (error, DAG_VRPTW_ERROR, DAG_VRPTW_ERROR_INFEASIBLE,
                   "%u vehicles used, %u available", r.n_vehicles, p->max_vehicles);
      return FALSE;
    }
  for (guint c = 1; c < n; c++)
    if (seen[c] == 0)
      {
        g_set_error (error, DAG_VRPTW_ERROR, DAG_VRPTW_ERROR_INFEASIBLE,
                     "Node %u is neither visited nor listed as unassigned", c);
        return FALSE;
      }

  if (report != NULL)
    *report = r;
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Solver state                                                        */

typedef struct
{
  int    *seq;   /* seq[0] and seq[len + 1] are the depot */
  double *a;     /* earliest service start */
  double *z;     /* latest service start that keeps the rest feasible */
  int     len;
  int     alloc;
  int     load[DAG_VRPTW_MAX_DIMS];
  double  dist;
} Route;

typedef struct
{
  Route *r;
  int    nr;
  int    ralloc;
  int   *unassigned;
  int    nu;
  int   *where_r;  /* route of each customer, -1 when unassigned */
  int   *where_p;  /* position in seq */
  double dist;
} Sol;

typedef struct
{
  const DagVrptwProblem *p;
  int                    n;
  int                    dims;
  const double          *t;
  const double          *d;
  gboolean               complex;   /* duration or ride limits need full checks */
  int                   *neigh;     /* n × n, customers by distance */
  guint64                rng;
  int                   *buf;       /* scratch sequence */
  double                *times;     /* scratch times for buf */
  int                   *removed;
  int                    nremoved;
  guint8                *flag;
  guint8                *ruined;
  int                   *absences;
  int                   *order_key;
  double                *sort_key;
  int                    n_fixed_out; /* customers nobody can serve */
} Ctx;

static inline guint64
rng_next (Ctx *ctx)
{
  /* xorshift64*, seeded from GRand so runs repeat for a seed. */
  ctx->rng ^= ctx->rng >> 12;
  ctx->rng ^= ctx->rng << 25;
  ctx->rng ^= ctx->rng >> 27;
  return ctx->rng * 2685821657736338717ULL;
}

static inline double
rng_double (Ctx *ctx)
{
  return (rng_next (ctx) >> 11) * (1.0 / 9007199254740992.0);
}

static inline int
rng_int (Ctx   *ctx,
         int    n)
{
  return (int) (rng_double (ctx) * n);
}

static void
route_reserve (Route *r,
               int    len)
{
  if (len + 2 <= r->alloc)
    return;
  r->alloc = MAX (len + 2, r->alloc * 2);
  r->seq = g_renew (int, r->seq, r->alloc);
  r->a = g_renew (double, r->a, r->alloc);
  r->z = g_renew (double, r->z, r->alloc);
}

static void
route_clear (Route *r)
{
  g_free (r->seq);
  g_free (r->a);
  g_free (r->z);
  memset (r, 0, sizeof *r);
}

static void
sol_init (Sol *s,
          int  n)
{
  memset (s, 0, sizeof *s);
  s->unassigned = g_new (int, n);
  s->where_r = g_new (int, n);
  s->where_p = g_new (int, n);
  for (int i = 0; i < n; i++)
    s->where_r[i] = -1;
}

static void
sol_clear (Sol *s)
{
  for (int i = 0; i < s->ralloc; i++)
    route_clear (&s->r[i]);
  g_free (s->r);
  g_free (s->unassigned);
  g_free (s->where_r);
  g_free (s->where_p);
  memset (s, 0, sizeof *s);
}

static Route *
sol_add_route (Sol *s)
{
  Route *r;

  if (s->nr == s->ralloc)
    {
      int old = s->ralloc;

      s->ralloc = MAX (8, s->ralloc * 2);
      s->r = g_renew (Route, s->r, s->ralloc);
      memset (s->r + old, 0, (s->ralloc - old) * sizeof (Route));
    }
  r = &s->r[s->nr++];
  r->len = 0;
  r->dist = 0;
  memset (r->load, 0, sizeof r->load);
  return r;
}

static void
sol_copy (Sol       *dst,
          const Sol *src,
          int        n)
{
  while (dst->ralloc < src->nr)
    {
      int old = dst->ralloc;

      dst->ralloc = MAX (8, dst->ralloc * 2);
      dst->r = g_renew (Route, dst->r, dst->ralloc);
      memset (dst->r + old, 0, (dst->ralloc - old) * sizeof (Route));
    }
  for (int i = 0; i < src->nr; i++)
    {
      const Route *a = &src->r[i];
      Route *b = &dst->r[i];

      route_reserve (b, a->len);
      memcpy (b->seq, a->seq, (a->len + 2) * sizeof (int));
      memcpy (b->a, a->a, (a->len + 2) * sizeof (double));
      memcpy (b->z, a->z, (a->len + 2) * sizeof (double));
      b->len = a->len;
      memcpy (b->load, a->load, sizeof a->load);
      b->dist = a->dist;
    }
  dst->nr = src->nr;
  memcpy (dst->unassigned, src->unassigned, src->nu * sizeof (int));
  dst->nu = src->nu;
  memcpy (dst->where_r, src->where_r, n * sizeof (int));
  memcpy (dst->where_p, src->where_p, n * sizeof (int));
  dst->dist = src->dist;
}

/* Recomputes loads, distance and the time slack arrays of route ri. */
static void
route_update (Ctx *ctx,
              Sol *s,
              int  ri)
{
  const DagVrptwProblem *p = ctx->p;
  Route *r = &s->r[ri];
  int n = ctx->n;
  int last = r->len + 1;

  s->dist -= r->dist;
  r->seq[0] = 0;
  r->seq[last] = 0;
  r->dist = 0;
  memset (r->load, 0, sizeof r->load);
  r->a[0] = p->ready[0];
  for (int k = 1; k <= last; k++)
    {
      int u = r->seq[k - 1], v = r->seq[k];

      r->a[k] = MAX (p->ready[v], r->a[k - 1] + p->service[u] + ctx->t[u * n + v]);
      r->dist += ctx->d[u * n + v];
      if (k < last)
        {
          for (int d = 0; d < ctx->dims; d++)
            r->load[d] += p->demand[v * ctx->dims + d];
          s->where_r[v] = ri;
          s->where_p[v] = k;
        }
    }
  r->z[last] = p->due[0];
  for (int k = last - 1; k >= 0; k--)
    {
      int u = r->seq[k], v = r->seq[k + 1];

      r->z[k] = MIN (p->due[u], r->z[k + 1] - p->service[u] - ctx->t[u * n + v]);
    }
  s->dist += r->dist;
}

static void
sol_remove_route (Ctx *ctx,
                  Sol *s,
                  int  ri)
{
  Route tmp;

  s->dist -= s->r[ri].dist;
  tmp = s->r[ri];
  s->r[ri] = s->r[s->nr - 1];
  s->r[s->nr - 1] = tmp;
  s->nr--;
  if (ri < s->nr)
    for (int k = 1; k <= s->r[ri].len; k++)
      s->where_r[s->r[ri].seq[k]] = ri;
  (void) ctx;
}

/* Full O(length) check of duration and ride limits of a sequence with
 * depots at both ends; time windows are assumed checked already. */
static gboolean
seq_feasible_full (Ctx       *ctx,
                   const int *seq,
                   int        len)
{
  const DagVrptwProblem *p = ctx->p;
  int n = ctx->n;
  int last = len + 1;
  double *a = ctx->times;
  double l;

  a[0] = p->ready[0];
  for (int k = 1; k <= last; k++)
    {
      int u = seq[k - 1], v = seq[k];

      a[k] = MAX (p->ready[v], a[k - 1] + p->service[u] + ctx->t[u * n + v]);
      if (a[k] > p->due[v] + EPS)
        return FALSE;
    }

  if (p->max_duration > 0 || p->ride_mode == DAG_VRPTW_RIDE_TO_DEPOT)
    {
      double end = a[last];

      l = end;
      for (int k = last - 1; k >= 0; k--)
        {
          int u = seq[k], v = seq[k + 1];

          l = l - p->service[u] - ctx->t[u * n + v];
          if (k > 0)
            {
              l = MIN (l, p->due[u]);
              if (p->ride_mode == DAG_VRPTW_RIDE_TO_DEPOT && p->max_ride[u] > 0
                  && end - (l + p->service[u]) > p->max_ride[u] + EPS)
                return FALSE;
            }
        }
      if (p->max_duration > 0 && end - l > p->max_duration + EPS)
        return FALSE;
    }

  if (p->ride_mode == DAG_VRPTW_RIDE_FROM_DEPOT)
    {
      double leave = p->due[0], t;

      for (int k = last - 1; k >= 0; k--)
        {
          int u = seq[k], v = seq[k + 1];

          leave = MIN (leave - p->service[u] - ctx->t[u * n + v], p->due[u]);
        }
      leave = MAX (leave, p->ready[0]);
      t = leave;
      for (int k = 1; k < last; k++)
        {
          int u = seq[k - 1], v = seq[k];

          t = MAX (t + p->service[u] + ctx->t[u * n + v], p->ready[v]);
          if (p->max_ride[v] > 0 && t - leave > p->max_ride[v] + EPS)
            return FALSE;
        }
    }
  return TRUE;
}

static gboolean
fits_load (Ctx         *ctx,
           const Route *r,
           int          c)
{
  const DagVrptwProblem *p = ctx->p;

  for (int d = 0; d < ctx->dims; d++)
    if (r->load[d] + p->demand[c * ctx->dims + d] > p->capacity[d])
      return FALSE;
  return TRUE;
}

/* Whether c fits between positions k-1 and k of route r, in O(1) for the
 * time windows and O(length) only when ride or duration limits are on. */
static gboolean
insertion_feasible (Ctx         *ctx,
                    const Route *r,
                    int          c,
                    int          k)
{
  const DagVrptwProblem *p = ctx->p;
  int n = ctx->n;
  int u = r->seq[k - 1], v = r->seq[k];
  double ac, av;

  ac = MAX (p->ready[c], r->a[k - 1] + p->service[u] + ctx->t[u * n + c]);
  if (ac > p->due[c] + EPS)
    return FALSE;
  av = MAX (p->ready[v], ac + p->service[c] + ctx->t[c * n + v]);
  if (av > r->z[k] + EPS)
    return FALSE;
  if (ctx->complex)
    {
      int *b = ctx->buf;

      memcpy (b, r->seq, k * sizeof (int));
      b[k] = c;
      memcpy (b + k + 1, r->seq + k, (r->len + 2 - k) * sizeof (int));
      return seq_feasible_full (ctx, b, r->len + 1);
    }
  return TRUE;
}

static void
route_insert (Ctx *ctx,
              Sol *s,
              int  ri,
              int  c,
              int  k)
{
  Route *r = &s->r[ri];

  route_reserve (r, r->len + 1);
  memmove (r->seq + k + 1, r->seq + k, (r->len + 2 - k) * sizeof (int));
  r->seq[k] = c;
  r->len++;
  route_update (ctx, s, ri);
}

/* Greedy insertion with blinks: each customer goes to its cheapest feasible
 * place; when none exists it opens a route if allowed, else stays out. */
static void
recreate (Ctx       *ctx,
          Sol       *s,
          const int *list,
          int        nlist,
          gboolean   open_routes,
          double     blink)
{
  const DagVrptwProblem *p = ctx->p;
  int n = ctx->n;

  for (int i = 0; i < nlist; i++)
    {
      int c = list[i];
      int best_r = -1, best_k = -1;
      double best = G_MAXDOUBLE;

      for (int ri = 0; ri < s->nr; ri++)
        {
          const Route *r = &s->r[ri];

          if (!fits_load (ctx, r, c))
            continue;
          for (int k = 1; k <= r->len + 1; k++)
            {
              int u = r->seq[k - 1], v = r->seq[k];
              double delta = ctx->d[u * n + c] + ctx->d[c * n + v] - ctx->d[u * n + v];

              if (delta >= best)
                continue;
              if (blink > 0 && rng_double (ctx) < blink)
                continue;
              if (!insertion_feasible (ctx, r, c, k))
                continue;
              best = delta;
              best_r = ri;
              best_k = k;
            }
        }

      if (best_r < 0 && open_routes
          && (p->max_vehicles == 0 || (guint) s->nr < p->max_vehicles))
        {
          Route *r = sol_add_route (s);

          route_reserve (r, 1);
          r->seq[0] = 0;
          r->seq[1] = 0;
          r->a[0] = p->ready[0];
          r->a[1] = p->ready[0];
          r->z[0] = p->due[0];
          r->z[1] = p->due[0];
          if (insertion_feasible (ctx, r, c, 1))
            {
              best_r = s->nr - 1;
              best_k = 1;
            }
          else
            s->nr--;
        }

      if (best_r >= 0)
        route_insert (ctx, s, best_r, c, best_k);
      else
        {
          s->unassigned[s->nu++] = c;
          s->where_r[c] = -1;
        }
    }
}

static int
cmp_key (gconstpointer a,
         gconstpointer b,
         gpointer      data)
{
  const double *key = data;
  double ka = key[*(const int *) a], kb = key[*(const int *) b];

  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/* Orders the customers to re-insert by one of the SISR orderings. */
static void
sort_for_insertion (Ctx *ctx,
                    int *list,
                    int  nlist)
{
  const DagVrptwProblem *p = ctx->p;
  double *key = ctx->sort_key;
  int w = rng_int (ctx, 13);

  for (int i = 0; i < nlist; i++)
    {
      int c = list[i];

      if (w < 4)
        key[c] = rng_double (ctx);
      else if (w < 8)
        key[c] = -p->demand[c * ctx->dims];
      else if (w < 10)
        key[c] = -ctx->d[c];
      else if (w < 11)
        key[c] = ctx->d[c];
      else if (w < 12)
        key[c] = p->due[c] - p->ready[c];
      else
        key[c] = p->ready[c];
    }
  if (w >= 4)
    for (int i = 0; i < nlist; i++)
      key[list[i]] += 1e-7 * rng_double (ctx);  /* random ties */
  g_qsort_with_data (list, nlist, sizeof (int), cmp_key, key);
}

/* SISR ruin: removes strings and split strings from routes near a seed. */
static void
ruin (Ctx *ctx,
      Sol *s)
{
  int n = ctx->n;
  int served = n - 1 - s->nu - ctx->n_fixed_out;
  double avg_len, ls_max, ks_max;
  int ks, seed, nruined = 0;

  ctx->nremoved = 0;
  if (s->nr == 0 || served <= 0)
    return;

  avg_len = (double) served / s->nr;
  ls_max = MIN ((double) MAX_STRING, avg_len);
  ks_max = 4.0 * AVG_REMOVED / (1.0 + ls_max) - 1.0;
  ks = (int) (rng_double (ctx) * ks_max) + 1;

  /* While customers are out, half the ruins clear room around one of them. */
  if (s->nu > 0 && rng_double (ctx) < SEED_AT_ABSENT)
    seed = s->unassigned[rng_int (ctx, s->nu)];
  else
    do
      seed = 1 + rng_int (ctx, n - 1);
    while (s->where_r[seed] < 0);

  memset (ctx->ruined, 0, s->nr);
  for (int i = 0; i < n - 1 && nruined < ks; i++)
    {
      int c = ctx->neigh[seed * n + i];
      int ri = s->where_r[c];
      Route *r;
      int len, lmax, l, pos, start, m;

      if (ri < 0 || ctx->flag[c] || ctx->ruined[ri])
        continue;
      r = &s->r[ri];
      len = r->len;
      lmax = MIN (len, (int) ls_max);
      l = (int) (rng_double (ctx) * lmax) + 1;
      pos = s->where_p[c];

      if (l == len || rng_double (ctx) < 0.5)
        {
          int lo = MAX (1, pos - l + 1), hi = MIN (pos, len - l + 1);

          start = lo + rng_int (ctx, hi - lo + 1);
          for (int k = start; k < start + l; k++)
            {
              ctx->flag[r->seq[k]] = 1;
              ctx->removed[ctx->nremoved++] = r->seq[k];
            }
        }
      else
        {
          int lo, hi, keep;

          m = 1;
          while (l + m < len && rng_double (ctx) > SPLIT_BETA)
            m++;
          lo = MAX (1, pos - (l + m) + 1);
          hi = MIN (pos, len - (l + m) + 1);
          start = lo + rng_int (ctx, hi - lo + 1);
          keep = start + rng_int (ctx, l + 1);
          for (int k = start; k < start + l + m; k++)
            {
              if (k >= keep && k < keep + m)
                continue;
              ctx->flag[r->seq[k]] = 1;
              ctx->removed[ctx->nremoved++] = r->seq[k];
            }
        }
      ctx->ruined[ri] = 1;
      nruined++;
    }

  /* Compact the ruined routes; drop the emptied ones from the back. */
  for (int ri = s->nr - 1; ri >= 0; ri--)
    {
      Route *r;
      int w = 1;

      if (!ctx->ruined[ri])
        continue;
      r = &s->r[ri];
      for (int k = 1; k <= r->len; k++)
        if (!ctx->flag[r->seq[k]])
          r->seq[w++] = r->seq[k];
      r->len = w - 1;
      if (r->len == 0)
        sol_remove_route (ctx, s, ri);
      else
        route_update (ctx, s, ri);
    }
  for (int i = 0; i < ctx->nremoved; i++)
    {
      ctx->flag[ctx->removed[i]] = 0;
      s->where_r[ctx->removed[i]] = -1;
    }
}

/* Ruin, then re-insert the removed customers together with the ones
 * already out; the solution keeps out only what found no place. */
static void
ruin_recreate (Ctx     *ctx,
               Sol     *s,
               gboolean open_routes)
{
  ruin (ctx, s);
  memcpy (ctx->removed + ctx->nremoved, s->unassigned, s->nu * sizeof (int));
  ctx->nremoved += s->nu;
  s->nu = 0;
  sort_for_insertion (ctx, ctx->removed, ctx->nremoved);
  recreate (ctx, s, ctx->removed, ctx->nremoved, open_routes, BLINK_RATE);
}

static gboolean
better (const Sol *a,
        const Sol *b)
{
  if (a->nu != b->nu)
    return a->nu < b->nu;
  if (a->nr != b->nr)
    return a->nr < b->nr;
  return a->dist < b->dist - 1e-9;
}

static long
sum_absences (Ctx       *ctx,
              const Sol *s)
{
  long sum = 0;

  for (int i = 0; i < s->nu; i++)
    sum += ctx->absences[s->unassigned[i]];
  return sum;
}

typedef struct
{
  const DagVrptwOptions *opt;
  GCancellable          *cancellable;
  gint64                 t0;
  guint64                it;
  gboolean               cancelled;
} Budget;

static double
budget_fraction (Budget *b)
{
  double f = 0;

  if (b->opt->max_iterations > 0)
    f = (double) b->it / b->opt->max_iterations;
  if (b->opt->time_limit > 0)
    f = MAX (f, (g_get_monotonic_time () - b->t0) / (b->opt->time_limit * G_USEC_PER_SEC));
  return f;
}

static void
report (Budget    *b,
        guint      phase,
        double     fraction,
        const Sol *best)
{
  DagVrptwProgress pr;

  if (b->opt->progress == NULL)
    return;
  pr.phase = phase;
  pr.fraction = MIN (fraction, 1.0);
  pr.iterations = b->it;
  pr.best_vehicles = best->nr;
  pr.best_distance = best->dist;
  b->opt->progress (&pr, b->opt->progress_data);
}

/* Decides every CHECK_EVERY iterations whether a phase must end; the
 * fraction it returns only changes at those points, so runs with an
 * iteration budget repeat exactly. */
static gboolean
budget_step (Budget    *b,
             double     until,
             double    *fraction,
             guint      phase,
             const Sol *best)
{
  b->it++;
  if (b->it % CHECK_EVERY != 0)
    return TRUE;
  if (g_cancellable_is_cancelled (b->cancellable))
    {
      b->cancelled = TRUE;
      return FALSE;
    }
  *fraction = budget_fraction (b);
  if (b->it % (CHECK_EVERY * 16) == 0)
    report (b, phase, *fraction, best);
  return *fraction < until;
}

static int
lower_bound_routes (Ctx *ctx)
{
  const DagVrptwProblem *p = ctx->p;
  int lb = 1;

  for (int d = 0; d < ctx->dims; d++)
    {
      long total = 0;

      for (int c = 1; c < ctx->n; c++)
        total += p->demand[c * ctx->dims + d];
      if (p->capacity[d] > 0)
        lb = MAX (lb, (int) ((total + p->capacity[d] - 1) / p->capacity[d]));
    }
  return lb;
}

/* Route elimination: drop a route, then let ruin-and-recreate work the
 * absent customers back in, preferring the ones that were out longest. */
static void
fleet_phase (Ctx    *ctx,
             Budget *b,
             Sol    *best,
             double  until)
{
  Sol cur, cand;
  int n = ctx->n;
  int lb = lower_bound_routes (ctx);
  double fraction = budget_fraction (b);
  guint64 stall = 0;
  int least_out = G_MAXINT;
  gboolean random_victim = FALSE;

  sol_init (&cur, n);
  sol_init (&cand, n);
  sol_copy (&cur, best, n);
  memset (ctx->absences, 0, n * sizeof (int));

  while (fraction < until)
    {
      if (cur.nu == ctx->n_fixed_out)
        {
          int victim = 0;

          if (better (&cur, best))
            sol_copy (best, &cur, n);
          if (cur.nr <= lb)
            break;
          /* Remove the shortest route, ties at random; after a restart any route. */
          if (random_victim)
            victim = rng_int (ctx, cur.nr);
          else
            for (int ri = 1; ri < cur.nr; ri++)
              if (cur.r[ri].len < cur.r[victim].len
                  || (cur.r[ri].len == cur.r[victim].len && rng_double (ctx) < 0.5))
                victim = ri;
          random_victim = FALSE;
          least_out = G_MAXINT;
          stall = 0;
          for (int k = 1; k <= cur.r[victim].len; k++)
            {
              int c = cur.r[victim].seq[k];

              cur.unassigned[cur.nu++] = c;
              cur.where_r[c] = -1;
            }
          sol_remove_route (ctx, &cur, victim);
        }

      sol_copy (&cand, &cur, n);
      ruin_recreate (ctx, &cand, FALSE);
      if (cand.nu < cur.nu || sum_absences (ctx, &cand) < sum_absences (ctx, &cur))
        {
          Sol tmp = cur;

          cur = cand;
          cand = tmp;
        }
      for (int i = 0; i < cur.nu; i++)
        ctx->absences[cur.unassigned[i]]++;

      /* When no fewer customers stay out for long, start again from the
       * best solution without another of its routes. */
      if (cur.nu < least_out)
        {
          least_out = cur.nu;
          stall = 0;
        }
      else if (++stall > STALL_LIMIT)
        {
          sol_copy (&cur, best, n);
          memset (ctx->absences, 0, n * sizeof (int));
          random_victim = TRUE;
        }

      if (!budget_step (b, until, &fraction, 1, best))
        break;
    }

  sol_clear (&cur);
  sol_clear (&cand);
}

/* Distance minimisation: simulated annealing over ruin-and-recreate with
 * the temperature falling geometrically over the remaining budget. */
static void
distance_phase (Ctx    *ctx,
                Budget *b,
                Sol    *best)
{
  Sol cur, cand;
  int n = ctx->n;
  double fraction = budget_fraction (b);
  double from = fraction;
  double arc = best->dist / MAX (1, n - 1 + best->nr);
  double t0 = 10.0 * arc, tf = 0.1 * arc;
  double temp = t0;

  sol_init (&cur, n);
  sol_init (&cand, n);
  sol_copy (&cur, best, n);

  while (fraction < 1.0)
    {
      sol_copy (&cand, &cur, n);
      ruin_recreate (ctx, &cand, TRUE);
      if (cand.nu <= cur.nu
          && (cand.nr < cur.nr
              || (cand.nr == cur.nr
                  && cand.dist < cur.dist - temp * log (rng_double (ctx) + 1e-300))))
        {
          Sol tmp = cur;

          cur = cand;
          cand = tmp;
          if (better (&cur, best))
            sol_copy (best, &cur, n);
        }
      if (!budget_step (b, 1.0, &fraction, 2, best))
        break;
      if (b->it % CHECK_EVERY == 0)
        {
          double x = (fraction - from) / MAX (1e-9, 1.0 - from);

          temp = t0 * pow (tf / t0, MIN (1.0, x));
        }
    }

  sol_clear (&cur);
  sol_clear (&cand);
}

static int
cmp_int_by_dist (gconstpointer a,
                 gconstpointer b,
                 gpointer      data)
{
  const double *row = data;
  int ia = *(const int *) a, ib = *(const int *) b;

  if (row[ia] != row[ib])
    return row[ia] < row[ib] ? -1 : 1;
  return ia - ib;
}

DagVrptwSolution *
dag_vrptw_solve (const DagVrptwProblem  *p,
                 const DagVrptwOptions  *options,
                 GCancellable           *cancellable,
                 GError                **error)
{
  g_autoptr(GRand) rand = NULL;
  g_autofree int *order = NULL;
  DagVrptwOptions defaults;
  DagVrptwSolution *result;
  Ctx ctx = { 0 };
  Budget b = { 0 };
  Sol best;
  int n;

  g_return_val_if_fail (p != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);

  if (options == NULL)
    {
      dag_vrptw_options_init (&defaults);
      options = &defaults;
    }
  if (options->max_iterations == 0 && options->time_limit <= 0)
    {
      g_set_error (error, DAG_VRPTW_ERROR, DAG_VRPTW_ERROR_INVALID,
                   "Neither an iteration nor a time limit was given");
      return NULL;
    }

  n = p->n;
  rand = g_rand_new_with_seed (options->seed);
  ctx.p = p;
  ctx.n = n;
  ctx.dims = p->dims;
  ctx.t = p->time;
  ctx.d = p->dist;
  ctx.complex = p->max_duration > 0 || p->ride_mode != DAG_VRPTW_RIDE_NONE;
  ctx.rng = ((guint64) g_rand_int (rand) << 32) | g_rand_int (rand) | 1;
  ctx.buf = g_new (int, n + 3);
  ctx.times = g_new (double, n + 3);
  ctx.removed = g_new (int, n);
  ctx.flag = g_new0 (guint8, n);
  ctx.ruined = g_new0 (guint8, n + 1);
  ctx.absences = g_new0 (int, n);
  ctx.sort_key = g_new0 (double, n);
  ctx.neigh = g_new (int, (gsize) n * n);
  for (int i = 0; i < n; i++)
    {
      int *row = ctx.neigh + (gsize) i * n;
      int k = 0;

      for (int j = 1; j < n; j++)
        row[k++] = j;
      /* Symmetrised so that the neighbourhood does not depend on direction. */
      for (int j = 1; j < n; j++)
        ctx.sort_key[j] = MIN (ctx.d[i * n + j], ctx.d[j * n + i]);
      ctx.sort_key[i] = -1;
      g_qsort_with_data (row, n - 1, sizeof (int), cmp_int_by_dist, ctx.sort_key);
    }

  b.opt = options;
  b.cancellable = cancellable;
  b.t0 = g_get_monotonic_time ();

  /* Construction: cheapest insertion in order of decreasing distance from
   * the depot, so that far customers seed the routes. */
  sol_init (&best, n);
  order = g_new (int, n);
  for (int c = 1; c < n; c++)
    {
      order[c - 1] = c;
      ctx.sort_key[c] = -ctx.d[c] - ctx.d[c * n];
    }
  g_qsort_with_data (order, n - 1, sizeof (int), cmp_key, ctx.sort_key);
  recreate (&ctx, &best, order, n - 1, TRUE, 0);
  ctx.n_fixed_out = best.nu;
  report (&b, 0, 0, &best);

  /* Nothing to improve when no customer can be served at all. */
  if (best.nr > 0)
    {
      if (options->fleet_fraction > 0)
        fleet_phase (&ctx, &b, &best, options->fleet_fraction);
      if (!b.cancelled)
        distance_phase (&ctx, &b, &best);
    }

  result = NULL;
  if (b.cancelled || g_cancellable_is_cancelled (cancellable))
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Route planning was cancelled");
  else
    {
      result = dag_vrptw_solution_new ();
      for (int ri = 0; ri < best.nr; ri++)
        {
          GArray *route = g_array_sized_new (FALSE, FALSE, sizeof (guint), best.r[ri].len);

          for (int k = 1; k <= best.r[ri].len; k++)
            {
              guint c = best.r[ri].seq[k];

              g_array_append_val (route, c);
            }
          g_ptr_array_add (result->routes, route);
        }
      for (int i = 0; i < best.nu; i++)
        {
          guint c = best.unassigned[i];

          g_array_append_val (result->unassigned, c);
        }
      result->distance = best.dist;
      result->iterations = b.it;
      report (&b, 2, 1.0, &best);
    }

  sol_clear (&best);
  g_free (ctx.buf);
  g_free (ctx.times);
  g_free (ctx.removed);
  g_free (ctx.flag);
  g_free (ctx.ruined);
  g_free (ctx.absences);
  g_free (ctx.sort_key);
  g_free (ctx.neigh);
  return result;
}
