/* dag-store-records.c — validated single-record edits of locations, groups,
 * staff, vehicles and contracts, each one transaction with an audit entry. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdarg.h>
#include <string.h>

#include "dag-record-check.h"
#include "dag-store-private.h"
#include "dag-store-records.h"
#include "dag-validate.h"

static const char *const qualification_names[] = { "HBO", "MBO", "volunteer" };

/* The kind's name in audit entries (never translated: the log is data). */
static const char *
kind_name (DagKind kind)
{
  switch (kind)
    {
    case DAG_KIND_LOCATION: return "location";
    case DAG_KIND_GROUP: return "group";
    case DAG_KIND_STAFF: return "staff";
    case DAG_KIND_VEHICLE: return "vehicle";
    case DAG_KIND_CONTRACT: return "contract";
    default: return NULL;
    }
}

gboolean
dag_store_records_kind_supported (DagKind kind)
{
  return kind_name (kind) != NULL;
}

static const char *
record_id (DagKind kind, gconstpointer record)
{
  switch (kind)
    {
    case DAG_KIND_LOCATION: return ((const DagLocation *) record)->id;
    case DAG_KIND_GROUP: return ((const DagGroup *) record)->id;
    case DAG_KIND_STAFF: return ((const DagStaff *) record)->id;
    case DAG_KIND_VEHICLE: return ((const DagVehicle *) record)->id;
    case DAG_KIND_CONTRACT: return ((const DagContract *) record)->id;
    default: return NULL;
    }
}

/* ---- statements ----------------------------------------------------------- */

/* Binds the arguments after sql by the letters of types: t text (NULL is
 * SQL NULL), i gint64, d double. */
static DagStmt *
prepare_bound (DagStore   *store,
               const char *sql,
               const char *types,
               va_list     args,
               GError    **error)
{
  DagStmt *stmt = dag_store_prepare (store, sql, error);

  if (stmt == NULL)
    return NULL;
  for (int i = 0; types[i]; i++)
    switch (types[i])
      {
      case 't':
        {
          const char *text = va_arg (args, const char *);
          if (text)
            dag_stmt_bind_text (stmt, i + 1, text);
          else
            dag_stmt_bind_null (stmt, i + 1);
        }
        break;
      case 'i':
        dag_stmt_bind_int64 (stmt, i + 1, va_arg (args, gint64));
        break;
      case 'd':
        dag_stmt_bind_double (stmt, i + 1, va_arg (args, double));
        break;
      default:
        g_assert_not_reached ();
      }
  return stmt;
}

/* Runs a statement without results; FALSE on an error (a constraint too). */
static gboolean
run (DagStore   *store,
     GError    **error,
     const char *sql,
     const char *types,
     ...)
{
  va_list args;
  DagStmt *stmt;
  int rc;

  va_start (args, types);
  stmt = prepare_bound (store, sql, types, args, error);
  va_end (args);
  if (stmt == NULL)
    return FALSE;
  rc = dag_stmt_step (stmt);
  if (rc != DAG_STMT_DONE)
    dag_store_set_error (store, error);
  dag_stmt_reset (stmt);
  return rc == DAG_STMT_DONE;
}

/* The first column of the first row as a number; -1 on an error. */
static gint64
count (DagStore   *store,
       GError    **error,
       const char *sql,
       const char *types,
       ...)
{
  va_list args;
  DagStmt *stmt;
  gint64 n = -1;
  int rc;

  va_start (args, types);
  stmt = prepare_bound (store, sql, types, args, error);
  va_end (args);
  if (stmt == NULL)
    return -1;
  rc = dag_stmt_step (stmt);
  if (rc == DAG_STMT_ROW)
    n = dag_stmt_column_int64 (stmt, 0);
  else
    dag_store_set_error (store, error);
  dag_stmt_reset (stmt);
  return n;
}

static gboolean
refuse (GError **error, const char *message)
{
  g_set_error_literal (error, DAG_STORE_ERROR, DAG_STORE_ERROR_CONSTRAINT, message);
  return FALSE;
}

/* ---- checks --------------------------------------------------------------- */

