/* test-demo.c — the demo organisation generator: determinism, valid BSNs and
 * postcodes, a week plan that keeps every planning rule, attendance only on
 * sessions that take place, staffing rules, and sizes that scale with N. */

#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "dag-cli.h"
#include "dag-demo.h"
#include "dag-rules.h"
#include "dag-schedule.h"
#include "dag-store.h"
#include "dag-validate.h"

static DagOrg *
generate (int     participants,
          guint32 seed)
{
  DagDemoOptions options = { participants, seed, dag_date_from_ymd (2026, 10, 1) };

  return dag_demo_generate (&options);
}

/* One organisation of 1000 participants shared by the tests that only read
 * it (generating is slow under AddressSanitizer). */
static DagOrg *shared;

static DagOrg *
shared_org (void)
{
  if (shared == NULL)
    shared = generate (1000, 5);
  return shared;
}

static const char *
pid (const DagOrg *org,
     int           i)
{
  return DAG_AT (org->participants, DagParticipant, i)->id;
}

static const char *
gid (const DagOrg *org,
     int           i)
{
  return DAG_AT (org->groups, DagGroup, i)->id;
}

/* Every field of the organisation as text lines, references written as ids
 * so that record order does not matter once the lines are sorted. */
static GPtrArray *
dump_lines (const DagOrg *org)
{
  GPtrArray *l = g_ptr_array_new_with_free_func (g_free);
  char a[DAG_DATE_BUF], b[DAG_DATE_BUF];

  g_ptr_array_add (l, g_strdup_printf ("org %s %s", org->name, org->agb_code));
  for (guint i = 0; i < org->municipalities->len; i++)
    {
      const DagMunicipality *m = DAG_AT (org->municipalities, DagMunicipality, i);
      g_ptr_array_add (l, g_strdup_printf ("muni %s %s", m->code, m->name));
    }
  for (guint i = 0; i < org->contracts->len; i++)
    {
      const DagContract *c = DAG_AT (org->contracts, DagContract, i);
      g_ptr_array_add (l, g_strdup_printf ("contract %s %s %d", c->id,
                                           DAG_AT (org->municipalities, DagMunicipality, c->municipality)->code,
                                           c->noshow_billable));
      for (guint k = 0; k < c->products->len; k++)
        {
          const DagProduct *p = DAG_AT (c->products, DagProduct, k);
          g_ptr_array_add (l, g_strdup_printf ("product %s %s %s %s %s %" G_GINT64_FORMAT, c->id,
                                               p->product, p->code, p->name, p->unit, p->tariff_cents));
          for (guint s = 0; s < p->staffel->len; s++)
            g_ptr_array_add (l, g_strdup_printf ("staffel %s %s %d %" G_GINT64_FORMAT, c->id, p->product,
                                                 DAG_AT (p->staffel, DagStaffel, s)->from_unit,
                                                 DAG_AT (p->staffel, DagStaffel, s)->tariff_cents));
        }
    }
  for (guint i = 0; i < org->locations->len; i++)
    {
      const DagLocation *x = DAG_AT (org->locations, DagLocation, i);
      GString *s = g_string_new (NULL);
      g_string_printf (s, "location %s %s|%s|%.6f %.6f", x->id, x->name, x->address, x->lat, x->lon);
      for (int p = 0; p < DAG_N_PARTS; p++)
        if (x->has_part[p])
          g_string_append_printf (s, " %d:%d-%d", p, x->part_start[p], x->part_end[p]);
      for (guint k = 0; k < x->closures->len; k++)
        g_string_append_printf (s, " %s", dag_date_format (g_array_index (x->closures, DagDate, k), a));
      g_ptr_array_add (l, g_string_free (s, FALSE));
    }
  for (guint i = 0; i < org->groups->len; i++)
    {
      const DagGroup *g = DAG_AT (org->groups, DagGroup, i);
      g_autofree char *products = NULL;
      g_ptr_array_add (g->products, NULL);
      products = g_strjoinv (",", (char **) g->products->pdata);
      g_ptr_array_set_size (g->products, g->products->len - 1);
      g_ptr_array_add (l, g_strdup_printf ("group %s %s %s %s %d-%d %d %x", g->id,
                                           DAG_AT (org->locations, DagLocation, g->location)->id,
                                           g->name, products, g->min_level, g->max_level,
                                           g->capacity, g->slots));
    }
  for (guint i = 0; i < org->staff->len; i++)
    {
      const DagStaff *s = DAG_AT (org->staff, DagStaff, i);
      g_ptr_array_add (l, g_strdup_printf ("staff %s %s %d %d %x %d %s", s->id, s->name, s->qualification,
                                           s->contract_hours, s->available, s->driver, s->email));
    }
  for (guint i = 0; i < org->vehicles->len; i++)
    {
      const DagVehicle *v = DAG_AT (org->vehicles, DagVehicle, i);
      g_ptr_array_add (l, g_strdup_printf ("vehicle %s %s %d %d %s %" G_GINT64_FORMAT, v->id, v->name,
                                           v->seats, v->wheelchair_places,
                                           DAG_AT (org->locations, DagLocation, v->location)->id,
                                           v->cost_per_km_cents));
    }
  for (guint i = 0; i < org->participants->len; i++)
    {
      const DagParticipant *p = DAG_AT (org->participants, DagParticipant, i);
      g_ptr_array_add (l, g_strdup_printf ("participant %s %s %s %s|%s|%d %.6f %.6f %s %d %d %x %x",
                                           p->id, p->name, dag_date_format (p->birth_date, a), p->bsn,
                                           p->address, p->has_coords, p->lat, p->lon,
                                           DAG_AT (org->municipalities, DagMunicipality, p->municipality)->code,
                                           p->transport, p->wheelchair, p->unavailable, p->preferred_days));
    }
  for (guint i = 0; i < org->indications->len; i++)
    {
      const DagIndication *x = DAG_AT (org->indications, DagIndication, i);
      const DagContract *c = DAG_AT (org->contracts, DagContract, x->contract);
      g_ptr_array_add (l, g_strdup_printf ("indication %s %s %s %s %d %s %s %s %d %d %d", x->id,
                                           pid (org, x->participant), c->id,
                                           DAG_AT (c->products, DagProduct, x->product)->product,
                                           x->level, x->allocation_number,
                                           dag_date_format (x->start, a), dag_date_format (x->end, b),
                                           x->units, x->per, x->min_units));
    }
  for (guint i = 0; i < org->plan->len; i++)
    {
      const DagPlanEntry *e = DAG_AT (org->plan, DagPlanEntry, i);
      g_ptr_array_add (l, g_strdup_printf ("plan %s %s %d", pid (org, e->participant), gid (org, e->group), e->slot));
    }
  for (guint i = 0; i < org->staffing->len; i++)
    {
      const DagStaffing *e = DAG_AT (org->staffing, DagStaffing, i);
      g_ptr_array_add (l, g_strdup_printf ("staffing %s %s %d", DAG_AT (org->staff, DagStaff, e->staff)->id,
                                           gid (org, e->group), e->slot));
    }
  for (guint i = 0; i < org->absences->len; i++)
    {
      const DagAbsence *e = DAG_AT (org->absences, DagAbsence, i);
      g_ptr_array_add (l, g_strdup_printf ("absence %s %s %s %s", pid (org, e->participant),
                                           dag_date_format (e->from, a), dag_date_format (e->to, b),
                                           e->reason ? e->reason : "-"));
    }
  for (guint i = 0; i < org->attendance->len; i++)
    {
      const DagAttendance *e = DAG_AT (org->attendance, DagAttendance, i);
      g_ptr_array_add (l, g_strdup_printf ("attendance %s %s %d %d %d %s", pid (org, e->participant),
                                           dag_date_format (e->date, a), e->part, e->status, e->minutes,
                                           e->reason ? e->reason : "-"));
    }
  return l;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

static char *
dump (const DagOrg *org,
      gboolean      sorted)
{
  g_autoptr(GPtrArray) lines = dump_lines (org);

  if (sorted)
    g_ptr_array_sort (lines, compare_strings);
  g_ptr_array_add (lines, NULL);
  return g_strjoinv ("\n", (char **) lines->pdata);
}

static void
test_deterministic (void)
{
  g_autoptr(DagOrg) a = generate (150, 7);
  g_autoptr(DagOrg) b = generate (150, 7);
  g_autoptr(DagOrg) c = generate (150, 8);
  g_autofree char *da = dump (a, FALSE);
  g_autofree char *db = dump (b, FALSE);
  g_autofree char *dc = dump (c, FALSE);

  g_assert_cmpstr (da, ==, db);
  g_assert_cmpstr (da, !=, dc);
  /* The same participants are not simply renumbered under another seed. */
  g_assert_cmpstr (DAG_AT (a->participants, DagParticipant, 0)->bsn, !=,
                   DAG_AT (c->participants, DagParticipant, 0)->bsn);
}

static void
test_month_changes_attendance_only_around_it (void)
{
  DagDemoOptions o1 = { 150, 1, dag_date_from_ymd (2026, 9, 1) };
  DagDemoOptions o2 = { 150, 1, dag_date_from_ymd (2026, 10, 17) };
  g_autoptr(DagOrg) a = dag_demo_generate (&o1);
  g_autoptr(DagOrg) b = dag_demo_generate (&o2);
  DagDate oct1 = dag_date_from_ymd (2026, 10, 1), oct31 = dag_date_from_ymd (2026, 10, 31);

  g_assert_cmpuint (a->participants->len, ==, b->participants->len);
  /* A day inside the month means that month. */
  for (guint i = 0; i < b->attendance->len; i++)
    {
      DagDate d = DAG_AT (b->attendance, DagAttendance, i)->date;
      g_assert_true (d >= oct1 && d <= oct31);
    }
  g_assert_cmpuint (b->attendance->len, >, 0);
}

static const char *
postcode_of (const char *address,
             char       *buf)
{
  const char *comma = strrchr (address, ',');

  g_assert_nonnull (comma);
  g_strlcpy (buf, comma + 2, 8);
  return buf;
}

static void
test_valid_fields (void)
{
  DagOrg *org = shared_org ();
  g_autoptr(GHashTable) bsns = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) emails = g_hash_table_new (g_str_hash, g_str_equal);
  char pc[8];
  DagDate oct1 = dag_date_from_ymd (2026, 10, 1), oct31 = dag_date_from_ymd (2026, 10, 31);
  guint covering = 0, expiring = 0, starting = 0, ending = 0;

  g_assert_true (dag_validate_agb_code (org->agb_code, NULL));
  g_assert_cmpuint (org->municipalities->len, ==, 10);
  g_assert_cmpint (dag_org_lookup (org, DAG_KIND_MUNICIPALITY, "0202"), >=, 0);
  g_assert_cmpint (dag_org_lookup (org, DAG_KIND_MUNICIPALITY, "1705"), >=, 0);
  g_assert_cmpint (dag_org_lookup (org, DAG_KIND_CONTRACT, "C-0299"), >=, 0);
  for (guint i = 0; i < org->municipalities->len; i++)
    g_assert_true (dag_validate_municipality_code (DAG_AT (org->municipalities, DagMunicipality, i)->code, NULL));

  for (guint i = 0; i < org->participants->len; i++)
    {
      const DagParticipant *p = DAG_AT (org->participants, DagParticipant, i);
      g_autoptr(GError) error = NULL;
      int y;

      if (!dag_validate_bsn (p->bsn, &error))
        g_error ("participant %s: BSN %s", p->id, error->message);
      g_assert_false (g_hash_table_contains (bsns, p->bsn));
      g_hash_table_add (bsns, p->bsn);
      if (!dag_validate_postcode (postcode_of (p->address, pc), &error))
        g_error ("participant %s: postcode “%s” %s", p->id, pc, error->message);
      g_assert_true (dag_validate_id (p->id, NULL));
      /* Within ~20 km of Arnhem centre (51.98 N, 5.91 E). */
      g_assert_cmpfloat (fabs (p->lat - 51.98) * 111.2, <, 15);
      g_assert_cmpfloat (fabs (p->lon - 5.91) * 68.6, <, 20);
      dag_date_to_ymd (p->birth_date, &y, NULL, NULL);
      g_assert_cmpint (2026 - y, >=, 18);
      g_assert_cmpint (2026 - y, <=, 91);
      if (p->wheelchair)
        g_assert_cmpint (p->transport, ==, DAG_TRANSPORT_BUS);
    }
  for (guint i = 0; i < org->locations->len; i++)
    {
      const DagLocation *l = DAG_AT (org->locations, DagLocation, i);
      g_assert_true (dag_validate_postcode (postcode_of (l->address, pc), NULL));
      g_assert_cmpfloat (hypot ((l->lat - 51.98) * 111.2, (l->lon - 5.91) * 68.6), <, 20);
    }
  for (guint i = 0; i < org->staff->len; i++)
    {
      const DagStaff *s = DAG_AT (org->staff, DagStaff, i);
      g_assert_true (g_str_has_suffix (s->email, "@example.org"));
      g_assert_false (g_hash_table_contains (emails, s->email));
      g_hash_table_add (emails, s->email);
      /* Available for at least the slots the contract pays for. */
      if (s->qualification != DAG_QUAL_VOLUNTEER)
        {
          g_assert_cmpint (s->contract_hours, >=, 16);
          g_assert_cmpint (s->contract_hours, <=, 36);
          g_assert_cmpint (__builtin_popcount (s->available), >=, s->contract_hours / 4);
        }
    }
  for (guint i = 0; i < org->indications->len; i++)
    {
      const DagIndication *ind = DAG_AT (org->indications, DagIndication, i);
      const DagContract *c = DAG_AT (org->contracts, DagContract, ind->contract);
      const DagParticipant *p = DAG_AT (org->participants, DagParticipant, ind->participant);
      g_autoptr(GError) error = NULL;

      g_assert_cmpint (c->municipality, ==, p->municipality);
      if (!dag_validate_volume (ind->units, ind->per, &error))
        g_error ("indication %s: %s", ind->id, error->message);
      g_assert_true (dag_validate_period (ind->start, ind->end, NULL));
      g_assert_cmpint (ind->end - ind->start, >=, 85);
      g_assert_cmpint (ind->end - ind->start, <=, 5 * 366 + 1);
      /* Numeric, as a WMO301 gives them (iWmo LDT_Nummer: at most 9 digits). */
      g_assert_cmpuint (strlen (ind->allocation_number), ==, 8);
      g_assert_cmpuint (strspn (ind->allocation_number, "0123456789"), ==, 8);
      if (ind->start <= oct1 && ind->end >= oct31)
        covering++;
      if (ind->start > oct1 && ind->start <= oct31)
        starting++;
      if (ind->end >= oct1 && ind->end < oct31)
        ending++;
      if (ind->end > oct31 && ind->end <= oct31 + 42)
        expiring++;
    }
  g_test_message ("indications: %u cover October, %u start in it, %u end in it, %u expire within 6 weeks",
                  covering, starting, ending, expiring);
  g_assert_cmpuint (covering, >, org->indications->len / 2);
  g_assert_cmpuint (starting, >, 0);
  g_assert_cmpuint (ending, >, 0);
  g_assert_cmpuint (expiring, >, 0);
}

