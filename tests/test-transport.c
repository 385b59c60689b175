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

#include "dag-cli.h"

#include "dag-demo.h"
#include "dag-store.h"
#include "dag-store-travel.h"
#include "dag-transport.h"
#include "dag-travel.h"

#define LAT0 52.0
#define LON0 5.9

static DagDate
monday (void)
{
  return dag_date_from_ymd (2026, 11, 2);
}

/* An organisation with one contract (M3 and VERVOER), location L1 with
 * dagdelen 09:00–13:00 and 13:00–17:00, group G1 there, and no people. */
static DagOrg *
base_org (void)
{
  DagOrg *org = dag_org_new ();
  DagMunicipality m = { g_strdup ("0202"), g_strdup ("Arnhem") };
  DagContract *c;
  DagProduct *p;

  g_free (org->name);
  org->name = g_strdup ("Test");
  g_free (org->agb_code);
  org->agb_code = g_strdup ("98765432");
  g_array_append_val (org->municipalities, m);
  c = dag_org_add_contract (org);
  c->id = g_strdup ("C1");
  c->municipality = 0;
  p = dag_contract_add_product (c);
  p->product = g_strdup ("M3");
  p->code = g_strdup ("04A03");
  p->name = g_strdup ("Dagbesteding");
  p->unit = g_strdup ("dagdeel");
  p->tariff_cents = 3450;
  p = dag_contract_add_product (c);
  p->product = g_strdup ("VERVOER");
  p->code = g_strdup ("08A01");
  p->name = g_strdup ("Vervoer");
  p->unit = g_strdup ("rit");
  p->tariff_cents = 1250;
  return org;
}

/* Adds a location dx, dy km east and north of (LAT0, LON0) with one group. */
static int
add_location (DagOrg     *org,
              const char *id,
              double      dx,
              double      dy)
{
  DagLocation *l = dag_org_add_location (org);
  DagGroup *g;
  int index = org->locations->len - 1;

  l->id = g_strdup (id);
  l->name = g_strdup_printf ("Locatie %s", id);
  l->address = g_strdup ("Straat 1, 6800 AA Arnhem");
  l->lat = LAT0 + dy / 111.2;
  l->lon = LON0 + dx / (111.2 * cos (LAT0 * G_PI / 180));
  l->has_part[DAG_PART_AM] = l->has_part[DAG_PART_PM] = TRUE;
  l->part_start[DAG_PART_AM] = 9 * 60;
  l->part_end[DAG_PART_AM] = 13 * 60;
  l->part_start[DAG_PART_PM] = 13 * 60;
  l->part_end[DAG_PART_PM] = 17 * 60;

  g = dag_org_add_group (org);
  g->id = g_strdup_printf ("G-%s", id);
  g->location = index;
  g->name = g_strdup ("Groep");
  g_ptr_array_add (g->products, g_strdup ("M3"));
  g->min_level = 1;
  g->max_level = 4;
  g->capacity = 30;
  g->slots = 0x3ffff;
  dag_org_invalidate_index (org);
  return index;
}

static int
add_vehicle (DagOrg     *org,
             const char *id,
             int         seats,
             int         chairs,
             int         location)
{
  DagVehicle v = { g_strdup (id), g_strdup_printf ("Bus %s", id), seats, chairs, location, 45 };

  g_array_append_val (org->vehicles, v);
  dag_org_invalidate_index (org);
  return org->vehicles->len - 1;
}

static void
add_driver (DagOrg     *org,
            const char *id)
{
  DagStaff s = { g_strdup (id), g_strdup_printf ("Chauffeur %s", id), DAG_QUAL_MBO, 32,
                 0x3ffff, TRUE, NULL };

  g_array_append_val (org->staff, s);
  dag_org_invalidate_index (org);
}

/* A participant dx, dy km from (LAT0, LON0), travelling by bus, with an
 * M3 and (when transport) a VERVOER indication, planned in the group of
 * location at the given slots of Monday. */
