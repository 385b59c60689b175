/* test-edit.c — editing one participant through the store: validation of
 * every field, one transaction, an audit entry, and no BSN in messages. */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "dag-demo.h"
#include "dag-store-edit.h"
#include "dag-validate.h"

typedef struct {
  char     *dir;
  char     *path;
  DagStore *store;
  DagOrg   *org;
  char     *id;       /* of participant 0, outliving reloads */
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  DagDemoOptions options;
  g_autoptr(GError) error = NULL;
  DagOrg *demo;

  f->dir = g_dir_make_tmp ("dagritme-edit-XXXXXX", NULL);
  g_assert_nonnull (f->dir);
  f->path = g_build_filename (f->dir, "test.db", NULL);
  f->store = dag_store_open (f->path, &error);
  g_assert_no_error (error);
  dag_demo_options_init (&options);
  options.participants = DAG_DEMO_MIN_PARTICIPANTS;
  demo = dag_demo_generate (&options);
  g_assert_true (dag_store_save (f->store, demo, DAG_SECTION_ALL, "test", &error));
  g_assert_no_error (error);
  dag_org_free (demo);
  f->org = dag_store_load (f->store, &error);
  g_assert_no_error (error);
  f->id = g_strdup (DAG_AT (f->org->participants, DagParticipant, 0)->id);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  dag_org_free (f->org);
  g_clear_object (&f->store);
  g_unlink (f->path);
  g_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->id);
  g_free (f->path);
}

/* A copy of participant 0 whose strings point at static text, so tests can
 * change fields without touching the organisation. */
static DagParticipant
first (Fixture *f)
{
  DagParticipant p = *DAG_AT (f->org->participants, DagParticipant, 0);

  p.id = f->id;
  p.name = (char *) "Anna de Vries";
  p.bsn = (char *) "111222333";
  p.address = (char *) "Dorpsstraat 1, 6811 AB Arnhem";
  p.birth_date = dag_date_from_ymd (1980, 5, 17);
  return p;
}

static DagParticipant
reload_first (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  dag_org_free (f->org);
  f->org = dag_store_load (f->store, &error);
  g_assert_no_error (error);
  return *DAG_AT (f->org->participants, DagParticipant, 0);
}

static void
test_update_good (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  DagParticipant p = first (f);
  gint64 audits = dag_store_count_audit (f->store, NULL);
  DagParticipant q;

  p.transport = DAG_TRANSPORT_BUS;
  p.wheelchair = TRUE;
  p.unavailable = 1u << 4;
  p.preferred_days = 0x05;
  p.municipality = (int) f->org->municipalities->len - 1;
  g_assert_true (dag_store_update_participant (f->store, &p, &error));
  g_assert_no_error (error);

  q = reload_first (f);
  g_assert_cmpstr (q.id, ==, p.id);
  g_assert_cmpstr (q.name, ==, "Anna de Vries");
  g_assert_cmpstr (q.bsn, ==, "111222333");
  g_assert_cmpstr (q.address, ==, "Dorpsstraat 1, 6811 AB Arnhem");
  g_assert_cmpuint (q.birth_date, ==, dag_date_from_ymd (1980, 5, 17));
  g_assert_cmpint (q.transport, ==, DAG_TRANSPORT_BUS);
  g_assert_true (q.wheelchair);
  g_assert_cmpuint (q.unavailable, ==, 1u << 4);
  g_assert_cmpuint (q.preferred_days, ==, 0x05);
  g_assert_cmpint (q.municipality, ==, (int) f->org->municipalities->len - 1);
  g_assert_cmpint (dag_store_count_audit (f->store, NULL), ==, audits + 1);
}

