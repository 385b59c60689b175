/* test-concurrency.c — two writers at once lose nothing, a stale writer is
 * refused, an open store notices another's change, the store says what is
 * wrong with a file (dangling reference, read-only folder, lock held), and
 * exports never replace a device or FIFO nor leave temp files. */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "dag-planner.h"
#include "dag-store-attendance.h"
#include "dag-store-ical.h"
#include "dag-store-plan.h"
#include "dag-store.h"

#define TODAY "2026-11-04"

typedef struct {
  char *dir;
  char *db;
} Fixture;

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

static char **
child_env (void)
{
  char **envp = g_get_environ ();

  envp = g_environ_setenv (envp, "LC_ALL", "C.UTF-8", TRUE);
  envp = g_environ_setenv (envp, "LANGUAGE", "", TRUE);
  envp = g_environ_setenv (envp, "DAGRITME_TODAY", TODAY, TRUE);
  envp = g_environ_unsetenv (envp, "DISPLAY");
  envp = g_environ_unsetenv (envp, "WAYLAND_DISPLAY");
  return envp;
}

static GPtrArray *
child_argv (const char *db,
            const char *first,
            va_list     args)
{
  GPtrArray *argv = g_ptr_array_new_with_free_func (g_free);

  g_assert_nonnull (g_getenv ("DAGRITME_BINARY"));
  g_ptr_array_add (argv, g_strdup (g_getenv ("DAGRITME_BINARY")));
  g_ptr_array_add (argv, g_strdup ("-d"));
  g_ptr_array_add (argv, g_strdup (db));
  for (const char *a = first; a != NULL; a = va_arg (args, const char *))
    g_ptr_array_add (argv, g_strdup (a));
  g_ptr_array_add (argv, NULL);
  return argv;
}

static Result
run_with_setup (GSpawnChildSetupFunc setup,
                const char          *db,
                const char          *first,
                ...)
{
  g_autoptr(GPtrArray) argv = NULL;
  g_auto(GStrv) envp = child_env ();
  g_autoptr(GError) error = NULL;
  Result r = { 0 };
  int wait_status = 0;
  va_list args;

  va_start (args, first);
  argv = child_argv (db, first, args);
  va_end (args);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, setup, NULL,
                               &r.out, &r.err, &wait_status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  r.status = WEXITSTATUS (wait_status);
  return r;
}

#define run(db, ...) run_with_setup (NULL, db, __VA_ARGS__)

/* Starts dagritme without waiting; stdout and stderr go to pipes read by
 * g_subprocess_communicate_utf8. */
static GSubprocess *
start (const char *db,
       const char *first,
       ...)
{
  g_autoptr(GPtrArray) argv = NULL;
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                       G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_auto(GStrv) envp = child_env ();
  g_autoptr(GError) error = NULL;
  GSubprocess *p;
  va_list args;

  va_start (args, first);
  argv = child_argv (db, first, args);
  va_end (args);
  g_subprocess_launcher_set_environ (launcher, envp);
  p = g_subprocess_launcher_spawnv (launcher, (const char *const *) argv->pdata, &error);
  g_assert_no_error (error);
  return p;
}

