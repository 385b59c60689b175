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

  /* dag_cli_main() has taken --database; GApplication would reject it as
   * an unknown option, and the window takes no other arguments. */
  {
    char *program = g_strdup ((*arguments)[0]);

    g_strfreev (*arguments);
    *arguments = g_new0 (char *, 2);
    (*arguments)[0] = program;
  }
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
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (app));

  /* Closing (not just quitting) lets each window save its size and view. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  const char *developers[] = { _("The Dagritme developers"), NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "application", app,
                        "transient-for", gtk_application_get_active_window (app),
                        "application-name", _("Dagritme"),
                        "application-icon", APP_ID,
                        "developer-name", _("The Dagritme developers"),
                        "developers", developers,
                        "version", PACKAGE_VERSION,
                        "website", "https://github.com/dagritme/dagritme",
                        "issue-url", "https://github.com/dagritme/dagritme/issues",
                        "comments", _("Plans day activities (dagbesteding): groups, staff, transport, attendance and production for invoicing."),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        /* Translators: your names, one per line. */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static const GActionEntry app_actions[] = {
  { .name = "quit", .activate = quit_activated },
  { .name = "about", .activate = about_activated },
};

static void
dag_application_startup (GApplication *app)
{
  static const struct { const char *action; const char *accels[2]; } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "win.search", { "<Control>f", NULL } },
    { "win.show-view::week", { "<Alt>1", NULL } },
    { "win.show-view::participants", { "<Alt>2", NULL } },
    { "win.show-view::staff", { "<Alt>3", NULL } },
    { "win.show-view::transport", { "<Alt>4", NULL } },
    { "win.show-view::attendance", { "<Alt>5", NULL } },
    { "win.show-view::production", { "<Alt>6", NULL } },
    { "win.show-view::organisation", { "<Alt>7", NULL } },
  };

  G_APPLICATION_CLASS (dag_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (app), accels[i].action, accels[i].accels);
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
  G_APPLICATION_CLASS (klass)->startup = dag_application_startup;
}

static void
dag_application_init (DagApplication *self)
{
}
