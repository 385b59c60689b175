/* test-records.c — editing locations, groups, staff, vehicles and contracts
 * through the store: each bad field refused by name with nothing written,
 * edits that come back from a reload, and deletes refused while others
 * still refer to the record. */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "dag-test-db.h"
#include "dag-demo.h"
#include "dag-store-records.h"
#include "dag-validate.h"

typedef struct {
  char     *dir;
  char     *path;
  DagStore *store;
  DagOrg   *org;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  DagDemoOptions options;
  g_autoptr(GError) error = NULL;
  DagOrg *demo;

  f->dir = g_dir_make_tmp ("dagritme-records-XXXXXX", NULL);
  g_assert_nonnull (f->dir);
  f->path = g_build_filename (f->dir, "test.db", NULL);
  f->store = dag_store_open (dag_test_db (f->path), &error);
  g_assert_no_error (error);
  dag_demo_options_init (&options);
  options.participants = DAG_DEMO_MIN_PARTICIPANTS;
  demo = dag_demo_generate (&options);
  g_assert_true (dag_store_save (f->store, demo, DAG_SECTION_ALL, "test", &error));
  g_assert_no_error (error);
  dag_org_free (demo);
  f->org = dag_store_load (f->store, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  dag_org_free (f->org);
  g_clear_object (&f->store);
  g_unlink (f->path);
  g_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static void
reload (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  dag_org_free (f->org);
  f->org = dag_store_load (f->store, &error);
  g_assert_no_error (error);
}

static gint64
audit_count (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  gint64 n = dag_store_count_audit (f->store, &error);

  g_assert_no_error (error);
  return n;
}

/* ---- bad fields ----------------------------------------------------------- */

typedef struct {
  const char *name;
  DagKind     kind;
  void      (*spoil) (DagOrg *org, gpointer record);
  const char *prefix;                 /* the message starts with this */
} BadCase;

static void spoil_location_postcode (DagOrg *o, gpointer r) { ((DagLocation *) r)->address = (char *) "Lindelaan 1, 0800 AA Arnhem"; }
static void spoil_location_name (DagOrg *o, gpointer r) { ((DagLocation *) r)->name = (char *) " "; }
static void spoil_location_lat (DagOrg *o, gpointer r) { ((DagLocation *) r)->lat = 91; }
static void spoil_location_times (DagOrg *o, gpointer r)
{
  DagLocation *l = r;
  l->has_part[DAG_PART_AM] = TRUE;
  l->part_start[DAG_PART_AM] = 13 * 60;
  l->part_end[DAG_PART_AM] = 9 * 60;
}
static void spoil_group_capacity (DagOrg *o, gpointer r) { ((DagGroup *) r)->capacity = 0; }
static void spoil_group_levels (DagOrg *o, gpointer r) { ((DagGroup *) r)->min_level = 3; ((DagGroup *) r)->max_level = 2; }
static void spoil_group_level (DagOrg *o, gpointer r) { ((DagGroup *) r)->max_level = 9; }
static void spoil_group_location (DagOrg *o, gpointer r) { ((DagGroup *) r)->location = 999; }
static void spoil_staff_hours (DagOrg *o, gpointer r) { ((DagStaff *) r)->contract_hours = 169; }
static void spoil_staff_email (DagOrg *o, gpointer r) { ((DagStaff *) r)->email = (char *) "anouk at example.org"; }
static void spoil_staff_name (DagOrg *o, gpointer r) { ((DagStaff *) r)->name = (char *) ""; }
static void spoil_vehicle_seats (DagOrg *o, gpointer r) { ((DagVehicle *) r)->seats = 0; }
static void spoil_vehicle_wheelchair (DagOrg *o, gpointer r) { ((DagVehicle *) r)->wheelchair_places = -1; }
static void spoil_vehicle_cost (DagOrg *o, gpointer r) { ((DagVehicle *) r)->cost_per_km_cents = -5; }
static void spoil_contract_municipality (DagOrg *o, gpointer r) { ((DagContract *) r)->municipality = -1; }

static const BadCase bad_cases[] = {
  { "location-postcode", DAG_KIND_LOCATION, spoil_location_postcode, "Address: " },
  { "location-name", DAG_KIND_LOCATION, spoil_location_name, "Name: " },
  { "location-latitude", DAG_KIND_LOCATION, spoil_location_lat, "Latitude: " },
  { "location-times", DAG_KIND_LOCATION, spoil_location_times, "Morning: must be later than the start" },
  { "group-capacity", DAG_KIND_GROUP, spoil_group_capacity, "Capacity: must be at least 1" },
  { "group-levels", DAG_KIND_GROUP, spoil_group_levels, "Highest level: " },
  { "group-unknown-level", DAG_KIND_GROUP, spoil_group_level, "Highest level: " },
  { "group-location", DAG_KIND_GROUP, spoil_group_location, "Location: " },
  { "staff-hours", DAG_KIND_STAFF, spoil_staff_hours, "Contract hours: must be at most 168" },
  { "staff-email", DAG_KIND_STAFF, spoil_staff_email, "Email: " },
  { "staff-name", DAG_KIND_STAFF, spoil_staff_name, "Name: " },
  { "vehicle-seats", DAG_KIND_VEHICLE, spoil_vehicle_seats, "Seats: must be at least 1" },
  { "vehicle-wheelchair", DAG_KIND_VEHICLE, spoil_vehicle_wheelchair, "Wheelchair places: must be at least 0" },
  { "vehicle-cost", DAG_KIND_VEHICLE, spoil_vehicle_cost, "Cost per km: " },
  { "contract-municipality", DAG_KIND_CONTRACT, spoil_contract_municipality, "Municipality: " },
};

/* A shallow copy of record 0 of kind (its strings stay the org's). */
static gpointer
copy_first (DagOrg *org, DagKind kind)
{
  switch (kind)
    {
    case DAG_KIND_LOCATION: return g_memdup2 (DAG_AT (org->locations, DagLocation, 0), sizeof (DagLocation));
    case DAG_KIND_GROUP: return g_memdup2 (DAG_AT (org->groups, DagGroup, 0), sizeof (DagGroup));
    case DAG_KIND_STAFF: return g_memdup2 (DAG_AT (org->staff, DagStaff, 0), sizeof (DagStaff));
    case DAG_KIND_VEHICLE: return g_memdup2 (DAG_AT (org->vehicles, DagVehicle, 0), sizeof (DagVehicle));
    case DAG_KIND_CONTRACT: return g_memdup2 (DAG_AT (org->contracts, DagContract, 0), sizeof (DagContract));
    default: g_assert_not_reached ();
    }
}

static void
test_bad_field (Fixture *f, gconstpointer data)
{
  const BadCase *c = data;
  g_autoptr(GError) error = NULL;
  g_autofree gpointer record = copy_first (f->org, c->kind);
  gint64 audits = audit_count (f);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  const char *field = NULL;

  c->spoil (f->org, record);
  g_assert_false (dag_store_check_record (f->org, c->kind, record, &field, &error));
  g_assert_error (error, DAG_VALIDATE_ERROR, DAG_VALIDATE_ERROR_INVALID);
  g_assert_nonnull (field);
  if (!g_str_has_prefix (error->message, c->prefix))
    g_error ("expected the message to start with “%s”, got “%s”", c->prefix, error->message);
  g_clear_error (&error);

  /* The same record offered to the store: refused, nothing written. */
  g_assert_false (dag_store_update_record (f->store, f->org, c->kind, record, &error));
  g_assert_error (error, DAG_VALIDATE_ERROR, DAG_VALIDATE_ERROR_INVALID);
  g_assert_cmpint (audit_count (f), ==, audits);
  g_clear_error (&error);
  g_assert_false (dag_store_add_record (f->store, f->org, c->kind, record, &error));
  g_assert_error (error, DAG_VALIDATE_ERROR, DAG_VALIDATE_ERROR_INVALID);
  g_assert_cmpint (audit_count (f), ==, audits);

  /* The stored organisation is the same as before. */
  before = g_strdup_printf ("%u %u %u %u %u %d %d", f->org->locations->len, f->org->groups->len,
                            f->org->staff->len, f->org->vehicles->len, f->org->contracts->len,
                            DAG_AT (f->org->groups, DagGroup, 0)->capacity,
                            DAG_AT (f->org->vehicles, DagVehicle, 0)->seats);
  g_free (record);
  record = NULL;
  reload (f);
  after = g_strdup_printf ("%u %u %u %u %u %d %d", f->org->locations->len, f->org->groups->len,
                           f->org->staff->len, f->org->vehicles->len, f->org->contracts->len,
                           DAG_AT (f->org->groups, DagGroup, 0)->capacity,
                           DAG_AT (f->org->vehicles, DagVehicle, 0)->seats);
  g_assert_cmpstr (after, ==, before);
}

/* ---- round trips ---------------------------------------------------------- */

static void
test_update_roundtrip (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  DagStaff staff = *DAG_AT (f->org->staff, DagStaff, 1);
  DagGroup group = *DAG_AT (f->org->groups, DagGroup, 0);
  DagLocation location = *DAG_AT (f->org->locations, DagLocation, 0);
  DagVehicle vehicle = *DAG_AT (f->org->vehicles, DagVehicle, 0);
  DagContract contract = *DAG_AT (f->org->contracts, DagContract, 0);
  g_autoptr(GArray) closures = g_array_new (FALSE, FALSE, sizeof (DagDate));
  DagDate christmas_eve = dag_date_from_ymd (2026, 12, 24);
  g_autofree char *staff_id = g_strdup (staff.id);
  gint64 audits = audit_count (f);
  gboolean noshow = !contract.noshow_billable;

  staff.contract_hours = 20;
  staff.name = (char *) "Anouk de Vries";
  staff.email = NULL;
  g_assert_true (dag_store_update_record (f->store, f->org, DAG_KIND_STAFF, &staff, &error));
  g_assert_no_error (error);

  group.capacity = 7;
  group.name = (char *) "Houtwerkplaats";
  g_assert_true (dag_store_update_record (f->store, f->org, DAG_KIND_GROUP, &group, &error));
  g_assert_no_error (error);

  g_array_append_val (closures, christmas_eve);
  location.closures = closures;
  location.address = (char *) "Lindelaan 1, 6800 AA Arnhem";
  g_assert_true (dag_store_update_record (f->store, f->org, DAG_KIND_LOCATION, &location, &error));
  g_assert_no_error (error);

  vehicle.seats = 5;
  vehicle.wheelchair_places = 1;
  vehicle.cost_per_km_cents = 61;
  g_assert_true (dag_store_update_record (f->store, f->org, DAG_KIND_VEHICLE, &vehicle, &error));
  g_assert_no_error (error);

  contract.noshow_billable = noshow;
  g_assert_true (dag_store_update_record (f->store, f->org, DAG_KIND_CONTRACT, &contract, &error));
  g_assert_no_error (error);
  g_assert_cmpint (audit_count (f), ==, audits + 5);

  reload (f);
  g_assert_cmpstr (DAG_AT (f->org->staff, DagStaff, 1)->id, ==, staff_id);
  g_assert_cmpint (DAG_AT (f->org->staff, DagStaff, 1)->contract_hours, ==, 20);
  g_assert_cmpstr (DAG_AT (f->org->staff, DagStaff, 1)->name, ==, "Anouk de Vries");
  g_assert_null (DAG_AT (f->org->staff, DagStaff, 1)->email);
  g_assert_cmpint (DAG_AT (f->org->groups, DagGroup, 0)->capacity, ==, 7);
  g_assert_cmpstr (DAG_AT (f->org->groups, DagGroup, 0)->name, ==, "Houtwerkplaats");
  g_assert_cmpuint (DAG_AT (f->org->locations, DagLocation, 0)->closures->len, ==, 1);
  g_assert_cmpuint (g_array_index (DAG_AT (f->org->locations, DagLocation, 0)->closures, DagDate, 0), ==, christmas_eve);
  g_assert_cmpstr (DAG_AT (f->org->locations, DagLocation, 0)->address, ==, "Lindelaan 1, 6800 AA Arnhem");
  g_assert_cmpint (DAG_AT (f->org->vehicles, DagVehicle, 0)->seats, ==, 5);
  g_assert_cmpint (DAG_AT (f->org->vehicles, DagVehicle, 0)->wheelchair_places, ==, 1);
  g_assert_cmpint (DAG_AT (f->org->vehicles, DagVehicle, 0)->cost_per_km_cents, ==, 61);
  g_assert_cmpint (DAG_AT (f->org->contracts, DagContract, 0)->noshow_billable, ==, noshow);
}

static void
test_add_delete_vehicle (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  DagVehicle v = { 0 };
  guint n = f->org->vehicles->len;
  gint64 audits = audit_count (f);
  int i;

  v.id = (char *) "V-NEW";
  v.name = (char *) "Rolstoelbus";
  v.seats = 6;
  v.wheelchair_places = 2;
  v.location = 0;
  v.cost_per_km_cents = 52;
  g_assert_true (dag_store_add_record (f->store, f->org, DAG_KIND_VEHICLE, &v, &error));
  g_assert_no_error (error);
  reload (f);
  g_assert_cmpuint (f->org->vehicles->len, ==, n + 1);
  i = dag_org_lookup (f->org, DAG_KIND_VEHICLE, "V-NEW");
  g_assert_cmpint (i, ==, (int) n);
  g_assert_cmpstr (DAG_AT (f->org->vehicles, DagVehicle, i)->name, ==, "Rolstoelbus");
  g_assert_cmpint (DAG_AT (f->org->vehicles, DagVehicle, i)->wheelchair_places, ==, 2);
  g_assert_cmpstr (DAG_AT (f->org->locations, DagLocation,
                           DAG_AT (f->org->vehicles, DagVehicle, i)->location)->id, ==,
                   DAG_AT (f->org->locations, DagLocation, 0)->id);

  /* The same id again is refused. */
  g_assert_false (dag_store_add_record (f->store, f->org, DAG_KIND_VEHICLE, &v, &error));
  g_assert_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_CONSTRAINT);
  g_assert_true (g_str_has_prefix (error->message, "Id: "));
  g_clear_error (&error);

  g_assert_true (dag_store_delete_record (f->store, DAG_KIND_VEHICLE, "V-NEW", &error));
  g_assert_no_error (error);
  reload (f);
  g_assert_cmpuint (f->org->vehicles->len, ==, n);
  g_assert_cmpint (dag_org_lookup (f->org, DAG_KIND_VEHICLE, "V-NEW"), ==, -1);
  g_assert_cmpint (audit_count (f), ==, audits + 2);

  g_assert_false (dag_store_delete_record (f->store, DAG_KIND_VEHICLE, "V-NEW", &error));
  g_assert_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_NOT_FOUND);
  g_assert_cmpint (audit_count (f), ==, audits + 2);
}