/* The weekly volume as the rules module converts it (one rule, one place). */
static gboolean
within_volume (const DagIndication *ind,
               int                  count)
{
  int max = 0;

  dag_rules_weekly_volume (ind, &max, NULL);
  return count <= max;
}

static int
day_indication (const DagOrg *org,
                int           participant)
{
  for (guint i = 0; i < org->indications->len; i++)
    {
      const DagIndication *ind = DAG_AT (org->indications, DagIndication, i);
      const DagContract *c = DAG_AT (org->contracts, DagContract, ind->contract);
      if (ind->participant == participant &&
          strcmp (DAG_AT (c->products, DagProduct, ind->product)->product, "VERVOER") != 0)
        return i;
    }
  return -1;
}

static void
check_plan (const DagOrg *org)
{
  guint np = org->participants->len, ng = org->groups->len;
  g_autofree int *per_group_slot = g_new0 (int, ng * DAG_N_SLOTS);
  g_autofree int *per_participant = g_new0 (int, np);
  g_autofree DagSlotMask *seen = g_new0 (DagSlotMask, np);
  g_autofree int *ind_of = g_new (int, np);
  guint full = 0, weekly = 0, whole_days = 0, bus_slots = 0;

  /* By counting, independently of the generator. */
  for (guint p = 0; p < np; p++)
    ind_of[p] = -1;
  for (guint i = 0; i < org->indications->len; i++)
    {
      const DagIndication *ind = DAG_AT (org->indications, DagIndication, i);
      const DagContract *c = DAG_AT (org->contracts, DagContract, ind->contract);
      if (ind_of[ind->participant] < 0 &&
          strcmp (DAG_AT (c->products, DagProduct, ind->product)->product, "VERVOER") != 0)
        ind_of[ind->participant] = i;
    }

  for (guint i = 0; i < org->plan->len; i++)
    {
      const DagPlanEntry *e = DAG_AT (org->plan, DagPlanEntry, i);
      const DagGroup *g = DAG_AT (org->groups, DagGroup, e->group);
      const DagParticipant *p = DAG_AT (org->participants, DagParticipant, e->participant);
      const DagIndication *ind;
      const DagContract *c;
      const char *product;
      gboolean takes = FALSE;

      g_assert_cmpint (ind_of[e->participant], >=, 0);
      ind = DAG_AT (org->indications, DagIndication, ind_of[e->participant]);
      c = DAG_AT (org->contracts, DagContract, ind->contract);
      product = DAG_AT (c->products, DagProduct, ind->product)->product;
      for (guint k = 0; k < g->products->len; k++)
        takes |= strcmp (g_ptr_array_index (g->products, k), product) == 0;

      if (!takes)
        g_error ("plan: %s in %s which does not take %s", p->id, g->id, product);
      if (ind->level < g->min_level || ind->level > g->max_level)
        g_error ("plan: %s level %d in %s (%d–%d)", p->id, ind->level, g->id, g->min_level, g->max_level);
      if (!(g->slots & DAG_SLOT_BIT (e->slot)))
        g_error ("plan: %s in %s at slot %d the group does not run", p->id, g->id, e->slot);
      if (p->unavailable & DAG_SLOT_BIT (e->slot))
        g_error ("plan: %s at an unavailable slot %d", p->id, e->slot);
      if (seen[e->participant] & DAG_SLOT_BIT (e->slot))
        g_error ("plan: %s twice at slot %d", p->id, e->slot);
      seen[e->participant] |= DAG_SLOT_BIT (e->slot);
      per_group_slot[e->group * DAG_N_SLOTS + e->slot]++;
      per_participant[e->participant]++;
    }
  for (guint g = 0; g < ng; g++)
    for (int s = 0; s < DAG_N_SLOTS; s++)
      if (per_group_slot[g * DAG_N_SLOTS + s] > DAG_AT (org->groups, DagGroup, g)->capacity)
        g_error ("plan: group %s over capacity at slot %d", gid (org, g), s);
  for (guint p = 0; p < np; p++)
    {
      const DagIndication *ind = DAG_AT (org->indications, DagIndication, ind_of[p]);
      const DagParticipant *pa = DAG_AT (org->participants, DagParticipant, p);
      int want;

      if (!within_volume (ind, per_participant[p]))
        g_error ("plan: %s has %d dagdelen, above the indicated volume", pid (org, p), per_participant[p]);
      want = ind->per == DAG_PER_WEEK ? ind->units : 0;
      weekly += want > 0;
      if (want > 0 && per_participant[p] == want)
        full++;
      if (pa->transport == DAG_TRANSPORT_BUS)
        for (int d = 0; d < 5; d++)
          {
            DagSlotMask am = DAG_SLOT_BIT (DAG_SLOT (d, 0)), pm = DAG_SLOT_BIT (DAG_SLOT (d, 1));
            bus_slots += !!(seen[p] & am) + !!(seen[p] & pm);
            if ((seen[p] & am) && (seen[p] & pm))
              whole_days += 2;
          }
    }
  g_test_message ("plan: %u entries for %u participants; %u of the %u with a weekly volume got all of it; "
                  "%u of %u bus dagdelen are whole days",
                  org->plan->len, np, full, weekly, whole_days, bus_slots);
  /* Capacity is generous: nearly everyone is placed in full. */
  g_assert_cmpuint (full, >=, weekly * 85 / 100);
  g_assert_cmpuint (whole_days, >=, bus_slots * 3 / 4);
}

