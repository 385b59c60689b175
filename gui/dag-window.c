/* dag-window.c — the main window: loads the organisation on a worker
 * thread, then shows the six views under a view switcher, and has every
 * view follow a change made in another (see org_changed). */

#include "config.h"

#include <glib-unix.h>

#include <glib/gi18n.h>

#include "dag-demo.h"
#include "dag-history.h"
#include "dag-new-org-assistant.h"
#include "dag-org-import.h"
#include "dag-participant-item.h"
#include "dag-week-print.h"
#include "dag-window.h"

struct _DagWindow
{
  AdwApplicationWindow parent_instance;

  DagStore            *store;
  DagOrg              *org;
  DagOrg             **org_box;      /* g_rc_box of org, shared with the production view */
  GSettings           *settings;     /* NULL when the schema is not installed */
  GCancellable        *cancellable;
  GTimer              *timer;
  DagHistory          *history;      /* the one undo stack of every view */
  gboolean             reloading;    /* a reload keeps the views on screen */
  GPtrArray           *reload_waiters; /* GTask *, completed when loaded */
  gboolean             week_stale;   /* the week view is refreshed when next shown */
  guint                week_absences; /* staff_absences_hash () when it was last shown */
  gboolean             first_start;  /* an organisation made from the empty state is loading */
  guint                poll_source;  /* looks for other processes' changes every second */
  guint                notify_source; /* a shared database's notifications of others' commits */
  gboolean             in_wait_cb;   /* drawing while a save waits */
  gboolean             notify_told;  /* poll_changes_cb called by a notification */
  GThread             *main_thread;  /* the one whose saves the wait bar shows */
  gboolean             waiting;      /* a save waits for another writer (wait_bar shown) */
  guint                wait_over_source;
  GPtrArray           *wait_disabled; /* GtkWindow *: made insensitive while waiting */

  /* template widgets */
  AdwViewSwitcherTitle *switcher_title;
  AdwViewSwitcherBar   *switcher_bar;
  GtkStack             *main_stack;
  GtkSpinner           *spinner;
  GtkLabel             *loading_label;
  AdwStatusPage        *error_page;
  AdwStatusPage        *empty_page;
  AdwToastOverlay      *toast_overlay;
  AdwViewStack         *view_stack;
  DagParticipantsView  *participants_view;
  DagAttendanceView    *attendance_view;
  DagTransportView     *transport_view;
  DagProductionView    *production_view;
  DagStaffView         *staff_view;
  DagWeekView          *week_view;
  DagRecordsView       *records_view;
  GtkWidget            *wait_bar;
  GtkSpinner           *wait_spinner;
};

enum {
  PROP_0,
  PROP_WAITING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (DagWindow, dag_window, ADW_TYPE_APPLICATION_WINDOW)

static const char * const view_names[] = {
  "week", "participants", "staff", "transport", "attendance", "production",
  "organisation",
};

static void update_print_actions (DagWindow *self);
static void week_view_current (DagWindow *self);

static gboolean
is_view_name (const char *name)
{
  for (guint i = 0; name && i < G_N_ELEMENTS (view_names); i++)
    if (g_str_equal (name, view_names[i]))
      return TRUE;
  return FALSE;
}

/* The switcher only makes sense while the views are shown; during loading
 * and on the error and empty pages the header shows the plain title. */
static void
update_switcher (DagWindow *self)
{
  gboolean views = g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "views") == 0;

  adw_view_switcher_title_set_view_switcher_enabled (self->switcher_title, views);
  adw_view_switcher_bar_set_reveal (self->switcher_bar,
                                    views && adw_view_switcher_title_get_title_visible (self->switcher_title));
}

static void
show_state (DagWindow  *self,
            const char *state)
{
  gboolean loading = g_str_equal (state, "loading");

  gtk_spinner_set_spinning (self->spinner, loading);
  gtk_stack_set_visible_child_name (self->main_stack, state);
  update_switcher (self);
}

static void
show_error (DagWindow    *self,
            const char   *title,
            const GError *error)
{
  adw_status_page_set_title (self->error_page, title);
  adw_status_page_set_description (self->error_page, error ? error->message : NULL);
  show_state (self, "error");
}

/* ---- loading ------------------------------------------------------------ */

typedef struct {
  gboolean    empty;
  DagOrg     *org;
  GListStore *participants;
  /* A first-start organisation that was refused (a bad file, a failed
   * save): the database is as it was, and a dialog says why. */
  GError     *refused;
  const char *refused_title;
} LoadResult;

static void
load_result_free (LoadResult *result)
{
  g_clear_pointer (&result->org, dag_org_free);
  g_clear_object (&result->participants);
  g_clear_error (&result->refused);
  g_free (result);
}

