/* test-gui-plan-progress.c — planning automatically in the Week Plan view
 * under Xvfb: while the planner runs the view shows what it placed so far
 * against the upper bound, Stop ends the search with a proposal (the best
 * plan so far), and the proposal says how many dagdelen it placed of at
 * most how many.  Screenshots: plan-progress, plan-bound-proposal,
 * plan-bound-grid. */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "dag-application.h"
#include "dag-demo.h"
#include "dag-gui-test.h"
#include "dag-window.h"

#define TODAY     "2026-11-04"
#define WEEK_NEXT dag_date_from_ymd (2026, 11, 9)

typedef struct {
  DagTestDemo demo;
  DagWindow  *window;
} Fixture;

static DagApplication *application;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  /* data: participants (a larger demo keeps the planner busy longer). */
  dag_test_demo_setup (&f->demo, "plan-progress", GPOINTER_TO_UINT (data),
                       dag_date_from_ymd (2026, 10, 1));
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  if (f->window)
    gtk_window_destroy (GTK_WINDOW (f->window));
  dag_test_demo_teardown (&f->demo);
}

static gboolean
planner_done (gpointer data)
{
  return !dag_week_view_is_planning (data);
}

static DagWeekView *
open_week (Fixture *f)
{
  DagWeekView *view;

  f->window = dag_test_open_window (application, f->demo.store, 1400, 900);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-view", "s", "week"));
  view = dag_window_get_week_view (f->window);
  dag_week_view_set_week (view, WEEK_NEXT);
  return view;
}

static GtkWidget *
proposal_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);
      if (ADW_IS_MESSAGE_DIALOG (w))
        return GTK_WIDGET (w);
    }
  return NULL;
}

/* The proposal says "Placed n of at most m possible dagdelen." with the
 * result's figures, in the dialog and in the bar. */
static void
check_bound_shown (DagWeekView *view, const char *screenshot)
{
  const DagPlanResult *r = dag_week_view_get_proposal (view);
  g_autofree char *expect = NULL;
  GtkWidget *dialog;
  const char *body;

  g_assert_nonnull (r);
  g_assert_cmpuint (r->bound, >, 0);
  g_assert_cmpuint (r->placed, <=, r->bound);
  expect = g_strdup_printf ("Placed %u of at most %u possible dagdelen.", r->placed, r->bound);
  dialog = proposal_dialog ();
  g_assert_nonnull (dialog);
  body = adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog));
  if (strstr (body, expect) == NULL)
    g_error ("the proposal says \"%s\", not \"%s\"", body, expect);
  dag_test_wait_for_frames (dialog, 2);
  dag_test_save_screenshot (dialog, screenshot);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "review");
  g_assert_nonnull (strstr (dag_week_view_get_proposal_text (view), expect));
  g_test_message ("%s", dag_week_view_get_proposal_text (view));
}

static void
test_bound (Fixture *f, gconstpointer data)
{
  DagWeekView *view = open_week (f);

  dag_week_view_plan (view);
  g_assert_true (dag_week_view_is_planning (view));
  dag_test_wait_until (planner_done, view);
  check_bound_shown (view, "plan-bound-proposal");
  dag_test_wait_for_frames (GTK_WIDGET (f->window), 2);
  dag_test_save_screenshot (GTK_WIDGET (f->window), "plan-bound-grid");
}

static gboolean
bound_known (gpointer data)
{
  return !dag_week_view_is_planning (data) || strstr (dag_week_view_get_progress_text (data), "at most") != NULL;
}

/* Stop (not Cancel) ends the search early and still proposes a plan. */
static void
test_stop (Fixture *f, gconstpointer data)
{
  DagWeekView *view = open_week (f);
  gint64 start = g_get_monotonic_time ();

  dag_week_view_plan (view);
  dag_test_wait_until (bound_known, view);
  g_assert_true (dag_week_view_is_planning (view));
  g_test_message ("while planning: %s", dag_week_view_get_progress_text (view));
  dag_test_wait_for_frames (GTK_WIDGET (f->window), 2);
  dag_test_save_screenshot (GTK_WIDGET (f->window), "plan-progress");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "week.stop", NULL));
  dag_test_wait_until (planner_done, view);
  g_test_message ("stopped after %.0f ms", (g_get_monotonic_time () - start) / 1000.0);
  check_bound_shown (view, "plan-stopped-proposal");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_setenv ("DAGRITME_TODAY", TODAY, TRUE);
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  application = dag_application_new ();
  g_application_register (G_APPLICATION (application), NULL, &error);
  g_assert_no_error (error);
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add ("/gui-plan-progress/bound", Fixture, GUINT_TO_POINTER (150), fixture_setup, test_bound, fixture_teardown);
  g_test_add ("/gui-plan-progress/stop", Fixture, GUINT_TO_POINTER (1000), fixture_setup, test_stop, fixture_teardown);
  status = g_test_run ();
  g_clear_object (&application);
  return status;
}
