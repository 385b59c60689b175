/* dag-change-dialog.c — the dialog of one change of dates: an
 * AdwMessageDialog with a list of rows below its body and, under them,
 * what is wrong with what was typed; "apply" is enabled only when nothing
 * is. */

#include "config.h"

#include <glib/gi18n.h>

#include "dag-change-dialog.h"
#include "dag-date-popover.h"
#include "dag-item-format.h"

struct _DagChangeDialog
{
  AdwMessageDialog  parent_instance;

  GtkWidget        *list;       /* GtkListBox, boxed */
  GtkLabel         *message;
  GHashTable       *rows;       /* name → AdwEntryRow or GtkDropDown */
  char             *error;      /* what is wrong, NULL when nothing */
  DagChangeCheck    check;
  gpointer          check_data;
  GDestroyNotify    check_destroy;
};

G_DEFINE_FINAL_TYPE (DagChangeDialog, dag_change_dialog, ADW_TYPE_MESSAGE_DIALOG)

enum { SIGNAL_APPLY, N_SIGNALS };
static guint signals[N_SIGNALS];

void
dag_change_dialog_recheck (DagChangeDialog *self)
{
  g_autoptr(GError) error = NULL;
  gboolean ok;

  g_return_if_fail (DAG_IS_CHANGE_DIALOG (self));

  ok = self->check == NULL || self->check (self, self->check_data, &error);
  g_clear_pointer (&self->error, g_free);
  if (!ok)
    self->error = g_strdup (error != NULL ? error->message : _("This change cannot be made"));
  gtk_label_set_text (self->message, self->error != NULL ? self->error : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message), self->error != NULL);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "apply", ok);
}

/* Only a change that passes the check is made, also when "apply" is
 * given without its (insensitive) button. */
static void
dag_change_dialog_response (AdwMessageDialog *dialog,
                            const char       *response)
{
  DagChangeDialog *self = DAG_CHANGE_DIALOG (dialog);

  if (g_strcmp0 (response, "apply") == 0)
    {
      dag_change_dialog_recheck (self);
      if (self->error == NULL)
        g_signal_emit (self, signals[SIGNAL_APPLY], 0);
    }
  if (ADW_MESSAGE_DIALOG_CLASS (dag_change_dialog_parent_class)->response != NULL)
    ADW_MESSAGE_DIALOG_CLASS (dag_change_dialog_parent_class)->response (dialog, response);
}

static void
dag_change_dialog_dispose (GObject *object)
{
  DagChangeDialog *self = DAG_CHANGE_DIALOG (object);

  if (self->check_destroy != NULL)
    g_clear_pointer (&self->check_data, self->check_destroy);
  self->check = NULL;
  g_clear_pointer (&self->rows, g_hash_table_unref);
  G_OBJECT_CLASS (dag_change_dialog_parent_class)->dispose (object);
}

static void
dag_change_dialog_finalize (GObject *object)
{
  DagChangeDialog *self = DAG_CHANGE_DIALOG (object);

  g_free (self->error);
  G_OBJECT_CLASS (dag_change_dialog_parent_class)->finalize (object);
}

static void
dag_change_dialog_class_init (DagChangeDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dag_change_dialog_dispose;
  object_class->finalize = dag_change_dialog_finalize;
  ADW_MESSAGE_DIALOG_CLASS (klass)->response = dag_change_dialog_response;

  /* "apply" was chosen and the rows pass the check: make the change. */
  signals[SIGNAL_APPLY] = g_signal_new ("apply", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
dag_change_dialog_init (DagChangeDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);

  self->rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (self->list, "boxed-list");
  gtk_box_append (GTK_BOX (box), self->list);
  self->message = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->message, TRUE);
  gtk_label_set_xalign (self->message, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->message), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->message), FALSE);
  /* Read out when it changes. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->message), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("What is wrong"), -1);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->message));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (self), box);
  /* Room for a date, a name and a group on one line. */
  gtk_window_set_default_size (GTK_WINDOW (self), 440, -1);
}

