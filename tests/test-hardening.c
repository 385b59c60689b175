/* test-hardening.c — outputs that cannot be turned against their reader
 * and inputs kept within bounds (issue 15): formulas in the production
 * CSV, control characters in the WMO323 XML and on the terminal, and the
 * ranges of imported travel times. */

#include "config.h"

#include <libxml/parser.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/wait.h>

#include "dag-cli-private.h"
#include "dag-declare.h"
#include "dag-ical.h"
#include "dag-record-check.h"
#include "dag-demo.h"
#include "dag-org-export.h"
#include "dag-org-import.h"
#include "dag-production-export.h"
#include "dag-production.h"
#include "dag-store.h"
#include "dag-store-attendance.h"
#include "dag-store-absence.h"
#include "dag-store-edit.h"
#include "dag-store-travel.h"
#include "dag-travel.h"
#include "dag-validate.h"

#include <sqlite3.h>

#define FORMULA "=HYPERLINK(\"http://x\",\"a\")"
/* As RFC 4180 writes it after the OWASP single quote. */
#define FORMULA_CSV "\"'=HYPERLINK(\"\"http://x\"\",\"\"a\"\")\""

static DagOrg *
demo_org (void)
{
  DagDemoOptions options;

  dag_demo_options_init (&options);
  options.participants = 40;
  options.month = dag_date_from_ymd (2026, 4, 1);
  return dag_demo_generate (&options);
}

/* The participant of the production's first line. */
static DagParticipant *
first_participant (DagOrg        *org,
                   DagProduction *production)
{
  const DagProductionLine *l;

  g_assert_cmpuint (production->lines->len, >, 0);
  l = DAG_AT (production->lines, DagProductionLine, 0);
  return DAG_AT (org->participants, DagParticipant, l->participant);
}

static void
test_csv_formula (void)
{
  g_autoptr(DagOrg) org = demo_org ();
  g_autoptr(DagProduction) production = dag_production_compute (org, 2026, 4, dag_date_from_ymd (2026, 5, 4));
  DagParticipant *p = first_participant (org, production);
  const DagProductionLine *l = DAG_AT (production->lines, DagProductionLine, 0);
  DagIndication *ind = DAG_AT (org->indications, DagIndication, l->indication);
  static const struct {
    const char *raw, *rfc, *nl;
  } cells[] = {
    { FORMULA, FORMULA_CSV, FORMULA_CSV },
    { "+31 6 1234", "\"'+31 6 1234\"", "\"'+31 6 1234\"" },
    { "-2+3", "\"'-2+3\"", "\"'-2+3\"" },
    { "@SUM(A1)", "\"'@SUM(A1)\"", "\"'@SUM(A1)\"" },
    { "\tx", "\"'\tx\"", "\"'\tx\"" },
    { "\rx", "\"'\rx\"", "\"'\rx\"" },
    /* Not at the start: an ordinary text. */
    { "a=b", "a=b", "a=b" },
    { "a;b", "a;b", "\"a;b\"" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cells); i++)
    {
      g_autofree char *rfc = NULL, *nl = NULL, *want_rfc = NULL, *want_nl = NULL;
      g_autofree char *alloc_rfc = NULL;
      gsize length = 0;

      g_free (p->name);
      p->name = g_strdup (cells[i].raw);
      g_free (ind->allocation_number);
      ind->allocation_number = g_strdup (cells[i].raw);
      rfc = dag_production_to_csv (org, production, -1, DAG_CSV_DIALECT_RFC4180, &length);
      nl = dag_production_to_csv (org, production, -1, DAG_CSV_DIALECT_NL, &length);
      /* participant, birth_date, allocation_number follow one another. */
      want_rfc = g_strdup_printf (",%s,", cells[i].rfc);
      want_nl = g_strdup_printf (";%s;", cells[i].nl);
      if (strstr (rfc, want_rfc) == NULL)
        g_error ("expected the cell %s in the RFC 4180 CSV:\n%s", want_rfc, rfc);
      if (strstr (nl, want_nl) == NULL)
        g_error ("expected the cell %s in the nl CSV:\n%s", want_nl, nl);
      /* The raw formula never starts a cell. */
      if (cells[i].raw[0] == '=')
        {
          g_assert_null (strstr (rfc, ",=HYPERLINK"));
          g_assert_null (strstr (nl, ";=HYPERLINK"));
        }
    }
}