/* Reads the organisation and builds the list items; worker thread. */
static void
load_into_task (GTask    *task,
                DagStore *store)
{
  g_autoptr(GError) error = NULL;
  LoadResult *result = g_new0 (LoadResult, 1);

  if (!dag_store_is_empty (store, &result->empty, &error))
    {
      load_result_free (result);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (!result->empty)
    {
      gint64 t0 = g_get_monotonic_time (), t1;

      result->org = dag_store_load (store, &error);
      if (result->org == NULL)
        {
          load_result_free (result);
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      t1 = g_get_monotonic_time ();
      result->participants = dag_participant_item_build_store (result->org, dag_date_today ());
      dag_participants_view_presort (result->participants);
      g_debug ("Store read in %.0f ms, list items built and sorted in %.0f ms",
               (t1 - t0) / 1000.0, (g_get_monotonic_time () - t1) / 1000.0);
    }
  g_task_return_pointer (task, result, (GDestroyNotify) load_result_free);
}

/* Runs on a worker thread: the window does not touch the store meanwhile. */
static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  load_into_task (task, task_data);
}

/* Generates the demo organisation with the default options, saves it in
 * one transaction and loads it back as any organisation; worker thread. */
static void
create_demo_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  DagStore *store = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(DagOrg) org = NULL;
  DagDemoOptions options;

  dag_demo_options_init (&options);
  org = dag_demo_generate (&options);
  if (!dag_store_save (store, org, DAG_SECTION_ALL, "demo", &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  load_into_task (task, store);
}

/* What a first start saves: an organisation file to read, or an
 * organisation made by the assistant. */
typedef struct {
  DagStore *store;
  GFile    *file;
  DagOrg   *org;
} FirstStartJob;

static void
first_start_job_free (FirstStartJob *job)
{
  g_clear_object (&job->store);
  g_clear_object (&job->file);
  g_clear_pointer (&job->org, dag_org_free);
  g_free (job);
}

static void
return_refused (GTask      *task,
                GError     *error,
                const char *title)
{
  LoadResult *result = g_new0 (LoadResult, 1);

  result->empty = TRUE;
  result->refused = error;
  result->refused_title = title;
  g_task_return_pointer (task, result, (GDestroyNotify) load_result_free);
}

/* Reads and checks the organisation file as `dagritme import` does, saves
 * it in one transaction and loads it; worker thread. */
static void
first_start_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  FirstStartJob *job = task_data;
  g_autoptr(GError) error = NULL;

  if (job->org == NULL)
    {
      g_autofree char *data = NULL;
      g_autofree char *basename = g_file_get_basename (job->file);
      g_autofree char *display = g_filename_display_name (basename);
      gsize length;

      if (!g_file_load_contents (job->file, cancellable, &data, &length, NULL, &error))
        {
          return_refused (task, g_steal_pointer (&error), _("The File Could Not Be Read"));
          return;
        }
      job->org = dag_org_import_json (data, length, &error);
      if (job->org == NULL)
        {
          /* "organisation.json: participants[12].bsn: is not a valid BSN (the 11-test fails)" */
          g_prefix_error (&error, "%s: ", display);
          return_refused (task, g_steal_pointer (&error), _("The File Could Not Be Imported"));
          return;
        }
    }
  if (!dag_store_save (job->store, job->org, DAG_SECTION_ALL, job->file ? "import" : "new", &error))
    {
      return_refused (task, g_steal_pointer (&error), _("The Organisation Could Not Be Saved"));
      return;
    }
  load_into_task (task, job->store);
}

static void
clear_org_box (gpointer box)
{
  dag_org_free (*(DagOrg **) box);
}

/* The production view computes on a thread that may outlive the window:
 * the organisation goes when the last holder lets go. */
static void
release_org_box (DagOrg **box)
{
  g_rc_box_release_full (box, clear_org_box);
}

static void watch_notifications (DagWindow *self);

static void
load_done (GObject      *object,
           GAsyncResult *res,
           gpointer      user_data)
{
  DagWindow *self = DAG_WINDOW (object);
  g_autoptr(GError) error = NULL;
  LoadResult *result = g_task_propagate_pointer (G_TASK (res), &error);
  g_autoptr(GPtrArray) waiters = g_steal_pointer (&self->reload_waiters);

  self->reloading = FALSE;
  /* From now on another user's commit is heard at once. */
  watch_notifications (self);
  if (result == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, _("The Organisation Could Not Be Loaded"), error);
      for (guint i = 0; waiters && i < waiters->len; i++)
        g_task_return_error (g_ptr_array_index (waiters, i), g_error_copy (error));
      return;
    }

  if (result->empty)
    {
      show_state (self, "empty");
      if (result->refused != NULL)
        {
          AdwMessageDialog *dialog;

          dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), result->refused_title, NULL));
          /* Translators: below the reason an organisation file was not
           * imported. */
          adw_message_dialog_format_body (dialog, "%s\n\n%s", result->refused->message,
                                          _("Nothing was changed."));
          adw_message_dialog_add_response (dialog, "close", _("_Close"));
          gtk_window_present (GTK_WINDOW (dialog));
        }
      self->first_start = FALSE;
    }
  else
    {
      DagOrg **old_box = g_steal_pointer (&self->org_box);
      gint64 t0, t1;

      /* Every step on the undo stack refers to the old organisation. */
      dag_history_clear (self->history);
      self->org = g_steal_pointer (&result->org);
      self->org_box = g_rc_box_new (DagOrg *);
      *self->org_box = self->org;
      t0 = g_get_monotonic_time ();
      dag_participants_view_set_model (self->participants_view,
                                       G_LIST_MODEL (result->participants));
      g_debug ("List shown (filtered and sorted) in %.0f ms", (g_get_monotonic_time () - t0) / 1000.0);
      /* Each view lets go of the old organisation when it gets the new
       * one; it stays alive until all have. */
#define TIMED(call) (t1 = g_get_monotonic_time (), call, \
                     g_debug ("%s: %.1f ms", #call, (g_get_monotonic_time () - t1) / 1000.0))
      TIMED (dag_participants_view_set_store (self->participants_view, self->store, self->org));
      TIMED (dag_attendance_view_set_org (self->attendance_view, self->store, self->org));
      TIMED (dag_production_view_set_org (self->production_view, self->org_box));
      dag_production_view_set_store (self->production_view, self->store);
      TIMED (dag_staff_view_set_org (self->staff_view, self->store, self->org));
      TIMED (dag_week_view_set_org (self->week_view, self->store, self->org_box));
      TIMED (dag_transport_view_set_org (self->transport_view, self->store, self->org_box));
      TIMED (dag_records_view_set_org (self->records_view, self->store, self->org));
#undef TIMED
      week_view_current (self);
      g_clear_pointer (&old_box, release_org_box);
      /* A new organisation starts where planning starts. */
      if (self->first_start)
        dag_window_set_view (self, "week");
      self->first_start = FALSE;
      show_state (self, "views");
      update_print_actions (self);
      g_debug ("Loaded %u participants in %.0f ms",
               self->org->participants->len, g_timer_elapsed (self->timer, NULL) * 1000);
    }
  load_result_free (result);
  for (guint i = 0; waiters && i < waiters->len; i++)
    g_task_return_boolean (g_ptr_array_index (waiters, i), TRUE);
}

