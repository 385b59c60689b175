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
        {
          g_autoptr(GSettings) settings = g_settings_new (APP_ID);
          g_autofree char *shared = g_settings_get_string (settings, "shared-database");
          g_autofree char *fallback = dag_store_default_path ();

          /* The shared database chosen in the window, unless the command
           * line or DAGRITME_DATABASE names one. */
          if (*shared != '\0' && g_strcmp0 (self->database, fallback) == 0)
            {
              g_free (self->database);
              self->database = g_steal_pointer (&shared);
            }
          self->store = dag_store_open (self->database, &error);
        }
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

gboolean
dag_application_connect (DagApplication *self,
                         const char     *where,
                         GError        **error)
{
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GList) windows = NULL;
  DagStore *store;
  DagWindow *window;

  g_return_val_if_fail (DAG_IS_APPLICATION (self), FALSE);
  g_return_val_if_fail (where != NULL, FALSE);

  store = dag_store_open (where, error);
  if (store == NULL)
    return FALSE;
  settings = g_settings_new (APP_ID);
  /* Never a password: the URI as the store shows it. */
  g_settings_set_string (settings, "shared-database", dag_store_is_shared (store) ? dag_store_get_path (store) : "");
  g_free (self->database);
  self->database = g_strdup (where);
  windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));
  g_set_object (&self->store, store);
  g_object_unref (store);
  window = dag_window_new (self, self->store, NULL);
  gtk_window_present (GTK_WINDOW (window));
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));
  return TRUE;
}

static void connect_response_cb (AdwMessageDialog *dialog, const char *response, gpointer user_data);

static void
connect_shared_activated (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  DagApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *shared = g_settings_get_string (settings, "shared-database");
  GtkWidget *dialog, *entry;

  dialog = adw_message_dialog_new (parent, _("Connect to a Shared Database"),
                                   _("Several coordinators, the administration and begeleiders can work in one organisation at once on a PostgreSQL server (see “dagritme admin init-server”). Enter its address; keep the password in ~/.pgpass."));
  entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), "postgresql://user@server/dagritme");
  gtk_editable_set_text (GTK_EDITABLE (entry), *shared ? shared : "");
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Database address"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "file", _("Use the _Local File"),
                                    "connect", _("C_onnect"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "connect", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "connect");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  if (self->store == NULL || !dag_store_is_shared (self->store))
    adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "file", FALSE);
  g_object_set_data (G_OBJECT (dialog), "entry", entry);
  g_signal_connect (dialog, "response", G_CALLBACK (connect_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
connect_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     gpointer          user_data)
{
  DagApplication *self = user_data;
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "entry");
  g_autofree char *where = NULL;
  g_autoptr(GError) error = NULL;

  if (g_str_equal (response, "file"))
    where = dag_store_default_path ();
  else if (g_str_equal (response, "connect"))
    where = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  else
    return;
  if (g_str_equal (response, "connect") && !dag_store_is_uri (where))
    g_set_error (&error, DAG_STORE_ERROR, DAG_STORE_ERROR_OPEN,
                 _("“%s” is not the address of a shared database; it starts with postgresql://"), where);
  if (error == NULL && dag_application_connect (self, where, &error))
    return;
  {
    GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
    GtkWidget *alert = adw_message_dialog_new (parent, _("Could Not Connect"), error->message);

    adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (alert), "close", _("_Close"));
    gtk_window_present (GTK_WINDOW (alert));
  }
}

static const GActionEntry app_actions[] = {
  { .name = "quit", .activate = quit_activated },
  { .name = "about", .activate = about_activated },
  { .name = "connect-shared", .activate = connect_shared_activated },
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
