/* dag-staff-view.c — the Staff view: the groups of one location over the
 * weekday dagdelen of one week with the staff they need (from the care
 * load), the staff assigned that week and what the staffing rules find
 * (with staff who drive a stored run while they work in a group), a
 * staff member's week with its dates and absences, and assigning staff from
 * the shown week on, one store transaction at a time, with undo. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dag-date-popover.h"
#include "dag-item-format.h"
#include "dag-rules.h"
#include "dag-history.h"
#include "dag-my-week.h"
#include "dag-print.h"
#include "dag-schedule.h"
#include "dag-store-absence.h"
#include "dag-store-staffing.h"
#include "dag-slot-grid.h"
#include "dag-staff-view.h"
#include "export/dag-ical.h"
#include "planner/dag-transport-check.h"
#include "planner/dag-travel.h"

/* The view shows the weekday mornings and afternoons: the dagdelen groups
 * meet on (evenings and Saturdays have no group work in DOMAIN.md). */
#define N_SHOWN_DAYS  DAG_SLOT_GRID_DAYS
#define N_SHOWN_PARTS DAG_SLOT_GRID_PARTS

/* One assignment made or taken back, for undo and redo: the staff
 * member's dated entries before and after (dag_store_set_staff_staffing
 * writes either back). */
typedef struct {
  int      staff;
  int      group;
  int      slot;
  gboolean add;
  DagDate  monday;
  GArray  *before;   /* of DagStaffing */
  GArray  *after;
} Change;

/* One group slot of the grid. */
typedef struct {
  int        group;
  int        slot;
  GtkWidget *button;     /* GtkMenuButton, NULL when the group does not meet */
  int        need;
  char      *problems;   /* findings, one a line; NULL when none */
  char      *shown;      /* what the button shows, to rebuild only changes */
  char      *assigned;   /* "Name, Name (absent)": who works there that week */
} Cell;

static void
cell_clear (gpointer p)
{
  g_free (((Cell *) p)->problems);
  g_free (((Cell *) p)->shown);
  g_free (((Cell *) p)->assigned);
}

struct _DagStaffView
{
  AdwBin           parent_instance;

  DagStore        *store;
  DagOrg          *org;            /* owned by the window */
  DagOrg          *week;           /* org's plan and staffing of the shown week */
  DagSchedule     *schedule;       /* of org, rebuilt with week */
  DagTravel       *travel;         /* of org, for the drivers' runs; built on first use */
  DagDate          monday;         /* the shown week */
  char            *frozen;         /* why the week is read-only, or NULL */
  int              location;
  int              staff;
  GArray          *cells;          /* of Cell, of the shown location */
  char            *contract_text;
  char            *week_text;      /* the staff member's week, for tests */
  char            *last_message;   /* the last refusal or error, for tests */
  GSettings       *settings;       /* NULL when the schema is not installed */
  int              me;             /* my-staff-id as an index into org->staff, or -1 */
  gboolean         page_chosen;    /* the page was set (or chosen) since the view came */
  gboolean         grid_stale;     /* the grid was left out of a refresh on My Week */
  guint            calendar_jobs;  /* calendar exports running */
  GtkNativeDialog *chooser;

  /* template widgets */
  AdwToastOverlay *toast_overlay;  /* the child */
  GtkDropDown     *location_dropdown;
  GtkDropDown     *staff_dropdown;
  GtkLabel        *week_label;
  GtkWidget       *frozen_box;
  GtkLabel        *frozen_label;
  GtkMenuButton   *absence_button;
  GtkLabel        *summary_label;
  GtkGrid         *grid;
  GtkLabel        *contract_label;
  GtkBox          *week_box;
  GtkStack        *stack;
  GtkCheckButton  *me_check;
  GtkWidget       *refresh_button;
};

G_DEFINE_FINAL_TYPE (DagStaffView, dag_staff_view, ADW_TYPE_BIN)

static void refresh (DagStaffView *self);
static void update_me_check (DagStaffView *self);
static void ensure_grid (DagStaffView *self);
static int  staff_one_off (DagStaffView *self, int staff, int group, int slot, DagOneOffKind kind);

static const char *
qualification_name (DagQualification q)
{
  switch (q)
    {
    case DAG_QUAL_HBO:
      return _("HBO");
    case DAG_QUAL_MBO:
      return _("MBO");
    case DAG_QUAL_VOLUNTEER:
    default:
      return _("Volunteer");
    }
}

static const char *
qualification_class (DagQualification q)
{
  return q == DAG_QUAL_HBO ? "hbo" : q == DAG_QUAL_MBO ? "mbo" : "volunteer";
}

/* What a finding says in a cell, in a few words (the tooltip has it all). */
static const char *
finding_short (const DagFinding *f)
{
  if (g_str_equal (f->rule, DAG_RULE_STAFF_SHORTAGE))
    return _("Too few staff");
  if (g_str_equal (f->rule, DAG_RULE_STAFF_DUO))
    return _("Needs HBO and MBO");
  if (g_str_equal (f->rule, DAG_RULE_STAFF_HBO))
    return _("Needs an HBO");
  if (g_str_equal (f->rule, DAG_RULE_STAFF_UNAVAILABLE))
    return _("Staff unavailable");
  if (g_str_equal (f->rule, DAG_RULE_STAFF_DOUBLE))
    return _("Staff booked twice");
  if (g_str_equal (f->rule, DAG_RULE_STAFF_CONTRACT))
    return _("Over contract");
  if (g_str_equal (f->rule, DAG_RULE_DRIVER_CLASH))
    /* TRANSLATORS: in a staff cell: someone staffed here drives a run then */
    return _("Drives a run");
  return _("Plan problem");
}

static Cell *
find_cell (DagStaffView *self,
           int           group,
           int           slot)
{
  for (guint i = 0; self->cells && i < self->cells->len; i++)
    {
      Cell *c = DAG_AT (self->cells, Cell, i);
      if (c->group == group && c->slot == slot)
        return c;
    }
  return NULL;
}

/* The entry of staff in group and slot in org (the shown week's), or -1. */
static int
find_staffing (const DagOrg *org,
               int           staff,
               int           group,
               int           slot)
{
  for (guint i = 0; i < org->staffing->len; i++)
    {
      const DagStaffing *s = DAG_AT (org->staffing, DagStaffing, i);
      if (s->staff == staff && s->group == group && s->slot == slot)
        return (int) i;
    }
  return -1;
}

/* ---- changing the staffing ---------------------------------------------- */

static int
compare_staffing (gconstpointer a,
                  gconstpointer b)
{
  const DagStaffing *x = a, *y = b;

  if (x->group != y->group)
    return x->group - y->group;
  if (x->slot != y->slot)
    return x->slot - y->slot;
  return x->staff - y->staff;
}

/* Rebuilds what the view derives from org for the shown week: the week's
 * plan and staffing and the schedule (org changed, or the week did). */
static void
update_week (DagStaffView *self)
{
  g_clear_pointer (&self->week, dag_org_free);
  g_clear_pointer (&self->schedule, dag_schedule_free);
  g_clear_pointer (&self->frozen, g_free);
  if (self->org == NULL)
    return;
  self->week = dag_org_for_week (self->org, self->monday);
  /* A cell lists its staff in one order, whatever order changes left
   * org->staffing in (the week's array is the view's own). */
  g_array_sort (self->week->staffing, compare_staffing);
  self->schedule = dag_schedule_new (self->org);
  self->frozen = dag_schedule_frozen_message (dag_schedule_week_frozen (self->org, self->monday,
                                                                        dag_date_today ()),
                                              self->monday);
}

/* A change on the window's undo stack. */
typedef struct {
  DagStaffView *view;   /* the stack is cleared before the view goes */
  Change        change;
} Step;

static void
step_free (gpointer data)
{
  Step *step = data;

  g_clear_pointer (&step->change.before, g_array_unref);
  g_clear_pointer (&step->change.after, g_array_unref);
  g_free (step);
}

static void show_monday (DagStaffView *self, DagDate monday);

/* Undo and redo show the location of the change, so one sees it. */
static gboolean
step_apply (gpointer  data,
            gboolean  undo,
            GError  **error)
{
  Step *step = data;
  DagStaffView *self = step->view;
  const Change *c = &step->change;
  int location = DAG_AT (self->org->groups, DagGroup, c->group)->location;

  if (location != self->location && location >= 0)
    dag_staff_view_set_location (self, location);
  if (c->monday != self->monday)
    show_monday (self, c->monday);
  if (!dag_store_set_staff_staffing (self->store, self->org, c->staff, undo ? c->before : c->after,
                                     undo ? "undo staffing" : "redo staffing", error))
    return FALSE;
  update_week (self);
  refresh (self);
  return TRUE;
}

/* "Assign Jan Bakker to Atelier, Monday morning". */
static char *
change_label (DagStaffView *self,
              const Change *c)
{
  const char *staff = DAG_AT (self->org->staff, DagStaff, c->staff)->name;
  const char *group = DAG_AT (self->org->groups, DagGroup, c->group)->name;
  const char *slot = dag_slot_label (c->slot);

  if (c->add)
    /* Translators: staff member, group, dagdeel. */
    return g_strdup_printf (_("Assign %s to %s, %s"), staff, group, slot);
  /* Translators: staff member, group, dagdeel. */
  return g_strdup_printf (_("Take %s off %s, %s"), staff, group, slot);
}

/* ---- one date only (staff one-offs) ------------------------------------- */

/* The one-off of kind for staff in group on the date of slot in the shown
 * week, or -1. */
static int
staff_one_off (DagStaffView  *self,
               int            staff,
               int            group,
               int            slot,
               DagOneOffKind  kind)
{
  DagDate date = self->monday + DAG_SLOT_DAY (slot);

  for (guint k = 0; self->org != NULL && k < self->org->one_offs->len; k++)
    {
      const DagOneOff *o = DAG_AT (self->org->one_offs, DagOneOff, k);

      if (o->kind == kind && o->staff == staff && o->date == date && o->part == DAG_SLOT_PART (slot) &&
          (o->group == group || (kind == DAG_ONE_OFF_CANCEL && o->group < 0)))
        return (int) k;
    }
  return -1;
}

