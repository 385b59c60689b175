/* test-rules.c — each planning rule, broken alone in a minimal plan, gives
 * exactly its own finding; a clean plan gives none. */

#include "config.h"

#include <string.h>

#include "dag-rules.h"
#include "dag-transport-check.h"
#include "dag-travel.h"

/* 2026-11-23 is a Monday without holidays around it. */
#define WEEK dag_date_from_ymd (2026, 11, 23)

static void
add_staff (DagOrg          *org,
           const char      *id,
           DagQualification qual,
           int              hours,
           DagSlotMask      available)
{
  DagStaff s = { g_strdup (id), g_strdup (id), qual, hours, available, FALSE, NULL };
  g_array_append_val (org->staff, s);
}

static DagGroup *
add_group (DagOrg     *org,
           const char *id,
           int         capacity)
{
  DagGroup *g = dag_org_add_group (org);

  g->id = g_strdup (id);
  g->name = g_strdup (id);
  g->location = 0;
  g_ptr_array_add (g->products, g_strdup ("M3"));
  g->min_level = 1;
  g->max_level = 4;
  g->capacity = capacity;
  for (int d = 0; d < 5; d++)
    g->slots |= DAG_SLOT_BIT (DAG_SLOT (d, 0)) | DAG_SLOT_BIT (DAG_SLOT (d, 1));
  return g;
}

/* A participant with one weekly indication; returns the participant index. */
static int
add_participant (DagOrg     *org,
                 const char *id,
                 int         level,
                 int         units,
                 int         product)
{
  DagParticipant p = { 0 };
  DagIndication ind = { 0 };

  p.id = g_strdup (id);
  p.name = g_strdup (id);
  p.bsn = g_strdup ("111222333");
  p.address = g_strdup ("");
  p.municipality = 0;
  g_array_append_val (org->participants, p);

  ind.id = g_strdup_printf ("I-%s", id);
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

static void
plan (DagOrg *org, int participant, int group, int slot)
{
  DagPlanEntry e = { participant, group, slot };
  g_array_append_val (org->plan, e);
}

static void
staff (DagOrg *org, int s, int group, int slot)
{
  DagStaffing e = { s, group, slot };
  g_array_append_val (org->staffing, e);
}

static DagIndication *
indication (DagOrg *org, int i)
{
  return DAG_AT (org->indications, DagIndication, i);
}

#define MON_AM DAG_SLOT (0, 0)
#define TUE_AM DAG_SLOT (1, 0)
#define WED_AM DAG_SLOT (2, 0)
#define FRI_AM DAG_SLOT (4, 0)
#define ALL_SLOTS ((DagSlotMask) 0x3ffff)

/* The clean plan: P1 (level 1, 2 dagdelen a week of M3) in G1 on Monday and
 * Tuesday morning, with HBO staff member S1; S2 (MBO) is free. */
static DagOrg *
clean_org (void)
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

  l = dag_org_add_location (org);
  l->id = g_strdup ("L1");
  l->name = g_strdup ("L1");
  l->address = g_strdup ("");
  l->has_part[0] = l->has_part[1] = TRUE;

  add_group (org, "G1", 8);
  add_staff (org, "S1", DAG_QUAL_HBO, 36, ALL_SLOTS);
  add_staff (org, "S2", DAG_QUAL_MBO, 36, ALL_SLOTS);
  add_participant (org, "P1", 1, 2, 0);
  plan (org, 0, 0, MON_AM);
  plan (org, 0, 0, TUE_AM);
  staff (org, 0, 0, MON_AM);
  staff (org, 0, 0, TUE_AM);
  return org;
}

static void
print_findings (GArray *findings)
{
  for (guint i = 0; i < findings->len; i++)
    {
      const DagFinding *f = DAG_AT (findings, DagFinding, i);
      g_test_message ("finding %s (%s): %s", f->rule, dag_severity_name (f->severity), f->message);
    }
}