static void
run_load_task (DagWindow            *self,
               GTaskThreadFunc       thread_func,
               const char           *message)
{
  g_autoptr(GTask) task = NULL;

  gtk_label_set_text (self->loading_label, message);
  if (!self->reloading)
    show_state (self, "loading");
  g_timer_start (self->timer);
  task = g_task_new (self, self->cancellable, load_done, NULL);
  g_task_set_source_tag (task, run_load_task);
  g_task_set_task_data (task, g_object_ref (self->store), g_object_unref);
  g_task_run_in_thread (task, thread_func);
}

/* Records were edited in place (no index moved): every view shows the same
 * organisation anew, keeping where it was and its steps on the undo stack. */
static void
records_changed_cb (DagWindow *self)
{
  if (self->org == NULL)
    return;
  dag_production_view_invalidate (self->production_view);
  dag_attendance_view_set_org (self->attendance_view, self->store, self->org);
  dag_staff_view_set_org (self->staff_view, self->store, self->org);
  dag_week_view_set_org (self->week_view, self->store, self->org_box);
  week_view_current (self);
  dag_transport_view_set_org (self->transport_view, self->store, self->org_box);
}

/* ---- following changes -------------------------------------------------- */

/* The staff absences in a number: the Staff view enters them without an
 * undo step, and the Week plan's staffing findings depend on them. */
static guint
staff_absences_hash (const DagOrg *org)
{
  guint h = 5381;

  for (guint i = 0; org != NULL && i < org->staff_absences->len; i++)
    {
      const DagStaffAbsence *a = DAG_AT (org->staff_absences, DagStaffAbsence, i);

      h = h * 33 + (guint) a->staff;
      h = h * 33 + (guint) a->from;
      h = h * 33 + (guint) a->to;
    }
  return h ^ (org ? org->staff_absences->len : 0);
}

/* The week view shows the organisation as it is now. */
static void
week_view_current (DagWindow *self)
{
  self->week_stale = FALSE;
  self->week_absences = staff_absences_hash (self->org);
}

/* Every view shows the organisation as it is now.  A change is made in
 * one view (a move, an accepted plan, a staff assignment, attendance, a
 * participant edited) or undone or redone from any view, and each is a
 * step on the undo stack; records edited in the Organisation view and a
 * reload give every view the organisation again (above).  The view that
 * made the change shows it already; the others follow here.  Hidden views
 * only take note, which costs nothing, and compute when next shown: a move
 * in the Week plan must stay within 100 ms at 5,000 participants.
 *
 * Production (a month on a thread) and Transport (who needs transport on
 * the shown day) are told; the Week plan is refreshed when next shown;
 * Staff and Attendance read the plan anew every time they are shown. */
static void
org_changed (DagWindow *self)
{
  if (self->org == NULL)
    return;
  dag_production_view_invalidate (self->production_view);
  dag_transport_view_invalidate (self->transport_view);
  if (!gtk_widget_get_mapped (GTK_WIDGET (self->week_view)))
    self->week_stale = TRUE;
}

/* The ledger changed: the weeks of a month sent become frozen, which the
 * Week plan shows when next drawn. */
static void
production_changed_cb (DagWindow *self)
{
  if (self->org == NULL)
    return;
  /* The remaining volume of each allocation counts what was declared. */
  dag_production_view_invalidate (self->production_view);
  self->week_stale = TRUE;
  if (gtk_widget_get_mapped (GTK_WIDGET (self->week_view)))
    dag_week_view_set_org (self->week_view, self->store, self->org_box);
}

static void
week_view_mapped_cb (DagWindow *self)
{
  if (self->org == NULL)
    return;
  if (self->week_stale || self->week_absences != staff_absences_hash (self->org))
    {
      gint64 t0 = g_get_monotonic_time ();

      dag_week_view_refresh (self->week_view);
      g_debug ("Week view followed a change in %.1f ms", (g_get_monotonic_time () - t0) / 1000.0);
    }
  week_view_current (self);
}

