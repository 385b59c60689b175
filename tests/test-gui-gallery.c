/* test-gui-gallery.c — a screenshot of every view of the window on the
 * demo organisation, in English and Dutch, light and dark, at 1024×700 and
 * 1600×1000, to look at: gallery-VIEW-LANG-SCHEME-WxH.png in the build
 * directory (the Staff view as a begeleider's My Week).  It also checks
 * that the Dutch window shows Dutch view titles. */

#include "dag-item-format.h"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>
#include <string.h>

#include "dag-application.h"
#include "dag-demo.h"
#include "dag-gui-test.h"
#include "dag-window.h"

typedef struct {
  DagTestDemo demo;
} Fixture;

static DagApplication *application;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  dag_test_demo_setup (&f->demo, "gallery", 150, DAG_DATE_NONE);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  dag_test_demo_teardown (&f->demo);
}

/* Whether the shown view finished its work in the background (the
 * Production view computes only while shown). */
static gboolean
views_idle (gpointer data)
{
  DagWindow *window = data;
  const char *view = dag_window_get_view (window);

  if (g_str_equal (view, "production") && dag_production_view_is_busy (dag_window_get_production_view (window)))
    return FALSE;
  if (g_str_equal (view, "attendance") && !dag_attendance_view_is_ready (dag_window_get_attendance_view (window)))
    return FALSE;
  return !dag_transport_view_is_planning (dag_window_get_transport_view (window))
         && !dag_week_view_is_planning (dag_window_get_week_view (window));
}

static AdwViewStack *
find_view_stack (GtkWidget *widget)
{
  if (ADW_IS_VIEW_STACK (widget))
    return ADW_VIEW_STACK (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwViewStack *found = find_view_stack (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The first Monday of the demo month: the demo's plan is made for its
 * week, and it has attendance. */
static DagDate
first_monday (DagDate month)
{
  DagDate d = month;

  while (dag_date_weekday (d) != 0)
    d++;
  return d;
}

/* Opens a window in the current language, shows the demo month's first
 * week everywhere, plans that day's runs, and saves every view in light
 * and dark.  Returns the views' titles, one a line. */
static char *
shoot_every_view (Fixture *f, const char *lang, int width, int height)
{
  const char *schemes[] = { "light", "dark" };
  DagWindow *window;
  GString *titles = g_string_new (NULL);
  DagDate day = first_monday (f->demo.month);
  AdwViewStack *stack;
  g_autoptr(GtkSelectionModel) pages = NULL;
  int year, month, d;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(DagOrg) org = dag_store_load (f->demo.store, NULL);

  /* A begeleider who picked themselves: the Staff view is My Week. */
  g_assert_nonnull (org);
  g_settings_set_string (settings, "my-staff-id", DAG_AT (org->staff, DagStaff, 0)->id);
  window = dag_test_open_window (application, f->demo.store, width, height);
  dag_date_to_ymd (f->demo.month, &year, &month, &d);
  dag_week_view_set_week (dag_window_get_week_view (window), day);
  dag_attendance_view_set_date (dag_window_get_attendance_view (window), day);
  dag_production_view_set_month (dag_window_get_production_view (window), year, month);
  dag_transport_view_set_date (dag_window_get_transport_view (window), day);
  dag_transport_view_plan (dag_window_get_transport_view (window));
  dag_test_wait_until (views_idle, window);

  stack = find_view_stack (GTK_WIDGET (window));
  g_assert_nonnull (stack);
  pages = adw_view_stack_get_pages (stack);
  for (guint s = 0; s < G_N_ELEMENTS (schemes); s++)
    {
      adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                          s == 0 ? ADW_COLOR_SCHEME_FORCE_LIGHT : ADW_COLOR_SCHEME_FORCE_DARK);
      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (pages)); i++)
        {
          g_autoptr(AdwViewStackPage) page = g_list_model_get_item (G_LIST_MODEL (pages), i);
          const char *name = adw_view_stack_page_get_name (page);
          g_autofree char *shot = g_strdup_printf ("gallery-%s-%s-%s-%dx%d", name, lang, schemes[s],
                                                   width, height);

          dag_window_set_view (window, name);
          dag_test_wait_until (views_idle, window);
          dag_test_save_screenshot (GTK_WIDGET (window), shot);
          if (s == 0)
            g_string_append_printf (titles, "%s\n", adw_view_stack_page_get_title (page));
        }
    }
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
  gtk_window_destroy (GTK_WINDOW (window));
  g_settings_reset (settings, "my-staff-id");
  return g_string_free (titles, FALSE);
}

/* The titles of the views, which the language decides. */
static void
test_gallery (Fixture *f, gconstpointer data)
{
  const char *lang = data;
  g_autofree char *small = shoot_every_view (f, lang, 1024, 700);
  g_autofree char *titles = shoot_every_view (f, lang, 1600, 1000);

  g_assert_cmpstr (small, ==, titles);

  if (g_str_equal (lang, "nl"))
    {
      g_assert_nonnull (strstr (titles, "Weekplanning\n"));
      g_assert_nonnull (strstr (titles, "Aanwezigheid\n"));
      g_assert_null (strstr (titles, "Week Plan\n"));
      g_assert_null (strstr (titles, "Production\n"));
      /* What the code (not the templates) translates, too. */
      g_assert_cmpstr (_("No plan problems at this location"), ==, "Geen planningsproblemen op deze locatie");
    }
  else
    {
      g_assert_nonnull (strstr (titles, "Week Plan\n"));
      g_assert_nonnull (strstr (titles, "Attendance\n"));
    }
}

/* Amounts as the window writes them: "€ 12,345.67" in English,
 * "€ 12.345,67" in Dutch (the separators are translations). */
static void
test_amounts (gconstpointer data)
{
  const char *lang = data;
  g_autofree char *euros = dag_format_euros (1234567);
  g_autofree char *negative = dag_format_euros (-123456789);

  if (g_str_equal (lang, "nl"))
    {
      g_assert_cmpstr (euros, ==, "€ 12.345,67");
      g_assert_cmpstr (negative, ==, "€ −1.234.567,89");
    }
  else
    {
      g_assert_cmpstr (euros, ==, "€ 12,345.67");
      g_assert_cmpstr (negative, ==, "€ −1,234,567.89");
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  const char *lang = "en";
  int status;

  /* "--dutch": the whole run in Dutch.  GLib decides once per process
   * whether g_dgettext() translates, so a language is a process. */
  if (argc > 1 && g_str_equal (argv[argc - 1], "--dutch"))
    {
      argv[--argc] = NULL;
      lang = "nl";
      g_setenv ("LANGUAGE", "nl", TRUE);
      g_setenv ("LC_ALL", "nl_NL.UTF-8", TRUE);
    }
  if (setlocale (LC_ALL, "") == NULL)
    {
      g_test_init (&argc, &argv, NULL);
      g_test_skip ("the locale is not installed");
      return g_test_run ();
    }
  bindtextdomain (GETTEXT_PACKAGE, DAGRITME_TEST_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_test_init (&argc, &argv, NULL);
  application = dag_application_new ();
  g_application_register (G_APPLICATION (application), NULL, &error);
  g_assert_no_error (error);
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add ("/gui-gallery/every-view", Fixture, lang, fixture_setup, test_gallery, fixture_teardown);
  g_test_add_data_func ("/gui-gallery/amounts", lang, test_amounts);
  status = g_test_run ();
  g_clear_object (&application);
  return status;
}
