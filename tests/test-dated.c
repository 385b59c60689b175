/* test-dated.c — the dated plan (issue 10): a change from a week on leaves
 * every date before it as it was, a one-off swap changes its own dates
 * only, undoing a dated change restores the snapshot and the file, and the
 * organisation file keeps dates, one-off changes and staff absences (and
 * refuses bad ones, naming the JSON path). */

#include "config.h"

#include <json-glib/json-glib.h>

#include <glib/gstdio.h>
#include <string.h>

#include "dag-attendance.h"
#include "dag-demo.h"
#include "dag-org-export.h"
#include "dag-org-import.h"
#include "dag-planner.h"
#include "dag-production.h"
#include "dag-schedule.h"
#include "dag-test-db.h"
#include "dag-store.h"
#include "dag-store-plan.h"
#include "dag-store-staffing.h"

/* The demo's attendance month is October 2026; "today" is Wednesday
 * 11 November, so the week of Monday 16 November (no holiday in it) is
 * open for change and the weeks of October are frozen by attendance. */
#define TODAY_TEXT "2026-11-11"
#define TODAY      dag_date_from_ymd (2026, 11, 11)
#define WEEK_N     dag_date_from_ymd (2026, 11, 16)
#define DEMO_MONTH dag_date_from_ymd (2026, 10, 1)

/* The organisation a change from week N is tried on.  Under
 * AddressSanitizer (every allocation unwinds the stack) saving 1,000
 * participants into the store alone takes 8 s, so fewer there. */
#if defined(__SANITIZE_ADDRESS__)
#define DEMO_SIZE 200
#else
#define DEMO_SIZE 1000
#endif

/* ---- helpers ------------------------------------------------------------ */

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d && (name = g_dir_read_name (d)))
    {
      g_autofree char *p = g_build_filename (dir, name, NULL);
      if (g_file_test (p, G_FILE_TEST_IS_DIR))
        remove_tree (p);
      else
        g_unlink (p);
    }
  g_rmdir (dir);
}

static DagOrg *
demo (int participants, guint32 seed)
{
  DagDemoOptions o;

  dag_demo_options_init (&o);
  o.participants = participants;
  o.seed = seed;
  o.month = DEMO_MONTH;
  return dag_demo_generate (&o);
}

static DagOrg *
load (DagStore *store)
{
  g_autoptr(GError) error = NULL;
  DagOrg *org = dag_store_load (store, &error);

  g_assert_no_error (error);
  g_assert_nonnull (org);
  return org;
}

static const char *
date_text (DagDate date, char *buf)
{
  return date == DAG_DATE_NONE ? "-" : dag_date_format (date, buf);
}

static const char *
state_name (DagSessionState state)
{
  static const char *const names[] = { "on", "holiday", "closed", "absent", "no-indication", "cancelled" };

  g_assert_cmpint (state, >=, 0);
  g_assert_cmpint (state, <, (int) G_N_ELEMENTS (names));
  return names[state];
}

static const char *
participant_id (const DagOrg *org, int i)
{
  return i < 0 ? "-" : DAG_AT (org->participants, DagParticipant, i)->id;
}

static const char *
group_id (const DagOrg *org, int i)
{
  return i < 0 ? "-" : DAG_AT (org->groups, DagGroup, i)->id;
}

static const char *
staff_id (const DagOrg *org, int i)
{
  return i < 0 ? "-" : DAG_AT (org->staff, DagStaff, i)->id;
}

static const char *
indication_id (const DagOrg *org, int i)
{
  return i < 0 ? "-" : DAG_AT (org->indications, DagIndication, i)->id;
}

/* Fails, when the two texts differ, on their first differing line, named
 * with what (a date, a section) so the message says where. */
static void
assert_same_text (const char *what,
                  const char *expected,
                  const char *actual)
{
  const char *a = expected, *b = actual;
  g_autofree char *line_a = NULL;
  g_autofree char *line_b = NULL;

  if (strcmp (expected, actual) == 0)
    return;
  while (*a && *a == *b)
    a++, b++;
  while (a > expected && a[-1] != '\n')
    a--, b--;
  line_a = g_strdup_printf ("%s: %.*s", what, (int) strcspn (a, "\n"), a);
  line_b = g_strdup_printf ("%s: %.*s", what, (int) strcspn (b, "\n"), b);
  g_assert_cmpstr (line_b, ==, line_a);
  g_assert_not_reached ();
}

/* ---- what the program shows for a date, as text ------------------------ */

/* For each date of from..to: the sessions, the staff sessions and the
 * attendance list of that date; then the production of whole months. */
typedef struct {
  DagDate    from, to;
  GPtrArray *dates;              /* of char *, one per date */
} Snapshot;

static void
snapshot_free (Snapshot *s)
{
  g_ptr_array_unref (s->dates);
  g_free (s);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Snapshot, snapshot_free)

typedef struct {
  const DagOrg *org;
  DagDate       from;
  GString     **text;
} SnapData;

static gboolean
snap_session (const DagSession *s, gpointer user_data)
{
  SnapData *d = user_data;

  g_string_append_printf (d->text[s->date - d->from], "session %s %s %s %s %s %s\n",
                          participant_id (d->org, s->participant), group_id (d->org, s->group),
                          dag_slot_name (s->slot), state_name (s->state),
                          indication_id (d->org, s->indication),
                          s->plan_entry >= 0 ? "plan" : "one-off");
  return TRUE;
}

static gboolean
snap_staff (const DagStaffSession *s, gpointer user_data)
{
  SnapData *d = user_data;

  g_string_append_printf (d->text[s->date - d->from], "staff %s %s %s %s %s\n",
                          staff_id (d->org, s->staff), group_id (d->org, s->group),
                          dag_slot_name (s->slot), state_name (s->state),
                          s->staffing >= 0 ? "staffing" : "one-off");
  return TRUE;
}

static Snapshot *
snapshot_take (const DagOrg *org,
               DagDate       from,
               DagDate       to)
{
  Snapshot *snap = g_new0 (Snapshot, 1);
  g_autoptr(DagSchedule) schedule = dag_schedule_new (org);
  g_autoptr(DagAttendanceIndex) index = dag_attendance_index_new (org);
  guint n = to - from + 1;
  g_autofree GString **text = g_new0 (GString *, n);
  SnapData d = { org, from, text };

  snap->from = from;
  snap->to = to;
  snap->dates = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < n; i++)
    text[i] = g_string_new (NULL);
  dag_schedule_foreach (schedule, from, to, snap_session, &d);
  dag_schedule_foreach_staff (schedule, from, to, snap_staff, &d);
  /* The attendance list as the Attendance view asks for it: one date, all
   * locations. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GArray) rows = dag_attendance_list (org, schedule, index, from + i, from + i, -1);

      for (guint r = 0; r < rows->len; r++)
        {
          const DagAttendanceRow *row = DAG_AT (rows, DagAttendanceRow, r);
          const DagAttendance *a = row->attendance >= 0
            ? DAG_AT (org->attendance, DagAttendance, row->attendance) : NULL;

          g_string_append_printf (text[i], "attendance %s %s %s %s %s %s %d\n",
                                  participant_id (org, row->session.participant),
                                  group_id (org, row->session.group),
                                  row->session.slot >= 0 ? dag_slot_name (row->session.slot) : "-",
                                  state_name (row->session.state),
                                  indication_id (org, row->session.indication),
                                  a ? dag_attend_status_name (a->status) : "unregistered",
                                  a ? a->minutes : -1);
        }
      g_ptr_array_add (snap->dates, g_string_free (text[i], FALSE));
    }
  return snap;
}

/* The production of year-month as text; with before set only the problems
 * dated before it (the lines and the staffing mix count the whole month). */