static void
test_add_location_and_group (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) closures = g_array_new (FALSE, FALSE, sizeof (DagDate));
  g_autoptr(GPtrArray) products = g_ptr_array_new ();
  DagLocation l = { 0 };
  DagGroup g = { 0 };
  int li, gi;

  l.id = (char *) "L-NEW";
  l.name = (char *) "Atelier Oost";
  l.address = (char *) "Oostweg 3, 6822 AB Arnhem";
  l.lat = 51.98;
  l.lon = 5.93;
  l.has_part[DAG_PART_AM] = TRUE;
  l.part_start[DAG_PART_AM] = 9 * 60;
  l.part_end[DAG_PART_AM] = 12 * 60 + 30;
  l.closures = closures;
  g_assert_true (dag_store_add_record (f->store, f->org, DAG_KIND_LOCATION, &l, &error));
  g_assert_no_error (error);
  reload (f);
  li = dag_org_lookup (f->org, DAG_KIND_LOCATION, "L-NEW");
  g_assert_cmpint (li, >=, 0);
  g_assert_false (DAG_AT (f->org->locations, DagLocation, li)->has_part[DAG_PART_PM]);
  g_assert_cmpint (DAG_AT (f->org->locations, DagLocation, li)->part_end[DAG_PART_AM], ==, 750);

  g_ptr_array_add (products, (char *) "M3");
  g.id = (char *) "G-NEW";
  g.location = li;
  g.name = (char *) "Schilderen";
  g.products = products;
  g.min_level = 1;
  g.max_level = 2;
  g.capacity = 6;
  g.slots = DAG_SLOT_BIT (DAG_SLOT (0, DAG_PART_AM));
  /* The location is closed in the afternoon: a group cannot run then. */
  g.slots |= DAG_SLOT_BIT (DAG_SLOT (0, DAG_PART_PM));
  g_assert_false (dag_store_add_record (f->store, f->org, DAG_KIND_GROUP, &g, &error));
  g_assert_true (g_str_has_prefix (error->message, "Dagdelen: "));
  g_clear_error (&error);
  g.slots = DAG_SLOT_BIT (DAG_SLOT (0, DAG_PART_AM));
  g_assert_true (dag_store_add_record (f->store, f->org, DAG_KIND_GROUP, &g, &error));
  g_assert_no_error (error);
  reload (f);
  gi = dag_org_lookup (f->org, DAG_KIND_GROUP, "G-NEW");
  g_assert_cmpint (gi, >=, 0);
  g_assert_cmpint (DAG_AT (f->org->groups, DagGroup, gi)->location, ==, li);
  g_assert_cmpuint (DAG_AT (f->org->groups, DagGroup, gi)->products->len, ==, 1);

  /* The location has a group now. */
  g_assert_false (dag_store_delete_record (f->store, DAG_KIND_LOCATION, "L-NEW", &error));
  g_assert_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_CONSTRAINT);
  g_assert_cmpstr (error->message, ==, "The location still has 1 group; move or delete it first");
  g_clear_error (&error);
  g_assert_true (dag_store_delete_record (f->store, DAG_KIND_GROUP, "G-NEW", &error));
  g_assert_no_error (error);
  g_assert_true (dag_store_delete_record (f->store, DAG_KIND_LOCATION, "L-NEW", &error));
  g_assert_no_error (error);
  reload (f);
  g_assert_cmpint (dag_org_lookup (f->org, DAG_KIND_LOCATION, "L-NEW"), ==, -1);
}

