/* test-gui-week.c — the Week Plan view under Xvfb on the demo organisation:
 * moving a participant into a full group through the view's action shows
 * the capacity finding on that cell and changes the store, the window's
 * undo puts it back, the planner's proposal accepted is what the store
 * holds; weeks with a holiday and closures, moving from the keyboard, the
 * staff in the cells; moves for one week or from a week on, and their
 * undo, seen in the weeks around; a frozen (past) week that refuses a drop
 * and says why; the proposal marked in the grid, accepted change by change;
 * a long name and namesakes told apart, the legend, staff chips, the whole
 * week at 1024 × 700 and problems by group and kind in plain words (Dutch
 * dates in Dutch); screenshots (light, dark, Dutch, a holiday week, a
 * frozen week, a proposal, 1024 × 700 and 1600 × 1000) in the build
 * directory.
 *
 * "Today" is fixed (DAGRITME_TODAY) at Wednesday 4 November 2026: the demo
 * month, October, has attendance and lies in the past, so its weeks are
 * frozen, and the moves are made in November. */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "dag-application.h"
#include "dag-demo.h"
#include "dag-rules.h"
#include "dag-gui-test.h"
#include "dag-fit-label.h"
#include "dag-history.h"
#include "dag-schedule.h"
#include "dag-week-legend.h"
#include "dag-window.h"

#define TODAY     "2026-11-04"
#define WEEK_NEXT dag_date_from_ymd (2026, 11, 9)   /* the week after today's */

typedef struct {
  DagTestDemo     demo;
  DagWindow *window;
} Fixture;

static DagApplication *application;
static DagOrg *demo;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  DagDemoOptions options;

  /* Made once: each case gets its own store of the same organisation. */
  if (demo == NULL)
    {
      dag_demo_options_init (&options);
      options.participants = 150;
      options.month = dag_date_from_ymd (2026, 10, 1);
      demo = dag_demo_generate (&options);
    }
  dag_test_demo_setup_org (&f->demo, "week", demo);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  if (f->window)
    gtk_window_destroy (GTK_WINDOW (f->window));
  dag_test_demo_teardown (&f->demo);
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
  DagOrg *org = dag_store_load (f->demo.store, &error);

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

/* The entries of org's dated plan that apply in the week of monday. */
static GArray *
week_plan (const DagOrg *org, DagDate monday)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (DagPlanEntry));

  for (guint i = 0; i < org->plan->len; i++)
    {
      const DagPlanEntry *e = DAG_AT (org->plan, DagPlanEntry, i);
      if (DAG_DATED_APPLIES (e->from, e->until, monday))
        g_array_append_vals (out, e, 1);
    }
  return out;
}

static gboolean
in_plan (GArray *plan, int participant, int group, int slot)
{
  for (guint i = 0; i < plan->len; i++)
    {
      const DagPlanEntry *e = DAG_AT (plan, DagPlanEntry, i);
      if (e->participant == participant && e->group == group && e->slot == slot)
        return TRUE;
    }
  return FALSE;
}

/* Whether participant is in group/slot in the week of monday. */
static gboolean
has_entry_in (const DagOrg *org, DagDate monday, int participant, int group, int slot)
{
  g_autoptr(GArray) plan = week_plan (org, monday);

  return in_plan (plan, participant, group, slot);
}

/* The dated plans hold the same entries (dates too), in any order. */
static gboolean
same_dated_plan (GArray *a, GArray *b)
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
          found = o->participant == e->participant && o->group == e->group && o->slot == e->slot &&
                  o->from == e->from && o->until == e->until;
        }
      if (!found)
        return FALSE;
    }
  return TRUE;
}

/* The plans hold the same entries, in any order (dates not compared). */
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

static const char *
slot_phrase_en (int slot)
{
  static const char * const days[] = { "Monday", "Tuesday", "Wednesday", "Thursday", "Friday" };
  static char buf[64];

  g_snprintf (buf, sizeof buf, "%s %s", days[DAG_SLOT_DAY (slot)],
              DAG_SLOT_PART (slot) == DAG_PART_AM ? "morning" : "afternoon");
  return buf;
}

static DagWeekView *
open_week (Fixture *f)
{
  f->window = dag_test_open_window (application, f->demo.store, 1400, 900);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-view", "s", "week"));
  return dag_window_get_week_view (f->window);
}