/* A one-off change on the window's undo stack. */
typedef struct {
  DagStaffView  *view;     /* the stack is cleared before the view goes */
  DagDate        monday;
  DagDateChange *change;
} DateStep;

static void
date_step_free (gpointer data)
{
  DateStep *step = data;

  dag_date_change_free (step->change);
  g_free (step);
}

static gboolean
date_step_apply (gpointer  data,
                 gboolean  undo,
                 GError  **error)
{
  DateStep *step = data;
  DagStaffView *self = step->view;

  if (step->monday != self->monday)
    show_monday (self, step->monday);
  if (!dag_store_apply_date_change (self->store, self->org, step->change, undo, error))
    return FALSE;
  update_week (self);
  refresh (self);
  return TRUE;
}

static void
push_date_change (DagStaffView  *self,
                  DagDateChange *change,
                  const char    *label)
{
  DagHistory *history = dag_history_for_widget (GTK_WIDGET (self));

  if (history != NULL)
    {
      DateStep *step = g_new0 (DateStep, 1);

      step->view = self;
      step->monday = self->monday;
      step->change = change;
      dag_history_push (history, self, label, "staff", date_step_apply, step, date_step_free);
    }
  else
    dag_date_change_free (change);
  update_week (self);
  refresh (self);
}

/* A frozen shown week: FALSE with DAG_STORE_ERROR_FROZEN and the reason. */
static gboolean
check_open (DagStaffView *self,
            GError      **error)
{
  if (self->frozen == NULL)
    return TRUE;
  g_set_error_literal (error, DAG_STORE_ERROR, DAG_STORE_ERROR_FROZEN, self->frozen);
  return FALSE;
}

enum { LABEL_EXTRA, LABEL_CANCEL, LABEL_TAKE_OFF, LABEL_BACK };

/* An undo step's label: "Jan Bakker in Atelier, Monday morning 2026-11-16
 * only". */
static char *
date_change_label (DagStaffView *self,
                   int           what,
                   int           staff,
                   int           group,
                   int           slot)
{
  const char *name = DAG_AT (self->org->staff, DagStaff, staff)->name;
  const char *group_name = DAG_AT (self->org->groups, DagGroup, group)->name;
  const char *when = dag_slot_label (slot);
  char buf[DAG_DATE_BUF];

  dag_date_format (self->monday + DAG_SLOT_DAY (slot), buf);
  switch (what)
    {
    case LABEL_EXTRA:
      /* TRANSLATORS: an undo step: staff member, group, "Monday morning", date */
      return g_strdup_printf (_("%s in %s, %s %s only"), name, group_name, when, buf);
    case LABEL_CANCEL:
      /* TRANSLATORS: an undo step: staff member, group, "Monday morning", date */
      return g_strdup_printf (_("%s not in %s, %s %s"), name, group_name, when, buf);
    case LABEL_TAKE_OFF:
      /* TRANSLATORS: an undo step: staff member, group, "Monday morning", date */
      return g_strdup_printf (_("Take %s off %s, %s %s"), name, group_name, when, buf);
    case LABEL_BACK:
    default:
      /* TRANSLATORS: an undo step: staff member, group, "Monday morning", date */
      return g_strdup_printf (_("%s back in %s, %s %s"), name, group_name, when, buf);
    }
}

gboolean
dag_staff_view_add_extra (DagStaffView *self,
                          int           staff,
                          int           group,
                          int           slot,
                          GError      **error)
{
  g_autofree char *label = NULL;

  g_return_val_if_fail (DAG_IS_STAFF_VIEW (self), FALSE);
  g_return_val_if_fail (self->org != NULL && self->store != NULL, FALSE);
  g_return_val_if_fail (slot >= 0 && slot < DAG_N_SLOTS, FALSE);

  if (!check_open (self, error) ||
      !dag_store_add_staff_extra (self->store, self->org, staff, group, self->monday + DAG_SLOT_DAY (slot),
                                  DAG_SLOT_PART (slot), NULL, error))
    return FALSE;
  label = date_change_label (self, LABEL_EXTRA, staff, group, slot);
  push_date_change (self, dag_date_change_new_one_offs (TRUE, DAG_AT (self->org->one_offs, DagOneOff,
                                                                      self->org->one_offs->len - 1), 1),
                    label);
  return TRUE;
}

gboolean
dag_staff_view_cancel_date (DagStaffView *self,
                            int           staff,
                            int           group,
                            int           slot,
                            GError      **error)
{
  g_autofree char *label = NULL;

  g_return_val_if_fail (DAG_IS_STAFF_VIEW (self), FALSE);
  g_return_val_if_fail (self->org != NULL && self->store != NULL, FALSE);
  g_return_val_if_fail (slot >= 0 && slot < DAG_N_SLOTS, FALSE);

  if (!check_open (self, error) ||
      !dag_store_cancel_staff_session (self->store, self->org, staff, group, self->monday + DAG_SLOT_DAY (slot),
                                       DAG_SLOT_PART (slot), NULL, error))
    return FALSE;
  label = date_change_label (self, LABEL_CANCEL, staff, group, slot);
  push_date_change (self, dag_date_change_new_one_offs (TRUE, DAG_AT (self->org->one_offs, DagOneOff,
                                                                      self->org->one_offs->len - 1), 1),
                    label);
  return TRUE;
}

gboolean
dag_staff_view_remove_one_off (DagStaffView *self,
                               guint         index,
                               GError      **error)
{
  g_autofree char *label = NULL;
  DagDateChange *change;
  const DagOneOff *o;
  int slot;

  g_return_val_if_fail (DAG_IS_STAFF_VIEW (self), FALSE);
  g_return_val_if_fail (self->org != NULL && self->store != NULL, FALSE);

  if (index >= self->org->one_offs->len || DAG_AT (self->org->one_offs, DagOneOff, index)->staff < 0)
    {
      g_set_error_literal (error, DAG_STORE_ERROR, DAG_STORE_ERROR_NOT_FOUND, _("There is no such one-off change"));
      return FALSE;
    }
  o = DAG_AT (self->org->one_offs, DagOneOff, index);
  if (!dag_store_check_dates_open (self->org, o->date, o->date, dag_date_today (), error))
    return FALSE;
  slot = DAG_SLOT (dag_date_weekday (o->date), o->part);
  if (o->date - dag_date_weekday (o->date) == self->monday && o->group >= 0)
    label = date_change_label (self, o->kind == DAG_ONE_OFF_ADD ? LABEL_TAKE_OFF : LABEL_BACK,
                               o->staff, o->group, slot);
  else
    label = g_strdup (_("Remove a change of one date"));
  change = dag_date_change_new_one_offs (FALSE, o, 1);
  if (!dag_store_delete_one_off (self->store, self->org, index, error))
    {
      dag_date_change_free (change);
      return FALSE;
    }
  push_date_change (self, change, label);
  return TRUE;
}

static void
date_failed (DagStaffView *self,
             const GError *error)
{
  g_autofree char *title = g_strdup_printf (_("The change could not be saved: %s"), error->message);

  g_free (self->last_message);
  self->last_message = g_strdup (error->message);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
}

static void
date_button_clicked_cb (GtkButton    *button,
                        DagStaffView *self)
{
  int what = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "what"));
  int staff = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "staff"));
  int gs = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "group-slot"));
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_POPOVER);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (what == 0)
    ok = dag_staff_view_cancel_date (self, staff, gs / DAG_N_SLOTS, gs % DAG_N_SLOTS, &error);
  else if (what == 1)
    ok = dag_staff_view_remove_one_off (self, (guint) staff, &error);
  else
    {
      GtkDropDown *dropdown = g_object_get_data (G_OBJECT (button), "dropdown");
      GArray *choices = g_object_get_data (G_OBJECT (dropdown), "staff");
      guint pos = gtk_drop_down_get_selected (dropdown);

      if (pos >= choices->len)
        return;
      ok = dag_staff_view_add_extra (self, g_array_index (choices, int, pos), gs / DAG_N_SLOTS, gs % DAG_N_SLOTS,
                                     &error);
    }
  if (popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (popover));
  if (!ok)
    date_failed (self, error);
}

static GtkWidget *
date_button (DagStaffView *self,
             const char   *label,
             const char   *tooltip,
             int           what,
             int           staff,
             int           gs)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_set_sensitive (button, self->frozen == NULL);
  g_object_set_data (G_OBJECT (button), "what", GINT_TO_POINTER (what));
  g_object_set_data (G_OBJECT (button), "staff", GINT_TO_POINTER (staff));
  g_object_set_data (G_OBJECT (button), "group-slot", GINT_TO_POINTER (gs));
  g_signal_connect_object (button, "clicked", G_CALLBACK (date_button_clicked_cb), self, 0);
  return button;
}

typedef struct {
  DagStaffView *self;
  GtkBox       *box;
  int           group;
  int           slot;
  DagDate       date;
  guint8       *busy;      /* per staff member: works that dagdeel that date */
  guint         shown;
} DateSection;

static gboolean
date_session (const DagStaffSession *s,
              gpointer               user_data)
{
  DateSection *d = user_data;
  DagStaffView *self = d->self;
  int gs = d->group * DAG_N_SLOTS + d->slot;
  g_autofree char *text = NULL;
  const char *name;
  GtkWidget *row, *button = NULL;

  if (s->part != DAG_SLOT_PART (d->slot) || s->staff < 0 || (guint) s->staff >= self->org->staff->len)
    return TRUE;
  /* Busy then; or off this group that date only, which Restore undoes. */
  if (s->state != DAG_SESSION_CANCELLED || s->group == d->group)
    d->busy[s->staff] = 1;
  if (s->group != d->group)
    return TRUE;
  name = DAG_AT (self->org->staff, DagStaff, s->staff)->name;
  if (s->staffing < 0)
    {
      /* TRANSLATORS: a staff member who works here on that date only */
      text = g_strdup_printf (_("%s (extra)"), name);
      button = date_button (self, _("_Remove"), _("Take the extra dagdeel away"), 1, s->one_off, gs);
    }
  else if (s->state == DAG_SESSION_CANCELLED)
    {
      /* TRANSLATORS: a staff member who does not work here on that date only */
      text = g_strdup_printf (_("%s (not this date)"), name);
      button = date_button (self, _("_Restore"), _("Work here on this date as planned"), 1, s->one_off, gs);
    }
  else if (s->state == DAG_SESSION_ABSENT)
    /* TRANSLATORS: a staff member who is sick or on leave that day */
    text = g_strdup_printf (_("%s (absent)"), name);
  else if (s->state == DAG_SESSION_ON)
    {
      text = g_strdup (name);
      button = date_button (self, _("_Not This Date"), _("Off this group on this date only"), 0, s->staff, gs);
    }
  else
    return TRUE;
  row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_box_append (GTK_BOX (row), g_object_new (GTK_TYPE_LABEL, "label", text, "xalign", 0.0f, "hexpand", TRUE,
                                               "ellipsize", PANGO_ELLIPSIZE_END, NULL));
  if (button != NULL)
    gtk_box_append (GTK_BOX (row), button);
  gtk_box_append (d->box, row);
  d->shown++;
  return TRUE;
}

