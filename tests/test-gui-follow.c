/* test-gui-follow.c — every view follows a change made in another, under
 * Xvfb on the demo organisation: a plan accepted in the Week plan for next
 * week, its undo and its redo are shown by the Attendance, Staff,
 * Transport and Production views as they are (compared with the schedule,
 * a fresh production and a window that loaded the store anew), the past
 * week's views stay as they were, stored runs that no longer follow the
 * plan say so, and screenshots of the views after the acceptance land in
 * the build directory.
 *
 * "Today" is fixed (DAGRITME_TODAY) at Wednesday 4 November 2026: the week
 * before (26 October, with the demo month's attendance) is frozen and next
 * week (9 November) is not.  A move into a frozen week is refused with the
 * reason in a toast: /gui-week/frozen tests that. */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "dag-application.h"
#include "dag-demo.h"
#include "dag-gui-test.h"
#include "dag-rules.h"
#include "dag-history.h"
#include "dag-schedule.h"
#include "dag-window.h"
#include "export/dag-production.h"

#define TODAY     "2026-11-04"
#define LAST_WEEK dag_date_from_ymd (2026, 10, 26)
#define NEXT_WEEK dag_date_from_ymd (2026, 11, 9)

typedef struct {
  DagTestDemo demo;
  DagWindow  *window;
} Fixture;

static DagApplication *application;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  dag_test_demo_setup (&f->demo, "follow", 150, dag_date_from_ymd (2026, 10, 1));
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  if (f->window)
    gtk_window_destroy (GTK_WINDOW (f->window));
  dag_test_demo_teardown (&f->demo);
}

/* ---- waiting ------------------------------------------------------------ */

static gboolean
planner_done (gpointer data)
{
  return !dag_week_view_is_planning (data);
}

static gboolean
production_ready (gpointer data)
{
  return !dag_production_view_is_busy (data);
}

static gboolean
transport_done (gpointer data)
{
  return !dag_transport_view_is_planning (data);
}

/* ---- what the schedule says --------------------------------------------- */

static DagOrg *
load (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  DagOrg *org = dag_store_load (f->demo.store, &error);

  g_assert_no_error (error);
  return org;
}

typedef struct {
  const DagOrg *org;
  int           location;
  GPtrArray    *lines;
} Collect;

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The lines, sorted, one a line. */
static char *
join_sorted (GPtrArray *lines)
{
  GString *text = g_string_new (NULL);

  g_ptr_array_sort (lines, compare_strings);
  for (guint i = 0; i < lines->len; i++)
    g_string_append_printf (text, "%s\n", (const char *) g_ptr_array_index (lines, i));
  return g_string_free (text, FALSE);
}

static gboolean
collect_session (const DagSession *s, gpointer data)
{
  Collect *c = data;

  if (s->state == DAG_SESSION_ON && DAG_AT (c->org->groups, DagGroup, s->group)->location == c->location)
    g_ptr_array_add (c->lines, g_strdup_printf ("%d/%d", s->participant, s->part));
  return TRUE;
}

/* The sessions that take place on date at location: "participant/part". */
static char *
expected_sessions (const DagOrg *org, DagDate date, int location)
{
  g_autoptr(DagSchedule) schedule = dag_schedule_new (org);
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  Collect c = { org, location, lines };

  dag_schedule_foreach (schedule, date, date, collect_session, &c);
  return join_sorted (lines);
}

static gboolean
collect_rider (const DagSession *s, gpointer data)
{
  Collect *c = data;

  if (s->state == DAG_SESSION_ON &&
      DAG_AT (c->org->participants, DagParticipant, s->participant)->transport == DAG_TRANSPORT_BUS)
    g_ptr_array_add (c->lines, g_strdup_printf ("%d", s->participant));
  return TRUE;
}

/* Who needs transport on date: every participant with a session that
 * takes place who travels by bus, one a line. */