static Result
finish (GSubprocess *p)
{
  g_autoptr(GError) error = NULL;
  Result r = { 0 };

  g_assert_true (g_subprocess_communicate_utf8 (p, NULL, NULL, &r.out, &r.err, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (p));
  r.status = g_subprocess_get_exit_status (p);
  g_object_unref (p);
  return r;
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  Result r;

  f->dir = g_dir_make_tmp ("dagritme-conc-XXXXXX", &error);
  g_assert_no_error (error);
  f->db = g_build_filename (f->dir, "d.db", NULL);
  if (data != NULL)
    return;
  r = run (f->db, "demo", "--participants", "150", "--seed", "7", "--month", "2026-11", NULL);
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", f->dir);

  chmod (f->dir, 0700);
  g_assert_cmpint (system (cmd), ==, 0);
  g_free (f->db);
  g_free (f->dir);
}

static guint
runs_on (DagOrg     *org,
         const char *day)
{
  DagDate d;
  guint n = 0;

  g_assert_true (dag_date_parse (day, &d));
  for (guint i = 0; i < org->runs->len; i++)
    n += DAG_AT (org->runs, DagRun, i)->date == d;
  return n;
}

static guint
printed_runs (const char *out)
{
  const char *t = strstr (out, "Totals: ");

  g_assert_nonnull (t);
  return (guint) g_ascii_strtoull (t + strlen ("Totals: "), NULL, 10);
}

/* Issue 15: two transports on two dates at once; each date keeps its
 * runs (one date's runs used to vanish, both exiting 0). */
static void
test_transport_two_dates (Fixture *f, gconstpointer data)
{
  static const char *const days[] = { "2026-11-03", "2026-11-04", "2026-11-05" };
  GSubprocess *p[G_N_ELEMENTS (days)];
  Result r[G_N_ELEMENTS (days)];
  g_autoptr(DagStore) store = NULL;
  g_autoptr(DagOrg) org = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (days); i++)
    p[i] = start (f->db, "transport", "--date", days[i], "--time-limit", "1", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (days); i++)
    {
      r[i] = finish (p[i]);
      if (r[i].status != 0)
        g_printerr ("%s", r[i].err);
      g_assert_cmpint (r[i].status, ==, 0);
    }

  store = dag_store_open (f->db, &error);
  g_assert_no_error (error);
  org = dag_store_load (store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (days); i++)
    {
      guint printed = printed_runs (r[i].out);

      g_test_message ("%s: %u runs printed, %u stored", days[i], printed, runs_on (org, days[i]));
      g_assert_cmpuint (printed, >, 0);
      g_assert_cmpuint (runs_on (org, days[i]), ==, printed);
      result_clear (&r[i]);
    }
}

static int
find_participant (DagOrg *org, guint nth)
{
  g_assert_cmpuint (nth, <, org->participants->len);
  return (int) nth;
}

/* A registration made while the planner works freezes the planned week:
 * the plan computed before it must not be saved over it. */
static void
test_plan_stale (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DagStore) a = dag_store_open (f->db, &error);
  g_autoptr(DagStore) b = dag_store_open (f->db, &error);
  g_autoptr(DagOrg) org = dag_store_load (a, &error);
  g_autoptr(DagOrg) fresh = NULL;
  g_autoptr(DagOrg) other = dag_store_load (b, &error);
  g_autoptr(GArray) plan_before = NULL;
  g_autoptr(GArray) none = g_array_new (FALSE, FALSE, sizeof (DagPlanEntry));
  g_autoptr(DagPlanResult) result = NULL;
  DagPlannerOptions options;
  DagDate monday, tuesday;
  const DagParticipant *pa;

  g_assert_no_error (error);
  g_assert_true (dag_date_parse ("2026-11-09", &monday));
  tuesday = monday + 1;
  dag_planner_options_init (&options);
  options.week = monday;
  options.time_limit_ms = 200;
  result = dag_planner_run (org, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  /* Meanwhile another Dagritme registers a cancellation in that week. */
  pa = DAG_AT (org->participants, DagParticipant, find_participant (org, 3));
  g_assert_true (dag_store_set_attendance (b, pa->id, tuesday, 0, DAG_ATTEND_CANCELLED, -1, "ill", &error));
  g_assert_no_error (error);

  /* Seen under the write lock: the week is frozen now, nothing saved. */
  plan_before = g_array_copy (org->plan);
  g_assert_false (dag_plan_result_save (result, a, org, &error));
  g_assert_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_FROZEN);
  g_clear_error (&error);
  g_assert_cmpuint (org->plan->len, ==, plan_before->len);
  fresh = dag_store_load (a, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fresh->plan->len, ==, plan_before->len);
  g_assert_cmpmem (fresh->plan->data, fresh->plan->len * sizeof (DagPlanEntry),
                   plan_before->data, plan_before->len * sizeof (DagPlanEntry));

  /* A change of the plan itself meanwhile: planned again. */
  g_clear_pointer (&result, dag_plan_result_free);
  options.week = monday + 7;
  result = dag_planner_run (fresh, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (dag_store_set_participant_plan (b, other, 5, none, "test", &error));
  g_assert_no_error (error);
  g_assert_false (dag_plan_result_save (result, a, fresh, &error));
  g_assert_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_CHANGED);
}

