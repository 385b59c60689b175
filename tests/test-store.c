/* test-store.c — the SQLite store: migrations, file mode, save and load,
 * and that a failed save leaves the database as it was. */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>

#include "dag-test-db.h"
#include "dag-demo.h"
#include "dag-store.h"
#include "dag-store-plan.h"
#include "dag-store-staffing.h"

typedef struct {
  char *dir;
  char *path;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  f->dir = g_dir_make_tmp ("dagritme-store-XXXXXX", NULL);
  g_assert_nonnull (f->dir);
  f->path = g_build_filename (f->dir, "sub", "test.db", NULL);
}

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d && (name = g_dir_read_name (d)))
    {
      g_autofree char *p = g_build_filename (dir, name, NULL);
      if (g_file_test (p, G_FILE_TEST_IS_DIR))
        remove_tree (p);
      else
        g_unlink (p);
    }
  g_rmdir (dir);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

/* A declaration of one line of indication 0 for year-month. */
static void
add_declaration (DagOrg     *org,
                 const char *number,
                 int         year,
                 int         month,
                 gboolean    sent,
                 const char *reference,
                 char        side,
                 const char *corrects,
                 int         units)
{
  DagDeclaration *d = dag_org_add_declaration (org);
  DagDeclarationLine l = { 0 };

  d->number = g_strdup (number);
  d->municipality = 0;
  d->month = dag_date_from_ymd (year, month, 1);
  d->written = d->month + 32;
  d->sent = sent ? d->written + 1 : DAG_DATE_NONE;
  l.reference = g_strdup (reference);
  l.indication = 0;
  l.product_code = g_strdup ("04A03");
  l.period_start = dag_date_from_ymd (year, month, 1);
  l.period_end = dag_date_from_ymd (year, month, 28);
  l.units = units;
  l.tariff_cents = 3450;
  l.amount_cents = units * l.tariff_cents;
  l.debit_credit = side;
  l.corrects = g_strdup (corrects);
  if (sent)
    {
      l.has_response = TRUE;
      l.response_code = g_strdup ("0200");
      l.response_accepted = TRUE;
    }
  g_array_append_val (d->lines, l);
}

/* A small organisation touching every section. */
static DagOrg *
small_org (void)
{
  DagOrg *org = dag_org_new ();
  DagMunicipality m = { g_strdup ("0202"), g_strdup ("Arnhem") };
  DagContract *c;
  DagProduct *p;
  DagStaffel st = { 9, 3100 };
  DagLocation *l;
  DagGroup *g;
  DagStaff s = { g_strdup ("S1"), g_strdup ("Anouk de Vries"), DAG_QUAL_HBO, 32,
                 DAG_SLOT_BIT (0) | DAG_SLOT_BIT (1), TRUE, g_strdup ("anouk@example.org") };
  DagVehicle v = { g_strdup ("V1"), g_strdup ("Bus 1"), 8, 2, 0, 45 };
  DagParticipant pa = { g_strdup ("P1"), g_strdup ("Jan Jansen"), dag_date_from_ymd (1958, 4, 12),
                        g_strdup ("111222333"), g_strdup ("Steenstraat 5, 6828 CA Arnhem"),
                        TRUE, 51.977, 5.925, 0, DAG_TRANSPORT_BUS, FALSE, DAG_SLOT_BIT (6), 0x3 };
  DagIndication ind = { g_strdup ("I1"), 0, 0, 0, 2, g_strdup ("A-2026-0001"),
                        dag_date_from_ymd (2026, 1, 1), dag_date_from_ymd (2026, 12, 31),
                        4, DAG_PER_WEEK, -1 };
  DagPlanEntry e = { 0, 0, 0 };
  DagStaffing se = { 0, 0, 0 };
  DagAbsence a = { 0, dag_date_from_ymd (2026, 11, 10), dag_date_from_ymd (2026, 11, 14), g_strdup ("vakantie") };
  DagAttendance at = { 0, dag_date_from_ymd (2026, 11, 2), DAG_PART_AM, DAG_ATTEND_PRESENT, 240, NULL };
  DagRun *r;
  DagStop stop = { 0, 8 * 60 + 31 };
  DagDate closure = dag_date_from_ymd (2026, 12, 24);

  g_free (org->name);
  org->name = g_strdup ("Zorgboerderij De Linde");
  g_free (org->agb_code);
  org->agb_code = g_strdup ("98765432");
  g_array_append_val (org->municipalities, m);

  c = dag_org_add_contract (org);
  c->id = g_strdup ("C-ARN");
  c->municipality = 0;
  p = dag_contract_add_product (c);
  p->product = g_strdup ("M3");
  p->code = g_strdup ("04A03");
  p->name = g_strdup ("Dagbesteding");
  p->unit = g_strdup ("dagdeel");
  p->tariff_cents = 3450;
  g_array_append_val (p->staffel, st);

  l = dag_org_add_location (org);
  l->id = g_strdup ("L1");
  l->name = g_strdup ("De Linde");
  l->address = g_strdup ("Lindelaan 1, 6800 AA Arnhem");
  l->lat = 51.985;
  l->lon = 5.898;
  l->has_part[DAG_PART_AM] = l->has_part[DAG_PART_PM] = TRUE;
  l->part_start[0] = 540; l->part_end[0] = 780;
  l->part_start[1] = 780; l->part_end[1] = 1020;
  g_array_append_val (l->closures, closure);

  g = dag_org_add_group (org);
  g->id = g_strdup ("G1");
  g->location = 0;
  g->name = g_strdup ("Houtwerkplaats");
  g_ptr_array_add (g->products, g_strdup ("M3"));
  g->min_level = 1;
  g->max_level = 3;
  g->capacity = 8;
  g->slots = DAG_SLOT_BIT (0) | DAG_SLOT_BIT (1);

  g_array_append_val (org->staff, s);
  g_array_append_val (org->vehicles, v);
  g_array_append_val (org->participants, pa);
  g_array_append_val (org->indications, ind);
  g_array_append_val (org->plan, e);
  g_array_append_val (org->staffing, se);
  g_array_append_val (org->absences, a);
  g_array_append_val (org->attendance, at);

  r = dag_org_add_run (org);
  r->id = g_strdup ("R1");
  r->date = dag_date_from_ymd (2026, 11, 2);
  r->vehicle = 0;
  r->driver = 0;
  r->location = 0;
  r->direction = DAG_DIRECTION_TO;
  r->time = 8 * 60 + 52;
  g_array_append_val (r->stops, stop);

  /* October declared and sent, then corrected in November's message. */
  add_declaration (org, "D1", 2026, 10, TRUE, "R0001", 'D', NULL, 8);
  add_declaration (org, "D2", 2026, 11, FALSE, "R0002", 'C', "R0001", 8);
  return org;
}

