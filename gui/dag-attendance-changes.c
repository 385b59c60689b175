/* dag-attendance-changes.c — the changes of the shown date in the
 * Attendance view: an extra dagdeel, a cancellation or a swap of one date
 * (one-offs), and a participant's absence reported, ended or removed;
 * their dialogs, each change one store transaction and one undo step. */

#include "config.h"

#include <glib/gi18n.h>

#include "dag-attendance-view-private.h"
#include "dag-history.h"
#include "dag-store-absence.h"

/* ---- changes of the date: one-offs and absences ------------------------- */

static void
show_message (DagAttendanceView *self,
              const char        *message)
{
  g_free (self->last_message);
  self->last_message = g_strdup (message);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

/* Refuses a change of the dates from..to when one lies in a frozen week,
 * saying why; TRUE when refused. */
static gboolean
refuse_frozen (DagAttendanceView *self,
               DagDate            from,
               DagDate            to)
{
  g_autoptr(GError) error = NULL;

  if (dag_store_check_dates_open (self->org, from, to, dag_date_today (), &error))
    return FALSE;
  show_message (self, error->message);
  return TRUE;
}

/* After a change of the plan of a date or of an absence: the day anew, and
 * the views that count sessions (production) told. */
static void
plan_changed (DagAttendanceView *self)
{
  _dag_attendance_view_show_day (self);
  _dag_attendance_view_emit_changed (self);
}

/* A change of one-offs or absences on the window's undo stack. */
typedef struct {
  DagAttendanceView *view;     /* the stack is cleared before the view goes */
  DagDate            date;     /* the day shown when it was made */
  DagDateChange     *change;
} PlanStep;

static void
plan_step_free (gpointer data)
{
  PlanStep *step = data;

  dag_date_change_free (step->change);
  g_free (step);
}

/* Undo and redo show the day of the change, so that one sees it. */
static gboolean
plan_step_apply (gpointer  data,
                 gboolean  undo,
                 GError  **error)
{
  PlanStep *step = data;
  DagAttendanceView *self = step->view;

  if (self->store == NULL || self->org == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED, _("No organisation is shown"));
      return FALSE;
    }
  if (step->date != self->date)
    dag_attendance_view_set_date (self, step->date);
  if (!dag_store_apply_date_change (self->store, self->org, step->change, undo, error))
    return FALSE;
  plan_changed (self);
  return TRUE;
}

/* Puts change (taken) on the undo stack with label, and shows the day. */
static void
push_change (DagAttendanceView *self,
             DagDateChange     *change,
             const char        *label)
{
  DagHistory *history = dag_history_for_widget (GTK_WIDGET (self));

  if (history != NULL)
    {
      PlanStep *step = g_new0 (PlanStep, 1);

      step->view = self;
      step->date = self->date;
      step->change = change;
      dag_history_push (history, self, label, "attendance", plan_step_apply, step, plan_step_free);
    }
  else
    dag_date_change_free (change);
  plan_changed (self);
}

/* The last n one-offs, just added, as a change for undo. */
static DagDateChange *
added_one_offs (DagAttendanceView *self,
                guint              n)
{
  return dag_date_change_new_one_offs (TRUE, DAG_AT (self->org->one_offs, DagOneOff, self->org->one_offs->len - n), n);
}

static const char *
participant_name (DagAttendanceView *self,
                  int                participant)
{
  return DAG_AT (self->org->participants, DagParticipant, participant)->name;
}

/* "Monday 16 November, morning": a dagdeel of a date in a sentence. */
static char *
format_dagdeel (DagDate date,
                int     part)
{
  g_autofree char *day = dag_change_dialog_format_day (date);
  g_autofree char *name = g_utf8_strdown (_dag_attendance_part_label (part), -1);

  /* Translators: a date and a dagdeel, "Monday 16 November, morning". */
  return g_strdup_printf (_("%s, %s"), day, name);
}

static GtkWindow *
parent_window (DagAttendanceView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static GListModel *
part_names (void)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  for (int part = 0; part < DAG_N_PARTS; part++)
    gtk_string_list_append (list, _dag_attendance_part_label (part));
  return G_LIST_MODEL (list);
}

