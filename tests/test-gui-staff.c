/* test-gui-staff.c — the Staff view under Xvfb on the demo organisation:
 * the staff a cell needs against the staffing rules, removing a staff
 * member through the view and undoing it, checked in the store, a change
 * from a week on that leaves the weeks before as they were, a frozen week,
 * staff absences, and screenshots (light and dark) in the build directory.
 * "Today" is fixed (DAGRITME_TODAY) at Wednesday 11 November 2026. */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "dag-application.h"
#include "dag-demo.h"
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

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  setlocale (LC_ALL, "");
  g_setenv ("DAGRITME_TODAY", TODAY, TRUE);
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
  status = g_test_run ();
  g_clear_object (&application);
  return status;
}
