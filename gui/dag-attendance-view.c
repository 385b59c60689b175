/* dag-attendance-view.c — the Attendance view: the sessions of one day at
 * one location (from dag_schedule_foreach) with their registered
 * attendance, changed one store transaction at a time, with undo, and who
 * is absent or cancelled that day.  The changes of the day itself (extra
 * dagdeel, cancellation, swap, absences) are in dag-attendance-changes.c. */

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "dag-attendance.h"
#include "dag-attendance-view.h"
#include "dag-attendance-view-private.h"
#include "dag-history.h"
#include "dag-schedule.h"
#include "dag-store-absence.h"
#include "dag-store-attendance.h"

/* ---- one session of the day --------------------------------------------- */

enum { ITEM_PROP_0, ITEM_PROP_STATUS, ITEM_N_PROPS };
static GParamSpec *item_props[ITEM_N_PROPS];

G_DEFINE_FINAL_TYPE (DagAttendanceItem, dag_attendance_item, G_TYPE_OBJECT)

static void
dag_attendance_item_finalize (GObject *object)
{
  DagAttendanceItem *self = DAG_ATTENDANCE_ITEM (object);

  g_free (self->name);
  g_free (self->group);
  g_free (self->sort_key);
  g_free (self->reason);
  g_free (self->note);
  G_OBJECT_CLASS (dag_attendance_item_parent_class)->finalize (object);
}

static void
dag_attendance_item_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  DagAttendanceItem *self = DAG_ATTENDANCE_ITEM (object);

  switch (prop_id)
    {
    case ITEM_PROP_STATUS:
      g_value_set_int (value, self->status);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dag_attendance_item_class_init (DagAttendanceItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = dag_attendance_item_finalize;
  object_class->get_property = dag_attendance_item_get_property;
  /* Rows listen to it: a change through the keyboard, undo or the toggles
   * shows in the row that is bound to the item.  Also notified when the
   * item is reused for another session (see replace_rows()). */
  item_props[ITEM_PROP_STATUS] = g_param_spec_int ("status", NULL, NULL, -1, DAG_ATTEND_NO_SHOW, -1,
                                                   G_PARAM_READABLE | G_PARAM_STATIC_STRINGS
                                                   | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, ITEM_N_PROPS, item_props);
}

static void
dag_attendance_item_init (DagAttendanceItem *self)
{
  self->status = -1;
  self->minutes = -1;
  self->group_index = -1;
  self->one_off = -1;
}

int
dag_attendance_item_get_participant (DagAttendanceItem *item)
{
  g_return_val_if_fail (DAG_IS_ATTENDANCE_ITEM (item), -1);
  return item->participant;
}

int
dag_attendance_item_get_part (DagAttendanceItem *item)
{
  g_return_val_if_fail (DAG_IS_ATTENDANCE_ITEM (item), -1);
  return item->part;
}

int
dag_attendance_item_get_minutes (DagAttendanceItem *item)
{
  g_return_val_if_fail (DAG_IS_ATTENDANCE_ITEM (item), -1);
  return item->minutes;
}

int
dag_attendance_item_get_status (DagAttendanceItem *item)
{
  g_return_val_if_fail (DAG_IS_ATTENDANCE_ITEM (item), -1);
  return item->status;
}

const char *
dag_attendance_item_get_reason (DagAttendanceItem *item)
{
  g_return_val_if_fail (DAG_IS_ATTENDANCE_ITEM (item), NULL);
  return item->reason ? item->reason : "";
}

int
dag_attendance_item_get_group (DagAttendanceItem *item)
{
  g_return_val_if_fail (DAG_IS_ATTENDANCE_ITEM (item), -1);
  return item->group_index;
}

int
dag_attendance_item_get_state (DagAttendanceItem *item)
{
  g_return_val_if_fail (DAG_IS_ATTENDANCE_ITEM (item), -1);
  return item->state;
}

gboolean
dag_attendance_item_is_extra (DagAttendanceItem *item)
{
  g_return_val_if_fail (DAG_IS_ATTENDANCE_ITEM (item), FALSE);
  return item->extra;
}

const char *
dag_attendance_item_get_note (DagAttendanceItem *item)
{
  g_return_val_if_fail (DAG_IS_ATTENDANCE_ITEM (item), NULL);
  return item->note ? item->note : "";
}

static void
item_update (DagAttendanceItem *item,
             int                status,
             int                minutes,
             const char        *reason)
{
  item->minutes = minutes;
  g_free (item->reason);
  item->reason = g_strdup (reason);
  item->status = status;
  g_object_notify_by_pspec (G_OBJECT (item), item_props[ITEM_PROP_STATUS]);
}

/* ---- the view ----------------------------------------------------------- */

/* One registered change, for undo and redo: what it was and became. */
typedef struct {
  int      participant;
  DagDate  date;
  int      part;
  int      old_status, new_status;    /* -1: not registered */
  int      old_minutes, new_minutes;
  char    *old_reason, *new_reason;
} Change;

static void
change_clear (gpointer p)
{
  Change *c = p;

  g_free (c->old_reason);
  g_free (c->new_reason);
}


/* A change on the window's undo stack. */
typedef struct {
  DagAttendanceView *view;     /* the stack is cleared before the view goes */
  Change             change;
} Step;

G_DEFINE_FINAL_TYPE (DagAttendanceView, dag_attendance_view, ADW_TYPE_BIN)

enum { SIGNAL_CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void show_day (DagAttendanceView *self);

static void
update_actions (DagAttendanceView *self)
{
  gboolean ready = self->schedule != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "attendance.previous-day", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "attendance.next-day", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "attendance.today", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "attendance.add-extra", ready);
}

static void
update_count (DagAttendanceView *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->rows)), registered = 0;
  g_autofree char *text = NULL;
  g_autofree char *planned = NULL;

  guint on = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DagAttendanceItem) item = g_list_model_get_item (G_LIST_MODEL (self->rows), i);

      if (item->state != DAG_SESSION_ON)
        continue;
      on++;
      if (item->status >= 0)
        registered++;
    }
  planned = g_strdup_printf (ngettext ("%u session", "%u sessions", on), on);
  /* Translators: "12 sessions, 5 registered". */
  text = g_strdup_printf (_("%s, %u registered"), planned, registered);
  if (n > on)
    {
      /* Translators: after "12 sessions, 5 registered": the rows of who is
       * absent or whose dagdeel was cancelled for the date. */
      g_autofree char *more = g_strdup_printf (_("%s, %u absent or cancelled"), text, n - on);

      g_free (text);
      text = g_steal_pointer (&more);
    }
  gtk_label_set_text (self->count_label, n > 0 ? text : "");
}

