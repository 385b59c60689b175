/* test-gui-records.c — the Organisation view under Xvfb on the demo
 * organisation: a staff member's contract edited, saved and undone; a bad
 * postcode caught as it is typed; a vehicle added and deleted; a contract's
 * products priced, added and removed; unsaved edits asked about; and
 * screenshots in English, Dutch, light and dark. */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "dag-application.h"
#include "dag-demo.h"
#include "dag-gui-test.h"
#include "dag-window.h"

typedef struct {
  DagTestDemo     demo;
  DagWindow *window;
} Fixture;

static DagApplication *application;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  dag_test_demo_setup (&f->demo, "records", 150, dag_date_from_ymd (2026, 10, 1));
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  if (f->window)
    gtk_window_destroy (GTK_WINDOW (f->window));
  dag_test_demo_teardown (&f->demo);
}

static DagRecordsView *
open_view (Fixture *f)
{
  f->window = dag_test_open_window (application, f->demo.store, 1200, 800);
  dag_window_set_view (f->window, "organisation");
  g_assert_cmpstr (dag_window_get_view (f->window), ==, "organisation");
  return dag_window_get_records_view (f->window);
}

static DagOrg *
stored (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  DagOrg *org = dag_store_load (f->demo.store, &error);

  g_assert_no_error (error);
  return org;
}

static void
type_into (DagRecordsView *view, const char *key, const char *text)
{
  GtkWidget *editor = dag_record_form_get_editor (dag_records_view_get_form (view), key);

  g_assert_nonnull (editor);
  gtk_editable_set_text (GTK_EDITABLE (editor), text);
}

typedef struct {
  DagWindow    *window;
  const DagOrg *old;
} ReloadWait;

static gboolean
reloaded (gpointer data)
{
  ReloadWait *w = data;
  return dag_window_get_org (w->window) != w->old;
}

static void
test_staff_edit_undo (Fixture *f, gconstpointer data)
{
  DagRecordsView *view = open_view (f);
  const DagOrg *org = dag_window_get_org (f->window);
  const DagStaff *s = DAG_AT (org->staff, DagStaff, 0);
  g_autofree char *id = g_strdup (s->id);
  int old_hours = s->contract_hours;
  int new_hours = old_hours == 20 ? 24 : 20;
  g_autofree char *text = g_strdup_printf ("%d", new_hours);
  GtkWidget *save = dag_records_view_get_save_button (view);
  g_autoptr(DagOrg) after = NULL;
  g_autoptr(DagOrg) undone = NULL;

  dag_records_view_set_kind (view, DAG_KIND_STAFF);
  g_assert_cmpuint (dag_records_view_get_n_shown (view), ==, org->staff->len);
  g_assert_true (dag_records_view_select (view, id));
  g_assert_false (gtk_widget_get_sensitive (save));
  dag_test_wait_for_frames (GTK_WIDGET (f->window), 2);
  dag_test_save_screenshot (GTK_WIDGET (f->window), "organisation-staff");

  type_into (view, "contract_hours", text);
  g_assert_true (gtk_widget_get_sensitive (save));
  g_signal_emit_by_name (save, "clicked");

  after = stored (f);
  g_assert_cmpint (DAG_AT (after->staff, DagStaff, dag_org_lookup (after, DAG_KIND_STAFF, id))->contract_hours,
                   ==, new_hours);
  g_assert_cmpint (DAG_AT (org->staff, DagStaff, 0)->contract_hours, ==, new_hours);
  g_assert_false (gtk_widget_get_sensitive (save));
  g_assert_true (dag_history_can_undo (dag_window_get_history (f->window)));

  /* Ctrl+Z: the window's undo. */
  dag_window_set_view (f->window, "week");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo", NULL));
  g_assert_cmpstr (dag_window_get_view (f->window), ==, "organisation");
  undone = stored (f);
  g_assert_cmpint (DAG_AT (undone->staff, DagStaff, dag_org_lookup (undone, DAG_KIND_STAFF, id))->contract_hours,
                   ==, old_hours);
  g_assert_cmpint (DAG_AT (org->staff, DagStaff, 0)->contract_hours, ==, old_hours);
  /* The form shows the restored value. */
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (
                     dag_record_form_get_editor (dag_records_view_get_form (view), "contract_hours"))),
                   ==, old_hours);
}

