/* test-transport.c — travel times, the travel-time import, the transport
 * planner on hand-made days, and the independent run checker (applied to
 * every planned day here). */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "dag-test-db.h"
#include "dag-cli.h"

#include "dag-demo.h"
#include "dag-store.h"
#include "dag-store-travel.h"
#include "dag-rules.h"
#include "dag-transport-check.h"
#include "dag-transport-test.h"
#include "dag-transport.h"
#include "dag-travel.h"


static DagTransportOptions
test_options (void)
{
  DagTransportOptions o;

  dag_transport_options_init (&o);
  o.time_limit = 0;          /* iterations only: repeatable */
  o.iterations_per_stop = 300;
  return o;
}

/* Plans the day, applies it to org and runs the independent checker. */
static DagTransportResult *
plan_checked (DagOrg    *org,
              DagTravel *travel)
{
  DagTransportResult *res = dag_test_plan_checked (org, travel, 0);

  if (res->warnings->len == 0)
    g_assert_cmpint (res->max_ride, <=, org->settings.max_ride_minutes);
  return res;
}

/* The run that carries participant p in direction dir, or NULL. */
static const DagRun *
run_of (const DagTransportResult *res,
        int                       p,
        DagDirection              dir,
        int                       nth)
{
  for (guint i = 0; i < res->runs->len; i++)
    {
      const DagRun *run = DAG_AT (res->runs, DagRun, i);

      if (run->direction != dir)
        continue;
      for (guint j = 0; j < run->stops->len; j++)
        if (DAG_AT (run->stops, DagStop, j)->participant == p && nth-- == 0)
          return run;
    }
  return NULL;
}

static const DagTransportUnserved *
unserved_of (const DagTransportResult *res,
             int                       p,
             DagDirection              dir)
{
  for (guint i = 0; i < res->unserved->len; i++)
    {
      const DagTransportUnserved *u = &g_array_index (res->unserved, DagTransportUnserved, i);

      if (u->participant == p && u->direction == dir)
        return u;
    }
  return NULL;
}

/* ---- travel times -------------------------------------------------------- */

static void
test_travel_estimate (void)
{
  g_autoptr(DagOrg) org = dag_test_base_org ();
  g_autoptr(DagTravel) travel = NULL;
  double minutes, km;
  int l = dag_test_add_location (org, "L1", 0, 0);
  int p = dag_test_add_participant (org, 0, 10, FALSE, TRUE, l, DAG_TEST_MON_DAY);

  travel = dag_travel_new (org, NULL);
  /* 10 km north: 10 × 1.3 = 13 km by road, at 40 km/h 19.5 minutes. */
  g_assert_false (dag_travel_get (travel, dag_travel_place_participant (travel, p),
                                  dag_travel_place_location (travel, l), &minutes, &km));
  g_assert_cmpfloat_with_epsilon (km, 13.0, 0.05);
  g_assert_cmpfloat_with_epsilon (minutes, 19.5, 0.1);
}

static void
test_travel_imported (void)
{
  g_autoptr(DagOrg) org = dag_test_base_org ();
  g_autoptr(GArray) entries = NULL;
  g_autoptr(DagTravel) travel = NULL;
  g_autoptr(GError) error = NULL;
  const char csv[] = "from_id,to_id,minutes,km\nP01,L1,25,12.5\n";
  double minutes, km;
  int l = dag_test_add_location (org, "L1", 0, 0);
  int p = dag_test_add_participant (org, 0, 2, FALSE, TRUE, l, DAG_TEST_MON_DAY);

  entries = dag_travel_parse_csv (csv, strlen (csv), org, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 1);
  travel = dag_travel_new (org, entries);
  g_assert_true (dag_travel_get (travel, dag_travel_place_participant (travel, p),
                                 dag_travel_place_location (travel, l), &minutes, &km));
  g_assert_cmpfloat (minutes, ==, 25);
  g_assert_cmpfloat (km, ==, 12.5);
  /* The way back is not in the file: estimated (2 km × 1.3 at 40 km/h). */
  g_assert_false (dag_travel_get (travel, dag_travel_place_location (travel, l),
                                  dag_travel_place_participant (travel, p), &minutes, &km));
  g_assert_cmpfloat_with_epsilon (minutes, 3.9, 0.05);
}

/* ---- the travel-time import through the store --------------------------- */

typedef struct {
  char     *dir;
  char     *path;
  DagStore *store;
  DagOrg   *org;
} Fixture;

static void
fixture_setup (Fixture      *f,
               gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  int l;

  f->dir = g_dir_make_tmp ("dagritme-transport-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "test.db", NULL);
  f->store = dag_store_open (dag_test_db (f->path), &error);
  g_assert_no_error (error);
  f->org = dag_test_base_org ();
  l = dag_test_add_location (f->org, "L1", 0, 0);
  dag_test_add_vehicle (f->org, "V1", 8, 1, l);
  dag_test_add_driver (f->org, "S1");
  dag_test_add_participant (f->org, 0, 2, FALSE, TRUE, l, DAG_TEST_MON_DAY);
  dag_test_add_participant (f->org, 2, 0, FALSE, TRUE, l, DAG_TEST_MON_DAY);
  g_assert_true (dag_store_save (f->store, f->org, DAG_SECTION_ALL, "test", &error));
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture      *f,
                  gconstpointer data)
{
  g_clear_object (&f->store);
  dag_org_free (f->org);
  g_unlink (f->path);
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static GArray *
import_text (Fixture     *f,
             const char  *csv,
             GError     **error)
{
  g_autoptr(GArray) entries = dag_travel_parse_csv (csv, strlen (csv), f->org, error);

  if (entries == NULL)
    return NULL;
  if (!dag_store_replace_travel_times (f->store, entries, "test", error))
    return NULL;
  return g_steal_pointer (&entries);
}

static void
test_import_good (Fixture      *f,
                  gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) entries = NULL;
  g_autoptr(GArray) loaded = NULL;
  const char csv[] = "\xEF\xBB\xBF" "from_id,to_id,minutes,km\r\n"
                     "P01,L1,7.5,4\r\n"
                     "L1,P01,8,4.2\r\n"
                     "\"P02\",L1,6,3\r\n";

  entries = import_text (f, csv, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 3);
  g_assert_cmpint (dag_store_count_travel_times (f->store, NULL), ==, 3);
  loaded = dag_store_load_travel_times (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (loaded->len, ==, 3);
  /* Sorted by from_id, to_id: L1→P01 first. */
  g_assert_cmpstr (g_array_index (loaded, DagTravelEntry, 0).from_id, ==, "L1");
  g_assert_cmpfloat (g_array_index (loaded, DagTravelEntry, 0).minutes, ==, 8);
  g_assert_cmpfloat (g_array_index (loaded, DagTravelEntry, 0).km, ==, 4.2);
}

/* A bad file changes nothing: the earlier matrix stays as it was. */
static void
expect_import_error (Fixture    *f,
                     const char *csv,
                     int         code,
                     const char *where)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) first = NULL;
  g_autoptr(GArray) second = NULL;
  g_autoptr(GArray) loaded = NULL;

  first = import_text (f, "from_id,to_id,minutes,km\nP01,L1,9,4\n", &error);
  g_assert_no_error (error);
  second = import_text (f, csv, &error);
  g_assert_null (second);
  g_assert_error (error, DAG_TRAVEL_ERROR, code);
  if (strstr (error->message, where) == NULL)
    g_error ("expected “%s” in the message “%s”", where, error->message);
  loaded = dag_store_load_travel_times (f->store, NULL);
  g_assert_cmpuint (loaded->len, ==, 1);
  g_assert_cmpfloat (g_array_index (loaded, DagTravelEntry, 0).minutes, ==, 9);
}

