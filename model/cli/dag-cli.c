/* dag-cli.c — global options and dispatch of the batch commands. */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dag-cli-private.h"
#include "dag-validate.h"

typedef struct {
  const char *name;      /* "demo" or "export organisation" */
  const char *args;      /* shown in --help */
  const char *summary;   /* translatable, N_() */
  DagCliFunc  func;
} Command;

/* Keep sorted by name; two-word names are "command subcommand". */
static const Command commands[] = {
  { "admin init-server", "URI",
    N_("Create a shared PostgreSQL database with its roles, or bring one up to date"), dag_cli_admin_init_server },
  { "attendance", "--date DATE [--location ID] | --date DATE --participant ID --slot PART --status STATUS [--hours H] [--reason TEXT]",
    N_("List or register the attendance of a day"), dag_cli_attendance },
  { "check", "[--week YYYY-Www | YYYY-MM-DD]",
    N_("Check the week plan against the planning rules"), dag_cli_check },
  { "declaration sent", "NUMBER [--date YYYY-MM-DD]",
    N_("Mark a declaration as sent: its month becomes final"), dag_cli_declaration_sent },
  { "declarations", "[--month YYYY-MM]",
    N_("List the declarations written and sent"), dag_cli_declarations },
  { "declare", "--month YYYY-MM [--municipality CODE] --output DIR",
    N_("Write the WMO323 declarations of a month and keep them in the ledger"), dag_cli_declare },
  { "demo", "[--participants N] [--seed S] [--month YYYY-MM]",
    N_("Fill the database with a generated demo organisation"), dag_cli_demo },
  { "export ical", "--participant ID | --staff ID | --group ID | --location ID | --vehicle ID | --all-participants DIR [--from DATE] [--to DATE] --output FILE.ics",
    N_("Write the week plan as an iCalendar file"), dag_cli_export_ical },
  { "export organisation", "[--output FILE.json]",
    N_("Write the whole organisation as an organisation file"), dag_cli_export_organisation },
  { "export production", "--month YYYY-MM [--municipality CODE] [--format csv|wmo323|summary] [--dialect nl] --output PATH",
    N_("Export the production of a month for invoicing"), dag_cli_export_production },
  { "import", "FILE.json",
    N_("Replace the organisation with the one in an organisation file"), dag_cli_import },
  { "import travel-times", "FILE.csv",
    N_("Replace the travel-time matrix with a CSV file from_id,to_id,minutes,km"), dag_cli_import_travel_times },
  { "import wmo301", "[--dry-run] FILE.xml",
    N_("Create, change or end indications from an iWmo WMO301 allocation message"), dag_cli_import_wmo301 },
  { "import wmo325", "[--dry-run] FILE.xml",
    N_("Store a municipality’s WMO325 answer to a declaration on the ledger"), dag_cli_import_wmo325 },
  { "plan", "[--from YYYY-MM-DD | --week YYYY-Www] [--time-limit S] [--keep-existing] [--seed N]",
    N_("Plan the week automatically and save the plan"), dag_cli_plan },
  { "summary", "",
    N_("Print a summary of the organisation"), dag_cli_summary },
  { "transport", "--date YYYY-MM-DD [--time-limit S] [--dry-run] [--standing]",
    N_("Plan, store and print the transport runs of a date"), dag_cli_transport },
};

/* The database of this run, so no export can overwrite it. */
static char *cli_database;

static const Command *
find_command (int    argc,
              char **argv,
              int   *words)
{
  if (argc >= 2)
    {
      g_autofree char *two = g_strdup_printf ("%s %s", argv[0], argv[1]);
      for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
        if (strcmp (commands[i].name, two) == 0)
          {
            *words = 2;
            return &commands[i];
          }
    }
  for (guint i = 0; argc >= 1 && i < G_N_ELEMENTS (commands); i++)
    if (strcmp (commands[i].name, argv[0]) == 0)
      {
        *words = 1;
        return &commands[i];
      }
  return NULL;
}

static gboolean
has_subcommands (const char *word)
{
  gsize n = strlen (word);

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (strncmp (commands[i].name, word, n) == 0 && commands[i].name[n] == ' ')
      return TRUE;
  return FALSE;
}

static char *
commands_help (void)
{
  GString *s = g_string_new (_("Commands:"));

  g_string_append_c (s, '\n');
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_string_append_printf (s, "  %s %s\n      %s\n", commands[i].name, commands[i].args,
                            _(commands[i].summary));
  g_string_append (s, _("Without a command, dagritme opens the window."));
  return g_string_free (s, FALSE);
}

