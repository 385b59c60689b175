/* test-gui-staff.c — the Staff view under Xvfb on the demo organisation:
 * the staff a cell needs against the staffing rules, removing a staff
 * member through the view and undoing it, checked in the store, a change
 * from a week on that leaves the weeks before as they were, a frozen week,
 * staff absences, a begeleider's own week (remembered as "me", with dates,
 * co-workers, a driving run, across a week change, and the calendar file
 * written twice with the same UIDs), and screenshots (light and dark, at
 * 1024×700 and 1600×1000, English and Dutch) in the build directory.
 * "Today" is fixed (DAGRITME_TODAY) at Wednesday 11 November 2026. */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "dag-application.h"
#include "dag-demo.h"
#include "dag-store-runs.h"
#include "dag-rules.h"
#include "dag-gui-test.h"
#include "dag-window.h"

typedef struct {
  DagTestDemo     demo;
  DagWindow      *window;
} Fixture;

static DagApplication *application;

#define TODAY "2026-11-11"
/* The week of "today", the week before (past: frozen) and the next. */
static DagDate this_monday, past_monday, next_monday;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  dag_test_demo_setup (&f->demo, "staff", 150, dag_date_from_ymd (2026, 10, 1));
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  if (f->window)
    gtk_window_destroy (GTK_WINDOW (f->window));
  dag_test_demo_teardown (&f->demo);
}

/* ---- waiting ------------------------------------------------------------ */

/* ---- helpers ------------------------------------------------------------ */

static void
open_window (Fixture *f)
{
  f->window = dag_test_open_window (application, f->demo.store, 1400, 900);
}

/* Whether the stored staffing (read back from the database) has staff_id
 * in group_id on slot in the week of monday, and how many assignments it
 * holds in all that week. */
static gboolean
stored_assignment_in (Fixture    *f,
                      DagDate     monday,
                      const char *staff_id,
                      const char *group_id,
                      int         slot,
                      guint      *total)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DagOrg) org = dag_store_load (f->demo.store, &error);
  int s, g;
  gboolean found = FALSE;

  g_assert_no_error (error);
  s = dag_org_lookup (org, DAG_KIND_STAFF, staff_id);
  g = dag_org_lookup (org, DAG_KIND_GROUP, group_id);
  g_assert_cmpint (s, >=, 0);
  g_assert_cmpint (g, >=, 0);
  *total = 0;
  for (guint i = 0; i < org->staffing->len; i++)
    {
      const DagStaffing *st = DAG_AT (org->staffing, DagStaffing, i);
      if (!DAG_DATED_APPLIES (st->from, st->until, monday))
        continue;
      if (st->staff == s && st->group == g && st->slot == slot)
        found = TRUE;
      (*total)++;
    }
  return found;
}

static gboolean
stored_assignment (Fixture    *f,
                   const char *staff_id,
                   const char *group_id,
                   int         slot,
                   guint      *total)
{
  return stored_assignment_in (f, this_monday, staff_id, group_id, slot, total);
}

/* The staff group g needs on slot, worked out here from the plan: each
 * participant counts at the level of an indication for a product the group
 * takes (the demo gives every planned participant one). */
static void
need_of (const DagOrg *org,
         int           g,
         int           slot,
         DagStaffNeed *need)
{
  guint unit = dag_rules_load_unit (&org->settings), load = 0, count = 0;
  gboolean high = FALSE;
  const DagGroup *group = DAG_AT (org->groups, DagGroup, g);

  for (guint e = 0; e < org->plan->len; e++)
    {
      const DagPlanEntry *pe = DAG_AT (org->plan, DagPlanEntry, e);
      int level = -1;

      if (pe->group != g || pe->slot != slot)
        continue;
      for (guint i = 0; i < org->indications->len && level < 0; i++)
        {
          const DagIndication *in = DAG_AT (org->indications, DagIndication, i);
          if (in->participant == pe->participant && dag_rules_is_day_activity (org, in) &&
              dag_rules_group_takes (group, dag_rules_indication_product (org, in)))
            level = in->level;
        }
      g_assert_cmpint (level, >=, 0);
      count++;
      load += dag_rules_share (&org->settings, unit, level);
      high |= dag_rules_needs_hbo (&org->settings, level);
    }
  dag_rules_staff_need (unit, load, count, high, need);
}

