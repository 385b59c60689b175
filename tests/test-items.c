/* test-items.c — the list items that views show: what a participant item
 * and its indication items say, expiry warnings, search keys, the other
 * kinds, and the one-pass builder. */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "dag-group-item.h"
#include "dag-indication-item.h"
#include "dag-item-format.h"
#include "dag-location-item.h"
#include "dag-participant-item.h"
#include "dag-staff-item.h"
#include "dag-vehicle-item.h"

static void
add_participant (DagOrg     *org,
                 const char *id,
                 const char *name,
                 const char *bsn,
                 DagTransport transport,
                 gboolean    wheelchair)
{
  DagParticipant p = { g_strdup (id), g_strdup (name), dag_date_from_ymd (1958, 4, 12),
                       g_strdup (bsn), g_strdup ("Steenstraat 5, 6828 CA Arnhem"),
                       TRUE, 51.977, 5.925, 0, transport, wheelchair, 0, 0 };

  g_array_append_val (org->participants, p);
}

static void
add_indication (DagOrg     *org,
                const char *id,
                int         participant,
                int         product,
                DagDate     start,
                DagDate     end,
                int         units,
                int         min_units,
                DagVolumePer per)
{
  DagIndication ind = { g_strdup (id), participant, 0, product, 2, g_strdup ("A-1"),
                        start, end, units, per, min_units };

  g_array_append_val (org->indications, ind);
}

/* Two participants: Jan (bus, M3 all 2026 and VERVOER ending 2026-11-30,
 * and an old M3 of 2025) and Çelik (own, wheelchair, no indications). */
static DagOrg *
test_org (void)
{
  DagOrg *org = dag_org_new ();
  DagMunicipality m = { g_strdup ("0202"), g_strdup ("Arnhem") };
  DagContract *c;
  DagProduct *p;
  DagLocation *l;
  DagGroup *g;
  DagStaff s = { g_strdup ("S1"), g_strdup ("Anouk de Vries"), DAG_QUAL_MBO, 32,
                 DAG_SLOT_BIT (0) | DAG_SLOT_BIT (1), TRUE, NULL };
  DagVehicle v = { g_strdup ("V1"), g_strdup ("Bus 1"), 8, 2, 0, 45 };

  g_array_append_val (org->municipalities, m);
  c = dag_org_add_contract (org);
  c->id = g_strdup ("C-ARN");
  p = dag_contract_add_product (c);
  p->product = g_strdup ("M3");
  p->code = g_strdup ("04A03");
  p->name = g_strdup ("Dagbesteding");
  p->unit = g_strdup ("dagdeel");
  p = dag_contract_add_product (c);
  p->product = g_strdup ("VERVOER");
  p->code = g_strdup ("08A01");
  p->name = g_strdup ("Vervoer dagbesteding");
  p->unit = g_strdup ("rit");

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
  g->max_level = 3;
  g->capacity = 8;
  g->slots = DAG_SLOT_BIT (0) | DAG_SLOT_BIT (1);

  g_array_append_val (org->staff, s);
  g_array_append_val (org->vehicles, v);

  add_participant (org, "P1", "Jan Jansen", "111222333", DAG_TRANSPORT_BUS, FALSE);
  add_participant (org, "P2", "Ayşe Çelik", "123456782", DAG_TRANSPORT_OWN, TRUE);
  add_indication (org, "I1", 0, 0, dag_date_from_ymd (2026, 1, 1), dag_date_from_ymd (2026, 12, 31),
                  4, -1, DAG_PER_WEEK);
  add_indication (org, "I2", 0, 1, dag_date_from_ymd (2026, 1, 1), dag_date_from_ymd (2026, 11, 30),
                  8, 2, DAG_PER_WEEK);
  add_indication (org, "I3", 0, 0, dag_date_from_ymd (2025, 1, 1), dag_date_from_ymd (2025, 12, 31),
                  40, -1, DAG_PER_PERIOD);
  return org;
}