/* Below the weekly ticks: the staff of that one date, each with "Not This
 * Date" (or "Restore", "Remove" for a one-off), and someone extra. */
static void
add_date_section (DagStaffView *self,
                  GtkBox       *box,
                  int           group,
                  int           slot)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  GArray *choices = g_array_new (FALSE, FALSE, sizeof (int));
  DateSection d = { self, box, group, slot, self->monday + DAG_SLOT_DAY (slot), NULL, 0 };
  g_autofree char *day = NULL;
  g_autofree char *heading = NULL;
  GtkWidget *row, *dropdown, *add;
  int y, m, dd;

  if (self->schedule == NULL)
    {
      g_array_unref (choices);
      return;
    }
  dag_date_to_ymd (d.date, &y, &m, &dd);
  {
    g_autoptr(GDateTime) dt = g_date_time_new_local (y, m, dd, 12, 0, 0);

    /* TRANSLATORS: a date, see strftime: "Monday 16 November" */
    day = g_date_time_format (dt, _("%A %-d %B"));
  }
  gtk_box_append (box, gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
  /* TRANSLATORS: a heading: changes of one date, "Only on Monday 16 November" */
  heading = g_strdup_printf (_("Only on %s"), day);
  gtk_box_append (box, g_object_new (GTK_TYPE_LABEL, "label", heading, "xalign", 0.0f,
                                     "css-classes", (const char *[]) { "heading", NULL }, NULL));
  d.busy = g_new0 (guint8, self->org->staff->len + 1);
  dag_schedule_foreach_staff (self->schedule, d.date, d.date, date_session, &d);
  if (d.shown == 0)
    gtk_box_append (box, g_object_new (GTK_TYPE_LABEL, "label", _("Nobody works here then"), "xalign", 0.0f,
                                       "css-classes", (const char *[]) { "dim-label", NULL }, NULL));
  /* Someone extra: who is not working elsewhere then and not absent. */
  for (guint i = 0; i < self->org->staff->len; i++)
    {
      int index = (int) i;

      if (d.busy[i] || dag_schedule_staff_is_absent (self->schedule, index, d.date))
        continue;
      g_array_append_val (choices, index);
      gtk_string_list_append (names, DAG_AT (self->org->staff, DagStaff, i)->name);
    }
  g_free (d.busy);
  row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (names)), NULL);
  if (choices->len > 12)
    {
      g_autoptr(GtkExpression) expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");

      gtk_drop_down_set_expression (GTK_DROP_DOWN (dropdown), expression);
      gtk_drop_down_set_enable_search (GTK_DROP_DOWN (dropdown), TRUE);
    }
  gtk_widget_set_hexpand (dropdown, TRUE);
  gtk_widget_set_tooltip_text (dropdown, _("Staff member for this date only"));
  g_object_set_data_full (G_OBJECT (dropdown), "staff", choices, (GDestroyNotify) g_array_unref);
  add = date_button (self, _("_Add for This Date"), _("Works here on this date only"), 2, -1,
                     group * DAG_N_SLOTS + slot);
  g_object_set_data (G_OBJECT (add), "dropdown", dropdown);
  gtk_widget_set_sensitive (add, self->frozen == NULL && choices->len > 0);
  gtk_widget_set_sensitive (dropdown, self->frozen == NULL && choices->len > 0);
  gtk_box_append (GTK_BOX (row), dropdown);
  gtk_box_append (GTK_BOX (row), add);
  gtk_box_append (box, row);
}

/* ---- the popover of a cell ---------------------------------------------- */

static void
staff_toggled_cb (GtkCheckButton *check,
                  DagStaffView   *self)
{
  int staff = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (check), "staff"));
  int gs = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (check), "group-slot"));
  g_autoptr(GError) error = NULL;
  gboolean assigned;

  assigned = self->week != NULL &&
             find_staffing (self->week, staff, gs / DAG_N_SLOTS, gs % DAG_N_SLOTS) >= 0;
  if (assigned == gtk_check_button_get_active (check))
    return;
  if (!dag_staff_view_toggle (self, staff, gs / DAG_N_SLOTS, gs % DAG_N_SLOTS, &error))
    {
      g_autofree char *title = g_strdup_printf (_("The staffing could not be saved: %s"), error->message);

      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
      g_signal_handlers_block_by_func (check, staff_toggled_cb, self);
      gtk_check_button_set_active (check, assigned);
      g_signal_handlers_unblock_by_func (check, staff_toggled_cb, self);
    }
}

/* Built each time the popover opens: who can work in the slot and is not
 * busy in another group then, with whoever is assigned here ticked. */
static void
create_popup_cb (GtkMenuButton *button,
                 gpointer       user_data)
{
  DagStaffView *self = DAG_STAFF_VIEW (gtk_widget_get_ancestor (GTK_WIDGET (button), DAG_TYPE_STAFF_VIEW));
  int gs = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "group-slot"));
  int group = gs / DAG_N_SLOTS, slot = gs % DAG_N_SLOTS;
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  g_autofree guint8 *busy = NULL;
  guint shown = 0;

  if (self == NULL || self->week == NULL)
    return;
  busy = g_new0 (guint8, self->org->staff->len + 1);
  for (guint i = 0; i < self->week->staffing->len; i++)
    {
      const DagStaffing *s = DAG_AT (self->week->staffing, DagStaffing, i);
      if (s->slot == slot && s->group != group && s->staff >= 0 && (guint) s->staff < self->org->staff->len)
        busy[s->staff] = 1;
    }
  gtk_box_append (GTK_BOX (box), g_object_new (GTK_TYPE_LABEL,
                                               "label", _("Staff available"),
                                               "xalign", 0.0f,
                                               "css-classes", (const char *[]) { "heading", NULL },
                                               NULL));
  if (self->frozen != NULL)
    gtk_box_append (GTK_BOX (box), g_object_new (GTK_TYPE_LABEL, "label", self->frozen, "xalign", 0.0f,
                                                 "wrap", TRUE, "max-width-chars", 30,
                                                 "css-classes", (const char *[]) { "dim-label", NULL },
                                                 NULL));
  for (guint i = 0; i < self->org->staff->len; i++)
    {
      const DagStaff *st = DAG_AT (self->org->staff, DagStaff, i);
      gboolean here = find_staffing (self->week, (int) i, group, slot) >= 0;
      gboolean absent = dag_schedule_staff_is_absent (self->schedule, (int) i, self->monday + DAG_SLOT_DAY (slot));
      g_autofree char *label = NULL;
      GtkWidget *check;

      if (!here && (busy[i] || !(st->available & DAG_SLOT_BIT (slot))))
        continue;
      if (absent)
        /* TRANSLATORS: a staff member's name and qualification (HBO, MBO),
         * who is absent (sick, on leave) that day */
        label = g_strdup_printf (_("%s (%s, absent)"), st->name, qualification_name (st->qualification));
      else
        /* TRANSLATORS: a staff member's name and qualification (HBO, MBO) */
        label = g_strdup_printf (_("%s (%s)"), st->name, qualification_name (st->qualification));
      check = gtk_check_button_new_with_label (label);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), here);
      /* A frozen week is shown as it was, not changed. */
      gtk_widget_set_sensitive (check, self->frozen == NULL);
      g_object_set_data (G_OBJECT (check), "staff", GINT_TO_POINTER ((int) i));
      g_object_set_data (G_OBJECT (check), "group-slot", GINT_TO_POINTER (gs));
      g_signal_connect_object (check, "toggled", G_CALLBACK (staff_toggled_cb), self, 0);
      gtk_box_append (GTK_BOX (box), check);
      shown++;
    }
  if (shown == 0)
    gtk_box_append (GTK_BOX (box), g_object_new (GTK_TYPE_LABEL,
                                                 "label", _("No staff member is free then"),
                                                 "css-classes", (const char *[]) { "dim-label", NULL },
                                                 NULL));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 400);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), box);
  {
    /* The changes of that one date below the list, never scrolled away. */
    GtkWidget *outer = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

    gtk_box_append (GTK_BOX (outer), scrolled);
    add_date_section (self, GTK_BOX (outer), group, slot);
    gtk_popover_set_child (GTK_POPOVER (popover), outer);
  }
  gtk_menu_button_set_popover (button, popover);
}

/* ---- showing ------------------------------------------------------------ */

static GtkWidget *
badge (const char *text,
       const char *klass)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "staff-badge");
  gtk_widget_add_css_class (label, klass);
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  return label;
}

/* The load of each shown group slot, as dag_rules_check counts it for the
 * standing week: each planned participant at the level of their first
 * indication of a product the group takes (else their first indication;
 * without any, one whole staff member). */
