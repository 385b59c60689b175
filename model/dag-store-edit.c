/* dag-store-edit.c — validated single-record edits of participants and
 * indications, each one transaction with an audit entry, and deletions
 * that can be put back. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "dag-store-edit.h"
#include "dag-store-private.h"
#include "dag-validate.h"

static gboolean
field_error (GError **error, const char *field, const char *message)
{
  g_set_error (error, DAG_VALIDATE_ERROR, DAG_VALIDATE_ERROR_INVALID,
               /* TRANSLATORS: a field name, then what is wrong with it */
               _("%s: %s"), field, message);
  return FALSE;
}

gboolean
dag_validate_address_postcode (const char *address, GError **error)
{
  /* One place knows what a postcode in an address looks like. */
  return dag_validate_postcode_in_text (address, error);
}

static gboolean
is_blank (const char *text)
{
  for (; text && *text; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

/* The code of the municipality at index i in load order, or NULL. */
static char *
municipality_code (DagStore *store, int i, GError **error)
{
  DagStmt *stmt = dag_store_prepare (store, "SELECT code FROM municipality ORDER BY rowid LIMIT 1 OFFSET ?", error);
  char *code = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  dag_stmt_bind_int (stmt, 1, i);
  rc = dag_stmt_step (stmt);
  if (rc == DAG_STMT_ROW)
    code = g_strdup (dag_stmt_column_text (stmt, 0));
  else if (rc != DAG_STMT_DONE)
    dag_store_set_error (store, error);
  dag_stmt_reset (stmt);
  if (code == NULL && rc == DAG_STMT_DONE)
    field_error (error, _("Municipality"), _("there is no such municipality"));
  return code;
}

gboolean
dag_store_check_participant (DagStore *store, const DagParticipant *p, GError **error)
{
  g_autoptr(GError) local = NULL;
  g_autofree char *code = NULL;

  if (!dag_validate_id (p->id, &local))
    return field_error (error, _("Id"), local->message);
  if (is_blank (p->name))
    return field_error (error, _("Name"), _("is empty"));
  if (!dag_validate_text (p->name, DAG_TEXT_MAX_NAME, &local))
    return field_error (error, _("Name"), local->message);
  if (!dag_validate_bsn (p->bsn, &local))
    return field_error (error, _("BSN"), local->message);
  if (p->birth_date == DAG_DATE_NONE || !g_date_valid_julian (p->birth_date))
    return field_error (error, _("Birth date"), _("is not a date"));
  if (p->birth_date > dag_date_today ())
    return field_error (error, _("Birth date"), _("lies in the future"));
  if (is_blank (p->address))
    return field_error (error, _("Address"), _("is empty"));
  if (!dag_validate_text (p->address, DAG_TEXT_MAX_ADDRESS, &local))
    return field_error (error, _("Address"), local->message);
  if (!dag_validate_address_postcode (p->address, &local))
    return field_error (error, _("Address"), local->message);
  if (p->has_coords && !dag_validate_coordinates (p->lat, p->lon, &local))
    return field_error (error, _("Address"), local->message);
  if (p->transport != DAG_TRANSPORT_OWN && p->transport != DAG_TRANSPORT_BUS)
    return field_error (error, _("Transport"), _("is neither own nor bus"));
  if (p->unavailable & ~((DagSlotMask) ((1u << 18) - 1)))
    return field_error (error, _("Unavailable dagdelen"), _("holds a dagdeel that does not exist"));
  if (p->preferred_days & ~0x3f)
    return field_error (error, _("Preferred days"), _("holds a day without dagdelen"));
  if (p->municipality < 0)
    return field_error (error, _("Municipality"), _("there is no such municipality"));
  code = municipality_code (store, p->municipality, error);
  return code != NULL;
}

/* Runs the bound INSERT (add) or UPDATE of one record of kind ("participant",
 * "indication") inside the caller's transaction, and writes its audit
 * entry: a taken id on add and a missing one on update get the messages
 * given, which name the field. */
static gboolean
finish_write (DagStore     *store,
              DagStmt *stmt,
              gboolean      add,
              const char   *kind,
              const char   *id,
              const char   *taken,
              const char   *missing,
              GError      **error)
{
  g_autofree char *detail = NULL;
  g_autofree char *action = NULL;
  int rc = dag_stmt_step (stmt);

  if (rc != DAG_STMT_DONE)
    {
      /* The message is SQLite's until the statement is reset. */
      if (dag_stmt_is_constraint (rc) && add)
        g_set_error_literal (error, DAG_STORE_ERROR, DAG_STORE_ERROR_CONSTRAINT, taken);
      else
        dag_store_set_error (store, error);
      dag_stmt_reset (stmt);
      return FALSE;
    }
  dag_stmt_reset (stmt);
  if (!add && dag_store_changes (store) == 0)
    {
      g_set_error_literal (error, DAG_STORE_ERROR, DAG_STORE_ERROR_NOT_FOUND, missing);
      return FALSE;
    }
  detail = g_strdup_printf ("%s %s", kind, id);
  action = g_strdup_printf ("%s %s", add ? "add" : "edit", kind);
  return dag_store_audit (store, action, detail, error);
}

static gboolean
write_participant (DagStore *store, const DagParticipant *p, gboolean add, GError **error)
{
  static const char *update_sql =
    "UPDATE participant SET name = ?2, birth_date = ?3, bsn = ?4, address = ?5, lat = ?6, lon = ?7,"
    " municipality = ?8, transport = ?9, wheelchair = ?10, unavailable = ?11, preferred_days = ?12"
    " WHERE id = ?1";
  static const char *insert_sql =
    "INSERT INTO participant (id, name, birth_date, bsn, address, lat, lon, municipality, transport,"
    " wheelchair, unavailable, preferred_days) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)";
  g_autofree char *code = NULL;
  g_autofree char *key = NULL;
  char date[DAG_DATE_BUF];
  DagStmt *stmt;

  if (!dag_store_check_participant (store, p, error))
    return FALSE;
  code = municipality_code (store, p->municipality, error);
  if (code == NULL)
    return FALSE;
  if (!dag_store_begin (store, error))
    return FALSE;
  /* The participant as read: another process's edit of them since would
   * be undone (of someone else it would not). */
  key = g_strconcat ("participant:", p->id, NULL);
  dag_store_touch_key (store, DAG_SECTION_MASTER, key);
  if (!add && !dag_store_check_current_key (store, DAG_SECTION_MASTER, key, error))
    goto fail;
  stmt = dag_store_prepare (store, add ? insert_sql : update_sql, error);
  if (stmt == NULL)
    goto fail;
  dag_stmt_bind_text (stmt, 1, p->id);
  dag_stmt_bind_text (stmt, 2, p->name);
  dag_stmt_bind_text (stmt, 3, dag_date_format (p->birth_date, date));
  dag_stmt_bind_text (stmt, 4, p->bsn);
  dag_stmt_bind_text (stmt, 5, p->address);
  if (p->has_coords)
    {
      dag_stmt_bind_double (stmt, 6, p->lat);
      dag_stmt_bind_double (stmt, 7, p->lon);
    }
  dag_stmt_bind_text (stmt, 8, code);
  dag_stmt_bind_text (stmt, 9, p->transport == DAG_TRANSPORT_BUS ? "bus" : "own");
  dag_stmt_bind_int (stmt, 10, p->wheelchair ? 1 : 0);
  dag_stmt_bind_int (stmt, 11, (int) p->unavailable);
  dag_stmt_bind_int (stmt, 12, p->preferred_days);
  if (!finish_write (store, stmt, add, "participant", p->id,
                     _("Id: a participant with this id already exists"),
                     _("Id: there is no participant with this id"), error))
    goto fail;
  return dag_store_commit (store, error);

fail:
  dag_store_rollback (store);
  return FALSE;
}

gboolean
dag_store_update_participant (DagStore *store, const DagParticipant *p, GError **error)
{
  return write_participant (store, p, FALSE, error);
}

gboolean
dag_store_add_participant (DagStore *store, const DagParticipant *p, GError **error)
{
  return write_participant (store, p, TRUE, error);
}

/* ---- deleting and restoring --------------------------------------------- */

/* The rows of one table that a deletion removed.  columns starts with the
 * rowid (or its alias), so a restore puts each row back in its old place
 * and the load order stays the same. */
typedef struct {
  const char *table;
  const char *columns;
  guint       n_columns;
  GPtrArray  *values;      /* DagValue *, n_columns per row */
} DeletedRows;

struct _DagDeleted
{
  char   *action;          /* audit action of the restore */
  char   *detail;
  GArray *tables;          /* DeletedRows, in the order a restore inserts */
};

/* What goes with a record, parents first: a table, its columns (the row's
 * place first) and which rows belong to the record with id ?1. */
typedef struct {
  const char *table;
  const char *columns;
  const char *where;
} TableSpec;

static const TableSpec participant_tables[] = {
  { "participant", "rowid, id, name, birth_date, bsn, address, lat, lon, municipality, transport,"
                   " wheelchair, unavailable, preferred_days", "id = ?1" },
  { "indication", "rowid, id, participant, contract, product, level, allocation_number, start_date,"
                  " end_date, units, per, min_units", "participant = ?1" },
  { "plan", "rowid, participant, grp, slot", "participant = ?1" },
  { "absence", "id, participant, from_date, to_date, reason", "participant = ?1" },
  /* A run that would be left without a stop is no run any more. */
  { "run", "rowid, id, date, vehicle, driver, location, direction, minute",
    "id IN (SELECT run FROM run_stop WHERE participant = ?1)"
    " AND NOT EXISTS (SELECT 1 FROM run_stop s WHERE s.run = run.id AND s.participant <> ?1)" },
  { "run_stop", "rowid, run, seq, participant, minute", "participant = ?1" },
  /* Travel times to and from their address would be wrong for another
   * participant who gets the id later. */
  { "travel_time", "rowid, from_id, to_id, minutes, km", "from_id = ?1 OR to_id = ?1" },
};

static const TableSpec indication_tables[] = {
  { "indication", "rowid, id, participant, contract, product, level, allocation_number, start_date,"
                  " end_date, units, per, min_units", "id = ?1" },
};

static void
deleted_rows_clear (gpointer p)
{
  DeletedRows *rows = p;

  g_clear_pointer (&rows->values, g_ptr_array_unref);
}

void
dag_deleted_free (DagDeleted *deleted)
{
  if (deleted == NULL)
    return;
  g_free (deleted->action);
  g_free (deleted->detail);
  g_array_unref (deleted->tables);
  g_free (deleted);
}

static guint
count_columns (const char *columns)
{
  guint n = 1;

  for (; *columns; columns++)
    n += *columns == ',';
  return n;
}

/* Reads the rows of spec that belong to id into deleted. */
static gboolean
capture_rows (DagStore        *store,
              DagDeleted      *deleted,
              const TableSpec *spec,
              const char      *id,
              GError         **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM %s WHERE %s", spec->columns, spec->table, spec->where);
  DagStmt *stmt = dag_store_prepare (store, sql, error);
  DeletedRows rows = { spec->table, spec->columns, count_columns (spec->columns), NULL };
  int rc;

  if (stmt == NULL)
    return FALSE;
  rows.values = g_ptr_array_new_with_free_func ((GDestroyNotify) dag_value_free);
  dag_stmt_bind_text (stmt, 1, id);
  while ((rc = dag_stmt_step (stmt)) == DAG_STMT_ROW)
    for (guint c = 0; c < rows.n_columns; c++)
      g_ptr_array_add (rows.values, dag_stmt_column_value (stmt, (int) c));
  dag_stmt_reset (stmt);
  if (rc != DAG_STMT_DONE)
    {
      g_ptr_array_unref (rows.values);
      return dag_store_set_error (store, error);
    }
  g_array_append_val (deleted->tables, rows);
  return TRUE;
}

/* Deletes the captured rows, children first (the foreign keys are on). */
static gboolean
delete_rows (DagStore         *store,
             const DagDeleted *deleted,
             GError          **error)
{
  for (guint t = deleted->tables->len; t-- > 0;)
    {
      const DeletedRows *rows = &g_array_index (deleted->tables, DeletedRows, t);
      g_autofree char *sql = g_strdup_printf ("DELETE FROM %s WHERE rowid = ?", rows->table);
      DagStmt *stmt = dag_store_prepare (store, sql, error);

      if (stmt == NULL)
        return FALSE;
      for (guint i = 0; i < rows->values->len; i += rows->n_columns)
        {
          dag_stmt_bind_value (stmt, 1, g_ptr_array_index (rows->values, i));
          if (dag_stmt_step (stmt) != DAG_STMT_DONE)
            {
              dag_store_set_error (store, error);
              dag_stmt_reset (stmt);
              return FALSE;
            }
          dag_stmt_reset (stmt);
        }
    }
  return TRUE;
}

static gboolean
rowid_taken (DagStore     *store,
             const char   *table,
             DagValue *rowid,
             gboolean     *taken,
             GError      **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT 1 FROM %s WHERE rowid = ?", table);
  DagStmt *stmt = dag_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  dag_stmt_bind_value (stmt, 1, rowid);
  rc = dag_stmt_step (stmt);
  dag_stmt_reset (stmt);
  if (rc != DAG_STMT_ROW && rc != DAG_STMT_DONE)
    return dag_store_set_error (store, error);
  *taken = rc == DAG_STMT_ROW;
  return TRUE;
}

static gboolean
insert_rows (DagStore         *store,
             const DagDeleted *deleted,
             GError          **error)
{
  for (guint t = 0; t < deleted->tables->len; t++)
    {
      const DeletedRows *rows = &g_array_index (deleted->tables, DeletedRows, t);
      g_autoptr(GString) sql = g_string_new (NULL);
      DagStmt *stmt;

      g_string_printf (sql, "INSERT INTO %s (%s) VALUES (?", rows->table, rows->columns);
      for (guint c = 1; c < rows->n_columns; c++)
        g_string_append (sql, ", ?");
      g_string_append (sql, ")");
      for (guint i = 0; i < rows->values->len; i += rows->n_columns)
        {
          gboolean taken = FALSE;
          int rc;

          /* A row added since may have taken the old place: then it goes
           * at the end instead. */
          if (!rowid_taken (store, rows->table, g_ptr_array_index (rows->values, i), &taken, error))
            return FALSE;
          stmt = dag_store_prepare (store, sql->str, error);
          if (stmt == NULL)
            return FALSE;
          for (guint c = 0; c < rows->n_columns; c++)
            if (c == 0 && taken)
              dag_stmt_bind_null (stmt, 1);
            else
              dag_stmt_bind_value (stmt, (int) c + 1, g_ptr_array_index (rows->values, i + c));
          rc = dag_stmt_step (stmt);
          if (rc != DAG_STMT_DONE)
            {
              if (dag_stmt_is_constraint (rc) && g_str_equal (rows->table, "participant"))
                g_set_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_CONSTRAINT,
                             _("Id: a participant with this id already exists"));
              else if (dag_stmt_is_constraint (rc) && g_str_equal (rows->table, "indication"))
                g_set_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_CONSTRAINT,
                             _("Id: an indication with this id already exists"));
              else
                dag_store_set_error (store, error);
              dag_stmt_reset (stmt);
              return FALSE;
            }
          dag_stmt_reset (stmt);
        }
    }
  return TRUE;
}

