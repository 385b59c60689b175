/* dag-week-view.c — the Week Plan view: the groups of one location over the
 * weekday dagdelen with their participants, occupancy and the planning
 * rules' findings, the waiting list, moving participants by drag and drop
 * (one store transaction each, with undo), and the planner in the
 * background with a proposal to accept or reject. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dag-rules.h"
#include "dag-slot-grid.h"
#include "dag-week-view.h"

/* Groups meet on weekday mornings and afternoons (DOMAIN.md). */
#define N_SHOWN_DAYS  DAG_SLOT_GRID_DAYS
#define N_SHOWN_PARTS DAG_SLOT_GRID_PARTS
/* Lines of the proposal listed in the dialog; the rest are counted. */
#define MAX_PROPOSAL_LINES 40

/* One undoable step: the plan (and, for an accepted proposal, the
 * staffing) before and after. */
typedef struct {
  GArray *plan_before, *plan_after;
  GArray *staffing_before, *staffing_after;   /* NULL when unchanged */
  int     group;                              /* shown after undo/redo, or -1 */
} Step;

static void
step_clear (gpointer p)
{
  Step *s = p;

  g_clear_pointer (&s->plan_before, g_array_unref);
  g_clear_pointer (&s->plan_after, g_array_unref);
  g_clear_pointer (&s->staffing_before, g_array_unref);
  g_clear_pointer (&s->staffing_after, g_array_unref);
}

typedef struct {
  int        group;
  int        slot;
  GtkWidget *box;       /* NULL when the group does not meet then */
  char      *problems;
} Cell;

static void
cell_clear (gpointer p)
{
  g_free (((Cell *) p)->problems);
}

struct _DagWeekView
{
  AdwBin           parent_instance;

  DagStore        *store;
  DagOrg         **box;            /* g_rc_box shared with the window */
  DagOrg          *org;            /* *box */
  DagDate          week;           /* its Monday */
  int              location;
  GArray          *cells;          /* of Cell */
  GArray          *steps;          /* of Step */
  guint            n_done;
  guint            n_waiting;
  GCancellable    *cancellable;    /* of the running planner, else NULL */
  DagPlanResult   *proposal;
  DagPlanResult   *last_result;    /* for the waiting reasons */
  GtkWidget       *dialog;

  /* template widgets */
  AdwToastOverlay *toast_overlay;
  GtkDropDown     *location_dropdown;
  GtkLabel        *summary_label;
  GtkGrid         *grid;
  GtkListBox      *waiting_list;
  GtkLabel        *waiting_label;
  GtkButton       *plan_button;
  GtkBox          *progress_box;
  GtkProgressBar  *progress_bar;
  GtkBox          *findings_box;
  GtkLabel        *findings_label;
};

G_DEFINE_FINAL_TYPE (DagWeekView, dag_week_view, ADW_TYPE_BIN)

static void
clear_org_box (gpointer data)
{
  dag_org_free (*(DagOrg **) data);
}

/* The last holder of the box (the window, this view or a planner still
 * running) frees the organisation. */
static void
org_box_release (DagOrg **box)
{
  g_rc_box_release_full (box, clear_org_box);
}

/* What a running planner holds: the view and the organisation it reads. */
typedef struct {
  DagWeekView *self;
  DagOrg     **box;
} PlanJob;

static void refresh (DagWeekView *self);

static const char *
participant_name (const DagOrg *org, int p)
{
  return p >= 0 && (guint) p < org->participants->len ? DAG_AT (org->participants, DagParticipant, p)->name : "?";
}

static const char *
group_name (const DagOrg *org, int g)
{
  return g >= 0 && (guint) g < org->groups->len ? DAG_AT (org->groups, DagGroup, g)->name : "?";
}

/* "Tuesday morning" */
static char *
slot_text (int slot)
{
  /* TRANSLATORS: a day and a dagdeel, e.g. "Tuesday Morning" */
  return g_strdup_printf (_("%s %s"), dag_slot_grid_day_name (DAG_SLOT_DAY (slot)), dag_slot_grid_part_name (DAG_SLOT_PART (slot)));
}

static Cell *
find_cell (DagWeekView *self, int group, int slot)
{
  for (guint i = 0; self->cells && i < self->cells->len; i++)
    {
      Cell *c = DAG_AT (self->cells, Cell, i);
      if (c->group == group && c->slot == slot)
        return c;
    }
  return NULL;
}

static GArray *
copy_array (GArray *a)
{
  GArray *copy = g_array_sized_new (FALSE, FALSE, g_array_get_element_size (a), a->len);

  g_array_append_vals (copy, a->data, a->len);
  return copy;
}