static void
test_week (Fixture *f, gconstpointer data)
{
  g_autoptr(DagOrg) before = load (f);
  g_autoptr(DagOrg) after = NULL;
  g_autoptr(GArray) findings = NULL;
  g_autoptr(GArray) proposed = NULL;
  g_autoptr(GArray) moved = NULL;
  g_autoptr(GArray) bp = week_plan (before, WEEK_NEXT);
  g_autoptr(GArray) ap = NULL;
  g_autoptr(GArray) moved_week_before = NULL;
  DagWeekView *view;
  int full_group = -1, full_slot = -1, p = -1, from_group = -1, from_slot = -1;
  gboolean capacity_found = FALSE;
  const DagPlanResult *proposal;

  /* A group slot that is full next week, and someone planned elsewhere
   * who is not in it. */
  for (guint g = 0; g < before->groups->len && full_group < 0; g++)
    for (int slot = 0; slot < DAG_N_SLOTS && full_group < 0; slot++)
      {
        const DagGroup *gr = DAG_AT (before->groups, DagGroup, g);
        if ((gr->slots & DAG_SLOT_BIT (slot)) && count_in (bp, (int) g, slot) >= gr->capacity &&
            DAG_SLOT_PART (slot) != DAG_PART_EV && DAG_SLOT_DAY (slot) < 5)
          {
            full_group = (int) g;
            full_slot = slot;
          }
      }
  g_assert_cmpint (full_group, >=, 0);
  for (guint i = 0; i < bp->len && p < 0; i++)
    {
      const DagPlanEntry *e = DAG_AT (bp, DagPlanEntry, i);
      gboolean busy = FALSE;

      /* Not planned on that dagdeel elsewhere (one group a dagdeel). */
      for (guint k = 0; k < bp->len; k++)
        busy |= k != i && DAG_AT (bp, DagPlanEntry, k)->participant == e->participant &&
                DAG_AT (bp, DagPlanEntry, k)->slot == full_slot;
      if (e->group != full_group && !busy)
        {
          p = e->participant;
          from_group = e->group;
          from_slot = e->slot;
        }
    }
  g_assert_cmpint (p, >=, 0);

  f->window = dag_test_open_window (application, f->demo.store, 1400, 900);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-view", "s", "week"));
  g_assert_cmpstr (dag_window_get_view (f->window), ==, "week");
  view = dag_window_get_week_view (f->window);
  dag_week_view_set_week (view, WEEK_NEXT);
  g_assert_null (dag_week_view_get_frozen_message (view));
  dag_week_view_set_location (view, DAG_AT (before->groups, DagGroup, full_group)->location);
  g_assert_nonnull (dag_week_view_get_cell (view, full_group, full_slot));
  g_assert_false (gtk_widget_has_css_class (dag_week_view_get_cell (view, full_group, full_slot), "error"));

  /* Moving someone into the full group (week.move: from this week on):
   * saved, and the capacity rule speaks up on that cell at once. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "week.move", "(iiiii)",
                                             p, from_group, from_slot, full_group, full_slot));
  after = load (f);
  ap = week_plan (after, WEEK_NEXT);
  g_assert_true (in_plan (ap, p, full_group, full_slot));
  g_assert_false (in_plan (ap, p, from_group, from_slot));
  g_assert_cmpuint (ap->len, ==, bp->len);
  findings = dag_rules_check (after, WEEK_NEXT);
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
  dag_test_save_screenshot (GTK_WIDGET (f->window), "week-plan");

  /* The window's undo (Ctrl+Z's action) says what it undoes and puts the
   * store back as it was, dates and all. */
  {
    g_autofree char *label = g_strdup_printf ("Move %s to %s, %s",
                                              DAG_AT (before->participants, DagParticipant, p)->name,
                                              DAG_AT (before->groups, DagGroup, full_group)->name,
                                              slot_phrase_en (full_slot));
    g_assert_cmpstr (dag_history_get_undo_label (dag_window_get_history (f->window)), ==, label);
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo", NULL));
  g_clear_pointer (&after, dag_org_free);
  after = load (f);
  g_assert_true (same_dated_plan (after->plan, before->plan));
  g_assert_false (gtk_widget_has_css_class (dag_week_view_get_cell (view, full_group, full_slot), "error"));

  /* Redo puts the overfull group back; planning automatically must then
   * change something, and accepting saves the proposal from that week
   * on: the week before keeps its plan. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.redo", NULL));
  g_clear_pointer (&after, dag_org_free);
  after = load (f);
  g_assert_true (has_entry_in (after, WEEK_NEXT, p, full_group, full_slot));
  moved = g_array_copy (after->plan);
  moved_week_before = week_plan (after, WEEK_NEXT - 7);
  dag_week_view_plan (view);
  g_assert_true (dag_week_view_is_planning (view));
  dag_test_wait_until (planner_done, view);
  proposal = dag_week_view_get_proposal (view);
  g_assert_nonnull (proposal);
  g_assert_cmpint (proposal->week, ==, WEEK_NEXT);
  g_assert_cmpuint (proposal->changes->len, >, 0);
  g_assert_cmpint (count_in (proposal->plan, full_group, full_slot), <=,
                   DAG_AT (before->groups, DagGroup, full_group)->capacity);
  /* The changes are marked in the grid, each with its reason. */
  {
    int shown = 0;

    for (guint i = 0; i < proposal->changes->len; i++)
      {
        const DagPlanChange *c = DAG_AT (proposal->changes, DagPlanChange, i);
        int g = c->kind == DAG_CHANGE_REMOVE ? c->from_group : c->to_group;
        GtkWidget *chip = dag_week_view_get_proposed_chip (view, (int) i);

        if (DAG_AT (before->groups, DagGroup, g)->location != dag_week_view_get_location (view))
          continue;
        g_assert_nonnull (chip);
        g_assert_true (gtk_widget_has_css_class (chip, c->kind == DAG_CHANGE_ADD ? "proposed-add"
                                                       : c->kind == DAG_CHANGE_MOVE ? "proposed-move"
                                                       : "proposed-remove"));
        shown++;
      }
    g_test_message ("%d of %u proposed changes at the location shown", shown, proposal->changes->len);
  }
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
  dag_test_save_screenshot (GTK_WIDGET (f->window), "week-proposal-grid");
  proposed = g_array_copy (proposal->plan);
  g_assert_true (dag_week_view_accept_proposal (view, NULL));
  g_assert_null (dag_week_view_get_proposal (view));
  g_clear_pointer (&after, dag_org_free);
  after = load (f);
  {
    g_autoptr(GArray) week = week_plan (after, WEEK_NEXT);
    g_autoptr(GArray) later = week_plan (after, WEEK_NEXT + 7);
    g_autoptr(GArray) earlier = week_plan (after, WEEK_NEXT - 7);

    g_assert_true (same_plan (week, proposed));
    g_assert_true (same_plan (later, proposed));
    g_assert_true (same_plan (earlier, moved_week_before));
  }

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  dag_test_save_screenshot (GTK_WIDGET (f->window), "week-plan-dark");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);

  /* One undo step takes the whole proposal back, to the moved plan. */
  g_assert_cmpstr (dag_history_get_undo_label (dag_window_get_history (f->window)), ==,
                   "Accept the automatic plan");
  g_assert_true (dag_history_undo (dag_window_get_history (f->window), NULL));
  g_clear_pointer (&after, dag_org_free);
  after = load (f);
  g_assert_true (same_dated_plan (after->plan, moved));
}

static gboolean
popover_open (gpointer data)
{
  return dag_week_view_get_move_popover (data) != NULL;
}