/* The check button of staff in a cell's popover, NULL when not offered. */
static GtkCheckButton *
find_check (GtkWidget *widget,
            int        staff)
{
  if (GTK_IS_CHECK_BUTTON (widget) &&
      GPOINTER_TO_INT (g_object_get_data (G_OBJECT (widget), "staff")) == staff)
    return GTK_CHECK_BUTTON (widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkCheckButton *found = find_check (c, staff);
      if (found)
        return found;
    }
  return NULL;
}

/* ---- tests -------------------------------------------------------------- */

static void
test_staff (Fixture *f, gconstpointer data)
{
  DagStaffView *view;
  const DagOrg *org;
  g_autoptr(GArray) findings = NULL;
  g_autofree char *staff_id = NULL, *group_id = NULL, *contract = NULL, *problems_before = NULL;
  int victim = -1, group = -1, slot = -1, n_hbo = 0, n_mbo = 0, used = 0;
  DagStaffNeed need;
  guint total_before, total;
  GtkMenuButton *cell;
  GtkCheckButton *check;

  open_window (f);
  org = dag_window_get_org (f->window);
  view = dag_window_get_staff_view (f->window);
  dag_window_set_view (f->window, "staff");
  g_assert_cmpstr (dag_window_get_view (f->window), ==, "staff");
  /* It opens on this week, which can still be changed. */
  g_assert_cmpuint (dag_staff_view_get_week (view), ==, this_monday);
  g_assert_null (dag_staff_view_get_frozen_message (view));

  /* The planner's week breaks no rule. */
  findings = dag_rules_check (org, DAG_DATE_NONE);
  g_assert_cmpuint (dag_rules_count_errors (findings), ==, 0);

  /* An assignment whose removal leaves its group slot uncovered. */
  for (guint i = 0; i < org->staffing->len && victim < 0; i++)
    {
      const DagStaffing *s = DAG_AT (org->staffing, DagStaffing, i);
      const DagStaff *st = DAG_AT (org->staff, DagStaff, s->staff);

      n_hbo = n_mbo = 0;
      for (guint k = 0; k < org->staffing->len; k++)
        {
          const DagStaffing *o = DAG_AT (org->staffing, DagStaffing, k);
          DagQualification q = DAG_AT (org->staff, DagStaff, o->staff)->qualification;
          if (o->group == s->group && o->slot == s->slot)
            {
              n_hbo += q == DAG_QUAL_HBO;
              n_mbo += q == DAG_QUAL_MBO;
            }
        }
      if (DAG_SLOT_PART (s->slot) > DAG_PART_PM || DAG_SLOT_DAY (s->slot) > 4)
        continue;
      need_of (org, s->group, s->slot, &need);
      g_assert_true (dag_rules_staff_covers (&need, n_hbo, n_mbo));
      if (!dag_rules_staff_covers (&need, n_hbo - (st->qualification == DAG_QUAL_HBO),
                                   n_mbo - (st->qualification == DAG_QUAL_MBO)))
        {
          victim = s->staff;
          group = s->group;
          slot = s->slot;
        }
    }
  g_assert_cmpint (victim, >=, 0);
  staff_id = g_strdup (DAG_AT (org->staff, DagStaff, victim)->id);
  group_id = g_strdup (DAG_AT (org->groups, DagGroup, group)->id);

  /* The cell shows what the rules need. */
  dag_staff_view_set_location (view, DAG_AT (org->groups, DagGroup, group)->location);
  g_assert_nonnull (dag_staff_view_get_cell (view, group, slot));
  g_assert_cmpint (dag_staff_view_get_need (view, group, slot), ==, need.total);
  /* The week's rules are checked with its dates: an indication that ended
   * shows too, but nothing about the staff. */
  problems_before = g_strdup (dag_staff_view_get_problems (view, group, slot));
  g_assert_true (problems_before == NULL || strstr (problems_before, "staff") == NULL);

  /* The staff member's week: their dagdelen of their contract. */
  for (guint i = 0; i < org->staffing->len; i++)
    {
      const DagStaffing *s = DAG_AT (org->staffing, DagStaffing, i);
      used += s->staff == victim && DAG_DATED_APPLIES (s->from, s->until, this_monday);
    }
  dag_staff_view_set_staff (view, victim);
  contract = g_strdup_printf ("%d of %d dagdelen", used,
                              DAG_AT (org->staff, DagStaff, victim)->contract_hours * 60 /
                              org->settings.slot_minutes);
  g_assert_cmpstr (dag_staff_view_get_contract_text (view), ==, contract);

  /* Removing them: saved, and the rules find the gap at once. */
  g_assert_true (stored_assignment (f, staff_id, group_id, slot, &total_before));
  g_assert_true (dag_staff_view_toggle (view, victim, group, slot, NULL));
  g_assert_false (stored_assignment (f, staff_id, group_id, slot, &total));
  g_assert_cmpuint (total, ==, total_before - 1);
  g_assert_nonnull (dag_staff_view_get_problems (view, group, slot));
  g_assert_cmpstr (dag_staff_view_get_problems (view, group, slot), !=, problems_before);
  g_assert_true (gtk_widget_has_css_class (dag_staff_view_get_cell (view, group, slot), "error"));

  /* Opening the cell's popover builds its list of staff (popovers are
   * surfaces of their own, so it is not in the picture). */
  gtk_menu_button_popup (GTK_MENU_BUTTON (dag_staff_view_get_cell (view, group, slot)));
  g_assert_nonnull (gtk_menu_button_get_popover (GTK_MENU_BUTTON (dag_staff_view_get_cell (view, group, slot))));
  dag_test_save_screenshot (GTK_WIDGET (f->window), "staff");
  gtk_menu_button_popdown (GTK_MENU_BUTTON (dag_staff_view_get_cell (view, group, slot)));
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  dag_test_save_screenshot (GTK_WIDGET (f->window), "staff-dark");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);

  /* Ctrl+Z's action puts it back, in the store and in the cell. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "win.undo", NULL));
  g_assert_true (stored_assignment (f, staff_id, group_id, slot, &total));
  g_assert_cmpuint (total, ==, total_before);
  g_assert_cmpstr (dag_staff_view_get_problems (view, group, slot), ==, problems_before);

  /* And redo takes it away again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "win.redo", NULL));
  g_assert_false (stored_assignment (f, staff_id, group_id, slot, &total));
  g_assert_cmpstr (dag_staff_view_get_problems (view, group, slot), !=, problems_before);

  /* The cell's popover offers them again (free in that slot); ticking
   * them assigns them. */
  cell = GTK_MENU_BUTTON (dag_staff_view_get_cell (view, group, slot));
  gtk_menu_button_popup (cell);
  check = find_check (GTK_WIDGET (gtk_menu_button_get_popover (cell)), victim);
  g_assert_nonnull (check);
  g_assert_false (gtk_check_button_get_active (check));
  gtk_check_button_set_active (check, TRUE);
  gtk_menu_button_popdown (cell);
  g_assert_true (stored_assignment (f, staff_id, group_id, slot, &total));
  g_assert_cmpuint (total, ==, total_before);
  g_assert_cmpstr (dag_staff_view_get_problems (view, group, slot), ==, problems_before);
}