/* Exactly one finding, of that rule and severity. */
static const DagFinding *
assert_only (GArray     *findings,
             const char *rule,
             DagSeverity severity)
{
  const DagFinding *f;

  print_findings (findings);
  if (findings->len != 1)
    g_error ("expected exactly one finding (%s), got %u", rule, findings->len);
  f = DAG_AT (findings, DagFinding, 0);
  g_assert_cmpstr (f->rule, ==, rule);
  g_assert_cmpint (f->severity, ==, severity);
  g_assert_nonnull (f->message);
  g_assert_null (strstr (f->message, "111222333"));
  return f;
}

static void
test_clean (void)
{
  g_autoptr(DagOrg) org = clean_org ();
  g_autoptr(GArray) week = dag_rules_check (org, WEEK);
  g_autoptr(GArray) any = dag_rules_check (org, DAG_DATE_NONE);

  print_findings (week);
  g_assert_cmpuint (week->len, ==, 0);
  g_assert_cmpuint (any->len, ==, 0);
}

static void
test_capacity (void)
{
  g_autoptr(DagOrg) org = clean_org ();
  g_autoptr(GArray) findings = NULL;
  const DagFinding *f;

  DAG_AT (org->groups, DagGroup, 0)->capacity = 1;
  plan (org, add_participant (org, "P2", 1, 1, 0), 0, MON_AM);
  findings = dag_rules_check (org, WEEK);
  f = assert_only (findings, DAG_RULE_GROUP_CAPACITY, DAG_SEVERITY_ERROR);
  g_assert_cmpint (f->group, ==, 0);
  g_assert_cmpint (f->slot, ==, MON_AM);
}

static void
test_product (void)
{
  g_autoptr(DagOrg) org = clean_org ();
  g_autoptr(GArray) findings = NULL;
  const DagFinding *f;

  /* P2 has an M1 indication only; G1 takes M3. */
  plan (org, add_participant (org, "P2", 1, 1, 1), 0, MON_AM);
  findings = dag_rules_check (org, WEEK);
  f = assert_only (findings, DAG_RULE_GROUP_PRODUCT, DAG_SEVERITY_ERROR);
  g_assert_cmpint (f->participant, ==, 1);
}

static void
test_level (void)
{
  g_autoptr(DagOrg) org = clean_org ();
  g_autoptr(GArray) findings = NULL;

  DAG_AT (org->groups, DagGroup, 0)->max_level = 1;
  plan (org, add_participant (org, "P2", 2, 1, 0), 0, MON_AM);
  findings = dag_rules_check (org, WEEK);
  g_assert_cmpint (assert_only (findings, DAG_RULE_GROUP_LEVEL, DAG_SEVERITY_ERROR)->participant, ==, 1);
}

static void
test_group_slot (void)
{
  g_autoptr(DagOrg) org = clean_org ();
  g_autoptr(GArray) findings = NULL;

  DAG_AT (org->groups, DagGroup, 0)->slots &= ~DAG_SLOT_BIT (TUE_AM);
  findings = dag_rules_check (org, WEEK);
  g_assert_cmpint (assert_only (findings, DAG_RULE_GROUP_SLOT, DAG_SEVERITY_ERROR)->slot, ==, TUE_AM);
}

static void
test_participant_double (void)
{
  g_autoptr(DagOrg) org = clean_org ();
  g_autoptr(GArray) findings = NULL;

  add_group (org, "G2", 8);
  indication (org, 0)->units = 3;
  plan (org, 0, 1, MON_AM);
  staff (org, 1, 1, MON_AM);
  findings = dag_rules_check (org, WEEK);
  g_assert_cmpint (assert_only (findings, DAG_RULE_PARTICIPANT_DOUBLE, DAG_SEVERITY_ERROR)->participant, ==, 0);
}

