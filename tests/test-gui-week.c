/* test-gui-week.c — the Week Plan view under Xvfb on the demo organisation:
 * moving a participant into a full group through the view's action shows
 * the capacity finding on that cell and changes the store, undo puts it
 * back, the planner's proposal accepted is what the store holds, and
 * screenshots (light and dark) in the build directory. */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "dag-application.h"
#include "dag-demo.h"
#include "dag-rules.h"
#include "dag-gui-test.h"
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

  f->dir = g_dir_make_tmp ("dagritme-week-XXXXXX", &error);
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

static gboolean
planner_done (gpointer data)
{
  return !dag_week_view_is_planning (data);
}

static DagOrg *
load (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  DagOrg *org = dag_store_load (f->store, &error);

  g_assert_no_error (error);
  return org;
}

static int
count_in (GArray *plan, int group, int slot)
{
  int n = 0;

  for (guint i = 0; i < plan->len; i++)
    {
      const DagPlanEntry *e = DAG_AT (plan, DagPlanEntry, i);
      n += e->group == group && e->slot == slot;
    }
  return n;
}

static gboolean
has_entry (const DagOrg *org, int participant, int group, int slot)
{
  for (guint i = 0; i < org->plan->len; i++)
    {
      const DagPlanEntry *e = DAG_AT (org->plan, DagPlanEntry, i);
      if (e->participant == participant && e->group == group && e->slot == slot)
        return TRUE;
    }
  return FALSE;
}

/* The plans hold the same entries, in any order. */
static gboolean
same_plan (GArray *a, GArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    {
      const DagPlanEntry *e = DAG_AT (a, DagPlanEntry, i);
      gboolean found = FALSE;
      for (guint k = 0; k < b->len && !found; k++)
        {
          const DagPlanEntry *o = DAG_AT (b, DagPlanEntry, k);
          found = o->participant == e->participant && o->group == e->group && o->slot == e->slot;
        }
      if (!found)
        return FALSE;
    }
  return TRUE;
}