static void
compute_needs (DagStaffView *self,
               int          *need)
{
  const DagOrg *org = self->week;
  guint np = org->participants->len, ni = org->indications->len, ng = org->groups->len;
  guint unit = dag_rules_load_unit (&org->settings);
  g_autofree guint *start = g_new0 (guint, np + 2);
  g_autofree guint *list = g_new (guint, ni + 1);
  g_autofree guint *fill = NULL;
  g_autofree guint *load = g_new0 (guint, ng * DAG_N_SLOTS + 1);
  g_autofree guint *count = g_new0 (guint, ng * DAG_N_SLOTS + 1);
  g_autofree guint8 *high = g_new0 (guint8, ng * DAG_N_SLOTS + 1);

  for (guint i = 0; i < ni; i++)
    {
      int p = DAG_AT (org->indications, DagIndication, i)->participant;
      if (p >= 0 && (guint) p < np)
        start[p + 1]++;
    }
  for (guint p = 0; p < np; p++)
    start[p + 1] += start[p];
  fill = g_memdup2 (start, sizeof (guint) * (np + 1));
  for (guint i = 0; i < ni; i++)
    {
      int p = DAG_AT (org->indications, DagIndication, i)->participant;
      if (p >= 0 && (guint) p < np)
        list[fill[p]++] = i;
    }

  for (guint e = 0; e < org->plan->len; e++)
    {
      const DagPlanEntry *pe = DAG_AT (org->plan, DagPlanEntry, e);
      const DagGroup *g;
      int level = -1;
      guint gs;

      if (pe->group < 0 || (guint) pe->group >= ng || pe->slot < 0 || pe->slot >= DAG_N_SLOTS ||
          pe->participant < 0 || (guint) pe->participant >= np)
        continue;
      g = DAG_AT (org->groups, DagGroup, pe->group);
      if (g->location != self->location)
        continue;
      gs = pe->group * DAG_N_SLOTS + pe->slot;
      for (guint k = start[pe->participant]; k < start[pe->participant + 1] && level < 0; k++)
        {
          const DagIndication *in = DAG_AT (org->indications, DagIndication, list[k]);
          if (dag_rules_is_day_activity (org, in) &&
              dag_rules_group_takes (g, dag_rules_indication_product (org, in)))
            level = in->level;
        }
      if (level < 0 && start[pe->participant] < start[pe->participant + 1])
        level = DAG_AT (org->indications, DagIndication, list[start[pe->participant]])->level;
      count[gs]++;
      if (level < 0)
        load[gs] += unit;
      else
        {
          load[gs] += dag_rules_share (&org->settings, unit, level);
          high[gs] |= dag_rules_needs_hbo (&org->settings, level);
        }
    }
  for (guint i = 0; i < self->cells->len; i++)
    {
      Cell *c = DAG_AT (self->cells, Cell, i);
      guint gs = c->group * DAG_N_SLOTS + c->slot;
      DagStaffNeed n;

      dag_rules_staff_need (unit, load[gs], count[gs], high[gs], &n);
      need[i] = n.total;
      /* Whether a lead is marked: the duo rule applies. */
      need[self->cells->len + i] = n.total >= 2;
    }
}

/* The shown staff member's week of the shown dates, from the schedule
 * (the one answer to which staffing applies on a date), with absences. */
static void update_header (DagStaffView *self);

static void
show_week (DagStaffView *self)
{
  GtkWidget *child;
  const DagStaff *st;
  int used = 0, max;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->week_box))) != NULL)
    gtk_box_remove (self->week_box, child);
  update_me_check (self);
  g_clear_pointer (&self->contract_text, g_free);
  g_clear_pointer (&self->week_text, g_free);
  gtk_widget_set_sensitive (GTK_WIDGET (self->absence_button), self->org != NULL && self->staff >= 0);
  if (self->week == NULL || self->staff < 0 || (guint) self->staff >= self->org->staff->len)
    {
      gtk_label_set_text (self->contract_label, "");
      return;
    }
  st = DAG_AT (self->org->staff, DagStaff, self->staff);
  for (guint i = 0; i < self->week->staffing->len; i++)
    if (DAG_AT (self->week->staffing, DagStaffing, i)->staff == self->staff)
      used++;
  max = dag_rules_staff_max_slots (&self->org->settings, st);
  /* TRANSLATORS: contract use of a staff member, e.g. "6 of 8 dagdelen" */
  self->contract_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d of %d dagdeel", "%d of %d dagdelen", max),
                                         used, max);
  {
    g_autofree char *text = g_strdup_printf ("%s · %s", qualification_name (st->qualification), self->contract_text);
    gtk_label_set_text (self->contract_label, text);
  }
  gtk_widget_remove_css_class (GTK_WIDGET (self->contract_label), "error");
  if (used > max)
    gtk_widget_add_css_class (GTK_WIDGET (self->contract_label), "error");

  self->week_text = dag_my_week_fill (self->week_box, self->org, self->schedule, self->staff, self->monday,
                                      dag_date_today ());
  /* The title names Saturday when the week shows it. */
  update_header (self);
}

/* "Week 48, 23–27 November 2026" (to Saturday when My Week shows it) and,
 * for a frozen week, why. */
static void
update_header (DagStaffView *self)
{
  int y, m, d, days = 0;
  g_autoptr(GDateTime) monday = NULL;
  g_autoptr(GDateTime) friday = NULL;
  g_autofree char *from = NULL, *to = NULL, *text = NULL;

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "my-week") == 0)
    for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (self->week_box)); c != NULL;
         c = gtk_widget_get_next_sibling (c))
      days++;
  dag_date_to_ymd (self->monday, &y, &m, &d);
  monday = g_date_time_new_local (y, m, d, 12, 0, 0);
  dag_date_to_ymd (self->monday + (days > 5 ? 5 : 4), &y, &m, &d);
  friday = g_date_time_new_local (y, m, d, 12, 0, 0);
  to = g_date_time_format (friday, _("%-d %B %Y"));
  if (g_date_time_get_month (monday) == g_date_time_get_month (friday))
    from = g_date_time_format (monday, C_("week start", "%-d"));
  else if (g_date_time_get_year (monday) == g_date_time_get_year (friday))
    from = g_date_time_format (monday, _("%-d %B"));
  else
    from = g_date_time_format (monday, _("%-d %B %Y"));
  text = g_strdup_printf (_("Week %d, %s–%s"), g_date_time_get_week_of_year (monday), from, to);
  gtk_label_set_text (self->week_label, text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->week_label), text);
  gtk_widget_set_visible (self->frozen_box, self->frozen != NULL);
  if (self->frozen != NULL)
    {
      /* Translators: why a week is read-only, then what the view still does. */
      g_autofree char *why = g_strdup_printf (_("%s The staffing of this week is shown as it was."), self->frozen);
      gtk_label_set_text (self->frozen_label, why);
    }
}

