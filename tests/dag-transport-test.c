/* dag-transport-test.c — hand-made organisations for the transport tests. */

#include "config.h"

#include <math.h>

#include "dag-transport-check.h"
#include "dag-transport-test.h"

#define LAT0 52.0
#define LON0 5.9

DagDate
dag_test_monday (void)
{
  return dag_date_from_ymd (2026, 11, 2);
}

DagOrg *
dag_test_base_org (void)
{
  DagOrg *org = dag_org_new ();
  DagMunicipality m = { g_strdup ("0202"), g_strdup ("Arnhem") };
  DagContract *c;
  DagProduct *p;

  g_free (org->name);
  org->name = g_strdup ("Test");
  g_free (org->agb_code);
  org->agb_code = g_strdup ("98765432");
  g_array_append_val (org->municipalities, m);
  c = dag_org_add_contract (org);
  c->id = g_strdup ("C1");
  c->municipality = 0;
  p = dag_contract_add_product (c);
  p->product = g_strdup ("M3");
  p->code = g_strdup ("04A03");
  p->name = g_strdup ("Dagbesteding");
  p->unit = g_strdup ("dagdeel");
  p->tariff_cents = 3450;
  p = dag_contract_add_product (c);
  p->product = g_strdup ("VERVOER");
  p->code = g_strdup ("08A01");
  p->name = g_strdup ("Vervoer");
  p->unit = g_strdup ("rit");
  p->tariff_cents = 1250;
  return org;
}

int
dag_test_add_location (DagOrg     *org,
                       const char *id,
                       double      dx,
                       double      dy)
{
  DagLocation *l = dag_org_add_location (org);
  DagGroup *g;
  int index = org->locations->len - 1;

  l->id = g_strdup (id);
  l->name = g_strdup_printf ("Locatie %s", id);
  l->address = g_strdup ("Straat 1, 6800 AA Arnhem");
  l->lat = LAT0 + dy / 111.2;
  l->lon = LON0 + dx / (111.2 * cos (LAT0 * G_PI / 180));
  l->has_part[DAG_PART_AM] = l->has_part[DAG_PART_PM] = TRUE;
  l->part_start[DAG_PART_AM] = 9 * 60;
  l->part_end[DAG_PART_AM] = 13 * 60;
  l->part_start[DAG_PART_PM] = 13 * 60;
  l->part_end[DAG_PART_PM] = 17 * 60;

  g = dag_org_add_group (org);
  g->id = g_strdup_printf ("G-%s", id);
  g->location = index;
  g->name = g_strdup ("Groep");
  g_ptr_array_add (g->products, g_strdup ("M3"));
  g->min_level = 1;
  g->max_level = 4;
  g->capacity = 60;
  g->slots = 0x3ffff;
  dag_org_invalidate_index (org);
  return index;
}

int
dag_test_add_vehicle (DagOrg     *org,
                      const char *id,
                      int         seats,
                      int         chairs,
                      int         location)
{
  DagVehicle v = { g_strdup (id), g_strdup_printf ("Bus %s", id), seats, chairs, location, 45, 0, 0 };

  g_array_append_val (org->vehicles, v);
  dag_org_invalidate_index (org);
  return org->vehicles->len - 1;
}

int
dag_test_add_driver (DagOrg     *org,
                     const char *id)
{
  DagStaff s = { g_strdup (id), g_strdup_printf ("Chauffeur %s", id), DAG_QUAL_MBO, 32,
                 0x3ffff, TRUE, NULL };

  g_array_append_val (org->staff, s);
  dag_org_invalidate_index (org);
  return org->staff->len - 1;
}

int
dag_test_add_participant (DagOrg     *org,
                          double      dx,
                          double      dy,
                          gboolean    wheelchair,
                          gboolean    transport,
                          int         location,
                          DagSlotMask slots)
{
  int index = org->participants->len;
  DagParticipant pa = { 0 };
  DagIndication ind = { 0 };

  pa.id = g_strdup_printf ("P%02d", index + 1);
  pa.name = g_strdup_printf ("Deelnemer %d", index + 1);
  pa.birth_date = dag_date_from_ymd (1970, 1, 1);
  pa.bsn = g_strdup ("111222333");
  pa.address = g_strdup ("Straat 2, 6800 AA Arnhem");
  pa.has_coords = TRUE;
  pa.lat = LAT0 + dy / 111.2;
  pa.lon = LON0 + dx / (111.2 * cos (LAT0 * G_PI / 180));
  pa.municipality = 0;
  pa.transport = DAG_TRANSPORT_BUS;
  pa.wheelchair = wheelchair;
  g_array_append_val (org->participants, pa);

  for (int k = 0; k < (transport ? 2 : 1); k++)
    {
      ind.id = g_strdup_printf ("I%02d-%d", index + 1, k);
      ind.participant = index;
      ind.contract = 0;
      ind.product = k;
      ind.level = 1;
      ind.allocation_number = g_strdup_printf ("A-%d-%d", index, k);
      ind.start = dag_date_from_ymd (2026, 1, 1);
      ind.end = dag_date_from_ymd (2026, 12, 31);
      ind.units = 10;
      ind.per = DAG_PER_WEEK;
      ind.min_units = -1;
      g_array_append_val (org->indications, ind);
    }
  for (int s = 0; s < DAG_N_SLOTS; s++)
    if (slots & DAG_SLOT_BIT (s))
      {
        /* The group of a location has the location's index. */
        DagPlanEntry e = { index, location, s };

        g_array_append_val (org->plan, e);
      }
  dag_org_invalidate_index (org);
  return index;
}

DagTransportResult *
dag_test_plan_checked (DagOrg          *org,
                       const DagTravel *travel,
                       double           time_limit)
{
  DagTransportOptions o;

  dag_transport_options_init (&o);
  o.seed = 1;
  o.time_limit = time_limit;       /* 0: until no better plan is found: repeatable */
  o.use_all_time = time_limit > 0;
  return dag_test_plan_checked_with (org, travel, &o);
}

DagTransportResult *
dag_test_plan_checked_with (DagOrg                    *org,
                            const DagTravel           *travel,
                            const DagTransportOptions *o)
{
  g_autoptr(GError) error = NULL;
  DagTransportResult *res;
  DagTransportCheck check;

  res = dag_transport_plan (org, travel, dag_test_monday (), o, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (res);
  dag_transport_apply (org, res);
  if (!dag_transport_check (org, travel, dag_test_monday (), &check, &error))
    g_error ("the checker rejects the planned runs: %s", error->message);
  g_assert_cmpuint (check.n_runs, ==, res->runs->len);
  g_assert_cmpuint (check.n_vehicles, ==, res->n_vehicles);
  g_assert_cmpint (check.max_ride, ==, res->max_ride);
  g_assert_cmpint (check.total_ride, ==, res->total_ride);
  g_assert_cmpfloat_with_epsilon (check.km, res->km, 1e-6);
  /* The same km summed in another order may round a cent apart. */
  g_assert_cmpint (ABS (check.cost_cents - res->cost_cents), <=, (gint64) org->vehicles->len);
  return res;
}