/* Captures and deletes the rows of specs that belong to id, in one
 * transaction with an audit entry; what is the record's kind ("participant"). */
static gboolean
delete_record (DagStore        *store,
               const TableSpec *specs,
               guint            n_specs,
               const char      *what,
               const char      *id,
               DagDeleted     **deleted_out,
               GError         **error)
{
  g_autoptr(DagDeleted) deleted = g_new0 (DagDeleted, 1);
  g_autofree char *action = g_strdup_printf ("delete %s", what);

  deleted->action = g_strdup_printf ("restore %s", what);
  deleted->detail = g_strdup_printf ("%s %s", what, id);
  deleted->tables = g_array_new (FALSE, TRUE, sizeof (DeletedRows));
  g_array_set_clear_func (deleted->tables, deleted_rows_clear);

  if (!dag_store_begin (store, error))
    return FALSE;
  for (guint i = 0; i < n_specs; i++)
    if (!capture_rows (store, deleted, &specs[i], id, error))
      goto fail;
  if (g_array_index (deleted->tables, DeletedRows, 0).values->len == 0)
    {
      if (g_str_equal (what, "participant"))
        g_set_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_NOT_FOUND,
                     _("Id: there is no participant with this id"));
      else
        g_set_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_NOT_FOUND,
                     _("Id: there is no indication with this id"));
      goto fail;
    }
  if (!delete_rows (store, deleted, error) ||
      !dag_store_audit (store, action, deleted->detail, error))
    goto fail;
  if (!dag_store_commit (store, error))
    return FALSE;
  if (deleted_out != NULL)
    *deleted_out = g_steal_pointer (&deleted);
  return TRUE;