static char *
production_text (const DagOrg *org,
                 int           year,
                 int           month,
                 DagDate       before)
{
  g_autoptr(DagProduction) p = dag_production_compute (org, year, month, TODAY);
  GString *s = g_string_new (NULL);
  char b1[DAG_DATE_BUF], b2[DAG_DATE_BUF];

  if (before == DAG_DATE_NONE)
    {
      for (guint i = 0; i < p->lines->len; i++)
        {
          const DagProductionLine *l = DAG_AT (p->lines, DagProductionLine, i);
          const DagContract *c = DAG_AT (org->contracts, DagContract, l->contract);

          g_string_append_printf (s, "line %s %s %s %s..%s %d %" G_GINT64_FORMAT "\n",
                                  indication_id (org, l->indication), participant_id (org, l->participant),
                                  DAG_AT (c->products, DagProduct, l->product)->code,
                                  date_text (l->period_start, b1), date_text (l->period_end, b2),
                                  l->units, l->amount_cents);
        }
      for (guint i = 0; i < p->mix->len; i++)
        {
          const DagProductionMix *m = DAG_AT (p->mix, DagProductionMix, i);

          g_string_append_printf (s, "mix %s %" G_GINT64_FORMAT " %" G_GINT64_FORMAT "\n",
                                  group_id (org, m->group), m->hbo_minutes, m->mbo_minutes);
        }
    }
  for (guint i = 0; i < p->problems->len; i++)
    {
      const DagProductionProblem *q = DAG_AT (p->problems, DagProductionProblem, i);

      if (before != DAG_DATE_NONE && (q->date == DAG_DATE_NONE || q->date >= before))
        continue;
      g_string_append_printf (s, "problem %s %s %s %s %d %d %d\n",
                              dag_production_problem_kind_name (q->kind),
                              participant_id (org, q->participant), indication_id (org, q->indication),
                              date_text (q->date, b1), q->part, q->units, q->transport);
    }
  return g_string_free (s, FALSE);
}

/* Every date of a and b before `before` is the same; returns how many
 * dates from `before` on differ. */
static guint
compare_snapshots (const Snapshot *a,
                   const Snapshot *b,
                   DagDate         before)
{
  guint differ = 0;

  g_assert_cmpuint (a->from, ==, b->from);
  g_assert_cmpuint (a->to, ==, b->to);
  for (guint i = 0; i < a->dates->len; i++)
    {
      DagDate date = a->from + i;
      char buf[DAG_DATE_BUF];

      if (date < before)
        assert_same_text (dag_date_format (date, buf), g_ptr_array_index (a->dates, i),
                          g_ptr_array_index (b->dates, i));
      else if (strcmp (g_ptr_array_index (a->dates, i), g_ptr_array_index (b->dates, i)) != 0)
        differ++;
    }
  return differ;
}

static int
compare_lines (gconstpointer a, gconstpointer b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

/* The entries (plan or staffing: one layout) as sorted text lines. */
static char *
entries_text (const DagOrg *org,
              GArray       *entries,
              gboolean      staffing)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < entries->len; i++)
    {
      const DagPlanEntry *e = DAG_AT (entries, DagPlanEntry, i);
      char b1[DAG_DATE_BUF], b2[DAG_DATE_BUF];

      g_ptr_array_add (lines, g_strdup_printf ("%s %s %s %s %s",
                                               staffing ? staff_id (org, e->participant)
                                                        : participant_id (org, e->participant),
                                               group_id (org, e->group), dag_slot_name (e->slot),
                                               date_text (e->from, b1), date_text (e->until, b2)));
    }
  g_ptr_array_sort (lines, compare_lines);
  for (guint i = 0; i < lines->len; i++)
    {
      g_string_append (s, g_ptr_array_index (lines, i));
      g_string_append_c (s, '\n');
    }
  return g_string_free (s, FALSE);
}

/* A participant planned in group on slot in the week of monday, and
 * another slot of that group, on which they have nothing that week.  With
 * other_day, the other slot lies on another day. */
static gboolean
find_move (const DagOrg *org,
           DagDate       monday,
           gboolean      other_day,
           guint         skip,
           int          *participant,
           int          *group,
           int          *slot,
           int          *to_slot)
{
  g_autoptr(DagOrg) week = dag_org_for_week (org, monday);
  g_autofree DagSlotMask *busy = g_new0 (DagSlotMask, org->participants->len + 1);

  for (guint i = 0; i < week->plan->len; i++)
    {
      const DagPlanEntry *e = DAG_AT (week->plan, DagPlanEntry, i);
      busy[e->participant] |= DAG_SLOT_BIT (e->slot);
    }
  for (guint i = 0; i < week->plan->len; i++)
    {
      const DagPlanEntry *e = DAG_AT (week->plan, DagPlanEntry, i);
      const DagGroup *g = DAG_AT (org->groups, DagGroup, e->group);

      for (int s = 0; s < DAG_N_SLOTS; s++)
        {
          if (!(g->slots & DAG_SLOT_BIT (s)) || (busy[e->participant] & DAG_SLOT_BIT (s)) ||
              (other_day && DAG_SLOT_DAY (s) == DAG_SLOT_DAY (e->slot)))
            continue;
          if (skip-- > 0)
            break;
          *participant = e->participant;
          *group = e->group;
          *slot = e->slot;
          *to_slot = s;
          return TRUE;
        }
    }
  return FALSE;
}

/* ---- a change from week N leaves the dates before N alone --------------- */