static void
test_migrate (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DagStore) store = dag_store_open (dag_test_db (f->path), &error);
  gboolean empty = FALSE;

  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_cmpint (dag_store_get_schema_version (store), ==, DAG_STORE_SCHEMA_VERSION);
  g_assert_true (dag_store_is_empty (store, &empty, &error));
  g_assert_true (empty);
  g_clear_object (&store);

  /* Opening again is a no-op migration. */
  store = dag_store_open (dag_test_db (f->path), &error);
  g_assert_no_error (error);
  g_assert_cmpint (dag_store_get_schema_version (store), ==, DAG_STORE_SCHEMA_VERSION);
}

static void
test_mode (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DagStore) store = NULL;
  g_autoptr(DagOrg) org = small_org ();
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  GStatBuf st;
  mode_t old = umask (0);

  if (dag_test_db_skip_pg ("the mode of a file (SQLite)"))
    {
      umask (old);
      return;
    }

  /* Even with a permissive umask the file is the owner's only. */
  store = dag_store_open (dag_test_db (f->path), &error);
  umask (old);
  g_assert_no_error (error);
  g_assert_true (dag_store_save (store, org, DAG_SECTION_ALL, "test", &error));
  g_assert_no_error (error);

  g_assert_cmpint (g_stat (f->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  if (g_stat (wal, &st) == 0)
    g_assert_cmpint (st.st_mode & 0777, ==, 0600);
}

static void
test_mode_tightened (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DagStore) store = NULL;
  g_autofree char *dir = g_path_get_dirname (f->path);
  GStatBuf st;

  if (dag_test_db_skip_pg ("the mode of a file (SQLite)"))
    return;

  /* An existing file readable by everyone is made the owner's only. */
  g_mkdir_with_parents (dir, 0700);
  g_assert_true (g_file_set_contents (f->path, "", 0, NULL));
  g_assert_cmpint (g_chmod (f->path, 0644), ==, 0);
  store = dag_store_open (dag_test_db (f->path), &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (f->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
}

static void
assert_same_org (DagOrg *a, DagOrg *b)
{
  g_assert_cmpstr (a->name, ==, b->name);
  g_assert_cmpstr (a->agb_code, ==, b->agb_code);
  g_assert_cmpuint (a->participants->len, ==, b->participants->len);
  g_assert_cmpuint (a->indications->len, ==, b->indications->len);
  g_assert_cmpuint (a->plan->len, ==, b->plan->len);
  g_assert_cmpuint (a->attendance->len, ==, b->attendance->len);
  g_assert_cmpuint (a->runs->len, ==, b->runs->len);
}

static void
test_round_trip (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DagStore) store = dag_store_open (dag_test_db (f->path), &error);
  g_autoptr(DagOrg) org = small_org ();
  g_autoptr(DagOrg) back = NULL;
  const DagParticipant *p;
  const DagIndication *ind;
  const DagContract *c;
  const DagLocation *l;
  const DagRun *r;

  g_assert_true (dag_store_save (store, org, DAG_SECTION_ALL, "test", &error));
  g_assert_no_error (error);
  back = dag_store_load (store, &error);
  g_assert_no_error (error);
  assert_same_org (org, back);

  p = DAG_AT (back->participants, DagParticipant, 0);
  g_assert_cmpstr (p->bsn, ==, "111222333");
  g_assert_true (p->has_coords);
  g_assert_cmpfloat (p->lat, ==, 51.977);
  g_assert_cmpint (p->transport, ==, DAG_TRANSPORT_BUS);
  g_assert_cmpuint (p->unavailable, ==, DAG_SLOT_BIT (6));
  g_assert_cmpuint (p->preferred_days, ==, 0x3);
  g_assert_cmpint (p->municipality, ==, 0);

  ind = DAG_AT (back->indications, DagIndication, 0);
  g_assert_cmpint (ind->participant, ==, 0);
  g_assert_cmpint (ind->contract, ==, 0);
  g_assert_cmpint (ind->product, ==, 0);
  g_assert_cmpint (ind->min_units, ==, -1);
  g_assert_cmpuint (ind->end, ==, dag_date_from_ymd (2026, 12, 31));

  c = DAG_AT (back->contracts, DagContract, 0);
  g_assert_cmpint (DAG_AT (c->products, DagProduct, 0)->tariff_cents, ==, 3450);
  g_assert_cmpuint (DAG_AT (c->products, DagProduct, 0)->staffel->len, ==, 1);

  l = DAG_AT (back->locations, DagLocation, 0);
  g_assert_true (l->has_part[DAG_PART_AM]);
  g_assert_false (l->has_part[DAG_PART_EV]);
  g_assert_cmpint (l->part_end[DAG_PART_PM], ==, 1020);
  g_assert_true (dag_location_is_closed (l, dag_date_from_ymd (2026, 12, 24)));
  g_assert_false (dag_location_is_closed (l, dag_date_from_ymd (2026, 12, 23)));

  r = DAG_AT (back->runs, DagRun, 0);
  g_assert_cmpint (r->driver, ==, 0);
  g_assert_cmpuint (r->stops->len, ==, 1);
  g_assert_cmpint (DAG_AT (r->stops, DagStop, 0)->time, ==, 8 * 60 + 31);

  g_assert_cmpuint (back->declarations->len, ==, 2);
  {
    const DagDeclaration *d1 = DAG_AT (back->declarations, DagDeclaration, 0);
    const DagDeclaration *d2 = DAG_AT (back->declarations, DagDeclaration, 1);
    const DagDeclarationLine *l1 = DAG_AT (d1->lines, DagDeclarationLine, 0);
    const DagDeclarationLine *l2 = DAG_AT (d2->lines, DagDeclarationLine, 0);

    g_assert_cmpstr (d1->number, ==, "D1");
    g_assert_cmpint (d1->municipality, ==, 0);
    g_assert_cmpuint (d1->month, ==, dag_date_from_ymd (2026, 10, 1));
    g_assert_cmpuint (d1->sent, ==, d1->written + 1);
    g_assert_cmpuint (d2->sent, ==, DAG_DATE_NONE);
    g_assert_cmpstr (l1->reference, ==, "R0001");
    g_assert_cmpint (l1->indication, ==, 0);
    g_assert_cmpint (l1->amount_cents, ==, 8 * 3450);
    g_assert_cmpint (l1->debit_credit, ==, 'D');
    g_assert_true (l1->has_response);
    g_assert_cmpstr (l1->response_code, ==, "0200");
    g_assert_true (l1->response_accepted);
    g_assert_cmpint (l2->debit_credit, ==, 'C');
    g_assert_cmpstr (l2->corrects, ==, "R0001");
    g_assert_false (l2->has_response);
    /* Only a sent declaration makes its month final. */
    g_assert_true (dag_org_month_declared (back, dag_date_from_ymd (2026, 10, 31)));
    g_assert_false (dag_org_month_declared (back, dag_date_from_ymd (2026, 11, 2)));
  }

  g_assert_cmpint (DAG_AT (back->attendance, DagAttendance, 0)->minutes, ==, 240);
  g_assert_cmpint (dag_store_count_audit (store, NULL), ==, 1);
}

/* The ride rule, boarding times and a vehicle's hours are kept. */
static void
test_transport_settings (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DagStore) store = dag_store_open (dag_test_db (f->path), &error);
  g_autoptr(DagOrg) org = small_org ();
  g_autoptr(DagOrg) back = NULL;
  DagVehicle *v = DAG_AT (org->vehicles, DagVehicle, 0);
  const DagVehicle *w;

  g_assert_no_error (error);
  org->settings.ride_factor = 1.5;
  org->settings.ride_extra_minutes = 10;
  org->settings.boarding_minutes = 2;
  org->settings.boarding_wheelchair_minutes = 5;
  v->available_from = 7 * 60 + 30;
  v->available_until = 18 * 60;
  g_assert_true (dag_store_save (store, org, DAG_SECTION_ALL, "test", &error));
  g_assert_no_error (error);
  back = dag_store_load (store, &error);
  g_assert_no_error (error);

  g_assert_cmpfloat (back->settings.ride_factor, ==, 1.5);
  g_assert_cmpint (back->settings.ride_extra_minutes, ==, 10);
  g_assert_cmpint (back->settings.boarding_minutes, ==, 2);
  g_assert_cmpint (back->settings.boarding_wheelchair_minutes, ==, 5);
  w = DAG_AT (back->vehicles, DagVehicle, 0);
  g_assert_cmpint (w->available_from, ==, 7 * 60 + 30);
  g_assert_cmpint (w->available_until, ==, 18 * 60);
}

