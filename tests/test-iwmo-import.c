/* test-iwmo-import.c — reading WMO301 allocations and WMO325 answers:
 * the differences a 301 makes with the stored indications and how they are
 * applied, a 325's rejected lines on the ledger, and bad input that leaves
 * the store as it was (through the model and through the command line). */

#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

#include "dag-iwmo-import.h"
#include "dag-org-export.h"
#include "dag-org-import.h"
#include "dag-store.h"

/* A small organisation: municipality 0384 and its contract (the sender of
 * the shared example messages), client 999900006 of the examples, three
 * indications with numeric allocation numbers, and a ledger with a sent
 * and an unsent declaration. */
static const char org_json[] =
  "{ \"format\": \"dagritme-organisation\", \"version\": 1,"
  "  \"organisation\": { \"name\": \"Zorgboerderij Test\", \"agb_code\": \"42420001\" },"
  "  \"municipalities\": [ { \"code\": \"0384\", \"name\": \"Dronten\" },"
  "                        { \"code\": \"0202\", \"name\": \"Arnhem\" } ],"
  "  \"contracts\": ["
  "    { \"id\": \"C-DRO\", \"municipality\": \"0384\", \"products\": ["
  "      { \"product\": \"M3\", \"code\": \"07A03\", \"name\": \"Dagbesteding\", \"unit\": \"dagdeel\","
  "        \"tariff_cents\": 3450, \"category\": \"07\", \"unit_code\": \"16\" },"
  "      { \"product\": \"M1\", \"code\": \"07A01\", \"name\": \"Arbeidsmatig\", \"unit\": \"dagdeel\","
  "        \"tariff_cents\": 2875, \"category\": \"07\", \"unit_code\": \"16\" },"
  "      { \"product\": \"VERVOER\", \"code\": \"08A01\", \"name\": \"Vervoer\", \"unit\": \"rit\","
  "        \"tariff_cents\": 1250, \"category\": \"08\", \"unit_code\": \"84\" } ] },"
  "    { \"id\": \"C-ARN\", \"municipality\": \"0202\", \"products\": ["
  "      { \"product\": \"M3\", \"code\": \"07A03\", \"name\": \"Dagbesteding\", \"unit\": \"dagdeel\","
  "        \"tariff_cents\": 3300, \"category\": \"07\", \"unit_code\": \"16\" } ] } ],"
  "  \"locations\": [], \"groups\": [], \"staff\": [], \"vehicles\": [],"
  "  \"participants\": ["
  "    { \"id\": \"P1\", \"name\": \"Tim de Wit\", \"birth_date\": \"1967-08-13\", \"bsn\": \"999900006\","
  "      \"address\": \"Straatweg 100, 8251 AB Dronten\", \"municipality\": \"0384\" },"
  "    { \"id\": \"P2\", \"name\": \"Els de Groot\", \"birth_date\": \"1990-02-28\", \"bsn\": \"123456782\","
  "      \"address\": \"Biltstraat 20, 6811 HA Arnhem\", \"municipality\": \"0202\" } ],"
  "  \"indications\": ["
  "    { \"id\": \"I1\", \"participant\": \"P1\", \"contract\": \"C-DRO\", \"product\": \"M3\", \"level\": 3,"
  "      \"allocation_number\": \"101\", \"start\": \"2026-01-01\", \"end\": \"2026-12-31\","
  "      \"volume\": { \"units\": 4, \"per\": \"week\" } },"
  "    { \"id\": \"I2\", \"participant\": \"P1\", \"contract\": \"C-DRO\", \"product\": \"VERVOER\", \"level\": 3,"
  "      \"allocation_number\": \"102\", \"start\": \"2026-01-01\", \"end\": \"2026-12-31\","
  "      \"volume\": { \"units\": 200, \"per\": \"period\" } },"
  "    { \"id\": \"I3\", \"participant\": \"P1\", \"contract\": \"C-DRO\", \"product\": \"M1\", \"level\": 3,"
  "      \"allocation_number\": \"0103\", \"start\": \"2026-01-01\", \"end\": \"2026-12-31\","
  "      \"volume\": { \"units\": 2, \"per\": \"week\" } },"
  "    { \"id\": \"I4\", \"participant\": \"P2\", \"contract\": \"C-ARN\", \"product\": \"M3\", \"level\": 1,"
  "      \"allocation_number\": \"201\", \"start\": \"2026-01-01\", \"end\": \"2026-12-31\","
  "      \"volume\": { \"units\": 2, \"per\": \"week\" } } ],"
  "  \"declarations\": ["
  "    { \"number\": \"D0384202603\", \"municipality\": \"0384\", \"month\": \"2026-03\","
  "      \"written\": \"2026-04-02\", \"sent\": \"2026-04-03\", \"lines\": ["
  "      { \"reference\": \"R0001\", \"indication\": \"I1\", \"product_code\": \"07A03\","
  "        \"period_start\": \"2026-03-01\", \"period_end\": \"2026-03-31\", \"units\": 8,"
  "        \"tariff_cents\": 3450, \"amount_cents\": 27600, \"debit_credit\": \"D\" },"
  "      { \"reference\": \"R0002\", \"indication\": \"I2\", \"product_code\": \"08A01\","
  "        \"period_start\": \"2026-03-01\", \"period_end\": \"2026-03-31\", \"units\": 16,"
  "        \"tariff_cents\": 1250, \"amount_cents\": 20000, \"debit_credit\": \"D\" },"
  "      { \"reference\": \"R0003\", \"indication\": \"I3\", \"product_code\": \"07A01\","
  "        \"period_start\": \"2026-03-01\", \"period_end\": \"2026-03-31\", \"units\": 4,"
  "        \"tariff_cents\": 2875, \"amount_cents\": 11500, \"debit_credit\": \"D\" } ] },"
  "    { \"number\": \"D0384202604\", \"municipality\": \"0384\", \"month\": \"2026-04\","
  "      \"written\": \"2026-05-02\", \"sent\": null, \"lines\": ["
  "      { \"reference\": \"R0004\", \"indication\": \"I1\", \"product_code\": \"07A03\","
  "        \"period_start\": \"2026-04-01\", \"period_end\": \"2026-04-30\", \"units\": 8,"
  "        \"tariff_cents\": 3450, \"amount_cents\": 27600, \"debit_credit\": \"D\" } ] } ] }";

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

  f->dir = g_dir_make_tmp ("dagritme-iwmo-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "test.db", NULL);
  f->store = dag_store_open (f->path, &error);
  g_assert_no_error (error);
  f->org = dag_org_import_json (org_json, -1, &error);
  g_assert_no_error (error);
  g_assert_true (dag_store_save (f->store, f->org, DAG_SECTION_ALL, "import", &error));
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture      *f,
                  gconstpointer data)
{
  g_clear_pointer (&f->org, dag_org_free);
  g_clear_object (&f->store);
  for (const char *const *s = (const char *const[]) { "", "-wal", "-shm", "-journal", NULL }; *s; s++)
    {
      g_autofree char *p = g_strconcat (f->path, *s, NULL);
      g_unlink (p);
    }
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

/* ---- messages ----------------------------------------------------------- */

static char *
read_example (const char *name)
{
  const char *dir = g_getenv ("DAG_IWMO_DIR");
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_assert_nonnull (dir);
  path = g_build_filename (dir, "examples", name, NULL);
  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  g_assert_no_error (error);
  return text;
}

/* text with the first occurrence of from replaced by to.  Newly allocated. */
static char *
replace_once (const char *text,
              const char *from,
              const char *to)
{
  const char *at = strstr (text, from);

  g_assert_nonnull (at);
  return g_strdup_printf ("%.*s%s%s", (int) (at - text), text, to, at + strlen (from));
}

/* text with everything from `from` through `to` (inclusive) replaced. */
static char *
replace_span (const char *text,
              const char *from,
              const char *to,
              const char *with)
{
  const char *a = strstr (text, from);
  const char *b = a ? strstr (a, to) : NULL;

  g_assert_nonnull (a);
  g_assert_nonnull (b);
  return g_strdup_printf ("%.*s%s%s", (int) (a - text), text, with, b + strlen (to));
}

/* One ToegewezenProduct; end, reason and frequency may be NULL (left out;
 * without frequency, no Omvang). */
static void
append_product (GString    *s,
                const char *number,
                const char *category,
                const char *code,
                const char *stamp_date,
                const char *stamp_time,
                const char *start,
                const char *end,
                const char *reason,
                int         volume,
                const char *unit,
                const char *frequency)
{
  g_string_append_printf (s,
                          "<wmo301:ToegewezenProduct>"
                          "<wmo301:ToewijzingNummer>%s</wmo301:ToewijzingNummer>"
                          "<wmo301:Product><iwmo:Categorie>%s</iwmo:Categorie>",
                          number, category);
  if (code)
    g_string_append_printf (s, "<iwmo:Code>%s</iwmo:Code>", code);
  g_string_append_printf (s,
                          "</wmo301:Product>"
                          "<wmo301:Toewijzingsdatum>%s</wmo301:Toewijzingsdatum>"
                          "<wmo301:Toewijzingstijd>%s</wmo301:Toewijzingstijd>"
                          "<wmo301:Ingangsdatum>%s</wmo301:Ingangsdatum>\n",
                          stamp_date, stamp_time, start);
  if (end)
    g_string_append_printf (s, "<wmo301:Einddatum>%s</wmo301:Einddatum>", end);
  if (reason)
    g_string_append_printf (s, "<wmo301:RedenWijziging>%s</wmo301:RedenWijziging>", reason);
  if (frequency)
    g_string_append_printf (s,
                            "<wmo301:Omvang><iwmo:Volume>%d</iwmo:Volume><iwmo:Eenheid>%s</iwmo:Eenheid>"
                            "<iwmo:Frequentie>%s</iwmo:Frequentie></wmo301:Omvang>",
                            volume, unit, frequency);
  g_string_append (s, "</wmo301:ToegewezenProduct>\n");
}

/* The shared example WMO301 with its client's BSN and products replaced. */
static char *
make_301 (const char *bsn,
          const char *products)
{
  g_autofree char *example = read_example ("WMO301-example.xml");
  g_autofree char *with_bsn = replace_once (example, "<wmo301:Bsn>999900006</wmo301:Bsn>",
                                            bsn ? bsn : "<wmo301:Bsn>999900006</wmo301:Bsn>");
  g_autofree char *block = g_strdup_printf ("<wmo301:ToegewezenProducten>\n%s</wmo301:ToegewezenProducten>",
                                            products);

  return replace_span (with_bsn, "<wmo301:ToegewezenProducten>", "</wmo301:ToegewezenProducten>", block);
}

/* The allocations of the main case: 101 changes its volume (an older
 * version with another volume comes first and is ignored, IV013), 102 is
 * shortened, 103 deleted, 104 new, 105 deleted and never stored. */
static char *
main_301 (void)
{
  g_autoptr(GString) p = g_string_new (NULL);

  append_product (p, "101", "07", "07A03", "2026-03-01", "10:00:00", "2026-01-01", "2026-12-31", NULL, 5, "16", "2");
  append_product (p, "101", "07", "07A03", "2026-05-01", "09:00:00", "2026-01-01", "2026-12-31", NULL, 3, "16", "2");
  append_product (p, "102", "08", "08A01", "2026-05-01", "09:00:00", "2026-01-01", "2026-06-30", "05", 200, "84", "6");
  append_product (p, "103", "07", "07A01", "2026-05-01", "09:00:00", "2026-01-01", "2026-01-01", "13", 2, "16", "2");
  append_product (p, "104", "07", "07A01", "2026-05-01", "09:00:00", "2026-07-01", "2026-12-31", NULL, 8, "16", "4");
  append_product (p, "105", "07", "07A03", "2026-05-01", "09:00:00", "2026-02-01", "2026-02-01", "13", 1, "16", "2");
  return make_301 (NULL, p->str);
}

/* The shared example WMO325 made an answer to D0384202603: R0001 rejected
 * with 0611, R0003 with three codes, R0002 left out (granted). */
static char *
make_325 (const char *number,
          const char *first,
          const char *second)
{
  g_autofree char *example = read_example ("WMO325-example.xml");
  g_autofree char *a = replace_once (example, "65656055", "42420001");
  g_autofree char *b = replace_once (a, "<wmo325:DeclaratieNummer>DN001</wmo325:DeclaratieNummer>", number);
  g_autofree char *c = replace_once (b, ">RN001<", first);

  return replace_once (c, ">RN002<", second);
}

static char *
snapshot (DagStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DagOrg) org = dag_store_load (store, &error);

  g_assert_no_error (error);
  return dag_org_export_json (org, NULL);
}