static void
test_import_bad_number (Fixture      *f,
                        gconstpointer data)
{
  expect_import_error (f, "from_id,to_id,minutes,km\nP01,L1,5,2\nP02,L1,-3,2\n",
                       DAG_TRAVEL_ERROR_INVALID, "line 3, column minutes: must be a number ≥ 0");
  expect_import_error (f, "from_id,to_id,minutes,km\nP01,L1,5,twee\n",
                       DAG_TRAVEL_ERROR_INVALID, "line 2, column km:");
}

static void
test_import_unknown_id (Fixture      *f,
                        gconstpointer data)
{
  expect_import_error (f, "from_id,to_id,minutes,km\nP01,L1,5,2\nP02,L9,5,2\n",
                       DAG_TRAVEL_ERROR_UNKNOWN_ID, "line 3, column to_id");
}

static void
test_import_bad_header (Fixture      *f,
                        gconstpointer data)
{
  expect_import_error (f, "from,to,minutes,km\nP01,L1,5,2\n", DAG_TRAVEL_ERROR_PARSE, "line 1, column 1");
  expect_import_error (f, "from_id,to_id,minutes,km\nP01,L1,5\n", DAG_TRAVEL_ERROR_PARSE, "line 2:");
}

/* Runs are stored for their date only: other dates stay. */
static void
test_store_runs (Fixture      *f,
                 gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DagTravel) travel = NULL;
  g_autoptr(DagOrg) loaded = NULL;
  g_autoptr(DagTransportResult) res = NULL;
  g_autoptr(DagTransportResult) again = NULL;
  DagRun *other = dag_org_add_run (f->org);
  DagStop stop = { 0, 8 * 60 + 40 };
  guint on_monday = 0, on_other = 0;

  other->id = g_strdup ("R-other");
  other->date = dag_date_from_ymd (2026, 11, 9);
  other->vehicle = 0;
  other->driver = -1;
  other->location = 0;
  other->direction = DAG_DIRECTION_TO;
  other->time = 9 * 60;
  g_array_append_val (other->stops, stop);

  travel = dag_travel_new (f->org, NULL);
  res = plan_checked (f->org, travel);
  g_assert_cmpuint (res->runs->len, >, 0);
  /* Planning twice replaces, it does not add. */
  again = plan_checked (f->org, travel);
  g_assert_true (dag_store_save (f->store, f->org, DAG_SECTION_RUNS, "transport", &error));
  g_assert_no_error (error);

  loaded = dag_store_load (f->store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < loaded->runs->len; i++)
    {
      const DagRun *run = DAG_AT (loaded->runs, DagRun, i);

      if (run->date == dag_test_monday ())
        {
          on_monday++;
          g_assert_true (g_str_has_prefix (run->id, "R-2026-11-02-L1-"));
        }
      else if (run->date == dag_date_from_ymd (2026, 11, 9))
        on_other++;
    }
  g_assert_cmpuint (on_monday, ==, again->runs->len);
  g_assert_cmpuint (on_other, ==, 1);
}

/* ---- the planner ---------------------------------------------------------- */

/* Only the van has a wheelchair place: the wheelchair user rides in it. */
static void
test_wheelchair (void)
{
  g_autoptr(DagOrg) org = dag_test_base_org ();
  g_autoptr(DagTravel) travel = NULL;
  g_autoptr(DagTransportResult) res = NULL;
  int l = dag_test_add_location (org, "L1", 0, 0);
  int bus, van, chair;
  const DagRun *to, *from;

  bus = dag_test_add_vehicle (org, "BUS", 8, 0, l);
  van = dag_test_add_vehicle (org, "VAN", 4, 1, l);
  dag_test_add_driver (org, "S1");
  dag_test_add_driver (org, "S2");
  for (int i = 0; i < 5; i++)
    dag_test_add_participant (org, 3 + i * 0.5, 4, FALSE, TRUE, l, DAG_TEST_MON_DAY);
  chair = dag_test_add_participant (org, -3, -4, TRUE, TRUE, l, DAG_TEST_MON_DAY);

  travel = dag_travel_new (org, NULL);
  res = plan_checked (org, travel);
  g_assert_cmpuint (res->unserved->len, ==, 0);
  to = run_of (res, chair, DAG_DIRECTION_TO, 0);
  from = run_of (res, chair, DAG_DIRECTION_FROM, 0);
  g_assert_nonnull (to);
  g_assert_nonnull (from);
  g_assert_cmpint (to->vehicle, ==, van);
  g_assert_cmpint (from->vehicle, ==, van);
  g_assert_cmpint (bus, !=, van);
}

static void
test_no_wheelchair_place (void)
{
  g_autoptr(DagOrg) org = dag_test_base_org ();
  g_autoptr(DagTravel) travel = NULL;
  g_autoptr(DagTransportResult) res = NULL;
  int l = dag_test_add_location (org, "L1", 0, 0);
  int chair, walker;
  const DagTransportUnserved *u;

  dag_test_add_vehicle (org, "BUS", 8, 0, l);
  walker = dag_test_add_participant (org, 2, 2, FALSE, TRUE, l, DAG_TEST_MON_DAY);
  chair = dag_test_add_participant (org, -2, 2, TRUE, TRUE, l, DAG_TEST_MON_DAY);

  travel = dag_travel_new (org, NULL);
  res = plan_checked (org, travel);
  u = unserved_of (res, chair, DAG_DIRECTION_TO);
  g_assert_nonnull (u);
  g_assert_cmpint (u->reason, ==, DAG_TRANSPORT_REASON_NO_WHEELCHAIR_PLACE);
  g_assert_nonnull (unserved_of (res, chair, DAG_DIRECTION_FROM));
  g_assert_nonnull (run_of (res, walker, DAG_DIRECTION_TO, 0));
  g_assert_null (run_of (res, chair, DAG_DIRECTION_TO, 0));
  /* With no staff driver at all, the runs get an external driver. */
  g_assert_cmpint (DAG_AT (res->runs, DagRun, 0)->driver, ==, -1);
}

/* 20 km away is 26 km by road, 39 minutes: over the 30-minute limit even
 * alone, so the rider gets a run of their own and a warning, both ways. */
