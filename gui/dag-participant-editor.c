/* dag-participant-editor.c — the participant editor: entry rows checked
 * with dag-validate on every change, Save only while all are valid, and
 * the write through dag_store_update_participant(); and the participant's
 * absences, added, ended and removed at once (each its own transaction
 * and undo step of the window). */

#include "config.h"

#include <glib/gi18n.h>

#include "dag-date-popover.h"
#include "dag-history.h"
#include "dag-participant-editor.h"
#include "dag-store-absence.h"
#include "dag-store-edit.h"
#include "dag-item-format.h"
#include "dag-validate.h"
#include "dag-window.h"

enum { FIELD_ID, FIELD_NAME, FIELD_BSN, FIELD_BIRTH, FIELD_ADDRESS, N_FIELDS };

static const char * const field_names[N_FIELDS] = { "id", "name", "bsn", "birth-date", "address" };

#define N_DAYS 6                        /* Monday to Saturday carry dagdelen */

struct _DagParticipantEditor
{
  AdwWindow        parent_instance;

  DagStore        *store;
  DagOrg          *org;
  guint            index;
  gboolean         adding;              /* a new participant, not index */
  char            *messages[N_FIELDS];  /* NULL when the field is valid */
  GtkWidget       *error_labels[N_FIELDS];
  GtkCheckButton  *unavailable[N_DAYS * 3];
  GtkCheckButton  *preferred[N_DAYS];

  /* template widgets */
  GtkWidget       *save_button;
  AdwToastOverlay *toast_overlay;
  AdwEntryRow     *id_row;
  AdwEntryRow     *name_row;
  AdwEntryRow     *bsn_row;
  AdwEntryRow     *birth_row;
  AdwEntryRow     *address_row;
  AdwComboRow     *municipality_row;
  AdwComboRow     *transport_row;
  GtkSwitch       *wheelchair_switch;
  GtkGrid         *unavailable_grid;
  GtkGrid         *preferred_grid;
  AdwPreferencesGroup *absences_group;

  GtkToggleButton *bsn_reveal;          /* shows the whole BSN while active */
  char            *bsn;                 /* the BSN, also while the row masks it */

  GPtrArray       *absence_rows;        /* the rows in absences_group */
  GArray          *shown_absences;      /* of int: the absence of each row */
  char            *last_message;
};

G_DEFINE_FINAL_TYPE (DagParticipantEditor, dag_participant_editor, ADW_TYPE_WINDOW)

enum { SIGNAL_SAVED, N_SIGNALS };
static guint signals[N_SIGNALS];

static AdwEntryRow *
entry_row (DagParticipantEditor *self, int field)
{
  AdwEntryRow *rows[N_FIELDS] = { self->id_row, self->name_row, self->bsn_row, self->birth_row, self->address_row };
  return rows[field];
}