gboolean
dag_store_check_record (const DagOrg  *org,
                        DagKind        kind,
                        gconstpointer  record,
                        const char   **field,
                        GError       **error)
{
  g_autoptr(GError) local = NULL;
  const char *key = NULL;
  gboolean ok;

  g_return_val_if_fail (org != NULL && record != NULL, FALSE);

  switch (kind)
    {
    case DAG_KIND_LOCATION:
      ok = dag_record_check_location (record, &key, &local);
      break;
    case DAG_KIND_GROUP:
      ok = dag_record_check_group (org, record, &key, &local);
      break;
    case DAG_KIND_STAFF:
      ok = dag_record_check_staff (record, &key, &local);
      break;
    case DAG_KIND_VEHICLE:
      ok = dag_record_check_vehicle (org, record, &key, &local);
      break;
    case DAG_KIND_CONTRACT:
      ok = dag_record_check_contract (org, record, &key, &local);
      break;
    default:
      g_return_val_if_reached (FALSE);
    }
  if (field)
    *field = ok ? NULL : key;
  if (!ok)
    g_set_error (error, DAG_VALIDATE_ERROR, DAG_VALIDATE_ERROR_INVALID,
                 /* TRANSLATORS: a field name, then what is wrong with it */
                 _("%s: %s"), dag_record_field_label (kind, key), local->message);
  return ok;
}

/* ---- writing each kind ---------------------------------------------------- */

static DagSlotMask
part_mask (int part)
{
  DagSlotMask mask = 0;

  for (int day = 0; day < DAG_N_DAYS; day++)
    mask |= DAG_SLOT_BIT (DAG_SLOT (day, part));
  return mask;
}

static gboolean
write_location (DagStore *store, const DagLocation *l, gboolean add, GError **error)
{
  if (add)
    {
      if (!run (store, error, "INSERT INTO location (id, name, address, lat, lon) VALUES (?, ?, ?, ?, ?)",
                "tttdd", l->id, l->name, l->address, l->lat, l->lon))
        return FALSE;
    }
  else
    {
      for (int part = 0; part < DAG_N_PARTS; part++)
        {
          gint64 n;

          if (l->has_part[part])
            continue;
          n = count (store, error, "SELECT count(*) FROM grp WHERE location = ? AND (slots & ?) != 0",
                     "ti", l->id, (gint64) part_mask (part));
          if (n < 0)
            return FALSE;
          if (n > 0)
            {
              g_autofree char *message = NULL;

              if (part == DAG_PART_AM)
                message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                        "Opening times: %d group of the location still runs in the morning; change it first",
                                                        "Opening times: %d groups of the location still run in the morning; change them first",
                                                        n), (int) n);
              else if (part == DAG_PART_PM)
                message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                        "Opening times: %d group of the location still runs in the afternoon; change it first",
                                                        "Opening times: %d groups of the location still run in the afternoon; change them first",
                                                        n), (int) n);
              else
                message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                        "Opening times: %d group of the location still runs in the evening; change it first",
                                                        "Opening times: %d groups of the location still run in the evening; change them first",
                                                        n), (int) n);
              return refuse (error, message);
            }
        }
      if (!run (store, error, "UPDATE location SET name = ?2, address = ?3, lat = ?4, lon = ?5 WHERE id = ?1",
                "tttdd", l->id, l->name, l->address, l->lat, l->lon) ||
          !run (store, error, "DELETE FROM location_part WHERE location = ?", "t", l->id) ||
          !run (store, error, "DELETE FROM closure WHERE location = ?", "t", l->id))
        return FALSE;
    }
  for (int part = 0; part < DAG_N_PARTS; part++)
    if (l->has_part[part] &&
        !run (store, error, "INSERT INTO location_part (location, part, start_minute, end_minute) VALUES (?, ?, ?, ?)",
              "tiii", l->id, (gint64) part, (gint64) l->part_start[part], (gint64) l->part_end[part]))
      return FALSE;
  for (guint i = 0; l->closures && i < l->closures->len; i++)
    {
      char date[DAG_DATE_BUF];

      if (!run (store, error, "INSERT INTO closure (location, date) VALUES (?, ?)", "tt",
                l->id, dag_date_format (g_array_index (l->closures, DagDate, i), date)))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_group (DagStore *store, const DagOrg *org, const DagGroup *g, gboolean add, GError **error)
{
  const char *location = DAG_AT (org->locations, DagLocation, g->location)->id;

  if (add)
    {
      if (!run (store, error, "INSERT INTO grp (id, location, name, min_level, max_level, capacity, slots)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)", "tttiiii", g->id, location, g->name,
                (gint64) g->min_level, (gint64) g->max_level, (gint64) g->capacity, (gint64) g->slots))
        return FALSE;
    }
  else
    {
      gint64 n = count (store, error, "SELECT count(*) FROM plan WHERE grp = ? AND ((CAST (1 AS BIGINT) << CAST (slot AS INTEGER)) & ?) = 0",
                        "ti", g->id, (gint64) g->slots);

      if (n < 0)
        return FALSE;
      if (n > 0)
        {
          g_autofree char *message =
            g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "Dagdelen: %d planned dagdeel is on a dagdeel the group would no longer run; move it first",
                                          "Dagdelen: %d planned dagdelen are on dagdelen the group would no longer run; move them first",
                                          n), (int) n);
          return refuse (error, message);
        }
      n = count (store, error, "SELECT count(*) FROM staffing WHERE grp = ? AND ((CAST (1 AS BIGINT) << CAST (slot AS INTEGER)) & ?) = 0",
                 "ti", g->id, (gint64) g->slots);
      if (n < 0)
        return FALSE;
      if (n > 0)
        {
          g_autofree char *message =
            g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "Dagdelen: %d staff assignment is on a dagdeel the group would no longer run; unassign it first",
                                          "Dagdelen: %d staff assignments are on dagdelen the group would no longer run; unassign them first",
                                          n), (int) n);
          return refuse (error, message);
        }
      if (!run (store, error, "UPDATE grp SET location = ?2, name = ?3, min_level = ?4, max_level = ?5,"
                " capacity = ?6, slots = ?7 WHERE id = ?1", "tttiiii", g->id, location, g->name,
                (gint64) g->min_level, (gint64) g->max_level, (gint64) g->capacity, (gint64) g->slots) ||
          !run (store, error, "DELETE FROM group_product WHERE grp = ?", "t", g->id))
        return FALSE;
    }
  for (guint i = 0; g->products && i < g->products->len; i++)
    if (!run (store, error, "INSERT INTO group_product (grp, product) VALUES (?, ?)", "tt",
              g->id, (const char *) g_ptr_array_index (g->products, i)))
      return FALSE;
  return TRUE;
}

