/* test-store-runs.c — replacing the transport runs of one day in the store:
 * the other days stay, the stops come back in order, and a failed
 * replacement changes nothing. */

#include "config.h"

#include <glib/gstdio.h>

#include "dag-test-db.h"
#include "dag-demo.h"
#include "dag-store-runs.h"

typedef struct {
  char     *dir;
  char     *path;
  DagStore *store;
  DagOrg   *org;
  DagDate   monday;
} Fixture;

/* A run of org with n stops: participants first, first + 1, … */
static void
add_run (GArray     *runs,
         const char *id,
         DagDate     date,
         int         first,
         guint       n)
{
  DagRun run = { g_strdup (id), date, 0, -1, 0, DAG_DIRECTION_TO, 9 * 60, NULL };

  run.stops = g_array_new (FALSE, FALSE, sizeof (DagStop));
  for (guint i = 0; i < n; i++)
    {
      DagStop stop = { first + (int) i, 8 * 60 + 10 * (int) i };

      g_array_append_val (run.stops, stop);
    }
  g_array_append_val (runs, run);
}

static void
run_clear (gpointer data)
{
  DagRun *run = data;

  g_free (run->id);
  g_array_unref (run->stops);
}

static GArray *
runs_new (void)
{
  GArray *runs = g_array_new (FALSE, FALSE, sizeof (DagRun));

  g_array_set_clear_func (runs, run_clear);
  return runs;
}

/* Puts runs into org in place of those of their date. */
static void
org_set_runs (DagOrg *org,
              DagDate date,
              GArray *runs)
{
  for (guint i = org->runs->len; i-- > 0;)
    if (DAG_AT (org->runs, DagRun, i)->date == date)
      g_array_remove_index (org->runs, i);
  for (guint i = 0; i < runs->len; i++)
    {
      const DagRun *src = DAG_AT (runs, DagRun, i);
      DagRun *dst = dag_org_add_run (org);

      g_free (dst->id);
      dst->id = g_strdup (src->id);
      dst->date = src->date;
      dst->vehicle = src->vehicle;
      dst->driver = src->driver;
      dst->location = src->location;
      dst->direction = src->direction;
      dst->time = src->time;
      g_array_append_vals (dst->stops, src->stops->data, src->stops->len);
    }
  dag_org_invalidate_index (org);
}

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) monday = runs_new ();
  g_autoptr(GArray) tuesday = runs_new ();
  DagDemoOptions options;

  f->dir = g_dir_make_tmp ("dagritme-store-runs-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "test.db", NULL);
  f->store = dag_store_open (dag_test_db (f->path), &error);
  g_assert_no_error (error);
  dag_demo_options_init (&options);
  options.participants = 40;
  f->org = dag_demo_generate (&options);
  f->monday = dag_date_from_ymd (2026, 11, 2);
  add_run (monday, "R-MON-1", f->monday, 0, 3);
  add_run (monday, "R-MON-2", f->monday, 3, 2);
  add_run (tuesday, "R-TUE-1", f->monday + 1, 5, 4);
  org_set_runs (f->org, f->monday, monday);
  org_set_runs (f->org, f->monday + 1, tuesday);
  g_assert_true (dag_store_save (f->store, f->org, DAG_SECTION_ALL, "test", &error));
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->store);
  g_clear_pointer (&f->org, dag_org_free);
  g_unlink (f->path);
  {
    g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (f->path, "-shm", NULL);

    g_unlink (wal);
    g_unlink (shm);
  }
  g_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

/* The stored run with that id, or NULL. */
static const DagRun *
find_run (DagOrg     *org,
          const char *id)
{
  int i = dag_org_lookup (org, DAG_KIND_RUN, id);

  return i >= 0 ? DAG_AT (org->runs, DagRun, i) : NULL;
}

static guint
count_runs (const DagOrg *org,
            DagDate       date)
{
  guint n = 0;

  for (guint i = 0; i < org->runs->len; i++)
    n += DAG_AT (org->runs, DagRun, i)->date == date;
  return n;
}

