/* test-edit.c — editing one participant or indication through the store:
 * validation of every field, one transaction, an audit entry, no BSN in
 * messages, and deletions that refuse billed history and can be put back. */

#include "config.h"

#include <glib/gstdio.h>

#include "dag-test-db.h"
#include "dag-demo.h"
#include "dag-store-absence.h"
#include "dag-store-attendance.h"
#include "dag-store-edit.h"
#include "dag-store-plan.h"
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
  g_autofree char *action = NULL;
  g_autofree char *detail = NULL;

  g_assert_true (dag_store_update_participant (f->store, &p, &error));
  g_assert_no_error (error);
  action = dag_test_db_query (dag_test_db (f->path), "SELECT action FROM audit ORDER BY rowid DESC LIMIT 1");
  detail = dag_test_db_query (dag_test_db (f->path), "SELECT detail FROM audit ORDER BY rowid DESC LIMIT 1");
  g_assert_cmpstr (action, ==, "edit participant");
  g_assert_cmpstr (detail, ==, expected);
  g_assert_null (strstr (detail, "111222333"));
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


/* ---- deleting ----------------------------------------------------------- */

static guint
count_of (GArray *records, gsize size, gsize offset, int participant)
{
  guint n = 0;

  for (guint i = 0; i < records->len; i++)
    if (*(int *) (records->data + i * size + offset) == participant)
      n++;
  return n;
}

#define COUNT(org, array, Type, p) \
  count_of ((org)->array, sizeof (Type), G_STRUCT_OFFSET (Type, participant), (p))

/* Index of a participant with indications and a plan; their attendance
 * is removed so that they may be deleted. */
static int
deletable (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) kept = g_array_new (FALSE, FALSE, sizeof (DagAttendance));
  GArray *all;
  int chosen = -1;

  for (guint i = 0; i < f->org->participants->len && chosen < 0; i++)
    if (COUNT (f->org, indications, DagIndication, (int) i) > 0 && COUNT (f->org, plan, DagPlanEntry, (int) i) > 0)
      chosen = (int) i;
  g_assert_cmpint (chosen, >=, 0);
  for (guint i = 0; i < f->org->attendance->len; i++)
    if (DAG_AT (f->org->attendance, DagAttendance, i)->participant != chosen)
      g_array_append_val (kept, *DAG_AT (f->org->attendance, DagAttendance, i));
  all = f->org->attendance;
  f->org->attendance = kept;
  g_assert_true (dag_store_save (f->store, f->org, DAG_SECTION_ATTENDANCE, "test", &error));
  g_assert_no_error (error);
  f->org->attendance = all;
  reload_first (f);
  return chosen;
}

static void
test_delete_participant (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DagDeleted) deleted = NULL;
  int p = deletable (f);
  g_autofree char *id = g_strdup (DAG_AT (f->org->participants, DagParticipant, p)->id);
  guint n = f->org->participants->len;
  guint n_ind = f->org->indications->len, n_plan = f->org->plan->len, n_abs = f->org->absences->len;
  guint own_ind = COUNT (f->org, indications, DagIndication, p);
  guint own_plan = COUNT (f->org, plan, DagPlanEntry, p);
  guint own_abs = COUNT (f->org, absences, DagAbsence, p);
  gint64 audits = dag_store_count_audit (f->store, NULL);

  g_assert_true (dag_store_delete_participant (f->store, id, &deleted, &error));
  g_assert_no_error (error);
  g_assert_nonnull (deleted);
  reload_first (f);
  g_assert_cmpuint (f->org->participants->len, ==, n - 1);
  g_assert_cmpint (dag_org_lookup (f->org, DAG_KIND_PARTICIPANT, id), ==, -1);
  /* Nothing of theirs is left behind (a load would give index -1). */
  g_assert_cmpuint (f->org->indications->len, ==, n_ind - own_ind);
  g_assert_cmpuint (f->org->plan->len, ==, n_plan - own_plan);
  g_assert_cmpuint (f->org->absences->len, ==, n_abs - own_abs);
  g_assert_cmpuint (COUNT (f->org, indications, DagIndication, -1), ==, 0);
  g_assert_cmpuint (COUNT (f->org, plan, DagPlanEntry, -1), ==, 0);
  g_assert_cmpint (dag_store_count_audit (f->store, NULL), ==, audits + 1);

  /* Restored, they are back in their old place with all they had. */
  g_assert_true (dag_store_restore_deleted (f->store, deleted, &error));
  g_assert_no_error (error);
  reload_first (f);
  g_assert_cmpuint (f->org->participants->len, ==, n);
  g_assert_cmpint (dag_org_lookup (f->org, DAG_KIND_PARTICIPANT, id), ==, p);
  g_assert_cmpuint (COUNT (f->org, indications, DagIndication, p), ==, own_ind);
  g_assert_cmpuint (COUNT (f->org, plan, DagPlanEntry, p), ==, own_plan);
  g_assert_cmpuint (COUNT (f->org, absences, DagAbsence, p), ==, own_abs);
  g_assert_cmpuint (f->org->indications->len, ==, n_ind);
  g_assert_cmpint (dag_store_count_audit (f->store, NULL), ==, audits + 2);
}

