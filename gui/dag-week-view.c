/* dag-week-view.c — the Week Plan view: the groups of one location over the
 * weekday dagdelen of one week with their participants, staff, occupancy
 * and the planning rules' findings, holidays and closures, the waiting
 * list, moving participants by drag and drop or from the keyboard (one
 * store transaction each, undone through the window's history), and the
 * planner in the background with a proposal to accept or reject.
 *
 * A move re-draws only the two cells it changes and re-checks only the
 * cells whose findings it can change, so that it stays fast on large
 * organisations; a new week re-checks the cells without re-drawing them. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "dag-fit-label.h"
#include "dag-history.h"
#include "dag-holidays.h"
#include "dag-rules.h"
#include "dag-slot-grid.h"
#include "dag-store-plan.h"
#include "dag-week-legend.h"
#include "dag-week-view.h"

/* Groups meet on weekday mornings and afternoons (DOMAIN.md). */
#define N_SHOWN_DAYS  DAG_SLOT_GRID_DAYS
#define N_SHOWN_PARTS DAG_SLOT_GRID_PARTS
/* Lines of the proposal listed in the dialog; the rest are counted. */
#define MAX_PROPOSAL_LINES 40

typedef struct {
  int        group;
  int        slot;
  GtkWidget *box;        /* NULL when the group does not meet then */
  GtkWidget *occupancy;  /* label "7/8" */
  GtkWidget *chips;      /* box of participant chips */
  GtkWidget *staff;      /* box of the staff chips of who works there */
  char      *staff_text; /* "Staff: Jan Bakker (HBO, lead), …", NULL when none */
  char      *problems;   /* the findings, one a line, NULL when none */
  GArray    *found;      /* of CellFinding, NULL when none */
  guint      n_problems;
  gboolean   marked;     /* shows changes of the proposal */
} Cell;

/* What the findings panel needs of a finding of a cell. */
typedef struct {
  const char *rule;
  int         severity;     /* DagSeverity */
  int         participant;
  int         staff;
  char       *message;      /* the rules' whole sentence, ids and all */
} CellFinding;

static void
cell_finding_clear (gpointer p)
{
  g_free (((CellFinding *) p)->message);
}

static void
cell_clear (gpointer p)
{
  Cell *c = p;

  g_free (c->problems);
  g_free (c->staff_text);
  g_clear_pointer (&c->found, g_array_unref);
}

/* What a chip (or a row of the waiting list) stands for: a plan entry, or
 * with group -1 a participant waiting. */
typedef struct {
  int participant;
  int group;
  int slot;
} ChipRef;

struct _DagWeekView
{
  AdwBin           parent_instance;

  DagStore        *store;
  DagOrg         **box;            /* g_rc_box shared with the window */
  DagOrg          *org;            /* *box */
  DagDate          week;           /* its Monday */
  int              location;
  GArray          *cells;          /* of Cell, group by group, then slot */
  int             *cell_at;        /* group * DAG_N_SLOTS + slot → index in cells, or -1 */
  char            *day_note[N_SHOWN_DAYS];  /* holiday or closure, NULL when open */
  /* Per participant, once asked: the name a chip shows where it fits and
   * its short form, both telling apart the namesakes at the location. */
  char           **long_names;
  char           **short_names;
  guint            n_names;
  GtkWidget      **group_panels;   /* per group at the location: its problems */
  gboolean         panel_auto_hidden;  /* the side panel made room for the week */
  int              panel_user_width;   /* the width at which the user chose, else -1 */
  guint            fit_source;
  int             *want;           /* per participant: dagdelen unplaced this week */
  GtkWidget      **waiting_rows;   /* per participant: its row once made, or NULL */
  guint            n_waiting;
  gboolean         setting_locations;  /* the dropdown's model is being replaced */
  GCancellable    *cancellable;    /* of the running planner, else NULL */
  GCancellable    *stop;           /* ends its search, keeping the best plan */
  /* What the running planner has placed so far and its upper bound, set
   * by its thread (DagPlannerOptions); read in the main thread. */
  volatile gint    placed_now, bound_now;
  guint            progress_source;
  DagPlanResult   *proposal;
  DagPlanResult   *last_result;    /* for the waiting reasons */
  GtkWidget       *dialog;
  GtkWidget       *drag_chip;      /* the chip being dragged */
  GtkWidget       *move_popover;   /* "Move to…", owned */
  GtkWidget       *move_title;
  GtkWidget       *move_waiting_button;
  GtkListBox      *move_list;
  ChipRef          move_ref;       /* what the popover moves */
  GtkWidget       *scope_dialog;   /* "Only this week / From this week on" */
  ChipRef          pending_from;   /* the move it asks about */
  int              pending_to_group, pending_to_slot;
  gboolean         pending_focus;  /* focus the chip after (keyboard) */
  GtkWidget       *change_popover; /* a proposed change: accept it */
  int              popover_change;
  DagFrozen        frozen;         /* of the week shown */
  char            *frozen_message;
  char            *last_toast;

  /* template widgets */
  AdwToastOverlay *toast_overlay;
  GtkDropDown     *location_dropdown;
  GtkLabel        *week_label;
  GtkLabel        *summary_label;
  GtkGrid         *grid;
  GtkListBox      *waiting_list;
  GtkLabel        *waiting_label;
  GtkWidget       *plan_button;
  GtkBox          *progress_box;
  GtkProgressBar  *progress_bar;
  GtkLabel        *progress_label;
  GtkBox          *findings_box;
  GtkBox          *findings_list;
  GtkBox          *frozen_box;
  GtkLabel        *frozen_label;
  GtkBox          *proposal_box;
  GtkLabel        *proposal_label;
  GtkWidget       *side_panel;
  GtkToggleButton *panel_button;
  GtkMenuButton   *legend_button;
  GtkScrolledWindow *grid_scroll;
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
  DagWeekView  *self;
  DagOrg      **box;
  GCancellable *stop;   /* options.stop, alive while the planner reads it */
} PlanJob;

static void refresh (DagWeekView *self);
static void update_proposal_bar (DagWeekView *self);
static void set_week (DagWeekView *self, DagDate week);
static void refresh_marks (DagWeekView *self);
static void open_change_popover (DagWeekView *self, GtkWidget *chip, int change);
static int change_of (GtkWidget *widget);
static char *change_reason (DagWeekView *self, int i);

/* Whether a dated plan or staffing entry applies in the week shown (entries
 * run Monday to Sunday, so its Monday decides). */
#define APPLIES(self, e) DAG_DATED_APPLIES ((e)->from, (e)->until, (self)->week)

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

static char *
slot_text (int slot)
{
  return g_strdup (slot >= 0 && slot < DAG_N_SLOTS ? dag_slot_label (slot) : "?");
}

/* The cell of group and slot at the location shown, or NULL. */
static Cell *
find_cell (DagWeekView *self, int group, int slot)
{
  int i;

  if (self->cell_at == NULL || self->org == NULL || group < 0 || (guint) group >= self->org->groups->len ||
      slot < 0 || slot >= DAG_N_SLOTS)
    return NULL;
  i = self->cell_at[group * DAG_N_SLOTS + slot];
  return i >= 0 ? DAG_AT (self->cells, Cell, i) : NULL;
}

static int
cell_index (DagWeekView *self, int group, int slot)
{
  Cell *c = find_cell (self, group, slot);

  return c ? (int) (c - (Cell *) self->cells->data) : -1;
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
  gboolean shown = self->org != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "week.move", idle && shown);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "week.move-menu", idle && shown);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "week.plan", idle && shown);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "week.plan-all", idle && shown);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "week.accept-proposal", self->proposal != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "week.reject-proposal", self->proposal != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "week.previous-week", shown);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "week.next-week", shown);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "week.this-week", shown);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_box), !idle);
  gtk_widget_set_visible (GTK_WIDGET (self->plan_button), idle);
}

/* ---- changing the plan -------------------------------------------------- */

static void
toast (DagWeekView *self, const char *text)
{
  g_free (self->last_toast);
  self->last_toast = g_strdup (text);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

/* A frozen week's reason is the whole message; other errors are failures
 * to save. */
static void
toast_save_error (DagWeekView *self, const GError *error)
{
  g_autofree char *title = NULL;

  if (g_error_matches (error, DAG_STORE_ERROR, DAG_STORE_ERROR_FROZEN))
    {
      toast (self, error->message);
      return;
    }
  title = g_strdup_printf (_("The plan could not be saved: %s"), error->message);
  toast (self, title);
}

/* Says why the week shown is read-only and returns TRUE, or FALSE when it
 * may be changed. */
static gboolean
refuse_if_frozen (DagWeekView *self, GError **error)
{
  if (self->frozen == DAG_FROZEN_NO)
    return FALSE;
  toast (self, self->frozen_message);
  g_set_error_literal (error, DAG_STORE_ERROR, DAG_STORE_ERROR_FROZEN, self->frozen_message);
  return TRUE;
}

/* The entries of participant in org->plan (all weeks, with their dates). */
static GArray *
participant_entries (const DagOrg *org, int participant)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (DagPlanEntry));

  for (guint i = 0; i < org->plan->len; i++)
    {
      const DagPlanEntry *e = DAG_AT (org->plan, DagPlanEntry, i);
      if (e->participant == participant)
        g_array_append_vals (out, e, 1);
    }
  return out;
}

/* Puts plan and staffing into org and saves them in one transaction; on
 * error puts the old ones back and says why. */
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
  set_array (self->org->staffing, staffing);
  if (!dag_store_save (self->store, self->org, DAG_SECTION_PLAN | DAG_SECTION_STAFFING, action, &local))
    {
      set_array (self->org->plan, old_plan);
      set_array (self->org->staffing, old_staffing);
      toast_save_error (self, local);
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  return TRUE;
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

static GArray *participant_cells (DagWeekView *self, int participant);
static void refresh_participant (DagWeekView *self, int participant, GArray *cells);

/* Moves participant from group/slot (group -1: from the waiting list) to
 * group/slot (group -1: to the waiting list) in the week shown, for scope,
 * in the store and in org, and re-draws what changed.  before receives the
 * participant's entries as they were.  On error nothing changes. */
static gboolean
do_move (DagWeekView  *self,
         int           participant,
         int           from_group,
         int           from_slot,
         int           to_group,
         int           to_slot,
         DagPlanScope  scope,
         GArray      **before,
         GError      **error)
{
  const DagOrg *org = self->org;
  g_autoptr(GError) local = NULL;
  g_autoptr(GArray) cells = NULL;

  if (self->cancellable != NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_BUSY,
                   _("The week plan cannot change while it is being planned automatically"));
      return FALSE;
    }
  if (participant < 0 || (guint) participant >= org->participants->len ||
      (from_group < 0 && to_group < 0) ||
      from_group >= (int) org->groups->len || to_group >= (int) org->groups->len ||
      (from_group >= 0 && (from_slot < 0 || from_slot >= DAG_N_SLOTS)) ||
      (to_group >= 0 && (to_slot < 0 || to_slot >= DAG_N_SLOTS)))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The participant cannot be moved there now"));
      return FALSE;
    }
  if (refuse_if_frozen (self, error))
    return FALSE;
  cells = participant_cells (self, participant);
  if (!dag_store_move_in_week (self->store, self->org, participant,
                               from_group, from_group >= 0 ? from_slot : -1,
                               to_group, to_group >= 0 ? to_slot : -1,
                               self->week, scope, dag_date_today (), "move", before, &local))
    {
      toast_save_error (self, local);
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  refresh_participant (self, participant, cells);
  return TRUE;
}

/* ---- undo and redo through the window's history ------------------------- */

typedef enum {
  STEP_MOVE,
  STEP_PLAN,     /* an accepted proposal: plan and staffing */
} StepKind;

typedef struct {
  GWeakRef view;
  StepKind kind;
  DagDate  week;                 /* the week it was made in */
  int      participant, from_group, to_group;
  GArray  *plan_before, *plan_after;   /* MOVE: the participant's entries */
  GArray  *staffing_before, *staffing_after;
} Step;

static void
step_free (gpointer p)
{
  Step *s = p;

  g_weak_ref_clear (&s->view);
  g_clear_pointer (&s->plan_before, g_array_unref);
  g_clear_pointer (&s->plan_after, g_array_unref);
  g_clear_pointer (&s->staffing_before, g_array_unref);
  g_clear_pointer (&s->staffing_after, g_array_unref);
  g_free (s);
}

static gboolean
step_apply (gpointer data, gboolean undo, GError **error)
{
  Step *s = data;
  g_autoptr(DagWeekView) self = g_weak_ref_get (&s->view);

  if (self == NULL || self->org == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("The Week Plan is no longer shown"));
      return FALSE;
    }
  if (self->cancellable != NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_BUSY,
                   _("The week plan cannot change while it is being planned automatically"));
      return FALSE;
    }
  /* The week and the location where it was made, as the user saw it. */
  set_week (self, s->week);
  /* A week that froze since (its attendance was registered, or it
   * passed) keeps its plan, even for an undo. */
  {
    DagFrozen frozen = dag_schedule_week_frozen (self->org, s->week, dag_date_today ());

    if (frozen != DAG_FROZEN_NO)
      {
        g_autofree char *why = dag_schedule_frozen_message (frozen, s->week);

        toast (self, why);
        g_set_error_literal (error, DAG_STORE_ERROR, DAG_STORE_ERROR_FROZEN, why);
        return FALSE;
      }
  }
  if (s->kind == STEP_MOVE)
    {
      g_autoptr(GArray) cells = NULL;
      g_autoptr(GError) local = NULL;

      show_group (self, s->to_group >= 0 ? s->to_group : s->from_group);
      cells = participant_cells (self, s->participant);
      /* The participant's entries as they were: the week of the move and
       * the weeks after it that it changed come back together. */
      if (!dag_store_set_participant_plan (self->store, self->org, s->participant,
                                           undo ? s->plan_before : s->plan_after,
                                           undo ? "undo" : "redo", &local))
        {
          toast_save_error (self, local);
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
      dag_week_view_reject_proposal (self);
      refresh_participant (self, s->participant, cells);
      return TRUE;
    }
  if (!save_arrays (self, undo ? s->plan_before : s->plan_after,
                    undo ? s->staffing_before : s->staffing_after, undo ? "undo" : "redo", error))
    return FALSE;
  dag_week_view_reject_proposal (self);
  refresh (self);
  return TRUE;
}

static void
push_step (DagWeekView *self, Step *step, const char *label)
{
  DagHistory *history = dag_history_for_widget (GTK_WIDGET (self));

  /* Outside a window (a view tested alone) a change cannot be undone. */
  if (history == NULL)
    {
      step_free (step);
      return;
    }
  g_weak_ref_init (&step->view, self);
  dag_history_push (history, self, label, "week", step_apply, step, step_free);
}

/* week.move moves without asking, from the week shown on (the default
 * answer of the question a drop asks). */
static void
move_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  int p, fg, fs, tg, ts;

  g_variant_get (parameter, "(iiiii)", &p, &fg, &fs, &tg, &ts);
  dag_week_view_move (DAG_WEEK_VIEW (widget), p, fg, fs, tg, ts, DAG_SCOPE_FROM_WEEK, NULL);
}

/* ---- which weeks a move changes ------------------------------------------ */

static int
week_number (DagDate monday)
{
  int y, m, d;
  g_autoptr(GDateTime) dt = NULL;

  dag_date_to_ymd (monday, &y, &m, &d);
  dt = g_date_time_new_local (y, m, d, 12, 0, 0);
  return dt ? g_date_time_get_week_of_year (dt) : 0;
}

static void focus_chip (DagWeekView *self, int participant, int group, int slot);

static void
scope_response_cb (AdwMessageDialog *dialog, const char *response, DagWeekView *self)
{
  ChipRef from = self->pending_from;
  int to_group = self->pending_to_group, to_slot = self->pending_to_slot;
  DagPlanScope scope;

  g_clear_weak_pointer (&self->scope_dialog);
  if (g_str_equal (response, "from"))
    scope = DAG_SCOPE_FROM_WEEK;
  else if (g_str_equal (response, "only"))
    scope = DAG_SCOPE_ONLY_WEEK;
  else
    return;
  if (dag_week_view_move (self, from.participant, from.group, from.slot, to_group, to_slot, scope, NULL) &&
      self->pending_focus)
    /* Keyboard users stay with the participant they moved. */
    focus_chip (self, from.participant, to_group, to_slot);
}

/* Asks whether a move applies to the week shown only or from that week on,
 * as GNOME Calendar asks when a recurring event is edited, and then makes
 * it.  A frozen week is refused at once, with the reason. */
