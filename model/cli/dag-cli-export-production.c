/* dag-cli-export-production.c — "dagritme export production": a month's
 * production as CSV (INTERFACES.md §2), XML declarations or a summary. */

#include "config.h"

#include <errno.h>
#include <unistd.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
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

/* Writes data to a new temp file beside the final name; returns its path. */
static char *
write_temp (const char *directory,
            const char *name,
            const char *data,
            gsize       length,
            GError    **error)
{
  g_autofree char *template = g_strdup_printf ("%s/.%s.XXXXXX", directory, name);
  int fd = g_mkstemp_full (template, O_RDWR | O_CLOEXEC, 0600);
  gsize done = 0;

  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Cannot write in the folder “%s”: %s"), directory, g_strerror (saved));
      return NULL;
    }
  while (done < length)
    {
      gssize n = write (fd, data + done, length - done);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          int saved = n < 0 ? errno : ENOSPC;
          close (fd);
          g_unlink (template);
          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                       _("Cannot write “%s”: %s"), name, g_strerror (saved));
          return NULL;
        }
      done += n;
    }
  if (fsync (fd) != 0 || close (fd) != 0)
    {
      int saved = errno;
      g_unlink (template);
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Cannot write “%s”: %s"), name, g_strerror (saved));
      return NULL;
    }
  return g_steal_pointer (&template);
}

/* One declaration per municipality, all or none: every file is first
 * written to a temp file, and only when all are written are they renamed
 * into place (each holds BSNs: mode 0600). */
static gboolean
write_xml (const DagOrg        *org,
           const DagProduction *production,
           int                  municipality,
           const char          *directory,
           guint               *n_files,
           GError             **error)
{
  g_autoptr(GPtrArray) temps = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) finals = g_ptr_array_new_with_free_func (g_free);
  gboolean created = !g_file_test (directory, G_FILE_TEST_EXISTS);
  gboolean ok = TRUE;

  if (g_mkdir_with_parents (directory, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Cannot create the folder “%s”: %s"), directory, g_strerror (saved));
      return FALSE;
    }
  for (guint m = 0; ok && m < org->municipalities->len; m++)
    {
      g_autofree char *name = NULL, *xml = NULL;
      char *temp;
      gsize length;

      if ((municipality >= 0 && (int) m != municipality) || !dag_production_has_lines (production, m))
        continue;
      name = dag_production_xml_name (org, production, m);
      xml = dag_production_to_xml (org, production, m, &length);
      temp = write_temp (directory, name, xml, length, error);
      if (temp == NULL)
        ok = FALSE;
      else
        {
          g_ptr_array_add (temps, temp);
          g_ptr_array_add (finals, g_build_filename (directory, name, NULL));
        }
    }
  for (guint i = 0; ok && i < temps->len; i++)
    if (g_rename (g_ptr_array_index (temps, i), g_ptr_array_index (finals, i)) != 0)
      {
        int saved = errno;
        g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                     _("Cannot write “%s”: %s"), (char *) g_ptr_array_index (finals, i), g_strerror (saved));
        ok = FALSE;
      }
  if (!ok)
    {
      for (guint i = 0; i < temps->len; i++)
        g_unlink (g_ptr_array_index (temps, i));
      if (created)
        g_rmdir (directory);
      return FALSE;
    }
  *n_files = temps->len;
  return TRUE;
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
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("csv (default), xml or summary"), N_("FORMAT") },
    { "dialect", 0, 0, G_OPTION_ARG_STRING, &dialect_text, N_("nl: semicolons and euros with a decimal comma"), N_("DIALECT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("The CSV file (- for standard output), the folder for XML files, or the summary file"), N_("PATH") },
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
  if (strcmp (format, "csv") != 0 && strcmp (format, "xml") != 0 && strcmp (format, "summary") != 0)
    return dag_cli_usage (_("--format must be csv, xml or summary"));
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
  if (strcmp (format, "xml") == 0 && strcmp (output, "-") == 0)
    return dag_cli_usage (_("--format xml writes files into the folder given by --output"));

  store = dag_cli_open_store (database, &error);
  if (store == NULL)
    return dag_cli_fail (error);
  org = dag_store_load (store, &error);
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

  production = dag_production_compute (org, year, month, dag_date_today ());
  n_problems = production->problems->len;

  if (strcmp (format, "xml") == 0)
    {
      guint n_files = 0;

      if (!write_xml (org, production, municipality, output, &n_files, &error))
        return dag_cli_fail (error);
      g_printerr (ngettext ("Wrote %u declaration into %s\n", "Wrote %u declarations into %s\n", n_files),
                  n_files, output);
    }
  else
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
