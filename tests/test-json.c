/* test-json.c — the organisation file: import, export, the round trip
 * through the store, every kind of bad input, and the two commands. */

#include "config.h"

#include <json-glib/json-glib.h>

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "dag-demo.h"
#include "dag-org-export.h"
#include "dag-org-import.h"
#include "dag-test-db.h"
#include "dag-store.h"

/* ---- helpers ------------------------------------------------------------ */

static char *
read_data (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

/* text with the one occurrence of old replaced by new. */
static char *
replace_once (const char *text,
              const char *old,
              const char *new)
{
  const char *at = strstr (text, old);
  GString *s;

  if (at == NULL || strstr (at + 1, old) != NULL)
    g_error ("“%s” must occur exactly once in the test file", old);
  s = g_string_new_len (text, at - text);
  g_string_append (s, new);
  g_string_append (s, at + strlen (old));
  return g_string_free (s, FALSE);
}

static char *
export (const DagOrg *org)
{
  return dag_org_export_json (org, NULL);
}

static char *
export_store (DagStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DagOrg) org = dag_store_load (store, &error);

  g_assert_no_error (error);
  return export (org);
}

static DagOrg *
import_ok (const char *text)
{
  g_autoptr(GError) error = NULL;
  DagOrg *org = dag_org_import_json (text, strlen (text), &error);

  g_assert_no_error (error);
  g_assert_nonnull (org);
  return org;
}

typedef struct {
  char     *dir;
  char     *path;
  DagStore *store;
  char     *valid;        /* tests/data/organisation.json */
} Fixture;

/* A database holding the valid organisation, made once and copied into
 * each fixture: saving it anew for every bad-input case would make the
 * test slow under AddressSanitizer. */
static char *template_dir;
static char *template_db;
static char *template_export;
static gint64 template_audit;

static gboolean import_into_store (DagStore *store, const char *text, GError **error);

static void
make_template (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DagStore) store = NULL;
  g_autofree char *valid = NULL;

  if (template_db != NULL && !dag_test_db_is_pg ())
    return;
  /* PostgreSQL has no file to copy: each fixture gets a template of its
   * own, in a schema of its own, and uses it. */
  if (template_db != NULL)
    {
      g_rmdir (template_dir);
      g_clear_pointer (&template_dir, g_free);
      g_clear_pointer (&template_db, g_free);
      g_clear_pointer (&template_export, g_free);
    }
  template_dir = g_dir_make_tmp ("dagritme-json-template-XXXXXX", &error);
  g_assert_no_error (error);
  template_db = g_build_filename (template_dir, "valid.db", NULL);
  store = dag_store_open (dag_test_db (template_db), &error);
  g_assert_no_error (error);
  valid = read_data ("organisation.json");
  g_assert_true (import_into_store (store, valid, &error));
  g_assert_no_error (error);
  template_export = export_store (store);
  template_audit = dag_store_count_audit (store, NULL);
  /* Closing checkpoints the write-ahead log into the one file. */
}

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *bytes = NULL;
  gsize length = 0;

  make_template ();
  f->dir = g_dir_make_tmp ("dagritme-json-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "test.db", NULL);
  if (dag_test_db_is_pg ())
    {
      g_free (f->path);
      f->path = g_strdup (template_db);
    }
  else
    {
      g_assert_true (g_file_get_contents (template_db, &bytes, &length, NULL));
      g_assert_true (g_file_set_contents_full (f->path, bytes, length, G_FILE_SET_CONTENTS_NONE, 0600, NULL));
    }
  f->store = dag_store_open (dag_test_db (f->path), &error);
  g_assert_no_error (error);
  f->valid = read_data ("organisation.json");
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
  g_clear_object (&f->store);
  remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
  g_free (f->valid);
}

/* What "dagritme import" does: check the file, then one save. */
static gboolean
import_into_store (DagStore   *store,
                   const char *text,
                   GError    **error)
{
  g_autoptr(DagOrg) org = dag_org_import_json (text, strlen (text), error);

  return org != NULL && dag_store_save (store, org, DAG_SECTION_ALL, "import", error);
}

/* Puts the valid organisation in the store, imports bad, and checks the
 * error code, that the message starts with "path: ", and that the store
 * holds exactly the organisation it held before. */
static void
check_bad (Fixture        *f,
           const char     *bad,
           DagImportError  code,
           const char     *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *after = NULL;
  g_autofree char *prefix = g_strdup_printf ("%s: ", path);

  /* The fixture's database holds the valid organisation. */
  g_assert_false (import_into_store (f->store, bad, &error));
  g_assert_error (error, DAG_IMPORT_ERROR, (int) code);
  if (!g_str_has_prefix (error->message, prefix))
    g_error ("expected a message starting with “%s”, got “%s”", prefix, error->message);
  /* No BSN of the file ever appears in a message. */
  g_assert_null (strstr (error->message, "111222333"));
  g_assert_null (strstr (error->message, "123456782"));

  after = export_store (f->store);
  g_assert_cmpstr (after, ==, template_export);
  g_assert_cmpint (dag_store_count_audit (f->store, NULL), ==, template_audit);
}

static void
check_bad_replace (Fixture        *f,
                   const char     *old,
                   const char     *new,
                   DagImportError  code,
                   const char     *path)
{
  g_autofree char *bad = replace_once (f->valid, old, new);

  check_bad (f, bad, code, path);
}

/* The message of importing text, which must fail. */
static char *
import_message (const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DagOrg) org = dag_org_import_json (text, strlen (text), &error);

  g_assert_null (org);
  g_assert_nonnull (error);
  return g_strdup (error->message);
}

/* ---- round trip and values ---------------------------------------------- */

static void
test_round_trip (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DagOrg) org = import_ok (f->valid);
  g_autofree char *direct = export (org);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autoptr(DagOrg) again = NULL;
  g_autoptr(DagStore) store2 = NULL;
  g_autofree char *path2 = g_build_filename (f->dir, "second.db", NULL);

  g_assert_true (dag_store_save (f->store, org, DAG_SECTION_ALL, "import", &error));
  g_assert_no_error (error);
  first = export_store (f->store);
  /* The store keeps everything the file says. */
  g_assert_cmpstr (first, ==, direct);

  again = import_ok (first);
  store2 = dag_store_open (dag_test_db (path2), &error);
  g_assert_no_error (error);
  g_assert_true (dag_store_save (store2, again, DAG_SECTION_ALL, "import", &error));
  second = export_store (store2);
  g_assert_cmpstr (second, ==, first);
}

/* The demo organisation (every kind of record the generator makes, with
 * real-looking volumes) survives file → store → file unchanged. */
static void
test_demo_round_trip (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DagOrg) demo = NULL;
  g_autoptr(DagOrg) imported = NULL;
  g_autofree char *text = NULL;
  g_autofree char *stored = NULL;
  DagDemoOptions options;

  dag_demo_options_init (&options);
  options.participants = 40;
  options.month = dag_date_from_ymd (2026, 10, 1);
  demo = dag_demo_generate (&options);
  text = export (demo);
  imported = import_ok (text);
  g_assert_cmpint (imported->participants->len, ==, demo->participants->len);
  g_assert_true (dag_store_save (f->store, imported, DAG_SECTION_ALL, "import", &error));
  g_assert_no_error (error);
  stored = export_store (f->store);
  g_assert_cmpstr (stored, ==, text);
}

/* Key parts of the first export, written out by hand from the test file:
 * sorted levels, staffel and closures, slot lists in week order, the
 * shortest numbers, defaults written or left out. */