static void
test_before_unchanged (void)
{
  g_autofree char *dir = g_dir_make_tmp ("dagritme-dated-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "test.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DagStore) store = dag_store_open (dag_test_db (path), &error);
  g_autoptr(DagOrg) generated = demo (DEMO_SIZE, 11);
  g_autoptr(DagOrg) org = NULL;
  g_autoptr(DagOrg) reloaded = NULL;
  g_autoptr(Snapshot) before = NULL;
  g_autoptr(Snapshot) after = NULL;
  g_autoptr(Snapshot) after_reloaded = NULL;
  g_autoptr(DagPlanResult) result = NULL;
  g_autofree char *prod_oct = NULL;
  g_autofree char *prod_nov = NULL;
  g_autofree char *old_plan = NULL;
  g_autofree char *old_staffing = NULL;
  g_autoptr(GArray) staff_week = NULL;
  DagDate from = DEMO_MONTH, to = dag_date_from_ymd (2026, 11, 30);
  DagPlannerOptions options;
  int p, g, s, s2, staff;
  guint differ;

  g_assert_no_error (error);
  g_assert_cmpuint (dag_date_today (), ==, TODAY);
  g_assert_cmpint (dag_date_weekday (WEEK_N), ==, 0);
  g_assert_true (dag_store_save (store, generated, DAG_SECTION_ALL, "demo", &error));
  g_assert_no_error (error);
  org = load (store);
  /* The demo's plan is undated, so a change really splits entries. */
  for (guint i = 0; i < org->plan->len; i++)
    g_assert_cmpuint (DAG_AT (org->plan, DagPlanEntry, i)->from, ==, DAG_DATE_NONE);

  before = snapshot_take (org, from, to);
  prod_oct = production_text (org, 2026, 10, DAG_DATE_NONE);
  prod_nov = production_text (org, 2026, 11, WEEK_N);
  g_assert_cmpstr (prod_oct, !=, "");
  g_assert_cmpuint (dag_schedule_week_frozen (org, WEEK_N, TODAY), ==, DAG_FROZEN_NO);

  /* 1. The planner, for week N, with another seed and from scratch. */
  dag_planner_options_init (&options);
  options.week = WEEK_N;
  options.seed = 5;
  options.construct_only = TRUE;
  options.keep_existing = FALSE;
  result = dag_planner_run (org, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  g_assert_cmpuint (result->week, ==, WEEK_N);
  g_assert_cmpuint (result->changes->len, >, 0);

  /* Saving it for a week of October is refused (attendance), and changes
   * nothing in memory. */
  {
    DagPlanResult past = *result;

    old_plan = entries_text (org, org->plan, FALSE);
    old_staffing = entries_text (org, org->staffing, TRUE);
    past.week = dag_date_from_ymd (2026, 10, 12);
    g_assert_false (dag_plan_result_save (&past, store, org, &error));
    g_assert_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_FROZEN);
    g_assert_nonnull (strstr (error->message, "2026-10-12"));
    g_clear_error (&error);
    {
      g_autofree char *plan_now = entries_text (org, org->plan, FALSE);
      g_autofree char *staffing_now = entries_text (org, org->staffing, TRUE);
      g_assert_cmpstr (plan_now, ==, old_plan);
      g_assert_cmpstr (staffing_now, ==, old_staffing);
    }
  }

  g_assert_true (dag_plan_result_save (result, store, org, &error));
  g_assert_no_error (error);
  {
    /* Week N is the planner's plan; week N-1 is the old one. */
    g_autoptr(DagOrg) week = dag_org_for_week (org, WEEK_N);
    g_autoptr(DagOrg) week_before = dag_org_for_week (org, WEEK_N - 7);
    g_autoptr(DagOrg) old = load (store);
    g_autoptr(GArray) result_plan = g_array_copy (result->plan);
    g_autofree char *planned = NULL;
    g_autofree char *in_week = NULL;
    g_autofree char *was = entries_text (generated, generated->plan, FALSE);
    g_autofree char *week_before_text = NULL;

    /* Dates differ (the week plan keeps its entries' dates): compare
     * who, group and slot. */
    for (guint i = 0; i < week->plan->len; i++)
      DAG_AT (week->plan, DagPlanEntry, i)->from = DAG_AT (week->plan, DagPlanEntry, i)->until = DAG_DATE_NONE;
    for (guint i = 0; i < week_before->plan->len; i++)
      DAG_AT (week_before->plan, DagPlanEntry, i)->from = DAG_AT (week_before->plan, DagPlanEntry, i)->until = DAG_DATE_NONE;
    for (guint i = 0; i < result_plan->len; i++)
      DAG_AT (result_plan, DagPlanEntry, i)->from = DAG_AT (result_plan, DagPlanEntry, i)->until = DAG_DATE_NONE;
    planned = entries_text (org, result_plan, FALSE);
    in_week = entries_text (org, week->plan, FALSE);
    week_before_text = entries_text (org, week_before->plan, FALSE);
    assert_same_text ("week N plan", planned, in_week);
    assert_same_text ("week N-1 plan", was, week_before_text);
  }

  /* 2. A move by hand from week N on. */
  g_assert_true (find_move (org, WEEK_N, FALSE, 0, &p, &g, &s, &s2));
  g_assert_true (dag_store_move_in_week (store, org, p, g, s, g, s2, WEEK_N, DAG_SCOPE_FROM_WEEK, TODAY,
                                         "move", NULL, &error));
  g_assert_no_error (error);

  /* 3. A staff member leaves one of their group slots from week N on. */
  {
    g_autoptr(DagOrg) week = dag_org_for_week (org, WEEK_N);

    g_assert_cmpuint (week->staffing->len, >, 0);
    staff = DAG_AT (week->staffing, DagStaffing, 0)->staff;
    staff_week = g_array_new (FALSE, FALSE, sizeof (DagStaffing));
    for (guint i = 1; i < week->staffing->len; i++)
      if (DAG_AT (week->staffing, DagStaffing, i)->staff == staff)
        g_array_append_val (staff_week, *DAG_AT (week->staffing, DagStaffing, i));
  }
  g_assert_true (dag_dated_replace (org->staffing, WEEK_N, DAG_SCOPE_FROM_WEEK, staff, staff_week));
  g_assert_true (dag_store_save (store, org, DAG_SECTION_STAFFING, "staffing", &error));
  g_assert_no_error (error);

  /* Every date before N shows exactly what it showed; some date after it
   * does not.  The same for the organisation as saved and loaded again. */
  after = snapshot_take (org, from, to);
  differ = compare_snapshots (before, after, WEEK_N);
  g_test_message ("%u plan changes by the planner; %u of the %u dates from week N on differ",
                  result->changes->len, differ, (guint) (to - WEEK_N + 1));
  g_assert_cmpuint (differ, >, 0);
  {
    g_autofree char *oct = production_text (org, 2026, 10, DAG_DATE_NONE);
    g_autofree char *nov = production_text (org, 2026, 11, WEEK_N);
    assert_same_text ("production 2026-10", prod_oct, oct);
    assert_same_text ("production 2026-11 before N", prod_nov, nov);
  }

  reloaded = load (store);
  after_reloaded = snapshot_take (reloaded, from, to);
  g_assert_cmpuint (compare_snapshots (before, after_reloaded, WEEK_N), ==, differ);
  /* What was saved is what the window holds, on every date. */
  g_assert_cmpuint (compare_snapshots (after, after_reloaded, to + 1), ==, 0);
  {
    g_autofree char *oct = production_text (reloaded, 2026, 10, DAG_DATE_NONE);
    assert_same_text ("production 2026-10 (reloaded)", prod_oct, oct);
  }

  g_clear_object (&store);
  remove_tree (dir);
}

/* ---- a one-off swap shows on its dates only ----------------------------- */

typedef struct {
  int        participant;
  int        slot;
  DagSession found;
  guint      n;
} FindSession;

static gboolean
find_session (const DagSession *s, gpointer user_data)
{
  FindSession *d = user_data;

  if (s->participant == d->participant && s->slot == d->slot)
    {
      d->found = *s;
      d->n++;
    }
  return TRUE;
}

static void
test_one_off_swap (void)
{
  g_autofree char *dir = g_dir_make_tmp ("dagritme-dated-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "test.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DagStore) store = dag_store_open (dag_test_db (path), &error);
  g_autoptr(DagOrg) org = demo (100, 3);
  g_autoptr(DagOrg) reloaded = NULL;
  g_autoptr(Snapshot) before = NULL;
  g_autoptr(Snapshot) after = NULL;
  g_autoptr(Snapshot) after_reloaded = NULL;
  DagDate from = dag_date_from_ymd (2026, 11, 1), to = dag_date_from_ymd (2026, 12, 31);
  DagDate cancel_date = DAG_DATE_NONE, add_date = DAG_DATE_NONE;
  int p = -1, g = -1, s = -1, s2 = -1;
  guint cancel_index, add_index;

  g_assert_no_error (error);
  g_assert_true (dag_store_save (store, org, DAG_SECTION_ALL, "demo", &error));
  g_assert_no_error (error);

  /* A participant whose session on s takes place in week N and who could
   * attend the same group on s2, another day of that week. */
  {
    g_autoptr(DagSchedule) schedule = dag_schedule_new (org);
    gboolean ok = FALSE;

    for (guint skip = 0; !ok && find_move (org, WEEK_N, TRUE, skip, &p, &g, &s, &s2); skip++)
      {
        DagSession session;

        cancel_date = WEEK_N + DAG_SLOT_DAY (s);
        add_date = WEEK_N + DAG_SLOT_DAY (s2);
        ok = dag_schedule_session_at (schedule, p, s, cancel_date, &session) &&
             session.state == DAG_SESSION_ON &&
             dag_schedule_indication_for (schedule, p, g, add_date) >= 0 &&
             !dag_schedule_is_absent (schedule, p, add_date) &&
             !dag_schedule_is_holiday (schedule, add_date, NULL);
      }
    g_assert_true (ok);
  }
  before = snapshot_take (org, from, to);

  {
    DagOneOff cancel = { DAG_ONE_OFF_CANCEL, p, -1, cancel_date, DAG_SLOT_PART (s), g, g_strdup ("ruil") };
    DagOneOff add = { DAG_ONE_OFF_ADD, p, -1, add_date, DAG_SLOT_PART (s2), g, g_strdup ("ruil") };

    cancel_index = org->one_offs->len;
    g_array_append_val (org->one_offs, cancel);
    add_index = org->one_offs->len;
    g_array_append_val (org->one_offs, add);
  }
  g_assert_true (dag_store_save (store, org, DAG_SECTION_ONE_OFFS, "change", &error));
  g_assert_no_error (error);

  after = snapshot_take (org, from, to);
  for (guint i = 0; i < before->dates->len; i++)
    {
      DagDate date = from + i;
      char buf[DAG_DATE_BUF];

      if (date == cancel_date || date == add_date)
        g_assert_cmpstr (g_ptr_array_index (before->dates, i), !=, g_ptr_array_index (after->dates, i));
      else
        assert_same_text (dag_date_format (date, buf), g_ptr_array_index (before->dates, i),
                          g_ptr_array_index (after->dates, i));
    }

  /* The cancelled session is reported as cancelled by that change; the
   * added one takes place, outside the plan. */
  {
    g_autoptr(DagSchedule) schedule = dag_schedule_new (org);
    g_autoptr(DagAttendanceIndex) index = dag_attendance_index_new (org);
    FindSession d = { p, s, { 0 }, 0 };
    DagSession session;
    g_autoptr(GArray) rows = NULL;
    gboolean listed = FALSE;

    dag_schedule_foreach (schedule, cancel_date, cancel_date, find_session, &d);
    g_assert_cmpuint (d.n, ==, 1);
    g_assert_cmpint (d.found.state, ==, DAG_SESSION_CANCELLED);
    g_assert_cmpint (d.found.one_off, ==, (int) cancel_index);
    g_assert_cmpint (d.found.plan_entry, >=, 0);
    g_assert_true (dag_schedule_session_at (schedule, p, s, cancel_date, &session));
    g_assert_cmpint (session.state, ==, DAG_SESSION_CANCELLED);

    d = (FindSession) { p, s2, { 0 }, 0 };
    dag_schedule_foreach (schedule, add_date, add_date, find_session, &d);
    g_assert_cmpuint (d.n, ==, 1);
    g_assert_cmpint (d.found.state, ==, DAG_SESSION_ON);
    g_assert_cmpint (d.found.plan_entry, ==, -1);
    g_assert_cmpint (d.found.one_off, ==, (int) add_index);
    g_assert_cmpint (d.found.group, ==, g);
    g_assert_cmpint (d.found.indication, >=, 0);
    g_assert_true (dag_schedule_session_at (schedule, p, s2, add_date, &session));
    g_assert_cmpint (session.plan_entry, ==, -1);
    g_assert_cmpint (session.state, ==, DAG_SESSION_ON);

    /* The week after: as planned. */
    d = (FindSession) { p, s, { 0 }, 0 };
    dag_schedule_foreach (schedule, cancel_date + 7, cancel_date + 7, find_session, &d);
    g_assert_cmpuint (d.n, ==, 1);
    g_assert_cmpint (d.found.state, ==, DAG_SESSION_ON);
    d = (FindSession) { p, s2, { 0 }, 0 };
    dag_schedule_foreach (schedule, add_date + 7, add_date + 7, find_session, &d);
    g_assert_cmpuint (d.n, ==, 0);

    /* The attendance list of the added date expects them, that of the
     * cancelled date does not. */
    rows = dag_attendance_list (org, schedule, index, add_date, add_date, -1);
    for (guint r = 0; r < rows->len; r++)
      listed |= DAG_AT (rows, DagAttendanceRow, r)->session.participant == p &&
                DAG_AT (rows, DagAttendanceRow, r)->session.slot == s2;
    g_assert_true (listed);
    g_clear_pointer (&rows, g_array_unref);
    rows = dag_attendance_list (org, schedule, index, cancel_date, cancel_date, -1);
    for (guint r = 0; r < rows->len; r++)
      g_assert_false (DAG_AT (rows, DagAttendanceRow, r)->session.participant == p &&
                      DAG_AT (rows, DagAttendanceRow, r)->session.slot == s);
  }

  /* The file holds the same two changes. */
  reloaded = load (store);
  g_assert_cmpuint (reloaded->one_offs->len, ==, org->one_offs->len);
  after_reloaded = snapshot_take (reloaded, from, to);
  g_assert_cmpuint (compare_snapshots (after, after_reloaded, to + 1), ==, 0);

  g_clear_object (&store);
  remove_tree (dir);
}

