/* test-planner-bound.c — the upper bound on placed dagdelen
 * (dag-planner-bound.c): equal to a hand-known optimum where the
 * relaxation is exact, never below it, never below what the planner
 * places on demo organisations, and fast. */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "dag-demo.h"
#include "dag-planner.h"
#include "dag-planner-private.h"
#include "dag-rules.h"

/* 2026-11-30 is a Monday. */
#define WEEK dag_date_from_ymd (2026, 11, 30)
#define ALL_SLOTS ((DagSlotMask) 0x3ffff)
#define SLOT(d, p) DAG_SLOT_BIT (DAG_SLOT (d, p))

/* ---- hand-made organisations -------------------------------------------- */

static DagOrg *
empty_org (void)
{
  DagOrg *org = dag_org_new ();
  DagMunicipality m = { g_strdup ("0202"), g_strdup ("Arnhem") };
  DagContract *c;
  DagProduct *pr;

  g_array_append_val (org->municipalities, m);
  c = dag_org_add_contract (org);
  c->id = g_strdup ("C");
  c->municipality = 0;
  pr = dag_contract_add_product (c);
  pr->product = g_strdup ("M3");
  pr->code = g_strdup ("04A03");
  pr->name = g_strdup ("Dagbesteding");
  pr->unit = g_strdup ("dagdeel");
  for (int i = 0; i < 2; i++)
    {
      DagLocation *l = dag_org_add_location (org);
      l->id = g_strdup_printf ("L%d", i + 1);
      l->name = g_strdup (l->id);
      l->address = g_strdup ("");
      l->has_part[0] = l->has_part[1] = TRUE;
    }
  return org;
}

static int
add_group (DagOrg *org, int location, int capacity, DagSlotMask slots)
{
  DagGroup *g = dag_org_add_group (org);

  g->id = g_strdup_printf ("G%u", org->groups->len);
  g->name = g_strdup (g->id);
  g->location = location;
  g_ptr_array_add (g->products, g_strdup ("M3"));
  g->min_level = 1;
  g->max_level = 4;
  g->capacity = capacity;
  g->slots = slots;
  return org->groups->len - 1;
}

/* A staff member who may work `slots` dagdelen a week (4-hour dagdelen). */
static void
add_staff (DagOrg *org, DagQualification qual, int slots, DagSlotMask available)
{
  DagStaff s = { g_strdup_printf ("S%u", org->staff->len + 1), g_strdup ("staff"), qual,
                 slots * 4, available, FALSE, NULL };
  g_array_append_val (org->staff, s);
}

static void
add_participant (DagOrg *org, int level, int units)
{
  DagParticipant p = { 0 };
  DagIndication ind = { 0 };

  p.id = g_strdup_printf ("P%u", org->participants->len + 1);
  p.name = g_strdup (p.id);
  p.bsn = g_strdup ("111222333");
  p.address = g_strdup ("");
  g_array_append_val (org->participants, p);
  ind.id = g_strdup_printf ("I%u", org->indications->len + 1);
  ind.participant = org->participants->len - 1;
  ind.contract = 0;
  ind.product = 0;
  ind.level = level;
  ind.allocation_number = g_strdup ("A-1");
  ind.start = dag_date_from_ymd (2026, 1, 1);
  ind.end = dag_date_from_ymd (2027, 12, 31);
  ind.units = units;
  ind.per = DAG_PER_WEEK;
  ind.min_units = -1;
  g_array_append_val (org->indications, ind);
}

static guint
bound_of (const DagOrg *org, int location)
{
  g_autoptr(DagOrg) week = dag_org_for_week (org, WEEK);
  DagPlannerOptions o;
  Problem *pb;
  guint bound;

  dag_planner_options_init (&o);
  o.week = WEEK;
  o.location = location;
  pb = dag_problem_new (week, &o);
  bound = dag_problem_bound (pb);
  dag_problem_free (pb);
  return bound;
}