fail:
  dag_store_rollback (store);
  return FALSE;
}

/* The number of a declaration with a line that sql (one parameter, id)
 * finds, in *number (NULL when none). */
static gboolean
find_declaration (DagStore   *store,
                  const char *sql,
                  const char *id,
                  char      **number,
                  GError    **error)
{
  DagStmt *stmt = dag_store_prepare (store, sql, error);
  int rc;

  *number = NULL;
  if (stmt == NULL)
    return FALSE;
  dag_stmt_bind_text (stmt, 1, id);
  rc = dag_stmt_step (stmt);
  if (rc == DAG_STMT_ROW)
    *number = g_strdup (dag_stmt_column_text (stmt, 0));
  dag_stmt_reset (stmt);
  if (rc != DAG_STMT_ROW && rc != DAG_STMT_DONE)
    return dag_store_set_error (store, error);
  return TRUE;
}

gboolean
dag_store_check_delete_participant (DagStore   *store,
                                    const char *id,
                                    GError    **error)
{
  DagStmt *stmt;
  g_autofree char *last = NULL;
  int rc;

  g_return_val_if_fail (DAG_IS_STORE (store), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  stmt = dag_store_prepare (store, "SELECT max(date) FROM attendance WHERE participant = ?", error);
  if (stmt == NULL)
    return FALSE;
  dag_stmt_bind_text (stmt, 1, id);
  rc = dag_stmt_step (stmt);
  if (rc == DAG_STMT_ROW && !dag_stmt_column_is_null (stmt, 0))
    last = g_strdup (dag_stmt_column_text (stmt, 0));
  dag_stmt_reset (stmt);
  if (rc != DAG_STMT_ROW)
    return dag_store_set_error (store, error);
  if (last != NULL)
    {
      DagDate date;
      int year = 0;

      if (dag_date_parse (last, &date))
        dag_date_to_ymd (date, &year, NULL, NULL);
      g_set_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_CONSTRAINT,
                   /* Translators: %d is a year.  Attendance is what the
                    * invoices were built on, so it must stay. */
                   _("The participant has attendance registered in %d; end their indications instead"),
                   year);
      return FALSE;
    }
  if (!find_declaration (store, "SELECT l.declaration FROM declaration_line l"
                         " JOIN indication i ON i.id = l.indication WHERE i.participant = ? LIMIT 1",
                         id, &last, error))
    return FALSE;
  if (last != NULL)
    {
      g_set_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_CONSTRAINT,
                   /* Translators: %s is the number of a declaration (iWmo DeclaratieNummer) */
                   _("The participant was declared to the municipality (declaration %s); "
                     "end their indications instead"), last);
      return FALSE;
    }
  return TRUE;
}

