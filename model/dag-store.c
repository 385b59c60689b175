/* dag-store.c — the SQLite store: open with mode 0600, migrate, transactions,
 * the statement cache and the audit log. */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sys/stat.h>

#include "dag-store-private.h"

struct _DagStore
{
  GObject     parent_instance;
  char       *path;
  sqlite3    *db;
  GHashTable *statements;   /* sql → sqlite3_stmt* */
  int         depth;        /* nesting of dag_store_begin() */
  gboolean    failed;       /* a nested part rolled back */
};

G_DEFINE_TYPE (DagStore, dag_store, G_TYPE_OBJECT)
G_DEFINE_QUARK (dag-store-error-quark, dag_store_error)

/* Each migration brings the schema from version i to i + 1.  Never edit a
 * migration that has shipped; add one. */
static const char *const migrations[] = {
  /* 0 → 1: the whole domain. */
  "CREATE TABLE organisation ("
  "  id INTEGER PRIMARY KEY CHECK (id = 1),"
  "  name TEXT NOT NULL,"
  "  agb_code TEXT NOT NULL);"
  "CREATE TABLE settings ("
  "  id INTEGER PRIMARY KEY CHECK (id = 1),"
  "  slot_minutes INTEGER NOT NULL CHECK (slot_minutes > 0),"
  "  max_ride_minutes INTEGER NOT NULL CHECK (max_ride_minutes > 0),"
  "  early_arrival_minutes INTEGER NOT NULL CHECK (early_arrival_minutes >= 0),"
  "  road_factor REAL NOT NULL CHECK (road_factor > 0),"
  "  speed_kmh REAL NOT NULL CHECK (speed_kmh > 0),"
  "  hbo_from_level INTEGER NOT NULL,"
  "  min_unit_fraction REAL NOT NULL CHECK (min_unit_fraction > 0 AND min_unit_fraction <= 1),"
  "  holiday_good_friday INTEGER NOT NULL DEFAULT 0,"
  "  holiday_liberation_day INTEGER NOT NULL DEFAULT 0);"
  "CREATE TABLE level ("
  "  level INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL,"
  "  ratio INTEGER NOT NULL CHECK (ratio > 0));"
  "CREATE TABLE municipality ("
  "  code TEXT PRIMARY KEY,"
  "  name TEXT NOT NULL);"
  "CREATE TABLE contract ("
  "  id TEXT PRIMARY KEY,"
  "  municipality TEXT NOT NULL REFERENCES municipality (code),"
  "  noshow_billable INTEGER NOT NULL DEFAULT 0);"
  "CREATE TABLE product ("
  "  contract TEXT NOT NULL REFERENCES contract (id),"
  "  product TEXT NOT NULL,"
  "  code TEXT NOT NULL,"
  "  name TEXT NOT NULL,"
  "  unit TEXT NOT NULL,"
  "  tariff_cents INTEGER NOT NULL CHECK (tariff_cents >= 0),"
  "  PRIMARY KEY (contract, product));"
  "CREATE TABLE staffel ("
  "  contract TEXT NOT NULL,"
  "  product TEXT NOT NULL,"
  "  from_unit INTEGER NOT NULL CHECK (from_unit > 1),"
  "  tariff_cents INTEGER NOT NULL CHECK (tariff_cents >= 0),"
  "  PRIMARY KEY (contract, product, from_unit),"
  "  FOREIGN KEY (contract, product) REFERENCES product (contract, product));"
  "CREATE TABLE location ("
  "  id TEXT PRIMARY KEY,"
  "  name TEXT NOT NULL,"
  "  address TEXT NOT NULL,"
  "  lat REAL NOT NULL,"
  "  lon REAL NOT NULL);"
  "CREATE TABLE location_part ("
  "  location TEXT NOT NULL REFERENCES location (id),"
  "  part INTEGER NOT NULL CHECK (part BETWEEN 0 AND 2),"
  "  start_minute INTEGER NOT NULL,"
  "  end_minute INTEGER NOT NULL CHECK (end_minute > start_minute),"
  "  PRIMARY KEY (location, part));"
  "CREATE TABLE closure ("
  "  location TEXT NOT NULL REFERENCES location (id),"
  "  date TEXT NOT NULL,"
  "  PRIMARY KEY (location, date));"
  /* slots and availability columns are DagSlotMask bit sets. */
  "CREATE TABLE grp ("
  "  id TEXT PRIMARY KEY,"
  "  location TEXT NOT NULL REFERENCES location (id),"
  "  name TEXT NOT NULL,"
  "  min_level INTEGER NOT NULL,"
  "  max_level INTEGER NOT NULL CHECK (max_level >= min_level),"
  "  capacity INTEGER NOT NULL CHECK (capacity > 0),"
  "  slots INTEGER NOT NULL);"
  "CREATE TABLE group_product ("
  "  grp TEXT NOT NULL REFERENCES grp (id),"
  "  product TEXT NOT NULL,"
  "  PRIMARY KEY (grp, product));"
  "CREATE TABLE staff ("
  "  id TEXT PRIMARY KEY,"
  "  name TEXT NOT NULL,"
  "  qualification TEXT NOT NULL CHECK (qualification IN ('HBO', 'MBO', 'volunteer')),"
  "  contract_hours INTEGER NOT NULL CHECK (contract_hours >= 0),"
  "  available INTEGER NOT NULL,"
  "  driver INTEGER NOT NULL DEFAULT 0,"
  "  email TEXT);"
  "CREATE TABLE vehicle ("
  "  id TEXT PRIMARY KEY,"
  "  name TEXT NOT NULL,"
  "  seats INTEGER NOT NULL CHECK (seats > 0),"
  "  wheelchair_places INTEGER NOT NULL CHECK (wheelchair_places >= 0),"
  "  location TEXT NOT NULL REFERENCES location (id),"
  "  cost_per_km_cents INTEGER NOT NULL CHECK (cost_per_km_cents >= 0));"
  "CREATE TABLE participant ("
  "  id TEXT PRIMARY KEY,"
  "  name TEXT NOT NULL,"
  "  birth_date TEXT NOT NULL,"
  "  bsn TEXT NOT NULL,"
  "  address TEXT NOT NULL,"
  "  lat REAL,"
  "  lon REAL,"
  "  municipality TEXT NOT NULL REFERENCES municipality (code),"
  "  transport TEXT NOT NULL CHECK (transport IN ('own', 'bus')),"
  "  wheelchair INTEGER NOT NULL DEFAULT 0,"
  "  unavailable INTEGER NOT NULL DEFAULT 0,"
  "  preferred_days INTEGER NOT NULL DEFAULT 0);"
  "CREATE INDEX participant_name ON participant (name);"
  "CREATE TABLE indication ("
  "  id TEXT PRIMARY KEY,"
  "  participant TEXT NOT NULL REFERENCES participant (id),"
  "  contract TEXT NOT NULL,"
  "  product TEXT NOT NULL,"
  "  level INTEGER NOT NULL,"
  "  allocation_number TEXT NOT NULL,"
  "  start_date TEXT NOT NULL,"
  "  end_date TEXT NOT NULL CHECK (end_date >= start_date),"
  "  units INTEGER NOT NULL CHECK (units > 0),"
  "  per TEXT NOT NULL CHECK (per IN ('week', 'month', 'period')),"
  "  min_units INTEGER,"
  "  FOREIGN KEY (contract, product) REFERENCES product (contract, product));"
  "CREATE INDEX indication_participant ON indication (participant);"
  "CREATE TABLE plan ("
  "  participant TEXT NOT NULL REFERENCES participant (id),"
  "  grp TEXT NOT NULL REFERENCES grp (id),"
  "  slot INTEGER NOT NULL CHECK (slot BETWEEN 0 AND 17),"
  "  PRIMARY KEY (participant, slot));"
  "CREATE INDEX plan_group ON plan (grp, slot);"
  "CREATE TABLE staffing ("
  "  staff TEXT NOT NULL REFERENCES staff (id),"
  "  grp TEXT NOT NULL REFERENCES grp (id),"
  "  slot INTEGER NOT NULL CHECK (slot BETWEEN 0 AND 17),"
  "  PRIMARY KEY (staff, slot));"
  "CREATE TABLE absence ("
  "  id INTEGER PRIMARY KEY,"
  "  participant TEXT NOT NULL REFERENCES participant (id),"
  "  from_date TEXT NOT NULL,"
  "  to_date TEXT NOT NULL CHECK (to_date >= from_date),"
  "  reason TEXT);"
  "CREATE TABLE attendance ("
  "  participant TEXT NOT NULL REFERENCES participant (id),"
  "  date TEXT NOT NULL,"
  "  part INTEGER NOT NULL CHECK (part BETWEEN 0 AND 2),"
  "  status TEXT NOT NULL CHECK (status IN ('present', 'cancelled', 'no_show')),"
  "  minutes INTEGER CHECK (minutes >= 0),"
  "  reason TEXT,"
  "  PRIMARY KEY (participant, date, part));"
  "CREATE INDEX attendance_date ON attendance (date);"
  "CREATE TABLE run ("
  "  id TEXT PRIMARY KEY,"
  "  date TEXT NOT NULL,"
  "  vehicle TEXT NOT NULL REFERENCES vehicle (id),"
  "  driver TEXT REFERENCES staff (id),"
  "  location TEXT NOT NULL REFERENCES location (id),"
  "  direction TEXT NOT NULL CHECK (direction IN ('to', 'from')),"
  "  minute INTEGER NOT NULL);"
  "CREATE INDEX run_date ON run (date);"
  "CREATE TABLE run_stop ("
  "  run TEXT NOT NULL REFERENCES run (id),"
  "  seq INTEGER NOT NULL,"
  "  participant TEXT NOT NULL REFERENCES participant (id),"
  "  minute INTEGER NOT NULL,"
  "  PRIMARY KEY (run, seq));"
  "CREATE TABLE travel_time ("
  "  from_id TEXT NOT NULL,"
  "  to_id TEXT NOT NULL,"
  "  minutes REAL NOT NULL CHECK (minutes >= 0),"
  "  km REAL NOT NULL CHECK (km >= 0),"
  "  PRIMARY KEY (from_id, to_id));"
  "CREATE TABLE audit ("
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  at TEXT NOT NULL,"
  "  who TEXT NOT NULL,"
  "  action TEXT NOT NULL,"
  "  detail TEXT);",
  /* 1 → 2: what each exported calendar event last looked like, so a
   * re-export keeps its SEQUENCE and DTSTAMP unless its content changed. */
  "CREATE TABLE ical_event ("
  "  uid TEXT PRIMARY KEY,"
  "  hash TEXT NOT NULL,"
  "  sequence INTEGER NOT NULL,"
  "  changed TEXT NOT NULL);",
  /* 2 → 3: the plan and the staffing are dated (from a Monday, until a
   * Sunday, NULL = open), so a change from week N keeps the weeks before
   * as they were; existing entries apply from the Monday of the earliest
   * date in use.  One-off changes and staff absences are new. */
  "CREATE TEMP TABLE earliest AS SELECT MIN(d) AS d FROM ("
  "  SELECT MIN(date) AS d FROM attendance UNION ALL"
  "  SELECT MIN(date) FROM run UNION ALL"
  "  SELECT MIN(from_date) FROM absence UNION ALL"
  "  SELECT MIN(start_date) FROM indication);"
  "UPDATE earliest SET d = date(d, '-' || ((CAST(strftime('%w', d) AS INTEGER) + 6) % 7) || ' days')"
  "  WHERE d IS NOT NULL;"
  "CREATE TABLE plan_dated ("
  "  participant TEXT NOT NULL REFERENCES participant (id),"
  "  grp TEXT NOT NULL REFERENCES grp (id),"
  "  slot INTEGER NOT NULL CHECK (slot BETWEEN 0 AND 17),"
  "  from_date TEXT,"
  "  until_date TEXT CHECK (until_date IS NULL OR from_date IS NULL OR until_date >= from_date));"
  "INSERT INTO plan_dated SELECT participant, grp, slot, (SELECT d FROM earliest), NULL"
  "  FROM plan ORDER BY rowid;"
  "DROP TABLE plan;"
  "ALTER TABLE plan_dated RENAME TO plan;"
  "CREATE INDEX plan_group ON plan (grp, slot);"
  "CREATE INDEX plan_participant ON plan (participant, slot);"
  "CREATE TABLE staffing_dated ("
  "  staff TEXT NOT NULL REFERENCES staff (id),"
  "  grp TEXT NOT NULL REFERENCES grp (id),"
  "  slot INTEGER NOT NULL CHECK (slot BETWEEN 0 AND 17),"
  "  from_date TEXT,"
  "  until_date TEXT CHECK (until_date IS NULL OR from_date IS NULL OR until_date >= from_date));"
  "INSERT INTO staffing_dated SELECT staff, grp, slot, (SELECT d FROM earliest), NULL"
  "  FROM staffing ORDER BY rowid;"
  "DROP TABLE staffing;"
  "ALTER TABLE staffing_dated RENAME TO staffing;"
  "CREATE INDEX staffing_staff ON staffing (staff, slot);"
  "DROP TABLE earliest;"
  "CREATE TABLE one_off ("
  "  id INTEGER PRIMARY KEY,"
  "  kind TEXT NOT NULL CHECK (kind IN ('add', 'cancel')),"
  "  participant TEXT REFERENCES participant (id),"
  "  staff TEXT REFERENCES staff (id),"
  "  date TEXT NOT NULL,"
  "  part INTEGER NOT NULL CHECK (part BETWEEN 0 AND 2),"
  "  grp TEXT REFERENCES grp (id),"
  "  reason TEXT,"
  "  CHECK ((participant IS NULL) <> (staff IS NULL)),"
  "  CHECK (kind = 'cancel' OR grp IS NOT NULL));"
  "CREATE INDEX one_off_date ON one_off (date);"
  "CREATE TABLE staff_absence ("
  "  id INTEGER PRIMARY KEY,"
  "  staff TEXT NOT NULL REFERENCES staff (id),"
  "  from_date TEXT NOT NULL,"
  "  to_date TEXT NOT NULL CHECK (to_date >= from_date),"
  "  reason TEXT);",
  /* 3 → 4: the carriers' ride rule and boarding times, and the hours a
   * vehicle is available (minutes after midnight; 0 is no limit).  The
   * defaults are what stores made before meant. */
  "ALTER TABLE settings ADD COLUMN ride_factor REAL NOT NULL DEFAULT 0 CHECK (ride_factor >= 0);"
  "ALTER TABLE settings ADD COLUMN ride_extra_minutes INTEGER NOT NULL DEFAULT 0"
  "  CHECK (ride_extra_minutes >= 0);"
  "ALTER TABLE settings ADD COLUMN boarding_minutes INTEGER NOT NULL DEFAULT 0"
  "  CHECK (boarding_minutes >= 0);"
  "ALTER TABLE settings ADD COLUMN boarding_wheelchair_minutes INTEGER NOT NULL DEFAULT 0"
  "  CHECK (boarding_wheelchair_minutes >= 0);"
  "ALTER TABLE vehicle ADD COLUMN available_from INTEGER NOT NULL DEFAULT 0"
  "  CHECK (available_from >= 0);"
  "ALTER TABLE vehicle ADD COLUMN available_until INTEGER NOT NULL DEFAULT 0"
  "  CHECK (available_until >= 0);",
  /* 4 → 5: the declarations sent to municipalities (iWmo WMO323), so a
   * declared month stays final and can be corrected with credit lines. */
  "CREATE TABLE declaration ("
  "  number TEXT PRIMARY KEY,"
  "  municipality TEXT NOT NULL REFERENCES municipality (code),"
  "  month TEXT NOT NULL,"
  "  written TEXT NOT NULL,"
  "  sent TEXT CHECK (sent IS NULL OR sent >= written));"
  "CREATE INDEX declaration_month ON declaration (month);"
  "CREATE TABLE declaration_line ("
  "  declaration TEXT NOT NULL REFERENCES declaration (number),"
  "  seq INTEGER NOT NULL,"
  "  reference TEXT NOT NULL UNIQUE,"
  "  indication TEXT NOT NULL REFERENCES indication (id),"
  "  product_code TEXT NOT NULL,"
  "  period_start TEXT NOT NULL,"
  "  period_end TEXT NOT NULL CHECK (period_end >= period_start),"
  "  units INTEGER NOT NULL CHECK (units >= 0),"
  "  tariff_cents INTEGER NOT NULL CHECK (tariff_cents >= 0),"
  "  amount_cents INTEGER NOT NULL CHECK (amount_cents = units * tariff_cents),"
  "  debit_credit TEXT NOT NULL CHECK (debit_credit IN ('D', 'C')),"
  "  corrects TEXT REFERENCES declaration_line (reference),"
  "  response_code TEXT,"
  "  response_accepted INTEGER CHECK ((response_code IS NULL) = (response_accepted IS NULL)),"
  "  PRIMARY KEY (declaration, seq));"
  "CREATE INDEX declaration_line_indication ON declaration_line (indication);"
  /* Deleting lines checks who corrects them: without it every save of
   * the ledger is quadratic. */
  "CREATE INDEX declaration_line_corrects ON declaration_line (corrects);"
  "ALTER TABLE product ADD COLUMN category TEXT;"
  "ALTER TABLE product ADD COLUMN unit_code TEXT;"
  "ALTER TABLE staffel ADD COLUMN code TEXT;",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == DAG_STORE_SCHEMA_VERSION);