/* A database of schema 3 (before the transport settings) opens, migrates
 * to the current schema, and keeps what it held; the new fields read as
 * their defaults.  Schema 3 is made from the current one by dropping the
 * columns migration 4 adds and the tables migration 5 adds. */
static void
test_migrate_from_3 (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DagStore) store = dag_store_open (dag_test_db (f->path), &error);
  g_autoptr(DagOrg) org = small_org ();
  g_autoptr(DagOrg) back = NULL;
  const DagVehicle *v;

  g_assert_no_error (error);
  g_assert_true (dag_store_save (store, org, DAG_SECTION_ALL, "test", &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  /* The same SQL in both backends, but for the version. */
  g_assert_true (dag_test_db_exec (dag_test_db (f->path),
                                   "ALTER TABLE settings DROP COLUMN ride_factor;"
                                   "ALTER TABLE settings DROP COLUMN ride_extra_minutes;"
                                   "ALTER TABLE settings DROP COLUMN boarding_minutes;"
                                   "ALTER TABLE settings DROP COLUMN boarding_wheelchair_minutes;"
                                   "ALTER TABLE vehicle DROP COLUMN available_from;"
                                   "ALTER TABLE vehicle DROP COLUMN available_until;"
                                   "DROP TABLE declaration_line;"
                                   "DROP TABLE declaration;"
                                   "ALTER TABLE product DROP COLUMN category;"
                                   "ALTER TABLE product DROP COLUMN unit_code;"
                                   "ALTER TABLE staffel DROP COLUMN code;"
                                   "DROP TABLE revision;"));
  g_assert_true (dag_test_db_exec (dag_test_db (f->path), dag_test_db_is_pg ()
                                   ? "UPDATE dagritme_schema SET version = 3"
                                   : "PRAGMA user_version = 3"));

  store = dag_store_open (dag_test_db (f->path), &error);
  g_assert_no_error (error);
  g_assert_cmpint (dag_store_get_schema_version (store), ==, DAG_STORE_SCHEMA_VERSION);
  back = dag_store_load (store, &error);
  g_assert_no_error (error);
  assert_same_org (org, back);
  g_assert_cmpint (back->settings.max_ride_minutes, ==, org->settings.max_ride_minutes);
  g_assert_cmpfloat (back->settings.ride_factor, ==, 0);
  g_assert_cmpint (back->settings.ride_extra_minutes, ==, 0);
  g_assert_cmpint (back->settings.boarding_minutes, ==, 0);
  g_assert_cmpint (back->settings.boarding_wheelchair_minutes, ==, 0);
  g_assert_cmpuint (back->vehicles->len, ==, 1);
  v = DAG_AT (back->vehicles, DagVehicle, 0);
  g_assert_cmpstr (v->id, ==, "V1");
  g_assert_cmpint (v->seats, ==, 8);
  g_assert_cmpint (v->cost_per_km_cents, ==, 45);
  g_assert_cmpint (v->available_from, ==, 0);
  g_assert_cmpint (v->available_until, ==, 0);
  g_assert_cmpint (dag_store_count_audit (store, NULL), ==, 1);
}

static void
test_failed_save_changes_nothing (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DagStore) store = dag_store_open (dag_test_db (f->path), &error);
  g_autoptr(DagOrg) org = small_org ();
  g_autoptr(DagOrg) bad = small_org ();
  g_autoptr(DagOrg) back = NULL;
  DagPlanEntry twice = { 0, 0, 0, DAG_DATE_NONE, DAG_DATE_NONE };

  g_assert_true (dag_store_save (store, org, DAG_SECTION_ALL, "test", &error));

  /* A plan entry that ends before it starts breaks the plan's check. */
  g_free (bad->name);
  bad->name = g_strdup ("Changed");
  twice.from = dag_date_from_ymd (2026, 11, 9);
  twice.until = dag_date_from_ymd (2026, 11, 1);
  g_array_append_val (bad->plan, twice);
  g_assert_false (dag_store_save (store, bad, DAG_SECTION_ALL, "test", &error));
  g_assert_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_CONSTRAINT);

  back = dag_store_load (store, NULL);
  g_assert_cmpstr (back->name, ==, "Zorgboerderij De Linde");
  assert_same_org (org, back);
  g_assert_cmpint (dag_store_count_audit (store, NULL), ==, 1);
}

