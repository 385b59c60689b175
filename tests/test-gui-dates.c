/* test-gui-dates.c — date fields in the window under Xvfb on the demo
 * organisation: every one has a calendar that opens on the date typed and
 * writes the day picked as DD-MM-YYYY (the absence dialog, the indication
 * and participant editors, the Staff view's new absence and a location's
 * closures); the Staff view takes an absence typed the Dutch way; and a
 * location's closures are a list of dates, added with the calendar and
 * removed a row at a time.  Screenshots: dates-*.png in the build
 * directory.  "Today" is fixed (DAGRITME_TODAY) at 11 November 2026. */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "dag-application.h"
#include "dag-change-dialog.h"
#include "dag-date-popover.h"
#include "dag-demo.h"
#include "dag-gui-test.h"
#include "dag-indication-editor.h"
#include "dag-item-format.h"
#include "dag-participant-editor.h"
#include "dag-window.h"

typedef struct {
  DagTestDemo  demo;
  DagWindow   *window;
} Fixture;

static DagApplication *application;

#define TODAY "2026-11-11"

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  dag_test_demo_setup (&f->demo, "dates", 150, dag_date_from_ymd (2026, 10, 1));
  f->window = dag_test_open_window (application, f->demo.store, 1200, 800);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  GList *toplevels = gtk_window_list_toplevels ();

  /* Dialogs and editors go with the test that opened them. */
  for (GList *l = toplevels; l; l = l->next)
    if (l->data != f->window)
      gtk_window_destroy (l->data);
  g_list_free (toplevels);
  if (f->window)
    gtk_window_destroy (GTK_WINDOW (f->window));
  dag_test_demo_teardown (&f->demo);
}

static DagOrg *
stored (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  DagOrg *org = dag_store_load (f->demo.store, &error);

  g_assert_no_error (error);
  return org;
}

static gboolean
is_mapped (gpointer widget)
{
  return gtk_widget_get_mapped (widget);
}

static gboolean
is_unmapped (gpointer widget)
{
  return !gtk_widget_get_mapped (widget);
}

/* Opens the calendar of entry, checks that it shows expected (the date
 * typed, or today) and picks pick; the entry then says pick as
 * DD-MM-YYYY and the popover is closed.  shot, if not NULL, names a
 * screenshot of window with the calendar open. */
static void
check_calendar (GtkWidget  *entry,
                DagDate     expected,
                DagDate     pick,
                GtkWidget  *window,
                const char *shot)
{
  GtkMenuButton *button = dag_date_popover_get_button (entry);
  GtkCalendar *calendar;
  g_autoptr(GDateTime) shown = NULL;
  g_autoptr(GDateTime) picked = NULL;
  char buf[DAG_DATE_BUF];
  int y, m, d;

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_drawable (GTK_WIDGET (button)));
  calendar = dag_date_popover_get_calendar (button);
  g_assert_nonnull (calendar);
  gtk_menu_button_popup (button);
  dag_test_wait_until (is_mapped, calendar);
  shown = gtk_calendar_get_date (calendar);
  dag_date_to_ymd (expected, &y, &m, &d);
  g_assert_cmpint (g_date_time_get_year (shown), ==, y);
  g_assert_cmpint (g_date_time_get_month (shown), ==, m);
  g_assert_cmpint (g_date_time_get_day_of_month (shown), ==, d);
  if (shot != NULL)
    {
      /* The popover is a surface of its own, not in the window's picture. */
      g_autofree char *popover_shot = g_strdup_printf ("%s-calendar", shot);
      GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (calendar), GTK_TYPE_POPOVER);

      dag_test_wait_for_frames (popover, 2);
      dag_test_save_screenshot (window, shot);
      dag_test_save_screenshot (popover, popover_shot);
    }

  dag_date_to_ymd (pick, &y, &m, &d);
  picked = g_date_time_new_local (y, m, d, 12, 0, 0);
  gtk_calendar_select_day (calendar, picked);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, dag_date_format_human (pick, buf));
  dag_test_wait_until (is_unmapped, calendar);
  /* Let GTK finish with the popover's surface (under AddressSanitizer a
   * window destroyed at once met a pointer update of that surface). */
  dag_test_wait_for_frames (gtk_widget_get_ancestor (entry, GTK_TYPE_WINDOW), 2);
}

