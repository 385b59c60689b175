/* dag-cli-transport.c — "dagritme transport --date D": plans, checks, stores
 * and prints the day's transport runs (names and ids only, never a BSN). */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dag-cli-private.h"
#include "dag-production-export.h"
#include "dag-store-runs.h"
#include "dag-store-travel.h"
#include "dag-transport.h"

static const char *
place_name (const DagOrg *org,
            int           location)
{
  return DAG_AT (org->locations, DagLocation, location)->name;
}

/* Who, where and why, one trip a line. */
static void
print_trips (DagOrg *org,
             GArray *trips)
{
  for (guint i = 0; i < trips->len; i++)
    {
      const DagTransportUnserved *u = &g_array_index (trips, DagTransportUnserved, i);
      const DagParticipant *pa = DAG_AT (org->participants, DagParticipant, u->participant);
      g_autofree char *why = dag_transport_unserved_describe (org, u);

      if (u->direction == DAG_DIRECTION_TO)
        g_print (_("  %s (%s), to %s, %s: %s\n"), pa->name, pa->id, place_name (org, u->location),
                 dag_part_name (u->part), why);
      else
        g_print (_("  %s (%s), home from %s, %s: %s\n"), pa->name, pa->id, place_name (org, u->location),
                 dag_part_name (u->part), why);
    }
}

static void
print_result (DagOrg                   *org,
              const DagTransportResult *res)
{
  char date[DAG_DATE_BUF], t1[6];
  g_autofree char *cost = NULL;
  double loaded = 0;

  dag_date_format (res->date, date);
  g_print (_("Transport runs on %s\n"), date);
  for (guint i = 0; i < res->runs->len; i++)
    {
      const DagRun *run = DAG_AT (res->runs, DagRun, i);
      const DagVehicle *veh = DAG_AT (org->vehicles, DagVehicle, run->vehicle);
      const DagLocation *loc = DAG_AT (org->locations, DagLocation, run->location);
      double km = g_array_index (res->run_km, double, i);
      g_autofree char *driver = NULL;

      loaded += km;
      if (run->driver >= 0)
        {
          const DagStaff *st = DAG_AT (org->staff, DagStaff, run->driver);

          driver = g_strdup_printf ("%s (%s)", st->name, st->id);
        }
      else
        driver = g_strdup (_("external driver"));
      g_print ("\n%s\n", run->id);
      if (run->direction == DAG_DIRECTION_TO)
        g_print (_("  to %s (%s), arrive %s\n"), loc->name, loc->id, dag_time_format (run->time, t1));
      else
        g_print (_("  from %s (%s), depart %s\n"), loc->name, loc->id, dag_time_format (run->time, t1));
      g_print (_("  vehicle %s (%s), driver %s, %.1f km\n"), veh->name, veh->id, driver, km);
      for (guint j = 0; j < run->stops->len; j++)
        {
          const DagStop *s = DAG_AT (run->stops, DagStop, j);
          const DagParticipant *pa = DAG_AT (org->participants, DagParticipant, s->participant);
          int ride = run->direction == DAG_DIRECTION_TO
                     ? run->time - s->time
                     : s->time + dag_transport_boarding (org, s->participant) - run->time;

          g_print (_("    %s  %s (%s)%s, ride %d min\n"), dag_time_format (s->time, t1), pa->name, pa->id,
                   pa->wheelchair ? _(", wheelchair") : "", ride);
        }
    }

  if (res->unserved->len > 0)
    {
      g_print ("\n");
      g_print (_("Not transported (%u trips):\n"), res->unserved->len);
      print_trips (org, res->unserved);
    }
  if (res->warnings->len > 0)
    {
      g_print ("\n");
      g_print (_("Riding alone, over the ride limit (%u trips):\n"), res->warnings->len);
      print_trips (org, res->warnings);
    }

  g_print ("\n");
  g_print (_("Totals: %u runs (%u midday), %u vehicles, %.1f km (%.1f km with passengers, %.1f km empty)\n"),
           res->runs->len, res->n_midday_runs, res->n_vehicles, res->km, loaded, res->empty_km);
  /* Translators: the decimal separator of amounts in euros. */
  cost = dag_cents_format (res->cost_cents, C_("decimal separator", ".")[0]);
  g_print (_("Cost: € %s for the km at each vehicle’s price; %u runs are a further round in the same window\n"),
           cost, res->n_rounds);
  g_print (_("Rides: longest %d min, total %d min; %u runs with an external driver\n"),
           res->max_ride, (int) MIN (res->total_ride, G_MAXINT), res->n_external_drivers);
  g_print (_("Trips: %u needed (%u at midday), %u on a run, %u not transported\n"),
           res->n_requests, res->n_midday_trips, res->n_requests - res->unserved->len, res->unserved->len);
  if (res->n_times_kept + res->n_times_changed > 0)
    g_print (_("Pick-up times: %u of the %u stored kept within 5 minutes, %u changed\n"),
             res->n_times_kept, res->n_times_kept + res->n_times_changed, res->n_times_changed);
  g_print (_("Travel times: %u legs from the imported matrix, %u estimated from coordinates\n"),
           res->n_legs_imported, res->n_legs_estimated);
}

