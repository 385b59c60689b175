/* test-planner.c — the week planner: small instances with a known optimum,
 * the waiting-list reasons, staffing, determinism, cancellation, re-planning
 * and a property test on random demo organisations. */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "dag-demo.h"
#include "dag-planner.h"
#include "dag-rules.h"
#include "dag-store.h"

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
  DagLocation *l;

  g_array_append_val (org->municipalities, m);
  c = dag_org_add_contract (org);
  c->id = g_strdup ("C");
  c->municipality = 0;
  pr = dag_contract_add_product (c);
  pr->product = g_strdup ("M3");
  pr->code = g_strdup ("04A03");
  pr->name = g_strdup ("Dagbesteding");
  pr->unit = g_strdup ("dagdeel");
  pr = dag_contract_add_product (c);
  pr->product = g_strdup ("M1");
  pr->code = g_strdup ("04A01");
  pr->name = g_strdup ("Arbeidsmatig");
  pr->unit = g_strdup ("dagdeel");
  pr = dag_contract_add_product (c);
  pr->product = g_strdup ("VERVOER");
  pr->code = g_strdup ("04A05");
  pr->name = g_strdup ("Vervoer");
  pr->unit = g_strdup ("rit");
  for (int i = 0; i < 2; i++)
    {
      l = dag_org_add_location (org);
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

static void
add_staff (DagOrg *org, DagQualification qual, DagSlotMask available)
{
  DagStaff s = { g_strdup_printf ("S%u", org->staff->len + 1), g_strdup ("staff"), qual, 36,
                 available, FALSE, NULL };
  g_array_append_val (org->staff, s);
}

static int
add_participant (DagOrg *org, int level, int units, int product)
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
  ind.product = product;
  ind.level = level;
  ind.allocation_number = g_strdup ("A-1");
  ind.start = dag_date_from_ymd (2026, 1, 1);
  ind.end = dag_date_from_ymd (2027, 12, 31);
  ind.units = units;
  ind.per = DAG_PER_WEEK;
  ind.min_units = -1;
  g_array_append_val (org->indications, ind);
  return org->participants->len - 1;
}

static DagParticipant *
participant (DagOrg *org, int i)
{
  return DAG_AT (org->participants, DagParticipant, i);
}

/* Transport by bus with a VERVOER indication (product 2 of empty_org). */
static void
by_bus (DagOrg *org, int p)
{
  DagIndication ind = { 0 };

  DAG_AT (org->participants, DagParticipant, p)->transport = DAG_TRANSPORT_BUS;
  ind.id = g_strdup_printf ("I%u", org->indications->len + 1);
  ind.participant = p;
  ind.contract = 0;
  ind.product = 2;
  ind.level = 1;
  ind.allocation_number = g_strdup ("A-2");
  ind.start = dag_date_from_ymd (2026, 1, 1);
  ind.end = dag_date_from_ymd (2027, 12, 31);
  ind.units = 10;
  ind.per = DAG_PER_WEEK;
  ind.min_units = -1;
  g_array_append_val (org->indications, ind);
}

