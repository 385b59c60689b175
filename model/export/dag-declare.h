/* dag-declare.h — declaring a month to the municipalities as iWmo 3.2
 * WMO323 messages (INTERFACES.md §2a, DOMAIN.md "Attendance and
 * production"): the lines from the month's production (a staffel's
 * tiers as lines of their own), corrections of a sent month as credit
 * and debit lines against the ledger (org->declarations), the XML, its
 * local check, and writing the files. */

#pragma once

#include "dag-production.h"

G_BEGIN_DECLS

typedef struct {
  int             municipality;
  DagDeclaration *declaration;   /* the new ledger entry (owned; not in org) */
  char           *replaces;      /* number of the unsent declaration it replaces, or NULL (owned) */
  char           *file_name;     /* WMO323-<code>-<YYYY-MM>-<number>.xml */
  char           *xml;
  gsize           length;
  gint64          total_cents;   /* debit − credit (TR358) */
  guint           n_debit, n_credit;
  GPtrArray      *findings;      /* of DagIwmoFinding from the local check */
} DagDeclareMessage;

typedef struct {
  int        year, month;
  GPtrArray *messages;   /* of DagDeclareMessage, by municipality code */
  GPtrArray *unchanged;  /* municipality codes (char *) of sent months without a difference */
  GPtrArray *withdrawn;  /* numbers (char *) of unsent declarations of the month that are
                          * dropped without a successor: nothing (more) to declare */
} DagDeclareResult;

/* The declarations of production's month for municipality (index, -1 for
 * all with production or a declaration for the month).  today is the
 * Dagtekening.  Numbers ("D<code><YYYYMM>", then a suffix) and references
 * ("R" + 12 digits) continue from the ledger, so they never repeat.  A
 * municipality whose month was sent gets only the differences with the
 * lines that stand (debits not credited and not rejected): a credit line
 * per changed or removed line, a debit line per new value.  Fails with
 * DAG_DECLARE_ERROR_NOT_DECLARABLE and a message naming every contract
 * product and indication that can not be declared (and what is missing)
 * when any line of a municipality can not; then nothing is returned.
 * Messages with findings are returned: the caller decides (the CLI and
 * the window refuse to write them). */
DagDeclareResult *dag_declare_month (const DagOrg        *org,
                                     const DagProduction *production,
                                     int                  municipality,
                                     DagDate              today,
                                     GError             **error);
void              dag_declare_result_free (DagDeclareResult *result);

/* Writes every message of result into folder, each to a temp file renamed
 * into place (mode 0600: BSNs); on failure none is left behind. */
gboolean dag_declare_result_write (const DagDeclareResult *result,
                                   const char             *folder,
                                   GError                **error);

/* Records result in org's ledger: an unsent declaration of the same
 * municipality and month is replaced, a sent one stays and the new one
 * (its corrections) is added; the withdrawn ones are removed.  Moves the
 * declarations out of result (message->declaration becomes NULL). */
void     dag_declare_result_apply (DagDeclareResult *result,
                                   DagOrg           *org);

/* Marks declaration number as sent on date: its month is final.
 * DAG_DECLARE_ERROR_NOT_FOUND, or _ALREADY_SENT. */
gboolean dag_declaration_mark_sent (DagOrg     *org,
                                    const char *number,
                                    DagDate     date,
                                    GError    **error);

/* Debit − credit of a declaration's lines, in cents (negative: a credit). */
gint64   dag_declaration_total_cents (const DagDeclaration *declaration);

#define DAG_DECLARE_ERROR (dag_declare_error_quark ())
GQuark dag_declare_error_quark (void);

typedef enum {
  DAG_DECLARE_ERROR_NOT_DECLARABLE,
  DAG_DECLARE_ERROR_NOT_FOUND,
  DAG_DECLARE_ERROR_ALREADY_SENT,
  DAG_DECLARE_ERROR_INVALID,      /* the local check found problems */
} DagDeclareError;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DagDeclareResult, dag_declare_result_free)

G_END_DECLS