/* ---- undo restores the snapshot and the file ---------------------------- */

static void
assert_plan_is (DagStore *store, DagOrg *org, const char *expected_plan, const char *expected_staffing)
{
  g_autoptr(DagOrg) back = load (store);
  g_autofree char *plan = entries_text (org, org->plan, FALSE);
  g_autofree char *staffing = entries_text (org, org->staffing, TRUE);
  g_autofree char *stored_plan = entries_text (back, back->plan, FALSE);
  g_autofree char *stored_staffing = entries_text (back, back->staffing, TRUE);

  assert_same_text ("plan in memory", expected_plan, plan);
  assert_same_text ("staffing in memory", expected_staffing, staffing);
  assert_same_text ("plan in the file", expected_plan, stored_plan);
  assert_same_text ("staffing in the file", expected_staffing, stored_staffing);
}

static void
test_undo (void)
{
  g_autofree char *dir = g_dir_make_tmp ("dagritme-dated-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "test.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DagStore) store = dag_store_open (dag_test_db (path), &error);
  g_autoptr(DagOrg) generated = demo (60, 9);
  g_autoptr(DagOrg) org = NULL;
  g_autofree char *plan = NULL;
  g_autofree char *staffing = NULL;
  DagDate later = WEEK_N + 14;
  int p, g, s, s2;
  static const DagPlanScope scopes[] = { DAG_SCOPE_ONLY_WEEK, DAG_SCOPE_FROM_WEEK };

  g_assert_no_error (error);
  g_assert_true (dag_store_save (store, generated, DAG_SECTION_ALL, "demo", &error));
  g_assert_no_error (error);
  org = load (store);

  /* Already dated before the change that is undone: p moves from s to s2
   * two weeks after N. */
  g_assert_true (find_move (org, WEEK_N, FALSE, 0, &p, &g, &s, &s2));
  g_assert_true (dag_store_move_in_week (store, org, p, g, s, g, s2, later, DAG_SCOPE_FROM_WEEK, TODAY,
                                         "move", NULL, &error));
  g_assert_no_error (error);
  plan = entries_text (org, org->plan, FALSE);
  staffing = entries_text (org, org->staffing, TRUE);
  assert_plan_is (store, org, plan, staffing);

  for (guint k = 0; k < G_N_ELEMENTS (scopes); k++)
    {
      g_autoptr(GArray) before = NULL;
      g_autofree char *changed = NULL;

      g_test_message ("scope %s", scopes[k] == DAG_SCOPE_ONLY_WEEK ? "only week" : "from week");
      g_assert_true (dag_store_move_in_week (store, org, p, g, s, g, s2, WEEK_N, scopes[k], TODAY,
                                             "move", &before, &error));
      g_assert_no_error (error);
      changed = entries_text (org, org->plan, FALSE);
      g_assert_cmpstr (changed, !=, plan);
      {
        g_autoptr(DagOrg) week = dag_org_for_week (org, WEEK_N);
        g_autoptr(DagOrg) next = dag_org_for_week (org, WEEK_N + 7);
        gboolean in_week = FALSE, in_next = FALSE;

        for (guint i = 0; i < week->plan->len; i++)
          in_week |= DAG_AT (week->plan, DagPlanEntry, i)->participant == p &&
                     DAG_AT (week->plan, DagPlanEntry, i)->slot == s2;
        for (guint i = 0; i < next->plan->len; i++)
          in_next |= DAG_AT (next->plan, DagPlanEntry, i)->participant == p &&
                     DAG_AT (next->plan, DagPlanEntry, i)->slot == s2;
        g_assert_true (in_week);
        g_assert_true (in_next == (scopes[k] == DAG_SCOPE_FROM_WEEK));
      }

      /* Undo: the participant's entries as they were. */
      g_assert_true (dag_store_set_participant_plan (store, org, p, before, "undo", &error));
      g_assert_no_error (error);
      assert_plan_is (store, org, plan, staffing);
    }

  /* The same for the staffing, taken off from week N on. */
  {
    const DagStaffing *e = DAG_AT (org->staffing, DagStaffing, 0);
    int staff = e->staff, group = e->group, slot = e->slot;
    g_autoptr(GArray) before = NULL;
    g_autoptr(GArray) after = NULL;
    g_autofree char *changed = NULL;

    g_assert_true (dag_store_staff_in_week (store, org, staff, group, slot, FALSE, WEEK_N, TODAY,
                                            &before, &after, &error));
    g_assert_no_error (error);
    changed = entries_text (org, org->staffing, TRUE);
    g_assert_cmpstr (changed, !=, staffing);
    g_assert_true (dag_store_set_staff_staffing (store, org, staff, before, "undo", &error));
    g_assert_no_error (error);
    assert_plan_is (store, org, plan, staffing);
  }

  g_clear_object (&store);
  remove_tree (dir);
}

/* ---- the organisation file ---------------------------------------------- */

