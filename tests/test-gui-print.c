/* test-gui-print.c — the week plan print and PDF, the production PDF and
 * the calendar exports of the Production view, on the demo organisation:
 * the files, their pages and text (pdftotext from poppler-utils), no BSN,
 * the same calendar as the command line, and screenshots of the pages. */

#include "dag-item-format.h"
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>
#include <unistd.h>

#include "dag-application.h"
#include "dag-demo.h"
#include "dag-gui-test.h"
#include "dag-holidays.h"
#include "dag-print.h"
#include "dag-production-pdf.h"
#include "dag-week-print.h"
#include "dag-rules.h"
#include "dag-schedule.h"
#include "dag-window.h"
#include "export/dag-production-export.h"

typedef struct {
  DagTestDemo     demo;
  DagWindow *window;
} Fixture;

static DagApplication *application;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  dag_test_demo_setup (&f->demo, "print", 150, DAG_DATE_NONE);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  if (f->window)
    gtk_window_destroy (GTK_WINDOW (f->window));
  dag_test_demo_teardown (&f->demo);
}

static void
open_window (Fixture *f)
{
  f->window = dag_test_open_window (application, f->demo.store, 1280, 800);
}

static void
save_surface (cairo_surface_t *surface,
              const char      *name)
{
  g_autofree char *file = g_strdup_printf ("screenshot-%s.png", name);
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, file, NULL);

  g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
  g_test_message ("screenshot: %s", path);
}

/* The English window most tests share: opening one costs seconds under
 * AddressSanitizer.  Each test writes files of its own names into dir. */
static Fixture shared;

static Fixture *
shared_window (void)
{
  if (shared.window == NULL)
    {
      fixture_setup (&shared, NULL);
      open_window (&shared);
    }
  return &shared;
}

/* ---- PDF reading -------------------------------------------------------- */

static char *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);
  return contents;
}

/* The number of "/Type /Page" objects (not "/Type /Pages"): cairo 1.16
 * writes its page objects uncompressed. */
static int
count_pages (const char *path)
{
  g_autofree char *pdf = NULL;
  gsize length;
  int n = 0;

  g_assert_true (g_file_get_contents (path, &pdf, &length, NULL));
  g_assert_cmpmem (pdf, 5, "%PDF-", 5);
  /* Byte by byte: the streams hold NUL bytes. */
  for (gsize i = 0; i + 12 <= length; i++)
    if (memcmp (pdf + i, "/Type /Page", 11) == 0 && pdf[i + 11] != 's')
      n++;
  return n;
}

/* The text of the PDF by pdftotext (poppler-utils), or NULL (and the test
 * skipped) when it is not installed. */
