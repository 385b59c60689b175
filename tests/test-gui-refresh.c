/* test-gui-refresh.c — an open window notices a change another process
 * committed (here: another connection, as a command line would) and shows
 * it, the view staying where it was.  The time it took is printed: about
 * a second in a normal build (the window polls every second). */

#include "config.h"

#include <locale.h>

#include "dag-gui-test.h"
#include "dag-store-attendance.h"

#define TODAY "2026-10-21"

static DagApplication *application;

typedef struct {
  DagTestDemo demo;
  DagWindow  *window;
  const DagOrg *first;
  gint64      deadline;
} Fixture;

static gboolean
org_replaced (gpointer data)
{
  Fixture *f = data;

  g_assert_cmpint (g_get_monotonic_time (), <, f->deadline);
  return dag_window_get_org (f->window) != f->first && dag_test_window_loaded (f->window);
}

static void
test_other_process (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DagStore) other = NULL;
  const DagOrg *org;
  const DagParticipant *p;
  g_autofree char *pid = NULL;
  DagDate day;
  gint64 t0;
  gboolean found = FALSE;

  f->window = dag_test_open_window (application, f->demo.store, 1400, 900);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-view", "s", "attendance"));
  dag_test_wait_for_frames (GTK_WIDGET (f->window), 2);
  f->first = dag_window_get_org (f->window);
  /* The old organisation goes with the reload: keep the id. */
  p = DAG_AT (f->first->participants, DagParticipant, 0);
  pid = g_strdup (p->id);
  g_assert_true (dag_date_parse ("2026-10-20", &day));

  other = dag_store_open (f->demo.path, &error);
  g_assert_no_error (error);
  g_assert_true (dag_store_set_attendance (other, pid, day, 0, DAG_ATTEND_CANCELLED, -1, "ill", &error));
  g_assert_no_error (error);

  t0 = g_get_monotonic_time ();
  /* A guard against hanging, not the target: the poll runs every second
   * and the time it took is reported (under AddressSanitizer on a busy
   * machine the reload alone takes seconds). */
  f->deadline = t0 + 60 * G_USEC_PER_SEC;
  dag_test_wait_until (org_replaced, f);
  g_test_message ("the window read the change after %.0f ms", (g_get_monotonic_time () - t0) / 1000.0);
  g_assert_cmpstr (dag_window_get_view (f->window), ==, "attendance");
  org = dag_window_get_org (f->window);
  for (guint i = 0; i < org->attendance->len; i++)
    {
      const DagAttendance *a = DAG_AT (org->attendance, DagAttendance, i);
      found |= a->date == day && a->part == 0 && g_strcmp0 (DAG_AT (org->participants, DagParticipant,
                                                                   a->participant)->id, pid) == 0 &&
               a->status == DAG_ATTEND_CANCELLED;
    }
  g_assert_true (found);
}

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  dag_test_demo_setup (&f->demo, "refresh", 150, dag_date_from_ymd (2026, 10, 1));
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  if (f->window)
    gtk_window_destroy (GTK_WINDOW (f->window));
  dag_test_demo_teardown (&f->demo);
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

  g_test_add ("/gui-refresh/other-process", Fixture, NULL, fixture_setup, test_other_process, fixture_teardown);
  status = g_test_run ();
  g_clear_object (&application);
  return status;
}
