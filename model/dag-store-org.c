/* dag-store-org.c — loading and saving a whole organisation snapshot
 * (DagOrg) in one pass, section by section. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "dag-store-private.h"
#include "dag-store-edit.h"

static const char *const qualification_names[] = { "HBO", "MBO", "volunteer" };
static const char *const per_names[] = { "week", "month", "period" };
static const char *const status_names[] = { "present", "cancelled", "no_show" };

static char *
col_strdup (DagStmt *stmt,
            int           col)
{
  const char *text = dag_stmt_column_text (stmt, col);
  return text ? g_strdup ((const char *) text) : NULL;
}

/* An iWmo code into out (DAG_IWMO_CODE_SIZE), "" for NULL. */
static void
col_code (DagStmt *stmt,
          int           col,
          char         *out)
{
  const char *text = dag_stmt_column_text (stmt, col);

  g_strlcpy (out, text ? (const char *) text : "", DAG_IWMO_CODE_SIZE);
}

static DagDate
col_date (DagStmt *stmt,
          int           col)
{
  DagDate d = DAG_DATE_NONE;
  dag_date_parse (dag_stmt_column_text (stmt, col), &d);
  return d;
}

static int
col_enum (DagStmt      *stmt,
          int                col,
          const char *const *names,
          int                n)
{
  const char *text = dag_stmt_column_text (stmt, col);

  for (int i = 0; text && i < n; i++)
    if (strcmp (text, names[i]) == 0)
      return i;
  return 0;
}

/* Steps through the rows of sql; row() fills the org from each. */
typedef void (*RowFunc) (DagOrg *org, DagStmt *stmt);

static gboolean
load_rows (DagStore   *self,
           DagOrg     *org,
           const char *sql,
           RowFunc     row,
           GError    **error)
{
  g_autofree char *readable = dag_store_readable_sql (self, sql);
  DagStmt *stmt;
  int rc;

  /* In a shared database a user may read less (a begeleider no BSN, a
   * coordinator no declarations): what they may not read stays empty. */
  if (readable == NULL)
    return TRUE;
  stmt = dag_store_prepare (self, readable, error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = dag_stmt_step (stmt)) == DAG_STMT_ROW)
    row (org, stmt);
  if (rc != DAG_STMT_DONE)
    return dag_store_set_error (self, error);
  /* New records of this kind must be visible to the next kind's lookups. */
  dag_org_invalidate_index (org);
  return TRUE;
}

static void
row_organisation (DagOrg *org, DagStmt *stmt)
{
  g_free (org->name);
  g_free (org->agb_code);
  org->name = col_strdup (stmt, 0);
  org->agb_code = col_strdup (stmt, 1);
}

static void
row_settings (DagOrg *org, DagStmt *stmt)
{
  DagSettings *s = &org->settings;

  s->slot_minutes = dag_stmt_column_int (stmt, 0);
  s->max_ride_minutes = dag_stmt_column_int (stmt, 1);
  s->early_arrival_minutes = dag_stmt_column_int (stmt, 2);
  s->road_factor = dag_stmt_column_double (stmt, 3);
  s->speed_kmh = dag_stmt_column_double (stmt, 4);
  s->hbo_from_level = dag_stmt_column_int (stmt, 5);
  s->min_unit_fraction = dag_stmt_column_double (stmt, 6);
  s->holiday_good_friday = dag_stmt_column_int (stmt, 7);
  s->holiday_liberation_day = dag_stmt_column_int (stmt, 8);
  s->ride_factor = dag_stmt_column_double (stmt, 9);
  s->ride_extra_minutes = dag_stmt_column_int (stmt, 10);
  s->boarding_minutes = dag_stmt_column_int (stmt, 11);
  s->boarding_wheelchair_minutes = dag_stmt_column_int (stmt, 12);
  g_array_set_size (s->levels, 0);
}

static void
row_level (DagOrg *org, DagStmt *stmt)
{
  DagLevel l = { dag_stmt_column_int (stmt, 0), col_strdup (stmt, 1), dag_stmt_column_int (stmt, 2) };
  g_array_append_val (org->settings.levels, l);
}

static void
row_municipality (DagOrg *org, DagStmt *stmt)
{
  DagMunicipality m = { col_strdup (stmt, 0), col_strdup (stmt, 1) };
  g_array_append_val (org->municipalities, m);
}

static void
row_contract (DagOrg *org, DagStmt *stmt)
{
  DagContract *c = dag_org_add_contract (org);

  c->id = col_strdup (stmt, 0);
  c->municipality = dag_org_lookup (org, DAG_KIND_MUNICIPALITY, dag_stmt_column_text (stmt, 1));
  c->noshow_billable = dag_stmt_column_int (stmt, 2);
}

static void
row_product (DagOrg *org, DagStmt *stmt)
{
  int ci = dag_org_lookup (org, DAG_KIND_CONTRACT, dag_stmt_column_text (stmt, 0));
  DagProduct *p;

  g_return_if_fail (ci >= 0);
  p = dag_contract_add_product (DAG_AT (org->contracts, DagContract, ci));
  p->product = col_strdup (stmt, 1);
  p->code = col_strdup (stmt, 2);
  p->name = col_strdup (stmt, 3);
  p->unit = col_strdup (stmt, 4);
  p->tariff_cents = dag_stmt_column_int64 (stmt, 5);
  col_code (stmt, 6, p->category);
  col_code (stmt, 7, p->unit_code);
}

static void
row_staffel (DagOrg *org, DagStmt *stmt)
{
  int ci = dag_org_lookup (org, DAG_KIND_CONTRACT, dag_stmt_column_text (stmt, 0));
  DagContract *c;
  int pi;
  DagStaffel st;

  g_return_if_fail (ci >= 0);
  c = DAG_AT (org->contracts, DagContract, ci);
  pi = dag_contract_find_product (c, dag_stmt_column_text (stmt, 1));
  g_return_if_fail (pi >= 0);
  st.from_unit = dag_stmt_column_int (stmt, 2);
  st.tariff_cents = dag_stmt_column_int64 (stmt, 3);
  col_code (stmt, 4, st.code);
  g_array_append_val (DAG_AT (c->products, DagProduct, pi)->staffel, st);
}

static void
row_location (DagOrg *org, DagStmt *stmt)
{
  DagLocation *l = dag_org_add_location (org);

  l->id = col_strdup (stmt, 0);
  l->name = col_strdup (stmt, 1);
  l->address = col_strdup (stmt, 2);
  l->lat = dag_stmt_column_double (stmt, 3);
  l->lon = dag_stmt_column_double (stmt, 4);
}