static void
ask_scope (DagWeekView *self,
           int          participant,
           int          from_group,
           int          from_slot,
           int          to_group,
           int          to_slot,
           gboolean     focus)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  const char *name = participant_name (self->org, participant);
  int week = week_number (self->week);
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  if (self->org == NULL || refuse_if_frozen (self, NULL))
    return;
  if (self->scope_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->scope_dialog));
  self->pending_from.participant = participant;
  self->pending_from.group = from_group;
  self->pending_from.slot = from_slot;
  self->pending_to_group = to_group;
  self->pending_to_slot = to_slot;
  self->pending_focus = focus;
  if (to_group < 0)
    /* Translators: a participant, the week number twice */
    body = g_strdup_printf (_("Take %s out of the plan only in week %d, or from week %d on? "
                              "Earlier weeks do not change."), name, week, week);
  else if (from_group < 0)
    /* Translators: a participant, a group, a day and dagdeel, the week number twice */
    body = g_strdup_printf (_("Plan %s in %s, %s only in week %d, or from week %d on? "
                              "Earlier weeks do not change."), name, group_name (self->org, to_group),
                            dag_slot_label (to_slot), week, week);
  else
    /* Translators: a participant, a group, a day and dagdeel, the week number twice */
    body = g_strdup_printf (_("Move %s to %s, %s only in week %d, or from week %d on? "
                              "Earlier weeks do not change."), name, group_name (self->org, to_group),
                            dag_slot_label (to_slot), week, week);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                       _("Change Which Weeks?"), body));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "only", _("_Only This Week"),
                                    "from", _("_From This Week On"), NULL);
  /* The Week Plan is the standing plan (basisrooster): most changes a
   * coordinator makes in it are lasting ones (a new day, another group),
   * while a change for one date is the exception, so "from this week on"
   * is what Enter does. */
  adw_message_dialog_set_response_appearance (dialog, "from", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "from");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_set_weak_pointer (&self->scope_dialog, GTK_WIDGET (dialog));
  g_signal_connect_object (dialog, "response", G_CALLBACK (scope_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- weeks -------------------------------------------------------------- */

static void set_week (DagWeekView *self, DagDate week);

static void
previous_week_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  DagWeekView *self = DAG_WEEK_VIEW (widget);

  set_week (self, self->week - 7);
}

static void
next_week_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  DagWeekView *self = DAG_WEEK_VIEW (widget);

  set_week (self, self->week + 7);
}

static void
this_week_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  set_week (DAG_WEEK_VIEW (widget), dag_date_today ());
}

static GDateTime *
date_time_of (DagDate date)
{
  int y, m, d;

  dag_date_to_ymd (date, &y, &m, &d);
  return g_date_time_new_local (y, m, d, 12, 0, 0);
}

/* "Week 48, 23–27 November 2026" */
static void
update_week_label (DagWeekView *self)
{
  g_autoptr(GDateTime) monday = date_time_of (self->week);
  g_autoptr(GDateTime) friday = date_time_of (self->week + 4);
  g_autofree char *from = NULL, *to = NULL, *text = NULL;

  if (monday == NULL || friday == NULL)
    return;
  /* Translators: the last day of the week shown, see strftime. */
  to = g_date_time_format (friday, _("%-d %B %Y"));
  if (g_date_time_get_month (monday) == g_date_time_get_month (friday))
    /* Translators: the first day of the week shown when in the same month
     * as the last, see strftime. */
    from = g_date_time_format (monday, C_("week start", "%-d"));
  else if (g_date_time_get_year (monday) == g_date_time_get_year (friday))
    /* Translators: the first day of the week shown when in the same year
     * as the last, see strftime. */
    from = g_date_time_format (monday, _("%-d %B"));
  else
    from = g_date_time_format (monday, _("%-d %B %Y"));
  /* Translators: the ISO week number, the first and the last weekday,
   * e.g. “Week 48, 23–27 November 2026”. */
  text = g_strdup_printf (_("Week %d, %s–%s"), g_date_time_get_week_of_year (monday), from, to);
  gtk_label_set_text (self->week_label, text);
}

/* The English name of a Dutch public holiday (dag-holidays gives the Dutch
 * one), to be translated back. */
static const char *
holiday_name (const char *dutch)
{
  static const struct { const char *dutch; const char *english; } names[] = {
    { "Nieuwjaarsdag", N_("New Year’s Day") },
    { "Goede Vrijdag", N_("Good Friday") },
    { "Eerste Paasdag", N_("Easter Sunday") },
    { "Tweede Paasdag", N_("Easter Monday") },
    { "Koningsdag", N_("King’s Day") },
    { "Bevrijdingsdag", N_("Liberation Day") },
    { "Hemelvaartsdag", N_("Ascension Day") },
    { "Eerste Pinksterdag", N_("Whit Sunday") },
    { "Tweede Pinksterdag", N_("Whit Monday") },
    { "Eerste Kerstdag", N_("Christmas Day") },
    { "Tweede Kerstdag", N_("Second Christmas Day") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (dutch, names[i].dutch) == 0)
      return _(names[i].english);
  return dutch;
}

/* Which days of the week shown have no sessions at the location, and why;
 * their column is dimmed with the reason in its heading. */
static void
update_days (DagWeekView *self)
{
  const DagLocation *location = NULL;

  if (self->org != NULL && self->location >= 0)
    location = DAG_AT (self->org->locations, DagLocation, self->location);
  for (int day = 0; day < N_SHOWN_DAYS; day++)
    {
      DagDate date = self->week + day;
      const char *name = NULL;

      g_clear_pointer (&self->day_note[day], g_free);
      if (location == NULL)
        continue;
      if (dag_holiday_check (&self->org->settings, date, &name))
        self->day_note[day] = g_strdup (holiday_name (name));
      else if (dag_location_is_closed (location, date))
        /* Translators: in the heading of a day the location is closed */
        self->day_note[day] = g_strdup (C_("location", "Closed"));
      dag_slot_grid_set_day_note (self->grid, day, self->day_note[day]);
    }
  for (guint i = 0; i < self->cells->len; i++)
    {
      Cell *c = DAG_AT (self->cells, Cell, i);

      if (c->box == NULL)
        continue;
      if (self->day_note[DAG_SLOT_DAY (c->slot)])
        gtk_widget_add_css_class (c->box, "closed");
      else
        gtk_widget_remove_css_class (c->box, "closed");
    }
}

/* ---- planning automatically --------------------------------------------- */

typedef struct {
  GWeakRef view;
  double   fraction;
} Progress;

/* "placed 410 of at most 415" beside the bar while the planner runs. */
static void
update_progress_label (DagWeekView *self)
{
  int placed = g_atomic_int_get (&self->placed_now);
  int bound = g_atomic_int_get (&self->bound_now);
  g_autofree char *text = NULL;

  if (self->progress_label == NULL)
    return;
  if (bound > 0)
    /* TRANSLATORS: while planning: dagdelen placed so far, and the most
     * any plan of the week can place */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d of at most %d dagdeel placed",
                                         "%d of at most %d dagdelen placed", bound),
                            placed, bound);
  else if (placed > 0)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d dagdeel placed",
                                         "%d dagdelen placed", placed), placed);
  gtk_label_set_text (self->progress_label, text ? text : "");
}

static gboolean
progress_timeout (gpointer data)
{
  update_progress_label (DAG_WEEK_VIEW (data));
  return G_SOURCE_CONTINUE;
}

static void
stop_progress (DagWeekView *self)
{
  g_clear_handle_id (&self->progress_source, g_source_remove);
  g_clear_object (&self->stop);
}

static gboolean
progress_idle (gpointer data)
{
  Progress *pr = data;
  g_autoptr(DagWeekView) self = g_weak_ref_get (&pr->view);

  if (self && self->progress_bar)
    {
      gtk_progress_bar_set_fraction (self->progress_bar, pr->fraction);
      update_progress_label (self);
    }
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
  else if (g_str_equal (response, "review"))
    /* The proposal stays, marked in the grid, with its bar. */
    update_proposal_bar (self);
  else
    dag_week_view_reject_proposal (self);
}

/* "At most 415 dagdelen can be placed this week." */
static char *
bound_text (const DagPlanResult *r)
{
  /* TRANSLATORS: the upper bound: no plan of the week places more */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Placed %u of at most %u possible dagdeel.",
                                       "Placed %u of at most %u possible dagdelen.", r->bound),
                          r->placed, r->bound);
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
  if (r->bound > 0)
    {
      g_autofree char *bound = bound_text (r);
      g_autofree char *both = g_strconcat (summary, " ", bound, NULL);

      g_free (summary);
      summary = g_steal_pointer (&both);
    }
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
                                    "reject", _("_Reject"), "review", _("Review in the _Grid"),
                                    "accept", _("_Accept"), NULL);
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
  g_clear_object (&job->stop);
  g_free (job);

  /* A planner of an organisation no longer shown (or of a view gone)
   * only has its result dropped. */
  if (self->progress_bar == NULL || !same_org)
    {
      g_clear_pointer (&r, dag_plan_result_free);
      return;
    }
  g_clear_object (&self->cancellable);
  stop_progress (self);
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
  /* The changes are marked in the grid behind the dialog, too. */
  refresh_marks (self);
  show_proposal (self);
}

static void
plan_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  dag_week_view_plan (DAG_WEEK_VIEW (widget));
}

static void
plan_all_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  dag_week_view_plan_all (DAG_WEEK_VIEW (widget));
}

static void
accept_proposal_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  DagWeekView *self = DAG_WEEK_VIEW (widget);

  if (self->proposal != NULL)
    dag_week_view_accept_proposal (self, NULL);
}

static void
reject_proposal_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  dag_week_view_reject_proposal (DAG_WEEK_VIEW (widget));
}

static void
cancel_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  DagWeekView *self = DAG_WEEK_VIEW (widget);

  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
}

/* Ends the planner's search: it proposes the best plan found so far. */
static void
stop_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  dag_week_view_stop_planning (DAG_WEEK_VIEW (widget));
}

/* ---- chips -------------------------------------------------------------- */

static ChipRef *
chip_ref_of (GtkWidget *widget)
{
  for (; widget != NULL; widget = gtk_widget_get_parent (widget))
    {
      ChipRef *ref = g_object_get_data (G_OBJECT (widget), "dag-chip-ref");
      if (ref != NULL)
        return ref;
      if (DAG_IS_WEEK_VIEW (widget))
        break;
    }
  return NULL;
}

static GtkWidget *
chip_of (GtkWidget *widget)
{
  for (; widget != NULL; widget = gtk_widget_get_parent (widget))
    {
      if (g_object_get_data (G_OBJECT (widget), "dag-chip-ref") != NULL)
        return widget;
      if (DAG_IS_WEEK_VIEW (widget))
        break;
    }
  return NULL;
}

static void
set_chip_ref (GtkWidget *widget, int participant, int group, int slot)
{
  ChipRef *ref = g_new (ChipRef, 1);

  ref->participant = participant;
  ref->group = group;
  ref->slot = slot;
  g_object_set_data_full (G_OBJECT (widget), "dag-chip-ref", ref, g_free);
}

/* ---- names as the grid shows them -------------------------------------- */

/* "Anna de V." of "Anna Maria de Vries" (letters 1), "Anna de Vr." (2),
 * "Kees v.d. B." of "Kees van den Berg": the first name, the lower-case
 * particles (short) and the start of the family
 * name, the whole family name (without a dot) when letters reach it.  A
 * name of one word stays as it is. */
static char *
compact_name (const char *name, int letters)
{
  g_auto(GStrv) words = g_strsplit (name, " ", -1);
  g_autoptr(GString) out = g_string_new (NULL);
  guint n = g_strv_length (words), last;
  const char *family;
  glong family_len;

  while (n > 0 && words[n - 1][0] == '\0')
    n--;
  if (n < 2)
    return g_strdup (name);
  last = n - 1;
  family = words[last];
  family_len = g_utf8_strlen (family, -1);
  g_string_append (out, words[0]);
  /* The particles as Dutch lists write them short: "van der" is "v.d.",
   * "van" "v."; "de", "ten", "'t" stay. */
  for (guint i = 1; i < last; i++)
    if (g_str_equal (words[i], "van") && i + 1 < last &&
        (g_str_equal (words[i + 1], "de") || g_str_equal (words[i + 1], "der") || g_str_equal (words[i + 1], "den")))
      {
        g_string_append (out, " v.d.");
        i++;
      }
    else if (g_str_equal (words[i], "van"))
      g_string_append (out, " v.");
    else if (g_unichar_islower (g_utf8_get_char (words[i])) || words[i][0] == '\'')
      g_string_append_printf (out, " %s", words[i]);
  g_string_append_c (out, ' ');
  if (letters >= family_len)
    g_string_append (out, family);
  else
    {
      g_string_append_len (out, family, g_utf8_offset_to_pointer (family, letters) - family);
      g_string_append_c (out, '.');
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
free_names (DagWeekView *self)
{
  guint n = self->n_names;

  if (self->long_names)
    for (guint i = 0; i < n; i++)
      g_free (self->long_names[i]);
  if (self->short_names)
    for (guint i = 0; i < n; i++)
      g_free (self->short_names[i]);
  g_clear_pointer (&self->long_names, g_free);
  g_clear_pointer (&self->short_names, g_free);
  self->n_names = 0;
}

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The names of the participants planned at the location shown in any
 * week: those with the same short form get more of their family name
 * ("Anna de Vr.", "Anna de Vo."), and namesakes (the same whole name) their
 * year of birth, or their id when that is the same too. */
static void
compute_names (DagWeekView *self)
{
  const DagOrg *org = self->org;
  guint np = org->participants->len;
  g_autofree guint8 *in = g_new0 (guint8, np + 1);
  g_autoptr(GHashTable) by_short = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                           (GDestroyNotify) g_array_unref);
  g_autoptr(GHashTable) by_name = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                          (GDestroyNotify) g_array_unref);
  GHashTableIter iter;
  gpointer key, value;

  free_names (self);
  self->long_names = g_new0 (char *, np + 1);
  self->short_names = g_new0 (char *, np + 1);
  self->n_names = np;
  for (guint i = 0; i < org->plan->len; i++)
    {
      const DagPlanEntry *e = DAG_AT (org->plan, DagPlanEntry, i);

      if (e->participant >= 0 && (guint) e->participant < np && e->group >= 0 &&
          (guint) e->group < org->groups->len &&
          DAG_AT (org->groups, DagGroup, e->group)->location == self->location)
        in[e->participant] = 1;
    }
  for (guint p = 0; p < np; p++)
    {
      const char *name = DAG_AT (org->participants, DagParticipant, p)->name;
      char *short_name;
      GArray *list;

      if (!in[p])
        continue;
      short_name = compact_name (name, 1);
      if ((list = g_hash_table_lookup (by_short, short_name)) == NULL)
        {
          list = g_array_new (FALSE, FALSE, sizeof (int));
          g_hash_table_insert (by_short, g_strdup (short_name), list);
        }
      g_array_append_val (list, p);
      self->short_names[p] = short_name;
      if ((list = g_hash_table_lookup (by_name, name)) == NULL)
        {
          list = g_array_new (FALSE, FALSE, sizeof (int));
          g_hash_table_insert (by_name, (gpointer) name, list);
        }
      g_array_append_val (list, p);
    }
  /* The same short form: more letters of the family name until each
   * differs from the others (or the family name is whole). */
  g_hash_table_iter_init (&iter, by_short);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GArray *list = value;

      if (list->len < 2)
        continue;
      for (guint k = 0; k < list->len; k++)
        {
          int p = g_array_index (list, int, k);
          const char *name = DAG_AT (org->participants, DagParticipant, p)->name;
          g_autofree char *whole = compact_name (name, G_MAXINT);

          for (int letters = 2; letters < 64; letters++)
            {
              g_autofree char *mine = compact_name (name, letters);
              gboolean clash = FALSE;

              for (guint o = 0; o < list->len && !clash; o++)
                {
                  int q = g_array_index (list, int, o);
                  g_autofree char *theirs = NULL;

                  if (q == p || g_str_equal (DAG_AT (org->participants, DagParticipant, q)->name, name))
                    continue;
                  theirs = compact_name (DAG_AT (org->participants, DagParticipant, q)->name, letters);
                  clash = g_str_equal (mine, theirs);
                }
              if (!clash || g_str_equal (mine, whole))
                {
                  g_free (self->short_names[p]);
                  self->short_names[p] = g_steal_pointer (&mine);
                  break;
                }
            }
        }
    }
  /* Namesakes: told apart by year of birth, else by id. */
  g_hash_table_iter_init (&iter, by_name);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GArray *list = value;
      g_autofree char **years = NULL;
      gboolean by_year = TRUE;

      if (list->len < 2)
        continue;
      years = g_new0 (char *, list->len + 1);
      for (guint k = 0; k < list->len; k++)
        {
          const DagParticipant *pp = DAG_AT (org->participants, DagParticipant, g_array_index (list, int, k));
          int y = 0, m, d;

          if (pp->birth_date != DAG_DATE_NONE)
            dag_date_to_ymd (pp->birth_date, &y, &m, &d);
          years[k] = y > 0 ? g_strdup_printf ("%d", y) : NULL;
          by_year &= years[k] != NULL;
        }
      if (by_year)
        {
          g_autofree char **sorted = g_memdup2 (years, sizeof (char *) * list->len);

          qsort (sorted, list->len, sizeof (char *), compare_strings);
          for (guint k = 1; k < list->len; k++)
            by_year &= !g_str_equal (sorted[k - 1], sorted[k]);
        }
      for (guint k = 0; k < list->len; k++)
        {
          int p = g_array_index (list, int, k);
          const DagParticipant *pp = DAG_AT (org->participants, DagParticipant, p);
          const char *tag = by_year ? years[k] : pp->id;
          g_autofree char *compact = compact_name (pp->name, 1);

          /* Translators: a name and what tells two of that name apart, a
           * year of birth or an id: "Anna de Vries (1950)" */
          self->long_names[p] = g_strdup_printf (_("%s (%s)"), pp->name, tag);
          g_free (self->short_names[p]);
          /* Short: "Anna de V. ’50" (the family name's letters cannot
           * tell namesakes apart). */
          self->short_names[p] = by_year ? g_strdup_printf ("%s ’%s", compact, tag + MAX (0, (int) strlen (tag) - 2))
                                         : g_strdup_printf ("%s %s", compact, tag);
        }
      for (guint k = 0; k < list->len; k++)
        g_free (years[k]);
    }
}