static void
test_participant_fields (void)
{
  g_autoptr(DagOrg) org = test_org ();
  g_autoptr(GListStore) store = dag_participant_item_build_store (org, dag_date_from_ymd (2026, 11, 23));
  g_autoptr(DagParticipantItem) jan = g_list_model_get_item (G_LIST_MODEL (store), 0);
  g_autoptr(DagParticipantItem) ayse = g_list_model_get_item (G_LIST_MODEL (store), 1);
  g_autofree char *name = NULL;
  g_autofree char *bsn = NULL;
  gboolean by_bus = FALSE;

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 2);
  g_object_get (jan, "name", &name, "bsn-masked", &bsn, "by-bus", &by_bus, NULL);
  g_assert_cmpstr (name, ==, "Jan Jansen");
  /* Only the last four digits of 111222333. */
  g_assert_cmpstr (bsn, ==, "*****2333");
  g_assert_true (by_bus);
  g_assert_cmpstr (dag_participant_item_get_municipality (jan), ==, "Arnhem");
  g_assert_cmpstr (dag_participant_item_get_transport_label (jan), ==, "Bus");
  g_assert_cmpstr (dag_participant_item_get_birth_date_text (jan), ==, "12 Apr 1958");
  g_assert_false (dag_participant_item_get_wheelchair (jan));
  g_assert_true (dag_participant_item_get_wheelchair (ayse));
  g_assert_cmpint (dag_participant_item_get_transport (ayse), ==, DAG_TRANSPORT_OWN);
}

static void
test_indications (void)
{
  g_autoptr(DagOrg) org = test_org ();
  g_autoptr(GListStore) store = dag_participant_item_build_store (org, dag_date_from_ymd (2026, 11, 23));
  g_autoptr(DagParticipantItem) jan = g_list_model_get_item (G_LIST_MODEL (store), 0);
  g_autoptr(DagParticipantItem) ayse = g_list_model_get_item (G_LIST_MODEL (store), 1);
  GListModel *inds = dag_participant_item_get_indications (jan);
  g_autoptr(DagIndicationItem) m3 = g_list_model_get_item (inds, 0);
  g_autoptr(DagIndicationItem) vervoer = g_list_model_get_item (inds, 1);
  g_autoptr(DagIndicationItem) old = g_list_model_get_item (inds, 2);

  /* Jan's three indications in org order; Ayşe has none. */
  g_assert_cmpuint (g_list_model_get_n_items (inds), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (dag_participant_item_get_indications (ayse)), ==, 0);
  g_assert_cmpstr (dag_indication_item_get_id (m3), ==, "I1");
  g_assert_cmpstr (dag_indication_item_get_product (m3), ==, "M3");
  g_assert_cmpstr (dag_indication_item_get_product_name (m3), ==, "Dagbesteding");
  g_assert_cmpint (dag_indication_item_get_level (m3), ==, 2);
  g_assert_cmpstr (dag_indication_item_get_level_name (m3), ==, "midden");
  g_assert_cmpstr (dag_indication_item_get_volume_text (m3), ==, "4 per week");
  g_assert_cmpstr (dag_indication_item_get_validity_text (m3), ==, "1 Jan 2026 – 31 Dec 2026");
  g_assert_cmpstr (dag_indication_item_get_volume_text (vervoer), ==, "2–8 per week");
  g_assert_cmpstr (dag_indication_item_get_volume_text (old), ==, "40 in total");
  /* 2026-11-23 → 2026-12-31 is 38 days. */
  g_assert_cmpint (dag_indication_item_get_days_until_end (m3), ==, 38);
  g_assert_true (dag_indication_item_get_expired (old));

  /* Active today: M3 and VERVOER, not the 2025 one; the next end is the
   * VERVOER's. */
  g_assert_cmpstr (dag_participant_item_get_active_products (jan), ==, "M3, VERVOER");
  g_assert_cmpuint (dag_participant_item_get_indication_end (jan), ==, dag_date_from_ymd (2026, 11, 30));
  g_assert_cmpstr (dag_participant_item_get_active_products (ayse), ==, "");
  g_assert_cmpuint (dag_participant_item_get_indication_end (ayse), ==, DAG_DATE_NONE);
  g_assert_cmpstr (dag_participant_item_get_indication_end_text (ayse), ==, "—");
}

static void
test_expiring (void)
{
  g_autoptr(DagOrg) org = test_org ();
  DagDate end = dag_date_from_ymd (2026, 12, 31);
  struct { DagDate today; gboolean expiring, expired; } cases[] = {
    { end - 43, FALSE, FALSE },  /* just over six weeks ahead */
    { end - 42, TRUE,  FALSE },  /* exactly six weeks */
    { end,      TRUE,  FALSE },  /* the last day */
    { end + 1,  FALSE, TRUE  },  /* ended */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(DagIndicationItem) item = dag_indication_item_new (org, 0, cases[i].today);
      gboolean expiring = !cases[i].expiring, expired = !cases[i].expired;

      g_object_get (item, "expiring", &expiring, "expired", &expired, NULL);
      g_test_message ("case %u: %d days before the end", i, (int) end - (int) cases[i].today);
      g_assert_cmpint (expiring, ==, cases[i].expiring);
      g_assert_cmpint (expired, ==, cases[i].expired);
    }
}

