/* dag-history.h — the window's one undo stack: every change made in any
 * view is a step that can be undone and redone with Ctrl+Z and
 * Ctrl+Shift+Z, whichever view is shown. */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Undoes (undo TRUE) or redoes one step, usually in one store transaction.
 * On error nothing may have changed: the step stays where it was. */
typedef gboolean (*DagHistoryApply) (gpointer   data,
                                     gboolean   undo,
                                     GError   **error);

#define DAG_TYPE_HISTORY (dag_history_get_type ())

G_DECLARE_FINAL_TYPE (DagHistory, dag_history, DAG, HISTORY, GObject)

DagHistory *dag_history_new        (void);

/* The history of the window widget is in, or NULL when it is in none (a
 * view tested on its own): then changes simply cannot be undone. */
DagHistory *dag_history_for_widget (GtkWidget *widget);

/* Records a step that was just done.  owner is the object that made it
 * (a view); label says what it did, in the user's language ("Move Anna to
 * Atelier, Monday morning"); view is the name of the view that shows it
 * ("week", "staff", …), which the window shows again on undo and redo.
 * Drops every step that was undone.  data is freed with destroy when the
 * step is dropped.  Emits "changed". */
void        dag_history_push       (DagHistory      *self,
                                    gpointer         owner,
                                    const char      *label,
                                    const char      *view,
                                    DagHistoryApply  apply,
                                    gpointer         data,
                                    GDestroyNotify   destroy);

gboolean    dag_history_can_undo   (DagHistory *self);
gboolean    dag_history_can_redo   (DagHistory *self);
/* The label of the step undo (redo) would take, or NULL. */
const char *dag_history_get_undo_label (DagHistory *self);
const char *dag_history_get_redo_label (DagHistory *self);

/* Undoes the last step done (redoes the last undone) and emits "applied"
 * (label, view, undo) and "changed".  Returns FALSE with error set when
 * the step failed (nothing changed, the step stays) and FALSE without
 * error when there was nothing to undo (redo). */
gboolean    dag_history_undo       (DagHistory *self,
                                    GError    **error);
gboolean    dag_history_redo       (DagHistory *self,
                                    GError    **error);

/* Forgets every step owner made, e.g. when a view is given another
 * organisation and its steps no longer apply. */
void        dag_history_forget     (DagHistory *self,
                                    gpointer    owner);
/* Forgets every step. */
void        dag_history_clear      (DagHistory *self);

G_END_DECLS