static void
init_i18n (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      /* DAGRITME_LOCALEDIR lets an uninstalled build find its translations. */
      const char *dir = g_getenv ("DAGRITME_LOCALEDIR");

      bindtextdomain (GETTEXT_PACKAGE, dir && *dir ? dir : LOCALEDIR);
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      g_once_init_leave (&done, 1);
    }
}

/* A message may quote a value from a file or the command line: every
 * control character (C0, DEL, C1) and every byte that is not UTF-8 is
 * written as \x1B, and every character that turns text around on screen
 * or breaks a line where none was meant (U+202E, U+2066, U+2028, …) as
 * \u{202E}, so that a crafted value can neither drive the terminal nor
 * make the line say something else than it holds.  A line feed stays one
 * (messages list their findings a line each), and so does a tab when
 * keep_tabs (output in columns). */
char *
dag_cli_escape (const char *text,
                gboolean    keep_tabs)
{
  GString *out = g_string_sized_new (strlen (text));

  for (const char *c = text; *c; )
    {
      gunichar u = g_utf8_get_char_validated (c, -1);
      DagTextChar kind;

      if (u == (gunichar) -1 || u == (gunichar) -2)
        {
          g_string_append_printf (out, "\\x%02X", (guint) (guchar) *c);
          c++;
          continue;
        }
      kind = dag_text_char_class (u);
      if (u == '\n' || (u == '\t' && keep_tabs) || kind == DAG_TEXT_CHAR_OK)
        g_string_append_len (out, c, g_utf8_next_char (c) - c);
      else if (kind == DAG_TEXT_CHAR_CONTROL)
        g_string_append_printf (out, "\\x%02X", (guint) u);
      else
        g_string_append_printf (out, "\\u{%04X}", (guint) u);
      c = g_utf8_next_char (c);
    }
  return g_string_free (out, FALSE);
}

/* Everything a command prints goes through dag_cli_escape(): names,
 * reasons and ids come from the database, which another program or an
 * older version may have filled. */
static void
print_escaped (FILE       *stream,
               const char *text)
{
  g_autofree char *shown = dag_cli_escape (text, TRUE);
  const char *charset = NULL;

  if (g_get_console_charset (&charset))
    fputs (shown, stream);
  else
    {
      g_autofree char *converted = g_convert_with_fallback (shown, -1, charset, "UTF-8", "?",
                                                            NULL, NULL, NULL);

      fputs (converted ? converted : shown, stream);
    }
  fflush (stream);
}

static void
print_stdout (const char *text)
{
  print_escaped (stdout, text);
}

static void
print_stderr (const char *text)
{
  print_escaped (stderr, text);
}

