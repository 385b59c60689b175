/* test-ical.c — the iCalendar export: recurrences and EXDATEs parsed back
 * with libical and compared with the schedule, privacy, stable bytes,
 * SEQUENCE, time zones and the command line.
 *
 * Run as "test-ical --write-fixtures DIR" it writes the calendars of its
 * fixture organisation into DIR, each with a .expected file of the sessions
 * that take place, for tests/check-ical.py (an independent parser). */

#include "config.h"

#include <glib/gstdio.h>
#include <libical/ical.h>
#include <string.h>

#include "dag-test-db.h"
#include "dag-cli.h"
#include "dag-holidays.h"
#include "dag-ical.h"
#include "dag-schedule.h"
#include "dag-store-ical.h"

/* The range every test exports: 52 weeks from Monday 30 November 2026. */
#define FROM dag_date_from_ymd (2026, 11, 30)
#define TO   dag_date_from_ymd (2027, 11, 28)
#define NOW1 1795000000   /* 2026-11-18T11:06:40Z */
#define NOW2 1796000000   /* 2026-11-30T00:53:20Z */

static const char *const bsns[] = { "111222333", "123456782", "111111110" };

/* ---- the fixture organisation ------------------------------------------- */

static void
add_location (DagOrg *org, const char *id, const char *name, const char *address,
              int am_start, int am_end, int pm_start, int pm_end)
{
  DagLocation *l = dag_org_add_location (org);

  l->id = g_strdup (id);
  l->name = g_strdup (name);
  l->address = g_strdup (address);
  l->lat = 51.98;
  l->lon = 5.9;
  l->has_part[DAG_PART_AM] = l->has_part[DAG_PART_PM] = TRUE;
  l->part_start[0] = am_start;
  l->part_end[0] = am_end;
  l->part_start[1] = pm_start;
  l->part_end[1] = pm_end;
}

static void
add_group (DagOrg *org, const char *id, int location, const char *name,
           const char *products, DagSlotMask slots)
{
  DagGroup *g = dag_org_add_group (org);
  g_auto(GStrv) list = g_strsplit (products, ",", -1);

  g->id = g_strdup (id);
  g->location = location;
  g->name = g_strdup (name);
  for (int i = 0; list[i]; i++)
    g_ptr_array_add (g->products, g_strdup (list[i]));
  g->min_level = 1;
  g->max_level = 4;
  g->capacity = 8;
  g->slots = slots;
}

static void
add_participant (DagOrg *org, const char *id, const char *name, const char *bsn,
                 DagDate birth, DagTransport transport)
{
  DagParticipant p = { g_strdup (id), g_strdup (name), birth, g_strdup (bsn),
                       g_strdup_printf ("Dorpsstraat %u, 6800 AB Arnhem", org->participants->len + 1),
                       TRUE, 51.97, 5.92, 0, transport, FALSE, 0, 0 };
  g_array_append_val (org->participants, p);
}

static void
add_indication (DagOrg *org, const char *id, int participant, int product, int level,
                DagDate start, DagDate end)
{
  DagIndication ind = { g_strdup (id), participant, 0, product, level, g_strdup ("A-2026-0001"),
                        start, end, 4, DAG_PER_WEEK, -1 };
  g_array_append_val (org->indications, ind);
}

static void
add_plan (DagOrg *org, int participant, int group, const char *slot)
{
  DagPlanEntry e = { participant, group, 0 };

  g_assert_true (dag_slot_parse (slot, &e.slot));
  g_array_append_val (org->plan, e);
}

static void
add_staffing (DagOrg *org, int staff, int group, const char *slot)
{
  DagStaffing e = { staff, group, 0 };

  g_assert_true (dag_slot_parse (slot, &e.slot));
  g_array_append_val (org->staffing, e);
}

static void
add_run (DagOrg *org, const char *id, DagDate date, DagDirection direction, int time,
         int participant, int stop_time)
{
  DagRun *r = dag_org_add_run (org);
  DagStop stop = { participant, stop_time };

  r->id = g_strdup (id);
  r->date = date;
  r->vehicle = 0;
  r->driver = 0;
  r->location = 0;
  r->direction = direction;
  r->time = time;
  g_array_append_val (r->stops, stop);
}

static DagSlotMask
mask (const char *slots)
{
  g_auto(GStrv) list = g_strsplit (slots, ",", -1);
  DagSlotMask m = 0;
  int slot;

  for (int i = 0; list[i]; i++)
    {
      g_assert_true (dag_slot_parse (list[i], &slot));
      m |= DAG_SLOT_BIT (slot);
    }
  return m;
}

/* Participant 0 (P1, bus): G1 mon-am, mon-pm, tue-am, thu-pm, a week's absence
 * in February.  P2: G1 tue-am and fri-am, indication ending Wednesday 30 June
 * 2027.  P3 (bus): G2 at L2 on Wednesdays, indication from 11 January 2027.
 * L1 is closed on 24 December 2026. */
static DagOrg *
fixture_org (void)
{
  DagOrg *org = dag_org_new ();
  DagMunicipality m = { g_strdup ("0202"), g_strdup ("Arnhem") };
  DagContract *c;
  DagProduct *p;
  DagStaff s1 = { g_strdup ("S1"), g_strdup ("Anouk de Vries"), DAG_QUAL_HBO, 32, mask ("mon-am,mon-pm,tue-am"),
                  TRUE, g_strdup ("anouk@example.org") };
  DagStaff s2 = { g_strdup ("S2"), g_strdup ("Bram Smit"), DAG_QUAL_MBO, 24, mask ("wed-am,wed-pm"), FALSE, NULL };
  DagVehicle v = { g_strdup ("V1"), g_strdup ("Bus 1"), 8, 2, 0, 45 };
  DagAbsence a = { 0, dag_date_from_ymd (2027, 2, 15), dag_date_from_ymd (2027, 2, 19), g_strdup ("ziek: griep") };
  DagDate closure = dag_date_from_ymd (2026, 12, 24);

  g_free (org->name);
  org->name = g_strdup ("Zorgboerderij De Linde");
  g_free (org->agb_code);
  org->agb_code = g_strdup ("98765432");
  g_array_append_val (org->municipalities, m);

  c = dag_org_add_contract (org);
  c->id = g_strdup ("C-ARN");
  c->municipality = 0;
  p = dag_contract_add_product (c);
  p->product = g_strdup ("M3");
  p->code = g_strdup ("04A03");
  p->name = g_strdup ("Dagbesteding");
  p->unit = g_strdup ("dagdeel");
  p->tariff_cents = 3450;
  p = dag_contract_add_product (c);
  p->product = g_strdup ("M1");
  p->code = g_strdup ("04A01");
  p->name = g_strdup ("Arbeidsmatig");
  p->unit = g_strdup ("dagdeel");
  p->tariff_cents = 3950;

  add_location (org, "L1", "De Linde", "Lindelaan 1, 6800 AA Arnhem", 540, 780, 780, 1020);
  g_array_append_val (DAG_AT (org->locations, DagLocation, 0)->closures, closure);
  add_location (org, "L2", "De Werf", "Havenweg 3, 6603 AK Wijchen", 570, 780, 810, 990);
  add_group (org, "G1", 0, "Houtwerkplaats", "M1,M3", mask ("mon-am,mon-pm,tue-am,thu-pm,fri-am"));
  add_group (org, "G2", 1, "Tuingroep", "M3", mask ("wed-am,wed-pm"));

  g_array_append_val (org->staff, s1);
  g_array_append_val (org->staff, s2);
  g_array_append_val (org->vehicles, v);

  add_participant (org, "P1", "Jan Jansen", bsns[0], dag_date_from_ymd (1958, 4, 12), DAG_TRANSPORT_BUS);
  add_participant (org, "P2", "Marieke Bos", bsns[1], dag_date_from_ymd (1990, 9, 3), DAG_TRANSPORT_OWN);
  add_participant (org, "P3", "Kees Visser", bsns[2], dag_date_from_ymd (1971, 1, 30), DAG_TRANSPORT_BUS);
  add_indication (org, "I1", 0, 0, 2, dag_date_from_ymd (2026, 1, 1), dag_date_from_ymd (2027, 12, 31));
  add_indication (org, "I2", 1, 1, 3, dag_date_from_ymd (2026, 6, 1), dag_date_from_ymd (2027, 6, 30));
  add_indication (org, "I3", 2, 0, 4, dag_date_from_ymd (2027, 1, 11), dag_date_from_ymd (2027, 12, 31));

  add_plan (org, 0, 0, "mon-am");
  add_plan (org, 0, 0, "mon-pm");
  add_plan (org, 0, 0, "tue-am");
  add_plan (org, 0, 0, "thu-pm");
  add_plan (org, 1, 0, "tue-am");
  add_plan (org, 1, 0, "fri-am");
  add_plan (org, 2, 1, "wed-am");
  add_plan (org, 2, 1, "wed-pm");
  add_staffing (org, 0, 0, "mon-am");
  add_staffing (org, 0, 0, "tue-am");
  add_staffing (org, 1, 1, "wed-am");
  g_array_append_val (org->absences, a);

  /* P1 is picked up at 08:31 on both Mondays, at 08:31 and 08:40 on the
   * Tuesdays; a run stored on Christmas Day must not reach any calendar. */
  add_run (org, "R1", dag_date_from_ymd (2026, 11, 30), DAG_DIRECTION_TO, 8 * 60 + 52, 0, 8 * 60 + 31);
  add_run (org, "R2", dag_date_from_ymd (2026, 12, 7), DAG_DIRECTION_TO, 8 * 60 + 52, 0, 8 * 60 + 31);
  add_run (org, "R3", dag_date_from_ymd (2026, 12, 1), DAG_DIRECTION_TO, 8 * 60 + 52, 0, 8 * 60 + 31);
  add_run (org, "R4", dag_date_from_ymd (2026, 12, 8), DAG_DIRECTION_TO, 8 * 60 + 55, 0, 8 * 60 + 40);
  add_run (org, "R5", dag_date_from_ymd (2026, 11, 30), DAG_DIRECTION_FROM, 17 * 60, 0, 17 * 60 + 20);
  add_run (org, "R6", dag_date_from_ymd (2026, 12, 25), DAG_DIRECTION_TO, 8 * 60 + 52, 0, 8 * 60 + 31);
  return org;
}