/* The selected row, when it is one that the action is about. */
static DagAttendanceItem *
selected_row (DagAttendanceView *self)
{
  DagAttendanceItem *item;

  if (self->store == NULL || self->org == NULL)
    return NULL;
  item = _dag_attendance_view_get_selected (self);
  if (item == NULL || item->participant < 0 || (guint) item->participant >= self->org->participants->len)
    return NULL;
  return item;
}

/* ---- extra dagdeel and swap: a group that meets in a dagdeel ------------ */

/* What the extra dagdeel and swap dialogs choose among. */
typedef struct {
  DagAttendanceView *view;
  int                participant;   /* -1: chosen in the dialog */
  DagDate            date;          /* of the cancelled half of a swap */
  int                part;
  DagDate            monday;        /* the week a swap's new day is in */
  gboolean           swap;
  GArray            *groups;        /* of int: the group row's choices */
  GArray            *days;          /* of DagDate: a swap's day choices */
} PickData;

static void
pick_data_free (gpointer data)
{
  PickData *d = data;

  g_clear_pointer (&d->groups, g_array_unref);
  g_clear_pointer (&d->days, g_array_unref);
  g_free (d);
}

static DagDate
picked_date (DagChangeDialog *dialog,
             PickData        *d)
{
  guint day;

  if (!d->swap)
    return d->view->date;
  day = dag_change_dialog_get_selected (dialog, "day");
  return day < d->days->len ? g_array_index (d->days, DagDate, day) : DAG_DATE_NONE;
}

static int
picked_group (DagChangeDialog *dialog,
              PickData        *d)
{
  guint pos = dag_change_dialog_get_selected (dialog, "group");

  return pos < d->groups->len ? g_array_index (d->groups, int, pos) : -1;
}

static int
picked_participant (DagChangeDialog *dialog,
                    PickData        *d)
{
  guint pos;

  if (d->participant >= 0)
    return d->participant;
  pos = dag_change_dialog_get_selected (dialog, "participant");
  return pos == GTK_INVALID_LIST_POSITION ? -1 : (int) pos;
}

/* The groups that meet on date in part (at every location, the shown one
 * first), as the choices of the group row; keeps the group chosen when it
 * is among them, else prefers prefer. */
static void
fill_groups (DagChangeDialog *dialog,
             PickData        *d,
             int              prefer)
{
  const DagOrg *org = d->view->org;
  GtkDropDown *dropdown = GTK_DROP_DOWN (dag_change_dialog_get_row (dialog, "group"));
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  int keep = picked_group (dialog, d);
  DagDate date = picked_date (dialog, d);
  guint part = dag_change_dialog_get_selected (dialog, "part");
  guint selected = 0;

  if (keep < 0)
    keep = prefer;
  g_array_set_size (d->groups, 0);
  for (int here = 1; here >= 0 && date != DAG_DATE_NONE && part < DAG_N_PARTS; here--)
    for (guint g = 0; g < org->groups->len; g++)
      {
        const DagGroup *gr = DAG_AT (org->groups, DagGroup, g);
        int index = (int) g;

        if ((gr->location == d->view->location) != here || dag_date_weekday (date) >= DAG_N_DAYS ||
            !(gr->slots & DAG_SLOT_BIT (DAG_SLOT (dag_date_weekday (date), (int) part))))
          continue;
        if (index == keep)
          selected = d->groups->len;
        g_array_append_val (d->groups, index);
        if (gr->location >= 0 && gr->location != d->view->location)
          {
            /* Translators: a group and its location, "Atelier (De Brink)". */
            g_autofree char *name = g_strdup_printf (_("%s (%s)"), gr->name,
                                                     DAG_AT (org->locations, DagLocation, gr->location)->name);
            gtk_string_list_append (names, name);
          }
        else
          gtk_string_list_append (names, gr->name);
      }
  g_signal_handlers_block_by_func (dropdown, dag_change_dialog_recheck, dialog);
  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_enable_search (dropdown, d->groups->len > 12);
  gtk_drop_down_set_selected (dropdown, d->groups->len > 0 ? selected : GTK_INVALID_LIST_POSITION);
  g_signal_handlers_unblock_by_func (dropdown, dag_change_dialog_recheck, dialog);
  dag_change_dialog_recheck (dialog);
}

