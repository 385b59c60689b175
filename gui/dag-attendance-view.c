/* dag-attendance-view.c — the Attendance view: the sessions of one day at
 * one location (from dag_schedule_foreach) under a heading per dagdeel and
 * group, with their registered attendance and the day's completeness,
 * changed one store transaction at a time (a group's "All Present" too),
 * with undo, and who is absent or cancelled that day.  The changes of the day itself (extra
 * dagdeel, cancellation, swap, absences) are in dag-attendance-changes.c. */

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "dag-item-format.h"
#include "dag-attendance.h"
#include "dag-attendance-view.h"
#include "dag-attendance-view-private.h"
#include "dag-history.h"
#include "dag-schedule.h"
#include "dag-store-absence.h"
#include "dag-store-attendance.h"
#include "dag-validate.h"

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
  g_free (self->group_key);
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


/* A change on the window's undo stack: one registration, or those of a
 * whole group ("All Present"), undone and redone together. */
typedef struct {
  DagAttendanceView *view;     /* the stack is cleared before the view goes */
  GArray            *changes;  /* of Change */
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

void
_dag_attendance_view_show_toast (DagAttendanceView *self,
                                 const char        *message)
{
  g_free (self->last_message);
  self->last_message = g_strdup (message);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

/* The day's completeness above the list ("34 of 41 registered") and each
 * heading's ("7 of 9"); a heading is told only when its counts change. */
static void
update_count (DagAttendanceView *self)
{
  GListModel *display = G_LIST_MODEL (self->display);
  guint n = g_list_model_get_n_items (display), registered = 0, on = 0, off = 0;
  g_autoptr(DagAttendanceItem) heading = NULL;
  guint heading_on = 0, heading_registered = 0;
  g_autofree char *text = NULL;

  for (guint i = 0; i <= n; i++)
    {
      g_autoptr(DagAttendanceItem) item = i < n ? g_list_model_get_item (display, i) : NULL;

      if (item == NULL || item->header)
        {
          if (heading != NULL && (heading->n_expected != heading_on || heading->n_registered != heading_registered))
            {
              heading->n_expected = heading_on;
              heading->n_registered = heading_registered;
              g_object_notify_by_pspec (G_OBJECT (heading), item_props[ITEM_PROP_STATUS]);
            }
          g_set_object (&heading, item);
          heading_on = heading_registered = 0;
          continue;
        }
      if (item->state != DAG_SESSION_ON)
        {
          off++;
          continue;
        }
      on++;
      heading_on++;
      if (item->status >= 0)
        {
          registered++;
          heading_registered++;
        }
    }
  g_autofree char *on_text = dag_format_count (on);
  g_autofree char *registered_text = dag_format_count (registered);

  if (on > 0 && registered == on)
    /* Translators: the day's completeness in the Attendance view; %s is a
     * count, "1,234". */
    text = g_strdup_printf (ngettext ("All %s registered", "All %s registered", on), on_text);
  else
    /* Translators: the day's completeness in the Attendance view, "34 of
     * 41 registered". */
    text = g_strdup_printf (ngettext ("%s of %s registered", "%s of %s registered", on), registered_text, on_text);
  if (off > 0)
    {
      g_autofree char *off_text = dag_format_count (off);
      /* Translators: after "34 of 41 registered": the rows of who is
       * absent or whose dagdeel was cancelled for the date; the second %s
       * is a count. */
      g_autofree char *more = g_strdup_printf (ngettext ("%s · %s absent or cancelled", "%s · %s absent or cancelled", off),
                                               text, off_text);

      g_free (text);
      text = g_steal_pointer (&more);
    }
  gtk_label_set_text (self->count_label, n > 0 ? text : "");
  if (on > 0 && registered == on)
    gtk_widget_add_css_class (GTK_WIDGET (self->count_label), "success");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->count_label), "success");
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

/* Writes n registrations (the new side, or the old one when undo; status
 * -1 clears) in one store transaction: all or none.  Only then are the
 * loaded organisation and the rows changed.  A group is a few dozen
 * single-row writes, quick enough for the main thread. */
static gboolean
apply_changes (DagAttendanceView *self,
               const Change      *changes,
               guint              n,
               gboolean           undo,
               GError           **error)
{
  if (self->store == NULL || self->org == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED, _("No organisation is shown"));
      return FALSE;
    }
  if (!dag_store_begin (self->store, error))
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      const Change *c = &changes[i];
      const DagParticipant *p = DAG_AT (self->org->participants, DagParticipant, c->participant);
      int status = undo ? c->old_status : c->new_status;
      gboolean ok;

      if (status < 0)
        ok = dag_store_clear_attendance (self->store, p->id, c->date, c->part, error);
      else
        ok = dag_store_set_attendance (self->store, p->id, c->date, c->part, status,
                                       undo ? c->old_minutes : c->new_minutes,
                                       undo ? c->old_reason : c->new_reason, error);
      if (!ok)
        {
          dag_store_rollback (self->store);
          return FALSE;
        }
    }
  if (!dag_store_commit (self->store, error))
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      const Change *c = &changes[i];
      int status = undo ? c->old_status : c->new_status;
      int minutes = undo ? c->old_minutes : c->new_minutes;
      const char *reason = undo ? c->old_reason : c->new_reason;
      DagAttendanceItem *item;

      org_apply (self->org, c->participant, c->date, c->part, status, minutes, reason);
      if (c->date == self->date && (item = find_item (self, c->participant, c->part)) != NULL)
        item_update (item, status, minutes, reason);
    }
  update_count (self);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
  return TRUE;
}