static char *
read_data (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

/* text with the one occurrence of old replaced by new. */
static char *
replace_once (const char *text,
              const char *old,
              const char *new)
{
  const char *at = strstr (text, old);
  GString *s;

  if (at == NULL || strstr (at + 1, old) != NULL)
    g_error ("“%s” must occur exactly once in the test file", old);
  s = g_string_new_len (text, at - text);
  g_string_append (s, new);
  g_string_append (s, at + strlen (old));
  return g_string_free (s, FALSE);
}

static DagOrg *
import_ok (const char *text)
{
  g_autoptr(GError) error = NULL;
  DagOrg *org = dag_org_import_json (text, strlen (text), &error);

  g_assert_no_error (error);
  g_assert_nonnull (org);
  return org;
}

/* The undated plan and staffing of tests/data/organisation.json. */
#define UNDATED_WEEK \
  "  \"plan\": [\n" \
  "    { \"participant\": \"P1\", \"group\": \"G1\", \"slot\": \"mon-am\" },\n" \
  "    { \"participant\": \"P1\", \"group\": \"G1\", \"slot\": \"mon-pm\" },\n" \
  "    { \"participant\": \"P3\", \"group\": \"G1\", \"slot\": \"mon-am\" },\n" \
  "    { \"participant\": \"P2\", \"group\": \"G2\", \"slot\": \"wed-ev\" }\n" \
  "  ],\n" \
  "  \"staffing\": [\n" \
  "    { \"staff\": \"S1\", \"group\": \"G1\", \"slot\": \"mon-am\" },\n" \
  "    { \"staff\": \"S2\", \"group\": \"G2\", \"slot\": \"wed-ev\" }\n" \
  "  ],\n"

/* The same organisation with a dated plan and staffing, staff absences and
 * one-off changes.  2026-11-16 is a Monday. */
#define DATED_WEEK \
  "  \"plan\": [\n" \
  "    { \"participant\": \"P1\", \"group\": \"G1\", \"slot\": \"mon-am\", \"until\": \"2026-11-15\" },\n" \
  "    { \"participant\": \"P1\", \"group\": \"G1\", \"slot\": \"tue-am\", \"from\": \"2026-11-16\" },\n" \
  "    { \"participant\": \"P1\", \"group\": \"G1\", \"slot\": \"mon-pm\" },\n" \
  "    { \"participant\": \"P3\", \"group\": \"G1\", \"slot\": \"mon-am\", \"from\": \"2026-11-02\", \"until\": \"2026-11-29\" },\n" \
  "    { \"participant\": \"P3\", \"group\": \"G1\", \"slot\": \"mon-am\", \"from\": \"2026-12-07\" },\n" \
  "    { \"participant\": \"P2\", \"group\": \"G2\", \"slot\": \"wed-ev\" }\n" \
  "  ],\n" \
  "  \"changes\": [\n" \
  "    { \"participant\": \"P1\", \"date\": \"2026-11-23\", \"slot\": \"pm\", \"change\": \"cancel\", \"reason\": \"tandarts\" },\n" \
  "    { \"participant\": \"P1\", \"date\": \"2026-11-24\", \"slot\": \"pm\", \"change\": \"add\", \"group\": \"G1\", \"reason\": \"ruil\" },\n" \
  "    { \"participant\": \"P3\", \"date\": \"2026-11-23\", \"slot\": \"am\", \"change\": \"cancel\", \"group\": \"G1\" },\n" \
  "    { \"staff\": \"S2\", \"date\": \"2026-11-25\", \"slot\": \"ev\", \"change\": \"cancel\", \"group\": \"G2\" },\n" \
  "    { \"staff\": \"S3\", \"date\": \"2026-11-25\", \"slot\": \"ev\", \"change\": \"add\", \"group\": \"G2\", \"reason\": \"invaller\" }\n" \
  "  ],\n" \
  "  \"staffing\": [\n" \
  "    { \"staff\": \"S1\", \"group\": \"G1\", \"slot\": \"mon-am\", \"until\": \"2026-11-15\" },\n" \
  "    { \"staff\": \"S1\", \"group\": \"G1\", \"slot\": \"tue-am\", \"from\": \"2026-11-16\" },\n" \
  "    { \"staff\": \"S2\", \"group\": \"G2\", \"slot\": \"wed-ev\", \"from\": \"2026-01-05\", \"until\": \"2026-12-27\" }\n" \
  "  ],\n" \
  "  \"staff_absences\": [\n" \
  "    { \"staff\": \"S1\", \"from\": \"2026-11-23\", \"to\": \"2026-11-27\", \"reason\": \"ziek\" },\n" \
  "    { \"staff\": \"S2\", \"from\": \"2026-12-02\", \"to\": \"2026-12-02\" }\n" \
  "  ],\n"

static char *
dated_text (void)
{
  g_autofree char *valid = read_data ("organisation.json");

  return replace_once (valid, UNDATED_WEEK, DATED_WEEK);
}

/* The plan and staffing objects of an exported file. */
static void
assert_no_dates_in_export (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root;
  static const char *const sections[] = { "plan", "staffing" };

  g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  for (guint k = 0; k < G_N_ELEMENTS (sections); k++)
    {
      JsonArray *array = json_object_get_array_member (root, sections[k]);

      g_assert_cmpuint (json_array_get_length (array), >, 0);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonObject *o = json_array_get_object_element (array, i);
          g_assert_false (json_object_has_member (o, "from"));
          g_assert_false (json_object_has_member (o, "until"));
        }
    }
  /* Sections left out when empty, so an old file exports as it was. */
  g_assert_false (json_object_has_member (root, "changes"));
  g_assert_false (json_object_has_member (root, "staff_absences"));
}

typedef struct {
  guint *seen;
  guint  one_offs;
} CountData;

static gboolean
count_session (const DagSession *s, gpointer user_data)
{
  CountData *d = user_data;

  if (s->plan_entry >= 0)
    d->seen[s->plan_entry]++;
  else
    d->one_offs++;
  return TRUE;
}

static gboolean
count_staff_session (const DagStaffSession *s, gpointer user_data)
{
  CountData *d = user_data;

  if (s->staffing >= 0)
    d->seen[s->staffing]++;
  else
    d->one_offs++;
  return TRUE;
}

static void
test_import_undated (void)
{
  g_autofree char *valid = read_data ("organisation.json");
  g_autoptr(DagOrg) org = import_ok (valid);
  g_autofree char *exported = NULL;
  g_autoptr(DagSchedule) schedule = dag_schedule_new (org);
  const DagDate weeks[] = { dag_date_from_ymd (2026, 1, 5), dag_date_from_ymd (2026, 11, 2),
                            WEEK_N, dag_date_from_ymd (2027, 6, 7) };

  g_assert_cmpuint (org->plan->len, ==, 4);
  g_assert_cmpuint (org->staffing->len, ==, 2);
  for (guint i = 0; i < org->plan->len; i++)
    {
      g_assert_cmpuint (DAG_AT (org->plan, DagPlanEntry, i)->from, ==, DAG_DATE_NONE);
      g_assert_cmpuint (DAG_AT (org->plan, DagPlanEntry, i)->until, ==, DAG_DATE_NONE);
    }
  for (guint i = 0; i < org->staffing->len; i++)
    {
      g_assert_cmpuint (DAG_AT (org->staffing, DagStaffing, i)->from, ==, DAG_DATE_NONE);
      g_assert_cmpuint (DAG_AT (org->staffing, DagStaffing, i)->until, ==, DAG_DATE_NONE);
    }
  g_assert_cmpuint (org->one_offs->len, ==, 0);
  g_assert_cmpuint (org->staff_absences->len, ==, 0);

  for (guint w = 0; w < G_N_ELEMENTS (weeks); w++)
    {
      g_autoptr(DagOrg) week = dag_org_for_week (org, weeks[w]);
      g_autofree guint *seen = g_new0 (guint, org->plan->len + org->staffing->len + 1);
      CountData d = { seen, 0 };

      /* Every week's plan is the whole plan, in its order. */
      g_assert_cmpuint (week->plan->len, ==, org->plan->len);
      g_assert_cmpmem (week->plan->data, week->plan->len * sizeof (DagPlanEntry),
                       org->plan->data, org->plan->len * sizeof (DagPlanEntry));
      g_assert_cmpmem (week->staffing->data, week->staffing->len * sizeof (DagStaffing),
                       org->staffing->data, org->staffing->len * sizeof (DagStaffing));
      /* And its expansion has each entry once, nothing else. */
      dag_schedule_foreach (schedule, weeks[w], weeks[w] + 6, count_session, &d);
      for (guint i = 0; i < org->plan->len; i++)
        g_assert_cmpuint (seen[i], ==, 1);
      memset (seen, 0, sizeof (guint) * (org->plan->len + 1));
      dag_schedule_foreach_staff (schedule, weeks[w], weeks[w] + 6, count_staff_session, &d);
      for (guint i = 0; i < org->staffing->len; i++)
        g_assert_cmpuint (seen[i], ==, 1);
      g_assert_cmpuint (d.one_offs, ==, 0);
    }

  exported = dag_org_export_json (org, NULL);
  assert_no_dates_in_export (exported);
}

