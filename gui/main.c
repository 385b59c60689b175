/* main.c — starts Dagritme: the window, or a command-line job. */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "dag-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(DagApplication) app = NULL;
  const char *localedir;

  setlocale (LC_ALL, "");
  /* DAGRITME_LOCALEDIR lets an uninstalled build find its translations. */
  localedir = g_getenv ("DAGRITME_LOCALEDIR");
  bindtextdomain (GETTEXT_PACKAGE, localedir && *localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = dag_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