static void
set_array (GArray *dest, GArray *src)
{
  g_array_set_size (dest, 0);
  g_array_append_vals (dest, src->data, src->len);
}

static void
update_actions (DagWeekView *self)
{
  gboolean idle = self->cancellable == NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "week.undo", idle && self->n_done > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "week.redo", idle && self->n_done < self->steps->len);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "week.move", idle && self->org != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "week.plan", idle && self->org != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_box), !idle);
  gtk_widget_set_visible (GTK_WIDGET (self->plan_button), idle);
}

/* ---- changing the plan -------------------------------------------------- */

/* Puts plan (and staffing, when not NULL) into org and saves them in one
 * transaction; on error puts the old ones back and says why. */
static gboolean
save_arrays (DagWeekView *self,
             GArray      *plan,
             GArray      *staffing,
             const char  *action,
             GError     **error)
{
  g_autoptr(GError) local = NULL;
  g_autoptr(GArray) old_plan = copy_array (self->org->plan);
  g_autoptr(GArray) old_staffing = copy_array (self->org->staffing);

  set_array (self->org->plan, plan);
  if (staffing)
    set_array (self->org->staffing, staffing);
  if (!dag_store_save (self->store, self->org,
                       DAG_SECTION_PLAN | (staffing ? DAG_SECTION_STAFFING : 0), action, &local))
    {
      g_autofree char *title = g_strdup_printf (_("The plan could not be saved: %s"), local->message);

      set_array (self->org->plan, old_plan);
      set_array (self->org->staffing, old_staffing);
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  return TRUE;
}

static void
push_step (DagWeekView *self, Step *step)
{
  g_array_set_size (self->steps, self->n_done);
  g_array_append_val (self->steps, *step);
  self->n_done++;
}

static void
show_group (DagWeekView *self, int group)
{
  int location;

  if (group < 0 || (guint) group >= self->org->groups->len)
    return;
  location = DAG_AT (self->org->groups, DagGroup, group)->location;
  if (location >= 0 && location != self->location)
    dag_week_view_set_location (self, location);
}

static void
undo_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  DagWeekView *self = DAG_WEEK_VIEW (widget);
  Step *s;

  if (self->org == NULL || self->n_done == 0 || self->cancellable)
    return;
  s = DAG_AT (self->steps, Step, self->n_done - 1);
  show_group (self, s->group);
  if (save_arrays (self, s->plan_before, s->staffing_before, "undo", NULL))
    self->n_done--;
  refresh (self);
  update_actions (self);
}

static void
redo_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  DagWeekView *self = DAG_WEEK_VIEW (widget);
  Step *s;

  if (self->org == NULL || self->n_done >= self->steps->len || self->cancellable)
    return;
  s = DAG_AT (self->steps, Step, self->n_done);
  show_group (self, s->group);
  if (save_arrays (self, s->plan_after, s->staffing_after, "redo", NULL))
    self->n_done++;
  refresh (self);
  update_actions (self);
}

static void
move_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  int p, fg, fs, tg, ts;

  g_variant_get (parameter, "(iiiii)", &p, &fg, &fs, &tg, &ts);
  dag_week_view_move (DAG_WEEK_VIEW (widget), p, fg, fs, tg, ts, NULL);
}

/* ---- planning automatically --------------------------------------------- */

typedef struct {
  GWeakRef view;
  double   fraction;
} Progress;

static gboolean
progress_idle (gpointer data)
{
  Progress *pr = data;
  g_autoptr(DagWeekView) self = g_weak_ref_get (&pr->view);

  if (self && self->progress_bar)
    gtk_progress_bar_set_fraction (self->progress_bar, pr->fraction);
  g_weak_ref_clear (&pr->view);
  g_free (pr);
  return G_SOURCE_REMOVE;
}

/* Runs in the planner's thread: the bar is updated in the main thread. */
static void
progress_cb (double fraction, gpointer user_data)
{
  Progress *pr = g_new0 (Progress, 1);

  g_weak_ref_init (&pr->view, user_data);
  pr->fraction = fraction;
  g_idle_add (progress_idle, pr);
}

static void
dialog_response_cb (AdwMessageDialog *dialog, const char *response, DagWeekView *self)
{
  /* The dialog closes itself after answering. */
  g_object_remove_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->dialog);
  self->dialog = NULL;
  if (g_str_equal (response, "accept"))
    dag_week_view_accept_proposal (self, NULL);
  else
    dag_week_view_reject_proposal (self);
}