gboolean
dag_attendance_view_apply_remote (DagAttendanceView *self,
                                  GArray            *changes)
{
  g_autofree int *who = NULL;

  g_return_val_if_fail (DAG_IS_ATTENDANCE_VIEW (self), FALSE);
  g_return_val_if_fail (changes != NULL, FALSE);

  if (self->org == NULL)
    return FALSE;
  who = g_new (int, changes->len + 1);
  for (guint i = 0; i < changes->len; i++)
    {
      const DagAttendanceChange *c = &g_array_index (changes, DagAttendanceChange, i);

      who[i] = dag_org_lookup (self->org, DAG_KIND_PARTICIPANT, c->participant_id);
      if (who[i] < 0)
        return FALSE;
    }
  for (guint i = 0; i < changes->len; i++)
    {
      const DagAttendanceChange *c = &g_array_index (changes, DagAttendanceChange, i);
      DagAttendanceItem *item;

      org_apply (self->org, who[i], c->date, c->part, c->status, c->minutes, c->reason);
      if (c->date == self->date && (item = find_item (self, who[i], c->part)) != NULL)
        item_update (item, c->status, c->minutes, c->reason);
    }
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
  const Change *first = &g_array_index (step->changes, Change, 0);

  if (first->date != self->date)
    dag_attendance_view_set_date (self, first->date);
  return apply_changes (self, (const Change *) step->changes->data, step->changes->len, undo, error);
}

static void
step_free (gpointer data)
{
  Step *step = data;

  g_array_unref (step->changes);
  g_free (step);
}

/* Puts changes (taken) that were just applied on the window's undo stack
 * as one step. */
static void
push_step (DagAttendanceView *self,
           GArray            *changes,
           const char        *label)
{
  DagHistory *history = dag_history_for_widget (GTK_WIDGET (self));
  Step *step;

  if (history == NULL)
    {
      g_array_unref (changes);
      return;
    }
  step = g_new0 (Step, 1);
  step->view = self;
  step->changes = changes;
  dag_history_push (history, self, label, "attendance", step_apply, step, step_free);
}

static GArray *
changes_new (void)
{
  GArray *changes = g_array_new (FALSE, TRUE, sizeof (Change));

  g_array_set_clear_func (changes, change_clear);
  return changes;
}


/* A label for the undo stack: who, when and what it became. */
static char *
change_label (DagAttendanceView *self,
              const Change      *c)
{
  const DagParticipant *p = DAG_AT (self->org->participants, DagParticipant, c->participant);
  g_autofree char *date = dag_change_dialog_format_day (c->date);
  const char *what;

  switch (c->new_status)
    {
    case DAG_ATTEND_PRESENT:   what = _("present"); break;
    case DAG_ATTEND_CANCELLED: what = _("cancelled"); break;
    case DAG_ATTEND_NO_SHOW:   what = C_("attendance status", "no-show"); break;
    default:                   what = _("not registered"); break;
    }
  /* Translators: “Anna de Vries on Monday 2 November Morning: present”. */
  return g_strdup_printf (_("%s on %s %s: %s"), p->name, date, _dag_attendance_part_label (c->part), what);
}

/* A change from the user: applied, then put on the window's undo stack. */
void
_dag_attendance_view_change_item (DagAttendanceView *self,
             DagAttendanceItem *item,
             int                status,
             int                minutes,
             const char        *reason)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) changes = NULL;
  g_autofree char *label = NULL;
  Change c = { item->participant, self->date, item->part,
               item->status, status, item->minutes, -1,
               g_strdup (item->reason), NULL };

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
  changes = changes_new ();
  g_array_append_val (changes, c);
  if (!apply_changes (self, (const Change *) changes->data, 1, FALSE, &error))
    {
      g_autofree char *title = g_strdup_printf (_("The attendance could not be saved: %s"), error->message);

      _dag_attendance_view_show_toast (self, title);
      return;
    }
  label = change_label (self, &c);
  push_step (self, g_steal_pointer (&changes), label);
}