/* ---- actions ------------------------------------------------------------ */

static void
create_demo_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  DagWindow *self = DAG_WINDOW (widget);

  /* Only from the empty state: never over an existing organisation. */
  if (self->store == NULL || g_strcmp0 (dag_window_get_state (self), "empty") != 0)
    return;
  self->first_start = TRUE;
  run_load_task (self, create_demo_thread, _("Creating the demo organisation…"));
}

static void
run_first_start (DagWindow     *self,
                 FirstStartJob *job,
                 const char    *message)
{
  g_autoptr(GTask) task = NULL;

  job->store = g_object_ref (self->store);
  self->first_start = TRUE;
  gtk_label_set_text (self->loading_label, message);
  show_state (self, "loading");
  g_timer_start (self->timer);
  task = g_task_new (self, self->cancellable, load_done, NULL);
  g_task_set_source_tag (task, run_first_start);
  g_task_set_task_data (task, job, (GDestroyNotify) first_start_job_free);
  g_task_run_in_thread (task, first_start_thread);
}

static void
import_response_cb (GtkNativeDialog *chooser,
                    int              response,
                    DagWindow       *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        dag_window_import_file (self, file);
    }
  g_object_unref (chooser);
}

static void
import_organisation_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  DagWindow *self = DAG_WINDOW (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->store == NULL || g_strcmp0 (dag_window_get_state (self), "empty") != 0)
    return;
  chooser = gtk_file_chooser_native_new (_("Import an Organisation File"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (filter, _("Organisation files (JSON)"));
  gtk_file_filter_add_mime_type (filter, "application/json");
  gtk_file_filter_add_suffix (filter, "json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect_object (chooser, "response", G_CALLBACK (import_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
new_org_create_cb (DagWindow          *self,
                   DagNewOrgAssistant *assistant)
{
  FirstStartJob *job = g_new0 (FirstStartJob, 1);

  job->org = dag_new_org_assistant_steal_org (assistant);
  gtk_window_destroy (GTK_WINDOW (assistant));
  if (self->store == NULL || g_strcmp0 (dag_window_get_state (self), "empty") != 0)
    {
      first_start_job_free (job);
      return;
    }
  run_first_start (self, job, _("Saving the new organisation…"));
}

static void
new_organisation_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  DagWindow *self = DAG_WINDOW (widget);
  DagNewOrgAssistant *assistant;

  if (self->store == NULL || g_strcmp0 (dag_window_get_state (self), "empty") != 0)
    return;
  assistant = dag_new_org_assistant_new (GTK_WINDOW (self));
  g_signal_connect_object (assistant, "create", G_CALLBACK (new_org_create_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (assistant));
}

/* Alt+1…7.  A view's own keys (Alt+Left/Right for its week, day or month)
 * are bindings of the view, which only see the keys while the focus is in
 * it: so the focus moves into the view shown, unless it is there already. */
static void
show_view_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  DagWindow *self = DAG_WINDOW (widget);
  GtkWidget *view, *focus;

  dag_window_set_view (self, g_variant_get_string (parameter, NULL));
  if (g_strcmp0 (dag_window_get_state (self), "views") != 0)
    return;
  view = adw_view_stack_get_visible_child (self->view_stack);
  focus = gtk_root_get_focus (GTK_ROOT (self));
  if (view == NULL || (focus != NULL && (focus == view || gtk_widget_is_ancestor (focus, view))))
    return;
  if (!gtk_widget_child_focus (view, GTK_DIR_TAB_FORWARD))
    gtk_widget_grab_focus (view);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  DagWindow *self = DAG_WINDOW (widget);

  if (g_strcmp0 (dag_window_get_state (self), "views") != 0)
    return;
  dag_window_set_view (self, "participants");
  dag_participants_view_focus_search (self->participants_view);
}

/* ---- printing the week plan --------------------------------------------- */

static void
update_print_actions (DagWindow *self)
{
  gboolean ok = self->org != NULL && g_strcmp0 (dag_window_get_state (self), "views") == 0 &&
                dag_week_view_get_location (self->week_view) >= 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.print-week", ok);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-week-pdf", ok);
}

static void
print_week_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  DagWindow *self = DAG_WINDOW (widget);
  int location = dag_week_view_get_location (self->week_view);

  if (self->org == NULL || location < 0)
    return;
  dag_week_print_run (GTK_WINDOW (self), self->org, location, dag_week_view_get_week (self->week_view));
}

