/* bench-pg.c — a shared PostgreSQL database against an SQLite file
 * (issue 16, "Performance"):
 *   1. loading the 5,000 demo (dag_store_load), SQLite file and PostgreSQL,
 *      one warm-up and RUNS timed loads each (target: PostgreSQL ≤ 2×);
 *   2. one edit's round trip: client A registers attendance, client B (its
 *      own connection, in another thread) waits on its notify socket, asks
 *      dag_store_poll_changes and follows the change in place as the window
 *      does (dag_store_read_attendance_changes); from A's call to B having
 *      the change (target ≤ 50 ms median over 50 edits); also with B
 *      reading the whole organisation again, and only being told;
 *   3. 20 client processes, each with its own connection, each registering
 *      10 attendances a second (distinct participants and dates) for 30 s:
 *      errors (0 but reported conflicts), and the rows counted afterwards
 *      against the edits made.
 *
 * bench-pg SOURCE_ROOT [--quick]: the server is the one in DAG_TEST_PG, else
 * a throwaway cluster of SOURCE_ROOT/build-aux/pg-cluster, stopped at the
 * end.  --quick: 1,000 participants, 10 round trips, 5 s of clients. */

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "dag-demo.h"
#include "dag-store-attendance.h"
#include "dag-store.h"
#include "dag-test-db.h"

#define TODAY_TEXT "2026-11-11"
#define RUNS       5

static int participants = 5000;
static int round_trips = 50;
static int clients = 20;
static int rate = 10;           /* edits per second per client */
static int seconds = 30;

static char *cluster_script;    /* build-aux/pg-cluster when we started one */
static char *cluster_dir;
static char *work_dir;

/* ---- helpers ------------------------------------------------------------ */

static void
stop_cluster (void)
{
  if (cluster_dir != NULL)
    {
      const char *argv[] = { "sh", cluster_script, "stop", cluster_dir, NULL };

      g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
      g_clear_pointer (&cluster_dir, g_free);
    }
}