static char *
pdf_text (const char *path)
{
  g_autofree char *program = g_find_program_in_path ("pdftotext");
  const char *argv[] = { "pdftotext", "-layout", path, "-", NULL };
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status;

  if (program == NULL)
    {
      g_test_skip ("pdftotext (poppler-utils) is not installed");
      return NULL;
    }
  argv[0] = program;
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                               &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

/* Whether any participant's BSN appears in text. */
static void
assert_no_bsn (const DagOrg *org,
               const char   *text)
{
  for (guint p = 0; p < org->participants->len; p++)
    {
      const char *bsn = DAG_AT (org->participants, DagParticipant, p)->bsn;

      if (bsn != NULL && *bsn != '\0' && strstr (text, bsn) != NULL)
        g_error ("the BSN of participant %s is in the PDF", DAG_AT (org->participants, DagParticipant, p)->id);
    }
}

/* ---- week plan ---------------------------------------------------------- */

/* The demo's Christmas week: a closure on the 24th and Eerste Kerstdag. */
static DagDate
christmas_week (const DagOrg *org)
{
  int y, m, d;

  dag_date_to_ymd (dag_date_today (), &y, &m, &d);
  return dag_date_from_ymd (y, 12, 24) - dag_date_weekday (dag_date_from_ymd (y, 12, 24));
}

static void
test_week_pdf (void)
{
  Fixture *f = shared_window ();
  const DagOrg *org;
  DagWeekView *week;
  g_autofree char *pdf = g_build_filename (f->demo.dir, "week.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *printed = g_build_filename (f->demo.dir, "printed.pdf", NULL);
  g_autoptr(DagWeekPrint) sheet = NULL;
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface;
  GStatBuf st;
  int n_pages = 0, location;
  DagDate monday;
  gint64 t0;

  org = dag_window_get_org (f->window);
  week = dag_window_get_week_view (f->window);
  location = dag_week_view_get_location (week);
  g_assert_cmpint (location, >=, 0);
  monday = christmas_week (org);

  sheet = dag_week_print_new (org, location, monday);
  t0 = g_get_monotonic_time ();
  g_assert_true (dag_week_print_write_pdf (sheet, pdf, &n_pages, &error));
  g_assert_no_error (error);
  g_test_message ("week plan PDF written in %.1f ms", (g_get_monotonic_time () - t0) / 1000.0);
  g_assert_cmpint (g_stat (pdf, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (count_pages (pdf), ==, n_pages);
  g_test_message ("week plan: %d pages", n_pages);

  surface = dag_week_print_render_page (sheet, 0, 2.0);
  save_surface (surface, "week-plan-print");
  cairo_surface_destroy (surface);

  /* The print operation's own pages (begin-print, draw-page), exported
   * to a PDF without the system's dialog. */
  operation = dag_week_print_operation_new (org, location, dag_week_view_get_week (week));
  gtk_print_operation_set_export_filename (operation, printed);
  g_assert_cmpint (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, &error),
                   ==, GTK_PRINT_OPERATION_RESULT_APPLY);
  g_assert_no_error (error);
  g_assert_cmpint (count_pages (printed), >=, 1);

  text = pdf_text (pdf);
  if (text == NULL)
    return;
  assert_no_bsn (org, text);
  g_assert_nonnull (strstr (text, DAG_AT (org->locations, DagLocation, location)->name));
  g_assert_nonnull (strstr (text, "Eerste Kerstdag"));

  /* The participants coming on Monday morning are named (short names:
   * long ones are ellipsized in their narrow column). */
  {
    g_autoptr(DagSchedule) schedule = dag_schedule_new (org);
    guint named = 0;

    for (guint i = 0; i < org->plan->len; i++)
      {
        const DagPlanEntry *e = DAG_AT (org->plan, DagPlanEntry, i);
        const char *name = DAG_AT (org->participants, DagParticipant, e->participant)->name;
        DagSession session;

        if (DAG_AT (org->groups, DagGroup, e->group)->location != location || e->slot != DAG_SLOT (0, DAG_PART_AM) ||
            g_utf8_strlen (name, -1) > 12 ||
            !dag_schedule_session_at (schedule, e->participant, e->slot, monday, &session) ||
            session.state != DAG_SESSION_ON)
          continue;
        if (strstr (text, name) == NULL)
          g_error ("%s, coming on Monday morning, is not on the week plan:\n%s", name, text);
        named++;
      }
    g_assert_cmpuint (named, >, 0);
  }
}

/* The text of the week plan of org, location and monday as printed, or
 * NULL without pdftotext. */
static char *
week_text (const DagOrg *org,
           int           location,
           DagDate       monday,
           const char   *path)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (dag_week_print_to_pdf (org, location, monday, path, &error));
  g_assert_no_error (error);
  return pdf_text (path);
}

/* The staff on the sheet follow the staffing that applies in the printed
 * week, with that week's one-off changes and staff absences. */
static void
test_week_staff (void)
{
  Fixture *f = shared_window ();
  g_autoptr(GError) error = NULL;
  g_autoptr(DagOrg) org = dag_store_load (f->demo.store, &error);
  g_autofree char *pdf = g_build_filename (f->demo.dir, "week-staff.pdf", NULL);
  DagDate monday;
  int location = -1, staff = -1, group = -1, part = -1;
  DagDate date = DAG_DATE_NONE;
  DagStaff *x;

  g_assert_no_error (error);
  /* Two weeks before Christmas: no holidays. */
  monday = christmas_week (org) - 14;
  for (guint i = 0; i < org->staffing->len && staff < 0; i++)
    {
      const DagStaffing *st = DAG_AT (org->staffing, DagStaffing, i);

      if (st->staff >= 0 && st->group >= 0 && DAG_DATED_APPLIES (st->from, st->until, monday) &&
          DAG_SLOT_PART (st->slot) < DAG_PART_EV)
        {
          staff = st->staff;
          location = DAG_AT (org->groups, DagGroup, st->group)->location;
        }
    }
  g_assert_cmpint (staff, >=, 0);
  /* A short name no one else has (long names are ellipsized). */
  x = DAG_AT (org->staff, DagStaff, staff);
  g_free (x->name);
  x->name = g_strdup ("Xander Q");

  {
    g_autofree char *text = week_text (org, location, monday, pdf);
    if (text == NULL)
      return;
    g_assert_nonnull (strstr (text, "Xander Q"));
  }

  /* Their staffing ends on the Sunday before the week. */
  for (guint i = 0; i < org->staffing->len; i++)
    {
      DagStaffing *st = DAG_AT (org->staffing, DagStaffing, i);

      if (st->staff != staff || (st->until != DAG_DATE_NONE && st->until < monday))
        continue;
      if (st->from != DAG_DATE_NONE && st->from >= monday)
        st->from = MAX (st->from, monday + 7);
      else
        st->until = monday - 1;
      if (st->until != DAG_DATE_NONE && st->from > st->until)
        st->until = st->from;
    }
  {
    g_autofree char *text = week_text (org, location, monday, pdf);
    g_assert_null (strstr (text, "Xander Q"));
  }

  /* A one-off addition in a group of the location on a day it is open. */
  for (guint g = 0; g < org->groups->len && date == DAG_DATE_NONE; g++)
    {
      const DagGroup *grp = DAG_AT (org->groups, DagGroup, g);

      if (grp->location != location)
        continue;
      for (int d = 0; d < 5 && date == DAG_DATE_NONE; d++)
        for (int p = DAG_PART_AM; p <= DAG_PART_PM && date == DAG_DATE_NONE; p++)
          if ((grp->slots & DAG_SLOT_BIT (DAG_SLOT (d, p))) &&
              !dag_holiday_check (&org->settings, monday + d, NULL) &&
              !dag_location_is_closed (DAG_AT (org->locations, DagLocation, location), monday + d))
            {
              date = monday + d;
              part = p;
              group = g;
            }
    }
  g_assert_cmpint (group, >=, 0);
  {
    DagOneOff add = { DAG_ONE_OFF_ADD, -1, staff, date, part, group, NULL };
    g_autofree char *text = NULL;

    g_array_append_val (org->one_offs, add);
    text = week_text (org, location, monday, pdf);
    g_assert_nonnull (strstr (text, "Xander Q"));
  }

  /* Reported sick that day: not on the sheet, and no reason either. */
  {
    DagStaffAbsence absence = { staff, date, date, g_strdup ("griep") };
    g_autofree char *text = NULL;

    g_array_append_val (org->staff_absences, absence);
    text = week_text (org, location, monday, pdf);
    g_assert_null (strstr (text, "Xander Q"));
    g_assert_null (strstr (text, "griep"));
  }
}

/* ---- production --------------------------------------------------------- */

static gboolean
production_ready (gpointer data)
{
  return !dag_production_view_is_busy (data);
}

static DagProductionView *
show_production (Fixture *f)
{
  DagProductionView *view = dag_window_get_production_view (f->window);
  int y, m, d;

  int shown_y, shown_m;

  dag_date_to_ymd (f->demo.month, &y, &m, &d);
  dag_production_view_get_month (view, &shown_y, &shown_m);
  /* Setting the month computes it again. */
  if (shown_y != y || shown_m != m)
    dag_production_view_set_month (view, y, m);
  dag_window_set_view (f->window, "production");
  dag_test_wait_until (production_ready, view);
  return view;
}

/* "123456,78" (the summary's amounts) as cents, by hand. */
static gint64
parse_amount (const char *text)
{
  gint64 cents = 0;
  int decimals = -1;

  for (const char *p = text; *p; p++)
    {
      if (*p == ',' || *p == '.')
        {
          decimals = 0;
          continue;
        }
      g_assert_true (g_ascii_isdigit (*p));
      cents = cents * 10 + (*p - '0');
      if (decimals >= 0)
        decimals++;
    }
  g_assert_cmpint (decimals, ==, 2);
  return cents;
}

/* Whether a line of text holds every one of the words. */
static gboolean
has_line_with (const char  *text,
               const char **words)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i]; i++)
    {
      gboolean all = TRUE;

      for (guint w = 0; words[w] && all; w++)
        all = strstr (lines[i], words[w]) != NULL;
      if (all)
        return TRUE;
    }
  return FALSE;
}