/* plan and attendance registrations at once: every registration stays,
 * and the plan is saved (planned again on what is stored). */
static void
test_plan_and_attendance (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DagStore) b = dag_store_open (f->db, &error);
  g_autoptr(DagOrg) org = dag_store_load (b, &error);
  g_autoptr(DagOrg) back = NULL;
  GSubprocess *p;
  Result r;
  DagDate day;
  guint n = 12, found = 0;

  g_assert_no_error (error);
  g_assert_true (dag_date_parse ("2026-11-02", &day));
  p = start (f->db, "plan", "--from", "2026-11-16", "--time-limit", "1", NULL);
  for (guint i = 0; i < n; i++)
    {
      const DagParticipant *pa = DAG_AT (org->participants, DagParticipant, i);

      g_usleep (60 * 1000);
      g_assert_true (dag_store_set_attendance (b, pa->id, day + (i % 3), 0, DAG_ATTEND_PRESENT, -1, NULL, &error));
      g_assert_no_error (error);
    }
  r = finish (p);
  g_test_message ("plan: exit %d, %s", r.status, r.err);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "Placed:"));

  back = dag_store_load (b, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < back->attendance->len; i++)
    {
      const DagAttendance *a = DAG_AT (back->attendance, DagAttendance, i);
      found += a->date >= day && a->date < day + 3 && a->part == 0 && a->status == DAG_ATTEND_PRESENT &&
               a->participant < (int) n;
    }
  g_assert_cmpuint (found, ==, n);
  result_clear (&r);
}

/* A save of a section another process changed since it was read is
 * refused; an open store notices the change (a window polls this). */
static void
test_stale_save_and_poll (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DagStore) a = dag_store_open (f->db, &error);
  g_autoptr(DagStore) b = dag_store_open (f->db, &error);
  g_autoptr(DagOrg) org = dag_store_load (a, &error);
  g_autoptr(DagOrg) other = dag_store_load (b, &error);
  g_autoptr(GArray) none = g_array_new (FALSE, FALSE, sizeof (DagPlanEntry));
  DagSections changed = 0;
  DagIcalStamp stamp = { 0 };
  DagDate day;

  g_assert_no_error (error);
  g_assert_true (dag_store_poll_changes (a, &changed, &error));
  g_assert_cmpint (changed, ==, 0);

  /* Calendar stamps are nothing the window shows. */
  stamp.uid = "x@dagritme";
  stamp.hash = "h";
  g_assert_true (dag_store_ical_stamp (b, &stamp, 1, 0, &error));
  g_assert_no_error (error);
  g_assert_true (dag_store_poll_changes (a, &changed, &error));
  g_assert_cmpint (changed, ==, 0);

  g_assert_true (dag_date_parse ("2026-11-02", &day));
  g_assert_true (dag_store_set_attendance (b, DAG_AT (other->participants, DagParticipant, 0)->id, day, 0,
                                           DAG_ATTEND_PRESENT, -1, NULL, &error));
  g_assert_true (dag_store_poll_changes (a, &changed, &error));
  g_assert_cmpint (changed, ==, DAG_SECTION_ATTENDANCE);
  /* Attendance is not the plan: a's plan save still holds. */
  g_assert_true (dag_store_save (a, org, DAG_SECTION_PLAN, "test", &error));
  g_assert_no_error (error);

  /* b, having read a's save, takes a participant out of the plan; a's
   * copy is stale now. */
  g_clear_pointer (&other, dag_org_free);
  other = dag_store_load (b, &error);
  g_assert_no_error (error);
  g_assert_true (dag_store_set_participant_plan (b, other, 1, none, "test", &error));
  g_assert_no_error (error);
  g_assert_true (dag_store_poll_changes (a, &changed, &error));
  g_assert_true (changed & DAG_SECTION_PLAN);
  g_assert_false (dag_store_save (a, org, DAG_SECTION_PLAN, "test", &error));
  g_assert_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_CHANGED);
  g_clear_error (&error);
  g_assert_false (dag_store_set_participant_plan (a, org, 2, none, "test", &error));
  g_assert_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_CHANGED);
  g_clear_error (&error);

  /* Read again: current, and the save goes. */
  g_clear_pointer (&org, dag_org_free);
  org = dag_store_load (a, &error);
  g_assert_no_error (error);
  g_assert_true (dag_store_poll_changes (a, &changed, &error));
  g_assert_cmpint (changed, ==, 0);
  g_assert_true (dag_store_set_participant_plan (a, org, 2, none, "test", &error));
  g_assert_no_error (error);
}