static char *
expected_riders (const DagOrg *org, DagDate date)
{
  g_autoptr(DagSchedule) schedule = dag_schedule_new (org);
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) unique = g_ptr_array_new ();
  Collect c = { org, -1, lines };

  dag_schedule_foreach (schedule, date, date, collect_rider, &c);
  g_ptr_array_sort (lines, compare_strings);
  for (guint i = 0; i < lines->len; i++)
    if (i == 0 || strcmp (g_ptr_array_index (lines, i), g_ptr_array_index (lines, i - 1)) != 0)
      g_ptr_array_add (unique, g_ptr_array_index (lines, i));
  return join_sorted (unique);
}

static gboolean
collect_staff (const DagStaffSession *s, gpointer data)
{
  Collect *c = data;

  if (DAG_AT (c->org->groups, DagGroup, s->group)->location == c->location)
    g_ptr_array_add (c->lines, g_strdup_printf ("%d/%d: %s", s->group, s->slot,
                                                DAG_AT (c->org->staff, DagStaff, s->staff)->name));
  return TRUE;
}

/* Who works in which group slot at location in the week of monday:
 * "group/slot: name". */
static char *
expected_staff (const DagOrg *org, DagDate monday, int location)
{
  g_autoptr(DagSchedule) schedule = dag_schedule_new (org);
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  Collect c = { org, location, lines };

  dag_schedule_foreach_staff (schedule, monday, monday + DAG_N_DAYS - 1, collect_staff, &c);
  return join_sorted (lines);
}

/* ---- what the views show ------------------------------------------------ */

/* Shows view, as the view switcher does. */
static void
show (Fixture *f, const char *view)
{
  dag_window_set_view (f->window, view);
  g_assert_cmpstr (dag_window_get_view (f->window), ==, view);
}

/* The Attendance view's rows, as "participant/part", sorted. */
static char *
attendance_sessions (DagAttendanceView *view)
{
  GListModel *rows = dag_attendance_view_get_rows (view);
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(DagAttendanceItem) item = g_list_model_get_item (rows, i);

      g_ptr_array_add (lines, g_strdup_printf ("%d/%d", dag_attendance_item_get_participant (item),
                                               dag_attendance_item_get_part (item)));
    }
  return join_sorted (lines);
}

/* Everything the Attendance view shows of its rows, in its order. */
static char *
attendance_text (DagAttendanceView *view)
{
  GListModel *rows = dag_attendance_view_get_rows (view);
  GString *text = g_string_new (dag_attendance_view_get_notice (view));

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(DagAttendanceItem) item = g_list_model_get_item (rows, i);

      g_string_append_printf (text, "%d/%d %d %d %s\n", dag_attendance_item_get_participant (item),
                              dag_attendance_item_get_part (item), dag_attendance_item_get_status (item),
                              dag_attendance_item_get_minutes (item),
                              dag_attendance_item_get_reason (item) ? dag_attendance_item_get_reason (item) : "");
    }
  return g_string_free (text, FALSE);
}

/* Everything the Staff view's cells show at location: need, who, and the
 * findings. */
static char *
staff_text (DagStaffView *view, const DagOrg *org, int location)
{
  GString *text = g_string_new (NULL);

  for (guint g = 0; g < org->groups->len; g++)
    {
      if (DAG_AT (org->groups, DagGroup, g)->location != location)
        continue;
      for (int slot = 0; slot < DAG_N_SLOTS; slot++)
        if (dag_staff_view_get_need (view, (int) g, slot) >= 0)
          g_string_append_printf (text, "%u/%d: %d needed; %s; %s\n", g, slot,
                                  dag_staff_view_get_need (view, (int) g, slot),
                                  dag_staff_view_get_assigned (view, (int) g, slot),
                                  dag_staff_view_get_problems (view, (int) g, slot)
                                  ? dag_staff_view_get_problems (view, (int) g, slot) : "-");
    }
  return g_string_free (text, FALSE);
}

/* Who the Staff view's cells say works there: "group/slot: name", one line
 * a working day of the week (as the schedule counts them), sorted. */