#define D(y, m, d) dag_date_from_ymd (y, m, d)

static void
add_one_off (DagOrg *org, DagOneOffKind kind, int participant, int staff, DagDate date, int part, int group)
{
  DagOneOff c = { kind, participant, staff, date, part, group, g_strdup ("ziek: griep") };

  g_array_append_val (org->one_offs, c);
}

/* fixture_org () with a dated plan:
 * - P1 moves from Monday morning to Friday morning from Monday 8 March
 *   2027 and comes back on Monday mornings from Monday 7 June 2027;
 * - P1's Monday morning of 11 January 2027 is cancelled, and P1 comes to
 *   G2 (L2, 09:30) on Wednesday 13 January 2027 once;
 * - a swap: P2's Friday morning of 15 January 2027 moves to Thursday 14
 *   January 2027 afternoon;
 * - S1 is absent from Monday 1 to Wednesday 3 February 2027, hands G1's
 *   Monday morning over to S2 from 8 March 2027, does not work Tuesday 19
 *   January 2027, and S2 works G1's Monday afternoon of 18 January 2027. */
static DagOrg *
dated_org (void)
{
  DagOrg *org = fixture_org ();
  DagPlanEntry fri = { 0, 0, DAG_SLOT (4, DAG_PART_AM), D (2027, 3, 8), DAG_DATE_NONE };
  DagPlanEntry back = { 0, 0, DAG_SLOT (0, DAG_PART_AM), D (2027, 6, 7), DAG_DATE_NONE };
  DagStaffing s2 = { 1, 0, DAG_SLOT (0, DAG_PART_AM), D (2027, 3, 8), DAG_DATE_NONE };
  DagStaffAbsence sa = { 0, D (2027, 2, 1), D (2027, 2, 3), g_strdup ("ziek: griep") };

  /* Entry 0 is P1's Monday morning, staffing 0 S1's Monday morning. */
  g_assert_cmpint (DAG_AT (org->plan, DagPlanEntry, 0)->slot, ==, DAG_SLOT (0, DAG_PART_AM));
  DAG_AT (org->plan, DagPlanEntry, 0)->until = D (2027, 3, 7);
  g_array_append_val (org->plan, fri);
  g_array_append_val (org->plan, back);
  g_assert_cmpint (DAG_AT (org->staffing, DagStaffing, 0)->slot, ==, DAG_SLOT (0, DAG_PART_AM));
  DAG_AT (org->staffing, DagStaffing, 0)->until = D (2027, 3, 7);
  g_array_append_val (org->staffing, s2);

  add_one_off (org, DAG_ONE_OFF_CANCEL, 0, -1, D (2027, 1, 11), DAG_PART_AM, -1);
  add_one_off (org, DAG_ONE_OFF_ADD, 0, -1, D (2027, 1, 13), DAG_PART_AM, 1);
  add_one_off (org, DAG_ONE_OFF_CANCEL, 1, -1, D (2027, 1, 15), DAG_PART_AM, 0);
  add_one_off (org, DAG_ONE_OFF_ADD, 1, -1, D (2027, 1, 14), DAG_PART_PM, 0);
  add_one_off (org, DAG_ONE_OFF_CANCEL, -1, 0, D (2027, 1, 19), DAG_PART_AM, -1);
  add_one_off (org, DAG_ONE_OFF_ADD, -1, 1, D (2027, 1, 18), DAG_PART_PM, 0);
  g_array_append_val (org->staff_absences, sa);
  return org;
}

/* ---- helpers ------------------------------------------------------------ */

static char *
export_one (DagOrg *org, DagStore *store, DagKind kind, const char *id, gint64 now)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DagIcalExport) ex = dag_ical_export_new (org, FROM, TO, &error);

  g_assert_no_error (error);
  g_assert_cmpint (dag_ical_export_add (ex, kind, id, &error), ==, 0);
  g_assert_no_error (error);
  g_assert_true (dag_ical_export_build (ex, store, now, &error));
  g_assert_no_error (error);
  return dag_ical_export_render (ex, 0, NULL);
}

static char *
slot_key (DagDate date, int start, int end)
{
  char d[DAG_DATE_BUF], a[6], b[6];

  return g_strdup_printf ("%sT%s-%s", dag_date_format (date, d), dag_time_format (start, a),
                          dag_time_format (end, b));
}

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

static DagDate
ical_date (struct icaltimetype t)
{
  return dag_date_from_ymd (t.year, t.month, t.day);
}

/* Every occurrence of every VEVENT in text, expanded with libical's own
 * recurrence iterator minus the EXDATEs, as sorted "date Tstart-end". */
static GPtrArray *
libical_occurrences (const char *text)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  icalcomponent *cal = icalparser_parse_string (text);

  g_assert_nonnull (cal);
  g_assert_cmpint (icalcomponent_isa (cal), ==, ICAL_VCALENDAR_COMPONENT);
  for (icalcomponent *ev = icalcomponent_get_first_component (cal, ICAL_VEVENT_COMPONENT);
       ev != NULL; ev = icalcomponent_get_next_component (cal, ICAL_VEVENT_COMPONENT))
    {
      struct icaltimetype start = icalcomponent_get_dtstart (ev);
      struct icaltimetype end = icalcomponent_get_dtend (ev);
      int smin = start.hour * 60 + start.minute, emin = end.hour * 60 + end.minute;
      icalproperty *rp = icalcomponent_get_first_property (ev, ICAL_RRULE_PROPERTY);
      g_autoptr(GArray) ex = g_array_new (FALSE, FALSE, sizeof (DagDate));

      for (icalproperty *p = icalcomponent_get_first_property (ev, ICAL_EXDATE_PROPERTY);
           p != NULL; p = icalcomponent_get_next_property (ev, ICAL_EXDATE_PROPERTY))
        {
          DagDate d = ical_date (icalproperty_get_exdate (p));
          g_array_append_val (ex, d);
        }
      if (rp == NULL)
        {
          g_ptr_array_add (out, slot_key (ical_date (start), smin, emin));
          continue;
        }
      {
        icalrecur_iterator *it = icalrecur_iterator_new (icalproperty_get_rrule (rp), start);
        struct icaltimetype t;

        g_assert_nonnull (it);
        while (!icaltime_is_null_time (t = icalrecur_iterator_next (it)))
          {
            gboolean excluded = FALSE;
            for (guint i = 0; i < ex->len; i++)
              excluded |= g_array_index (ex, DagDate, i) == ical_date (t);
            if (!excluded)
              g_ptr_array_add (out, slot_key (ical_date (t), smin, emin));
          }
        icalrecur_iterator_free (it);
      }
    }
  icalcomponent_free (cal);
  g_ptr_array_sort (out, compare_strings);
  return out;
}

typedef struct {
  const DagOrg *org;
  int           participant;
  GPtrArray    *out;
} ExpectData;

static gboolean
expect_session (const DagSession *s, gpointer user_data)
{
  ExpectData *d = user_data;
  const DagLocation *l;

  if (s->participant != d->participant || s->state != DAG_SESSION_ON)
    return TRUE;
  l = DAG_AT (d->org->locations, DagLocation,
              DAG_AT (d->org->groups, DagGroup, s->group)->location);
  g_ptr_array_add (d->out, slot_key (s->date, l->part_start[s->part], l->part_end[s->part]));
  return TRUE;
}

