/* dag-cli-check.c — "dagritme check": prints every finding of the rules on
 * the current plan, and the stored runs of the week whose staff driver is
 * staffed in a group then; exits 1 when any is an error. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dag-cli-private.h"
#include "dag-rules.h"
#include "dag-store-travel.h"
#include "dag-transport-check.h"

int
dag_cli_check (const char *database,
               int         argc,
               char      **argv)
{
  g_autofree char *week_text = NULL;
  GOptionEntry entries[] = {
    { "week", 0, 0, G_OPTION_ARG_STRING, &week_text,
      N_("Check the date rules for this week (2026-W48, or a date in it; default: this week)"), N_("YYYY-Www") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(DagStore) store = NULL;
  g_autoptr(DagOrg) org = NULL;
  g_autoptr(GArray) findings = NULL;
  g_autoptr(GArray) drivers = NULL;
  g_autoptr(GArray) entries_tt = NULL;
  g_autoptr(DagTravel) travel = NULL;
  DagDate week = dag_date_today ();
  DagDate monday;
  guint errors;

  if (!dag_cli_parse_options ("check", "", _("Check the week plan against the planning rules"),
                              entries, &argc, &argv))
    return DAG_EXIT_USAGE;
  if (argc > 1)
    return dag_cli_usage (_("check takes no arguments"));
  if (week_text != NULL && !dag_week_parse (week_text, &week))
    return dag_cli_usage (_("--week: not a date (YYYY-MM-DD) or a week (YYYY-Www)"));

  org = dag_cli_open_and_load (database, &store, &error);
  if (org == NULL)
    return dag_cli_fail (error);

  monday = dag_rules_week_start (week);
  findings = dag_rules_check (org, monday);
  /* The drivers need travel times, as the transport planner uses them:
   * with the imported matrix. */
  entries_tt = dag_store_load_travel_times (store, &error);
  if (entries_tt == NULL)
    return dag_cli_fail (error);
  travel = dag_travel_new (org, entries_tt);
  drivers = dag_transport_check_drivers (org, travel, NULL, monday, monday + 6);
  dag_rules_merge (findings, drivers);
  for (guint i = 0; i < findings->len; i++)
    {
      const DagFinding *f = DAG_AT (findings, DagFinding, i);
      g_print ("%s\t%s\t%s\n", dag_severity_name (f->severity), f->rule, f->message);
    }
  errors = dag_rules_count_errors (findings);
  g_print (_("%u errors, %u warnings\n"), errors, findings->len - errors);
  if (errors > 0)
    {
      g_printerr (_("dagritme: the week plan breaks %u rules\n"), errors);
      return DAG_EXIT_FAILED;
    }
  return DAG_EXIT_OK;
}