static void
test_location_postcode (Fixture *f, gconstpointer data)
{
  DagRecordsView *view = open_view (f);
  const DagOrg *org = dag_window_get_org (f->window);
  GtkWidget *save = dag_records_view_get_save_button (view);
  GtkLabel *message = dag_records_view_get_message_label (view);
  GtkWidget *address;
  g_autofree char *old_address = NULL;
  g_autoptr(DagOrg) unchanged = NULL;

  dag_records_view_set_kind (view, DAG_KIND_LOCATION);
  g_assert_true (dag_records_view_select (view, DAG_AT (org->locations, DagLocation, 0)->id));
  address = dag_record_form_get_row (dag_records_view_get_form (view), "address");
  old_address = g_strdup (gtk_editable_get_text (GTK_EDITABLE (address)));
  g_assert_false (gtk_widget_has_css_class (address, "error"));

  type_into (view, "address", "Lindelaan 1, 0800 AA Arnhem");
  g_assert_true (gtk_widget_has_css_class (address, "error"));
  g_assert_false (gtk_widget_get_sensitive (save));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (message)));
  if (!g_str_has_prefix (gtk_label_get_text (message), "Address: "))
    g_error ("expected the message to name the address, got “%s”", gtk_label_get_text (message));
  dag_test_wait_for_frames (GTK_WIDGET (f->window), 2);
  dag_test_save_screenshot (GTK_WIDGET (f->window), "organisation-location");
  g_assert_false (dag_records_view_save (view));
  unchanged = stored (f);
  g_assert_cmpstr (DAG_AT (unchanged->locations, DagLocation, 0)->address, ==, old_address);

  /* A good postcode clears the error. */
  type_into (view, "address", "Lindelaan 1, 6800 AA Arnhem");
  g_assert_false (gtk_widget_has_css_class (address, "error"));
  g_assert_true (gtk_widget_get_sensitive (save));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (message)));

  /* An opening time that ends before it starts. */
  type_into (view, "slots.am", "13:00–09:00");
  g_assert_true (gtk_widget_has_css_class (dag_record_form_get_row (dag_records_view_get_form (view), "slots.am"),
                                           "error"));
  g_assert_false (gtk_widget_get_sensitive (save));
}

static void
test_vehicle_add_delete (Fixture *f, gconstpointer data)
{
  DagRecordsView *view = open_view (f);
  const DagOrg *org = dag_window_get_org (f->window);
  guint n = org->vehicles->len;
  GtkWidget *save = dag_records_view_get_save_button (view);
  ReloadWait wait = { f->window, org };
  GtkWidget *dialog;
  g_autoptr(DagOrg) added = NULL;
  g_autofree char *id = NULL;
  int i;

  dag_records_view_set_kind (view, DAG_KIND_VEHICLE);
  dag_records_view_add (view);
  /* The new record has a free id but no name yet. */
  g_assert_false (gtk_widget_get_sensitive (save));
  type_into (view, "name", "Rolstoelbus");
  type_into (view, "wheelchair_places", "3");
  type_into (view, "cost_per_km_cents", "0,52");
  g_assert_true (gtk_widget_get_sensitive (save));
  g_assert_true (dag_records_view_save (view));
  dag_test_wait_until (reloaded, &wait);

  org = dag_window_get_org (f->window);
  g_assert_cmpuint (org->vehicles->len, ==, n + 1);
  added = stored (f);
  i = added->vehicles->len - 1;
  g_assert_cmpstr (DAG_AT (added->vehicles, DagVehicle, i)->name, ==, "Rolstoelbus");
  g_assert_cmpint (DAG_AT (added->vehicles, DagVehicle, i)->wheelchair_places, ==, 3);
  g_assert_cmpint (DAG_AT (added->vehicles, DagVehicle, i)->cost_per_km_cents, ==, 52);
  id = g_strdup (DAG_AT (added->vehicles, DagVehicle, i)->id);
  g_assert_true (dag_history_can_undo (dag_window_get_history (f->window)));

  /* The new vehicle is shown; delete it after confirming. */
  g_assert_true (dag_records_view_select (view, id));
  dialog = dag_records_view_delete (view);
  g_assert_true (ADW_IS_MESSAGE_DIALOG (dialog));
  wait.old = org;
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "delete");
  dag_test_wait_until (reloaded, &wait);
  org = dag_window_get_org (f->window);
  g_assert_cmpuint (org->vehicles->len, ==, n);
  g_assert_cmpint (dag_org_lookup ((DagOrg *) org, DAG_KIND_VEHICLE, id), ==, -1);

  /* Undo brings it back. */
  wait.old = org;
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo", NULL));
  dag_test_wait_until (reloaded, &wait);
  org = dag_window_get_org (f->window);
  g_assert_cmpuint (org->vehicles->len, ==, n + 1);
  g_assert_cmpint (dag_org_lookup ((DagOrg *) org, DAG_KIND_VEHICLE, id), >=, 0);
}