static void
remove_work_dir (void)
{
  g_autoptr(GDir) d = NULL;
  const char *name;

  if (work_dir == NULL)
    return;
  d = g_dir_open (work_dir, 0, NULL);
  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (work_dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (work_dir);
  g_clear_pointer (&work_dir, g_free);
}

G_GNUC_NORETURN G_GNUC_PRINTF (1, 2) static void
die (const char *format, ...)
{
  va_list args;

  va_start (args, format);
  fprintf (stderr, "bench-pg: ");
  vfprintf (stderr, format, args);
  fprintf (stderr, "\n");
  va_end (args);
  stop_cluster ();
  remove_work_dir ();
  exit (1);
}

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static int
cmp_double (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

typedef struct {
  double median, min, max, p95;
  guint  n;
} Stats;

static Stats
stats_of (GArray *values)
{
  Stats s = { 0 };
  double *v = (double *) values->data;

  s.n = values->len;
  if (s.n == 0)
    return s;
  qsort (v, s.n, sizeof (double), cmp_double);
  s.min = v[0];
  s.max = v[s.n - 1];
  s.median = s.n % 2 ? v[s.n / 2] : (v[s.n / 2 - 1] + v[s.n / 2]) / 2;
  s.p95 = v[MIN (s.n - 1, (guint) (0.95 * s.n))];
  return s;
}

static void
print_stats (const char *what, const char *unit, Stats s)
{
  printf ("  %-44s median %8.1f %s   min %8.1f   max %8.1f   p95 %8.1f   (n = %u)\n",
          what, s.median, unit, s.min, s.max, s.p95, s.n);
}

static DagStore *
open_store (const char *where)
{
  g_autoptr(GError) error = NULL;
  DagStore *store = dag_store_open (where, &error);

  if (store == NULL)
    die ("cannot open %s: %s", where, error->message);
  return store;
}

static DagOrg *
load_org (DagStore *store)
{
  g_autoptr(GError) error = NULL;
  DagOrg *org = dag_store_load (store, &error);

  if (org == NULL)
    die ("load: %s", error->message);
  return org;
}

static gint64
count (const char *where, const char *sql)
{
  g_autofree char *text = dag_test_db_query (where, sql);

  if (text == NULL)
    die ("query failed: %s", sql);
  return g_ascii_strtoll (text, NULL, 10);
}

/* ---- 1. loading --------------------------------------------------------- */

/* The two stores' loads taken in turn, so that whatever else the machine
 * does weighs on both alike. */
static void
bench_load (const char *lite_path, const char *pg_uri, Stats *lite, Stats *pg)
{
  const char *where[2] = { lite_path, pg_uri };
  const char *names[2] = { "SQLite file", "PostgreSQL" };
  DagStore *stores[2];
  g_autoptr(GArray) times0 = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) times1 = g_array_new (FALSE, FALSE, sizeof (double));
  GArray *times[2] = { times0, times1 };

  for (int k = 0; k < 2; k++)
    {
      double t0 = now_ms ();

      stores[k] = open_store (where[k]);
      printf ("  %s: open %.1f ms\n", names[k], now_ms () - t0);
      dag_org_free (load_org (stores[k]));   /* warm-up */
    }
  for (int i = 0; i < RUNS; i++)
    for (int k = 0; k < 2; k++)
      {
        double t0 = now_ms (), t;
        DagOrg *org = load_org (stores[k]);

        t = now_ms () - t0;
        g_array_append_val (times[k], t);
        if (org->participants->len != (guint) participants)
          die ("%s: loaded %u participants, not %d", names[k], org->participants->len, participants);
        dag_org_free (org);
      }
  g_object_unref (stores[0]);
  g_object_unref (stores[1]);
  *lite = stats_of (times0);
  *pg = stats_of (times1);
}

/* ---- 2. one edit's round trip ------------------------------------------- */

typedef struct {
  const char   *uri;
  GAsyncQueue  *done;      /* of RoundTrip *, one per change B saw */
  GAsyncQueue  *ready;     /* B has read once and waits */
  volatile gint stop;
  int           mode;      /* what B does when told (Mode) */
} Watcher;

typedef enum {
  MODE_TOLD,       /* nothing: only notified */
  MODE_RELOAD,     /* reads the whole organisation again */
  MODE_IN_PLACE,   /* reads the changed records and applies them, as the window does */
} Mode;

/* What the window's attendance view does with another user's
 * registration: the record in the organisation as it is now. */
static void
apply_change (DagOrg                    *org,
              const DagAttendanceChange *c)
{
  int who = dag_org_lookup (org, DAG_KIND_PARTICIPANT, c->participant_id);

  if (who < 0)
    die ("B does not know participant %s", c->participant_id);
  for (guint i = 0; i < org->attendance->len; i++)
    {
      DagAttendance *a = DAG_AT (org->attendance, DagAttendance, i);

      if (a->participant == who && a->date == c->date && a->part == c->part)
        {
          if (c->status < 0)
            g_array_remove_index_fast (org->attendance, i);
          else
            a->status = c->status;
          return;
        }
    }
  if (c->status >= 0)
    {
      DagAttendance a = { who, c->date, c->part, c->status, c->minutes, g_strdup (c->reason) };

      g_array_append_val (org->attendance, a);
    }
}

typedef struct {
  double notified;         /* the socket was readable and poll_changes said so */
  double refreshed;        /* and the organisation was read again */
  guint  attendance;       /* records B holds after it */
} RoundTrip;

static gpointer
watcher_thread (gpointer data)
{
  Watcher *w = data;
  g_autoptr(DagStore) store = open_store (w->uri);
  g_autoptr(DagOrg) org = load_org (store);
  GPollFD pfd = { dag_store_get_notify_fd (store), G_IO_IN, 0 };

  if (pfd.fd < 0)
    die ("no notify descriptor");
  g_async_queue_push (w->ready, GINT_TO_POINTER (1));
  while (!g_atomic_int_get (&w->stop))
    {
      g_autoptr(GError) error = NULL;
      DagSections changed = 0;
      RoundTrip *rt;
      int rc;

      pfd.revents = 0;
      rc = g_poll (&pfd, 1, 100);
      if (rc < 0 && errno != EINTR)
        die ("poll: %s", g_strerror (errno));
      if (rc <= 0)
        continue;
      if (!dag_store_poll_changes (store, &changed, &error))
        die ("poll_changes: %s", error->message);
      /* Another schema's writer on the same server also wakes it. */
      if (!(changed & DAG_SECTION_ATTENDANCE))
        continue;
      rt = g_new0 (RoundTrip, 1);
      rt->notified = now_ms ();
      if (w->mode == MODE_IN_PLACE)
        {
          g_autoptr(GArray) changes = NULL;
          gboolean complete = FALSE;

          if (!dag_store_read_attendance_changes (store, &changes, &complete, &error))
            die ("read_attendance_changes: %s", error->message);
          if (!complete)
            die ("B could not follow the registration in place");
          for (guint i = 0; i < changes->len; i++)
            apply_change (org, &g_array_index (changes, DagAttendanceChange, i));
          rt->attendance = org->attendance->len;
        }
      else if (w->mode == MODE_RELOAD)
        {
          g_clear_pointer (&org, dag_org_free);
          org = load_org (store);
          rt->attendance = org->attendance->len;
        }
      rt->refreshed = now_ms ();
      g_async_queue_push (w->done, rt);
    }
  return NULL;
}

static void
bench_round_trip (const char *uri, const char *title, int n, Mode mode)
{
  g_autoptr(DagStore) a = open_store (uri);
  g_autoptr(DagOrg) org = load_org (a);
  g_autoptr(GArray) write_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) notified_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) refreshed_ms = g_array_new (FALSE, FALSE, sizeof (double));
  Watcher w = { uri, g_async_queue_new_full (g_free), g_async_queue_new (), 0, mode };
  GThread *thread;
  guint expected = org->attendance->len;
  int lost = 0;

  thread = g_thread_new ("client-b", watcher_thread, &w);
  g_async_queue_pop (w.ready);
  for (int i = 0; i < n; i++)
    {
      g_autoptr(GError) error = NULL;
      const char *id = DAG_AT (org->participants, DagParticipant, i % org->participants->len)->id;
      g_autofree RoundTrip *rt = NULL;
      double t0, t1, v;

      /* Let B settle in its wait. */
      g_usleep (20000);
      t0 = now_ms ();
      if (!dag_store_set_attendance (a, id, dag_date_from_ymd (2025, 1, 1) + i, (int) mode % DAG_N_PARTS, DAG_ATTEND_PRESENT,
                                     180, NULL, &error))
        die ("round trip edit %d: %s", i, error->message);
      t1 = now_ms ();
      expected++;
      rt = g_async_queue_timeout_pop (w.done, 5 * G_USEC_PER_SEC);
      if (rt == NULL)
        {
          lost++;
          continue;
        }
      if (mode != MODE_TOLD && rt->attendance != expected)
        die ("round trip %d: B holds %u attendance records, not %u", i, rt->attendance, expected);
      v = t1 - t0;
      g_array_append_val (write_ms, v);
      v = rt->notified - t0;
      g_array_append_val (notified_ms, v);
      v = rt->refreshed - t0;
      g_array_append_val (refreshed_ms, v);
    }
  g_atomic_int_set (&w.stop, 1);
  g_thread_join (thread);
  g_async_queue_unref (w.done);
  g_async_queue_unref (w.ready);

  printf ("%s\n", title);
  print_stats ("A's edit (dag_store_set_attendance)", "ms", stats_of (write_ms));
  print_stats ("A's call to B notified (poll_changes)", "ms", stats_of (notified_ms));
  if (mode == MODE_RELOAD)
    print_stats ("A's call to B has read it all again (dag_store_load)", "ms", stats_of (refreshed_ms));
  else if (mode == MODE_IN_PLACE)
    print_stats ("A's call to B has it in place (read_attendance_changes)", "ms", stats_of (refreshed_ms));
  if (lost > 0)
    printf ("  %d of %d edits never reached B within 5 s\n", lost, n);
}

