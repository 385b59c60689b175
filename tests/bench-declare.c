/* bench-declare.c — times declaring one month of the 20,000-participant
 * demo organisation as iWmo WMO323 (the target: at most 3 s) as the
 * command does it: load from the database, compute the production, build
 * the messages with their local check (schema and technical rules), write
 * the files, save the ledger.  Then the same month once it was sent, with
 * one attendance changed: a correction against the ledger.  Prints the
 * medians, the spread, and the CPU time. */

#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dag-declare.h"
#include "dag-demo.h"
#include "dag-store.h"

#define RUNS 5

static double
cpu_seconds (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

static gboolean
digits (const char *text)
{
  if (text == NULL || *text == '\0' || strlen (text) > 9)
    return FALSE;
  for (; *text; text++)
    if (!g_ascii_isdigit (*text))
      return FALSE;
  return TRUE;
}

/* Fills in what the demo may still lack for invoicing (the iWmo codes of
 * INTERFACES.md §1 and numeric allocation numbers); returns how many
 * records it changed. */
static guint
make_declarable (DagOrg *org)
{
  guint changed = 0;

  for (guint i = 0; i < org->indications->len; i++)
    {
      DagIndication *ind = DAG_AT (org->indications, DagIndication, i);

      if (!digits (ind->allocation_number))
        {
          g_free (ind->allocation_number);
          ind->allocation_number = g_strdup_printf ("%u", 100000 + i);
          changed++;
        }
    }
  for (guint c = 0; c < org->contracts->len; c++)
    {
      DagContract *contract = DAG_AT (org->contracts, DagContract, c);

      for (guint p = 0; p < contract->products->len; p++)
        {
          DagProduct *product = DAG_AT (contract->products, DagProduct, p);
          gboolean ride = g_strcmp0 (product->unit, "rit") == 0;

          if (product->category[0] == '\0')
            {
              g_strlcpy (product->category, ride ? "08" : "07", sizeof product->category);
              changed++;
            }
          if (product->unit_code[0] == '\0')
            {
              g_strlcpy (product->unit_code, ride ? "84" : "16", sizeof product->unit_code);
              changed++;
            }
          for (guint s = 0; s < product->staffel->len; s++)
            {
              DagStaffel *st = DAG_AT (product->staffel, DagStaffel, s);

              if (st->code[0] == '\0')
                {
                  g_snprintf (st->code, sizeof st->code, "%.3sS%u", product->code, s + 1);
                  changed++;
                }
            }
        }
    }
  return changed;
}

static void
remove_files (const char *folder)
{
  g_autoptr(GDir) d = g_dir_open (folder, 0, NULL);
  const char *name;

  while (d && (name = g_dir_read_name (d)))
    {
      g_autofree char *p = g_build_filename (folder, name, NULL);
      g_unlink (p);
    }
  g_rmdir (folder);
}

static void
fail (const GError *error)
{
  g_printerr ("bench-declare: %s\n", error->message);
  exit (1);
}

/* A fresh copy of the database file from (closed stores only: WAL). */
static DagStore *
open_copy (const char *from,
           const char *to)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  DagStore *store;

  if (!g_file_get_contents (from, &contents, &length, &error) ||
      !g_file_set_contents_full (to, contents, length, G_FILE_SET_CONTENTS_NONE, 0600, &error))
    fail (error);
  store = dag_store_open (to, &error);
  if (store == NULL)
    fail (error);
  return store;
}

typedef struct {
  double load, compute, declare, write, save, total, cpu;
  guint  messages, lines, findings;
  gsize  bytes;
} Run;

/* One declaration of October as "dagritme declare" does it: load,
 * production, messages and their check, files, ledger saved.  With
 * change, first cancels one attendance that was billed (in memory): the
 * correction of a sent month. */
static Run
declare_once (DagStore   *store,
              const char *folder,
              gboolean    change)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DagOrg) org = NULL;
  g_autoptr(DagProduction) production = NULL;
  g_autoptr(DagDeclareResult) result = NULL;
  DagDate today = dag_date_from_ymd (2026, 11, 2);
  double c0 = cpu_seconds ();
  gint64 t0, t1, t2, t3, t4, t5;
  Run run = { 0 };

  t0 = g_get_monotonic_time ();
  org = dag_store_load (store, &error);
  if (org == NULL)
    fail (error);
  for (guint i = 0; change && i < org->attendance->len; i++)
    {
      DagAttendance *a = DAG_AT (org->attendance, DagAttendance, i);

      if (a->status == DAG_ATTEND_PRESENT && a->date >= dag_date_from_ymd (2026, 10, 1) && a->minutes < 0)
        {
          a->status = DAG_ATTEND_CANCELLED;
          break;
        }
    }
  t1 = g_get_monotonic_time ();
  production = dag_production_compute (org, 2026, 10, today);
  t2 = g_get_monotonic_time ();
  result = dag_declare_month (org, production, -1, today, &error);
  if (result == NULL)
    fail (error);
  t3 = g_get_monotonic_time ();
  if (!dag_declare_result_write (result, folder, &error))
    fail (error);
  t4 = g_get_monotonic_time ();
  for (guint i = 0; i < result->messages->len; i++)
    {
      const DagDeclareMessage *msg = g_ptr_array_index (result->messages, i);
      run.lines += msg->n_debit + msg->n_credit;
      run.findings += msg->findings->len;
      run.bytes += msg->length;
    }
  run.messages = result->messages->len;
  dag_declare_result_apply (result, org);
  if (!dag_store_save (store, org, DAG_SECTION_DECLARATIONS, "declare", &error))
    fail (error);
  t5 = g_get_monotonic_time ();
  run.load = (t1 - t0) / 1e6;
  run.compute = (t2 - t1) / 1e6;
  run.declare = (t3 - t2) / 1e6;
  run.write = (t4 - t3) / 1e6;
  run.save = (t5 - t4) / 1e6;
  run.total = (t5 - t0) / 1e6;
  run.cpu = cpu_seconds () - c0;
  remove_files (folder);
  return run;
}

