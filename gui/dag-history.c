/* dag-history.c — the window's one undo stack of steps made by the views. */

#include "config.h"

#include "dag-history.h"
#include "dag-window.h"

typedef struct {
  gpointer        owner;
  char           *label;
  char           *view;
  DagHistoryApply apply;
  gpointer        data;
  GDestroyNotify  destroy;
} Step;

struct _DagHistory
{
  GObject    parent_instance;

  GPtrArray *steps;    /* Step *, oldest first */
  guint      n_done;   /* steps[0 .. n_done) are done, the rest undone */
};

G_DEFINE_FINAL_TYPE (DagHistory, dag_history, G_TYPE_OBJECT)

enum { CHANGED, APPLIED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
step_free (gpointer p)
{
  Step *step = p;

  if (step->destroy != NULL)
    step->destroy (step->data);
  g_free (step->label);
  g_free (step->view);
  g_free (step);
}

static void
dag_history_finalize (GObject *object)
{
  DagHistory *self = DAG_HISTORY (object);

  g_ptr_array_unref (self->steps);
  G_OBJECT_CLASS (dag_history_parent_class)->finalize (object);
}

static void
dag_history_class_init (DagHistoryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dag_history_finalize;

  /* Anything about the steps changed: done, undone, redone or forgotten. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* A step was undone (undo TRUE) or redone: label, view, undo. */
  signals[APPLIED] = g_signal_new ("applied", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 3,
                                   G_TYPE_STRING, G_TYPE_STRING, G_TYPE_BOOLEAN);
}

static void
dag_history_init (DagHistory *self)
{
  self->steps = g_ptr_array_new_with_free_func (step_free);
}

DagHistory *
dag_history_new (void)
{
  return g_object_new (DAG_TYPE_HISTORY, NULL);
}

DagHistory *
dag_history_for_widget (GtkWidget *widget)
{
  GtkRoot *root;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);
  root = gtk_widget_get_root (widget);
  if (!DAG_IS_WINDOW (root))
    return NULL;
  return dag_window_get_history (DAG_WINDOW (root));
}

void
dag_history_push (DagHistory      *self,
                  gpointer         owner,
                  const char      *label,
                  const char      *view,
                  DagHistoryApply  apply,
                  gpointer         data,
                  GDestroyNotify   destroy)
{
  Step *step;

  g_return_if_fail (DAG_IS_HISTORY (self));
  g_return_if_fail (label != NULL && apply != NULL);

  /* A new change makes the undone steps impossible to redo. */
  g_ptr_array_set_size (self->steps, self->n_done);
  step = g_new0 (Step, 1);
  step->owner = owner;
  step->label = g_strdup (label);
  step->view = g_strdup (view);
  step->apply = apply;
  step->data = data;
  step->destroy = destroy;
  g_ptr_array_add (self->steps, step);
  self->n_done = self->steps->len;
  g_signal_emit (self, signals[CHANGED], 0);
}

gboolean
dag_history_can_undo (DagHistory *self)
{
  g_return_val_if_fail (DAG_IS_HISTORY (self), FALSE);
  return self->n_done > 0;
}

gboolean
dag_history_can_redo (DagHistory *self)
{
  g_return_val_if_fail (DAG_IS_HISTORY (self), FALSE);
  return self->n_done < self->steps->len;
}

const char *
dag_history_get_undo_label (DagHistory *self)
{
  g_return_val_if_fail (DAG_IS_HISTORY (self), NULL);
  if (self->n_done == 0)
    return NULL;
  return ((Step *) g_ptr_array_index (self->steps, self->n_done - 1))->label;
}

const char *
dag_history_get_redo_label (DagHistory *self)
{
  g_return_val_if_fail (DAG_IS_HISTORY (self), NULL);
  if (self->n_done >= self->steps->len)
    return NULL;
  return ((Step *) g_ptr_array_index (self->steps, self->n_done))->label;
}

static gboolean
apply_step (DagHistory *self,
            gboolean    undo,
            GError    **error)
{
  Step *step;

  if (undo ? self->n_done == 0 : self->n_done >= self->steps->len)
    return FALSE;
  step = g_ptr_array_index (self->steps, undo ? self->n_done - 1 : self->n_done);
  if (!step->apply (step->data, undo, error))
    return FALSE;
  self->n_done += undo ? -1 : 1;
  /* The step may be forgotten by a handler: keep what the signal needs. */
  {
    g_autofree char *label = g_strdup (step->label);
    g_autofree char *view = g_strdup (step->view);

    g_signal_emit (self, signals[APPLIED], 0, label, view, undo);
  }
  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
}

gboolean
dag_history_undo (DagHistory *self,
                  GError    **error)
{
  g_return_val_if_fail (DAG_IS_HISTORY (self), FALSE);
  return apply_step (self, TRUE, error);
}

gboolean
dag_history_redo (DagHistory *self,
                  GError    **error)
{
  g_return_val_if_fail (DAG_IS_HISTORY (self), FALSE);
  return apply_step (self, FALSE, error);
}

void
dag_history_forget (DagHistory *self,
                    gpointer    owner)
{
  guint kept_done = 0;
  gboolean changed = FALSE;

  g_return_if_fail (DAG_IS_HISTORY (self));

  for (guint i = 0; i < self->steps->len;)
    {
      Step *step = g_ptr_array_index (self->steps, i);

      if (step->owner == owner)
        {
          g_ptr_array_remove_index (self->steps, i);
          changed = TRUE;
          if (i < self->n_done)
            self->n_done--;
          continue;
        }
      if (i < self->n_done)
        kept_done++;
      i++;
    }
  g_assert (kept_done == self->n_done);
  if (changed)
    g_signal_emit (self, signals[CHANGED], 0);
}

void
dag_history_clear (DagHistory *self)
{
  g_return_if_fail (DAG_IS_HISTORY (self));
  if (self->steps->len == 0)
    return;
  g_ptr_array_set_size (self->steps, 0);
  self->n_done = 0;
  g_signal_emit (self, signals[CHANGED], 0);
}
