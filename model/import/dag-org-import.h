/* dag-org-import.h — reads an organisation file (INTERFACES.md §1) into a
 * DagOrg, checking everything before anything reaches the database. */

#pragma once

#include <glib.h>

#include "dag-org.h"

G_BEGIN_DECLS

#define DAG_IMPORT_ERROR (dag_import_error_quark ())

/* Every message is "JSON.path: reason" (a syntax error: "line L, column C:
 * reason"); it never contains a BSN. */
typedef enum {
  DAG_IMPORT_ERROR_SYNTAX,             /* not JSON */
  DAG_IMPORT_ERROR_TYPE,               /* a string where a number belongs, … */
  DAG_IMPORT_ERROR_UNKNOWN_FIELD,
  DAG_IMPORT_ERROR_MISSING_FIELD,
  DAG_IMPORT_ERROR_DANGLING_REFERENCE, /* an id that names no record */
  DAG_IMPORT_ERROR_DUPLICATE_ID,       /* an id, a store key or a field, given twice */
  DAG_IMPORT_ERROR_INVALID_VALUE,      /* the right type, but a wrong value */
} DagImportError;

GQuark  dag_import_error_quark (void);

/* Parses and checks a whole organisation file; returns a new DagOrg (free
 * with dag_org_free) or NULL with error set.  length is in bytes, or
 * (gsize) -1 when data is nul-terminated. */
DagOrg *dag_org_import_json    (const char *data,
                                gsize       length,
                                GError    **error);
/* The same, reading the file at path (file errors are G_FILE_ERROR). */
DagOrg *dag_org_import_file    (const char *path,
                                GError    **error);

G_END_DECLS
