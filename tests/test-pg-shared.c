/* test-pg-shared.c — several users of one shared PostgreSQL database at
 * once (issue 16): two processes editing different records lose nothing;
 * a stale move of the same participant is refused and the other's move
 * kept; a client killed with SIGKILL in the middle of an import leaves the
 * old organisation byte for byte; a commit reaches a second connection's
 * notification socket.  Runs only with DAG_TEST_BACKEND=postgresql and
 * DAG_TEST_PG (else the whole program is skipped). */

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "dag-attendance.h"
#include "dag-demo.h"
#include "dag-schedule.h"
#include "dag-store-attendance.h"
#include "dag-store-plan.h"
#include "dag-store.h"
#include "dag-test-db.h"

#define TODAY_TEXT "2026-11-11"
#define TODAY      dag_date_from_ymd (2026, 11, 11)
#define WEEK_N     dag_date_from_ymd (2026, 11, 16)
#define DEMO_MONTH dag_date_from_ymd (2026, 10, 1)

/* ---- helpers ------------------------------------------------------------ */

static DagOrg *
demo (int participants, guint32 seed)
{
  DagDemoOptions o;

  dag_demo_options_init (&o);
  o.participants = participants;
  o.seed = seed;
  o.month = DEMO_MONTH;
  return dag_demo_generate (&o);
}

/* A fresh schema (one per name) holding a demo organisation. */
static const char *
demo_db (const char *name, int participants, guint32 seed)
{
  g_autoptr(GError) error = NULL;
  const char *uri = dag_test_db (name);
  g_autoptr(DagStore) store = dag_store_open (uri, &error);
  g_autoptr(DagOrg) org = demo (participants, seed);

  g_assert_no_error (error);
  g_assert_true (dag_store_save (store, org, DAG_SECTION_ALL, "test", &error));
  g_assert_no_error (error);
  return uri;
}

static DagOrg *
load (DagStore *store)
{
  g_autoptr(GError) error = NULL;
  DagOrg *org = dag_store_load (store, &error);

  g_assert_no_error (error);
  g_assert_nonnull (org);
  return org;
}

static gint64
count (const char *uri, const char *sql)
{
  g_autofree char *text = dag_test_db_query (uri, sql);

  g_assert_nonnull (text);
  return g_ascii_strtoll (text, NULL, 10);
}

static char **
child_env (void)
{
  char **envp = g_get_environ ();

  envp = g_environ_setenv (envp, "LC_ALL", "C.UTF-8", TRUE);
  envp = g_environ_setenv (envp, "LANGUAGE", "", TRUE);
  envp = g_environ_setenv (envp, "DAGRITME_TODAY", TODAY_TEXT, TRUE);
  envp = g_environ_unsetenv (envp, "DAGRITME_DATABASE");
  envp = g_environ_unsetenv (envp, "DISPLAY");
  envp = g_environ_unsetenv (envp, "WAYLAND_DISPLAY");
  return envp;
}

static const char *
binary (void)
{
  const char *bin = g_getenv ("DAGRITME_BINARY");

  g_assert_nonnull (bin);
  return bin;
}

/* Runs dagritme -d uri args…; TRUE when it exited 0.  Its error output
 * goes to err (may be NULL). */
static gboolean
run_cli (const char *uri, char **err, ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = child_env ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *errout = NULL;
  const char *a;
  va_list args;
  int status = -1;

  g_ptr_array_add (argv, (char *) binary ());
  g_ptr_array_add (argv, (char *) "-d");
  g_ptr_array_add (argv, (char *) uri);
  va_start (args, err);
  while ((a = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *) a);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  if (!g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                     &out, &errout, &status, &error))
    {
      if (err != NULL)
        *err = g_strdup (error->message);
      return FALSE;
    }
  if (err != NULL)
    *err = g_steal_pointer (&errout);
  return g_spawn_check_wait_status (status, NULL);
}

