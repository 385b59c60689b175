/* dag-cli-import.c — "dagritme import FILE.json": replaces the whole
 * organisation in the database with the one in an organisation file, all
 * or nothing. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dag-cli-private.h"
#include "dag-org-import.h"

int
dag_cli_import (const char *database,
                int         argc,
                char      **argv)
{
  GOptionEntry entries[] = { { NULL } };
  g_autoptr(GError) error = NULL;
  g_autoptr(DagStore) store = NULL;
  g_autoptr(DagOrg) org = NULL;
  g_autofree char *display = NULL;
  const char *path;

  if (!dag_cli_parse_options ("import", _("FILE.json"),
                              _("Replace the organisation with the one in an organisation file"),
                              entries, &argc, &argv))
    return DAG_EXIT_USAGE;
  if (argc != 2)
    return dag_cli_usage (argc < 2 ? _("import needs the organisation file to read")
                                   : _("import reads one file"));
  path = argv[1];
  display = g_filename_display_name (path);

  /* Read and check everything before the database is even opened. */
  org = dag_org_import_file (path, &error);
  if (org == NULL)
    {
      if (error->domain == G_FILE_ERROR)
        return dag_cli_fail (error);
      g_prefix_error (&error, "%s: ", display);
      return dag_cli_fail (error);
    }

  store = dag_cli_create_store (database, &error);
  if (store == NULL)
    return dag_cli_fail (error);
  /* One transaction: on any error the database stays as it was. */
  if (!dag_store_save (store, org, DAG_SECTION_ALL, "import", &error))
    return dag_cli_fail (error);

  g_print (_("Imported “%s” from %s (participants: %u, indications: %u, staff: %u)\n"),
           org->name, display, org->participants->len, org->indications->len, org->staff->len);
  return DAG_EXIT_OK;
}