/* ---- references ----------------------------------------------------------- */

static DagStaff
copy_staff (const DagStaff *s)
{
  DagStaff copy = *s;

  copy.id = g_strdup (s->id);
  copy.name = g_strdup (s->name);
  copy.email = g_strdup (s->email);
  return copy;
}

static void
test_delete_planned_group (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  gint64 audits = audit_count (f);
  guint groups = f->org->groups->len;
  int group = -1, planned = 0;

  for (guint i = 0; i < f->org->plan->len && group < 0; i++)
    group = DAG_AT (f->org->plan, DagPlanEntry, i)->group;
  g_assert_cmpint (group, >=, 0);
  for (guint i = 0; i < f->org->plan->len; i++)
    planned += DAG_AT (f->org->plan, DagPlanEntry, i)->group == group;
  g_assert_cmpint (planned, >, 1);

  g_assert_false (dag_store_delete_record (f->store, DAG_KIND_GROUP,
                                           DAG_AT (f->org->groups, DagGroup, group)->id, &error));
  g_assert_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_CONSTRAINT);
  expected = g_strdup_printf ("The group still has %d planned dagdelen; move them first", planned);
  g_assert_cmpstr (error->message, ==, expected);
  g_assert_cmpint (audit_count (f), ==, audits);
  reload (f);
  g_assert_cmpuint (f->org->groups->len, ==, groups);
}