/* Fills every cell anew from org: needs, assigned staff, findings. */
static void
refresh_all (DagStaffView *self)
{
  g_autoptr(GArray) findings = NULL;
  g_autofree int *need = NULL;
  guint n_problems = 0;
  gint64 t0 = g_get_monotonic_time ();

  if (self->org == NULL || self->cells == NULL)
    return;
  if (self->week == NULL)
    update_week (self);
  update_header (self);
  self->grid_stale = FALSE;
  /* Only the shown location's cells: the other locations' rules are
   * another location's business (and most of the work). */
  {
    g_autofree int *shown = g_new (int, self->cells->len + 1);

    for (guint i = 0; i < self->cells->len; i++)
      {
        const Cell *c = DAG_AT (self->cells, Cell, i);

        shown[i] = c->group * DAG_N_SLOTS + c->slot;
      }
    findings = dag_rules_check_cells (self->week, self->monday, shown, self->cells->len);
  }
  /* Staff who drive a stored run of the week while they work in a group:
   * the run checker finds them (it has the travel times); the cells keep
   * those of their groups. */
  {
    g_autoptr(GArray) drivers = NULL;

    if (self->travel == NULL)
      self->travel = dag_travel_new (self->org, NULL);
    drivers = dag_transport_check_drivers (self->org, self->travel, self->schedule,
                                           self->monday, self->monday + 6);
    dag_rules_merge (findings, drivers);
  }
  g_debug ("Staff view: %u cells checked in %.1f ms", self->cells->len, (g_get_monotonic_time () - t0) / 1000.0);
  need = g_new0 (int, 2 * self->cells->len + 1);
  compute_needs (self, need);

  for (guint i = 0; i < self->cells->len; i++)
    {
      Cell *c = DAG_AT (self->cells, Cell, i);
      GtkWidget *box, *label;
      g_autoptr(GString) problems = g_string_new (NULL);
      g_autoptr(GString) shown = g_string_new (NULL);
      gboolean error = FALSE, warning = FALSE, lead_marked = FALSE;
      g_autofree char *need_text = NULL;

      g_clear_pointer (&c->problems, g_free);
      c->need = need[i];
      if (c->button == NULL)
        continue;

      /* What the cell would show; a cell that shows it already is left as
       * it is, so that one assignment redraws one or two cells. */
      g_string_append_printf (shown, "%d %d %d|", c->need, need[self->cells->len + i], self->frozen != NULL);
      {
        g_autoptr(GString) assigned = g_string_new (NULL);

        for (guint k = 0; k < self->week->staffing->len; k++)
          {
            const DagStaffing *s = DAG_AT (self->week->staffing, DagStaffing, k);
            gboolean absent;

            if (s->group != c->group || s->slot != c->slot || s->staff < 0 ||
                (guint) s->staff >= self->org->staff->len)
              continue;
            absent = dag_schedule_staff_is_absent (self->schedule, s->staff, self->monday + DAG_SLOT_DAY (c->slot));
            g_string_append_printf (shown, "%d%s,", s->staff, absent ? "a" : "");
            if (assigned->len)
              g_string_append (assigned, ", ");
            g_string_append (assigned, DAG_AT (self->org->staff, DagStaff, s->staff)->name);
            if (absent)
              /* TRANSLATORS: after a staff member's name: sick or on leave that day */
              g_string_append (assigned, _(" (absent)"));
            if (staff_one_off (self, s->staff, c->group, c->slot, DAG_ONE_OFF_CANCEL) >= 0)
              {
                g_string_append (shown, "c,");
                /* TRANSLATORS: after a staff member's name: off that date only */
                g_string_append (assigned, _(" (not this date)"));
              }
          }
        /* Who works here on that date only. */
        for (guint k = 0; k < self->org->one_offs->len; k++)
          {
            const DagOneOff *o = DAG_AT (self->org->one_offs, DagOneOff, k);

            if (o->kind != DAG_ONE_OFF_ADD || o->staff < 0 || o->group != c->group ||
                o->date != self->monday + DAG_SLOT_DAY (c->slot) || o->part != DAG_SLOT_PART (c->slot))
              continue;
            g_string_append_printf (shown, "%de,", o->staff);
            if (assigned->len)
              g_string_append (assigned, ", ");
            g_string_append (assigned, DAG_AT (self->org->staff, DagStaff, o->staff)->name);
            /* TRANSLATORS: after a staff member's name: for that date only */
            g_string_append (assigned, _(" (extra)"));
          }
        g_free (c->assigned);
        c->assigned = g_string_free (g_steal_pointer (&assigned), FALSE);
      }
      for (guint k = 0; k < findings->len; k++)
        {
          const DagFinding *f = &g_array_index (findings, DagFinding, k);

          if (f->group != c->group || f->slot != c->slot)
            continue;
          if (problems->len)
            g_string_append_c (problems, '\n');
          g_string_append (problems, f->message);
          error |= f->severity == DAG_SEVERITY_ERROR;
          warning |= f->severity == DAG_SEVERITY_WARNING;
          n_problems++;
        }
      g_string_append_printf (shown, "|%s", problems->str);
      if (problems->len)
        c->problems = g_strdup (problems->str);
      if (g_strcmp0 (c->shown, shown->str) == 0)
        continue;
      g_free (c->shown);
      c->shown = g_string_free (g_steal_pointer (&shown), FALSE);

      box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      /* A menu button centres its child; every cell reads from the top left. */
      gtk_widget_set_halign (box, GTK_ALIGN_FILL);
      gtk_widget_set_hexpand (box, TRUE);
      gtk_widget_set_valign (box, GTK_ALIGN_START);
      if (c->need > 0)
        need_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d needed", "%d needed", c->need), c->need);
      else
        need_text = g_strdup (_("No one planned"));
      label = g_object_new (GTK_TYPE_LABEL, "label", need_text, "xalign", 0.0f,
                            "css-classes", (const char *[]) { "caption", "dim-label", NULL }, NULL);
      gtk_box_append (GTK_BOX (box), label);

      for (guint k = 0; k < self->week->staffing->len; k++)
        {
          const DagStaffing *s = DAG_AT (self->week->staffing, DagStaffing, k);
          const DagStaff *st;
          GtkWidget *row;

          if (s->group != c->group || s->slot != c->slot || s->staff < 0 ||
              (guint) s->staff >= self->org->staff->len)
            continue;
          st = DAG_AT (self->org->staff, DagStaff, s->staff);
          /* The name on a line of its own: cells are narrow. */
          gtk_box_append (GTK_BOX (box), g_object_new (GTK_TYPE_LABEL, "label", st->name, "xalign", 0.0f,
                                                       "ellipsize", PANGO_ELLIPSIZE_END,
                                                       "width-chars", 8, "max-width-chars", 14,
                                                       "css-classes", (const char *[]) { "staff-name", NULL },
                                                       NULL));
          row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
          gtk_box_append (GTK_BOX (row), badge (qualification_name (st->qualification),
                                                qualification_class (st->qualification)));
          if (dag_schedule_staff_is_absent (self->schedule, s->staff, self->monday + DAG_SLOT_DAY (c->slot)))
            gtk_box_append (GTK_BOX (row), badge (_("Absent"), "absent"));
          if (staff_one_off (self, s->staff, c->group, c->slot, DAG_ONE_OFF_CANCEL) >= 0)
            /* TRANSLATORS: a badge: the staff member does not work here on that date only */
            gtk_box_append (GTK_BOX (row), badge (_("Not this date"), "absent"));
          /* The lead (regie) is the HBO member where the duo rule holds. */
          if (need[self->cells->len + i] && !lead_marked && st->qualification == DAG_QUAL_HBO)
            {
              gtk_box_append (GTK_BOX (row), badge (_("Lead"), "lead"));
              lead_marked = TRUE;
            }
          gtk_box_append (GTK_BOX (box), row);
        }

      for (guint k = 0; k < self->org->one_offs->len; k++)
        {
          const DagOneOff *o = DAG_AT (self->org->one_offs, DagOneOff, k);
          GtkWidget *row;

          if (o->kind != DAG_ONE_OFF_ADD || o->staff < 0 || o->group != c->group ||
              o->date != self->monday + DAG_SLOT_DAY (c->slot) || o->part != DAG_SLOT_PART (c->slot))
            continue;
          gtk_box_append (GTK_BOX (box), g_object_new (GTK_TYPE_LABEL,
                                                       "label", DAG_AT (self->org->staff, DagStaff, o->staff)->name,
                                                       "xalign", 0.0f, "ellipsize", PANGO_ELLIPSIZE_END,
                                                       "width-chars", 8, "max-width-chars", 14,
                                                       "css-classes", (const char *[]) { "staff-name", NULL },
                                                       NULL));
          row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
          gtk_box_append (GTK_BOX (row), badge (qualification_name (DAG_AT (self->org->staff, DagStaff, o->staff)->qualification),
                                                qualification_class (DAG_AT (self->org->staff, DagStaff, o->staff)->qualification)));
          /* TRANSLATORS: a badge: the staff member works here on that date only */
          gtk_box_append (GTK_BOX (row), badge (_("Extra"), "extra"));
          gtk_box_append (GTK_BOX (box), row);
        }

      for (guint k = 0; k < findings->len; k++)
        {
          const DagFinding *f = &g_array_index (findings, DagFinding, k);

          if (f->group != c->group || f->slot != c->slot)
            continue;
          label = g_object_new (GTK_TYPE_LABEL, "label", finding_short (f), "xalign", 0.0f,
                                "wrap", TRUE, "wrap-mode", PANGO_WRAP_WORD_CHAR,
                                "width-chars", 8, "max-width-chars", 12, NULL);
          gtk_widget_add_css_class (label, "caption");
          gtk_widget_add_css_class (label, f->severity == DAG_SEVERITY_ERROR ? "error" : "warning");
          gtk_box_append (GTK_BOX (box), label);
        }
      gtk_menu_button_set_child (GTK_MENU_BUTTON (c->button), box);
      gtk_widget_remove_css_class (c->button, "error");
      gtk_widget_remove_css_class (c->button, "warning");
      if (error)
        gtk_widget_add_css_class (c->button, "error");
      else if (warning)
        gtk_widget_add_css_class (c->button, "warning");
      gtk_widget_set_tooltip_text (c->button, c->problems);
    }

  if (n_problems == 0)
    gtk_label_set_text (self->summary_label, _("No staffing problems at this location"));
  else
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u problem at this location",
                                                            "%u problems at this location", n_problems),
                                               n_problems);
      gtk_label_set_text (self->summary_label, text);
    }
  show_week (self);
  g_debug ("Staff view refreshed in %.1f ms", (g_get_monotonic_time () - t0) / 1000.0);
}

/* The grid as refresh () would leave it on the Staffing page. */
static void
ensure_grid (DagStaffView *self)
{
  if (!self->grid_stale || self->org == NULL || self->cells == NULL)
    return;
  self->grid_stale = FALSE;
  refresh_all (self);
}

/* What the seen page shows, anew.  On My Week the grid is not seen: it
 * is brought up to date when the Staffing page (or a caller) next needs
 * it, so a week change there costs only the week. */
static void
refresh (DagStaffView *self)
{
  if (self->org == NULL || self->cells == NULL)
    return;
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "my-week") != 0)
    {
      refresh_all (self);
      return;
    }
  if (self->week == NULL)
    update_week (self);
  update_header (self);
  self->grid_stale = TRUE;
  show_week (self);
}

/* Lays out the grid of the shown location: headers, one row per group. */
static void
build_grid (DagStaffView *self)
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
      dag_slot_grid_add_group (self->grid, gr->name, row, 16);
      for (int day = 0; day < N_SHOWN_DAYS; day++)
        for (int part = 0; part < N_SHOWN_PARTS; part++)
          {
            Cell cell = { (int) g, DAG_SLOT (day, part), NULL, 0, NULL };
            int column = 1 + day * N_SHOWN_PARTS + part;

            if (gr->slots & DAG_SLOT_BIT (cell.slot))
              {
                cell.button = gtk_menu_button_new ();
                gtk_widget_add_css_class (cell.button, "staff-cell");
                gtk_widget_set_hexpand (cell.button, TRUE);
                gtk_widget_set_valign (cell.button, GTK_ALIGN_FILL);
                g_object_set_data (G_OBJECT (cell.button), "group-slot",
                                   GINT_TO_POINTER ((int) g * DAG_N_SLOTS + cell.slot));
                gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (cell.button), create_popup_cb, NULL, NULL);
                gtk_grid_attach (self->grid, cell.button, column, row, 1, 1);
              }
            else
              gtk_grid_attach (self->grid, g_object_new (GTK_TYPE_LABEL, "label", "—",
                                                         "css-classes", (const char *[]) { "dim-label", NULL },
                                                         NULL),
                               column, row, 1, 1);
            g_array_append_val (self->cells, cell);
          }
      row++;
    }
  refresh (self);
}

static void
location_selected_cb (DagStaffView *self)
{
  guint selected = gtk_drop_down_get_selected (self->location_dropdown);
  int location = selected == GTK_INVALID_LIST_POSITION ? -1 : (int) selected;

  if (location == self->location)
    return;
  self->location = location;
  build_grid (self);
}

static void
staff_selected_cb (DagStaffView *self)
{
  guint selected = gtk_drop_down_get_selected (self->staff_dropdown);

  self->staff = selected == GTK_INVALID_LIST_POSITION ? -1 : (int) selected;
  show_week (self);
}

/* ---- me: whose week this is, and their calendar file --------------------- */

/* The window's settings, or NULL when the schema is not installed (from
 * the build tree): the view then forgets who "me" is between runs. */
static GSettings *
lookup_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, "my-staff-id"))
    return NULL;
  return g_settings_new_full (schema, NULL, NULL);
}

static char *
calendar_file (DagStaffView *self)
{
  g_autofree char *path = self->settings ? g_settings_get_string (self->settings, "my-calendar-file") : NULL;

  return path != NULL && *path ? g_steal_pointer (&path) : NULL;
}

static void
update_calendar_actions (DagStaffView *self)
{
  g_autofree char *path = calendar_file (self);
  gboolean can = self->store != NULL && self->org != NULL && self->me >= 0 && self->calendar_jobs == 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "staff.export-calendar", can);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "staff.refresh-calendar", can && path != NULL);
  if (path != NULL)
    {
      /* Translators: the tooltip of the refresh button: where the file is. */
      g_autofree char *tip = g_strdup_printf (_("Refresh Calendar File (%s)"), path);

      gtk_widget_set_tooltip_text (self->refresh_button, tip);
    }
  else
    gtk_widget_set_tooltip_text (self->refresh_button, _("Refresh Calendar File"));
}