/* Units and amounts are numbers the program writes: untouched. */
static void
test_csv_numbers (void)
{
  g_autoptr(DagOrg) org = demo_org ();
  g_autoptr(DagProduction) production = dag_production_compute (org, 2026, 4, dag_date_from_ymd (2026, 5, 4));
  gsize length = 0;
  g_autofree char *rfc = dag_production_to_csv (org, production, -1, DAG_CSV_DIALECT_RFC4180, &length);
  g_autofree char *nl = dag_production_to_csv (org, production, -1, DAG_CSV_DIALECT_NL, &length);
  const DagProductionLine *l = DAG_AT (production->lines, DagProductionLine, 0);
  g_autofree char *euros = dag_cents_format (l->amount_cents, ',');
  g_autofree char *tail_rfc = g_strdup_printf (",%d,%s,%" G_GINT64_FORMAT "\r\n", l->units,
                                               DAG_AT (DAG_AT (org->contracts, DagContract, l->contract)->products,
                                                       DagProduct, l->product)->unit,
                                               l->amount_cents);

  g_assert_null (strchr (rfc, '\''));
  g_assert_null (strchr (nl, '\''));
  g_assert_nonnull (strstr (rfc, tail_rfc));
  g_assert_nonnull (strstr (nl, euros));
}

static void
test_xml_control (void)
{
  g_autoptr(DagOrg) org = demo_org ();
  g_autoptr(DagProduction) production = dag_production_compute (org, 2026, 4, dag_date_from_ymd (2026, 5, 4));
  g_autoptr(DagDeclareResult) result = NULL;
  g_autoptr(GError) error = NULL;
  DagDeclareMessage *msg;
  xmlDoc *doc;

  /* The demo has no iWmo codes: give every product and indication some. */
  for (guint c = 0; c < org->contracts->len; c++)
    {
      DagContract *contract = DAG_AT (org->contracts, DagContract, c);

      for (guint k = 0; k < contract->products->len; k++)
        {
          DagProduct *p = DAG_AT (contract->products, DagProduct, k);

          g_strlcpy (p->category, "07", sizeof p->category);
          g_strlcpy (p->unit_code, "16", sizeof p->unit_code);
          for (guint t = 0; t < p->staffel->len; t++)
            {
              DagStaffel *tier = DAG_AT (p->staffel, DagStaffel, t);

              g_snprintf (tier->code, sizeof tier->code, "04A%02u", 10 + t);
            }
        }
    }
  for (guint i = 0; i < org->indications->len; i++)
    {
      DagIndication *ind = DAG_AT (org->indications, DagIndication, i);

      g_free (ind->allocation_number);
      ind->allocation_number = g_strdup_printf ("%u", 100000 + i);
    }
  {
    DagIndication *ind = DAG_AT (org->indications, DagIndication, 0);

    g_free (ind->allocation_number);
    ind->allocation_number = g_strdup ("1000\x01" "00\x1b[2J\xef\xbf\xbe");
  }
  /* The declaration's own check refuses it; the writer would replace the
   * characters XML cannot hold by U+FFFD (dag-declare.c, append_escaped),
   * so no message it writes is ever invalid XML. */
  result = dag_declare_month (org, production, -1, dag_date_from_ymd (2026, 5, 4), &error);
  g_assert_error (error, DAG_DECLARE_ERROR, DAG_DECLARE_ERROR_NOT_DECLARABLE);
  g_assert_null (result);
  g_clear_error (&error);

  /* Without it, every message parses. */
  {
    DagIndication *ind = DAG_AT (org->indications, DagIndication, 0);

    g_free (ind->allocation_number);
    ind->allocation_number = g_strdup ("100000");
  }
  result = dag_declare_month (org, production, -1, dag_date_from_ymd (2026, 5, 4), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < result->messages->len; i++)
    {
      msg = g_ptr_array_index (result->messages, i);
      doc = xmlReadMemory (msg->xml, (int) msg->length, "wmo323.xml", "UTF-8",
                           XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
      g_assert_nonnull (doc);
      xmlFreeDoc (doc);
    }
}

/* ---- travel times ------------------------------------------------------- */

static DagOrg *
organisation (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "organisation.json", NULL);
  g_autoptr(GError) error = NULL;
  DagOrg *org = dag_org_import_file (path, &error);

  g_assert_no_error (error);
  return org;
}

static char *
travel_message (DagOrg     *org,
                const char *minutes,
                const char *km)
{
  g_autofree char *csv = g_strdup_printf ("from_id,to_id,minutes,km\nP1,L1,%s,%s\n", minutes, km);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) entries = dag_travel_parse_csv (csv, strlen (csv), org, &error);

  if (entries != NULL)
    return NULL;
  g_assert_error (error, DAG_TRAVEL_ERROR, DAG_TRAVEL_ERROR_INVALID);
  return g_strdup (error->message);
}