/* What a participant's file should give: the sessions dag_schedule_foreach()
 * reports as taking place. */
static GPtrArray *
expected_participant (const DagOrg *org, int participant)
{
  g_autoptr(DagSchedule) schedule = dag_schedule_new (org);
  ExpectData d = { org, participant, g_ptr_array_new_with_free_func (g_free) };

  dag_schedule_foreach (schedule, FROM, TO, expect_session, &d);
  g_ptr_array_sort (d.out, compare_strings);
  return d.out;
}

/* The runs of a vehicle (by_driver FALSE) or that a staff member drives
 * (TRUE), not on a holiday: a single event each. */
static void
expect_runs (const DagOrg *org, int index, gboolean by_driver, GPtrArray *out)
{
  for (guint r = 0; r < org->runs->len; r++)
    {
      const DagRun *run = DAG_AT (org->runs, DagRun, r);
      int first = DAG_AT (run->stops, DagStop, 0)->time;

      if ((by_driver ? run->driver : run->vehicle) != index || dag_holiday_check (&org->settings, run->date, NULL))
        continue;
      if (run->direction == DAG_DIRECTION_TO)
        g_ptr_array_add (out, slot_key (run->date, first, run->time));
      else
        g_ptr_array_add (out, slot_key (run->date, run->time, first));
    }
}

/* What a staff member's file should give: the staff sessions
 * dag_schedule_foreach_staff() reports as taking place, and the runs they
 * drive. */
static gboolean
expect_staff_session (const DagStaffSession *s, gpointer user_data)
{
  ExpectData *d = user_data;
  const DagLocation *l;

  if (s->staff != d->participant || s->state != DAG_SESSION_ON)
    return TRUE;
  l = DAG_AT (d->org->locations, DagLocation,
              DAG_AT (d->org->groups, DagGroup, s->group)->location);
  g_ptr_array_add (d->out, slot_key (s->date, l->part_start[s->part], l->part_end[s->part]));
  return TRUE;
}

/* What a group-slot file should give: every date of the slot's weekday in
 * the range that is neither a public holiday nor a closure. */
static void
expect_group_slot (const DagOrg *org, int group, int slot, GPtrArray *out)
{
  const DagGroup *g = DAG_AT (org->groups, DagGroup, group);
  const DagLocation *l = DAG_AT (org->locations, DagLocation, g->location);
  int part = DAG_SLOT_PART (slot);

  for (DagDate d = FROM; d <= TO; d++)
    if (dag_date_weekday (d) == DAG_SLOT_DAY (slot) && !dag_holiday_check (&org->settings, d, NULL) &&
        !dag_location_is_closed (l, d))
      g_ptr_array_add (out, slot_key (d, l->part_start[part], l->part_end[part]));
}

static GPtrArray *
expected_subject (const DagOrg *org, DagKind kind, int index)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);

  switch (kind)
    {
    case DAG_KIND_PARTICIPANT:
      g_ptr_array_unref (out);
      return expected_participant (org, index);
    case DAG_KIND_STAFF:
      {
        g_autoptr(DagSchedule) schedule = dag_schedule_new (org);
        ExpectData d = { org, index, out };

        dag_schedule_foreach_staff (schedule, FROM, TO, expect_staff_session, &d);
        expect_runs (org, index, TRUE, out);
      }
      break;
    case DAG_KIND_GROUP:
    case DAG_KIND_LOCATION:
      for (guint g = 0; g < org->groups->len; g++)
        {
          const DagGroup *grp = DAG_AT (org->groups, DagGroup, g);
          if (kind == DAG_KIND_GROUP ? (int) g != index : grp->location != index)
            continue;
          for (int slot = 0; slot < DAG_N_SLOTS; slot++)
            if (grp->slots & DAG_SLOT_BIT (slot))
              expect_group_slot (org, g, slot, out);
        }
      break;
    case DAG_KIND_VEHICLE:
      expect_runs (org, index, FALSE, out);
      break;
    default:
      g_assert_not_reached ();
    }
  g_ptr_array_sort (out, compare_strings);
  return out;
}

static void
assert_same_sessions (GPtrArray *got, GPtrArray *want, const char *what)
{
  for (guint i = 0; i < MIN (got->len, want->len); i++)
    if (strcmp (g_ptr_array_index (got, i), g_ptr_array_index (want, i)) != 0)
      g_error ("%s: occurrence %u is %s, the schedule says %s", what, i,
               (char *) g_ptr_array_index (got, i), (char *) g_ptr_array_index (want, i));
  if (got->len != want->len)
    g_error ("%s: the calendar gives %u occurrences, the schedule %u", what, got->len, want->len);
}

/* text with its folded lines joined again. */
static char *
unfold (const char *text)
{
  g_autoptr(GString) s = g_string_new (text);

  for (gsize i = 0; i + 2 < s->len;)
    if (s->str[i] == '\r' && s->str[i + 1] == '\n' && s->str[i + 2] == ' ')
      g_string_erase (s, i, 3);
    else
      i++;
  return g_string_free (g_steal_pointer (&s), FALSE);
}

/* The (unfolded) VEVENT of text that contains marker, or NULL. */
static char *
event_with (const char *text, const char *marker)
{
  g_autofree char *flat = unfold (text);
  const char *at = strstr (flat, marker);
  const char *begin, *end;

  if (at == NULL)
    return NULL;
  begin = g_strrstr_len (flat, at - flat, "BEGIN:VEVENT");
  end = strstr (at, "END:VEVENT");
  g_assert_nonnull (begin);
  g_assert_nonnull (end);
  return g_strndup (begin, end - begin);
}

static int
count_lines (const char *text, const char *prefix)
{
  int n = 0;
  g_auto(GStrv) lines = g_strsplit (text, "\r\n", -1);

  for (int i = 0; lines[i]; i++)
    n += g_str_has_prefix (lines[i], prefix);
  return n;
}

/* ---- tests -------------------------------------------------------------- */

static const struct { DagKind kind; const char *id; } subjects[] = {
  { DAG_KIND_PARTICIPANT, "P1" },
  { DAG_KIND_PARTICIPANT, "P2" },
  { DAG_KIND_PARTICIPANT, "P3" },
  { DAG_KIND_STAFF, "S1" },
  { DAG_KIND_STAFF, "S2" },
  { DAG_KIND_GROUP, "G1" },
  { DAG_KIND_GROUP, "G2" },
  { DAG_KIND_LOCATION, "L1" },
  { DAG_KIND_LOCATION, "L2" },
  { DAG_KIND_VEHICLE, "V1" },
};

static void
test_recurrences_match_schedule (void)
{
  g_autoptr(DagOrg) org = fixture_org ();

  for (guint i = 0; i < G_N_ELEMENTS (subjects); i++)
    {
      g_autofree char *text = export_one (org, NULL, subjects[i].kind, subjects[i].id, NOW1);
      g_autoptr(GPtrArray) got = libical_occurrences (text);
      int index = dag_org_lookup (org, subjects[i].kind, subjects[i].id);
      g_autoptr(GPtrArray) want = expected_subject (org, subjects[i].kind, index);

      g_assert_cmpuint (want->len, >, 0);
      assert_same_sessions (got, want, subjects[i].id);
    }
}

/* Hand-computed: P1's Monday morning runs every Monday from 30 November 2026
 * to the end of the range, except Monday 15 February (absence), Easter
 * Monday 29 March and Whit Monday 17 May 2027. */