static DagPlanResult *
run (DagOrg *org, gboolean keep, guint64 seed)
{
  DagPlannerOptions o;
  g_autoptr(GError) error = NULL;
  DagPlanResult *r;

  dag_planner_options_init (&o);
  o.week = WEEK;
  o.keep_existing = keep;
  o.seed = seed;
  r = dag_planner_run (org, &o, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (r);
  return r;
}

/* Applies the result and checks that it breaks no rule. */
static void
apply_and_check (DagOrg *org, DagPlanResult *r)
{
  g_autoptr(GArray) findings = NULL;

  dag_plan_result_apply (r, org);
  findings = dag_rules_check (org, r->week);
  for (guint i = 0; i < findings->len; i++)
    if (DAG_AT (findings, DagFinding, i)->severity == DAG_SEVERITY_ERROR)
      g_error ("the planned week breaks a rule: %s", DAG_AT (findings, DagFinding, i)->message);
}

static guint
waiting_units (DagPlanResult *r, DagWaitReason reason)
{
  guint n = 0;

  for (guint i = 0; i < r->waiting->len; i++)
    if (DAG_AT (r->waiting, DagWaitEntry, i)->reason == reason)
      n += DAG_AT (r->waiting, DagWaitEntry, i)->units;
  return n;
}

static int
group_of (DagPlanResult *r, int participant, int slot)
{
  for (guint i = 0; i < r->plan->len; i++)
    {
      const DagPlanEntry *e = DAG_AT (r->plan, DagPlanEntry, i);
      if (e->participant == participant && e->slot == slot)
        return e->group;
    }
  return -1;
}

/* ---- known optimum ------------------------------------------------------- */

static void
test_fill_exactly (void)
{
  g_autoptr(DagOrg) org = empty_org ();
  g_autoptr(DagPlanResult) r = NULL;

  /* Two places on Monday morning and afternoon; A needs both dagdelen, B
   * and C one each: only one assignment places all four. */
  add_group (org, 0, 2, SLOT (0, 0) | SLOT (0, 1));
  add_staff (org, DAG_QUAL_HBO, ALL_SLOTS);
  add_participant (org, 1, 2, 0);
  add_participant (org, 1, 1, 0);
  add_participant (org, 1, 1, 0);
  r = run (org, FALSE, 1);
  g_assert_cmpuint (r->indicated, ==, 4);
  g_assert_cmpuint (r->placed, ==, 4);
  g_assert_cmpuint (r->waiting->len, ==, 0);
  apply_and_check (org, r);
}

static void
test_same_group (void)
{
  g_autoptr(DagOrg) org = empty_org ();
  g_autoptr(DagPlanResult) r = NULL;

  /* Two equal groups; the optimum keeps the participant's three dagdelen
   * in one of them. */
  add_group (org, 0, 8, SLOT (0, 0) | SLOT (1, 0) | SLOT (2, 0));
  add_group (org, 0, 8, SLOT (0, 0) | SLOT (1, 0) | SLOT (2, 0));
  add_staff (org, DAG_QUAL_HBO, ALL_SLOTS);
  add_staff (org, DAG_QUAL_MBO, ALL_SLOTS);
  add_participant (org, 1, 3, 0);
  r = run (org, FALSE, 7);
  g_assert_cmpuint (r->placed, ==, 3);
  g_assert_cmpint (group_of (r, 0, DAG_SLOT (0, 0)), ==, group_of (r, 0, DAG_SLOT (1, 0)));
  g_assert_cmpint (group_of (r, 0, DAG_SLOT (1, 0)), ==, group_of (r, 0, DAG_SLOT (2, 0)));
  apply_and_check (org, r);
}

static void
test_preferred_day (void)
{
  g_autoptr(DagOrg) org = empty_org ();
  g_autoptr(DagPlanResult) r = NULL;

  add_group (org, 0, 8, SLOT (0, 0) | SLOT (2, 0) | SLOT (4, 0));
  add_staff (org, DAG_QUAL_HBO, ALL_SLOTS);
  add_participant (org, 1, 1, 0);
  participant (org, 0)->preferred_days = 1 << 2;   /* Wednesday */
  r = run (org, FALSE, 3);
  g_assert_cmpint (group_of (r, 0, DAG_SLOT (2, 0)), ==, 0);
  apply_and_check (org, r);
}

static void
test_whole_day_by_bus (void)
{
  g_autoptr(DagOrg) org = empty_org ();
  g_autoptr(DagPlanResult) r = NULL;

  /* Monday morning and afternoon, or Tuesday and Wednesday mornings: by bus
   * the whole Monday is best. */
  add_group (org, 0, 8, SLOT (0, 0) | SLOT (0, 1) | SLOT (1, 0) | SLOT (2, 0));
  add_staff (org, DAG_QUAL_HBO, ALL_SLOTS);
  add_participant (org, 1, 2, 0);
  by_bus (org, 0);
  participant (org, 0)->preferred_days = 0;
  r = run (org, FALSE, 5);
  g_assert_cmpint (group_of (r, 0, DAG_SLOT (0, 0)), ==, 0);
  g_assert_cmpint (group_of (r, 0, DAG_SLOT (0, 1)), ==, 0);
  apply_and_check (org, r);
}

static void
test_whole_day_exchange (void)
{
  /* One place per dagdeel on Monday morning and afternoon, Tuesday and
   * Wednesday morning.  The bus participant needs two dagdelen, the other
   * one: whatever the construction does, the bus participant ends with the
   * whole Monday and the other on Tuesday or Wednesday. */
  for (guint64 seed = 1; seed <= 6; seed++)
    {
      g_autoptr(DagOrg) org = empty_org ();
      g_autoptr(DagPlanResult) r = NULL;
      int other;

      add_group (org, 0, 1, SLOT (0, 0) | SLOT (0, 1) | SLOT (1, 0) | SLOT (2, 0));
      add_staff (org, DAG_QUAL_HBO, ALL_SLOTS);
      other = add_participant (org, 1, 1, 0);
      add_participant (org, 1, 2, 0);
      by_bus (org, 1);
      participant (org, other)->preferred_days = 0;
      participant (org, 1)->preferred_days = 0;
      r = run (org, FALSE, seed);
      g_assert_cmpuint (r->placed, ==, 3);
      g_assert_cmpint (group_of (r, 1, DAG_SLOT (0, 0)), ==, 0);
      g_assert_cmpint (group_of (r, 1, DAG_SLOT (0, 1)), ==, 0);
      apply_and_check (org, r);
    }
}

static void
test_lone_dagdeel_gathers (void)
{
  g_autoptr(DagOrg) org = empty_org ();
  g_autoptr(DagPlanResult) r = NULL;
  int whole = 0;

  /* Three dagdelen by bus: one day must be lone.  Location 0, the largest
   * (the only one with a group), gathers its lone dagdelen on Monday
   * morning, so the lone dagdeel is Monday morning and Tuesday or
   * Wednesday is whole. */
  add_group (org, 0, 8, SLOT (0, 0) | SLOT (0, 1) | SLOT (1, 0) | SLOT (1, 1) | SLOT (2, 0) | SLOT (2, 1));
  add_staff (org, DAG_QUAL_HBO, ALL_SLOTS);
  add_participant (org, 1, 3, 0);
  by_bus (org, 0);
  participant (org, 0)->preferred_days = 0;
  r = run (org, FALSE, 2);
  g_assert_cmpuint (r->placed, ==, 3);
  g_assert_cmpint (group_of (r, 0, DAG_SLOT (0, 0)), ==, 0);
  g_assert_cmpint (group_of (r, 0, DAG_SLOT (0, 1)), ==, -1);
  for (int day = 1; day <= 2; day++)
    whole += group_of (r, 0, DAG_SLOT (day, 0)) == 0 && group_of (r, 0, DAG_SLOT (day, 1)) == 0;
  g_assert_cmpint (whole, ==, 1);
  apply_and_check (org, r);
}

static void
test_bus_out_of_reach (void)
{
  g_autoptr(DagOrg) org = empty_org ();
  g_autoptr(DagPlanResult) r = NULL;
  DagLocation *near = DAG_AT (org->locations, DagLocation, 0);
  DagLocation *far = DAG_AT (org->locations, DagLocation, 1);

  /* Homes at the near location; the far one is 0.5° north, 55.6 km, so
   * 55.6 × 1.3 ÷ 40 km/h ≈ 108 minutes driven alone, over the 30 allowed.
   * Its group is the only one: the participant by bus waits (out of
   * reach), the one travelling alone and the one by bus without a VERVOER
   * indication are placed. */
  near->lat = 52.0;
  near->lon = 5.9;
  far->lat = 52.5;
  far->lon = 5.9;
  add_group (org, 1, 8, SLOT (0, 0) | SLOT (0, 1));
  add_staff (org, DAG_QUAL_HBO, ALL_SLOTS);
  for (int i = 0; i < 3; i++)
    {
      add_participant (org, 1, 2, 0);
      participant (org, i)->has_coords = TRUE;
      participant (org, i)->lat = 52.0;
      participant (org, i)->lon = 5.9;
    }
  by_bus (org, 0);
  participant (org, 2)->transport = DAG_TRANSPORT_BUS;
  r = run (org, FALSE, 1);
  g_assert_cmpint (group_of (r, 0, DAG_SLOT (0, 0)), ==, -1);
  g_assert_cmpint (group_of (r, 0, DAG_SLOT (0, 1)), ==, -1);
  g_assert_cmpuint (waiting_units (r, DAG_WAIT_OUT_OF_REACH), ==, 2);
  g_assert_cmpuint (r->waiting->len, ==, 1);
  g_assert_cmpint (group_of (r, 1, DAG_SLOT (0, 0)), ==, 0);
  g_assert_cmpint (group_of (r, 2, DAG_SLOT (0, 0)), ==, 0);
  g_assert_cmpuint (r->placed, ==, 4);
  apply_and_check (org, r);

  /* Moved within reach (0.1° north, 11.1 km, 22 minutes): placed. */
  {
    g_autoptr(DagPlanResult) r2 = NULL;

    far->lat = 52.1;
    r2 = run (org, FALSE, 1);
    g_assert_cmpint (group_of (r2, 0, DAG_SLOT (0, 0)), ==, 0);
    g_assert_cmpuint (r2->placed, ==, 6);
  }
}

static void
test_balance (void)
{
  g_autoptr(DagOrg) org = empty_org ();
  g_autoptr(DagPlanResult) r = NULL;

  /* Twelve participants of level 1 (eight per staff member), two equal
   * groups of eight on one dagdeel: any split needs two staff, and the
   * balanced one is six each.  (Four would go in one group: one staff
   * member instead of two weighs more than balance.) */
  add_group (org, 0, 8, SLOT (0, 0));
  add_group (org, 0, 8, SLOT (0, 0));
  add_staff (org, DAG_QUAL_HBO, ALL_SLOTS);
  add_staff (org, DAG_QUAL_MBO, ALL_SLOTS);
  for (int i = 0; i < 12; i++)
    add_participant (org, 1, 1, 0);
  r = run (org, FALSE, 11);
  {
    int in_first = 0;
    for (int p = 0; p < 12; p++)
      in_first += group_of (r, p, DAG_SLOT (0, 0)) == 0;
    g_assert_cmpint (in_first, ==, 6);
  }
  apply_and_check (org, r);
}

/* ---- waiting list -------------------------------------------------------- */

static void
test_wait_capacity (void)
{
  g_autoptr(DagOrg) org = empty_org ();
  g_autoptr(DagPlanResult) r = NULL;

  add_group (org, 0, 1, SLOT (0, 0));
  add_staff (org, DAG_QUAL_HBO, ALL_SLOTS);
  add_participant (org, 1, 1, 0);
  add_participant (org, 1, 1, 0);
  r = run (org, FALSE, 1);
  g_assert_cmpuint (r->placed, ==, 1);
  g_assert_cmpuint (waiting_units (r, DAG_WAIT_NO_CAPACITY), ==, 1);
  g_assert_cmpuint (r->waiting->len, ==, 1);
  apply_and_check (org, r);
}

static void
test_wait_no_group (void)
{
  g_autoptr(DagOrg) org = empty_org ();
  g_autoptr(DagPlanResult) r = NULL;

  /* An M1 indication, only M3 groups; and a level-4 participant in a group
   * for levels 1–2. */
  add_group (org, 0, 8, SLOT (0, 0));
  DAG_AT (org->groups, DagGroup, 0)->max_level = 2;
  add_staff (org, DAG_QUAL_HBO, ALL_SLOTS);
  add_participant (org, 1, 2, 1);
  add_participant (org, 4, 1, 0);
  r = run (org, FALSE, 1);
  g_assert_cmpuint (r->placed, ==, 0);
  g_assert_cmpuint (waiting_units (r, DAG_WAIT_NO_GROUP), ==, 3);
}

static void
test_wait_unavailable (void)
{
  g_autoptr(DagOrg) org = empty_org ();
  g_autoptr(DagPlanResult) r = NULL;

  add_group (org, 0, 8, SLOT (0, 0) | SLOT (1, 0));
  add_staff (org, DAG_QUAL_HBO, ALL_SLOTS);
  add_participant (org, 1, 2, 0);
  participant (org, 0)->unavailable = SLOT (1, 0);
  r = run (org, FALSE, 1);
  g_assert_cmpuint (r->placed, ==, 1);
  g_assert_cmpuint (waiting_units (r, DAG_WAIT_UNAVAILABLE), ==, 1);
  apply_and_check (org, r);
}

static void
test_wait_no_staff (void)
{
  g_autoptr(DagOrg) org = empty_org ();
  g_autoptr(DagPlanResult) r = NULL;

  /* A level-3 participant needs an HBO present; there is only an MBO. The
   * level-1 participant can be placed. */
  add_group (org, 0, 8, SLOT (0, 0));
  add_staff (org, DAG_QUAL_MBO, ALL_SLOTS);
  add_participant (org, 3, 1, 0);
  add_participant (org, 1, 1, 0);
  r = run (org, FALSE, 1);
  g_assert_cmpuint (r->placed, ==, 1);
  g_assert_cmpint (group_of (r, 1, DAG_SLOT (0, 0)), ==, 0);
  g_assert_cmpuint (waiting_units (r, DAG_WAIT_NO_STAFF), ==, 1);
  apply_and_check (org, r);
}

static void
test_staff_duo (void)
{
  g_autoptr(DagOrg) org = empty_org ();
  g_autoptr(DagPlanResult) r = NULL;
  int hbo = 0, mbo = 0;

  /* Seven level-2 participants need two staff, one HBO and one MBO; an
   * HBO member who is not available and a volunteer do not help. */
  add_group (org, 0, 8, SLOT (0, 0));
  add_staff (org, DAG_QUAL_HBO, SLOT (1, 0));
  add_staff (org, DAG_QUAL_VOLUNTEER, ALL_SLOTS);
  add_staff (org, DAG_QUAL_MBO, ALL_SLOTS);
  add_staff (org, DAG_QUAL_MBO, ALL_SLOTS);
  add_staff (org, DAG_QUAL_HBO, ALL_SLOTS);
  for (int i = 0; i < 7; i++)
    add_participant (org, 2, 1, 0);
  r = run (org, FALSE, 1);
  g_assert_cmpuint (r->placed, ==, 7);
  for (guint i = 0; i < r->staffing->len; i++)
    {
      const DagStaffing *st = DAG_AT (r->staffing, DagStaffing, i);
      DagQualification q = DAG_AT (org->staff, DagStaff, st->staff)->qualification;
      hbo += q == DAG_QUAL_HBO;
      mbo += q == DAG_QUAL_MBO;
      g_assert_cmpint (q, !=, DAG_QUAL_VOLUNTEER);
    }
  g_assert_cmpint (hbo, ==, 1);
  g_assert_cmpint (mbo, >=, 1);
  apply_and_check (org, r);
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

static void
test_deterministic (void)
{
  g_autoptr(DagOrg) org = demo (60, 4);
  g_autoptr(DagPlanResult) a = run (org, FALSE, 42);
  g_autoptr(DagPlanResult) b = run (org, FALSE, 42);

  g_assert_cmpuint (a->plan->len, ==, b->plan->len);
  g_assert_cmpmem (a->plan->data, a->plan->len * sizeof (DagPlanEntry),
                   b->plan->data, b->plan->len * sizeof (DagPlanEntry));
  g_assert_cmpmem (a->staffing->data, a->staffing->len * sizeof (DagStaffing),
                   b->staffing->data, b->staffing->len * sizeof (DagStaffing));
  g_assert_cmpint (a->objective, ==, b->objective);
}

static void
test_cancel (void)
{
  g_autoptr(DagOrg) org = demo (40, 2);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  DagPlannerOptions o;
  DagPlanResult *r;

  dag_planner_options_init (&o);
  o.week = WEEK;
  g_cancellable_cancel (cancellable);
  r = dag_planner_run (org, &o, NULL, NULL, cancellable, &error);
  g_assert_null (r);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
on_progress (double fraction, gpointer user_data)
{
  double *last = user_data;

  /* Progress only goes forward. */
  g_assert_cmpfloat (fraction, >=, *last);
  *last = fraction;
}

typedef struct {
  GMainLoop     *loop;
  DagPlanResult *result;
  GError        *error;
} AsyncData;

static void
on_done (GObject *source, GAsyncResult *res, gpointer user_data)
{
  AsyncData *d = user_data;

  d->result = dag_planner_run_finish (res, &d->error);
  g_main_loop_quit (d->loop);
}

static void
test_async (void)
{
  g_autoptr(DagOrg) org = demo (40, 3);
  AsyncData d = { g_main_loop_new (NULL, FALSE), NULL, NULL };
  double last = 0;
  DagPlannerOptions o;

  dag_planner_options_init (&o);
  o.week = WEEK;
  dag_planner_run_async (org, &o, on_progress, &last, NULL, on_done, &d);
  g_main_loop_run (d.loop);
  g_assert_no_error (d.error);
  g_assert_nonnull (d.result);
  g_assert_cmpfloat (last, ==, 1.0);
  g_assert_cmpuint (d.result->placed, >, 0);
  dag_plan_result_free (d.result);

  /* Cancelled before it starts: the callback gets the error. */
  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();
    d.result = NULL;
    g_cancellable_cancel (cancellable);
    dag_planner_run_async (org, &o, NULL, NULL, cancellable, on_done, &d);
    g_main_loop_run (d.loop);
    g_assert_null (d.result);
    g_assert_error (d.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_clear_error (&d.error);
  }
  g_main_loop_unref (d.loop);
}

static void
test_replan_unchanged (void)
{
  g_autoptr(DagOrg) org = demo (60, 5);
  g_autoptr(DagPlanResult) first = run (org, FALSE, 1);
  g_autoptr(DagPlanResult) again = NULL;

  dag_plan_result_apply (first, org);
  again = run (org, TRUE, 99);
  /* Nothing changed, so a re-plan changes nothing, whatever the seed. */
  g_assert_cmpuint (again->changes->len, ==, 0);
  g_assert_cmpuint (again->staffing_changes, ==, 0);
  g_assert_cmpuint (again->placed, ==, first->placed);
}

static void
test_replan_newcomer (void)
{
  g_autoptr(DagOrg) org = demo (60, 6);
  g_autoptr(DagPlanResult) first = run (org, FALSE, 1);
  g_autoptr(DagPlanResult) again = NULL;
  g_autoptr(GHashTable) moved = g_hash_table_new (g_direct_hash, g_direct_equal);
  int newcomer;
  guint placed_new = 0;

  dag_plan_result_apply (first, org);
  newcomer = add_participant (org, 1, 4, 0);
  /* The hand-made indication refers to the demo's first contract. */
  {
    DagIndication *ind = DAG_AT (org->indications, DagIndication, org->indications->len - 1);
    const DagContract *c = DAG_AT (org->contracts, DagContract, 0);
    for (guint k = 0; k < c->products->len; k++)
      if (strcmp (DAG_AT (c->products, DagProduct, k)->product, "VERVOER") != 0)
        {
          ind->product = k;
          break;
        }
  }
  dag_org_invalidate_index (org);
  again = run (org, TRUE, 1);
  for (guint i = 0; i < again->changes->len; i++)
    {
      const DagPlanChange *c = DAG_AT (again->changes, DagPlanChange, i);
      if (c->participant == newcomer)
        {
          g_assert_cmpint (c->kind, ==, DAG_CHANGE_ADD);
          placed_new++;
        }
      else
        g_hash_table_add (moved, GINT_TO_POINTER (c->participant + 1));
    }
  g_assert_cmpuint (placed_new, >=, 1);
  g_assert_cmpuint (g_hash_table_size (moved), <=, 3);
  apply_and_check (org, again);
}

static void
test_save (void)
{
  g_autofree char *dir = g_dir_make_tmp ("dagritme-planner-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "test.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DagStore) store = dag_store_open (path, &error);
  g_autoptr(DagOrg) org = demo (30, 8);
  g_autoptr(DagOrg) back = NULL;
  g_autoptr(DagPlanResult) r = NULL;
  gint64 audit;

  g_assert_no_error (error);
  g_assert_true (dag_store_save (store, org, DAG_SECTION_ALL, "test", &error));
  audit = dag_store_count_audit (store, NULL);
  r = run (org, FALSE, 1);
  g_assert_true (dag_plan_result_save (r, store, org, &error));
  g_assert_no_error (error);
  /* One transaction, one audit entry. */
  g_assert_cmpint (dag_store_count_audit (store, NULL), ==, audit + 1);
  back = dag_store_load (store, &error);
  g_assert_no_error (error);
  {
    /* The planned week has the new plan; the plan is dated, so the weeks
     * before keep the old one in entries that end before it. */
    g_autoptr(DagOrg) week = dag_org_for_week (back, r->week);

    g_assert_cmpuint (week->plan->len, ==, r->plan->len);
    g_assert_cmpuint (week->staffing->len, ==, r->staffing->len);
  }

  g_clear_object (&store);
  g_unlink (path);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);
    g_unlink (wal);
    g_unlink (shm);
  }
  g_rmdir (dir);
}

/* 200 random demo organisations of 20–60 participants, planned for
 * different weeks of the year: never an error finding. */
static void
test_property (void)
{
  for (int i = 0; i < 200; i++)
    {
      g_autoptr(DagOrg) org = demo (20 + (i * 7) % 41, 1000 + i);
      DagPlannerOptions o;
      g_autoptr(DagPlanResult) r = NULL;
      g_autoptr(GArray) findings = NULL;

      dag_planner_options_init (&o);
      o.week = WEEK + 7 * (i % 40);
      o.seed = i;
      r = dag_planner_run (org, &o, NULL, NULL, NULL, NULL);
      g_assert_nonnull (r);
      g_assert_cmpuint (r->placed, <=, r->indicated);
      dag_plan_result_apply (r, org);
      findings = dag_rules_check (org, r->week);
      if (dag_rules_count_errors (findings) > 0)
        g_error ("organisation %d: the plan breaks a rule: %s", i,
                 DAG_AT (findings, DagFinding, 0)->message);
    }
}

static char *
entries_elsewhere (const DagOrg *org, int location)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < org->plan->len; i++)
    {
      const DagPlanEntry *e = DAG_AT (org->plan, DagPlanEntry, i);
      if (DAG_AT (org->groups, DagGroup, e->group)->location != location)
        g_string_append_printf (out, "p %d %d %d %u %u\n", e->participant, e->group, e->slot, e->from, e->until);
    }
  for (guint i = 0; i < org->staffing->len; i++)
    {
      const DagStaffing *e = DAG_AT (org->staffing, DagStaffing, i);
      if (DAG_AT (org->groups, DagGroup, e->group)->location != location)
        g_string_append_printf (out, "s %d %d %d %u %u\n", e->staff, e->group, e->slot, e->from, e->until);
    }
  return g_string_free (out, FALSE);
}

