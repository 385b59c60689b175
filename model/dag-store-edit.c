/* dag-store-edit.c — validated single-record edits of participants, each one
 * transaction with an audit entry. */

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
  if (address == NULL)
    return TRUE;

  /* Look for four digits standing alone, a space and two letters: that is
   * where a person wrote the postcode, and it has to be a real one. */
  for (const char *s = address; *s; s++)
    {
      char code[8];

      if (s > address && g_ascii_isdigit (s[-1]))
        continue;
      if (!(g_ascii_isdigit (s[0]) && g_ascii_isdigit (s[1]) && g_ascii_isdigit (s[2])
            && g_ascii_isdigit (s[3]) && s[4] == ' ' && g_ascii_isalpha (s[5])
            && g_ascii_isalpha (s[6]) && !g_ascii_isalnum (s[7])))
        continue;
      memcpy (code, s, 7);
      code[7] = '\0';
      return dag_validate_postcode (code, error);
    }
  return TRUE;
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
  sqlite3_stmt *stmt = dag_store_prepare (store, "SELECT code FROM municipality ORDER BY rowid LIMIT 1 OFFSET ?", error);
  char *code = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, i);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    code = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  else if (rc != SQLITE_DONE)
    dag_store_set_error (store, error);
  sqlite3_reset (stmt);
  if (code == NULL && rc == SQLITE_DONE)
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
  if (!dag_validate_bsn (p->bsn, &local))
    return field_error (error, _("BSN"), local->message);
  if (p->birth_date == DAG_DATE_NONE || !g_date_valid_julian (p->birth_date))
    return field_error (error, _("Birth date"), _("is not a date"));
  if (p->birth_date > dag_date_today ())
    return field_error (error, _("Birth date"), _("lies in the future"));
  if (is_blank (p->address))
    return field_error (error, _("Address"), _("is empty"));
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
  g_autofree char *detail = NULL;
  char date[DAG_DATE_BUF];
  sqlite3_stmt *stmt;
  int rc;

  if (!dag_store_check_participant (store, p, error))
    return FALSE;
  code = municipality_code (store, p->municipality, error);
  if (code == NULL)
    return FALSE;
  if (!dag_store_begin (store, error))
    return FALSE;
  stmt = dag_store_prepare (store, add ? insert_sql : update_sql, error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, p->id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, p->name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, dag_date_format (p->birth_date, date), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, p->bsn, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, p->address, -1, SQLITE_TRANSIENT);
  if (p->has_coords)
    {
      sqlite3_bind_double (stmt, 6, p->lat);
      sqlite3_bind_double (stmt, 7, p->lon);
    }
  sqlite3_bind_text (stmt, 8, code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 9, p->transport == DAG_TRANSPORT_BUS ? "bus" : "own", -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 10, p->wheelchair ? 1 : 0);
  sqlite3_bind_int (stmt, 11, (int) p->unavailable);
  sqlite3_bind_int (stmt, 12, p->preferred_days);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      if ((rc & 0xff) == SQLITE_CONSTRAINT)
        g_set_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_CONSTRAINT,
                     _("Id: a participant with this id already exists"));
      else
        dag_store_set_error (store, error);
      sqlite3_reset (stmt);
      goto fail;
    }
  sqlite3_reset (stmt);
  if (!add && sqlite3_changes (dag_store_get_db (store)) == 0)
    {
      g_set_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_NOT_FOUND,
                   _("Id: there is no participant with this id"));
      goto fail;
    }
  detail = g_strdup_printf ("participant %s", p->id);
  if (!dag_store_audit (store, add ? "add participant" : "edit participant", detail, error))
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