static void
when_changed_cb (GtkDropDown     *dropdown,
                 GParamSpec      *pspec,
                 DagChangeDialog *dialog)
{
  fill_groups (dialog, g_object_get_data (G_OBJECT (dialog), "pick"), -1);
}

static gboolean
check_pick (DagChangeDialog *dialog,
            gpointer         user_data,
            GError         **error)
{
  PickData *d = user_data;
  DagAttendanceView *self = d->view;
  DagDate date = picked_date (dialog, d);
  guint part = dag_change_dialog_get_selected (dialog, "part");
  int group = picked_group (dialog, d);
  int participant = picked_participant (dialog, d);

  if (self->org == NULL || self->store == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED, _("No organisation is shown"));
      return FALSE;
    }
  if (participant < 0)
    {
      g_set_error_literal (error, DAG_STORE_ERROR, DAG_STORE_ERROR_CONSTRAINT, _("Choose a participant"));
      return FALSE;
    }
  if (group < 0)
    {
      g_set_error_literal (error, DAG_STORE_ERROR, DAG_STORE_ERROR_CONSTRAINT,
                           _("No group meets then: choose another day or dagdeel"));
      return FALSE;
    }
  if (!dag_store_check_dates_open (self->org, date, date, dag_date_today (), error))
    return FALSE;
  if (d->swap)
    return dag_store_check_swap (self->org, participant, d->date, d->part, group, date, (int) part, error);
  return dag_store_check_extra_session (self->org, participant, group, date, (int) part, error);
}

/* Says so when the new dagdeel is at another location: it is not in the
 * list shown. */
static void
tell_other_location (DagAttendanceView *self,
                     int                group,
                     DagDate            date)
{
  const DagGroup *g = DAG_AT (self->org->groups, DagGroup, group);
  g_autofree char *day = NULL;
  g_autofree char *text = NULL;

  if (g->location == self->location && date == self->date)
    return;
  day = dag_change_dialog_format_day (date);
  /* Translators: a group, its location and a date: where a new dagdeel is. */
  text = g_strdup_printf (_("Planned in %s at %s on %s"), g->name,
                          g->location >= 0 ? DAG_AT (self->org->locations, DagLocation, g->location)->name : "—",
                          day);
  show_message (self, text);
}

static void
extra_apply_cb (DagChangeDialog *dialog,
                PickData        *d)
{
  DagAttendanceView *self = d->view;
  g_autoptr(GError) error = NULL;
  g_autofree char *when = NULL;
  g_autofree char *label = NULL;
  int participant = picked_participant (dialog, d), group = picked_group (dialog, d);
  int part = (int) dag_change_dialog_get_selected (dialog, "part");

  if (!dag_store_add_extra_session (self->store, self->org, participant, group, self->date, part,
                                    dag_change_dialog_get_text (dialog, "reason"), &error))
    {
      show_message (self, error->message);
      return;
    }
  when = format_dagdeel (self->date, part);
  /* Translators: an undo step: a participant and "Monday 16 November, morning". */
  label = g_strdup_printf (_("Extra dagdeel for %s on %s"), participant_name (self, participant), when);
  push_change (self, added_one_offs (self, 1), label);
  tell_other_location (self, group, self->date);
}

static void
swap_apply_cb (DagChangeDialog *dialog,
               PickData        *d)
{
  DagAttendanceView *self = d->view;
  g_autoptr(GError) error = NULL;
  g_autofree char *from = NULL, *to = NULL, *label = NULL;
  int group = picked_group (dialog, d);
  int part = (int) dag_change_dialog_get_selected (dialog, "part");
  DagDate date = picked_date (dialog, d);

  if (!dag_store_swap_session (self->store, self->org, d->participant, d->date, d->part, group, date, part,
                               dag_change_dialog_get_text (dialog, "reason"), &error))
    {
      show_message (self, error->message);
      return;
    }
  from = format_dagdeel (d->date, d->part);
  to = format_dagdeel (date, part);
  /* Translators: an undo step: a participant, the dagdeel swapped and the
   * one instead, "Monday 16 November, morning". */
  label = g_strdup_printf (_("Swap %s from %s to %s"), participant_name (self, d->participant), from, to);
  push_change (self, added_one_offs (self, 2), label);
  tell_other_location (self, group, date);
}

