/* test-production.c — the monthly production: a table of hand-computed
 * cases compared byte for byte with the CSV of INTERFACES.md §2, the
 * problems and notices list, the volume an allocation has left, the XML
 * declaration against its schema, the counting and pricing rules,
 * attendance listing and registering, and the commands. */

#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "dag-attendance.h"
#include "dag-cli.h"
#include "dag-production-export.h"
#include "dag-production.h"
#include "dag-store-attendance.h"
#include "dag-test-db.h"
#include "dag-store.h"

/* ---- building an organisation in code ----------------------------------- */

static DagDate
D (const char *text)
{
  DagDate date = DAG_DATE_NONE;

  g_assert_true (dag_date_parse (text, &date));
  return date;
}

static DagProduct *
add_product (DagContract *c, const char *product, const char *code, const char *unit, gint64 tariff)
{
  DagProduct *p = dag_contract_add_product (c);

  p->product = g_strdup (product);
  p->code = g_strdup (code);
  p->name = g_strdup (product);
  p->unit = g_strdup (unit);
  p->tariff_cents = tariff;
  return p;
}

static void
add_participant (DagOrg *org, const char *id, const char *name, const char *bsn,
                 const char *birth, DagTransport transport)
{
  DagParticipant pa = { 0 };

  pa.id = g_strdup (id);
  pa.name = g_strdup (name);
  pa.bsn = g_strdup (bsn);
  pa.birth_date = D (birth);
  pa.address = g_strdup ("Steenstraat 5, 6828 CA Arnhem");
  pa.municipality = 0;
  pa.transport = transport;
  g_array_append_val (org->participants, pa);
  dag_org_invalidate_index (org);
}

/* Arnhem (0202) does not bill no-shows and has a staffel from unit 9;
 * Ede (0228) bills no-shows.  One location, one group Monday–Friday. */
static DagOrg *
base_org (void)
{
  DagOrg *org = dag_org_new ();
  DagMunicipality arnhem = { g_strdup ("0202"), g_strdup ("Arnhem") };
  DagMunicipality ede = { g_strdup ("0228"), g_strdup ("Ede") };
  DagStaffel tier = { 9, 3100 };
  DagContract *c;
  DagLocation *l;
  DagGroup *g;

  g_free (org->name);
  org->name = g_strdup ("Zorgboerderij De Linde");
  g_free (org->agb_code);
  org->agb_code = g_strdup ("98765432");
  g_array_append_val (org->municipalities, arnhem);
  g_array_append_val (org->municipalities, ede);

  c = dag_org_add_contract (org);
  c->id = g_strdup ("C-ARN");
  c->municipality = 0;
  c->noshow_billable = FALSE;
  g_array_append_val (add_product (c, "M3", "04A03", "dagdeel", 3450)->staffel, tier);
  add_product (c, "VERVOER", "08A01", "rit", 1250);

  c = dag_org_add_contract (org);
  c->id = g_strdup ("C-EDE");
  c->municipality = 1;
  c->noshow_billable = TRUE;
  add_product (c, "M3", "04A03", "dagdeel", 3600);
  add_product (c, "VERVOER", "08A01", "rit", 1300);

  l = dag_org_add_location (org);
  l->id = g_strdup ("L1");
  l->name = g_strdup ("De Linde");
  l->address = g_strdup ("Lindelaan 1, 6800 AA Arnhem");
  l->has_part[DAG_PART_AM] = l->has_part[DAG_PART_PM] = TRUE;
  l->part_start[0] = 540; l->part_end[0] = 780;
  l->part_start[1] = 780; l->part_end[1] = 1020;

  g = dag_org_add_group (org);
  g->id = g_strdup ("G1");
  g->location = 0;
  g->name = g_strdup ("Houtwerkplaats");
  g_ptr_array_add (g->products, g_strdup ("M1"));
  g_ptr_array_add (g->products, g_strdup ("M3"));
  g->min_level = 1;
  g->max_level = 4;
  g->capacity = 8;
  for (int day = 0; day < 5; day++)
    g->slots |= DAG_SLOT_BIT (DAG_SLOT (day, DAG_PART_AM)) | DAG_SLOT_BIT (DAG_SLOT (day, DAG_PART_PM));

  add_participant (org, "P1", "Jan Jansen", "111222333", "1958-04-12", DAG_TRANSPORT_OWN);
  add_participant (org, "P2", "Fatma Yilmaz", "123456782", "1990-02-03", DAG_TRANSPORT_BUS);
  /* A comma in the name: RFC 4180 quotes the field. */
  add_participant (org, "P3", "Kees de Boer, jr.", "999999990", "1975-07-01", DAG_TRANSPORT_OWN);
  dag_org_invalidate_index (org);
  return org;
}

static void
add_indication (DagOrg *org, const char *id, const char *participant, const char *contract,
                const char *product, const char *allocation, const char *start, const char *end,
                int units, DagVolumePer per)
{
  DagIndication ind = { 0 };
  const DagContract *c;

  ind.id = g_strdup (id);
  ind.participant = dag_org_lookup (org, DAG_KIND_PARTICIPANT, participant);
  ind.contract = dag_org_lookup (org, DAG_KIND_CONTRACT, contract);
  g_assert_cmpint (ind.participant, >=, 0);
  g_assert_cmpint (ind.contract, >=, 0);
  c = DAG_AT (org->contracts, DagContract, ind.contract);
  ind.product = -1;
  for (guint i = 0; i < c->products->len; i++)
    if (strcmp (DAG_AT (c->products, DagProduct, i)->product, product) == 0)
      ind.product = i;
  g_assert_cmpint (ind.product, >=, 0);
  ind.level = 2;
  ind.allocation_number = g_strdup (allocation);
  ind.start = D (start);
  ind.end = D (end);
  ind.units = units;
  ind.per = per;
  ind.min_units = -1;
  g_array_append_val (org->indications, ind);
  dag_org_invalidate_index (org);
}

/* slots: "mon-am,wed-pm" in group G1. */
static void
plan (DagOrg *org, const char *participant, const char *slots)
{
  g_auto(GStrv) names = g_strsplit (slots, ",", -1);

  for (guint i = 0; names[i]; i++)
    {
      DagPlanEntry e = { dag_org_lookup (org, DAG_KIND_PARTICIPANT, participant), 0, -1 };
      g_assert_true (dag_slot_parse (names[i], &e.slot));
      g_array_append_val (org->plan, e);
    }
}

/* records: "2026-11-02 am P; 2026-11-02 pm P 120; 2026-11-04 am C" —
 * P present, C cancelled, N no-show, then optionally the minutes. */
static void
attend (DagOrg *org, const char *participant, const char *records)
{
  g_auto(GStrv) items = g_strsplit (records, ";", -1);

  for (guint i = 0; items[i]; i++)
    {
      g_auto(GStrv) f = g_strsplit (g_strstrip (items[i]), " ", -1);
      DagAttendance a = { 0 };

      g_assert_cmpuint (g_strv_length (f), >=, 3);
      a.participant = dag_org_lookup (org, DAG_KIND_PARTICIPANT, participant);
      a.date = D (f[0]);
      g_assert_true (dag_part_parse (f[1], &a.part));
      a.status = f[2][0] == 'P' ? DAG_ATTEND_PRESENT
               : f[2][0] == 'C' ? DAG_ATTEND_CANCELLED : DAG_ATTEND_NO_SHOW;
      a.minutes = f[3] ? atoi (f[3]) : -1;
      a.reason = a.status == DAG_ATTEND_CANCELLED ? g_strdup ("ziek") : NULL;
      g_array_append_val (org->attendance, a);
    }
}

/* Long after every month tested, so every past session must be registered. */
#define TODAY "2027-06-01"

#define HEADER "municipality_code,municipality,bsn,participant,birth_date,allocation_number," \
               "product,product_code,period_start,period_end,units,unit,amount_cents\r\n"
/* The nl dialect writes euros: its last column is "bedrag" (issue 13 item 7). */
#define HEADER_NL "municipality_code;municipality;bsn;participant;birth_date;allocation_number;" \
                  "product;product_code;period_start;period_end;units;unit;bedrag\r\n"

/* ---- the cases ---------------------------------------------------------- */

/* April 2026 starts on a Wednesday; Easter Monday is 6 April and
 * Koningsdag 27 April (a Monday).  Planned Monday and Wednesday mornings,
 * 10 a week.  Present: Wed 1, 8, 15, 22, 29 and Mon 13, 20 = 7 units; the
 * present registered on Easter Monday has no session (not planned) and
 * nothing is registered on Koningsdag (no session, so no problem).
 * 7 × 3450 = 24150 (below the staffel's unit 9). */
static void
build_april_holidays (DagOrg *org)
{
  add_indication (org, "I1", "P1", "C-ARN", "M3", "A-1", "2026-01-01", "2026-12-31", 10, DAG_PER_WEEK);
  plan (org, "P1", "mon-am,wed-am");
  attend (org, "P1", "2026-04-01 am P; 2026-04-06 am P; 2026-04-08 am P; 2026-04-13 am P;"
                     "2026-04-15 am P; 2026-04-20 am P; 2026-04-22 am P; 2026-04-29 am P");
}

/* May 2026: Ascension Day is Thursday 14 May.  Planned Thursday mornings;
 * present on 7, 21 and 28 May = 3 units, 3 × 3450 = 10350. */
static void
build_ascension (DagOrg *org)
{
  add_indication (org, "I1", "P1", "C-ARN", "M3", "A-1", "2026-01-01", "2026-12-31", 4, DAG_PER_WEEK);
  plan (org, "P1", "thu-am");
  attend (org, "P1", "2026-05-07 am P; 2026-05-21 am P; 2026-05-28 am P");
}

/* The indication starts Wednesday 11 November.  Present every Monday and
 * Wednesday morning; 2, 4 and 9 November are outside the validity.
 * Billed: 11, 16, 18, 23, 25, 30 = 6 units, 6 × 3450 = 20700, period
 * 2026-11-11 … 2026-11-30. */
static void
build_starts_mid_month (DagOrg *org)
{
  add_indication (org, "I1", "P1", "C-ARN", "M3", "A-1", "2026-11-11", "2027-05-10", 4, DAG_PER_WEEK);
  plan (org, "P1", "mon-am,wed-am");
  attend (org, "P1", "2026-11-02 am P; 2026-11-04 am P; 2026-11-09 am P; 2026-11-11 am P;"
                     "2026-11-16 am P; 2026-11-18 am P; 2026-11-23 am P; 2026-11-25 am P;"
                     "2026-11-30 am P");
}