static void
show_proposal (DagWeekView *self)
{
  const DagPlanResult *r = self->proposal;
  g_autoptr(GString) body = g_string_new (NULL);
  g_autofree char *summary = NULL;
  GtkWidget *scrolled, *label;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  guint lines = 0, more = 0;

  /* TRANSLATORS: a summary of the planner's proposal */
  summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u indicated dagdelen placed; %u change.",
                                         "%u of %u indicated dagdelen placed; %u changes.", r->changes->len),
                             r->placed, r->indicated, r->changes->len);
  for (guint i = 0; i < r->changes->len; i++)
    {
      const DagPlanChange *c = DAG_AT (r->changes, DagPlanChange, i);
      g_autofree char *from = c->from_slot >= 0 ? slot_text (c->from_slot) : NULL;
      g_autofree char *to = c->to_slot >= 0 ? slot_text (c->to_slot) : NULL;

      if (lines >= MAX_PROPOSAL_LINES)
        {
          more++;
          continue;
        }
      g_string_append (body, "\n• ");
      switch (c->kind)
        {
        case DAG_CHANGE_ADD:
          /* TRANSLATORS: participant, group, day and dagdeel */
          g_string_append_printf (body, _("%s is added to %s on %s"),
                                  participant_name (self->org, c->participant),
                                  group_name (self->org, c->to_group), to);
          break;
        case DAG_CHANGE_REMOVE:
          g_string_append_printf (body, _("%s leaves %s on %s"),
                                  participant_name (self->org, c->participant),
                                  group_name (self->org, c->from_group), from);
          break;
        case DAG_CHANGE_MOVE:
        default:
          g_string_append_printf (body, _("%s moves from %s on %s to %s on %s"),
                                  participant_name (self->org, c->participant),
                                  group_name (self->org, c->from_group), from,
                                  group_name (self->org, c->to_group), to);
          break;
        }
      lines++;
    }
  for (guint i = 0; i < r->waiting->len; i++)
    {
      const DagWaitEntry *w = DAG_AT (r->waiting, DagWaitEntry, i);

      if (lines >= MAX_PROPOSAL_LINES)
        {
          more++;
          continue;
        }
      g_string_append (body, "\n• ");
      /* TRANSLATORS: participant, number of dagdelen, the reason */
      g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE, "%s waits for %d dagdeel: %s",
                                                 "%s waits for %d dagdelen: %s", w->units),
                              participant_name (self->org, w->participant), w->units,
                              dag_wait_reason_name (w->reason));
      lines++;
    }
  if (more)
    {
      g_string_append_c (body, '\n');
      g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE, "… and %u more", "… and %u more", more), more);
    }

  self->dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         _("Proposed Week Plan"), summary);
  /* Who moves, who is added and who waits, left-aligned and scrolled:
   * the list can be long. */
  label = g_object_new (GTK_TYPE_LABEL, "label", body->str + (body->len > 0 && body->str[0] == '\n'),
                        "xalign", 0.0f, "wrap", TRUE, "selectable", TRUE, "valign", GTK_ALIGN_START, NULL);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 200);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 320);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), label);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (self->dialog), scrolled);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (self->dialog),
                                    "reject", _("_Reject"), "accept", _("_Accept"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (self->dialog), "accept",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (self->dialog), "accept");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (self->dialog), "reject");
  g_object_add_weak_pointer (G_OBJECT (self->dialog), (gpointer *) &self->dialog);
  g_signal_connect_object (self->dialog, "response", G_CALLBACK (dialog_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (self->dialog));
}

static void
planned_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  PlanJob *job = user_data;
  g_autoptr(DagWeekView) self = job->self;
  g_autoptr(GError) error = NULL;
  DagPlanResult *r = dag_planner_run_finish (result, &error);
  gboolean same_org = job->box == self->box;

  org_box_release (job->box);
  g_free (job);

  /* A planner of an organisation no longer shown (or of a view gone)
   * only has its result dropped. */
  if (self->progress_bar == NULL || !same_org)
    {
      g_clear_pointer (&r, dag_plan_result_free);
      return;
    }
  g_clear_object (&self->cancellable);
  update_actions (self);
  if (r == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *title = g_strdup_printf (_("Planning failed: %s"), error->message);
          adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
        }
      return;
    }
  g_clear_pointer (&self->proposal, dag_plan_result_free);
  self->proposal = r;
  show_proposal (self);
}

static void
plan_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  dag_week_view_plan (DAG_WEEK_VIEW (widget));
}

static void
cancel_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  DagWeekView *self = DAG_WEEK_VIEW (widget);

  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
}

/* ---- drag and drop ------------------------------------------------------ */

