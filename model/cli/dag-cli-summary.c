/* dag-cli-summary.c — "dagritme summary": what the database holds, in a
 * few lines (also what build-aux/run prints when there is no display). */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dag-cli-private.h"
#include "dag-rules.h"

int
dag_cli_summary (const char *database,
                 int         argc,
                 char      **argv)
{
  GOptionEntry entries[] = { { NULL } };
  g_autoptr(GError) error = NULL;
  g_autoptr(DagStore) store = NULL;
  g_autoptr(DagOrg) org = NULL;
  DagDate today = dag_date_today ();
  gboolean empty = FALSE;
  guint hbo = 0, mbo = 0, volunteers = 0, active = 0, bus = 0;

  if (!dag_cli_parse_options ("summary", "", _("Print a summary of the organisation"),
                              entries, &argc, &argv))
    return DAG_EXIT_USAGE;
  if (argc > 1)
    return dag_cli_usage (_("summary takes no arguments"));

  store = dag_cli_open_store (database, &error);
  if (store == NULL)
    return dag_cli_fail (error);
  if (!dag_store_is_empty (store, &empty, &error))
    return dag_cli_fail (error);
  if (empty)
    {
      g_print (_("The database %s holds no organisation yet. Create one with “dagritme demo” or “dagritme import FILE.json”.\n"),
               database);
      return DAG_EXIT_OK;
    }
  org = dag_store_load (store, &error);
  if (org == NULL)
    return dag_cli_fail (error);

  for (guint i = 0; i < org->staff->len; i++)
    switch (DAG_AT (org->staff, DagStaff, i)->qualification)
      {
      case DAG_QUAL_HBO: hbo++; break;
      case DAG_QUAL_MBO: mbo++; break;
      case DAG_QUAL_VOLUNTEER: volunteers++; break;
      default: break;
      }
  for (guint i = 0; i < org->indications->len; i++)
    {
      const DagIndication *ind = DAG_AT (org->indications, DagIndication, i);
      if (ind->start <= today && today <= ind->end)
        active++;
    }
  for (guint i = 0; i < org->participants->len; i++)
    if (DAG_AT (org->participants, DagParticipant, i)->transport == DAG_TRANSPORT_BUS)
      bus++;

  g_print (_("Organisation: %s (AGB %s)\n"), org->name, org->agb_code);
  g_print (_("Database: %s\n"), database);
  g_print (_("Municipalities: %u, contracts: %u\n"), org->municipalities->len, org->contracts->len);
  g_print (_("Locations: %u, groups: %u, vehicles: %u\n"),
           org->locations->len, org->groups->len, org->vehicles->len);
  g_print (_("Staff: %u (HBO %u, MBO %u, volunteers %u)\n"), org->staff->len, hbo, mbo, volunteers);
  g_print (_("Participants: %u (%u travel by bus)\n"), org->participants->len, bus);
  g_print (_("Indications: %u (%u valid today)\n"), org->indications->len, active);
  g_print (_("Week plan: %u dagdelen planned, %u staff assignments\n"), org->plan->len, org->staffing->len);
  g_print (_("Attendance records: %u, absences: %u, transport runs: %u\n"),
           org->attendance->len, org->absences->len, org->runs->len);

  /* The same check as "dagritme check", so nobody misses a broken plan. */
  {
    g_autoptr(GArray) findings = dag_rules_check (org, dag_rules_week_start (today));
    guint errors = dag_rules_count_errors (findings);

    g_print (_("Planning rules this week: %u errors, %u warnings (details: dagritme check)\n"),
             errors, findings->len - errors);
  }
  return DAG_EXIT_OK;
}
