/* dag-cli.h — the command line of the dagritme binary: global options and
 * the batch commands an administrator runs without a display. */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Exit codes of INTERFACES.md §4. */
#define DAG_EXIT_OK      0
#define DAG_EXIT_FAILED  1
#define DAG_EXIT_USAGE   2

/* Parses argv.  When it names a command (or --version / --help), runs it and
 * returns TRUE with *exit_status set.  Otherwise returns FALSE: the caller
 * opens the window on *database (newly allocated; the default path when no
 * --database was given). */
gboolean dag_cli_main (int     argc,
                       char  **argv,
                       char  **database,
                       int    *exit_status);

G_END_DECLS