static void
week_pdf_response_cb (GtkNativeDialog *chooser,
                      int              response,
                      DagWindow       *self)
{
  int location = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "location"));
  DagDate week = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (chooser), "week"));
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (response == GTK_RESPONSE_ACCEPT && self->org != NULL && (guint) location < self->org->locations->len)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      path = file ? g_file_get_path (file) : NULL;
      if (path == NULL)
        message = g_strdup (_("The PDF could not be saved: choose a local file"));
      else if (!dag_week_print_to_pdf (self->org, location, week, path, &error))
        message = g_strdup_printf (_("The PDF could not be saved: %s"), error->message);
      else
        message = g_strdup (_("Week plan saved as PDF"));
      dag_window_add_toast (self, adw_toast_new (message));
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
export_week_pdf_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  DagWindow *self = DAG_WINDOW (widget);
  int location = dag_week_view_get_location (self->week_view);
  DagDate week = dag_week_view_get_week (self->week_view);
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;

  if (self->org == NULL || location < 0)
    return;
  name = dag_week_print_file_name (self->org, location, week);
  chooser = gtk_file_chooser_native_new (_("Export the Week Plan as PDF"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  /* The week and location when asked, not when answered. */
  g_object_set_data (G_OBJECT (chooser), "location", GINT_TO_POINTER (location));
  g_object_set_data (G_OBJECT (chooser), "week", GUINT_TO_POINTER (week));
  g_signal_connect_object (chooser, "response", G_CALLBACK (week_pdf_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ---- undo and redo ------------------------------------------------------ */

static void
update_history_actions (DagWindow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", dag_history_can_undo (self->history));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo", dag_history_can_redo (self->history));
}

/* Shows the view of the step undone or redone, so that one sees it. */
static void
history_applied_cb (DagWindow  *self,
                    const char *label,
                    const char *view,
                    gboolean    undo)
{
  g_autofree char *title = NULL;

  if (is_view_name (view))
    dag_window_set_view (self, view);
  /* Translators: %s says what was done, e.g. “Move Anna to Monday morning”. */
  title = g_strdup_printf (undo ? _("Undone: %s") : _("Redone: %s"), label);
  dag_window_add_toast (self, adw_toast_new (title));
}

static void
apply_history (DagWindow *self,
               gboolean   undo)
{
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = undo ? dag_history_undo (self->history, &error) : dag_history_redo (self->history, &error);
  if (!ok && error != NULL)
    {
      g_autofree char *title = g_strdup_printf (undo ? _("Could not undo: %s") : _("Could not redo: %s"),
                                                error->message);
      dag_window_add_toast (self, adw_toast_new (title));
    }
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  apply_history (DAG_WINDOW (widget), TRUE);
}

static void
redo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  apply_history (DAG_WINDOW (widget), FALSE);
}

/* ---- settings ----------------------------------------------------------- */

static GSettings *
lookup_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  /* Running from the build tree without the schema installed must not
   * abort: the window then simply does not remember its size. */
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL)
    {
      g_debug ("GSettings schema %s not found; window state is not saved", APP_ID);
      return NULL;
    }
  return g_settings_new_full (schema, NULL, NULL);
}

static void
restore_window_state (DagWindow *self)
{
  g_autofree char *view = NULL;
  int width, height;

  if (self->settings == NULL)
    return;
  width = g_settings_get_int (self->settings, "window-width");
  height = g_settings_get_int (self->settings, "window-height");
  if (width > 0 && height > 0)
    gtk_window_set_default_size (GTK_WINDOW (self), width, height);
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
  view = g_settings_get_string (self->settings, "last-view");
  if (is_view_name (view))
    adw_view_stack_set_visible_child_name (self->view_stack, view);
}

static void
save_window_state (DagWindow *self)
{
  int width, height;

  if (self->settings == NULL)
    return;
  /* The default size is the unmaximized size, which is what a restore
   * should come back to. */
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_delay (self->settings);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  if (is_view_name (dag_window_get_view (self)))
    g_settings_set_string (self->settings, "last-view", dag_window_get_view (self));
  g_settings_apply (self->settings);
}

static gboolean
dag_window_close_request (GtkWindow *window)
{
  DagWindow *self = DAG_WINDOW (window);

  /* Edits typed in the Organisation view and not saved are not lost
   * without asking. */
  if (dag_records_view_has_unsaved (self->records_view))
    {
      dag_window_set_view (self, "organisation");
      dag_records_view_ask_before_close (self->records_view);
      return TRUE;
    }
  save_window_state (self);
  g_cancellable_cancel (self->cancellable);
  return GTK_WINDOW_CLASS (dag_window_parent_class)->close_request (window);
}

/* ---- other processes' changes ------------------------------------------ */

static void
poll_reload_done (GObject      *object,
                  GAsyncResult *res,
                  gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!dag_window_reload_finish (DAG_WINDOW (object), res, &error))
    g_debug ("Reading the changed organisation failed: %s", error->message);
}

/* A command line (or another window) committed a change: read the
 * organisation again within a second or two, the views staying where they
 * are.  Not while loading, nor over edits typed and not yet saved. */
static gboolean notify_cb (int fd, GIOCondition condition, gpointer user_data);

/* Whether the store may be read for others' changes now. */
static gboolean
may_poll (DagWindow *self)
{
  /* While a save waits, the store is in use further up this stack; while
   * loading, on another thread. */
  return self->store != NULL && !self->reloading && !self->waiting &&
         g_strcmp0 (dag_window_get_state (self), "views") == 0 &&
         !dag_records_view_has_unsaved (self->records_view);
}

/* Others registered attendance, and nothing else: the views follow it as
 * they follow this window's own registrations, without reading the whole
 * organisation.  FALSE when that is not enough. */
static gboolean
apply_remote_attendance (DagWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) changes = NULL;
  gboolean complete = FALSE;

  if (self->org == NULL ||
      !dag_store_read_attendance_changes (self->store, &changes, &complete, &error) || !complete)
    return FALSE;
  if (changes->len == 0)
    return TRUE;
  /* Taken as read: a participant this window does not know yet needs
   * everything read again. */
  if (!dag_attendance_view_apply_remote (self->attendance_view, changes))
    return FALSE;
  g_debug ("Followed %u registrations of other users in place", changes->len);
  return TRUE;
}