static const DagIndication *
indication (DagOrg     *org,
            const char *id)
{
  int i = dag_org_lookup (org, DAG_KIND_INDICATION, id);

  g_assert_cmpint (i, >=, 0);
  return DAG_AT (org->indications, DagIndication, i);
}

static const DagWmo301Difference *
difference (const DagWmo301 *import,
            const char      *number)
{
  for (guint i = 0; i < import->differences->len; i++)
    {
      const DagWmo301Difference *d = g_ptr_array_index (import->differences, i);

      if (strcmp (d->allocation_number, number) == 0)
        return d;
    }
  g_assert_not_reached ();
  return NULL;
}

static gboolean
has_change (const DagWmo301Difference *d,
            const char                *text)
{
  for (guint i = 0; i < d->changes->len; i++)
    if (strcmp (g_ptr_array_index (d->changes, i), text) == 0)
      return TRUE;
  return FALSE;
}

/* ---- WMO301 ------------------------------------------------------------- */

static void
test_301_differences (Fixture      *f,
                      gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *xml = main_301 ();
  g_autofree char *before = snapshot (f->store);
  g_autofree char *after_read = NULL;
  g_autoptr(DagWmo301) import = dag_wmo301_read (xml, strlen (xml), f->org, &error);
  const DagWmo301Difference *d;
  g_autofree char *line = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (import);
  g_assert_cmpstr (import->client, ==, "*****0006");
  g_assert_cmpstr (import->message_id, ==, "123456789012");
  g_assert_cmpuint (import->differences->len, ==, 5);   /* 101 once: its latest version */
  g_assert_cmpuint (dag_wmo301_count (import, DAG_WMO301_NEW), ==, 1);
  g_assert_cmpuint (dag_wmo301_count (import, DAG_WMO301_CHANGED), ==, 1);
  g_assert_cmpuint (dag_wmo301_count (import, DAG_WMO301_ENDED), ==, 2);
  g_assert_cmpuint (dag_wmo301_count (import, DAG_WMO301_IGNORED), ==, 1);

  d = difference (import, "101");
  g_assert_cmpint (d->kind, ==, DAG_WMO301_CHANGED);
  g_assert_cmpstr (d->value.id, ==, "I1");
  g_assert_cmpuint (d->changes->len, ==, 1);
  g_assert_true (has_change (d, "Volume: 4 per week → 3 per week"));
  line = dag_wmo301_describe (d, f->org);
  g_assert_cmpstr (line, ==, "Changed allocation 101 (indication I1): Volume: 4 per week → 3 per week");
  g_clear_pointer (&line, g_free);

  d = difference (import, "102");
  g_assert_cmpint (d->kind, ==, DAG_WMO301_ENDED);
  g_assert_cmpuint (d->changes->len, ==, 1);
  g_assert_true (has_change (d, "End: 2026-12-31 → 2026-06-30"));

  d = difference (import, "103");   /* stored as "0103": the same number */
  g_assert_cmpint (d->kind, ==, DAG_WMO301_ENDED);
  g_assert_cmpstr (d->value.id, ==, "I3");
  g_assert_cmpstr (d->value.allocation_number, ==, "0103");
  g_assert_true (has_change (d, "End: 2026-12-31 → 2026-01-01"));
  g_assert_nonnull (strstr (d->note, "RedenWijziging 13"));

  d = difference (import, "104");
  g_assert_cmpint (d->kind, ==, DAG_WMO301_NEW);
  g_assert_cmpint (d->indication, ==, -1);
  g_assert_cmpint (d->value.participant, ==, 0);
  g_assert_cmpint (d->value.per, ==, DAG_PER_MONTH);
  g_assert_cmpint (d->value.units, ==, 8);
  g_assert_cmpint (d->value.level, ==, 3);   /* the participant's */
  line = dag_wmo301_describe (d, f->org);
  g_assert_true (g_str_has_prefix (line, "New allocation 104: indication I000005, M1 (07A01) of contract C-DRO, "
                                   "8 per month, 2026-07-01 – 2026-12-31, level 3"));
  g_clear_pointer (&line, g_free);

  d = difference (import, "105");
  g_assert_cmpint (d->kind, ==, DAG_WMO301_IGNORED);

  /* Reading changes nothing. */
  after_read = snapshot (f->store);
  g_assert_cmpstr (before, ==, after_read);
}

