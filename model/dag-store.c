/* dag-store.c — the store: open (an SQLite file with mode 0600, or a
 * PostgreSQL database), migrate, transactions, the statement cache,
 * revisions and the audit log.  PostgreSQL-only SQL is in dag-store-pg.c. */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "dag-item-format.h"
#include "dag-store-backend.h"

struct _DagStore
{
  GObject     parent_instance;
  char       *path;         /* the file, or the URI without its password */
  char       *location;     /* what was opened, password and all (PostgreSQL) */
  sqlite3    *db;
  PGconn     *pg;           /* instead of db for a PostgreSQL database */
  GHashTable *statements;   /* sql → DagStmt* */
  GHashTable *sources;      /* table → what this user reads of it (PostgreSQL) */
  int         pg_code;      /* of the last PostgreSQL error, SQLite-like */
  char       *pg_message;
  gint64      pg_changes;   /* rows changed by the last statement */
  gint64      pg_total_changes;
  guint       pg_statements;
  char       *channel;      /* of the notifications: "dagritme.SCHEMA" */
  int         depth;        /* nesting of dag_store_begin() */
  gboolean    failed;       /* a nested part rolled back */
  gboolean    migrating;    /* no revision table yet */

  /* What this connection knows: the revision it last read or wrote.  A
   * writer compares it with the revisions committed since (the revision
   * table) to see whether what it read is still current. */
  gint64      seen;
  gint64      keys_until;      /* the revision dag_store_changed_keys read up to */
  gint64      begin_revision;  /* the revision when the write transaction began */
  gint64      begin_changes;   /* total_changes () then */
  DagSections touched;         /* noted by dag_store_touch in this transaction */
  gboolean    touched_any;
  DagDate     touched_day;     /* of the runs touched; DAG_DATE_NONE for every day */
  gboolean    touched_days;    /* runs of more than one day */
  DagSections touched_whole;   /* sections changed as a whole */
  GString    *touched_keys;    /* of records changed one by one: "\nkey\n…" */

  DagStoreWaitFunc wait_func;
  gpointer    wait_data;
  guint       wait_timeout_ms;
  gint64      wait_started;    /* monotonic µs, of the current wait */
  gboolean    wait_told;
  gint64      wait_last_told;  /* ms into the wait */
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
  /* 5 → 6: one row per committed write, with the sections it changed (a
   * DagSections bit set) and for runs the day, so a writer can see whether
   * what it read is still current and a window notices another process's
   * change.  Only the last rows are kept. */
  "CREATE TABLE revision ("
  "  id INTEGER PRIMARY KEY,"
  "  sections INTEGER NOT NULL,"
  "  day TEXT);",
  /* 6 → 7: who made each revision and when, to say so to whom it
   * conflicts with, and the records it changed when it changed only some
   * (keys, one per line, each between newlines; NULL is every record of
   * its sections), so edits to different records do not conflict. */
  "ALTER TABLE revision ADD COLUMN who TEXT;"
  "ALTER TABLE revision ADD COLUMN at TEXT;"
  "ALTER TABLE revision ADD COLUMN keys TEXT;",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == DAG_STORE_SCHEMA_VERSION);

static void
dag_store_finalize (GObject *object)
{
  DagStore *self = DAG_STORE (object);

  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->sources, g_hash_table_unref);
  if (self->db != NULL)
    sqlite3_close (self->db);
#ifdef HAVE_LIBPQ
  g_clear_pointer (&self->pg, PQfinish);
#endif
  g_free (self->pg_message);
  g_free (self->channel);
  g_free (self->location);
  g_string_free (self->touched_keys, TRUE);
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
  self->touched_keys = g_string_new (NULL);
  self->sources = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            (GDestroyNotify) dag_stmt_free);
}

sqlite3 *
dag_store_get_db (DagStore *self)
{
  return self->db;
}

PGconn *
dag_store_get_pg (DagStore *self)
{
  return self->pg;
}

void
dag_store_note_error (DagStore   *self,
                      int         code,
                      const char *message)
{
  self->pg_code = code;
  g_free (self->pg_message);
  self->pg_message = g_strdup (message);
}

int
dag_store_note_pg_error (DagStore       *self,
                         const PGresult *result)
{
#ifdef HAVE_LIBPQ
  const char *state = result != NULL ? PQresultErrorField (result, PG_DIAG_SQLSTATE) : NULL;
  const char *primary = result != NULL ? PQresultErrorField (result, PG_DIAG_MESSAGE_PRIMARY) : NULL;
  int code = PQstatus (self->pg) != CONNECTION_OK ? SQLITE_IOERR : dag_pg_code (state);
  g_autofree char *message = g_strdup (primary != NULL ? primary : PQerrorMessage (self->pg));

  g_strchomp (message);
  dag_store_note_error (self, code, message);
  return code;
#else
  return SQLITE_ERROR;
#endif
}

void
dag_store_add_changes (DagStore *self,
                       gint64    n)
{
  self->pg_changes = n;
  self->pg_total_changes += n;
}

char *
dag_store_next_statement_name (DagStore *self)
{
  return g_strdup_printf ("dag%u", ++self->pg_statements);
}

gint64
dag_store_changes (DagStore *self)
{
  return self->pg != NULL ? self->pg_changes : sqlite3_changes64 (self->db);
}

static gint64
total_changes (DagStore *self)
{
  return self->pg != NULL ? self->pg_total_changes : sqlite3_total_changes64 (self->db);
}

const char *
dag_store_get_path (DagStore *self)
{
  g_return_val_if_fail (DAG_IS_STORE (self), NULL);
  return self->path;
}

const char *
dag_store_get_location (DagStore *self)
{
  g_return_val_if_fail (DAG_IS_STORE (self), NULL);
  return self->location != NULL ? self->location : self->path;
}

/* Whether the folder of path can take new files (the -wal and -shm). */
static gboolean
folder_writable (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  return access (dir, W_OK | X_OK) == 0;
}

/* An error in words a person can act on, from an SQLite result code (a
 * PostgreSQL error is mapped to one, dag_pg_code): a file's disk and
 * folder for SQLite, the server and the user's rights for PostgreSQL. */