static const char *
row_text (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static void entry_changed_cb (GtkEditable *editable, DagParticipantEditor *self);

/* The BSN row shows "*****1234" until the reveal button is pressed: a
 * screen seen over a shoulder or shared in a meeting keeps it private.
 * Masked, the row cannot be edited; revealed, it holds the BSN itself. */
static void
show_bsn (DagParticipantEditor *self)
{
  gboolean revealed = gtk_toggle_button_get_active (self->bsn_reveal);
  g_autofree char *masked = NULL;

  g_signal_handlers_block_by_func (self->bsn_row, entry_changed_cb, self);
  if (revealed)
    gtk_editable_set_text (GTK_EDITABLE (self->bsn_row), self->bsn ? self->bsn : "");
  else
    {
      masked = dag_bsn_mask (self->bsn);
      gtk_editable_set_text (GTK_EDITABLE (self->bsn_row), masked);
    }
  g_signal_handlers_unblock_by_func (self->bsn_row, entry_changed_cb, self);
  gtk_editable_set_editable (GTK_EDITABLE (self->bsn_row), revealed);
  gtk_button_set_icon_name (GTK_BUTTON (self->bsn_reveal),
                            revealed ? "view-conceal-symbolic" : "view-reveal-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->bsn_reveal),
                               revealed ? _("Hide the BSN") : _("Show the whole BSN"));
}

static gboolean
is_blank (const char *text)
{
  for (; *text; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

/* The message for the text of field, or NULL when it is valid.  The same
 * checks as dag_store_check_participant(), so Save never meets a surprise. */
static char *
check_field (DagParticipantEditor *self, int field, const char *text)
{
  g_autoptr(GError) error = NULL;
  DagDate date;

  switch (field)
    {
    case FIELD_ID:
      /* Only a new participant's id can be typed. */
      if (!self->adding)
        return NULL;
      if (!dag_validate_id (text, &error))
        return g_strdup (error->message);
      if (dag_org_lookup ((DagOrg *) self->org, DAG_KIND_PARTICIPANT, text) >= 0)
        return g_strdup (_("is taken by another participant"));
      return NULL;
    case FIELD_NAME:
      return is_blank (text) ? g_strdup (_("is empty")) : NULL;
    case FIELD_BSN:
      return dag_validate_bsn (text, &error) ? NULL : g_strdup (error->message);
    case FIELD_BIRTH:
      if (!dag_date_parse_human (text, &date))
        return g_strdup (_("must be an existing date like 08-02-1950"));
      return date > dag_date_today () ? g_strdup (_("lies in the future")) : NULL;
    case FIELD_ADDRESS:
      if (is_blank (text))
        return g_strdup (_("is empty"));
      return dag_validate_address_postcode (text, &error) ? NULL : g_strdup (error->message);
    default:
      g_assert_not_reached ();
    }
}

static void
update_save_sensitivity (DagParticipantEditor *self)
{
  gboolean valid = TRUE;

  for (int i = 0; i < N_FIELDS; i++)
    valid = valid && self->messages[i] == NULL;
  gtk_widget_set_sensitive (self->save_button, valid);
}

static void
entry_changed_cb (GtkEditable          *editable,
                  DagParticipantEditor *self)
{
  int field = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (editable), "dag-field"));
  GtkWidget *row = GTK_WIDGET (editable);
  const char *text = gtk_editable_get_text (editable);

  if (field == FIELD_BSN)
    {
      g_autofree char *masked = dag_bsn_mask (self->bsn);

      /* Other text put in the masked row (a paste, a test) is a new BSN:
       * shown, as if typed. */
      if (gtk_toggle_button_get_active (self->bsn_reveal) || !g_str_equal (text, masked))
        {
          g_free (self->bsn);
          self->bsn = g_strdup (text);
          gtk_toggle_button_set_active (self->bsn_reveal, TRUE);
        }
    }
  g_free (self->messages[field]);
  self->messages[field] = check_field (self, field, field == FIELD_BSN ? self->bsn : text);
  if (self->messages[field])
    {
      gtk_widget_add_css_class (row, "error");
      gtk_label_set_text (GTK_LABEL (self->error_labels[field]), self->messages[field]);
      gtk_widget_set_visible (self->error_labels[field], TRUE);
    }
  else
    {
      gtk_widget_remove_css_class (row, "error");
      gtk_widget_set_visible (self->error_labels[field], FALSE);
    }
  update_save_sensitivity (self);
}

static void
save_clicked_cb (DagParticipantEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strstrip (g_strdup (row_text (self->name_row)));
  g_autofree char *address = g_strstrip (g_strdup (row_text (self->address_row)));
  DagParticipant p = { 0 };
  guint municipality = adw_combo_row_get_selected (self->municipality_row);
  gboolean ok;

  if (!gtk_widget_get_sensitive (self->save_button))
    return;
  if (self->adding)
    p.id = (char *) row_text (self->id_row);
  else
    p = *DAG_AT (self->org->participants, DagParticipant, self->index);
  p.name = name;
  p.bsn = self->bsn;
  p.address = address;
  dag_date_parse_human (row_text (self->birth_row), &p.birth_date);
  p.municipality = municipality == GTK_INVALID_LIST_POSITION ? -1 : (int) municipality;
  p.transport = adw_combo_row_get_selected (self->transport_row) == 1 ? DAG_TRANSPORT_BUS : DAG_TRANSPORT_OWN;
  p.wheelchair = gtk_switch_get_active (self->wheelchair_switch);
  p.unavailable = 0;
  for (int s = 0; s < N_DAYS * 3; s++)
    if (gtk_check_button_get_active (self->unavailable[s]))
      p.unavailable |= (DagSlotMask) 1 << s;
  p.preferred_days = 0;
  for (int d = 0; d < N_DAYS; d++)
    if (gtk_check_button_get_active (self->preferred[d]))
      p.preferred_days |= 1u << d;

  /* A new participant has no coordinates: nothing geocodes addresses. */
  ok = self->adding ? dag_store_add_participant (self->store, &p, &error)
                    : dag_store_update_participant (self->store, &p, &error);
  if (!ok)
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }
  g_signal_emit (self, signals[SIGNAL_SAVED], 0, &p);
  gtk_window_close (GTK_WINDOW (self));
}