/* Planning one location changes only its groups and their staffing, keeps
 * the others' plan with its later dated changes, breaks no rule, and gives
 * each change the reason the week shows. */
static void
test_one_location (void)
{
  g_autoptr(DagOrg) org = demo (150, 11);
  g_autoptr(DagPlanResult) r = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GArray) findings = NULL;
  g_autoptr(GHashTable) errors_before = NULL;
  DagPlannerOptions o;
  int location = 0, unavailable = -1, unavailable_slot = -1;
  guint n_why[DAG_N_CHANGE_WHYS] = { 0 };

  g_assert_cmpuint (org->locations->len, >=, 2);
  /* Another location's entry ends in two weeks: that stays so. */
  for (guint i = 0; i < org->plan->len; i++)
    {
      DagPlanEntry *e = &g_array_index (org->plan, DagPlanEntry, i);
      if (DAG_AT (org->groups, DagGroup, e->group)->location != location)
        {
          e->until = WEEK + 20;
          break;
        }
    }
  /* One participant at this location can no longer come on a dagdeel. */
  for (guint i = 0; i < org->plan->len && unavailable < 0; i++)
    {
      const DagPlanEntry *e = DAG_AT (org->plan, DagPlanEntry, i);
      if (DAG_AT (org->groups, DagGroup, e->group)->location == location)
        {
          unavailable = e->participant;
          unavailable_slot = e->slot;
          DAG_AT (org->participants, DagParticipant, unavailable)->unavailable |= DAG_SLOT_BIT (e->slot);
        }
    }
  g_assert_cmpint (unavailable, >=, 0);
  before = entries_elsewhere (org, location);
  /* The demo's plan is older than its indications: the other locations'
   * errors stay, the planned location adds none. */
  errors_before = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  {
    g_autoptr(GArray) f0 = dag_rules_check (org, WEEK);
    for (guint i = 0; i < f0->len; i++)
      if (DAG_AT (f0, DagFinding, i)->severity == DAG_SEVERITY_ERROR)
        g_hash_table_add (errors_before, g_strdup (DAG_AT (f0, DagFinding, i)->message));
  }

  dag_planner_options_init (&o);
  o.week = WEEK;
  o.keep_existing = TRUE;
  o.location = location;
  r = dag_planner_run (org, &o, NULL, NULL, NULL, NULL);
  g_assert_nonnull (r);
  g_assert_cmpint (r->location, ==, location);
  g_assert_cmpuint (r->placed, <=, r->indicated);
  for (guint i = 0; i < r->changes->len; i++)
    {
      const DagPlanChange *c = DAG_AT (r->changes, DagPlanChange, i);

      if (c->from_group >= 0)
        g_assert_cmpint (DAG_AT (org->groups, DagGroup, c->from_group)->location, ==, location);
      if (c->to_group >= 0)
        g_assert_cmpint (DAG_AT (org->groups, DagGroup, c->to_group)->location, ==, location);
      g_assert_cmpint (c->why, <, DAG_N_CHANGE_WHYS);
      g_assert_cmpstr (dag_change_why_text (c->why), !=, "");
      n_why[c->why]++;
      if (c->participant == unavailable && c->from_slot == unavailable_slot)
        g_assert_cmpint (c->why, ==, DAG_CHANGE_WHY_UNAVAILABLE);
      if (c->kind == DAG_CHANGE_ADD)
        g_assert_cmpint (c->why, ==, DAG_CHANGE_WHY_WAITING);
    }
  g_assert_cmpuint (n_why[DAG_CHANGE_WHY_UNAVAILABLE], >=, 1);

  dag_plan_result_apply (r, org);
  after = entries_elsewhere (org, location);
  g_assert_cmpstr (after, ==, before);
  findings = dag_rules_check (org, r->week);
  for (guint i = 0; i < findings->len; i++)
    if (DAG_AT (findings, DagFinding, i)->severity == DAG_SEVERITY_ERROR &&
        !g_hash_table_contains (errors_before, DAG_AT (findings, DagFinding, i)->message))
      g_error ("planning one location breaks a rule: %s", DAG_AT (findings, DagFinding, i)->message);
}