static void
test_canonical (Fixture *f, gconstpointer data)
{
  g_autoptr(DagOrg) org = import_ok (f->valid);
  g_autofree char *text = export (org);
  static const char *const parts[] = {
    "{\n  \"format\": \"dagritme-organisation\",\n  \"version\": 1,\n"
    "  \"organisation\": { \"name\": \"Zorgboerderij De Linde\", \"agb_code\": \"98765432\" },\n"
    "  \"settings\": {\n"
    "    \"slot_minutes\": 240,\n    \"max_ride_minutes\": 35,\n"
    "    \"early_arrival_minutes\": 20,\n    \"road_factor\": 1.3,\n"
    "    \"speed_kmh\": 42.5,\n    \"hbo_from_level\": 3,\n"
    "    \"min_unit_fraction\": 0.75,\n    \"holiday_good_friday\": true,\n"
    "    \"levels\": [\n      { \"level\": 1, \"name\": \"licht\", \"ratio\": 8 },\n"
    "      { \"level\": 2, \"name\": \"midden\", \"ratio\": 6 },\n",
    "          \"tariff_cents\": 3450,\n          \"staffel\": [\n"
    "            { \"from_unit\": 9, \"tariff_cents\": 3100 },\n"
    "            { \"from_unit\": 13, \"tariff_cents\": 2900 }\n          ]\n        },\n",
    "          \"tariff_cents\": 2875\n        },\n",
    "\"name\": \"Dagbesteding \\\"werk\\\"\\\\leer\",",
    "      \"slots\": {\n        \"am\": [\"09:00\", \"13:00\"],\n"
    "        \"pm\": [\"13:00\", \"17:00\"]\n      },\n"
    "      \"closures\": [\"2026-05-15\", \"2026-12-24\"]\n",
    "      \"closures\": []\n",
    "      \"products\": [\"M3\", \"M1\"],\n",
    "      \"slots\": [\"mon-am\", \"mon-pm\", \"tue-am\", \"tue-pm\"]\n",
    "      \"available\": [\"mon-am\", \"wed-ev\", \"sat-am\"],\n      \"driver\": false\n    },\n",
    "      \"contract_hours\": 0,\n      \"available\": [],\n      \"driver\": false\n    }\n",
    "      \"address\": \"Biltstraat 20, 3572 BC Utrecht\",\n      \"municipality\": \"0344\",\n"
    "      \"transport\": \"own\",\n      \"wheelchair\": true,\n"
    "      \"unavailable\": [],\n      \"preferred_days\": []\n",
    "      \"preferred_days\": [\"mon\", \"tue\"]\n",
    "      \"volume\": { \"units\": 6, \"per\": \"week\", \"min_units\": 4 }\n",
    "      \"volume\": { \"units\": 8, \"per\": \"month\" }\n",
    "  \"plan\": [\n    { \"participant\": \"P1\", \"group\": \"G1\", \"slot\": \"mon-am\" },\n",
    "    { \"participant\": \"P3\", \"from\": \"2026-03-02\", \"to\": \"2026-03-02\" }\n  ],\n",
    "    { \"participant\": \"P1\", \"date\": \"2026-11-02\", \"slot\": \"am\", \"status\": \"present\", \"hours\": 4 },\n"
    "    { \"participant\": \"P1\", \"date\": \"2026-11-02\", \"slot\": \"pm\", \"status\": \"present\", \"hours\": 3.5 },\n"
    "    { \"participant\": \"P3\", \"date\": \"2026-11-02\", \"slot\": \"am\", \"status\": \"cancelled\", \"reason\": \"ziek\" },\n"
    "    { \"participant\": \"P2\", \"date\": \"2026-11-04\", \"slot\": \"ev\", \"status\": \"no_show\" }\n  ],\n",
    "      \"driver\": null,\n",
    "      \"stops\": [\n        { \"participant\": \"P1\", \"time\": \"08:31\" }\n      ],\n      \"arrive\": \"08:52\"\n",
    "      \"depart\": \"17:05\"\n    }\n  ]\n}\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    if (strstr (text, parts[i]) == NULL)
      g_error ("the export lacks the expected part\n%s\n--- export:\n%s", parts[i], text);
  g_assert_null (strstr (text, "holiday_liberation_day"));
  g_assert_true (g_str_has_suffix (text, parts[G_N_ELEMENTS (parts) - 1]));
}

static void
test_values (void)
{
  g_autofree char *text = read_data ("organisation.json");
  g_autoptr(DagOrg) org = import_ok (text);
  const DagParticipant *p2;
  const DagIndication *i3;
  const DagAttendance *a;
  const DagLocation *l1;
  const DagRun *r2;

  g_assert_cmpint (org->participants->len, ==, 3);
  g_assert_cmpint (org->settings.max_ride_minutes, ==, 35);
  g_assert_cmpfloat (org->settings.speed_kmh, ==, 42.5);
  g_assert_true (org->settings.holiday_good_friday);
  g_assert_false (org->settings.holiday_liberation_day);
  g_assert_cmpint (DAG_AT (org->settings.levels, DagLevel, 0)->level, ==, 1);
  g_assert_cmpint (dag_org_level_ratio (org, 4), ==, 3);

  p2 = DAG_AT (org->participants, DagParticipant, 1);
  g_assert_false (p2->has_coords);
  g_assert_cmpint (p2->transport, ==, DAG_TRANSPORT_OWN);
  g_assert_true (p2->wheelchair);
  g_assert_cmpint (p2->municipality, ==, 1);
  g_assert_cmpuint (DAG_AT (org->participants, DagParticipant, 0)->preferred_days, ==, 0x3);
  g_assert_cmpuint (DAG_AT (org->participants, DagParticipant, 0)->unavailable, ==, DAG_SLOT_BIT (DAG_SLOT (2, DAG_PART_AM)));

  i3 = DAG_AT (org->indications, DagIndication, 2);
  g_assert_cmpint (i3->contract, ==, 1);
  g_assert_cmpint (i3->product, ==, 0);
  g_assert_cmpint (i3->min_units, ==, 4);
  g_assert_cmpint (DAG_AT (org->indications, DagIndication, 3)->min_units, ==, -1);
  g_assert_cmpint (DAG_AT (org->indications, DagIndication, 1)->product, ==, 2);

  /* 3.5 hours is 210 minutes; no hours is "not registered". */
  a = DAG_AT (org->attendance, DagAttendance, 1);
  g_assert_cmpint (a->minutes, ==, 210);
  g_assert_cmpint (a->part, ==, DAG_PART_PM);
  g_assert_cmpint (DAG_AT (org->attendance, DagAttendance, 3)->minutes, ==, -1);
  g_assert_cmpint (DAG_AT (org->attendance, DagAttendance, 3)->status, ==, DAG_ATTEND_NO_SHOW);

  l1 = DAG_AT (org->locations, DagLocation, 0);
  g_assert_cmpint (l1->part_start[DAG_PART_AM], ==, 9 * 60);
  g_assert_cmpint (l1->part_end[DAG_PART_PM], ==, 17 * 60);
  g_assert_false (l1->has_part[DAG_PART_EV]);
  g_assert_cmpuint (g_array_index (l1->closures, DagDate, 0), ==, dag_date_from_ymd (2026, 5, 15));

  g_assert_null (DAG_AT (org->staff, DagStaff, 2)->email);
  g_assert_cmpint (DAG_AT (org->staff, DagStaff, 2)->qualification, ==, DAG_QUAL_VOLUNTEER);

  r2 = DAG_AT (org->runs, DagRun, 1);
  g_assert_cmpint (r2->driver, ==, -1);
  g_assert_cmpint (r2->direction, ==, DAG_DIRECTION_FROM);
  g_assert_cmpint (r2->time, ==, 17 * 60 + 5);
  g_assert_cmpint (dag_org_lookup (org, DAG_KIND_RUN, "R2"), ==, 1);
}

/* A file with only the required parts gets DOMAIN.md's defaults. */
static void
test_defaults (void)
{
  const char *text =
    "{ \"format\": \"dagritme-organisation\", \"version\": 1,"
    "  \"organisation\": { \"name\": \"Klein\", \"agb_code\": \"12345678\" },"
    "  \"municipalities\": [], \"contracts\": [], \"locations\": [], \"groups\": [],"
    "  \"staff\": [], \"vehicles\": [], \"participants\": [], \"indications\": [] }";
  g_autoptr(DagOrg) org = import_ok (text);

  g_assert_cmpint (org->settings.slot_minutes, ==, 240);
  g_assert_cmpint (org->settings.max_ride_minutes, ==, 30);
  g_assert_cmpint (org->settings.early_arrival_minutes, ==, 30);
  g_assert_cmpfloat (org->settings.road_factor, ==, 1.3);
  g_assert_cmpfloat (org->settings.speed_kmh, ==, 40);
  g_assert_cmpint (org->settings.hbo_from_level, ==, 3);
  g_assert_cmpfloat (org->settings.min_unit_fraction, ==, 0.75);
  g_assert_cmpint (org->settings.levels->len, ==, 4);
  g_assert_cmpint (dag_org_level_ratio (org, 2), ==, 6);
  g_assert_cmpint (org->plan->len + org->staffing->len + org->absences->len +
                   org->attendance->len + org->runs->len, ==, 0);
}

static void
test_shortest_double (void)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_assert_cmpstr (dag_export_format_double (1.3, buf), ==, "1.3");
  g_assert_cmpstr (dag_export_format_double (240 / 60.0, buf), ==, "4");
  g_assert_cmpstr (dag_export_format_double (210 / 60.0, buf), ==, "3.5");
  g_assert_cmpstr (dag_export_format_double (51.985, buf), ==, "51.985");
  g_assert_cmpstr (dag_export_format_double (0.1 + 0.2, buf), ==, "0.30000000000000004");
  g_assert_cmpstr (dag_export_format_double (-0.5, buf), ==, "-0.5");
}

/* ---- transport settings and vehicle hours ------------------------------- */

/* The test file with the ride rule, boarding times and a vehicle's hours. */
static char *
with_transport (const char *text,
                const char *settings,
                const char *hours)
{
  g_autofree char *s = NULL;
  g_autofree char *settings_part = g_strdup_printf ("\"holiday_liberation_day\": false, %s", settings);
  g_autofree char *hours_part = g_strdup_printf ("\"cost_per_km_cents\": 45, \"hours\": %s }", hours);

  s = settings ? replace_once (text, "\"holiday_liberation_day\": false,", settings_part) : g_strdup (text);
  return hours ? replace_once (s, "\"cost_per_km_cents\": 45 }", hours_part) : g_steal_pointer (&s);
}

#define ALL_TRANSPORT_SETTINGS \
  "\"ride_factor\": 1.5, \"ride_extra_minutes\": 10, \"boarding_minutes\": 2, " \
  "\"boarding_wheelchair_minutes\": 5,"

static void
test_transport_values (Fixture *f, gconstpointer data)
{
  g_autofree char *text = with_transport (f->valid, ALL_TRANSPORT_SETTINGS, "[\"07:30\", \"18:00\"]");
  g_autoptr(DagOrg) org = import_ok (text);
  const DagVehicle *v = DAG_AT (org->vehicles, DagVehicle, 0);

  g_assert_cmpfloat (org->settings.ride_factor, ==, 1.5);
  g_assert_cmpint (org->settings.ride_extra_minutes, ==, 10);
  g_assert_cmpint (org->settings.boarding_minutes, ==, 2);
  g_assert_cmpint (org->settings.boarding_wheelchair_minutes, ==, 5);
  g_assert_cmpint (v->available_from, ==, 7 * 60 + 30);
  g_assert_cmpint (v->available_until, ==, 18 * 60);
}