/* The first widget of type below widget, depth first. */
static GtkWidget *
find_descendant (GtkWidget *widget, GType type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_descendant (c, type);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Week 52 of 2026 has Christmas Day on Friday; week 53 has the first
 * location closed Monday to Thursday and New Year's Day on Friday.  Those
 * columns say why, and their cells show no findings. */
static void
test_holiday (Fixture *f, gconstpointer data)
{
  g_autoptr(DagOrg) org = load (f);
  DagWeekView *view = open_week (f);
  int group = -1;

  for (guint g = 0; g < org->groups->len && group < 0; g++)
    if (DAG_AT (org->groups, DagGroup, g)->location == 0 &&
        (DAG_AT (org->groups, DagGroup, g)->slots & DAG_SLOT_BIT (DAG_SLOT (4, DAG_PART_AM))))
      group = (int) g;
  g_assert_cmpint (group, >=, 0);
  dag_week_view_set_location (view, 0);
  dag_week_view_set_week (view, dag_date_from_ymd (2026, 12, 14));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "week.next-week", NULL));
  g_assert_cmpint (dag_week_view_get_week (view), ==, dag_date_from_ymd (2026, 12, 21));
  g_assert_null (dag_week_view_get_day_note (view, 3));
  g_assert_cmpstr (dag_week_view_get_day_note (view, 4), ==, "Christmas Day");
  g_assert_true (gtk_widget_has_css_class (dag_week_view_get_cell (view, group, DAG_SLOT (4, DAG_PART_AM)), "closed"));
  g_assert_null (dag_week_view_get_problems (view, group, DAG_SLOT (4, DAG_PART_AM)));
  dag_test_save_screenshot (GTK_WIDGET (f->window), "week-plan-holiday");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "week.next-week", NULL));
  g_assert_cmpint (dag_week_view_get_week (view), ==, dag_date_from_ymd (2026, 12, 28));
  g_assert_cmpstr (dag_week_view_get_day_note (view, 0), ==, "Closed");
  g_assert_cmpstr (dag_week_view_get_day_note (view, 4), ==, "New Year’s Day");
  g_assert_true (gtk_widget_has_css_class (dag_week_view_get_cell (view, group, DAG_SLOT (4, DAG_PART_AM)), "closed"));

  /* Back in an ordinary week nothing is dimmed. */
  dag_week_view_set_week (view, dag_date_from_ymd (2026, 11, 23));
  for (int day = 0; day < 5; day++)
    g_assert_null (dag_week_view_get_day_note (view, day));
  g_assert_false (gtk_widget_has_css_class (dag_week_view_get_cell (view, group, DAG_SLOT (4, DAG_PART_AM)), "closed"));
}

/* Answers the view's "which weeks" question with response. */
static void
answer_scope (DagWeekView *view, const char *response)
{
  AdwMessageDialog *dialog = dag_week_view_get_scope_dialog (view);

  g_assert_nonnull (dialog);
  g_object_ref (dialog);
  /* Answered once shown, as a person would: destroying a dialog before it
   * is mapped, while the popover that opened it closes, can upset GDK. */
  dag_test_wait_until ((DagTestReadyFunc) gtk_widget_get_mapped, dialog);
  dag_test_wait_for_frames (GTK_WIDGET (dialog), 1);
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);
  g_assert_null (dag_week_view_get_scope_dialog (view));
}

/* A plan entry of the week of monday (Monday to Friday, am or pm), and a
 * dagdeel of another group at its location on which the participant is
 * not planned that week. */
static void
find_free_move (const DagOrg *org, DagDate monday, int *p, int *group, int *slot, int *to_group, int *to_slot)
{
  g_autoptr(GArray) plan = week_plan (org, monday);

  *to_group = -1;
  for (guint i = 0; i < plan->len && *to_group < 0; i++)
    {
      const DagPlanEntry *e = DAG_AT (plan, DagPlanEntry, i);
      int location = DAG_AT (org->groups, DagGroup, e->group)->location;

      if (DAG_SLOT_PART (e->slot) == DAG_PART_EV || DAG_SLOT_DAY (e->slot) >= 5)
        continue;
      for (guint g = 0; g < org->groups->len && *to_group < 0; g++)
        {
          const DagGroup *gr = DAG_AT (org->groups, DagGroup, g);
          for (int s = 0; s < 10 && *to_group < 0; s++)
            {
              int sl = DAG_SLOT (s / 2, s % 2);
              gboolean planned = FALSE;

              for (guint k = 0; k < plan->len; k++)
                {
                  const DagPlanEntry *o = DAG_AT (plan, DagPlanEntry, k);
                  planned |= o->participant == e->participant && o->slot == sl;
                }
              if ((int) g != e->group && gr->location == location && (gr->slots & DAG_SLOT_BIT (sl)) && !planned)
                {
                  *p = e->participant;
                  *group = e->group;
                  *slot = e->slot;
                  *to_group = (int) g;
                  *to_slot = sl;
                }
            }
        }
    }
}

/* Moving with the keyboard: the focused chip's "Move to…" popover lists
 * the location's group slots; choosing one moves the participant there
 * (saved); "Move to the waiting list" takes them out of the plan; the
 * window's undo puts each back.  A cell shows its staff by name. */