/* The payload: "participant:group:slot", group -1 from the waiting list. */
static GdkContentProvider *
drag_prepare_cb (GtkDragSource *source, double x, double y, gpointer data)
{
  GtkWidget *chip = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source));
  const char *payload = g_object_get_data (G_OBJECT (chip), "payload");

  return gdk_content_provider_new_typed (G_TYPE_STRING, payload);
}

static gboolean
drop_cb (GtkDropTarget *target, const GValue *value, double x, double y, gpointer data)
{
  GtkWidget *box = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target));
  DagWeekView *self = DAG_WEEK_VIEW (gtk_widget_get_ancestor (box, DAG_TYPE_WEEK_VIEW));
  int gs = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (box), "group-slot"));
  int p, g, s;

  if (self == NULL || !G_VALUE_HOLDS_STRING (value) ||
      sscanf (g_value_get_string (value), "%d:%d:%d", &p, &g, &s) != 3)
    return FALSE;
  if (g == gs / DAG_N_SLOTS && s == gs % DAG_N_SLOTS)
    return FALSE;
  return dag_week_view_move (self, p, g, s, gs / DAG_N_SLOTS, gs % DAG_N_SLOTS, NULL);
}

static void
add_drag (GtkWidget *widget, int participant, int group, int slot)
{
  GtkDragSource *source = gtk_drag_source_new ();

  g_object_set_data_full (G_OBJECT (widget), "payload",
                          g_strdup_printf ("%d:%d:%d", participant, group, slot), g_free);
  gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
  g_signal_connect (source, "prepare", G_CALLBACK (drag_prepare_cb), NULL);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (source));
}

/* ---- showing ------------------------------------------------------------ */

static GtkWidget *
chip (const DagParticipant *p)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 2);

  gtk_widget_add_css_class (box, "week-chip");
  gtk_box_append (GTK_BOX (box), g_object_new (GTK_TYPE_LABEL, "label", p->name, "xalign", 0.0f,
                                               "hexpand", TRUE, "ellipsize", PANGO_ELLIPSIZE_END,
                                               "width-chars", 6, "max-width-chars", 10, NULL));
  if (p->transport == DAG_TRANSPORT_BUS)
    {
      GtkWidget *icon = gtk_image_new_from_icon_name ("emoji-travel-symbolic");
      gtk_widget_set_tooltip_text (icon, _("Comes by bus"));
      gtk_box_append (GTK_BOX (box), icon);
    }
  if (p->wheelchair)
    {
      GtkWidget *icon = gtk_image_new_from_icon_name ("preferences-desktop-accessibility-symbolic");
      gtk_widget_set_tooltip_text (icon, _("Wheelchair"));
      gtk_box_append (GTK_BOX (box), icon);
    }
  return box;
}

/* The dagdelen each participant is indicated for in the shown week (valid
 * day-activity indications), less those planned. */
static void
show_waiting (DagWeekView *self)
{
  const DagOrg *org = self->org;
  g_autofree int *want = g_new0 (int, org->participants->len + 1);
  g_autofree int *reason = g_new (int, org->participants->len + 1);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->waiting_list))) != NULL)
    gtk_list_box_remove (self->waiting_list, child);
  for (guint i = 0; i < org->participants->len; i++)
    reason[i] = -1;
  for (guint i = 0; i < org->indications->len; i++)
    {
      const DagIndication *in = DAG_AT (org->indications, DagIndication, i);
      int max = 0, min = 0;

      if (in->participant < 0 || (guint) in->participant >= org->participants->len ||
          !dag_rules_is_day_activity (org, in) ||
          !(dag_rules_valid_on (in, self->week) || dag_rules_valid_on (in, self->week + 4)))
        continue;
      dag_rules_weekly_volume (in, &max, &min);
      want[in->participant] += max;
    }
  for (guint i = 0; i < org->plan->len; i++)
    {
      int p = DAG_AT (org->plan, DagPlanEntry, i)->participant;
      if (p >= 0 && (guint) p < org->participants->len)
        want[p]--;
    }
  if (self->last_result)
    for (guint i = 0; i < self->last_result->waiting->len; i++)
      {
        const DagWaitEntry *w = DAG_AT (self->last_result->waiting, DagWaitEntry, i);
        if (w->participant >= 0 && (guint) w->participant < org->participants->len)
          reason[w->participant] = w->reason;
      }
  self->n_waiting = 0;
  for (guint p = 0; p < org->participants->len; p++)
    {
      GtkWidget *row, *box;
      g_autofree char *text = NULL;

      if (want[p] <= 0)
        continue;
      self->n_waiting++;
      box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
      gtk_box_append (GTK_BOX (box), chip (DAG_AT (org->participants, DagParticipant, p)));
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d dagdeel unplaced", "%d dagdelen unplaced", want[p]),
                              want[p]);
      if (reason[p] >= 0)
        {
          g_autofree char *line = g_strdup_printf ("%s · %s", text, dag_wait_reason_name (reason[p]));
          g_free (text);
          text = g_steal_pointer (&line);
        }
      gtk_box_append (GTK_BOX (box), g_object_new (GTK_TYPE_LABEL, "label", text, "xalign", 0.0f,
                                                   "wrap", TRUE,
                                                   "css-classes", (const char *[]) { "caption", "dim-label", NULL },
                                                   NULL));
      row = gtk_list_box_row_new ();
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      gtk_widget_set_tooltip_text (row, _("Drag into a cell to plan"));
      add_drag (row, (int) p, -1, -1);
      gtk_list_box_append (self->waiting_list, row);
    }
  {
    g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Waiting list (%u)",
                                                          "Waiting list (%u)", self->n_waiting),
                                             self->n_waiting);
    gtk_label_set_text (self->waiting_label, text);
  }
}

