/* dag-cli-admin.c — "dagritme admin init-server URI": a shared PostgreSQL
 * database ready for several users: created when missing, migrated, with
 * the roles of who may see what. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dag-cli-private.h"

int
dag_cli_admin_init_server (const char *database,
                           int         argc,
                           char      **argv)
{
  GOptionEntry entries[] = { { NULL } };
  g_autoptr(GError) error = NULL;
  g_autoptr(DagStore) store = NULL;
  gboolean created = FALSE;
  const char *uri;

  if (!dag_cli_parse_options ("admin init-server", "URI",
                              _("Create a shared PostgreSQL database with its roles, or bring one up to date"),
                              entries, &argc, &argv))
    return DAG_EXIT_USAGE;
  if (argc > 2)
    return dag_cli_usage (_("admin init-server takes one URI"));
  uri = argc == 2 ? argv[1] : database;
  if (!dag_store_is_uri (uri))
    return dag_cli_usage (_("admin init-server needs a postgresql:// URI, not %s"), uri);

  if (!dag_store_create_database (uri, &created, &error))
    return dag_cli_fail (error);
  store = dag_store_open (uri, &error);
  if (store == NULL || !dag_store_grant_roles (store, &error))
    return dag_cli_fail (error);
  if (created)
    g_print (_("Created the database %s (schema %d).\n"), dag_store_get_path (store), DAG_STORE_SCHEMA_VERSION);
  else
    g_print (_("The database %s is up to date (schema %d).\n"), dag_store_get_path (store),
             DAG_STORE_SCHEMA_VERSION);
  g_print ("%s\n", _("Roles: dagritme_admin (everything), dagritme_coordinator (no declarations), "
                     "dagritme_begeleider (plan and staffing; no BSN or health data)."));
  g_print ("%s\n", _("Add a user with, for example: CREATE ROLE anna LOGIN PASSWORD '…' IN ROLE dagritme_coordinator;"));
  g_print ("%s\n", _("Then fill it: dagritme -d URI import FILE.json"));
  return DAG_EXIT_OK;
}