/* A-1 ends Sunday 15 November and A-2 (same product) takes over on the
 * 16th.  Present every Monday morning: A-1 has 2 and 9 November = 2 units
 * (6900, period 11-01 … 11-15), A-2 has 16, 23, 30 = 3 units (10350, period
 * 11-16 … 11-30).  Same municipality, BSN and code: A-1 first by date. */
static void
build_ends_mid_month (DagOrg *org)
{
  add_indication (org, "I2", "P1", "C-ARN", "M3", "A-2", "2026-11-16", "2027-11-15", 2, DAG_PER_WEEK);
  add_indication (org, "I1", "P1", "C-ARN", "M3", "A-1", "2026-05-16", "2026-11-15", 2, DAG_PER_WEEK);
  plan (org, "P1", "mon-am");
  attend (org, "P1", "2026-11-02 am P; 2026-11-09 am P; 2026-11-16 am P; 2026-11-23 am P; 2026-11-30 am P");
}

/* 2 a week, planned Monday morning and afternoon and Wednesday morning.
 *   week 45 (2–6):   Mon am P, pm P, Wed C          → 2
 *   week 46 (9–13):  Mon am P, pm P, Wed P          → 3, cap 2: Wed 11 above
 *   week 47 (16–20): Mon am P, pm no-show, Wed P    → 2 (no-show not billable)
 *   week 48 (23–27): Mon am P, pm C, Wed C          → 1
 *   week 49 (30):    Mon am P, pm P                 → 2
 * 9 units: 8 × 3450 + 1 × 3100 (staffel from unit 9) = 30700. */
static void
build_weekly_cap (DagOrg *org)
{
  add_indication (org, "I1", "P1", "C-ARN", "M3", "A-1", "2026-01-01", "2026-12-31", 2, DAG_PER_WEEK);
  plan (org, "P1", "mon-am,mon-pm,wed-am");
  attend (org, "P1", "2026-11-02 am P; 2026-11-02 pm P; 2026-11-04 am C;"
                     "2026-11-09 am P; 2026-11-09 pm P; 2026-11-11 am P;"
                     "2026-11-16 am P; 2026-11-16 pm N; 2026-11-18 am P;"
                     "2026-11-23 am P; 2026-11-23 pm C; 2026-11-25 am C;"
                     "2026-11-30 am P; 2026-11-30 pm P");
}

/* April 2026 starts on a Wednesday: its first ISO week began on Monday
 * 30 March.  2 a week; present Mon 30 and Tue 31 March fill that week, so
 * Wed 1 and Thu 2 April are above the volume.  Next week: Easter Monday,
 * then Tue 7 and Wed 8 are billed and Thu 9 is above.  April: 2 units =
 * 6900, period 2026-04-01 … 2026-04-30. */
static void
build_week_across_months (DagOrg *org)
{
  add_indication (org, "I1", "P1", "C-ARN", "M3", "A-1", "2026-01-01", "2026-12-31", 2, DAG_PER_WEEK);
  plan (org, "P1", "mon-am,tue-am,wed-am,thu-am");
  attend (org, "P1", "2026-03-30 am P; 2026-03-31 am P; 2026-04-01 am P; 2026-04-02 am P;"
                     "2026-04-07 am P; 2026-04-08 am P; 2026-04-09 am P");
}

/* 5 a month; present every Monday and Wednesday morning of November (9
 * sessions).  Date order: 2, 4, 9, 11, 16 billed; 18, 23, 25, 30 above.
 * 5 × 3450 = 17250. */
static void
build_monthly_volume (DagOrg *org)
{
  add_indication (org, "I1", "P1", "C-ARN", "M3", "A-1", "2026-01-01", "2026-12-31", 5, DAG_PER_MONTH);
  plan (org, "P1", "mon-am,wed-am");
  attend (org, "P1", "2026-11-02 am P; 2026-11-04 am P; 2026-11-09 am P; 2026-11-11 am P;"
                     "2026-11-16 am P; 2026-11-18 am P; 2026-11-23 am P; 2026-11-25 am P;"
                     "2026-11-30 am P");
}

/* 6 for the whole indication (October–March).  October: present on the
 * four Mondays (5, 12, 19, 26) = 4 used before November.  November: 2 and
 * 9 billed (6 in all), 16, 23 and 30 above.  2 × 3450 = 6900. */
static void
build_period_volume (DagOrg *org)
{
  add_indication (org, "I1", "P1", "C-ARN", "M3", "A-1", "2026-10-01", "2027-03-31", 6, DAG_PER_PERIOD);
  plan (org, "P1", "mon-am");
  attend (org, "P1", "2026-10-05 am P; 2026-10-12 am P; 2026-10-19 am P; 2026-10-26 am P;"
                     "2026-11-02 am P; 2026-11-09 am P; 2026-11-16 am P; 2026-11-23 am P;"
                     "2026-11-30 am P");
}

/* The same Mondays for P2 under Arnhem (no-shows not billed) and P3 under
 * Ede (no-shows billed): 2 P, 9 N, 16 P, 23 N, 30 C.
 *   P2, 0202: 2 units × 3450 = 6900
 *   P3, 0228: 4 units × 3600 = 14400
 * Sorted by municipality code: 0202 first.  P2 travels by bus but has no
 * VERVOER indication: no ride is billed (a problem, not a line). */
static void
build_noshow (DagOrg *org)
{
  const char *mondays = "2026-11-02 am P; 2026-11-09 am N; 2026-11-16 am P; 2026-11-23 am N; 2026-11-30 am C";

  add_indication (org, "I3", "P3", "C-EDE", "M3", "E-3", "2026-01-01", "2026-12-31", 5, DAG_PER_WEEK);
  add_indication (org, "I2", "P2", "C-ARN", "M3", "A-2", "2026-01-01", "2026-12-31", 5, DAG_PER_WEEK);
  plan (org, "P2", "mon-am");
  plan (org, "P3", "mon-am");
  attend (org, "P2", mondays);
  attend (org, "P3", mondays);
}

/* Only cancellations and presents: Mondays 2 C, 9 C, 16 P, 23 P, 30 C →
 * 2 units = 6900. */
static void
build_cancelled (DagOrg *org)
{
  add_indication (org, "I1", "P1", "C-ARN", "M3", "A-1", "2026-01-01", "2026-12-31", 5, DAG_PER_WEEK);
  plan (org, "P1", "mon-am");
  attend (org, "P1", "2026-11-02 am C; 2026-11-09 am C; 2026-11-16 am P; 2026-11-23 am P; 2026-11-30 am C");
}

/* Registered hours, slot 240 min, threshold 0.75 × 240 = 180 min:
 *   Mon 2:  am 120 + pm 60 (11:00–14:00) = 180 → 0 whole + 180 ≥ 180 → 1
 *   Tue 3:  am 120 (2 h)                 → 0
 *   Wed 4:  am 240 + pm 240 (4 h + 4 h)  → 2
 *   Thu 5:  am 300 (5 h), pm cancelled   → 1 + 60 < 180 → 1
 *   Mon 9:  am 180 (3 h), pm cancelled   → 1
 *   Tue 10: am without hours             → 1 (a slot without hours is one unit)
 * 6 units × 3450 = 20700. */
static void
build_hours (DagOrg *org)
{
  add_indication (org, "I1", "P1", "C-ARN", "M3", "A-1", "2026-01-01", "2026-12-31", 10, DAG_PER_WEEK);
  plan (org, "P1", "mon-am,mon-pm,tue-am,wed-am,wed-pm,thu-am,thu-pm");
  attend (org, "P1", "2026-11-02 am P 120; 2026-11-02 pm P 60; 2026-11-03 am P 120;"
                     "2026-11-04 am P 240; 2026-11-04 pm P 240; 2026-11-05 am P 300; 2026-11-05 pm C;"
                     "2026-11-09 am P 180; 2026-11-09 pm C; 2026-11-10 am P");
}

/* A second location with shorter parts, 09:30–13:00 (210 min) and
 * 13:30–16:30 (180 min), and its group G2 (M3, Monday–Friday); P1 is
 * planned in G2 on the slots given ("mon-am,mon-pm"). */
static void
add_short_location (DagOrg *org, const char *slots)
{
  DagLocation *l = dag_org_add_location (org);
  DagGroup *g;
  g_auto(GStrv) names = g_strsplit (slots, ",", -1);

  l->id = g_strdup ("L2");
  l->name = g_strdup ("De Werkplaats");
  l->address = g_strdup ("Werkstraat 2, 6811 AB Arnhem");
  l->has_part[DAG_PART_AM] = l->has_part[DAG_PART_PM] = TRUE;
  l->part_start[0] = 570; l->part_end[0] = 780;
  l->part_start[1] = 810; l->part_end[1] = 990;
  g = dag_org_add_group (org);
  g->id = g_strdup ("G2");
  g->location = 1;
  g->name = g_strdup ("Fietsenwerkplaats");
  g_ptr_array_add (g->products, g_strdup ("M3"));
  g->min_level = 1;
  g->max_level = 4;
  g->capacity = 8;
  for (int day = 0; day < 5; day++)
    g->slots |= DAG_SLOT_BIT (DAG_SLOT (day, DAG_PART_AM)) | DAG_SLOT_BIT (DAG_SLOT (day, DAG_PART_PM));
  dag_org_invalidate_index (org);

  for (guint i = 0; names[i]; i++)
    {
      DagPlanEntry e = { dag_org_lookup (org, DAG_KIND_PARTICIPANT, "P1"), 1, -1 };
      g_assert_true (dag_slot_parse (names[i], &e.slot));
      g_array_append_val (org->plan, e);
    }
}

/* The location with shorter parts: hours are still counted in units of
 * the slot_minutes setting (240), threshold 180, never in the location's
 * part lengths (DOMAIN.md, sharpened 2026-12-05):
 *   Mon 2: am 210 + pm 180 = 390 → 1 whole, rest 150 < 180 → 1
 *   Tue 3: am 210 + pm 120 = 330 → 1 whole, rest 90 → 1
 *   Wed 4: am 150 (2.5 h) → 0
 * 2 units × 3450 = 6900.  (With the parts' mean length as the unit, as
 * before, it was 2 + 1 + 0 = 3 units, 10350: over-billing.) */
static void
build_short_parts (DagOrg *org)
{
  add_indication (org, "I1", "P1", "C-ARN", "M3", "A-1", "2026-01-01", "2026-12-31", 10, DAG_PER_WEEK);
  add_short_location (org, "mon-am,mon-pm,tue-am,tue-pm,wed-am");
  attend (org, "P1", "2026-11-02 am P 210; 2026-11-02 pm P 180; 2026-11-03 am P 210;"
                     "2026-11-03 pm P 120; 2026-11-04 am P 150");
}