/* The long and short name of participant p in a cell (owned by the view). */
static void
chip_names (DagWeekView *self, int p, const char **long_name, const char **short_name)
{
  const DagParticipant *pp = DAG_AT (self->org->participants, DagParticipant, p);

  if (self->short_names == NULL)
    compute_names (self);
  /* Someone new at the location (from the waiting list): their plain
   * forms, told apart at the next location or organisation shown. */
  if (self->short_names[p] == NULL)
    self->short_names[p] = compact_name (pp->name, 1);
  *long_name = self->long_names[p] ? self->long_names[p] : pp->name;
  *short_name = self->short_names[p];
}

/* A participant's name with the bus and wheelchair marks: in a cell the
 * whole name where it fits, else "Anna de V." (what tells participants
 * apart, see compute_names); in the waiting list, which has the room, the
 * whole name.  Tooltips come from query_tooltip_cb: setting one on a shown
 * widget makes GTK ask the X server where the pointer is, a round trip
 * per chip. */
static GtkWidget *
chip_content (DagWeekView *self,
              int          participant,
              gboolean     in_cell)
{
  const DagParticipant *p = DAG_AT (self->org->participants, DagParticipant, participant);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 2);
  GtkWidget *label;

  if (in_cell)
    {
      const char *long_name, *short_name;

      chip_names (self, participant, &long_name, &short_name);
      label = dag_fit_label_new (long_name, short_name);
      gtk_widget_set_hexpand (label, TRUE);
    }
  else
    {
      label = g_object_new (GTK_TYPE_LABEL, "label", p->name, "xalign", 0.0f,
                            "hexpand", TRUE, "ellipsize", PANGO_ELLIPSIZE_END,
                            "width-chars", 6, "max-width-chars", 30, NULL);
      gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LABEL, p->name, -1);
    }
  gtk_box_append (GTK_BOX (box), label);
  if (p->transport == DAG_TRANSPORT_BUS)
    {
      gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name ("emoji-travel-symbolic"));
    }
  if (p->wheelchair)
    {
      gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name ("preferences-desktop-accessibility-symbolic"));
    }
  return box;
}

static void open_move_popover (DagWeekView *self, GtkWidget *chip);

/* Sets the tooltip of a widget not shown yet, without the pointer query
 * GTK makes for a visible one. */
static void
set_new_tooltip (GtkWidget *widget, const char *text)
{
  gtk_widget_set_visible (widget, FALSE);
  gtk_widget_set_tooltip_text (widget, text);
  gtk_widget_set_visible (widget, TRUE);
}

/* The tooltips of the grid and the waiting list: a chip names its
 * participant and marks, a waiting row says how to plan it, a cell lists
 * its findings. */
static gboolean
query_tooltip_cb (GtkWidget   *widget,
                  int          x,
                  int          y,
                  gboolean     keyboard,
                  GtkTooltip  *tooltip,
                  DagWeekView *self)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *w = keyboard ? (root ? gtk_root_get_focus (root) : NULL)
                          : gtk_widget_pick (widget, x, y, GTK_PICK_DEFAULT);
  ChipRef *ref = chip_ref_of (w);

  if (self->org == NULL || w == NULL || !gtk_widget_is_ancestor (w, widget))
    return FALSE;
  if (ref != NULL)
    {
      const DagParticipant *p = DAG_AT (self->org->participants, DagParticipant, ref->participant);
      g_autoptr(GString) text = g_string_new (NULL);

      /* Translators: a participant's whole name and id in a tooltip */
      g_string_append_printf (text, _("%s (%s)"), p->name, p->id);
      if (p->transport == DAG_TRANSPORT_BUS)
        g_string_append_printf (text, "\n%s", _("Comes by bus"));
      if (p->wheelchair)
        g_string_append_printf (text, "\n%s", _("Wheelchair"));
      if (self->proposal != NULL && change_of (w) >= 0 && (guint) change_of (w) < self->proposal->changes->len)
        {
          g_autofree char *reason = change_reason (self, change_of (w));
          g_string_append_printf (text, "\n%s", reason);
        }
      else
        g_string_append_printf (text, "\n%s", ref->group < 0 ? _("Drag into a cell, or press Enter, to plan")
                                                             : _("Drag to another cell, or press Enter, to move"));
      gtk_tooltip_set_text (tooltip, text->str);
      return TRUE;
    }
  if (self->proposal != NULL && change_of (w) >= 0 && (guint) change_of (w) < self->proposal->changes->len)
    {
      g_autofree char *reason = change_reason (self, change_of (w));
      gtk_tooltip_set_text (tooltip, reason);
      return TRUE;
    }
  for (; w != NULL && w != widget; w = gtk_widget_get_parent (w))
    if (gtk_widget_has_css_class (w, "week-cell"))
      {
        int gs = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (w), "group-slot"));
        Cell *c = find_cell (self, gs / DAG_N_SLOTS, gs % DAG_N_SLOTS);

        if (c == NULL || c->problems == NULL)
          return FALSE;
        gtk_tooltip_set_text (tooltip, c->problems);
        return TRUE;
      }
  return FALSE;
}

/* A chip the proposal marks offers to accept that change; others move. */
static void
chip_clicked_cb (GtkButton *button, DagWeekView *self)
{
  int change = change_of (GTK_WIDGET (button));

  if (self->proposal != NULL && change >= 0 && (guint) change < self->proposal->changes->len)
    open_change_popover (self, GTK_WIDGET (button), change);
  else
    open_move_popover (self, GTK_WIDGET (button));
}

/* A focusable chip: Enter (or a click) opens "Move to…", and it can be
 * dragged (the grid is the drag source of all its chips). */
static GtkWidget *
make_chip (DagWeekView *self, int participant, int group, int slot)
{
  GtkWidget *button = gtk_button_new ();

  gtk_button_set_child (GTK_BUTTON (button), chip_content (self, participant, TRUE));
  gtk_widget_add_css_class (button, "week-chip");
  set_chip_ref (button, participant, group, slot);
  g_signal_connect (button, "clicked", G_CALLBACK (chip_clicked_cb), self);
  return button;
}

/* ---- drag and drop ------------------------------------------------------ */

/* The payload: "participant:group:slot", group -1 from the waiting list. */
static GdkContentProvider *
drag_prepare_cb (GtkDragSource *source, double x, double y, DagWeekView *self)
{
  GtkWidget *widget = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source));
  GtkWidget *chip = chip_of (gtk_widget_pick (widget, x, y, GTK_PICK_DEFAULT));
  ChipRef *ref = chip ? chip_ref_of (chip) : NULL;
  g_autofree char *payload = NULL;

  if (ref == NULL || self->cancellable != NULL)
    return NULL;
  g_set_weak_pointer (&self->drag_chip, chip);
  payload = g_strdup_printf ("%d:%d:%d", ref->participant, ref->group, ref->slot);
  return gdk_content_provider_new_typed (G_TYPE_STRING, payload);
}

static void
drag_begin_cb (GtkDragSource *source, GdkDrag *drag, DagWeekView *self)
{
  if (self->drag_chip != NULL)
    {
      g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (self->drag_chip);
      gtk_drag_source_set_icon (source, paintable, 0, 0);
    }
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
  if (refuse_if_frozen (self, NULL) || self->cancellable != NULL)
    return FALSE;
  ask_scope (self, p, g, s, gs / DAG_N_SLOTS, gs % DAG_N_SLOTS, FALSE);
  return TRUE;
}

static void
add_drag_source (DagWeekView *self, GtkWidget *widget)
{
  GtkDragSource *source = gtk_drag_source_new ();

  gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
  g_signal_connect (source, "prepare", G_CALLBACK (drag_prepare_cb), self);
  g_signal_connect (source, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (source));
}

/* ---- moving from the keyboard: the "Move to…" popover ------------------- */

static void
close_move_popover (DagWeekView *self)
{
  if (self->move_popover == NULL || !gtk_widget_get_visible (self->move_popover))
    return;
  gtk_popover_popdown (GTK_POPOVER (self->move_popover));
}

static void
focus_chip (DagWeekView *self, int participant, int group, int slot)
{
  GtkWidget *chip = dag_week_view_get_chip (self, participant, group, slot);

  if (chip != NULL)
    gtk_widget_grab_focus (chip);
}

static void
move_row_activated_cb (GtkListBox *list, GtkListBoxRow *row, DagWeekView *self)
{
  int gs = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "group-slot"));
  ChipRef ref = self->move_ref;

  close_move_popover (self);
  ask_scope (self, ref.participant, ref.group, ref.slot, gs / DAG_N_SLOTS, gs % DAG_N_SLOTS, TRUE);
}

static void
move_to_waiting_cb (GtkButton *button, DagWeekView *self)
{
  ChipRef ref = self->move_ref;

  close_move_popover (self);
  ask_scope (self, ref.participant, ref.group, ref.slot, -1, -1, TRUE);
}

static void
build_move_popover (DagWeekView *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  self->move_popover = g_object_ref_sink (gtk_popover_new ());
  gtk_widget_add_css_class (self->move_popover, "week-move");
  self->move_title = g_object_new (GTK_TYPE_LABEL, "xalign", 0.0f, "wrap", TRUE, "max-width-chars", 30,
                                   "css-classes", (const char *[]) { "heading", NULL }, NULL);
  gtk_box_append (GTK_BOX (box), self->move_title);
  self->move_waiting_button = gtk_button_new_with_mnemonic (_("Move to the _Waiting List"));
  g_signal_connect (self->move_waiting_button, "clicked", G_CALLBACK (move_to_waiting_cb), self);
  gtk_box_append (GTK_BOX (box), self->move_waiting_button);
  self->move_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->move_list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->move_list), "navigation-sidebar");
  g_signal_connect (self->move_list, "row-activated", G_CALLBACK (move_row_activated_cb), self);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 360);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->move_list));
  gtk_box_append (GTK_BOX (box), scrolled);
  gtk_popover_set_child (GTK_POPOVER (self->move_popover), box);
  /* A child of the view, pointing at the chip: a chip may be re-drawn
   * while it is open, and a popover that is unparented (its surface
   * destroyed) right as it closes can leave GDK a dangling surface. */
  gtk_widget_set_parent (self->move_popover, GTK_WIDGET (self));
}

/* Lists every group slot of the location where the participant of chip
 * could go, with its occupancy; those where the participant already is on
 * that dagdeel (the store holds one group a dagdeel) cannot be chosen. */
static void
open_move_popover (DagWeekView *self, GtkWidget *chip)
{
  ChipRef *ref = chip_ref_of (chip);
  const DagOrg *org = self->org;
  DagSlotMask planned = 0;
  g_autofree int *count = NULL;
  g_autofree char *title = NULL;
  GtkWidget *child;
  GtkWidget *first = NULL;

  if (ref == NULL || org == NULL || self->cancellable != NULL || refuse_if_frozen (self, NULL))
    return;
  if (self->move_popover == NULL)
    build_move_popover (self);
  close_move_popover (self);
  self->move_ref = *ref;

  count = g_new0 (int, self->cells->len + 1);
  for (guint i = 0; i < org->plan->len; i++)
    {
      const DagPlanEntry *e = DAG_AT (org->plan, DagPlanEntry, i);
      int idx;

      if (!APPLIES (self, e))
        continue;
      idx = cell_index (self, e->group, e->slot);
      if (idx >= 0)
        count[idx]++;
      if (e->participant == ref->participant && e->slot >= 0 && e->slot < DAG_N_SLOTS &&
          !(e->group == ref->group && e->slot == ref->slot))
        planned |= DAG_SLOT_BIT (e->slot);
    }

  /* Translators: the title of the popover that moves a participant */
  title = g_strdup_printf (_("Move %s to…"), participant_name (org, ref->participant));
  gtk_label_set_text (GTK_LABEL (self->move_title), title);
  gtk_widget_set_visible (self->move_waiting_button, ref->group >= 0);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->move_list))) != NULL)
    gtk_list_box_remove (self->move_list, child);
  /* Day by day, then group by group, as one reads the grid's columns. */
  for (int day = 0; day < N_SHOWN_DAYS; day++)
    for (int part = 0; part < N_SHOWN_PARTS; part++)
      for (guint i = 0; i < self->cells->len; i++)
        {
          Cell *c = DAG_AT (self->cells, Cell, i);
          const DagGroup *g = DAG_AT (org->groups, DagGroup, c->group);
          GtkWidget *row, *box;
          g_autofree char *place = NULL, *occupancy = NULL;

          if (c->box == NULL || c->slot != DAG_SLOT (day, part) ||
              (c->group == ref->group && c->slot == ref->slot))
            continue;
          /* Translators: a group and a day with dagdeel, “Atelier, Tuesday morning” */
          place = g_strdup_printf (_("%s, %s"), g->name, dag_slot_label (c->slot));
          occupancy = g_strdup_printf (_("%d/%d"), count[i], g->capacity);
          box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
          gtk_box_append (GTK_BOX (box), g_object_new (GTK_TYPE_LABEL, "label", place, "xalign", 0.0f,
                                                       "hexpand", TRUE, NULL));
          gtk_box_append (GTK_BOX (box), g_object_new (GTK_TYPE_LABEL, "label", occupancy,
                                                       "css-classes", (const char *[]) { "dim-label", "numeric", NULL },
                                                       NULL));
          row = gtk_list_box_row_new ();
          gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
          g_object_set_data (G_OBJECT (row), "group-slot", GINT_TO_POINTER (c->group * DAG_N_SLOTS + c->slot));
          if (planned & DAG_SLOT_BIT (c->slot))
            {
              gtk_widget_set_sensitive (row, FALSE);
              set_new_tooltip (row, _("Already planned on this dagdeel"));
            }
          else if (self->day_note[day] != NULL)
            set_new_tooltip (row, self->day_note[day]);
          if (first == NULL && gtk_widget_get_sensitive (row))
            first = row;
          gtk_list_box_append (self->move_list, row);
        }
  {
    graphene_rect_t bounds;

    if (gtk_widget_compute_bounds (chip, GTK_WIDGET (self), &bounds))
      gtk_popover_set_pointing_to (GTK_POPOVER (self->move_popover),
                                   &(GdkRectangle) { (int) bounds.origin.x, (int) bounds.origin.y,
                                                     MAX (1, (int) bounds.size.width),
                                                     MAX (1, (int) bounds.size.height) });
  }
  gtk_popover_popup (GTK_POPOVER (self->move_popover));
  if (first != NULL)
    gtk_widget_grab_focus (first);
}