/* What the file says comes back from the export and through the store. */
static void
test_transport_round_trip (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = with_transport (f->valid, ALL_TRANSPORT_SETTINGS, "[\"07:30\", \"18:00\"]");
  g_autoptr(DagOrg) org = import_ok (text);
  g_autofree char *first = export (org);
  g_autoptr(DagOrg) again = import_ok (first);
  g_autofree char *second = export (again);
  g_autofree char *stored = NULL;
  static const char *const parts[] = {
    "    \"ride_factor\": 1.5,\n    \"ride_extra_minutes\": 10,\n"
    "    \"boarding_minutes\": 2,\n    \"boarding_wheelchair_minutes\": 5,\n",
    "      \"cost_per_km_cents\": 45,\n      \"hours\": [\"07:30\", \"18:00\"]\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    if (strstr (first, parts[i]) == NULL)
      g_error ("the export lacks the expected part\n%s\n--- export:\n%s", parts[i], first);
  g_assert_cmpstr (second, ==, first);
  g_assert_true (dag_store_save (f->store, again, DAG_SECTION_ALL, "import", &error));
  g_assert_no_error (error);
  stored = export_store (f->store);
  g_assert_cmpstr (stored, ==, first);
}

/* A limit on one side only: "00:00" and "24:00" are the day's edges, kept
 * as 0 (no limit), and written back so. */
static void
test_transport_hours_edges (Fixture *f, gconstpointer data)
{
  static const struct {
    const char *hours;
    int         from;
    int         until;
    const char *written;          /* NULL: no "hours" in the export */
  } cases[] = {
    { "[\"07:30\", \"24:00\"]", 7 * 60 + 30, 0, "\"hours\": [\"07:30\", \"24:00\"]\n" },
    { "[\"00:00\", \"16:00\"]", 0, 16 * 60, "\"hours\": [\"00:00\", \"16:00\"]\n" },
    { "[\"00:00\", \"24:00\"]", 0, 0, NULL },
    { "null", 0, 0, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = with_transport (f->valid, NULL, cases[i].hours);
      g_autoptr(DagOrg) org = import_ok (text);
      const DagVehicle *v = DAG_AT (org->vehicles, DagVehicle, 0);
      g_autofree char *written = export (org);
      g_autoptr(DagOrg) again = import_ok (written);
      const DagVehicle *w = DAG_AT (again->vehicles, DagVehicle, 0);

      g_assert_cmpint (v->available_from, ==, cases[i].from);
      g_assert_cmpint (v->available_until, ==, cases[i].until);
      if (cases[i].written && strstr (written, cases[i].written) == NULL)
        g_error ("hours %s: expected %s in the export:\n%s", cases[i].hours, cases[i].written, written);
      if (cases[i].written == NULL)
        g_assert_null (strstr (written, "\"hours\": ["));
      g_assert_cmpint (w->available_from, ==, v->available_from);
      g_assert_cmpint (w->available_until, ==, v->available_until);
    }
}

/* A file from before these settings comes back byte for byte, without
 * them. */
static void
test_transport_absent (Fixture *f, gconstpointer data)
{
  g_autoptr(DagOrg) org = import_ok (f->valid);
  g_autofree char *first = export (org);
  g_autoptr(DagOrg) again = import_ok (first);
  g_autofree char *second = export (again);
  static const char *const keys[] = {
    "ride_factor", "ride_extra_minutes", "boarding_minutes", "boarding_wheelchair_minutes", "\"hours\": [",
  };

  g_assert_cmpfloat (org->settings.ride_factor, ==, 0);
  g_assert_cmpint (org->settings.boarding_minutes, ==, 0);
  g_assert_cmpint (DAG_AT (org->vehicles, DagVehicle, 0)->available_from, ==, 0);
  g_assert_cmpint (DAG_AT (org->vehicles, DagVehicle, 0)->available_until, ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    if (strstr (first, keys[i]) != NULL)
      g_error ("the export of a file without it has “%s”:\n%s", keys[i], first);
  g_assert_cmpstr (second, ==, first);
  /* The store's copy of the same file, made before this test ran. */
  g_assert_cmpstr (template_export, ==, first);
}

/* One bad value per new key, with the whole message. */
static void
test_transport_bad (Fixture *f, gconstpointer data)
{
  static const struct {
    const char     *settings;
    const char     *hours;
    DagImportError  code;
    const char     *message;
  } cases[] = {
    { "\"ride_factor\": 0.9,", NULL, DAG_IMPORT_ERROR_INVALID_VALUE,
      "settings.ride_factor: must be at least 1" },
    { "\"ride_factor\": 10.5,", NULL, DAG_IMPORT_ERROR_INVALID_VALUE,
      "settings.ride_factor: must be at most 10" },
    { "\"ride_factor\": \"1.5\",", NULL, DAG_IMPORT_ERROR_TYPE,
      "settings.ride_factor: must be a number" },
    { "\"ride_extra_minutes\": 601,", NULL, DAG_IMPORT_ERROR_INVALID_VALUE,
      "settings.ride_extra_minutes: must be at most 600" },
    { "\"boarding_minutes\": -1,", NULL, DAG_IMPORT_ERROR_INVALID_VALUE,
      "settings.boarding_minutes: must be at least 0" },
    { "\"boarding_wheelchair_minutes\": 2.5,", NULL, DAG_IMPORT_ERROR_TYPE,
      "settings.boarding_wheelchair_minutes: must be a whole number" },
    { "\"boarding_wheelchair_minutes\": 61,", NULL, DAG_IMPORT_ERROR_INVALID_VALUE,
      "settings.boarding_wheelchair_minutes: must be at most 60" },
    { NULL, "[\"07:30\"]", DAG_IMPORT_ERROR_INVALID_VALUE,
      "vehicles[0].hours: must be two times: the start and the end" },
    { NULL, "\"07:30\"", DAG_IMPORT_ERROR_TYPE,
      "vehicles[0].hours: must be an array" },
    { NULL, "[\"7:30\", \"18:00\"]", DAG_IMPORT_ERROR_INVALID_VALUE,
      "vehicles[0].hours[0]: must be a time written HH:MM" },
    { NULL, "[\"24:00\", \"18:00\"]", DAG_IMPORT_ERROR_INVALID_VALUE,
      "vehicles[0].hours[0]: must be a time written HH:MM" },
    { NULL, "[\"07:30\", \"24:30\"]", DAG_IMPORT_ERROR_INVALID_VALUE,
      "vehicles[0].hours[1]: must be a time written HH:MM" },
    { NULL, "[\"07:30\", \"07:30\"]", DAG_IMPORT_ERROR_INVALID_VALUE,
      "vehicles[0].hours[1]: must be later than the start" },
    { NULL, "[\"07:30\", \"00:00\"]", DAG_IMPORT_ERROR_INVALID_VALUE,
      "vehicles[0].hours[1]: must be later than the start" },
    { NULL, "[\"07:30\", 18]", DAG_IMPORT_ERROR_TYPE,
      "vehicles[0].hours[1]: must be a string" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *bad = with_transport (f->valid, cases[i].settings, cases[i].hours);
      g_autofree char *message = import_message (bad);
      g_autofree char *path = g_strndup (cases[i].message, strstr (cases[i].message, ": ") - cases[i].message);

      g_assert_cmpstr (message, ==, cases[i].message);
      check_bad (f, bad, cases[i].code, path);
    }
}

static void
test_transport_unknown_key (Fixture *f, gconstpointer data)
{
  check_bad_replace (f, "\"holiday_liberation_day\": false,",
                     "\"holiday_liberation_day\": false, \"boarding_seconds\": 30,",
                     DAG_IMPORT_ERROR_UNKNOWN_FIELD, "settings.boarding_seconds");
}

/* ---- declarations ------------------------------------------------------- */

/* The valid file with a declarations section: October sent and answered,
 * November a correction of one of its lines. */
static char *
with_declarations (const char *valid,
                   const char *lines_nov)
{
  g_autofree char *section = g_strdup_printf (
    "  ],\n"
    "  \"declarations\": [\n"
    "    { \"number\": \"D0202202610\", \"municipality\": \"0202\", \"month\": \"2026-10\",\n"
    "      \"written\": \"2026-11-02\", \"sent\": \"2026-11-03\",\n"
    "      \"lines\": [\n"
    "        { \"reference\": \"R000000000001\", \"indication\": \"I1\", \"product_code\": \"04A03\",\n"
    "          \"period_start\": \"2026-10-01\", \"period_end\": \"2026-10-31\", \"units\": 8,\n"
    "          \"tariff_cents\": 3450, \"amount_cents\": 27600, \"debit_credit\": \"D\",\n"
    "          \"corrects\": null, \"response\": { \"code\": \"0200\", \"accepted\": true } }\n"
    "      ] },\n"
    "    { \"number\": \"D0202202611\", \"municipality\": \"0202\", \"month\": \"2026-11\",\n"
    "      \"written\": \"2026-12-01\", \"sent\": null,\n"
    "      \"lines\": [\n%s\n"
    "      ] }\n"
    "  ]\n}", lines_nov);
  const char *end = strrchr (valid, ']');
  GString *s = g_string_new_len (valid, end - valid);

  g_string_append (s, section + 2);
  g_string_append_c (s, '\n');
  return g_string_free (s, FALSE);
}

#define CREDIT_LINE \
  "        { \"reference\": \"R000000000002\", \"indication\": \"I1\", \"product_code\": \"04A03\",\n" \
  "          \"period_start\": \"2026-11-01\", \"period_end\": \"2026-11-30\", \"units\": 8,\n" \
  "          \"tariff_cents\": 3450, \"amount_cents\": 27600, \"debit_credit\": \"C\",\n" \
  "          \"corrects\": \"R000000000001\", \"response\": null }"

static void
test_declarations_round_trip (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = with_declarations (f->valid, CREDIT_LINE);
  g_autoptr(DagOrg) org = import_ok (text);
  g_autofree char *direct = export (org);
  g_autofree char *stored = NULL;
  g_autoptr(DagOrg) again = NULL;
  g_autofree char *second = NULL;
  const DagDeclaration *d;
  const DagDeclarationLine *l;

  g_assert_cmpuint (org->declarations->len, ==, 2);
  d = DAG_AT (org->declarations, DagDeclaration, 1);
  g_assert_cmpstr (d->number, ==, "D0202202611");
  g_assert_cmpuint (d->month, ==, dag_date_from_ymd (2026, 11, 1));
  g_assert_cmpuint (d->sent, ==, DAG_DATE_NONE);
  l = DAG_AT (d->lines, DagDeclarationLine, 0);
  g_assert_cmpint (l->debit_credit, ==, 'C');
  g_assert_cmpstr (l->corrects, ==, "R000000000001");
  /* October was sent, November not yet. */
  g_assert_true (dag_org_month_declared (org, dag_date_from_ymd (2026, 10, 15)));
  g_assert_false (dag_org_month_declared (org, dag_date_from_ymd (2026, 11, 15)));

  g_assert_true (dag_store_save (f->store, org, DAG_SECTION_ALL, "import", &error));
  g_assert_no_error (error);
  stored = export_store (f->store);
  g_assert_cmpstr (stored, ==, direct);
  again = import_ok (stored);
  second = export (again);
  g_assert_cmpstr (second, ==, stored);
  g_assert_nonnull (strstr (second, "\"declarations\""));
  /* A file without declarations exports without the section. */
  g_assert_null (strstr (template_export, "\"declarations\""));
}

static void
test_declarations_bad (Fixture *f, gconstpointer data)
{
  static const struct {
    const char     *old;
    const char     *new;
    DagImportError  code;
    const char     *message;
  } cases[] = {
    { "\"amount_cents\": 27600, \"debit_credit\": \"C\"", "\"amount_cents\": 27601, \"debit_credit\": \"C\"",
      DAG_IMPORT_ERROR_INVALID_VALUE,
      "declarations[1].lines[0].amount_cents: must be units × tariff_cents = 27600: iWmo requires a "
      "line’s amount to be its volume times its tariff (rule TR346)" },
    { "\"R000000000002\"", "\"R000000000001\"", DAG_IMPORT_ERROR_DUPLICATE_ID,
      "declarations[1].lines[0].reference: repeats declarations[0].lines[0].reference" },
    { "\"corrects\": \"R000000000001\"", "\"corrects\": \"R9\"", DAG_IMPORT_ERROR_DANGLING_REFERENCE,
      "declarations[1].lines[0].corrects: is not the reference of an earlier line" },
    { "\"corrects\": \"R000000000001\"", "\"corrects\": null", DAG_IMPORT_ERROR_MISSING_FIELD,
      "declarations[1].lines[0].corrects: must name the debit line that this credit line takes back "
      "(iWmo rule TR323)" },
    { "\"period_start\": \"2026-11-01\"", "\"period_start\": \"2026-10-31\"", DAG_IMPORT_ERROR_INVALID_VALUE,
      "declarations[1].lines[0].period_start: must lie in the month of the declaration" },
    { "\"indication\": \"I1\", \"product_code\": \"04A03\",\n          \"period_start\": \"2026-11-01\"",
      "\"indication\": \"I3\", \"product_code\": \"04A03\",\n          \"period_start\": \"2026-11-01\"",
      DAG_IMPORT_ERROR_INVALID_VALUE,
      "declarations[1].lines[0].indication: falls under a contract of another municipality than the "
      "declaration’s" },
    { "\"debit_credit\": \"C\"", "\"debit_credit\": \"X\"", DAG_IMPORT_ERROR_INVALID_VALUE,
      "declarations[1].lines[0].debit_credit" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *good = with_declarations (f->valid, CREDIT_LINE);
      g_autofree char *bad = replace_once (good, cases[i].old, cases[i].new);
      g_autofree char *message = import_message (bad);
      const char *colon = strstr (cases[i].message, ": ");
      g_autofree char *path = colon ? g_strndup (cases[i].message, colon - cases[i].message)
                                    : g_strdup (cases[i].message);

      if (colon != NULL)
        g_assert_cmpstr (message, ==, cases[i].message);
      check_bad (f, bad, cases[i].code, path);
    }

  /* Numbers: letters and digits, at most 12, unique. */
  {
    g_autofree char *good = with_declarations (f->valid, CREDIT_LINE);
    g_autofree char *bad = replace_once (good, "\"D0202202611\"", "\"D-0202\"");
    g_autofree char *twice = replace_once (good, "\"D0202202611\"", "\"D0202202610\"");

    check_bad (f, bad, DAG_IMPORT_ERROR_INVALID_VALUE, "declarations[1].number");
    check_bad (f, twice, DAG_IMPORT_ERROR_DUPLICATE_ID, "declarations[1].number");
  }
}

/* The iWmo codes of a contract product and its staffel tiers. */
static void
test_iwmo_codes (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *with_codes = replace_once (f->valid,
    "\"tariff_cents\": 3450,\n          \"staffel\": [ { \"from_unit\": 13, \"tariff_cents\": 2900 },",
    "\"tariff_cents\": 3450, \"category\": \"07\", \"unit_code\": \"16\",\n"
    "          \"staffel\": [ { \"from_unit\": 13, \"tariff_cents\": 2900, \"code\": \"04A13\" },");
  g_autoptr(DagOrg) org = import_ok (with_codes);
  const DagProduct *p = DAG_AT (DAG_AT (org->contracts, DagContract, 0)->products, DagProduct, 0);
  g_autofree char *direct = export (org);
  g_autofree char *stored = NULL;

  g_assert_cmpstr (p->category, ==, "07");
  g_assert_cmpstr (p->unit_code, ==, "16");
  /* Tiers are sorted: 9, then 13. */
  g_assert_cmpstr (DAG_AT (p->staffel, DagStaffel, 0)->code, ==, "");
  g_assert_cmpstr (DAG_AT (p->staffel, DagStaffel, 1)->code, ==, "04A13");
  g_assert_cmpstr (DAG_AT (DAG_AT (org->contracts, DagContract, 0)->products, DagProduct, 1)->category, ==, "");

  {
    g_autofree char *bad = replace_once (with_codes, "\"category\": \"07\"", "\"category\": \"7\"");
    g_autofree char *bad_unit = replace_once (with_codes, "\"unit_code\": \"16\"", "\"unit_code\": \"dagdeel\"");
    g_autofree char *bad_tier = replace_once (with_codes, "\"code\": \"04A13\"", "\"code\": \"04A-13\"");
    g_autofree char *message = import_message (bad);

    g_assert_cmpstr (message, ==, "contracts[0].products[0].category: must be an iWmo code of two digits, like “07”");
    check_bad (f, bad, DAG_IMPORT_ERROR_INVALID_VALUE, "contracts[0].products[0].category");
    check_bad (f, bad_unit, DAG_IMPORT_ERROR_INVALID_VALUE, "contracts[0].products[0].unit_code");
    check_bad (f, bad_tier, DAG_IMPORT_ERROR_INVALID_VALUE, "contracts[0].products[0].staffel[0].code");
  }

  /* Last: the fixture's store then holds this file. */
  g_assert_true (dag_store_save (f->store, org, DAG_SECTION_ALL, "import", &error));
  g_assert_no_error (error);
  stored = export_store (f->store);
  g_assert_cmpstr (stored, ==, direct);
  g_assert_nonnull (strstr (stored, "\"code\": \"04A13\""));
}

/* ---- bad input ---------------------------------------------------------- */

static void
test_syntax (Fixture *f, gconstpointer data)
{
  /* The comma after "version": 1 (line 3 of the file) is gone; json-glib
   * points at the last good token, the 1 in column 14. */
  g_autofree char *bad = replace_once (f->valid, "\"version\": 1,", "\"version\": 1");
  g_autofree char *message = import_message (bad);

  g_assert_true (g_str_has_prefix (message, "line 3, column 14: "));
  check_bad (f, bad, DAG_IMPORT_ERROR_SYNTAX, "line 3, column 14");
}

/* json-glib names the token it stumbled on; a BSN must not reach the
 * message that way. */
static void
test_syntax_no_bsn (Fixture *f, gconstpointer data)
{
  g_autofree char *bad = replace_once (f->valid, "\"bsn\": \"123456782\",", "\"bsn\": \"123456782\"");
  g_autofree char *bad_number = replace_once (f->valid, "\"bsn\": \"123456782\",", "\"bsn\": 123456782 x,");
  g_autofree char *message = import_message (bad);
  g_autofree char *message_number = import_message (bad_number);

  check_bad (f, bad, DAG_IMPORT_ERROR_SYNTAX, "line 81, column 24");
  g_assert_null (strstr (message_number, "123456782"));
  g_assert_true (g_str_has_prefix (message_number, "line 81, column "));
}

/* A reference that could be a BSN is not repeated in the message. */
static void
test_dangling_bsn_like (Fixture *f, gconstpointer data)
{
  g_autofree char *bad = replace_once (f->valid, "{ \"participant\": \"P3\", \"group\": \"G1\"",
                                       "{ \"participant\": \"123456782\", \"group\": \"G1\"");
  g_autofree char *message = import_message (bad);

  g_assert_cmpstr (message, ==, "plan[2].participant: is not an id in “participants”");
}

static void
test_not_object (Fixture *f, gconstpointer data)
{
  g_autofree char *message = import_message ("[1, 2]");

  g_assert_cmpstr (message, ==, "the file does not hold a JSON object");
  message = (g_free (message), import_message (""));
  g_assert_cmpstr (message, ==, "the file does not hold a JSON object");
}

static void
test_wrong_type (Fixture *f, gconstpointer data)
{
  check_bad_replace (f, "\"capacity\": 8,", "\"capacity\": \"8\",",
                     DAG_IMPORT_ERROR_TYPE, "groups[0].capacity");
}

static void
test_wrong_type_array (Fixture *f, gconstpointer data)
{
  check_bad_replace (f, "\"closures\": [\"2026-12-24\", \"2026-05-15\"]", "\"closures\": \"2026-12-24\"",
                     DAG_IMPORT_ERROR_TYPE, "locations[0].closures");
}

static void
test_unknown_field (Fixture *f, gconstpointer data)
{
  check_bad_replace (f, "\"wheelchair\": true }", "\"wheelchair\": true, \"colour\": \"red\" }",
                     DAG_IMPORT_ERROR_UNKNOWN_FIELD, "participants[1].colour");
}

static void
test_unknown_field_nested (Fixture *f, gconstpointer data)
{
  check_bad_replace (f, "\"per\": \"period\" }", "\"per\": \"period\", \"max\": 3 }",
                     DAG_IMPORT_ERROR_UNKNOWN_FIELD, "indications[1].volume.max");
}

static void
test_unknown_field_top (Fixture *f, gconstpointer data)
{
  check_bad_replace (f, "\"version\": 1,", "\"version\": 1, \"comment\": \"hallo\",",
                     DAG_IMPORT_ERROR_UNKNOWN_FIELD, "comment");
}

static void
test_dangling (Fixture *f, gconstpointer data)
{
  g_autofree char *message = NULL;
  g_autofree char *bad = NULL;

  check_bad_replace (f, "{ \"participant\": \"P3\", \"group\": \"G1\", \"slot\": \"mon-am\" }",
                     "{ \"participant\": \"P9\", \"group\": \"G1\", \"slot\": \"mon-am\" }",
                     DAG_IMPORT_ERROR_DANGLING_REFERENCE, "plan[2].participant");
  bad = replace_once (f->valid, "\"location\": \"L1\", \"cost", "\"location\": \"L7\", \"cost");
  message = import_message (bad);
  g_assert_cmpstr (message, ==, "vehicles[0].location: “L7” is not an id in “locations”");
}

static void
test_dangling_municipality (Fixture *f, gconstpointer data)
{
  check_bad_replace (f, "\"municipality\": \"0344\", \"wheelchair\"", "\"municipality\": \"0345\", \"wheelchair\"",
                     DAG_IMPORT_ERROR_DANGLING_REFERENCE, "participants[1].municipality");
}

static void
test_dangling_driver (Fixture *f, gconstpointer data)
{
  check_bad_replace (f, "\"driver\": \"S1\"", "\"driver\": \"S9\"",
                     DAG_IMPORT_ERROR_DANGLING_REFERENCE, "runs[0].driver");
}

static void
test_interfaces_example (Fixture *f, gconstpointer data)
{
  /* The example of INTERFACES.md §1, verbatim: its group takes M1, which
   * no contract of the file buys, and it must import all the same. */
  g_autofree char *text = read_data ("interfaces-example.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(DagOrg) org = dag_org_import_json (text, strlen (text), &error);
  g_autoptr(DagOrg) again = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (org);
  g_assert_cmpuint (org->groups->len, ==, 1);
  g_assert_cmpuint (DAG_AT (org->groups, DagGroup, 0)->products->len, ==, 2);
  first = export (org);
  again = dag_org_import_json (first, strlen (first), &error);
  g_assert_no_error (error);
  second = export (again);
  g_assert_cmpstr (first, ==, second);

  /* Import then export gives an equivalent file: the same JSON values. */
  {
    g_autoptr(JsonParser) a = json_parser_new ();
    g_autoptr(JsonParser) b = json_parser_new ();

    g_assert_true (json_parser_load_from_data (a, text, -1, NULL));
    g_assert_true (json_parser_load_from_data (b, first, -1, NULL));
    g_assert_true (json_node_equal (json_parser_get_root (a), json_parser_get_root (b)));
  }
}

static void
test_future_birth_date (Fixture *f, gconstpointer data)
{
  check_bad_replace (f, "\"birth_date\": \"1958-04-12\"", "\"birth_date\": \"2099-01-01\"",
                     DAG_IMPORT_ERROR_INVALID_VALUE, "participants[0].birth_date");
}

static void
test_deep_nesting (Fixture *f, gconstpointer data)
{
  /* 100,000 nested arrays once crashed json-glib's recursive parser. */
  gsize n = 100000;
  g_autofree char *text = g_malloc (2 * n + 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(DagOrg) org = NULL;

  memset (text, '[', n);
  memset (text + n, ']', n);
  text[2 * n] = '\0';
  org = dag_org_import_json (text, 2 * n, &error);
  g_assert_null (org);
  g_assert_error (error, DAG_IMPORT_ERROR, DAG_IMPORT_ERROR_SYNTAX);
  g_assert_nonnull (strstr (error->message, "line 1"));
}

static void
test_empty_group_product (Fixture *f, gconstpointer data)
{
  check_bad_replace (f, "\"products\": [\"M3\", \"M1\"]", "\"products\": [\"M3\", \"\"]",
                     DAG_IMPORT_ERROR_INVALID_VALUE, "groups[0].products[1]");
}

static void
test_unknown_level (Fixture *f, gconstpointer data)
{
  check_bad_replace (f, "\"level\": 3, \"allocation_number\": \"U-77\"",
                     "\"level\": 5, \"allocation_number\": \"U-77\"",
                     DAG_IMPORT_ERROR_DANGLING_REFERENCE, "indications[2].level");
}

static void
test_unknown_product (Fixture *f, gconstpointer data)
{
  g_autofree char *bad = replace_once (f->valid, "\"contract\": \"C-UTR\", \"product\": \"M1\"",
                                       "\"contract\": \"C-UTR\", \"product\": \"M3\"");
  g_autofree char *message = import_message (bad);

  /* M3 exists, but not in the contract the indication names. */
  g_assert_cmpstr (message, ==, "indications[2].product: “M3” is not a product of contract “C-UTR”");
  check_bad (f, bad, DAG_IMPORT_ERROR_DANGLING_REFERENCE, "indications[2].product");
}

static void
test_duplicate_id (Fixture *f, gconstpointer data)
{
  g_autofree char *bad = replace_once (f->valid, "\"id\": \"P3\"", "\"id\": \"P1\"");
  g_autofree char *message = import_message (bad);

  g_assert_cmpstr (message, ==, "participants[2].id: repeats the id of participants[0]");
  check_bad (f, bad, DAG_IMPORT_ERROR_DUPLICATE_ID, "participants[2].id");
}

static void
test_duplicate_run_id (Fixture *f, gconstpointer data)
{
  check_bad_replace (f, "\"id\": \"R2\"", "\"id\": \"R1\"", DAG_IMPORT_ERROR_DUPLICATE_ID, "runs[1].id");
}

static void
test_duplicate_municipality (Fixture *f, gconstpointer data)
{
  check_bad_replace (f, "{ \"code\": \"0344\"", "{ \"code\": \"0202\"",
                     DAG_IMPORT_ERROR_DUPLICATE_ID, "municipalities[1].code");
}

static void
test_duplicate_bsn (Fixture *f, gconstpointer data)
{
  g_autofree char *bad = replace_once (f->valid, "\"bsn\": \"100000009\"", "\"bsn\": \"111222333\"");
  g_autofree char *message = import_message (bad);

  g_assert_cmpstr (message, ==, "participants[2].bsn: is the same BSN as participants[0].bsn");
  check_bad (f, bad, DAG_IMPORT_ERROR_DUPLICATE_ID, "participants[2].bsn");
}

static void
test_invalid_bsn (Fixture *f, gconstpointer data)
{
  g_autofree char *bad = replace_once (f->valid, "\"bsn\": \"123456782\"", "\"bsn\": \"123456789\"");
  g_autofree char *message = import_message (bad);

  g_assert_cmpstr (message, ==, "participants[1].bsn: is not a valid BSN (the 11-test fails)");
  g_assert_null (strstr (message, "123456789"));
  check_bad (f, bad, DAG_IMPORT_ERROR_INVALID_VALUE, "participants[1].bsn");
}

static void
test_end_before_start (Fixture *f, gconstpointer data)
{
  g_autofree char *bad = replace_once (f->valid, "\"end\": \"2026-06-30\"", "\"end\": \"2025-12-31\"");
  g_autofree char *message = import_message (bad);

  g_assert_cmpstr (message, ==, "indications[1].end: the end date is before the start date");
  check_bad (f, bad, DAG_IMPORT_ERROR_INVALID_VALUE, "indications[1].end");
}

static void
test_absence_backwards (Fixture *f, gconstpointer data)
{
  check_bad_replace (f, "\"to\": \"2026-11-14\"", "\"to\": \"2026-11-09\"",
                     DAG_IMPORT_ERROR_INVALID_VALUE, "absences[0].to");
}

static void
test_bad_date (Fixture *f, gconstpointer data)
{
  check_bad_replace (f, "\"birth_date\": \"1990-02-28\"", "\"birth_date\": \"1990-02-29\"",
                     DAG_IMPORT_ERROR_INVALID_VALUE, "participants[1].birth_date");
}

static void
test_wrong_format (Fixture *f, gconstpointer data)
{
  check_bad_replace (f, "\"format\": \"dagritme-organisation\"", "\"format\": \"something-else\"",
                     DAG_IMPORT_ERROR_INVALID_VALUE, "format");
}

static void
test_wrong_version (Fixture *f, gconstpointer data)
{
  check_bad_replace (f, "\"version\": 1,", "\"version\": 2,", DAG_IMPORT_ERROR_INVALID_VALUE, "version");
}

static void
test_missing_field (Fixture *f, gconstpointer data)
{
  g_autofree char *bad = replace_once (f->valid, "\"name\": \"Bus 1\", ", "");
  g_autofree char *message = import_message (bad);

  g_assert_cmpstr (message, ==, "vehicles[0].name: is missing");
  check_bad (f, bad, DAG_IMPORT_ERROR_MISSING_FIELD, "vehicles[0].name");
}

static void
test_missing_section (Fixture *f, gconstpointer data)
{
  check_bad_replace (f, "\"organisation\": { \"name\": \"Zorgboerderij De Linde\", \"agb_code\": \"98765432\" },",
                     "", DAG_IMPORT_ERROR_MISSING_FIELD, "organisation");
}

static void
test_bad_slot (Fixture *f, gconstpointer data)
{
  check_bad_replace (f, "\"slots\": [\"wed-ev\", \"sat-am\"]", "\"slots\": [\"wed-ev\", \"sun-am\"]",
                     DAG_IMPORT_ERROR_INVALID_VALUE, "groups[1].slots[1]");
}

static void
test_slot_location_closed (Fixture *f, gconstpointer data)
{
  /* L1 has no evening part, so G1 cannot run in the evening. */
  check_bad_replace (f, "\"slots\": [\"tue-am\", \"mon-am\", \"mon-pm\", \"tue-pm\"]",
                     "\"slots\": [\"tue-am\", \"mon-am\", \"mon-ev\", \"tue-pm\"]",
                     DAG_IMPORT_ERROR_INVALID_VALUE, "groups[0].slots[2]");
}

static void
test_plan_slot_not_run (Fixture *f, gconstpointer data)
{
  check_bad_replace (f, "{ \"participant\": \"P2\", \"group\": \"G2\", \"slot\": \"wed-ev\" }",
                     "{ \"participant\": \"P2\", \"group\": \"G2\", \"slot\": \"thu-ev\" }",
                     DAG_IMPORT_ERROR_INVALID_VALUE, "plan[3].slot");
}

static void
test_bad_time (Fixture *f, gconstpointer data)
{
  check_bad_replace (f, "\"time\": \"08:31\"", "\"time\": \"8:31\"",
                     DAG_IMPORT_ERROR_INVALID_VALUE, "runs[0].stops[0].time");
}

static void
test_location_times_backwards (Fixture *f, gconstpointer data)
{
  check_bad_replace (f, "\"ev\": [\"18:00\", \"21:00\"]", "\"ev\": [\"18:00\", \"17:00\"]",
                     DAG_IMPORT_ERROR_INVALID_VALUE, "locations[1].slots.ev[1]");
}

static void
test_run_wrong_time_key (Fixture *f, gconstpointer data)
{
  check_bad_replace (f, "\"depart\": \"17:05\"", "\"arrive\": \"17:05\"",
                     DAG_IMPORT_ERROR_UNKNOWN_FIELD, "runs[1].arrive");
}

static void
test_negative_tariff (Fixture *f, gconstpointer data)
{
  g_autofree char *bad = replace_once (f->valid, "\"tariff_cents\": 3450", "\"tariff_cents\": -3450");
  g_autofree char *message = import_message (bad);

  g_assert_cmpstr (message, ==, "contracts[0].products[0].tariff_cents: must not be negative");
  check_bad (f, bad, DAG_IMPORT_ERROR_INVALID_VALUE, "contracts[0].products[0].tariff_cents");
}

static void
test_fractional_cents (Fixture *f, gconstpointer data)
{
  check_bad_replace (f, "\"tariff_cents\": 3450", "\"tariff_cents\": 34.5",
                     DAG_IMPORT_ERROR_TYPE, "contracts[0].products[0].tariff_cents");
}

static void
test_staffel_duplicate (Fixture *f, gconstpointer data)
{
  check_bad_replace (f, "{ \"from_unit\": 9,", "{ \"from_unit\": 13,",
                     DAG_IMPORT_ERROR_DUPLICATE_ID, "contracts[0].products[0].staffel[1].from_unit");
}

static void
test_volume (Fixture *f, gconstpointer data)
{
  check_bad_replace (f, "\"units\": 4, \"per\": \"week\"", "\"units\": 19, \"per\": \"week\"",
                     DAG_IMPORT_ERROR_INVALID_VALUE, "indications[0].volume.units");
}

static void
test_min_units_month (Fixture *f, gconstpointer data)
{
  check_bad_replace (f, "\"min_units\": null", "\"min_units\": 2",
                     DAG_IMPORT_ERROR_INVALID_VALUE, "indications[3].volume.min_units");
}

static void
test_plan_twice (Fixture *f, gconstpointer data)
{
  /* P1 already has mon-am (plan[0]); plan[3] puts P1 in mon-am again. */
  g_autofree char *bad = replace_once (f->valid, "{ \"participant\": \"P2\", \"group\": \"G2\", \"slot\": \"wed-ev\" }",
                                       "{ \"participant\": \"P1\", \"group\": \"G1\", \"slot\": \"mon-am\" }");
  g_autofree char *message = import_message (bad);

  g_assert_cmpstr (message, ==, "plan[3]: plans the participant a second time in this slot (also at plan[0])");
  check_bad (f, bad, DAG_IMPORT_ERROR_DUPLICATE_ID, "plan[3]");
}

static void
test_staffing_twice (Fixture *f, gconstpointer data)
{
  check_bad_replace (f, "{ \"staff\": \"S2\", \"group\": \"G2\", \"slot\": \"wed-ev\" }",
                     "{ \"staff\": \"S1\", \"group\": \"G1\", \"slot\": \"mon-am\" }",
                     DAG_IMPORT_ERROR_DUPLICATE_ID, "staffing[1]");
}

static void
test_attendance_twice (Fixture *f, gconstpointer data)
{
  g_autofree char *bad = replace_once (f->valid, "\"slot\": \"pm\",", "\"slot\": \"am\",");
  g_autofree char *message = import_message (bad);

  g_assert_cmpstr (message, ==,
                   "attendance[1]: registers this participant, date and slot a second time (also at attendance[0])");
  check_bad (f, bad, DAG_IMPORT_ERROR_DUPLICATE_ID, "attendance[1]");
}

static void
test_closure_twice (Fixture *f, gconstpointer data)
{
  check_bad_replace (f, "[\"2026-12-24\", \"2026-05-15\"]", "[\"2026-12-24\", \"2026-12-24\"]",
                     DAG_IMPORT_ERROR_DUPLICATE_ID, "locations[0].closures[1]");
}

static void
test_hours_range (Fixture *f, gconstpointer data)
{
  check_bad_replace (f, "\"hours\": 3.5", "\"hours\": 24.5",
                     DAG_IMPORT_ERROR_INVALID_VALUE, "attendance[1].hours");
}

static void
test_hours_negative (Fixture *f, gconstpointer data)
{
  check_bad_replace (f, "\"hours\": 3.5", "\"hours\": -1",
                     DAG_IMPORT_ERROR_INVALID_VALUE, "attendance[1].hours");
}

static void
test_huge_number (Fixture *f, gconstpointer data)
{
  check_bad_replace (f, "\"road_factor\": 1.3", "\"road_factor\": 1e400",
                     DAG_IMPORT_ERROR_INVALID_VALUE, "settings.road_factor");
}

static void
test_bad_enum (Fixture *f, gconstpointer data)
{
  g_autofree char *bad = replace_once (f->valid, "\"transport\": \"bus\"", "\"transport\": \"taxi\"");
  g_autofree char *message = import_message (bad);

  g_assert_cmpstr (message, ==, "participants[0].transport: must be one of “own”, “bus”");
  check_bad (f, bad, DAG_IMPORT_ERROR_INVALID_VALUE, "participants[0].transport");
}


/* ---- the strict reader (issue 15) ------------------------------------- */

/* The message of bad, which must fail with code; the store is unchanged. */
static void
check_message (Fixture        *f,
               const char     *bad,
               gsize           length,
               DagImportError  code,
               const char     *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DagOrg) org = dag_org_import_json (bad, length, &error);

  g_assert_null (org);
  g_assert_error (error, DAG_IMPORT_ERROR, (int) code);
  if (strcmp (error->message, expected) != 0)
    g_error ("expected the message “%s”, got “%s”", expected, error->message);
}

static void
check_strict (Fixture        *f,
              const char     *old,
              const char     *new,
              DagImportError  code,
              const char     *expected)
{
  g_autofree char *bad = replace_once (f->valid, old, new);

  check_message (f, bad, strlen (bad), code, expected);
}

/* A comment holding "]]]…" and then 200,000 "[" crashed the import: the
 * old depth guard did not know comments, json-glib did and recursed. */
static void
test_strict_deep_comment (Fixture *f, gconstpointer data)
{
  gsize n = 200000;
  GString *text = g_string_new ("{\"f\": /*");

  for (gsize i = 0; i < n; i++)
    g_string_append_c (text, ']');
  g_string_append (text, "*/ ");
  for (gsize i = 0; i < n; i++)
    g_string_append_c (text, '[');
  for (gsize i = 0; i < n; i++)
    g_string_append_c (text, ']');
  g_string_append_c (text, '}');
  check_message (f, text->str, text->len, DAG_IMPORT_ERROR_SYNTAX,
                 "line 1, column 7: comments are not allowed in JSON");

  /* The same with a single-quoted string hiding the brackets. */
  g_string_assign (text, "{\"f\": '");
  for (gsize i = 0; i < n; i++)
    g_string_append_c (text, ']');
  g_string_append (text, "' ");
  for (gsize i = 0; i < n; i++)
    g_string_append_c (text, '[');
  check_message (f, text->str, text->len, DAG_IMPORT_ERROR_SYNTAX,
                 "line 1, column 7: text must be in double quotes (\"), not single quotes");

  /* Without a trick, the depth limit counts in the tokenizer itself. */
  g_string_assign (text, "{\"f\": ");
  for (gsize i = 0; i < n; i++)
    g_string_append_c (text, '[');
  check_message (f, text->str, text->len, DAG_IMPORT_ERROR_SYNTAX,
                 "line 1: the data is nested more than 32 levels deep");
  g_string_free (text, TRUE);
}

static void
test_strict_comment (Fixture *f, gconstpointer data)
{
  check_strict (f, "  \"version\": 1,\n", "  \"version\": 1, // one\n",
                DAG_IMPORT_ERROR_SYNTAX, "line 3, column 17: comments are not allowed in JSON");
  check_strict (f, "  \"version\": 1,\n", "  \"version\": /* one */ 1,\n",
                DAG_IMPORT_ERROR_SYNTAX, "line 3, column 14: comments are not allowed in JSON");
}

static void
test_strict_single_quotes (Fixture *f, gconstpointer data)
{
  check_strict (f, "\"agb_code\": \"98765432\"", "'agb_code': \"98765432\"",
                DAG_IMPORT_ERROR_SYNTAX,
                "line 4, column 55: text must be in double quotes (\"), not single quotes");
  check_strict (f, "\"agb_code\": \"98765432\"", "\"agb_code\": '98765432'",
                DAG_IMPORT_ERROR_SYNTAX,
                "line 4, column 67: text must be in double quotes (\"), not single quotes");
}

static void
test_strict_numbers (Fixture *f, gconstpointer data)
{
  check_strict (f, "\"slot_minutes\": 240", "\"slot_minutes\": 0xF0", DAG_IMPORT_ERROR_SYNTAX,
                "line 6, column 21: a number must be decimal, without leading zeros");
  check_strict (f, "\"slot_minutes\": 240", "\"slot_minutes\": 0240", DAG_IMPORT_ERROR_SYNTAX,
                "line 6, column 21: a number must be decimal, without leading zeros");
  check_strict (f, "\"slot_minutes\": 240", "\"slot_minutes\": +240", DAG_IMPORT_ERROR_SYNTAX,
                "line 6, column 21: a number must not start with “+”");
  check_strict (f, "\"road_factor\": 1.3", "\"road_factor\": NaN", DAG_IMPORT_ERROR_SYNTAX,
                "line 9, column 20: NaN and Infinity are not JSON numbers");
  check_strict (f, "\"road_factor\": 1.3", "\"road_factor\": Infinity", DAG_IMPORT_ERROR_SYNTAX,
                "line 9, column 20: NaN and Infinity are not JSON numbers");
  check_strict (f, "\"road_factor\": 1.3", "\"road_factor\": 1.", DAG_IMPORT_ERROR_SYNTAX,
                "line 9, column 20: a decimal point must be followed by a digit");
  check_strict (f, "\"road_factor\": 1.3", "\"road_factor\": .3", DAG_IMPORT_ERROR_SYNTAX,
                "line 9, column 20: a number must start with a digit or “-”");
  check_strict (f, "\"road_factor\": 1.3",
                "\"road_factor\": 1.30000000000000000000000000000000000000000", DAG_IMPORT_ERROR_SYNTAX,
                "line 9, column 20: a number is longer than 40 characters");
}

static void
test_strict_duplicate_key (Fixture *f, gconstpointer data)
{
  /* json-glib kept the last: the first name would silently vanish. */
  check_strict (f, "{ \"id\": \"P1\", \"name\": \"Jan Jansen\",",
                "{ \"id\": \"P1\", \"name\": \"Jan Jansen\", \"name\": \"Piet\",",
                DAG_IMPORT_ERROR_DUPLICATE_ID, "participants[0].name: is given twice in the same object");
  check_strict (f, "  \"version\": 1,\n", "  \"version\": 1, \"version\": 1,\n",
                DAG_IMPORT_ERROR_DUPLICATE_ID, "version: is given twice in the same object");
  /* The same key written with an escape is the same key. */
  check_strict (f, "{ \"id\": \"P1\", \"name\": \"Jan Jansen\",",
                "{ \"id\": \"P1\", \"name\": \"Jan Jansen\", \"n\\u0061me\": \"Piet\",",
                DAG_IMPORT_ERROR_DUPLICATE_ID, "participants[0].name: is given twice in the same object");
  /* A key that could be a BSN is not repeated. */
  check_strict (f, "  \"version\": 1,\n", "  \"version\": 1, \"123456782\": 1, \"123456782\": 1,\n",
                DAG_IMPORT_ERROR_DUPLICATE_ID, "…: is given twice in the same object");
}

/* An object with many members switches to a hash set: still found. */
static void
test_strict_duplicate_key_many (Fixture *f, gconstpointer data)
{
  GString *text = g_string_new ("{");

  for (int i = 0; i < 100; i++)
    g_string_append_printf (text, "\"k%d\": %d, ", i, i);
  g_string_append (text, "\"k57\": 0}");
  check_message (f, text->str, text->len, DAG_IMPORT_ERROR_DUPLICATE_ID,
                 "k57: is given twice in the same object");
  g_string_free (text, TRUE);
}

static void
test_strict_second_root (Fixture *f, gconstpointer data)
{
  g_autofree char *bad = g_strconcat (f->valid, "{}\n", NULL);
  g_autofree char *trailing_comma = replace_once (f->valid, "\"ratio\": 5 }\n", "\"ratio\": 5 },\n");
  guint lines = 0;

  for (const char *c = f->valid; *c; c++)
    lines += *c == '\n';
  {
    g_autofree char *expected = g_strdup_printf ("line %u, column 1: the file goes on after the end of the JSON value",
                                                 lines + 1);
    g_autofree char *where = g_strdup_printf ("line %u, column 1", lines + 1);

    check_message (f, bad, strlen (bad), DAG_IMPORT_ERROR_SYNTAX, expected);
    check_bad (f, bad, DAG_IMPORT_ERROR_SYNTAX, where);
  }
  check_message (f, trailing_comma, strlen (trailing_comma), DAG_IMPORT_ERROR_SYNTAX,
                 "line 20, column 5: expected a value");
}

static void
test_strict_control (Fixture *f, gconstpointer data)
{
  /* "P1\u0000x" was read as "P1". */
  check_strict (f, "{ \"id\": \"P1\", \"name\": \"Jan Jansen\",", "{ \"id\": \"P1\\u0000x\", \"name\": \"Jan Jansen\",",
                DAG_IMPORT_ERROR_INVALID_VALUE, "participants[0].id: contains a control character (U+0000)");
  check_strict (f, "\"allocation_number\": \"U-77\"", "\"allocation_number\": \"U-\\u000177\"",
                DAG_IMPORT_ERROR_INVALID_VALUE, "indications[2].allocation_number: contains a control character (U+0001)");
  check_strict (f, "\"name\": \"Jan Jansen\"", "\"name\": \"Jan\\nJansen\"",
                DAG_IMPORT_ERROR_INVALID_VALUE, "participants[0].name: contains a control character (U+000A)");
  /* Raw, and C1 (U+009B is a terminal's CSI), and escape sequences. */
  check_strict (f, "\"name\": \"Jan Jansen\"", "\"name\": \"Jan\tJansen\"",
                DAG_IMPORT_ERROR_INVALID_VALUE, "participants[0].name: contains a control character (U+0009)");
  check_strict (f, "\"name\": \"Jan Jansen\"", "\"name\": \"Jan\xc2\x9b" "2JJansen\"",
                DAG_IMPORT_ERROR_INVALID_VALUE, "participants[0].name: contains a control character (U+009B)");
  check_strict (f, "\"name\": \"Jan Jansen\"", "\"name\": \"Jan\\u001b[2JJansen\"",
                DAG_IMPORT_ERROR_INVALID_VALUE, "participants[0].name: contains a control character (U+001B)");
  check_strict (f, "\"name\": \"Jan Jansen\"", "\"name\": \"Jan\\uFFFF\"",
                DAG_IMPORT_ERROR_INVALID_VALUE, "participants[0].name: contains a character that is not allowed (U+FFFF)");
  /* In a field name: the object is named. */
  check_strict (f, "{ \"id\": \"P1\", \"name\": \"Jan Jansen\",", "{ \"id\": \"P1\", \"na\\u0007me\": \"Jan Jansen\",",
                DAG_IMPORT_ERROR_INVALID_VALUE, "participants[0]: a field name contains a control character (U+0007)");
  check_bad_replace (f, "\"name\": \"Jan Jansen\"", "\"name\": \"Jan\\u0000\"",
                     DAG_IMPORT_ERROR_INVALID_VALUE, "participants[0].name");
}

/* Direction marks and embeddings (Trojan Source: "Jan \u202EnesnaJ" shows
 * as "Jan Jansen" backwards) and line separators are refused like control
 * characters, raw or escaped, named by the JSON path. */
static void
test_strict_direction (Fixture *f, gconstpointer data)
{
  check_strict (f, "\"name\": \"Jan Jansen\"", "\"name\": \"Jan \xe2\x80\xae" "nesnaJ\"",
                DAG_IMPORT_ERROR_INVALID_VALUE,
                "participants[0].name: contains a character that changes the writing direction (U+202E)");
  check_strict (f, "\"name\": \"Jan Jansen\"", "\"name\": \"Jan \\u2066Jansen\\u2069\"",
                DAG_IMPORT_ERROR_INVALID_VALUE,
                "participants[0].name: contains a character that changes the writing direction (U+2066)");
  check_strict (f, "\"name\": \"Jan Jansen\"", "\"name\": \"Jan \\u200fJansen\"",
                DAG_IMPORT_ERROR_INVALID_VALUE,
                "participants[0].name: contains a character that changes the writing direction (U+200F)");
  check_strict (f, "\"address\": \"Steenstraat 5, 6828 CA Arnhem\"",
                "\"address\": \"Steenstraat 5\\u2028 6828 CA Arnhem\"",
                DAG_IMPORT_ERROR_INVALID_VALUE,
                "participants[0].address: contains a line or paragraph separator (U+2028)");
  check_strict (f, "\"reason\": \"vakantie\"", "\"reason\": \"vakantie\xe2\x80\xa9\"",
                DAG_IMPORT_ERROR_INVALID_VALUE,
                "absences[0].reason: contains a line or paragraph separator (U+2029)");
  check_strict (f, "\"agb_code\": \"98765432\"", "\"agb_code\": \"\\u202A98765432\"",
                DAG_IMPORT_ERROR_INVALID_VALUE,
                "organisation.agb_code: contains a character that changes the writing direction (U+202A)");
  /* In a field name: the object is named. */
  check_strict (f, "{ \"id\": \"P1\", \"name\": \"Jan Jansen\",", "{ \"id\": \"P1\", \"na\\u202eme\": \"Jan Jansen\",",
                DAG_IMPORT_ERROR_INVALID_VALUE,
                "participants[0]: a field name contains a character that is not allowed (U+202E)");
}

/* A municipality code is four digits (CBS), as the new-organisation
 * assistant checks it: the import and the assistant share the check. */
static void
test_municipality_code (Fixture *f, gconstpointer data)
{
  check_bad_replace (f, "{ \"code\": \"0202\", \"name\": \"Arnhem\" }",
                     "{ \"code\": \"GM0202\", \"name\": \"Arnhem\" }",
                     DAG_IMPORT_ERROR_INVALID_VALUE, "municipalities[0].code");
}

static void
test_strict_encoding (Fixture *f, gconstpointer data)
{
  check_strict (f, "\"name\": \"Jan Jansen\"", "\"name\": \"Jan \\ud800\"",
                DAG_IMPORT_ERROR_SYNTAX, "participants[0].name: contains a lone surrogate (\\uD800)");
  check_strict (f, "\"name\": \"Jan Jansen\"", "\"name\": \"Jan \\udc00\\ud800\"",
                DAG_IMPORT_ERROR_SYNTAX, "participants[0].name: contains a lone surrogate (\\uDC00)");
  check_strict (f, "\"name\": \"Jan Jansen\"", "\"name\": \"Jan \xed\xa0\x80\"",
                DAG_IMPORT_ERROR_SYNTAX, "line 75, column 32: the file is not UTF-8 text");
  check_strict (f, "\"name\": \"Jan Jansen\"", "\"name\": \"Jan \xc0\xaf\"",
                DAG_IMPORT_ERROR_SYNTAX, "line 75, column 32: the file is not UTF-8 text");
  check_strict (f, "\"name\": \"Jan Jansen\"", "\"name\": \"Jan \\x41\"",
                DAG_IMPORT_ERROR_SYNTAX, "line 75, column 32: “\\” must be followed by one of \" \\ / b f n r t u");
  {
    /* A raw NUL outside any string. */
    g_autofree char *bad = replace_once (f->valid, "  \"version\": 1,\n", "  \"version\": 1,\n  ");

    bad[strlen ("{\n  \"format\": \"dagritme-organisation\",\n  \"version\": 1,\n ")] = '\0';
    check_message (f, bad, strlen (f->valid) + 2, DAG_IMPORT_ERROR_SYNTAX, "line 4, column 2: expected a field name in “\"”");
  }
}

static void
test_strict_pairs_and_bom (Fixture *f, gconstpointer data)
{
  /* A surrogate pair, a BOM and escapes of ordinary characters are fine. */
  g_autofree char *good = replace_once (f->valid, "\"name\": \"Jan Jansen\"", "\"name\": \"Jan \\ud83d\\ude00 J\\u00e9nsen\\/\"");
  g_autofree char *with_bom = g_strconcat ("\xEF\xBB\xBF", f->valid, NULL);
  g_autoptr(DagOrg) org = import_ok (good);
  g_autoptr(DagOrg) org_bom = import_ok (with_bom);
  g_autofree char *a = export (org_bom);
  g_autoptr(DagOrg) plain = import_ok (f->valid);
  g_autofree char *b = export (plain);

  g_assert_cmpstr (DAG_AT (org->participants, DagParticipant, 0)->name, ==, "Jan \xF0\x9F\x98\x80 J\xC3\xA9nsen/");
  g_assert_cmpstr (a, ==, b);
}

static void
test_strict_lengths (Fixture *f, gconstpointer data)
{
  g_autofree char *name200 = g_strnfill (200, 'a');
  g_autofree char *name201 = g_strnfill (201, 'a');
  g_autofree char *text501 = g_strnfill (501, 'x');
  g_autofree char *id65 = g_strnfill (65, 'k');
  g_autofree char *ok = NULL, *bad = NULL, *text200 = NULL;
  g_autoptr(DagOrg) org = NULL;

  ok = g_strdup_printf ("\"name\": \"%s\"", name200);
  text200 = replace_once (f->valid, "\"name\": \"Jan Jansen\"", ok);
  org = import_ok (text200);
  g_assert_cmpint (strlen (DAG_AT (org->participants, DagParticipant, 0)->name), ==, 200);
  bad = g_strdup_printf ("\"name\": \"%s\"", name201);
  check_strict (f, "\"name\": \"Jan Jansen\"", bad, DAG_IMPORT_ERROR_INVALID_VALUE,
                "participants[0].name: is longer than 200 characters");
  g_clear_pointer (&bad, g_free);
  /* Characters, not bytes: 200 times “é” is allowed. */
  {
    GString *e = g_string_new ("\"name\": \"");
    g_autoptr(DagOrg) org_e = NULL;
    g_autofree char *text = NULL;

    for (int i = 0; i < 200; i++)
      g_string_append (e, "é");
    g_string_append_c (e, '"');
    text = replace_once (f->valid, "\"name\": \"Jan Jansen\"", e->str);
    org_e = import_ok (text);
    g_string_free (e, TRUE);
  }
  bad = g_strdup_printf ("\"address\": \"Steenstraat 5, 6828 CA Arnhem%s\"", text501 + 229);
  check_strict (f, "\"address\": \"Steenstraat 5, 6828 CA Arnhem\"", bad, DAG_IMPORT_ERROR_INVALID_VALUE,
                "participants[0].address: is longer than 300 characters");
  g_clear_pointer (&bad, g_free);
  bad = g_strdup_printf ("\"name\": \"%s\"", text501);
  check_strict (f, "\"name\": \"Jan Jansen\"", bad, DAG_IMPORT_ERROR_INVALID_VALUE,
                "participants[0].name: is longer than 500 characters");
  g_clear_pointer (&bad, g_free);
  bad = g_strdup_printf ("\"allocation_number\": \"%s\"", id65);
  check_strict (f, "\"allocation_number\": \"U-77\"", bad, DAG_IMPORT_ERROR_INVALID_VALUE,
                "indications[2].allocation_number: is longer than 64 characters");
  g_clear_pointer (&bad, g_free);
  bad = g_strdup_printf ("\"%s\": 1,\n", id65);
  check_strict (f, "  \"version\": 1,\n", bad, DAG_IMPORT_ERROR_INVALID_VALUE,
                "line 3, column 1: a field name is longer than 64 characters");
  g_clear_pointer (&bad, g_free);
  /* An element of an array of strings. */
  bad = g_strdup_printf ("\"products\": [\"M3\", \"%s\"]", id65);
  check_strict (f, "\"products\": [\"M3\", \"M1\"]", bad, DAG_IMPORT_ERROR_INVALID_VALUE,
                "groups[0].products[1]: is longer than 64 characters");
  check_bad_replace (f, "\"products\": [\"M3\", \"M1\"]", bad, DAG_IMPORT_ERROR_INVALID_VALUE,
                     "groups[0].products[1]");
  g_clear_pointer (&bad, g_free);
}

/* ---- the commands ------------------------------------------------------- */

static char *
binary_path (void)
{
  const char *env = g_getenv ("DAGRITME_BINARY");

  if (env)
    return g_strdup (env);
  return g_build_filename (g_getenv ("G_TEST_BUILDDIR") ? g_getenv ("G_TEST_BUILDDIR") : ".",
                           "..", "gui", "dagritme", NULL);
}

static int
run_in (const char        *lang,
        const char *const *args,
        char              **out,
        char              **err)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) envp = g_get_environ ();
  int status = 0;

  g_ptr_array_add (argv, binary_path ());
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, g_strdup (args[i]));
  g_ptr_array_add (argv, NULL);
  /* Never a window, whatever goes wrong. */
  envp = g_environ_unsetenv (envp, "DISPLAY");
  envp = g_environ_unsetenv (envp, "WAYLAND_DISPLAY");
  if (lang)
    {
      g_autofree char *po = g_build_filename (g_getenv ("G_TEST_BUILDDIR") ? g_getenv ("G_TEST_BUILDDIR") : ".",
                                              "..", "po", NULL);

      envp = g_environ_setenv (envp, "LC_ALL", lang, TRUE);
      envp = g_environ_setenv (envp, "LANGUAGE", "", TRUE);
      if (!g_environ_getenv (envp, "DAGRITME_LOCALEDIR"))
        envp = g_environ_setenv (envp, "DAGRITME_LOCALEDIR", po, TRUE);
    }
  /* Output nobody reads goes nowhere: on the test's stdout it would break TAP. */
  g_spawn_sync (NULL, (char **) argv->pdata, envp, out ? G_SPAWN_DEFAULT : G_SPAWN_STDOUT_TO_DEV_NULL,
                NULL, NULL, out, err, &status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

static int
run (const char *const *args,
     char              **out,
     char              **err)
{
  return run_in (NULL, args, out, err);
}

static void
test_cli (Fixture *f, gconstpointer data)
{
  g_autofree char *bin = binary_path ();
  g_autofree char *good = g_build_filename (f->dir, "good.json", NULL);
  g_autofree char *bad = g_build_filename (f->dir, "bad.json", NULL);
  g_autofree char *out = g_build_filename (f->dir, "out.json", NULL);
  g_autofree char *db = g_build_filename (f->dir, "cli.db", NULL);
  g_autofree char *bad_text = replace_once (f->valid, "\"bsn\": \"123456782\"", "\"bsn\": \"123456789\"");
  g_autofree char *written = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *stdout_text = NULL;
  g_autofree char *stderr_text = NULL;
  g_autofree char *message = NULL;
  g_autoptr(DagOrg) org = NULL;
  GStatBuf st;

  if (!g_file_test (bin, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("the dagritme binary is not built");
      return;
    }
  g_assert_true (g_file_set_contents (good, f->valid, -1, NULL));
  g_assert_true (g_file_set_contents (bad, bad_text, -1, NULL));

  {
    const char *args[] = { "--database", db, "import", good, NULL };
    g_assert_cmpint (run (args, NULL, NULL), ==, 0);
  }
  {
    const char *args[] = { "--database", db, "export", "organisation", "--output", out, NULL };
    g_assert_cmpint (run (args, NULL, NULL), ==, 0);
  }
  g_assert_true (g_file_get_contents (out, &written, NULL, NULL));
  org = import_ok (f->valid);
  expected = export (org);
  g_assert_cmpstr (written, ==, expected);
  g_assert_cmpint (g_stat (out, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* Without --output the file goes to standard output. */
  {
    const char *args[] = { "--database", db, "export", "organisation", NULL };
    g_assert_cmpint (run (args, &stdout_text, NULL), ==, 0);
    g_assert_cmpstr (stdout_text, ==, expected);
  }

  /* A bad file: exit 1, the path in the message, the database as it was. */
  {
    const char *args[] = { "--database", db, "import", bad, NULL };
    g_autofree char *display = g_filename_display_name (bad);
    message = g_strdup_printf ("dagritme: %s: participants[1].bsn: is not a valid BSN (the 11-test fails)\n", display);
    g_assert_cmpint (run (args, NULL, &stderr_text), ==, 1);
    g_assert_cmpstr (stderr_text, ==, message);
  }
  g_clear_pointer (&stdout_text, g_free);
  {
    const char *args[] = { "--database", db, "export", "organisation", NULL };
    g_assert_cmpint (run (args, &stdout_text, NULL), ==, 0);
    g_assert_cmpstr (stdout_text, ==, expected);
  }

  /* Nothing to export from an empty database. */
  {
    g_autofree char *empty_db = g_build_filename (f->dir, "empty.db", NULL);
    const char *args[] = { "--database", empty_db, "export", "organisation", NULL };
    g_clear_pointer (&stdout_text, g_free);
    g_assert_cmpint (run (args, &stdout_text, NULL), ==, 1);
    g_assert_cmpstr (stdout_text, ==, "");
  }

  /* No file, or two: a wrong command line. */
  {
    const char *args[] = { "--database", db, "import", NULL };
    g_assert_cmpint (run (args, NULL, NULL), ==, 2);
  }
  {
    const char *args[] = { "--database", db, "import", good, bad, NULL };
    g_assert_cmpint (run (args, NULL, NULL), ==, 2);
  }
  {
    const char *args[] = { "--database", db, "export", "organisation", "extra", NULL };
    g_assert_cmpint (run (args, NULL, NULL), ==, 2);
  }
}

/* The reason of an import error is translated; the path stays as in the
 * file. */
static void
test_cli_dutch (Fixture *f, gconstpointer data)
{
  g_autofree char *bin = binary_path ();
  g_autofree char *bad = g_build_filename (f->dir, "bad.json", NULL);
  g_autofree char *db = g_build_filename (f->dir, "cli.db", NULL);
  g_autofree char *bad_text = replace_once (f->valid, "\"capacity\": 8,", "\"capacity\": \"8\",");
  g_autofree char *stderr_text = NULL;
  const char *args[] = { "--database", db, "import", bad, NULL };
  locale_t dutch;

  if (!g_file_test (bin, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("the dagritme binary is not built");
      return;
    }
  dutch = newlocale (LC_ALL_MASK, "nl_NL.UTF-8", (locale_t) 0);
  if (dutch == (locale_t) 0)
    {
      g_test_skip ("the nl_NL.UTF-8 locale is not installed");
      return;
    }
  freelocale (dutch);
  g_assert_true (g_file_set_contents (bad, bad_text, -1, NULL));
  g_assert_cmpint (run_in ("nl_NL.UTF-8", args, NULL, &stderr_text), ==, 1);
  if (strstr (stderr_text, "groups[0].capacity: moet een geheel getal zijn\n") == NULL)
    g_error ("expected the Dutch reason, got “%s”", stderr_text);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  dag_test_db_init ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/json/round-trip", test_round_trip);
  ADD ("/json/declarations/round-trip", test_declarations_round_trip);
  ADD ("/json/declarations/bad", test_declarations_bad);
  ADD ("/json/iwmo-codes", test_iwmo_codes);
  ADD ("/json/canonical", test_canonical);
  ADD ("/json/demo-round-trip", test_demo_round_trip);
  g_test_add_func ("/json/values", test_values);
  g_test_add_func ("/json/defaults", test_defaults);
  g_test_add_func ("/json/shortest-double", test_shortest_double);
  ADD ("/json/transport-values", test_transport_values);
  ADD ("/json/transport-round-trip", test_transport_round_trip);
  ADD ("/json/transport-hours-edges", test_transport_hours_edges);
  ADD ("/json/transport-absent", test_transport_absent);
  ADD ("/json/transport-bad", test_transport_bad);
  ADD ("/json/transport-unknown-key", test_transport_unknown_key);
  ADD ("/json/syntax", test_syntax);
  ADD ("/json/syntax-no-bsn", test_syntax_no_bsn);
  ADD ("/json/dangling-bsn-like", test_dangling_bsn_like);
  ADD ("/json/not-object", test_not_object);
  ADD ("/json/wrong-type", test_wrong_type);
  ADD ("/json/wrong-type-array", test_wrong_type_array);
  ADD ("/json/unknown-field", test_unknown_field);
  ADD ("/json/unknown-field-nested", test_unknown_field_nested);
  ADD ("/json/unknown-field-top", test_unknown_field_top);
  ADD ("/json/dangling", test_dangling);
  ADD ("/json/dangling-municipality", test_dangling_municipality);
  ADD ("/json/dangling-driver", test_dangling_driver);
  ADD ("/json/interfaces-example", test_interfaces_example);
  ADD ("/json/empty-group-product", test_empty_group_product);
  ADD ("/json/deep-nesting", test_deep_nesting);
  ADD ("/json/future-birth-date", test_future_birth_date);
  ADD ("/json/unknown-level", test_unknown_level);
  ADD ("/json/unknown-product", test_unknown_product);
  ADD ("/json/duplicate-id", test_duplicate_id);
  ADD ("/json/duplicate-run-id", test_duplicate_run_id);
  ADD ("/json/duplicate-municipality", test_duplicate_municipality);
  ADD ("/json/duplicate-bsn", test_duplicate_bsn);
  ADD ("/json/invalid-bsn", test_invalid_bsn);
  ADD ("/json/end-before-start", test_end_before_start);
  ADD ("/json/absence-backwards", test_absence_backwards);
  ADD ("/json/bad-date", test_bad_date);
  ADD ("/json/wrong-format", test_wrong_format);
  ADD ("/json/wrong-version", test_wrong_version);
  ADD ("/json/missing-field", test_missing_field);
  ADD ("/json/missing-section", test_missing_section);
  ADD ("/json/bad-slot", test_bad_slot);
  ADD ("/json/slot-location-closed", test_slot_location_closed);
  ADD ("/json/plan-slot-not-run", test_plan_slot_not_run);
  ADD ("/json/bad-time", test_bad_time);
  ADD ("/json/location-times-backwards", test_location_times_backwards);
  ADD ("/json/run-wrong-time-key", test_run_wrong_time_key);
  ADD ("/json/negative-tariff", test_negative_tariff);
  ADD ("/json/fractional-cents", test_fractional_cents);
  ADD ("/json/staffel-duplicate", test_staffel_duplicate);
  ADD ("/json/volume", test_volume);
  ADD ("/json/min-units-month", test_min_units_month);
  ADD ("/json/plan-twice", test_plan_twice);
  ADD ("/json/staffing-twice", test_staffing_twice);
  ADD ("/json/attendance-twice", test_attendance_twice);
  ADD ("/json/closure-twice", test_closure_twice);
  ADD ("/json/hours-range", test_hours_range);
  ADD ("/json/hours-negative", test_hours_negative);
  ADD ("/json/bad-enum", test_bad_enum);
  ADD ("/json/huge-number", test_huge_number);
  ADD ("/json/strict/deep-comment", test_strict_deep_comment);
  ADD ("/json/strict/comment", test_strict_comment);
  ADD ("/json/strict/single-quotes", test_strict_single_quotes);
  ADD ("/json/strict/numbers", test_strict_numbers);
  ADD ("/json/strict/duplicate-key", test_strict_duplicate_key);
  ADD ("/json/strict/duplicate-key-many", test_strict_duplicate_key_many);
  ADD ("/json/strict/second-root", test_strict_second_root);
  ADD ("/json/strict/control", test_strict_control);
  ADD ("/json/strict/direction", test_strict_direction);
  ADD ("/json/municipality-code", test_municipality_code);
  ADD ("/json/strict/encoding", test_strict_encoding);
  ADD ("/json/strict/pairs-and-bom", test_strict_pairs_and_bom);
  ADD ("/json/strict/lengths", test_strict_lengths);
  ADD ("/json/cli", test_cli);
  ADD ("/json/cli-dutch", test_cli_dutch);
#undef ADD

  status = g_test_run ();
  if (template_dir)
    remove_tree (template_dir);
  g_free (template_dir);
  g_free (template_db);
  g_free (template_export);
  return status;
}