static void
test_week (Fixture *f, gconstpointer data)
{
  g_autoptr(DagOrg) before = load (f);
  g_autoptr(DagOrg) after = NULL;
  g_autoptr(GArray) findings = NULL;
  g_autoptr(GArray) proposed = NULL;
  g_autoptr(GArray) moved = NULL;
  DagWeekView *view;
  int full_group = -1, full_slot = -1, p = -1, from_group = -1, from_slot = -1;
  gboolean capacity_found = FALSE;
  const DagPlanResult *proposal;

  /* A group slot that is full, and someone planned elsewhere who is not
   * in it. */
  for (guint g = 0; g < before->groups->len && full_group < 0; g++)
    for (int slot = 0; slot < DAG_N_SLOTS && full_group < 0; slot++)
      {
        const DagGroup *gr = DAG_AT (before->groups, DagGroup, g);
        if ((gr->slots & DAG_SLOT_BIT (slot)) && count_in (before->plan, (int) g, slot) >= gr->capacity &&
            DAG_SLOT_PART (slot) != DAG_PART_EV && DAG_SLOT_DAY (slot) < 5)
          {
            full_group = (int) g;
            full_slot = slot;
          }
      }
  g_assert_cmpint (full_group, >=, 0);
  for (guint i = 0; i < before->plan->len && p < 0; i++)
    {
      const DagPlanEntry *e = DAG_AT (before->plan, DagPlanEntry, i);
      if (e->group != full_group && !has_entry (before, e->participant, full_group, full_slot))
        {
          p = e->participant;
          from_group = e->group;
          from_slot = e->slot;
        }
    }
  g_assert_cmpint (p, >=, 0);

  f->window = dag_window_new (application, f->store, NULL);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1400, 900);
  gtk_window_present (GTK_WINDOW (f->window));
  dag_test_wait_until (window_loaded, f->window);
  g_assert_cmpstr (dag_window_get_state (f->window), ==, "views");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-view", "s", "week"));
  g_assert_cmpstr (dag_window_get_view (f->window), ==, "week");
  view = dag_window_get_week_view (f->window);
  dag_week_view_set_week (view, dag_date_from_ymd (2026, 10, 5));
  dag_week_view_set_location (view, DAG_AT (before->groups, DagGroup, full_group)->location);
  g_assert_nonnull (dag_week_view_get_cell (view, full_group, full_slot));
  g_assert_false (gtk_widget_has_css_class (dag_week_view_get_cell (view, full_group, full_slot), "error"));

  /* Moving someone into the full group: saved, and the capacity rule
   * speaks up on that cell at once. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "week.move", "(iiiii)",
                                             p, from_group, from_slot, full_group, full_slot));
  after = load (f);
  g_assert_true (has_entry (after, p, full_group, full_slot));
  g_assert_false (has_entry (after, p, from_group, from_slot) &&
                  count_in (after->plan, from_group, from_slot) == count_in (before->plan, from_group, from_slot));
  g_assert_cmpuint (after->plan->len, ==, before->plan->len);
  findings = dag_rules_check (after, dag_date_from_ymd (2026, 10, 5));
  for (guint i = 0; i < findings->len; i++)
    {
      const DagFinding *fi = &g_array_index (findings, DagFinding, i);
      if (g_str_equal (fi->rule, DAG_RULE_GROUP_CAPACITY) && fi->group == full_group && fi->slot == full_slot)
        {
          capacity_found = TRUE;
          g_assert_nonnull (dag_week_view_get_problems (view, full_group, full_slot));
          g_assert_nonnull (strstr (dag_week_view_get_problems (view, full_group, full_slot), fi->message));
        }
    }
  g_assert_true (capacity_found);
  g_assert_true (gtk_widget_has_css_class (dag_week_view_get_cell (view, full_group, full_slot), "error"));
  dag_test_save_screenshot (GTK_WIDGET (f->window), "week");

  /* Undo (Ctrl+Z's action): the store is as it was. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "week.undo", NULL));
  g_clear_pointer (&after, dag_org_free);
  after = load (f);
  g_assert_true (same_plan (after->plan, before->plan));
  g_assert_false (gtk_widget_has_css_class (dag_week_view_get_cell (view, full_group, full_slot), "error"));

  /* Redo puts the overfull group back; planning automatically must then
   * change something, and accepting saves the proposal. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "week.redo", NULL));
  g_clear_pointer (&after, dag_org_free);
  after = load (f);
  g_assert_true (has_entry (after, p, full_group, full_slot));
  moved = g_array_copy (after->plan);
  dag_week_view_plan (view);
  g_assert_true (dag_week_view_is_planning (view));
  dag_test_wait_until (planner_done, view);
  proposal = dag_week_view_get_proposal (view);
  g_assert_nonnull (proposal);
  g_assert_cmpuint (proposal->changes->len, >, 0);
  g_assert_cmpint (count_in (proposal->plan, full_group, full_slot), <=,
                   DAG_AT (before->groups, DagGroup, full_group)->capacity);
  /* The proposal is shown in a dialog of its own. */
  {
    GListModel *toplevels = gtk_window_get_toplevels ();
    GtkWidget *dialog = NULL;

    for (guint i = 0; i < g_list_model_get_n_items (toplevels) && dialog == NULL; i++)
      {
        g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);
        if (ADW_IS_MESSAGE_DIALOG (w))
          dialog = GTK_WIDGET (w);
      }
    g_assert_nonnull (dialog);
    dag_test_wait_for_frames (dialog, 2);
    dag_test_save_screenshot (dialog, "week-proposal");
  }
  proposed = g_array_copy (proposal->plan);
  g_assert_true (dag_week_view_accept_proposal (view, NULL));
  g_assert_null (dag_week_view_get_proposal (view));
  g_clear_pointer (&after, dag_org_free);
  after = load (f);
  g_assert_true (same_plan (after->plan, proposed));

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  dag_test_save_screenshot (GTK_WIDGET (f->window), "week-dark");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);

  /* One undo step takes the whole proposal back, to the moved plan. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "week.undo", NULL));
  g_clear_pointer (&after, dag_org_free);
  after = load (f);
  g_assert_true (same_plan (after->plan, moved));
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

  g_test_add ("/gui-week/move-undo-plan", Fixture, NULL, fixture_setup, test_week, fixture_teardown);
  status = g_test_run ();
  g_clear_object (&application);
  return status;
}