static void
row_location_part (DagOrg *org, DagStmt *stmt)
{
  int li = dag_org_lookup (org, DAG_KIND_LOCATION, dag_stmt_column_text (stmt, 0));
  int part = dag_stmt_column_int (stmt, 1);
  DagLocation *l;

  g_return_if_fail (li >= 0 && part >= 0 && part < DAG_N_PARTS);
  l = DAG_AT (org->locations, DagLocation, li);
  l->has_part[part] = TRUE;
  l->part_start[part] = dag_stmt_column_int (stmt, 2);
  l->part_end[part] = dag_stmt_column_int (stmt, 3);
}

static void
row_closure (DagOrg *org, DagStmt *stmt)
{
  int li = dag_org_lookup (org, DAG_KIND_LOCATION, dag_stmt_column_text (stmt, 0));
  DagDate d = col_date (stmt, 1);

  g_return_if_fail (li >= 0);
  g_array_append_val (DAG_AT (org->locations, DagLocation, li)->closures, d);
}

static void
row_group (DagOrg *org, DagStmt *stmt)
{
  DagGroup *g = dag_org_add_group (org);

  g->id = col_strdup (stmt, 0);
  g->location = dag_org_lookup (org, DAG_KIND_LOCATION, dag_stmt_column_text (stmt, 1));
  g->name = col_strdup (stmt, 2);
  g->min_level = dag_stmt_column_int (stmt, 3);
  g->max_level = dag_stmt_column_int (stmt, 4);
  g->capacity = dag_stmt_column_int (stmt, 5);
  g->slots = (DagSlotMask) dag_stmt_column_int64 (stmt, 6);
}

static void
row_group_product (DagOrg *org, DagStmt *stmt)
{
  int gi = dag_org_lookup (org, DAG_KIND_GROUP, dag_stmt_column_text (stmt, 0));

  g_return_if_fail (gi >= 0);
  g_ptr_array_add (DAG_AT (org->groups, DagGroup, gi)->products, col_strdup (stmt, 1));
}

static void
row_staff (DagOrg *org, DagStmt *stmt)
{
  DagStaff s = { 0 };

  s.id = col_strdup (stmt, 0);
  s.name = col_strdup (stmt, 1);
  s.qualification = col_enum (stmt, 2, qualification_names, G_N_ELEMENTS (qualification_names));
  s.contract_hours = dag_stmt_column_int (stmt, 3);
  s.available = (DagSlotMask) dag_stmt_column_int64 (stmt, 4);
  s.driver = dag_stmt_column_int (stmt, 5);
  s.email = col_strdup (stmt, 6);
  g_array_append_val (org->staff, s);
}

static void
row_vehicle (DagOrg *org, DagStmt *stmt)
{
  DagVehicle v = { 0 };

  v.id = col_strdup (stmt, 0);
  v.name = col_strdup (stmt, 1);
  v.seats = dag_stmt_column_int (stmt, 2);
  v.wheelchair_places = dag_stmt_column_int (stmt, 3);
  v.location = dag_org_lookup (org, DAG_KIND_LOCATION, dag_stmt_column_text (stmt, 4));
  v.cost_per_km_cents = dag_stmt_column_int64 (stmt, 5);
  v.available_from = dag_stmt_column_int (stmt, 6);
  v.available_until = dag_stmt_column_int (stmt, 7);
  g_array_append_val (org->vehicles, v);
}

static void
row_participant (DagOrg *org, DagStmt *stmt)
{
  DagParticipant p = { 0 };

  p.id = col_strdup (stmt, 0);
  p.name = col_strdup (stmt, 1);
  p.birth_date = col_date (stmt, 2);
  p.bsn = col_strdup (stmt, 3);
  p.address = col_strdup (stmt, 4);
  p.has_coords = !dag_stmt_column_is_null (stmt, 5);
  p.lat = dag_stmt_column_double (stmt, 5);
  p.lon = dag_stmt_column_double (stmt, 6);
  p.municipality = dag_org_lookup (org, DAG_KIND_MUNICIPALITY, dag_stmt_column_text (stmt, 7));
  p.transport = g_strcmp0 (dag_stmt_column_text (stmt, 8), "bus") == 0
                ? DAG_TRANSPORT_BUS : DAG_TRANSPORT_OWN;
  p.wheelchair = dag_stmt_column_int (stmt, 9);
  p.unavailable = (DagSlotMask) dag_stmt_column_int64 (stmt, 10);
  p.preferred_days = (guint8) dag_stmt_column_int (stmt, 11);
  g_array_append_val (org->participants, p);
}

static void
row_indication (DagOrg *org, DagStmt *stmt)
{
  DagIndication i = { 0 };

  i.id = col_strdup (stmt, 0);
  i.participant = dag_org_lookup (org, DAG_KIND_PARTICIPANT, dag_stmt_column_text (stmt, 1));
  i.contract = dag_org_lookup (org, DAG_KIND_CONTRACT, dag_stmt_column_text (stmt, 2));
  i.product = i.contract >= 0
              ? dag_contract_find_product (DAG_AT (org->contracts, DagContract, i.contract),
                              dag_stmt_column_text (stmt, 3))
              : -1;
  i.level = dag_stmt_column_int (stmt, 4);
  i.allocation_number = col_strdup (stmt, 5);
  i.start = col_date (stmt, 6);
  i.end = col_date (stmt, 7);
  i.units = dag_stmt_column_int (stmt, 8);
  i.per = col_enum (stmt, 9, per_names, G_N_ELEMENTS (per_names));
  i.min_units = dag_stmt_column_is_null (stmt, 10) ? -1 : dag_stmt_column_int (stmt, 10);
  g_array_append_val (org->indications, i);
}

static void
row_plan (DagOrg *org, DagStmt *stmt)
{
  DagPlanEntry e = {
    dag_org_lookup (org, DAG_KIND_PARTICIPANT, dag_stmt_column_text (stmt, 0)),
    dag_org_lookup (org, DAG_KIND_GROUP, dag_stmt_column_text (stmt, 1)),
    dag_stmt_column_int (stmt, 2),
    col_date (stmt, 3), col_date (stmt, 4),
  };
  g_array_append_val (org->plan, e);
}

static void
row_staffing (DagOrg *org, DagStmt *stmt)
{
  DagStaffing e = {
    dag_org_lookup (org, DAG_KIND_STAFF, dag_stmt_column_text (stmt, 0)),
    dag_org_lookup (org, DAG_KIND_GROUP, dag_stmt_column_text (stmt, 1)),
    dag_stmt_column_int (stmt, 2),
    col_date (stmt, 3), col_date (stmt, 4),
  };
  g_array_append_val (org->staffing, e);
}