/* Import, export, import, export: the same text, and the values kept. */
static void
test_round_trip (void)
{
  g_autofree char *text = dated_text ();
  g_autoptr(DagOrg) org = import_ok (text);
  g_autofree char *first = dag_org_export_json (org, NULL);
  g_autoptr(DagOrg) again = import_ok (first);
  g_autofree char *second = dag_org_export_json (again, NULL);
  g_autofree char *dir = g_dir_make_tmp ("dagritme-dated-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "test.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DagStore) store = NULL;
  const DagOrg *orgs[2];

  g_assert_cmpstr (second, ==, first);
  g_assert_nonnull (strstr (first, "\"until\": \"2026-11-15\""));
  g_assert_nonnull (strstr (first, "\"from\": \"2026-12-07\""));
  g_assert_nonnull (strstr (first, "\"changes\""));
  g_assert_nonnull (strstr (first, "\"staff_absences\""));

  orgs[0] = org;
  orgs[1] = again;
  for (guint k = 0; k < 2; k++)
    {
      const DagOrg *o = orgs[k];
      const DagPlanEntry *e;
      const DagStaffing *st;
      const DagOneOff *c;
      const DagStaffAbsence *a;

      g_assert_cmpuint (o->plan->len, ==, 6);
      e = DAG_AT (o->plan, DagPlanEntry, 0);
      g_assert_cmpstr (participant_id (o, e->participant), ==, "P1");
      g_assert_cmpstr (dag_slot_name (e->slot), ==, "mon-am");
      g_assert_cmpuint (e->from, ==, DAG_DATE_NONE);
      g_assert_cmpuint (e->until, ==, dag_date_from_ymd (2026, 11, 15));
      e = DAG_AT (o->plan, DagPlanEntry, 1);
      g_assert_cmpuint (e->from, ==, WEEK_N);
      g_assert_cmpuint (e->until, ==, DAG_DATE_NONE);
      e = DAG_AT (o->plan, DagPlanEntry, 3);
      g_assert_cmpstr (participant_id (o, e->participant), ==, "P3");
      g_assert_cmpuint (e->from, ==, dag_date_from_ymd (2026, 11, 2));
      g_assert_cmpuint (e->until, ==, dag_date_from_ymd (2026, 11, 29));

      g_assert_cmpuint (o->staffing->len, ==, 3);
      st = DAG_AT (o->staffing, DagStaffing, 2);
      g_assert_cmpstr (staff_id (o, st->staff), ==, "S2");
      g_assert_cmpuint (st->from, ==, dag_date_from_ymd (2026, 1, 5));
      g_assert_cmpuint (st->until, ==, dag_date_from_ymd (2026, 12, 27));

      g_assert_cmpuint (o->one_offs->len, ==, 5);
      c = DAG_AT (o->one_offs, DagOneOff, 0);
      g_assert_cmpint (c->kind, ==, DAG_ONE_OFF_CANCEL);
      g_assert_cmpstr (participant_id (o, c->participant), ==, "P1");
      g_assert_cmpint (c->staff, ==, -1);
      g_assert_cmpint (c->group, ==, -1);
      g_assert_cmpint (c->part, ==, DAG_PART_PM);
      g_assert_cmpuint (c->date, ==, dag_date_from_ymd (2026, 11, 23));
      g_assert_cmpstr (c->reason, ==, "tandarts");
      c = DAG_AT (o->one_offs, DagOneOff, 1);
      g_assert_cmpint (c->kind, ==, DAG_ONE_OFF_ADD);
      g_assert_cmpstr (group_id (o, c->group), ==, "G1");
      g_assert_cmpstr (c->reason, ==, "ruil");
      c = DAG_AT (o->one_offs, DagOneOff, 2);
      g_assert_cmpstr (group_id (o, c->group), ==, "G1");
      g_assert_null (c->reason);
      c = DAG_AT (o->one_offs, DagOneOff, 3);
      g_assert_cmpint (c->participant, ==, -1);
      g_assert_cmpstr (staff_id (o, c->staff), ==, "S2");
      g_assert_cmpint (c->kind, ==, DAG_ONE_OFF_CANCEL);
      g_assert_cmpint (c->part, ==, DAG_PART_EV);
      c = DAG_AT (o->one_offs, DagOneOff, 4);
      g_assert_cmpstr (staff_id (o, c->staff), ==, "S3");
      g_assert_cmpint (c->kind, ==, DAG_ONE_OFF_ADD);
      g_assert_cmpstr (c->reason, ==, "invaller");

      g_assert_cmpuint (o->staff_absences->len, ==, 2);
      a = DAG_AT (o->staff_absences, DagStaffAbsence, 0);
      g_assert_cmpstr (staff_id (o, a->staff), ==, "S1");
      g_assert_cmpuint (a->from, ==, dag_date_from_ymd (2026, 11, 23));
      g_assert_cmpuint (a->to, ==, dag_date_from_ymd (2026, 11, 27));
      g_assert_cmpstr (a->reason, ==, "ziek");
      a = DAG_AT (o->staff_absences, DagStaffAbsence, 1);
      g_assert_null (a->reason);
    }

  /* What the dates mean: P1 on Monday morning until week 46, on Tuesday
   * morning from week 47; P3 paused in the week of 30 November. */
  {
    g_autoptr(DagSchedule) schedule = dag_schedule_new (org);
    DagSession s;
    int p1 = dag_org_lookup (org, DAG_KIND_PARTICIPANT, "P1");
    int p3 = dag_org_lookup (org, DAG_KIND_PARTICIPANT, "P3");

    g_assert_true (dag_schedule_session_at (schedule, p1, DAG_SLOT (0, DAG_PART_AM), WEEK_N - 7, &s));
    g_assert_false (dag_schedule_session_at (schedule, p1, DAG_SLOT (0, DAG_PART_AM), WEEK_N, &s));
    g_assert_true (dag_schedule_session_at (schedule, p1, DAG_SLOT (1, DAG_PART_AM), WEEK_N + 1, &s));
    g_assert_false (dag_schedule_session_at (schedule, p1, DAG_SLOT (1, DAG_PART_AM), WEEK_N - 6, &s));
    g_assert_true (dag_schedule_session_at (schedule, p3, DAG_SLOT (0, DAG_PART_AM), WEEK_N + 7, &s));
    g_assert_cmpint (s.state, ==, DAG_SESSION_CANCELLED);
    g_assert_false (dag_schedule_session_at (schedule, p3, DAG_SLOT (0, DAG_PART_AM), WEEK_N + 14, &s));
    g_assert_true (dag_schedule_session_at (schedule, p3, DAG_SLOT (0, DAG_PART_AM), WEEK_N + 21, &s));
    /* The swap: cancelled on Monday afternoon, added on Tuesday's. */
    g_assert_true (dag_schedule_session_at (schedule, p1, DAG_SLOT (0, DAG_PART_PM), WEEK_N + 7, &s));
    g_assert_cmpint (s.state, ==, DAG_SESSION_CANCELLED);
    g_assert_true (dag_schedule_session_at (schedule, p1, DAG_SLOT (1, DAG_PART_PM), WEEK_N + 8, &s));
    g_assert_cmpint (s.plan_entry, ==, -1);
    g_assert_true (dag_schedule_staff_is_absent (schedule, dag_org_lookup (org, DAG_KIND_STAFF, "S1"),
                                                 WEEK_N + 9));
  }

  /* Through the store, too. */
  store = dag_store_open (dag_test_db (path), &error);
  g_assert_no_error (error);
  g_assert_true (dag_store_save (store, org, DAG_SECTION_ALL, "import", &error));
  g_assert_no_error (error);
  {
    g_autoptr(DagOrg) back = load (store);
    g_autofree char *third = dag_org_export_json (back, NULL);
    g_assert_cmpstr (third, ==, first);
  }
  g_clear_object (&store);
  remove_tree (dir);
}

/* ---- bad input ---------------------------------------------------------- */