static char *
export_org (const char *uri, const char *dir, const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *err = NULL;
  char *text = NULL;
  gsize len;

  if (!run_cli (uri, &err, "export", "organisation", "--output", path, NULL))
    g_error ("export organisation of %s failed: %s", uri, err);
  g_assert_true (g_file_get_contents (path, &text, &len, NULL));
  g_assert_cmpuint (len, ==, strlen (text));
  return text;
}

/* Equal texts, or the first place where they differ. */
static void
assert_same_bytes (const char *what, const char *expected, const char *got)
{
  gsize i = 0;

  if (g_strcmp0 (expected, got) == 0)
    return;
  while (expected[i] != '\0' && expected[i] == got[i])
    i++;
  g_test_message ("%s: differs from byte %" G_GSIZE_FORMAT " (lengths %" G_GSIZE_FORMAT " and %"
                  G_GSIZE_FORMAT "): expected …%.80s… got …%.80s…", what, i, strlen (expected),
                  strlen (got), expected + (i > 40 ? i - 40 : 0), got + (i > 40 ? i - 40 : 0));
  g_test_fail ();
}

/* Children: a forked process reports through its exit status only. */
static pid_t
fork_child (const int barrier[2], int (*body) (gpointer), gpointer data)
{
  pid_t pid;

  fflush (stdout);
  fflush (stderr);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      char c;
      int failures;

      /* Both children start together: when the parent closes its end
       * (theirs closed, or read would never see the end). */
      close (barrier[1]);
      while (read (barrier[0], &c, 1) < 0 && errno == EINTR)
        ;
      failures = body (data);
      fflush (stderr);
      _exit (MIN (failures, 100));
    }
  return pid;
}

static int
wait_child (pid_t pid)
{
  int status;

  while (waitpid (pid, &status, 0) < 0)
    g_assert_cmpint (errno, ==, EINTR);
  if (!WIFEXITED (status))
    {
      g_test_message ("child %d ended by signal %d", (int) pid, WIFSIGNALED (status) ? WTERMSIG (status) : -1);
      return 100;
    }
  return WEXITSTATUS (status);
}

/* ---- a. two processes, different records ------------------------------- */

#define EDITS_API    150   /* per process, through the store */
#define EDITS_CLI    15    /* per process, one dagritme run each */
#define PEOPLE       10    /* participants per process */

typedef struct {
  const char *uri;
  GPtrArray  *ids;        /* the participants this process edits */
  int         first;      /* index of its first participant in ids */
  GPtrArray  *sessions;   /* for the command line: "id date part", planned
                           * sessions of its own participants */
} Lane;

/* Date of edit i (September 2026: the demo registered nothing there). */
static DagDate
edit_date (int i)
{
  return dag_date_from_ymd (2026, 9, 1) + i / (PEOPLE * DAG_N_PARTS);
}

static int
lane_api (gpointer data)
{
  const Lane *lane = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(DagStore) store = dag_store_open (lane->uri, &error);
  int failures = 0;

  if (store == NULL)
    {
      g_printerr ("# child: open: %s\n", error->message);
      return 100;
    }
  for (int i = 0; i < EDITS_API; i++)
    {
      const char *id = g_ptr_array_index (lane->ids, lane->first + i % PEOPLE);
      int part = (i / PEOPLE) % DAG_N_PARTS;

      if (!dag_store_set_attendance (store, id, edit_date (i), part, DAG_ATTEND_PRESENT, 180 + i % 60,
                                     NULL, &error))
        {
          g_printerr ("# child: edit %d of %s: %s (%s %d)\n", i, id, error->message,
                      g_quark_to_string (error->domain), error->code);
          g_clear_error (&error);
          failures++;
        }
    }
  return failures;
}

static int
lane_cli (gpointer data)
{
  const Lane *lane = data;
  int failures = 0;

  for (guint i = 0; i < lane->sessions->len; i++)
    {
      g_auto(GStrv) f = g_strsplit (g_ptr_array_index (lane->sessions, i), " ", 3);
      g_autofree char *err = NULL;

      if (!run_cli (lane->uri, &err, "attendance", "--date", f[1], "--participant", f[0],
                    "--slot", f[2], "--status", "present", NULL))
        {
          g_printerr ("# child: dagritme attendance %s %s %s failed: %s\n", f[0], f[1], f[2], err);
          failures++;
        }
    }
  return failures;
}