static gboolean
set_code_error (DagStore   *self,
                int         code,
                const char *message,
                GError    **error)
{
  g_autofree char *dir = g_path_get_dirname (self->path);
  int sys = self->db != NULL ? sqlite3_system_errno (self->db) : 0;
  gboolean shared = self->pg != NULL;

  /* A full disk shows as an I/O error (the -shm or -wal cannot grow). */
  if ((sys == ENOSPC || sys == EDQUOT) && ((code & 0xff) == SQLITE_IOERR || (code & 0xff) == SQLITE_CANTOPEN))
    code = SQLITE_FULL;
  switch (code & 0xff)
    {
    case SQLITE_CONSTRAINT:
      g_set_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_CONSTRAINT, _("Database error: %s"), message);
      break;
    case SQLITE_FULL:
      if (shared)
        g_set_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_FULL,
                     _("The database server of %s has no room left (%s); nothing was changed"), self->path, message);
      else
        g_set_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_FULL,
                     _("The disk holding %s is full; nothing was changed. Make room and try again"), self->path);
      break;
    case SQLITE_IOERR:
      if (shared)
        g_set_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_IO,
                     _("The connection to the database %s was lost (%s); nothing was changed"), self->path, message);
      else
        g_set_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_IO,
                     _("The disk reported an input/output error on %s (%s); nothing was changed"),
                     self->path, message);
      break;
    case SQLITE_READONLY:
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_AUTH:
      if (shared)
        g_set_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_READ_ONLY,
                     _("Your database user may not do this in %s (%s)"), self->path, message);
      else if (!folder_writable (self->path))
        g_set_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_READ_ONLY,
                     _("The folder %s is read-only: Dagritme needs to write its database and the files beside it there"),
                     dir);
      else if (access (self->path, W_OK) != 0)
        g_set_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_READ_ONLY,
                     _("The database %s is read-only"), self->path);
      else
        g_set_error (error, DAG_STORE_ERROR,
                     (code & 0xff) == SQLITE_CANTOPEN ? DAG_STORE_ERROR_OPEN : DAG_STORE_ERROR_READ_ONLY,
                     _("Cannot write the database %s or a file beside it (%s)"), self->path, message);
      break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_LOCKED,
                   _("Another Dagritme (or another program) kept the database %s busy for %u s; nothing was changed. Try again when it is done"),
                   self->path, (self->wait_timeout_ms + 999) / 1000);
      break;
    case SQLITE_CORRUPT:
      g_set_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_CORRUPT,
                   _("The database %s is damaged (%s); restore a backup"), self->path, message);
      break;
    case SQLITE_NOTADB:
      g_set_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_OPEN,
                   _("%s is not a Dagritme database: %s"), self->path, message);
      break;
    default:
      g_set_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_SQL, _("Database error: %s"), message);
      break;
    }
  return FALSE;
}

gboolean
dag_store_set_error (DagStore *self,
                     GError  **error)
{
  if (self->pg != NULL)
    return set_code_error (self, self->pg_code, self->pg_message ? self->pg_message : "?", error);
  return set_code_error (self, sqlite3_extended_errcode (self->db), sqlite3_errmsg (self->db), error);
}

static gboolean
pg_exec (DagStore   *self,
         const char *sql,
         GError    **error)
{
#ifdef HAVE_LIBPQ
  PGresult *res;
  ExecStatusType status;

  res = PQexec (self->pg, sql);
  status = PQresultStatus (res);
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
    {
      dag_store_note_pg_error (self, res);
      PQclear (res);
      return dag_store_set_error (self, error);
    }
  {
    const char *n = PQcmdTuples (res);

    dag_store_add_changes (self, *n ? g_ascii_strtoll (n, NULL, 10) : 0);
  }
  PQclear (res);
  return TRUE;
#else
  g_assert_not_reached ();
#endif
}

gboolean
dag_store_exec (DagStore   *self,
                const char *sql,
                GError    **error)
{
  char *message = NULL;
  int rc;

  if (self->pg != NULL)
    return pg_exec (self, sql, error);
  rc = sqlite3_exec (self->db, sql, NULL, NULL, &message);

  if (rc != SQLITE_OK)
    {
      set_code_error (self, sqlite3_extended_errcode (self->db), message ? message : "?", error);
      sqlite3_free (message);
      return FALSE;
    }
  return TRUE;
}

static void end_reads (DagStore *self);

gboolean
dag_store_begin_read (DagStore *self,
                      GError  **error)
{
  g_return_val_if_fail (DAG_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->depth == 0, FALSE);

  end_reads (self);
  /* A snapshot in both: SQLite's deferred transaction reads one state of
   * the file; PostgreSQL's REPEATABLE READ one state of the database. */
  return dag_store_exec (self, self->pg != NULL ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" : "BEGIN",
                         error);
}

void
dag_store_end_read (DagStore *self)
{
  g_return_if_fail (DAG_IS_STORE (self));
  g_return_if_fail (self->depth == 0);

  dag_store_exec (self, "COMMIT", NULL);
}