static void
test_exdates_by_hand (void)
{
  g_autoptr(DagOrg) org = fixture_org ();
  g_autofree char *p1 = export_one (org, NULL, DAG_KIND_PARTICIPANT, "P1", NOW1);
  g_autofree char *p2 = export_one (org, NULL, DAG_KIND_PARTICIPANT, "P2", NOW1);
  g_autofree char *p3 = export_one (org, NULL, DAG_KIND_PARTICIPANT, "P3", NOW1);
  g_autofree char *mon_am = event_with (p1, "DTSTART;TZID=Europe/Amsterdam:20261130T090000");
  g_autofree char *tue_am = event_with (p1, "DTSTART;TZID=Europe/Amsterdam:20261201T090000");
  g_autofree char *thu_pm = event_with (p1, "DTSTART;TZID=Europe/Amsterdam:20261203T130000");
  g_autofree char *fri_am = event_with (p2, "DTSTART;TZID=Europe/Amsterdam:20261204T090000");
  g_autofree char *wed_am = event_with (p3, "DTSTART;TZID=Europe/Amsterdam:20270113T093000");

  g_assert_nonnull (mon_am);
  g_assert_nonnull (strstr (mon_am, "RRULE:FREQ=WEEKLY;UNTIL=20271128T225959Z\r\n"));
  g_assert_cmpint (count_lines (mon_am, "EXDATE"), ==, 3);
  g_assert_nonnull (strstr (mon_am, "EXDATE;TZID=Europe/Amsterdam:20270215T090000\r\n"));
  g_assert_nonnull (strstr (mon_am, "EXDATE;TZID=Europe/Amsterdam:20270329T090000\r\n"));
  g_assert_nonnull (strstr (mon_am, "EXDATE;TZID=Europe/Amsterdam:20270517T090000\r\n"));
  g_assert_nonnull (strstr (mon_am, "DTEND;TZID=Europe/Amsterdam:20261130T130000\r\n"));
  g_assert_nonnull (strstr (mon_am, "LOCATION:De Linde\\, Lindelaan 1\\, 6800 AA Arnhem\r\n"));
  g_assert_nonnull (strstr (mon_am, "SUMMARY:Houtwerkplaats (Dagbesteding)\r\n"));

  /* Koningsdag, Tuesday 27 April 2027, and the absence. */
  g_assert_nonnull (tue_am);
  g_assert_cmpint (count_lines (tue_am, "EXDATE"), ==, 2);
  g_assert_nonnull (strstr (tue_am, "EXDATE;TZID=Europe/Amsterdam:20270216T090000\r\n"));
  g_assert_nonnull (strstr (tue_am, "EXDATE;TZID=Europe/Amsterdam:20270427T090000\r\n"));

  /* The closure on 24 December, the absence and Ascension Day 6 May 2027. */
  g_assert_nonnull (thu_pm);
  g_assert_cmpint (count_lines (thu_pm, "EXDATE"), ==, 3);
  g_assert_nonnull (strstr (thu_pm, "EXDATE;TZID=Europe/Amsterdam:20261224T130000\r\n"));
  g_assert_nonnull (strstr (thu_pm, "EXDATE;TZID=Europe/Amsterdam:20270218T130000\r\n"));
  g_assert_nonnull (strstr (thu_pm, "EXDATE;TZID=Europe/Amsterdam:20270506T130000\r\n"));

  /* Christmas Day and New Year's Day fall on Fridays; the indication ends
   * on Wednesday 30 June 2027, 23:59:59 summer time = 21:59:59 UTC. */
  g_assert_nonnull (fri_am);
  g_assert_nonnull (strstr (fri_am, "RRULE:FREQ=WEEKLY;UNTIL=20270630T215959Z\r\n"));
  g_assert_cmpint (count_lines (fri_am, "EXDATE"), ==, 2);
  g_assert_nonnull (strstr (fri_am, "EXDATE;TZID=Europe/Amsterdam:20261225T090000\r\n"));
  g_assert_nonnull (strstr (fri_am, "EXDATE;TZID=Europe/Amsterdam:20270101T090000\r\n"));
  g_assert_nonnull (strstr (fri_am, "SUMMARY:Houtwerkplaats (Arbeidsmatig)\r\n"));

  /* P3's indication starts Monday 11 January: the first Wednesday is the
   * 13th, at L2's 09:30.  Bevrijdingsdag (Wednesday 5 May) is off by
   * default, so no EXDATE. */
  g_assert_nonnull (wed_am);
  g_assert_cmpint (count_lines (wed_am, "EXDATE"), ==, 0);
  g_assert_nonnull (strstr (wed_am, "DTEND;TZID=Europe/Amsterdam:20270113T130000\r\n"));
}

static void
test_calendar_header (void)
{
  g_autoptr(DagOrg) org = fixture_org ();
  g_autofree char *text = export_one (org, NULL, DAG_KIND_PARTICIPANT, "P1", NOW1);

  g_assert_true (g_str_has_prefix (text, "BEGIN:VCALENDAR\r\n"));
  g_assert_true (g_str_has_suffix (text, "END:VCALENDAR\r\n"));
  g_assert_nonnull (strstr (text, "\r\nPRODID:"));
  g_assert_nonnull (strstr (text, "\r\nVERSION:2.0\r\n"));
  g_assert_nonnull (strstr (text, "\r\nCALSCALE:GREGORIAN\r\n"));
  g_assert_nonnull (strstr (text, "\r\nBEGIN:VTIMEZONE\r\nTZID:Europe/Amsterdam\r\n"));
  g_assert_nonnull (strstr (text, "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3\r\n"));
  g_assert_nonnull (strstr (text, "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10\r\n"));
  g_assert_cmpint (count_lines (text, "BEGIN:VEVENT"), ==, 4);
  g_assert_cmpint (count_lines (text, "RRULE:FREQ=WEEKLY"), ==, 4);
}

/* The file's own VTIMEZONE puts 09:00 at 08:00 UTC in winter and 07:00 UTC
 * in summer, around both changes of 2027 (28 March, 31 October). */
static void
test_dst (void)
{
  g_autoptr(DagOrg) org = fixture_org ();
  g_autofree char *text = export_one (org, NULL, DAG_KIND_PARTICIPANT, "P1", NOW1);
  icalcomponent *cal = icalparser_parse_string (text);
  icaltimezone *tz = icalcomponent_get_timezone (cal, "Europe/Amsterdam");
  static const struct { int y, m, d, utc_hour; } cases[] = {
    { 2027, 3, 22, 8 }, { 2027, 4, 5, 7 }, { 2027, 10, 25, 7 }, { 2027, 11, 1, 8 },
  };

  g_assert_nonnull (tz);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      struct icaltimetype t = icaltime_null_time ();
      struct icaltimetype u;

      t.year = cases[i].y;
      t.month = cases[i].m;
      t.day = cases[i].d;
      t.hour = 9;
      t = icaltime_set_timezone (&t, tz);
      u = icaltime_convert_to_zone (t, icaltimezone_get_utc_timezone ());
      if (u.hour != cases[i].utc_hour)
        g_error ("09:00 on %d-%02d-%02d is %02d:00 UTC by the file's VTIMEZONE, expected %02d:00",
                 cases[i].y, cases[i].m, cases[i].d, u.hour, cases[i].utc_hour);
      g_assert_cmpint (dag_ical_local_to_unix (dag_date_from_ymd (cases[i].y, cases[i].m, cases[i].d), 540),
                       ==, icaltime_as_timet (u));
    }
  icalcomponent_free (cal);
}

static void
test_no_private_data (void)
{
  g_autoptr(DagOrg) org = fixture_org ();
  static const char *const forbidden[] = {
    "111222333", "123456782", "111111110", "1958", "19580412", "1990-09-03", "1971-01-30",
    "licht", "midden", "zwaar", "intensief", "griep", "ziek", "A-2026-0001", "04A03", "04A01",
    "Dorpsstraat",
  };
  static const char *const names[] = { "Jan Jansen", "Marieke Bos", "Kees Visser" };

  for (guint i = 0; i < G_N_ELEMENTS (subjects); i++)
    {
      g_autofree char *raw = export_one (org, NULL, subjects[i].kind, subjects[i].id, NOW1);
      g_autofree char *text = unfold (raw);

      for (guint k = 0; k < G_N_ELEMENTS (forbidden); k++)
        {
          /* The driver needs the passengers' addresses. */
          if (subjects[i].kind == DAG_KIND_VEHICLE && strcmp (forbidden[k], "Dorpsstraat") == 0)
            continue;
          if (strstr (text, forbidden[k]) != NULL)
            g_error ("the calendar of %s contains “%s”", subjects[i].id, forbidden[k]);
        }
      for (guint k = 0; k < G_N_ELEMENTS (names) && subjects[i].kind != DAG_KIND_VEHICLE; k++)
        if (strstr (text, names[k]) != NULL)
          g_error ("the calendar of %s names participant %s", subjects[i].id, names[k]);
    }
}

static void
test_pickup (void)
{
  g_autoptr(DagOrg) org = fixture_org ();
  g_autofree char *p1 = export_one (org, NULL, DAG_KIND_PARTICIPANT, "P1", NOW1);
  g_autofree char *p3 = export_one (org, NULL, DAG_KIND_PARTICIPANT, "P3", NOW1);
  g_autofree char *mon_am = event_with (p1, "DTSTART;TZID=Europe/Amsterdam:20261130T090000");
  g_autofree char *mon_pm = event_with (p1, "DTSTART;TZID=Europe/Amsterdam:20261130T130000");
  g_autofree char *tue_am = event_with (p1, "DTSTART;TZID=Europe/Amsterdam:20261201T090000");

  g_assert_nonnull (strstr (mon_am, "DESCRIPTION:Morning\\, 09:00–13:00\\nPickup around 08:31\r\n"));
  /* Brought in the morning, nobody picks them up again at noon. */
  g_assert_nonnull (strstr (mon_pm, "DESCRIPTION:Afternoon\\, 13:00–17:00\r\n"));
  g_assert_nonnull (strstr (tue_am, "see the transport schedule"));
  g_assert_null (strstr (tue_am, "Pickup around"));
  /* No runs for P3 yet: no pickup line at all. */
  g_assert_null (strstr (p3, "ickup"));
}