static void
run_two (const char *uri, GPtrArray *ids, GPtrArray **sessions, int (*body) (gpointer))
{
  Lane lanes[2] = { { uri, ids, 0, sessions[0] }, { uri, ids, PEOPLE, sessions[1] } };
  pid_t pids[2];
  int barrier[2];

  g_assert_cmpint (pipe (barrier), ==, 0);
  for (int k = 0; k < 2; k++)
    pids[k] = fork_child (barrier, body, &lanes[k]);
  close (barrier[0]);
  /* Go: closing the write end wakes both. */
  close (barrier[1]);
  for (int k = 0; k < 2; k++)
    {
      int failures = wait_child (pids[k]);

      if (failures != 0)
        g_test_message ("process %d: %d edits failed (see its lines above)", k + 1, failures);
      g_assert_cmpint (failures, ==, 0);
    }
}

static void
test_different_records (void)
{
  const char *uri = demo_db ("different", 150, 3);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *sessions[2] = { g_ptr_array_new_with_free_func (g_free), g_ptr_array_new_with_free_func (g_free) };
  gint64 audit_before, audit_after;

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(DagStore) store = dag_store_open (uri, &error);
    g_autoptr(DagOrg) org = NULL;

    g_assert_no_error (error);
    org = load (store);
    for (int i = 0; i < 2 * PEOPLE; i++)
      g_ptr_array_add (ids, g_strdup (DAG_AT (org->participants, DagParticipant, i)->id));
    /* The command line registers only planned sessions: the first
     * unregistered ones of 2–10 November (before today), participants of
     * even index for the one process, odd for the other. */
    {
      g_autoptr(DagSchedule) schedule = dag_schedule_new (org);
      g_autoptr(DagAttendanceIndex) index = dag_attendance_index_new (org);
      g_autoptr(GArray) rows = dag_attendance_list (org, schedule, index, dag_date_from_ymd (2026, 11, 2),
                                                    dag_date_from_ymd (2026, 11, 10), -1);
      static const char *const parts[] = { "am", "pm", "ev" };

      for (guint i = 0; i < rows->len; i++)
        {
          const DagAttendanceRow *r = DAG_AT (rows, DagAttendanceRow, i);
          GPtrArray *lane = sessions[r->session.participant % 2];
          char date[DAG_DATE_BUF];

          if (r->session.state != DAG_SESSION_ON || r->session.plan_entry < 0 || r->attendance >= 0 ||
              lane->len >= EDITS_CLI)
            continue;
          g_ptr_array_add (lane, g_strdup_printf ("%s %s %s",
                                                  DAG_AT (org->participants, DagParticipant, r->session.participant)->id,
                                                  dag_date_format (r->session.date, date), parts[r->session.part]));
        }
      g_assert_cmpuint (sessions[0]->len, ==, EDITS_CLI);
      g_assert_cmpuint (sessions[1]->len, ==, EDITS_CLI);
    }
    /* The store goes before the fork: the children open their own. */
  }
  g_assert_cmpint (count (uri, "SELECT count(*) FROM attendance WHERE date LIKE '2026-09-%'"),
                   ==, 0);
  audit_before = count (uri, "SELECT count(*) FROM audit");

  /* Through the store: 2 × EDITS_API at once. */
  run_two (uri, ids, sessions, lane_api);
  g_assert_cmpint (count (uri, "SELECT count(*) FROM attendance WHERE date LIKE '2026-09-%'"), ==, 2 * EDITS_API);
  g_assert_cmpint (count (uri, "SELECT count(*) FROM attendance WHERE date LIKE '2026-09-%' AND status = 'present'"
                               " AND minutes >= 180"), ==, 2 * EDITS_API);

  /* Through the command line: 2 × EDITS_CLI runs of dagritme at once. */
  {
    gint64 november = count (uri, "SELECT count(*) FROM attendance WHERE date LIKE '2026-11-%'");

    run_two (uri, ids, sessions, lane_cli);
    g_assert_cmpint (count (uri, "SELECT count(*) FROM attendance WHERE date LIKE '2026-11-%'") - november,
                     ==, 2 * EDITS_CLI);
  }
  g_ptr_array_unref (sessions[0]);
  g_ptr_array_unref (sessions[1]);

  audit_after = count (uri, "SELECT count(*) FROM audit");
  g_test_message ("%d edits through the store and %d through dagritme by two processes at once; "
                  "audit grew by %" G_GINT64_FORMAT, 2 * EDITS_API, 2 * EDITS_CLI, audit_after - audit_before);
  g_assert_cmpint (audit_after - audit_before, ==, 2 * EDITS_API + 2 * EDITS_CLI);
}