/* A run that only collects the deleted participant goes with them; the
 * stop of a shared run goes, the run stays. */
static void
test_delete_runs (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DagDeleted) deleted = NULL;
  int p = deletable (f);
  int other = p == 0 ? 1 : 0;
  g_autofree char *id = g_strdup (DAG_AT (f->org->participants, DagParticipant, p)->id);
  guint n_runs = f->org->runs->len;
  const char *run_ids[] = { "R-ALONE", "R-SHARED" };

  for (int r = 0; r < 2; r++)
    {
      DagRun *run = dag_org_add_run (f->org);
      DagStop stop = { p, 8 * 60 };
      DagStop stop2 = { other, 8 * 60 + 10 };

      run->id = g_strdup (run_ids[r]);
      run->date = dag_date_from_ymd (2026, 11, 2);
      run->vehicle = 0;
      run->driver = -1;
      run->location = 0;
      run->direction = DAG_DIRECTION_TO;
      run->time = 9 * 60 - 10;
      g_array_append_val (run->stops, stop);
      if (r == 1)
        g_array_append_val (run->stops, stop2);
    }
  g_assert_true (dag_store_save (f->store, f->org, DAG_SECTION_RUNS, "test", &error));
  g_assert_no_error (error);

  g_assert_true (dag_store_delete_participant (f->store, id, &deleted, &error));
  g_assert_no_error (error);
  reload_first (f);
  g_assert_cmpuint (f->org->runs->len, ==, n_runs + 1);
  g_assert_cmpint (dag_org_lookup (f->org, DAG_KIND_RUN, "R-ALONE"), ==, -1);
  g_assert_cmpuint (DAG_AT (f->org->runs, DagRun, dag_org_lookup (f->org, DAG_KIND_RUN, "R-SHARED"))->stops->len,
                    ==, 1);

  g_assert_true (dag_store_restore_deleted (f->store, deleted, &error));
  g_assert_no_error (error);
  reload_first (f);
  g_assert_cmpuint (f->org->runs->len, ==, n_runs + 2);
  g_assert_cmpuint (DAG_AT (f->org->runs, DagRun, dag_org_lookup (f->org, DAG_KIND_RUN, "R-ALONE"))->stops->len,
                    ==, 1);
  g_assert_cmpuint (DAG_AT (f->org->runs, DagRun, dag_org_lookup (f->org, DAG_KIND_RUN, "R-SHARED"))->stops->len,
                    ==, 2);
}

static void
test_delete_refused (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DagDeleted) deleted = NULL;
  const DagAttendance *a;
  g_autofree char *id = NULL;
  g_autofree char *year = NULL;
  guint n = f->org->participants->len;
  gint64 audits = dag_store_count_audit (f->store, NULL);
  int y;

  g_assert_cmpuint (f->org->attendance->len, >, 0);
  a = DAG_AT (f->org->attendance, DagAttendance, 0);
  id = g_strdup (DAG_AT (f->org->participants, DagParticipant, a->participant)->id);
  dag_date_to_ymd (a->date, &y, NULL, NULL);
  year = g_strdup_printf ("%d", y);

  g_assert_false (dag_store_delete_participant (f->store, id, &deleted, &error));
  g_assert_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_CONSTRAINT);
  if (strstr (error->message, year) == NULL)
    g_error ("expected the refusal to name the year %s, got “%s”", year, error->message);
  g_assert_null (deleted);
  reload_first (f);
  g_assert_cmpuint (f->org->participants->len, ==, n);
  g_assert_cmpint (dag_store_count_audit (f->store, NULL), ==, audits);
}