static void
test_production_pdf (void)
{
  Fixture *f = shared_window ();
  DagProductionView *view;
  const DagOrg *org;
  g_autofree char *pdf = g_build_filename (f->demo.dir, "production.pdf", NULL);
  g_autofree char *txt = g_build_filename (f->demo.dir, "production.txt", NULL);
  g_autofree char *summary = NULL, *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DagProduction) production = NULL;
  g_autoptr(DagProductionPdf) report = NULL;
  cairo_surface_t *surface;
  gint64 rows_cents = 0, total_cents = -1;
  guint rows = 0, unregistered = 0;
  int y, m, d;
  gint64 t0;

  org = dag_window_get_org (f->window);
  view = show_production (f);
  t0 = g_get_monotonic_time ();
  g_assert_true (dag_production_view_save (view, "pdf", pdf, NULL, &error));
  g_assert_no_error (error);
  g_test_message ("production PDF written in %.1f ms", (g_get_monotonic_time () - t0) / 1000.0);
  g_assert_true (dag_production_view_save (view, "summary", txt, NULL, &error));
  g_assert_no_error (error);

  dag_date_to_ymd (f->demo.month, &y, &m, &d);
  production = dag_production_compute (org, y, m, dag_date_today ());
  report = dag_production_pdf_new (org, production);
  {
    g_autofree char *again = g_build_filename (f->demo.dir, "again.pdf", NULL);
    int n_pages = 0;

    g_assert_true (dag_production_pdf_write (report, again, &n_pages, &error));
    g_assert_no_error (error);
    g_assert_cmpint (count_pages (pdf), ==, n_pages);
    g_test_message ("production PDF: %d pages", n_pages);
  }
  surface = dag_production_pdf_render_page (report, 0, 2.0);
  save_surface (surface, "production-pdf");
  cairo_surface_destroy (surface);

  text = pdf_text (pdf);
  if (text == NULL)
    return;
  assert_no_bsn (org, text);

  /* Every product row of the summary is in the PDF with the same code,
   * units and amount; the rows add up to the total. */
  summary = read_file (txt);
  lines = g_strsplit (summary, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      g_auto(GStrv) tokens = g_strsplit_set (lines[i], " ", -1);
      g_autoptr(GPtrArray) words = g_ptr_array_new ();
      guint n;

      for (guint t = 0; tokens[t]; t++)
        if (*tokens[t])
          g_ptr_array_add (words, tokens[t]);
      n = words->len;
      if (n == 2 && g_str_equal (g_ptr_array_index (words, 0), "Total"))
        total_cents = parse_amount (g_ptr_array_index (words, 1));
      /* "0202 Arnhem M3 04A03 12 345 dagdeel 1234,50" */
      if (n >= 7 && strlen (g_ptr_array_index (words, 0)) == 4 && g_ascii_isdigit (*(char *) g_ptr_array_index (words, 0)) &&
          g_ascii_isdigit (*(char *) g_ptr_array_index (words, n - 3)) &&
          g_strcmp0 (g_ptr_array_index (words, 1), "total") != 0)
        {
          gint64 cents = parse_amount (g_ptr_array_index (words, n - 1));
          g_autofree char *euros = dag_format_euros (cents);
          g_autofree char *units = g_strdup_printf (" %s ", (char *) g_ptr_array_index (words, n - 3));
          const char *want[] = { g_ptr_array_index (words, 0), g_ptr_array_index (words, n - 5), units, euros, NULL };

          if (!has_line_with (text, want))
            g_error ("the PDF has no line with %s, %s,%s and %s:\n%s", want[0], want[1], units, euros, text);
          rows_cents += cents;
          rows++;
        }
    }
  g_assert_cmpuint (rows, >, 0);
  g_assert_cmpint (total_cents, ==, rows_cents);
  {
    g_autofree char *euros = dag_format_euros (total_cents);
    const char *want[] = { "Total", euros, NULL };

    g_assert_true (has_line_with (text, want));
  }
  /* The problems by kind. */
  for (guint i = 0; i < production->problems->len; i++)
    unregistered += DAG_AT (production->problems, DagProductionProblem, i)->kind == DAG_PROBLEM_UNREGISTERED;
  if (unregistered > 0)
    {
      g_autofree char *count = g_strdup_printf (" %u", unregistered);
      const char *want[] = { "without registered attendance", count, NULL };

      g_assert_true (has_line_with (text, want));
    }
}