/* Monday–Friday mornings, every weekday of November present: 5 + 5 + 5 +
 * 5 + 1 (Mon 30) = 21 units.  Tiers: 3450 for 1–8, 3100 from 9, 2900 from
 * 17: 8 × 3450 + 8 × 3100 + 5 × 2900 = 27600 + 24800 + 14500 = 66900. */
static void
build_staffel (DagOrg *org)
{
  DagContract *c = DAG_AT (org->contracts, DagContract, 0);
  DagStaffel tier = { 17, 2900 };
  GString *s = g_string_new (NULL);

  g_array_append_val (DAG_AT (c->products, DagProduct, 0)->staffel, tier);
  add_indication (org, "I1", "P1", "C-ARN", "M3", "A-1", "2026-01-01", "2026-12-31", 5, DAG_PER_WEEK);
  plan (org, "P1", "mon-am,tue-am,wed-am,thu-am,fri-am");
  for (int d = 2; d <= 30; d++)
    {
      DagDate date = dag_date_from_ymd (2026, 11, d);
      char buf[DAG_DATE_BUF];
      if (dag_date_weekday (date) < 5)
        g_string_append_printf (s, "%s%s am P", s->len ? ";" : "", dag_date_format (date, buf));
    }
  attend (org, "P1", s->str);
  g_string_free (s, TRUE);
}

/* P2 travels by bus: M3 10 a week and VERVOER 3 rides a week.
 *   Mon 2: am P, pm P → 2 units, 2 rides     Wed 4: P → 1 unit, 2 rides but
 *                                             only 1 fits (week: 3) → 1 above
 *   Mon 9: am P, pm C → 1 unit, 2 rides      Wed 11: C
 *   Mon 16: am N, pm N → 0 units, no rides   Wed 18: P → 1 unit, 2 rides
 * M3: 5 units × 3450 = 17250; VERVOER: 2 + 1 + 2 + 2 = 7 rides × 1250 =
 * 8750.  Product code order: 04A03, then 08A01. */
static void
build_transport (DagOrg *org)
{
  add_indication (org, "I2", "P2", "C-ARN", "M3", "A-2", "2026-01-01", "2026-12-31", 10, DAG_PER_WEEK);
  add_indication (org, "V2", "P2", "C-ARN", "VERVOER", "AV-2", "2026-01-01", "2026-12-31", 3, DAG_PER_WEEK);
  plan (org, "P2", "mon-am,mon-pm,wed-am");
  attend (org, "P2", "2026-11-02 am P; 2026-11-02 pm P; 2026-11-04 am P;"
                     "2026-11-09 am P; 2026-11-09 pm C; 2026-11-11 am C;"
                     "2026-11-16 am N; 2026-11-16 pm N; 2026-11-18 am P");
}

/* P2 moves from Arnhem to Ede on 16 November: day care and transport
 * indications under C-ARN until the 15th, under C-EDE from the 16th.
 * Present every Monday and Thursday morning.
 *   Arnhem: 2, 5, 9, 12 → 4 units × 3450 = 13800; 8 rides × 1250 = 10000
 *   Ede: 16, 19, 23, 26, 30 → 5 units × 3600 = 18000; 10 rides × 1300 = 13000 */
static void
build_moves (DagOrg *org)
{
  add_indication (org, "IA", "P2", "C-ARN", "M3", "A-2", "2026-01-01", "2026-11-15", 2, DAG_PER_WEEK);
  add_indication (org, "VA", "P2", "C-ARN", "VERVOER", "AV-2", "2026-01-01", "2026-11-15", 4, DAG_PER_WEEK);
  add_indication (org, "IE", "P2", "C-EDE", "M3", "E-2", "2026-11-16", "2027-11-15", 2, DAG_PER_WEEK);
  add_indication (org, "VE", "P2", "C-EDE", "VERVOER", "EV-2", "2026-11-16", "2027-11-15", 4, DAG_PER_WEEK);
  plan (org, "P2", "mon-am,thu-am");
  attend (org, "P2", "2026-11-02 am P; 2026-11-05 am P; 2026-11-09 am P; 2026-11-12 am P;"
                     "2026-11-16 am P; 2026-11-19 am P; 2026-11-23 am P; 2026-11-26 am P;"
                     "2026-11-30 am P");
}

/* An absence (9–13 November) and a closure of the location (Monday 16
 * November): presents registered on 9 and 16 have no session behind them.
 * Production follows delivered care: P1 came on the 9th although an
 * absence was reported, so it is billed (a notice); the closed 16th is
 * not.  Billed: 2, 9, 23, 30 = 4 units × 3450 = 13800 (before the rules
 * were sharpened the 9th was refused: 3 units, 10350). */
static void
build_absence_closure (DagOrg *org)
{
  DagAbsence absence = { 0, D ("2026-11-09"), D ("2026-11-13"), g_strdup ("vakantie") };
  DagDate closure = D ("2026-11-16");

  g_array_append_val (org->absences, absence);
  g_array_append_val (DAG_AT (org->locations, DagLocation, 0)->closures, closure);
  add_indication (org, "I1", "P1", "C-ARN", "M3", "A-1", "2026-01-01", "2026-12-31", 2, DAG_PER_WEEK);
  plan (org, "P1", "mon-am");
  attend (org, "P1", "2026-11-02 am P; 2026-11-09 am P; 2026-11-16 am P; 2026-11-23 am P; 2026-11-30 am P");
}

/* The example: two 3-hour visits on one day at the location open
 * 09:30–13:00 and 13:30–16:30, and one 3-hour morning:
 *   Mon 2: am 180 + pm 180 = 360 → 1 whole, rest 120 < 180 → 1
 *   Tue 3: am 180            → 0 whole, rest 180 ≥ 180 → 1
 * 2 units × 3450 = 6900.  (With a unit of (210 + 180) / 2 = 195 minutes,
 * threshold 147, Monday was 1 + (165 ≥ 147) = 2 dagdelen: 3 units.) */
static void
build_hours_short_location (DagOrg *org)
{
  add_indication (org, "I1", "P1", "C-ARN", "M3", "A-1", "2026-01-01", "2026-12-31", 10, DAG_PER_WEEK);
  add_short_location (org, "mon-am,mon-pm,tue-am");
  attend (org, "P1", "2026-11-02 am P 180; 2026-11-02 pm P 180; 2026-11-03 am P 180;"
                     "2026-11-09 am C; 2026-11-09 pm C; 2026-11-10 am C;"
                     "2026-11-16 am C; 2026-11-16 pm C; 2026-11-17 am C;"
                     "2026-11-23 am C; 2026-11-23 pm C; 2026-11-24 am C;"
                     "2026-11-30 am C; 2026-11-30 pm C");
}

/* Delivered care, not the plan: 3 a week, planned Monday and Wednesday
 * mornings in G1 (location L1, closed on Tuesday 24 November).
 *   week 45: Mon 2 P, Wed 4 P, Fri 6 am P (an extra day)   → 3
 *   week 46: Mon 9 P, Tue 10 am P (extra), Wed 11 P,
 *            Thu 12 am P (extra, beyond the 3)             → 3, 12th above
 *   week 47: Mon 16 C, Tue 17 am P (a swap), Wed 18 P      → 2
 *   week 48: Mon 23 P, Tue 24 am P (closure: not billed),
 *            Wed 25 P                                      → 2
 *   week 49: Mon 30 P                                      → 1
 * 11 units: 8 × 3450 + 3 × 3100 = 36900.  The unplanned dagdelen are
 * notices; before, they were refused (8 units, 27600). */
static void
build_unplanned (DagOrg *org)
{
  DagDate closure = D ("2026-11-24");

  g_array_append_val (DAG_AT (org->locations, DagLocation, 0)->closures, closure);
  add_indication (org, "I1", "P1", "C-ARN", "M3", "A-1", "2026-01-01", "2026-12-31", 3, DAG_PER_WEEK);
  plan (org, "P1", "mon-am,wed-am");
  attend (org, "P1", "2026-11-02 am P; 2026-11-04 am P; 2026-11-06 am P;"
                     "2026-11-09 am P; 2026-11-10 am P; 2026-11-11 am P; 2026-11-12 am P;"
                     "2026-11-16 am C; 2026-11-17 am P; 2026-11-18 am P;"
                     "2026-11-23 am P; 2026-11-24 am P; 2026-11-25 am P;"
                     "2026-11-30 am P");
}

/* Ede bills no-shows, but only of a dagdeel that was planned: P3 planned
 * Monday mornings.  Mon 2 P, Tue 3 am N (nothing planned: not billed and
 * listed), Mon 9 N (planned: billed), 16, 23, 30 C.  2 × 3600 = 7200. */
static void
build_unplanned_noshow (DagOrg *org)
{
  add_indication (org, "I3", "P3", "C-EDE", "M3", "E-3", "2026-01-01", "2026-12-31", 5, DAG_PER_WEEK);
  plan (org, "P3", "mon-am");
  attend (org, "P3", "2026-11-02 am P; 2026-11-03 am N; 2026-11-09 am N;"
                     "2026-11-16 am C; 2026-11-23 am C; 2026-11-30 am C");
}

/* Rides only from a billed slot at which P2 was present.  Ede (no-shows
 * billed), M3 2 a week, VERVOER 10 a week; planned Mon am, Wed am and pm.
 * Units are taken in slot order, morning first:
 *   Mon 2:  am N                → 1 unit, no rides
 *   Wed 4:  am N, pm P          → am billed, pm above: no rides
 *   Mon 9:  am P                → 1 unit, 2 rides
 *   Wed 11: am P, pm N          → am billed (2 rides), pm above
 *   Mon 16: C; Wed 18: am N, pm N → 2 units, no rides
 *   Mon 23: am P                → 1 unit, 2 rides; Wed 25 C, C
 *   Mon 30: C
 * M3: 7 × 3600 = 25200; VERVOER: 6 rides × 1300 = 7800.  (Before, every
 * date with any billed unit gave rides: 12 rides, 15600.) */