static void
test_delete_unknown (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 audits = dag_store_count_audit (f->store, NULL);

  g_assert_false (dag_store_delete_participant (f->store, "nobody", NULL, &error));
  g_assert_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (dag_store_delete_indication (f->store, "nothing", NULL, &error));
  g_assert_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_NOT_FOUND);
  g_assert_cmpint (dag_store_count_audit (f->store, NULL), ==, audits);
}

/* ---- indications -------------------------------------------------------- */

/* A valid new indication for participant 0: the first product of a
 * contract of their municipality, 2 per week in 2027. */
static DagIndication
new_indication (Fixture *f)
{
  DagIndication ind = { 0 };
  const DagParticipant *p = DAG_AT (f->org->participants, DagParticipant, 0);

  ind.id = (char *) "I-NEW";
  ind.participant = 0;
  ind.contract = -1;
  for (guint c = 0; c < f->org->contracts->len && ind.contract < 0; c++)
    if (DAG_AT (f->org->contracts, DagContract, c)->municipality == p->municipality)
      ind.contract = (int) c;
  g_assert_cmpint (ind.contract, >=, 0);
  ind.product = 0;
  ind.level = 2;
  ind.allocation_number = (char *) "A-2027-1";
  ind.start = dag_date_from_ymd (2027, 1, 1);
  ind.end = dag_date_from_ymd (2027, 6, 30);
  ind.units = 2;
  ind.per = DAG_PER_WEEK;
  ind.min_units = -1;
  return ind;
}

static void
test_indication_add_update_delete (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DagDeleted) deleted = NULL;
  DagIndication ind = new_indication (f);
  guint n = f->org->indications->len;
  gint64 audits = dag_store_count_audit (f->store, NULL);
  const DagIndication *got;
  int i;

  g_assert_true (dag_store_add_indication (f->store, f->org, &ind, &error));
  g_assert_no_error (error);
  reload_first (f);
  g_assert_cmpuint (f->org->indications->len, ==, n + 1);
  i = dag_org_lookup (f->org, DAG_KIND_INDICATION, "I-NEW");
  g_assert_cmpint (i, >=, 0);
  got = DAG_AT (f->org->indications, DagIndication, i);
  g_assert_cmpint (got->participant, ==, 0);
  g_assert_cmpuint (got->end, ==, dag_date_from_ymd (2027, 6, 30));
  g_assert_cmpint (got->units, ==, 2);
  g_assert_cmpint (got->min_units, ==, -1);
  g_assert_cmpint (dag_store_count_audit (f->store, NULL), ==, audits + 1);

  /* The same id cannot be added twice. */
  g_assert_false (dag_store_add_indication (f->store, f->org, &ind, &error));
  g_assert_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);

  /* Ending it earlier, 3 a month. */
  ind.end = dag_date_from_ymd (2027, 3, 31);
  ind.units = 3;
  ind.per = DAG_PER_MONTH;
  g_assert_true (dag_store_update_indication (f->store, f->org, &ind, &error));
  g_assert_no_error (error);
  reload_first (f);
  got = DAG_AT (f->org->indications, DagIndication, dag_org_lookup (f->org, DAG_KIND_INDICATION, "I-NEW"));
  g_assert_cmpuint (got->end, ==, dag_date_from_ymd (2027, 3, 31));
  g_assert_cmpint (got->per, ==, DAG_PER_MONTH);
  g_assert_cmpint (dag_store_count_audit (f->store, NULL), ==, audits + 2);

  /* Deleted and put back in its place. */
  g_assert_true (dag_store_delete_indication (f->store, "I-NEW", &deleted, &error));
  g_assert_no_error (error);
  reload_first (f);
  g_assert_cmpuint (f->org->indications->len, ==, n);
  g_assert_cmpint (dag_org_lookup (f->org, DAG_KIND_INDICATION, "I-NEW"), ==, -1);
  g_assert_true (dag_store_restore_deleted (f->store, deleted, &error));
  g_assert_no_error (error);
  reload_first (f);
  g_assert_cmpint (dag_org_lookup (f->org, DAG_KIND_INDICATION, "I-NEW"), ==, i);
  g_assert_cmpint (dag_store_count_audit (f->store, NULL), ==, audits + 4);

  ind.id = (char *) "I-NONE";
  g_assert_false (dag_store_update_indication (f->store, f->org, &ind, &error));
  g_assert_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_NOT_FOUND);
}

