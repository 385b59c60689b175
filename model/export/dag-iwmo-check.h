/* dag-iwmo-check.h — the local check of an iWmo 3.2 WMO323 declaration
 * before it is sent: the official schema (libxml2; data/iwmo/xsd, compiled
 * into the library as a resource, nothing read from disk) and the
 * technical rules a municipality applies (TR314, TR318, TR321/322 with
 * IV077, TR323, TR333, TR338–341, TR346, TR358, TR387/388, TR389/416,
 * TR418), checked on the XML as written, independently of the code that
 * wrote it. */

#pragma once

#include "dag-org.h"

G_BEGIN_DECLS

typedef struct {
  char *rule;        /* "XSD", "TR346", … */
  char *client;      /* the client's BSN masked ("*****2782"), or NULL */
  char *reference;   /* the line's ReferentieNummer, or NULL */
  int   line;        /* line number in the XML, 0 when unknown */
  char *message;     /* translated, no full BSN */
} DagIwmoFinding;

void dag_iwmo_finding_free (DagIwmoFinding *finding);

/* The findings (of DagIwmoFinding; empty when the message is fine) of one
 * WMO323 message.  org, when not NULL, is what the rules that compare
 * with the organisation use (allocations, contract tariffs, the ledger of
 * earlier declarations for TR314, TR318 and TR323); the message itself
 * is not expected to be in org's ledger yet (an unsent declaration of the
 * same municipality and month there is taken as the one it replaces and
 * left out).  Findings come in line order; a message that is not
 * well-formed gives one "XSD" finding and no rules.  Safe to call from
 * any thread.  NULL with error (DAG_IWMO_CHECK_ERROR) only when the
 * schema can not be loaded. */
GPtrArray *dag_iwmo_check_wmo323 (const char   *xml,
                                  gsize         length,
                                  const DagOrg *org,
                                  GError      **error);

/* The findings of validating any iWmo message against the schema file
 * xsd_name of the schemas the program carries, schema only: "WMO323.xsd",
 * "WMO301.xsd" or "WMO325.xsd" (derived from the Jeugdwet JW325, see
 * data/iwmo/README.md); any other name is DAG_IWMO_CHECK_ERROR_SCHEMA. */
GPtrArray *dag_iwmo_check_schema (const char  *xml,
                                  gsize        length,
                                  const char  *xsd_name,
                                  GError     **error);

/* "Line 12, TR346, client *****2782, R000000000001: …" for people. */
char      *dag_iwmo_finding_describe (const DagIwmoFinding *finding);

#define DAG_IWMO_CHECK_ERROR (dag_iwmo_check_error_quark ())
GQuark dag_iwmo_check_error_quark (void);

typedef enum {
  DAG_IWMO_CHECK_ERROR_SCHEMA,     /* the schema can not be loaded */
} DagIwmoCheckError;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DagIwmoFinding, dag_iwmo_finding_free)

G_END_DECLS