static void
build_rides_present (DagOrg *org)
{
  add_indication (org, "IE", "P2", "C-EDE", "M3", "E-2", "2026-01-01", "2026-12-31", 2, DAG_PER_WEEK);
  add_indication (org, "VE", "P2", "C-EDE", "VERVOER", "EV-2", "2026-01-01", "2026-12-31", 10, DAG_PER_WEEK);
  plan (org, "P2", "mon-am,wed-am,wed-pm");
  attend (org, "P2", "2026-11-02 am N; 2026-11-04 am N; 2026-11-04 pm P;"
                     "2026-11-09 am P; 2026-11-11 am P; 2026-11-11 pm N;"
                     "2026-11-16 am C; 2026-11-18 am N; 2026-11-18 pm N;"
                     "2026-11-23 am P; 2026-11-25 am C; 2026-11-25 pm C;"
                     "2026-11-30 am C");
}

/* Day care under Ede, the only transport indication under Arnhem: rides
 * are never billed to another municipality.  Mon 2 and 9 P, 16, 23, 30 C:
 * E-2 2 × 3600 = 7200, no rides (before: 4 rides to Arnhem, 5000). */
static void
build_rides_other_municipality (DagOrg *org)
{
  add_indication (org, "IE", "P2", "C-EDE", "M3", "E-2", "2026-01-01", "2026-12-31", 5, DAG_PER_WEEK);
  add_indication (org, "VA", "P2", "C-ARN", "VERVOER", "AV-2", "2026-01-01", "2026-12-31", 10, DAG_PER_WEEK);
  plan (org, "P2", "mon-am");
  attend (org, "P2", "2026-11-02 am P; 2026-11-09 am P; 2026-11-16 am C; 2026-11-23 am C; 2026-11-30 am C");
}

typedef struct {
  const char   *name;
  void        (*build) (DagOrg *org);
  int           year, month;
  DagCsvDialect dialect;
  const char   *expected;
} Case;

static const Case cases[] = {
  { "april-holidays", build_april_holidays, 2026, 4, DAG_CSV_DIALECT_RFC4180,
    HEADER "0202,Arnhem,111222333,Jan Jansen,1958-04-12,A-1,M3,04A03,2026-04-01,2026-04-30,7,dagdeel,24150\r\n" },
  { "ascension", build_ascension, 2026, 5, DAG_CSV_DIALECT_RFC4180,
    HEADER "0202,Arnhem,111222333,Jan Jansen,1958-04-12,A-1,M3,04A03,2026-05-01,2026-05-31,3,dagdeel,10350\r\n" },
  { "starts-mid-month", build_starts_mid_month, 2026, 11, DAG_CSV_DIALECT_RFC4180,
    HEADER "0202,Arnhem,111222333,Jan Jansen,1958-04-12,A-1,M3,04A03,2026-11-11,2026-11-30,6,dagdeel,20700\r\n" },
  { "ends-mid-month", build_ends_mid_month, 2026, 11, DAG_CSV_DIALECT_RFC4180,
    HEADER "0202,Arnhem,111222333,Jan Jansen,1958-04-12,A-1,M3,04A03,2026-11-01,2026-11-15,2,dagdeel,6900\r\n"
           "0202,Arnhem,111222333,Jan Jansen,1958-04-12,A-2,M3,04A03,2026-11-16,2026-11-30,3,dagdeel,10350\r\n" },
  { "weekly-cap", build_weekly_cap, 2026, 11, DAG_CSV_DIALECT_RFC4180,
    HEADER "0202,Arnhem,111222333,Jan Jansen,1958-04-12,A-1,M3,04A03,2026-11-01,2026-11-30,9,dagdeel,30700\r\n" },
  { "week-across-months", build_week_across_months, 2026, 4, DAG_CSV_DIALECT_RFC4180,
    HEADER "0202,Arnhem,111222333,Jan Jansen,1958-04-12,A-1,M3,04A03,2026-04-01,2026-04-30,2,dagdeel,6900\r\n" },
  { "monthly-volume", build_monthly_volume, 2026, 11, DAG_CSV_DIALECT_RFC4180,
    HEADER "0202,Arnhem,111222333,Jan Jansen,1958-04-12,A-1,M3,04A03,2026-11-01,2026-11-30,5,dagdeel,17250\r\n" },
  { "period-volume", build_period_volume, 2026, 11, DAG_CSV_DIALECT_RFC4180,
    HEADER "0202,Arnhem,111222333,Jan Jansen,1958-04-12,A-1,M3,04A03,2026-11-01,2026-11-30,2,dagdeel,6900\r\n" },
  { "noshow", build_noshow, 2026, 11, DAG_CSV_DIALECT_RFC4180,
    HEADER "0202,Arnhem,123456782,Fatma Yilmaz,1990-02-03,A-2,M3,04A03,2026-11-01,2026-11-30,2,dagdeel,6900\r\n"
           "0228,Ede,999999990,\"Kees de Boer, jr.\",1975-07-01,E-3,M3,04A03,2026-11-01,2026-11-30,4,dagdeel,14400\r\n" },
  { "noshow-nl", build_noshow, 2026, 11, DAG_CSV_DIALECT_NL,
    HEADER_NL "0202;Arnhem;123456782;Fatma Yilmaz;1990-02-03;A-2;M3;04A03;2026-11-01;2026-11-30;2;dagdeel;69,00\r\n"
              "0228;Ede;999999990;Kees de Boer, jr.;1975-07-01;E-3;M3;04A03;2026-11-01;2026-11-30;4;dagdeel;144,00\r\n" },
  { "cancelled", build_cancelled, 2026, 11, DAG_CSV_DIALECT_RFC4180,
    HEADER "0202,Arnhem,111222333,Jan Jansen,1958-04-12,A-1,M3,04A03,2026-11-01,2026-11-30,2,dagdeel,6900\r\n" },
  { "hours", build_hours, 2026, 11, DAG_CSV_DIALECT_RFC4180,
    HEADER "0202,Arnhem,111222333,Jan Jansen,1958-04-12,A-1,M3,04A03,2026-11-01,2026-11-30,6,dagdeel,20700\r\n" },
  { "staffel", build_staffel, 2026, 11, DAG_CSV_DIALECT_RFC4180,
    HEADER "0202,Arnhem,111222333,Jan Jansen,1958-04-12,A-1,M3,04A03,2026-11-01,2026-11-30,21,dagdeel,66900\r\n" },
  { "transport", build_transport, 2026, 11, DAG_CSV_DIALECT_RFC4180,
    HEADER "0202,Arnhem,123456782,Fatma Yilmaz,1990-02-03,A-2,M3,04A03,2026-11-01,2026-11-30,5,dagdeel,17250\r\n"
           "0202,Arnhem,123456782,Fatma Yilmaz,1990-02-03,AV-2,VERVOER,08A01,2026-11-01,2026-11-30,7,rit,8750\r\n" },
  { "moves-municipality", build_moves, 2026, 11, DAG_CSV_DIALECT_RFC4180,
    HEADER "0202,Arnhem,123456782,Fatma Yilmaz,1990-02-03,A-2,M3,04A03,2026-11-01,2026-11-15,4,dagdeel,13800\r\n"
           "0202,Arnhem,123456782,Fatma Yilmaz,1990-02-03,AV-2,VERVOER,08A01,2026-11-01,2026-11-15,8,rit,10000\r\n"
           "0228,Ede,123456782,Fatma Yilmaz,1990-02-03,E-2,M3,04A03,2026-11-16,2026-11-30,5,dagdeel,18000\r\n"
           "0228,Ede,123456782,Fatma Yilmaz,1990-02-03,EV-2,VERVOER,08A01,2026-11-16,2026-11-30,10,rit,13000\r\n" },
  { "absence-closure", build_absence_closure, 2026, 11, DAG_CSV_DIALECT_RFC4180,
    HEADER "0202,Arnhem,111222333,Jan Jansen,1958-04-12,A-1,M3,04A03,2026-11-01,2026-11-30,4,dagdeel,13800\r\n" },
  { "short-parts", build_short_parts, 2026, 11, DAG_CSV_DIALECT_RFC4180,
    HEADER "0202,Arnhem,111222333,Jan Jansen,1958-04-12,A-1,M3,04A03,2026-11-01,2026-11-30,2,dagdeel,6900\r\n" },
  { "hours-short-location", build_hours_short_location, 2026, 11, DAG_CSV_DIALECT_RFC4180,
    HEADER "0202,Arnhem,111222333,Jan Jansen,1958-04-12,A-1,M3,04A03,2026-11-01,2026-11-30,2,dagdeel,6900\r\n" },
  { "unplanned", build_unplanned, 2026, 11, DAG_CSV_DIALECT_RFC4180,
    HEADER "0202,Arnhem,111222333,Jan Jansen,1958-04-12,A-1,M3,04A03,2026-11-01,2026-11-30,11,dagdeel,36900\r\n" },
  { "unplanned-noshow", build_unplanned_noshow, 2026, 11, DAG_CSV_DIALECT_RFC4180,
    HEADER "0228,Ede,999999990,\"Kees de Boer, jr.\",1975-07-01,E-3,M3,04A03,2026-11-01,2026-11-30,2,dagdeel,7200\r\n" },
  { "rides-present", build_rides_present, 2026, 11, DAG_CSV_DIALECT_RFC4180,
    HEADER "0228,Ede,123456782,Fatma Yilmaz,1990-02-03,E-2,M3,04A03,2026-11-01,2026-11-30,7,dagdeel,25200\r\n"
           "0228,Ede,123456782,Fatma Yilmaz,1990-02-03,EV-2,VERVOER,08A01,2026-11-01,2026-11-30,6,rit,7800\r\n" },
  { "rides-other-municipality", build_rides_other_municipality, 2026, 11, DAG_CSV_DIALECT_RFC4180,
    HEADER "0228,Ede,123456782,Fatma Yilmaz,1990-02-03,E-2,M3,04A03,2026-11-01,2026-11-30,2,dagdeel,7200\r\n" },
};

static const Case *
find_case (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    if (strcmp (cases[i].name, name) == 0)
      return &cases[i];
  g_assert_not_reached ();
}

static DagOrg *
build_case (const Case *c)
{
  DagOrg *org = base_org ();
  c->build (org);
  return org;
}

static void
test_csv_case (gconstpointer data)
{
  const Case *c = data;
  g_autoptr(DagOrg) org = build_case (c);
  g_autoptr(DagProduction) production = dag_production_compute (org, c->year, c->month, D (TODAY));
  gsize length = 0;
  g_autofree char *csv = dag_production_to_csv (org, production, -1, c->dialect, &length);

  g_assert_cmpuint (length, ==, strlen (csv));
  /* Exact bytes; on failure GLib prints both strings. */
  g_assert_cmpstr (csv, ==, c->expected);
}

