/* dag-cli-import-travel-times.c — "dagritme import travel-times FILE.csv":
 * replaces the travel-time matrix, all or nothing. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dag-cli-private.h"
#include "dag-store-travel.h"
#include "dag-travel.h"

int
dag_cli_import_travel_times (const char *database,
                             int         argc,
                             char      **argv)
{
  GOptionEntry entries[] = { { NULL } };
  g_autoptr(GError) error = NULL;
  g_autoptr(DagStore) store = NULL;
  g_autoptr(DagOrg) org = NULL;
  g_autoptr(GArray) pairs = NULL;
  g_autofree char *text = NULL;
  gsize length = 0;

  if (!dag_cli_parse_options ("import travel-times", _("FILE.csv"),
                              _("Replace the travel-time matrix with a CSV file from_id,to_id,minutes,km"),
                              entries, &argc, &argv))
    return DAG_EXIT_USAGE;
  if (argc != 2)
    return dag_cli_usage (_("import travel-times needs exactly one FILE.csv"));

  if (!g_file_get_contents (argv[1], &text, &length, &error))
    return dag_cli_fail (error);
  org = dag_cli_open_and_load (database, &store, &error);
  if (org == NULL)
    return dag_cli_fail (error);
  pairs = dag_travel_parse_csv (text, length, org, &error);
  if (pairs == NULL)
    {
      g_autofree char *base = g_path_get_basename (argv[1]);

      g_prefix_error (&error, "%s: ", base);
      return dag_cli_fail (error);
    }
  if (!dag_store_replace_travel_times (store, pairs, "import travel-times", &error))
    return dag_cli_fail (error);
  g_print (g_dngettext (GETTEXT_PACKAGE, "Imported %u travel time.\n", "Imported %u travel times.\n",
                        pairs->len), pairs->len);
  return DAG_EXIT_OK;
}
