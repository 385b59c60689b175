/* dag-indication-editor.h — a window that adds or edits one indication of
 * a participant, checks every field as the person types, and saves
 * through the store. */

#pragma once

#include <adwaita.h>

#include "dag-store.h"

G_BEGIN_DECLS

#define DAG_TYPE_INDICATION_EDITOR (dag_indication_editor_get_type ())
G_DECLARE_FINAL_TYPE (DagIndicationEditor, dag_indication_editor, DAG, INDICATION_EDITOR, AdwWindow)

/* An editor for indication index of org (-1: a new indication of
 * participant), saving into store; org must outlive the editor.  After a
 * successful save it emits "saved" with the written DagIndication (valid
 * during the emission) and closes; its Delete button emits
 * "delete-requested" and closes. */
DagIndicationEditor *dag_indication_editor_new (DagStore *store,
                                                DagOrg   *org,
                                                int       participant,
                                                int       index);
/* Makes today the end date (the End Today button); Save then ends the
 * indication. */
void        dag_indication_editor_end_today       (DagIndicationEditor *self);
/* The rows, for tests: "product", "level" or "per" (an AdwComboRow),
 * "allocation", "start", "end" or "units" (an AdwEntryRow). */
GtkWidget  *dag_indication_editor_get_row         (DagIndicationEditor *self,
                                                   const char          *field);
/* The message shown in the row of field, or NULL when it is valid. */
const char *dag_indication_editor_get_message     (DagIndicationEditor *self,
                                                   const char          *field);
GtkWidget  *dag_indication_editor_get_save_button (DagIndicationEditor *self);

G_END_DECLS