/* ---- b. the same record from two connections --------------------------- */

/* A participant (not avoid) planned on a slot of a group in the week of
 * monday, and another slot of that group on which they have nothing that
 * week. */
static gboolean
find_move (const DagOrg *org, DagDate monday, int avoid,
           int *participant, int *group, int *slot, int *to_slot)
{
  g_autoptr(DagOrg) week = dag_org_for_week (org, monday);
  g_autofree DagSlotMask *busy = g_new0 (DagSlotMask, org->participants->len + 1);

  for (guint i = 0; i < week->plan->len; i++)
    {
      const DagPlanEntry *e = DAG_AT (week->plan, DagPlanEntry, i);
      busy[e->participant] |= DAG_SLOT_BIT (e->slot);
    }
  for (guint i = 0; i < week->plan->len; i++)
    {
      const DagPlanEntry *e = DAG_AT (week->plan, DagPlanEntry, i);
      const DagGroup *g = DAG_AT (org->groups, DagGroup, e->group);

      if (e->participant == avoid)
        continue;
      for (int s = 0; s < DAG_N_SLOTS; s++)
        {
          if (!(g->slots & DAG_SLOT_BIT (s)) || (busy[e->participant] & DAG_SLOT_BIT (s)))
            continue;
          *participant = e->participant;
          *group = e->group;
          *slot = e->slot;
          *to_slot = s;
          return TRUE;
        }
    }
  return FALSE;
}

/* The group participant is planned in on slot in the week of monday, or -1. */
static int
group_on (const DagOrg *org, int participant, int slot, DagDate monday)
{
  g_autoptr(DagOrg) week = dag_org_for_week (org, monday);

  for (guint i = 0; i < week->plan->len; i++)
    {
      const DagPlanEntry *e = DAG_AT (week->plan, DagPlanEntry, i);
      if (e->participant == participant && e->slot == slot)
        return e->group;
    }
  return -1;
}

