/* dag-cli-export-production.c — "dagritme export production": a month's
 * production as CSV (INTERFACES.md §2), iWmo WMO323 declarations (as
 * "dagritme declare" writes them) or a summary. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "dag-cli-private.h"
#include "dag-production-export.h"

/* "YYYY-MM", month 01–12. */
static gboolean
parse_month (const char *text,
             int        *year,
             int        *month)
{
  if (text == NULL || strlen (text) != 7 || text[4] != '-')
    return FALSE;
  for (int i = 0; i < 7; i++)
    if (i != 4 && !g_ascii_isdigit (text[i]))
      return FALSE;
  *year = g_ascii_digit_value (text[0]) * 1000 + g_ascii_digit_value (text[1]) * 100 +
          g_ascii_digit_value (text[2]) * 10 + g_ascii_digit_value (text[3]);
  *month = g_ascii_digit_value (text[5]) * 10 + g_ascii_digit_value (text[6]);
  return *year >= 1900 && *month >= 1 && *month <= 12;
}

int
dag_cli_export_production (const char *database,
                           int         argc,
                           char      **argv)
{
  g_autofree char *month_text = NULL, *municipality_code = NULL, *format = NULL;
  g_autofree char *dialect_text = NULL, *output = NULL;
  GOptionEntry entries[] = {
    { "month", 0, 0, G_OPTION_ARG_STRING, &month_text, N_("The month to export (YYYY-MM)"), N_("MONTH") },
    { "municipality", 0, 0, G_OPTION_ARG_STRING, &municipality_code, N_("Only this municipality (CBS code)"), N_("CODE") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("csv (default), wmo323 (or xml, the same) or summary"), N_("FORMAT") },
    { "dialect", 0, 0, G_OPTION_ARG_STRING, &dialect_text, N_("nl: semicolons and euros with a decimal comma"), N_("DIALECT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("The CSV file (- for standard output), the folder for WMO323 files, or the summary file"), N_("PATH") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(DagStore) store = NULL;
  g_autoptr(DagOrg) org = NULL;
  g_autoptr(DagProduction) production = NULL;
  DagCsvDialect dialect = DAG_CSV_DIALECT_RFC4180;
  int year, month, municipality = -1;
  guint n_problems;

  if (!dag_cli_parse_options ("export production", "",
                              _("Export the production of a month for invoicing"),
                              entries, &argc, &argv))
    return DAG_EXIT_USAGE;
  if (argc > 1)
    return dag_cli_usage (_("export production takes no arguments besides its options"));
  if (!parse_month (month_text, &year, &month))
    return dag_cli_usage (_("export production needs --month YYYY-MM"));
  if (format == NULL)
    format = g_strdup ("csv");
  /* The home-made XML of old is gone: xml is the WMO323 a municipality takes. */
  if (strcmp (format, "xml") == 0)
    {
      g_free (format);
      format = g_strdup ("wmo323");
    }
  if (strcmp (format, "csv") != 0 && strcmp (format, "wmo323") != 0 && strcmp (format, "summary") != 0)
    return dag_cli_usage (_("--format must be csv, wmo323 (or xml) or summary"));
  if (dialect_text != NULL)
    {
      if (strcmp (format, "csv") != 0)
        return dag_cli_usage (_("--dialect only applies to --format csv"));
      if (strcmp (dialect_text, "nl") == 0)
        dialect = DAG_CSV_DIALECT_NL;
      else if (strcmp (dialect_text, "rfc4180") != 0)
        return dag_cli_usage (_("--dialect must be nl or rfc4180"));
    }
  if (output == NULL && strcmp (format, "summary") != 0)
    return dag_cli_usage (_("export production needs --output"));
  if (strcmp (format, "wmo323") == 0 && strcmp (output, "-") == 0)
    return dag_cli_usage (_("--format wmo323 writes files into the folder given by --output"));

  org = dag_cli_open_and_load (database, &store, &error);
  if (org == NULL)
    return dag_cli_fail (error);
  if (municipality_code != NULL)
    {
      municipality = dag_org_lookup (org, DAG_KIND_MUNICIPALITY, municipality_code);
      if (municipality < 0)
        {
          g_set_error (&error, DAG_STORE_ERROR, DAG_STORE_ERROR_NOT_FOUND,
                       _("There is no municipality with code “%s”"), municipality_code);
          return dag_cli_fail (error);
        }
    }

  /* A WMO323 that was written may be sent: it goes into the ledger like
   * every declaration, so that its numbers are never used again. */
  if (strcmp (format, "wmo323") == 0)
    return dag_cli_declare_month (store, org, year, month, municipality, output);

  production = dag_production_compute (org, year, month, dag_date_today ());
  /* Notices (attendance billed outside the plan) are billed: not counted. */
  n_problems = 0;
  for (guint i = 0; i < production->problems->len; i++)
    if (!dag_production_problem_is_notice (DAG_AT (production->problems, DagProductionProblem, i)->kind))
      n_problems++;

  {
    g_autofree char *contents = NULL;
    gsize length;

    if (strcmp (format, "csv") == 0)
      contents = dag_production_to_csv (org, production, municipality, dialect, &length);
    else
      {
        contents = dag_production_summary (org, production, municipality);
        length = strlen (contents);
      }
    /* The CSV and the summary name people (the CSV with BSN): owner only. */
    if (!dag_cli_write_output (output, contents, length, 0600, &error))
      return dag_cli_fail (error);
  }

  if (n_problems > 0 && strcmp (format, "summary") != 0)
    g_printerr (ngettext ("%u problem kept attendance from being billed; see --format summary\n",
                          "%u problems kept attendance from being billed; see --format summary\n",
                          n_problems), n_problems);
  return DAG_EXIT_OK;
}