typedef struct {
  const char *name;
  const char *field;
  gboolean  (*spoil) (Fixture *f, DagIndication *ind);  /* FALSE: skip */
} BadIndication;

static gboolean spoil_period (Fixture *f, DagIndication *ind) { ind->end = ind->start - 1; return TRUE; }
static gboolean spoil_units (Fixture *f, DagIndication *ind) { ind->units = 0; return TRUE; }
static gboolean spoil_week_units (Fixture *f, DagIndication *ind) { ind->units = 19; return TRUE; }
static gboolean spoil_band (Fixture *f, DagIndication *ind) { ind->per = DAG_PER_MONTH; ind->min_units = 1; return TRUE; }
static gboolean spoil_level (Fixture *f, DagIndication *ind) { ind->level = 9; return TRUE; }
static gboolean spoil_allocation (Fixture *f, DagIndication *ind) { ind->allocation_number = (char *) " "; return TRUE; }
static gboolean spoil_product (Fixture *f, DagIndication *ind) { ind->product = 99; return TRUE; }
static gboolean spoil_start (Fixture *f, DagIndication *ind) { ind->start = DAG_DATE_NONE; return TRUE; }

/* A contract of another municipality than the participant's. */
static gboolean
spoil_contract (Fixture *f, DagIndication *ind)
{
  const DagParticipant *p = DAG_AT (f->org->participants, DagParticipant, 0);

  for (guint c = 0; c < f->org->contracts->len; c++)
    if (DAG_AT (f->org->contracts, DagContract, c)->municipality != p->municipality)
      {
        ind->contract = (int) c;
        return TRUE;
      }
  g_test_skip ("the demo has one municipality");
  return FALSE;
}

static const BadIndication bad_indications[] = {
  { "period", "End", spoil_period },
  { "units", "Volume", spoil_units },
  { "week-units", "Volume", spoil_week_units },
  { "band", "Volume", spoil_band },
  { "level", "Level", spoil_level },
  { "allocation", "Allocation number", spoil_allocation },
  { "product", "Product", spoil_product },
  { "contract", "Product", spoil_contract },
  { "start", "Start", spoil_start },
};

static void
test_indication_bad (Fixture *f, gconstpointer data)
{
  const BadIndication *bad = data;
  g_autoptr(GError) error = NULL;
  DagIndication ind = new_indication (f);
  guint n = f->org->indications->len;
  gint64 audits = dag_store_count_audit (f->store, NULL);

  if (!bad->spoil (f, &ind))
    return;
  g_assert_false (dag_store_add_indication (f->store, f->org, &ind, &error));
  g_assert_error (error, DAG_VALIDATE_ERROR, DAG_VALIDATE_ERROR_INVALID);
  if (!g_str_has_prefix (error->message, bad->field))
    g_error ("expected the message to name the field “%s”, got “%s”", bad->field, error->message);
  reload_first (f);
  g_assert_cmpuint (f->org->indications->len, ==, n);
  g_assert_cmpint (dag_store_count_audit (f->store, NULL), ==, audits);
}

static void
test_volume_band (void)
{
  g_assert_true (dag_validate_volume_band (4, DAG_PER_WEEK, -1, NULL));
  g_assert_true (dag_validate_volume_band (4, DAG_PER_MONTH, -1, NULL));
  g_assert_true (dag_validate_volume_band (4, DAG_PER_WEEK, 2, NULL));
  g_assert_true (dag_validate_volume_band (4, DAG_PER_WEEK, 4, NULL));
  g_assert_false (dag_validate_volume_band (4, DAG_PER_WEEK, 5, NULL));
  g_assert_false (dag_validate_volume_band (4, DAG_PER_PERIOD, 2, NULL));
}