static void
test_301_apply (Fixture      *f,
                gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *xml = main_301 ();
  g_autoptr(DagWmo301) import = dag_wmo301_read (xml, strlen (xml), f->org, &error);
  g_autoptr(DagWmo301) again = NULL;
  g_autoptr(DagOrg) stored = NULL;
  gint64 audits;
  const DagIndication *ind;
  char buf[DAG_DATE_BUF];

  g_assert_no_error (error);
  audits = dag_store_count_audit (f->store, NULL);
  g_assert_true (dag_wmo301_apply (import, f->store, f->org, &error));
  g_assert_no_error (error);
  g_assert_cmpint (dag_store_count_audit (f->store, NULL), >, audits);

  stored = dag_store_load (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stored->indications->len, ==, 5);
  ind = indication (stored, "I1");
  g_assert_cmpint (ind->units, ==, 3);
  g_assert_cmpint (ind->per, ==, DAG_PER_WEEK);
  ind = indication (stored, "I2");
  g_assert_cmpstr (dag_date_format (ind->end, buf), ==, "2026-06-30");
  ind = indication (stored, "I3");
  g_assert_cmpstr (dag_date_format (ind->end, buf), ==, "2026-01-01");
  ind = indication (stored, "I000005");
  g_assert_cmpstr (ind->allocation_number, ==, "104");
  g_assert_cmpint (ind->units, ==, 8);
  g_assert_cmpint (ind->per, ==, DAG_PER_MONTH);
  g_assert_cmpint (ind->level, ==, 3);
  g_assert_cmpstr (dag_date_format (ind->start, buf), ==, "2026-07-01");
  g_assert_cmpstr (DAG_AT (stored->contracts, DagContract, ind->contract)->id, ==, "C-DRO");
  g_assert_cmpstr (DAG_AT (DAG_AT (stored->contracts, DagContract, ind->contract)->products,
                           DagProduct, ind->product)->product, ==, "M1");

  /* The snapshot in memory followed, and the same message again changes
   * nothing. */
  g_assert_cmpuint (f->org->indications->len, ==, 5);
  again = dag_wmo301_read (xml, strlen (xml), f->org, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dag_wmo301_count (again, DAG_WMO301_NEW), ==, 0);
  g_assert_cmpuint (dag_wmo301_count (again, DAG_WMO301_CHANGED), ==, 0);
  g_assert_cmpuint (dag_wmo301_count (again, DAG_WMO301_ENDED), ==, 0);
  g_assert_cmpuint (dag_wmo301_count (again, DAG_WMO301_UNCHANGED), ==, 4);
}