/* ---- 3. many clients ---------------------------------------------------- */

typedef struct {
  int ok, conflicts, errors;
  double wall_ms;
} ClientSummary;

static void
client_process (const char *uri, int client, const char *id, int barrier_fd, int out_fd)
{
  g_autoptr(GError) error = NULL;
  DagStore *store = dag_store_open (uri, &error);
  int edits = rate * seconds;
  double *latency = g_new0 (double, edits);
  ClientSummary sum = { 0 };
  double start;
  char c;

  if (store == NULL)
    {
      fprintf (stderr, "client %d: open: %s\n", client, error->message);
      sum.errors = edits;
      if (write (out_fd, &sum, sizeof sum) < 0)
        _exit (3);
      _exit (2);
    }
  while (read (barrier_fd, &c, 1) < 0 && errno == EINTR)
    ;
  start = now_ms ();
  for (int i = 0; i < edits; i++)
    {
      double due = start + i * 1000.0 / rate, t0 = now_ms ();

      if (due > t0)
        g_usleep ((gulong) ((due - t0) * 1000));
      t0 = now_ms ();
      /* Distinct per client (its own participant) and per edit (its own
       * date and part), in 2025: nothing of the demo is there. */
      if (dag_store_set_attendance (store, id, dag_date_from_ymd (2025, 3, 1) + i / DAG_N_PARTS, i % DAG_N_PARTS,
                                    DAG_ATTEND_PRESENT, 120 + i % 100, NULL, &error))
        sum.ok++;
      else
        {
          if (g_error_matches (error, DAG_STORE_ERROR, DAG_STORE_ERROR_CHANGED))
            sum.conflicts++;
          else
            sum.errors++;
          fprintf (stderr, "client %d edit %d: %s (%s %d)\n", client, i, error->message,
                   g_quark_to_string (error->domain), error->code);
          g_clear_error (&error);
        }
      latency[i] = now_ms () - t0;
    }
  sum.wall_ms = now_ms () - start;
  if (write (out_fd, &sum, sizeof sum) != sizeof sum ||
      write (out_fd, latency, edits * sizeof (double)) != (ssize_t) (edits * sizeof (double)))
    _exit (3);
  g_object_unref (store);
  _exit (0);
}