static void
move_menu_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  DagWeekView *self = DAG_WEEK_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;
  GtkWidget *chip = chip_of (focus);

  /* A focused row of the waiting list holds its chip. */
  if (chip == NULL && focus != NULL)
    chip = chip_of (gtk_widget_get_first_child (focus));
  if (chip != NULL && gtk_widget_is_ancestor (chip, widget))
    open_move_popover (self, chip);
}

static void
secondary_click_cb (GtkGestureClick *gesture, int n_press, double x, double y, DagWeekView *self)
{
  GtkWidget *chip = chip_of (gtk_widget_pick (GTK_WIDGET (self), x, y, GTK_PICK_DEFAULT));

  if (chip == NULL)
    return;
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  open_move_popover (self, chip);
}

static void
long_pressed_cb (GtkGestureLongPress *gesture, double x, double y, DagWeekView *self)
{
  GtkWidget *chip = chip_of (gtk_widget_pick (GTK_WIDGET (self), x, y, GTK_PICK_DEFAULT));

  if (chip == NULL)
    return;
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  open_move_popover (self, chip);
}

static void
waiting_row_activated_cb (GtkListBox *list, GtkListBoxRow *row, DagWeekView *self)
{
  open_move_popover (self, GTK_WIDGET (row));
}

/* ---- showing ------------------------------------------------------------ */

/* ---- the proposal in the grid ------------------------------------------- */

/* The planner's changes are marked in the grid of the week planned for:
 * where a participant would be added or moved in, a dashed chip; where one
 * would leave, their chip struck through; a chip's tooltip says why, and a
 * click on it accepts that change or the group's. */
static gboolean
proposal_shown (DagWeekView *self)
{
  return self->proposal != NULL && self->proposal->week == self->week;
}

/* The change (an index into the proposal's changes) a chip marks, or -1. */
static int
change_of (GtkWidget *widget)
{
  for (; widget != NULL; widget = gtk_widget_get_parent (widget))
    {
      gpointer data = g_object_get_data (G_OBJECT (widget), "dag-proposal-change");

      if (data != NULL)
        return GPOINTER_TO_INT (data) - 1;
      if (gtk_widget_has_css_class (widget, "week-cell") || DAG_IS_WEEK_VIEW (widget))
        break;
    }
  return -1;
}

/* What change i does and why, for its chip's tooltip. */
static char *
change_reason (DagWeekView *self, int i)
{
  const DagPlanResult *r = self->proposal;
  const DagPlanChange *c = DAG_AT (r->changes, DagPlanChange, i);
  const char *name = participant_name (self->org, c->participant);
  g_autofree char *from = c->from_slot >= 0 ? slot_text (c->from_slot) : NULL;
  g_autofree char *to = c->to_slot >= 0 ? slot_text (c->to_slot) : NULL;
  g_autofree char *why = NULL;
  GString *text = g_string_new (NULL);
  int want = self->want != NULL ? self->want[c->participant] : 0;

  switch (c->kind)
    {
    case DAG_CHANGE_ADD:
      g_string_append_printf (text, _("%s is added to %s on %s"), name, group_name (self->org, c->to_group), to);
      if (want > 0)
        why = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d indicated dagdeel is not planned yet",
                                            "%d indicated dagdelen are not planned yet", want), want);
      else
        why = g_strdup (dag_change_why_text (c->why));
      break;
    case DAG_CHANGE_REMOVE:
      g_string_append_printf (text, _("%s leaves %s on %s"), name, group_name (self->org, c->from_group), from);
      why = g_strdup (dag_change_why_text (c->why));
      break;
    case DAG_CHANGE_MOVE:
    default:
      {
        Cell *cell = find_cell (self, c->from_group, c->from_slot);

        g_string_append_printf (text, _("%s moves from %s on %s to %s on %s"), name,
                                group_name (self->org, c->from_group), from,
                                group_name (self->org, c->to_group), to);
        /* What no longer holds for the old place, else a rule the old
         * cell breaks, else what the planner gains. */
        if (c->why == DAG_CHANGE_WHY_BETTER && cell != NULL && cell->problems != NULL)
          why = g_strndup (cell->problems, strcspn (cell->problems, "\n"));
        else
          why = g_strdup (dag_change_why_text (c->why));
      }
      break;
    }
  if (why != NULL)
    {
      g_string_append_c (text, '\n');
      /* Translators: why the planner proposes a change */
      g_string_append_printf (text, _("Why: %s"), why);
    }
  g_string_append_c (text, '\n');
  g_string_append (text, _("Click to accept this change"));
  return g_string_free (text, FALSE);
}

static void
change_popover_closed_cb (GtkPopover *popover, DagWeekView *self)
{
  if (gtk_widget_get_parent (GTK_WIDGET (popover)) != NULL)
    gtk_widget_unparent (GTK_WIDGET (popover));
}

static void
close_change_popover (DagWeekView *self)
{
  if (self->change_popover == NULL || gtk_widget_get_parent (self->change_popover) == NULL)
    return;
  gtk_popover_popdown (GTK_POPOVER (self->change_popover));
  if (gtk_widget_get_parent (self->change_popover) != NULL)
    gtk_widget_unparent (self->change_popover);
}

static void
accept_change_cb (GtkButton *button, DagWeekView *self)
{
  int change = self->popover_change;

  close_change_popover (self);
  dag_week_view_accept_changes (self, change, -1, NULL);
}

static void
accept_group_cb (GtkButton *button, DagWeekView *self)
{
  const DagPlanChange *c;
  int group;

  if (self->proposal == NULL || self->popover_change < 0 ||
      (guint) self->popover_change >= self->proposal->changes->len)
    return;
  c = DAG_AT (self->proposal->changes, DagPlanChange, self->popover_change);
  group = c->to_group >= 0 ? c->to_group : c->from_group;
  close_change_popover (self);
  dag_week_view_accept_changes (self, -1, group, NULL);
}

/* Offers to accept the change a chip marks, or every change in its group. */
static void
open_change_popover (DagWeekView *self, GtkWidget *chip, int change)
{
  const DagPlanChange *c = DAG_AT (self->proposal->changes, DagPlanChange, change);
  GtkWidget *box, *label, *button;
  g_autofree char *reason = change_reason (self, change);
  g_autofree char *group_label = NULL;

  close_change_popover (self);
  g_clear_object (&self->change_popover);
  self->change_popover = g_object_ref_sink (gtk_popover_new ());
  self->popover_change = change;
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  /* The reason without its last line, the hint to click. */
  if (strrchr (reason, '\n') != NULL)
    *strrchr (reason, '\n') = '\0';
  label = g_object_new (GTK_TYPE_LABEL, "label", reason, "xalign", 0.0f, "wrap", TRUE,
                        "max-width-chars", 36, NULL);
  gtk_box_append (GTK_BOX (box), label);
  button = gtk_button_new_with_mnemonic (_("Accept This _Change"));
  gtk_widget_add_css_class (button, "suggested-action");
  g_signal_connect (button, "clicked", G_CALLBACK (accept_change_cb), self);
  gtk_box_append (GTK_BOX (box), button);
  /* Translators: accepts every proposed change of a group */
  group_label = g_strdup_printf (_("Accept the Changes in %s"),
                                 group_name (self->org, c->to_group >= 0 ? c->to_group : c->from_group));
  button = gtk_button_new_with_label (group_label);
  g_signal_connect (button, "clicked", G_CALLBACK (accept_group_cb), self);
  gtk_box_append (GTK_BOX (box), button);
  gtk_popover_set_child (GTK_POPOVER (self->change_popover), box);
  g_signal_connect (self->change_popover, "closed", G_CALLBACK (change_popover_closed_cb), self);
  gtk_widget_set_parent (self->change_popover, chip);
  gtk_popover_popup (GTK_POPOVER (self->change_popover));
}

static void
proposed_chip_clicked_cb (GtkButton *button, DagWeekView *self)
{
  int change = change_of (GTK_WIDGET (button));

  if (self->proposal != NULL && change >= 0 && (guint) change < self->proposal->changes->len)
    open_change_popover (self, GTK_WIDGET (button), change);
}

/* A dashed chip where change i would put its participant. */
static GtkWidget *
make_proposed_chip (DagWeekView *self, int i)
{
  const DagPlanChange *c = DAG_AT (self->proposal->changes, DagPlanChange, i);
  GtkWidget *button = gtk_button_new ();
  GtkWidget *content = chip_content (self, c->participant, TRUE);

  /* Marked by more than a colour: a plus or an arrow before the name. */
  gtk_box_prepend (GTK_BOX (content), gtk_image_new_from_icon_name (c->kind == DAG_CHANGE_ADD ? "list-add-symbolic"
                                                                                             : "go-next-symbolic"));
  gtk_button_set_child (GTK_BUTTON (button), content);
  gtk_widget_add_css_class (button, "week-chip");
  gtk_widget_add_css_class (button, c->kind == DAG_CHANGE_ADD ? "proposed-add" : "proposed-move");
  g_object_set_data (G_OBJECT (button), "dag-proposal-change", GINT_TO_POINTER (i + 1));
  g_signal_connect (button, "clicked", G_CALLBACK (proposed_chip_clicked_cb), self);
  return button;
}

/* Marks the chip of participant in group/slot when a change takes them
 * out of it. */
static void
mark_leaving_chip (DagWeekView *self, GtkWidget *chip, int participant, int group, int slot)
{
  const DagPlanResult *r = self->proposal;

  for (guint i = 0; i < r->changes->len; i++)
    {
      const DagPlanChange *c = DAG_AT (r->changes, DagPlanChange, i);

      if (c->participant != participant || c->from_group != group || c->from_slot != slot ||
          c->kind == DAG_CHANGE_ADD)
        continue;
      gtk_widget_add_css_class (chip, c->kind == DAG_CHANGE_REMOVE ? "proposed-remove" : "proposed-move-out");
      gtk_box_prepend (GTK_BOX (gtk_button_get_child (GTK_BUTTON (chip))),
                       gtk_image_new_from_icon_name ("list-remove-symbolic"));
      g_object_set_data (G_OBJECT (chip), "dag-proposal-change", GINT_TO_POINTER (i + 1));
      return;
    }
}

/* Whether the chips of cell c are those of members, in that order. */
static gboolean
same_chips (Cell *c, const int *members, int n)
{
  int k = 0;

  for (GtkWidget *w = gtk_widget_get_first_child (c->chips); w != NULL; w = gtk_widget_get_next_sibling (w), k++)
    {
      ChipRef *ref = g_object_get_data (G_OBJECT (w), "dag-chip-ref");

      if (k >= n || ref == NULL || ref->participant != members[k])
        return FALSE;
    }
  return k == n;
}

/* Fills the chips and occupancy of the cells whose indexes are in which
 * from the entries that apply in the week shown.  A cell whose chips are
 * the same participants keeps them (the next week's plan is mostly this
 * week's), unless force (names may have changed). */
static void
fill_chips (DagWeekView *self, const int *which, guint n, gboolean force)
{
  const DagOrg *org = self->org;
  guint n_cells = self->cells->len;
  g_autofree guint8 *wanted = g_new0 (guint8, n_cells + 1);
  g_autofree guint8 *marks = g_new0 (guint8, n_cells + 1);
  g_autofree int *count = g_new0 (int, n_cells + 1);
  g_autofree int *start = g_new0 (int, n_cells + 2);
  g_autofree int *filled = g_new0 (int, n_cells + 1);
  g_autofree int *members = NULL;
  gboolean shown = proposal_shown (self);

  for (guint k = 0; k < n; k++)
    wanted[which[k]] = 1;
  if (shown)
    for (guint i = 0; i < self->proposal->changes->len; i++)
      {
        const DagPlanChange *c = DAG_AT (self->proposal->changes, DagPlanChange, i);
        int idx;

        if ((idx = cell_index (self, c->from_group, c->from_slot)) >= 0)
          marks[idx] = 1;
        if ((idx = cell_index (self, c->to_group, c->to_slot)) >= 0)
          marks[idx] = 1;
      }
  for (guint i = 0; i < org->plan->len; i++)
    {
      const DagPlanEntry *e = DAG_AT (org->plan, DagPlanEntry, i);
      int idx;

      if (!APPLIES (self, e) || e->participant < 0 || (guint) e->participant >= org->participants->len)
        continue;
      idx = cell_index (self, e->group, e->slot);
      if (idx >= 0 && wanted[idx])
        count[idx]++;
    }
  for (guint i = 0; i < n_cells; i++)
    start[i + 1] = start[i] + count[i];
  members = g_new (int, start[n_cells] + 1);
  for (guint i = 0; i < org->plan->len; i++)
    {
      const DagPlanEntry *e = DAG_AT (org->plan, DagPlanEntry, i);
      int idx;

      if (!APPLIES (self, e) || e->participant < 0 || (guint) e->participant >= org->participants->len)
        continue;
      idx = cell_index (self, e->group, e->slot);
      if (idx >= 0 && wanted[idx])
        members[start[idx] + filled[idx]++] = e->participant;
    }
  for (guint k = 0; k < n; k++)
    {
      int idx = which[k];
      Cell *c = DAG_AT (self->cells, Cell, idx);
      g_autofree char *occupancy = NULL;
      GtkWidget *child;

      if (c->box == NULL)
        continue;
      if (force || c->marked || marks[idx] || !same_chips (c, members + start[idx], count[idx]))
        {
          while ((child = gtk_widget_get_first_child (c->chips)) != NULL)
            gtk_box_remove (GTK_BOX (c->chips), child);
          for (int m = 0; m < count[idx]; m++)
            {
              GtkWidget *chip = make_chip (self, members[start[idx] + m], c->group, c->slot);

              if (marks[idx])
                mark_leaving_chip (self, chip, members[start[idx] + m], c->group, c->slot);
              gtk_box_append (GTK_BOX (c->chips), chip);
            }
          if (marks[idx])
            for (guint i = 0; i < self->proposal->changes->len; i++)
              {
                const DagPlanChange *pc = DAG_AT (self->proposal->changes, DagPlanChange, i);

                if (pc->kind != DAG_CHANGE_REMOVE && pc->to_group == c->group && pc->to_slot == c->slot)
                  gtk_box_append (GTK_BOX (c->chips), make_proposed_chip (self, (int) i));
              }
          c->marked = marks[idx];
        }
      /* TRANSLATORS: occupancy of a group on a dagdeel, e.g. "7/8" */
      occupancy = g_strdup_printf (_("%d/%d"), count[idx], DAG_AT (org->groups, DagGroup, c->group)->capacity);
      if (g_strcmp0 (gtk_label_get_text (GTK_LABEL (c->occupancy)), occupancy) != 0)
        gtk_label_set_text (GTK_LABEL (c->occupancy), occupancy);
    }
}

/* Every shown cell's chips again, with or without the proposal's marks. */
static void
refresh_marks (DagWeekView *self)
{
  g_autofree int *all = NULL;
  guint n = 0;

  close_change_popover (self);
  if (self->org == NULL)
    return;
  all = g_new (int, self->cells->len + 1);
  for (guint i = 0; i < self->cells->len; i++)
    all[n++] = (int) i;
  fill_chips (self, all, n, FALSE);
  update_proposal_bar (self);
}

/* The staff of each cell: "Staff: J. Bakker (HBO, lead), S. Yilmaz (MBO)".
 * The HBO member holds the lead (regie) where two or more work (DOMAIN.md
 * "Staffing rules"). */
