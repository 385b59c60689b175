/* dag-participant-editor.h — a window that edits one participant, checks
 * every field as the person types, and saves through the store. */

#pragma once

#include <adwaita.h>

#include "dag-change-dialog.h"
#include "dag-store.h"

G_BEGIN_DECLS

#define DAG_TYPE_PARTICIPANT_EDITOR (dag_participant_editor_get_type ())
G_DECLARE_FINAL_TYPE (DagParticipantEditor, dag_participant_editor, DAG, PARTICIPANT_EDITOR, AdwWindow)

/* An editor for participant index of org, saving into store.  org must
 * outlive the editor.  After a successful save the editor emits "saved"
 * with the written DagParticipant (valid during the emission) and closes.
 * The participant's absences are changed in org and store at once (not
 * on Save), each a step on the undo stack of the window the editor is
 * transient for. */
DagParticipantEditor *dag_participant_editor_new (DagStore *store,
                                                  DagOrg   *org,
                                                  guint     index);
/* An editor for a new participant (the title says so, an id row shows a
 * free id); "saved" comes after dag_store_add_participant().  org must
 * outlive the editor. */
DagParticipantEditor *dag_participant_editor_new_participant (DagStore *store,
                                                              DagOrg   *org);
/* Whether the editor adds a new participant. */
gboolean   dag_participant_editor_is_adding       (DagParticipantEditor *self);
/* The rows, for tests: "id", "name", "bsn", "birth-date" or "address" (an
 * AdwEntryRow), "municipality" or "transport" (an AdwComboRow). */
GtkWidget *dag_participant_editor_get_row         (DagParticipantEditor *self,
                                                   const char           *field);
/* The message shown next to the row of field, or NULL when it is valid. */
const char *dag_participant_editor_get_message    (DagParticipantEditor *self,
                                                   const char           *field);
GtkWidget *dag_participant_editor_get_save_button (DagParticipantEditor *self);
/* The button beside the BSN: the row shows "*****1234" and cannot be
 * edited until it is active.  Text set in the masked row activates it. */
GtkToggleButton *dag_participant_editor_get_bsn_reveal (DagParticipantEditor *self);

/* The Absences group: the participant's absences, oldest first, a row
 * each. */
GtkWidget *dag_participant_editor_get_absences_group (DagParticipantEditor *self);
guint      dag_participant_editor_get_n_absences  (DagParticipantEditor *self);
/* The absence of row (an index into org->absences), -1 when none. */
int        dag_participant_editor_get_absence     (DagParticipantEditor *self,
                                                   guint                 row);
/* What "Add Absence…" and a row's "End…" open (presented; the change is
 * made on the dialog's "apply"), and what a row's remove button does.  A
 * day in a frozen week is refused, in the dialog or in a toast. */
DagChangeDialog *dag_participant_editor_add_absence (DagParticipantEditor *self);
DagChangeDialog *dag_participant_editor_end_absence (DagParticipantEditor *self,
                                                     guint                 row);
gboolean   dag_participant_editor_remove_absence  (DagParticipantEditor *self,
                                                   guint                 row);
/* The text of the last toast (a refusal, an error), or NULL. */
const char *dag_participant_editor_get_last_message (DagParticipantEditor *self);

G_END_DECLS