/* The check box says whether the shown week is mine. */
static void
update_me_check (DagStaffView *self)
{
  g_signal_handlers_block_matched (self->me_check, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
  gtk_check_button_set_active (self->me_check, self->me >= 0 && self->me == self->staff);
  g_signal_handlers_unblock_matched (self->me_check, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
  gtk_widget_set_sensitive (GTK_WIDGET (self->me_check), self->org != NULL && self->staff >= 0);
  update_calendar_actions (self);
}

static void
me_toggled_cb (DagStaffView *self)
{
  if (gtk_check_button_get_active (self->me_check))
    dag_staff_view_set_me (self, self->staff);
  else if (self->me == self->staff)
    dag_staff_view_set_me (self, -1);
}

static void
page_changed_cb (DagStaffView *self)
{
  gboolean staffing = g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "staffing") == 0;

  /* The location and its problems are the Staffing page's. */
  gtk_widget_set_visible (GTK_WIDGET (self->location_dropdown), staffing);
  gtk_widget_set_visible (GTK_WIDGET (self->summary_label), staffing);
  if (self->org != NULL)
    self->page_chosen = TRUE;
  if (staffing)
    ensure_grid (self);
}

typedef struct {
  char *database;
  char *id;
  char *path;
} CalendarJob;

static void
calendar_job_free (CalendarJob *job)
{
  g_free (job->database);
  g_free (job->id);
  g_free (job->path);
  g_free (job);
}

/* As "dagritme export ical --staff ID" does (dag_print_save_calendar). */
static void
calendar_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  CalendarJob *job = task_data;
  GError *error = NULL;

  if (dag_print_save_calendar (job->database, DAG_KIND_STAFF, job->id, job->path, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* The thread is done: the file is remembered before the caller hears. */
static void
calendar_written_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  DagStaffView *self = DAG_STAFF_VIEW (object);
  g_autoptr(GTask) outer = user_data;
  CalendarJob *job = g_task_get_task_data (G_TASK (result));
  GError *error = NULL;

  self->calendar_jobs--;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      update_calendar_actions (self);
      g_task_return_error (outer, error);
      return;
    }
  if (self->settings != NULL)
    g_settings_set_string (self->settings, "my-calendar-file", job->path);
  update_calendar_actions (self);
  g_task_return_boolean (outer, TRUE);
}

void
dag_staff_view_export_calendar_async (DagStaffView        *self,
                                      const char          *path,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GTask *inner;
  CalendarJob *job;

  g_return_if_fail (DAG_IS_STAFF_VIEW (self));
  g_return_if_fail (path != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dag_staff_view_export_calendar_async);
  if (self->store == NULL || self->org == NULL || self->me < 0)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                               _("Choose who you are first (“This is me”)"));
      return;
    }
  job = g_new0 (CalendarJob, 1);
  job->database = g_strdup (dag_store_get_location (self->store));
  job->id = g_strdup (DAG_AT (self->org->staff, DagStaff, self->me)->id);
  job->path = g_strdup (path);
  inner = g_task_new (self, cancellable, calendar_written_cb, g_steal_pointer (&task));
  g_task_set_task_data (inner, job, (GDestroyNotify) calendar_job_free);
  self->calendar_jobs++;
  update_calendar_actions (self);
  g_task_run_in_thread (inner, calendar_thread);
  g_object_unref (inner);
}

gboolean
dag_staff_view_export_calendar_finish (DagStaffView  *self,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
calendar_saved_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  DagStaffView *self = DAG_STAFF_VIEW (object);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (!dag_staff_view_export_calendar_finish (self, result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      message = g_strdup_printf (_("The calendar could not be saved: %s"), error->message);
    }
  else
    {
      g_autofree char *path = calendar_file (self);
      g_autofree char *name = path ? g_path_get_basename (path) : g_strdup ("");

      /* Translators: a toast; %s is the file's name. */
      message = g_strdup_printf (_("Your calendar was saved to “%s”"), name);
    }
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     DagStaffView    *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;

      if (path != NULL)
        dag_staff_view_export_calendar_async (self, path, NULL, calendar_saved_cb, NULL);
    }
  gtk_native_dialog_destroy (chooser);
  g_clear_object (&self->chooser);
}

static void
calendar_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  DagStaffView *self = DAG_STAFF_VIEW (widget);
  g_autofree char *path = calendar_file (self);
  GtkFileChooserNative *chooser;
  g_autofree char *name = NULL;

  if (self->me < 0)
    return;
  if (g_str_equal (action_name, "staff.refresh-calendar"))
    {
      if (path != NULL)
        dag_staff_view_export_calendar_async (self, path, NULL, calendar_saved_cb, NULL);
      return;
    }
  if (self->chooser != NULL)
    return;
  /* The portal's file chooser in the Flatpak. */
  chooser = gtk_file_chooser_native_new (_("Export My Calendar"), GTK_WINDOW (gtk_widget_get_root (widget)),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  if (path != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_path (path);

      gtk_file_chooser_set_file (GTK_FILE_CHOOSER (chooser), file, NULL);
    }
  else
    {
      /* Translators: the suggested name of a staff member's calendar file. */
      name = g_strdup (_("my-week.ics"));
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
    }
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), self);
  self->chooser = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_show (self->chooser);
}

/* ---- the week ----------------------------------------------------------- */

static void
show_monday (DagStaffView *self,
             DagDate       monday)
{
  self->monday = monday - dag_date_weekday (monday);
  update_week (self);
  refresh (self);
}

static void
previous_week_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  DagStaffView *self = DAG_STAFF_VIEW (widget);

  show_monday (self, self->monday - 7);
}

static void
next_week_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  DagStaffView *self = DAG_STAFF_VIEW (widget);

  show_monday (self, self->monday + 7);
}

static void
this_week_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  show_monday (DAG_STAFF_VIEW (widget), dag_date_today ());
}

/* ---- absences ----------------------------------------------------------- */

static void
absence_failed (DagStaffView *self,
                const GError *error)
{
  g_autofree char *title = g_strdup_printf (_("The absence could not be saved: %s"), error->message);

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
}

/* "03-11-2026 to 06-11-2026", or one day: written as the fields take them. */
static char *
period_text (DagDate from,
             DagDate to)
{
  char b1[DAG_DATE_BUF], b2[DAG_DATE_BUF];

  if (from == to)
    return g_strdup (dag_date_format_human (from, b1));
  /* Translators: the first and the last day of an absence. */
  return g_strdup_printf (_("%s to %s"), dag_date_format_human (from, b1), dag_date_format_human (to, b2));
}

static void
absence_end_clicked_cb (GtkButton    *button,
                        DagStaffView *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "absence"));
  g_autoptr(GError) error = NULL;

  gtk_menu_button_popdown (self->absence_button);
  /* Back today: the last day away was yesterday. */
  if (!dag_staff_view_end_absence (self, index, dag_date_today () - 1, &error))
    absence_failed (self, error);
}

static void
absence_delete_clicked_cb (GtkButton    *button,
                           DagStaffView *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "absence"));
  g_autoptr(GError) error = NULL;

  gtk_menu_button_popdown (self->absence_button);
  if (!dag_staff_view_delete_absence (self, index, &error))
    absence_failed (self, error);
}

static void
absence_add_clicked_cb (GtkButton    *button,
                        DagStaffView *self)
{
  GtkEditable *from_entry = g_object_get_data (G_OBJECT (button), "from");
  GtkEditable *to_entry = g_object_get_data (G_OBJECT (button), "to");
  GtkEditable *reason_entry = g_object_get_data (G_OBJECT (button), "reason");
  g_autoptr(GError) error = NULL;
  DagDate from = DAG_DATE_NONE, to = DAG_DATE_NONE;

  if (!dag_date_parse_human (gtk_editable_get_text (from_entry), &from))
    {
      g_set_error_literal (&error, DAG_STORE_ERROR, DAG_STORE_ERROR_CONSTRAINT,
                           _("The first day is not a date (DD-MM-YYYY)"));
      absence_failed (self, error);
      return;
    }
  if (!dag_date_parse_human (gtk_editable_get_text (to_entry), &to))
    {
      g_set_error_literal (&error, DAG_STORE_ERROR, DAG_STORE_ERROR_CONSTRAINT,
                           _("The last day is not a date (DD-MM-YYYY)"));
      absence_failed (self, error);
      return;
    }
  if (!dag_staff_view_add_absence (self, self->staff, from, to, gtk_editable_get_text (reason_entry), &error))
    {
      absence_failed (self, error);
      return;
    }
  gtk_menu_button_popdown (self->absence_button);
}

GtkMenuButton *
dag_staff_view_get_absence_button (DagStaffView *self)
{
  g_return_val_if_fail (DAG_IS_STAFF_VIEW (self), NULL);
  return self->absence_button;
}

/* An entry in row of grid, labelled; a date one (is_date) with its
 * calendar button. */
static GtkWidget *
labelled_entry (GtkWidget  *grid,
                int         row,
                const char *label,
                const char *text,
                gboolean    is_date)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_grid_attach (GTK_GRID (grid), g_object_new (GTK_TYPE_LABEL, "label", label, "xalign", 1.0f,
                                                  "use-underline", TRUE, "mnemonic-widget", entry, NULL),
                   0, row, 1, 1);
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  gtk_widget_set_hexpand (entry, TRUE);
  gtk_grid_attach (GTK_GRID (grid), is_date ? dag_date_popover_wrap (entry) : entry, 1, row, 1, 1);
  return entry;
}

/* Built each time the popover opens: the staff member's absences, each
 * with "Back Today" and delete, and a form to add one. */