static void
test_sections (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DagStore) store = dag_store_open (dag_test_db (f->path), &error);
  g_autoptr(DagOrg) org = small_org ();
  g_autoptr(DagOrg) back = NULL;

  g_assert_true (dag_store_save (store, org, DAG_SECTION_ALL, "test", &error));
  g_array_set_size (org->plan, 0);
  g_free (org->name);
  org->name = g_strdup ("Not saved");
  g_assert_true (dag_store_save (store, org, DAG_SECTION_PLAN, "plan", &error));
  back = dag_store_load (store, &error);
  g_assert_cmpuint (back->plan->len, ==, 0);
  g_assert_cmpstr (back->name, ==, "Zorgboerderij De Linde");
  g_assert_cmpuint (back->attendance->len, ==, 1);
}

static void
test_newer_version (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DagStore) store = dag_store_open (dag_test_db (f->path), &error);

  g_clear_object (&store);
  g_assert_true (dag_test_db_exec (dag_test_db (f->path), dag_test_db_is_pg ()
                                   ? "UPDATE dagritme_schema SET version = 99"
                                   : "PRAGMA user_version = 99"));

  store = dag_store_open (dag_test_db (f->path), &error);
  g_assert_null (store);
  g_assert_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_VERSION);
}

static void
test_not_a_database (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DagStore) store = NULL;
  g_autofree char *dir = g_path_get_dirname (f->path);

  if (dag_test_db_skip_pg ("a file that is not a database (SQLite)"))
    return;

  g_mkdir_with_parents (dir, 0700);
  g_assert_true (g_file_set_contents (f->path, "this is not a database, just some text to fill a page", -1, NULL));
  store = dag_store_open (dag_test_db (f->path), &error);
  g_assert_null (store);
  g_assert_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_OPEN);
}