static gboolean
write_staff (DagStore *store, const DagStaff *s, gboolean add, GError **error)
{
  if (add)
    return run (store, error, "INSERT INTO staff (id, name, qualification, contract_hours, available, driver, email)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)", "tttiiit", s->id, s->name,
                qualification_names[s->qualification], (gint64) s->contract_hours,
                (gint64) s->available, (gint64) (s->driver ? 1 : 0), s->email);
  return run (store, error, "UPDATE staff SET name = ?2, qualification = ?3, contract_hours = ?4, available = ?5,"
              " driver = ?6, email = ?7 WHERE id = ?1", "tttiiit", s->id, s->name,
              qualification_names[s->qualification], (gint64) s->contract_hours,
              (gint64) s->available, (gint64) (s->driver ? 1 : 0), s->email);
}

static gboolean
write_vehicle (DagStore *store, const DagOrg *org, const DagVehicle *v, gboolean add, GError **error)
{
  const char *location = DAG_AT (org->locations, DagLocation, v->location)->id;

  if (add)
    return run (store, error, "INSERT INTO vehicle (id, name, seats, wheelchair_places, location, cost_per_km_cents,"
                " available_from, available_until) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", "ttiitiii", v->id, v->name,
                (gint64) v->seats, (gint64) v->wheelchair_places, location, v->cost_per_km_cents,
                (gint64) v->available_from, (gint64) v->available_until);
  return run (store, error, "UPDATE vehicle SET name = ?2, seats = ?3, wheelchair_places = ?4, location = ?5,"
              " cost_per_km_cents = ?6, available_from = ?7, available_until = ?8 WHERE id = ?1", "ttiitiii",
              v->id, v->name, (gint64) v->seats, (gint64) v->wheelchair_places, location, v->cost_per_km_cents,
              (gint64) v->available_from, (gint64) v->available_until);
}