static void
test_staff_delete_undo (Fixture *f, gconstpointer data)
{
  DagRecordsView *view = open_view (f);
  const DagOrg *org = dag_window_get_org (f->window);
  ReloadWait wait = { f->window, org };
  guint staffing = org->staffing->len, n_staff = org->staff->len;
  g_autofree char *id = NULL;
  int staff = -1;
  GtkWidget *dialog;

  /* A staff member with assignments who drives no run. */
  for (guint i = 0; i < org->staffing->len && staff < 0; i++)
    {
      int s = DAG_AT (org->staffing, DagStaffing, i)->staff;
      gboolean drives = FALSE;

      for (guint r = 0; r < org->runs->len; r++)
        drives |= DAG_AT (org->runs, DagRun, r)->driver == s;
      if (!drives)
        staff = s;
    }
  g_assert_cmpint (staff, >=, 0);
  id = g_strdup (DAG_AT (org->staff, DagStaff, staff)->id);

  dag_records_view_set_kind (view, DAG_KIND_STAFF);
  g_assert_true (dag_records_view_select (view, id));
  dialog = dag_records_view_delete (view);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "delete");
  dag_test_wait_until (reloaded, &wait);
  org = dag_window_get_org (f->window);
  g_assert_cmpuint (org->staff->len, ==, n_staff - 1);
  g_assert_cmpuint (org->staffing->len, <, staffing);

  /* Undo: the staff member comes back with every assignment. */
  wait.old = org;
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo", NULL));
  dag_test_wait_until (reloaded, &wait);
  org = dag_window_get_org (f->window);
  g_assert_cmpuint (org->staff->len, ==, n_staff);
  g_assert_cmpuint (org->staffing->len, ==, staffing);
  g_assert_cmpint (dag_org_lookup ((DagOrg *) org, DAG_KIND_STAFF, id), >=, 0);
}

static void
test_group_delete_refused (Fixture *f, gconstpointer data)
{
  DagRecordsView *view = open_view (f);
  const DagOrg *org = dag_window_get_org (f->window);
  int group = DAG_AT (org->plan, DagPlanEntry, 0)->group;
  GtkWidget *dialog;
  GtkLabel *message = dag_records_view_get_message_label (view);

  dag_records_view_set_kind (view, DAG_KIND_GROUP);
  g_assert_true (dag_records_view_select (view, DAG_AT (org->groups, DagGroup, group)->id));
  dialog = dag_records_view_delete (view);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "delete");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (message)));
  if (!g_str_has_prefix (gtk_label_get_text (message), "The group still has "))
    g_error ("expected the refusal to say what is planned, got “%s”", gtk_label_get_text (message));
  g_assert_true (dag_window_get_org (f->window) == org);
}

static void
test_screenshots (Fixture *f, gconstpointer data)
{
  DagRecordsView *view = open_view (f);
  const DagOrg *org = dag_window_get_org (f->window);

  dag_records_view_set_kind (view, DAG_KIND_GROUP);
  g_assert_true (dag_records_view_select (view, DAG_AT (org->groups, DagGroup, 0)->id));
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  dag_test_wait_for_frames (GTK_WIDGET (f->window), 3);
  dag_test_save_screenshot (GTK_WIDGET (f->window), "organisation-dark");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);

  /* A contract: its own fields editable, its products listed. */
  dag_records_view_set_kind (view, DAG_KIND_CONTRACT);
  g_assert_true (dag_records_view_select (view, DAG_AT (org->contracts, DagContract, 0)->id));
  g_assert_nonnull (dag_record_form_get_row (dag_records_view_get_form (view), "noshow_billable"));
  dag_test_wait_for_frames (GTK_WIDGET (f->window), 3);
  dag_test_save_screenshot (GTK_WIDGET (f->window), "organisation-contract");

  /* The search narrows the list. */
  dag_records_view_set_kind (view, DAG_KIND_STAFF);
  dag_records_view_set_search (view, DAG_AT (org->staff, DagStaff, 0)->name);
  g_assert_cmpuint (dag_records_view_get_n_shown (view), >=, 1);
  g_assert_cmpuint (dag_records_view_get_n_shown (view), <, org->staff->len);
}