static void
test_same_record (void)
{
  const char *uri = demo_db ("same", 150, 5);
  g_autoptr(GError) error = NULL;
  g_autoptr(DagStore) a = dag_store_open (uri, &error);
  g_autoptr(DagStore) b = NULL;
  g_autoptr(DagOrg) org_a = NULL;
  g_autoptr(DagOrg) org_b = NULL;
  g_autoptr(DagOrg) now = NULL;
  g_autofree char *plan_x = NULL;
  int x, gx, sx, tx, y, gy, sy, ty;
  gint64 audit;
  gboolean y_ok;

  g_assert_no_error (error);
  b = dag_store_open (uri, &error);
  g_assert_no_error (error);
  org_a = load (a);
  g_assert_cmpuint (dag_schedule_week_frozen (org_a, WEEK_N, TODAY), ==, DAG_FROZEN_NO);
  org_b = load (b);
  g_assert_true (find_move (org_a, WEEK_N, -1, &x, &gx, &sx, &tx));
  g_assert_true (find_move (org_a, WEEK_N, x, &y, &gy, &sy, &ty));
  g_test_message ("X = %s (group %d, slot %d -> %d), Y = %s (group %d, slot %d -> %d)",
                  DAG_AT (org_a->participants, DagParticipant, x)->id, gx, sx, tx,
                  DAG_AT (org_a->participants, DagParticipant, y)->id, gy, sy, ty);

  /* B moves X. */
  g_assert_true (dag_store_move_in_week (b, org_b, x, gx, sx, gx, tx, WEEK_N, DAG_SCOPE_ONLY_WEEK, TODAY,
                                         "move", NULL, &error));
  g_assert_no_error (error);
  plan_x = g_strdup_printf ("participant %d: group %d on slot %d, nothing on slot %d",
                            x, group_on (org_b, x, tx, WEEK_N), tx, sx);
  audit = dag_store_count_audit (b, NULL);

  /* A, which read before that, moves X too (from that week on): refused. */
  g_assert_false (dag_store_move_in_week (a, org_a, x, gx, sx, gx, tx, WEEK_N, DAG_SCOPE_FROM_WEEK, TODAY,
                                          "move", NULL, &error));
  g_assert_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_CHANGED);
  g_test_message ("A's move of X: %s", error->message);
  g_clear_error (&error);
  /* A's snapshot is as it was (nothing saved), and B's move is kept. */
  g_assert_cmpint (group_on (org_a, x, sx, WEEK_N), ==, gx);
  g_assert_cmpint (dag_store_count_audit (a, NULL), ==, audit);
  now = load (b);
  g_assert_cmpint (group_on (now, x, tx, WEEK_N), ==, gx);
  g_assert_cmpint (group_on (now, x, sx, WEEK_N), ==, -1);
  g_clear_pointer (&now, dag_org_free);

  /* A, still not having read again, moves Y: another record, which
   * should not conflict with B's move of X (issue 16: "edits to different
   * records never conflict"). */
  y_ok = dag_store_move_in_week (a, org_a, y, gy, sy, gy, ty, WEEK_N, DAG_SCOPE_ONLY_WEEK, TODAY,
                                 "move", NULL, &error);
  if (!y_ok)
    {
      g_test_message ("A's move of Y after B's move of X was refused: %s (%s %d)", error->message,
                      g_quark_to_string (error->domain), error->code);
      g_assert_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_CHANGED);
      g_test_incomplete ("a change of a different record of the same section is still refused "
                         "(the check is per section, not per record)");
      g_clear_error (&error);
    }
  now = load (b);
  /* Whatever happened to Y, B's X stays. */
  g_assert_cmpint (group_on (now, x, tx, WEEK_N), ==, gx);
  g_assert_cmpint (group_on (now, x, sx, WEEK_N), ==, -1);
  if (y_ok)
    {
      g_assert_cmpint (group_on (now, y, ty, WEEK_N), ==, gy);
      g_assert_cmpint (group_on (now, y, sy, WEEK_N), ==, -1);
    }
  else
    g_assert_cmpint (group_on (now, y, sy, WEEK_N), ==, gy);
  g_test_message ("B's move kept: %s", plan_x);
}

/* ---- c. SIGKILL in the middle of an import ------------------------------ */