static gboolean
write_contract (DagStore *store, const DagOrg *org, const DagContract *c, gboolean add, GError **error)
{
  const char *municipality = DAG_AT (org->municipalities, DagMunicipality, c->municipality)->code;

  if (add)
    {
      if (!run (store, error, "INSERT INTO contract (id, municipality, noshow_billable) VALUES (?, ?, ?)",
                "tti", c->id, municipality, (gint64) (c->noshow_billable ? 1 : 0)))
        return FALSE;
    }
  else
    {
      DagStmt *stmt;
      g_autoptr(GPtrArray) dropped = g_ptr_array_new_with_free_func (g_free);
      int rc;

      /* Products the edit leaves out may still be indicated. */
      stmt = dag_store_prepare (store, "SELECT product FROM product WHERE contract = ?", error);
      if (stmt == NULL)
        return FALSE;
      dag_stmt_bind_text (stmt, 1, c->id);
      while ((rc = dag_stmt_step (stmt)) == DAG_STMT_ROW)
        {
          const char *product = dag_stmt_column_text (stmt, 0);
          gboolean kept = FALSE;

          for (guint i = 0; c->products && i < c->products->len && !kept; i++)
            kept = g_strcmp0 (DAG_AT (c->products, DagProduct, i)->product, product) == 0;
          if (!kept)
            g_ptr_array_add (dropped, g_strdup (product));
        }
      if (rc != DAG_STMT_DONE)
        dag_store_set_error (store, error);
      dag_stmt_reset (stmt);
      if (rc != DAG_STMT_DONE)
        return FALSE;
      for (guint i = 0; i < dropped->len; i++)
        {
          gint64 n = count (store, error, "SELECT count(*) FROM indication WHERE contract = ? AND product = ?",
                            "tt", c->id, (const char *) g_ptr_array_index (dropped, i));

          if (n < 0)
            return FALSE;
          if (n > 0)
            {
              g_autofree char *message =
                g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "Products: %d indication still grants a product the edit removes",
                                              "Products: %d indications still grant a product the edit removes",
                                              n), (int) n);
              return refuse (error, message);
            }
        }
      if (!run (store, error, "UPDATE contract SET municipality = ?2, noshow_billable = ?3 WHERE id = ?1",
                "tti", c->id, municipality, (gint64) (c->noshow_billable ? 1 : 0)) ||
          !run (store, error, "DELETE FROM staffel WHERE contract = ?", "t", c->id))
        return FALSE;
      for (guint i = 0; i < dropped->len; i++)
        if (!run (store, error, "DELETE FROM product WHERE contract = ? AND product = ?", "tt",
                  c->id, (const char *) g_ptr_array_index (dropped, i)))
          return FALSE;
    }
  for (guint i = 0; c->products && i < c->products->len; i++)
    {
      const DagProduct *p = DAG_AT (c->products, DagProduct, i);

      /* An upsert keeps the product row that indications refer to. */
      if (!run (store, error, "INSERT INTO product (contract, product, code, name, unit, tariff_cents,"
                " category, unit_code) VALUES (?1, ?2, ?3, ?4, ?5, ?6, NULLIF (?7, ''), NULLIF (?8, ''))"
                " ON CONFLICT (contract, product) DO UPDATE SET"
                " code = ?3, name = ?4, unit = ?5, tariff_cents = ?6, category = NULLIF (?7, ''),"
                " unit_code = NULLIF (?8, '')", "tttttitt",
                c->id, p->product, p->code, p->name, p->unit, p->tariff_cents, p->category, p->unit_code))
        return FALSE;
      for (guint k = 0; p->staffel && k < p->staffel->len; k++)
        {
          const DagStaffel *st = DAG_AT (p->staffel, DagStaffel, k);

          if (!run (store, error, "INSERT INTO staffel (contract, product, from_unit, tariff_cents, code)"
                    " VALUES (?, ?, ?, ?, NULLIF (?, ''))",
                    "ttiit", c->id, p->product, (gint64) st->from_unit, st->tariff_cents, st->code))
            return FALSE;
        }
    }
  return TRUE;
}