/* With two thirds of the staff gone and short contracts, what cannot be
 * staffed goes on the waiting list: still never an understaffed plan. */
static void
test_scarce_staff (void)
{
  guint no_staff = 0;

  for (int i = 0; i < 50; i++)
    {
      g_autoptr(DagOrg) org = demo (20 + (i * 13) % 41, 2000 + i);
      DagPlannerOptions o;
      g_autoptr(DagPlanResult) r = NULL;
      g_autoptr(GArray) findings = NULL;

      for (guint s = 0; s < org->staff->len; s++)
        {
          DagStaff *st = DAG_AT (org->staff, DagStaff, s);
          if (s % 3 != 0)
            st->available = 0;
          if (i % 2)
            st->contract_hours = 8;
        }
      dag_planner_options_init (&o);
      o.week = WEEK;
      o.seed = i;
      o.keep_existing = i % 3 == 0;
      r = dag_planner_run (org, &o, NULL, NULL, NULL, NULL);
      no_staff += waiting_units (r, DAG_WAIT_NO_STAFF);
      apply_and_check (org, r);
    }
  g_assert_cmpuint (no_staff, >, 0);
}


/* ---- staff as part of the search (issue 11) ------------------------------ */

static void
test_staff_light_first (void)
{
  g_autoptr(DagOrg) org = empty_org ();
  g_autoptr(DagPlanResult) r = NULL;

  /* One staff member for one dagdeel; three level-4 participants (a third
   * each) and eight of level 1 (an eighth each) want it, in a group of
   * twelve.  The staff member can take the eight, or the three: placing
   * the heavy ones first would give three. */
  add_group (org, 0, 12, SLOT (0, 0));
  add_staff (org, DAG_QUAL_HBO, SLOT (0, 0));
  for (int i = 0; i < 3; i++)
    add_participant (org, 4, 1, 0);
  for (int i = 0; i < 8; i++)
    add_participant (org, 1, 1, 0);
  r = run (org, FALSE, 3);
  g_assert_cmpuint (r->placed, ==, 8);
  g_assert_cmpuint (r->bound, >=, r->placed);
  g_assert_cmpuint (waiting_units (r, DAG_WAIT_NO_STAFF), ==, 3);
  g_assert_cmpuint (waiting_units (r, DAG_WAIT_NO_CAPACITY), ==, 0);
  apply_and_check (org, r);
}