static void
test_dutch (Fixture *f, gconstpointer data)
{
  DagRecordsView *view;
  const DagOrg *org;

  if (setlocale (LC_ALL, "nl_NL.UTF-8") == NULL)
    {
      g_test_skip ("the nl_NL.UTF-8 locale is not installed");
      return;
    }
  g_setenv ("LANGUAGE", "nl", TRUE);
  bindtextdomain (GETTEXT_PACKAGE, DAGRITME_TEST_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  view = open_view (f);
  org = dag_window_get_org (f->window);
  dag_records_view_set_kind (view, DAG_KIND_VEHICLE);
  g_assert_true (dag_records_view_select (view, DAG_AT (org->vehicles, DagVehicle, 0)->id));
  type_into (view, "seats", "0");
  g_assert_cmpstr (gtk_label_get_text (dag_records_view_get_message_label (view)), ==,
                   "Zitplaatsen: moet minstens 1 zijn");
  dag_test_wait_for_frames (GTK_WIDGET (f->window), 2);
  dag_test_save_screenshot (GTK_WIDGET (f->window), "organisation-nl");

  /* A contract's product with a price that is not one, in Dutch: the
   * price reads with a decimal comma. */
  {
    const DagProduct *p = DAG_AT (DAG_AT (org->contracts, DagContract, 0)->products, DagProduct, 0);
    g_autofree char *price = g_strdup_printf ("%d,%02d", (int) (p->tariff_cents / 100), (int) (p->tariff_cents % 100));
    g_autofree char *expected = g_strdup_printf ("Producten: “%s” prijs moet een bedrag zijn zoals “34,50”",
                                                 p->product);

    /* The vehicle's seats were left wrong: discard them. */
    dag_records_view_set_kind (view, DAG_KIND_CONTRACT);
    g_assert_nonnull (dag_records_view_get_unsaved_dialog (view));
    adw_message_dialog_response (ADW_MESSAGE_DIALOG (dag_records_view_get_unsaved_dialog (view)), "discard");
    g_assert_true (dag_records_view_select (view, DAG_AT (org->contracts, DagContract, 0)->id));
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (dag_record_form_get_row (dag_records_view_get_form (view),
                                                                                    "products[0].price"))), ==,
                     price);
    type_into (view, "products[0].price", "12,3x");
    g_assert_cmpstr (gtk_label_get_text (dag_records_view_get_message_label (view)), ==, expected);
  }
  dag_test_wait_for_frames (GTK_WIDGET (f->window), 3);
  dag_test_save_screenshot (GTK_WIDGET (f->window), "organisation-contract-nl");

  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "en", TRUE);
}