/* "All Present": everyone of group in dagdeel part who is expected and not
 * registered yet becomes present, in one store transaction and one undo
 * step; who was registered (a cancellation phoned in) keeps it.  Then
 * the coordinator marks the exceptions. */
static gboolean
group_present (DagAttendanceView *self,
               int                part,
               int                group)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) changes = changes_new ();
  g_autofree char *label = NULL;
  g_autofree char *day = NULL;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->rows));
  const DagGroup *g;

  if (self->org == NULL || group < 0 || (guint) group >= self->org->groups->len)
    return FALSE;
  g = DAG_AT (self->org->groups, DagGroup, group);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DagAttendanceItem) item = g_list_model_get_item (G_LIST_MODEL (self->rows), i);
      Change c = { item->participant, self->date, item->part, item->status, DAG_ATTEND_PRESENT,
                   item->minutes, -1, NULL, NULL };

      if (item->state != DAG_SESSION_ON || item->part != part || item->group_index != group || item->status >= 0)
        continue;
      g_array_append_val (changes, c);
    }
  if (changes->len == 0)
    return FALSE;
  if (!dag_validate_attendance (DAG_ATTEND_PRESENT, self->date, dag_date_today (), NULL))
    {
      _dag_attendance_view_show_toast (self, _("Nobody can be present on a day still to come"));
      return FALSE;
    }
  if (!apply_changes (self, (const Change *) changes->data, changes->len, FALSE, &error))
    {
      g_autofree char *title = g_strdup_printf (_("The attendance could not be saved: %s"), error->message);

      _dag_attendance_view_show_toast (self, title);
      return FALSE;
    }
  day = dag_change_dialog_format_day (self->date);
  /* Translators: an undo step, “All present: Atelier, Monday 2 November
   * morning (8)”. */
  label = g_strdup_printf (_("All present: %s, %s %s (%u)"), g->name, day,
                           _dag_attendance_part_label (part), changes->len);
  push_step (self, g_steal_pointer (&changes), label);
  return TRUE;
}

/* The selected session; NULL when a heading (or nothing) is selected. */
static DagAttendanceItem *
selected_item (DagAttendanceView *self)
{
  DagAttendanceItem *item = gtk_single_selection_get_selected_item (self->selection);

  return item != NULL && !item->header ? item : NULL;
}

/* Marks present the group of the selected row or heading ("a"). */
static void
all_present_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  DagAttendanceView *self = DAG_ATTENDANCE_VIEW (widget);
  DagAttendanceItem *item = gtk_single_selection_get_selected_item (self->selection);

  /* The heading of who is not expected has no group. */
  if (item == NULL || item->state != DAG_SESSION_ON || item->group_index < 0)
    return;
  group_present (self, item->part, item->group_index);
}

/* The "All Present" button of a heading: (part, group). */
static void
group_present_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  int part, group;

  g_variant_get (parameter, "(ii)", &part, &group);
  group_present (DAG_ATTENDANCE_VIEW (widget), part, group);
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
    _dag_attendance_view_change_item (self, item, status, item->minutes, item->reason);
  else
    _dag_attendance_view_change_item (self, item, status, -1, NULL);
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
  _dag_attendance_view_change_item (self, item, DAG_ATTEND_PRESENT, minutes, NULL);
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
   * time with a thousand rows.  By the group's own name: an extra dagdeel
   * is listed under its group's heading. */
  item->group_key = g_utf8_collate_key (g->name, -1);
  item->sort_key = g_utf8_collate_key (item->name, -1);
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

  int cmp;

  /* The expected sessions first, by dagdeel and group (a heading each):
   * the keys 1/2/3 work down that list. */
  if (x_off != y_off)
    return x_off - y_off;
  if (x->part != y->part)
    return x->part - y->part;
  if ((cmp = strcmp (x->group_key, y->group_key)) != 0)
    return cmp;
  if (x->group_index != y->group_index)
    return x->group_index - y->group_index;
  return strcmp (x->sort_key, y->sort_key);
}

/* A heading for the list: a group's sessions of a dagdeel, or (group -1)
 * who is not expected. */