/* One staff assignment at a time, as the Staff view makes them. */
static void
test_staffing_row (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DagStore) store = dag_store_open (dag_test_db (f->path), &error);
  g_autoptr(DagOrg) org = small_org ();
  g_autoptr(DagOrg) back = NULL;
  const DagStaffing *second;

  g_assert_true (dag_store_save (store, org, DAG_SECTION_ALL, "test", &error));
  /* S1 works in G1 on Monday morning (slot 0); add Monday afternoon. */
  g_assert_true (dag_store_set_staffing (store, "S1", "G1", 1, TRUE, &error));
  g_assert_no_error (error);
  back = dag_store_load (store, &error);
  g_assert_cmpuint (back->staffing->len, ==, 2);
  second = DAG_AT (back->staffing, DagStaffing, 1);
  g_assert_cmpint (second->staff, ==, 0);
  g_assert_cmpint (second->group, ==, 0);
  g_assert_cmpint (second->slot, ==, 1);
  g_clear_pointer (&back, dag_org_free);
  g_assert_cmpint (dag_store_count_audit (store, NULL), ==, 2);

  /* One group per dagdeel: the same slot twice is refused and says where. */
  g_assert_false (dag_store_set_staffing (store, "S1", "G1", 1, TRUE, &error));
  g_assert_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_CONSTRAINT);
  g_assert_nonnull (strstr (error->message, "G1"));
  g_clear_error (&error);
  g_assert_false (dag_store_set_staffing (store, "S9", "G1", 2, TRUE, &error));
  g_assert_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (dag_store_set_staffing (store, "S1", "G9", 2, TRUE, &error));
  g_assert_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  /* Nothing that failed left a trace, not even in the audit. */
  g_assert_cmpint (dag_store_count_audit (store, NULL), ==, 2);

  /* Taking it away, once. */
  g_assert_true (dag_store_set_staffing (store, "S1", "G1", 1, FALSE, &error));
  g_assert_false (dag_store_set_staffing (store, "S1", "G1", 1, FALSE, &error));
  g_assert_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_NOT_FOUND);
  back = dag_store_load (store, NULL);
  assert_same_org (org, back);
  g_assert_cmpint (dag_store_count_audit (store, NULL), ==, 3);
}

static DagOrg *
load_org (DagStore *store)
{
  g_autoptr(GError) error = NULL;
  DagOrg *org = dag_store_load (store, &error);

  g_assert_no_error (error);
  return org;
}

/* One plan entry moved, added and removed in place; a move of an entry
 * that is not there, or onto a dagdeel the participant already has,
 * changes nothing. */
/* The entries of the week plan of monday that place participant p in slot
 * (group index, or -1 when none). */
static int
group_in_week (DagOrg *org, int p, int slot, DagDate monday)
{
  g_autoptr(DagOrg) week = dag_org_for_week (org, monday);

  for (guint i = 0; i < week->plan->len; i++)
    {
      const DagPlanEntry *e = DAG_AT (week->plan, DagPlanEntry, i);
      if (e->participant == p && e->slot == slot)
        return e->group;
    }
  return -1;
}

static void
test_move_plan_entry (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DagStore) store = dag_store_open (dag_test_db (f->path), &error);
  g_autoptr(DagOrg) org = small_org ();
  g_autoptr(DagOrg) loaded = NULL;
  g_autoptr(GArray) before = NULL;
  DagDate w1 = dag_date_from_ymd (2026, 11, 2), w2 = w1 + 7, w3 = w1 + 14;
  DagDate today = dag_date_from_ymd (2026, 11, 1);
  gint64 audit;

  g_assert_no_error (error);
  g_assert_true (dag_store_save (store, org, DAG_SECTION_ALL, "test", &error));
  audit = dag_store_count_audit (store, NULL);

  /* P1 in G1 on slot 0 moves to slot 1 in week 2 only. */
  g_assert_true (dag_store_move_in_week (store, org, 0, 0, 0, 0, 1, w2, DAG_SCOPE_ONLY_WEEK, today,
                                         "move", &before, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (before->len, ==, 1);
  loaded = load_org (store);
  g_assert_cmpint (group_in_week (loaded, 0, 0, w1), ==, 0);
  g_assert_cmpint (group_in_week (loaded, 0, 1, w1), ==, -1);
  g_assert_cmpint (group_in_week (loaded, 0, 0, w2), ==, -1);
  g_assert_cmpint (group_in_week (loaded, 0, 1, w2), ==, 0);
  g_assert_cmpint (group_in_week (loaded, 0, 0, w3), ==, 0);
  g_assert_cmpint (group_in_week (loaded, 0, 1, w3), ==, -1);
  g_assert_cmpint (dag_store_count_audit (store, NULL), ==, audit + 1);

  /* Undo: the entries as they were. */
  g_assert_true (dag_store_set_participant_plan (store, org, 0, before, "undo", &error));
  g_clear_pointer (&before, g_array_unref);
  g_clear_pointer (&loaded, dag_org_free);
  loaded = load_org (store);
  g_assert_cmpuint (loaded->plan->len, ==, 1);
  g_assert_cmpint (group_in_week (loaded, 0, 0, w2), ==, 0);

  /* From week 2 on: week 1 keeps slot 0, weeks 2 and 3 have slot 1. */
  g_assert_true (dag_store_move_in_week (store, org, 0, 0, 0, 0, 1, w2, DAG_SCOPE_FROM_WEEK, today,
                                         "move", NULL, &error));
  g_clear_pointer (&loaded, dag_org_free);
  loaded = load_org (store);
  g_assert_cmpint (group_in_week (loaded, 0, 0, w1), ==, 0);
  g_assert_cmpint (group_in_week (loaded, 0, 1, w1), ==, -1);
  g_assert_cmpint (group_in_week (loaded, 0, 0, w3), ==, -1);
  g_assert_cmpint (group_in_week (loaded, 0, 1, w3), ==, 0);

  /* Not there any more on slot 0 in week 2. */
  g_assert_false (dag_store_move_in_week (store, org, 0, 0, 0, 0, 1, w2, DAG_SCOPE_FROM_WEEK, today,
                                          "move", NULL, &error));
  g_assert_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Added on slot 0 from the waiting list, then once more on slot 1,
   * where P1 already is. */
  g_assert_true (dag_store_move_in_week (store, org, 0, -1, -1, 0, 0, w2, DAG_SCOPE_FROM_WEEK, today,
                                         "move", NULL, &error));
  g_assert_false (dag_store_move_in_week (store, org, 0, -1, -1, 0, 1, w2, DAG_SCOPE_FROM_WEEK, today,
                                          "move", NULL, &error));
  g_assert_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);

  /* A past week is frozen: refused with the reason, nothing changes. */
  g_assert_false (dag_store_move_in_week (store, org, 0, 0, 0, -1, -1, w1, DAG_SCOPE_FROM_WEEK, w2,
                                          "move", NULL, &error));
  g_assert_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_FROZEN);
  g_assert_nonnull (strstr (error->message, "2026-11-02"));
  g_clear_error (&error);

  /* Removed from slot 1 from week 3 on (to the waiting list). */
  g_assert_true (dag_store_move_in_week (store, org, 0, 0, 1, -1, -1, w3, DAG_SCOPE_FROM_WEEK, today,
                                         "move", NULL, &error));
  g_clear_pointer (&loaded, dag_org_free);
  loaded = load_org (store);
  g_assert_cmpint (group_in_week (loaded, 0, 1, w2), ==, 0);
  g_assert_cmpint (group_in_week (loaded, 0, 1, w3), ==, -1);
  g_assert_cmpint (group_in_week (loaded, 0, 0, w3), ==, 0);
  g_assert_cmpint (group_in_week (loaded, 0, 0, w1), ==, 0);
  g_assert_cmpint (dag_store_count_audit (store, NULL), ==, audit + 5);
}