int
dag_cli_transport (const char *database,
                   int         argc,
                   char      **argv)
{
  g_autofree char *date_text = NULL;
  double time_limit = 0;
  gboolean dry_run = FALSE;
  gboolean standing = FALSE;
  GOptionEntry entries[] = {
    { "date", 0, 0, G_OPTION_ARG_STRING, &date_text, N_("The date to plan"), "YYYY-MM-DD" },
    { "time-limit", 0, 0, G_OPTION_ARG_DOUBLE, &time_limit,
      N_("Search for this many seconds (default: until no better plan turns up, at most 8)"), "S" },
    { "dry-run", 'n', 0, G_OPTION_ARG_NONE, &dry_run, N_("Print the runs without storing them"), NULL },
    { "standing", 0, 0, G_OPTION_ARG_NONE, &standing,
      N_("Plan the standing week plan of the date’s weekday (no holidays or absences); stores nothing"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(DagStore) store = NULL;
  g_autoptr(DagOrg) org = NULL;
  g_autoptr(GArray) entries_tt = NULL;
  g_autoptr(DagTravel) travel = NULL;
  g_autoptr(DagTransportResult) res = NULL;
  DagTransportOptions options;
  DagDate date;

  if (!dag_cli_parse_options ("transport", "", _("Plan, store and print the transport runs of a date"),
                              entries, &argc, &argv))
    return DAG_EXIT_USAGE;
  if (argc > 1)
    return dag_cli_usage (_("transport takes no arguments"));
  if (date_text == NULL)
    return dag_cli_usage (_("transport needs --date YYYY-MM-DD"));
  if (!dag_date_parse (date_text, &date))
    return dag_cli_usage (_("--date must be a date written YYYY-MM-DD"));
  if (time_limit < 0 || time_limit > 3600)
    return dag_cli_usage (_("--time-limit must be between 0 and 3600 seconds"));

  store = dag_cli_open_store (database, &error);
  if (store == NULL)
    return dag_cli_fail (error);

  dag_transport_options_init (&options);
  if (time_limit > 0)
    {
      /* Wall-clock time: the search uses all of it. */
      options.time_limit = time_limit;
      options.use_all_time = TRUE;
    }
  options.standing = standing;

  /* Read, plan and store only this date's runs; when another Dagritme
   * changed what the runs are planned from meanwhile (not the runs of
   * another date), read again and plan again. */
  for (int attempt = 0;; attempt++)
    {
      g_clear_pointer (&org, dag_org_free);
      g_clear_pointer (&entries_tt, g_array_unref);
      g_clear_pointer (&travel, dag_travel_free);
      g_clear_pointer (&res, dag_transport_result_free);
      org = dag_store_load (store, &error);
      if (org == NULL)
        return dag_cli_fail (error);
      entries_tt = dag_store_load_travel_times (store, &error);
      if (entries_tt == NULL)
        return dag_cli_fail (error);
      travel = dag_travel_new (org, entries_tt);

      res = dag_transport_plan (org, travel, date, &options, NULL, &error);
      if (res == NULL)
        return dag_cli_fail (error);
      if (standing)
        {
          /* Runs belong to dates; a standing week day is only shown. */
          print_result (org, res);
          return DAG_EXIT_OK;
        }

      /* Check what would be stored with the independent checker first. */
      dag_transport_apply (org, res);
      if (!dag_transport_check (org, travel, date, NULL, &error))
        return dag_cli_fail (error);
      if (dry_run ||
          dag_store_replace_day_runs (store, org, date, res->runs, "transport", &error))
        break;
      if (!g_error_matches (error, DAG_STORE_ERROR, DAG_STORE_ERROR_CHANGED) || attempt >= 4)
        return dag_cli_fail (error);
      g_printerr ("dagritme: %s\n",
                  _("another Dagritme changed the organisation while planning; planning again with what is stored now…"));
      g_clear_error (&error);
    }

  print_result (org, res);
  if (dry_run)
    g_print (_("Dry run: nothing was stored.\n"));
  return DAG_EXIT_OK;
}