static void
test_travel_bounds (void)
{
  g_autoptr(DagOrg) org = organisation ();
  static const struct {
    const char *minutes, *km, *message;
  } cases[] = {
    /* Once "rides -2147483536 minutes". */
    { "1e300", "5", "line 2, column minutes: must be at most 600" },
    { "600.5", "5", "line 2, column minutes: must be at most 600" },
    { "12", "1000.1", "line 2, column km: must be at most 1000" },
    { "12", "1e300", "line 2, column km: must be at most 1000" },
    { "inf", "5", "line 2, column minutes: must be a number ≥ 0" },
    { "nan", "5", "line 2, column minutes: must be a number ≥ 0" },
    { "0x10", "5", "line 2, column minutes: must be a number ≥ 0" },
    { "-1", "5", "line 2, column minutes: must be a number ≥ 0" },
    { "12", "1e400", "line 2, column km: must be a number ≥ 0" },
    { "600", "1000", NULL },
    { "0", "0", NULL },
    { "12.5", "8.25", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *message = travel_message (org, cases[i].minutes, cases[i].km);

      if (g_strcmp0 (message, cases[i].message) != 0)
        g_error ("minutes %s, km %s: expected “%s”, got “%s”", cases[i].minutes, cases[i].km,
                 cases[i].message ? cases[i].message : "(accepted)", message ? message : "(accepted)");
    }
}

/* The store refuses to keep or hand out what the import would refuse. */
static void
test_travel_store (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("dagritme-travel-XXXXXX", &error);
  g_autofree char *db = g_build_filename (dir, "org.db", NULL);
  g_autoptr(DagStore) store = dag_store_open (db, &error);
  g_autoptr(GArray) entries = dag_travel_entries_new ();
  g_autoptr(GArray) loaded = NULL;
  DagTravelEntry e = { g_strdup ("P1"), g_strdup ("L1"), 1e300, 5 };
  sqlite3 *raw = NULL;

  g_assert_no_error (error);
  g_array_append_val (entries, e);
  g_assert_false (dag_store_replace_travel_times (store, entries, "test", &error));
  g_assert_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_CONSTRAINT);
  g_assert_cmpstr (error->message, ==, "travel time 1 of 1 is out of range (0–600 minutes, 0–1,000 km)");
  g_clear_error (&error);
  g_assert_cmpint (dag_store_count_travel_times (store, NULL), ==, 0);

  /* An older file that holds one anyway. */
  g_assert_cmpint (sqlite3_open (db, &raw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (raw, "INSERT INTO travel_time (from_id, to_id, minutes, km) VALUES ('P1', 'L1', 1e300, 5)",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (raw);
  loaded = dag_store_load_travel_times (store, &error);
  g_assert_null (loaded);
  g_assert_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_CONSTRAINT);
  g_assert_true (g_str_has_suffix (error->message, ": the travel time is out of range; import the travel times again"));

  g_clear_object (&store);
  {
    g_autofree char *wal = g_strconcat (db, "-wal", NULL);
    g_autofree char *shm = g_strconcat (db, "-shm", NULL);

    g_remove (wal);
    g_remove (shm);
    g_remove (db);
    g_rmdir (dir);
  }
}

/* ---- the terminal ------------------------------------------------------- */

/* Removes the database of a test and its folder. */
static void
remove_db (const char *dir,
                    const char *db)
{
  g_autofree char *wal = g_strconcat (db, "-wal", NULL);
  g_autofree char *shm = g_strconcat (db, "-shm", NULL);

  g_remove (wal);
  g_remove (shm);
  g_remove (db);
  g_rmdir (dir);
}

static int
run (char      **out,
     char      **err,
     const char *first,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  const char *binary = g_getenv ("DAGRITME_BINARY");
  int wait_status = 0;
  va_list args;

  if (binary == NULL)
    return -1;
  g_ptr_array_add (argv, (gpointer) binary);
  va_start (args, first);
  for (const char *a = first; a != NULL; a = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) a);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  envp = g_environ_setenv (envp, "LC_ALL", "C.UTF-8", TRUE);
  envp = g_environ_setenv (envp, "LANGUAGE", "", TRUE);
  envp = g_environ_unsetenv (envp, "DISPLAY");
  envp = g_environ_unsetenv (envp, "WAYLAND_DISPLAY");
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                               out, err, &wait_status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  return WEXITSTATUS (wait_status);
}

/* A reason with a terminal escape sequence (stored by another program, or
 * an older import) is shown escaped by "attendance --date". */
static void
test_attendance_escape (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DagStore) store = NULL;
  g_autoptr(DagOrg) org = NULL;
  g_autofree char *out = NULL, *err = NULL;
  int status;

  if (g_getenv ("DAGRITME_BINARY") == NULL)
    {
      g_test_skip ("DAGRITME_BINARY is not set");
      return;
    }
  dir = g_dir_make_tmp ("dagritme-hardening-XXXXXX", &error);
  g_assert_no_error (error);
  db = g_build_filename (dir, "org.db", NULL);
  store = dag_store_open (db, &error);
  g_assert_no_error (error);
  org = organisation ();
  g_assert_cmpuint (org->attendance->len, >, 0);
  {
    DagAttendance *a = DAG_AT (org->attendance, DagAttendance, 0);
    char date[DAG_DATE_BUF];

    g_free (a->reason);
    a->reason = g_strdup ("ziek\x1b]0;pwned\x07\x1b[2J\xc2\x9b" "31mrood\x7f");
    g_assert_true (dag_store_save (store, org, DAG_SECTION_ALL, "test", &error));
    g_assert_no_error (error);
    g_clear_object (&store);

    status = run (&out, &err, "--database", db, "attendance", "--date", dag_date_format (a->date, date), NULL);
  }
  g_assert_cmpint (status, ==, 0);
  g_assert_null (strchr (out, '\x1b'));
  g_assert_null (strchr (out, '\x07'));
  g_assert_null (strchr (out, '\x7f'));
  g_assert_null (strstr (out, "\xc2\x9b"));
  if (strstr (out, "ziek\\x1B]0;pwned\\x07\\x1B[2J\\u{9B}31mrood\\x7F") == NULL)
    g_error ("expected the reason escaped, got:\n%s", out);

  {
    g_autofree char *wal = g_strconcat (db, "-wal", NULL);
    g_autofree char *shm = g_strconcat (db, "-shm", NULL);

    g_remove (wal);
    g_remove (shm);
    g_remove (db);
    g_rmdir (dir);
  }
}