static void
test_beyond_ride_limit (void)
{
  g_autoptr(DagOrg) org = dag_test_base_org ();
  g_autoptr(DagTravel) travel = NULL;
  g_autoptr(DagTransportResult) res = NULL;
  int l = dag_test_add_location (org, "L1", 0, 0);
  int near, far;
  const DagRun *run;

  dag_test_add_vehicle (org, "BUS", 8, 1, l);
  near = dag_test_add_participant (org, 3, 3, FALSE, TRUE, l, DAG_TEST_MON_DAY);
  far = dag_test_add_participant (org, 0, 20, FALSE, TRUE, l, DAG_TEST_MON_DAY);

  travel = dag_travel_new (org, NULL);
  res = plan_checked (org, travel);
  g_assert_cmpuint (res->n_requests, ==, 4);
  g_assert_cmpuint (res->unserved->len, ==, 0);
  g_assert_cmpuint (res->warnings->len, ==, 2);
  for (guint i = 0; i < res->warnings->len; i++)
    {
      const DagTransportUnserved *u = DAG_AT (res->warnings, DagTransportUnserved, i);
      g_autofree char *words = dag_transport_unserved_describe (org, u);

      g_assert_cmpint (u->participant, ==, far);
      g_assert_cmpint (u->reason, ==, DAG_TRANSPORT_REASON_RIDE_TOO_LONG);
      g_assert_cmpint (u->minutes, ==, 39);
      g_assert_cmpint (u->limit, ==, 30);
      g_assert_cmpstr (words, ==, "direct ride 39 min is above the limit of 30; rides alone");
    }
  run = run_of (res, far, DAG_DIRECTION_TO, 0);
  g_assert_nonnull (run);
  g_assert_cmpuint (run->stops->len, ==, 1);
  g_assert_cmpint (run->time - DAG_AT (run->stops, DagStop, 0)->time, ==, 39);
  run = run_of (res, far, DAG_DIRECTION_FROM, 0);
  g_assert_nonnull (run);
  g_assert_cmpuint (run->stops->len, ==, 1);
  g_assert_nonnull (run_of (res, near, DAG_DIRECTION_TO, 0));
  g_assert_nonnull (run_of (res, near, DAG_DIRECTION_FROM, 0));
}

/* Without a VERVOER indication or without coordinates: listed, not dropped. */
static void
test_listed_reasons (void)
{
  g_autoptr(DagOrg) org = dag_test_base_org ();
  g_autoptr(DagTravel) travel = NULL;
  g_autoptr(DagTransportResult) res = NULL;
  int l = dag_test_add_location (org, "L1", 0, 0);
  int no_ind, no_coords;
  const DagTransportUnserved *u;

  dag_test_add_vehicle (org, "BUS", 8, 1, l);
  no_ind = dag_test_add_participant (org, 3, 3, FALSE, FALSE, l, DAG_TEST_MON_DAY);
  no_coords = dag_test_add_participant (org, 3, 3, FALSE, TRUE, l, DAG_TEST_MON_DAY);
  DAG_AT (org->participants, DagParticipant, no_coords)->has_coords = FALSE;

  travel = dag_travel_new (org, NULL);
  res = plan_checked (org, travel);
  g_assert_cmpuint (res->runs->len, ==, 0);
  u = unserved_of (res, no_ind, DAG_DIRECTION_TO);
  g_assert_nonnull (u);
  g_assert_cmpint (u->reason, ==, DAG_TRANSPORT_REASON_NO_INDICATION);
  u = unserved_of (res, no_coords, DAG_DIRECTION_FROM);
  g_assert_nonnull (u);
  g_assert_cmpint (u->reason, ==, DAG_TRANSPORT_REASON_NO_COORDINATES);
}

/* One vehicle, based at L1, serves L1 and L2 (6 km apart) in one morning:
 * 30 minutes of early-arrival allowance leave room for both runs. */
static void
test_shared_vehicle (void)
{
  g_autoptr(DagOrg) org = dag_test_base_org ();
  g_autoptr(DagTravel) travel = NULL;
  g_autoptr(DagTransportResult) res = NULL;
  int l1 = dag_test_add_location (org, "L1", 0, 0);
  int l2 = dag_test_add_location (org, "L2", 6, 0);
  int a, b, c, d;
  const DagRun *ra, *rc;

  dag_test_add_vehicle (org, "BUS", 8, 1, l1);
  dag_test_add_driver (org, "S1");
  a = dag_test_add_participant (org, 0, 1, FALSE, TRUE, l1, DAG_TEST_MON_DAY);
  b = dag_test_add_participant (org, 0, -1, FALSE, TRUE, l1, DAG_TEST_MON_DAY);
  c = dag_test_add_participant (org, 6, 1, FALSE, TRUE, l2, DAG_TEST_MON_DAY);
  d = dag_test_add_participant (org, 6, -1, FALSE, TRUE, l2, DAG_TEST_MON_DAY);

  travel = dag_travel_new (org, NULL);
  res = plan_checked (org, travel);
  g_assert_cmpuint (res->unserved->len, ==, 0);
  g_assert_cmpuint (res->n_vehicles, ==, 1);
  ra = run_of (res, a, DAG_DIRECTION_TO, 0);
  rc = run_of (res, c, DAG_DIRECTION_TO, 0);
  g_assert_nonnull (ra);
  g_assert_nonnull (rc);
  g_assert_cmpint (ra->location, ==, l1);
  g_assert_cmpint (rc->location, ==, l2);
  g_assert_cmpint (ra->vehicle, ==, rc->vehicle);
  g_assert_true (run_of (res, b, DAG_DIRECTION_TO, 0) == ra);
  g_assert_true (run_of (res, d, DAG_DIRECTION_TO, 0) == rc);
  /* The driver is one staff member for the whole day. */
  g_assert_cmpint (ra->driver, ==, 0);
  g_assert_cmpint (rc->driver, ==, 0);
}

static guint
count_runs (const DagTransportResult *res,
            DagDirection              dir,
            guint                    *max_stops,
            guint                    *total)
{
  guint n = 0;

  *max_stops = 0;
  *total = 0;
  for (guint i = 0; i < res->runs->len; i++)
    {
      const DagRun *run = DAG_AT (res->runs, DagRun, i);

      if (run->direction != dir)
        continue;
      n++;
      *max_stops = MAX (*max_stops, run->stops->len);
      *total += run->stops->len;
    }
  return n;
}

/* Eight riders fill the 8-seat bus in one run; a ninth needs a second run. */
static void
test_full_bus (void)
{
  g_autoptr(DagOrg) org = dag_test_base_org ();
  g_autoptr(DagTravel) travel = NULL;
  g_autoptr(DagTransportResult) res = NULL;
  g_autoptr(DagTransportResult) res9 = NULL;
  int l = dag_test_add_location (org, "L1", 0, 0);
  guint max_stops, total;

  dag_test_add_vehicle (org, "BUS", 8, 0, l);
  for (int i = 0; i < 8; i++)
    dag_test_add_participant (org, 1 + 0.2 * i, 1, FALSE, TRUE, l, DAG_TEST_MON_DAY);

  travel = dag_travel_new (org, NULL);
  res = plan_checked (org, travel);
  g_assert_cmpuint (count_runs (res, DAG_DIRECTION_TO, &max_stops, &total), ==, 1);
  g_assert_cmpuint (max_stops, ==, 8);
  g_assert_cmpuint (count_runs (res, DAG_DIRECTION_FROM, &max_stops, &total), ==, 1);
  g_assert_cmpuint (max_stops, ==, 8);

  dag_test_add_participant (org, -1, -1, FALSE, TRUE, l, DAG_TEST_MON_DAY);
  dag_travel_free (g_steal_pointer (&travel));
  travel = dag_travel_new (org, NULL);
  res9 = plan_checked (org, travel);
  g_assert_cmpuint (res9->unserved->len, ==, 0);
  g_assert_cmpuint (count_runs (res9, DAG_DIRECTION_TO, &max_stops, &total), ==, 2);
  g_assert_cmpuint (max_stops, <=, 8);
  g_assert_cmpuint (total, ==, 9);
  /* The one bus drives both rounds. */
  g_assert_cmpuint (res9->n_vehicles, ==, 1);
}