static void
test_kill_import (void)
{
  /* The first two kills come that long after the start (while it reads
   * the file); the others that long after it took the writers' lock, so
   * they hit while it writes however slow the build (AddressSanitizer). */
  static const guint delays_ms[] = { 300, 100, 0, 400, 1200 };
  g_autofree char *dir = g_dir_make_tmp ("dagritme-pg-kill-XXXXXX", NULL);
  g_autofree char *big = g_build_filename (dir, "big.json", NULL);
  const char *src = dag_test_db ("kill-source");
  const char *target = dag_test_db ("kill-target");
  g_autofree char *err = NULL;
  g_autofree char *before = NULL;
  g_autofree char *big_text = NULL;
  g_autofree char *imported = NULL;
  g_auto(GStrv) envp = child_env ();
  g_autofree char *writing = NULL;
  guint killed = 0, killed_writing = 0;

  g_assert_nonnull (dir);
  /* A 2,000 demo, exported as an organisation file (a write of seconds,
   * more under AddressSanitizer). */
  if (!run_cli (src, &err, "demo", "--participants", "2000", NULL))
    g_error ("demo: %s", err);
  g_clear_pointer (&err, g_free);
  if (!run_cli (src, &err, "export", "organisation", "--output", big, NULL))
    g_error ("export: %s", err);
  g_clear_pointer (&err, g_free);
  big_text = export_org (src, dir, "big-again.json");

  /* The old state: a small organisation of its own. */
  if (!run_cli (target, &err, "demo", "--participants", "150", "--seed", "7", NULL))
    g_error ("demo: %s", err);
  g_clear_pointer (&err, g_free);
  before = export_org (target, dir, "before.json");
  g_assert_cmpstr (before, !=, big_text);

  for (guint k = 0; k < G_N_ELEMENTS (delays_ms); k++)
    {
      const char *argv[] = { binary (), "-d", target, "import", big, NULL };
      g_autoptr(GError) error = NULL;
      g_autofree char *name = g_strdup_printf ("after-%u.json", k);
      g_autofree char *after = NULL;
      GPid pid;
      int status = 0;
      gboolean reaped = FALSE;

      g_assert_true (g_spawn_async (NULL, (char **) argv, envp,
                                    G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL |
                                    G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &pid, &error));
      g_assert_no_error (error);
      if (k >= 2)
        {
          gint64 give_up = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;

          /* Until it holds the writers' lock (or has ended). */
          for (;;)
            {
              g_autofree char *held = dag_test_db_query (target, "SELECT count(*) FROM pg_locks"
                                                                 " WHERE locktype = 'advisory'"
                                                                 " AND classid = 8242716 AND objsubid = 2 AND granted");

              if (g_strcmp0 (held, "0") != 0 || g_get_monotonic_time () > give_up)
                break;
              if (waitpid (pid, &status, WNOHANG) == pid)
                {
                  reaped = TRUE;
                  break;
                }
              g_usleep (10 * 1000);
            }
        }
      if (!reaped)
        g_usleep (delays_ms[k] * 1000);
      /* Whether it was writing: holding the store's writers' lock (an
       * advisory lock; another program's test on this server holding it
       * would count too). */
      g_clear_pointer (&writing, g_free);
      writing = dag_test_db_query (target, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"
                                           " AND classid = 8242716 AND objsubid = 2 AND granted");
      if (!reaped)
        {
          g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
          while (waitpid (pid, &status, 0) < 0)
            g_assert_cmpint (errno, ==, EINTR);
        }
      g_spawn_close_pid (pid);
      if (WIFSIGNALED (status) && WTERMSIG (status) == SIGKILL)
        {
          killed++;
          killed_writing += g_strcmp0 (writing, "0") != 0;
          g_test_message ("import killed %u ms after %s, %s", delays_ms[k], k >= 2 ? "it took the lock" : "its start",
                          g_strcmp0 (writing, "0") != 0 ? "while writing (holding the writers' lock)"
                                                        : "before it began writing");
        }
      else
        {
          /* It ended before the kill: then it imported (or failed). */
          g_test_message ("import ended by itself within %u ms (status %d)", delays_ms[k], status);
          after = export_org (target, dir, name);
          if (g_strcmp0 (after, before) != 0)
            {
              assert_same_bytes ("an import that finished by itself", big_text, after);
              g_free (before);
              before = g_steal_pointer (&after);
            }
          continue;
        }
      after = export_org (target, dir, name);
      assert_same_bytes ("after a killed import", before, after);
      g_test_message ("after %u ms: the organisation as before (%" G_GSIZE_FORMAT " bytes)",
                      delays_ms[k], strlen (after));
    }
  g_assert_cmpuint (killed, >=, 3);
  g_assert_cmpuint (killed_writing, >=, 1);

  /* Nothing of the killed ones was left holding the database: an import
   * runs to the end now and gives the organisation of the file. */
  if (!run_cli (target, &err, "import", big, NULL))
    g_error ("import after the killed ones: %s", err);
  imported = export_org (target, dir, "imported.json");
  assert_same_bytes ("the import after the killed ones", big_text, imported);

  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;

    while (d != NULL && (name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *path = g_build_filename (dir, name, NULL);
        g_unlink (path);
      }
    g_rmdir (dir);
  }
}