static void
create_absence_popup_cb (GtkMenuButton *button,
                         gpointer       user_data)
{
  DagStaffView *self = user_data;
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *grid, *add, *from, *to, *reason;
  DagDate today = dag_date_today ();
  char buf[DAG_DATE_BUF];
  guint shown = 0;

  gtk_widget_set_size_request (box, 320, -1);
  gtk_menu_button_set_popover (button, popover);
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  if (self->org == NULL || self->staff < 0)
    return;
  gtk_box_append (GTK_BOX (box), g_object_new (GTK_TYPE_LABEL, "label", _("Absences"), "xalign", 0.0f,
                                               "css-classes", (const char *[]) { "heading", NULL }, NULL));
  for (guint i = 0; i < self->org->staff_absences->len; i++)
    {
      const DagStaffAbsence *a = DAG_AT (self->org->staff_absences, DagStaffAbsence, i);
      g_autofree char *period = NULL;
      g_autofree char *text = NULL;
      GtkWidget *row, *b;

      if (a->staff != self->staff)
        continue;
      period = period_text (a->from, a->to);
      /* Translators: an absence's period and its reason, "03-11-2026 to 06-11-2026 · ziek". */
      text = a->reason ? g_strdup_printf (_("%s · %s"), period, a->reason) : g_strdup (period);
      row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      gtk_box_append (GTK_BOX (row), g_object_new (GTK_TYPE_LABEL, "label", text, "xalign", 0.0f,
                                                   "hexpand", TRUE, "wrap", TRUE, NULL));
      /* Ending it today makes sense while it runs past yesterday. */
      if (a->from < today && a->to >= today)
        {
          b = gtk_button_new_with_mnemonic (_("_Back Today"));
          gtk_widget_set_tooltip_text (b, _("End the absence: the last day away was yesterday"));
          g_object_set_data (G_OBJECT (b), "absence", GUINT_TO_POINTER (i));
          g_signal_connect_object (b, "clicked", G_CALLBACK (absence_end_clicked_cb), self, 0);
          gtk_box_append (GTK_BOX (row), b);
        }
      b = gtk_button_new_from_icon_name ("user-trash-symbolic");
      gtk_widget_set_tooltip_text (b, _("Delete the absence"));
      g_object_set_data (G_OBJECT (b), "absence", GUINT_TO_POINTER (i));
      g_signal_connect_object (b, "clicked", G_CALLBACK (absence_delete_clicked_cb), self, 0);
      gtk_box_append (GTK_BOX (row), b);
      gtk_box_append (GTK_BOX (box), row);
      shown++;
    }
  if (shown == 0)
    gtk_box_append (GTK_BOX (box), g_object_new (GTK_TYPE_LABEL, "label", _("No absences"), "xalign", 0.0f,
                                                 "css-classes", (const char *[]) { "dim-label", NULL }, NULL));
  gtk_box_append (GTK_BOX (box), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
  gtk_box_append (GTK_BOX (box), g_object_new (GTK_TYPE_LABEL, "label", _("New Absence"), "xalign", 0.0f,
                                               "css-classes", (const char *[]) { "heading", NULL }, NULL));
  grid = gtk_grid_new ();
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 6);
  dag_date_format_human (today, buf);
  from = labelled_entry (grid, 0, _("_From"), buf, TRUE);
  to = labelled_entry (grid, 1, _("_To"), buf, TRUE);
  reason = labelled_entry (grid, 2, _("_Reason"), "", FALSE);
  gtk_entry_set_placeholder_text (GTK_ENTRY (reason), _("Sick, leave, training…"));
  gtk_box_append (GTK_BOX (box), grid);
  add = gtk_button_new_with_mnemonic (_("_Add Absence"));
  gtk_widget_add_css_class (add, "suggested-action");
  gtk_widget_set_halign (add, GTK_ALIGN_END);
  g_object_set_data (G_OBJECT (add), "from", from);
  g_object_set_data (G_OBJECT (add), "to", to);
  g_object_set_data (G_OBJECT (add), "reason", reason);
  g_signal_connect_object (add, "clicked", G_CALLBACK (absence_add_clicked_cb), self, 0);
  gtk_box_append (GTK_BOX (box), add);
}

/* ---- GObject ------------------------------------------------------------ */

/* Shown again: another view may have changed the plan or the staffing
 * since (the cells that did not change stay as they are). */
static void
dag_staff_view_map (GtkWidget *widget)
{
  DagStaffView *self = DAG_STAFF_VIEW (widget);

  GTK_WIDGET_CLASS (dag_staff_view_parent_class)->map (widget);
  if (self->org != NULL)
    {
      update_week (self);
      refresh (self);
    }
}

static void
dag_staff_view_dispose (GObject *object)
{
  DagStaffView *self = DAG_STAFF_VIEW (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->week, dag_org_free);
  g_clear_pointer (&self->schedule, dag_schedule_free);
  g_clear_pointer (&self->travel, dag_travel_free);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);
  g_clear_object (&self->settings);
  self->org = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), DAG_TYPE_STAFF_VIEW);
  G_OBJECT_CLASS (dag_staff_view_parent_class)->dispose (object);
}

static void
dag_staff_view_finalize (GObject *object)
{
  DagStaffView *self = DAG_STAFF_VIEW (object);

  g_clear_pointer (&self->cells, g_array_unref);
  g_free (self->contract_text);
  g_free (self->week_text);
  g_free (self->frozen);
  g_free (self->last_message);
  G_OBJECT_CLASS (dag_staff_view_parent_class)->finalize (object);
}

static void
dag_staff_view_class_init (DagStaffViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dag_staff_view_dispose;
  object_class->finalize = dag_staff_view_finalize;
  widget_class->map = dag_staff_view_map;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/dagritme/Dagritme/dag-staff-view.ui");
  gtk_widget_class_bind_template_child (widget_class, DagStaffView, location_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DagStaffView, staff_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DagStaffView, summary_label);
  gtk_widget_class_bind_template_child (widget_class, DagStaffView, week_label);
  gtk_widget_class_bind_template_child (widget_class, DagStaffView, frozen_box);
  gtk_widget_class_bind_template_child (widget_class, DagStaffView, frozen_label);
  gtk_widget_class_bind_template_child (widget_class, DagStaffView, absence_button);
  gtk_widget_class_bind_template_child (widget_class, DagStaffView, grid);
  gtk_widget_class_bind_template_child (widget_class, DagStaffView, contract_label);
  gtk_widget_class_bind_template_child (widget_class, DagStaffView, week_box);
  gtk_widget_class_bind_template_child (widget_class, DagStaffView, stack);
  gtk_widget_class_bind_template_child (widget_class, DagStaffView, me_check);
  gtk_widget_class_bind_template_child (widget_class, DagStaffView, refresh_button);
  gtk_widget_class_bind_template_callback (widget_class, me_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, page_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, location_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, staff_selected_cb);

  gtk_widget_class_install_action (widget_class, "staff.previous-week", NULL, previous_week_action);
  gtk_widget_class_install_action (widget_class, "staff.next-week", NULL, next_week_action);
  gtk_widget_class_install_action (widget_class, "staff.this-week", NULL, this_week_action);
  gtk_widget_class_install_action (widget_class, "staff.export-calendar", NULL, calendar_action);
  gtk_widget_class_install_action (widget_class, "staff.refresh-calendar", NULL, calendar_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "staff.previous-week", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK, "staff.next-week", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Home, GDK_ALT_MASK, "staff.this-week", NULL);
}

static const char css[] =
  ".staff-cell > button { padding: 4px 6px; }\n"
  ".staff-cell label.staff-name { font-weight: normal; }\n"
  ".staff-cell.error > button { background-color: alpha(@error_color, 0.12); }\n"
  ".staff-cell.warning > button { background-color: alpha(@warning_color, 0.12); }\n"
  ".staff-badge { font-size: 0.75em; font-weight: bold; border-radius: 4px; padding: 0 4px; }\n"
  ".staff-badge.hbo { background-color: alpha(@accent_bg_color, 0.25); }\n"
  ".staff-badge.mbo { background-color: alpha(@success_color, 0.25); }\n"
  ".staff-badge.volunteer { background-color: alpha(currentColor, 0.1); }\n"
  ".staff-badge.lead { background-color: alpha(@warning_color, 0.35); }\n"
  ".staff-badge.absent { background-color: alpha(@error_color, 0.25); }\n"
  ".staff-badge.extra { background-color: alpha(@accent_bg_color, 0.15); }\n"
  ".staff-banner { padding: 6px 12px; background-color: alpha(@warning_color, 0.15); }\n"
  ".my-week-day { padding: 12px; }\n"
  ".my-week-group { font-weight: bold; }\n"
  ".my-week-duty { font-weight: bold; color: @accent_color; }\n";

static void
dag_staff_view_init (DagStaffView *self)
{
  static gsize css_loaded = 0;

  gtk_widget_init_template (GTK_WIDGET (self));
  /* Not a bound template child: AdwBin unparents its child itself. */
  self->toast_overlay = ADW_TOAST_OVERLAY (adw_bin_get_child (ADW_BIN (self)));
  self->location = -1;
  self->staff = -1;
  self->me = -1;
  self->settings = lookup_settings ();
  self->monday = dag_date_today () - dag_date_weekday (dag_date_today ());
  gtk_menu_button_set_create_popup_func (self->absence_button, create_absence_popup_cb, self, NULL);
  self->cells = g_array_new (FALSE, TRUE, sizeof (Cell));
  g_array_set_clear_func (self->cells, cell_clear);
  if (g_once_init_enter (&css_loaded))
    {
      GtkCssProvider *provider = gtk_css_provider_new ();

      gtk_css_provider_load_from_data (provider, css, -1);
      gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider),
                                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
      g_object_unref (provider);
      g_once_init_leave (&css_loaded, 1);
    }
}

/* ---- public ------------------------------------------------------------- */