/* Keeps the loaded organisation in step with the store, so that the
 * production view and the next day shown see the change. */
static void
org_apply (DagOrg     *org,
           int         participant,
           DagDate     date,
           int         part,
           int         status,
           int         minutes,
           const char *reason)
{
  for (guint i = 0; i < org->attendance->len; i++)
    {
      DagAttendance *a = DAG_AT (org->attendance, DagAttendance, i);

      if (a->participant == participant && a->date == date && a->part == part)
        {
          if (status < 0)
            g_array_remove_index_fast (org->attendance, i);
          else
            {
              a->status = status;
              a->minutes = minutes;
              g_free (a->reason);
              a->reason = g_strdup (reason);
            }
          return;
        }
    }
  if (status >= 0)
    {
      DagAttendance a = { participant, date, part, status, minutes, g_strdup (reason) };

      g_array_append_val (org->attendance, a);
    }
}

static DagAttendanceItem *
find_item (DagAttendanceView *self,
           int                participant,
           int                part)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->rows));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DagAttendanceItem) item = g_list_model_get_item (G_LIST_MODEL (self->rows), i);

      if (item->participant == participant && item->part == part)
        return item;  /* the store keeps it alive */
    }
  return NULL;
}

/* Writes one registration (status -1 clears it) in one store transaction;
 * a single-row write, quick enough for the main thread. */
static gboolean
apply (DagAttendanceView *self,
       int                participant,
       DagDate            date,
       int                part,
       int                status,
       int                minutes,
       const char        *reason,
       GError           **error)
{
  const DagParticipant *p;
  gboolean ok;
  DagAttendanceItem *item;

  if (self->store == NULL || self->org == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED, _("No organisation is shown"));
      return FALSE;
    }
  p = DAG_AT (self->org->participants, DagParticipant, participant);
  if (status < 0)
    ok = dag_store_clear_attendance (self->store, p->id, date, part, error);
  else
    ok = dag_store_set_attendance (self->store, p->id, date, part, status, minutes, reason, error);
  if (!ok)
    return FALSE;
  org_apply (self->org, participant, date, part, status, minutes, reason);
  if (date == self->date && (item = find_item (self, participant, part)) != NULL)
    item_update (item, status, minutes, reason);
  update_count (self);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
  return TRUE;
}

/* Undo and redo show the day of the change, so that one sees what
 * changed back. */
static gboolean
step_apply (gpointer  data,
            gboolean  undo,
            GError  **error)
{
  Step *step = data;
  DagAttendanceView *self = step->view;
  const Change *c = &step->change;

  if (c->date != self->date)
    dag_attendance_view_set_date (self, c->date);
  if (undo)
    return apply (self, c->participant, c->date, c->part, c->old_status, c->old_minutes, c->old_reason, error);
  return apply (self, c->participant, c->date, c->part, c->new_status, c->new_minutes, c->new_reason, error);
}

static void
step_free (gpointer data)
{
  Step *step = data;

  change_clear (&step->change);
  g_free (step);
}


/* A label for the undo stack: who, when and what it became. */
static char *
change_label (DagAttendanceView *self,
              const Change      *c)
{
  const DagParticipant *p = DAG_AT (self->org->participants, DagParticipant, c->participant);
  char date[DAG_DATE_BUF];
  const char *what;

  dag_date_format (c->date, date);
  switch (c->new_status)
    {
    case DAG_ATTEND_PRESENT:   what = _("present"); break;
    case DAG_ATTEND_CANCELLED: what = _("cancelled"); break;
    case DAG_ATTEND_NO_SHOW:   what = _("no-show"); break;
    default:                   what = _("not registered"); break;
    }
  /* Translators: “Anna de Vries on 2026-11-02 morning: present”. */
  return g_strdup_printf (_("%s on %s %s: %s"), p->name, date, _dag_attendance_part_label (c->part), what);
}

/* A change from the user: applied, then put on the window's undo stack. */
static void
change_item (DagAttendanceView *self,
             DagAttendanceItem *item,
             int                status,
             int                minutes,
             const char        *reason)
{
  g_autoptr(GError) error = NULL;
  Change c = { item->participant, self->date, item->part,
               item->status, status, item->minutes, -1,
               g_strdup (item->reason), NULL };
  DagHistory *history;

  /* Hours only count for who was there, a reason only for a cancellation. */
  if (status != DAG_ATTEND_PRESENT)
    minutes = -1;
  if (status != DAG_ATTEND_CANCELLED || (reason != NULL && *reason == '\0'))
    reason = NULL;
  if (status == item->status && minutes == item->minutes && g_strcmp0 (reason, item->reason) == 0)
    {
      change_clear (&c);
      return;
    }
  c.new_minutes = minutes;
  c.new_reason = g_strdup (reason);
  if (!apply (self, c.participant, c.date, c.part, c.new_status, c.new_minutes, c.new_reason, &error))
    {
      g_autofree char *title = g_strdup_printf (_("The attendance could not be saved: %s"), error->message);

      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
      change_clear (&c);
      return;
    }
  history = dag_history_for_widget (GTK_WIDGET (self));
  if (history != NULL)
    {
      Step *step = g_new0 (Step, 1);
      g_autofree char *label = change_label (self, &c);

      step->view = self;
      step->change = c;
      dag_history_push (history, self, label, "attendance", step_apply, step, step_free);
    }
  else
    change_clear (&c);
}

static DagAttendanceItem *
selected_item (DagAttendanceView *self)
{
  return gtk_single_selection_get_selected_item (self->selection);
}