static void
fill_staff (DagWeekView *self)
{
  const DagOrg *org = self->org;
  guint n = self->cells->len;
  g_autofree int *first = g_new (int, n + 1);
  g_autofree int *n_staff = g_new0 (int, n + 1);
  g_autofree int *lead = g_new (int, n + 1);
  g_autofree int *next = g_new (int, org->staffing->len + 1);
  g_autofree int *last = g_new (int, n + 1);

  for (guint i = 0; i < n; i++)
    first[i] = last[i] = lead[i] = -1;
  /* Each cell's staffing entries, in order, as a linked list. */
  for (guint e = 0; e < org->staffing->len; e++)
    {
      const DagStaffing *se = DAG_AT (org->staffing, DagStaffing, e);
      int idx = cell_index (self, se->group, se->slot);

      next[e] = -1;
      if (idx < 0 || !APPLIES (self, se) || se->staff < 0 || (guint) se->staff >= org->staff->len)
        continue;
      if (last[idx] >= 0)
        next[last[idx]] = (int) e;
      else
        first[idx] = (int) e;
      last[idx] = (int) e;
      n_staff[idx]++;
      if (lead[idx] < 0 && DAG_AT (org->staff, DagStaff, se->staff)->qualification == DAG_QUAL_HBO)
        lead[idx] = (int) e;
    }
  for (guint i = 0; i < n; i++)
    {
      Cell *c = DAG_AT (self->cells, Cell, i);
      g_autoptr(GString) names = g_string_new (NULL);
      GtkWidget *child;

      if (c->box == NULL)
        continue;
      for (int e = first[i]; e >= 0; e = next[e])
        {
          const DagStaff *s = DAG_AT (org->staff, DagStaff, DAG_AT (org->staffing, DagStaffing, e)->staff);
          const char *what;

          if (names->len)
            g_string_append (names, ", ");
          g_string_append (names, s->name);
          g_string_append (names, " (");
          if (s->qualification == DAG_QUAL_HBO)
            what = e == lead[i] && n_staff[i] >= 2 ? _("HBO, lead") : C_("qualification", "HBO");
          else if (s->qualification == DAG_QUAL_MBO)
            what = C_("qualification", "MBO");
          else
            what = C_("qualification", "volunteer");
          g_string_append (names, what);
          g_string_append (names, ")");
        }
      /* The chips again only when the staff changed: most weeks keep it. */
      {
        /* Translators: the staff working a group on a dagdeel */
        g_autofree char *text = names->len ? g_strdup_printf (_("Staff: %s"), names->str) : NULL;

        if (g_strcmp0 (text, c->staff_text) == 0)
          continue;
        g_free (c->staff_text);
        c->staff_text = g_steal_pointer (&text);
      }
      while ((child = gtk_widget_get_first_child (c->staff)) != NULL)
        gtk_box_remove (GTK_BOX (c->staff), child);
      gtk_widget_set_visible (c->staff, c->staff_text != NULL);
      if (c->staff_text == NULL)
        continue;
      gtk_accessible_update_property (GTK_ACCESSIBLE (c->staff), GTK_ACCESSIBLE_PROPERTY_LABEL, c->staff_text, -1);
      for (int e = first[i]; e >= 0; e = next[e])
        {
          const DagStaff *s = DAG_AT (org->staff, DagStaff, DAG_AT (org->staffing, DagStaffing, e)->staff);
          GtkWidget *chip = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 3);
          GtkWidget *badge;
          /* Short, a first name: a cell has few staff, the badge needs
           * the room, and the tooltip has the whole name. */
          g_autofree char *short_name = g_strndup (s->name, strcspn (s->name, " "));
          const char *level;

          gtk_widget_add_css_class (chip, "week-staff-chip");
          gtk_box_append (GTK_BOX (chip), g_object_new (DAG_TYPE_FIT_LABEL, NULL));
          dag_fit_label_set_texts (DAG_FIT_LABEL (gtk_widget_get_first_child (chip)), s->name, short_name);
          gtk_widget_set_hexpand (gtk_widget_get_first_child (chip), TRUE);
          if (s->qualification == DAG_QUAL_HBO)
            level = C_("qualification", "HBO");
          else if (s->qualification == DAG_QUAL_MBO)
            level = C_("qualification", "MBO");
          else
            /* Translators: short for volunteer, on a staff chip */
            level = C_("qualification", "Vol.");
          badge = gtk_label_new (level);
          gtk_widget_add_css_class (badge, "week-badge");
          gtk_box_append (GTK_BOX (chip), badge);
          if (e == lead[i] && n_staff[i] >= 2)
            {
              GtkWidget *star = gtk_image_new_from_icon_name ("starred-symbolic");

              gtk_accessible_update_property (GTK_ACCESSIBLE (star), GTK_ACCESSIBLE_PROPERTY_LABEL, _("lead"), -1);
              gtk_box_append (GTK_BOX (chip), star);
            }
          {
            /* Not shown yet: no pointer query (see set_new_tooltip). */
            g_autofree char *tip = g_strdup_printf ("%s (%s)", s->name,
                                                    e == lead[i] && n_staff[i] >= 2 ? _("HBO, lead") : level);
            gtk_widget_set_tooltip_text (chip, tip);
          }
          gtk_box_append (GTK_BOX (c->staff), chip);
        }
    }
}

/* ---- the findings panel, by group and kind ------------------------------ */

/* A kind of finding in plain words, and whether it is about people (then
 * the panel names them) or about the group on a dagdeel. */
static const char *
kind_title (const char *rule, gboolean *about_people)
{
  static const struct { const char *rule; const char *title; gboolean people; } kinds[] = {
    { DAG_RULE_GROUP_CAPACITY, N_("More participants than places"), FALSE },
    { DAG_RULE_STAFF_SHORTAGE, N_("Too few staff"), FALSE },
    { DAG_RULE_STAFF_DUO, N_("Needs both an HBO and an MBO staff member"), FALSE },
    { DAG_RULE_STAFF_HBO, N_("Needs an HBO staff member for a high care level"), FALSE },
    { DAG_RULE_GROUP_SLOT, N_("Planned on a dagdeel the group does not run"), TRUE },
    { DAG_RULE_VALIDITY, N_("No valid indication that day"), TRUE },
    { DAG_RULE_UNAVAILABLE, N_("Planned when not available"), TRUE },
    { DAG_RULE_PARTICIPANT_DOUBLE, N_("Planned twice on one dagdeel"), TRUE },
    { DAG_RULE_GROUP_PRODUCT, N_("No indication for what the group offers"), TRUE },
    { DAG_RULE_GROUP_LEVEL, N_("Care level outside the group’s range"), TRUE },
    { DAG_RULE_VOLUME, N_("Planned more than the indication allows"), TRUE },
    { DAG_RULE_VOLUME_BAND, N_("Planned less than the indication’s minimum"), TRUE },
    { DAG_RULE_EXPIRING, N_("Indication ends soon: evaluation due"), TRUE },
    { DAG_RULE_STAFF_UNAVAILABLE, N_("Staff member not available"), TRUE },
    { DAG_RULE_STAFF_ABSENT, N_("Staff member absent: needs cover"), TRUE },
    { DAG_RULE_STAFF_DOUBLE, N_("Staff member in two groups at once"), TRUE },
    { DAG_RULE_HOLIDAY, N_("Holiday"), FALSE },
    { DAG_RULE_CLOSURE, N_("Location closed"), FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_strcmp0 (rule, kinds[i].rule) == 0)
      {
        *about_people = kinds[i].people;
        return _(kinds[i].title);
      }
  *about_people = FALSE;
  return NULL;
}

/* "Mon 9 Nov morning", in Dutch "ma 9 nov ochtend": a dagdeel of the week
 * shown; the whole day ("ma 9 nov") when whole_day. */
static char *
slot_date_text (DagWeekView *self, int slot, gboolean whole_day)
{
  g_autoptr(GDateTime) day = NULL;
  g_autofree char *date = NULL;
  int y, m, d;

  dag_date_to_ymd (self->week + DAG_SLOT_DAY (slot), &y, &m, &d);
  day = g_date_time_new_local (y, m, d, 12, 0, 0);
  /* Translators: a day in the list of plan problems, see strftime; in
   * Dutch "%a %-d %b" gives "ma 7 dec" */
  date = day ? g_date_time_format (day, C_("problem date", "%a %-d %b")) : g_strdup ("?");
  if (whole_day)
    return g_steal_pointer (&date);
  /* Translators: a date and a dagdeel in the list of plan problems,
   * "ma 7 dec ochtend" */
  return g_strdup_printf (C_("problem date", "%s %s"), date,
                          DAG_SLOT_PART (slot) == DAG_PART_AM ? C_("dagdeel in a sentence", "morning")
                                                               : C_("dagdeel in a sentence", "afternoon"));
}

/* The dagdelen of mask (bits of slots), a day with both as the day:
 * "ma 23 nov, di 24 nov middag". */
static void
append_when (DagWeekView *self, GString *out, guint mask)
{
  for (int day = 0; day < N_SHOWN_DAYS; day++)
    {
      guint am = mask & DAG_SLOT_BIT (DAG_SLOT (day, DAG_PART_AM));
      guint pm = mask & DAG_SLOT_BIT (DAG_SLOT (day, DAG_PART_PM));
      g_autofree char *text = NULL;

      if (!am && !pm)
        continue;
      text = slot_date_text (self, DAG_SLOT (day, am ? DAG_PART_AM : DAG_PART_PM), am && pm);
      if (out->len && out->str[out->len - 1] != ' ')
        g_string_append (out, ", ");
      g_string_append (out, text);
    }
}

/* One line of a group's problems: a kind, and when and whom. */
typedef struct {
  const char *rule;
  const char *title;        /* NULL: the rules' own sentences */
  gboolean    people;
  int         severity;
  GString    *details;      /* the rules' sentences of a kind without a title */
  GString    *tooltip;      /* the whole sentences, with ids */
  guint       mask;         /* when, about the group */
  GArray     *who_key;      /* of int: participant or -(staff + 2) */
  GArray     *who_mask;     /* of guint: when, per person */
} KindLine;

static void
kind_line_clear (gpointer p)
{
  KindLine *k = p;

  g_string_free (k->details, TRUE);
  g_string_free (k->tooltip, TRUE);
  g_array_unref (k->who_key);
  g_array_unref (k->who_mask);
}

static int
compare_kind_lines (gconstpointer a, gconstpointer b)
{
  const KindLine *x = a, *y = b;

  return y->severity - x->severity;
}

/* Makes the panel of group g anew from the findings of its cells. */
static void
update_group_panel (DagWeekView *self, int g)
{
  GtkWidget *panel = self->group_panels ? self->group_panels[g] : NULL;
  g_autoptr(GArray) lines = NULL;
  GtkWidget *child;
  guint n = 0;

  if (panel == NULL)
    return;
  lines = g_array_new (FALSE, TRUE, sizeof (KindLine));
  g_array_set_clear_func (lines, kind_line_clear);
  for (int slot = 0; slot < DAG_N_SLOTS; slot++)
    {
      Cell *c = find_cell (self, g, slot);

      if (c == NULL || c->found == NULL)
        continue;
      for (guint i = 0; i < c->found->len; i++)
        {
          const CellFinding *f = DAG_AT (c->found, CellFinding, i);
          KindLine *line = NULL;
          int key;
          guint w;

          for (guint k = 0; k < lines->len && line == NULL; k++)
            if (g_str_equal (DAG_AT (lines, KindLine, k)->rule, f->rule))
              line = DAG_AT (lines, KindLine, k);
          if (line == NULL)
            {
              KindLine fresh = { f->rule, NULL, FALSE, f->severity, g_string_new (NULL), g_string_new (NULL), 0,
                                 g_array_new (FALSE, FALSE, sizeof (int)), g_array_new (FALSE, FALSE, sizeof (guint)) };

              fresh.title = kind_title (f->rule, &fresh.people);
              g_array_append_val (lines, fresh);
              line = DAG_AT (lines, KindLine, lines->len - 1);
            }
          line->severity = MAX (line->severity, f->severity);
          if (line->tooltip->len)
            g_string_append_c (line->tooltip, '\n');
          g_string_append (line->tooltip, f->message);
          if (line->title == NULL)
            {
              if (line->details->len)
                g_string_append_c (line->details, '\n');
              g_string_append (line->details, f->message);
              continue;
            }
          if (!line->people || (f->participant < 0 && f->staff < 0))
            {
              line->mask |= DAG_SLOT_BIT (slot);
              continue;
            }
          key = f->participant >= 0 ? f->participant : -(f->staff + 2);
          for (w = 0; w < line->who_key->len && g_array_index (line->who_key, int, w) != key; w++)
            ;
          if (w == line->who_key->len)
            {
              guint none = 0;

              g_array_append_val (line->who_key, key);
              g_array_append_val (line->who_mask, none);
            }
          g_array_index (line->who_mask, guint, w) |= DAG_SLOT_BIT (slot);
        }
    }
  while ((child = gtk_widget_get_first_child (panel)) != NULL)
    gtk_box_remove (GTK_BOX (panel), child);
  gtk_widget_set_visible (panel, lines->len > 0);
  if (lines->len == 0)
    return;
  g_array_sort (lines, compare_kind_lines);
  gtk_box_append (GTK_BOX (panel), g_object_new (GTK_TYPE_LABEL, "label", group_name (self->org, g),
                                                 "xalign", 0.0f, "wrap", TRUE,
                                                 "css-classes", (const char *[]) { "heading", NULL }, NULL));
  for (guint k = 0; k < lines->len; k++)
    {
      KindLine *line = DAG_AT (lines, KindLine, k);
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
      g_autoptr(GString) body = g_string_new (line->details->str);
      GtkWidget *title, *details;

      append_when (self, body, line->mask);
      for (guint w = 0; w < line->who_key->len; w++)
        {
          int key = g_array_index (line->who_key, int, w);
          const char *name;

          if (key >= 0)
            {
              const char *short_name;

              /* The grid's name: namesakes told apart. */
              chip_names (self, key, &name, &short_name);
            }
          else
            name = DAG_AT (self->org->staff, DagStaff, -key - 2)->name;
          if (body->len)
            g_string_append_c (body, '\n');
          /* Translators: a person and when, in the list of plan problems:
           * "Anna de Vries: ma 23 nov, di 24 nov ochtend" */
          g_string_append_printf (body, C_("problem person", "%s: "), name);
          append_when (self, body, g_array_index (line->who_mask, guint, w));
        }
      title = g_object_new (GTK_TYPE_LABEL, "label", line->title ? line->title : "", "xalign", 0.0f, "wrap", TRUE,
                            "visible", line->title != NULL,
                            "css-classes", (const char *[]) { "caption-heading", NULL }, NULL);
      if (line->severity == DAG_SEVERITY_ERROR)
        gtk_widget_add_css_class (title, "error");
      else
        gtk_widget_add_css_class (title, "warning");
      details = g_object_new (GTK_TYPE_LABEL, "label", body->str, "xalign", 0.0f, "wrap", TRUE,
                              "css-classes", (const char *[]) { "caption", NULL }, NULL);
      gtk_box_append (GTK_BOX (box), title);
      gtk_box_append (GTK_BOX (box), details);
      gtk_widget_add_css_class (box, "week-problem");
      /* Not shown yet: no pointer query (set_new_tooltip). */
      gtk_widget_set_tooltip_text (box, line->tooltip->str);
      gtk_box_append (GTK_BOX (panel), box);
      n++;
    }
}

static void
append_labels (GString *out, GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget))
    {
      if (out->len)
        g_string_append_c (out, '\n');
      g_string_append (out, gtk_label_get_text (GTK_LABEL (widget)));
    }
  for (GtkWidget *w = gtk_widget_get_first_child (widget); w; w = gtk_widget_get_next_sibling (w))
    append_labels (out, w);
}

char *
dag_week_view_get_problems_text (DagWeekView *self, int g)
{
  g_autoptr(GString) out = g_string_new (NULL);

  g_return_val_if_fail (DAG_IS_WEEK_VIEW (self), NULL);
  if (self->org == NULL || g < 0 || (guint) g >= self->org->groups->len ||
      self->group_panels == NULL || self->group_panels[g] == NULL || !gtk_widget_get_visible (self->group_panels[g]))
    return NULL;
  append_labels (out, self->group_panels[g]);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

guint
dag_week_view_get_problem_kinds (DagWeekView *self, int g)
{
  guint n = 0;

  g_return_val_if_fail (DAG_IS_WEEK_VIEW (self), 0);
  if (self->org == NULL || g < 0 || (guint) g >= self->org->groups->len ||
      self->group_panels == NULL || self->group_panels[g] == NULL)
    return 0;
  for (GtkWidget *w = gtk_widget_get_first_child (self->group_panels[g]); w; w = gtk_widget_get_next_sibling (w))
    n += gtk_widget_has_css_class (w, "week-problem");
  return n;
}

static void
update_summary (DagWeekView *self)
{
  guint n_problems = 0;

  for (guint i = 0; i < self->cells->len; i++)
    n_problems += DAG_AT (self->cells, Cell, i)->n_problems;
  if (n_problems == 0)
    gtk_label_set_text (self->summary_label, _("No plan problems at this location"));
  else
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u plan problem at this location",
                                                            "%u plan problems at this location", n_problems),
                                               n_problems);
      gtk_label_set_text (self->summary_label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->findings_box), n_problems > 0);
}

/* Checks the rules for the cells whose indexes are in which (all shown
 * cells when which is NULL) and shows their findings.  A cell of a day
 * without sessions (holiday, closure) shows none: nobody comes then. */