/* An assignment of a weekday morning or afternoon in the week of monday at
 * the first location with one: its staffing index in org, or -1. */
static int
weekday_assignment (const DagOrg *org,
                    DagDate       monday)
{
  for (guint i = 0; i < org->staffing->len; i++)
    {
      const DagStaffing *s = DAG_AT (org->staffing, DagStaffing, i);

      if (DAG_DATED_APPLIES (s->from, s->until, monday) &&
          DAG_SLOT_PART (s->slot) <= DAG_PART_PM && DAG_SLOT_DAY (s->slot) <= 4)
        return (int) i;
    }
  return -1;
}

static void
test_dated (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  DagStaffView *view;
  const DagOrg *org;
  const DagStaffing *s;
  g_autofree char *staff_id = NULL, *group_id = NULL, *name = NULL;
  g_autofree char *past_before = NULL;
  int at, staff, group, slot;
  guint total, total_past;
  gint64 audit;

  open_window (f);
  org = dag_window_get_org (f->window);
  view = dag_window_get_staff_view (f->window);
  dag_window_set_view (f->window, "staff");
  at = weekday_assignment (org, next_monday);
  g_assert_cmpint (at, >=, 0);
  s = DAG_AT (org->staffing, DagStaffing, at);
  staff = s->staff;
  group = s->group;
  slot = s->slot;
  staff_id = g_strdup (DAG_AT (org->staff, DagStaff, staff)->id);
  group_id = g_strdup (DAG_AT (org->groups, DagGroup, group)->id);
  name = g_strdup (DAG_AT (org->staff, DagStaff, staff)->name);
  dag_staff_view_set_location (view, DAG_AT (org->groups, DagGroup, group)->location);

  /* Last week is over: read-only, and it says why. */
  dag_staff_view_set_week (view, past_monday + 2);
  g_assert_cmpuint (dag_staff_view_get_week (view), ==, past_monday);
  g_assert_nonnull (dag_staff_view_get_frozen_message (view));
  g_assert_nonnull (strstr (dag_staff_view_get_assigned (view, group, slot), name));
  past_before = g_strdup (dag_staff_view_get_assigned (view, group, slot));
  audit = dag_store_count_audit (f->demo.store, NULL);
  g_assert_false (dag_staff_view_toggle (view, staff, group, slot, &error));
  g_assert_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_FROZEN);
  g_clear_error (&error);
  g_assert_cmpint (dag_store_count_audit (f->demo.store, NULL), ==, audit);
  dag_test_save_screenshot (GTK_WIDGET (f->window), "staff-frozen");

  /* Taken off from next week on: next week without them, this week and
   * last week as they were, in the view and in the store. */
  dag_staff_view_set_week (view, next_monday);
  g_assert_null (dag_staff_view_get_frozen_message (view));
  g_assert_true (stored_assignment_in (f, past_monday, staff_id, group_id, slot, &total_past));
  g_assert_true (dag_staff_view_toggle (view, staff, group, slot, &error));
  g_assert_no_error (error);
  g_assert_null (strstr (dag_staff_view_get_assigned (view, group, slot), name));
  g_assert_false (stored_assignment_in (f, next_monday, staff_id, group_id, slot, &total));
  g_assert_true (stored_assignment_in (f, this_monday, staff_id, group_id, slot, &total));
  g_assert_true (stored_assignment_in (f, past_monday, staff_id, group_id, slot, &total));
  g_assert_cmpuint (total, ==, total_past);
  dag_staff_view_set_week (view, this_monday);
  g_assert_nonnull (strstr (dag_staff_view_get_assigned (view, group, slot), name));
  dag_staff_view_set_week (view, past_monday);
  g_assert_cmpstr (dag_staff_view_get_assigned (view, group, slot), ==, past_before);

  /* Undo from another week: back to that week, and back in the store. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "win.undo", NULL));
  g_assert_cmpuint (dag_staff_view_get_week (view), ==, next_monday);
  g_assert_true (stored_assignment_in (f, next_monday, staff_id, group_id, slot, &total));
  g_assert_nonnull (strstr (dag_staff_view_get_assigned (view, group, slot), name));

  /* Sick all next week: the cell and their week say so, nothing else. */
  g_assert_true (dag_staff_view_add_absence (view, staff, next_monday, next_monday + 4, "ziek", &error));
  g_assert_no_error (error);
  {
    g_autofree char *absent = g_strdup_printf ("%s (absent)", name);
    g_autoptr(DagOrg) back = dag_store_load (f->demo.store, &error);
    guint n = org->staff_absences->len;

    g_assert_no_error (error);
    g_assert_cmpuint (back->staff_absences->len, ==, n);
    g_assert_cmpint (DAG_AT (back->staff_absences, DagStaffAbsence, n - 1)->staff, ==, staff);
    g_assert_nonnull (strstr (dag_staff_view_get_assigned (view, group, slot), absent));
    dag_staff_view_set_staff (view, staff);
    g_assert_nonnull (strstr (dag_staff_view_get_week_text (view), "Absent"));
    dag_test_save_screenshot (GTK_WIDGET (f->window), "staff-absent");
    dag_staff_view_set_week (view, next_monday + 7);
    if (dag_staff_view_get_assigned (view, group, slot) != NULL)
      g_assert_null (strstr (dag_staff_view_get_assigned (view, group, slot), absent));
    g_assert_null (strstr (dag_staff_view_get_week_text (view), "Absent"));

    /* Back on Wednesday, then deleted: gone from the view and the store. */
    dag_staff_view_set_week (view, next_monday);
    g_assert_true (dag_staff_view_end_absence (view, n - 1, next_monday + 1, &error));
    g_assert_no_error (error);
    g_assert_true (dag_staff_view_delete_absence (view, n - 1, &error));
    g_assert_no_error (error);
    g_assert_null (strstr (dag_staff_view_get_assigned (view, group, slot), absent));
    g_clear_pointer (&back, dag_org_free);
    back = dag_store_load (f->demo.store, &error);
    g_assert_cmpuint (back->staff_absences->len, ==, n - 1);
  }
}

