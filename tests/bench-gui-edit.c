/* bench-gui-edit.c — times deleting a participant in the Participants view
 * and undoing it, on a demo organisation of N participants: the store
 * transaction and the reload of the whole organisation into every view
 * that follows, until the undo step is on the stack (or, for the undo,
 * until the new organisation is shown).  Runs under Xvfb; prints medians
 * of 5 runs. */

#include "config.h"

#include <stdlib.h>

#include "dag-application.h"
#include "dag-demo.h"
#include "dag-gui-test.h"
#include "dag-store-edit.h"
#include "dag-window.h"

#define RUNS 5

typedef struct {
  DagWindow    *window;
  const DagOrg *old;
  gboolean      with_step;
} Reloaded;

static gboolean
reloaded (gpointer data)
{
  Reloaded *r = data;

  return dag_window_get_org (r->window) != r->old
         && (!r->with_step || dag_history_can_undo (dag_window_get_history (r->window)));
}

static gboolean
loaded (gpointer data)
{
  return g_strcmp0 (dag_window_get_state (data), "loading") != 0;
}

int
main (int   argc,
      char *argv[])
{
  int participants = argc > 1 ? atoi (argv[1]) : 5000;
  g_autofree char *dir = g_dir_make_tmp ("dagritme-bench-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "bench.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DagStore) store = NULL;
  g_autoptr(DagApplication) app = NULL;
  double deleted[RUNS], undone[RUNS], store_delete[RUNS], store_restore[RUNS];
  DagDemoOptions options;
  DagParticipantsView *view;
  DagWindow *window;

  dag_demo_options_init (&options);
  options.participants = participants;
  store = dag_store_open (path, &error);
  if (store != NULL)
    {
      g_autoptr(DagOrg) org = dag_demo_generate (&options);
      GArray *attendance = org->attendance;

      /* Without attendance, so that every participant may be deleted. */
      org->attendance = g_array_new (FALSE, TRUE, sizeof (DagAttendance));
      dag_store_save (store, org, DAG_SECTION_ALL, "bench", &error);
      g_array_unref (org->attendance);
      org->attendance = attendance;
    }
  app = dag_application_new ();
  if (error == NULL)
    g_application_register (G_APPLICATION (app), NULL, &error);
  if (error != NULL)
    {
      g_printerr ("bench-gui-edit: %s\n", error->message);
      return 1;
    }
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  window = dag_window_new (app, store, NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  dag_window_set_view (window, "participants");
  gtk_window_present (GTK_WINDOW (window));
  dag_test_wait_until (loaded, window);
  view = dag_window_get_participants_view (window);

  for (guint run = 0; run < RUNS; run++)
    {
      Reloaded r = { window, NULL, TRUE };
      GtkWindow *dialog;
      gint64 t0;

      dag_participants_view_select (view, run * 7);
      dialog = dag_participants_view_delete_selected (view);
      if (dialog == NULL)
        {
          g_printerr ("bench-gui-edit: participant %u cannot be deleted\n", run * 7);
          return 1;
        }
      r.old = dag_window_get_org (window);
      t0 = g_get_monotonic_time ();
      adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "delete");
      dag_test_wait_until (reloaded, &r);
      dag_test_wait_for_frames (GTK_WIDGET (window), 1);
      deleted[run] = (g_get_monotonic_time () - t0) / 1000.0;

      r.old = dag_window_get_org (window);
      r.with_step = FALSE;
      t0 = g_get_monotonic_time ();
      gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
      dag_test_wait_until (reloaded, &r);
      dag_test_wait_for_frames (GTK_WIDGET (window), 1);
      undone[run] = (g_get_monotonic_time () - t0) / 1000.0;
    }
  /* The store's part alone: one transaction each. */
  for (guint run = 0; run < RUNS; run++)
    {
      g_autoptr(DagDeleted) gone = NULL;
      const DagOrg *org = dag_window_get_org (window);
      const char *id = DAG_AT (org->participants, DagParticipant, run * 11)->id;
      gint64 t0 = g_get_monotonic_time ();

      if (!dag_store_delete_participant (store, id, &gone, &error))
        break;
      store_delete[run] = (g_get_monotonic_time () - t0) / 1000.0;
      t0 = g_get_monotonic_time ();
      if (!dag_store_restore_deleted (store, gone, &error))
        break;
      store_restore[run] = (g_get_monotonic_time () - t0) / 1000.0;
    }
  if (error != NULL)
    {
      g_printerr ("bench-gui-edit: %s\n", error->message);
      return 1;
    }
  g_print ("%d participants:\n", participants);
  dag_test_report_ms ("store: delete a participant", store_delete, RUNS);
  dag_test_report_ms ("store: restore them", store_restore, RUNS);
  dag_test_report_ms ("delete a participant, reload, undo step pushed", deleted, RUNS);
  dag_test_report_ms ("undo the deletion and reload", undone, RUNS);

  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&store);
  dag_test_remove_tree (dir);
  return 0;
}
