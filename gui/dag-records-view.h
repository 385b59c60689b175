/* dag-records-view.h — the Organisation view: the locations, groups, staff,
 * vehicles and contracts of the organisation in a searchable list, with a
 * form that edits, adds and deletes them, checked as the person types. */

#pragma once

#include <adwaita.h>

#include "dag-record-form.h"
#include "dag-store.h"

G_BEGIN_DECLS

#define DAG_TYPE_RECORDS_VIEW (dag_records_view_get_type ())
G_DECLARE_FINAL_TYPE (DagRecordsView, dag_records_view, DAG, RECORDS_VIEW, AdwBin)

/* Shows org (owned by the caller, which keeps it alive until the next call
 * or NULL).  Saved edits change org's records in place and emit "changed";
 * adds and deletes reload the window. */
void           dag_records_view_set_org      (DagRecordsView *self,
                                              DagStore       *store,
                                              DagOrg         *org);
/* Which kind of record the list shows: DAG_KIND_LOCATION, _GROUP, _STAFF,
 * _VEHICLE or _CONTRACT. */
void           dag_records_view_set_kind     (DagRecordsView *self,
                                              DagKind         kind);
DagKind        dag_records_view_get_kind     (DagRecordsView *self);
/* Selects the record with id in the list and shows it; FALSE when the
 * list does not hold it. */
gboolean       dag_records_view_select       (DagRecordsView *self,
                                              const char     *id);
/* Shows an empty form for a new record of the shown kind. */
void           dag_records_view_add          (DagRecordsView *self);
/* Saves the form (as the Save button does); FALSE when it could not. */
gboolean       dag_records_view_save         (DagRecordsView *self);
/* Asks whether to delete the shown record; returns the dialog (an
 * AdwMessageDialog with responses "cancel" and "delete"), or NULL. */
GtkWidget     *dag_records_view_delete       (DagRecordsView *self);
DagRecordForm *dag_records_view_get_form     (DagRecordsView *self);
GtkWidget     *dag_records_view_get_save_button (DagRecordsView *self);
/* The line under the form that says what is wrong (or why a save or
 * delete was refused). */
GtkLabel      *dag_records_view_get_message_label (DagRecordsView *self);
/* The AdwMessageDialog (responses "cancel", "discard", "save") that asks
 * what to do with the form's unsaved edits when the person selects another
 * record or kind, while it is open; NULL otherwise. */
GtkWidget     *dag_records_view_get_unsaved_dialog (DagRecordsView *self);
/* Whether the form holds edits that are not saved. */
gboolean       dag_records_view_has_unsaved  (DagRecordsView *self);
/* Asks (the dialog of dag_records_view_get_unsaved_dialog) what to do with
 * the unsaved edits as the window closes, and closes it after Save or
 * Discard. */
void           dag_records_view_ask_before_close (DagRecordsView *self);
/* The number of records the list shows (after the search). */
guint          dag_records_view_get_n_shown  (DagRecordsView *self);
void           dag_records_view_set_search   (DagRecordsView *self,
                                              const char     *text);

G_END_DECLS