static void
check_cells (DagWeekView *self, const int *which, guint n)
{
  const DagOrg *org = self->org;
  g_autoptr(GArray) findings = NULL;
  g_autofree int *gs = NULL;
  g_autofree int *all = NULL;
  g_autofree GString **problems = NULL;
  g_autofree guint8 *severity = NULL;     /* 0 none, 1 warning, 2 error */
  g_autofree int *position = NULL;
  gint64 t0 = g_get_monotonic_time ();

  if (which == NULL)
    {
      all = g_new (int, self->cells->len + 1);
      n = 0;
      for (guint i = 0; i < self->cells->len; i++)
        if (DAG_AT (self->cells, Cell, i)->box != NULL)
          all[n++] = (int) i;
      which = all;
    }
  gs = g_new (int, n + 1);
  problems = g_new0 (GString *, n + 1);
  severity = g_new0 (guint8, n + 1);
  position = g_new (int, self->cells->len + 1);
  for (guint i = 0; i < self->cells->len; i++)
    position[i] = -1;
  for (guint k = 0; k < n; k++)
    {
      Cell *c = DAG_AT (self->cells, Cell, which[k]);

      gs[k] = c->group * DAG_N_SLOTS + c->slot;
      position[which[k]] = (int) k;
    }
  findings = dag_rules_check_cells (org, self->week, gs, n);
  for (guint k = 0; k < n; k++)
    {
      Cell *c = DAG_AT (self->cells, Cell, which[k]);

      g_clear_pointer (&c->problems, g_free);
      g_clear_pointer (&c->found, g_array_unref);
      c->n_problems = 0;
    }
  for (guint i = 0; i < findings->len; i++)
    {
      const DagFinding *f = &g_array_index (findings, DagFinding, i);
      int idx = cell_index (self, f->group, f->slot);
      Cell *c;
      int k;

      if (idx < 0 || (k = position[idx]) < 0)
        continue;
      c = DAG_AT (self->cells, Cell, idx);
      if (c->box == NULL || self->day_note[DAG_SLOT_DAY (c->slot)] != NULL)
        continue;
      if (problems[k] == NULL)
        {
          problems[k] = g_string_new (NULL);
          c->found = g_array_new (FALSE, FALSE, sizeof (CellFinding));
          g_array_set_clear_func (c->found, cell_finding_clear);
        }
      else
        g_string_append_c (problems[k], '\n');
      g_string_append (problems[k], f->message);
      {
        CellFinding cf = { f->rule, f->severity, f->participant, f->staff, g_strdup (f->message) };
        g_array_append_val (c->found, cf);
      }
      severity[k] = MAX (severity[k], f->severity == DAG_SEVERITY_ERROR ? 2 : 1);
      c->n_problems++;
    }
  for (guint k = 0; k < n; k++)
    {
      Cell *c = DAG_AT (self->cells, Cell, which[k]);

      if (problems[k] != NULL)
        c->problems = g_string_free (problems[k], FALSE);
      if (c->box == NULL)
        continue;
      /* Changing a class restyles the whole cell: only when it changes. */
      if (severity[k] == 2)
        gtk_widget_add_css_class (c->box, "error");
      else
        gtk_widget_remove_css_class (c->box, "error");
      if (severity[k] == 1)
        gtk_widget_add_css_class (c->box, "warning");
      else
        gtk_widget_remove_css_class (c->box, "warning");
    }
  /* A panel a group: a move re-lays out only its groups' own. */
  for (guint k = 0; k < n; k++)
    {
      int g = DAG_AT (self->cells, Cell, which[k])->group;
      gboolean seen = FALSE;

      for (guint o = 0; o < k && !seen; o++)
        seen = DAG_AT (self->cells, Cell, which[o])->group == g;
      if (!seen)
        update_group_panel (self, g);
    }
  update_summary (self);
  g_debug ("Week view: %u cells checked in %.1f ms", n, (g_get_monotonic_time () - t0) / 1000.0);
}

/* How many of its dagdelen participant p (or every participant, p -1) is
 * indicated for in the week shown (valid day-activity indications) and not
 * planned. */
static void
compute_want (DagWeekView *self, int p)
{
  const DagOrg *org = self->org;

  for (guint i = 0; i < org->participants->len; i++)
    if (p < 0 || (int) i == p)
      self->want[i] = 0;
  for (guint i = 0; i < org->indications->len; i++)
    {
      const DagIndication *in = DAG_AT (org->indications, DagIndication, i);
      int max = 0, min = 0;

      if (in->participant < 0 || (guint) in->participant >= org->participants->len ||
          (p >= 0 && in->participant != p) ||
          !dag_rules_is_day_activity (org, in) ||
          !(dag_rules_valid_on (in, self->week) || dag_rules_valid_on (in, self->week + 4)))
        continue;
      dag_rules_weekly_volume (in, &max, &min);
      self->want[in->participant] += max;
    }
  for (guint i = 0; i < org->plan->len; i++)
    {
      const DagPlanEntry *e = DAG_AT (org->plan, DagPlanEntry, i);
      int q = e->participant;

      if (APPLIES (self, e) && q >= 0 && (guint) q < org->participants->len && (p < 0 || q == p))
        self->want[q]--;
    }
}

static int
compare_waiting_rows (GtkListBoxRow *a, GtkListBoxRow *b, gpointer data)
{
  return chip_ref_of (GTK_WIDGET (a))->participant - chip_ref_of (GTK_WIDGET (b))->participant;
}

/* Shows, updates or hides the waiting list row of participant p.  A row,
 * once made, is hidden rather than destroyed: the next week's waiting list
 * differs in a hundred rows on a large organisation, and showing a row
 * again costs far less than making it (it keeps its measured size). */
static void
update_waiting_row (DagWeekView *self, int p)
{
  GtkWidget *row = self->waiting_rows[p];
  GtkLabel *caption;
  int reason = -1;

  if (self->want[p] <= 0)
    {
      if (row != NULL && gtk_widget_get_visible (row))
        {
          gtk_widget_set_visible (row, FALSE);
          self->n_waiting--;
        }
      return;
    }
  if (row == NULL)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
      GtkWidget *content = chip_content (self, p, FALSE);

      caption = g_object_new (GTK_TYPE_LABEL, "xalign", 0.0f, "wrap", TRUE,
                              "css-classes", (const char *[]) { "caption", "dim-label", NULL }, NULL);
      gtk_widget_add_css_class (content, "week-chip");
      gtk_box_append (GTK_BOX (box), content);
      gtk_box_append (GTK_BOX (box), GTK_WIDGET (caption));
      row = gtk_list_box_row_new ();
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      set_chip_ref (row, p, -1, -1);
      g_object_set_data (G_OBJECT (row), "caption", caption);
      g_object_set_data (G_OBJECT (row), "shown-count", GINT_TO_POINTER (-1));
      gtk_list_box_append (self->waiting_list, row);
      self->waiting_rows[p] = row;
      self->n_waiting++;
    }
  else if (!gtk_widget_get_visible (row))
    {
      gtk_widget_set_visible (row, TRUE);
      self->n_waiting++;
    }
  if (self->last_result)
    for (guint i = 0; i < self->last_result->waiting->len; i++)
      {
        const DagWaitEntry *w = DAG_AT (self->last_result->waiting, DagWaitEntry, i);
        if (w->participant == p)
          reason = w->reason;
      }
  /* The caption only when it changes: a new text is measured anew. */
  if (GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "shown-count")) != self->want[p] * 100 + reason + 1)
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d dagdeel unplaced",
                                                            "%d dagdelen unplaced", self->want[p]),
                                               self->want[p]);
      if (reason >= 0)
        {
          g_autofree char *line = g_strdup_printf ("%s · %s", text, dag_wait_reason_name (reason));
          g_free (text);
          text = g_steal_pointer (&line);
        }
      caption = g_object_get_data (G_OBJECT (row), "caption");
      gtk_label_set_text (caption, text);
      g_object_set_data (G_OBJECT (row), "shown-count", GINT_TO_POINTER (self->want[p] * 100 + reason + 1));
    }
}

static void
update_waiting_label (DagWeekView *self)
{
  g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Waiting list (%u)",
                                                        "Waiting list (%u)", self->n_waiting),
                                           self->n_waiting);
  gtk_label_set_text (self->waiting_label, text);
}

/* The waiting list for the week shown: of every participant (p -1) or of
 * participant p only. */
static void
show_waiting (DagWeekView *self, int p)
{
  if (self->org == NULL)
    return;
  compute_want (self, p);
  for (guint i = 0; i < self->org->participants->len; i++)
    if (p < 0 || (int) i == p)
      update_waiting_row (self, (int) i);
  update_waiting_label (self);
}

static void
clear_waiting (DagWeekView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->waiting_list))) != NULL)
    gtk_list_box_remove (self->waiting_list, child);
  g_clear_pointer (&self->want, g_free);
  g_clear_pointer (&self->waiting_rows, g_free);
  self->n_waiting = 0;
  if (self->org != NULL)
    {
      self->want = g_new0 (int, self->org->participants->len + 1);
      self->waiting_rows = g_new0 (GtkWidget *, self->org->participants->len + 1);
    }
}

/* Whether the week shown may still be changed; a banner says why not. */
static void
update_frozen (DagWeekView *self)
{
  g_clear_pointer (&self->frozen_message, g_free);
  self->frozen = self->org != NULL ? dag_schedule_week_frozen (self->org, self->week, dag_date_today ())
                                   : DAG_FROZEN_NO;
  self->frozen_message = dag_schedule_frozen_message (self->frozen, self->week);
  if (self->frozen != DAG_FROZEN_NO && self->frozen_message == NULL)
    self->frozen_message = g_strdup (_("This week can no longer be changed"));
  gtk_label_set_text (self->frozen_label, self->frozen_message ? self->frozen_message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->frozen_box), self->frozen_message != NULL);
}

static void
update_proposal_bar (DagWeekView *self)
{
  const DagPlanResult *r = self->proposal;
  g_autofree char *text = NULL;

  update_actions (self);
  gtk_widget_set_visible (GTK_WIDGET (self->proposal_box), r != NULL);
  if (r == NULL)
    return;
  if (r->week == self->week)
    /* Translators: the week number, the number of changes */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Proposed plan from week %d on: %u change, marked in the grid",
                                         "Proposed plan from week %d on: %u changes, marked in the grid",
                                         r->changes->len), week_number (r->week), r->changes->len);
  else
    /* Translators: the week number, the number of changes */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Proposed plan from week %d on: %u change, marked in that week",
                                         "Proposed plan from week %d on: %u changes, marked in that week",
                                         r->changes->len), week_number (r->week), r->changes->len);
  if (r->bound > 0)
    {
      g_autofree char *bound = bound_text (r);
      g_autofree char *both = g_strconcat (text, " — ", bound, NULL);

      gtk_label_set_text (self->proposal_label, both);
      return;
    }
  gtk_label_set_text (self->proposal_label, text);
}

/* Fills every cell anew from org: participants, staff, occupancy, days,
 * findings, and the waiting list. */
static void
refresh (DagWeekView *self)
{
  gint64 t0 = g_get_monotonic_time ();
  g_autofree int *all = NULL;
  guint n = 0;

  if (self->org == NULL)
    return;
  close_move_popover (self);
  close_change_popover (self);
  /* Names may have changed (the chips are made anew below). */
  free_names (self);
  update_week_label (self);
  update_frozen (self);
  update_days (self);
  all = g_new (int, self->cells->len + 1);
  for (guint i = 0; i < self->cells->len; i++)
    all[n++] = (int) i;
  fill_chips (self, all, n, TRUE);
  fill_staff (self);
  check_cells (self, NULL, 0);
  /* The waiting list is the organisation's, not the location's; its
   * rows are updated where a count or a reason changed. */
  show_waiting (self, -1);
  update_proposal_bar (self);
  g_debug ("Week view refreshed in %.1f ms", (g_get_monotonic_time () - t0) / 1000.0);
}

/* The shown cells where participant is planned in the week shown. */
static GArray *
participant_cells (DagWeekView *self, int participant)
{
  const DagOrg *org = self->org;
  GArray *cells = g_array_new (FALSE, FALSE, sizeof (int));
  int idx;

  for (guint i = 0; i < org->plan->len; i++)
    {
      const DagPlanEntry *e = DAG_AT (org->plan, DagPlanEntry, i);

      if (e->participant == participant && APPLIES (self, e) &&
          (idx = cell_index (self, e->group, e->slot)) >= 0 && DAG_AT (self->cells, Cell, idx)->box != NULL)
        g_array_append_val (cells, idx);
    }
  return cells;
}

/* After participant's entries changed (cells: where they were this week):
 * re-draws and re-checks those cells and where they are now (a double
 * shows in each), and updates their waiting list row. */
static void
refresh_participant (DagWeekView *self,
                     int          participant,
                     GArray      *cells)
{
  gint64 t0 = g_get_monotonic_time ();
  g_autoptr(GArray) now = participant_cells (self, participant);
  g_autoptr(GArray) check = g_array_new (FALSE, FALSE, sizeof (int));

  close_move_popover (self);
  g_array_append_vals (check, cells->data, cells->len);
  g_array_append_vals (check, now->data, now->len);
  /* A cell checked twice would show its findings twice. */
  {
    guint kept = 0;
    for (guint i = 0; i < check->len; i++)
      {
        gboolean seen = FALSE;
        for (guint k = 0; k < kept && !seen; k++)
          seen = g_array_index (check, int, k) == g_array_index (check, int, i);
        if (!seen)
          g_array_index (check, int, kept++) = g_array_index (check, int, i);
      }
    g_array_set_size (check, kept);
  }
  fill_chips (self, (int *) check->data, check->len, FALSE);
  check_cells (self, (int *) check->data, check->len);
  show_waiting (self, participant);
  g_debug ("Week view: move shown in %.1f ms", (g_get_monotonic_time () - t0) / 1000.0);
}