/* A new allocation for a participant without indications takes the lowest
 * level and says so; an allocation without end date runs five years. */
static void
test_301_defaults (Fixture      *f,
                   gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) p = g_string_new (NULL);
  g_autofree char *xml = NULL;
  g_autoptr(DagWmo301) import = NULL;
  const DagWmo301Difference *d;
  char buf[DAG_DATE_BUF];

  /* P1 loses its indications in this snapshot. */
  g_array_set_size (f->org->indications, 0);
  g_array_set_size (f->org->declarations, 0);
  dag_org_invalidate_index (f->org);
  append_product (p, "300", "08", NULL, "2026-05-01", "09:00:00", "2026-02-01", NULL, NULL, 10, "84", "2");
  xml = make_301 (NULL, p->str);
  import = dag_wmo301_read (xml, strlen (xml), f->org, &error);
  g_assert_no_error (error);
  d = difference (import, "300");
  g_assert_cmpint (d->kind, ==, DAG_WMO301_NEW);
  g_assert_cmpint (d->value.level, ==, 1);
  g_assert_cmpstr (dag_date_format (d->value.end, buf), ==, "2031-01-31");
  g_assert_nonnull (strstr (d->note, "the lowest"));
  g_assert_nonnull (strstr (d->note, "five years"));
  /* category 08 alone names VERVOER, the only transport product. */
  g_assert_cmpstr (DAG_AT (DAG_AT (f->org->contracts, DagContract, d->value.contract)->products,
                           DagProduct, d->value.product)->product, ==, "VERVOER");
}

static void
assert_refused_301 (Fixture    *f,
                    const char *xml,
                    int         code,
                    const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = snapshot (f->store);
  g_autofree char *after = NULL;
  gint64 audits = dag_store_count_audit (f->store, NULL);
  g_autoptr(DagWmo301) import = dag_wmo301_read (xml, strlen (xml), f->org, &error);

  g_assert_null (import);
  g_assert_error (error, DAG_IWMO_IMPORT_ERROR, code);
  if (strstr (error->message, expected) == NULL)
    g_error ("expected “%s” in the error, got: %s", expected, error->message);
  g_assert_null (strstr (error->message, "999900006"));
  g_assert_null (strstr (error->message, "111222333"));
  after = snapshot (f->store);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (dag_store_count_audit (f->store, NULL), ==, audits);
}