static void
test_group_drops_planned_slot (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  const DagPlanEntry *e = DAG_AT (f->org->plan, DagPlanEntry, 0);
  int group = e->group;
  DagGroup g = *DAG_AT (f->org->groups, DagGroup, group);
  DagSlotMask slots = g.slots;

  g.slots &= ~DAG_SLOT_BIT (e->slot);
  g_assert_false (dag_store_update_record (f->store, f->org, DAG_KIND_GROUP, &g, &error));
  g_assert_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_CONSTRAINT);
  g_assert_true (g_str_has_prefix (error->message, "Dagdelen: "));
  reload (f);
  g_assert_cmpuint (DAG_AT (f->org->groups, DagGroup, group)->slots, ==, slots);
}

static void
test_delete_staff_takes_staffing (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  int staff = -1, assignments = 0;
  guint staffing = f->org->staffing->len, n_staff = f->org->staff->len;
  g_autofree char *id = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  DagStaff record;

  /* A staff member with staffing who drives no run. */
  for (guint i = 0; i < f->org->staffing->len && staff < 0; i++)
    {
      int s = DAG_AT (f->org->staffing, DagStaffing, i)->staff;
      gboolean drives = FALSE;

      for (guint r = 0; r < f->org->runs->len; r++)
        drives |= DAG_AT (f->org->runs, DagRun, r)->driver == s;
      if (!drives)
        staff = s;
    }
  g_assert_cmpint (staff, >=, 0);
  for (guint i = 0; i < f->org->staffing->len; i++)
    assignments += DAG_AT (f->org->staffing, DagStaffing, i)->staff == staff;
  id = g_strdup (DAG_AT (f->org->staff, DagStaff, staff)->id);
  record = copy_staff (DAG_AT (f->org->staff, DagStaff, staff));
  rows = dag_store_list_record_staffing (f->store, DAG_KIND_STAFF, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, assignments);

  g_assert_true (dag_store_delete_record (f->store, DAG_KIND_STAFF, id, &error));
  g_assert_no_error (error);
  reload (f);
  g_assert_cmpuint (f->org->staff->len, ==, n_staff - 1);
  g_assert_cmpuint (f->org->staffing->len, ==, staffing - assignments);
  g_assert_cmpint (dag_org_lookup (f->org, DAG_KIND_STAFF, id), ==, -1);

  /* Undoing the delete: the staff member and the assignments, as one. */
  g_assert_true (dag_store_begin (f->store, &error));
  g_assert_true (dag_store_add_record (f->store, f->org, DAG_KIND_STAFF, &record, &error));
  g_assert_true (dag_store_restore_staffing (f->store, rows, &error));
  g_assert_true (dag_store_commit (f->store, &error));
  g_assert_no_error (error);
  reload (f);
  g_assert_cmpuint (f->org->staff->len, ==, n_staff);
  g_assert_cmpuint (f->org->staffing->len, ==, staffing);
  g_free (record.id);
  g_free (record.name);
  g_free (record.email);
}