static DagAttendanceItem *
heading_new (DagAttendanceView *self,
             int                part,
             int                group)
{
  DagAttendanceItem *item = g_object_new (DAG_TYPE_ATTENDANCE_ITEM, NULL);

  item->header = TRUE;
  item->participant = -1;
  item->part = part;
  item->group_index = group;
  if (group < 0)
    {
      item->state = DAG_SESSION_ABSENT;
      item->name = g_strdup (_("Absent or Cancelled"));
    }
  else
    {
      const DagGroup *g = DAG_AT (self->org->groups, DagGroup, group);

      item->state = DAG_SESSION_ON;
      item->group = g_strdup (g->name);
      /* Translators: a heading in the Attendance view, "Morning · Atelier". */
      item->name = g_strdup_printf (_("%s · %s"), _dag_attendance_part_label (part), g->name);
    }
  return item;
}

/* Moves the contents of from into to, which the list shows already. */
static void
item_take (DagAttendanceItem *to,
           DagAttendanceItem *from)
{
  to->header = from->header;
  to->n_expected = from->n_expected;
  to->n_registered = from->n_registered;
  to->participant = from->participant;
  to->part = from->part;
  to->minutes = from->minutes;
  to->status = from->status;
  g_free (to->name);
  to->name = g_steal_pointer (&from->name);
  g_free (to->group);
  to->group = g_steal_pointer (&from->group);
  g_free (to->group_key);
  to->group_key = g_steal_pointer (&from->group_key);
  g_free (to->sort_key);
  to->sort_key = g_steal_pointer (&from->sort_key);
  g_free (to->reason);
  to->reason = g_steal_pointer (&from->reason);
  to->group_index = from->group_index;
  to->state = from->state;
  to->extra = from->extra;
  to->one_off = from->one_off;
  g_free (to->note);
  to->note = g_steal_pointer (&from->note);
  g_object_notify_by_pspec (G_OBJECT (to), item_props[ITEM_PROP_STATUS]);
}

/* Shows items (sorted sessions) in place of the rows, under their
 * headings.  The items already in the list take the new contents, so
 * that the list keeps its row widgets and only rebinds them (making a
 * row's buttons and entries anew cost most of the time of showing another
 * day); headings and sessions share the row widgets. */
static void
replace_rows (DagAttendanceView *self,
              GPtrArray         *items)
{
  g_autoptr(GPtrArray) shown = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) sessions = g_ptr_array_new ();
  guint n_old = g_list_model_get_n_items (G_LIST_MODEL (self->display));
  guint n_kept;
  int part = -1, group = -2;
  gboolean off = FALSE;

  for (guint i = 0; i < items->len; i++)
    {
      DagAttendanceItem *item = g_ptr_array_index (items, i);

      if (item->state != DAG_SESSION_ON)
        {
          if (!off)
            g_ptr_array_add (shown, heading_new (self, -1, -1));
          off = TRUE;
        }
      else if (item->part != part || item->group_index != group)
        {
          part = item->part;
          group = item->group_index;
          g_ptr_array_add (shown, heading_new (self, part, group));
        }
      g_ptr_array_add (shown, g_object_ref (item));
    }

  n_kept = MIN (n_old, shown->len);
  for (guint i = 0; i < n_kept; i++)
    {
      g_autoptr(DagAttendanceItem) old = g_list_model_get_item (G_LIST_MODEL (self->display), i);

      item_take (old, g_ptr_array_index (shown, i));
      g_object_unref (g_ptr_array_index (shown, i));
      shown->pdata[i] = g_steal_pointer (&old);
    }
  if (shown->len > n_old)
    g_list_store_splice (self->display, n_old, 0, shown->pdata + n_old, shown->len - n_old);
  else if (n_old > shown->len)
    g_list_store_splice (self->display, shown->len, n_old - shown->len, NULL, 0);

  g_array_set_size (self->row_positions, 0);
  for (guint i = 0; i < shown->len; i++)
    {
      DagAttendanceItem *item = g_ptr_array_index (shown, i);

      if (item->header)
        continue;
      g_ptr_array_add (sessions, item);
      g_array_append_val (self->row_positions, i);
    }
  g_list_store_splice (self->rows, 0, g_list_model_get_n_items (G_LIST_MODEL (self->rows)),
                       sessions->pdata, sessions->len);
  /* Not a heading at first: the keys then register the first session. */
  if (sessions->len > 0 && self->selection != NULL)
    {
      guint position = gtk_single_selection_get_selected (self->selection);
      DagAttendanceItem *selected = gtk_single_selection_get_selected_item (self->selection);

      if (selected == NULL)
        gtk_single_selection_set_selected (self->selection, g_array_index (self->row_positions, guint, 0));
      else if (selected->header)
        gtk_single_selection_set_selected (self->selection, position + 1);
    }
}