/* ---- my week ------------------------------------------------------------ */

static void
run_clear (gpointer data)
{
  DagRun *run = data;

  g_free (run->id);
  g_array_unref (run->stops);
}

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

/* The UIDs of an iCalendar file, sorted, one a line. */
static char *
file_uids (const char *path)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GPtrArray) uids = g_ptr_array_new ();
  g_autoptr(GString) all = g_string_new (NULL);

  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  g_assert_no_error (error);
  lines = g_strsplit (text, "\r\n", -1);
  for (guint i = 0; lines[i]; i++)
    if (g_str_has_prefix (lines[i], "UID:"))
      g_ptr_array_add (uids, lines[i]);
  g_ptr_array_sort (uids, compare_strings);
  for (guint i = 0; i < uids->len; i++)
    g_string_append_printf (all, "%s\n", (const char *) g_ptr_array_index (uids, i));
  return g_string_free (g_steal_pointer (&all), FALSE);
}

static void
exported_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (dag_staff_view_export_calendar_finish (DAG_STAFF_VIEW (object), result, &error));
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

static gboolean
flag_set (gpointer data)
{
  return *(gboolean *) data;
}

static gboolean
file_exists (gpointer data)
{
  return g_file_test (data, G_FILE_TEST_EXISTS);
}

static void
export_and_wait (DagStaffView *view, const char *path)
{
  gboolean done = FALSE;

  dag_staff_view_export_calendar_async (view, path, NULL, exported_cb, &done);
  dag_test_wait_until (flag_set, &done);
}

