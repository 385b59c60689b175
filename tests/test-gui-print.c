/* test-gui-print.c — the week plan print and PDF, the production PDF and
 * the calendar exports of the Production view, on the demo organisation:
 * the files, their pages and text (pdftotext from poppler-utils), no BSN,
 * the same calendar as the command line, and screenshots of the pages. */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>
#include <unistd.h>

#include "dag-application.h"
#include "dag-demo.h"
#include "dag-gui-test.h"
#include "dag-print.h"
#include "dag-production-pdf.h"
#include "dag-week-print.h"
#include "dag-window.h"
#include "export/dag-production-export.h"

typedef struct {
  char      *dir;
  char      *path;
  DagStore  *store;
  DagWindow *window;
  DagDate    month;
} Fixture;

static DagApplication *application;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DagOrg) org = NULL;
  DagDemoOptions options;

  f->dir = g_dir_make_tmp ("dagritme-print-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "test.db", NULL);
  f->store = dag_store_open (f->path, &error);
  g_assert_no_error (error);
  dag_demo_options_init (&options);
  options.participants = 150;
  f->month = options.month;
  org = dag_demo_generate (&options);
  g_assert_true (dag_store_save (f->store, org, DAG_SECTION_ALL, "test", &error));
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  if (f->window)
    gtk_window_destroy (GTK_WINDOW (f->window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&f->store);
  dag_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static gboolean
window_loaded (gpointer data)
{
  return g_strcmp0 (dag_window_get_state (data), "loading") != 0;
}

static void
open_window (Fixture *f)
{
  f->window = dag_window_new (application, f->store, NULL);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1280, 800);
  gtk_window_present (GTK_WINDOW (f->window));
  dag_test_wait_until (window_loaded, f->window);
  g_assert_cmpstr (dag_window_get_state (f->window), ==, "views");
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

/* ---- PDF reading -------------------------------------------------------- */

G_GNUC_UNUSED static char *
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
test_week_pdf (Fixture *f, gconstpointer data)
{
  const DagOrg *org;
  DagWeekView *week;
  g_autofree char *pdf = g_build_filename (f->dir, "week.pdf", NULL);
  g_autofree char *text = NULL;
  g_autoptr(DagWeekPrint) sheet = NULL;
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface;
  GStatBuf st;
  int n_pages = 0, location;
  DagDate monday;

  open_window (f);
  org = dag_window_get_org (f->window);
  week = dag_window_get_week_view (f->window);
  location = dag_week_view_get_location (week);
  g_assert_cmpint (location, >=, 0);
  monday = christmas_week (org);

  sheet = dag_week_print_new (org, location, monday);
  g_assert_true (dag_week_print_write_pdf (sheet, pdf, &n_pages, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (pdf, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (count_pages (pdf), ==, n_pages);
  g_test_message ("week plan: %d pages", n_pages);

  surface = dag_week_print_render_page (sheet, 0, 2.0);
  save_surface (surface, "week-plan-print");
  cairo_surface_destroy (surface);

  text = pdf_text (pdf);
  if (text == NULL)
    return;
  assert_no_bsn (org, text);
  g_assert_nonnull (strstr (text, DAG_AT (org->locations, DagLocation, location)->name));
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

  g_test_add ("/gui-print/week-pdf", Fixture, NULL, fixture_setup, test_week_pdf, fixture_teardown);
  status = g_test_run ();
  g_clear_object (&application);
  return status;
}