static char *
staff_assigned (DagStaffView *view, const DagOrg *org, DagDate monday, int location)
{
  g_autoptr(DagSchedule) schedule = dag_schedule_new (org);
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);

  for (guint g = 0; g < org->groups->len; g++)
    {
      if (DAG_AT (org->groups, DagGroup, g)->location != location)
        continue;
      for (int slot = 0; slot < DAG_N_SLOTS; slot++)
        {
          const char *assigned = dag_staff_view_get_assigned (view, (int) g, slot);
          g_auto(GStrv) names = NULL;

          if (assigned == NULL || *assigned == '\0')
            continue;
          names = g_strsplit (assigned, ", ", -1);
          for (guint k = 0; names[k] != NULL; k++)
            {
              char *absent = strstr (names[k], " (absent)");

              if (absent != NULL)
                *absent = '\0';
              g_ptr_array_add (lines, g_strdup_printf ("%u/%d: %s", g, slot, names[k]));
            }
        }
    }
  return join_sorted (lines);
}

/* The Transport view's riders, one a line, sorted as text. */
static char *
transport_riders (DagTransportView *view)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  guint n;
  const int *riders = dag_transport_view_get_riders (view, &n);

  g_assert_true (dag_transport_view_is_current (view));
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (lines, g_strdup_printf ("%d", riders[i]));
  return join_sorted (lines);
}

/* The Production view's totals and problems, as shown. */
static char *
production_text (DagProductionView *view)
{
  GListModel *totals = dag_production_view_get_totals (view);
  GListModel *problems = dag_production_view_get_problems (view);
  GString *text = g_string_new (NULL);
  int units = 0;
  gint64 cents = 0;

  for (guint i = 0; i < g_list_model_get_n_items (totals); i++)
    {
      g_autoptr(DagProductionTotal) t = g_list_model_get_item (totals, i);

      units += dag_production_total_get_units (t);
      cents += dag_production_total_get_amount_cents (t);
    }
  g_string_append_printf (text, "%d units, %" G_GINT64_FORMAT " cents\n", units, cents);
  for (guint i = 0; i < g_list_model_get_n_items (problems); i++)
    g_string_append_printf (text, "%s\n", gtk_string_list_get_string (GTK_STRING_LIST (problems), i));
  return g_string_free (text, FALSE);
}

/* The same from dag_production_compute on org. */
static char *
expected_production (const DagOrg *org, int year, int month)
{
  g_autoptr(DagProduction) p = dag_production_compute (org, year, month, dag_date_today ());
  GString *text = g_string_new (NULL);
  int units = 0;
  gint64 cents = 0;

  for (guint i = 0; i < p->lines->len; i++)
    {
      units += DAG_AT (p->lines, DagProductionLine, i)->units;
      cents += DAG_AT (p->lines, DagProductionLine, i)->amount_cents;
    }
  g_string_append_printf (text, "%d units, %" G_GINT64_FORMAT " cents\n", units, cents);
  for (guint i = 0; i < p->problems->len; i++)
    {
      g_autofree char *line = dag_production_problem_describe (org, DAG_AT (p->problems, DagProductionProblem, i));
      g_string_append_printf (text, "%s\n", line);
    }
  return g_string_free (text, FALSE);
}

static char *
occupancy_text (DagProductionView *view)
{
  GString *text = g_string_new (NULL);
  guint n;
  const double *values = dag_production_view_get_occupancy (view, &n);

  for (guint i = 0; i < n; i++)
    g_string_append_printf (text, "%.3f\n", values[i]);
  return g_string_free (text, FALSE);
}

/* ---- the test ----------------------------------------------------------- */

/* What the four views show on the dates the test looks at. */
typedef struct {
  char *attendance;     /* sessions of the day */
  char *staff;          /* the cells of the week */
  char *staff_assigned; /* who works, by the cells */
  char *riders;
  char *notice;         /* the Transport view's banner, or NULL */
  char *production;
  char *occupancy;
} Shown;

static void
shown_clear (Shown *s)
{
  g_free (s->attendance);
  g_free (s->staff);
  g_free (s->staff_assigned);
  g_free (s->riders);
  g_free (s->notice);
  g_free (s->production);
  g_free (s->occupancy);
  memset (s, 0, sizeof *s);
}

/* Visits the four views as the user would, without choosing a date again:
 * each must show what it showed last time anew, from the organisation as
 * it is now. */