static void
test_audit_entry (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  DagParticipant p = first (f);
  g_autofree char *expected = g_strdup_printf ("participant %s", p.id);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_true (dag_store_update_participant (f->store, &p, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT action, detail FROM audit ORDER BY rowid DESC LIMIT 1",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "edit participant");
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, expected);
  g_assert_null (strstr ((const char *) sqlite3_column_text (stmt, 1), "111222333"));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

typedef struct {
  const char *name;
  const char *field;
  void      (*spoil) (DagParticipant *p);
} BadCase;

static void spoil_bsn (DagParticipant *p) { p->bsn = (char *) "123456789"; }
static void spoil_name (DagParticipant *p) { p->name = (char *) "  "; }
static void spoil_birth (DagParticipant *p) { p->birth_date = dag_date_today () + 1; }
static void spoil_postcode (DagParticipant *p) { p->address = (char *) "Dorpsstraat 1, 0811 AB Arnhem"; }
static void spoil_municipality (DagParticipant *p) { p->municipality = 9999; }

static const BadCase bad_cases[] = {
  { "bsn", "BSN", spoil_bsn },
  { "name", "Name", spoil_name },
  { "birth-date", "Birth date", spoil_birth },
  { "postcode", "Address", spoil_postcode },
  { "municipality", "Municipality", spoil_municipality },
};

static void
test_bad_field (Fixture *f, gconstpointer data)
{
  const BadCase *bad = data;
  g_autoptr(GError) error = NULL;
  DagParticipant before = *DAG_AT (f->org->participants, DagParticipant, 0);
  g_autofree char *name = g_strdup (before.name);
  g_autofree char *bsn = g_strdup (before.bsn);
  g_autofree char *address = g_strdup (before.address);
  DagDate birth = before.birth_date;
  gint64 audits = dag_store_count_audit (f->store, NULL);
  DagParticipant p = first (f);
  DagParticipant q;

  bad->spoil (&p);
  g_assert_false (dag_store_update_participant (f->store, &p, &error));
  g_assert_error (error, DAG_VALIDATE_ERROR, DAG_VALIDATE_ERROR_INVALID);
  if (!g_str_has_prefix (error->message, bad->field))
    g_error ("expected the message to name the field “%s”, got “%s”", bad->field, error->message);
  g_assert_null (strstr (error->message, p.bsn));
  g_assert_null (strstr (error->message, bsn));

  q = reload_first (f);
  g_assert_cmpstr (q.name, ==, name);
  g_assert_cmpstr (q.bsn, ==, bsn);
  g_assert_cmpstr (q.address, ==, address);
  g_assert_cmpuint (q.birth_date, ==, birth);
  g_assert_cmpint (dag_store_count_audit (f->store, NULL), ==, audits);
}

static void
test_unknown_id (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  DagParticipant p = first (f);

  p.id = (char *) "nobody";
  g_assert_false (dag_store_update_participant (f->store, &p, &error));
  g_assert_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_NOT_FOUND);
}

static void
test_add (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  DagParticipant p = first (f);
  guint n = f->org->participants->len;

  p.id = (char *) "new-1";
  g_assert_true (dag_store_add_participant (f->store, &p, &error));
  g_assert_no_error (error);
  reload_first (f);
  g_assert_cmpuint (f->org->participants->len, ==, n + 1);
  g_assert_cmpint (dag_org_lookup (f->org, DAG_KIND_PARTICIPANT, "new-1"), >=, 0);

  g_assert_false (dag_store_add_participant (f->store, &p, &error));
  g_assert_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_CONSTRAINT);
}

static void
test_address_postcode (void)
{
  g_assert_true (dag_validate_address_postcode ("Dorpsstraat 1, 6811 AB Arnhem", NULL));
  g_assert_true (dag_validate_address_postcode ("Postbus 12345, Arnhem", NULL));
  g_assert_false (dag_validate_address_postcode ("Dorpsstraat 1, 6811 SS Arnhem", NULL));
  g_assert_false (dag_validate_address_postcode ("Dorpsstraat 1, 6811 ab Arnhem", NULL));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/edit/update-good", Fixture, NULL, fixture_setup, test_update_good, fixture_teardown);
  g_test_add ("/edit/audit-entry", Fixture, NULL, fixture_setup, test_audit_entry, fixture_teardown);
  for (gsize i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/edit/bad/%s", bad_cases[i].name);
      g_test_add (path, Fixture, &bad_cases[i], fixture_setup, test_bad_field, fixture_teardown);
    }
  g_test_add ("/edit/unknown-id", Fixture, NULL, fixture_setup, test_unknown_id, fixture_teardown);
  g_test_add ("/edit/add", Fixture, NULL, fixture_setup, test_add, fixture_teardown);
  g_test_add_func ("/edit/address-postcode", test_address_postcode);
  return g_test_run ();
}