/* The problems of a case, one per line: "kind date part participant units". */
static char *
problems_text (const DagOrg *org, const DagProduction *production)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < production->problems->len; i++)
    {
      const DagProductionProblem *p = DAG_AT (production->problems, DagProductionProblem, i);
      char buf[DAG_DATE_BUF];

      g_string_append_printf (s, "%s%s %s %s %s %d\n", p->transport ? "transport:" : "",
                              dag_production_problem_kind_name (p->kind), dag_date_format (p->date, buf),
                              p->part >= 0 ? dag_part_name (p->part) : "day",
                              DAG_AT (org->participants, DagParticipant, p->participant)->id, p->units);
    }
  return g_string_free (s, FALSE);
}

static void
check_problems (const Case *c, DagDate today, const char *expected)
{
  g_autoptr(DagOrg) org = build_case (c);
  g_autoptr(DagProduction) production = dag_production_compute (org, c->year, c->month, today);
  g_autofree char *text = problems_text (org, production);

  g_assert_cmpstr (text, ==, expected);
}

/* Above the weekly volume: only Wed 11 November, 1 unit. */
static void
test_problems_weekly_cap (void)
{
  check_problems (&cases[4], D (TODAY), "above_volume 2026-11-11 day P1 1\n");
}

/* The month after a week filled in March: 1, 2 and 9 April above; the
 * present on Easter Monday … is not registered, but there is no session
 * that day.  Sessions not registered: every planned morning from 13 April
 * on (Mon 13 … Thu 30, without Koningsdag 27 April). */
static void
test_problems_week_across_months (void)
{
  g_autoptr(GString) expected = g_string_new ("above_volume 2026-04-01 day P1 1\n"
                                              "above_volume 2026-04-02 day P1 1\n"
                                              "above_volume 2026-04-09 day P1 1\n");
  const char *unregistered[] = {
    "2026-04-13", "2026-04-14", "2026-04-15", "2026-04-16",
    "2026-04-20", "2026-04-21", "2026-04-22", "2026-04-23",
    "2026-04-28", "2026-04-29", "2026-04-30",
  };

  for (guint i = 0; i < G_N_ELEMENTS (unregistered); i++)
    g_string_append_printf (expected, "unregistered %s am P1 0\n", unregistered[i]);
  check_problems (&cases[5], D (TODAY), expected->str);
}

/* Easter Monday: present registered on a public holiday, not billed;
 * Koningsdag: nothing registered, nothing expected.  With a present on
 * Koningsdag afternoon too (not planned, and a holiday): not billed. */
static void
test_problems_holiday (void)
{
  check_problems (&cases[0], D (TODAY), "closed_day 2026-04-06 am P1 0\n");
  {
    g_autoptr(DagOrg) org = build_case (&cases[0]);
    g_autoptr(DagProduction) production = NULL;
    g_autofree char *text = NULL;
    gsize length;
    g_autofree char *csv = NULL;

    attend (org, "P1", "2026-04-27 pm P");
    production = dag_production_compute (org, 2026, 4, D (TODAY));
    text = problems_text (org, production);
    g_assert_cmpstr (text, ==, "closed_day 2026-04-06 am P1 0\n"
                               "closed_day 2026-04-27 pm P1 0\n");
    csv = dag_production_to_csv (org, production, -1, DAG_CSV_DIALECT_RFC4180, &length);
    g_assert_cmpstr (csv, ==, cases[0].expected);
  }
}

/* Present during an absence: delivered, billed, a notice; present on a
 * closed day: not billed. */
static void
test_problems_absence_closure (void)
{
  check_problems (&cases[15], D (TODAY),
                  "unplanned_billed 2026-11-09 am P1 0\n"
                  "closed_day 2026-11-16 am P1 0\n");
}

/* Attendance on dagdelen that were not planned is billed within the
 * volume and listed as a notice; the closure day is not billed; Thursday
 * 12 is both unplanned and beyond the 3 a week. */
static void
test_problems_unplanned (void)
{
  check_problems (find_case ("unplanned"), D (TODAY),
                  "unplanned_billed 2026-11-06 am P1 0\n"
                  "unplanned_billed 2026-11-10 am P1 0\n"
                  "above_volume 2026-11-12 day P1 1\n"
                  "unplanned_billed 2026-11-12 am P1 0\n"
                  "unplanned_billed 2026-11-17 am P1 0\n"
                  "closed_day 2026-11-24 am P1 0\n");
}

/* Attendance of a participant with no plan at all (so no group either):
 * billed under the day-care indication valid that day, except on
 * Christmas Day.  Thu 24 December: 1 unit, 3450. */
static void
test_problems_unplanned_without_plan (void)
{
  g_autoptr(DagOrg) org = base_org ();
  g_autoptr(DagProduction) production = NULL;
  g_autofree char *text = NULL;
  g_autofree char *csv = NULL;
  gsize length;

  add_indication (org, "I1", "P1", "C-ARN", "M3", "A-1", "2026-01-01", "2026-12-31", 2, DAG_PER_WEEK);
  attend (org, "P1", "2026-12-24 am P; 2026-12-25 am P");
  production = dag_production_compute (org, 2026, 12, D (TODAY));
  text = problems_text (org, production);
  g_assert_cmpstr (text, ==, "unplanned_billed 2026-12-24 am P1 0\n"
                             "closed_day 2026-12-25 am P1 0\n");
  csv = dag_production_to_csv (org, production, -1, DAG_CSV_DIALECT_RFC4180, &length);
  g_assert_cmpstr (csv, ==, HEADER "0202,Arnhem,111222333,Jan Jansen,1958-04-12,A-1,M3,04A03,"
                                   "2026-12-01,2026-12-31,1,dagdeel,3450\r\n");
}

/* A billable no-show of a dagdeel nobody planned is not care delivered:
 * listed, not billed. */
static void
test_problems_unplanned_noshow (void)
{
  check_problems (find_case ("unplanned-noshow"), D (TODAY), "not_planned 2026-11-03 am P3 0\n");
}

/* Rides: the slots beyond the volume are listed; no ride problem. */
static void
test_problems_rides_present (void)
{
  check_problems (find_case ("rides-present"), D (TODAY),
                  "above_volume 2026-11-04 day P2 1\n"
                  "above_volume 2026-11-11 day P2 1\n");
}

/* The only transport indication is another municipality's: the rides of
 * each billed date are listed, not billed there. */
static void
test_problems_rides_other_municipality (void)
{
  check_problems (find_case ("rides-other-municipality"), D (TODAY),
                  "transport:no_indication 2026-11-02 day P2 2\n"
                  "transport:no_indication 2026-11-09 day P2 2\n");
}

/* The new kinds: their machine names, which of them is a notice, and
 * texts that say what happened (no BSN). */
static void
test_problems_describe (void)
{
  g_autoptr(DagOrg) org = build_case (find_case ("unplanned"));
  g_autoptr(DagProduction) production = dag_production_compute (org, 2026, 11, D (TODAY));
  guint seen = 0;

  g_assert_cmpstr (dag_production_problem_kind_name (DAG_PROBLEM_UNPLANNED_BILLED), ==, "unplanned_billed");
  g_assert_cmpstr (dag_production_problem_kind_name (DAG_PROBLEM_CLOSED_DAY), ==, "closed_day");
  g_assert_cmpstr (dag_production_problem_kind_name (DAG_PROBLEM_NOT_PLANNED), ==, "not_planned");
  g_assert_true (dag_production_problem_is_notice (DAG_PROBLEM_UNPLANNED_BILLED));
  g_assert_false (dag_production_problem_is_notice (DAG_PROBLEM_CLOSED_DAY));
  g_assert_false (dag_production_problem_is_notice (DAG_PROBLEM_ABOVE_VOLUME));
  g_assert_false (dag_production_problem_is_notice (DAG_PROBLEM_NOT_PLANNED));

  for (guint i = 0; i < production->problems->len; i++)
    {
      const DagProductionProblem *p = DAG_AT (production->problems, DagProductionProblem, i);
      g_autofree char *text = dag_production_problem_describe (org, p);

      g_assert_null (strstr (text, "111222333"));
      if (p->kind == DAG_PROBLEM_UNPLANNED_BILLED && p->date == D ("2026-11-06"))
        {
          g_assert_cmpint (p->indication, ==, 0);
          g_assert_cmpstr (text, ==, "2026-11-06 am: P1 (Jan Jansen): attended outside the standing plan; "
                                     "billed under indication A-1 within its volume");
          seen |= 1;
        }
      if (p->kind == DAG_PROBLEM_CLOSED_DAY)
        {
          g_assert_cmpstr (text, ==, "2026-11-24 am: P1 (Jan Jansen): attended on a holiday or closure day; not billed");
          seen |= 2;
        }
    }
  g_assert_cmpuint (seen, ==, 3);
}

/* Before the indication starts: outside the validity. */
static void
test_problems_outside_validity (void)
{
  check_problems (&cases[2], D (TODAY),
                  "outside_validity 2026-11-02 am P1 0\n"
                  "outside_validity 2026-11-04 am P1 0\n"
                  "outside_validity 2026-11-09 am P1 0\n");
}

/* Monthly volume: the last four sessions above it. */
static void
test_problems_monthly (void)
{
  check_problems (&cases[6], D (TODAY),
                  "above_volume 2026-11-18 day P1 1\n"
                  "above_volume 2026-11-23 day P1 1\n"
                  "above_volume 2026-11-25 day P1 1\n"
                  "above_volume 2026-11-30 day P1 1\n");
}

/* P2 travels by bus under a contract with VERVOER but has no transport
 * indication: the rides of each billed date (2 and 16 November) are a
 * problem. */
static void
test_problems_no_transport_indication (void)
{
  check_problems (&cases[8], D (TODAY),
                  "transport:no_indication 2026-11-02 day P2 2\n"
                  "transport:no_indication 2026-11-16 day P2 2\n");
}

/* The ride cap: Wed 4 November, 1 ride above; the rest of the month from
 * Mon 23 is not registered (Mon am/pm, Wed am; 25 and 30). */
static void
test_problems_transport_cap (void)
{
  check_problems (&cases[13], D (TODAY),
                  "transport:above_volume 2026-11-04 day P2 1\n"
                  "unregistered 2026-11-23 am P2 0\n"
                  "unregistered 2026-11-23 pm P2 0\n"
                  "unregistered 2026-11-25 am P2 0\n"
                  "unregistered 2026-11-30 am P2 0\n"
                  "unregistered 2026-11-30 pm P2 0\n");
}

/* Attendance without any indication for the group's products, and on a
 * slot that is not planned (Tuesday morning): unplanned attendance is
 * billed when an indication covers it, so without one it is "no
 * indication" too.  Today is 3 November, so only Monday 2 November is in
 * the past. */