static void
set_status_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  DagAttendanceView *self = DAG_ATTENDANCE_VIEW (widget);
  DagAttendanceItem *item = selected_item (self);
  int status = g_variant_get_int32 (parameter);

  /* Who is absent or cancelled is not expected: nothing to register. */
  if (item == NULL || status < -1 || status > DAG_ATTEND_NO_SHOW || item->state != DAG_SESSION_ON)
    return;
  /* Setting the same status again keeps its hours and reason. */
  if (status == item->status)
    change_item (self, item, status, item->minutes, item->reason);
  else
    change_item (self, item, status, -1, NULL);
}

static void
set_minutes_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  DagAttendanceView *self = DAG_ATTENDANCE_VIEW (widget);
  DagAttendanceItem *item = selected_item (self);
  int minutes = g_variant_get_int32 (parameter);

  if (item == NULL || minutes < -1 || minutes > 24 * 60 || item->state != DAG_SESSION_ON)
    return;
  change_item (self, item, DAG_ATTEND_PRESENT, minutes, NULL);
}

/* ---- rows --------------------------------------------------------------- */

typedef struct {
  DagAttendanceView *view;         /* the factory's, which the view keeps */
  GtkLabel          *name;
  GtkLabel          *group;
  GtkLabel          *part;
  GtkWidget         *toggle_box;
  GtkToggleButton   *toggles[3];
  GtkEntry          *reason;
  GtkEntry          *hours;
  GtkLabel          *note;
  GtkMenuButton     *menu;
  int                menu_kind;    /* the _dag_attendance_row_kind() of the menu, -1 none */
  GtkListItem       *list_item;
  DagAttendanceItem *item;
  gulong             notify_id;
  gboolean           updating;
} RowWidgets;

static void row_menu_shown_cb (GtkWidget *popover, RowWidgets *w);

const char *
_dag_attendance_part_label (int part)
{
  switch (part)
    {
    case DAG_PART_AM:
      return C_("dagdeel", "Morning");
    case DAG_PART_PM:
      return C_("dagdeel", "Afternoon");
    default:
      return C_("dagdeel", "Evening");
    }
}

static void
row_show_status (RowWidgets *w)
{
  /* The registered status also in colour, not only as a pressed button. */
  static const char * const classes[] = { "success", "warning", "error" };

  gboolean on = w->item->state == DAG_SESSION_ON;
  int kind = _dag_attendance_row_kind (w->item);

  gtk_label_set_text (w->name, w->item->name);
  gtk_label_set_text (w->group, w->item->group);
  gtk_label_set_text (w->part, _dag_attendance_part_label (w->item->part));
  /* Absent or cancelled: not expected, nothing to register; the row says
   * why instead. */
  gtk_widget_set_visible (w->toggle_box, on);
  gtk_widget_set_visible (GTK_WIDGET (w->note), !on);
  gtk_label_set_text (w->note, w->item->note != NULL ? w->item->note : "");
  if (w->item->state == DAG_SESSION_ABSENT)
    gtk_widget_add_css_class (GTK_WIDGET (w->note), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (w->note), "warning");
  if (on)
    gtk_widget_remove_css_class (GTK_WIDGET (w->name), "dim-label");
  else
    gtk_widget_add_css_class (GTK_WIDGET (w->name), "dim-label");
  /* A new popover only when the kind of row changes: rows are rebound
   * often, and a popover menu is a handful of widgets. */
  if (kind != w->menu_kind)
    {
      GtkPopover *popover;

      gtk_menu_button_set_menu_model (w->menu, w->view->row_menus[kind]);
      popover = gtk_menu_button_get_popover (w->menu);
      if (popover != NULL)
        g_signal_connect (popover, "show", G_CALLBACK (row_menu_shown_cb), w);
      w->menu_kind = kind;
    }
  w->updating = TRUE;
  for (int s = 0; s < 3; s++)
    {
      gtk_toggle_button_set_active (w->toggles[s], w->item->status == s);
      if (w->item->status == s)
        gtk_widget_add_css_class (GTK_WIDGET (w->toggles[s]), classes[s]);
      else
        gtk_widget_remove_css_class (GTK_WIDGET (w->toggles[s]), classes[s]);
    }
  /* A group keeps one button active; with none registered all are off. */
  gtk_widget_set_visible (GTK_WIDGET (w->reason), on && w->item->status == DAG_ATTEND_CANCELLED);
  gtk_editable_set_text (GTK_EDITABLE (w->reason), w->item->reason ? w->item->reason : "");
  gtk_widget_set_visible (GTK_WIDGET (w->hours), on && w->item->status == DAG_ATTEND_PRESENT);
  if (w->item->minutes >= 0)
    {
      g_autofree char *hours = g_strdup_printf ("%d:%02d", w->item->minutes / 60, w->item->minutes % 60);

      gtk_editable_set_text (GTK_EDITABLE (w->hours), hours);
    }
  else
    gtk_editable_set_text (GTK_EDITABLE (w->hours), "");
  w->updating = FALSE;
}

/* Opening a row's menu selects the row: its actions are about it. */
static void
row_menu_shown_cb (GtkWidget  *popover,
                   RowWidgets *w)
{
  if (w->list_item != NULL && w->item != NULL)
    dag_attendance_view_select (w->view, gtk_list_item_get_position (w->list_item));
}

static void
toggled_cb (GtkToggleButton *button,
            RowWidgets      *w)
{
  DagAttendanceView *self;
  int status = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "status"));

  if (w->updating || w->item == NULL || !gtk_toggle_button_get_active (button))
    return;
  self = DAG_ATTENDANCE_VIEW (gtk_widget_get_ancestor (GTK_WIDGET (button), DAG_TYPE_ATTENDANCE_VIEW));
  change_item (self, w->item, status, -1, NULL);
}