static void
test_group_drops_staffed_slot (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  const DagStaffing *st = DAG_AT (f->org->staffing, DagStaffing, 0);
  int group = st->group;
  DagGroup g = *DAG_AT (f->org->groups, DagGroup, group);
  DagSlotMask slots = g.slots;
  guint staffing = f->org->staffing->len;
  gint64 audits = audit_count (f);

  int slot = st->slot, staffed = 0;
  g_autofree char *expected = NULL;

  /* Empty the slot of planned participants first, so only the staffing
   * stands in the way. */
  for (guint i = f->org->plan->len; i-- > 0;)
    {
      const DagPlanEntry *e = DAG_AT (f->org->plan, DagPlanEntry, i);

      if (e->group == group && e->slot == slot)
        g_array_remove_index (f->org->plan, i);
    }
  g_assert_true (dag_store_save (f->store, f->org, DAG_SECTION_PLAN, "test", &error));
  g_assert_no_error (error);
  audits = audit_count (f);
  for (guint i = 0; i < f->org->staffing->len; i++)
    staffed += DAG_AT (f->org->staffing, DagStaffing, i)->group == group &&
               DAG_AT (f->org->staffing, DagStaffing, i)->slot == slot;

  g.slots &= ~DAG_SLOT_BIT (slot);
  g_assert_false (dag_store_update_record (f->store, f->org, DAG_KIND_GROUP, &g, &error));
  g_assert_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_CONSTRAINT);
  expected = g_strdup_printf (staffed == 1
                              ? "Dagdelen: %d staff assignment is on a dagdeel the group would no longer run; unassign it first"
                              : "Dagdelen: %d staff assignments are on dagdelen the group would no longer run; unassign them first",
                              staffed);
  g_assert_cmpstr (error->message, ==, expected);
  g_assert_cmpint (audit_count (f), ==, audits);
  reload (f);
  g_assert_cmpuint (DAG_AT (f->org->groups, DagGroup, group)->slots, ==, slots);
  g_assert_cmpuint (f->org->staffing->len, ==, staffing);
}