static void
build_no_indication (DagOrg *org)
{
  plan (org, "P3", "mon-am");
  attend (org, "P3", "2026-11-02 am P; 2026-11-03 am P; 2026-11-09 am P");
}

static void
test_problems_no_indication (void)
{
  Case c = { "no-indication", build_no_indication, 2026, 11, DAG_CSV_DIALECT_RFC4180, HEADER };
  g_autoptr(DagOrg) org = build_case (&c);
  g_autoptr(DagProduction) production = dag_production_compute (org, 2026, 11, D ("2026-11-03"));
  g_autofree char *text = problems_text (org, production);
  gsize length;
  g_autofree char *csv = dag_production_to_csv (org, production, -1, DAG_CSV_DIALECT_RFC4180, &length);

  /* Nothing billed: the CSV is the header alone.  The 9th is after
   * "today" (the 3rd): a presence typed for it is listed, never billed. */
  g_assert_cmpstr (csv, ==, HEADER);
  g_assert_cmpstr (text, ==,
                   "no_indication 2026-11-02 am P3 0\n"
                   "no_indication 2026-11-03 am P3 0\n"
                   "in_future 2026-11-09 am P3 0\n");
}

/* A session in the past without registration is a problem; today's and
 * later sessions are not (yet).  The presence typed for the 23rd, after
 * "today" the 17th, is listed as such and not billed. */
static void
test_problems_unregistered (void)
{
  check_problems (&cases[10], D ("2026-11-17"), "in_future 2026-11-23 am P1 0\n");
  {
    Case c = cases[10];
    g_autoptr(DagOrg) org = build_case (&c);
    g_autoptr(DagProduction) production = NULL;
    g_autofree char *text = NULL;

    /* Drop the registration of Monday 16 November. */
    for (guint i = 0; i < org->attendance->len; i++)
      if (DAG_AT (org->attendance, DagAttendance, i)->date == D ("2026-11-16"))
        g_array_remove_index (org->attendance, i--);
    production = dag_production_compute (org, 2026, 11, D ("2026-11-24"));
    text = problems_text (org, production);
    g_assert_cmpstr (text, ==, "unregistered 2026-11-16 am P1 0\n");
  }
}

/* ---- remaining volume --------------------------------------------------- */

/* Appends a ledger declaration of municipality for the month of first
 * (its first day) with lines "indication D|C units [rejected]; …". */
static void
add_declaration (DagOrg *org, const char *number, int municipality, const char *first,
                 gboolean sent, const char *lines)
{
  DagDeclaration *d = dag_org_add_declaration (org);
  g_auto(GStrv) items = g_strsplit (lines, ";", -1);
  int y, m, day;

  d->number = g_strdup (number);
  d->municipality = municipality;
  d->month = D (first);
  d->written = d->month + 35;
  d->sent = sent ? d->month + 36 : DAG_DATE_NONE;
  dag_date_to_ymd (d->month, &y, &m, &day);
  for (guint i = 0; items[i]; i++)
    {
      g_auto(GStrv) f = g_strsplit (g_strstrip (items[i]), " ", -1);
      DagDeclarationLine line = { 0 };

      g_assert_cmpuint (g_strv_length (f), >=, 3);
      line.reference = g_strdup_printf ("%s-%u", number, i);
      line.indication = dag_org_lookup (org, DAG_KIND_INDICATION, f[0]);
      g_assert_cmpint (line.indication, >=, 0);
      line.product_code = g_strdup ("04A03");
      line.period_start = d->month;
      line.period_end = dag_date_from_ymd (y, m, dag_date_days_in_month (y, m));
      line.units = atoi (f[2]);
      line.tariff_cents = 3450;
      line.amount_cents = line.units * line.tariff_cents;
      line.debit_credit = f[1][0];
      if (f[3] != NULL)
        {
          line.has_response = TRUE;
          line.response_code = g_strdup ("8001");
          line.response_accepted = FALSE;
        }
      g_array_append_val (d->lines, line);
    }
}

/* 4 a week from Wednesday 11 November 2026 to Monday 10 May 2027: the ISO
 * weeks touching the validity run from Monday 9 November to Monday 10 May,
 * (182 / 7) + 1 = 27 weeks, 108 units (a week the indication only touches
 * has the whole weekly volume, as production counts it).
 * Ledger: December 8 debit, corrected (credit 8, debit 7) → 7; a January
 * line rejected by the municipality (WMO325) counts nothing; a line of
 * another indication counts nothing; the November declaration (the
 * month computed) is this month's production, not counted twice.
 * November's production: 6.  Remaining 108 − 7 − 6 = 95. */
static void
test_remaining_week (void)
{
  g_autoptr(DagOrg) org = build_case (find_case ("starts-mid-month"));
  g_autoptr(DagProduction) production = NULL;
  DagRemaining r = { -1, -1, -1, -1, TRUE };

  add_indication (org, "I9", "P3", "C-ARN", "M3", "A-9", "2026-01-01", "2027-12-31", 4, DAG_PER_WEEK);
  add_declaration (org, "D1", 0, "2026-11-01", TRUE, "I1 D 6; I9 D 4");
  add_declaration (org, "D2", 0, "2026-12-01", TRUE, "I1 D 8; I9 D 9");
  add_declaration (org, "D3", 0, "2026-12-01", FALSE, "I1 C 8; I1 D 7");
  add_declaration (org, "D4", 0, "2027-01-01", TRUE, "I1 D 5 rejected");
  production = dag_production_compute (org, 2026, 11, D (TODAY));

  g_assert_cmpint (dag_production_indicated_units (DAG_AT (org->indications, DagIndication, 0)), ==, 108);
  dag_production_remaining (org, production, 0, &r);
  g_assert_cmpint (r.indicated, ==, 108);
  g_assert_cmpint (r.declared, ==, 7);
  g_assert_cmpint (r.this_month, ==, 6);
  g_assert_cmpint (r.remaining, ==, 95);
  g_assert_false (r.over);

  /* Without a production: the ledger only, November's line counted. */
  dag_production_remaining (org, NULL, 0, &r);
  g_assert_cmpint (r.declared, ==, 13);
  g_assert_cmpint (r.this_month, ==, 0);
  g_assert_cmpint (r.remaining, ==, 95);
}

/* 5 a month for 2026: 12 months, 60 units.  November's production is 5.
 * January–October declared 55 → 0 left, not over; one more unit declared
 * in October → −1, over. */
static void
test_remaining_month (void)
{
  g_autoptr(DagOrg) org = build_case (find_case ("monthly-volume"));
  g_autoptr(DagProduction) production = dag_production_compute (org, 2026, 11, D (TODAY));
  DagRemaining r = { 0 };

  for (int m = 1; m <= 10; m++)
    {
      g_autofree char *number = g_strdup_printf ("M%d", m);
      g_autofree char *first = g_strdup_printf ("2026-%02d-01", m);
      add_declaration (org, number, 0, first, TRUE, m == 10 ? "I1 D 10" : "I1 D 5");
    }
  dag_production_remaining (org, production, 0, &r);
  g_assert_cmpint (r.indicated, ==, 60);
  g_assert_cmpint (r.declared, ==, 55);
  g_assert_cmpint (r.this_month, ==, 5);
  g_assert_cmpint (r.remaining, ==, 0);
  g_assert_false (r.over);

  add_declaration (org, "M10b", 0, "2026-10-01", TRUE, "I1 D 1");
  dag_production_remaining (org, production, 0, &r);
  g_assert_cmpint (r.declared, ==, 56);
  g_assert_cmpint (r.remaining, ==, -1);
  g_assert_true (r.over);
}

/* 6 for the whole indication; October declared 4, November produces 2:
 * nothing left.  Had October been declared 5 (more than was delivered),
 * November goes 1 past it. */
static void
test_remaining_period (void)
{
  g_autoptr(DagOrg) org = build_case (find_case ("period-volume"));
  g_autoptr(DagProduction) production = dag_production_compute (org, 2026, 11, D (TODAY));
  DagRemaining r = { 0 };

  add_declaration (org, "P10", 0, "2026-10-01", TRUE, "I1 D 4");
  dag_production_remaining (org, production, 0, &r);
  g_assert_cmpint (r.indicated, ==, 6);
  g_assert_cmpint (r.declared, ==, 4);
  g_assert_cmpint (r.this_month, ==, 2);
  g_assert_cmpint (r.remaining, ==, 0);
  g_assert_false (r.over);

  add_declaration (org, "P10b", 0, "2026-10-01", TRUE, "I1 D 1");
  dag_production_remaining (org, production, 0, &r);
  g_assert_cmpint (r.remaining, ==, -1);
  g_assert_true (r.over);
}

/* iWmo IV077: a weekly volume allows (calendar weeks touching the period)
 * × volume in a declaration period. */
static void
test_month_max_units (void)
{
  DagIndication week = { 0 }, month = { 0 }, period = { 0 };

  week.start = D ("2026-11-11");
  week.end = D ("2027-05-10");
  week.units = 4;
  week.per = DAG_PER_WEEK;
  /* November 2026 from the 11th: weeks of Mon 9, 16, 23, 30 → 16. */
  g_assert_cmpint (dag_production_month_max_units (&week, D ("2026-11-11"), D ("2026-11-30")), ==, 16);
  /* The period is clipped to the validity: the same. */
  g_assert_cmpint (dag_production_month_max_units (&week, D ("2026-11-01"), D ("2026-11-30")), ==, 16);
  /* December 2026: Tue 1 … Thu 31, weeks of Mon 30 Nov … Mon 28 Dec → 5 × 4. */
  g_assert_cmpint (dag_production_month_max_units (&week, D ("2026-12-01"), D ("2026-12-31")), ==, 20);
  /* February 2027: Mon 1 … Sun 28, exactly 4 weeks. */
  g_assert_cmpint (dag_production_month_max_units (&week, D ("2027-02-01"), D ("2027-02-28")), ==, 16);
  /* Outside the validity: nothing. */
  g_assert_cmpint (dag_production_month_max_units (&week, D ("2026-10-01"), D ("2026-10-31")), ==, 0);

  month.start = D ("2026-01-01");
  month.end = D ("2026-12-31");
  month.units = 5;
  month.per = DAG_PER_MONTH;
  g_assert_cmpint (dag_production_month_max_units (&month, D ("2026-11-01"), D ("2026-11-30")), ==, 5);
  g_assert_cmpint (dag_production_month_max_units (&month, D ("2026-11-16"), D ("2026-11-30")), ==, 5);

  period.start = D ("2026-10-01");
  period.end = D ("2027-03-31");
  period.units = 6;
  period.per = DAG_PER_PERIOD;
  g_assert_cmpint (dag_production_month_max_units (&period, D ("2026-11-01"), D ("2026-11-30")), ==, 6);
}