static void
collect_text (GtkWidget *widget, GString *out)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget))
    g_string_append_printf (out, "%s\n", gtk_label_get_text (GTK_LABEL (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    collect_text (child, out);
}

static int
compare_lines (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* The staffing as sorted text, to tell whether a dated change altered
 * it (undo may put entries back in another order). */
static char *
staffing_digest (const DagOrg *org)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < org->staffing->len; i++)
    {
      const DagStaffing *s = DAG_AT (org->staffing, DagStaffing, i);
      g_ptr_array_add (lines, g_strdup_printf ("%d %d %d %u %u", s->staff, s->group, s->slot,
                                               s->from, s->until));
    }
  g_ptr_array_sort (lines, compare_lines);
  g_ptr_array_add (lines, NULL);
  return g_strjoinv ("\n", (char **) lines->pdata);
}

/* An edited record shows in the other views at once, and their steps on
 * the undo stack survive it. */
static void
test_edit_shows_everywhere (Fixture *f, gconstpointer data)
{
  DagRecordsView *view = open_view (f);
  DagOrg *org = (DagOrg *) dag_window_get_org (f->window);
  DagStaffView *staff_view = dag_window_get_staff_view (f->window);
  DagHistory *history = dag_window_get_history (f->window);
  const DagGroup *group = DAG_AT (org->groups, DagGroup, 0);
  g_autofree char *old_name = g_strdup (group->name);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *staffing_before = staffing_digest (org);
  g_autofree char *staffing_changed = NULL;
  g_autofree char *staffing_after = NULL;
  int slot = 0, member = -1;
  DagDate monday;
  gboolean ok;

  while (!(group->slots & DAG_SLOT_BIT (slot)))
    slot++;
  /* A staffing change first, in the Staff view, at the group's location. */
  dag_window_set_view (f->window, "staff");
  dag_staff_view_set_location (staff_view, group->location);
  /* Someone the shown week's staffing lets toggle there: whoever works in
   * the group then (taken off), else someone in no group then (added). */
  monday = dag_staff_view_get_week (staff_view);
  for (guint k = 0; k < org->staffing->len && member < 0; k++)
    {
      const DagStaffing *e = DAG_AT (org->staffing, DagStaffing, k);

      if (e->group == 0 && e->slot == slot && DAG_DATED_APPLIES (e->from, e->until, monday))
        member = e->staff;
    }
  for (guint i = 0; i < org->staff->len && member < 0; i++)
    {
      gboolean busy = FALSE;

      for (guint k = 0; k < org->staffing->len; k++)
        {
          const DagStaffing *e = DAG_AT (org->staffing, DagStaffing, k);

          busy |= e->staff == (int) i && e->slot == slot && DAG_DATED_APPLIES (e->from, e->until, monday);
        }
      if (!busy)
        member = (int) i;
    }
  g_assert_cmpint (member, >=, 0);
  ok = dag_staff_view_toggle (staff_view, member, 0, slot, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  staffing_changed = staffing_digest (org);
  g_assert_cmpstr (staffing_changed, !=, staffing_before);

  dag_window_set_view (f->window, "organisation");
  dag_records_view_set_kind (view, DAG_KIND_GROUP);
  g_assert_true (dag_records_view_select (view, group->id));
  type_into (view, "name", "Zonnebloemgroep");
  g_assert_true (dag_records_view_save (view));

  /* The Staff view shows the new name at the same location. */
  dag_window_set_view (f->window, "staff");
  dag_test_wait_for_frames (GTK_WIDGET (f->window), 2);
  collect_text (GTK_WIDGET (staff_view), text);
  g_assert_nonnull (strstr (text->str, "Zonnebloemgroep\n"));
  g_assert_null (strstr (text->str, old_name));

  /* Undo takes back the edit, then the staffing change, which survived. */
  g_assert_true (dag_history_undo (history, &error));
  g_assert_cmpstr (DAG_AT (org->groups, DagGroup, 0)->name, ==, old_name);
  g_assert_true (dag_history_undo (history, &error));
  g_assert_no_error (error);
  staffing_after = staffing_digest (org);
  g_assert_cmpstr (staffing_after, ==, staffing_before);
  g_assert_cmpstr (dag_window_get_view (f->window), ==, "staff");
}

static const DagProduct *
stored_product (DagOrg *org, const char *contract, const char *product)
{
  const DagContract *c = DAG_AT (org->contracts, DagContract, dag_org_lookup (org, DAG_KIND_CONTRACT, contract));

  for (guint i = 0; i < c->products->len; i++)
    if (g_str_equal (DAG_AT (c->products, DagProduct, i)->product, product))
      return DAG_AT (c->products, DagProduct, i);
  return NULL;
}

static char *
product_key (guint i, const char *field)
{
  return g_strdup_printf ("products[%u].%s", i, field);
}

static void
type_product (DagRecordsView *view, guint i, const char *field, const char *text)
{
  g_autofree char *key = product_key (i, field);

  type_into (view, key, text);
}

/* A price typed with a decimal comma is stored in cents; a price that is
 * not one is caught as it is typed. */
static void
test_contract_price (Fixture *f, gconstpointer data)
{
  DagRecordsView *view = open_view (f);
  const DagOrg *org = dag_window_get_org (f->window);
  const DagContract *c = DAG_AT (org->contracts, DagContract, 0);
  g_autofree char *id = g_strdup (c->id);
  g_autofree char *product = g_strdup (DAG_AT (c->products, DagProduct, 0)->product);
  gint64 old_cents = DAG_AT (c->products, DagProduct, 0)->tariff_cents;
  g_autoptr(GArray) old_bands = g_array_copy (DAG_AT (c->products, DagProduct, 0)->staffel);
  GtkWidget *save = dag_records_view_get_save_button (view);
  GtkLabel *message = dag_records_view_get_message_label (view);
  GtkWidget *price;
  g_autoptr(DagOrg) after = NULL;
  g_autoptr(DagOrg) undone = NULL;

  g_assert_cmpint (old_cents, !=, 1234);
  g_assert_cmpuint (old_bands->len, >, 0);
  dag_records_view_set_kind (view, DAG_KIND_CONTRACT);
  g_assert_true (dag_records_view_select (view, id));
  price = dag_record_form_get_row (dag_records_view_get_form (view), "products[0].price");
  g_assert_true (ADW_IS_ENTRY_ROW (price));

  type_product (view, 0, "price", "12,3x");
  g_assert_true (gtk_widget_has_css_class (price, "error"));
  g_assert_false (gtk_widget_get_sensitive (save));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (message)));
  if (!g_str_has_prefix (gtk_label_get_text (message), "Products: ") ||
      strstr (gtk_label_get_text (message), product) == NULL)
    g_error ("expected the message to name the products and %s, got “%s”", product, gtk_label_get_text (message));
  g_assert_false (dag_records_view_save (view));

  type_product (view, 0, "price", "12,34");
  g_assert_false (gtk_widget_has_css_class (price, "error"));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (message)));
  g_assert_true (gtk_widget_get_sensitive (save));
  g_signal_emit_by_name (save, "clicked");
  after = stored (f);
  g_assert_cmpint (stored_product (after, id, product)->tariff_cents, ==, 1234);
  /* The tariff bands, shown as text, come back as they were. */
  {
    GArray *new_bands = stored_product (after, id, product)->staffel;

    g_assert_cmpuint (new_bands->len, ==, old_bands->len);
    for (guint k = 0; k < old_bands->len; k++)
      {
        g_assert_cmpint (DAG_AT (new_bands, DagStaffel, k)->from_unit, ==, DAG_AT (old_bands, DagStaffel, k)->from_unit);
        g_assert_cmpint (DAG_AT (new_bands, DagStaffel, k)->tariff_cents, ==,
                         DAG_AT (old_bands, DagStaffel, k)->tariff_cents);
      }
  }
  g_assert_cmpint (DAG_AT (DAG_AT (org->contracts, DagContract, 0)->products, DagProduct, 0)->tariff_cents, ==, 1234);

  /* Undo restores the old price. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo", NULL));
  undone = stored (f);
  g_assert_cmpint (stored_product (undone, id, product)->tariff_cents, ==, old_cents);
}

/* A product added in the form is stored by one save and taken away by one
 * undo; a product that indications use cannot be removed. */