static int
add_participant (DagOrg    *org,
                 double     dx,
                 double     dy,
                 gboolean   wheelchair,
                 gboolean   transport,
                 int        location,
                 DagSlotMask slots)
{
  int index = org->participants->len;
  DagParticipant pa = { 0 };
  DagIndication ind = { 0 };

  pa.id = g_strdup_printf ("P%02d", index + 1);
  pa.name = g_strdup_printf ("Deelnemer %d", index + 1);
  pa.birth_date = dag_date_from_ymd (1970, 1, 1);
  pa.bsn = g_strdup ("111222333");
  pa.address = g_strdup ("Straat 2, 6800 AA Arnhem");
  pa.has_coords = TRUE;
  pa.lat = LAT0 + dy / 111.2;
  pa.lon = LON0 + dx / (111.2 * cos (LAT0 * G_PI / 180));
  pa.municipality = 0;
  pa.transport = DAG_TRANSPORT_BUS;
  pa.wheelchair = wheelchair;
  g_array_append_val (org->participants, pa);

  for (int k = 0; k < (transport ? 2 : 1); k++)
    {
      ind.id = g_strdup_printf ("I%02d-%d", index + 1, k);
      ind.participant = index;
      ind.contract = 0;
      ind.product = k;
      ind.level = 1;
      ind.allocation_number = g_strdup_printf ("A-%d-%d", index, k);
      ind.start = dag_date_from_ymd (2026, 1, 1);
      ind.end = dag_date_from_ymd (2026, 12, 31);
      ind.units = 10;
      ind.per = DAG_PER_WEEK;
      ind.min_units = -1;
      g_array_append_val (org->indications, ind);
    }
  for (int s = 0; s < DAG_N_SLOTS; s++)
    if (slots & DAG_SLOT_BIT (s))
      {
        DagPlanEntry e = { index, location, s };

        g_array_append_val (org->plan, e);
      }
  dag_org_invalidate_index (org);
  return index;
}