DagChangeDialog *
dag_attendance_view_add_extra (DagAttendanceView *self)
{
  g_autoptr(GtkStringList) people = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) groups = gtk_string_list_new (NULL);
  g_autoptr(GListModel) parts = part_names ();
  g_autofree char *day = NULL;
  g_autofree char *body = NULL;
  DagAttendanceItem *item;
  DagChangeDialog *dialog;
  PickData *d;
  int prefer = -1;

  g_return_val_if_fail (DAG_IS_ATTENDANCE_VIEW (self), NULL);

  if (self->store == NULL || self->org == NULL || refuse_frozen (self, self->date, self->date))
    return NULL;
  day = dag_change_dialog_format_day (self->date);
  /* Translators: %s is a date, "Monday 16 November". */
  body = g_strdup_printf (_("For %s only: the standing plan stays as it is."), day);
  dialog = dag_change_dialog_new (parent_window (self), _("Add Extra Dagdeel"), body, _("_Add"));
  for (guint i = 0; i < self->org->participants->len; i++)
    gtk_string_list_append (people, participant_name (self, (int) i));
  item = selected_row (self);
  d = g_new0 (PickData, 1);
  d->view = self;
  d->participant = -1;
  d->groups = g_array_new (FALSE, FALSE, sizeof (int));
  /* The selected row's participant and dagdeel to start from. */
  dag_change_dialog_add_choice (dialog, "participant", _("Participant"), G_LIST_MODEL (people),
                                item != NULL ? (guint) item->participant : 0);
  dag_change_dialog_add_choice (dialog, "part", _("Dagdeel"), parts, item != NULL ? (guint) item->part : 0);
  dag_change_dialog_add_choice (dialog, "group", _("Group"), G_LIST_MODEL (groups), GTK_INVALID_LIST_POSITION);
  dag_change_dialog_add_text (dialog, "reason", _("Reason (optional)"), "");
  g_object_set_data_full (G_OBJECT (dialog), "pick", d, pick_data_free);
  if (item != NULL)
    prefer = item->group_index;
  fill_groups (dialog, d, prefer);
  g_signal_connect_object (dag_change_dialog_get_row (dialog, "part"), "notify::selected",
                           G_CALLBACK (when_changed_cb), dialog, 0);
  dag_change_dialog_set_check (dialog, check_pick, d, NULL);
  g_signal_connect (dialog, "apply", G_CALLBACK (extra_apply_cb), d);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

