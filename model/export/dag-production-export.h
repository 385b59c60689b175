/* dag-production-export.h — a month's production as the CSV of
 * INTERFACES.md §2 and as a summary table for people.  (The declarations
 * a municipality takes are iWmo WMO323 messages: dag-declare.h.) */

#pragma once

#include "dag-production.h"

G_BEGIN_DECLS

typedef enum {
  /* RFC 4180: comma separated, CRLF line ends, fields holding a comma, a
   * double quote, CR or LF in double quotes (quotes doubled); amount_cents
   * in whole cents. */
  DAG_CSV_DIALECT_RFC4180,
  /* For Dutch spreadsheets: the same quoting, semicolons, and the last
   * column, named "bedrag" instead of amount_cents, holding euros with a
   * decimal comma and two decimals ("1234,50"; no thousands separator), as
   * INTERFACES.md §2 says. */
  DAG_CSV_DIALECT_NL,
} DagCsvDialect;

/* The CSV of the lines of municipality (index, -1 for all), header first.
 * Returns a new string; *length is set to its length. */
char  *dag_production_to_csv     (const DagOrg        *org,
                                  const DagProduction *production,
                                  int                  municipality,
                                  DagCsvDialect        dialect,
                                  gsize               *length);

/* Whether municipality (index) has any line. */
gboolean dag_production_has_lines (const DagProduction *production,
                                   int                  municipality);

/* The lines of municipality (index, -1 for all) added up per
 * municipality and contract product code: the rows of the summary. */
typedef struct {
  int    municipality;
  int    contract;                  /* of the first line with that code */
  int    product;                   /* index into that contract's products */
  int    lines;                     /* indications (or transport lines) */
  gint64 units;
  gint64 cents;
} DagProductionSum;

/* A new array of DagProductionSum by municipality code, then product code. */
GArray *dag_production_sums      (const DagOrg        *org,
                                  const DagProduction *production,
                                  int                  municipality);

/* A table for people (translated): per municipality and product the
 * indications, units and amount, totals, the HBO/MBO mix per group, and
 * the problems. */
char  *dag_production_summary    (const DagOrg        *org,
                                  const DagProduction *production,
                                  int                  municipality);

/* Cents as "1234,50" (separator ',') or "1234.50". */
char  *dag_cents_format          (gint64 cents,
                                  char   separator);

G_END_DECLS