static void
test_301_bad_input (Fixture      *f,
                    gconstpointer data)
{
  g_autoptr(GString) p = g_string_new (NULL);
  g_autofree char *good = main_301 ();
  g_autofree char *unknown_bsn = NULL;
  g_autofree char *not_number = NULL;
  g_autofree char *wrong_unit = NULL;
  g_autofree char *ambiguous = NULL;
  g_autofree char *per_day = NULL;
  g_autofree char *answer = read_example ("WMO325-example.xml");
  const char dtd[] =
    "<?xml version=\"1.0\"?>\n<!DOCTYPE x [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]>\n<x>&b;</x>\n";

  assert_refused_301 (f, "this is not XML", DAG_IWMO_IMPORT_ERROR_SYNTAX, "Line 1: this is not well-formed XML");
  assert_refused_301 (f, "<a><b></a>", DAG_IWMO_IMPORT_ERROR_SYNTAX, "not well-formed XML");
  assert_refused_301 (f, dtd, DAG_IWMO_IMPORT_ERROR_SYNTAX, "Line 2: the file has a DOCTYPE");
  assert_refused_301 (f, answer, DAG_IWMO_IMPORT_ERROR_SCHEMA, "not a WMO301 message");

  /* The schema: an allocation number must be an integer. */
  not_number = replace_once (good, ">101<", ">A-101<");
  assert_refused_301 (f, not_number, DAG_IWMO_IMPORT_ERROR_SCHEMA, "does not match the WMO301 schema");

  /* A client nobody has: named by masked BSN and allocation. */
  unknown_bsn = replace_once (good, "<wmo301:Bsn>999900006</wmo301:Bsn>", "<wmo301:Bsn>111222333</wmo301:Bsn>");
  assert_refused_301 (f, unknown_bsn, DAG_IWMO_IMPORT_ERROR_UNKNOWN_CLIENT,
                      "no participant has BSN *****2333, the client of allocations 101, 102, 103, 104, 105");

  /* Hours where the product counts dagdelen (TR341). */
  g_string_truncate (p, 0);
  append_product (p, "101", "07", "07A03", "2026-05-01", "09:00:00", "2026-01-01", "2026-12-31", NULL, 12, "04", "2");
  wrong_unit = make_301 (NULL, p->str);
  assert_refused_301 (f, wrong_unit, DAG_IWMO_IMPORT_ERROR_NOT_APPLICABLE,
                      "allocation 101 is in unit 04 (hour), but M3 is counted in unit 16 (dagdeel)");

  /* A category that fits two products, for a new allocation. */
  g_string_truncate (p, 0);
  append_product (p, "400", "07", NULL, "2026-05-01", "09:00:00", "2026-01-01", "2026-12-31", NULL, 2, "16", "2");
  ambiguous = make_301 (NULL, p->str);
  assert_refused_301 (f, ambiguous, DAG_IWMO_IMPORT_ERROR_NOT_APPLICABLE,
                      "allocation 400 gives only category 07, which fits several products: M3 (C-DRO), M1 (C-DRO)");

  g_string_truncate (p, 0);
  append_product (p, "101", "07", "07A03", "2026-05-01", "09:00:00", "2026-01-01", "2026-12-31", NULL, 1, "16", "1");
  per_day = make_301 (NULL, p->str);
  assert_refused_301 (f, per_day, DAG_IWMO_IMPORT_ERROR_NOT_APPLICABLE, "allocation 101: frequency 1 is not supported");
}

/* ---- hostile XML -------------------------------------------------------- */

/* What an attacker can put in an XML file: entities that expand a
 * billion-fold, an entity that reads a local file or the network, a DTD
 * to load, nesting deeper than any message, more than 25 MB.  Each is
 * refused, with its line, before it costs anything, and nothing changes. */
static void
test_hostile_xml (Fixture      *f,
                  gconstpointer data)
{
  g_autoptr(GString) laughs = g_string_new ("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n"
                                            "  <!ENTITY lol \"lol\">\n");
  g_autoptr(GString) deep = g_string_new ("<?xml version=\"1.0\"?>\n");
  const char xxe[] =
    "<?xml version=\"1.0\"?>\n\n<!DOCTYPE x [ <!ENTITY e SYSTEM \"file:///etc/passwd\"> ]>\n<x>&e;</x>\n";
  const char external_dtd[] =
    "<?xml version=\"1.0\"?>\n<!DOCTYPE x SYSTEM \"http://127.0.0.1:9/evil.dtd\">\n<x/>\n";
  const char undeclared[] = "<?xml version=\"1.0\"?>\n<x>\n&e;</x>\n";

  for (int i = 1; i < 10; i++)
    {
      g_string_append_printf (laughs, "  <!ENTITY lol%d \"", i);
      for (int j = 0; j < 10; j++)
        g_string_append_printf (laughs, i == 1 ? "&lol;" : "&lol%d;", i - 1);
      g_string_append (laughs, "\">\n");
    }
  g_string_append (laughs, "]>\n<lolz>&lol9;</lolz>\n");
  assert_refused_301 (f, laughs->str, DAG_IWMO_IMPORT_ERROR_SYNTAX, "Line 2: the file has a DOCTYPE");

  /* Never read: not in the message, not in a later error. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(DagWmo301) import = dag_wmo301_read (xxe, strlen (xxe), f->org, &error);

    g_assert_null (import);
    g_assert_error (error, DAG_IWMO_IMPORT_ERROR, DAG_IWMO_IMPORT_ERROR_SYNTAX);
    g_assert_null (strstr (error->message, "root:"));
  }
  assert_refused_301 (f, xxe, DAG_IWMO_IMPORT_ERROR_SYNTAX, "Line 3: the file has a DOCTYPE");
  assert_refused_301 (f, external_dtd, DAG_IWMO_IMPORT_ERROR_SYNTAX, "Line 2: the file has a DOCTYPE");
  assert_refused_301 (f, undeclared, DAG_IWMO_IMPORT_ERROR_SYNTAX, "Line 3: this is not well-formed XML");

  /* libxml2's own depth limit (256 without XML_PARSE_HUGE), with its line. */
  for (int i = 0; i < 2000; i++)
    g_string_append (deep, "<a>\n");
  assert_refused_301 (f, deep->str, DAG_IWMO_IMPORT_ERROR_SYNTAX, "this is not well-formed XML");
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(DagWmo301) import = dag_wmo301_read (deep->str, deep->len, f->org, &error);
    int line = 0;

    g_assert_null (import);
    g_assert_true (sscanf (error->message, "Line %d:", &line) == 1);
    g_assert_cmpint (line, >, 200);
    g_assert_cmpint (line, <, 300);
  }

  /* Over 25 MB: refused by its length, before a byte is parsed. */
  {
    g_autoptr(GError) error = NULL;
    gsize n = DAG_IWMO_MAX_BYTES + 1;
    g_autofree char *big = g_malloc (n + 1);
    g_autoptr(DagWmo301) import = NULL;
    g_autoptr(DagWmo325) answer = NULL;

    memset (big, '<', n);
    big[n] = '\0';
    import = dag_wmo301_read (big, n, f->org, &error);
    g_assert_null (import);
    g_assert_error (error, DAG_IWMO_IMPORT_ERROR, DAG_IWMO_IMPORT_ERROR_SYNTAX);
    g_assert_nonnull (strstr (error->message, "larger than 25 MB"));
    g_clear_error (&error);
    answer = dag_wmo325_read (big, n, f->org, &error);
    g_assert_null (answer);
    g_assert_nonnull (strstr (error->message, "larger than 25 MB"));
  }
}