DagChangeDialog *
dag_attendance_view_swap (DagAttendanceView *self)
{
  g_autoptr(GtkStringList) days = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) groups = gtk_string_list_new (NULL);
  g_autoptr(GListModel) parts = part_names ();
  g_autofree char *when = NULL, *heading = NULL, *body = NULL;
  DagAttendanceItem *item;
  DagChangeDialog *dialog;
  DagSlotMask saturday = 0;
  PickData *d;
  guint today_pos = 0;

  g_return_val_if_fail (DAG_IS_ATTENDANCE_VIEW (self), NULL);

  item = selected_row (self);
  if (item == NULL || _dag_attendance_row_kind (item) != ROW_PLANNED || refuse_frozen (self, self->date, self->date))
    return NULL;
  d = g_new0 (PickData, 1);
  d->view = self;
  d->participant = item->participant;
  d->date = self->date;
  d->part = item->part;
  d->swap = TRUE;
  d->monday = self->date - dag_date_weekday (self->date);
  d->groups = g_array_new (FALSE, FALSE, sizeof (int));
  d->days = g_array_new (FALSE, FALSE, sizeof (DagDate));
  /* The days of the same week; Saturday when a group meets then. */
  for (guint g = 0; g < self->org->groups->len; g++)
    saturday |= DAG_AT (self->org->groups, DagGroup, g)->slots;
  for (int day = 0; day < DAG_N_DAYS; day++)
    {
      DagDate date = d->monday + day;
      g_autofree char *name = NULL;

      if (day == 5 && !(saturday & (DAG_SLOT_BIT (DAG_SLOT (5, 0)) | DAG_SLOT_BIT (DAG_SLOT (5, 1)) |
                                    DAG_SLOT_BIT (DAG_SLOT (5, 2)))))
        continue;
      if (date == self->date)
        today_pos = d->days->len;
      g_array_append_val (d->days, date);
      name = dag_change_dialog_format_day (date);
      gtk_string_list_append (days, name);
    }
  when = format_dagdeel (self->date, item->part);
  /* Translators: %s is a participant's name. */
  heading = g_strdup_printf (_("Swap Dagdeel of %s"), item->name);
  /* Translators: a group and "Monday 16 November, morning". */
  body = g_strdup_printf (_("Instead of %s on %s, for that date only: the standing plan stays as it is."),
                          DAG_AT (self->org->groups, DagGroup, item->group_index)->name, when);
  dialog = dag_change_dialog_new (parent_window (self), heading, body, _("_Swap"));
  dag_change_dialog_add_choice (dialog, "day", _("Day"), G_LIST_MODEL (days), today_pos);
  dag_change_dialog_add_choice (dialog, "part", _("Dagdeel"), parts, (guint) item->part);
  dag_change_dialog_add_choice (dialog, "group", _("Group"), G_LIST_MODEL (groups), GTK_INVALID_LIST_POSITION);
  dag_change_dialog_add_text (dialog, "reason", _("Reason (optional)"), "");
  g_object_set_data_full (G_OBJECT (dialog), "pick", d, pick_data_free);
  fill_groups (dialog, d, item->group_index);
  g_signal_connect_object (dag_change_dialog_get_row (dialog, "part"), "notify::selected",
                           G_CALLBACK (when_changed_cb), dialog, 0);
  g_signal_connect_object (dag_change_dialog_get_row (dialog, "day"), "notify::selected",
                           G_CALLBACK (when_changed_cb), dialog, 0);
  dag_change_dialog_set_check (dialog, check_pick, d, NULL);
  g_signal_connect (dialog, "apply", G_CALLBACK (swap_apply_cb), d);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

gboolean
dag_attendance_view_cancel_date (DagAttendanceView *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *when = NULL;
  g_autofree char *label = NULL;
  DagAttendanceItem *item;
  int participant, part;

  g_return_val_if_fail (DAG_IS_ATTENDANCE_VIEW (self), FALSE);

  item = selected_row (self);
  if (item == NULL || refuse_frozen (self, self->date, self->date))
    return FALSE;
  participant = item->participant;
  part = item->part;
  if (!dag_store_cancel_session (self->store, self->org, participant, self->date, part, NULL, &error))
    {
      show_message (self, error->message);
      return FALSE;
    }
  when = format_dagdeel (self->date, part);
  /* Translators: an undo step: a participant and "Monday 16 November, morning". */
  label = g_strdup_printf (_("Cancel %s on %s"), participant_name (self, participant), when);
  push_change (self, added_one_offs (self, 1), label);
  return TRUE;
}

gboolean
dag_attendance_view_remove_change (DagAttendanceView *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *when = NULL;
  g_autofree char *label = NULL;
  DagDateChange *change;
  DagAttendanceItem *item;
  const DagOneOff *c;
  int participant;

  g_return_val_if_fail (DAG_IS_ATTENDANCE_VIEW (self), FALSE);

  item = selected_row (self);
  if (item == NULL || item->one_off < 0 || (guint) item->one_off >= self->org->one_offs->len)
    return FALSE;
  c = DAG_AT (self->org->one_offs, DagOneOff, item->one_off);
  if (c->participant != item->participant || c->date != self->date || refuse_frozen (self, c->date, c->date))
    return FALSE;
  participant = item->participant;
  when = format_dagdeel (c->date, c->part);
  change = dag_date_change_new_one_offs (FALSE, c, 1);
  if (!dag_store_delete_one_off (self->store, self->org, (guint) item->one_off, &error))
    {
      dag_date_change_free (change);
      show_message (self, error->message);
      return FALSE;
    }
  if (change->one_offs->len > 0 &&
      DAG_AT (change->one_offs, DagOneOff, 0)->kind == DAG_ONE_OFF_ADD)
    /* Translators: an undo step: a participant and "Monday 16 November, morning". */
    label = g_strdup_printf (_("Remove the extra dagdeel of %s on %s"), participant_name (self, participant), when);
  else
    /* Translators: an undo step: a participant and "Monday 16 November, morning". */
    label = g_strdup_printf (_("Restore %s on %s"), participant_name (self, participant), when);
  push_change (self, change, label);
  return TRUE;
}

