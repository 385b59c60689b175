/* dag-store-stmt.c — prepared statements of both backends behind one set of
 * calls: SQLite's own, or PostgreSQL's server-side prepared statements with
 * text parameters, executed at the first step and read row by row. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "dag-store-backend.h"

struct _DagStmt
{
  DagStore     *store;     /* not owned: the store owns its statements */
  sqlite3_stmt *lite;      /* NULL for PostgreSQL */

  /* PostgreSQL */
  char         *name;      /* of the server-side statement; NULL until prepared */
  char         *sql;       /* with $N parameters */
  int           n_params;
  char        **params;    /* n_params values, NULL for an SQL NULL */
  PGresult     *result;    /* of the execution, NULL before the first step */
  int           row;       /* the current row of result */
  int           n_rows;
  int           n_fields;
  gboolean      done;
};

struct _DagValue
{
  int     type;            /* SQLITE_INTEGER, _FLOAT, _TEXT, _BLOB or _NULL */
  gint64  i;
  double  d;
  char   *text;            /* text (and blob) values */
  int     len;
};

gboolean
dag_stmt_is_constraint (int rc)
{
  return (rc & 0xff) == SQLITE_CONSTRAINT;
}

DagStmt *
dag_stmt_new (DagStore   *store,
              const char *sql,
              GError    **error)
{
  DagStmt *stmt = g_new0 (DagStmt, 1);

  stmt->store = store;
  if (dag_store_get_pg (store) == NULL)
    {
      if (sqlite3_prepare_v3 (dag_store_get_db (store), sql, -1, SQLITE_PREPARE_PERSISTENT,
                              &stmt->lite, NULL) != SQLITE_OK)
        {
          dag_store_set_error (store, error);
          g_free (stmt);
          return NULL;
        }
      return stmt;
    }
  stmt->sql = dag_pg_translate (sql, &stmt->n_params);
  stmt->params = g_new0 (char *, stmt->n_params + 1);
  return stmt;
}

static void
pg_clear_result (DagStmt *stmt)
{
#ifdef HAVE_LIBPQ
  g_clear_pointer (&stmt->result, PQclear);
#endif
  stmt->row = -1;
  stmt->n_rows = 0;
  stmt->done = FALSE;
}

void
dag_stmt_free (DagStmt *stmt)
{
  if (stmt == NULL)
    return;
  if (stmt->lite != NULL)
    sqlite3_finalize (stmt->lite);
  pg_clear_result (stmt);
  for (int i = 0; i < stmt->n_params; i++)
    g_free (stmt->params[i]);
  g_free (stmt->params);
  g_free (stmt->sql);
  g_free (stmt->name);
  g_free (stmt);
}

void
dag_stmt_clear (DagStmt *stmt)
{
  if (stmt->lite != NULL)
    {
      sqlite3_reset (stmt->lite);
      sqlite3_clear_bindings (stmt->lite);
      return;
    }
  pg_clear_result (stmt);
  for (int i = 0; i < stmt->n_params; i++)
    g_clear_pointer (&stmt->params[i], g_free);
}

void
dag_stmt_reset (DagStmt *stmt)
{
  if (stmt->lite != NULL)
    sqlite3_reset (stmt->lite);
  else
    pg_clear_result (stmt);
}

/* ---- PostgreSQL execution ---------------------------------------------- */

#ifdef HAVE_LIBPQ
static int
pg_execute (DagStmt *stmt)
{
  PGconn *conn = dag_store_get_pg (stmt->store);
  PGresult *res;
  ExecStatusType status;

  if (stmt->name == NULL)
    {
      g_autofree char *name = dag_store_next_statement_name (stmt->store);

      res = PQprepare (conn, name, stmt->sql, stmt->n_params, NULL);
      if (PQresultStatus (res) != PGRES_COMMAND_OK)
        {
          int code = dag_store_note_pg_error (stmt->store, res);

          PQclear (res);
          return code;
        }
      PQclear (res);
      stmt->name = g_steal_pointer (&name);
    }
  res = PQexecPrepared (conn, stmt->name, stmt->n_params, (const char *const *) stmt->params,
                        NULL, NULL, 0);
  status = PQresultStatus (res);
  if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK)
    {
      int code = dag_store_note_pg_error (stmt->store, res);

      PQclear (res);
      return code;
    }
  if (status == PGRES_COMMAND_OK)
    {
      const char *n = PQcmdTuples (res);

      dag_store_add_changes (stmt->store, *n ? g_ascii_strtoll (n, NULL, 10) : 0);
    }
  else
    {
      const char *n = PQcmdTuples (res);

      /* INSERT … RETURNING and the like also change rows. */
      if (*n && !g_str_has_prefix (PQcmdStatus (res), "SELECT"))
        dag_store_add_changes (stmt->store, g_ascii_strtoll (n, NULL, 10));
    }
  stmt->result = res;
  stmt->n_rows = PQntuples (res);
  stmt->n_fields = PQnfields (res);
  stmt->row = -1;
  return SQLITE_OK;
}
#endif

