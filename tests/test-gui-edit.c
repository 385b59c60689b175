/* test-gui-edit.c — the participant editor under Xvfb on the demo
 * organisation: validation as you type, saving through the store, undo,
 * and screenshots (light and dark) in the build directory. */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "dag-application.h"
#include "dag-demo.h"
#include "dag-gui-test.h"
#include "dag-participant-editor.h"
#include "dag-window.h"

typedef struct {
  char      *dir;
  char      *path;
  DagStore  *store;
  DagWindow *window;
} Fixture;

static DagApplication *application;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DagOrg) org = NULL;
  DagDemoOptions options;

  f->dir = g_dir_make_tmp ("dagritme-edit-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "test.db", NULL);
  f->store = dag_store_open (f->path, &error);
  g_assert_no_error (error);
  dag_demo_options_init (&options);
  options.participants = 150;
  options.month = dag_date_from_ymd (2026, 10, 1);
  org = dag_demo_generate (&options);
  g_assert_true (dag_store_save (f->store, org, DAG_SECTION_ALL, "test", &error));
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  if (f->window)
    gtk_window_destroy (GTK_WINDOW (f->window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&f->store);
  dag_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static gboolean
window_loaded (gpointer data)
{
  return g_strcmp0 (dag_window_get_state (data), "loading") != 0;
}

/* The stored record of participant id, read back from the database. */
static DagOrg *
stored (Fixture *f, const char *id, const DagParticipant **p)
{
  g_autoptr(GError) error = NULL;
  DagOrg *org = dag_store_load (f->store, &error);
  int i;

  g_assert_no_error (error);
  i = dag_org_lookup (org, DAG_KIND_PARTICIPANT, id);
  g_assert_cmpint (i, >=, 0);
  *p = DAG_AT (org->participants, DagParticipant, i);
  return org;
}

static void
test_edit (Fixture *f, gconstpointer data)
{
  DagParticipantsView *view;
  DagParticipantEditor *editor;
  GtkWidget *bsn_row, *address_row, *save;
  g_autofree char *id = NULL;
  g_autofree char *old_bsn = NULL;
  g_autofree char *old_address = NULL;
  g_autofree char *old_name = NULL;
  char old_birth[DAG_DATE_BUF];
  DagTransport old_transport;
  const DagParticipant *p;
  DagOrg *org;

  f->window = dag_window_new (application, f->store, NULL);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1200, 800);
  gtk_window_present (GTK_WINDOW (f->window));
  dag_test_wait_until (window_loaded, f->window);
  g_assert_cmpstr (dag_window_get_state (f->window), ==, "views");
  dag_window_set_view (f->window, "participants");
  view = dag_window_get_participants_view (f->window);
  dag_participants_view_select (view, 0);
  id = g_strdup (dag_participant_item_get_id (dag_participants_view_get_selected (view)));

  org = stored (f, id, &p);
  old_bsn = g_strdup (p->bsn);
  old_address = g_strdup (p->address);
  old_name = g_strdup (p->name);
  dag_date_format (p->birth_date, old_birth);
  old_transport = p->transport;
  dag_org_free (org);

  editor = DAG_PARTICIPANT_EDITOR (dag_participants_view_edit_selected (view));
  g_assert_nonnull (editor);
  bsn_row = dag_participant_editor_get_row (editor, "bsn");
  address_row = dag_participant_editor_get_row (editor, "address");
  save = dag_participant_editor_get_save_button (editor);
  g_assert_true (gtk_widget_get_sensitive (save));
  g_assert_false (gtk_widget_has_css_class (bsn_row, "error"));

  /* 123456789 fails the 11-check: the row says so, without the number. */
  gtk_editable_set_text (GTK_EDITABLE (bsn_row), "123456789");
  g_assert_true (gtk_widget_has_css_class (bsn_row, "error"));
  g_assert_nonnull (dag_participant_editor_get_message (editor, "bsn"));
  g_assert_null (strstr (dag_participant_editor_get_message (editor, "bsn"), "123456789"));
  g_assert_false (gtk_widget_get_sensitive (save));
  dag_test_wait_for_frames (GTK_WIDGET (editor), 2);
  dag_test_save_screenshot (GTK_WIDGET (editor), "participant-editor");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  dag_test_wait_for_frames (GTK_WIDGET (editor), 2);
  dag_test_save_screenshot (GTK_WIDGET (editor), "participant-editor-dark");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);

  /* So are an empty name and a birth date in the future; fixing them
   * clears the error. */
  gtk_editable_set_text (GTK_EDITABLE (dag_participant_editor_get_row (editor, "name")), "  ");
  g_assert_true (gtk_widget_has_css_class (dag_participant_editor_get_row (editor, "name"), "error"));
  gtk_editable_set_text (GTK_EDITABLE (dag_participant_editor_get_row (editor, "name")), old_name);
  g_assert_false (gtk_widget_has_css_class (dag_participant_editor_get_row (editor, "name"), "error"));
  gtk_editable_set_text (GTK_EDITABLE (dag_participant_editor_get_row (editor, "birth-date")), "2999-01-01");
  g_assert_true (gtk_widget_has_css_class (dag_participant_editor_get_row (editor, "birth-date"), "error"));
  gtk_editable_set_text (GTK_EDITABLE (dag_participant_editor_get_row (editor, "birth-date")), "1950-02-30");
  g_assert_true (gtk_widget_has_css_class (dag_participant_editor_get_row (editor, "birth-date"), "error"));
  gtk_editable_set_text (GTK_EDITABLE (dag_participant_editor_get_row (editor, "birth-date")), old_birth);
  g_assert_false (gtk_widget_has_css_class (dag_participant_editor_get_row (editor, "birth-date"), "error"));

  /* A bad postcode in the address is caught too. */
  gtk_editable_set_text (GTK_EDITABLE (bsn_row), "123456782");
  g_assert_false (gtk_widget_has_css_class (bsn_row, "error"));
  gtk_editable_set_text (GTK_EDITABLE (address_row), "Kerkstraat 5, 6811 SS Arnhem");
  g_assert_true (gtk_widget_has_css_class (address_row, "error"));
  g_assert_false (gtk_widget_get_sensitive (save));

  gtk_editable_set_text (GTK_EDITABLE (address_row), "Kerkstraat 5, 6811 CD Arnhem");
  adw_combo_row_set_selected (ADW_COMBO_ROW (dag_participant_editor_get_row (editor, "transport")),
                              old_transport == DAG_TRANSPORT_BUS ? 0 : 1);
  g_assert_false (gtk_widget_has_css_class (address_row, "error"));
  g_assert_true (gtk_widget_get_sensitive (save));
  g_object_ref (editor);
  g_signal_emit_by_name (save, "clicked");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (editor)));
  g_object_unref (editor);

  org = stored (f, id, &p);
  g_assert_cmpstr (p->bsn, ==, "123456782");
  g_assert_cmpstr (p->address, ==, "Kerkstraat 5, 6811 CD Arnhem");
  g_assert_cmpint (p->transport, !=, old_transport);
  dag_org_free (org);
  g_assert_cmpstr (dag_participant_item_get_address (dag_participants_view_get_selected (view)), ==,
                   "Kerkstraat 5, 6811 CD Arnhem");
  g_assert_cmpstr (dag_participant_item_get_bsn_masked (dag_participants_view_get_selected (view)), ==,
                   "*****6782");

  /* Ctrl+Z's action writes the old record back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "participants.undo-edit", NULL));
  org = stored (f, id, &p);
  g_assert_cmpstr (p->bsn, ==, old_bsn);
  g_assert_cmpstr (p->address, ==, old_address);
  g_assert_cmpint (p->transport, ==, old_transport);
  dag_org_free (org);
  g_assert_cmpstr (dag_participant_item_get_address (dag_participants_view_get_selected (view)), ==, old_address);
  g_assert_cmpstr (dag_participant_item_get_address (dag_participants_view_get_selected (view)), ==,
                   DAG_AT (dag_window_get_org (f->window)->participants, DagParticipant,
                           dag_org_lookup ((DagOrg *) dag_window_get_org (f->window), DAG_KIND_PARTICIPANT, id))->address);
  /* Only one step back. */
  g_assert_false (dag_participants_view_undo_edit (view));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  application = dag_application_new ();
  g_application_register (G_APPLICATION (application), NULL, &error);
  g_assert_no_error (error);
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add ("/gui-edit/edit-undo", Fixture, NULL, fixture_setup, test_edit, fixture_teardown);
  status = g_test_run ();
  g_clear_object (&application);
  return status;
}