static void
test_vehicle (void)
{
  g_autoptr(DagOrg) org = fixture_org ();
  g_autofree char *text = export_one (org, NULL, DAG_KIND_VEHICLE, "V1", NOW1);

  /* Six runs, one on Christmas Day left out; none recurs. */
  g_assert_cmpint (count_lines (text, "BEGIN:VEVENT"), ==, 5);
  g_assert_cmpint (count_lines (text, "RRULE:FREQ=WEEKLY"), ==, 0);
  g_assert_null (strstr (text, "20261225"));
  g_assert_nonnull (strstr (text, "DTSTART;TZID=Europe/Amsterdam:20261130T083100\r\n"
                                  "DTEND;TZID=Europe/Amsterdam:20261130T085200\r\n"));
  g_assert_nonnull (strstr (text, "SUMMARY:Bus 1: to De Linde\r\n"));
  g_assert_nonnull (strstr (text, "SUMMARY:Bus 1: from De Linde\r\n"));
}

static void
test_staff_and_group (void)
{
  g_autoptr(DagOrg) org = fixture_org ();
  g_autofree char *s1 = export_one (org, NULL, DAG_KIND_STAFF, "S1", NOW1);
  g_autofree char *g1 = export_one (org, NULL, DAG_KIND_GROUP, "G1", NOW1);
  g_autofree char *flat = unfold (g1);

  /* Two weekly series and the five runs Anouk drives. */
  g_assert_cmpint (count_lines (s1, "BEGIN:VEVENT"), ==, 2 + 5);
  g_assert_cmpint (count_lines (s1, "RRULE:FREQ=WEEKLY"), ==, 2);
  g_assert_nonnull (strstr (s1, "SUMMARY:Houtwerkplaats (Arbeidsmatig\\, Dagbesteding)\r\n"));
  g_assert_cmpint (count_lines (g1, "BEGIN:VEVENT"), ==, 5);
  /* Tuesday morning: P1 and P2 planned, Anouk staffs it. */
  g_assert_nonnull (strstr (flat, "Morning\\, 09:00–13:00\\n2 participants planned\\nStaff: Anouk de Vries\r\n"));
}

/* A driver's calendar has the runs they drive: times, direction,
 * location and the number of riders, never who rides or where they live;
 * UIDs that survive re-planning (new run ids); none on Christmas Day. */
static void
test_staff_driving (void)
{
  g_autoptr(DagOrg) org = fixture_org ();
  g_autofree char *s1 = export_one (org, NULL, DAG_KIND_STAFF, "S1", NOW1);
  g_autofree char *s2 = export_one (org, NULL, DAG_KIND_STAFF, "S2", NOW1);
  g_autofree char *again = NULL;
  g_autofree char *to = NULL, *from = NULL;
  g_autofree char *flat = unfold (s1);
  g_auto(GStrv) lines = NULL;
  int n_uids = 0;

  to = event_with (s1, "DTSTART;TZID=Europe/Amsterdam:20261130T083100");
  g_assert_nonnull (to);
  g_assert_nonnull (strstr (to, "DTEND;TZID=Europe/Amsterdam:20261130T085200\r\n"));
  g_assert_nonnull (strstr (to, "SUMMARY:Driving to De Linde\r\n"));
  g_assert_nonnull (strstr (to, "LOCATION:De Linde\\, Lindelaan 1\\, 6800 AA Arnhem\r\n"));
  g_assert_nonnull (strstr (to, "DESCRIPTION:1 rider\\nArrival at the location: 08:52\r\n"));
  g_assert_null (strstr (to, "RRULE"));
  from = event_with (s1, "DTSTART;TZID=Europe/Amsterdam:20261130T170000");
  g_assert_nonnull (from);
  g_assert_nonnull (strstr (from, "DTEND;TZID=Europe/Amsterdam:20261130T172000\r\n"));
  g_assert_nonnull (strstr (from, "SUMMARY:Driving from De Linde\r\n"));
  g_assert_nonnull (strstr (from, "Departure from the location: 17:00"));
  /* The run stored on Christmas Day is left out, as in the vehicle's file. */
  g_assert_null (strstr (s1, "20261225"));
  /* Nothing of the riders: no name, address, BSN or birth date. */
  for (guint p = 0; p < org->participants->len; p++)
    {
      const DagParticipant *pa = DAG_AT (org->participants, DagParticipant, p);

      g_assert_null (strstr (flat, pa->name));
      g_assert_null (strstr (flat, pa->bsn));
      g_assert_null (strstr (flat, "Esdoorn"));
    }
  g_assert_null (strstr (flat, "Jansen"));
  g_assert_null (strstr (flat, "Bus 1"));
  /* Bram drives nothing. */
  g_assert_null (strstr (s2, "Driving"));

  /* Re-planned: the same runs under new ids keep their UIDs. */
  for (guint r = 0; r < org->runs->len; r++)
    {
      DagRun *run = DAG_AT (org->runs, DagRun, r);

      g_free (run->id);
      run->id = g_strdup_printf ("NEW-%u", org->runs->len - r);
    }
  again = export_one (org, NULL, DAG_KIND_STAFF, "S1", NOW2);
  lines = g_strsplit (s1, "\r\n", -1);
  for (int i = 0; lines[i]; i++)
    if (g_str_has_prefix (lines[i], "UID:"))
      {
        g_assert_true (g_str_has_suffix (lines[i], "@dagritme-98765432"));
        g_assert_null (strstr (lines[i], "S1"));
        g_assert_nonnull (strstr (again, lines[i]));
        n_uids++;
      }
  g_assert_cmpint (n_uids, ==, 7);
}

static void
test_uids_stable_and_opaque (void)
{
  g_autoptr(DagOrg) org = fixture_org ();
  g_autofree char *a = export_one (org, NULL, DAG_KIND_PARTICIPANT, "P1", NOW1);
  g_autofree char *b = export_one (org, NULL, DAG_KIND_PARTICIPANT, "P1", NOW2);
  g_auto(GStrv) lines = g_strsplit (a, "\r\n", -1);
  int n = 0;

  for (int i = 0; lines[i]; i++)
    if (g_str_has_prefix (lines[i], "UID:"))
      {
        g_assert_true (g_str_has_suffix (lines[i], "@dagritme-98765432"));
        g_assert_null (strstr (lines[i], "P1"));
        g_assert_null (strstr (lines[i], "G1"));
        g_assert_nonnull (strstr (b, lines[i]));
        n++;
      }
  g_assert_cmpint (n, ==, 4);
}

/* ---- dated plans and one-off changes ----------------------------------- */

/* The UID line of an (unfolded) event. */
static char *
uid_of (const char *event)
{
  const char *at = strstr (event, "\r\nUID:");
  const char *end;

  g_assert_nonnull (at);
  at += 2;
  end = strstr (at, "\r\n");
  return g_strndup (at, end - at);
}

/* Every calendar of the dated fixture gives exactly what the schedule
 * says takes place. */
static void
test_dated_match_schedule (void)
{
  g_autoptr(DagOrg) org = dated_org ();

  for (guint i = 0; i < G_N_ELEMENTS (subjects); i++)
    {
      g_autofree char *text = export_one (org, NULL, subjects[i].kind, subjects[i].id, NOW1);
      g_autoptr(GPtrArray) got = libical_occurrences (text);
      int index = dag_org_lookup (org, subjects[i].kind, subjects[i].id);
      g_autoptr(GPtrArray) want = expected_subject (org, subjects[i].kind, index);

      g_assert_cmpuint (want->len, >, 0);
      assert_same_sessions (got, want, subjects[i].id);
    }
}

/* A change from week N: the old event ends on the Sunday before N and
 * keeps its UID; the new entry is an event of its own from N; coming back
 * to the same group slot later is a third event with a UID of its own. */