static void
test_plan_rules (void)
{
  g_autoptr(DagOrg) small = generate (20, 1);

  check_plan (small);
  check_plan (shared_org ());
}

static void
check_staffing (const DagOrg *org)
{
  guint ng = org->groups->len, ns = org->staff->len;
  g_autofree int *load = g_new0 (int, ng * DAG_N_SLOTS);
  g_autofree int *maxlevel = g_new0 (int, ng * DAG_N_SLOTS);
  g_autofree int *hbo = g_new0 (int, ng * DAG_N_SLOTS);
  g_autofree int *mbo = g_new0 (int, ng * DAG_N_SLOTS);
  g_autofree int *worked = g_new0 (int, ns);
  g_autofree DagSlotMask *busy = g_new0 (DagSlotMask, ns);
  guint group_slots = 0, met = 0;

  /* Load in 1/120 of a staff member: ratios 8, 6, 5, 3 all divide 120. */
  for (guint i = 0; i < org->plan->len; i++)
    {
      const DagPlanEntry *e = DAG_AT (org->plan, DagPlanEntry, i);
      const DagIndication *ind = DAG_AT (org->indications, DagIndication, day_indication (org, e->participant));
      load[e->group * DAG_N_SLOTS + e->slot] += 120 / dag_org_level_ratio (org, ind->level);
      maxlevel[e->group * DAG_N_SLOTS + e->slot] = MAX (maxlevel[e->group * DAG_N_SLOTS + e->slot], ind->level);
    }
  for (guint i = 0; i < org->staffing->len; i++)
    {
      const DagStaffing *e = DAG_AT (org->staffing, DagStaffing, i);
      const DagStaff *s = DAG_AT (org->staff, DagStaff, e->staff);

      g_assert_true (s->available & DAG_SLOT_BIT (e->slot));
      g_assert_false (busy[e->staff] & DAG_SLOT_BIT (e->slot));
      busy[e->staff] |= DAG_SLOT_BIT (e->slot);
      worked[e->staff]++;
      g_assert_cmpint (worked[e->staff] * 4, <=, s->contract_hours);
      if (s->qualification == DAG_QUAL_HBO)
        hbo[e->group * DAG_N_SLOTS + e->slot]++;
      else if (s->qualification == DAG_QUAL_MBO)
        mbo[e->group * DAG_N_SLOTS + e->slot]++;
    }
  for (guint i = 0; i < ng * DAG_N_SLOTS; i++)
    {
      int required = (load[i] + 119) / 120;
      gboolean ok;

      if (load[i] == 0)
        continue;
      group_slots++;
      ok = hbo[i] + mbo[i] >= required;
      if (maxlevel[i] >= 3)
        ok = ok && hbo[i] >= 1;
      if (required >= 2)
        ok = ok && hbo[i] >= 1 && mbo[i] >= 1;
      met += ok;
    }
  g_test_message ("staffing: %u of %u group slots meet every staffing rule", met, group_slots);
  g_assert_cmpuint (met, >=, group_slots * 95 / 100);
}