static void
visit (Fixture *f, int location, Shown *s)
{
  const DagOrg *org = dag_window_get_org (f->window);
  DagStaffView *staff = dag_window_get_staff_view (f->window);
  DagTransportView *transport = dag_window_get_transport_view (f->window);
  DagProductionView *production = dag_window_get_production_view (f->window);

  shown_clear (s);
  show (f, "attendance");
  s->attendance = attendance_sessions (dag_window_get_attendance_view (f->window));
  show (f, "staff");
  s->staff = staff_text (staff, org, location);
  s->staff_assigned = staff_assigned (staff, org, dag_staff_view_get_week (staff), location);
  show (f, "transport");
  s->riders = transport_riders (transport);
  s->notice = g_strdup (dag_transport_view_get_notice (transport));
  show (f, "production");
  dag_test_wait_until (production_ready, production);
  s->production = production_text (production);
  s->occupancy = occupancy_text (production);
}

/* The views of a window that loaded the store anew: what the four views
 * must show when they follow every change. */
static void
visit_fresh (Fixture *f, DagDate date, int location, Shown *s)
{
  DagWindow *fresh = dag_test_open_window (application, f->demo.store, 1400, 900);
  DagWindow *followed = f->window;

  dag_attendance_view_set_date (dag_window_get_attendance_view (fresh), date);
  dag_attendance_view_set_location (dag_window_get_attendance_view (fresh), location);
  dag_staff_view_set_week (dag_window_get_staff_view (fresh), date);
  dag_staff_view_set_location (dag_window_get_staff_view (fresh), location);
  dag_transport_view_set_date (dag_window_get_transport_view (fresh), date);
  dag_production_view_set_month (dag_window_get_production_view (fresh), 2026, 11);
  f->window = fresh;
  visit (f, location, s);
  f->window = followed;
  gtk_window_destroy (GTK_WINDOW (fresh));
}

/* What the schedule and a fresh production say of org. */
static void
check_model (const DagOrg *org, const Shown *s, DagDate date, int location)
{
  g_autofree char *sessions = expected_sessions (org, date, location);
  g_autofree char *staff = expected_staff (org, date - dag_date_weekday (date), location);
  g_autofree char *riders = expected_riders (org, date);
  g_autofree char *production = expected_production (org, 2026, 11);

  g_assert_cmpstr (s->attendance, ==, sessions);
  g_assert_cmpstr (s->staff_assigned, ==, staff);
  g_assert_cmpstr (s->riders, ==, riders);
  g_assert_cmpstr (s->production, ==, production);
}

static void
check_same (const Shown *a, const Shown *b)
{
  g_assert_cmpstr (a->attendance, ==, b->attendance);
  g_assert_cmpstr (a->staff, ==, b->staff);
  g_assert_cmpstr (a->staff_assigned, ==, b->staff_assigned);
  g_assert_cmpstr (a->riders, ==, b->riders);
  g_assert_cmpstr (a->production, ==, b->production);
  g_assert_cmpstr (a->occupancy, ==, b->occupancy);
}

/* Plans next week at location automatically and accepts the proposal. */
static void
plan_and_accept (Fixture *f, int location)
{
  DagWeekView *week = dag_window_get_week_view (f->window);
  g_autoptr(GError) error = NULL;

  show (f, "week");
  dag_week_view_set_week (week, NEXT_WEEK);
  dag_week_view_set_location (week, location);
  dag_week_view_plan (week);
  dag_test_wait_until (planner_done, week);
  g_assert_nonnull (dag_week_view_get_proposal (week));
  g_assert_cmpuint (dag_week_view_get_proposal (week)->changes->len, >, 0);
  g_assert_true (dag_week_view_accept_proposal (week, &error));
  g_assert_no_error (error);
}

/* A day of next week whose sessions at location differ between the plans
 * (preferring one where who needs transport differs too), or NONE. */