/* ---- calendars ---------------------------------------------------------- */

typedef struct {
  gboolean done;
  gboolean ok;
  guint    n_files;
  GError  *error;
} Wait;

static gboolean
wait_done (gpointer data)
{
  return ((Wait *) data)->done;
}

static void
calendar_done_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Wait *w = user_data;

  w->ok = dag_production_view_export_calendar_finish (DAG_PRODUCTION_VIEW (object), result, &w->n_files, &w->error);
  w->done = TRUE;
}

static gboolean
export_calendar (DagProductionView *view,
                 DagKind            kind,
                 const char        *id,
                 const char        *path,
                 guint             *n_files,
                 GError           **error)
{
  Wait w = { 0 };

  dag_production_view_export_calendar_async (view, kind, id, path, NULL, calendar_done_cb, &w);
  dag_test_wait_until (wait_done, &w);
  if (n_files)
    *n_files = w.n_files;
  if (w.error)
    g_propagate_error (error, w.error);
  return w.ok;
}

static void
reload_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  Wait *w = user_data;

  w->ok = dag_window_reload_finish (DAG_WINDOW (object), result, &w->error);
  w->done = TRUE;
}

/* The VEVENT blocks of an .ics, in file order. */
static GPtrArray *
events_of (const char *ics)
{
  GPtrArray *events = g_ptr_array_new_with_free_func (g_free);
  const char *p = ics;

  while ((p = strstr (p, "BEGIN:VEVENT")) != NULL)
    {
      const char *end = strstr (p, "END:VEVENT");

      g_assert_nonnull (end);
      g_ptr_array_add (events, g_strndup (p, end - p));
      p = end;
    }
  return events;
}