static void
test_keyboard (Fixture *f, gconstpointer data)
{
  g_autoptr(DagOrg) before = load (f);
  g_autoptr(DagOrg) after = NULL;
  g_autoptr(GArray) bp = NULL;
  DagDate week = dag_date_from_ymd (2026, 11, 23);
  DagWeekView *view;
  DagHistory *history;
  GtkPopover *popover;
  GtkWidget *chip, *list, *row, *target_row = NULL, *button;
  int p = -1, group = -1, slot = -1, to_group = -1, to_slot = -1;
  guint n_waiting;
  int unplaced;

  /* A plan entry, and a free dagdeel of another group at its location on
   * which the participant is not planned. */
  find_free_move (before, week, &p, &group, &slot, &to_group, &to_slot);
  bp = week_plan (before, week);
  g_assert_cmpint (to_group, >=, 0);

  view = open_week (f);
  history = dag_window_get_history (f->window);
  dag_week_view_set_week (view, week);
  dag_week_view_set_location (view, DAG_AT (before->groups, DagGroup, group)->location);

  /* Staff by name where someone works. */
  for (guint i = 0; i < before->staffing->len; i++)
    {
      const DagStaffing *se = DAG_AT (before->staffing, DagStaffing, i);
      const char *name = DAG_AT (before->staff, DagStaff, se->staff)->name;
      const char *text;

      if (!DAG_DATED_APPLIES (se->from, se->until, week) ||
          DAG_AT (before->groups, DagGroup, se->group)->location != DAG_AT (before->groups, DagGroup, group)->location ||
          DAG_SLOT_PART (se->slot) == DAG_PART_EV || DAG_SLOT_DAY (se->slot) >= 5)
        continue;
      text = dag_week_view_get_staff_text (view, se->group, se->slot);
      g_assert_nonnull (text);
      g_assert_true (g_str_has_prefix (text, "Staff: "));
      /* By the whole name (the chips may shorten it). */
      g_assert_nonnull (strstr (text, strchr (name, ' ') ? strchr (name, ' ') + 1 : name));
      break;
    }

  chip = dag_week_view_get_chip (view, p, group, slot);
  g_assert_nonnull (chip);
  g_assert_true (gtk_widget_get_focusable (chip));
  gtk_widget_grab_focus (chip);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "week.move-menu", NULL));
  popover = dag_week_view_get_move_popover (view);
  g_assert_nonnull (popover);
  dag_test_wait_for_frames (GTK_WIDGET (popover), 2);
  dag_test_save_screenshot (GTK_WIDGET (popover), "week-plan-move");
  list = find_descendant (GTK_WIDGET (popover), GTK_TYPE_LIST_BOX);
  g_assert_nonnull (list);
  for (row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row))
    {
      int gs = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "group-slot"));
      /* Its own cell is not offered. */
      g_assert_cmpint (gs, !=, group * DAG_N_SLOTS + slot);
      if (gs == to_group * DAG_N_SLOTS + to_slot)
        target_row = row;
    }
  g_assert_nonnull (target_row);
  g_assert_true (gtk_widget_get_sensitive (target_row));
  gtk_widget_activate (target_row);
  g_assert_null (dag_week_view_get_move_popover (view));
  /* Which weeks: from this one on. */
  answer_scope (view, "from");
  after = load (f);
  g_assert_true (has_entry_in (after, week, p, to_group, to_slot));
  g_assert_false (has_entry_in (after, week, p, group, slot));
  g_assert_nonnull (dag_week_view_get_chip (view, p, to_group, to_slot));
  g_assert_null (dag_week_view_get_chip (view, p, group, slot));
  /* The keyboard stays with the participant moved. */
  g_assert_true (gtk_widget_has_focus (dag_week_view_get_chip (view, p, to_group, to_slot)));

  /* To the waiting list. */
  n_waiting = dag_week_view_get_n_waiting (view);
  unplaced = dag_week_view_get_unplaced (view, p);
  chip = dag_week_view_get_chip (view, p, to_group, to_slot);
  gtk_widget_grab_focus (chip);
  /* Enter: the button shows itself pressed a moment, then opens it. */
  gtk_widget_activate (chip);
  dag_test_wait_until (popover_open, view);
  popover = dag_week_view_get_move_popover (view);
  g_assert_nonnull (popover);
  button = find_descendant (GTK_WIDGET (popover), GTK_TYPE_BUTTON);
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_visible (button));
  g_signal_emit_by_name (button, "clicked");
  answer_scope (view, "from");
  g_clear_pointer (&after, dag_org_free);
  after = load (f);
  g_assert_false (has_entry_in (after, week, p, to_group, to_slot));
  {
    g_autoptr(GArray) ap = week_plan (after, week);
    g_assert_cmpuint (ap->len, ==, bp->len - 1);
  }
  g_assert_cmpint (dag_week_view_get_unplaced (view, p), ==, unplaced + 1);
  g_assert_cmpuint (dag_week_view_get_n_waiting (view), ==, n_waiting + (unplaced == 0));
  {
    g_autofree char *label = g_strdup_printf ("Move %s to the waiting list",
                                              DAG_AT (before->participants, DagParticipant, p)->name);
    g_assert_cmpstr (dag_history_get_undo_label (history), ==, label);
  }

  /* A record edited elsewhere (the Organisation view) shows the same
   * organisation anew: the view stays at its week and location, and the
   * move stays undoable. */
  {
    int location = dag_week_view_get_location (view);
    DagDate shown = dag_week_view_get_week (view);

    g_signal_emit_by_name (dag_window_get_records_view (f->window), "changed");
    g_assert_cmpint (dag_week_view_get_location (view), ==, location);
    g_assert_cmpint (dag_week_view_get_week (view), ==, shown);
    g_assert_true (dag_history_can_undo (history));
    g_assert_cmpint (dag_week_view_get_unplaced (view, p), ==, unplaced + 1);
  }

  /* Two undos: back in the plan, then back in the first cell. */
  g_assert_true (dag_history_undo (history, NULL));
  g_assert_true (dag_history_undo (history, NULL));
  g_clear_pointer (&after, dag_org_free);
  after = load (f);
  g_assert_true (same_dated_plan (after->plan, before->plan));
  g_assert_nonnull (dag_week_view_get_chip (view, p, group, slot));
  g_assert_cmpuint (dag_week_view_get_n_waiting (view), ==, n_waiting);
  g_assert_cmpint (dag_week_view_get_unplaced (view, p), ==, unplaced);
}

/* The drop target of a cell, to drop on it as a drag would. */
static gboolean
drop_on_cell (DagWeekView *view, int group, int slot, int participant, int from_group, int from_slot)
{
  GtkWidget *cell = dag_week_view_get_cell (view, group, slot);
  g_autoptr(GListModel) controllers = NULL;
  g_autofree char *payload = g_strdup_printf ("%d:%d:%d", participant, from_group, from_slot);
  GValue value = G_VALUE_INIT;
  gboolean accepted = FALSE;
  GtkDropTarget *target = NULL;

  g_assert_nonnull (cell);
  controllers = gtk_widget_observe_controllers (cell);
  for (guint i = 0; i < g_list_model_get_n_items (controllers) && target == NULL; i++)
    {
      g_autoptr(GObject) c = g_list_model_get_item (controllers, i);
      if (GTK_IS_DROP_TARGET (c))
        target = GTK_DROP_TARGET (c);
    }
  g_assert_nonnull (target);
  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, payload);
  g_signal_emit_by_name (target, "drop", &value, 1.0, 1.0, &accepted);
  g_value_unset (&value);
  return accepted;
}

/* A drop asks "only this week or from this week on"; "only this week"
 * changes that week and not the next or the one before; the view shows
 * each week its own plan; the window's undo restores both weeks. */
static void
test_only_week (Fixture *f, gconstpointer data)
{
  g_autoptr(DagOrg) before = load (f);
  g_autoptr(DagOrg) after = NULL;
  DagDate week = dag_date_from_ymd (2026, 11, 16);
  DagWeekView *view;
  DagHistory *history;
  int p = -1, group = -1, slot = -1, to_group = -1, to_slot = -1;

  find_free_move (before, week, &p, &group, &slot, &to_group, &to_slot);
  g_assert_cmpint (to_group, >=, 0);
  view = open_week (f);
  history = dag_window_get_history (f->window);
  dag_week_view_set_week (view, week);
  dag_week_view_set_location (view, DAG_AT (before->groups, DagGroup, group)->location);

  g_assert_true (drop_on_cell (view, to_group, to_slot, p, group, slot));
  /* Nothing moved before the answer. */
  g_assert_nonnull (dag_week_view_get_chip (view, p, group, slot));
  dag_test_wait_for_frames (GTK_WIDGET (dag_week_view_get_scope_dialog (view)), 2);
  dag_test_save_screenshot (GTK_WIDGET (dag_week_view_get_scope_dialog (view)), "week-scope");
  answer_scope (view, "only");

  after = load (f);
  g_assert_true (has_entry_in (after, week, p, to_group, to_slot));
  g_assert_false (has_entry_in (after, week, p, group, slot));
  g_assert_true (has_entry_in (after, week + 7, p, group, slot));
  g_assert_false (has_entry_in (after, week + 7, p, to_group, to_slot));
  g_assert_true (has_entry_in (after, week - 7, p, group, slot));
  g_assert_false (has_entry_in (after, week - 7, p, to_group, to_slot));
  /* The view shows each week's own plan. */
  g_assert_nonnull (dag_week_view_get_chip (view, p, to_group, to_slot));
  g_assert_null (dag_week_view_get_chip (view, p, group, slot));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "week.next-week", NULL));
  g_assert_nonnull (dag_week_view_get_chip (view, p, group, slot));
  g_assert_null (dag_week_view_get_chip (view, p, to_group, to_slot));

  /* Undo, from another week: the view goes back to the week of the move,
   * and both weeks are as they were. */
  g_assert_true (dag_history_undo (history, NULL));
  g_assert_cmpint (dag_week_view_get_week (view), ==, week);
  g_clear_pointer (&after, dag_org_free);
  after = load (f);
  g_assert_true (same_dated_plan (after->plan, before->plan));
  g_assert_true (has_entry_in (after, week, p, group, slot));
  g_assert_true (has_entry_in (after, week + 7, p, group, slot));
  g_assert_nonnull (dag_week_view_get_chip (view, p, group, slot));
  g_assert_null (dag_week_view_get_chip (view, p, to_group, to_slot));

  /* Redo brings the one week's move back. */
  g_assert_true (dag_history_redo (history, NULL));
  g_clear_pointer (&after, dag_org_free);
  after = load (f);
  g_assert_true (has_entry_in (after, week, p, to_group, to_slot));
  g_assert_true (has_entry_in (after, week + 7, p, group, slot));
}