typedef struct {
  char     *dir;
  char     *path;
  DagStore *store;
  char     *dated;
} Fixture;

/* A database holding the dated organisation, made once and copied into
 * each fixture (saving it anew for every case is slow under
 * AddressSanitizer), with its export and audit count. */
static char *template_dir;
static char *template_db;
static char *template_export;
static gint64 template_audit;

static void
make_template (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DagStore) store = NULL;
  g_autofree char *dated = NULL;
  g_autoptr(DagOrg) org = NULL;
  g_autoptr(DagOrg) back = NULL;

  if (template_db != NULL && !dag_test_db_is_pg ())
    return;
  /* PostgreSQL has no file to copy: each fixture gets a template of its
   * own, in a schema of its own, and uses it. */
  if (template_db != NULL)
    {
      g_rmdir (template_dir);
      g_clear_pointer (&template_dir, g_free);
      g_clear_pointer (&template_db, g_free);
      g_clear_pointer (&template_export, g_free);
    }
  template_dir = g_dir_make_tmp ("dagritme-dated-template-XXXXXX", &error);
  g_assert_no_error (error);
  template_db = g_build_filename (template_dir, "dated.db", NULL);
  store = dag_store_open (dag_test_db (template_db), &error);
  g_assert_no_error (error);
  dated = dated_text ();
  org = import_ok (dated);
  g_assert_true (dag_store_save (store, org, DAG_SECTION_ALL, "import", &error));
  g_assert_no_error (error);
  back = load (store);
  template_export = dag_org_export_json (back, NULL);
  template_audit = dag_store_count_audit (store, NULL);
  /* Closing checkpoints the write-ahead log into the one file. */
}

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *bytes = NULL;
  gsize length = 0;

  make_template ();
  f->dir = g_dir_make_tmp ("dagritme-dated-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "test.db", NULL);
  if (dag_test_db_is_pg ())
    {
      g_free (f->path);
      f->path = g_strdup (template_db);
    }
  else
    {
      g_assert_true (g_file_get_contents (template_db, &bytes, &length, NULL));
      g_assert_true (g_file_set_contents_full (f->path, bytes, length, G_FILE_SET_CONTENTS_NONE, 0600, NULL));
    }
  f->store = dag_store_open (dag_test_db (f->path), &error);
  g_assert_no_error (error);
  f->dated = dated_text ();
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->store);
  remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
  g_free (f->dated);
}

/* What "dagritme import" does: check the file, then one save. */
static gboolean
import_into_store (DagStore *store, const char *text, GError **error)
{
  g_autoptr(DagOrg) org = dag_org_import_json (text, strlen (text), error);

  return org != NULL && dag_store_save (store, org, DAG_SECTION_ALL, "import", error);
}

/* The dated file with old replaced by new is refused with code, a message
 * "path: …" that contains what, and the store is as it was. */
static void
check_bad (Fixture        *f,
           const char     *old,
           const char     *new,
           DagImportError  code,
           const char     *path,
           const char     *what)
{
  g_autofree char *bad = replace_once (f->dated, old, new);
  g_autofree char *prefix = g_strdup_printf ("%s: ", path);
  g_autoptr(GError) error = NULL;
  g_autoptr(DagOrg) back = NULL;
  g_autofree char *after = NULL;

  g_assert_false (import_into_store (f->store, bad, &error));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_error (error, DAG_IMPORT_ERROR, (int) code);
  if (!g_str_has_prefix (error->message, prefix))
    g_error ("expected a message starting with “%s”, got “%s”", prefix, error->message);
  if (what != NULL && strstr (error->message, what) == NULL)
    g_error ("expected a message that says “%s”, got “%s”", what, error->message);

  back = load (f->store);
  after = dag_org_export_json (back, NULL);
  g_assert_cmpstr (after, ==, template_export);
  g_assert_cmpint (dag_store_count_audit (f->store, NULL), ==, template_audit);
}

#define P1_TUE "{ \"participant\": \"P1\", \"group\": \"G1\", \"slot\": \"tue-am\", \"from\": \"2026-11-16\" }"
#define P1_MON "{ \"participant\": \"P1\", \"group\": \"G1\", \"slot\": \"mon-am\", \"until\": \"2026-11-15\" }"
#define P3_NOV "\"slot\": \"mon-am\", \"from\": \"2026-11-02\", \"until\": \"2026-11-29\" }"
#define P3_DEC "\"slot\": \"mon-am\", \"from\": \"2026-12-07\" }"
#define S1_TUE "{ \"staff\": \"S1\", \"group\": \"G1\", \"slot\": \"tue-am\", \"from\": \"2026-11-16\" }"
#define CHANGE0 "{ \"participant\": \"P1\", \"date\": \"2026-11-23\", \"slot\": \"pm\", \"change\": \"cancel\", \"reason\": \"tandarts\" }"
#define CHANGE1 "{ \"participant\": \"P1\", \"date\": \"2026-11-24\", \"slot\": \"pm\", \"change\": \"add\", \"group\": \"G1\", \"reason\": \"ruil\" }"
#define CHANGE3 "{ \"staff\": \"S2\", \"date\": \"2026-11-25\""
#define ABSENCE0 "{ \"staff\": \"S1\", \"from\": \"2026-11-23\", \"to\": \"2026-11-27\""

static void
test_bad_plan_from (Fixture *f, gconstpointer data)
{
  /* 2026-11-17 is a Tuesday. */
  check_bad (f, P1_TUE,
             "{ \"participant\": \"P1\", \"group\": \"G1\", \"slot\": \"tue-am\", \"from\": \"2026-11-17\" }",
             DAG_IMPORT_ERROR_INVALID_VALUE, "plan[1].from", "Monday");
}

static void
test_bad_plan_until (Fixture *f, gconstpointer data)
{
  /* 2026-11-14 is a Saturday. */
  check_bad (f, P1_MON,
             "{ \"participant\": \"P1\", \"group\": \"G1\", \"slot\": \"mon-am\", \"until\": \"2026-11-14\" }",
             DAG_IMPORT_ERROR_INVALID_VALUE, "plan[0].until", "Sunday");
}

static void
test_bad_plan_until_before_from (Fixture *f, gconstpointer data)
{
  check_bad (f, P3_NOV, "\"slot\": \"mon-am\", \"from\": \"2026-11-02\", \"until\": \"2026-11-01\" }",
             DAG_IMPORT_ERROR_INVALID_VALUE, "plan[3].until", "before");
}

static void
test_bad_plan_overlap (Fixture *f, gconstpointer data)
{
  /* From 23 November, while plan[3] runs until the 29th. */
  check_bad (f, P3_DEC, "\"slot\": \"mon-am\", \"from\": \"2026-11-23\" }",
             DAG_IMPORT_ERROR_DUPLICATE_ID, "plan[4]", "plan[3]");
}

static void
test_bad_plan_overlap_open (Fixture *f, gconstpointer data)
{
  /* An open end overlaps everything after it. */
  check_bad (f, P3_NOV, "\"slot\": \"mon-am\", \"from\": \"2026-11-02\" }",
             DAG_IMPORT_ERROR_DUPLICATE_ID, "plan[4]", "plan[3]");
}

static void
test_bad_plan_date_type (Fixture *f, gconstpointer data)
{
  check_bad (f, P1_TUE,
             "{ \"participant\": \"P1\", \"group\": \"G1\", \"slot\": \"tue-am\", \"from\": 20261116 }",
             DAG_IMPORT_ERROR_TYPE, "plan[1].from", NULL);
}

static void
test_bad_staffing_from (Fixture *f, gconstpointer data)
{
  check_bad (f, S1_TUE, "{ \"staff\": \"S1\", \"group\": \"G1\", \"slot\": \"tue-am\", \"from\": \"2026-11-18\" }",
             DAG_IMPORT_ERROR_INVALID_VALUE, "staffing[1].from", "Monday");
}

static void
test_bad_staffing_overlap (Fixture *f, gconstpointer data)
{
  check_bad (f, S1_TUE, "{ \"staff\": \"S1\", \"group\": \"G1\", \"slot\": \"mon-am\", \"from\": \"2026-11-09\" }",
             DAG_IMPORT_ERROR_DUPLICATE_ID, "staffing[1]", "staffing[0]");
}