static void
test_unused_id (Fixture *f, gconstpointer data)
{
  g_autofree char *id = NULL;
  g_autofree char *expected = NULL;

  /* The demo numbers its participants P00001 … Pn: the next is free. */
  id = dag_edit_unused_id (f->org, DAG_KIND_PARTICIPANT, "P", 5);
  expected = g_strdup_printf ("P%05u", f->org->participants->len + 1);
  g_assert_cmpstr (id, ==, expected);
  g_assert_cmpint (dag_org_lookup (f->org, DAG_KIND_PARTICIPANT, id), ==, -1);
}

/* Two coordinators at once, each with the organisation as read: edits to
 * different records go through; one to a record the other changed since
 * is refused naming who changed it, and loses nothing of theirs. */
static void
test_conflicts_per_record (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DagStore) other = dag_store_open (dag_test_db (f->path), &error);
  g_autoptr(DagOrg) theirs = NULL;
  g_autoptr(DagOrg) back = NULL;
  g_autoptr(GArray) entries = NULL;
  DagParticipant p0 = first (f);
  DagParticipant p1;
  int a = -1, b = -1;

  g_assert_no_error (error);
  theirs = dag_store_load (other, &error);
  g_assert_no_error (error);

  /* Two participants with plan entries. */
  for (guint i = 0; i < f->org->plan->len && b < 0; i++)
    {
      const DagPlanEntry *e = DAG_AT (f->org->plan, DagPlanEntry, i);

      if (a < 0)
        a = e->participant;
      else if (e->participant != a)
        b = e->participant;
    }
  g_assert_cmpint (b, >=, 0);

  /* The other one empties a's plan. */
  entries = g_array_new (FALSE, FALSE, sizeof (DagPlanEntry));
  g_assert_true (dag_store_set_participant_plan (other, theirs, a, entries, "move", &error));
  g_assert_no_error (error);

  /* The other one also registers an absence of b: not a change of b's
   * plan. */
  g_assert_true (dag_store_add_absence (other, theirs, DAG_ABSENCE_PARTICIPANT, b, dag_date_from_ymd (2027, 3, 1),
                                        dag_date_from_ymd (2027, 3, 5), NULL, &error));
  g_assert_no_error (error);

  /* This one, not having read since, empties b's: a different record. */
  g_assert_true (dag_store_set_participant_plan (f->store, f->org, b, entries, "move", &error));
  g_assert_no_error (error);

  /* And a's: the same record, refused with who and when. */
  g_assert_false (dag_store_set_participant_plan (f->store, f->org, a, entries, "move", &error));
  g_assert_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_CHANGED);
  g_assert_nonnull (strstr (error->message, "changed the same record at"));
  g_clear_error (&error);

  /* The same for the participant's own data. */
  p1 = *DAG_AT (theirs->participants, DagParticipant, 0);
  p1.name = (char *) "Changed By The Other";
  g_assert_true (dag_store_update_participant (other, &p1, &error));
  g_assert_no_error (error);
  p0.name = (char *) "Changed By This One";
  g_assert_false (dag_store_update_participant (f->store, &p0, &error));
  g_assert_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_CHANGED);
  g_clear_error (&error);

  /* Nothing of the other's was lost; read again, this one may edit. */
  back = dag_store_load (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (DAG_AT (back->participants, DagParticipant, 0)->name, ==, "Changed By The Other");
  for (guint i = 0; i < back->plan->len; i++)
    {
      const DagPlanEntry *e = DAG_AT (back->plan, DagPlanEntry, i);

      g_assert_cmpint (e->participant, !=, a);
      g_assert_cmpint (e->participant, !=, b);
    }
  g_assert_true (dag_store_update_participant (f->store, &p0, &error));
  g_assert_no_error (error);
}

/* Another user's registrations, and nothing else, are read as records
 * (what a window applies in place); any other change is not. */
