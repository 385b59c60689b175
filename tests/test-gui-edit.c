/* test-gui-edit.c — the participant and indication editors under Xvfb on
 * the demo organisation: validation as you type, saving through the store,
 * adding and deleting, undo through the window's stack, and screenshots
 * (light, dark and Dutch) in the build directory. */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "dag-application.h"
#include "dag-demo.h"
#include "dag-gui-test.h"
#include "dag-indication-editor.h"
#include "dag-indication-item.h"
#include "dag-validate.h"
#include "dag-participant-editor.h"
#include "dag-store-edit.h"
#include "dag-window.h"

typedef struct {
  DagTestDemo     demo;
  DagWindow *window;
} Fixture;

static DagApplication *application;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  dag_test_demo_setup (&f->demo, "edit", 150, dag_date_from_ymd (2026, 10, 1));
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  if (f->window)
    gtk_window_destroy (GTK_WINDOW (f->window));
  dag_test_demo_teardown (&f->demo);
}

/* The stored record of participant id, read back from the database. */
static DagOrg *
stored (Fixture *f, const char *id, const DagParticipant **p)
{
  g_autoptr(GError) error = NULL;
  DagOrg *org = dag_store_load (f->demo.store, &error);
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

  f->window = dag_test_open_window (application, f->demo.store, 1200, 800);
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

  /* The BSN is masked until the reveal button is pressed, and masked again
   * when it is released; masked, the row cannot be edited. */
  {
    GtkToggleButton *reveal = dag_participant_editor_get_bsn_reveal (editor);
    g_autofree char *masked = dag_bsn_mask (old_bsn);

    g_assert_false (gtk_toggle_button_get_active (reveal));
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (bsn_row)), ==, masked);
    g_assert_cmpstr (masked + 5, ==, old_bsn + 5);
    g_assert_false (gtk_editable_get_editable (GTK_EDITABLE (bsn_row)));
    dag_test_wait_for_frames (GTK_WIDGET (editor), 2);
    dag_test_save_screenshot (GTK_WIDGET (editor), "participant-editor-bsn-masked");
    gtk_toggle_button_set_active (reveal, TRUE);
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (bsn_row)), ==, old_bsn);
    g_assert_true (gtk_editable_get_editable (GTK_EDITABLE (bsn_row)));
    gtk_toggle_button_set_active (reveal, FALSE);
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (bsn_row)), ==, masked);
    g_assert_true (gtk_widget_get_sensitive (save));
    gtk_toggle_button_set_active (reveal, TRUE);
  }

  /* 123456789 fails the 11-test: the row says so, in plain words and
   * without the number. */
  gtk_editable_set_text (GTK_EDITABLE (bsn_row), "123456789");
  g_assert_true (gtk_widget_has_css_class (bsn_row, "error"));
  g_assert_nonnull (dag_participant_editor_get_message (editor, "bsn"));
  g_assert_null (strstr (dag_participant_editor_get_message (editor, "bsn"), "123456789"));
  g_assert_cmpstr (dag_participant_editor_get_message (editor, "bsn"), ==, "is not a valid BSN (the 11-test fails)");
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
  gtk_editable_set_text (GTK_EDITABLE (address_row), "Kerkstraat 5, 6865MCC Doorwerth");
  g_assert_true (gtk_widget_has_css_class (address_row, "error"));
  g_assert_false (gtk_widget_get_sensitive (save));
  /* Without the space the postcode is fine. */
  gtk_editable_set_text (GTK_EDITABLE (address_row), "Kerkstraat 5, 6865MC Doorwerth");
  g_assert_false (gtk_widget_has_css_class (address_row, "error"));

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

  /* The window's undo (Ctrl+Z) writes the old record back, and redo the
   * new one. */
  g_assert_true (dag_history_can_undo (dag_window_get_history (f->window)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo", NULL));
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
  g_assert_false (dag_history_can_undo (dag_window_get_history (f->window)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.redo", NULL));
  org = stored (f, id, &p);
  g_assert_cmpstr (p->bsn, ==, "123456782");
  dag_org_free (org);
}

/* ---- adding and deleting ------------------------------------------------ */

typedef struct {
  DagWindow    *window;
  const DagOrg *old;
} Reloaded;

/* The window has a new organisation and the view pushed its step. */
static gboolean
reloaded (gpointer data)
{
  Reloaded *r = data;

  return dag_window_get_org (r->window) != r->old
         && dag_history_can_undo (dag_window_get_history (r->window));
}

/* The window has a new organisation (after an undo, which pushes nothing). */
static gboolean
org_replaced (gpointer data)
{
  Reloaded *r = data;

  return dag_window_get_org (r->window) != r->old;
}

static void
wait_reloaded (Fixture *f, gboolean with_step)
{
  Reloaded r = { f->window, dag_window_get_org (f->window) };

  dag_test_wait_until (with_step ? reloaded : org_replaced, &r);
}

static gboolean
listed (DagParticipantsView *view, const char *id)
{
  GListModel *shown = dag_participants_view_get_shown (view);

  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(DagParticipantItem) item = g_list_model_get_item (shown, i);

      if (g_str_equal (dag_participant_item_get_id (item), id))
        return TRUE;
    }
  return FALSE;
}

static void
open_window (Fixture *f)
{
  f->window = dag_test_open_window (application, f->demo.store, 1200, 800);
  dag_window_set_view (f->window, "participants");
}

static void
set_row (GtkWidget *row, const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

static void
test_add_delete (Fixture *f, gconstpointer data)
{
  DagParticipantsView *view;
  DagParticipantEditor *editor;
  GtkWindow *dialog;
  g_autofree char *id = NULL;
  guint n;
  int billed = -1;

  open_window (f);
  view = dag_window_get_participants_view (f->window);
  n = dag_window_get_org (f->window)->participants->len;

  /* Ctrl+N's action opens an empty editor with a free id. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "participants.add", NULL));
  editor = DAG_PARTICIPANT_EDITOR (dag_participants_view_add_participant (view));
  g_assert_nonnull (editor);
  g_assert_true (dag_participant_editor_is_adding (editor));
  id = g_strdup (gtk_editable_get_text (GTK_EDITABLE (dag_participant_editor_get_row (editor, "id"))));
  g_assert_cmpint (dag_org_lookup ((DagOrg *) dag_window_get_org (f->window), DAG_KIND_PARTICIPANT, id), ==, -1);
  g_assert_false (gtk_widget_get_sensitive (dag_participant_editor_get_save_button (editor)));
  /* A taken id is refused. */
  set_row (dag_participant_editor_get_row (editor, "id"),
           DAG_AT (dag_window_get_org (f->window)->participants, DagParticipant, 0)->id);
  g_assert_nonnull (dag_participant_editor_get_message (editor, "id"));
  set_row (dag_participant_editor_get_row (editor, "id"), id);
  set_row (dag_participant_editor_get_row (editor, "name"), "Zeger Testdeelnemer");
  set_row (dag_participant_editor_get_row (editor, "bsn"), "123456782");
  set_row (dag_participant_editor_get_row (editor, "birth-date"), "1990-03-04");
  set_row (dag_participant_editor_get_row (editor, "address"), "Kerkstraat 5, 6811 CD Arnhem");
  g_assert_true (gtk_widget_get_sensitive (dag_participant_editor_get_save_button (editor)));
  dag_test_wait_for_frames (GTK_WIDGET (editor), 2);
  dag_test_save_screenshot (GTK_WIDGET (editor), "participant-editor-new");
  g_signal_emit_by_name (dag_participant_editor_get_save_button (editor), "clicked");
  wait_reloaded (f, TRUE);

  /* The new participant is listed, selected and stored. */
  g_assert_cmpuint (dag_window_get_org (f->window)->participants->len, ==, n + 1);
  g_assert_true (listed (view, id));
  g_assert_cmpstr (dag_participant_item_get_id (dag_participants_view_get_selected (view)), ==, id);
  g_assert_cmpstr (dag_history_get_undo_label (dag_window_get_history (f->window)), ==,
                   "Add participant Zeger Testdeelnemer");

  /* Deleting asks first; then they are gone. */
  dialog = dag_participants_view_delete_selected (view);
  g_assert_true (ADW_IS_MESSAGE_DIALOG (dialog));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "delete");
  wait_reloaded (f, TRUE);
  g_assert_cmpuint (dag_window_get_org (f->window)->participants->len, ==, n);
  g_assert_false (listed (view, id));
  g_assert_cmpint (dag_org_lookup ((DagOrg *) dag_window_get_org (f->window), DAG_KIND_PARTICIPANT, id), ==, -1);

  /* Undo puts them back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo", NULL));
  wait_reloaded (f, FALSE);
  g_assert_true (listed (view, id));
  g_assert_cmpuint (dag_window_get_org (f->window)->participants->len, ==, n + 1);

  /* Someone with registered attendance cannot be deleted: no dialog. */
  for (guint i = 0; i < dag_window_get_org (f->window)->attendance->len && billed < 0; i++)
    billed = DAG_AT (dag_window_get_org (f->window)->attendance, DagAttendance, i)->participant;
  g_assert_cmpint (billed, >=, 0);
  dag_participants_view_set_search (view, DAG_AT (dag_window_get_org (f->window)->participants, DagParticipant,
                                                  billed)->id);
  dag_participants_view_select (view, 0);
  g_assert_null (dag_participants_view_delete_selected (view));
  g_assert_cmpuint (dag_window_get_org (f->window)->participants->len, ==, n + 1);
}

/* The first indication of the selected participant with allocation
 * number, or NULL. */
static DagIndicationItem *
shown_indication (DagParticipantsView *view, const char *allocation)
{
  GListModel *list = dag_participant_item_get_indications (dag_participants_view_get_selected (view));

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(DagIndicationItem) ind = g_list_model_get_item (list, i);

      /* The item stays alive in the list while the test looks at it. */
      if (g_str_equal (dag_indication_item_get_allocation_number (ind), allocation))
        return ind;
    }
  return NULL;
}

/* The units of that indication in the window's organisation. */
static int
indication_units (Fixture *f, DagParticipantsView *view, const char *allocation)
{
  const DagOrg *org = dag_window_get_org (f->window);
  DagIndicationItem *item = shown_indication (view, allocation);
  int i;

  g_assert_nonnull (item);
  i = dag_org_lookup ((DagOrg *) org, DAG_KIND_INDICATION, dag_indication_item_get_id (item));
  g_assert_cmpint (i, >=, 0);
  return DAG_AT (org->indications, DagIndication, i)->units;
}

static guint
count_rows (GtkListBox *box)
{
  guint n = 0;

  while (gtk_list_box_get_row_at_index (box, (int) n))
    n++;
  return n;
}

static void
test_indication (Fixture *f, gconstpointer data)
{
  DagParticipantsView *view;
  DagIndicationEditor *editor;
  GtkWidget *end, *save;
  g_autofree char *id = NULL;
  guint rows;

  open_window (f);
  view = dag_window_get_participants_view (f->window);
  dag_participants_view_select (view, 0);
  id = g_strdup (dag_participant_item_get_id (dag_participants_view_get_selected (view)));
  rows = count_rows (dag_participants_view_get_indication_list (view));

  editor = DAG_INDICATION_EDITOR (dag_participants_view_add_indication (view));
  g_assert_nonnull (editor);
  save = dag_indication_editor_get_save_button (editor);
  end = dag_indication_editor_get_row (editor, "end");
  /* The product list holds only the municipality's contracts' products. */
  g_assert_null (dag_indication_editor_get_message (editor, "product"));
  set_row (dag_indication_editor_get_row (editor, "allocation"), "A-TEST-42");
  set_row (dag_indication_editor_get_row (editor, "start"), "2027-02-01");
  set_row (end, "2027-01-31");
  g_assert_true (gtk_widget_has_css_class (end, "error"));
  g_assert_nonnull (dag_indication_editor_get_message (editor, "end"));
  g_assert_false (gtk_widget_get_sensitive (save));
  dag_test_wait_for_frames (GTK_WIDGET (editor), 2);
  dag_test_save_screenshot (GTK_WIDGET (editor), "indication-editor");
  /* No units, and too many for a week, are wrong too. */
  set_row (dag_indication_editor_get_row (editor, "units"), "0");
  g_assert_nonnull (dag_indication_editor_get_message (editor, "units"));
  set_row (dag_indication_editor_get_row (editor, "units"), "19");
  g_assert_nonnull (dag_indication_editor_get_message (editor, "units"));
  set_row (dag_indication_editor_get_row (editor, "units"), "3");
  g_assert_null (dag_indication_editor_get_message (editor, "units"));

  set_row (end, "2027-07-31");
  g_assert_false (gtk_widget_has_css_class (end, "error"));
  g_assert_true (gtk_widget_get_sensitive (save));
  g_signal_emit_by_name (save, "clicked");
  wait_reloaded (f, TRUE);

  /* Shown in the detail pane of the same participant. */
  g_assert_cmpstr (dag_participant_item_get_id (dag_participants_view_get_selected (view)), ==, id);
  g_assert_nonnull (shown_indication (view, "A-TEST-42"));
  g_assert_cmpuint (dag_indication_item_get_end (shown_indication (view, "A-TEST-42")), ==,
                    dag_date_from_ymd (2027, 7, 31));
  g_assert_cmpuint (count_rows (dag_participants_view_get_indication_list (view)), ==, rows + 1);
  g_assert_true (g_str_has_prefix (dag_history_get_undo_label (dag_window_get_history (f->window)),
                                   "Add indication "));

  /* Edited: 4 units instead of 3. */
  editor = DAG_INDICATION_EDITOR (dag_participants_view_edit_indication (view, rows));
  g_assert_nonnull (editor);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (dag_indication_editor_get_row (editor, "allocation"))),
                   ==, "A-TEST-42");
  set_row (dag_indication_editor_get_row (editor, "units"), "4");
  g_signal_emit_by_name (dag_indication_editor_get_save_button (editor), "clicked");
  wait_reloaded (f, TRUE);
  g_assert_true (g_str_has_prefix (dag_history_get_undo_label (dag_window_get_history (f->window)),
                                   "Edit indication "));
  g_assert_cmpint (indication_units (f, view, "A-TEST-42"), ==, 4);

  /* Undo goes back to 3 units. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo", NULL));
  wait_reloaded (f, FALSE);
  g_assert_cmpint (indication_units (f, view, "A-TEST-42"), ==, 3);

  /* It starts in 2027: ending it today would end it before it starts. */
  editor = DAG_INDICATION_EDITOR (dag_participants_view_edit_indication (view, rows));
  dag_indication_editor_end_today (editor);
  g_assert_nonnull (dag_indication_editor_get_message (editor, "end"));
  g_assert_false (gtk_widget_get_sensitive (dag_indication_editor_get_save_button (editor)));
  gtk_window_destroy (GTK_WINDOW (editor));

  /* Deleting it asks first; then it is gone from the pane. */
  editor = DAG_INDICATION_EDITOR (dag_participants_view_edit_indication (view, rows));
  g_signal_emit_by_name (editor, "delete-requested");
  gtk_window_destroy (GTK_WINDOW (editor));
  g_assert_true (ADW_IS_MESSAGE_DIALOG (dag_participants_view_get_last_dialog (view)));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dag_participants_view_get_last_dialog (view)), "delete");
  wait_reloaded (f, TRUE);
  g_assert_null (shown_indication (view, "A-TEST-42"));
  g_assert_cmpuint (count_rows (dag_participants_view_get_indication_list (view)), ==, rows);
}