/* ---- what the editors take ---------------------------------------------- */

/* The same caps and characters as the strict import, in the shared checks. */
static void
test_validate_text (void)
{
  g_autofree char *name200 = g_strnfill (200, 'a');
  g_autofree char *name201 = g_strnfill (201, 'a');
  g_autoptr(GError) error = NULL;

  g_assert_true (dag_validate_text (NULL, 10, NULL));
  g_assert_true (dag_validate_text (name200, DAG_TEXT_MAX_NAME, NULL));
  /* Characters, not bytes: 200 × "é" is 400 bytes. */
  {
    g_autoptr(GString) e = g_string_new (NULL);
    for (int i = 0; i < 200; i++)
      g_string_append (e, "é");
    g_assert_true (dag_validate_text (e->str, DAG_TEXT_MAX_NAME, NULL));
  }
  g_assert_false (dag_validate_text (name201, DAG_TEXT_MAX_NAME, &error));
  g_assert_error (error, DAG_VALIDATE_ERROR, DAG_VALIDATE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "200"));
  g_clear_error (&error);
  for (guint i = 0; i < 4; i++)
    {
      static const char *const bad[] = { "a\tb", "a\x1b[2Jb", "a\x7f", "a\xc2\x9b" "b" };

      g_assert_false (dag_validate_text (bad[i], 64, &error));
      g_assert_nonnull (strstr (error->message, "U+"));
      g_clear_error (&error);
    }
  g_assert_false (dag_validate_text ("a\xff", 64, &error));
  g_clear_error (&error);
}

