/* dag-change-dialog.h — a small dialog that asks for one change of dates
 * (an absence, its end, an extra dagdeel, a swap): a few rows, what is
 * wrong said in the dialog while the user types, and one response that
 * makes the change. */

#pragma once

#include <adwaita.h>

#include "dag-store-absence.h"

G_BEGIN_DECLS

#define DAG_TYPE_CHANGE_DIALOG (dag_change_dialog_get_type ())
G_DECLARE_FINAL_TYPE (DagChangeDialog, dag_change_dialog, DAG, CHANGE_DIALOG, AdwMessageDialog)

/* Whether the rows of dialog make a change that can be made; FALSE with
 * error set (its message is shown in the dialog) when not. */
typedef gboolean (*DagChangeCheck) (DagChangeDialog *dialog,
                                    gpointer         user_data,
                                    GError         **error);

/* A modal dialog over parent with responses "cancel" and "apply" (labelled
 * apply_label).  "apply" is enabled only while the check passes, and the
 * dialog emits "apply" (before it closes) when it is chosen. */
DagChangeDialog *dag_change_dialog_new       (GtkWindow       *parent,
                                              const char      *heading,
                                              const char      *body,
                                              const char      *apply_label);
/* Sets the check, run now and after every change of a row. */
void             dag_change_dialog_set_check (DagChangeDialog *self,
                                              DagChangeCheck   check,
                                              gpointer         user_data,
                                              GDestroyNotify   destroy);
/* Adds a row named name: a date (DD-MM-YYYY, with a calendar; date may be
 * DAG_DATE_NONE), a line of text, or a choice among the strings of model
 * (a GtkStringList; searchable when long). */
AdwEntryRow     *dag_change_dialog_add_date  (DagChangeDialog *self,
                                              const char      *name,
                                              const char      *title,
                                              DagDate          date);
AdwEntryRow     *dag_change_dialog_add_text  (DagChangeDialog *self,
                                              const char      *name,
                                              const char      *title,
                                              const char      *text);
GtkDropDown     *dag_change_dialog_add_choice (DagChangeDialog *self,
                                               const char      *name,
                                               const char      *title,
                                               GListModel      *model,
                                               guint            selected);
/* The widget of row name: an AdwEntryRow or a GtkDropDown. */
GtkWidget       *dag_change_dialog_get_row   (DagChangeDialog *self,
                                              const char      *name);
/* The date in row name, DAG_DATE_NONE when it is not one. */
DagDate          dag_change_dialog_get_date  (DagChangeDialog *self,
                                              const char      *name);
const char      *dag_change_dialog_get_text  (DagChangeDialog *self,
                                              const char      *name);
/* The position chosen in row name, GTK_INVALID_LIST_POSITION for none. */
guint            dag_change_dialog_get_selected (DagChangeDialog *self,
                                                 const char      *name);
/* Runs the check again (the rows a check reads may depend on each other). */
void             dag_change_dialog_recheck   (DagChangeDialog *self);
/* What is wrong, as shown in the dialog, or NULL when "apply" can be
 * chosen. */
const char      *dag_change_dialog_get_message (DagChangeDialog *self);

/* The dialog of an absence of who (of: a participant or a staff member,
 * an index into org): a new one with rows "from" (preset from), "to"
 * (preset to) and "reason"; or, with index >= 0 (into org's array of
 * absences), one row "to" with the new last day of that absence (preset
 * to).  The check is that of dag_store_check_absence, and the days that
 * change must not lie in a frozen week (dag_store_check_dates_open with
 * today).  org must outlive the dialog; the caller makes the change on
 * "apply". */
DagChangeDialog *dag_change_dialog_new_absence (GtkWindow    *parent,
                                                const DagOrg *org,
                                                DagAbsenceOf  of,
                                                int           who,
                                                int           index,
                                                DagDate       from,
                                                DagDate       to);
/* "Friday 20 November", a date in a sentence (newly allocated). */
char            *dag_change_dialog_format_day (DagDate date);

G_END_DECLS