/* A write waits for another writer's lock and says so, instead of "database
 * is locked" after 5 s. */
static void
test_lock_wait (Fixture *f, gconstpointer data)
{
  sqlite3 *db;
  GSubprocess *p;
  Result r;

  g_assert_cmpint (sqlite3_open (f->db, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "BEGIN IMMEDIATE; INSERT INTO audit (at, who, action) VALUES ('x', 'x', 'x');",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  p = start (f->db, "transport", "--date", "2026-11-03", NULL);
  g_usleep (6 * G_USEC_PER_SEC);
  g_assert_cmpint (sqlite3_exec (db, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  r = finish (p);
  g_test_message ("transport: exit %d, %s", r.status, r.err);
  g_assert_nonnull (strstr (r.err, "waiting for another Dagritme"));
  g_assert_null (strstr (r.err, "locked"));
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
}

/* A reference to a row that is not there (foreign keys off) is named by
 * table and row, never read out of bounds. */
static void
test_dangling (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = g_build_filename (f->dir, "o.json", NULL);
  DagStore *store;
  sqlite3 *db;
  Result r;

  g_assert_cmpint (sqlite3_open (f->db, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA foreign_keys = OFF;"
                                 "INSERT INTO plan (participant, grp, slot) SELECT 'P-GONE', id, 0 FROM grp LIMIT 1;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = dag_store_open (f->db, &error);
  g_assert_null (store);
  g_assert_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_CORRUPT);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "table “plan”"));
  g_assert_nonnull (strstr (error->message, "P-GONE"));
  g_assert_nonnull (strstr (error->message, "row "));

  r = run (f->db, "export", "organisation", "--output", out, NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "table “plan”"));
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  result_clear (&r);
}

static void
drop_to_nobody (gpointer data)
{
  if (getuid () == 0)
    {
      if (setgid (65534) != 0 || setuid (65534) != 0)
        _exit (99);
    }
}

/* A read-only folder is said as such, not "not a Dagritme database". */
static void
test_read_only_folder (Fixture *f, gconstpointer data)
{
  Result r;

  /* root writes anywhere: the commands run as nobody then. */
  if (getuid () == 0)
    g_assert_cmpint (chown (f->dir, 65534, 65534), ==, 0);
  r = run_with_setup (drop_to_nobody, f->db, "demo", "--participants", "20", NULL);
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
  g_assert_cmpint (chmod (f->dir, 0500), ==, 0);

  r = run_with_setup (drop_to_nobody, f->db, "summary", NULL);
  g_test_message ("summary: exit %d, %s", r.status, r.err);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "read-only"));
  g_assert_nonnull (strstr (r.err, f->dir));
  g_assert_null (strstr (r.err, "not a Dagritme database"));
  result_clear (&r);
}