static void
test_long_name (void)
{
  g_autoptr(DagOrg) org = organisation ();
  g_autofree char *dir = g_dir_make_tmp ("dagritme-hardening-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "org.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DagStore) store = NULL;
  DagStaff *staff;
  DagParticipant *p;
  const char *field = NULL;
  char *saved;

  g_assert_cmpuint (org->staff->len, >, 0);
  staff = DAG_AT (org->staff, DagStaff, 0);
  saved = staff->name;
  staff->name = g_strnfill (201, 'x');
  g_assert_false (dag_record_check_staff (staff, &field, &error));
  g_assert_cmpstr (field, ==, "name");
  g_assert_nonnull (strstr (error->message, "200"));
  g_clear_error (&error);
  g_free (staff->name);
  staff->name = g_strdup ("Jan\x1b[2J");
  g_assert_false (dag_record_check_staff (staff, &field, &error));
  g_assert_cmpstr (field, ==, "name");
  g_clear_error (&error);
  g_free (staff->name);
  staff->name = saved;
  g_assert_true (dag_record_check_staff (staff, &field, NULL));

  store = dag_store_open (db, &error);
  g_assert_no_error (error);
  g_assert_true (dag_store_save (store, org, DAG_SECTION_ALL, "test", &error));
  g_assert_no_error (error);
  p = DAG_AT (org->participants, DagParticipant, 0);
  saved = p->name;
  p->name = g_strnfill (201, 'y');
  g_assert_false (dag_store_update_participant (store, p, &error));
  if (!g_str_has_prefix (error->message, "Name: ") || strstr (error->message, "200") == NULL)
    g_error ("expected “Name: … 200 …”, got “%s”", error->message);
  g_clear_error (&error);
  g_free (p->name);
  p->name = saved;
  saved = p->address;
  p->address = g_strconcat (saved, "\x9b", NULL);
  g_assert_false (dag_store_update_participant (store, p, &error));
  g_assert_true (g_str_has_prefix (error->message, "Address: "));
  g_clear_error (&error);
  g_free (p->address);
  p->address = saved;
  {
    g_autoptr(DagOrg) again = dag_store_load (store, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (DAG_AT (again->participants, DagParticipant, 0)->name, ==, p->name);
    g_assert_cmpstr (DAG_AT (again->participants, DagParticipant, 0)->address, ==, p->address);
  }
  g_clear_object (&store);
  {
    g_autofree char *wal = g_strconcat (db, "-wal", NULL);
    g_autofree char *shm = g_strconcat (db, "-shm", NULL);

    g_remove (wal);
    g_remove (shm);
    g_remove (db);
    g_rmdir (dir);
  }
}

/* A reason with a control character is refused by the command line and
 * by the store's absences, and nothing is stored. */
static void
test_reason_control (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DagStore) store = NULL;
  g_autoptr(DagOrg) org = NULL;
  g_autofree char *before = NULL;
  guint n_absences;

  dir = g_dir_make_tmp ("dagritme-hardening-XXXXXX", &error);
  g_assert_no_error (error);
  db = g_build_filename (dir, "org.db", NULL);
  store = dag_store_open (db, &error);
  g_assert_no_error (error);
  org = organisation ();
  g_assert_true (dag_store_save (store, org, DAG_SECTION_ALL, "test", &error));
  g_assert_no_error (error);

  n_absences = org->absences->len;
  g_assert_false (dag_store_add_absence (store, org, DAG_ABSENCE_PARTICIPANT, 0,
                                         dag_date_from_ymd (2026, 11, 2), dag_date_from_ymd (2026, 11, 3),
                                         "griep\x1b[31m", &error));
  g_assert_error (error, DAG_VALIDATE_ERROR, DAG_VALIDATE_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "Reason: "));
  g_clear_error (&error);
  g_assert_cmpuint (org->absences->len, ==, n_absences);
  {
    g_autoptr(DagOrg) again = dag_store_load (store, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (again->absences->len, ==, n_absences);
  }
  /* A cancellation reason typed in the Attendance view goes the same way. */
  {
    const DagParticipant *p = DAG_AT (org->participants, DagParticipant, 0);
    guint n_attendance = org->attendance->len;
    g_autoptr(DagOrg) again = NULL;

    g_assert_false (dag_store_set_attendance (store, p->id, dag_date_from_ymd (2026, 11, 2), 0,
                                              DAG_ATTEND_CANCELLED, -1, "ziek\x1b]0;x\x07", &error));
    g_assert_error (error, DAG_VALIDATE_ERROR, DAG_VALIDATE_ERROR_INVALID);
    g_assert_true (g_str_has_prefix (error->message, "Reason: "));
    g_clear_error (&error);
    again = dag_store_load (store, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (again->attendance->len, ==, n_attendance);
  }
  g_clear_object (&store);

  if (g_getenv ("DAGRITME_BINARY") != NULL)
    {
      DagAttendance *a;
      char date[DAG_DATE_BUF];
      g_autofree char *out = NULL, *err = NULL;
      int status;

      g_assert_cmpuint (org->attendance->len, >, 0);
      a = DAG_AT (org->attendance, DagAttendance, 0);
      before = g_strdup (a->reason);
      status = run (&out, &err, "--database", db, "attendance", "--date", dag_date_format (a->date, date),
                    "--participant", DAG_AT (org->participants, DagParticipant, a->participant)->id,
                    "--slot", dag_part_name (a->part), "--status", "cancelled",
                    "--reason", "ziek\x1b]0;pwned\x07", NULL);
      g_assert_cmpint (status, ==, 1);
      g_assert_null (strchr (err, '\x1b'));
      if (strstr (err, "--reason: ") == NULL || strstr (err, "U+001B") == NULL)
        g_error ("expected the reason refused, got:\n%s", err);
      store = dag_store_open (db, &error);
      g_assert_no_error (error);
      {
        g_autoptr(DagOrg) again = dag_store_load (store, &error);
        g_assert_no_error (error);
        for (guint i = 0; i < again->attendance->len; i++)
          {
            const char *r = DAG_AT (again->attendance, DagAttendance, i)->reason;
            g_assert_true (r == NULL || strstr (r, "pwned") == NULL);
          }
        g_assert_cmpstr (DAG_AT (again->attendance, DagAttendance, 0)->reason, ==, before);
      }
      g_clear_object (&store);
    }
  {
    g_autofree char *wal = g_strconcat (db, "-wal", NULL);
    g_autofree char *shm = g_strconcat (db, "-shm", NULL);

    g_remove (wal);
    g_remove (shm);
    g_remove (db);
    g_rmdir (dir);
  }
}

/* dag_cli_fail() shows a message's control characters as \x1B. */
static void
test_fail_escape (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED,
                                                     "bad \x1b[2J\x07 \xc2\x9b" "31m \xff end\n  a second line\r");
      exit (dag_cli_fail (error) == DAG_EXIT_FAILED ? 0 : 3);
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  /* A line feed stays one (findings are listed a line each); CR does not. */
  g_test_trap_assert_stderr ("dagritme: bad \\x1B[2J\\x07 \\x9B31m \\xFF end\n  a second line\\x0D\n");
}