gboolean
dag_store_delete_participant (DagStore    *store,
                              const char  *id,
                              DagDeleted **deleted,
                              GError     **error)
{
  g_return_val_if_fail (DAG_IS_STORE (store), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  if (!dag_store_begin (store, error))
    return FALSE;
  if (!dag_store_check_delete_participant (store, id, error) ||
      !delete_record (store, participant_tables, G_N_ELEMENTS (participant_tables),
                      "participant", id, deleted, error))
    {
      dag_store_rollback (store);
      return FALSE;
    }
  return dag_store_commit (store, error);
}

gboolean
dag_store_delete_indication (DagStore    *store,
                             const char  *id,
                             DagDeleted **deleted,
                             GError     **error)
{
  g_autofree char *number = NULL;

  g_return_val_if_fail (DAG_IS_STORE (store), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  if (!find_declaration (store, "SELECT declaration FROM declaration_line WHERE indication = ? LIMIT 1",
                         id, &number, error))
    return FALSE;
  if (number != NULL)
    {
      g_set_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_CONSTRAINT,
                   /* Translators: %s is the number of a declaration (iWmo DeclaratieNummer) */
                   _("The indication was declared to the municipality (declaration %s); end it instead"),
                   number);
      return FALSE;
    }
  return delete_record (store, indication_tables, G_N_ELEMENTS (indication_tables),
                        "indication", id, deleted, error);
}

gboolean
dag_store_restore_deleted (DagStore         *store,
                           const DagDeleted *deleted,
                           GError          **error)
{
  g_return_val_if_fail (DAG_IS_STORE (store), FALSE);
  g_return_val_if_fail (deleted != NULL, FALSE);

  if (!dag_store_begin (store, error))
    return FALSE;
  if (!insert_rows (store, deleted, error) ||
      !dag_store_audit (store, deleted->action, deleted->detail, error))
    {
      dag_store_rollback (store);
      return FALSE;
    }
  return dag_store_commit (store, error);
}

/* ---- indications -------------------------------------------------------- */

int
dag_contract_find_product (const DagContract *contract,
                           const char        *product)
{
  g_return_val_if_fail (contract != NULL, -1);

  for (guint i = 0; product && i < contract->products->len; i++)
    if (strcmp (DAG_AT (contract->products, DagProduct, i)->product, product) == 0)
      return (int) i;
  return -1;
}

gboolean
dag_validate_volume_band (int           units,
                          DagVolumePer  per,
                          int           min_units,
                          GError      **error)
{
  if (min_units < 0)
    return TRUE;
  if (per != DAG_PER_WEEK)
    {
      g_set_error_literal (error, DAG_VALIDATE_ERROR, DAG_VALIDATE_ERROR_INVALID,
                           _("is only possible with a volume per week"));
      return FALSE;
    }
  if (min_units > units)
    {
      g_set_error (error, DAG_VALIDATE_ERROR, DAG_VALIDATE_ERROR_INVALID,
                   /* Translators: %d is the minimum of a weekly band. */
                   _("is less than the weekly minimum of %d"), min_units);
      return FALSE;
    }
  return TRUE;
}

gboolean
dag_store_check_indication (const DagOrg        *org,
                            const DagIndication *ind,
                            GError             **error)
{
  g_autoptr(GError) local = NULL;
  const DagParticipant *p;
  const DagContract *c;

  g_return_val_if_fail (org != NULL && ind != NULL, FALSE);

  if (!dag_validate_id (ind->id, &local))
    return field_error (error, _("Id"), local->message);
  if (ind->participant < 0 || (guint) ind->participant >= org->participants->len)
    return field_error (error, _("Participant"), _("there is no such participant"));
  p = DAG_AT (org->participants, DagParticipant, ind->participant);
  if (ind->contract < 0 || (guint) ind->contract >= org->contracts->len)
    return field_error (error, _("Product"), _("is not a product of any contract"));
  c = DAG_AT (org->contracts, DagContract, ind->contract);
  if (ind->product < 0 || (guint) ind->product >= c->products->len)
    return field_error (error, _("Product"), _("is not a product of any contract"));
  if (c->municipality != p->municipality)
    return field_error (error, _("Product"), _("is not in a contract with the participant’s municipality"));
  if (dag_org_find_level (org, ind->level) == NULL)
    return field_error (error, _("Level"), _("is not one of the levels in the settings"));
  if (is_blank (ind->allocation_number))
    return field_error (error, _("Allocation number"), _("is empty"));
  if (!dag_validate_text (ind->allocation_number, DAG_TEXT_MAX_OTHER, &local))
    return field_error (error, _("Allocation number"), local->message);
  if (ind->start == DAG_DATE_NONE || !g_date_valid_julian (ind->start))
    return field_error (error, _("Start"), _("is not a date"));
  if (ind->end == DAG_DATE_NONE || !g_date_valid_julian (ind->end))
    return field_error (error, _("End"), _("is not a date"));
  if (!dag_validate_period (ind->start, ind->end, &local))
    return field_error (error, _("End"), local->message);
  if (ind->per != DAG_PER_WEEK && ind->per != DAG_PER_MONTH && ind->per != DAG_PER_PERIOD)
    return field_error (error, _("Volume"), _("is neither per week, per month nor per period"));
  if (!dag_validate_volume (ind->units, ind->per, &local) ||
      !dag_validate_volume_band (ind->units, ind->per, ind->min_units, &local))
    return field_error (error, _("Volume"), local->message);
  return TRUE;
}

static gboolean
write_indication (DagStore            *store,
                  const DagOrg        *org,
                  const DagIndication *ind,
                  gboolean             add,
                  GError             **error)
{
  static const char *const per_names[] = { "week", "month", "period" };
  static const char *update_sql =
    "UPDATE indication SET participant = ?2, contract = ?3, product = ?4, level = ?5,"
    " allocation_number = ?6, start_date = ?7, end_date = ?8, units = ?9, per = ?10, min_units = ?11"
    " WHERE id = ?1";
  static const char *insert_sql =
    "INSERT INTO indication (id, participant, contract, product, level, allocation_number, start_date,"
    " end_date, units, per, min_units) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)";
  const DagContract *c;
  char start[DAG_DATE_BUF], end[DAG_DATE_BUF];
  g_autofree char *key = NULL;
  DagStmt *stmt;

  if (!dag_store_check_indication (org, ind, error))
    return FALSE;
  c = DAG_AT (org->contracts, DagContract, ind->contract);
  if (!dag_store_begin (store, error))
    return FALSE;
  /* The indication as read: another process's edit of it since would be
   * undone (of another one it would not). */
  key = g_strconcat ("indication:", ind->id, NULL);
  dag_store_touch_key (store, DAG_SECTION_MASTER, key);
  if (!add && !dag_store_check_current_key (store, DAG_SECTION_MASTER, key, error))
    goto fail;
  stmt = dag_store_prepare (store, add ? insert_sql : update_sql, error);
  if (stmt == NULL)
    goto fail;
  dag_stmt_bind_text (stmt, 1, ind->id);
  dag_stmt_bind_text (stmt, 2, DAG_AT (org->participants, DagParticipant, ind->participant)->id);
  dag_stmt_bind_text (stmt, 3, c->id);
  dag_stmt_bind_text (stmt, 4, DAG_AT (c->products, DagProduct, ind->product)->product);
  dag_stmt_bind_int (stmt, 5, ind->level);
  dag_stmt_bind_text (stmt, 6, ind->allocation_number);
  dag_stmt_bind_text (stmt, 7, dag_date_format (ind->start, start));
  dag_stmt_bind_text (stmt, 8, dag_date_format (ind->end, end));
  dag_stmt_bind_int (stmt, 9, ind->units);
  dag_stmt_bind_text (stmt, 10, per_names[ind->per]);
  if (ind->min_units >= 0)
    dag_stmt_bind_int (stmt, 11, ind->min_units);
  else
    dag_stmt_bind_null (stmt, 11);
  if (!finish_write (store, stmt, add, "indication", ind->id,
                     _("Id: an indication with this id already exists"),
                     _("Id: there is no indication with this id"), error))
    goto fail;
  return dag_store_commit (store, error);

fail:
  dag_store_rollback (store);
  return FALSE;
}

gboolean
dag_store_add_indication (DagStore            *store,
                          const DagOrg        *org,
                          const DagIndication *ind,
                          GError             **error)
{
  g_return_val_if_fail (DAG_IS_STORE (store), FALSE);
  return write_indication (store, org, ind, TRUE, error);
}

gboolean
dag_store_update_indication (DagStore            *store,
                             const DagOrg        *org,
                             const DagIndication *ind,
                             GError             **error)
{
  g_return_val_if_fail (DAG_IS_STORE (store), FALSE);
  return write_indication (store, org, ind, FALSE, error);
}

char *
dag_edit_unused_id (DagOrg     *org,
                    DagKind     kind,
                    const char *prefix,
                    int         width)
{
  GArray *records = kind == DAG_KIND_PARTICIPANT ? org->participants : org->indications;

  g_return_val_if_fail (kind == DAG_KIND_PARTICIPANT || kind == DAG_KIND_INDICATION, NULL);

  for (guint n = records->len + 1;; n++)
    {
      char *id = g_strdup_printf ("%s%0*u", prefix, width, n);

      if (dag_org_lookup (org, kind, id) < 0)
        return id;
      g_free (id);
    }
}