/* How often "Part …: group" lines name group in text. */
static guint
count_group (const char *text, const char *group)
{
  g_autofree char *needle = g_strdup_printf (": %s", group);
  guint n = 0;

  for (const char *p = strstr (text, needle); p; p = strstr (p + 1, needle))
    n++;
  return n;
}

/* Light and dark at the window's size, as staff-my-week-WIDTHLANG. */
static void
save_my_week (GtkWidget *window, int width, const char *lang)
{
  g_autofree char *name = g_strdup_printf ("staff-my-week-%d%s", width, lang);
  g_autofree char *dark = g_strdup_printf ("staff-my-week-%d%s-dark", width, lang);

  dag_test_wait_for_frames (window, 6);
  dag_test_save_screenshot (window, name);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  dag_test_wait_for_frames (window, 2);
  dag_test_save_screenshot (window, dark);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
}

/* A window of its own at 1024 × 700, then 1600 × 1000, on next week's My
 * Week, with lang's screenshots. */
static void
my_week_pictures (Fixture *f, DagDate monday, const char *lang)
{
  DagWindow *window;
  DagStaffView *view;
  int min = 0;

  /* The views switch in the header at this width too: no warning. */
  window = dag_test_open_window (application, f->demo.store, 1024, 700);
  view = dag_window_get_staff_view (window);

  dag_window_set_view (window, "staff");
  g_assert_cmpstr (dag_staff_view_get_page (view), ==, "my-week");
  dag_staff_view_set_week (view, monday);
  save_my_week (GTK_WIDGET (window), 1024, lang);
  /* The page fits: no wider than the window. */
  gtk_widget_measure (GTK_WIDGET (view), GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
  g_assert_cmpint (min, <=, 1024);
  gtk_window_set_default_size (GTK_WINDOW (window), 1600, 1000);
  save_my_week (GTK_WIDGET (window), 1600, lang);
  if (*lang)
    g_assert_nonnull (strstr (dag_staff_view_get_week_text (view), "maandag 16 november"));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_my_week (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GArray) runs = g_array_new (FALSE, TRUE, sizeof (DagRun));
  g_autofree char *staff_id = NULL, *group_name = NULL, *co_worker = NULL, *vehicle = NULL;
  g_autofree char *path = g_build_filename (f->demo.dir, "my-week.ics", NULL);
  g_autofree char *uids1 = NULL, *uids2 = NULL, *uids3 = NULL, *text = NULL, *stored = NULL;
  g_autofree char *driving = NULL;
  DagStaffView *view, *other;
  const DagOrg *org;
  DagDate tuesday = next_monday + 1;
  guint before;
  int me, group, slot;

  g_settings_reset (settings, "my-staff-id");
  g_settings_reset (settings, "my-calendar-file");

  /* A staff member who works a weekday dagdeel next week drives a run on
   * Tuesday then, stored as the transport planner stores it. */
  {
    g_autoptr(DagOrg) o = dag_store_load (f->demo.store, &error);
    int at;
    DagRun run = { 0 };
    DagStop stop = { 0, 8 * 60 + 20 };

    g_assert_no_error (error);
    at = weekday_assignment (o, next_monday);
    g_assert_cmpint (at, >=, 0);
    g_assert_cmpuint (o->vehicles->len, >, 0);
    me = DAG_AT (o->staffing, DagStaffing, at)->staff;
    group = DAG_AT (o->staffing, DagStaffing, at)->group;
    slot = DAG_AT (o->staffing, DagStaffing, at)->slot;
    staff_id = g_strdup (DAG_AT (o->staff, DagStaff, me)->id);
    group_name = g_strdup (DAG_AT (o->groups, DagGroup, group)->name);
    vehicle = g_strdup (DAG_AT (o->vehicles, DagVehicle, 0)->name);
    for (guint i = 0; i < o->staffing->len && co_worker == NULL; i++)
      {
        const DagStaffing *s = DAG_AT (o->staffing, DagStaffing, i);

        if (s->group == group && s->slot == slot && s->staff != me &&
            DAG_DATED_APPLIES (s->from, s->until, next_monday))
          co_worker = g_strdup (DAG_AT (o->staff, DagStaff, s->staff)->name);
      }
    g_array_set_clear_func (runs, run_clear);
    run.id = g_strdup ("R-MY-WEEK");
    run.date = tuesday;
    run.vehicle = 0;
    run.driver = me;
    run.location = DAG_AT (o->groups, DagGroup, group)->location;
    run.direction = DAG_DIRECTION_TO;
    run.time = 8 * 60 + 50;
    run.stops = g_array_new (FALSE, FALSE, sizeof (DagStop));
    g_array_append_val (run.stops, stop);
    g_array_append_val (runs, run);
    g_assert_true (dag_store_replace_day_runs (f->demo.store, o, tuesday, runs, "test", &error));
    g_assert_no_error (error);
  }

  open_window (f);
  org = dag_window_get_org (f->window);
  view = dag_window_get_staff_view (f->window);
  dag_window_set_view (f->window, "staff");
  /* Nobody said who they are: the coordinator's page, no calendar. */
  g_assert_cmpint (dag_staff_view_get_me (view), ==, -1);
  g_assert_cmpstr (dag_staff_view_get_page (view), ==, "staffing");
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (view), "staff.refresh-calendar", NULL) &&
                  g_file_test (path, G_FILE_TEST_EXISTS));

  /* "This is me", once: remembered by id, and a new view opens on it. */
  dag_staff_view_set_me (view, me);
  g_assert_cmpint (dag_staff_view_get_staff (view), ==, me);
  stored = g_settings_get_string (settings, "my-staff-id");
  g_assert_cmpstr (stored, ==, staff_id);
  other = g_object_ref_sink (g_object_new (DAG_TYPE_STAFF_VIEW, NULL));
  dag_staff_view_set_org (other, f->demo.store, (DagOrg *) org);
  g_assert_cmpint (dag_staff_view_get_me (other), ==, me);
  g_assert_cmpint (dag_staff_view_get_staff (other), ==, me);
  g_assert_cmpstr (dag_staff_view_get_page (other), ==, "my-week");
  g_object_unref (other);
  dag_staff_view_set_page (view, "my-week");

  /* This week, with dates. */
  dag_staff_view_set_week (view, this_monday);
  g_assert_nonnull (strstr (dag_staff_view_get_week_text (view), "Monday 9 November"));
  g_assert_nonnull (strstr (dag_staff_view_get_week_text (view), "Friday 13 November"));
  before = count_group (dag_staff_view_get_week_text (view), group_name);
  g_assert_cmpuint (before, >=, 1);

  /* Alt+Right's action: next week, its dates, the run and the co-worker. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "staff.next-week", NULL));
  g_assert_cmpuint (dag_staff_view_get_week (view), ==, next_monday);
  text = g_strdup (dag_staff_view_get_week_text (view));
  g_assert_nonnull (strstr (text, "Monday 16 November"));
  g_assert_null (strstr (text, "Monday 9 November"));
  driving = g_strdup_printf ("Driving 08:20–08:50: %s to", vehicle);
  g_assert_nonnull (strstr (text, driving));
  g_assert_nonnull (strstr (text, "1 pick-up"));
  if (co_worker != NULL)
    g_assert_nonnull (strstr (text, co_worker));
  g_assert_cmpuint (count_group (text, group_name), >=, 1);
  my_week_pictures (f, next_monday, "");

  /* Taken off the group from next week on (the dated plan): next week
   * shows it, this week keeps it. */
  before = count_group (text, group_name);
  g_assert_true (dag_staff_view_toggle (view, me, group, slot, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_group (dag_staff_view_get_week_text (view), group_name), ==, before - 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "staff.previous-week", NULL));
  g_assert_cmpuint (dag_staff_view_get_week (view), ==, this_monday);
  g_assert_nonnull (strstr (dag_staff_view_get_week_text (view), "Monday 9 November"));
  g_assert_null (strstr (dag_staff_view_get_week_text (view), driving));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "win.undo", NULL));

  /* My calendar: written, remembered, refreshed, the same UIDs each time,
   * and nothing about participants' identity in it. */
  export_and_wait (view, path);
  g_clear_pointer (&stored, g_free);
  stored = g_settings_get_string (settings, "my-calendar-file");
  g_assert_cmpstr (stored, ==, path);
  uids1 = file_uids (path);
  g_assert_cmpstr (uids1, !=, "");
  export_and_wait (view, path);
  uids2 = file_uids (path);
  g_assert_cmpstr (uids1, ==, uids2);
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "staff.refresh-calendar", NULL));
  dag_test_wait_until (file_exists, path);
  dag_test_wait_for_frames (GTK_WIDGET (f->window), 2);
  uids3 = file_uids (path);
  g_assert_cmpstr (uids1, ==, uids3);
  {
    g_autofree char *ics = NULL;

    g_assert_true (g_file_get_contents (path, &ics, NULL, NULL));
    for (guint i = 0; i < org->participants->len && i < 50; i++)
      {
        const DagParticipant *p = DAG_AT (org->participants, DagParticipant, i);

        g_assert_true (p->bsn == NULL || strstr (ics, p->bsn) == NULL);
      }
  }

  /* Dutch, to look at (needs the locale and DAGRITME_LOCALEDIR). */
  g_setenv ("LANGUAGE", "nl", TRUE);
  if (g_getenv ("DAGRITME_LOCALEDIR") != NULL && setlocale (LC_ALL, "nl_NL.UTF-8") != NULL)
    {
      my_week_pictures (f, next_monday, "-nl");
      setlocale (LC_ALL, "C.UTF-8");
    }
  g_setenv ("LANGUAGE", "en", TRUE);
  setlocale (LC_ALL, "");

  /* Forgetting: neither who nor the file stays. */
  dag_staff_view_set_me (view, -1);
  g_clear_pointer (&stored, g_free);
  stored = g_settings_get_string (settings, "my-staff-id");
  g_assert_cmpstr (stored, ==, "");
  g_clear_pointer (&stored, g_free);
  stored = g_settings_get_string (settings, "my-calendar-file");
  g_assert_cmpstr (stored, ==, "");
}