/* Names, reasons and ids that turn the line around on screen (U+202E,
 * U+2066), and line separators, stored by another program or an older
 * version: whatever a command prints shows them as \u{202E}; and a reason
 * typed on the command line with one is refused by name. */
static void
test_terminal_direction (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DagStore) store = NULL;
  g_autoptr(DagOrg) org = NULL;
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *reason_before = NULL;
  DagAttendance *a;
  char date[DAG_DATE_BUF];
  int status;

  if (g_getenv ("DAGRITME_BINARY") == NULL)
    {
      g_test_skip ("DAGRITME_BINARY is not set");
      return;
    }
  dir = g_dir_make_tmp ("dagritme-hardening-XXXXXX", &error);
  g_assert_no_error (error);
  db = g_build_filename (dir, "org.db", NULL);
  store = dag_store_open (db, &error);
  g_assert_no_error (error);
  org = organisation ();
  g_free (org->name);
  org->name = g_strdup ("De \u202Eknil\u202C Linde\u2066");
  g_assert_cmpuint (org->attendance->len, >, 0);
  a = DAG_AT (org->attendance, DagAttendance, 0);
  g_free (a->reason);
  a->reason = g_strdup ("ziek\u2028bed\u200F");
  g_assert_true (dag_store_save (store, org, DAG_SECTION_ALL, "test", &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  status = run (&out, &err, "--database", db, "summary", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_null (strstr (out, "\u202E"));
  g_assert_null (strstr (out, "\u2066"));
  if (strstr (out, "De \\u{202E}knil\\u{202C} Linde\\u{2066} (AGB") == NULL)
    g_error ("expected the organisation's name escaped, got:\n%s", out);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  status = run (&out, &err, "--database", db, "attendance", "--date", dag_date_format (a->date, date), NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_null (strstr (out, "\u2028"));
  g_assert_null (strstr (out, "\u200F"));
  if (strstr (out, "ziek\\u{2028}bed\\u{200F}") == NULL)
    g_error ("expected the reason escaped, got:\n%s", out);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  reason_before = g_strdup (a->reason);
  status = run (&out, &err, "--database", db, "attendance", "--date", date,
                "--participant", DAG_AT (org->participants, DagParticipant, a->participant)->id,
                "--slot", dag_part_name (a->part), "--status", "cancelled",
                "--reason", "ziek \u202Eeb", NULL);
  g_assert_cmpint (status, ==, 1);
  g_assert_null (strstr (err, "\u202E"));
  if (strstr (err, "--reason: contains a character that changes the writing direction (U+202E)") == NULL)
    g_error ("expected the reason refused, got:\n%s", err);
  store = dag_store_open (db, &error);
  g_assert_no_error (error);
  {
    g_autoptr(DagOrg) again = dag_store_load (store, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (DAG_AT (again->attendance, DagAttendance, 0)->reason, ==, reason_before);
  }
  g_clear_object (&store);
  remove_db (dir, db);
}

/* A usage message quotes the argument as typed: escaped too. */
static void
test_usage_escape (void)
{
  g_autofree char *out = NULL, *err = NULL;
  int status;

  if (g_test_subprocess ())
    {
      exit (dag_cli_usage ("--location: no location with id '%s'", "x\x1b[2J\u202Ey\tz\xff")
            == DAG_EXIT_USAGE ? 0 : 3);
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr ("--location: no location with id 'x\\x1B[2J\\u{202E}y\\x09z\\xFF'\n");

  {
    g_autofree char *escaped = dag_cli_escape ("a\tb\u2029c\n", TRUE);

    g_assert_cmpstr (escaped, ==, "a\tb\\u{2029}c\n");
  }

  if (g_getenv ("DAGRITME_BINARY") == NULL)
    return;
  status = run (&out, &err, "\u202Eevil\x1b[2J", NULL);
  g_assert_cmpint (status, ==, 2);
  g_assert_null (strchr (err, '\x1b'));
  g_assert_null (strstr (err, "\u202E"));
  if (strstr (err, "“\\u{202E}evil\\x1B[2J”") == NULL)
    g_error ("expected the command escaped, got:\n%s", err);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  status = run (&out, &err, "export", "ical", "--participant", "P1", "--from", "2026\u2066\x07", "--output", "x.ics",
                NULL);
  g_assert_cmpint (status, ==, 2);
  g_assert_null (strchr (err, '\x07'));
  if (strstr (err, "“2026\\u{2066}\\x07” is not a date") == NULL)
    g_error ("expected the date escaped, got:\n%s", err);
}

/* The fields the new-organisation assistant (and the import) take for the
 * organisation, a municipality and a level: one check each, with the
 * import's caps and characters, naming the field. */
static void
test_record_caps (void)
{
  g_autofree char *long_name = g_strnfill (DAG_TEXT_MAX_NAME + 1, 'a');
  g_autofree char *name200 = g_strnfill (DAG_TEXT_MAX_NAME, 'a');
  g_autoptr(GError) error = NULL;
  const char *field = NULL;
  DagMunicipality m = { (char *) "0202", (char *) "Arnhem" };
  DagLevel l = { 2, (char *) "midden", 6 };

  g_assert_true (dag_record_check_municipality (&m, &field, &error));
  g_assert_no_error (error);
  m.name = name200;
  g_assert_true (dag_record_check_municipality (&m, &field, NULL));
  m.name = long_name;
  g_assert_false (dag_record_check_municipality (&m, &field, &error));
  g_assert_cmpstr (field, ==, "name");
  g_assert_cmpstr (error->message, ==, "is longer than 200 characters");
  g_clear_error (&error);
  m.name = (char *) "Arn\u202Ehem";
  g_assert_false (dag_record_check_municipality (&m, &field, &error));
  g_assert_cmpstr (field, ==, "name");
  g_assert_nonnull (strstr (error->message, "U+202E"));
  g_clear_error (&error);
  m.name = (char *) "  ";
  g_assert_false (dag_record_check_municipality (&m, &field, &error));
  g_assert_cmpstr (field, ==, "name");
  g_clear_error (&error);
  m.name = (char *) "Arnhem";
  m.code = (char *) "202";
  g_assert_false (dag_record_check_municipality (&m, &field, &error));
  g_assert_cmpstr (field, ==, "code");
  g_clear_error (&error);

  g_assert_true (dag_record_check_level (&l, &field, NULL));
  l.name = long_name;
  g_assert_false (dag_record_check_level (&l, &field, &error));
  g_assert_cmpstr (field, ==, "name");
  g_clear_error (&error);
  l.name = (char *) "midden\u2028";
  g_assert_false (dag_record_check_level (&l, &field, &error));
  g_assert_cmpstr (field, ==, "name");
  g_clear_error (&error);
  l.name = (char *) "midden";
  l.ratio = 0;
  g_assert_false (dag_record_check_level (&l, &field, &error));
  g_assert_cmpstr (field, ==, "ratio");
  g_clear_error (&error);

  g_assert_true (dag_record_check_organisation ("Zorgboerderij De Linde", "98765432", &field, NULL));
  g_assert_false (dag_record_check_organisation (long_name, "98765432", &field, &error));
  g_assert_cmpstr (field, ==, "name");
  g_clear_error (&error);
  g_assert_false (dag_record_check_organisation ("De Linde", "9876", &field, &error));
  g_assert_cmpstr (field, ==, "agb_code");
  g_clear_error (&error);
  g_assert_cmpstr (dag_record_field_label (DAG_KIND_MUNICIPALITY, "code"), ==, "Code");
}

/* ---- a folder of calendars ---------------------------------------------- */

static gboolean
hidden_left (const char *dir,
             const char *allowed)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (d)) != NULL)
    if (name[0] == '.' && g_strcmp0 (name, allowed) != 0)
      {
        g_test_message ("left in the folder: %s", name);
        return TRUE;
      }
  return FALSE;
}

/* The whole set is written, through a staging folder that leaves nothing
 * behind; what a killed export left (a complete staging folder, an
 * incomplete one, an older version's temp file) is finished or removed;
 * the user's own files stay. */
static void
test_ical_folder (void)
{
  g_autoptr(DagOrg) org = demo_org ();
  g_autofree char *dir = g_dir_make_tmp ("dagritme-hardening-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "org.db", NULL);
  g_autofree char *out = g_build_filename (dir, "cal", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DagStore) store = NULL;
  g_autoptr(DagIcalExport) ex = NULL;
  DagDate from = dag_date_from_ymd (2026, 4, 6);

  store = dag_store_open (db, &error);
  g_assert_no_error (error);
  g_assert_true (dag_store_save (store, org, DAG_SECTION_ALL, "test", &error));
  g_assert_no_error (error);
  ex = dag_ical_export_new (org, from, from + 27, &error);
  g_assert_no_error (error);
  for (guint p = 0; p < org->participants->len; p++)
    g_assert_cmpint (dag_ical_export_add (ex, DAG_KIND_PARTICIPANT,
                                          DAG_AT (org->participants, DagParticipant, p)->id, &error), ==, p);
  g_assert_true (dag_ical_export_build (ex, store, -1, &error));
  g_assert_no_error (error);

  /* What kills left: a committed staging folder with a stale calendar, an
   * uncommitted one, a temp file of an older version; and a file and a
   * hidden file of the user's own. */
  g_assert_cmpint (g_mkdir_with_parents (out, 0700), ==, 0);
  {
    g_autofree char *done = g_build_filename (out, ".dagritme-done-AbC123", NULL);
    g_autofree char *fresh = g_build_filename (out, ".dagritme-new-XyZ789", NULL);
    g_autofree char *name = dag_ical_export_file_name (ex, 0);
    g_autofree char *stale = g_build_filename (done, name, NULL);
    g_autofree char *junk = g_build_filename (fresh, name, NULL);
    g_autofree char *temp = g_strdup_printf ("%s/.%s.QwErTy", out, name);
    g_autofree char *notes = g_build_filename (out, "notes.txt", NULL);
    g_autofree char *hidden = g_build_filename (out, ".keep", NULL);

    g_assert_cmpint (g_mkdir (done, 0700), ==, 0);
    g_assert_cmpint (g_mkdir (fresh, 0700), ==, 0);
    g_assert_true (g_file_set_contents (stale, "stale", -1, NULL));
    g_assert_true (g_file_set_contents (junk, "junk", -1, NULL));
    g_assert_true (g_file_set_contents (temp, "BEGIN:VCALENDAR", -1, NULL));
    g_assert_true (g_file_set_contents (notes, "mine", -1, NULL));
    g_assert_true (g_file_set_contents (hidden, "", -1, NULL));
  }

  for (int round = 0; round < 2; round++)
    {
      g_autoptr(GDir) d = NULL;
      guint n_files = 0;

      g_assert_true (dag_ical_export_write_all (ex, out, &error));
      g_assert_no_error (error);
      g_assert_false (hidden_left (out, ".keep"));
      for (guint i = 0; i < org->participants->len; i++)
        {
          g_autofree char *name = dag_ical_export_file_name (ex, i);
          g_autofree char *path = g_build_filename (out, name, NULL);
          g_autofree char *want = dag_ical_export_render (ex, i, NULL);
          g_autofree char *got = NULL;
          GStatBuf st;

          g_assert_true (g_file_get_contents (path, &got, NULL, NULL));
          g_assert_cmpstr (got, ==, want);
          g_assert_cmpint (g_stat (path, &st), ==, 0);
          g_assert_cmpint (st.st_mode & 0777, ==, 0600);
        }
      d = g_dir_open (out, 0, NULL);
      while (g_dir_read_name (d) != NULL)
        n_files++;
      /* The calendars, notes.txt and .keep. */
      g_assert_cmpuint (n_files, ==, org->participants->len + 2);
    }
  g_clear_object (&store);
  {
    g_autoptr(GDir) d = g_dir_open (out, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *path = g_build_filename (out, name, NULL);
        g_remove (path);
      }
  }
  g_rmdir (out);
  {
    g_autofree char *wal = g_strconcat (db, "-wal", NULL);
    g_autofree char *shm = g_strconcat (db, "-shm", NULL);

    g_remove (wal);
    g_remove (shm);
    g_remove (db);
    g_rmdir (dir);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/hardening/csv-formula", test_csv_formula);
  g_test_add_func ("/hardening/csv-numbers", test_csv_numbers);
  g_test_add_func ("/hardening/xml-control", test_xml_control);
  g_test_add_func ("/hardening/travel-bounds", test_travel_bounds);
  g_test_add_func ("/hardening/travel-store", test_travel_store);
  g_test_add_func ("/hardening/attendance-escape", test_attendance_escape);
  g_test_add_func ("/hardening/validate-text", test_validate_text);
  g_test_add_func ("/hardening/long-name", test_long_name);
  g_test_add_func ("/hardening/reason-control", test_reason_control);
  g_test_add_func ("/hardening/fail-escape", test_fail_escape);
  g_test_add_func ("/hardening/terminal-direction", test_terminal_direction);
  g_test_add_func ("/hardening/usage-escape", test_usage_escape);
  g_test_add_func ("/hardening/record-caps", test_record_caps);
  g_test_add_func ("/hardening/ical-folder", test_ical_folder);
  return g_test_run ();
}