static void
test_participant_expiring (void)
{
  g_autoptr(DagOrg) org = test_org ();
  /* On 2026-10-01 the VERVOER indication (ends 2026-11-30) is 60 days away;
   * on 2026-10-20 it is 41 days away. */
  g_autoptr(GListStore) before = dag_participant_item_build_store (org, dag_date_from_ymd (2026, 10, 1));
  g_autoptr(GListStore) within = dag_participant_item_build_store (org, dag_date_from_ymd (2026, 10, 20));
  g_autoptr(DagParticipantItem) a = g_list_model_get_item (G_LIST_MODEL (before), 0);
  g_autoptr(DagParticipantItem) b = g_list_model_get_item (G_LIST_MODEL (within), 0);

  g_assert_false (dag_participant_item_get_expiring (a));
  g_assert_true (dag_participant_item_get_expiring (b));
}

static void
test_search_key (void)
{
  g_autoptr(DagOrg) org = test_org ();
  g_autoptr(GListStore) store = dag_participant_item_build_store (org, dag_date_from_ymd (2026, 11, 23));
  g_autoptr(DagParticipantItem) ayse = g_list_model_get_item (G_LIST_MODEL (store), 1);
  g_autofree char *query = dag_item_fold_for_search ("ÇELIK");
  const char *key = dag_participant_item_get_search_key (ayse);

  /* Name, id and municipality, lower case and without accents. */
  g_assert_cmpstr (query, ==, "celik");
  g_assert_nonnull (strstr (key, "ayse celik"));
  g_assert_nonnull (strstr (key, "p2"));
  g_assert_nonnull (strstr (key, "arnhem"));
}

static void
test_other_kinds (void)
{
  g_autoptr(DagOrg) org = test_org ();
  g_autoptr(GListStore) groups = dag_group_item_build_store (org);
  g_autoptr(GListStore) staff = dag_staff_item_build_store (org);
  g_autoptr(GListStore) locations = dag_location_item_build_store (org);
  g_autoptr(GListStore) vehicles = dag_vehicle_item_build_store (org);
  g_autoptr(DagGroupItem) g = g_list_model_get_item (G_LIST_MODEL (groups), 0);
  g_autoptr(DagStaffItem) s = g_list_model_get_item (G_LIST_MODEL (staff), 0);
  g_autoptr(DagLocationItem) l = g_list_model_get_item (G_LIST_MODEL (locations), 0);
  g_autoptr(DagVehicleItem) v = g_list_model_get_item (G_LIST_MODEL (vehicles), 0);
  g_autofree char *group_location = NULL;
  g_autofree char *email = NULL;
  int capacity = 0, seats = 0;
  gint64 cost = 0;

  g_object_get (g, "location", &group_location, "capacity", &capacity, NULL);
  g_assert_cmpstr (group_location, ==, "De Linde");
  g_assert_cmpint (capacity, ==, 8);
  g_assert_cmpstr (dag_group_item_get_products (g), ==, "M1, M3");
  g_assert_cmpstr (dag_group_item_get_slots_text (g), ==, "mon-am,mon-pm");

  g_object_get (s, "email", &email, NULL);
  g_assert_cmpstr (email, ==, "");
  g_assert_cmpstr (dag_staff_item_get_qualification_label (s), ==, "MBO");
  g_assert_true (dag_staff_item_get_driver (s));

  g_assert_cmpstr (dag_location_item_get_hours_text (l), ==, "09:00–13:00, 13:00–17:00");

  g_object_get (v, "seats", &seats, "cost-per-km-cents", &cost, NULL);
  g_assert_cmpint (seats, ==, 8);
  g_assert_cmpint (cost, ==, 45);
  g_assert_cmpstr (dag_vehicle_item_get_location (v), ==, "De Linde");
}