/* ---- WMO325 ------------------------------------------------------------- */

static const DagDeclarationLine *
ledger_line (DagOrg     *org,
             const char *reference)
{
  for (guint i = 0; i < org->declarations->len; i++)
    {
      const DagDeclaration *d = DAG_AT (org->declarations, DagDeclaration, i);

      for (guint j = 0; j < d->lines->len; j++)
        if (strcmp (DAG_AT (d->lines, DagDeclarationLine, j)->reference, reference) == 0)
          return DAG_AT (d->lines, DagDeclarationLine, j);
    }
  g_assert_not_reached ();
  return NULL;
}

static void
test_325_rejected_lines (Fixture      *f,
                         gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *xml = make_325 ("<wmo325:DeclaratieNummer>D0384202603</wmo325:DeclaratieNummer>",
                                   ">R0001<", ">R0003<");
  g_autoptr(DagWmo325) answer = dag_wmo325_read (xml, strlen (xml), f->org, &error);
  g_autoptr(DagOrg) stored = NULL;
  const DagWmo325Line *l;
  const DagDeclarationLine *dl;

  g_assert_no_error (error);
  g_assert_cmpstr (answer->number, ==, "D0384202603");
  g_assert_null (answer->refusal_code);
  g_assert_cmpuint (answer->n_accepted, ==, 1);
  g_assert_cmpuint (answer->n_rejected, ==, 2);
  g_assert_true (answer->has_totals);
  g_assert_cmpint (answer->submitted_cents, ==, 58000);
  g_assert_cmpint (answer->granted_cents, ==, 24000);

  l = g_ptr_array_index (answer->lines, 0);
  g_assert_cmpstr (l->reference, ==, "R0001");
  g_assert_false (l->accepted);
  g_assert_cmpstr (l->code, ==, "0611");
  g_assert_cmpstr (l->client, ==, "*****0006");
  g_assert_cmpstr (dag_iwmo_return_code_text (l->code), ==, "The tariff differs from the contract tariff");
  l = g_ptr_array_index (answer->lines, 1);
  g_assert_true (l->accepted);
  g_assert_cmpstr (l->code, ==, "0200");
  l = g_ptr_array_index (answer->lines, 2);
  g_assert_false (l->accepted);
  g_assert_cmpstr (l->code, ==, "9339");
  g_assert_cmpuint (g_strv_length (l->codes), ==, 3);
  g_assert_cmpstr (l->codes[2], ==, "9341");

  g_assert_true (dag_wmo325_apply (answer, f->store, f->org, &error));
  g_assert_no_error (error);
  stored = dag_store_load (f->store, &error);
  g_assert_no_error (error);
  dl = ledger_line (stored, "R0001");
  g_assert_true (dl->has_response);
  g_assert_cmpstr (dl->response_code, ==, "0611");
  g_assert_false (dl->response_accepted);
  dl = ledger_line (stored, "R0002");
  g_assert_true (dl->has_response);
  g_assert_cmpstr (dl->response_code, ==, "0200");
  g_assert_true (dl->response_accepted);
  dl = ledger_line (stored, "R0003");
  g_assert_cmpstr (dl->response_code, ==, "9339");
  g_assert_false (dl->response_accepted);
  dl = ledger_line (stored, "R0004");   /* another declaration */
  g_assert_false (dl->has_response);
}

/* A message refused as a whole has only its header: every line of the
 * declaration is rejected with its code. */