gboolean
dag_store_set_durable (DagStore *self,
                       gboolean  durable,
                       GError  **error)
{
  g_return_val_if_fail (DAG_IS_STORE (self), FALSE);

  /* A PostgreSQL commit is durable already (synchronous_commit). */
  if (self->pg != NULL)
    return TRUE;
  return dag_store_exec (self, durable ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL", error);
}

DagStmt *
dag_store_prepare (DagStore   *self,
                   const char *sql,
                   GError    **error)
{
  DagStmt *stmt = g_hash_table_lookup (self->statements, sql);

  if (stmt != NULL)
    {
      dag_stmt_clear (stmt);
      return stmt;
    }
  stmt = dag_stmt_new (self, sql, error);
  if (stmt == NULL)
    return NULL;
  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

/* The first column of the first row of sql as a number, or -1. */
static int
pg_query_int (DagStore   *self,
              const char *sql)
{
#ifdef HAVE_LIBPQ
  PGresult *res = PQexec (self->pg, sql);
  int value = -1;

  if (PQresultStatus (res) == PGRES_TUPLES_OK && PQntuples (res) > 0 && !PQgetisnull (res, 0, 0))
    value = atoi (PQgetvalue (res, 0, 0));
  else if (PQresultStatus (res) != PGRES_TUPLES_OK)
    dag_store_note_pg_error (self, res);
  PQclear (res);
  return value;
#else
  return -1;
#endif
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
  if (self->pg != NULL)
    /* A new database has no table of the version yet. */
    {
      int exists = pg_query_int (self, "SELECT count (*) FROM pg_class WHERE relkind = 'r'"
                                       " AND relname = 'dagritme_schema'"
                                       " AND relnamespace = current_schema ()::regnamespace");

      if (exists <= 0)
        return exists;
      return pg_query_int (self, "SELECT coalesce (max (version), 0) FROM dagritme_schema");
    }
  return query_int (self, "PRAGMA user_version");
}

static gboolean
migrate (DagStore *self,
         GError  **error)
{
  int version = dag_store_get_schema_version (self);
  gboolean ok = TRUE;

  if (version > DAG_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_VERSION,
                   _("The database was made by a newer version of Dagritme (schema %d; this version knows up to %d)"),
                   version, DAG_STORE_SCHEMA_VERSION);
      return FALSE;
    }

  /* The revision table comes with the last migration. */
  self->migrating = TRUE;
  for (; ok && version < DAG_STORE_SCHEMA_VERSION; version++)
    {
      g_autofree char *bump = NULL;
      g_autofree char *sql = NULL;
      int now;

      if (!dag_store_begin (self, error))
        {
          ok = FALSE;
          break;
        }
      /* Another program may have migrated while this one waited. */
      now = dag_store_get_schema_version (self);
      if (now > version)
        {
          ok = dag_store_commit (self, error);
          version = now - 1;
          continue;
        }
      if (self->pg != NULL)
        {
          bump = g_strdup_printf ("CREATE TABLE IF NOT EXISTS dagritme_schema (version INTEGER NOT NULL);"
                                  "DELETE FROM dagritme_schema;"
                                  "INSERT INTO dagritme_schema VALUES (%d);%s", version + 1, dag_pg_rowid_sql ());
          sql = dag_pg_migration (version, migrations[version]);
        }
      else
        bump = g_strdup_printf ("PRAGMA user_version = %d", version + 1);
      if (!dag_store_exec (self, sql != NULL ? sql : migrations[version], error) ||
          !dag_store_exec (self, bump, error))
        {
          dag_store_rollback (self);
          ok = FALSE;
          break;
        }
      ok = dag_store_commit (self, error);
    }
  self->migrating = FALSE;
  return ok;
}

static gboolean pg_drain_notifications (DagStore *self);

/* ---- revisions ---------------------------------------------------------- */

static gint64
current_revision (DagStore *self,
                  GError  **error)
{
  DagStmt *stmt = dag_store_prepare (self, "SELECT coalesce(max(id), 0) FROM revision", error);
  gint64 value;

  if (stmt == NULL)
    return -1;
  if (dag_stmt_step (stmt) != DAG_STMT_ROW)
    {
      dag_store_set_error (self, error);
      dag_stmt_reset (stmt);
      return -1;
    }
  value = dag_stmt_column_int64 (stmt, 0);
  dag_stmt_reset (stmt);
  return value;
}

/* The sections changed by revisions after since (up to and including
 * until), and whether runs of day (DAG_DATE_NONE: any day) were among
 * them.  Revisions no longer kept count as changing everything. */
static gboolean
changes_since (DagStore    *self,
               gint64       since,
               gint64       until,
               DagDate      day,
               DagSections *sections,
               gboolean    *runs_of_day,
               GError     **error)
{
  DagStmt *stmt;
  char buf[DAG_DATE_BUF];
  gint64 rows = 0;
  int rc;

  *sections = 0;
  *runs_of_day = FALSE;
  if (until <= since)
    return TRUE;
  stmt = dag_store_prepare (self, "SELECT sections, day FROM revision WHERE id > ? AND id <= ?", error);
  if (stmt == NULL)
    return FALSE;
  dag_stmt_bind_int64 (stmt, 1, since);
  dag_stmt_bind_int64 (stmt, 2, until);
  if (day != DAG_DATE_NONE)
    dag_date_format (day, buf);
  while ((rc = dag_stmt_step (stmt)) == DAG_STMT_ROW)
    {
      DagSections s = (DagSections) dag_stmt_column_int (stmt, 0);
      const char *d = dag_stmt_column_text (stmt, 1);

      rows++;
      *sections |= s;
      if ((s & DAG_SECTION_RUNS) && (day == DAG_DATE_NONE || d == NULL || strcmp (d, buf) == 0))
        *runs_of_day = TRUE;
    }
  dag_stmt_reset (stmt);
  if (rc != DAG_STMT_DONE)
    return dag_store_set_error (self, error);
  if (rows < until - since)
    {
      *sections = DAG_SECTION_ALL;
      *runs_of_day = TRUE;
    }
  return TRUE;
}

GPtrArray *
dag_store_changed_keys (DagStore   *self,
                        DagSections section,
                        GError    **error)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  gboolean only_records = TRUE;
  gint64 now, rows = 0;
  DagStmt *stmt;
  int rc;

  g_return_val_if_fail (DAG_IS_STORE (self), NULL);

  now = current_revision (self, error);
  if (now < 0)
    return NULL;
  self->keys_until = now;
  if (now <= self->seen)
    return g_steal_pointer (&keys);
  stmt = dag_store_prepare (self, "SELECT sections, keys FROM revision WHERE id > ? AND id <= ? ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  dag_stmt_bind_int64 (stmt, 1, self->seen);
  dag_stmt_bind_int64 (stmt, 2, now);
  while ((rc = dag_stmt_step (stmt)) == DAG_STMT_ROW)
    {
      DagSections s = (DagSections) dag_stmt_column_int (stmt, 0);
      const char *k = dag_stmt_column_text (stmt, 1);

      rows++;
      if (k == NULL || (s & ~section) != 0)
        {
          only_records = FALSE;
          continue;
        }
      for (const char *p = k; *p != '\0';)
        {
          const char *end = strchr (p, '\n');

          if (end == NULL)
            end = p + strlen (p);
          if (end > p)
            g_ptr_array_add (keys, g_strndup (p, (gsize) (end - p)));
          p = *end != '\0' ? end + 1 : end;
        }
    }
  dag_stmt_reset (stmt);
  if (rc != DAG_STMT_DONE)
    {
      dag_store_set_error (self, error);
      return NULL;
    }
  /* Revisions no longer kept may have changed anything. */
  if (!only_records || rows < now - self->seen)
    return NULL;
  return g_steal_pointer (&keys);
}

void
dag_store_keys_taken (DagStore *self)
{
  g_return_if_fail (DAG_IS_STORE (self));

  if (self->keys_until > self->seen)
    self->seen = self->keys_until;
}

static void
reset_statement (gpointer key,
                 gpointer value,
                 gpointer user_data)
{
  dag_stmt_reset (value);
}

/* A cached statement stepped to a row and not reset holds a read
 * transaction open: this connection would go on seeing the file as it was
 * then (no other process's change; a write refused as busy).  Outside a
 * transaction, every statement is reset. */
static void
end_reads (DagStore *self)
{
  if (self->depth == 0)
    g_hash_table_foreach (self->statements, reset_statement, NULL);
}

void
dag_store_end_reads (DagStore *self)
{
  end_reads (self);
}

void
dag_store_set_seen (DagStore *self,
                    gint64    revision)
{
  if (revision >= 0)
    self->seen = revision;
}

gboolean
dag_store_in_transaction (DagStore *self)
{
  return self->depth > 0;
}

void
dag_store_touch (DagStore   *self,
                 DagSections sections,
                 DagDate     day)
{
  g_return_if_fail (DAG_IS_STORE (self));

  if ((sections & DAG_SECTION_RUNS) && !self->touched_days)
    {
      if (!(self->touched & DAG_SECTION_RUNS))
        self->touched_day = day;
      else if (self->touched_day != day)
        self->touched_day = DAG_DATE_NONE;
      if (self->touched_day == DAG_DATE_NONE)
        self->touched_days = TRUE;
    }
  self->touched |= sections;
  self->touched_whole |= sections;
  self->touched_any = TRUE;
}

void
dag_store_touch_key (DagStore   *self,
                     DagSections section,
                     const char *key)
{
  g_return_if_fail (DAG_IS_STORE (self));
  g_return_if_fail (key != NULL);

  self->touched |= section;
  self->touched_any = TRUE;
  if (self->touched_keys->len == 0)
    g_string_append_c (self->touched_keys, '\n');
  g_string_append (self->touched_keys, key);
  g_string_append_c (self->touched_keys, '\n');
}

/* Whether revision row (sections s, runs of day d, record keys k) undoes
 * nothing of a writer that read the store before it and depends on
 * depends (and runs of day), or, with key, on that record only. */
static gboolean
row_conflicts (DagSections s,
               const char *d,
               const char *k,
               DagSections depends,
               DagDate     day,
               const char *key)
{
  char buf[DAG_DATE_BUF];

  if (key != NULL)
    {
      g_autofree char *line = NULL;

      if (k == NULL)
        return (s & (depends | DAG_SECTION_MASTER)) != 0;
      line = g_strconcat ("\n", key, "\n", NULL);
      return (s & depends) != 0 && strstr (k, line) != NULL;
    }
  if ((s & (depends | DAG_SECTION_MASTER) & ~DAG_SECTION_RUNS) != 0)
    return TRUE;
  if ((depends & DAG_SECTION_RUNS) && (s & DAG_SECTION_RUNS))
    return day == DAG_DATE_NONE || d == NULL || strcmp (d, dag_date_format (day, buf)) == 0;
  return FALSE;
}

/* A moment as the messages show it: local, the date as a sentence
 * writes it in the user's language (dag_date_format_message), then the
 * time. */
static char *
format_when (const char *iso)
{
  g_autoptr(GDateTime) utc = iso ? g_date_time_new_from_iso8601 (iso, NULL) : NULL;
  g_autoptr(GDateTime) local = utc ? g_date_time_to_local (utc) : NULL;
  g_autofree char *date = NULL;

  if (local == NULL)
    return NULL;
  date = dag_date_format_message (dag_date_from_ymd (g_date_time_get_year (local), g_date_time_get_month (local),
                                                     g_date_time_get_day_of_month (local)));
  return g_strdup_printf ("%s %02d:%02d", date, g_date_time_get_hour (local), g_date_time_get_minute (local));
}

static gboolean
check_current (DagStore   *self,
               DagSections depends,
               DagDate     day,
               const char *key,
               GError    **error)
{
  g_autofree char *who = NULL;
  g_autofree char *at = NULL;
  gboolean conflict = FALSE;
  gint64 rows = 0;
  DagStmt *stmt;
  int rc;

  g_return_val_if_fail (DAG_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->depth > 0, FALSE);

  if (self->migrating || self->seen >= self->begin_revision)
    return TRUE;
  stmt = dag_store_prepare (self, "SELECT sections, day, keys, who, at FROM revision WHERE id > ? AND id <= ?"
                            " ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;
  dag_stmt_bind_int64 (stmt, 1, self->seen);
  dag_stmt_bind_int64 (stmt, 2, self->begin_revision);
  while ((rc = dag_stmt_step (stmt)) == DAG_STMT_ROW)
    {
      rows++;
      if (row_conflicts ((DagSections) dag_stmt_column_int (stmt, 0), dag_stmt_column_text (stmt, 1),
                         dag_stmt_column_text (stmt, 2), depends, day, key))
        {
          conflict = TRUE;
          g_free (who);
          g_free (at);
          who = g_strdup (dag_stmt_column_text (stmt, 3));
          at = format_when (dag_stmt_column_text (stmt, 4));
        }
    }
  dag_stmt_reset (stmt);
  if (rc != DAG_STMT_DONE)
    return dag_store_set_error (self, error);
  /* Revisions no longer kept may have changed anything. */
  if (rows < self->begin_revision - self->seen)
    conflict = TRUE;
  if (!conflict)
    return TRUE;
  if (who != NULL && at != NULL && key != NULL)
    g_set_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_CHANGED,
                 _("%s changed the same record at %s, after this Dagritme read it; nothing was saved. Read it again and repeat the change"),
                 who, at);
  else if (who != NULL && at != NULL)
    g_set_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_CHANGED,
                 _("%s changed the organisation at %s, after this Dagritme read it; nothing was saved. Read it again and repeat the change"),
                 who, at);
  else
    g_set_error_literal (error, DAG_STORE_ERROR, DAG_STORE_ERROR_CHANGED,
                         _("Another Dagritme changed the organisation after this one read it; nothing was saved. Read it again and repeat the change"));
  return FALSE;
}