static void
test_plan_change (void)
{
  g_autoptr(DagOrg) plain = fixture_org ();
  g_autoptr(DagOrg) org = dated_org ();
  g_autofree char *before = export_one (plain, NULL, DAG_KIND_PARTICIPANT, "P1", NOW1);
  g_autofree char *after = export_one (org, NULL, DAG_KIND_PARTICIPANT, "P1", NOW1);
  g_autofree char *old_mon = event_with (before, "DTSTART;TZID=Europe/Amsterdam:20261130T090000");
  g_autofree char *mon = event_with (after, "DTSTART;TZID=Europe/Amsterdam:20261130T090000");
  g_autofree char *fri = event_with (after, "DTSTART;TZID=Europe/Amsterdam:20270312T090000");
  g_autofree char *back = event_with (after, "DTSTART;TZID=Europe/Amsterdam:20270607T090000");
  g_autofree char *old_uid = NULL, *uid = NULL, *fri_uid = NULL, *back_uid = NULL;

  g_assert_nonnull (mon);
  g_assert_nonnull (fri);
  g_assert_nonnull (back);
  /* Sunday 7 March 2027, 23:59:59 winter time = 22:59:59 UTC. */
  g_assert_nonnull (strstr (mon, "RRULE:FREQ=WEEKLY;UNTIL=20270307T225959Z\r\n"));
  g_assert_null (strstr (mon, "EXDATE;TZID=Europe/Amsterdam:20270329"));
  g_assert_nonnull (strstr (fri, "RRULE:FREQ=WEEKLY;UNTIL=20271128T225959Z\r\n"));
  g_assert_nonnull (strstr (back, "RRULE:FREQ=WEEKLY;UNTIL=20271128T225959Z\r\n"));
  /* Whit Monday 17 May 2027 is before the return: no EXDATE for it. */
  g_assert_null (strstr (back, "20270517"));

  old_uid = uid_of (old_mon);
  uid = uid_of (mon);
  fri_uid = uid_of (fri);
  back_uid = uid_of (back);
  g_assert_cmpstr (uid, ==, old_uid);
  g_assert_cmpstr (fri_uid, !=, uid);
  g_assert_cmpstr (back_uid, !=, uid);
  g_assert_cmpstr (back_uid, !=, fri_uid);
  g_assert_null (strstr (before, fri_uid));
  /* The unchanged sessions keep their UIDs too. */
  {
    g_autofree char *a = event_with (before, "DTSTART;TZID=Europe/Amsterdam:20261201T090000");
    g_autofree char *b = event_with (after, "DTSTART;TZID=Europe/Amsterdam:20261201T090000");
    g_autofree char *ua = uid_of (a), *ub = uid_of (b);
    g_assert_cmpstr (ua, ==, ub);
  }

  /* Dated entries as the store migrates them (all from one Monday) give
   * the same UIDs as undated ones. */
  for (guint i = 0; i < plain->plan->len; i++)
    DAG_AT (plain->plan, DagPlanEntry, i)->from = D (2026, 1, 5);
  {
    g_autofree char *migrated = export_one (plain, NULL, DAG_KIND_PARTICIPANT, "P1", NOW1);
    g_assert_cmpstr (migrated, ==, before);
  }
}

/* A one-off cancellation is an EXDATE of the standing event. */
static void
test_one_off_cancel (void)
{
  g_autoptr(DagOrg) org = dated_org ();
  g_autofree char *p1 = export_one (org, NULL, DAG_KIND_PARTICIPANT, "P1", NOW1);
  g_autofree char *p2 = export_one (org, NULL, DAG_KIND_PARTICIPANT, "P2", NOW1);
  g_autofree char *mon = event_with (p1, "DTSTART;TZID=Europe/Amsterdam:20261130T090000");
  g_autofree char *fri = event_with (p2, "DTSTART;TZID=Europe/Amsterdam:20261204T090000");

  g_assert_nonnull (strstr (mon, "EXDATE;TZID=Europe/Amsterdam:20270111T090000\r\n"));
  /* Before the change: the absence on 15 February as well. */
  g_assert_cmpint (count_lines (mon, "EXDATE"), ==, 2);
  /* The swap: Friday 15 January is off, Thursday 14 January afternoon an
   * extra event. */
  g_assert_nonnull (strstr (fri, "EXDATE;TZID=Europe/Amsterdam:20270115T090000\r\n"));
  {
    g_autofree char *thu = event_with (p2, "DTSTART;TZID=Europe/Amsterdam:20270114T130000");
    g_assert_nonnull (thu);
  }
  /* The reason of a change is never written. */
  g_assert_null (strstr (p1, "griep"));
  g_assert_null (strstr (p2, "griep"));
}

/* A one-off addition is a single event on that date only, in the group
 * and at the place and time of that day. */
static void
test_one_off_addition (void)
{
  g_autoptr(DagOrg) org = dated_org ();
  g_autofree char *p1 = export_one (org, NULL, DAG_KIND_PARTICIPANT, "P1", NOW1);
  g_autofree char *extra = event_with (p1, "DTSTART;TZID=Europe/Amsterdam:20270113T093000");
  g_autoptr(GPtrArray) got = libical_occurrences (p1);
  guint on_wednesdays = 0;

  g_assert_nonnull (extra);
  g_assert_null (strstr (extra, "RRULE"));
  g_assert_null (strstr (extra, "RDATE"));
  g_assert_nonnull (strstr (extra, "DTEND;TZID=Europe/Amsterdam:20270113T130000\r\n"));
  g_assert_nonnull (strstr (extra, "LOCATION:De Werf\\, Havenweg 3\\, 6603 AK Wijchen\r\n"));
  g_assert_nonnull (strstr (extra, "SUMMARY:Tuingroep (Dagbesteding)\r\n"));
  g_assert_nonnull (strstr (extra, "on this date only"));
  /* P1 has no Wednesday otherwise. */
  for (guint i = 0; i < got->len; i++)
    {
      const char *k = g_ptr_array_index (got, i);
      DagDate d;
      char date[DAG_DATE_BUF];

      g_strlcpy (date, k, sizeof date);
      g_assert_true (dag_date_parse (date, &d));
      on_wednesdays += dag_date_weekday (d) == 2;
    }
  g_assert_cmpuint (on_wednesdays, ==, 1);
  g_assert_cmpint (count_lines (p1, "BEGIN:VEVENT"), ==, 7);
}

/* Staff: an absence and a one-off cancellation are EXDATEs, a change of
 * the staffing from week N ends the event, an addition is a single event,
 * and the group's calendar names who staffs the slot in each period. */
static void
test_staff_dated (void)
{
  g_autoptr(DagOrg) org = dated_org ();
  g_autofree char *s1 = export_one (org, NULL, DAG_KIND_STAFF, "S1", NOW1);
  g_autofree char *s2 = export_one (org, NULL, DAG_KIND_STAFF, "S2", NOW1);
  g_autofree char *g1 = export_one (org, NULL, DAG_KIND_GROUP, "G1", NOW1);
  g_autofree char *mon = event_with (s1, "DTSTART;TZID=Europe/Amsterdam:20261130T090000");
  g_autofree char *tue = event_with (s1, "DTSTART;TZID=Europe/Amsterdam:20261201T090000");
  g_autofree char *s2_mon = event_with (s2, "DTSTART;TZID=Europe/Amsterdam:20270308T090000");
  g_autofree char *s2_extra = event_with (s2, "DTSTART;TZID=Europe/Amsterdam:20270118T130000");
  g_autofree char *g_before = event_with (g1, "DTSTART;TZID=Europe/Amsterdam:20261130T090000");
  g_autofree char *g_after = event_with (g1, "DTSTART;TZID=Europe/Amsterdam:20270308T090000");

  g_assert_nonnull (mon);
  g_assert_nonnull (strstr (mon, "RRULE:FREQ=WEEKLY;UNTIL=20270307T225959Z\r\n"));
  g_assert_nonnull (strstr (mon, "EXDATE;TZID=Europe/Amsterdam:20270201T090000\r\n"));
  g_assert_nonnull (tue);
  g_assert_nonnull (strstr (tue, "EXDATE;TZID=Europe/Amsterdam:20270202T090000\r\n"));
  g_assert_nonnull (strstr (tue, "EXDATE;TZID=Europe/Amsterdam:20270119T090000\r\n"));
  /* Koningsdag, the absence and the cancellation. */
  g_assert_cmpint (count_lines (tue, "EXDATE"), ==, 3);
  g_assert_null (strstr (s1, "griep"));

  /* S2's Monday morning: nobody is planned until P1 comes back on 7 June
   * (Sunday 6 June, 23:59:59 summer time = 21:59:59 UTC); from then on the
   * event says so. */
  g_assert_nonnull (s2_mon);
  g_assert_nonnull (strstr (s2_mon, "RRULE:FREQ=WEEKLY;UNTIL=20270606T215959Z\r\n"));
  g_assert_nonnull (strstr (s2_mon, "0 participants planned"));
  {
    g_autofree char *s2_back = event_with (s2, "DTSTART;TZID=Europe/Amsterdam:20270607T090000");
    g_autofree char *a = uid_of (s2_mon), *b = NULL;

    g_assert_nonnull (s2_back);
    g_assert_nonnull (strstr (s2_back, "1 participant planned"));
    g_assert_nonnull (strstr (s2_back, "RRULE:FREQ=WEEKLY;UNTIL=20271128T225959Z\r\n"));
    b = uid_of (s2_back);
    g_assert_cmpstr (a, !=, b);
  }
  g_assert_nonnull (s2_extra);
  g_assert_null (strstr (s2_extra, "RRULE"));

  /* G1's Monday morning: Anouk until 7 March, Bram from 8 March. */
  g_assert_nonnull (g_before);
  g_assert_nonnull (g_after);
  g_assert_nonnull (strstr (g_before, "RRULE:FREQ=WEEKLY;UNTIL=20270307T225959Z\r\n"));
  g_assert_nonnull (strstr (g_before, "Staff: Anouk de Vries\r\n"));
  g_assert_nonnull (strstr (g_after, "Staff: Bram Smit\r\n"));
  /* P1 left the Monday morning on 8 March and comes back on 7 June. */
  g_assert_nonnull (strstr (g_after, "0 participants planned"));
  {
    g_autofree char *g_back = event_with (g1, "DTSTART;TZID=Europe/Amsterdam:20270607T090000");
    g_assert_nonnull (g_back);
  }
}