/* Enter in any entry saves, as long as everything is valid. */
static void
entry_activated_cb (AdwEntryRow          *row,
                    DagParticipantEditor *self)
{
  if (gtk_widget_get_sensitive (self->save_button))
    save_clicked_cb (self);
}

/* ---- absences ----------------------------------------------------------- */

static void fill_absences (DagParticipantEditor *self);

static void
show_message (DagParticipantEditor *self,
              const char           *message)
{
  g_free (self->last_message);
  self->last_message = g_strdup (message);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

/* The main window: its undo stack and its Attendance view. */
static DagWindow *
main_window (DagParticipantEditor *self)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  return DAG_IS_WINDOW (parent) ? DAG_WINDOW (parent) : NULL;
}

/* An absence change on the window's undo stack: it outlives the editor,
 * which it updates while it is open. */
typedef struct {
  DagStore      *store;
  DagOrg        *org;          /* the window's: the stack is cleared before it goes */
  GWeakRef       editor;
  GWeakRef       window;
  DagDateChange *change;
} AbsenceStep;

static void
absence_step_free (gpointer data)
{
  AbsenceStep *step = data;

  g_clear_object (&step->store);
  g_weak_ref_clear (&step->editor);
  g_weak_ref_clear (&step->window);
  dag_date_change_free (step->change);
  g_free (step);
}

/* The Attendance view lists who is absent: it shows the day anew. */
static void
absences_changed (DagWindow *window)
{
  if (window != NULL)
    dag_attendance_view_refresh (dag_window_get_attendance_view (window));
}

static gboolean
absence_step_apply (gpointer  data,
                    gboolean  undo,
                    GError  **error)
{
  AbsenceStep *step = data;
  g_autoptr(DagParticipantEditor) editor = g_weak_ref_get (&step->editor);
  g_autoptr(DagWindow) window = g_weak_ref_get (&step->window);

  if (!dag_store_apply_date_change (step->store, step->org, step->change, undo, error))
    return FALSE;
  if (editor != NULL)
    fill_absences (editor);
  absences_changed (window);
  return TRUE;
}

/* After a change: the rows anew, the change on the undo stack (change is
 * taken) and the Attendance view told. */
static void
push_change (DagParticipantEditor *self,
             DagDateChange        *change,
             const char           *label)
{
  DagWindow *window = main_window (self);
  DagHistory *history = window != NULL ? dag_history_for_widget (GTK_WIDGET (window)) : NULL;

  if (history != NULL)
    {
      AbsenceStep *step = g_new0 (AbsenceStep, 1);

      step->store = g_object_ref (self->store);
      step->org = self->org;
      g_weak_ref_init (&step->editor, self);
      g_weak_ref_init (&step->window, window);
      step->change = change;
      dag_history_push (history, self->org, label, "participants", absence_step_apply, step, absence_step_free);
    }
  else
    dag_date_change_free (change);
  fill_absences (self);
  absences_changed (window);
}

static const char *
participant_name (DagParticipantEditor *self)
{
  return DAG_AT (self->org->participants, DagParticipant, self->index)->name;
}