/* "From this week on" changes this week and the next, not the one
 * before; undo restores all of them. */
static void
test_from_week (Fixture *f, gconstpointer data)
{
  g_autoptr(DagOrg) before = load (f);
  g_autoptr(DagOrg) after = NULL;
  g_autoptr(GError) error = NULL;
  DagDate week = dag_date_from_ymd (2026, 11, 16);
  DagWeekView *view;
  int p = -1, group = -1, slot = -1, to_group = -1, to_slot = -1;

  find_free_move (before, week, &p, &group, &slot, &to_group, &to_slot);
  g_assert_cmpint (to_group, >=, 0);
  view = open_week (f);
  dag_week_view_set_week (view, week);
  dag_week_view_set_location (view, DAG_AT (before->groups, DagGroup, group)->location);
  g_assert_true (dag_week_view_move (view, p, group, slot, to_group, to_slot, DAG_SCOPE_FROM_WEEK, &error));
  g_assert_no_error (error);

  after = load (f);
  g_assert_true (has_entry_in (after, week, p, to_group, to_slot));
  g_assert_true (has_entry_in (after, week + 7, p, to_group, to_slot));
  g_assert_false (has_entry_in (after, week + 7, p, group, slot));
  g_assert_true (has_entry_in (after, week - 7, p, group, slot));
  g_assert_false (has_entry_in (after, week - 7, p, to_group, to_slot));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "week.next-week", NULL));
  g_assert_nonnull (dag_week_view_get_chip (view, p, to_group, to_slot));
  dag_week_view_set_week (view, week - 7);
  g_assert_nonnull (dag_week_view_get_chip (view, p, group, slot));
  g_assert_null (dag_week_view_get_chip (view, p, to_group, to_slot));

  g_assert_true (dag_history_undo (dag_window_get_history (f->window), NULL));
  g_clear_pointer (&after, dag_org_free);
  after = load (f);
  g_assert_true (same_dated_plan (after->plan, before->plan));
}

/* A past week (October, with attendance) is read-only: a banner says why,
 * a drop is refused with a toast that says why, nothing is saved, and
 * planning automatically does not start. */
static void
test_frozen (Fixture *f, gconstpointer data)
{
  g_autoptr(DagOrg) before = load (f);
  g_autoptr(DagOrg) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *reason = NULL;
  DagDate week = dag_date_from_ymd (2026, 10, 12);
  DagWeekView *view;
  int p = -1, group = -1, slot = -1, to_group = -1, to_slot = -1;

  g_assert_cmpint (dag_schedule_week_frozen (before, week, dag_date_today ()), !=, DAG_FROZEN_NO);
  reason = dag_schedule_frozen_message (dag_schedule_week_frozen (before, week, dag_date_today ()), week);
  g_assert_nonnull (reason);
  find_free_move (before, week, &p, &group, &slot, &to_group, &to_slot);
  g_assert_cmpint (to_group, >=, 0);

  view = open_week (f);
  /* It opens on a week that can be changed. */
  g_assert_null (dag_week_view_get_frozen_message (view));
  dag_week_view_set_week (view, week);
  dag_week_view_set_location (view, DAG_AT (before->groups, DagGroup, group)->location);
  g_assert_cmpstr (dag_week_view_get_frozen_message (view), ==, reason);

  g_assert_false (drop_on_cell (view, to_group, to_slot, p, group, slot));
  g_assert_null (dag_week_view_get_scope_dialog (view));
  g_assert_cmpstr (dag_week_view_get_last_toast (view), ==, reason);
  g_assert_nonnull (dag_week_view_get_chip (view, p, group, slot));
  dag_test_save_screenshot (GTK_WIDGET (f->window), "week-plan-frozen");

  g_assert_false (dag_week_view_move (view, p, group, slot, to_group, to_slot, DAG_SCOPE_ONLY_WEEK, &error));
  g_assert_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_FROZEN);
  g_assert_false (dag_history_can_undo (dag_window_get_history (f->window)));
  after = load (f);
  g_assert_true (same_dated_plan (after->plan, before->plan));

  dag_week_view_plan (view);
  g_assert_false (dag_week_view_is_planning (view));
  g_assert_cmpstr (dag_week_view_get_last_toast (view), ==, reason);

  /* A move in next week, which then passes: its undo is refused too. */
  {
    g_autoptr(DagOrg) moved = NULL;
    g_autofree char *passed = NULL;

    g_clear_error (&error);
    p = group = slot = to_group = to_slot = -1;
    find_free_move (before, WEEK_NEXT, &p, &group, &slot, &to_group, &to_slot);
    g_assert_cmpint (to_group, >=, 0);
    dag_week_view_set_week (view, WEEK_NEXT);
    dag_week_view_set_location (view, DAG_AT (before->groups, DagGroup, group)->location);
    g_assert_true (dag_week_view_move (view, p, group, slot, to_group, to_slot, DAG_SCOPE_ONLY_WEEK, &error));
    g_assert_no_error (error);
    moved = load (f);
    g_assert_false (same_dated_plan (moved->plan, before->plan));

    g_setenv ("DAGRITME_TODAY", "2026-11-18", TRUE);
    passed = dag_schedule_frozen_message (DAG_FROZEN_PAST, WEEK_NEXT);
    g_assert_false (dag_history_undo (dag_window_get_history (f->window), &error));
    g_assert_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_FROZEN);
    g_assert_cmpstr (error->message, ==, passed);
    g_clear_error (&error);
    g_setenv ("DAGRITME_TODAY", TODAY, TRUE);
    g_clear_pointer (&after, dag_org_free);
    after = load (f);
    g_assert_true (same_dated_plan (after->plan, moved->plan));
  }
}