static void
find_entries (GtkWidget *widget,
              GPtrArray *out)
{
  if (GTK_IS_ENTRY (widget))
    g_ptr_array_add (out, widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    find_entries (c, out);
}

static GtkWidget *
find_button (GtkWidget  *widget,
             const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_button (c, label);
      if (found)
        return found;
    }
  return NULL;
}

/* ---- the calendar on every date field ------------------------------------- */

static void
test_change_dialog (Fixture *f, gconstpointer data)
{
  const DagOrg *org = dag_window_get_org (f->window);
  DagDate today = dag_date_today ();
  DagChangeDialog *dialog;
  GtkWidget *from;

  dialog = dag_change_dialog_new_absence (GTK_WINDOW (f->window), org, DAG_ABSENCE_STAFF, 0, -1,
                                          today, today);
  gtk_window_present (GTK_WINDOW (dialog));
  dag_test_wait_for_frames (GTK_WIDGET (dialog), 2);
  from = dag_change_dialog_get_row (dialog, "from");
  /* A date typed the Dutch way is where the calendar opens. */
  gtk_editable_set_text (GTK_EDITABLE (from), "8-12-2026");
  check_calendar (from, dag_date_from_ymd (2026, 12, 8), dag_date_from_ymd (2026, 12, 14),
                  GTK_WIDGET (dialog), "dates-change-dialog");
  g_assert_cmpuint (dag_change_dialog_get_date (dialog, "from"), ==, dag_date_from_ymd (2026, 12, 14));
  /* Text that is no date opens it on today. */
  gtk_editable_set_text (GTK_EDITABLE (from), "morgen");
  check_calendar (from, today, today + 1, GTK_WIDGET (dialog), NULL);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_editors (Fixture *f, gconstpointer data)
{
  DagOrg *org = (DagOrg *) dag_window_get_org (f->window);
  DagParticipantEditor *pe;
  DagIndicationEditor *ie;
  GtkWidget *birth, *start, *end;
  const DagParticipant *p = DAG_AT (org->participants, DagParticipant, 0);
  const DagIndication *in = NULL;
  int index = -1;

  pe = dag_participant_editor_new (f->demo.store, org, 0);
  gtk_window_set_transient_for (GTK_WINDOW (pe), GTK_WINDOW (f->window));
  gtk_window_present (GTK_WINDOW (pe));
  dag_test_wait_for_frames (GTK_WIDGET (pe), 2);
  birth = dag_participant_editor_get_row (pe, "birth-date");
  check_calendar (birth, p->birth_date, dag_date_from_ymd (1950, 2, 8), GTK_WIDGET (pe), "dates-participant");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (birth)), ==, "08-02-1950");
  g_assert_null (dag_participant_editor_get_message (pe, "birth-date"));
  gtk_window_destroy (GTK_WINDOW (pe));

  for (guint i = 0; i < org->indications->len && index < 0; i++)
    if (DAG_AT (org->indications, DagIndication, i)->participant == 0)
      index = (int) i;
  g_assert_cmpint (index, >=, 0);
  in = DAG_AT (org->indications, DagIndication, index);
  ie = dag_indication_editor_new (f->demo.store, org, 0, index);
  gtk_window_set_transient_for (GTK_WINDOW (ie), GTK_WINDOW (f->window));
  gtk_window_present (GTK_WINDOW (ie));
  dag_test_wait_for_frames (GTK_WIDGET (ie), 2);
  start = dag_indication_editor_get_row (ie, "start");
  end = dag_indication_editor_get_row (ie, "end");
  check_calendar (start, in->start, in->start + 1, GTK_WIDGET (ie), NULL);
  check_calendar (end, in->end, in->end - 1, GTK_WIDGET (ie), "dates-indication");
  g_assert_null (dag_indication_editor_get_message (ie, "start"));
  g_assert_null (dag_indication_editor_get_message (ie, "end"));
  gtk_window_destroy (GTK_WINDOW (ie));
}