static void
reason_activate_cb (GtkEntry   *entry,
                    RowWidgets *w)
{
  DagAttendanceView *self;

  if (w->item == NULL)
    return;
  self = DAG_ATTENDANCE_VIEW (gtk_widget_get_ancestor (GTK_WIDGET (entry), DAG_TYPE_ATTENDANCE_VIEW));
  change_item (self, w->item, DAG_ATTEND_CANCELLED, -1, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

/* A reason typed and left without Enter is kept too. */
static void
reason_leave_cb (GtkEventControllerFocus *controller,
                 RowWidgets              *w)
{
  GtkWidget *entry = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  GtkWidget *view = gtk_widget_get_ancestor (entry, DAG_TYPE_ATTENDANCE_VIEW);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  /* Not while the row is recycled or the view goes away. */
  if (w->item == NULL || view == NULL || w->updating || DAG_ATTENDANCE_VIEW (view)->store == NULL
      || w->item->status != DAG_ATTEND_CANCELLED || g_strcmp0 (text, w->item->reason ? w->item->reason : "") == 0)
    return;
  change_item (DAG_ATTENDANCE_VIEW (view), w->item, DAG_ATTEND_CANCELLED, -1, text);
}

/* "3:30", "3.5" or "3,5" hours, or nothing (-1); at most a day. */
static gboolean
parse_hours (const char *text,
             int        *minutes)
{
  g_autofree char *t = g_strstrip (g_strdup (text));
  char *end = NULL;
  double hours;
  int h, m;

  if (*t == '\0')
    {
      *minutes = -1;
      return TRUE;
    }
  if (strchr (t, ':') != NULL)
    {
      char rest;

      if (sscanf (t, "%d:%d%c", &h, &m, &rest) != 2 || h < 0 || m < 0 || m > 59 || h * 60 + m > 24 * 60)
        return FALSE;
      *minutes = h * 60 + m;
      return TRUE;
    }
  g_strdelimit (t, ",", '.');
  hours = g_ascii_strtod (t, &end);
  if (end == t || *end != '\0' || !(hours >= 0 && hours <= 24))
    return FALSE;
  *minutes = (int) (hours * 60 + 0.5);
  return TRUE;
}

static void
hours_activate_cb (GtkEntry   *entry,
                   RowWidgets *w)
{
  DagAttendanceView *self;
  int minutes;

  if (w->item == NULL)
    return;
  self = DAG_ATTENDANCE_VIEW (gtk_widget_get_ancestor (GTK_WIDGET (entry), DAG_TYPE_ATTENDANCE_VIEW));
  if (!parse_hours (gtk_editable_get_text (GTK_EDITABLE (entry)), &minutes))
    {
      adw_toast_overlay_add_toast (self->toast_overlay,
                                   adw_toast_new (_("Hours must be a number like 3.5 or 3:30, at most 24")));
      return;
    }
  dag_attendance_view_select (self, gtk_list_item_get_position (w->list_item));
  gtk_widget_activate_action (GTK_WIDGET (self), "attendance.set-minutes", "i", minutes);
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  static const char *labels[3];
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *linked = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  RowWidgets *w = g_new0 (RowWidgets, 1);

  w->view = user_data;
  /* No mnemonics: every row has these buttons; the keys 1/2/3 and p/c/n
   * set the selected row's status. */
  labels[0] = _("Present");
  labels[1] = _("Cancelled");
  labels[2] = _("No-show");
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 3);
  gtk_widget_set_margin_bottom (box, 3);
  w->name = GTK_LABEL (gtk_label_new (NULL));
  w->group = GTK_LABEL (gtk_label_new (NULL));
  w->part = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (w->name, 0);
  gtk_label_set_xalign (w->group, 0);
  gtk_label_set_xalign (w->part, 0);
  gtk_label_set_width_chars (w->name, 24);
  /* Room for "Creatief atelier (extra)": the columns stay aligned. */
  gtk_label_set_width_chars (w->group, 24);
  gtk_label_set_max_width_chars (w->group, 24);
  gtk_label_set_width_chars (w->part, 10);
  gtk_label_set_ellipsize (w->name, PANGO_ELLIPSIZE_END);
  gtk_label_set_ellipsize (w->group, PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (GTK_WIDGET (w->group), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (w->part), "dim-label");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (w->name));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (w->group));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (w->part));

  gtk_widget_add_css_class (linked, "linked");
  gtk_widget_set_valign (linked, GTK_ALIGN_CENTER);
  for (int s = 0; s < 3; s++)
    {
      GtkWidget *toggle = gtk_toggle_button_new_with_label (labels[s]);

      /* Arrow keys move between rows, not between these buttons; the
       * keys 1, 2 and 3 do what they do. */
      gtk_widget_set_focusable (toggle, FALSE);
      g_object_set_data (G_OBJECT (toggle), "status", GINT_TO_POINTER (s));
      if (s > 0)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (toggle), w->toggles[0]);
      w->toggles[s] = GTK_TOGGLE_BUTTON (toggle);
      g_signal_connect (toggle, "toggled", G_CALLBACK (toggled_cb), w);
      gtk_box_append (GTK_BOX (linked), toggle);
    }
  gtk_box_append (GTK_BOX (box), linked);
  w->toggle_box = linked;

  w->note = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (w->note, 0);
  gtk_label_set_ellipsize (w->note, PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (GTK_WIDGET (w->note), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (w->note), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (w->note));

  w->hours = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_placeholder_text (w->hours, _("Hours"));
  gtk_editable_set_width_chars (GTK_EDITABLE (w->hours), 6);
  gtk_editable_set_max_width_chars (GTK_EDITABLE (w->hours), 6);
  gtk_widget_set_tooltip_text (GTK_WIDGET (w->hours), _("Hours attended, like 3:30 or 3.5; Enter saves"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (w->hours), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Hours attended"), -1);
  g_signal_connect (w->hours, "activate", G_CALLBACK (hours_activate_cb), w);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (w->hours));

  w->reason = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_placeholder_text (w->reason, _("Reason for cancelling"));
  gtk_widget_set_hexpand (GTK_WIDGET (w->reason), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (w->reason), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Reason for cancelling"), -1);
  g_signal_connect (w->reason, "activate", G_CALLBACK (reason_activate_cb), w);
  {
    GtkEventController *focus = gtk_event_controller_focus_new ();

    g_signal_connect (focus, "leave", G_CALLBACK (reason_leave_cb), w);
    gtk_widget_add_controller (GTK_WIDGET (w->reason), focus);
  }
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (w->reason));

  /* The changes of this row's date: report absent, cancel, swap, … */
  w->menu = GTK_MENU_BUTTON (gtk_menu_button_new ());
  w->menu_kind = -1;
  gtk_menu_button_set_icon_name (w->menu, "view-more-symbolic");
  gtk_widget_add_css_class (GTK_WIDGET (w->menu), "flat");
  gtk_widget_set_valign (GTK_WIDGET (w->menu), GTK_ALIGN_CENTER);
  gtk_widget_set_halign (GTK_WIDGET (w->menu), GTK_ALIGN_END);
  gtk_widget_set_hexpand (GTK_WIDGET (w->menu), TRUE);
  gtk_widget_set_tooltip_text (GTK_WIDGET (w->menu), _("Changes for This Date"));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (w->menu));

  g_object_set_data_full (G_OBJECT (box), "row-widgets", w, g_free);
  gtk_list_item_set_child (list_item, box);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             gpointer                  user_data)
{
  DagAttendanceItem *item = gtk_list_item_get_item (list_item);
  RowWidgets *w = g_object_get_data (G_OBJECT (gtk_list_item_get_child (list_item)), "row-widgets");

  w->item = item;
  w->list_item = list_item;
  w->notify_id = g_signal_connect_swapped (item, "notify::status", G_CALLBACK (row_show_status), w);
  row_show_status (w);
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  RowWidgets *w = g_object_get_data (G_OBJECT (gtk_list_item_get_child (list_item)), "row-widgets");

  if (w->item != NULL)
    g_clear_signal_handler (&w->notify_id, w->item);
  w->item = NULL;
}