static void
test_325_refused (Fixture      *f,
                  gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *example = read_example ("WMO325-example.xml");
  g_autofree char *a = replace_once (example, "65656055", "42420001");
  g_autofree char *b = replace_once (a, "<iwmo:Identificatie>765432198</iwmo:Identificatie>",
                                     "<iwmo:Identificatie>D0384202603</iwmo:Identificatie>");
  g_autofree char *c = replace_once (b, "<wmo325:RetourCode>0200</wmo325:RetourCode>",
                                     "<wmo325:RetourCode>0001</wmo325:RetourCode>");
  g_autofree char *xml = replace_span (c, "<wmo325:DeclaratieAntwoord>", "</wmo325:DeclaratieAntwoord>", "");
  g_autoptr(DagWmo325) answer = dag_wmo325_read (xml, strlen (xml), f->org, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (answer->refusal_code, ==, "0001");
  g_assert_cmpuint (answer->n_accepted, ==, 0);
  g_assert_cmpuint (answer->n_rejected, ==, 3);
  for (guint i = 0; i < answer->lines->len; i++)
    g_assert_cmpstr (((DagWmo325Line *) g_ptr_array_index (answer->lines, i))->code, ==, "0001");
}

static void
assert_refused_325 (Fixture    *f,
                    const char *xml,
                    int         code,
                    const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = snapshot (f->store);
  g_autofree char *after = NULL;
  g_autoptr(DagWmo325) answer = dag_wmo325_read (xml, strlen (xml), f->org, &error);

  g_assert_null (answer);
  g_assert_error (error, DAG_IWMO_IMPORT_ERROR, code);
  if (strstr (error->message, expected) == NULL)
    g_error ("expected “%s” in the error, got: %s", expected, error->message);
  g_assert_null (strstr (error->message, "999900006"));
  after = snapshot (f->store);
  g_assert_cmpstr (before, ==, after);
}

static void
test_325_bad_input (Fixture      *f,
                    gconstpointer data)
{
  g_autofree char *unknown = make_325 ("<wmo325:DeclaratieNummer>D0384202603</wmo325:DeclaratieNummer>",
                                       ">RN999<", ">R0004<");
  g_autofree char *no_declaration = make_325 ("<wmo325:DeclaratieNummer>D999</wmo325:DeclaratieNummer>",
                                              ">R0001<", ">R0003<");
  g_autofree char *unsent = make_325 ("<wmo325:DeclaratieNummer>D0384202604</wmo325:DeclaratieNummer>",
                                      ">R0004<", ">R0005<");
  g_autofree char *good = make_325 ("<wmo325:DeclaratieNummer>D0384202603</wmo325:DeclaratieNummer>",
                                    ">R0001<", ">R0003<");
  g_autofree char *bad_code = replace_once (good, ">0611<", ">611<");
  g_autofree char *allocation = read_example ("WMO301-example.xml");

  assert_refused_325 (f, "{ \"json\": true }", DAG_IWMO_IMPORT_ERROR_SYNTAX, "not well-formed XML");
  assert_refused_325 (f, allocation, DAG_IWMO_IMPORT_ERROR_SCHEMA, "not a WMO325 message");
  assert_refused_325 (f, bad_code, DAG_IWMO_IMPORT_ERROR_SCHEMA, "does not match the WMO325 schema");
  assert_refused_325 (f, unknown, DAG_IWMO_IMPORT_ERROR_UNKNOWN_REFERENCE,
                      "references that are not lines of declaration D0384202603: RN999 (line ");
  assert_refused_325 (f, unknown, DAG_IWMO_IMPORT_ERROR_UNKNOWN_REFERENCE,
                      "a line of declaration D0384202604)");
  assert_refused_325 (f, no_declaration, DAG_IWMO_IMPORT_ERROR_UNKNOWN_REFERENCE,
                      "declaration D999 is not in the ledger");
  assert_refused_325 (f, unsent, DAG_IWMO_IMPORT_ERROR_NOT_SENT, "was not marked as sent");
}

/* ---- the command line --------------------------------------------------- */

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

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Result, result_clear)

static Result
run (const char *database,
     const char *a,
     const char *b,
     const char *c,
     const char *d)
{
  const char *binary = g_getenv ("DAGRITME_BINARY");
  const char *argv[] = { binary, "--database", database, a, b, c, d, NULL };
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  Result r = { 0 };
  int wait_status = 0;

  envp = g_environ_setenv (envp, "LC_ALL", "C.UTF-8", TRUE);
  envp = g_environ_setenv (envp, "LANGUAGE", "", TRUE);
  envp = g_environ_unsetenv (envp, "DISPLAY");
  envp = g_environ_unsetenv (envp, "WAYLAND_DISPLAY");
  g_assert_true (g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_DEFAULT, NULL, NULL,
                               &r.out, &r.err, &wait_status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  r.status = WEXITSTATUS (wait_status);
  return r;
}

static char *
write_file (Fixture    *f,
            const char *name,
            const char *text)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (f->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, text, -1, &error));
  g_assert_no_error (error);
  return path;
}