gboolean
dag_store_check_current (DagStore   *self,
                         DagSections depends,
                         DagDate     day,
                         GError    **error)
{
  return check_current (self, depends, day, NULL, error);
}

gboolean
dag_store_check_current_key (DagStore   *self,
                             DagSections depends,
                             const char *key,
                             GError    **error)
{
  g_return_val_if_fail (key != NULL, FALSE);
  return check_current (self, depends, DAG_DATE_NONE, key, error);
}

gboolean
dag_store_poll_changes (DagStore    *self,
                        DagSections *changed,
                        GError     **error)
{
  gint64 now;
  gboolean runs;

  g_return_val_if_fail (DAG_IS_STORE (self), FALSE);
  g_return_val_if_fail (changed != NULL, FALSE);

  *changed = 0;
  end_reads (self);
  pg_drain_notifications (self);
  now = current_revision (self, error);
  if (now < 0)
    return FALSE;
  if (now <= self->seen)
    return TRUE;
  if (!changes_since (self, self->seen, now, DAG_DATE_NONE, changed, &runs, error))
    return FALSE;
  /* Nothing the organisation holds: nothing to read again.  Otherwise the
   * next load (or own write, when nothing else came between) catches up. */
  if (*changed == 0)
    self->seen = now;
  return TRUE;
}