/* Ending a running indication today: it is shown as ending today, with
 * the expiry warning. */
static void
test_end_indication (Fixture *f, gconstpointer data)
{
  DagParticipantsView *view;
  DagIndicationEditor *editor;
  GListModel *list;
  g_autoptr(DagIndicationItem) ind = NULL;
  g_autofree char *id = NULL;
  guint position = G_MAXUINT;

  open_window (f);
  view = dag_window_get_participants_view (f->window);
  /* The first participant with an indication valid today. */
  for (guint p = 0; position == G_MAXUINT; p++)
    {
      dag_participants_view_select (view, p);
      list = dag_participant_item_get_indications (dag_participants_view_get_selected (view));
      for (guint i = 0; i < g_list_model_get_n_items (list) && position == G_MAXUINT; i++)
        {
          g_autoptr(DagIndicationItem) item = g_list_model_get_item (list, i);

          if (dag_indication_item_get_active (item) && dag_indication_item_get_days_until_end (item) > 0)
            position = i;
        }
    }
  ind = g_list_model_get_item (list, position);
  id = g_strdup (dag_indication_item_get_id (ind));

  editor = DAG_INDICATION_EDITOR (dag_participants_view_edit_indication (view, position));
  dag_indication_editor_end_today (editor);
  g_assert_null (dag_indication_editor_get_message (editor, "end"));
  g_signal_emit_by_name (dag_indication_editor_get_save_button (editor), "clicked");
  wait_reloaded (f, TRUE);
  g_assert_true (g_str_has_prefix (dag_history_get_undo_label (dag_window_get_history (f->window)),
                                   "End indication "));
  g_clear_object (&ind);
  ind = g_list_model_get_item (dag_participant_item_get_indications (dag_participants_view_get_selected (view)),
                               position);
  g_assert_cmpstr (dag_indication_item_get_id (ind), ==, id);
  g_assert_cmpint (dag_indication_item_get_days_until_end (ind), ==, 0);
  g_assert_true (dag_indication_item_get_expiring (ind));
}

