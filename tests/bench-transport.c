/* bench-transport.c — a full day of transport runs on the demo organisation
 * (target: 1,000 participants in ≤ 2 s); arguments: participants, repeats,
 * date, core iterations per stop: vehicles, km, longest ride, wall
 * time (median of several runs) and the machine load. */

#include "config.h"

#include <stdlib.h>

#include "dag-demo.h"
#include "dag-transport.h"

static int
cmp_double (gconstpointer a,
            gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static void
print_load (void)
{
  g_autofree char *load = NULL;

  if (g_file_get_contents ("/proc/loadavg", &load, NULL, NULL))
    g_print ("  load average: %s", load);
}

int
main (int   argc,
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
  demo.month = dag_date_from_ymd (2026, 10, 1);
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
          guint counts[DAG_TRANSPORT_REASON_NO_SLOT_TIMES + 1] = { 0 };

          for (guint i = 0; i < res->unserved->len; i++)
            counts[g_array_index (res->unserved, DagTransportUnserved, i).reason]++;
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