static void
test_contract_add_product (Fixture *f, gconstpointer data)
{
  DagRecordsView *view = open_view (f);
  const DagOrg *org = dag_window_get_org (f->window);
  DagRecordForm *form = dag_records_view_get_form (view);
  GtkWidget *save = dag_records_view_get_save_button (view);
  GtkLabel *message = dag_records_view_get_message_label (view);
  int contract = DAG_AT (org->indications, DagIndication, 0)->contract;
  int used = DAG_AT (org->indications, DagIndication, 0)->product;
  const DagContract *c = DAG_AT (org->contracts, DagContract, contract);
  g_autofree char *id = g_strdup (c->id);
  g_autofree char *remove_key = NULL;
  guint n = c->products->len;
  const DagProduct *p;
  g_autoptr(DagOrg) added = NULL;
  g_autoptr(DagOrg) undone = NULL;
  g_autoptr(DagOrg) unchanged = NULL;

  dag_records_view_set_kind (view, DAG_KIND_CONTRACT);
  g_assert_true (dag_records_view_select (view, id));
  g_signal_emit_by_name (dag_record_form_get_row (form, "products.add"), "clicked");
  g_assert_nonnull (dag_record_form_get_row (form, "products[0]"));
  g_assert_true (ADW_IS_EXPANDER_ROW (dag_record_form_get_row (form, "products[0]")));
  /* An empty new product is not a product yet. */
  g_assert_false (gtk_widget_get_sensitive (save));
  type_product (view, n, "product", "M9");
  type_product (view, n, "code", "09A99");
  type_product (view, n, "name", "Proefdag");
  type_product (view, n, "unit", "dagdeel");
  g_assert_false (gtk_widget_get_sensitive (save));
  type_product (view, n, "price", "€ 45.50");
  g_assert_true (gtk_widget_get_sensitive (save));
  /* Tariff bands: one that does not read, then two out of order. */
  type_product (view, n, "staffel", "9 42,00");
  g_assert_false (gtk_widget_get_sensitive (save));
  g_assert_nonnull (strstr (gtk_label_get_text (message), "tariff bands"));
  type_product (view, n, "staffel", "20: 40,00; 9: 42,00");
  g_assert_true (gtk_widget_get_sensitive (save));
  dag_test_wait_for_frames (GTK_WIDGET (f->window), 3);
  dag_test_save_screenshot (GTK_WIDGET (f->window), "organisation-contract-edit");
  g_assert_true (dag_records_view_save (view));

  added = stored (f);
  p = stored_product (added, id, "M9");
  g_assert_nonnull (p);
  g_assert_cmpstr (p->code, ==, "09A99");
  g_assert_cmpstr (p->name, ==, "Proefdag");
  g_assert_cmpstr (p->unit, ==, "dagdeel");
  g_assert_cmpint (p->tariff_cents, ==, 4550);
  g_assert_cmpuint (p->staffel->len, ==, 2);
  g_assert_cmpint (DAG_AT (p->staffel, DagStaffel, 0)->from_unit, ==, 9);
  g_assert_cmpint (DAG_AT (p->staffel, DagStaffel, 0)->tariff_cents, ==, 4200);
  g_assert_cmpint (DAG_AT (p->staffel, DagStaffel, 1)->from_unit, ==, 20);
  g_assert_cmpint (DAG_AT (p->staffel, DagStaffel, 1)->tariff_cents, ==, 4000);
  g_assert_cmpuint (DAG_AT (org->contracts, DagContract, contract)->products->len, ==, n + 1);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo", NULL));
  undone = stored (f);
  g_assert_null (stored_product (undone, id, "M9"));
  g_assert_cmpuint (DAG_AT (undone->contracts, DagContract, contract)->products->len, ==, n);
  g_assert_cmpuint (DAG_AT (org->contracts, DagContract, contract)->products->len, ==, n);
  /* The form shows the products as they were again. */
  remove_key = g_strdup_printf ("products[%u]", n);
  g_assert_null (dag_record_form_get_row (form, remove_key));
  g_clear_pointer (&remove_key, g_free);

  /* Removing the product the first indication uses is refused by the store. */
  remove_key = product_key (used, "remove");
  g_signal_emit_by_name (dag_record_form_get_row (form, remove_key), "clicked");
  g_assert_true (gtk_widget_get_sensitive (save));
  g_assert_false (dag_records_view_save (view));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (message)));
  if (!g_str_has_prefix (gtk_label_get_text (message), "Products: ") ||
      strstr (gtk_label_get_text (message), "indication") == NULL)
    g_error ("expected the store to refuse for the indications, got “%s”", gtk_label_get_text (message));
  unchanged = stored (f);
  g_assert_cmpuint (DAG_AT (unchanged->contracts, DagContract, contract)->products->len, ==, n);
}