/* An indication follows its product by name when its contract's products
 * are replaced by a list in another order. */
static void
test_remap_products (Fixture *f, gconstpointer data)
{
  g_autoptr(DagOrg) org = small_org ();
  g_autoptr(DagOrg) before = small_org ();
  DagContract *c = DAG_AT (org->contracts, DagContract, 0);
  DagProduct *p, swap;

  /* Before: [M3], the indication at 0.  After: [M1, M3]. */
  p = dag_contract_add_product (c);
  p->product = g_strdup ("M1");
  swap = g_array_index (c->products, DagProduct, 0);
  g_array_index (c->products, DagProduct, 0) = g_array_index (c->products, DagProduct, 1);
  g_array_index (c->products, DagProduct, 1) = swap;
  g_assert_cmpstr (DAG_AT (c->products, DagProduct, 1)->product, ==, "M3");

  dag_org_remap_products (org, 0, DAG_AT (before->contracts, DagContract, 0));
  g_assert_cmpint (DAG_AT (org->indications, DagIndication, 0)->product, ==, 1);
}

/* The URI of the test's schema as database user role. */
static char *
uri_as (const char *uri,
        const char *role)
{
  g_auto(GStrv) parts = g_strsplit (uri, "user=postgres", 2);

  g_assert_cmpint (g_strv_length (parts), ==, 2);
  return g_strconcat (parts[0], "user=", role, parts[1], NULL);
}

/* Who may see what is enforced by the server: a begeleider's query of a
 * BSN is refused, their window reads the views without BSN and health
 * data; a coordinator sees no declaration lines and may not declare; the
 * audit names the database user. */