static void
test_bad_change_both (Fixture *f, gconstpointer data)
{
  check_bad (f, CHANGE0,
             "{ \"participant\": \"P1\", \"staff\": \"S1\", \"date\": \"2026-11-23\", \"slot\": \"pm\", \"change\": \"cancel\" }",
             DAG_IMPORT_ERROR_MISSING_FIELD, "changes[0]", "either");
}

static void
test_bad_change_neither (Fixture *f, gconstpointer data)
{
  check_bad (f, CHANGE0, "{ \"date\": \"2026-11-23\", \"slot\": \"pm\", \"change\": \"cancel\" }",
             DAG_IMPORT_ERROR_MISSING_FIELD, "changes[0]", "either");
}

static void
test_bad_change_add_no_group (Fixture *f, gconstpointer data)
{
  check_bad (f, CHANGE1,
             "{ \"participant\": \"P1\", \"date\": \"2026-11-24\", \"slot\": \"pm\", \"change\": \"add\" }",
             DAG_IMPORT_ERROR_MISSING_FIELD, "changes[1].group", NULL);
}

static void
test_bad_change_sunday (Fixture *f, gconstpointer data)
{
  check_bad (f, CHANGE0,
             "{ \"participant\": \"P1\", \"date\": \"2026-11-22\", \"slot\": \"pm\", \"change\": \"cancel\" }",
             DAG_IMPORT_ERROR_INVALID_VALUE, "changes[0].date", "Sunday");
}

static void
test_bad_change_group_not_running (Fixture *f, gconstpointer data)
{
  /* G2 runs on Wednesday evening and Saturday morning only. */
  check_bad (f, CHANGE1,
             "{ \"participant\": \"P1\", \"date\": \"2026-11-24\", \"slot\": \"pm\", \"change\": \"add\", \"group\": \"G2\" }",
             DAG_IMPORT_ERROR_INVALID_VALUE, "changes[1].group", "does not run");
}

static void
test_bad_change_kind (Fixture *f, gconstpointer data)
{
  check_bad (f, CHANGE0,
             "{ \"participant\": \"P1\", \"date\": \"2026-11-23\", \"slot\": \"pm\", \"change\": \"swap\" }",
             DAG_IMPORT_ERROR_INVALID_VALUE, "changes[0].change", "add");
}

static void
test_bad_change_slot (Fixture *f, gconstpointer data)
{
  /* A change names the dagdeel; the day is the date's. */
  check_bad (f, CHANGE0,
             "{ \"participant\": \"P1\", \"date\": \"2026-11-23\", \"slot\": \"mon-pm\", \"change\": \"cancel\" }",
             DAG_IMPORT_ERROR_INVALID_VALUE, "changes[0].slot", NULL);
}

static void
test_bad_change_unknown_staff (Fixture *f, gconstpointer data)
{
  check_bad (f, CHANGE3, "{ \"staff\": \"S9\", \"date\": \"2026-11-25\"",
             DAG_IMPORT_ERROR_DANGLING_REFERENCE, "changes[3].staff", "S9");
}

static void
test_bad_change_unknown_field (Fixture *f, gconstpointer data)
{
  check_bad (f, CHANGE0,
             "{ \"participant\": \"P1\", \"date\": \"2026-11-23\", \"slot\": \"pm\", \"change\": \"cancel\", \"hours\": 2 }",
             DAG_IMPORT_ERROR_UNKNOWN_FIELD, "changes[0].hours", NULL);
}

static void
test_bad_staff_absence_to (Fixture *f, gconstpointer data)
{
  check_bad (f, ABSENCE0, "{ \"staff\": \"S1\", \"from\": \"2026-11-23\", \"to\": \"2026-11-20\"",
             DAG_IMPORT_ERROR_INVALID_VALUE, "staff_absences[0].to", NULL);
}

static void
test_bad_staff_absence_staff (Fixture *f, gconstpointer data)
{
  check_bad (f, ABSENCE0, "{ \"staff\": \"S7\", \"from\": \"2026-11-23\", \"to\": \"2026-11-27\"",
             DAG_IMPORT_ERROR_DANGLING_REFERENCE, "staff_absences[0].staff", "S7");
}

static void
test_bad_staff_absence_missing (Fixture *f, gconstpointer data)
{
  check_bad (f, ABSENCE0, "{ \"staff\": \"S1\", \"to\": \"2026-11-27\"",
             DAG_IMPORT_ERROR_MISSING_FIELD, "staff_absences[0].from", NULL);
}

/* A month declared and sent freezes every week that touches it, also a
 * week it shares with the next month; an unsent declaration does not. */
static void
test_frozen_declared (void)
{
  g_autoptr(DagOrg) org = dag_org_new ();
  DagMunicipality m = { g_strdup ("0202"), g_strdup ("Arnhem") };
  DagDeclaration *d;
  g_autofree char *message = NULL;

  g_array_append_val (org->municipalities, m);
  d = dag_org_add_declaration (org);
  d->number = g_strdup ("D1");
  d->municipality = 0;
  d->month = dag_date_from_ymd (2026, 11, 1);
  d->written = dag_date_from_ymd (2026, 11, 2);
  d->sent = DAG_DATE_NONE;

  /* Written, not sent: November may still change (and be declared anew). */
  g_assert_cmpuint (dag_schedule_week_frozen (org, WEEK_N, TODAY), ==, DAG_FROZEN_NO);

  d->sent = dag_date_from_ymd (2026, 11, 3);
  g_assert_cmpuint (dag_schedule_week_frozen (org, WEEK_N, TODAY), ==, DAG_FROZEN_DECLARED);
  /* Monday 30 November to Sunday 6 December. */
  g_assert_cmpuint (dag_schedule_week_frozen (org, dag_date_from_ymd (2026, 11, 30), TODAY), ==,
                    DAG_FROZEN_DECLARED);
  g_assert_cmpuint (dag_schedule_week_frozen (org, dag_date_from_ymd (2026, 12, 7), TODAY), ==,
                    DAG_FROZEN_NO);
  message = dag_schedule_frozen_message (DAG_FROZEN_DECLARED, WEEK_N);
  g_assert_nonnull (strstr (message, "declared"));
}

int
main (int argc, char *argv[])
{
  int status;

  /* Before anything asks for today (the planner's save checks it). */
  g_setenv ("DAGRITME_TODAY", TODAY_TEXT, TRUE);
  g_test_init (&argc, &argv, NULL);
  dag_test_db_init ();

  g_test_add_func ("/dated/before-unchanged", test_before_unchanged);
  g_test_add_func ("/dated/one-off-swap", test_one_off_swap);
  g_test_add_func ("/dated/undo", test_undo);
  g_test_add_func ("/dated/frozen-declared", test_frozen_declared);
  g_test_add_func ("/dated/import-undated", test_import_undated);
  g_test_add_func ("/dated/round-trip", test_round_trip);
#define ADD(path, func) g_test_add ("/dated/bad/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("plan-from", test_bad_plan_from);
  ADD ("plan-until", test_bad_plan_until);
  ADD ("plan-until-before-from", test_bad_plan_until_before_from);
  ADD ("plan-overlap", test_bad_plan_overlap);
  ADD ("plan-overlap-open", test_bad_plan_overlap_open);
  ADD ("plan-date-type", test_bad_plan_date_type);
  ADD ("staffing-from", test_bad_staffing_from);
  ADD ("staffing-overlap", test_bad_staffing_overlap);
  ADD ("change-both", test_bad_change_both);
  ADD ("change-neither", test_bad_change_neither);
  ADD ("change-add-no-group", test_bad_change_add_no_group);
  ADD ("change-sunday", test_bad_change_sunday);
  ADD ("change-group-not-running", test_bad_change_group_not_running);
  ADD ("change-kind", test_bad_change_kind);
  ADD ("change-slot", test_bad_change_slot);
  ADD ("change-unknown-staff", test_bad_change_unknown_staff);
  ADD ("change-unknown-field", test_bad_change_unknown_field);
  ADD ("staff-absence-to", test_bad_staff_absence_to);
  ADD ("staff-absence-staff", test_bad_staff_absence_staff);
  ADD ("staff-absence-missing", test_bad_staff_absence_missing);
#undef ADD
  status = g_test_run ();

  if (template_dir)
    remove_tree (template_dir);
  g_free (template_dir);
  g_free (template_db);
  g_free (template_export);
  return status;
}