static DagDate
changed_day (const DagOrg *before, const DagOrg *after, int location)
{
  DagDate found = DAG_DATE_NONE;

  for (DagDate d = NEXT_WEEK; d < NEXT_WEEK + 5; d++)
    {
      g_autofree char *a = expected_sessions (before, d, location);
      g_autofree char *b = expected_sessions (after, d, location);
      g_autofree char *ra = expected_riders (before, d);
      g_autofree char *rb = expected_riders (after, d);

      if (strcmp (a, b) == 0)
        continue;
      if (strcmp (ra, rb) != 0)
        return d;
      if (found == DAG_DATE_NONE)
        found = d;
    }
  return found;
}

/* The past week's Attendance (its Wednesday) and Staff views. */
static void
past_week (Fixture *f, int location, char **attendance, char **staff)
{
  DagAttendanceView *av = dag_window_get_attendance_view (f->window);
  DagStaffView *sv = dag_window_get_staff_view (f->window);

  show (f, "attendance");
  dag_attendance_view_set_location (av, location);
  dag_attendance_view_set_date (av, LAST_WEEK + 2);
  *attendance = attendance_text (av);
  show (f, "staff");
  dag_staff_view_set_location (sv, location);
  dag_staff_view_set_week (sv, LAST_WEEK);
  g_assert_nonnull (dag_staff_view_get_frozen_message (sv));
  *staff = staff_text (sv, dag_window_get_org (f->window), location);
}

/* A plan accepted for next week: the past week's Attendance and Staff
 * views are as they were; next week's four views show the new plan, then
 * the old one after undo, then the new one after redo and after a new
 * acceptance, without the user choosing the day or the week again. */