gboolean
dag_cli_main (int     argc,
              char  **argv,
              char  **database,
              int    *exit_status)
{
  g_autofree char *db = NULL;
  gboolean version = FALSE;
  GOptionEntry entries[] = {
    { "database", 'd', 0, G_OPTION_ARG_FILENAME, &db, N_("The database file to use, or a postgresql:// URI of a shared database"), N_("FILE") },
    { "version", 0, 0, G_OPTION_ARG_NONE, &version, N_("Print the version and exit"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *help = NULL;
  g_auto(GStrv) args = NULL;
  int n_args;
  const Command *command;
  int words = 0;

  init_i18n ();

  context = g_option_context_new (_("[COMMAND [ARGUMENTS…]]"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _("Plans day-activity care: groups, staff, transport, attendance and invoicing."));
  help = commands_help ();
  g_option_context_set_description (context, help);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  /* Stop at the command: its options belong to it. */
  g_option_context_set_strict_posix (context, TRUE);

  args = g_new0 (char *, argc + 1);
  for (int i = 0; i < argc; i++)
    args[i] = g_strdup (argv[i]);
  n_args = argc;

  if (!g_option_context_parse_strv (context, &args, &error))
    {
      *exit_status = dag_cli_usage ("%s", error->message);
      return TRUE;
    }
  n_args = g_strv_length (args);

  if (version)
    {
      g_print ("dagritme %s\n", PACKAGE_VERSION);
      *exit_status = DAG_EXIT_OK;
      return TRUE;
    }

  *database = db ? g_steal_pointer (&db) : dag_store_default_path ();

  if (n_args < 2)
    return FALSE;

  /* GApplication and the session manager may pass their own arguments. */
  if (g_str_has_prefix (args[1], "-"))
    return FALSE;

  command = find_command (n_args - 1, args + 1, &words);
  if (command == NULL)
    {
      if (has_subcommands (args[1]))
        *exit_status = dag_cli_usage (_("“%s” needs one of the subcommands listed by --help"), args[1]);
      else
        *exit_status = dag_cli_usage (_("Unknown command “%s”; see dagritme --help"), args[1]);
      return TRUE;
    }

  {
    /* Hand the command its name as argv[0], then its own arguments. */
    int cargc = n_args - words;
    g_auto(GStrv) cargv = g_new0 (char *, cargc + 1);

    cargv[0] = g_strdup (command->name);
    for (int i = 1; i < cargc; i++)
      cargv[i] = g_strdup (args[i + words]);
    GPrintFunc old_print, old_printerr;

    g_free (cli_database);
    cli_database = g_strdup (*database);
    old_print = g_set_print_handler (print_stdout);
    old_printerr = g_set_printerr_handler (print_stderr);
    *exit_status = command->func (*database, cargc, cargv);
    g_set_print_handler (old_print);
    g_set_printerr_handler (old_printerr);
    g_clear_pointer (&cli_database, g_free);

    /* Output that did not reach its reader (a full disk, a closed pipe) is
     * a failed job, not a success. */
    if (fflush (stdout) != 0 || ferror (stdout))
      {
        g_printerr ("dagritme: %s\n", _("Cannot write to standard output"));
        if (*exit_status == DAG_EXIT_OK)
          *exit_status = DAG_EXIT_FAILED;
      }
  }
  return TRUE;
}

gboolean
dag_cli_parse_options (const char   *command,
                       const char   *parameter_string,
                       const char   *summary,
                       GOptionEntry *entries,
                       int          *argc,
                       char       ***argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (parameter_string);
  g_autoptr(GError) error = NULL;

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (summary)
    g_option_context_set_summary (context, summary);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_help_enabled (context, TRUE);
  /* argv is the heap GStrv dag_cli_main() hands the command: the strv
   * variant frees the strings it takes out (plain parse would leak them). */
  if (!g_option_context_parse_strv (context, argv, &error))
    {
      dag_cli_usage ("%s %s: %s", g_get_prgname () ? g_get_prgname () : "dagritme", command, error->message);
      return FALSE;
    }
  *argc = g_strv_length (*argv);
  return TRUE;
}

DagOrg *
dag_cli_open_and_load (const char *database,
                       DagStore  **store,
                       GError    **error)
{
  *store = dag_cli_open_store (database, error);
  return *store != NULL ? dag_store_load (*store, error) : NULL;
}

int
dag_cli_fail (const GError *error)
{
  g_autofree char *shown = dag_cli_escape (error ? error->message : _("unknown error"), FALSE);

  g_printerr ("dagritme: %s\n", shown);
  return DAG_EXIT_FAILED;
}

int
dag_cli_usage (const char *format,
               ...)
{
  va_list args;
  g_autofree char *message = NULL;

  g_autofree char *shown = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  /* The message may quote an argument as it was typed. */
  shown = dag_cli_escape (message, FALSE);
  g_printerr ("%s\n", shown);
  return DAG_EXIT_USAGE;
}

/* A command waits up to two minutes for another writer, and says so. */
#define CLI_WAIT_MS 120000

static void
say_waiting (DagStore *store,
             gboolean  first,
             gpointer  user_data)
{
  if (first)
    g_printerr ("dagritme: %s\n", _("waiting for another Dagritme to finish writing the database…"));
}

static DagStore *
open_waiting (const char *database,
              GError    **error)
{
  DagStore *store = dag_store_open (database, error);

  if (store != NULL)
    dag_store_set_wait_func (store, say_waiting, NULL, CLI_WAIT_MS);
  return store;
}

DagStore *
dag_cli_open_store (const char *database,
                    GError    **error)
{
  /* A mistyped --database must not leave an empty database (and folders)
   * behind: only demo and import create one. */
  if (!dag_store_is_uri (database) && !g_file_test (database, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_NOT_FOUND,
                   _("There is no database at %s; create one with “dagritme demo” or “dagritme import FILE.json”"),
                   database);
      return NULL;
    }
  return open_waiting (database, error);
}

DagStore *
dag_cli_create_store (const char *database,
                      GError    **error)
{
  return open_waiting (database, error);
}

/* Whether path names the open database or its -wal/-shm file. */
static gboolean
is_database_file (const char *path)
{
  static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };
  GStatBuf a, b;

  if (cli_database == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *db = g_strconcat (cli_database, suffixes[i], NULL);

      if (g_strcmp0 (db, path) == 0)
        return TRUE;
      if (g_stat (db, &a) == 0 && g_stat (path, &b) == 0 && a.st_dev == b.st_dev && a.st_ino == b.st_ino)
        return TRUE;
    }
  return FALSE;
}

/* Temp files of ours: ".NAME.dagritme-XXXXXX" beside the target. */
#define TEMP_INFIX ".dagritme-"

/* Removes temp files of ours older than a day in dir: left by a kill. */
static void
remove_stale_temps (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = NULL;
      const char *infix;
      GStatBuf st;

      if (name[0] != '.' || (infix = strstr (name, TEMP_INFIX)) == NULL ||
          strlen (infix) != strlen (TEMP_INFIX) + 6)
        continue;
      path = g_build_filename (dir, name, NULL);
      if (g_lstat (path, &st) == 0 && S_ISREG (st.st_mode) && st.st_uid == getuid () &&
          now - st.st_mtime > 24 * 3600)
        g_unlink (path);
    }
}

static gboolean
set_write_error (GError    **error,
                 int         saved,
                 const char *path)
{
  if (saved == ENOSPC || saved == EDQUOT)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                 _("The disk is full: %s was not written"), path);
  else
    g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                 _("Cannot write %s: %s"), path, g_strerror (saved));
  return FALSE;
}