#define MON_AM DAG_SLOT_BIT (DAG_SLOT (0, DAG_PART_AM))
#define MON_PM DAG_SLOT_BIT (DAG_SLOT (0, DAG_PART_PM))
#define MON_DAY (MON_AM | MON_PM)

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
  g_autoptr(GError) error = NULL;
  DagTransportOptions o = test_options ();
  DagTransportResult *res;
  DagTransportCheck check;

  res = dag_transport_plan (org, travel, monday (), &o, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (res);
  dag_transport_apply (org, res);
  if (!dag_transport_check (org, travel, monday (), &check, &error))
    g_error ("the checker rejects the planned runs: %s", error->message);
  g_assert_cmpuint (check.n_runs, ==, res->runs->len);
  g_assert_cmpuint (check.n_vehicles, ==, res->n_vehicles);
  g_assert_cmpint (check.max_ride, ==, res->max_ride);
  g_assert_cmpint (check.total_ride, ==, res->total_ride);
  g_assert_cmpfloat_with_epsilon (check.km, res->km, 1e-6);
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
  g_autoptr(DagOrg) org = base_org ();
  g_autoptr(DagTravel) travel = NULL;
  double minutes, km;
  int l = add_location (org, "L1", 0, 0);
  int p = add_participant (org, 0, 10, FALSE, TRUE, l, MON_DAY);

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
  g_autoptr(DagOrg) org = base_org ();
  g_autoptr(GArray) entries = NULL;
  g_autoptr(DagTravel) travel = NULL;
  g_autoptr(GError) error = NULL;
  const char csv[] = "from_id,to_id,minutes,km\nP01,L1,25,12.5\n";
  double minutes, km;
  int l = add_location (org, "L1", 0, 0);
  int p = add_participant (org, 0, 2, FALSE, TRUE, l, MON_DAY);

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
  f->store = dag_store_open (f->path, &error);
  g_assert_no_error (error);
  f->org = base_org ();
  l = add_location (f->org, "L1", 0, 0);
  add_vehicle (f->org, "V1", 8, 1, l);
  add_driver (f->org, "S1");
  add_participant (f->org, 0, 2, FALSE, TRUE, l, MON_DAY);
  add_participant (f->org, 2, 0, FALSE, TRUE, l, MON_DAY);
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

      if (run->date == monday ())
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
  g_autoptr(DagOrg) org = base_org ();
  g_autoptr(DagTravel) travel = NULL;
  g_autoptr(DagTransportResult) res = NULL;
  int l = add_location (org, "L1", 0, 0);
  int bus, van, chair;
  const DagRun *to, *from;

  bus = add_vehicle (org, "BUS", 8, 0, l);
  van = add_vehicle (org, "VAN", 4, 1, l);
  add_driver (org, "S1");
  add_driver (org, "S2");
  for (int i = 0; i < 5; i++)
    add_participant (org, 3 + i * 0.5, 4, FALSE, TRUE, l, MON_DAY);
  chair = add_participant (org, -3, -4, TRUE, TRUE, l, MON_DAY);

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
  g_autoptr(DagOrg) org = base_org ();
  g_autoptr(DagTravel) travel = NULL;
  g_autoptr(DagTransportResult) res = NULL;
  int l = add_location (org, "L1", 0, 0);
  int chair, walker;
  const DagTransportUnserved *u;

  add_vehicle (org, "BUS", 8, 0, l);
  walker = add_participant (org, 2, 2, FALSE, TRUE, l, MON_DAY);
  chair = add_participant (org, -2, 2, TRUE, TRUE, l, MON_DAY);

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

/* 20 km away is 26 km by road, 39 minutes: over the 30-minute limit. */
static void
test_beyond_ride_limit (void)
{
  g_autoptr(DagOrg) org = base_org ();
  g_autoptr(DagTravel) travel = NULL;
  g_autoptr(DagTransportResult) res = NULL;
  int l = add_location (org, "L1", 0, 0);
  int near, far;
  const DagTransportUnserved *u;

  add_vehicle (org, "BUS", 8, 1, l);
  near = add_participant (org, 3, 3, FALSE, TRUE, l, MON_DAY);
  far = add_participant (org, 0, 20, FALSE, TRUE, l, MON_DAY);

  travel = dag_travel_new (org, NULL);
  res = plan_checked (org, travel);
  g_assert_cmpuint (res->n_requests, ==, 4);
  g_assert_cmpuint (res->unserved->len, ==, 2);
  u = unserved_of (res, far, DAG_DIRECTION_TO);
  g_assert_nonnull (u);
  g_assert_cmpint (u->reason, ==, DAG_TRANSPORT_REASON_RIDE_TOO_LONG);
  u = unserved_of (res, far, DAG_DIRECTION_FROM);
  g_assert_nonnull (u);
  g_assert_cmpint (u->reason, ==, DAG_TRANSPORT_REASON_RIDE_TOO_LONG);
  g_assert_nonnull (run_of (res, near, DAG_DIRECTION_TO, 0));
  g_assert_nonnull (run_of (res, near, DAG_DIRECTION_FROM, 0));
}

/* Without a VERVOER indication or without coordinates: listed, not dropped. */
static void
test_listed_reasons (void)
{
  g_autoptr(DagOrg) org = base_org ();
  g_autoptr(DagTravel) travel = NULL;
  g_autoptr(DagTransportResult) res = NULL;
  int l = add_location (org, "L1", 0, 0);
  int no_ind, no_coords;
  const DagTransportUnserved *u;

  add_vehicle (org, "BUS", 8, 1, l);
  no_ind = add_participant (org, 3, 3, FALSE, FALSE, l, MON_DAY);
  no_coords = add_participant (org, 3, 3, FALSE, TRUE, l, MON_DAY);
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
  g_autoptr(DagOrg) org = base_org ();
  g_autoptr(DagTravel) travel = NULL;
  g_autoptr(DagTransportResult) res = NULL;
  int l1 = add_location (org, "L1", 0, 0);
  int l2 = add_location (org, "L2", 6, 0);
  int a, b, c, d;
  const DagRun *ra, *rc;

  add_vehicle (org, "BUS", 8, 1, l1);
  add_driver (org, "S1");
  a = add_participant (org, 0, 1, FALSE, TRUE, l1, MON_DAY);
  b = add_participant (org, 0, -1, FALSE, TRUE, l1, MON_DAY);
  c = add_participant (org, 6, 1, FALSE, TRUE, l2, MON_DAY);
  d = add_participant (org, 6, -1, FALSE, TRUE, l2, MON_DAY);

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
  g_autoptr(DagOrg) org = base_org ();
  g_autoptr(DagTravel) travel = NULL;
  g_autoptr(DagTransportResult) res = NULL;
  g_autoptr(DagTransportResult) res9 = NULL;
  int l = add_location (org, "L1", 0, 0);
  guint max_stops, total;

  add_vehicle (org, "BUS", 8, 0, l);
  for (int i = 0; i < 8; i++)
    add_participant (org, 1 + 0.2 * i, 1, FALSE, TRUE, l, MON_DAY);

  travel = dag_travel_new (org, NULL);
  res = plan_checked (org, travel);
  g_assert_cmpuint (count_runs (res, DAG_DIRECTION_TO, &max_stops, &total), ==, 1);
  g_assert_cmpuint (max_stops, ==, 8);
  g_assert_cmpuint (count_runs (res, DAG_DIRECTION_FROM, &max_stops, &total), ==, 1);
  g_assert_cmpuint (max_stops, ==, 8);

  add_participant (org, -1, -1, FALSE, TRUE, l, MON_DAY);
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
  g_autoptr(DagOrg) org = base_org ();
  g_autoptr(DagTravel) travel = NULL;
  g_autoptr(DagTransportResult) res = NULL;
  int l = add_location (org, "L1", 0, 0);
  int am, pm, day;
  const DagRun *r;

  add_vehicle (org, "BUS", 8, 1, l);
  am = add_participant (org, 2, 0, FALSE, TRUE, l, MON_AM);
  pm = add_participant (org, 0, 2, FALSE, TRUE, l, MON_PM);
  day = add_participant (org, 2, 2, FALSE, TRUE, l, MON_DAY);

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
  g_autoptr(DagOrg) org = base_org ();
  g_autoptr(DagTravel) travel = NULL;
  g_autoptr(DagTransportResult) dated = NULL;
  g_autoptr(DagTransportResult) standing = NULL;
  g_autoptr(GError) error = NULL;
  DagTransportOptions o = test_options ();
  DagAbsence a = { 0, monday (), monday (), NULL };
  int l = add_location (org, "L1", 0, 0);
  int away, here;

  add_vehicle (org, "BUS", 8, 1, l);
  away = add_participant (org, 2, 2, FALSE, TRUE, l, MON_DAY);
  here = add_participant (org, -2, 2, FALSE, TRUE, l, MON_DAY);
  a.participant = away;
  g_array_append_val (org->absences, a);

  travel = dag_travel_new (org, NULL);
  dated = plan_checked (org, travel);
  g_assert_cmpuint (dated->n_requests, ==, 2);
  g_assert_null (run_of (dated, away, DAG_DIRECTION_TO, 0));
  g_assert_nonnull (run_of (dated, here, DAG_DIRECTION_TO, 0));

  o.standing = TRUE;
  standing = dag_transport_plan (org, travel, monday (), &o, NULL, &error);
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
  g_autoptr(DagOrg) org = base_org ();
  g_autoptr(DagTravel) travel = NULL;
  g_autoptr(DagTransportResult) res = NULL;
  g_autoptr(GError) error = NULL;
  int l = add_location (org, "L1", 0, 0);
  DagRun *run;
  int saved;

  add_vehicle (org, "BUS", 8, 0, l);
  for (int i = 0; i < 3; i++)
    add_participant (org, 4, 4 + i, FALSE, TRUE, l, MON_DAY);
  travel = dag_travel_new (org, NULL);
  res = plan_checked (org, travel);
  run = DAG_AT (org->runs, DagRun, 0);
  g_assert_cmpint (run->direction, ==, DAG_DIRECTION_TO);

  /* An arrival too early for the dagdeel. */
  saved = run->time;
  run->time = 9 * 60 - org->settings.early_arrival_minutes - 1;
  g_assert_false (dag_transport_check (org, travel, monday (), NULL, &error));
  g_assert_error (error, DAG_TRANSPORT_ERROR, DAG_TRANSPORT_ERROR_CHECK);
  g_clear_error (&error);
  run->time = saved;

  /* A pick-up that leaves no time to reach the location. */
  DAG_AT (run->stops, DagStop, run->stops->len - 1)->time = run->time;
  g_assert_false (dag_transport_check (org, travel, monday (), NULL, &error));
  g_clear_error (&error);
  dag_transport_apply (org, res);

  /* A ride over the limit. */
  run = DAG_AT (org->runs, DagRun, 0);
  DAG_AT (run->stops, DagStop, 0)->time = run->time - org->settings.max_ride_minutes - 1;
  g_assert_false (dag_transport_check (org, travel, monday (), NULL, &error));
  g_clear_error (&error);
  dag_transport_apply (org, res);

  /* A wheelchair user in a vehicle without places. */
  DAG_AT (org->participants, DagParticipant, 0)->wheelchair = TRUE;
  g_assert_false (dag_transport_check (org, travel, monday (), NULL, &error));
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
    g_assert_false (dag_transport_check (org, travel, monday (), NULL, &error));
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
  res = dag_transport_plan (org, travel, monday (), &o, cancellable, &error);
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

  dag_transport_plan_async (org, travel, monday (), &o, NULL, on_planned, &async);
  while (async == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (same_runs (sync, async));
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
  r = cli (f->path, "import", "travel-times", good, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "Imported 2 travel times"));
  cli_result_clear (&r);

  r = cli (f->path, "import", "travel-times", bad, NULL);
  g_assert_cmpint (r.status, ==, 1);
  if (strstr (r.err, "bad.csv: line 3, column minutes: must be a number ≥ 0") == NULL)
    g_error ("expected the file, row and column in “%s”", r.err);
  cli_result_clear (&r);

  r = cli (f->path, "import", "travel-times", NULL);
  g_assert_cmpint (r.status, ==, 2);
  cli_result_clear (&r);

  /* The failed import left the first matrix. */
  f->store = dag_store_open (f->path, NULL);
  g_assert_cmpint (dag_store_count_travel_times (f->store, NULL), ==, 2);
}

static void
test_cli_transport (Fixture      *f,
                    gconstpointer data)
{
  g_autoptr(DagOrg) loaded = NULL;
  CliResult r;

  g_clear_object (&f->store);
  r = cli (f->path, "transport", "--date", "2026-11-02", "--dry-run", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "R-2026-11-02-L1-to-1"));
  g_assert_nonnull (strstr (r.out, "Deelnemer 1 (P01)"));
  g_assert_nonnull (strstr (r.out, "Dry run"));
  /* Names and ids only: never the BSN. */
  g_assert_null (strstr (r.out, "111222333"));
  cli_result_clear (&r);

  f->store = dag_store_open (f->path, NULL);
  loaded = dag_store_load (f->store, NULL);
  g_assert_cmpuint (loaded->runs->len, ==, 0);
  g_clear_object (&f->store);
  g_clear_pointer (&loaded, dag_org_free);

  r = cli (f->path, "transport", "--date", "2026-11-02", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "Totals: 2 runs"));
  cli_result_clear (&r);
  f->store = dag_store_open (f->path, NULL);
  loaded = dag_store_load (f->store, NULL);
  g_assert_cmpuint (loaded->runs->len, ==, 2);
  g_clear_object (&f->store);

  r = cli (f->path, "transport", "--date", "2026-13-02", NULL);
  g_assert_cmpint (r.status, ==, 2);
  cli_result_clear (&r);
  r = cli (f->path, "transport", NULL);
  g_assert_cmpint (r.status, ==, 2);
  cli_result_clear (&r);
  f->store = dag_store_open (f->path, NULL);
}

int
main (int    argc,
      char **argv)
{
  /* The messages checked below contain “≥”: print them in UTF-8. */
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

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

  return g_test_run ();
}
