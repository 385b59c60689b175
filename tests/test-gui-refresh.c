/* test-gui-refresh.c — an open window notices a change another process
 * committed (here: another connection, as a command line would) and shows
 * it, the view staying where it was.  The time it took is printed: about
 * a second in a normal build (the window polls every second). */

#include "config.h"

#include <locale.h>
#include <sqlite3.h>

#include "dag-gui-test.h"
#include "dag-store-attendance.h"

#define TODAY "2026-10-21"

static DagApplication *application;

typedef struct {
  DagTestDemo demo;
  DagWindow  *window;
  const DagOrg *first;
  gint64      deadline;
  const char *pid;
  DagDate     day;
} Fixture;

/* Whether the window's organisation has the cancellation of f->pid on
 * f->day: read again, or (a registration, and nothing else) followed in
 * place. */
static gboolean
change_shown (gpointer data)
{
  Fixture *f = data;
  const DagOrg *org = dag_window_get_org (f->window);

  g_assert_cmpint (g_get_monotonic_time (), <, f->deadline);
  if (org == NULL || !dag_test_window_loaded (f->window))
    return FALSE;
  for (guint i = 0; i < org->attendance->len; i++)
    {
      const DagAttendance *a = DAG_AT (org->attendance, DagAttendance, i);

      if (a->date == f->day && a->part == 0 && a->status == DAG_ATTEND_CANCELLED &&
          g_strcmp0 (DAG_AT (org->participants, DagParticipant, a->participant)->id, f->pid) == 0)
        return TRUE;
    }
  return FALSE;
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
  f->pid = pid;
  f->day = day;
  dag_test_wait_until (change_shown, f);
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

/* ---- a save that waits for another writer ------------------------------ */

typedef struct {
  char         *path;
  GMutex        mutex;
  GCond         cond;
  gboolean      locked;
  int           hold_ms;
} Holder;

/* Another connection (as another Dagritme would) takes the write lock and
 * keeps it for hold_ms. */
static gpointer
hold_lock_thread (gpointer data)
{
  Holder *h = data;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (h->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);
  g_mutex_lock (&h->mutex);
  h->locked = TRUE;
  g_cond_signal (&h->cond);
  g_mutex_unlock (&h->mutex);
  g_usleep (h->hold_ms * 1000);
  g_assert_cmpint (sqlite3_exec (db, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  return NULL;
}

typedef struct {
  DagWindow *window;
  gboolean   shown;        /* the wait bar was mapped */
  gboolean   insensitive;  /* and the window took no input */
  gboolean   painted;      /* and a frame was drawn while it waited */
  guint      frames;       /* frames drawn while it waited */
  guint      ends;         /* times the bar went (once: no flicker) */
  gboolean   over;         /* and went again */
} WaitSeen;

/* The window as drawn now, without running the main loop (the save waits
 * further up the stack). */
static void
shoot_now (GtkWidget  *widget,
           const char *name)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = g_strdup_printf ("screenshot-%s.png", name);
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, file, NULL);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

static void
after_paint_cb (GdkFrameClock *clock,
                WaitSeen      *seen)
{
  if (!dag_window_is_waiting (seen->window))
    return;
  seen->frames++;
  if (seen->painted)
    return;
  seen->painted = TRUE;
  shoot_now (GTK_WIDGET (seen->window), "wait-for-writer");
}

static GtkWidget *
find_label (GtkWidget  *widget,
            const char *prefix)
{
  if (GTK_IS_LABEL (widget) && g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), prefix))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_label (c, prefix);

      if (found)
        return found;
    }
  return NULL;
}

static void
waiting_cb (DagWindow  *window,
            GParamSpec *pspec,
            WaitSeen   *seen)
{
  if (dag_window_is_waiting (window))
    {
      GtkWidget *label = find_label (GTK_WIDGET (window), "Waiting for another Dagritme");

      seen->shown = label != NULL && gtk_widget_get_mapped (label) && gtk_widget_get_child_visible (label);
      seen->insensitive = !gtk_widget_is_sensitive (GTK_WIDGET (window));
    }
  else if (seen->shown)
    {
      seen->over = TRUE;
      seen->ends++;
    }
}