static void
test_staffing_rules (void)
{
  DagOrg *org = shared_org ();
  guint hbo = 0, mbo = 0, vol = 0, drivers = 0;

  check_staffing (org);
  for (guint i = 0; i < org->staff->len; i++)
    {
      const DagStaff *s = DAG_AT (org->staff, DagStaff, i);
      hbo += s->qualification == DAG_QUAL_HBO;
      mbo += s->qualification == DAG_QUAL_MBO;
      vol += s->qualification == DAG_QUAL_VOLUNTEER;
      drivers += s->driver;
    }
  g_assert_cmpuint (hbo * 100, >=, org->staff->len * 30);
  g_assert_cmpuint (hbo * 100, <=, org->staff->len * 40);
  g_assert_cmpuint (mbo * 100, >=, org->staff->len * 50);
  g_assert_cmpuint (vol, >, 0);
  g_assert_cmpuint (drivers, >, 0);
}

/* The demo breaks no rule in the week it was planned for (the first full
 * week of October 2026), checked by the rules module itself. */
static void
test_no_rule_broken (void)
{
  DagOrg *org = shared_org ();
  g_autoptr(GArray) findings = dag_rules_check (org, dag_date_from_ymd (2026, 10, 5));

  for (guint i = 0; i < findings->len; i++)
    {
      const DagFinding *f = &g_array_index (findings, DagFinding, i);
      if (f->severity == DAG_SEVERITY_ERROR)
        g_error ("finding %s: %s", f->rule, f->message);
    }
  g_assert_cmpuint (dag_rules_count_errors (findings), ==, 0);
}