/* One proposed change accepted from its chip: only that change is saved
 * (from the week on), it leaves the proposal, the rest stays marked. */
static void
test_accept_one (Fixture *f, gconstpointer data)
{
  g_autoptr(DagOrg) before = load (f);
  g_autoptr(DagOrg) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) bp = week_plan (before, WEEK_NEXT);
  const DagPlanResult *proposal;
  DagPlanChange change;
  guint n_changes;
  int location = -1;
  DagWeekView *view;

  view = open_week (f);
  dag_week_view_set_week (view, WEEK_NEXT);
  dag_week_view_plan (view);
  dag_test_wait_until (planner_done, view);
  proposal = dag_week_view_get_proposal (view);
  g_assert_nonnull (proposal);
  if (proposal->changes->len == 0)
    {
      g_test_skip ("the planner proposes no change for the demo");
      return;
    }
  n_changes = proposal->changes->len;
  change = g_array_index (proposal->changes, DagPlanChange, 0);
  location = DAG_AT (before->groups, DagGroup, change.kind == DAG_CHANGE_REMOVE ? change.from_group
                                                                                : change.to_group)->location;
  dag_week_view_set_location (view, location);
  g_assert_nonnull (dag_week_view_get_proposed_chip (view, 0));
  g_assert_true (dag_week_view_accept_changes (view, 0, -1, &error));
  g_assert_no_error (error);

  after = load (f);
  {
    g_autoptr(GArray) ap = week_plan (after, WEEK_NEXT);
    g_autoptr(GArray) later = week_plan (after, WEEK_NEXT + 7);
    g_autoptr(GArray) earlier = week_plan (after, WEEK_NEXT - 7);
    g_autoptr(GArray) earlier_before = week_plan (before, WEEK_NEXT - 7);

    if (change.to_group >= 0)
      {
        g_assert_true (in_plan (ap, change.participant, change.to_group, change.to_slot));
        g_assert_true (in_plan (later, change.participant, change.to_group, change.to_slot));
      }
    if (change.from_group >= 0)
      g_assert_false (in_plan (ap, change.participant, change.from_group, change.from_slot));
    g_assert_cmpuint (ap->len, ==, bp->len + (change.kind == DAG_CHANGE_ADD) - (change.kind == DAG_CHANGE_REMOVE));
    g_assert_true (same_plan (earlier, earlier_before));
  }
  if (n_changes > 1)
    {
      g_assert_nonnull (dag_week_view_get_proposal (view));
      g_assert_cmpuint (dag_week_view_get_proposal (view)->changes->len, ==, n_changes - 1);
    }
  else
    g_assert_null (dag_week_view_get_proposal (view));
  g_assert_cmpstr (dag_history_get_undo_label (dag_window_get_history (f->window)), ==, "Accept a proposed change");
  g_assert_true (dag_history_undo (dag_window_get_history (f->window), NULL));
  g_clear_pointer (&after, dag_org_free);
  after = load (f);
  g_assert_true (same_dated_plan (after->plan, before->plan));
}

/* The DagFitLabel of a chip (its name). */
static DagFitLabel *
chip_label (GtkWidget *chip)
{
  GtkWidget *label;

  g_assert_nonnull (chip);
  label = find_descendant (chip, DAG_TYPE_FIT_LABEL);
  g_assert_nonnull (label);
  return DAG_FIT_LABEL (label);
}

/* The cell of participant p in the week shown at location, with its
 * group and slot. */
static gboolean
cell_of (const DagOrg *org, DagDate monday, int p, int location, int *group, int *slot)
{
  g_autoptr(GArray) plan = week_plan (org, monday);

  for (guint i = 0; i < plan->len; i++)
    {
      const DagPlanEntry *e = DAG_AT (plan, DagPlanEntry, i);

      if (e->participant == p && DAG_AT (org->groups, DagGroup, e->group)->location == location &&
          DAG_SLOT_DAY (e->slot) < 5 && DAG_SLOT_PART (e->slot) != DAG_PART_EV)
        {
          *group = e->group;
          *slot = e->slot;
          return TRUE;
        }
    }
  return FALSE;
}

/* Whether every shown cell of the grid lies within the scrolled window's
 * width: the whole week is in view, Monday morning to Friday afternoon. */
static gboolean
week_fully_visible (DagWeekView *view, const DagOrg *org, int location)
{
  GtkWidget *scroll = GTK_WIDGET (dag_week_view_get_grid_scroll (view));
  int width = gtk_widget_get_width (scroll);
  gboolean any = FALSE;

  for (guint g = 0; g < org->groups->len; g++)
    for (int day = 0; day < 5; day++)
      for (int part = 0; part < 2; part++)
        {
          GtkWidget *cell = DAG_AT (org->groups, DagGroup, g)->location == location
                            ? dag_week_view_get_cell (view, (int) g, DAG_SLOT (day, part)) : NULL;
          graphene_rect_t bounds;

          if (cell == NULL)
            continue;
          g_assert_true (gtk_widget_compute_bounds (cell, scroll, &bounds));
          if (bounds.origin.x < 0 || bounds.origin.x + bounds.size.width > width + 0.5)
            {
              g_test_message ("%s %d/%d at %.0f+%.0f, outside %d", DAG_AT (org->groups, DagGroup, g)->name,
                              day, part, bounds.origin.x, bounds.size.width, width);
              return FALSE;
            }
          any = TRUE;
        }
  return any;
}

static gboolean
panel_hidden (gpointer view)
{
  return !dag_week_view_get_panel_shown (view);
}

/* A long name and namesakes in one location's week: each chip says who it
 * is (the whole name where it fits, a short form that still differs where
 * not); the legend, staff as chips, the whole week at 1024 × 700, and the
 * problems by group and kind, in words without ids. */
