/* dag-production-view.h — the Production view: a month's billable units
 * per municipality and product, the problems, two charts, and the exports
 * the command line makes. */

#pragma once

#include <adwaita.h>

#include "dag-org.h"
#include "dag-store.h"

G_BEGIN_DECLS

#define DAG_TYPE_PRODUCTION_TOTAL (dag_production_total_get_type ())
G_DECLARE_FINAL_TYPE (DagProductionTotal, dag_production_total, DAG, PRODUCTION_TOTAL, GObject)

/* One row of the totals: a municipality and a contract product. */
const char *dag_production_total_get_municipality (DagProductionTotal *self);
const char *dag_production_total_get_product      (DagProductionTotal *self);
int         dag_production_total_get_units        (DagProductionTotal *self);
gint64      dag_production_total_get_amount_cents (DagProductionTotal *self);

#define DAG_TYPE_PRODUCTION_VIEW (dag_production_view_get_type ())
G_DECLARE_FINAL_TYPE (DagProductionView, dag_production_view, DAG, PRODUCTION_VIEW, AdwBin)

/* org_box is a g_rc_box holding the window's DagOrg pointer; the view and
 * its computations each hold a reference, so that a computation still
 * running when the window goes away reads a live organisation.  NULL
 * clears the view.  The view changes only the organisation's ledger of
 * declarations (declaring a month, marking a declaration as sent), saves
 * it to the store and then emits "changed". */
void        dag_production_view_set_org     (DagProductionView *self,
                                             DagOrg           **org_box);
/* Shows year-month (computed on a worker thread). */
void        dag_production_view_set_month   (DagProductionView *self,
                                             int                year,
                                             int                month);
void        dag_production_view_get_month   (DagProductionView *self,
                                             int               *year,
                                             int               *month);
/* The organisation changed (attendance, the plan, records): computes
 * again, now when shown, else when next shown. */
void        dag_production_view_invalidate  (DagProductionView *self);
/* Whether a computation is running or waiting to be shown. */
gboolean    dag_production_view_is_busy     (DagProductionView *self);
/* The totals shown (DagProductionTotal), by municipality and product. */
GListModel *dag_production_view_get_totals  (DagProductionView *self);
/* The problems shown (GtkStringObject, one description each). */
GListModel *dag_production_view_get_problems (DagProductionView *self);
/* The occupancy chart shown: per group (in org->groups order) the sessions
 * that take place in the month as a percentage of the places offered;
 * *n_groups is set to their number (0 while nothing is shown).  Owned by
 * the view. */
const double *dag_production_view_get_occupancy (DagProductionView *self,
                                                 guint             *n_groups);

/* Writes the export of the month shown, as the file chooser does: format
 * "csv" (RFC 4180, all municipalities), "summary" or "pdf" (the report) to
 * the file path, or
 * "xml" (one iWmo WMO323 declaration per municipality) into the folder
 * path, or "declare" (the same, recorded in the ledger as the Declare
 * button does; nothing is written when the local check finds problems).  Atomic, owner-only files; *n_files (may be NULL) is set to the
 * number written. */
gboolean    dag_production_view_save        (DagProductionView  *self,
                                             const char         *format,
                                             const char         *path,
                                             guint              *n_files,
                                             GError            **error);

/* The store the calendars are read from and their SEQUENCE kept in (the
 * window's; NULL turns the calendar exports off). */
void        dag_production_view_set_store   (DagProductionView *self,
                                             DagStore          *store);
/* Writes the calendar of the record of kind with id to the .ics file
 * path, or with id NULL every record of kind into the folder path (one
 * "<id>.ics" each), as "dagritme export ical" does, on a worker thread
 * with its own connection to the store.  Atomic, owner-only files. */
void        dag_production_view_export_calendar_async  (DagProductionView   *self,
                                                        DagKind              kind,
                                                        const char          *id,
                                                        const char          *path,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
/* n_files (may be NULL) receives the number of files written. */
gboolean    dag_production_view_export_calendar_finish (DagProductionView  *self,
                                                        GAsyncResult       *result,
                                                        guint              *n_files,
                                                        GError            **error);
/* The calendar chooser dialog while it is open, else NULL. */
GtkWindow  *dag_production_view_get_calendar_dialog    (DagProductionView *self);

G_END_DECLS