static void
test_volume (void)
{
  g_autoptr(DagOrg) org = clean_org ();
  g_autoptr(GArray) findings = NULL;

  plan (org, 0, 0, WED_AM);
  staff (org, 0, 0, WED_AM);
  findings = dag_rules_check (org, WEEK);
  g_assert_cmpint (assert_only (findings, DAG_RULE_VOLUME, DAG_SEVERITY_ERROR)->indication, ==, 0);
}

static void
test_band (void)
{
  g_autoptr(DagOrg) org = clean_org ();
  g_autoptr(GArray) findings = NULL;

  indication (org, 0)->units = 4;
  indication (org, 0)->min_units = 3;
  findings = dag_rules_check (org, WEEK);
  assert_only (findings, DAG_RULE_VOLUME_BAND, DAG_SEVERITY_WARNING);
}

static void
test_unavailable (void)
{
  g_autoptr(DagOrg) org = clean_org ();
  g_autoptr(GArray) findings = NULL;

  DAG_AT (org->participants, DagParticipant, 0)->unavailable = DAG_SLOT_BIT (MON_AM);
  findings = dag_rules_check (org, WEEK);
  g_assert_cmpint (assert_only (findings, DAG_RULE_UNAVAILABLE, DAG_SEVERITY_ERROR)->slot, ==, MON_AM);
}

static void
test_validity (void)
{
  g_autoptr(DagOrg) org = clean_org ();
  g_autoptr(GArray) findings = NULL;
  g_autoptr(GArray) any = NULL;
  const DagFinding *f;

  /* Starts on the Tuesday: the Monday session is outside the validity. */
  indication (org, 0)->start = WEEK + 1;
  findings = dag_rules_check (org, WEEK);
  f = assert_only (findings, DAG_RULE_VALIDITY, DAG_SEVERITY_ERROR);
  g_assert_cmpint (f->slot, ==, MON_AM);
  g_assert_cmpuint (f->date, ==, WEEK);
  /* Without a week the dates do not matter. */
  any = dag_rules_check (org, DAG_DATE_NONE);
  g_assert_cmpuint (any->len, ==, 0);
}

static void
test_holiday (void)
{
  g_autoptr(DagOrg) org = clean_org ();
  g_autoptr(GArray) findings = NULL;
  DagDate christmas_week = dag_date_from_ymd (2026, 12, 21);
  const DagFinding *f;

  plan (org, 0, 0, FRI_AM);
  indication (org, 0)->units = 3;
  staff (org, 0, 0, FRI_AM);
  findings = dag_rules_check (org, christmas_week);
  f = assert_only (findings, DAG_RULE_HOLIDAY, DAG_SEVERITY_WARNING);
  g_assert_cmpuint (f->date, ==, dag_date_from_ymd (2026, 12, 25));
}

static void
test_closure (void)
{
  g_autoptr(DagOrg) org = clean_org ();
  g_autoptr(GArray) findings = NULL;
  DagDate tuesday = WEEK + 1;

  g_array_append_val (DAG_AT (org->locations, DagLocation, 0)->closures, tuesday);
  findings = dag_rules_check (org, WEEK);
  g_assert_cmpint (assert_only (findings, DAG_RULE_CLOSURE, DAG_SEVERITY_WARNING)->slot, ==, TUE_AM);
}

static void
test_shortage (void)
{
  g_autoptr(DagOrg) org = clean_org ();
  g_autoptr(GArray) findings = NULL;

  g_array_remove_index (org->staffing, 1);
  findings = dag_rules_check (org, WEEK);
  g_assert_cmpint (assert_only (findings, DAG_RULE_STAFF_SHORTAGE, DAG_SEVERITY_ERROR)->slot, ==, TUE_AM);
}