/* Pops up the menu of the selected row, when its row is shown. */
static gboolean
open_selected_menu (DagAttendanceView *self)
{
  DagAttendanceItem *item = selected_item (self);

  if (item == NULL)
    return FALSE;
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list_view)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *box = gtk_widget_get_first_child (child);
      RowWidgets *w = box != NULL ? g_object_get_data (G_OBJECT (box), "row-widgets") : NULL;

      if (w != NULL && w->item == item)
        {
          gtk_menu_button_popup (w->menu);
          return TRUE;
        }
    }
  return FALSE;
}

/* 1/2/3 or p/c/n set the status of the selected row, Delete clears it.
 * The reason entry gets these keys first, so typing there is not
 * taken for a status. */
static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                DagAttendanceView     *self)
{
  int status;

  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK))
    return FALSE;
  /* The Menu key or Shift+F10 opens the selected row's menu of changes. */
  if (keyval == GDK_KEY_Menu || (keyval == GDK_KEY_F10 && (state & GDK_SHIFT_MASK)))
    return open_selected_menu (self);
  switch (keyval)
    {
    case GDK_KEY_1: case GDK_KEY_KP_1: case GDK_KEY_p: case GDK_KEY_P:
      status = DAG_ATTEND_PRESENT;
      break;
    case GDK_KEY_2: case GDK_KEY_KP_2: case GDK_KEY_c: case GDK_KEY_C:
      status = DAG_ATTEND_CANCELLED;
      break;
    case GDK_KEY_3: case GDK_KEY_KP_3: case GDK_KEY_n: case GDK_KEY_N:
      status = DAG_ATTEND_NO_SHOW;
      break;
    case GDK_KEY_Delete: case GDK_KEY_KP_Delete: case GDK_KEY_BackSpace:
      status = -1;
      break;
    default:
      return FALSE;
    }
  return gtk_widget_activate_action (GTK_WIDGET (self), "attendance.set-status", "i", status);
}

/* ---- the day ------------------------------------------------------------ */

typedef struct {
  DagAttendanceView *self;
  GHashTable        *registered;   /* participant*3+part → attendance index + 1 */
  GPtrArray         *items;
} DayData;

/* The absence of participant that covers date, or -1. */
int
_dag_attendance_absence_on (const DagOrg *org,
            int           participant,
            DagDate       date)
{
  for (guint i = 0; i < org->absences->len; i++)
    {
      const DagAbsence *a = DAG_AT (org->absences, DagAbsence, i);

      if (a->participant == participant && a->from <= date && date <= a->to)
        return (int) i;
    }
  return -1;
}

/* What an absent or cancelled row says instead of its attendance. */
static char *
row_note (DagAttendanceView *self,
          const DagSession  *session)
{
  const DagOrg *org = self->org;
  const char *reason = NULL;
  g_autofree char *text = NULL;

  if (session->state == DAG_SESSION_ABSENT)
    {
      int index = _dag_attendance_absence_on (org, session->participant, session->date);
      g_autofree char *until = NULL;

      if (index < 0)
        return g_strdup (_("Absent"));
      until = dag_change_dialog_format_day (DAG_AT (org->absences, DagAbsence, index)->to);
      reason = DAG_AT (org->absences, DagAbsence, index)->reason;
      /* Translators: the last day of an absence, "Friday 20 November". */
      text = g_strdup_printf (_("Absent until %s"), until);
    }
  else
    {
      if (session->one_off >= 0)
        reason = DAG_AT (org->one_offs, DagOneOff, session->one_off)->reason;
      text = g_strdup (_("Cancelled for this date"));
    }
  if (reason == NULL)
    return g_steal_pointer (&text);
  /* Translators: a note and its reason, "Absent until Friday 20 November · ziek". */
  return g_strdup_printf (_("%s · %s"), text, reason);
}