static void
test_cli (Fixture      *f,
          gconstpointer data)
{
  g_autofree char *xml = main_301 ();
  g_autofree char *file = NULL;
  g_autofree char *bad = NULL;
  g_autofree char *answer_xml = make_325 ("<wmo325:DeclaratieNummer>D0384202603</wmo325:DeclaratieNummer>",
                                          ">R0001<", ">R0003<");
  g_autofree char *answer = NULL;
  g_autofree char *before = NULL;
  g_autofree char *now = NULL;

  if (g_getenv ("DAGRITME_BINARY") == NULL)
    {
      g_test_skip ("DAGRITME_BINARY is not set");
      return;
    }
  /* The binary opens the database itself. */
  g_clear_object (&f->store);
  file = write_file (f, "WMO301.xml", xml);
  bad = write_file (f, "bad.xml", "<nothing");
  answer = write_file (f, "WMO325.xml", answer_xml);

  {
    g_auto(Result) r = run (f->path, "import", "wmo301", "--dry-run", file);
    g_autoptr(DagStore) store = NULL;

    g_assert_cmpint (r.status, ==, 0);
    g_assert_nonnull (strstr (r.out, "client *****0006: participant P1 (Tim de Wit)"));
    g_assert_nonnull (strstr (r.out, "  Changed allocation 101 (indication I1): Volume: 4 per week → 3 per week\n"));
    g_assert_nonnull (strstr (r.out, "  Ended allocation 102 (indication I2): End: 2026-12-31 → 2026-06-30\n"));
    g_assert_nonnull (strstr (r.out, "  New allocation 104: indication I000005"));
    g_assert_nonnull (strstr (r.out, "Nothing was changed (--dry-run)."));
    g_assert_null (strstr (r.out, "999900006"));
    store = dag_store_open (f->path, NULL);
    before = snapshot (store);
  }
  {
    g_auto(Result) r = run (f->path, "import", "wmo301", bad, NULL);
    g_autoptr(DagStore) store = dag_store_open (f->path, NULL);

    g_assert_cmpint (r.status, ==, 1);
    g_assert_nonnull (strstr (r.err, "bad.xml: Line 1: this is not well-formed XML"));
    now = snapshot (store);
    g_assert_cmpstr (before, ==, now);
    g_clear_pointer (&now, g_free);
  }
  {
    g_auto(Result) r = run (f->path, "import", "wmo301", file, NULL);
    g_autoptr(DagStore) store = dag_store_open (f->path, NULL);
    g_autoptr(DagOrg) org = dag_store_load (store, NULL);

    g_assert_cmpint (r.status, ==, 0);
    g_assert_nonnull (strstr (r.out, "Applied: 1 new, 1 changed, 2 ended."));
    g_assert_cmpint (indication (org, "I1")->units, ==, 3);
  }
  {
    g_auto(Result) r = run (f->path, "import", "wmo325", answer, NULL);

    g_assert_cmpint (r.status, ==, 0);
    g_assert_nonnull (strstr (r.out, "Declaration D0384202603 (0384 Dronten, 2026-03): accepted 1, rejected 2\n"));
    g_assert_nonnull (strstr (r.out, "  Rejected R0001 (client *****0006, allocation 101, 07A03, "
                                     "2026-03-01 – 2026-03-31): 0611 The tariff differs from the contract tariff\n"));
    g_assert_nonnull (strstr (r.out, "9339 The product category differs from the allocation’s; 9340"));
    g_assert_null (strstr (r.out, "999900006"));
  }
  {
    g_auto(Result) r = run (f->path, "import", "wmo301", NULL, NULL);

    g_assert_cmpint (r.status, ==, 2);
  }
}

/* The command line refuses a file over 25 MB by its size, before reading
 * it, and a device or pipe that gives more (/dev/zero never ends) once
 * 25 MB came, instead of reading until memory runs out. */
static void
test_cli_size (Fixture      *f,
               gconstpointer data)
{
  g_autofree char *big = g_build_filename (f->dir, "big.xml", NULL);
  g_autofree char *before = NULL;
  int fd;

  if (g_getenv ("DAGRITME_BINARY") == NULL)
    {
      g_test_skip ("DAGRITME_BINARY is not set");
      return;
    }
  before = snapshot (f->store);
  g_clear_object (&f->store);
  /* Sparse: 26 MB that take no disk. */
  fd = g_open (big, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, 26 * 1000 * 1000), ==, 0);
  close (fd);
  {
    g_auto(Result) r = run (f->path, "import", "wmo301", big, NULL);

    g_assert_cmpint (r.status, ==, 1);
    if (strstr (r.err, "big.xml: The file is larger than 25 MB") == NULL)
      g_error ("expected the file refused by its size, got: %s", r.err);
  }
  {
    g_auto(Result) r = run (f->path, "import", "wmo325", "/dev/zero", NULL);

    g_assert_cmpint (r.status, ==, 1);
    if (strstr (r.err, "zero: The file is larger than 25 MB") == NULL)
      g_error ("expected /dev/zero refused once 25 MB came, got: %s", r.err);
  }
  {
    g_autoptr(DagStore) store = dag_store_open (f->path, NULL);
    g_autofree char *now = snapshot (store);

    g_assert_cmpstr (before, ==, now);
  }
  g_remove (big);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/iwmo-import/301-differences", Fixture, NULL, fixture_setup, test_301_differences, fixture_teardown);
  g_test_add ("/iwmo-import/301-apply", Fixture, NULL, fixture_setup, test_301_apply, fixture_teardown);
  g_test_add ("/iwmo-import/301-defaults", Fixture, NULL, fixture_setup, test_301_defaults, fixture_teardown);
  g_test_add ("/iwmo-import/301-bad-input", Fixture, NULL, fixture_setup, test_301_bad_input, fixture_teardown);
  g_test_add ("/iwmo-import/325-rejected-lines", Fixture, NULL, fixture_setup, test_325_rejected_lines,
              fixture_teardown);
  g_test_add ("/iwmo-import/325-refused", Fixture, NULL, fixture_setup, test_325_refused, fixture_teardown);
  g_test_add ("/iwmo-import/325-bad-input", Fixture, NULL, fixture_setup, test_325_bad_input, fixture_teardown);
  g_test_add ("/iwmo-import/cli", Fixture, NULL, fixture_setup, test_cli, fixture_teardown);
  g_test_add ("/iwmo-import/hostile-xml", Fixture, NULL, fixture_setup, test_hostile_xml, fixture_teardown);
  g_test_add ("/iwmo-import/cli-size", Fixture, NULL, fixture_setup, test_cli_size, fixture_teardown);
  return g_test_run ();
}