/* The Staff view's new absence: Dutch dates typed or picked. */
static void
test_staff_absence (Fixture *f, gconstpointer data)
{
  DagStaffView *view = dag_window_get_staff_view (f->window);
  GtkMenuButton *button = dag_staff_view_get_absence_button (view);
  g_autoptr(GPtrArray) entries = g_ptr_array_new ();
  g_autoptr(DagOrg) back = NULL;
  const DagStaffAbsence *a;
  GtkPopover *popover;
  GtkWidget *add;
  guint before;
  int staff = 0;

  dag_window_set_view (f->window, "staff");
  dag_staff_view_set_staff (view, staff);
  before = dag_window_get_org (f->window)->staff_absences->len;
  gtk_menu_button_popup (button);
  popover = gtk_menu_button_get_popover (button);
  dag_test_wait_until (is_mapped, popover);
  /* Drawn on its monitor before a calendar opens from it, as a person
   * would see it. */
  dag_test_wait_for_frames (GTK_WIDGET (popover), 3);
  dag_test_save_screenshot (GTK_WIDGET (popover), "dates-staff-absence-popover");
  find_entries (GTK_WIDGET (popover), entries);
  g_assert_cmpuint (entries->len, ==, 3);     /* from, to, reason */
  /* Today, as the fields show dates. */
  g_assert_cmpstr (gtk_editable_get_text (entries->pdata[0]), ==, "11-11-2026");
  g_assert_cmpstr (gtk_editable_get_text (entries->pdata[1]), ==, "11-11-2026");
  g_assert_null (dag_date_popover_get_button (entries->pdata[2]));

  gtk_editable_set_text (entries->pdata[0], "8-12-2026");
  check_calendar (entries->pdata[1], dag_date_from_ymd (2026, 11, 11), dag_date_from_ymd (2026, 12, 10),
                  GTK_WIDGET (f->window), "dates-staff-absence");
  gtk_editable_set_text (entries->pdata[2], "verlof");
  add = find_button (GTK_WIDGET (popover), _("_Add Absence"));
  g_assert_nonnull (add);
  g_signal_emit_by_name (add, "clicked");

  back = stored (f);
  g_assert_cmpuint (back->staff_absences->len, ==, before + 1);
  a = DAG_AT (back->staff_absences, DagStaffAbsence, back->staff_absences->len - 1);
  g_assert_cmpint (a->staff, ==, staff);
  g_assert_cmpuint (a->from, ==, dag_date_from_ymd (2026, 12, 8));
  g_assert_cmpuint (a->to, ==, dag_date_from_ymd (2026, 12, 10));
  g_assert_cmpstr (a->reason, ==, "verlof");
}

/* ---- closures, a list of dates ------------------------------------------- */

static guint
draft_closures (DagRecordForm *form, DagDate *first)
{
  const DagLocation *l = dag_record_form_get_record (form);

  *first = l->closures->len > 0 ? g_array_index (l->closures, DagDate, 0) : DAG_DATE_NONE;
  return l->closures->len;
}