static void
test_readable (Fixture *f, gconstpointer data)
{
  g_autoptr(DagOrg) org = load (f);
  g_autoptr(GError) error = NULL;
  DagDate week = dag_date_from_ymd (2026, 11, 23);
  g_autoptr(GArray) plan = week_plan (org, week);
  const char *names[] = { "Anna de Vries", "Anna de Vries", "Anna de Vos",
                          "Alexandra Wilhelmina van den Boogaard-Hoekstra" };
  int who[4] = { -1, -1, -1, -1 }, group[4], slot[4], location;
  guint n = 0;
  DagWeekView *view;
  GtkWidget *legend, *staff_chip = NULL;
  DagFitLabel *la, *lb, *lc, *ll;
  int problem_group = -1;

  location = DAG_AT (org->groups, DagGroup, DAG_AT (plan, DagPlanEntry, 0)->group)->location;
  for (guint i = 0; i < plan->len && n < 4; i++)
    {
      const DagPlanEntry *e = DAG_AT (plan, DagPlanEntry, i);
      gboolean seen = FALSE;

      for (guint k = 0; k < n; k++)
        seen |= who[k] == e->participant;
      if (!seen && DAG_AT (org->groups, DagGroup, e->group)->location == location &&
          DAG_SLOT_DAY (e->slot) < 5 && DAG_SLOT_PART (e->slot) != DAG_PART_EV)
        who[n++] = e->participant;
    }
  g_assert_cmpuint (n, ==, 4);
  for (guint k = 0; k < 4; k++)
    {
      DagParticipant *p = DAG_AT (org->participants, DagParticipant, who[k]);

      g_free (p->name);
      p->name = g_strdup (names[k]);
    }
  DAG_AT (org->participants, DagParticipant, who[0])->birth_date = dag_date_from_ymd (1950, 2, 8);
  DAG_AT (org->participants, DagParticipant, who[1])->birth_date = dag_date_from_ymd (1962, 5, 1);
  g_assert_true (dag_store_save (f->demo.store, org, DAG_SECTION_MASTER, "rename", &error));
  g_assert_no_error (error);
  for (guint k = 0; k < 4; k++)
    g_assert_true (cell_of (org, week, who[k], location, &group[k], &slot[k]));

  /* At 1024 px the views still switch in the header: no switcher bar
   * appears at the bottom, and no warning (fatal, as everywhere). */
  f->window = dag_test_open_window (application, f->demo.store, 1024, 700);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-view", "s", "week"));
  view = dag_window_get_week_view (f->window);
  dag_week_view_set_location (view, location);
  dag_week_view_set_week (view, week);
  dag_test_wait_for_frames (GTK_WIDGET (f->window), 4);

  /* Namesakes: the year of birth tells them apart, in both forms. */
  la = chip_label (dag_week_view_get_chip (view, who[0], group[0], slot[0]));
  lb = chip_label (dag_week_view_get_chip (view, who[1], group[1], slot[1]));
  lc = chip_label (dag_week_view_get_chip (view, who[2], group[2], slot[2]));
  ll = chip_label (dag_week_view_get_chip (view, who[3], group[3], slot[3]));
  g_assert_cmpstr (dag_fit_label_get_text (la), ==, "Anna de Vries (1950)");
  g_assert_cmpstr (dag_fit_label_get_text (lb), ==, "Anna de Vries (1962)");
  g_assert_cmpstr (dag_fit_label_get_short_text (la), ==, "Anna de V. ’50");
  g_assert_cmpstr (dag_fit_label_get_short_text (lb), ==, "Anna de V. ’62");
  g_assert_cmpstr (dag_fit_label_get_shown_text (la), !=, dag_fit_label_get_shown_text (lb));
  /* "Anna de V." would be her too: a second letter of the family name. */
  g_assert_cmpstr (dag_fit_label_get_short_text (lc), ==, "Anna de Vo.");
  /* The long name: whole where it fits, else first name, particles the
   * Dutch short way and family name start, cut only where even that does
   * not fit. */
  g_assert_cmpstr (dag_fit_label_get_text (ll), ==, names[3]);
  g_assert_cmpstr (dag_fit_label_get_short_text (ll), ==, "Alexandra v.d. B.");
  g_assert_true (g_str_equal (dag_fit_label_get_shown_text (ll), names[3]) ||
                 g_str_has_prefix (dag_fit_label_get_shown_text (ll), "Alexa"));

  /* The legend says what the colours and marks mean. */
  legend = dag_week_view_get_legend (view);
  g_assert_true (DAG_IS_WEEK_LEGEND (legend));
  g_assert_cmpuint (dag_week_legend_get_n_entries (DAG_WEEK_LEGEND (legend)), >=, 10);

  /* Staff as chips with their level. */
  for (guint g = 0; g < org->groups->len && staff_chip == NULL; g++)
    for (int s = 0; s < 10 && staff_chip == NULL; s++)
      {
        GtkWidget *cell = DAG_AT (org->groups, DagGroup, g)->location == location
                          ? dag_week_view_get_cell (view, (int) g, DAG_SLOT (s / 2, s % 2)) : NULL;
        GtkWidget *box = cell ? gtk_widget_get_last_child (cell) : NULL;

        if (box && gtk_widget_has_css_class (box, "week-staff") && gtk_widget_get_visible (box))
          staff_chip = gtk_widget_get_first_child (box);
      }
  g_assert_nonnull (staff_chip);
  g_assert_true (gtk_widget_has_css_class (staff_chip, "week-staff-chip"));
  {
    GtkWidget *badge = gtk_widget_get_next_sibling (gtk_widget_get_first_child (staff_chip));
    const char *level = gtk_label_get_text (GTK_LABEL (badge));

    g_assert_true (gtk_widget_has_css_class (badge, "week-badge"));
    g_assert_true (g_str_equal (level, "HBO") || g_str_equal (level, "MBO") || g_str_equal (level, "Vol."));
  }

  /* The whole week at 1024 × 700: the side panel gave way. */
  dag_test_wait_until (panel_hidden, view);
  dag_test_wait_for_frames (GTK_WIDGET (f->window), 2);
  g_assert_true (week_fully_visible (view, org, location));
  dag_test_save_screenshot (GTK_WIDGET (f->window), "week-plan-1024");
  gtk_menu_button_popup (GTK_MENU_BUTTON (gtk_widget_get_parent (legend)));
  dag_test_wait_for_frames (legend, 3);
  dag_test_save_screenshot (legend, "week-legend");
  gtk_popover_popdown (GTK_POPOVER (legend));

  /* Problems by group, then by kind, in words: no ids, no ISO dates. */
  for (guint g = 0; g < org->groups->len && problem_group < 0; g++)
    if (dag_week_view_get_problem_kinds (view, (int) g) > 0)
      problem_group = (int) g;
  g_assert_cmpint (problem_group, >=, 0);
  {
    g_autofree char *text = dag_week_view_get_problems_text (view, problem_group);
    g_autoptr(GRegex) iso = g_regex_new ("[0-9]{4}-[0-9]{2}-[0-9]{2}|\\([PSG][0-9]+\\)", 0, 0, NULL);
    g_autoptr(GRegex) date = g_regex_new ("(Mon|Tue|Wed|Thu|Fri) 2[3-7] Nov", 0, 0, NULL);

    g_test_message ("%s", text);
    g_assert_true (g_str_has_prefix (text, DAG_AT (org->groups, DagGroup, problem_group)->name));
    g_assert_false (g_regex_match (iso, text, 0, NULL));
    g_assert_true (g_regex_match (date, text, 0, NULL));
  }

  /* Wide: the panel beside the whole week, whole names. */
  gtk_window_destroy (GTK_WINDOW (f->window));
  f->window = dag_test_open_window (application, f->demo.store, 1600, 1000);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-view", "s", "week"));
  view = dag_window_get_week_view (f->window);
  dag_week_view_set_location (view, location);
  dag_week_view_set_week (view, week);
  dag_test_wait_for_frames (GTK_WIDGET (f->window), 4);
  lc = chip_label (dag_week_view_get_chip (view, who[2], group[2], slot[2]));
  g_assert_true (dag_week_view_get_panel_shown (view));
  g_assert_true (week_fully_visible (view, org, location));
  g_assert_cmpstr (dag_fit_label_get_shown_text (lc), ==, "Anna de Vos");
  dag_test_save_screenshot (GTK_WIDGET (f->window), "week-plan-1600");
}