static gboolean
write_record (DagStore      *store,
              const DagOrg  *org,
              DagKind        kind,
              gconstpointer  record,
              gboolean       add,
              GError       **error)
{
  g_autofree char *action = NULL;
  g_autofree char *detail = NULL;
  const char *id;
  gint64 exists;
  gboolean ok;

  g_return_val_if_fail (DAG_IS_STORE (store), FALSE);
  g_return_val_if_fail (dag_store_records_kind_supported (kind), FALSE);

  if (!dag_store_check_record (org, kind, record, NULL, error))
    return FALSE;
  id = record_id (kind, record);
  if (!dag_store_begin (store, error))
    return FALSE;
  dag_store_touch (store, DAG_SECTION_MASTER, DAG_DATE_NONE);
  switch (kind)
    {
    case DAG_KIND_LOCATION:
      exists = count (store, error, "SELECT count(*) FROM location WHERE id = ?", "t", id);
      break;
    case DAG_KIND_GROUP:
      exists = count (store, error, "SELECT count(*) FROM grp WHERE id = ?", "t", id);
      break;
    case DAG_KIND_STAFF:
      exists = count (store, error, "SELECT count(*) FROM staff WHERE id = ?", "t", id);
      break;
    case DAG_KIND_VEHICLE:
      exists = count (store, error, "SELECT count(*) FROM vehicle WHERE id = ?", "t", id);
      break;
    case DAG_KIND_CONTRACT:
    default:
      exists = count (store, error, "SELECT count(*) FROM contract WHERE id = ?", "t", id);
      break;
    }
  if (exists < 0)
    goto fail;
  if (add && exists > 0)
    {
      refuse (error, _("Id: another record of this kind has this id already"));
      goto fail;
    }
  if (!add && exists == 0)
    {
      g_set_error_literal (error, DAG_STORE_ERROR, DAG_STORE_ERROR_NOT_FOUND,
                           _("Id: there is no record of this kind with this id"));
      goto fail;
    }
  switch (kind)
    {
    case DAG_KIND_LOCATION:
      ok = write_location (store, record, add, error);
      break;
    case DAG_KIND_GROUP:
      ok = write_group (store, org, record, add, error);
      break;
    case DAG_KIND_STAFF:
      ok = write_staff (store, record, add, error);
      break;
    case DAG_KIND_VEHICLE:
      ok = write_vehicle (store, org, record, add, error);
      break;
    case DAG_KIND_CONTRACT:
    default:
      ok = write_contract (store, org, record, add, error);
      break;
    }
  if (!ok)
    goto fail;
  action = g_strdup_printf ("%s %s", add ? "add" : "edit", kind_name (kind));
  detail = g_strdup_printf ("%s %s", kind_name (kind), id);
  if (!dag_store_audit (store, action, detail, error))
    goto fail;
  return dag_store_commit (store, error);

fail:
  dag_store_rollback (store);
  return FALSE;
}

gboolean
dag_store_update_record (DagStore      *store,
                         const DagOrg  *org,
                         DagKind        kind,
                         gconstpointer  record,
                         GError       **error)
{
  return write_record (store, org, kind, record, FALSE, error);
}

gboolean
dag_store_add_record (DagStore      *store,
                      const DagOrg  *org,
                      DagKind        kind,
                      gconstpointer  record,
                      GError       **error)
{
  return write_record (store, org, kind, record, TRUE, error);
}

/* ---- deleting ------------------------------------------------------------- */