/* ---- absences ----------------------------------------------------------- */

/* Whose absence a dialog is about. */
typedef struct {
  DagAttendanceView *view;
  int                participant;
  int                index;       /* the absence ended, -1 for a new one */
} AbsenceData;

static void
report_apply_cb (DagChangeDialog *dialog,
                 AbsenceData     *d)
{
  DagAttendanceView *self = d->view;
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  DagDate from = dag_change_dialog_get_date (dialog, "from"), to = dag_change_dialog_get_date (dialog, "to");
  const DagAbsence *a;
  char b1[DAG_DATE_BUF], b2[DAG_DATE_BUF];

  if (!dag_store_add_absence (self->store, self->org, DAG_ABSENCE_PARTICIPANT, d->participant, from, to,
                              dag_change_dialog_get_text (dialog, "reason"), &error))
    {
      show_message (self, error->message);
      return;
    }
  a = DAG_AT (self->org->absences, DagAbsence, self->org->absences->len - 1);
  /* Translators: an undo step: a participant, the first and the last day. */
  label = g_strdup_printf (_("Report %s absent from %s to %s"), participant_name (self, d->participant),
                           dag_date_format (from, b1), dag_date_format (to, b2));
  push_change (self, dag_date_change_new_absence (DAG_DATE_CHANGE_ADD_ABSENCE, DAG_ABSENCE_PARTICIPANT,
                                                  d->participant, a->from, a->to, DAG_DATE_NONE, a->reason),
               label);
}

static void
end_apply_cb (DagChangeDialog *dialog,
              AbsenceData     *d)
{
  DagAttendanceView *self = d->view;
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  DagDate to = dag_change_dialog_get_date (dialog, "to"), old_to, from;
  char buf[DAG_DATE_BUF];

  if (d->index < 0 || (guint) d->index >= self->org->absences->len)
    return;
  from = DAG_AT (self->org->absences, DagAbsence, d->index)->from;
  old_to = DAG_AT (self->org->absences, DagAbsence, d->index)->to;
  if (!dag_store_end_absence (self->store, self->org, DAG_ABSENCE_PARTICIPANT, (guint) d->index, to, &error))
    {
      show_message (self, error->message);
      return;
    }
  /* Translators: an undo step: a participant and the new last day. */
  label = g_strdup_printf (_("End the absence of %s on %s"), participant_name (self, d->participant),
                           dag_date_format (to, buf));
  push_change (self, dag_date_change_new_absence (DAG_DATE_CHANGE_END_ABSENCE, DAG_ABSENCE_PARTICIPANT,
                                                  d->participant, from, to, old_to, NULL),
               label);
}