int
dag_stmt_step (DagStmt *stmt)
{
  if (stmt->lite != NULL)
    return sqlite3_step (stmt->lite);
#ifdef HAVE_LIBPQ
  if (stmt->done)
    return DAG_STMT_DONE;
  if (stmt->result == NULL)
    {
      int rc = pg_execute (stmt);

      if (rc != SQLITE_OK)
        return rc;
    }
  if (++stmt->row < stmt->n_rows)
    return DAG_STMT_ROW;
  stmt->done = TRUE;
  return DAG_STMT_DONE;
#else
  g_assert_not_reached ();
#endif
}

/* ---- bindings ----------------------------------------------------------- */

static void
pg_bind (DagStmt *stmt,
         int      i,
         char    *value)
{
  if (i < 1 || i > stmt->n_params)
    {
      g_free (value);
      g_critical ("parameter %d out of range in: %s", i, stmt->sql);
      return;
    }
  g_free (stmt->params[i - 1]);
  stmt->params[i - 1] = value;
}

void
dag_stmt_bind_text (DagStmt    *stmt,
                    int         i,
                    const char *value)
{
  if (stmt->lite != NULL)
    sqlite3_bind_text (stmt->lite, i, value, -1, SQLITE_TRANSIENT);
  else
    pg_bind (stmt, i, g_strdup (value));
}

void
dag_stmt_bind_int (DagStmt *stmt,
                   int      i,
                   int      value)
{
  if (stmt->lite != NULL)
    sqlite3_bind_int (stmt->lite, i, value);
  else
    pg_bind (stmt, i, g_strdup_printf ("%d", value));
}

void
dag_stmt_bind_int64 (DagStmt *stmt,
                     int      i,
                     gint64   value)
{
  if (stmt->lite != NULL)
    sqlite3_bind_int64 (stmt->lite, i, value);
  else
    pg_bind (stmt, i, g_strdup_printf ("%" G_GINT64_FORMAT, value));
}

void
dag_stmt_bind_double (DagStmt *stmt,
                      int      i,
                      double   value)
{
  if (stmt->lite != NULL)
    sqlite3_bind_double (stmt->lite, i, value);
  else
    {
      char buf[G_ASCII_DTOSTR_BUF_SIZE];

      /* The shortest text that reads back as the same double. */
      pg_bind (stmt, i, g_strdup (g_ascii_dtostr (buf, sizeof buf, value)));
    }
}

void
dag_stmt_bind_null (DagStmt *stmt,
                    int      i)
{
  if (stmt->lite != NULL)
    sqlite3_bind_null (stmt->lite, i);
  else
    pg_bind (stmt, i, NULL);
}

void
dag_stmt_bind_value (DagStmt        *stmt,
                     int             i,
                     const DagValue *value)
{
  switch (value->type)
    {
    case SQLITE_INTEGER:
      dag_stmt_bind_int64 (stmt, i, value->i);
      break;
    case SQLITE_FLOAT:
      dag_stmt_bind_double (stmt, i, value->d);
      break;
    case SQLITE_TEXT:
      dag_stmt_bind_text (stmt, i, value->text);
      break;
    case SQLITE_BLOB:
      if (stmt->lite != NULL)
        sqlite3_bind_blob (stmt->lite, i, value->text, value->len, SQLITE_TRANSIENT);
      else
        pg_bind (stmt, i, g_strndup (value->text, value->len));
      break;
    default:
      dag_stmt_bind_null (stmt, i);
      break;
    }
}