/* Refuses with format (a plural form of n, "%d" in it) when n records
 * still refer to the one being deleted. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
static gboolean
refuse_referred (gint64      n,
                 const char *format,
                 GError    **error)
{
  g_autofree char *message = NULL;

  if (n == 0)
    return TRUE;
  message = g_strdup_printf (format, (int) n);
  return refuse (error, message);
}
#pragma GCC diagnostic pop

static gboolean
delete_location (DagStore *store, const char *id, GError **error)
{
  gint64 groups, vehicles, runs;

  if ((groups = count (store, error, "SELECT count(*) FROM grp WHERE location = ?", "t", id)) < 0 ||
      (vehicles = count (store, error, "SELECT count(*) FROM vehicle WHERE location = ?", "t", id)) < 0 ||
      (runs = count (store, error, "SELECT count(*) FROM run WHERE location = ?", "t", id)) < 0)
    return FALSE;
  return refuse_referred (groups, g_dngettext (GETTEXT_PACKAGE, "The location still has %d group; move or delete it first",
                                              "The location still has %d groups; move or delete them first", groups), error) &&
         refuse_referred (vehicles, g_dngettext (GETTEXT_PACKAGE, "The location is still the home of %d vehicle; move it first",
                                              "The location is still the home of %d vehicles; move them first", vehicles), error) &&
         refuse_referred (runs, g_dngettext (GETTEXT_PACKAGE, "The location still has %d planned run; plan the transport again first",
                                              "The location still has %d planned runs; plan the transport again first", runs), error) &&
         run (store, error, "DELETE FROM location_part WHERE location = ?", "t", id) &&
         run (store, error, "DELETE FROM closure WHERE location = ?", "t", id) &&
         run (store, error, "DELETE FROM location WHERE id = ?", "t", id);
}

static gboolean
delete_group (DagStore *store, const char *id, GError **error)
{
  gint64 planned = count (store, error, "SELECT count(*) FROM plan WHERE grp = ?", "t", id);

  if (planned < 0)
    return FALSE;
  return refuse_referred (planned, g_dngettext (GETTEXT_PACKAGE, "The group still has %d planned dagdeel; move it first",
                                              "The group still has %d planned dagdelen; move them first", planned), error) &&
         run (store, error, "DELETE FROM staffing WHERE grp = ?", "t", id) &&
         run (store, error, "DELETE FROM group_product WHERE grp = ?", "t", id) &&
         run (store, error, "DELETE FROM grp WHERE id = ?", "t", id);
}

static gboolean
delete_staff (DagStore *store, const char *id, GError **error)
{
  gint64 runs = count (store, error, "SELECT count(*) FROM run WHERE driver = ?", "t", id);

  if (runs < 0)
    return FALSE;
  return refuse_referred (runs, g_dngettext (GETTEXT_PACKAGE, "The staff member still drives %d planned run; plan the transport again first",
                                              "The staff member still drives %d planned runs; plan the transport again first", runs), error) &&
         run (store, error, "DELETE FROM staffing WHERE staff = ?", "t", id) &&
         run (store, error, "DELETE FROM staff WHERE id = ?", "t", id);
}

static gboolean
delete_vehicle (DagStore *store, const char *id, GError **error)
{
  gint64 runs = count (store, error, "SELECT count(*) FROM run WHERE vehicle = ?", "t", id);

  if (runs < 0)
    return FALSE;
  return refuse_referred (runs, g_dngettext (GETTEXT_PACKAGE, "The vehicle still has %d planned run; plan the transport again first",
                                              "The vehicle still has %d planned runs; plan the transport again first", runs), error) &&
         run (store, error, "DELETE FROM vehicle WHERE id = ?", "t", id);
}

static gboolean
delete_contract (DagStore *store, const char *id, GError **error)
{
  gint64 indications = count (store, error, "SELECT count(*) FROM indication WHERE contract = ?", "t", id);

  if (indications < 0)
    return FALSE;
  return refuse_referred (indications, g_dngettext (GETTEXT_PACKAGE, "The contract still has %d indication; end or move it first",
                                              "The contract still has %d indications; end or move them first", indications), error) &&
         run (store, error, "DELETE FROM staffel WHERE contract = ?", "t", id) &&
         run (store, error, "DELETE FROM product WHERE contract = ?", "t", id) &&
         run (store, error, "DELETE FROM contract WHERE id = ?", "t", id);
}

gboolean
dag_store_delete_record (DagStore   *store,
                         DagKind     kind,
                         const char *id,
                         GError    **error)
{
  g_autofree char *action = NULL;
  g_autofree char *detail = NULL;
  gboolean ok;

  g_return_val_if_fail (DAG_IS_STORE (store), FALSE);
  g_return_val_if_fail (dag_store_records_kind_supported (kind), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  if (!dag_store_begin (store, error))
    return FALSE;
  /* The record goes with what refers to it. */
  dag_store_touch (store, DAG_SECTION_MASTER | DAG_SECTION_PLAN | DAG_SECTION_STAFFING | DAG_SECTION_ABSENCES |
                          DAG_SECTION_ONE_OFFS | DAG_SECTION_RUNS, DAG_DATE_NONE);
  switch (kind)
    {
    case DAG_KIND_LOCATION:
      ok = delete_location (store, id, error);
      break;
    case DAG_KIND_GROUP:
      ok = delete_group (store, id, error);
      break;
    case DAG_KIND_STAFF:
      ok = delete_staff (store, id, error);
      break;
    case DAG_KIND_VEHICLE:
      ok = delete_vehicle (store, id, error);
      break;
    case DAG_KIND_CONTRACT:
    default:
      ok = delete_contract (store, id, error);
      break;
    }
  if (ok && dag_store_changes (store) == 0)
    {
      g_set_error_literal (error, DAG_STORE_ERROR, DAG_STORE_ERROR_NOT_FOUND,
                           _("Id: there is no record of this kind with this id"));
      ok = FALSE;
    }
  action = g_strdup_printf ("delete %s", kind_name (kind));
  detail = g_strdup_printf ("%s %s", kind_name (kind), id);
  if (ok && !dag_store_audit (store, action, detail, error))
    ok = FALSE;
  if (!ok)
    {
      dag_store_rollback (store);
      return FALSE;
    }
  return dag_store_commit (store, error);
}

