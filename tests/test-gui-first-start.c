/* test-gui-first-start.c — the window on an empty database: its three ways
 * to an organisation (import a file, try the demo, the new-organisation
 * assistant), a bad file refused with nothing changed, the Week plan as the
 * first view, and screenshots of the first-start page
 * (first-start-SIZE-LANG-SCHEME.png in the build directory). */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>
#include <string.h>

#include "dag-application.h"
#include "dag-demo.h"
#include "dag-gui-test.h"
#include "dag-new-org-assistant.h"
#include "dag-window.h"

typedef struct {
  char      *dir;
  char      *path;
  DagStore  *store;
  DagWindow *window;
} Fixture;

static DagApplication *application;
static const char *lang = "en";

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("dagritme-first-start-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "test.db", NULL);
  f->store = dag_store_open (f->path, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  GList *toplevels = gtk_window_list_toplevels ();

  /* Dialogs and the assistant go with the test that opened them. */
  for (GList *l = toplevels; l; l = l->next)
    if (l->data != f->window)
      gtk_window_destroy (l->data);
  g_list_free (toplevels);
  if (f->window != NULL)
    gtk_window_destroy (GTK_WINDOW (f->window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&f->store);
  dag_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static void
open_empty_window (Fixture *f, int width, int height)
{
  f->window = dag_window_new (application, f->store, NULL);
  gtk_window_set_default_size (GTK_WINDOW (f->window), width, height);
  gtk_window_present (GTK_WINDOW (f->window));
  dag_test_wait_until (dag_test_window_loaded, f->window);
  g_assert_cmpstr (dag_window_get_state (f->window), ==, "empty");
}

static void
wait_for_load (Fixture *f)
{
  dag_test_wait_until (dag_test_window_loaded, f->window);
}

static void
find_buttons (GtkWidget *widget,
              GPtrArray *out)
{
  if (GTK_IS_BUTTON (widget) && gtk_widget_is_drawable (widget) &&
      gtk_button_get_label (GTK_BUTTON (widget)) != NULL)
    g_ptr_array_add (out, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    find_buttons (child, out);
}

static gboolean
store_is_empty (DagStore *store)
{
  g_autoptr(GError) error = NULL;
  gboolean empty = FALSE;

  g_assert_true (dag_store_is_empty (store, &empty, &error));
  g_assert_no_error (error);
  return empty;
}

static GtkWindow *
find_toplevel (GType type)
{
  GList *toplevels = gtk_window_list_toplevels ();
  GtkWindow *found = NULL;

  for (GList *l = toplevels; l && found == NULL; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type) && gtk_widget_get_visible (l->data))
      found = l->data;
  g_list_free (toplevels);
  return found;
}

/* ---- the empty state ---------------------------------------------------- */

static void
test_buttons (Fixture *f, gconstpointer data)
{
  static const char * const actions[] = {
    "win.import-organisation", "win.new-organisation", "win.create-demo",
  };
  static const int sizes[][2] = { { 1024, 700 }, { 1600, 1000 } };
  const char *schemes[] = { "light", "dark" };
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  open_empty_window (f, 1024, 700);
  dag_test_wait_for_frames (GTK_WIDGET (f->window), 2);
  find_buttons (GTK_WIDGET (f->window), buttons);
  /* The empty state offers exactly these three, and no terminal command. */
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      gboolean found = FALSE;

      for (guint j = 0; j < buttons->len; j++)
        if (g_strcmp0 (gtk_actionable_get_action_name (buttons->pdata[j]), actions[i]) == 0)
          found = TRUE;
      g_assert_true (found);
      g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (buttons->pdata[0])));
    }
  if (g_str_equal (lang, "en"))
    {
      g_autoptr(GString) labels = g_string_new (NULL);

      for (guint j = 0; j < buttons->len; j++)
        g_string_append_printf (labels, "%s\n", gtk_button_get_label (buttons->pdata[j]));
      g_assert_nonnull (strstr (labels->str, "_Import an Organisation File…\n"));
      g_assert_nonnull (strstr (labels->str, "_Try the Demo Organisation\n"));
      g_assert_nonnull (strstr (labels->str, "_Start a New Organisation…\n"));
    }

  /* A window of each size, as a first start would open it. */
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      gtk_window_destroy (GTK_WINDOW (f->window));
      open_empty_window (f, sizes[i][0], sizes[i][1]);
      for (guint s = 0; s < G_N_ELEMENTS (schemes); s++)
        {
          g_autofree char *name = g_strdup_printf ("first-start-%dx%d-%s-%s", sizes[i][0], sizes[i][1],
                                                   lang, schemes[s]);

          adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                              s == 0 ? ADW_COLOR_SCHEME_FORCE_LIGHT : ADW_COLOR_SCHEME_FORCE_DARK);
          dag_test_save_screenshot (GTK_WIDGET (f->window), name);
        }
    }
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
}