/* ---- waiting for another writer ---------------------------------------- */

#define DEFAULT_WAIT_MS 15000

/* Calls the wait function at the first second of a wait and every
 * quarter of a second after. */
static void
tell_waiting (DagStore *self,
              gint64    waited_ms)
{
  gboolean first;

  if (waited_ms < 1000 || self->wait_func == NULL)
    return;
  first = !self->wait_told;
  if (!first && waited_ms - self->wait_last_told < 250)
    return;
  self->wait_told = TRUE;
  self->wait_last_told = waited_ms;
  self->wait_func (self, first, self->wait_data);
}

static int
busy_handler (void *data,
              int   count)
{
  DagStore *self = data;
  gint64 now = g_get_monotonic_time ();
  gint64 waited;

  if (count == 0)
    {
      self->wait_started = now;
      self->wait_told = FALSE;
    }
  waited = (now - self->wait_started) / 1000;
  if (waited >= self->wait_timeout_ms)
    return 0;
  tell_waiting (self, waited);
  /* Short sleeps first: most writes take milliseconds. */
  g_usleep (count < 10 ? 2000 : count < 40 ? 10000 : 50000);
  return 1;
}

void
dag_store_set_wait_func (DagStore        *self,
                         DagStoreWaitFunc func,
                         gpointer         user_data,
                         guint            timeout_ms)
{
  g_return_if_fail (DAG_IS_STORE (self));

  self->wait_func = func;
  self->wait_data = user_data;
  self->wait_timeout_ms = timeout_ms > 0 ? timeout_ms : DEFAULT_WAIT_MS;
}

/* ---- checks on open ----------------------------------------------------- */

/* The key a dangling reference names: the referring columns' values. */
static char *
dangling_value (DagStore   *self,
                const char *table,
                gint64      rowid,
                int         fkid)
{
  char *list_sql = sqlite3_mprintf ("PRAGMA foreign_key_list(\"%w\")", table);
  g_autoptr(GString) columns = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;
  char *out = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, list_sql, -1, &stmt, NULL);
  sqlite3_free (list_sql);
  if (rc == SQLITE_OK)
    while (sqlite3_step (stmt) == SQLITE_ROW)
      if (sqlite3_column_int (stmt, 0) == fkid)
        {
          char *quoted = sqlite3_mprintf ("\"%w\"", (const char *) sqlite3_column_text (stmt, 3));
          g_string_append_printf (columns, "%s%s", columns->len ? " || ', ' || " : "", quoted);
          sqlite3_free (quoted);
        }
  sqlite3_finalize (stmt);
  stmt = NULL;
  if (columns->len > 0)
    {
      char *sql = sqlite3_mprintf ("SELECT %s FROM \"%w\" WHERE rowid = %lld", columns->str, table,
                                   (long long) rowid);

      if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) == SQLITE_OK &&
          sqlite3_step (stmt) == SQLITE_ROW && (const char *) sqlite3_column_text (stmt, 0) != NULL)
        out = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      sqlite3_finalize (stmt);
      sqlite3_free (sql);
    }
  return out;
}

/* Every reference points at a row that is there (a file written with
 * foreign keys off, or by an older tool, may break this). */
static gboolean
check_references (DagStore *self,
                  GError  **error)
{
  sqlite3_stmt *stmt = NULL;
  g_autofree char *table = NULL;
  g_autofree char *parent = NULL;
  gint64 rowid = 0;
  int fkid = 0;
  guint n = 0;
  int rc;

  if (sqlite3_prepare_v2 (self->db, "PRAGMA foreign_key_check", -1, &stmt, NULL) != SQLITE_OK)
    return dag_store_set_error (self, error);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (n++ == 0)
        {
          table = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
          rowid = sqlite3_column_int64 (stmt, 1);
          parent = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
          fkid = sqlite3_column_int (stmt, 3);
        }
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return dag_store_set_error (self, error);
  if (n > 0)
    {
      g_autofree char *value = dangling_value (self, table, rowid, fkid);

      /* The value is an id (never a BSN: no reference holds one). */
      g_set_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_CORRUPT,
                   ngettext ("The database %s is inconsistent: row %lld of table “%s” refers to “%s” in table “%s”, which is not there (%u such reference). Import the organisation again or restore a backup",
                             "The database %s is inconsistent: row %lld of table “%s” refers to “%s” in table “%s”, which is not there (%u such references). Import the organisation again or restore a backup",
                             n),
                   self->path, (long long) rowid, table, value ? value : "?", parent, n);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_integrity (DagStore *self,
                 GError  **error)
{
  sqlite3_stmt *stmt = NULL;
  g_autofree char *first = NULL;
  int rc;

  if (sqlite3_prepare_v2 (self->db, "PRAGMA quick_check", -1, &stmt, NULL) != SQLITE_OK)
    return dag_store_set_error (self, error);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    first = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  else
    {
      dag_store_set_error (self, error);
      sqlite3_finalize (stmt);
      return FALSE;
    }
  sqlite3_finalize (stmt);
  if (g_strcmp0 (first, "ok") != 0)
    {
      g_set_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_CORRUPT,
                   _("The database %s is damaged (%s); restore a backup"), self->path, first ? first : "?");
      return FALSE;
    }
  return TRUE;
}

gboolean
dag_store_is_uri (const char *where)
{
  return dag_pg_is_uri (where);
}

char *
dag_store_default_path (void)
{
  const char *env = g_getenv ("DAGRITME_DATABASE");

  if (env != NULL && *env != '\0')
    return g_strdup (env);
  return g_build_filename (g_get_user_data_dir (), "dagritme", "dagritme.db", NULL);
}

/* An error of the file system in words a person can act on. */
static void
set_errno_error (GError    **error,
                 int         saved,
                 const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  if (saved == EROFS || saved == EACCES || saved == EPERM)
    g_set_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_READ_ONLY,
                 _("The folder %s is read-only: Dagritme needs to write its database and the files beside it there"),
                 dir);
  else if (saved == ENOSPC || saved == EDQUOT)
    g_set_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_FULL,
                 _("The disk holding %s is full; nothing was changed. Make room and try again"), path);
  else if (saved == EIO)
    g_set_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_IO,
                 _("The disk reported an input/output error on %s (%s); nothing was changed"),
                 path, g_strerror (saved));
  else
    g_set_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_OPEN,
                 _("Cannot open the database %s: %s"), path, g_strerror (saved));
}