static void
test_attendance_changes (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DagStore) other = dag_store_open (dag_test_db (f->path), &error);
  g_autoptr(GArray) changes = NULL;
  g_autoptr(GArray) none = g_array_new (FALSE, FALSE, sizeof (DagPlanEntry));
  const DagParticipant *p0 = DAG_AT (f->org->participants, DagParticipant, 0);
  const DagParticipant *p1 = DAG_AT (f->org->participants, DagParticipant, 1);
  DagDate day = dag_date_from_ymd (2026, 10, 5);
  const DagAttendanceChange *c;
  gboolean complete = FALSE;

  g_assert_no_error (error);
  /* Nothing yet. */
  g_assert_true (dag_store_read_attendance_changes (f->store, &changes, &complete, &error));
  g_assert_no_error (error);
  g_assert_true (complete);
  g_assert_cmpuint (changes->len, ==, 0);
  g_clear_pointer (&changes, g_array_unref);

  g_assert_true (dag_store_set_attendance (other, p0->id, day, 0, DAG_ATTEND_CANCELLED, -1, "griep", &error));
  g_assert_true (dag_store_set_attendance (other, p1->id, day, 1, DAG_ATTEND_PRESENT, 150, NULL, &error));
  g_assert_true (dag_store_set_attendance (other, p0->id, day, 0, DAG_ATTEND_NO_SHOW, -1, NULL, &error));
  g_assert_true (dag_store_clear_attendance (other, p1->id, day, 1, &error));
  g_assert_no_error (error);

  g_assert_true (dag_store_read_attendance_changes (f->store, &changes, &complete, &error));
  g_assert_no_error (error);
  g_assert_true (complete);
  g_assert_cmpuint (changes->len, ==, 2);
  c = &g_array_index (changes, DagAttendanceChange, 0);
  g_assert_cmpstr (c->participant_id, ==, p0->id);
  g_assert_cmpuint (c->date, ==, day);
  g_assert_cmpint (c->part, ==, 0);
  g_assert_cmpint (c->status, ==, DAG_ATTEND_NO_SHOW);
  g_assert_null (c->reason);
  c = &g_array_index (changes, DagAttendanceChange, 1);
  g_assert_cmpstr (c->participant_id, ==, p1->id);
  g_assert_cmpint (c->part, ==, 1);
  g_assert_cmpint (c->status, ==, -1);
  g_clear_pointer (&changes, g_array_unref);

  /* Taken as read: nothing the next time. */
  g_assert_true (dag_store_read_attendance_changes (f->store, &changes, &complete, &error));
  g_assert_true (complete);
  g_assert_cmpuint (changes->len, ==, 0);
  g_clear_pointer (&changes, g_array_unref);

  /* A plan move is more than registrations: read everything. */
  {
    g_autoptr(DagOrg) theirs = dag_store_load (other, &error);

    g_assert_no_error (error);
    g_assert_true (dag_store_set_participant_plan (other, theirs, DAG_AT (theirs->plan, DagPlanEntry, 0)->participant,
                                                   none, "move", &error));
    g_assert_no_error (error);
  }
  g_assert_true (dag_store_set_attendance (other, p0->id, day, 1, DAG_ATTEND_PRESENT, -1, NULL, &error));
  g_assert_true (dag_store_read_attendance_changes (f->store, &changes, &complete, &error));
  g_assert_no_error (error);
  g_assert_false (complete);
  g_assert_null (changes);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  dag_test_db_init ();
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
  g_test_add ("/edit/delete-participant", Fixture, NULL, fixture_setup, test_delete_participant, fixture_teardown);
  g_test_add ("/edit/delete-runs", Fixture, NULL, fixture_setup, test_delete_runs, fixture_teardown);
  g_test_add ("/edit/delete-refused", Fixture, NULL, fixture_setup, test_delete_refused, fixture_teardown);
  g_test_add ("/edit/delete-unknown", Fixture, NULL, fixture_setup, test_delete_unknown, fixture_teardown);
  g_test_add ("/edit/indication", Fixture, NULL, fixture_setup, test_indication_add_update_delete,
              fixture_teardown);
  for (gsize i = 0; i < G_N_ELEMENTS (bad_indications); i++)
    {
      g_autofree char *path = g_strdup_printf ("/edit/bad-indication/%s", bad_indications[i].name);
      g_test_add (path, Fixture, &bad_indications[i], fixture_setup, test_indication_bad, fixture_teardown);
    }
  g_test_add_func ("/edit/volume-band", test_volume_band);
  g_test_add ("/edit/unused-id", Fixture, NULL, fixture_setup, test_unused_id, fixture_teardown);
  g_test_add ("/edit/conflicts-per-record", Fixture, NULL, fixture_setup, test_conflicts_per_record,
              fixture_teardown);
  g_test_add ("/edit/attendance-changes", Fixture, NULL, fixture_setup, test_attendance_changes, fixture_teardown);
  return g_test_run ();
}