static gboolean
wait_over (gpointer data)
{
  return ((WaitSeen *) data)->over;
}

/* A save of the window while a command line holds the write lock for two
 * seconds: the window says that it waits (and takes no input) and the
 * save then succeeds; afterwards the window is as before. */
static void
test_wait_for_writer (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  Holder h = { f->demo.path, { 0 }, { 0 }, FALSE, 2000 };
  WaitSeen seen = { 0 };
  GdkFrameClock *clock;
  GThread *thread;
  DagWeekView *view;
  const DagOrg *org;
  const DagPlanEntry *e = NULL;
  DagDate monday = dag_date_from_ymd (2026, 10, 19);
  gint64 t0;
  gboolean ok;

  f->window = dag_test_open_window (application, f->demo.store, 1400, 900);
  seen.window = f->window;
  g_signal_connect (f->window, "notify::waiting", G_CALLBACK (waiting_cb), &seen);
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (f->window));
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &seen);
  view = dag_window_get_week_view (f->window);
  dag_window_set_view (f->window, "week");
  dag_week_view_set_week (view, monday);
  org = dag_window_get_org (f->window);
  for (guint i = 0; i < org->plan->len && e == NULL; i++)
    {
      const DagPlanEntry *c = DAG_AT (org->plan, DagPlanEntry, i);

      if ((c->from == DAG_DATE_NONE || c->from <= monday) && (c->until == DAG_DATE_NONE || c->until >= monday))
        e = c;
    }
  g_assert_nonnull (e);
  dag_week_view_set_location (view, DAG_AT (org->groups, DagGroup, e->group)->location);
  dag_test_wait_for_frames (GTK_WIDGET (f->window), 2);

  g_mutex_init (&h.mutex);
  g_cond_init (&h.cond);
  thread = g_thread_new ("hold-lock", hold_lock_thread, &h);
  g_mutex_lock (&h.mutex);
  while (!h.locked)
    g_cond_wait (&h.cond, &h.mutex);
  g_mutex_unlock (&h.mutex);

  /* To the waiting list: a save of plan and staffing on the main thread. */
  t0 = g_get_monotonic_time ();
  ok = dag_week_view_move (view, e->participant, e->group, e->slot, -1, -1, DAG_SCOPE_ONLY_WEEK, &error);
  g_test_message ("the save waited %.0f ms", (g_get_monotonic_time () - t0) / 1000.0);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_cmpint (g_get_monotonic_time () - t0, >=, 1500 * 1000);
  g_assert_true (seen.shown);
  g_assert_true (seen.insensitive);
  g_assert_true (seen.painted);
  /* It went on drawing while it waited (about a second of the two), and
   * the bar did not go before the save was done. */
  g_test_message ("%u frames drawn while waiting", seen.frames);
  g_assert_cmpuint (seen.frames, >=, 2);
  g_assert_cmpuint (seen.ends, ==, 0);

  /* Once the main loop runs again, the bar goes and input comes back. */
  dag_test_wait_until (wait_over, &seen);
  g_assert_cmpuint (seen.ends, ==, 1);
  g_assert_false (dag_window_is_waiting (f->window));
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (f->window)));
  g_assert_false (gtk_widget_get_mapped (find_label (GTK_WIDGET (f->window), "Waiting for another Dagritme")));
  g_thread_join (thread);
  g_mutex_clear (&h.mutex);
  g_cond_clear (&h.cond);
  g_signal_handlers_disconnect_by_data (f->window, &seen);
  g_signal_handlers_disconnect_by_data (clock, &seen);
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
  g_test_add ("/gui-refresh/wait-for-writer", Fixture, NULL, fixture_setup, test_wait_for_writer, fixture_teardown);
  status = g_test_run ();
  g_clear_object (&application);
  return status;
}