/* ---- counting and pricing ----------------------------------------------- */

static void
test_threshold (void)
{
  /* 0.75 × 240 = 180 exactly, not 181. */
  g_assert_cmpint (dag_production_threshold_minutes (0.75, 240), ==, 180);
  /* 0.7 × 240 = 168 (167.99999… in binary). */
  g_assert_cmpint (dag_production_threshold_minutes (0.7, 240), ==, 168);
  /* 0.1 × 30 = 3 (3.0000000000000004 in binary). */
  g_assert_cmpint (dag_production_threshold_minutes (0.1, 30), ==, 3);
  /* ⅓ × 240 = 79.99992 at six decimals → 80. */
  g_assert_cmpint (dag_production_threshold_minutes (1.0 / 3.0, 240), ==, 80);
  g_assert_cmpint (dag_production_threshold_minutes (1.0, 240), ==, 240);
}

static void
test_units_for_minutes (void)
{
  /* DOMAIN.md: 3 h → 1, 2 h → 0, 4 h + 4 h → 2, 5 h → 1. */
  g_assert_cmpint (dag_production_units_for_minutes (180, 2, 240, 180), ==, 1);
  g_assert_cmpint (dag_production_units_for_minutes (120, 1, 240, 180), ==, 0);
  g_assert_cmpint (dag_production_units_for_minutes (480, 2, 240, 180), ==, 2);
  g_assert_cmpint (dag_production_units_for_minutes (300, 1, 240, 180), ==, 1);
  /* One minute short of the threshold. */
  g_assert_cmpint (dag_production_units_for_minutes (179, 1, 240, 180), ==, 0);
  /* Never more than the present slots: 10 h in one slot is one unit. */
  g_assert_cmpint (dag_production_units_for_minutes (600, 1, 240, 180), ==, 1);
  /* 4 h + 3 h = 7 h → 1 + (180 ≥ 180) = 2. */
  g_assert_cmpint (dag_production_units_for_minutes (420, 2, 240, 180), ==, 2);
}

static void
test_price (void)
{
  DagProduct p = { 0 };
  DagStaffel t1 = { 9, 3100 }, t2 = { 17, 2900 };

  p.tariff_cents = 3450;
  p.staffel = g_array_new (FALSE, FALSE, sizeof (DagStaffel));
  g_assert_cmpint (dag_production_price (&p, 0), ==, 0);
  g_assert_cmpint (dag_production_price (&p, 10), ==, 34500);
  g_array_append_val (p.staffel, t1);
  /* 8 × 3450 = 27600; 8 × 3450 + 1 × 3100 = 30700. */
  g_assert_cmpint (dag_production_price (&p, 8), ==, 27600);
  g_assert_cmpint (dag_production_price (&p, 9), ==, 30700);
  g_array_append_val (p.staffel, t2);
  /* 27600 + 8 × 3100 + 1 × 2900 = 55300. */
  g_assert_cmpint (dag_production_price (&p, 17), ==, 55300);
  g_array_unref (p.staffel);
}

static void
test_municipality_filter (void)
{
  g_autoptr(DagOrg) org = build_case (find_case ("moves-municipality"));
  g_autoptr(DagProduction) production = dag_production_compute (org, 2026, 11, D (TODAY));
  gsize length;
  g_autofree char *csv = dag_production_to_csv (org, production, 1, DAG_CSV_DIALECT_RFC4180, &length);

  g_assert_cmpstr (csv, ==,
                   HEADER "0228,Ede,123456782,Fatma Yilmaz,1990-02-03,E-2,M3,04A03,2026-11-16,2026-11-30,5,dagdeel,18000\r\n"
                          "0228,Ede,123456782,Fatma Yilmaz,1990-02-03,EV-2,VERVOER,08A01,2026-11-16,2026-11-30,10,rit,13000\r\n");
}

/* RFC 4180 quoting of quotes and line breaks. */
static void
test_csv_quoting (void)
{
  g_autoptr(DagOrg) org = build_case (&cases[10]);
  g_autoptr(DagProduction) production = NULL;
  gsize length;
  g_autofree char *csv = NULL;
  DagParticipant *p1 = DAG_AT (org->participants, DagParticipant, 0);

  g_free (p1->name);
  p1->name = g_strdup ("Jan \"Sjon\"\nJansen");
  production = dag_production_compute (org, 2026, 11, D (TODAY));
  csv = dag_production_to_csv (org, production, -1, DAG_CSV_DIALECT_RFC4180, &length);
  g_assert_cmpstr (csv, ==,
                   HEADER "0202,Arnhem,111222333,\"Jan \"\"Sjon\"\"\nJansen\",1958-04-12,A-1,M3,04A03,"
                          "2026-11-01,2026-11-30,2,dagdeel,6900\r\n");
}

/* The HBO/MBO mix: one HBO on Monday mornings, one MBO Monday and
 * Wednesday mornings in November (5 Mondays, 4 Wednesdays, 4 h each):
 * HBO 20 h, MBO 36 h. */
static void
test_mix (void)
{
  g_autoptr(DagOrg) org = base_org ();
  g_autoptr(DagProduction) production = NULL;
  DagStaff hbo = { g_strdup ("S1"), g_strdup ("Anouk"), DAG_QUAL_HBO, 32, 0x3ffff, FALSE, NULL };
  DagStaff mbo = { g_strdup ("S2"), g_strdup ("Bram"), DAG_QUAL_MBO, 32, 0x3ffff, FALSE, NULL };
  DagStaffing s1 = { 0, 0, DAG_SLOT (0, 0) }, s2 = { 1, 0, DAG_SLOT (0, 0) }, s3 = { 1, 0, DAG_SLOT (2, 0) };
  const DagProductionMix *mix;

  g_array_append_val (org->staff, hbo);
  g_array_append_val (org->staff, mbo);
  g_array_append_val (org->staffing, s1);
  g_array_append_val (org->staffing, s2);
  g_array_append_val (org->staffing, s3);
  production = dag_production_compute (org, 2026, 11, D (TODAY));
  g_assert_cmpuint (production->mix->len, ==, 1);
  mix = DAG_AT (production->mix, DagProductionMix, 0);
  g_assert_cmpint (mix->hbo_minutes, ==, 20 * 60);
  g_assert_cmpint (mix->mbo_minutes, ==, 36 * 60);
}

/* The summary of the move: Arnhem 13800 + 10000 = 238,00, Ede 18000 +
 * 13000 = 310,00, together 548,00; no problems. */
static void
test_summary (void)
{
  g_autoptr(DagOrg) org = build_case (find_case ("moves-municipality"));
  g_autoptr(DagProduction) production = dag_production_compute (org, 2026, 11, D (TODAY));
  g_autofree char *text = dag_production_summary (org, production, -1);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  guint found = 0;

  for (guint i = 0; lines[i]; i++)
    {
      if (g_str_has_prefix (lines[i], "0202   total") && g_str_has_suffix (lines[i], " 238,00"))
        found |= 1;
      if (g_str_has_prefix (lines[i], "0228   total") && g_str_has_suffix (lines[i], " 310,00"))
        found |= 2;
      if (strstr (lines[i], "Total") && g_str_has_suffix (lines[i], " 548,00"))
        found |= 4;
      if (g_str_has_prefix (lines[i], "0228   Ede") && strstr (lines[i], " 10 rit") && g_str_has_suffix (lines[i], " 130,00"))
        found |= 8;
    }
  g_assert_cmpuint (found, ==, 15);
  g_assert_nonnull (strstr (text, "No problems."));
  /* No BSN in a table for people. */
  g_assert_null (strstr (text, "123456782"));
}

/* ---- attendance --------------------------------------------------------- */