/* ---- with a store --------------------------------------------------------- */

typedef struct {
  char     *dir;
  char     *path;
  DagStore *store;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("dagritme-ical-XXXXXX", NULL);
  g_assert_nonnull (f->dir);
  f->path = g_build_filename (f->dir, "test.db", NULL);
  f->store = dag_store_open (dag_test_db (f->path), &error);
  g_assert_no_error (error);
}

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

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->store);
  remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static void
test_reexport_identical (Fixture *f, gconstpointer data)
{
  g_autoptr(DagOrg) org = fixture_org ();

  for (guint i = 0; i < G_N_ELEMENTS (subjects); i++)
    {
      g_autofree char *a = export_one (org, f->store, subjects[i].kind, subjects[i].id, NOW1);
      g_autofree char *b = export_one (org, f->store, subjects[i].kind, subjects[i].id, NOW2);

      /* The stamp is the first export's time, not the second's. */
      g_assert_nonnull (strstr (b, "DTSTAMP:20261118T110640Z\r\n"));
      g_assert_null (strstr (b, "20261130T005320Z"));
      g_assert_cmpstr (a, ==, b);
    }
}

static void
test_sequence (Fixture *f, gconstpointer data)
{
  g_autoptr(DagOrg) org = fixture_org ();
  g_autofree char *before = export_one (org, f->store, DAG_KIND_PARTICIPANT, "P1", NOW1);
  g_autofree char *after = NULL, *again = NULL, *moved = NULL;
  g_autofree char *mon_am = NULL, *thu_pm = NULL;
  DagLocation *l1 = DAG_AT (org->locations, DagLocation, 0);
  DagLocation *l2 = DAG_AT (org->locations, DagLocation, 1);

  g_assert_cmpint (count_lines (before, "SEQUENCE:0"), ==, 4);

  /* The morning at L1 moves to 09:30: the two morning events change. */
  l1->part_start[DAG_PART_AM] = 570;
  after = export_one (org, f->store, DAG_KIND_PARTICIPANT, "P1", NOW2);
  mon_am = event_with (after, "DTSTART;TZID=Europe/Amsterdam:20261130T093000");
  thu_pm = event_with (after, "DTSTART;TZID=Europe/Amsterdam:20261203T130000");
  g_assert_nonnull (mon_am);
  g_assert_nonnull (strstr (mon_am, "SEQUENCE:1\r\n"));
  g_assert_nonnull (strstr (mon_am, "DTSTAMP:20261130T005320Z\r\n"));
  g_assert_nonnull (strstr (mon_am, "LAST-MODIFIED:20261130T005320Z\r\n"));
  g_assert_nonnull (strstr (thu_pm, "SEQUENCE:0\r\n"));
  g_assert_nonnull (strstr (thu_pm, "DTSTAMP:20261118T110640Z\r\n"));
  g_assert_cmpint (count_lines (after, "SEQUENCE:1"), ==, 2);

  /* The address changes: every event of P1 changes once more. */
  g_free (l1->address);
  l1->address = g_strdup ("Lindelaan 3, 6800 AA Arnhem");
  again = export_one (org, f->store, DAG_KIND_PARTICIPANT, "P1", NOW2 + 60);
  g_assert_cmpint (count_lines (again, "SEQUENCE:2"), ==, 2);
  g_assert_cmpint (count_lines (again, "SEQUENCE:1"), ==, 2);

  /* P3's group slot moves to L2's new afternoon time. */
  {
    g_autofree char *p3a = export_one (org, f->store, DAG_KIND_PARTICIPANT, "P3", NOW1);
    l2->part_start[DAG_PART_PM] = 840;
    moved = export_one (org, f->store, DAG_KIND_PARTICIPANT, "P3", NOW2);
    g_assert_cmpint (count_lines (p3a, "SEQUENCE:0"), ==, 2);
    g_assert_cmpint (count_lines (moved, "SEQUENCE:1"), ==, 1);
    g_assert_nonnull (strstr (moved, "DTSTART;TZID=Europe/Amsterdam:20270113T140000\r\n"));
  }
}

static void
test_stamp_rollback (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  DagIcalStamp stamps[2] = { { "a@x", "h1", -1, 0 }, { "b@x", NULL, -1, 0 } };

  /* A NULL hash breaks the NOT NULL constraint: nothing is recorded. */
  g_assert_false (dag_store_ical_stamp (f->store, stamps, 2, NOW1, &error));
  g_assert_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  stamps[1].hash = "h2";
  g_assert_true (dag_store_ical_stamp (f->store, stamps, 1, NOW2, &error));
  g_assert_no_error (error);
  g_assert_cmpint (stamps[0].sequence, ==, 0);
  g_assert_cmpint (stamps[0].changed, ==, NOW2);
}