/* The URI as it may be shown: without a password. */
char *
dag_store_uri_for_display (const char *uri)
{
  const char *scheme = strstr (uri, "://");
  const char *at, *colon;
  g_autofree char *plain = NULL;
  const char *query;

  if (scheme == NULL)
    return g_strdup (uri);
  scheme += 3;
  at = strchr (scheme, '@');
  colon = strchr (scheme, ':');
  if (at != NULL && colon != NULL && colon < at && memchr (scheme, '/', (gsize) (at - scheme)) == NULL)
    plain = g_strdup_printf ("%.*s%s", (int) (colon - uri), uri, at);
  else
    plain = g_strdup (uri);
  /* A password may also be given as ?password=… */
  query = strstr (plain, "password=");
  if (query != NULL)
    return g_strndup (plain, (gsize) (query - plain));
  return g_steal_pointer (&plain);
}

static DagStore *
open_pg (const char *uri,
         GError    **error)
{
#ifdef HAVE_LIBPQ
  g_autoptr(DagStore) self = g_object_new (DAG_TYPE_STORE, NULL);
  int before;

  self->path = dag_store_uri_for_display (uri);
  self->location = g_strdup (uri);
  self->wait_timeout_ms = DEFAULT_WAIT_MS;
  self->pg = PQconnectdb (uri);
  if (self->pg == NULL || PQstatus (self->pg) != CONNECTION_OK)
    {
      g_autofree char *why = g_strdup (self->pg ? PQerrorMessage (self->pg) : g_strerror (ENOMEM));

      g_strchomp (why);
      /* libpq may quote the address it could not read, password and all. */
      if (strstr (why, uri) != NULL)
        {
          g_auto(GStrv) parts = g_strsplit (why, uri, -1);

          g_free (why);
          why = g_strjoinv (self->path, parts);
        }
      g_set_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_OPEN,
                   _("Cannot connect to the database %s: %s"), self->path, why);
      return NULL;
    }
  if (!pg_exec (self, "SET client_min_messages = warning; SET TIME ZONE 'UTC'", error))
    return NULL;
  /* Of this organisation (schema) only: others on the server stay quiet. */
  {
    PGresult *res = PQexec (self->pg, "SELECT 'dagritme.' || current_schema ()");
    g_autofree char *listen = NULL;
    char *ident;

    if (PQresultStatus (res) != PGRES_TUPLES_OK || PQgetisnull (res, 0, 0))
      {
        dag_store_note_pg_error (self, res);
        PQclear (res);
        dag_store_set_error (self, error);
        return NULL;
      }
    self->channel = g_strdup (PQgetvalue (res, 0, 0));
    PQclear (res);
    ident = PQescapeIdentifier (self->pg, self->channel, strlen (self->channel));
    listen = g_strconcat ("LISTEN ", ident, NULL);
    PQfreemem (ident);
    if (!pg_exec (self, listen, error))
      return NULL;
  }
  before = dag_store_get_schema_version (self);
  if (before < 0)
    {
      dag_store_set_error (self, error);
      return NULL;
    }
  if (!migrate (self, error))
    return NULL;
  /* New tables and columns get the grants and views of the roles, once
   * they exist (dagritme admin init-server). */
  if (before > 0 && before < DAG_STORE_SCHEMA_VERSION &&
      pg_query_int (self, "SELECT count (*) FROM pg_roles WHERE rolname = 'dagritme_admin'") > 0 &&
      !dag_store_grant_roles (self, error))
    return NULL;
  self->seen = current_revision (self, error);
  if (self->seen < 0)
    return NULL;
  return g_steal_pointer (&self);
#else
  g_set_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_OPEN,
               _("This Dagritme was built without PostgreSQL; it cannot open %s"), uri);
  return NULL;
#endif
}

gboolean
dag_store_grant_roles (DagStore *self,
                       GError  **error)
{
  g_return_val_if_fail (DAG_IS_STORE (self), FALSE);

  if (self->pg == NULL)
    {
      g_set_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_OPEN,
                   _("Roles are for a shared database; %s is a file"), self->path);
      return FALSE;
    }
  if (!dag_store_begin (self, error))
    return FALSE;
  dag_store_touch (self, DAG_SECTION_NONE, DAG_DATE_NONE);
  if (!dag_store_exec (self, dag_pg_access_sql (), error))
    {
      dag_store_rollback (self);
      return FALSE;
    }
  g_hash_table_remove_all (self->sources);
  return dag_store_commit (self, error);
}

char *
dag_store_readable_sql (DagStore   *self,
                        const char *sql)
{
  const char *from, *end;
  g_autofree char *table = NULL;
  const char *source;

  if (self->pg == NULL)
    return g_strdup (sql);
#ifdef HAVE_LIBPQ
  from = strstr (sql, " FROM ");
  if (from == NULL)
    return g_strdup (sql);
  from += 6;
  for (end = from; g_ascii_isalnum (*end) || *end == '_'; end++)
    ;
  table = g_strndup (from, (gsize) (end - from));
  source = g_hash_table_lookup (self->sources, table);
  if (source == NULL)
    {
      /* The table, else a view of what this user may see of it, else
       * nothing (the user reads no such records). */
      g_autofree char *view = g_strconcat (table, "_public", NULL);
      g_autofree char *query = NULL;
      const char *names[] = { table, view };

      source = "";
      for (guint i = 0; i < G_N_ELEMENTS (names); i++)
        {
          char *quoted = PQescapeLiteral (self->pg, names[i], strlen (names[i]));

          g_free (query);
          query = g_strdup_printf ("SELECT CASE WHEN to_regclass (%s) IS NULL THEN 0"
                                   " WHEN has_table_privilege (to_regclass (%s), 'SELECT') THEN 1 ELSE 0 END",
                                   quoted, quoted);
          PQfreemem (quoted);
          if (pg_query_int (self, query) == 1)
            {
              source = i == 0 ? table : view;
              break;
            }
        }
      g_hash_table_insert (self->sources, g_strdup (table), g_strdup (source));
      source = g_hash_table_lookup (self->sources, table);
    }
  if (*source == '\0')
    return NULL;
  if (g_str_equal (source, table))
    return g_strdup (sql);
  return g_strdup_printf ("%.*s%s%s", (int) (from - sql), sql, source, end);
#else
  return g_strdup (sql);
#endif
}

