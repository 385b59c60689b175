/* dag-participant-editor.h — a window that edits one participant, checks
 * every field as the person types, and saves through the store. */

#pragma once

#include <adwaita.h>

#include "dag-store.h"

G_BEGIN_DECLS

#define DAG_TYPE_PARTICIPANT_EDITOR (dag_participant_editor_get_type ())
G_DECLARE_FINAL_TYPE (DagParticipantEditor, dag_participant_editor, DAG, PARTICIPANT_EDITOR, AdwWindow)

/* An editor for participant index of org, saving into store.  org must
 * outlive the editor.  After a successful save the editor emits "saved"
 * with the written DagParticipant (valid during the emission) and closes. */
DagParticipantEditor *dag_participant_editor_new (DagStore     *store,
                                                  const DagOrg *org,
                                                  guint         index);
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

G_END_DECLS