static void
test_load_exact (void)
{
  g_autoptr(DagOrg) org = dag_org_new ();
  guint unit = dag_rules_load_unit (&org->settings);
  DagStaffNeed need;

  /* Ratios 8, 6, 5, 3: the shares add up exactly over 120. */
  g_assert_cmpuint (unit, ==, 120);
  /* Six level-2 participants need exactly one staff member ... */
  dag_rules_staff_need (unit, 6 * dag_rules_share (&org->settings, unit, 2), 6, FALSE, &need);
  g_assert_cmpint (need.total, ==, 1);
  /* ... seven need two, and then a duo. */
  dag_rules_staff_need (unit, 7 * dag_rules_share (&org->settings, unit, 2), 7, FALSE, &need);
  g_assert_cmpint (need.total, ==, 2);
  g_assert_cmpint (need.hbo, ==, 1);
  g_assert_cmpint (need.mbo, ==, 1);
  /* Three level-3 and one level-1: 3/5 + 1/8 < 1, one HBO. */
  dag_rules_staff_need (unit, 3 * 24 + 15, 4, TRUE, &need);
  g_assert_cmpint (need.total, ==, 1);
  g_assert_cmpint (need.hbo, ==, 1);
}

static void
test_duo (void)
{
  g_autoptr(DagOrg) org = clean_org ();
  g_autoptr(GArray) findings = NULL;

  /* Seven level-2 participants on Wednesday need two staff: two MBOs break
   * the duo rule. */
  add_staff (org, "S3", DAG_QUAL_MBO, 36, ALL_SLOTS);
  for (int i = 0; i < 7; i++)
    {
      g_autofree char *id = g_strdup_printf ("Q%d", i);
      plan (org, add_participant (org, id, 2, 1, 0), 0, WED_AM);
    }
  staff (org, 1, 0, WED_AM);
  staff (org, 2, 0, WED_AM);
  findings = dag_rules_check (org, WEEK);
  g_assert_cmpint (assert_only (findings, DAG_RULE_STAFF_DUO, DAG_SEVERITY_ERROR)->slot, ==, WED_AM);
}

static void
test_hbo (void)
{
  g_autoptr(DagOrg) org = clean_org ();
  g_autoptr(GArray) findings = NULL;

  plan (org, add_participant (org, "P2", 3, 1, 0), 0, WED_AM);
  staff (org, 1, 0, WED_AM);
  findings = dag_rules_check (org, WEEK);
  g_assert_cmpint (assert_only (findings, DAG_RULE_STAFF_HBO, DAG_SEVERITY_ERROR)->slot, ==, WED_AM);

  /* With hbo_from_level 4 a level-3 participant does not need an HBO. */
  org->settings.hbo_from_level = 4;
  g_clear_pointer (&findings, g_array_unref);
  findings = dag_rules_check (org, WEEK);
  g_assert_cmpuint (findings->len, ==, 0);
}

static void
test_staff_unavailable (void)
{
  g_autoptr(DagOrg) org = clean_org ();
  g_autoptr(GArray) findings = NULL;

  DAG_AT (org->staff, DagStaff, 0)->available = DAG_SLOT_BIT (MON_AM);
  findings = dag_rules_check (org, WEEK);
  g_assert_cmpint (assert_only (findings, DAG_RULE_STAFF_UNAVAILABLE, DAG_SEVERITY_ERROR)->staff, ==, 0);
}

static void
test_staff_double (void)
{
  g_autoptr(DagOrg) org = clean_org ();
  g_autoptr(GArray) findings = NULL;

  add_group (org, "G2", 8);
  plan (org, add_participant (org, "P2", 1, 1, 0), 1, MON_AM);
  staff (org, 0, 1, MON_AM);
  findings = dag_rules_check (org, WEEK);
  g_assert_cmpint (assert_only (findings, DAG_RULE_STAFF_DOUBLE, DAG_SEVERITY_ERROR)->staff, ==, 0);
}

static void
test_staff_contract (void)
{
  g_autoptr(DagOrg) org = clean_org ();
  g_autoptr(GArray) findings = NULL;

  /* 4 hours of 240-minute dagdelen: one dagdeel a week, S1 works two. */
  DAG_AT (org->staff, DagStaff, 0)->contract_hours = 4;
  g_assert_cmpint (dag_rules_staff_max_slots (&org->settings, DAG_AT (org->staff, DagStaff, 0)), ==, 1);
  findings = dag_rules_check (org, WEEK);
  g_assert_cmpint (assert_only (findings, DAG_RULE_STAFF_CONTRACT, DAG_SEVERITY_ERROR)->staff, ==, 0);
}

