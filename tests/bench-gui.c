/* bench-gui.c — times the window on a demo organisation of N participants:
 * how long until it is on screen (with its spinner), and until the
 * participant list is loaded and drawn.  Runs under Xvfb; prints medians
 * of 3 window openings. */

#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>

#include "dag-application.h"
#include "dag-demo.h"
#include "dag-gui-test.h"
#include "dag-window.h"

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

int
main (int   argc,
      char *argv[])
{
  int participants = argc > 1 ? atoi (argv[1]) : 5000;
  g_autofree char *dir = g_dir_make_tmp ("dagritme-bench-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "bench.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DagStore) store = NULL;
  g_autoptr(DagApplication) app = NULL;
  double shown[3], loaded[3];
  DagDemoOptions options;

  dag_demo_options_init (&options);
  options.participants = participants;
  store = dag_store_open (path, &error);
  if (store != NULL)
    {
      g_autoptr(DagOrg) org = dag_demo_generate (&options);

      dag_store_save (store, org, DAG_SECTION_ALL, "bench", &error);
    }
  if (error != NULL)
    {
      g_printerr ("bench-gui: %s\n", error->message);
      return 1;
    }

  app = dag_application_new ();
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    {
      g_printerr ("bench-gui: %s\n", error->message);
      return 1;
    }
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  for (guint run = 0; run < G_N_ELEMENTS (shown); run++)
    {
      gint64 t0 = g_get_monotonic_time ();
      DagWindow *window = dag_window_new (app, store, NULL);

      dag_window_set_view (window, "participants");
      gtk_window_present (GTK_WINDOW (window));
      dag_test_wait_for_frames (GTK_WIDGET (window), 1);
      shown[run] = (g_get_monotonic_time () - t0) / 1000.0;
      while (g_strcmp0 (dag_window_get_state (window), "loading") == 0)
        g_main_context_iteration (NULL, TRUE);
      dag_test_wait_for_frames (GTK_WIDGET (window), 1);
      loaded[run] = (g_get_monotonic_time () - t0) / 1000.0;
      gtk_window_destroy (GTK_WINDOW (window));
      while (g_main_context_iteration (NULL, FALSE))
        ;
    }
  qsort (shown, G_N_ELEMENTS (shown), sizeof shown[0], compare_doubles);
  qsort (loaded, G_N_ELEMENTS (loaded), sizeof loaded[0], compare_doubles);
  g_print ("%d participants: window on screen %.0f ms (%.0f–%.0f), list loaded and drawn %.0f ms (%.0f–%.0f)\n",
           participants, shown[1], shown[0], shown[2], loaded[1], loaded[0], loaded[2]);

  g_clear_object (&store);
  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (dir);
  return 0;
}
