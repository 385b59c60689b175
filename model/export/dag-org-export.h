/* dag-org-export.h — writes an organisation as the organisation file of
 * INTERFACES.md §1, the same shape the importer reads. */

#pragma once

#include <glib.h>

#include "dag-org.h"

G_BEGIN_DECLS

/* The whole organisation as pretty-printed JSON (2-space indent, keys in
 * the order of INTERFACES.md §1, optional fields left out at their
 * defaults).  Returns a newly allocated nul-terminated string; its length
 * without the nul goes to *length when length is not NULL.  The text holds
 * BSNs: write it with mode 0600. */
char *dag_org_export_json (const DagOrg *org,
                           gsize        *length);

/* Writes value in the shortest form that reads back (g_ascii_strtod) as
 * the same double, e.g. "1.3", "4", "3.5", into buf (G_ASCII_DTOSTR_BUF_SIZE
 * bytes) and returns buf. */
const char *dag_export_format_double (double value,
                                      char  *buf);

G_END_DECLS