static void
build_grid (DagWeekView *self)
{
  int row = DAG_SLOT_GRID_FIRST_ROW;

  close_move_popover (self);
  g_array_set_size (self->cells, 0);
  g_clear_pointer (&self->cell_at, g_free);
  g_clear_pointer (&self->group_panels, g_free);
  /* Names are told apart among the location's participants. */
  free_names (self);
  dag_slot_grid_reset (self->grid);
  gtk_grid_attach (self->grid, GTK_WIDGET (self->legend_button), 0, 0, 1, 2);
  {
    GtkWidget *child;
    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->findings_list))) != NULL)
      gtk_box_remove (self->findings_list, child);
  }
  if (self->org == NULL || self->location < 0)
    return;
  self->cell_at = g_new (int, self->org->groups->len * DAG_N_SLOTS + 1);
  self->group_panels = g_new0 (GtkWidget *, self->org->groups->len + 1);
  for (guint i = 0; i < self->org->groups->len * DAG_N_SLOTS; i++)
    self->cell_at[i] = -1;
  for (guint g = 0; g < self->org->groups->len; g++)
    {
      const DagGroup *gr = DAG_AT (self->org->groups, DagGroup, g);

      if (gr->location != self->location)
        continue;
      dag_slot_grid_add_group (self->grid, gr->name, row, 11);
      self->group_panels[g] = g_object_new (GTK_TYPE_BOX, "orientation", GTK_ORIENTATION_VERTICAL,
                                            "spacing", 4, "visible", FALSE, "margin-bottom", 6, NULL);
      gtk_box_append (self->findings_list, self->group_panels[g]);
      for (int day = 0; day < N_SHOWN_DAYS; day++)
        for (int part = 0; part < N_SHOWN_PARTS; part++)
          {
            Cell cell = { (int) g, DAG_SLOT (day, part), NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0 };

            if (gr->slots & DAG_SLOT_BIT (cell.slot))
              {
                GtkDropTarget *target = gtk_drop_target_new (G_TYPE_STRING, GDK_ACTION_MOVE);

                cell.box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
                gtk_widget_add_css_class (cell.box, "week-cell");
                gtk_widget_set_hexpand (cell.box, TRUE);
                cell.occupancy = g_object_new (GTK_TYPE_LABEL, "xalign", 1.0f,
                                               "css-classes", (const char *[]) { "caption", "numeric", NULL },
                                               NULL);
                cell.chips = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
                cell.staff = g_object_new (GTK_TYPE_BOX, "orientation", GTK_ORIENTATION_VERTICAL,
                                           "spacing", 2, "visible", FALSE,
                                           "css-classes", (const char *[]) { "week-staff", NULL }, NULL);
                gtk_accessible_update_property (GTK_ACCESSIBLE (cell.staff), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                                _("Staff"), -1);
                gtk_box_append (GTK_BOX (cell.box), cell.occupancy);
                gtk_box_append (GTK_BOX (cell.box), cell.chips);
                gtk_box_append (GTK_BOX (cell.box), cell.staff);
                g_object_set_data (G_OBJECT (cell.box), "group-slot",
                                   GINT_TO_POINTER ((int) g * DAG_N_SLOTS + cell.slot));
                g_signal_connect (target, "drop", G_CALLBACK (drop_cb), NULL);
                gtk_widget_add_controller (cell.box, GTK_EVENT_CONTROLLER (target));
                gtk_grid_attach (self->grid, cell.box, DAG_SLOT_GRID_COLUMN (day, part), row, 1, 1);
              }
            self->cell_at[g * DAG_N_SLOTS + cell.slot] = (int) self->cells->len;
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

  if (self->setting_locations)
    return;
  if (self->org == NULL || selected == GTK_INVALID_LIST_POSITION)
    self->location = -1;
  else
    self->location = (int) selected;
  build_grid (self);
  refresh (self);
  g_debug ("Week view shown in %.1f ms", (g_get_monotonic_time () - t0) / 1000.0);
}

/* A new week: its plan entries, staffing, days, findings and waiting list
 * are the week's own. */
static void
set_week (DagWeekView *self, DagDate week)
{
  gint64 t0 = g_get_monotonic_time ();

  week = dag_rules_week_start (week);
  if (week == self->week)
    return;
  self->week = week;
  update_week_label (self);
  if (self->org == NULL)
    return;
  close_move_popover (self);
  close_change_popover (self);
  update_frozen (self);
  update_days (self);
  /* Each week has its own entries of the dated plan: the cells whose
   * participants differ are re-drawn. */
  refresh_marks (self);
  fill_staff (self);
  check_cells (self, NULL, 0);
  show_waiting (self, -1);
  g_debug ("Week view: week shown in %.1f ms", (g_get_monotonic_time () - t0) / 1000.0);
}

/* ---- making room for the whole week ------------------------------------- */

/* The user shows or hides the side panel; their choice holds until the
 * view's width changes again. */
static void
panel_toggled_cb (DagWeekView *self)
{
  gboolean active = gtk_toggle_button_get_active (self->panel_button);

  if (gtk_widget_get_visible (self->side_panel) == active)
    return;
  gtk_widget_set_visible (self->side_panel, active);
  self->panel_auto_hidden = FALSE;
  self->panel_user_width = gtk_widget_get_width (GTK_WIDGET (self));
}

static gboolean
fit_week_idle (gpointer data)
{
  DagWeekView *self = data;
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int grid_min = 0, panel_min = 0;
  gboolean shown = gtk_widget_get_visible (self->side_panel);

  self->fit_source = 0;
  if (width == self->panel_user_width)
    return G_SOURCE_REMOVE;
  self->panel_user_width = -1;
  gtk_widget_measure (GTK_WIDGET (self->grid), GTK_ORIENTATION_HORIZONTAL, -1, &grid_min, NULL, NULL, NULL);
  gtk_widget_measure (self->side_panel, GTK_ORIENTATION_HORIZONTAL, -1, &panel_min, NULL, NULL, NULL);
  panel_min = MAX (panel_min, 240);
  /* The side panel gives way when the whole week would not fit beside it,
   * and comes back (unless hidden by hand) when it would. */
  if (shown && width < grid_min + panel_min)
    {
      /* Hidden first: the button's toggled handler takes only a change
       * the user makes. */
      gtk_widget_set_visible (self->side_panel, FALSE);
      gtk_toggle_button_set_active (self->panel_button, FALSE);
      self->panel_auto_hidden = TRUE;
    }
  else if (!shown && self->panel_auto_hidden && width >= grid_min + panel_min + 24)
    {
      gtk_widget_set_visible (self->side_panel, TRUE);
      gtk_toggle_button_set_active (self->panel_button, TRUE);
      self->panel_auto_hidden = FALSE;
    }
  return G_SOURCE_REMOVE;
}

/* Decides about the side panel when the grid's room or width changes,
 * after the frame: a widget is not shown or hidden while being allocated.
 * (The view's own allocation is its AdwBin's layout manager's, so the
 * grid's scrolled window tells.) */
static void
grid_adjustment_changed_cb (GtkAdjustment *adjustment,
                            DagWeekView   *self)
{
  /* Cheap: the idle measures, and acts only when the answer changes. */
  if (self->fit_source == 0)
    self->fit_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE + 30, fit_week_idle, self, NULL);
}

/* ---- the object --------------------------------------------------------- */

static void
dag_week_view_dispose (GObject *object)
{
  DagWeekView *self = DAG_WEEK_VIEW (object);

  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  stop_progress (self);
  g_clear_handle_id (&self->fit_source, g_source_remove);
  if (self->dialog)
    gtk_window_destroy (GTK_WINDOW (self->dialog));
  close_move_popover (self);
  if (self->move_popover != NULL && gtk_widget_get_parent (self->move_popover) != NULL)
    gtk_widget_unparent (self->move_popover);
  g_clear_object (&self->move_popover);
  close_change_popover (self);
  g_clear_object (&self->change_popover);
  if (self->scope_dialog)
    gtk_window_destroy (GTK_WINDOW (self->scope_dialog));
  g_clear_weak_pointer (&self->scope_dialog);
  g_clear_weak_pointer (&self->drag_chip);
  if (self->legend_button != NULL && gtk_widget_get_parent (GTK_WIDGET (self->legend_button)) != NULL)
    gtk_grid_remove (self->grid, GTK_WIDGET (self->legend_button));
  g_clear_object (&self->legend_button);
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
  g_clear_pointer (&self->cell_at, g_free);
  g_clear_pointer (&self->group_panels, g_free);
  free_names (self);
  g_clear_pointer (&self->want, g_free);
  g_clear_pointer (&self->waiting_rows, g_free);
  for (int day = 0; day < N_SHOWN_DAYS; day++)
    g_clear_pointer (&self->day_note[day], g_free);
  g_clear_pointer (&self->proposal, dag_plan_result_free);
  g_clear_pointer (&self->last_result, dag_plan_result_free);
  g_clear_pointer (&self->frozen_message, g_free);
  g_clear_pointer (&self->last_toast, g_free);
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
  gtk_widget_class_bind_template_child (widget_class, DagWeekView, week_label);
  gtk_widget_class_bind_template_child (widget_class, DagWeekView, summary_label);
  gtk_widget_class_bind_template_child (widget_class, DagWeekView, grid);
  gtk_widget_class_bind_template_child (widget_class, DagWeekView, waiting_list);
  gtk_widget_class_bind_template_child (widget_class, DagWeekView, waiting_label);
  gtk_widget_class_bind_template_child (widget_class, DagWeekView, plan_button);
  gtk_widget_class_bind_template_child (widget_class, DagWeekView, progress_box);
  gtk_widget_class_bind_template_child (widget_class, DagWeekView, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, DagWeekView, progress_label);
  gtk_widget_class_bind_template_child (widget_class, DagWeekView, findings_box);
  gtk_widget_class_bind_template_child (widget_class, DagWeekView, findings_list);
  gtk_widget_class_bind_template_child (widget_class, DagWeekView, frozen_box);
  gtk_widget_class_bind_template_child (widget_class, DagWeekView, frozen_label);
  gtk_widget_class_bind_template_child (widget_class, DagWeekView, proposal_box);
  gtk_widget_class_bind_template_child (widget_class, DagWeekView, proposal_label);
  gtk_widget_class_bind_template_child (widget_class, DagWeekView, side_panel);
  gtk_widget_class_bind_template_child (widget_class, DagWeekView, panel_button);
  gtk_widget_class_bind_template_child (widget_class, DagWeekView, grid_scroll);
  gtk_widget_class_bind_template_callback (widget_class, panel_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, location_selected_cb);

  gtk_widget_class_install_action (widget_class, "week.move", "(iiiii)", move_action);
  gtk_widget_class_install_action (widget_class, "week.move-menu", NULL, move_menu_action);
  gtk_widget_class_install_action (widget_class, "week.plan", NULL, plan_action);
  gtk_widget_class_install_action (widget_class, "week.plan-all", NULL, plan_all_action);
  gtk_widget_class_install_action (widget_class, "week.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "week.stop", NULL, stop_action);
  gtk_widget_class_install_action (widget_class, "week.accept-proposal", NULL, accept_proposal_action);
  gtk_widget_class_install_action (widget_class, "week.reject-proposal", NULL, reject_proposal_action);
  gtk_widget_class_install_action (widget_class, "week.previous-week", NULL, previous_week_action);
  gtk_widget_class_install_action (widget_class, "week.next-week", NULL, next_week_action);
  gtk_widget_class_install_action (widget_class, "week.this-week", NULL, this_week_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "week.previous-week", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK, "week.next-week", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Home, GDK_ALT_MASK, "week.this-week", NULL);
  /* With a chip focused: "Move to…" (Enter activates the chip itself). */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F2, 0, "week.move-menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Menu, 0, "week.move-menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK, "week.move-menu", NULL);
}

static const char css[] =
  ".week-cell { padding: 3px; border-radius: 6px; min-width: 64px;"
  " background-color: alpha(currentColor, 0.05); }\n"
  ".week-cell.error { background-color: alpha(@error_color, 0.15); color: @window_fg_color; }\n"
  ".week-cell.error > label.numeric { color: @error_color; font-weight: bold; }\n"
  ".week-cell.warning { background-color: alpha(@warning_color, 0.12); }\n"
  ".week-cell.closed { opacity: 0.45; background-color: transparent;"
  " border: 1px dashed alpha(currentColor, 0.3); }\n"
  /* Chips are plain cards: a tint of their own would mix with a cell's
   * red or yellow into colours nobody can name. */
  ".week-chip { font-size: 0.8em; border-radius: 4px; padding: 0 3px; min-height: 0; min-width: 0;"
  " background-color: @view_bg_color; box-shadow: inset 0 0 0 1px alpha(currentColor, 0.12);"
  " font-weight: normal; }\n"
  "button.week-chip:hover { background-color: mix(@view_bg_color, @accent_bg_color, 0.15); }\n"
  ".week-chip image { -gtk-icon-size: 10px; }\n"
  ".week-staff { margin-top: 2px; }\n"
  ".week-staff-chip { font-size: 0.75em; border-radius: 4px; padding: 0 3px;"
  " border: 1px dashed alpha(currentColor, 0.35); }\n"
  ".week-staff-chip image { -gtk-icon-size: 10px; color: @accent_color; }\n"
  ".week-badge { font-size: 0.85em; font-weight: bold; padding: 0 3px; border-radius: 3px;"
  " background-color: alpha(currentColor, 0.12); }\n"
  ".week-side-panel { border-left: 1px solid alpha(currentColor, 0.15); }\n"
  ".week-banner { padding: 6px 12px; background-color: alpha(@warning_color, 0.15); }\n"
  ".week-banner.proposal { background-color: alpha(@accent_bg_color, 0.15); }\n"
  ".week-chip.proposed-add { background-color: alpha(@success_color, 0.22);"
  " box-shadow: inset 0 0 0 1px @success_color; }\n"
  ".week-chip.proposed-move { background-color: alpha(@accent_color, 0.22);"
  " box-shadow: inset 0 0 0 1px @accent_color; }\n"
  ".week-chip.proposed-remove, .week-chip.proposed-move-out { opacity: 0.6;"
  " background-color: alpha(@error_color, 0.12); }\n"
  ".week-chip.proposed-remove label, .week-chip.proposed-move-out label { text-decoration-line: line-through; }\n";

