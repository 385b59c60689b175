/* dag-window.c — the main window: a view switcher over the six views. */

#include "config.h"

#include <glib/gi18n.h>

#include "dag-window.h"

struct _DagWindow
{
  AdwApplicationWindow parent_instance;
  DagStore            *store;
};

G_DEFINE_FINAL_TYPE (DagWindow, dag_window, ADW_TYPE_APPLICATION_WINDOW)

static void
dag_window_dispose (GObject *object)
{
  g_clear_object (&DAG_WINDOW (object)->store);
  G_OBJECT_CLASS (dag_window_parent_class)->dispose (object);
}

static void
dag_window_class_init (DagWindowClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = dag_window_dispose;
}

static void
dag_window_init (DagWindow *self)
{
  gtk_window_set_default_size (GTK_WINDOW (self), 1200, 800);
  gtk_window_set_title (GTK_WINDOW (self), _("Dagritme"));
}

DagWindow *
dag_window_new (DagApplication *app,
                DagStore       *store,
                const GError   *error)
{
  DagWindow *self = g_object_new (DAG_TYPE_WINDOW, "application", app, NULL);

  g_set_object (&self->store, store);
  return self;
}