static void
row_absence (DagOrg *org, DagStmt *stmt)
{
  DagAbsence a = {
    dag_org_lookup (org, DAG_KIND_PARTICIPANT, dag_stmt_column_text (stmt, 0)),
    col_date (stmt, 1), col_date (stmt, 2), col_strdup (stmt, 3),
  };
  g_array_append_val (org->absences, a);
}

static void
row_staff_absence (DagOrg *org, DagStmt *stmt)
{
  DagStaffAbsence a = {
    dag_org_lookup (org, DAG_KIND_STAFF, dag_stmt_column_text (stmt, 0)),
    col_date (stmt, 1), col_date (stmt, 2), col_strdup (stmt, 3),
  };
  g_array_append_val (org->staff_absences, a);
}

static void
row_one_off (DagOrg *org, DagStmt *stmt)
{
  DagOneOff c = { 0 };

  c.kind = g_strcmp0 (dag_stmt_column_text (stmt, 0), "add") == 0
           ? DAG_ONE_OFF_ADD : DAG_ONE_OFF_CANCEL;
  c.participant = dag_stmt_column_is_null (stmt, 1)
                  ? -1 : dag_org_lookup (org, DAG_KIND_PARTICIPANT, dag_stmt_column_text (stmt, 1));
  c.staff = dag_stmt_column_is_null (stmt, 2)
            ? -1 : dag_org_lookup (org, DAG_KIND_STAFF, dag_stmt_column_text (stmt, 2));
  c.date = col_date (stmt, 3);
  c.part = dag_stmt_column_int (stmt, 4);
  c.group = dag_stmt_column_is_null (stmt, 5)
            ? -1 : dag_org_lookup (org, DAG_KIND_GROUP, dag_stmt_column_text (stmt, 5));
  c.reason = col_strdup (stmt, 6);
  g_array_append_val (org->one_offs, c);
}

static void
row_attendance (DagOrg *org, DagStmt *stmt)
{
  DagAttendance a = { 0 };

  a.participant = dag_org_lookup (org, DAG_KIND_PARTICIPANT, dag_stmt_column_text (stmt, 0));
  a.date = col_date (stmt, 1);
  a.part = dag_stmt_column_int (stmt, 2);
  a.status = col_enum (stmt, 3, status_names, G_N_ELEMENTS (status_names));
  a.minutes = dag_stmt_column_is_null (stmt, 4) ? -1 : dag_stmt_column_int (stmt, 4);
  a.reason = col_strdup (stmt, 5);
  g_array_append_val (org->attendance, a);
}

static void
row_run (DagOrg *org, DagStmt *stmt)
{
  DagRun *r = dag_org_add_run (org);

  r->id = col_strdup (stmt, 0);
  r->date = col_date (stmt, 1);
  r->vehicle = dag_org_lookup (org, DAG_KIND_VEHICLE, dag_stmt_column_text (stmt, 2));
  r->driver = dag_stmt_column_is_null (stmt, 3)
              ? -1 : dag_org_lookup (org, DAG_KIND_STAFF, dag_stmt_column_text (stmt, 3));
  r->location = dag_org_lookup (org, DAG_KIND_LOCATION, dag_stmt_column_text (stmt, 4));
  r->direction = g_strcmp0 (dag_stmt_column_text (stmt, 5), "from") == 0
                 ? DAG_DIRECTION_FROM : DAG_DIRECTION_TO;
  r->time = dag_stmt_column_int (stmt, 6);
}

static void
row_run_stop (DagOrg *org, DagStmt *stmt)
{
  int ri = dag_org_lookup (org, DAG_KIND_RUN, dag_stmt_column_text (stmt, 0));
  DagStop s;

  g_return_if_fail (ri >= 0);
  s.participant = dag_org_lookup (org, DAG_KIND_PARTICIPANT, dag_stmt_column_text (stmt, 1));
  s.time = dag_stmt_column_int (stmt, 2);
  g_array_append_val (DAG_AT (org->runs, DagRun, ri)->stops, s);
}

static void
row_declaration (DagOrg *org, DagStmt *stmt)
{
  DagDeclaration *d = dag_org_add_declaration (org);

  d->number = col_strdup (stmt, 0);
  d->municipality = dag_org_lookup (org, DAG_KIND_MUNICIPALITY, dag_stmt_column_text (stmt, 1));
  d->month = col_date (stmt, 2);
  d->written = col_date (stmt, 3);
  d->sent = col_date (stmt, 4);
}

static void
row_declaration_line (DagOrg *org, DagStmt *stmt)
{
  const char *number = dag_stmt_column_text (stmt, 0);
  DagDeclaration *d = NULL;
  DagDeclarationLine l = { 0 };
  const char *side = dag_stmt_column_text (stmt, 9);

  /* Lines come in declaration order, so their declaration is mostly the
   * last one. */
  for (guint i = org->declarations->len; i-- > 0;)
    if (g_strcmp0 (DAG_AT (org->declarations, DagDeclaration, i)->number, number) == 0)
      {
        d = DAG_AT (org->declarations, DagDeclaration, i);
        break;
      }
  g_return_if_fail (d != NULL);
  l.reference = col_strdup (stmt, 1);
  l.indication = dag_org_lookup (org, DAG_KIND_INDICATION, dag_stmt_column_text (stmt, 2));
  l.product_code = col_strdup (stmt, 3);
  l.period_start = col_date (stmt, 4);
  l.period_end = col_date (stmt, 5);
  l.units = dag_stmt_column_int (stmt, 6);
  l.tariff_cents = dag_stmt_column_int64 (stmt, 7);
  l.amount_cents = dag_stmt_column_int64 (stmt, 8);
  l.debit_credit = side != NULL && side[0] == 'C' ? 'C' : 'D';
  l.corrects = col_strdup (stmt, 10);
  l.response_code = col_strdup (stmt, 11);
  l.has_response = l.response_code != NULL;
  l.response_accepted = dag_stmt_column_int (stmt, 12);
  g_array_append_val (d->lines, l);
}