static void
clear_rows (DagAttendanceView *self)
{
  g_list_store_remove_all (self->display);
  g_list_store_remove_all (self->rows);
  g_array_set_size (self->row_positions, 0);
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
      clear_rows (self);
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

/* Puts the keyboard on the selected row.  Right after the view is
 * shown the list may have no row widgets yet, and the list's grab_focus
 * then fails quietly: so also once the rows are laid out. */
static gboolean
focus_list (DagAttendanceView *self)
{
  GtkWidget *focus;
  guint position = gtk_single_selection_get_selected (self->selection);

  if (!gtk_widget_get_mapped (GTK_WIDGET (self)) || g_list_model_get_n_items (G_LIST_MODEL (self->display)) == 0)
    return FALSE;
  focus = gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (self)));
  if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->list_view)))
    return TRUE;
  if (position != GTK_INVALID_LIST_POSITION)
    gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
  focus = gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (self)));
  return focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->list_view));
}

static gboolean
focus_list_tick_cb (GtkWidget     *widget,
                    GdkFrameClock *clock,
                    gpointer       user_data)
{
  DagAttendanceView *self = DAG_ATTENDANCE_VIEW (user_data);

  self->focus_tick = 0;
  focus_list (self);
  return G_SOURCE_REMOVE;
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
  if (!focus_list (self) && self->focus_tick == 0)
    self->focus_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self->list_view), focus_list_tick_cb, self, NULL);
}

static void
dag_attendance_view_unmap (GtkWidget *widget)
{
  DagAttendanceView *self = DAG_ATTENDANCE_VIEW (widget);

  if (self->focus_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->list_view), self->focus_tick);
  self->focus_tick = 0;
  GTK_WIDGET_CLASS (dag_attendance_view_parent_class)->unmap (widget);
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
  g_clear_object (&self->display);
  g_clear_pointer (&self->row_positions, g_array_unref);
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
  GTK_WIDGET_CLASS (klass)->unmap = dag_attendance_view_unmap;

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
  /* Everyone expected and not registered yet present: in the group of
   * the selected row or heading (the key a), or of (part, group) (the
   * button of a heading).  One undo step. */
  gtk_widget_class_install_action (widget_class, "attendance.all-present", NULL, all_present_action);
  gtk_widget_class_install_action (widget_class, "attendance.group-present", "(ii)", group_present_action);
  /* Changes of the shown date (add-extra) or of the selected row's. */
  gtk_widget_class_install_action (widget_class, "attendance.add-extra", NULL, _dag_attendance_view_change_action);
  gtk_widget_class_install_action (widget_class, "attendance.report-absent", NULL, _dag_attendance_view_change_action);
  gtk_widget_class_install_action (widget_class, "attendance.end-absence", NULL, _dag_attendance_view_change_action);
  gtk_widget_class_install_action (widget_class, "attendance.remove-absence", NULL, _dag_attendance_view_change_action);
  gtk_widget_class_install_action (widget_class, "attendance.cancel-date", NULL, _dag_attendance_view_change_action);
  gtk_widget_class_install_action (widget_class, "attendance.swap", NULL, _dag_attendance_view_change_action);
  gtk_widget_class_install_action (widget_class, "attendance.remove-change", NULL, _dag_attendance_view_change_action);

  /* Alt+Left, Alt+Right and Alt+Home are in a controller of the window's
   * (see dag_attendance_view_init()), not class bindings: those only work
   * with the keyboard in the view, which it is not right after Alt+5. */
}

static void
dag_attendance_view_init (DagAttendanceView *self)
{
  GtkEventController *shortcuts;

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
  self->display = g_list_store_new (DAG_TYPE_ATTENDANCE_ITEM);
  self->row_positions = g_array_new (FALSE, FALSE, sizeof (guint));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->display)));
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  _dag_attendance_rows_init (self);

  /* Managed by the window: they work wherever the keyboard is, as long as
   * the view is shown (GTK skips the shortcuts of an unmapped widget). */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts), GTK_SHORTCUT_SCOPE_MANAGED);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Left, GDK_ALT_MASK),
                                                          gtk_named_action_new ("attendance.previous-day")));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Right, GDK_ALT_MASK),
                                                          gtk_named_action_new ("attendance.next-day")));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Home, GDK_ALT_MASK),
                                                          gtk_named_action_new ("attendance.today")));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);
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
  clear_rows (self);
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

  /* position counts the sessions; the list shows headings too. */
  if (position >= self->row_positions->len)
    return;
  position = g_array_index (self->row_positions, guint, position);
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