static GtkWidget *
find_widget (GtkWidget *widget, GType type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type);

      if (found)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_add_button (GtkWidget *widget)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_widget_get_tooltip_text (widget), "Add") == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_add_button (child);

      if (found)
        return found;
    }
  return NULL;
}

/* Going to another kind or record with unsaved edits asks first: Cancel
 * stays, Discard goes without saving, Save saves and goes. */
static void
test_unsaved_changes (Fixture *f, gconstpointer data)
{
  DagRecordsView *view = open_view (f);
  const DagOrg *org = dag_window_get_org (f->window);
  DagRecordForm *form = dag_records_view_get_form (view);
  GtkListBox *kinds = GTK_LIST_BOX (find_widget (GTK_WIDGET (view), GTK_TYPE_LIST_BOX));
  GtkWidget *list = find_widget (GTK_WIDGET (view), GTK_TYPE_LIST_VIEW);
  const DagContract *c = DAG_AT (org->contracts, DagContract, 0);
  g_autofree char *id = g_strdup (c->id);
  g_autofree char *product = g_strdup (DAG_AT (c->products, DagProduct, 0)->product);
  gint64 old_cents = DAG_AT (c->products, DagProduct, 0)->tariff_cents;
  g_autofree char *heading = NULL;
  GtkWidget *dialog;
  g_autoptr(DagOrg) discarded = NULL;
  g_autoptr(DagOrg) saved = NULL;

  g_assert_cmpuint (org->contracts->len, >=, 2);
  g_assert_cmpint (old_cents, !=, 1234);
  dag_records_view_set_kind (view, DAG_KIND_CONTRACT);
  g_assert_true (dag_records_view_select (view, id));
  type_product (view, 0, "price", "12,34");
  g_assert_true (dag_record_form_is_dirty (form));

  /* Staff in the sidebar: asked; Cancel keeps the edit on screen. */
  gtk_list_box_select_row (kinds, gtk_list_box_get_row_at_index (kinds, 2));
  dialog = dag_records_view_get_unsaved_dialog (view);
  g_assert_true (ADW_IS_MESSAGE_DIALOG (dialog));
  heading = g_strdup_printf ("Save the changes to “%s”?", id);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, heading);
  g_assert_cmpint (dag_records_view_get_kind (view), ==, DAG_KIND_CONTRACT);
  g_assert_cmpint (gtk_list_box_row_get_index (gtk_list_box_get_selected_row (kinds)), ==, 4);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_assert_null (dag_records_view_get_unsaved_dialog (view));
  g_assert_true (dag_record_form_is_dirty (form));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (dag_record_form_get_row (form, "products[0].price"))),
                   ==, "12,34");

  /* Asked again; Discard goes to the staff without saving. */
  gtk_list_box_select_row (kinds, gtk_list_box_get_row_at_index (kinds, 2));
  dialog = dag_records_view_get_unsaved_dialog (view);
  g_assert_nonnull (dialog);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "discard");
  g_assert_cmpint (dag_records_view_get_kind (view), ==, DAG_KIND_STAFF);
  g_assert_false (dag_record_form_is_dirty (form));
  discarded = stored (f);
  g_assert_cmpint (stored_product (discarded, id, product)->tariff_cents, ==, old_cents);

  /* Back to the contract; another record in the list; Save saves and goes. */
  dag_records_view_set_kind (view, DAG_KIND_CONTRACT);
  g_assert_true (dag_records_view_select (view, id));
  type_product (view, 0, "price", "12,34");
  {
    GtkSingleSelection *selection = GTK_SINGLE_SELECTION (gtk_list_view_get_model (GTK_LIST_VIEW (list)));
    guint other = gtk_single_selection_get_selected (selection) == 0 ? 1 : 0;

    g_assert_true (gtk_widget_activate_action (list, "list.select-item", "(ubb)", other, FALSE, FALSE));
    dialog = dag_records_view_get_unsaved_dialog (view);
    g_assert_nonnull (dialog);
    adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "save");
    saved = stored (f);
    g_assert_cmpint (stored_product (saved, id, product)->tariff_cents, ==, 1234);
    g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, other);
    g_assert_false (dag_record_form_is_dirty (form));
  }

  /* The list's Add button asks too; Discard opens the new record's form. */
  gtk_switch_set_active (GTK_SWITCH (dag_record_form_get_editor (form, "noshow_billable")),
                         !gtk_switch_get_active (GTK_SWITCH (dag_record_form_get_editor (form, "noshow_billable"))));
  g_assert_true (dag_record_form_is_dirty (form));
  g_signal_emit_by_name (find_add_button (GTK_WIDGET (view)), "clicked");
  dialog = dag_records_view_get_unsaved_dialog (view);
  g_assert_nonnull (dialog);
  g_assert_false (dag_record_form_is_new (form));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "discard");
  g_assert_true (dag_record_form_is_new (form));
  g_assert_false (dag_record_form_is_dirty (form));
}