static void
test_build_large (void)
{
  g_autoptr(DagOrg) org = test_org ();
  g_autoptr(GListStore) store = NULL;
  g_autoptr(DagParticipantItem) last = NULL;
  DagDate start = dag_date_from_ymd (2026, 1, 1), end = dag_date_from_ymd (2026, 12, 31);
  /* 20,000 take ~0.1 s, but minutes under ASan with slow unwinding: the
   * speed is measured by bench-items; this checks the chaining. */
  const guint n = 2000;

  /* Many participants, each with one indication, are all in the list with
   * their own indication. */
  for (guint i = org->participants->len; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("P%u", i + 1);
      g_autofree char *ind = g_strdup_printf ("I%u", i + 1);

      add_participant (org, id, "Deelnemer", "111222333", DAG_TRANSPORT_OWN, FALSE);
      add_indication (org, ind, (int) i, 0, start, end, 2, -1, DAG_PER_WEEK);
    }
  store = dag_participant_item_build_store (org, dag_date_from_ymd (2026, 11, 23));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, n);
  last = g_list_model_get_item (G_LIST_MODEL (store), n - 1);
  g_assert_cmpstr (dag_participant_item_get_id (last), ==, "P2000");
  g_assert_cmpuint (g_list_model_get_n_items (dag_participant_item_get_indications (last)), ==, 1);
}

static void
test_date_parse_human (void)
{
  const struct { const char *text; int y, m, d; } good[] = {
    { "08-02-1950", 1950, 2, 8 }, { "8-2-1950", 1950, 2, 8 }, { "8/2/1950", 1950, 2, 8 },
    { "08.02.1950", 1950, 2, 8 }, { " 8-2-1950 ", 1950, 2, 8 }, { "1950-02-08", 1950, 2, 8 },
    { "1950-2-8", 1950, 2, 8 }, { "8 februari 1950", 1950, 2, 8 }, { "8 Feb 1950", 1950, 2, 8 },
    { "8 feb. 1950", 1950, 2, 8 }, { "8-feb-1950", 1950, 2, 8 }, { "31 december 2026", 2026, 12, 31 },
    { "1 mei 2026", 2026, 5, 1 }, { "3 mrt 2026", 2026, 3, 3 }, { "29-02-2028", 2028, 2, 29 },
  };
  const char *bad[] = {
    "", "   ", "31-02-2026", "29-02-2027", "8-2-50", "08-02-50", "8-2/1950", "8-13-1950", "0-1-1950",
    "1950-02-30", "8 foo 1950", "8februari 1950", "08-02-1950x", "123-1-1950", "8--2-1950", "2026",
    "8 februari", "12345-01-01", "8-2-19500",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (good); i++)
    {
      DagDate date = DAG_DATE_NONE;

      if (!dag_date_parse_human (good[i].text, &date))
        g_error ("“%s” should read as a date", good[i].text);
      g_assert_cmpuint (date, ==, dag_date_from_ymd (good[i].y, good[i].m, good[i].d));
    }
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      DagDate date = 42;

      if (dag_date_parse_human (bad[i], &date))
        g_error ("“%s” should not read as a date", bad[i]);
      g_assert_cmpuint (date, ==, 42);
    }
  g_assert_false (dag_date_parse_human (NULL, &(DagDate) { 0 }));
}

static void
test_date_format_human (void)
{
  char buf[DAG_DATE_BUF];
  DagDate date;

  g_assert_cmpstr (dag_date_format_human (dag_date_from_ymd (1950, 2, 8), buf), ==, "08-02-1950");
  g_assert_cmpstr (dag_date_format_human (DAG_DATE_NONE, buf), ==, "");
  /* What is shown reads back. */
  g_assert_true (dag_date_parse_human (dag_date_format_human (dag_date_from_ymd (2026, 12, 31), buf), &date));
  g_assert_cmpuint (date, ==, dag_date_from_ymd (2026, 12, 31));
}

/* Untranslated (English): "€ 12,345.67". */
static void
test_format_euros (void)
{
  const struct { gint64 cents; const char *text; } cases[] = {
    { 1234567, "€ 12,345.67" }, { 0, "€ 0.00" }, { 5, "€ 0.05" }, { 99999, "€ 999.99" },
    { 100000, "€ 1,000.00" }, { 123456789012, "€ 1,234,567,890.12" }, { -1234567, "€ −12,345.67" },
    { G_MININT64, "€ −92,233,720,368,547,758.08" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = dag_format_euros (cases[i].cents);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/items/participant-fields", test_participant_fields);
  g_test_add_func ("/items/indications", test_indications);
  g_test_add_func ("/items/expiring", test_expiring);
  g_test_add_func ("/items/participant-expiring", test_participant_expiring);
  g_test_add_func ("/items/search-key", test_search_key);
  g_test_add_func ("/items/other-kinds", test_other_kinds);
  g_test_add_func ("/items/build-large", test_build_large);
  g_test_add_func ("/items/date-parse-human", test_date_parse_human);
  g_test_add_func ("/items/date-format-human", test_date_format_human);
  g_test_add_func ("/items/format-euros", test_format_euros);
  return g_test_run ();
}