typedef struct {
  GHashTable *on;
} OnSet;

static char *
session_key (int     participant,
             DagDate date,
             int     part)
{
  return g_strdup_printf ("%d/%u/%d", participant, date, part);
}

static gboolean
collect_on (const DagSession *s,
            gpointer          user_data)
{
  OnSet *set = user_data;

  if (s->state == DAG_SESSION_ON)
    g_hash_table_add (set->on, session_key (s->participant, s->date, s->part));
  return TRUE;
}

static void
test_attendance_only_on (void)
{
  DagOrg *org = shared_org ();
  g_autoptr(DagSchedule) schedule = dag_schedule_new (org);
  OnSet set = { g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL) };
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint present = 0, cancelled = 0, noshow = 0, hours = 0;
  guint total = org->attendance->len;

  dag_schedule_foreach (schedule, dag_date_from_ymd (2026, 10, 1), dag_date_from_ymd (2026, 10, 31),
                        collect_on, &set);
  for (guint i = 0; i < total; i++)
    {
      const DagAttendance *a = DAG_AT (org->attendance, DagAttendance, i);
      char *key = session_key (a->participant, a->date, a->part);

      if (!g_hash_table_contains (set.on, key))
        g_error ("attendance of %s on a session that does not take place", pid (org, a->participant));
      g_assert_false (g_hash_table_contains (seen, key));
      g_hash_table_add (seen, key);
      switch (a->status)
        {
        case DAG_ATTEND_PRESENT: present++; break;
        case DAG_ATTEND_CANCELLED: cancelled++; g_assert_nonnull (a->reason); break;
        case DAG_ATTEND_NO_SHOW: noshow++; break;
        default: g_assert_not_reached ();
        }
      if (a->minutes >= 0)
        {
          hours++;
          g_assert_cmpint (a->status, ==, DAG_ATTEND_PRESENT);
          /* At most the length of the part at the group's location, on the half hour. */
          g_assert_cmpint (a->minutes, >, 0);
          g_assert_cmpint (a->minutes % 30, ==, 0);
          g_assert_cmpint (a->minutes, <=, 240);
        }
    }
  /* October 2026 is in the past: every session that took place is registered. */
  g_assert_cmpuint (total, ==, g_hash_table_size (set.on));
  g_test_message ("attendance: %u rows, %u present, %u cancelled, %u no-show, %u with hours",
                  total, present, cancelled, noshow, hours);
  g_assert_cmpuint (cancelled * 100, >=, total * 5);
  g_assert_cmpuint (cancelled * 100, <=, total * 11);
  g_assert_cmpuint (noshow * 100, >=, total * 3);
  g_assert_cmpuint (noshow * 100, <=, total * 7);
  g_assert_cmpuint (hours * 100, >=, total * 6);
  g_assert_cmpuint (hours * 100, <=, total * 12);
  g_assert_cmpuint (org->absences->len, >, 0);
  g_hash_table_unref (set.on);
}