/* Fills every cell anew from org: participants, occupancy, findings. */
static void
refresh (DagWeekView *self)
{
  g_autoptr(GArray) findings = NULL;
  g_autoptr(GString) panel = g_string_new (NULL);
  guint n_problems = 0;
  gint64 t0 = g_get_monotonic_time ();

  if (self->org == NULL || self->cells == NULL)
    return;
  findings = dag_rules_check (self->org, self->week);
  for (guint i = 0; i < self->cells->len; i++)
    {
      Cell *c = DAG_AT (self->cells, Cell, i);
      const DagGroup *g = DAG_AT (self->org->groups, DagGroup, c->group);
      g_autoptr(GString) problems = g_string_new (NULL);
      gboolean error = FALSE, warning = FALSE;
      GtkWidget *child, *label;
      g_autofree char *occupancy = NULL;
      int count = 0;

      g_clear_pointer (&c->problems, g_free);
      if (c->box == NULL)
        continue;
      while ((child = gtk_widget_get_first_child (c->box)) != NULL)
        gtk_box_remove (GTK_BOX (c->box), child);
      label = g_object_new (GTK_TYPE_LABEL, "xalign", 1.0f,
                            "css-classes", (const char *[]) { "caption", "numeric", NULL }, NULL);
      gtk_box_append (GTK_BOX (c->box), label);
      for (guint k = 0; k < self->org->plan->len; k++)
        {
          const DagPlanEntry *e = DAG_AT (self->org->plan, DagPlanEntry, k);
          GtkWidget *ch;

          if (e->group != c->group || e->slot != c->slot || e->participant < 0 ||
              (guint) e->participant >= self->org->participants->len)
            continue;
          ch = chip (DAG_AT (self->org->participants, DagParticipant, e->participant));
          add_drag (ch, e->participant, c->group, c->slot);
          gtk_box_append (GTK_BOX (c->box), ch);
          count++;
        }
      /* TRANSLATORS: occupancy of a group on a dagdeel, e.g. "7/8" */
      occupancy = g_strdup_printf (_("%d/%d"), count, g->capacity);
      gtk_label_set_text (GTK_LABEL (label), occupancy);
      for (guint k = 0; k < findings->len; k++)
        {
          const DagFinding *f = &g_array_index (findings, DagFinding, k);
          if (f->group != c->group || f->slot != c->slot)
            continue;
          if (problems->len)
            g_string_append_c (problems, '\n');
          g_string_append (problems, f->message);
          {
            g_autofree char *when = slot_text (c->slot);

            /* TRANSLATORS: a group, a day and dagdeel, and what is wrong there */
            g_string_append_printf (panel, _("%s, %s: %s"), g->name, when, f->message);
            g_string_append_c (panel, '\n');
          }
          error |= f->severity == DAG_SEVERITY_ERROR;
          warning |= f->severity == DAG_SEVERITY_WARNING;
          n_problems++;
        }
      gtk_widget_remove_css_class (c->box, "error");
      gtk_widget_remove_css_class (c->box, "warning");
      if (error)
        gtk_widget_add_css_class (c->box, "error");
      else if (warning)
        gtk_widget_add_css_class (c->box, "warning");
      if (problems->len)
        c->problems = g_string_free (g_steal_pointer (&problems), FALSE);
      gtk_widget_set_tooltip_text (c->box, c->problems);
    }
  if (n_problems == 0)
    gtk_label_set_text (self->summary_label, _("No plan problems at this location"));
  else
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u plan problem at this location",
                                                            "%u plan problems at this location", n_problems),
                                               n_problems);
      gtk_label_set_text (self->summary_label, text);
    }
  if (panel->len)
    g_string_truncate (panel, panel->len - 1);
  gtk_label_set_text (self->findings_label, panel->str);
  gtk_widget_set_visible (GTK_WIDGET (self->findings_box), panel->len > 0);
  show_waiting (self);
  g_debug ("Week view refreshed in %.1f ms", (g_get_monotonic_time () - t0) / 1000.0);
}