/* "16 November 2026 to 20 November 2026", or one day. */
static char *
period_text (DagDate from,
             DagDate to)
{
  g_autoptr(GDateTime) a = NULL, b = NULL;
  g_autofree char *first = NULL, *last = NULL;
  int y, m, d;

  dag_date_to_ymd (from, &y, &m, &d);
  a = g_date_time_new_local (y, m, d, 12, 0, 0);
  dag_date_to_ymd (to, &y, &m, &d);
  b = g_date_time_new_local (y, m, d, 12, 0, 0);
  /* Translators: a date in the list of absences, see strftime. */
  first = g_date_time_format (a, _("%a %-d %B %Y"));
  if (from == to)
    return g_steal_pointer (&first);
  last = g_date_time_format (b, _("%a %-d %B %Y"));
  /* Translators: the first and the last day of an absence. */
  return g_strdup_printf (_("%s to %s"), first, last);
}

static int
compare_absences (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  const DagOrg *org = user_data;
  const DagAbsence *x = DAG_AT (org->absences, DagAbsence, *(const int *) a);
  const DagAbsence *y = DAG_AT (org->absences, DagAbsence, *(const int *) b);

  return x->from < y->from ? -1 : x->from > y->from;
}

static void
end_clicked_cb (GtkButton            *button,
                DagParticipantEditor *self)
{
  dag_participant_editor_end_absence (self, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "row")));
}

static void
remove_clicked_cb (GtkButton            *button,
                   DagParticipantEditor *self)
{
  dag_participant_editor_remove_absence (self, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "row")));
}