static void
dag_store_finalize (GObject *object)
{
  DagStore *self = DAG_STORE (object);

  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    sqlite3_close (self->db);
  g_free (self->path);

  G_OBJECT_CLASS (dag_store_parent_class)->finalize (object);
}

static void
dag_store_class_init (DagStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dag_store_finalize;
}

static void
dag_store_init (DagStore *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            (GDestroyNotify) sqlite3_finalize);
}

sqlite3 *
dag_store_get_db (DagStore *self)
{
  return self->db;
}

const char *
dag_store_get_path (DagStore *self)
{
  g_return_val_if_fail (DAG_IS_STORE (self), NULL);
  return self->path;
}

gboolean
dag_store_set_error (DagStore *self,
                     GError  **error)
{
  int code = sqlite3_extended_errcode (self->db);
  int primary = code & 0xff;

  g_set_error (error, DAG_STORE_ERROR,
               primary == SQLITE_CONSTRAINT ? DAG_STORE_ERROR_CONSTRAINT : DAG_STORE_ERROR_SQL,
               _("Database error: %s"), sqlite3_errmsg (self->db));
  return FALSE;
}

gboolean
dag_store_exec (DagStore   *self,
                const char *sql,
                GError    **error)
{
  char *message = NULL;

  if (sqlite3_exec (self->db, sql, NULL, NULL, &message) != SQLITE_OK)
    {
      g_set_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_SQL,
                   _("Database error: %s"), message ? message : "?");
      sqlite3_free (message);
      return FALSE;
    }
  return TRUE;
}