static void
build_grid (DagWeekView *self)
{
  int row = DAG_SLOT_GRID_FIRST_ROW;

  g_array_set_size (self->cells, 0);
  dag_slot_grid_reset (self->grid);
  if (self->org == NULL || self->location < 0)
    return;
  for (guint g = 0; g < self->org->groups->len; g++)
    {
      const DagGroup *gr = DAG_AT (self->org->groups, DagGroup, g);

      if (gr->location != self->location)
        continue;
      dag_slot_grid_add_group (self->grid, gr->name, row, 10);
      for (int day = 0; day < N_SHOWN_DAYS; day++)
        for (int part = 0; part < N_SHOWN_PARTS; part++)
          {
            Cell cell = { (int) g, DAG_SLOT (day, part), NULL, NULL };

            if (gr->slots & DAG_SLOT_BIT (cell.slot))
              {
                GtkDropTarget *target = gtk_drop_target_new (G_TYPE_STRING, GDK_ACTION_MOVE);

                cell.box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
                gtk_widget_add_css_class (cell.box, "week-cell");
                gtk_widget_set_hexpand (cell.box, TRUE);
                g_object_set_data (G_OBJECT (cell.box), "group-slot",
                                   GINT_TO_POINTER ((int) g * DAG_N_SLOTS + cell.slot));
                g_signal_connect (target, "drop", G_CALLBACK (drop_cb), NULL);
                gtk_widget_add_controller (cell.box, GTK_EVENT_CONTROLLER (target));
                gtk_grid_attach (self->grid, cell.box, 1 + day * N_SHOWN_PARTS + part, row, 1, 1);
              }
            g_array_append_val (self->cells, cell);
          }
      row++;
    }
}

static void
location_selected_cb (DagWeekView *self)
{
  guint selected = gtk_drop_down_get_selected (self->location_dropdown);
  gint64 t0 = g_get_monotonic_time ();

  if (self->org == NULL || selected == GTK_INVALID_LIST_POSITION)
    self->location = -1;
  else
    self->location = (int) selected;
  build_grid (self);
  refresh (self);
  g_debug ("Week view shown in %.1f ms", (g_get_monotonic_time () - t0) / 1000.0);
}

/* ---- the object --------------------------------------------------------- */

static void
dag_week_view_dispose (GObject *object)
{
  DagWeekView *self = DAG_WEEK_VIEW (object);

  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->dialog)
    gtk_window_destroy (GTK_WINDOW (self->dialog));
  g_clear_object (&self->store);
  g_clear_pointer (&self->box, org_box_release);
  self->org = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), DAG_TYPE_WEEK_VIEW);
  self->progress_bar = NULL;
  G_OBJECT_CLASS (dag_week_view_parent_class)->dispose (object);
}

static void
dag_week_view_finalize (GObject *object)
{
  DagWeekView *self = DAG_WEEK_VIEW (object);

  g_clear_pointer (&self->cells, g_array_unref);
  g_clear_pointer (&self->steps, g_array_unref);
  g_clear_pointer (&self->proposal, dag_plan_result_free);
  g_clear_pointer (&self->last_result, dag_plan_result_free);
  G_OBJECT_CLASS (dag_week_view_parent_class)->finalize (object);
}

