/* bench-transport.c — a full day of transport runs on the demo organisation
 * (target: 1,000 participants in ≤ 2 s).
 *
 *   bench-transport [N [REPEATS [DATE [ITERATIONS]]]]
 *       one date: vehicles, km, longest ride, wall time (median of several
 *       runs) and the machine load; ITERATIONS is the core budget per stop.
 *   bench-transport --fleet normal|tight [--runs R] [--dates D,D,...] N...
 *       a family of demo fleets (dag-demo.h): per date of the demo month
 *       (October 2026; by default one of each weekday) the trips, the trips
 *       not transported, the vehicles used, km, cost in euros (each
 *       vehicle's km × its cost per km) and seconds (median of R runs),
 *       then the medians over the dates; N defaults to 1000 and 5000. */

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "dag-demo.h"
#include "dag-transport.h"

static int
cmp_double (gconstpointer a,
            gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median (double *v,
        int     n)
{
  qsort (v, n, sizeof (double), cmp_double);
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static void
print_load (void)
{
  g_autofree char *load = NULL;

  if (g_file_get_contents ("/proc/loadavg", &load, NULL, NULL))
    g_print ("  load average: %s", load);
}

/* Room for every DagTransportReason (the planner may add some). */
#define MAX_REASONS 32

static DagDate
demo_month (void)
{
  return dag_date_from_ymd (2026, 10, 1);
}

/* ---- one date, as before ------------------------------------------------ */

static int
bench_one_date (int   argc,
                char *argv[])
{
  int participants = argc > 1 ? atoi (argv[1]) : 1000;
  int repeats = argc > 2 ? atoi (argv[2]) : 5;
  const char *date_text = argc > 3 ? argv[3] : "2026-11-02";
  g_autoptr(DagOrg) org = NULL;
  g_autoptr(DagTravel) travel = NULL;
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  DagDemoOptions demo;
  DagTransportOptions options;
  DagTransportCheck check;
  DagDate date;
  int status = 0;

  if (!dag_date_parse (date_text, &date))
    {
      g_printerr ("bench-transport: bad date %s\n", date_text);
      return 2;
    }
  dag_demo_options_init (&demo);
  demo.participants = participants;
  demo.month = demo_month ();
  org = dag_demo_generate (&demo);
  travel = dag_travel_new (org, NULL);
  dag_transport_options_init (&options);
  if (argc > 4)
    options.iterations_per_stop = atoi (argv[4]);

  print_load ();
  for (int k = 0; k < repeats; k++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(DagTransportResult) res = NULL;
      gint64 t0 = g_get_monotonic_time ();
      double seconds;

      res = dag_transport_plan (org, travel, date, &options, NULL, &error);
      seconds = (g_get_monotonic_time () - t0) / 1e6;
      if (res == NULL)
        {
          g_printerr ("bench-transport: %s\n", error->message);
          return 1;
        }
      g_array_append_val (times, seconds);
      dag_transport_apply (org, res);
      if (!dag_transport_check (org, travel, date, &check, &error))
        {
          g_printerr ("bench-transport: the checker rejects the runs: %s\n", error->message);
          status = 1;
        }
      if (res->max_ride > org->settings.max_ride_minutes)
        status = 1;
      if (k == 0)
        {
          guint on_run = res->n_requests - res->unserved->len;
          guint counts[MAX_REASONS] = { 0 };

          for (guint i = 0; i < res->unserved->len; i++)
            counts[MIN (g_array_index (res->unserved, DagTransportUnserved, i).reason, MAX_REASONS - 1)]++;
          g_print ("demo %d participants, %s: %u trips needed, %u on a run; "
                   "%u runs (%u midday) on %u of %u vehicles; %.1f km (%.1f empty); "
                   "longest ride %d min (limit %d), mean ride %.1f min; %u runs with an external driver; "
                   "%" G_GUINT64_FORMAT " core iterations\n",
                   participants, date_text, res->n_requests, on_run, res->runs->len, res->n_midday_runs,
                   res->n_vehicles, org->vehicles->len, res->km, res->empty_km, res->max_ride,
                   org->settings.max_ride_minutes, on_run ? (double) res->total_ride / on_run : 0.0,
                   res->n_external_drivers, res->iterations);
          g_print ("  not transported: %u without a VERVOER indication, %u without coordinates, "
                   "%u over the ride limit alone, %u without a wheelchair place, %u with no vehicle free\n",
                   counts[DAG_TRANSPORT_REASON_NO_INDICATION], counts[DAG_TRANSPORT_REASON_NO_COORDINATES],
                   counts[DAG_TRANSPORT_REASON_RIDE_TOO_LONG], counts[DAG_TRANSPORT_REASON_NO_WHEELCHAIR_PLACE],
                   counts[DAG_TRANSPORT_REASON_NO_VEHICLE_FREE]);
        }
    }
  g_array_sort (times, cmp_double);
  g_print ("  wall time: median %.3f s, min %.3f s, max %.3f s over %d runs\n",
           g_array_index (times, double, times->len / 2), g_array_index (times, double, 0),
           g_array_index (times, double, times->len - 1), repeats);
  print_load ();
  return status;
}

/* ---- a fleet family over several dates ---------------------------------- */

/* A run's span and end places, for one vehicle's day. */
typedef struct {
  int start, end;               /* minutes */
  int first_place, last_place;
  double km;                    /* with passengers */
} Span;

static int
cmp_span (gconstpointer a,
          gconstpointer b)
{
  const Span *x = a, *y = b;

  return x->start < y->start ? -1 : x->start > y->start;
}

static double
leg_km (const DagTravel *travel,
        int              from,
        int              to,
        int             *minutes)
{
  double m = 0, km = 0;

  if (from == to)
    {
      if (minutes)
        *minutes = 0;
      return 0;
    }
  dag_travel_get (travel, from, to, &m, &km);
  if (minutes)
    *minutes = (int) ceil (m - 1e-9);
  return km;
}

/* The cost of the day in cents: every vehicle's km × its cost per km.  A
 * vehicle's km are counted as dag_transport_check() counts them: from its
 * home location to its first run, its runs, the legs between them (home in
 * between when it would wait an hour or more there), and home again.
 * Boarding minutes are left out of a run's end: they only decide whether
 * an idle vehicle goes home in between.  km gets the sum of the km. */
static gint64
day_cost_cents (const DagOrg             *org,
                const DagTravel          *travel,
                const DagTransportResult *res,
                double                   *km)
{
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (Span));
  double cents = 0;

  *km = 0;
  for (guint v = 0; v < org->vehicles->len; v++)
    {
      const DagVehicle *veh = DAG_AT (org->vehicles, DagVehicle, v);
      int home = dag_travel_place_location (travel, veh->location), place = home;
      double vkm = 0;

      g_array_set_size (spans, 0);
      for (guint i = 0; i < res->runs->len; i++)
        {
          const DagRun *run = DAG_AT (res->runs, DagRun, i);
          int at = dag_travel_place_location (travel, run->location);
          guint n = run->stops->len;
          Span s = { 0 };
          int prev;

          if (run->vehicle != (int) v || n == 0)
            continue;
          if (run->direction == DAG_DIRECTION_TO)
            {
              s.start = DAG_AT (run->stops, DagStop, 0)->time;
              s.end = run->time;
              s.first_place = dag_travel_place_participant (travel, DAG_AT (run->stops, DagStop, 0)->participant);
              s.last_place = at;
            }
          else
            {
              s.start = run->time;
              s.end = DAG_AT (run->stops, DagStop, n - 1)->time;
              s.first_place = at;
              s.last_place = dag_travel_place_participant (travel, DAG_AT (run->stops, DagStop, n - 1)->participant);
            }
          prev = s.first_place;
          for (guint j = run->direction == DAG_DIRECTION_TO ? 1 : 0; j < n; j++)
            {
              int p = dag_travel_place_participant (travel, DAG_AT (run->stops, DagStop, j)->participant);

              s.km += leg_km (travel, prev, p, NULL);
              prev = p;
            }
          if (run->direction == DAG_DIRECTION_TO)
            s.km += leg_km (travel, prev, at, NULL);
          g_array_append_val (spans, s);
        }
      if (spans->len == 0)
        continue;
      g_array_sort (spans, cmp_span);
      for (guint k = 0; k < spans->len; k++)
        {
          const Span *s = &g_array_index (spans, Span, k);
          int back = 0;
          double back_km = leg_km (travel, place, home, &back);

          if (k > 0 && s->start - g_array_index (spans, Span, k - 1).end >= 60 + back)
            {
              vkm += back_km;
              place = home;
            }
          vkm += leg_km (travel, place, s->first_place, NULL) + s->km;
          place = s->last_place;
        }
      vkm += leg_km (travel, place, home, NULL);
      *km += vkm;
      cents += vkm * veh->cost_per_km_cents;
    }
  return (gint64) llround (cents);
}

/* Why the trips not transported were not, on one line. */
static void
print_reasons (const DagTransportResult *res)
{
  guint counts[MAX_REASONS] = { 0 };
  GString *line = g_string_new (NULL);

  for (guint i = 0; i < res->unserved->len; i++)
    counts[MIN (g_array_index (res->unserved, DagTransportUnserved, i).reason, MAX_REASONS - 1)]++;
  for (int k = 0; k < MAX_REASONS; k++)
    if (counts[k] > 0)
      g_string_append_printf (line, "%s%u %s", line->len ? "; " : "", counts[k],
                              dag_transport_reason_to_string (k));
  if (line->len > 0)
    g_print ("    not transported: %s\n", line->str);
  g_string_free (line, TRUE);
}

typedef struct {
  double trips, unserved, vehicles, km, cost, seconds;
} DayFigures;

/* The median over the days of one field (at offset) of DayFigures. */
static double
median_over (const DayFigures *days,
             guint             n,
             glong             offset)
{
  g_autofree double *column = g_new (double, n);

  for (guint d = 0; d < n; d++)
    column[d] = G_STRUCT_MEMBER (double, &days[d], offset);
  return median (column, n);
}

static int
bench_fleet (DagDemoFleet  fleet,
             const char   *fleet_name,
             int           participants,
             int           runs,
             GArray       *dates)
{
  g_autoptr(DagOrg) org = NULL;
  g_autoptr(DagTravel) travel = NULL;
  g_autofree DayFigures *days = g_new0 (DayFigures, dates->len);
  g_autofree double *times = g_new (double, runs);
  DagDemoOptions demo;
  DagTransportOptions options;
  int status = 0;

  dag_demo_options_init (&demo);
  demo.participants = participants;
  demo.month = demo_month ();
  demo.fleet = fleet;
  org = dag_demo_generate (&demo);
  travel = dag_travel_new (org, NULL);
  dag_transport_options_init (&options);

  g_print ("fleet %s, %d participants: %u vehicles, %d runs per date\n",
           fleet_name, participants, org->vehicles->len, runs);
  g_print ("  %-10s %6s %8s %8s %9s %9s %8s\n", "date", "trips", "unserved", "vehicles", "km", "euros", "seconds");
  for (guint d = 0; d < dates->len; d++)
    {
      DagDate date = g_array_index (dates, DagDate, d);
      g_autoptr(DagTransportResult) res = NULL;
      g_autoptr(GError) error = NULL;
      DagTransportCheck check;
      DayFigures *f = &days[d];
      char buf[DAG_DATE_BUF];
      double km;

      for (int k = 0; k < runs; k++)
        {
          gint64 t0 = g_get_monotonic_time ();

          g_clear_pointer (&res, dag_transport_result_free);
          res = dag_transport_plan (org, travel, date, &options, NULL, &error);
          times[k] = (g_get_monotonic_time () - t0) / 1e6;
          if (res == NULL)
            {
              g_printerr ("bench-transport: %s\n", error->message);
              return 1;
            }
        }
      f->cost = day_cost_cents (org, travel, res, &km) / 100.0;
      f->trips = res->n_requests;
      f->unserved = res->unserved->len;
      f->vehicles = res->n_vehicles;
      f->km = res->km;
      f->seconds = median (times, runs);
      g_print ("  %-10s %6.0f %8.0f %8.0f %9.1f %9.2f %8.3f%s\n", dag_date_format (date, buf),
               f->trips, f->unserved, f->vehicles, f->km, f->cost, f->seconds,
               fabs (km - res->km) > 0.05 ? "  (the vehicles' km differ from the planner's)" : "");
      print_reasons (res);
      dag_transport_apply (org, res);
      if (!dag_transport_check (org, travel, date, &check, &error))
        {
          g_print ("    the checker rejects the runs: %s\n", error->message);
          status = 1;
        }
    }

  g_print ("  %-10s %6.1f %8.1f %8.1f %9.1f %9.2f %8.3f\n", "median",
           median_over (days, dates->len, G_STRUCT_OFFSET (DayFigures, trips)),
           median_over (days, dates->len, G_STRUCT_OFFSET (DayFigures, unserved)),
           median_over (days, dates->len, G_STRUCT_OFFSET (DayFigures, vehicles)),
           median_over (days, dates->len, G_STRUCT_OFFSET (DayFigures, km)),
           median_over (days, dates->len, G_STRUCT_OFFSET (DayFigures, cost)),
           median_over (days, dates->len, G_STRUCT_OFFSET (DayFigures, seconds)));
  return status;
}

/* "2026-10-05,2026-10-13" → dates; NULL gives one of each weekday of the
 * demo month, in different weeks (Monday 5, Friday 9, Tuesday 13,
 * Wednesday 21 and Thursday 29 October 2026). */
static GArray *
parse_dates (const char *text)
{
  GArray *dates = g_array_new (FALSE, FALSE, sizeof (DagDate));

  if (text == NULL)
    {
      static const int days[] = { 5, 13, 21, 29, 9 };   /* Mon, Tue, Wed, Thu, Fri */

      for (guint i = 0; i < G_N_ELEMENTS (days); i++)
        {
          DagDate d = dag_date_from_ymd (2026, 10, days[i]);
          g_array_append_val (dates, d);
        }
      return dates;
    }
  {
    g_auto(GStrv) parts = g_strsplit (text, ",", -1);

    for (guint i = 0; parts[i] != NULL; i++)
      {
        DagDate d;

        if (!dag_date_parse (parts[i], &d))
          {
            g_printerr ("bench-transport: bad date %s\n", parts[i]);
            g_array_unref (dates);
            return NULL;
          }
        g_array_append_val (dates, d);
      }
  }
  return dates;
}

int
main (int   argc,
      char *argv[])
{
  const char *fleet_name = NULL, *dates_text = NULL;
  g_autoptr(GArray) dates = NULL;
  DagDemoFleet fleet = DAG_DEMO_FLEET_NORMAL;
  int runs = 3, status = 0, i;

  if (argc < 2 || argv[1][0] != '-')
    return bench_one_date (argc, argv);

  for (i = 1; i < argc && argv[i][0] == '-'; i++)
    {
      if (strcmp (argv[i], "--fleet") == 0 && i + 1 < argc)
        {
          fleet_name = argv[++i];
          if (!dag_demo_fleet_parse (fleet_name, &fleet))
            {
              g_printerr ("bench-transport: --fleet must be normal or tight\n");
              return 2;
            }
        }
      else if (strcmp (argv[i], "--runs") == 0 && i + 1 < argc)
        {
          runs = atoi (argv[++i]);
          runs = MAX (runs, 1);
        }
      else if (strcmp (argv[i], "--dates") == 0 && i + 1 < argc)
        dates_text = argv[++i];
      else
        {
          g_printerr ("bench-transport: unknown option %s\n", argv[i]);
          return 2;
        }
    }
  if (fleet_name == NULL)
    {
      g_printerr ("bench-transport: options need --fleet normal|tight\n");
      return 2;
    }
  dates = parse_dates (dates_text);
  if (dates == NULL || dates->len == 0)
    return 2;

  print_load ();
  if (i == argc)
    {
      static char *defaults[] = { "1000", "5000" };

      argv = defaults;
      argc = 2;
      i = 0;
    }
  for (; i < argc; i++)
    status |= bench_fleet (fleet, fleet_name, atoi (argv[i]), runs, dates);
  print_load ();
  return status;
}