static void
watch_notifications (DagWindow *self)
{
  int fd = self->store != NULL ? dag_store_get_notify_fd (self->store) : -1;

  if (fd >= 0 && self->notify_source == 0)
    self->notify_source = g_unix_fd_add (fd, G_IO_IN, notify_cb, self);
}

static gboolean
poll_changes_cb (gpointer user_data)
{
  DagWindow *self = user_data;
  g_autoptr(GError) error = NULL;
  DagSections changed = 0;

  if (!may_poll (self))
    return G_SOURCE_CONTINUE;
  /* A shared database says when another user committed (at once rather
   * than at the next second); then nothing need be asked of the server
   * unless it said so (also while this window's own queries read it). */
  if (self->notify_source != 0 && !dag_store_take_notifications (self->store) && !self->notify_told)
    return G_SOURCE_CONTINUE;
  watch_notifications (self);
  if (!dag_store_poll_changes (self->store, &changed, &error))
    g_debug ("Looking for changes failed: %s", error->message);
  else if (changed == DAG_SECTION_ATTENDANCE && apply_remote_attendance (self))
    ;
  else if (changed != 0)
    dag_window_reload_async (self, self->cancellable, poll_reload_done, NULL);
  return G_SOURCE_CONTINUE;
}

static gboolean
notify_cb (int          fd,
           GIOCondition condition,
           gpointer     user_data)
{
  DagWindow *self = user_data;

  /* Not now: the next poll watches again (the unread notification would
   * wake this up over and over). */
  if (!may_poll (self))
    {
      self->notify_source = 0;
      return G_SOURCE_REMOVE;
    }
  /* Told: ask the server what changed (the notifications are read there). */
  self->notify_told = TRUE;
  poll_changes_cb (self);
  self->notify_told = FALSE;
  return G_SOURCE_CONTINUE;
}

/* ---- waiting for another writer ---------------------------------------- */

/* Another Dagritme (a command line, another window) holds the database's
 * write lock, and a save of this window waits for it on the main thread,
 * which draws nothing meanwhile.  After a second of waiting the store
 * calls store_wait_cb: it shows the wait bar, makes the application's
 * windows take no input, and lets GTK draw that (for at most half a
 * second, with only drawing left to do: no input reaches an insensitive
 * window, and the poll for changes stands still while self->waiting).
 * An idle puts everything back once the save returned to the main loop,
 * whether it succeeded or gave up. */

static void
set_waiting (DagWindow *self,
             gboolean   waiting)
{
  if (self->waiting == waiting)
    return;
  self->waiting = waiting;
  gtk_widget_set_visible (self->wait_bar, waiting);
  gtk_spinner_set_spinning (self->wait_spinner, waiting);
  if (waiting)
    {
      GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
      GList *windows = app ? gtk_application_get_windows (app) : NULL;

      g_clear_pointer (&self->wait_disabled, g_ptr_array_unref);
      self->wait_disabled = g_ptr_array_new_with_free_func (g_object_unref);
      if (g_list_find (windows, self) == NULL)
        windows = g_list_prepend (g_list_copy (windows), self);
      else
        windows = g_list_copy (windows);
      for (GList *l = windows; l != NULL; l = l->next)
        if (gtk_widget_get_sensitive (l->data))
          {
            gtk_widget_set_sensitive (l->data, FALSE);
            g_ptr_array_add (self->wait_disabled, g_object_ref (l->data));
          }
      g_list_free (windows);
    }
  else
    {
      for (guint i = 0; self->wait_disabled && i < self->wait_disabled->len; i++)
        gtk_widget_set_sensitive (g_ptr_array_index (self->wait_disabled, i), TRUE);
      g_clear_pointer (&self->wait_disabled, g_ptr_array_unref);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WAITING]);
}

static gboolean
wait_over_cb (gpointer user_data)
{
  DagWindow *self = user_data;

  self->wait_over_source = 0;
  set_waiting (self, FALSE);
  return G_SOURCE_REMOVE;
}

static void
frame_painted_cb (GdkFrameClock *clock,
                  gpointer       user_data)
{
  *(gboolean *) user_data = TRUE;
}

static void
store_wait_cb (DagStore *store,
               gboolean  first,
               gpointer  user_data)
{
  g_autoptr(DagWindow) self = g_object_ref (user_data);
  GdkFrameClock *clock;
  gulong handler = 0;
  gboolean painted = FALSE;
  gint64 until;

  /* A save on a worker thread (a first import) has the loading page up;
   * and a wait inside this wait's drawing is this same wait. */
  if (g_thread_self () != self->main_thread || self->in_wait_cb)
    return;
  self->in_wait_cb = TRUE;
  /* Still waiting: the end is not while this draws. */
  g_clear_handle_id (&self->wait_over_source, g_source_remove);
  if (!self->waiting)
    set_waiting (self, TRUE);
  /* The bar appears, and goes on moving while the wait lasts (the store
   * calls again every quarter of a second). */
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));
  if (clock != NULL)
    handler = g_signal_connect (clock, "after-paint", G_CALLBACK (frame_painted_cb), &painted);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  until = g_get_monotonic_time () + (first ? G_USEC_PER_SEC / 2 : G_USEC_PER_SEC / 4);
  while (!painted && g_get_monotonic_time () < until)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (2000);
  if (handler != 0)
    g_signal_handler_disconnect (clock, handler);
  self->in_wait_cb = FALSE;
  /* Runs when the main loop runs again: after the save.  (A window closed
   * meanwhile was put back by its dispose.) */
  if (self->waiting && self->wait_over_source == 0)
    self->wait_over_source = g_idle_add (wait_over_cb, self);
}