static void
dag_week_view_class_init (DagWeekViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dag_week_view_dispose;
  object_class->finalize = dag_week_view_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/dagritme/Dagritme/dag-week-view.ui");
  gtk_widget_class_bind_template_child (widget_class, DagWeekView, location_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DagWeekView, summary_label);
  gtk_widget_class_bind_template_child (widget_class, DagWeekView, grid);
  gtk_widget_class_bind_template_child (widget_class, DagWeekView, waiting_list);
  gtk_widget_class_bind_template_child (widget_class, DagWeekView, waiting_label);
  gtk_widget_class_bind_template_child (widget_class, DagWeekView, plan_button);
  gtk_widget_class_bind_template_child (widget_class, DagWeekView, progress_box);
  gtk_widget_class_bind_template_child (widget_class, DagWeekView, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, DagWeekView, findings_box);
  gtk_widget_class_bind_template_child (widget_class, DagWeekView, findings_label);
  gtk_widget_class_bind_template_callback (widget_class, location_selected_cb);

  gtk_widget_class_install_action (widget_class, "week.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "week.redo", NULL, redo_action);
  gtk_widget_class_install_action (widget_class, "week.move", "(iiiii)", move_action);
  gtk_widget_class_install_action (widget_class, "week.plan", NULL, plan_action);
  gtk_widget_class_install_action (widget_class, "week.cancel", NULL, cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "week.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "week.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Z, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "week.redo", NULL);
}

static const char css[] =
  ".week-cell { padding: 4px; border-radius: 6px; min-width: 72px;"
  " background-color: alpha(currentColor, 0.05); }\n"
  ".week-cell.error { background-color: alpha(@error_color, 0.15); color: @window_fg_color; }\n"
  ".week-cell.error > label.numeric { color: @error_color; font-weight: bold; }\n"
  ".week-cell.warning { background-color: alpha(@warning_color, 0.12); }\n"
  ".week-chip { font-size: 0.8em; border-radius: 4px; padding: 0 4px;"
  " background-color: alpha(@accent_bg_color, 0.18); }\n"
  ".week-chip image { -gtk-icon-size: 10px; }\n";

static void
dag_week_view_init (DagWeekView *self)
{
  static gsize css_loaded = 0;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->toast_overlay = ADW_TOAST_OVERLAY (adw_bin_get_child (ADW_BIN (self)));
  self->location = -1;
  self->week = dag_rules_week_start (dag_date_today () + 7);
  self->cells = g_array_new (FALSE, TRUE, sizeof (Cell));
  g_array_set_clear_func (self->cells, cell_clear);
  self->steps = g_array_new (FALSE, TRUE, sizeof (Step));
  g_array_set_clear_func (self->steps, step_clear);
  if (g_once_init_enter (&css_loaded))
    {
      GtkCssProvider *provider = gtk_css_provider_new ();

      gtk_css_provider_load_from_data (provider, css, -1);
      gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider),
                                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
      g_object_unref (provider);
      g_once_init_leave (&css_loaded, 1);
    }
  update_actions (self);
}

/* ---- public ------------------------------------------------------------- */

void
dag_week_view_set_org (DagWeekView *self,
                       DagStore    *store,
                       DagOrg     **org_box)
{
  DagOrg *org = org_box ? *org_box : NULL;
  g_autoptr(GtkStringList) locations = gtk_string_list_new (NULL);

  g_return_if_fail (DAG_IS_WEEK_VIEW (self));

  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->dialog)
    gtk_window_destroy (GTK_WINDOW (self->dialog));
  g_clear_pointer (&self->proposal, dag_plan_result_free);
  g_clear_pointer (&self->last_result, dag_plan_result_free);
  g_set_object (&self->store, store);
  g_clear_pointer (&self->box, org_box_release);
  self->box = org_box ? g_rc_box_acquire (org_box) : NULL;
  self->org = org;
  self->location = -1;
  g_array_set_size (self->steps, 0);
  self->n_done = 0;
  update_actions (self);
  if (org != NULL)
    for (guint i = 0; i < org->locations->len; i++)
      gtk_string_list_append (locations, DAG_AT (org->locations, DagLocation, i)->name);
  gtk_drop_down_set_model (self->location_dropdown, G_LIST_MODEL (locations));
  location_selected_cb (self);
}

void
dag_week_view_set_week (DagWeekView *self,
                        DagDate      week)
{
  g_return_if_fail (DAG_IS_WEEK_VIEW (self));
  self->week = dag_rules_week_start (week);
  refresh (self);
}

void
dag_week_view_set_location (DagWeekView *self,
                            int          location)
{
  g_return_if_fail (DAG_IS_WEEK_VIEW (self));
  g_return_if_fail (self->org != NULL && location >= 0 && (guint) location < self->org->locations->len);
  gtk_drop_down_set_selected (self->location_dropdown, (guint) location);
}

GtkWidget *
dag_week_view_get_cell (DagWeekView *self, int group, int slot)
{
  Cell *c;

  g_return_val_if_fail (DAG_IS_WEEK_VIEW (self), NULL);
  c = find_cell (self, group, slot);
  return c ? c->box : NULL;
}

const char *
dag_week_view_get_problems (DagWeekView *self, int group, int slot)
{
  Cell *c;

  g_return_val_if_fail (DAG_IS_WEEK_VIEW (self), NULL);
  c = find_cell (self, group, slot);
  return c ? c->problems : NULL;
}

guint
dag_week_view_get_n_waiting (DagWeekView *self)
{
  g_return_val_if_fail (DAG_IS_WEEK_VIEW (self), 0);
  return self->n_waiting;
}