/* Morning only, afternoon only and a whole day: two midday runs. */
static void
test_midday (void)
{
  g_autoptr(DagOrg) org = dag_test_base_org ();
  g_autoptr(DagTravel) travel = NULL;
  g_autoptr(DagTransportResult) res = NULL;
  int l = dag_test_add_location (org, "L1", 0, 0);
  int am, pm, day;
  const DagRun *r;

  dag_test_add_vehicle (org, "BUS", 8, 1, l);
  am = dag_test_add_participant (org, 2, 0, FALSE, TRUE, l, DAG_TEST_MON_AM);
  pm = dag_test_add_participant (org, 0, 2, FALSE, TRUE, l, DAG_TEST_MON_PM);
  day = dag_test_add_participant (org, 2, 2, FALSE, TRUE, l, DAG_TEST_MON_DAY);

  travel = dag_travel_new (org, NULL);
  res = plan_checked (org, travel);
  g_assert_cmpuint (res->unserved->len, ==, 0);
  g_assert_cmpuint (res->n_requests, ==, 6);
  g_assert_cmpuint (res->n_midday_runs, ==, 2);

  r = run_of (res, am, DAG_DIRECTION_FROM, 0);
  g_assert_nonnull (r);
  g_assert_cmpint (r->time, >=, 13 * 60);
  g_assert_cmpint (r->time, <=, 13 * 60 + 30);
  g_assert_null (run_of (res, day, DAG_DIRECTION_FROM, 1));
  g_assert_false (run_of (res, day, DAG_DIRECTION_FROM, 0) == r);
  r = run_of (res, pm, DAG_DIRECTION_TO, 0);
  g_assert_nonnull (r);
  g_assert_cmpint (r->time, <=, 13 * 60);
  g_assert_cmpint (r->time, >=, 12 * 60 + 30);
  g_assert_false (run_of (res, day, DAG_DIRECTION_TO, 0) == r);
}