/* Saturday has a column in My Week only in a week the begeleider works or
 * drives then. */
/* Whether a label below widget says text. */
static gboolean
find_label (GtkWidget  *widget,
            const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return TRUE;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    if (find_label (c, text))
      return TRUE;
  return FALSE;
}

static void
test_my_week_saturday (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) runs = g_array_new (FALSE, TRUE, sizeof (DagRun));
  DagDate saturday = next_monday + 5;
  DagStaffView *view;
  const char *text;
  int me = -1;

  /* Somebody who works no Saturday dagdeel drives a run next Saturday. */
  {
    g_autoptr(DagOrg) o = dag_store_load (f->demo.store, &error);
    DagRun run = { 0 };
    DagStop stop = { 0, 9 * 60 + 10 };

    g_assert_no_error (error);
    for (guint s = 0; s < o->staff->len && me < 0; s++)
      {
        gboolean saturdays = FALSE;

        for (guint i = 0; i < o->staffing->len; i++)
          {
            const DagStaffing *st = DAG_AT (o->staffing, DagStaffing, i);
            saturdays |= st->staff == (int) s && DAG_SLOT_DAY (st->slot) == 5;
          }
        if (!saturdays)
          me = (int) s;
      }
    g_assert_cmpint (me, >=, 0);
    g_array_set_clear_func (runs, run_clear);
    run.id = g_strdup ("R-SATURDAY");
    run.date = saturday;
    run.vehicle = 0;
    run.driver = me;
    run.location = 0;
    run.direction = DAG_DIRECTION_TO;
    run.time = 9 * 60 + 40;
    run.stops = g_array_new (FALSE, FALSE, sizeof (DagStop));
    g_array_append_val (run.stops, stop);
    g_array_append_val (runs, run);
    g_assert_true (dag_store_replace_day_runs (f->demo.store, o, saturday, runs, "test", &error));
    g_assert_no_error (error);
  }

  f->window = dag_test_open_window (application, f->demo.store, 1280, 800);
  view = dag_window_get_staff_view (f->window);
  dag_window_set_view (f->window, "staff");
  dag_staff_view_set_staff (view, me);
  dag_staff_view_set_page (view, "my-week");

  /* This week: Monday to Friday. */
  dag_staff_view_set_week (view, this_monday);
  text = dag_staff_view_get_week_text (view);
  g_assert_nonnull (strstr (text, "Friday 13 November"));
  g_assert_null (strstr (text, "Saturday"));

  /* Next week: Saturday too, with the run. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "staff.next-week", NULL));
  text = dag_staff_view_get_week_text (view);
  g_assert_nonnull (strstr (text, "Friday 20 November"));
  g_assert_nonnull (strstr (text, "Saturday 21 November\n"));
  g_assert_nonnull (strstr (text, "Driving 09:10–09:40: "));
  g_assert_cmpuint (strstr (text, "Driving 09:10–09:40: ") - text, >, strstr (text, "Saturday 21 November") - text);
  /* The title names the Saturday too. */
  g_assert_true (find_label (GTK_WIDGET (view), "Week 47, 16–21 November 2026"));
  dag_test_wait_for_frames (GTK_WIDGET (f->window), 4);
  dag_test_save_screenshot (GTK_WIDGET (f->window), "staff-my-week-saturday");

  /* And the week after: without it again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "staff.next-week", NULL));
  g_assert_null (strstr (dag_staff_view_get_week_text (view), "Saturday"));
  g_assert_true (find_label (GTK_WIDGET (view), "Week 48, 23–27 November 2026"));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  setlocale (LC_ALL, "");
  g_setenv ("DAGRITME_TODAY", TODAY, TRUE);
  /* Dutch screenshots of My Week: run with DAGRITME_LOCALEDIR set to
   * compiled translations.  GLib decides once whether to translate. */
  if (g_getenv ("DAGRITME_LOCALEDIR") != NULL)
    {
      bindtextdomain (GETTEXT_PACKAGE, g_getenv ("DAGRITME_LOCALEDIR"));
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      textdomain (GETTEXT_PACKAGE);
      g_setenv ("LANGUAGE", "nl", TRUE);
      if (setlocale (LC_ALL, "nl_NL.UTF-8") != NULL)
        g_dgettext (GETTEXT_PACKAGE, "");
      g_setenv ("LANGUAGE", "en", TRUE);
      setlocale (LC_ALL, "");
    }
  this_monday = dag_date_today () - dag_date_weekday (dag_date_today ());
  past_monday = this_monday - 7;
  next_monday = this_monday + 7;
  g_test_init (&argc, &argv, NULL);
  application = dag_application_new ();
  g_application_register (G_APPLICATION (application), NULL, &error);
  g_assert_no_error (error);
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add ("/gui-staff/assign-undo", Fixture, NULL, fixture_setup, test_staff, fixture_teardown);
  g_test_add ("/gui-staff/dated", Fixture, NULL, fixture_setup, test_dated, fixture_teardown);
  g_test_add ("/gui-staff/my-week", Fixture, NULL, fixture_setup, test_my_week, fixture_teardown);
  g_test_add ("/gui-staff/my-week-saturday", Fixture, NULL, fixture_setup, test_my_week_saturday, fixture_teardown);
  status = g_test_run ();
  g_clear_object (&application);
  return status;
}