DagChangeDialog *
dag_change_dialog_new (GtkWindow  *parent,
                       const char *heading,
                       const char *body,
                       const char *apply_label)
{
  DagChangeDialog *self = g_object_new (DAG_TYPE_CHANGE_DIALOG,
                                        "transient-for", parent,
                                        "modal", TRUE,
                                        "heading", heading,
                                        "body", body,
                                        NULL);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (self), "cancel", _("_Cancel"), "apply", apply_label, NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (self), "apply", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (self), "apply");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (self), "cancel");
  return self;
}

void
dag_change_dialog_set_check (DagChangeDialog *self,
                             DagChangeCheck   check,
                             gpointer         user_data,
                             GDestroyNotify   destroy)
{
  g_return_if_fail (DAG_IS_CHANGE_DIALOG (self));

  if (self->check_destroy != NULL)
    g_clear_pointer (&self->check_data, self->check_destroy);
  self->check = check;
  self->check_data = user_data;
  self->check_destroy = destroy;
  dag_change_dialog_recheck (self);
}

static void
add_row (DagChangeDialog *self,
         const char      *name,
         GtkWidget       *row,
         GtkWidget       *widget)
{
  gtk_list_box_append (GTK_LIST_BOX (self->list), row);
  g_hash_table_replace (self->rows, g_strdup (name), widget);
}

static AdwEntryRow *
entry_row (DagChangeDialog *self,
           const char      *name,
           const char      *title,
           const char      *text)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), FALSE);
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
  /* Enter chooses "apply" while it is enabled. */
  adw_entry_row_set_activates_default (ADW_ENTRY_ROW (row), TRUE);
  g_signal_connect_object (row, "changed", G_CALLBACK (dag_change_dialog_recheck), self, G_CONNECT_SWAPPED);
  add_row (self, name, row, row);
  return ADW_ENTRY_ROW (row);
}

AdwEntryRow *
dag_change_dialog_add_text (DagChangeDialog *self,
                            const char      *name,
                            const char      *title,
                            const char      *text)
{
  g_return_val_if_fail (DAG_IS_CHANGE_DIALOG (self), NULL);
  return entry_row (self, name, title, text);
}

AdwEntryRow *
dag_change_dialog_add_date (DagChangeDialog *self,
                            const char      *name,
                            const char      *title,
                            DagDate          date)
{
  char buf[DAG_DATE_BUF] = "";
  AdwEntryRow *row;
  g_autofree char *full = NULL;

  g_return_val_if_fail (DAG_IS_CHANGE_DIALOG (self), NULL);

  if (date != DAG_DATE_NONE)
    dag_date_format_human (date, buf);
  /* Translators: the title of a date field, e.g. "From (DD-MM-YYYY)". */
  full = g_strdup_printf (_("%s (DD-MM-YYYY)"), title);
  row = entry_row (self, name, full, buf);
  dag_date_popover_attach (GTK_WIDGET (row));
  return row;
}

GtkDropDown *
dag_change_dialog_add_choice (DagChangeDialog *self,
                              const char      *name,
                              const char      *title,
                              GListModel      *model,
                              guint            selected)
{
  GtkWidget *row, *dropdown;

  g_return_val_if_fail (DAG_IS_CHANGE_DIALOG (self), NULL);
  g_return_val_if_fail (G_IS_LIST_MODEL (model), NULL);

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  dropdown = gtk_drop_down_new (g_object_ref (model), NULL);
  gtk_widget_set_valign (dropdown, GTK_ALIGN_CENTER);
  /* A long list (participants) is searched by name; a list given anew
   * (GtkStringLists too) may turn searching on later. */
  if (GTK_IS_STRING_LIST (model))
    {
      g_autoptr(GtkExpression) expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");

      gtk_drop_down_set_expression (GTK_DROP_DOWN (dropdown), expression);
      gtk_drop_down_set_enable_search (GTK_DROP_DOWN (dropdown), g_list_model_get_n_items (model) > 12);
    }
  if (selected < g_list_model_get_n_items (model))
    gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), selected);
  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), dropdown);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), dropdown);
  g_signal_connect_object (dropdown, "notify::selected", G_CALLBACK (dag_change_dialog_recheck), self,
                           G_CONNECT_SWAPPED);
  add_row (self, name, row, dropdown);
  return GTK_DROP_DOWN (dropdown);
}

