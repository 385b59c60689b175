/* dag-cli-plan.c — "dagritme plan": plans the week automatically, saves the
 * plan and staffing in one transaction and prints a summary. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dag-cli-private.h"
#include "dag-planner.h"
#include "dag-rules.h"
#include "dag-store-travel.h"

int
dag_cli_plan (const char *database,
              int         argc,
              char      **argv)
{
  g_autofree char *from = NULL;
  g_autofree char *location = NULL;
  double time_limit = 0;
  gboolean keep = FALSE;
  gint64 seed = 1;
  GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from,
      N_("Plan the week of this date (default: next Monday)"), N_("YYYY-MM-DD") },
    { "week", 0, 0, G_OPTION_ARG_STRING, &from,
      N_("Plan this week (2026-W48, or a date in it)"), N_("YYYY-Www") },
    { "location", 0, 0, G_OPTION_ARG_STRING, &location,
      N_("Plan only this location; the others keep their plan (default: all)"), N_("ID") },
    { "time-limit", 0, 0, G_OPTION_ARG_DOUBLE, &time_limit,
      N_("Stop searching after this many seconds"), N_("S") },
    { "keep-existing", 0, 0, G_OPTION_ARG_NONE, &keep,
      N_("Change the current plan as little as possible"), NULL },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed,
      N_("Seed of the search (the same seed gives the same plan)"), N_("N") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(DagStore) store = NULL;
  g_autoptr(DagOrg) org = NULL;
  g_autoptr(DagPlanResult) result = NULL;
  g_autoptr(GArray) findings = NULL;
  g_autoptr(GArray) entries_tt = NULL;
  g_autoptr(DagTravel) travel = NULL;
  DagPlannerOptions options;
  guint wait[DAG_N_WAIT_REASONS] = { 0 };
  guint added = 0, moved = 0, removed = 0, errors, waiting = 0;
  char buf[DAG_DATE_BUF];

  if (!dag_cli_parse_options ("plan", "", _("Plan the week automatically and save the plan"),
                              entries, &argc, &argv))
    return DAG_EXIT_USAGE;
  if (argc > 1)
    return dag_cli_usage (_("plan takes no arguments"));

  dag_planner_options_init (&options);
  if (from != NULL && !dag_week_parse (from, &options.week))
    return dag_cli_usage (_("--from/--week: not a date (YYYY-MM-DD) or a week (YYYY-Www)"));
  if (time_limit < 0 || time_limit > 86400)
    return dag_cli_usage (_("--time-limit: give a number of seconds between 0 and 86400"));
  options.time_limit_ms = (guint) (time_limit * 1000);
  options.keep_existing = keep;
  options.seed = (guint64) seed;

  store = dag_cli_open_store (database, &error);
  if (store == NULL)
    return dag_cli_fail (error);

  /* Read, plan and save the entries that changed; when another Dagritme
   * changed what the plan is made from meanwhile (an attendance
   * registered, a move in the window), read again and plan again: the
   * seed gives the same search, now on what is stored. */
  for (int attempt = 0;; attempt++)
    {
      g_clear_pointer (&org, dag_org_free);
      g_clear_pointer (&entries_tt, g_array_unref);
      g_clear_pointer (&travel, dag_travel_free);
      g_clear_pointer (&result, dag_plan_result_free);
      org = dag_store_load (store, &error);
      if (org == NULL)
        return dag_cli_fail (error);
      if (location != NULL)
        {
          options.location = dag_org_lookup (org, DAG_KIND_LOCATION, location);
          if (options.location < 0)
            return dag_cli_usage (_("--location: no location with id “%s”"), location);
        }

      /* The ride-time limit uses the same travel times as "transport". */
      entries_tt = dag_store_load_travel_times (store, &error);
      if (entries_tt == NULL)
        return dag_cli_fail (error);
      travel = dag_travel_new (org, entries_tt);
      options.travel = travel;

      result = dag_planner_run (org, &options, NULL, NULL, NULL, &error);
      if (result == NULL)
        return dag_cli_fail (error);
      if (dag_plan_result_save (result, store, org, &error))
        break;
      if (!g_error_matches (error, DAG_STORE_ERROR, DAG_STORE_ERROR_CHANGED) || attempt >= 4)
        return dag_cli_fail (error);
      g_printerr ("dagritme: %s\n",
                  _("another Dagritme changed the organisation while planning; planning again with what is stored now…"));
      g_clear_error (&error);
    }
  findings = dag_rules_check (org, result->week);
  errors = dag_rules_count_errors (findings);

  for (guint i = 0; i < result->waiting->len; i++)
    {
      const DagWaitEntry *w = DAG_AT (result->waiting, DagWaitEntry, i);
      wait[w->reason] += w->units;
      waiting += w->units;
    }
  for (guint i = 0; i < result->changes->len; i++)
    switch (DAG_AT (result->changes, DagPlanChange, i)->kind)
      {
      case DAG_CHANGE_ADD: added++; break;
      case DAG_CHANGE_MOVE: moved++; break;
      case DAG_CHANGE_REMOVE: removed++; break;
      default: break;
      }

  g_print (_("Week of %s\n"), dag_date_format (result->week, buf));
  g_print (_("Placed: %u of %u indicated dagdelen (%.1f %%)\n"), result->placed, result->indicated,
           result->indicated ? 100.0 * result->placed / result->indicated : 100.0);
  /* TRANSLATORS: the bound is what no plan of this week can exceed
   * (staff, capacity and indications together) */
  g_print (ngettext ("Bound: placed %u of at most %u possible dagdeel this week\n",
                     "Bound: placed %u of at most %u possible dagdelen this week\n",
                     result->bound),
           result->placed, result->bound);
  g_print (_("Waiting list: %u dagdelen\n"), waiting);
  for (int r = 0; r < DAG_N_WAIT_REASONS; r++)
    if (wait[r] > 0)
      g_print ("  %s: %u\n", dag_wait_reason_name (r), wait[r]);
  g_print (_("Changes: %u added, %u moved, %u removed (%u participants changed); %u staffing changes\n"),
           added, moved, removed, result->participants_changed, result->staffing_changes);
  g_print (_("Findings: %u errors, %u warnings\n"), errors, findings->len - errors);
  return DAG_EXIT_OK;
}
