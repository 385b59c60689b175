/* dag-gui-test.c — helpers of the headless GUI tests. */

#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>

#include "dag-demo.h"
#include "dag-gui-test.h"

void
dag_test_remove_tree (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d && (name = g_dir_read_name (d)))
    {
      g_autofree char *p = g_build_filename (dir, name, NULL);
      if (g_file_test (p, G_FILE_TEST_IS_DIR))
        dag_test_remove_tree (p);
      else
        g_unlink (p);
    }
  g_rmdir (dir);
}

static gboolean
timed_out_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

void
dag_test_wait_until (DagTestReadyFunc ready,
                     gpointer         data)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (120, timed_out_cb, &timed_out);

  while (!ready (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (id);
}

static gboolean
count_frame_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       data)
{
  guint *frames = data;

  if (*frames > 0)
    (*frames)--;
  return *frames > 0 ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

void
dag_test_wait_for_frames (GtkWidget *widget,
                          guint      n)
{
  gboolean timed_out = FALSE;
  guint frames = n;
  guint id = g_timeout_add_seconds (20, timed_out_cb, &timed_out);

  gtk_widget_add_tick_callback (widget, count_frame_cb, &frames, NULL);
  while (frames > 0 && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (id);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

void
dag_test_report_ms (const char *what,
                    double     *ms,
                    guint       n)
{
  qsort (ms, n, sizeof ms[0], compare_doubles);
  g_print ("  %-40s %7.1f ms (%.1f–%.1f)\n", what, ms[n / 2], ms[0], ms[n - 1]);
}

/* What widget drew last, as a render node; NULL while it has drawn
 * nothing yet. */
static GskRenderNode *
widget_render_node (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();

  gdk_paintable_snapshot (paintable, snapshot, gtk_widget_get_width (widget), gtk_widget_get_height (widget));
  return gtk_snapshot_free_to_node (snapshot);
}

typedef struct {
  GtkWidget     *widget;
  GskRenderNode *node;
} DrawnWait;

static gboolean
widget_drawn (gpointer data)
{
  DrawnWait *w = data;

  if (!gtk_widget_get_mapped (w->widget))
    return FALSE;
  g_clear_pointer (&w->node, gsk_render_node_unref);
  w->node = widget_render_node (w->widget);
  return w->node != NULL;
}

void
dag_test_save_screenshot (GtkWidget  *widget,
                          const char *name)
{
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = g_strdup_printf ("screenshot-%s.png", name);
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, file, NULL);
  DrawnWait drawn = { widget, NULL };
  int width, height;

  dag_test_wait_for_frames (widget, 3);
  /* A popover is a surface of its own: the frames counted are its parent
   * window's, and on a busy X server the popover may be mapped, and so
   * drawn, some frames later.  Wait until it has drawn something. */
  dag_test_wait_until (widget_drawn, &drawn);
  node = g_steal_pointer (&drawn.node);
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

void
dag_test_demo_setup_org (DagTestDemo  *demo,
                         const char   *name,
                         const DagOrg *org)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *template = g_strdup_printf ("dagritme-%s-XXXXXX", name);

  demo->dir = g_dir_make_tmp (template, &error);
  g_assert_no_error (error);
  demo->path = g_build_filename (demo->dir, "test.db", NULL);
  demo->store = dag_store_open (demo->path, &error);
  g_assert_no_error (error);
  g_assert_true (dag_store_save (demo->store, (DagOrg *) org, DAG_SECTION_ALL, "test", &error));
  g_assert_no_error (error);
}

void
dag_test_demo_setup (DagTestDemo *demo,
                     const char  *name,
                     guint        participants,
                     DagDate      month)
{
  g_autoptr(DagOrg) org = NULL;
  DagDemoOptions options;

  dag_demo_options_init (&options);
  options.participants = participants;
  if (month != DAG_DATE_NONE)
    options.month = month;
  org = dag_demo_generate (&options);
  dag_test_demo_setup_org (demo, name, org);
  demo->month = options.month;
}

void
dag_test_demo_teardown (DagTestDemo *demo)
{
  /* Let windows finish disposing before the store goes away. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&demo->store);
  if (demo->dir != NULL)
    dag_test_remove_tree (demo->dir);
  g_clear_pointer (&demo->dir, g_free);
  g_clear_pointer (&demo->path, g_free);
}

gboolean
dag_test_window_loaded (gpointer window)
{
  return g_strcmp0 (dag_window_get_state (window), "loading") != 0;
}

DagWindow *
dag_test_open_window (DagApplication *app,
                      DagStore       *store,
                      int             width,
                      int             height)
{
  DagWindow *window = dag_window_new (app, store, NULL);

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  dag_test_wait_until (dag_test_window_loaded, window);
  g_assert_cmpstr (dag_window_get_state (window), ==, "views");
  return window;
}
