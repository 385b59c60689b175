/* dag-iwmo-import.h — reading what municipalities send back in iWmo 3.2:
 * WMO301 allocations (they create, change or end indications, listed as
 * differences before they are applied) and WMO325 answers to a
 * declaration (accepted and rejected lines, stored on the ledger). */

#pragma once

#include <glib.h>

#include "dag-org.h"
#include "dag-store.h"

G_BEGIN_DECLS

#define DAG_IWMO_IMPORT_ERROR (dag_iwmo_import_error_quark ())

/* Every message names the XML line (and element) or the allocation or
 * reference it is about; it never contains a full BSN. */
typedef enum {
  DAG_IWMO_IMPORT_ERROR_SYNTAX,            /* not XML, a DTD, or too large */
  DAG_IWMO_IMPORT_ERROR_SCHEMA,            /* not this message, or fails its schema */
  DAG_IWMO_IMPORT_ERROR_UNKNOWN_CLIENT,    /* no participant has the BSN */
  DAG_IWMO_IMPORT_ERROR_UNKNOWN_REFERENCE, /* a declaration or line the ledger lacks */
  DAG_IWMO_IMPORT_ERROR_NOT_APPLICABLE,    /* an allocation that cannot become an indication */
  DAG_IWMO_IMPORT_ERROR_NOT_SENT,          /* an answer to a declaration not marked sent */
} DagIwmoImportError;

GQuark dag_iwmo_import_error_quark (void);

/* Messages larger than this are refused (iWmo OP179: at most 25 MB). */
#define DAG_IWMO_MAX_BYTES (25 * 1000 * 1000)

/* ---- WMO301: allocations ------------------------------------------------ */

typedef enum {
  DAG_WMO301_NEW,        /* a new indication */
  DAG_WMO301_CHANGED,    /* fields of a stored indication change */
  DAG_WMO301_ENDED,      /* deleted (RedenWijziging 13) or its end moves earlier */
  DAG_WMO301_UNCHANGED,  /* the stored indication says the same already */
  DAG_WMO301_IGNORED,    /* a deleted allocation that was never stored */
} DagWmo301Kind;

typedef struct {
  DagWmo301Kind  kind;
  char          *allocation_number;   /* ToewijzingNummer, canonical digits */
  int            line;                /* of the ToegewezenProduct in the XML */
  int            indication;          /* index in org; -1 for NEW and IGNORED */
  DagIndication  value;               /* the indication as it will be (owns its strings) */
  GPtrArray     *changes;             /* of char *, "End: 2026-12-31 → 2026-06-30" (translated) */
  char          *note;                /* a choice the import made (the level of a new
                                       * indication, an open end), or NULL */
} DagWmo301Difference;

typedef struct {
  char      *message_id;      /* BerichtIdentificatie */
  int        municipality;    /* index in org of the sender */
  int        participant;     /* index in org of the client */
  char      *client;          /* the client's masked BSN */
  GPtrArray *differences;     /* of DagWmo301Difference, in message order */
} DagWmo301;

/* Reads a WMO301 message (strictly: no DTD, no network, at most
 * DAG_IWMO_MAX_BYTES), checks it against the WMO301 schema and computes
 * its differences with the indications in org.  org is only read (its
 * lookup index may be built).  Nothing is changed.  Free the result with
 * dag_wmo301_free(). */
DagWmo301 *dag_wmo301_read      (const char *xml,
                                 gsize       length,
                                 DagOrg     *org,
                                 GError    **error);
void       dag_wmo301_free      (DagWmo301 *import);
/* How many differences of that kind import has. */
guint      dag_wmo301_count     (const DagWmo301 *import,
                                 DagWmo301Kind    kind);
/* One line for people: "New allocation 101: indication I000005, …" or
 * "Changed allocation 102 (indication I1): Volume: 4 per week → 3 per
 * week; …".  Newly allocated; no BSN. */
char      *dag_wmo301_describe  (const DagWmo301Difference *difference,
                                 const DagOrg              *org);
/* Writes the new, changed and ended indications into store in one
 * transaction with an audit entry "import wmo301", and then into org
 * (which must be the snapshot import was read against).  On error
 * neither changes. */
gboolean   dag_wmo301_apply     (const DagWmo301 *import,
                                 DagStore        *store,
                                 DagOrg          *org,
                                 GError         **error);

/* ---- WMO325: the answer to a declaration -------------------------------- */

typedef struct {
  char      *reference;       /* ReferentieNummer */
  int        line;            /* index of the line in the declaration's lines */
  int        xml_line;        /* of the Prestatie, 0 when the line was not listed */
  char      *client;          /* masked BSN */
  GStrv      codes;           /* every return code given for the line */
  char      *code;            /* the one stored on the ledger: the first that rejects */
  gboolean   accepted;
} DagWmo325Line;

typedef struct {
  char      *number;          /* DeclaratieNummer */
  int        declaration;     /* index in org->declarations */
  char      *refusal_code;    /* a code that refused the whole declaration, or NULL */
  gint64     submitted_cents; /* TotaalIngediendBedrag (debit positive), when given */
  gint64     granted_cents;   /* TotaalToegekendBedrag */
  gboolean   has_totals;
  guint      n_accepted;
  guint      n_rejected;
  GPtrArray *lines;           /* of DagWmo325Line: every line of the declaration, in
                               * ledger order */
} DagWmo325;

/* Reads a WMO325 message (as strictly as a WMO301) and matches it with the
 * declaration ledger in org: the lines it lists are rejected (unless they
 * only carry 0200), the other lines of the declaration accepted, all of
 * them rejected when the message or the declaration was refused as a
 * whole.  A reference or declaration the ledger lacks is an error naming
 * them.  Nothing is changed. */
DagWmo325 *dag_wmo325_read      (const char   *xml,
                                 gsize         length,
                                 const DagOrg *org,
                                 GError      **error);
void       dag_wmo325_free      (DagWmo325 *answer);
/* Stores the answer on the ledger lines (has_response, response_code,
 * response_accepted) in store (one transaction, audit "import wmo325")
 * and in org.  On error neither changes. */
gboolean   dag_wmo325_apply     (const DagWmo325 *answer,
                                 DagStore        *store,
                                 DagOrg          *org,
                                 GError         **error);

/* What an iWmo return code (WJ001) means, in the user's language, or NULL
 * for a code this program does not know. */
const char *dag_iwmo_return_code_text (const char *code);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DagWmo301, dag_wmo301_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DagWmo325, dag_wmo325_free)

G_END_DECLS
