/* test-gui-shared.c — the window on a shared PostgreSQL database: "Connect
 * to a Shared Database…" opens it (and is remembered without a password),
 * another user's commit reaches the open window through the server's
 * notification, and a wrong address changes nothing.  Runs only with a
 * server (DAG_TEST_BACKEND=postgresql and DAG_TEST_PG). */

#include "config.h"

#include <locale.h>

#include "dag-demo.h"
#include "dag-gui-test.h"
#include "dag-store-attendance.h"
#include "dag-store-plan.h"
#include "dag-test-db.h"

static DagApplication *application;

typedef struct {
  DagWindow    *window;
  const DagOrg *first;
  gint64        deadline;
} Waiting;

static gboolean
window_open (gpointer data)
{
  Waiting *w = data;
  GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (application));

  g_assert_cmpint (g_get_monotonic_time (), <, w->deadline);
  if (!DAG_IS_WINDOW (active) || !dag_test_window_loaded (active))
    return FALSE;
  w->window = DAG_WINDOW (active);
  return TRUE;
}

typedef struct {
  Waiting    *w;
  const char *pid;
  DagDate     day;
} Registered;

/* Whether the window's organisation has the cancellation of r. */
static gboolean
registered (gpointer data)
{
  Registered *r = data;
  const DagOrg *org = dag_window_get_org (r->w->window);

  g_assert_cmpint (g_get_monotonic_time (), <, r->w->deadline);
  if (org == NULL || !dag_test_window_loaded (r->w->window))
    return FALSE;
  for (guint i = 0; i < org->attendance->len; i++)
    {
      const DagAttendance *a = DAG_AT (org->attendance, DagAttendance, i);

      if (a->date == r->day && a->part == 0 && a->status == DAG_ATTEND_CANCELLED &&
          g_strcmp0 (DAG_AT (org->participants, DagParticipant, a->participant)->id, r->pid) == 0)
        return TRUE;
    }
  return FALSE;
}

static gboolean
org_replaced (gpointer data)
{
  Waiting *w = data;

  g_assert_cmpint (g_get_monotonic_time (), <, w->deadline);
  return dag_window_get_org (w->window) != w->first && dag_test_window_loaded (w->window);
}

static void
test_connect_and_follow (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DagStore) other = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *remembered = NULL;
  g_autofree char *pid = NULL;
  DagDemoOptions options;
  DagOrg *demo;
  Waiting w = { 0 };
  const char *uri = dag_test_db ("gui-shared");
  DagDate day;
  gint64 t0;

  /* The organisation is on the server already (an administrator's import). */
  other = dag_store_open (uri, &error);
  g_assert_no_error (error);
  dag_demo_options_init (&options);
  options.participants = 150;
  demo = dag_demo_generate (&options);
  g_assert_true (dag_store_save (other, demo, DAG_SECTION_ALL, "import", &error));
  g_assert_no_error (error);
  dag_org_free (demo);

  /* A wrong address: an error, nothing changes. */
  g_assert_false (dag_application_connect (application, "postgresql:///nowhere?host=/nonexistent", &error));
  g_assert_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_OPEN);
  g_clear_error (&error);
  remembered = g_settings_get_string (settings, "shared-database");
  g_assert_cmpstr (remembered, ==, "");
  g_clear_pointer (&remembered, g_free);

  g_assert_true (dag_application_connect (application, uri, &error));
  g_assert_no_error (error);
  w.deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  dag_test_wait_until (window_open, &w);
  remembered = g_settings_get_string (settings, "shared-database");
  g_assert_true (g_str_has_prefix (remembered, "postgresql://"));
  g_assert_cmpuint (dag_window_get_org (w.window)->participants->len, ==, 150);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (w.window), "win.show-view", "s", "attendance"));
  dag_test_wait_for_frames (GTK_WIDGET (w.window), 2);

  /* Another user registers an absence: the window hears of it. */
  w.first = dag_window_get_org (w.window);
  pid = g_strdup (DAG_AT (w.first->participants, DagParticipant, 0)->id);
  g_assert_true (dag_date_parse ("2026-10-20", &day));
  t0 = g_get_monotonic_time ();
  g_assert_true (dag_store_set_attendance (other, pid, day, 0, DAG_ATTEND_CANCELLED, -1, NULL, &error));
  g_assert_no_error (error);
  w.deadline = t0 + 60 * G_USEC_PER_SEC;
  {
    Registered r = { &w, pid, day };

    dag_test_wait_until (registered, &r);
  }
  g_test_message ("the window showed the other user's registration after %.1f ms",
                  (g_get_monotonic_time () - t0) / 1000.0);
  /* In place, as its own registrations: the organisation was not read
   * again. */
  g_assert_true (dag_window_get_org (w.window) == w.first);
  g_assert_cmpstr (dag_window_get_view (w.window), ==, "attendance");

  /* Another kind of change (here: the other user empties a plan): the
   * window reads the organisation again. */
  {
    g_autoptr(DagOrg) theirs = dag_store_load (other, &error);
    g_autoptr(GArray) none = g_array_new (FALSE, FALSE, sizeof (DagPlanEntry));
    const DagPlanEntry *e;

    g_assert_no_error (error);
    e = DAG_AT (theirs->plan, DagPlanEntry, 0);
    t0 = g_get_monotonic_time ();
    g_assert_true (dag_store_set_participant_plan (other, theirs, e->participant, none, "move", &error));
    g_assert_no_error (error);
    w.deadline = t0 + 60 * G_USEC_PER_SEC;
    dag_test_wait_until (org_replaced, &w);
    g_test_message ("the window read the organisation again after %.0f ms", (g_get_monotonic_time () - t0) / 1000.0);
  }

  /* The dialog, for the screenshot. */
  g_action_group_activate_action (G_ACTION_GROUP (application), "connect-shared", NULL);
  dag_test_wait_for_frames (GTK_WIDGET (w.window), 3);
  {
    g_autoptr(GList) windows = gtk_window_list_toplevels ();
    gboolean shown = FALSE;

    for (GList *l = windows; l != NULL && !shown; l = l->next)
      if (ADW_IS_MESSAGE_DIALOG (l->data))
        {
          dag_test_wait_for_frames (GTK_WIDGET (l->data), 2);
          dag_test_save_screenshot (GTK_WIDGET (l->data), "connect-shared");
          gtk_window_close (GTK_WINDOW (l->data));
          shown = TRUE;
        }
    g_assert_true (shown);
  }
  gtk_window_close (GTK_WINDOW (w.window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_setenv ("DAGRITME_TODAY", "2026-10-21", TRUE);
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  dag_test_db_init ();
  application = dag_application_new ();
  g_application_register (G_APPLICATION (application), NULL, &error);
  g_assert_no_error (error);
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add_func ("/gui-shared/connect-and-follow", test_connect_and_follow);
  status = g_test_run ();
  g_clear_object (&application);
  return status;
}