DagOrg *
dag_store_load (DagStore *self,
                GError  **error)
{
  static const struct { const char *sql; RowFunc row; } steps[] = {
    { "SELECT name, agb_code FROM organisation", row_organisation },
    { "SELECT slot_minutes, max_ride_minutes, early_arrival_minutes, road_factor, speed_kmh,"
      " hbo_from_level, min_unit_fraction, holiday_good_friday, holiday_liberation_day, ride_factor,"
      " ride_extra_minutes, boarding_minutes, boarding_wheelchair_minutes FROM settings",
      row_settings },
    { "SELECT level, name, ratio FROM level ORDER BY level", row_level },
    { "SELECT code, name FROM municipality ORDER BY rowid", row_municipality },
    { "SELECT id, municipality, noshow_billable FROM contract ORDER BY rowid", row_contract },
    { "SELECT contract, product, code, name, unit, tariff_cents, category, unit_code FROM product ORDER BY rowid", row_product },
    { "SELECT contract, product, from_unit, tariff_cents, code FROM staffel ORDER BY contract, product, from_unit",
      row_staffel },
    { "SELECT id, name, address, lat, lon FROM location ORDER BY rowid", row_location },
    { "SELECT location, part, start_minute, end_minute FROM location_part", row_location_part },
    { "SELECT location, date FROM closure ORDER BY location, date", row_closure },
    { "SELECT id, location, name, min_level, max_level, capacity, slots FROM grp ORDER BY rowid", row_group },
    { "SELECT grp, product FROM group_product ORDER BY rowid", row_group_product },
    { "SELECT id, name, qualification, contract_hours, available, driver, email FROM staff ORDER BY rowid",
      row_staff },
    { "SELECT id, name, seats, wheelchair_places, location, cost_per_km_cents, available_from,"
      " available_until FROM vehicle ORDER BY rowid", row_vehicle },
    { "SELECT id, name, birth_date, bsn, address, lat, lon, municipality, transport, wheelchair,"
      " unavailable, preferred_days FROM participant ORDER BY rowid", row_participant },
    { "SELECT id, participant, contract, product, level, allocation_number, start_date, end_date,"
      " units, per, min_units FROM indication ORDER BY rowid", row_indication },
    { "SELECT participant, grp, slot, from_date, until_date FROM plan ORDER BY rowid", row_plan },
    { "SELECT staff, grp, slot, from_date, until_date FROM staffing ORDER BY rowid", row_staffing },
    { "SELECT participant, from_date, to_date, reason FROM absence ORDER BY rowid", row_absence },
    { "SELECT staff, from_date, to_date, reason FROM staff_absence ORDER BY rowid", row_staff_absence },
    { "SELECT kind, participant, staff, date, part, grp, reason FROM one_off ORDER BY rowid", row_one_off },
    { "SELECT participant, date, part, status, minutes, reason FROM attendance ORDER BY rowid",
      row_attendance },
    { "SELECT id, date, vehicle, driver, location, direction, minute FROM run ORDER BY rowid", row_run },
    { "SELECT run, participant, minute FROM run_stop ORDER BY run, seq", row_run_stop },
    { "SELECT number, municipality, month, written, sent FROM declaration ORDER BY rowid", row_declaration },
    { "SELECT l.declaration, l.reference, l.indication, l.product_code, l.period_start, l.period_end,"
      " l.units, l.tariff_cents, l.amount_cents, l.debit_credit, l.corrects, l.response_code,"
      " l.response_accepted FROM declaration_line l JOIN declaration d ON d.number = l.declaration"
      " ORDER BY d.rowid, l.seq", row_declaration_line },
  };
  g_autoptr(DagOrg) org = dag_org_new ();
  gboolean ok = TRUE;
  gint64 revision = -1;
  DagStmt *stmt;
  gboolean outer;

  g_return_val_if_fail (DAG_IS_STORE (self), NULL);

  /* One read transaction, so the snapshot is consistent, and the revision
   * it is of: a later write checks against it.  Inside a write
   * transaction (a writer reading again under its lock) that one serves. */
  outer = dag_store_in_transaction (self);
  dag_store_end_reads (self);
  if (!outer && !dag_store_begin_read (self, error))
    return NULL;
  stmt = dag_store_prepare (self, "SELECT coalesce(max(id), 0) FROM revision", error);
  ok = stmt != NULL;
  if (ok && dag_stmt_step (stmt) == DAG_STMT_ROW)
    revision = dag_stmt_column_int64 (stmt, 0);
  else if (ok)
    ok = dag_store_set_error (self, error);
  if (stmt != NULL)
    dag_stmt_reset (stmt);
  for (guint i = 0; ok && i < G_N_ELEMENTS (steps); i++)
    ok = load_rows (self, org, steps[i].sql, steps[i].row, error);
  if (!outer)
    dag_store_end_read (self);

  if (!ok)
    return NULL;
  dag_store_set_seen (self, revision);
  if (org->settings.levels->len == 0)
    dag_settings_reset (&org->settings);
  return g_steal_pointer (&org);
}

/* ---- saving ------------------------------------------------------------- */

typedef struct {
  DagStore     *store;
  DagStmt *stmt;
  int           col;
} Row;

static gboolean
row_start (Row        *row,
           DagStore   *store,
           const char *sql,
           GError    **error)
{
  row->store = store;
  row->col = 0;
  row->stmt = dag_store_prepare (store, sql, error);
  return row->stmt != NULL;
}

static void
bind_text (Row *row, const char *text)
{
  if (text)
    dag_stmt_bind_text (row->stmt, ++row->col, text);
  else
    dag_stmt_bind_null (row->stmt, ++row->col);
}

static void
bind_int (Row *row, gint64 value)
{
  dag_stmt_bind_int64 (row->stmt, ++row->col, value);
}

static void
bind_double (Row *row, double value)
{
  dag_stmt_bind_double (row->stmt, ++row->col, value);
}

static void
bind_date (Row *row, DagDate date)
{
  char buf[DAG_DATE_BUF];

  if (date == DAG_DATE_NONE)
    dag_stmt_bind_null (row->stmt, ++row->col);
  else
    dag_stmt_bind_text (row->stmt, ++row->col, dag_date_format (date, buf));
}

static gboolean
row_done (Row     *row,
          GError **error)
{
  int rc = dag_stmt_step (row->stmt);

  dag_stmt_reset (row->stmt);
  dag_stmt_clear (row->stmt);
  row->col = 0;
  if (rc != DAG_STMT_DONE)
    return dag_store_set_error (row->store, error);
  return TRUE;
}

#define REF(array, Type, i, field) ((i) >= 0 ? DAG_AT ((array), Type, (i))->field : NULL)