/* ---- the demo ----------------------------------------------------------- */

static void
test_demo (Fixture *f, gconstpointer data)
{
  open_empty_window (f, 1280, 800);
  /* Shown elsewhere last time: a new organisation still starts on the
   * Week plan. */
  dag_window_set_view (f->window, "production");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.create-demo", NULL));
  /* Generated on a thread, with the spinner meanwhile. */
  g_assert_cmpstr (dag_window_get_state (f->window), ==, "loading");
  wait_for_load (f);
  g_assert_cmpstr (dag_window_get_state (f->window), ==, "views");
  g_assert_cmpstr (dag_window_get_view (f->window), ==, "week");
  g_assert_cmpuint (dag_window_get_org (f->window)->participants->len, ==, DAG_DEMO_DEFAULT_PARTICIPANTS);
  g_assert_false (store_is_empty (f->store));

  /* The "Export saved" toast's "Open" button has its action (a file URI). */
  {
    GtkWidgetClass *klass = g_type_class_peek (DAG_TYPE_PRODUCTION_VIEW);
    const GVariantType *parameter = NULL;
    const char *name = NULL;
    const char *property = NULL;
    GType owner;
    gboolean found = FALSE;

    /* GTK 4.8 writes every out argument. */
    for (guint i = 0; gtk_widget_class_query_action (klass, i, &owner, &name, &parameter, &property); i++)
      if (g_str_equal (name, "production.open-export"))
        {
          found = TRUE;
          g_assert_true (g_variant_type_equal (parameter, G_VARIANT_TYPE_STRING));
        }
    g_assert_true (found);
  }
}

/* ---- importing ---------------------------------------------------------- */

static void
test_import (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "organisation.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  open_empty_window (f, 1280, 800);
  dag_window_import_file (f->window, file);
  g_assert_cmpstr (dag_window_get_state (f->window), ==, "loading");
  wait_for_load (f);
  g_assert_cmpstr (dag_window_get_state (f->window), ==, "views");
  g_assert_cmpstr (dag_window_get_view (f->window), ==, "week");
  g_assert_cmpstr (dag_window_get_org (f->window)->name, ==, "Zorgboerderij De Linde");
  g_assert_null (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));

  /* Never over an organisation that is there. */
  dag_window_import_file (f->window, file);
  g_assert_cmpstr (dag_window_get_state (f->window), ==, "views");
}

static void
test_import_bad (Fixture *f, gconstpointer data)
{
  g_autofree char *good = g_test_build_filename (G_TEST_DIST, "data", "organisation.json", NULL);
  g_autofree char *bad = g_build_filename (f->dir, "broken.json", NULL);
  g_autofree char *text = NULL;
  g_autofree char *broken = NULL;
  g_auto(GStrv) parts = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (bad);
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;
  const char *body;

  /* The second participant's BSN one digit off: the whole file is
   * refused, the dialog names the file and the JSON path. */
  g_assert_true (g_file_get_contents (good, &text, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (text, "\"bsn\": \"123456782\""));
  parts = g_strsplit (text, "\"bsn\": \"123456782\"", 2);
  broken = g_strjoinv ("\"bsn\": \"123456783\"", parts);
  g_assert_true (g_file_set_contents (bad, broken, -1, &error));
  g_assert_no_error (error);

  open_empty_window (f, 1024, 700);
  dag_window_import_file (f->window, file);
  wait_for_load (f);
  g_assert_cmpstr (dag_window_get_state (f->window), ==, "empty");
  dialog = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  body = adw_message_dialog_get_body (dialog);
  g_assert_nonnull (strstr (body, "broken.json: "));
  g_assert_nonnull (strstr (body, "participants[1].bsn"));
  /* Never the BSN itself. */
  g_assert_null (strstr (body, "123456783"));
  g_assert_true (store_is_empty (f->store));
  {
    g_autofree char *name = g_strdup_printf ("first-start-import-error-%s", lang);

    dag_test_save_screenshot (GTK_WIDGET (dialog), name);
  }
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* Not JSON at all, or no file: refused the same way. */
  g_assert_true (g_file_set_contents (bad, "{ \"format\": ", -1, &error));
  dag_window_import_file (f->window, file);
  wait_for_load (f);
  g_assert_cmpstr (dag_window_get_state (f->window), ==, "empty");
  dialog = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "broken.json: "));
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_true (store_is_empty (f->store));
}