static void
test_replace_day (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) runs = runs_new ();
  g_autoptr(DagOrg) back = NULL;
  const DagRun *run;
  gint64 audit;

  audit = dag_store_count_audit (f->store, &error);
  g_assert_no_error (error);
  /* One new run on Monday, with the stops of participants 10, 11, 12. */
  add_run (runs, "R-MON-9", f->monday, 10, 3);
  g_assert_true (dag_store_replace_day_runs (f->store, f->org, f->monday, runs, "transport", &error));
  g_assert_no_error (error);

  back = dag_store_load (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_runs (back, f->monday), ==, 1);
  g_assert_null (find_run (back, "R-MON-1"));
  g_assert_null (find_run (back, "R-MON-2"));
  run = find_run (back, "R-MON-9");
  g_assert_nonnull (run);
  g_assert_cmpuint (run->stops->len, ==, 3);
  for (guint s = 0; s < 3; s++)
    {
      const DagStop *stop = DAG_AT (run->stops, DagStop, s);

      /* The demo's participants load in the order they were saved. */
      g_assert_cmpint (stop->participant, ==, 10 + (int) s);
      g_assert_cmpint (stop->time, ==, 8 * 60 + 10 * (int) s);
    }
  /* Tuesday untouched: its one run with its four stops. */
  g_assert_cmpuint (count_runs (back, f->monday + 1), ==, 1);
  run = find_run (back, "R-TUE-1");
  g_assert_nonnull (run);
  g_assert_cmpuint (run->stops->len, ==, 4);
  g_assert_cmpint (dag_store_count_audit (f->store, NULL), ==, audit + 1);
}

static void
test_empty_day (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) none = runs_new ();
  g_autoptr(DagOrg) back = NULL;

  g_assert_true (dag_store_replace_day_runs (f->store, f->org, f->monday, none, "transport", &error));
  g_assert_no_error (error);
  back = dag_store_load (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_runs (back, f->monday), ==, 0);
  g_assert_cmpuint (count_runs (back, f->monday + 1), ==, 1);
}

static void
test_other_date (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) runs = runs_new ();
  g_autoptr(DagOrg) back = NULL;

  add_run (runs, "R-MON-9", f->monday, 10, 2);
  add_run (runs, "R-WED-1", f->monday + 2, 12, 2);
  g_assert_false (dag_store_replace_day_runs (f->store, f->org, f->monday, runs, "transport", &error));
  g_assert_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_CONSTRAINT);
  back = dag_store_load (f->store, NULL);
  g_assert_cmpuint (count_runs (back, f->monday), ==, 2);
}

/* A run whose id is already Tuesday's breaks the primary key half way:
 * Monday keeps its two runs. */
static void
test_rollback (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) runs = runs_new ();
  g_autoptr(DagOrg) back = NULL;
  gint64 audit = dag_store_count_audit (f->store, NULL);

  add_run (runs, "R-MON-9", f->monday, 10, 2);
  add_run (runs, "R-TUE-1", f->monday, 12, 2);
  g_assert_false (dag_store_replace_day_runs (f->store, f->org, f->monday, runs, "transport", &error));
  g_assert_nonnull (error);
  back = dag_store_load (f->store, NULL);
  g_assert_cmpuint (count_runs (back, f->monday), ==, 2);
  g_assert_nonnull (find_run (back, "R-MON-1"));
  g_assert_null (find_run (back, "R-MON-9"));
  g_assert_cmpuint (DAG_AT (back->runs, DagRun, dag_org_lookup (back, DAG_KIND_RUN, "R-TUE-1"))->stops->len, ==, 4);
  g_assert_cmpint (dag_store_count_audit (f->store, NULL), ==, audit);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  dag_test_db_init ();
  g_test_add ("/store-runs/replace-day", Fixture, NULL, fixture_setup, test_replace_day, fixture_teardown);
  g_test_add ("/store-runs/empty-day", Fixture, NULL, fixture_setup, test_empty_day, fixture_teardown);
  g_test_add ("/store-runs/other-date", Fixture, NULL, fixture_setup, test_other_date, fixture_teardown);
  g_test_add ("/store-runs/rollback", Fixture, NULL, fixture_setup, test_rollback, fixture_teardown);
  return g_test_run ();
}