void
dag_staff_view_set_org (DagStaffView *self,
                        DagStore     *store,
                        DagOrg       *org)
{
  g_autoptr(GtkStringList) locations = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) staff = gtk_string_list_new (NULL);
  /* The search of the staff dropdown matches the names. */
  g_autoptr(GtkExpression) expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");

  int location = -1, staff_member = -1;

  g_return_if_fail (DAG_IS_STAFF_VIEW (self));

  /* The same organisation again (its records were edited in place): shows
   * it anew where it was, and its steps on the undo stack still hold. */
  if (org != NULL && org == self->org)
    {
      location = self->location;
      staff_member = self->staff;
    }
  else if (dag_history_for_widget (GTK_WIDGET (self)) != NULL)
    dag_history_forget (dag_history_for_widget (GTK_WIDGET (self)), self);
  /* Who "me" is, by id: the same person after a reload or a new start. */
  self->me = -1;
  if (org != NULL && self->settings != NULL)
    {
      g_autofree char *id = g_settings_get_string (self->settings, "my-staff-id");

      if (*id)
        self->me = dag_org_lookup (org, DAG_KIND_STAFF, id);
    }
  if (org != NULL && org != self->org && self->me >= 0)
    staff_member = self->me;
  g_set_object (&self->store, store);
  /* Built again from the new (or edited) records when next needed. */
  g_clear_pointer (&self->travel, dag_travel_free);
  self->org = org;
  self->location = -1;
  self->staff = -1;
  update_week (self);
  if (org != NULL)
    {
      for (guint i = 0; i < org->locations->len; i++)
        gtk_string_list_append (locations, DAG_AT (org->locations, DagLocation, i)->name);
      for (guint i = 0; i < org->staff->len; i++)
        gtk_string_list_append (staff, DAG_AT (org->staff, DagStaff, i)->name);
    }
  gtk_drop_down_set_expression (self->staff_dropdown, expression);
  gtk_drop_down_set_model (self->staff_dropdown, G_LIST_MODEL (staff));
  gtk_drop_down_set_model (self->location_dropdown, G_LIST_MODEL (locations));
  /* Setting the model selects the first item and shows its grid and week. */
  if (location >= 0 && (guint) location < org->locations->len)
    gtk_drop_down_set_selected (self->location_dropdown, (guint) location);
  if (staff_member >= 0 && (guint) staff_member < org->staff->len)
    gtk_drop_down_set_selected (self->staff_dropdown, (guint) staff_member);
  location_selected_cb (self);
  staff_selected_cb (self);
  /* A begeleider who said who they are starts on their week. */
  if (org != NULL && !self->page_chosen)
    {
      gtk_stack_set_visible_child_name (self->stack, self->me >= 0 ? "my-week" : "staffing");
      self->page_chosen = TRUE;
    }
  update_calendar_actions (self);
}

void
dag_staff_view_set_location (DagStaffView *self,
                             int           location)
{
  g_return_if_fail (DAG_IS_STAFF_VIEW (self));
  g_return_if_fail (self->org != NULL && location >= 0 && (guint) location < self->org->locations->len);
  gtk_drop_down_set_selected (self->location_dropdown, (guint) location);
}

void
dag_staff_view_set_staff (DagStaffView *self,
                          int           staff)
{
  g_return_if_fail (DAG_IS_STAFF_VIEW (self));
  g_return_if_fail (self->org != NULL && staff >= 0 && (guint) staff < self->org->staff->len);
  gtk_drop_down_set_selected (self->staff_dropdown, (guint) staff);
}

GtkWidget *
dag_staff_view_get_cell (DagStaffView *self,
                         int           group,
                         int           slot)
{
  Cell *c;

  g_return_val_if_fail (DAG_IS_STAFF_VIEW (self), NULL);
  ensure_grid (self);
  c = find_cell (self, group, slot);
  return c ? c->button : NULL;
}

int
dag_staff_view_get_need (DagStaffView *self,
                         int           group,
                         int           slot)
{
  Cell *c;

  g_return_val_if_fail (DAG_IS_STAFF_VIEW (self), -1);
  ensure_grid (self);
  c = find_cell (self, group, slot);
  return c && c->button ? c->need : -1;
}

const char *
dag_staff_view_get_problems (DagStaffView *self,
                             int           group,
                             int           slot)
{
  Cell *c;

  g_return_val_if_fail (DAG_IS_STAFF_VIEW (self), NULL);
  ensure_grid (self);
  c = find_cell (self, group, slot);
  return c ? c->problems : NULL;
}

const char *
dag_staff_view_get_contract_text (DagStaffView *self)
{
  g_return_val_if_fail (DAG_IS_STAFF_VIEW (self), NULL);
  return self->contract_text;
}

gboolean
dag_staff_view_toggle (DagStaffView *self,
                       int           staff,
                       int           group,
                       int           slot,
                       GError      **error)
{
  Change c = { staff, group, slot, FALSE, self->monday, NULL, NULL };
  DagHistory *history;

  g_return_val_if_fail (DAG_IS_STAFF_VIEW (self), FALSE);
  g_return_val_if_fail (self->org != NULL && self->store != NULL, FALSE);
  g_return_val_if_fail (staff >= 0 && (guint) staff < self->org->staff->len, FALSE);
  g_return_val_if_fail (group >= 0 && (guint) group < self->org->groups->len, FALSE);
  g_return_val_if_fail (slot >= 0 && slot < DAG_N_SLOTS, FALSE);

  if (self->week == NULL)
    update_week (self);
  c.add = find_staffing (self->week, staff, group, slot) < 0;
  /* From the shown week on: the weeks before keep the staffing they had. */
  if (!dag_store_staff_in_week (self->store, self->org, staff, group, slot, c.add, self->monday,
                                dag_date_today (), &c.before, &c.after, error))
    return FALSE;
  history = dag_history_for_widget (GTK_WIDGET (self));
  if (history != NULL)
    {
      Step *step = g_new0 (Step, 1);
      g_autofree char *label = change_label (self, &c);

      step->view = self;
      step->change = c;
      dag_history_push (history, self, label, "staff", step_apply, step, step_free);
    }
  else
    {
      g_clear_pointer (&c.before, g_array_unref);
      g_clear_pointer (&c.after, g_array_unref);
    }
  update_week (self);
  refresh (self);
  return TRUE;
}

void
dag_staff_view_set_week (DagStaffView *self,
                         DagDate       date)
{
  g_return_if_fail (DAG_IS_STAFF_VIEW (self));
  g_return_if_fail (date != DAG_DATE_NONE);
  show_monday (self, date);
}

DagDate
dag_staff_view_get_week (DagStaffView *self)
{
  g_return_val_if_fail (DAG_IS_STAFF_VIEW (self), DAG_DATE_NONE);
  return self->monday;
}

const char *
dag_staff_view_get_frozen_message (DagStaffView *self)
{
  g_return_val_if_fail (DAG_IS_STAFF_VIEW (self), NULL);
  return self->frozen;
}

const char *
dag_staff_view_get_assigned (DagStaffView *self,
                             int           group,
                             int           slot)
{
  Cell *c;

  g_return_val_if_fail (DAG_IS_STAFF_VIEW (self), NULL);
  ensure_grid (self);
  c = find_cell (self, group, slot);
  return c && c->button ? c->assigned : NULL;
}

const char *
dag_staff_view_get_week_text (DagStaffView *self)
{
  g_return_val_if_fail (DAG_IS_STAFF_VIEW (self), NULL);
  return self->week_text;
}

/* After a change of org->staff_absences: the cells and the week anew. */
static void
absences_changed (DagStaffView *self)
{
  update_week (self);
  refresh (self);
}

gboolean
dag_staff_view_add_absence (DagStaffView *self,
                            int           staff,
                            DagDate       from,
                            DagDate       to,
                            const char   *reason,
                            GError      **error)
{
  g_return_val_if_fail (DAG_IS_STAFF_VIEW (self), FALSE);
  g_return_val_if_fail (self->org != NULL && self->store != NULL, FALSE);

  if (!dag_store_add_absence (self->store, self->org, DAG_ABSENCE_STAFF, staff, from, to, reason, error))
    return FALSE;
  absences_changed (self);
  return TRUE;
}

gboolean
dag_staff_view_end_absence (DagStaffView *self,
                            guint         index,
                            DagDate       to,
                            GError      **error)
{
  g_return_val_if_fail (DAG_IS_STAFF_VIEW (self), FALSE);
  g_return_val_if_fail (self->org != NULL && self->store != NULL, FALSE);

  if (!dag_store_end_absence (self->store, self->org, DAG_ABSENCE_STAFF, index, to, error))
    return FALSE;
  absences_changed (self);
  return TRUE;
}

gboolean
dag_staff_view_delete_absence (DagStaffView *self,
                               guint         index,
                               GError      **error)
{
  g_return_val_if_fail (DAG_IS_STAFF_VIEW (self), FALSE);
  g_return_val_if_fail (self->org != NULL && self->store != NULL, FALSE);

  if (!dag_store_delete_absence (self->store, self->org, DAG_ABSENCE_STAFF, index, error))
    return FALSE;
  absences_changed (self);
  return TRUE;
}

const char *
dag_staff_view_get_last_message (DagStaffView *self)
{
  g_return_val_if_fail (DAG_IS_STAFF_VIEW (self), NULL);
  return self->last_message;
}

void
dag_staff_view_set_me (DagStaffView *self,
                       int           staff)
{
  g_return_if_fail (DAG_IS_STAFF_VIEW (self));
  g_return_if_fail (staff < 0 || (self->org != NULL && (guint) staff < self->org->staff->len));

  if (staff >= 0 && staff != self->staff)
    dag_staff_view_set_staff (self, staff);
  if ((staff < 0 ? -1 : staff) == self->me)
    {
      update_me_check (self);
      return;
    }
  self->me = staff < 0 ? -1 : staff;
  if (self->settings != NULL)
    {
      g_settings_set_string (self->settings, "my-staff-id",
                             staff >= 0 ? DAG_AT (self->org->staff, DagStaff, staff)->id : "");
      /* Another person's calendar must not overwrite this one's file. */
      g_settings_reset (self->settings, "my-calendar-file");
    }
  update_me_check (self);
}

int
dag_staff_view_get_me (DagStaffView *self)
{
  g_return_val_if_fail (DAG_IS_STAFF_VIEW (self), -1);
  return self->me;
}

int
dag_staff_view_get_staff (DagStaffView *self)
{
  g_return_val_if_fail (DAG_IS_STAFF_VIEW (self), -1);
  return self->staff;
}

void
dag_staff_view_set_page (DagStaffView *self,
                         const char   *page)
{
  g_return_if_fail (DAG_IS_STAFF_VIEW (self));
  g_return_if_fail (g_strcmp0 (page, "staffing") == 0 || g_strcmp0 (page, "my-week") == 0);
  gtk_stack_set_visible_child_name (self->stack, page);
  self->page_chosen = TRUE;
}

const char *
dag_staff_view_get_page (DagStaffView *self)
{
  g_return_val_if_fail (DAG_IS_STAFF_VIEW (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}