static gboolean
write_all (int         fd,
           const char *contents,
           gsize       length)
{
  while (length > 0)
    {
      gssize n = write (fd, contents, length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          if (n == 0)
            errno = EIO;
          return FALSE;
        }
      contents += n;
      length -= n;
    }
  return TRUE;
}

/* Into a device, a FIFO or a socket: written into, never replaced. */
static gboolean
write_into (const char *path,
            const char *contents,
            gsize       length,
            GError    **error)
{
  int fd = g_open (path, O_WRONLY | O_NOCTTY | O_CLOEXEC, 0);
  gboolean ok;

  if (fd < 0)
    return set_write_error (error, errno, path);
  ok = write_all (fd, contents, length);
  if (!ok)
    {
      int saved = errno;
      close (fd);
      return set_write_error (error, saved, path);
    }
  if (close (fd) != 0 && errno != EINTR)
    return set_write_error (error, errno, path);
  return TRUE;
}

/* A temp file beside the target, synced, renamed over it and the folder
 * synced: never half a file, and on any failure no temp file stays. */
static gboolean
replace_file (const char *path,
              const char *contents,
              gsize       length,
              int         mode,
              GError    **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *tmpl = g_strdup_printf (".%s" TEMP_INFIX "XXXXXX", base);
  g_autofree char *temp = g_build_filename (dir, tmpl, NULL);
  int fd, dfd, saved;

  remove_stale_temps (dir);
  fd = g_mkstemp_full (temp, O_WRONLY | O_CLOEXEC, mode);
  if (fd < 0)
    return set_write_error (error, errno, path);
  if (!write_all (fd, contents, length) || fsync (fd) != 0)
    {
      saved = errno;
      close (fd);
      g_unlink (temp);
      return set_write_error (error, saved, path);
    }
  if (close (fd) != 0 && errno != EINTR)
    {
      saved = errno;
      g_unlink (temp);
      return set_write_error (error, saved, path);
    }
  if (g_rename (temp, path) != 0)
    {
      saved = errno;
      g_unlink (temp);
      return set_write_error (error, saved, path);
    }
  /* The rename itself must survive a power cut too. */
  dfd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
  if (dfd >= 0)
    {
      fsync (dfd);
      close (dfd);
    }
  return TRUE;
}

gboolean
dag_cli_write_output (const char *path,
                      const char *contents,
                      gsize       length,
                      int         mode,
                      GError    **error)
{
  GStatBuf st;

  if (path == NULL || strcmp (path, "-") == 0)
    {
      if (fwrite (contents, 1, length, stdout) != length || fflush (stdout) != 0)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot write to standard output"));
          return FALSE;
        }
      return TRUE;
    }
  if (is_database_file (path))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   _("%s is the database itself; choose another output file"), path);
      return FALSE;
    }
  /* lstat: a symbolic link is replaced as a file is (the link, never what
   * it points at); a device, FIFO or socket is written into: renaming a
   * file over /dev/null would break every program that uses it. */
  if (g_lstat (path, &st) == 0)
    {
      if (S_ISDIR (st.st_mode))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                       _("%s is a folder; give a file name"), path);
          return FALSE;
        }
      if (S_ISCHR (st.st_mode) || S_ISBLK (st.st_mode) || S_ISFIFO (st.st_mode) || S_ISSOCK (st.st_mode))
        return write_into (path, contents, length, error);
    }
  return replace_file (path, contents, length, mode, error);
}