static gboolean
read_all (int fd, void *buf, gsize len)
{
  char *p = buf;

  while (len > 0)
    {
      ssize_t n = read (fd, p, len);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      p += n;
      len -= n;
    }
  return TRUE;
}

static void
bench_clients (const char *uri)
{
  g_autoptr(GArray) latency = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autofree pid_t *pids = g_new0 (pid_t, clients);
  g_autofree int *outs = g_new0 (int, clients);
  g_autofree char *in_ids = NULL;
  g_autoptr(GString) list = g_string_new (NULL);
  int edits = rate * seconds;
  int ok = 0, conflicts = 0, errors = 0, crashed = 0;
  double wall = 0, t0;
  gint64 rows_before, rows_after, audit_before, audit_after;
  int barrier[2];

  {
    g_autoptr(DagStore) store = open_store (uri);
    g_autoptr(DagOrg) org = load_org (store);

    for (int c = 0; c < clients; c++)
      {
        const char *id = DAG_AT (org->participants, DagParticipant, 100 + c)->id;

        g_ptr_array_add (ids, g_strdup (id));
        g_string_append_printf (list, "%s'%s'", c ? ", " : "", id);
      }
  }
  in_ids = g_strdup_printf ("SELECT count(*) FROM attendance WHERE date >= '2025-03-01' AND date < '2026-01-01'"
                            " AND participant IN (%s)", list->str);
  rows_before = count (uri, in_ids);
  audit_before = count (uri, "SELECT count(*) FROM audit");

  if (pipe (barrier) != 0)
    die ("pipe: %s", g_strerror (errno));
  fflush (stdout);
  fflush (stderr);
  for (int c = 0; c < clients; c++)
    {
      int out[2];

      if (pipe (out) != 0)
        die ("pipe: %s", g_strerror (errno));
      pids[c] = fork ();
      if (pids[c] < 0)
        die ("fork: %s", g_strerror (errno));
      if (pids[c] == 0)
        {
          close (barrier[1]);
          close (out[0]);
          client_process (uri, c, g_ptr_array_index (ids, c), barrier[0], out[1]);
        }
      close (out[1]);
      outs[c] = out[0];
    }
  close (barrier[0]);
  /* Every client has connected: give them a moment, then go. */
  g_usleep (G_USEC_PER_SEC);
  t0 = now_ms ();
  close (barrier[1]);
  for (int c = 0; c < clients; c++)
    {
      ClientSummary sum;
      double *lat = g_new0 (double, edits);
      int status;

      if (read_all (outs[c], &sum, sizeof sum) && read_all (outs[c], lat, edits * sizeof (double)))
        {
          ok += sum.ok;
          conflicts += sum.conflicts;
          errors += sum.errors;
          wall = MAX (wall, sum.wall_ms);
          g_array_append_vals (latency, lat, edits);
        }
      else
        crashed++;
      g_free (lat);
      close (outs[c]);
      while (waitpid (pids[c], &status, 0) < 0 && errno == EINTR)
        ;
      if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
        crashed++;
    }
  wall = MAX (wall, now_ms () - t0 - 0.0);
  rows_after = count (uri, in_ids);
  audit_after = count (uri, "SELECT count(*) FROM audit");

  printf ("%d clients (processes, one connection each), %d edits a second each for %d s\n",
          clients, rate, seconds);
  printf ("  edits made %d of %d, reported conflicts %d, errors %d, clients that failed %d\n",
          ok, clients * edits, conflicts, errors, crashed);
  printf ("  throughput %.1f edits/s over %.1f s (asked: %d/s)\n", ok / (wall / 1000.0), wall / 1000.0,
          clients * rate);
  print_stats ("one edit's latency, under this load", "ms", stats_of (latency));
  printf ("  rows counted afterwards %" G_GINT64_FORMAT " (before %" G_GINT64_FORMAT "), edits made %d: %s\n",
          rows_after - rows_before, rows_before, ok, rows_after - rows_before == ok ? "nothing lost" : "MISMATCH");
  printf ("  audit entries added %" G_GINT64_FORMAT ": %s\n", audit_after - audit_before,
          audit_after - audit_before == ok ? "one per edit" : "MISMATCH");
  if (errors != 0 || crashed != 0 || rows_after - rows_before != ok || audit_after - audit_before != ok)
    die ("the clients' run lost edits or met errors (see above)");
}