gboolean
dag_window_is_waiting (DagWindow *self)
{
  g_return_val_if_fail (DAG_IS_WINDOW (self), FALSE);
  return self->waiting;
}

/* ---- GObject ------------------------------------------------------------ */

static void
dag_window_dispose (GObject *object)
{
  DagWindow *self = DAG_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->poll_source, g_source_remove);
  g_clear_handle_id (&self->notify_source, g_source_remove);
  g_clear_handle_id (&self->wait_over_source, g_source_remove);
  if (self->waiting)
    set_waiting (self, FALSE);
  if (self->store != NULL)
    dag_store_set_wait_func (self->store, NULL, NULL, 0);
  /* The steps hold the views' data: forget them before the views go. */
  if (self->history != NULL)
    dag_history_clear (self->history);
  gtk_widget_dispose_template (GTK_WIDGET (self), DAG_TYPE_WINDOW);
  g_clear_object (&self->history);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (dag_window_parent_class)->dispose (object);
}

static void
dag_window_finalize (GObject *object)
{
  DagWindow *self = DAG_WINDOW (object);

  g_clear_pointer (&self->org_box, release_org_box);
  self->org = NULL;
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->timer, g_timer_destroy);
  G_OBJECT_CLASS (dag_window_parent_class)->finalize (object);
}