static void
dag_week_view_init (DagWeekView *self)
{
  static gsize css_loaded = 0;
  GtkGesture *gesture;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->toast_overlay = ADW_TOAST_OVERLAY (adw_bin_get_child (ADW_BIN (self)));
  self->location = -1;
  self->panel_user_width = -1;
  self->week = dag_rules_week_start (dag_date_today () + 7);
  self->cells = g_array_new (FALSE, TRUE, sizeof (Cell));
  g_array_set_clear_func (self->cells, cell_clear);
  add_drag_source (self, GTK_WIDGET (self->grid));
  gtk_widget_set_has_tooltip (GTK_WIDGET (self->grid), TRUE);
  g_signal_connect (self->grid, "query-tooltip", G_CALLBACK (query_tooltip_cb), self);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self->waiting_list), TRUE);
  g_signal_connect (self->waiting_list, "query-tooltip", G_CALLBACK (query_tooltip_cb), self);
  add_drag_source (self, GTK_WIDGET (self->waiting_list));
  gtk_list_box_set_sort_func (self->waiting_list, compare_waiting_rows, NULL, NULL);
  g_signal_connect (self->waiting_list, "row-activated", G_CALLBACK (waiting_row_activated_cb), self);
  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_SECONDARY);
  g_signal_connect (gesture, "pressed", G_CALLBACK (secondary_click_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));
  gesture = gtk_gesture_long_press_new ();
  gtk_gesture_single_set_touch_only (GTK_GESTURE_SINGLE (gesture), TRUE);
  g_signal_connect (gesture, "pressed", G_CALLBACK (long_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));
  if (g_once_init_enter (&css_loaded))
    {
      GtkCssProvider *provider = gtk_css_provider_new ();

      gtk_css_provider_load_from_data (provider, css, -1);
      gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider),
                                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
      g_object_unref (provider);
      g_once_init_leave (&css_loaded, 1);
    }
  /* The legend sits in the grid's empty corner, above the groups' names:
   * kept while the grid is made anew. */
  self->legend_button = GTK_MENU_BUTTON (g_object_ref_sink (gtk_menu_button_new ()));
  gtk_menu_button_set_icon_name (self->legend_button, "dialog-information-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->legend_button), _("What the Colours and Marks Mean"));
  gtk_widget_set_halign (GTK_WIDGET (self->legend_button), GTK_ALIGN_START);
  gtk_widget_set_valign (GTK_WIDGET (self->legend_button), GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (GTK_WIDGET (self->legend_button), "flat");
  gtk_menu_button_set_popover (self->legend_button, dag_week_legend_new ());
  g_signal_connect (gtk_scrolled_window_get_hadjustment (self->grid_scroll), "changed",
                    G_CALLBACK (grid_adjustment_changed_cb), self);
  update_week_label (self);
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
  DagHistory *history = dag_history_for_widget (GTK_WIDGET (self));
  /* The same organisation with records edited in place (no index moved):
   * the view stays where it was and its steps stay on the undo stack. */
  gboolean same = org_box != NULL && org_box == self->box;
  int location = same ? self->location : -1;

  g_return_if_fail (DAG_IS_WEEK_VIEW (self));

  /* The steps of another organisation refer to indexes it no longer has. */
  if (history != NULL && !same)
    dag_history_forget (history, self);
  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  stop_progress (self);
  if (self->dialog)
    gtk_window_destroy (GTK_WINDOW (self->dialog));
  if (self->scope_dialog)
    gtk_window_destroy (GTK_WINDOW (self->scope_dialog));
  close_move_popover (self);
  close_change_popover (self);
  g_clear_pointer (&self->proposal, dag_plan_result_free);
  g_clear_pointer (&self->last_result, dag_plan_result_free);
  g_set_object (&self->store, store);
  free_names (self);
  if (!same)
    {
      g_clear_pointer (&self->box, org_box_release);
      self->box = org_box ? g_rc_box_acquire (org_box) : NULL;
    }
  self->org = org;
  self->location = -1;
  /* A new organisation opens on next week, or the first week after it
   * that may still be changed (one with attendance registered ahead). */
  if (!same && org != NULL)
    for (int n = 0; n < 26 && dag_schedule_week_frozen (org, self->week, dag_date_today ()) != DAG_FROZEN_NO; n++)
      self->week += 7;
  /* The rows show names and marks that may have changed. */
  clear_waiting (self);
  update_actions (self);
  if (org != NULL)
    for (guint i = 0; i < org->locations->len; i++)
      gtk_string_list_append (locations, DAG_AT (org->locations, DagLocation, i)->name);
  /* One grid is built, for the location shown before or the first. */
  self->setting_locations = TRUE;
  gtk_drop_down_set_model (self->location_dropdown, G_LIST_MODEL (locations));
  self->setting_locations = FALSE;
  if (org != NULL && location >= 0 && (guint) location < org->locations->len &&
      gtk_drop_down_get_selected (self->location_dropdown) != (guint) location)
    gtk_drop_down_set_selected (self->location_dropdown, (guint) location);
  else
    location_selected_cb (self);
}

void
dag_week_view_set_week (DagWeekView *self,
                        DagDate      week)
{
  g_return_if_fail (DAG_IS_WEEK_VIEW (self));
  set_week (self, week);
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

const char *
dag_week_view_get_staff_text (DagWeekView *self, int group, int slot)
{
  Cell *c;

  g_return_val_if_fail (DAG_IS_WEEK_VIEW (self), NULL);
  c = find_cell (self, group, slot);
  return c ? c->staff_text : NULL;
}

const char *
dag_week_view_get_day_note (DagWeekView *self, int day)
{
  g_return_val_if_fail (DAG_IS_WEEK_VIEW (self), NULL);
  g_return_val_if_fail (day >= 0 && day < N_SHOWN_DAYS, NULL);
  return self->day_note[day];
}

GtkWidget *
dag_week_view_get_chip (DagWeekView *self, int participant, int group, int slot)
{
  Cell *c;

  g_return_val_if_fail (DAG_IS_WEEK_VIEW (self), NULL);
  if (group < 0)
    return self->waiting_rows && participant >= 0 && (guint) participant < self->org->participants->len &&
           self->waiting_rows[participant] && gtk_widget_get_visible (self->waiting_rows[participant])
           ? self->waiting_rows[participant] : NULL;
  c = find_cell (self, group, slot);
  if (c == NULL || c->chips == NULL)
    return NULL;
  for (GtkWidget *w = gtk_widget_get_first_child (c->chips); w != NULL; w = gtk_widget_get_next_sibling (w))
    {
      ChipRef *ref = g_object_get_data (G_OBJECT (w), "dag-chip-ref");

      /* A proposed chip is not the participant's (yet). */
      if (ref != NULL && ref->participant == participant)
        return w;
    }
  return NULL;
}

GtkPopover *
dag_week_view_get_move_popover (DagWeekView *self)
{
  g_return_val_if_fail (DAG_IS_WEEK_VIEW (self), NULL);
  if (self->move_popover == NULL || !gtk_widget_get_visible (self->move_popover))
    return NULL;
  return GTK_POPOVER (self->move_popover);
}

int
dag_week_view_get_unplaced (DagWeekView *self, int participant)
{
  g_return_val_if_fail (DAG_IS_WEEK_VIEW (self), 0);
  if (self->want == NULL || self->org == NULL || participant < 0 ||
      (guint) participant >= self->org->participants->len)
    return 0;
  return MAX (self->want[participant], 0);
}

guint
dag_week_view_get_n_waiting (DagWeekView *self)
{
  g_return_val_if_fail (DAG_IS_WEEK_VIEW (self), 0);
  return self->n_waiting;
}

gboolean
dag_week_view_move (DagWeekView  *self,
                    int           participant,
                    int           from_group,
                    int           from_slot,
                    int           to_group,
                    int           to_slot,
                    DagPlanScope  scope,
                    GError      **error)
{
  g_autofree char *label = NULL;
  g_autoptr(GArray) before = NULL;
  Step *step;

  g_return_val_if_fail (DAG_IS_WEEK_VIEW (self), FALSE);
  g_return_val_if_fail (self->org != NULL && self->store != NULL, FALSE);

  if (!do_move (self, participant, from_group, from_slot, to_group, to_slot, scope, &before, error))
    return FALSE;
  /* The proposal was made against the plan before the move. */
  dag_week_view_reject_proposal (self);
  if (to_group < 0)
    /* Translators: an undo step, “Move Anna de Vries to the waiting list” */
    label = g_strdup_printf (_("Move %s to the waiting list"), participant_name (self->org, participant));
  else if (from_group < 0)
    /* Translators: an undo step, “Plan Anna de Vries in Atelier, Tuesday morning” */
    label = g_strdup_printf (_("Plan %s in %s, %s"), participant_name (self->org, participant),
                             group_name (self->org, to_group), dag_slot_label (to_slot));
  else
    /* Translators: an undo step, “Move Anna de Vries to Atelier, Tuesday morning” */
    label = g_strdup_printf (_("Move %s to %s, %s"), participant_name (self->org, participant),
                             group_name (self->org, to_group), dag_slot_label (to_slot));
  step = g_new0 (Step, 1);
  step->kind = STEP_MOVE;
  step->week = self->week;
  step->participant = participant;
  step->from_group = from_group;
  step->to_group = to_group;
  step->plan_before = before ? g_steal_pointer (&before) : g_array_new (FALSE, FALSE, sizeof (DagPlanEntry));
  step->plan_after = participant_entries (self->org, participant);
  push_step (self, step, label);
  update_actions (self);
  return TRUE;
}

const char *
dag_week_view_get_frozen_message (DagWeekView *self)
{
  g_return_val_if_fail (DAG_IS_WEEK_VIEW (self), NULL);
  return self->frozen_message;
}

const char *
dag_week_view_get_last_toast (DagWeekView *self)
{
  g_return_val_if_fail (DAG_IS_WEEK_VIEW (self), NULL);
  return self->last_toast;
}

AdwMessageDialog *
dag_week_view_get_scope_dialog (DagWeekView *self)
{
  g_return_val_if_fail (DAG_IS_WEEK_VIEW (self), NULL);
  return self->scope_dialog ? ADW_MESSAGE_DIALOG (self->scope_dialog) : NULL;
}

static void
plan (DagWeekView *self,
      gboolean     all_locations)
{
  DagPlannerOptions options;

  if (self->org == NULL || self->cancellable != NULL)
    return;
  /* The planner plans from the week shown on: never a frozen one. */
  if (refuse_if_frozen (self, NULL))
    return;
  close_move_popover (self);
  dag_week_view_reject_proposal (self);
  dag_planner_options_init (&options);
  options.week = self->week;
  options.location = all_locations ? -1 : self->location;
  options.keep_existing = TRUE;
  /* A proposal within seconds: one waits for it. */
  options.time_limit_ms = 3000;
  self->cancellable = g_cancellable_new ();
  stop_progress (self);
  self->stop = g_cancellable_new ();
  g_atomic_int_set (&self->placed_now, 0);
  g_atomic_int_set (&self->bound_now, 0);
  /* The planner's thread writes these; the view outlives the run (the
   * job holds a reference until planned_cb). */
  options.stop = self->stop;
  options.placed_now = &self->placed_now;
  options.bound_now = &self->bound_now;
  self->progress_source = g_timeout_add (250, progress_timeout, self);
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  update_progress_label (self);
  update_actions (self);
  {
    PlanJob *job = g_new0 (PlanJob, 1);

    job->self = g_object_ref (self);
    job->box = g_rc_box_acquire (self->box);
    job->stop = g_object_ref (self->stop);
    dag_planner_run_async (self->org, &options, progress_cb, self, self->cancellable,
                           planned_cb, job);
  }
}

void
dag_week_view_plan (DagWeekView *self)
{
  g_return_if_fail (DAG_IS_WEEK_VIEW (self));
  plan (self, FALSE);
}

void
dag_week_view_plan_all (DagWeekView *self)
{
  g_return_if_fail (DAG_IS_WEEK_VIEW (self));
  plan (self, TRUE);
}

const char *
dag_week_view_get_progress_text (DagWeekView *self)
{
  g_return_val_if_fail (DAG_IS_WEEK_VIEW (self), NULL);
  update_progress_label (self);
  return gtk_label_get_text (self->progress_label);
}

const char *
dag_week_view_get_proposal_text (DagWeekView *self)
{
  g_return_val_if_fail (DAG_IS_WEEK_VIEW (self), NULL);
  return gtk_label_get_text (self->proposal_label);
}

void
dag_week_view_stop_planning (DagWeekView *self)
{
  g_return_if_fail (DAG_IS_WEEK_VIEW (self));
  if (self->stop)
    g_cancellable_cancel (self->stop);
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

/* Refuses a change of the proposal's week when it froze meanwhile. */
static gboolean
proposal_frozen (DagWeekView *self, GError **error)
{
  DagFrozen frozen = dag_schedule_week_frozen (self->org, self->proposal->week, dag_date_today ());
  g_autofree char *message = NULL;

  if (frozen == DAG_FROZEN_NO)
    return FALSE;
  message = dag_schedule_frozen_message (frozen, self->proposal->week);
  toast (self, message);
  g_set_error_literal (error, DAG_STORE_ERROR, DAG_STORE_ERROR_FROZEN, message ? message : "");
  return TRUE;
}

/* Saves plan and staffing (the whole dated arrays) as one undo step made
 * in the proposal's week. */
static gboolean
save_plan_step (DagWeekView *self,
                GArray      *plan,
                GArray      *staffing,
                const char  *label,
                GError     **error)
{
  Step *step = g_new0 (Step, 1);

  step->kind = STEP_PLAN;
  step->week = self->proposal->week;
  step->plan_before = copy_array (self->org->plan);
  step->staffing_before = copy_array (self->org->staffing);
  if (!save_arrays (self, plan, staffing, "plan", error))
    {
      step_free (step);
      return FALSE;
    }
  step->plan_after = copy_array (self->org->plan);
  step->staffing_after = copy_array (self->org->staffing);
  push_step (self, step, label);
  return TRUE;
}

/* The proposal, once accepted or rejected, only gives the waiting list its
 * reasons. */
static void
end_proposal (DagWeekView *self)
{
  if (self->dialog)
    gtk_window_destroy (GTK_WINDOW (self->dialog));
  close_change_popover (self);
  g_clear_pointer (&self->last_result, dag_plan_result_free);
  self->last_result = g_steal_pointer (&self->proposal);
}

gboolean
dag_week_view_accept_proposal (DagWeekView *self,
                               GError     **error)
{
  const DagPlanResult *r;
  g_autoptr(GArray) plan = NULL;
  g_autoptr(GArray) staffing = NULL;

  g_return_val_if_fail (DAG_IS_WEEK_VIEW (self), FALSE);
  g_return_val_if_fail (self->proposal != NULL, FALSE);

  if (self->dialog)
    gtk_window_destroy (GTK_WINDOW (self->dialog));
  if (proposal_frozen (self, error))
    return FALSE;
  r = self->proposal;
  /* From the week planned on: the weeks before keep the plan they had. */
  plan = copy_array (self->org->plan);
  staffing = copy_array (self->org->staffing);
  dag_plan_result_replace (r, self->org, plan, staffing);
  if (!save_plan_step (self, plan, staffing, _("Accept the automatic plan"), error))
    return FALSE;
  end_proposal (self);
  refresh (self);
  update_actions (self);
  return TRUE;
}

gboolean
dag_week_view_accept_changes (DagWeekView *self,
                              int          change,
                              int          group,
                              GError     **error)
{
  DagPlanResult *r;
  g_autoptr(GArray) week_plan = NULL;
  g_autoptr(GArray) plan = NULL;
  g_autoptr(GArray) staffing = NULL;
  g_autofree guint8 *selected = NULL;
  g_autofree char *label = NULL;
  guint n_selected = 0;

  g_return_val_if_fail (DAG_IS_WEEK_VIEW (self), FALSE);
  g_return_val_if_fail (self->proposal != NULL, FALSE);
  r = self->proposal;
  g_return_val_if_fail (change < (int) r->changes->len, FALSE);

  if (proposal_frozen (self, error))
    return FALSE;
  /* The week's plan with the chosen changes made to it … */
  week_plan = g_array_new (FALSE, FALSE, sizeof (DagPlanEntry));
  for (guint i = 0; i < self->org->plan->len; i++)
    {
      const DagPlanEntry *e = DAG_AT (self->org->plan, DagPlanEntry, i);
      if (DAG_DATED_APPLIES (e->from, e->until, r->week))
        g_array_append_vals (week_plan, e, 1);
    }
  selected = g_new0 (guint8, r->changes->len + 1);
  for (guint i = 0; i < r->changes->len; i++)
    {
      const DagPlanChange *c = DAG_AT (r->changes, DagPlanChange, i);

      if (change >= 0 ? (int) i != change : (c->from_group != group && c->to_group != group))
        continue;
      selected[i] = 1;
      n_selected++;
      if (c->from_group >= 0)
        for (guint k = 0; k < week_plan->len; k++)
          {
            const DagPlanEntry *e = DAG_AT (week_plan, DagPlanEntry, k);
            if (e->participant == c->participant && e->group == c->from_group && e->slot == c->from_slot)
              {
                g_array_remove_index (week_plan, k);
                break;
              }
          }
      if (c->to_group >= 0)
        {
          DagPlanEntry e = { c->participant, c->to_group, c->to_slot, DAG_DATE_NONE, DAG_DATE_NONE };
          g_array_append_val (week_plan, e);
        }
    }
  if (n_selected == 0)
    return TRUE;
  /* … from that week on, for the participants the changes concern: the
   * others keep their later dated changes.  The staffing stays: only
   * accepting the whole proposal takes the staffing planned with it. */
  plan = copy_array (self->org->plan);
  staffing = copy_array (self->org->staffing);
  for (guint i = 0; i < r->changes->len; i++)
    {
      int p = DAG_AT (r->changes, DagPlanChange, i)->participant;
      g_autoptr(GArray) own = NULL;
      gboolean first = TRUE;

      if (!selected[i])
        continue;
      for (guint k = 0; k < i && first; k++)
        first = !(selected[k] && DAG_AT (r->changes, DagPlanChange, k)->participant == p);
      if (!first)
        continue;
      own = g_array_new (FALSE, FALSE, sizeof (DagPlanEntry));
      for (guint k = 0; k < week_plan->len; k++)
        if (DAG_AT (week_plan, DagPlanEntry, k)->participant == p)
          g_array_append_vals (own, DAG_AT (week_plan, DagPlanEntry, k), 1);
      dag_dated_replace (plan, r->week, DAG_SCOPE_FROM_WEEK, p, own);
    }
  if (change >= 0)
    label = g_strdup (_("Accept a proposed change"));
  else
    /* Translators: an undo step, a group's name */
    label = g_strdup_printf (_("Accept the proposed changes in %s"), group_name (self->org, group));
  if (!save_plan_step (self, plan, staffing, label, error))
    return FALSE;
  for (guint i = r->changes->len; i-- > 0;)
    if (selected[i])
      g_array_remove_index (r->changes, i);
  if (r->changes->len == 0)
    end_proposal (self);
  refresh (self);
  update_actions (self);
  return TRUE;
}

GtkWidget *
dag_week_view_get_proposed_chip (DagWeekView *self,
                                 int          change)
{
  const DagPlanChange *c;
  Cell *cell;

  g_return_val_if_fail (DAG_IS_WEEK_VIEW (self), NULL);
  if (!proposal_shown (self) || change < 0 || (guint) change >= self->proposal->changes->len)
    return NULL;
  c = DAG_AT (self->proposal->changes, DagPlanChange, change);
  cell = c->kind == DAG_CHANGE_REMOVE ? find_cell (self, c->from_group, c->from_slot)
                                      : find_cell (self, c->to_group, c->to_slot);
  if (cell == NULL || cell->chips == NULL)
    return NULL;
  for (GtkWidget *w = gtk_widget_get_first_child (cell->chips); w != NULL; w = gtk_widget_get_next_sibling (w))
    if (GPOINTER_TO_INT (g_object_get_data (G_OBJECT (w), "dag-proposal-change")) == change + 1)
      return w;
  return NULL;
}

void
dag_week_view_reject_proposal (DagWeekView *self)
{
  g_return_if_fail (DAG_IS_WEEK_VIEW (self));
  if (self->dialog)
    gtk_window_destroy (GTK_WINDOW (self->dialog));
  if (self->proposal == NULL)
    return;
  g_clear_pointer (&self->proposal, dag_plan_result_free);
  refresh_marks (self);
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

GtkWidget *
dag_week_view_get_legend (DagWeekView *self)
{
  g_return_val_if_fail (DAG_IS_WEEK_VIEW (self), NULL);
  return GTK_WIDGET (gtk_menu_button_get_popover (self->legend_button));
}

gboolean
dag_week_view_get_panel_shown (DagWeekView *self)
{
  g_return_val_if_fail (DAG_IS_WEEK_VIEW (self), FALSE);
  return gtk_widget_get_visible (self->side_panel);
}

GtkScrolledWindow *
dag_week_view_get_grid_scroll (DagWeekView *self)
{
  g_return_val_if_fail (DAG_IS_WEEK_VIEW (self), NULL);
  return self->grid_scroll;
}

void
dag_week_view_refresh (DagWeekView *self)
{
  g_return_if_fail (DAG_IS_WEEK_VIEW (self));
  refresh (self);
}