static void
test_expiring (void)
{
  g_autoptr(DagOrg) org = clean_org ();
  g_autoptr(GArray) findings = NULL;
  g_autoptr(GArray) later = NULL;

  /* Ends 41 days after the Monday: within six weeks. */
  indication (org, 0)->end = WEEK + 41;
  findings = dag_rules_check (org, WEEK);
  g_assert_cmpint (assert_only (findings, DAG_RULE_EXPIRING, DAG_SEVERITY_WARNING)->indication, ==, 0);
  /* 42 days: not yet. */
  indication (org, 0)->end = WEEK + 42;
  later = dag_rules_check (org, WEEK);
  g_assert_cmpuint (later->len, ==, 0);
}

static void
test_weekly_volume (void)
{
  DagIndication ind = { 0 };
  int max, min;

  ind.units = 8;
  ind.per = DAG_PER_MONTH;
  ind.min_units = -1;
  dag_rules_weekly_volume (&ind, &max, &min);
  /* 8 a month = 96 a year = 1.85 a week: 2. */
  g_assert_cmpint (max, ==, 2);
  g_assert_cmpint (min, ==, 0);

  ind.per = DAG_PER_PERIOD;
  ind.units = 52;
  ind.start = dag_date_from_ymd (2026, 1, 5);
  ind.end = ind.start + 26 * 7 - 1;
  dag_rules_weekly_volume (&ind, &max, NULL);
  g_assert_cmpint (max, ==, 2);

  ind.per = DAG_PER_WEEK;
  ind.units = 4;
  ind.min_units = 2;
  dag_rules_weekly_volume (&ind, &max, &min);
  g_assert_cmpint (max, ==, 4);
  g_assert_cmpint (min, ==, 2);
}

/* The findings of full about group slot gs, in order. */
static GPtrArray *
about_cell (GArray *full, int gs)
{
  GPtrArray *out = g_ptr_array_new ();

  for (guint i = 0; i < full->len; i++)
    {
      const DagFinding *f = DAG_AT (full, DagFinding, i);
      if (f->group >= 0 && f->slot >= 0 && f->group * DAG_N_SLOTS + f->slot == gs)
        g_ptr_array_add (out, (gpointer) f);
    }
  return out;
}

/* Checking a few cells gives exactly the whole check's findings about
 * them: a participant planned twice on Monday morning is reported on the
 * cell of the later entry (G1), never on G2's; G2 is over capacity. */