/* ---- screenshots -------------------------------------------------------- */

static void
test_screenshots (Fixture *f, gconstpointer data)
{
  DagParticipantsView *view;

  open_window (f);
  view = dag_window_get_participants_view (f->window);
  dag_participants_view_select (view, 2);
  dag_test_wait_for_frames (GTK_WIDGET (f->window), 3);
  dag_test_save_screenshot (GTK_WIDGET (f->window), "participants");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  dag_test_wait_for_frames (GTK_WIDGET (f->window), 3);
  dag_test_save_screenshot (GTK_WIDGET (f->window), "participants-dark");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
}

/* The view in Dutch, to look at; needs the nl_NL.UTF-8 locale. */
static void
test_dutch (Fixture *f, gconstpointer data)
{
  DagParticipantsView *view;
  GtkWindow *editor;

  if (setlocale (LC_ALL, "nl_NL.UTF-8") == NULL)
    {
      g_test_skip ("the nl_NL.UTF-8 locale is not installed");
      return;
    }
  g_setenv ("LANGUAGE", "nl", TRUE);
  bindtextdomain (GETTEXT_PACKAGE, DAGRITME_TEST_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  open_window (f);
  view = dag_window_get_participants_view (f->window);
  dag_participants_view_select (view, 2);
  dag_test_wait_for_frames (GTK_WIDGET (f->window), 3);
  dag_test_save_screenshot (GTK_WIDGET (f->window), "participants-nl");
  editor = dag_participants_view_add_indication (view);
  dag_test_wait_for_frames (GTK_WIDGET (editor), 2);
  dag_test_save_screenshot (GTK_WIDGET (editor), "indication-editor-nl");
  gtk_window_destroy (editor);
  /* A translated string of the view and of the editor. */
  g_assert_cmpstr (_("Add a Participant (Ctrl+N)"), !=, "Add a Participant (Ctrl+N)");
  g_assert_cmpstr (_("New Indication"), !=, "New Indication");

  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "en", TRUE);
}

