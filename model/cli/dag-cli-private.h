/* dag-cli-private.h — what the command implementations share. */

#pragma once

#include <gio/gio.h>

#include "dag-cli.h"
#include "dag-store.h"

G_BEGIN_DECLS

/* A command: argv[0] is its name ("demo", "export"); returns an exit code. */
typedef int (*DagCliFunc) (const char *database, int argc, char **argv);

/* Parses the command's own options.  On a wrong command line prints the
 * error and the command's help to stderr and returns FALSE (exit 2).
 * Remaining arguments stay in argv. */
gboolean  dag_cli_parse_options (const char   *command,
                                 const char   *parameter_string,
                                 const char   *summary,
                                 GOptionEntry *entries,
                                 int          *argc,
                                 char       ***argv);
/* Prints "dagritme: message" to stderr; returns DAG_EXIT_FAILED. */
int       dag_cli_fail          (const GError *error);
/* text with every control character, byte that is not UTF-8, direction
 * mark and line or paragraph separator written as \x1B or \u{202E}
 * (line feeds stay, and tabs when keep_tabs).  Newly allocated.  What a
 * command prints with g_print() and g_printerr() goes through it. */
char     *dag_cli_escape        (const char *text,
                                 gboolean    keep_tabs);
/* Prints a formatted message to stderr, escaped as dag_cli_escape() does
 * (it may quote an argument); returns DAG_EXIT_USAGE. */
int       dag_cli_usage         (const char *format, ...) G_GNUC_PRINTF (1, 2);
/* Opens an existing database; a missing file is an error (nothing is
 * created). */
DagStore *dag_cli_open_store    (const char *database, GError **error);
/* dag_cli_open_store, then the organisation it holds; *store is set (or
 * NULL) either way, for the caller to free. */
DagOrg   *dag_cli_open_and_load (const char *database, DagStore **store, GError **error);
/* Opens the database, creating it when missing (demo and import). */
DagStore *dag_cli_create_store  (const char *database, GError **error);
/* Writes contents to path atomically (temp file in the same folder, then
 * rename) with mode, or to stdout when path is NULL or "-". */
gboolean  dag_cli_write_output  (const char *path,
                                 const char *contents,
                                 gsize       length,
                                 int         mode,
                                 GError    **error);

/* The commands, one file each. */
int dag_cli_admin_init_server   (const char *database, int argc, char **argv);
int dag_cli_check               (const char *database, int argc, char **argv);
int dag_cli_plan                (const char *database, int argc, char **argv);
int dag_cli_attendance          (const char *database, int argc, char **argv);
int dag_cli_export_ical         (const char *database, int argc, char **argv);
int dag_cli_export_production   (const char *database, int argc, char **argv);
int dag_cli_demo                (const char *database, int argc, char **argv);
int dag_cli_import              (const char *database, int argc, char **argv);
int dag_cli_export_organisation (const char *database, int argc, char **argv);
int dag_cli_summary             (const char *database, int argc, char **argv);
int dag_cli_import_travel_times (const char *database, int argc, char **argv);
int dag_cli_import_wmo301       (const char *database, int argc, char **argv);
int dag_cli_import_wmo325       (const char *database, int argc, char **argv);
int dag_cli_transport           (const char *database, int argc, char **argv);
int dag_cli_declare             (const char *database, int argc, char **argv);
int dag_cli_declarations        (const char *database, int argc, char **argv);
int dag_cli_declaration_sent    (const char *database, int argc, char **argv);

/* Declares year-month for municipality (index, -1 for all) into the folder
 * output and records it in org's ledger, saved in store: what "declare"
 * and "export production --format wmo323" do.  Returns an exit code. */
int dag_cli_declare_month       (DagStore   *store,
                                 DagOrg     *org,
                                 int         year,
                                 int         month,
                                 int         municipality,
                                 const char *output);

G_END_DECLS