DagChangeDialog *
dag_attendance_view_report_absent (DagAttendanceView *self)
{
  DagAttendanceItem *item;
  DagChangeDialog *dialog;
  AbsenceData *d;

  g_return_val_if_fail (DAG_IS_ATTENDANCE_VIEW (self), NULL);

  item = selected_row (self);
  if (item == NULL || item->state != DAG_SESSION_ON)
    return NULL;
  dialog = dag_change_dialog_new_absence (parent_window (self), self->org, DAG_ABSENCE_PARTICIPANT,
                                          item->participant, -1, self->date, self->date);
  d = g_new0 (AbsenceData, 1);
  *d = (AbsenceData) { self, item->participant, -1 };
  g_object_set_data_full (G_OBJECT (dialog), "absence", d, g_free);
  g_signal_connect (dialog, "apply", G_CALLBACK (report_apply_cb), d);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

DagChangeDialog *
dag_attendance_view_end_absence (DagAttendanceView *self)
{
  DagAttendanceItem *item;
  DagChangeDialog *dialog;
  const DagAbsence *a;
  AbsenceData *d;
  int index;

  g_return_val_if_fail (DAG_IS_ATTENDANCE_VIEW (self), NULL);

  item = selected_row (self);
  if (item == NULL || item->state != DAG_SESSION_ABSENT ||
      (index = _dag_attendance_absence_on (self->org, item->participant, self->date)) < 0)
    return NULL;
  a = DAG_AT (self->org->absences, DagAbsence, index);
  /* Back on the shown day: the last day away was the one before. */
  dialog = dag_change_dialog_new_absence (parent_window (self), self->org, DAG_ABSENCE_PARTICIPANT,
                                          item->participant, index, a->from, MAX (a->from, self->date - 1));
  d = g_new0 (AbsenceData, 1);
  *d = (AbsenceData) { self, item->participant, index };
  g_object_set_data_full (G_OBJECT (dialog), "absence", d, g_free);
  g_signal_connect (dialog, "apply", G_CALLBACK (end_apply_cb), d);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

gboolean
dag_attendance_view_remove_absence (DagAttendanceView *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  DagAttendanceItem *item;
  DagDateChange *change;
  const DagAbsence *a;
  int index, participant;

  g_return_val_if_fail (DAG_IS_ATTENDANCE_VIEW (self), FALSE);

  item = selected_row (self);
  if (item == NULL || item->state != DAG_SESSION_ABSENT ||
      (index = _dag_attendance_absence_on (self->org, item->participant, self->date)) < 0)
    return FALSE;
  a = DAG_AT (self->org->absences, DagAbsence, index);
  if (refuse_frozen (self, a->from, a->to))
    return FALSE;
  participant = item->participant;
  change = dag_date_change_new_absence (DAG_DATE_CHANGE_DELETE_ABSENCE, DAG_ABSENCE_PARTICIPANT, participant,
                                        a->from, a->to, DAG_DATE_NONE, a->reason);
  if (!dag_store_delete_absence (self->store, self->org, DAG_ABSENCE_PARTICIPANT, (guint) index, &error))
    {
      dag_date_change_free (change);
      show_message (self, error->message);
      return FALSE;
    }
  /* Translators: an undo step, with a participant's name. */
  label = g_strdup_printf (_("Remove the absence of %s"), participant_name (self, participant));
  push_change (self, change, label);
  return TRUE;
}

/* ---- the actions of a row's menu ---------------------------------------- */

void
_dag_attendance_view_change_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  DagAttendanceView *self = DAG_ATTENDANCE_VIEW (widget);

  if (g_str_equal (action_name, "attendance.add-extra"))
    dag_attendance_view_add_extra (self);
  else if (g_str_equal (action_name, "attendance.report-absent"))
    dag_attendance_view_report_absent (self);
  else if (g_str_equal (action_name, "attendance.end-absence"))
    dag_attendance_view_end_absence (self);
  else if (g_str_equal (action_name, "attendance.remove-absence"))
    dag_attendance_view_remove_absence (self);
  else if (g_str_equal (action_name, "attendance.cancel-date"))
    dag_attendance_view_cancel_date (self);
  else if (g_str_equal (action_name, "attendance.swap"))
    dag_attendance_view_swap (self);
  else if (g_str_equal (action_name, "attendance.remove-change"))
    dag_attendance_view_remove_change (self);
}

GMenuModel *
_dag_attendance_row_menu (int kind)
{
  GMenu *menu = g_menu_new ();

  switch (kind)
    {
    case ROW_PLANNED:
      g_menu_append (menu, _("Report _Absent…"), "attendance.report-absent");
      g_menu_append (menu, _("_Cancel for This Date"), "attendance.cancel-date");
      g_menu_append (menu, _("_Swap to Another Day or Group…"), "attendance.swap");
      break;
    case ROW_EXTRA:
      g_menu_append (menu, _("Report _Absent…"), "attendance.report-absent");
      g_menu_append (menu, _("_Remove Extra Dagdeel"), "attendance.remove-change");
      break;
    case ROW_ABSENT:
      g_menu_append (menu, _("_End Absence…"), "attendance.end-absence");
      g_menu_append (menu, _("_Remove Absence"), "attendance.remove-absence");
      break;
    case ROW_CANCELLED:
    default:
      g_menu_append (menu, _("_Restore for This Date"), "attendance.remove-change");
      break;
    }
  return G_MENU_MODEL (menu);
}