/* Prints the medians of runs; returns the median total. */
static double
report (const char *what,
        Run        *runs,
        int         n)
{
  double v[7][RUNS];

  for (int r = 0; r < n; r++)
    {
      v[0][r] = runs[r].load;
      v[1][r] = runs[r].compute;
      v[2][r] = runs[r].declare;
      v[3][r] = runs[r].write;
      v[4][r] = runs[r].save;
      v[5][r] = runs[r].total;
      v[6][r] = runs[r].cpu;
    }
  for (int k = 0; k < 7; k++)
    qsort (v[k], n, sizeof (double), compare_doubles);
  g_print ("%s: %u messages, %u lines, %u findings, %" G_GSIZE_FORMAT " bytes\n",
           what, runs[0].messages, runs[0].lines, runs[0].findings, runs[0].bytes);
  g_print ("  median of %d: load %.3f s, production %.3f s, declare + check %.3f s, write %.3f s,"
           " ledger saved %.3f s, total %.3f s (min %.3f, max %.3f); CPU %.3f s\n",
           n, v[0][n / 2], v[1][n / 2], v[2][n / 2], v[3][n / 2], v[4][n / 2],
           v[5][n / 2], v[5][0], v[5][n - 1], v[6][n / 2]);
  return v[5][n / 2];
}

int
main (int   argc,
      char *argv[])
{
  int participants = argc > 1 ? atoi (argv[1]) : 20000;
  int correction_runs = argc > 2 ? CLAMP (atoi (argv[2]), 1, RUNS) : 3;
  g_autofree char *dir = g_dir_make_tmp ("dagritme-bench-XXXXXX", NULL);
  g_autofree char *pristine = g_build_filename (dir, "demo.db", NULL);
  g_autofree char *sent = g_build_filename (dir, "sent.db", NULL);
  g_autofree char *work = g_build_filename (dir, "work.db", NULL);
  g_autofree char *folder = g_build_filename (dir, "wmo323", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DagOrg) demo = NULL;
  DagDemoOptions options;
  Run first[RUNS], again[RUNS];
  double first_total, again_total;
  guint patched;

  dag_demo_options_init (&options);
  options.participants = participants;
  options.month = dag_date_from_ymd (2026, 10, 1);
  demo = dag_demo_generate (&options);
  patched = make_declarable (demo);
  {
    g_autoptr(DagStore) store = dag_store_open (pristine, &error);

    if (store == NULL || !dag_store_save (store, demo, DAG_SECTION_ALL, "demo", &error))
      fail (error);
  }

  /* The first declaration of the month, each run on the same database. */
  for (int r = 0; r < RUNS; r++)
    {
      g_autoptr(DagStore) store = open_copy (pristine, work);
      first[r] = declare_once (store, folder, FALSE);
    }

  /* The month sent; then one attendance changes and it is declared again:
   * a credit and a debit line against a ledger of the whole month. */
  {
    g_autoptr(DagStore) store = open_copy (pristine, sent);
    g_autoptr(DagOrg) org = NULL;

    declare_once (store, folder, FALSE);
    org = dag_store_load (store, &error);
    if (org == NULL)
      fail (error);
    for (guint i = 0; i < org->declarations->len; i++)
      if (!dag_declaration_mark_sent (org, DAG_AT (org->declarations, DagDeclaration, i)->number,
                                      dag_date_from_ymd (2026, 11, 3), &error))
        fail (error);
    if (!dag_store_save (store, org, DAG_SECTION_DECLARATIONS, "declaration sent", &error))
      fail (error);
  }
  for (int r = 0; r < correction_runs; r++)
    {
      g_autoptr(DagStore) store = open_copy (sent, work);
      again[r] = declare_once (store, folder, TRUE);
    }

  g_print ("declare 2026-10, %d participants (%u demo records made declarable)\n", participants, patched);
  first_total = report ("first declaration", first, RUNS);
  again_total = report ("correction after sent", again, correction_runs);

  g_unlink (work);
  g_unlink (sent);
  g_unlink (pristine);
  g_rmdir (dir);
  return first[0].findings == 0 && again[0].findings == 0 && again[0].lines == 2 &&
         first_total <= 3.0 && again_total <= 3.0 ? 0 : 1;
}