static void
test_calendar (void)
{
  Fixture *f = shared_window ();
  DagProductionView *view;
  const DagOrg *org;
  const char *staff_id;
  g_autofree char *gui = g_build_filename (f->demo.dir, "gui.ics", NULL);
  g_autofree char *cli = g_build_filename (f->demo.dir, "cli.ics", NULL);
  g_autofree char *folder = g_build_filename (f->demo.dir, "staff", NULL);
  g_autofree char *gui_text = NULL, *cli_text = NULL;
  g_autoptr(GPtrArray) gui_events = NULL, cli_events = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { DAGRITME_BINARY, "--database", f->demo.path, "export", "ical", "--staff", NULL,
                         "--output", cli, NULL };
  GStatBuf st;
  guint n = 0;
  int status;

  org = dag_window_get_org (f->window);
  view = dag_window_get_production_view (f->window);
  staff_id = DAG_AT (org->staff, DagStaff, 0)->id;

  g_assert_true (export_calendar (view, DAG_KIND_STAFF, staff_id, gui, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpint (g_stat (gui, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  argv[6] = staff_id;
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                               NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  gui_text = read_file (gui);
  cli_text = read_file (cli);
  gui_events = events_of (gui_text);
  cli_events = events_of (cli_text);
  g_assert_cmpuint (gui_events->len, >, 0);
  g_assert_cmpuint (gui_events->len, ==, cli_events->len);
  for (guint i = 0; i < gui_events->len; i++)
    g_assert_cmpstr (g_ptr_array_index (gui_events, i), ==, g_ptr_array_index (cli_events, i));

  /* Every staff member into a folder, named by id. */
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  g_assert_true (export_calendar (view, DAG_KIND_STAFF, NULL, folder, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, org->staff->len);
  for (guint i = 0; i < org->staff->len; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s.ics", DAG_AT (org->staff, DagStaff, i)->id);
      g_autofree char *file = g_build_filename (folder, name, NULL);

      g_assert_true (g_file_test (file, G_FILE_TEST_IS_REGULAR));
    }

  /* The window's own connection still reads the database after the
   * export's connection (another in this process) closed. */
  {
    Wait w = { 0 };

    dag_window_reload_async (f->window, NULL, reload_done_cb, &w);
    dag_test_wait_until (wait_done, &w);
    g_assert_no_error (w.error);
    g_assert_true (w.ok);
    g_assert_cmpstr (dag_window_get_state (f->window), ==, "views");
  }
}

/* ---- failures ----------------------------------------------------------- */

static guint
count_entries (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (d && g_dir_read_name (d))
    n++;
  return n;
}

static void
assert_cannot_write (DagProductionView *view,
                     const DagOrg      *org,
                     const char        *dir)
{
  g_autofree char *pdf = g_build_filename (dir, "week.pdf", NULL);
  g_autofree char *report = g_build_filename (dir, "production.pdf", NULL);
  g_autofree char *ics = g_build_filename (dir, "S.ics", NULL);
  g_autofree char *folder = g_build_filename (dir, "staff", NULL);
  g_autoptr(GError) error = NULL;
  guint before = count_entries (dir);

  g_assert_false (dag_week_print_to_pdf (org, 0, dag_rules_week_start (dag_date_today ()), pdf, &error));
  g_assert_nonnull (error);
  g_test_message ("week PDF: %s", error->message);
  g_clear_error (&error);
  g_assert_false (dag_production_view_save (view, "pdf", report, NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (export_calendar (view, DAG_KIND_STAFF, DAG_AT (org->staff, DagStaff, 0)->id, ics, NULL, &error));
  g_assert_nonnull (error);
  g_test_message ("calendar: %s", error->message);
  g_clear_error (&error);
  g_assert_false (export_calendar (view, DAG_KIND_STAFF, NULL, folder, NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  /* Nothing left behind: no temp files, no half files. */
  g_assert_cmpuint (count_entries (dir), ==, before);
}

static void
test_unwritable (void)
{
  Fixture *f = shared_window ();
  DagProductionView *view;
  const DagOrg *org;
  g_autofree char *missing = g_build_filename (f->demo.dir, "missing", "folder", NULL);
  g_autofree char *locked = g_build_filename (f->demo.dir, "locked", NULL);

  org = dag_window_get_org (f->window);
  view = show_production (f);

  /* A folder that is not there. */
  assert_cannot_write (view, org, missing);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));

  /* A folder without write permission (root writes anyway). */
  if (geteuid () == 0)
    {
      g_test_message ("running as root: the read-only folder case is left out");
      return;
    }
  g_assert_cmpint (g_mkdir (locked, 0500), ==, 0);
  assert_cannot_write (view, org, locked);
  g_chmod (locked, 0700);
}

/* ---- screenshots -------------------------------------------------------- */

static gboolean
dialog_shown (gpointer data)
{
  return dag_production_view_get_calendar_dialog (data) != NULL &&
         gtk_widget_get_mapped (GTK_WIDGET (dag_production_view_get_calendar_dialog (data)));
}

/* The production view with its new buttons and the calendar dialog (also
 * dark without a suffix), with suffix (e.g. "-nl") in the names. */
static void
save_view_screenshots (Fixture    *f,
                       const char *suffix)
{
  DagProductionView *view = show_production (f);
  GtkWindow *dialog;
  g_autofree char *name = NULL;

  name = g_strdup_printf ("production-exports%s", suffix);
  dag_test_save_screenshot (GTK_WIDGET (f->window), name);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "production.export-calendar", NULL));
  dag_test_wait_until (dialog_shown, view);
  dialog = dag_production_view_get_calendar_dialog (view);
  g_free (name);
  name = g_strdup_printf ("calendar-dialog%s", suffix);
  dag_test_save_screenshot (GTK_WIDGET (dialog), name);
  /* Dark once, in English: restyling every window is slow. */
  if (*suffix == '\0')
    {
      adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
      g_free (name);
      name = g_strdup_printf ("calendar-dialog-dark%s", suffix);
      dag_test_save_screenshot (GTK_WIDGET (dialog), name);
      adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
    }
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_assert_null (dag_production_view_get_calendar_dialog (view));
}

static void
save_page_screenshots (Fixture    *f,
                       const char *suffix)
{
  const DagOrg *org = dag_window_get_org (f->window);
  g_autoptr(DagWeekPrint) sheet = *suffix ? dag_week_print_new (org, 0, christmas_week (org)) : NULL;
  g_autoptr(DagProduction) production = NULL;
  g_autoptr(DagProductionPdf) report = NULL;
  g_autofree char *name = NULL;
  cairo_surface_t *surface;
  int y, m, d;

  /* The English sheet is saved by /gui-print/week-pdf. */
  if (*suffix)
    {
      surface = dag_week_print_render_page (sheet, 0, 2.0);
      name = g_strdup_printf ("week-plan-print%s", suffix);
      save_surface (surface, name);
      cairo_surface_destroy (surface);
    }
  dag_date_to_ymd (f->demo.month, &y, &m, &d);
  production = dag_production_compute (org, y, m, dag_date_today ());
  report = dag_production_pdf_new (org, production);
  /* The last page: the problems by kind. */
  surface = dag_production_pdf_render_page (report, 1, 1.5);
  g_clear_pointer (&name, g_free);
  name = g_strdup_printf ("production-pdf-2%s", suffix);
  save_surface (surface, name);
  cairo_surface_destroy (surface);
  if (*suffix)
    {
      surface = dag_production_pdf_render_page (report, 0, 1.5);
      g_free (name);
      name = g_strdup_printf ("production-pdf%s", suffix);
      save_surface (surface, name);
      cairo_surface_destroy (surface);
    }
}

static void
test_screenshots (void)
{
  Fixture *f = shared_window ();
  save_view_screenshots (f, "");
  save_page_screenshots (f, "");
}

/* The same in Dutch; needs the nl_NL.UTF-8 locale. */
static void
test_dutch (void)
{
  Fixture *f = shared_window ();
  DagWindow *english = f->window;

  if (setlocale (LC_ALL, "nl_NL.UTF-8") == NULL)
    {
      g_test_skip ("the nl_NL.UTF-8 locale is not installed");
      return;
    }
  g_setenv ("LANGUAGE", "nl", TRUE);
  bindtextdomain (GETTEXT_PACKAGE, DAGRITME_TEST_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* A new window on the same database, built in Dutch. */
  open_window (f);
  save_view_screenshots (f, "-nl");
  save_page_screenshots (f, "-nl");
  /* A translated string of the sheet and of the report. */
  g_assert_cmpstr (_("Morning"), !=, "Morning");
  g_assert_cmpstr (_("Problems and notices"), !=, "Problems and notices");

  gtk_window_destroy (GTK_WINDOW (f->window));
  f->window = english;
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "en", TRUE);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, DAGRITME_TEST_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_test_init (&argc, &argv, NULL);
  application = dag_application_new ();
  g_application_register (G_APPLICATION (application), NULL, &error);
  g_assert_no_error (error);
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add_func ("/gui-print/week-pdf", test_week_pdf);
  g_test_add_func ("/gui-print/week-staff", test_week_staff);
  g_test_add_func ("/gui-print/production-pdf", test_production_pdf);
  g_test_add_func ("/gui-print/calendar", test_calendar);
  g_test_add_func ("/gui-print/unwritable", test_unwritable);
  g_test_add_func ("/gui-print/screenshots", test_screenshots);
  g_test_add_func ("/gui-print/dutch", test_dutch);
  status = g_test_run ();
  if (shared.demo.dir != NULL)
    fixture_teardown (&shared, NULL);
  g_clear_object (&application);
  return status;
}