/* The participant's absences, oldest first, each with End… and remove. */
static void
fill_absences (DagParticipantEditor *self)
{
  for (guint i = 0; i < self->absence_rows->len; i++)
    adw_preferences_group_remove (self->absences_group, g_ptr_array_index (self->absence_rows, i));
  g_ptr_array_set_size (self->absence_rows, 0);
  g_array_set_size (self->shown_absences, 0);
  if (self->adding || self->org == NULL)
    return;

  for (guint i = 0; i < self->org->absences->len; i++)
    if (DAG_AT (self->org->absences, DagAbsence, i)->participant == (int) self->index)
      {
        int index = (int) i;

        g_array_append_val (self->shown_absences, index);
      }
  g_array_sort_with_data (self->shown_absences, compare_absences, self->org);

  for (guint r = 0; r < self->shown_absences->len; r++)
    {
      const DagAbsence *a = DAG_AT (self->org->absences, DagAbsence, g_array_index (self->shown_absences, int, r));
      g_autofree char *title = period_text (a->from, a->to);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *end, *remove;

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), a->reason != NULL ? a->reason : _("No reason given"));
      end = gtk_button_new_with_mnemonic (_("_End…"));
      gtk_widget_set_valign (end, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (end, _("Change the last day away"));
      g_object_set_data (G_OBJECT (end), "row", GUINT_TO_POINTER (r));
      g_signal_connect_object (end, "clicked", G_CALLBACK (end_clicked_cb), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), end);
      remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_tooltip_text (remove, _("Remove Absence"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Remove Absence"), -1);
      g_object_set_data (G_OBJECT (remove), "row", GUINT_TO_POINTER (r));
      g_signal_connect_object (remove, "clicked", G_CALLBACK (remove_clicked_cb), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
      adw_preferences_group_add (self->absences_group, row);
      g_ptr_array_add (self->absence_rows, row);
    }
  if (self->shown_absences->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No absences"));
      gtk_widget_add_css_class (row, "dim-label");
      adw_preferences_group_add (self->absences_group, row);
      g_ptr_array_add (self->absence_rows, row);
    }
}

static void
add_apply_cb (DagChangeDialog      *dialog,
              DagParticipantEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  DagDate from = dag_change_dialog_get_date (dialog, "from"), to = dag_change_dialog_get_date (dialog, "to");
  char b1[DAG_DATE_BUF], b2[DAG_DATE_BUF];
  const DagAbsence *a;

  if (!dag_store_add_absence (self->store, self->org, DAG_ABSENCE_PARTICIPANT, (int) self->index, from, to,
                              dag_change_dialog_get_text (dialog, "reason"), &error))
    {
      show_message (self, error->message);
      return;
    }
  a = DAG_AT (self->org->absences, DagAbsence, self->org->absences->len - 1);
  /* Translators: an undo step: a participant, the first and the last day. */
  label = g_strdup_printf (_("Report %s absent from %s to %s"), participant_name (self),
                           dag_date_format (from, b1), dag_date_format (to, b2));
  push_change (self, dag_date_change_new_absence (DAG_DATE_CHANGE_ADD_ABSENCE, DAG_ABSENCE_PARTICIPANT,
                                                  (int) self->index, a->from, a->to, DAG_DATE_NONE, a->reason),
               label);
}

DagChangeDialog *
dag_participant_editor_add_absence (DagParticipantEditor *self)
{
  DagChangeDialog *dialog;
  DagDate today = dag_date_today ();

  g_return_val_if_fail (DAG_IS_PARTICIPANT_EDITOR (self), NULL);

  if (self->adding || self->org == NULL)
    return NULL;
  dialog = dag_change_dialog_new_absence (GTK_WINDOW (self), self->org, DAG_ABSENCE_PARTICIPANT, (int) self->index,
                                          -1, today, today);
  g_signal_connect_object (dialog, "apply", G_CALLBACK (add_apply_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
add_absence_clicked_cb (DagParticipantEditor *self)
{
  dag_participant_editor_add_absence (self);
}

static void
end_apply_cb (DagChangeDialog      *dialog,
              DagParticipantEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  int index = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "absence"));
  DagDate to = dag_change_dialog_get_date (dialog, "to"), from, old_to;
  char buf[DAG_DATE_BUF];

  if (index < 0 || (guint) index >= self->org->absences->len)
    return;
  from = DAG_AT (self->org->absences, DagAbsence, index)->from;
  old_to = DAG_AT (self->org->absences, DagAbsence, index)->to;
  if (!dag_store_end_absence (self->store, self->org, DAG_ABSENCE_PARTICIPANT, (guint) index, to, &error))
    {
      show_message (self, error->message);
      return;
    }
  /* Translators: an undo step: a participant and the new last day. */
  label = g_strdup_printf (_("End the absence of %s on %s"), participant_name (self), dag_date_format (to, buf));
  push_change (self, dag_date_change_new_absence (DAG_DATE_CHANGE_END_ABSENCE, DAG_ABSENCE_PARTICIPANT,
                                                  (int) self->index, from, to, old_to, NULL),
               label);
}

DagChangeDialog *
dag_participant_editor_end_absence (DagParticipantEditor *self,
                                    guint                 row)
{
  DagChangeDialog *dialog;
  const DagAbsence *a;
  int index;

  g_return_val_if_fail (DAG_IS_PARTICIPANT_EDITOR (self), NULL);

  index = dag_participant_editor_get_absence (self, row);
  if (index < 0)
    return NULL;
  a = DAG_AT (self->org->absences, DagAbsence, index);
  /* Back today: the last day away was yesterday. */
  dialog = dag_change_dialog_new_absence (GTK_WINDOW (self), self->org, DAG_ABSENCE_PARTICIPANT, (int) self->index,
                                          index, a->from, MAX (a->from, dag_date_today () - 1));
  g_object_set_data (G_OBJECT (dialog), "absence", GINT_TO_POINTER (index));
  g_signal_connect_object (dialog, "apply", G_CALLBACK (end_apply_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

gboolean
dag_participant_editor_remove_absence (DagParticipantEditor *self,
                                       guint                 row)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  DagDateChange *change;
  const DagAbsence *a;
  int index;

  g_return_val_if_fail (DAG_IS_PARTICIPANT_EDITOR (self), FALSE);

  index = dag_participant_editor_get_absence (self, row);
  if (index < 0)
    return FALSE;
  a = DAG_AT (self->org->absences, DagAbsence, index);
  /* The past stays as it was. */
  if (!dag_store_check_dates_open (self->org, a->from, a->to, dag_date_today (), &error))
    {
      show_message (self, error->message);
      return FALSE;
    }
  change = dag_date_change_new_absence (DAG_DATE_CHANGE_DELETE_ABSENCE, DAG_ABSENCE_PARTICIPANT, (int) self->index,
                                        a->from, a->to, DAG_DATE_NONE, a->reason);
  if (!dag_store_delete_absence (self->store, self->org, DAG_ABSENCE_PARTICIPANT, (guint) index, &error))
    {
      dag_date_change_free (change);
      show_message (self, error->message);
      return FALSE;
    }
  /* Translators: an undo step, with a participant's name. */
  label = g_strdup_printf (_("Remove the absence of %s"), participant_name (self));
  push_change (self, change, label);
  return TRUE;
}

guint
dag_participant_editor_get_n_absences (DagParticipantEditor *self)
{
  g_return_val_if_fail (DAG_IS_PARTICIPANT_EDITOR (self), 0);
  return self->shown_absences->len;
}

int
dag_participant_editor_get_absence (DagParticipantEditor *self,
                                    guint                 row)
{
  g_return_val_if_fail (DAG_IS_PARTICIPANT_EDITOR (self), -1);
  if (row >= self->shown_absences->len)
    return -1;
  return g_array_index (self->shown_absences, int, row);
}

GtkWidget *
dag_participant_editor_get_absences_group (DagParticipantEditor *self)
{
  g_return_val_if_fail (DAG_IS_PARTICIPANT_EDITOR (self), NULL);
  return GTK_WIDGET (self->absences_group);
}

const char *
dag_participant_editor_get_last_message (DagParticipantEditor *self)
{
  g_return_val_if_fail (DAG_IS_PARTICIPANT_EDITOR (self), NULL);
  return self->last_message;
}

static void
dag_participant_editor_dispose (GObject *object)
{
  DagParticipantEditor *self = DAG_PARTICIPANT_EDITOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), DAG_TYPE_PARTICIPANT_EDITOR);
  g_clear_object (&self->store);
  for (int i = 0; i < N_FIELDS; i++)
    g_clear_pointer (&self->messages[i], g_free);
  g_clear_pointer (&self->absence_rows, g_ptr_array_unref);
  g_clear_pointer (&self->shown_absences, g_array_unref);
  g_clear_pointer (&self->last_message, g_free);
  g_clear_pointer (&self->bsn, g_free);
  G_OBJECT_CLASS (dag_participant_editor_parent_class)->dispose (object);
}

static void
dag_participant_editor_class_init (DagParticipantEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dag_participant_editor_dispose;

  /* The written record, valid during the emission. */
  signals[SIGNAL_SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/dagritme/Dagritme/dag-participant-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, DagParticipantEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, DagParticipantEditor, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, DagParticipantEditor, id_row);
  gtk_widget_class_bind_template_child (widget_class, DagParticipantEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, DagParticipantEditor, bsn_row);
  gtk_widget_class_bind_template_child (widget_class, DagParticipantEditor, birth_row);
  gtk_widget_class_bind_template_child (widget_class, DagParticipantEditor, address_row);
  gtk_widget_class_bind_template_child (widget_class, DagParticipantEditor, municipality_row);
  gtk_widget_class_bind_template_child (widget_class, DagParticipantEditor, transport_row);
  gtk_widget_class_bind_template_child (widget_class, DagParticipantEditor, wheelchair_switch);
  gtk_widget_class_bind_template_child (widget_class, DagParticipantEditor, unavailable_grid);
  gtk_widget_class_bind_template_child (widget_class, DagParticipantEditor, preferred_grid);
  gtk_widget_class_bind_template_child (widget_class, DagParticipantEditor, absences_group);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_absence_clicked_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static const char *
day_name (int day)
{
  static const char * const names[N_DAYS] = {
    N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"),
  };
  return _(names[day]);
}

static GtkWidget *
grid_label (const char *text, float xalign)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  gtk_widget_add_css_class (label, "dim-label");
  return label;
}

static void
dag_participant_editor_init (DagParticipantEditor *self)
{
  const char *parts[3] = { C_("calendar", "Morning"), C_("calendar", "Afternoon"), C_("calendar", "Evening") };

  gtk_widget_init_template (GTK_WIDGET (self));
  self->absence_rows = g_ptr_array_new ();
  self->shown_absences = g_array_new (FALSE, FALSE, sizeof (int));

  for (int i = 0; i < N_FIELDS; i++)
    {
      AdwEntryRow *row = entry_row (self, i);
      GtkWidget *label = gtk_label_new (NULL);

      /* The message sits in the row, next to the text it is about. */
      gtk_label_set_xalign (GTK_LABEL (label), 1);
      gtk_widget_add_css_class (label, "error");
      gtk_widget_add_css_class (label, "caption");
      gtk_widget_set_visible (label, FALSE);
      adw_entry_row_add_suffix (row, label);
      self->error_labels[i] = label;
      g_object_set_data (G_OBJECT (row), "dag-field", GINT_TO_POINTER (i));
      g_signal_connect (row, "changed", G_CALLBACK (entry_changed_cb), self);
      g_signal_connect (row, "entry-activated", G_CALLBACK (entry_activated_cb), self);
    }

  dag_date_popover_attach (GTK_WIDGET (self->birth_row));

  self->bsn_reveal = GTK_TOGGLE_BUTTON (gtk_toggle_button_new ());
  gtk_widget_set_valign (GTK_WIDGET (self->bsn_reveal), GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (GTK_WIDGET (self->bsn_reveal), "flat");
  adw_entry_row_add_suffix (self->bsn_row, GTK_WIDGET (self->bsn_reveal));
  g_signal_connect_swapped (self->bsn_reveal, "toggled", G_CALLBACK (show_bsn), self);

  for (int d = 0; d < N_DAYS; d++)
    {
      GtkWidget *check = gtk_check_button_new_with_label (day_name (d));

      gtk_grid_attach (self->unavailable_grid, grid_label (day_name (d), 0), d + 1, 0, 1, 1);
      gtk_grid_attach (self->preferred_grid, check, d, 0, 1, 1);
      self->preferred[d] = GTK_CHECK_BUTTON (check);
      for (int part = 0; part < 3; part++)
        {
          GtkWidget *slot = gtk_check_button_new ();
          g_autofree char *tip = g_strdup_printf ("%s %s", day_name (d), parts[part]);

          gtk_widget_set_tooltip_text (slot, tip);
          gtk_grid_attach (self->unavailable_grid, slot, d + 1, part + 1, 1, 1);
          self->unavailable[d * 3 + part] = GTK_CHECK_BUTTON (slot);
        }
    }
  for (int part = 0; part < 3; part++)
    gtk_grid_attach (self->unavailable_grid, grid_label (parts[part], 0), 0, part + 1, 1, 1);
}

/* Fills the rows from p: the record edited, or a blank one to add. */
static DagParticipantEditor *
editor_new (DagStore             *store,
            DagOrg               *org,
            const DagParticipant *p)
{
  DagParticipantEditor *self = g_object_new (DAG_TYPE_PARTICIPANT_EDITOR, NULL);
  g_autoptr(GtkStringList) municipalities = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) transports = gtk_string_list_new (NULL);
  char date[DAG_DATE_BUF];

  self->store = g_object_ref (store);
  self->org = org;

  for (guint i = 0; i < org->municipalities->len; i++)
    gtk_string_list_append (municipalities, DAG_AT (org->municipalities, DagMunicipality, i)->name);
  adw_combo_row_set_model (self->municipality_row, G_LIST_MODEL (municipalities));
  if (p->municipality >= 0)
    adw_combo_row_set_selected (self->municipality_row, p->municipality);
  gtk_string_list_append (transports, C_("transport", "Own"));
  gtk_string_list_append (transports, _("Bus"));
  adw_combo_row_set_model (self->transport_row, G_LIST_MODEL (transports));
  adw_combo_row_set_selected (self->transport_row, p->transport == DAG_TRANSPORT_BUS ? 1 : 0);

  gtk_editable_set_text (GTK_EDITABLE (self->id_row), p->id ? p->id : "");
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), p->name ? p->name : "");
  self->bsn = g_strdup (p->bsn ? p->bsn : "");
  show_bsn (self);
  gtk_editable_set_text (GTK_EDITABLE (self->birth_row),
                         dag_date_format_human (p->birth_date, date));
  gtk_editable_set_text (GTK_EDITABLE (self->address_row), p->address ? p->address : "");
  gtk_switch_set_active (self->wheelchair_switch, p->wheelchair);
  for (int s = 0; s < N_DAYS * 3; s++)
    gtk_check_button_set_active (self->unavailable[s], (p->unavailable >> s) & 1);
  for (int d = 0; d < N_DAYS; d++)
    gtk_check_button_set_active (self->preferred[d], (p->preferred_days >> d) & 1);
  return self;
}