static guint
placed_of (const DagOrg *org, guint64 seed, int location)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DagPlanResult) r = NULL;
  DagPlannerOptions o;

  dag_planner_options_init (&o);
  o.week = WEEK;
  o.seed = seed;
  o.location = location;
  r = dag_planner_run (org, &o, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return r->placed;
}

/* One staff member with 2 dagdelen; 20 level-1 participants (1:8) who
 * want one dagdeel each in a group of 20 running 4 dagdelen: two dagdelen
 * of 8 each, so 16. */
static void
test_one_staff (void)
{
  g_autoptr(DagOrg) org = empty_org ();

  add_group (org, 0, 20, SLOT (0, 0) | SLOT (0, 1) | SLOT (1, 0) | SLOT (1, 1));
  add_staff (org, DAG_QUAL_MBO, 2, ALL_SLOTS);
  for (int i = 0; i < 20; i++)
    add_participant (org, 1, 1);
  g_assert_cmpuint (bound_of (org, -1), ==, 16);
  g_assert_cmpuint (placed_of (org, 1, -1), ==, 16);
}

/* Without staff nothing can be placed. */
static void
test_no_staff (void)
{
  g_autoptr(DagOrg) org = empty_org ();

  add_group (org, 0, 10, ALL_SLOTS);
  add_staff (org, DAG_QUAL_VOLUNTEER, 10, ALL_SLOTS);
  for (int i = 0; i < 5; i++)
    add_participant (org, 1, 3);
  g_assert_cmpuint (bound_of (org, -1), ==, 0);
}

/* With enough staff the bound is the capacity: 3 places on 2 dagdelen
 * for 5 participants who want 2 each. */
static void
test_capacity (void)
{
  g_autoptr(DagOrg) org = empty_org ();

  add_group (org, 0, 3, SLOT (2, 0) | SLOT (2, 1));
  add_staff (org, DAG_QUAL_HBO, 10, ALL_SLOTS);
  add_staff (org, DAG_QUAL_MBO, 10, ALL_SLOTS);
  for (int i = 0; i < 5; i++)
    add_participant (org, 1, 2);
  g_assert_cmpuint (bound_of (org, -1), ==, 6);
  g_assert_cmpuint (placed_of (org, 1, -1), ==, 6);
}

/* HBO presence: level-3 participants need an HBO member present, and the
 * only one works a single dagdeel; the group holds 5, so 5 high dagdelen;
 * with 4 level-1 participants (2 dagdelen each) on the other dagdelen, 13. */
static void
test_hbo_presence (void)
{
  g_autoptr(DagOrg) org = empty_org ();

  add_group (org, 0, 5, SLOT (0, 0) | SLOT (0, 1) | SLOT (1, 0) | SLOT (1, 1));
  add_staff (org, DAG_QUAL_HBO, 1, ALL_SLOTS);
  add_staff (org, DAG_QUAL_MBO, 10, ALL_SLOTS);
  for (int i = 0; i < 10; i++)
    add_participant (org, 3, 2);
  g_assert_cmpuint (bound_of (org, -1), ==, 5);
  g_assert_cmpuint (placed_of (org, 1, -1), ==, 5);

  for (int i = 0; i < 4; i++)
    add_participant (org, 1, 2);
  g_assert_cmpuint (bound_of (org, -1), ==, 13);
  g_assert_cmpuint (placed_of (org, 1, -1), ==, 13);
}

/* The duo rule: without an HBO member a group slot has one staff member,
 * so 8 level-1 participants (1:8) a group slot; two MBO members and two
 * groups on one dagdeel place 16.  The relaxation leaves the duo rule out,
 * so here it must only not fall below the optimum. */