GtkWidget *
dag_change_dialog_get_row (DagChangeDialog *self,
                           const char      *name)
{
  g_return_val_if_fail (DAG_IS_CHANGE_DIALOG (self), NULL);
  return self->rows != NULL ? g_hash_table_lookup (self->rows, name) : NULL;
}

const char *
dag_change_dialog_get_text (DagChangeDialog *self,
                            const char      *name)
{
  GtkWidget *row = dag_change_dialog_get_row (self, name);

  g_return_val_if_fail (GTK_IS_EDITABLE (row), "");
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

DagDate
dag_change_dialog_get_date (DagChangeDialog *self,
                            const char      *name)
{
  g_autofree char *text = g_strstrip (g_strdup (dag_change_dialog_get_text (self, name)));
  DagDate date = DAG_DATE_NONE;

  if (!dag_date_parse_human (text, &date))
    return DAG_DATE_NONE;
  return date;
}

guint
dag_change_dialog_get_selected (DagChangeDialog *self,
                                const char      *name)
{
  GtkWidget *row = dag_change_dialog_get_row (self, name);

  g_return_val_if_fail (GTK_IS_DROP_DOWN (row), GTK_INVALID_LIST_POSITION);
  return gtk_drop_down_get_selected (GTK_DROP_DOWN (row));
}

const char *
dag_change_dialog_get_message (DagChangeDialog *self)
{
  g_return_val_if_fail (DAG_IS_CHANGE_DIALOG (self), NULL);
  return self->error;
}

/* ---- absences ----------------------------------------------------------- */

char *
dag_change_dialog_format_day (DagDate date)
{
  g_autoptr(GDateTime) dt = NULL;
  int y, m, d;

  dag_date_to_ymd (date, &y, &m, &d);
  dt = g_date_time_new_local (y, m, d, 12, 0, 0);
  /* Translators: a date in a sentence, see strftime: "Friday 20 November". */
  return g_date_time_format (dt, _("%A %-d %B"));
}

typedef struct {
  const DagOrg *org;
  DagAbsenceOf  of;
  int           who;
  int           index;     /* the absence ended, -1 for a new one */
} AbsenceCheck;

static const DagAbsence *
absence_at (const AbsenceCheck *d)
{
  GArray *array = d->of == DAG_ABSENCE_STAFF ? d->org->staff_absences : d->org->absences;

  if (d->index < 0 || (guint) d->index >= array->len)
    return NULL;
  /* DagAbsence and DagStaffAbsence share a layout (dag-store-absence.c). */
  return (const DagAbsence *) (array->data + (gsize) d->index * g_array_get_element_size (array));
}

static gboolean
check_absence (DagChangeDialog *dialog,
               gpointer         user_data,
               GError         **error)
{
  AbsenceCheck *d = user_data;
  DagDate from, to, changed_from, changed_to;

  to = dag_change_dialog_get_date (dialog, "to");
  if (d->index >= 0)
    {
      const DagAbsence *a = absence_at (d);

      if (a == NULL)
        {
          g_set_error_literal (error, DAG_STORE_ERROR, DAG_STORE_ERROR_NOT_FOUND, _("There is no such absence"));
          return FALSE;
        }
      from = a->from;
      if (to == DAG_DATE_NONE)
        {
          g_set_error_literal (error, DAG_STORE_ERROR, DAG_STORE_ERROR_CONSTRAINT,
                               _("The last day is not a date (DD-MM-YYYY)"));
          return FALSE;
        }
      if (to == a->to)
        {
          g_set_error_literal (error, DAG_STORE_ERROR, DAG_STORE_ERROR_CONSTRAINT,
                               _("That is its last day already"));
          return FALSE;
        }
      /* Only the days that change have to be open. */
      changed_from = MIN (to, a->to) + 1;
      changed_to = MAX (to, a->to);
    }
  else
    {
      from = dag_change_dialog_get_date (dialog, "from");
      if (from == DAG_DATE_NONE)
        {
          g_set_error_literal (error, DAG_STORE_ERROR, DAG_STORE_ERROR_CONSTRAINT,
                               _("The first day is not a date (DD-MM-YYYY)"));
          return FALSE;
        }
      if (to == DAG_DATE_NONE)
        {
          g_set_error_literal (error, DAG_STORE_ERROR, DAG_STORE_ERROR_CONSTRAINT,
                               _("The last day is not a date (DD-MM-YYYY)"));
          return FALSE;
        }
      changed_from = from;
      changed_to = to;
    }
  return dag_store_check_absence (d->org, d->of, d->who, from, to, d->index, error) &&
         dag_store_check_dates_open (d->org, changed_from, changed_to, dag_date_today (), error);
}

DagChangeDialog *
dag_change_dialog_new_absence (GtkWindow    *parent,
                               const DagOrg *org,
                               DagAbsenceOf  of,
                               int           who,
                               int           index,
                               DagDate       from,
                               DagDate       to)
{
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  DagChangeDialog *self;
  AbsenceCheck *d;
  const char *name;
  GArray *people;

  g_return_val_if_fail (org != NULL, NULL);

  people = of == DAG_ABSENCE_STAFF ? org->staff : org->participants;
  g_return_val_if_fail (who >= 0 && (guint) who < people->len, NULL);
  /* DagParticipant and DagStaff both start with id, then name. */
  name = of == DAG_ABSENCE_STAFF ? DAG_AT (org->staff, DagStaff, who)->name
                                 : DAG_AT (org->participants, DagParticipant, who)->name;
  d = g_new0 (AbsenceCheck, 1);
  *d = (AbsenceCheck) { org, of, who, index };
  if (index < 0)
    {
      /* Translators: %s is a participant's or staff member's name. */
      heading = g_strdup_printf (_("Absence of %s"), name);
      body = g_strdup (of == DAG_ABSENCE_STAFF
                       ? _("Sick, on leave: not working on these days. The staffing stays as it is.")
                       : _("Not expected on these days, in any group. The standing plan stays as it is."));
      self = dag_change_dialog_new (parent, heading, body, _("_Add Absence"));
      dag_change_dialog_add_date (self, "from", _("From"), from);
      dag_change_dialog_add_date (self, "to", _("Until"), to);
      dag_change_dialog_add_text (self, "reason", _("Reason (optional)"), "");
    }
  else
    {
      const DagAbsence *a = absence_at (d);
      g_autofree char *first = NULL, *last = NULL;

      g_return_val_if_fail (a != NULL, NULL);
      first = dag_change_dialog_format_day (a->from);
      last = dag_change_dialog_format_day (a->to);
      /* Translators: %s is a participant's or staff member's name. */
      heading = g_strdup_printf (_("End Absence of %s"), name);
      /* Translators: the first and the last day of an absence. */
      body = g_strdup_printf (_("Away from %s until %s. Which day were they away last?"), first, last);
      self = dag_change_dialog_new (parent, heading, body, _("_End Absence"));
      dag_change_dialog_add_date (self, "to", _("Last Day Away"), to);
    }
  dag_change_dialog_set_check (self, check_absence, d, g_free);
  return self;
}