/* set_text does not emit "changed" for equal text: check every field once,
 * so a record that was already invalid shows it. */
static void
check_all (DagParticipantEditor *self)
{
  for (int i = 0; i < N_FIELDS; i++)
    entry_changed_cb (GTK_EDITABLE (entry_row (self, i)), self);
}

DagParticipantEditor *
dag_participant_editor_new (DagStore *store,
                            DagOrg   *org,
                            guint     index)
{
  DagParticipantEditor *self;

  g_return_val_if_fail (DAG_IS_STORE (store), NULL);
  g_return_val_if_fail (org != NULL && index < org->participants->len, NULL);

  self = editor_new (store, org, DAG_AT (org->participants, DagParticipant, index));
  self->index = index;
  gtk_widget_set_visible (GTK_WIDGET (self->id_row), FALSE);
  check_all (self);
  fill_absences (self);
  return self;
}

DagParticipantEditor *
dag_participant_editor_new_participant (DagStore *store,
                                        DagOrg   *org)
{
  DagParticipantEditor *self;
  g_autofree char *id = NULL;
  DagParticipant blank = { 0 };

  g_return_val_if_fail (DAG_IS_STORE (store), NULL);
  g_return_val_if_fail (org != NULL, NULL);

  /* A free id to start from; the person may type the one their records use. */
  id = dag_edit_unused_id (org, DAG_KIND_PARTICIPANT, "P", 5);
  blank.id = id;
  blank.municipality = org->municipalities->len > 0 ? 0 : -1;
  self = editor_new (store, org, &blank);
  self->adding = TRUE;
  /* A new participant's BSN is being typed: nothing to hide yet. */
  gtk_toggle_button_set_active (self->bsn_reveal, TRUE);
  gtk_window_set_title (GTK_WINDOW (self), _("New Participant"));
  /* Absences are of a participant the database knows: added after Add. */
  gtk_widget_set_visible (GTK_WIDGET (self->absences_group), FALSE);
  gtk_button_set_label (GTK_BUTTON (self->save_button), _("_Add"));
  check_all (self);
  /* An empty form is not wrong yet: show only what is wrong with what was
   * typed, but keep Add insensitive until every field is valid. */
  for (int i = FIELD_NAME; i < N_FIELDS; i++)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (entry_row (self, i)), "error");
      gtk_widget_set_visible (self->error_labels[i], FALSE);
    }
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
  return self;
}