static void
test_closures (Fixture *f, gconstpointer data)
{
  DagRecordsView *view = dag_window_get_records_view (f->window);
  DagRecordForm *form = dag_records_view_get_form (view);
  const DagOrg *org = dag_window_get_org (f->window);
  const DagLocation *loc = DAG_AT (org->locations, DagLocation, 0);
  g_autofree char *id = g_strdup (loc->id);
  guint n = loc->closures ? loc->closures->len : 0;
  /* Two days no demo location is closed on already. */
  DagDate first_day = dag_date_from_ymd (2027, 1, 13), second_day = dag_date_from_ymd (2027, 1, 20);
  DagDate first;
  GtkWidget *entry, *save = dag_records_view_get_save_button (view);
  g_autoptr(DagOrg) back = NULL;
  g_autoptr(DagOrg) back2 = NULL;
  const DagLocation *bl;
  char buf[DAG_DATE_BUF];

  dag_window_set_view (f->window, "organisation");
  dag_records_view_set_kind (view, DAG_KIND_LOCATION);
  g_assert_true (dag_records_view_select (view, id));
  g_assert_cmpuint (dag_record_form_get_n_closures (form), ==, n);
  entry = dag_record_form_get_row (form, "closures");
  g_assert_true (ADW_IS_ENTRY_ROW (entry));

  /* One typed the Dutch way and added with Enter's action … */
  gtk_editable_set_text (GTK_EDITABLE (entry), "13-01-2027");
  g_assert_true (dag_record_form_add_closure (form));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
  /* … one picked in the calendar and added with the button. */
  check_calendar (entry, dag_date_today (), second_day, GTK_WIDGET (f->window), NULL);
  g_signal_emit_by_name (dag_record_form_get_row (form, "closures.add"), "clicked");
  /* The same date twice is listed once. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "13 januari 2027");
  g_assert_true (dag_record_form_add_closure (form));
  g_assert_cmpuint (dag_record_form_get_n_closures (form), ==, n + 2);
  /* Text that is no date is kept in the field and said to be wrong. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "31-02-2026");
  g_assert_false (dag_record_form_add_closure (form));
  g_assert_false (dag_record_form_is_valid (form));
  g_assert_true (gtk_widget_has_css_class (entry, "error"));
  g_assert_false (gtk_widget_get_sensitive (save));
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  g_assert_true (dag_record_form_is_valid (form));
  dag_test_wait_for_frames (GTK_WIDGET (f->window), 2);
  gtk_widget_grab_focus (entry);
  dag_test_save_screenshot (GTK_WIDGET (f->window), "dates-closures");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  dag_test_wait_for_frames (GTK_WIDGET (f->window), 2);
  dag_test_save_screenshot (GTK_WIDGET (f->window), "dates-closures-dark");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);

  /* Rows in date order, each saying its date. */
  for (guint i = 0; i < n + 2; i++)
    {
      g_autofree char *key = g_strdup_printf ("closures[%u]", i);

      g_assert_nonnull (dag_record_form_get_row (form, key));
    }
  g_assert_null (dag_record_form_get_row (form, "closures[99]"));

  g_assert_true (gtk_widget_get_sensitive (save));
  g_signal_emit_by_name (save, "clicked");
  back = stored (f);
  bl = DAG_AT (back->locations, DagLocation, dag_org_lookup (back, DAG_KIND_LOCATION, id));
  g_assert_cmpuint (bl->closures->len, ==, n + 2);
  {
    gboolean has_first = FALSE, has_second = FALSE;

    for (guint i = 0; i < bl->closures->len; i++)
      {
        DagDate d = g_array_index (bl->closures, DagDate, i);

        has_first |= d == first_day;
        has_second |= d == second_day;
        if (i > 0)
          g_assert_cmpuint (d, >, g_array_index (bl->closures, DagDate, i - 1));
      }
    g_assert_true (has_first && has_second);
  }

  /* Removing a row takes its date out of the draft and, saved, the store. */
  g_assert_true (dag_records_view_select (view, id));
  g_assert_cmpuint (dag_record_form_get_n_closures (form), ==, n + 2);
  {
    g_autofree char *key = NULL;
    guint at = 0;

    for (guint i = 0; i < bl->closures->len; i++)
      if (g_array_index (bl->closures, DagDate, i) == first_day)
        at = i;
    key = g_strdup_printf ("closures[%u]", at);
    g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (dag_record_form_get_row (form, key))), ==,
                     dag_date_format_human (first_day, buf));
    g_free (key);
    key = g_strdup_printf ("closures[%u].remove", at);
    g_signal_emit_by_name (dag_record_form_get_row (form, key), "clicked");
  }
  g_assert_cmpuint (draft_closures (form, &first), ==, n + 1);
  g_assert_true (dag_record_form_is_dirty (form));
  g_signal_emit_by_name (save, "clicked");
  back2 = stored (f);
  bl = DAG_AT (back2->locations, DagLocation, dag_org_lookup (back2, DAG_KIND_LOCATION, id));
  g_assert_cmpuint (bl->closures->len, ==, n + 1);
  for (guint i = 0; i < bl->closures->len; i++)
    g_assert_cmpuint (g_array_index (bl->closures, DagDate, i), !=, first_day);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  const char *localedir = g_getenv ("DAGRITME_TEST_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir ? localedir : DAGRITME_TEST_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_setenv ("DAGRITME_TODAY", TODAY, TRUE);
  g_test_init (&argc, &argv, NULL);
  application = dag_application_new ();
  g_application_register (G_APPLICATION (application), NULL, &error);
  g_assert_no_error (error);
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/gui-dates/change-dialog", test_change_dialog);
  ADD ("/gui-dates/editors", test_editors);
  ADD ("/gui-dates/staff-absence", test_staff_absence);
  ADD ("/gui-dates/closures", test_closures);
#undef ADD
  return g_test_run ();
}