static gboolean
collect_session (const DagSession *session,
                 gpointer          user_data)
{
  DayData *d = user_data;
  DagOrg *org = d->self->org;
  const DagGroup *g = DAG_AT (org->groups, DagGroup, session->group);
  DagAttendanceItem *item;
  int found;

  /* Who is absent or cancelled is listed too (after the others), so that
   * it can be seen and changed back; holidays and closures say so in the
   * notice, and sessions without an indication are not expected at all. */
  if ((session->state != DAG_SESSION_ON && session->state != DAG_SESSION_ABSENT &&
       session->state != DAG_SESSION_CANCELLED) || g->location != d->self->location)
    return TRUE;
  item = g_object_new (DAG_TYPE_ATTENDANCE_ITEM, NULL);
  item->participant = session->participant;
  item->part = session->part;
  item->group_index = session->group;
  item->state = session->state;
  item->extra = session->plan_entry < 0;
  item->one_off = session->one_off;
  if (session->state != DAG_SESSION_ON)
    item->note = row_note (d->self, session);
  item->name = g_strdup (DAG_AT (org->participants, DagParticipant, session->participant)->name);
  /* A one-off addition for this date only (an extra dagdeel, the new
   * half of a swap) says so. */
  if (session->plan_entry < 0)
    /* Translators: a group in the Attendance view, for a dagdeel added
     * for this date only. */
    item->group = g_strdup_printf (_("%s (extra)"), g->name);
  else
    item->group = g_strdup (g->name);
  /* Keys once per row: collating in the comparison took most of a day's
   * time with a thousand rows. */
  {
    g_autofree char *both = g_strconcat (item->group, "\001", item->name, NULL);

    item->sort_key = g_utf8_collate_key (both, -1);
  }
  found = GPOINTER_TO_INT (g_hash_table_lookup (d->registered,
                                                GINT_TO_POINTER (session->participant * DAG_N_PARTS + session->part)));
  if (found > 0)
    {
      const DagAttendance *a = DAG_AT (org->attendance, DagAttendance, found - 1);

      item->status = a->status;
      item->minutes = a->minutes;
      item->reason = g_strdup (a->reason);
    }
  g_ptr_array_add (d->items, item);
  return TRUE;
}

static int
compare_items (gconstpointer a,
               gconstpointer b)
{
  const DagAttendanceItem *x = *(DagAttendanceItem * const *) a;
  const DagAttendanceItem *y = *(DagAttendanceItem * const *) b;
  int x_off = x->state != DAG_SESSION_ON, y_off = y->state != DAG_SESSION_ON;

  /* The expected sessions first: the keys 1/2/3 work down that list. */
  if (x_off != y_off)
    return x_off - y_off;
  if (x->part != y->part)
    return x->part - y->part;
  return strcmp (x->sort_key, y->sort_key);
}

/* Shows items in place of the rows: the items already in the list take
 * the new contents, so that the list keeps its row widgets and only
 * rebinds them (making a row's buttons and entries anew cost most of the
 * time of showing another day). */
static void
replace_rows (DagAttendanceView *self,
              GPtrArray         *items)
{
  guint n_old = g_list_model_get_n_items (G_LIST_MODEL (self->rows));
  guint n_kept = MIN (n_old, items->len);

  for (guint i = 0; i < n_kept; i++)
    {
      g_autoptr(DagAttendanceItem) old = g_list_model_get_item (G_LIST_MODEL (self->rows), i);
      DagAttendanceItem *item = g_ptr_array_index (items, i);

      old->participant = item->participant;
      old->part = item->part;
      old->minutes = item->minutes;
      old->status = item->status;
      g_free (old->name);
      old->name = g_steal_pointer (&item->name);
      g_free (old->group);
      old->group = g_steal_pointer (&item->group);
      g_free (old->sort_key);
      old->sort_key = g_steal_pointer (&item->sort_key);
      g_free (old->reason);
      old->reason = g_steal_pointer (&item->reason);
      old->group_index = item->group_index;
      old->state = item->state;
      old->extra = item->extra;
      old->one_off = item->one_off;
      g_free (old->note);
      old->note = g_steal_pointer (&item->note);
      g_object_notify_by_pspec (G_OBJECT (old), item_props[ITEM_PROP_STATUS]);
    }
  if (items->len > n_old)
    g_list_store_splice (self->rows, n_old, 0, items->pdata + n_old, items->len - n_old);
  else if (n_old > items->len)
    g_list_store_splice (self->rows, items->len, n_old - items->len, NULL, 0);
}

static void
set_notice (DagAttendanceView *self,
            const char        *title,
            const char        *description)
{
  g_free (self->notice);
  self->notice = g_strdup (title ? title : "");
  adw_status_page_set_title (self->notice_page, self->notice);
  adw_status_page_set_description (self->notice_page, description);
  gtk_stack_set_visible_child_name (self->stack, title ? "notice" : "list");
}

static void
update_date_label (DagAttendanceView *self)
{
  int y, m, d;
  g_autoptr(GDateTime) dt = NULL;
  g_autofree char *text = NULL;

  dag_date_to_ymd (self->date, &y, &m, &d);
  dt = g_date_time_new_local (y, m, d, 12, 0, 0);
  /* Translators: the date shown in the Attendance view, see strftime. */
  text = g_date_time_format (dt, _("%A %-d %B %Y"));
  gtk_menu_button_set_label (self->date_button, text);
  g_signal_handlers_block_matched (self->calendar, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
  gtk_calendar_select_day (self->calendar, dt);
  g_signal_handlers_unblock_matched (self->calendar, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
}

static void
show_day (DagAttendanceView *self)
{
  g_autoptr(GHashTable) registered = NULL;
  g_autoptr(GPtrArray) items = NULL;
  DayData data;
  const char *holiday = NULL;
  gint64 t0 = g_get_monotonic_time ();

  update_date_label (self);
  /* Anew for every day shown: the plan, its one-offs and the absences may
   * have changed in another view since (about a millisecond at 5,000). */
  if (self->schedule != NULL)
    {
      g_clear_pointer (&self->schedule, dag_schedule_free);
      self->schedule = dag_schedule_new (self->org);
    }
  if (self->schedule == NULL || self->location < 0)
    {
      g_list_store_remove_all (self->rows);
      update_count (self);
      return;
    }

  registered = g_hash_table_new (NULL, NULL);
  for (guint i = 0; i < self->org->attendance->len; i++)
    {
      const DagAttendance *a = DAG_AT (self->org->attendance, DagAttendance, i);

      if (a->date == self->date)
        g_hash_table_insert (registered, GINT_TO_POINTER (a->participant * DAG_N_PARTS + a->part),
                             GINT_TO_POINTER ((int) i + 1));
    }
  items = g_ptr_array_new_with_free_func (g_object_unref);
  data = (DayData) { self, registered, items };
  dag_schedule_foreach (self->schedule, self->date, self->date, collect_session, &data);
  g_ptr_array_sort (items, compare_items);

  replace_rows (self, items);
  update_count (self);

  if (items->len > 0)
    set_notice (self, NULL, NULL);
  else if (dag_schedule_is_holiday (self->schedule, self->date, &holiday))
    {
      /* Translators: a public holiday's name, "Koningsdag — no sessions". */
      g_autofree char *title = g_strdup_printf (_("%s — no sessions"), holiday);

      set_notice (self, title, _("It is a public holiday: no group meets."));
    }
  else if (dag_location_is_closed (DAG_AT (self->org->locations, DagLocation, self->location), self->date))
    {
      g_autofree char *title = g_strdup_printf (_("%s is closed — no sessions"),
                                                DAG_AT (self->org->locations, DagLocation, self->location)->name);

      set_notice (self, title, _("The location is closed on this day."));
    }
  else
    set_notice (self, _("No sessions"), _("Nobody is planned at this location on this day."));
  g_debug ("Attendance day shown in %.1f ms", (g_get_monotonic_time () - t0) / 1000.0);
}

/* ---- navigation --------------------------------------------------------- */

static void
previous_day_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  DagAttendanceView *self = DAG_ATTENDANCE_VIEW (widget);

  dag_attendance_view_set_date (self, self->date - 1);
}

static void
next_day_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  DagAttendanceView *self = DAG_ATTENDANCE_VIEW (widget);

  dag_attendance_view_set_date (self, self->date + 1);
}