gboolean
dag_participant_editor_is_adding (DagParticipantEditor *self)
{
  g_return_val_if_fail (DAG_IS_PARTICIPANT_EDITOR (self), FALSE);
  return self->adding;
}

GtkWidget *
dag_participant_editor_get_row (DagParticipantEditor *self,
                                const char           *field)
{
  g_return_val_if_fail (DAG_IS_PARTICIPANT_EDITOR (self), NULL);

  for (int i = 0; i < N_FIELDS; i++)
    if (g_str_equal (field, field_names[i]))
      return GTK_WIDGET (entry_row (self, i));
  if (g_str_equal (field, "municipality"))
    return GTK_WIDGET (self->municipality_row);
  if (g_str_equal (field, "transport"))
    return GTK_WIDGET (self->transport_row);
  return NULL;
}

const char *
dag_participant_editor_get_message (DagParticipantEditor *self,
                                    const char           *field)
{
  g_return_val_if_fail (DAG_IS_PARTICIPANT_EDITOR (self), NULL);

  for (int i = 0; i < N_FIELDS; i++)
    if (g_str_equal (field, field_names[i]))
      return self->messages[i];
  return NULL;
}

GtkToggleButton *
dag_participant_editor_get_bsn_reveal (DagParticipantEditor *self)
{
  g_return_val_if_fail (DAG_IS_PARTICIPANT_EDITOR (self), NULL);
  return self->bsn_reveal;
}

GtkWidget *
dag_participant_editor_get_save_button (DagParticipantEditor *self)
{
  g_return_val_if_fail (DAG_IS_PARTICIPANT_EDITOR (self), NULL);
  return self->save_button;
}