/* ---- main --------------------------------------------------------------- */

int
main (int argc, char **argv)
{
  g_autoptr(DagOrg) org = NULL;
  g_autofree char *sqlite_path = NULL;
  g_autofree char *base = NULL;
  const char *pg_uri, *rt_uri;
  DagDemoOptions options;
  Stats lite, pg;
  char *title;
  double t0;

  if (argc < 2)
    {
      fprintf (stderr, "usage: bench-pg SOURCE_ROOT [--quick]\n");
      return 2;
    }
  if (argc > 2 && g_str_equal (argv[2], "--quick"))
    {
      participants = 1000;
      round_trips = 10;
      seconds = 5;
    }
  setvbuf (stdout, NULL, _IOLBF, 0);
  g_setenv ("DAGRITME_TODAY", TODAY_TEXT, TRUE);
  /* dag_test_db gives each part a fresh schema of this server. */
  g_setenv ("DAG_TEST_BACKEND", "postgresql", TRUE);
  work_dir = g_dir_make_tmp ("bench-pg-XXXXXX", NULL);
  if (work_dir == NULL)
    die ("no temporary folder");

  if (g_getenv ("DAG_TEST_PG") != NULL && *g_getenv ("DAG_TEST_PG") != '\0')
    base = g_strdup (g_getenv ("DAG_TEST_PG"));
  else
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      int status;

      cluster_script = g_build_filename (argv[1], "build-aux", "pg-cluster", NULL);
      cluster_dir = g_build_filename (g_get_tmp_dir (), "bench-pg-cluster-XXXXXX", NULL);
      if (g_mkdtemp (cluster_dir) == NULL)
        die ("cannot make a folder for the cluster");
      {
        const char *sargv[] = { "sh", cluster_script, "start", cluster_dir, NULL };

        if (!g_spawn_sync (NULL, (char **) sargv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status,
                           &error) || !g_spawn_check_wait_status (status, NULL))
          die ("pg-cluster start failed: %s", error ? error->message : err);
      }
      base = g_strstrip (g_steal_pointer (&out));
      g_setenv ("DAG_TEST_PG", base, TRUE);
      printf ("started a throwaway cluster: %s\n", base);
    }

  printf ("bench-pg: %d participants; server %s\n", participants, base);
  dag_demo_options_init (&options);
  options.participants = participants;
  options.month = dag_date_from_ymd (2026, 10, 1);
  t0 = now_ms ();
  org = dag_demo_generate (&options);
  printf ("  demo generated in %.0f ms (%u attendance records)\n", now_ms () - t0, org->attendance->len);

  sqlite_path = g_build_filename (work_dir, "bench.db", NULL);
  pg_uri = dag_test_db ("load");
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(DagStore) lite_store = open_store (sqlite_path);
    g_autoptr(DagStore) pg_store = open_store (pg_uri);

    t0 = now_ms ();
    if (!dag_store_save (lite_store, org, DAG_SECTION_ALL, "bench", &error))
      die ("save to SQLite: %s", error->message);
    printf ("  saved to SQLite in %.0f ms\n", now_ms () - t0);
    t0 = now_ms ();
    if (!dag_store_save (pg_store, org, DAG_SECTION_ALL, "bench", &error))
      die ("save to PostgreSQL: %s", error->message);
    printf ("  saved to PostgreSQL in %.0f ms\n", now_ms () - t0);
  }

  /* 1. */
  printf ("\n1. loading the %d demo (dag_store_load, 1 warm-up + %d timed runs each, in turn)\n", participants, RUNS);
  bench_load (sqlite_path, pg_uri, &lite, &pg);
  print_stats ("SQLite file", "ms", lite);
  print_stats ("PostgreSQL (unix socket)", "ms", pg);
  printf ("  PostgreSQL / SQLite (medians) = %.2f (target ≤ 2): %s\n", pg.median / lite.median,
          pg.median <= 2 * lite.median ? "met" : "NOT met");

  /* 2. */
  printf ("\n");
  title = g_strdup_printf ("2. one edit's round trip, %d edits, B follows it in place as the window does "
                           "(reads the changed record into its %d organisation)", round_trips, participants);
  bench_round_trip (pg_uri, title, round_trips, MODE_IN_PLACE);
  g_free (title);
  title = g_strdup_printf ("2a. the same, B reads the whole %d organisation again (what a change of more than "
                           "registrations takes), %d edits", participants, round_trips);
  bench_round_trip (pg_uri, title, round_trips, MODE_RELOAD);
  g_free (title);
  title = g_strdup_printf ("2b. the same, B only told (notify + poll_changes, no read), %d edits", round_trips);
  bench_round_trip (pg_uri, title, round_trips, MODE_TOLD);
  g_free (title);
  {
    g_autoptr(DagStore) s = open_store (dag_test_db ("round-trip-small"));
    g_autoptr(GError) error = NULL;
    g_autoptr(DagOrg) small = NULL;

    options.participants = 150;
    small = dag_demo_generate (&options);
    if (!dag_store_save (s, small, DAG_SECTION_ALL, "bench", &error))
      die ("save: %s", error->message);
  }
  rt_uri = dag_test_db ("round-trip-small");
  title = g_strdup_printf ("2c. the same round trip on the 150 demo, B reads it all again, %d edits", round_trips);
  bench_round_trip (rt_uri, title, round_trips, MODE_RELOAD);
  g_free (title);

  /* 3. */
  printf ("\n3. ");
  bench_clients (pg_uri);

  stop_cluster ();
  remove_work_dir ();
  return 0;
}