/* A birth date typed the Dutch way, "08-02-1950", is read day first and
 * saved; the field shows it back the same way. */
static void
test_dutch_date (Fixture *f, gconstpointer data)
{
  DagParticipantsView *view;
  DagParticipantEditor *editor;
  GtkWidget *birth, *save;
  g_autofree char *id = NULL;
  const DagParticipant *p;
  DagOrg *org;

  f->window = dag_test_open_window (application, f->demo.store, 1200, 800);
  dag_window_set_view (f->window, "participants");
  view = dag_window_get_participants_view (f->window);
  dag_participants_view_select (view, 0);
  id = g_strdup (dag_participant_item_get_id (dag_participants_view_get_selected (view)));

  editor = DAG_PARTICIPANT_EDITOR (dag_participants_view_edit_selected (view));
  g_assert_nonnull (editor);
  birth = dag_participant_editor_get_row (editor, "birth-date");
  save = dag_participant_editor_get_save_button (editor);
  /* Shown day first. */
  g_assert_cmpint (strlen (gtk_editable_get_text (GTK_EDITABLE (birth))), ==, 10);
  g_assert_cmpint (gtk_editable_get_text (GTK_EDITABLE (birth))[2], ==, '-');

  gtk_editable_set_text (GTK_EDITABLE (birth), "31-02-1950");
  g_assert_true (gtk_widget_has_css_class (birth, "error"));
  g_assert_false (gtk_widget_get_sensitive (save));
  gtk_editable_set_text (GTK_EDITABLE (birth), "8-2-50");
  g_assert_true (gtk_widget_has_css_class (birth, "error"));
  gtk_editable_set_text (GTK_EDITABLE (birth), "08-02-1950");
  g_assert_false (gtk_widget_has_css_class (birth, "error"));
  g_assert_true (gtk_widget_get_sensitive (save));
  g_object_ref (editor);
  g_signal_emit_by_name (save, "clicked");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (editor)));
  g_object_unref (editor);

  org = stored (f, id, &p);
  g_assert_cmpuint (p->birth_date, ==, dag_date_from_ymd (1950, 2, 8));
  dag_org_free (org);

  /* ISO is still understood. */
  editor = DAG_PARTICIPANT_EDITOR (dag_participants_view_edit_selected (view));
  birth = dag_participant_editor_get_row (editor, "birth-date");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (birth)), ==, "08-02-1950");
  gtk_editable_set_text (GTK_EDITABLE (birth), "1950-02-09");
  g_assert_false (gtk_widget_has_css_class (birth, "error"));
  gtk_window_destroy (GTK_WINDOW (editor));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, DAGRITME_TEST_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_test_init (&argc, &argv, NULL);
  application = dag_application_new ();
  g_application_register (G_APPLICATION (application), NULL, &error);
  g_assert_no_error (error);
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add ("/gui-edit/edit-undo", Fixture, NULL, fixture_setup, test_edit, fixture_teardown);
  g_test_add ("/gui-edit/add-delete", Fixture, NULL, fixture_setup, test_add_delete, fixture_teardown);
  g_test_add ("/gui-edit/indication", Fixture, NULL, fixture_setup, test_indication, fixture_teardown);
  g_test_add ("/gui-edit/end-indication", Fixture, NULL, fixture_setup, test_end_indication, fixture_teardown);
  g_test_add ("/gui-edit/screenshots", Fixture, NULL, fixture_setup, test_screenshots, fixture_teardown);
  g_test_add ("/gui-edit/dutch", Fixture, NULL, fixture_setup, test_dutch, fixture_teardown);
  g_test_add ("/gui-edit/dutch-date", Fixture, NULL, fixture_setup, test_dutch_date, fixture_teardown);
  status = g_test_run ();
  g_clear_object (&application);
  return status;
}