static void
test_staff_friday (void)
{
  g_autoptr(DagOrg) org = empty_org ();
  g_autoptr(DagPlanResult) r = NULL;
  DagStaff *st;

  /* Two staff members with a contract of one dagdeel each: one can work
   * Monday or Friday, the other only Monday.  A group runs both days;
   * some participants can come only on Friday.  Spending the first on
   * Monday leaves Friday without staff. */
  add_group (org, 0, 8, SLOT (0, 0) | SLOT (4, 0));
  add_staff (org, DAG_QUAL_MBO, SLOT (0, 0) | SLOT (4, 0));
  add_staff (org, DAG_QUAL_MBO, SLOT (0, 0));
  for (guint s = 0; s < org->staff->len; s++)
    {
      st = DAG_AT (org->staff, DagStaff, s);
      st->contract_hours = 4;
    }
  for (int i = 0; i < 4; i++)
    add_participant (org, 1, 1, 0);
  for (int i = 0; i < 4; i++)
    {
      int p = add_participant (org, 1, 1, 0);
      participant (org, p)->unavailable = SLOT (0, 0);
    }
  r = run (org, FALSE, 5);
  g_assert_cmpuint (r->placed, ==, 8);
  apply_and_check (org, r);
}

static void
test_wait_honest (void)
{
  g_autoptr(DagOrg) org = empty_org ();
  g_autoptr(DagPlanResult) r = NULL;

  /* A full group and staff to spare: no capacity, not no staff. */
  add_group (org, 0, 2, SLOT (0, 0));
  add_staff (org, DAG_QUAL_HBO, ALL_SLOTS);
  add_staff (org, DAG_QUAL_MBO, ALL_SLOTS);
  for (int i = 0; i < 3; i++)
    add_participant (org, 1, 1, 0);
  r = run (org, FALSE, 1);
  g_assert_cmpuint (r->placed, ==, 2);
  g_assert_cmpuint (waiting_units (r, DAG_WAIT_NO_CAPACITY), ==, 1);
  g_assert_cmpuint (waiting_units (r, DAG_WAIT_NO_STAFF), ==, 0);
  g_assert_cmpuint (r->bound, >=, 2);
}

