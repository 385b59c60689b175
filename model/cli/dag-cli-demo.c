/* dag-cli-demo.c — "dagritme demo": fills the database with the generated
 * demo organisation (the run script's default data and the benchmarks'). */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "dag-cli-private.h"
#include "dag-demo.h"

/* "YYYY-MM" → the first day of that month. */
static gboolean
parse_month (const char *text,
             DagDate    *month)
{
  g_autofree char *date = NULL;

  if (text == NULL || strlen (text) != 7 || text[4] != '-')
    return FALSE;
  date = g_strdup_printf ("%s-01", text);
  return dag_date_parse (date, month);
}

int
dag_cli_demo (const char *database,
              int         argc,
              char      **argv)
{
  int participants = DAG_DEMO_DEFAULT_PARTICIPANTS;
  gint64 seed = DAG_DEMO_DEFAULT_SEED;
  g_autofree char *month = NULL;
  g_autofree char *fleet = NULL;
  /* -1: not given (the usual mix). */
  double staff = DAG_DEMO_DEFAULT_STAFF, hbo = -1, heavy = -1;
  GOptionEntry entries[] = {
    { "participants", 'n', 0, G_OPTION_ARG_INT, &participants,
      N_("Number of participants, 20 to 20000 (default 150)"), "N" },
    { "seed", 's', 0, G_OPTION_ARG_INT64, &seed,
      N_("Seed of the generator, 0 to 4294967295 (default 1)"), "S" },
    { "month", 'm', 0, G_OPTION_ARG_STRING, &month,
      N_("Month that gets attendance (default: the last full month)"), "YYYY-MM" },
    { "staff", 0, 0, G_OPTION_ARG_DOUBLE, &staff,
      N_("Staff supply: contract dagdelen per staff position the plan needs, 0.1 to 5 (default 1.25)"), "F" },
    { "hbo", 0, 0, G_OPTION_ARG_DOUBLE, &hbo,
      N_("Share of the paid staff that is HBO, above 0 up to 1 (default: 7 in 20 staff)"), "F" },
    { "heavy", 0, 0, G_OPTION_ARG_DOUBLE, &heavy,
      N_("Share of participants of intensity level 3 or 4, above 0 up to 1 (default: the usual mix)"), "F" },
    { "fleet", 0, 0, G_OPTION_ARG_STRING, &fleet,
      N_("Vehicles: normal, or tight (what a good plan needs plus one; default normal)"), "NAME" },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(DagStore) store = NULL;
  g_autoptr(DagOrg) org = NULL;
  DagDemoOptions options;
  char buf[DAG_DATE_BUF];

  if (!dag_cli_parse_options ("demo", "", _("Fill the database with a generated demo organisation"),
                              entries, &argc, &argv))
    return DAG_EXIT_USAGE;
  if (argc > 1)
    return dag_cli_usage (_("demo takes no arguments"));

  dag_demo_options_init (&options);
  if (participants < DAG_DEMO_MIN_PARTICIPANTS || participants > DAG_DEMO_MAX_PARTICIPANTS)
    return dag_cli_usage (_("--participants must be between %d and %d"),
                          DAG_DEMO_MIN_PARTICIPANTS, DAG_DEMO_MAX_PARTICIPANTS);
  if (seed < 0 || seed > G_MAXUINT32)
    return dag_cli_usage (_("--seed must be between 0 and %u"), G_MAXUINT32);
  if (month != NULL && !parse_month (month, &options.month))
    return dag_cli_usage (_("--month must be a month written YYYY-MM"));
  if (!(staff >= DAG_DEMO_MIN_STAFF && staff <= DAG_DEMO_MAX_STAFF))
    return dag_cli_usage (_("--staff must be between 0.1 and 5"));
  if (hbo != -1 && !(hbo > 0 && hbo <= 1))
    return dag_cli_usage (_("--hbo must be more than 0 and at most 1"));
  if (heavy != -1 && !(heavy > 0 && heavy <= 1))
    return dag_cli_usage (_("--heavy must be more than 0 and at most 1"));
  if (fleet != NULL && !dag_demo_fleet_parse (fleet, &options.fleet))
    return dag_cli_usage (_("--fleet must be normal or tight"));
  options.participants = participants;
  options.staff = staff;
  options.hbo = MAX (hbo, 0);
  options.heavy = MAX (heavy, 0);
  options.seed = (guint32) seed;

  org = dag_demo_generate (&options);
  store = dag_cli_create_store (database, &error);
  if (store == NULL)
    return dag_cli_fail (error);
  if (!dag_store_save (store, org, DAG_SECTION_ALL, "demo", &error))
    return dag_cli_fail (error);

  dag_date_format (options.month, buf);
  g_print (_("Wrote a demo organisation to %s: %u participants, %u locations, %u groups, "
             "%u staff, %u vehicles, %u planned dagdelen, %u attendance records from %.7s\n"),
           database, org->participants->len, org->locations->len, org->groups->len,
           org->staff->len, org->vehicles->len, org->plan->len, org->attendance->len, buf);
  return DAG_EXIT_OK;
}