/* ---- columns ------------------------------------------------------------ */

static const char *
pg_value (DagStmt *stmt,
          int      col)
{
#ifdef HAVE_LIBPQ
  if (stmt->result == NULL || stmt->row < 0 || stmt->row >= stmt->n_rows ||
      col < 0 || col >= stmt->n_fields || PQgetisnull (stmt->result, stmt->row, col))
    return NULL;
  return PQgetvalue (stmt->result, stmt->row, col);
#else
  return NULL;
#endif
}

const char *
dag_stmt_column_text (DagStmt *stmt,
                      int      col)
{
  if (stmt->lite != NULL)
    return (const char *) sqlite3_column_text (stmt->lite, col);
  return pg_value (stmt, col);
}

gint64
dag_stmt_column_int64 (DagStmt *stmt,
                       int      col)
{
  const char *v;

  if (stmt->lite != NULL)
    return sqlite3_column_int64 (stmt->lite, col);
  v = pg_value (stmt, col);
  if (v == NULL)
    return 0;
  /* Booleans, as a comparison gives them. */
  if (v[0] == 't' && v[1] == '\0')
    return 1;
  if (v[0] == 'f' && v[1] == '\0')
    return 0;
  /* Most are plain integers: read them without a library call. */
  {
    const char *p = v + (*v == '-');
    guint64 n = 0;

    while (*p >= '0' && *p <= '9' && n < G_MAXINT64 / 10 - 9)
      n = n * 10 + (guint64) (*p++ - '0');
    if (*p == '\0' && p > v + (*v == '-'))
      return *v == '-' ? -(gint64) n : (gint64) n;
  }
  /* A numeric with a fraction or an exponent (an aggregate), or a very
   * large one. */
  if (strpbrk (v, ".eE") != NULL)
    return (gint64) g_ascii_strtod (v, NULL);
  return g_ascii_strtoll (v, NULL, 10);
}

int
dag_stmt_column_int (DagStmt *stmt,
                     int      col)
{
  if (stmt->lite != NULL)
    return sqlite3_column_int (stmt->lite, col);
  return (int) dag_stmt_column_int64 (stmt, col);
}

double
dag_stmt_column_double (DagStmt *stmt,
                        int      col)
{
  const char *v;

  if (stmt->lite != NULL)
    return sqlite3_column_double (stmt->lite, col);
  v = pg_value (stmt, col);
  return v != NULL ? g_ascii_strtod (v, NULL) : 0.0;
}

gboolean
dag_stmt_column_is_null (DagStmt *stmt,
                         int      col)
{
  if (stmt->lite != NULL)
    return sqlite3_column_type (stmt->lite, col) == SQLITE_NULL;
  return pg_value (stmt, col) == NULL;
}

DagValue *
dag_stmt_column_value (DagStmt *stmt,
                       int      col)
{
  DagValue *v = g_new0 (DagValue, 1);

  if (stmt->lite != NULL)
    {
      v->type = sqlite3_column_type (stmt->lite, col);
      switch (v->type)
        {
        case SQLITE_INTEGER:
          v->i = sqlite3_column_int64 (stmt->lite, col);
          break;
        case SQLITE_FLOAT:
          v->d = sqlite3_column_double (stmt->lite, col);
          break;
        case SQLITE_TEXT:
        case SQLITE_BLOB:
          v->len = sqlite3_column_bytes (stmt->lite, col);
          v->text = g_memdup2 (v->type == SQLITE_TEXT ? (const void *) sqlite3_column_text (stmt->lite, col)
                                                      : sqlite3_column_blob (stmt->lite, col),
                               (gsize) v->len + 1);
          break;
        default:
          break;
        }
      return v;
    }
  /* PostgreSQL's text is exact for every type it holds (floats too, with
   * its shortest round-trip output). */
  v->text = g_strdup (pg_value (stmt, col));
  v->type = v->text != NULL ? SQLITE_TEXT : SQLITE_NULL;
  return v;
}

void
dag_value_free (DagValue *value)
{
  if (value == NULL)
    return;
  g_free (value->text);
  g_free (value);
}