static void
test_sizes_scale (void)
{
  g_autoptr(DagOrg) tiny = generate (20, 1);
  g_autoptr(DagOrg) small = generate (150, 1);
  g_autoptr(DagOrg) big = generate (2000, 1);
  const DagOrg *orgs[] = { tiny, small, big };

  for (guint i = 0; i < G_N_ELEMENTS (orgs); i++)
    {
      const DagOrg *o = orgs[i];
      g_test_message ("N=%u: %u locations, %u groups, %u staff, %u vehicles, %u plan entries, %u attendance rows",
                      o->participants->len, o->locations->len, o->groups->len, o->staff->len,
                      o->vehicles->len, o->plan->len, o->attendance->len);
      g_assert_cmpuint (o->locations->len, >=, 2);
      g_assert_cmpuint (o->groups->len, >=, 1);
      g_assert_cmpuint (o->contracts->len, ==, 10);
    }
  g_assert_cmpuint (tiny->participants->len, ==, 20);
  g_assert_cmpuint (big->participants->len, ==, 2000);
  /* About one location per 60–100 participants. */
  g_assert_cmpuint (big->locations->len, >=, 20);
  g_assert_cmpuint (big->locations->len, <=, 34);
  g_assert_cmpuint (big->groups->len, >, small->groups->len * 5);
  g_assert_cmpuint (big->staff->len, >, small->staff->len * 5);
  g_assert_cmpuint (big->vehicles->len, >, small->vehicles->len);
  g_assert_cmpuint (big->plan->len, >, small->plan->len * 10);
  g_assert_cmpuint (big->attendance->len, >, small->attendance->len * 10);
  check_plan (big);
}