static void
test_time_never_less (void)
{
  guint last = 0;

  /* The same seed with more time: never fewer dagdelen placed; and the
   * same seed and limit of rounds gives the same plan. */
  for (int k = 0; k < 3; k++)
    {
      g_autoptr(DagOrg) org = demo (120, 77);
      DagPlannerOptions o;
      g_autoptr(DagPlanResult) r = NULL;

      for (guint s = 0; s < org->staff->len; s++)
        if (s % 2)
          DAG_AT (org->staff, DagStaff, s)->available = 0;
      dag_planner_options_init (&o);
      o.week = WEEK;
      o.seed = 4;
      o.time_limit_ms = 20 + 200 * k;
      r = dag_planner_run (org, &o, NULL, NULL, NULL, NULL);
      g_assert_cmpuint (r->placed, >=, last);
      g_assert_cmpuint (r->bound, >=, r->placed);
      last = r->placed;
      apply_and_check (org, r);
    }
}

static void
test_stop_keeps_best (void)
{
  g_autoptr(DagOrg) org = demo (300, 8);
  g_autoptr(GCancellable) stop = g_cancellable_new ();
  DagPlannerOptions o;
  g_autoptr(DagPlanResult) r = NULL;
  g_autoptr(GError) error = NULL;
  gint placed = -1, bound = -1;

  /* Stopped before it starts: the plan so far (nothing searched) is
   * still a whole, staffed plan, and the counts are reported. */
  g_cancellable_cancel (stop);
  dag_planner_options_init (&o);
  o.week = WEEK;
  o.stop = stop;
  o.placed_now = &placed;
  o.bound_now = &bound;
  r = dag_planner_run (org, &o, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (r);
  g_assert_cmpint (placed, ==, (gint) r->placed);
  g_assert_cmpint (bound, >=, placed);
  apply_and_check (org, r);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/planner/fill-exactly", test_fill_exactly);
  g_test_add_func ("/planner/same-group", test_same_group);
  g_test_add_func ("/planner/preferred-day", test_preferred_day);
  g_test_add_func ("/planner/whole-day-by-bus", test_whole_day_by_bus);
  g_test_add_func ("/planner/whole-day-exchange", test_whole_day_exchange);
  g_test_add_func ("/planner/lone-dagdeel-gathers", test_lone_dagdeel_gathers);
  g_test_add_func ("/planner/bus-out-of-reach", test_bus_out_of_reach);
  g_test_add_func ("/planner/balance", test_balance);
  g_test_add_func ("/planner/wait-capacity", test_wait_capacity);
  g_test_add_func ("/planner/wait-no-group", test_wait_no_group);
  g_test_add_func ("/planner/wait-unavailable", test_wait_unavailable);
  g_test_add_func ("/planner/wait-no-staff", test_wait_no_staff);
  g_test_add_func ("/planner/staff-duo", test_staff_duo);
  g_test_add_func ("/planner/deterministic", test_deterministic);
  g_test_add_func ("/planner/cancel", test_cancel);
  g_test_add_func ("/planner/async", test_async);
  g_test_add_func ("/planner/replan-unchanged", test_replan_unchanged);
  g_test_add_func ("/planner/replan-newcomer", test_replan_newcomer);
  g_test_add_func ("/planner/save", test_save);
  g_test_add_func ("/planner/property", test_property);
  g_test_add_func ("/planner/scarce-staff", test_scarce_staff);
  g_test_add_func ("/planner/one-location", test_one_location);
  g_test_add_func ("/planner/staff-light-first", test_staff_light_first);
  g_test_add_func ("/planner/staff-friday", test_staff_friday);
  g_test_add_func ("/planner/wait-honest", test_wait_honest);
  g_test_add_func ("/planner/time-never-less", test_time_never_less);
  g_test_add_func ("/planner/stop-keeps-best", test_stop_keeps_best);
  return g_test_run ();
}