static void
today_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  dag_attendance_view_set_date (DAG_ATTENDANCE_VIEW (widget), dag_date_today ());
}

static void
calendar_day_selected_cb (DagAttendanceView *self)
{
  g_autoptr(GDateTime) dt = gtk_calendar_get_date (self->calendar);

  gtk_popover_popdown (self->date_popover);
  dag_attendance_view_set_date (self, dag_date_from_ymd (g_date_time_get_year (dt),
                                                         g_date_time_get_month (dt),
                                                         g_date_time_get_day_of_month (dt)));
}

static void
location_selected_cb (DagAttendanceView *self)
{
  guint selected = gtk_drop_down_get_selected (self->location_dropdown);

  if (self->org == NULL || selected == GTK_INVALID_LIST_POSITION || (int) selected == self->location)
    return;
  self->location = (int) selected;
  show_day (self);
}

/* Shown: the keyboard goes to the list, so that the arrow keys and 1/2/3
 * work at once. */
static void
dag_attendance_view_map (GtkWidget *widget)
{
  DagAttendanceView *self = DAG_ATTENDANCE_VIEW (widget);

  GTK_WIDGET_CLASS (dag_attendance_view_parent_class)->map (widget);
  /* Another view may have changed the plan since the day was shown. */
  if (self->schedule != NULL)
    show_day (self);
  if (g_list_model_get_n_items (G_LIST_MODEL (self->rows)) > 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

static void
dag_attendance_view_dispose (GObject *object)
{
  DagAttendanceView *self = DAG_ATTENDANCE_VIEW (object);

  /* First: the focus leaving a reason entry while the rows go must not
   * register anything any more. */
  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), DAG_TYPE_ATTENDANCE_VIEW);
  G_OBJECT_CLASS (dag_attendance_view_parent_class)->dispose (object);
}

static void
dag_attendance_view_finalize (GObject *object)
{
  DagAttendanceView *self = DAG_ATTENDANCE_VIEW (object);

  g_clear_pointer (&self->schedule, dag_schedule_free);
  g_clear_object (&self->selection);
  g_clear_object (&self->rows);
  for (int kind = 0; kind < (int) G_N_ELEMENTS (self->row_menus); kind++)
    g_clear_object (&self->row_menus[kind]);
  g_free (self->notice);
  g_free (self->last_message);
  G_OBJECT_CLASS (dag_attendance_view_parent_class)->finalize (object);
}

static void
dag_attendance_view_class_init (DagAttendanceViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dag_attendance_view_dispose;
  object_class->finalize = dag_attendance_view_finalize;
  GTK_WIDGET_CLASS (klass)->map = dag_attendance_view_map;

  /* Emitted after each change of the registered attendance. */
  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/dagritme/Dagritme/dag-attendance-view.ui");
  gtk_widget_class_bind_template_child (widget_class, DagAttendanceView, date_button);
  gtk_widget_class_bind_template_child (widget_class, DagAttendanceView, date_popover);
  gtk_widget_class_bind_template_child (widget_class, DagAttendanceView, calendar);
  gtk_widget_class_bind_template_child (widget_class, DagAttendanceView, location_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DagAttendanceView, count_label);
  gtk_widget_class_bind_template_child (widget_class, DagAttendanceView, stack);
  gtk_widget_class_bind_template_child (widget_class, DagAttendanceView, list_view);
  gtk_widget_class_bind_template_child (widget_class, DagAttendanceView, notice_page);
  gtk_widget_class_bind_template_callback (widget_class, calendar_day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, location_selected_cb);

  gtk_widget_class_install_action (widget_class, "attendance.previous-day", NULL, previous_day_action);
  gtk_widget_class_install_action (widget_class, "attendance.next-day", NULL, next_day_action);
  gtk_widget_class_install_action (widget_class, "attendance.today", NULL, today_action);
  /* The status of the selected row: a DagAttendStatus, or -1 to clear. */
  gtk_widget_class_install_action (widget_class, "attendance.set-status", "i", set_status_action);
  /* The minutes attended by the selected row (-1: not registered); marks
   * it present. */
  gtk_widget_class_install_action (widget_class, "attendance.set-minutes", "i", set_minutes_action);
  /* Changes of the shown date (add-extra) or of the selected row's. */
  gtk_widget_class_install_action (widget_class, "attendance.add-extra", NULL, _dag_attendance_view_change_action);
  gtk_widget_class_install_action (widget_class, "attendance.report-absent", NULL, _dag_attendance_view_change_action);
  gtk_widget_class_install_action (widget_class, "attendance.end-absence", NULL, _dag_attendance_view_change_action);
  gtk_widget_class_install_action (widget_class, "attendance.remove-absence", NULL, _dag_attendance_view_change_action);
  gtk_widget_class_install_action (widget_class, "attendance.cancel-date", NULL, _dag_attendance_view_change_action);
  gtk_widget_class_install_action (widget_class, "attendance.swap", NULL, _dag_attendance_view_change_action);
  gtk_widget_class_install_action (widget_class, "attendance.remove-change", NULL, _dag_attendance_view_change_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "attendance.previous-day", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK, "attendance.next-day", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Home, GDK_ALT_MASK, "attendance.today", NULL);
}