/* The largest size; under AddressSanitizer (every allocation unwinds the
 * stack in CI) it takes over 5 s, so 2000 there. */
#if defined(__SANITIZE_ADDRESS__)
#define LARGEST 2000
#else
#define LARGEST DAG_DEMO_MAX_PARTICIPANTS
#endif

static void
test_largest (void)
{
  gint64 t0 = g_get_monotonic_time ();
  g_autoptr(DagOrg) org = generate (LARGEST, 1);
  gint64 t1 = g_get_monotonic_time ();

  g_test_message ("generating %d participants took %.2f s", LARGEST, (t1 - t0) / 1e6);
  g_assert_cmpuint (org->participants->len, ==, LARGEST);
  g_assert_cmpuint (org->locations->len, >=, LARGEST / 100);
  g_assert_cmpuint (org->attendance->len, >, LARGEST * 10);
}

static void
test_store_round_trip (void)
{
  g_autofree char *dir = g_dir_make_tmp ("dagritme-demo-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "demo.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DagOrg) org = generate (150, 1);
  g_autoptr(DagOrg) loaded = NULL;
  g_autoptr(DagStore) store = dag_store_open (path, &error);
  g_autofree char *before = NULL, *after = NULL;

  g_assert_no_error (error);
  g_assert_true (dag_store_save (store, org, DAG_SECTION_ALL, "demo", &error));
  g_assert_no_error (error);
  loaded = dag_store_load (store, &error);
  g_assert_no_error (error);
  before = dump (org, TRUE);
  after = dump (loaded, TRUE);
  g_assert_cmpstr (before, ==, after);

  g_clear_object (&store);
  g_unlink (path);
  g_rmdir (dir);
}