typedef struct {
  char *dir;
  char *path;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(DagOrg) org = build_case (&cases[13]);
  g_autoptr(DagStore) store = NULL;
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("dagritme-production-XXXXXX", NULL);
  f->path = g_build_filename (f->dir, "test.db", NULL);
  store = dag_store_open (dag_test_db (f->path), &error);
  g_assert_no_error (error);
  g_assert_true (dag_store_save (store, org, DAG_SECTION_ALL, "test", &error));
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_autoptr(GDir) d = g_dir_open (f->dir, 0, NULL);
  const char *name;

  while (d && (name = g_dir_read_name (d)))
    {
      g_autofree char *p = g_build_filename (f->dir, name, NULL);
      g_unlink (p);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static int
find_record (DagOrg *org, const char *participant, const char *date, int part)
{
  g_autoptr(DagAttendanceIndex) index = dag_attendance_index_new (org);
  return dag_attendance_index_find (index, dag_org_lookup (org, DAG_KIND_PARTICIPANT, participant), D (date), part);
}

static void
test_attendance_set (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DagStore) store = dag_store_open (dag_test_db (f->path), &error);
  g_autoptr(DagOrg) org = NULL;
  gint64 audits = dag_store_count_audit (store, NULL);
  const DagAttendance *a;
  int i;

  /* Replaces the registration of Wed 11 (cancelled) with 3.5 h present. */
  g_assert_true (dag_store_set_attendance (store, "P2", D ("2026-11-11"), DAG_PART_AM,
                                           DAG_ATTEND_PRESENT, 210, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (dag_store_count_audit (store, NULL), ==, audits + 1);
  org = dag_store_load (store, &error);
  i = find_record (org, "P2", "2026-11-11", DAG_PART_AM);
  g_assert_cmpint (i, >=, 0);
  a = DAG_AT (org->attendance, DagAttendance, i);
  g_assert_cmpint (a->status, ==, DAG_ATTEND_PRESENT);
  g_assert_cmpint (a->minutes, ==, 210);
  g_assert_null (a->reason);
  g_assert_cmpuint (org->attendance->len, ==, 9);

  /* Clearing it: back to not registered, one more audit entry. */
  g_assert_true (dag_store_clear_attendance (store, "P2", D ("2026-11-11"), DAG_PART_AM, &error));
  g_assert_cmpint (dag_store_count_audit (store, NULL), ==, audits + 2);
  g_clear_pointer (&org, dag_org_free);
  org = dag_store_load (store, &error);
  g_assert_cmpint (find_record (org, "P2", "2026-11-11", DAG_PART_AM), ==, -1);
  g_assert_cmpuint (org->attendance->len, ==, 8);
}

static void
test_attendance_rollback (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DagStore) store = dag_store_open (dag_test_db (f->path), &error);
  g_autoptr(DagOrg) org = NULL;
  gint64 audits = dag_store_count_audit (store, NULL);

  /* An unknown participant: an error, no record and no audit entry. */
  g_assert_false (dag_store_set_attendance (store, "P404", D ("2026-11-11"), DAG_PART_AM,
                                            DAG_ATTEND_PRESENT, -1, NULL, &error));
  g_assert_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_NOT_FOUND);
  g_assert_cmpint (dag_store_count_audit (store, NULL), ==, audits);

  /* Inside a larger action that fails, the registration goes too. */
  g_clear_error (&error);
  g_assert_true (dag_store_begin (store, &error));
  g_assert_true (dag_store_set_attendance (store, "P2", D ("2026-11-23"), DAG_PART_AM,
                                           DAG_ATTEND_PRESENT, -1, NULL, &error));
  dag_store_rollback (store);
  org = dag_store_load (store, &error);
  g_assert_no_error (error);
  g_assert_cmpint (find_record (org, "P2", "2026-11-23", DAG_PART_AM), ==, -1);
  g_assert_cmpuint (org->attendance->len, ==, 9);
  g_assert_cmpint (dag_store_count_audit (store, NULL), ==, audits);
}

/* Monday 16 November: P2 planned am and pm (both no-show); plus a
 * present registered on Tuesday 17 (not planned) for the listing of the
 * 17th, and nothing on Monday 23 (not registered). */
static void
test_attendance_list (void)
{
  g_autoptr(DagOrg) org = build_case (&cases[13]);
  g_autoptr(DagSchedule) schedule = NULL;
  g_autoptr(DagAttendanceIndex) index = NULL;
  g_autoptr(GArray) rows = NULL;
  const DagAttendanceRow *r;

  attend (org, "P2", "2026-11-17 am P");
  schedule = dag_schedule_new (org);
  index = dag_attendance_index_new (org);

  rows = dag_attendance_list (org, schedule, index, D ("2026-11-16"), D ("2026-11-16"), -1);
  g_assert_cmpuint (rows->len, ==, 2);
  r = DAG_AT (rows, DagAttendanceRow, 0);
  g_assert_cmpint (r->session.part, ==, DAG_PART_AM);
  g_assert_cmpint (r->attendance, >=, 0);
  g_assert_cmpint (DAG_AT (org->attendance, DagAttendance, r->attendance)->status, ==, DAG_ATTEND_NO_SHOW);
  g_clear_pointer (&rows, g_array_unref);

  rows = dag_attendance_list (org, schedule, index, D ("2026-11-17"), D ("2026-11-17"), -1);
  g_assert_cmpuint (rows->len, ==, 1);
  r = DAG_AT (rows, DagAttendanceRow, 0);
  g_assert_cmpint (r->session.plan_entry, ==, -1);
  g_assert_cmpint (r->attendance, >=, 0);
  g_clear_pointer (&rows, g_array_unref);

  rows = dag_attendance_list (org, schedule, index, D ("2026-11-23"), D ("2026-11-23"), 0);
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_cmpint (DAG_AT (rows, DagAttendanceRow, 0)->attendance, ==, -1);
  g_assert_cmpint (DAG_AT (rows, DagAttendanceRow, 1)->attendance, ==, -1);
}

/* ---- the commands ------------------------------------------------------- */

static int
run_cli (const char *database, ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autofree char *db = NULL;
  va_list ap;
  const char *a;
  int status = -1;

  g_ptr_array_add (args, (char *) "dagritme");
  g_ptr_array_add (args, (char *) "--database");
  g_ptr_array_add (args, (char *) database);
  va_start (ap, database);
  while ((a = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (char *) a);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  /* Keep the commands' output out of the TAP stream on stdout. */
  {
    int saved = dup (STDOUT_FILENO);
    int null = open ("/dev/null", O_WRONLY);

    fflush (stdout);
    dup2 (null, STDOUT_FILENO);
    close (null);
    g_assert_true (dag_cli_main (args->len - 1, (char **) args->pdata, &db, &status));
    fflush (stdout);
    dup2 (saved, STDOUT_FILENO);
    close (saved);
  }
  return status;
}

static void
test_cli_export (Fixture *f, gconstpointer data)
{
  g_autofree char *csv_path = g_build_filename (f->dir, "nov.csv", NULL);
  g_autofree char *xml_dir = g_build_filename (f->dir, "xml", NULL);
  g_autofree char *contents = NULL;
  GStatBuf st;

  g_assert_cmpint (run_cli (dag_test_db (f->path), "export", "production", "--month", "2026-11",
                            "--output", csv_path, NULL), ==, 0);
  g_assert_true (g_file_get_contents (csv_path, &contents, NULL, NULL));
  /* The transport case, as computed by hand above. */
  g_assert_cmpstr (contents, ==, cases[13].expected);
  g_assert_cmpint (g_stat (csv_path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_unlink (csv_path);

  /* --format xml is the WMO323 writer now (issue 13 item 7): this
   * organisation has allocation numbers like "A-2" and no iWmo codes, so
   * nothing can be declared and nothing is written (exit 1). */
  g_assert_cmpint (run_cli (dag_test_db (f->path), "export", "production", "--month", "2026-11", "--format", "xml",
                            "--output", xml_dir, NULL), ==, 1);
  {
    g_autoptr(GDir) d = g_dir_open (xml_dir, 0, NULL);
    g_assert_null (d != NULL ? g_dir_read_name (d) : NULL);
  }
  g_rmdir (xml_dir);

  /* Wrong command lines: exit 2; an unknown municipality: exit 1. */
  g_assert_cmpint (run_cli (dag_test_db (f->path), "export", "production", "--month", "2026-13",
                            "--output", csv_path, NULL), ==, 2);
  g_assert_cmpint (run_cli (dag_test_db (f->path), "export", "production", "--month", "2026-11", "--format", "pdf",
                            "--output", csv_path, NULL), ==, 2);
  g_assert_cmpint (run_cli (dag_test_db (f->path), "export", "production", "--month", "2026-11", "--municipality", "9999",
                            "--output", csv_path, NULL), ==, 1);
  g_assert_false (g_file_test (csv_path, G_FILE_TEST_EXISTS));
}

static void
test_cli_attendance (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DagStore) store = NULL;
  g_autoptr(DagOrg) org = NULL;
  int i;

  /* Planned: Monday 23 November, am. */
  g_assert_cmpint (run_cli (dag_test_db (f->path), "attendance", "--date", "2026-11-23", "--participant", "P2",
                            "--slot", "am", "--status", "present", "--hours", "3,5", NULL), ==, 0);
  /* Not planned on Tuesdays: exit 1, nothing written. */
  g_assert_cmpint (run_cli (dag_test_db (f->path), "attendance", "--date", "2026-11-24", "--participant", "P2",
                            "--slot", "am", "--status", "present", NULL), ==, 1);
  /* Wrong status: exit 2. */
  g_assert_cmpint (run_cli (dag_test_db (f->path), "attendance", "--date", "2026-11-23", "--participant", "P2",
                            "--slot", "pm", "--status", "late", NULL), ==, 2);
  g_assert_cmpint (run_cli (dag_test_db (f->path), "attendance", "--date", "2026-11-23", NULL), ==, 0);

  store = dag_store_open (dag_test_db (f->path), &error);
  org = dag_store_load (store, &error);
  i = find_record (org, "P2", "2026-11-23", DAG_PART_AM);
  g_assert_cmpint (i, >=, 0);
  g_assert_cmpint (DAG_AT (org->attendance, DagAttendance, i)->minutes, ==, 210);
  g_assert_cmpint (find_record (org, "P2", "2026-11-24", DAG_PART_AM), ==, -1);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  dag_test_db_init ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/production/csv/%s", cases[i].name);
      g_test_add_data_func (path, &cases[i], test_csv_case);
    }
  g_test_add_func ("/production/csv/municipality-filter", test_municipality_filter);
  g_test_add_func ("/production/csv/quoting", test_csv_quoting);
  g_test_add_func ("/production/problems/weekly-cap", test_problems_weekly_cap);
  g_test_add_func ("/production/problems/week-across-months", test_problems_week_across_months);
  g_test_add_func ("/production/problems/holiday", test_problems_holiday);
  g_test_add_func ("/production/problems/absence-closure", test_problems_absence_closure);
  g_test_add_func ("/production/problems/outside-validity", test_problems_outside_validity);
  g_test_add_func ("/production/problems/monthly", test_problems_monthly);
  g_test_add_func ("/production/problems/no-transport-indication", test_problems_no_transport_indication);
  g_test_add_func ("/production/problems/transport-cap", test_problems_transport_cap);
  g_test_add_func ("/production/problems/no-indication", test_problems_no_indication);
  g_test_add_func ("/production/problems/unregistered", test_problems_unregistered);
  g_test_add_func ("/production/problems/unplanned", test_problems_unplanned);
  g_test_add_func ("/production/problems/unplanned-noshow", test_problems_unplanned_noshow);
  g_test_add_func ("/production/problems/unplanned-without-plan", test_problems_unplanned_without_plan);
  g_test_add_func ("/production/problems/rides-present", test_problems_rides_present);
  g_test_add_func ("/production/problems/rides-other-municipality", test_problems_rides_other_municipality);
  g_test_add_func ("/production/problems/describe", test_problems_describe);
  g_test_add_func ("/production/remaining/week", test_remaining_week);
  g_test_add_func ("/production/remaining/month", test_remaining_month);
  g_test_add_func ("/production/remaining/period", test_remaining_period);
  g_test_add_func ("/production/month-max-units", test_month_max_units);
  g_test_add_func ("/production/threshold", test_threshold);
  g_test_add_func ("/production/units-for-minutes", test_units_for_minutes);
  g_test_add_func ("/production/price", test_price);
  g_test_add_func ("/production/mix", test_mix);
  g_test_add_func ("/production/summary", test_summary);
  g_test_add_func ("/attendance/list", test_attendance_list);
  g_test_add ("/attendance/set-and-clear", Fixture, NULL, fixture_setup, test_attendance_set, fixture_teardown);
  g_test_add ("/attendance/rollback", Fixture, NULL, fixture_setup, test_attendance_rollback, fixture_teardown);
  g_test_add ("/production/cli/export", Fixture, NULL, fixture_setup, test_cli_export, fixture_teardown);
  g_test_add ("/attendance/cli", Fixture, NULL, fixture_setup, test_cli_attendance, fixture_teardown);
  return g_test_run ();
}