sqlite3_stmt *
dag_store_prepare (DagStore   *self,
                   const char *sql,
                   GError    **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }
  if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    {
      dag_store_set_error (self, error);
      return NULL;
    }
  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

static int
query_int (DagStore   *self,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  int value = -1;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

int
dag_store_get_schema_version (DagStore *self)
{
  return query_int (self, "PRAGMA user_version");
}

static gboolean
migrate (DagStore *self,
         GError  **error)
{
  int version = dag_store_get_schema_version (self);

  if (version > DAG_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_VERSION,
                   _("The database was made by a newer version of Dagritme (schema %d; this version knows up to %d)"),
                   version, DAG_STORE_SCHEMA_VERSION);
      return FALSE;
    }

  for (; version < DAG_STORE_SCHEMA_VERSION; version++)
    {
      g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %d", version + 1);

      if (!dag_store_begin (self, error))
        return FALSE;
      if (!dag_store_exec (self, migrations[version], error) ||
          !dag_store_exec (self, bump, error))
        {
          dag_store_rollback (self);
          return FALSE;
        }
      if (!dag_store_commit (self, error))
        return FALSE;
    }
  return TRUE;
}

char *
dag_store_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "dagritme", "dagritme.db", NULL);
}

DagStore *
dag_store_open (const char *path,
                GError    **error)
{
  g_autoptr(DagStore) self = NULL;
  g_autofree char *dir = NULL;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);

  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_OPEN,
                   _("Cannot create the folder %s: %s"), dir, g_strerror (saved));
      return NULL;
    }

  /* Create the file ourselves so it is never readable by others, whatever
   * the umask; SQLite gives the -wal and -shm files the same mode.  Only a
   * new file is opened and closed here: closing a descriptor of a file
   * drops every POSIX lock this process holds on it, which would break
   * another connection of this process (the GUI exports calendars on a
   * thread with a connection of its own). */
  fd = g_open (path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd >= 0)
    close (fd);
  else if (errno != EEXIST)
    {
      int saved = errno;
      g_set_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_OPEN,
                   _("Cannot open the database %s: %s"), path, g_strerror (saved));
      return NULL;
    }
  else
    {
      /* A file made by someone else's tool may be readable by others: it
       * holds BSNs and health data, so it becomes the owner's only. */
      GStatBuf st;

      if (g_stat (path, &st) == 0 && (st.st_mode & 077) != 0)
        g_chmod (path, st.st_mode & 0700);
    }

  self = g_object_new (DAG_TYPE_STORE, NULL);
  self->path = g_strdup (path);

  if (sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
    {
      g_set_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_OPEN,
                   _("Cannot open the database %s: %s"), path,
                   self->db ? sqlite3_errmsg (self->db) : g_strerror (ENOMEM));
      return NULL;
    }
  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, 5000);

  /* A file that is not a database shows up at the first statement. */
  if (!dag_store_exec (self, "PRAGMA foreign_keys = ON;"
                             "PRAGMA temp_store = MEMORY;", error))
    return NULL;
  if (query_int (self, "PRAGMA foreign_keys") != 1 ||
      sqlite3_exec (self->db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL) != SQLITE_OK ||
      dag_store_get_schema_version (self) < 0)
    {
      g_set_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_OPEN,
                   _("%s is not a Dagritme database: %s"), path, sqlite3_errmsg (self->db));
      return NULL;
    }
  if (!dag_store_exec (self, "PRAGMA synchronous = NORMAL;", error))
    return NULL;

  if (!migrate (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

gboolean
dag_store_begin (DagStore *self,
                 GError  **error)
{
  g_return_val_if_fail (DAG_IS_STORE (self), FALSE);

  if (self->depth++ > 0)
    return TRUE;
  self->failed = FALSE;
  if (!dag_store_exec (self, "BEGIN IMMEDIATE", error))
    {
      self->depth = 0;
      return FALSE;
    }
  return TRUE;
}

gboolean
dag_store_commit (DagStore *self,
                  GError  **error)
{
  g_return_val_if_fail (DAG_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->depth > 0, FALSE);

  if (--self->depth > 0)
    return TRUE;
  if (self->failed)
    {
      dag_store_exec (self, "ROLLBACK", NULL);
      g_set_error_literal (error, DAG_STORE_ERROR, DAG_STORE_ERROR_SQL,
                           _("The change was undone because a part of it failed"));
      return FALSE;
    }
  if (!dag_store_exec (self, "COMMIT", error))
    {
      dag_store_exec (self, "ROLLBACK", NULL);
      return FALSE;
    }
  return TRUE;
}

void
dag_store_rollback (DagStore *self)
{
  g_return_if_fail (DAG_IS_STORE (self));
  g_return_if_fail (self->depth > 0);

  if (--self->depth > 0)
    {
      self->failed = TRUE;
      return;
    }
  dag_store_exec (self, "ROLLBACK", NULL);
}

gboolean
dag_store_audit (DagStore   *self,
                 const char *action,
                 const char *detail,
                 GError    **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *at = g_date_time_format_iso8601 (now);
  sqlite3_stmt *stmt;

  stmt = dag_store_prepare (self, "INSERT INTO audit (at, who, action, detail) VALUES (?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, at, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, g_get_user_name (), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, action, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, detail, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return dag_store_set_error (self, error);
  return TRUE;
}

gint64
dag_store_count_audit (DagStore *self,
                       GError  **error)
{
  sqlite3_stmt *stmt = dag_store_prepare (self, "SELECT count(*) FROM audit", error);

  if (stmt == NULL)
    return -1;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return dag_store_set_error (self, error) ? -1 : -1;
  return sqlite3_column_int64 (stmt, 0);
}

gboolean
dag_store_is_empty (DagStore *self,
                    gboolean *empty,
                    GError  **error)
{
  sqlite3_stmt *stmt = dag_store_prepare (self, "SELECT count(*) FROM organisation", error);

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return dag_store_set_error (self, error);
  *empty = sqlite3_column_int (stmt, 0) == 0;
  return TRUE;
}
