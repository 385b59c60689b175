/* test-gui-window.c — the window as a whole under Xvfb on the demo
 * organisation: Alt+Left/Right work right after Alt+1 (the view shown by
 * its shortcut gets the keyboard focus), the window fits 1024 px without a
 * warning (run with --dutch too: Dutch labels are longer), and counts are
 * written with the locale's thousands separator.  Screenshots:
 * window-1024-LANG.png in the build directory. */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "dag-application.h"
#include "dag-demo.h"
#include "dag-gui-test.h"
#include "dag-item-format.h"
#include "dag-window.h"

typedef struct {
  DagTestDemo  demo;
  DagWindow   *window;
} Fixture;

static DagApplication *application;
static const char *lang = "en";

#define TODAY "2026-11-11"

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  dag_test_demo_setup (&f->demo, "window", 150, dag_date_from_ymd (2026, 10, 1));
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  if (f->window)
    gtk_window_destroy (GTK_WINDOW (f->window));
  dag_test_demo_teardown (&f->demo);
}

/* Sends the key as GTK does when no window-wide shortcut takes it: to the
 * bindings (class shortcuts) of the focus widget and its ancestors, in
 * that order.  Returns whether one took it. */
static gboolean
press_key_in_focus (GtkWindow       *window,
                    guint            keyval,
                    GdkModifierType  modifiers)
{
  g_autoptr(GtkShortcutTrigger) trigger = gtk_keyval_trigger_new (keyval, modifiers);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  for (GtkWidget *w = focus; w != NULL; w = gtk_widget_get_parent (w))
    {
      g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (w);

      for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
        {
          g_autoptr(GtkEventController) c = g_list_model_get_item (controllers, i);

          if (!GTK_IS_SHORTCUT_CONTROLLER (c))
            continue;
          for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (c)); j++)
            {
              g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (c), j);

              if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), trigger))
                return gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, w,
                                                     gtk_shortcut_get_arguments (shortcut));
            }
        }
    }
  return FALSE;
}

/* ---- Alt+1, then Alt+Right ------------------------------------------------ */

static void
test_alt_after_view_switch (Fixture *f, gconstpointer data)
{
  DagWeekView *week;
  DagStaffView *staff;
  DagDate monday;
  GtkWidget *focus;

  f->window = dag_test_open_window (application, f->demo.store, 1400, 900);
  week = dag_window_get_week_view (f->window);
  staff = dag_window_get_staff_view (f->window);

  /* The focus in another view: the Participants search. */
  dag_window_set_view (f->window, "participants");
  dag_participants_view_focus_search (dag_window_get_participants_view (f->window));
  dag_test_wait_for_frames (GTK_WIDGET (f->window), 2);

  /* Alt+1 (its action), then Alt+Right: next week, without a click. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-view", "s", "week"));
  g_assert_cmpstr (dag_window_get_view (f->window), ==, "week");
  focus = gtk_root_get_focus (GTK_ROOT (f->window));
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_is_ancestor (focus, GTK_WIDGET (week)));
  monday = dag_week_view_get_week (week);
  g_assert_true (press_key_in_focus (GTK_WINDOW (f->window), GDK_KEY_Right, GDK_ALT_MASK));
  g_assert_cmpuint (dag_week_view_get_week (week), ==, monday + 7);
  g_assert_true (press_key_in_focus (GTK_WINDOW (f->window), GDK_KEY_Left, GDK_ALT_MASK));
  g_assert_cmpuint (dag_week_view_get_week (week), ==, monday);

  /* Alt+3 likewise for the Staff view's weeks. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-view", "s", "staff"));
  monday = dag_staff_view_get_week (staff);
  g_assert_true (press_key_in_focus (GTK_WINDOW (f->window), GDK_KEY_Right, GDK_ALT_MASK));
  g_assert_cmpuint (dag_staff_view_get_week (staff), ==, monday + 7);

  /* A focus already in the view stays where it is. */
  focus = gtk_root_get_focus (GTK_ROOT (f->window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-view", "s", "staff"));
  g_assert_true (gtk_root_get_focus (GTK_ROOT (f->window)) == focus);
}

/* ---- 1024 px ---------------------------------------------------------------- */

static gboolean warned;

static GLogWriterOutput
note_warnings (GLogLevelFlags   level,
               const GLogField *fields,
               gsize            n_fields,
               gpointer         user_data)
{
  if (level & (G_LOG_LEVEL_WARNING | G_LOG_LEVEL_CRITICAL))
    {
      for (gsize i = 0; i < n_fields; i++)
        if (g_str_equal (fields[i].key, "MESSAGE"))
          g_test_message ("warning: %s", (const char *) fields[i].value);
      warned = TRUE;
    }
  return g_log_writer_default (level, fields, n_fields, user_data);
}

static void
test_fits_1024 (Fixture *f, gconstpointer data)
{
  static const char *const views[] = {
    "week", "participants", "staff", "transport", "attendance", "production", "organisation",
  };
  GLogLevelFlags fatal = g_log_set_always_fatal (G_LOG_FATAL_MASK);
  g_autofree char *shot = g_strdup_printf ("window-1024-%s", lang);
  int min = 0;

  warned = FALSE;
  f->window = dag_test_open_window (application, f->demo.store, 1024, 700);
  /* A week across two months has the longest title. */
  dag_staff_view_set_week (dag_window_get_staff_view (f->window), dag_date_from_ymd (2026, 11, 30));
  dag_week_view_set_week (dag_window_get_week_view (f->window), dag_date_from_ymd (2026, 11, 30));
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      g_autofree char *view_shot = g_strdup_printf ("window-1024-%s-%s", lang, views[i]);

      dag_window_set_view (f->window, views[i]);
      dag_test_wait_for_frames (GTK_WIDGET (f->window), 3);
      gtk_widget_measure (GTK_WIDGET (f->window), GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
      if (min > 1024)
        g_test_message ("%s: the window needs %d px", views[i], min);
      g_assert_cmpint (min, <=, 1024);
      g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->window)), <=, 1024);
      if (g_str_equal (views[i], "week") || g_str_equal (views[i], "production"))
        dag_test_save_screenshot (GTK_WIDGET (f->window), view_shot);
    }
  dag_test_save_screenshot (GTK_WIDGET (f->window), shot);
  g_log_set_always_fatal (fatal);
  g_assert_false (warned);
}