static gboolean
save_master (DagStore     *self,
             const DagOrg *org,
             GError      **error)
{
  const DagSettings *s = &org->settings;
  Row r;

  if (!row_start (&r, self, "INSERT INTO organisation (id, name, agb_code) VALUES (1, ?, ?)", error))
    return FALSE;
  bind_text (&r, org->name);
  bind_text (&r, org->agb_code);
  if (!row_done (&r, error))
    return FALSE;

  if (!row_start (&r, self, "INSERT INTO settings (id, slot_minutes, max_ride_minutes, early_arrival_minutes,"
                  " road_factor, speed_kmh, hbo_from_level, min_unit_fraction, holiday_good_friday,"
                  " holiday_liberation_day, ride_factor, ride_extra_minutes, boarding_minutes,"
                  " boarding_wheelchair_minutes) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error))
    return FALSE;
  bind_int (&r, s->slot_minutes);
  bind_int (&r, s->max_ride_minutes);
  bind_int (&r, s->early_arrival_minutes);
  bind_double (&r, s->road_factor);
  bind_double (&r, s->speed_kmh);
  bind_int (&r, s->hbo_from_level);
  bind_double (&r, s->min_unit_fraction);
  bind_int (&r, s->holiday_good_friday);
  bind_int (&r, s->holiday_liberation_day);
  bind_double (&r, s->ride_factor);
  bind_int (&r, s->ride_extra_minutes);
  bind_int (&r, s->boarding_minutes);
  bind_int (&r, s->boarding_wheelchair_minutes);
  if (!row_done (&r, error))
    return FALSE;

  for (guint i = 0; i < s->levels->len; i++)
    {
      const DagLevel *l = DAG_AT (s->levels, DagLevel, i);
      if (!row_start (&r, self, "INSERT INTO level (level, name, ratio) VALUES (?, ?, ?)", error))
        return FALSE;
      bind_int (&r, l->level);
      bind_text (&r, l->name);
      bind_int (&r, l->ratio);
      if (!row_done (&r, error))
        return FALSE;
    }

  for (guint i = 0; i < org->municipalities->len; i++)
    {
      const DagMunicipality *m = DAG_AT (org->municipalities, DagMunicipality, i);
      if (!row_start (&r, self, "INSERT INTO municipality (code, name) VALUES (?, ?)", error))
        return FALSE;
      bind_text (&r, m->code);
      bind_text (&r, m->name);
      if (!row_done (&r, error))
        return FALSE;
    }

  for (guint i = 0; i < org->contracts->len; i++)
    {
      const DagContract *c = DAG_AT (org->contracts, DagContract, i);

      if (!row_start (&r, self, "INSERT INTO contract (id, municipality, noshow_billable) VALUES (?, ?, ?)", error))
        return FALSE;
      bind_text (&r, c->id);
      bind_text (&r, REF (org->municipalities, DagMunicipality, c->municipality, code));
      bind_int (&r, c->noshow_billable);
      if (!row_done (&r, error))
        return FALSE;

      for (guint j = 0; j < c->products->len; j++)
        {
          const DagProduct *p = DAG_AT (c->products, DagProduct, j);

          if (!row_start (&r, self, "INSERT INTO product (contract, product, code, name, unit, tariff_cents,"
                          " category, unit_code) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", error))
            return FALSE;
          bind_text (&r, c->id);
          bind_text (&r, p->product);
          bind_text (&r, p->code);
          bind_text (&r, p->name);
          bind_text (&r, p->unit);
          bind_int (&r, p->tariff_cents);
          bind_text (&r, p->category[0] ? p->category : NULL);
          bind_text (&r, p->unit_code[0] ? p->unit_code : NULL);
          if (!row_done (&r, error))
            return FALSE;

          for (guint k = 0; k < p->staffel->len; k++)
            {
              const DagStaffel *st = DAG_AT (p->staffel, DagStaffel, k);
              if (!row_start (&r, self, "INSERT INTO staffel (contract, product, from_unit, tariff_cents, code)"
                              " VALUES (?, ?, ?, ?, ?)", error))
                return FALSE;
              bind_text (&r, c->id);
              bind_text (&r, p->product);
              bind_int (&r, st->from_unit);
              bind_int (&r, st->tariff_cents);
              bind_text (&r, st->code[0] ? st->code : NULL);
              if (!row_done (&r, error))
                return FALSE;
            }
        }
    }

  for (guint i = 0; i < org->locations->len; i++)
    {
      const DagLocation *l = DAG_AT (org->locations, DagLocation, i);

      if (!row_start (&r, self, "INSERT INTO location (id, name, address, lat, lon) VALUES (?, ?, ?, ?, ?)", error))
        return FALSE;
      bind_text (&r, l->id);
      bind_text (&r, l->name);
      bind_text (&r, l->address);
      bind_double (&r, l->lat);
      bind_double (&r, l->lon);
      if (!row_done (&r, error))
        return FALSE;

      for (int part = 0; part < DAG_N_PARTS; part++)
        {
          if (!l->has_part[part])
            continue;
          if (!row_start (&r, self, "INSERT INTO location_part (location, part, start_minute, end_minute)"
                          " VALUES (?, ?, ?, ?)", error))
            return FALSE;
          bind_text (&r, l->id);
          bind_int (&r, part);
          bind_int (&r, l->part_start[part]);
          bind_int (&r, l->part_end[part]);
          if (!row_done (&r, error))
            return FALSE;
        }
      for (guint j = 0; j < l->closures->len; j++)
        {
          if (!row_start (&r, self, "INSERT INTO closure (location, date) VALUES (?, ?)", error))
            return FALSE;
          bind_text (&r, l->id);
          bind_date (&r, g_array_index (l->closures, DagDate, j));
          if (!row_done (&r, error))
            return FALSE;
        }
    }

  for (guint i = 0; i < org->groups->len; i++)
    {
      const DagGroup *g = DAG_AT (org->groups, DagGroup, i);

      if (!row_start (&r, self, "INSERT INTO grp (id, location, name, min_level, max_level, capacity, slots)"
                      " VALUES (?, ?, ?, ?, ?, ?, ?)", error))
        return FALSE;
      bind_text (&r, g->id);
      bind_text (&r, REF (org->locations, DagLocation, g->location, id));
      bind_text (&r, g->name);
      bind_int (&r, g->min_level);
      bind_int (&r, g->max_level);
      bind_int (&r, g->capacity);
      bind_int (&r, g->slots);
      if (!row_done (&r, error))
        return FALSE;
      for (guint j = 0; j < g->products->len; j++)
        {
          if (!row_start (&r, self, "INSERT INTO group_product (grp, product) VALUES (?, ?)", error))
            return FALSE;
          bind_text (&r, g->id);
          bind_text (&r, g_ptr_array_index (g->products, j));
          if (!row_done (&r, error))
            return FALSE;
        }
    }

  for (guint i = 0; i < org->staff->len; i++)
    {
      const DagStaff *st = DAG_AT (org->staff, DagStaff, i);

      if (!row_start (&r, self, "INSERT INTO staff (id, name, qualification, contract_hours, available, driver,"
                      " email) VALUES (?, ?, ?, ?, ?, ?, ?)", error))
        return FALSE;
      bind_text (&r, st->id);
      bind_text (&r, st->name);
      bind_text (&r, qualification_names[st->qualification]);
      bind_int (&r, st->contract_hours);
      bind_int (&r, st->available);
      bind_int (&r, st->driver);
      bind_text (&r, st->email);
      if (!row_done (&r, error))
        return FALSE;
    }

  for (guint i = 0; i < org->vehicles->len; i++)
    {
      const DagVehicle *v = DAG_AT (org->vehicles, DagVehicle, i);

      if (!row_start (&r, self, "INSERT INTO vehicle (id, name, seats, wheelchair_places, location,"
                      " cost_per_km_cents, available_from, available_until) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                      error))
        return FALSE;
      bind_text (&r, v->id);
      bind_text (&r, v->name);
      bind_int (&r, v->seats);
      bind_int (&r, v->wheelchair_places);
      bind_text (&r, REF (org->locations, DagLocation, v->location, id));
      bind_int (&r, v->cost_per_km_cents);
      bind_int (&r, v->available_from);
      bind_int (&r, v->available_until);
      if (!row_done (&r, error))
        return FALSE;
    }

  for (guint i = 0; i < org->participants->len; i++)
    {
      const DagParticipant *p = DAG_AT (org->participants, DagParticipant, i);

      if (!row_start (&r, self, "INSERT INTO participant (id, name, birth_date, bsn, address, lat, lon,"
                      " municipality, transport, wheelchair, unavailable, preferred_days)"
                      " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error))
        return FALSE;
      bind_text (&r, p->id);
      bind_text (&r, p->name);
      bind_date (&r, p->birth_date);
      bind_text (&r, p->bsn);
      bind_text (&r, p->address);
      if (p->has_coords)
        {
          bind_double (&r, p->lat);
          bind_double (&r, p->lon);
        }
      else
        {
          bind_text (&r, NULL);
          bind_text (&r, NULL);
        }
      bind_text (&r, REF (org->municipalities, DagMunicipality, p->municipality, code));
      bind_text (&r, p->transport == DAG_TRANSPORT_BUS ? "bus" : "own");
      bind_int (&r, p->wheelchair);
      bind_int (&r, p->unavailable);
      bind_int (&r, p->preferred_days);
      if (!row_done (&r, error))
        return FALSE;
    }

  for (guint i = 0; i < org->indications->len; i++)
    {
      const DagIndication *ind = DAG_AT (org->indications, DagIndication, i);
      const DagContract *c = ind->contract >= 0 ? DAG_AT (org->contracts, DagContract, ind->contract) : NULL;

      if (!row_start (&r, self, "INSERT INTO indication (id, participant, contract, product, level,"
                      " allocation_number, start_date, end_date, units, per, min_units)"
                      " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error))
        return FALSE;
      bind_text (&r, ind->id);
      bind_text (&r, REF (org->participants, DagParticipant, ind->participant, id));
      bind_text (&r, c ? c->id : NULL);
      bind_text (&r, c && ind->product >= 0 ? DAG_AT (c->products, DagProduct, ind->product)->product : NULL);
      bind_int (&r, ind->level);
      bind_text (&r, ind->allocation_number);
      bind_date (&r, ind->start);
      bind_date (&r, ind->end);
      bind_int (&r, ind->units);
      bind_text (&r, per_names[ind->per]);
      if (ind->min_units >= 0)
        bind_int (&r, ind->min_units);
      else
        bind_text (&r, NULL);
      if (!row_done (&r, error))
        return FALSE;
    }
  return TRUE;
}

/* A plan or staffing row as text, to compare stored rows with org's. */
static char *
slot_key (const char *who,
          const char *group,
          int         slot,
          const char *from,
          const char *until)
{
  return g_strdup_printf ("%s\x1f%s\x1f%d\x1f%s\x1f%s", who ? who : "", group ? group : "", slot,
                          from ? from : "", until ? until : "");
}

/* The plan (staffing FALSE) or the staffing: who, group and slot rows,
 * which differ only in who (a participant or a staff member).  Only the
 * rows that differ from the stored ones are deleted and inserted, so a
 * plan that changes a few entries writes a few rows. */
static gboolean
save_group_slots (DagStore     *self,
                  const DagOrg *org,
                  gboolean      staffing,
                  GError      **error)
{
  GArray *entries = staffing ? org->staffing : org->plan;
  const char *sql = staffing ? "INSERT INTO staffing (staff, grp, slot, from_date, until_date) VALUES (?, ?, ?, ?, ?)"
                             : "INSERT INTO plan (participant, grp, slot, from_date, until_date) VALUES (?, ?, ?, ?, ?)";
  const char *select = staffing ? "SELECT rowid, staff, grp, slot, from_date, until_date FROM staffing"
                                : "SELECT rowid, participant, grp, slot, from_date, until_date FROM plan";
  const char *delete = staffing ? "DELETE FROM staffing WHERE rowid = ?" : "DELETE FROM plan WHERE rowid = ?";
  /* key → GArray of rowids (the stored rows, a multiset) */
  g_autoptr(GHashTable) stored = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                        (GDestroyNotify) g_array_unref);
  GHashTableIter iter;
  gpointer value;
  DagStmt *stmt;
  Row r;
  int rc;

  stmt = dag_store_prepare (self, select, error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = dag_stmt_step (stmt)) == DAG_STMT_ROW)
    {
      char *key = slot_key (dag_stmt_column_text (stmt, 1),
                            dag_stmt_column_text (stmt, 2),
                            dag_stmt_column_int (stmt, 3),
                            dag_stmt_column_text (stmt, 4),
                            dag_stmt_column_text (stmt, 5));
      GArray *rowids = g_hash_table_lookup (stored, key);
      gint64 rowid = dag_stmt_column_int64 (stmt, 0);

      if (rowids == NULL)
        {
          rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
          g_hash_table_insert (stored, key, rowids);
        }
      else
        g_free (key);
      g_array_append_val (rowids, rowid);
    }
  dag_stmt_reset (stmt);
  if (rc != DAG_STMT_DONE)
    return dag_store_set_error (self, error);

  for (guint i = 0; i < entries->len; i++)
    {
      int who, group, slot;
      DagDate from, until;
      char fbuf[DAG_DATE_BUF], ubuf[DAG_DATE_BUF];
      g_autofree char *key = NULL;
      const char *who_id, *group_id;
      GArray *rowids;

      if (staffing)
        {
          const DagStaffing *e = DAG_AT (entries, DagStaffing, i);
          who = e->staff, group = e->group, slot = e->slot, from = e->from, until = e->until;
          who_id = REF (org->staff, DagStaff, who, id);
        }
      else
        {
          const DagPlanEntry *e = DAG_AT (entries, DagPlanEntry, i);
          who = e->participant, group = e->group, slot = e->slot, from = e->from, until = e->until;
          who_id = REF (org->participants, DagParticipant, who, id);
        }
      group_id = REF (org->groups, DagGroup, group, id);
      key = slot_key (who_id, group_id, slot,
                      from == DAG_DATE_NONE ? NULL : dag_date_format (from, fbuf),
                      until == DAG_DATE_NONE ? NULL : dag_date_format (until, ubuf));
      rowids = g_hash_table_lookup (stored, key);
      if (rowids != NULL && rowids->len > 0)
        {
          /* Stored already: keep that row. */
          g_array_set_size (rowids, rowids->len - 1);
          continue;
        }
      if (!row_start (&r, self, sql, error))
        return FALSE;
      bind_text (&r, who_id);
      bind_text (&r, group_id);
      bind_int (&r, slot);
      bind_date (&r, from);
      bind_date (&r, until);
      if (!row_done (&r, error))
        return FALSE;
    }

  /* What is stored and no longer in org goes. */
  g_hash_table_iter_init (&iter, stored);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      GArray *rowids = value;

      for (guint i = 0; i < rowids->len; i++)
        {
          if (!row_start (&r, self, delete, error))
            return FALSE;
          bind_int (&r, g_array_index (rowids, gint64, i));
          if (!row_done (&r, error))
            return FALSE;
        }
    }
  return TRUE;
}

static gboolean
save_one_offs (DagStore *self, const DagOrg *org, GError **error)
{
  Row r;

  for (guint i = 0; i < org->one_offs->len; i++)
    {
      const DagOneOff *c = DAG_AT (org->one_offs, DagOneOff, i);

      if (!row_start (&r, self, "INSERT INTO one_off (kind, participant, staff, date, part, grp, reason)"
                      " VALUES (?, ?, ?, ?, ?, ?, ?)", error))
        return FALSE;
      bind_text (&r, c->kind == DAG_ONE_OFF_ADD ? "add" : "cancel");
      bind_text (&r, REF (org->participants, DagParticipant, c->participant, id));
      bind_text (&r, REF (org->staff, DagStaff, c->staff, id));
      bind_date (&r, c->date);
      bind_int (&r, c->part);
      bind_text (&r, REF (org->groups, DagGroup, c->group, id));
      bind_text (&r, c->reason);
      if (!row_done (&r, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
save_absences (DagStore *self, const DagOrg *org, GError **error)
{
  Row r;

  for (guint i = 0; i < org->absences->len; i++)
    {
      const DagAbsence *a = DAG_AT (org->absences, DagAbsence, i);

      if (!row_start (&r, self, "INSERT INTO absence (participant, from_date, to_date, reason)"
                      " VALUES (?, ?, ?, ?)", error))
        return FALSE;
      bind_text (&r, REF (org->participants, DagParticipant, a->participant, id));
      bind_date (&r, a->from);
      bind_date (&r, a->to);
      bind_text (&r, a->reason);
      if (!row_done (&r, error))
        return FALSE;
    }
  for (guint i = 0; i < org->staff_absences->len; i++)
    {
      const DagStaffAbsence *a = DAG_AT (org->staff_absences, DagStaffAbsence, i);

      if (!row_start (&r, self, "INSERT INTO staff_absence (staff, from_date, to_date, reason)"
                      " VALUES (?, ?, ?, ?)", error))
        return FALSE;
      bind_text (&r, REF (org->staff, DagStaff, a->staff, id));
      bind_date (&r, a->from);
      bind_date (&r, a->to);
      bind_text (&r, a->reason);
      if (!row_done (&r, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
save_attendance (DagStore *self, const DagOrg *org, GError **error)
{
  Row r;

  for (guint i = 0; i < org->attendance->len; i++)
    {
      const DagAttendance *a = DAG_AT (org->attendance, DagAttendance, i);

      if (!row_start (&r, self, "INSERT INTO attendance (participant, date, part, status, minutes, reason)"
                      " VALUES (?, ?, ?, ?, ?, ?)", error))
        return FALSE;
      bind_text (&r, REF (org->participants, DagParticipant, a->participant, id));
      bind_date (&r, a->date);
      bind_int (&r, a->part);
      bind_text (&r, status_names[a->status]);
      if (a->minutes >= 0)
        bind_int (&r, a->minutes);
      else
        bind_text (&r, NULL);
      bind_text (&r, a->reason);
      if (!row_done (&r, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
save_runs (DagStore *self, const DagOrg *org, GError **error)
{
  Row r;

  for (guint i = 0; i < org->runs->len; i++)
    {
      const DagRun *run = DAG_AT (org->runs, DagRun, i);

      if (!row_start (&r, self, "INSERT INTO run (id, date, vehicle, driver, location, direction, minute)"
                      " VALUES (?, ?, ?, ?, ?, ?, ?)", error))
        return FALSE;
      bind_text (&r, run->id);
      bind_date (&r, run->date);
      bind_text (&r, REF (org->vehicles, DagVehicle, run->vehicle, id));
      bind_text (&r, REF (org->staff, DagStaff, run->driver, id));
      bind_text (&r, REF (org->locations, DagLocation, run->location, id));
      bind_text (&r, run->direction == DAG_DIRECTION_FROM ? "from" : "to");
      bind_int (&r, run->time);
      if (!row_done (&r, error))
        return FALSE;

      for (guint j = 0; j < run->stops->len; j++)
        {
          const DagStop *s = DAG_AT (run->stops, DagStop, j);
          if (!row_start (&r, self, "INSERT INTO run_stop (run, seq, participant, minute) VALUES (?, ?, ?, ?)", error))
            return FALSE;
          bind_text (&r, run->id);
          bind_int (&r, j);
          bind_text (&r, REF (org->participants, DagParticipant, s->participant, id));
          bind_int (&r, s->time);
          if (!row_done (&r, error))
            return FALSE;
        }
    }
  return TRUE;
}

static gboolean
save_declarations (DagStore *self, const DagOrg *org, GError **error)
{
  Row r;

  for (guint i = 0; i < org->declarations->len; i++)
    {
      const DagDeclaration *d = DAG_AT (org->declarations, DagDeclaration, i);

      if (!row_start (&r, self, "INSERT INTO declaration (number, municipality, month, written, sent)"
                      " VALUES (?, ?, ?, ?, ?)", error))
        return FALSE;
      bind_text (&r, d->number);
      bind_text (&r, REF (org->municipalities, DagMunicipality, d->municipality, code));
      bind_date (&r, d->month);
      bind_date (&r, d->written);
      bind_date (&r, d->sent);
      if (!row_done (&r, error))
        return FALSE;

      for (guint j = 0; j < d->lines->len; j++)
        {
          const DagDeclarationLine *l = DAG_AT (d->lines, DagDeclarationLine, j);
          char side[2] = { l->debit_credit, '\0' };

          if (!row_start (&r, self, "INSERT INTO declaration_line (declaration, seq, reference, indication,"
                          " product_code, period_start, period_end, units, tariff_cents, amount_cents,"
                          " debit_credit, corrects, response_code, response_accepted)"
                          " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error))
            return FALSE;
          bind_text (&r, d->number);
          bind_int (&r, j);
          bind_text (&r, l->reference);
          bind_text (&r, REF (org->indications, DagIndication, l->indication, id));
          bind_text (&r, l->product_code);
          bind_date (&r, l->period_start);
          bind_date (&r, l->period_end);
          bind_int (&r, l->units);
          bind_int (&r, l->tariff_cents);
          bind_int (&r, l->amount_cents);
          bind_text (&r, side);
          bind_text (&r, l->corrects);
          if (l->has_response)
            {
              bind_text (&r, l->response_code);
              bind_int (&r, l->response_accepted ? 1 : 0);
            }
          else
            {
              bind_text (&r, NULL);
              bind_text (&r, NULL);
            }
          if (!row_done (&r, error))
            return FALSE;
        }
    }
  return TRUE;
}

gboolean
dag_store_save (DagStore     *self,
                const DagOrg *org,
                DagSections   sections,
                const char   *action,
                GError      **error)
{
  /* Children before parents, so foreign keys hold at every step. */
  static const struct { DagSections section; const char *sql; } deletes[] = {
    { DAG_SECTION_DECLARATIONS, "DELETE FROM declaration_line; DELETE FROM declaration;" },
    { DAG_SECTION_RUNS,       "DELETE FROM run_stop; DELETE FROM run;" },
    { DAG_SECTION_ATTENDANCE, "DELETE FROM attendance;" },
    { DAG_SECTION_ONE_OFFS,   "DELETE FROM one_off;" },
    { DAG_SECTION_ABSENCES,   "DELETE FROM absence; DELETE FROM staff_absence;" },
    /* The plan and the staffing: only the rows that differ (below),
     * unless the master data goes first. */
    { DAG_SECTION_MASTER,     "DELETE FROM staffing; DELETE FROM plan;" },
    { DAG_SECTION_MASTER,     "DELETE FROM indication; DELETE FROM participant; DELETE FROM vehicle;"
                              " DELETE FROM staff; DELETE FROM group_product; DELETE FROM grp;"
                              " DELETE FROM closure; DELETE FROM location_part; DELETE FROM location;"
                              " DELETE FROM staffel; DELETE FROM product; DELETE FROM contract;"
                              " DELETE FROM municipality; DELETE FROM level; DELETE FROM settings;"
                              " DELETE FROM organisation;" },
  };
  g_autofree char *detail = NULL;
  gboolean ok = TRUE;
  gboolean durable;

  g_return_val_if_fail (DAG_IS_STORE (self), FALSE);
  g_return_val_if_fail (org != NULL, FALSE);

  if (sections & DAG_SECTION_MASTER)
    sections = DAG_SECTION_ALL;

  /* An import and a declaration must survive a power cut once reported
   * done: the WAL is synced at their commit.  The level cannot change
   * inside a transaction, so only an outermost save sets it. */
  durable = (sections & (DAG_SECTION_MASTER | DAG_SECTION_DECLARATIONS)) && !dag_store_in_transaction (self);
  if (durable && !dag_store_set_durable (self, TRUE, error))
    return FALSE;
  if (!dag_store_begin (self, error))
    {
      if (durable)
        dag_store_set_durable (self, FALSE, NULL);
      return FALSE;
    }
  dag_store_touch (self, sections, DAG_DATE_NONE);
  /* A replacement of everything (an import) is meant to undo what was
   * there; a save of some sections would undo another's change of them. */
  if (!(sections & DAG_SECTION_MASTER))
    ok = dag_store_check_current (self, sections, DAG_DATE_NONE, error);

  for (guint i = 0; ok && i < G_N_ELEMENTS (deletes); i++)
    if (sections & deletes[i].section)
      ok = dag_store_exec (self, deletes[i].sql, error);

  if (ok && (sections & DAG_SECTION_MASTER))
    ok = save_master (self, org, error);
  if (ok && (sections & DAG_SECTION_PLAN))
    ok = save_group_slots (self, org, FALSE, error);
  if (ok && (sections & DAG_SECTION_STAFFING))
    ok = save_group_slots (self, org, TRUE, error);
  if (ok && (sections & DAG_SECTION_ABSENCES))
    ok = save_absences (self, org, error);
  if (ok && (sections & DAG_SECTION_ONE_OFFS))
    ok = save_one_offs (self, org, error);
  if (ok && (sections & DAG_SECTION_ATTENDANCE))
    ok = save_attendance (self, org, error);
  if (ok && (sections & DAG_SECTION_RUNS))
    ok = save_runs (self, org, error);
  if (ok && (sections & DAG_SECTION_DECLARATIONS))
    ok = save_declarations (self, org, error);

  if (ok)
    {
      detail = g_strdup_printf ("participants=%u plan=%u attendance=%u",
                                org->participants->len, org->plan->len, org->attendance->len);
      ok = dag_store_audit (self, action ? action : "save", detail, error);
    }

  if (!ok)
    dag_store_rollback (self);
  else
    ok = dag_store_commit (self, error);
  if (durable)
    dag_store_set_durable (self, FALSE, NULL);
  return ok;
}