typedef struct {
  int  fd;
  int  done;
  gsize total;
} Drain;

static gpointer
drain_thread (gpointer data)
{
  Drain *d = data;
  char buf[4096];

  for (;;)
    {
      gssize n = read (d->fd, buf, sizeof buf);

      if (n > 0)
        d->total += n;
      else if (n == 0 && d->total > 0)
        break;
      else if (g_atomic_int_get (&d->done))
        break;
      else
        g_usleep (1000);
    }
  return NULL;
}

/* An export into a FIFO (or /dev/null as root) writes into it; it stays a
 * FIFO or a device (as root /dev/null became a regular file). */
static void
test_export_device (Fixture *f, gconstpointer data)
{
  g_autofree char *fifo = g_build_filename (f->dir, "pipe", NULL);
  Drain d = { 0 };
  GThread *thread;
  GStatBuf st;
  Result r;

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  d.fd = g_open (fifo, O_RDONLY | O_NONBLOCK | O_CLOEXEC, 0);
  g_assert_cmpint (d.fd, >=, 0);
  thread = g_thread_new ("drain", drain_thread, &d);
  r = run (f->db, "export", "organisation", "--output", fifo, NULL);
  g_atomic_int_set (&d.done, 1);
  g_thread_join (thread);
  close (d.fd);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpint (g_lstat (fifo, &st), ==, 0);
  g_assert_true (S_ISFIFO (st.st_mode));
  g_assert_cmpuint (d.total, >, 100);
  result_clear (&r);

  if (getuid () == 0)
    {
      r = run (f->db, "export", "organisation", "--output", "/dev/null", NULL);
      g_assert_cmpint (r.status, ==, 0);
      g_assert_cmpint (g_lstat ("/dev/null", &st), ==, 0);
      g_assert_true (S_ISCHR (st.st_mode));
      result_clear (&r);
    }
  else
    g_test_message ("not root: /dev/null not tried");
}

static void
limit_file_size (gpointer data)
{
  struct rlimit limit = { 64 * 1024, 64 * 1024 };

  signal (SIGXFSZ, SIG_IGN);
  setrlimit (RLIMIT_FSIZE, &limit);
}

/* An export that fails half-way (the file size limit, as a full disk)
 * leaves neither the target nor a temp file. */
static void
test_no_temp_left (Fixture *f, gconstpointer data)
{
  g_autofree char *out_dir = g_build_filename (f->dir, "out", NULL);
  g_autofree char *out = g_build_filename (out_dir, "org.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(DagStore) keep = NULL;
  Result r;

  /* An open store keeps the -shm there, so only the export grows a file. */
  keep = dag_store_open (f->db, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_mkdir (out_dir, 0700), ==, 0);
  r = run_with_setup (limit_file_size, f->db, "export", "organisation", "--output", out, NULL);
  g_test_message ("export: exit %d, %s", r.status, r.err);
  g_assert_cmpint (r.status, ==, 1);
  dir = g_dir_open (out_dir, 0, &error);
  g_assert_no_error (error);
  g_assert_null (g_dir_read_name (dir));
  result_clear (&r);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_setenv ("DAGRITME_TODAY", TODAY, TRUE);

#define ADD(path, func, data) \
  g_test_add ("/concurrency/" path, Fixture, data, fixture_set_up, func, fixture_tear_down)
  ADD ("transport-two-dates", test_transport_two_dates, NULL);
  ADD ("plan-stale", test_plan_stale, NULL);
  ADD ("plan-and-attendance", test_plan_and_attendance, NULL);
  ADD ("stale-save-and-poll", test_stale_save_and_poll, NULL);
  ADD ("lock-wait", test_lock_wait, NULL);
  ADD ("dangling", test_dangling, NULL);
  ADD ("read-only-folder", test_read_only_folder, "empty");
  ADD ("export-device", test_export_device, NULL);
  ADD ("no-temp-left", test_no_temp_left, NULL);
#undef ADD
  return g_test_run ();
}
