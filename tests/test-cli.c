/* test-cli.c — the dagritme binary's command line: exit codes of
 * INTERFACES.md §4, help, version and translated messages. */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "dag-store.h"

typedef struct {
  int   status;
  char *out;
  char *err;
} Result;

static void
result_clear (Result *r)
{
  g_free (r->out);
  g_free (r->err);
}

/* Runs dagritme with args (NULL-terminated) in the given language. */
static Result
run (const char *lang,
     const char *first,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  Result r = { 0 };
  const char *binary = g_getenv ("DAGRITME_BINARY");
  va_list args;
  int wait_status = 0;

  g_assert_nonnull (binary);
  g_ptr_array_add (argv, (gpointer) binary);
  va_start (args, first);
  for (const char *a = first; a != NULL; a = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) a);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  envp = g_environ_setenv (envp, "LC_ALL", lang, TRUE);
  envp = g_environ_setenv (envp, "LANGUAGE", "", TRUE);
  envp = g_environ_unsetenv (envp, "DISPLAY");
  envp = g_environ_unsetenv (envp, "WAYLAND_DISPLAY");
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                               &r.out, &r.err, &wait_status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  r.status = WEXITSTATUS (wait_status);
  return r;
}

static void
test_version (void)
{
  Result r = run ("C.UTF-8", "--version", NULL);

  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_str_has_prefix (r.out, "dagritme " PACKAGE_VERSION));
  result_clear (&r);
}

static void
test_help (void)
{
  Result r = run ("C.UTF-8", "--help", NULL);

  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "--database"));
  g_assert_nonnull (strstr (r.out, "summary"));
  result_clear (&r);
}

static void
test_usage_errors (void)
{
  g_autofree char *dir = g_dir_make_tmp ("dagritme-cli-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "t.db", NULL);
  Result r = run ("C.UTF-8", "--database", db, "no-such-command", NULL);

  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "no-such-command"));
  result_clear (&r);

  r = run ("C.UTF-8", "--no-such-option", NULL);
  g_assert_cmpint (r.status, ==, 2);
  result_clear (&r);

  r = run ("C.UTF-8", "--database", db, "summary", "extra", NULL);
  g_assert_cmpint (r.status, ==, 2);
  result_clear (&r);

  g_unlink (db);
  g_rmdir (dir);
}

static void
test_failure (void)
{
  /* A database file inside a regular file cannot be created: exit 1. */
  g_autofree char *dir = g_dir_make_tmp ("dagritme-cli-XXXXXX", NULL);
  g_autofree char *file = g_build_filename (dir, "plain", NULL);
  g_autofree char *db = g_build_filename (file, "t.db", NULL);
  Result r;

  g_assert_true (g_file_set_contents (file, "x", -1, NULL));
  r = run ("C.UTF-8", "--database", db, "summary", NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_true (g_str_has_prefix (r.err, "dagritme: "));
  result_clear (&r);
  g_unlink (file);
  g_rmdir (dir);
}

static void
test_summary_empty (void)
{
  g_autofree char *dir = g_dir_make_tmp ("dagritme-cli-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "t.db", NULL);
  g_autofree char *wal = g_strconcat (db, "-wal", NULL);
  g_autofree char *shm = g_strconcat (db, "-shm", NULL);
  g_autofree char *typo = g_build_filename (dir, "typo", "t.db", NULL);
  g_autoptr(DagStore) store = NULL;
  Result r;

  /* A database that does not exist is reported, and not created. */
  r = run ("C.UTF-8", "--database", typo, "summary", NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "no database"));
  g_assert_false (g_file_test (typo, G_FILE_TEST_EXISTS));
  result_clear (&r);

  /* An existing but empty one says so. */
  store = dag_store_open (db, NULL);
  g_assert_nonnull (store);
  g_clear_object (&store);
  r = run ("C.UTF-8", "--database", db, "summary", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "holds no organisation"));
  result_clear (&r);
  g_unlink (db);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (dir);
}

static void
test_output_is_database (void)
{
  g_autofree char *dir = g_dir_make_tmp ("dagritme-cli-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "t.db", NULL);
  Result r = run ("C.UTF-8", "--database", db, "demo", "--participants", "20", NULL);

  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);

  /* Writing an export over the database would destroy it. */
  r = run ("C.UTF-8", "--database", db, "export", "organisation", "--output", db, NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "database itself"));
  result_clear (&r);

  r = run ("C.UTF-8", "--database", db, "summary", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "Participants: 20"));
  result_clear (&r);
}

/* "plan" refuses a frozen week and names why; --location plans one
 * location; an unknown location is a usage error. */