/* Closing the window (or quitting) with unsaved edits in the form asks
 * first: Cancel keeps the window, Discard closes it. */
static void
test_close_unsaved (Fixture *f, gconstpointer data)
{
  DagRecordsView *view = open_view (f);
  const DagOrg *org = dag_window_get_org (f->window);
  GtkWidget *dialog;
  DagWindow *window = f->window;

  dag_records_view_set_kind (view, DAG_KIND_VEHICLE);
  g_assert_true (dag_records_view_select (view, DAG_AT (org->vehicles, DagVehicle, 0)->id));
  type_into (view, "name", "Rolstoelbus Oost");
  g_assert_true (dag_records_view_has_unsaved (view));

  dag_window_set_view (f->window, "week");
  gtk_window_close (GTK_WINDOW (f->window));
  dialog = dag_records_view_get_unsaved_dialog (view);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (dag_window_get_view (f->window), ==, "organisation");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->window)));
  g_assert_true (dag_records_view_has_unsaved (view));

  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &f->window);
  gtk_window_close (GTK_WINDOW (f->window));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dag_records_view_get_unsaved_dialog (view)), "discard");
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_null (f->window);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  bindtextdomain (GETTEXT_PACKAGE, DAGRITME_TEST_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  /* g_dgettext(), which the model's messages use, decides once per process
   * whether to translate at all; decided in an English C locale that is
   * "never", and the Dutch test would see English.  Let it decide in Dutch. */
  if (setlocale (LC_ALL, "nl_NL.UTF-8") != NULL)
    {
      g_setenv ("LANGUAGE", "nl", TRUE);
      (void) g_dgettext (GETTEXT_PACKAGE, "Name");
      g_setenv ("LANGUAGE", "en", TRUE);
    }
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  application = dag_application_new ();
  g_application_register (G_APPLICATION (application), NULL, &error);
  g_assert_no_error (error);
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add ("/gui-records/dutch", Fixture, NULL, fixture_setup, test_dutch, fixture_teardown);
  g_test_add ("/gui-records/staff-edit-undo", Fixture, NULL, fixture_setup, test_staff_edit_undo, fixture_teardown);
  g_test_add ("/gui-records/location-postcode", Fixture, NULL, fixture_setup, test_location_postcode, fixture_teardown);
  g_test_add ("/gui-records/vehicle-add-delete", Fixture, NULL, fixture_setup, test_vehicle_add_delete, fixture_teardown);
  g_test_add ("/gui-records/staff-delete-undo", Fixture, NULL, fixture_setup, test_staff_delete_undo, fixture_teardown);
  g_test_add ("/gui-records/group-delete-refused", Fixture, NULL, fixture_setup, test_group_delete_refused, fixture_teardown);
  g_test_add ("/gui-records/edit-shows-everywhere", Fixture, NULL, fixture_setup, test_edit_shows_everywhere, fixture_teardown);
  g_test_add ("/gui-records/close-unsaved", Fixture, NULL, fixture_setup, test_close_unsaved, fixture_teardown);
  g_test_add ("/gui-records/dark", Fixture, NULL, fixture_setup, test_screenshots, fixture_teardown);
  g_test_add ("/gui-records/contract-price", Fixture, NULL, fixture_setup, test_contract_price, fixture_teardown);
  g_test_add ("/gui-records/contract-add-product", Fixture, NULL, fixture_setup, test_contract_add_product,
              fixture_teardown);
  g_test_add ("/gui-records/unsaved-changes", Fixture, NULL, fixture_setup, test_unsaved_changes, fixture_teardown);
  status = g_test_run ();
  g_clear_object (&application);
  return status;
}