gboolean
dag_store_is_shared (DagStore *self)
{
  g_return_val_if_fail (DAG_IS_STORE (self), FALSE);
  return self->pg != NULL;
}

int
dag_store_get_notify_fd (DagStore *self)
{
  g_return_val_if_fail (DAG_IS_STORE (self), -1);
#ifdef HAVE_LIBPQ
  if (self->pg != NULL)
    return PQsocket (self->pg);
#endif
  return -1;
}

/* Takes in what the server sent (notifications of other writers); TRUE
 * when one came. */
static gboolean
pg_drain_notifications (DagStore *self)
{
  gboolean any = FALSE;
#ifdef HAVE_LIBPQ
  PGnotify *n;

  /* Between statements (also inside a transaction) libpq may read. */
  if (self->pg == NULL)
    return FALSE;
  PQconsumeInput (self->pg);
  while ((n = PQnotifies (self->pg)) != NULL)
    {
      any = TRUE;
      PQfreemem (n);
    }
#endif
  return any;
}

gboolean
dag_store_take_notifications (DagStore *self)
{
  g_return_val_if_fail (DAG_IS_STORE (self), FALSE);
  return pg_drain_notifications (self);
}

DagStore *
dag_store_open (const char *path,
                GError    **error)
{
  g_autoptr(DagStore) self = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *wal = NULL;
  gboolean unclean;
  GStatBuf st;
  int fd, rc;

  g_return_val_if_fail (path != NULL, NULL);

  if (dag_pg_is_uri (path))
    return open_pg (path, error);

  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      if (saved == EROFS || saved == EACCES || saved == ENOSPC || saved == EIO)
        set_errno_error (error, saved, path);
      else
        g_set_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_OPEN,
                     _("Cannot create the folder %s: %s"), dir, g_strerror (saved));
      return NULL;
    }

  /* A -wal left with content means the last writer did not close cleanly
   * (or another one is at work): the file gets a quick_check. */
  wal = g_strconcat (path, "-wal", NULL);
  unclean = g_stat (wal, &st) == 0 && st.st_size > 0;

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
      set_errno_error (error, errno, path);
      return NULL;
    }
  else
    {
      /* A file made by someone else's tool may be readable by others: it
       * holds BSNs and health data, so it becomes the owner's only. */
      if (g_stat (path, &st) == 0 && (st.st_mode & 077) != 0)
        g_chmod (path, st.st_mode & 0700);
    }

  self = g_object_new (DAG_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  self->wait_timeout_ms = DEFAULT_WAIT_MS;

  if (sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
    {
      if (self->db != NULL)
        dag_store_set_error (self, error);
      else
        set_errno_error (error, ENOMEM, path);
      return NULL;
    }
  sqlite3_extended_result_codes (self->db, 1);
  /* Our own handler instead of busy_timeout: it can say that it waits. */
  sqlite3_busy_handler (self->db, busy_handler, self);

  /* A file that is not a database shows up at the first statement; a
   * read-only folder, a full disk or a missing -shm there too, and each
   * is said as what it is. */
  if (!dag_store_exec (self, "PRAGMA foreign_keys = ON;"
                             "PRAGMA temp_store = MEMORY;", error))
    return NULL;
  rc = sqlite3_exec (self->db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      dag_store_set_error (self, error);
      return NULL;
    }
  if (query_int (self, "PRAGMA foreign_keys") != 1 || dag_store_get_schema_version (self) < 0)
    {
      if (sqlite3_errcode (self->db) != SQLITE_OK && sqlite3_errcode (self->db) != SQLITE_NOTADB)
        dag_store_set_error (self, error);
      else
        g_set_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_OPEN,
                     _("%s is not a Dagritme database: %s"), path, sqlite3_errmsg (self->db));
      return NULL;
    }
  if (!dag_store_exec (self, "PRAGMA synchronous = NORMAL;", error))
    return NULL;

  if (unclean && !check_integrity (self, error))
    return NULL;
  if (!check_references (self, error))
    return NULL;

  if (!migrate (self, error))
    return NULL;

  /* Writing without reading first (a new store, a test) knows the file
   * as it is now. */
  self->seen = current_revision (self, error);
  if (self->seen < 0)
    return NULL;

  return g_steal_pointer (&self);
}

/* PostgreSQL's BEGIN IMMEDIATE: writers of one organisation (a schema)
 * take one lock in turn (an advisory lock, held to the end of the
 * transaction), queued by the server, in slices of a second so a wait can
 * be said and given up like busy_handler's for SQLite; READ COMMITTED, so
 * once a writer holds the lock every statement reads what the writer
 * before it committed. */
static gboolean
pg_begin_write (DagStore *self,
                GError  **error)
{
#ifdef HAVE_LIBPQ
  gint64 start = g_get_monotonic_time ();

  self->wait_told = FALSE;
  for (;;)
    {
      gint64 waited = (g_get_monotonic_time () - start) / 1000;
      /* A second the first time (as SQLite's wait), then quarters, so a
       * window waiting keeps drawing. */
      gint64 slice = MIN (self->wait_told ? 250 : 1000, MAX (1, (gint64) self->wait_timeout_ms - waited));
      g_autofree char *sql = g_strdup_printf ("SET LOCAL lock_timeout = %" G_GINT64_FORMAT ";"
                                              "SELECT pg_advisory_xact_lock (8242716, hashtext (current_schema ()));"
                                              "SET LOCAL lock_timeout = 0", slice);
      PGresult *res;
      const char *state;
      gboolean got, timed_out;

      if (!pg_exec (self, "BEGIN ISOLATION LEVEL READ COMMITTED", error))
        return FALSE;
      res = PQexec (self->pg, sql);
      got = PQresultStatus (res) == PGRES_COMMAND_OK || PQresultStatus (res) == PGRES_TUPLES_OK;
      state = PQresultErrorField (res, PG_DIAG_SQLSTATE);
      timed_out = !got && g_strcmp0 (state, "55P03") == 0;
      if (!got && !timed_out)
        dag_store_note_pg_error (self, res);
      PQclear (res);
      if (got)
        return TRUE;
      pg_exec (self, "ROLLBACK", NULL);
      if (!timed_out)
        return dag_store_set_error (self, error);
      waited = (g_get_monotonic_time () - start) / 1000;
      if (waited >= self->wait_timeout_ms)
        {
          dag_store_note_error (self, SQLITE_BUSY, "locked");
          return dag_store_set_error (self, error);
        }
      tell_waiting (self, MAX (waited, 1000));
    }
#else
  g_assert_not_reached ();
#endif
}

