/* dag-cli-export-organisation.c — "dagritme export organisation": writes
 * the whole organisation as an organisation file (INTERFACES.md §1). */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dag-cli-private.h"
#include "dag-org-export.h"

int
dag_cli_export_organisation (const char *database,
                             int         argc,
                             char      **argv)
{
  g_autofree char *output = NULL;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write to FILE.json instead of standard output"), N_("FILE.json") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(DagStore) store = NULL;
  g_autoptr(DagOrg) org = NULL;
  g_autofree char *text = NULL;
  gsize length = 0;
  gboolean empty = FALSE;

  if (!dag_cli_parse_options ("export organisation", "",
                              _("Write the whole organisation as an organisation file"),
                              entries, &argc, &argv))
    return DAG_EXIT_USAGE;
  if (argc > 1)
    return dag_cli_usage (_("export organisation takes no arguments; use --output FILE.json"));

  store = dag_cli_open_store (database, &error);
  if (store == NULL)
    return dag_cli_fail (error);
  /* An empty database would give a file that no import accepts. */
  if (!dag_store_is_empty (store, &empty, &error))
    return dag_cli_fail (error);
  if (empty)
    {
      g_set_error (&error, DAG_STORE_ERROR, DAG_STORE_ERROR_NOT_FOUND,
                   _("The database %s holds no organisation yet; use “dagritme import” or “dagritme demo”"),
                   dag_store_get_path (store));
      return dag_cli_fail (error);
    }
  org = dag_store_load (store, &error);
  if (org == NULL)
    return dag_cli_fail (error);

  text = dag_org_export_json (org, &length);
  /* Readable by the owner only: the file holds BSNs. */
  if (!dag_cli_write_output (output, text, length, 0600, &error))
    return dag_cli_fail (error);
  return DAG_EXIT_OK;
}