static void
test_delete_used_contract (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  const DagIndication *ind = DAG_AT (f->org->indications, DagIndication, 0);
  const DagContract *c = DAG_AT (f->org->contracts, DagContract, ind->contract);
  int n = 0;
  g_autofree char *expected = NULL;

  for (guint i = 0; i < f->org->indications->len; i++)
    n += DAG_AT (f->org->indications, DagIndication, i)->contract == ind->contract;
  g_assert_false (dag_store_delete_record (f->store, DAG_KIND_CONTRACT, c->id, &error));
  g_assert_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_CONSTRAINT);
  expected = g_strdup_printf (n == 1 ? "The contract still has %d indication; end or move it first"
                                     : "The contract still has %d indications; end or move them first", n);
  g_assert_cmpstr (error->message, ==, expected);
}

static void
test_location_closes_used_part (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  const DagGroup *g = DAG_AT (f->org->groups, DagGroup, 0);
  DagLocation l = *DAG_AT (f->org->locations, DagLocation, g->location);
  int part = -1;

  for (int slot = 0; slot < DAG_N_SLOTS && part < 0; slot++)
    if (g->slots & DAG_SLOT_BIT (slot))
      part = DAG_SLOT_PART (slot);
  g_assert_cmpint (part, >=, 0);
  l.has_part[part] = FALSE;
  if (!l.has_part[0] && !l.has_part[1] && !l.has_part[2])
    l.has_part[part == 0 ? 1 : 0] = TRUE, l.part_start[part == 0 ? 1 : 0] = 18 * 60, l.part_end[part == 0 ? 1 : 0] = 21 * 60;
  g_assert_false (dag_store_update_record (f->store, f->org, DAG_KIND_LOCATION, &l, &error));
  g_assert_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_CONSTRAINT);
  g_assert_true (g_str_has_prefix (error->message, "Opening times: "));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  dag_test_db_init ();

  for (gsize i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/records/bad/%s", bad_cases[i].name);
      g_test_add (path, Fixture, &bad_cases[i], fixture_setup, test_bad_field, fixture_teardown);
    }
  g_test_add ("/records/update-roundtrip", Fixture, NULL, fixture_setup, test_update_roundtrip, fixture_teardown);
  g_test_add ("/records/add-delete-vehicle", Fixture, NULL, fixture_setup, test_add_delete_vehicle, fixture_teardown);
  g_test_add ("/records/add-location-and-group", Fixture, NULL, fixture_setup, test_add_location_and_group, fixture_teardown);
  g_test_add ("/records/delete-planned-group", Fixture, NULL, fixture_setup, test_delete_planned_group, fixture_teardown);
  g_test_add ("/records/group-drops-planned-slot", Fixture, NULL, fixture_setup, test_group_drops_planned_slot, fixture_teardown);
  g_test_add ("/records/delete-staff-takes-staffing", Fixture, NULL, fixture_setup, test_delete_staff_takes_staffing, fixture_teardown);
  g_test_add ("/records/group-drops-staffed-slot", Fixture, NULL, fixture_setup, test_group_drops_staffed_slot, fixture_teardown);
  g_test_add ("/records/delete-used-contract", Fixture, NULL, fixture_setup, test_delete_used_contract, fixture_teardown);
  g_test_add ("/records/location-closes-used-part", Fixture, NULL, fixture_setup, test_location_closes_used_part, fixture_teardown);
  return g_test_run ();
}
