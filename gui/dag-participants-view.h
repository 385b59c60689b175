/* dag-participants-view.h — the Participants view: a searchable, sortable
 * list of participants and the details of the selected one. */

#pragma once

#include <adwaita.h>

#include "dag-participant-item.h"
#include "dag-store.h"

G_BEGIN_DECLS

#define DAG_TYPE_PARTICIPANTS_VIEW (dag_participants_view_get_type ())
G_DECLARE_FINAL_TYPE (DagParticipantsView, dag_participants_view, DAG, PARTICIPANTS_VIEW, AdwBin)

/* Shows participants (a list of DagParticipantItem; the view takes a
 * reference).  NULL clears the view. */
void                dag_participants_view_set_model     (DagParticipantsView *self,
                                                         GListModel          *participants);
/* Puts participants (DagParticipantItems) in the order the view first
 * shows them, by name, so that showing them costs no sorting on the main
 * thread.  Call it on the loading thread, before dag_participants_view_set_model(). */
void                dag_participants_view_presort       (GListStore          *participants);
/* The participants after search and sorting, as the list shows them. */
GListModel         *dag_participants_view_get_shown     (DagParticipantsView *self);
void                dag_participants_view_focus_search  (DagParticipantsView *self);
void                dag_participants_view_set_search    (DagParticipantsView *self,
                                                         const char          *text);
/* Selects the participant at position of the shown list. */
void                dag_participants_view_select        (DagParticipantsView *self,
                                                         guint                position);
DagParticipantItem *dag_participants_view_get_selected  (DagParticipantsView *self);
GtkColumnView      *dag_participants_view_get_column_view (DagParticipantsView *self);
/* The rows of the detail pane that list the selected participant's
 * indications. */
GtkListBox         *dag_participants_view_get_indication_list (DagParticipantsView *self);

/* Turns on editing: edits are written to store and applied to org (the
 * window's snapshot, which must outlive the view's use of it).  NULL turns
 * editing off. */
void                dag_participants_view_set_store     (DagParticipantsView *self,
                                                         DagStore            *store,
                                                         DagOrg              *org);
/* Opens the editor for the selected participant (what the Edit button
 * does); returns it, or NULL when nothing is selected or editing is off.
 * A save is one step on the window's undo stack (win.undo). */
GtkWindow          *dag_participants_view_edit_selected (DagParticipantsView *self);
/* Opens the editor for a new participant (the + button, Ctrl+N), or
 * returns NULL when editing is off.  Once added, the window reloads the
 * organisation and the new participant is selected. */
GtkWindow          *dag_participants_view_add_participant (DagParticipantsView *self);
/* Asks to confirm deleting the selected participant and returns that
 * dialog (an AdwMessageDialog, response "delete"), or NULL when nothing is
 * selected, editing is off, or they cannot be deleted (attendance is
 * registered for them: a toast says so). */
GtkWindow          *dag_participants_view_delete_selected (DagParticipantsView *self);
/* Opens the indication editor for a new indication of the selected
 * participant, or for their indication at position of the detail pane's
 * list.  NULL when there is none or editing is off. */
GtkWindow          *dag_participants_view_add_indication  (DagParticipantsView *self);
GtkWindow          *dag_participants_view_edit_indication (DagParticipantsView *self,
                                                           guint                position);
/* The confirmation last shown for deleting an indication, or NULL. */
GtkWindow          *dag_participants_view_get_last_dialog (DagParticipantsView *self);

G_END_DECLS