static void
test_duo (void)
{
  g_autoptr(DagOrg) org = empty_org ();
  guint bound;

  add_group (org, 0, 20, SLOT (0, 0));
  add_staff (org, DAG_QUAL_MBO, 10, ALL_SLOTS);
  add_staff (org, DAG_QUAL_MBO, 10, ALL_SLOTS);
  for (int i = 0; i < 20; i++)
    add_participant (org, 1, 1);
  bound = bound_of (org, -1);
  g_assert_cmpuint (placed_of (org, 1, -1), ==, 8);
  g_assert_cmpuint (bound, >=, 8);
  g_assert_cmpuint (bound, <=, 16);

  /* A second group: two single-staff group slots of 8. */
  add_group (org, 0, 20, SLOT (0, 0));
  g_assert_cmpuint (bound_of (org, -1), ==, 16);
  g_assert_cmpuint (placed_of (org, 1, -1), ==, 16);
}

/* Availability: two staff members who can both work only Monday morning
 * cover 2 positions there, however large their contracts. */
static void
test_availability (void)
{
  g_autoptr(DagOrg) org = empty_org ();

  add_group (org, 0, 30, SLOT (0, 0) | SLOT (0, 1));
  add_staff (org, DAG_QUAL_HBO, 10, SLOT (0, 0));
  add_staff (org, DAG_QUAL_MBO, 10, SLOT (0, 0));
  for (int i = 0; i < 30; i++)
    add_participant (org, 1, 2);
  g_assert_cmpuint (bound_of (org, -1), ==, 16);
  g_assert_cmpuint (placed_of (org, 1, -1), ==, 16);
}

/* Mixed shares: with scarce staff the light participants go first: one
 * staff member, one dagdeel; 6 level-1 (1/8) and 6 level-4 (1/3): the
 * best is 6 light + 1 heavy? 6/8 + 1/3 > 1, so 6 light + 0 heavy = 6...
 * and 8 light would fit; only 6 exist, the rest of the position is worth
 * no whole heavy one. */
static void
test_light_first (void)
{
  g_autoptr(DagOrg) org = empty_org ();
  guint bound;

  add_group (org, 0, 20, SLOT (0, 0));
  add_staff (org, DAG_QUAL_MBO, 1, ALL_SLOTS);
  for (int i = 0; i < 6; i++)
    add_participant (org, 1, 1);
  for (int i = 0; i < 6; i++)
    add_participant (org, 2, 1);
  /* 6 × 1/8 + 1 × 1/6 = 11/12 ≤ 1: 7; the LP may count 6 + (1/4)/(1/6)
   * = 7.5, floored 7. */
  bound = bound_of (org, -1);
  g_assert_cmpuint (placed_of (org, 1, -1), ==, 7);
  g_assert_cmpuint (bound, ==, 7);
}

/* ---- demo organisations ------------------------------------------------- */

static DagOrg *
demo (int n, guint32 seed)
{
  DagDemoOptions o;

  dag_demo_options_init (&o);
  o.participants = n;
  o.seed = seed;
  o.month = dag_date_from_ymd (2026, 10, 1);
  return dag_demo_generate (&o);
}

/* Keeps `percent` of the staff's contracts: the others get 0 hours (the
 * indexes of the staffing stay valid). */
static void
thin_staff (DagOrg *org, int percent)
{
  for (guint s = 0; s < org->staff->len; s++)
    if ((s * 37 % 100) >= (guint) percent)
      DAG_AT (org->staff, DagStaff, s)->contract_hours = 0;
}

static void
check_demo (int n, guint32 seed, int staff_percent, int location)
{
  g_autoptr(DagOrg) org = demo (n, seed);
  guint bound, placed;

  if (staff_percent < 100)
    thin_staff (org, staff_percent);
  bound = bound_of (org, location);
  placed = placed_of (org, seed, location);
  g_test_message ("%d participants, seed %u, staff %d %%, location %d: placed %u, bound %u",
                  n, seed, staff_percent, location, placed, bound);
  if (placed > bound)
    g_error ("the bound %u is below the %u dagdelen the planner placed (%d participants, "
             "seed %u, staff %d %%)", bound, placed, n, seed, staff_percent);
}