static void
dag_window_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  DagWindow *self = DAG_WINDOW (object);

  switch (prop_id)
    {
    case PROP_WAITING:
      g_value_set_boolean (value, self->waiting);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dag_window_class_init (DagWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dag_window_dispose;
  object_class->finalize = dag_window_finalize;
  object_class->get_property = dag_window_get_property;

  /* TRUE while a save waits for another Dagritme's write lock. */
  properties[PROP_WAITING] =
    g_param_spec_boolean ("waiting", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  GTK_WINDOW_CLASS (klass)->close_request = dag_window_close_request;

  g_type_ensure (DAG_TYPE_PARTICIPANTS_VIEW);
  g_type_ensure (DAG_TYPE_ATTENDANCE_VIEW);
  g_type_ensure (DAG_TYPE_PRODUCTION_VIEW);
  g_type_ensure (DAG_TYPE_STAFF_VIEW);
  g_type_ensure (DAG_TYPE_WEEK_VIEW);
  g_type_ensure (DAG_TYPE_TRANSPORT_VIEW);
  g_type_ensure (DAG_TYPE_RECORDS_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/dagritme/Dagritme/dag-window.ui");
  gtk_widget_class_bind_template_child (widget_class, DagWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, DagWindow, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, DagWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, DagWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, DagWindow, loading_label);
  gtk_widget_class_bind_template_child (widget_class, DagWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, DagWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, DagWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, DagWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, DagWindow, participants_view);
  gtk_widget_class_bind_template_child (widget_class, DagWindow, attendance_view);
  gtk_widget_class_bind_template_child (widget_class, DagWindow, production_view);
  gtk_widget_class_bind_template_child (widget_class, DagWindow, staff_view);
  gtk_widget_class_bind_template_child (widget_class, DagWindow, week_view);
  gtk_widget_class_bind_template_child (widget_class, DagWindow, transport_view);
  gtk_widget_class_bind_template_child (widget_class, DagWindow, records_view);
  gtk_widget_class_bind_template_child (widget_class, DagWindow, wait_bar);
  gtk_widget_class_bind_template_child (widget_class, DagWindow, wait_spinner);

  gtk_widget_class_install_action (widget_class, "win.show-view", "s", show_view_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.create-demo", NULL, create_demo_action);
  gtk_widget_class_install_action (widget_class, "win.import-organisation", NULL, import_organisation_action);
  gtk_widget_class_install_action (widget_class, "win.new-organisation", NULL, new_organisation_action);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, redo_action);
  gtk_widget_class_install_action (widget_class, "win.print-week", NULL, print_week_action);
  gtk_widget_class_install_action (widget_class, "win.export-week-pdf", NULL, export_week_pdf_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "win.print-week", NULL);
  /* Bindings, not application accelerators: a focused text field handles
   * its own Ctrl+Z first. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "win.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Z, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_y, GDK_CONTROL_MASK, "win.redo", NULL);
}

static void
dag_window_init (DagWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->timer = g_timer_new ();
  self->main_thread = g_thread_self ();
  self->settings = lookup_settings ();
  self->history = dag_history_new ();
  g_signal_connect_object (self->history, "changed",
                           G_CALLBACK (update_history_actions), self, G_CONNECT_SWAPPED);
  /* A step done, undone or redone in any view changed the organisation. */
  g_signal_connect_object (self->history, "changed",
                           G_CALLBACK (org_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->history, "applied",
                           G_CALLBACK (history_applied_cb), self, G_CONNECT_SWAPPED);
  update_history_actions (self);
  update_print_actions (self);

  g_signal_connect_object (self->switcher_title, "notify::title-visible",
                           G_CALLBACK (update_switcher), self, G_CONNECT_SWAPPED);
  /* Registered attendance changes the month's production and freezes its
   * week (each registration is a step too; this also holds without one). */
  g_signal_connect_object (self->attendance_view, "changed",
                           G_CALLBACK (org_changed), self, G_CONNECT_SWAPPED);
  /* A month declared and sent freezes its weeks. */
  g_signal_connect_object (self->production_view, "changed",
                           G_CALLBACK (production_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->week_view, "map",
                           G_CALLBACK (week_view_mapped_cb), self, G_CONNECT_SWAPPED);
  /* So does an edited contract (no-shows billable) or location (closures);
   * and the other views show the edited names, capacities and times. */
  g_signal_connect_object (self->records_view, "changed",
                           G_CALLBACK (records_changed_cb), self, G_CONNECT_SWAPPED);
  restore_window_state (self);
  self->poll_source = g_timeout_add_seconds (1, poll_changes_cb, self);
}

DagWindow *
dag_window_new (DagApplication *app,
                DagStore       *store,
                const GError   *error)
{
  DagWindow *self = g_object_new (DAG_TYPE_WINDOW, "application", app, NULL);

  g_set_object (&self->store, store);
  /* Saves wait for another Dagritme's write with the wait bar shown. */
  if (store != NULL)
    dag_store_set_wait_func (store, store_wait_cb, self, 0);
  if (store == NULL)
    show_error (self, _("The Database Could Not Be Opened"), error);
  else
    run_load_task (self, load_thread, _("Loading the organisation…"));
  return self;
}

const char *
dag_window_get_state (DagWindow *self)
{
  g_return_val_if_fail (DAG_IS_WINDOW (self), NULL);
  return gtk_stack_get_visible_child_name (self->main_stack);
}

const char *
dag_window_get_view (DagWindow *self)
{
  g_return_val_if_fail (DAG_IS_WINDOW (self), NULL);
  return adw_view_stack_get_visible_child_name (self->view_stack);
}

void
dag_window_set_view (DagWindow  *self,
                     const char *view)
{
  g_return_if_fail (DAG_IS_WINDOW (self));
  g_return_if_fail (is_view_name (view));
  adw_view_stack_set_visible_child_name (self->view_stack, view);
}

DagParticipantsView *
dag_window_get_participants_view (DagWindow *self)
{
  g_return_val_if_fail (DAG_IS_WINDOW (self), NULL);
  return self->participants_view;
}

DagAttendanceView *
dag_window_get_attendance_view (DagWindow *self)
{
  g_return_val_if_fail (DAG_IS_WINDOW (self), NULL);
  return self->attendance_view;
}

DagProductionView *
dag_window_get_production_view (DagWindow *self)
{
  g_return_val_if_fail (DAG_IS_WINDOW (self), NULL);
  return self->production_view;
}

DagTransportView *
dag_window_get_transport_view (DagWindow *self)
{
  g_return_val_if_fail (DAG_IS_WINDOW (self), NULL);
  return self->transport_view;
}

const DagOrg *
dag_window_get_org (DagWindow *self)
{
  g_return_val_if_fail (DAG_IS_WINDOW (self), NULL);
  return self->org;
}

DagStaffView *
dag_window_get_staff_view (DagWindow *self)
{
  g_return_val_if_fail (DAG_IS_WINDOW (self), NULL);
  return self->staff_view;
}

DagWeekView *
dag_window_get_week_view (DagWindow *self)
{
  g_return_val_if_fail (DAG_IS_WINDOW (self), NULL);
  return self->week_view;
}

DagRecordsView *
dag_window_get_records_view (DagWindow *self)
{
  g_return_val_if_fail (DAG_IS_WINDOW (self), NULL);
  return self->records_view;
}

DagHistory *
dag_window_get_history (DagWindow *self)
{
  g_return_val_if_fail (DAG_IS_WINDOW (self), NULL);
  return self->history;
}

void
dag_window_add_toast (DagWindow *self,
                      AdwToast  *toast)
{
  g_return_if_fail (DAG_IS_WINDOW (self));
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
dag_window_import_file (DagWindow *self,
                        GFile     *file)
{
  FirstStartJob *job;
  g_autofree char *basename = NULL;
  g_autofree char *display = NULL;
  g_autofree char *message = NULL;

  g_return_if_fail (DAG_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  /* Only from the empty state: never over an existing organisation. */
  if (self->store == NULL || g_strcmp0 (dag_window_get_state (self), "empty") != 0)
    return;
  basename = g_file_get_basename (file);
  display = g_filename_display_name (basename);
  /* Translators: %s is the name of the organisation file. */
  message = g_strdup_printf (_("Importing %s…"), display);
  job = g_new0 (FirstStartJob, 1);
  job->file = g_object_ref (file);
  run_first_start (self, job, message);
}

void
dag_window_reload_async (DagWindow           *self,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (DAG_IS_WINDOW (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dag_window_reload_async);
  if (self->store == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                               _("The database is not open"));
      g_object_unref (task);
      return;
    }
  if (self->reload_waiters == NULL)
    self->reload_waiters = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (self->reload_waiters, task);
  /* One load serves every waiter that came while it runs. */
  if (self->reloading)
    return;
  self->reloading = g_strcmp0 (dag_window_get_state (self), "views") == 0;
  run_load_task (self, load_thread, _("Loading the organisation…"));
}

gboolean
dag_window_reload_finish (DagWindow     *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