gboolean
dag_store_begin (DagStore *self,
                 GError  **error)
{
  g_return_val_if_fail (DAG_IS_STORE (self), FALSE);

  if (self->depth++ > 0)
    return TRUE;
  self->failed = FALSE;
  self->touched = 0;
  self->touched_any = FALSE;
  self->touched_day = DAG_DATE_NONE;
  self->touched_days = FALSE;
  self->touched_whole = 0;
  g_string_truncate (self->touched_keys, 0);
  end_reads (self);
  /* IMMEDIATE: the write lock is taken (or waited for) now, so what is
   * read from here on stays current until the commit. */
  if (self->pg != NULL ? !pg_begin_write (self, error) : !dag_store_exec (self, "BEGIN IMMEDIATE", error))
    {
      self->depth = 0;
      return FALSE;
    }
  self->begin_changes = total_changes (self);
  self->begin_revision = self->migrating ? 0 : current_revision (self, error);
  if (self->begin_revision < 0)
    {
      dag_store_exec (self, "ROLLBACK", NULL);
      self->depth = 0;
      return FALSE;
    }
  return TRUE;
}

/* Who writes: in a shared database the user the server knows, else the
 * login name. */
static const char *
store_user (DagStore *self)
{
#ifdef HAVE_LIBPQ
  if (self->pg != NULL)
    return PQuser (self->pg);
#endif
  return g_get_user_name ();
}

/* One revision row for the transaction that is being committed, when it
 * changed anything; the oldest rows go. */
static gboolean
add_revision (DagStore *self,
              GError  **error)
{
  DagSections sections = self->touched_any ? self->touched : DAG_SECTION_ALL;
  char buf[DAG_DATE_BUF];
  DagStmt *stmt;
  int rc;

  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *at = g_date_time_format_iso8601 (now);

  stmt = dag_store_prepare (self, "INSERT INTO revision (id, sections, day, who, at, keys) VALUES (?, ?, ?, ?, ?, ?)",
                            error);
  if (stmt == NULL)
    return FALSE;
  dag_stmt_bind_text (stmt, 4, store_user (self));
  dag_stmt_bind_text (stmt, 5, at);
  /* Only when every section it changed, it changed record by record. */
  if (self->touched_any && self->touched_whole == 0 && self->touched_keys->len > 0)
    dag_stmt_bind_text (stmt, 6, self->touched_keys->str);
  else
    dag_stmt_bind_null (stmt, 6);
  dag_stmt_bind_int64 (stmt, 1, self->begin_revision + 1);
  dag_stmt_bind_int (stmt, 2, (int) sections);
  if ((sections & DAG_SECTION_RUNS) && self->touched_any && self->touched_day != DAG_DATE_NONE)
    dag_stmt_bind_text (stmt, 3, dag_date_format (self->touched_day, buf));
  else
    dag_stmt_bind_null (stmt, 3);
  rc = dag_stmt_step (stmt);
  dag_stmt_reset (stmt);
  if (rc != DAG_STMT_DONE)
    return dag_store_set_error (self, error);
  /* Open windows on the database hear of it at the commit. */
  if (self->pg != NULL)
    {
      stmt = dag_store_prepare (self, "SELECT pg_notify (?, ?)", error);
      if (stmt == NULL)
        return FALSE;
      dag_stmt_bind_text (stmt, 1, self->channel);
      dag_stmt_bind_int64 (stmt, 2, self->begin_revision + 1);
      rc = dag_stmt_step (stmt);
      dag_stmt_reset (stmt);
      if (rc != DAG_STMT_ROW)
        return dag_store_set_error (self, error);
    }
  stmt = dag_store_prepare (self, "DELETE FROM revision WHERE id <= ?", error);
  if (stmt == NULL)
    return FALSE;
  dag_stmt_bind_int64 (stmt, 1, self->begin_revision + 1 - 1000);
  rc = dag_stmt_step (stmt);
  dag_stmt_reset (stmt);
  if (rc != DAG_STMT_DONE)
    return dag_store_set_error (self, error);
  return TRUE;
}

gboolean
dag_store_commit (DagStore *self,
                  GError  **error)
{
  gboolean changed;

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
  changed = !self->migrating && total_changes (self) != self->begin_changes;
  if (changed && !add_revision (self, error))
    {
      dag_store_exec (self, "ROLLBACK", NULL);
      return FALSE;
    }
  if (!dag_store_exec (self, "COMMIT", error))
    {
      dag_store_exec (self, "ROLLBACK", NULL);
      return FALSE;
    }
  /* This connection knows the file as it is now, unless another one
   * committed since it last read (then the next load catches up).  A
   * replacement of everything is known whatever came before. */
  if (changed && (self->seen == self->begin_revision ||
                  (self->touched_any && (self->touched & DAG_SECTION_MASTER))))
    self->seen = self->begin_revision + 1;
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
  DagStmt *stmt;

  stmt = dag_store_prepare (self, "INSERT INTO audit (at, who, action, detail) VALUES (?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  dag_stmt_bind_text (stmt, 1, at);
  dag_stmt_bind_text (stmt, 2, store_user (self));
  dag_stmt_bind_text (stmt, 3, action);
  dag_stmt_bind_text (stmt, 4, detail);
  if (dag_stmt_step (stmt) != DAG_STMT_DONE)
    return dag_store_set_error (self, error);
  return TRUE;
}

gint64
dag_store_count_audit (DagStore *self,
                       GError  **error)
{
  DagStmt *stmt = dag_store_prepare (self, "SELECT count(*) FROM audit", error);

  if (stmt == NULL)
    return -1;
  if (dag_stmt_step (stmt) != DAG_STMT_ROW)
    return dag_store_set_error (self, error) ? -1 : -1;
  return dag_stmt_column_int64 (stmt, 0);
}

gboolean
dag_store_is_empty (DagStore *self,
                    gboolean *empty,
                    GError  **error)
{
  DagStmt *stmt = dag_store_prepare (self, "SELECT count(*) FROM organisation", error);

  if (stmt == NULL)
    return FALSE;
  if (dag_stmt_step (stmt) != DAG_STMT_ROW)
    return dag_store_set_error (self, error);
  *empty = dag_stmt_column_int (stmt, 0) == 0;
  return TRUE;
}