/* ---- counts ----------------------------------------------------------------- */

static GtkLabel *
find_label_with (GtkWidget  *widget,
                 const char *part)
{
  if (GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), part) != NULL)
    return GTK_LABEL (widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkLabel *found = find_label_with (c, part);
      if (found)
        return found;
    }
  return NULL;
}

typedef struct {
  GtkWidget  *view;
  const char *part;
} LabelWait;

static gboolean
has_items (gpointer model)
{
  return g_list_model_get_n_items (model) > 0;
}

static gboolean
label_shown (gpointer data)
{
  LabelWait *w = data;
  return find_label_with (w->view, w->part) != NULL;
}

static void
test_counts (Fixture *f, gconstpointer data)
{
  g_autofree char *small = dag_format_count (7);
  g_autofree char *thousand = dag_format_count (1234);
  g_autofree char *big = dag_format_count (1234567);
  g_autofree char *zero = dag_format_count (0);

  g_autofree char *negative = dag_format_count (-4321);
  g_autofree char *units = NULL;
  g_autofree char *want = NULL;
  DagProductionView *production;
  GListModel *totals;
  LabelWait wait;
  int n_units = 0;

  g_assert_cmpstr (small, ==, "7");
  g_assert_cmpstr (zero, ==, "0");
  g_assert_true (g_str_has_prefix (negative, "−4"));
  if (g_str_equal (lang, "nl"))
    {
      g_assert_cmpstr (thousand, ==, "1.234");
      g_assert_cmpstr (big, ==, "1.234.567");
    }
  else
    {
      g_assert_cmpstr (thousand, ==, "1,234");
      g_assert_cmpstr (big, ==, "1,234,567");
    }

  /* The month's units in the Production view: more than a thousand. */
  f->window = dag_test_open_window (application, f->demo.store, 1400, 900);
  dag_window_set_view (f->window, "production");
  production = dag_window_get_production_view (f->window);
  totals = dag_production_view_get_totals (production);
  dag_test_wait_until (has_items, totals);
  for (guint i = 0; i < g_list_model_get_n_items (totals); i++)
    {
      g_autoptr(DagProductionTotal) t = g_list_model_get_item (totals, i);

      n_units += dag_production_total_get_units (t);
    }
  g_assert_cmpint (n_units, >=, 1000);
  units = dag_format_count (n_units);
  /* "2,562 units, € …", "2.562 eenheden, € …". */
  want = g_strdup_printf ("%s ", units);
  wait = (LabelWait) { GTK_WIDGET (production), want };
  dag_test_wait_until (label_shown, &wait);
  g_assert_true (g_str_has_prefix (gtk_label_get_text (find_label_with (GTK_WIDGET (production), want)), want));
  g_assert_nonnull (strstr (want, g_str_equal (lang, "nl") ? "." : ","));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  const char *localedir = g_getenv ("DAGRITME_TEST_LOCALEDIR");
  int status;

  /* "--dutch": the whole run in Dutch (a language is a process). */
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
  bindtextdomain (GETTEXT_PACKAGE, localedir ? localedir : DAGRITME_TEST_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_setenv ("DAGRITME_TODAY", TODAY, TRUE);
  g_log_set_writer_func (note_warnings, NULL, NULL);
  g_test_init (&argc, &argv, NULL);
  application = dag_application_new ();
  g_application_register (G_APPLICATION (application), NULL, &error);
  g_assert_no_error (error);
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/gui-window/alt-after-view-switch", test_alt_after_view_switch);
  ADD ("/gui-window/fits-1024", test_fits_1024);
  ADD ("/gui-window/counts", test_counts);
#undef ADD
  status = g_test_run ();
  g_clear_object (&application);
  return status;
}