static void
dag_attendance_view_init (DagAttendanceView *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkEventController *keys;

  gtk_widget_init_template (GTK_WIDGET (self));
  /* Not a bound template child: AdwBin unparents its child itself, after
   * gtk_widget_dispose_template() would already have done so. */
  self->toast_overlay = ADW_TOAST_OVERLAY (adw_bin_get_child (ADW_BIN (self)));
  self->location = -1;
  self->date = dag_date_today ();
  self->notice = g_strdup ("");
  for (int kind = 0; kind < (int) G_N_ELEMENTS (self->row_menus); kind++)
    self->row_menus[kind] = _dag_attendance_row_menu (kind);
  self->rows = g_list_store_new (DAG_TYPE_ATTENDANCE_ITEM);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->rows)));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  keys = gtk_event_controller_key_new ();
  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->list_view), keys);
  update_actions (self);
  update_date_label (self);
}

/* ---- public ------------------------------------------------------------- */

void
dag_attendance_view_set_org (DagAttendanceView *self,
                             DagStore          *store,
                             DagOrg            *org)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  int location = 0;
  gint64 t0;

  g_return_if_fail (DAG_IS_ATTENDANCE_VIEW (self));

  g_clear_pointer (&self->schedule, dag_schedule_free);
  /* The same organisation again (its records were edited in place): shows
   * it anew at the same location, and its undo steps still hold. */
  if (org != NULL && org == self->org)
    location = MAX (self->location, 0);
  else if (dag_history_for_widget (GTK_WIDGET (self)) != NULL)
    dag_history_forget (dag_history_for_widget (GTK_WIDGET (self)), self);
  g_set_object (&self->store, store);
  self->org = org;
  self->location = -1;
  g_list_store_remove_all (self->rows);
  update_actions (self);
  if (org == NULL)
    {
      gtk_drop_down_set_model (self->location_dropdown, NULL);
      return;
    }

  for (guint i = 0; i < org->locations->len; i++)
    gtk_string_list_append (names, DAG_AT (org->locations, DagLocation, i)->name);
  /* A new model selects its first item, which shows nothing while there is
   * no schedule yet; the day is shown once the schedule is built. */
  gtk_drop_down_set_model (self->location_dropdown, G_LIST_MODEL (names));
  if ((guint) location >= org->locations->len)
    location = 0;
  gtk_drop_down_set_selected (self->location_dropdown, org->locations->len > 0 ? (guint) location : GTK_INVALID_LIST_POSITION);
  self->location = org->locations->len > 0 ? location : -1;

  /* The schedule's indexes take about a millisecond for 5,000
   * participants, and a day from it a few more: no thread needed. */
  t0 = g_get_monotonic_time ();
  self->schedule = dag_schedule_new (org);
  g_debug ("Attendance schedule built in %.1f ms", (g_get_monotonic_time () - t0) / 1000.0);
  update_actions (self);
  show_day (self);
}

void
dag_attendance_view_set_date (DagAttendanceView *self,
                              DagDate            date)
{
  g_return_if_fail (DAG_IS_ATTENDANCE_VIEW (self));
  g_return_if_fail (date != DAG_DATE_NONE);

  self->date = date;
  show_day (self);
}

DagDate
dag_attendance_view_get_date (DagAttendanceView *self)
{
  g_return_val_if_fail (DAG_IS_ATTENDANCE_VIEW (self), DAG_DATE_NONE);
  return self->date;
}

void
dag_attendance_view_set_location (DagAttendanceView *self,
                                  int                location)
{
  g_return_if_fail (DAG_IS_ATTENDANCE_VIEW (self));
  g_return_if_fail (self->org != NULL && location >= 0 && (guint) location < self->org->locations->len);

  gtk_drop_down_set_selected (self->location_dropdown, (guint) location);
}

GListModel *
dag_attendance_view_get_rows (DagAttendanceView *self)
{
  g_return_val_if_fail (DAG_IS_ATTENDANCE_VIEW (self), NULL);
  return G_LIST_MODEL (self->rows);
}

void
dag_attendance_view_select (DagAttendanceView *self,
                            guint              position)
{
  g_return_if_fail (DAG_IS_ATTENDANCE_VIEW (self));

  gtk_single_selection_set_selected (self->selection, position);
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
}

const char *
dag_attendance_view_get_notice (DagAttendanceView *self)
{
  g_return_val_if_fail (DAG_IS_ATTENDANCE_VIEW (self), NULL);
  return self->notice;
}

GtkListView *
dag_attendance_view_get_list_view (DagAttendanceView *self)
{
  g_return_val_if_fail (DAG_IS_ATTENDANCE_VIEW (self), NULL);
  return self->list_view;
}

gboolean
dag_attendance_view_is_ready (DagAttendanceView *self)
{
  g_return_val_if_fail (DAG_IS_ATTENDANCE_VIEW (self), FALSE);
  return self->schedule != NULL;
}

const char *
dag_attendance_view_get_last_message (DagAttendanceView *self)
{
  g_return_val_if_fail (DAG_IS_ATTENDANCE_VIEW (self), NULL);
  return self->last_message;
}

void
dag_attendance_view_refresh (DagAttendanceView *self)
{
  g_return_if_fail (DAG_IS_ATTENDANCE_VIEW (self));

  if (self->schedule != NULL)
    {
      show_day (self);
      g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
    }
}

/* ---- for dag-attendance-changes.c ---------------------------------------- */

void
_dag_attendance_view_show_day (DagAttendanceView *self)
{
  show_day (self);
}

void
_dag_attendance_view_emit_changed (DagAttendanceView *self)
{
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

DagAttendanceItem *
_dag_attendance_view_get_selected (DagAttendanceView *self)
{
  return selected_item (self);
}