gboolean
dag_week_view_move (DagWeekView *self,
                    int          participant,
                    int          from_group,
                    int          from_slot,
                    int          to_group,
                    int          to_slot,
                    GError     **error)
{
  Step step = { NULL, NULL, NULL, NULL, to_group };
  int at = -1;

  g_return_val_if_fail (DAG_IS_WEEK_VIEW (self), FALSE);
  g_return_val_if_fail (self->org != NULL && self->store != NULL, FALSE);
  if (self->cancellable != NULL ||
      participant < 0 || (guint) participant >= self->org->participants->len ||
      to_group < 0 || (guint) to_group >= self->org->groups->len ||
      to_slot < 0 || to_slot >= DAG_N_SLOTS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The participant cannot be moved there now"));
      return FALSE;
    }
  if (from_group >= 0)
    {
      for (guint i = 0; i < self->org->plan->len && at < 0; i++)
        {
          const DagPlanEntry *e = DAG_AT (self->org->plan, DagPlanEntry, i);
          if (e->participant == participant && e->group == from_group && e->slot == from_slot)
            at = (int) i;
        }
      if (at < 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                       _("The participant is not planned in that group then"));
          return FALSE;
        }
    }
  step.plan_before = copy_array (self->org->plan);
  step.plan_after = copy_array (self->org->plan);
  if (at >= 0)
    {
      DagPlanEntry *e = DAG_AT (step.plan_after, DagPlanEntry, at);
      e->group = to_group;
      e->slot = to_slot;
    }
  else
    {
      DagPlanEntry e = { participant, to_group, to_slot };
      g_array_append_val (step.plan_after, e);
    }
  if (!save_arrays (self, step.plan_after, NULL, "move", error))
    {
      step_clear (&step);
      return FALSE;
    }
  push_step (self, &step);
  refresh (self);
  update_actions (self);
  return TRUE;
}

void
dag_week_view_plan (DagWeekView *self)
{
  DagPlannerOptions options;

  g_return_if_fail (DAG_IS_WEEK_VIEW (self));
  if (self->org == NULL || self->cancellable != NULL)
    return;
  dag_planner_options_init (&options);
  options.week = self->week;
  options.keep_existing = TRUE;
  /* A proposal within seconds: one waits for it. */
  options.time_limit_ms = 3000;
  self->cancellable = g_cancellable_new ();
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  update_actions (self);
  {
    PlanJob *job = g_new0 (PlanJob, 1);

    job->self = g_object_ref (self);
    job->box = g_rc_box_acquire (self->box);
    dag_planner_run_async (self->org, &options, progress_cb, self, self->cancellable,
                           planned_cb, job);
  }
}

gboolean
dag_week_view_is_planning (DagWeekView *self)
{
  g_return_val_if_fail (DAG_IS_WEEK_VIEW (self), FALSE);
  return self->cancellable != NULL;
}

const DagPlanResult *
dag_week_view_get_proposal (DagWeekView *self)
{
  g_return_val_if_fail (DAG_IS_WEEK_VIEW (self), NULL);
  return self->proposal;
}

gboolean
dag_week_view_accept_proposal (DagWeekView *self,
                               GError     **error)
{
  Step step = { NULL, NULL, NULL, NULL, -1 };

  g_return_val_if_fail (DAG_IS_WEEK_VIEW (self), FALSE);
  g_return_val_if_fail (self->proposal != NULL, FALSE);

  if (self->dialog)
    gtk_window_destroy (GTK_WINDOW (self->dialog));
  step.plan_before = copy_array (self->org->plan);
  step.staffing_before = copy_array (self->org->staffing);
  if (!dag_plan_result_save (self->proposal, self->store, self->org, error))
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("The proposed plan could not be saved")));
      step_clear (&step);
      return FALSE;
    }
  step.plan_after = copy_array (self->org->plan);
  step.staffing_after = copy_array (self->org->staffing);
  push_step (self, &step);
  g_clear_pointer (&self->last_result, dag_plan_result_free);
  self->last_result = g_steal_pointer (&self->proposal);
  refresh (self);
  update_actions (self);
  return TRUE;
}

void
dag_week_view_reject_proposal (DagWeekView *self)
{
  g_return_if_fail (DAG_IS_WEEK_VIEW (self));
  if (self->dialog)
    gtk_window_destroy (GTK_WINDOW (self->dialog));
  g_clear_pointer (&self->proposal, dag_plan_result_free);
}

DagDate
dag_week_view_get_week (DagWeekView *self)
{
  g_return_val_if_fail (DAG_IS_WEEK_VIEW (self), DAG_DATE_NONE);
  return self->week;
}

int
dag_week_view_get_location (DagWeekView *self)
{
  g_return_val_if_fail (DAG_IS_WEEK_VIEW (self), -1);
  return self->location;
}