static void
test_roles (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DagStore) store = NULL;
  g_autoptr(DagStore) as_begeleider = NULL;
  g_autoptr(DagStore) as_coordinator = NULL;
  g_autoptr(DagOrg) org = small_org ();
  g_autoptr(DagOrg) seen = NULL;
  g_autofree char *beg = NULL;
  g_autofree char *coord = NULL;
  g_autofree char *count = NULL;
  g_autofree char *who = NULL;
  const char *uri;

  if (!dag_test_db_is_pg ())
    {
      g_test_skip ("database roles are PostgreSQL's");
      return;
    }
  uri = dag_test_db (f->path);
  store = dag_store_open (uri, &error);
  g_assert_no_error (error);
  g_assert_true (dag_store_save (store, org, DAG_SECTION_ALL, "test", &error));
  g_assert_no_error (error);
  g_assert_true (dag_store_grant_roles (store, &error));
  g_assert_no_error (error);
  /* Again: it brings the grants up to date. */
  g_assert_true (dag_store_grant_roles (store, &error));
  g_assert_no_error (error);
  g_assert_true (dag_test_db_exec (uri, "DO $$ BEGIN"
                                        " IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'test_begeleider') THEN"
                                        "  CREATE ROLE test_begeleider LOGIN IN ROLE dagritme_begeleider; END IF;"
                                        " IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'test_coordinator') THEN"
                                        "  CREATE ROLE test_coordinator LOGIN IN ROLE dagritme_coordinator; END IF;"
                                        " END $$"));
  beg = uri_as (uri, "test_begeleider");
  coord = uri_as (uri, "test_coordinator");
  /* Not yet tied to a staff member: a begeleider reads no one. */
  g_clear_pointer (&count, g_free);
  count = dag_test_db_query (beg, "SELECT count (*) FROM participant_public");
  g_assert_cmpstr (count, ==, "0");
  g_clear_pointer (&count, g_free);
  g_assert_true (dag_test_db_exec (uri, "INSERT INTO staff_login VALUES ('test_begeleider', 'S1')"));

  /* The server refuses the BSN and the health fields to a begeleider. */
  g_assert_false (dag_test_db_exec (beg, "SELECT bsn FROM participant"));
  g_assert_false (dag_test_db_exec (beg, "SELECT level FROM indication"));
  g_assert_false (dag_test_db_exec (beg, "SELECT reason FROM absence"));
  g_assert_false (dag_test_db_exec (beg, "SELECT reason FROM attendance"));
  g_assert_false (dag_test_db_exec (beg, "UPDATE grp SET name = 'x'"));
  count = dag_test_db_query (beg, "SELECT count (*) FROM participant_public WHERE bsn = ''");
  g_assert_cmpstr (count, ==, "1");

  /* Their window still reads the plan and the staffing. */
  as_begeleider = dag_store_open (beg, &error);
  g_assert_no_error (error);
  seen = dag_store_load (as_begeleider, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (seen->participants->len, ==, org->participants->len);
  g_assert_cmpstr (DAG_AT (seen->participants, DagParticipant, 0)->bsn, ==, "");
  g_assert_cmpuint (seen->plan->len, ==, org->plan->len);
  g_assert_cmpuint (seen->staffing->len, ==, org->staffing->len);
  g_assert_cmpuint (seen->indications->len, ==, 0);
  g_assert_cmpuint (seen->attendance->len, ==, 0);
  for (guint i = 0; i < seen->absences->len; i++)
    g_assert_null (DAG_AT (seen->absences, DagAbsence, i)->reason);
  g_assert_false (dag_store_save (as_begeleider, seen, DAG_SECTION_PLAN, "test", &error));
  g_assert_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_clear_pointer (&seen, dag_org_free);

  /* A coordinator: the months that are final, not the declarations. */
  g_assert_false (dag_test_db_exec (coord, "SELECT amount_cents FROM declaration_line"));
  as_coordinator = dag_store_open (coord, &error);
  g_assert_no_error (error);
  seen = dag_store_load (as_coordinator, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (seen->declarations->len, ==, org->declarations->len);
  for (guint i = 0; i < seen->declarations->len; i++)
    g_assert_cmpuint (DAG_AT (seen->declarations, DagDeclaration, i)->lines->len, ==, 0);
  g_assert_cmpuint (seen->indications->len, ==, org->indications->len);
  g_assert_false (dag_store_save (as_coordinator, seen, DAG_SECTION_DECLARATIONS, "declare", &error));
  g_assert_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_true (dag_store_save (as_coordinator, seen, DAG_SECTION_STAFFING, "plan", &error));
  g_assert_no_error (error);
  who = dag_test_db_query (uri, "SELECT who FROM audit ORDER BY rowid DESC LIMIT 1");
  g_assert_cmpstr (who, ==, "test_coordinator");
}

/* admin init-server: the database is made on the server when missing, in
 * the C collation, and found the next time. */
static void
test_create_database (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("dagritme_test_%u", g_random_int ());
  g_auto(GStrv) parts = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *collation = NULL;
  g_autoptr(DagStore) store = NULL;
  gboolean created = FALSE;

  if (!dag_test_db_is_pg ())
    {
      g_test_skip ("databases on a server are PostgreSQL's");
      return;
    }
  /* postgresql:///dagritme?… → postgresql:///NAME?… */
  parts = g_strsplit (g_getenv ("DAG_TEST_PG"), "?", 2);
  g_assert_true (g_str_has_prefix (parts[0], "postgresql:///"));
  uri = g_strdup_printf ("postgresql:///%s?%s", name, parts[1]);
  g_assert_true (dag_store_create_database (uri, &created, &error));
  g_assert_no_error (error);
  g_assert_true (created);
  g_assert_true (dag_store_create_database (uri, &created, &error));
  g_assert_false (created);
  store = dag_store_open (uri, &error);
  g_assert_no_error (error);
  g_assert_cmpint (dag_store_get_schema_version (store), ==, DAG_STORE_SCHEMA_VERSION);
  g_assert_true (dag_store_grant_roles (store, &error));
  g_assert_no_error (error);
  collation = dag_test_db_query (uri, "SELECT datcollate FROM pg_database WHERE datname = current_database ()");
  g_assert_cmpstr (collation, ==, "C");
}

/* A password in a database URI is never shown: not in the error of a
 * connection that failed, not in the path the window and the command line
 * print. */
static void
test_uri_password_hidden (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DagStore) store = NULL;
  const char *uris[] = {
    "postgresql://anna:geheim123@/nowhere?host=/nonexistent-dagritme",
    "postgresql:///nowhere?host=/nonexistent-dagritme&user=anna&password=geheim123",
    /* One libpq cannot read, and quotes. */
    "postgresql://anna:geheim123@[nowhere",
  };

  for (guint i = 0; i < G_N_ELEMENTS (uris); i++)
    {
      store = dag_store_open (uris[i], &error);
      g_assert_null (store);
      g_assert_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_OPEN);
      g_assert_null (strstr (error->message, "geheim123"));
      g_assert_nonnull (strstr (error->message, "nowhere"));
      g_clear_error (&error);
    }
  {
    gboolean created = TRUE;

    g_assert_false (dag_store_create_database (uris[2], &created, &error));
    g_assert_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_OPEN);
    g_assert_null (strstr (error->message, "geheim123"));
    g_clear_error (&error);
  }
  g_assert_true (dag_store_is_uri (uris[0]));
  g_assert_false (dag_store_is_uri ("/home/anna/dagritme.db"));
}

/* A begeleider reads the plan, the staffing and the participants of the
 * locations they work at only; a coordinator reads all. */