static int
run_cli (const char *path,
         ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autofree char *database = NULL;
  const char *arg;
  int status = -1;
  int saved, null;
  gboolean ok;
  va_list ap;

  g_ptr_array_add (args, (char *) "dagritme");
  g_ptr_array_add (args, (char *) "--database");
  g_ptr_array_add (args, (char *) path);
  va_start (ap, path);
  while ((arg = va_arg (ap, const char *)))
    g_ptr_array_add (args, (char *) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  /* The command prints what it made; on the test's stdout that would break
   * the TAP stream, so it goes to /dev/null while the command runs. */
  fflush (stdout);
  saved = dup (STDOUT_FILENO);
  null = open ("/dev/null", O_WRONLY | O_CLOEXEC);
  g_assert_cmpint (saved, >=, 0);
  g_assert_cmpint (null, >=, 0);
  dup2 (null, STDOUT_FILENO);
  close (null);
  ok = dag_cli_main (args->len - 1, (char **) args->pdata, &database, &status);
  fflush (stdout);
  dup2 (saved, STDOUT_FILENO);
  close (saved);
  g_assert_true (ok);
  return status;
}

static void
test_cli (void)
{
  g_autofree char *dir = g_dir_make_tmp ("dagritme-demo-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "demo.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DagStore) store = NULL;
  g_autoptr(DagOrg) org = NULL;
  g_autoptr(DagOrg) expected = generate (20, 4);
  g_autofree char *a = NULL, *b = NULL;

  /* Wrong command lines: exit 2 and no database written. */
  g_assert_cmpint (run_cli (path, "demo", "--participants", "19", NULL), ==, 2);
  g_assert_cmpint (run_cli (path, "demo", "--participants", "20001", NULL), ==, 2);
  g_assert_cmpint (run_cli (path, "demo", "--month", "2026-13", NULL), ==, 2);
  g_assert_cmpint (run_cli (path, "demo", "--month", "2026-1", NULL), ==, 2);
  g_assert_cmpint (run_cli (path, "demo", "--seed", "-1", NULL), ==, 2);
  g_assert_cmpint (run_cli (path, "demo", "extra", NULL), ==, 2);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  g_assert_cmpint (run_cli (path, "demo", "--participants", "20", "--seed", "4", "--month", "2026-10", NULL), ==, 0);
  store = dag_store_open (path, &error);
  g_assert_no_error (error);
  org = dag_store_load (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (org->participants->len, ==, 20);
  a = dump (expected, TRUE);
  b = dump (org, TRUE);
  g_assert_cmpstr (a, ==, b);

  g_clear_object (&store);
  g_unlink (path);
  g_rmdir (dir);
}

/* --staff, --hbo and --heavy: fewer paid contract dagdelen, the chosen HBO
 * share among paid staff, and mostly level 3–4 participants; the rest of
 * the organisation (participants, groups' products) is drawn as before. */
static void
test_staff_supply (void)
{
  DagDemoOptions options = { 150, 1, dag_date_from_ymd (2026, 10, 1) };
  g_autoptr(DagOrg) usual = dag_demo_generate (&options);
  g_autoptr(DagOrg) scarce = NULL;
  int paid[2] = { 0 }, hbo = 0, staff_count = 0, heavy = 0, day = 0;

  options.staff = 0.7;
  options.hbo = 0.2;
  options.heavy = 0.6;
  scarce = dag_demo_generate (&options);
  for (int k = 0; k < 2; k++)
    {
      DagOrg *org = k == 0 ? usual : scarce;
      for (guint i = 0; i < org->staff->len; i++)
        {
          const DagStaff *st = DAG_AT (org->staff, DagStaff, i);
          if (st->qualification == DAG_QUAL_VOLUNTEER)
            continue;
          paid[k] += dag_rules_staff_max_slots (&org->settings, st);
          if (k == 1)
            {
              staff_count++;
              hbo += st->qualification == DAG_QUAL_HBO;
            }
        }
    }
  g_assert_cmpint (paid[1], <, paid[0] * 3 / 4);
  g_assert_cmpint (hbo * 100, >=, staff_count * 15);
  g_assert_cmpint (hbo * 100, <=, staff_count * 25);
  g_assert_cmpuint (scarce->participants->len, ==, usual->participants->len);
  for (guint i = 0; i < scarce->indications->len; i++)
    {
      const DagIndication *ind = DAG_AT (scarce->indications, DagIndication, i);
      if (!dag_rules_is_day_activity (scarce, ind))
        continue;
      day++;
      heavy += ind->level >= 3;
      g_assert_cmpstr (DAG_AT (scarce->participants, DagParticipant, ind->participant)->name, ==,
                       DAG_AT (usual->participants, DagParticipant, ind->participant)->name);
    }
  g_assert_cmpint (heavy * 100, >=, day * 50);
  g_assert_cmpint (heavy * 100, <=, day * 70);
}

int
main (int argc, char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/demo/deterministic", test_deterministic);
  g_test_add_func ("/demo/month", test_month_changes_attendance_only_around_it);
  g_test_add_func ("/demo/valid-fields", test_valid_fields);
  g_test_add_func ("/demo/plan-rules", test_plan_rules);
  g_test_add_func ("/demo/staffing-rules", test_staffing_rules);
  g_test_add_func ("/demo/no-rule-broken", test_no_rule_broken);
  g_test_add_func ("/demo/attendance", test_attendance_only_on);
  g_test_add_func ("/demo/sizes", test_sizes_scale);
  g_test_add_func ("/demo/largest", test_largest);
  g_test_add_func ("/demo/store-round-trip", test_store_round_trip);
  g_test_add_func ("/demo/cli", test_cli);
  g_test_add_func ("/demo/staff-supply", test_staff_supply);
  status = g_test_run ();
  g_clear_pointer (&shared, dag_org_free);
  return status;
}