static void
test_check_cells (void)
{
  g_autoptr(DagOrg) org = clean_org ();
  g_autoptr(GArray) full = NULL;
  int p2, p3;

  add_group (org, "G2", 1);
  p2 = add_participant (org, "P2", 1, 2, 0);
  p3 = add_participant (org, "P3", 1, 2, 0);
  /* P2 first in G2, then again in G1 on Monday morning. */
  plan (org, p2, 1, MON_AM);
  plan (org, p3, 1, MON_AM);
  plan (org, p2, 0, MON_AM);
  staff (org, 1, 1, MON_AM);
  /* S1 also works G2 on Tuesday (a second group then: staff-double). */
  staff (org, 0, 1, TUE_AM);
  plan (org, p3, 1, TUE_AM);
  full = dag_rules_check (org, WEEK);

  for (int gs = 0; gs < (int) org->groups->len * DAG_N_SLOTS; gs++)
    {
      g_autoptr(GArray) one = dag_rules_check_cells (org, WEEK, &gs, 1);
      g_autoptr(GPtrArray) want = about_cell (full, gs);

      if (one->len != want->len)
        g_error ("cell %d: expected %u findings as the whole check has, got %u", gs, want->len, one->len);
      for (guint i = 0; i < one->len; i++)
        {
          const DagFinding *f = DAG_AT (one, DagFinding, i), *w = g_ptr_array_index (want, i);
          g_assert_cmpstr (f->rule, ==, w->rule);
          g_assert_cmpstr (f->message, ==, w->message);
        }
    }
  {
    int g1_mon = 0 * DAG_N_SLOTS + MON_AM, g2_mon = 1 * DAG_N_SLOTS + MON_AM;
    int g1_tue = 0 * DAG_N_SLOTS + TUE_AM;
    g_autoptr(GArray) g1 = dag_rules_check_cells (org, WEEK, &g1_mon, 1);
    g_autoptr(GArray) g2 = dag_rules_check_cells (org, WEEK, &g2_mon, 1);
    g_autoptr(GArray) tue = dag_rules_check_cells (org, WEEK, &g1_tue, 1);
    gboolean double_on_g1 = FALSE, capacity_on_g2 = FALSE;

    for (guint i = 0; i < g1->len; i++)
      double_on_g1 |= g_str_equal (DAG_AT (g1, DagFinding, i)->rule, DAG_RULE_PARTICIPANT_DOUBLE);
    for (guint i = 0; i < g2->len; i++)
      {
        g_assert_cmpstr (DAG_AT (g2, DagFinding, i)->rule, !=, DAG_RULE_PARTICIPANT_DOUBLE);
        capacity_on_g2 |= g_str_equal (DAG_AT (g2, DagFinding, i)->rule, DAG_RULE_GROUP_CAPACITY);
      }
    g_assert_true (double_on_g1);
    g_assert_true (capacity_on_g2);
    /* G1 on Tuesday has P1 and HBO S1, who works there before G2: S1's
     * second group that morning is reported on G2's cell, not here. */
    g_assert_cmpuint (tue->len, ==, 0);
  }
}

/* A stored run of WEEK's Monday driven by S1, a pick-up at 09:14 that
 * arrives at L1 at arrival (no coordinates: every leg takes 0 minutes). */
static void
add_driven_run (DagOrg *org,
                int     driver,
                int     pick_up,
                int     arrival,
                DagDate date)
{
  DagVehicle v = { g_strdup ("V1"), g_strdup ("Bus"), 8, 1, 0, 45 };
  DagRun *run;
  DagStop stop = { 0, pick_up };

  if (org->vehicles->len == 0)
    g_array_append_val (org->vehicles, v);
  else
    {
      g_free (v.id);
      g_free (v.name);
    }
  run = dag_org_add_run (org);
  run->id = g_strdup_printf ("R%u", org->runs->len);
  run->date = date;
  run->vehicle = 0;
  run->driver = driver;
  run->location = 0;
  run->direction = DAG_DIRECTION_TO;
  run->time = arrival;
  g_array_append_val (run->stops, stop);
}

/* S1 leads G1 on Monday morning (09:00–13:00) and drives a run 09:14–09:30
 * that morning: one error about S1, G1 and Monday morning, merged with the
 * week's other findings; a run that arrives at 09:00, or one in another
 * week, is none. */