/* ---- the new-organisation assistant ------------------------------------- */

static GtkWidget *
child (DagNewOrgAssistant *assistant,
       const char         *name)
{
  GObject *widget = gtk_widget_get_template_child (GTK_WIDGET (assistant), DAG_TYPE_NEW_ORG_ASSISTANT, name);

  g_assert_nonnull (widget);
  return GTK_WIDGET (widget);
}

static void
set_text (DagNewOrgAssistant *assistant,
          const char         *name,
          const char         *text)
{
  gtk_editable_set_text (GTK_EDITABLE (child (assistant, name)), text);
}

static void
next (DagNewOrgAssistant *assistant)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (assistant), "new-org.next", NULL));
}

static void
shoot_assistant (DagNewOrgAssistant *assistant,
                 const char         *page)
{
  g_autofree char *name = g_strdup_printf ("first-start-assistant-%s-%s", page, lang);

  dag_test_save_screenshot (GTK_WIDGET (assistant), name);
}

static void
test_assistant (Fixture *f, gconstpointer data)
{
  DagNewOrgAssistant *assistant;
  const DagOrg *org;
  const DagGroup *group;
  const DagContract *contract;

  open_empty_window (f, 1024, 700);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new-organisation", NULL));
  assistant = DAG_NEW_ORG_ASSISTANT (find_toplevel (DAG_TYPE_NEW_ORG_ASSISTANT));
  g_assert_nonnull (assistant);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (assistant)) == GTK_WINDOW (f->window));
  g_assert_cmpint (dag_new_org_assistant_get_page (assistant), ==, DAG_NEW_ORG_PAGE_ORGANISATION);

  /* An empty name, then a wrong AGB code, keep it on the first page. */
  next (assistant);
  g_assert_cmpint (dag_new_org_assistant_get_page (assistant), ==, DAG_NEW_ORG_PAGE_ORGANISATION);
  g_assert_nonnull (dag_new_org_assistant_get_error (assistant));
  set_text (assistant, "name_row", "Zorgboerderij Het Veld");
  set_text (assistant, "agb_row", "1234");
  next (assistant);
  g_assert_cmpint (dag_new_org_assistant_get_page (assistant), ==, DAG_NEW_ORG_PAGE_ORGANISATION);
  g_assert_nonnull (dag_new_org_assistant_get_error (assistant));
  shoot_assistant (assistant, "error");
  set_text (assistant, "agb_row", "98765432");
  next (assistant);
  g_assert_cmpint (dag_new_org_assistant_get_page (assistant), ==, DAG_NEW_ORG_PAGE_LOCATION);
  g_assert_null (dag_new_org_assistant_get_error (assistant));

  /* The location: an afternoon that ends before it starts is refused. */
  /* A name that shows reversed (U+202E) is refused on its page. */
  set_text (assistant, "location_name_row", "Het \u202EdleV");
  set_text (assistant, "address_row", "Veldweg 3, 6871 AB Renkum");
  next (assistant);
  g_assert_cmpint (dag_new_org_assistant_get_page (assistant), ==, DAG_NEW_ORG_PAGE_LOCATION);
  g_assert_nonnull (dag_new_org_assistant_get_error (assistant));
  g_assert_nonnull (strstr (dag_new_org_assistant_get_error (assistant), "U+202E"));
  set_text (assistant, "location_name_row", "Het Veld");
  set_text (assistant, "pm_end_entry", "12:00");
  next (assistant);
  g_assert_cmpint (dag_new_org_assistant_get_page (assistant), ==, DAG_NEW_ORG_PAGE_LOCATION);
  g_assert_nonnull (dag_new_org_assistant_get_error (assistant));
  set_text (assistant, "pm_end_entry", "16:00");
  /* Correcting the field takes the message away. */
  g_assert_null (dag_new_org_assistant_get_error (assistant));
  shoot_assistant (assistant, "location");
  next (assistant);
  g_assert_cmpint (dag_new_org_assistant_get_page (assistant), ==, DAG_NEW_ORG_PAGE_GROUP);

  /* Back and forth keeps what was typed. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (assistant), "new-org.back", NULL));
  g_assert_cmpint (dag_new_org_assistant_get_page (assistant), ==, DAG_NEW_ORG_PAGE_LOCATION);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (assistant, "location_name_row"))), ==, "Het Veld");
  next (assistant);

  /* The group: mornings only.  A name longer than the import takes is
   * refused on its page, not as a JSON path at the end. */
  {
    g_autofree char *long_name = g_strnfill (201, 'M');

    set_text (assistant, "group_name_row", long_name);
    next (assistant);
    g_assert_cmpint (dag_new_org_assistant_get_page (assistant), ==, DAG_NEW_ORG_PAGE_GROUP);
    if (g_strcmp0 (dag_new_org_assistant_get_error (assistant), "Name: is longer than 200 characters") != 0 &&
        g_strcmp0 (dag_new_org_assistant_get_error (assistant), "Naam: is langer dan 200 tekens") != 0)
      g_error ("expected the group name refused, got “%s”", dag_new_org_assistant_get_error (assistant));
  }
  set_text (assistant, "group_name_row", "Moestuin");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (child (assistant, "capacity_spin")), 10);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (child (assistant, "pm_toggle")), FALSE);
  shoot_assistant (assistant, "group");
  next (assistant);
  g_assert_cmpint (dag_new_org_assistant_get_page (assistant), ==, DAG_NEW_ORG_PAGE_CONTRACT);

  /* The contract; a tariff that is no amount is refused. */
  set_text (assistant, "municipality_code_row", "0274");
  set_text (assistant, "municipality_name_row", "Renkum\u2028");
  set_text (assistant, "product_row", "M3");
  set_text (assistant, "product_code_row", "04A03");
  set_text (assistant, "product_name_row", "Dagbesteding");
  set_text (assistant, "tariff_row", "34,50");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (assistant), "new-org.create", NULL));
  g_assert_nonnull (dag_new_org_assistant_get_error (assistant));
  g_assert_nonnull (strstr (dag_new_org_assistant_get_error (assistant), "U+2028"));
  g_assert_null (strstr (dag_new_org_assistant_get_error (assistant), "municipalities[0]"));
  g_assert_cmpstr (dag_window_get_state (f->window), ==, "empty");
  set_text (assistant, "municipality_name_row", "Renkum");
  set_text (assistant, "product_row", "M3");
  set_text (assistant, "product_code_row", "04A03");
  set_text (assistant, "product_name_row", "Dagbesteding");
  set_text (assistant, "tariff_row", "veel");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (assistant), "new-org.create", NULL));
  g_assert_nonnull (dag_new_org_assistant_get_error (assistant));
  g_assert_cmpstr (dag_window_get_state (f->window), ==, "empty");
  set_text (assistant, "tariff_row", "34,50");
  shoot_assistant (assistant, "contract");
  g_object_add_weak_pointer (G_OBJECT (assistant), (gpointer *) &assistant);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (assistant), "new-org.create", NULL));
  /* Saved on a thread in one transaction, then shown on the Week plan. */
  wait_for_load (f);
  g_assert_null (assistant);
  g_assert_cmpstr (dag_window_get_state (f->window), ==, "views");
  g_assert_cmpstr (dag_window_get_view (f->window), ==, "week");
  g_assert_false (store_is_empty (f->store));

  org = dag_window_get_org (f->window);
  g_assert_cmpstr (org->name, ==, "Zorgboerderij Het Veld");
  g_assert_cmpstr (org->agb_code, ==, "98765432");
  g_assert_cmpuint (org->locations->len, ==, 1);
  g_assert_cmpuint (org->groups->len, ==, 1);
  g_assert_cmpuint (org->contracts->len, ==, 1);
  g_assert_cmpuint (org->municipalities->len, ==, 1);
  group = DAG_AT (org->groups, DagGroup, 0);
  g_assert_cmpstr (group->name, ==, "Moestuin");
  g_assert_cmpint (group->capacity, ==, 10);
  /* Monday to Friday mornings. */
  for (int day = 0; day < 5; day++)
    {
      g_assert_true (group->slots & DAG_SLOT_BIT (DAG_SLOT (day, DAG_PART_AM)));
      g_assert_false (group->slots & DAG_SLOT_BIT (DAG_SLOT (day, DAG_PART_PM)));
    }
  contract = DAG_AT (org->contracts, DagContract, 0);
  g_assert_cmpuint (contract->products->len, ==, 1);
  g_assert_cmpstr (DAG_AT (contract->products, DagProduct, 0)->product, ==, "M3");
  g_assert_cmpint (DAG_AT (contract->products, DagProduct, 0)->tariff_cents, ==, 3450);
  {
    g_autofree char *name = g_strdup_printf ("first-start-new-org-week-%s", lang);

    dag_test_save_screenshot (GTK_WIDGET (f->window), name);
  }
}

