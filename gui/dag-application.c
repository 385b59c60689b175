/* dag-application.c — the application: command line first (batch jobs run
 * without a display), then the store and the window. */

#include "config.h"

#include <glib/gi18n.h>

#include "dag-application.h"
#include "dag-cli.h"
#include "dag-window.h"

struct _DagApplication
{
  AdwApplication parent_instance;
  char          *database;
  DagStore      *store;
};

G_DEFINE_FINAL_TYPE (DagApplication, dag_application, ADW_TYPE_APPLICATION)

DagApplication *
dag_application_new (void)
{
  return g_object_new (DAG_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_NON_UNIQUE,
                       "resource-base-path", "/io/github/dagritme/Dagritme",
                       NULL);
}

DagStore *
dag_application_get_store (DagApplication *self)
{
  g_return_val_if_fail (DAG_IS_APPLICATION (self), NULL);
  return self->store;
}

static gboolean
dag_application_local_command_line (GApplication *app,
                                    char       ***arguments,
                                    int          *exit_status)
{
  DagApplication *self = DAG_APPLICATION (app);
  int argc = g_strv_length (*arguments);

  /* Batch commands, --help and --version never touch GTK. */
  g_clear_pointer (&self->database, g_free);
  if (dag_cli_main (argc, *arguments, &self->database, exit_status))
    return TRUE;

  return G_APPLICATION_CLASS (dag_application_parent_class)->local_command_line (app, arguments, exit_status);
}

static void
dag_application_activate (GApplication *app)
{
  DagApplication *self = DAG_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    {
      g_autoptr(GError) error = NULL;

      if (self->store == NULL)
        self->store = dag_store_open (self->database, &error);
      window = GTK_WINDOW (dag_window_new (self, self->store, error));
    }
  gtk_window_present (window);
}

static void
dag_application_finalize (GObject *object)
{
  DagApplication *self = DAG_APPLICATION (object);

  g_clear_object (&self->store);
  g_free (self->database);
  G_OBJECT_CLASS (dag_application_parent_class)->finalize (object);
}

static void
dag_application_class_init (DagApplicationClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dag_application_finalize;
  G_APPLICATION_CLASS (klass)->local_command_line = dag_application_local_command_line;
  G_APPLICATION_CLASS (klass)->activate = dag_application_activate;
}

static void
dag_application_init (DagApplication *self)
{
}