/* The view in Dutch, to look at; needs the nl_NL.UTF-8 locale. */
static void
test_dutch (Fixture *f, gconstpointer data)
{
  DagWeekView *view;

  /* LANGUAGE before setlocale (), which makes gettext forget what it
   * looked up in English. */
  g_setenv ("LANGUAGE", "nl", TRUE);
  if (setlocale (LC_ALL, "nl_NL.UTF-8") == NULL)
    {
      g_setenv ("LANGUAGE", "en", TRUE);
      g_test_skip ("the nl_NL.UTF-8 locale is not installed");
      return;
    }
  view = open_week (f);
  dag_week_view_set_week (view, dag_date_from_ymd (2026, 12, 21));
  g_assert_cmpstr (dag_week_view_get_day_note (view, 4), ==, "Eerste Kerstdag");
  dag_test_save_screenshot (GTK_WIDGET (f->window), "week-plan-nl");

  /* Problems with dates the Dutch way: "ma 7 dec", never 2026-12-07. */
  dag_week_view_set_week (view, dag_date_from_ymd (2026, 12, 7));
  {
    g_autoptr(GRegex) dutch = g_regex_new ("\\b(ma|di|wo|do|vr) [7-9]|11 dec", 0, 0, NULL);
    g_autoptr(GRegex) iso = g_regex_new ("[0-9]{4}-[0-9]{2}-[0-9]{2}", 0, 0, NULL);
    const DagOrg *org = NULL;
    gboolean any = FALSE;

    for (int g = 0; g < 64; g++)
      {
        g_autofree char *text = dag_week_view_get_problems_text (view, g);

        if (text == NULL)
          continue;
        g_test_message ("%s", text);
        g_assert_false (g_regex_match (iso, text, 0, NULL));
        any |= g_regex_match (dutch, text, 0, NULL);
      }
    (void) org;
    g_assert_true (any);
  }
  dag_test_save_screenshot (GTK_WIDGET (f->window), "week-plan-nl-1400");
  gtk_window_destroy (GTK_WINDOW (f->window));
  f->window = dag_test_open_window (application, f->demo.store, 1024, 700);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-view", "s", "week"));
  view = dag_window_get_week_view (f->window);
  dag_week_view_set_week (view, dag_date_from_ymd (2026, 12, 7));
  dag_test_wait_for_frames (GTK_WIDGET (f->window), 4);
  dag_test_save_screenshot (GTK_WIDGET (f->window), "week-plan-nl-1024");
  gtk_window_destroy (GTK_WINDOW (f->window));
  f->window = dag_test_open_window (application, f->demo.store, 1600, 1000);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-view", "s", "week"));
  view = dag_window_get_week_view (f->window);
  dag_week_view_set_week (view, dag_date_from_ymd (2026, 12, 7));
  dag_test_wait_for_frames (GTK_WIDGET (f->window), 4);
  dag_test_save_screenshot (GTK_WIDGET (f->window), "week-plan-nl-1600");
  g_setenv ("LANGUAGE", "en", TRUE);
  setlocale (LC_ALL, "C.UTF-8");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  /* Results must not depend on the real date (see the top). */
  g_setenv ("DAGRITME_TODAY", TODAY, TRUE);
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, DAGRITME_TEST_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  /* GLib decides once a process, at the first g_dgettext (), whether to
   * translate at all, from the locale then: decide it in Dutch, which
   * /gui-week/dutch shows, then go back to English. */
  g_setenv ("LANGUAGE", "nl", TRUE);
  if (setlocale (LC_ALL, "nl_NL.UTF-8") != NULL)
    g_dgettext (GETTEXT_PACKAGE, "");
  g_setenv ("LANGUAGE", "en", TRUE);
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  application = dag_application_new ();
  g_application_register (G_APPLICATION (application), NULL, &error);
  g_assert_no_error (error);
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add ("/gui-week/move-undo-plan", Fixture, NULL, fixture_setup, test_week, fixture_teardown);
  g_test_add ("/gui-week/holiday", Fixture, NULL, fixture_setup, test_holiday, fixture_teardown);
  g_test_add ("/gui-week/keyboard", Fixture, NULL, fixture_setup, test_keyboard, fixture_teardown);
  g_test_add ("/gui-week/only-week", Fixture, NULL, fixture_setup, test_only_week, fixture_teardown);
  g_test_add ("/gui-week/from-week", Fixture, NULL, fixture_setup, test_from_week, fixture_teardown);
  g_test_add ("/gui-week/frozen", Fixture, NULL, fixture_setup, test_frozen, fixture_teardown);
  g_test_add ("/gui-week/accept-one", Fixture, NULL, fixture_setup, test_accept_one, fixture_teardown);
  g_test_add ("/gui-week/readable", Fixture, NULL, fixture_setup, test_readable, fixture_teardown);
  g_test_add ("/gui-week/dutch", Fixture, NULL, fixture_setup, test_dutch, fixture_teardown);
  status = g_test_run ();
  g_clear_pointer (&demo, dag_org_free);
  g_clear_object (&application);
  return status;
}