/* ---- d. a notification reaching a second connection --------------------- */

static void
test_notify (void)
{
  const char *uri = demo_db ("notify", 150, 9);
  g_autoptr(GError) error = NULL;
  g_autoptr(DagStore) a = dag_store_open (uri, &error);
  g_autoptr(DagStore) b = NULL;
  g_autoptr(DagOrg) org = NULL;
  g_autoptr(DagOrg) again = NULL;
  const char *id;
  DagSections changed = 0;
  GPollFD pfd = { 0 };
  gint64 start, waited;
  int rc;

  g_assert_no_error (error);
  b = dag_store_open (uri, &error);
  g_assert_no_error (error);
  g_assert_true (dag_store_is_shared (a));
  g_assert_true (dag_store_is_shared (b));
  org = load (b);
  id = DAG_AT (org->participants, DagParticipant, 3)->id;
  g_assert_true (dag_store_poll_changes (b, &changed, &error));
  g_assert_no_error (error);
  g_assert_cmpint (changed, ==, 0);

  pfd.fd = dag_store_get_notify_fd (b);
  pfd.events = G_IO_IN;
  g_assert_cmpint (pfd.fd, >=, 0);

  start = g_get_monotonic_time ();
  g_assert_true (dag_store_set_attendance (a, id, dag_date_from_ymd (2026, 9, 14), 0, DAG_ATTEND_CANCELLED,
                                           -1, "ill", &error));
  g_assert_no_error (error);
  /* Within 2 s, B's socket has something to read. */
  do
    {
      gint64 left = 2000 - (g_get_monotonic_time () - start) / 1000;

      pfd.revents = 0;
      rc = g_poll (&pfd, 1, (int) MAX (left, 0));
    }
  while (rc < 0 && errno == EINTR);
  waited = g_get_monotonic_time () - start;
  g_assert_cmpint (rc, ==, 1);
  g_assert_true (pfd.revents & G_IO_IN);
  g_test_message ("B's notify socket readable %.1f ms after A's call began", waited / 1000.0);

  g_assert_true (dag_store_poll_changes (b, &changed, &error));
  g_assert_no_error (error);
  g_test_message ("B: changed sections 0x%x", changed);
  g_assert_true (changed & DAG_SECTION_ATTENDANCE);
  g_assert_false (changed & DAG_SECTION_PLAN);

  /* B reads again and has the registration. */
  again = load (b);
  {
    gboolean found = FALSE;

    for (guint i = 0; i < again->attendance->len; i++)
      {
        const DagAttendance *r = DAG_AT (again->attendance, DagAttendance, i);
        found |= r->participant == 3 && r->date == dag_date_from_ymd (2026, 9, 14) && r->part == 0 &&
                 r->status == DAG_ATTEND_CANCELLED;
      }
    g_assert_true (found);
  }
  g_assert_true (dag_store_poll_changes (b, &changed, &error));
  g_assert_cmpint (changed, ==, 0);
}

int
main (int argc, char **argv)
{
  g_setenv ("DAGRITME_TODAY", TODAY_TEXT, TRUE);
  g_test_init (&argc, &argv, NULL);
  dag_test_db_init ();
  if (!dag_test_db_is_pg ())
    {
      /* Only a shared database has several users. */
      printf ("1..0 # SKIP only with DAG_TEST_BACKEND=postgresql\n");
      return 0;
    }
  g_test_add_func ("/pg-shared/different-records", test_different_records);
  g_test_add_func ("/pg-shared/same-record", test_same_record);
  g_test_add_func ("/pg-shared/kill-import", test_kill_import);
  g_test_add_func ("/pg-shared/notify", test_notify);
  return g_test_run ();
}