static void
test_assistant_cancel (Fixture *f, gconstpointer data)
{
  DagNewOrgAssistant *assistant;

  open_empty_window (f, 1024, 700);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new-organisation", NULL));
  assistant = DAG_NEW_ORG_ASSISTANT (find_toplevel (DAG_TYPE_NEW_ORG_ASSISTANT));
  g_assert_nonnull (assistant);
  g_object_add_weak_pointer (G_OBJECT (assistant), (gpointer *) &assistant);
  set_text (assistant, "name_row", "Half ingevuld");
  gtk_window_close (GTK_WINDOW (assistant));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_null (assistant);
  g_assert_cmpstr (dag_window_get_state (f->window), ==, "empty");
  g_assert_true (store_is_empty (f->store));
}

/* ---- the first view ----------------------------------------------------- */

static void
test_opens_on_week (Fixture *f, gconstpointer data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GError) error = NULL;
  g_autoptr(DagOrg) org = NULL;
  DagDemoOptions options;

  /* No view remembered: the window opens on the Week plan. */
  g_settings_reset (settings, "last-view");
  dag_demo_options_init (&options);
  options.participants = DAG_DEMO_MIN_PARTICIPANTS;
  org = dag_demo_generate (&options);
  g_assert_true (dag_store_save (f->store, org, DAG_SECTION_ALL, "test", &error));
  g_assert_no_error (error);
  f->window = dag_test_open_window (application, f->store, 1024, 700);
  g_assert_cmpstr (dag_window_get_view (f->window), ==, "week");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  const char *localedir = g_getenv ("DAGRITME_TEST_LOCALEDIR");
  int status;

  /* "--dutch": the whole run in Dutch (a language is a process). */
  if (argc > 1 && g_str_equal (argv[argc - 1], "--dutch"))
    {
      argv[--argc] = NULL;
      lang = "nl";
      g_setenv ("LANGUAGE", "nl", TRUE);
      g_setenv ("LC_ALL", "nl_NL.UTF-8", TRUE);
    }
  if (setlocale (LC_ALL, "") == NULL)
    {
      g_test_init (&argc, &argv, NULL);
      g_test_skip ("the locale is not installed");
      return g_test_run ();
    }
  bindtextdomain (GETTEXT_PACKAGE, localedir ? localedir : DAGRITME_TEST_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_test_init (&argc, &argv, NULL);
  application = dag_application_new ();
  g_application_register (G_APPLICATION (application), NULL, &error);
  g_assert_no_error (error);
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/gui-first-start/buttons", test_buttons);
  ADD ("/gui-first-start/demo", test_demo);
  ADD ("/gui-first-start/import", test_import);
  ADD ("/gui-first-start/import-bad", test_import_bad);
  ADD ("/gui-first-start/assistant", test_assistant);
  ADD ("/gui-first-start/assistant-cancel", test_assistant_cancel);
  ADD ("/gui-first-start/opens-on-week", test_opens_on_week);
#undef ADD
  status = g_test_run ();
  g_clear_object (&application);
  return status;
}