static void
test_demo (void)
{
  static const struct { int n; guint32 seed; } cases[] = {
    { 30, 1 }, { 60, 2 }, { 90, 3 }, { 120, 4 }, { 150, 5 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    for (int pct = 100; pct >= 40; pct -= 30)
      check_demo (cases[i].n, cases[i].seed, pct, -1);
}

static void
test_demo_location (void)
{
  for (guint32 seed = 1; seed <= 3; seed++)
    for (int pct = 100; pct >= 40; pct -= 30)
      check_demo (150, seed, pct, 0);
}

/* A plan of one location: the time and contract the staff spend at other
 * locations are gone. */
static void
test_busy_elsewhere (void)
{
  g_autoptr(DagOrg) org = empty_org ();
  int g1 = add_group (org, 0, 30, SLOT (0, 0) | SLOT (0, 1));
  int g2 = add_group (org, 1, 30, SLOT (0, 0) | SLOT (0, 1) | SLOT (1, 0));
  DagStaffing st = { 0 };

  add_staff (org, DAG_QUAL_MBO, 2, ALL_SLOTS);
  for (int i = 0; i < 30; i++)
    add_participant (org, 1, 1);
  /* Working at location 2 on Tuesday morning: one dagdeel left. */
  st.staff = 0;
  st.group = g2;
  st.slot = DAG_SLOT (1, 0);
  g_array_append_val (org->staffing, st);
  (void) g1;
  g_assert_cmpuint (bound_of (org, 0), ==, 8);
  g_assert_cmpuint (bound_of (org, -1), ==, 16);
}

/* ---- speed ---------------------------------------------------------------- */

static void
time_demo (int n, double limit_ms)
{
  g_autoptr(DagOrg) org = demo (n, 1);
  g_autoptr(DagOrg) week = dag_org_for_week (org, WEEK);
  DagPlannerOptions o;
  Problem *pb;
  gint64 t0, t1, t2;
  guint bound, trivial = 0;

  dag_planner_options_init (&o);
  o.week = WEEK;
  t0 = g_get_monotonic_time ();
  pb = dag_problem_new (week, &o);
  t1 = g_get_monotonic_time ();
  bound = dag_problem_bound (pb);
  t2 = g_get_monotonic_time ();
  for (int d = 0; d < pb->n_demands; d++)
    trivial += MIN (pb->demands[d].max, __builtin_popcount (pb->demands[d].reach));
  g_test_message ("%d participants: bound %u (trivial %u) in %.1f ms (problem %.1f ms)",
                  n, bound, trivial, (t2 - t1) / 1000.0, (t1 - t0) / 1000.0);
  dag_problem_free (pb);
  /* Generous against loaded test machines; the figures are in the log. */
  g_assert_cmpfloat ((t2 - t1) / 1000.0, <, limit_ms);
}

static void
test_speed (void)
{
  time_demo (1000, 500);
  if (g_test_slow ())
    {
      time_demo (5000, 3000);
      time_demo (20000, 5000);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/planner-bound/one-staff", test_one_staff);
  g_test_add_func ("/planner-bound/no-staff", test_no_staff);
  g_test_add_func ("/planner-bound/capacity", test_capacity);
  g_test_add_func ("/planner-bound/hbo-presence", test_hbo_presence);
  g_test_add_func ("/planner-bound/duo", test_duo);
  g_test_add_func ("/planner-bound/availability", test_availability);
  g_test_add_func ("/planner-bound/light-first", test_light_first);
  g_test_add_func ("/planner-bound/busy-elsewhere", test_busy_elsewhere);
  g_test_add_func ("/planner-bound/demo", test_demo);
  g_test_add_func ("/planner-bound/demo-location", test_demo_location);
  g_test_add_func ("/planner-bound/speed", test_speed);
  return g_test_run ();
}