static void
test_driver_clash (void)
{
  g_autoptr(DagOrg) org = clean_org ();
  g_autoptr(DagTravel) travel = NULL;
  g_autoptr(GArray) findings = NULL;
  g_autoptr(GArray) drivers = NULL;
  DagLocation *l = DAG_AT (org->locations, DagLocation, 0);
  const DagFinding *f;

  l->part_start[0] = 9 * 60;
  l->part_end[0] = 13 * 60;
  l->part_start[1] = 13 * 60;
  l->part_end[1] = 17 * 60;
  DAG_AT (org->staff, DagStaff, 0)->driver = TRUE;
  add_driven_run (org, 0, 9 * 60 + 14, 9 * 60 + 30, WEEK);
  add_driven_run (org, 0, 8 * 60 + 40, 9 * 60, WEEK + 1);
  add_driven_run (org, 0, 9 * 60 + 14, 9 * 60 + 30, WEEK + 7);
  travel = dag_travel_new (org, NULL);

  findings = dag_rules_check (org, WEEK);
  drivers = dag_transport_check_drivers (org, travel, NULL, WEEK, WEEK + 6);
  dag_rules_merge (findings, drivers);
  g_assert_cmpuint (drivers->len, ==, 0);
  f = assert_only (findings, DAG_RULE_DRIVER_CLASH, DAG_SEVERITY_ERROR);
  g_assert_cmpint (f->staff, ==, 0);
  g_assert_cmpint (f->group, ==, 0);
  g_assert_cmpint (f->slot, ==, MON_AM);
  g_assert_cmpint (f->date, ==, WEEK);
  g_assert_cmpint (f->participant, ==, -1);
  g_assert_cmpstr (f->message, ==,
                   "Staff member S1 (S1) drives run R1 from 09:14 to 09:30 on 2026-11-23 "
                   "while staffed in group G1 (G1) on Monday morning, 09:00–13:00");
  g_assert_cmpuint (dag_rules_count_errors (findings), ==, 1);

  /* Errors first when merged with the week's warnings. */
  indication (org, 0)->end = WEEK + 20;
  g_clear_pointer (&findings, g_array_unref);
  g_clear_pointer (&drivers, g_array_unref);
  findings = dag_rules_check (org, WEEK);
  g_assert_cmpuint (findings->len, ==, 1);
  g_assert_cmpstr (DAG_AT (findings, DagFinding, 0)->rule, ==, DAG_RULE_EXPIRING);
  drivers = dag_transport_check_drivers (org, travel, NULL, WEEK, WEEK + 6);
  dag_rules_merge (findings, drivers);
  g_assert_cmpuint (findings->len, ==, 2);
  g_assert_cmpstr (DAG_AT (findings, DagFinding, 0)->rule, ==, DAG_RULE_DRIVER_CLASH);
  g_assert_cmpstr (DAG_AT (findings, DagFinding, 1)->rule, ==, DAG_RULE_EXPIRING);

  /* Working the afternoon instead: the morning run is free to drive. */
  DAG_AT (org->staffing, DagStaffing, 0)->slot = DAG_SLOT (0, 1);
  g_clear_pointer (&drivers, g_array_unref);
  drivers = dag_transport_check_drivers (org, travel, NULL, WEEK, WEEK + 6);
  g_assert_cmpuint (drivers->len, ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/rules/clean", test_clean);
  g_test_add_func ("/rules/capacity", test_capacity);
  g_test_add_func ("/rules/product", test_product);
  g_test_add_func ("/rules/level", test_level);
  g_test_add_func ("/rules/group-slot", test_group_slot);
  g_test_add_func ("/rules/participant-double", test_participant_double);
  g_test_add_func ("/rules/volume", test_volume);
  g_test_add_func ("/rules/band", test_band);
  g_test_add_func ("/rules/unavailable", test_unavailable);
  g_test_add_func ("/rules/validity", test_validity);
  g_test_add_func ("/rules/holiday", test_holiday);
  g_test_add_func ("/rules/closure", test_closure);
  g_test_add_func ("/rules/staff-shortage", test_shortage);
  g_test_add_func ("/rules/load-exact", test_load_exact);
  g_test_add_func ("/rules/duo", test_duo);
  g_test_add_func ("/rules/hbo", test_hbo);
  g_test_add_func ("/rules/staff-unavailable", test_staff_unavailable);
  g_test_add_func ("/rules/staff-double", test_staff_double);
  g_test_add_func ("/rules/staff-contract", test_staff_contract);
  g_test_add_func ("/rules/expiring", test_expiring);
  g_test_add_func ("/rules/weekly-volume", test_weekly_volume);
  g_test_add_func ("/rules/check-cells", test_check_cells);
  g_test_add_func ("/rules/driver-clash", test_driver_clash);
  return g_test_run ();
}