static void
test_roles_locations (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DagStore) store = NULL;
  g_autoptr(DagStore) as_begeleider = NULL;
  g_autoptr(DagOrg) seen = NULL;
  g_autoptr(GHashTable) planned = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *beg = NULL;
  g_autofree char *sql = NULL;
  DagDemoOptions options;
  DagOrg *org;
  const DagStaff *me = NULL;
  int location = -1;
  const char *uri;

  if (!dag_test_db_is_pg ())
    {
      g_test_skip ("database roles are PostgreSQL's");
      return;
    }
  uri = dag_test_db (f->path);
  store = dag_store_open (uri, &error);
  g_assert_no_error (error);
  dag_demo_options_init (&options);
  options.participants = 150;
  org = dag_demo_generate (&options);
  g_assert_cmpuint (org->locations->len, >, 1);
  g_assert_true (dag_store_save (store, org, DAG_SECTION_ALL, "test", &error));
  g_assert_no_error (error);
  g_assert_true (dag_store_grant_roles (store, &error));
  g_assert_no_error (error);

  /* A staff member who works at one location only. */
  for (guint s = 0; s < org->staff->len && me == NULL; s++)
    {
      int at = -1;
      gboolean one = TRUE, any = FALSE;

      for (guint i = 0; i < org->staffing->len; i++)
        {
          const DagStaffing *e = DAG_AT (org->staffing, DagStaffing, i);
          int l = DAG_AT (org->groups, DagGroup, e->group)->location;

          if (e->staff != (int) s)
            continue;
          any = TRUE;
          if (at >= 0 && l != at)
            one = FALSE;
          at = l;
        }
      if (any && one)
        {
          me = DAG_AT (org->staff, DagStaff, s);
          location = at;
        }
    }
  g_assert_nonnull (me);
  g_assert_true (dag_test_db_exec (uri, "DO $$ BEGIN"
                                        " IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'test_begeleider') THEN"
                                        "  CREATE ROLE test_begeleider LOGIN IN ROLE dagritme_begeleider; END IF;"
                                        " END $$"));
  sql = g_strdup_printf ("INSERT INTO staff_login VALUES ('test_begeleider', '%s')", me->id);
  g_assert_true (dag_test_db_exec (uri, sql));
  beg = uri_as (uri, "test_begeleider");

  as_begeleider = dag_store_open (beg, &error);
  g_assert_no_error (error);
  seen = dag_store_load (as_begeleider, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (seen->plan->len, >, 0);
  g_assert_cmpuint (seen->plan->len, <, org->plan->len);
  for (guint i = 0; i < seen->plan->len; i++)
    {
      const DagPlanEntry *e = DAG_AT (seen->plan, DagPlanEntry, i);

      g_assert_cmpint (DAG_AT (seen->groups, DagGroup, e->group)->location, ==, location);
      g_hash_table_add (planned, DAG_AT (seen->participants, DagParticipant, e->participant)->id);
    }
  for (guint i = 0; i < seen->staffing->len; i++)
    {
      const DagStaffing *e = DAG_AT (seen->staffing, DagStaffing, i);

      g_assert_cmpint (DAG_AT (seen->groups, DagGroup, e->group)->location, ==, location);
    }
  g_assert_cmpuint (seen->participants->len, ==, g_hash_table_size (planned));
  g_assert_cmpuint (seen->participants->len, <, org->participants->len);
  dag_org_free (org);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  dag_test_db_init ();
  g_test_add ("/store/migrate", Fixture, NULL, fixture_setup, test_migrate, fixture_teardown);
  g_test_add ("/store/mode", Fixture, NULL, fixture_setup, test_mode, fixture_teardown);
  g_test_add ("/store/mode-tightened", Fixture, NULL, fixture_setup, test_mode_tightened, fixture_teardown);
  g_test_add ("/store/round-trip", Fixture, NULL, fixture_setup, test_round_trip, fixture_teardown);
  g_test_add ("/store/transport-settings", Fixture, NULL, fixture_setup, test_transport_settings, fixture_teardown);
  g_test_add ("/store/migrate-from-3", Fixture, NULL, fixture_setup, test_migrate_from_3, fixture_teardown);
  g_test_add ("/store/failed-save", Fixture, NULL, fixture_setup, test_failed_save_changes_nothing, fixture_teardown);
  g_test_add ("/store/sections", Fixture, NULL, fixture_setup, test_sections, fixture_teardown);
  g_test_add ("/store/newer-version", Fixture, NULL, fixture_setup, test_newer_version, fixture_teardown);
  g_test_add ("/store/remap-products", Fixture, NULL, fixture_setup, test_remap_products, fixture_teardown);
  g_test_add ("/store/staffing-row", Fixture, NULL, fixture_setup, test_staffing_row, fixture_teardown);
  g_test_add ("/store/move-plan-entry", Fixture, NULL, fixture_setup, test_move_plan_entry, fixture_teardown);
  g_test_add ("/store/not-a-database", Fixture, NULL, fixture_setup, test_not_a_database, fixture_teardown);
  g_test_add ("/store/roles", Fixture, NULL, fixture_setup, test_roles, fixture_teardown);
  g_test_add ("/store/roles-locations", Fixture, NULL, fixture_setup, test_roles_locations, fixture_teardown);
  g_test_add_func ("/store/create-database", test_create_database);
#ifdef HAVE_LIBPQ
  g_test_add_func ("/store/uri-password-hidden", test_uri_password_hidden);
#endif
  return g_test_run ();
}