static void
test_plan_dated (void)
{
  g_autofree char *dir = g_dir_make_tmp ("dagritme-cli-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "t.db", NULL);
  Result r = run ("C.UTF-8", "--database", db, "demo", "--participants", "30", NULL);

  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);

  r = run ("C.UTF-8", "--database", db, "plan", "--week", "2020-01-06", NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "week of 2020-01-06 is in the past"));
  result_clear (&r);

  r = run ("C.UTF-8", "--database", db, "plan", "--location", "NOPE", NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "NOPE"));
  result_clear (&r);

  r = run ("C.UTF-8", "--database", db, "plan", "--location", "L001", "--week", "2099-01-05",
           "--keep-existing", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "Week of 2099-01-05"));
  result_clear (&r);
}

static void
test_stdout_full (void)
{
  g_autofree char *dir = g_dir_make_tmp ("dagritme-cli-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "t.db", NULL);
  g_autofree char *quoted_bin = g_shell_quote (g_getenv ("DAGRITME_BINARY"));
  g_autofree char *quoted_db = g_shell_quote (db);
  g_autoptr(DagStore) store = NULL;
  g_autofree char *command = NULL;
  g_autofree char *err = NULL;
  int wait_status = 0;

  if (!g_file_test ("/dev/full", G_FILE_TEST_EXISTS))
    {
      g_test_skip ("no /dev/full");
      return;
    }
  g_clear_object (&store);
  store = dag_store_open (db, NULL);
  g_assert_nonnull (store);
  /* Output that cannot be written is a failure, not a success. */
  command = g_strdup_printf ("sh -c 'LC_ALL=C.UTF-8 %s --database %s summary > /dev/full'", quoted_bin, quoted_db);
  g_assert_true (g_spawn_command_line_sync (command, NULL, &err, &wait_status, NULL));
  g_assert_true (WIFEXITED (wait_status));
  g_assert_cmpint (WEXITSTATUS (wait_status), ==, 1);
  g_assert_nonnull (strstr (err, "standard output"));
}

static void
test_xml_all_or_none (void)
{
  g_autofree char *dir = g_dir_make_tmp ("dagritme-cli-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "t.db", NULL);
  g_autofree char *out = g_build_filename (dir, "xml", NULL);
  g_autofree char *quoted_bin = g_shell_quote (g_getenv ("DAGRITME_BINARY"));
  g_autofree char *command = NULL;
  g_autofree char *err = NULL;
  int wait_status = 0;
  Result r = run ("C.UTF-8", "--database", db, "demo", "--participants", "40", "--month", "2026-10", NULL);

  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);

  /* With files limited to 1 KiB every declaration fails to be written:
   * the export fails and leaves nothing behind, not some of the files. */
  command = g_strdup_printf ("sh -c \"trap '' XFSZ; ulimit -f 1; LC_ALL=C.UTF-8 %s --database %s "
                             "export production --month 2026-10 --format xml --output %s\"",
                             quoted_bin, db, out);
  g_assert_true (g_spawn_command_line_sync (command, NULL, &err, &wait_status, NULL));
  g_assert_true (WIFEXITED (wait_status));
  g_assert_cmpint (WEXITSTATUS (wait_status), ==, 1);
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));

  r = run ("C.UTF-8", "--database", db, "export", "production", "--month", "2026-10",
           "--format", "xml", "--output", out, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_file_test (out, G_FILE_TEST_IS_DIR));
  result_clear (&r);
}

static void
test_dutch (void)
{
  g_autofree char *dir = g_dir_make_tmp ("dagritme-cli-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "t.db", NULL);
  Result r;

  if (!g_file_test ("/usr/lib/locale/nl_NL.utf8", G_FILE_TEST_IS_DIR) &&
      !g_file_test ("/usr/lib/locale/locale-archive", G_FILE_TEST_EXISTS))
    {
      g_test_skip ("the nl_NL.UTF-8 locale is not installed");
      return;
    }
  r = run ("nl_NL.UTF-8", "--database", db, "no-such-command", NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "Onbekende opdracht"));
  result_clear (&r);

  /* A date in a sentence the Dutch way (the command line's input stays
   * ISO). */
  r = run ("nl_NL.UTF-8", "--database", db, "demo", "--participants", "30", NULL);
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
  r = run ("nl_NL.UTF-8", "--database", db, "plan", "--week", "2020-01-06", NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "De week van 06-01-2020 ligt in het verleden"));
  result_clear (&r);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cli/version", test_version);
  g_test_add_func ("/cli/help", test_help);
  g_test_add_func ("/cli/usage-errors", test_usage_errors);
  g_test_add_func ("/cli/failure", test_failure);
  g_test_add_func ("/cli/summary-empty", test_summary_empty);
  g_test_add_func ("/cli/dutch", test_dutch);
  g_test_add_func ("/cli/output-is-database", test_output_is_database);
  g_test_add_func ("/cli/stdout-full", test_stdout_full);
  g_test_add_func ("/cli/plan-dated", test_plan_dated);
  g_test_add_func ("/cli/xml-all-or-none", test_xml_all_or_none);
  return g_test_run ();
}