static void
test_accepted_plan (Fixture *f, gconstpointer data)
{
  g_autoptr(DagOrg) before = load (f);
  g_autoptr(DagOrg) after = NULL;
  g_autofree char *past_attendance = NULL, *past_staff = NULL;
  g_autofree char *now_attendance = NULL, *now_staff = NULL;
  Shown old_shown = { 0 }, new_shown = { 0 }, s = { 0 }, fresh = { 0 };
  DagAttendanceView *attendance;
  DagStaffView *staff;
  DagTransportView *transport;
  DagProductionView *production;
  DagHistory *history;
  DagDate day;
  const int location = 0;

  g_assert_cmpint (dag_schedule_week_frozen (before, LAST_WEEK, dag_date_today ()), !=, DAG_FROZEN_NO);
  g_assert_cmpint (dag_schedule_week_frozen (before, NEXT_WEEK, dag_date_today ()), ==, DAG_FROZEN_NO);

  f->window = dag_test_open_window (application, f->demo.store, 1400, 900);
  history = dag_window_get_history (f->window);
  attendance = dag_window_get_attendance_view (f->window);
  staff = dag_window_get_staff_view (f->window);
  transport = dag_window_get_transport_view (f->window);
  production = dag_window_get_production_view (f->window);
  past_week (f, location, &past_attendance, &past_staff);
  g_assert_cmpstr (past_attendance, !=, "");

  /* Accepted: which day of next week it changed, from the store. */
  plan_and_accept (f, location);
  after = load (f);
  day = changed_day (before, after, location);
  g_assert_cmpint (day, !=, DAG_DATE_NONE);

  /* The views on that day, week and month show the new plan. */
  show (f, "attendance");
  dag_attendance_view_set_date (attendance, day);
  show (f, "staff");
  dag_staff_view_set_week (staff, day);
  dag_staff_view_set_location (staff, location);
  show (f, "transport");
  dag_transport_view_set_date (transport, day);
  show (f, "production");
  dag_production_view_set_month (production, 2026, 11);
  visit (f, location, &new_shown);
  check_model (after, &new_shown, day, location);
  /* No runs are stored for that day yet: the page says who needs them. */
  show (f, "transport");
  dag_test_save_screenshot (GTK_WIDGET (f->window), "follow-transport-no-runs");
  visit_fresh (f, day, location, &fresh);
  check_same (&new_shown, &fresh);
  g_assert_null (new_shown.notice);

  /* Undo, from another view than the Week plan: all four show the old plan
   * when next shown. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo", NULL));
  g_assert_cmpstr (dag_window_get_view (f->window), ==, "week");
  visit (f, location, &old_shown);
  check_model (before, &old_shown, day, location);
  g_assert_cmpstr (old_shown.attendance, !=, new_shown.attendance);
  g_assert_cmpstr (old_shown.occupancy, !=, new_shown.occupancy);
  if (g_strcmp0 (old_shown.staff, new_shown.staff) == 0)
    g_test_message ("the Staff view of next week shows the same before and after");
  if (g_strcmp0 (old_shown.riders, new_shown.riders) == 0)
    g_test_message ("who needs transport on %u is the same before and after", day);

  /* Redo: the new plan again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.redo", NULL));
  visit (f, location, &s);
  check_same (&s, &new_shown);

  /* Runs planned for the old plan, then a plan accepted anew: the views
   * follow the acceptance, and the Transport view says which riders the
   * stored runs miss or take in vain. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo", NULL));
  show (f, "transport");
  dag_transport_view_plan (transport);
  dag_test_wait_until (transport_done, transport);
  g_assert_cmpuint (dag_transport_view_get_n_runs (transport), >, 0);
  g_assert_null (dag_transport_view_get_notice (transport));
  plan_and_accept (f, location);
  visit (f, location, &s);
  {
    g_autoptr(DagOrg) again = load (f);

    /* The planner proposes the same plan for the same week again. */
    check_model (again, &s, day, location);
  }
  g_assert_cmpstr (s.attendance, ==, new_shown.attendance);
  g_assert_cmpstr (s.staff, ==, new_shown.staff);
  g_assert_cmpstr (s.occupancy, ==, new_shown.occupancy);
  if (g_strcmp0 (old_shown.riders, new_shown.riders) != 0)
    {
      g_assert_nonnull (s.notice);
      g_test_message ("Transport says: %s", s.notice);
    }

  /* What the views look like after the acceptance. */
  show (f, "attendance");
  dag_test_save_screenshot (GTK_WIDGET (f->window), "follow-attendance");
  show (f, "staff");
  dag_test_save_screenshot (GTK_WIDGET (f->window), "follow-staff");
  show (f, "transport");
  dag_test_save_screenshot (GTK_WIDGET (f->window), "follow-transport");
  show (f, "production");
  dag_test_save_screenshot (GTK_WIDGET (f->window), "follow-production");

  /* Undo of the acceptance brings all four back, and the runs follow the
   * plan again. */
  g_assert_cmpstr (dag_history_get_undo_label (history), ==, "Accept the automatic plan");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo", NULL));
  visit (f, location, &s);
  check_model (before, &s, day, location);
  g_assert_cmpstr (s.staff, ==, old_shown.staff);
  g_assert_cmpstr (s.occupancy, ==, old_shown.occupancy);
  g_assert_null (s.notice);

  /* The past week, through all of it: as it was. */
  past_week (f, location, &now_attendance, &now_staff);
  g_assert_cmpstr (now_attendance, ==, past_attendance);
  g_assert_cmpstr (now_staff, ==, past_staff);

  shown_clear (&old_shown);
  shown_clear (&new_shown);
  shown_clear (&s);
  shown_clear (&fresh);
}

/* The staff line and the findings of the Week plan's cell of group and
 * slot in next week at location, in window. */
static char *
week_cell (DagWindow *window, int location, int group, int slot)
{
  DagWeekView *week = dag_window_get_week_view (window);

  dag_week_view_set_week (week, NEXT_WEEK);
  dag_week_view_set_location (week, location);
  return g_strdup_printf ("%s\n%s", dag_week_view_get_staff_text (week, group, slot),
                          dag_week_view_get_problems (week, group, slot));
}

/* The same in a window that loaded the store anew. */
static char *
fresh_week_cell (Fixture *f, int location, int group, int slot)
{
  DagWindow *fresh = dag_test_open_window (application, f->demo.store, 1400, 900);
  char *text;

  dag_window_set_view (fresh, "week");
  text = week_cell (fresh, location, group, slot);
  gtk_window_destroy (GTK_WINDOW (fresh));
  return text;
}