/* ---- staffing that goes with a deleted record ------------------------------ */

void
dag_staffing_row_free (DagStaffingRow *row)
{
  if (row == NULL)
    return;
  g_free (row->staff);
  g_free (row->group);
  g_free (row);
}

GPtrArray *
dag_store_list_record_staffing (DagStore   *store,
                                DagKind     kind,
                                const char *id,
                                GError    **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) dag_staffing_row_free);
  DagStmt *stmt;
  int rc;

  g_return_val_if_fail (DAG_IS_STORE (store), NULL);
  if (kind != DAG_KIND_STAFF && kind != DAG_KIND_GROUP)
    return g_steal_pointer (&rows);
  stmt = dag_store_prepare (store, kind == DAG_KIND_STAFF
                                   ? "SELECT staff, grp, slot FROM staffing WHERE staff = ? ORDER BY rowid"
                                   : "SELECT staff, grp, slot FROM staffing WHERE grp = ? ORDER BY rowid", error);
  if (stmt == NULL)
    return NULL;
  dag_stmt_bind_text (stmt, 1, id);
  while ((rc = dag_stmt_step (stmt)) == DAG_STMT_ROW)
    {
      DagStaffingRow *row = g_new0 (DagStaffingRow, 1);

      row->staff = g_strdup (dag_stmt_column_text (stmt, 0));
      row->group = g_strdup (dag_stmt_column_text (stmt, 1));
      row->slot = dag_stmt_column_int (stmt, 2);
      g_ptr_array_add (rows, row);
    }
  if (rc != DAG_STMT_DONE)
    dag_store_set_error (store, error);
  dag_stmt_reset (stmt);
  return rc == DAG_STMT_DONE ? g_steal_pointer (&rows) : NULL;
}

gboolean
dag_store_restore_staffing (DagStore   *store,
                            GPtrArray  *rows,
                            GError    **error)
{
  g_autofree char *detail = NULL;

  g_return_val_if_fail (DAG_IS_STORE (store), FALSE);
  if (rows == NULL || rows->len == 0)
    return TRUE;
  if (!dag_store_begin (store, error))
    return FALSE;
  dag_store_touch (store, DAG_SECTION_STAFFING, DAG_DATE_NONE);
  for (guint i = 0; i < rows->len; i++)
    {
      const DagStaffingRow *row = g_ptr_array_index (rows, i);

      if (!run (store, error, "INSERT INTO staffing (staff, grp, slot) VALUES (?, ?, ?) ON CONFLICT DO NOTHING", "tti",
                row->staff, row->group, (gint64) row->slot))
        goto fail;
    }
  detail = g_strdup_printf ("staffing: %u rows", rows->len);
  if (!dag_store_audit (store, "restore staffing", detail, error))
    goto fail;
  return dag_store_commit (store, error);

fail:
  dag_store_rollback (store);
  return FALSE;
}