/* An absent participant rides on the standing week day, not on the date. */
static void
test_standing (void)
{
  g_autoptr(DagOrg) org = dag_test_base_org ();
  g_autoptr(DagTravel) travel = NULL;
  g_autoptr(DagTransportResult) dated = NULL;
  g_autoptr(DagTransportResult) standing = NULL;
  g_autoptr(GError) error = NULL;
  DagTransportOptions o = test_options ();
  DagAbsence a = { 0, dag_test_monday (), dag_test_monday (), NULL };
  int l = dag_test_add_location (org, "L1", 0, 0);
  int away, here;

  dag_test_add_vehicle (org, "BUS", 8, 1, l);
  away = dag_test_add_participant (org, 2, 2, FALSE, TRUE, l, DAG_TEST_MON_DAY);
  here = dag_test_add_participant (org, -2, 2, FALSE, TRUE, l, DAG_TEST_MON_DAY);
  a.participant = away;
  g_array_append_val (org->absences, a);

  travel = dag_travel_new (org, NULL);
  dated = plan_checked (org, travel);
  g_assert_cmpuint (dated->n_requests, ==, 2);
  g_assert_null (run_of (dated, away, DAG_DIRECTION_TO, 0));
  g_assert_nonnull (run_of (dated, here, DAG_DIRECTION_TO, 0));

  o.standing = TRUE;
  standing = dag_transport_plan (org, travel, dag_test_monday (), &o, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (standing->n_requests, ==, 4);
  g_assert_nonnull (run_of (standing, away, DAG_DIRECTION_TO, 0));
  g_assert_nonnull (run_of (standing, here, DAG_DIRECTION_FROM, 0));
}

static DagOrg *
demo_org (int participants)
{
  DagDemoOptions o;

  dag_demo_options_init (&o);
  o.participants = participants;
  o.month = dag_date_from_ymd (2026, 10, 1);
  return dag_demo_generate (&o);
}

static gboolean
same_runs (const DagTransportResult *a,
           const DagTransportResult *b)
{
  if (a->runs->len != b->runs->len || a->unserved->len != b->unserved->len)
    return FALSE;
  for (guint i = 0; i < a->runs->len; i++)
    {
      const DagRun *x = DAG_AT (a->runs, DagRun, i), *y = DAG_AT (b->runs, DagRun, i);

      if (strcmp (x->id, y->id) != 0 || x->vehicle != y->vehicle || x->driver != y->driver
          || x->time != y->time || x->stops->len != y->stops->len
          || memcmp (x->stops->data, y->stops->data, x->stops->len * sizeof (DagStop)) != 0)
        return FALSE;
    }
  return TRUE;
}

static void
test_determinism (void)
{
  g_autoptr(DagOrg) org = demo_org (200);
  g_autoptr(DagTravel) travel = dag_travel_new (org, NULL);
  g_autoptr(DagTransportResult) a = plan_checked (org, travel);
  g_autoptr(DagTransportResult) b = plan_checked (org, travel);

  g_assert_cmpuint (a->runs->len, >, 0);
  g_assert_true (same_runs (a, b));
}

/* A demo day: every trip on a run or listed, and the checker agrees. */
static void
test_demo_day (void)
{
  g_autoptr(DagOrg) org = demo_org (600);
  g_autoptr(DagTravel) travel = dag_travel_new (org, NULL);
  g_autoptr(DagTransportResult) res = plan_checked (org, travel);
  guint riders = 0;

  for (guint i = 0; i < res->runs->len; i++)
    riders += DAG_AT (res->runs, DagRun, i)->stops->len;
  g_assert_cmpuint (res->runs->len, >, 10);
  g_assert_cmpuint (riders + res->unserved->len, ==, res->n_requests);
  g_assert_cmpuint (res->n_vehicles, <=, org->vehicles->len);
}

/* The checker finds broken runs (it would be worthless otherwise). */
static void
test_checker_rejects (void)
{
  g_autoptr(DagOrg) org = dag_test_base_org ();
  g_autoptr(DagTravel) travel = NULL;
  g_autoptr(DagTransportResult) res = NULL;
  g_autoptr(GError) error = NULL;
  int l = dag_test_add_location (org, "L1", 0, 0);
  DagRun *run;
  int saved;

  dag_test_add_vehicle (org, "BUS", 8, 0, l);
  for (int i = 0; i < 3; i++)
    dag_test_add_participant (org, 4, 4 + i, FALSE, TRUE, l, DAG_TEST_MON_DAY);
  travel = dag_travel_new (org, NULL);
  res = plan_checked (org, travel);
  run = DAG_AT (org->runs, DagRun, 0);
  g_assert_cmpint (run->direction, ==, DAG_DIRECTION_TO);

  /* An arrival too early for the dagdeel. */
  saved = run->time;
  run->time = 9 * 60 - org->settings.early_arrival_minutes - 1;
  g_assert_false (dag_transport_check (org, travel, dag_test_monday (), NULL, &error));
  g_assert_error (error, DAG_TRANSPORT_ERROR, DAG_TRANSPORT_ERROR_CHECK);
  g_clear_error (&error);
  run->time = saved;

  /* A pick-up that leaves no time to reach the location. */
  DAG_AT (run->stops, DagStop, run->stops->len - 1)->time = run->time;
  g_assert_false (dag_transport_check (org, travel, dag_test_monday (), NULL, &error));
  g_clear_error (&error);
  dag_transport_apply (org, res);

  /* A ride over the limit. */
  run = DAG_AT (org->runs, DagRun, 0);
  DAG_AT (run->stops, DagStop, 0)->time = run->time - org->settings.max_ride_minutes - 1;
  g_assert_false (dag_transport_check (org, travel, dag_test_monday (), NULL, &error));
  g_clear_error (&error);
  dag_transport_apply (org, res);

  /* A wheelchair user in a vehicle without places. */
  DAG_AT (org->participants, DagParticipant, 0)->wheelchair = TRUE;
  g_assert_false (dag_transport_check (org, travel, dag_test_monday (), NULL, &error));
  g_clear_error (&error);
  DAG_AT (org->participants, DagParticipant, 0)->wheelchair = FALSE;

  /* The same vehicle on two runs at once. */
  {
    DagRun *copy = dag_org_add_run (org);
    const DagRun *first = DAG_AT (org->runs, DagRun, 0);

    copy->id = g_strdup ("R-copy");
    copy->date = first->date;
    copy->vehicle = first->vehicle;
    copy->driver = -1;
    copy->location = first->location;
    copy->direction = first->direction;
    copy->time = first->time;
    g_array_append_vals (copy->stops, first->stops->data, first->stops->len);
    g_assert_false (dag_transport_check (org, travel, dag_test_monday (), NULL, &error));
    g_clear_error (&error);
  }
}

static void
test_cancel (void)
{
  g_autoptr(DagOrg) org = demo_org (100);
  g_autoptr(DagTravel) travel = dag_travel_new (org, NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  DagTransportOptions o = test_options ();
  DagTransportResult *res;

  g_cancellable_cancel (cancellable);
  res = dag_transport_plan (org, travel, dag_test_monday (), &o, cancellable, &error);
  g_assert_null (res);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
on_planned (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  DagTransportResult **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = dag_transport_plan_finish (result, &error);
  g_assert_no_error (error);
}

/* The async version gives the same runs as the sync one. */
static void
test_async (void)
{
  g_autoptr(DagOrg) org = demo_org (100);
  g_autoptr(DagTravel) travel = dag_travel_new (org, NULL);
  g_autoptr(DagTransportResult) sync = plan_checked (org, travel);
  g_autoptr(DagTransportResult) async = NULL;
  DagTransportOptions o = test_options ();

  dag_transport_plan_async (org, travel, dag_test_monday (), &o, NULL, on_planned, &async);
  while (async == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (same_runs (sync, async));
}

/* ---- the checker: the ride rules, the day and the drivers ------------------ */

#define HM(h, m) ((h) * 60 + (m))

/* L1 (dagdelen 09:00–13:00, 13:00–17:00) and L2 (09:30–13:30,
 * 14:00–17:00), 6 km apart, with a group each; BUS and VAN based at L1;
 * drivers S1 and S2; P01 and P02 at L1 all Monday, P03 at L2 on Monday
 * morning.  Boarding takes 2 minutes (5 in a wheelchair). */
static DagOrg *
ride_org (void)
{
  DagOrg *org = dag_test_base_org ();
  int l1 = dag_test_add_location (org, "L1", 0, 0);
  int l2 = dag_test_add_location (org, "L2", 6, 0);
  DagLocation *loc2 = DAG_AT (org->locations, DagLocation, l2);

  loc2->part_start[DAG_PART_AM] = HM (9, 30);
  loc2->part_end[DAG_PART_AM] = HM (13, 30);
  loc2->part_start[DAG_PART_PM] = HM (14, 0);
  dag_test_add_vehicle (org, "BUS", 8, 1, l1);
  dag_test_add_vehicle (org, "VAN", 4, 1, l1);
  dag_test_add_driver (org, "S1");
  dag_test_add_driver (org, "S2");
  dag_test_add_participant (org, 0, 4, FALSE, TRUE, l1, DAG_TEST_MON_DAY);
  dag_test_add_participant (org, 0, 5, FALSE, TRUE, l1, DAG_TEST_MON_DAY);
  dag_test_add_participant (org, 6, 3, FALSE, TRUE, l2, DAG_TEST_MON_AM);
  org->settings.max_ride_minutes = 30;
  org->settings.boarding_minutes = 2;
  org->settings.boarding_wheelchair_minutes = 5;
  return org;
}

/* Travel minutes given exactly (km as minutes ÷ 2): what is not listed
 * is estimated, and no test below uses such a leg. */
static DagTravel *
ride_travel (DagOrg *org)
{
  static const char csv[] =
    "from_id,to_id,minutes,km\n"
    "L1,P01,10,5\nP01,L1,10,5\nL1,P02,12,6\nP02,L1,12,6\n"
    "P01,P02,4,2\nP02,P01,4,2\n"
    "L1,L2,9,4.5\nL2,L1,9,4.5\n"
    "P01,L2,15,7.5\nL2,P01,15,7.5\nL1,P03,11,5.5\nP03,L1,11,5.5\n"
    "P03,L2,5,2.5\nL2,P03,5,2.5\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) entries = dag_travel_parse_csv (csv, strlen (csv), org, &error);

  g_assert_no_error (error);
  return dag_travel_new (org, entries);
}

/* A Monday run of vehicle (index) with its stops (participant, time
 * pairs, n of them). */
static void
add_run (DagOrg       *org,
         const char   *id,
         int           vehicle,
         int           driver,
         int           location,
         DagDirection  direction,
         int           time,
         guint         n,
         ...)
{
  DagRun *run = dag_org_add_run (org);
  va_list args;

  run->id = g_strdup (id);
  run->date = dag_test_monday ();
  run->vehicle = vehicle;
  run->driver = driver;
  run->location = location;
  run->direction = direction;
  run->time = time;
  va_start (args, n);
  for (guint i = 0; i < n; i++)
    {
      DagStop stop;

      stop.participant = va_arg (args, int);
      stop.time = va_arg (args, int);
      g_array_append_val (run->stops, stop);
    }
  va_end (args);
}

static void
expect_accepted (DagOrg    *org,
                 DagTravel *travel)
{
  g_autoptr(GError) error = NULL;

  if (!dag_transport_check (org, travel, dag_test_monday (), NULL, &error))
    g_error ("expected the checker to accept the runs, it says: %s", error->message);
}

/* Rejected with a message that has every one of the fragments (NULL-ended):
 * which rule, and the ids of the run and the rider or staff member. */
static void
expect_rejected (DagOrg     *org,
                 DagTravel  *travel,
                 const char *fragment,
                 ...)
{
  g_autoptr(GError) error = NULL;
  va_list args;

  if (dag_transport_check (org, travel, dag_test_monday (), NULL, &error))
    g_error ("expected the checker to reject the runs (%s)", fragment);
  g_assert_error (error, DAG_TRANSPORT_ERROR, DAG_TRANSPORT_ERROR_CHECK);
  g_test_message ("rejected: %s", error->message);
  g_assert_null (strstr (error->message, "111222333"));
  va_start (args, fragment);
  for (const char *f = fragment; f != NULL; f = va_arg (args, const char *))
    if (strstr (error->message, f) == NULL)
      g_error ("expected “%s” in “%s”", f, error->message);
  va_end (args);
}

/* Two pick-ups for 09:00: P02 then P01, 4 minutes apart.  With 2 minutes
 * of boarding P01 can be reached 6 minutes after P02, not 5. */
static void
test_check_boarding (void)
{
  g_autoptr(DagOrg) org = ride_org ();
  g_autoptr(DagTravel) travel = ride_travel (org);

  add_run (org, "R-board", 0, -1, 0, DAG_DIRECTION_TO, HM (9, 0), 2, 1, HM (8, 43), 0, HM (8, 48));
  expect_rejected (org, travel, "R-board", "stop 2", "P01", NULL);
  DAG_AT (DAG_AT (org->runs, DagRun, 0)->stops, DagStop, 0)->time = HM (8, 42);
  expect_accepted (org, travel);

  /* The last rider boards too before the vehicle leaves for the location:
   * 08:48 + 2 + 10 is 09:00, so 08:49 is too late. */
  DAG_AT (DAG_AT (org->runs, DagRun, 0)->stops, DagStop, 1)->time = HM (8, 49);
  DAG_AT (DAG_AT (org->runs, DagRun, 0)->stops, DagStop, 0)->time = HM (8, 43);
  expect_rejected (org, travel, "R-board", "arrives earlier", NULL);
}

/* With a ride factor of 1.5, P02 (12 minutes direct) rides at most 18. */
static void
test_check_ride_factor (void)
{
  g_autoptr(DagOrg) org = ride_org ();
  g_autoptr(DagTravel) travel = ride_travel (org);

  org->settings.ride_factor = 1.5;
  org->settings.ride_extra_minutes = 0;
  add_run (org, "R-factor", 0, -1, 0, DAG_DIRECTION_TO, HM (9, 0), 2, 1, HM (8, 41), 0, HM (8, 48));
  expect_rejected (org, travel, "P02", "19 minutes", "R-factor", "limit is 18", NULL);
  DAG_AT (DAG_AT (org->runs, DagRun, 0)->stops, DagStop, 0)->time = HM (8, 42);
  expect_accepted (org, travel);

  /* Home after the morning: a ride ends when the rider is out of the
   * vehicle.  P01 is out at 13:12, P02 reached at 13:16 and out at 13:18:
   * 18 minutes; reached at 13:17, 19. */
  g_array_set_size (org->runs, 0);
  add_run (org, "R-home", 0, -1, 0, DAG_DIRECTION_FROM, HM (13, 0), 2, 0, HM (13, 10), 1, HM (13, 17));
  expect_rejected (org, travel, "P02", "19 minutes", "R-home", "limit is 18", NULL);
  DAG_AT (DAG_AT (org->runs, DagRun, 0)->stops, DagStop, 1)->time = HM (13, 16);
  expect_accepted (org, travel);
}

/* With a ride factor of 1, P01 rides at most 10 minutes, but its direct
 * ride with boarding is 12: P01 rides alone, and then at most 12. */
static void
test_check_alone (void)
{
  g_autoptr(DagOrg) org = ride_org ();
  g_autoptr(DagTravel) travel = ride_travel (org);

  org->settings.ride_factor = 1.0;
  org->settings.ride_extra_minutes = 0;
  add_run (org, "R-shared", 0, -1, 0, DAG_DIRECTION_TO, HM (9, 0), 2, 1, HM (8, 42), 0, HM (8, 48));
  expect_rejected (org, travel, "P02", "ride alone", "R-shared", NULL);

  g_array_set_size (org->runs, 0);
  add_run (org, "R-alone-1", 0, -1, 0, DAG_DIRECTION_TO, HM (9, 0), 1, 0, HM (8, 48));
  add_run (org, "R-alone-2", 1, -1, 0, DAG_DIRECTION_TO, HM (9, 0), 1, 1, HM (8, 46));
  expect_accepted (org, travel);
  /* Alone, but waiting: 13 minutes is over the 12 of the direct ride. */
  DAG_AT (DAG_AT (org->runs, DagRun, 0)->stops, DagStop, 0)->time = HM (8, 47);
  expect_rejected (org, travel, "P01", "13 minutes", "R-alone-1", "limit is 12", NULL);
}

/* BUS leaves L1 12 minutes before its first pick-up at P02 and is back 10
 * minutes after its last drop-off at P01 (+ 2 minutes boarding). */
static void
test_check_vehicle_hours (void)
{
  g_autoptr(DagOrg) org = ride_org ();
  g_autoptr(DagTravel) travel = ride_travel (org);
  DagVehicle *bus = DAG_AT (org->vehicles, DagVehicle, 0);

  add_run (org, "R-morning", 0, -1, 0, DAG_DIRECTION_TO, HM (9, 0), 2, 1, HM (8, 42), 0, HM (8, 48));
  add_run (org, "R-evening", 0, -1, 0, DAG_DIRECTION_FROM, HM (17, 0), 1, 0, HM (17, 10));
  bus->available_from = HM (8, 31);
  expect_rejected (org, travel, "BUS", "08:30", "R-morning", "08:31", NULL);
  bus->available_from = HM (8, 30);
  expect_accepted (org, travel);

  bus->available_until = HM (17, 21);
  expect_rejected (org, travel, "BUS", "17:22", "R-evening", "17:21", NULL);
  bus->available_until = HM (17, 22);
  expect_accepted (org, travel);
}

/* P01 goes home from L1's morning and is fetched for L2's afternoon
 * (14:00): not before the van that brings them home has let them out. */
static void
test_check_rider_order (void)
{
  g_autoptr(DagOrg) org = ride_org ();
  g_autoptr(DagTravel) travel = ride_travel (org);
  DagPlanEntry pm = { 0, 1, DAG_SLOT (0, DAG_PART_PM) };

  /* P01: the afternoon at L2 instead of L1. */
  for (guint i = 0; i < org->plan->len; i++)
    if (DAG_AT (org->plan, DagPlanEntry, i)->participant == 0
        && DAG_AT (org->plan, DagPlanEntry, i)->slot == pm.slot)
      g_array_remove_index (org->plan, i--);
  g_array_append_val (org->plan, pm);

  /* Home at 13:10, out at 13:12; picked up at 13:11 for L2. */
  add_run (org, "R-midday", 0, -1, 0, DAG_DIRECTION_FROM, HM (13, 0), 1, 0, HM (13, 10));
  add_run (org, "R-to-L2", 1, -1, 1, DAG_DIRECTION_TO, HM (13, 40), 1, 0, HM (13, 11));
  expect_rejected (org, travel, "P01", "R-to-L2", "13:11", "R-midday", "13:12", NULL);
  DAG_AT (DAG_AT (org->runs, DagRun, 1)->stops, DagStop, 0)->time = HM (13, 12);
  expect_accepted (org, travel);

  /* The morning: at L1 (09:00) before the midday run leaves, which it
   * does at 13:00 at the earliest anyway; a morning run with two riders
   * that arrives on time passes too. */
  add_run (org, "R-morning", 0, -1, 0, DAG_DIRECTION_TO, HM (9, 0), 2, 1, HM (8, 42), 0, HM (8, 48));
  expect_accepted (org, travel);
}

/* S1 leads L1's group 09:00–13:00; a run of P03 to L2 (09:14–09:30)
 * is no run for S1, S2 may drive it.  A run that arrives at L1 at 09:00
 * S1 may drive. */
static void
test_check_driver_staffed (void)
{
  g_autoptr(DagOrg) org = ride_org ();
  g_autoptr(DagTravel) travel = ride_travel (org);
  DagStaffing work = { 0, 0, DAG_SLOT (0, DAG_PART_AM) };
  g_autoptr(GArray) findings = NULL;
  const DagFinding *f;

  g_array_append_val (org->staffing, work);
  add_run (org, "R-L2", 1, 0, 1, DAG_DIRECTION_TO, HM (9, 30), 1, 2, HM (9, 14));
  expect_rejected (org, travel, "Chauffeur S1 (S1)", "R-L2", "09:14", "09:30", "G-L1", "09:00", "13:00", NULL);

  /* The same as a rule finding, for the week. */
  findings = dag_transport_check_drivers (org, travel, NULL, dag_test_monday (), dag_test_monday () + 6);
  g_assert_cmpuint (findings->len, ==, 1);
  f = DAG_AT (findings, DagFinding, 0);
  g_assert_cmpstr (f->rule, ==, DAG_RULE_DRIVER_CLASH);
  g_assert_cmpint (f->severity, ==, DAG_SEVERITY_ERROR);
  g_assert_cmpint (f->staff, ==, 0);
  g_assert_cmpint (f->group, ==, 0);
  g_assert_cmpint (f->slot, ==, DAG_SLOT (0, DAG_PART_AM));
  g_assert_cmpint (f->date, ==, dag_test_monday ());
  g_clear_pointer (&findings, g_array_unref);
  /* Another week has none. */
  findings = dag_transport_check_drivers (org, travel, NULL, dag_test_monday () + 7, dag_test_monday () + 13);
  g_assert_cmpuint (findings->len, ==, 0);
  g_clear_pointer (&findings, g_array_unref);

  DAG_AT (org->runs, DagRun, 0)->driver = 1;
  expect_accepted (org, travel);

  /* S1 drives P01 and P02 to L1 and starts the group there on time. */
  add_run (org, "R-L1", 0, 0, 0, DAG_DIRECTION_TO, HM (9, 0), 2, 1, HM (8, 42), 0, HM (8, 48));
  expect_accepted (org, travel);
  findings = dag_transport_check_drivers (org, travel, NULL, dag_test_monday (), dag_test_monday () + 6);
  g_assert_cmpuint (findings->len, ==, 0);

  /* An absent staff member does not lead the group: no clash then. */
  DAG_AT (org->runs, DagRun, 0)->driver = 0;
  {
    DagStaffAbsence a = { 0, dag_test_monday (), dag_test_monday (), NULL };

    g_array_append_val (org->staff_absences, a);
    expect_accepted (org, travel);
  }
}

/* ---- the command line, in process ------------------------------------------ */

typedef struct {
  int   status;
  char *out;
  char *err;
} CliResult;

static void
cli_result_clear (CliResult *r)
{
  g_free (r->out);
  g_free (r->err);
}

static char *
read_back (int fd)
{
  GString *s = g_string_new (NULL);
  char buf[4096];
  ssize_t n;

  lseek (fd, 0, SEEK_SET);
  while ((n = read (fd, buf, sizeof buf)) > 0)
    g_string_append_len (s, buf, n);
  close (fd);
  return g_string_free (s, FALSE);
}

/* Runs "dagritme --database db args…" in this process, capturing its
 * standard output and error. */
static CliResult
cli (const char *db,
     const char *first,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *database = NULL;
  g_autofree char *out_path = NULL, *err_path = NULL;
  CliResult r = { 0 };
  int out_fd, err_fd, saved_out, saved_err;
  va_list args;

  g_ptr_array_add (argv, (gpointer) "dagritme");
  g_ptr_array_add (argv, (gpointer) "--database");
  g_ptr_array_add (argv, (gpointer) db);
  va_start (args, first);
  for (const char *a = first; a != NULL; a = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) a);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  out_fd = g_file_open_tmp ("dagritme-out-XXXXXX", &out_path, NULL);
  err_fd = g_file_open_tmp ("dagritme-err-XXXXXX", &err_path, NULL);
  g_assert_cmpint (out_fd, >=, 0);
  g_assert_cmpint (err_fd, >=, 0);
  fflush (stdout);
  fflush (stderr);
  saved_out = dup (STDOUT_FILENO);
  saved_err = dup (STDERR_FILENO);
  dup2 (out_fd, STDOUT_FILENO);
  dup2 (err_fd, STDERR_FILENO);
  g_assert_true (dag_cli_main (argv->len - 1, (char **) argv->pdata, &database, &r.status));
  fflush (stdout);
  fflush (stderr);
  dup2 (saved_out, STDOUT_FILENO);
  dup2 (saved_err, STDERR_FILENO);
  close (saved_out);
  close (saved_err);
  r.out = read_back (out_fd);
  r.err = read_back (err_fd);
  g_unlink (out_path);
  g_unlink (err_path);
  return r;
}

static char *
write_file (Fixture    *f,
            const char *name,
            const char *text)
{
  char *path = g_build_filename (f->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  return path;
}

static void
test_cli_import (Fixture      *f,
                 gconstpointer data)
{
  g_autofree char *good = write_file (f, "good.csv", "from_id,to_id,minutes,km\nP01,L1,9,4\nL1,P01,9,4\n");
  g_autofree char *bad = write_file (f, "bad.csv", "from_id,to_id,minutes,km\nP01,L1,9,4\nP02,L1,x,4\n");
  CliResult r;

  g_clear_object (&f->store);
  r = cli (dag_test_db (f->path), "import", "travel-times", good, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "Imported 2 travel times"));
  cli_result_clear (&r);

  r = cli (dag_test_db (f->path), "import", "travel-times", bad, NULL);
  g_assert_cmpint (r.status, ==, 1);
  if (strstr (r.err, "bad.csv: line 3, column minutes: must be a number ≥ 0") == NULL)
    g_error ("expected the file, row and column in “%s”", r.err);
  cli_result_clear (&r);

  r = cli (dag_test_db (f->path), "import", "travel-times", NULL);
  g_assert_cmpint (r.status, ==, 2);
  cli_result_clear (&r);

  /* The failed import left the first matrix. */
  f->store = dag_store_open (dag_test_db (f->path), NULL);
  g_assert_cmpint (dag_store_count_travel_times (f->store, NULL), ==, 2);
}

static void
test_cli_transport (Fixture      *f,
                    gconstpointer data)
{
  g_autoptr(DagOrg) loaded = NULL;
  CliResult r;

  g_clear_object (&f->store);
  r = cli (dag_test_db (f->path), "transport", "--date", "2026-11-02", "--dry-run", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "R-2026-11-02-L1-to-1"));
  g_assert_nonnull (strstr (r.out, "Deelnemer 1 (P01)"));
  g_assert_nonnull (strstr (r.out, "Dry run"));
  /* Names and ids only: never the BSN. */
  g_assert_null (strstr (r.out, "111222333"));
  cli_result_clear (&r);

  f->store = dag_store_open (dag_test_db (f->path), NULL);
  loaded = dag_store_load (f->store, NULL);
  g_assert_cmpuint (loaded->runs->len, ==, 0);
  g_clear_object (&f->store);
  g_clear_pointer (&loaded, dag_org_free);

  r = cli (dag_test_db (f->path), "transport", "--date", "2026-11-02", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "Totals: 2 runs"));
  cli_result_clear (&r);
  f->store = dag_store_open (dag_test_db (f->path), NULL);
  loaded = dag_store_load (f->store, NULL);
  g_assert_cmpuint (loaded->runs->len, ==, 2);
  g_clear_object (&f->store);

  r = cli (dag_test_db (f->path), "transport", "--date", "2026-13-02", NULL);
  g_assert_cmpint (r.status, ==, 2);
  cli_result_clear (&r);
  r = cli (dag_test_db (f->path), "transport", NULL);
  g_assert_cmpint (r.status, ==, 2);
  cli_result_clear (&r);
  f->store = dag_store_open (dag_test_db (f->path), NULL);
}

/* "dagritme check" lists a staff driver who works in a group while
 * driving, and fails as for any other error. */
static void
test_cli_check_driver (Fixture      *f,
                       gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  DagStaffing am = { 0, 0, DAG_SLOT (0, DAG_PART_AM) };
  DagStaffing pm = { 0, 0, DAG_SLOT (0, DAG_PART_PM) };
  DagRun *run;
  DagStop stop = { 0, HM (9, 14) };
  CliResult r;

  g_array_append_val (f->org->staffing, am);
  g_array_append_val (f->org->staffing, pm);
  g_assert_true (dag_store_save (f->store, f->org, DAG_SECTION_ALL, "test", &error));
  g_assert_no_error (error);
  g_clear_object (&f->store);
  r = cli (dag_test_db (f->path), "check", "--week", "2026-11-02", NULL);
  if (r.status != 0)
    g_error ("expected a clean week, got %d: %s", r.status, r.out);
  cli_result_clear (&r);

  run = dag_org_add_run (f->org);
  run->id = g_strdup ("R-S1");
  run->date = dag_test_monday ();
  run->vehicle = 0;
  run->driver = 0;
  run->location = 0;
  run->direction = DAG_DIRECTION_TO;
  run->time = HM (9, 30);
  g_array_append_val (run->stops, stop);
  f->store = dag_store_open (dag_test_db (f->path), NULL);
  g_assert_true (dag_store_save (f->store, f->org, DAG_SECTION_RUNS, "test", &error));
  g_assert_no_error (error);
  g_clear_object (&f->store);

  r = cli (dag_test_db (f->path), "check", "--week", "2026-11-02", NULL);
  g_assert_cmpint (r.status, ==, 1);
  if (strstr (r.out, "error\tdriver-clash\tStaff member Chauffeur S1 (S1) drives run R-S1 from 09:14 to 09:30 on 2026-11-02") == NULL)
    g_error ("expected the driver clash in “%s”", r.out);
  cli_result_clear (&r);
  /* The week after has no runs. */
  r = cli (dag_test_db (f->path), "check", "--week", "2026-11-09", NULL);
  g_assert_cmpint (r.status, ==, 0);
  cli_result_clear (&r);
  f->store = dag_store_open (dag_test_db (f->path), NULL);
}

int
main (int    argc,
      char **argv)
{
  /* The messages checked below contain “≥”: print them in UTF-8. */
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  dag_test_db_init ();

  g_test_add_func ("/transport/travel-estimate", test_travel_estimate);
  g_test_add_func ("/transport/travel-imported", test_travel_imported);
  g_test_add ("/transport/import-good", Fixture, NULL, fixture_setup, test_import_good, fixture_teardown);
  g_test_add ("/transport/import-bad-number", Fixture, NULL, fixture_setup, test_import_bad_number, fixture_teardown);
  g_test_add ("/transport/import-unknown-id", Fixture, NULL, fixture_setup, test_import_unknown_id, fixture_teardown);
  g_test_add ("/transport/import-bad-header", Fixture, NULL, fixture_setup, test_import_bad_header, fixture_teardown);
  g_test_add ("/transport/store-runs", Fixture, NULL, fixture_setup, test_store_runs, fixture_teardown);
  g_test_add_func ("/transport/wheelchair", test_wheelchair);
  g_test_add_func ("/transport/no-wheelchair-place", test_no_wheelchair_place);
  g_test_add_func ("/transport/beyond-ride-limit", test_beyond_ride_limit);
  g_test_add_func ("/transport/listed-reasons", test_listed_reasons);
  g_test_add_func ("/transport/shared-vehicle", test_shared_vehicle);
  g_test_add_func ("/transport/full-bus", test_full_bus);
  g_test_add_func ("/transport/midday", test_midday);
  g_test_add_func ("/transport/standing", test_standing);
  g_test_add_func ("/transport/determinism", test_determinism);
  g_test_add_func ("/transport/demo-day", test_demo_day);
  g_test_add_func ("/transport/checker-rejects", test_checker_rejects);
  g_test_add_func ("/transport/cancel", test_cancel);
  g_test_add_func ("/transport/async", test_async);
  g_test_add ("/transport/cli-import", Fixture, NULL, fixture_setup, test_cli_import, fixture_teardown);
  g_test_add ("/transport/cli-transport", Fixture, NULL, fixture_setup, test_cli_transport, fixture_teardown);
  g_test_add_func ("/transport/check-boarding", test_check_boarding);
  g_test_add_func ("/transport/check-ride-factor", test_check_ride_factor);
  g_test_add_func ("/transport/check-alone", test_check_alone);
  g_test_add_func ("/transport/check-vehicle-hours", test_check_vehicle_hours);
  g_test_add_func ("/transport/check-rider-order", test_check_rider_order);
  g_test_add_func ("/transport/check-driver-staffed", test_check_driver_staffed);
  g_test_add ("/transport/cli-check-driver", Fixture, NULL, fixture_setup, test_cli_check_driver, fixture_teardown);

  return g_test_run ();
}