/* Staff assigned in the Staff view, and a staff absence entered there (no
 * undo step), show in the Week plan's cell when it is next shown; undo
 * from the Week plan takes the assignment back there too. */
static void
test_staff_to_week (Fixture *f, gconstpointer data)
{
  g_autoptr(DagOrg) org = load (f);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL, *assigned = NULL, *absent = NULL, *undone = NULL;
  g_autofree char *fresh = NULL;
  DagStaffView *staff;
  const int location = 0;
  int group = -1, slot = DAG_SLOT (2, DAG_PART_AM), member = -1;

  for (guint g = 0; g < org->groups->len && group < 0; g++)
    {
      const DagGroup *gr = DAG_AT (org->groups, DagGroup, g);

      if (gr->location == location && (gr->slots & DAG_SLOT_BIT (slot)))
        group = (int) g;
    }
  g_assert_cmpint (group, >=, 0);
  /* Someone free then next week: available, in no group on that dagdeel,
   * with dagdelen left in the contract. */
  for (guint i = 0; i < org->staff->len && member < 0; i++)
    {
      const DagStaff *st = DAG_AT (org->staff, DagStaff, i);
      gboolean busy = FALSE;
      int worked = 0;

      for (guint k = 0; k < org->staffing->len; k++)
        {
          const DagStaffing *e = DAG_AT (org->staffing, DagStaffing, k);

          if (e->staff != (int) i || !DAG_DATED_APPLIES (e->from, e->until, NEXT_WEEK))
            continue;
          busy |= e->slot == slot;
          worked++;
        }
      if (!busy && (st->available & DAG_SLOT_BIT (slot)) &&
          worked < dag_rules_staff_max_slots (&org->settings, st))
        member = (int) i;
    }
  g_assert_cmpint (member, >=, 0);

  f->window = dag_test_open_window (application, f->demo.store, 1400, 900);
  staff = dag_window_get_staff_view (f->window);
  show (f, "week");
  before = week_cell (f->window, location, group, slot);

  show (f, "staff");
  dag_staff_view_set_week (staff, NEXT_WEEK);
  dag_staff_view_set_location (staff, location);
  g_assert_true (dag_staff_view_toggle (staff, member, group, slot, &error));
  g_assert_no_error (error);
  show (f, "week");
  assigned = week_cell (f->window, location, group, slot);
  g_assert_cmpstr (assigned, !=, before);
  fresh = fresh_week_cell (f, location, group, slot);
  g_assert_cmpstr (assigned, ==, fresh);

  show (f, "staff");
  g_assert_true (dag_staff_view_add_absence (staff, member, NEXT_WEEK + DAG_SLOT_DAY (slot),
                                             NEXT_WEEK + DAG_SLOT_DAY (slot), "sick", &error));
  g_assert_no_error (error);
  show (f, "week");
  absent = week_cell (f->window, location, group, slot);
  g_assert_cmpstr (absent, !=, assigned);
  g_clear_pointer (&fresh, g_free);
  fresh = fresh_week_cell (f, location, group, slot);
  g_assert_cmpstr (absent, ==, fresh);

  /* Undone from the Week plan: the Staff view shows it, and so does the
   * Week plan when shown again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo", NULL));
  g_assert_cmpstr (dag_window_get_view (f->window), ==, "staff");
  show (f, "week");
  undone = week_cell (f->window, location, group, slot);
  g_clear_pointer (&fresh, g_free);
  fresh = fresh_week_cell (f, location, group, slot);
  g_assert_cmpstr (undone, ==, fresh);
  g_assert_cmpstr (undone, !=, absent);
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
  g_test_init (&argc, &argv, NULL);
  application = dag_application_new ();
  g_application_register (G_APPLICATION (application), NULL, &error);
  g_assert_no_error (error);
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add ("/gui-follow/accepted-plan", Fixture, NULL, fixture_setup, test_accepted_plan, fixture_teardown);
  g_test_add ("/gui-follow/staff-to-week", Fixture, NULL, fixture_setup, test_staff_to_week, fixture_teardown);
  status = g_test_run ();
  g_clear_object (&application);
  return status;
}