static int
run_cli (const char *db, ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autofree char *database = NULL;
  va_list ap;
  const char *a;
  int status = -1;

  g_ptr_array_add (args, (gpointer) "dagritme");
  g_ptr_array_add (args, (gpointer) "--database");
  g_ptr_array_add (args, (gpointer) db);
  va_start (ap, db);
  while ((a = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (gpointer) a);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  g_assert_true (dag_cli_main (args->len - 1, (char **) args->pdata, &database, &status));
  return status;
}

static void
test_cli (Fixture *f, gconstpointer data)
{
  g_autoptr(DagOrg) org = fixture_org ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = g_build_filename (f->dir, "p1.ics", NULL);
  g_autofree char *dir = g_build_filename (f->dir, "all", NULL);
  g_autofree char *a = NULL, *b = NULL, *p2 = NULL;
  gsize la, lb;
  GStatBuf st;

  g_assert_true (dag_store_save (f->store, org, DAG_SECTION_ALL, "test", &error));
  g_assert_no_error (error);

  g_assert_cmpint (run_cli (dag_test_db (f->path), "export", "ical", "--participant", "P1", "--from", "2026-11-30",
                            "--output", out, NULL), ==, 0);
  g_assert_true (g_file_get_contents (out, &a, &la, NULL));
  g_assert_cmpint (g_stat (out, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (run_cli (dag_test_db (f->path), "export", "ical", "--participant", "P1", "--from", "2026-11-30",
                            "--output", out, NULL), ==, 0);
  g_assert_true (g_file_get_contents (out, &b, &lb, NULL));
  g_assert_cmpmem (a, la, b, lb);
  g_assert_nonnull (strstr (a, "UNTIL=20271128T225959Z"));

  /* Wrong command lines. */
  g_assert_cmpint (run_cli (dag_test_db (f->path), "export", "ical", "--output", out, NULL), ==, 2);
  g_assert_cmpint (run_cli (dag_test_db (f->path), "export", "ical", "--participant", "P1", "--group", "G1",
                            "--output", out, NULL), ==, 2);
  g_assert_cmpint (run_cli (dag_test_db (f->path), "export", "ical", "--participant", "P1", NULL), ==, 2);
  g_assert_cmpint (run_cli (dag_test_db (f->path), "export", "ical", "--participant", "P1", "--from", "2026-13-01",
                            "--output", out, NULL), ==, 2);
  g_assert_cmpint (run_cli (dag_test_db (f->path), "export", "ical", "--participant", "P1", "--from", "2027-01-01",
                            "--to", "2026-01-01", "--output", out, NULL), ==, 2);
  /* An unknown id fails the job and leaves the old file alone. */
  g_assert_cmpint (run_cli (dag_test_db (f->path), "export", "ical", "--vehicle", "V9", "--output", out, NULL), ==, 1);
  g_clear_pointer (&b, g_free);
  g_assert_true (g_file_get_contents (out, &b, &lb, NULL));
  g_assert_cmpmem (a, la, b, lb);

  g_assert_cmpint (run_cli (dag_test_db (f->path), "export", "ical", "--all-participants", dir, "--from", "2026-11-30", NULL),
                   ==, 0);
  {
    g_autofree char *p1 = g_build_filename (dir, "P1.ics", NULL);
    g_autofree char *c = NULL;
    gsize lc;

    g_assert_true (g_file_get_contents (p1, &c, &lc, NULL));
    g_assert_cmpmem (a, la, c, lc);
  }
  p2 = g_build_filename (dir, "P2.ics", NULL);
  g_assert_true (g_file_test (p2, G_FILE_TEST_IS_REGULAR));
}

/* Hundreds of calendars are rendered on several threads: the files must
 * hold exactly what rendering them one by one gives. */
static void
test_write_all (Fixture *f, gconstpointer data)
{
  g_autoptr(DagOrg) org = fixture_org ();
  g_autoptr(GError) error = NULL;
  g_autoptr(DagIcalExport) ex = NULL;
  g_autofree char *dir = g_build_filename (f->dir, "all", NULL);

  for (int i = 0; i < 300; i++)
    {
      g_autofree char *id = g_strdup_printf ("X%03d", i);
      g_autofree char *ind = g_strdup_printf ("IX%03d", i);
      int p = org->participants->len;

      add_participant (org, id, "Extra", bsns[0], dag_date_from_ymd (1960, 1, 1),
                       i % 2 ? DAG_TRANSPORT_BUS : DAG_TRANSPORT_OWN);
      add_indication (org, ind, p, 0, 1, dag_date_from_ymd (2026, 1, 1), dag_date_from_ymd (2027, 3 + i % 9, 1));
      add_plan (org, p, 0, i % 3 ? "mon-am" : "thu-pm");
      add_plan (org, p, 1, "wed-pm");
    }
  /* One id that is not a plain file name. */
  g_free (DAG_AT (org->participants, DagParticipant, 2)->id);
  DAG_AT (org->participants, DagParticipant, 2)->id = g_strdup ("../P3");
  dag_org_invalidate_index (org);

  ex = dag_ical_export_new (org, FROM, TO, &error);
  for (guint p = 0; p < org->participants->len; p++)
    g_assert_cmpint (dag_ical_export_add (ex, DAG_KIND_PARTICIPANT,
                                          DAG_AT (org->participants, DagParticipant, p)->id, &error), ==, p);
  g_assert_true (dag_ical_export_build (ex, f->store, NOW1, &error));
  g_assert_true (dag_ical_export_write_all (ex, dir, &error));
  g_assert_no_error (error);
  /* Again: nothing changes, nothing is rewritten. */
  g_assert_true (dag_ical_export_write_all (ex, dir, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < org->participants->len; i++)
    {
      g_autofree char *name = dag_ical_export_file_name (ex, i);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *want = dag_ical_export_render (ex, i, NULL);
      g_autofree char *got = NULL;

      g_assert_null (strchr (name, '/'));
      g_assert_true (g_file_get_contents (path, &got, NULL, NULL));
      g_assert_cmpstr (got, ==, want);
    }
  {
    g_autofree char *name = dag_ical_export_file_name (ex, 2);
    g_assert_true (g_str_has_prefix (name, "participant-"));
  }
}

/* ---- fixtures for check-ical.py ------------------------------------------ */

static const char *
kind_name (DagKind kind)
{
  switch (kind)
    {
    case DAG_KIND_PARTICIPANT: return "participant";
    case DAG_KIND_STAFF: return "staff";
    case DAG_KIND_GROUP: return "group";
    case DAG_KIND_LOCATION: return "location";
    case DAG_KIND_VEHICLE: return "vehicle";
    default: return "other";
    }
}

/* The calendars of org into dir as prefix<kind>-<id>.ics, each with its
 * .expected occurrences. */
static gboolean
write_calendars (DagOrg *org, const char *dir, const char *prefix)
{
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (subjects); i++)
    {
      g_autofree char *text = export_one (org, NULL, subjects[i].kind, subjects[i].id, NOW1);
      int index = dag_org_lookup (org, subjects[i].kind, subjects[i].id);
      g_autoptr(GPtrArray) want = expected_subject (org, subjects[i].kind, index);
      g_autofree char *base = g_strdup_printf ("%s%s-%s", prefix, kind_name (subjects[i].kind), subjects[i].id);
      g_autofree char *ics = g_strdup_printf ("%s/%s.ics", dir, base);
      g_autofree char *exp = g_strdup_printf ("%s/%s.expected", dir, base);
      g_autoptr(GString) lines = g_string_new (NULL);

      for (guint k = 0; k < want->len; k++)
        g_string_append_printf (lines, "%s\n", (char *) g_ptr_array_index (want, k));
      if (!g_file_set_contents (ics, text, -1, &error) ||
          !g_file_set_contents (exp, lines->str, lines->len, &error))
        {
          g_printerr ("%s\n", error->message);
          return FALSE;
        }
    }
  return TRUE;
}

static int
write_fixtures (const char *dir)
{
  g_autoptr(DagOrg) org = fixture_org ();
  g_autoptr(DagOrg) dated = dated_org ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) forbidden = g_string_new (NULL);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    return 1;
  /* The plain fixture, and the one with a dated plan and one-off changes. */
  if (!write_calendars (org, dir, "") || !write_calendars (dated, dir, "dated-"))
    return 1;
  /* Never in any file: BSNs, birth dates, level names, health data. */
  for (guint i = 0; i < org->participants->len; i++)
    {
      const DagParticipant *p = DAG_AT (org->participants, DagParticipant, i);
      char date[DAG_DATE_BUF];
      g_autofree char *compact = NULL;

      dag_date_format (p->birth_date, date);
      compact = g_strdup_printf ("%.4s%.2s%.2s", date, date + 5, date + 8);
      g_string_append_printf (forbidden, "%s\n%s\n%s\n", p->bsn, date, compact);
    }
  for (guint i = 0; i < org->settings.levels->len; i++)
    g_string_append_printf (forbidden, "%s\n", DAG_AT (org->settings.levels, DagLevel, i)->name);
  g_string_append (forbidden, "griep\n");
  {
    g_autofree char *path = g_strdup_printf ("%s/forbidden.txt", dir);
    if (!g_file_set_contents (path, forbidden->str, forbidden->len, &error))
      {
        g_printerr ("%s\n", error->message);
        return 1;
      }
  }
  return 0;
}

int
main (int argc, char **argv)
{
  if (argc == 3 && strcmp (argv[1], "--write-fixtures") == 0)
    return write_fixtures (argv[2]);

  g_test_init (&argc, &argv, NULL);
  dag_test_db_init ();

  g_test_add_func ("/ical/recurrences-match-schedule", test_recurrences_match_schedule);
  g_test_add_func ("/ical/exdates-by-hand", test_exdates_by_hand);
  g_test_add_func ("/ical/calendar-header", test_calendar_header);
  g_test_add_func ("/ical/dst", test_dst);
  g_test_add_func ("/ical/no-private-data", test_no_private_data);
  g_test_add_func ("/ical/pickup", test_pickup);
  g_test_add_func ("/ical/vehicle", test_vehicle);
  g_test_add_func ("/ical/staff-and-group", test_staff_and_group);
  g_test_add_func ("/ical/staff-driving", test_staff_driving);
  g_test_add_func ("/ical/uids-stable-and-opaque", test_uids_stable_and_opaque);
  g_test_add_func ("/ical/dated-match-schedule", test_dated_match_schedule);
  g_test_add_func ("/ical/plan-change", test_plan_change);
  g_test_add_func ("/ical/one-off-cancel", test_one_off_cancel);
  g_test_add_func ("/ical/one-off-addition", test_one_off_addition);
  g_test_add_func ("/ical/staff-dated", test_staff_dated);
  g_test_add ("/ical/reexport-identical", Fixture, NULL, fixture_setup, test_reexport_identical, fixture_teardown);
  g_test_add ("/ical/sequence", Fixture, NULL, fixture_setup, test_sequence, fixture_teardown);
  g_test_add ("/ical/stamp-rollback", Fixture, NULL, fixture_setup, test_stamp_rollback, fixture_teardown);
  g_test_add ("/ical/cli", Fixture, NULL, fixture_setup, test_cli, fixture_teardown);
  g_test_add ("/ical/write-all", Fixture, NULL, fixture_setup, test_write_all, fixture_teardown);

  return g_test_run ();
}
